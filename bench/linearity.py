"""Does processing time grow linearly with input size on adversarial text?

    python bench/linearity.py                    # every family, 50/100/150/200 KB
    python bench/linearity.py --family digit_run --family ngay_run --repeat 3

For each adversarial family (tests/adversarial_inputs.py) the whole pipeline runs on 50, 100,
150 and 200 KB of it. Printed per family: CPU seconds at each size, the ratio t(200)/t(50)
(about 4 when linear, about 16 when quadratic) and the stage whose own ratio is the largest
(the tokenizer "segment" or a pipeline component), so a super-linear pattern is easy to find.
CPU time (not wall time) so that other processes on the machine disturb the figures less,
and Python's garbage collector paused while timing (a collection costs whichever stage
happens to trigger it, which made single stages look super-linear when they were not).
"""
from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from adversarial_inputs import FAMILIES, KB, build  # noqa: E402

WARM_UP = ("Ngày 14/10/2020, Hội nghị Ban Chấp hành Đảng bộ huyện do đồng chí Nguyễn Văn An, "
           "Bí thư Huyện ủy chủ trì; thu ngân sách đạt 30 tỷ đồng, tăng 5% so với cùng kỳ.")

# A stage slower than this at 200 KB is too fast to judge: its ratio is noise.
MIN_JUDGED_SECONDS = 0.05


def time_stages(nlp, text: str, repeat: int) -> dict[str, float]:
    """Best-of-``repeat`` CPU seconds per stage ("segment" = the tokenizer)."""
    best: dict[str, float] = {}
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            t0 = time.process_time()
            doc = nlp.make_doc(text)
            times = {"segment": time.process_time() - t0}
            for name, proc in nlp.pipeline:
                t0 = time.process_time()
                doc = proc(doc)
                times[name] = time.process_time() - t0
        finally:
            gc.enable()
        del doc
        for k, v in times.items():
            best[k] = min(best.get(k, v), v)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--family", action="append", choices=sorted(FAMILIES), help="only these families")
    ap.add_argument("--sizes", default="50,100,150,200", help="sizes in KB (1 KB = 1024 characters)")
    ap.add_argument("--repeat", type=int, default=1, help="best of N runs per size")
    args = ap.parse_args(argv)

    from extractor import get_nlp

    nlp = get_nlp()
    nlp(WARM_UP)  # models and gazetteers load on first use: not part of any size's time
    sizes = [int(s) for s in args.sizes.split(",")]
    names = args.family or list(FAMILIES)
    head = " ".join(f"{s:>6}KB" for s in sizes)
    print(f"{'family':<22} {'aims at':<12} {head}  ratio  worst stage (ratio)")
    suspicious = []
    for name in names:
        per_size = [time_stages(nlp, build(name, s * KB), args.repeat) for s in sizes]
        totals = [sum(t.values()) for t in per_size]
        ratio = totals[-1] / max(totals[0], 1e-9)
        worst, worst_ratio = "-", 0.0
        for stage in per_size[-1]:
            if per_size[-1][stage] < MIN_JUDGED_SECONDS:
                continue
            r = per_size[-1][stage] / max(per_size[0][stage], 1e-9)
            if r > worst_ratio:
                worst, worst_ratio = stage, r
        size_ratio = sizes[-1] / sizes[0]
        flag = "  <-- super-linear?" if worst_ratio > 1.6 * size_ratio else ""
        if flag:
            suspicious.append(name)
        cells = " ".join(f"{t:>7.2f}s" for t in totals)
        print(f"{name:<22} {FAMILIES[name][0]:<12} {cells}  {ratio:5.1f}  {worst} ({worst_ratio:.1f}){flag}",
              flush=True)
    print(f"\nlinear growth means ratio ~ {sizes[-1] / sizes[0]:.0f}; "
          f"{len(suspicious)} famil{'y' if len(suspicious) == 1 else 'ies'} flagged"
          + (f": {', '.join(suspicious)}" if suspicious else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
