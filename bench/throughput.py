"""Throughput and memory of the extractor against underthesea baselines, on one corpus.

    python bench/throughput.py                 # N=2000 articles, memory on 200 and 2000
    python bench/throughput.py --n 500 --ner-sample 40 --memory-n 50     # a quick look

On the same generated corpus (bench/corpus.py: paragraphs of samples/ recombined, numbers
varied) it measures, in one run:
  (a) bare underthesea word_tokenize over every sentence,
  (b) underthesea ner over every sentence (on a subsample: it is slow; rates are per article
      and per character, so they compare directly),
  (c) the full extractor, 1 worker (in this process),
  (d) the full extractor, 2 workers (worker processes),
then the ratios c/a, c/b, d/c, and the peak memory (RSS high-water mark of a `vngov extract
--workers 1` child process, from os.wait4) on N and on 10xN articles.
Targets: c/a >= 0.5, c/b >= 10, d/c >= 1.7, peak(10N) <= 1.1 x peak(N).
Sentences for (a) and (b) come from underthesea sent_tokenize over each paragraph, outside the
timed part. Model loading is outside every timed part except (d)'s worker start-up.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import articles  # noqa: E402


class _Clock:
    """Wall-clock and CPU time of this process (CPU time does not count time lost to other
    programs on a busy machine; the single-process ratios use it)."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def _rate(n_articles: int, n_chars: int, clock: _Clock, cpu: bool = True) -> dict:
    return {"articles": n_articles, "chars": n_chars, "seconds": clock.wall,
            "cpu": clock.cpu if cpu else None,
            "art_s": n_articles / clock.wall, "char_s": n_chars / clock.wall,
            "cpu_char_s": n_chars / clock.cpu if cpu else None}


def sentences_of(texts: list[str]) -> list[list[str]]:
    from underthesea import sent_tokenize

    out = []
    for text in texts:
        sents = []
        for para in text.split("\n"):
            if para.strip():
                sents.extend(s for s in sent_tokenize(para) if s.strip())
        out.append(sents)
    return out


def _per_sentence(fn, sents: list[list[str]], n_chars: int) -> dict:
    fn("Khởi động mô hình.")  # the model loads outside the timed part
    with _Clock() as clock:
        for article in sents:
            for s in article:
                fn(s)
    return _rate(len(sents), n_chars, clock)


def bench_word_tokenize(sents: list[list[str]], n_chars: int) -> dict:
    from underthesea import word_tokenize

    return _per_sentence(word_tokenize, sents, n_chars)


def bench_ner(sents: list[list[str]], n_chars: int) -> dict:
    from underthesea import ner

    return _per_sentence(ner, sents, n_chars)


def bench_extractor(corpus: list[dict], workers: int) -> dict:
    from extractor import extract_many
    from extractor.parallel import loaded_nlp

    loaded_nlp()
    n_chars = sum(len(a["text"]) for a in corpus)
    import resource

    errors = 0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with _Clock() as clock:
        for r in extract_many(corpus, workers=workers):
            errors += r.status != "ok"
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    res = _rate(len(corpus), n_chars, clock, cpu=workers == 1)
    res["errors"] = errors
    res["parent_cpu"] = clock.cpu
    res["workers_cpu"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return res


def stage_costs(texts: list[str], sents: list[list[str]]) -> tuple[float, dict[str, float]]:
    """CPU seconds of word_tokenize over these articles' sentences, and of each pipeline step
    (make_doc = normalise + segment + build the Doc, then every stage) over the articles."""
    from underthesea import word_tokenize

    from extractor.parallel import loaded_nlp

    nlp = loaded_nlp()
    t = time.process_time()
    for article in sents:
        for s in article:
            word_tokenize(s)
    wt = time.process_time() - t
    costs: dict[str, float] = {}
    for text in texts:
        with nlp.memory_zone():
            t = time.process_time()
            doc = nlp.make_doc(text)
            costs["make_doc"] = costs.get("make_doc", 0.0) + time.process_time() - t
            for name, proc in nlp.pipeline:
                t = time.process_time()
                doc = proc(doc)
                costs[name] = costs.get(name, 0.0) + time.process_time() - t
    return wt, costs


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallel_capacity(workers: int, n: int = 8_000_000) -> float:
    """How much faster ``workers`` processes of pure arithmetic finish ``workers`` equal jobs
    than one process does: the most that ``workers`` extractor processes can gain right now on
    this machine (other programs may hold cores)."""
    import multiprocessing as mp

    t = time.perf_counter()
    for _ in range(workers):
        _burn(n)
    serial = time.perf_counter() - t
    t = time.perf_counter()
    with mp.get_context("fork").Pool(workers) as pool:
        pool.map(_burn, [n] * workers)
    return serial / (time.perf_counter() - t)


def peak_memory(n: int, workdir: Path) -> tuple[int, float]:
    """(peak RSS in MB, seconds) of `vngov extract --workers 1` over n generated articles."""
    path = workdir / f"corpus-{n}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for a in articles(n, seed=11):
            fh.write(json.dumps(a, ensure_ascii=False) + "\n")
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "extract", str(path), "-o", os.devnull,
                             "--workers", "1", "--quiet"], cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"extractor child failed with status {proc.returncode}")
    return usage.ru_maxrss // 1024, time.perf_counter() - t  # ru_maxrss is in KB on Linux


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="articles in the corpus (>= 2000 for the report)")
    ap.add_argument("--ner-sample", type=int, default=100, help="articles that (b) runs ner over")
    ap.add_argument("--memory-n", type=int, default=200, help="N for the memory measure (and 10xN)")
    ap.add_argument("--workers", type=int, default=2, help="workers for (d)")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--stage-sample", type=int, default=200, help="articles for the per-stage costs (0: skip)")
    args = ap.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # progress shows in a log file too

    corpus = list(articles(args.n))
    texts = [a["text"] for a in corpus]
    n_chars = sum(len(t) for t in texts)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"corpus: {len(corpus)} articles, {n_chars} characters "
          f"({n_chars / len(corpus):.0f} per article), from {ROOT / 'samples'}; cores: {os.cpu_count()}")
    sents = sentences_of(texts)
    print(f"sentences: {sum(len(s) for s in sents)} (underthesea sent_tokenize, not timed)")

    res = {}
    res["a"] = bench_word_tokenize(sents, n_chars)
    k = min(args.ner_sample, len(corpus))
    res["b"] = bench_ner(sents[:k], sum(len(t) for t in texts[:k]))
    res["c"] = bench_extractor(corpus, 1)
    capacity = [parallel_capacity(args.workers)]
    res["d"] = bench_extractor(corpus, args.workers)
    capacity.append(parallel_capacity(args.workers))

    labels = {"a": "underthesea word_tokenize, every sentence",
              "b": f"underthesea ner, every sentence of {k} articles",
              "c": "full extractor, 1 worker",
              "d": f"full extractor, {args.workers} workers"}
    print(f"\n{'':3} {'what':48} {'articles':>8} {'wall s':>8} {'articles/s':>10} {'chars/s':>9}"
          f" {'CPU s':>8} {'CPU chars/s':>11}")
    for key in "abcd":
        r = res[key]
        cpu = f" {r['cpu']:8.2f} {r['cpu_char_s']:11.0f}" if r["cpu"] else f" {'-':>8} {'-':>11}"
        print(f"({key}) {labels[key]:48} {r['articles']:8d} {r['seconds']:8.2f} {r['art_s']:10.2f}"
              f" {r['char_s']:9.0f}{cpu}")
    if k < len(corpus):
        print(f"(b) ran on {k} of the {len(corpus)} articles; rates are per article and per character "
              f"of that subsample (the whole corpus would take about "
              f"{res['b']['seconds'] * n_chars / res['b']['chars']:.0f} s)")
    ratios = {
        "c/a": (res["c"]["cpu_char_s"] / res["a"]["cpu_char_s"], res["c"]["char_s"] / res["a"]["char_s"], 0.5),
        "c/b": (res["c"]["cpu_char_s"] / res["b"]["cpu_char_s"], res["c"]["char_s"] / res["b"]["char_s"], 10.0),
        "d/c": (None, res["d"]["char_s"] / res["c"]["char_s"], 1.7),
    }
    print("\nratios of characters/s (c/a and c/b on CPU time, one process each; d/c on wall time)")
    for name, (cpu_value, wall_value, target) in ratios.items():
        value = cpu_value if cpu_value is not None else wall_value
        extra = f"  (wall-clock: {wall_value:.2f})" if cpu_value is not None else ""
        print(f"{name} = {value:6.2f}   target >= {target:g}: {'met' if value >= target else 'NOT met'}{extra}")
    d = res["d"]
    print(f"(d) CPU: workers {d['workers_cpu']:.1f} s, parent {d['parent_cpu']:.1f} s (c: {res['c']['cpu']:.1f} s "
          f"in one process); the {args.workers} workers had {d['workers_cpu'] / d['seconds']:.2f} cores busy on "
          f"average out of {os.cpu_count()}")
    print(f"control: {args.workers} processes of pure arithmetic ran {capacity[0]:.2f}x (before d) and "
          f"{capacity[1]:.2f}x (after d) as fast as one: what {args.workers} workers could gain at that time")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"(other programs on the machine lower the wall-clock figures, d above all)")
    print(f"errors: c {res['c']['errors']}, d {res['d']['errors']}")

    if args.stage_sample:
        k = min(args.stage_sample, len(corpus))
        wt, costs = stage_costs(texts[:k], sents[:k])
        total = sum(costs.values())
        print(f"\nwhere the time goes (CPU, {k} articles), in units of word_tokenize's time W = {wt:.2f} s:")
        for name, sec in sorted(costs.items(), key=lambda kv: -kv[1]):
            print(f"  {name:24} {sec:7.2f} s  {sec / wt:5.2f} W")
        print(f"  {'total':24} {total:7.2f} s  {total / wt:5.2f} W")

    if not args.skip_memory:
        with tempfile.TemporaryDirectory(prefix="vngov-bench-") as tmp:
            n = args.memory_n
            peak_n, sec_n = peak_memory(n, Path(tmp))
            peak_10n, sec_10n = peak_memory(10 * n, Path(tmp))
        ratio = peak_10n / peak_n
        print(f"\npeak RSS, `vngov extract --workers 1`: N={n}: {peak_n} MB ({sec_n:.0f} s); "
              f"10N={10 * n}: {peak_10n} MB ({sec_10n:.0f} s)")
        print(f"peak(10N)/peak(N) = {ratio:.3f}   (target <= 1.1: {'met' if ratio <= 1.1 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
