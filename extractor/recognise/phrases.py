"""Syllable tokens and multi-word lexicons, shared by the place, organisation and people stages.

Titles and organisation names are phrases of capitalised words, abbreviations and a few
lower-case words ("Chủ tịch UBND huyện", "Ban Chấp hành Đảng bộ huyện khóa XXV"). Reading
them syllable by syllable with lexicon look-ups is linear in the paragraph, where one big
regular expression with nested optional parts would not be.

Tokens are read from ``doc._.match_text`` (tone marks folded, page chrome blanked): offsets
are those of ``doc.text``.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any, Iterable

import regex
from spacy.tokens import Doc

from ..rules import fold

# A syllable (with an inner apostrophe: "K'Bình", "H'Mông"; joined abbreviations: "TT&VH"),
# a number, or one punctuation character.
_TOKEN = regex.compile(
    r"(?P<w>\p{L}+(?:['’]\p{L}+)?(?:&\p{L}+)*)|(?P<n>\d+(?:[.,/]\d+)*)|(?P<p>[^\s\p{L}\d])",
    regex.V1,
)


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    text: str      # as in match_text (folded tone marks)
    low: str       # lower case
    kind: str      # "w" word, "n" number, "p" punctuation

    @property
    def cap(self) -> bool:
        return self.kind == "w" and self.text[:1].isupper()

    @property
    def upper(self) -> bool:
        """An abbreviation: "UBND", "HĐND", "TT&VH", "TTg" (two capitals or more)."""
        if self.kind != "w" or len(self.text) < 2:
            return False
        caps = sum(1 for c in self.text if c.isupper())
        return caps >= 2 and self.text[:1].isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    end = len(text) if end is None else end
    out: list[Tok] = []
    for m in _TOKEN.finditer(text, start, end):
        kind = "w" if m.group("w") else ("n" if m.group("n") else "p")
        s = m.group()
        out.append(Tok(m.start(), m.end(), s, s.lower(), kind))
    return out


def phrase_key(phrase: str) -> tuple[str, ...]:
    """How a rule phrase is looked up: its folded, lower-cased tokens."""
    return tuple(t.low for t in tokenize(fold(phrase)))


class Lexicon:
    """Multi-word phrases -> values; longest match at a token position."""

    def __init__(self, items: Iterable[tuple[str, Any]] = ()):
        self.table: dict[tuple[str, ...], Any] = {}
        self.firsts: set[str] = set()
        self.max_len = 0
        for phrase, value in items:
            self.add(phrase, value)

    def add(self, phrase: str, value: Any = True) -> None:
        k = phrase_key(phrase)
        if not k:
            return
        self.table.setdefault(k, value)
        self.firsts.add(k[0])
        self.max_len = max(self.max_len, len(k))

    def match(self, toks: list[Tok], i: int) -> tuple[int, Any] | None:
        """(number of tokens, value) of the longest phrase starting at ``toks[i]``."""
        if i >= len(toks) or toks[i].low not in self.firsts:
            return None
        best = None
        limit = min(len(toks), i + self.max_len)
        for j in range(i + 1, limit + 1):
            if j > i + 1 and not adjacent(toks[j - 2], toks[j - 1]):
                break
            v = self.table.get(tuple(t.low for t in toks[i:j]))
            if v is not None:
                best = (j - i, v)
        return best

    def __contains__(self, phrase: str) -> bool:
        return phrase_key(phrase) in self.table


def adjacent(a: Tok, b: Tok, max_gap: int = 3) -> bool:
    """Two tokens of one phrase: at most a few spaces apart (never a line break: the
    normalised text keeps paragraphs on separate lines)."""
    return 0 <= b.start - a.end <= max_gap


class WordBoundaries:
    """underthesea's word segmentation as a signal: which characters start a word.

    A syllable that does not start an underthesea word is the second syllable of a word
    ("Văn hóa", "Huyện ủy"), so a lower-case syllable there continues the capitalised word
    before it; a person's name should start where a word starts ("Quảng Ninh | Nguyễn Văn
    Thắng")."""

    def __init__(self, doc: Doc):
        starts, ends = [], []
        for t in doc:
            if not t.is_space:
                starts.append(t.idx)
                ends.append(t.idx + len(t.text))
        self.starts = starts
        self.ends = ends
        self._start_set = set(starts)
        self._end_set = set(ends)

    def is_start(self, pos: int) -> bool:
        return pos in self._start_set

    def is_end(self, pos: int) -> bool:
        return pos in self._end_set

    def inside_word(self, pos: int) -> bool:
        """``pos`` is inside a multi-syllable word (not at its start)."""
        if pos in self._start_set:
            return False
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.ends[i] > pos


class Spans:
    """Sorted non-overlapping (start, end) ranges; which one covers an offset."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        items = sorted(set((int(s), int(e)) for s, e in spans))
        self.starts = [s for s, _ in items]
        self.ends = [e for _, e in items]

    def covering(self, pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.ends[i] > pos:
            return self.starts[i], self.ends[i]
        return None

    def __bool__(self) -> bool:
        return bool(self.starts)
