"""Reference checks shared by many sheets: a person by ФИО, a pair by code."""

from __future__ import annotations

import re

from nastavnik.sheets_schema.text import fold, mixes_scripts
from nastavnik.sync.compute.context import Context, PairInfo
from nastavnik.sync.compute.findings import SheetResult
from nastavnik.sync.compute.names import not_found_fix

EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")


def check_person(ctx: Context, result: SheetResult, row: int, header: str, name: str) -> bool:
    """Error unless `name` is a ФИО from «Педагоги» (suggesting the closest); True when found."""
    check_name_script(result, row, header, name)
    if fold(name) in ctx.teachers:
        return True
    if fold(name) in ctx.known_people:  # the teacher's own row has errors: reported there
        return False
    fix = not_found_fix("педагога на лист «Педагоги»", name, ctx.teacher_names)
    result.error(row, header, f"«{name}» нет на листе «Педагоги».", fix)
    return False


def check_pair(
    ctx: Context, result: SheetResult, row: int, header: str, code: str
) -> PairInfo | None:
    """Error unless `code` is a Код пары from «Пары»; the pair when it is readable."""
    info = ctx.pair_by_code.get(fold(code))
    if info is None and fold(code) not in ctx.known_pairs:
        fix = not_found_fix("пару на лист «Пары»", code, [p.code for p in ctx.pairs])
        result.error(row, header, f"Пары с кодом «{code}» нет на листе «Пары».", fix)
    return info


def check_name_script(result: SheetResult, row: int, header: str, name: str) -> None:
    """Warn when a name mixes Latin and Cyrillic letters (a look-alike letter typed)."""
    if mixes_scripts(name):
        result.warn(
            row, header, "В ФИО смешаны латинские и русские буквы.",
            "Перепечатайте ФИО русскими буквами (латинские «a», «e», «o», «c», «p» выглядят так же).",
        )  # fmt: skip


def check_email(result: SheetResult, row: int, header: str, email: str | None) -> None:
    """Warn when an e-mail address does not look like one."""
    if email and not EMAIL.match(email):
        result.warn(
            row,
            header,
            f"«{email}» не похоже на адрес e-mail.",
            "Введите адрес вида name@school.ru.",
        )
