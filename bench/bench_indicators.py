"""Speed of the indicators stage against the budget: the whole pipeline within 2x bare
underthesea word_tokenize over the same sentences; the indicators stage's own share.

    /work/venv/bin/python bench/bench_indicators.py [--repeat 5]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    from underthesea import word_tokenize

    from extractor import get_nlp

    nlp = get_nlp()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    docs = [nlp(t) for t in texts]  # warm up; sentences for the baseline
    sentences = [d.text[s:e] for d in docs for s, e in d._.sentences]

    t0 = time.perf_counter()
    for _ in range(a.repeat):
        for s in sentences:
            word_tokenize(s)
    base = time.perf_counter() - t0

    stage = dict(nlp.pipeline)["vngov_indicators"]
    spent = 0.0
    t0 = time.perf_counter()
    for _ in range(a.repeat):
        for t in texts:
            doc = nlp.make_doc(t)
            for name, proc in nlp.pipeline:
                if name == "vngov_indicators":
                    s0 = time.perf_counter()
                    doc = proc(doc)
                    spent += time.perf_counter() - s0
                else:
                    doc = proc(doc)
    total = time.perf_counter() - t0
    chars = sum(len(t) for t in texts) * a.repeat
    print(f"articles {len(texts)} x {a.repeat}, {chars} chars, {len(sentences)} sentences each pass")
    print(f"word_tokenize baseline   {base:7.3f} s")
    print(f"whole pipeline           {total:7.3f} s  ({total / base:.2f}x baseline; budget 2x)")
    print(f"vngov_indicators stage   {spent:7.3f} s  ({spent / base:.2f}x baseline, "
          f"{100 * spent / total:.1f}% of the pipeline)")
    _ = stage


if __name__ == "__main__":
    main()
