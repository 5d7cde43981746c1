"""Person names and the titles around them, paragraph by paragraph.

A name is recognised from Vietnamese name structure (``rules/names.yaml``): a family name
from the lexicon followed by capitalised syllables ("Nguyễn Minh Sơn", "Sùng A Lử",
"Lò Thị Xuân"), a Central Highlands name opened by "Y"/"H'"/"K'" ("Y Thanh Hà Niê Kdăm"), or
any capitalised run right after an honorific or a rank ("ông Đinh Văn X", "Đại tá ...").
underthesea's word segmentation is one signal among others: a name starts where an
underthesea word starts ("Bộ Công Thương | Nguyễn Hồng Diên"). Place names claimed by the
places stage ("xã Thanh Sơn") and province/district names ("Thái Nguyên") are not names.

Titles (``rules/titles.yaml``) are a head ("Bí thư", "Phó Chủ tịch", "TUV") and the tail
that names the organisation ("Huyện ủy", "UBND huyện Ba Chẽ"); they chain around a name with
"," "-" "kiêm" ("Đồng chí Nguyễn Minh Sơn - TUV, Bí thư Huyện ủy chủ trì ..."), and a
title written right before a name is that person's ("Bí thư Huyện ủy Nguyễn Minh Sơn").

The result is a list of ``Mention`` objects per article; ``extractor.link.officials`` merges
them into one official per person.

underthesea's ``ner`` is not used by default (about 26 times slower than word segmentation);
``PeopleFinder(rules, use_ner=True)`` adds its PER spans as one more name signal.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress
from typing import Any

import regex
from spacy.tokens import Doc

from ..document import prepare
from ..rules import Rules, fold
from .phrases import (Lexicon, Spans, Toks, WordBoundaries, doc_text, phrase_key, tokenize, word_boundaries,
                      word_info)

CACHE_KEY = "vngov.people"


@dataclass
class Name:
    i: int           # token range in the paragraph
    j: int
    start: int       # character range in doc.text
    end: int
    rule: str
    score: float
    given_only: bool = False   # "ông Sơn": a given name that refers to someone named in full
    lexicon: bool = True       # opened by a listed family name or name prefix


@dataclass
class Title:
    i: int
    j: int
    start: int
    end: int
    head: str
    lower: bool      # written in lower case ("phó chủ tịch UBND xã")


@dataclass
class Mention:
    """One occurrence of a person (or of a title that stands for one)."""

    kind: str                                  # "name", "given", "title_ref"
    name: str | None
    span: tuple[int, int]                      # the name (or the referring title)
    extent: tuple[int, int]                    # honorific/rank/titles included
    titles: list[tuple[str, tuple[int, int]]] = field(default_factory=list)
    ranks: list[tuple[str, str]] = field(default_factory=list)   # (rank as written, kind)
    honorific: str | None = None
    rule: str = ""
    score: float = 0.0
    lexicon: bool = True


@dataclass(slots=True)   # tens of thousands per article set: slots make them cheaper
class Item:
    kind: str        # NAME, HON, RANK, TITLE, SEP, BREAK, OTHER
    i: int
    j: int
    value: Any = None


@dataclass
class Paragraph:
    start: int
    end: int
    toks: Toks
    names: dict[int, Name]       # by first token index
    byline: bool = False


class PeopleGrammar:
    """The words of names.yaml, titles.yaml and organisations.yaml, ready for look-ups."""

    def __init__(self, rules: Rules):
        names = rules["names"]
        titles = rules["titles"]
        orgs = rules["organisations"]
        self.family = {fold(w).lower() for w in names["family_names"]}
        self.prefixes = {fold(w).lower() for w in names.get("name_prefixes", [])}
        self.apostrophe_prefixes = {w.lower() for w in names.get("apostrophe_prefixes", [])}
        self.max_syllables = int(names.get("max_syllables", 4))
        self.max_prefixed = int(names.get("max_syllables_prefixed", 5))
        self.honorifics = Lexicon((h, fold(h)) for h in names["honorifics"])
        # place levels written short with their own full stop ("TP.", "TX."; rules/places.yaml)
        self.dotted_levels = {fold(w).lower() for w in rules["places"]["levels"] if w.endswith(".")}
        ranks = []
        for kind, words in names["ranks"].items():
            ranks += [(w, (w, kind)) for w in words]
        self.ranks = Lexicon(ranks)
        self.not_officials = {phrase_key(n) for n in names.get("not_officials", [])}
        self.middle = {fold(w).lower() for w in names.get("middle_names", [])}
        self.org_head_given_names = {fold(w).lower() for w in names.get("org_head_given_names", [])}
        self.blockers = Lexicon((w, True) for w in names.get("name_blockers", []))
        self.short_blockers = Lexicon((w, True) for w in names.get("short_name_blockers", []))
        self.byline = [regex.compile(p, regex.V1) for p in names["byline"]["patterns"]]
        self.byline_max = int(names["byline"].get("max_chars", 90))

        heads = [(h, h) for h in titles["heads"]]
        self.heads = Lexicon(heads)
        self.capitalised_only = {phrase_key(h) for h in titles.get("capitalised_only", [])}
        self.modifiers = Lexicon((m, m) for m in titles.get("head_modifiers", []))
        self.title_abbreviations = {fold(a) for a in titles.get("title_abbreviations", [])}
        self.plural_markers = frozenset(fold(w).lower() for w in titles.get("plural_markers", []))
        self.org_head_last = {fold(w).lower() for w in titles.get("heads_ending_in_organisation", [])}
        self.abbreviations = {fold(k): v for k, v in titles["abbreviations"].items()}
        self.abbreviations_more = {**self.abbreviations,
                                   **{fold(k): v for k, v in titles.get("abbreviations_more", {}).items()}}
        self.tail_words = Lexicon((w, w) for w in titles["tail_words"])
        self.stop_words = Lexicon((w, w) for w in titles["stop_words"])
        self.names_over_stop_words = Lexicon((w, w) for w in titles.get("names_over_stop_words", []))
        self.conjunctions = {fold(w).lower() for w in titles.get("conjunctions", [])}
        self.topic_links = {fold(w).lower() for w in titles.get("topic_links", [])}
        topic_heads = "|".join(regex.escape(fold(w).lower()) for w in titles.get("topic_heads", []))
        qualifiers = "|".join(regex.escape(fold(w).lower()) for w in titles.get("topic_head_qualifiers", []))
        # read on the lower-case tokens before "về", joined by spaces (a few dozen characters)
        self.topic_head_rx = regex.compile(
            rf"(?:^|\s)(?:{topic_heads})(?:\s+(?:{qualifiers}))?\Z" if topic_heads else r"(?!)", regex.V1)
        self.topic_max_lower = int(titles.get("topic_max_lower_words", 3))
        self.topic_max_items = int(titles.get("topic_max_items", 6))
        self.topic_words = Lexicon((w, w) for w in titles.get("topic_words", []))
        self.owner_links = {fold(w).lower() for w in titles.get("body_owner_links", [])}
        self.body_owners = Lexicon((w, w) for w in titles.get("body_owners", []))
        self.comma_phrases = {phrase_key(w) for w in titles.get("comma_phrases", [])}
        links = titles.get("appointment_links", [])
        self.separators = Lexicon((s, fold(s).lower()) for s in [*titles["chain_separators"], *links])
        self.appointment_links = frozenset(fold(s).lower() for s in links)
        self.appointment_adverbs = Lexicon((w, w) for w in titles.get("appointment_adverbs", []))
        self.appointing_verbs = {phrase_key(w) for w in titles.get("appointing_verbs", [])}
        self.appointing_max = max((len(k) for k in self.appointing_verbs), default=0)

        org_heads = []
        for kind, groups in orgs["kinds"].items():
            for w in groups.get("standalone", []) or []:
                org_heads.append((w, (kind, True)))
            for w in groups.get("needs_tail", []) or []:
                org_heads.append((w, (kind, False)))
        self.org_heads = Lexicon(org_heads)
        # a token that no lexicon starts with is plain text: no look-ups for it
        self.item_firsts = (self.ranks.firsts | self.honorifics.firsts | self.heads.firsts
                            | self.modifiers.firsts | self.separators.firsts)
        self.number_after = {fold(w).lower() for w in titles.get("number_after", [])}
        self.before_numeral = {phrase_key(w) for w in titles.get("tail_words_before_numeral", [])}
        # plain words that ``ParagraphScanner.mentions`` reads one by one ("và" inside a list
        # of names, "các" before a shared title)
        self.lone_words = self.plural_markers | {"và"}
        self.plain_words = PlainWords(self)
        # the last words of honorifics and ranks ("." closes "TS.")
        self.honorific_lasts = self.honorifics.lasts | self.ranks.lasts | {"."}
        # the first words of what ``head_at`` and ``starts_phrase`` look for: any other word
        # (but an abbreviated title) is answered without a look-up
        self.head_starts = self.heads.firsts | self.modifiers.firsts
        self.phrase_starts = self.heads.firsts | self.org_heads.firsts | self.ranks.firsts

    # ---- single-position tests ------------------------------------------------------------
    def is_family(self, toks: Toks, i: int) -> bool:
        low = toks.lows[i]
        if low in self.family or low in self.prefixes:
            return True
        # "H'Hen", "K'Bình", "R'Com": an apostrophe prefix glued to the next syllable
        text = toks.texts[i]
        return len(text) > 2 and text[1] in "'’" and low[0] in self.apostrophe_prefixes

    def is_prefixed(self, toks: Toks, i: int) -> bool:
        text = toks.texts[i]
        return toks.lows[i] in self.prefixes or (len(text) > 2 and text[1] in "'’")

    def head_at(self, toks: Toks, i: int) -> tuple[int, str] | None:
        """A title head at ``i`` (after an optional "nguyên"/"Quyền"): (tokens, head)."""
        if i >= len(toks) or (toks.lows[i] not in self.head_starts
                              and toks.texts[i] not in self.title_abbreviations):
            return None
        k = i
        mod = self.modifiers.match(toks, k)
        if mod and k + mod[0] < len(toks) and toks.adjacent(k + mod[0] - 1, k + mod[0]):
            k += mod[0]
        hit = self.heads.match(toks, k)
        if hit:
            if toks.lows[k:k + hit[0]] in self.capitalised_only and not toks.caps[k]:
                return None
            return k + hit[0] - i, hit[1]
        if k < len(toks) and toks.kinds[k] == "w" and toks.texts[k] in self.title_abbreviations:
            text = toks.texts[k]
            n = k + 1 - i
            if k + 1 < len(toks) and toks.texts[k + 1] == "." and toks.starts[k + 1] == toks.ends[k] \
                    and text + "." in self.title_abbreviations:
                n += 1
            return n, text
        return None

    def rank_at(self, toks: Toks, i: int) -> tuple[int, str] | None:
        hit = self.ranks.match(toks, i)
        if not hit:
            return None
        n, (_, kind) = hit
        if not toks.caps[i]:
            return None
        # "TS." / "PGS.TS.": the closing dot belongs to the abbreviation
        j = i + n
        if j < len(toks) and toks.texts[j] == "." and toks.starts[j] == toks.ends[j - 1]:
            n += 1
        return n, kind

    def starts_phrase(self, toks: Toks, i: int) -> bool:
        """A capitalised head of a title, an organisation, a rank or an honorific starts here:
        a name cannot run over it."""
        if not toks.caps[i]:
            return False
        if toks.lows[i] not in self.phrase_starts:
            return toks.texts[i] in self.title_abbreviations
        if self.heads.match(toks, i) or self.org_heads.match(toks, i) or self.ranks.match(toks, i):
            return True
        return toks.texts[i] in self.title_abbreviations

    def given_name_at(self, toks: Toks, i: int, j: int) -> bool:
        """ "Nguyễn Thanh Trường": a given name that is also an organisation's head word ends a
        name opened by a family name when no capitalised word follows it (no "Trường THCS …")."""
        if j - i < 2 or not self.is_family(toks, i):
            return False
        nxt = j + 1
        if toks.lows[j] in self.org_head_given_names:
            return nxt >= len(toks) or not (toks.caps[nxt] and toks.adjacent(j, nxt))
        # any other one-word organisation head ("Đài", "Viện") as the third syllable of a
        # family + middle + given name, closed by punctuation: "đồng chí Phạm Văn Đài, Phó
        # Giám đốc …" (a body's name goes on: "Đài Phát thanh …")
        if j - i != 2 or nxt >= len(toks) or toks.kinds[nxt] != "p" or toks.texts[nxt] not in ",;:-–()" \
                or self.heads.match(toks, j) or self.ranks.match(toks, j) or self.honorifics.match(toks, j):
            return False
        hit = self.org_heads.match(toks, j)
        return bool(hit and hit[0] == 1)

    def blocked(self, toks: Toks, p: int, lexicon: Lexicon | None = None,
                is_start=None) -> bool:
        """A word right before ``toks[p]`` makes the run a company, school or street name.
        With ``is_start`` the blocker must begin a word: "phố" (street) blocks, the second
        syllable of "thành phố" (city) does not."""
        lexicon = lexicon or self.blockers
        for k in range(max(0, p - lexicon.max_len), p):
            hit = lexicon.match(toks, k)
            if hit and k + hit[0] == p and toks.adjacent(p - 1, p) \
                    and (is_start is None or is_start(toks.starts[k])):
                return True
        return False

    def looks_like_person(self, toks: Toks, n: int) -> bool:
        """ "Lò Thị Xuân", "Đặng Xuân Phong": a family name, then a middle name or two more
        syllables (place names of that shape are in the gazetteer); ``n``: the first tokens."""
        if n < 2 or not self.is_family(toks, 0):
            return False
        return n >= 3 or toks.lows[1] in self.middle


class PlainWords(dict):
    """token text -> whether it is a plain word (no item starts with it: ``items``),
    decided once per distinct word."""

    MAX_WORDS = 200_000

    def __init__(self, grammar: PeopleGrammar):
        super().__init__()
        self.g = grammar

    def __missing__(self, text: str) -> bool:
        if len(self) > self.MAX_WORDS:
            self.clear()
        g = self.g
        low, kind, _, _ = word_info(text)
        plain = self[text] = kind == "w" and low not in g.item_firsts and low not in g.lone_words \
            and text not in g.title_abbreviations
        return plain


class ParagraphScanner:
    """Tails, names and mentions inside one paragraph."""

    MAX_TAIL = 16
    MAX_BRIDGE = 4   # lower-case words between two capitalised parts of one name

    def __init__(self, grammar: PeopleGrammar, doc: Doc, words: WordBoundaries, places: Spans):
        self.g = grammar
        self.doc = doc
        self.text = doc_text(doc)
        self.words = words
        self.places = places

    # ---- tails of titles and organisations ---------------------------------------------------
    def scan_tail(self, toks: Toks, i: int, names: dict[int, Name], stop_at_heads: bool = True) -> int:
        """Index after the last token of the organisation tail that starts at ``i``."""
        g = self.g
        starts, ends, texts, lows, kinds, caps, uppers = \
            toks.starts, toks.ends, toks.texts, toks.lows, toks.kinds, toks.caps, toks.uppers
        covering = self.places.covering
        n = len(starts)
        j = i
        good = i
        pending = 0
        steps = 0
        owned_at = owned_end = -1
        while j < n and steps < self.MAX_TAIL:
            steps += 1
            start = starts[j]
            if j > i and not 0 <= start - ends[j - 1] <= 3:
                break
            place = covering(start)
            if place:
                k = j
                while k < n and starts[k] < place[1]:
                    if texts[k] == "." and k > j and self._ends_sentence(toks, k):
                        break
                    k += 1
                else:
                    j = good = k
                    pending = 0
                    continue
                # "chủ tịch HĐND TP. Ông A …": the place word's dot ends the sentence too
                return k + 1
            cap = caps[j]
            if j in names or (cap and (g.honorifics.match(toks, j) or g.rank_at(toks, j))):
                break
            kind = kinds[j]
            if kind == "p":
                text = texts[j]
                if text in "-–" and self._compound_dash(toks, j, good, names):
                    j += 1
                    continue
                # "COVID-19", "GD-ĐT": a hyphen with nothing around it
                if text == "-" and 0 < j and j + 1 < n and ends[j - 1] == start \
                        and starts[j + 1] == ends[j] and kinds[j - 1] == "w" and j == good \
                        and j + 1 not in names and not g.head_at(toks, j + 1):
                    j = good = j + 2
                    pending = 0
                    continue
                if self._comma_phrase_at(toks, j):   # "phòng, chống"
                    j += 1
                    continue
                if text == "," and self._compound_comma(toks, j, names):
                    j += 1
                    continue
                # "Chủ tịch UBND xã Thanh Sơn, huyện Ba Chẽ": a place after the comma
                if text == "," and j == good and j + 1 < n and self._place_starts(starts[j + 1]):
                    j += 1
                    continue
                if text == "&" and j + 1 < n and caps[j + 1] and starts[j + 1] == ends[j]:
                    j += 1
                    continue
                # "Phó Chủ tịch UBND TP. Bà A …": a dot that is the abbreviation's own, and
                # (no place name after it) the sentence's end too
                if text == "." and j == good and j > i and ends[j - 1] == start \
                        and lows[j - 1] + "." in g.dotted_levels and self._ends_sentence(toks, j):
                    return j + 1
                # "Thể thao & Du lịch": "&" between spaces joins two parts like "và"
                if text in g.conjunctions and self._joins_name(toks, j + 1, names):
                    pending += 1
                    j += 1
                    continue
                break
            if kind == "n":
                prev = lows[j - 1] if j > 0 else ""
                if j == good and prev in g.number_after:
                    j = good = j + 1
                    pending = 0
                    continue
                break
            upper = uppers[j]
            # a new title starts here; an abbreviation inside an organisation name does not
            # start one ("Đoàn ĐBQH tỉnh")
            if stop_at_heads and (cap or upper or j > i) and g.head_at(toks, j) \
                    and not (texts[j] in g.title_abbreviations and g.heads.match(toks, j) is None
                             and (j > i or self._org_head_before(toks, i))):
                break
            if cap or upper:
                j = good = j + 1
                pending = 0
                continue
            # lower case
            if lows[j] in g.conjunctions:
                if self._joins_name(toks, j + 1, names):
                    pending += 1
                    j += 1
                    continue
                break
            if g.stop_words.match(toks, j):
                # "Trưởng Ban chỉ đạo …": the verb "chỉ đạo" is part of the body's name (the
                # head "Trưởng ban" may have taken "Ban")
                over = g.names_over_stop_words.match(toks, j - 1) if j > 0 else None
                if over and over[0] > 1:
                    j = good = j - 1 + over[0]
                    pending = 0
                    continue
                # "Ban Chỉ đạo của Chính phủ về …": the owner is part of the body's name
                owner_end = self._owner_after(toks, i, j)
                if owner_end:
                    owned_at, owned_end = j, owner_end
                    j = good = owner_end
                    pending = 0
                    continue
                topic_end = self._topic_after(toks, i, j, names,
                                              head_end=owned_at if j == good == owned_end else j)
                if topic_end:
                    j = good = topic_end
                    pending = 0
                    continue
                break
            hit = g.tail_words.match(toks, j)
            if hit and tuple(lows[j:j + hit[0]]) in g.before_numeral:
                nxt = j + hit[0]
                if not (nxt < n and toks.adjacent(nxt - 1, nxt) and uppers[nxt]):
                    break
            if hit:
                j = good = j + hit[0]
                pending = 0
                continue
            if j == good and j > i and self.words.inside_word(start):
                j = good = j + 1     # second syllable of a capitalised word: "Văn hóa"
                continue
            if not self.words.inside_word(start):
                pending += 1
            if pending > self.MAX_BRIDGE:
                break
            j += 1
        return good

    def _ends_sentence(self, toks: Toks, k: int) -> bool:
        """The dot at ``k`` (after an abbreviation such as "TP.") also ends a sentence: a
        capitalised honorific or rank follows, or the sentence splitter starts one there."""
        nxt = k + 1
        if nxt >= len(toks) or not toks.caps[nxt]:
            return False
        if self.g.honorifics.match(toks, nxt) or self.g.rank_at(toks, nxt):
            return True
        return toks.starts[nxt] in self.sentence_starts

    @cached_property
    def sentence_starts(self) -> frozenset[int]:
        return frozenset(s for s, _ in self.doc._.sentences or [])

    def _owner_after(self, toks: Toks, i: int, j: int) -> int:
        """ "Ban Chỉ đạo của Chính phủ": index after the owner that "của" at ``j`` adds to a
        body's name, or 0 when "của" ends the tail (an ordinary clause: "… của tỉnh nhà")."""
        g = self.g
        if toks.lows[j] not in g.owner_links or j + 1 >= len(toks) or not toks.adjacent(j, j + 1):
            return 0
        owner = g.body_owners.match(toks, j + 1)
        if not owner or not g.topic_head_rx.search(" ".join(toks.lows[max(0, i - 3):j])):
            return 0
        end = j + 1 + owner[0]
        # "của tỉnh Nghệ An" is a place, not the owner word alone
        if end < len(toks) and toks.caps[end] and toks.adjacent(end - 1, end) and not g.head_at(toks, end) \
                and not g.stop_words.match(toks, end):
            return 0
        return end

    def _topic_after(self, toks: Toks, i: int, j: int, names: dict[int, Name], head_end: int | None = None) -> int:
        """ "Ban chỉ đạo quốc gia về Chuyển đổi số": index after the topic that "về" at ``j``
        adds to a body's name, or 0 when "về" ends the tail. ``head_end``: where the body's head
        ends when an owner ("của Chính phủ") stands between it and "về"."""
        g = self.g
        lows, caps, n = toks.lows, toks.caps, len(toks)
        k = j + 1
        stop = g.stop_words.match(toks, j)
        if lows[j] not in g.topic_links or (stop and stop[0] > 1) or k >= n or not toks.adjacent(j, k) \
                or k in names or toks.kinds[k] != "w" or g.stop_words.match(toks, k) \
                or g.head_at(toks, k) or self.places.covering(toks.starts[k]):
            return 0   # "về dự", "về thăm", "về Cà Mau": the verb that follows the title
        # a topic in capitals must be no body ("Sở …"); "phòng" in "phòng, chống" is no "Phòng"
        if caps[k] and g.org_heads.match(toks, k) and not self._comma_phrase_at(toks, k + 1):
            return 0
        # the body's head may be in the title head itself ("Chủ tịch Hội đồng về …")
        hend = j if head_end is None else head_end
        if not g.topic_head_rx.search(" ".join(lows[max(0, i - 3):hend])):
            return 0
        end = self._topic_item(toks, k, names, first=True)
        # a topic that is a list: "về phòng, chống tham nhũng, tiêu cực", "về khoa học, công
        # nghệ và chuyển đổi số": each further item must end where a list item can end
        items = 1
        while items < g.topic_max_items and end + 1 < n and toks.adjacent(end, end + 1) \
                and (toks.texts[end] == "," or lows[end] in g.conjunctions):
            nxt = self._topic_item(toks, end + 1, names, first=False)
            if not nxt or not self._topic_item_closed(toks, nxt):
                break
            end = nxt
            items += 1
        return end

    def _topic_item(self, toks: Toks, k: int, names: dict[int, Name], first: bool) -> int:
        """Index after one item of a topic starting at ``k`` (0 when none starts there)."""
        g = self.g
        lows, caps, n = toks.lows, toks.caps, len(toks)
        if not first:
            if k >= n or toks.kinds[k] != "w" or k in names or g.stop_words.match(toks, k) \
                    or g.head_at(toks, k) or g.honorifics.match(toks, k) or g.rank_at(toks, k) \
                    or self.places.covering(toks.starts[k]) or (caps[k] and g.org_heads.match(toks, k)):
                return 0
        begin = k
        lower = 0
        words = g.topic_words.match(toks, k)
        if words:
            k += words[0]
            lower = words[0] - 1
        else:
            k += 1
        while k < n and caps[k] and toks.kinds[k] == "w" and toks.adjacent(k - 1, k) \
                and k not in names and not g.head_at(toks, k):
            k += 1
        while k < n and lower < g.topic_max_lower and toks.adjacent(k - 1, k):
            if self._comma_phrase_at(toks, k):
                k += 2
                continue
            words = g.topic_words.match(toks, k)
            if words:
                k += words[0]
                lower += words[0]
                continue
            if caps[k] or toks.kinds[k] != "w" or lows[k] in g.conjunctions \
                    or g.stop_words.match(toks, k) or g.tail_words.match(toks, k):
                break
            k += 1
            lower += 1
        # "Đề án 06": a number closes a capitalised item
        if not first and caps[begin] and k < n and toks.kinds[k] == "n" and toks.adjacent(k - 1, k):
            k += 1
        return k

    def _topic_item_closed(self, toks: Toks, k: int) -> bool:
        """A list item ends at ``k``: punctuation, "và", a stop word or the end follows (not a
        clause that runs on: "…, cho hay năm nay …")."""
        if k >= len(toks):
            return True
        return toks.kinds[k] == "p" or toks.lows[k] in self.g.conjunctions \
            or bool(self.g.stop_words.match(toks, k))

    def _comma_phrase_at(self, toks: Toks, k: int) -> bool:
        """A comma at ``k`` inside a fixed phrase ("phòng, chống")."""
        return 0 < k < len(toks) - 1 and toks.texts[k] == "," \
            and (toks.lows[k - 1], ",", toks.lows[k + 1]) in self.g.comma_phrases

    def _joins_name(self, toks: Toks, nxt: int, names: dict[int, Name]) -> bool:
        """After "và"/"&": a capitalised word that continues the organisation's name
        ("Sở Nông nghiệp và Phát triển nông thôn"), not a new title, name, place or body."""
        g = self.g
        return nxt < len(toks) and toks.caps[nxt] and nxt not in names and not g.head_at(toks, nxt) \
            and not self.places.covering(toks.starts[nxt]) and not g.org_heads.match(toks, nxt)

    def _org_head_before(self, toks: Toks, i: int) -> bool:
        """The title head ending at ``i`` ends with an organisation noun ("Trưởng Đoàn"):
        an abbreviation right after it names that organisation ("Trưởng Đoàn ĐBQH tỉnh")."""
        return i > 0 and toks.lows[i - 1] in self.g.org_head_last

    def _place_starts(self, start: int) -> bool:
        place = self.places.covering(start)
        return bool(place and place[0] == start)

    def _compound_dash(self, toks: Toks, j, good, names) -> bool:
        """ "Tài chính - Kế hoạch", "GD-ĐT": a dash inside an organisation name."""
        if j != good or j + 1 >= len(toks) or j == 0:
            return False
        if not (toks.caps[j + 1] and toks.adjacent(j, j + 1)) or j + 1 in names:
            return False
        if self.g.head_at(toks, j + 1) or self.g.honorifics.match(toks, j + 1) or self.g.rank_at(toks, j + 1):
            return False
        return True

    def _compound_comma(self, toks: Toks, j, names) -> bool:
        """ "Sở Văn hóa, Thể thao và Du lịch": a comma inside a name, closed by "và"."""
        n = len(toks)
        k = j + 1
        if k >= n or not toks.caps[k] or k in names or self.g.head_at(toks, k):
            return False
        for m in range(k, min(n, k + 5)):
            # "&" is a conjunction written as a sign ("Văn hóa, Thể thao & Du lịch")
            if toks.kinds[m] == "p" and toks.lows[m] not in self.g.conjunctions:
                return False
            if toks.lows[m] in self.g.conjunctions:
                return m + 1 < n and toks.caps[m + 1] and not self.g.head_at(toks, m + 1)
        return False

    # ---- names ------------------------------------------------------------------------------
    def find_names(self, toks: Toks) -> dict[int, Name]:
        g = self.g
        starts, ends, texts, caps = toks.starts, toks.ends, toks.texts, toks.caps
        covering = self.places.covering
        out: dict[int, Name] = {}
        n = len(starts)
        i = 0
        while i < n:
            if not caps[i]:
                # a name starts with a capital: go straight to the next capitalised token
                try:
                    i = caps.index(True, i + 1)
                except ValueError:
                    break
            if covering(starts[i]) or g.starts_phrase(toks, i):
                i += 1
                continue
            hon = g.honorifics.match(toks, i)
            if hon:   # "Ông Nguyễn Văn A" at the start of a sentence
                i += hon[0]
                continue
            j = i + 1
            while j < n and caps[j] and 0 <= starts[j] - ends[j - 1] <= 3 \
                    and not covering(starts[j]) and (not g.starts_phrase(toks, j)
                                                     or g.given_name_at(toks, i, j)):
                j += 1
            if j < n and texts[j] == "." and j - i >= 1 and len(texts[j - 1]) == 1 \
                    and starts[j] == ends[j - 1]:
                i = j   # initials: "H.T.P", "Nguyễn V."
                continue
            after_honorific = self._after_honorific(toks, i)
            name = self._choose(toks, i, j, after_honorific)
            if name:
                out[name.i] = name
            i = j
        return out

    def _after_honorific(self, toks: Toks, i: int) -> bool:
        """An honorific or a rank ends right before token ``i``."""
        g = self.g
        # the phrase would end with token i - 1: most capitalised runs follow no such word
        if i == 0 or toks.lows[i - 1] not in g.honorific_lasts or not toks.adjacent(i - 1, i, 3):
            return False
        for k in range(max(0, i - 4), i):
            hit = g.honorifics.match(toks, k) or g.rank_at(toks, k)
            if hit and k + hit[0] == i and toks.adjacent(i - 1, i, 3):
                return True
        return False

    def _choose(self, toks: Toks, i: int, j: int, after_honorific: bool) -> Name | None:
        g = self.g
        starts_at, ends_at, lows = toks.starts, toks.ends, toks.lows
        starts = [p for p in range(i, j) if g.is_family(toks, p)]
        if not starts and not after_honorific:
            return None    # most capitalised runs: no family name, no honorific before them
        aligned = [p for p in starts if p == i or self.words.is_start(starts_at[p])]
        if lows[i:j] in g.not_officials:
            return None
        # a heading in capitals tells no names from words ("… PHÁT ĐỘNG THI ĐUA THỰC HIỆN
        # THẮNG LỢI …"): there a name inside the run must end it
        shouting = j - i > 2 and all(toks.uppers[k] or len(toks.texts[k]) == 1 for k in range(i, j))
        for p in (aligned or starts)[:8]:   # bounded: a heading in Title Case can be long
            prefixed = g.is_prefixed(toks, p)
            limit = g.max_prefixed if prefixed else g.max_syllables
            end = min(j, p + limit)
            if end - p < 2:
                continue
            if shouting and p > i and end < j:
                continue
            # a province or district name in front ("Hà Nội Nguyễn Văn A"): skip it
            if any(q in aligned and self._area(toks, p, q) for q in range(p + 1, min(j - 1, p + 5))):
                continue
            if end == j and lows[p:end] in g.not_officials:
                return None
            free = p == i and after_honorific
            if not free:
                if g.blocked(toks, p, is_start=self.words.is_start) or self._area(toks, p, end):
                    continue
                if end - p < 3 and g.blocked(toks, p, g.short_blockers):
                    continue
                # inside a longer capitalised run ("Công ty TNHH Hoàng Long"): full names only
                if p > i and end - p < 3:
                    continue
                # "Trường Đại học Y Thái Bình": "Y" before a place name is not a name prefix
                if prefixed and self._area(toks, p + 1, end):
                    continue
            return Name(p, end, starts_at[p], ends_at[end - 1], "name.family_lexicon", 0.9)
        if after_honorific:
            if lows[i:j] in g.not_officials:
                return None
            if j - i == 1 or (j - i == 2 and not g.is_family(toks, i)):
                return Name(i, j, starts_at[i], ends_at[j - 1], "name.given_after_honorific", 0.6,
                            given_only=True, lexicon=False)
            if j - i <= g.max_syllables:
                return Name(i, j, starts_at[i], ends_at[j - 1], "name.after_honorific", 0.7, lexicon=False)
        return None

    def _area(self, toks: Toks, p: int, q: int) -> bool:
        from ..gazetteer import gazetteer

        if q - p < 1:
            return False
        return gazetteer().is_area_name(" ".join(toks.texts[p:q]))

    # ---- items and mentions -------------------------------------------------------------------
    def items(self, para: Paragraph) -> list[Item]:
        g = self.g
        toks, names = para.toks, para.names
        texts, lows, kinds = toks.texts, toks.lows, toks.kinds
        item_firsts, title_abbreviations = g.item_firsts, g.title_abbreviations
        separator_firsts, rank_firsts, honorific_firsts, head_starts = \
            g.separators.firsts, g.ranks.firsts, g.honorifics.firsts, g.head_starts
        # a run of plain words is one OTHER item: the mentions only look at an OTHER item's
        # kind and its edge tokens, and at the words of ``lone_words`` (kept as items of
        # their own); most of a paragraph is such runs. ``plain[k]``: token k continues a run.
        plain = list(map(g.plain_words.__getitem__, texts))
        for k in names:
            plain[k] = False
        out: list[Item] = []
        n = len(texts)
        i = 0
        while i < n:
            if i in names:
                nm = names[i]
                out.append(Item("NAME", i, nm.j, nm))
                i = nm.j
                continue
            if plain[i]:
                try:
                    j = plain.index(False, i + 1)
                except ValueError:
                    j = n
                out.append(Item("OTHER", i, j, lows[j - 1]))
                i = j
                continue
            kind, low = kinds[i], lows[i]
            if kind == "w" and low not in item_firsts and texts[i] not in title_abbreviations:
                out.append(Item("OTHER", i, i + 1, low))    # one of ``lone_words``
                i += 1
                continue
            # the look-ups below run only for the lexicons that have a phrase starting with
            # this word (the first check inside ``Lexicon.match``, without the call)
            if kind != "w":   # punctuation and numbers: a separator or nothing
                s = g.separators.match(toks, i) if low in separator_firsts else None
                if s:
                    out.append(Item("SEP", i, i + s[0], s[1]))
                    i += s[0]
                else:
                    out.append(Item("BREAK" if kind == "p" else "OTHER", i, i + 1, texts[i]))
                    i += 1
                continue
            r = g.rank_at(toks, i) if low in rank_firsts else None
            if r:
                out.append(Item("RANK", i, i + r[0], r[1]))
                i += r[0]
                continue
            h = g.honorifics.match(toks, i) if low in honorific_firsts else None
            if h:
                out.append(Item("HON", i, i + h[0], h[1]))
                i += h[0]
                continue
            head = g.head_at(toks, i) if low in head_starts or texts[i] in title_abbreviations else None
            if head:
                end = self.scan_tail(toks, i + head[0], names)
                out.append(Item("TITLE", i, end, Title(i, end, toks.starts[i], toks.ends[end - 1], head[1],
                                                       lower=not (toks.caps[i] or toks.uppers[i]))))
                i = end
                continue
            s = g.separators.match(toks, i) if low in separator_firsts else None
            if s:
                out.append(Item("SEP", i, i + s[0], s[1]))
                i += s[0]
                continue
            out.append(Item("OTHER", i, i + 1, low))
            i += 1
        return out

    @staticmethod
    def _shared_title(items: list[Item], b: int, touching, assigned: set[int],
                      plural: frozenset = frozenset()) -> list[int] | None:
        """The titles before a colon that opens a list of names ("Phó Chủ tịch UBND tỉnh:
        Đào Minh Khang, Vũ Đức Thịnh"; "các đồng chí là Ủy viên Ban Thường vụ Tỉnh ủy: A,
        Trưởng Ban …; B, Chủ nhiệm …"), or a plural chain before the first name ("các Phó Thủ
        tướng, Phó Trưởng Ban Chỉ đạo A và B"), when item ``b`` is inside that list."""
        k = b
        while k >= 1 and b - k < 40:
            it = items[k]
            if it.kind == "SEP" and it.value == ":":
                return [k - 1] if items[k - 1].kind == "TITLE" and touching(k - 1, k) \
                    and k - 1 not in assigned else None
            # "các Phó Chủ tịch UBND tỉnh A và B": a plural title right before the first name,
            # or a chain of titles that the plural word opens
            if it.kind == "TITLE" and k < b and items[k + 1].kind == "NAME" and touching(k, k + 1):
                chain = [k]
                c = k - 1
                while c >= 1 and items[c].kind == "SEP" and items[c].value == "," \
                        and items[c - 1].kind == "TITLE" and touching(c - 1, c) and touching(c, c + 1):
                    chain.insert(0, c - 1)
                    c -= 2
                if c >= 0 and items[c].kind in ("OTHER", "HON") and str(items[c].value) in plural \
                        and touching(c, c + 1):
                    return chain
            # the titles of an earlier member of a list after a colon ("A, Trưởng Ban …; B");
            # a ";" after a bare name closes the list ("Phó Chủ tịch: A, B; Đại tá C, …")
            if it.kind == "TITLE" and k < b and k >= 1 and items[k - 1].kind == "SEP" \
                    and items[k - 1].value == "," or it.kind == "BREAK" and it.value == ";" \
                    and k >= 2 and items[k - 1].kind == "TITLE" and items[k - 2].kind == "SEP":
                k -= 1
                continue
            if it.kind == "SEP" and it.value == "," or it.kind == "NAME" or \
                    it.kind == "OTHER" and it.value == "và":
                k -= 1
                continue
            return None
        return None

    def _appointment_start(self, items: list[Item], k: int, toks: Toks, touching) -> int:
        """Where the titles after name item ``k`` start: right after it, or after adverbs
        that come before an appointment link ("A vừa được bầu làm …", "A tiếp tục được đảm
        nhận chức …")."""
        g = self.g
        m = k + 1
        if m >= len(items) or items[m].kind != "OTHER" or not touching(k, m):
            return k + 1
        first = items[m].i
        while m < len(items) and items[m].kind == "OTHER" and touching(m - 1, m) and m - k <= 4:
            m += 1
        if m >= len(items) or items[m].kind != "SEP" or items[m].value not in g.appointment_links \
                or not touching(m - 1, m):
            return k + 1
        # the words in between must all be adverbs
        p, end = first, items[m].i
        while p < end:
            hit = g.appointment_adverbs.match(toks, p)
            if not hit or p + hit[0] > end:
                return k + 1
            p += hit[0]
        return m

    def _ends_with_appointing_verb(self, toks: Toks, end: int) -> bool:
        """An appointing verb ("bầu", "bổ nhiệm") ends right before token ``end``."""
        lows = tuple(toks.lows[max(0, end - self.g.appointing_max):end])
        return any(lows[-n:] in self.g.appointing_verbs for n in range(1, len(lows) + 1))

    def mentions(self, para: Paragraph) -> list[Mention]:
        toks = para.toks
        starts, ends = toks.starts, toks.ends
        text = self.text
        items = self.items(para)
        assigned: set[int] = set()
        out: list[Mention] = []
        titles_before: dict[int, list[int]] = {}   # name item -> the titles before it

        def touching(a: int, b: int) -> bool:
            """items a and b are next to each other with only spaces between."""
            return 0 <= starts[items[b].i] - ends[items[a].j - 1] <= 3

        def precedes_name(t: int) -> bool:
            if toks.texts[items[t].j - 1] == ".":   # "… UBND TP. Ông A": a new sentence
                return False
            k = t + 1
            while k < len(items) and items[k].kind in ("HON", "RANK") and touching(k - 1, k):
                k += 1
            return k < len(items) and items[k].kind == "NAME" and touching(k - 1, k)

        def strong_next(t: int) -> bool:
            """The name right after title ``t`` can take it from the person before: a full
            name of three syllables, or one not followed by a comma ("..., Bí thư Tỉnh ủy
            Hà Lâm, và ..." keeps the title with the person before)."""
            k = t + 1
            while items[k].kind != "NAME":
                k += 1
            nm = items[k].value
            if nm.j - nm.i >= 3:
                return True
            return k + 1 >= len(items) or items[k + 1].kind not in ("SEP", "BREAK")

        def raw(it: Item) -> tuple[str, tuple[int, int]]:
            s, e = starts[it.i], ends[it.j - 1]
            return text[s:e], (s, e)

        for k, it in enumerate(items):
            if it.kind != "NAME":
                continue
            nm: Name = it.value
            ranks: list[tuple[str, str]] = []
            honorific = None
            b = k - 1
            while b >= 0 and items[b].kind in ("HON", "RANK") and touching(b, b + 1):
                if items[b].kind == "RANK":
                    ranks.insert(0, (raw(items[b])[0], items[b].value))
                else:
                    honorific = items[b].value
                b -= 1
            # "Bộ trưởng Bộ Quốc phòng, Đại tướng A": the titles before a rank that a comma
            # sets off are the person's
            if ranks and b >= 1 and items[b].kind == "SEP" and items[b].value == "," \
                    and items[b - 1].kind == "TITLE" and touching(b - 1, b) and touching(b, b + 1):
                b -= 1
            first = b + 1
            pre: list[int] = []
            shared = self._shared_title(items, b, touching, assigned, self.g.plural_markers)
            if shared is not None:
                # "các đồng chí Phó Chủ tịch UBND tỉnh: A, B": each of A and B holds it
                pre.extend(shared)
                first = k
            elif b >= 0 and items[b].kind == "TITLE" and b not in assigned and touching(b, b + 1) \
                    and toks.texts[items[b].j - 1] != ".":   # "… HĐND TP. Ông A": a new sentence
                pre.append(b)
                c = b - 1
                while c - 1 >= 0 and items[c].kind == "SEP" and items[c].value in (",", "kiêm", "-", "–") \
                        and items[c - 1].kind == "TITLE" and c - 1 not in assigned:
                    pre.insert(0, c - 1)
                    c -= 2
                first = pre[0]
            post: list[int] = []
            m = self._appointment_start(items, k, toks, touching)
            # "bầu ông A làm chủ tịch HĐND xã": the person is the one appointed
            appointed = b >= 0 and items[b].kind == "OTHER" and touching(b, b + 1) \
                and self._ends_with_appointing_verb(toks, items[b].j)
            while m < len(items):
                cur = items[m]
                if cur.kind == "SEP" and m + 2 < len(items) and items[m + 1].kind == "SEP" \
                        and items[m + 2].kind == "TITLE" and touching(m, m + 1) and touching(m + 1, m + 2):
                    t_idx = m + 2
                elif cur.kind == "SEP" and m + 1 < len(items) and items[m + 1].kind == "TITLE" \
                        and touching(m, m + 1):
                    t_idx = m + 1
                elif cur.kind == "TITLE" and touching(m - 1, m) and not cur.value.lower:
                    t_idx = m
                else:
                    break
                # a title in lower case only as the first one, after a comma or a dash
                # ("ông A, trưởng thôn Bắc"), not "... làm trưởng đoàn"
                link = items[t_idx - 1]
                if items[t_idx].value.lower and not (t_idx == k + 2 and cur.kind == "SEP"
                                                     and cur.value in (",", "-", "–", "(")) \
                        and not (link.kind == "SEP" and link.value in self.g.appointment_links) \
                        and not (appointed and t_idx == k + 2 and cur.kind == "SEP" and cur.value == "làm"):
                    break
                if t_idx in assigned or (precedes_name(t_idx) and strong_next(t_idx)):
                    break
                post.append(t_idx)
                m = t_idx + 1
                # "(Phó Chủ tịch UBND xã)": the closing bracket ends the chain
            # "Phó Trưởng Ban Chỉ đạo A và B": a full name right after "và", with no honorific,
            # rank or title of its own, shares the titles before the first name ("… A và đồng
            # chí B, Bí thư …" keeps B's own)
            if shared is None and not pre and not post and honorific is None and not ranks \
                    and b >= 1 and items[b].kind == "OTHER" and items[b].value == "và" \
                    and items[b - 1].kind == "NAME" and titles_before.get(b - 1) \
                    and touching(b - 1, b) and touching(b, k) \
                    and not nm.given_only and nm.j - nm.i >= 2:
                pre = list(titles_before[b - 1])
                shared = pre
                first = k
            titles_before[k] = pre
            for t_idx in post + (pre if shared is None else []):
                assigned.add(t_idx)
            last = post[-1] if post else k
            extent = (starts[items[first].i], ends[items[last].j - 1])
            name_text = text[nm.start:nm.end]
            out.append(Mention(
                kind="given" if nm.given_only else "name", name=name_text, span=(nm.start, nm.end),
                extent=extent, titles=[raw(items[t]) for t in pre + post], ranks=ranks,
                honorific=honorific, rule=nm.rule, score=nm.score, lexicon=nm.lexicon))
        # "đồng chí Bí thư Huyện ủy": a title that stands for the one person who holds it
        for k, it in enumerate(items):
            if it.kind == "TITLE" and k not in assigned and k > 0 and items[k - 1].kind == "HON" \
                    and touching(k - 1, k) and not precedes_name(k):
                s, e = raw(it)[1]
                out.append(Mention(kind="title_ref", name=None, span=(s, e),
                                   extent=(starts[items[k - 1].i], e), titles=[raw(it)],
                                   honorific=items[k - 1].value, rule="official.title_reference", score=0.6))
        return out


class PeopleFinder:
    """All person mentions of a Doc (cached on the Doc: the organisation stage and the
    officials linker share one analysis)."""

    def __init__(self, rules: Rules, use_ner: bool = False):
        self.grammar = grammar_for(rules)
        self.use_ner = use_ner

    def is_byline(self, text: str) -> bool:
        g = self.grammar
        s = text.strip()
        if not s or len(s) > g.byline_max or s.endswith((".", "!", "?", ":")):
            return False
        return any(p.fullmatch(s) for p in g.byline)

    def paragraphs(self, doc: Doc) -> tuple[ParagraphScanner, list[Paragraph]]:
        prepare(doc)
        cached = doc.user_data.get(CACHE_KEY)
        if cached is not None and cached[0] is self.grammar and cached[3] == self.use_ner:
            return cached[1], cached[2]
        places = Spans(tuple(r["span"]) for r in doc._.records.get("places", []) if r.get("span"))
        scanner = ParagraphScanner(self.grammar, doc, word_boundaries(doc), places)
        mt = doc._.match_text
        text = scanner.text
        paras = list(doc._.paragraphs or [(0, len(text))])
        title_span = (doc._.meta or {}).get("title_span")
        # the closing lines of an article: the reporter, not an official
        byline_at = set()
        for idx in range(len(paras) - 1, max(-1, len(paras) - 3), -1):
            s, e = paras[idx]
            if title_span and s == title_span[0]:
                break
            if self.is_byline(text[s:e]):
                byline_at.add(idx)
            else:
                break
        ner_starts = self._ner_starts(doc) if self.use_ner else None
        out: list[Paragraph] = []
        for idx, (s, e) in enumerate(paras):
            toks = tokenize(mt, s, e)
            names = {} if idx in byline_at else scanner.find_names(toks)
            if ner_starts:
                self._add_ner(scanner, toks, names, ner_starts)
            out.append(Paragraph(s, e, toks, names, idx in byline_at))
        doc.user_data[CACHE_KEY] = (self.grammar, scanner, out, self.use_ner)
        return scanner, out

    def mentions(self, doc: Doc) -> list[Mention]:
        scanner, paras = self.paragraphs(doc)
        out: list[Mention] = []
        for p in paras:
            # no name and no honorific (for "đồng chí Bí thư Huyện ủy"): nobody to find here
            if not p.byline and (p.names or self._has_honorific(p.toks)):
                out.extend(scanner.mentions(p))
        return out

    def _has_honorific(self, toks: Toks) -> bool:
        """An honorific phrase is written somewhere in the paragraph (its first word alone
        is not enough: "đồng" starts "đồng chí" but also "đồng bào", "hợp đồng")."""
        honorifics = self.grammar.honorifics
        lows = toks.lows
        return any(honorifics.match(toks, k)
                   for k in compress(range(len(lows)), map(honorifics.firsts.__contains__, lows)))

    # ---- optional underthesea NER signal (off by default: slow) -------------------------
    def _ner_starts(self, doc: Doc) -> dict[int, int]:
        from underthesea import ner

        spans: dict[int, int] = {}
        text = doc_text(doc)
        for s, e in doc._.sentences or []:
            sent = text[s:e]
            pos = 0
            for word, _, _, tag in ner(sent):
                at = sent.find(word, pos)
                if at < 0:
                    continue
                pos = at + len(word)
                if tag.endswith("PER"):
                    spans[s + at] = s + pos
        return spans

    def _add_ner(self, scanner: ParagraphScanner, toks: Toks, names: dict[int, Name],
                 ner_starts: dict[int, int]) -> None:
        taken = {k for nm in names.values() for k in range(nm.i, nm.j)}
        for i, start in enumerate(toks.starts):
            end = ner_starts.get(start)
            if end is None or i in taken:
                continue
            j = i
            while j < len(toks) and toks.ends[j] <= end:
                j += 1
            if j - i >= 2 and not any(k in taken for k in range(i, j)) \
                    and not scanner.places.covering(start):
                names[i] = Name(i, j, start, toks.ends[j - 1], "name.underthesea_ner", 0.5, lexicon=False)


_GRAMMARS: dict[tuple[str, ...], PeopleGrammar] = {}


def grammar_for(rules: Rules) -> PeopleGrammar:
    """One grammar per rule set (the lexicons are built once per process)."""
    key = rules.key
    if key not in _GRAMMARS:
        _GRAMMARS[key] = PeopleGrammar(rules)
    return _GRAMMARS[key]
