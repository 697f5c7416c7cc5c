"""Targets, credentials and access errors of the Google backend: clear Russian errors, exit 2.

The key's contents never appear in a message: broken keys here carry a marker that every
test checks is absent from the error text.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from google.auth.credentials import Credentials
from google.auth.exceptions import DefaultCredentialsError

from nastavnik.sheets_schema.errors import ConfigError, NastavnikError, WorkbookError
from nastavnik.sync.backends import is_google_target, open_workbook
from nastavnik.sync.backends.google.auth import (
    ENV_VAR,
    KeyFilePermissionWarning,
    load_credentials,
    spreadsheet_id,
)
from nastavnik.sync.backends.google.backend import GoogleWorkbook
from nastavnik.sync.backends.google.http import RateLimiter, RetryPolicy, SheetsApi
from tests import factories as f
from tests.backend_harnesses import VirtualTime, create_google_book, google_workbook
from tests.engine_contract import grids_of
from tests.fake_sheets import DEFAULT_IDENTITY, FakeGoogleAdapter, FakeServer
from tests.paths import REPO

BOOK_ID = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd"
SECRET = "SECRET-MARKER-42"
ACCOUNT = "nastavnik@school-project.iam.gserviceaccount.com"


@cache
def _private_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return pem.decode()


def _key(**overrides: Any) -> dict[str, Any]:
    key = json.loads(REPO.joinpath("credentials.example.json").read_text())
    key.update({"private_key": _private_key(), "client_email": ACCOUNT}, **overrides)
    return dict(key)


def _write(tmp_path: Path, content: str | bytes, name: str = "key.json", mode: int = 0o600) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    path.chmod(mode)
    return path


@pytest.fixture(autouse=True)
def _no_ambient_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)
    yield


def _no_adc(**_: Any) -> tuple[Credentials, str | None]:
    raise DefaultCredentialsError("none")  # type: ignore[no-untyped-call]


def _refused(path: Path | None, **kwargs: Any) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_credentials(path, default=_no_adc, **kwargs)
    error = caught.value
    assert isinstance(error, NastavnikError) and error.exit_code == 2
    assert SECRET not in str(error) and SECRET not in str(error.__cause__)
    return error


# --- targets -----------------------------------------------------------------------------


def test_urls_and_ids_are_google_targets() -> None:
    url = f"https://docs.google.com/spreadsheets/d/{BOOK_ID}/edit#gid=0"
    assert is_google_target(url) and is_google_target(BOOK_ID)
    assert not is_google_target("реестр.xlsx")
    assert spreadsheet_id(url) == BOOK_ID == spreadsheet_id(f"  {BOOK_ID} ")
    with pytest.raises(ConfigError, match="не ссылка"):
        spreadsheet_id("https://docs.google.com/spreadsheets/u/0/")


def test_open_workbook_builds_the_google_backend_without_a_request(tmp_path: Path) -> None:
    path = _write(tmp_path, json.dumps(_key()))
    workbook = open_workbook(
        f"https://docs.google.com/spreadsheets/d/{BOOK_ID}/edit", credentials=str(path)
    )
    assert isinstance(workbook, GoogleWorkbook)
    assert workbook.name == BOOK_ID and workbook.api.account == ACCOUNT


# --- where the key comes from -----------------------------------------------------------


def test_explicit_key_is_used(tmp_path: Path) -> None:
    auth = load_credentials(_write(tmp_path, json.dumps(_key())), default=_no_adc)
    assert auth.account == ACCOUNT
    assert set(auth.credentials.scopes or ()) == {  # type: ignore[attr-defined]
        "https://www.googleapis.com/auth/spreadsheets"
    }


def test_environment_variable_then_local_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = _key(client_email="env@p.iam.gserviceaccount.com")
    monkeypatch.setenv(ENV_VAR, str(_write(tmp_path, json.dumps(other), "env.json")))
    _write(tmp_path, json.dumps(_key()), "credentials.json")
    assert load_credentials(default=_no_adc).account == "env@p.iam.gserviceaccount.com"
    monkeypatch.delenv(ENV_VAR)
    assert load_credentials(default=_no_adc).account == ACCOUNT  # ./credentials.json


def test_application_default_credentials_come_last() -> None:
    class Adc(Credentials):
        service_account_email = "vm@p.iam.gserviceaccount.com"

        def refresh(self, request: Any) -> None:
            """Not needed here."""

    def loader(**kwargs: Any) -> tuple[Credentials, str | None]:
        assert kwargs["scopes"] == ["https://www.googleapis.com/auth/spreadsheets"]
        return Adc(), "p"  # type: ignore[no-untyped-call]

    assert load_credentials(default=loader).account == "vm@p.iam.gserviceaccount.com"


def test_no_key_anywhere() -> None:
    error = _refused(None)
    assert "Не найден ключ" in error.message and "credentials.json" in error.hint


def test_missing_key_file(tmp_path: Path) -> None:
    error = _refused(tmp_path / "нет.json")
    assert "не найден" in error.message and "нет.json" in error.message


def test_environment_variable_naming_a_missing_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "gone.json"))
    assert ENV_VAR in _refused(None).message


def test_a_directory_is_not_a_key(tmp_path: Path) -> None:
    assert "папка" in _refused(tmp_path).message


def test_unreadable_key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, json.dumps(_key()))

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    error = _refused(path)
    assert "Нет прав на чтение" in error.message and "chmod" in error.hint


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (f'{{"type": "service_account", "private_key": "{SECRET}"', "не JSON"),
        (b"\xff\xfe\x00binary" + SECRET.encode(), "не текстовый"),
        (f'["{SECRET}"]', "нет объекта"),
        (json.dumps({"type": "authorized_user", "refresh_token": SECRET}), "service_account"),
        (json.dumps({"installed": {"client_secret": SECRET}}), "OAuth-клиента"),
        (json.dumps({"type": "service_account", "private_key": SECRET}), "client_email"),
    ],
    ids=["not json", "binary", "array", "user login", "oauth client", "missing fields"],
)
def test_files_that_are_not_a_service_account_key(
    tmp_path: Path, content: str | bytes, expected: str
) -> None:
    error = _refused(_write(tmp_path, content))
    assert expected in str(error)


def test_a_key_with_a_broken_private_key(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    broken = _key(private_key=f"-----BEGIN PRIVATE KEY-----\n{SECRET}\n-----END PRIVATE KEY-----\n")
    with caplog.at_level("DEBUG"):
        error = _refused(_write(tmp_path, json.dumps(broken)))
    assert "повреждён" in error.message
    assert error.__cause__ is None and error.__suppress_context__  # no chained key text
    assert SECRET not in caplog.text


def test_warns_when_others_can_read_the_key(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    exposed = _write(tmp_path, json.dumps(_key()), mode=0o644)
    with pytest.warns(KeyFilePermissionWarning, match="chmod 600") as caught:
        load_credentials(exposed, default=_no_adc)
    assert SECRET not in str(caught[0].message) and _private_key()[40:80] not in str(
        caught[0].message
    )
    private = _write(tmp_path, json.dumps(_key()), "private.json", mode=0o600)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_credentials(private, default=_no_adc)


# --- access to the spreadsheet ------------------------------------------------------------


def _book(fake: FakeServer) -> tuple[str, GoogleWorkbook]:
    book_id = create_google_book(fake, grids_of(f.workbook()))
    return book_id, google_workbook(fake, book_id)


def test_spreadsheet_not_found(fake_sheets: FakeServer) -> None:
    workbook = google_workbook(fake_sheets, BOOK_ID)
    with pytest.raises(WorkbookError, match="не найдена") as caught:
        workbook.exists()
    assert "ссылку" in caught.value.hint and fake_sheets.controller.total == 1


def test_not_shared_names_the_account_to_share_with(fake_sheets: FakeServer) -> None:
    book_id, workbook = _book(fake_sheets)
    fake_sheets.controller.unshare(book_id)
    with pytest.raises(WorkbookError, match="нет доступа") as caught:
        workbook.read(["Педагоги"])
    assert DEFAULT_IDENTITY in caught.value.hint and "Редактор" in caught.value.hint
    assert fake_sheets.controller.total == 1  # not retried


def test_api_disabled_links_to_the_switch(fake_sheets: FakeServer) -> None:
    _, workbook = _book(fake_sheets)
    fake_sheets.controller.disable_api("sheets")
    with pytest.raises(ConfigError, match="не включён Google Sheets API") as caught:
        workbook.exists()
    assert "https://console.developers.google.com/apis/api/sheets.googleapis.com" in str(
        caught.value
    )


def test_a_rejected_token_is_a_key_error(fake_sheets: FakeServer) -> None:
    book_id, _ = _book(fake_sheets)
    session = requests.Session()  # no Authorization header at all
    session.mount("https://", FakeGoogleAdapter(fake_sheets.base_url))
    virtual = VirtualTime()
    api = SheetsApi(
        book_id,
        _no_credentials(),
        session=session,
        account=ACCOUNT,
        policy=RetryPolicy(sleep=virtual.sleep, clock=virtual.clock),
        limiter=RateLimiter(100, 60.0, sleep=virtual.sleep, clock=virtual.clock),
    )
    with pytest.raises(ConfigError, match="не принял ключ") as caught:
        GoogleWorkbook(api).exists()
    assert ACCOUNT in caught.value.message


def _no_credentials() -> Credentials:
    class Nothing(Credentials):
        def refresh(self, request: Any) -> None:
            """Never used: the session adds no token."""

    return Nothing()  # type: ignore[no-untyped-call]


def test_the_example_key_shows_every_field_with_fake_values(tmp_path: Path) -> None:
    example = REPO / "credentials.example.json"
    key = json.loads(example.read_text(encoding="utf-8"))
    assert key["type"] == "service_account"
    assert {"project_id", "private_key_id", "private_key", "client_email", "token_uri"} <= set(key)
    assert {"client_id", "auth_uri", "auth_provider_x509_cert_url", "client_x509_cert_url"} <= set(
        key
    )
    copy = _write(tmp_path, example.read_text(encoding="utf-8"))  # private: no warning
    assert "повреждён" in _refused(copy).message  # fake: it cannot sign anything
