"""Tidy tables: one table per record type, one row per record, every row keyed by
``article_id`` — for researchers who load the results with pandas.

    >>> frames = extractor.to_frames(extractor.extract_many(texts))
    >>> frames["indicators"][["name", "value", "unit", "pct_of_plan", "change_pct"]]

``COLUMNS`` is the promise: for each table the columns in order, their dtype and meaning
(docs/tables.md lists them). Dtypes:

- ``string``  pandas ``StringDtype`` (missing = ``<NA>``); dates are ISO strings
  ("2020-10-14"; "XXXX-10-14" when the year is unknown), never datetimes, because partial
  dates exist; lists and nested records are JSON text.
- ``float64`` every measured number (values, amounts, percentages, scores).
- ``Int64``   counts, offsets, indexes (pandas nullable integer).
- ``boolean`` pandas nullable boolean.

Writers: ``TableWriter`` streams results into one CSV or Parquet file per table, a chunk at a
time (memory does not grow with the number of articles). CSV cells of text that begin with
"=", "+", "-", "@", a tab or a carriage return are prefixed with a single quote (OWASP's advice
against formula injection), so that no spreadsheet runs them; ``read_csv_tables`` undoes it.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import pandas as pd

# ---------------------------------------------------------------------------------------------
# the columns

_SPAN = [("span_start", "Int64", "start offset of the text in the article (NFC text)"),
         ("span_end", "Int64", "end offset (exclusive)")]
_TAIL = [("rule", "string", "the rule that produced the record"),
         ("score", "float64", "how sure the stage is, 0..1")]
_KEY = [("article_id", "string", "the article's id (file stem, input id, or sha1 of the text)")]

COLUMNS: dict[str, list[tuple[str, str, str]]] = {
    "articles": _KEY + [
        ("status", "string", '"ok" or "error"'),
        ("error", "string", "the error message when status is error"),
        ("source", "string", "input file or source name"),
        ("url", "string", "the article's URL when the input gave one"),
        ("title", "string", "the article's title"),
        ("published", "string", "publication date, ISO YYYY-MM-DD"),
        ("n_dates", "Int64", "number of date records"),
        ("n_periods", "Int64", "number of period records"),
        ("n_percentages", "Int64", "number of percentage records"),
        ("n_money", "Int64", "number of money records"),
        ("n_quantities", "Int64", "number of quantity records"),
        ("n_officials", "Int64", "number of officials"),
        ("n_meetings", "Int64", "number of meetings"),
        ("n_documents", "Int64", "number of document references"),
        ("n_indicators", "Int64", "number of indicators"),
    ],
    "indicators": _KEY + [
        ("indicator_index", "Int64", "0-based order of the indicator in its article"),
        ("name", "string", "what was measured, as written (noun phrase before the verb)"),
        ("value", "float64", "the main value (VND for money, percent points for %, count, area ...)"),
        ("value_max", "float64", 'upper bound when the value is a range ("5-7%")'),
        ("unit", "string", '"VND", "USD", "VND/kg" (a price), "%", or the unit as written ("ha", "hộ", "tạ/ha")'),
        ("per", "string", 'per-unit of a price ("kg" in "50.000 đồng/kg")'),
        ("qualifier", "string", '"trên", "dưới", "khoảng", "tối thiểu", "ước đạt" ... or empty'),
        ("status", "string", '"actual" (a result) or "target" (a goal: phấn đấu, chỉ tiêu ...)'),
        ("period_text", "string", "the period the figure is for, as written"),
        ("period_start", "string", "first day of that period, ISO"),
        ("period_end", "string", "last day of that period, ISO"),
        ("pct_of_plan", "float64", 'first "of_plan" comparison: percent of plan/estimate (84.3)'),
        ("pct_of_plan_base", "string", 'its base ("dự toán huyện giao", "kế hoạch")'),
        ("change_pct", "float64", 'first "change" comparison in %: + increase, - decrease'),
        ("change_base", "string", 'its base ("cùng kỳ", "năm 2019")'),
        ("comparisons", "string", "JSON list of the other comparisons "
                                  "[{relation, value, unit, base, verb}]"),
        ("place", "string", 'the locality the article is about ("huyện Ba Chẽ") when it can be told'),
        ("sentence", "string", "the sentence the figure comes from"),
    ] + _SPAN + _TAIL,
    "officials": _KEY + [
        ("name", "string", "full name as written, without honorific"),
        ("titles", "string", "JSON list of titles, abbreviations expanded"),
        ("titles_raw", "string", "JSON list of titles as written"),
        ("mentions", "string", "JSON list of mentions (spans) in the article"),
        ("n_mentions", "Int64", "number of mentions"),
    ] + _TAIL,
    "meetings": _KEY + [
        ("text", "string", "the words naming the meeting"),
    ] + _SPAN + [
        ("kind", "string", 'head word, lower case ("kỳ họp", "hội nghị" ...)'),
        ("body", "string", "who holds it"),
        ("term", "string", 'term of the body ("XXV", "2021-2026")'),
        ("session", "Int64", "session number"),
        ("date", "string", "ISO date of the meeting"),
        ("chair", "string", "name of the person chairing"),
        ("location", "string", "where"),
    ] + _TAIL,
    "documents": _KEY + [
        ("text", "string", "the reference as written"),
    ] + _SPAN + [
        ("doc_type", "string", '"Nghị quyết", "Quyết định", "Chỉ thị" ...'),
        ("number", "string", 'the number as written without "số" ("13-NQ/HU")'),
        ("date", "string", "ISO date of the document when stated"),
        ("issuer", "string", "issuing body when stated"),
    ] + _TAIL,
    "dates": _KEY + [
        ("text", "string", "the date as written"),
    ] + _SPAN + [
        ("value", "string", 'ISO date; "XXXX-MM-DD" when the year is unknown'),
        ("inferred_year", "boolean", "the year was not written: from the publication date or a nearby year"),
    ] + _TAIL,
    "periods": _KEY + [
        ("text", "string", "the period as written"),
    ] + _SPAN + [
        ("start_date", "string", "first day, ISO"),
        ("end_date", "string", "last day, ISO"),
        ("granularity", "string", "day-range, month, quarter, half, part_of_year, year, multi_year"),
        ("inferred_year", "boolean", "true when the year was not written (empty otherwise)"),
        ("vague", "boolean", 'true for a loose phrase ("những tháng cuối năm"; empty otherwise)'),
    ] + _TAIL,
    "percentages": _KEY + [
        ("text", "string", "the percentage as written"),
    ] + _SPAN + [
        ("value", "float64", "the number as written (96,9% -> 96.9)"),
        ("qualifier", "string", '"trên", "dưới" ... or empty'),
        ("implicit", "boolean", 'written without "%" ("đạt 125,7 kế hoạch")'),
    ] + _TAIL,
    "money": _KEY + [
        ("text", "string", "the amount as written"),
    ] + _SPAN + [
        ("amount", "float64", "amount in currency units (trên 30 tỷ đồng -> 30000000000)"),
        ("currency", "string", '"VND", "USD" ...'),
        ("qualifier", "string", '"trên", "khoảng" ... or empty'),
        ("per", "string", 'per-unit of a price ("kg")'),
    ] + _TAIL,
    "quantities": _KEY + [
        ("text", "string", "the quantity as written"),
    ] + _SPAN + [
        ("value", "float64", "the number (3.772 ha -> 3772)"),
        ("unit", "string", "the unit word as written"),
        ("qualifier", "string", '"trên", "gần" ... or empty'),
        ("total", "float64", 'the whole of a ratio ("21/21 trường" -> 21)'),
    ] + _TAIL,
}
TABLES = tuple(COLUMNS)
RECORD_TABLES = tuple(t for t in TABLES if t != "articles")

# comparisons that have columns of their own: relation -> (value column, base column)
FLAT_COMPARISONS = {"of_plan": ("pct_of_plan", "pct_of_plan_base"),
                    "change": ("change_pct", "change_base")}


def dtypes(table: str) -> dict[str, str]:
    """{column: dtype} of a table."""
    return {c: t for c, t, _ in COLUMNS[table]}


# ---------------------------------------------------------------------------------------------
# rows


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, dict)):
        return _json(value)
    return str(value)


def _article_dict(result: Any) -> Mapping[str, Any]:
    if isinstance(result, Mapping):
        return result
    to_dict = getattr(result, "to_dict", None)
    if to_dict is None:
        raise TypeError(f"not an article result: {type(result).__name__}")
    return to_dict()


def _span(rec: Mapping[str, Any]) -> tuple[Any, Any]:
    sp = rec.get("span")
    if isinstance(sp, (list, tuple)) and len(sp) == 2:
        return sp[0], sp[1]
    return None, None


def _indicator_row(aid: str, i: int, rec: Mapping[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {"article_id": aid, "indicator_index": i}
    for col in ("name", "value", "value_max", "unit", "per", "qualifier", "status", "place",
                "sentence", "rule", "score"):
        row[col] = rec.get(col)
    period = rec.get("period") or {}
    if isinstance(period, Mapping):
        row["period_text"] = period.get("text")
        row["period_start"] = period.get("start_date")
        row["period_end"] = period.get("end_date")
    rest = []
    for comp in rec.get("comparisons") or []:
        cols = FLAT_COMPARISONS.get(comp.get("relation"))
        if cols and row.get(cols[0]) is None and comp.get("unit", "%") == "%":
            row[cols[0]], row[cols[1]] = comp.get("value"), comp.get("base")
        else:
            rest.append(comp)
    row["comparisons"] = _json(rest)
    row["span_start"], row["span_end"] = _span(rec)
    return row


def _official_row(aid: str, rec: Mapping[str, Any]) -> dict[str, Any]:
    mentions = rec.get("mentions") or []
    return {"article_id": aid, "name": rec.get("name"), "titles": _json(rec.get("titles") or []),
            "titles_raw": _json(rec.get("titles_raw") or []), "mentions": _json(mentions),
            "n_mentions": len(mentions), "rule": rec.get("rule"), "score": rec.get("score")}


def _record_row(table: str, aid: str, rec: Mapping[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {"article_id": aid}
    for col, _, _ in COLUMNS[table][1:]:
        if col in ("span_start", "span_end"):
            continue
        value = rec.get(col)
        if isinstance(value, Mapping) and col in ("chair", "body", "location", "issuer", "date"):
            value = value.get("name") or value.get("value") or value.get("text") or _json(value)
        row[col] = value
    row["span_start"], row["span_end"] = _span(rec)
    return row


def rows_of(result: Any) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table for one article (result object or its dict)."""
    art = _article_dict(result)
    aid = str(art.get("id"))
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    arow = {"article_id": aid}
    for col in ("status", "error", "source", "url", "title", "published"):
        arow[col] = art.get(col)
    for t in RECORD_TABLES:
        arow[f"n_{t}"] = len(art.get(t) or [])
    rows["articles"].append(arow)
    for i, rec in enumerate(art.get("indicators") or []):
        rows["indicators"].append(_indicator_row(aid, i, rec))
    for rec in art.get("officials") or []:
        rows["officials"].append(_official_row(aid, rec))
    for t in ("meetings", "documents", "dates", "periods", "percentages", "money", "quantities"):
        for rec in art.get(t) or []:
            rows[t].append(_record_row(t, aid, rec))
    return rows


def _coerce(value: Any, dtype: str) -> Any:
    if value is None:
        return None
    if dtype == "string":
        return _text(value)
    if dtype == "float64":
        try:
            return float(value)
        except (TypeError, ValueError):
            return None
    if dtype == "Int64":
        try:
            return int(value)
        except (TypeError, ValueError):
            return None
    if dtype == "boolean":
        return bool(value)
    return value


def frame(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A DataFrame with exactly the documented columns and dtypes (empty rows allowed)."""
    cols = COLUMNS[table]
    data = {c: pd.Series([_coerce(r.get(c), t) for r in rows], dtype=_pandas_dtype(t))
            for c, t, _ in cols}
    return pd.DataFrame(data, columns=[c for c, _, _ in cols])


def _pandas_dtype(dtype: str) -> Any:
    return pd.StringDtype() if dtype == "string" else dtype


def to_frames(results: Iterable[Any]) -> dict[str, pd.DataFrame]:
    """Every table as a pandas DataFrame: ``{"articles": ..., "indicators": ..., ...}``.

    ``results``: ``ArticleResult`` objects (from ``extract``/``extract_many``) or their
    ``to_dict()`` dicts (e.g. lines of a JSONL output). Columns and dtypes: ``COLUMNS``.
    """
    acc: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for result in results:
        for t, rows in rows_of(result).items():
            acc[t].extend(rows)
    return {t: frame(t, acc[t]) for t in TABLES}


# ---------------------------------------------------------------------------------------------
# CSV safety

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: Any) -> Any:
    """ "=1+1" -> "'=1+1": a spreadsheet shows the text and runs nothing. A cell that already
    starts with quotes before such a character gets one more quote, so that ``restore``
    gives back exactly the original text."""
    if not isinstance(cell, str) or not cell:
        return cell
    if cell.startswith(FORMULA_STARTS) or (cell[0] == "'" and cell.lstrip("'").startswith(FORMULA_STARTS)):
        return "'" + cell
    return cell


def restore(cell: Any) -> Any:
    """The inverse of ``neutralise``."""
    if isinstance(cell, str) and cell[:1] == "'" and cell.lstrip("'").startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def neutralised(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """A copy whose text columns are formula-safe; numeric columns untouched."""
    out = df.copy()
    for col, dtype, _ in COLUMNS[table]:
        if dtype == "string" and col in out:
            out[col] = out[col].map(neutralise, na_action="ignore").astype(pd.StringDtype())
    return out


# ---------------------------------------------------------------------------------------------
# writers and readers


class TableWriter:
    """Streams results into ``DIR/<table>.csv`` or ``DIR/<table>.parquet``, one file per
    table, ``chunk_size`` articles at a time.

        with TableWriter("out", "csv", bom=True) as w:
            for r in extractor.extract_many(items):
                w.write(r)
    """

    def __init__(self, directory: str | os.PathLike, fmt: str = "csv", *, bom: bool = False,
                 chunk_size: int = 200):
        if fmt not in ("csv", "parquet"):
            raise ValueError(f"unknown table format {fmt!r} (csv or parquet)")
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.fmt, self.bom, self.chunk_size = fmt, bom, max(1, int(chunk_size))
        self._buffer: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self._pending = 0
        self._csv: dict[str, Any] = {}
        self._parquet: dict[str, Any] = {}
        self._closed = False
        # every table gets its file, with its header, even when it stays empty
        self._flush(force_open=True)

    def path(self, table: str) -> Path:
        return self.dir / f"{table}.{self.fmt}"

    def write(self, result: Any) -> None:
        for t, rows in rows_of(result).items():
            self._buffer[t].extend(rows)
        self._pending += 1
        if self._pending >= self.chunk_size:
            self._flush()

    def write_all(self, results: Iterable[Any]) -> None:
        for r in results:
            self.write(r)

    def _flush(self, force_open: bool = False) -> None:
        for t in TABLES:
            rows = self._buffer[t]
            if not rows and not force_open:
                continue
            df = frame(t, rows)
            if self.fmt == "csv":
                self._write_csv(t, df)
            else:
                self._write_parquet(t, df)
            self._buffer[t] = []
        self._pending = 0

    def _write_csv(self, table: str, df: pd.DataFrame) -> None:
        fh = self._csv.get(table)
        first = fh is None
        if first:
            fh = self._csv[table] = open(self.path(table), "w", encoding="utf-8-sig" if self.bom else "utf-8",
                                         newline="")
        neutralised(df, table).to_csv(fh, header=first, index=False, lineterminator="\r\n")
        fh.flush()

    def _write_parquet(self, table: str, df: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = arrow_schema(table)
        writer = self._parquet.get(table)
        if writer is None:
            writer = self._parquet[table] = pq.ParquetWriter(str(self.path(table)), schema)
        if len(df):
            writer.write_table(pa.Table.from_pandas(df, schema=schema, preserve_index=False))

    def close(self) -> None:
        if self._closed:
            return
        self._flush()
        for fh in self._csv.values():
            fh.close()
        for w in self._parquet.values():
            w.close()
        self._closed = True

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def arrow_schema(table: str):
    """The Parquet (Arrow) schema of a table, with pandas metadata so that
    ``pd.read_parquet`` gives back the documented dtypes."""
    import pyarrow as pa

    kinds = {"string": pa.string(), "float64": pa.float64(), "Int64": pa.int64(), "boolean": pa.bool_()}
    schema = pa.schema([pa.field(c, kinds[t]) for c, t, _ in COLUMNS[table]])
    empty = frame(table, [])
    meta = pa.Schema.from_pandas(empty, preserve_index=False).metadata
    return schema.with_metadata(meta)


def read_csv_table(path: str | os.PathLike, table: str | None = None) -> pd.DataFrame:
    """One CSV table back as written by ``TableWriter``: documented dtypes, the formula
    quotes removed, a BOM accepted."""
    table = table or Path(path).stem
    types = dtypes(table)
    df = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, na_values=[""],
                     dtype={c: ("string" if t == "string" else "boolean" if t == "boolean" else t)
                            for c, t in types.items()})
    for col, t in types.items():
        if t == "string" and col in df:
            df[col] = df[col].map(restore, na_action="ignore").astype(pd.StringDtype())
    return df[[c for c in types if c in df]]


def read_tables(directory: str | os.PathLike) -> dict[str, pd.DataFrame]:
    """Every table in a folder written by ``TableWriter`` (CSV or Parquet)."""
    d = Path(directory)
    out: dict[str, pd.DataFrame] = {}
    for t in TABLES:
        if (d / f"{t}.parquet").is_file():
            out[t] = pd.read_parquet(d / f"{t}.parquet")
        elif (d / f"{t}.csv").is_file():
            out[t] = read_csv_table(d / f"{t}.csv", t)
    return out


def iter_markdown() -> Iterator[str]:
    """The column reference as Markdown (docs/tables.md is generated from it)."""
    for t in TABLES:
        yield f"### {t}\n"
        yield "| column | dtype | meaning |"
        yield "|---|---|---|"
        for c, dt, meaning in COLUMNS[t]:
            yield f"| `{c}` | {dt} | {meaning.replace('|', '/')} |"
        yield ""
