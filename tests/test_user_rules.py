"""User rule folders (``--rules DIR`` / ``rules=``): layered over the shipped rules, checked
when loaded, and a bad file fails with its name and line."""
from __future__ import annotations

import json
import textwrap

import pytest

import cli
from extractor import extract
from extractor.rules import RulesError, load_rules

ARTICLE = (
    "Kinh tế thuỷ sản của xã tiếp tục phát triển\n"
    "Năm 2024, toàn xã có 120 lồng bè nuôi cá trên sông Lô, sản lượng cá thương phẩm đạt 85 tấn.\n"
    "Công ty liên doanh đã ký hợp đồng xuất khẩu trị giá 2 triệu bảng Anh.\n"
    "Lượt xem: 2.350 lượt\n"
)


@pytest.fixture(scope="module")
def user_rules(tmp_path_factory):
    """One user folder: a new unit, a new currency, a new boilerplate line."""
    d = tmp_path_factory.mktemp("my_rules")
    (d / "units.yaml").write_text(textwrap.dedent("""\
        # units our province writes that the package does not know
        quantity_units:
          - lồng bè
        currencies:
          "bảng Anh": GBP
        """), encoding="utf-8")
    (d / "normalise.yaml").write_text(textwrap.dedent("""\
        chrome_lines:
          - 'Lượt xem\\s*:\\s*[\\d.,]+(?:\\s+lượt)?'
        """), encoding="utf-8")
    (d / "titles.yaml").write_text(textwrap.dedent("""\
        # "PGĐ" is how our department's news writes Phó Giám đốc
        title_abbreviations: [PGĐ]
        abbreviations:
          PGĐ: Phó Giám đốc
        """), encoding="utf-8")
    (d / "meetings.yaml").write_text(textwrap.dedent("""\
        kinds:
          "buổi đối thoại": "buổi đối thoại"
        """), encoding="utf-8")
    (d / "documents.yaml").write_text(textwrap.dedent("""\
        type_codes:
          HDLN: Hướng dẫn liên ngành
        issuer_codes:
          # since the 2025 merger of the departments
          SNN: Sở Nông nghiệp và Môi trường
        """), encoding="utf-8")
    return d


def _units(result) -> list[tuple[str, float, str]]:
    return [(q["text"], q["value"], q["unit"]) for q in result.to_dict()["quantities"]]


def test_shipped_rules_alone_do_not_know_the_users_words():
    d = extract(ARTICLE).to_dict()
    assert all(q["unit"] != "lồng bè" for q in d["quantities"])
    assert all(m["currency"] != "GBP" for m in d["money"])
    # the visit counter is read as a quantity when nobody says it is page chrome
    assert ("2.350 lượt", 2350, "lượt") in _units(extract(ARTICLE))


def test_a_user_unit_is_recognised(user_rules):
    units = _units(extract(ARTICLE, rules=[str(user_rules)]))
    assert ("120 lồng bè", 120, "lồng bè") in units
    assert (85, "tấn") in [(v, u) for _, v, u in units]  # shipped units still work


def test_a_user_currency_is_recognised(user_rules):
    money = extract(ARTICLE, rules=[str(user_rules)]).to_dict()["money"]
    assert [(m["amount"], m["currency"]) for m in money] == [(2_000_000, "GBP")]


def test_a_user_boilerplate_line_is_not_read(user_rules):
    units = _units(extract(ARTICLE, rules=[str(user_rules)]))
    assert all(u != "lượt" for _, _, u in units)


OFFICIALS_ARTICLE = (
    "Sở Tài chính tổng kết công tác năm 2024\n"
    "Sáng 10/1, đồng chí Lê Văn Tâm - PGĐ Sở Tài chính chủ trì hội nghị tổng kết công tác năm 2024.\n"
)


def test_a_user_title_abbreviation_makes_an_official(user_rules):
    assert extract(OFFICIALS_ARTICLE).to_dict()["officials"] == []
    [official] = extract(OFFICIALS_ARTICLE, rules=[str(user_rules)]).to_dict()["officials"]
    assert official["name"] == "Lê Văn Tâm"
    assert official["titles"] == ["Phó Giám đốc Sở Tài chính"]  # expanded with the user's table
    assert official["titles_raw"] == ["PGĐ Sở Tài chính"]


DIALOGUE_ARTICLE = (
    "UBND huyện Sông Lô đối thoại với nông dân\n"
    "Sáng 15/5/2025, UBND huyện Sông Lô tổ chức buổi đối thoại với nông dân về chuyển đổi cơ cấu cây "
    "trồng. Đồng chí Nguyễn Văn Long - Chủ tịch UBND huyện chủ trì buổi đối thoại.\n"
    "Các xã thực hiện theo số 15/HDLN-SNN ngày 2/4/2025 về hỗ trợ chuyển đổi cây trồng.\n"
)


def test_a_user_meeting_kind_makes_a_meeting(user_rules):
    assert extract(DIALOGUE_ARTICLE).to_dict()["meetings"] == []
    [meeting] = extract(DIALOGUE_ARTICLE, rules=[str(user_rules)]).to_dict()["meetings"]
    assert (meeting["kind"], meeting["date"], meeting["chair"]) == ("buổi đối thoại", "2025-05-15", "Nguyễn Văn Long")


def test_a_user_document_code_names_the_type_and_issuer(user_rules):
    [shipped] = extract(DIALOGUE_ARTICLE).to_dict()["documents"]
    assert shipped["number"] == "15/HDLN-SNN" and shipped["doc_type"] is None
    [doc] = extract(DIALOGUE_ARTICLE, rules=[str(user_rules)]).to_dict()["documents"]
    assert (doc["number"], doc["doc_type"], doc["issuer"]) == (
        "15/HDLN-SNN", "Hướng dẫn liên ngành", "Sở Nông nghiệp và Môi trường")  # the user's value wins


def test_user_rules_do_not_leak_into_the_default_pipeline(user_rules):
    extract(ARTICLE, rules=[str(user_rules)])
    assert all(u != "lồng bè" for _, _, u in _units(extract(ARTICLE)))


def test_layering_extends_lists_and_merges_mappings(user_rules):
    shipped, layered = load_rules(), load_rules([user_rules])
    assert layered["units"]["quantity_units"] == shipped["units"]["quantity_units"] + ["lồng bè"]
    assert layered["units"]["currencies"] == {**shipped["units"]["currencies"], "bảng Anh": "GBP"}
    assert layered["numbers"] == shipped["numbers"]  # a file the user did not write


def test_cli_extract_with_rules(user_rules, tmp_path, capsys):
    art = tmp_path / "ca_long_be.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cli.main(["extract", str(art), "-o", str(out), "--rules", str(user_rules), "--quiet"]) == 0
    row = json.loads(out.read_text(encoding="utf-8"))
    assert {"text": "120 lồng bè", "unit": "lồng bè"}.items() <= row["quantities"][0].items()


def test_cli_show_with_rules(user_rules, tmp_path, capsys):
    art = tmp_path / "ca_long_be.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    assert cli.main(["show", str(art), "--rules", str(user_rules), "--style", "plain"]) == 0
    out = capsys.readouterr().out
    assert "120 lồng bè" in out and "GBP" in out


# --- bad rule files -----------------------------------------------------------------------

BAD_FILES = [
    # (file name, content, expected message after "<path>:")
    ("units.yaml", "# my units\nquantity_units:\n  - lồng bè\n  - 12\n",
     "4: quantity_units must be a list of strings"),
    ("units.yaml", "quantity_units: lồng bè\n", "1: quantity_units must be a list of strings"),
    ("units.yaml", "\n\nquantity_units:\n  - {name: lồng bè}\n", "4: quantity_units must be a list of strings"),
    ("units.yaml", "currencies:\n  bảng Anh: [GBP]\n", "2: currencies must be a mapping of strings"),
    ("numbers.yaml", "scales:\n  vạn: mười nghìn\n", "2: scales must be a mapping of numbers"),
    ("units.yaml", "quantity_unit:\n  - lồng bè\n", "1: unknown key 'quantity_unit' in units.yaml"),
    ("normalise.yaml", "chrome_lines:\n  - 'Lượt xem: ([0-9]+'\n", "2: chrome_lines: bad pattern"),
    ("units.yaml", "quantity_units:\n  - lồng bè\n  - [ao, đầm\n", "4:1: expected ',' or ']'"),  # YAML syntax
    ("units.yaml", "- lồng bè\n", "1: a rule file is a mapping of keys"),
    ("don_vi.yaml", "quantity_units: [lồng bè]\n", " a user rule file takes the name of the shipped file"),
]


@pytest.mark.parametrize("name,content,message", BAD_FILES)
def test_a_bad_rule_file_names_its_file_and_line(tmp_path, name, content, message):
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_rules([tmp_path])
    assert str(err.value).startswith(f"{tmp_path / name}:{message}")


def test_a_missing_rules_folder_is_an_error(tmp_path):
    with pytest.raises(RulesError, match="not a folder of rule files"):
        load_rules([tmp_path / "nowhere"])


def test_an_empty_key_adds_nothing(tmp_path):
    (tmp_path / "units.yaml").write_text("quantity_units:\n# (all commented out)\n", encoding="utf-8")
    assert load_rules([tmp_path])["units"] == load_rules()["units"]


@pytest.mark.parametrize("command", [
    ["extract", "{art}", "-o", "{out}"],
    ["show", "{art}"],
    ["render", "{art}", "-o", "{out}.html"],
])
def test_cli_fails_with_the_file_and_line(tmp_path, capsys, command):
    rules = tmp_path / "r"
    rules.mkdir()
    (rules / "units.yaml").write_text("quantity_units:\n  - lồng bè\n  - 3\n", encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    argv = [a.format(art=art, out=tmp_path / "out") for a in command] + ["--rules", str(rules)]
    assert cli.main(argv) == 2
    assert f"{rules / 'units.yaml'}:3: quantity_units must be a list of strings" in capsys.readouterr().err
