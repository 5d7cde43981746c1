"""Real-page audit 3, round 3: the year of an undated day in a text with no publication date
(target years, reviewed years) and lists of months each with its own year. Sentences are our
own, written to the same patterns."""
import pytest


def _periods(out):
    return [(p["text"], p["start_date"], p["end_date"]) for p in out["periods"]]


def _dates(out):
    return [(d["text"], d["value"]) for d in out["dates"]]


@pytest.mark.parametrize("text,expected", [
    # a target year ("tầm nhìn đến năm 2035") is never the year of the event
    ("Sáng 20/12, Bộ Y tế tổng kết hoạt động năm 2023 của Đề án y tế cơ sở giai đoạn 2021-2025, "
     "tầm nhìn đến năm 2035.", [("Sáng 20/12", "2023-12-20")]),
    ("Chiều 14/11, tỉnh công bố Quy hoạch thời kỳ 2021-2030, tầm nhìn đến năm 2050, "
     "sau khi thẩm định xong hồ sơ năm 2023.", [("Chiều 14/11", "2023-11-14")]),
    ("Ngày 3/6, hội thảo bàn về mục tiêu đến năm 2030 của ngành.\n\nNăm 2024, ngành đạt 8 chỉ tiêu.",
     [("Ngày 3/6", "2024-06-03")]),
    ("Sáng 6/5, tỉnh công bố quy hoạch định hướng đến năm 2050.", [("Sáng 6/5", "XXXX-05-06")]),
    # the end of a span is taken only when nothing else is written
    ("Sáng 2/10, xã khởi công đường liên thôn, dự kiến xong đến năm 2026.\n\n"
     "Năm 2024, xã làm mới 9 km đường.", [("Sáng 2/10", "2024-10-02")]),
    ("Ngày 11/4, xã giao chỉ tiêu trồng rừng đến năm 2027.", [("Ngày 11/4", "2027-04-11")]),
    # a year under review: its review meets at the year's end or just after it
    ("Sáng nay (8/1), Công an tỉnh tổng kết công tác năm 2023 và triển khai nhiệm vụ năm 2024.",
     [("Sáng nay (8/1)", "2024-01-08")]),
    ("Chiều 27/12, Hội Nông dân huyện tổng kết công tác năm 2023.", [("Chiều 27/12", "2023-12-27")]),
    ("Ngày 15/2, Ban Dân vận tổng kết năm 2022 và ký kết chương trình phối hợp.",
     [("Ngày 15/2", "2023-02-15")]),
    # a year that is no review stays as written
    ("Sáng 9/1, huyện giao nhiệm vụ năm 2024 cho các xã.", [("Sáng 9/1", "2024-01-09")]),
])
def test_year_of_an_undated_day_without_publication(run, text, expected):
    assert _dates(run(text)) == expected


def test_publication_date_still_wins(run):
    out = run("Sáng 8/1, Sở Nội vụ tổng kết công tác năm 2023.", published="2024-01-09")
    assert _dates(out) == [("Sáng 8/1", "2024-01-08")]


@pytest.mark.parametrize("text,expected", [
    ("Doanh thu lữ hành các tháng 11, 12/2023 và 1/2024 phục hồi rõ.",
     [("tháng 11", "2023-11-01", "2023-11-30"), ("12/2023", "2023-12-01", "2023-12-31"),
      ("1/2024", "2024-01-01", "2024-01-31")]),
    ("Giá lúa tháng 12/2022 và tháng 1/2023 đều giảm.",
     [("tháng 12/2022", "2022-12-01", "2022-12-31"), ("tháng 1/2023", "2023-01-01", "2023-01-31")]),
    ("Trong tháng 10 và 11/2021, 2/2022, xã cấp 40 giấy chứng nhận.",
     [("tháng 10", "2021-10-01", "2021-10-31"), ("11/2021", "2021-11-01", "2021-11-30"),
      ("2/2022", "2022-02-01", "2022-02-28")]),
    # a full date after the list is a date, not another month
    ("Số liệu tháng 11/2023 và ngày 5/1/2024 được cập nhật.",
     [("tháng 11/2023", "2023-11-01", "2023-11-30")]),
])
def test_months_each_with_its_own_year(run, text, expected):
    assert _periods(run(text)) == expected
