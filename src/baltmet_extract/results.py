"""What the stages hand each other: one document's drafts (`DocumentResult`) and a whole run's
tables with how its inputs fared (`RunResult`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from baltmet_extract.extractors.annex import ProjectDraft
from baltmet_extract.extractors.milestones import MilestoneDraft
from baltmet_extract.extractors.news import NewsDraft
from baltmet_extract.models import (
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
from baltmet_extract.tables import Tables

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class DocumentResult:
    """What one document gave, before normalisation."""

    source_file: str
    kinds: list[str] = field(default_factory=list)
    projects: list[ProjectDraft] = field(default_factory=list)
    news: list[NewsDraft] = field(default_factory=list)
    milestones: list[MilestoneDraft] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    rows_seen: int = 0
    rows_used: int = 0
    pages: int = 0
    #: ISO 639-1 code of the document's language, when it could be told
    language: str | None = None
    failed: bool = False
    #: the traceback of an unexpected failure, shown with -v
    traceback: str | None = None


@dataclass
class RunResult:
    """The tables of a run, and how its inputs fared."""

    tables: Tables
    documents: list[DocumentResult]
    validation: list[dict[str, object]] = field(default_factory=list)
    #: the gazetteer the names were resolved with (a `normalise.gazetteer.Gazetteer`), for
    #: looking up the candidates' places; None for results read back from files
    gazetteer: Any = field(default=None, repr=False)
    #: the inputs (absolute paths) and the user's rules folder of a run that wrote an output
    #: folder: written to its run.json for the review server's "Apply"
    inputs: list[str] = field(default_factory=list)
    rules_dir: str | None = None

    @property
    def failed_inputs(self) -> list[DocumentResult]:
        return [d for d in self.documents if d.failed]

    @property
    def empty_inputs(self) -> list[DocumentResult]:
        """Documents that were read but gave no project, news item or milestone."""
        return [d for d in self.documents if not d.failed and not (d.projects or d.news or d.milestones)]

    @property
    def projects(self) -> list[Project]:
        return self.tables.projects

    @property
    def partners(self) -> list[Partner]:
        return self.tables.partners

    @property
    def places(self) -> list[Place]:
        return self.tables.places

    @property
    def milestones(self) -> list[Milestone]:
        return self.tables.milestones

    @property
    def events(self) -> list[Event]:
        return self.tables.events

    @property
    def news(self) -> list[NewsItem]:
        return self.tables.news

    @property
    def normalisation(self) -> list[NormalisationRow]:
        return self.tables.normalisation

    @property
    def errors(self) -> list[ErrorRecord]:
        return self.tables.errors

    @property
    def network(self) -> list[NetworkEdge]:
        return self.tables.network

    @property
    def copartners(self) -> list[CoPartners]:
        return self.tables.copartners

    def to_pandas(self) -> dict[str, pd.DataFrame]:
        """Every table as a pandas DataFrame (nullable `Int64`, `Float64`, `boolean`, `category` for
        the columns with fixed values, `string` elsewhere): the same frames `baltmet_extract.load`
        reads back from the output folder."""
        from baltmet_extract.frames import to_pandas  # pandas only when asked for

        return to_pandas(self.tables)
