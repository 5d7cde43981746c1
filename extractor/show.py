"""``vngov show``: one article's records as readable tables in the terminal.

    vngov show article.txt            run the pipeline on an article and show what it found
    vngov show out.jsonl --id ID      show an article of an output file (the first by default)
    cat article.txt | vngov show -

Each table is one record type (officials with their titles, meetings, indicators with their
comparisons, dates, periods, documents, money, percentages, quantities...), one row per
record, and a last column "why": the rule that produced the record and its score. In a
terminal the tables are drawn with rich; into a pipe or a file they are plain aligned text.

This module also reads results for the other viewers (``render``): an input may be articles
(run through the pipeline) or an output JSONL of ``vngov extract`` (shown as it is).
"""
from __future__ import annotations

import io
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TextIO

from .api import Article, article_id, error_result, process
from .readers import JSONL_SUFFIXES, TEXT_SUFFIXES, FieldMap, _from_record, read_text_file
from .records import RECORD_LISTS, SCHEMA

# The order a reader wants: who and what first, then the figures.
TYPE_ORDER = ("officials", "meetings", "indicators", "dates", "periods", "documents", "money",
              "percentages", "quantities", "organisations", "places")


@dataclass
class ArticleView:
    """One article's output (schema v1 dict) with its text when known.

    ``text`` is the normalised article text the spans index (None for an output JSONL line
    written without it); ``chrome`` the page-chrome ranges when the pipeline ran here."""

    data: dict[str, Any]
    text: str | None = None
    chrome: list[tuple[int, int]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.data.get("id"))

    @property
    def status(self) -> str:
        return str(self.data.get("status") or "ok")

    def records(self, rtype: str) -> list[dict]:
        recs = self.data.get(rtype)
        return [r for r in recs if isinstance(r, dict)] if isinstance(recs, list) else []

    def record_types(self) -> list[str]:
        """Types in reading order: the known ones, then any a newer stage added."""
        known = [t for t in TYPE_ORDER if t in RECORD_LISTS or t in self.data]
        known += [t for t in RECORD_LISTS if t not in known]
        extra = [k for k, v in self.data.items() if k not in known and isinstance(v, list)
                 and v and all(isinstance(r, dict) for r in v)]
        return known + extra

    def counts(self) -> dict[str, int]:
        return {t: len(self.records(t)) for t in self.record_types()}


def is_output_record(obj: dict) -> bool:
    """A line written by ``vngov extract`` (as opposed to an input article)."""
    return "schema" in obj and "status" in obj


# --- reading ------------------------------------------------------------------------------

Item = tuple[str, Any]  # ("output", dict) | ("article", Article)


def _jsonl_items(stream: TextIO, name: str, fields: FieldMap) -> Iterator[Item]:
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield "article", Article(text=None, id=where, source=where, error=f"{where}: invalid JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            yield "article", Article(text=None, id=where, source=where,
                                     error=f"{where}: expected a JSON object, got {type(obj).__name__}")
        elif is_output_record(obj):
            yield "output", obj
        else:
            yield "article", _from_record(obj, fields, where)


def _stdin_items(fields: FieldMap) -> Iterator[Item]:
    data = sys.stdin.read()
    if data.lstrip().startswith("{"):
        yield from _jsonl_items(io.StringIO(data), "<stdin>", fields)
    else:
        yield "article", Article(text=data, id="stdin", source="<stdin>")


def iter_items(inputs: Iterable[str], fields: FieldMap | None = None) -> Iterator[Item]:
    """Every article or output record the inputs hold, in order (folders sorted, recursive)."""
    fields = fields or FieldMap()
    for inp in inputs:
        if inp == "-":
            yield from _stdin_items(fields)
            continue
        path = Path(inp)
        if path.is_dir():
            paths = sorted(q for q in path.rglob("*")
                           if q.is_file() and q.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES)
        elif path.is_file():
            paths = [path]
        else:
            yield "article", Article(text=None, id=str(path), source=str(path),
                                     error=f"{path}: no such file or folder")
            continue
        for p in paths:
            if p.suffix.lower() in JSONL_SUFFIXES:
                with p.open(encoding="utf-8", errors="replace") as fh:
                    yield from _jsonl_items(fh, str(p), fields)
            else:
                yield "article", read_text_file(p)


def item_id(item: Item) -> str:
    kind, obj = item
    return str(obj.get("id")) if kind == "output" else article_id(obj)


def to_view(item: Item, nlp_factory: Callable[[], Any]) -> ArticleView:
    """The view of an item; an article runs through the pipeline (built on first need)."""
    kind, obj = item
    if kind == "output":
        data = dict(obj)
        text = data.pop("text", None)
        return ArticleView(data, text if isinstance(text, str) else None)
    if obj.error:
        result = error_result(obj, obj.error)
    else:
        result = process(obj, nlp_factory(), keep_doc=True)
    chrome = list(result.doc._.chrome or []) if result.doc is not None else []
    return ArticleView(result.to_dict(), result.text, chrome)


def iter_views(inputs: Iterable[str], rules: Iterable[str] | None = None,
               fields: FieldMap | None = None, only_id: str | None = None) -> Iterator[ArticleView]:
    """Views of the inputs' articles; with ``only_id``, just the articles with that id (the
    others are skipped before the pipeline runs on them)."""
    nlp = None

    def nlp_factory():
        nonlocal nlp
        if nlp is None:
            from .pipeline import get_nlp

            nlp = get_nlp(list(rules or []))
        return nlp

    for item in iter_items(inputs, fields):
        if only_id is not None and item_id(item) != only_id:
            continue
        yield to_view(item, nlp_factory)


# --- formatting ---------------------------------------------------------------------------

def fmt_number(x: Any) -> str:
    """Numbers the Vietnamese way: "." groups thousands, "," is the decimal mark. Floats show
    15 significant digits at most, so 2146.8 × 10⁹ reads 2.146.800.000.000, not ...,000244."""
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return "" if x is None else str(x)
    if isinstance(x, float):
        text = f"{x:.15g}"
        if "e" in text or "n" in text:  # huge, tiny, inf, nan: as Python writes them
            return text
        whole, _, frac = text.partition(".")
        x = int(whole) if not frac else None
        if x is None:
            sign = "-" if whole.startswith("-") else ""
            return sign + f"{int(whole.lstrip('-')):,}".replace(",", ".") + "," + frac
    return f"{x:,}".replace(",", ".")


def fmt_value(v: Any) -> str:
    """Any field value as one line of text."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, (int, float)):
        return fmt_number(v)
    if isinstance(v, str):
        return " ".join(v.split())
    if isinstance(v, dict):
        if "text" in v and v["text"]:
            return fmt_value(v["text"])
        return ", ".join(f"{k}={fmt_value(x)}" for k, x in v.items() if x not in (None, "", []))
    if isinstance(v, (list, tuple)):
        return "; ".join(fmt_value(x) for x in v if x not in (None, ""))
    return str(v)


def fmt_span(rec: dict) -> str:
    span = record_spans(rec)
    return ", ".join(f"{s}–{e}" for s, e in span[:3]) + (" …" if len(span) > 3 else "")


def fmt_why(rec: dict) -> str:
    rule, score = rec.get("rule"), rec.get("score")
    if rule is None and score is None:
        return ""
    return " · ".join(x for x in (str(rule) if rule else "", fmt_score(score)) if x)


def fmt_score(score: Any) -> str:
    return "" if score is None else str(score)


def record_spans(rec: dict) -> list[tuple[int, int]]:
    """The character ranges a record covers in the text: its span, or each mention's."""
    def as_range(sp: Any) -> tuple[int, int] | None:
        if isinstance(sp, (list, tuple)) and len(sp) == 2 and all(isinstance(i, int) for i in sp):
            return (sp[0], sp[1]) if sp[1] > sp[0] else None
        return None

    mentions = rec.get("mentions")
    if isinstance(mentions, list) and mentions:
        out = []
        for m in mentions:
            r = as_range(m.get("span") if isinstance(m, dict) else m)
            if r:
                out.append(r)
        if out:
            return out
    r = as_range(rec.get("span"))
    return [r] if r else []


def _with_unit(value: Any, unit: Any) -> str:
    v = fmt_value(value)
    if not v or not unit:
        return v
    return f"{v}{unit}" if unit == "%" else f"{v} {unit}"


def _mentions(rec: dict) -> str:
    ms = rec.get("mentions") or []
    texts = [m.get("text") for m in ms if isinstance(m, dict) and m.get("text")]
    shown = " | ".join(dict.fromkeys(fmt_value(t) for t in texts[:3]))
    return f"{len(ms)}× {shown}".strip() if ms else ""


def _comparisons(comps: Any) -> str:
    """ "of_plan: đạt 84,3% dự toán huyện giao; change: tăng 47% cùng kỳ" """
    if not isinstance(comps, list):
        return fmt_value(comps)
    out = []
    for c in comps:
        if not isinstance(c, dict) or c.get("text"):
            out.append(fmt_value(c))
            continue
        words = [fmt_value(c.get("verb")), _with_unit(c.get("value"), c.get("unit")), fmt_value(c.get("base"))]
        phrase = " ".join(w for w in words if w)
        out.append(f"{c['relation']}: {phrase}" if c.get("relation") else phrase)
    return "; ".join(x for x in out if x)


def _date_value(rec: dict) -> str:
    v = fmt_value(rec.get("value"))
    return f"{v} (year inferred)" if rec.get("inferred_year") else v


Column = tuple[str, Callable[[dict], str]]


def _field(name: str) -> Column:
    return name, lambda r: fmt_value(r.get(name))


COLUMNS: dict[str, list[Column]] = {
    "officials": [_field("name"), ("titles", lambda r: fmt_value(r.get("titles"))),
                  ("as written", lambda r: fmt_value(r.get("titles_raw"))), ("mentions", _mentions)],
    "meetings": [_field("kind"), _field("body"), _field("term"), _field("session"), _field("date"),
                 _field("chair"), _field("location"), _field("text")],
    "indicators": [_field("name"), ("value", lambda r: _with_unit(r.get("value"), r.get("unit"))),
                   _field("qualifier"), _field("status"), _field("period"), _field("place"),
                   ("comparisons", lambda r: _comparisons(r.get("comparisons")))],
    "dates": [_field("text"), ("value", _date_value)],
    "periods": [_field("text"), ("from", lambda r: fmt_value(r.get("start_date"))),
                ("to", lambda r: fmt_value(r.get("end_date"))), _field("granularity")],
    "documents": [_field("doc_type"), _field("number"), _field("date"), _field("issuer"), _field("text")],
    "money": [_field("text"), ("amount", lambda r: fmt_value(r.get("amount"))), _field("currency"),
              _field("qualifier"), _field("per")],
    "percentages": [_field("text"), ("value", lambda r: _with_unit(r.get("value"), "%")),
                    _field("qualifier"), _field("implicit")],
    "quantities": [_field("text"), ("value", lambda r: fmt_value(r.get("value"))), _field("unit")],
    "organisations": [_field("text"), _field("kind"), _field("name")],
    "places": [_field("text"), _field("level"), _field("name")],
}
# Fields a table shows in its own columns or never (the sentence is the text around it).
_NOT_EXTRA = {"span", "rule", "score", "sentence", "mentions", "text", "inferred_year", "unit",
              "start_date", "end_date", "titles_raw"}


@dataclass
class RecordTable:
    rtype: str
    columns: list[str]
    rows: list[list[str]]

    @property
    def title(self) -> str:
        return f"{self.rtype} ({len(self.rows)})"


def record_table(rtype: str, records: list[dict]) -> RecordTable:
    cols = list(COLUMNS.get(rtype) or [_field(f) for f in SCHEMA.get(rtype, ())])
    if not cols:  # a record type this version does not know: its own fields
        keys = dict.fromkeys(k for r in records for k in r if k not in _NOT_EXTRA)
        cols = [_field(k) for k in keys]
    shown = {name for name, _ in cols} | set(SCHEMA.get(rtype, ()))
    extra = [k for k in dict.fromkeys(k for r in records for k in r)
             if k not in shown and k not in _NOT_EXTRA]
    if extra:
        cols.append(("other", lambda r: ", ".join(
            f"{k}={fmt_value(r[k])}" for k in extra if r.get(k) not in (None, "", []))))
    cols += [("span", fmt_span), ("why", fmt_why)]
    # drop columns empty in every row (a stage that leaves a field null says nothing there)
    rows = [[fn(r) for _, fn in cols] for r in records]
    keep = [i for i, (name, _) in enumerate(cols)
            if name in ("why",) or any(row[i] for row in rows)]
    return RecordTable(rtype, [cols[i][0] for i in keep], [[row[i] for i in keep] for row in rows])


def record_tables(view: ArticleView) -> list[RecordTable]:
    return [record_table(t, view.records(t)) for t in view.record_types() if view.records(t)]


def header_lines(view: ArticleView) -> list[tuple[str, str]]:
    d = view.data
    pairs = [("article", view.id), ("status", view.status)]
    if d.get("error"):
        pairs.append(("error", str(d["error"])))
    for key in ("title", "published", "source", "url"):
        if d.get(key):
            pairs.append((key, fmt_value(d[key])))
    counts = view.counts()
    found = ", ".join(f"{t} {n}" for t, n in counts.items() if n) or "none"
    pairs.append(("records", found))
    return pairs


# --- printing -----------------------------------------------------------------------------

def print_plain(view: ArticleView, out: TextIO) -> None:
    """Aligned columns, one record per line (nothing wrapped, so grep and diff work)."""
    pairs = header_lines(view)
    width = max(len(k) for k, _ in pairs)
    for k, v in pairs:
        out.write(f"{k:<{width}}  {v}\n")
    for table in record_tables(view):
        out.write(f"\n{table.title}\n")
        widths = [max([len(c)] + [len(row[i]) for row in table.rows]) for i, c in enumerate(table.columns)]
        lines = [table.columns] + table.rows
        for row in lines:
            cells = [cell.ljust(w) for cell, w in zip(row, widths)]
            out.write(("  " + "  ".join(cells)).rstrip() + "\n")


TYPE_STYLES = {"officials": "magenta", "meetings": "cyan", "indicators": "green", "dates": "blue",
               "periods": "blue", "documents": "red", "money": "yellow", "percentages": "yellow",
               "quantities": "yellow", "organisations": "bright_black", "places": "bright_black"}


def print_rich(view: ArticleView, out: TextIO | None = None, force_terminal: bool | None = None,
               width: int | None = None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, force_terminal=force_terminal, highlight=False, width=width)
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    for k, v in header_lines(view):
        head.add_row(Text(k), Text(v, style="red" if k in ("error",) or v == "error" else ""))
    console.print(head)
    for table in record_tables(view):
        style = TYPE_STYLES.get(table.rtype, "white")
        t = Table(title=Text(table.title, style=f"bold {style}"), title_justify="left",
                  header_style=f"bold {style}", show_lines=False, expand=False)
        for col in table.columns:
            t.add_column(col, overflow="fold", style="dim" if col in ("span", "why") else None)
        for row in table.rows:
            t.add_row(*(Text(cell) for cell in row))  # Text: brackets in cells are not markup
        console.print()
        console.print(t)


def show(view: ArticleView, out: TextIO | None = None, style: str = "auto", width: int | None = None) -> None:
    """Print a view: rich in a terminal (or ``style="rich"``), plain text otherwise."""
    out = out or sys.stdout
    use_rich = style == "rich" or (style == "auto" and hasattr(out, "isatty") and out.isatty())
    if use_rich:
        print_rich(view, out, force_terminal=True if style == "rich" else None, width=width)
    else:
        print_plain(view, out)


def run_cli(args) -> int:
    """``vngov show`` (arguments set up by cli._add_show)."""
    fields = FieldMap(text=args.text_field, id=args.id_field)
    if args.input != "-" and not Path(args.input).exists():
        print(f"vngov show: {args.input}: no such file or folder", file=sys.stderr)
        return 2
    view = next(iter_views([args.input], args.rules, fields, only_id=args.id), None)
    if view is None:
        where = "stdin" if args.input == "-" else args.input
        print(f"vngov show: no article {'with id ' + repr(args.id) + ' ' if args.id else ''}in {where}",
              file=sys.stderr)
        return 2
    show(view, sys.stdout, args.style)
    return 0 if view.status == "ok" else 1
