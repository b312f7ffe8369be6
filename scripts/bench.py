"""The edition's performance budget, measured in one run (`make bench`); prints a table.

Works on a temporary copy of the work tree (the project's .venv is used in place, the
copy's own ``analysis`` package is put first on PYTHONPATH), so it never touches the
user's ``_build`` or data. Measured, in this order:

1. clean HTML build (no ``_build``, so every notebook executes);
2. no-change rebuild: executes 0 notebooks and takes at most 0.15 of (1);
3. prose-only edit (one sentence added to a chapter): executes 0 notebooks;
4. code edit in one chapter (a comment added to a code cell): executes exactly 1;
5. clean PDF (no ``_build`` again): at most twice (1);
6. ``python -m analysis run``: at most 5 s;
7. the memorandum page with everything it loads, as Chromium fetches it from a local server.

Notebook executions are counted from the build log (myst-nb's "Executed notebook" lines).
Exit status 1 if any budget is missed. Usage: ``python scripts/bench.py [--keep]``.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP = {".venv", "_build", ".git", "artifacts", ".pytest_cache", ".ruff_cache", "node_modules"}
PROSE_CHAPTER = "chapters/provenance.md"
CODE_CHAPTER = "chapters/turns.md"
EXECUTED = re.compile(r"Executed notebook in [\d.]+ seconds")


def copy_tree(dest: Path) -> None:
    def ignore(directory: str, names: list[str]) -> set[str]:
        return {n for n in names if n in SKIP}

    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"bench: {' '.join(cmd)} failed (exit {proc.returncode})")
    return elapsed, proc.stdout + proc.stderr


def build(work: Path, env: dict[str, str], target: str) -> tuple[float, int]:
    elapsed, log = run(["bash", "scripts/build.sh", target], work, env)
    return elapsed, len(EXECUTED.findall(log))


def page_weight(html_dir: Path, page: str) -> tuple[int, int]:
    """Bytes and requests of ``page`` with everything Chromium loads for it."""
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(html_dir))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    sizes: list[int] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
            )
            page_ = browser.new_page()
            page_.route(
                "**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort()
            )
            page_.on("response", lambda r: sizes.append(len(r.body())))
            page_.goto(base + page, wait_until="networkidle")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return sum(sizes), len(sizes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="frus-bench-"))
    work = tmp / "book"
    copy_tree(work)
    venv = ROOT / ".venv"
    env = dict(os.environ)
    env.update(VENV=str(venv), PYTHONPATH=str(work), PATH=f"{venv / 'bin'}:{env['PATH']}")
    for name in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(name, None)
    rows: list[tuple[str, str, str, bool]] = []

    try:
        print(f"bench: working in {work} ({os.cpu_count()} cores)", flush=True)
        clean_html, n = build(work, env, "html")
        rows.append(("clean HTML build", f"{clean_html:.1f} s", f"executes {n} notebooks", True))

        t, n = build(work, env, "html")
        ok = n == 0 and t <= 0.15 * clean_html
        rows.append(
            (
                "no-change rebuild",
                f"{t:.1f} s",
                f"executes {n}; ≤ 0.15 × clean = {0.15 * clean_html:.1f} s",
                ok,
            )
        )

        prose = work / PROSE_CHAPTER
        prose.write_text(
            prose.read_text(encoding="utf-8") + "\nA sentence added by the benchmark.\n",
            encoding="utf-8",
        )
        t, n = build(work, env, "html")
        rows.append(("prose-only edit", f"{t:.1f} s", f"executes {n} (budget 0)", n == 0))

        code = work / CODE_CHAPTER
        text = code.read_text(encoding="utf-8")
        cell = re.search(r"^```\{code-cell\}[^\n]*\n(?::[^\n]*\n)*", text, re.M)
        assert cell, f"no code cell in {CODE_CHAPTER}"
        code.write_text(
            text[: cell.end()] + "# edited by the benchmark\n" + text[cell.end() :],
            encoding="utf-8",
        )
        t, n = build(work, env, "html")
        rows.append(("code edit in one chapter", f"{t:.1f} s", f"executes {n} (budget 1)", n == 1))

        weight, requests = page_weight(work / "_build" / "html", "chapters/memorandum.html")
        rows.append(
            (
                "memorandum page, all it loads",
                f"{weight / 1024:.0f} KiB",
                f"{requests} requests, none off the machine",
                True,
            )
        )

        shutil.rmtree(work / "_build")
        t, n = build(work, env, "pdf")
        rows.append(
            (
                "clean PDF build",
                f"{t:.1f} s",
                f"≤ 2 × clean HTML = {2 * clean_html:.1f} s; executes {n}",
                t <= 2 * clean_html,
            )
        )

        t, _ = run([str(venv / "bin" / "python"), "-m", "analysis", "run"], work, env)
        rows.append(("python -m analysis run", f"{t:.1f} s", "≤ 5 s", t <= 5))
    finally:
        if args.keep:
            print(f"bench: kept {work}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    head = ("measure", "result", "budget / notes")
    widths = [max(w, len(h)) for w, h in zip(widths, head)]

    def line(cells: tuple[str, ...], mark: str) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + f" | {mark} |"

    print(line(head, "ok?"))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|-----|")
    for name, result, note, ok in rows:
        print(line((name, result, note), " ok" if ok else "MISS"))
    missed = [r[0] for r in rows if not r[3]]
    if missed:
        print("bench: over budget: " + ", ".join(missed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
