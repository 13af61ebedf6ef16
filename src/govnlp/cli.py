"""The ``govnlp`` command line.

Exit status: 0 when everything was read; 1 when the run itself failed (a worker process died,
the output could not be written: a full disk); 2 for wrong usage (a bad flag, an output that is
a folder, a missing file to audit or evaluate); 3 when documents were skipped or failed (see
``OUT.errors.jsonl`` and ``OUT.docs.jsonl``); 130 when interrupted (Ctrl-C). Each ends with one
line on standard error, never a traceback. A reader that stops reading (``| head``) ends the
output quietly.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govnlp._version import __version__

if TYPE_CHECKING:
    from govnlp.records import Record

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_SKIPPED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

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
        help="worker processes (default: the CPUs this process may use; one for small inputs)",
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
        help="files and archive members larger than this are skipped as errors, and so are Word "
        "files unpacking to more and PDFs whose streams unpack to 4 times more (default: 50)",
    )
    ext.add_argument(
        "--max-figures",
        type=int,
        default=None,
        metavar="N",
        help="figures of one document, at most: a document is cut after them, with an error "
        "line (default: 200000)",
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
    if not files:
        for line in sys.stdin:
            _out(args.sep.join(tokenizer.tokenize(line.rstrip("\n"))) + "\n")
        return status
    for path in files:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"govnlp tokenize: {path}: {exc}", file=sys.stderr)
            status = EXIT_SKIPPED
            continue
        for line in text.splitlines():
            _out(args.sep.join(tokenizer.tokenize(line)) + "\n")
    return status


class _StdoutError(Exception):
    """Standard output could not be written (a full device)."""


def _out(text: str) -> None:
    """Write ``text`` to standard output; :class:`_StdoutError` when it cannot be written
    (a closed pipe is left to the caller as :class:`BrokenPipeError`)."""
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _StdoutError(exc.strerror or str(exc)) from exc


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that nothing more is written to a pipe that was
    closed or a device that is full (not even at exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    commands: dict[str, Callable[[argparse.Namespace], int]] = {
        "tokenize": _cmd_tokenize, "extract": _cmd_extract, "evaluate": _cmd_evaluate,
        "audit": _cmd_audit,
    }  # fmt: skip
    args.argv = list(sys.argv[1:] if argv is None else argv)
    try:
        status = commands[args.command](args)
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _StdoutError(exc.strerror or str(exc)) from exc
    except BrokenPipeError:  # the reader stopped reading (| head): end quietly
        _silence_stdout()
        return EXIT_OK
    except _StdoutError as exc:
        _silence_stdout()
        print(f"govnlp {args.command}: cannot write to standard output: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(f"govnlp {args.command}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return status


def _extract_usage(args: argparse.Namespace) -> str | None:
    """What is wrong with the flags of ``extract``, or ``None``."""
    import codecs

    for flag, value in (("--jobs", args.jobs), ("--chunk-size", args.chunk_size),
                        ("--max-figures", args.max_figures)):  # fmt: skip
        if value is not None and value < 1:
            return f"{flag} must be at least 1, got {value}"
    if not args.max_size > 0:
        return f"--max-size must be positive, got {args.max_size}"
    if args.resume and args.output is None:
        return "--resume needs an output file (-o OUT)"
    if args.scheduler is not None and not args.scheduler.strip():
        return f"--scheduler needs the address of a scheduler, got {args.scheduler!r}"
    try:
        codecs.lookup(args.encoding or "utf-8")
    except LookupError:
        return f"--encoding: unknown codec {args.encoding!r}"
    return None


def _cmd_extract(args: argparse.Namespace) -> int:
    import codecs
    from concurrent.futures.process import BrokenProcessPool

    from govnlp import _resources
    from govnlp.batch import run as batch
    from govnlp.batch.params import ParameterMessage
    from govnlp.errors import ConfigError

    def fail(message: str, status: int) -> int:
        print(f"govnlp extract: {message}", file=sys.stderr)
        return status

    usage = _extract_usage(args)
    if usage:
        return fail(usage, EXIT_USAGE)
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
            max_figures=args.max_figures or batch.MAX_FIGURES,
            scheduler=args.scheduler,
            chunk_docs=args.chunk_size or batch.CHUNK_DOCS,
        )
    except KeyboardInterrupt:
        if args.output is None:
            return fail("interrupted", EXIT_INTERRUPTED)
        again = shlex.join(["govnlp", *args.argv, *([] if args.resume else ["--resume"])])
        return fail(f"interrupted; what is written is kept, continue with: {again}",
                    EXIT_INTERRUPTED)  # fmt: skip
    except ParameterMessage as exc:
        return fail(exc.spelled(_FLAGS), EXIT_USAGE)
    except (ConfigError, ImportError) as exc:
        return fail(str(exc), EXIT_USAGE)
    except batch.OutputError as exc:
        return fail(f"{exc}; run again with --resume once there is room", EXIT_FAILED)
    except OSError as exc:
        return fail(f"the run failed: {exc}", EXIT_FAILED)
    except BrokenProcessPool:
        again = "run again with --resume" if args.output else "run again"
        return fail(f"a worker process died (killed, or out of memory); {again}", EXIT_FAILED)
    if summary.frame is not None:
        _print_table(summary.frame)
        for line in [*summary.error_lines, *summary.skip_lines]:
            if not line.get("expected"):
                reason = line.get("error") or f"skipped: {line['reason']}"
                print(f"govnlp extract: {line['source']}: {_flag_reason(reason)}", file=sys.stderr)
    print(f"govnlp extract: {_summary_line(summary, args.output)}", file=sys.stderr)
    return EXIT_OK if summary.complete else EXIT_SKIPPED


def _count(n: int, noun: str) -> str:
    """``n`` and the noun, plural unless ``n`` is one: 1 document, 2,000 documents."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def _summary_line(summary: Any, output: Path | None) -> str:
    """Documents read, skipped and failed, records and time, and where to look."""
    expected = f" ({summary.expected:,} not documents)" if summary.expected else ""
    line = (f"{_count(summary.read, 'document')} read, {summary.skipped:,} skipped{expected}, "
            f"{summary.errors:,} failed; {_count(summary.records, 'record')} in "
            f"{summary.seconds:,.1f} s")  # fmt: skip
    if output is not None and not summary.complete:
        from govnlp.batch.sink import OutputPaths

        paths = OutputPaths(output)
        line += f"; see {paths.errors if summary.errors else paths.docs}"
    return line


def _flag_reason(reason: str) -> str:
    """A read error's reason with the limits named by their flags."""
    return reason.replace(" bytes (max_bytes)", " bytes (--max-size)").replace(
        "(max_figures)", "(--max-figures)"
    )


def _print_table(frame: object) -> None:
    import pandas as pd

    assert isinstance(frame, pd.DataFrame)
    cols = ["doc_id", "kind", "text", "value", "unit", "qualifier", "county", "subject", "metric",
            "period", "role"]  # fmt: skip
    if not len(frame):  # pandas would print "Empty DataFrame"
        _out("  ".join(cols) + "\n")
        return
    frame = frame.assign(value=frame["value"].map(lambda v: f"{v:,.4f}".rstrip("0").rstrip(".")))
    with pd.option_context(
        "display.max_rows", None, "display.max_columns", None, "display.width", 200,
        "display.unicode.east_asian_width", True,
    ):  # fmt: skip
        _out(frame[cols].to_string(index=False) + "\n")


def _load_records(path: Path) -> Any:
    """Records from a records file (typed as the contract says), or extracted from documents;
    :class:`FileNotFoundError` naming ``path`` when there is nothing there."""
    from govnlp.io.recordfile import RECORD_SUFFIXES, read_records

    if not os.path.exists(path):
        raise FileNotFoundError(f"{path}: no such file or directory")
    if path.suffix.lower() in RECORD_SUFFIXES:
        return read_records(path)
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
        for path in (args.gold, args.pred, args.paragraphs):
            if path is not None and not path.exists():
                raise FileNotFoundError(f"{path}: no such file or directory")
        gold = read_gold(args.gold)
        pred = items_from_frame(_load_records(args.pred))
    except (OSError, InputError, ValueError) as exc:
        print(f"govnlp evaluate: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.paragraphs:
        pred = _inside_paragraphs(pred, args.paragraphs)
    _out(report(evaluate(gold, pred), show=args.show) + "\n")
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
    from govnlp.errors import InputError

    try:
        frame = _load_records(args.records)
    except (OSError, InputError, ValueError) as exc:
        print(f"govnlp audit: {exc}", file=sys.stderr)
        return EXIT_USAGE
    _out(format_flags(audit(frame)) + "\n")
    return EXIT_OK
