"""``vngov eval``: the same figures as the project's scorer (../shared/eval/score.py), and the
per-article differences for review."""
from __future__ import annotations

import contextlib
import functools
import importlib.util
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cli
from extractor.api import Article, process
from extractor.evaluate import CATEGORIES, evaluate, norm_name, norm_number, norm_title

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "000_89987b1a15d4823c"
SEED_TEXT = ROOT / "samples" / f"{SEED_ID}.txt"


def _shared() -> Path | None:
    # CI keeps shared/ beside the checkout; a worktree of the checkout sits one level deeper
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "eval" / "score.py").is_file():
            return base / "shared"
    return None


SHARED = _shared()
SCORE_PY = SHARED / "eval" / "score.py" if SHARED else None
needs_scorer = pytest.mark.skipif(SCORE_PY is None, reason="../shared/eval/score.py is not beside the checkout")


GOLD_DIR = ROOT / "tests" / "gold"


def seed_gold() -> Path | None:
    for in_repo in (GOLD_DIR / f"{SEED_ID}.json", ROOT / "samples" / "gold" / f"{SEED_ID}.json"):
        if in_repo.is_file():
            return in_repo
    if SHARED and (SHARED / "eval" / "seed_gold.json").is_file():
        return SHARED / "eval" / "seed_gold.json"
    return None


def run_score_py(gold: Path, pred: Path, as_json: bool = True) -> str:
    args = [sys.executable, str(SCORE_PY), "--gold", str(gold), "--pred", str(pred)]
    return subprocess.run(args + (["--json"] if as_json else []), capture_output=True, text=True,
                          check=True).stdout


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def seed_pred(nlp, tmp_path_factory) -> Path:
    result = process(Article(text=SEED_TEXT.read_text(encoding="utf-8"), id=SEED_ID), nlp)
    path = tmp_path_factory.mktemp("seed") / "pred.jsonl"
    path.write_text(json.dumps(result.to_dict(), ensure_ascii=False) + "\n", encoding="utf-8")
    return path


# --- the seed: same figures as score.py ----------------------------------------------------

@needs_scorer
def test_seed_json_summary_equals_score_py(seed_pred, capsys):
    gold = seed_gold()
    expected = json.loads(run_score_py(gold, seed_pred))
    code, out, _ = run_cli(["eval", "--gold", str(gold), "--pred", str(seed_pred), "--json"])
    assert code == 0
    assert json.loads(out) == expected
    assert expected["categories"]["percentages"]["ngold"] > 0  # the seed really was scored


@needs_scorer
def test_seed_table_equals_score_py(seed_pred):
    gold = seed_gold()
    code, out, _ = run_cli(["eval", "--gold", str(gold), "--pred", str(seed_pred)])
    assert out == run_score_py(gold, seed_pred, as_json=False)


@pytest.mark.skipif(seed_gold() is None, reason="no seed gold in samples/gold or ../shared/eval")
def test_extract_and_score_in_one_go(seed_pred, tmp_path):
    gold = seed_gold()
    saved = tmp_path / "pred.jsonl"
    # "--gold GOLD INPUT": the article after the gold file is run, not read as gold
    code, one_go, _ = run_cli(["eval", "--gold", str(gold), str(SEED_TEXT), "--json",
                               "--write-pred", str(saved)])
    assert code == 0
    code, from_file, _ = run_cli(["eval", "--gold", str(gold), "--pred", str(seed_pred), "--json"])
    assert json.loads(one_go) == json.loads(from_file)
    assert json.loads(saved.read_text(encoding="utf-8"))["id"] == SEED_ID


@needs_scorer
@pytest.mark.skipif(not GOLD_DIR.is_dir(), reason="no tests/gold folder")
def test_all_samples_same_figures_as_score_py(nlp, tmp_path):
    """Every sample article with gold: the folder of gold files, scored both ways."""
    from extractor.api import extract_many
    from extractor.readers import iter_articles

    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        for result in extract_many(iter_articles([str(ROOT / "samples")])):
            fh.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    expected = json.loads(run_score_py(GOLD_DIR, pred))
    code, out, _ = run_cli(["eval", "--gold", str(GOLD_DIR), "--pred", str(pred), "--json"])
    assert json.loads(out) == expected
    assert expected["articles"] == len(list(GOLD_DIR.glob("*.json"))) > 1


# --- the same rules as score.py on any input ------------------------------------------------

NAMES = ["Nguyễn Minh Sơn", "đồng chí Nguyễn Minh Sơn", "Ông Trần Văn Hòa", "Trần Văn Hoà",
         "Lê Thị Thủy", "bà Lê Thị Thuỷ", ""]
TITLES = ["TUV", "Tỉnh ủy viên", "Bí thư Huyện ủy", "Bí thư HU", "Chủ tịch UBND huyện",
          "PCT UBND huyện", "đ/c Bí thư Huyện uỷ", "Phó Chủ tịch Ủy ban nhân dân huyện"]


def _with_optional(items: list[dict]) -> list[dict]:
    return items + [{**d, "optional": True} for d in items]


PERIODS = [("2020-01-01", "2020-09-30"), ("2020-10-01", "2020-12-31"), (None, None)]
# (gold items, predicted items) per category: small pools with the cases the rules tell apart
POOLS: dict[str, tuple[list[dict], list[dict]]] = {
    "dates": (_with_optional([{"value": v} for v in ["2020-10-14", "2020-06-20", "XXXX-03-01", None, ""]]),
              [{"value": v} for v in ["2020-10-14", "2020-06-20", "XXXX-03-01", None, ""]]),
    "periods": (_with_optional([{"start": s, "end": e} for s, e in PERIODS]),
                [{"start_date": s, "end_date": e} for s, e in PERIODS] + [{"start": "2020-01-01", "end": "2020-09-30"}]),
    "percentages": (_with_optional([{"value": v} for v in [90, 96.9, 1.29, None]]),
                    [{"value": v} for v in [90, 90.0, 96.9, "96.9", 1.29, 1.29004, 1.2901, None, "abc"]]),
    "money": (_with_optional([{"amount": a, "currency": c} for a in [30000000000, 995000000, None]
                              for c in ["VND", None, "USD"]]),
              [{"amount": a, "currency": c} for a in [30000000000, 3e10, 995000000.4, 995000000.6, None]
               for c in ["VND", "vnd", None, "USD"]]),
    "documents": (_with_optional([{"number": n} for n in ["13-NQ/HU", "1234/QĐ-UBND", None]]),
                  [{"number": n} for n in ["13-NQ/HU", "13 - NQ/HU", "13-nq/hu", "45-CT/TW", "1234/QĐ-UBND",
                                           "1234/QD-UBND", None, ""]]),
    "officials": ([{"name": n, "titles": t} for n in NAMES for t in [[]] + [[x] for x in TITLES]],
                  [{"name": n, "titles": t} for n in NAMES for t in [[]] + [[x] for x in TITLES] + [TITLES[:2]]]),
    "meetings": (_with_optional([{"kind": k, "date": d, "chair": c} for k in ["kỳ họp", "hội nghị"]
                                 for d in [None, "2020-10-14"] for c in [None, "Nguyễn Minh Sơn"]]),
                 [{"kind": k, "date": d, "chair": c} for k in ["Kỳ họp", "kỳ họp", "hội nghị"]
                  for d in [None, "2020-10-14", "2020-10-15"]
                  for c in [None, "đồng chí Nguyễn Minh Sơn", "Lê Thị Thủy"]]),
    "indicators": ([{"name": n, "value": v, "unit": u}
                    for n in ["thu ngân sách nhà nước trên địa bàn", "tỷ lệ hộ nghèo", ""]
                    for v in [30000000000, 1.29, None] for u in ["VND", "%", None]],
                   [{"name": n, "value": v, "unit": u}
                    for n in ["thu ngân sách nhà nước", "thu ngân sách", "tỷ lệ hộ nghèo", ""]
                    for v in [30000000000, 30100000000, 30200000000, 1.29, 1.2964, 1.2965, None]
                    for u in ["VND", "vnd", "%", None]]),
}


def _articles(side: int, max_size: int = 3):
    return st.fixed_dictionaries({cat: st.lists(st.sampled_from(pools[side]), max_size=max_size)
                                  for cat, pools in POOLS.items()})


gold_article = _articles(0)
pred_article = st.tuples(_articles(1), st.sampled_from(["ok", "ok", "ok", "error"])).map(
    lambda t: {**t[0], "status": t[1]})
corpus = st.lists(st.tuples(gold_article, st.one_of(st.none(), pred_article)), min_size=1, max_size=3)


@functools.lru_cache(maxsize=1)
def _score_module():
    # the test, not the package, reads the shared scorer
    spec = importlib.util.spec_from_file_location("shared_score", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_scorer
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus)
def test_same_figures_as_score_py_on_generated_articles(pairs):
    score = _score_module()
    gold = {f"a{i}": {"id": f"a{i}", **g} for i, (g, _) in enumerate(pairs)}
    pred = {f"a{i}": {"id": f"a{i}", **p} for i, (_, p) in enumerate(pairs) if p is not None}
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir = Path(tmp) / "gold"
        gold_dir.mkdir()
        for aid, g in gold.items():
            (gold_dir / f"{aid}.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
        pred_path = Path(tmp) / "pred.jsonl"
        pred_path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pred.values()),
                             encoding="utf-8")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            score.main(["--gold", str(gold_dir), "--pred", str(pred_path), "--json"])
    expected = json.loads(out.getvalue())
    summary, diffs = evaluate(gold, pred)
    assert json.loads(json.dumps(summary)) == expected
    check_diffs_add_up(summary, diffs)


@needs_scorer
@pytest.mark.parametrize("cat", list(POOLS))
def test_every_pair_of_items_scores_like_score_py(cat):
    """Exhaustively: one gold item against one predicted item, every combination of the pools."""
    score = _score_module()
    gold_items, pred_items = POOLS[cat]
    cats = {"officials": ("officials", "titles"), "meetings": ("meetings", "meeting_chair")}.get(cat, (cat,))
    for g in gold_items:
        for p in pred_items:
            gold, pred = {"x": {"id": "x", cat: [g]}}, {"x": {"id": "x", cat: [p]}}
            tallies = {c: score.Tally() for c in score.CATS}
            score.score_article(gold["x"], pred["x"], tallies)
            ours = evaluate(gold, pred)[0]["categories"]
            for c in cats:
                assert tuple(ours[c][k] for k in ("tp", "npred", "ngold")) == tallies[c].row()[3:], (c, g, p)


def check_diffs_add_up(summary: dict, diffs: list[dict]) -> None:
    """Each category's differences are exactly what the counts say is missing and spurious."""
    for cat in CATEGORIES:
        tp = npred = ngold = missed = spurious = 0
        for d in diffs:
            c = d["categories"][cat]
            tp, npred, ngold = tp + c["tp"], npred + c["npred"], ngold + c["ngold"]
            missed += len(c.get("missed", c.get("wrong", [])))
            spurious += len(c.get("spurious", c.get("wrong", [])))
        row = summary["categories"][cat]
        assert (tp, npred, ngold) == (row["tp"], row["npred"], row["ngold"]), cat
        assert missed == ngold - tp, cat
        assert spurious == npred - tp, cat


# --- the matching rules, case by case -------------------------------------------------------

def _f1(gold: dict, pred: dict, cat: str) -> tuple[int, int, int]:
    row = evaluate({"x": {"id": "x", **gold}}, {"x": {"id": "x", **pred}})[0]["categories"][cat]
    return row["tp"], row["npred"], row["ngold"]


MATCH_CASES = [
    # (category, gold, pred, (tp, npred, ngold)): why
    ("dates", [{"value": "2020-10-14"}], [{"value": "2020-10-14", "text": "Ngày 14/10"}], (1, 1, 1)),
    ("dates", [{"value": "2020-10-14"}], [{"value": "2020-10-15"}], (0, 1, 1)),
    ("dates", [{"value": "2020-10-14", "optional": True}], [{"value": "2020-10-14"}], (0, 0, 0)),
    ("dates", [{"value": "2020-10-14"}], [{"value": None}], (0, 0, 1)),  # no key: not counted
    ("periods", [{"start": "2020-01-01", "end": "2020-09-30"}],
     [{"start_date": "2020-01-01", "end_date": "2020-09-30"}], (1, 1, 1)),
    ("percentages", [{"value": 96.9}], [{"value": "96.90"}], (1, 1, 1)),
    ("percentages", [{"value": 5}, {"value": 5}], [{"value": 5}], (1, 1, 2)),  # multiset
    ("money", [{"amount": 30000000000, "currency": "VND"}], [{"amount": 3e10}], (1, 1, 1)),  # VND default
    ("money", [{"amount": 2000000, "currency": "USD"}], [{"amount": 2000000, "currency": "VND"}], (0, 1, 1)),
    ("documents", [{"number": "13-NQ/HU"}], [{"number": "13 - NQ/HU"}], (1, 1, 1)),
    ("documents", [{"number": "1234/QĐ-UBND"}], [{"number": "1234/qd-ubnd"}], (1, 1, 1)),
    ("officials", [{"name": "Nguyễn Minh Sơn", "titles": []}], [{"name": "đồng chí Nguyễn Minh Sơn"}], (1, 1, 1)),
    ("officials", [{"name": "Trần Văn Hòa", "titles": []}], [{"name": "Trần Văn Hoà"}], (1, 1, 1)),
    ("titles", [{"name": "A B", "titles": ["TUV", "Bí thư Huyện ủy"]}],
     [{"name": "A B", "titles": ["Tỉnh uỷ viên", "Bí thư HU", "Bí thư Huyện uỷ"]}], (2, 2, 2)),
    ("meetings", [{"kind": "kỳ họp", "date": "2020-10-14"}], [{"kind": "Kỳ họp", "date": "2020-10-14"}], (1, 1, 1)),
    ("meetings", [{"kind": "kỳ họp", "date": "2020-10-14"}], [{"kind": "kỳ họp", "date": None}], (0, 1, 1)),
    ("meetings", [{"kind": "kỳ họp"}], [{"kind": "kỳ họp", "date": "2020-10-14"}], (1, 1, 1)),
    ("meeting_chair", [{"kind": "kỳ họp", "chair": "Nguyễn Minh Sơn"}],
     [{"kind": "kỳ họp", "chair": "Đồng chí Nguyễn Minh Sơn"}], (1, 1, 1)),
    # value 0.33 % off and 5 of the 8 gold syllables: a match
    ("indicators", [{"name": "thu ngân sách nhà nước trên địa bàn", "value": 30000000000, "unit": "VND"}],
     [{"name": "thu ngân sách nhà nước", "value": 30100000000, "unit": "VND"}], (1, 1, 1)),
    # 3 of 8 syllables: less than half, not a match
    ("indicators", [{"name": "thu ngân sách nhà nước trên địa bàn", "value": 30000000000, "unit": "VND"}],
     [{"name": "thu ngân sách", "value": 30000000000, "unit": "VND"}], (0, 1, 1)),
    ("indicators", [{"name": "tỷ lệ hộ nghèo", "value": 1.29, "unit": "%"}],
     [{"name": "tỷ lệ hộ nghèo", "value": 1.3, "unit": "%"}], (0, 1, 1)),  # 0.8 % off
]


@pytest.mark.parametrize("cat,gold,pred,expected", MATCH_CASES)
def test_matching_rules(cat, gold, pred, expected):
    field = {"titles": "officials", "meeting_chair": "meetings"}.get(cat, cat)
    assert _f1({field: gold}, {field: pred}, cat) == expected


@pytest.mark.parametrize("text,normalised", [
    ("TUV", "tỉnh uỷ viên"),
    ("Bí thư HU", "bí thư huyện uỷ"),
    ("đ/c Chủ tịch UBND huyện", "chủ tịch uỷ ban nhân dân huyện"),
    ("PCT HĐND tỉnh", "phó chủ tịch hội đồng nhân dân tỉnh"),
])
def test_titles_are_compared_with_abbreviations_expanded(text, normalised):
    assert norm_title(text) == normalised


@pytest.mark.parametrize("text,normalised", [
    ("Đồng chí Nguyễn Minh Sơn", "nguyễn minh sơn"),
    ("ông  Trần Văn Hòa", "trần văn hoà"),
    ("Bà Lê Thị Thủy", "lê thị thuỷ"),
])
def test_names_are_compared_without_honorifics(text, normalised):
    assert norm_name(text) == normalised


def test_document_numbers_ignore_spaces_and_case():
    assert norm_number("1234 / QĐ-UBND") == norm_number("1234/qđ-ubnd") == "1234/QD-UBND"


# --- differences for review -----------------------------------------------------------------

GOLD = {"id": "huyen/ky-hop 1", "percentages": [{"value": 84.3}, {"value": 17}],
        "money": [{"amount": 995000000, "currency": "VND"}],
        "officials": [{"name": "Nguyễn Minh Sơn", "titles": ["TUV", "Bí thư Huyện ủy"]}],
        "meetings": [{"kind": "kỳ họp", "date": "2020-10-14", "chair": "Nguyễn Minh Sơn"}]}
PRED = {"schema": 1, "id": "huyen/ky-hop 1", "status": "ok",
        "percentages": [{"text": "84,3%", "value": 84.3, "span": [10, 15]}, {"text": "8,9%", "value": 8.9}],
        "money": [], "officials": [{"name": "Nguyễn Minh Sơn", "titles": ["Bí thư Huyện uỷ", "Chủ tịch"]}],
        "meetings": [{"kind": "kỳ họp", "date": "2020-10-14", "chair": "Trần Văn Hòa"}]}


@pytest.fixture
def diff_inputs(tmp_path):
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(PRED, ensure_ascii=False) + "\n", encoding="utf-8")
    return gold, pred


def test_diff_file_lists_missed_and_spurious_items(diff_inputs, tmp_path):
    gold, pred = diff_inputs
    target = tmp_path / "review" / "diff.json"
    code, _, err = run_cli(["eval", "--gold", str(gold), "--pred", str(pred), "--diff", str(target)])
    assert code == 0 and "differences of 1 articles" in err
    [art] = json.loads(target.read_text(encoding="utf-8"))
    cats = art["categories"]
    assert art["id"] == "huyen/ky-hop 1"
    assert cats["percentages"]["missed"] == [{"value": 17}]
    assert cats["percentages"]["spurious"] == [{"text": "8,9%", "value": 8.9}]
    assert cats["money"]["missed"] == [{"amount": 995000000, "currency": "VND"}]
    assert cats["titles"]["missed"] == [{"official": "Nguyễn Minh Sơn", "title": "tỉnh uỷ viên"}]
    assert cats["titles"]["spurious"] == [{"official": "Nguyễn Minh Sơn", "title": "chủ tịch"}]
    assert cats["meeting_chair"]["wrong"] == [{"kind": "kỳ họp", "date": "2020-10-14",
                                               "gold": "Nguyễn Minh Sơn", "predicted": "Trần Văn Hòa"}]
    assert cats["dates"] == {"tp": 0, "npred": 0, "ngold": 0, "missed": [], "spurious": []}


def test_diff_folder_has_one_safe_file_per_article(diff_inputs, tmp_path):
    gold, pred = diff_inputs
    folder = tmp_path / "review"
    run_cli(["eval", "--gold", str(gold), "--pred", str(pred), "--diff", str(folder)])
    files = list(folder.iterdir())
    assert len(files) == 1 and files[0].parent == folder
    assert "/" not in files[0].name and files[0].name.endswith(".json")
    assert json.loads(files[0].read_text(encoding="utf-8"))["id"] == "huyen/ky-hop 1"


def test_missing_and_failed_articles_are_reported(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    for aid in ("a", "b", "c"):
        (gold / f"{aid}.json").write_text(json.dumps({"id": aid, "percentages": [{"value": 1}]}), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"id": "a", "status": "ok", "percentages": [{"value": 1}]}) + "\n" +
                    json.dumps({"id": "b", "status": "error", "error": "boom"}) + "\n", encoding="utf-8")
    code, out, _ = run_cli(["eval", "--gold", str(gold), "--pred", str(pred), "--json"])
    summary = json.loads(out)
    assert summary["missing_or_error"] == ["b", "c"]
    assert summary["categories"]["percentages"]["tp"] == 1 and summary["categories"]["percentages"]["ngold"] == 3


@pytest.mark.parametrize("content,message", [
    ('{"id": "x",\n "dates": [}', "gold.json:2: invalid JSON"),
    ('[{"id": "x"}]', 'gold.json: a gold file is one JSON object with an "id"'),
])
def test_a_bad_gold_file_is_named(tmp_path, content, message):
    gold = tmp_path / "gold.json"
    gold.write_text(content, encoding="utf-8")
    pred = tmp_path / "p.jsonl"
    pred.write_text("", encoding="utf-8")
    code, _, err = run_cli(["eval", "--gold", str(gold), "--pred", str(pred)])
    assert code == 2 and message in err


def test_pred_and_inputs_together_are_refused(diff_inputs):
    gold, pred = diff_inputs
    code, _, err = run_cli(["eval", "--gold", str(gold), "--pred", str(pred), str(SEED_TEXT)])
    assert code == 2 and "not both" in err
