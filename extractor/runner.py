"""A whole run, as the command line does it: read -> extract (N workers, or a Dask cluster) ->
write JSONL, with a progress bar, an end-of-run summary, ``--resume`` and a clean Ctrl-C.

Output is written one line per article and flushed, in input order, as results come in. A
Ctrl-C never cuts a line in half (the interrupt waits for the line being written), so an
interrupted run leaves a valid file; a run killed outright (SIGKILL, power loss) may leave a
last line cut short, which ``resume`` removes before appending.
"""
from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterable, Iterator

from .api import Article, ArticleResult
from .idstore import IdStore


class OutputCorrupt(Exception):
    """The existing output file cannot be resumed (a broken line that is not the last)."""


@dataclass
class RunSummary:
    articles: int = 0
    ok: int = 0
    errors: int = 0
    duplicates: int = 0
    skipped: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    started: float = field(default_factory=time.monotonic, repr=False)

    def count(self, result: ArticleResult) -> None:
        self.articles += 1
        if result.status == "ok":
            self.ok += 1
        else:
            self.errors += 1
        if result.meta.get("duplicate_of"):
            self.duplicates += 1

    def finish(self) -> "RunSummary":
        self.seconds = time.monotonic() - self.started
        return self

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds > 0 else 0.0
        parts = [f"{self.articles} articles", f"{self.ok} ok", f"{self.errors} errors",
                 f"{self.duplicates} duplicate ids"]
        if self.skipped:
            parts.append(f"{self.skipped} skipped (already in the output)")
        text = ", ".join(parts) + f", {self.seconds:.1f} s ({rate:.1f} articles/s)"
        return ("interrupted after " + text) if self.interrupted else text


def resume_ids(path: Path, done: IdStore | None = None) -> int:
    """Count the ids already in a JSONL output file into ``done``; the number of objects. A
    last line cut short (a run killed while writing it) is cut off the file; a last line
    without its newline gets one. Raises OutputCorrupt when a line before the last is broken."""
    count = 0
    good_end = 0
    bad_line = None
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if bad_line is not None:
                if raw.strip():
                    raise OutputCorrupt(f"{path}:{bad_line}: not a JSON object, and more lines follow it; "
                                        "refusing to resume (move the file away to start again)")
                continue
            if not raw.strip():
                good_end += len(raw)
                continue
            try:
                obj = json.loads(raw)
            except ValueError:
                obj = None
            if not isinstance(obj, dict) or "id" not in obj:
                bad_line = lineno
                continue
            if done is not None:
                done.add_done([str(obj["id"])])
            count += 1
            good_end += len(raw)
    size = path.stat().st_size
    if good_end < size:
        with path.open("r+b") as fh:
            fh.truncate(good_end)
    if good_end:
        with path.open("rb") as fh:
            fh.seek(good_end - 1)
            last = fh.read(1)
        if last != b"\n":
            with path.open("ab") as fh:
                fh.write(b"\n")
    return count


def skip_done(articles: Iterable[Article], done: IdStore, summary: RunSummary) -> Iterator[Article]:
    """Articles whose id is not (or not as many times) in the output already."""
    for art in articles:
        if art.id is not None and done.take_done(str(art.id)):
            summary.skipped += 1
            continue
        yield art


class _Interrupts:
    """SIGINT raises KeyboardInterrupt at once, except while an output line is being written:
    then it waits for the end of the line, so the file never ends in half an object."""

    def __init__(self) -> None:
        self.writing = False
        self.pending = False
        self.previous = None
        self.active = threading.current_thread() is threading.main_thread()

    def _handler(self, signum, frame) -> None:
        if self.writing:
            self.pending = True
        else:
            raise KeyboardInterrupt

    def __enter__(self) -> "_Interrupts":
        if self.active:
            self.previous = signal.signal(signal.SIGINT, self._handler)
        return self

    def __exit__(self, *exc) -> None:
        if self.active:
            signal.signal(signal.SIGINT, self.previous)

    @contextmanager
    def write(self):
        self.writing = True
        try:
            yield
        finally:
            self.writing = False
        if self.pending:
            raise KeyboardInterrupt


def _progress(enabled: bool):
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: the worker pool forks after this
    return tqdm(total=None, unit=" articles", file=sys.stderr, disable=not enabled, mininterval=0.5,
                smoothing=0.1)


def run_extract(articles: Iterable[Article], writer, *, workers: int = 1, timeout: float | None = None,
                rules: Iterable[str] = (), scheduler: str | None = None, progress: bool = False,
                summary: RunSummary | None = None, chunk_size: int = 4) -> RunSummary:
    """Extract every article and hand each result, in input order, to ``writer.write`` (a
    ``JsonlWriter``, a ``TableWriter``). Returns the summary; ``summary.interrupted`` is set
    when Ctrl-C stopped the run."""
    summary = summary or RunSummary()
    if scheduler:
        from .distributed import run_on_cluster

        results = run_on_cluster(articles, scheduler, rules=rules, timeout=timeout)
    else:
        from .parallel import run

        results = run(articles, workers=workers, rules=rules, timeout=timeout, chunk_size=chunk_size)
    bar = _progress(progress)
    if progress:
        bar.set_postfix(errors=0, refresh=False)
    try:
        with _Interrupts() as interrupts:
            try:
                for result in results:
                    with interrupts.write():
                        writer.write(result)
                        summary.count(result)
                    if progress:
                        bar.update(1)
                        if result.status != "ok":
                            bar.set_postfix(errors=summary.errors, refresh=False)
            except KeyboardInterrupt:
                summary.interrupted = True
            finally:
                close = getattr(results, "close", None)
                if close is not None:
                    close()  # stops the workers now, not when the generator is collected
    finally:
        bar.close()
    return summary.finish()


def open_output(path: str, resume: bool, done: IdStore | None = None) -> tuple[IO[str], int]:
    """The output stream (appending when resuming) and how many objects it already holds
    (their ids counted into ``done``)."""
    if path == "-":
        return sys.stdout, 0
    p = Path(path)
    n = resume_ids(p, done) if resume and p.exists() else 0
    return p.open("a" if resume else "w", encoding="utf-8", newline="\n"), n


def stderr_is_terminal() -> bool:
    try:
        return os.isatty(sys.stderr.fileno())
    except (AttributeError, OSError, ValueError):
        return False
