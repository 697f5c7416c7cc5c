"""Where the target comes from: the command line, NASTAVNIK_TARGET, nastavnik.toml, the default."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sync.errors import ConfigError

DEFAULT_TARGET = "nastavnichestvo.xlsx"
CONFIG_FILE = "nastavnik.toml"
ENV_TARGET = "NASTAVNIK_TARGET"


@dataclass(frozen=True)
class Setting:
    """A configuration value and where it came from (for messages and `nastavnik config`)."""

    value: str
    source: str


def load_toml(directory: Path) -> dict[str, object]:
    """nastavnik.toml in `directory`, or {} when absent; a broken file is a ConfigError."""
    path = directory / CONFIG_FILE
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
        raise ConfigError(
            f"Не удалось прочитать {path}: {error}", hint="Проверьте синтаксис TOML."
        ) from None


def resolve_target(given: str | None, directory: Path | None = None) -> Setting:
    """The workbook to use: argument, then NASTAVNIK_TARGET, then nastavnik.toml, then the default."""
    if given:
        return Setting(given, "командная строка")
    if env := os.environ.get(ENV_TARGET, "").strip():
        return Setting(env, f"переменная окружения {ENV_TARGET}")
    config = load_toml(directory or Path.cwd())
    target = config.get("target")
    if isinstance(target, str) and target.strip():
        return Setting(target.strip(), CONFIG_FILE)
    return Setting(DEFAULT_TARGET, "по умолчанию")
