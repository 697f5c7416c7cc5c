"""Logging for the jobs: everything to a rotating log file, and to stderr from a chosen level.

stderr defaults to warnings and errors when it is not a terminal, so cron (which mails any
output) writes only when there is real trouble; at a terminal it shows everything. systemd
units pass `--stderr-level info` so the journal holds the whole story.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TextIO

from nastavnik.sheets_schema.errors import ConfigError, os_reason

LOGGER = "nastavnik"
MAX_BYTES = 1_000_000  # about a year of nightly runs per file
BACKUPS = 5
STDERR_LEVELS = {"info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}
LEVEL_NAMES = {
    logging.DEBUG: "отладка",
    logging.INFO: "инфо",
    logging.WARNING: "внимание",
    logging.ERROR: "ошибка",
    logging.CRITICAL: "сбой",
}
STDERR_PREFIX = {
    logging.WARNING: "Внимание: ",
    logging.ERROR: "Ошибка: ",
    logging.CRITICAL: "Ошибка: ",
}


class FileFormatter(logging.Formatter):
    """«2025-11-20 02:00:01 +0300 [1234] инфо: …», tracebacks included."""

    def __init__(self) -> None:
        super().__init__(
            "%(asctime)s [%(process)d] %(levelname_ru)s: %(message)s", "%Y-%m-%d %H:%M:%S %z"
        )

    def format(self, record: logging.LogRecord) -> str:
        """Add the Russian level name."""
        record.levelname_ru = LEVEL_NAMES.get(record.levelno, record.levelname)
        return super().format(record)


class StderrFormatter(logging.Formatter):
    """Just the message, with «Внимание:» / «Ошибка:» in front; tracebacks only when asked."""

    def __init__(self, tracebacks: bool) -> None:
        super().__init__("%(message)s")
        self.tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        """The prefixed message (and the traceback with --verbose)."""
        text = STDERR_PREFIX.get(record.levelno, "") + record.getMessage()
        if self.tracebacks and record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text


def default_stderr_level(stream: TextIO | None = None) -> int:
    """INFO at a terminal, WARNING otherwise (cron, systemd without the option)."""
    stream = stream or sys.stderr
    try:
        return logging.INFO if stream.isatty() else logging.WARNING
    except (AttributeError, ValueError):
        return logging.WARNING


@contextmanager
def job_logging(
    log_file: Path, stderr_level: int, *, tracebacks: bool = False
) -> Iterator[logging.Logger]:
    """The «nastavnik» logger writing to `log_file` and stderr inside the block; closed after."""
    file_handler = _file_handler(log_file)
    file_handler.setFormatter(FileFormatter())
    stderr_handler = logging.StreamHandler(sys.stderr)
    stderr_handler.setLevel(stderr_level)
    stderr_handler.setFormatter(StderrFormatter(tracebacks))
    logger = logging.getLogger(LOGGER)
    saved = logger.level, logger.propagate
    logger.setLevel(logging.INFO)
    logger.propagate = False
    for handler in (file_handler, stderr_handler):
        logger.addHandler(handler)
    try:
        yield logger
    finally:
        for handler in (file_handler, stderr_handler):
            logger.removeHandler(handler)
            handler.close()
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


def _file_handler(log_file: Path) -> RotatingFileHandler:
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        return RotatingFileHandler(
            log_file, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as error:
        raise ConfigError(
            f"Не удалось открыть файл журнала «{log_file}»: {os_reason(error)}.",
            hint="Укажите другой путь: --log ФАЙЛ или переменная NASTAVNIK_LOG_FILE.",
        ) from error
