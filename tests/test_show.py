"""``vngov show``: one article's records as tables (plain text off a terminal, rich in one)."""
from __future__ import annotations

import io
import json
import re

import pytest
from helpers_view import TEXT, output_record

import cli
from extractor.show import ArticleView, fmt_number, record_tables, show

ARTICLE = (
    "Huyện Tam Dương tổng kết công tác giảm nghèo\n"
    "Năm 2023, huyện đã hỗ trợ xây mới 58 nhà ở cho hộ nghèo với tổng kinh phí trên 2,9 tỷ đồng; "
    "tỷ lệ hộ nghèo giảm còn 1,85%, giảm 0,6% so với năm trước. Toàn huyện có 3.410 ha lúa "
    "được cơ giới hoá, đạt 96,5% kế hoạch.\n"
)


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "tam_duong_giam_ngheo.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def output_file(tmp_path):
    path = tmp_path / "out.jsonl"
    first = output_record("first_article")
    first["money"][0]["amount"] = 7
    with path.open("w", encoding="utf-8") as fh:
        for rec in (first, output_record("yl_2024_03")):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def rows_of(out: str, rtype: str) -> list[str]:
    """The lines of one table in plain output (header line included)."""
    lines = out.split("\n")
    start = next(i for i, l in enumerate(lines) if re.fullmatch(rf"{rtype} \(\d+\)", l))
    block = []
    for line in lines[start + 1:]:
        if not line.strip():
            break
        block.append(line)
    return block


def test_show_runs_the_pipeline_on_an_article(article_file, capsys):
    assert cli.main(["show", str(article_file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("article  tam_duong_giam_ngheo\nstatus   ok\n")
    assert "title    Huyện Tam Dương tổng kết công tác giảm nghèo" in out
    money = rows_of(out, "money")
    assert money[0].split()[:2] == ["text", "amount"]
    assert re.search(r"trên 2,9 tỷ đồng\s+2\.900\.000\.000\s+VND\s+trên\s+\d+–\d+\s+money\.amount_currency · 1\.0",
                     money[1])
    percents = rows_of(out, "percentages")
    assert [r.split()[0] for r in percents[1:]][:2] == ["1,85%", "0,6%"]
    assert any("96,5%" in r for r in percents)
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_the_span_column_points_into_the_text(article_file, capsys):
    cli.main(["show", str(article_file)])
    row = rows_of(capsys.readouterr().out, "money")[1]
    start, end = map(int, re.search(r"(\d+)–(\d+)", row).groups())
    assert ARTICLE[start:end] == "trên 2,9 tỷ đồng"


def test_show_an_output_file_by_id(output_file, capsys):
    assert cli.main(["show", str(output_file), "--id", "yl_2024_03"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^article +yl_2024_03$", out, re.M)
    assert "215.000.000.000" in out and "first_article" not in out


def test_show_the_first_article_by_default(output_file, capsys):
    assert cli.main(["show", str(output_file)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^article +first_article$", out, re.M)
    assert re.search(r"215 tỷ đồng\s+7\s+VND", out)


# Each record type's table shows what a reader needs from it, and why it was extracted.
TABLE_CASES = [
    ("officials", ["name", "titles", "as written", "mentions", "span", "why"],
     ["Trần Văn Hùng", "Huyện uỷ viên; Chủ tịch HĐND huyện", "HUV; Chủ tịch HĐND huyện", "2× Trần Văn Hùng",
      "official.name_dash_titles · 0.9"]),
    ("meetings", ["kind", "body", "term", "session", "date", "chair", "text", "span", "why"],
     ["kỳ họp", "HĐND huyện Yên Lạc", "XX", "15", "2024-03-12", "Trần Văn Hùng", "meeting.held · 0.9"]),
    ("indicators", ["name", "value", "status", "period", "place", "comparisons", "other", "span", "why"],
     ["thu ngân sách trên địa bàn", "215.000.000.000 VND", "result", "Năm 2024", "huyện Yên Lạc",
      "of_plan: bằng 112% dự toán", "verb=đạt"]),
    ("dates", ["text", "value", "span", "why"], ["Chiều 12/3/2024", "2024-03-12", "date.dmy · 1.0"]),
    ("periods", ["text", "from", "to", "granularity", "span", "why"],
     ["Năm 2024", "2024-01-01", "2024-12-31", "year"]),
    ("documents", ["doc_type", "number", "issuer", "text", "span", "why"],
     ["Nghị quyết", "05/NQ-HĐND", "HĐND", "document.type_number · 1.0"]),
    ("money", ["text", "amount", "currency", "span", "why"], ["215 tỷ đồng", "215.000.000.000", "VND"]),
    ("percentages", ["text", "value", "implicit", "span", "why"], ["112%", "no", "percent.sign · 1.0"]),
    ("quantities", ["text", "value", "unit", "span", "why"], ["1.250 ha", "1.250", "ha", "quantity.number_unit · 0.8"]),
]


@pytest.mark.parametrize("rtype,columns,cells", TABLE_CASES, ids=[c[0] for c in TABLE_CASES])
def test_each_type_has_a_readable_table(rtype, columns, cells):
    view = ArticleView(output_record(), TEXT)
    table = next(t for t in record_tables(view) if t.rtype == rtype)
    assert table.columns == columns
    for cell in cells:
        assert cell in table.rows[0], (cell, table.rows[0])


def test_tables_come_in_reading_order():
    view = ArticleView(output_record(), TEXT)
    assert [t.rtype for t in record_tables(view)] == [
        "officials", "meetings", "indicators", "dates", "periods", "documents", "money",
        "percentages", "quantities"]


def test_a_record_type_from_a_newer_stage_is_still_shown():
    rec = output_record()
    rec["projects"] = [{"name": "Cầu Yên Lạc", "budget": 120000000000, "rule": "project.x", "score": 0.5}]
    table = next(t for t in record_tables(ArticleView(rec, TEXT)) if t.rtype == "projects")
    assert table.columns == ["name", "budget", "why"]  # no span: the column is left out
    assert table.rows[0] == ["Cầu Yên Lạc", "120.000.000.000", "project.x · 0.5"]


def test_fields_a_stage_adds_are_shown_as_other():
    rec = output_record()
    rec["money"][0]["scale_words"] = "tỷ"
    table = next(t for t in record_tables(ArticleView(rec, TEXT)) if t.rtype == "money")
    assert table.rows[0][table.columns.index("other")] == "scale_words=tỷ"


def test_rich_tables_in_a_terminal():
    out = io.StringIO()
    show(ArticleView(output_record(), TEXT), out, style="rich", width=200)
    text = out.getvalue()
    assert "\x1b[" in text and "┃" in text  # colours and box drawing
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert "officials (1)" in plain and "Trần Văn Hùng" in plain
    # brackets in values are printed, not read as rich markup
    assert "meeting.held · 0.9" in plain


def test_auto_style_is_plain_off_a_terminal():
    out = io.StringIO()
    show(ArticleView(output_record(), TEXT), out)
    assert "\x1b[" not in out.getvalue() and "┃" not in out.getvalue()
    assert "officials (1)" in out.getvalue()


def test_show_reads_an_article_on_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(ARTICLE))
    assert cli.main(["show", "-"]) == 0
    out = capsys.readouterr().out
    assert "article  stdin" in out and "2.900.000.000" in out


def test_show_reads_output_jsonl_on_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(output_record(), ensure_ascii=False) + "\n"))
    assert cli.main(["show", "-", "--id", "yl_2024_03"]) == 0
    assert "Trần Văn Hùng" in capsys.readouterr().out


def test_unknown_id_is_an_error(output_file, capsys):
    assert cli.main(["show", str(output_file), "--id", "nope"]) == 2
    assert "no article with id 'nope'" in capsys.readouterr().err


def test_missing_file_is_an_error(tmp_path, capsys):
    assert cli.main(["show", str(tmp_path / "missing.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_an_article_that_failed_is_shown_with_its_error(tmp_path, capsys):
    path = tmp_path / "broken.jsonl"
    path.write_text('{"id": "x1", "text": 42}\n', encoding="utf-8")
    assert cli.main(["show", str(path)]) == 1
    out = capsys.readouterr().out
    assert "status   error" in out and "field 'text' is a int" in out


@pytest.mark.parametrize("value,shown", [
    (30000000000, "30.000.000.000"),
    (96.9, "96,9"),
    (1.29, "1,29"),
    (2033, "2.033"),
    (5023.3, "5.023,3"),
    (0.5, "0,5"),
    (-1200.25, "-1.200,25"),
    (100.0, "100"),
    (2146800000000.0002, "2.146.800.000.000"),  # float noise of 2.146,8 tỷ is not shown
    (-0.25, "-0,25"),
    (None, ""),
])
def test_numbers_are_written_the_vietnamese_way(value, shown):
    assert fmt_number(value) == shown
