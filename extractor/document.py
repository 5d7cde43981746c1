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
from collections.abc import Sequence
from typing import Any

from sortedcontainers import SortedList
from spacy.tokens import Doc

from .rules import fold_tones

RECORD_TYPES = ("dates", "periods", "percentages", "money", "quantities", "officials",
                "organisations", "places", "meetings", "planned_meetings", "documents", "indicators")


class _Column(Sequence):
    """One field of the claims, as a read-only sequence (indexable, so ``bisect`` works)."""

    def __init__(self, items: SortedList, field: int):
        self._items, self._field = items, field

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [c[self._field] for c in self._items[i]]
        return self._items[i][self._field]

    def __iter__(self):
        return (c[self._field] for c in self._items)


class Claims:
    """Non-overlapping claimed ranges, kept sorted: O(log n) per check and per claim.

    A sorted list of (start, end, owner), not three Python lists: inserting into the middle of
    a plain list moves everything after it, and a later recogniser claims between an earlier
    one's ranges, so an article with many records became quadratic. ``starts``, ``ends`` and
    ``owners`` are read-only sorted views (index them, ``bisect`` them, iterate them).
    """

    def __init__(self) -> None:
        self._items: SortedList = SortedList()
        self.starts = _Column(self._items, 0)
        self.ends = _Column(self._items, 1)
        self.owners = _Column(self._items, 2)

    def _last_before(self, end: int) -> tuple[int, int, str] | None:
        i = self._items.bisect_left((end,))
        return self._items[i - 1] if i else None

    def is_free(self, start: int, end: int) -> bool:
        last = self._last_before(end)
        return last is None or last[1] <= start

    def owner_at(self, start: int, end: int) -> str | None:
        last = self._last_before(end)
        return last[2] if last is not None and last[1] > start else None

    def claim(self, start: int, end: int, owner: str) -> bool:
        if not self.is_free(start, end):
            return False
        self._items.add((start, end, owner))
        return True

    def take(self, start: int, end: int, owner: str) -> None:
        """Claim a range the caller has just found free (``claim`` without checking again)."""
        self._items.add((start, end, owner))

    def __len__(self) -> int:
        return len(self._items)


def _register() -> None:
    for name in ("text", "match_text", "chrome", "sentences", "meta", "records", "claims", "paragraphs"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


_register()


_PREPARED = "vngov_prepared"  # key in ``doc.user_data``: ``prepare`` has filled every extension


def prepare(doc: Doc) -> Doc:
    """Give a Doc made by another tokenizer what the stages need (idempotent).

    A Doc from our own tokenizer already has everything; one from a user's spaCy pipeline gets
    a folded match text (same length: offsets stay valid) and one sentence per line.
    Every stage calls this: after the first call a mark in ``doc.user_data`` answers, instead
    of eight ``doc._.x`` lookups per stage (each a Python-level spaCy accessor).
    """
    if doc.user_data.get(_PREPARED):
        return doc
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
    doc.user_data[_PREPARED] = True
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
    # bisect the (start, end) pairs themselves: building a list of starts per call made every
    # caller that looks up one sentence per record quadratic
    i = bisect.bisect_right(sents, (offset, float("inf"))) - 1
    if i >= 0 and sents[i][0] <= offset <= sents[i][1]:
        return sents[i]
    return (0, len(doc._.text))
