"""Meetings: one record per meeting an article reports, with its mentions merged.

A meeting is found by its head word ("kỳ họp", "hội nghị", "đại hội" …, ``rules/meetings.yaml``)
and the phrase around it: the body holding it ("Ban Chấp hành Đảng bộ huyện", written after
the head word or as the subject before "tổ chức"), the term ("khóa XXV" -> 25), the session
("lần thứ 3", "thứ ba", "lần thứ XXV"), "(mở rộng)". A head word after a number or "các"
("4 kỳ họp") counts meetings, one after "Nghị quyết" ("Nghị quyết Đại hội") names a topic:
neither is a meeting record.

Status: the nearest cue before the head word in its clause ("đã tổ chức" held, "chuẩn bị tổ
chức" planned), a cue right after the phrase ("sẽ khai mạc", "kỳ họp tới"), or a date after
the publication date. Held meetings go to ``records["meetings"]``; planned ones to
``records["planned_meetings"]`` (the annotation guideline does not count a plan as a meeting).

Then the links: the date (a date record in the sentence, else the article's lead date for
the meeting the lead reports), the chair (the official before "chủ trì" / after "chủ trì …
là"), the attendees ("Dự hội nghị có các đồng chí …") and the location ("tại Hội trường …").
Officials come from ``records["officials"]`` (``name`` + ``mentions`` [{text, span}]); a name
after an honorific ("đồng chí Nguyễn Văn A") is used when no official record covers it.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Iterable

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..component import ConfigState
from ..document import add_record, prepare
from ..numbers import NumberWords, parse_roman
from ..phrases import NameReader, token_bounds
from ..recognise.base import alternation
from ..recognise.prefilter import WORD_CHARS, QuickSearch, casefolded, heads_of
from ..rules import Rules, fold, load_rules

_I = regex.IGNORECASE | regex.V1
_ROMAN = r"(?-i:[IVXLCDM]{1,8})"
_ISO = regex.compile(r"\d{4}-\d{2}-\d{2}")
_WORD = regex.compile(r"\S+")
_NEXT_WORD = regex.compile(r"[\s,(]*([^\s,()]+)")
_NUMBER = regex.compile(r"\d(?:[\d.,]*\d)?")
_LIST_SEP = regex.compile(r"[;:,]")

_CLAUSE_END = regex.compile(r"[,;.:()\n]")
_BODY_LEAD = regex.compile(r"\s+của\s+|\s*,\s*|\s+", _I)
_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\d]")
_LETTERS = regex.compile(r"\p{L}+")
_COMMA_NEXT = regex.compile(r"\s*,")


def _starting_with(pattern: regex.Pattern, words: Iterable[str]) -> QuickSearch:
    """Searches of a pattern that starts with one of these words (a whole-word alternation),
    tried only where the case-folded text has one of them."""
    return QuickSearch(pattern, heads_of(words, whole=True), WORD_CHARS)


def _word_search(words: Iterable[str]) -> QuickSearch:
    """Searches of these words and phrases, whole words only, case-insensitive."""
    words = [fold(w) for w in words]
    return _starting_with(regex.compile(alternation(words), _I), words)


@dataclass
class _Texts:
    """A Doc and its texts, read once per Doc: each ``doc._.x`` is a Python-level lookup, and
    the helpers below read the texts at every mention."""
    doc: Doc
    match: str  # doc._.match_text: what the patterns read
    shown: str  # doc._.text: what the records show
    folded: str | None  # the match text case-folded, for the QuickSearch prefilters
    names: "_Ranges | None" = None  # the officials' name mentions

    @classmethod
    def of(cls, doc: Doc) -> "_Texts":
        match = doc._.match_text
        return cls(doc, match, doc._.text, casefolded(match))

    def name_ranges(self) -> "_Ranges":
        if self.names is None:
            spans = []
            for off in self.doc._.records.get("officials", []) or []:
                for men in off.get("mentions") or []:
                    sp = men.get("span") if isinstance(men, dict) else men
                    if sp:
                        spans.append((sp[0], sp[1]))
            self.names = _Ranges(spans)
        return self.names


@dataclass
class Mention:
    start: int
    end: int  # the meeting phrase: head word + session, body, term, "(mở rộng)"
    kind: str
    sentence: tuple[int, int]
    paragraph: int = 0
    body: str | None = None
    term: int | None = None
    session: int | None = None
    expanded: bool = False
    status: str = "held"
    cued: bool = False  # the status came from a cue, not the default
    date: str | None = None
    same_day: bool = False  # "Cùng ngày, …": the date of the meeting reported before

    @property
    def defined(self) -> bool:
        return bool(self.body or self.term or self.session)


@dataclass
class Meeting:
    kind: str
    status: str
    mentions: list[Mention] = field(default_factory=list)
    chair: str | None = None
    attendees: list[str] = field(default_factory=list)
    location: str | None = None
    date: str | None = None
    # the first value of each attribute among the mentions, and the paragraphs mentioned in
    # (kept up to date by ``add``, so grouping stays linear in the number of mentions)
    known: dict[str, Any] = field(default_factory=dict)
    paragraphs: set[int] = field(default_factory=set)

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        self.paragraphs.add(m.paragraph)
        for attr in ("body", "term", "session", "date"):
            value = getattr(m, attr)
            if value and attr not in self.known:
                self.known[attr] = value

    def first(self, attr: str) -> Any:
        return self.known.get(attr)

    @property
    def last(self) -> int:
        return self.mentions[-1].start

    @property
    def main(self) -> Mention:
        """The mention that says most about the meeting (the first such)."""
        return max(self.mentions, key=lambda m: (bool(m.body) + bool(m.session) + bool(m.term)
                                                 + bool(m.date), -m.start))


class MeetingLinker:
    """Reads ``rules/meetings.yaml`` once; called on each Doc after the recognisers."""

    def __init__(self, rules: Rules):
        data = rules["meetings"]
        self.numbers = NumberWords(rules)
        self.kinds = {fold(k).lower(): v for k, v in data["kinds"].items()}
        self.kind_search = _word_search(data["kinds"])
        self.kind_rx = self.kind_search.pattern
        # first syllables of head words ("hội", "kỳ", "đại"): "của" after one of them belongs
        # to that other meeting, not to this one's body
        self.kind_first = {fold(k).lower().split()[0] for k in data["kinds"]} - {"buổi", "cuộc", "phiên"}
        self.not_meeting_search = _word_search(data["not_meetings"])
        # the words before a head word are compared as word sequences (no regex search per head)
        self.count_words = {fold(w).lower() for w in data["count_words"]}
        self.references = {fold(k).lower(): {fold(v).lower() for v in vs}
                           for k, vs in (data.get("bare_reference_kinds") or {}).items()}
        self.co_chair_rx = regex.compile(alternation(fold(w) for w in data.get("chair_coordinators", [])),
                                         regex.IGNORECASE | regex.V1)
        self.co_chair_max_gap = int(data.get("chair_coordinator_max_gap", 200))
        self.joint_chair_rx = regex.compile(
            alternation((fold(w) for w in data.get("joint_chair_verbs", [])), boundary=False) + r"\Z",
            regex.IGNORECASE | regex.V1)
        self.session_ordinal_leads = {fold(w).lower() for w in data.get("ordinal_leads", [])}
        self.topic_words = {fold(w).lower() for w in data["topic_before"]}
        self.topic_exceptions = {fold(w).lower() for w in data["topic_exceptions"]}
        self.generic_rx = regex.compile(
            rf"\s*,?\s*{alternation(fold(w) for w in data['generic_after'])}", _I)

        self.cue_label: dict[str, str] = {}
        for label, key in (("weak", "weak_held_cues"), ("held", "held_cues"), ("planned", "planned_cues"),
                           ("modal", "modal_cues"), ("future", "future_cues"),
                           ("organised", "organised_cues")):
            for w in data[key]:
                self.cue_label[fold(w).lower()] = label
        self.cue_search = _word_search(self.cue_label)
        self.next_rx = regex.compile(rf"\s*{alternation(fold(w) for w in data['planned_next'])}", _I)
        self.after_label = {fold(w).lower(): "held" for w in data["held_after"]}
        self.after_label.update({fold(w).lower(): "planned" for w in data["planned_after"]})
        self.after_search = _word_search(self.after_label)
        self.after_max = int(data.get("after_max_chars", 80))
        self.date_after_words = int(data.get("date_after_max_words", 12))
        self.day_range_join = regex.compile(
            rf"\s{{0,3}}{alternation(fold(w) for w in data.get('day_range_joins', []))}\s{{0,3}}(?:ngày\s{{1,3}})?", _I) \
            if data.get("day_range_joins") else None

        self.body_head_search = _word_search(data["body_heads"])
        self.body_head_rx = self.body_head_search.pattern
        self.body_needs_name = {fold(h).lower() for h in data.get("body_heads_needing_name", [])}
        self.body_reader = NameReader(data["body_inner_words"], data["body_not_last"],
                                      int(data.get("body_max_words", 10)))
        self.body_abbrev = {fold(k).lower(): fold(v).lower()
                            for k, v in (data.get("body_abbreviations") or {}).items()}
        term_word = regex.escape(fold(data["term_word"]))
        term = rf"{term_word}\s+(?P<t>{_ROMAN}|\d{{1,3}})(?![\p{{L}}\d])"
        self.term_rx = regex.compile(rf"\s*,?\s*{term}", _I)
        links = alternation(fold(w) for w in data["body_subject_links"])
        # the subject gap ends with one of these words: a text before the head word that ends
        # otherwise has no subject body, and its body heads need not be read
        self.link_last_syllables = tuple({fold(w).casefold().split()[-1] for w in data["body_subject_links"]})
        tenure = rf"{regex.escape(fold(data['tenure_word']))}\s+\d{{4}}\s*[-–]\s*\d{{4}}"
        self.subject_gap_rx = regex.compile(
            rf"[\s,]*(?:{term}[\s,]*)?(?:{tenure}[\s,]*)?(?:{links}\s*){{1,3}}", _I)
        self.body_of_stop = {fold(w).lower() for w in data["body_of_stop"]}
        self.body_of_max = int(data.get("body_of_max_words", 10))

        self.ordinals = {fold(k).lower(): v for k, v in data["ordinal_words"].items()}
        spelled = alternation(list(self.ordinals) + list(self.numbers.digits))
        self.session_rx = regex.compile(
            rf"\s*,?\s*(?:{alternation(fold(w) for w in data['session_words'])})\s+"
            rf"(?P<v>{_ROMAN}(?![\p{{L}}\d])|\d{{1,3}}(?![\p{{L}}\d]|[.,/]\d)"
            rf"|{spelled}(?:\s+{spelled}){{0,2}})", _I)
        expanded = alternation(fold(w) for w in data["expanded_words"])
        self.expanded_rx = regex.compile(rf"\s*(?:\(\s*{expanded}\s*\)|,?\s*{expanded})", _I)
        self.same_day_search = _word_search(data["same_day_words"])
        self.today_search = _word_search(data.get("today_words", []))
        self.filler_rx = regex.compile(rf"\s+{alternation(fold(w) for w in data['phrase_fillers'])}", _I)
        # first words of every piece a meeting phrase can continue with: a quick test before
        # the regexes
        def firsts(words):
            return {fold(w).lower().split()[0] for w in words}

        self.first_session = firsts(data["session_words"])
        self.first_expanded = firsts(data["expanded_words"])
        self.first_term = firsts([data["term_word"]])
        self.first_body = firsts(data["body_heads"]) | {"của"}
        self.first_filler = firsts(data["phrase_fillers"])
        self.phrase_first = (self.first_session | self.first_expanded | self.first_term
                             | self.first_body | self.first_filler)

        self.chair_search = _word_search(data["chair_verbs"])
        self.opener_search = _word_search(data.get("opener_verbs", []))
        self.opener_kinds = {fold(k).lower() for k in data.get("opener_chair_kinds", [])}
        self.opener_titles = tuple(fold(t).lower() for t in data.get("opener_chair_titles", []))
        self.chair_not_after_rx = regex.compile(
            rf"\s*,?\s*{alternation(fold(w) for w in data['chair_not_after'])}", _I)
        kinds = alternation(fold(k) for k in data["kinds"])
        chair_after = alternation(fold(w) for w in data["chair_after"] if w != ":")
        self.chair_after_rx = regex.compile(
            rf"(?:\s+{kinds}(?:\s+[^\s.;:,]+){{0,8}}?)?\s*(?:{chair_after}|:)\s*", _I)
        leads = alternation(fold(w) for w in data["attendee_leads"])
        att_links = alternation(fold(w) for w in data["attendee_links"])
        self.attendee_search = _starting_with(regex.compile(
            rf"{leads}(?:\s+(?P<kind>{kinds}))?(?:\s+[^\s.;:,]+){{0,6}}?\s*,?\s+{att_links}", _I),
            data["attendee_leads"])

        self.location_search = _starting_with(regex.compile(
            rf"{alternation(fold(w) for w in data['location_lead'])}\s+", _I), data["location_lead"])
        self.location_head_rx = regex.compile(alternation(fold(w) for w in data["location_heads"]), _I)
        self.location_reader = NameReader(data["location_inner_words"], ["-"], 10)

        hon = alternation(fold(w) for w in data["honorifics"])
        surnames = alternation(fold(w) for w in data["surnames"])
        name = rf"(?P<name>(?-i:{surnames})(?:\s+\p{{Lu}}[\p{{Ll}}']*){{1,4}})(?![\p{{L}}])"
        self.name_search = _starting_with(regex.compile(rf"(?i:{hon})\s*:?\s+{name}", regex.V1),
                                          data["honorifics"])
        # an item of an attendee list: "…có các đồng chí: Nguyễn Văn A, …; Trần Thị B, …"
        self.list_name_rx = regex.compile(rf"[\s:;,]*(?:(?i:các\s+)?(?i:{hon})\s*:?\s+)?{name}", regex.V1)

    # --- what stands before a head word -----------------------------------------------
    def _counted(self, words: list[str]) -> bool:
        """ "4 kỳ họp", "các kỳ họp", "một số hội nghị": a count or a class of meetings."""
        if not words:
            return False
        # "ngày làm việc thứ 2 kỳ họp", "phiên thứ hai hội nghị": an ordinal, not a count
        if len(words) >= 2 and words[-2] in self.session_ordinal_leads:
            return False
        return (words[-1] in self.count_words or bool(_NUMBER.fullmatch(words[-1]))
                or " ".join(words[-2:]) in self.count_words)

    def _topic(self, words: list[str]) -> bool:
        """ "Nghị quyết Đại hội", "quán triệt kết quả Hội nghị": the meeting is a topic."""
        if words and words[-1] == "của":
            words = words[:-1]
        for n in range(1, min(4, len(words)) + 1):
            if " ".join(words[-n:]) in self.topic_words:
                return not any(" ".join(words[-k:]) in self.topic_exceptions
                               for k in range(n + 1, len(words) + 1))
        return False

    # --- the phrase around a head word --------------------------------------------------
    def _session_value(self, words: str) -> tuple[int | None, int]:
        """(value, characters used) for "3", "XXV", "ba", "mười hai"."""
        if words[:1].isdigit():
            return int(words), len(words)
        roman = parse_roman(words) if words.isupper() else None
        if roman:
            return roman, len(words)
        parts = words.split()
        for n in range(len(parts), 0, -1):
            chunk = " ".join(parts[:n])
            low = chunk.lower()
            value = self.ordinals.get(low) if n == 1 else None
            value = value or self.numbers.parse_spelled(low)
            if value:
                return value, len(chunk)
        return None, 0

    def _head_ok(self, head) -> bool:
        """A generic head ("Hội", "Bộ", "Sở") only when capitalised: "hội nghị" is no body."""
        word = head.group()
        return word[:1].isupper() or word.lower() not in self.body_needs_name

    def _body_at(self, t: _Texts, pos: int) -> tuple[str, int] | None:
        head = self.body_head_rx.match(t.match, pos)
        if not head or not self._head_ok(head):
            return None
        span = self.body_reader.read(t.doc, head.start(), first_end=head.end(), need_capital=False)
        if not span or span[1] <= head.end() and head.group().lower() in self.body_needs_name:
            return None
        return t.shown[span[0]:span[1]], span[1]

    def _phrase(self, t: _Texts, m: Mention, floor: int = 0) -> None:
        """Read session, body, term, "(mở rộng)" after the head word; extends ``m.end``."""
        text = t.match
        pos = m.end
        for _ in range(8):
            nw = _NEXT_WORD.match(text, pos)
            first = nw.group(1).lower() if nw else ""
            if first not in self.phrase_first:
                break  # the next word starts none of the pieces below
            if m.session is None and first in self.first_session and (s := self.session_rx.match(text, pos)):
                value, used = self._session_value(s["v"])
                if value:
                    m.session, pos = value, s.start("v") + used
                    continue
            if not m.expanded and first in self.first_expanded and (e := self.expanded_rx.match(text, pos)):
                m.expanded, pos = True, e.end()
                continue
            if m.term is None and first in self.first_term and (tm := self.term_rx.match(text, pos)):
                m.term = parse_roman(tm["t"]) if not tm["t"].isdigit() else int(tm["t"])
                pos = tm.end()
                continue
            if m.body is None and first in self.first_body and (lead := _BODY_LEAD.match(text, pos)):
                # "Kỳ họp thứ 12, HĐND tỉnh": a comma only after a session ("Tại hội nghị,
                # UBND tỉnh …" starts a new clause)
                if lead.group().strip() != "," or m.session:
                    body = self._body_at(t, lead.end())
                    if body:
                        m.body, pos = body
                        continue
            if first in self.first_filler and (f := self.filler_rx.match(text, pos)) and not _LETTER_OR_DIGIT.match(text[f.end():f.end() + 1]):
                pos = f.end()
                continue
            break
        m.end = pos
        if m.body is None:
            m.body = self._body_of(t, pos) or self._body_before(t, m, floor)

    def _body_of(self, t: _Texts, pos: int) -> str | None:
        """ "Hội nghị sơ kết 6 tháng đầu năm của Ban Thường vụ Huyện ủy" -> the body."""
        text = t.match
        end = min(len(text), pos + 12 * self.body_of_max)
        words = 0
        prev = ""
        for w in _WORD.finditer(text, pos, end):
            word = w.group()
            low = word.lower()
            if low == "của":
                body = self._body_at(t, w.end() + 1)
                return body[0] if body else None
            words += 1
            bare = low.strip(",.;:")
            if (words > self.body_of_max or word[-1:] in ",.;:()" or bare in self.body_of_stop
                    or f"{prev} {bare}" in self.body_of_stop or bare in self.kind_first):
                return None
            prev = bare
        return None

    def _body_before(self, t: _Texts, m: Mention, floor: int) -> str | None:
        """ "Ban Chấp hành Đảng bộ huyện khóa XXV, tổ chức Kỳ họp" -> the body (and term).
        ``floor``: the end of the head word before this one (a body never spans one)."""
        text = t.match
        lo = max(m.sentence[0], m.start - 160, floor)
        if not text[lo:m.start].rstrip().casefold().endswith(self.link_last_syllables):
            return None
        for head in self.body_head_search.finditer(text, t.folded, lo, m.start):
            if not self._head_ok(head):
                continue
            span = self.body_reader.read(t.doc, head.start(), first_end=head.end(), need_capital=False)
            if not span or span[1] > m.start:
                continue
            if span[1] <= head.end() and head.group().lower() in self.body_needs_name:
                continue
            if t.name_ranges().overlaps(span[0], span[1]):
                continue  # "Chủ tịch HĐND huyện Sùng Mí Chứ khai mạc kỳ họp": a title, not the subject
            gap = self.subject_gap_rx.fullmatch(text, span[1], m.start)
            if gap:
                if gap["t"] and m.term is None:
                    m.term = parse_roman(gap["t"]) if not gap["t"].isdigit() else int(gap["t"])
                return t.shown[span[0]:span[1]]
        return None

    # --- status -----------------------------------------------------------------------
    def _status(self, text: str, m: Mention, head_start: int, hits: "_DocHits") -> None:
        if self.next_rx.match(text, m.end):
            m.status, m.cued = "planned", True
            return
        after = self._after_cue(text, m, hits)
        if after:
            m.status, m.cued = after, True
            return
        lo = max(m.sentence[0], head_start - 160, text.rfind(";", max(0, head_start - 160), head_start) + 1)
        weak = organised = False
        for label in reversed(hits.cues.labels_between(lo, head_start)):
            if label == "weak":
                weak = True
            elif label == "organised":
                organised = True
            elif label in ("modal", "future"):
                if weak or (organised and label == "future"):
                    m.status, m.cued = "planned", True
                    return
            else:
                m.status, m.cued = label, True
                return
        if weak or organised:
            m.cued = True

    def _after_cue(self, text: str, m: Mention, hits: "_DocHits") -> str | None:
        """The first held/planned cue after the phrase, up to the first comma of its clause, or
        right after that comma ("…, dự kiến tổ chức vào …"); never past another head word."""
        limit = min(m.sentence[1], m.end + self.after_max)
        stop = _CLAUSE_END.search(text, m.end, limit)
        end = stop.start() if stop else limit
        i = bisect.bisect_left(hits.kinds, m.end)
        if i < len(hits.kinds) and hits.kinds[i] < end:
            end = hits.kinds[i]
        labels = hits.after.labels_between(m.end, end)
        if labels:
            return labels[0]
        if stop and stop.group() == ",":
            at = stop.end() + (1 if text[stop.end():stop.end() + 1] == " " else 0)
            return hits.after.label_at(at)
        return None

    # --- the linker -------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        prepare(doc)
        t = _Texts.of(doc)
        text, folded = t.match, t.folded
        records = doc._.records
        _, starts, ends = token_bounds(doc)
        blocked = _Ranges([(x.start(), x.end()) for x in self.not_meeting_search.finditer(text, folded)]
                          + [tuple(d["span"]) for d in records.get("documents", []) if d.get("span")])
        doc_dates = self._document_dates(doc)
        doc_ends = sorted(d["span"][1] for d in records.get("documents", []) if d.get("span"))
        dates = sorted((d["span"][0], d["span"][1], d["value"]) for d in records.get("dates", [])
                       if d.get("span") and d.get("value") and (d["span"][0], d["span"][1]) not in doc_dates)
        date_starts = [d[0] for d in dates]
        published = str((doc._.meta or {}).get("published") or "")[:10]
        published = published if _ISO.fullmatch(published) else None

        para_starts = [p[0] for p in doc._.paragraphs or []]
        sentence_of = _SentenceIndex(doc)
        kind_matches = list(self.kind_search.finditer(text, folded))
        hits = None  # the cues are looked for once a head word is a mention (often none is)
        mentions: list[Mention] = []
        topics: list[Mention] = []
        last_head_end = -1
        floor = 0
        for k in kind_matches:
            if blocked.overlaps(k.start(), k.end()) or k.start() not in starts:
                continue  # "Quốc hội thảo luận" holds no "hội thảo": words, not syllables
            if last_head_end >= 0 and not text[last_head_end:k.start()].strip():
                floor = k.end()
                continue  # "hội nghị giao ban": one meeting, named by its first head word
            last_head_end = k.end()
            prev_floor, floor = floor, k.end()
            sentence = sentence_of(k.start())
            before = text[max(sentence[0], k.start() - 40):k.start()]
            words = before.lower().split()[-5:]
            if self._counted(words):
                continue
            if self._topic(words):
                # kept to tell whether a meeting named in the title is only this topic
                m = Mention(k.start(), k.end(), self.kinds[k.group().lower()], sentence)
                self._phrase(t, m, prev_floor)
                if m.session or m.term:
                    topics.append(m)
                continue
            if words and words[-1] == "của" and _ends_within(doc_ends, k.start() - 40, k.start()):
                continue  # "Kết luận số 21-KL/TW của Hội nghị Trung ương 4": the issuer
            m = Mention(k.start(), k.end(), self.kinds[k.group().lower()], sentence,
                        bisect.bisect_right(para_starts, k.start()))
            self._phrase(t, m, prev_floor)
            if self.generic_rx.match(text, k.end()) or self.generic_rx.match(text, m.end):
                continue
            if hits is None:
                hits = _DocHits(_Hits(self.cue_search, text, folded, starts, ends, self.cue_label),
                                _Hits(self.after_search, text, folded, starts, ends, self.after_label),
                                [k.start() for k in kind_matches])
            self._status(text, m, k.start(), hits)
            m.date, last_day = self._date_of(text, dates, date_starts, m, k.start())
            if m.date and published and not m.date.startswith("X"):
                if last_day > published:   # (a meeting of several days still going on, too)
                    m.status, m.cued = "planned", True
                elif m.status == "planned" and m.date < published:
                    m.date = None  # "tiếp xúc cử tri ngày 19/11 trước kỳ họp thứ 9": not its date
            if m.date is None and published \
                    and self.today_search.search(text, folded, m.sentence[0], k.start()):
                m.date = published   # "Hôm nay, HĐND tỉnh khai mạc kỳ họp": the page's day
            if m.date is None:
                m.same_day = bool(self.same_day_search.search(text, folded, m.sentence[0], k.start()))
            mentions.append(m)
        meetings = self._group(mentions)
        if not meetings:
            return doc
        officials = self._official_mentions(t)
        index = _MentionIndex(meetings)
        self._chairs(t, index, officials, sentence_of)
        if any(mt.chair is None and fold(mt.kind).lower() in self.opener_kinds for mt in meetings):
            self._opener_chairs(t, index, officials, sentence_of)
        self._attendees(t, index, officials, sentence_of)
        lead = self._lead_paragraph(doc)
        lead_date = self._lead_date(lead, dates)
        previous = None
        for mt in meetings:
            mt.date = mt.first("date")
            if mt.date is None and mt.status == "held" and lead_date and self._in_lead(doc, lead, mt) \
                    and not (topics and self._title_topic(doc, mt, topics)):
                mt.date = lead_date
            if mt.date is None and any(m.same_day for m in mt.mentions):
                mt.date = previous or _date_before(dates, date_starts, mt.mentions[0].sentence[0])
            if mt.date and mt.status == "held":
                previous = mt.date
            mt.location = self._location(t, mt)
            self._emit(t, mt)
        return doc

    def _group(self, mentions: list[Mention]) -> list[Meeting]:
        """Repeated mentions of one meeting become one record. A mention joins a meeting of
        its kind and status that it does not contradict (body, term, session, date): the
        latest one mentioned in the same paragraph, else the first one of the article (the
        meeting the article reports; "kiến nghị gửi tới kỳ họp thứ 11" in between does not
        capture the later "Tại kỳ họp")."""
        groups: list[Meeting] = []
        for m in mentions:
            same = [g for g in groups if g.kind == m.kind and g.status == m.status
                    and self._compatible(g, m)]
            near = [g for g in same if m.paragraph in g.paragraphs]
            target = max(near, key=lambda g: g.last) if near else (same[0] if same else None)
            if target is None and not m.defined and m.status == "held" and m.kind in self.references:
                # "Dự phiên họp có …" inside the report of a kỳ họp, "Quang cảnh phiên họp"
                # under a cuộc họp: a bare mention of a sitting of the meeting reported
                alias = [g for g in groups if g.kind in self.references[m.kind] and g.status == "held"
                         and self._compatible(g, m)]
                target = alias[0] if alias else None
            if target is None and not m.defined and not m.cued and m.status == "held":
                planned = [g for g in groups if g.kind == m.kind and g.status == "planned"]
                target = planned[-1] if planned else None
            if target is None and m.status == "planned" and m.session:
                # "Kỳ họp thứ 6 dự kiến bế mạc ngày 29/11" after the report of that session:
                # the same, held meeting (its next sitting is what is planned)
                held = [g for g in groups if g.kind == m.kind and g.status == "held"
                        and g.first("session") == m.session and self._compatible(g, m, dated=False)]
                if held:
                    target, m.date = held[0], None
            if target is None:
                target = Meeting(m.kind, m.status)
                groups.append(target)
            target.add(m)
        return groups

    def _norm_body(self, body: str) -> str:
        words = fold(body).lower().split()
        return " ".join(self.body_abbrev.get(w, w) for w in words)

    def _compatible(self, g: Meeting, m: Mention, dated: bool = True) -> bool:
        for attr in ("term", "session", "date") if dated else ("term", "session"):
            a, b = g.first(attr), getattr(m, attr)
            if a and b and a != b:
                return False
        a, b = g.first("body"), m.body
        if a and b:
            a, b = self._norm_body(a), self._norm_body(b)
            if a not in b and b not in a:
                return False
        return True

    # --- dates ------------------------------------------------------------------------
    def _date_of(self, text: str, dates: list[tuple[int, int, str]], starts: list[int], m: Mention,
                 head_start: int) -> tuple[str | None, str | None]:
        """(first day, last day) of the date record of the sentence nearest before the head
        word, else of the first after the phrase if it follows closely (no punctuation, a few
        words); the two differ for a meeting of several days."""
        lo = bisect.bisect_left(starts, m.sentence[0])
        hi = bisect.bisect_left(starts, m.sentence[1])
        i = bisect.bisect_left(starts, head_start, lo, hi)
        if i > lo:
            # "trong 2 ngày 10 và 11/7", "từ ngày 10 đến 12/7": a meeting of several days
            # dates from its first
            if i - 1 > lo and dates[i - 2][2] < dates[i - 1][2] \
                    and self.day_range_join and self.day_range_join.fullmatch(text, dates[i - 2][1], dates[i - 1][0]):
                return dates[i - 2][2], dates[i - 1][2]
            return dates[i - 1][2], dates[i - 1][2]
        j = bisect.bisect_left(starts, m.end, lo, hi)
        if j < hi:
            gap = text[m.end:dates[j][0]]
            if not _CLAUSE_END.search(gap) and len(gap.split()) <= self.date_after_words:
                return dates[j][2], dates[j][2]
        return None, None

    @staticmethod
    def _document_dates(doc: Doc) -> set[tuple[int, int]]:
        """Date records that are the issue date of a document ("… 45-CT/TW ngày 20/6/2020")."""
        ends = sorted(d["span"][1] for d in doc._.records.get("documents", []) if d.get("span") and d.get("date"))
        out = set()
        if not ends:
            return out
        for d in doc._.records.get("dates", []):
            sp = d.get("span")
            if not sp:
                continue
            i = bisect.bisect_right(ends, sp[0]) - 1
            if i >= 0 and sp[0] - ends[i] <= 16:
                out.add((sp[0], sp[1]))
        return out

    @staticmethod
    def _lead_date(lead: tuple[int, int] | None, dates: list[tuple[int, int, str]]) -> str | None:
        """The first date of the lead paragraph (the first paragraph of prose after the title)."""
        if lead is None:
            return None
        for s, _, value in dates:
            if lead[0] <= s < lead[1]:
                return value
        return None

    @staticmethod
    def _lead_paragraph(doc: Doc) -> tuple[int, int] | None:
        title = (doc._.meta or {}).get("title_span")
        for s, e in doc._.paragraphs or []:
            if title and s == title[0]:
                continue
            if len(_LETTERS.findall(doc._.text[s:e])) >= 8:
                return (s, e)
        return None

    def _title_topic(self, doc: Doc, mt: Meeting, topics: list[Mention]) -> bool:
        """A meeting named only in the title that the body treats as a topic ("Hội nghị lần
        thứ sáu Ban Chấp hành Trung ương" over "thông báo nhanh kết quả Hội nghị lần thứ sáu
        …"): the lead's date is the date of the meeting that reports it, not its own."""
        title = (doc._.meta or {}).get("title_span")
        if not title or any(not title[0] <= m.start < title[1] for m in mt.mentions):
            return False
        for m in topics:
            if m.kind == mt.kind and not title[0] <= m.start < title[1] and self._compatible(mt, m, dated=False) \
                    and (m.session and m.session == mt.first("session") or m.term and m.term == mt.first("term")):
                return True
        return False

    @staticmethod
    def _in_lead(doc: Doc, lead: tuple[int, int] | None, mt: Meeting) -> bool:
        title = (doc._.meta or {}).get("title_span")
        for m in mt.mentions:
            if lead and lead[0] <= m.start < lead[1]:
                return True
            if title and title[0] <= m.start < title[1]:
                return True
        return False

    # --- people -----------------------------------------------------------------------
    def _official_mentions(self, t: _Texts) -> list[tuple[int, int, str]]:
        """(start, end, name) of every name mention: officials records first, then names
        after an honorific that no official mention covers."""
        out: list[tuple[int, int, str]] = []
        for off in t.doc._.records.get("officials", []) or []:
            name = off.get("name")
            for men in off.get("mentions") or []:
                sp = men.get("span") if isinstance(men, dict) else men
                if name and sp:
                    out.append((sp[0], sp[1], name))
        out.sort()
        covered = _Ranges((a, b) for a, b, _ in out)
        for m in self.name_search.finditer(t.match, t.folded):
            s, e = m.start("name"), m.end("name")
            if not covered.overlaps(s, e):
                out.append((s, e, t.shown[s:e]))
        out.sort()
        return out

    @staticmethod
    def _target(index: "_MentionIndex", sentence: tuple[int, int], pos: int,
                kind_at: int | None = None) -> Meeting | None:
        """The meeting a chair/attendee sentence is about: one mentioned at ``kind_at``, else
        one mentioned in the sentence (the nearest), else the latest one mentioned in the
        600 characters before the sentence."""
        if kind_at is not None and kind_at in index.at:
            return index.at[kind_at]
        lo = bisect.bisect_left(index.starts, sentence[0])
        hi = bisect.bisect_left(index.starts, sentence[1])
        if hi > lo:
            i = min(range(lo, hi), key=lambda j: abs(index.starts[j] - pos))
            return index.meetings[i]
        if lo > 0 and index.starts[lo - 1] >= sentence[0] - 600:
            return index.meetings[lo - 1]
        return None

    def _chairs(self, t: _Texts, index: "_MentionIndex", people: list[tuple[int, int, str]],
                sentence_of: "_SentenceIndex") -> None:
        text = t.match
        people_starts = [p[0] for p in people]
        for v in self.chair_search.finditer(text, t.folded):
            if self.chair_not_after_rx.match(text, v.end()):
                continue
            sent = sentence_of(v.start())
            # "Các đồng chí: A - …; B - …; C - … cùng chủ trì": a joint verb after a list
            # whose items end with ";"
            joint = self.joint_chair_rx.search(text[max(sent[0], v.start() - 20):v.end()]) is not None
            clause = sent[0] if joint else max(sent[0], text.rfind(";", sent[0], v.start()) + 1)
            name = None
            i = bisect.bisect_left(people_starts, v.start()) - 1
            if i >= 0 and people[i][0] >= clause and people[i][1] <= v.start():
                # co-chairs ("A, Bí thư Huyện ủy và đồng chí B, Phó Chủ tịch UBND huyện chủ
                # trì", "A cùng các Phó Chủ tịch: B, C chủ trì"): the first one named
                while i > 0 and people[i - 1][0] >= clause \
                        and self._co_chairs(text, people[i - 1][1], people[i][0], joint):
                    i -= 1
                name = people[i][2]
            else:
                after = self.chair_after_rx.match(text, v.end())
                if after:
                    j = bisect.bisect_left(people_starts, after.end())
                    if j < len(people) and people[j][0] < min(sent[1], after.end() + 40):
                        name = people[j][2]
            if not name:
                continue
            kind = self.kind_rx.match(text, v.end() + 1) if text[v.end():v.end() + 1] == " " else None
            target = self._target(index, sent, v.start(), kind.start() if kind else None)
            if target is not None and target.chair is None:
                target.chair = name

    def _opener_chairs(self, t: _Texts, index: "_MentionIndex", people: list[tuple[int, int, str]],
                       sentence_of: "_SentenceIndex") -> None:
        """A session no chair verb gave a chair to: the council's chair who opens it ("Đồng chí
        X, …, Chủ tịch HĐND tỉnh phát biểu khai mạc kỳ họp")."""
        text = t.match
        titles: dict[str, list[str]] = {}
        for off in t.doc._.records.get("officials", []) or []:
            if off.get("name"):
                titles[off["name"]] = [fold(x).lower() for x in (off.get("titles_raw") or []) + (off.get("titles") or [])]
        people_starts = [p[0] for p in people]
        for v in self.opener_search.finditer(text, t.folded):
            sent = sentence_of(v.start())
            clause = max(sent[0], text.rfind(";", sent[0], v.start()) + 1)
            i = bisect.bisect_left(people_starts, v.start()) - 1
            if i < 0 or people[i][0] < clause or people[i][1] > v.start():
                continue
            name = people[i][2]
            if not any(x.startswith(self.opener_titles) for x in titles.get(name, ())):
                continue
            kind = self.kind_rx.match(text, v.end() + 1) if text[v.end():v.end() + 1] == " " else None
            target = self._target(index, sent, v.start(), kind.start() if kind else None)
            if target is not None and target.chair is None and fold(target.kind).lower() in self.opener_kinds:
                target.chair = name

    def _co_chairs(self, text: str, gap_start: int, gap_end: int, joint: bool = False) -> bool:
        """Two names of one chairing subject: only a comma or colon between them, or a
        coordinating word ("và", "cùng") in a short gap with no sentence end; before a joint
        verb ("cùng chủ trì"), also a ";" that closes one item of the list."""
        gap = text[gap_start:gap_end]
        if len(gap) > self.co_chair_max_gap or "." in gap:
            return False
        return gap.strip() in (",", ":") or self.co_chair_rx.search(gap) is not None \
            or (joint and ";" in gap)

    def _attendees(self, t: _Texts, index: "_MentionIndex", people: list[tuple[int, int, str]],
                   sentence_of: "_SentenceIndex") -> None:
        text = t.match
        people_starts = [p[0] for p in people]
        cues = list(self.attendee_search.finditer(text, t.folded))
        for n, a in enumerate(cues):
            sent = sentence_of(a.start())
            end = sent[1] if n + 1 == len(cues) else min(sent[1], cues[n + 1].start())
            target = self._target(index, sent, a.start(), a.start("kind") if a["kind"] else None)
            if target is None:
                continue
            names = people[bisect.bisect_left(people_starts, a.end()):bisect.bisect_left(people_starts, end)]
            taken = _Ranges((p[0], p[1]) for p in names)
            # items of the list that start with a name no official record covers
            seps = [a.end()] + [a.end() + x.end() for x in _LIST_SEP.finditer(text[a.end():end])]
            for pos in seps:
                n_m = self.list_name_rx.match(text, pos, end)
                if n_m and not taken.overlaps(n_m.start("name"), n_m.end("name")):
                    names.append((n_m.start("name"), n_m.end("name"), t.shown[n_m.start("name"):n_m.end("name")]))
            for _, _, name in sorted(names):
                if name not in target.attendees:
                    target.attendees.append(name)

    # --- location ---------------------------------------------------------------------
    def _location(self, t: _Texts, mt: Meeting) -> str | None:
        text = t.match
        main = mt.main
        seen: set[tuple[int, int]] = set()
        for m in [main] + mt.mentions:
            if m.sentence in seen or (m is not main and m.sentence == main.sentence):
                continue
            seen.add(m.sentence)
            s, e = m.sentence
            for at in self.location_search.finditer(text, t.folded, s, e):
                if at.start() >= m.end:
                    stop = _CLAUSE_END.search(text, m.end, at.start())
                    if stop and stop.group() != "," or at.start() > m.end + 60:
                        break
                elif at.start() >= m.start:
                    continue
                if self.kind_rx.match(text, at.end()):
                    continue
                head = self.location_head_rx.match(text, at.end())
                span = (self.location_reader.read(t.doc, at.end(), first_end=head.end(), need_capital=False)
                        if head else self.location_reader.read(t.doc, at.end()))
                if not span or span[1] - span[0] <= 2:
                    continue
                if at.start() < m.start and not _COMMA_NEXT.match(text[span[1]:span[1] + 3]):
                    continue  # "Tổ đại biểu ứng cử tại huyện X tiếp xúc cử tri": not where it met
                return t.shown[span[0]:span[1]]
        return None

    # --- output -----------------------------------------------------------------------
    def _emit(self, t: _Texts, mt: Meeting) -> None:
        main = mt.main
        rec = {
            "text": t.shown[main.start:main.end], "span": [main.start, main.end],
            "kind": mt.kind, "body": mt.first("body"), "term": mt.first("term"),
            "session": mt.first("session"), "date": mt.date, "chair": mt.chair,
            "location": mt.location, "attendees": list(mt.attendees),
            "expanded": any(m.expanded for m in mt.mentions), "status": mt.status,
            "mentions": [{"text": t.shown[m.start:m.end], "span": [m.start, m.end]} for m in mt.mentions],
            "rule": "meeting.defined" if main.defined else ("meeting.cued" if any(m.cued for m in mt.mentions)
                                                           else "meeting.mention"),
            "score": 0.9 if main.defined or main.date else (0.7 if any(m.cued for m in mt.mentions) else 0.5),
        }
        rtype = "meetings" if mt.status == "held" else "planned_meetings"
        add_record(t.doc, rtype, rec, (main.start, main.end))


class _Hits:
    """Every token-aligned match of one cue pattern in the text, found once per Doc."""

    def __init__(self, words: QuickSearch, text: str, folded: str | None, starts: set[int], ends: set[int],
                 labels: dict[str, str]):
        found = [c for c in words.finditer(text, folded) if c.start() in starts and c.end() in ends]
        self.starts = [c.start() for c in found]
        self.ends = [c.end() for c in found]
        self.labels = [labels[c.group().lower()] for c in found]

    def labels_between(self, lo: int, hi: int) -> list[str]:
        """Labels of the hits inside [lo, hi), in text order."""
        i = bisect.bisect_left(self.starts, lo)
        j = bisect.bisect_left(self.starts, hi)
        return [self.labels[k] for k in range(i, j) if self.ends[k] <= hi]

    def label_at(self, pos: int) -> str | None:
        i = bisect.bisect_left(self.starts, pos)
        return self.labels[i] if i < len(self.starts) and self.starts[i] == pos else None


@dataclass
class _DocHits:
    cues: _Hits
    after: _Hits
    kinds: list[int]


class _SentenceIndex:
    """``sentence_of`` with the sentence starts listed once per Doc."""

    def __init__(self, doc: Doc):
        self.sents = list(doc._.sentences or [])
        self.starts = [s for s, _ in self.sents]
        self.size = len(doc._.text)

    def __call__(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.sents[i][0] <= offset <= self.sents[i][1]:
            return self.sents[i]
        return (0, self.size)


class _MentionIndex:
    """Every mention's start, sorted, with its meeting."""

    def __init__(self, meetings: list[Meeting]):
        pairs = sorted(((m.start, i) for i, mt in enumerate(meetings) for m in mt.mentions))
        self.starts = [p[0] for p in pairs]
        self.meetings = [meetings[p[1]] for p in pairs]
        self.at = dict(zip(self.starts, self.meetings))


class _Ranges:
    """A union of ranges, merged and sorted: overlap checks in O(log n)."""

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()):
        merged: list[list[int]] = []
        for s, e in sorted(ranges):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start




def _ends_within(ends: list[int], lo: int, hi: int) -> bool:
    i = bisect.bisect_left(ends, lo)
    return i < len(ends) and ends[i] <= hi


def _date_before(dates: list[tuple[int, int, str]], starts: list[int], pos: int) -> str | None:
    i = bisect.bisect_left(starts, pos)
    return dates[i - 1][2] if i else None


class MeetingsComponent(ConfigState):
    """The spaCy component around ``MeetingLinker`` (serialisable like the recognisers)."""

    def __init__(self, rules_dirs: Iterable[str] = (), name: str = "vngov_meetings"):
        self.name = name
        self.rules_dirs = list(rules_dirs)
        self.linker = MeetingLinker(load_rules(self.rules_dirs))

    def __call__(self, doc: Doc) -> Doc:
        return self.linker(doc)

    def configure(self, rules_dirs: Iterable[str] = ()) -> None:
        self.__init__(rules_dirs, self.name)


@Language.factory("vngov_meetings", default_config={"rules_dirs": []})
def make_meetings(nlp: Language, name: str, rules_dirs: list[str]) -> MeetingsComponent:
    return MeetingsComponent(rules_dirs, name)
