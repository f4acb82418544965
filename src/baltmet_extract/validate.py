"""Cross-record checks over the tables. Problems are records with a code, a severity, a message
and the source location; nothing here raises.

Each check has a code in `CHECKS` (severity and a description, as frictionless does for its
error types). `validate` returns the problems in a stable order; `report` wraps them into
the `validation.json` document with a summary of counts per severity and per code.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from baltmet_extract.models import TABLE_MODELS
from baltmet_extract.results import DocumentResult
from baltmet_extract.rules import Rules, load_rules
from baltmet_extract.tables import DERIVED_TABLES, Tables

SEVERITIES = ["error", "warning", "info"]

#: code -> (severity, description)
CHECKS: dict[str, tuple[str, str]] = {
    "invalid-record": ("error", "a record does not satisfy its table's schema"),
    "duplicate-id": ("error", "two records share an id (primary key)"),
    "orphan-partner": ("error", "a partner points at a project that does not exist"),
    "missing-place": ("error", "a partner or event resolved to a place that is not in the places table"),
    "orphan-duplicate": ("error", "a news item is marked a duplicate of a news item that does not exist"),
    "bad-date": ("error", "a date is not ISO 8601 truncated to year, month or day"),
    "bad-coordinates": ("error", "coordinates out of range, or only one of lat and lon"),
    "empty-name": ("error", "a project, event or news item without a name or title"),
    "rows-unaccounted": ("error", "table rows neither became records nor were reported"),
    "no-lead": ("warning", "the partner cell names a lead partner but no partner has the role lead"),
    "event-outside-period": ("warning", "an event's date lies outside its milestone's period"),
    "unknown-milestone": ("warning", "an event names a milestone its document does not have"),
    "date-order": ("warning", "an end date before its start date"),
    "bad-url": ("warning", "a url that is not a web address"),
    "bad-country": ("warning", "a country that is not an ISO 3166-1 alpha-2 code"),
    "suspicious-value": ("warning", "a value that looks like markup, a spreadsheet formula or a whole paragraph"),
    "no-partners": ("warning", "a project has no partners and is not marked 'to be confirmed'"),
    "project-needs-review": ("warning", "a project record a person should check (a cut or misshapen row)"),
    "place-inferred": ("warning", "an event's place taken from elsewhere in the text than its own sentence "
                                  "(the headline, a host's sentence, the item's first town): a guess to confirm"),
    "needs-review": ("info", "a name match a person should confirm"),
    "check-failed": ("warning", "a check could not run on this data (a bug: please report it)"),
}

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
_FORMULA = re.compile(r"^[=@+]\s*[A-Za-z(]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: where a mention was first seen, as the linker writes it: `file:page:row what`
_CONTEXT = re.compile(r"^(.+?):(\d*):(\d*)(?:\s|$)")
#: a project name longer than this is more likely a description in the wrong column
MAX_NAME_LENGTH = 120


def _problem(code: str, message: str, source_file: str | None = None, source_row: int | None = None,
             source_page: int | None = None, table: str | None = None, record: str | None = None) -> dict[str, object]:
    return {"code": code, "severity": CHECKS[code][0], "message": message, "table": table, "record": record,
            "source_file": source_file, "source_page": source_page, "source_row": source_row}


def validate(tables: Tables, documents: list[DocumentResult], rules: Rules | None = None) -> list[dict[str, object]]:
    """Every cross-record problem found, in a stable order (by check, then by table order)."""
    problems: list[dict[str, object]] = []
    for check in (_schema, _ids, _references, _leads, _events, _dates, _values, _projects, _rows, _mentions):
        try:
            problems.extend(check(tables, documents, rules))
        except Exception as exc:  # a check that trips over odd data must not stop the run
            problems.append(_problem("check-failed", f"check {check.__name__.strip('_')} failed: "
                                     f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"))
    return problems


def report(problems: list[dict[str, object]]) -> dict[str, Any]:
    """The `validation.json` document: valid (no error), a summary of counts, the problems."""
    by_severity = Counter(str(p["severity"]) for p in problems)
    by_code = Counter(str(p["code"]) for p in problems)
    return {
        "valid": by_severity["error"] == 0,
        "summary": {
            "problems": len(problems),
            "by_severity": {s: by_severity[s] for s in SEVERITIES},
            "by_code": dict(sorted(by_code.items())),
        },
        "problems": problems,
    }


def summary_line(problems: list[dict[str, object]]) -> str:
    """One line for the terminal: `validation: 0 errors, 1 warning (no-lead 1), 6 info`."""
    parts = []
    for severity in SEVERITIES:
        codes = Counter(str(p["code"]) for p in problems if p["severity"] == severity)
        n = sum(codes.values())
        detail = f" ({', '.join(f'{c} {k}' for c, k in sorted(codes.items()))})" if n and severity != "info" else ""
        parts.append(f"{n} {severity}{'' if n == 1 else 's'}{detail}")
    return "validation: " + ", ".join(parts)


# ---- checks -------------------------------------------------------------------------------------
# Each takes (tables, documents, rules) and yields problems.


def _where(record: BaseModel) -> dict[str, Any]:
    return {k: getattr(record, k, None) for k in ("source_file", "source_page", "source_row")}


def _schema(tables: Tables, documents: list[DocumentResult], rules: Rules | None) -> Iterator[dict[str, object]]:
    """Records are built as pydantic models but some fields are set later (ids): check them again."""
    for name, records in tables.as_dict().items():
        if name in DERIVED_TABLES:
            continue  # built from the checked tables when asked for, by validating constructors
        model = TABLE_MODELS[name]
        for i, record in enumerate(records, start=1):
            try:
                model.model_validate(record.model_dump())
            except ValidationError as exc:
                first = exc.errors()[0]
                field = ".".join(str(x) for x in first["loc"])
                yield _problem("invalid-record", f"{name} row {i}: {field}: {first['msg']}", **_where(record),
                               table=name)


#: table -> the columns that identify a row
KEYS: dict[str, tuple[str, ...]] = {
    "projects": ("project_id",),
    "partners": ("project_id", "position"),
    "events": ("event_id",),
    "news": ("news_id",),
    "normalisation": ("raw",),
}


def _ids(tables: Tables, documents: list[DocumentResult], rules: Rules | None) -> Iterator[dict[str, object]]:
    for table, key in KEYS.items():
        records = getattr(tables, table)
        counts = Counter(tuple(getattr(r, k) for k in key) for r in records)
        reported: set[tuple[object, ...]] = set()
        for r in records:
            value = tuple(getattr(r, k) for k in key)
            if counts[value] > 1 and value not in reported:
                reported.add(value)
                shown = value[0] if len(value) == 1 else value
                yield _problem("duplicate-id", f"{table}.{'+'.join(key)} {shown!r} appears {counts[value]} times",
                               **_where(r), table=table, record=str(shown))
        if table in ("events", "news", "projects"):
            for r in records:
                value = getattr(r, key[0])
                if not str(value or "").strip():
                    yield _problem("invalid-record", f"{table}: a record with an empty {key[0]}", **_where(r),
                                   table=table)


def place_key(kind: str | None, name: str | None, geonames_id: int | None, iso3166_2: str | None) -> str | None:
    """The identity of a place as CONTRACT.md gives it; None for what is not a place."""
    if kind not in ("city", "region", "country"):
        return None
    if geonames_id is not None:
        return f"geonames:{geonames_id}"
    if iso3166_2:
        return f"iso:{iso3166_2}"
    return f"{kind}:{name.lower()}" if name else None


def _references(tables: Tables, documents: list[DocumentResult], rules: Rules | None) -> Iterator[dict[str, object]]:
    project_ids = {p.project_id for p in tables.projects}
    places = {place_key(p.kind, p.name, p.geonames_id, p.iso3166_2) for p in tables.places}
    places_by_id = {p.geonames_id for p in tables.places if p.geonames_id is not None}
    for partner in tables.partners:
        if partner.project_id not in project_ids:
            yield _problem("orphan-partner", f"partner {partner.raw!r} points at unknown project "
                           f"{partner.project_id!r}", **_where(partner), table="partners", record=partner.project_id)
        key = place_key(partner.kind, partner.name, partner.geonames_id, partner.iso3166_2)
        if key is not None and key not in places:
            yield _problem("missing-place", f"partner {partner.raw!r} of {partner.project_id!r} resolved to {key} "
                           f"({partner.name}), which is not in places", **_where(partner), table="partners",
                           record=partner.project_id)
    for e in tables.events:
        if e.place_geonames_id is not None and e.place_geonames_id not in places_by_id:
            yield _problem("missing-place", f"event {e.event_id} is at geonames:{e.place_geonames_id} ({e.place}), "
                           "which is not in places", **_where(e), table="events", record=e.event_id)
    news_ids = {n.news_id for n in tables.news}
    for n in tables.news:
        if n.duplicate_of and n.duplicate_of not in news_ids:
            yield _problem("orphan-duplicate", f"news {n.news_id} is a duplicate of unknown news {n.duplicate_of!r}",
                           **_where(n), table="news", record=n.news_id)


def _lead_patterns(rules: Rules | None) -> list[re.Pattern[str]]:
    if rules is None:
        rules = load_rules(None)
    return [*rules.role_markers.get("lead", []), *rules.role_openers.get("lead", [])]


def _leads(tables: Tables, documents: list[DocumentResult], rules: Rules | None) -> Iterator[dict[str, object]]:
    """A partner cell that names a lead (a lead marker in its text, or a mention read as lead)
    must give a partner with the role lead."""
    leads = {p.project_id for p in tables.partners if p.role == "lead"}
    patterns: list[re.Pattern[str]] | None = None
    for d in documents:
        for draft in d.projects:
            project = draft.project
            if project.project_id in leads:
                continue
            cell_text = getattr(draft.partners, "text", None)  # the raw cell, where the extractor keeps it
            named = [m.raw for m in draft.partners.mentions if m.role == "lead"]
            if not named and cell_text:
                patterns = patterns if patterns is not None else _lead_patterns(rules)
                marker = next((m.group(0) for p in patterns for m in [p.search(cell_text)] if m), None)
                if marker:
                    named = [marker]
            if named:
                yield _problem("no-lead", f"project {project.name!r}: the partner cell names a lead "
                               f"({', '.join(repr(n) for n in named)}) but no partner has the role lead",
                               **_where(project), table="projects", record=project.project_id)


def _date_parts(value: str) -> tuple[int, ...] | None:
    m = _ISO_DATE.match(value)
    if not m:
        return None
    parts = tuple(int(g) for g in m.groups() if g is not None)
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None
    return parts


def _before(a: str, b: str) -> bool:
    """a lies entirely before b, compared at the precision both give (`2006` is not before `2006-01`)."""
    pa, pb = _date_parts(a), _date_parts(b)
    if pa is None or pb is None:
        return False
    n = min(len(pa), len(pb))
    return pa[:n] < pb[:n]


def _events(tables: Tables, documents: list[DocumentResult], rules: Rules | None) -> Iterator[dict[str, object]]:
    periods = {(m.source_file, m.milestone): (m.period_start, m.period_end) for m in tables.milestones}
    for e in tables.events:
        if e.place_inferred:
            yield _problem("place-inferred", f"event {e.event_id} ({e.date_start or 'no date'}) is placed in {e.place} "
                           "by inference: not by its own sentence but by the headline, a host's or a visit's "
                           "sentence or the item's first town", **_where(e), table="events", record=e.event_id)
        if e.milestone is None:
            continue
        if (e.source_file, e.milestone) not in periods:
            yield _problem("unknown-milestone", f"event {e.event_id} names milestone {e.milestone}, which "
                           f"{e.source_file} does not have", **_where(e), table="events", record=e.event_id)
            continue
        start, end = periods[(e.source_file, e.milestone)]
        first, last = e.date_start, e.date_end or e.date_start
        if not first or not last:
            continue
        if (start and _before(first, start)) or (end and _before(end, last)):
            shown = first if last == first else f"{first} to {last}"
            yield _problem("event-outside-period", f"event {e.event_id} on {shown} lies outside milestone "
                           f"{e.milestone} ({start or '?'} to {end or '?'})", **_where(e), table="events",
                           record=e.event_id)


def _dated(tables: Tables) -> Iterable[tuple[str, BaseModel, str, str | None, str | None]]:
    """(table, record, id, start, end) for every record that carries a date or a period."""
    for p in tables.projects:
        yield "projects", p, p.project_id, p.status_date, None
    for m in tables.milestones:
        yield "milestones", m, f"milestone {m.milestone}", m.period_start, m.period_end
    for e in tables.events:
        yield "events", e, e.event_id, e.date_start, e.date_end
    for n in tables.news:
        yield "news", n, n.news_id, n.date_start, n.date_end


def _dates(tables: Tables, documents: list[DocumentResult], rules: Rules | None) -> Iterator[dict[str, object]]:
    for table, record, rid, start, end in _dated(tables):
        bad = [v for v in (start, end) if v and _date_parts(v) is None]
        for v in bad:
            yield _problem("bad-date", f"{table} {rid}: {v!r} is not an ISO date (2007, 2007-12 or 2007-12-13)",
                           **_where(record), table=table, record=rid)
        if start and end and not bad and _before(end, start):
            yield _problem("date-order", f"{table} {rid}: ends {end} before it starts {start}", **_where(record),
                           table=table, record=rid)


def is_web_address(url: str) -> bool:
    """True for `http(s)://host.tld/...` and `www.host.tld/...`; no spaces, a dotted host."""
    if any(c.isspace() for c in url) or _CONTROL.search(url):
        return False
    parts = urlsplit(url if "://" in url else f"http://{url}")
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and "." in host and not host.startswith(".") \
        and not host.endswith(".") and all(c.isalnum() or c in ".-" for c in host)


def _suspicious(value: str | None) -> str | None:
    if not value:
        return None
    if _MARKUP.search(value):
        return "looks like markup"
    if _FORMULA.match(value):
        return "starts like a spreadsheet formula"
    if _CONTROL.search(value):
        return "holds control characters"
    return None


def _values(tables: Tables, documents: list[DocumentResult], rules: Rules | None) -> Iterator[dict[str, object]]:
    for p in tables.projects:
        where = {**_where(p), "table": "projects", "record": p.project_id}
        if not (p.name or "").strip():
            yield _problem("empty-name", f"project {p.project_id!r} has no name", **where)
        elif len(p.name) > MAX_NAME_LENGTH:
            yield _problem("suspicious-value", f"project {p.project_id!r}: a name of {len(p.name)} characters "
                           "is likely a description in the wrong column", **where)
        for column in ("name", "full_title", "objective"):
            value = getattr(p, column)
            why = _suspicious(value)
            if why:
                yield _problem("suspicious-value", f"project {p.project_id!r}: {column} {value!r} {why}", **where)
        if p.url is not None and not is_web_address(p.url):
            yield _problem("bad-url", f"project {p.project_id!r}: url {p.url!r} is not a web address", **where)
    for table, title_of in (("events", "event_id"), ("news", "news_id")):
        for r in getattr(tables, table):
            if not (r.title or "").strip():
                yield _problem("empty-name", f"{table} {getattr(r, title_of)} has no title", **_where(r), table=table,
                               record=getattr(r, title_of))
    for partner in tables.partners:
        why = _suspicious(partner.raw)
        if why:
            yield _problem("suspicious-value", f"partner {partner.raw!r} of {partner.project_id!r} {why}",
                           **_where(partner), table="partners", record=partner.project_id)
    located: list[tuple[str, Any, str]] = [("partners", r, r.project_id) for r in tables.partners]
    located += [("places", r, r.name) for r in tables.places]
    for table, r, rid in located:
        lat, lon = r.lat, r.lon
        if (lat is None) != (lon is None) or (lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)):
            yield _problem("bad-coordinates", f"{table} {rid} ({r.name}): lat {lat}, lon {lon}", **_where(r),
                           table=table, record=rid)
    countries: list[tuple[str, Any, str]] = [("partners", r, r.project_id) for r in tables.partners]
    countries += [("places", r, r.name) for r in tables.places]
    countries += [("events", r, r.event_id) for r in tables.events]
    for table, r, rid in countries:
        if r.country is not None and not _COUNTRY.match(r.country):
            yield _problem("bad-country", f"{table} {rid}: country {r.country!r} is not an ISO 3166-1 alpha-2 code",
                           **_where(r), table=table, record=rid)


def _projects(tables: Tables, documents: list[DocumentResult], rules: Rules | None) -> Iterator[dict[str, object]]:
    partners_by_project: dict[str, list[Any]] = {}
    for partner in tables.partners:
        partners_by_project.setdefault(partner.project_id, []).append(partner)
    for p in tables.projects:
        where = {**_where(p), "table": "projects", "record": p.project_id}
        partners = [x for x in partners_by_project.get(p.project_id, []) if x.kind != "group"]
        if not partners and not p.partners_tbc:
            yield _problem("no-partners", f"project {p.name!r} has no partners", **where)
        if p.needs_review:
            yield _problem("project-needs-review", f"project {p.name!r}: {p.review_reason}", **where)


def _rows(tables: Tables, documents: list[DocumentResult], rules: Rules | None) -> Iterator[dict[str, object]]:
    reported = Counter(e.source_file for e in tables.errors if e.stage == "extract" and e.source_row is not None)
    for d in documents:
        missing = d.rows_seen - d.rows_used - reported[d.source_file]
        if missing > 0 and not d.failed:
            yield _problem("rows-unaccounted", f"{missing} of {d.rows_seen} table row(s) neither became records nor "
                           "were reported in errors.csv", d.source_file, table="projects")


def _mentions(tables: Tables, documents: list[DocumentResult], rules: Rules | None) -> Iterator[dict[str, object]]:
    for n in tables.normalisation:
        if n.needs_review:
            m = _CONTEXT.match(n.contexts.split(" | ")[0]) if n.contexts else None
            where: dict[str, Any] = {} if m is None else {
                "source_file": m.group(1), "source_page": int(m.group(2)) if m.group(2) else None,
                "source_row": int(m.group(3)) if m.group(3) else None}
            yield _problem("needs-review", f"mention {n.raw!r} resolved to {n.name!r} by {n.method} "
                           f"({n.score:g}): {n.reason}", **where, table="normalisation", record=n.raw)
