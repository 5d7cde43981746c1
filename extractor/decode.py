"""Bytes to text, and text typed for the old Vietnamese fonts back to Unicode.

``decode_bytes(data) -> (text, warning)`` is what every reader uses for bytes whose encoding
nobody declared (.txt and .html files, lines of a dump). ``warning`` is None for clean UTF-8;
otherwise one sentence saying what was done, for the article's ``warnings``:

1. UTF-8, with or without a byte-order mark (UTF-16/UTF-32 when their byte-order mark says so).
   The text is then checked for the legacy font encodings below (``repair_text``): a page can
   be valid UTF-8 and still read "Ngµy 14/10" because its author typed with an ABC font.
2. Not UTF-8:
   - mostly UTF-8 with a few broken bytes: decoded with U+FFFD for the broken bytes;
   - UTF-16 without a byte-order mark;
   - binary data (many control bytes): decoded with U+FFFD, and said so;
   - Windows-1258 (``cp1258``, then NFC: it writes most tone marks as combining
     characters), TCVN3 (ABC fonts) or VNI (VNI fonts): whichever turns most words into
     Vietnamese syllables, when nearly all of them become syllables;
   - otherwise charset-normalizer's guess (Chinese GB18030, Windows-1251 ...);
   - otherwise UTF-8 with U+FFFD.

``repair_text(text) -> (text, warning)`` converts text that is in TCVN3 or VNI (or UTF-8
that was decoded as Windows-1252) but already a Python string, e.g. a JSONL text field.
It works line by line, so a modern page quoting an old document converts the quoted lines
only. It is deliberately cautious: a line is converted only when it holds characters that
Vietnamese Unicode text never has (Latin-1 symbols such as "µ", "¸", "©" or letters such
as "ø", "ñ"), none of the letters that only Unicode Vietnamese has ("ạ", "ư", "đ" ...), and
the conversion turns more of its words into Vietnamese syllables; and the whole text must
convince first (nearly all changed words become syllables). When the evidence is there but
weak, the text is left alone and the warning says what it may be.

The mapping tables and the shape of a Vietnamese syllable are data, in
``rules/legacy_encodings.yaml``.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from .rules import load_rules

_UTF8_BOM = b"\xef\xbb\xbf"
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)

# Latin-1 letters that Vietnamese written in Unicode uses; every other character of
# U+0080-U+00FF (symbols, "ø", "ñ", "ß" ...) is a sign of text typed for an old font.
_VIETNAMESE_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý\u00a0")
_SIGNAL = regex.compile("[%s]" % "".join(
    regex.escape(chr(c)) for c in range(0x80, 0x100) if chr(c) not in _VIETNAMESE_LATIN1))
# Letters only Unicode Vietnamese has (and the combining tone marks of decomposed text):
# a legacy 8-bit font can never produce them, so a line holding one is Unicode already.
_MODERN = regex.compile(r"[ĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9\u0300\u0301\u0303\u0309\u0323]")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# A "word" for scoring: a run of anything but spaces, digits and ASCII punctuation, so that a
# symbol standing for a letter ("th¸ng") stays inside its word.
_WORD = regex.compile(r"[^\s\x21-\x40\x5b-\x60\x7b-\x7e]{2,}")
_NON_ASCII_DECODED = regex.compile(r"[^\x00-\x7f\ufffd]")
_CONTROL_BYTES = regex.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SAMPLE_CHARS = 200_000  # enough evidence; keeps the decision cheap on a 5 MB article
_SAMPLE_BYTES = 65_536

# cp1252 leaves five bytes undefined; they stay the Latin-1 control characters.
_CP1252_TO_BYTE: dict[str, int] = {}
for _b in range(256):
    try:
        _CP1252_TO_BYTE[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:
        _CP1252_TO_BYTE[chr(_b)] = _b
_LATIN1_TO_CP1252 = {_b: ch for ch, _b in _CP1252_TO_BYTE.items() if ord(ch) != _b}

ENCODING_NAMES = {
    "tcvn3": "TCVN3 (ABC fonts, .VnTime)",
    "vni": "VNI (VNI fonts, VNI-Times)",
    "cp1258": "Windows-1258",
    "utf8_as_cp1252": "UTF-8 mojibake (UTF-8 read as Windows-1252)",
}


def cp1252_text(data: bytes) -> str:
    """Bytes as Windows-1252 shows them (undefined bytes as Latin-1): lossless."""
    return data.decode("latin-1").translate(_LATIN1_TO_CP1252)


def cp1252_bytes(text: str) -> bytes | None:
    """The inverse of ``cp1252_text``; None when a character has no byte."""
    try:
        return bytes(_CP1252_TO_BYTE[c] for c in text)
    except KeyError:
        return None


@dataclass
class Score:
    valid: int = 0  # words that are Vietnamese syllables
    words: int = 0  # words scored (those with a non-ASCII character)

    @property
    def ratio(self) -> float:
        return self.valid / self.words if self.words else 0.0

    def add(self, other: "Score") -> None:
        self.valid += other.valid
        self.words += other.words


class LegacyEncodings:
    """The tables of ``rules/legacy_encodings.yaml`` and a Vietnamese syllable test."""

    def __init__(self, data: dict):
        self.tcvn3_table = str.maketrans({k: v for k, v in data["tcvn3"].items()})
        self.vni_table = dict(data["vni"])
        keys = sorted(self.vni_table, key=len, reverse=True)
        self.vni_rx = regex.compile("|".join(regex.escape(k) for k in keys))
        syl = data["syllable"]
        onsets = "|".join(sorted(syl["onsets"], key=len, reverse=True))
        nuclei = "|".join(sorted(syl["nuclei"], key=len, reverse=True))
        codas = "|".join(sorted(syl["codas"], key=len, reverse=True))
        self.syllable_rx = regex.compile(rf"(?:{onsets})?(?:{nuclei})(?:{codas})?")
        self._seen: dict[str, bool] = {}

    # --- conversions ------------------------------------------------------------------
    def tcvn3(self, text: str) -> str:
        out = unicodedata.normalize("NFC", text.translate(self.tcvn3_table))
        if out == text:
            return out
        # The ABC fonts have no capitals with tone marks: a word typed in capitals (.VnTimeH)
        # converts to lower-case letters among capitals ("HUYÖN" -> "HUYệN" -> "HUYỆN").
        return _WORD.sub(_upper_if_capitals, out)

    def vni(self, text: str) -> str:
        table = self.vni_table
        return unicodedata.normalize("NFC", self.vni_rx.sub(lambda m: table[m.group()], text))

    @staticmethod
    def cp1258(text: str) -> str | None:
        data = cp1252_bytes(text)
        return None if data is None else unicodedata.normalize("NFC", data.decode("cp1258", "replace"))

    @staticmethod
    def utf8_as_cp1252(text: str) -> str | None:
        data = cp1252_bytes(text)
        if data is None:
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def convert(self, encoding: str, text: str) -> str | None:
        return getattr(self, encoding)(text)

    # --- is it Vietnamese? --------------------------------------------------------------
    def is_syllable(self, word: str) -> bool:
        known = self._seen.get(word)
        if known is not None:
            return known
        decomposed = unicodedata.normalize("NFD", word.lower())
        tones = sum(c in _TONES for c in decomposed)
        bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        ok = tones <= 1 and self.syllable_rx.fullmatch(bare) is not None
        if len(self._seen) < 100_000:
            self._seen[word] = ok
        return ok

    def score(self, text: str) -> Score:
        s = Score()
        for m in _WORD.finditer(text):
            w = m.group()
            if w.isascii():
                continue
            s.words += 1
            s.valid += self.is_syllable(w)
        return s


def _upper_if_capitals(m: regex.Match) -> str:
    w = m.group()
    ascii_letters = [c for c in w if c.isascii() and c.isalpha()]
    if ascii_letters and all(c.isupper() for c in ascii_letters) and any(not c.isascii() for c in w):
        return w.upper()
    return w


@lru_cache(maxsize=1)
def legacy_encodings() -> LegacyEncodings:
    return LegacyEncodings(load_rules()["legacy_encodings"])


# --- text already decoded ---------------------------------------------------------------
def _eligible(line: str) -> bool:
    return _SIGNAL.search(line) is not None and _MODERN.search(line) is None


def repair_text(text: str) -> tuple[str, str | None]:
    """Text typed for an old Vietnamese font (TCVN3, VNI) or UTF-8 read as Windows-1252,
    converted to Unicode; unchanged (and ``None``) for anything else."""
    if text.isascii() or _SIGNAL.search(text) is None:
        return text, None
    leg = legacy_encodings()
    lines = text.splitlines(keepends=True)
    as_is, scores = Score(), {enc: Score() for enc in ENCODING_NAMES}
    seen = 0
    for line in lines:
        if seen > _SAMPLE_CHARS:
            break
        if not _eligible(line):
            continue
        seen += len(line)
        before = leg.score(line)
        as_is.add(before)
        for enc, total in scores.items():
            converted = leg.convert(enc, line)
            total.add(leg.score(converted) if converted is not None else before)
    best = max(scores, key=lambda e: (scores[e].valid, -list(ENCODING_NAMES).index(e)))
    got = scores[best]
    gain = got.valid - as_is.valid
    # Convince first: nearly every changed word becomes a syllable, and either several more
    # syllables than before or (a short text) no syllable at all before.
    convinced = got.ratio >= 0.8 and gain >= 1 and (gain >= 3 or as_is.valid == 0)
    if not convinced:
        if got.ratio >= 0.5 and gain >= 2:
            return text, (f"text may be in {ENCODING_NAMES[best]} ({got.valid} of "
                          f"{got.words} words would read as Vietnamese); left unchanged")
        return text, None
    out, changed = [], 0
    for line in lines:
        if _eligible(line):
            converted = leg.convert(best, line)
            if converted is not None and converted != line and leg.score(converted).valid > leg.score(line).valid:
                out.append(converted)
                changed += 1
                continue
        out.append(line)
    if not changed:
        return text, None
    return "".join(out), (f"text in {ENCODING_NAMES[best]} converted to Unicode "
                          f"({changed} line{'s' if changed != 1 else ''}; {got.valid} of {got.words} "
                          f"sampled words read as Vietnamese)")


# --- bytes --------------------------------------------------------------------------------
def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Bytes of unknown encoding -> (text, warning or None). Never raises on any input."""
    if not data:
        return "", None
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(codec, "replace")
            bad = text.count("\ufffd")
            return text, (f"{name} (byte-order mark): {bad} undecodable sequence(s) replaced by U+FFFD"
                          if bad else None)
    body = data[len(_UTF8_BOM):] if data.startswith(_UTF8_BOM) else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start + (len(data) - len(body))
    else:
        return repair_text(text)
    return _decode_not_utf8(body, first_bad)


def _replaced(body: bytes) -> tuple[str, int]:
    text = body.decode("utf-8", "replace")
    return text, text.count("\ufffd") - body.count(b"\xef\xbf\xbd")


def _decode_not_utf8(body: bytes, first_bad: int) -> tuple[str, str | None]:
    replaced, bad = _replaced(body)
    good = len(_NON_ASCII_DECODED.findall(replaced))
    if good >= 2 * bad:  # a UTF-8 text with a few broken bytes (a cut, a stray byte)
        return replaced, (f"not valid UTF-8: {bad} undecodable byte sequence(s) replaced by U+FFFD "
                          f"(first at byte {first_bad})")
    sample = body[:_SAMPLE_BYTES]
    utf16 = _utf16_without_bom(sample, body)
    if utf16 is not None:
        return utf16
    controls = len(_CONTROL_BYTES.findall(sample))
    if controls > 0.05 * len(sample):
        return replaced, (f"binary data, not text ({controls} control bytes in the first "
                          f"{len(sample)}): decoded as UTF-8 with {bad} undecodable byte sequence(s) "
                          f"replaced by U+FFFD")
    chosen = _vietnamese_8bit(body)
    if chosen is not None:
        return chosen
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(body).best()
    except Exception:  # a detector failure must not lose the article
        best = None
    if best is not None and best.encoding.replace("-", "_") not in ("utf_8", "ascii"):
        return str(best), f"not UTF-8 (invalid byte at {first_bad}); decoded as {best.encoding} (guessed by charset-normalizer)"
    return replaced, (f"not UTF-8 and no encoding recognised: {bad} undecodable byte sequence(s) "
                      f"replaced by U+FFFD (first at byte {first_bad})")


def _utf16_without_bom(sample: bytes, body: bytes) -> tuple[str, str | None] | None:
    if len(sample) < 4 or len(body) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    codec = "utf-16-le" if odd > 0.3 * half and even < 0.05 * half else (
        "utf-16-be" if even > 0.3 * half and odd < 0.05 * half else None)
    if codec is None:
        return None
    try:
        text = body.decode(codec)
    except UnicodeDecodeError:
        return None
    return text, f"not UTF-8: decoded as {codec.upper()} (no byte-order mark)"


def _vietnamese_8bit(body: bytes) -> tuple[str, str | None] | None:
    """Windows-1258, TCVN3 or VNI: the one that reads as the most Vietnamese syllables."""
    leg = legacy_encodings()
    latin = cp1252_text(body)
    candidates = {
        "cp1258": unicodedata.normalize("NFC", body.decode("cp1258", "replace")),
        "tcvn3": leg.tcvn3(latin),
        "vni": leg.vni(latin),
    }
    as_is = leg.score(latin[:_SAMPLE_CHARS])
    scores = {enc: leg.score(text[:_SAMPLE_CHARS]) for enc, text in candidates.items()}
    best = max(scores, key=lambda e: scores[e].valid)
    got = scores[best]
    if got.valid > as_is.valid and got.ratio >= 0.7:
        return candidates[best], (f"not UTF-8: decoded as {ENCODING_NAMES[best]}"
                                  f"{' and normalised to NFC' if best == 'cp1258' else ' and converted to Unicode'}"
                                  f" ({got.valid} of {got.words} sampled words read as Vietnamese)")
    return None
