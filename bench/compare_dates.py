#!/usr/bin/env python3
"""Dates found by vngov-extractor and by dateparser, scored against the samples' gold dates.

    python bench/compare_dates.py [--gold tests/gold ...] [--samples samples] [--errors]

For every gold file (``tests/gold/*.json`` and ``samples/gold/*.json`` by default; pass other
files or folders with ``--gold``) the article text is ``<samples>/<id>.txt``. Both systems read the same raw text:

- vngov-extractor: the full pipeline, no metadata (it reads the publication date from the
  article's own dateline);
- dateparser: ``search_dates(text, languages=["vi"])``, given the gold publication date as
  ``RELATIVE_BASE`` so that a day written without a year gets the same year ours would
  (an advantage we grant it; without it, it uses today's date).

Dates are compared as score.py compares them: the multiset of ISO values per article
(optional gold items neither help nor hurt). Periods are scored for vngov-extractor only
(dateparser has no notion of a period).
"""
from __future__ import annotations

import argparse
import datetime as dt
import glob
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load_gold(paths: list[str]) -> list[dict]:
    files: list[str] = []
    for p in paths:
        files += sorted(glob.glob(os.path.join(p, "*.json"))) if os.path.isdir(p) else [p]
    out = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            out.append(json.load(fh))
    return out


def match(gold_items: list[dict], pred_keys: list, key) -> tuple[int, int, int]:
    """(true positives, predictions, gold) with score.py's multiset rule for optional items."""
    pool = Counter(k for k in pred_keys if k is not None)
    npred = sum(pool.values())
    tp = ngold = 0
    for g in sorted(gold_items, key=lambda g: bool(g.get("optional"))):
        k = key(g)
        if pool[k] > 0:
            pool[k] -= 1
            if g.get("optional"):
                npred -= 1
            else:
                tp += 1
                ngold += 1
        elif not g.get("optional"):
            ngold += 1
    return tp, npred, ngold


class Row:
    def __init__(self, name: str):
        self.name = name
        self.tp = self.npred = self.ngold = 0
        self.seconds = 0.0
        self.wrong: list[tuple[str, str, str]] = []  # (article id, text, value)

    def add(self, counts: tuple[int, int, int]) -> None:
        self.tp += counts[0]
        self.npred += counts[1]
        self.ngold += counts[2]

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.npred if self.npred else (1.0 if not self.ngold else 0.0)
        r = self.tp / self.ngold if self.ngold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def wrong_items(gold: list[dict], preds: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The predictions left over once every gold date has taken its match: first a prediction
    of the same value whose text overlaps the gold text, else any of the same value."""
    left = list(preds)
    for g in gold:
        gt = g.get("text", "").lower()
        same = [i for i, (_, v) in enumerate(left) if v == g["value"]]
        if not same:
            continue
        close = [i for i in same if gt and (gt in left[i][0].lower() or left[i][0].lower() in gt)]
        left.pop((close or same)[0])
    return left


def run_dateparser(text: str, published: str | None) -> list[tuple[str, str]]:
    from dateparser.search import search_dates

    settings = {}
    if published:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(published)
    found = search_dates(text, languages=["vi"], settings=settings) or []
    return [(t, d.date().isoformat()) for t, d in found]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_gold = [str(d) for d in (ROOT / "tests" / "gold", ROOT / "samples" / "gold") if d.is_dir()]
    ap.add_argument("--gold", nargs="+", default=default_gold,
                    help="gold JSON files or folders (default: tests/gold and samples/gold, those that exist)")
    ap.add_argument("--samples", default=str(ROOT / "samples"), help="folder of <id>.txt articles")
    ap.add_argument("--errors", action="store_true", help="list each system's wrong dates")
    a = ap.parse_args(argv)

    golds = [g for g in load_gold(a.gold) if (Path(a.samples) / f"{g['id']}.txt").is_file()]
    if not golds:
        print(f"no gold files with a matching text in {a.samples} (looked in {', '.join(a.gold)})",
              file=sys.stderr)
        return 2

    from extractor.api import Article, process
    from extractor.pipeline import get_nlp

    nlp = get_nlp()
    ours, theirs, periods = Row("vngov-extractor"), Row("dateparser search_dates(vi)"), Row("vngov-extractor")
    per_article = []
    for g in golds:
        text = (Path(a.samples) / f"{g['id']}.txt").read_text(encoding="utf-8")
        gold_dates = g.get("dates", [])

        res = process(Article(text=text, id=g["id"]), nlp).to_dict()
        # time the two stages alone (word segmentation is shared by every stage)
        doc = nlp.make_doc(text)
        doc._.meta["id"] = g["id"]
        t0 = time.perf_counter()
        for stage in ("vngov_dates", "vngov_periods"):
            doc = nlp.get_pipe(stage)(doc)
        ours.seconds += time.perf_counter() - t0
        mine = [(d["text"], d["value"]) for d in res["dates"]]
        c_ours = match(gold_dates, [v for _, v in mine], lambda d: d["value"])
        ours.add(c_ours)
        ours.wrong += [(g["id"], t, v) for t, v in wrong_items(gold_dates, mine)]
        periods.add(match(g.get("periods", []), [(p["start_date"], p["end_date"]) for p in res["periods"]],
                          lambda p: (p.get("start"), p.get("end"))))

        t0 = time.perf_counter()
        dp = run_dateparser(text, g.get("published"))
        theirs.seconds += time.perf_counter() - t0
        c_dp = match(gold_dates, [v for _, v in dp], lambda d: d["value"])
        theirs.add(c_dp)
        theirs.wrong += [(g["id"], t, v) for t, v in wrong_items(gold_dates, dp)]
        per_article.append((g["id"], c_ours, c_dp))

    print(f"Dates against the gold of {len(golds)} sample article(s)"
          f" ({ours.ngold} gold dates, scored by ISO value as score.py does)\n")
    head = f"{'system':<30}{'pred':>6}{'tp':>6}{'gold':>6}{'precision':>11}{'recall':>8}{'F1':>7}{'seconds':>9}"
    print(head)
    print("-" * len(head))
    for row in (ours, theirs):
        p, r, f = row.prf()
        print(f"{row.name:<30}{row.npred:>6}{row.tp:>6}{row.ngold:>6}{p:>11.3f}{r:>8.3f}{f:>7.3f}{row.seconds:>9.2f}")
    p, r, f = periods.prf()
    print("(seconds: vngov-extractor = its dates and periods stages on the segmented text;"
          " dateparser = search_dates)")
    print(f"\nPeriods (vngov-extractor only): pred {periods.npred}, tp {periods.tp}, gold {periods.ngold},"
          f" precision {p:.3f}, recall {r:.3f}, F1 {f:.3f}")

    print(f"\n{'article':<42}{'ours tp/pred/gold':>20}{'dateparser tp/pred/gold':>26}")
    for aid, c1, c2 in per_article:
        print(f"{aid:<42}{'/'.join(map(str, c1)):>20}{'/'.join(map(str, c2)):>26}")

    if a.errors:
        for row in (ours, theirs):
            print(f"\n{row.name}: {len(row.wrong)} dates not in the gold")
            for aid, t, v in row.wrong:
                print(f"  {aid}: {t!r} -> {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
