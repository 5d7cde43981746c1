"""Reading Vietnamese numbers: "3.772", "96,9", "5.023,3", "hai mươi lăm", "563 tỷ 859 triệu".

Pure functions over strings; the words come from ``rules/numbers.yaml``. Used by the
percentage, money and quantity recognisers, and by later stages (terms, sessions).
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import regex

from .rules import Rules, fold, load_rules

# A written numeral. "." groups thousands (exactly three digits per group), "," is the decimal
# mark. A dot followed by one or two digits is read as a decimal point only when a scale word
# follows ("1.5 tỷ"), which the caller checks.
# Bounded: at most seven thousands groups (1.000.000.000.000.000.000) and 15 bare digits.
# An unbounded group run followed by a lookahead backtracks quadratically in `regex` (a
# 100 KB "123.123.123..." took seconds), and a 5000-digit run is no amount (Python's int()
# refuses it, which would turn the whole article into an error).
DIGITS = r"(?:\d{1,3}(?:\.\d{3}){1,6}(?:,\d{1,15})?|\d{1,15}(?:,\d{1,15})?)"
DIGITS_RE = regex.compile(DIGITS)
# "1.5": an English-style decimal point (compiled once: these run for every amount found)
DOT_DECIMAL_RE = regex.compile(r"\d+\.\d{1,2}")

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def _digits_decimal(text: str) -> Decimal:
    s = text.strip().replace(" ", "")
    if DOT_DECIMAL_RE.fullmatch(s):  # "1.5 tỷ": an English-style decimal point
        return Decimal(s)
    if "," in s:
        whole, _, frac = s.rpartition(",")
        if "," in whole:  # "1,234,567": English thousands grouping
            return Decimal(s.replace(",", ""))
        return Decimal(whole.replace(".", "") + "." + frac)
    return Decimal(s.replace(".", ""))


def parse_digits(text: str) -> float | int:
    """ "3.772" -> 3772, "96,9" -> 96.9, "5.023,3" -> 5023.3, "02" -> 2, "1.5" -> 1.5."""
    return _tidy(_digits_decimal(text))


def _tidy(x: Decimal) -> float | int:
    # Decimal arithmetic until here, so "2.146,8 tỷ" is 2146800000000 exactly, not
    # 2146800000000.0002 as 2146.8 * 1e9 is in binary floating point.
    return int(x) if x == x.to_integral_value() else float(x)


def parse_roman(text: str) -> int | None:
    """ "XXV" -> 25, "XIV" -> 14; None if not a Roman numeral."""
    s = text.strip().upper()
    if not s or any(c not in ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = ROMAN[c]
        total += -v if i + 1 < len(s) and ROMAN[s[i + 1]] > v else v
    return total


class NumberWords:
    """Spelled numbers, scale words and qualifiers, read from the rules."""

    def __init__(self, rules: Rules | None = None):
        data = (rules or load_rules())["numbers"]
        self.digits = {fold(k).lower(): v for k, v in data["spelled_digits"].items()}
        self.scales = {fold(k).lower(): v for k, v in data["scales"].items()}
        self.qualifiers = {fold(k).lower(): v for k, v in data["qualifiers"].items()}
        self.range_joiners = [fold(x) for x in data["range_joiners"]]
        self.range_openers = [fold(x) for x in data["range_openers"]]
        self.percent_words = [fold(x) for x in data["percent_words"]]
        self.implicit_bases = [fold(x) for x in data["implicit_percent_bases"]]
        self.implicit_verbs = [fold(x) for x in data["implicit_percent_verbs"]]
        self.glued_percent_verbs = [fold(x) for x in data.get("glued_percent_verbs", [])]
        # abbreviated scale words, read only right before a currency ("45.678 tr.đồng")
        self.scale_abbreviations = {fold(k).lower(): v for k, v in (data.get("scale_abbreviations") or {}).items()}
        self.max_lead_scale = int(data.get("max_lead_scale", 10000))
        self.units = {k: v for k, v in self.digits.items() if 1 <= v <= 9}

    def _unit(self, word: str) -> int | None:
        return self.units.get(word)

    # --- spelled numbers -------------------------------------------------------------
    def parse_spelled(self, text: str) -> int | None:
        """ "hai mươi lăm" -> 25, "một trăm linh năm" -> 105, "mười" -> 10; None if the
        words are not one well-formed number."""
        words = fold(text).lower().split()
        if not words or any(w not in self.digits for w in words):
            return None
        total, i = 0, 0
        # hundreds: D trăm
        if len(words) >= 2 and words[1] == "trăm" and self._unit(words[0]) is not None:
            total = self._unit(words[0]) * 100
            i = 2
            if i < len(words) and words[i] in ("linh", "lẻ"):
                if i + 1 < len(words) and self._unit(words[i + 1]) is not None and len(words) == i + 2:
                    return total + self._unit(words[i + 1])
                return None
        rest = words[i:]
        if not rest:
            return total
        tens, j = 0, 0
        if rest[0] == "mười":
            tens, j = 10, 1
        elif len(rest) >= 2 and rest[1] == "mươi" and self._unit(rest[0]) not in (None, 1):
            tens, j = self._unit(rest[0]) * 10, 2
        tail = rest[j:]
        if len(tail) > 1:
            return None
        if tail:
            w = tail[0]
            if tens and w in ("mốt",) and tens >= 20:
                return total + tens + 1
            if tens and w in ("lăm", "nhăm"):
                return total + tens + 5
            if tens >= 20 and w == "tư":
                return total + tens + 4
            u = self._unit(w)
            if u is None or (w == "tư"):
                return None
            if w == "năm" and tens:  # "mười năm" reads as ten years, not fifteen
                return None
            return total + tens + u
        return total + tens if (tens or total) else None

    # --- amounts with scale words ----------------------------------------------------
    def parse_amount(self, text: str) -> float | int | None:
        """ "563 tỷ 859 triệu" -> 563859000000, "1,2 nghìn tỷ" -> 1.2e12,
        "hai mươi lăm" -> 25, "30" -> 30. None when the words do not form one amount."""
        parts = fold(text).split()
        groups: list[tuple[Decimal, int]] = []  # (number, product of scales)
        words: list[str] = []
        num: Decimal | None = None
        scale = 1

        def flush_spelled() -> bool:
            nonlocal num, words
            if words:
                v = self.parse_spelled(" ".join(words))
                if v is None:
                    return False
                num, words = Decimal(v), []
            return True

        for p in parts:
            low = p.lower()
            if low in self.scales:
                if not flush_spelled() or num is None:
                    return None
                scale *= self.scales[low]
                continue
            # a new number starts a new group
            if num is not None and scale > 1 and (DIGITS_RE.fullmatch(p) or low in self.digits) and not words:
                groups.append((num, scale))
                num, scale = None, 1
            if DIGITS_RE.fullmatch(p) or DOT_DECIMAL_RE.fullmatch(p):
                if num is not None or words:
                    return None
                num = _digits_decimal(p)
            elif low in self.digits:
                if num is not None and not words:
                    return None
                words.append(low)
            else:
                return None
        if not flush_spelled() or num is None:
            return None
        groups.append((num, scale))
        # "5 nghìn 200 tỷ": the last scale word multiplies the whole amount before it
        # (5.200 tỷ) when that amount is a small compound ("nghìn", "vạn") read whole
        if len(groups) >= 2:
            head, (last_n, last_s) = groups[:-1], groups[-1]
            if all(s < last_s for _, s in head) and max(s for _, s in head) <= self.max_lead_scale \
                    and min(s for _, s in head) / 10 <= last_n < min(s for _, s in head) \
                    and last_s > self.max_lead_scale:
                # "2 nghìn 5 tỷ" (2.500 or 2.005?) stays unread: the rest must fill the places
                inner = head + [(last_n, 1)]
                if all(b < a for (_, a), (_, b) in zip(inner, inner[1:])):
                    return _tidy(sum(n * s for n, s in inner) * last_s)
        # compounds must go down in scale: "563 tỷ 859 triệu", not "5 triệu 3 tỷ"
        for (_, a), (_, b) in zip(groups, groups[1:]):
            if b >= a:
                return None
        return _tidy(sum(n * s for n, s in groups))


@lru_cache(maxsize=8)
def number_words(rules_key: tuple[str, ...] = ()) -> NumberWords:
    return NumberWords(load_rules(rules_key))


def parse_amount(text: str) -> float | int | None:
    """Module-level convenience with the shipped rules."""
    return number_words().parse_amount(text)


def format_vietnamese(value: float | int, decimals: int = 0) -> str:
    """The inverse of ``parse_digits``: 5023.3 -> "5.023,3" (used by tests and writers)."""
    whole = int(abs(value))
    s = f"{whole:,}".replace(",", ".")
    if decimals:
        frac = f"{abs(value) - whole:.{decimals}f}"[2:]
        s += "," + frac
    return ("-" if value < 0 else "") + s
