"""The ``govnlp`` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from govnlp._version import __version__

EXIT_OK, EXIT_USAGE, EXIT_SKIPPED = 0, 2, 3


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
    return parser


def _cmd_tokenize(args: argparse.Namespace) -> int:
    from govnlp import _resources
    from govnlp.tokenizer import default_tokenizer

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
    parser.error(f"unknown command {args.command!r}")
    return EXIT_USAGE
