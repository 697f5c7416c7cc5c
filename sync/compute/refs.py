"""Reference checks shared by many sheets: a person by ФИО, a pair by code."""

from __future__ import annotations

from nastavnik import sheets_schema
from nastavnik.sheets_schema.columns import ValueType
from nastavnik.sheets_schema.emails import read_email
from nastavnik.sheets_schema.readers import ReadError
from nastavnik.sheets_schema.text import fold, mixes_scripts
from nastavnik.sync.compute.context import Context, PairInfo
from nastavnik.sync.compute.findings import SheetResult
from nastavnik.sync.names import not_found_fix


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


def check_emails(ctx: Context) -> None:
    """Error at each e-mail cell of every sheet that is not exactly one valid address.

    The person is then «без e-mail»: the reminders only ever use addresses that pass this check.
    """
    for spec in sheets_schema.REGISTRY_SHEETS:
        result = ctx.results[spec.title]
        if spec.model is None or not result.data.usable:
            continue
        fields = [
            (name, header)
            for name, header in zip(spec.field_names, spec.field_headers, strict=True)
            if spec.column(header).type is ValueType.EMAIL
        ]
        for name, header in fields:
            for row, record in result.data.records(spec.model):
                value = getattr(record, name)
                if not value:
                    continue
                try:
                    read_email(str(value))
                except ReadError as error:
                    result.error(row, header, error.message, error.fix)
