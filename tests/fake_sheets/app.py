"""One request, end to end: log it, apply staff edits, delay, fault or dispatch."""

from __future__ import annotations

import json
import sys
import threading
import traceback
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.fake_sheets import routes
from tests.fake_sheets.controller import Controller, RequestKind, classify
from tests.fake_sheets.errors import (
    ApiError,
    invalid_argument,
    quota_exceeded,
    server_error,
    service_disabled,
    unauthenticated,
)
from tests.fake_sheets.routes import HttpResponse
from tests.fake_sheets.state import DEFAULT_IDENTITY, Store

#: Token prefix of the fake credentials: ``fake:<identity>``.
TOKEN_PREFIX = "fake:"
#: Google's hard limit on a request body (users see it as a 400 above 10 MiB).
MAX_PAYLOAD = 10 * 1024 * 1024


class App:
    """The fake Google APIs behind the HTTP server."""

    def __init__(self, store: Store, controller: Controller, stopping: threading.Event) -> None:
        self.store = store
        self.controller = controller
        self.stopping = stopping

    def handle(self, method: str, target: str, headers: dict[str, str], raw: bytes) -> HttpResponse:
        """Answer one HTTP request (headers keys lower-case); a crash of the fake is a 500."""
        try:
            return self._handle(method, target, headers, raw)
        except Exception:
            message = "fake_sheets crashed:\n" + traceback.format_exc()
            sys.stderr.write(message)
            return _error(ApiError(500, "INTERNAL", message))

    def _handle(
        self, method: str, target: str, headers: dict[str, str], raw: bytes
    ) -> HttpResponse:
        split = urlsplit(target)
        query = parse_qs(split.query, keep_blank_values=True)
        body, body_error = _parse_body(raw) if len(raw) <= MAX_PAYLOAD else (None, too_large())
        api = "drive" if split.path.startswith("/drive/") else "sheets"
        admission = self.controller.admit(method, unquote(split.path), query, body, api)
        admission.record.size = len(raw)
        if admission.delay:
            self.stopping.wait(admission.delay)
        if admission.edits:
            with self.store.lock:
                for edit in admission.edits:
                    edit(self.store)
        kind = classify(method, split.path)
        if admission.fault is not None and not admission.process_anyway:
            response = _error(_fault(admission.fault, kind))
        else:
            response = self._dispatch(method, split.path, query, body, body_error, headers)
            if admission.fault is not None:
                response = _error(_fault(admission.fault, kind))
        self.controller.finish(admission.record, response.status)
        return response

    def _dispatch(
        self,
        method: str,
        path: str,
        query: dict[str, list[str]],
        body: Any,
        body_error: ApiError | None,
        headers: dict[str, str],
    ) -> HttpResponse:
        try:
            identity = self._identity(headers)
            found = routes.match(method, path)
            if found is None:
                raise ApiError(404, "NOT_FOUND", f"Method not found: {method} {path}")
            route, params = found
            if self.controller.api_disabled(route.api):
                raise service_disabled(route.api)
            if body_error is not None:
                raise body_error
            with self.store.lock:
                return route.run(self.store, identity, query, body, params)
        except ApiError as error:
            return _error(error)

    def _identity(self, headers: dict[str, str]) -> str:
        forced = self.controller.caller
        if forced is not None:
            return forced
        auth = headers.get("authorization", "")
        scheme, _, token = auth.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise unauthenticated()
        return token[len(TOKEN_PREFIX) :] if token.startswith(TOKEN_PREFIX) else DEFAULT_IDENTITY


def _parse_body(raw: bytes) -> tuple[Any, ApiError | None]:
    if not raw.strip():
        return None, None
    try:
        return json.loads(raw.decode("utf-8")), None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, invalid_argument(f"Invalid JSON payload received. {exc}")


def too_large() -> ApiError:
    """400 for a body over `MAX_PAYLOAD`, worded as Google words it."""
    return invalid_argument(f"Request payload size exceeds the limit: {MAX_PAYLOAD} bytes.")


def _fault(status: int, kind: RequestKind) -> ApiError:
    if status == 429:
        return quota_exceeded(kind)
    if status >= 500:
        return server_error(status)
    return ApiError(status, "FAILED_PRECONDITION", "Injected fault.")


def _error(error: ApiError) -> HttpResponse:
    return HttpResponse(error.code, error.body())
