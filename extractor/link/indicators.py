"""Indicators: each reported statistic as one record — what was measured (``name``), how much
(``value``/``unit``), against what (``comparisons``), for which ``period``, result or target
(``status``), and where (``place``).

"thu ngân sách nhà nước trên địa bàn đạt trên 30 tỷ đồng, đạt 84,3% dự toán huyện giao,
tăng 47% so với cùng kỳ" is ONE indicator: the money is its value, the two percentages are
comparisons of it (``of_plan`` 84.3 against "dự toán huyện giao", ``change`` 47 against
"cùng kỳ").

How: the value records (money, percentages, quantities) of a sentence are read in order
together with the sentence's underthesea words. Words of ``rules/indicators.yaml`` are marked
on the words where a phrase starts and ends on word boundaries. A value after a relation verb
("đạt", "tăng", "chiếm" ...) is either the main value of a new indicator, whose name is the
word run before the verb (stopping at punctuation, records and stop words), or — a percentage
with a base after it ("kế hoạch", "so với cùng kỳ") or right after another value of the
clause — a comparison of the indicator before it. No POS tagger: segmentation + lexicons keep
the stage within the speed budget.

Periods come from the dates stage (``doc._.records["periods"]``): a period in the clause, else
one that opens a clause earlier in the paragraph ("Trong 9 tháng đầu năm, ..."), else the
article's main reporting period (the most frequent period that had ended by publication; for
targets, the most frequent one that had not).
"""
from __future__ import annotations

import bisect
from collections import Counter
from datetime import date
from typing import Any, Iterable

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..component import ConfigState
from ..document import add_record, prepare
from ..recognise.base import alternation
from ..recognise.phrases import word_boundaries
from ..recognise.prefilter import WORD_CHARS, QuickSearch, casefolded, heads_of
from ..rules import Rules, fold, load_rules

_FLAGS = regex.IGNORECASE | regex.V1
_PUNCT = regex.compile(r"^[\p{P}\p{S}]+$", regex.V1)
_DIGIT = regex.compile(r"\d")
_NUMBER = regex.compile(r"^\d[\d.,/]*$")
_ISO = regex.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

VALUE_TYPES = ("money", "percentages", "quantities")

_FOLDED: dict[str, str] = {}


def _folded(word: str) -> str:
    """``fold(word).lower()``, remembered: the same qualifiers, units and verbs come back in
    every article."""
    got = _FOLDED.get(word)
    if got is None:
        if len(_FOLDED) >= 100_000:
            _FOLDED.clear()
        got = _FOLDED[word] = fold(word).lower()
    return got
BLOCK_TYPES = ("dates", "documents")  # records that end a name: never part of one


# the marks of an item no phrase starts or ends at: shared (never written to) so that the
# thousands of plain words of an article cost no dictionaries; _mark gives an item its own
_NO_MARKS: dict[str, list[tuple[int, str]]] = {}


class Item:
    """One word, punctuation mark or record of a sentence, in text order."""

    __slots__ = ("start", "end", "kind", "text", "rec", "rtype", "key", "nsyl", "clause_end",
                 "starts", "ends")

    def __init__(self, start: int, end: int, kind: str, text: str, rec: dict[str, Any] | None = None,
                 rtype: str | None = None, key: str | None = None, nsyl: int = 0,
                 clause_end: bool = False):
        self.start = start
        self.end = end
        self.kind = kind  # "word" | "punct" | "value" | "period" | "record"
        self.text = text
        self.rec = rec
        self.rtype = rtype
        self.key = key  # a word: its match_text, lower case, one space between syllables
        self.nsyl = nsyl  # a word: its syllables
        self.clause_end = clause_end  # punctuation that ends a clause
        # phrase marks: category -> [(index where the phrase ends, phrase)] where one starts
        # here, [(index where it starts, phrase)] where one ends here
        self.starts = _NO_MARKS
        self.ends = _NO_MARKS


class IndicatorLexicon:
    """The word lists of ``rules/indicators.yaml``, compiled once per rule set."""

    PHRASE_LISTS = ("cost_markers", "increment_markers", "target_markers", "target_before_value",
                    "name_stops", "pre_verb_adverbs", "name_compounds", "subject_words",
                    "name_leading_drop", "count_verb_drops", "count_tail_stops", "activity_units",
                    "composition_verbs", "not_indicator_names", "period_scope_words",
                    "comparison_links", "generic_names", "base_stops", "time_adjunct_words",
                    "measure_units", "place_units", "attribute_prepositions", "per_in_unit",
                    "request_markers", "attendance_markers", "comma_left_blockers", "measure_heads",
                    "value_verb_not_after", "ratio_heads", "post_verb_adverbs", "rank_markers",
                    "threshold_after", "beneficiary_prepositions", "action_leading_drops", "comparatives",
                    "degree_words", "agent_markers", "agent_verbs", "effect_markers", "tenor_words",
                    "activity_statistics", "attribution_openers", "concession_markers", "amount_intros")

    def __init__(self, rules: Rules):
        data = rules["indicators"]
        self.verb_kind = {fold(k).lower(): v for k, v in data["relation_verbs"].items()}
        self.base_kind: dict[str, str] = {}
        for kind, words in data["comparison_bases"].items():
            for w in words:
                self.base_kind[fold(w).lower()] = kind
        cats: dict[str, list[str]] = {
            "verb": list(self.verb_kind), "base": list(self.base_kind)}
        for name in self.PHRASE_LISTS:
            cats[name] = [fold(w).lower() for w in data.get(name, [])]
        self.sets = {k: set(v) for k, v in cats.items()}
        # phrase -> the categories it belongs to; n-gram look-ups in _mark
        self.phrase_cats: dict[str, list[str]] = {}
        for cat, words in cats.items():
            for w in words:
                key = " ".join(w.split())
                if key and cat not in self.phrase_cats.setdefault(key, []):
                    self.phrase_cats[key].append(cat)
        self.max_phrase_words = max((k.count(" ") + 1 for k in self.phrase_cats), default=1)
        # the word n-grams that some phrase continues: _mark stops extending at any other
        self.phrase_prefixes = {k[:i] for k in self.phrase_cats for i, ch in enumerate(k) if ch == " "}
        self.compound_heads: dict[str, list[str]] = {}
        for w in cats["name_compounds"]:
            self.compound_heads.setdefault(w.split(" ", 1)[0], []).append(w)
        # per distinct word (a small, recurring vocabulary): see word_key and word_shape
        self.known_keys: dict[str, tuple[str, int, bool]] = {}
        self.known_shapes: dict[str, tuple[int, int, str | None, bool, int | None, int]] = {}
        self.known_compound_heads: dict[str, list[str] | None] = {}
        # the words whose shape is one word item, as written (most words): _items makes their
        # item without unpacking the shape
        self.plain_words: set[str] = set()
        self.regexes = {"base": regex.compile(alternation(cats["base"]), _FLAGS)}
        self.measure_nouns = {fold(k).lower(): v for k, v in (data.get("measure_nouns") or {}).items()}
        self.request_noun_after = {fold(w).lower() for w in data.get("request_noun_after", [])}
        self.clause_ends = set(data["clause_ends"])
        self.soft_stops = set(data["soft_stops"])
        self.tail_max = int(data.get("tail_max_words", 5))
        self.name_max = int(data.get("name_max_words", 12))
        self.verb_qualifiers = {fold(w).lower() for w in data.get("verb_qualifiers", [])}
        self.split_trailing = {fold(w).lower() for w in data.get("split_trailing", [])}
        # the syllables as they may be written (old and new tone placement), for a cheap test
        self.split_trailing_raw = self.split_trailing | {w.lower() for w in data.get("split_trailing", [])}
        self.split_keep = {fold(w).lower() for w in data.get("split_keep", [])}
        self.value_verbs = {fold(k).lower(): v for k, v in (data.get("value_verbs") or {}).items()}
        self.comma_piece_max = int(data.get("comma_piece_max_words", 3))
        self.comma_piece_after_head_max = max(self.comma_piece_max,
                                              int(data.get("comma_piece_after_head_max_words", 3)))
        self.comma_left_max = int(data.get("comma_left_max_words", 4))
        levels = [fold(w) for w in data.get("place_levels", [])]
        self.place_order = [fold(w).lower() for w in data.get("place_level_order", levels)]
        self.level_rx = regex.compile(alternation(levels), _FLAGS)
        # the level words are counted over the whole text: tried only where one is written
        self.level_search = QuickSearch(self.level_rx, heads_of(levels, whole=True), WORD_CHARS)
        # "huyện Ba Chẽ": a level word, then one to four capitalised syllables
        self.place_rx = regex.compile(
            rf"(?<![\p{{L}}\d])(?P<level>(?i:{alternation(levels, boundary=False)}))\s+"
            rf"(?P<name>\p{{Lu}}[\p{{L}}\d]{{0,15}}(?:[ \t]\p{{Lu}}[\p{{L}}\d]{{0,15}}){{0,3}})(?![\p{{L}}\d])",
            regex.V1)


    KNOWN_WORDS_MAX = 100_000  # distinct words remembered; a long crawl starts over past this

    def word_key(self, written: str) -> tuple[str, int, bool]:
        """(key, syllables, may start a phrase) of a word as written in match_text."""
        got = self.known_keys.get(written)
        if got is None:
            key = " ".join(written.lower().split())
            # a phrase, the beginning of a longer one, or of a compound ending inside a word
            starter = key in self.phrase_cats or key in self.phrase_prefixes \
                or key.split(" ", 1)[0] in self.compound_heads
            got = (key, key.count(" ") + 1 if key else 0, starter)
            if len(self.known_keys) >= self.KNOWN_WORDS_MAX:
                self.known_keys.clear()
            self.known_keys[written] = got
        return got

    def compounds_of(self, key: str) -> list[str] | None:
        """The name compounds that start with the first syllable of this word key."""
        got = self.known_compound_heads.get(key, False)
        if got is False:
            got = self.compound_heads.get(key.split(" ", 1)[0])
            if len(self.known_compound_heads) >= self.KNOWN_WORDS_MAX:
                self.known_compound_heads.clear()
            self.known_compound_heads[key] = got
        return got

    def word_shape(self, t: str) -> tuple[int, int, str | None, bool, int | None, int]:
        """How a token as written in the text becomes items: (offset of its first non-space
        character, its length without the spaces around it, "word" or "punct" (None: only
        spaces), whether it ends a clause, where an estimate adverb joined to it starts (None:
        none) and the length of the word before that adverb)."""
        got = self.known_shapes.get(t)
        if got is not None:
            return got
        stripped = t.strip()
        lead, cut, head_len = len(t) - len(t.lstrip()), None, 0
        if not stripped:
            kind, clause_end = None, False
        # a letter or digit first: a word without running the punctuation pattern
        elif not stripped[0].isalnum() and _PUNCT.match(stripped):
            kind, clause_end = "punct", stripped in self.clause_ends or stripped.startswith("...")
        else:
            kind, clause_end = "word", False
            # underthesea sometimes joins an estimate adverb to the noun before it ("lúa ước"):
            # the word is cut before it
            if " " in stripped and self.split_trailing \
                    and stripped[stripped.rfind(" ") + 1:].lower() in self.split_trailing_raw:
                sylls = stripped.split()
                if fold(sylls[-1]).lower() in self.split_trailing \
                        and fold(" ".join(sylls)).lower() not in self.split_keep:
                    cut = stripped.rindex(sylls[-1])
                    head_len = len(stripped[:cut].rstrip())
        got = (lead, len(stripped), kind, clause_end, cut, head_len)
        if len(self.known_shapes) >= self.KNOWN_WORDS_MAX:
            self.known_shapes.clear()
            self.plain_words.clear()
        self.known_shapes[t] = got
        if kind == "word" and lead == 0 and len(stripped) == len(t) and cut is None:
            self.plain_words.add(t)
        return got


_LEXICONS: dict[tuple, IndicatorLexicon] = {}


def lexicon_for(rules: Rules) -> IndicatorLexicon:
    if rules.key not in _LEXICONS:
        _LEXICONS[rules.key] = IndicatorLexicon(rules)
    return _LEXICONS[rules.key]


# --------------------------------------------------------------------------------------------
# periods


def _parse_iso(s: Any) -> date | None:
    m = _ISO.match(str(s or ""))
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def period_out(rec: dict[str, Any] | None) -> dict[str, Any] | None:
    if not rec:
        return None
    return {"text": rec.get("text"), "start_date": rec.get("start_date"), "end_date": rec.get("end_date")}


def main_periods(periods: list[dict[str, Any]], published: str | None) -> tuple[dict | None, dict | None]:
    """(reporting period, target period) of an article: the most frequent period that had
    ended by publication, and the most frequent that had not. Spans over ~13 months (terms,
    plans) are labels, not reporting periods. Ties go to the first mentioned."""
    pub = _parse_iso(published)
    seen: dict[tuple, dict] = {}
    past: Counter = Counter()
    future: Counter = Counter()
    for rec in periods:
        s, e = _parse_iso(rec.get("start_date")), _parse_iso(rec.get("end_date"))
        if s is None or e is None or (e - s).days > 400:
            continue
        key = (rec["start_date"], rec["end_date"])
        seen.setdefault(key, rec)
        if pub is None or e <= pub:
            past[key] += 1
        else:
            future[key] += 1

    def best(counter: Counter) -> dict | None:
        if not counter:
            return None
        top = max(counter.values())
        for key in seen:  # first mentioned among the most frequent
            if counter.get(key) == top:
                return seen[key]
        return None

    return best(past), best(future)


# --------------------------------------------------------------------------------------------
# the linker


class IndicatorLinker:
    def __init__(self, rules: Rules):
        self.lex = lexicon_for(rules)

    # --- building the item sequence of a sentence --------------------------------------------
    def _items(self, text: str, mt: str, recs: list[tuple[int, int, str, dict]],
               tok_starts: list[int], tok_ends: list[int]) -> tuple[list[Item], list[int], list[int]]:
        """The items of a sentence, from its underthesea words (``tok_starts``/``tok_ends``)
        and records.
        Also returns the indexes of the words a rule phrase may start at (all _mark has to
        look at) and of the clause ends, values and periods (all the loops over a sentence
        act on), so that no later pass walks every word again."""
        lex = self.lex
        word_key, known_keys = lex.word_key, lex.known_keys
        word_shape, known_shapes = lex.word_shape, lex.known_shapes
        items: list[Item] = []
        starters: list[int] = []
        events: list[int] = []

        def push_word(a: int, b: int, t: str) -> None:
            written = mt[a:b]
            key, nsyl, starter = known_keys.get(written) or word_key(written)
            if starter:
                starters.append(len(items))
            items.append(Item(a, b, "word", t, None, None, key, nsyl))

        def add_word(a: int, b: int) -> None:
            t = text[a:b]
            lead, size, kind, clause_end, cut, head_len = known_shapes.get(t) or word_shape(t)
            if kind is None:
                return
            if size != len(t):
                a += lead
                b = a + size
                t = t[lead:lead + size]
            if kind == "punct":
                if clause_end:
                    events.append(len(items))
                items.append(Item(a, b, "punct", t, clause_end=clause_end))
            elif cut is not None:  # "lúa ước" -> "lúa", "ước"
                push_word(a, a + head_len, t[:head_len])
                push_word(a + cut, b, t[cut:])
            else:
                push_word(a, b, t)

        def split_verb_before_value() -> None:
            """underthesea sometimes joins a verb to the noun before it ("công đạt"): before a
            value, a word ending in a relation verb is cut in two."""
            it = items[-1]
            sylls = it.text.split()
            for n in (2, 1):
                if len(sylls) > n and _folded(" ".join(sylls[-n:])) in lex.verb_kind:
                    cut = it.text.rindex(sylls[-n]) if n == 1 else it.text.rindex(sylls[-2])
                    head = it.text[:cut].rstrip()
                    items.pop()
                    if starters and starters[-1] == len(items):
                        starters.pop()
                    push_word(it.start, it.start + len(head), head)
                    push_word(it.start + cut, it.end, it.text[cut:])
                    return

        plain_words = lex.plain_words
        ri, nrecs = 0, len(recs)
        for ts, te in zip(tok_starts, tok_ends):
            while ri < nrecs and recs[ri][1] <= ts:
                ri += 1
            if ri >= nrecs or recs[ri][0] >= te:  # most words: outside every record
                t = text[ts:te]
                if t in plain_words:  # push_word, inlined for the common case
                    written = mt[ts:te]
                    key, nsyl, starter = known_keys.get(written) or word_key(written)
                    if starter:
                        starters.append(len(items))
                    items.append(Item(ts, te, "word", t, None, None, key, nsyl))
                else:
                    add_word(ts, te)
                continue
            pos = ts
            while pos < te:
                while ri < nrecs and recs[ri][1] <= pos:
                    ri += 1
                if ri >= nrecs or recs[ri][0] >= te:
                    add_word(pos, te)
                    break
                rs, re_, rtype, rec = recs[ri]
                if rs > pos:  # "lúa ước|đạt 58,2 tạ": the word part before the record
                    add_word(pos, rs)
                if items and items[-1].rec is rec:
                    last = items[-1]
                    last.end = max(last.end, min(re_, te))
                    last.text = text[last.start:last.end]
                else:
                    kind = "value" if rtype in VALUE_TYPES else "period" if rtype == "periods" else "record"
                    if kind == "value" and items and items[-1].kind == "word" and " " in items[-1].text:
                        split_verb_before_value()
                    if kind != "record":
                        events.append(len(items))
                    items.append(Item(rs, re_, kind, text[rs:re_], rec, rtype))
                pos = re_
        return items, starters, events

    def _mark(self, items: list[Item], starters: list[int]) -> dict[str, list[int]]:
        """Mark phrase starts/ends on items: a phrase of the rules matches whole words only.
        Dictionary look-ups of word n-grams (folded, lower case) from the words a phrase may
        start at, so the cost is linear in the words of the sentence whatever the size of the
        lexicons. Returns, per category, the indexes where one of its phrases starts."""
        lex = self.lex
        n = len(items)
        compound_cover: set[int] = set()
        phrase_cats, prefixes, max_words = lex.phrase_cats, lex.phrase_prefixes, lex.max_phrase_words
        compounds_of, known_compound_heads = lex.compounds_of, lex.known_compound_heads
        for i in starters:
            first_item = items[i]
            acc, count, j = first_item.key, first_item.nsyl, i
            while True:
                cats = phrase_cats.get(acc)
                if cats:
                    last_item = items[j]
                    if first_item.starts is _NO_MARKS:
                        first_item.starts = {}
                    if last_item.ends is _NO_MARKS:
                        last_item.ends = {}
                    for cat in cats:
                        first_item.starts.setdefault(cat, []).append((j, acc))
                        last_item.ends.setdefault(cat, []).append((i, acc))
                        if cat == "name_compounds":
                            compound_cover.update(range(i, j + 1))
                j += 1
                if j >= n:
                    break
                nxt = items[j]
                if nxt.key is None or count + nxt.nsyl > max_words or acc not in prefixes:
                    break
                acc, count = f"{acc} {nxt.key}", count + nxt.nsyl
            # a compound may end inside a word ("đạt|chuẩn NTM")
            compounds = known_compound_heads.get(first_item.key, False)
            if compounds is False:
                compounds = compounds_of(first_item.key)
            if compounds and i + 1 < n and items[i + 1].key is not None:
                two = f"{first_item.key} {items[i + 1].key}"
                if any(two.startswith(comp + " ") for comp in compounds):
                    compound_cover.update((i, i + 1))
        if compound_cover:  # "đạt chuẩn" is part of a name, not a verb
            for k in compound_cover:
                for cat in ("verb", "count_verb_drops", "count_tail_stops", "name_stops"):
                    # "thành lập mới | đạt": "mới đạt" is no verb when "mới" ends a compound
                    for j, acc in items[k].starts.get(cat, ()):
                        if j not in compound_cover and (k, acc) in items[j].ends.get(cat, ()):
                            items[j].ends[cat].remove((k, acc))
                            if not items[j].ends[cat]:
                                del items[j].ends[cat]
                    items[k].starts.pop(cat, None)
                    items[k].ends.pop(cat, None)
        marked: dict[str, list[int]] = {}
        for i in starters:
            for cat in items[i].starts:
                marked.setdefault(cat, []).append(i)
        return marked

    # --- small helpers ----------------------------------------------------------------------
    @staticmethod
    def _longest_end(item: Item, cat: str) -> tuple[int, str] | None:
        """The longest phrase of ``cat`` ending at this item: (start index, phrase)."""
        cands = item.ends.get(cat)
        return min(cands) if cands else None

    @staticmethod
    def _longest_start(item: Item, cat: str) -> tuple[int, str] | None:
        cands = item.starts.get(cat)
        return max(cands) if cands else None

    def _hard_stop(self, it: Item) -> bool:
        return it.kind in ("punct", "value", "record")

    def _verb_before(self, items: list[Item], p: int, lo: int) -> tuple[int, str | None, str | None]:
        """The relation verb directly before the value at ``p``: (index where it starts, verb,
        kind). A verb written inside the value record ("đạt 84,3%") counts; adverbs between
        verb and value do not exist in practice, so none are skipped here."""
        rec = items[p].rec or {}
        q = _folded(str(rec.get("qualifier") or ""))
        if q and q in self.lex.verb_kind and items[p].text.lower().startswith(q):
            # "đạt 84,3%": the verb is part of the value's text; an adverb may precede it
            k = p
            if k - 1 >= lo:
                got = self._longest_end(items[k - 1], "verb")
                if got and got[1] + " " + q in self.lex.verb_kind:
                    return got[0], got[1] + " " + q, self.lex.verb_kind[got[1] + " " + q]
            return p, q, self.lex.verb_kind[q]
        if p - 2 >= lo and items[p - 1].ends.get("post_verb_adverbs"):
            # "đạt cao nhất hơn 48 nghìn tỷ đồng": a degree adverb between verb and value
            adv = self._longest_end(items[p - 1], "post_verb_adverbs")[0]
            got = self._longest_end(items[adv - 1], "verb") if adv - 1 >= lo else None
            if got:
                return got[0], got[1], self.lex.verb_kind.get(got[1])
        if p - 1 >= lo:
            got = self._longest_end(items[p - 1], "verb")
            if got:
                i, phrase = got
                return i, phrase, self.lex.verb_kind.get(phrase)
            prev = items[p - 1]
            word = " ".join(_folded(prev.text).split())
            if prev.kind == "word" and word in self.lex.value_verbs \
                    and not (p - 2 >= lo and items[p - 2].ends.get("value_verb_not_after")):
                # "gieo trồng được 25.271 ha", "..., tăng trưởng 6,1%": a verb only before a value
                return p - 1, prev.text.lower(), self.lex.value_verbs[word]
        return p, None, None

    def _base_after(self, items: list[Item], p: int, hi: int) -> tuple[int, str | None, str | None]:
        """The comparison base after the value at ``p``: (last index used, base text, kind).
        ``kind`` is "plan" or "period" (or "other" after "so với")."""
        rec = items[p].rec or {}
        if rec.get("implicit"):  # "125,7 kế hoạch": the base is inside the record's text
            m = self.lex.regexes["base"].search(fold(items[p].text))
            if m:
                return p, items[p].text[m.start():m.end()], self.lex.base_kind.get(m.group().lower(), "plan")
        k = p + 1
        linked = False
        if k < hi:
            got = self._longest_start(items[k], "comparison_links")
            if got:
                k, linked = got[0] + 1, True
        if k >= hi:
            return p, None, None
        first = items[k]
        kind = None
        if first.kind == "period":
            kind = "period"
        elif first.kind == "word":
            got = self._longest_start(first, "base")
            if got:
                kind = self.lex.base_kind.get(got[1], "plan")
            elif linked:
                kind = "other"
        if kind is None:
            return p, None, None
        j = k
        while j + 1 < hi and j + 1 - k < 8:
            nxt = items[j + 1]
            if nxt.kind in ("punct", "value", "record") or nxt.starts.get("verb") \
                    or nxt.starts.get("base_stops") or nxt.starts.get("comparison_links") \
                    or nxt.starts.get("target_markers"):
                break
            j += 1
        base = self._text(items, k, j)
        return j, base, kind

    @staticmethod
    def _text(items: list[Item], i: int, j: int) -> str:
        return " ".join(it.text for it in items[i:j + 1]).replace(" ,", ",").strip()

    @staticmethod
    def _span_text(text: str, items: list[Item], i: int, j: int) -> str:
        return text[items[i].start:items[j].end]

    def _before_adverbs(self, items: list[Item], k: int, lo: int) -> int:
        """The item left of the pre-verb adverbs ending at item ``k`` (``k`` when none)."""
        while k >= lo and items[k].kind == "word":
            got = self._longest_end(items[k], "pre_verb_adverbs")
            if not got:
                break
            k = got[0] - 1
        return k

    def _name_left(self, items: list[Item], k: int, lo: int) -> tuple[int, int, dict | None]:
        """The name ending at item ``k`` (inclusive), going left no further than ``lo``:
        (first, last) item indexes (first > last when empty) and a period met inside."""
        lex = self.lex
        k0 = k
        # adverbs between the name and the verb ("giá trị sản xuất tiếp tục duy trì")
        last = k = self._before_adverbs(items, k, lo)
        got = self._longest_end(items[k], "base") if lo <= k and items[k].kind == "word" else None
        link = self._longest_end(items[got[0] - 1], "comparison_links") if got and got[0] - 1 >= lo else None
        if link:
            # "doanh thu dịch vụ lưu trú so với cùng kỳ tăng 8,2%": the base stands before the verb
            last = k = self._before_adverbs(items, link[0] - 1, lo)
        period = None
        i = k
        count = 0
        piece_last = last  # the comma-list piece being read ("nông, lâm, | thủy sản")
        while i >= lo:
            it = items[i]
            if it.kind == "period" or it.rtype == "dates":
                # a time adjunct: "thu ngân sách 9 tháng đầu năm đạt", "giải ngân vốn đầu tư
                # công đến ngày 30/9 đạt": not part of the name, which goes on to its left
                adj = self._longest_end(items[i - 1], "time_adjunct_words") if i - 1 >= lo else None
                if i == last or adj:
                    if it.kind == "period":
                        period = period or it.rec
                    j = adj[0] if adj else i
                    if i == last:
                        # "kim ngạch nhập khẩu ước trong tháng 10 đạt": an adverb before the adjunct
                        last = self._before_adverbs(items, j - 1, lo)
                        piece_last = last
                        i = last
                        continue
                    i = j - 1
                    continue
                if it.kind == "period":
                    period = period or it.rec
                    # "năng suất lúa vụ mùa năm 2019 bình quân toàn tỉnh đạt", "kim ngạch xuất
                    # khẩu 8 tháng năm 2022 của tỉnh đạt": the period stands inside the name
                    prev = items[i - 1] if i - 1 >= lo else None
                    if prev is not None and prev.kind == "word" and not self._ends_name(prev) \
                            and not prev.ends.get("comparison_links") and not prev.ends.get("base") \
                            and not prev.ends.get("period_scope_words"):
                        i -= 1
                        continue
                break
            if it.kind == "punct" and it.text == "," and i < piece_last \
                    and self._comma_list_continues(items, i, lo, piece_last):
                piece_last = i - 1
                i -= 1
                continue
            if it.kind == "punct" and it.text == ")":
                # "tốc độ tăng trưởng kinh tế (GRDP) đạt": a parenthesis inside the name
                j = i - 1
                while j >= max(lo, i - 8) and items[j].text != "(" and items[j].kind != "value":
                    j -= 1
                if j >= lo and items[j].text == "(":
                    if i == last:
                        last = j - 1
                    i = j - 1
                    continue
                break
            if self._hard_stop(it) and not (it.kind == "punct" and it.text in ("-", "–") and i < last):
                break
            if it.ends.get("agent_markers") and i < k0:
                # "tổng thu ngân sách do ngành thuế quản lý đạt": who handles it is part of the name
                agent = next((a for a in range(min(k0, i + 6), i, -1) if items[a].ends.get("agent_verbs")), None)
                if agent is not None:
                    last = max(last, agent)
                    count += 1
                    i -= 1
                    continue
            if self._ends_name(it):
                head = self._ratio_head_before(items, i, lo) if it.ends.get("comparison_links") else None
                if head is None:
                    break
                # "tỷ lệ lao động nông nghiệp so với tổng số lao động": a ratio names both terms
                count += i - head
                i = head - 1
                continue
            count += 1
            if count > lex.name_max:
                break
            i -= 1
        first = i + 1
        # drop leading function words and subject words ("huyện giảm ...")
        first = self._drop_leading(items, first, last, ("name_leading_drop", "subject_words"))
        while last >= first and (items[last].kind == "punct" or items[last].ends.get("name_leading_drop")
                                 or items[last].ends.get("time_adjunct_words")):
            last -= 1
        if first <= last and all(items[x].text[:1].isupper() for x in range(first, last + 1)
                                 if items[x].kind == "word"):
            return last + 1, last, period  # "Huyện Bảo Nham đã có ...": a place, not a measure
        return first, last, period

    def _only_time_words(self, items: list[Item], lo: int, hi: int) -> bool:
        """Items ``lo``..``hi``-1 say only when (periods, time adjuncts, adverbs), and one does."""
        k, seen = lo, False
        while k < hi:
            it = items[k]
            if it.kind == "period":
                seen, k = True, k + 1
                continue
            if it.kind == "punct" and not it.clause_end:
                k += 1
                continue
            if it.kind != "word":
                return False
            got = self._longest_start(it, "time_adjunct_words") or self._longest_start(it, "pre_verb_adverbs") \
                or self._longest_start(it, "period_scope_words")
            if not got or got[0] >= hi:
                return False
            k = got[0] + 1
        return seen

    def _proper_run(self, items: list[Item], end: int, lo: int) -> int:
        """The first index of the run of capitalised words ending at ``end`` (``end`` + 1 when
        none): a proper name, at most five words."""
        j = self._capitalised_run_start(items, end, lo) - 1
        if j >= lo and items[j].kind == "word":
            return end + 1  # "... của Thanh Hóa": part of a longer phrase, not a list item
        return j + 1

    @staticmethod
    def _capitalised_run_start(items: list[Item], end: int, lo: int) -> int:
        """The first index of the capitalised words (at most five) ending at ``end``; ``end`` + 1
        when there are none."""
        j = end
        while j >= lo and end - j < 5 and items[j].kind == "word" and items[j].text[:1].isupper():
            j -= 1
        return j + 1

    def _owner_before(self, items: list[Item], first: int, lo: int) -> str:
        """ "là TP. Hồ Chí Minh với doanh thu đạt ...": the proper name before "với" that owns
        the measure named after it, else ""."""
        j = first - 1
        if j - 1 < lo or items[j].kind != "word" or items[j].text.lower() != "với":
            return ""
        j -= 1
        if items[j].text == "," and j - 1 >= lo:
            j -= 1
        end = j
        j = self._capitalised_run_start(items, end, lo) - 1
        if j == end:
            return ""
        run = items[j + 1:end + 1]
        if len(run) == 1 and (any(not syl[:1].isupper() for syl in run[0].text.split())
                              or " " not in run[0].text and (j < lo or items[j].kind == "punct")):
            return ""  # "Song song với ...", "Cùng với ...": a capitalised opener, not a name
        return " ".join(x.text for x in run)

    def _ratio_head_before(self, items: list[Item], c: int, lo: int) -> int | None:
        """Going left from the comparison link ending at ``c``: the index of a ratio head
        ("tỷ lệ", "tỷ trọng") a few plain words before it, else None."""
        start = self._longest_end(items[c], "comparison_links")[0]
        j = start - 1
        while j >= max(lo, start - 8) and items[j].kind == "word" and not self._ends_name(items[j]):
            got = self._longest_start(items[j], "ratio_heads")
            if got:
                return j
            j -= 1
        return None

    @staticmethod
    def _ends_name(it: Item) -> bool:
        return bool(it.ends.get("verb") or it.ends.get("name_stops") or it.ends.get("target_markers")
                    or it.ends.get("composition_verbs"))

    def _comma_list_continues(self, items: list[Item], c: int, lo: int, piece_last: int) -> bool:
        """At the comma ``c`` going left: is it a list comma inside the name ("khu vực nông, lâm
        nghiệp, thủy sản", "thu thuế xuất, nhập khẩu") rather than the end of the clause before?
        The piece after it must be short and not a measure of its own; the words before it, back
        to a stop, few, with no proper name and no clause opener."""
        lex = self.lex
        piece, depth = [], 0
        for x in items[c + 1:piece_last + 1]:  # "thủy sản (theo giá so sánh) toàn tỉnh"
            depth += (x.text == "(") - (x.text == ")")
            if x.kind != "punct" and depth == 0:
                piece.append(x)
        if not piece or len(piece) > lex.comma_piece_after_head_max or any(x.kind != "word" for x in piece):
            return False
        if piece[0].text[:1].isupper() or piece[0].starts.get("measure_heads"):
            return False
        left = items[c - 1]
        if len(piece) == 1 and piece[0].nsyl == 2 and left.kind == "word" and left.nsyl == 1 \
                and left.text.islower() and not self._ends_name(left) and not left.ends.get("base"):
            return True  # "xuất, nhập khẩu", "nông, lâm nghiệp": a syllable sharing the next word's end
        j = c - 1
        words = 0
        while j >= lo and items[j].kind == "word" and not self._ends_name(items[j]) \
                and not items[j].ends.get("comparison_links") and not items[j].ends.get("base"):
            words += 1
            if words > lex.comma_left_max:
                return False
            j -= 1
        if words == 0:
            return False
        first = j + 1
        if items[first].starts.get("comma_left_blockers") or items[first].starts.get("name_leading_drop") \
                and items[first].text.lower() not in ("các", "những"):
            return False
        if len(piece) > lex.comma_piece_max and not items[first].starts.get("measure_heads"):
            return False  # a long piece only after a measure head: "Tỷ lệ học sinh, sinh viên ..."

        at_start = first == 0 or items[first - 1].kind == "punct"
        for x in range(first, c):
            if items[x].text[:1].isupper() and not (x == first and at_start):
                return False
        return True

    def _drop_leading(self, items: list[Item], first: int, last: int, cats: Iterable[str]) -> int:
        changed = True
        while changed and first <= last:
            changed = False
            if items[first].kind == "punct":
                first += 1
                changed = True
                continue
            for cat in cats:
                got = self._longest_start(items[first], cat)
                if got and got[0] <= last:
                    first = got[0] + 1
                    changed = True
                    break
        return first

    def _count_tail(self, items: list[Item], p: int, hi: int) -> int:
        """Last index of the modifiers after a count ("45 hộ | nghèo")."""
        j = p
        while j + 1 < hi and j - p < self.lex.tail_max:
            nxt = items[j + 1]
            if nxt.kind != "word" or _DIGIT.search(nxt.text) or nxt.starts.get("count_tail_stops") \
                    or nxt.starts.get("verb") or nxt.starts.get("name_stops") \
                    or nxt.starts.get("comparison_links"):
                break
            j += 1
        return j

    # --- the main loop ------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        prepare(doc)
        records = doc._.records
        values = [(r["span"][0], r["span"][1], t, r) for t in VALUE_TYPES for r in records.get(t) or []
                  if isinstance(r.get("span"), (list, tuple))]
        if not values:
            return doc
        periods = [(r["span"][0], r["span"][1], "periods", r) for r in records.get("periods") or []
                   if isinstance(r.get("span"), (list, tuple))]
        blocks = [(r["span"][0], r["span"][1], t, r) for t in BLOCK_TYPES for r in records.get(t) or []
                  if isinstance(r.get("span"), (list, tuple))]
        allrecs = sorted(values + periods + blocks, key=lambda x: (x[0], -x[1]))
        published = doc._.meta.get("published") if doc._.meta else None
        main_actual, main_target = main_periods(records.get("periods") or [], published)
        pub_year = _parse_iso(published).year if _parse_iso(published) else None

        text, mt = doc._.text, doc._.match_text
        sents = doc._.sentences or [(0, len(text))]
        paras = doc._.paragraphs or [(0, len(text))]
        para_starts = [p[0] for p in paras]
        rec_starts = [r[0] for r in allrecs]
        value_starts = sorted(v[0] for v in values)
        # Only sentences with a value are read word by word, and those with a period when a
        # later sentence of the same paragraph has a value: a period opening a clause ("Trong
        # 9 tháng đầu năm, ...") carries to the figures after it in the paragraph, no further.
        to_read: list[tuple[int, int, int, bool, list]] = []
        last_value_read: dict[int, int] = {}  # paragraph -> index in to_read of its last value sentence
        for s, e in sents:
            vi = bisect.bisect_left(value_starts, s)
            has_value = vi < len(value_starts) and value_starts[vi] < e
            lo_r, hi_r = bisect.bisect_left(rec_starts, s), bisect.bisect_left(rec_starts, e)
            srecs = allrecs[lo_r:hi_r]
            if not has_value and not any(r[2] == "periods" for r in srecs):
                continue
            pi = max(0, bisect.bisect_right(para_starts, s) - 1)
            if has_value:
                last_value_read[pi] = len(to_read)
            to_read.append((s, e, pi, has_value, srecs))
        # the words' boundaries, shared with the stages before (the places stage made them)
        words = word_boundaries(doc)
        tok_starts, tok_ends = words.starts, words.ends
        scope: dict[int, list[tuple[int, dict]]] = {}  # paragraph -> [(offset, period)]
        out: list[dict[str, Any]] = []
        for k, (s, e, pi, has_value, srecs) in enumerate(to_read):
            if not has_value and last_value_read.get(pi, -1) < k:
                continue
            ta, tb = bisect.bisect_left(tok_starts, s), bisect.bisect_left(tok_starts, e)
            items, starters, events = self._items(text, mt, srecs, tok_starts[ta:tb], tok_ends[ta:tb])
            marked = self._mark(items, starters)
            self._scopes(items, events, scope.setdefault(pi, []))
            if has_value:
                out.extend(self._sentence(text, items, marked, events, s, e, scope.get(pi, []),
                                          main_actual, main_target, None, pub_year, out))
        place = self._place(doc) if out else None
        for rec in out:
            rec["place"] = place
            add_record(doc, "indicators", rec, tuple(rec["span"]))
        return doc

    def _scopes(self, items: list[Item], events: list[int], into: list[tuple[int, dict]]) -> None:
        """Periods that open a clause ("Trong 9 tháng đầu năm, ..."): they carry forward."""
        clause_start = 0
        for i in events:  # the clause ends and periods (and values)
            it = items[i]
            if it.clause_end:
                clause_start = i + 1
                continue
            if it.kind != "period":
                continue
            j = clause_start
            while j < i:
                got = self._longest_start(items[j], "period_scope_words")
                if got and got[0] < i:
                    j = got[0] + 1
                elif items[j].kind == "punct":
                    j += 1
                else:
                    break
            nxt = items[i + 1] if i + 1 < len(items) else None
            if j == i and (nxt is None or nxt.kind == "punct" or nxt.kind == "word"):
                into.append((it.start, it.rec))

    def _place(self, doc: Doc) -> str | None:
        """The locality the article is about. The level is the administrative word the text
        uses most, named or not ("Đảng bộ huyện", "toàn huyện" ...): an article about a
        district names its communes too, but speaks of "huyện" most. The place is the most
        frequent named place of that level (from the places stage when it ran), else none."""
        mt = doc._.match_text or doc._.text
        level_counts: Counter = Counter(m.group().lower()
                                        for m in self.lex.level_search.finditer(mt, casefolded(mt)))
        if not level_counts:
            return None
        order = {lvl: i for i, lvl in enumerate(self.lex.place_order)}
        level = min(level_counts, key=lambda k: (-level_counts[k], order.get(k, 99)))
        counts: Counter = Counter()
        first: dict[str, int] = {}
        places = (doc._.records or {}).get("places") or []
        for rec in places:
            if _folded(str(rec.get("level") or "")) != level or not rec.get("name"):
                continue
            key = f"{level} {rec['name']}"
            counts[key] += 1
            first.setdefault(key, (rec.get("span") or [0])[0])
        if not places:
            for m in self.lex.place_rx.finditer(mt):
                if m["level"].lower() != level:
                    continue
                key = f"{level} {doc._.text[m.start('name'):m.end('name')]}"
                counts[key] += 1
                first.setdefault(key, m.start())
        if not counts:
            return None
        return min(counts, key=lambda k: (-counts[k], first[k]))

    def _sentence(self, text: str, items: list[Item], marked: dict[str, list[int]], events: list[int],
                  s: int, e: int, scopes: list[tuple[int, dict]], main_actual: dict | None,
                  main_target: dict | None, place: str | None, pub_year: int | None,
                  before: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
        """The indicators of a sentence. Only its clause ends and values are visited
        (``events``); ``marked``: where the phrases of each category start."""
        lex = self.lex
        out: list[dict[str, Any]] = []
        sentence = text[s:e]
        clause_lo = 0          # index where the current clause starts
        consumed = -1          # last item index used by an indicator or comparison
        open_ind: dict | None = None
        reference_end = -2     # last item of a base-level figure ("so với mức tăng cùng kỳ ... là 3,8%")
        sentence_target = False  # "Chỉ tiêu năm 2021: ..." - a target heading before ":"
        n = len(items)
        request_at = next((k for k in marked.get("request_markers", ())
                           if not (k and items[k - 1].text.lower() in lex.request_noun_after)), n)
        attendance = "attendance_markers" in marked
        clause_ends = [k for k in events if items[k].clause_end]
        periods = [k for k in events if items[k].kind == "period"]
        # where _status looks: target markers and periods, in text order
        status_points = sorted(marked.get("target_markers", []) + periods)
        for p in events:
            it = items[p]
            if it.clause_end:
                if it.text == ":" and self._has(marked, clause_lo, p, ("target_markers",)):
                    sentence_target = True
                clause_lo, open_ind = p + 1, None
                continue
            if it.kind != "value" or p <= consumed:
                continue
            rec = it.rec
            unit, value = self._unit_value(it)
            if value is None:
                continue
            ci = bisect.bisect_right(clause_ends, p)
            hi = clause_ends[ci] if ci < len(clause_ends) else n  # the end of the clause
            gap_lo = max(clause_lo, consumed + 1)
            if p > request_at and not self._has(marked, request_at, p - 1, ("target_markers",)):
                continue  # "đề nghị tỉnh bố trí 12 tỷ đồng": asked for, not achieved
            if str(rec.get("rule") or "").endswith(".list"):
                continue  # "hỗ trợ 2 tỷ và 3 tỷ đồng": amounts shared out, no one figure
            if it.rtype == "quantities" and attendance:
                continue  # "hơn 160 cử tri ... đến dự": who came
            per_end = p
            if it.rtype == "quantities" and p + 2 < hi and items[p + 1].text == "/" \
                    and items[p + 2].starts.get("per_in_unit"):
                unit = f"{unit}/{items[p + 2].text}"  # "58,2 tạ/ha"
                per_end = p + 2
            if p - 1 >= gap_lo and items[p - 1].ends.get("rank_markers") \
                    or per_end + 1 < hi and items[per_end + 1].starts.get("threshold_after"):
                consumed = per_end  # "top 9 tỉnh", "từ 10.000 tỷ đồng trở lên": a rank, a threshold
                continue
            vstart, verb, vkind = self._verb_before(items, p, gap_lo)
            # "giảm từ 4,2% xuống còn 2,8%": the level reached is the value, the first a "from"
            start_value = None
            main = p
            partner = self._to_partner(items, p, hi, unit)
            if partner is not None:
                start_value, main = value, partner
                rec = items[main].rec
                value = self._unit_value(items[main])[1]
                vkind = "to"
            base_end, base, bkind = self._base_after(items, per_end if main == p else main, hi)
            if base is None and vkind == "share":
                base_end, base = self._share_base(items, main, hi)
            cost = self._cost_before(items, vstart, gap_lo)
            gap_has_words = any(items[k].kind in ("word", "period") for k in range(gap_lo, cost[0] if cost else vstart)
                                if not self._in_phrase(items, k, gap_lo, vstart, ("name_stops", "base_stops")))

            # 1. an attribute or comparison of the open indicator
            if open_ind is not None:
                comp = None
                gap_base = self._gap_base(items, gap_lo, vstart) if gap_has_words else None
                intro = self._amount_intro(items, vstart, gap_lo)
                if open_ind.get("_concession") and verb is not None and unit != "%" and open_ind["unit"] == "%":
                    # "dù giảm nhẹ 3% so cùng kỳ, nhưng vẫn đạt 1.250 tỷ đồng": the figure is this
                    self._promote(open_ind, value, unit, rec, vkind, verb, base, bkind)
                    open_ind.pop("_concession", None)
                    consumed = max(main, base_end)
                    continue
                if intro is not None and cost is None and unit != "%" and unit != open_ind["unit"] \
                        and self._only_reference_between(items, gap_lo, intro):
                    # "hỗ trợ 45.000 hộ theo Nghị quyết số 12/NQ-HĐND với số tiền 96 tỷ đồng"
                    open_ind["comparisons"].append({"relation": "cost", "value": value, "unit": unit,
                                                    "base": None})
                    consumed = max(main, base_end)
                    continue
                if open_ind.get("_share_first") and not gap_has_words and verb is not None \
                        and (unit != "%" or open_ind.get("_paren")):
                    # "nhóm thủy sản chiếm tỷ trọng 3,65%, đạt 118,9 triệu USD", "châu Á (chiếm
                    # tỷ trọng 67,2% ...) tăng 12,09%": the share was said first; this is the figure
                    self._promote(open_ind, value, unit, rec, vkind, verb, base, bkind)
                    consumed = max(main, base_end)
                    continue
                eff_at = gap_lo + (gap_lo < vstart and items[gap_lo].kind == "punct")
                effect = self._longest_start(items[eff_at], "effect_markers") \
                    if eff_at < vstart and items[eff_at].kind == "word" else None
                if effect is not None and unit != "%":
                    # "mặt hàng X tăng 7%, làm tăng thu 12 tỷ đồng": what the change brought in
                    comp = {"relation": "contribution", "value": value,
                            "base": self._text(items, eff_at, vstart - 1), "verb": verb}
                elif cost is not None and unit != "%":
                    comp = {"relation": "cost", "value": value, "base": cost[1]}
                elif verb == "với" and unit != "%" and unit != open_ind["unit"] and not gap_has_words:
                    # "hỗ trợ 4.159 trường hợp ... với hơn 6,1 tỷ đồng": what it cost
                    comp = {"relation": "cost", "value": value, "base": None}
                elif unit == "%" and not gap_has_words:
                    comp = self._comparison(value, vkind, verb, base, bkind)
                elif base is not None and not gap_has_words and vkind in ("up", "down"):
                    comp = self._comparison(value, vkind, verb, base, bkind)
                elif not gap_has_words and vkind in ("up", "down", "equal") and unit == open_ind["unit"]:
                    # "kê là 11 tấn, giảm 65 tấn": the change of the figure just given
                    comp = self._comparison(value, vkind, verb, base, bkind)
                elif gap_base is not None and (unit == "%" or vkind in ("up", "down")):
                    # "..., so dự toán giao đạt 42%", "..., vượt chỉ tiêu nghị quyết và tăng 2,5% so
                    # cùng kỳ": the words between name no measure, only what it is compared with
                    b_text, b_kind = gap_base
                    comp = self._comparison(value, vkind, verb, base or b_text, bkind or b_kind)
                if comp is not None:
                    comp["unit"] = unit
                    open_ind["comparisons"].append(comp)
                    consumed = max(main, base_end)
                    continue

            ref = self._reference_figure(items, gap_lo, vstart, vkind, reference_end == gap_lo - 1) \
                if vkind == "reach" and (reference_end == gap_lo - 1 or self._has(
                    marked, gap_lo, vstart - 1, ("comparison_links", "comparatives"))) else None
            if ref is not None:
                reference_end = max(main, base_end)
                # "..., thấp hơn so với mức tăng cùng kỳ năm 2022 là 3,8%": the base's level
                target = open_ind or (out[-1] if out else None)
                if target is not None:
                    target["comparisons"].append({"relation": "base_level", "value": value, "unit": unit,
                                                  "base": self._text(items, ref, vstart - 1), "verb": verb})
                consumed = max(main, base_end)
                continue
            if it.rtype == "quantities" and verb is None and gap_lo - 1 >= 0 and gap_lo < p \
                    and items[gap_lo].text == "(" and items[gap_lo - 1].kind == "value" \
                    and self._unit_value(items[gap_lo - 1])[0] != unit:
                # "đạt 7,1 triệu ha (tính gộp cả 3 vụ)": a note on the figure before; a part in
                # its unit is a breakdown ("78.600 người (cao đẳng 1.700 người, ...)")
                close = p + 1
                while close < min(hi, p + 8) and items[close].text != ")":
                    close += 1
                consumed = close if close < hi and items[close].text == ")" else p
                continue

            # 2. a new indicator
            if self._phrase_before(items, vstart, gap_lo, "composition_verbs") is not None \
                    or (it.rtype == "quantities" and self._is_activity(rec)
                        and not (p + 1 < hi and items[p + 1].starts.get("activity_statistics"))):
                consumed = p
                continue
            first, last, period = self._name_left(items, vstart - 1, gap_lo)
            if first <= last and first - 1 >= gap_lo and self._is_generic(items, first, last) \
                    and self._longest_end(items[first - 1], "verb"):
                # "X đạt tỷ lệ trên 90%": the name is X
                f2, l2, period2 = self._name_left(items, self._longest_end(items[first - 1], "verb")[0] - 1,
                                                  gap_lo)
                if f2 <= l2:
                    first, last, period = f2, l2, period or period2
                elif open_ind is None:
                    f2, l2 = self._clause_subject(items, clause_lo, first)
                    if f2 <= l2:
                        first, last = f2, l2
            rule, score = "indicator.verb_name", (0.8 if verb else 0.6)
            paren = False
            tail_end = main
            is_count = it.rtype == "quantities"
            name = self._span_text(text, items, first, last) if first <= last else ""
            if first <= last and self._has(marked, first, last, ("not_indicator_names",)):
                consumed = main
                continue
            if first <= last and verb is not None and self._tenor_only(items, first, last):
                # "kỳ hạn 5 năm là 20.000 tỷ đồng": a part of the issue given before, by maturity
                whole = open_ind or (out[-1] if out else (before[-1] if before else None))
                if whole is not None and whole["unit"] == unit:
                    whole["comparisons"].append({"relation": "part", "value": value, "unit": unit,
                                                 "base": self._span_text(text, items, first, last),
                                                 "verb": verb})
                consumed = main
                continue
            named_measure = verb is None and first <= last and bool(items[first].starts.get("measure_heads"))
            # "trồng được 2.418 ha rừng tập trung": after a verb-only-before-a-value, the words
            # after the count name it, with the action before
            weak_verb = verb is not None and _folded(verb) in lex.value_verbs \
                and _folded(verb) not in lex.verb_kind and self._count_tail(items, per_end, hi) > per_end
            action = None
            if is_count and verb is None and p - 1 >= gap_lo and items[p - 1].ends.get("beneficiary_prepositions") \
                    and not (p - 2 >= gap_lo and items[p - 2].kind == "value"):
                action = self._action_name(text, items, p, clause_lo, {ind["span"][0] for ind in out})
            if action is not None:
                # "tạo việc làm, tăng thêm thu nhập cho 3.450 người": the action names who it reached
                first, last = action
                name = self._span_text(text, items, first, last)
                tail_end = self._count_tail(items, per_end, hi)
                if tail_end > per_end:  # "hỗ trợ vay vốn cho 250 hộ nghèo"
                    name = f"{name} {items[p - 1].text} {rec.get('unit') or ''} " \
                           f"{self._span_text(text, items, per_end + 1, tail_end)}"
                rule, score = "indicator.beneficiaries", 0.6
            elif is_count and not named_measure and (verb is None or not name or vkind in ("up", "down") or weak_verb):
                if verb is None and self._not_a_count_indicator(items, p, hi, gap_lo, rec):
                    consumed = p
                    continue
                name = self._count_name(text, items, per_end, hi, first, last, None if weak_verb else verb, rec)
                tail_end = self._count_tail(items, per_end, hi)
                rule, score = "indicator.count_unit", 0.7
            elif unit == "%" and not name and vstart - 2 >= gap_lo and items[vstart - 1].text == "(" \
                    and items[vstart - 2].ends.get("degree_words") \
                    and self._longest_start(items[vstart - 2], "degree_words") is not None \
                    and not items[vstart - 2].starts.get("ratio_heads"):
                # "có 6 khoản thu đạt khá (trên 30% so với dự toán)": what "khá" means, no figure
                consumed = max(main, base_end)
                continue
            elif unit == "%" and not name and vstart - 1 >= gap_lo and items[vstart - 1].text == "(":
                # "tăng tỷ lệ chăn nuôi trang trại (trên 60% tổng đàn)", "châu Á (chiếm tỷ trọng
                # 67,2% ...)": a share in parentheses belongs to the words before them
                f2, l2, _ = self._name_left(items, vstart - 2, gap_lo)
                if f2 > l2 and open_ind is not None:
                    # "gồm: Bắc Giang (13,89%), Thanh Hóa (12,46%)": a list of places, each its figure
                    f2, l2 = self._proper_run(items, vstart - 2, gap_lo), vstart - 2
                if f2 <= l2:
                    first, last = f2, l2
                    name = self._span_text(text, items, first, last)
                    paren = True
            if unit == "%" and not name and base is None and vkind in (None, "reach", "up", "down"):
                # "100% thôn có đường ô tô đến trung tâm": the words after the share name it
                j = self._following_name(items, p, hi)
                if j > p and self._has(marked, p + 1, j, ("not_indicator_names",)):
                    consumed = j  # "với 100% phiếu bầu": a vote, not a statistic
                    continue
                if j > p:
                    first, last = p + 1, j
                    name = self._span_text(text, items, first, last)
                    tail_end = j
                    rule, score = "indicator.share_of", 0.6
            if name and rule == "indicator.verb_name":
                owner = self._owner_before(items, first, gap_lo)
                if owner:
                    name = f"{name} {owner}"  # "là Hà Nội với doanh thu đạt ...": whose figure
            if name and unit == "%" and verb is None and bkind == "plan" and last - first < 2:
                # "giải ngân 100% kế hoạch vốn đầu tư công": what the plan is of names it too
                name = f"{name} {base}"
            if rule == "indicator.verb_name" and it.rtype == "money" and verb is None:
                intro = self._amount_intro(items, vstart, gap_lo)
                if intro is not None:
                    # "đã chi hỗ trợ ... theo Quyết định số ... với số tiền 320 tỷ đồng": the action
                    act = self._opening_action(items, clause_lo, intro)
                    if act is not None:
                        first, last = act
                        name = self._span_text(text, items, first, last)
                elif name and per_end + 1 < hi and items[per_end + 1].kind == "word" \
                        and not items[per_end + 1].starts.get("attribute_prepositions"):
                    tail = self._count_tail(items, per_end, hi)
                    if tail > per_end:
                        # "phát hành 150.000 tỷ đồng trái phiếu Chính phủ", "đã chi 2 nghìn tỷ đồng
                        # hỗ trợ ...": what the amount is of follows it; a doer before "đã" is not
                        first = self._after_doer(items, first, last)
                        name = f"{self._span_text(text, items, first, last)} " \
                               f"{self._span_text(text, items, per_end + 1, tail)}"
                        tail_end = tail
            if not name and open_ind is not None and open_ind["unit"] == unit:
                # "tỷ lệ hộ nghèo còn 2,85%, mục tiêu ... giảm xuống dưới 2%": the same measure
                name = open_ind["name"]
                rule, score = "indicator.same_measure", 0.6
            if not name and open_ind is None and out and out[-1]["unit"] == unit \
                    and self._only_time_words(items, clause_lo, vstart):
                # "tỷ lệ lao động qua đào tạo đạt 54,2%; ước hết năm 2020 đạt 56%": the same measure
                name = out[-1]["name"]
                rule, score = "indicator.same_measure", 0.6
            measure = name if rule == "indicator.verb_name" else None
            if not name and verb is not None:
                place_at = self._place_subject(items, gap_lo, vstart)
                measure = self._heading_measure(text, items, 0, p) if place_at else None
                if place_at and measure is None and out:
                    measure = out[-1].get("_measure")
                if measure:
                    # "..., tiếp đến là thành phố Cần Thơ đạt 4.100 tỷ đồng": the measure of the
                    # list heading (or of the figure before), for this place
                    name = f"{measure} {self._span_text(text, items, place_at[0], place_at[1])}"
                    rule, score = "indicator.place_measure", 0.6
            if not name and open_ind is None:
                # "giải ngân vốn đầu tư ... đạt cao so với ..., đạt 96,9%": the clause's subject
                f2, l2 = self._clause_subject(items, clause_lo, vstart)
                if f2 <= l2:
                    first, last = f2, l2
                    name = self._span_text(text, items, first, last)
                    rule, score = "indicator.clause_subject", 0.6
            if not name:
                consumed = main
                continue
            status = self._status(items, status_points, clause_lo, p, sentence_target, pub_year)
            period_rec = self._period(items, periods, clause_lo, p, period, scopes, it.start, status,
                                      main_actual, main_target)
            q = _folded(str(rec.get("qualifier") or ""))
            qualifier = rec.get("qualifier") if q and q not in lex.verb_qualifiers else None
            ind: dict[str, Any] = {
                "name": name.strip(" ,;:-"),
                "value": value,
                "unit": unit,
                "qualifier": qualifier,
                "status": status,
                "period": period_out(period_rec),
                "comparisons": [],
                "sentence": sentence,
                "span": [rec["span"][0], rec["span"][1]],
                "place": place,
                "verb": verb,
            }
            if rec.get("per"):
                ind["per"] = rec["per"]
            if start_value is not None:
                ind["comparisons"].append({"relation": "from", "value": start_value, "unit": unit,
                                           "base": None, "verb": verb})
            if rec.get("total") is not None:
                ind["comparisons"].append({"relation": "of_total", "value": rec["total"], "unit": unit,
                                           "base": None, "verb": None})
            if unit == "%" and start_value is None and (base is not None or vkind in ("up", "down", "share", "exceed")):
                # "sản lượng lương thực tăng 8,9% so với cùng kỳ": the change is the statistic
                comp = self._comparison(value, vkind, verb, base, bkind)
                comp["unit"] = "%"
                ind["comparisons"].append(comp)
                tail_end = max(tail_end, base_end)
            ind["rule"], ind["score"] = rule, score
            if measure:
                ind["_measure"] = measure
            if unit == "%" and vkind in ("up", "down") and self._has(marked, clause_lo, vstart - 1,
                                                                     ("concession_markers",)):
                ind["_concession"] = True
            if unit == "%" and vkind == "share":
                ind["_share_first"] = True
                ind["_paren"] = paren
            # a range "5-7%", "từ 3 đến 5 tỷ đồng": the second value is the upper bound
            nxt = main + 1
            if nxt + 1 < n and items[nxt].kind != "value" and items[nxt].text.lower() in ("-", "–", "đến", "tới"):
                nxt += 1
            if nxt < n and items[nxt].kind == "value" and (items[nxt].rec or {}).get("qualifier") == "đến":
                u2, v2 = self._unit_value(items[nxt])
                if u2 == unit:
                    ind["value_max"] = v2
                    tail_end = max(tail_end, nxt)
            # "công nhận thêm 02 trường ..., nâng tổng số trường ... lên 21/21 trường"
            if out and out[-1].get("_increment") == (s, clause_lo) and out[-1]["unit"] == unit \
                    and self._causative_before(items, first, gap_lo):
                inc = out.pop()
                if fold(ind["name"]).lower() in self.lex.sets["generic_names"]:
                    ind["name"] = f"{ind['name']} {inc['name']}"  # "nâng tổng số lên 28 trường"
                ind["comparisons"].insert(0, {"relation": "added", "value": inc["value"], "unit": unit,
                                              "base": None, "verb": None})
            if is_count and self._phrase_before_any(items, p, max(gap_lo, p - 4), "increment_markers"):
                ind["_increment"] = (s, clause_lo)
            out.append(ind)
            open_ind = ind
            consumed = max(main, tail_end, per_end)
        for ind in out:
            for key in ("_increment", "_share_first", "_paren", "_measure", "_concession"):
                ind.pop(key, None)
        return out

    def _tenor_only(self, items: list[Item], first: int, last: int) -> bool:
        """Items ``first``..``last`` name only a maturity ("kỳ hạn 5 năm", "dưới 5 năm")."""
        has_term = False
        for x in range(first, last + 1):
            it = items[x]
            if it.kind in ("period", "value") or _DIGIT.search(it.text):
                has_term = True
            elif it.kind != "word" or not (it.starts.get("tenor_words") or it.ends.get("tenor_words")
                                           or it.text.lower() in ("năm", "tháng")):
                return False
        return has_term

    def _action_name(self, text: str, items: list[Item], p: int, lo: int,
                     taken: set[int]) -> tuple[int, int] | None:
        """ "đã chuyển đổi nghề và tạo việc làm, tăng thêm thu nhập cho 3.450 người", "tổ chức
        đào tạo 215 lớp với 38 nhóm nghề cho 6.400 người": the action before the preposition at
        ``p`` - 1 names who it reached. Verbs and a comma list are part of it; figures with
        their units ("215 lớp với 38 nhóm nghề") are attributes, left out: the action is the
        words before them. (first, last) item indexes, None when there is none."""
        lex = self.lex
        end = j = p - 2
        figures, commas = 0, []
        while j >= lo and end - j < lex.name_max:
            it = items[j]
            if it.kind == "value" or it.kind == "word" and _NUMBER.match(it.text):
                if it.start in taken:
                    break  # the figure of an indicator before: the action starts after it
                figures += 1
                if figures > 2:
                    return None
                end = j - 1
                if end >= lo and items[end].kind == "word" and items[end].text.lower() in ("với", "và"):
                    end -= 1
                j = end
                continue
            if it.kind == "punct":
                if it.text == "," and j - 1 >= lo and items[j - 1].kind == "word" and j < end:
                    commas.append(j)
                    j -= 1
                    continue
                break
            if it.kind != "word" or it.ends.get("name_stops") or it.ends.get("pre_verb_adverbs") \
                    or it.ends.get("composition_verbs"):
                break
            if it.text[:1].isupper():
                # a capitalised opener ("Giải quyết ...") is the action; a proper name its doer
                at_start = j == lo or items[j - 1].kind == "punct"
                if not at_start or any(syl[:1].isupper() for syl in it.text.split()[1:]):
                    break
            j -= 1
        first = j + 1
        if commas and first <= end and items[first].starts.get("comma_left_blockers"):
            first = commas[-1] + 1  # "Về lao động, giải quyết việc làm cho ...": a topic, not the action
        first = self._drop_leading(items, first, end, ("name_leading_drop", "subject_words",
                                                       "action_leading_drops"))
        if first > end or not any(items[x].kind == "word" and not items[x].text[:1].isupper()
                                  for x in range(first, end + 1)):
            return None
        return first, end

    def _place_subject(self, items: list[Item], lo: int, vstart: int) -> tuple[int, int] | None:
        """ "tiếp đến là thành phố Cần Thơ đạt 4.100 tỷ đồng", "Long An đạt ...": a place alone
        before the verb (capitalised words, a level word before them): (first, last), else None."""
        last = self._before_adverbs(items, vstart - 1, lo)
        j = last
        while j >= lo and last - j < 5 and items[j].kind == "word" \
                and all(syl[:1].isupper() for syl in items[j].text.split()):
            j -= 1
        if j == last or all(items[x].text.isupper() for x in range(j + 1, last + 1)):
            return None  # "GRDP đạt ...": an acronym names a measure, not a place
        if j >= lo and items[j].kind == "word":
            got = self._longest_end(items[j], "subject_words")
            if got is None or got[0] < lo:
                return (j + 1, last) if items[j].ends.get("name_stops") else None
            j = got[0] - 1
            if j >= lo and not (items[j].kind == "punct" or items[j].ends.get("name_stops")):
                return None
        return j + 1, last

    def _heading_measure(self, text: str, items: list[Item], lo: int, p: int) -> str | None:
        """The measure a list heading names ("vốn giải ngân của một số tỉnh như: A đạt ..., B
        đạt ..."): from the first measure head of the clause before the last ':' ahead of the
        value, to the first stop."""
        colon = p - 1
        while colon >= lo and items[colon].text != ":":
            colon -= 1
        if colon < lo:
            return None
        start = colon - 1
        while start >= lo and not items[start].clause_end:
            start -= 1
        for k in range(start + 1, colon):
            got = self._longest_start(items[k], "measure_heads")
            if got is None:
                continue
            j = got[0]
            while j + 1 < colon and j - k < self.lex.name_max:
                nxt = items[j + 1]
                if nxt.kind != "word" or self._ends_name(nxt) or nxt.starts.get("verb") \
                        or nxt.starts.get("name_stops") or nxt.starts.get("count_tail_stops") \
                        or nxt.text.lower() in ("có", "như") or nxt.starts.get("degree_words"):
                    break
                j += 1
            return self._span_text(text, items, k, j)
        return None

    def _reference_figure(self, items: list[Item], lo: int, vstart: int, vkind: str | None,
                          after_reference: bool) -> int | None:
        """ "..., thấp hơn so với mức tăng cùng kỳ năm 2022 là 3,8%": a figure named by a base
        period after a comparison is the base's level. The index where the base starts, else None.
        ``after_reference``: the figure before was one ("... là 3,8% và mức tăng cùng kỳ năm
        2021 là 2,2%"), so no new comparison word is needed."""
        if vkind != "reach":
            return None
        link = lo if after_reference else None
        base = None
        for k in range(lo, vstart):
            it = items[k]
            if link is None:
                if it.starts.get("comparison_links") or it.starts.get("comparatives"):
                    link = k
                continue
            if it.kind == "punct":
                return None  # "đạt cao so với bình quân chung toàn tỉnh, đạt 96,9%": a figure of its own
            got = self._longest_start(it, "base")
            if got and self.lex.base_kind.get(got[1]) == "period" and base is None:
                base = k
        return base

    def _count_name(self, text: str, items: list[Item], p: int, hi: int, first: int, last: int,
                    verb: str | None, rec: dict) -> str:
        """ "kết nạp 26 đảng viên mới" -> "đảng viên mới"; "giảm 45 hộ nghèo" -> "hộ nghèo";
        "hỗ trợ cải thiện 147 nhà ở cho các hộ khó khăn" -> "cải thiện nhà ở cho các hộ khó
        khăn"; "trồng mới 520 ha rừng tập trung" -> "trồng mới rừng tập trung": the unit (unless
        it measures) and the words after it name the count, with an action verb before it that
        the unit does not already say."""
        lead = ""
        if verb is None and first <= last:
            # the action right before the count: a few words, no proper names, no "và"
            vfirst = last
            while vfirst - 1 >= first and last - vfirst < 3:
                prev = items[vfirst - 1]
                if prev.text[:1].isupper() or prev.text.lower() in ("và", "cùng") \
                        or prev.ends.get("pre_verb_adverbs"):
                    break  # "các tổ chức cơ sở đảng đã | kết nạp": the action starts after "đã"
                vfirst -= 1
            if items[vfirst].text[:1].isupper() and vfirst < last:
                vfirst += 1
            vfirst = self._drop_leading(items, vfirst, last, ("count_verb_drops", "name_leading_drop",
                                                                "subject_words"))
            lead = self._span_text(text, items, vfirst, last) if vfirst <= last else ""
        tail_end = self._count_tail(items, p, hi)
        tail = self._span_text(text, items, p + 1, tail_end) if tail_end > p else ""
        unit_words = str(rec.get("unit") or "")
        if _folded(unit_words) in self.lex.sets["measure_units"]:
            if not tail:
                return lead
            # "2.350 ha chè" -> "diện tích chè"
            unit_words = "" if lead else self.lex.measure_nouns.get(_folded(unit_words), "")
        return " ".join(x for x in (lead, unit_words, tail) if x)

    def _gap_base(self, items: list[Item], lo: int, hi: int) -> tuple[str, str] | None:
        """Words between a figure and the next value that only say what the next value is
        compared with: "so dự toán giao (đạt)", "vượt chỉ tiêu nghị quyết và (tăng)", "(vượt
        so với Nghị quyết đề ra (là))": (base text, base kind), else None."""
        k = lo
        while k < hi and items[k].kind == "punct":
            k += 1
        if k < hi and items[k].starts.get("verb"):
            k = self._longest_start(items[k], "verb")[0] + 1
        linked = False
        if k < hi and items[k].starts.get("comparison_links"):
            k, linked = self._longest_start(items[k], "comparison_links")[0] + 1, True
        if k >= hi or items[k].kind != "word":
            return None
        got = self._longest_start(items[k], "base")
        if got is None and not linked:
            return None
        kind = self.lex.base_kind.get(got[1], "plan") if got else "other"
        j = hi - 1
        while j > k and (items[j].kind == "punct" or items[j].ends.get("base_stops")
                         or items[j].ends.get("target_markers") and j > (got[0] if got else k)):
            j -= 1
        if any(items[x].kind not in ("word", "punct") for x in range(k, j + 1)):
            return None
        return self._text(items, k, j), kind

    def _promote(self, ind: dict, value, unit: str, rec: dict, vkind, verb, base, bkind) -> None:
        """The share said first becomes a comparison of the figure that follows it."""
        if unit == "%":
            comp = self._comparison(value, vkind, verb, base, bkind)
            comp["unit"] = "%"
            ind["comparisons"].append(comp)
        ind["value"], ind["unit"] = value, unit
        ind["span"] = [rec["span"][0], rec["span"][1]]
        q = _folded(str(rec.get("qualifier") or ""))
        ind["qualifier"] = rec.get("qualifier") if q and q not in self.lex.verb_qualifiers else None
        ind["verb"] = verb
        if rec.get("per"):
            ind["per"] = rec["per"]
        ind.pop("_share_first", None)

    def _not_a_count_indicator(self, items: list[Item], p: int, hi: int, lo: int, rec: dict) -> bool:
        """A count with no relation verb that names no statistic: "02 xã Thanh Sơn, Đồn Đạc"
        (a list of named members), "... 86,7 tỷ đồng cho 41.260 người" (an attribute of the
        value before), "lãnh đạo 21 xã, thị trấn" (administrative units, nothing said of them),
        "11 thôn" alone."""
        nxt = items[p + 1] if p + 1 < hi else None
        if nxt is not None and nxt.kind == "word" and nxt.text[:1].isupper():
            return True
        prev = items[p - 1] if p - 1 >= lo else None
        after_prep = prev is not None and prev.ends.get("attribute_prepositions")
        if after_prep and p - 2 >= 0 and items[p - 2].kind == "value":
            return True
        has_tail = self._count_tail(items, p, hi) > p
        if not has_tail and (prev is None or prev.kind != "word"):
            return True
        unit = _folded(str(rec.get("unit") or ""))
        return unit in self.lex.sets["place_units"] and not has_tail

    def _following_name(self, items: list[Item], p: int, hi: int) -> int:
        j = p
        while j + 1 < hi and j - p < 8:
            nxt = items[j + 1]
            if nxt.kind != "word" or nxt.starts.get("base_stops") or nxt.starts.get("comparison_links") \
                    or nxt.starts.get("base") or (j == p and nxt.starts.get("verb")):
                break
            j += 1
        return j

    def _to_partner(self, items: list[Item], p: int, hi: int, unit: str | None) -> int | None:
        """For "từ 4,2% xuống còn 2,8%": the index of the level reached."""
        rec = items[p].rec or {}
        if _folded(str(rec.get("qualifier") or "")) != "từ":
            return None
        k = p + 1
        if k + 1 < hi and items[k].kind == "period":  # "từ 68% năm 2015 xuống còn 60,8%"
            k += 1
        if k < hi and items[k].kind == "word":
            got = self._longest_start(items[k], "verb")
            if got and self.lex.verb_kind.get(got[1]) in ("to", "reach"):
                k = got[0] + 1
                if k < hi and items[k].kind == "value" and self._unit_value(items[k])[0] == unit:
                    return k
        return None

    def _share_base(self, items: list[Item], p: int, hi: int) -> tuple[int, str | None]:
        """ "chiếm 78,5% tổng số trường": the whole is the words after the share."""
        j = p
        while j + 1 < hi and j - p < 6:
            nxt = items[j + 1]
            if nxt.kind not in ("word", "period") or nxt.starts.get("verb") or nxt.starts.get("base_stops"):
                break
            j += 1
        if j == p:
            return p, None
        return j, self._text(items, p + 1, j)

    def _cost_before(self, items: list[Item], vstart: int, lo: int) -> tuple[int, str] | None:
        """A cost marker at most three words before the value ("với tổng vốn đăng ký 3.200
        tỷ đồng"): (its index, the words from it to the value)."""
        found = None
        for k in range(vstart - 1, max(lo, vstart - 5) - 1, -1):
            if items[k].kind != "word":
                break
            got = self._longest_start(items[k], "cost_markers")
            if got and got[0] < vstart:
                found = k  # the leftmost: "tổng trị giá" rather than "trị giá"
        if found is None:
            return None
        text = " ".join(x.text for x in items[found:vstart])
        if text.lower().startswith("với "):
            text = text[4:]
        return found, text

    # --- decisions ------------------------------------------------------------------------
    def _unit_value(self, it: Item) -> tuple[str | None, float | int | None]:
        rec = it.rec or {}
        if it.rtype == "money":
            unit = str(rec.get("currency") or "VND")
            per = _folded(str(rec.get("per") or ""))
            if per and per in self.lex.sets["per_in_unit"]:
                unit = f"{unit}/{rec['per']}"  # a price: "50.000 đồng/kg" -> VND/kg
            return unit, rec.get("amount")
        if it.rtype == "percentages":
            return "%", rec.get("value")
        return str(rec.get("unit") or ""), rec.get("value")

    def _comparison(self, value, vkind, verb, base, bkind) -> dict[str, Any]:
        if vkind == "share":
            rel = "share"
        elif vkind == "equal":
            rel = "equivalent"
        elif bkind == "plan":
            rel = "over_plan" if vkind in ("exceed", "up") else "of_plan"
        elif vkind in ("up", "down"):
            rel = "change"
        elif vkind == "exceed":
            rel = "over_base" if base else "over_plan"
        elif base is not None:
            rel = "of_base"
        else:
            rel = "of_plan"  # "..., đạt 96,9%": in these reports a bare rate is of the plan
        if rel == "change" and vkind == "down" and isinstance(value, (int, float)):
            value = -value
        return {"relation": rel, "value": value, "base": base, "verb": verb}

    def _status(self, items: list[Item], status_points: list[int], lo: int, p: int,
                sentence_target: bool, pub_year: int | None) -> str:
        """ "target" or "actual"; ``status_points``: the indexes of the sentence's target
        markers and periods."""
        if sentence_target:
            return "target"
        if p - 1 >= lo and self._longest_end(items[p - 1], "target_before_value"):
            return "target"
        q = _folded(str((items[p].rec or {}).get("qualifier") or ""))
        if q and p - 1 >= lo and (items[p - 1].text.lower() + " " + q) in self.lex.sets["target_before_value"]:
            return "target"
        for k in status_points[bisect.bisect_left(status_points, lo):bisect.bisect_left(status_points, p)]:
            if items[k].starts.get("target_markers"):
                phrase = max(items[k].starts["target_markers"])[1]
                if phrase in ("đến năm", "tới năm", "đến hết năm"):
                    nxt = items[max(items[k].starts["target_markers"])[0] + 1] \
                        if max(items[k].starts["target_markers"])[0] + 1 < len(items) else None
                    yr = _DIGIT.search(nxt.text) if nxt is not None else None
                    if yr and pub_year and regex.search(r"\d{4}", nxt.text) \
                            and int(regex.search(r"\d{4}", nxt.text).group()) > pub_year:
                        return "target"
                    continue
                return "target"
            if items[k].kind == "period" and k > lo and items[k - 1].text.lower() in ("đến", "tới") \
                    and pub_year:
                end = _parse_iso((items[k].rec or {}).get("end_date"))
                if end and end.year > pub_year:
                    return "target"
        return "actual"

    def _period(self, items, periods, lo, p, in_name, scopes, offset, status, main_actual, main_target):
        """``periods``: the indexes of the sentence's periods."""
        if in_name:
            return in_name
        k = bisect.bisect_left(periods, p) - 1  # the last period of the clause before the value
        if k >= 0 and periods[k] >= lo:
            return items[periods[k]].rec
        if status == "target":
            return main_target
        best = None
        for off, rec in scopes:
            if off < offset:
                best = rec
        return best or main_actual

    @staticmethod
    def _has(marked: dict[str, list[int]], i: int, j: int, cats: tuple[str, ...]) -> bool:
        """Does a phrase of ``cats`` start at an item from ``i`` to ``j``?"""
        for c in cats:
            starts = marked.get(c)
            if starts:
                k = bisect.bisect_left(starts, max(i, 0))
                if k < len(starts) and starts[k] <= j:
                    return True
        return False

    def _in_phrase(self, items, k, lo, hi, cats) -> bool:
        for c in cats:
            for i in range(lo, k + 1):
                for j, _ in items[i].starts.get(c, ()):
                    if i <= k <= j:
                        return True
        return False

    def _phrase_before(self, items: list[Item], k: int, lo: int, cat: str) -> tuple[int, str] | None:
        """A phrase of ``cat`` ending right before item ``k`` (skipping "với")."""
        j = k - 1
        if j >= lo:
            return self._longest_end(items[j], cat)
        return None

    def _phrase_before_any(self, items, k, lo, cat) -> bool:
        return any(items[j].ends.get(cat) for j in range(lo, k))

    def _causative_before(self, items: list[Item], first: int, lo: int) -> bool:
        j = first - 1
        return j >= lo and items[j].text.lower() in ("nâng", "đưa", "nâng tổng số")

    def _is_generic(self, items: list[Item], first: int, last: int) -> bool:
        got = self._longest_start(items[first], "generic_names")
        return bool(got) and got[0] == last

    def _amount_intro(self, items: list[Item], vstart: int, lo: int) -> int | None:
        """Where "với số tiền" (and the like) ending right before the value starts, else None."""
        if vstart - 1 < lo or items[vstart - 1].kind != "word":
            return None
        got = self._longest_end(items[vstart - 1], "amount_intros")
        return got[0] if got and got[0] >= lo else None

    def _only_reference_between(self, items: list[Item], lo: int, hi: int) -> bool:
        """Items ``lo``..``hi``-1 are nothing, or only "theo" and document numbers."""
        return all(items[x].kind in ("punct", "record") or items[x].text.lower() == "theo"
                   for x in range(lo, hi))

    def _opening_action(self, items: list[Item], lo: int, hi: int) -> tuple[int, int] | None:
        """The action that opens the clause piece before ``hi`` ("Ngân sách tỉnh đã chi hỗ trợ
        người lao động theo ..."): from after the last comma, up to a figure, record, stop or
        preposition; a doer before "đã" left out. (first, last), else None."""
        start = lo
        for x in range(hi - 1, lo - 1, -1):
            if items[x].text == ",":
                start = x + 1
                break
        first = start
        while first < hi and items[first].kind == "punct":
            first += 1
        j = first
        while j < hi and j - first < self.lex.name_max:
            it = items[j]
            if it.kind != "word" or (j > first and (it.starts.get("name_stops") or it.starts.get(
                    "attribute_prepositions") or it.starts.get("beneficiary_prepositions"))):
                break
            j += 1
        last = j - 1
        first = self._drop_leading(items, self._after_doer(items, first, last), last, ("name_leading_drop",))
        return (first, last) if first <= last else None

    @staticmethod
    def _after_doer(items: list[Item], first: int, last: int) -> int:
        """Where an action starts after its doer: past the last pre-verb adverb ("Ngân sách tỉnh
        đã | chi hỗ trợ ...") when words follow it, else ``first``."""
        adv = next((x for x in range(last, first - 1, -1) if items[x].ends.get("pre_verb_adverbs")), None)
        return adv + 1 if adv is not None and adv < last else first

    def _is_activity(self, rec: dict) -> bool:
        return _folded(str(rec.get("unit") or "")) in self.lex.sets["activity_units"]

    def _clause_subject(self, items: list[Item], lo: int, hi: int) -> tuple[int, int]:
        """The word run that opens the clause, up to its first verb or stop."""
        i = lo
        while i < hi:
            it = items[i]
            if it.kind in ("punct", "period"):
                i += 1
                continue
            got = self._longest_start(it, "name_stops") or self._longest_start(it, "period_scope_words")
            if got and got[0] < hi:
                if it.starts.get("attribution_openers"):
                    # "Theo các lĩnh vực cũng ghi nhận, X ...": the subject follows the comma
                    comma = next((c for c in range(got[0] + 1, hi) if items[c].text == ","), None)
                    if comma is not None:
                        got = (comma, None)
                i = got[0] + 1
                continue
            break
        first = i
        j = i
        while j < hi:
            it = items[j]
            if it.kind != "word" or it.starts.get("verb") or it.starts.get("name_stops") \
                    or it.starts.get("target_markers") or it.starts.get("pre_verb_adverbs"):
                break
            j += 1
            if j - first >= self.lex.name_max:
                break
        first = self._drop_leading(items, first, j - 1, ("name_leading_drop", "subject_words"))
        last = j - 1
        while last >= first and items[last].ends.get("time_adjunct_words"):
            last -= 1  # "tổng chi ngân sách từ | đầu năm ...": the time phrase is not the name's
        return first, last


@Language.factory("vngov_indicators", default_config={"rules_dirs": []})
def make_indicators(nlp: Language, name: str, rules_dirs: list[str]):
    return IndicatorComponent(rules_dirs)


class IndicatorComponent(ConfigState):
    """The spaCy component: reads value, period and place records; writes ``indicators``."""

    def __init__(self, rules_dirs: Iterable[str] = ()):
        self.rules_dirs = list(rules_dirs)
        self.linker = IndicatorLinker(load_rules(self.rules_dirs))

    def __call__(self, doc: Doc) -> Doc:
        return self.linker(doc)

    def configure(self, rules_dirs: Iterable[str] = ()) -> None:
        self.__init__(rules_dirs)
