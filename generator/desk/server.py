"""The desk's HTTP server: the page, Decap's files, the generated config and the API, on one origin.

Listens on 127.0.0.1 unless told otherwise. Every request must name the
desk itself as `Host` (a page on another site cannot reach it by DNS
rebinding) and, when it comes from a browser, as `Origin` (no other page can
make the browser call the API); API calls must also be JSON, which a plain
HTML form cannot send. Decap's files are served from `node_modules`, and the
page's Content-Security-Policy lets it load nothing from anywhere but the
desk (and frame nothing but the local preview site).
"""

from __future__ import annotations

import io
import json
import logging
import mimetypes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ruamel.yaml import YAML

from generator.desk.api import Api
from generator.desk.config import API, config
from generator.desk.store import Store
from generator.records.models import KINDS
from generator.records.addresses import PAGELESS
from generator.strings import DESK
from generator.templates import environment

log = logging.getLogger("safety365.desk")
PROJECT = Path(__file__).resolve().parents[2]
DECAP = PROJECT / "node_modules" / "decap-cms" / "dist"
"""Decap CMS as npm installed it (pinned in package-lock.json): the bundle and the chunks it loads."""
TEMPLATES = PROJECT / "theme" / "desk"
MAX_BODY = 40 << 20
"""A request body may carry one photo (base64) and a record; anything larger is refused unread."""


class Desk(ThreadingHTTPServer):
    """One desk: its store, its API and the addresses it answers to."""

    daemon_threads = True
    request_queue_size = 64  # the page loads Decap's chunks over many connections at once

    def __init__(self, address: tuple[str, int], store: Store, preview: str | None) -> None:
        super().__init__(address, _Handler)
        self.store = store
        self.api = Api(store, preview)
        self.preview = preview
        host, port = self.server_address[:2]
        names = {str(host), "127.0.0.1", "localhost"} if host in ("127.0.0.1", "localhost") else {str(host)}
        self.hosts = {f"{name}:{port}" for name in names}
        self.url = f"http://{host}:{port}/"

    def page(self) -> bytes:
        settings = {"preview": self.preview, "kinds": list(KINDS), "pageless": list(PAGELESS), "t": DESK}
        html = environment(TEMPLATES).get_template("index.html").render(t=DESK, settings=settings)
        return html.encode("utf-8")

    def config_yaml(self) -> bytes:
        catalog = self.store.archive.catalog  # None while a registry is broken: no names to choose from then
        yaml = YAML()  # round-trip dumper: keys stay in the order the config builds them
        yaml.allow_unicode = True
        yaml.width = 4096
        out = io.StringIO()
        yaml.dump(config(catalog.units if catalog else None, catalog.office if catalog else None, self.preview), out)
        return out.getvalue().encode("utf-8")

    def policy(self) -> str:
        frames = f" {_origin(self.preview)}" if self.preview else ""
        return (
            "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' blob: data:; media-src 'self' blob:; font-src 'self' data:; connect-src 'self'; "
            f"frame-src 'self' blob:{frames}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        )


class _Handler(BaseHTTPRequestHandler):
    server: Desk
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the desk reports saves, not every file it serves."""

    def do_GET(self) -> None:
        if not self._allowed():
            return
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            self._send(200, self.server.page(), "text/html; charset=utf-8")
        elif path == "/config.yml":
            self._send(200, self.server.config_yaml(), "text/yaml; charset=utf-8")
        elif path == "/desk.js":
            self._send(200, (TEMPLATES / "desk.js").read_bytes(), "text/javascript; charset=utf-8")
        elif path.startswith("/decap/"):
            self._static(path.removeprefix("/decap/"))
        elif path == "/favicon.ico":
            self._send(204, b"", "image/x-icon")
        else:
            self._send(404, b"not found", "text/plain; charset=utf-8")

    def do_POST(self) -> None:
        if not self._allowed():
            return
        if urlsplit(self.path).path != API:
            self._json(404, {"error": DESK["unknown_action"].format(action=self.path)})
            return
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            self._json(415, {"error": DESK["bad_request"].format(detail="Content-Type: application/json")})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._json(413, {"error": DESK["bad_request"].format(detail=f"> {MAX_BODY >> 20} MB")})
            self.close_connection = True
            return
        try:
            body = json.loads(self.rfile.read(length) or b"null")
        except ValueError as error:
            self._json(400, {"error": DESK["bad_request"].format(detail=error)})
            return
        try:
            self._json(*self.server.api.answer(body))
        except Exception:  # a bug, not the editor's doing: logged in full, answered in one line
            log.exception("desk: %s failed", body.get("action") if isinstance(body, dict) else body)
            self._json(500, {"error": DESK["internal_error"]})

    def _allowed(self) -> bool:
        """Only the desk's own address as Host, and as Origin when a browser sends one (403 otherwise)."""
        host = self.headers.get("Host", "")
        origin = self.headers.get("Origin")
        if host not in self.server.hosts:
            self._json(403, {"error": DESK["forbidden"].format(what=f"Host: {host}")})
            return False
        if origin is not None and (origin == "null" or urlsplit(origin).netloc not in self.server.hosts):
            self._json(403, {"error": DESK["forbidden"].format(what=f"Origin: {origin}")})
            return False
        return True

    def _static(self, relative: str) -> None:
        """A file of Decap's dist folder, and nothing outside it."""
        target = (DECAP / relative).resolve()
        if not target.is_relative_to(DECAP.resolve()) or not target.is_file():
            self._send(404, b"not found", "text/plain; charset=utf-8")
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self._send(200, target.read_bytes(), kind + ("; charset=utf-8" if kind.startswith("text/") or kind.endswith("javascript") else ""), cache=True)

    def _json(self, status: int, body: Any) -> None:
        self._send(status, json.dumps(body, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _send(self, status: int, body: bytes, kind: str, *, cache: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=86400" if cache else "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy", self.server.policy())
        self.end_headers()
        self.wfile.write(body)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
