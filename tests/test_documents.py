"""Numbered documents: type, number as written, issue date, issuer, year; claims.

Sentences are written for these tests (document numbers may coincide with real ones)."""
from __future__ import annotations

import pytest

from extractor.rules import load_rules

# (sentence, published, [ (doc_type, number, date, issuer, year) ... ] in text order)
CASES = [
    ("Thực hiện Nghị quyết số 13-NQ/HU của Huyện ủy về phát triển du lịch, huyện đã đầu tư 5 tuyến đường.",
     None, [("Nghị quyết", "13-NQ/HU", None, "Huyện ủy", None)]),
    ("Tỉnh ủy quán triệt Chỉ thị số 45-CT/TW ngày 20/6/2020 của Bộ Chính trị về lãnh đạo công tác bầu cử.",
     None, [("Chỉ thị", "45-CT/TW", "2020-06-20", "Bộ Chính trị", 2020)]),
    ("Căn cứ Quyết định số 1234/QĐ-UBND ngày 5/3/2021 của UBND tỉnh, các xã triển khai đo đạc lại.",
     None, [("Quyết định", "1234/QĐ-UBND", "2021-03-05", "UBND tỉnh", 2021)]),
    ("Việc giải ngân vốn được thực hiện theo Nghị định 15/2021/NĐ-CP.",
     None, [("Nghị định", "15/2021/NĐ-CP", None, "Chính phủ", 2021)]),
    ("Các đơn vị quyết toán kinh phí theo Thông tư 05/2021/TT-BTC.",
     None, [("Thông tư", "05/2021/TT-BTC", None, "Bộ Tài chính", 2021)]),
    ("Ban Thường vụ yêu cầu thực hiện nghiêm số 35-KL/TW về công tác cán bộ.",
     None, [("Kết luận", "35-KL/TW", None, "Trung ương", None)]),
    ("Doanh nghiệp kỳ vọng nhiều vào Nghị quyết 68-NQ/TW về phát triển kinh tế tư nhân.",
     None, [("Nghị quyết", "68-NQ/TW", None, "Trung ương", None)]),
    ("Hội thảo bàn giải pháp thực hiện NQ 57 về khoa học, công nghệ.",
     None, [("Nghị quyết", "57", None, None, None)]),
    ("Thủ tướng đã ký Quyết định số 1719/QĐ-TTg phê duyệt chương trình mục tiêu quốc gia.",
     None, [("Quyết định", "1719/QĐ-TTg", None, "Thủ tướng Chính phủ", None)]),
    ("Luật số 59/2020/QH14 có hiệu lực từ đầu năm 2021.",
     None, [("Luật", "59/2020/QH14", None, "Quốc hội", 2020)]),
    ("Phụ cấp được chi trả theo Thông tư liên tịch số 01/2015/TTLT-BNV-BTC.",
     None, [("Thông tư liên tịch", "01/2015/TTLT-BNV-BTC", None, "Bộ Nội vụ, Bộ Tài chính", 2015)]),
    ("UBND huyện ban hành Kế hoạch số 127/KH-UBND ngày 12 tháng 4 năm 2022 về chuyển đổi số.",
     None, [("Kế hoạch", "127/KH-UBND", "2022-04-12", "Ủy ban nhân dân", 2022)]),
    ("Sở Y tế có Công văn số 2051/SYT-NVY gửi các bệnh viện tuyến huyện.",
     None, [("Công văn", "2051/SYT-NVY", None, "Sở Y tế", None)]),
    ("Thực hiện Hướng dẫn số 12-HD/BTGTW của Ban Tuyên giáo Trung ương, các huyện tổ chức tuyên truyền.",
     None, [("Hướng dẫn", "12-HD/BTGTW", None, "Ban Tuyên giáo Trung ương", None)]),
    ("Các chi bộ học tập Kết luận số 21-KL/TW ngày 25/10/2021 của Hội nghị Trung ương 4 khóa XIII.",
     None, [("Kết luận", "21-KL/TW", "2021-10-25", "Hội nghị Trung ương 4 khóa XIII", 2021)]),
    ("Theo Thông báo kết luận số 305-TB/TU của Ban Thường vụ Tỉnh ủy, dự án được lùi tiến độ.",
     None, [("Thông báo kết luận", "305-TB/TU", None, "Ban Thường vụ Tỉnh ủy", None)]),
    ("HĐND tỉnh thông qua Nghị quyết số 37/2018/NQ-HĐND về hỗ trợ giống cây trồng.",
     None, [("Nghị quyết", "37/2018/NQ-HĐND", None, "Hội đồng nhân dân", 2018)]),
    ("Các ngân hàng thực hiện Thông tư số 02/2023/TT-NHNN của Ngân hàng Nhà nước về cơ cấu lại nợ.",
     None, [("Thông tư", "02/2023/TT-NHNN", None, "Ngân hàng Nhà nước", 2023)]),
    ("Văn bản số 5017/UBND-KTN ngày 3/9/2021 yêu cầu các sở rà soát thủ tục.",
     None, [("Văn bản", "5017/UBND-KTN", "2021-09-03", "Ủy ban nhân dân", 2021)]),
    ("Tờ trình số 88/TTr-UBND của UBND huyện được các đại biểu nhất trí.",
     None, [("Tờ trình", "88/TTr-UBND", None, "UBND huyện", None)]),
    ("Báo cáo số 301/BC-UBND đánh giá tình hình kinh tế quý III.",
     None, [("Báo cáo", "301/BC-UBND", None, "Ủy ban nhân dân", None)]),
    ("Đề án 06 về phát triển dữ liệu dân cư được triển khai tại tất cả các xã.",
     None, [("Đề án", "06", None, None, None)]),
    ("Người dân thực hiện giãn cách theo Chỉ thị 16 của Thủ tướng Chính phủ.",
     None, [("Chỉ thị", "16", None, "Thủ tướng Chính phủ", None)]),
    ("Các huyện thực hiện Chương trình hành động số 24-CTr/TU của Tỉnh ủy.",
     None, [("Chương trình hành động", "24-CTr/TU", None, "Tỉnh ủy", None)]),
    ("Đảng viên thực hiện Quy định số 08-QĐi/TW về trách nhiệm nêu gương.",
     None, [("Quy định", "08-QĐi/TW", None, "Trung ương", None)]),
    ("Công điện số 06/CĐ-TTg ngày 24/1/2022 yêu cầu tăng cường phòng dịch.",
     None, [("Công điện", "06/CĐ-TTg", "2022-01-24", "Thủ tướng Chính phủ", 2022)]),
    ("Việc quản lý giống cây trồng theo Thông tư số 12/2020/TT-BNNPTNT của Bộ Nông nghiệp và Phát triển nông thôn.",
     None, [("Thông tư", "12/2020/TT-BNNPTNT", None, "Bộ Nông nghiệp và Phát triển nông thôn", 2020)]),
    ("Pháp lệnh số 02/2022/UBTVQH15 sửa đổi quy định về xử lý vi phạm hành chính.",
     None, [("Pháp lệnh", "02/2022/UBTVQH15", None, "Ủy ban Thường vụ Quốc hội", 2022)]),
    ("Cấp ủy thực hiện Quyết định số 217-QĐ/TW ngày 12/12/2013 của Bộ Chính trị về giám sát.",
     None, [("Quyết định", "217-QĐ/TW", "2013-12-12", "Bộ Chính trị", 2013)]),
    ("Dự án được phê duyệt theo quyết định số 3050/QĐ-UBND ngày 20-11-2019.",
     None, [("Quyết định", "3050/QĐ-UBND", "2019-11-20", "Ủy ban nhân dân", 2019)]),
    ("Thực hiện Kế hoạch số 45 ngày 2/3/2023 của UBND xã, thôn tổ chức ra quân làm đường.",
     None, [("Kế hoạch", "45", "2023-03-02", "UBND xã", 2023)]),
    ("Xã được tổ chức lại theo Nghị định số 150/2025/NĐ-CP.",
     None, [("Nghị định", "150/2025/NĐ-CP", None, "Chính phủ", 2025)]),
    ("Huyện ủy học tập các Nghị quyết số 18-NQ/TW, 19-NQ/TW ngày 25/10/2017 của Hội nghị Trung ương 6 khóa XII.",
     None, [("Nghị quyết", "18-NQ/TW", "2017-10-25", "Hội nghị Trung ương 6 khóa XII", 2017),
            ("Nghị quyết", "19-NQ/TW", "2017-10-25", "Hội nghị Trung ương 6 khóa XII", 2017)]),
    ("Sở Tài chính có Công văn số 123/STC-QLNS hướng dẫn lập dự toán.",
     None, [("Công văn", "123/STC-QLNS", None, "Sở Tài chính", None)]),
    ("Chính phủ ban hành Nghị quyết số 01/NQ-CP ngày 6/1/2024 của Chính phủ về nhiệm vụ chủ yếu.",
     None, [("Nghị quyết", "01/NQ-CP", "2024-01-06", "Chính phủ", 2024)]),
    # the document's name between its type word and its number
    ("Theo Luật Đất đai số 45/2013/QH13, người sử dụng đất được cấp giấy chứng nhận.",
     None, [("Luật", "45/2013/QH13", None, "Quốc hội", 2013)]),
    ("Luật Tổ chức chính quyền địa phương số 77/2015/QH13 quy định về chính quyền cấp xã.",
     None, [("Luật", "77/2015/QH13", None, "Quốc hội", 2015)]),
    ("Chủ tịch UBND tỉnh đã ký văn bản số 123/UBND-VP yêu cầu báo cáo.",
     None, [("Văn bản", "123/UBND-VP", None, "Ủy ban nhân dân", None)]),
    # a day without a year takes it from the code, else from the publication date
    ("Quyết định số 123 ngày 15/3 của Chủ tịch UBND huyện đã được công bố.",
     "2021-05-01", [("Quyết định", "123", "2021-03-15", "Chủ tịch UBND huyện", 2021)]),
    ("Nghị quyết số 12/2022/NQ-HĐND ngày 8/7 quy định mức hỗ trợ.",
     "2023-01-10", [("Nghị quyết", "12/2022/NQ-HĐND", "2022-07-08", "Hội đồng nhân dân", 2022)]),
]


@pytest.mark.parametrize("text,published,expected", CASES, ids=[c[0][:50] for c in CASES])
def test_document_fields(run, text, published, expected):
    docs = run(text, published=published)["documents"]
    got = [(d["doc_type"], d["number"], d["date"], d["issuer"], d["year"]) for d in docs]
    assert got == expected
    for d in docs:
        start, end = d["span"]
        assert text[start:end] == d["text"]
        assert d["number"] in d["text"]


NOT_DOCUMENTS = [
    "Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 11 đã bế mạc.",
    "Huyện nâng tổng số trường đạt chuẩn lên 21/21 trường.",
    "Tổ chức tuyên truyền sâu rộng Nghị quyết Đại hội Đảng các cấp.",
    "Kế hoạch 2021 của ngành được hoàn thành sớm.",
    "Chương trình 135 hỗ trợ các xã đặc biệt khó khăn.",
    "Ngày 20/6/2020, huyện tổ chức lễ ra quân.",
    "Báo cáo 9 tháng đầu năm cho thấy thu ngân sách tăng.",
    "Sau 2 năm thực hiện Nghị quyết, 15 xã đã đạt chuẩn.",
    "Số nhà 5 đường Trần Phú được cấp lại giấy chứng nhận.",
    "Thông tư này có hiệu lực kể từ ngày ký.",
    "Huyện có 1234 hộ nghèo và 56 hộ cận nghèo.",
    "Tuyến đường 4/5B được nâng cấp.",
]


@pytest.mark.parametrize("text", NOT_DOCUMENTS)
def test_not_a_document(run, text):
    assert run(text)["documents"] == []


def _rule_examples():
    return load_rules()["documents"]["examples"]


@pytest.mark.parametrize("ex", _rule_examples(), ids=lambda e: e["text"])
def test_rules_documents_examples(run, ex):
    docs = run(ex["text"])["documents"]
    assert len(docs) == 1
    d = docs[0]
    for key in ("doc_type", "number", "date", "issuer", "year"):
        assert d[key] == ex.get(key), key


def test_document_code_is_claimed_but_not_its_date(nlp):
    """The type and number are the document's; the issue date stays free for the dates stage."""
    text = "Thực hiện Quyết định số 1234/QĐ-UBND ngày 5/3/2021 của UBND tỉnh."
    doc = nlp(text)
    rec = doc._.records["documents"][0]
    s, e = rec["span"]
    assert doc.text[s:e] == "Quyết định số 1234/QĐ-UBND"
    assert doc._.claims.owner_at(s, e) == "documents"
    d = text.index("5/3/2021")
    assert doc._.claims.owner_at(d, d + len("5/3/2021")) != "documents"
    assert [sp.text for sp in doc.spans["documents"]] == ["Quyết định số 1234/QĐ-UBND"]


def test_document_numbers_are_not_quantities(run):
    out = run("Theo Nghị quyết số 05/2021/NQ-HĐND, 12 xã được hỗ trợ xây dựng đường giao thông.")
    assert [q["value"] for q in out["quantities"]] == [12]
    assert [d["number"] for d in out["documents"]] == ["05/2021/NQ-HĐND"]
