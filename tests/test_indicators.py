"""Indicators: one record per reported statistic — name, value, unit, comparisons, status and
period — on sentences written in the styles of party committee (Đảng bộ/Huyện ủy), People's
Council (HĐND) and People's Committee (UBND) reports.

Each case lists EVERY indicator the sentence must give, in order: a missing one, an extra one
or a wrong field fails. Comparisons are (relation, value, base).
"""
from __future__ import annotations

import pytest

from extractor.link.indicators import main_periods
from extractor.rules import load_rules

PUB = "2023-10-15"


def ind(name, value, unit, comps=(), status="actual", qualifier=None):
    return {"name": name, "value": value, "unit": unit, "comparisons": list(comps),
            "status": status, "qualifier": qualifier}


CASES = [
    # --- UBND: budget, investment, production -------------------------------------------------
    ("budget_plan_and_change",
     "Thu ngân sách nhà nước trên địa bàn đạt trên 30 tỷ đồng, đạt 84,3% dự toán huyện giao, "
     "đạt 88,6% dự toán tỉnh giao, tăng 47% so với cùng kỳ.",
     [ind("Thu ngân sách nhà nước trên địa bàn", 30e9, "VND",
          [("of_plan", 84.3, "dự toán huyện giao"), ("of_plan", 88.6, "dự toán tỉnh giao"),
           ("change", 47, "cùng kỳ")], qualifier="trên")]),
    ("estimate_ratio_change",
     "Tổng thu ngân sách nhà nước trên địa bàn tỉnh ước đạt 5.023,3 tỷ đồng, bằng 52,4% dự toán, "
     "tăng 12,6% so với cùng kỳ năm trước.",
     [ind("Tổng thu ngân sách nhà nước trên địa bàn tỉnh", 5023.3e9, "VND",
          [("of_plan", 52.4, "dự toán"), ("change", 12.6, "cùng kỳ năm trước")], qualifier="ước đạt")]),
    ("spending_of_council_estimate",
     "Tổng chi ngân sách địa phương đạt 3.120 tỷ đồng, bằng 48,7% dự toán HĐND tỉnh giao.",
     [ind("Tổng chi ngân sách địa phương", 3120e9, "VND", [("of_plan", 48.7, "dự toán HĐND tỉnh giao")])]),
    ("growth_with_abbreviation",
     "Tốc độ tăng trưởng kinh tế (GRDP) đạt 7,2%, vượt 0,2% so với kế hoạch.",
     [ind("Tốc độ tăng trưởng kinh tế", 7.2, "%", [("over_plan", 0.2, "kế hoạch")])]),
    ("income_per_person",
     "Thu nhập bình quân đầu người đạt 62 triệu đồng/người/năm.",
     [ind("Thu nhập bình quân đầu người", 62e6, "VND")]),
    ("production_value_change",
     "Giá trị sản xuất nông nghiệp ước đạt 1.250 tỷ đồng, tăng 3,5% so với cùng kỳ.",
     [ind("Giá trị sản xuất nông nghiệp", 1250e9, "VND", [("change", 3.5, "cùng kỳ")], qualifier="ước đạt")]),
    ("export_decrease_usd",
     "Kim ngạch xuất khẩu ước đạt 2,1 triệu USD, giảm 4,5% so với cùng kỳ.",
     [ind("Kim ngạch xuất khẩu", 2.1e6, "USD", [("change", -4.5, "cùng kỳ")], qualifier="ước đạt")]),
    ("rice_area_of_plan",
     "Diện tích gieo trồng lúa vụ mùa đạt 8.450 ha, đạt 101,2% kế hoạch.",
     [ind("Diện tích gieo trồng lúa vụ mùa", 8450, "ha", [("of_plan", 101.2, "kế hoạch")])]),
    ("fishery_output",
     "Sản lượng thủy sản khai thác đạt 24.500 tấn, tăng 6,8% so với cùng kỳ năm 2022.",
     [ind("Sản lượng thủy sản khai thác", 24500, "tấn", [("change", 6.8, "cùng kỳ năm 2022")])]),
    ("implicit_percent_of_plan",
     "Trồng rừng tập trung đạt 3.772 ha, đạt 125,7 kế hoạch, tăng 22,7% so với cùng kỳ.",
     [ind("Trồng rừng tập trung", 3772, "ha", [("of_plan", 125.7, "kế hoạch"), ("change", 22.7, "cùng kỳ")])]),
    ("change_is_the_statistic",
     "Tổng sản lượng lương thực vụ Đông Xuân tăng 8,9% so với cùng kỳ.",
     [ind("Tổng sản lượng lương thực vụ Đông Xuân", 8.9, "%", [("change", 8.9, "cùng kỳ")])]),
    ("disbursement_subject_of_clause",
     "Giải ngân vốn đầu tư phát triển đạt cao so với bình quân chung toàn tỉnh, đạt 96,9%.",
     [ind("Giải ngân vốn đầu tư phát triển", 96.9, "%")]),
    ("share_of_whole",
     "Tổng vốn đầu tư toàn xã hội trên địa bàn ước đạt 12.500 tỷ đồng, chiếm 35% GRDP.",
     [ind("Tổng vốn đầu tư toàn xã hội trên địa bàn", 12500e9, "VND", [("share", 35, "GRDP")],
          qualifier="ước đạt")]),
    ("share_is_the_statistic",
     "Tỷ lệ trường đạt chuẩn quốc gia chiếm 78,5% tổng số trường.",
     [ind("Tỷ lệ trường đạt chuẩn quốc gia", 78.5, "%", [("share", 78.5, "tổng số trường")])]),
    ("exceed_estimate",
     "Thu ngân sách xã ước đạt 4,5 tỷ đồng, vượt 12% dự toán.",
     [ind("Thu ngân sách xã", 4.5e9, "VND", [("over_plan", 12, "dự toán")], qualifier="ước đạt")]),
    ("absolute_change",
     "Dư nợ cho vay chính sách xã hội đạt 1.850 tỷ đồng, tăng 210 tỷ đồng so với đầu năm.",
     [ind("Dư nợ cho vay chính sách xã hội", 1850e9, "VND", [("change", 210e9, "đầu năm")])]),
    ("two_clauses_two_indicators",
     "Tổng lượng khách du lịch đạt 1,5 triệu lượt khách, tăng 20% so với năm trước; "
     "doanh thu du lịch đạt 2.500 tỷ đồng.",
     [ind("Tổng lượng khách du lịch", 1.5e6, "lượt khách", [("change", 20, "năm trước")]),
      ind("doanh thu du lịch", 2500e9, "VND")]),
    ("of_which",
     "Thu nội địa đạt 980 tỷ đồng, đạt 102% dự toán; trong đó thu từ doanh nghiệp nhà nước đạt 120 tỷ đồng.",
     [ind("Thu nội địa", 980e9, "VND", [("of_plan", 102, "dự toán")]),
      ind("thu từ doanh nghiệp nhà nước", 120e9, "VND")]),
    ("thousand_billion",
     "Tổng kim ngạch xuất nhập khẩu đạt 1,2 nghìn tỷ đồng.",
     [ind("Tổng kim ngạch xuất nhập khẩu", 1.2e12, "VND")]),
    ("price_per_kg",
     "Giá bán chè khô của hợp tác xã đã tăng lên 320.000 đồng/kg.",
     [ind("Giá bán chè khô của hợp tác xã", 320000, "VND/kg")]),
    ("yield_per_ha",
     "Năng suất lúa ước đạt 58,2 tạ/ha.",
     [ind("Năng suất lúa", 58.2, "tạ/ha", qualifier="ước đạt")]),
    ("cost_attribute",
     "Hỗ trợ xây dựng 45 nhà ở cho hộ nghèo, tổng kinh phí 2,25 tỷ đồng.",
     [ind("xây dựng nhà ở cho hộ nghèo", 45, "nhà ở", [("cost", 2.25e9, "tổng kinh phí")])]),
    ("investment_capital_is_its_own",
     "Toàn tỉnh thu hút 15 dự án đầu tư mới với tổng vốn đăng ký 3.200 tỷ đồng.",
     [ind("thu hút dự án đầu tư mới", 15, "dự án"), ind("tổng vốn đăng ký", 3200e9, "VND")]),
    # --- percentages that are the statistic ---------------------------------------------------
    ("poverty_rate_left",
     "Đến nay, tỷ lệ hộ nghèo toàn huyện còn 1,29%.",
     [ind("tỷ lệ hộ nghèo toàn huyện", 1.29, "%")]),
    ("from_to_level",
     "Tỷ lệ hộ nghèo giảm từ 4,2% xuống còn 2,8%.",
     [ind("Tỷ lệ hộ nghèo", 2.8, "%", [("from", 4.2, None)])]),
    ("health_insurance",
     "Tỷ lệ người dân tham gia bảo hiểm y tế đạt 95,6%, vượt chỉ tiêu nghị quyết đề ra.",
     [ind("Tỷ lệ người dân tham gia bảo hiểm y tế", 95.6, "%")]),
    # "mới đạt X% kế hoạch" after the value: a comparison, not a statistic named "mới"
    ("only_reached_share_of_plan",
     "Vốn đầu tư công giải ngân 412 tỷ đồng, mới đạt 31% kế hoạch năm.",
     [ind("Vốn đầu tư công giải ngân", 412_000_000_000, "VND", [("of_plan", 31, "kế hoạch năm")])]),
    ("only_reached",
     "Năm 2022, số thu tiền sử dụng đất chỉ đạt 64% dự toán.",
     [ind("số thu tiền sử dụng đất", 64, "%", [("of_plan", 64, "dự toán")])]),
    ("clean_water_passive",
     "Tỷ lệ dân số nông thôn được sử dụng nước sạch đạt 98%.",
     [ind("Tỷ lệ dân số nông thôn được sử dụng nước sạch", 98, "%")]),
    ("share_named_after",
     "Huyện có 100% thôn có đường ô tô đến trung tâm.",
     [ind("thôn có đường ô tô đến trung tâm", 100, "%")]),
    ("maintained",
     "Nổi bật là: giá trị sản xuất các ngành kinh tế duy trì 17% trong bối cảnh dịch bệnh.",
     [ind("giá trị sản xuất các ngành kinh tế", 17, "%")]),
    # --- party (Đảng bộ, Huyện ủy) ---------------------------------------------------------
    ("new_members_count_name",
     "Công tác phát triển đảng được quan tâm, đã kết nạp 152 đảng viên mới, đạt 108,5% chỉ tiêu.",
     [ind("đảng viên mới", 152, "đảng viên", [("of_plan", 108.5, "chỉ tiêu")])]),
    ("total_members",
     "Nâng tổng số đảng viên toàn Đảng bộ là 4.215 đảng viên.",
     [ind("tổng số đảng viên toàn Đảng bộ", 4215, "đảng viên")]),
    ("members_with_verb_co",
     "Đảng bộ xã có 1.384 đảng viên.",
     [ind("đảng viên", 1384, "đảng viên")]),
    ("inspection_counts",
     "Ủy ban Kiểm tra Huyện ủy đã kiểm tra 12 tổ chức đảng và 27 đảng viên khi có dấu hiệu vi phạm.",
     [ind("kiểm tra tổ chức đảng", 12, "tổ chức đảng"), ind("đảng viên", 27, "đảng viên")]),
    ("poor_households_reduced",
     "Trong năm, huyện giảm 45 hộ nghèo, đạt 68,2% kế hoạch, đưa tỷ lệ hộ nghèo còn 1,29%.",
     [ind("hộ nghèo", 45, "hộ", [("of_plan", 68.2, "kế hoạch")]), ind("tỷ lệ hộ nghèo", 1.29, "%")]),
    ("houses_improved",
     "Đã thực hiện hỗ trợ cải thiện 147 nhà ở cho các hộ khó khăn, với tổng kinh phí trên 4,3 tỷ đồng.",
     [ind("cải thiện nhà ở cho các hộ khó khăn", 147, "nhà ở", [("cost", 4.3e9, "tổng kinh phí")])]),
    ("added_then_total",
     "Được công nhận thêm 02 trường đạt chuẩn quốc gia, nâng tổng số trường đạt chuẩn lên 21/21 trường.",
     [ind("tổng số trường đạt chuẩn", 21, "trường", [("added", 2, None), ("of_total", 21, None)])]),
    ("communes_new_rural",
     "Toàn huyện có 12/14 xã đạt chuẩn nông thôn mới.",
     [ind("xã đạt chuẩn nông thôn mới", 12, "xã", [("of_total", 14, None)])]),
    ("area_implied_noun",
     "Toàn huyện hiện có 2.350 ha chè.",
     [ind("diện tích chè", 2350, "ha")]),
    ("new_planting",
     "Huyện đã trồng mới 520 ha rừng tập trung, đạt 104% kế hoạch.",
     [ind("trồng mới rừng tập trung", 520, "ha", [("of_plan", 104, "kế hoạch")])]),
    # --- HĐND: sessions, targets, what is not an indicator ---------------------------------
    ("session_resolutions_not_indicator",
     "Kỳ họp đã thông qua 18 nghị quyết quan trọng.", []),
    ("attendance_not_indicator",
     "Hơn 160 cử tri của 11 thôn đã đến dự.", []),
    ("committee_make_up_not_indicator",
     "Đại hội đã bầu Ban Chấp hành Đảng bộ huyện gồm 37 đồng chí.", []),
    ("vote_share_not_indicator",
     "Bầu trực tiếp Bí thư tại Đại hội với tỷ lệ phiếu bầu đạt 100%.", []),
    ("request_not_result",
     "Cử tri đề nghị tỉnh sớm bố trí khoảng 12 tỷ đồng để nâng cấp tuyến đường.", []),
    ("money_list_not_one_figure",
     "Các huyện Yên Sơn và Đông Lạc được tỉnh hỗ trợ 2 tỷ và 3 tỷ đồng.", []),
    ("target_strive",
     "Phấn đấu số thu cả năm đạt tối thiểu 36 tỷ đồng.",
     [ind("số thu cả năm", 36e9, "VND", status="target", qualifier="tối thiểu")]),
    ("target_below",
     "Đảm bảo mục tiêu giảm tỷ lệ hộ nghèo xuống dưới 1%.",
     [ind("tỷ lệ hộ nghèo", 1, "%", status="target", qualifier="dưới")]),
    ("target_heading_colon",
     "Chỉ tiêu năm 2024: thu ngân sách trên địa bàn 450 tỷ đồng; tỷ lệ lao động qua đào tạo đạt 70%.",
     [ind("thu ngân sách trên địa bàn", 450e9, "VND", status="target"),
      ind("tỷ lệ lao động qua đào tạo", 70, "%", status="target")]),
    ("target_after_request",
     "Đồng chí Chủ tịch HĐND huyện đề nghị UBND huyện phấn đấu thu ngân sách nhà nước trên địa bàn "
     "đạt tối thiểu 45 tỷ đồng, tỷ lệ giải ngân vốn đầu tư công đạt trên 95%.",
     [ind("thu ngân sách nhà nước trên địa bàn", 45e9, "VND", status="target", qualifier="tối thiểu"),
      ind("tỷ lệ giải ngân vốn đầu tư công", 95, "%", status="target", qualifier="trên")]),
    ("target_same_measure",
     "Tỷ lệ hộ nghèo còn 2,85%, phấn đấu cuối năm giảm xuống dưới 2%.",
     [ind("Tỷ lệ hộ nghèo", 2.85, "%"), ind("Tỷ lệ hộ nghèo", 2, "%", status="target", qualifier="dưới")]),
    ("target_range",
     "Phấn đấu tốc độ tăng giá trị sản xuất đạt từ 9 đến 10%.",
     [ind("tốc độ tăng giá trị sản xuất", 9, "%", status="target", qualifier="từ")]),
    ("target_goal_year",
     "Mục tiêu đến năm 2025, tỷ lệ che phủ rừng đạt 55%.",
     [ind("tỷ lệ che phủ rừng", 55, "%", status="target")]),
    # --- real-page audit 2: names, verbs and comparisons seen in district/province reports --
    ("comma_list_in_name",
     "Giá trị sản xuất ngành nông, lâm, thủy sản ước đạt 1.420 tỷ đồng, tăng 3,2% so với cùng kỳ.",
     [ind("Giá trị sản xuất ngành nông, lâm, thủy sản", 1420e9, "VND", [("change", 3.2, "cùng kỳ")],
          qualifier="ước đạt")]),
    ("comma_list_two_words",
     "Thu thuế xuất, nhập khẩu đạt 640 tỷ đồng.",
     [ind("Thu thuế xuất, nhập khẩu", 640e9, "VND")]),
    ("comma_before_a_measure_is_a_clause_end",
     "Kinh tế tăng trưởng khá, thu ngân sách đạt 50 tỷ đồng.",
     [ind("thu ngân sách", 50e9, "VND")]),
    ("comma_after_a_base_is_a_clause_end",
     "Giá trị sản xuất đạt 100 tỷ đồng, bằng 95% kế hoạch, dịch vụ đạt 20 tỷ đồng.",
     [ind("Giá trị sản xuất", 100e9, "VND", [("of_plan", 95, "kế hoạch")]), ind("dịch vụ", 20e9, "VND")]),
    ("duoc_before_value_is_the_verb",
     "Diện tích lúa gieo cấy được 12.300 ha, đạt 98% kế hoạch.",
     [ind("Diện tích lúa gieo cấy", 12300, "ha", [("of_plan", 98, "kế hoạch")])]),
    ("duoc_before_count_with_words_after",
     "Huyện trồng được 850 ha rừng sản xuất.",
     [ind("trồng rừng sản xuất", 850, "ha")]),
    ("growth_verb_after_value",
     "Tổng sản phẩm trên địa bàn theo giá so sánh đạt 12.400 tỷ đồng, tăng trưởng 7,3%.",
     [ind("Tổng sản phẩm trên địa bàn theo giá so sánh", 12400e9, "VND", [("change", 7.3, None)])]),
    ("growth_rate_named",
     "Năm 2023, tốc độ tăng trưởng 6,8%.",
     [ind("tốc độ tăng trưởng", 6.8, "%")]),
    ("estimate_glued_to_noun",
     "Kim ngạch nhập khẩu ước trong quý III đạt 25,6 triệu USD.",
     [ind("Kim ngạch nhập khẩu", 25.6e6, "USD")]),
    ("period_inside_name",
     "Năng suất lúa vụ đông xuân năm 2023 bình quân toàn huyện đạt 62,4 tạ/ha.",
     [ind("Năng suất lúa vụ đông xuân năm 2023 bình quân toàn huyện", 62.4, "tạ/ha")]),
    ("period_then_of_province",
     "Theo Cục Thống kê, doanh thu du lịch 9 tháng năm 2023 của tỉnh ước đạt 3.150 tỷ đồng.",
     [ind("doanh thu du lịch 9 tháng năm 2023 của tỉnh", 3150e9, "VND", qualifier="ước đạt")]),
    ("comparison_clause_opens_with_so",
     "Thu ngân sách trên địa bàn là 215 tỷ đồng, so dự toán giao đạt 61% và bằng 104% so với cùng kỳ.",
     [ind("Thu ngân sách trên địa bàn", 215e9, "VND",
          [("of_plan", 61, "dự toán giao"), ("of_base", 104, "cùng kỳ")])]),
    ("exceeded_target_then_change",
     "Tỷ lệ người dân tham gia bảo hiểm y tế đạt 93,2%, vượt chỉ tiêu nghị quyết và tăng 1,8% so cùng kỳ.",
     [ind("Tỷ lệ người dân tham gia bảo hiểm y tế", 93.2, "%", [("change", 1.8, "cùng kỳ")])]),
    ("same_unit_change_without_base",
     "Sản lượng ngô đạt 9.500 tấn, giảm 320 tấn.",
     [ind("Sản lượng ngô", 9500, "tấn", [("change", -320, None)])]),
    ("equivalent_percentage",
     "Năng suất lúa đạt 61,5 tạ/ha, tăng 2,1 tạ/ha so với năm trước, tương đương 3,5%.",
     [ind("Năng suất lúa", 61.5, "tạ/ha", [("change", 2.1, "năm trước"), ("equivalent", 3.5, None)])]),
    ("herd_count_after_measure_name",
     "Duy trì tổng đàn trâu, bò khoảng 42 nghìn con.",
     [ind("tổng đàn trâu, bò", 42000, "con", qualifier="khoảng")]),
    ("share_said_before_the_figure",
     "Nhóm hàng nông sản chiếm tỷ trọng 12,4%, đạt 86,5 triệu USD, tăng 6,2%.",
     [ind("Nhóm hàng nông sản", 86.5e6, "USD", [("share", 12.4, None), ("change", 6.2, None)])]),
    ("share_in_parentheses",
     "Chăn nuôi phát triển khá, tăng tỷ lệ chăn nuôi gia cầm quy mô trang trại (trên 45% tổng đàn).",
     [ind("tỷ lệ chăn nuôi gia cầm quy mô trang trại", 45, "%", qualifier="trên")]),
    ("share_in_parentheses_then_change",
     "Thị trường châu Âu (chiếm tỷ trọng 18,3% tổng kim ngạch) tăng 9,4% so với cùng kỳ.",
     [ind("Thị trường châu Âu", 9.4, "%", [("share", 18.3, "tổng kim ngạch"), ("change", 9.4, "cùng kỳ")])]),
    ("decrease_named_after",
     "Thành phố phấn đấu năm 2024 giảm 0,5% hộ nghèo.",
     [ind("hộ nghèo", 0.5, "%", [("change", -0.5, None)], status="target")]),
    ("cost_after_voi",
     "Xét hỗ trợ 2.300 trường hợp khó khăn với hơn 4,5 tỷ đồng.",
     [ind("trường hợp khó khăn", 2300, "trường hợp", [("cost", 4.5e9, None)])]),
    ("den_inside_name",
     "Lượng khách du lịch đến tỉnh đạt 520.000 lượt.",
     [ind("Lượng khách du lịch đến tỉnh", 520000, "lượt")]),
    ("ten_thousand_unit_van",
     "Tổng sản lượng lương thực đạt trên 58 vạn tấn.",
     [ind("Tổng sản lượng lương thực", 580000, "tấn", qualifier="trên")]),
    ("tai_phrase_inside_name",
     "Tổng lượt khách nghỉ tại các cơ sở lưu trú trên địa bàn đạt gần 96 ngàn lượt.",
     [ind("Tổng lượt khách nghỉ tại các cơ sở lưu trú trên địa bàn", 96000, "lượt", qualifier="gần")]),
    ("tai_opening_the_sentence_is_no_name",
     "Tại hội nghị, thu ngân sách huyện đạt 5 tỷ đồng.",
     [ind("thu ngân sách huyện", 5e9, "VND")]),
    ("admitted_with_duoc_after_adverb",
     "Các chi bộ đã kết nạp được 42 quần chúng ưu tú vào Đảng, vượt 5% so với chỉ tiêu.",
     [ind("quần chúng ưu tú vào Đảng", 42, "quần chúng", [("over_plan", 5, "chỉ tiêu")])]),
    ("target_plan_base_in_name",
     "Phấn đấu giải ngân 100% kế hoạch vốn đầu tư công.",
     [ind("giải ngân kế hoạch vốn đầu tư công", 100, "%", [("of_plan", 100, "kế hoạch vốn đầu tư công")],
          status="target")]),
]


def _got(rec):
    return {"name": rec["name"], "value": rec["value"], "unit": rec["unit"],
            "comparisons": [(c["relation"], c["value"], c["base"]) for c in rec["comparisons"]],
            "status": rec["status"], "qualifier": rec["qualifier"]}


@pytest.mark.parametrize("case_id,text,expected", CASES, ids=[c[0] for c in CASES])
def test_indicators(run, case_id, text, expected):
    got = [_got(r) for r in run(text, published=PUB)["indicators"]]
    assert len(got) == len(expected), got
    for g, e in zip(got, expected):
        assert g["name"] == e["name"]
        assert g["value"] == pytest.approx(e["value"])
        assert g["unit"] == e["unit"]
        assert g["status"] == e["status"]
        assert g["qualifier"] == e["qualifier"]
        assert len(g["comparisons"]) == len(e["comparisons"]), g["comparisons"]
        for (rel, val, base), (erel, evalue, ebase) in zip(g["comparisons"], e["comparisons"]):
            assert (rel, base) == (erel, ebase)
            assert val == pytest.approx(evalue)


def test_enough_cases():
    assert len(CASES) >= 40


# --- record shape ----------------------------------------------------------------------------

def test_record_fields_and_span(run):
    text = "Năm nay, thu ngân sách trên địa bàn huyện Tiên Yên đạt 200 tỷ đồng, bằng 95% dự toán."
    rec = run(text, published=PUB)["indicators"][0]
    for field in ("name", "value", "unit", "qualifier", "status", "period", "comparisons", "sentence",
                  "span", "place", "rule", "score"):
        assert field in rec
    assert text[rec["span"][0]:rec["span"][1]] == "200 tỷ đồng"
    assert rec["sentence"] == text
    assert rec["place"] == "huyện Tiên Yên"
    assert 0 < rec["score"] <= 1 and rec["rule"].startswith("indicator.")


@pytest.mark.parametrize("text,place", [
    ("UBND huyện Tiên Yên họp. Thu ngân sách huyện đạt 20 tỷ đồng. Xã Đông Ngũ có 3 thôn đạt chuẩn, "
     "xã Đông Ngũ còn 2 thôn. Huyện Tiên Yên có 11 xã.", "huyện Tiên Yên"),
    ("Đảng bộ huyện tổ chức hội nghị; huyện giảm 45 hộ nghèo; xã Lương Mông đạt chuẩn, xã Lương Mông "
     "được khen.", None),
    ("Tỉnh Quảng Ninh có 13 huyện; thu ngân sách tỉnh đạt 50.000 tỷ đồng; toàn tỉnh tăng 10%.", "tỉnh Quảng Ninh"),
])
def test_place_is_the_article_locality(run, text, place):
    inds = run(text, published=PUB)["indicators"]
    assert inds and all(i["place"] == place for i in inds)


# --- periods: written against the periods contract of the dates stage -------------------------

def _with_periods(nlp, text, periods, published=PUB):
    """Run the pipeline with period records placed where ``periods`` says (text -> start,
    end): the dates stage's contract ({text, span, start_date, end_date, granularity})."""
    from extractor.document import add_record

    doc = nlp.make_doc(text)
    doc._.meta["published"] = published
    for name, proc in nlp.pipeline:
        if name == "vngov_indicators":
            have = {tuple(r["span"]) for r in doc._.records.get("periods") or []}
            for ptext, (start, end) in periods.items():
                at = 0
                while (at := text.find(ptext, at)) >= 0:
                    if (at, at + len(ptext)) not in have and doc._.claims.is_free(at, at + len(ptext)):
                        add_record(doc, "periods", {"text": ptext, "span": [at, at + len(ptext)],
                                                    "start_date": start, "end_date": end,
                                                    "granularity": "span"})
                        doc._.claims.claim(at, at + len(ptext), "periods")
                    at += len(ptext)
        doc = proc(doc)
    return doc._.records["indicators"]


NINE = ("2023-01-01", "2023-09-30")
Q4 = ("2023-10-01", "2023-12-31")
YEAR = ("2023-01-01", "2023-12-31")


def test_period_carries_in_paragraph_and_falls_back(nlp):
    text = ("Kỳ họp đánh giá kết quả 9 tháng đầu năm, triển khai nhiệm vụ 3 tháng cuối năm 2023.\n\n"
            "Trong 9 tháng đầu năm, thu ngân sách đạt 30 tỷ đồng. Giải ngân vốn đầu tư công đạt 70%.\n\n"
            "Tỷ lệ hộ nghèo còn 2,1%.\n\n"
            "Phấn đấu cả năm 2023 thu ngân sách đạt 40 tỷ đồng. Phấn đấu tỷ lệ hộ nghèo dưới 2%.")
    inds = _with_periods(nlp, text, {"9 tháng đầu năm": NINE, "3 tháng cuối năm 2023": Q4,
                                     "năm 2023": YEAR})
    got = [(i["name"], i["status"], (i["period"] or {}).get("start_date"), (i["period"] or {}).get("end_date"))
           for i in inds]
    assert got == [
        ("thu ngân sách", "actual", *NINE),          # "Trong 9 tháng đầu năm," opens the paragraph
        ("Giải ngân vốn đầu tư công", "actual", *NINE),  # carried to the next sentence
        ("Tỷ lệ hộ nghèo", "actual", *NINE),          # no period here: the article's reporting period
        ("thu ngân sách", "target", *YEAR),           # a period in its own clause
        ("tỷ lệ hộ nghèo", "target", *Q4),            # targets fall back to the period still to come
    ]
    assert inds[0]["period"]["text"] == "9 tháng đầu năm"


def test_period_in_name_is_not_name(nlp):
    text = "Tổng thu ngân sách 6 tháng đầu năm 2023 ước đạt 500 tỷ đồng, bằng 52% dự toán."
    inds = _with_periods(nlp, text, {"6 tháng đầu năm 2023": ("2023-01-01", "2023-06-30")})
    assert [(i["name"], i["period"]["end_date"]) for i in inds] == [("Tổng thu ngân sách", "2023-06-30")]


def test_no_period_anywhere_gives_none(run):
    rec = run("Tỷ lệ hộ nghèo còn 2,1%.", published=PUB)["indicators"][0]
    assert rec["period"] is None


@pytest.mark.parametrize("periods,published,expected", [
    # the most frequent period that ended by publication; the most frequent one still running
    ([NINE, Q4, NINE, YEAR, YEAR, YEAR], "2023-10-15", (NINE, YEAR)),
    ([("2020-01-01", "2025-12-31"), NINE], "2023-10-15", (NINE, None)),   # a term is a label
    ([Q4, NINE], None, (Q4, None)),                                       # unknown date: first
    ([], "2023-10-15", (None, None)),
])
def test_main_periods(periods, published, expected):
    recs = [{"text": "x", "start_date": s, "end_date": e} for s, e in periods]
    actual, target = main_periods(recs, published)
    got = tuple(None if r is None else (r["start_date"], r["end_date"]) for r in (actual, target))
    assert got == expected


# --- rule examples double as tests --------------------------------------------------------------

EXAMPLES = load_rules()["indicators"]["examples"]


@pytest.mark.parametrize("ex", EXAMPLES, ids=[e["text"][:40] for e in EXAMPLES])
def test_rule_examples(run, ex):
    got = run(ex["text"], published=ex.get("published", PUB))["indicators"]
    assert len(got) == len(ex["indicators"])
    for g, e in zip(got, ex["indicators"]):
        for key in ("name", "unit", "status"):
            assert g[key] == e[key]
        assert g["value"] == pytest.approx(e["value"])
        if "qualifier" in e:
            assert g["qualifier"] == e["qualifier"]
        assert [(c["relation"], c["value"], c["base"]) for c in g["comparisons"]] == \
            [(c["relation"], c["value"], c["base"]) for c in e["comparisons"]]
