"""``vngov render``: self-contained HTML with every record highlighted in the text, checked as
HTML and in a real headless Chromium (Debian's package)."""
from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from helpers_view import TEXT, output_record

import cli
from extractor.render import article_html, safe_name, write_report
from extractor.show import ArticleView, iter_views, record_spans

CHROMIUM = Path("/usr/bin/chromium")

ARTICLE = (
    "UBND huyện Lập Thạch họp bàn kế hoạch đầu tư công\n"
    "Năm 2024, huyện giải ngân được 186,5 tỷ đồng vốn đầu tư công, đạt 91,2% kế hoạch; "
    "hoàn thành 14 công trình giao thông nông thôn với tổng chiều dài 23 km.\n"
    "Dự kiến năm 2025, tổng vốn đầu tư công của huyện khoảng 240 tỷ đồng, tăng 28% so với năm 2024.\n"
)


class Page(HTMLParser):
    """What a test needs from a rendered page: the highlighted spans, the text of each line of
    the article (labels left out), the links, and tags a self-contained page must not have."""

    def __init__(self, html: str):
        super().__init__()
        self.spans: list[dict] = []
        self.lines: list[str] = []
        self.links: list[str] = []
        self.tags = Counter()
        self._line: list[str] | None = None
        self._depth = 0
        self._label = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] += 1
        cls = a.get("class") or ""
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if "vngov-span" in cls.split():
            self.spans.append(a)
        if tag == "div" and "line" in cls.split():
            self._line, self._depth = [], 0
        if self._line is not None and tag not in ("wbr",):
            self._depth += 1
            if "vngov-label" in cls.split():
                self._label = self._depth

    def handle_endtag(self, tag):
        if self._line is None or tag == "wbr":
            return
        if self._label and self._depth == self._label:
            self._label = 0
        self._depth -= 1
        if self._depth == 0:
            self.lines.append(re.sub(r"\s+", " ", "".join(self._line)).strip())
            self._line = None

    def handle_data(self, data):
        if self._line is not None and not self._label:
            self._line.append(data)

    def by_type(self) -> Counter:
        return Counter(s["data-type"] for s in self.spans)


def expected_spans(view: ArticleView) -> Counter:
    return Counter({t: sum(len(record_spans(r)) for r in view.records(t))
                    for t in view.record_types() if view.records(t)})


@pytest.fixture(scope="module")
def hand_view() -> ArticleView:
    return ArticleView(output_record(), TEXT)


@pytest.fixture(scope="module")
def pipeline_view(nlp) -> ArticleView:
    from extractor.api import Article, process

    result = process(Article(text=ARTICLE, id="lap_thach_dtc"), nlp)
    return ArticleView(result.to_dict(), result.text, list(result.doc._.chrome))


# --- the page -----------------------------------------------------------------------------

def test_every_record_is_highlighted_with_its_type(hand_view):
    page = Page(article_html(hand_view))
    assert page.by_type() == expected_spans(hand_view)
    assert page.by_type()["officials"] == 2  # one per mention


def test_a_highlight_explains_itself(hand_view):
    page = Page(article_html(hand_view))
    money = next(s for s in page.spans if s["data-type"] == "money")
    assert (money["data-rule"], money["data-score"]) == ("money.amount_currency", "1.0")
    lines = money["title"].split("\n")
    assert lines[0] == "money · money.amount_currency · 1.0"
    assert "amount: 215.000.000.000" in lines and "currency: VND" in lines
    official = next(s for s in page.spans if s["data-type"] == "officials")
    assert "titles: Huyện uỷ viên; Chủ tịch HĐND huyện" in official["title"].split("\n")


def test_pipeline_records_are_highlighted_with_their_rule(pipeline_view):
    page = Page(article_html(pipeline_view))
    assert page.by_type() == expected_spans(pipeline_view)
    assert page.by_type()["money"] == 2 and page.by_type()["percentages"] == 2
    rules = {(s["data-type"], s["data-rule"]) for s in page.spans}
    for rtype in ("money", "percentages", "quantities"):
        for rec in pipeline_view.records(rtype):
            assert (rtype, rec["rule"]) in rules


def test_the_text_reads_as_written(pipeline_view):
    page = Page(article_html(pipeline_view))
    assert page.lines == [re.sub(r"\s+", " ", line).strip() for line in ARTICLE.split("\n") if line.strip()]


def test_labels_link_to_the_record_rows(hand_view):
    html = article_html(hand_view)
    page = Page(html)
    anchors = [l[1:] for l in page.links if l.startswith("#rec-")]
    assert anchors and all(f'<tr id="{a}">' in html for a in anchors)


def test_overlapping_records_stack(hand_view):
    """The indicator's sentence holds money and a percentage: their bars are drawn at
    different heights under the same words."""
    tokens = article_html(hand_view).split('<span class="vngov-token"')[1:]
    token = next(t for t in tokens if re.match(r'[^>]*>215 ', t))
    tops = re.findall(r'class="vngov-(?:slice|span)"[^>]*?top: (\d+)px', token)
    assert len(set(tops)) == 2  # two heights: the indicator above, the money below
    assert "indicators · indicator.subject_value · 0.8\nmoney · money.amount_currency · 1.0" in token


def test_a_record_across_two_lines_is_labelled_once():
    text = "Tổng kinh phí hỗ trợ là 1,5\ntỷ đồng từ ngân sách tỉnh."
    rec = {"schema": 1, "id": "x", "status": "ok",
           "money": [{"text": text[24:34], "span": [24, 34], "amount": 1500000000, "currency": "VND",
                      "rule": "money.amount_currency", "score": 1.0}]}
    page = Page(article_html(ArticleView(rec, text)))
    assert page.by_type() == {"money": 1}
    html = article_html(ArticleView(rec, text))
    assert html.count('class="vngov-slice"') >= 1  # the second line's piece is drawn, unlabelled


def test_the_page_is_self_contained(hand_view):
    html = article_html(hand_view)
    page = Page(html)
    for tag in ("script", "link", "img", "iframe", "object", "embed"):
        assert page.tags[tag] == 0, tag
    assert "@import" not in html and "url(" not in html and " src=" not in html
    external = [l for l in page.links if re.match(r"[a-z]+:", l)]
    assert external == ["https://example.gov.vn/tin/ky-hop-15"]  # the article's own URL, as a link


def test_everything_from_the_article_is_escaped():
    text = 'Tin <script>alert("x")</script> & "trích dẫn" 5 tỷ đồng'
    start = text.index("5 tỷ")
    rec = {"schema": 1, "id": '"><img src=x onerror=alert(1)>', "status": "ok", "title": "<b>tiêu đề</b>",
           "url": "javascript:alert(1)",
           "money": [{"text": "5 tỷ đồng", "span": [start, start + 9], "amount": 5e9, "currency": "VND",
                      "rule": '"><script>', "score": 1.0}]}
    html = article_html(ArticleView(rec, text))
    page = Page(html)
    assert page.tags["script"] == 0 and page.tags["img"] == 0 and page.tags["b"] == 0
    assert "javascript:" not in [l[:11] for l in page.links]
    assert page.spans[0]["data-rule"] == '"><script>'  # kept as data, not markup


def test_an_output_file_without_text_gives_the_tables(hand_view):
    page = Page(article_html(ArticleView(output_record(), None)))
    html = article_html(ArticleView(output_record(), None))
    assert page.spans == [] and "The text is not in this output file" in html
    assert 'data-type="officials"' in html  # the officials table


def test_an_output_file_with_text_is_highlighted(tmp_path):
    """An extract output written with its text (``to_dict(include_text=True)``) is rendered
    without running the pipeline again."""
    path = tmp_path / "out.jsonl"
    path.write_text(json.dumps({**output_record(), "text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    [view] = list(iter_views([str(path)]))
    assert view.text == TEXT and "text" not in view.data
    assert Page(article_html(view)).by_type() == expected_spans(view)


@pytest.mark.parametrize("aid", ["../../etc/passwd", "a/b\\c", "", "Tin tức: Hà Nội?", "x" * 500, "CON",
                                 ".hidden", "..", "id with spaces", "%2e%2e%2f"])
def test_page_names_never_come_from_ids_as_they_are(aid):
    name = safe_name(aid, 7)
    assert re.fullmatch(r"00007-[A-Za-z0-9][A-Za-z0-9_-]{0,39}-[0-9a-f]{8}", name), name
    assert safe_name(aid + "!", 7) != name  # the hash keeps different ids apart


# --- a dump: index page + one page per article ---------------------------------------------

@pytest.fixture(scope="module")
def dump(tmp_path_factory, nlp):
    d = tmp_path_factory.mktemp("dump")
    rows = [{"id": "../../etc/passwd", "title": "Giải ngân vốn đầu tư công", "text": ARTICLE},
            {"id": "xa/Hop Ly?", "text": "Toàn xã có 14 hợp tác xã, doanh thu bình quân 1,2 tỷ đồng."},
            {"id": "loi", "text": None}]
    src = d / "dump.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = d / "site" / "report.html"
    written = write_report(iter_views([str(src)]), out, source=str(src))
    return out, written


def test_dump_writes_an_index_and_a_page_per_article(dump):
    out, written = dump
    assert written[0] == out and len(written) == 4
    pages = written[1:]
    assert all(p.parent == out.parent / "report_files" for p in pages)
    index = Page(out.read_text(encoding="utf-8"))
    targets = [out.parent / unquote(l) for l in index.links]
    assert sorted(targets) == sorted(pages)


def test_index_counts_records_per_type(dump):
    out, written = dump
    html = out.read_text(encoding="utf-8")
    row = re.search(r'<tr><td class="num">2</td>.*?</tr>', html).group(0)
    cells = re.findall(r'<td class="num">(\d+)</td>', row)[1:]
    header = re.findall(r'<th><span class="chip"[^>]*>([a-z]+)</span></th>', html)
    counts = dict(zip(header, map(int, cells)))
    assert counts["money"] == 1 and counts["quantities"] == 1 and counts["percentages"] == 0
    assert '<span class="error">error</span>' in html  # the article with no text


def test_article_pages_link_back_to_the_index(dump):
    out, written = dump
    for page in written[1:]:
        links = Page(page.read_text(encoding="utf-8")).links
        assert "../report.html" in links


def test_limit(tmp_path):
    src = tmp_path / "d.jsonl"
    src.write_text("".join(json.dumps({"id": f"a{i}", "text": f"Chi {i} tỷ đồng."}) + "\n" for i in range(1, 5)),
                   encoding="utf-8")
    written = write_report(iter_views([str(src)]), tmp_path / "r.html", limit=2)
    assert len(written) == 3


def test_cli_render(tmp_path, capsys):
    art = tmp_path / "lap_thach.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "report.html"
    assert cli.main(["render", str(art), "-o", str(out)]) == 0
    page = Page(out.read_text(encoding="utf-8"))
    assert page.by_type()["money"] == 2
    assert "1 article page" in capsys.readouterr().err


# --- in a real browser ---------------------------------------------------------------------

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(),
                                    reason="/usr/bin/chromium is absent (apt-get install chromium)")


def chromium(target: Path, profile: Path, *extra: str) -> tuple[str, list[str]]:
    """Load a file in headless Chromium: the DOM after loading, and the console messages."""
    args = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *extra, target.as_uri()]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    console = re.findall(r":CONSOLE[:(]?\d*\)?\]\s*(.*)", done.stderr)
    return done.stdout, console


@needs_chromium
def test_the_console_check_sees_errors(tmp_path):
    """The check below would see a broken page: a script error reaches the console log."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html><body><p>x</p><script>noSuchFunction();</script></body></html>",
                   encoding="utf-8")
    _, console = chromium(bad, tmp_path / "profile", "--dump-dom")
    assert any("noSuchFunction" in m for m in console)


@needs_chromium
def test_an_article_page_in_chromium(hand_view, tmp_path):
    out = tmp_path / "report.html"
    write_report([hand_view], out)
    dom, console = chromium(out, tmp_path / "profile", "--dump-dom")
    assert console == []
    page = Page(dom)
    assert page.by_type() == expected_spans(hand_view)
    assert page.lines[1].startswith("Chiều 12/3/2024, HĐND huyện Yên Lạc khoá XX")
    assert "<title>HĐND huyện Yên Lạc khai mạc kỳ họp thứ 15 · vngov</title>" in dom


@needs_chromium
def test_a_dump_in_chromium(dump, tmp_path):
    out, written = dump
    dom, console = chromium(out, tmp_path / "profile-index", "--dump-dom")
    assert console == [] and len(Page(dom).links) == 3
    for i, page_file in enumerate(written[1:]):
        dom, console = chromium(page_file, tmp_path / f"profile-{i}", "--dump-dom")
        assert console == [], page_file.name
        assert "../report.html" in Page(dom).links
    first = Page(chromium(written[1], tmp_path / "profile-x", "--dump-dom")[0])
    assert first.by_type()["money"] == 2 and first.by_type()["percentages"] == 2
