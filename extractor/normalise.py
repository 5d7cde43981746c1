"""Stage 1 — normalise: the canonical article text, a folded copy for matching, page chrome.

``text`` is what every character offset in the output indexes: NFC, Windows/old-Mac line
ends turned into "\\n", invisible characters (zero-width, soft hyphen, BOM) removed and odd
spaces (no-break, ideographic, tab) turned into a plain space.

``match_text`` has exactly the same length: tone marks are folded to one style (so rules
match "hòa" and "hoà" alike) and page chrome (visit counters, menus, footer blocks) is blanked
out with spaces, so no recogniser can find a "date" in "Hôm nay: 2023".
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import regex

from .rules import Rules, fold_tones, load_rules


@dataclass
class NormalisedText:
    text: str
    match_text: str
    chrome: list[tuple[int, int]] = field(default_factory=list)
    title: str | None = None
    title_span: tuple[int, int] | None = None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)


class Normaliser:
    """Reads ``rules/normalise.yaml`` once; call it on each article."""

    def __init__(self, rules: Rules | None = None):
        rules = rules or load_rules()
        data = rules["normalise"]
        drop = "".join(data.get("drop_chars", []))
        self._drop = regex.compile(f"[{regex.escape(drop)}]") if drop else None
        spaces = "".join(data.get("space_chars", []))
        self._spaces = str.maketrans({c: " " for c in spaces})
        self._chrome = regex.compile(
            r"(?:%s)" % "|".join(f"(?:{p})" for p in data.get("chrome_lines", [])),
            regex.IGNORECASE | regex.V1,
        )
        self._tail = regex.compile(
            r"(?:%s)" % "|".join(f"(?:{p})" for p in data.get("tail_markers", [])),
            regex.IGNORECASE | regex.V1,
        )

    def canonical(self, raw: str) -> str:
        text = unicodedata.normalize("NFC", raw)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if self._drop is not None:
            text = self._drop.sub("", text)
        return text.translate(self._spaces)

    def __call__(self, raw: str) -> NormalisedText:
        text = self.canonical(raw)
        folded = fold_tones(text)
        chrome: list[tuple[int, int]] = []
        paragraphs: list[tuple[int, int]] = []
        pos = 0
        in_tail = False
        for line in text.split("\n"):
            start, end = pos, pos + len(line)
            pos = end + 1
            stripped = line.strip()
            if not stripped:
                continue
            # A long line is prose even when it starts like a menu entry.
            is_chrome = len(stripped) <= 80 and self._chrome.fullmatch(fold_tones(stripped))
            if len(stripped) <= 80 and self._tail.fullmatch(fold_tones(stripped)):
                in_tail = True
            if in_tail or is_chrome:
                chrome.append((start, end))
            else:
                lead = len(line) - len(line.lstrip())
                paragraphs.append((start + lead, start + lead + len(stripped)))
        if chrome:
            chars = list(folded)
            for s, e in chrome:
                chars[s:e] = " " * (e - s)
            folded = "".join(chars)
        title, title_span = None, None
        if paragraphs:
            s, e = paragraphs[0]
            first = text[s:e]
            # A headline: short, no final full stop, not a bare timestamp line.
            if len(first) <= 300 and not first.endswith((".", ":")) and regex.search(r"\p{L}{2}", first):
                title, title_span = first, (s, e)
        return NormalisedText(text, folded, chrome, title, title_span, paragraphs)
