"""The command line: ``python -m analysis parse FILE``, ``turns FILE`` and ``run``.

Bad input is reported as ``FILE:LINE: message`` on stderr with exit status 2; nothing is
printed on stdout then, so a pipeline never receives half a result.
"""

from __future__ import annotations

import argparse
import json
import sys

from . import edition
from .errors import SourceError
from .frus_text import parse_file

EXIT_BAD_INPUT = 2


def _parse(args: argparse.Namespace) -> str:
    memo = parse_file(args.file, volume=args.volume or edition.volume_for(args.file))
    return json.dumps(memo.to_json(), ensure_ascii=False, indent=2) + "\n"


def _turns(args: argparse.Namespace) -> str:
    from .turns import automatic_turns

    memo = parse_file(args.file, volume=args.volume or edition.volume_for(args.file))
    return (
        json.dumps([t.to_json() for t in automatic_turns(memo)], ensure_ascii=False, indent=2)
        + "\n"
    )


def _run(args: argparse.Namespace) -> str:
    from . import pipeline

    written = pipeline.run(args.outdir) if args.outdir else pipeline.run()
    return "".join(f"wrote {path}\n" for path in written)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="print a FRUS memorandum's model as JSON")
    parse.add_argument("file", help="a memorandum in the FRUS plain-text rendering")
    parse.add_argument(
        "--volume",
        help="the FRUS volume the memorandum belongs to, e.g. frus1977-80v06, for notes that cite "
        "'Document N' of their own volume (default: from a file named VOLUME-dN.txt, else "
        f"{edition.VOLUME})",
    )
    parse.set_defaults(run=_parse)
    turns = commands.add_parser(
        "turns", help="print the automatic speaker turns of a FRUS memorandum as JSON"
    )
    turns.add_argument("file", help="a memorandum in the FRUS plain-text rendering")
    turns.add_argument("--volume", help="as for parse")
    turns.set_defaults(run=_turns)
    run = commands.add_parser("run", help="recompute every derived table into data/derived/")
    run.add_argument("--outdir", help="write the tables here instead of data/derived/")
    run.set_defaults(run=_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        output = args.run(args)
    except SourceError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    sys.stdout.write(output)
    return 0
