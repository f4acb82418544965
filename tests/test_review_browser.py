"""The review page in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium,
installed by .ci/run; no browser is ever downloaded). In CI a missing browser fails these tests."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from review_fixtures import (  # noqa: F401
    extract_into,
    reviewed_fixture,
    samples_output_fixture,
    server_fixture,
)
from utils import annex_dump, fast_gazetteer  # noqa: F401

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
SAMPLE_FLAGGED = {
    "Sczeczin": "geonames:3083829", "randenburg": "iso:DE-BB", "iopomorskie": "iso:PL-32",
    "Wielkopol uskie": "iso:PL-30 + iso:PL-08", "burg-Vorpommern": "iso:DE-MV",
    "Gorzów Wielkolposki": "geonames:3098722", "Region Skåne Region Halland": "iso:SE-M + iso:SE-N",
}


def _missing(why: str) -> None:
    if os.environ.get("CI") or os.environ.get("BALTMET_REQUIRE_BROWSER"):
        pytest.fail(f"{why}: the browser tests must run in CI (.ci/run installs Chromium with apt-get)")
    pytest.skip(why)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed (make install)")
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that fails the test on a script error, a console error or a dialog."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.problems = problems
    try:
        yield pg
    finally:
        context.close()
    assert problems == []


def open_review(pg: Any, srv: Any) -> None:
    pg.goto(srv.url)
    pg.wait_for_selector("body[data-ready=true]", timeout=30000)


def count(pg: Any, name: str) -> Any:
    return pg.locator(f'[data-count="{name}"]')


def card(pg: Any, raw: str) -> Any:
    return pg.locator(f'article.mention[data-raw="{raw}"]')


def test_accept_pick_and_reject_are_saved_and_apply_refreshes_the_counts(page, server, reviewed):
    from playwright.sync_api import expect

    open_review(page, server)
    expect(count(page, "needs-review")).to_have_text("7")
    expect(count(page, "mentions")).to_have_text("56")
    first = page.locator("article.mention").first
    expect(first).to_have_attribute("data-raw", "Sczeczin")
    expect(first.locator("mark")).to_have_text("Sczeczin")
    expect(first.locator("svg.map circle")).to_have_count(4)

    card(page, "Sczeczin").locator('button[data-action="accept"]').click()
    card(page, "randenburg").locator('button[data-action="pick"][data-target="iso:DE-BE;DE-BB"]').click()
    card(page, "iopomorskie").locator('button[data-action="reject"]').click()
    expect(count(page, "needs-review")).to_have_text("4")
    expect(count(page, "pending")).to_have_text("3")
    assert reviewed.decisions() == {"Sczeczin": ("accept", "geonames:3083829"),
                                    "randenburg": ("pick", "iso:DE-BE;DE-BB"), "iopomorskie": ("reject", "")}

    page.locator('button[data-action="apply"]').click()
    expect(page.locator("#status")).to_contain_text("Applied", timeout=120000)
    expect(count(page, "flagged")).to_have_text("4")
    expect(count(page, "needs-review")).to_have_text("4")
    expect(count(page, "pending")).to_have_text("0")
    expect(card(page, "Sczeczin").locator('[data-state="decision"]')).to_contain_text("(applied)")
    partners = (reviewed.out / "partners.csv").read_text(encoding="utf-8")
    assert "randenburg,Berlin-Brandenburg,region" in partners


def test_pick_from_a_gazetteer_search(page, server, reviewed):
    from playwright.sync_api import expect

    open_review(page, server)
    mention = card(page, "Gorzów Wielkolposki")
    mention.locator("form.search input").fill("Gorzow")
    mention.locator("form.search button").click()
    hit = card(page, "Gorzów Wielkolposki").locator('tr[data-key="geonames:3098722"] button[data-action="pick"]').last
    expect(hit).to_be_visible()
    hit.click()
    expect(count(page, "needs-review")).to_have_text("6")
    assert reviewed.decisions() == {"Gorzów Wielkolposki": ("pick", "geonames:3098722")}


def test_a_request_without_the_token_gets_403(page, server):
    response = page.goto(server.url.split("?")[0])
    assert response.status == 403
    assert "forbidden" in page.content()
    assert page.request.get(f"http://127.0.0.1:{server.port}/api/mentions").status == 403
    response = page.request.post(f"http://127.0.0.1:{server.port}/api/decisions",
                                 data={"raw": "Sczeczin", "decision": "reject"})
    assert response.status == 403
    assert page.problems and all("403" in p for p in page.problems)  # the browser's own notes of the refusals
    page.problems.clear()


@pytest.mark.usefixtures("fast_gazetteer")
def test_a_name_holding_markup_shows_as_text(page, tmp_path):
    from playwright.sync_api import expect

    from baltmet_extract.review_server import make_server

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "markup.txt").write_text(annex_dump(
        ("Prosperous region", "", "", ""),
        ("<script>alert(1)</script>", "Ongoing", "A project whose name is markup.",
         "Riga (lead), <script>alert('x')</script> Forum, <img src=x onerror=alert(2)>"),
    ), encoding="utf-8")
    out, rules = tmp_path / "out", tmp_path / "rules"
    extract_into([docs], out, rules)
    srv = make_server(out, rules, port=0)
    srv.start_in_thread()
    try:
        open_review(page, srv)
        raws = page.locator("article.mention").evaluate_all("els => els.map(e => e.dataset.raw)")
        marked = [r for r in raws if "<" in r]
        assert any("<script>" in r for r in marked) and any("<img" in r for r in marked), raws
        for raw in marked:
            mention = page.locator("article.mention").filter(has=page.get_by_role("heading", name=raw, exact=True))
            expect(mention.locator("h2")).to_have_text(raw)
        assert page.evaluate("document.scripts.length") == 1  # app.js only
        assert page.locator("main img, main script, main iframe").count() == 0
        assert "<script>" in page.locator("main").inner_text()
    finally:
        srv.shutdown()
        srv.server_close()


def test_keyboard_review_of_all_the_samples_mentions(page, server, reviewed):
    from playwright.sync_api import expect

    open_review(page, server)
    current = page.locator("article.mention.current")
    expect(current).to_have_attribute("data-raw", "Sczeczin")
    page.keyboard.press("j")
    expect(current).to_have_attribute("data-raw", "randenburg")
    page.keyboard.press("k")
    expect(current).to_have_attribute("data-raw", "Sczeczin")
    for _ in SAMPLE_FLAGGED:
        page.keyboard.press("a")
    expect(count(page, "needs-review")).to_have_text("0")
    expect(count(page, "pending")).to_have_text("7")
    assert reviewed.decisions() == {raw: ("accept", key) for raw, key in SAMPLE_FLAGGED.items()}

    # a digit picks that candidate: Oslo, the city, has the county as candidate 1
    page.keyboard.press("/")
    page.keyboard.type("Oslo")
    page.keyboard.press("Escape")
    expect(page.locator("article.mention")).to_have_count(1)
    expect(current).to_have_attribute("data-raw", "Oslo")
    page.keyboard.press("1")
    expect(card(page, "Oslo").locator('[data-state="decision"]')).to_contain_text("pick → iso:NO-03")
    assert reviewed.decisions()["Oslo"] == ("pick", "iso:NO-03")
    page.keyboard.press("r")  # r on the same mention changes the decision
    expect(card(page, "Oslo").locator('[data-state="decision"]')).to_contain_text("rejected")
    assert reviewed.decisions()["Oslo"] == ("reject", "")
    assert len(reviewed.decisions()) == 8

    page.locator('button[data-action="apply"]').click()
    expect(page.locator("#status")).to_contain_text("Applied", timeout=120000)
    expect(count(page, "flagged")).to_have_text("0")
    expect(count(page, "pending")).to_have_text("0")
    assert re.search(r"\b7 before, 0 now\b", page.locator("#status").inner_text())
