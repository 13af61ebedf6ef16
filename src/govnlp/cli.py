"""The ``govnlp`` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from govnlp._version import __version__

if TYPE_CHECKING:
    from govnlp.records import Record

EXIT_OK, EXIT_USAGE, EXIT_SKIPPED = 0, 2, 3

# The flags that set the parameters named in the library's messages (govnlp.batch.params).
_FLAGS = {"resume": "--resume", "scheduler": "--scheduler", "output": "-o OUT"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govnlp",
        description="Figures, places, subjects and metrics from Chinese government texts.",
    )
    parser.add_argument("--version", action="version", version=f"govnlp {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    tok = sub.add_parser("tokenize", help="segment text into words, one line of tokens per line")
    tok.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="UTF-8 text files (default: standard input)",
    )
    tok.add_argument("--sep", default=" ", help="token separator (default: a space)")
    tok.add_argument(
        "--sample", action="store_true", help="tokenize the sample corpus shipped with govnlp"
    )

    ext = sub.add_parser("extract", help="extract figure records from documents")
    ext.add_argument(
        "inputs",
        nargs="*",
        type=Path,
        metavar="INPUT",
        help="files (.txt .md .html .htm .jsonl .csv .parquet), directories and archives "
        "(.zip .tar .tar.gz .tgz) (default: the shipped sample corpus)",
    )
    ext.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="records file: .parquet, .csv (UTF-8 with BOM) or .jsonl, written as it is made, "
        "with OUT.docs.jsonl, OUT.errors.jsonl and OUT.done.jsonl beside it "
        "(default: a table on standard output)",
    )
    ext.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: every core)",
    )
    ext.add_argument("--no-progress", action="store_true", help="no progress bar")
    ext.add_argument(
        "--resume",
        action="store_true",
        help="continue an interrupted run writing OUT, skipping the documents it finished",
    )
    ext.add_argument(
        "--encoding",
        metavar="E",
        help="decode every file with this codec (default: UTF-8, else GB18030 or Big5 where "
        "plausible; UTF-16 with a byte-order mark)",
    )
    ext.add_argument("--text-field", default="text", metavar="F", help="table field with the text")
    ext.add_argument("--id-field", default="id", metavar="F", help="table field with the id")
    ext.add_argument(
        "--max-size",
        type=float,
        default=50.0,
        metavar="MB",
        help="files and archive members larger than this are skipped as errors (default: 50)",
    )
    ext.add_argument(
        "--chunk-size",
        type=int,
        default=None,
        metavar="N",
        help="documents per chunk sent to a worker and written at once (default: 64)",
    )
    ext.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on this dask.distributed scheduler (pip install 'govnlp[dask]')",
    )

    ev = sub.add_parser("evaluate", help="score records against a gold table")
    ev.add_argument("gold", type=Path, metavar="GOLD.tsv", help="gold table (seed.tsv format)")
    ev.add_argument(
        "pred",
        type=Path,
        metavar="PRED",
        help="records (.parquet/.csv/.jsonl), or documents to extract",
    )
    ev.add_argument(
        "--paragraphs",
        type=Path,
        metavar="TSV",
        help="score only records inside these paragraphs (doc_id, start, end)",
    )
    ev.add_argument("--show", action="store_true", help="list misses and false figures")

    au = sub.add_parser("audit", help="flag figures that contradict each other")
    au.add_argument("records", type=Path, metavar="OUT", help="records file or documents")
    return parser


def _cmd_tokenize(args: argparse.Namespace) -> int:
    from govnlp import _resources
    from govnlp.text.tokenizer import default_tokenizer

    tokenizer = default_tokenizer()
    files: list[Path] = list(args.files)
    if args.sample:
        files = sorted(_resources.sample_corpus().glob("*.txt"))
    status = EXIT_OK
    out = sys.stdout
    if not files:
        for line in sys.stdin:
            out.write(args.sep.join(tokenizer.tokenize(line.rstrip("\n"))) + "\n")
        return status
    for path in files:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"govnlp tokenize: {path}: {exc}", file=sys.stderr)
            status = EXIT_SKIPPED
            continue
        for line in text.splitlines():
            out.write(args.sep.join(tokenizer.tokenize(line)) + "\n")
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if args.command == "tokenize":
        return _cmd_tokenize(args)
    if args.command == "extract":
        return _cmd_extract(args)
    if args.command == "evaluate":
        return _cmd_evaluate(args)
    if args.command == "audit":
        return _cmd_audit(args)
    parser.error(f"unknown command {args.command!r}")
    return EXIT_USAGE


def _cmd_extract(args: argparse.Namespace) -> int:
    import codecs
    from concurrent.futures.process import BrokenProcessPool

    from govnlp import _resources
    from govnlp.batch import run as batch
    from govnlp.batch.params import ParameterMessage
    from govnlp.errors import ConfigError

    def usage_error() -> str | None:
        if args.jobs is not None and args.jobs < 1:
            return f"--jobs must be at least 1, got {args.jobs}"
        if args.chunk_size is not None and args.chunk_size < 1:
            return f"--chunk-size must be at least 1, got {args.chunk_size}"
        if not args.max_size > 0:
            return f"--max-size must be positive, got {args.max_size}"
        if args.resume and args.output is None:
            return "--resume needs an output file (-o OUT)"
        try:
            codecs.lookup(args.encoding or "utf-8")
        except LookupError:
            return f"--encoding: unknown codec {args.encoding!r}"
        return None

    usage = usage_error()
    if usage:
        print(f"govnlp extract: {usage}", file=sys.stderr)
        return EXIT_USAGE
    inputs = list(args.inputs) or [_resources.sample_corpus()]
    try:
        summary = batch.run(
            inputs,
            output=args.output,
            jobs=args.jobs,
            resume=args.resume,
            progress=not args.no_progress and sys.stderr.isatty(),
            encoding=args.encoding and codecs.lookup(args.encoding).name,
            text_field=args.text_field,
            id_field=args.id_field,
            max_bytes=int(args.max_size * 1_000_000),
            scheduler=args.scheduler,
            chunk_docs=args.chunk_size or batch.CHUNK_DOCS,
        )
    except ParameterMessage as exc:
        print(f"govnlp extract: {exc.spelled(_FLAGS)}", file=sys.stderr)
        return EXIT_USAGE
    except (ConfigError, ImportError, OSError) as exc:
        print(f"govnlp extract: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenProcessPool as exc:
        print(f"govnlp extract: a worker process died ({exc}); run again with --resume",
              file=sys.stderr)  # fmt: skip
        return 1
    if summary.frame is not None:
        _print_table(summary.frame)
        for e in summary.error_lines:
            print(f"govnlp extract: {e['source']}: {_flag_reason(e['error'])}", file=sys.stderr)
    elif summary.errors:
        errors = batch.OutputPaths(args.output).errors
        print(f"govnlp extract: {summary.errors} of {summary.documents} documents skipped, "
              f"see {errors}", file=sys.stderr)  # fmt: skip
    return EXIT_SKIPPED if summary.errors else EXIT_OK


def _flag_reason(reason: str) -> str:
    """A read error's reason with the size limit named by its flag."""
    return reason.replace(" bytes (max_bytes)", " bytes (--max-size)")


def _print_table(frame: object) -> None:
    import pandas as pd

    assert isinstance(frame, pd.DataFrame)
    cols = [
        "doc_id",
        "kind",
        "text",
        "value",
        "unit",
        "qualifier",
        "county",
        "subject",
        "metric",
        "period",
        "role",
    ]
    frame = frame.assign(value=frame["value"].map(lambda v: f"{v:,.4f}".rstrip("0").rstrip(".")))
    with pd.option_context(
        "display.max_rows",
        None,
        "display.max_columns",
        None,
        "display.width",
        200,
        "display.unicode.east_asian_width",
        True,
    ):
        sys.stdout.write(frame[cols].to_string(index=False) + "\n")


def _load_records(path: Path) -> object:
    """Records from a records file, or extracted from documents."""
    import pandas as pd

    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return pd.read_parquet(path)
    if suffix == ".csv":
        return pd.read_csv(path, encoding="utf-8-sig", dtype={"doc_id": str})
    if suffix == ".jsonl":
        return pd.read_json(path, lines=True, dtype={"doc_id": str})
    from govnlp.extraction import extract
    from govnlp.frame import to_frame
    from govnlp.io.corpus import Document, read_corpus

    records: list[Record] = []
    for doc in read_corpus([path]):
        if isinstance(doc, Document):
            records.extend(extract(doc.text, doc_id=doc.id))
    return to_frame(records)


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from govnlp.analysis.evaluate import evaluate, items_from_frame, read_gold, report
    from govnlp.errors import InputError

    try:
        gold = read_gold(args.gold)
        pred = items_from_frame(_load_records(args.pred))
    except (OSError, InputError, ValueError) as exc:
        print(f"govnlp evaluate: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.paragraphs:
        pred = _inside_paragraphs(pred, args.paragraphs)
    print(report(evaluate(gold, pred), show=args.show))
    return EXIT_OK


def _inside_paragraphs(pred: list, path: Path) -> list:  # type: ignore[type-arg]
    import csv

    with path.open(encoding="utf-8") as fh:
        spans = [
            (r["doc_id"], int(r["start"]), int(r["end"]))
            for r in csv.DictReader(fh, delimiter="\t")
        ]
    return [p for p in pred if any(p.doc_id == d and s <= (p.start or 0) < e for d, s, e in spans)]


def _cmd_audit(args: argparse.Namespace) -> int:
    from govnlp.analysis.audit import audit, format_flags

    frame = _load_records(args.records)
    print(format_flags(audit(frame)))
    return EXIT_OK
