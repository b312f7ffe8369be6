"""The environment is the lock: every installed distribution pinned exactly, nothing missing.

requirements/lock.txt is regenerated with `make lock` and installed by
scripts/install-venv.sh (`make venv`); a failure here means one of the two was skipped
after pyproject.toml changed, or something was installed by hand.
"""

from __future__ import annotations

import re
import sys
import tomllib
from importlib.metadata import distributions, version
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements" / "lock.txt"


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for raw in LOCK.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", line)
        assert m, f"lock line is not an exact pin: {raw!r}"
        name = _norm(m.group(1))
        assert name not in pins, f"{name} is pinned twice"
        pins[name] = m.group(2)
    return pins


def _installed() -> dict[str, str]:
    own = _norm(_project()["name"])
    return {
        _norm(d.metadata["Name"]): d.version
        for d in distributions()
        if d.metadata["Name"] and _norm(d.metadata["Name"]) != own
    }


def test_running_in_the_project_venv() -> None:
    assert sys.prefix != sys.base_prefix, "tests must run in the project's venv (make test)"
    assert (ROOT / ".venv").resolve() == Path(sys.prefix).resolve(), f"not .venv: {sys.prefix}"


def test_every_installed_distribution_is_pinned_exactly() -> None:
    pins, installed = _pins(), _installed()
    unpinned = sorted(set(installed) - set(pins))
    wrong = sorted(
        f"{n} {installed[n]} (lock: {pins[n]})"
        for n in installed.keys() & pins.keys()
        if Version(installed[n]) != Version(pins[n])
    )
    assert not unpinned, f"installed but not in the lock (make lock, or uninstall): {unpinned}"
    assert not wrong, f"installed versions differ from the lock (make venv): {wrong}"


def test_every_pin_is_installed() -> None:
    missing = sorted(set(_pins()) - set(_installed()))
    assert not missing, f"in the lock but not installed (make venv): {missing}"


def test_lock_satisfies_pyproject() -> None:
    """Each dependency in pyproject.toml (and the test extra) is in the lock, in range."""
    project, pins = _project(), _pins()
    reqs = [
        Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]
    ]
    problems = []
    for req in reqs:
        pinned = pins.get(_norm(req.name))
        if pinned is None:
            problems.append(f"{req} is not in the lock")
        elif not req.specifier.contains(pinned, prereleases=True):
            problems.append(f"{req}: lock has {pinned}")
    assert not problems, "requirements/lock.txt is stale, run `make lock`: " + "; ".join(problems)


def test_jupyter_book_is_major_version_1() -> None:
    assert Version(version("jupyter-book")).major == 1
