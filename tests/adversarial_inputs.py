"""Adversarial inputs: long runs of what the recognisers' patterns are made of.

A regex with nested or adjacent unbounded repetitions backtracks over the whole run at every
start position, which is quadratic (or worse) in the run length. Each family below is one
such run, built to any size; tests/test_adversarial.py feeds 200 KB of each through the whole
pipeline and bench/linearity.py times 50-200 KB of each.

Families are grouped by the recogniser they aim at, but every input goes through every stage:
a pattern written tomorrow is exercised by the same inputs.
"""
from __future__ import annotations

from typing import Callable

KB = 1024  # characters


def _repeat(unit: str) -> Callable[[int], str]:
    def build(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return build


def _counting(template: str) -> Callable[[int], str]:
    """A unit with a counter in it, so that runs are not one repeated token."""

    def build(size: int) -> str:
        parts, total, i = [], 0, 1
        while total < size:
            piece = template.format(i=i, j=i % 12 + 1, k=i % 28 + 1, y=1990 + i % 40)
            parts.append(piece)
            total += len(piece)
            i += 1
        return "".join(parts)[:size]

    return build


# name -> (recogniser family, builder)
FAMILIES: dict[str, tuple[str, Callable[[int], str]]] = {
    # numbers, money, percentages, quantities
    "digit_run": ("numbers", _repeat("1234567890")),
    "dot_run": ("numbers", _repeat(".")),
    "comma_run": ("numbers", _repeat(",")),
    "dotted_digits": ("numbers", _repeat("1.")),
    "thousands_groups": ("numbers", _repeat("123.")),
    "decimal_commas": ("numbers", _repeat("1,")),
    "spaced_numbers": ("numbers", _counting("{i} ")),
    "scale_chain": ("numbers", _counting("{i} tỷ {j} triệu ")),
    "spelled_chain": ("numbers", _repeat("một hai ba bốn năm sáu bảy tám chín mười mươi trăm ")),
    "dong_run": ("money", _repeat("đồng ")),
    "number_dong_run": ("money", _counting("{i} đồng đồng ")),
    "percent_run": ("percentages", _repeat("%")),
    "number_percent_run": ("percentages", _counting("{i}%%% ")),
    "range_chain": ("percentages", _counting("{i} - ")),
    "qualifier_chain": ("quantities", _repeat("trên hơn gần khoảng ")),
    # dates and periods
    "ngay_run": ("dates", _repeat("ngày ")),
    "ngay_thang_run": ("dates", _counting("ngày {k} tháng ")),
    "slash_numbers": ("dates", _counting("{k}/{j}/")),
    "dash_numbers": ("dates", _counting("{k}-{j}-")),
    "year_run": ("dates", _counting("năm {y} ")),
    "quarter_run": ("periods", _repeat("quý I quý II quý III quý IV ")),
    "month_range_run": ("periods", _counting("từ tháng {j} đến ")),
    "day_list_run": ("dates", _counting("ngày {k}, {j} và ")),
    "full_date_run": ("dates", _counting("{k}/{j}/{y} ")),
    "time_run": ("dates", _counting("{j}:{k} ")),
    "weekday_run": ("dates", _repeat("Thứ Hai, Thứ Ba, Chủ nhật, ")),
    "paren_date_run": ("dates", _counting("(ngày {k}/{j}) (")),
    # officials, organisations, places
    "capitalised_run": ("officials", _repeat("Nguyễn Văn Minh Hoàng Thị Lan Anh Trần Quốc ")),
    "same_name_run": ("officials", _repeat("Nguyễn ")),
    "title_comma_chain": ("officials", _repeat("Bí thư Huyện ủy, Chủ tịch UBND huyện, ")),
    "title_dash_chain": ("officials", _repeat("Phó Chủ tịch - ")),
    "honorific_run": ("officials", _repeat("đồng chí ông bà ")),
    "official_list_run": ("officials", _repeat("đồng chí Nguyễn Văn An, Bí thư; ")),
    "and_chain": ("officials", _repeat("ông Trần Văn Bình và ")),
    "nested_title_run": ("officials", _repeat("Ủy viên Ban Thường vụ Tỉnh ủy ")),
    "place_run": ("places", _repeat("huyện xã tỉnh thôn ")),
    # meetings and documents
    "meeting_word_run": ("meetings", _repeat("kỳ họp thứ ")),
    "conference_run": ("meetings", _repeat("Hội nghị Ban Chấp hành Đảng bộ ")),
    "roman_run": ("meetings", _repeat("khóa XXXVIII ")),
    "document_code_run": ("documents", _repeat("QĐ-UBND-")),
    "document_number_run": ("documents", _counting("số {i}/")),
    "resolution_run": ("documents", _repeat("Nghị quyết số ")),
    "document_list_run": ("documents", _counting("{i}-NQ/HU, ")),
    "decree_code_run": ("documents", _counting("{i}/{y}/NĐ-CP/")),
    "session_run": ("meetings", _counting("kỳ họp thứ {i} HĐND huyện khóa ")),
    # indicators
    "trend_word_run": ("indicators", _repeat("tăng giảm ")),
    "comparison_run": ("indicators", _repeat("so với cùng kỳ năm trước ")),
    "indicator_chain": ("indicators", _counting("đạt {i}%, tăng ")),
    # structure and punctuation
    "long_word": ("segment", _repeat("a")),
    "paren_run": ("segment", _repeat("(")),
    "quote_run": ("segment", _repeat('"')),
    "blank_lines": ("segment", _repeat("\n")),
    "bullet_lines": ("segment", _repeat("- \n")),
}


def build(name: str, size: int) -> str:
    return FAMILIES[name][1](size)
