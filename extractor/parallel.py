"""Running the pipeline over a stream of articles: in this process, or in worker processes.

``run(articles, workers=N, timeout=T)`` yields one ``ArticleResult`` per article, in input
order, as soon as it and everything before it are done. Memory stays flat however long the
stream: at most ``window`` articles are read ahead of the last one handed out.

Workers are our own small pool rather than ``multiprocessing.Pool``: each worker has its own
pipe and the parent always knows which articles a worker holds, so that

- a worker that dies (SIGKILL, the kernel's OOM killer, a crash in native code) loses
  nothing: the articles it held are run again in a fresh worker, and the article it was
  working on, if it kills a worker a second time, becomes an error record;
- an article that outlives its time limit inside native code (where the worker's own alarm
  cannot interrupt it) is stopped by killing the worker, and becomes an error record.

Every worker builds the pipeline once (``get_nlp``), when it starts. With the "fork" start
method the parent builds it first and the workers inherit it, already loaded.
"""
from __future__ import annotations

import contextlib
import gc
import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from multiprocessing.connection import Connection, wait
from typing import Any, Iterable, Iterator, Mapping

from .api import Article, ArticleResult, article_id, error_result, process


class ArticleTimeout(BaseException):
    """Raised by the alarm inside ``process``; a BaseException so that the pipeline's own
    ``except Exception`` (one bad article must not stop the run) does not swallow it."""


class WorkerStartError(RuntimeError):
    """Workers could not start (the pipeline failed to load): nothing can be processed."""


def _on_alarm(signum, frame):
    raise ArticleTimeout()


def timeout_message(article: Article, timeout: float) -> str:
    return f"article {article_id(article)}: stopped after the time limit of {timeout:g} s"


def process_limited(article: Article, nlp, timeout: float | None, keep_doc: bool = False,
                    alarm: bool = True) -> ArticleResult:
    """``process`` with a time limit: SIGALRM when ``alarm`` (the caller is the main thread and
    owns the SIGALRM handler), otherwise an exception raised in this thread by a timer (Dask
    workers run tasks in threads). Both interrupt Python code, not a single call into native
    code: the worker pool kills a worker stuck there. Transient pipeline memory (strings of
    the spaCy vocabulary) is released after each article unless the Doc is kept."""
    zone = nlp.memory_zone() if not keep_doc else contextlib.nullcontext()
    if not timeout:
        with zone:
            result = process(article, nlp, keep_doc=keep_doc)
        _keep_recurring_words(nlp)
        return result
    limit = _AlarmLimit(timeout) if alarm else _ThreadLimit(timeout)
    result = None
    try:
        with zone:
            with limit:
                result = process(article, nlp, keep_doc=keep_doc)
    except ArticleTimeout:
        if result is None:
            return error_result(article, timeout_message(article, timeout))
    _keep_recurring_words(nlp)
    return result


def _keep_recurring_words(nlp) -> None:
    """Outside the article's memory zone: lexemes for the words that keep coming back (see
    ``segment.RecurringWords``); a pipeline with another tokenizer has nothing to keep."""
    keep = getattr(nlp.tokenizer, "keep_recurring_words", None)
    if keep is not None:
        keep()


class _AlarmLimit:
    def __init__(self, seconds: float):
        self.seconds = seconds

    def __enter__(self):
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc):
        signal.setitimer(signal.ITIMER_REAL, 0)
        return False


class _ThreadLimit:
    """Raises ArticleTimeout in the calling thread when the time is up (CPython's
    ``PyThreadState_SetAsyncExc``, delivered between two bytecodes like a signal handler)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.lock = threading.Lock()
        self.done = False
        self.fired = False

    def _fire(self) -> None:
        with self.lock:
            if not self.done:
                self.fired = _async_raise(self.thread_id, ArticleTimeout)

    def __enter__(self):
        self.thread_id = threading.get_ident()
        self.timer = threading.Timer(self.seconds, self._fire)
        self.timer.daemon = True
        self.timer.start()

    def __exit__(self, *exc):
        with self.lock:
            self.done = True
        self.timer.cancel()
        if self.fired:
            _async_raise(self.thread_id, None)  # drop it if it has not been delivered yet
        return False


def _async_raise(thread_id: int, exc_type) -> bool:
    import ctypes

    set_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
    return set_exc(ctypes.c_ulong(thread_id), ctypes.py_object(exc_type) if exc_type else None) == 1


_WARM: set[int] = set()


def loaded_nlp(rules: Iterable[str] | None = None):
    """The pipeline for these rules with its models loaded: underthesea reads its models on
    first use, which must not count against the first article's time limit."""
    from .pipeline import get_nlp

    nlp = get_nlp(rules)
    if id(nlp) not in _WARM:
        with nlp.memory_zone():
            process(Article(text="Ngày 1/1/2020, thu ngân sách đạt 5 tỷ đồng, bằng 90% dự toán.",
                            id="warm-up"), nlp, keep_doc=False)
        _WARM.add(id(nlp))
        _freeze_loaded_objects()
    return nlp


def _freeze_loaded_objects() -> None:
    """Move everything alive now (the loaded models, rules, compiled patterns: some 200,000
    container objects) out of the cyclic garbage collector's view. They live as long as the
    process, yet each full collection walked them all again: a few per cent of a run's time.
    Garbage is collected first, so none of it is kept; what is frozen and later becomes
    cyclic garbage stays (``gc.unfreeze()`` gives it back). A forked worker inherits the
    frozen objects, and the collector no longer writing to them keeps their pages shared
    with the parent."""
    gc.collect()
    gc.freeze()


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def run_serial(items: Iterable[Article | str | Mapping[str, Any]], *, rules: Iterable[str] | None = None,
               timeout: float | None = None, keep_doc: bool = False) -> Iterator[ArticleResult]:
    """In this process, one article after another."""
    nlp = loaded_nlp(rules)
    alarm = bool(timeout) and _can_alarm()
    previous = signal.signal(signal.SIGALRM, _on_alarm) if alarm else None
    try:
        for i, item in enumerate(items):
            yield process_limited(Article.coerce(item, i), nlp, timeout, keep_doc, alarm)
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


# --- worker side ---------------------------------------------------------------------------

def _worker_main(conn: Connection, rules: tuple[str, ...], timeout: float | None) -> None:
    """Build the pipeline once, then: receive a chunk [(seq, article)], send one
    (seq, result) per article as it is done; None means stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        nlp = loaded_nlp(rules)
        if timeout:
            signal.signal(signal.SIGALRM, _on_alarm)
    except BaseException as exc:  # noqa: BLE001 - report why, then give up
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        for seq, article in chunk:
            conn.send((seq, process_limited(article, nlp, timeout)))


# --- parent side ---------------------------------------------------------------------------

class _Worker:
    def __init__(self, ctx, rules: tuple[str, ...], timeout: float | None):
        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_worker_main, args=(child, rules, timeout), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.chunk: deque[tuple[int, Article]] = deque()  # sent, no result yet
        self.since = time.monotonic()  # when the article at the head of the chunk started

    @property
    def busy(self) -> bool:
        return bool(self.chunk)

    def send(self, chunk: list[tuple[int, Article]]) -> None:
        # the worker is idle and blocked in recv(), so this cannot deadlock on a full pipe
        self.chunk.extend(chunk)
        self.since = time.monotonic()
        self.conn.send(chunk)

    def kill(self) -> None:
        if self.process.is_alive():
            try:
                os.kill(self.process.pid, signal.SIGKILL)
            except (ProcessLookupError, AttributeError):
                self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(2)
        if self.process.is_alive():
            self.kill()
        else:
            self.conn.close()


def _death(proc) -> str:
    code = proc.exitcode
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with status {code}"


class Pool:
    """N workers, results in input order. Use ``imap``; ``close`` stops the workers."""

    def __init__(self, workers: int, *, rules: Iterable[str] | None = None, timeout: float | None = None,
                 chunk_size: int = 4, window: int | None = None, start_method: str | None = None,
                 max_crashes: int = 2, grace: float | None = None):
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.n = workers
        self.rules = tuple(str(r) for r in (rules or ()))
        self.timeout = timeout
        self.chunk_size = max(1, chunk_size)
        self.window = window or max(64, workers * self.chunk_size * 8)
        self.max_crashes = max_crashes
        # the worker's own alarm normally fires first; this is for native code that ignores it
        self.grace = grace if grace is not None else (max(2.0, timeout * 0.5) if timeout else 0.0)
        method = start_method or ("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        self.ctx = mp.get_context(method)
        if method == "fork":
            loaded_nlp(self.rules)  # loaded once here, inherited by every worker
        self.workers: list[_Worker] = []
        self.crashes: dict[int, int] = {}
        self.restarts = 0
        self._failed_starts = 0

    def _spawn(self) -> _Worker:
        w = _Worker(self.ctx, self.rules, self.timeout)
        self.workers.append(w)
        return w

    def close(self) -> None:
        for w in self.workers:
            if w.busy:
                w.kill()
            else:
                w.stop()
        self.workers.clear()

    def __enter__(self) -> "Pool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def imap(self, items: Iterable[Article | str | Mapping[str, Any]]) -> Iterator[ArticleResult]:
        source = enumerate(items)
        exhausted = False
        retry: deque[tuple[int, Article]] = deque()  # run again, one at a time
        done: dict[int, ArticleResult] = {}
        next_out = 0      # the next sequence number to hand out
        next_in = 0       # the next sequence number to read
        for _ in range(self.n):
            self._spawn()
        try:
            while True:
                # hand out what is complete, in order
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
                # give idle workers work: retries first (alone), then new articles
                for w in list(self.workers):
                    if not w.ready or w.busy:
                        continue
                    if retry:
                        w.send([retry.popleft()])
                        continue
                    chunk = []
                    while not exhausted and len(chunk) < self.chunk_size and next_in - next_out < self.window:
                        try:
                            i, item = next(source)
                        except StopIteration:
                            exhausted = True
                            break
                        chunk.append((i, Article.coerce(item, i)))
                        next_in = i + 1
                    if chunk:
                        w.send(chunk)
                if exhausted and not retry and next_out == next_in and not any(w.busy for w in self.workers):
                    return
                self._wait(done, retry)
        finally:
            self.close()

    def _wait(self, done: dict[int, ArticleResult], retry: deque) -> None:
        conns = {w.conn: w for w in self.workers}
        sentinels = {w.process.sentinel: w for w in self.workers}
        limit = 1.0
        if self.timeout:
            now = time.monotonic()
            for w in self.workers:
                if w.busy:
                    limit = min(limit, max(0.0, w.since + self.timeout + self.grace - now))
        ready = wait(list(conns) + list(sentinels), timeout=limit)
        dead: list[_Worker] = []
        for r in ready:
            w = conns.get(r) or sentinels.get(r)
            if w in dead:
                continue
            if not self._drain(w, done):
                dead.append(w)
        for w in dead:
            self._replace(w, done, retry, reason=_death_after_join(w))
        if self.timeout:
            now = time.monotonic()
            for w in list(self.workers):
                if w.busy and now - w.since > self.timeout + self.grace:
                    seq, art = w.chunk.popleft()
                    done[seq] = error_result(art, timeout_message(art, self.timeout))
                    w.kill()
                    self._replace(w, done, retry, reason=None)

    def _drain(self, w: _Worker, done: dict[int, ArticleResult]) -> bool:
        """Read every message the worker has sent; False when it is gone."""
        try:
            while w.conn.poll():
                msg = w.conn.recv()
                if msg[0] == "ready":
                    w.ready = True
                    self._failed_starts = 0
                elif msg[0] == "failed":
                    raise WorkerStartError(f"a worker could not load the pipeline: {msg[1]}")
                else:
                    seq, result = msg
                    if w.chunk and w.chunk[0][0] == seq:
                        w.chunk.popleft()
                    done[seq] = result
                    w.since = time.monotonic()
        except (EOFError, OSError):
            return False
        return w.process.is_alive() or w.conn.poll()

    def _replace(self, w: _Worker, done: dict[int, ArticleResult], retry: deque, reason: str | None) -> None:
        """A worker died: what it held runs again in a fresh worker; the article it was on
        when it died twice becomes an error record."""
        if w in self.workers:
            self.workers.remove(w)
        try:
            w.conn.close()
        except OSError:
            pass
        held = list(w.chunk)
        w.chunk.clear()
        if not w.ready and reason is not None:
            self._failed_starts += 1
            if self._failed_starts >= 3:
                raise WorkerStartError(f"workers die while loading the pipeline ({reason})")
        if held and reason is not None:
            seq, art = held[0]
            self.crashes[seq] = self.crashes.get(seq, 0) + 1
            if self.crashes[seq] >= self.max_crashes:
                done[seq] = error_result(
                    art, f"article {article_id(art)}: the worker processing it died {self.crashes[seq]} "
                         f"times ({reason})")
                held = held[1:]
                self.crashes.pop(seq, None)
        retry.extendleft(reversed(held))
        self.restarts += 1
        self._spawn()


def _death_after_join(w: _Worker) -> str:
    w.process.join(5)
    return _death(w.process)


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def run(items: Iterable[Article | str | Mapping[str, Any]], *, workers: int = 1,
        rules: Iterable[str] | None = None, timeout: float | None = None, keep_doc: bool = False,
        chunk_size: int = 4, start_method: str | None = None) -> Iterator[ArticleResult]:
    """One result per article, in input order: in this process when ``workers`` is 1, in
    ``workers`` processes otherwise (``keep_doc`` needs the Doc, so only in this process)."""
    if workers <= 1:
        yield from run_serial(items, rules=rules, timeout=timeout, keep_doc=keep_doc)
        return
    if keep_doc:
        raise ValueError("keep_doc=True needs workers=1: a spaCy Doc stays in the process that made it")
    with Pool(workers, rules=rules, timeout=timeout, chunk_size=chunk_size, start_method=start_method) as pool:
        yield from pool.imap(items)
