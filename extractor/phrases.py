"""Reading a proper name that starts at a given offset: "Bộ Chính trị", "UBND tỉnh Quảng Ninh",
"Ban Chấp hành Đảng bộ huyện", "Hội trường Huyện ủy".

Vietnamese capitalises the first syllable of each word of a name, not the others ("Huyện ủy",
"Bộ Chính trị"), and a name may hold lower-case words ("Hội đồng nhân dân tỉnh",
"Bộ Nông nghiệp và Phát triển nông thôn"). So a name is read syllable by syllable: a
capitalised syllable; a lower-case one in the same underthesea word as the syllable before
it; or one of the caller's inner words. Used by the document issuer ("của Bộ Chính trị"), the
meeting body and the meeting location.
"""
from __future__ import annotations

import bisect
from typing import Iterable

import regex
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from .rules import fold

SYLLABLE = regex.compile(r"[\p{L}\d&']+|-|[^\s\p{L}\d]", regex.V1)


def token_starts(doc: Doc) -> list[int]:
    """Token start offsets, computed once per Doc (from the token array: no Token objects)."""
    return token_bounds(doc)[0]


def token_bounds(doc: Doc) -> tuple[list[int], set[int], set[int]]:
    """(sorted token starts, set of starts, set of ends), computed once per Doc."""
    cached = doc.user_data.get("vngov_token_bounds")
    if cached is None or len(cached[0]) != len(doc):
        arr = doc.to_array([IDX, LENGTH]) if len(doc) else None
        starts = arr[:, 0].tolist() if arr is not None else []
        ends = (arr[:, 0] + arr[:, 1]).tolist() if arr is not None else []
        cached = doc.user_data["vngov_token_bounds"] = (starts, set(starts), set(ends))
    return cached


def same_token(starts: list[int], a: int, b: int) -> bool:
    """Whether offsets a < b fall in the same token (word)."""
    return bisect.bisect_right(starts, a) == bisect.bisect_right(starts, b)


def word_start(starts: list[int], offset: int) -> int:
    """Start of the token holding ``offset``."""
    i = bisect.bisect_right(starts, offset) - 1
    return starts[i] if i >= 0 else offset


class NameReader:
    """Reads names with one set of inner words (folded, lower case; one or two syllables)."""

    def __init__(self, inner: Iterable[str], not_last: Iterable[str] = (), max_words: int = 12,
                 stop: Iterable[str] = ()):
        self.inner = {fold(w).lower() for w in inner}
        self.not_last = {fold(w).lower() for w in not_last}
        self.stop = {fold(w).lower() for w in stop}
        self.max_words = max_words

    def read(self, doc: Doc, pos: int, first_end: int | None = None,
             need_capital: bool = True) -> tuple[int, int] | None:
        """(start, end) of the name starting at ``pos`` (spaces skipped), or None.
        ``first_end``: the caller already knows the name's head ends there."""
        text = doc._.match_text
        limit = min(len(text), pos + 40 * self.max_words)
        starts = token_starts(doc)
        picked: list[tuple[int, int]] = []
        it = SYLLABLE.finditer(text, pos, limit)
        sm = next(it, None)
        if first_end is not None:
            while sm is not None and sm.end() <= first_end:
                picked.append((sm.start(), sm.end()))
                sm = next(it, None)
        nxt_m = next(it, None) if sm is not None else None
        while sm is not None and len(picked) < self.max_words:
            w = sm.group()
            low = w.lower()
            if picked and text[picked[-1][1]:sm.start()].strip():
                break
            nxt = nxt_m.group().lower() if nxt_m is not None else ""
            if not picked:
                if (need_capital and not w[:1].isupper()) or not w[:1].isalnum():
                    return None
            elif low in self.stop:
                break
            elif w[:1].isupper():
                pass
            elif nxt and f"{low} {nxt}" in self.inner:
                picked.append((sm.start(), nxt_m.end()))
                sm, nxt_m = next(it, None), None
                nxt_m = next(it, None) if sm is not None else None
                continue
            elif low in self.inner:
                pass
            elif w[:1].isalpha() and same_token(starts, picked[-1][0], sm.start()):
                pass  # "Huyện ủy", "Bộ Chính trị": one word
            elif w.isdigit() and len(w) <= 2 and (
                    text[word_start(starts, picked[-1][0])][:1].isupper()
                    or text[picked[-1][0]:picked[-1][1]].lower() in self.not_last):
                pass  # "Hội nghị Trung ương 4", "khóa 14"
            else:
                break
            picked.append((sm.start(), sm.end()))
            sm, nxt_m = nxt_m, (next(it, None) if nxt_m is not None else None)
        while picked and text[picked[-1][0]:picked[-1][1]].lower() in self.not_last | {"-"}:
            picked.pop()
        if not picked:
            return None
        return picked[0][0], picked[-1][1]
