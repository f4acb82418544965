"""The output tables: their names in contract order, keys, columns, descriptions, and the
`Tables` container. Every layer that names tables (link, validate, schema, export, report)
takes them from here."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel

from baltmet_extract.models import (
    TABLE_MODELS,
    CoPartners,
    ErrorRecord,
    Event,
    Milestone,
    NetworkEdge,
    NewsItem,
    NormalisationRow,
    Partner,
    Place,
    Project,
)
from baltmet_extract.network import copartner_pairs, derivation_key, network_edges

TABLES = ["projects", "partners", "places", "milestones", "events", "news", "normalisation", "errors",
          "network", "copartners"]
#: tables derived from the others (properties of `Tables`, never set)
DERIVED_TABLES = ["network", "copartners"]

#: primary and foreign keys, for SQLite and the data package
PRIMARY_KEYS: dict[str, list[str]] = {
    "projects": ["project_id"],
    "partners": ["project_id", "position"],
    "places": ["place_id"],
    "events": ["event_id"],
    "news": ["news_id"],
    "normalisation": ["raw"],
    "network": ["project_id", "place_id"],
    "copartners": ["place_a", "place_b"],
}
FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {
    "partners": [("project_id", "projects", "project_id")],
    "news": [("duplicate_of", "news", "news_id")],
    "network": [("project_id", "projects", "project_id"), ("place_id", "places", "place_id")],
    "copartners": [("place_a", "places", "place_id"), ("place_b", "places", "place_id")],
}

TABLE_DESCRIPTIONS = {
    "projects": "Projects and initiatives, one row each, with status, funding and where the row came from.",
    "partners": "Partners of each project in document order, resolved to canonical places or organisations.",
    "places": "One row per canonical place seen anywhere.",
    "milestones": "Work-package milestones with their periods.",
    "events": "Meetings, workshops, seminars, conferences, releases and deadlines from news and milestones.",
    "news": "News items with dates and places.",
    "normalisation": "One row per distinct mention: how it was resolved and whether a person should review it.",
    "errors": "Every input or row that could not be used.",
    "network": "The cooperation as a network: one edge per project and place taking part in it, with its role.",
    "copartners": "Pairs of places that take part in the same projects, with the number of projects they share.",
}


def columns(table: str) -> list[str]:
    """A table's columns, in contract order."""
    return list(TABLE_MODELS[table].model_fields)


@dataclass
class Tables:
    """The output tables, in contract order. `network` and `copartners` are derived from the
    partners and places whenever asked for, so they never disagree with them; the last result is
    kept while what it was derived from is unchanged (a big corpus has hundreds of thousands of
    place pairs, and validation, export and pandas all ask)."""

    projects: list[Project] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    news: list[NewsItem] = field(default_factory=list)
    normalisation: list[NormalisationRow] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)

    _derived: tuple[object, list[NetworkEdge], list[CoPartners]] | None = field(
        default=None, init=False, repr=False, compare=False)

    @property
    def network(self) -> list[NetworkEdge]:
        """Project-place edges, derived from the partners (see `network`)."""
        return list(self._network_and_pairs()[0])

    @property
    def copartners(self) -> list[CoPartners]:
        """Place-place pairs with their shared projects, derived from the network."""
        return list(self._network_and_pairs()[1])

    def _network_and_pairs(self) -> tuple[list[NetworkEdge], list[CoPartners]]:
        key = derivation_key(self.partners, self.places)
        if self._derived is None or self._derived[0] != key:
            edges = network_edges(self.partners, self.places)
            self._derived = (key, edges, copartner_pairs(edges))
        return self._derived[1], self._derived[2]

    def as_dict(self) -> dict[str, list[BaseModel]]:
        return {name: getattr(self, name) for name in TABLES}
