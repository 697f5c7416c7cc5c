"""HTTP to the Sheets API: our retry policy, a request-rate limit and Russian errors.

gspread is the HTTP client (``gspread.Client(auth, session=...)``; we call its
``http_client`` directly), but not its ``BackOffHTTPClient``: that one retries forever
on a persistent failure and has no jitter. Here:

- 429, 500, 502, 503, 504 and connection errors are retried with exponential backoff
  and full jitter, within a total budget per request (120 s by default), then fail with
  `ConnectionFailed`;
- every request has a timeout (connect, read);
- a request that is not safe to repeat (it adds sheets, rules or protections) is sent
  again only when Google cannot have applied it: a 429 answer, or a connection that
  failed before the request left. When the answer to such a request is lost, the caller
  gets `ConcurrentEdit`, and the engine re-reads the spreadsheet and plans again;
- a process-wide limiter keeps each account under 60 requests a minute (Google's quota
  per user), which matters when one run syncs several spreadsheets;
- bodies are compact UTF-8 JSON (`encode_body`): gspread hands ``json=`` to requests,
  which escapes every Cyrillic letter as a six-byte ``u`` escape (UTF-8 needs two) and adds
  spaces, so a Russian registry's body came out about twice its size. Google's limit
  is on bytes (10 MiB hard, 2 MB recommended), so the bytes are what we count.

Sleep and clock are injectable, so tests never wait for real.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import gspread
import requests
from google.auth.credentials import Credentials
from google.auth.exceptions import RefreshError, TransportError
from google.auth.transport.requests import AuthorizedSession
from gspread.exceptions import APIError
from requests.adapters import HTTPAdapter

from nastavnik.sheets_schema.errors import ConnectionFailed, WorkbookError
from nastavnik.sync.backends.google.messages import (
    answer_lost,
    api_disabled,
    key_rejected,
    not_shared,
)

Json = dict[str, Any]
SHEETS_URL = "https://sheets.googleapis.com/v4/spreadsheets"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
NETWORK_ERRORS = (requests.ConnectionError, requests.Timeout, TransportError)
LIMIT_PER_MINUTE = 55  # Google allows 60 read and 60 write requests a minute per user
JSON_HEADERS = {"Content-Type": "application/json; charset=utf-8"}
BodySource = Json | Callable[[], Json]  # a callable is rendered again for every attempt


@dataclass
class RetryPolicy:
    """How long and how often to retry, and how to wait (injectable for tests)."""

    budget: float = 120.0  # seconds from the first attempt of a request to giving up
    base: float = 1.0
    cap: float = 32.0
    connect_timeout: float = 10.0
    read_timeout: float = 120.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    rng: random.Random = field(default_factory=random.Random)

    def backoff(self, attempt: int, retry_after: float = 0.0) -> float:
        """Full jitter: uniform in [0, min(cap, base·2^attempt)], at least Retry-After."""
        return max(self.rng.uniform(0.0, min(self.cap, self.base * 2**attempt)), retry_after)


class RateLimiter:
    """At most `limit` requests in any `window` seconds (a sliding window)."""

    def __init__(
        self,
        limit: int = LIMIT_PER_MINUTE,
        window: float = 60.0,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit, self.window = limit, window
        self.sleep, self.clock = sleep, clock
        self._sent: deque[float] = deque()
        self._lock = threading.Lock()

    def acquire(self) -> None:
        """Wait until one more request fits in the window, then count it."""
        with self._lock:
            while True:
                now = self.clock()
                while self._sent and now - self._sent[0] >= self.window:
                    self._sent.popleft()
                if len(self._sent) < self.limit:
                    self._sent.append(now)
                    return
                self.sleep(self.window - (now - self._sent[0]))


_LIMITERS: dict[str, RateLimiter] = {}
_LIMITERS_LOCK = threading.Lock()


def limiter_for(account: str) -> RateLimiter:
    """The process-wide limiter of one account (all its spreadsheets share it)."""
    with _LIMITERS_LOCK:
        return _LIMITERS.setdefault(account, RateLimiter())


class RequestRejected(WorkbookError):
    """Google refused a request as invalid (400); `reason` is Google's own message."""

    def __init__(self, message: str, *, reason: str, hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.reason = reason


def authorized_session(credentials: Credentials, policy: RetryPolicy) -> AuthorizedSession:
    """A requests session that adds the token; transport-level retries are off (ours rule)."""
    session = AuthorizedSession(credentials, refresh_timeout=policy.read_timeout)  # type: ignore[no-untyped-call]
    adapter = HTTPAdapter(pool_connections=2, pool_maxsize=4, max_retries=0)
    session.mount("https://", adapter)
    return session


class SheetsApi:
    """The Sheets v4 calls nastavnik makes, for one spreadsheet, with retries and errors."""

    def __init__(
        self,
        spreadsheet_id: str,
        credentials: Credentials,
        *,
        session: requests.Session | None = None,
        account: str = "",
        policy: RetryPolicy | None = None,
        limiter: RateLimiter | None = None,
    ) -> None:
        self.spreadsheet_id = spreadsheet_id
        self.account = account
        self.policy = policy or RetryPolicy()
        self.limiter = limiter or limiter_for(account)
        client = gspread.Client(
            auth=credentials, session=session or authorized_session(credentials, self.policy)
        )
        self.http = client.http_client
        self.http.set_timeout((self.policy.connect_timeout, self.policy.read_timeout))
        self.requests_sent = 0  # HTTP requests sent, retries included
        self.largest_body = 0  # bytes of the largest request body sent

    @property
    def url(self) -> str:
        """The spreadsheet's API address."""
        return f"{SHEETS_URL}/{self.spreadsheet_id}"

    def metadata(self, fields: str) -> Json:
        """spreadsheets.get without grid data, only `fields`."""
        params = {"fields": fields, "includeGridData": "false"}
        return self._call("get", self.url, params=params)

    def grid(self, ranges: Sequence[str], fields: str) -> Json:
        """spreadsheets.get of the grid data in `ranges`, only `fields`."""
        params = {"ranges": list(ranges), "fields": fields, "includeGridData": "true"}
        return self._call("get", self.url, params=params)

    def batch_get(self, ranges: Sequence[str]) -> list[Json]:
        """values.batchGet of `ranges`, raw values, dates as serial numbers."""
        params = {
            "ranges": list(ranges),
            "valueRenderOption": "UNFORMATTED_VALUE",
            "dateTimeRenderOption": "SERIAL_NUMBER",
            "majorDimension": "ROWS",
        }
        found: list[Json] = self._call("get", self.url + "/values:batchGet", params=params).get(
            "valueRanges", []
        )
        return found

    def batch_update(
        self,
        requests_: Sequence[Json] | Callable[[], Sequence[Json]],
        *,
        repeat_safe: bool,
        read_back: Sequence[str] = (),
        fields: str = "",
    ) -> Json:
        """spreadsheets.batchUpdate (atomic: all requests apply, or none).

        `requests_` may be a callable: it is called for every attempt, so a body can say
        how many requests the run has sent, this one and its retries included.
        `read_back`: A1 ranges whose grid data (row metadata included) the answer carries,
        as they stand right after the batch; `fields` masks the answer.
        """

        def body() -> Json:
            found = requests_() if callable(requests_) else requests_
            out: Json = {"requests": list(found), "includeSpreadsheetInResponse": bool(read_back)}
            if read_back:
                out.update(responseRanges=list(read_back), responseIncludeGridData=True)
            return out

        params = {"fields": fields} if fields else None
        url = self.url + ":batchUpdate"
        return self._call("post", url, params=params, body=body, repeat_safe=repeat_safe)

    def values_by_filter(self, data: Sequence[Json] | Callable[[], Sequence[Json]]) -> Json:
        """values.batchUpdateByDataFilter, RAW: each range lands where its filter points now.

        Repeat-safe: writing the same values to the same anchored rows twice changes nothing.
        """

        def body() -> Json:
            found = data() if callable(data) else data
            return {"valueInputOption": "RAW", "data": list(found)}

        url = self.url + "/values:batchUpdateByDataFilter"
        return self._call("post", url, body=body, repeat_safe=True)

    def _call(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        body: BodySource | None = None,
        repeat_safe: bool = True,
    ) -> Json:
        started = self.policy.clock()
        attempt = 0
        while True:
            self.limiter.acquire()
            self.requests_sent += 1
            data = None if body is None else encode_body(body() if callable(body) else body)
            self.largest_body = max(self.largest_body, len(data or b""))
            headers = dict(JSON_HEADERS) if data is not None else None
            try:
                response = self.http.request(
                    method, url, params=dict(params or {}), data=data, headers=headers
                )
                answer: Json = response.json() if response.content else {}
                return answer
            except APIError as error:
                status, retry_after = _status(error), _retry_after(error)
                if status not in RETRY_STATUSES:
                    raise self.translate(error) from None
                applied_maybe, failure = status != 429, _failure_of(error)
            except RefreshError as error:
                if not getattr(error, "retryable", False):
                    raise key_rejected(self.account) from None
                applied_maybe, failure, retry_after = False, "network", 0.0
            except NETWORK_ERRORS as error:
                applied_maybe, failure, retry_after = _maybe_sent(error), _network(error), 0.0
            if applied_maybe and not repeat_safe:
                raise answer_lost() from None
            delay = self.policy.backoff(attempt, retry_after)
            if self.policy.clock() - started + delay > self.policy.budget:
                raise self.gave_up(failure) from None
            self.policy.sleep(delay)
            attempt += 1

    def translate(self, error: APIError) -> Exception:
        """A Russian error for an answer that retrying cannot fix."""
        status, message = _status(error), str(error.error.get("message", ""))
        if status == 404:
            return WorkbookError(
                f"Google Таблица «{self.spreadsheet_id}» не найдена.",
                hint="Проверьте ссылку: откройте таблицу в браузере и скопируйте адрес целиком.",
            )
        if status == 403 and _service_disabled(error):
            return api_disabled(_activation_url(error))
        if status == 403:
            return not_shared(self.spreadsheet_id, self.account)
        if status == 401:
            return key_rejected(self.account)
        return RequestRejected(
            f"Google отклонил запрос к таблице ({status}): {message}",
            reason=message,
            hint="Это ошибка nastavnik, а не ваших данных; сообщите разработчикам.",
        )

    def gave_up(self, failure: str) -> ConnectionFailed:
        """The error after the retry budget is spent on `failure` (quota / server / network)."""
        budget = f"{self.policy.budget:g} с"
        if failure == "quota":
            return ConnectionFailed(
                f"Google ограничил число запросов (квота Sheets API исчерпана); за {budget} "
                "повторов лимит не освободился.",
                hint="Подождите пару минут и запустите снова. Если так постоянно — "
                "не запускайте одновременно много синхронизаций с одним ключом.",
            )
        if failure.startswith("server"):
            return ConnectionFailed(
                f"Сервис Google Таблиц отвечает ошибкой ({failure[7:]}) — повторяли {budget}.",
                hint="Это сбой на стороне Google; попробуйте позже. Данные в таблице не тронуты "
                "или записаны целиком — запись атомарна.",
            )
        return ConnectionFailed(
            f"Нет связи с Google Таблицами ({failure}) — повторяли {budget}.",
            hint="Проверьте подключение к интернету, прокси и брандмауэр "
            "(нужен доступ к sheets.googleapis.com и oauth2.googleapis.com).",
        )


def encode_body(body: Json) -> bytes:
    """A request body as Google reads it best: compact JSON, UTF-8, no NaN."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def _status(error: APIError) -> int:
    response = getattr(error, "response", None)
    code = getattr(response, "status_code", None)
    return int(code) if code is not None else int(error.code)


def _retry_after(error: APIError) -> float:
    value = error.response.headers.get("Retry-After", "") if error.response is not None else ""
    try:
        return min(max(float(value), 0.0), 60.0)
    except ValueError:
        return 0.0


def _failure_of(error: APIError) -> str:
    status = _status(error)
    return "quota" if status == 429 else f"server {status}"


def _details(error: APIError) -> list[Json]:
    details = error.error.get("details", [])
    return [d for d in details if isinstance(d, dict)] if isinstance(details, list) else []


def _service_disabled(error: APIError) -> bool:
    reasons = {str(d.get("reason", "")) for d in _details(error)}
    message = str(error.error.get("message", ""))
    return "SERVICE_DISABLED" in reasons or "has not been used in project" in message


def _activation_url(error: APIError) -> str:
    for detail in _details(error):
        for link in detail.get("links", []) or []:
            if isinstance(link, dict) and str(link.get("url", "")).startswith("https://"):
                return str(link["url"])
    return "https://console.cloud.google.com/apis/library/sheets.googleapis.com"


def _maybe_sent(error: BaseException) -> bool:
    """False only when the request surely never reached Google (connect failed / token)."""
    if isinstance(error, requests.ConnectTimeout | TransportError):
        return False
    if isinstance(error, requests.ConnectionError):
        text = repr(error.args[0] if error.args else error)
        return not any(
            mark in text for mark in ("NewConnectionError", "NameResolution", "Failed to resolve")
        )
    return True


def _network(error: BaseException) -> str:
    if isinstance(error, requests.Timeout):
        return "Google не ответил вовремя"
    if isinstance(error, TransportError):
        return "не удалось получить токен доступа"
    return "соединение не установлено или прервано"
