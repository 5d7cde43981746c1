"""Indicators: patterns the third real-page audit left open (a noun list after a measure head,
"sau" inside a name, counts of who an action reached, places named alone in a ranked list,
figures of a base period, notes in parentheses). Sentences written for these tests.

Each case lists EVERY indicator the sentence must give, in order: (name, value, unit).
"""
from __future__ import annotations

import pytest
from helpers_indicators import assert_indicators

PUB = "2023-07-20"

CASES = [
    # a comma list of nouns after a measure head, and "sau" + a stage inside the name
    ("noun_list_after_measure_head",
     "Tỷ lệ học sinh, sinh viên sau tốt nghiệp có việc làm đạt trên 85%.",
     [("Tỷ lệ học sinh, sinh viên sau tốt nghiệp có việc làm", 85, "%")]),
    ("sau_stage_inside_name",
     "Tỷ lệ lao động sau đào tạo có việc làm ổn định đạt 72,5%.",
     [("Tỷ lệ lao động sau đào tạo có việc làm ổn định", 72.5, "%")]),
    ("sau_opening_a_clause_still_stops",
     "Sau 3 năm thực hiện, tỷ lệ hộ nghèo còn 2,1%.",
     [("tỷ lệ hộ nghèo", 2.1, "%")]),
    ("long_piece_without_measure_head_is_a_clause",
     "Năm nay dịch bệnh được kiểm soát, kim ngạch xuất khẩu của các doanh nghiệp nhỏ đạt 120 triệu USD.",
     [("kim ngạch xuất khẩu của các doanh nghiệp nhỏ", 120e6, "USD")]),
    # who an action reached: the action names the count, verbs and all
    ("action_with_verbs_names_beneficiaries",
     "Huyện đã giải quyết việc làm, tăng thêm thu nhập cho 3.450 người, đạt 110% kế hoạch.",
     [("giải quyết việc làm, tăng thêm thu nhập", 3450, "người")]),
    ("action_after_figures_with_units",
     "Trung tâm đã tổ chức đào tạo 215 lớp với 38 nhóm nghề cho 6.400 người, kinh phí 12,5 tỷ đồng.",
     [("đào tạo", 6400, "người")]),
    ("action_topic_before_comma_left_out",
     "Về lao động, tư vấn, giới thiệu việc làm cho 1.200 người.",
     [("tư vấn, giới thiệu việc làm", 1200, "người")]),
    ("beneficiary_with_modifiers",
     "Ngân hàng chính sách đã hỗ trợ vay vốn cho 250 hộ nghèo.",
     [("hỗ trợ vay vốn cho hộ nghèo", 250, "hộ")]),
    ("indicator_before_is_not_the_action",
     "Doanh thu đạt 5 tỷ đồng, giải quyết việc làm cho 300 người.",
     [("Doanh thu", 5e9, "VND"), ("giải quyết việc làm", 300, "người")]),
    # a place alone before the verb: the measure of the list heading, or of the figure before
    ("place_alone_takes_heading_measure",
     "Các địa phương có vốn giải ngân cao gồm: Hải Phòng có vốn giải ngân đạt 5.200 tỷ đồng, tăng 12%; "
     "tiếp đến là thành phố Cần Thơ đạt 4.100 tỷ đồng, tăng 8%; Long An đạt 3.900 tỷ đồng.",
     [("vốn giải ngân", 5200e9, "VND"), ("vốn giải ngân thành phố Cần Thơ", 4100e9, "VND"),
      ("vốn giải ngân Long An", 3900e9, "VND")]),
    ("place_alone_takes_measure_before",
     "Quảng Ninh có doanh thu du lịch đạt 9.600 tỷ đồng; Khánh Hòa đạt 7.250 tỷ đồng.",
     [("doanh thu du lịch", 9600e9, "VND"), ("doanh thu du lịch Khánh Hòa", 7250e9, "VND")]),
    # a note in parentheses after a figure is no count
    ("note_in_parentheses",
     "Sản lượng ngô ước đạt 120 nghìn tấn (tính chung cả 2 vụ), tăng 3%.",
     [("Sản lượng ngô", 120000, "tấn")]),
    ("breakdown_in_parentheses_kept",
     "Trong 5 năm tuyển sinh đạt 52.300 người (đại học 1.200 người, trung cấp 9.100 người).",
     [("Trong 5 năm tuyển sinh", 52300, "người"), ("đại học người", 1200, "người"),
      ("trung cấp người", 9100, "người")]),
]


@pytest.mark.parametrize("case_id,text,expected", CASES, ids=[c[0] for c in CASES])
def test_audit3_ind2_indicators(run, case_id, text, expected):
    assert_indicators(run(text, published=PUB)["indicators"], expected)


@pytest.mark.parametrize("text,levels", [
    ("Chỉ số giá tiêu dùng tăng 3,1%, thấp hơn so với mức tăng cùng kỳ năm 2022 là 3,8% "
     "và mức tăng cùng kỳ năm 2021 là 2,2%.", [3.8, 2.2]),
    ("Giá trị sản xuất công nghiệp tăng 7,4%, cao hơn mức tăng cùng kỳ năm trước là 5,1%.", [5.1]),
])
def test_base_period_levels_are_comparisons(run, text, levels):
    """A figure named by a base period after a comparison is the base's level, not an indicator."""
    recs = run(text, published=PUB)["indicators"]
    assert len(recs) == 1, [(r["name"], r["value"]) for r in recs]
    got = [c["value"] for c in recs[0]["comparisons"] if c["relation"] == "base_level"]
    assert got == levels


def test_plain_base_comparison_unchanged(run):
    """Without a comparative word the figure after "cùng kỳ" stays a change of its own measure."""
    recs = run("Doanh thu bán lẻ tăng 9,2% so với cùng kỳ.", published=PUB)["indicators"]
    assert [(r["name"], r["value"]) for r in recs] == [("Doanh thu bán lẻ", 9.2)]
    assert [c["relation"] for c in recs[0]["comparisons"]] == ["change"]
