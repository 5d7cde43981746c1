"""Indicators: patterns of the third real-page audit on budget and public-finance news
(degree words after a verb, "do ... quản lý" inside a name, elided list commas, time phrases,
what a change brought in, bond maturities, votes and delegates). Sentences written for these tests.

Each case lists EVERY indicator the sentence must give, in order: (name, value, unit).
"""
from __future__ import annotations

import pytest
from helpers_indicators import assert_indicators, first_comparisons

PUB = "2023-07-20"

CASES = [
    ("passing_a_mark_is_the_level",
     "Chín tháng, thu ngân sách vượt mốc 2,1 triệu tỷ đồng.",
     [("thu ngân sách", 2.1e15, "VND")]),
    ("share_of_plan_and_degree_word_are_comparisons",
     "Thu nội địa ước đạt 95,2 nghìn tỷ đồng, hoàn thành 71,2% dự toán, tăng tới 21,4% so cùng kỳ.",
     [("Thu nội địa", 95.2e12, "VND")]),
    ("what_a_change_brought_in_is_a_comparison",
     "Linh kiện điện tử tăng 9,2%, làm tăng thu khoảng 5,4 nghìn tỷ đồng; xe máy tăng 4,1%, "
     "đem về khoảng 610 tỷ đồng cho ngân sách.",
     [("Linh kiện điện tử", 9.2, "%"), ("xe máy", 4.1, "%")]),
    ("elided_list_comma_inside_a_name",
     "Thu cân đối ngân sách từ hoạt động xuất, nhập khẩu 88,2 nghìn tỷ đồng.",
     [("Thu cân đối ngân sách từ hoạt động xuất, nhập khẩu", 88.2e12, "VND")]),
    ("time_phrase_is_not_the_name",
     "Tổng chi ngân sách nhà nước từ đầu năm đến thời điểm 15/9 ước tính đạt 720,5 nghìn tỷ đồng.",
     [("Tổng chi ngân sách nhà nước", 720.5e12, "VND")]),
    ("who_manages_is_part_of_the_name",
     "Tổng thu ngân sách nhà nước do ngành thuế quản lý ước đạt 512.300 tỷ đồng.",
     [("Tổng thu ngân sách nhà nước do ngành thuế quản lý", 512.3e12, "VND")]),
    ("who_carries_out_before_a_period",
     "Số thu ngân sách do ngành thuế thực hiện năm 2022 là 198.200 tỷ đồng.",
     [("Số thu ngân sách do ngành thuế thực hiện", 198.2e12, "VND")]),
    ("do_as_a_cause_still_stops",
     "Do giá xăng dầu tăng, thu từ dầu thô đạt 31,5 nghìn tỷ đồng.",
     [("thu từ dầu thô", 31.5e12, "VND")]),
    ("bond_maturities_are_parts_of_the_issue",
     "Tổng mức phát hành trái phiếu là 150.000 tỷ đồng, trong đó kỳ hạn 5 năm là 20.000 tỷ đồng, "
     "kỳ hạn 10 năm là 40.000 tỷ đồng và kỳ hạn 30 năm là 15.000 tỷ đồng.",
     [("Tổng mức phát hành trái phiếu", 150e12, "VND")]),
    ("vote_share_is_no_indicator",
     "Với 98% phiếu bầu, bà Lê Thị Hoa tiếp tục được bầu giữ chức Chủ tịch.",
     []),
    ("delegates_standing_for_members",
     "Đại hội có 250 đại biểu, đại diện cho 9.120 đảng viên trong toàn Đảng bộ.",
     []),
    ("share_with_a_measure_after_it_stays",
     "Có 100% xã có đường ô tô đến trung tâm.",
     [("xã có đường ô tô đến trung tâm", 100, "%")]),
]


@pytest.mark.parametrize("case_id,text,expected", CASES, ids=[c[0] for c in CASES])
def test_audit3_ind3_indicators(run, case_id, text, expected):
    assert_indicators(run(text, published=PUB)["indicators"], expected)


def _comparisons(run, text):
    return first_comparisons(run(text, published=PUB)["indicators"])


def test_plan_share_and_change_attach_to_the_money_value(run):
    got = _comparisons(run, "Thu nội địa ước đạt 95,2 nghìn tỷ đồng, hoàn thành 71,2% dự toán, "
                            "tăng tới 21,4% so cùng kỳ.")
    assert got == [("of_plan", 71.2), ("change", 21.4)]


def test_decrease_with_degree_word_is_negative_change(run):
    got = _comparisons(run, "Thu từ dầu thô giảm nhẹ 11,5% so cùng kỳ.")
    assert got == [("change", -11.5)]


def test_contribution_of_a_change(run):
    got = _comparisons(run, "Xe máy tăng 4,1%, đem về khoảng 610 tỷ đồng cho ngân sách.")
    assert ("contribution", 610e9) in got


def test_maturities_are_parts(run):
    got = _comparisons(run, "Tổng mức phát hành trái phiếu là 150.000 tỷ đồng, trong đó kỳ hạn 5 năm là "
                            "20.000 tỷ đồng và kỳ hạn 10 năm là 40.000 tỷ đồng.")
    assert [v for r, v in got if r == "part"] == [20e12, 40e12]
