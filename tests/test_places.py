"""Places (checked against the vietnamadminunits gazetteer) and organisations."""
from __future__ import annotations

import socket

import pytest

from extractor.rules import load_rules


def _places(run, text):
    return [(p["text"], p["level"], p["name"]) for p in run(text)["places"]]


def _place(run, text, written):
    return next(p for p in run(text)["places"] if p["text"] == written)


@pytest.mark.parametrize("text,expected", [
    ("Xã Thanh Sơn đạt chuẩn nông thôn mới năm 2020.", [("Xã Thanh Sơn", "xã", "Thanh Sơn")]),
    ("Đoàn công tác làm việc tại huyện Ba Chẽ, tỉnh Quảng Ninh.",
     [("huyện Ba Chẽ", "huyện", "Ba Chẽ"), ("tỉnh Quảng Ninh", "tỉnh", "Quảng Ninh")]),
    ("Hội nghị tổ chức tại TP. Hồ Chí Minh và thành phố Hạ Long.",
     [("TP. Hồ Chí Minh", "thành phố", "Hồ Chí Minh"), ("thành phố Hạ Long", "thành phố", "Hạ Long")]),
    ("Các xã Thanh Sơn, Đồn Đạc và Nam Sơn thuộc huyện Ba Chẽ.",
     [("xã Thanh Sơn", "xã", "Thanh Sơn"), ("Đồn Đạc", "xã", "Đồn Đạc"), ("Nam Sơn", "xã", "Nam Sơn"),
      ("huyện Ba Chẽ", "huyện", "Ba Chẽ")]),
    ("Người dân thị trấn Ba Chẽ và thôn Khe Lọng Ngoài, bản Nà Làng tham gia.",
     [("thị trấn Ba Chẽ", "thị trấn", "Ba Chẽ"), ("thôn Khe Lọng Ngoài", "thôn", "Khe Lọng Ngoài"),
      ("bản Nà Làng", "bản", "Nà Làng")]),
    ("Tỉnh Bà Rịa - Vũng Tàu và Quận 10 cùng tham gia.",
     [("Tỉnh Bà Rịa - Vũng Tàu", "tỉnh", "Bà Rịa - Vũng Tàu"), ("Quận 10", "quận", "10")]),
    # level words that do not open a place
    ("Huyện Ủy Tiên Yên ban hành văn bản Hướng dẫn về Xã hội hóa giáo dục.", []),
    ("Công tác an sinh xã hội được bảo đảm; toàn tỉnh có 12 huyện.", []),
    # a person's name after a level word is not a place; a province must be a real one
    ("Phó Chủ tịch UBND tỉnh Đặng Xuân Phong dự; Chủ tịch UBND huyện Lò Thị Xuân phát biểu.", []),
])
def test_place_extent_and_level(run, text, expected):
    assert _places(run, text) == expected


def test_quantity_before_a_commune_keeps_the_name(run):
    """ "02 xã" is a quantity (claimed earlier); the commune's name is still a place."""
    got = _places(run, "Tập trung chỉ đạo 02 xã Thanh Sơn, Đồn Đạc đạt chuẩn nông thôn mới.")
    assert [n for _, _, n in got] == ["Thanh Sơn", "Đồn Đạc"]


def test_province_merged_in_2025_has_its_successor(run):
    p = _place(run, "Đoàn công tác của tỉnh Hà Giang làm việc với huyện.", "tỉnh Hà Giang")
    assert (p["validated"], p["exists_after_2025"]) == (True, False)
    assert p["current"] == {"level": "tỉnh", "name": "Tuyên Quang"}


def test_province_that_still_exists(run):
    p = _place(run, "Đại hội Đảng bộ tỉnh Quảng Ninh lần thứ XV.", "tỉnh Quảng Ninh")
    assert p["exists_after_2025"] is True
    assert p["current"] == {"level": "tỉnh", "name": "Quảng Ninh"}


def test_district_level_is_gone_after_2025(run):
    p = _place(run, "Năm 2020, huyện Ba Chẽ trồng mới 3.772 ha rừng.", "huyện Ba Chẽ")
    assert (p["province"], p["exists_after_2025"]) == ("Quảng Ninh", False)
    assert p["current"] == {"level": "tỉnh", "name": "Quảng Ninh"}


def test_ambiguous_commune_is_resolved_by_the_article(run):
    """There are many communes called Thanh Sơn; Đồn Đạc exists only in Ba Chẽ district."""
    text = "Công nhận xã Đồn Đạc và xã Thanh Sơn đạt chuẩn nông thôn mới."
    p = _place(run, text, "xã Thanh Sơn")
    assert (p["province"], p["district"]) == ("Quảng Ninh", "Ba Chẽ")
    assert p["current"] == {"level": "xã", "name": "Ba Chẽ", "province": "Quảng Ninh"}
    alone = _place(run, "Xã Thanh Sơn đạt chuẩn nông thôn mới.", "Xã Thanh Sơn")
    assert alone["province"] is None and alone["candidates"] > 1


def test_unknown_commune_is_kept_unvalidated(run):
    p = _place(run, "Bà con xã Pá Lìu Khè trồng thêm 20 ha chè.", "xã Pá Lìu Khè")
    assert (p["validated"], p["current"]) == (False, None)


def test_gazetteer_needs_no_network(monkeypatch):
    """The gazetteer reads the package's bundled files only."""
    from extractor import gazetteer as gz

    def refuse(*args, **kwargs):
        raise OSError("network used")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    g = gz._build.__wrapped__()
    assert len(g.new_provinces) == 34
    assert len(g.provinces) == 63
    (huyen,) = [u for u in g.candidates("huyện", "Ba Chẽ")]
    assert g.successor(huyen).name == "Quảng Ninh"


# --- organisations -----------------------------------------------------------------------------
def _orgs(run, text):
    return [(o["text"], o["kind"], o["name"]) for o in run(text)["organisations"]]


@pytest.mark.parametrize("text,expected", [
    ("UBND huyện Ba Chẽ ban hành kế hoạch.",
     [("UBND huyện Ba Chẽ", "people_committee", "Ủy ban nhân dân huyện Ba Chẽ")]),
    ("Ban Chấp hành Đảng bộ huyện khóa XXV tổ chức kỳ họp lần thứ 3.",
     [("Ban Chấp hành Đảng bộ huyện khóa XXV", "party", "Ban Chấp hành Đảng bộ huyện khóa XXV")]),
    ("Sở Lao động - Thương binh và Xã hội phối hợp với Hội LHPN tỉnh.",
     [("Sở Lao động - Thương binh và Xã hội", "government", "Sở Lao động - Thương binh và Xã hội"),
      ("Hội LHPN tỉnh", "mass_organisation", "Hội Liên hiệp Phụ nữ tỉnh")]),
    ("Ủy ban MTTQ huyện và Bộ CHQS tỉnh ký kết quy chế phối hợp.",
     [("Ủy ban MTTQ huyện", "front", "Ủy ban Mặt trận Tổ quốc huyện"),
      ("Bộ CHQS tỉnh", "military", "Bộ Chỉ huy quân sự tỉnh")]),
    ("Huyện Ủy Tiên Yên và Tỉnh Đoàn tổ chức lễ ra quân.",
     [("Huyện Ủy Tiên Yên", "party", "Huyện Ủy Tiên Yên"), ("Tỉnh Đoàn", "mass_organisation", "Tỉnh Đoàn")]),
    ("Phòng, chống dịch được chú trọng; Hội Trà hoa vàng lần thứ 3 thu hút du khách.", []),
])
def test_organisations(run, text, expected):
    assert _orgs(run, text) == expected


@pytest.mark.parametrize("ex", load_rules()["organisations"]["examples"], ids=lambda e: e["text"][:40])
def test_organisations_yaml_examples(run, ex):
    got = run(ex["text"])["organisations"]
    if ex["org"] is None:
        assert got == []
        return
    (o,) = [o for o in got if o["text"] == ex["org"]]
    assert o["kind"] == ex["kind"]
    if "name" in ex:
        assert o["name"] == ex["name"]


@pytest.mark.parametrize("ex", load_rules()["places"]["examples"], ids=lambda e: e["text"][:40])
def test_places_yaml_examples(run, ex):
    got = run(ex["text"])["places"]
    if "places" in ex:
        assert [p["text"] for p in got] == ex["places"]
        return
    if ex["place"] is None:
        assert got == []
        return
    (p,) = got
    assert (p["text"], p["level"], p["name"]) == (ex["place"], ex["level"], ex["name"])
    if "current" in ex:
        assert p["current"]["name"] == ex["current"]


def test_places_are_claimed_organisations_are_not(nlp):
    doc = nlp("Chủ tịch UBND xã Đồn Đạc Lý Văn Tường kiểm tra.")
    (place,) = doc._.records["places"]
    assert doc._.claims.owner_at(*place["span"]) == "places"
    (org,) = doc._.records["organisations"]
    assert doc._.claims.owner_at(org["span"][0], org["span"][0] + 4) is None
