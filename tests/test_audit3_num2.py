"""Real-page audit 3, round 2: periods, dates, money, percentages and units seen on fresh
government pages (budget reports, socio-economic reports, meeting news). Sentences are our
own, written to the same patterns."""
import pytest


def _periods(out):
    return [(p["text"], p["start_date"], p["end_date"]) for p in out["periods"]]


def _dates(out):
    return [(d["text"], d["value"]) for d in out["dates"]]


@pytest.mark.parametrize("text,published,expected", [
    # relative periods with no publication date have no calendar anchor
    ("Sản lượng chè búp tươi năm 2024 đạt 210 nghìn tấn, tăng 6 nghìn tấn so với năm trước.", None,
     [("năm 2024", "2024-01-01", "2024-12-31")]),
    ("Vụ hè thu năm nay toàn vùng gieo sạ được 720 nghìn ha.", None, []),
    # ... and a comparison base is no reporting period, even when it can be resolved
    ("Chỉ số giá tiêu dùng tháng 5/2023 tăng 0,3% so với tháng trước.", "2023-06-02",
     [("tháng 5/2023", "2023-05-01", "2023-05-31")]),
    ("Năng suất ngô đạt 49 tạ/ha, tương đương vụ đông năm trước.", "2023-06-02", []),
    ("Năm nay, tỉnh phấn đấu trồng mới 5.000 ha rừng.", "2023-06-02",
     [("Năm nay", "2023-01-01", "2023-12-31")]),
    # "tháng N và N tháng": both, the second from January
    ("Hội nghị đánh giá kết quả tháng 9 và 9 tháng năm 2022 của ngành công thương.", None,
     [("tháng 9", "2022-09-01", "2022-09-30"), ("9 tháng năm 2022", "2022-01-01", "2022-09-30")]),
    ("Chính phủ họp thường kỳ tháng 3/2024 để bàn tình hình tháng 3 và 3 tháng, triển khai nhiệm vụ.", None,
     [("tháng 3/2024", "2024-03-01", "2024-03-31"), ("tháng 3", "2024-03-01", "2024-03-31"),
      ("3 tháng", "2024-01-01", "2024-03-31")]),
    # a bare count after the report's month in the same paragraph, a comma glued before it
    ("Sản xuất công nghiệp tháng 6 tăng nhẹ so với tháng trước,6 tháng vẫn tăng khá.", "2021-07-08",
     [("tháng 6", "2021-06-01", "2021-06-30"), ("6 tháng", "2021-01-01", "2021-06-30")]),
    ("Tháng 6/2021 xã khởi công cầu treo, sau 6 tháng thi công cầu đã hoàn thành.", None,
     [("Tháng 6/2021", "2021-06-01", "2021-06-30")]),
    ("Nhà máy ngừng hoạt động tháng 6/2021, 6 tháng sau mới sản xuất lại.", None,
     [("tháng 6/2021", "2021-06-01", "2021-06-30")]),
    # "N tháng đạt <figure>"
    ("Theo Sở Tài chính, thu nội địa 5 tháng đạt hơn 2.100 tỷ đồng.", "2023-06-02",
     [("5 tháng", "2023-01-01", "2023-05-31")]),
    # quarters counted
    ("Tổng vốn FDI 3 quý đầu năm 2023 đạt 1,2 tỷ USD.", None, [("3 quý đầu năm 2023", "2023-01-01", "2023-09-30")]),
    # the year under other names
    ("Quyết toán ngân sách năm tài chính 2021 được thông qua.", None,
     [("năm tài chính 2021", "2021-01-01", "2021-12-31")]),
    ("Số dư tạm ứng niên độ ngân sách 2020 đã được thu hồi.", None,
     [("niên độ ngân sách 2020", "2020-01-01", "2020-12-31")]),
    # the same quarter of many years
    ("Tăng trưởng quý I thấp nhất so với quý I các năm 2015-2020.", "2020-04-05",
     [("quý I", "2020-01-01", "2020-03-31"), ("các năm 2015-2020", "2015-01-01", "2020-12-31")]),
])
def test_periods(run, text, published, expected):
    assert _periods(run(text, published=published)) == expected


def test_published_date_beats_a_comparison_year(run):
    """With a publication date, a month-count with no year takes its year, not the year of a
    'cùng kỳ năm 2022' comparison nearby."""
    out = run("Doanh thu du lịch tăng 40% so với cùng kỳ năm 2022. Trong 6 tháng đầu năm, "
              "tỉnh đón 3 triệu lượt khách.", published="2023-07-04")
    assert ("6 tháng đầu năm", "2023-01-01", "2023-06-30") in _periods(out)


@pytest.mark.parametrize("text,expected", [
    ("Hội nghị sơ kết công tác phòng dịch\n09/04/22 16:45\nSáng 9/4, Ban Chỉ đạo tỉnh họp.",
     [("09/04/22 16:45", "2022-04-09"), ("Sáng 9/4", "2022-04-09")]),
    ("Tỉnh ra quân làm thủy lợi\n02/11/23\nSáng 1/11, các huyện đồng loạt ra quân.",
     [("02/11/23", "2023-11-02"), ("Sáng 1/11", "2023-11-01")]),
])
def test_two_digit_year_dateline(run, text, expected):
    assert _dates(run(text)) == expected


def test_two_digit_year_in_running_text_is_no_date(run):
    out = run("Thôn có 15/10/21 hộ được hỗ trợ giống cây trồng.", published="2023-05-05")
    assert _dates(out) == []


@pytest.mark.parametrize("text,expected", [
    ("Tổng chi thường xuyên là 23.456 tr.đồng, bằng 97% dự toán.", [(23456000000, "VND")]),
    ("Kinh phí sửa chữa trường học 1.250 tr.đ.", [(1250000000, "VND")]),
    ("Kinh phí thực hiện 780 tr đồng.", [(780000000, "VND")]),
    ("Dự toán chi đầu tư phát triển là 3 nghìn 450 tỷ đồng.", [(3450000000000, "VND")]),
    ("Vốn đã giải ngân 7.300 tỷ đồng/9.100 tỷ đồng được giao.", [(7300000000000, "VND"), (9100000000000, "VND")]),
    ("Giá thóc 8.500 đồng/kg.", [(8500, "VND")]),
])
def test_money(run, text, expected):
    out = run(text, published="2023-05-05")
    assert [(m["amount"], m["currency"]) for m in out["money"]] == expected


@pytest.mark.parametrize("text,expected", [
    ("Ngành dệt maytăng2,15%; ngành da giàygiảm0,8%.", [2.15, 0.8]),
    ("Xuất khẩu nông sản tăng 3,4%.", [3.4]),
    ("Mã hàng A12 đạt chuẩn.", []),
])
def test_glued_percentages(run, text, expected):
    assert [p["value"] for p in run(text, published="2023-05-05")["percentages"]] == expected


@pytest.mark.parametrize("text,expected", [
    ("Bảo hiểm xã hội huyện đã cấp 8.430 thẻ bảo hiểm y tế miễn phí.", [(8430, "thẻ")]),
    ("Đến nay có 12.000 thẻ BHYT được cấp cho trẻ dưới 6 tuổi.", [(12000, "thẻ")]),
])
def test_cards_are_counted(run, text, expected):
    out = run(text, published="2023-05-05")
    assert [(q["value"], q["unit"]) for q in out["quantities"]] == expected
