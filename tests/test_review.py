"""The review loop: a decision recorded after one run changes the next run's output."""

from __future__ import annotations

import io
import shutil

import pytest

from baltmet_extract.cli import main
from baltmet_extract.errors import BaltmetError
from baltmet_extract.review import record_decision
from conftest import ANNEX_SAMPLE, ROOT
from helpers import read_table


def run(src, out, rules_dir):
    err = io.StringIO()
    code = main(["extract", str(src), "--out", str(out), "--rules", str(rules_dir), "--jobs", "1"],
                stdout=io.StringIO(), stderr=err)
    assert code == 0, err.getvalue()
    return {(p["project_id"], p["raw"]): p for p in read_table(out, "partners")}


@pytest.fixture
def rules_copy(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", target)
    return target


def test_pick_changes_the_next_run(tmp_path, rules_copy):
    before = run(ANNEX_SAMPLE, tmp_path / "o1", rules_copy)
    assert before[("josefin", "Sczeczin")]["method"] == "fuzzy"
    code = main(["review", "pick", "Sczeczin", "geonames:3088171", "--rules", str(rules_copy), "--note", "test"],
                stdout=io.StringIO(), stderr=io.StringIO())
    assert code == 0
    after = run(ANNEX_SAMPLE, tmp_path / "o2", rules_copy)
    row = after[("josefin", "Sczeczin")]
    assert (row["geonames_id"], row["method"], row["needs_review"]) == ("3088171", "review", "false")


def test_accept_takes_the_proposed_match(tmp_path, rules_copy):
    run(ANNEX_SAMPLE, tmp_path / "o1", rules_copy)
    code = main(["review", "accept", "Sczeczin", "--out", str(tmp_path / "o1"), "--rules", str(rules_copy)],
                stdout=io.StringIO(), stderr=io.StringIO())
    assert code == 0
    after = run(ANNEX_SAMPLE, tmp_path / "o2", rules_copy)
    row = after[("josefin", "Sczeczin")]
    assert (row["geonames_id"], row["method"], row["needs_review"]) == ("3083829", "review", "false")


def test_reject_makes_a_mention_no_place(tmp_path, rules_copy):
    record_decision("Sczeczin", "reject", "", rules_copy)
    row = run(ANNEX_SAMPLE, tmp_path / "o", rules_copy)[("josefin", "Sczeczin")]
    assert (row["geonames_id"], row["method"]) == ("", "review")


def test_decisions_file_is_sorted_and_replaces_earlier_decisions(rules_copy):
    record_decision("b", "pick", "geonames:1", rules_copy, check_gazetteer=False)
    record_decision("a", "pick", "iso:DE-BE", rules_copy, check_gazetteer=False)
    record_decision("b", "reject", "", rules_copy)
    lines = (rules_copy / "review.csv").read_text(encoding="utf-8").splitlines()
    assert lines == ["raw,decision,target,note", "a,pick,iso:DE-BE,", "b,reject,,"]


@pytest.mark.parametrize("target", ["Szczecin", "geonames:abc", "iso:", ""])
def test_bad_targets_are_refused(rules_copy, target):
    with pytest.raises(BaltmetError):
        record_decision("x", "pick", target, rules_copy)


def test_review_list_shows_what_needs_review(sample_run):
    _, out, _ = sample_run
    stdout = io.StringIO()
    assert main(["review", "list", "--out", str(out)], stdout=stdout, stderr=io.StringIO()) == 0
    assert "Sczeczin" in stdout.getvalue()
    assert "Berlin'" not in stdout.getvalue()


def test_accepting_a_mention_that_names_two_places_keeps_both(tmp_path, rules_copy):
    run(ANNEX_SAMPLE, tmp_path / "o1", rules_copy)
    code = main(["review", "accept", "Wielkopol uskie", "--out", str(tmp_path / "o1"), "--rules", str(rules_copy)],
                stdout=io.StringIO(), stderr=io.StringIO())
    assert code == 0
    run(ANNEX_SAMPLE, tmp_path / "o2", rules_copy)
    partners = [p for p in read_table(tmp_path / "o2", "partners") if p["raw"] == "Wielkopol uskie"]
    assert [(p["iso3166_2"], p["method"], p["needs_review"]) for p in partners] == [
        ("PL-30", "review", "false"), ("PL-08", "review", "false")]
