"""Scale-out on Dask (``pip install 'vngov-extractor[dask]'``).

    import dask.bag as db
    from extractor.distributed import extract_bag, to_dataframes

    articles = db.read_text("dump-*.jsonl.gz").map(json.loads)      # dicts with id/text/...
    results = extract_bag(articles)                                 # bag of result dicts
    frames = to_dataframes(results)                                 # dask dataframes
    frames["money"].to_parquet("out/money/")

Each worker process builds the pipeline once, the first time it runs a task, and keeps it
(``get_nlp`` caches it per process). Use workers with one thread each (``--nthreads 1``, or
``LocalCluster(processes=True, threads_per_worker=1)``): the pipeline is pure Python under the
GIL, so threads add nothing, and a lock keeps two threads of one worker from sharing it.

``run_on_cluster`` is what ``vngov extract --scheduler ADDRESS`` uses: articles are read here,
sent in small batches, and the results come back in input order with a bounded number of
batches in flight.
"""
from __future__ import annotations

import json
import threading
from collections import deque
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from .api import Article, ArticleResult, error_result
from .records import ARTICLE_FIELDS, SCHEMA

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag as db
    import dask.dataframe as dd

_LOCK = threading.Lock()


def process_batch(items: Iterable[Article | str | Mapping[str, Any]], rules: tuple[str, ...] = (),
                  timeout: float | None = None) -> list[ArticleResult]:
    """Run the pipeline over a batch in this worker (the pipeline is built on first use)."""
    import signal

    from .parallel import _can_alarm, _on_alarm, loaded_nlp, process_limited

    with _LOCK:
        nlp = loaded_nlp(rules)
        alarm = bool(timeout) and _can_alarm()  # a task run in the main thread (sync scheduler)
        previous = signal.signal(signal.SIGALRM, _on_alarm) if alarm else None
        try:
            return [process_limited(Article.coerce(item, i), nlp, timeout, alarm=alarm)
                    for i, item in enumerate(items)]
        finally:
            if alarm:
                signal.signal(signal.SIGALRM, previous)


def _result_dicts(items: Iterable, rules: tuple[str, ...], timeout: float | None) -> list[dict]:
    return [r.to_dict() for r in process_batch(list(items), rules, timeout)]


def extract_bag(articles: "db.Bag", *, rules: Iterable[str] | None = None,
                timeout: float | None = None) -> "db.Bag":
    """A bag of result dicts (schema v1), one per article. Items may be ``Article`` objects,
    dicts with text/id/title/published/url keys, or plain texts."""
    return articles.map_partitions(_result_dicts, tuple(str(r) for r in (rules or ())), timeout)


def _rows_to_articles(rows: Iterable[dict], fields, rules, timeout) -> list[dict]:
    from .readers import article_from_record

    arts = [article_from_record(row, fields, f"row {i + 1}") for i, row in enumerate(rows)]
    return _result_dicts(arts, rules, timeout)


def extract_dataframe(df: "dd.DataFrame", *, text: str = "text", id: str = "id", title: str = "title",
                      published: str = "published", url: str = "url", rules: Iterable[str] | None = None,
                      timeout: float | None = None) -> "db.Bag":
    """A bag of result dicts from a dask dataframe with one article per row; the keyword
    arguments name its columns (missing optional columns are fine)."""
    from .readers import FieldMap

    fields = FieldMap(text=text, id=id, title=title, published=published, url=url)
    bag = df.to_bag(index=False, format="dict")
    return bag.map_partitions(_rows_to_articles, fields, tuple(str(r) for r in (rules or ())), timeout)


# --- tidy tables ------------------------------------------------------------------------------

ARTICLE_COLUMNS = (*ARTICLE_FIELDS, "duplicate_of", *(f"n_{t}" for t in SCHEMA))

# columns that hold numbers or yes/no; every other column holds text (lists and objects, such
# as an official's titles or an indicator's comparisons, as JSON text)
NUMERIC_COLUMNS = {("percentages", "value"), ("money", "amount"), ("quantities", "value"),
                   ("indicators", "value")}
BOOLEAN_COLUMNS = {("dates", "inferred_year"), ("percentages", "implicit")}


def _dtype(rtype: str | None, column: str) -> str:
    if column in ("span_start", "span_end") or column.startswith("n_"):
        return "Int64"
    if column == "score" or (rtype, column) in NUMERIC_COLUMNS:
        return "float64"
    if (rtype, column) in BOOLEAN_COLUMNS:
        return "boolean"
    return "object"


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def record_columns(rtype: str) -> list[str]:
    """Columns of the table of one record type: the article id, the schema fields (a span as
    span_start/span_end), then rule and score."""
    cols = ["article_id"]
    for f in SCHEMA[rtype]:
        cols.extend(["span_start", "span_end"] if f == "span" else [f])
    return cols + ["rule", "score"]


def record_rows(result: dict, rtype: str) -> list[dict]:
    """One flat row per record; lists and objects (titles, comparisons) as JSON text."""
    rows = []
    for rec in result.get(rtype) or []:
        row: dict[str, Any] = {"article_id": result.get("id")}
        for f in SCHEMA[rtype]:
            if f == "span":
                span = rec.get("span") or [None, None]
                row["span_start"], row["span_end"] = span[0], span[1]
            else:
                value = rec.get(f)
                kind = _dtype(rtype, f)
                row[f] = value if kind != "object" or value is None else (
                    _cell(value) if isinstance(value, (list, dict, str)) else str(value))
        row["rule"], row["score"] = rec.get("rule"), rec.get("score")
        rows.append(row)
    return rows


def article_row(result: dict) -> dict:
    row = {f: result.get(f) for f in ARTICLE_FIELDS}
    row["duplicate_of"] = result.get("duplicate_of")
    for t in SCHEMA:
        row[f"n_{t}"] = len(result.get(t) or [])
    return row


def _meta_frame(columns: list[str], rtype: str | None = None):
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype=_dtype(rtype, c)) for c in columns})


def _frame(rows: list[dict], columns: list[str], rtype: str | None = None):
    import pandas as pd

    meta = _meta_frame(columns, rtype)
    if not rows:
        return meta
    return pd.DataFrame(rows, columns=columns).astype(meta.dtypes.to_dict())


def _articles_part(results: list[dict]):
    return _frame([article_row(r) for r in results], list(ARTICLE_COLUMNS))


def _records_part(results: list[dict], rtype: str):
    return _frame([row for r in results for row in record_rows(r, rtype)], record_columns(rtype), rtype)


def to_dataframes(results: "db.Bag", types: Iterable[str] | None = None) -> dict[str, "dd.DataFrame"]:
    """Dask dataframes from a bag of result dicts: "articles" (one row per article, with a
    count of each record type) and one per record type (one row per record). Each is lazy;
    computing several of them recomputes the bag unless it was persisted first."""
    import dask
    import dask.dataframe as dd

    parts = results.to_delayed()
    frames = {"articles": dd.from_delayed([dask.delayed(_articles_part)(p) for p in parts],
                                          meta=_meta_frame(list(ARTICLE_COLUMNS)), verify_meta=False)}
    for rtype in (types or SCHEMA):
        frames[rtype] = dd.from_delayed([dask.delayed(_records_part)(p, rtype) for p in parts],
                                        meta=_meta_frame(record_columns(rtype), rtype), verify_meta=False)
    return frames


# --- the command line's runner -----------------------------------------------------------------

def run_on_cluster(articles: Iterable[Article], address: str, *, rules: Iterable[str] = (),
                   timeout: float | None = None, batch_size: int = 8,
                   max_pending: int | None = None) -> Iterator[ArticleResult]:
    """Results in input order from a Dask cluster at ``address`` (a scheduler, or a Client)."""
    from distributed import Client

    client = address if isinstance(address, Client) else Client(address, set_as_default=False)
    rules = tuple(str(r) for r in rules)
    try:
        threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()) or 1
        max_pending = max_pending or max(4, 3 * threads)
        pending: deque = deque()

        def submit(batch: list[Article]):
            fut = client.submit(process_batch, batch, rules, timeout, pure=False)
            pending.append((fut, batch))

        def collect() -> list[ArticleResult]:
            fut, batch = pending.popleft()
            try:
                return fut.result()
            except Exception as exc:  # a task that failed for good (KilledWorker...)
                return [error_result(a, f"article {a.id}: the Dask task failed "
                                        f"({type(exc).__name__}: {exc})") for a in batch]

        batch: list[Article] = []
        for i, item in enumerate(articles):
            batch.append(Article.coerce(item, i))
            if len(batch) >= batch_size:
                submit(batch)
                batch = []
                while len(pending) >= max_pending:
                    yield from collect()
        if batch:
            submit(batch)
        while pending:
            yield from collect()
    finally:
        for fut, _ in pending:
            fut.cancel()
        if client is not address:
            client.close()
