"""The command line: ``python -m analysis parse FILE``.

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
