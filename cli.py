"""vngov — the command line: arguments -> extractor API -> writers.

    vngov extract INPUT... [-o OUT] [--format jsonl] [--workers N] [--timeout S] [--resume]
    vngov show FILE|- [--id ID]
    vngov render INPUT... -o report.html
    vngov eval --gold GOLD... (--pred OUT.jsonl | INPUT...) [--diff DIR|FILE]

Exit status: 0 every article ok; 1 at least one article came out as an error record (the
output still holds one object per input article); 2 the command itself could not run (bad
arguments, unreadable rule files, output not writable, workers that cannot start, an output
file that cannot be resumed); 130 interrupted by Ctrl-C (the output holds every article
finished before it, and ``--resume`` continues from there).
"""
from __future__ import annotations

import argparse
import sys
from typing import Sequence

EXIT_OK, EXIT_ARTICLE_ERRORS, EXIT_FAILED = 0, 1, 2
EXIT_INTERRUPTED = 130
INPUT_FORMATS = ("auto", "jsonl", "json", "csv", "tsv", "parquet", "txt", "html")


def _add_extract(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract records from articles (files, folders, dumps, stdin)")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="a file (.txt .md .html .htm .jsonl .ndjson .json .csv .tsv .parquet, any of "
                        "them .gz), a folder (recursive), or - for JSON Lines on stdin")
    p.add_argument("-o", "--output", default="-",
                   help="output file (default: stdout); a folder for --format csv/parquet")
    p.add_argument("--format", default="jsonl", choices=["jsonl", "csv", "parquet"],
                   help="jsonl (one object per article) or csv/parquet (one file per table in -o DIR)")
    p.add_argument("--bom", action="store_true", help="CSV: start each file with a UTF-8 BOM (for Excel)")
    p.add_argument("--input-format", default="auto", choices=list(INPUT_FORMATS),
                   help="how to read the inputs (default: from the file name; stdin is JSON Lines)")
    p.add_argument("--text-field", default="text", help="field (JSON key, CSV/Parquet column) holding "
                                                        "the text; a.b reaches into nested JSON")
    p.add_argument("--id-field", default="id", help="field holding the article id")
    p.add_argument("--title-field", default="title")
    p.add_argument("--published-field", default="published")
    p.add_argument("--url-field", default="url")
    p.add_argument("--rules", action="append", default=[], metavar="DIR",
                   help="a folder of your own rule files layered over the shipped rules/")
    p.add_argument("--workers", type=_positive_int, default=None, metavar="N",
                   help="worker processes (default: the number of cores)")
    p.add_argument("--timeout", type=_positive_float, default=None, metavar="SECONDS",
                   help="time limit per article: one that takes longer becomes an error record")
    p.add_argument("--resume", action="store_true",
                   help="skip articles whose id is already in the output file, and append")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="run on an existing Dask cluster (tcp://host:8786); needs the [dask] extra")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no summary on stderr")
    p.set_defaults(func=cmd_extract)


def _positive_int(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def _positive_float(value: str) -> float:
    x = float(value)
    if not x > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return x


def cmd_extract(args: argparse.Namespace) -> int:
    from extractor.idstore import IdStore
    from extractor.parallel import WorkerStartError, default_workers
    from extractor.readers import FieldMap, iter_articles
    from extractor.rules import load_rules
    from extractor.runner import (OutputCorrupt, RunSummary, open_output, run_extract, skip_done,
                                  stderr_is_terminal)
    from extractor.writers import JsonlWriter

    if args.resume and args.output == "-":
        print("vngov: --resume needs an output file (-o FILE)", file=sys.stderr)
        return EXIT_FAILED
    load_rules(args.rules)  # a broken rule file stops the run here, before any output
    if args.scheduler:
        try:
            import distributed  # noqa: F401
        except ImportError:
            print("vngov: --scheduler needs Dask: pip install 'vngov-extractor[dask]'", file=sys.stderr)
            return EXIT_FAILED
    fields = FieldMap(text=args.text_field, id=args.id_field, title=args.title_field,
                      published=args.published_field, url=args.url_field)
    summary = RunSummary()
    articles = iter_articles(args.inputs, fields, fmt=args.input_format)
    run = dict(workers=args.workers or default_workers(), timeout=args.timeout, rules=args.rules,
               scheduler=args.scheduler, summary=summary, progress=not args.quiet and stderr_is_terminal())
    try:
        if args.format in ("csv", "parquet"):
            from extractor.tables import TableWriter

            if args.output == "-":
                print(f"vngov: --format {args.format} writes one file per table: give a folder with -o DIR",
                      file=sys.stderr)
                return EXIT_FAILED
            if args.resume:
                print("vngov: --resume works with --format jsonl", file=sys.stderr)
                return EXIT_FAILED
            with TableWriter(args.output, args.format, bom=args.bom) as tables:
                run_extract(articles, tables, **run)
        else:
            with IdStore() as done:
                try:
                    out, n_done = open_output(args.output, args.resume, done)
                except OutputCorrupt as exc:
                    print(f"vngov: {exc}", file=sys.stderr)
                    return EXIT_FAILED
                if n_done:
                    articles = skip_done(articles, done, summary)
                try:
                    run_extract(articles, JsonlWriter(out), **run)
                finally:
                    if out is not sys.stdout:
                        out.close()
    except WorkerStartError as exc:
        print(f"vngov: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if not args.quiet:
        print(f"vngov: {summary.line()}", file=sys.stderr)
    if summary.interrupted:
        return EXIT_INTERRUPTED
    return EXIT_ARTICLE_ERRORS if summary.errors else EXIT_OK


def _jsonl_field_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--text-field", default="text", help="JSONL field holding the text")
    p.add_argument("--id-field", default="id", help="JSONL field holding the article id")


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
    _jsonl_field_options(p)
    _rules_option(p)
    p.set_defaults(func=cmd_show)


def _add_render(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("render", help="write an HTML page with the records highlighted in the text")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="articles (as for extract) or an extract output JSONL")
    p.add_argument("-o", "--output", required=True, help="the HTML file to write")
    p.add_argument("--limit", type=int, default=None, help="at most this many articles")
    _jsonl_field_options(p)
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
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
