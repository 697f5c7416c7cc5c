"""Russian errors of the Google path that name what to do: share, switch on, new key."""

from __future__ import annotations

from nastavnik.sheets_schema.errors import ConcurrentEdit, ConfigError, WorkbookError


def api_disabled(url: str) -> ConfigError:
    """Google Sheets API is switched off in the key's Google Cloud project."""
    return ConfigError(
        "В проекте Google Cloud, которому принадлежит ключ, не включён Google Sheets API.",
        hint=f"Включите его (кнопка «Включить»): {url} — и через пару минут повторите.",
    )


def not_shared(spreadsheet: str, account: str) -> WorkbookError:
    """The spreadsheet is not shared with the service account (or only for viewing)."""
    who = f"сервисного аккаунта {account}" if account else "учётной записи nastavnik"
    return WorkbookError(
        f"У {who} нет доступа к таблице «{spreadsheet}» (или только на просмотр).",
        hint=(
            f"Откройте таблицу → «Настройки доступа» → добавьте {account} с правами «Редактор»."
            if account
            else "Откройте таблицу → «Настройки доступа» и дайте этой учётной записи права «Редактор»."
        ),
    )


def key_rejected(account: str) -> ConfigError:
    """Google does not accept the key (deleted, disabled, or a wrong clock)."""
    who = f" {account}" if account else ""
    return ConfigError(
        f"Google не принял ключ сервисного аккаунта{who}.",
        hint="Ключ мог быть удалён или отключён в Google Cloud, или неверно идут часы "
        "компьютера. Создайте новый ключ JSON и укажите его.",
    )


def answer_lost() -> ConcurrentEdit:
    """A write that cannot be repeated blindly lost its answer: re-read and plan again."""
    return ConcurrentEdit(
        "Ответ Google на запись не пришёл; таблица будет перечитана, чтобы ничего "
        "не записать дважды.",
        hint="Если сообщение повторяется, проверьте связь и запустите синхронизацию ещё раз.",
    )
