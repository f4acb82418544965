"""The review server over HTTP (no browser): the token, the JSON API, decisions written at once
and safely, Apply, and the command that starts it."""

from __future__ import annotations

import subprocess
import sys
import threading
import urllib.error
import urllib.request

import pytest

from review_fixtures import request, reviewed_fixture, samples_output_fixture, server_fixture  # noqa: F401
from utils import ROOT, fast_gazetteer  # noqa: F401

FLAGGED = ["Sczeczin", "randenburg", "iopomorskie", "Wielkopol uskie", "burg-Vorpommern", "Gorzów Wielkolposki",
           "Region Skåne Region Halland"]


FORBIDDEN_WITHOUT_TOKEN = [
    ("GET", "/", None), ("GET", "/static/app.js", None), ("GET", "/api/mentions", None),
    ("GET", "/api/search?q=Szczecin", None), ("GET", "/favicon.ico", None), ("GET", "/no/such/page", None),
    ("POST", "/api/decisions", {"raw": "Sczeczin", "decision": "reject"}), ("POST", "/api/apply", {}),
]


def test_every_request_without_the_token_is_forbidden(server, reviewed):
    before = reviewed.review_csv.read_bytes()
    for method, path, body in FORBIDDEN_WITHOUT_TOKEN:
        for token in (None, "not-the-token", server.token[:-1]):
            status, _, _ = request(server, method, path, body, token=token)
            assert status == 403, (method, path, token)
    assert reviewed.review_csv.read_bytes() == before
    assert request(server, "GET", "/api/mentions")[0] == 200  # and with it, the same request is served


def test_a_request_for_another_host_is_forbidden_even_with_the_token(server):
    status, _, _ = request(server, "GET", "/api/mentions", headers={"Host": f"evil.example:{server.port}"})
    assert status == 403
    status, _, _ = request(server, "POST", "/api/decisions", {"raw": "Sczeczin", "decision": "reject"},
                           headers={"Origin": "http://evil.example"})
    assert status == 403


def test_the_page_and_its_assets_forbid_inline_script(server):
    status, headers, page = request(server, "GET", f"/?token={server.token}", token=None)
    assert status == 200
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert '<script src="/static/app.js?token=' in page and page.count("<script") == 1
    assert 'data-count="needs-review"' in page and 'id="eu-land"' in page
    assert "http://" not in page and "https://" not in page  # nothing from the internet
    status, headers, _ = request(server, "GET", "/static/app.js")
    assert status == 200 and headers["content-type"].startswith("text/javascript")
    assert server.url.startswith("http://127.0.0.1:") and server.server_address[0] == "127.0.0.1"


def test_mentions_list_the_flagged_first_with_source_candidates_and_map(server):
    status, _, data = request(server, "GET", "/api/mentions")
    assert status == 200
    assert data["counts"] == {"mentions": 56, "flagged": 7, "needs-review": 7, "decided": 0, "pending": 0}
    mentions = data["mentions"]
    assert [m["raw"] for m in mentions[:7]] == FLAGGED
    sczeczin = mentions[0]
    assert sczeczin["match"] == "Sczeczin" and "Poznan, " in sczeczin["before"]
    assert sczeczin["seen"][0]["file"] == "000_334f8267bbda754e.txt" and sczeczin["seen"][0]["row"] == "11"
    chosen, first = sczeczin["candidates"][0], sczeczin["candidates"][1]
    assert (chosen["chosen"], chosen["key"], chosen["country"], chosen["kind"]) == (True, "geonames:3083829", "PL", "city")
    assert chosen["population"] > 300000 and chosen["x"] is not None
    assert (first["number"], first["key"], first["score"]) == (1, "geonames:8425986", 81.2)
    assert sczeczin["view_box"] is not None
    regions = next(m for m in mentions if m["raw"] == "Wielkopol uskie")["candidates"]
    assert [c["key"] for c in regions] == ["iso:PL-30", "iso:PL-08"] and all(c["x"] for c in regions)
    assert set(data["filters"]["documents"]) == {"000_334f8267bbda754e.txt", "002_3129d51c2f9d92f9.txt"}


def test_decisions_are_written_at_once_in_the_format_of_the_review_commands(server, reviewed):
    for body in ({"raw": "Sczeczin", "decision": "accept"},
                 {"raw": "randenburg", "decision": "pick", "target": "iso:DE-BE;DE-BB"},
                 {"raw": "iopomorskie", "decision": "reject"},
                 {"raw": "Baltic Development Forum", "decision": "organisation"},
                 {"raw": "other cities in Finland", "decision": "group"}):
        status, _, data = request(server, "POST", "/api/decisions", body)
        assert status == 200, data
    assert reviewed.review_csv.read_text(encoding="utf-8").splitlines() == [
        "raw,decision,target,note",
        "Baltic Development Forum,pick,org:Baltic Development Forum,",
        "iopomorskie,reject,,",
        "other cities in Finland,pick,group:other cities in Finland,",
        "randenburg,pick,iso:DE-BE;DE-BB,",
        "Sczeczin,accept,geonames:3083829,",
    ]
    assert data["counts"]["needs-review"] == 4 and data["counts"]["pending"] == 5


@pytest.mark.parametrize(("body", "message"), [
    ({"raw": "Sczeczin", "decision": "pick", "target": "geonames:999999999"}, "is no entry of the gazetteer"),
    ({"raw": "Sczeczin", "decision": "pick", "target": "Szczecin"}, "is no target"),
    ({"raw": "Sczeczin", "decision": "acept"}, "unknown action 'acept'"),
    ({"raw": "Nowhere at all", "decision": "accept"}, "no mention of this output"),
    ({"raw": ["Sczeczin"], "decision": "reject"}, "are strings"),
])
def test_a_decision_that_cannot_be_applied_is_refused_with_a_message(server, reviewed, body, message):
    before = reviewed.review_csv.read_bytes()
    status, _, data = request(server, "POST", "/api/decisions", body)
    assert status == 400 and message in data["error"]
    assert reviewed.review_csv.read_bytes() == before


def test_a_form_post_is_refused(server, reviewed):
    status, _, _ = request(server, "POST", "/api/decisions", b"raw=Sczeczin&decision=reject",
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400
    assert reviewed.decisions() == {}


def test_decisions_arriving_together_are_all_kept(server, reviewed):
    barrier = threading.Barrier(20)
    statuses: list[int] = []

    def post(i: int) -> None:
        barrier.wait()
        status, _, _ = request(server, "POST", "/api/decisions",
                               {"raw": f"Mention {i}", "decision": "pick", "target": f"org:Organisation {i}"})
        statuses.append(status)

    threads = [threading.Thread(target=post, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert statuses == [200] * 20
    assert len(reviewed.decisions()) == 20


def test_search_finds_gazetteer_entries_by_name(server):
    status, _, data = request(server, "GET", "/api/search?q=Szczecin")
    assert status == 200
    assert data["hits"][0]["key"] == "geonames:3083829" and data["hits"][0]["country"] == "PL"
    status, _, data = request(server, "GET", "/api/search?q=Wielkopolsk")
    assert "iso:PL-30" in [h["key"] for h in data["hits"]]


def test_apply_reruns_the_later_stages_and_refreshes_the_counts(server, reviewed):
    for body in ({"raw": "Sczeczin", "decision": "accept"},
                 {"raw": "randenburg", "decision": "pick", "target": "iso:DE-BB"},
                 {"raw": "iopomorskie", "decision": "reject"}):
        assert request(server, "POST", "/api/decisions", body)[0] == 200
    status, _, data = request(server, "POST", "/api/apply", {})
    assert status == 200, data
    assert data["apply"]["before"]["flagged"] == 7
    assert data["counts"] == {"mentions": 56, "flagged": 4, "needs-review": 4, "decided": 3, "pending": 0}
    mentions = {m["raw"]: m for m in request(server, "GET", "/api/mentions")[2]["mentions"]}
    assert (mentions["Sczeczin"]["method"], mentions["Sczeczin"]["applied"]) == ("review", True)
    assert mentions["iopomorskie"]["key"] == ""
    partners = (reviewed.out / "partners.csv").read_text(encoding="utf-8")
    assert "Sczeczin,Szczecin,city,partner,PL,3083829" in partners


def test_review_serve_prints_its_address_and_serves_until_stopped(reviewed):
    exe = ROOT / ".venv" / "bin" / "baltmet-extract"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "baltmet_extract"]
    proc = subprocess.Popen([*cmd, "review", "serve", "--out", str(reviewed.out), "--rules", str(reviewed.rules),
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        url = line.split(" at ", 1)[1].strip()
        assert url.startswith("http://127.0.0.1:") and "?token=" in url
        with urllib.request.urlopen(url, timeout=30) as resp:
            assert resp.status == 200
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(url.split("?")[0], timeout=30)
        assert caught.value.code == 403
    finally:
        proc.send_signal(2)  # Ctrl-C
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert code == 0
    assert "Traceback" not in proc.stderr.read()  # type: ignore[union-attr]


def test_review_serve_on_a_folder_without_a_run_is_a_usage_error(tmp_path):
    import io

    from baltmet_extract.cli import main

    err = io.StringIO()
    assert main(["review", "serve", "--out", str(tmp_path / "nothing")], stdout=io.StringIO(), stderr=err) == 2
    assert "no normalisation.csv" in err.getvalue()

