"""Summarise Sphinx linkcheck's output.json as Markdown; exit 1 if any link is broken.

    python scripts/linkcheck_report.py _build/linkcheck/_build/html/output.json

``make linkcheck`` runs it after the linkcheck build; the scheduled workflow puts its output
in the job summary and in an issue. Broken means Sphinx reported the link ``broken`` or
``timeout``; redirects are listed but do not fail.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FAILING = {"broken", "timeout"}


def read(path: Path) -> list[dict]:
    """output.json holds one JSON object per line."""
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def report(entries: list[dict]) -> tuple[str, int]:
    broken = [e for e in entries if e.get("status") in FAILING]
    redirected = [e for e in entries if e.get("status") == "redirected"]
    checked = sum(1 for e in entries if e.get("status") not in ("unchecked", "local", "ignored"))
    lines = [f"## External links: {len(broken)} broken of {checked} checked", ""]

    def table(rows: list[dict], last: str) -> None:
        lines.extend([f"| Page | Line | Link | {last} |", "|---|---|---|---|"])
        for e in sorted(rows, key=lambda e: (e.get("filename", ""), e.get("lineno") or 0)):
            info = str(e.get("info", "")).replace("|", "\\|").replace("\n", " ")[:200]
            lines.append(
                f"| {e.get('filename', '')} | {e.get('lineno', '')} | {e.get('uri', '')} | {info} |"
            )
        lines.append("")

    if broken:
        table(broken, "Problem")
    else:
        lines.append("No broken links.")
        lines.append("")
    if redirected:
        lines.append(f"### Redirected ({len(redirected)}): update when convenient")
        lines.append("")
        table(redirected, "Now at")
    return "\n".join(lines), 1 if broken else 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: linkcheck_report.py OUTPUT_JSON", file=sys.stderr)
        return 2
    path = Path(args[0])
    if not path.is_file():
        print(
            f"## External links\n\nNo linkcheck output at `{path}`: the build failed before checking."
        )
        return 1
    text, status = report(read(path))
    print(text)
    return status


if __name__ == "__main__":
    sys.exit(main())
