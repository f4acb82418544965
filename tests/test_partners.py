"""Partner cells into mentions with roles, kind hints and flags."""

from __future__ import annotations

import pytest

from baltmet_extract.extractors.partners import parse_partner_cell


def mentions(rules, cell):
    return [(m.raw, m.role) for m in parse_partner_cell(cell, rules).mentions]


@pytest.mark.parametrize(("cell", "expected"), [
    ("Helsinki (lead), Berlin with observers from Oslo and Warsaw",
     [("Helsinki", "lead"), ("Berlin", "partner"), ("Oslo", "observer"), ("Warsaw", "observer")]),
    ("Helsinki and Turku (lead), Stockholm, Tallinn and Riga have expressed interest",
     [("Helsinki", "lead"), ("Turku", "lead"), ("Stockholm", "interested"), ("Tallinn", "interested"),
      ("Riga", "interested")]),
    ("Lead: Turku; Partners: Gdansk, Kiel", [("Turku", "lead"), ("Gdansk", "partner"), ("Kiel", "partner")]),
    ("Riga (lead partner)\nTallinn\nVilnius", [("Riga", "lead"), ("Tallinn", "partner"), ("Vilnius", "partner")]),
    ("Berlin (lead), Oslo, Region, Dalarnas", [("Berlin", "lead"), ("Oslo", "partner"), ("Region Dalarnas", "partner")]),
    ("Central and South Bohemian Region", [("Central Bohemian Region", "partner"), ("South Bohemian Region", "partner")]),
    ("Mecklenburg- Vorpommern, Gothenburg", [("Mecklenburg-Vorpommern", "partner"), ("Gothenburg", "partner")]),
])
def test_roles_and_splitting(rules, cell, expected):
    assert mentions(rules, cell) == expected


def test_descriptors_announce_kinds_for_the_list_they_open(rules):
    cell = parse_partner_cell("cities of Tallinn and Helsinki, Regions of Harjumaa and Uusimaa", rules)
    assert [(m.raw, m.kind_hint) for m in cell.mentions] == [
        ("Tallinn", "city"), ("Helsinki", "city"), ("Harjumaa", "region"), ("Uusimaa", "region")]


def test_truncated_descriptor_still_announces_a_kind(rules):
    cell = parse_partner_cell("and the 4 Western ivodships iopomorskie, Dolnoslaskie) and the cities Szczecin", rules)
    assert [(m.raw, m.kind_hint) for m in cell.mentions] == [
        ("iopomorskie", "region"), ("Dolnoslaskie", "region"), ("Szczecin", "city")]


def test_country_in_brackets_becomes_a_hint(rules):
    cell = parse_partner_cell("Turku (FI), Gdansk (Poland)", rules)
    assert [(m.raw, m.country_hint) for m in cell.mentions] == [("Turku", "FI"), ("Gdansk", "PL")]


def test_tbc_and_et_al(rules):
    assert parse_partner_cell("BaltMet partners TBC", rules).tbc
    cell = parse_partner_cell("Riga (lead), Oslo et al.", rules)
    assert cell.incomplete and not cell.tbc
    assert [m.raw for m in cell.mentions] == ["Riga", "Oslo"]


def test_groups_are_marked(rules):
    cell = parse_partner_cell("Helsinki (lead), other cities in Finland", rules)
    assert [(m.raw, m.group) for m in cell.mentions] == [("Helsinki", False), ("other cities in Finland", True)]


def test_known_name_with_and_is_kept_whole(rules):
    cell = parse_partner_cell("Ministry of Transport and Communications, Riga", rules,
                              is_known=lambda s: s.startswith("Ministry"))
    assert [m.raw for m in cell.mentions] == ["Ministry of Transport and Communications", "Riga"]


def test_empty_cell(rules):
    cell = parse_partner_cell("", rules)
    assert cell.mentions == [] and not cell.tbc and not cell.incomplete


@pytest.mark.parametrize(("cell", "expected"), [
    ("Lead: Turku; Gdansk; Kiel", [("Turku", "lead"), ("Gdansk", "partner"), ("Kiel", "partner")]),
    ("Lead partners: Turku, Gdansk; Partners: Kiel", [("Turku", "lead"), ("Gdansk", "lead"), ("Kiel", "partner")]),
    ("Oslo and Vilnius as observers", [("Oslo", "observer"), ("Vilnius", "observer")]),
])
def test_singular_and_plural_lead_openers(rules, cell, expected):
    assert mentions(rules, cell) == expected


@pytest.mark.parametrize(("cell", "expected"), [
    ("Berlin, Riga, Oslo; St. Petersburg as observer",
     [("Berlin", "partner"), ("Riga", "partner"), ("Oslo", "partner"), ("St. Petersburg", "observer")]),
    ("Berlin, Riga; St. Petersburg and Minsk as observers",
     [("Berlin", "partner"), ("Riga", "partner"), ("St. Petersburg", "observer"), ("Minsk", "observer")]),
    ("Oulu (LP), Umea, Lulea, Murmansk Oblast as observer",
     [("Oulu", "lead"), ("Umea", "partner"), ("Lulea", "partner"), ("Murmansk Oblast", "observer")]),
    ("Riga (lead), Oslo, Tallinn, Vilnius as observers",
     [("Riga", "lead"), ("Oslo", "observer"), ("Tallinn", "observer"), ("Vilnius", "observer")]),
])
def test_closing_phrases_reach_back_only_as_far_as_they_should(rules, cell, expected):
    assert mentions(rules, cell) == expected


def test_one_unconfirmed_partner_does_not_make_the_list_tbc(rules):
    cell = parse_partner_cell("Gdansk (lead), Elblag (TBC), Kaliningrad", rules)
    assert not cell.tbc
    assert [m.raw for m in cell.mentions] == ["Gdansk", "Elblag", "Kaliningrad"]


def test_a_member_list_is_a_group_not_the_organisation(rules):
    cell = parse_partner_cell("BaltMet cities, to be confirmed", rules)
    assert cell.tbc and [(m.raw, m.group) for m in cell.mentions] == [("BaltMet cities", True)]


def test_a_unit_after_a_comma_stays_with_its_partner(rules):
    cell = parse_partner_cell("City of Helsinki, City Planning Department (FI), Riga, Baltic Development Forum", rules)
    assert [m.raw for m in cell.mentions] == ["City of Helsinki, City Planning Department", "Riga",
                                              "Baltic Development Forum"]


def test_a_title_with_and_before_of_is_one_partner(rules):
    cell = parse_partner_cell("Free and Hanseatic City of Hamburg, Helsinki and Turku", rules)
    assert [m.raw for m in cell.mentions] == ["Free and Hanseatic City of Hamburg", "Helsinki", "Turku"]


def test_a_descriptor_after_and_opens_the_next_name(rules):
    assert mentions(rules, "Berlin (lead), Oslo and Region, Dalarnas, Riga") == [
        ("Berlin", "lead"), ("Oslo", "partner"), ("Region Dalarnas", "partner"), ("Riga", "partner")]


def test_parts_split_at_a_conjunction_remember_the_whole(rules):
    cell = parse_partner_cell("Mo i Rana, Møre og Romsdal, Riga", rules)
    assert [(m.raw, m.joined) for m in cell.mentions] == [
        ("Mo", "Mo i Rana"), ("Rana", "Mo i Rana"), ("Møre", "Møre og Romsdal"), ("Romsdal", "Møre og Romsdal"),
        ("Riga", None)]
