"""Patterns left open by the first meeting-page audit 3 helper, checked on sentences written for
these tests; people and places are invented.

- a council session with no "chủ trì": its chair is the council's Chủ tịch who opens it
  ("… Chủ tịch HĐND tỉnh phát biểu khai mạc kỳ họp"), or the person named "chủ tọa";
- a body's name that goes on with "về" + a topic ("Ban chỉ đạo quốc gia về Chuyển đổi số"),
  while an ordinary "về" ("về dự", "về Cà Mau") still ends the title;
- a meeting named in the page title that the body only reports as a topic ("thông báo kết quả
  Hội nghị …"): the lead's date belongs to the meeting that reports it, not to the title's.
"""
from __future__ import annotations

import pytest


def _official(result: dict, name: str) -> dict | None:
    return next((o for o in result["officials"] if o["name"] == name), None)


def _meetings(result: dict) -> list[tuple]:
    return [(m["kind"], m["date"], m["chair"]) for m in result["meetings"]]


CHAIRS = [
    # the council's chair opens the session: the chair
    ("Sáng 3/12, HĐND tỉnh Cao Bằng khóa XVII khai mạc kỳ họp thứ 15. Đồng chí Hoàng Văn Lũy, "
     "Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh phát biểu khai mạc kỳ họp.",
     [("kỳ họp", "2024-12-03", "Hoàng Văn Lũy")]),
    # title before the name, "khai mạc" without "phát biểu"
    ("Sáng 3/12, HĐND huyện Đồng Văn tổ chức kỳ họp thứ 8. Chủ tịch Hội đồng nhân dân huyện "
     "Sùng Mí Chứ khai mạc kỳ họp.",
     [("kỳ họp", "2024-12-03", "Sùng Mí Chứ")]),
    # "chủ tọa" names the chair, before or after the name
    ("Sáng 3/12, HĐND tỉnh khai mạc kỳ họp thứ 15. Chủ tọa kỳ họp: đồng chí Nông Thị Duyên, "
     "Chủ tịch HĐND tỉnh.",
     [("kỳ họp", "2024-12-03", "Nông Thị Duyên")]),
    ("Sáng 3/12, HĐND tỉnh khai mạc kỳ họp thứ 15. Đồng chí Nông Thị Duyên, Chủ tịch HĐND tỉnh "
     "chủ tọa kỳ họp.",
     [("kỳ họp", "2024-12-03", "Nông Thị Duyên")]),
    # a vice-chair who opens the session is not taken as its chair
    ("Sáng 3/12, HĐND tỉnh khai mạc kỳ họp thứ 15. Đồng chí Lục Văn Páo, Phó Chủ tịch HĐND tỉnh "
     "phát biểu khai mạc kỳ họp.",
     [("kỳ họp", "2024-12-03", None)]),
    # a conference opened by the chair of the People's Committee: the rule is for sessions
    # only, and the "chủ trì" of the discussion stays the chair
    ("Sáng 3/12, UBND tỉnh tổ chức hội nghị tổng kết năm. Đồng chí Hà Quang Trung, Chủ tịch UBND "
     "tỉnh phát biểu khai mạc hội nghị. Đồng chí Bế Thị Lan, Phó Chủ tịch UBND tỉnh chủ trì "
     "phần thảo luận.",
     [("hội nghị", "2024-12-03", "Bế Thị Lan")]),
    # a "chủ trì" written in the text wins over the opener
    ("Sáng 3/12, HĐND tỉnh khai mạc kỳ họp thứ 15. Đồng chí Nông Thị Duyên, Chủ tịch HĐND tỉnh "
     "phát biểu khai mạc. Đồng chí Lục Văn Páo, Phó Chủ tịch HĐND tỉnh chủ trì phiên thảo luận "
     "của kỳ họp.",
     [("kỳ họp", "2024-12-03", "Lục Văn Páo")]),
]


@pytest.mark.parametrize("text,expected", CHAIRS)
def test_session_chair_from_opener_or_chu_toa(run, text, expected):
    assert _meetings(run(text, published="2024-12-05")) == expected


TOPIC_TITLES = [
    ("Thủ tướng Trịnh Quốc Hưng, Trưởng Ban chỉ đạo quốc gia về Chuyển đổi số chủ trì phiên họp.",
     "Trịnh Quốc Hưng", ["Thủ tướng", "Trưởng Ban chỉ đạo quốc gia về Chuyển đổi số"]),
    ("Bà Khổng Thu Trang, Phó Chủ tịch Ủy ban quốc gia về Biến đổi khí hậu phát biểu tại diễn đàn.",
     "Khổng Thu Trang", ["Phó Chủ tịch Ủy ban quốc gia về Biến đổi khí hậu"]),
    ("Ông Đinh Công Sử, Trưởng Ban chỉ đạo tỉnh về Cải cách hành chính kiểm tra huyện Lạc Sơn.",
     "Đinh Công Sử", ["Trưởng Ban chỉ đạo tỉnh về Cải cách hành chính"]),
    # the topic in lower case, as most pages write it
    ("Sáng 2/3, Thủ tướng Lê Văn Khải, Chủ tịch Ủy ban Quốc gia về chuyển đổi số, chủ trì hội nghị.",
     "Lê Văn Khải", ["Thủ tướng", "Chủ tịch Ủy ban Quốc gia về chuyển đổi số"]),
    ("Dự có Phó Chủ tịch Thường trực Ủy ban Quốc gia về chuyển đổi số Mạc Đình Hưng.",
     "Mạc Đình Hưng", ["Phó Chủ tịch Thường trực Ủy ban Quốc gia về chuyển đổi số"]),
    # a topic that opens with a fixed comma phrase, in lower case
    ("Ông Quách Văn Tiến, Phó Trưởng Ban Chỉ đạo Trung ương về phòng, chống thiên tai dự hội nghị.",
     "Quách Văn Tiến", ["Phó Trưởng Ban Chỉ đạo Trung ương về phòng, chống thiên tai"]),
    # ordinary "về": a verb or a place follows, the title ends before it
    ("Ông Quách Văn Tiến, Chủ tịch UBND tỉnh về dự lễ khánh thành cầu Bến Vân.",
     "Quách Văn Tiến", ["Chủ tịch Ủy ban nhân dân tỉnh"]),
    ("Bà Khổng Thu Trang, Giám đốc Sở Tài chính về Bạc Liêu nhận nhiệm vụ mới.",
     "Khổng Thu Trang", ["Giám đốc Sở Tài chính"]),
    ("Ông Đinh Công Sử, Chủ tịch Hội đồng nhân dân huyện về thăm các hộ nghèo.",
     "Đinh Công Sử", ["Chủ tịch Hội đồng nhân dân huyện"]),
    ("Bà Khổng Thu Trang, Chủ tịch Hội đồng về dự buổi lễ.", "Khổng Thu Trang", ["Chủ tịch Hội đồng"]),
    ("Ông Đinh Công Sử, Trưởng Ban chỉ đạo tỉnh về làm việc với xã Ân Hảo.",
     "Đinh Công Sử", ["Trưởng Ban chỉ đạo tỉnh"]),
    # "về" after a body that is not one of the heads (a department) ends the title
    ("Ông Đinh Công Sử, Giám đốc Sở Y tế về Trạm y tế xã Ân Nghĩa kiểm tra.",
     "Đinh Công Sử", ["Giám đốc Sở Y tế"]),
]


@pytest.mark.parametrize("text,name,titles", TOPIC_TITLES)
def test_body_name_with_ve_and_a_topic(run, text, name, titles):
    off = _official(run(text), name)
    assert off is not None, text
    assert off["titles"] == titles


def test_title_meeting_only_a_topic_in_the_body_has_no_date(run):
    text = ("Hội nghị lần thứ mười Ban Chấp hành Trung ương Đảng khóa XIII\n"
            "Sáng 14/10, Ban Thường vụ Huyện ủy Chợ Gạo tổ chức hội nghị thông báo nhanh kết quả Hội "
            "nghị lần thứ mười Ban Chấp hành Trung ương Đảng khóa XIII. Đồng chí Lê Hữu Phước, Bí thư "
            "Huyện ủy chủ trì hội nghị.")
    meetings = run(text, published="2024-10-15")["meetings"]
    by_session = {m["session"]: (m["date"], m["chair"]) for m in meetings}
    # the reporting conference keeps the lead's date and its chair
    assert ("2024-10-14", "Lê Hữu Phước") in by_session.values()
    # the plenum named in the title is not dated by the lead
    assert by_session.get(10) in (None, (None, None))


def test_title_meeting_held_in_the_body_keeps_the_lead_date(run):
    # the body reports the title's meeting itself: it is dated by the lead
    text = ("Hội nghị lần thứ mười Ban Chấp hành Đảng bộ huyện khóa XXII\n"
            "Sáng 14/10, Ban Chấp hành Đảng bộ huyện Chợ Gạo tổ chức Hội nghị lần thứ mười. Đồng chí "
            "Lê Hữu Phước, Bí thư Huyện ủy chủ trì hội nghị.")
    meetings = run(text, published="2024-10-15")["meetings"]
    assert _meetings({"meetings": meetings}) == [("hội nghị", "2024-10-14", "Lê Hữu Phước")]


def test_titles_before_a_rank_set_off_by_a_comma(run):
    off = _official(run("Dự hội nghị có Ủy viên Bộ Chính trị, Bộ trưởng Bộ Quốc phòng, Đại tướng Hà Quốc Chiến."),
                    "Hà Quốc Chiến")
    assert off is not None and off["titles"] == ["Ủy viên Bộ Chính trị", "Bộ trưởng Bộ Quốc phòng"]


def test_session_named_as_a_purpose_is_not_held(run):
    # the preparatory sitting is held; the session it prepares ("để kỳ họp … thành công") is not
    text = ("Chiều 10/6, Thường trực HĐND huyện Mường Ảng họp phiên chuẩn bị. Đồng chí Lò Văn Pâng, Chủ "
            "tịch HĐND huyện chủ trì phiên họp và đề nghị các cơ quan chuẩn bị tốt để kỳ họp thứ ba "
            "HĐND huyện khóa VII thành công.")
    result = run(text, published="2024-06-11")
    assert [m["kind"] for m in result["meetings"]] == ["phiên họp"]
    assert [m["kind"] for m in result.get("planned_meetings", [])] == ["kỳ họp"]
