"""Rules shipped with the package, with a user's folder layered over them row by row."""

from __future__ import annotations

import io

import pytest

from baltmet_extract.cli import main
from baltmet_extract.errors import RulesError
from baltmet_extract.rule_files import RULE_FILES, RuleSources, merge_rows, merge_yaml, user_rules_dir
from baltmet_extract.rules import Rules


def test_shipped_rules_load_without_a_user_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./rules here
    r = Rules.load()
    assert r.directory is None
    assert r.regions and r.aliases and r.statuses and r.review == []


def test_rules_folder_in_the_working_folder_is_found(tmp_path, monkeypatch):
    (tmp_path / "rules").mkdir()
    monkeypatch.chdir(tmp_path)
    assert user_rules_dir() == tmp_path / "rules"
    assert user_rules_dir(tmp_path / "rules") == tmp_path / "rules"


def test_a_missing_rules_folder_given_by_name_is_an_error(tmp_path):
    with pytest.raises(RulesError, match="rules folder not found"):
        user_rules_dir(tmp_path / "nope")


def test_user_csv_rows_replace_shipped_rows_with_the_same_key_and_add_others(tmp_path):
    shipped = Rules.load(tmp_path)  # an empty user folder: the shipped rules alone
    (tmp_path / "aliases.csv").write_text(
        "alias,target,note\n# a comment row\nst. petersburg,geonames:1,override\nDanzig,geonames:3099434,added\n",
        encoding="utf-8")
    r = Rules.load(tmp_path)
    by_alias = {row["alias"].lower(): row for row in r.aliases}
    assert by_alias["st. petersburg"]["target"] == "geonames:1"
    assert by_alias["danzig"]["target"] == "geonames:3099434"
    assert not any(row["alias"].startswith("#") for row in r.aliases)
    assert len(r.aliases) == len(shipped.aliases) + 1


def test_user_yaml_lists_come_first_and_scalars_replace(tmp_path):
    (tmp_path / "settings.yaml").write_text("normalise:\n  review_below: 90\n", encoding="utf-8")
    (tmp_path / "events.yaml").write_text("kinds:\n  meeting: ['\\bstyrgruppsmöte\\b']\n", encoding="utf-8")
    r = Rules.load(tmp_path)
    assert r.setting("normalise", "review_below", None) == 90
    assert r.setting("normalise", "accept_at", None) == 80  # the shipped value survives
    meeting = dict(r.event_kinds)["meeting"]
    assert meeting[0].pattern == "\\bstyrgruppsmöte\\b" and len(meeting) > 1


def test_merge_helpers():
    assert merge_yaml({"a": {"b": 1, "c": [1, 2]}}, {"a": {"c": [3, 1]}}) == {"a": {"b": 1, "c": [3, 1, 2]}}
    base = [{"k": "A", "v": "1"}, {"k": "B", "v": "2"}]
    assert merge_rows(base, [{"k": "b", "v": "9"}, {"k": "C", "v": "3"}], "k") == [
        {"k": "A", "v": "1"}, {"k": "b", "v": "9"}, {"k": "C", "v": "3"}]


def test_fingerprint_follows_the_merged_rules(tmp_path):
    before = RuleSources(tmp_path).fingerprint()
    (tmp_path / "regions.csv").write_text("name,iso3166_2\nVarsinais-Suomi,FI-19\n", encoding="utf-8")
    after = RuleSources(tmp_path).fingerprint()
    assert before != after
    assert RuleSources(tmp_path).fingerprint(("regions.csv",)) != RuleSources(None).fingerprint(("regions.csv",))
    (tmp_path / "review.csv").write_text("raw,decision,target,note\nX,reject,,\n", encoding="utf-8")
    assert RuleSources(tmp_path).fingerprint() == after  # decisions never cost a rebuild


def test_a_broken_user_file_is_named(tmp_path):
    (tmp_path / "status.yaml").write_text("statuses: [unclosed\n", encoding="utf-8")
    with pytest.raises(RulesError, match="status.yaml: not valid YAML"):
        Rules.load(tmp_path)
    (tmp_path / "status.yaml").unlink()
    (tmp_path / "regions.csv").write_bytes(b"name,iso3166_2\n\xff\xfe,XX\n")
    with pytest.raises(RulesError, match="regions.csv: not UTF-8"):
        Rules.load(tmp_path)


def test_init_writes_a_starter_folder_that_loads_and_keeps_existing_files(tmp_path):
    target = tmp_path / "myrules"
    err = io.StringIO()
    assert main(["init", str(target)], stdout=io.StringIO(), stderr=err) == 0
    assert sorted(p.name for p in target.iterdir()) == sorted(RULE_FILES)
    assert (target / "review.csv").read_text(encoding="utf-8") == "raw,decision,target,note\n"
    shipped = Rules.load(tmp_path / "myrules")
    assert shipped.review == [] and shipped.regions  # the examples are comments: nothing changes
    (target / "review.csv").write_text("raw,decision,target,note\nX,reject,,\n", encoding="utf-8")
    err = io.StringIO()
    assert main(["init", str(target)], stdout=io.StringIO(), stderr=err) == 0
    assert "kept" in err.getvalue()
    assert "X,reject" in (target / "review.csv").read_text(encoding="utf-8")


def test_the_fast_yaml_parser_reads_every_shipped_file_as_the_python_one_does():
    import yaml

    from baltmet_extract.rule_files import _parse_yaml

    sources = RuleSources(None)
    files = [name for name in RULE_FILES if name.endswith(".yaml")]
    assert files
    for name in files:
        data = sources.shipped_bytes(name)
        assert _parse_yaml(data, name) == (yaml.safe_load(data.decode("utf-8")) or {}), name


def test_a_yaml_error_is_worded_by_the_python_parser(tmp_path):
    import yaml

    text = "statuses:\n  - a\n - b\n"
    try:
        yaml.safe_load(text)
    except yaml.YAMLError as exc:
        expected = str(exc).splitlines()[0]
    (tmp_path / "status.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        Rules.load(tmp_path)
    assert str(caught.value).endswith(f"not valid YAML: {expected}")
