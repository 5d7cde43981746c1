"""vngov — the command line: arguments -> extractor API -> writers.

    vngov extract INPUT... [-o OUT] [--format jsonl]
    vngov show FILE|- [--id ID]
    vngov render INPUT... -o report.html
    vngov eval --gold GOLD... (--pred OUT.jsonl | INPUT...) [--diff DIR|FILE]

Exit status: 0 every article ok; 1 at least one article came out as an error record (the
output still holds one object per input article); 2 the command itself could not run (bad
arguments, unreadable rule files, output not writable).
"""
from __future__ import annotations

import argparse
import sys
import time
from contextlib import nullcontext
from typing import Sequence

EXIT_OK, EXIT_ARTICLE_ERRORS, EXIT_FAILED = 0, 1, 2


def _add_extract(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract records from articles (files, folders, JSONL, stdin)")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help=".txt file, folder (recursive), .jsonl file, or - for JSONL on stdin")
    p.add_argument("-o", "--output", default="-",
                   help="output file (default: stdout); a folder for --format csv/parquet")
    p.add_argument("--format", default="jsonl", choices=["jsonl", "csv", "parquet"],
                   help="jsonl (one object per article) or csv/parquet (one file per table in -o DIR)")
    p.add_argument("--bom", action="store_true", help="CSV: start each file with a UTF-8 BOM (for Excel)")
    p.add_argument("--text-field", default="text", help="JSONL field holding the text")
    p.add_argument("--id-field", default="id", help="JSONL field holding the article id")
    p.add_argument("--title-field", default="title")
    p.add_argument("--published-field", default="published")
    p.add_argument("--url-field", default="url")
    p.add_argument("--rules", action="append", default=[], metavar="DIR",
                   help="a folder of your own rule files layered over the shipped rules/")
    p.add_argument("--quiet", action="store_true", help="no summary on stderr")
    p.set_defaults(func=cmd_extract)


def cmd_extract(args: argparse.Namespace) -> int:
    from extractor.api import extract_many
    from extractor.readers import FieldMap, iter_articles
    from extractor.writers import JsonlWriter

    fields = FieldMap(text=args.text_field, id=args.id_field, title=args.title_field,
                      published=args.published_field, url=args.url_field)
    started = time.monotonic()
    n = errors = 0
    if args.format in ("csv", "parquet"):
        from extractor.tables import TableWriter

        if args.output == "-":
            print(f"vngov: --format {args.format} writes one file per table: give a folder with -o DIR",
                  file=sys.stderr)
            return EXIT_FAILED
        with TableWriter(args.output, args.format, bom=args.bom) as tables:
            for result in extract_many(iter_articles(args.inputs, fields), rules=args.rules):
                tables.write(result)
                n += 1
                errors += result.status != "ok"
        if not args.quiet:
            print(f"vngov: {n} articles, {n - errors} ok, {errors} errors, "
                  f"{time.monotonic() - started:.1f} s", file=sys.stderr)
        return EXIT_ARTICLE_ERRORS if errors else EXIT_OK
    out_cm = nullcontext(sys.stdout) if args.output == "-" else open(args.output, "w", encoding="utf-8")
    with out_cm as out:
        writer = JsonlWriter(out)
        for result in extract_many(iter_articles(args.inputs, fields), rules=args.rules):
            writer.write(result)
            n += 1
            errors += result.status != "ok"
    if not args.quiet:
        print(f"vngov: {n} articles, {n - errors} ok, {errors} errors, "
              f"{time.monotonic() - started:.1f} s", file=sys.stderr)
    return EXIT_ARTICLE_ERRORS if errors else EXIT_OK


def _rules_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", action="append", default=[], metavar="DIR",
                   help="a folder of your own rule files layered over the shipped rules/")


def _add_show(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("show", help="print one article's records as tables")
    p.add_argument("input", metavar="FILE",
                   help="an article (.txt), a folder, a JSONL of articles or of extract output, or -")
    p.add_argument("--id", help="the article to show (default: the first)")
    p.add_argument("--style", choices=["auto", "rich", "plain"], default="auto",
                   help="rich tables (default in a terminal) or plain text (default otherwise)")
    p.add_argument("--text-field", default="text", help="JSONL field holding the text")
    p.add_argument("--id-field", default="id", help="JSONL field holding the article id")
    _rules_option(p)
    p.set_defaults(func=cmd_show)


def _add_render(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("render", help="write an HTML page with the records highlighted in the text")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="articles (as for extract) or an extract output JSONL")
    p.add_argument("-o", "--output", required=True, help="the HTML file to write")
    p.add_argument("--limit", type=int, default=None, help="at most this many articles")
    p.add_argument("--text-field", default="text", help="JSONL field holding the text")
    p.add_argument("--id-field", default="id", help="JSONL field holding the article id")
    _rules_option(p)
    p.set_defaults(func=cmd_render)


def _add_eval(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="precision/recall/F1 per record type against gold annotations")
    p.add_argument("--gold", nargs="+", action="extend", required=True, metavar="GOLD",
                   help="gold JSON files or folders of them")
    p.add_argument("--pred", metavar="OUT.jsonl", help="extract output to score")
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="articles to extract and score (instead of --pred)")
    p.add_argument("--diff", metavar="DIR|FILE",
                   help="write each article's missed and spurious items (a .json file or a folder)")
    p.add_argument("--write-pred", metavar="OUT.jsonl", help="also save the extraction output")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    _rules_option(p)
    p.set_defaults(func=cmd_eval)


def cmd_show(args: argparse.Namespace) -> int:
    from extractor.show import run_cli

    return run_cli(args)


def cmd_render(args: argparse.Namespace) -> int:
    from extractor.render import run_cli

    return run_cli(args)


def cmd_eval(args: argparse.Namespace) -> int:
    from extractor.evaluate import run_cli

    return run_cli(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vngov", description="Vietnamese government-report information extractor")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_extract(sub)
    _add_show(sub)
    _add_render(sub)
    _add_eval(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from extractor import __version__

        print(f"vngov-extractor {__version__}")
        return EXIT_OK
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_FAILED
    from extractor.rules import RulesError

    try:
        return args.func(args)
    except RulesError as exc:
        print(f"vngov: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"vngov: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("vngov: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
