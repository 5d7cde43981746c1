"""Stage 5 — records: output schema v1, one JSON object per article.

``SCHEMA`` is the promise: the fields of each record type in their order. Stages may add
fields of their own (they come after these); ``rule`` and ``score`` close every record that a
recogniser produced (why it was extracted, how sure the stage is).
"""
from __future__ import annotations

from typing import Any

SCHEMA_VERSION = 1

ARTICLE_FIELDS = ("id", "status", "error", "source", "url", "title", "published", "published_time")
# present only when set: "duplicate_of" (the source of an earlier article with the same id),
# "warnings" (problems met while reading the input, e.g. bytes that were not UTF-8)
OPTIONAL_ARTICLE_FIELDS = ("duplicate_of", "warnings")

SCHEMA: dict[str, tuple[str, ...]] = {
    "dates": ("text", "span", "value", "inferred_year"),
    "periods": ("text", "span", "start_date", "end_date", "granularity"),
    "percentages": ("text", "span", "value", "qualifier", "implicit"),
    "money": ("text", "span", "amount", "currency", "qualifier", "per"),
    "quantities": ("text", "span", "value", "unit"),
    "officials": ("name", "titles", "titles_raw", "ranks", "mentions"),
    "organisations": ("text", "span", "kind", "name"),
    "places": ("text", "span", "level", "name", "current"),
    "meetings": ("text", "span", "kind", "body", "term", "session", "date", "chair", "location",
                 "attendees", "expanded", "status", "mentions"),
    # meetings the text announces or prepares ("chuẩn bị tổ chức Đại hội"): not held, so
    # kept out of "meetings"; same fields
    "planned_meetings": ("text", "span", "kind", "body", "term", "session", "date", "chair",
                         "location", "attendees", "expanded", "status", "mentions"),
    "documents": ("text", "span", "doc_type", "number", "date", "issuer", "year"),
    "indicators": ("name", "value", "unit", "qualifier", "status", "period", "comparisons",
                   "sentence", "span", "place"),
}
RECORD_LISTS = tuple(SCHEMA)
_TAIL = ("rule", "score")


def _span_key(rec: dict[str, Any]) -> tuple[int, int]:
    span = rec.get("span")
    if isinstance(span, (list, tuple)) and len(span) == 2:
        return (span[0], span[1])
    mentions = rec.get("mentions")
    if mentions:
        first = mentions[0]
        sp = first.get("span") if isinstance(first, dict) else first
        if isinstance(sp, (list, tuple)) and len(sp) == 2:
            return (sp[0], sp[1])
    return (1 << 62, 0)


def ordered(rtype: str, rec: dict[str, Any]) -> dict[str, Any]:
    """The record with schema fields first (missing ones as null), extras, then rule/score."""
    fields = SCHEMA.get(rtype, ())
    out = {f: rec.get(f) for f in fields}
    for k, v in rec.items():
        if k not in out and k not in _TAIL:
            out[k] = v
    for k in _TAIL:
        if k in rec:
            out[k] = rec[k]
    return out


def article_dict(meta: dict[str, Any], records: dict[str, list[dict]] | None, status: str = "ok",
                 error: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"schema": SCHEMA_VERSION}
    for f in ARTICLE_FIELDS:
        out[f] = meta.get(f)
    out["status"], out["error"] = status, error
    for f in OPTIONAL_ARTICLE_FIELDS:
        if meta.get(f):
            out[f] = meta[f]
    for rtype in RECORD_LISTS:
        recs = (records or {}).get(rtype) or []
        out[rtype] = [ordered(rtype, r) for r in sorted(recs, key=_span_key)]
    return out
