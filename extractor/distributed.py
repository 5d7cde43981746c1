"""Scale-out on Dask (``pip install 'vngov-extractor[dask]'``).

    import dask.bag as db
    from extractor.distributed import extract_bag, to_dataframes

    articles = db.read_text("dump-*.jsonl.gz").map(json.loads)      # dicts with id/text/...
    results = extract_bag(articles)                                 # bag of result dicts
    tables = to_dataframes(results)                                 # dask dataframes
    tables["money"].to_parquet("out/money/")

Each worker process builds the pipeline once, the first time it runs a task, and keeps it
(``get_nlp`` caches it per process). Use workers with one thread each (``--nthreads 1``, or
``LocalCluster(processes=True, threads_per_worker=1)``): the pipeline is pure Python under the
GIL, so threads add nothing, and a lock keeps two threads of one worker from sharing it.

``run_on_cluster`` is what ``vngov extract --scheduler ADDRESS`` uses: articles are read here,
sent in small batches, and the results come back in input order with a bounded number of
batches in flight.
"""
from __future__ import annotations

import threading
from collections import deque
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from .api import Article, ArticleResult, error_result

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


def _rows_to_articles(rows: Iterable[dict], fields, index: str, rules, timeout) -> list[dict]:
    from .readers import article_from_record

    arts = []
    for row in rows:
        label = row.pop(index, None)
        arts.append(article_from_record(row, fields, f"row {label}"))
    return _result_dicts(arts, rules, timeout)


def extract_dataframe(df: "dd.DataFrame", *, text: str = "text", id: str = "id", title: str = "title",
                      published: str = "published", url: str = "url", rules: Iterable[str] | None = None,
                      timeout: float | None = None) -> "db.Bag":
    """A bag of result dicts from a dask dataframe with one article per row; the keyword
    arguments name its columns (missing optional columns are fine). A row without an id is
    named by its index label ("row 17")."""
    from .readers import FieldMap

    fields = FieldMap(text=text, id=id, title=title, published=published, url=url)
    index = df.index.name or "index"
    bag = df.to_bag(index=True, format="dict")
    return bag.map_partitions(_rows_to_articles, fields, index, tuple(str(r) for r in (rules or ())), timeout)


# --- tidy tables ------------------------------------------------------------------------------

def _table_part(results: list[dict], table: str):
    from .tables import frame, rows_of

    return frame(table, [row for r in results for row in rows_of(r)[table]])


def to_dataframes(results: "db.Bag", tables: Iterable[str] | None = None) -> dict[str, "dd.DataFrame"]:
    """Dask dataframes of the tidy tables (``extractor.tables``: same columns and dtypes as
    ``--format csv/parquet``) from a bag of result dicts: "articles" and one per record type.
    Each is lazy; computing several recomputes the bag unless it was persisted first."""
    import dask
    import dask.dataframe as dd

    from .tables import TABLES, frame

    parts = results.to_delayed()
    return {t: dd.from_delayed([dask.delayed(_table_part)(p, t) for p in parts], meta=frame(t, []),
                               verify_meta=False)
            for t in (tables or TABLES)}


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
