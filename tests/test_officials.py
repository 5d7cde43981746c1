"""Officials: names from Vietnamese name structure, titles on either side, chains, merging.

Every sentence here is written for these tests (facts and patterns of Vietnamese government
news, no copied text). Each case lists the officials expected, in order of first mention, as
(name, titles with abbreviations written out).
"""
from __future__ import annotations

import pytest

from extractor.rules import fold, load_rules

T = "Tỉnh ủy viên"

CASES = [
    # --- a chain after the name, split on "-" and "," ------------------------------------
    ("Đồng chí Nguyễn Minh Sơn - TUV, Bí thư Huyện ủy chủ trì kỳ họp.",
     [("Nguyễn Minh Sơn", [T, "Bí thư Huyện ủy"])]),
    ("Dự hội nghị có đồng chí Hoàng Văn Tùng, Tỉnh ủy viên, Bí thư Huyện ủy, Chủ tịch HĐND huyện, "
     "Trưởng Tiểu ban văn kiện Đại hội.",
     [("Hoàng Văn Tùng", [T, "Bí thư Huyện ủy", "Chủ tịch Hội đồng nhân dân huyện",
                          "Trưởng Tiểu ban văn kiện Đại hội"])]),
    ("Tại bản Nà Sang, ông Lò Văn Hải-Phó Bí thư Chi bộ bản cho biết năm nay có 12 hộ thoát nghèo.",
     [("Lò Văn Hải", ["Phó Bí thư Chi bộ bản"])]),
    ("Đồng chí Lê Thị Thu, PCT UBND huyện kiêm Trưởng Ban Chỉ đạo phát biểu.",
     [("Lê Thị Thu", ["Phó Chủ tịch Ủy ban nhân dân huyện", "Trưởng Ban Chỉ đạo"])]),
    ("Đồng chí Vàng Seo Páo, Ủy viên BCH Đảng bộ tỉnh, Bí thư Đảng ủy xã Tả Van trình bày báo cáo.",
     [("Vàng Seo Páo", ["Ủy viên Ban Chấp hành Đảng bộ tỉnh", "Bí thư Đảng ủy xã Tả Van"])]),
    ("Bà Hà Thị Nga, Ủy viên Trung ương Đảng, Chủ tịch Hội Liên hiệp Phụ nữ Việt Nam tặng quà.",
     [("Hà Thị Nga", ["Ủy viên Trung ương Đảng", "Chủ tịch Hội Liên hiệp Phụ nữ Việt Nam"])]),
    ("Ông Quàng Văn Hương, nguyên Chủ tịch UBND xã Mường Giàng chia sẻ kinh nghiệm.",
     [("Quàng Văn Hương", ["nguyên Chủ tịch Ủy ban nhân dân xã Mường Giàng"])]),
    ("Dự buổi lễ có ông Nguyễn Văn Hải, Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch.",
     [("Nguyễn Văn Hải", ["Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch"])]),
    ("Theo đồng chí Bàn Văn Lịch, Trưởng phòng Nông nghiệp và PTNT huyện, năng suất lúa tăng.",
     [("Bàn Văn Lịch", ["Trưởng phòng Nông nghiệp và PTNT huyện"])]),
    ("Ông Nguyễn Văn Tiến (Phó Chủ tịch UBND xã Đạp Thanh) cho biết xã đã đạt 19 tiêu chí.",
     [("Nguyễn Văn Tiến", ["Phó Chủ tịch Ủy ban nhân dân xã Đạp Thanh"])]),
    ("Quyết định bổ nhiệm ông Hoàng Minh Tuấn giữ chức Phó Giám đốc Sở Y tế.",
     [("Hoàng Minh Tuấn", ["Phó Giám đốc Sở Y tế"])]),
    ("Ông Lê Văn Ba, Giám đốc Công ty TNHH Hoàng Long cho biết doanh thu tăng.",
     [("Lê Văn Ba", ["Giám đốc Công ty TNHH Hoàng Long"])]),
    ("Đồng chí Triệu Tài Vinh, Phó Trưởng Ban Kinh tế Trung ương làm việc với huyện.",
     [("Triệu Tài Vinh", ["Phó Trưởng Ban Kinh tế Trung ương"])]),
    ("Bà Đinh Thị Mai - ĐBQH tỉnh phát biểu tại buổi tiếp xúc cử tri.",
     [("Đinh Thị Mai", ["Đại biểu Quốc hội tỉnh"])]),
    ("Đồng chí Nguyễn Thị Hải Yến, Phó Chủ tịch UBND tỉnh Lạng Sơn, Trưởng Ban Chỉ đạo phòng, chống "
     "dịch COVID-19 tỉnh chủ trì cuộc họp.",
     [("Nguyễn Thị Hải Yến", ["Phó Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn",
                              "Trưởng Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh"])]),
    ("Ông Lý Văn Tài, nguyên Bí thư Chi bộ thôn Khuổi Bốc, nay là Trưởng thôn cho biết.",
     [("Lý Văn Tài", ["nguyên Bí thư Chi bộ thôn Khuổi Bốc", "Trưởng thôn"])]),
    ("Đồng chí Đàm Quang Trung, Phó Trưởng đoàn chuyên trách Đoàn ĐBQH tỉnh chủ trì buổi tiếp xúc cử tri.",
     [("Đàm Quang Trung", ["Phó Trưởng đoàn chuyên trách Đoàn Đại biểu Quốc hội tỉnh"])]),
    ("Đoàn công tác của Tỉnh ủy do đồng chí Nguyễn Văn Thành, Phó Bí thư Thường trực Tỉnh ủy làm "
     "trưởng đoàn đã làm việc với huyện.",
     [("Nguyễn Văn Thành", ["Phó Bí thư Thường trực Tỉnh ủy"])]),
    ("Đồng chí Ma Thị Nguyệt, Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Tỉnh ủy Tuyên Quang trao quyết định.",
     [("Ma Thị Nguyệt", ["Ủy viên Ban Thường vụ", "Trưởng Ban Tổ chức Tỉnh ủy Tuyên Quang"])]),
    # --- titles before the name ------------------------------------------------------------
    ("Bí thư Huyện ủy Nguyễn Minh Sơn phát biểu chỉ đạo hội nghị.",
     [("Nguyễn Minh Sơn", ["Bí thư Huyện ủy"])]),
    ("Phó Thủ tướng Chính phủ Trần Văn An làm việc với tỉnh Hà Giang.",
     [("Trần Văn An", ["Phó Thủ tướng Chính phủ"])]),
    ("Chủ tịch UBND tỉnh Quảng Ninh Nguyễn Văn Thắng kiểm tra công trình.",
     [("Nguyễn Văn Thắng", ["Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh"])]),
    ("Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên phát biểu.",
     [("Nguyễn Hồng Diên", ["Bộ trưởng Bộ Công Thương"])]),
    ("Giám đốc Sở Nông nghiệp và Phát triển nông thôn Phạm Văn Dũng báo cáo tình hình sản xuất.",
     [("Phạm Văn Dũng", ["Giám đốc Sở Nông nghiệp và Phát triển nông thôn"])]),
    ("Tại hội nghị, Phó Chủ tịch Thường trực UBND tỉnh Đặng Xuân Phong đã quán triệt nội dung.",
     [("Đặng Xuân Phong", ["Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh"])]),
    ("Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Nguyễn Xuân Ký chủ trì hội nghị.",
     [("Nguyễn Xuân Ký", ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy"])]),
    ("Bí thư Đoàn TNCS Hồ Chí Minh huyện Lê Văn Tâm phát biểu.",
     [("Lê Văn Tâm", ["Bí thư Đoàn TNCS Hồ Chí Minh huyện"])]),
    ("phó chủ tịch UBND xã Đinh Văn Tư cho biết xã có 30 hộ nghèo.",
     [("Đinh Văn Tư", ["phó chủ tịch Ủy ban nhân dân xã"])]),
    ("Thủ tướng Phạm Minh Chính chủ trì phiên họp Chính phủ thường kỳ tháng 5.",
     [("Phạm Minh Chính", ["Thủ tướng"])]),
    # --- ranks: kept apart from name and titles ---------------------------------------------
    ("Đại tá Nguyễn Văn Bình, Chỉ huy trưởng Bộ CHQS tỉnh phát biểu tại buổi lễ.",
     [("Nguyễn Văn Bình", ["Chỉ huy trưởng Bộ CHQS tỉnh"])]),
    ("Thượng tướng Tô Lâm, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an dự lễ.",
     [("Tô Lâm", ["Ủy viên Bộ Chính trị", "Bộ trưởng Bộ Công an"])]),
    ("Thiếu tướng Hoàng Anh Tuấn, Phó Tư lệnh Quân khu 3 thăm đơn vị.",
     [("Hoàng Anh Tuấn", ["Phó Tư lệnh Quân khu 3"])]),
    ("Trung tá Lê Hồng Quân, Trưởng Công an huyện đề nghị nhân dân cảnh giác.",
     [("Lê Hồng Quân", ["Trưởng Công an huyện"])]),
    ("PGS.TS. Đặng Thị Hạnh, Hiệu trưởng Trường Đại học Y Thái Bình trình bày tham luận.",
     [("Đặng Thị Hạnh", ["Hiệu trưởng Trường Đại học Y Thái Bình"])]),
    # --- ethnic-minority names -----------------------------------------------------------------
    ("Ông Y Thanh Hà Niê Kdăm, Phó Chủ tịch Quốc hội cùng đoàn công tác thăm hỏi bà con.",
     [("Y Thanh Hà Niê Kdăm", ["Phó Chủ tịch Quốc hội"])]),
    ("Đồng chí Giàng A Tủa, Chủ tịch UBND xã Sín Chéng cho biết toàn xã có 200 hộ nghèo.",
     [("Giàng A Tủa", ["Chủ tịch Ủy ban nhân dân xã Sín Chéng"])]),
    ("Đồng chí Ksor Phước, Ủy viên BCH Trung ương Đảng phát biểu.",
     [("Ksor Phước", ["Ủy viên Ban Chấp hành Trung ương Đảng"])]),
    ("Ông Điểu K'Ré, Trưởng ấp 3 phát biểu ý kiến.",
     [("Điểu K'Ré", ["Trưởng ấp 3"])]),
    ("Ông Ksoa Hlin, Trưởng buôn Ea Kmăt cho biết. Ông Ksoa Hlin cũng là người có uy tín trong buôn.",
     [("Ksoa Hlin", ["Trưởng buôn Ea Kmăt"])]),
    ("Chủ tịch HĐND xã Chảo Láo Lở cho biết xã có 3 bản đặc biệt khó khăn.",
     [("Chảo Láo Lở", ["Chủ tịch Hội đồng nhân dân xã"])]),
    # --- several people in one sentence --------------------------------------------------------
    ("Tham dự có các đồng chí: Sùng A Lử, Phó Bí thư Thường trực Huyện ủy; Lò Thị Xuân, Chủ tịch UBND huyện.",
     [("Sùng A Lử", ["Phó Bí thư Thường trực Huyện ủy"]), ("Lò Thị Xuân", ["Chủ tịch Ủy ban nhân dân huyện"])]),
    ("Các đồng chí: Phó Bí thư Thường trực Huyện ủy Sùng A Lử; Chủ tịch UBND huyện Lò Thị Xuân dự hội nghị.",
     [("Sùng A Lử", ["Phó Bí thư Thường trực Huyện ủy"]), ("Lò Thị Xuân", ["Chủ tịch Ủy ban nhân dân huyện"])]),
    ("Chủ tịch Quốc hội Vương Đình Huệ, Thủ tướng Chính phủ Phạm Minh Chính dự phiên khai mạc.",
     [("Vương Đình Huệ", ["Chủ tịch Quốc hội"]), ("Phạm Minh Chính", ["Thủ tướng Chính phủ"])]),
    ("Chủ trì hội nghị có các đồng chí: Nguyễn Văn Quang - Bí thư Huyện ủy; Lê Văn Hiếu - Phó Bí thư "
     "Thường trực Huyện ủy; Trần Thị Thu - Phó Bí thư Huyện ủy, Chủ tịch UBND huyện.",
     [("Nguyễn Văn Quang", ["Bí thư Huyện ủy"]), ("Lê Văn Hiếu", ["Phó Bí thư Thường trực Huyện ủy"]),
      ("Trần Thị Thu", ["Phó Bí thư Huyện ủy", "Chủ tịch Ủy ban nhân dân huyện"])]),
    ("Tới dự có Thiếu tướng Nguyễn Văn Nam, Phó Giám đốc Công an tỉnh và Đại tá Lò Văn Thắng, Chính ủy "
     "Bộ Chỉ huy Bộ đội Biên phòng tỉnh.",
     [("Nguyễn Văn Nam", ["Phó Giám đốc Công an tỉnh"]),
      ("Lò Văn Thắng", ["Chính ủy Bộ Chỉ huy Bộ đội Biên phòng tỉnh"])]),
    ("Cùng dự có các đồng chí Phó Chủ tịch UBND tỉnh: Đào Minh Khang, Vũ Đức Thịnh.",
     [("Đào Minh Khang", ["Phó Chủ tịch Ủy ban nhân dân tỉnh"]),
      ("Vũ Đức Thịnh", ["Phó Chủ tịch Ủy ban nhân dân tỉnh"])]),
    ("Đồng chí Mùa A Vảng - Phó Bí thư Huyện ủy, Chủ tịch UBND huyện và đồng chí Lường Văn Khiêm - "
     "Trưởng Ban Tuyên giáo Huyện ủy đồng chủ trì hội nghị.",
     [("Mùa A Vảng", ["Phó Bí thư Huyện ủy", "Chủ tịch Ủy ban nhân dân huyện"]),
      ("Lường Văn Khiêm", ["Trưởng Ban Tuyên giáo Huyện ủy"])]),
    ("Đồng chí Phan Thị Yến, Bí thư Tỉnh ủy Hòa Bình, và lãnh đạo các sở ngành dự.",
     [("Phan Thị Yến", ["Bí thư Tỉnh ủy Hòa Bình"])]),
    # --- one record per person: full names, "ông Sơn", "đồng chí Bí thư Huyện ủy" ----------
    ("Ngày 5/3, đồng chí Nguyễn Văn Hùng, Bí thư Huyện ủy làm việc với xã Thanh Sơn. "
     "Tại buổi làm việc, ông Hùng đề nghị xã đẩy mạnh phát triển kinh tế.",
     [("Nguyễn Văn Hùng", ["Bí thư Huyện ủy"])]),
    ("Đồng chí Trần Quốc Khánh, Chủ tịch UBND huyện phát biểu. "
     "Đồng chí Chủ tịch UBND huyện yêu cầu các xã hoàn thành kế hoạch.",
     [("Trần Quốc Khánh", ["Chủ tịch Ủy ban nhân dân huyện"])]),
    ("Thủ tướng Chính phủ Lê Văn Khải chủ trì phiên họp.\n\nKết luận phiên họp, Thủ tướng Lê Văn Khải "
     "yêu cầu các bộ đẩy nhanh giải ngân.",
     [("Lê Văn Khải", ["Thủ tướng Chính phủ"])]),
    ("Ông Nguyễn Văn Nam cho biết gia đình đã thoát nghèo. Ông Nguyễn Văn Nam, Trưởng thôn Đồng Tâm, "
     "cũng là hộ trồng chè giỏi.",
     [("Nguyễn Văn Nam", ["Trưởng thôn Đồng Tâm"])]),
    # --- patterns found auditing real pages (sentences written here) -----------------------
    # an abbreviation right after "Trưởng Đoàn" names the delegation, it is not a new title
    ("Tiếp cử tri có bà Hoàng Thị Yến, Bí thư Thành ủy, Phó Trưởng Đoàn ĐBQH tỉnh Cao Bằng.",
     [("Hoàng Thị Yến", ["Bí thư Thành ủy", "Phó Trưởng Đoàn Đại biểu Quốc hội tỉnh Cao Bằng"])]),
    ("Ông Lê Văn Toàn, đại biểu Quốc hội chuyên trách, giải trình ý kiến của cử tri.",
     [("Lê Văn Toàn", ["đại biểu Quốc hội chuyên trách"])]),
    # a plural title before "A và B" belongs to both
    ("Cùng dự có các Phó Chủ tịch UBND huyện Trần Văn Hải và Đỗ Thị Mai.",
     [("Trần Văn Hải", ["Phó Chủ tịch Ủy ban nhân dân huyện"]),
      ("Đỗ Thị Mai", ["Phó Chủ tịch Ủy ban nhân dân huyện"])]),
    # "phố" (street) blocks a name, the second syllable of "thành phố" does not
    ("Chủ tịch UBND thành phố Lương Thị Hồng Vân khai mạc hội nghị.",
     [("Lương Thị Hồng Vân", ["Chủ tịch Ủy ban nhân dân thành phố"])]),
    # province names are a closed list: an unknown two-syllable run after "tỉnh" is a person
    ("Phó Chủ tịch UBND tỉnh Trần Sáu đề nghị các sở phối hợp.",
     [("Trần Sáu", ["Phó Chủ tịch Ủy ban nhân dân tỉnh"])]),
    ("Thiếu tướng Lê Đình Khôi- Phó Tổng Tham mưu trưởng đại diện Bộ Quốc phòng dự lễ.",
     [("Lê Đình Khôi", ["Phó Tổng Tham mưu trưởng"])]),
    ("Dự buổi tiếp xúc có các đại biểu: Uông Văn Tâm, Khang A Chứ, Hầu Thị Dợ.",
     []),
    ("Dự buổi tiếp xúc có các Đại biểu Quốc hội: Uông Văn Tâm, Khang A Chứ, Hầu Thị Dợ.",
     [("Uông Văn Tâm", ["Đại biểu Quốc hội"]), ("Khang A Chứ", ["Đại biểu Quốc hội"]),
      ("Hầu Thị Dợ", ["Đại biểu Quốc hội"])]),
]


def _officials(run, text):
    return run(text, published="2021-05-10")["officials"]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_names_and_titles(run, text, expected):
    got = _officials(run, text)
    assert [o["name"] for o in got] == [n for n, _ in expected]
    for o, (_, titles) in zip(got, expected):
        assert [fold(t) for t in o["titles"]] == [fold(t) for t in titles]


@pytest.mark.parametrize("text,ranks", [
    ("Đại tá Nguyễn Văn Bình, Chỉ huy trưởng Bộ CHQS tỉnh phát biểu tại buổi lễ.", ["Đại tá"]),
    ("PGS.TS. Đặng Thị Hạnh, Hiệu trưởng Trường Đại học Y Thái Bình trình bày tham luận.", ["PGS.TS."]),
    ("Thượng tướng Tô Lâm, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an dự lễ.", ["Thượng tướng"]),
])
def test_ranks_are_kept_apart(run, text, ranks):
    (o,) = _officials(run, text)
    assert o["ranks"] == ranks
    assert not any(r in o["name"] for r in ranks)


def test_an_armed_rank_alone_makes_an_official(run):
    (o,) = _officials(run, "Đại tá Phùng Văn Lực dự buổi lễ giao nhận quân.")
    assert (o["name"], o["titles"], o["ranks"]) == ("Phùng Văn Lực", [], ["Đại tá"])


def test_titles_raw_keep_the_abbreviations(run):
    (o,) = _officials(run, "Đồng chí Nguyễn Minh Sơn - TUV, Bí thư HU, Chủ tịch HĐND huyện phát biểu.")
    assert o["titles_raw"] == ["TUV", "Bí thư HU", "Chủ tịch HĐND huyện"]
    assert o["titles"] == ["Tỉnh ủy viên", "Bí thư Huyện ủy", "Chủ tịch Hội đồng nhân dân huyện"]


def test_mentions_are_merged_with_spans(run):
    text = ("Đồng chí Hà Văn Quang - Tỉnh ủy viên, Bí thư Huyện ủy chủ trì hội nghị. Phát biểu kết luận, "
            "đồng chí Hà Văn Quang nhấn mạnh nhiệm vụ. Đồng chí Bí thư Huyện ủy yêu cầu các xã khẩn trương. "
            "Ông Quang cũng trao quà.")
    (o,) = _officials(run, text)
    texts = [m["text"] for m in o["mentions"]]
    assert texts == ["Hà Văn Quang", "Hà Văn Quang", "Bí thư Huyện ủy", "Quang"]
    for m in o["mentions"]:
        assert text[m["span"][0]:m["span"][1]] == m["text"]
    assert o["titles"] == [T, "Bí thư Huyện ủy"]


def test_given_name_shared_by_two_officials_is_not_merged(run):
    text = ("Đồng chí Nguyễn Văn Sơn, Bí thư Huyện ủy và đồng chí Lê Minh Sơn, Chủ tịch UBND huyện dự. "
            "Ông Sơn cho biết huyện đã hoàn thành kế hoạch.")
    got = _officials(run, text)
    assert [o["name"] for o in got] == ["Nguyễn Văn Sơn", "Lê Minh Sơn"]
    assert all(len(o["mentions"]) == 1 for o in got)


def test_title_reference_needs_a_single_holder(run):
    text = ("Đồng chí Vi Văn Tấn, Phó Chủ tịch UBND huyện và đồng chí Lý Thị Hoa, Phó Chủ tịch UBND huyện dự. "
            "Đồng chí Phó Chủ tịch UBND huyện đề nghị các xã rà soát.")
    got = _officials(run, text)
    assert [len(o["mentions"]) for o in got] == [1, 1]


# --- not officials ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Bà H.T.P ở thôn Đông cho biết gia đình đã thoát nghèo.",
    "Ông Nguyễn Văn Nam cho biết gia đình đã thoát nghèo.",
    "Anh Mùa A Sùng ở bản Pá Khoang cho biết gia đình có 5 ha chè.",
    "Hiệu trưởng Trường Đại học Nông lâm Thái Nguyên cho biết nhà trường tuyển 2.000 sinh viên.",
    "Tập trung chỉ đạo 02 xã Thanh Sơn, Đồn Đạc đạt chuẩn nông thôn mới.",
    "Chủ tịch UBND huyện Ba Chẽ đã ký quyết định; Bí thư Tỉnh ủy Hà Giang dự lễ.",
    "Bầu trực tiếp Bí thư tại Đại hội với tỷ lệ phiếu bầu đạt 100%.",
    "Đoàn viên thanh niên học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Các đồng chí Lãnh đạo huyện điều hành kỳ họp.",
])
def test_no_official(run, text):
    assert _officials(run, text) == []


@pytest.mark.parametrize("byline", [
    "Bình Minh/Trung tâm TT&VH Ba Chẽ",
    "Bài, ảnh: Thu Hà",
    "Hoàng Yến (Trung tâm Truyền thông huyện)",
    "Lương Thu Hà",
])
def test_byline_is_not_an_official(run, byline):
    text = ("Ngày 14/10, đồng chí Hoàng Đức Vinh, Bí thư Huyện ủy chủ trì hội nghị sơ kết công tác quý III.\n\n"
            f"{byline}\n")
    got = _officials(run, text)
    assert [o["name"] for o in got] == ["Hoàng Đức Vinh"]


def test_place_names_are_not_people(run):
    text = "Chủ tịch UBND xã Thanh Sơn Hoàng Văn Páo cùng lãnh đạo xã Lương Minh, huyện Ba Chẽ dự."
    got = _officials(run, text)
    assert [(o["name"], o["titles"]) for o in got] == [("Hoàng Văn Páo", ["Chủ tịch Ủy ban nhân dân xã Thanh Sơn"])]


# --- the rule files' own examples ------------------------------------------------------------
def _rule_examples(name):
    return load_rules()[name]["examples"]


@pytest.mark.parametrize("ex", _rule_examples("titles"), ids=lambda e: e["text"][:40])
def test_titles_yaml_examples(run, ex):
    (o,) = _officials(run, ex["text"])
    assert o["name"] == ex["name"]
    assert [fold(t) for t in o["titles"]] == [fold(t) for t in ex["titles"]]
    if "titles_raw" in ex:
        assert o["titles_raw"] == ex["titles_raw"]
    if "ranks" in ex:
        assert o["ranks"] == ex["ranks"]


@pytest.mark.parametrize("ex", _rule_examples("names"), ids=lambda e: e["text"][:40])
def test_names_yaml_examples(run, ex):
    # a name example becomes an official once a title follows it
    (o,) = _officials(run, _with_title(ex["text"], ex["name"]))
    assert o["name"] == ex["name"]
    assert o["ranks"] == ex.get("ranks", [])


def _with_title(text, name):
    at = text.index(name) + len(name)
    return text[:at] + ", Trưởng Ban Dân vận Huyện ủy," + text[at:]


@pytest.mark.parametrize("ex", load_rules()["names"]["byline"]["examples"], ids=lambda e: e["text"][:40])
def test_byline_examples(ex):
    from extractor.recognise.people import PeopleFinder

    assert PeopleFinder(load_rules()).is_byline(ex["text"]) is ex["byline"]


def test_abbreviation_table_agrees_with_the_scorer():
    """Every abbreviation the scorer expands is expanded here, to the same words."""
    import importlib.util
    from pathlib import Path

    path = Path("/work/shared/eval/score.py")
    if not path.exists():
        pytest.skip("scorer not available")
    spec = importlib.util.spec_from_file_location("score", path)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    table = {fold(k).lower(): v for k, v in load_rules()["titles"]["abbreviations"].items()}
    for abbr, expansion in score.ABBREV.items():
        assert abbr in table, abbr
        assert score.norm_title(table[abbr]) == score.norm_title(expansion), abbr


def test_underthesea_ner_is_an_optional_signal(nlp, run):
    """Off by default; switched on, its PER spans are one more source of names ("Đồng" is not
    in the family-name lexicon, and no honorific announces the name)."""
    from extractor import make_nlp

    text = "Bí thư Chi bộ Đồng Văn Sáng cho biết thôn có 40 hộ nghèo."
    assert dict(nlp.pipeline)["vngov_officials"].use_ner is False
    assert run(text)["officials"] == []
    with_ner = make_nlp()
    with_ner.remove_pipe("vngov_officials")
    with_ner.add_pipe("vngov_officials", config={"use_ner": True})
    doc = with_ner(text)
    assert [(o["name"], o["titles"]) for o in doc._.records["officials"]] == [("Đồng Văn Sáng", ["Bí thư Chi bộ"])]
