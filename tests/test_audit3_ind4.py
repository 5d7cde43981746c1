"""Indicators: patterns of the fourth real-page audit round on budget news (a source opener
before the subject, a field named before its measure, a concession before the figure, a degree
word explained in parentheses, "với số tiền ...", what an amount is of written after it,
inspections counted in "cuộc"). Sentences written for these tests.

Each case lists EVERY indicator the sentence must give, in order: (name, value, unit).
"""
from __future__ import annotations

import pytest
from helpers_indicators import assert_indicators, first_comparisons

PUB = "2024-10-05"

CASES = [
    ("source_opener_before_the_subject",
     "Theo các lĩnh vực cũng ghi nhận, thu từ hoạt động du lịch tiếp tục khởi sắc, ước đạt "
     "12,4 nghìn tỷ đồng, tăng 8% so với cùng kỳ.",
     [("thu từ hoạt động du lịch", 12.4e12, "VND")]),
    ("field_before_its_measure_and_a_concession",
     "Ở lĩnh vực thu từ xổ số, dù giảm nhẹ 3,2% so cùng kỳ, nhưng vẫn đạt 1.250 tỷ đồng.",
     [("thu từ xổ số", 1250e9, "VND")]),
    ("field_word_heading_a_list_stays",
     "Lĩnh vực thương mại, dịch vụ đạt 2.600 tỷ đồng.",
     [("Lĩnh vực thương mại, dịch vụ", 2600e9, "VND")]),
    ("degree_word_after_the_exceed_verb",
     "Năm 2023, thu ngân sách trên địa bàn tỉnh vượt khá dự toán, đạt 9.800 tỷ đồng.",
     [("thu ngân sách trên địa bàn tỉnh", 9800e9, "VND")]),
    ("degree_word_explained_in_parentheses",
     "Có 6 khoản thu đạt khá (trên 30% so với dự toán), trong đó thu tiền sử dụng đất ước đạt 41%.",
     [("thu tiền sử dụng đất", 41, "%")]),
    ("amount_after_a_document_takes_the_action",
     "Ngân sách tỉnh đã chi hỗ trợ người lao động mất việc theo Quyết định số 15/QĐ-UBND với số "
     "tiền khoảng 320 tỷ đồng.",
     [("chi hỗ trợ người lao động mất việc", 320e9, "VND")]),
    ("thing_issued_follows_the_amount",
     "Kho bạc Nhà nước dự kiến phát hành 150.000 tỷ đồng trái phiếu Chính phủ trong quý IV.",
     [("phát hành trái phiếu Chính phủ", 150000e9, "VND")]),
    ("capital_disbursed_follows_the_amount",
     "Trong 9 tháng, tỉnh đã giải ngân 4.200 tỷ đồng vốn đầu tư công, đạt 61% kế hoạch.",
     [("giải ngân vốn đầu tư công", 4200e9, "VND")]),
    ("spending_purpose_follows_the_amount_and_the_doer_goes",
     "Ngân sách địa phương đã chi khoảng 2,1 nghìn tỷ đồng hỗ trợ khắc phục hậu quả bão lũ.",
     [("chi hỗ trợ khắc phục hậu quả bão lũ", 2.1e12, "VND")]),
    ("amount_for_someone_keeps_its_name",
     "Tỉnh đã giải ngân 300 tỷ đồng cho các dự án giao thông.",
     [("giải ngân", 300e9, "VND")]),
    ("inspections_are_statistics",
     "Thanh tra tỉnh đã thực hiện 128 cuộc thanh tra hành chính.",
     [("cuộc thanh tra hành chính", 128, "cuộc")]),
    ("audits_after_a_doing_verb",
     "Cục Thuế đã tiến hành 640 cuộc kiểm tra tại trụ sở người nộp thuế.",
     [("cuộc kiểm tra", 640, "cuộc")]),
    ("meetings_are_still_no_statistics",
     "Sở đã tổ chức 25 cuộc họp với doanh nghiệp.",
     []),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_indicators(run, text, expected):
    assert_indicators(run(text, published=PUB)["indicators"], expected)


def _comparisons(run, text):
    return first_comparisons(run(text, published=PUB)["indicators"])


def test_concession_change_is_a_comparison_of_the_figure(run):
    got = _comparisons(run, "Ở lĩnh vực thu từ xổ số, dù giảm nhẹ 3,2% so cùng kỳ, nhưng vẫn đạt 1.250 tỷ đồng.")
    assert got == [("change", -3.2)]


def test_amount_with_a_document_is_the_cost_of_the_count(run):
    got = _comparisons(run, "Tỉnh đã hỗ trợ 4.500 hộ nghèo theo Nghị quyết số 12/NQ-HĐND với số tiền "
                            "khoảng 96 tỷ đồng.")
    assert ("cost", 96e9) in got
