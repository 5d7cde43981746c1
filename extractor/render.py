"""``vngov render``: a self-contained HTML view of what the extractor found.

    vngov render article.txt -o report.html
    vngov render dump.jsonl -o report.html      # index page + one page per article

Each article page shows the text with every record highlighted by type (displaCy's span
renderer: coloured bars under the words, stacked where records overlap, a label where each
record starts; hovering shows "type · rule · score" and the values), then the record tables
of ``vngov show``. Several articles give an index page (``report.html``) with the counts of
each type per article, linking to pages in ``report_files/``. Everything is inline: the
pages need no network and run no script.

Page file names are never taken from article ids as they are: an id is turned into a short
ASCII slug plus a hash, so ids like "../../etc/passwd" or "a/b?c" stay inside the folder.
"""
from __future__ import annotations

import bisect
import hashlib
import html
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import quote

from spacy.displacy.render import SpanRenderer

from . import __version__
from .show import ArticleView, fmt_value, iter_views, record_spans, record_tables

TYPE_COLORS = {
    "officials": "#aa9cfc", "meetings": "#7aecec", "indicators": "#bfeeb7", "dates": "#8fd3c1",
    "periods": "#9cc9cc", "documents": "#ff8197", "money": "#feca74", "percentages": "#ffeb80",
    "quantities": "#d9dcc0", "organisations": "#c887fb", "places": "#ff9561",
    "planned_meetings": "#c9f4f4",
}
DEFAULT_COLOR = "#dddddd"

# The fields a tooltip lists after "type · rule · score" (what the record says).
_TOOLTIP_SKIP = {"text", "span", "rule", "score", "sentence", "mentions"}


def esc(s: Any) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def safe_name(aid: Any, index: int) -> str:
    """A file name for an article: its position, an ASCII slug of the id and a hash of it.
    Never a path: no separators, no dots in front, bounded length."""
    text = str(aid)
    ascii_id = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", ascii_id).strip("-_")[:40] or "article"
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{index:05d}-{slug}-{digest}"


def anchor_id(rtype: str, i: int) -> str:
    return f"rec-{rtype}-{i}"


@dataclass
class Mark:
    """One highlighted range: a record (or one mention of it) in the text."""

    start: int
    end: int
    rtype: str
    index: int  # the record's row in its table
    tooltip: str
    rule: str
    score: str
    first: bool = True  # the first piece of the record's range (where the label goes)


def tooltip(rtype: str, rec: dict) -> str:
    """ "money · money.amount_currency · 1.0" and, below, what the record says."""
    head = " · ".join(x for x in (rtype, str(rec.get("rule") or ""),
                                  "" if rec.get("score") is None else str(rec.get("score"))) if x)
    values = [f"{k}: {fmt_value(v)}" for k, v in rec.items()
              if k not in _TOOLTIP_SKIP and v not in (None, "", [], {})]
    return "\n".join([head] + values)


def record_marks(view: ArticleView) -> list[Mark]:
    marks = []
    text_len = len(view.text or "")
    for rtype in view.record_types():
        for i, rec in enumerate(view.records(rtype)):
            tip = tooltip(rtype, rec)
            for s, e in record_spans(rec):
                if 0 <= s < e <= text_len:
                    marks.append(Mark(s, e, rtype, i, tip, str(rec.get("rule") or ""),
                                      "" if rec.get("score") is None else str(rec.get("score"))))
    return marks


# displaCy's span templates, with what a reviewer needs added: the record's type, rule and
# score as attributes and a tooltip, and the label linking to the record's table row.
TPL_TOKEN = ('<span class="vngov-token" title="{title}" style="background: {tint}; '
             'display: inline-block; position: relative; height: {total_height}px; white-space: pre;">'
             '{text}{span_slices}{span_starts}</span>')
TPL_SLICE = ('<span class="vngov-slice" style="background: {bg}; top: {top_offset}px; height: 4px; '
             'left: -1px; width: calc(100% + 2px); position: absolute;"></span>')
TPL_START = (
    '<span class="vngov-span" data-type="{rtype}" data-rule="{rule}" data-score="{score}" '
    'title="{title}" style="background: {bg}; top: {top_offset}px; height: 4px; '
    'border-top-left-radius: 3px; border-bottom-left-radius: 3px; left: -1px; '
    'width: calc(100% + 2px); position: absolute;">'
    '<a class="vngov-label" href="#{anchor}" style="background: {bg}; z-index: 10; color: #000; '
    'top: -0.5em; padding: 2px 3px; position: absolute; font-size: 0.6em; font-weight: bold; '
    'line-height: 1; border-radius: 3px; text-decoration: none; white-space: nowrap;">{label}</a>'
    '</span>')


class HighlightRenderer(SpanRenderer):
    """displaCy's span renderer (its stacking of overlapping spans and its look), drawing one
    line of text at a time from character ranges, keeping the text's own spacing."""

    def __init__(self) -> None:
        super().__init__({"colors": TYPE_COLORS, "top_offset": 28, "span_label_offset": 16,
                          "top_offset_step": 14})
        self.marks: list[Mark] = []

    def _color(self, label: str) -> str:
        return TYPE_COLORS.get(self._mark(label).rtype, DEFAULT_COLOR)

    def _mark(self, label: str) -> Mark:
        return self.marks[int(label.rsplit("#", 1)[1])]

    def _get_span_slices(self, entities: list[dict]) -> str:
        return "".join(TPL_SLICE.format(bg=self._color(e["label"]),
                                        top_offset=self.top_offset + self.offset_step * (e["render_slot"] - 1))
                       for e in entities)

    def _get_span_starts(self, entities: list[dict]) -> str:
        out = []
        for e in entities:
            if not e["is_start"]:
                continue
            m = self._mark(e["label"])
            if not m.first:
                continue
            out.append(TPL_START.format(
                rtype=esc(m.rtype), rule=esc(m.rule), score=esc(m.score), title=esc(m.tooltip),
                bg=self._color(e["label"]), anchor=anchor_id(m.rtype, m.index), label=esc(m.rtype),
                top_offset=self.top_offset + self.offset_step * (e["render_slot"] - 1)))
        return "".join(out)

    def render_line(self, text: str, start: int, end: int, marks: list[Mark]) -> str:
        """HTML for ``text[start:end]`` with ``marks`` (already clipped to the line)."""
        cuts = sorted({c for m in marks for c in (m.start, m.end)})
        tokens: list[tuple[int, int, str]] = []  # (start, end, whitespace after)
        for w in re.finditer(r"\S+", text[start:end]):
            ws, we = start + w.start(), start + w.end()
            inner = cuts[bisect.bisect_right(cuts, ws):bisect.bisect_left(cuts, we)]
            bounds = [ws] + inner + [we]
            for a, b in zip(bounds, bounds[1:]):
                tokens.append((a, b, ""))
            nxt = re.match(r"\s*", text[we:end])
            tokens[-1] = (tokens[-1][0], tokens[-1][1], nxt.group(0) if nxt else "")
        if not tokens:
            return ""
        starts = [t[0] for t in tokens]
        ends = [t[1] for t in tokens]
        spans = []
        for m in marks:
            first = bisect.bisect_left(starts, m.start)  # tokens are cut at every mark's ends
            last = bisect.bisect_right(ends, m.end) - 1
            if first >= len(tokens) or last < first:
                continue
            self.marks.append(m)
            spans.append({"start_token": first, "end_token": last + 1,
                          "label": f"{m.rtype}#{len(self.marks) - 1}"})
        info = self._assemble_per_token_info([text[a:b] for a, b, _ in tokens], spans)
        out = []
        labels = [{e["label"] for e in tok["entities"]} for tok in info] + [set()]
        for i, ((a, b, ws), tok) in enumerate(zip(tokens, info)):
            ents = sorted(tok["entities"], key=lambda d: d["render_slot"])
            # inside a record, the space to the next word belongs to the record: its bars and
            # tint run on without a gap (the <wbr> keeps the line free to wrap there)
            joined = bool(ws) and bool(labels[i] & labels[i + 1])
            if ents:
                inner = self._mark(ents[-1]["label"])
                titles = list(dict.fromkeys(self._mark(e["label"]).tooltip.split("\n")[0] for e in ents))
                out.append(TPL_TOKEN.format(
                    title=esc("\n".join(titles)), tint=TYPE_COLORS.get(inner.rtype, DEFAULT_COLOR) + "55",
                    total_height=self.top_offset + self.span_label_offset + self.offset_step * (len(ents) - 1),
                    text=esc(tok["text"] + (ws if joined else "")), span_slices=self._get_span_slices(ents),
                    span_starts=self._get_span_starts(ents)))
            else:
                out.append(esc(tok["text"]))
            out.append("<wbr>" if joined else esc(ws))
        return "".join(out)


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def highlighted_text(view: ArticleView) -> str:
    """The article text, one block per line, with every record's range highlighted."""
    text = view.text or ""
    renderer = HighlightRenderer()
    lines = _lines(text)
    line_starts = [s for s, _ in lines]
    per_line: list[list[Mark]] = [[] for _ in lines]
    for m in sorted(record_marks(view), key=lambda m: (m.start, -m.end)):
        i = max(bisect.bisect_right(line_starts, m.start) - 1, 0)
        while i < len(lines) and lines[i][0] < m.end:
            ls, le = lines[i]
            if m.start < le:  # a record across a line break is drawn on each line it covers
                per_line[i].append(Mark(max(m.start, ls), min(m.end, le), m.rtype, m.index, m.tooltip,
                                        m.rule, m.score, first=m.start >= ls))
            i += 1
    chrome = sorted(view.chrome or [])
    chrome_starts = [s for s, _ in chrome]
    blocks = []
    for (ls, le), marks in zip(lines, per_line):
        j = bisect.bisect_right(chrome_starts, ls) - 1
        is_chrome = j >= 0 and chrome[j][0] <= ls and le <= chrome[j][1]
        body = renderer.render_line(text, ls, le, marks)
        cls = "spans line chrome" if is_chrome else "spans line"
        note = ' title="page chrome: not read as content"' if is_chrome else ""
        blocks.append(f'<div class="{cls}"{note}>{body}</div>')
    return "\n".join(blocks)


CSS = """
:root { color-scheme: light; }
body { font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif;
       font-size: 16px; margin: 0; padding: 1.5rem 2rem 4rem; color: #1d1d1f; background: #fff; }
main { max-width: 1100px; margin: 0 auto; }
main.wide { max-width: none; }
h1 { font-size: 1.5rem; margin: 0.2rem 0 0.6rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
nav a, a { color: #0b5cad; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0 0 1rem; font-size: 0.9rem; }
dl.meta dt { font-weight: 600; color: #555; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.legend { display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0.5rem 0 1rem; }
.chip { border-radius: 3px; padding: 2px 8px; font-size: 0.85rem; color: #000; }
.chip.none { opacity: 0.45; }
.article { border: 1px solid #e3e3e3; border-radius: 6px; padding: 1rem 1.2rem; background: #fcfcfc; }
.line { line-height: 1.75; margin: 0 0 0.6rem; direction: ltr; }
.line.chrome { color: #999; font-style: italic; }
.vngov-token { border-radius: 2px; }
table { border-collapse: collapse; font-size: 0.88rem; margin: 0.3rem 0 1rem; width: 100%; }
th, td { border: 1px solid #e1e1e1; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.why, td.span { color: #666; white-space: nowrap; font-size: 0.8rem; }
tr:target { outline: 2px solid #0b5cad; }
.error { color: #b00020; font-weight: 600; }
.note { color: #666; font-size: 0.9rem; }
footer { margin-top: 3rem; color: #888; font-size: 0.8rem; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
table.index td.title { min-width: 18rem; }
table.index th .chip { font-size: 0.75rem; padding: 1px 4px; }
"""


WIDE = ' class="wide"'


def _page(title: str, body: str, wide: bool = False) -> str:
    return (f'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="vngov-extractor {esc(__version__)}">\n'
            f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f"<main{WIDE if wide else ''}>\n{body}\n"
            f'<footer>vngov-extractor {esc(__version__)} · hover a highlighted word for the record, '
            f"the rule that found it and its score; click a label to see its row.</footer>\n"
            f"</main>\n</body>\n</html>\n")


def _safe_url(url: Any) -> str | None:
    u = str(url or "").strip()
    return u if re.match(r"https?://", u, re.IGNORECASE) else None


def _meta(view: ArticleView) -> str:
    d = view.data
    rows = [("id", esc(view.id)), ("status", f'<span class="{"error" if view.status != "ok" else ""}">'
                                             f"{esc(view.status)}</span>")]
    if d.get("error"):
        rows.append(("error", f'<span class="error">{esc(d["error"])}</span>'))
    for key in ("published", "source"):
        if d.get(key):
            rows.append((key, esc(d[key])))
    url = _safe_url(d.get("url"))
    if url:
        rows.append(("url", f'<a href="{esc(url)}" rel="noreferrer noopener">{esc(url)}</a>'))
    elif d.get("url"):
        rows.append(("url", esc(d["url"])))
    return '<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def _legend(view: ArticleView) -> str:
    chips = []
    for rtype, n in view.counts().items():
        color = TYPE_COLORS.get(rtype, DEFAULT_COLOR)
        cls = "chip" if n else "chip none"
        link = f'href="#table-{esc(rtype)}"' if n else ""
        chips.append(f'<a class="{cls}" {link} style="background: {color}; text-decoration: none">'
                     f"{esc(rtype)} {n}</a>")
    return '<div class="legend">' + "".join(chips) + "</div>"


def _tables(view: ArticleView) -> str:
    out = []
    for table in record_tables(view):
        color = TYPE_COLORS.get(table.rtype, DEFAULT_COLOR)
        head = "".join(f"<th>{esc(c)}</th>" for c in table.columns)
        rows = []
        for i, row in enumerate(table.rows):
            cells = "".join(f'<td class="{esc(c)}">{esc(v)}</td>' for c, v in zip(table.columns, row))
            rows.append(f'<tr id="{anchor_id(table.rtype, i)}">{cells}</tr>')
        out.append(f'<h2 id="table-{esc(table.rtype)}"><span class="chip" style="background: {color}">'
                   f"{esc(table.rtype)}</span> {len(table.rows)}</h2>"
                   f'<table class="records" data-type="{esc(table.rtype)}"><thead><tr>{head}</tr></thead>'
                   f"<tbody>{''.join(rows)}</tbody></table>")
    return "\n".join(out) or '<p class="note">No records.</p>'


def article_html(view: ArticleView, back: str | None = None) -> str:
    title = view.data.get("title") or view.id
    parts = []
    if back:
        parts.append(f'<nav><a href="{esc(back)}">← all articles</a></nav>')
    parts.append(f"<h1>{esc(title)}</h1>")
    parts.append(_meta(view))
    parts.append(_legend(view))
    if view.text:
        parts.append(f'<section class="article">\n{highlighted_text(view)}\n</section>')
    elif view.status == "ok":
        parts.append('<p class="note">The text is not in this output file, so only the tables are '
                     "shown: render the articles themselves (vngov render ARTICLES -o PAGE) to see "
                     "the records in the text.</p>")
    parts.append(_tables(view))
    return _page(f"{title} · vngov", "\n".join(parts))


@dataclass
class IndexEntry:
    id: str
    title: str
    status: str
    counts: dict[str, int]
    href: str


def index_html(entries: list[IndexEntry], source: str) -> str:
    types = list(dict.fromkeys(t for e in entries for t in e.counts))
    totals = {t: sum(e.counts.get(t, 0) for e in entries) for t in types}
    head = "<th>#</th><th>article</th><th>title</th><th>status</th>" + "".join(
        f'<th><span class="chip" style="background: {TYPE_COLORS.get(t, DEFAULT_COLOR)}">{esc(t)}</span></th>'
        for t in types)
    rows = []
    for i, e in enumerate(entries, 1):
        status = esc(e.status) if e.status == "ok" else f'<span class="error">{esc(e.status)}</span>'
        cells = "".join(f'<td class="num">{e.counts.get(t, 0)}</td>' for t in types)
        rows.append(f'<tr><td class="num">{i}</td><td><a href="{esc(e.href)}">{esc(e.id)}</a></td>'
                    f'<td class="title">{esc(e.title)}</td><td>{status}</td>{cells}</tr>')
    total = "".join(f'<td class="num"><b>{totals[t]}</b></td>' for t in types)
    errors = sum(e.status != "ok" for e in entries)
    body = (f"<h1>vngov · {len(entries)} articles</h1>"
            f'<p class="note">{esc(source)} · {len(entries) - errors} ok, {errors} errors · '
            f"records per type in each article</p>"
            f'<div class="scroll"><table class="index"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}'
            f'<tr><td></td><td colspan="3"><b>total</b></td>{total}</tr></tbody></table></div>')
    return _page(f"vngov · {len(entries)} articles", body, wide=True)


def write_report(views: Iterable[ArticleView], output: str | os.PathLike, source: str = "",
                 limit: int | None = None) -> list[Path]:
    """Write one page (one article) or an index page plus a page per article in
    ``<output stem>_files/``. Returns the files written."""
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    it = iter(views)
    first = next(it, None)
    second = next(it, None) if first is not None and limit != 1 else None
    if first is None:
        out.write_text(_page("vngov · no articles", '<p class="note">No articles.</p>'), encoding="utf-8")
        return [out]
    if second is None:
        out.write_text(article_html(first), encoding="utf-8")
        return [out]
    folder = out.with_name(out.stem + "_files")
    folder.mkdir(exist_ok=True)
    written: list[Path] = []
    entries: list[IndexEntry] = []
    back = "../" + quote(out.name)

    def chain():
        yield first
        yield second
        yield from it

    for n, view in enumerate(chain(), 1):
        if limit is not None and n > limit:
            break
        name = safe_name(view.id, n) + ".html"
        page = folder / name
        page.write_text(article_html(view, back=back), encoding="utf-8")
        written.append(page)
        entries.append(IndexEntry(view.id, str(view.data.get("title") or ""), view.status,
                                  view.counts(), quote(folder.name) + "/" + quote(name)))
    out.write_text(index_html(entries, source), encoding="utf-8")
    return [out] + written


def run_cli(args) -> int:
    """``vngov render`` (arguments set up by cli._add_render)."""
    from .readers import FieldMap

    fields = FieldMap(text=args.text_field, id=args.id_field)
    views = iter_views(args.inputs, args.rules, fields)
    written = write_report(views, args.output, source=", ".join(args.inputs), limit=args.limit)
    pages = len(written) - 1 if len(written) > 1 else 1
    print(f"vngov render: {args.output} ({pages} article page{'s' if pages != 1 else ''})", file=sys.stderr)
    return 0
