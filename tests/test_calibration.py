"""When a near spelling is certain: edit kinds, the rule from settings.yaml, and why it doubts."""

from __future__ import annotations

import re

import pytest

from baltmet_extract.normalise.calibration import CertainRule, Evidence, edit_kind


@pytest.mark.parametrize(("query", "name", "kind"), [
    ("kanuas", "kaunas", "transposition"),
    ("schweinfudt", "schweinfurt", "substitution"),
    ("lebaach", "lebach", "doubled"),
    ("lebxach", "lebach", "insertion"),
    ("meisen", "meissen", "deletion"),
    ("ippstadt", "lippstadt", "cut_start"),
    ("randenburg", "brandenburg", "cut_start"),
    ("lippstad", "lippstadt", "cut_end"),
    ("sczeczin", "szczecin", "several"),
    ("tallinn", "tallinn", "none"),
])
def test_edit_kinds(query, name, kind):
    assert edit_kind(query, name) == kind


def _evidence(**kw) -> Evidence:
    base = dict(length=11, edits=1, edit_kind="substitution", margin=20.0, kind="city", population=50000,
                name_type=0, european=True, runner_up_edits=None)
    base.update(kw)
    return Evidence(**base)  # type: ignore[arg-type]


def test_one_typing_error_in_a_long_name_with_no_rival_is_certain():
    assert CertainRule().certain(_evidence())


@pytest.mark.parametrize(("change", "why"), [
    ({"runner_up_edits": 1, "runner_up": "place"}, "another place is as near"),
    ({"runner_up_edits": 1, "runner_up": "small"}, "a small place is as near"),
    ({"runner_up_edits": 1, "runner_up": "cut"}, "another place's name cut is as near"),
    ({"length": 4}, "a short name"),
    ({"edits": 2, "edit_kind": "several"}, "not measured to be safe"),
    ({"edit_kind": "insertion"}, "not measured to be safe"),
    ({"population": 9000}, "a small town"),
    ({"european": False}, "a place outside Europe"),
    ({"name_type": 2}, "an alternate name"),
    ({"context_decided": True}, "the co-partners' countries chose it"),
    ({"doubts": ("the text announces another kind",)}, "the text announces another kind"),
])
def test_weak_evidence_is_flagged_with_the_reason(change, why):
    rule = CertainRule()
    ev = _evidence(**change)
    assert not rule.certain(ev)
    assert why in rule.why_doubtful(ev)


def test_a_cut_counts_as_one_error_however_many_letters_it_took():
    ev = _evidence(edit_kind="cut_start", edits=2, length=9, runner_up_edits=2)
    assert ev.errors == 1
    assert CertainRule().certain(ev)
    assert not CertainRule().certain(ev._replace(edits=3))  # at most two letters cut


def test_the_shipped_settings_are_the_measured_rule(rules):
    shipped = CertainRule.resolve(rules.setting("normalise", "certain", None))
    assert shipped == CertainRule()
    assert "insertion" not in shipped.edit_kinds
    assert shipped.length_needed("cut_start") > shipped.length_needed("transposition")


def test_a_user_may_tighten_a_threshold():
    rule = CertainRule.resolve({"min_population": 100000, "min_length": {"default": 8}, "name_types": ["primary"]})
    assert not rule.certain(_evidence())  # 50,000 people is now too few
    assert rule.length_needed("transposition") == 8 and rule.name_types == (0,)


@pytest.mark.parametrize(("value", "message"), [
    ({"min_lenght": 5}, "unknown setting(s) min_lenght"),
    ({"edit_kinds": ["typo"]}, "unknown kind(s) typo"),
    ({"name_types": ["nickname"]}, "unknown type(s) nickname"),
    ("strict", "must be a mapping"),
])
def test_bad_settings_say_what_is_wrong(value, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        CertainRule.resolve(value)  # type: ignore[arg-type]
