"""Indicators: patterns of provincial socio-economic reports and statistics releases seen in
the third real-page audit (ratios named against a total, from-to levels with years, figures
continued after ";", place lists in parentheses, rankings, thresholds). Sentences written for
these tests.

Each case lists EVERY indicator the sentence must give, in order: (name, value, unit).
"""
from __future__ import annotations

import pytest
from helpers_indicators import assert_indicators

PUB = "2023-07-20"

CASES = [
    # a ratio names both terms: "so với" inside it is no comparison; "từ A năm X lên B năm Y"
    ("ratio_from_to_with_years",
     "Tỷ trọng lao động công nghiệp so với tổng lao động xã hội tăng từ 21% năm 2018 lên 27,5% năm 2022.",
     [("Tỷ trọng lao động công nghiệp so với tổng lao động xã hội", 27.5, "%")]),
    ("ratio_down_from_to_then_estimate",
     "Tỷ lệ hộ dùng nước hợp vệ sinh so với tổng số hộ nông thôn tăng từ 72% năm 2016 lên 86,4% "
     "năm 2020, ước cuối năm 2021 đạt 88%.",
     [("Tỷ lệ hộ dùng nước hợp vệ sinh so với tổng số hộ nông thôn", 86.4, "%"),
      ("Tỷ lệ hộ dùng nước hợp vệ sinh so với tổng số hộ nông thôn", 88, "%")]),
    # a base before the verb is not the name
    ("base_before_verb",
     "Doanh thu dịch vụ lưu trú so với cùng kỳ tăng 8,2%.",
     [("Doanh thu dịch vụ lưu trú", 8.2, "%")]),
    # a clause after ";" that only says when: the same measure goes on
    ("same_measure_after_semicolon",
     "Năm 2021 tỷ lệ trẻ em suy dinh dưỡng giảm còn 11,2%; ước hết năm 2022 còn 10,5%.",
     [("tỷ lệ trẻ em suy dinh dưỡng", 11.2, "%"), ("tỷ lệ trẻ em suy dinh dưỡng", 10.5, "%")]),
    ("semicolon_clause_with_own_name",
     "Năm 2022 số doanh nghiệp thành lập mới đạt 410 doanh nghiệp; vốn đăng ký đạt 3.800 tỷ đồng.",
     [("số doanh nghiệp thành lập mới", 410, "doanh nghiệp"), ("vốn đăng ký", 3800e9, "VND")]),
    # a list of places, each with its figure in parentheses
    ("place_list_in_parentheses",
     "Kim ngạch xuất khẩu 9 tháng tăng mạnh ở nhiều địa phương, gồm: Long An (24,1%), "
     "Tây Ninh (18,6%), Bình Phước (15,3%).",
     [("Long An", 24.1, "%"), ("Tây Ninh", 18.6, "%"), ("Bình Phước", 15.3, "%")]),
    # a degree adverb between the verb and the value
    ("adverb_between_verb_and_value",
     "Sở Giao thông vận tải có vốn giải ngân đạt cao nhất hơn 1.200 tỷ đồng.",
     [("vốn giải ngân", 1200e9, "VND")]),
    # whose figure: "là <place> với <measure> đạt"
    ("owner_before_with",
     "Đứng đầu là Đà Nẵng với tổng thu du lịch đạt 21.500 tỷ đồng, tăng 35%.",
     [("tổng thu du lịch Đà Nẵng", 21500e9, "VND")]),
    ("owner_after_comma",
     "Thứ ba là Kiên Giang, với doanh thu đạt 9.870 tỷ đồng.",
     [("doanh thu Kiên Giang", 9870e9, "VND")]),
    ("capitalised_opener_is_no_owner",
     "Cùng với doanh thu du lịch đạt 1.500 tỷ đồng, ngành dịch vụ phát triển khá.",
     [("doanh thu du lịch", 1500e9, "VND")]),
    ("two_word_opener_is_no_owner",
     "Song song với tổng vốn đầu tư đạt 800 tỷ đồng, hạ tầng được cải thiện.",
     [("tổng vốn đầu tư", 800e9, "VND")]),
    ("company_owner",
     "Năm nay, Công ty Điện lực Lạng Sơn với sản lượng điện thương phẩm đạt 1.250 triệu kWh.",
     [("sản lượng điện thương phẩm Công ty Điện lực Lạng Sơn", 1250e6, "kWh")]),
    # rankings and thresholds are no statistics
    ("rank_is_no_statistic",
     "Top 10 huyện dẫn đầu về thu hút đầu tư năm 2022.",
     []),
    ("threshold_is_no_statistic",
     "Năm 2022 có 12 doanh nghiệp đạt doanh thu từ 500 tỷ đồng trở lên.",
     [("doanh nghiệp", 12, "doanh nghiệp")]),
]


@pytest.mark.parametrize("case_id,text,expected", CASES, ids=[c[0] for c in CASES])
def test_audit3_indicators(run, case_id, text, expected):
    assert_indicators(run(text, published=PUB)["indicators"], expected)


def test_so_voi_still_ends_a_plain_name(run):
    """Without a ratio head, "so với" before the value is a comparison, never part of a name."""
    recs = run("Giá trị sản xuất công nghiệp đạt 2.400 tỷ đồng, so với cùng kỳ tăng 6,5%.",
               published=PUB)["indicators"]
    assert [(r["name"], r["value"]) for r in recs] == [("Giá trị sản xuất công nghiệp", 2400e9)]
    assert [(c["relation"], c["value"]) for c in recs[0]["comparisons"]] == [("change", 6.5)]


def test_same_measure_needs_the_same_unit(run):
    """A time-only clause after ";" continues the figure before only in its unit."""
    recs = run("Năm 2021 tỷ lệ hộ nghèo còn 4,2%; năm 2022 giảm 350 hộ.", published=PUB)["indicators"]
    assert ("tỷ lệ hộ nghèo", 4.2, "%") in [(r["name"], r["value"], r["unit"]) for r in recs]
    assert all(not (r["unit"] == "hộ" and r["name"] == "tỷ lệ hộ nghèo") for r in recs)
