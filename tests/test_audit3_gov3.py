"""Patterns left open by the second meeting-page audit 3 helper and seen on officials-rich
pages (appointments, elections, attendee lists), checked on sentences written for these tests;
people and places are invented.

- a body's name that holds its owner ("Ban Chỉ đạo của Chính phủ về …") while "của" in an
  ordinary clause still ends the title;
- a topic that is a list ("về phòng, chống tham nhũng, tiêu cực");
- a title shared by the names of "A và B", or by every member of a list that a plural word or
  a colon opens; a name with its own title or honorific keeps its own.
"""
from __future__ import annotations

import pytest


def _titles(result: dict) -> dict[str, list[str]]:
    return {o["name"]: o["titles"] for o in result["officials"]}


OWNED_BODIES = [
    ("Ông Lưu Văn Khang, Phó Trưởng Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ và "
     "chuyển đổi số dự hội nghị.",
     "Lưu Văn Khang",
     ["Phó Trưởng Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ và chuyển đổi số"]),
    ("Thủ tướng Đặng Quốc Bảo, Trưởng Ban Chỉ đạo của Chính phủ về khoa học, công nghệ, đổi mới sáng "
     "tạo, chuyển đổi số và Đề án 09 chủ trì phiên họp.",
     "Đặng Quốc Bảo",
     ["Thủ tướng", "Trưởng Ban Chỉ đạo của Chính phủ về khoa học, công nghệ, đổi mới sáng tạo, "
                   "chuyển đổi số và Đề án 09"]),
    ("Bà Trịnh Thu Hà, Chủ tịch Hội đồng của tỉnh về thi đua khen thưởng phát biểu.",
     "Trịnh Thu Hà", ["Chủ tịch Hội đồng của tỉnh về thi đua khen thưởng"]),
    # "của" in an ordinary clause ends the title
    ("Ông Lưu Văn Khang, Chủ tịch UBND tỉnh của nhiệm kỳ trước phát biểu.",
     "Lưu Văn Khang", ["Chủ tịch Ủy ban nhân dân tỉnh"]),
    ("Ông Lưu Văn Khang, Giám đốc Sở Tài chính của tỉnh phát biểu.",
     "Lưu Văn Khang", ["Giám đốc Sở Tài chính"]),
]


@pytest.mark.parametrize("text,name,titles", OWNED_BODIES)
def test_body_name_with_its_owner(run, text, name, titles):
    assert _titles(run(text)).get(name) == titles


TOPIC_LISTS = [
    ("Ông Quách Văn Tiến, Trưởng Ban Chỉ đạo tỉnh về phòng, chống tham nhũng, tiêu cực chủ trì hội nghị.",
     "Quách Văn Tiến", ["Trưởng Ban Chỉ đạo tỉnh về phòng, chống tham nhũng, tiêu cực"]),
    ("Bà Mai Thị Ngân, Phó Trưởng Ban Chỉ đạo về phòng, chống tham nhũng, lãng phí, tiêu cực phát biểu.",
     "Mai Thị Ngân", ["Phó Trưởng Ban Chỉ đạo về phòng, chống tham nhũng, lãng phí, tiêu cực"]),
    # a clause after the comma is no list item: the topic ends before it
    ("Ông Quách Văn Tiến, Trưởng Ban Chỉ đạo về chuyển đổi số, Bí thư Huyện ủy chủ trì hội nghị.",
     "Quách Văn Tiến", ["Trưởng Ban Chỉ đạo về chuyển đổi số", "Bí thư Huyện ủy"]),
    ("Ông Quách Văn Tiến, Trưởng Ban Chỉ đạo về chuyển đổi số, cho hay năm nay tỉnh sẽ số hóa hồ sơ.",
     "Quách Văn Tiến", ["Trưởng Ban Chỉ đạo về chuyển đổi số"]),
]


@pytest.mark.parametrize("text,name,titles", TOPIC_LISTS)
def test_topic_that_is_a_list(run, text, name, titles):
    assert _titles(run(text)).get(name) == titles


SHARED = [
    # plural word before a chain of titles: both names hold the whole chain
    ("Phiên họp có sự tham gia của các Phó Thủ tướng Chính phủ, Phó Trưởng Ban Chỉ đạo Hồ Văn Tâm "
     "và Trần Thị Mai; đại diện các bộ, ngành.",
     {"Hồ Văn Tâm": ["Phó Thủ tướng Chính phủ", "Phó Trưởng Ban Chỉ đạo"],
      "Trần Thị Mai": ["Phó Thủ tướng Chính phủ", "Phó Trưởng Ban Chỉ đạo"]}),
    # no plural word: a full name after "và" with nothing of its own shares the title
    ("Dự hội nghị có Phó Trưởng Ban Chỉ đạo Hồ Văn Tâm và Trần Thị Mai.",
     {"Hồ Văn Tâm": ["Phó Trưởng Ban Chỉ đạo"], "Trần Thị Mai": ["Phó Trưởng Ban Chỉ đạo"]}),
    ("Dự hội nghị có Phó Chủ tịch UBND tỉnh Hồ Văn Tâm và Trần Thị Mai.",
     {"Hồ Văn Tâm": ["Phó Chủ tịch Ủy ban nhân dân tỉnh"],
      "Trần Thị Mai": ["Phó Chủ tịch Ủy ban nhân dân tỉnh"]}),
    # a name with an honorific and a title of its own keeps its own
    ("Dự hội nghị có Phó Chủ tịch UBND tỉnh Hồ Văn Tâm và đồng chí Trần Thị Mai, Bí thư Huyện ủy.",
     {"Hồ Văn Tâm": ["Phó Chủ tịch Ủy ban nhân dân tỉnh"], "Trần Thị Mai": ["Bí thư Huyện ủy"]}),
    ("Bí thư Tỉnh ủy Hồ Văn Tâm và Trần Văn Mạnh, Chủ tịch UBND tỉnh dự lễ.",
     {"Hồ Văn Tâm": ["Bí thư Tỉnh ủy"], "Trần Văn Mạnh": ["Chủ tịch Ủy ban nhân dân tỉnh"]}),
    # "ông" before the second name: no title is shared, and a person with none is no official
    ("Bí thư Tỉnh ủy Hồ Văn Tâm và ông Trần Văn Mạnh trao quà cho các hộ nghèo.",
     {"Hồ Văn Tâm": ["Bí thư Tỉnh ủy"]}),
    # a colon list whose members have titles of their own: the title before the colon is shared
    ("Cùng dự có các đồng chí là Ủy viên Ban Thường vụ Tỉnh ủy: Lò Văn Tám, Trưởng Ban Dân vận Tỉnh ủy; "
     "Hà Thị Hoa, Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy.",
     {"Lò Văn Tám": ["Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng Ban Dân vận Tỉnh ủy"],
      "Hà Thị Hoa": ["Ủy viên Ban Thường vụ Tỉnh ủy", "Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy"]}),
    # a list opened by "các đồng chí:" holds no shared title
    ("Dự có các đồng chí: Lò Văn Tám, Trưởng Ban Dân vận Tỉnh ủy; Hà Thị Hoa, Chủ nhiệm Ủy ban Kiểm tra "
     "Tỉnh ủy.",
     {"Lò Văn Tám": ["Trưởng Ban Dân vận Tỉnh ủy"], "Hà Thị Hoa": ["Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy"]}),
]


@pytest.mark.parametrize("text,expected", SHARED)
def test_shared_titles(run, text, expected):
    assert _titles(run(text)) == expected


GIVEN_NAMES_LIKE_HEADS = [
    ("Dự phiên họp có Đại tá Nguyễn Thanh Trường, Giám đốc Công an tỉnh.",
     {"Nguyễn Thanh Trường": ["Giám đốc Công an tỉnh"]}),
    ("Ông Lê Văn Hội, Chủ tịch Hội Nông dân tỉnh phát biểu.",
     {"Lê Văn Hội": ["Chủ tịch Hội Nông dân tỉnh"]}),
    # followed by a capitalised name, the word opens the school's name
    ("Ông Lê Văn Tâm, Hiệu trưởng Trường THCS Nguyễn Văn Trỗi dự lễ khai giảng.",
     {"Lê Văn Tâm": ["Hiệu trưởng Trường THCS Nguyễn Văn Trỗi"]}),
]


@pytest.mark.parametrize("text,expected", GIVEN_NAMES_LIKE_HEADS)
def test_given_name_that_is_an_organisation_head(run, text, expected):
    assert _titles(run(text)) == expected
