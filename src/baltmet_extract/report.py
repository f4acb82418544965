"""The HTML normalisation report: one self-contained page (for sending by mail), worst matches
first, each mention inside the sentence or table cell it was read from and, where its candidates
have a place, a small map of them drawn on the shipped outline of Europe. All document text is
escaped (jinja2 autoescape); the page loads nothing and runs no script."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, Template, select_autoescape
from markupsafe import Markup, escape

from baltmet_extract.results import RunResult
from baltmet_extract.review_server.europe_map import outline
from baltmet_extract.review_server.mentions import MentionView, mention_view

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@lru_cache(maxsize=1)
def _template() -> Template:
    """The report's template, compiled once per process (compiling it costs more than a small run's
    whole report)."""
    env = Environment(loader=PackageLoader("baltmet_extract", "templates"),
                      autoescape=select_autoescape(enabled_extensions=("html",), default=True, default_for_string=True))
    env.globals["map_of"] = map_of
    env.globals["runner_ups_of"] = runner_ups_of
    return env.get_template("report.html")


def runner_ups_of(v: MentionView) -> Markup:
    """A mention's runner-up candidates, one per line: number, name, key, country, kind, people
    and score (written here for the reason `map_of` is)."""
    out = []
    for c in v.candidates:
        if c.chosen:
            continue
        line = f"{c.number}. {escape(c.name)} <code>{escape(c.key)}</code>"
        if c.country:
            line += f" {escape(c.country)}"
        if c.kind:
            line += f" {escape(c.kind)}"
        if c.population:
            line += f", pop. {c.population:,}"
        if c.score is not None:
            line += f", score {c.score:g}"
        out.append(line + "<br>")
    return Markup("".join(out))


def map_of(v: MentionView) -> Markup:
    """The small map of a mention's candidates (empty when none has a place): the outline of
    Europe, the chosen place red, the runner-ups blue and numbered. Written here rather than in
    the template, where its dozen numbers per candidate cost a filter call and an escape each."""
    if not v.view_box:
        return Markup("")
    x0, y0, w, h = v.view_box
    r, dx, dy, size = round(w / 40, 1), w / 30, w / 70, round(w / 13, 1)
    out = [f'<svg class="map" viewBox="{x0} {y0} {w} {h}" width="150" height="{int(round(150 * h / w))}" role="img" '
           'aria-label="map of the chosen place and the candidates">\n'
           f'<rect x="{x0}" y="{y0}" width="{w}" height="{h}" fill="#dcebf5"/><use href="#eu-land"/>'
           '<use href="#eu-borders"/>\n']
    for c in reversed(v.candidates):
        if c.x is None or c.y is None:
            continue
        out.append(f'<circle cx="{c.x}" cy="{c.y}" r="{r}" fill="{"#b3261e" if c.chosen else "#1f5fa8"}" stroke="#fff" '
                   f'stroke-width="1" vector-effect="non-scaling-stroke"><title>{escape(c.name)} ({escape(c.key)})'
                   '</title></circle>')
        if not c.chosen:
            out.append(f'<text x="{c.x + dx}" y="{c.y + dy}" font-size="{size}" fill="#1f3f68">{c.number}</text>')
        out.append("\n")
    out.append("</svg>")
    return Markup("".join(out))


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
    return _template().render(summary=summary, rows=rows, views=views, methods=sorted(methods.items()),
                              outline=outline(), errors=t.errors, projects=projects_to_review, problems=problems)
