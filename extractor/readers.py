"""Reading article dumps: files, folders, JSON Lines / JSON / CSV / Parquet exports, gzipped or
not, and stdin. Everything streams: a dump is read record by record, never loaded whole.

Every record the input holds becomes one ``Article``. One that cannot be read (a broken JSON
line, a CSV row with the wrong number of fields, an HTML page without main text) becomes an
``Article`` with ``error`` set and an id naming the file and the line, ``"dump.jsonl:17"``, so
it still yields one output object. Where a record sits:

- JSON Lines, CSV/TSV: the physical line the record starts on (a CSV header is line 1; blank
  lines are not records and are skipped);
- a JSON array: the line the element starts on, plus ``:column`` when an earlier element
  started on the same line (a minified array);
- Parquet: the row number, from 1;
- .txt/.md/.html files: the id is the file name without its suffixes, the source the path.

Ids are kept as the input has them (numbers become strings). An id seen before in the same run
is kept and flagged: ``duplicate_of`` names where the first one came from.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from .api import Article
from .decode import decode_bytes, repair_text

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSON_SUFFIXES = (".json",)
CSV_SUFFIXES = (".csv", ".tsv")
PARQUET_SUFFIXES = (".parquet", ".pq")
GZIP_SUFFIX = ".gz"

FORMATS = ("auto", "jsonl", "json", "csv", "tsv", "parquet", "txt", "html")
_FORMAT_OF_SUFFIX = {
    **{s: "txt" for s in TEXT_SUFFIXES}, **{s: "html" for s in HTML_SUFFIXES},
    **{s: "jsonl" for s in JSONL_SUFFIXES}, **{s: "json" for s in JSON_SUFFIXES},
    ".csv": "csv", ".tsv": "tsv", **{s: "parquet" for s in PARQUET_SUFFIXES},
}

_JSON_CHUNK = 1 << 20
_MAX_JSON_VALUE = 1 << 28  # one array element larger than 256 MB is treated as broken


@dataclass
class FieldMap:
    """Which input fields hold the text, id, title, publication date and URL. A name with dots
    ("meta.title") reaches into nested JSON objects when no field has the dotted name itself."""

    text: str = "text"
    id: str = "id"
    title: str = "title"
    published: str = "published"
    url: str = "url"

    def columns(self) -> list[str]:
        return [self.text, self.id, self.title, self.published, self.url]


def _lookup(obj: dict, name: str) -> Any:
    if name in obj:
        return obj[name]
    if "." in name:
        cur: Any = obj
        for part in name.split("."):
            if not isinstance(cur, dict) or part not in cur:
                return None
            cur = cur[part]
        return cur
    return None


def _as_str(value: Any) -> str | None:
    """Ids and metadata as strings: 17 -> "17", 17.0 -> "17", NaN/None/"" -> None."""
    if value is None:
        return None
    if isinstance(value, float):
        if value != value:  # NaN: an empty cell in pandas/parquet exports
            return None
        if value.is_integer():
            value = int(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if hasattr(value, "isoformat"):  # dates and timestamps from Parquet
        return value.isoformat()
    s = str(value)
    return s if s.strip() else None


def article_from_record(obj: dict, fields: FieldMap, where: str,
                        warnings: list[str] | None = None) -> Article:
    """One record (a JSON object, a CSV row, a Parquet row) as an ``Article``."""
    text = _lookup(obj, fields.text)
    aid = _as_str(_lookup(obj, fields.id)) or where
    meta = dict(title=_as_str(_lookup(obj, fields.title)),
                published=_as_str(_lookup(obj, fields.published)),
                url=_as_str(_lookup(obj, fields.url)))
    if not isinstance(text, str):
        if isinstance(text, float) and text != text:
            text = None  # an empty cell
        got = "missing" if text is None else f"a {type(text).__name__}, not text"
        return Article(text=None, id=aid, source=where, error=f"{where}: field '{fields.text}' is {got}",
                       warnings=list(warnings or []), **meta)
    notes = list(warnings or [])
    # a dump's text field is already Unicode, but old government files are often TCVN3/VNI
    # text pasted into it: convert (or report) it as a file's bytes would be
    text, repaired = repair_text(text)
    if repaired:
        notes.append(f"{where}: {repaired}")
    return Article(text=text, id=aid, source=where, warnings=notes, **meta)


_from_record = article_from_record  # the earlier name, still imported by extractor.show


def _broken(where: str, message: str) -> Article:
    return Article(text=None, id=where, source=where, error=f"{where}: {message}")


# --- line-oriented formats ----------------------------------------------------------------

def _decoded_lines(stream: IO[bytes]) -> Iterator[tuple[int, str, str | None]]:
    """(line number, text, decoding warning) for each line of a binary stream. Lines are
    decoded one at a time so one bad line does not spoil its neighbours."""
    for lineno, raw in enumerate(stream, 1):
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield lineno, raw.decode("utf-8"), None
        except UnicodeDecodeError:
            text, warning = decode_bytes(raw)
            yield lineno, text, warning


def read_jsonl(stream: IO[bytes] | IO[str], name: str, fields: FieldMap | None = None) -> Iterator[Article]:
    """One JSON object per line."""
    fields = fields or FieldMap()
    lines = _decoded_lines(stream) if _is_binary(stream) else (
        (n, line, None) for n, line in enumerate(stream, 1))
    for lineno, line, warning in lines:
        where = f"{name}:{lineno}"
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _broken(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield _broken(where, f"expected a JSON object, got {_json_type(obj)}")
            continue
        yield article_from_record(obj, fields, where, [f"{where}: {warning}"] if warning else None)


def read_csv(stream: IO[bytes], name: str, fields: FieldMap | None = None,
             delimiter: str = ",") -> Iterator[Article]:
    """A header row, then one article per row (quoted fields may span lines)."""
    fields = fields or FieldMap()
    _allow_big_fields()
    warnings: list[str] = []

    def lines() -> Iterator[str]:
        for lineno, line, warning in _decoded_lines(stream):
            if warning:
                warnings.append(f"{name}:{lineno}: {warning}")
            yield line

    reader = csv.reader(lines(), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        yield _broken(f"{name}:1", f"unreadable CSV header ({exc})")
        return
    header = [h.strip() for h in header]
    while True:
        start = reader.line_num + 1
        where = f"{name}:{start}"
        warnings.clear()
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield _broken(where, f"unreadable CSV row ({exc})")
            continue
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if len(row) != len(header):
            yield _broken(where, f"row has {len(row)} fields, the header has {len(header)}")
            continue
        yield article_from_record(dict(zip(header, row)), fields, where, list(warnings))


def _allow_big_fields() -> None:
    # a whole article is one cell; the csv module's default limit is 128 KB
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


# --- JSON documents (an array, or concatenated objects) --------------------------------------

def read_json(stream: IO[bytes], name: str, fields: FieldMap | None = None) -> Iterator[Article]:
    """A JSON array of objects, or objects one after another (JSON Lines, pretty-printed
    objects). Streamed: the file is decoded in 1 MB pieces, one element at a time. JSON is
    UTF-8 by definition (RFC 8259); bytes that are not are replaced.

    A broken element becomes one error article; reading resumes at the next line that starts
    with "{"."""
    fields = fields or FieldMap()
    scan = _JsonScanner(io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline=""))
    c = scan.skip(" \t\r\n")
    in_array = c == "["
    if in_array:
        scan.advance(scan.pos + 1)
    previous_line = 0
    while True:
        c = scan.skip(" \t\r\n,")
        if c is None:
            if in_array:
                yield _broken(f"{name}:{scan.line}", "the JSON array is not closed (file truncated?)")
            return
        if in_array and c == "]":
            return
        line, column = scan.line, scan.pos - scan.line_start + 1
        where = f"{name}:{line}" if line != previous_line else f"{name}:{line}:{column}"
        previous_line = line
        obj, error = scan.value()
        if error is not None:
            yield _broken(where, f"invalid JSON ({error})")
            if not scan.resync():
                return
            continue
        if not isinstance(obj, dict):
            yield _broken(where, f"expected a JSON object, got {_json_type(obj)}")
            continue
        yield article_from_record(obj, fields, where)


class _JsonScanner:
    """A window on a text stream for ``JSONDecoder.raw_decode``, with line numbers."""

    _OBJECT_LINE = re.compile(r"\n[ \t\r]*\{")

    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.decoder = json.JSONDecoder()
        self.buf = ""
        self.pos = 0          # where reading continues in buf
        self.line = 1         # the line number of buf[pos]
        self.line_start = 0   # index in buf where that line starts (negative once trimmed)
        self.eof = False

    def fill(self) -> bool:
        """Read the next piece, dropping what was consumed. False at the end of the stream."""
        if self.eof:
            return False
        chunk = self.stream.read(_JSON_CHUNK)
        if not chunk:
            self.eof = True
            return False
        self.buf = self.buf[self.pos:] + chunk
        self.line_start -= self.pos
        self.pos = 0
        return True

    def advance(self, to: int) -> None:
        newlines = self.buf.count("\n", self.pos, to)
        if newlines:
            self.line += newlines
            self.line_start = self.buf.rfind("\n", self.pos, to) + 1
        self.pos = to

    def skip(self, chars: str) -> str | None:
        """Skip ``chars``; the next character, or None at the end of the stream."""
        while True:
            k = self.pos
            while k < len(self.buf) and self.buf[k] in chars:
                k += 1
            self.advance(k)
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.fill():
                return None

    def value(self) -> tuple[Any, str | None]:
        """The JSON value at ``pos`` (reading more while it is cut by the window)."""
        while True:
            try:
                obj, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                cut = exc.pos >= len(self.buf) - 16 or exc.msg.startswith("Unterminated string")
                if cut and len(self.buf) - self.pos < _MAX_JSON_VALUE and self.fill():
                    continue
                self.advance(max(self.pos, min(exc.pos, len(self.buf))))
                return None, f"{exc.msg} at line {self.line}"
            self.advance(end)
            return obj, None

    def resync(self) -> bool:
        """Move to the next line that starts with "{"; False at the end of the stream."""
        while True:
            m = self._OBJECT_LINE.search(self.buf, self.pos)
            if m:
                self.advance(m.end() - 1)
                return True
            last_newline = self.buf.rfind("\n", self.pos)
            self.advance(last_newline if last_newline >= 0 else len(self.buf))
            if not self.fill():
                return False


def _json_type(obj: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            type(None): "null"}.get(type(obj), "a number")


# --- Parquet --------------------------------------------------------------------------------

def read_parquet(source: str | IO[bytes], name: str, fields: FieldMap | None = None,
                 batch_size: int = 256) -> Iterator[Article]:
    """Row batches through pyarrow; only the mapped columns are read."""
    import pyarrow.parquet as pq

    fields = fields or FieldMap()
    try:
        pf = pq.ParquetFile(source)
    except Exception as exc:  # not a Parquet file, truncated footer...
        yield _broken(name, f"unreadable Parquet file ({exc})")
        return
    present = set(pf.schema_arrow.names)
    columns = [c for c in dict.fromkeys(fields.columns()) if c in present or c.split(".")[0] in present]
    columns = list(dict.fromkeys(c.split(".")[0] if c not in present else c for c in columns))
    row = 0
    for batch in pf.iter_batches(batch_size=batch_size, columns=columns):
        for rec in batch.to_pylist():
            row += 1
            yield article_from_record(rec, fields, f"{name}:{row}")


# --- single files ---------------------------------------------------------------------------

def _file_id(path: Path) -> str:
    name = path.name
    if name.lower().endswith(GZIP_SUFFIX):
        name = name[: -len(GZIP_SUFFIX)]
    return Path(name).stem


def read_text_bytes(data: bytes, aid: str, source: str) -> Article:
    text, warning = decode_bytes(data)
    return Article(text=text, id=aid, source=source, warnings=[f"{source}: {warning}"] if warning else [])


def read_text_file(path: Path) -> Article:
    """One .txt/.md file as an article (id: the file name without suffixes)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Article(text=None, id=str(path), source=str(path), error=f"{path}: {exc.strerror or exc}")
    return read_text_bytes(data, _file_id(path), str(path))


def read_html_bytes(data: bytes, aid: str, source: str) -> Article:
    """The main text of a page and its metadata (title, date, canonical URL), by trafilatura:
    menus, scripts, comments and footers are left out."""
    import logging

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    html, warning = decode_bytes(data)
    warnings = [f"{source}: {warning}"] if warning else []
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=True, favor_precision=False)
        if doc is None or not (doc.text or "").strip():
            doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                              favor_recall=True)
    except Exception as exc:  # a broken page must not stop the run
        return Article(text=None, id=aid, source=source, warnings=warnings,
                       error=f"{source}: unreadable HTML ({type(exc).__name__}: {exc})")
    if doc is None or not (doc.text or "").strip():
        return Article(text=None, id=aid, source=source, warnings=warnings,
                       error=f"{source}: no main text found in the HTML page")
    text = doc.text
    if doc.title and not text.lstrip().startswith(doc.title.strip()):
        text = f"{doc.title.strip()}\n\n{text}"  # the headline is part of the article
    return Article(text=text, id=aid, source=source, title=doc.title or None,
                   published=doc.date or None, url=doc.url or None, warnings=warnings)


def _format_of(path: Path) -> tuple[str | None, bool]:
    """(format, gzipped) from the file name: "dump.jsonl.gz" -> ("jsonl", True)."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == GZIP_SUFFIX
    if gz:
        suffixes = suffixes[:-1]
    return (_FORMAT_OF_SUFFIX.get(suffixes[-1]) if suffixes else None), gz


def read_stream(stream: IO[bytes], fmt: str, name: str, fields: FieldMap,
                aid: str | None = None) -> Iterator[Article]:
    """Articles from an open binary stream in a known format."""
    if fmt == "jsonl":
        yield from read_jsonl(stream, name, fields)
    elif fmt == "json":
        yield from read_json(stream, name, fields)
    elif fmt in ("csv", "tsv"):
        yield from read_csv(stream, name, fields, delimiter="\t" if fmt == "tsv" else ",")
    elif fmt == "parquet":
        yield from read_parquet(stream, name, fields)
    elif fmt == "html":
        yield read_html_bytes(stream.read(), aid or name, name)
    elif fmt == "txt":
        yield read_text_bytes(stream.read(), aid or name, name)
    else:
        raise ValueError(f"unknown input format {fmt!r}; one of {', '.join(FORMATS)}")


def read_path(path: Path, fields: FieldMap | None = None, fmt: str = "auto") -> Iterator[Article]:
    """Articles from one file (any supported format, gzipped or not)."""
    fields = fields or FieldMap()
    name = str(path)
    detected, gz = _format_of(path)
    if fmt == "auto":
        fmt = detected or ""
    if not fmt:
        yield Article(text=None, id=name, source=name,
                      error=f"{name}: unknown file type (supported: .txt .md .html .htm .jsonl "
                            ".ndjson .json .csv .tsv .parquet, optionally .gz)")
        return
    try:
        fh = gzip.open(path, "rb") if gz else path.open("rb")
    except OSError as exc:
        yield Article(text=None, id=name, source=name, error=f"{name}: {exc.strerror or exc}")
        return
    with fh:
        try:
            yield from read_stream(fh, fmt, name, fields, aid=_file_id(path))
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            # a truncated .gz or a read error: everything read so far was yielded
            yield Article(text=None, id=f"{name}:end", source=name,
                          error=f"{name}: read error ({type(exc).__name__}: {exc})")


def _supported(path: Path) -> bool:
    return _format_of(path)[0] is not None


def iter_folder(folder: Path) -> Iterator[Path]:
    """Supported files under a folder, recursively, in sorted order; hidden files and
    folders (".git") are skipped."""
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if p.is_file() and _supported(p):
            yield p


def iter_articles(inputs: Iterable[str], fields: FieldMap | None = None, *, fmt: str = "auto",
                  flag_duplicates: bool = True, stdin: IO[bytes] | None = None) -> Iterator[Article]:
    """Articles from every input in order: files, folders (recursive, sorted), or "-" for
    stdin (JSON Lines unless ``fmt`` says otherwise). Duplicate ids are flagged."""
    fields = fields or FieldMap()
    articles = _iter_inputs(inputs, fields, fmt, stdin)
    if flag_duplicates:
        articles = flag_duplicate_ids(articles)
    return articles


def _iter_inputs(inputs: Iterable[str], fields: FieldMap, fmt: str,
                 stdin: IO[bytes] | None) -> Iterator[Article]:
    for inp in inputs:
        if inp == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_stream(stream, "jsonl" if fmt == "auto" else fmt, "<stdin>", fields)
            continue
        path = Path(inp)
        if path.is_dir():
            for p in iter_folder(path):
                yield from read_path(p, fields, fmt if fmt in ("txt", "html") else "auto")
        elif path.is_file():
            yield from read_path(path, fields, fmt)
        else:
            yield Article(text=None, id=str(path), source=str(path), error=f"{path}: no such file or folder")


def flag_duplicate_ids(articles: Iterable[Article]) -> Iterator[Article]:
    """Keep every article; one whose id was seen before gets ``duplicate_of`` = the source of
    the first. The ids seen are kept on disk, so memory does not grow with the run."""
    from .idstore import IdStore

    with IdStore() as seen:
        for art in articles:
            if art.id is not None:
                first = seen.first_source(art.id, art.source or art.id)
                if first is not None:
                    art.duplicate_of = first
            yield art


def _is_binary(stream: IO) -> bool:
    return not isinstance(stream, io.TextIOBase) and not hasattr(stream, "encoding")
