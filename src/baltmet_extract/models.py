"""Pydantic models: the one source of the schema of documents and output tables.

`Document` is what every reader returns; the record models (`Project`, `Partner`,
...) are the rows of the tables in CONTRACT.md, in column order.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

STATUSES = ["completed", "ongoing", "approved", "submitted", "in_development", "planned", "unknown"]
PARTNER_KINDS = ["city", "region", "country", "organisation", "group", "unknown"]
ROLES = ["lead", "partner", "observer", "interested"]
METHODS = ["exact", "alias", "rule", "fuzzy", "ner", "review", "unresolved"]
EVENT_KINDS = ["meeting", "workshop", "seminar", "conference", "deadline", "release", "other"]

Status = Literal["completed", "ongoing", "approved", "submitted", "in_development", "planned", "unknown"]
PartnerKind = Literal["city", "region", "country", "organisation", "group", "unknown"]
Role = Literal["lead", "partner", "observer", "interested"]
Method = Literal["exact", "alias", "rule", "fuzzy", "ner", "review", "unresolved"]
EventKind = Literal["meeting", "workshop", "seminar", "conference", "deadline", "release", "other"]


class Line(BaseModel):
    """One piece of a document in reading order: a table row (several cells) or a line of text.

    `page` is 1-based (None for formats without pages); `row` is the line number in a
    text dump or the row index within the page's tables for PDF, Word and HTML.
    """

    model_config = ConfigDict(frozen=True)

    cells: tuple[str, ...]
    is_row: bool = False
    page: int | None = None
    row: int = 0
    pages: tuple[int, ...] = ()
    heading: bool = False

    @property
    def text(self) -> str:
        return " ".join(c for c in self.cells if c).strip()


class Document(BaseModel):
    """A document as read from one file: lines in reading order with their provenance."""

    source_file: str
    format: str
    lines: list[Line] = Field(default_factory=list)
    page_count: int = 0
    sha256: str = ""
    #: ISO 639-1 code of the text's language, when it could be told
    language: str | None = None

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


class Project(BaseModel):
    project_id: str
    name: str
    full_title: str | None = None
    objective: str | None = None
    status: Status = "unknown"
    status_text: str | None = None
    status_date: str | None = None
    funding: str | None = None
    description: str | None = None
    url: str | None = None
    partners_tbc: bool = False
    partners_incomplete: bool = False
    source_file: str
    source_page: int | None = None
    source_row: int | None = None
    needs_review: bool = False
    review_reason: str | None = None
    #: ISO 639-1 code of the document's language, when it could be told
    language: str | None = None


class Partner(BaseModel):
    project_id: str
    position: int
    raw: str
    name: str | None = None
    kind: PartnerKind = "unknown"
    role: Role = "partner"
    country: str | None = None
    geonames_id: int | None = None
    iso3166_2: str | None = None
    lat: float | None = None
    lon: float | None = None
    method: Method = "unresolved"
    score: float = 0.0
    needs_review: bool = True
    source_file: str | None = None
    source_page: int | None = None
    source_row: int | None = None


class Milestone(BaseModel):
    work_package: str | None = None
    milestone: int
    period_start: str | None = None
    period_end: str | None = None
    summary: str | None = None
    source_file: str
    source_page: int | None = None
    source_row: int | None = None


class Event(BaseModel):
    event_id: str
    source_kind: Literal["news", "milestone"]
    milestone: int | None = None
    title: str
    kind: EventKind = "other"
    date_start: str | None = None
    date_end: str | None = None
    date_inferred: bool = False
    place: str | None = None
    place_geonames_id: int | None = None
    country: str | None = None
    organisers: str | None = None
    source_file: str
    source_page: int | None = None
    source_row: int | None = None
    #: true where the place came from elsewhere in the text than the event's own sentence (the
    #: headline, a host's or a visit's sentence, the item's first town): a guess a person confirms
    place_inferred: bool = False


class NewsItem(BaseModel):
    news_id: str
    title: str
    date_start: str | None = None
    date_end: str | None = None
    date_inferred: bool = False
    place: str | None = None
    place_geonames_id: int | None = None
    summary: str | None = None
    organisers: str | None = None
    duplicate_of: str | None = None
    source_file: str
    source_page: int | None = None
    source_row: int | None = None
    #: ISO 639-1 code of the document's language, when it could be told
    language: str | None = None
    #: true where the place came from elsewhere in the text than the sentence of the item's event
    place_inferred: bool = False


class Place(BaseModel):
    name: str
    kind: PartnerKind
    country: str | None = None
    geonames_id: int | None = None
    iso3166_2: str | None = None
    lat: float | None = None
    lon: float | None = None
    mentions: int = 0
    projects: int = 0
    #: the place's identity (`place_id`); filled from the ids when not given
    place_id: str = ""

    @model_validator(mode="after")
    def _identity(self) -> Place:
        if not self.place_id:
            self.place_id = place_id(self.kind, self.name, self.geonames_id, self.iso3166_2, self.country)
        return self


class NormalisationRow(BaseModel):
    raw: str
    name: str | None = None
    kind: PartnerKind = "unknown"
    method: Method = "unresolved"
    score: float = 0.0
    needs_review: bool = True
    candidates: str = ""
    reason: str = ""
    contexts: str = ""
    key: str = ""
    #: the table cell or sentence the mention was read from (the one whose reading is shown)
    source_text: str = ""


def place_id(kind: str | None, name: str | None, geonames_id: int | None, iso3166_2: str | None,
             country: str | None) -> str:
    """A place's identity as CONTRACT.md gives it: `geonames:ID` for a city, `iso:CODE` for a region
    (codes joined with `;` where one name covers several), `country:CC` for a country; else the kind
    and the lower-cased name."""
    if geonames_id is not None:
        return f"geonames:{geonames_id}"
    if iso3166_2:
        return f"iso:{iso3166_2}"
    if kind == "country" and country:
        return f"country:{country}"
    return f"{kind or 'unknown'}:{(name or '').lower()}"


class NetworkEdge(BaseModel):
    """A project and a place taking part in it (network.csv): one row per project and place."""

    project_id: str
    place_id: str
    name: str
    kind: PartnerKind
    country: str | None = None
    role: Role
    position: int
    mentions: int = 1
    needs_review: bool = False


class CoPartners(BaseModel):
    """Two places that share projects (copartners.csv), `place_a` < `place_b`."""

    place_a: str
    place_b: str
    name_a: str
    name_b: str
    projects: int
    project_ids: str
    needs_review: bool = False


class ErrorRecord(BaseModel):
    source_file: str
    stage: str
    message: str
    source_page: int | None = None
    source_row: int | None = None


TABLE_MODELS: dict[str, type[BaseModel]] = {
    "projects": Project,
    "partners": Partner,
    "places": Place,
    "milestones": Milestone,
    "events": Event,
    "news": NewsItem,
    "normalisation": NormalisationRow,
    "errors": ErrorRecord,
    "network": NetworkEdge,
    "copartners": CoPartners,
}
