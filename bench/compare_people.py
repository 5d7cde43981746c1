"""People found by underthesea's ``ner`` (PER spans) and by this extractor (officials),
scored against the gold officials of the sample articles.

    /work/venv/bin/python bench/compare_people.py [--samples samples] [--gold tests/gold samples/gold] [-v]

Gold lists officials only (named people given a title), so a PER span for a person without
a title (a farmer quoted in the article) counts against underthesea's precision: that is the
question asked here — can NER alone give the officials of an article? Names are compared
after NFC, lower case and one tone-mark style. The timing lines compare the cost of ``ner``
with the cost of the places/organisations/officials stages on the same sentences.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUR_STAGES = ("vngov_places", "vngov_organisations", "vngov_officials")


def norm(name: str) -> str:
    from extractor.rules import fold

    return " ".join(fold(name).lower().split())


def strip_rank(name: str) -> str:
    """ "TS. Lê Hoàng Nam" -> "Lê Hoàng Nam": underthesea keeps the academic rank in the span;
    drop it (and an honorific) so that it is not counted against ner."""
    from extractor.recognise.people import grammar_for
    from extractor.recognise.phrases import tokenize
    from extractor.rules import fold, load_rules

    g = grammar_for(load_rules())
    toks = tokenize(fold(name))
    i = 0
    while i < len(toks):
        hit = g.rank_at(toks, i) or g.honorifics.match(toks, i)
        if not hit:
            break
        i += hit[0]
    return name[toks[i].start:] if 0 < i < len(toks) else name


def load_gold(folders: list[Path]) -> dict[str, dict]:
    gold: dict[str, dict] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            data = json.loads(path.read_text(encoding="utf-8"))
            gold.setdefault(str(data.get("id") or path.stem), data)
    return gold


def ner_people(text: str, sentences: list[tuple[int, int]]) -> tuple[list[str], float]:
    """PER spans of underthesea ``ner`` over the article's sentences, and the time it took."""
    from underthesea import ner

    people: list[str] = []
    t0 = time.perf_counter()
    for s, e in sentences:
        current: list[str] = []
        for word, _pos, _chunk, tag in ner(text[s:e]):
            if tag == "B-PER" or (tag == "I-PER" and not current):
                if current:
                    people.append(" ".join(current))
                current = [word]
            elif tag == "I-PER":
                current.append(word)
            else:
                if current:
                    people.append(" ".join(current))
                current = []
        if current:
            people.append(" ".join(current))
    return people, time.perf_counter() - t0


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", default=str(ROOT / "samples"))
    ap.add_argument("--gold", nargs="+", default=[str(ROOT / "tests" / "gold"), str(ROOT / "samples" / "gold")])
    ap.add_argument("-v", "--verbose", action="store_true", help="list the names each side got wrong")
    a = ap.parse_args()

    from extractor import get_nlp

    nlp = get_nlp()
    gold = load_gold([Path(g) for g in a.gold])
    files = [p for p in sorted(Path(a.samples).glob("*.txt")) if p.stem in gold]
    if not files:
        print("no sample with a gold file")
        return 1
    nlp(files[0].read_text(encoding="utf-8"))  # warm up (models, gazetteer)

    from underthesea import word_tokenize

    totals = {"ner": [0, 0, 0], "ours": [0, 0, 0]}
    ner_time = our_time = wt_time = 0.0
    print(f"{'article':<32}{'gold':>5}{'ner tp/pred':>13}{'ours tp/pred':>14}")
    for path in files:
        text = path.read_text(encoding="utf-8")
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            doc = proc(doc)
            if name in OUR_STAGES:
                our_time += time.perf_counter() - t0
        gold_names = {norm(o["name"]) for o in gold[path.stem].get("officials", [])}
        ours = {norm(o["name"]) for o in doc._.records.get("officials", [])}
        ner_list, spent = ner_people(doc._.text, doc._.sentences)
        ner_time += spent
        t0 = time.perf_counter()
        for s0, e0 in doc._.sentences:
            word_tokenize(doc._.text[s0:e0])
        wt_time += time.perf_counter() - t0
        ner = {norm(strip_rank(n)) for n in ner_list}
        for key, pred in (("ner", ner), ("ours", ours)):
            tp = len(pred & gold_names)
            totals[key][0] += tp
            totals[key][1] += len(pred)
            totals[key][2] += len(gold_names)
        print(f"{path.stem:<32}{len(gold_names):>5}{len(ner & gold_names):>7}/{len(ner):<5}"
              f"{len(ours & gold_names):>8}/{len(ours):<5}")
        if a.verbose:
            for key, pred in (("ner", ner), ("ours", ours)):
                fp, fn = sorted(pred - gold_names), sorted(gold_names - pred)
                if fp or fn:
                    print(f"    {key:<5} wrong: {fp}  missed: {fn}")
    print()
    print(f"{'people':<28}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'pred':>6}{'gold':>6}")
    for key, label in (("ner", "underthesea ner (PER)"), ("ours", "vngov officials")):
        tp, npred, ngold = totals[key]
        p, r, f = prf(tp, npred, ngold)
        print(f"{label:<28}{p:7.3f}{r:7.3f}{f:7.3f}{tp:6d}{npred:6d}{ngold:6d}")
    print()
    if our_time and wt_time:
        print(f"time: underthesea ner {ner_time:.2f} s ({ner_time / wt_time:.1f}x word_tokenize); "
              f"places+organisations+officials stages {our_time:.3f} s ({our_time / wt_time:.2f}x "
              f"word_tokenize, {ner_time / our_time:.0f}x less than ner)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
