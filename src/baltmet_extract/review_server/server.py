"""The review server: the standard library's threading HTTP server on 127.0.0.1 only.

Every request must carry the server's random token (`?token=` or the `X-Review-Token` header),
else it gets 403; so must its Host header name this server (no DNS rebinding). State changes
are POSTs of JSON. Every response forbids inline script and loading anything from elsewhere
(Content-Security-Policy); the page builds its DOM from JSON as text, never as markup.

    GET  /                  the page
    GET  /static/NAME       its script and style sheet
    GET  /api/mentions      every mention, its candidates, decision, and the counts
    GET  /api/search?q=     places of the gazetteer named like q
    POST /api/decisions     {"raw", "decision": accept|pick|reject|organisation|group, "target", "note"}
    POST /api/apply         re-run normalise, validate and export with the decisions
"""

from __future__ import annotations

import hmac
import json
import secrets
import sys
import threading
from dataclasses import asdict
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any, TextIO
from urllib.parse import parse_qs, urlsplit

from baltmet_extract.errors import BaltmetError
from baltmet_extract.review_server.europe_map import outline
from baltmet_extract.review_server.search import search_gazetteer
from baltmet_extract.review_server.state import ReviewState

HOST = "127.0.0.1"
DEFAULT_PORT = 8765
MAX_BODY = 64 * 1024
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
STATIC = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}


def _static(name: str) -> bytes:
    return (resources.files("baltmet_extract.review_server") / "static" / name).read_bytes()


def page_html(token: str) -> bytes:
    """The page, with the token in its asset addresses (the token is URL- and HTML-safe)."""
    o = outline()
    text = _static("page.html").decode("utf-8")
    for marker, value in (("@TOKEN@", token), ("@LAND@", o.land), ("@BORDERS@", o.borders), ("@SOURCE@", o.source)):
        text = text.replace(marker, value)
    return text.encode("utf-8")


class ReviewServer(ThreadingHTTPServer):
    """Serves one `ReviewState` on 127.0.0.1 with a random token."""

    daemon_threads = True
    #: connections waiting to be accepted; the default (5) resets a burst of requests
    request_queue_size = 128

    def __init__(self, state: ReviewState, port: int = DEFAULT_PORT, token: str | None = None,
                 log: TextIO | None = None) -> None:
        self.state = state
        self.token = token or secrets.token_urlsafe(24)
        self.log = log
        super().__init__((HOST, port), _Handler)
        self.page = page_html(self.token)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/?token={self.token}"

    def start_in_thread(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="review-server", daemon=True)
        thread.start()
        return thread


class _Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    protocol_version = "HTTP/1.1"
    server_version = "baltmet-review"
    sys_version = ""

    # ---- plumbing -----------------------------------------------------------------------------

    def log_message(self, format: str, *args: Any) -> None:
        # addresses carry the token: they are not written anywhere unless asked for
        if self.server.log is not None:
            print(f"review: {self.command} {urlsplit(self.path).path} {args[1] if len(args) > 1 else ''}",
                  file=self.server.log)

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: Any) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _error(self, status: int, message: str) -> None:
        self._json(status, {"error": message})

    def _allowed(self, body_token: str | None = None) -> bool:
        """The token is right and the request is addressed to this server."""
        host = self.headers.get("Host", "")
        if host not in (f"{HOST}:{self.server.port}", f"localhost:{self.server.port}"):
            return False
        origin = self.headers.get("Origin")
        if origin is not None and origin not in (f"http://{HOST}:{self.server.port}",
                                                 f"http://localhost:{self.server.port}"):
            return False
        given = (self.headers.get("X-Review-Token") or body_token
                 or (parse_qs(urlsplit(self.path).query).get("token") or [""])[0])
        return hmac.compare_digest(given.encode(), self.server.token.encode())

    def _forbidden(self) -> None:
        self._send(HTTPStatus.FORBIDDEN, b"forbidden: this address needs the token the server printed\n",
                   "text/plain; charset=utf-8")

    # ---- GET ----------------------------------------------------------------------------------

    def do_GET(self) -> None:
        if not self._allowed():
            self._forbidden()
            return
        parts = urlsplit(self.path)
        path = parts.path
        try:
            if path in ("/", "/index.html"):
                self._send(HTTPStatus.OK, self.server.page, "text/html; charset=utf-8")
            elif path.startswith("/static/") and path[len("/static/"):] in STATIC:
                name = path[len("/static/"):]
                self._send(HTTPStatus.OK, _static(name), STATIC[name])
            elif path == "/api/mentions":
                self._json(HTTPStatus.OK, self.server.state.mentions())
            elif path == "/api/search":
                query = (parse_qs(parts.query).get("q") or [""])[0]
                hits = search_gazetteer(self.server.state.gz, query)
                self._json(HTTPStatus.OK, {"query": query, "hits": [asdict(h) for h in hits]})
            else:
                self._error(HTTPStatus.NOT_FOUND, f"no such address: {path}")
        except BaltmetError as exc:
            self._error(HTTPStatus.CONFLICT, str(exc))

    do_HEAD = do_GET

    # ---- POST ---------------------------------------------------------------------------------

    def do_POST(self) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"send a JSON body of at most {MAX_BODY} bytes")
            self.close_connection = True
            return
        raw_body = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw_body.decode("utf-8")) if raw_body.strip() else {}
        except (UnicodeDecodeError, ValueError):
            body = None
        body_token = body.get("token") if isinstance(body, dict) and isinstance(body.get("token"), str) else None
        if not self._allowed(body_token):
            self._forbidden()
            return
        if not isinstance(body, dict) or not self.headers.get("Content-Type", "").startswith("application/json"):
            self._error(HTTPStatus.BAD_REQUEST, "send a JSON object (Content-Type: application/json)")
            return
        path = urlsplit(self.path).path
        state = self.server.state
        try:
            if path == "/api/decisions":
                fields = {k: body.get(k, "") for k in ("raw", "decision", "target", "note")}
                if not all(isinstance(v, str) for v in fields.values()):
                    self._error(HTTPStatus.BAD_REQUEST, "raw, decision, target and note are strings")
                    return
                result = state.decide(fields["raw"], fields["decision"], fields["target"], fields["note"])
                self._json(HTTPStatus.OK, result)
            elif path == "/api/apply":
                self._json(HTTPStatus.OK, state.apply())
            else:
                self._error(HTTPStatus.NOT_FOUND, f"no such address: {path}")
        except BaltmetError as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))
        except Exception as exc:  # the page shows it; the server keeps serving
            print(f"review: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, f"unexpected error: {type(exc).__name__}: {exc}")
