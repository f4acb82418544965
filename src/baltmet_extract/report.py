"""The HTML normalisation report: one self-contained page (for sending by mail), worst matches
first, each mention inside the sentence or table cell it was read from and, where its candidates
have a place, a small map of them drawn on the shipped outline of Europe. All document text is
escaped (jinja2 autoescape); the page loads nothing and runs no script."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, Template, select_autoescape

from baltmet_extract.results import RunResult
from baltmet_extract.review_server.europe_map import outline
from baltmet_extract.review_server.mentions import mention_view

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@lru_cache(maxsize=1)
def _template() -> Template:
    """The report's template, compiled once per process (compiling it costs more than a small run's
    whole report)."""
    env = Environment(loader=PackageLoader("baltmet_extract", "templates"),
                      autoescape=select_autoescape(enabled_extensions=("html",), default=True, default_for_string=True))
    return env.get_template("report.html")


def render_report(result: RunResult) -> str:
    """The report page; every value from the documents goes through autoescaping."""
    t = result.tables
    rows = t.normalisation
    summary = {
        "documents": len(result.documents),
        "failed": len(result.failed_inputs),
        "projects": len(t.projects),
        "partners": len(t.partners),
        "mentions": len(rows),
        "to_review": sum(1 for r in rows if r.needs_review),
        "events": len(t.events),
        "news": len(t.news),
        "errors": len(t.errors),
    }
    methods: dict[str, int] = {}
    for r in rows:
        methods[r.method] = methods.get(r.method, 0) + 1
    projects_to_review = [p for p in t.projects if p.needs_review]
    # info-level problems are the mentions to review, already listed in full above them
    problems = [p for p in result.validation if p.get("severity") != "info"]
    problems.sort(key=lambda p: (SEVERITY_ORDER.get(str(p.get("severity")), 9), str(p.get("code"))))
    summary["problems"] = len(problems)
    views = [mention_view(r, result.gazetteer) for r in rows]
    return _template().render(summary=summary, rows=rows, views=views,
                                                  methods=sorted(methods.items()), outline=outline(),
                                                  errors=t.errors, projects=projects_to_review, problems=problems)
