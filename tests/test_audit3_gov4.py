"""Patterns left open after the third officials audit, checked on sentences written for these
tests; people and places are invented.

- a title gained by election or appointment ("A được bầu làm …", "A tái đắc cử chức …",
  "A tiếp tục được đảm nhận chức …", "bầu ông A làm chủ tịch …"), also in lower case; a
  membership ("được bầu vào Ban Chấp hành") is no title; "khóa"/"nhiệm kỳ" stay in a title only
  with a Roman numeral after them;
- "TP." that ends a sentence ends the title, and a title in the sentence before is nobody's;
- a given name that is also a one-word organisation head ("Đài", "Viện") closed by a comma.
"""
from __future__ import annotations

import pytest


def _titles(result: dict) -> dict[str, list[str]]:
    return {o["name"]: o["titles"] for o in result["officials"]}


APPOINTMENTS = [
    ("Ông Đinh Công Lực được bầu làm Chủ tịch HĐND huyện nhiệm kỳ 2026-2031.",
     "Đinh Công Lực", ["Chủ tịch Hội đồng nhân dân huyện"]),
    ("Bà Kiều Thị Nhàn được bầu giữ chức Phó Chủ tịch UBND xã Tân Mỹ.",
     "Kiều Thị Nhàn", ["Phó Chủ tịch Ủy ban nhân dân xã Tân Mỹ"]),
    ("Đồng chí Hà Quốc Vinh tái đắc cử chức Bí thư Đảng ủy xã khóa mới.",
     "Hà Quốc Vinh", ["Bí thư Đảng ủy xã"]),
    ("Ông Tạ Minh Trí tiếp tục được đảm nhận chức Giám đốc Sở Xây dựng.",
     "Tạ Minh Trí", ["Giám đốc Sở Xây dựng"]),
    ("Ông Lục Văn Thiện vừa được bổ nhiệm làm Chánh Thanh tra tỉnh.",
     "Lục Văn Thiện", ["Chánh Thanh tra tỉnh"]),
    ("Bà Âu Thị Hằng đã chính thức được bổ nhiệm giữ chức Phó Giám đốc Sở Tư pháp.",
     "Âu Thị Hằng", ["Phó Giám đốc Sở Tư pháp"]),
    # lower case after an appointment link
    ("Ông Mạc Văn Khiêm được bầu làm chủ tịch HĐND thị xã.",
     "Mạc Văn Khiêm", ["chủ tịch Hội đồng nhân dân thị xã"]),
    # the appointing verb before the name
    ("Hội đồng nhân dân đã bầu ông Lại Đức Toàn làm chủ tịch UBND huyện.",
     "Lại Đức Toàn", ["chủ tịch Ủy ban nhân dân huyện"]),
    ("Ban Thường vụ bổ nhiệm bà Thân Thị Duyên giữ chức Trưởng phòng Nội vụ huyện.",
     "Thân Thị Duyên", ["Trưởng phòng Nội vụ huyện"]),
    # a title already held, then the new one
    ("Ông Đinh Công Lực, Phó Chủ tịch UBND huyện, được bầu giữ chức Chủ tịch UBND huyện.",
     "Đinh Công Lực", ["Phó Chủ tịch Ủy ban nhân dân huyện", "Chủ tịch Ủy ban nhân dân huyện"]),
    # "khóa" with its numeral stays in the title
    ("Ông Hà Quốc Vinh được bầu làm Ủy viên Ban Chấp hành Đảng bộ huyện khóa XXIV.",
     "Hà Quốc Vinh", ["Ủy viên Ban Chấp hành Đảng bộ huyện khóa XXIV"]),
]


@pytest.mark.parametrize("text,name,titles", APPOINTMENTS)
def test_title_gained_by_election_or_appointment(run, text, name, titles):
    assert _titles(run(text)).get(name) == titles


NOT_TITLES = [
    # membership of a body
    "Ông Khổng Văn Lâm được bầu vào Ban Chấp hành Đảng bộ tỉnh.",
    # a lower-case title after "làm" with no appointment is a task, not a position
    "Ông Khổng Văn Lâm làm trưởng đoàn công tác.",
    # words other than adverbs between the name and the link
    "Ông Khổng Văn Lâm cho rằng người được bầu làm chủ tịch phải có uy tín.",
]


@pytest.mark.parametrize("text", NOT_TITLES)
def test_no_title_without_a_position(run, text):
    assert "Khổng Văn Lâm" not in _titles(run(text))


CITY_AT_SENTENCE_END = [
    ("Kỳ họp đã bầu bổ sung phó chủ tịch HĐND TP. Ông Trịnh Văn Quang nhận đa số phiếu.",
     "Trịnh Văn Quang", None),
    ("Ông Trịnh Văn Quang, Phó Chủ tịch UBND TP. Bà Đoàn Thị Yến phát biểu sau đó.",
     "Trịnh Văn Quang", ["Phó Chủ tịch Ủy ban nhân dân TP."]),
    # "TP." inside a name still takes the city's name
    ("Ông Trịnh Văn Quang, Phó Chủ tịch UBND TP. Hồ Chí Minh dự lễ.",
     "Trịnh Văn Quang", ["Phó Chủ tịch Ủy ban nhân dân TP. Hồ Chí Minh"]),
]


@pytest.mark.parametrize("text,name,titles", CITY_AT_SENTENCE_END)
def test_city_abbreviation_at_sentence_end(run, text, name, titles):
    found = _titles(run(text))
    assert found.get(name) == titles
    assert not any("Ông" in t or "Bà" in t for ts in found.values() for t in ts)


@pytest.mark.parametrize("given", ["Đài", "Viện", "Cục"])
def test_given_name_that_is_an_organisation_head(run, given):
    text = (f"Trao Quyết định điều động đồng chí Lý Thanh {given}, Phó Giám đốc Sở Công Thương "
            "về công tác tại huyện.")
    assert _titles(run(text)).get(f"Lý Thanh {given}") == ["Phó Giám đốc Sở Công Thương"]


def test_organisation_after_a_name_still_an_organisation(run):
    found = _titles(run("Ông Lý Thanh Bình, Giám đốc Đài Phát thanh và Truyền hình tỉnh phát biểu."))
    assert found.get("Lý Thanh Bình") == ["Giám đốc Đài Phát thanh và Truyền hình tỉnh"]
