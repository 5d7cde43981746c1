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
from itertools import accumulate
from typing import Any, Iterable

import regex
from spacy.tokens import Doc

from ..rules import fold

# A syllable (with an inner apostrophe: "K'Bình", "H'Mông"; joined abbreviations: "TT&VH"),
# a number, or one punctuation character.
_TOKEN_PATTERN = r"(?P<w>\p{L}+(?:['’]\p{L}+)?(?:&\p{L}+)*)|(?P<n>\d+(?:[.,/]\d+)*)|(?P<p>[^\s\p{L}\d])"
_TOKEN = regex.compile(_TOKEN_PATTERN, regex.V1)
# Every character that is not a space belongs to a token, so ``split`` cuts a paragraph into
# spaces, token, spaces, token, ..., spaces: plain strings, without a match object or a tuple
# per token, and the offsets are the running sum of their lengths.
_TOKEN_SPLIT = regex.compile(
    r"(\p{L}+(?:['’]\p{L}+)?(?:&\p{L}+)*|\d+(?:[.,/]\d+)*|[^\s\p{L}\d])", regex.V1)


class Tok:
    """One token. ``cap``: a word with a capital first letter; ``upper``: an abbreviation
    ("UBND", "HĐND", "TT&VH", "TTg": two capitals or more)."""

    __slots__ = ("start", "end", "text", "low", "kind", "cap", "upper")

    def __init__(self, start: int, end: int, text: str, kind: str):
        self.start = start
        self.end = end
        self.text = text          # as in match_text (folded tone marks)
        self.low = low = text.lower()
        self.kind = kind          # "w" word, "n" number, "p" punctuation
        self.cap = cap = kind == "w" and text[0].isupper()
        # the lower-cased text differs from the text in more than its first letter
        self.upper = cap and len(text) > 1 and low[1:] != text[1:]

    def __repr__(self) -> str:
        return f"Tok({self.text!r}@{self.start})"


class _WordInfo(dict):
    """token text -> (low, kind, cap, upper), computed once per distinct word."""

    MAX_WORDS = 200_000

    def __missing__(self, text: str) -> tuple[str, str, bool, bool]:
        if len(self) > self.MAX_WORDS:
            self.clear()
        t = Tok(0, 0, text, _TOKEN.fullmatch(text).lastgroup)
        info = self[text] = (t.low, t.kind, t.cap, t.upper)
        return info


_WORD_INFO = _WordInfo()
word_info = _WORD_INFO.__getitem__


class Toks:
    """The tokens of a paragraph as parallel sequences (``lows[i]`` is the i-th token's
    lower-cased text): one list per field instead of one Python object per token, which is
    both cheaper to build and faster to read. ``toks[i]`` still gives a ``Tok``."""

    __slots__ = ("starts", "ends", "texts", "lows", "kinds", "caps", "uppers")

    def __init__(self, starts, ends, texts, lows, kinds, caps, uppers):
        self.starts = starts
        self.ends = ends
        self.texts = texts
        self.lows = lows
        self.kinds = kinds
        self.caps = caps
        self.uppers = uppers

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return Toks(self.starts[k], self.ends[k], self.texts[k], self.lows[k], self.kinds[k],
                        self.caps[k], self.uppers[k])
        return Tok(self.starts[k], self.ends[k], self.texts[k], self.kinds[k])

    def adjacent(self, a: int, b: int, max_gap: int = 3) -> bool:
        """Tokens ``a`` and ``b`` belong to one phrase (see ``adjacent``)."""
        return 0 <= self.starts[b] - self.ends[a] <= max_gap


def tokenize(text: str, start: int = 0, end: int | None = None) -> Toks:
    parts = _TOKEN_SPLIT.split(text[start:end])
    if len(parts) == 1:
        return Toks((), (), (), (), (), (), ())
    offsets = list(accumulate(map(len, parts), initial=start))
    texts = parts[1::2]
    lows, kinds, caps, uppers = zip(*map(word_info, texts))
    return Toks(offsets[1:-1:2], offsets[2::2], texts, lows, kinds, caps, uppers)


def phrase_key(phrase: str) -> tuple[str, ...]:
    """How a rule phrase is looked up: its folded, lower-cased tokens."""
    return tuple(tokenize(fold(phrase)).lows)


class Lexicon:
    """Multi-word phrases -> values; longest match at a token position."""

    def __init__(self, items: Iterable[tuple[str, Any]] = ()):
        self.table: dict[tuple[str, ...], Any] = {}
        self.firsts: set[str] = set()
        self.lasts: set[str] = set()
        self.prefixes: set[tuple[str, ...]] = set()
        self.max_len = 0
        for phrase, value in items:
            self.add(phrase, value)

    def add(self, phrase: str, value: Any = True) -> None:
        k = phrase_key(phrase)
        if not k:
            return
        self.table.setdefault(k, value)
        self.firsts.add(k[0])
        self.lasts.add(k[-1])
        self.prefixes.update(k[:n] for n in range(1, len(k)))
        self.max_len = max(self.max_len, len(k))

    def match(self, toks: Toks, i: int) -> tuple[int, Any] | None:
        """(number of tokens, value) of the longest phrase starting at token ``i``."""
        lows = toks.lows
        if i >= len(lows) or lows[i] not in self.firsts:
            return None
        key = (lows[i],)
        v = self.table.get(key)
        best = (1, v) if v is not None else None
        limit = min(len(lows), i + self.max_len)
        starts, ends, prefixes = toks.starts, toks.ends, self.prefixes
        for j in range(i + 1, limit):
            if key not in prefixes or not 0 <= starts[j] - ends[j - 1] <= 3:
                break
            key = key + (lows[j],)
            v = self.table.get(key)
            if v is not None:
                best = (j + 1 - i, v)
        return best

    def __contains__(self, phrase: str) -> bool:
        return phrase_key(phrase) in self.table


def adjacent(a: Tok, b: Tok, max_gap: int = 3) -> bool:
    """Two tokens of one phrase: at most a few spaces apart (never a line break: the
    normalised text keeps paragraphs on separate lines)."""
    return 0 <= b.start - a.end <= max_gap


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per Doc (spaCy joins every token on each access)."""
    if doc._.text is None:
        doc._.text = doc.text
    return doc._.text


def word_boundaries(doc: Doc) -> "WordBoundaries":
    """The underthesea word boundaries of a Doc, computed once and shared by the stages."""
    wb = doc.user_data.get("vngov.words")
    if wb is None or wb.n_tokens != len(doc):
        wb = doc.user_data["vngov.words"] = WordBoundaries(doc)
    return wb


class WordBoundaries:
    """underthesea's word segmentation as a signal: which characters start a word.

    A syllable that does not start an underthesea word is the second syllable of a word
    ("Văn hóa", "Huyện ủy"), so a lower-case syllable there continues the capitalised word
    before it; a person's name should start where a word starts ("Quảng Ninh | Nguyễn Văn
    Thắng")."""

    def __init__(self, doc: Doc):
        # one numpy array instead of a Python Token object per word: much faster
        if len(doc):
            arr = doc.to_array(["IDX", "LENGTH", "IS_SPACE"])
            words = arr[arr[:, 2] == 0]
            starts = words[:, 0].tolist()
            ends = (words[:, 0] + words[:, 1]).tolist()
        else:
            starts, ends = [], []
        self.n_tokens = len(doc)
        self.starts = starts
        self.ends = ends
        self._start_set = set(starts)
        self._end_set: set[int] | None = None    # built on the first ``is_end`` (rarely asked)

    def is_start(self, pos: int) -> bool:
        return pos in self._start_set

    def is_end(self, pos: int) -> bool:
        if self._end_set is None:
            self._end_set = set(self.ends)
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
