"""Prefilters for the big case-insensitive `regex` patterns: a cheap stdlib-`re` scan over the
case-folded text finds where a pattern can start, and the pattern is tried only there.

`regex` tries a leading lookbehind and every case-insensitive alternative at every position of
the text; for patterns built from long word lists (period heads, meeting words, dateline
markers) most of the scan time went there. ``QuickSearch`` gives the same matches as the
pattern's own ``search``/``finditer``; tests/test_prefilter.py checks that on generated text.
"""
from __future__ import annotations

import re
import string
import unicodedata
from typing import Iterable, Iterator

import regex

from ..rules import fold


def _lower_letters() -> str:
    """Every lower-case letter of Vietnamese text: ASCII, "đ", and each vowel with each tone."""
    vowels = "aăâeêioôơuưy"
    toned = (unicodedata.normalize("NFC", v + tone) for v in vowels for tone in "\u0300\u0301\u0309\u0303\u0323")
    return string.ascii_lowercase + "đ" + vowels + "".join(toned)


LOWER_LETTERS = _lower_letters()
# Character classes for the stdlib-`re` prefilters (QuickSearch) over case-folded text. Each
# is a subset of what the `regex` pattern refuses (letters of other scripts and non-ASCII
# digits are left to the pattern itself), so the prefilter never refuses a real match.
WORD_CHARS = re.escape(LOWER_LETTERS) + "0-9"  # ``\w`` before/after an ``alternation``


def casefolded(text: str) -> str | None:
    """``text`` case-folded, or None when folding changed its length (a "ß" in the text):
    offsets into the folded text must be offsets into ``text``."""
    folded = text.casefold()
    return folded if len(folded) == len(text) else None


class QuickSearch:
    """``pattern.search`` / ``finditer`` through a cheap stdlib-``re`` prefilter.

    `regex` tries a leading lookbehind and every case-insensitive alternative at every
    position of the text; most of the scan time of the big patterns went there. ``heads``
    (a `re` pattern over the case-folded text) must match wherever ``pattern`` can start a
    match, and be refused only after one of the ``not_after`` characters, which ``pattern``
    refuses too; ``pattern`` is then tried only at those positions. The results are those of
    ``pattern.search`` (same leftmost match); ``folded`` None falls back to it.

    Why case-folded text: when folding keeps the length, every character folds to one
    character, which is then its simple and its full case folding alike, so a literal that
    ``pattern`` matches case-insensitively (with or without V1) is the same literal in
    ``folded``, at the same offset.
    """

    def __init__(self, pattern: regex.Pattern, heads: str, not_after: str):
        self.pattern = pattern
        self.heads = re.compile(rf"(?<![{not_after}])(?:{heads})")

    def search(self, text: str, folded: str | None, pos: int = 0,
               endpos: int | None = None) -> regex.Match | None:
        end = len(text) if endpos is None else endpos
        if folded is None:
            return self.pattern.search(text, pos, end)
        find, match = self.heads.search, self.pattern.match
        while True:
            head = find(folded, pos, end)
            if head is None:
                return None
            m = match(text, head.start(), end)
            if m is not None:
                return m
            pos = head.start() + 1

    def finditer(self, text: str, folded: str | None, pos: int = 0,
                 endpos: int | None = None) -> Iterator[regex.Match]:
        """As ``pattern.finditer`` (the patterns never match an empty string)."""
        end = len(text) if endpos is None else endpos
        if folded is None:
            yield from self.pattern.finditer(text, pos, end)
            return
        find, match = self.heads.search, self.pattern.match
        while True:
            head = find(folded, pos, end)
            if head is None:
                return
            m = match(text, head.start(), end)
            if m is None:
                pos = head.start() + 1
            else:
                yield m
                pos = max(m.end(), m.start() + 1)


def heads_of(words: Iterable[str], whole: bool = False) -> str:
    """A `re` pattern for the first words of these phrases (or the ``whole`` phrases, for a
    pattern that starts with one of them written out), case-folded, each followed by a
    character that is no letter or digit (the patterns need a word boundary there). It is a
    trie: `re` tries the alternatives of an alternation one by one, so a flat list of a
    hundred phrases costs a hundred comparisons at every word; the trie costs a few."""
    heads = {fold(str(w)).casefold() if whole else fold(str(w)).casefold().split()[0]
             for w in words if str(w).strip()}
    if not heads:
        return r"(?!x)x"
    trie: dict = {}
    for head in heads:
        node = trie
        for ch in head:
            node = node.setdefault(ch, {})
        node[""] = {}  # a phrase ends here
    word_end = rf"(?![{WORD_CHARS}])"

    def pattern(node: dict) -> str:
        alts = [word_end if ch == "" else re.escape(ch) + pattern(child) for ch, child in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return pattern(trie)
