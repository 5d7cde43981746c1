"""An output record written by hand for the viewer tests: every record type, with spans
computed from the text, so show/render can be checked on types whose stages may not be in
this checkout yet."""
from __future__ import annotations

TEXT = (
    "HĐND huyện Yên Lạc khai mạc kỳ họp thứ 15\n"
    "Chiều 12/3/2024, HĐND huyện Yên Lạc khoá XX tổ chức kỳ họp thứ 15. Đồng chí Trần Văn Hùng - "
    "HUV, Chủ tịch HĐND huyện chủ trì kỳ họp.\n"
    "Năm 2024, thu ngân sách trên địa bàn đạt 215 tỷ đồng, bằng 112% dự toán; toàn huyện có "
    "1.250 ha lúa chất lượng cao.\n"
    "Kỳ họp thông qua Nghị quyết số 05/NQ-HĐND về kế hoạch đầu tư công. Đồng chí Trần Văn Hùng "
    "đề nghị các đại biểu tập trung thảo luận."
)


def span(text: str, nth: int = 0) -> list[int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return [start, start + len(text)]


def output_record(aid: str = "yl_2024_03") -> dict:
    ind_sentence = span("Năm 2024, thu ngân sách trên địa bàn đạt 215 tỷ đồng, bằng 112% dự toán")
    return {
        "schema": 1, "id": aid, "status": "ok", "error": None, "source": "hand-written",
        "url": "https://example.gov.vn/tin/ky-hop-15", "title": TEXT.split("\n")[0],
        "published": "2024-03-12",
        "dates": [{"text": "Chiều 12/3/2024", "span": span("Chiều 12/3/2024"), "value": "2024-03-12",
                   "inferred_year": False, "rule": "date.dmy", "score": 1.0}],
        "periods": [{"text": "Năm 2024", "span": span("Năm 2024"), "start_date": "2024-01-01",
                     "end_date": "2024-12-31", "granularity": "year", "rule": "period.year", "score": 0.9}],
        "percentages": [{"text": "112%", "span": span("112%"), "value": 112, "qualifier": None,
                         "implicit": False, "rule": "percent.sign", "score": 1.0}],
        "money": [{"text": "215 tỷ đồng", "span": span("215 tỷ đồng"), "amount": 215000000000,
                   "currency": "VND", "qualifier": None, "per": None,
                   "rule": "money.amount_currency", "score": 1.0}],
        "quantities": [{"text": "1.250 ha", "span": span("1.250 ha"), "value": 1250, "unit": "ha",
                        "rule": "quantity.number_unit", "score": 0.8}],
        "officials": [{"name": "Trần Văn Hùng", "titles": ["Huyện uỷ viên", "Chủ tịch HĐND huyện"],
                       "titles_raw": ["HUV", "Chủ tịch HĐND huyện"],
                       "mentions": [{"text": "Trần Văn Hùng", "span": span("Trần Văn Hùng")},
                                    {"text": "Trần Văn Hùng", "span": span("Trần Văn Hùng", 1)}],
                       "rule": "official.name_dash_titles", "score": 0.9}],
        "organisations": [],
        "places": [],
        "meetings": [{"text": "kỳ họp thứ 15", "span": span("kỳ họp thứ 15", 1), "kind": "kỳ họp",
                      "body": "HĐND huyện Yên Lạc", "term": "XX", "session": 15, "date": "2024-03-12",
                      "chair": "Trần Văn Hùng", "location": None, "rule": "meeting.held", "score": 0.9}],
        "documents": [{"text": "Nghị quyết số 05/NQ-HĐND", "span": span("Nghị quyết số 05/NQ-HĐND"),
                       "doc_type": "Nghị quyết", "number": "05/NQ-HĐND", "date": None, "issuer": "HĐND",
                       "rule": "document.type_number", "score": 1.0}],
        "indicators": [{"name": "thu ngân sách trên địa bàn", "value": 215000000000, "unit": "VND",
                        "qualifier": None, "status": "result", "period": "Năm 2024",
                        "comparisons": [{"relation": "of_plan", "value": 112, "base": "dự toán",
                                         "verb": "bằng", "unit": "%"}],
                        "sentence": TEXT[ind_sentence[0]:ind_sentence[1]], "span": ind_sentence,
                        "place": "huyện Yên Lạc", "verb": "đạt",
                        "rule": "indicator.subject_value", "score": 0.8}],
    }
