"""Numbers, percentages, money and quantities: a table of expressions in realistic sentences,
property tests for the Vietnamese number format, and the examples written in rules/."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.numbers import format_vietnamese, parse_amount, parse_digits, parse_roman
from extractor.rules import load_rules

# --- parse_amount on its own ----------------------------------------------------------------
AMOUNTS = [
    ("3.772", 3772),
    ("96,9", 96.9),
    ("5.023,3", 5023.3),
    ("1.234.567", 1234567),
    ("02", 2),
    ("0,5", 0.5),
    ("hai mươi lăm", 25),
    ("một trăm", 100),
    ("một trăm linh năm", 105),
    ("ba mươi mốt", 31),
    ("mười lăm", 15),
    ("chín mươi chín", 99),
    ("hai mươi tư", 24),
    ("563 tỷ 859 triệu", 563_859_000_000),
    ("1,2 nghìn tỷ", 1_200_000_000_000),
    ("294,350 tỷ", 294_350_000_000),
    ("5 triệu 500 nghìn", 5_500_000),
    ("hai tỷ", 2_000_000_000),
    ("1.5 tỷ", 1_500_000_000),
    ("12 ngàn", 12_000),
    ("3 tỉ", 3_000_000_000),
]


@pytest.mark.parametrize("text,value", AMOUNTS)
def test_parse_amount(text, value):
    assert parse_amount(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["5 triệu 3 tỷ", "hai ba", "năm mười", "tư", "tỷ", "3 4"])
def test_parse_amount_refuses_malformed(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize("text,value", [("XXV", 25), ("XIV", 14), ("IX", 9), ("MMXX", 2020), ("XV", 15)])
def test_parse_roman(text, value):
    assert parse_roman(text) == value


# --- the recognisers inside sentences -----------------------------------------------------
MONEY = [
    ("Tổng kinh phí thực hiện là 995 triệu đồng.", "995 triệu đồng", 995_000_000, "VND", None, None),
    ("Thu ngân sách đạt trên 30 tỷ đồng, bằng 84,3% dự toán.", "trên 30 tỷ đồng", 30_000_000_000, "VND", "trên", None),
    ("Tổng vốn đầu tư của dự án là 563 tỷ 859 triệu đồng.", "563 tỷ 859 triệu đồng", 563_859_000_000, "VND", None, None),
    ("Chi ngân sách địa phương ước đạt 294,350 tỷ đồng.", "ước đạt 294,350 tỷ đồng", 294_350_000_000, "VND", "ước đạt", None),
    ("Tổng thu ngân sách trên địa bàn tỉnh đạt 5.023,3 tỷ đồng.", "5.023,3 tỷ đồng", 5_023_300_000_000, "VND", None, None),
    ("Kim ngạch ước khoảng 1,2 nghìn tỷ đồng.", "khoảng 1,2 nghìn tỷ đồng", 1_200_000_000_000, "VND", "khoảng", None),
    ("Giá trị xuất khẩu đạt 2 triệu USD.", "2 triệu USD", 2_000_000, "USD", None, None),
    ("Giá chè búp tươi ổn định ở mức 50.000 đồng/kg.", "50.000 đồng/kg", 50_000, "VND", None, "kg"),
    ("Mức hỗ trợ là 1.500.000 đồng/người/tháng.", "1.500.000 đồng/người/tháng", 1_500_000, "VND", None, "người/tháng"),
    ("Vé vào cửa chỉ 20.000đ cho mỗi lượt.", "20.000đ", 20_000, "VND", None, None),
    ("Dự án vay 1,5 triệu đô la Mỹ từ nhà tài trợ.", "1,5 triệu đô la Mỹ", 1_500_000, "USD", None, None),
    ("Huyện phấn đấu thu tối thiểu 36 tỷ đồng trong năm.", "tối thiểu 36 tỷ đồng", 36_000_000_000, "VND", "tối thiểu", None),
    ("Kinh phí cải tạo gần 4,3 tỷ đồng.", "gần 4,3 tỷ đồng", 4_300_000_000, "VND", "gần", None),
    ("Tỉnh hỗ trợ hai mươi lăm triệu đồng cho mỗi hộ.", "hai mươi lăm triệu đồng", 25_000_000, "VND", None, None),
    ("Khoản vay không quá 100 triệu VNĐ mỗi hộ.", "không quá 100 triệu VNĐ", 100_000_000, "VND", "không quá", None),
    ("Doanh thu du lịch đạt hơn 120 tỷ VND.", "hơn 120 tỷ VND", 120_000_000_000, "VND", "hơn", None),
    ("Giải ngân 3 tỉ đồng vốn vay ưu đãi.", "3 tỉ đồng", 3_000_000_000, "VND", None, None),
    ("Mỗi suất quà trị giá 500 nghìn đồng.", "500 nghìn đồng", 500_000, "VND", None, None),
    ("Giá thuê đất là 12.000 đồng/m2.", "12.000 đồng/m2", 12_000, "VND", None, "m2"),
    ("Ngân sách cấp 2 tỷ 500 triệu đồng để làm đường.", "2 tỷ 500 triệu đồng", 2_500_000_000, "VND", None, None),
]


@pytest.mark.parametrize("sentence,text,amount,currency,qualifier,per", MONEY)
def test_money(run, sentence, text, amount, currency, qualifier, per):
    money = run(sentence)["money"]
    assert len(money) == 1, money
    m = money[0]
    assert (m["text"], m["amount"], m["currency"], m["qualifier"], m["per"]) == (text, amount, currency, qualifier, per)
    assert sentence[m["span"][0]:m["span"][1]] == text


MONEY_PAIRS = [
    ("Mỗi công trình được hỗ trợ từ 3 đến 5 tỷ đồng.", [(3_000_000_000, "từ"), (5_000_000_000, "đến")]),
    ("Tỉnh hỗ trợ 2 tỷ và 3 tỷ đồng cho hai huyện.", [(2_000_000_000, None), (3_000_000_000, None)]),
    ("Chi phí dự kiến 3-5 triệu đồng mỗi hộ.", [(3_000_000, "từ"), (5_000_000, "đến")]),
]


@pytest.mark.parametrize("sentence,items", MONEY_PAIRS)
def test_money_ranges_and_lists(run, sentence, items):
    money = run(sentence)["money"]
    assert [(m["amount"], m["qualifier"]) for m in money] == items
    assert all(m["currency"] == "VND" for m in money)


NOT_MONEY = [
    "Ban Chấp hành Đảng bộ huyện gồm 37 đồng chí.",
    "Hội nghị có 54 đồng bào các dân tộc tham dự.",
    "Trong 9 tháng, huyện kết nạp 26 đảng viên mới.",
    "Đồng thời, xã đã xây dựng 12 nhà văn hoá.",
    "Phiên bản 2.1.3 của phần mềm được cài đặt.",
]


@pytest.mark.parametrize("sentence", NOT_MONEY)
def test_not_money(run, sentence):
    assert run(sentence)["money"] == []


PERCENTAGES = [
    ("Giải ngân vốn đầu tư công đạt 96,9%.", [(96.9, None, False)]),
    ("Tỷ lệ cấp ủy viên trúng cử đều trên 90%.", [(90, "trên", False)]),
    ("Tổng sản lượng lương thực tăng 8,9% so với cùng kỳ.", [(8.9, None, False)]),
    ("Tỷ lệ hộ nghèo còn 1,29%.", [(1.29, None, False)]),
    ("Mục tiêu giảm tỷ lệ hộ nghèo xuống dưới 1%.", [(1, "dưới", False)]),
    ("Tốc độ tăng trưởng kinh tế đạt 5-7%.", [(5, "từ", False), (7, "đến", False)]),
    ("Tăng trưởng dự kiến từ 6 đến 6,5%.", [(6, "từ", False), (6.5, "đến", False)]),
    ("Tỷ lệ bao phủ bảo hiểm y tế đạt 12 phần trăm.", [(12, None, False)]),
    ("Trồng rừng tập trung đạt 3.772 ha, đạt 125,7 kế hoạch.", [(125.7, None, True)]),
    ("Thu ngân sách bằng 104,2 dự toán.", [(104.2, None, True)]),
    ("Tỷ lệ đô thị hoá ước khoảng 45,5 %.", [(45.5, "khoảng", False)]),
    ("Tỷ lệ trẻ em được tiêm chủng xấp xỉ 98%.", [(98, "xấp xỉ", False)]),
    ("Có 100% xã đạt chuẩn nông thôn mới.", [(100, None, False)]),
    ("Tỷ lệ lao động qua đào tạo tối thiểu 70%.", [(70, "tối thiểu", False)]),
    ("Tỷ lệ nợ xấu tối đa 3%.", [(3, "tối đa", False)]),
    ("Tỷ lệ che phủ rừng gần 57,14%.", [(57.14, "gần", False)]),
    ("Lượng khách tăng hơn 20% so với năm trước.", [(20, "hơn", False)]),
    ("Có 21/21 trường đạt chuẩn quốc gia.", []),
    ("Đoàn đã kiểm tra 15/20 xã trên địa bàn.", []),
    ("Phiên bản 1.2 được phát hành.", []),
]


@pytest.mark.parametrize("sentence,expected", PERCENTAGES)
def test_percentages(run, sentence, expected):
    got = [(p["value"], p["qualifier"], p["implicit"]) for p in run(sentence)["percentages"]]
    assert got == expected


QUANTITIES = [
    ("Trồng rừng tập trung đạt 3.772 ha.", 3772, "ha", None),
    ("Toàn đảng bộ có 2033 đảng viên.", 2033, "đảng viên", None),
    ("Huyện hỗ trợ cải thiện 147 nhà ở cho hộ khó khăn.", 147, "nhà ở", None),
    ("Trong năm, huyện giảm 45 hộ nghèo.", 45, "hộ", None),
    ("Có 21/21 trường đạt chuẩn quốc gia.", 21, "trường", 21),
    ("Sản lượng thủy sản đạt 1.250,5 tấn.", 1250.5, "tấn", None),
    ("Đã nâng cấp 12,6 km đường giao thông nông thôn.", 12.6, "km", None),
    ("Giải quyết việc làm cho hai mươi lăm lao động.", 25, "lao động", None),
]


@pytest.mark.parametrize("sentence,value,unit,total", QUANTITIES)
def test_quantities(run, sentence, value, unit, total):
    qs = run(sentence)["quantities"]
    assert len(qs) == 1, qs
    assert (qs[0]["value"], qs[0]["unit"], qs[0].get("total")) == (value, unit, total)


@pytest.mark.parametrize("sentence,expected", [
    # an ordinal is not a count of what follows
    ("Sáng nay, ngày làm việc thứ hai kỳ họp HĐND huyện bàn về 3 dự án.", [(3, "dự án")]),
    ("Chiều 5/7, phiên thứ 2 kỳ họp chất vấn 4 giám đốc sở.", []),
    # a number and a unit on two lines: a heading ending in a number, then a new paragraph
    ("Đảng ủy xã tổ chức hội nghị lần thứ 12\n\nHuyện giao xã 5 ha đất trồng rừng.", [(5, "ha")]),
    ("Kết quả 9 tháng: 41\nhộ thoát nghèo, 6 xã đạt chuẩn.", [(6, "xã")]),
])
def test_quantities_stay_on_one_line_and_skip_ordinals(run, sentence, expected):
    assert [(q["value"], q["unit"]) for q in run(sentence)["quantities"]] == expected


def test_money_does_not_cross_a_line_break(run):
    assert run("Tổng kinh phí năm 2024 là 15\ntỷ đồng cho giáo dục.")["money"] == []


def test_footer_counters_are_not_values(run):
    text = ("Huyện thu ngân sách đạt 30 tỷ đồng.\n\nThống kê truy cập\nHôm nay: 2023\n"
            "Đã truy cập: 6581658\n")
    out = run(text)
    assert [m["amount"] for m in out["money"]] == [30_000_000_000]
    assert out["quantities"] == [] and out["percentages"] == []


def test_tone_mark_styles_match_alike(run):
    old = run("Kinh phí hỗ trợ hộ nghèo là 2 tỷ đồng, tỷ lệ hoà vốn 12%.")
    assert [m["amount"] for m in old["money"]] == [2_000_000_000]
    assert [p["value"] for p in old["percentages"]] == [12]


# --- properties: format the Vietnamese way, parse back -------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_integer_format_roundtrip(n):
    assert parse_digits(format_vietnamese(n)) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=99))
def test_decimal_format_roundtrip(whole, frac):
    value = whole + frac / 100
    text = format_vietnamese(value, decimals=2)
    assert parse_digits(text) == pytest.approx(value, rel=1e-12)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=999),
       st.sampled_from([("tỷ", 10**9, "triệu", 10**6), ("triệu", 10**6, "nghìn", 10**3)]))
def test_compound_amount_roundtrip(a, b, scales):
    big, big_v, small, small_v = scales
    assert parse_amount(f"{a} {big} {b} {small}") == a * big_v + b * small_v


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(["triệu", "tỷ"]))
def test_money_sentence_roundtrip(run, n, scale):
    text = f"Tổng kinh phí là {format_vietnamese(n)} {scale} đồng."
    money = run(text)["money"]
    assert [m["amount"] for m in money] == [n * {"triệu": 10**6, "tỷ": 10**9}[scale]]


# --- examples written in rules/ double as tests ---------------------------------------------
def _examples(section: str, key: str | None = None):
    data = load_rules()[section]["examples"]
    return data if key is None else data[key]


@pytest.mark.parametrize("ex", _examples("numbers"), ids=lambda e: e["text"])
def test_rules_numbers_examples(ex):
    assert parse_amount(ex["text"]) == pytest.approx(ex["value"])


@pytest.mark.parametrize("ex", _examples("units", "money"), ids=lambda e: e["text"])
def test_rules_money_examples(run, ex):
    money = run(f"Kinh phí {ex['text']} đã được cấp.")["money"]
    assert len(money) == 1
    for k in ("amount", "currency", "qualifier", "per"):
        if k in ex:
            assert money[0][k] == ex[k]


@pytest.mark.parametrize("text", _examples("units", "not_money"))
def test_rules_not_money_examples(run, text):
    assert run(text)["money"] == []


@pytest.mark.parametrize("ex", _examples("units", "quantities"), ids=lambda e: e["text"])
def test_rules_quantity_examples(run, ex):
    qs = run(f"Năm qua, huyện có {ex['text']} mới.")["quantities"]
    assert [(q["value"], q["unit"]) for q in qs] == [(ex["value"], ex["unit"])]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=99_999), st.integers(min_value=1, max_value=999),
       st.sampled_from([("tỷ", 10**9), ("triệu", 10**6)]))
def test_decimal_amounts_are_exact_integers(whole, frac, scale):
    word, factor = scale
    text = f"{format_vietnamese(whole)},{frac:03d} {word}"
    value = parse_amount(text)
    assert isinstance(value, int) and value == (whole * 1000 + frac) * factor // 1000
