"""The derived tables: rerunnable, byte-identical, and not stale."""

from __future__ import annotations

from analysis import pipeline


def test_committed_tables_are_up_to_date(tmp_path):
    written = pipeline.run(tmp_path)
    committed = pipeline.DERIVED
    names = sorted(p.name for p in written)
    assert names == sorted(p.name for p in committed.glob("*.csv")), "run `python -m analysis run`"
    stale = [n for n in names if (tmp_path / n).read_bytes() != (committed / n).read_bytes()]
    assert not stale, f"stale derived tables (run `python -m analysis run`): {stale}"


def test_rerun_is_byte_identical_and_leaves_no_temp_files(tmp_path):
    first = {p.name: p.read_bytes() for p in pipeline.run(tmp_path)}
    second = {p.name: p.read_bytes() for p in pipeline.run(tmp_path)}
    assert first == second
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(first)


def test_run_command_prints_what_it_wrote(run_cli, tmp_path):
    result = run_cli("run", "--outdir", tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith("wrote ") for line in lines)
    assert len(lines) == len(list(tmp_path.glob("*.csv")))


def test_facts_are_strings_or_numbers():
    facts = pipeline.facts()
    assert (
        facts["turn_words_total"]
        == facts["brement_words"] + facts["bessmertnykh_words"] + facts["other_words"]
    )
    assert all(isinstance(v, (str, int, float)) for v in facts.values())
