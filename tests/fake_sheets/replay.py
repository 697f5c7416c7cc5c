"""Replay recorded Google exchanges (vcrpy JSON cassettes) against the fake.

Usage: ``python -m tests.fake_sheets.replay DIR``

Each cassette runs against a fresh fake server.  Ids Google assigned
(spreadsheet ids, sheetId, protectedRangeId, metadataId) are mapped to the
fake's the first time a response shows them, and substituted into later
request URLs and bodies.  Compared: the status code and the whole JSON
body except Google's defaults (defaultFormat, spreadsheetTheme,
spreadsheetUrl, Drive timestamps, editor e-mails); error bodies are
compared on ``code`` and ``status`` only.  Prints ``PASS``/``FAIL`` per
interaction and ``N passed, M failed`` last; exits 1 when anything failed.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import requests

from tests.fake_sheets.server import start_fake_server

ID_KEYS = frozenset({"sheetId", "protectedRangeId", "metadataId", "spreadsheetId", "id"})
IGNORED_KEYS = frozenset(
    {"defaultFormat", "spreadsheetTheme", "spreadsheetUrl", "createdTime", "modifiedTime"}
)
_HOSTS = ("https://sheets.googleapis.com", "https://www.googleapis.com")


@dataclass
class IdMap:
    """Recorded id -> fake id, learned from responses."""

    forward: dict[Any, Any] = field(default_factory=dict)

    def check(self, recorded: Any, fake: Any) -> bool:
        """True when ``fake`` is (or can become) the image of ``recorded``."""
        if recorded in self.forward:
            return bool(self.forward[recorded] == fake)
        if fake in self.forward.values():
            return False
        self.forward[recorded] = fake
        return True

    def substitute(self, value: Any) -> Any:
        """Replace recorded ids inside a request body."""
        if isinstance(value, dict):
            return {k: self._id_or(k, v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.substitute(item) for item in value]
        return value

    def _id_or(self, key: str, value: Any) -> Any:
        if key in ID_KEYS and not isinstance(value, (dict, list)):
            return self.forward.get(value, value)
        return self.substitute(value)

    def url(self, uri: str, base_url: str) -> str:
        """The recorded URI pointed at the fake, with ids replaced."""
        for host in _HOSTS:
            if uri.startswith(host):
                uri = base_url + uri[len(host) :]
        for recorded, fake in self.forward.items():
            if isinstance(recorded, str) and len(recorded) > 10:
                uri = uri.replace(recorded, str(fake))
        return uri


def normalized(value: Any) -> Any:
    """Drop fields that only describe Google's defaults or account details."""
    if isinstance(value, list):
        return [normalized(item) for item in value]
    if not isinstance(value, dict):
        return value
    out = {k: normalized(v) for k, v in value.items() if k not in IGNORED_KEYS}
    if isinstance(out.get("editors"), dict):
        out["editors"].pop("users", None)
    return out


def difference(expected: Any, actual: Any, ids: IdMap, path: str = "") -> str | None:
    """The first difference between two JSON values (ids compared via ``ids``)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        return _dict_difference(expected, actual, ids, path)
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return f"{path}: {len(actual)} items instead of {len(expected)}"
        for index, (exp, act) in enumerate(zip(expected, actual, strict=True)):
            found = difference(exp, act, ids, f"{path}[{index}]")
            if found:
                return found
        return None
    same_type = isinstance(expected, bool) == isinstance(actual, bool)
    if same_type and type(expected) in (int, float) and type(actual) in (int, float):
        return None if expected == actual else f"{path}: {actual!r} instead of {expected!r}"
    if same_type and type(expected) is type(actual) and expected == actual:
        return None
    return f"{path}: {_short(actual)} instead of {_short(expected)}"


def _dict_difference(expected: Any, actual: Any, ids: IdMap, path: str) -> str | None:
    for key in sorted(expected.keys() | actual.keys()):
        where = f"{path}.{key}" if path else key
        if key not in actual:
            return f"{where}: missing"
        if key not in expected:
            return f"{where}: unexpected {_short(actual[key])}"
        if key in ID_KEYS and not isinstance(expected[key], (dict, list)):
            if not ids.check(expected[key], actual[key]):
                return f"{where}: id {actual[key]!r} does not map from {expected[key]!r}"
            continue
        found = difference(expected[key], actual[key], ids, where)
        if found:
            return found
    return None


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) < 120 else text[:117] + "..."


def compare(recorded: Any, response: requests.Response, ids: IdMap) -> str | None:
    """Why ``response`` differs from the recorded one, or ``None``."""
    status = int(recorded["status"]["code"])
    text = recorded["body"]["string"] or ""
    if response.status_code != status:
        return f"status {response.status_code} instead of {status}: {response.text[:200]}"
    if not text.strip():
        return None if not response.content.strip() else "unexpected body"
    expected, actual = json.loads(text), response.json()
    if status >= 400:
        expected = {k: expected["error"].get(k) for k in ("code", "status")}
        actual = {k: actual.get("error", {}).get(k) for k in ("code", "status")}
    return difference(normalized(expected), normalized(actual), ids)


def replay_file(path: Path) -> list[tuple[str, str | None]]:
    """Replay one cassette; returns (label, failure reason or None) per interaction."""
    cassette = json.loads(path.read_text(encoding="utf-8"))
    results: list[tuple[str, str | None]] = []
    server = start_fake_server(seed=0)
    ids = IdMap()
    try:
        with requests.Session() as session:
            for index, interaction in enumerate(cassette["interactions"]):
                request = interaction["request"]
                label = f"{path.name}#{index} {request['method']} {_path(request['uri'])}"
                try:
                    response = _send(session, request, server.base_url, ids)
                    results.append((label, compare(interaction["response"], response, ids)))
                except (requests.RequestException, ValueError) as exc:
                    results.append((label, f"{type(exc).__name__}: {exc}"))
    finally:
        server.stop()
    return results


def _path(uri: str) -> str:
    return unquote(urlsplit(uri).path)


def _send(session: requests.Session, request: Any, base_url: str, ids: IdMap) -> requests.Response:
    headers = {"Authorization": "Bearer replay-token"}
    data: bytes | None = None
    raw = request.get("body")
    if raw:
        try:
            data = json.dumps(ids.substitute(json.loads(raw))).encode()
        except json.JSONDecodeError:
            data = raw.encode() if isinstance(raw, str) else raw
        headers["Content-Type"] = "application/json"
    url = ids.url(request["uri"], base_url)
    return session.request(request["method"], url, data=data, headers=headers, timeout=30)


def main(argv: list[str]) -> int:
    """Replay every ``*.json`` cassette in the directory ``argv[0]``."""
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python -m tests.fake_sheets.replay DIR", file=sys.stderr)
        return 2
    passed = failed = 0
    for path in sorted(Path(argv[0]).glob("*.json")):
        for label, reason in replay_file(path):
            if reason is None:
                passed += 1
                print(f"PASS {label}")
            else:
                failed += 1
                print(f"FAIL {label}: {reason}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
