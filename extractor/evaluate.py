"""Evaluation: precision, recall and F1 per record type against the user's gold annotations.

The matching rules are those of the project's scorer (``../shared/eval/score.py``) and the
gold format is the one of its GUIDELINE.md, re-implemented here so that the installed package
needs nothing outside itself; a test checks that both give the same figures. On top of the
figures, every comparison keeps the items it could not pair, so that the differences of each
article (gold items missed, predicted items with no gold partner) can be written for review.

    summary, diffs = evaluate(load_gold(["gold/"]), load_pred("out.jsonl"))

Matching, per category:
- dates: the ISO ``value``; periods: (start, end); percentages: the value (4 decimals);
  money: (amount rounded to units, currency, VND when absent); documents: the number with
  spaces removed, "đ" read as "d", upper case. Each is a multiset match: a gold item pairs
  with at most one prediction. Gold items marked ``optional`` are never counted as missed,
  and a prediction paired with one is not counted at all.
- officials: the name (lower case, honorific dropped); titles: among the officials found in
  both, the set of titles with abbreviations expanded.
- meetings: the kind and, when gold has one, the date; meeting_chair: the chair's name among
  the meetings found.
- indicators: same unit, value within 0.5 %, and at least half of the gold name's syllables
  in the predicted name.
"""
from __future__ import annotations

import glob
import json
import os
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable

import regex

from .rules import _read_yaml, shipped_rules_dir

CATEGORIES = ["dates", "periods", "percentages", "money", "documents", "officials", "titles",
              "meetings", "meeting_chair", "indicators"]
CORE = ("dates", "percentages", "money", "officials", "meetings")
ROW_FIELDS = ["p", "r", "f1", "tp", "npred", "ngold"]


@dataclass(frozen=True)
class _Tables:
    tone_fix: tuple[tuple[str, str], ...]
    abbreviations: dict[str, str]
    honorific: Any  # compiled regex
    title_drop: tuple[str, ...]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    data = _read_yaml(shipped_rules_dir() / "evaluation.yaml")
    honorifics = "|".join(regex.escape(h) for h in data["name_honorifics"])
    return _Tables(tuple(data["tone_fix"].items()), dict(data["title_abbreviations"]),
                   regex.compile(rf"^(?:{honorifics})\s+"), tuple(data["title_drop"]))


_SPACES = regex.compile(r"\s+")
_TITLE_SPLIT = regex.compile(r"[\s,;.\-–—]+")
_WORD = regex.compile(r"\w+")


def norm(s: Any) -> str:
    """NFC, lower case, one tone-mark style, single spaces."""
    s = unicodedata.normalize("NFC", str(s or "")).lower()
    for old, new in _tables().tone_fix:
        s = s.replace(old, new)
    return _SPACES.sub(" ", s).strip()


def norm_title(s: Any) -> str:
    t = _tables()
    s = norm(s)
    for drop in t.title_drop:
        s = s.replace(drop, "")
    return " ".join(t.abbreviations.get(w, w) for w in _TITLE_SPLIT.split(s) if w)


def norm_name(s: Any) -> str:
    return _tables().honorific.sub("", norm(s), count=1)


def norm_number(s: Any) -> str:
    return _SPACES.sub("", norm(s)).replace("đ", "d").upper()


def syllables(s: Any) -> set[str]:
    return set(_WORD.findall(norm(s)))


def fnum(x: Any, nd: int = 4) -> float | None:
    try:
        return round(float(x), nd)
    except (TypeError, ValueError):
        return None


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else (1.0 if ngold == 0 else 0.0)
    r = tp / ngold if ngold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class Outcome:
    """One comparison: the counts, and the items left unpaired."""

    tp: int = 0
    npred: int = 0
    ngold: int = 0
    missed: list[Any] = field(default_factory=list)
    spurious: list[Any] = field(default_factory=list)


class Tally:
    def __init__(self) -> None:
        self.tp = self.npred = self.ngold = 0

    def add(self, outcome: Outcome) -> None:
        self.tp += outcome.tp
        self.npred += outcome.npred
        self.ngold += outcome.ngold

    def row(self) -> dict[str, float | int]:
        return dict(zip(ROW_FIELDS, prf(self.tp, self.npred, self.ngold) + (self.tp, self.npred, self.ngold)))


def match_multiset(gold_items: list[dict], pred_items: list[dict], key: Callable[[dict], Any]) -> Outcome:
    """Pair gold and predicted items with equal keys, each at most once; gold items are taken
    non-optional first. Predictions whose key is None take no part (neither hit nor miss)."""
    pool: dict[Any, list[dict]] = defaultdict(list)
    for p in pred_items:
        k = key(p)
        if k is not None:
            pool[k].append(p)
    out = Outcome(npred=sum(len(v) for v in pool.values()))
    for g in sorted(gold_items, key=lambda g: bool(g.get("optional"))):
        k = key(g)
        if pool.get(k):
            pool[k].pop(0)
            if g.get("optional"):
                out.npred -= 1
            else:
                out.tp += 1
                out.ngold += 1
        elif not g.get("optional"):
            out.ngold += 1
            out.missed.append(g)
    out.spurious = [p for items in pool.values() for p in items]
    return out


def _date_key(d: dict) -> Any:
    return str(d.get("value") or "") or None


def _period_key(d: dict) -> Any:
    return (d.get("start_date", d.get("start")), d.get("end_date", d.get("end")))


def _percent_key(d: dict) -> Any:
    return fnum(d.get("value"))


def _money_key(d: dict) -> Any:
    return (fnum(d.get("amount"), 0), norm(d.get("currency") or "VND").upper())


def _document_key(d: dict) -> Any:
    return norm_number(d.get("number")) or None


MULTISET_KEYS: dict[str, Callable[[dict], Any]] = {
    "dates": _date_key,
    "periods": _period_key,
    "percentages": _percent_key,
    "money": _money_key,
    "documents": _document_key,
}


def _officials(g: dict, p: dict) -> tuple[Outcome, Outcome]:
    gold_off = {norm_name(o["name"]): o for o in g.get("officials", [])}
    pred_off: dict[str, dict] = {}
    for o in p.get("officials") or []:
        pred_off.setdefault(norm_name(o.get("name")), o)
    hit = set(gold_off) & set(pred_off)
    names = Outcome(len(hit), len(pred_off), len(gold_off),
                    [o for n, o in gold_off.items() if n not in hit],
                    [o for n, o in pred_off.items() if n not in hit])
    titles = Outcome()
    for n in sorted(hit):
        # titles compare as sets: two spellings of one title (abbreviated or not) count once
        gt = [{"t": t} for t in dict.fromkeys(norm_title(t) for t in gold_off[n].get("titles", []))]
        pt = [{"t": t} for t in dict.fromkeys(norm_title(t) for t in pred_off[n].get("titles") or [])]
        o = match_multiset(gt, pt, lambda d: d["t"])
        titles.tp += o.tp
        titles.npred += o.npred
        titles.ngold += o.ngold
        official = gold_off[n]["name"]
        titles.missed += [{"official": official, "title": d["t"]} for d in o.missed]
        titles.spurious += [{"official": official, "title": d["t"]} for d in o.spurious]
    return names, titles


def _meetings(g: dict, p: dict) -> tuple[Outcome, Outcome]:
    preds = list(p.get("meetings") or [])
    used: set[int] = set()
    out = Outcome(npred=len(preds))
    chair = Outcome()
    for gm in g.get("meetings", []):
        found = None
        for i, pm in enumerate(preds):
            if i in used or norm(pm.get("kind")) != norm(gm.get("kind")):
                continue
            if gm.get("date") and pm.get("date") != gm["date"]:
                continue
            found = i
            break
        if found is None:
            if not gm.get("optional"):
                out.ngold += 1
                out.missed.append(gm)
            continue
        used.add(found)
        if gm.get("optional"):
            out.npred -= 1
            continue
        out.tp += 1
        out.ngold += 1
        if gm.get("chair"):
            ok = norm_name(preds[found].get("chair") or "") == norm_name(gm["chair"])
            chair.tp += int(ok)
            chair.npred += 1
            chair.ngold += 1
            if not ok:
                # a wrong chair is both a miss and a spurious answer; shown once, as "wrong"
                chair.missed.append({"kind": gm.get("kind"), "date": gm.get("date"),
                                     "gold": gm["chair"], "predicted": preds[found].get("chair")})
    out.spurious = [pm for i, pm in enumerate(preds) if i not in used]
    return out, chair


def _indicators(g: dict, p: dict) -> Outcome:
    preds = list(p.get("indicators") or [])
    used: set[int] = set()
    out = Outcome(npred=len(preds))
    for gi in g.get("indicators", []):
        gv, gu, gs = fnum(gi.get("value")), norm(gi.get("unit")), syllables(gi.get("name"))
        out.ngold += 1
        for i, pi in enumerate(preds):
            pv = fnum(pi.get("value"))
            if i in used or pv is None or gv is None or norm(pi.get("unit")) != gu:
                continue
            if abs(pv - gv) > 0.005 * max(abs(gv), 1e-9):
                continue
            if gs and len(gs & syllables(pi.get("name"))) / len(gs) < 0.5:
                continue
            used.add(i)
            out.tp += 1
            break
        else:
            out.missed.append(gi)
    out.spurious = [pi for i, pi in enumerate(preds) if i not in used]
    return out


def score_article(gold: dict, pred: dict) -> dict[str, Outcome]:
    """Every category's outcome for one article (``pred`` is {} when it is missing)."""
    out = {rtype: match_multiset(gold.get(rtype, []), pred.get(rtype) or [], key)
           for rtype, key in MULTISET_KEYS.items()}
    out["officials"], out["titles"] = _officials(gold, pred)
    out["meetings"], out["meeting_chair"] = _meetings(gold, pred)
    out["indicators"] = _indicators(gold, pred)
    return out


# What a difference shows of an item: enough to find it in the article, not the whole record.
_SHOWN = ("text", "span", "value", "start", "end", "start_date", "end_date", "amount", "currency",
          "doc_type", "number", "name", "titles", "kind", "date", "chair", "unit", "optional",
          "official", "title", "rule", "score")


def _brief(item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    return {k: item[k] for k in _SHOWN if k in item and item[k] is not None}


def article_diff(aid: str, gold: dict, pred: dict | None, outcomes: dict[str, Outcome]) -> dict:
    """The differences of one article, for a reviewer: per category, the gold items missed
    and the predicted items nothing in gold accounts for."""
    status = "missing" if pred is None else pred.get("status", "ok")
    cats = {}
    for cat in CATEGORIES:
        o = outcomes[cat]
        if cat == "meeting_chair":
            entry = {"wrong": o.missed}
        else:
            entry = {"missed": [_brief(x) for x in o.missed], "spurious": [_brief(x) for x in o.spurious]}
        cats[cat] = {"tp": o.tp, "npred": o.npred, "ngold": o.ngold, **entry}
    return {"id": aid, "status": status, "categories": cats}


def evaluate(gold: dict[str, dict], pred: dict[str, dict]) -> tuple[dict, list[dict]]:
    """The summary (same keys and figures as score.py --json) and the per-article differences."""
    tallies = {c: Tally() for c in CATEGORIES}
    missing = [i for i in gold if i not in pred or pred[i].get("status", "ok") != "ok"]
    diffs = []
    for aid, g in gold.items():
        outcomes = score_article(g, pred.get(aid, {}))
        for cat in CATEGORIES:
            tallies[cat].add(outcomes[cat])
        diffs.append(article_diff(aid, g, pred.get(aid), outcomes))
    rows = {c: tallies[c].row() for c in CATEGORIES}
    core = [rows[c]["f1"] for c in CORE]
    summary = {"articles": len(gold), "missing_or_error": missing, "categories": rows,
               "core_f1": round(sum(core) / len(core), 4)}
    return summary, diffs


def format_summary(summary: dict) -> str:
    """The table score.py prints."""
    lines = [f"{'category':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'pred':>6}{'gold':>6}"]
    for c in CATEGORIES:
        r = summary["categories"][c]
        lines.append(f"{c:<14}{r['p']:7.3f}{r['r']:7.3f}{r['f1']:7.3f}{r['tp']:6d}{r['npred']:6d}{r['ngold']:6d}")
    lines.append(f"articles {summary['articles']}, missing or error {len(summary['missing_or_error'])}")
    lines.append(f"core_f1 {summary['core_f1']:.4f}")
    return "\n".join(lines)


class GoldError(ValueError):
    """A gold file could not be read; the message names it."""


def gold_files(paths: Iterable[str]) -> list[str]:
    files: list[str] = []
    for p in paths:
        files += sorted(glob.glob(os.path.join(p, "*.json"))) if os.path.isdir(p) else [p]
    return files


def load_gold(paths: Iterable[str]) -> dict[str, dict]:
    """Gold articles by id, from JSON files and folders of them (GUIDELINE.md format)."""
    out: dict[str, dict] = {}
    for f in gold_files(paths):
        try:
            with open(f, encoding="utf-8") as fh:
                g = json.load(fh)
        except (OSError, UnicodeDecodeError) as exc:
            raise GoldError(f"{f}: {exc}") from None
        except json.JSONDecodeError as exc:
            raise GoldError(f"{f}:{exc.lineno}: invalid JSON ({exc.msg})") from None
        if not isinstance(g, dict) or "id" not in g:
            raise GoldError(f"{f}: a gold file is one JSON object with an \"id\"")
        out[g["id"]] = g
    return out


def load_pred(path: str) -> dict[str, dict]:
    """Extractor output (JSONL) by article id."""
    out: dict[str, dict] = {}
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise GoldError(f"{path}:{lineno}: invalid JSON ({exc.msg})") from None
                out[str(rec.get("id"))] = rec
    return out


def is_gold_path(path: str) -> bool:
    """A gold file (.json) or a folder holding gold files, as opposed to articles to run."""
    if os.path.isdir(path):
        return bool(glob.glob(os.path.join(path, "*.json")))
    return path.lower().endswith(".json")


def write_diffs(diffs: list[dict], target: str) -> list[str]:
    """One JSON file of every article's differences (``target`` ends in .json), or a folder
    with one file per article named from a sanitised id. Returns the paths written."""
    from .render import safe_name

    if target.lower().endswith(".json"):
        parent = os.path.dirname(target)
        if parent:
            os.makedirs(parent, exist_ok=True)
        with open(target, "w", encoding="utf-8") as fh:
            json.dump(diffs, fh, ensure_ascii=False, indent=1)
        return [target]
    os.makedirs(target, exist_ok=True)
    written = []
    for i, d in enumerate(diffs, 1):
        path = os.path.join(target, safe_name(d["id"], i) + ".json")
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(d, fh, ensure_ascii=False, indent=1)
        written.append(path)
    return written


def run_cli(args) -> int:
    """``vngov eval`` (arguments set up by cli._add_eval)."""
    import sys

    # "--gold G INPUT" reads INPUT as another gold path (--gold takes several): what is not
    # gold-like (.json file or folder of .json files) is an input to run.
    gold_paths = [g for g in args.gold if is_gold_path(g)]
    inputs = list(args.inputs) + [g for g in args.gold if not is_gold_path(g)]
    if not gold_paths:
        print("vngov eval: no gold files (.json files or folders of them) given to --gold", file=sys.stderr)
        return 2
    if bool(args.pred) == bool(inputs):
        print("vngov eval: give either --pred OUT.jsonl or articles to extract, not "
              f"{'both' if inputs else 'neither'}", file=sys.stderr)
        return 2
    try:
        gold = load_gold(gold_paths)
        if args.pred:
            pred = load_pred(args.pred)
        else:
            pred = _extract(inputs, args.rules, args.write_pred)
    except GoldError as exc:
        print(f"vngov eval: {exc}", file=sys.stderr)
        return 2
    summary, diffs = evaluate(gold, pred)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        print(format_summary(summary))
    if args.diff:
        written = write_diffs(diffs, args.diff)
        print(f"vngov eval: differences of {len(diffs)} articles written to {args.diff}"
              f" ({len(written)} file{'s' if len(written) != 1 else ''})", file=sys.stderr)
    return 0


def _extract(inputs: list[str], rules: list[str], save_to: str | None) -> dict[str, dict]:
    from .api import extract_many
    from .readers import iter_articles
    from .writers import JsonlWriter

    pred: dict[str, dict] = {}
    out = open(save_to, "w", encoding="utf-8") if save_to else None
    try:
        writer = JsonlWriter(out) if out else None
        for result in extract_many(iter_articles(inputs), rules=rules):
            data = result.to_dict()
            pred[str(data.get("id"))] = data
            if writer:
                writer.write(data)
    finally:
        if out:
            out.close()
    return pred
