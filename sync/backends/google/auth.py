"""Google targets and credentials: which spreadsheet, and who we are when we open it.

Credentials are looked for in this order: the `credentials` argument (``--credentials``),
the file named by ``GOOGLE_APPLICATION_CREDENTIALS``, ``./credentials.json``, and last
Google's application default credentials (``gcloud auth application-default login``, or
the machine's own account on Google Cloud). The only scope asked for is spreadsheets.

A key file's contents are never printed or logged: messages name the file, the field
that is missing or the line where JSON breaks, never a value from the file. A key file
other users of the computer can read triggers a `KeyFilePermissionWarning`.
"""

from __future__ import annotations

import json
import os
import re
import stat
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import google.auth
from google.auth.credentials import Credentials
from google.auth.exceptions import DefaultCredentialsError, GoogleAuthError
from google.oauth2 import service_account

from nastavnik.sheets_schema.errors import ConfigError, os_reason

SCOPES = ("https://www.googleapis.com/auth/spreadsheets",)
ENV_VAR = "GOOGLE_APPLICATION_CREDENTIALS"
DEFAULT_KEY_FILE = "credentials.json"
KEY_FIELDS = ("type", "project_id", "private_key_id", "private_key", "client_email", "token_uri")
MAX_KEY_BYTES = 64 * 1024  # a real key is about 2.3 KB
_URL_ID = re.compile(r"/spreadsheets/d/([A-Za-z0-9_-]{20,})")
_BARE_ID = re.compile(r"^[A-Za-z0-9_-]{30,}$")
_OTHER_ADC_TYPES = ("authorized_user", "external_account", "impersonated_service_account")
KEY_HINT = (
    "Создайте ключ сервисного аккаунта (Google Cloud → IAM → Сервисные аккаунты → Ключи → "
    "JSON) и укажите его: --credentials ПУТЬ, переменная GOOGLE_APPLICATION_CREDENTIALS "
    "или файл credentials.json в текущей папке. Пошагово — в README, раздел «Google Таблицы»."
)

DefaultLoader = Callable[..., tuple[Credentials, str | None]]


class KeyFilePermissionWarning(UserWarning):
    """The key file can be read by other users of this computer."""


@dataclass(frozen=True)
class GoogleAuth:
    """Credentials ready for requests, and how to name them to a person."""

    credentials: Credentials
    account: str  # the service account's e-mail ("" when unknown, e.g. a user login)
    source: str  # the key file, or "учётные данные по умолчанию"


def is_google_target(target: str) -> bool:
    """True for a docs.google.com spreadsheet URL or a bare spreadsheet id."""
    return "docs.google.com/spreadsheets" in target or bool(_BARE_ID.match(target.strip()))


def spreadsheet_id(target: str) -> str:
    """The spreadsheet id in a Google Sheets URL, or the bare id itself."""
    text = target.strip()
    found = _URL_ID.search(text)
    if found:
        return found.group(1)
    if _BARE_ID.match(text):
        return text
    raise ConfigError(
        f"«{target}» — не ссылка на Google Таблицу.",
        hint="Скопируйте ссылку из адресной строки браузера: "
        "https://docs.google.com/spreadsheets/d/…/edit",
    )


def load_credentials(
    path: str | os.PathLike[str] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    default: DefaultLoader | None = None,
) -> GoogleAuth:
    """Credentials from the first source that is there (see the module docstring).

    A source that is named but broken (a missing file, not JSON, not a key) is an error:
    nastavnik never falls back silently to another account.
    """
    env = os.environ if environ is None else environ
    if path is not None:
        return key_file_auth(Path(path), "--credentials")
    if env.get(ENV_VAR):
        return key_file_auth(Path(env[ENV_VAR]), ENV_VAR)
    local = (cwd or Path.cwd()) / DEFAULT_KEY_FILE
    if local.exists():
        return key_file_auth(local, DEFAULT_KEY_FILE)
    return default_auth(default or google.auth.default)


def default_auth(loader: DefaultLoader) -> GoogleAuth:
    """Application default credentials, or a clear error when there are none."""
    try:
        credentials, _project = loader(scopes=list(SCOPES))
    except DefaultCredentialsError as error:
        raise ConfigError(
            "Не найден ключ сервисного аккаунта Google для доступа к таблице.", hint=KEY_HINT
        ) from error
    account = str(getattr(credentials, "service_account_email", "") or "")
    return GoogleAuth(
        credentials, "" if account == "default" else account, "учётные данные по умолчанию"
    )


def key_file_auth(path: Path, origin: str) -> GoogleAuth:
    """Credentials from a key file, after checking it is one; warns when others can read it."""
    info = read_key_file(path, origin)
    kind = info.get("type")
    if kind in _OTHER_ADC_TYPES and origin == ENV_VAR:
        return _other_adc_file(path)
    check_service_account(path, info)
    warn_if_exposed(path)
    try:
        credentials = service_account.Credentials.from_service_account_info(  # type: ignore[no-untyped-call]
            info, scopes=list(SCOPES)
        )
    except (ValueError, GoogleAuthError):
        raise ConfigError(
            f"Ключ «{path}» повреждён: закрытый ключ в нём не читается.",
            hint="Скачайте новый ключ JSON для сервисного аккаунта и укажите его.",
        ) from None  # the cause may quote the key: never chain it
    return GoogleAuth(credentials, str(info["client_email"]), str(path))


def read_key_file(path: Path, origin: str) -> dict[str, Any]:
    """The key file as a JSON object; Russian errors for every way it can be wrong."""
    where = f"«{path}»" if origin != ENV_VAR else f"«{path}» (из {ENV_VAR})"
    try:
        if path.stat().st_size > MAX_KEY_BYTES:
            raise _not_a_key(path, "файл слишком большой для ключа")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"Файл ключа {where} не найден.", hint=KEY_HINT) from None
    except IsADirectoryError:
        raise ConfigError(f"{where} — папка, а не файл ключа.", hint=KEY_HINT) from None
    except PermissionError:
        raise ConfigError(
            f"Нет прав на чтение файла ключа {where}.",
            hint="Запускайте nastavnik от пользователя-владельца ключа или исправьте права: "
            f"chmod 600 {path}",
        ) from None
    except OSError as error:
        raise ConfigError(f"Не удалось прочитать файл ключа {where}: {os_reason(error)}.") from None
    return _parse_key(path, raw)


def _parse_key(path: Path, raw: bytes) -> dict[str, Any]:
    try:
        info = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _not_a_key(path, "это не текстовый файл JSON") from None
    except json.JSONDecodeError as error:
        raise _not_a_key(path, f"это не JSON (ошибка в строке {error.lineno})") from None
    if not isinstance(info, dict):
        raise _not_a_key(path, "в файле JSON нет объекта с полями ключа")
    return info


def check_service_account(path: Path, info: Mapping[str, Any]) -> None:
    """Refuse JSON that is not a service-account key (naming fields, never their values)."""
    kind = info.get("type")
    if kind in ("installed", "web") or "installed" in info or "web" in info:
        raise ConfigError(
            f"Файл «{path}» — ключ OAuth-клиента, а нужен ключ сервисного аккаунта.",
            hint=KEY_HINT,
        )
    if kind != "service_account":
        raise _not_a_key(path, "поле type должно быть «service_account»")
    missing = [name for name in KEY_FIELDS if not str(info.get(name) or "").strip()]
    if missing:
        raise _not_a_key(path, "не хватает полей: " + ", ".join(missing))


def warn_if_exposed(path: Path) -> None:
    """Warn (not fail) when group or others may read the key file (POSIX only)."""
    if os.name != "posix":
        return
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return
    if mode & (stat.S_IRGRP | stat.S_IROTH):
        warnings.warn(
            f"Файл ключа «{path}» могут читать другие пользователи компьютера "
            f"(права {mode:o}). Ограничьте доступ: chmod 600 {path}",
            KeyFilePermissionWarning,
            stacklevel=3,
        )


def _other_adc_file(path: Path) -> GoogleAuth:
    """A user login or workload-identity file named by GOOGLE_APPLICATION_CREDENTIALS."""
    try:
        credentials, _project = google.auth.load_credentials_from_file(  # type: ignore[no-untyped-call]
            str(path), scopes=list(SCOPES)
        )
    except (DefaultCredentialsError, ValueError):
        raise _not_a_key(path, "учётные данные в нём не читаются") from None
    warn_if_exposed(path)
    return GoogleAuth(credentials, "", str(path))


def _not_a_key(path: Path, detail: str) -> ConfigError:
    return ConfigError(
        f"Файл «{path}» — не ключ сервисного аккаунта Google ({detail}).", hint=KEY_HINT
    )
