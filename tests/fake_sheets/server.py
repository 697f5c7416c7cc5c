"""The HTTP server (stdlib ThreadingHTTPServer on 127.0.0.1, random port).

``start_fake_server()`` works without pytest (benchmarks); ``FakeServer.stop()``
shuts it down.  Answers are JSON with Content-Length over HTTP/1.1 keep-alive.
"""

from __future__ import annotations

import json
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import TYPE_CHECKING

from tests.fake_sheets.app import App
from tests.fake_sheets.controller import Controller
from tests.fake_sheets.state import DEFAULT_IDENTITY, Store

if TYPE_CHECKING:
    import gspread
    import requests


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    app: App


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_PATCH(self) -> None:
        self._serve("PATCH")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        headers = {key.lower(): value for key, value in self.headers.items()}
        response = self.server.app.handle(method, self.path, headers, raw)
        payload = b"" if response.body is None else json.dumps(response.body).encode()
        head = [
            f"{self.protocol_version} {response.status} {HTTPStatus(response.status).phrase}",
            "Server: fake-sheets",
            f"Date: {self.date_time_string()}",
            f"Content-Length: {len(payload)}",
        ]
        if response.body is not None:
            head.append("Content-Type: application/json; charset=UTF-8")
        try:
            # One write: headers and body in one segment (no Nagle/delayed-ACK stall).
            self.wfile.write("\r\n".join([*head, "", ""]).encode("latin-1") + payload)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


class FakeServer:
    """A running fake: ``base_url``, ``controller``, ``client()``, ``stop()``."""

    def __init__(self, seed: int | None = None) -> None:
        self.store = Store(seed)
        self.controller = Controller(self.store)
        self._stopping = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.app = App(self.store, self.controller, self._stopping)
        host, port = self._httpd.server_address[:2]
        self.base_url = f"http://{host!s}:{port}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, args=(0.01,), name="fake-sheets", daemon=True
        )
        self._thread.start()

    def session(self, identity: str = DEFAULT_IDENTITY) -> requests.Session:
        """A requests session that sends Google URLs to this server."""
        from tests.fake_sheets.client import make_session

        return make_session(self.base_url, identity)

    def client(self, identity: str = DEFAULT_IDENTITY) -> gspread.Client:
        """A ``gspread.Client`` talking to this server as ``identity``."""
        from tests.fake_sheets.client import make_client

        return make_client(self.base_url, identity)

    def stop(self) -> None:
        """Stop serving; sleeping (delayed) requests are released."""
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def start_fake_server(seed: int | None = None) -> FakeServer:
    """Start a fake Sheets/Drive server in a background thread."""
    return FakeServer(seed)
