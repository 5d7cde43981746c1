"""Patterns found on real government meeting pages (audit 3), checked on sentences written for
these tests; people and places are invented.

- a body's name that holds a stop word ("Trưởng Ban chỉ đạo … phòng, chống dịch COVID-19");
- "&" between spaces inside a ministry's or department's name ("Văn hóa, Thể thao & Du lịch");
- the abbreviation "UVTƯ" (Ủy viên Trung ương) as a title;
- a visit reported with the verb ("thăm và làm việc tại tỉnh") as a buổi làm việc;
- co-chairs listed with ";" before "cùng chủ trì" / "đồng chủ trì": the chair is the first;
- "Hôm nay" / "Sáng nay" with no date: the meeting is on the published day.
"""
from __future__ import annotations

import pytest


def _official(result: dict, name: str) -> dict | None:
    return next((o for o in result["officials"] if o["name"] == name), None)


TITLES = [
    ("Ông Đặng Quốc Bảo, Phó Chủ tịch UBND tỉnh, Trưởng Ban chỉ đạo phòng, chống dịch COVID-19 tỉnh "
     "chủ trì cuộc họp.",
     "Đặng Quốc Bảo",
     ["Phó Chủ tịch Ủy ban nhân dân tỉnh", "Trưởng Ban chỉ đạo phòng, chống dịch COVID-19 tỉnh"]),
    ("Phó Thủ tướng Lưu Đức Hạnh, Trưởng Ban chỉ đạo quốc gia phòng, chống dịch COVID-19 phát biểu.",
     "Lưu Đức Hạnh",
     ["Phó Thủ tướng", "Trưởng Ban chỉ đạo quốc gia phòng, chống dịch COVID-19"]),
    ("Bộ trưởng Bộ Văn hóa, Thể thao & Du lịch Ninh Quang Khải đã thăm tỉnh Sóc Trăng.",
     "Ninh Quang Khải", ["Bộ trưởng Bộ Văn hóa, Thể thao & Du lịch"]),
    ("Bà Tô Thị Mến, Giám đốc Sở Văn hóa, Thể thao & Du lịch phát biểu tại buổi lễ.",
     "Tô Thị Mến", ["Giám đốc Sở Văn hóa, Thể thao & Du lịch"]),
    ("UVTƯ Đảng, Bí thư Tỉnh ủy Âu Minh Triết dự và phát biểu.",
     "Âu Minh Triết", ["UVTƯ Đảng", "Bí thư Tỉnh ủy"]),
]


@pytest.mark.parametrize("text,name,titles", TITLES)
def test_titles_seen_on_real_pages(run, text, name, titles):
    off = _official(run(text), name)
    assert off is not None, text
    assert off["titles"] == titles


def test_stop_word_still_ends_a_title(run):
    # "chỉ đạo" after a title that does not end in "Ban" is the verb, not part of the body
    off = _official(run("Ông Hà Văn Lực, Chủ tịch UBND huyện chỉ đạo các xã rà soát hộ nghèo."), "Hà Văn Lực")
    assert off is not None and off["titles"] == ["Chủ tịch Ủy ban nhân dân huyện"]


VISITS = [
    ("Sáng 9/5, Bộ trưởng Bộ Y tế Kha Văn Lộc dẫn đầu đoàn công tác đến thăm và làm việc tại tỉnh Kon Tum.",
     "2024-05-09"),
    ("Chiều 3/4, đoàn công tác của Tỉnh ủy thăm, làm việc tại huyện Mường Lát.", "2024-04-03"),
]


@pytest.mark.parametrize("text,date", VISITS)
def test_visit_with_verb_is_a_working_session(run, text, date):
    meetings = run(text, published="2024-06-01")["meetings"]
    assert [(m["kind"], m["date"]) for m in meetings] == [("buổi làm việc", date)]


def test_work_in_general_is_no_working_session(run):
    text = "Nhiều lao động của xã đến làm việc tại các khu công nghiệp ở Bình Dương."
    assert run(text, published="2024-06-01")["meetings"] == []


CO_CHAIRS = [
    ("Chiều 12/3, Sở Công Thương tổ chức hội nghị xúc tiến thương mại. Các đồng chí: Lý Văn Sang - "
     "Phó Chủ tịch UBND tỉnh; Kiều Thị Oanh – Giám đốc Sở Công Thương; Mạc Văn Thịnh – Phó Giám đốc "
     "Sở Công Thương cùng chủ trì hội nghị.", "Lý Văn Sang"),
    ("Sáng 2/8, hội nghị tổng kết được tổ chức tại tỉnh. Các đồng chí Từ Minh Quân, Bí thư Tỉnh ủy; "
     "Giáp Văn Hưng, Chủ tịch UBND tỉnh đồng chủ trì hội nghị.", "Từ Minh Quân"),
]


@pytest.mark.parametrize("text,chair", CO_CHAIRS)
def test_first_of_listed_co_chairs_chairs(run, text, chair):
    meetings = run(text, published="2024-09-01")["meetings"]
    assert [m["chair"] for m in meetings] == [chair]


def test_semicolon_still_ends_a_single_chairs_clause(run):
    # without a joint verb, a ";" still separates the attendees from the chair
    text = ("Sáng 4/6, UBND tỉnh tổ chức hội nghị; ông Lạc Văn Tài, Giám đốc Sở Tài chính dự; "
            "bà Đàm Thị Yến, Phó Chủ tịch UBND tỉnh chủ trì.")
    meetings = run(text, published="2024-09-01")["meetings"]
    assert [m["chair"] for m in meetings] == ["Đàm Thị Yến"]


TODAY = [
    ("Hôm nay, HĐND huyện khóa XX khai mạc kỳ họp thứ 8.", "2023-12-14", "2023-12-14"),
    ("Sáng nay, Ban Thường vụ Thành ủy tổ chức hội nghị sơ kết quý III.", "2023-10-05", "2023-10-05"),
    # no published day: nothing to take
    ("Hôm nay, HĐND huyện khóa XX khai mạc kỳ họp thứ 8.", None, None),
    # a written date wins over "Sáng nay"
    ("Sáng nay (3/10), UBND tỉnh tổ chức hội nghị trực tuyến.", "2023-10-05", "2023-10-03"),
]


@pytest.mark.parametrize("text,published,date", TODAY)
def test_today_is_the_published_day(run, text, published, date):
    meetings = run(text, published=published)["meetings"]
    assert len(meetings) == 1
    assert meetings[0]["date"] == date
