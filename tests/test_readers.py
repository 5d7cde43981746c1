"""Readers: every format (and gzipped), field mapping, stdin, metadata carried through, broken
records named by file and line, duplicate ids flagged, streaming (nothing read ahead)."""
from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
from pathlib import Path

import pytest

from extractor.readers import (FieldMap, iter_articles, read_csv, read_json, read_jsonl, read_parquet,
                               read_path)

ROWS = [
    {"id": 101, "text": "Ngày 14/10, HĐND huyện khai mạc kỳ họp thứ 12. Tổng thu ngân sách đạt 30 tỷ đồng.",
     "title": "Khai mạc kỳ họp thứ 12 HĐND huyện", "published": "2020-10-15",
     "url": "https://huyen.example.gov.vn/tin/101"},
    {"id": "bt-102", "text": "Tỷ lệ hộ nghèo giảm còn 2,1%; diện tích lúa đạt 3.772 ha.",
     "title": "Kinh tế 9 tháng", "published": "2021-09-30", "url": None},
    {"id": 103.0, "text": "UBND xã tổ chức hội nghị tổng kết công tác năm 2022.\nĐã kết nạp 26 đảng viên mới.",
     "title": None, "published": None, "url": None},
]


def _ids(arts):
    return [a.id for a in arts]


def _write_jsonl(path: Path, rows, gz: bool = False) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


@pytest.mark.parametrize("name,gz", [("dump.jsonl", False), ("dump.jsonl.gz", True), ("dump.ndjson", False)])
def test_jsonl_carries_text_and_metadata(tmp_path, name, gz):
    path = _write_jsonl(tmp_path / name, ROWS, gz)
    arts = list(iter_articles([str(path)]))
    assert _ids(arts) == ["101", "bt-102", "103"]  # numbers as strings, 103.0 -> "103"
    assert arts[0].text == ROWS[0]["text"]
    assert (arts[0].title, arts[0].published, arts[0].url) == (
        "Khai mạc kỳ họp thứ 12 HĐND huyện", "2020-10-15", "https://huyen.example.gov.vn/tin/101")
    assert arts[0].source == f"{path}:1" and arts[2].source == f"{path}:3"
    assert all(a.error is None for a in arts)


def test_jsonl_broken_lines_named_by_file_and_line(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(
        json.dumps(ROWS[0], ensure_ascii=False) + "\n"
        "{\"id\": 7, \"text\": \"Hội nghị sơ kết\n"           # line 2: cut short
        "\n"                                                   # line 3: blank, not a record
        "[1, 2, 3]\n"                                          # line 4: not an object
        "{\"id\": 9, \"title\": \"Không có nội dung\"}\n"      # line 5: no text field
        "{\"id\": 10, \"text\": 42}\n"                         # line 6: text is a number
        + json.dumps(ROWS[1], ensure_ascii=False) + "\n", encoding="utf-8")
    arts = list(iter_articles([str(path)]))
    assert _ids(arts) == ["101", f"{path}:2", f"{path}:4", "9", "10", "bt-102"]
    assert arts[1].error.startswith(f"{path}:2: invalid JSON")
    assert arts[2].error == f"{path}:4: expected a JSON object, got an array"
    assert arts[3].error == f"{path}:5: field 'text' is missing"
    assert arts[4].error == f"{path}:6: field 'text' is a int, not text"
    assert arts[3].title == "Không có nội dung"
    assert arts[5].error is None


def test_field_mapping_and_nested_fields(tmp_path):
    rows = [{"ma_tin": "A-1", "noi_dung": "Thu ngân sách đạt 5 tỷ đồng.", "meta": {"tieu_de": "Thu ngân sách",
             "ngay": "2023-01-05", "lien_ket": "https://xa.example.gov.vn/a1"}}]
    path = _write_jsonl(tmp_path / "d.jsonl", rows)
    fields = FieldMap(text="noi_dung", id="ma_tin", title="meta.tieu_de", published="meta.ngay", url="meta.lien_ket")
    (art,) = iter_articles([str(path)], fields)
    assert (art.id, art.text, art.title, art.published, art.url) == (
        "A-1", "Thu ngân sách đạt 5 tỷ đồng.", "Thu ngân sách", "2023-01-05", "https://xa.example.gov.vn/a1")


@pytest.mark.parametrize("layout", ["pretty", "minified", "objects", "gz"])
def test_json_array_and_object_streams(tmp_path, layout):
    if layout == "pretty":
        data = json.dumps(ROWS, ensure_ascii=False, indent=2)
    elif layout == "minified":
        data = json.dumps(ROWS, ensure_ascii=False)
    else:
        data = "\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS)
    path = tmp_path / ("d.json.gz" if layout == "gz" else "d.json")
    path.write_bytes(gzip.compress(data.encode()) if layout == "gz" else data.encode())
    arts = list(iter_articles([str(path)]))
    assert _ids(arts) == ["101", "bt-102", "103"]
    assert [a.text for a in arts] == [r["text"] for r in ROWS]
    assert arts[0].published == "2020-10-15"
    if layout == "minified":  # several elements on line 1: the column tells them apart
        assert arts[0].source == f"{path}:1"
        assert arts[1].source.startswith(f"{path}:1:") and arts[1].source != arts[2].source


def test_json_array_broken_element_resynchronises(tmp_path):
    path = tmp_path / "d.json"
    path.write_text(
        '[\n'
        '{"id": "a", "text": "Thu ngân sách đạt 5 tỷ đồng."},\n'
        '{"id": "b", "text": "Hội nghị ", "title": nope},\n'        # line 3: broken
        '{"id": "c", "text": "Giải ngân đạt 84,3% kế hoạch."},\n'
        '"một chuỗi"\n'                                            # line 5: not an object
        ']\n', encoding="utf-8")
    arts = list(iter_articles([str(path)]))
    assert _ids(arts) == ["a", f"{path}:3", "c", f"{path}:5"]
    assert arts[1].error.startswith(f"{path}:3: invalid JSON")
    assert arts[3].error == f"{path}:5: expected a JSON object, got a string"


def test_json_array_truncated_file(tmp_path):
    path = tmp_path / "d.json"
    path.write_text('[{"id": "a", "text": "Đạt 96,9% kế hoạch."},\n{"id": "b", "text": "Thu ng', encoding="utf-8")
    arts = list(iter_articles([str(path)]))
    assert arts[0].id == "a" and arts[0].error is None
    assert len(arts) == 2 and arts[1].id == f"{path}:2" and "invalid JSON" in arts[1].error


def _write_csv(path: Path, header, rows, delimiter=",", gz=False) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter)
    w.writerow(header)
    w.writerows(rows)
    data = buf.getvalue().encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


@pytest.mark.parametrize("name,delimiter,gz", [("d.csv", ",", False), ("d.csv.gz", ",", True),
                                               ("d.tsv", "\t", False)])
def test_csv_rows_with_field_mapping(tmp_path, name, delimiter, gz):
    rows = [["1", "Kỳ họp thứ 12", "Ngày 14/10, HĐND huyện khai mạc kỳ họp.\nThu ngân sách đạt 30 tỷ đồng.", "2020-10-15"],
            ["2", "Nông nghiệp", "Diện tích lúa đạt 3.772 ha, bằng 96,9% kế hoạch.", ""]]
    path = _write_csv(tmp_path / name, ["ma", "tieu_de", "noi_dung", "ngay_dang"], rows, delimiter, gz)
    fields = FieldMap(text="noi_dung", id="ma", title="tieu_de", published="ngay_dang")
    arts = list(iter_articles([str(path)], fields))
    assert _ids(arts) == ["1", "2"]
    assert arts[0].text == rows[0][2] and arts[0].title == "Kỳ họp thứ 12" and arts[0].published == "2020-10-15"
    assert arts[1].published is None  # an empty cell is no value
    # the first row spans lines 2-3 (a quoted newline), so the second starts on line 4
    assert (arts[0].source, arts[1].source) == (f"{path}:2", f"{path}:4")


def test_csv_broken_rows(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("id,text\n"
                    "1,Thu ngân sách đạt 5 tỷ đồng.\n"
                    "2,\"Hội nghị\",thừa một cột\n"
                    "\n"
                    "3,\n"
                    "4,Giải ngân đạt 84%\n", encoding="utf-8")
    arts = list(iter_articles([str(path)]))
    assert _ids(arts) == ["1", f"{path}:3", "3", "4"]
    assert arts[1].error == f"{path}:3: row has 3 fields, the header has 2"
    assert (arts[2].text, arts[2].error, arts[2].source) == ("", None, f"{path}:5")  # an empty text
    assert arts[3].text == "Giải ngân đạt 84%"


def test_csv_header_without_text_column_makes_one_error_per_row(tmp_path):
    path = _write_csv(tmp_path / "d.csv", ["id", "body"], [["1", "a"], ["2", "b"]])
    arts = list(iter_articles([str(path)]))
    assert [a.error for a in arts] == [f"{path}:2: field 'text' is missing", f"{path}:3: field 'text' is missing"]


@pytest.mark.parametrize("gz", [False, True])
def test_parquet_rows(tmp_path, gz):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"article_id": [11, 12, 13], "content": [ROWS[0]["text"], None, ROWS[1]["text"]],
                      "headline": ["Kỳ họp", "Trống", None], "extra": [1.0, 2.0, 3.0]})
    path = tmp_path / "d.parquet"
    pq.write_table(table, path, row_group_size=2)
    if gz:
        gz_path = tmp_path / "d.parquet.gz"
        gz_path.write_bytes(gzip.compress(path.read_bytes()))
        path = gz_path
    fields = FieldMap(text="content", id="article_id", title="headline")
    arts = list(iter_articles([str(path)], fields))
    assert _ids(arts) == ["11", "12", "13"]
    assert arts[0].text == ROWS[0]["text"] and arts[0].title == "Kỳ họp"
    assert arts[1].error == f"{path}:2: field 'content' is missing"
    assert arts[2].source == f"{path}:3" and arts[2].title is None


def test_parquet_not_a_parquet_file(tmp_path):
    path = tmp_path / "d.parquet"
    path.write_bytes(b"PAR1 this is not really parquet")
    (art,) = iter_articles([str(path)])
    assert art.error.startswith(f"{path}: unreadable Parquet file")


PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>HĐND huyện khai mạc kỳ họp thứ 12 | Cổng thông tin huyện</title>
<meta property="og:title" content="HĐND huyện khai mạc kỳ họp thứ 12">
<meta property="og:url" content="https://huyen.example.gov.vn/tin-tuc/ky-hop-12">
<meta property="article:published_time" content="2020-10-15T08:00:00+07:00">
</head><body>
<nav><ul><li>Trang chủ</li><li>Giới thiệu</li><li>Tin tức</li></ul></nav>
<script>var luotTruyCap = 6581658; document.write("Đã truy cập: " + luotTruyCap);</script>
<article><h1>HĐND huyện khai mạc kỳ họp thứ 12</h1>
<p>Sáng ngày 14/10, Hội đồng nhân dân huyện khóa XX, nhiệm kỳ 2016 - 2021 khai mạc kỳ họp thứ 12
để đánh giá tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội 9 tháng đầu năm.</p>
<p>Theo báo cáo của UBND huyện, tổng thu ngân sách nhà nước trên địa bàn đạt trên 30 tỷ đồng,
bằng 84,3% dự toán; tỷ lệ hộ nghèo giảm còn 2,1%.</p>
<p>Kỳ họp dự kiến diễn ra trong 2 ngày, xem xét và thông qua 12 nghị quyết quan trọng.</p>
</article>
<footer>Bản quyền thuộc UBND huyện. Thống kê truy cập: 6581658</footer>
</body></html>"""


@pytest.mark.parametrize("name", ["ky-hop-12.html", "ky-hop-12.htm", "ky-hop-12.html.gz"])
def test_html_main_text_and_metadata_by_trafilatura(tmp_path, name):
    data = PAGE.encode("utf-8")
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    (art,) = iter_articles([str(path)])
    assert art.error is None and art.id == "ky-hop-12" and art.source == str(path)
    assert "tổng thu ngân sách nhà nước trên địa bàn đạt trên 30 tỷ đồng" in " ".join(art.text.split())
    assert "xem xét và thông qua 12 nghị quyết" in art.text
    for chrome in ("luotTruyCap", "Trang chủ", "Bản quyền", "document.write"):
        assert chrome not in art.text
    assert art.title == "HĐND huyện khai mạc kỳ họp thứ 12"
    assert art.published == "2020-10-15"
    assert art.url == "https://huyen.example.gov.vn/tin-tuc/ky-hop-12"
    assert art.text.startswith("HĐND huyện khai mạc kỳ họp thứ 12")


def test_html_page_without_main_text_is_an_error(tmp_path):
    path = tmp_path / "trong.html"
    path.write_text("<html><head><script>var x = 1;</script></head><body><img src='a.png'>"
                    "<script>document.write(x)</script></body></html>", encoding="utf-8")
    (art,) = iter_articles([str(path)])
    assert art.id == "trong" and art.error == f"{path}: no main text found in the HTML page"


def test_folder_recursive_sorted_skipping_hidden_and_unknown(tmp_path):
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.txt").write_text("Đạt 90% kế hoạch.", encoding="utf-8")
    (tmp_path / "b" / "ghi-chu.md").write_text("# Ghi chú\n\nThu 5 tỷ đồng.", encoding="utf-8")
    (tmp_path / "b" / "c" / "trang.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b" / "c" / "dump.jsonl.gz").write_bytes(
        gzip.compress((json.dumps(ROWS[1], ensure_ascii=False) + "\n").encode()))
    (tmp_path / "b" / "anh.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / ".git" / "x.txt").write_text("không đọc", encoding="utf-8")
    (tmp_path / ".an.txt").write_text("không đọc", encoding="utf-8")
    arts = list(iter_articles([str(tmp_path)]))
    # sorted by path: a.txt, b/c/dump.jsonl.gz, b/c/trang.html, b/ghi-chu.md
    assert _ids(arts) == ["a", "bt-102", "trang", "ghi-chu"]
    assert arts[0].text == "Đạt 90% kế hoạch." and arts[0].source == str(tmp_path / "a.txt")


def test_text_file_decoding_warnings(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + "Thu ngân sách đạt 5 tỷ đồng.".encode())
    (tmp_path / "hong.txt").write_bytes("Thu ngân sách đạt ".encode() + b"\xff\xfe" + " 5 tỷ đồng.".encode())
    bom, broken = iter_articles([str(tmp_path)])
    assert bom.text == "Thu ngân sách đạt 5 tỷ đồng." and bom.warnings == []
    assert broken.error is None and broken.text.startswith("Thu ngân sách đạt ")
    assert len(broken.warnings) == 1 and broken.warnings[0].startswith(f"{tmp_path / 'hong.txt'}: not")


def test_jsonl_line_with_bad_bytes_is_decoded_and_reported(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_bytes(b'{"id": 1, "text": "Thu ng\xc3\xa2n s\xc3ch \xff 30 t\xe1\xbb\xb7 \xc4\x91\xe1\xbb\x93ng"}\n'
                     + (json.dumps(ROWS[1], ensure_ascii=False) + "\n").encode())
    first, second = iter_articles([str(path)])
    assert first.error is None and first.text.startswith("Thu ngân s") and first.text.endswith("30 tỷ đồng")
    assert first.warnings and first.warnings[0].startswith(f"{path}:1: ")
    assert second.warnings == []


def test_stdin_is_json_lines(tmp_path):
    stream = io.BytesIO("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS[:2]).encode() + b"{oops\n")
    arts = list(iter_articles(["-"], stdin=stream))
    assert _ids(arts) == ["101", "bt-102", "<stdin>:3"]
    assert arts[1].source == "<stdin>:2" and arts[2].error.startswith("<stdin>:3: invalid JSON")


def test_stdin_with_input_format_csv():
    stream = io.BytesIO("id,text\nx1,Đạt 5 tỷ đồng.\n".encode())
    (art,) = iter_articles(["-"], fmt="csv", stdin=stream)
    assert (art.id, art.text, art.source) == ("x1", "Đạt 5 tỷ đồng.", "<stdin>:2")


def test_duplicate_ids_are_kept_and_flagged(tmp_path):
    one = _write_jsonl(tmp_path / "a.jsonl", [ROWS[0], ROWS[1], {"id": 101, "text": "Bản sao"}])
    two = _write_jsonl(tmp_path / "b.jsonl", [{"id": "101", "text": "Lần thứ ba"}])
    arts = list(iter_articles([str(one), str(two)]))
    assert _ids(arts) == ["101", "bt-102", "101", "101"]
    assert [a.duplicate_of for a in arts] == [None, None, f"{one}:1", f"{one}:1"]


def test_missing_input_and_unknown_type(tmp_path):
    odd = tmp_path / "bang.xlsx"
    odd.write_bytes(b"PK\x03\x04")
    missing = tmp_path / "khong-co.jsonl"
    arts = list(iter_articles([str(missing), str(odd)]))
    assert arts[0].error == f"{missing}: no such file or folder"
    assert arts[1].error.startswith(f"{odd}: unknown file type")


def test_ids_are_never_paths_that_get_opened(tmp_path):
    # an id that looks like a path is only a string in the output
    path = _write_jsonl(tmp_path / "d.jsonl", [{"id": "../../etc/passwd", "text": "Đạt 5%."}])
    (art,) = read_path(path)
    assert art.id == "../../etc/passwd" and art.text == "Đạt 5%."


class _EndlessLines(io.RawIOBase):
    """A stream of the same record forever, counting what was read."""

    def __init__(self, line: bytes, header: bytes = b"", prefix: bytes = b""):
        self.data = prefix + header
        self.line = line
        self.read_bytes = 0

    def readable(self):
        return True

    def readinto(self, b):
        while len(self.data) < len(b):
            self.data += self.line
        n = len(b)
        b[:n] = self.data[:n]
        self.data = self.data[n:]
        self.read_bytes += n
        return n


@pytest.mark.parametrize("kind", ["jsonl", "csv", "json"])
def test_readers_stream_without_reading_ahead(kind):
    line = (json.dumps({"id": 1, "text": "Thu ngân sách đạt 5 tỷ đồng."}, ensure_ascii=False) + "\n").encode()
    if kind == "jsonl":
        raw = _EndlessLines(line)
        arts = read_jsonl(io.BufferedReader(raw), "endless.jsonl")
    elif kind == "csv":
        raw = _EndlessLines("7,Thu ngân sách đạt 5 tỷ đồng.\n".encode(), header=b"id,text\n")
        arts = read_csv(io.BufferedReader(raw), "endless.csv")
    else:
        raw = _EndlessLines(line.replace(b"\n", b",\n"), prefix=b"[\n")
        arts = read_json(io.BufferedReader(raw), "endless.json")
    first = list(itertools.islice(arts, 1000))
    assert len(first) == 1000 and all(a.error is None for a in first)
    assert raw.read_bytes < 3 * (1 << 20)  # a couple of buffers, not the (endless) input


def test_read_parquet_reads_in_batches(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 3000
    pq.write_table(pa.table({"id": list(range(n)), "text": [f"Đạt {i} tỷ đồng." for i in range(n)]}),
                   tmp_path / "d.parquet", row_group_size=500)
    arts = read_parquet(str(tmp_path / "d.parquet"), "d.parquet", batch_size=100)
    first = list(itertools.islice(arts, 5))
    assert [a.id for a in first] == ["0", "1", "2", "3", "4"]
    assert first[4].source == "d.parquet:5"


def test_truncated_gzip_keeps_what_was_read(tmp_path):
    rows = [{"id": i, "text": f"Thu ngân sách đạt {i} tỷ đồng. " * 40} for i in range(200)]
    data = gzip.compress("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode())
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    arts = list(iter_articles([str(path)]))
    good = [a for a in arts if a.error is None]
    assert 0 < len(good) < 200 and _ids(good) == [str(i) for i in range(len(good))]
    last = arts[-1]
    assert last.id == f"{path}:end" and last.error.startswith(f"{path}: read error (EOFError")


def test_tcvn3_text_inside_a_jsonl_dump_is_converted_and_reported(tmp_path):
    from extractor.rules import load_rules
    from tests.test_decode import encode_with

    sentence = "Ngày 14/10, huyện tổ chức kỳ họp thứ nhất, thu ngân sách đạt 30 tỷ đồng."
    legacy = encode_with(load_rules()["legacy_encodings"]["tcvn3"], sentence)
    assert legacy != sentence
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps({"id": "old-1", "text": legacy}, ensure_ascii=False) + "\n", encoding="utf-8")
    [article] = list(iter_articles([str(path)]))
    assert article.text == sentence
    assert any("TCVN3" in w for w in article.warnings), article.warnings


def test_modern_text_in_a_dump_is_left_alone(tmp_path):
    path = tmp_path / "new.jsonl"
    text = "UBND xã Thanh Lâm hỗ trợ 2 tỷ đồng; nhiệt độ 25°C, diện tích 40 m²."
    path.write_text(json.dumps({"id": "n", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    [article] = list(iter_articles([str(path)]))
    assert article.text == text and article.warnings == []
