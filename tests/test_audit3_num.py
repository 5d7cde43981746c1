"""Budget-report date and period patterns found on real pages (audit 3), on sentences
written for these tests: a day after a point-in-time phrase ("tính đến 30/9"), a bare month
count that a cumulative word or an estimate marks as the reporting period ("lũy kế 8 tháng",
"thu nội địa 4 tháng ước đạt"), and the report's year read from "so với cùng kỳ năm 2021"."""
from __future__ import annotations

import pytest


def _dates(out):
    return [(d["text"], d["value"]) for d in out["dates"]]


def _periods(out):
    return [(p["text"], p["start_date"], p["end_date"]) for p in out["periods"]]


# (sentence, published, [(date text, value)])
POINT_DATES = [
    ("Tính đến 31/10, vốn đầu tư công đã giải ngân 1.870 tỷ đồng.", "2023-11-06",
     [("31/10", "2023-10-31")]),
    ("Thu ngân sách đến thời điểm 25/9 ước đạt 68% dự toán.", "2022-10-01",
     [("25/9", "2022-09-25")]),
    ("Kể từ 1/7, mức lương cơ sở tăng lên 1,8 triệu đồng/tháng.", "2023-06-20",
     [("1/7", "2023-07-01")]),
    ("Tính đến hết 30/6 năm nay, tỉnh đã phân bổ toàn bộ kế hoạch vốn.", "2024-07-03",
     [("30/6", "2024-06-30")]),
    # no publication date: the nearest written year
    ("Tính đến 15/5, huyện Mường Lát giải ngân 42% kế hoạch vốn năm 2021.", None,
     [("15/5", "2021-05-15")]),
    # a ratio or a fraction is not a date, even after these phrases' neighbours
    ("Tính đến nay, 17/19 xã đã hoàn thành chỉ tiêu thu.", "2023-10-05", []),
    ("Hiện tại 12/15 dự án đã được giải ngân trên 60% kế hoạch.", "2023-10-05", []),
]


@pytest.mark.parametrize("text,published,expected", POINT_DATES, ids=[t[:40] for t, _, _ in POINT_DATES])
def test_point_cue_dates(run, text, published, expected):
    assert _dates(run(text, published=published)) == expected


# (sentence, published, [(period text, start, end)])
YEAR_TO_DATE = [
    ("Lũy kế 5 tháng, tổng chi ngân sách địa phương đạt 36,2% dự toán.", "2023-06-03",
     [("Lũy kế 5 tháng", "2023-01-01", "2023-05-31")]),
    ("Luỹ kế 11 tháng, thu tiền sử dụng đất giảm 18% so với cùng kỳ.", "2023-12-04",
     [("Luỹ kế 11 tháng", "2023-01-01", "2023-11-30")]),
    ("Tính chung 10 tháng, số thu từ xổ số kiến thiết vượt dự toán.", "2022-11-02",
     [("Tính chung 10 tháng", "2022-01-01", "2022-10-31")]),
    ("Chi thường xuyên 3 tháng ước đạt 21,4% dự toán.", "2024-04-01",
     [("3 tháng", "2024-01-01", "2024-03-31")]),
    # a January text about the year just closed keeps the publication year (no roll-back
    # for a period that starts in January)
    ("Tổng thu ngân sách 12 tháng ước thực hiện 14.300 tỷ đồng.", "2023-12-28",
     [("12 tháng", "2023-01-01", "2023-12-31")]),
    # durations stay durations
    ("Sau 6 tháng ước tính chi phí vận hành tăng 10%.", "2023-07-01", []),
    ("Gói thầu thi công trong 8 tháng, tổng mức đầu tư 12 tỷ đồng.", "2023-07-01", []),
    ("Trẻ em dưới 6 tháng tuổi được cấp thẻ bảo hiểm y tế miễn phí.", "2023-07-01", []),
    ("Khoản vay kỳ hạn 9 tháng có lãi suất 5,2%/năm.", "2023-07-01", []),
]


@pytest.mark.parametrize("text,published,expected", YEAR_TO_DATE, ids=[t[:40] for t, _, _ in YEAR_TO_DATE])
def test_year_to_date_periods(run, text, published, expected):
    assert _periods(run(text, published=published)) == expected


def test_same_period_base_year_gives_the_reported_year(run):
    # no publication date; the only year written is the comparison base 2021
    text = ("Lũy kế 9 tháng, thu nội địa ước đạt 71% dự toán, tăng 6,3% so với cùng kỳ năm 2021.\n\n"
            "Tính đến 30/9, vốn đầu tư công giải ngân được 2.415 tỷ đồng.")
    out = run(text)
    assert ("Lũy kế 9 tháng", "2022-01-01", "2022-09-30") in _periods(out)
    assert _dates(out) == [("30/9", "2022-09-30")]


def test_written_year_still_wins_over_base_year(run):
    # a year written in the date's own sentence comes first
    text = ("Thu ngân sách tăng 4% so với cùng kỳ năm 2021.\n\n"
            "Tính đến 30/11, kế hoạch vốn năm 2023 giải ngân được 80%.")
    assert _dates(run(text)) == [("30/11", "2023-11-30")]


def _money(out):
    return [(m["text"], m["amount"], m["currency"], m.get("per")) for m in out["money"]]


# (sentence, [(money text, amount, currency, per)])
BARE_BILLIONS = [
    ("Đến cuối tháng 9, huyện Tam Nông giải ngân 412 tỷ, đạt 61% kế hoạch vốn.",
     [("412 tỷ", 412000000000, "VND", None)]),
    ("Ngân sách trung ương chi trả nợ lãi khoảng 87 nghìn tỉ.",
     [("khoảng 87 nghìn tỉ", 87000000000000, "VND", None)]),
    ("Bình quân mỗi tháng tỉnh thu ngân sách 520 tỷ/tháng.",
     [("520 tỷ/tháng", 520000000000, "VND", "tháng")]),
    ("Kinh phí hỗ trợ năm nay (1.150 tỷ) được phân bổ sớm.",
     [("1.150 tỷ", 1150000000000, "VND", None)]),
    # a currency after the scale word keeps the usual reading
    ("Vốn ODA giải ngân 1,2 tỷ USD, thu ngân sách 2 tỷ và 3,5 tỷ đồng.",
     [("1,2 tỷ USD", 1200000000, "USD", None), ("2 tỷ", 2000000000, "VND", None),
      ("3,5 tỷ đồng", 3500000000, "VND", None)]),
    # no budget word on the line: a count, not money
    ("Dân số thế giới đã vượt 8 tỷ.", []),
    # a noun after the scale word: not money
    ("Tổng sản lượng điện thu về đạt 3,1 tỷ kWh, vốn đầu tư lớn.", []),
    ("Vốn vay tăng, số lượt giao dịch thu phí không dừng đạt 1,3 tỷ lượt.", []),
]


@pytest.mark.parametrize("text,expected", BARE_BILLIONS, ids=[t[:40] for t, _ in BARE_BILLIONS])
def test_bare_billions_are_dong_in_budget_text(run, text, expected):
    assert _money(run(text, published="2023-10-05")) == expected
