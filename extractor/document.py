"""The spaCy ``Doc`` as the article model: extensions, records, spans and claimed regions.

Extensions (all under ``doc._``):
- ``text``: ``doc.text`` computed once (spaCy rebuilds ``doc.text`` from tokens at each access).
- ``match_text``: same length as ``doc.text``; tone marks folded, page chrome blanked.
- ``chrome``: [(start, end)] page-chrome ranges (not content).
- ``sentences``: [(start, end)] sentence ranges.
- ``meta``: dict with ``id``, ``source``, ``url``, ``title``, ``published`` (input metadata;
  the dates stage fills ``published`` from the dateline when the input had none).
- ``records``: {record type: [record dict]} — the schema v1 lists being built.
- ``claims``: which character ranges a recogniser already took, so that a number inside a
  document code or a date is never also a quantity.
"""
from __future__ import annotations

import bisect
from typing import Any

from spacy.tokens import Doc

from .rules import fold_tones

RECORD_TYPES = ("dates", "periods", "percentages", "money", "quantities", "officials",
                "organisations", "places", "meetings", "planned_meetings", "documents", "indicators")


class Claims:
    """Non-overlapping claimed ranges, kept sorted: O(log n) per check."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.owners: list[str] = []

    def is_free(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        return i == 0 or self.ends[i - 1] <= start

    def owner_at(self, start: int, end: int) -> str | None:
        i = bisect.bisect_left(self.starts, end)
        if i and self.ends[i - 1] > start:
            return self.owners[i - 1]
        return None

    def claim(self, start: int, end: int, owner: str) -> bool:
        if not self.is_free(start, end):
            return False
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        self.owners.insert(i, owner)
        return True

    def __len__(self) -> int:
        return len(self.starts)


def _register() -> None:
    for name in ("text", "match_text", "chrome", "sentences", "meta", "records", "claims", "paragraphs"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


_register()


def prepare(doc: Doc) -> Doc:
    """Give a Doc made by another tokenizer what the stages need (idempotent).

    A Doc from our own tokenizer already has everything; one from a user's spaCy pipeline gets
    a folded match text (same length: offsets stay valid) and one sentence per line.
    """
    if doc._.text is None:
        doc._.text = doc.text
    if doc._.match_text is None:
        doc._.match_text = fold_tones(doc._.text)
    if doc._.chrome is None:
        doc._.chrome = []
    if doc._.sentences is None:
        sents, pos = [], 0
        for line in doc._.text.split("\n"):
            if line.strip():
                lead = len(line) - len(line.lstrip())
                sents.append((pos + lead, pos + len(line.rstrip())))
            pos += len(line) + 1
        doc._.sentences = sents
    if doc._.paragraphs is None:
        doc._.paragraphs = list(doc._.sentences)
    if doc._.meta is None:
        doc._.meta = {}
    if doc._.records is None:
        doc._.records = {t: [] for t in RECORD_TYPES}
    if doc._.claims is None:
        doc._.claims = Claims()
    return doc


def add_record(doc: Doc, rtype: str, record: dict[str, Any], span: tuple[int, int] | None = None,
               label: str | None = None) -> dict[str, Any]:
    """Append a record and, when it has a span, a matching spaCy span in ``doc.spans[rtype]``."""
    doc._.records.setdefault(rtype, []).append(record)
    if span is not None:
        sp = doc.char_span(span[0], span[1], label=label or rtype, alignment_mode="expand")
        if sp is not None:
            group = doc.spans[rtype] if rtype in doc.spans else None
            if group is None:
                doc.spans[rtype] = [sp]
            else:
                group.append(sp)
    return record


def sentence_of(doc: Doc, offset: int) -> tuple[int, int]:
    """The (start, end) of the sentence holding ``offset`` (the whole text if none)."""
    sents = doc._.sentences or []
    i = bisect.bisect_right([s for s, _ in sents], offset) - 1
    if i >= 0 and sents[i][0] <= offset <= sents[i][1]:
        return sents[i]
    return (0, len(doc._.text))
