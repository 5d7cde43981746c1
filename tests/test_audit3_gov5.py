"""Patterns left open after the fourth meetings/officials audit, checked on sentences written
for these tests; people and places are invented.

- a meeting of several days ("trong 2 ngày 10 và 11/7", "từ ngày 3 đến 5/9") dates from its
  first day, not from the day written nearest to the meeting's name;
- a heading in capitals tells no names from words: a family name inside a long run of
  capitals that goes on after the would-be name is no person ("… PHÁT ĐỘNG THI ĐUA …").
"""
from __future__ import annotations

import pytest

SEVERAL_DAYS = [
    ("Trong 2 ngày 14 và 15.7, HĐND huyện Kim Sơn tổ chức Kỳ họp thứ 9.", "kỳ họp", "2023-07-14"),
    ("Từ ngày 3 đến 5/9, Ban Chấp hành Đảng bộ tỉnh tổ chức Hội nghị lần thứ 12.", "hội nghị", "2023-09-03"),
    # two days that are no range: the day nearest the meeting's name
    ("Sau đợt khảo sát ngày 2/3, sáng 9/3 UBND huyện tổ chức hội nghị sơ kết.", "hội nghị", "2023-03-09"),
]


@pytest.mark.parametrize("text,kind,date", SEVERAL_DAYS)
def test_meeting_of_several_days_dates_from_its_first_day(run, text, kind, date):
    meetings = run(text, published="2023-12-01")["meetings"]
    assert [(m["kind"], m["date"]) for m in meetings] == [(kind, date)]


@pytest.mark.parametrize("published,held", [("2023-09-04", False), ("2023-09-06", True)])
def test_meeting_of_several_days_is_reported_once_it_is_over(run, published, held):
    # dated from the first day, but still going on (so not yet a held meeting) until the last
    text = "Theo kế hoạch, từ ngày 3 đến 5/9, các tổ đại biểu HĐND tỉnh tiếp xúc cử tri tại các huyện."
    meetings = run(text, published=published)["meetings"]
    assert [(m["date"], m["status"]) for m in meetings] == ([("2023-09-03", "held")] if held else [])


CAPITAL_HEADINGS = [
    # no person: a family name ("Thi", "Lý", "Hồ") inside a shouted heading that goes on
    ("KẾ HOẠCH THỰC HIỆN CHỈ THỊ CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ VIỆC PHÁT ĐỘNG THI ĐUA HOÀN THÀNH "
     "THẮNG LỢI NHIỆM VỤ NĂM 2024", []),
    ("THÔNG BÁO KẾT LUẬN CỦA CHỦ TỊCH UBND TỈNH VỀ VIỆC ĐẨY MẠNH PHONG TRÀO THI ĐUA LAO ĐỘNG "
     "SẢN XUẤT NĂM 2025", []),
    # a name that ends the heading is still one
    ("Ý KIẾN CỦA PHÓ CHỦ TỊCH UBND TỈNH LƯƠNG VĂN KHẢI", ["LƯƠNG VĂN KHẢI"]),
    ("Chủ tịch UBND tỉnh Hoàng Đức Thạnh chủ trì cuộc họp.", ["Hoàng Đức Thạnh"]),
]


@pytest.mark.parametrize("text,names", CAPITAL_HEADINGS)
def test_capital_heading_names(run, text, names):
    assert [o["name"] for o in run(text)["officials"]] == names
