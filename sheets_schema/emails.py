"""E-mail addresses from cells and settings: one address, checked by RFC syntax, no network.

A cell holds exactly one address. Anything else — two addresses joined by a comma or a
semicolon, a display name in angle brackets, a line break with a header after it — is not an
address, so it can never become an extra recipient or a mail header.
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from nastavnik.sheets_schema.readers import ReadError

ONE_ADDRESS_NOTE = (
    "Один адрес e-mail, например ivanova@school5.ru; несколько адресов не допускаются."
)
FIX = "Оставьте один адрес вида ivanova@school5.ru — без имени, кавычек и второго адреса."


def read_email(text: str) -> str:
    """The address in its normalised form; ReadError with a Russian reason when it is not one."""
    stripped = text.strip()
    if any(mark in stripped for mark in ",;") and stripped.count("@") > 1:
        raise ReadError(f"«{_shown(stripped)}» — несколько адресов вместо одного.", FIX)
    if "<" in stripped or ">" in stripped or '"' in stripped:
        raise ReadError(f"«{_shown(stripped)}» — адрес с именем или в угловых скобках.", FIX)
    try:
        return validate_email(stripped, check_deliverability=False).normalized
    except EmailNotValidError:
        raise ReadError(f"«{_shown(stripped)}» не является адресом e-mail.", FIX) from None


def valid_email(text: str | None) -> str:
    """The normalised address, or "" when `text` is empty or not exactly one valid address."""
    if not text:
        return ""
    try:
        return read_email(text)
    except ReadError:
        return ""


def _shown(text: str) -> str:
    """The cell text on one line (a line break in a message would hide what follows)."""
    return " ".join(text.split())
