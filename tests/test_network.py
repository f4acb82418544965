"""The network for graph tools (issue #13): network.csv (project-place edges with role) and
copartners.csv (place-place pairs with the number of shared projects), keyed in the data package."""

from __future__ import annotations

import json
from collections import defaultdict
from itertools import combinations

import pytest

from baltmet_extract.export import write_outputs
from baltmet_extract.models import Partner, Place, Project
from baltmet_extract.network import copartner_pairs, network_edges
from baltmet_extract.results import RunResult
from baltmet_extract.tables import FOREIGN_KEYS, PRIMARY_KEYS, Tables
from helpers import read_table

RIGA = {"name": "Riga", "kind": "city", "country": "LV", "geonames_id": 456172, "lat": 56.946, "lon": 24.10589}
TALLINN = {"name": "Tallinn", "kind": "city", "country": "EE", "geonames_id": 588409, "lat": 59.437, "lon": 24.7535}
BB = {"name": "Berlin-Brandenburg", "kind": "region", "country": "DE", "iso3166_2": "DE-BE;DE-BB"}
FINLAND = {"name": "Finland", "kind": "country", "country": "FI"}


def partner(project: str, position: int, place: dict[str, object] | None = None, **extra: object) -> Partner:
    fields: dict[str, object] = {"raw": str((place or {}).get("name", extra.get("name", "x"))), "method": "exact",
                                 "score": 100.0, "needs_review": False, **(place or {}), **extra}
    return Partner(project_id=project, position=position, **fields)  # type: ignore[arg-type]


def tables() -> Tables:
    """p1: Riga (lead, and again as observer), Tallinn, Berlin-Brandenburg, an organisation, a group;
    p2: Riga, Tallinn (doubtful), Finland."""
    return Tables(
        projects=[Project(project_id="p1", name="P1", source_file="a.txt"),
                  Project(project_id="p2", name="P2", source_file="a.txt")],
        partners=[
            partner("p1", 1, RIGA, role="lead"),
            partner("p1", 2, TALLINN),
            partner("p1", 3, BB),
            partner("p1", 4, name="Baltic Development Forum", kind="organisation"),
            partner("p1", 5, name="other cities in Finland", kind="group", country="FI"),
            partner("p1", 6, RIGA, role="observer", needs_review=True),
            partner("p2", 1, TALLINN, needs_review=True, method="fuzzy", score=88.0),
            partner("p2", 2, RIGA, role="interested"),
            partner("p2", 3, FINLAND),
        ],
        places=[Place(**RIGA, mentions=3, projects=2), Place(**TALLINN, mentions=2, projects=2),  # type: ignore[arg-type]
                Place(**BB, mentions=1, projects=1), Place(**FINLAND, mentions=1, projects=1)],  # type: ignore[arg-type]
    )


def test_places_are_keyed_by_the_contract_identity():
    t = tables()
    assert [p.place_id for p in t.places] == ["geonames:456172", "geonames:588409", "iso:DE-BE;DE-BB", "country:FI"]
    assert Place(name="X", kind="city", geonames_id=1, place_id="mine").place_id == "mine"


def test_one_edge_per_project_and_place_with_its_strongest_role():
    edges = {(e.project_id, e.place_id): e for e in tables().network}
    assert list(edges) == [("p1", "geonames:456172"), ("p1", "geonames:588409"), ("p1", "iso:DE-BE;DE-BB"),
                           ("p2", "geonames:588409"), ("p2", "geonames:456172"), ("p2", "country:FI")]
    riga = edges[("p1", "geonames:456172")]
    # named twice: the lead role, the first position, two partner rows, certain since one row is
    assert (riga.role, riga.position, riga.mentions, riga.needs_review) == ("lead", 1, 2, False)
    assert edges[("p2", "geonames:588409")].needs_review is True
    assert edges[("p2", "geonames:456172")].role == "interested"
    assert edges[("p1", "iso:DE-BE;DE-BB")].kind == "region"


def test_organisations_groups_and_unresolved_mentions_are_no_nodes():
    t = tables()
    t.partners.append(partner("p2", 4, name=None, raw="Gdnask?", kind="unknown", method="unresolved", score=0.0))
    assert {e.kind for e in t.network} == {"city", "region", "country"}
    assert len(t.network) == 6


def test_a_doubtful_edge_that_becomes_certain_when_a_second_row_is():
    edges = network_edges([partner("p1", 1, RIGA, needs_review=True), partner("p1", 2, RIGA)], [])
    assert (len(edges), edges[0].needs_review, edges[0].mentions) == (1, False, 2)
    edges = network_edges([partner("p1", 1, RIGA, needs_review=True), partner("p1", 2, RIGA, needs_review=True)], [])
    assert edges[0].needs_review is True


def test_copartners_count_the_projects_two_places_share():
    pairs = {(c.place_a, c.place_b): c for c in tables().copartners}
    riga_tallinn = pairs[("geonames:456172", "geonames:588409")]
    assert (riga_tallinn.name_a, riga_tallinn.name_b) == ("Riga", "Tallinn")
    assert (riga_tallinn.projects, riga_tallinn.project_ids) == (2, "p1;p2")
    assert riga_tallinn.needs_review is True  # Tallinn is doubtful in p2
    assert pairs[("geonames:456172", "iso:DE-BE;DE-BB")].projects == 1
    assert pairs[("geonames:456172", "iso:DE-BE;DE-BB")].needs_review is False
    assert ("country:FI", "iso:DE-BE;DE-BB") not in pairs  # never in one project
    # p1: 3 places -> 3 pairs; p2: 3 places -> 3 pairs; Riga-Tallinn shared: 5 distinct
    assert len(pairs) == 5
    assert all(a < b for a, b in pairs)


def test_derived_tables_follow_the_partners():
    t = tables()
    t.partners = [p for p in t.partners if p.project_id == "p1"]
    assert {e.project_id for e in t.network} == {"p1"}
    assert {c.project_ids for c in t.copartners} == {"p1"}


def test_the_kept_network_is_not_stale_after_a_change_in_place():
    t = tables()
    assert t.network[0].role == "lead" and len(t.copartners) == 5
    t.partners[0].role = "partner"
    t.partners.append(partner("p2", 4, BB))
    assert t.network[0].role == "partner"
    assert ("p2", "iso:DE-BE;DE-BB") in {(e.project_id, e.place_id) for e in t.network}
    assert len(t.copartners) == 6  # BB now meets Finland in p2
    t.places[0].name = "Rīga"
    assert t.network[0].name == "Rīga"
    assert {c.name_a for c in t.copartners if c.place_a == "geonames:456172"} == {"Rīga"}


def test_an_empty_run_has_an_empty_network():
    assert Tables().network == [] and Tables().copartners == [] and copartner_pairs([]) == []


def test_keys_in_the_data_package_and_sqlite(tmp_path):
    from frictionless import Package

    result = RunResult(tables=tables(), documents=[])
    write_outputs(result, tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert resources["network"]["schema"]["primaryKey"] == PRIMARY_KEYS["network"] == ["project_id", "place_id"]
    assert resources["copartners"]["schema"]["primaryKey"] == ["place_a", "place_b"]
    assert resources["places"]["schema"]["primaryKey"] == ["place_id"]
    assert [fk["reference"] for fk in resources["network"]["schema"]["foreignKeys"]] == [
        {"resource": "projects", "fields": "project_id"}, {"resource": "places", "fields": "place_id"}]
    assert len(FOREIGN_KEYS["copartners"]) == 2
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    assert len(read_table(tmp_path, "network")) == 6 and len(read_table(tmp_path, "copartners")) == 5


def test_the_data_package_catches_an_edge_to_an_unknown_place(tmp_path):
    """The keys are real: a network row whose place is not in places.csv fails validation."""
    from frictionless import Package

    t = tables()
    t.places = t.places[1:]  # Riga gone from places
    write_outputs(RunResult(tables=t, documents=[]), tmp_path)
    report = Package(str(tmp_path / "datapackage.json")).validate()
    errors = {(task.name, error.type) for task in report.tasks for error in task.errors}
    assert errors == {("network", "foreign-key"), ("copartners", "foreign-key")}


@pytest.fixture(scope="module")
def sample(sample_run):  # type: ignore[no-untyped-def]
    code, out, err = sample_run
    assert code == 0, err
    return out


def test_sample_network_matches_the_partners_table(sample):
    partners = read_table(sample, "partners")
    network = read_table(sample, "network")
    places = {p["place_id"] for p in read_table(sample, "places")}
    projects = {p["project_id"] for p in read_table(sample, "projects")}
    named = {(p["project_id"], p["geonames_id"] or p["iso3166_2"] or p["country"]) for p in partners
             if p["kind"] in ("city", "region", "country")}
    assert len(network) == len(named) == 97
    assert {e["place_id"] for e in network} <= places
    assert {e["project_id"] for e in network} <= projects
    assert len({(e["project_id"], e["place_id"]) for e in network}) == len(network)
    inno = [e for e in network if e["project_id"] == "baltmet-inno"]
    assert inno[0]["name"] == "Helsinki" and inno[0]["role"] == "lead"


def test_sample_copartners_are_the_pairs_of_the_network(sample):
    network = read_table(sample, "network")
    members: dict[str, set[str]] = defaultdict(set)
    for e in network:
        members[e["project_id"]].add(e["place_id"])
    expected: dict[tuple[str, str], set[str]] = defaultdict(set)
    for project, places in members.items():
        for pair in combinations(sorted(places), 2):
            expected[pair].add(project)
    got = {(c["place_a"], c["place_b"]): c for c in read_table(sample, "copartners")}
    assert set(got) == set(expected)
    for pair, c in got.items():
        assert int(c["projects"]) == len(expected[pair])
        assert c["project_ids"].split(";") == sorted(expected[pair])
    helsinki_berlin = got[("geonames:2950159", "geonames:658225")]
    assert int(helsinki_berlin["projects"]) >= 2


@pytest.mark.parametrize("doc", ["README.md", "docs/CONTRACT.md"])
def test_the_docs_list_every_column_of_the_new_tables(doc):
    from baltmet_extract.tables import columns
    from conftest import ROOT

    text = (ROOT / doc).read_text(encoding="utf-8")
    for table in ("network", "copartners", "places"):
        for col in columns(table):
            assert col in text, (doc, table, col)
    assert "places.geojson" in text
