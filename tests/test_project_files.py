"""The files around the book that contributors and CI rely on: CITATION.cff, the licences,
the workflows, the pre-commit configuration, the templates and the Make targets they call.

Workflows cannot run here, so their structure is tested: triggers, and jobs that call the
same Make targets people run.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO / ".github" / "workflows"


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------
# CITATION.cff (Citation File Format 1.2.0): the required keys and their types, and agreement
# with the book's own configuration. A minimal schema, not the full upstream one.

PERSON_OR_ENTITY = {
    "type": "object",
    "anyOf": [{"required": ["name"]}, {"required": ["family-names"]}],
    "properties": {"name": {"type": "string", "minLength": 1}},
}
CFF_SCHEMA = {
    "type": "object",
    "required": ["cff-version", "message", "title", "authors", "type", "license"],
    "properties": {
        "cff-version": {"const": "1.2.0"},
        "message": {"type": "string", "minLength": 20},
        "title": {"type": "string", "minLength": 1},
        "authors": {"type": "array", "minItems": 1, "items": PERSON_OR_ENTITY},
        "type": {"enum": ["software", "dataset"]},
        "license": {
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}, "minItems": 1},
            ]
        },
        "version": {"type": "string"},
        "keywords": {"type": "array", "items": {"type": "string"}},
        "references": {
            "type": "array",
            "items": {"type": "object", "required": ["type", "title", "authors"]},
        },
    },
}


def test_citation_cff_is_valid():
    cff = load(REPO / "CITATION.cff")
    jsonschema.validate(cff, CFF_SCHEMA)


def test_citation_cff_agrees_with_the_book_and_the_package():
    cff = load(REPO / "CITATION.cff")
    config = load(REPO / "_config.yml")
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert cff["title"] == config["title"]
    assert [a["name"] for a in cff["authors"]] == [config["author"]]
    assert cff["version"] == project["version"]
    assert set(cff["license"]) == {"MIT", "CC-BY-4.0"}


def test_schema_rejects_an_incomplete_citation():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"cff-version": "1.2.0", "title": "x"}, CFF_SCHEMA)


# ---------------------------------------------------------------------------------------------
# Licences: files, README, book footer


def test_licence_files_state_the_three_licences():
    code = (REPO / "LICENSE").read_text(encoding="utf-8")
    content = (REPO / "LICENSE-CONTENT").read_text(encoding="utf-8")
    assert code.startswith("MIT License")
    assert "Creative Commons Attribution 4.0" in content
    assert "https://creativecommons.org/licenses/by/4.0/" in content
    assert "public domain" in content and "United States Government" in content
    assert "public domain" in (REPO / "data" / "raw" / "README.md").read_text(encoding="utf-8")


def test_readme_states_the_licences_and_keeps_two_setup_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "## Licences" in readme and "## Contributing" in readme
    for needle in ("LICENSE", "LICENSE-CONTENT", "CC BY 4.0", "public domain", "CONTRIBUTING.md"):
        assert needle in readme, needle
    setup = readme.split("## Set-up", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    assert [line.split()[:2] for line in setup.strip().splitlines()] == [
        ["make", "book"],
        ["make", "test"],
    ]


def test_book_footer_states_the_licences_without_external_resources():
    footer = load(REPO / "_config.yml")["html"]["extra_footer"]
    for needle in ("MIT", "CC BY 4.0", "public domain"):
        assert needle in footer
    assert not re.search(r"<(img|script|link|iframe)\b|src=", footer)


def test_pyproject_licence_is_the_code_licence():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"


# ---------------------------------------------------------------------------------------------
# Workflows


def _on(workflow: dict) -> dict:
    # YAML 1.1 reads the key `on` as True.
    on = workflow.get("on", workflow.get(True))
    return {k: v for k, v in on.items()} if isinstance(on, dict) else {k: None for k in on}


def _runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def _uses(job: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def _setup_python(job: dict) -> str:
    (step,) = [s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@")]
    return str(step["with"]["python-version"])


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_workflow_is_valid_and_pins_its_actions(path):
    workflow = load(path)
    assert workflow["name"] and _on(workflow) and workflow["jobs"]
    for job in workflow["jobs"].values():
        assert job["runs-on"] == "ubuntu-latest"
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step
            if "uses" in step:
                assert re.search(r"@v\d+$", step["uses"]), f"{path.name}: pin {step['uses']}"
        if any(u == "actions/checkout" for u in _uses(job)) and "container" not in job:
            assert _setup_python(job) == "3.11"


def test_pull_request_workflow_runs_make_check_and_make_test():
    workflow = load(WORKFLOWS / "pull-request.yml")
    assert "pull_request" in _on(workflow)
    jobs = workflow["jobs"]
    assert "make check" in _runs(jobs["check"])
    test = jobs["test"]
    _builds_on_the_projects_machine(test)
    uploads = [s for s in test["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    book = next(s for s in uploads if s["with"]["name"] == "book")
    assert {"_build/html", "_build/pdf/book.pdf"} <= set(book["with"]["path"].split())
    logs = next(s for s in uploads if s["with"]["name"] == "build-logs")
    assert logs["if"] == "failure()"
    assert {"_build/logs", "_build/html/reports"} <= set(logs["with"]["path"].split())


def _builds_on_the_projects_machine(job: dict) -> None:
    """A job that builds runs make test in Debian 12 with Python 3.11 as root: make's own
    package scripts then install the TeX packages, Chromium and axe-core, as for a newcomer."""
    assert job["container"] == "python:3.11-bookworm"
    assert "make test" in _runs(job)
    assert not any("sudo" in run for run in _runs(job))


def test_publish_workflow_deploys_html_and_pdf_to_pages_from_main():
    workflow = load(WORKFLOWS / "publish.yml")
    assert _on(workflow)["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    _builds_on_the_projects_machine(build)
    pages = next(
        s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert pages["with"]["path"] == "_build/html"
    assert deploy["needs"] == "build"
    assert _uses(deploy) == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


def test_linkcheck_workflow_is_scheduled_and_reports():
    workflow = load(WORKFLOWS / "linkcheck.yml")
    on = _on(workflow)
    assert on["schedule"][0]["cron"] and "workflow_dispatch" in on
    job = workflow["jobs"]["linkcheck"]
    runs = "\n".join(_runs(job))
    assert "make linkcheck" in runs and "GITHUB_STEP_SUMMARY" in runs and "gh issue create" in runs
    assert workflow["permissions"]["issues"] == "write"


def test_make_targets_the_workflows_call_exist():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    calls = set()
    for path in WORKFLOWS.glob("*.yml"):
        for job in load(path)["jobs"].values():
            for run in _runs(job):
                calls |= set(re.findall(r"\bmake (\w[\w-]*)", run))
    assert calls >= {"check", "test", "linkcheck"}
    for target in calls:
        assert re.search(rf"^{target}:", makefile, re.M), f"make {target} is not in the Makefile"


def test_make_test_runs_make_check_first():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    prerequisites = re.search(r"^test: (.*?)##", makefile, re.M).group(1).split()
    assert prerequisites[0] == "check"
    check = makefile.split("\ncheck:", 1)[1].split("\n\n", 1)[0]
    for command in (
        "-m analysis.checks",
        "ruff check --output-format concise analysis tests scripts",
        "ruff format --check --output-format concise analysis tests scripts",
    ):
        assert command in check


def test_system_packages_script_refuses_to_install_without_root():
    """As a user it only says what is missing, with the sudo command to run."""
    script = (REPO / "scripts" / "system-packages.sh").read_text(encoding="utf-8")
    assert "EUID != 0" in script and "sudo" in script


# ---------------------------------------------------------------------------------------------
# Link-check report


def test_linkcheck_report_lists_broken_links(tmp_path):
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import linkcheck_report
    finally:
        sys.path.pop(0)
    output = tmp_path / "output.json"
    entries = [
        {
            "filename": "chapters/a.md",
            "lineno": 3,
            "status": "working",
            "uri": "https://ok.org",
            "info": "",
        },
        {
            "filename": "chapters/a.md",
            "lineno": 9,
            "status": "broken",
            "uri": "https://gone.org",
            "info": "404",
        },
        {
            "filename": "chapters/b.md",
            "lineno": 1,
            "status": "redirected",
            "uri": "https://old.org",
            "info": "https://new.org",
        },
    ]
    output.write_text("".join(json.dumps(e) + "\n" for e in entries))
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "linkcheck_report.py"), str(output)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert "1 broken of 3 checked" in result.stdout
    assert "| chapters/a.md | 9 | https://gone.org | 404 |" in result.stdout
    assert "Redirected (1)" in result.stdout
    text, status = linkcheck_report.report(entries[:1])
    assert status == 0 and "No broken links." in text


# ---------------------------------------------------------------------------------------------
# pre-commit, templates, changelog, contributor guide


def test_pre_commit_config_has_the_hooks():
    config = load(REPO / ".pre-commit-config.yaml")
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {
        "ruff",
        "ruff-format",
        "trailing-whitespace",
        "end-of-file-fixer",
        "check-yaml",
        "check-toml",
        "make-check",
    } <= ids
    # The byte-exact sources are never rewritten.
    assert re.search(config["exclude"], "data/raw/frus1977-80v06-d271.txt")
    assert re.search(config["exclude"], "tests/fixtures/memoranda/list_headings.txt")


@pytest.mark.parametrize("name", ["chapter-proposal.md", "problem.md"])
def test_issue_templates_have_front_matter(name):
    text = (REPO / ".github" / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["name"] and front["about"]


def test_pull_request_template_has_the_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for needle in (
        "make check",
        "make test",
        "{glue:text}",
        "{cite}",
        "description=",
        "CHANGELOG.md",
    ):
        assert needle in text


def test_changelog_has_an_unreleased_section():
    assert "\n## Unreleased\n" in (REPO / "CHANGELOG.md").read_text(encoding="utf-8")


def test_contributing_covers_the_whole_path():
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for needle in (
        "make book",
        "make test",
        "make new-chapter NAME=",
        "make check",
        "Proposal issue",
        "Review by two readers",
        "Merge",
        "{glue:text}",
        "{cite}",
        "description",
        "python -m analysis parse data/raw/",
        "python -m analysis turns data/raw/",
        "parse_file",
        "data/metadata/",
        "pre-commit",
        "CHANGELOG.md",
        "LICENSE-CONTENT",
    ):
        assert needle in text, needle
    # Every check that make check runs is explained.
    from analysis.checks import CHECKS

    for check in CHECKS:
        assert f"`{check.__name__.removeprefix('check_')}`" in text, check.__name__


def test_contributing_worked_example_files_exist():
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for path in re.findall(r"(?:tests|templates|analysis|data)/[\w./-]+\.(?:txt|yml|md|py)", text):
        if "<" in path or path.startswith("data/raw/frus1977-80v99"):
            continue  # placeholders, and the file the example copies into data/raw/
        assert (REPO / path).exists(), path


@pytest.mark.build
def test_every_built_page_shows_the_licences():
    from conftest_build import html_pages

    for page in html_pages():
        html = page.read_text(encoding="utf-8")
        if "<footer" not in html:
            continue  # redirects and other pages without the theme's footer
        assert "edition-licences" in html and "CC BY 4.0" in html, page.name
