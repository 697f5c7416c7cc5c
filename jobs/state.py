"""Files the jobs keep next to the log: the run lock and the «sent today» record of digests.

Both are named after the workbook (its file name plus a short hash of its full path or id),
so two schools sharing one log directory never block each other or share a record.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from nastavnik.sheets_schema.errors import ConfigError
from nastavnik.sync.backends import is_google_target


@dataclass(frozen=True)
class JobPaths:
    """Where a job logs, locks and remembers what it sent."""

    log_file: Path
    lock: Path
    sent: Path


def job_paths(log_file: Path, target: str) -> JobPaths:
    """The lock and the sent-today record for `target`, in the log file's directory."""
    if is_google_target(target):
        identity, stem = target, "google"
    else:
        path = Path(target).expanduser().resolve()
        identity, stem = str(path), path.stem
    slug = re.sub(r"[^\w-]+", "_", stem)[:40] or "table"
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:8]
    directory = log_file.parent
    return JobPaths(
        log_file, directory / f"{slug}-{digest}.lock", directory / f"{slug}-{digest}.sent.json"
    )


@dataclass
class SentToday:
    """The digests already sent on `day`, by key; saved after every accepted mail."""

    path: Path
    day: date
    sent: dict[str, str] = field(default_factory=dict)  # key → when it was sent
    damaged: bool = False  # the file could not be read and was started afresh

    @classmethod
    def load(cls, path: Path, day: date) -> SentToday:
        """The record for `day`; an older day's record counts as empty."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path, day)
        except (OSError, ValueError):
            return cls(path, day, damaged=True)
        sent = data.get("sent") if isinstance(data, dict) else None
        if not isinstance(sent, dict):
            return cls(path, day, damaged=True)
        if data.get("day") != day.isoformat():
            return cls(path, day)
        return cls(path, day, {str(k): str(v) for k, v in sent.items()})

    def has(self, key: str) -> bool:
        """True when this digest already went out today."""
        return key in self.sent

    def mark(self, key: str, when: datetime) -> None:
        """Remember one sent digest and save at once (a crash later never resends it)."""
        self.sent[key] = when.isoformat(timespec="seconds")
        self.save()

    def save(self) -> None:
        """Write the record atomically (temp file + replace)."""
        text = json.dumps(
            {"day": self.day.isoformat(), "sent": self.sent}, ensure_ascii=False, indent=1
        )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        except OSError as error:
            raise self._unwritable(error) from error
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temp, self.path)
        except OSError as error:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise self._unwritable(error) from error

    def _unwritable(self, error: OSError) -> ConfigError:
        return ConfigError(
            f"Не удалось записать файл отправленных напоминаний «{self.path}»: {error}.",
            hint="Проверьте права на папку журнала (NASTAVNIK_LOG_FILE).",
        )
