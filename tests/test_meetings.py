"""Meetings: kind, body, term, session, "(mở rộng)", status, chair, attendees, location, date,
merged mentions; planned meetings apart; words with "họp" that are no meeting record.

Sentences are written for these tests; people and places are invented."""
from __future__ import annotations

import pytest

FIELDS = ("kind", "body", "term", "session", "expanded", "status", "chair", "location")


def _pick(rec: dict, expected: dict) -> dict:
    return {k: rec.get(k) for k in expected}


# (text, [expected fields of each held meeting], [expected fields of each planned meeting])
HELD = [
    ("Ngày 14/10, Ban Chấp hành Đảng bộ huyện khóa XXV tổ chức Kỳ họp lần thứ 3.",
     [{"kind": "kỳ họp", "body": "Ban Chấp hành Đảng bộ huyện", "term": 25, "session": 3,
       "status": "held"}]),
    ("Sáng 8/12, HĐND tỉnh khóa XVIII long trọng khai mạc Kỳ họp thứ mười hai.",
     [{"kind": "kỳ họp", "body": "HĐND tỉnh", "term": 18, "session": 12}]),
    ("Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 15 (mở rộng) đã bế mạc chiều 20/7.",
     [{"kind": "hội nghị", "body": "Ban Chấp hành Đảng bộ tỉnh", "session": 15, "expanded": True,
       "status": "held"}]),
    ("Chính phủ tổ chức Phiên họp thường kỳ tháng 9 dưới sự chủ trì của Thủ tướng.",
     [{"kind": "phiên họp", "body": "Chính phủ", "chair": None}]),
    ("Kỳ họp thứ nhất Quốc hội khóa XV đã thành công tốt đẹp.",
     [{"kind": "kỳ họp", "body": "Quốc hội", "term": 15, "session": 1}]),
    ("Đồng chí Trần Văn Bình, Bí thư Huyện ủy chủ trì hội nghị.",
     [{"kind": "hội nghị", "chair": "Trần Văn Bình"}]),
    ("Hội nghị do đồng chí Lê Thị Hoa, Phó Chủ tịch UBND tỉnh chủ trì.",
     [{"kind": "hội nghị", "chair": "Lê Thị Hoa"}]),
    ("Chủ trì hội nghị có đồng chí Phạm Quốc Toàn, Chủ tịch UBND huyện.",
     [{"kind": "hội nghị", "chair": "Phạm Quốc Toàn"}]),
    ("Chiều 5/4, tại Hội trường UBND huyện, Ban Thường vụ Huyện ủy tổ chức hội nghị sơ kết công tác quý I.",
     [{"kind": "hội nghị", "body": "Ban Thường vụ Huyện ủy", "location": "Hội trường UBND huyện"}]),
    ("Đoàn đại biểu Quốc hội tỉnh có buổi tiếp xúc cử tri tại xã Tân Lập.",
     [{"kind": "buổi tiếp xúc cử tri", "body": "Đoàn đại biểu Quốc hội tỉnh", "location": "xã Tân Lập"}]),
    ("Sở Nông nghiệp tổ chức hội thảo về chuyển đổi cơ cấu cây trồng.",
     [{"kind": "hội thảo", "body": "Sở Nông nghiệp", "status": "held"}]),
    ("Ngày 2/6, Hội Nông dân tỉnh tổ chức tọa đàm về liên kết sản xuất.",
     [{"kind": "tọa đàm", "body": "Hội Nông dân tỉnh"}]),
    ("Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII đã bế mạc.",
     [{"kind": "hội nghị", "body": "Ban Chấp hành Trung ương Đảng", "term": 13, "session": 8}]),
    ("Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII, nhiệm kỳ 2025 - 2030 đã thành công tốt đẹp.",
     [{"kind": "đại hội", "body": "Đảng bộ tỉnh", "session": 17, "status": "held"}]),
    ("Kỳ họp thứ 12, HĐND tỉnh khóa XVIII đã thông qua 25 nghị quyết.",
     [{"kind": "kỳ họp", "body": "HĐND tỉnh", "term": 18, "session": 12}]),
    ("Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 11 (mở rộng) đã diễn ra tại Hội trường Huyện ủy.",
     [{"kind": "hội nghị", "session": 11, "expanded": True, "location": "Hội trường Huyện ủy"}]),
    ("Sáng 4/10, tại trụ sở Chính phủ, Thủ tướng chủ trì phiên họp Chính phủ thường kỳ tháng 9.",
     [{"kind": "phiên họp", "body": "Chính phủ", "location": "trụ sở Chính phủ"}]),
    ("Ngày 6.10, UBND tỉnh tổ chức hội nghị giao ban trực tuyến đánh giá tình hình quý III.",
     [{"kind": "hội nghị", "body": "UBND tỉnh"}]),
    ("Đoàn công tác của Bộ Y tế có buổi làm việc với UBND huyện về phòng chống dịch.",
     [{"kind": "buổi làm việc", "status": "held"}]),
    ("Sáng nay, Ủy ban Thường vụ Quốc hội tiến hành phiên họp thứ 25.",
     [{"kind": "phiên họp", "body": "Ủy ban Thường vụ Quốc hội", "session": 25}]),
    ("Đồng chí Nguyễn Minh Sơn, Bí thư Huyện ủy phát biểu chỉ đạo kỳ họp.",
     [{"kind": "kỳ họp", "status": "held"}]),
    ("Các đại biểu đề nghị hội nghị xem xét kéo dài thời gian hỗ trợ.",
     [{"kind": "hội nghị", "status": "held"}]),
    ("Các đồng chí lãnh đạo huyện điều hành kỳ họp.",
     [{"kind": "kỳ họp", "chair": None, "status": "held"}]),
    ("Chiều 19/11, Tổ đại biểu HĐND tỉnh ứng cử tại huyện Bảo Lạc tiếp xúc cử tri xã Yên Thổ.",
     [{"kind": "buổi tiếp xúc cử tri", "location": None}]),
    ("Ngày 25/12, HĐND tỉnh Quảng Ninh khóa XIV, nhiệm kỳ 2021-2026 tổ chức kỳ họp thứ 19.",
     [{"kind": "kỳ họp", "body": "HĐND tỉnh Quảng Ninh", "term": 14, "session": 19}]),
    # an agenda word before the head word, but the session is going on; and "Quốc hội thảo
    # luận" holds the syllables of "hội thảo" across two words
    ("Tiếp tục chương trình Kỳ họp thứ 6, sáng 20/11, Quốc hội thảo luận về dự án Luật Đất đai.",
     [{"kind": "kỳ họp", "session": 6, "status": "held"}]),
]


@pytest.mark.parametrize("text,expected", HELD, ids=[h[0][:50] for h in HELD])
def test_held_meeting_fields(run, text, expected):
    out = run(text, published="2020-12-30")
    assert [_pick(m, e) for m, e in zip(out["meetings"], expected)] == expected
    assert len(out["meetings"]) == len(expected)
    assert out["planned_meetings"] == []
    for m in out["meetings"]:
        s, e = m["span"]
        assert text[s:e] == m["text"]
        assert m["kind"].lower() in m["text"].lower() or m["kind"] == "buổi tiếp xúc cử tri"


PLANNED = [
    ("Các cấp ủy tập trung chuẩn bị tổ chức Đại hội Đảng bộ tỉnh lần thứ XVI.",
     {"kind": "đại hội", "body": "Đảng bộ tỉnh", "session": 16}),
    ("Kỳ họp thứ 9 HĐND tỉnh khóa XVI sẽ khai mạc vào ngày 5/12.",
     {"kind": "kỳ họp", "body": "HĐND tỉnh", "term": 16, "session": 9}),
    ("Theo chương trình, HĐND huyện sẽ tổ chức kỳ họp thứ 13 vào đầu tháng 12.",
     {"kind": "kỳ họp", "body": "HĐND huyện", "session": 13}),
    ("UBND tỉnh dự kiến tổ chức hội nghị xúc tiến đầu tư vào quý IV.",
     {"kind": "hội nghị", "body": "UBND tỉnh"}),
    ("Các ý kiến của cử tri sẽ được tổng hợp, trình tại kỳ họp tới.",
     {"kind": "kỳ họp"}),
    ("Ban Thường vụ Tỉnh ủy chỉ đạo các huyện ủy khẩn trương tổ chức hội nghị quán triệt.",
     {"kind": "hội nghị"}),
    ("Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ tham mưu tổ chức hội nghị tổng kết.",
     {"kind": "hội nghị", "chair": None}),
    ("Chính phủ giao Bộ Tài chính báo cáo trong phiên họp chuyên đề tháng 10, dự kiến tổ chức vào giữa tháng.",
     {"kind": "phiên họp"}),
    ("Huyện đang tích cực chuẩn bị các điều kiện để tổ chức thành công Đại hội đại biểu Đảng bộ huyện lần thứ XXVI.",
     {"kind": "đại hội", "session": 26}),
    ("Ngày 20/11, Tổ đại biểu tiếp xúc cử tri trước kỳ họp thứ 9, HĐND tỉnh khóa XVI.",
     {"kind": "kỳ họp", "session": 9, "term": 16}),
    ("Năm 2023, huyện phấn đấu tổ chức thành công Đại hội Hội Nông dân huyện lần thứ XI.",
     {"kind": "đại hội", "body": "Hội Nông dân huyện", "session": 11}),
    # a meeting named as where things lead to
    ("Các huyện thi đua lập thành tích tiến đến Đại hội Đảng bộ tỉnh lần thứ XVII.",
     {"kind": "đại hội", "session": 17}),
]


@pytest.mark.parametrize("text", [
    # what a directive is about, a class of meetings ("đại hội đảng cấp cơ sở")
    "Huyện ủy quán triệt Chỉ thị 05-CT/HU về tổ chức Đại hội Đảng bộ huyện lần thứ XX.",
    "Ban Thường vụ ban hành kế hoạch về việc tổ chức đại hội đảng cấp cơ sở nhiệm kỳ 2025-2030.",
])
def test_topic_of_a_directive_is_no_held_meeting(run, text):
    assert run(text, published="2024-05-10")["meetings"] == []


@pytest.mark.parametrize("text,expected", PLANNED, ids=[p[0][:50] for p in PLANNED])
def test_planned_meeting_is_not_a_meeting(run, text, expected):
    out = run(text, published="2020-10-15")
    planned = [m for m in out["planned_meetings"] if m["kind"] == expected["kind"]]
    assert len(planned) == 1
    assert _pick(planned[0], expected) == expected
    assert planned[0]["status"] == "planned"
    assert all(m["kind"] != expected["kind"] for m in out["meetings"])


NOT_MEETINGS = [
    "Năm 2020, HĐND huyện tổ chức thành công 4 kỳ họp.",
    "Các kỳ họp HĐND đều được tổ chức đúng luật định.",
    "Tổ chức tuyên truyền sâu rộng Nghị quyết Đại hội Đảng các cấp.",
    "Hội cựu giáo chức tổ chức buổi họp mặt kỷ niệm ngày Nhà giáo Việt Nam.",
    "Người dân không tụ tập, hội họp đông người trong thời gian giãn cách.",
    "Phòng họp trực tuyến của huyện được trang bị mới.",
    "Khách sạn có Trung tâm Hội nghị với sức chứa 500 chỗ ngồi.",
    "Nhiều hội nghị tập huấn đã được mở cho nông dân trong năm.",
    "Chợ phiên họp vào sáng chủ nhật hằng tuần.",
    "Các chi bộ quán triệt kết quả Hội nghị Trung ương 8 khóa XIII.",
    "Ban Tổ chức Đại hội đã hoàn thành công tác khánh tiết.",
    "Huyện tổ chức Đại hội Thể dục thể thao lần thứ IX.",
    "Tỉnh hoàn thành Đại hội chi bộ trực thuộc trong tháng 6.",
    "Cuộc họp mặt đồng hương diễn ra vui vẻ.",
    "Mỗi kỳ họp đều dành thời gian cho hoạt động chất vấn.",
    "Văn kiện Đại hội được gửi tới các chi bộ để góp ý.",
    "Các cấp ủy quán triệt Kết luận số 21-KL/TW của Hội nghị Trung ương 4 khóa XIII.",
]


@pytest.mark.parametrize("text", NOT_MEETINGS)
def test_not_a_meeting_record(run, text):
    out = run(text, published="2020-10-15")
    assert out["meetings"] == []
    assert out["planned_meetings"] == []


def test_repeated_mentions_merge_into_one_meeting(run):
    text = ("Ngày 10/12, HĐND huyện tổ chức kỳ họp thứ 15. Tại kỳ họp, các đại biểu đã thông qua "
            "12 nghị quyết. Phát biểu bế mạc kỳ họp, đồng chí Nguyễn Văn Tâm đề nghị UBND huyện "
            "chỉ đạo quyết liệt.")
    out = run(text, published="2020-12-11")
    assert len(out["meetings"]) == 1
    m = out["meetings"][0]
    assert (m["kind"], m["body"], m["session"]) == ("kỳ họp", "HĐND huyện", 15)
    assert [x["text"] for x in m["mentions"]] == ["kỳ họp thứ 15", "kỳ họp", "kỳ họp"]
    for x in m["mentions"]:
        assert text[x["span"][0]:x["span"][1]] == x["text"]


def test_two_meetings_of_two_bodies_stay_apart(run):
    text = "Sáng 3/3, Huyện ủy tổ chức hội nghị lần thứ 20. Chiều cùng ngày, HĐND huyện tổ chức kỳ họp thứ 8."
    out = run(text, published="2021-03-04")
    got = [(m["kind"], m["body"], m["session"]) for m in out["meetings"]]
    assert got == [("hội nghị", "Huyện ủy", 20), ("kỳ họp", "HĐND huyện", 8)]


def test_same_kind_different_sessions_stay_apart(run):
    text = ("Năm 2022, Ban Chấp hành Đảng bộ huyện đã tổ chức Hội nghị lần thứ 9 và Hội nghị lần thứ 10. "
            "Ban Thường vụ chuẩn bị tổ chức Hội nghị lần thứ 11.")
    out = run(text, published="2022-12-01")
    assert [m["session"] for m in out["meetings"]] == [9, 10]
    assert [m["session"] for m in out["planned_meetings"]] == [11]


def test_recalled_session_does_not_capture_later_mentions(run):
    text = ("Sáng 21/10, HĐND huyện tổ chức kỳ họp thứ 12.\n\n"
            "Kỳ họp đã nghe kết quả giải quyết kiến nghị cử tri gửi tới kỳ họp thứ 11.\n\n"
            "Tại kỳ họp, HĐND huyện đã thông qua 9 nghị quyết.")
    out = run(text, published="2020-10-22")
    assert len(out["meetings"]) == 1
    assert out["meetings"][0]["session"] == 12
    assert len(out["meetings"][0]["mentions"]) == 3


def test_attendees_listed_after_the_cue(run):
    text = ("Ngày 15/12, Huyện ủy tổ chức hội nghị tổng kết năm. Dự hội nghị có các đồng chí: "
            "Nguyễn Văn Hùng, Phó Bí thư Tỉnh ủy; Hoàng Thị Mai, Trưởng Ban Dân vận Tỉnh ủy.")
    out = run(text, published="2022-12-16")
    assert len(out["meetings"]) == 1
    assert out["meetings"][0]["attendees"] == ["Nguyễn Văn Hùng", "Hoàng Thị Mai"]


def test_chair_sentence_after_the_meeting(run):
    text = ("Chiều 14/10, Ban Chấp hành Đảng bộ xã tổ chức hội nghị lần thứ 6. "
            "Đồng chí Vi Văn Đức, Bí thư Đảng ủy xã chủ trì hội nghị. "
            "Đồng chí Vi Văn Đức phát biểu chỉ đạo hội nghị.")
    out = run(text, published="2020-10-15")
    assert [(m["session"], m["chair"]) for m in out["meetings"]] == [(6, "Vi Văn Đức")]


# --- links to the dates and officials records (their contract: dates {text, span, value};
# officials {name, mentions: [{text, span}]}); the records are given here so these tests pin
# the linking itself, whatever the dates/officials stages find.
def _linked(nlp, text, published=None, dates=(), officials=()):
    doc = nlp.make_doc(text)
    doc._.meta["published"] = published
    for name, proc in nlp.pipeline:
        if name != "vngov_meetings":
            doc = proc(doc)
    doc._.records["dates"] = [{"text": t, "span": [text.index(t), text.index(t) + len(t)], "value": v}
                              for t, v in dates]
    doc._.records["officials"] = [
        {"name": n, "mentions": [{"text": n, "span": [text.index(n), text.index(n) + len(n)]}]}
        for n in officials]
    doc._.records["meetings"], doc._.records["planned_meetings"] = [], []
    nlp.get_pipe("vngov_meetings")(doc)
    return doc._.records


def test_date_from_the_sentence(nlp):
    text = ("Ngày 14/10, Ban Chấp hành Đảng bộ huyện khóa XXV, tổ chức Kỳ họp lần thứ 3. "
            "Đồng chí Nguyễn Minh Sơn - TUV, Bí thư Huyện ủy chủ trì kỳ họp.")
    rec = _linked(nlp, text, "2020-10-15", dates=[("Ngày 14/10", "2020-10-14")])
    m = rec["meetings"][0]
    assert (m["date"], m["chair"], m["session"], m["term"]) == ("2020-10-14", "Nguyễn Minh Sơn", 3, 25)


def test_lead_date_for_the_meeting_of_the_lead(nlp):
    text = ("HĐND huyện khai mạc kỳ họp cuối năm\n\n"
            "Sáng 21/10, các đại biểu HĐND huyện nghe báo cáo tình hình kinh tế - xã hội 9 tháng. "
            "Tại kỳ họp, các đại biểu đã thảo luận sôi nổi.\n\n"
            "Các đại biểu cũng thống nhất nội dung trình kỳ họp tới.")
    rec = _linked(nlp, text, "2020-10-22", dates=[("Sáng 21/10", "2020-10-21")])
    assert [(m["kind"], m["date"]) for m in rec["meetings"]] == [("kỳ họp", "2020-10-21")]


def test_document_date_is_not_the_meeting_date(nlp):
    text = "Hội nghị đã quán triệt Chỉ thị số 45-CT/TW ngày 20/6/2020 của Bộ Chính trị."
    rec = _linked(nlp, text, "2020-10-15", dates=[("20/6/2020", "2020-06-20")])
    assert rec["documents"][0]["date"] == "2020-06-20"
    assert [m["date"] for m in rec["meetings"]] == [None]


def test_a_date_after_publication_makes_it_planned(nlp):
    text = "Hội nghị tổng kết công tác năm của UBND huyện diễn ra ngày 28/12."
    rec = _linked(nlp, text, "2020-10-15", dates=[("28/12", "2020-12-28")])
    assert rec["meetings"] == []
    assert [(m["date"], m["status"]) for m in rec["planned_meetings"]] == [("2020-12-28", "planned")]


def test_same_day_meeting_takes_the_date_before(nlp):
    text = ("Sáng 4/10, Chính phủ tổ chức phiên họp thường kỳ tháng 9. "
            "Cùng ngày, tại Hà Nội, Viện Nghiên cứu quản lý kinh tế Trung ương tổ chức tọa đàm về tiêu dùng.")
    rec = _linked(nlp, text, "2023-10-05", dates=[("Sáng 4/10", "2023-10-04")])
    assert [(m["kind"], m["date"]) for m in rec["meetings"]] == [("phiên họp", "2023-10-04"),
                                                                ("tọa đàm", "2023-10-04")]


def test_a_past_date_is_not_the_date_of_a_planned_meeting(nlp):
    text = ("Chiều 19/11, Tổ đại biểu HĐND tỉnh tiếp xúc cử tri xã Lê Lợi trước kỳ họp thứ 9. "
            "Kỳ họp thứ 9 HĐND tỉnh sẽ khai mạc vào ngày 5/12.")
    rec = _linked(nlp, text, "2019-11-20", dates=[("Chiều 19/11", "2019-11-19"), ("ngày 5/12", "2019-12-05")])
    assert [(m["kind"], m["date"]) for m in rec["meetings"]] == [("buổi tiếp xúc cử tri", "2019-11-19")]
    assert [(m["session"], m["date"], len(m["mentions"])) for m in rec["planned_meetings"]] == [(9, "2019-12-05", 2)]


def test_a_date_later_in_another_clause_is_not_the_meetings(nlp):
    text = ("Sáng 12/5, UBND huyện tổ chức tọa đàm về du lịch cộng đồng. Kết luận tọa đàm, "
            "ông Nguyễn Văn Thịnh giao Phòng Văn hóa xây dựng kế hoạch trước ngày 30/6.")
    rec = _linked(nlp, text, "2023-05-13", dates=[("Sáng 12/5", "2023-05-12"), ("ngày 30/6", "2023-06-30")])
    assert [(m["kind"], m["date"], len(m["mentions"])) for m in rec["meetings"]] == [("tọa đàm", "2023-05-12", 2)]


def test_the_planned_end_of_a_session_being_held_is_that_session(nlp):
    text = ("Tiếp tục chương trình Kỳ họp thứ 6, Quốc hội khóa XV, sáng 30/10, Quốc hội thảo luận về "
            "kinh tế - xã hội. Kỳ họp thứ 6 dự kiến bế mạc vào ngày 29/11.")
    rec = _linked(nlp, text, "2023-10-30", dates=[("sáng 30/10", "2023-10-30"), ("ngày 29/11", "2023-11-29")])
    assert [(m["session"], m["date"], len(m["mentions"])) for m in rec["meetings"]] == [(6, "2023-10-30", 2)]
    assert rec["planned_meetings"] == []


def test_chair_linked_to_an_official_record(nlp):
    text = "Sáng 4/10, Thủ tướng Chính phủ Trần Minh Khôi chủ trì phiên họp Chính phủ thường kỳ tháng 9."
    rec = _linked(nlp, text, "2023-10-05", dates=[("Sáng 4/10", "2023-10-04")], officials=["Trần Minh Khôi"])
    m = rec["meetings"][0]
    assert (m["kind"], m["date"], m["chair"], m["body"]) == ("phiên họp", "2023-10-04", "Trần Minh Khôi", "Chính phủ")


def test_attendees_linked_to_official_records(nlp):
    text = ("Chủ tịch UBND tỉnh Nguyễn Thị Lan chủ trì hội nghị. Cùng dự có Phó Chủ tịch UBND tỉnh "
            "Đào Minh Khang và Đại tá Trần Quốc Việt, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh.")
    rec = _linked(nlp, text, "2021-10-07",
                  officials=["Nguyễn Thị Lan", "Đào Minh Khang", "Trần Quốc Việt"])
    m = rec["meetings"][0]
    assert m["chair"] == "Nguyễn Thị Lan"
    assert m["attendees"] == ["Đào Minh Khang", "Trần Quốc Việt"]


def test_meetings_in_the_schema_and_spans(nlp):
    from extractor.records import SCHEMA

    assert SCHEMA["planned_meetings"] == SCHEMA["meetings"]
    doc = nlp("Ngày 2/6, Hội Nông dân tỉnh tổ chức tọa đàm về liên kết sản xuất.")
    assert [sp.text for sp in doc.spans["meetings"]] == ["tọa đàm"]


def test_in_a_users_own_spacy_pipeline():
    """``nlp.add_pipe("vngov")`` on another tokenizer (one token per syllable) still links."""
    import spacy

    import extractor  # noqa: F401  (registers the factories)

    nlp = spacy.blank("xx")
    nlp.add_pipe("vngov")
    doc = nlp("Ngày 14/10, Ban Chấp hành Đảng bộ huyện khóa XXV, tổ chức Kỳ họp lần thứ 3 theo "
              "Nghị quyết số 13-NQ/HU của Huyện ủy. Đồng chí Nguyễn Minh Sơn chủ trì kỳ họp.")
    m = doc._.records["meetings"][0]
    assert (m["kind"], m["body"], m["term"], m["session"], m["chair"]) == (
        "kỳ họp", "Ban Chấp hành Đảng bộ huyện", 25, 3, "Nguyễn Minh Sơn")
    assert [(d["number"], d["issuer"]) for d in doc._.records["documents"]] == [("13-NQ/HU", "Huyện ủy")]


# --- the whole pipeline: dates and officials stages give the records linked above ----------
def test_seed_article_meeting_and_documents(run):
    from conftest import SAMPLES

    text = (SAMPLES / "000_89987b1a15d4823c.txt").read_text(encoding="utf-8")
    out = run(text)
    held = [(m["kind"], m["date"], m["chair"], m["term"], m["session"]) for m in out["meetings"]]
    assert held[0] == ("kỳ họp", "2020-10-14", "Nguyễn Minh Sơn", 25, 3)
    assert len(out["meetings"][0]["mentions"]) == 6  # chủ trì, phát biểu, điều hành, Tại, Quang cảnh
    assert all(k != "kỳ họp" for k, *_ in held[1:])  # "tổ chức thành công 4 kỳ họp" is a count
    assert out["planned_meetings"] == []
    docs = [(d["doc_type"], d["number"], d["date"], d["issuer"]) for d in out["documents"]]
    assert docs == [("Nghị quyết", "13-NQ/HU", None, "Huyện ủy"),
                    ("Chỉ thị", "45-CT/TW", "2020-06-20", "Bộ Chính trị")]
    assert "2020-06-20" in [d["value"] for d in out["dates"]]  # the issue date is a date too


END_TO_END = [
    ("Sáng 21/10, HĐND huyện Mường Khoa khóa XX tổ chức kỳ họp thứ 12. Đồng chí Lò Văn Hải, "
     "Chủ tịch HĐND huyện chủ trì kỳ họp.", "2020-10-22",
     ("kỳ họp", "2020-10-21", "Lò Văn Hải", "HĐND huyện Mường Khoa", 20, 12)),
    ("Ngày 7-4-2015, UBND huyện Nậm Khè tổ chức hội thảo về cây chè. Ông Đặng Văn Thắng, "
     "Phó Chủ tịch UBND huyện chủ trì hội thảo.", "2015-04-08",
     ("hội thảo", "2015-04-07", "Đặng Văn Thắng", "UBND huyện Nậm Khè", None, None)),
    ("Chiều 14/12, Thủ tướng Chính phủ Trần Minh Khôi chủ trì phiên họp Chính phủ thường kỳ tháng 11.",
     "2023-12-15", ("phiên họp", "2023-12-14", "Trần Minh Khôi", "Chính phủ", None, None)),

    # patterns found auditing real pages (sentences written here)
    # an ordinal before the head word is no count: "ngày làm việc thứ 2 kỳ họp thứ 5"
    ("Sáng 9/12, tiếp tục ngày làm việc thứ 2 kỳ họp thứ 5 HĐND huyện khóa XX dưới sự chủ trì của "
     "đồng chí Vi Văn Thành, Chủ tịch HĐND huyện.", "2021-12-10",
     ("kỳ họp", "2021-12-09", "Vi Văn Thành", "HĐND huyện", 20, 5)),
    # co-chairs joined by "và": the first one named chairs
    ("Chiều 3/6, đồng chí Hà Văn Lực, Bí thư Huyện ủy và đồng chí Mạc Thị Lan, Phó Chủ tịch UBND "
     "huyện chủ trì buổi làm việc với xã Phong Quang.", "2022-06-04",
     ("buổi làm việc", "2022-06-03", "Hà Văn Lực", None, None, None)),
    # "chủ trì họp": the verb after "chủ trì" is the meeting; a later "Tại cuộc họp" is the same
    ("Sáng 2-8, Phó Chủ tịch UBND tỉnh Đỗ Minh Khoa chủ trì họp bàn tiến độ giải phóng mặt bằng."
     "\n\nTại cuộc họp, các chủ đầu tư báo cáo khó khăn.", "2023-08-02",
     ("cuộc họp", "2023-08-02", "Đỗ Minh Khoa", None, None, None)),
    # a bare "phiên họp" inside the report of a kỳ họp is a sitting of that session
    ("Chiều 11/7, tiếp tục chương trình kỳ họp thứ 8, HĐND tỉnh khóa XVII nghe các tờ trình. "
     "Dự phiên họp có đồng chí Lê Quang Tùng, Bí thư Tỉnh ủy.", "2023-07-12",
     ("kỳ họp", "2023-07-11", None, "HĐND tỉnh", 17, 8)),
]


@pytest.mark.parametrize("text,published,expected", END_TO_END, ids=[e[0][:40] for e in END_TO_END])
def test_end_to_end_date_and_chair(run, text, published, expected):
    out = run(text, published=published)
    got = [(m["kind"], m["date"], m["chair"], m["body"], m["term"], m["session"]) for m in out["meetings"]]
    assert got == [expected]


def test_end_to_end_future_date_is_planned(run):
    out = run("Hội nghị tổng kết công tác năm của UBND huyện sẽ diễn ra ngày 28/12.", published="2020-10-15")
    assert out["meetings"] == []
    assert [(m["kind"], m["date"]) for m in out["planned_meetings"]] == [("hội nghị", "2020-12-28")]
