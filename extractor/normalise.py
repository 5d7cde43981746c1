"""Stage 1 — normalise: the canonical article text, a folded copy for matching, page chrome.

``text`` is what every character offset in the output indexes: NFC, Windows/old-Mac line
ends and the other line separators turned into "\\n", invisible characters (zero-width, soft
hyphen, BOM, bidirectional controls) and control characters removed, lone surrogates (from
JSON "\\ud800" escapes; they cannot be written as UTF-8) replaced by U+FFFD, and odd spaces
(no-break, ideographic, tab) turned into a plain space.

``match_text`` has exactly the same length: tone marks are folded to one style (so rules
match "hòa" and "hoà" alike); page chrome (visit counters, menus, footer blocks) and HTML left
in the text (tags, comments, the contents of <script> and <style>) are blanked out with spaces,
so no recogniser can find a "date" in "Hôm nay: 2023" or an amount in a script; and a
no-break or thin space between digit groups ("1 000 000") reads as the thousands dot.
"""
from __future__ import annotations

import re
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


# Control characters carry no text. The line separators Python knows but str.split("\n") and
# the sentence splitter do not (VT, FF, FS-RS, NEL, U+2028/9) become "\n"; the other C0
# controls (but tab and line ends) and C1 controls are dropped.
_SURROGATES = regex.compile(r"[\ud800-\udfff]")
_LINE_SEPARATORS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Plain character classes run in `re`: on long text without any of them, its scan is about
# four times faster than `regex`'s (the same characters either way)
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# A no-break, figure, thin or narrow no-break space between thousands groups. The group run
# is possessive: backtracking into it before the lookahead is quadratic in `regex`. A run too
# long for a number becomes dots too, and then no number pattern reads it.
_GROUP_SPACES = "\u00a0\u2007\u2009\u202f"
_SPACED_THOUSANDS = regex.compile(
    rf"(?<![\d.,]|\d[{_GROUP_SPACES}])\d{{1,3}}(?:[{_GROUP_SPACES}]\d{{3}})++(?!\d)")


def _replace_chars(text: str, chars: str, replacement: str) -> str:
    """Every character of ``chars`` in ``text`` replaced by ``replacement`` (one character).
    Not ``str.translate``: on non-ASCII text it looks every character up in the table, about
    ten times slower than these few scans for characters that are mostly absent."""
    for c in chars:
        if c in text:
            text = text.replace(c, replacement)
    return text


class Normaliser:
    """Reads ``rules/normalise.yaml`` once; call it on each article."""

    def __init__(self, rules: Rules | None = None):
        rules = rules or load_rules()
        data = rules["normalise"]
        drop = "".join(data.get("drop_chars", []))
        self._drop = re.compile(f"[{re.escape(drop)}]") if drop else None  # see _CONTROLS
        spaces = "".join(data.get("space_chars", []))
        self._spaces = spaces
        self._chrome = regex.compile(
            r"(?:%s)" % "|".join(f"(?:{p})" for p in data.get("chrome_lines", [])),
            regex.IGNORECASE | regex.V1,
        )
        self._tail = regex.compile(
            r"(?:%s)" % "|".join(f"(?:{p})" for p in data.get("tail_markers", [])),
            regex.IGNORECASE | regex.V1,
        )
        markup = data.get("markup") or {}
        tags = sorted(set(markup.get("tags", [])) | set(markup.get("hidden_blocks", [])), key=len, reverse=True)
        blocks = sorted(markup.get("hidden_blocks", []), key=len, reverse=True)
        self._markup = regex.compile(
            r"(?P<comment><!--)"
            + (rf"|<(?P<block>{'|'.join(map(regex.escape, blocks))})(?![\w-])[^<>]{{0,2000}}>" if blocks else "")
            + (rf"|</?(?:{'|'.join(map(regex.escape, tags))})(?![\w-])[^<>]{{0,2000}}>" if tags else ""),
            regex.IGNORECASE,
        ) if tags or blocks else None
        self._block_end = {b.lower(): regex.compile(rf"</{regex.escape(b)}\s*>", regex.IGNORECASE) for b in blocks}

    def markup_ranges(self, text: str) -> list[tuple[int, int]]:
        """HTML tags, comments and hidden blocks (script, style ...) left in the text. One pass:
        each search starts where the previous range ended, and an unclosed block or comment
        runs to the end of the text (it would hide everything after it in a browser too)."""
        if self._markup is None or "<" not in text:
            return []
        out: list[tuple[int, int]] = []
        pos = 0
        while True:
            m = self._markup.search(text, pos)
            if m is None:
                return out
            if m.group("comment"):
                close = text.find("-->", m.end())
                end = len(text) if close < 0 else close + 3
            elif m.groupdict().get("block"):
                close_m = self._block_end[m.group("block").lower()].search(text, m.end())
                end = len(text) if close_m is None else close_m.end()
            else:
                end = m.end()
            out.append((m.start(), end))
            if end >= len(text):
                return out
            pos = end

    def _clean(self, raw: str) -> str:
        """Everything of ``canonical`` but the odd spaces."""
        text = _SURROGATES.sub("\ufffd", raw)
        text = _replace_chars(text.replace("\r\n", "\n").replace("\r", "\n"), _LINE_SEPARATORS, "\n")
        text = _CONTROLS.sub("", text)
        if self._drop is not None:
            # before NFC: an invisible character between a letter and its tone mark would
            # otherwise keep them from composing
            text = self._drop.sub("", text)
        return unicodedata.normalize("NFC", text)

    def canonical(self, raw: str) -> str:
        return _replace_chars(self._clean(raw), self._spaces, " ")

    def __call__(self, raw: str) -> NormalisedText:
        clean = self._clean(raw)
        text = _replace_chars(clean, self._spaces, " ")
        folded = fold_tones(text)
        dots = [m.start() + i for m in _SPACED_THOUSANDS.finditer(clean)
                for i, c in enumerate(m.group()) if c in _GROUP_SPACES]
        markup = self.markup_ranges(text)
        if dots or markup:
            chars = list(folded)
            for i in dots:
                chars[i] = "."
            for s, e in markup:
                chars[s:e] = " " * (e - s)
            folded = "".join(chars)
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
            if markup and not folded[start:end].strip():
                continue  # nothing but HTML markup (already among the markup ranges)
            # A long line is prose even when it starts like a menu entry.
            is_chrome = len(stripped) <= 80 and self._chrome.fullmatch(fold_tones(stripped))
            if len(stripped) <= 80 and self._tail.fullmatch(fold_tones(stripped)):
                in_tail = True
            if in_tail or is_chrome:
                chrome.append((start, end))
            else:
                lead = len(line) - len(line.lstrip())
                paragraphs.append((start + lead, start + lead + len(stripped)))
        chrome = sorted(chrome + markup)
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
            if markup and e - s <= 3000:  # the headline is what a browser shows, not the tags
                first = " ".join("".join(text[i] for i in range(s, e) if folded[i] != " " or text[i] == " ").split())
            if len(first) <= 300 and not first.endswith((".", ":")) and regex.search(r"\p{L}{2}", first):
                title, title_span = first, (s, e)
        return NormalisedText(text, folded, chrome, title, title_span, paragraphs)
