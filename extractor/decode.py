"""Bytes to text for files whose encoding nobody declared (.txt, .html, lines of a dump).

Minimal version written for the readers; the robustness work replaces it with one that also
knows the legacy Vietnamese encodings. The contract the readers rely on is only
``decode_bytes(data) -> (text, warning)``: ``warning`` is None for clean UTF-8, otherwise a
sentence naming what was done (the encoding guessed, or that bytes were replaced).
"""
from __future__ import annotations

_BOM = b"\xef\xbb\xbf"


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """UTF-8 (with or without a byte-order mark); UTF-8 with U+FFFD for the few bad bytes of a
    text that is mostly valid UTF-8; else the best guess of charset-normalizer."""
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    good = sum(1 for c in replaced if c > "\x7f" and c != "\ufffd")
    if good * 4 < bad:  # hardly any valid multi-byte UTF-8 sequence: another encoding
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding not in ("utf_8", "utf-8"):
            return str(best), f"not UTF-8 (invalid byte at offset {first_bad}); decoded as {best.encoding}"
    return replaced, f"not valid UTF-8: {bad} undecodable byte sequence(s) replaced by U+FFFD"
