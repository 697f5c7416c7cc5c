"""Wiring gspread to the fake: a transport adapter, fake credentials, a client.

No gspread internals are patched: gspread 6 accepts a ``requests.Session``
(``gspread.Client(auth, session=...)``); the session mounts an adapter that
rewrites ``https://sheets.googleapis.com`` and ``https://www.googleapis.com``
to the fake's ``http://127.0.0.1:PORT``.
"""

from __future__ import annotations

from typing import Any

import gspread
from google.auth.credentials import Credentials
from google.auth.transport.requests import AuthorizedSession
from requests import PreparedRequest, Response
from requests.adapters import HTTPAdapter

from tests.fake_sheets.app import TOKEN_PREFIX
from tests.fake_sheets.state import DEFAULT_IDENTITY

GOOGLE_PREFIXES = ("https://sheets.googleapis.com", "https://www.googleapis.com")


class FakeGoogleAdapter(HTTPAdapter):
    """Sends requests for Google API hosts to the fake server instead."""

    def __init__(self, base_url: str) -> None:
        super().__init__()
        self.base_url = base_url.rstrip("/")

    def send(self, request: PreparedRequest, *args: Any, **kwargs: Any) -> Response:
        url = request.url or ""
        for prefix in GOOGLE_PREFIXES:
            if url.startswith(prefix):
                request = request.copy()
                request.url = self.base_url + url[len(prefix) :]
                break
        return super().send(request, *args, **kwargs)


class FakeCredentials(Credentials):
    """Credentials with a fixed bearer token ``fake:<identity>`` that never expires."""

    def __init__(self, identity: str = DEFAULT_IDENTITY) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.token = TOKEN_PREFIX + identity

    def refresh(self, request: Any) -> None:
        """Nothing to refresh: the token is fixed."""


def make_session(base_url: str, identity: str = DEFAULT_IDENTITY) -> AuthorizedSession:
    """An authorized requests session routed to the fake."""
    session = AuthorizedSession(FakeCredentials(identity))  # type: ignore[no-untyped-call]
    adapter = FakeGoogleAdapter(base_url)
    for prefix in GOOGLE_PREFIXES:
        session.mount(prefix, adapter)
    return session


def make_client(base_url: str, identity: str = DEFAULT_IDENTITY) -> gspread.Client:
    """A ``gspread.Client`` whose requests reach the fake."""
    session = make_session(base_url, identity)
    client: gspread.Client = gspread.Client(auth=session.credentials, session=session)
    return client
