"""Tidy tables: to_frames, CSV/Parquet writers (round trip with the documented dtypes),
formula-safe CSV cells, the CLI's --format csv/parquet."""
from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

import extractor
from extractor.api import Article, process
from extractor.tables import (COLUMNS, FORMULA_STARTS, TABLES, TableWriter, dtypes, neutralise,
                              read_csv_table, read_tables, restore, to_frames)

BUDGET = ("Năm 2023, thu ngân sách nhà nước trên địa bàn đạt trên 30 tỷ đồng, đạt 84,3% dự toán "
          "huyện giao, đạt 88,6% dự toán tỉnh giao, tăng 47% so với cùng kỳ.\n\n"
          "Kim ngạch xuất khẩu ước đạt 2,1 triệu USD, giảm 4,5% so với cùng kỳ.")
HOSTILE = ("- Thu ngân sách xã đạt 4,5 tỷ đồng, vượt 12% dự toán.\n\n"
           "=HYPERLINK(\"http://x\") trồng mới 520 ha rừng tập trung.")


@pytest.fixture(scope="module")
def results(nlp):
    arts = [Article(text=BUDGET, id="a1", published="2023-10-15", title="Kỳ họp HĐND huyện"),
            Article(text=HOSTILE, id="@a2", published="2023-10-16", title="=1+1",
                    url="+http://example.invalid/x", source="-cmd|' /C calc'!A0"),
            Article(text=None, id="a3")]
    return [process(a, nlp) for a in arts]


def test_to_frames_columns_and_dtypes(results):
    frames = extractor.to_frames(results)
    assert set(frames) == set(TABLES)
    for table, df in frames.items():
        assert list(df.columns) == [c for c, _, _ in COLUMNS[table]]
        for col, dtype in dtypes(table).items():
            assert str(df[col].dtype) == dtype, (table, col)
    arts = frames["articles"]
    assert list(arts["article_id"]) == ["a1", "@a2", "a3"]
    assert list(arts["status"]) == ["ok", "ok", "error"]
    assert arts.loc[0, "n_indicators"] == 2


def test_comparisons_flattened(results):
    ind = extractor.to_frames(results)["indicators"]
    budget = ind[ind["name"] == "thu ngân sách nhà nước trên địa bàn"].iloc[0]
    assert budget["value"] == 30e9 and budget["unit"] == "VND" and budget["qualifier"] == "trên"
    assert budget["pct_of_plan"] == 84.3 and budget["pct_of_plan_base"] == "dự toán huyện giao"
    assert budget["change_pct"] == 47.0 and budget["change_base"] == "cùng kỳ"
    rest = json.loads(budget["comparisons"])
    assert [(c["relation"], c["value"], c["base"]) for c in rest] == [("of_plan", 88.6, "dự toán tỉnh giao")]
    export = ind[ind["unit"] == "USD"].iloc[0]
    assert export["change_pct"] == -4.5  # a decrease is negative
    assert pd.isna(export["pct_of_plan"])
    assert (ind["article_id"] == "a1").sum() == 2 and list(ind["indicator_index"][:2]) == [0, 1]


def test_to_frames_accepts_dicts_and_empty():
    frames = to_frames([])
    assert all(len(df) == 0 for df in frames.values())
    assert str(frames["indicators"]["value"].dtype) == "float64"
    d = {"id": "x", "status": "ok", "money": [{"text": "5 tỷ đồng", "span": [0, 9], "amount": 5e9,
                                               "currency": "VND", "qualifier": None, "per": None}]}
    money = to_frames([d])["money"]
    assert money.loc[0, "amount"] == 5e9 and money.loc[0, "span_end"] == 9


@pytest.mark.parametrize("bom", [False, True])
def test_csv_round_trip(results, tmp_path, bom):
    with TableWriter(tmp_path, "csv", bom=bom, chunk_size=1) as w:
        w.write_all(results)
    raw = (tmp_path / "indicators.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == bom
    expected = to_frames(results)
    back = read_tables(tmp_path)
    assert set(back) == set(TABLES)
    for table in TABLES:
        pd.testing.assert_frame_equal(back[table], expected[table], check_dtype=True), table
    # plain pandas reads it too (UTF-8), with the header written once for three chunks
    plain = pd.read_csv(tmp_path / "articles.csv", encoding="utf-8-sig")
    assert len(plain) == 3


def test_parquet_round_trip(results, tmp_path):
    with TableWriter(tmp_path, "parquet", chunk_size=2) as w:
        w.write_all(results)
    expected = to_frames(results)
    for table in TABLES:
        back = pd.read_parquet(tmp_path / f"{table}.parquet")
        pd.testing.assert_frame_equal(back, expected[table], check_dtype=True)


def test_csv_cells_cannot_run_as_formula(results, tmp_path):
    with TableWriter(tmp_path, "csv") as w:
        w.write_all(results)
    seen_neutralised = set()
    numeric = {c for t in TABLES for c, dt, _ in COLUMNS[t] if dt != "string"}
    for table in TABLES:
        with open(tmp_path / f"{table}.csv", encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            for row in reader:
                for col, cell in row.items():
                    if col in numeric or not cell:
                        continue
                    assert not cell.startswith(FORMULA_STARTS), (table, col, cell)
                    if cell.startswith("'"):
                        seen_neutralised.add(cell[1])
    # the hostile texts of the fixture did reach the files, neutralised
    assert {"=", "+", "-", "@"} <= seen_neutralised
    arts = read_csv_table(tmp_path / "articles.csv")
    assert list(arts["title"])[1] == "=1+1" and list(arts["article_id"])[1] == "@a2"
    # numbers stay numbers: a negative change is written as -4.5, not '-4.5
    with open(tmp_path / "indicators.csv", encoding="utf-8", newline="") as fh:
        changes = [r["change_pct"] for r in csv.DictReader(fh) if r["change_pct"]]
    assert "-4.5" in changes


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'=x", "''+x", "'plain",
                                  "plain", "", "a=b"])
def test_neutralise_restore(cell):
    out = neutralise(cell)
    assert not out.startswith(FORMULA_STARTS)
    assert restore(out) == cell


def test_cli_tables(tmp_path):
    import cli

    src = tmp_path / "in"
    src.mkdir()
    (src / "b1.txt").write_text(BUDGET, encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["extract", str(src), "--format", "csv", "--bom", "-o", str(out), "--quiet"]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    assert (out / "money.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    ind = read_csv_table(out / "indicators.csv")
    assert list(ind["article_id"]) == ["b1", "b1"]
    outp = tmp_path / "outp"
    assert cli.main(["extract", str(src), "--format", "parquet", "-o", str(outp), "--quiet"]) == 0
    assert len(pd.read_parquet(outp / "indicators.parquet")) == 2
    assert cli.main(["extract", str(src), "--format", "csv", "--quiet"]) == 2  # needs -o DIR


def test_docs_list_every_column():
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "tables.md").read_text(encoding="utf-8")
    for table, cols in COLUMNS.items():
        assert f"### {table}" in doc
        for col, dtype, _ in cols:
            assert f"| `{col}` | {dtype} |" in doc, (table, col)
