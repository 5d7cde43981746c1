"""Vietnam's administrative units, before and after the 1 July 2025 reorganisation.

The names come from the maintained package ``vietnamadminunits`` (its bundled SQLite dataset
and its 2025 conversion tables), never from a hand-typed list: 63 provinces with their
districts and wards before the reorganisation ("legacy"), 34 provinces with their wards after
it, and which new unit took over each old one. Everything is read from files shipped inside
the package: nothing here touches the network (the package's own address converter may call
a geocoder for street addresses, so it is not used).

Names are compared folded (one tone-mark style, lower case): "Thanh Hóa" == "Thanh Hoá".
"""
from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache

from .rules import fold

# What the legacy dataset calls each type, as the level words articles use.
_DISTRICT_LEVEL = {"Huyện": "huyện", "Quận": "quận", "Thị xã": "thị xã", "Thành phố": "thành phố"}
_WARD_LEVEL = {"Xã": "xã", "Phường": "phường", "Thị trấn": "thị trấn", "Đặc khu": "đặc khu"}
PROVINCE_LEVELS = ("tỉnh", "thành phố")
DISTRICT_LEVELS = ("huyện", "quận", "thị xã", "thành phố")
WARD_LEVELS = ("xã", "phường", "thị trấn", "đặc khu")


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """How names are compared: folded tone marks, lower case, single spaces, " - " between
    the parts of a double name ("Bà Rịa - Vũng Tàu")."""
    return " ".join(re.sub(r"\s*[-–]\s*", " - ", fold(name)).lower().split())


def ascii_key(name: str) -> str:
    """The package's own keyword form: no accents, no spaces ("bariavungtau")."""
    from unidecode import unidecode

    return re.sub(r"[^a-z0-9]", "", unidecode(name).lower())


@dataclass
class Unit:
    level: str            # "tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", ...
    name: str             # short name as the dataset spells it: "Ba Chẽ"
    province: str         # short name of the province it belongs (belonged) to
    district: str | None = None   # legacy district, for wards and districts
    legacy: bool = True   # from the 63-province dataset (False: a post-2025 unit)
    province_key: str = ""
    district_key: str = ""
    ward_key: str = ""


@dataclass
class Successor:
    level: str
    name: str
    province: str | None = None

    def as_dict(self) -> dict:
        out = {"level": self.level, "name": self.name}
        if self.province and self.province != self.name:
            out["province"] = self.province
        return out


@dataclass
class Gazetteer:
    """Look-ups by level and folded name. Build once with ``gazetteer()``."""

    provinces: dict[str, list[Unit]] = field(default_factory=dict)        # legacy, by key
    new_provinces: dict[str, Unit] = field(default_factory=dict)          # 34, by key
    districts: dict[str, list[Unit]] = field(default_factory=dict)        # legacy, by key
    wards: dict[str, list[Unit]] = field(default_factory=dict)            # legacy, by key
    new_wards: dict[str, list[Unit]] = field(default_factory=dict)        # post-2025, by key
    province_successor: dict[str, str] = field(default_factory=dict)      # legacy pkey -> new short
    ward_successor: dict[str, tuple[str, str]] = field(default_factory=dict)  # "p_d_w" -> (new pkey, new wkey)
    new_ward_by_key: dict[tuple[str, str], Unit] = field(default_factory=dict)
    new_province_name: dict[str, str] = field(default_factory=dict)       # new pkey -> short name
    province_keywords: dict[str, str] = field(default_factory=dict)       # "bariavungtau" -> key
    max_words: int = 4

    # ---- look-ups -------------------------------------------------------------------------
    def candidates(self, level: str, name: str) -> list[Unit]:
        """Units of this level word with this name, legacy and current."""
        if name.isdigit():   # "Quận 10", "Phường 3"
            name = f"{level.capitalize()} {name}"
        k = key(name)
        out: list[Unit] = []
        if level in PROVINCE_LEVELS:
            if k not in self.provinces and k not in self.new_provinces:
                k = self.province_keywords.get(ascii_key(name), k)
            out += [u for u in self.provinces.get(k, []) if level == "tỉnh" or u.level == level]
            if k in self.new_provinces and not out:
                out.append(self.new_provinces[k])
        if level in DISTRICT_LEVELS:
            out += [u for u in self.districts.get(k, []) if u.level == level]
        if level in WARD_LEVELS:
            out += [u for u in self.wards.get(k, []) if u.level == level]
            legacy_provinces = {u.province for u in out}
            out += [u for u in self.new_wards.get(k, []) if u.level == level
                    and u.province not in legacy_provinces]
        return out

    def knows(self, level: str, name: str) -> bool:
        return bool(self.candidates(level, name))

    def is_area_name(self, name: str) -> bool:
        """A province or district name ("Thái Nguyên", "Cao Bằng"): such a capitalised
        run after a title is a place, not a person, unless an honorific says otherwise."""
        k = key(name)
        return k in self.provinces or k in self.new_provinces or k in self.districts

    def exists_after_2025(self, unit: Unit) -> bool:
        if not unit.legacy:
            return True
        if unit.level in PROVINCE_LEVELS and unit.district is None:
            return key(unit.name) in self.new_provinces
        if unit.ward_key:
            new = self.successor(unit)
            return bool(new and key(new.name) == key(unit.name) and new.level == unit.level)
        return False  # no district level since 1 July 2025

    def successor(self, unit: Unit) -> Successor | None:
        """The unit that took over from ``unit`` on 1 July 2025 (itself if it still exists)."""
        if not unit.legacy:
            return None
        if unit.level in PROVINCE_LEVELS and unit.district is None:
            new = self.province_successor.get(unit.province_key)
            return Successor(self._province_level(new), new) if new else None
        new_pkey = self._new_province_key(unit.province_key)
        if unit.ward_key:
            old = f"{unit.province_key}_{unit.district_key}_{unit.ward_key}"
            hit = self.ward_successor.get(old)
            if hit:
                ward = self.new_ward_by_key.get(hit)
                if ward:
                    return Successor(ward.level, ward.name, ward.province)
        # a district (or a ward the tables do not map): the province that absorbed it
        if new_pkey:
            name = self.new_province_name[new_pkey]
            return Successor(self._province_level(name), name)
        return None

    def _new_province_key(self, legacy_pkey: str) -> str | None:
        name = self.province_successor.get(legacy_pkey)
        if not name:
            return None
        return next((k for k, v in self.new_province_name.items() if v == name), None)

    def _province_level(self, short: str) -> str:
        unit = self.new_provinces.get(key(short))
        return unit.level if unit else "tỉnh"


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _build() -> Gazetteer:
    # Imported here: the package pulls in geopy/shapely, which only this stage needs.
    from vietnamadminunits.converter import converter_2025 as conv
    from vietnamadminunits.database import query

    g = Gazetteer()
    legacy = query("SELECT province, provinceShort, provinceKey, provinceKeywords, district, districtShort, "
                   "districtType, districtKey, wardShort, wardType, wardKey FROM admin_units_legacy")
    seen_p: set[str] = set()
    seen_d: set[tuple[str, str]] = set()
    for r in legacy:
        pk = r["provinceKey"]
        if pk not in seen_p:
            seen_p.add(pk)
            level = "thành phố" if str(r["province"]).startswith("Thành phố") else "tỉnh"
            g.provinces.setdefault(key(r["provinceShort"]), []).append(
                Unit(level, r["provinceShort"], r["provinceShort"], province_key=pk))
            for kw in json.loads(r["provinceKeywords"] or "[]"):
                if len(kw) > 3:   # "hn", "hcm" are the package's aliases: too short to trust
                    g.province_keywords.setdefault(kw, key(r["provinceShort"]))
        dk = r["districtKey"]
        if dk and (pk, dk) not in seen_d:
            seen_d.add((pk, dk))
            level = _DISTRICT_LEVEL.get(r["districtType"])
            if level:
                g.districts.setdefault(key(r["districtShort"]), []).append(
                    Unit(level, r["districtShort"], r["provinceShort"], r["districtShort"],
                         province_key=pk, district_key=dk))
        level = _WARD_LEVEL.get(r["wardType"] or "")
        if level and r["wardShort"]:
            g.wards.setdefault(key(r["wardShort"]), []).append(
                Unit(level, r["wardShort"], r["provinceShort"], r["districtShort"],
                     province_key=pk, district_key=dk, ward_key=r["wardKey"]))
    current = query("SELECT province, provinceShort, provinceKey, wardShort, wardType, wardKey FROM admin_units")
    for r in current:
        pk = r["provinceKey"]
        if key(r["provinceShort"]) not in g.new_provinces:
            level = "thành phố" if str(r["province"]).startswith("Thành phố") else "tỉnh"
            g.new_provinces[key(r["provinceShort"])] = Unit(level, r["provinceShort"], r["provinceShort"],
                                                           legacy=False, province_key=pk)
            g.new_province_name[pk] = r["provinceShort"]
        level = _WARD_LEVEL.get(r["wardType"] or "")
        if level and r["wardShort"]:
            unit = Unit(level, r["wardShort"], r["provinceShort"], None, legacy=False,
                        province_key=pk, ward_key=r["wardKey"])
            g.new_wards.setdefault(key(r["wardShort"]), []).append(unit)
            g.new_ward_by_key[(pk, r["wardKey"])] = unit
    for new_pk, old_pks in conv.DICT_PROVINCE.items():
        for old in old_pks:
            if new_pk in g.new_province_name:
                g.province_successor[old] = g.new_province_name[new_pk]
    for new_pk, wards in conv.DICT_PROVINCE_WARD_NO_DIVIDED.items():
        for new_wk, olds in wards.items():
            for old in olds:
                g.ward_successor[old] = (new_pk, new_wk)
    for new_pk, olds in conv.DICT_PROVINCE_WARD_DIVIDED.items():
        for old, news in olds.items():
            default = next((n for n in news if n.get("isDefaultNewWard")), news[0] if news else None)
            if default and old not in g.ward_successor:
                g.ward_successor[old] = (new_pk, default["newWardKey"])
    g.max_words = max(len(k.split()) for table in (g.provinces, g.districts, g.wards, g.new_wards)
                      for k in table)
    return g


def gazetteer() -> Gazetteer:
    """The gazetteer, built on first use (about a second) and shared by every pipeline."""
    with _LOCK:
        return _build()
