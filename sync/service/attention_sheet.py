"""«Просрочено»: the attention list, with roles resolved to people via «Ответственные»."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from nastavnik.sheets_schema.service import ATTENTION
from nastavnik.sheets_schema.sheets.responsibles import Responsible
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.compute.attention import AttentionItem
from nastavnik.sync.registry import SheetData
from nastavnik.sync.snapshot import Cell, Link


@dataclass(frozen=True)
class Holder:
    """Who holds a role."""

    role: str
    fio: str
    email: str


def role_holders(data: SheetData) -> dict[str, Holder]:
    """Folded role → holder, from «Ответственные»."""
    return {
        fold(r.role): Holder(r.role, r.fio or "", r.email or "")
        for _, r in data.records(Responsible)
    }


def split_roles(text: str) -> list[str]:
    """«директор, заместитель директора» → two roles."""
    return [part.strip() for part in re.split(r"[,;]", text) if part.strip()]


def responsible_text(item: AttentionItem, holders: Mapping[str, Holder]) -> str:
    """«заместитель директора: Петрова А. В.»; named people (the item's person and others) follow."""
    parts = []
    for role in split_roles(item.role):
        holder = holder_for(role, holders)
        parts.append(f"{role}: {holder.fio}" if holder and holder.fio else role)
    if item.person:
        parts.append(item.person)
    parts.extend(item.others)
    return "; ".join(dict.fromkeys(parts))


def holder_for(role: str, holders: Mapping[str, Holder]) -> Holder | None:
    """Who holds a role (plural forms such as «заместители директора» match the singular)."""
    return holders.get(fold(role)) or holders.get(fold(_singular(role)))


def _singular(role: str) -> str:
    return role.replace("заместители", "заместитель").replace(
        "педагоги-наставники", "педагог-наставник"
    )


def attention_grid(
    items: Sequence[AttentionItem], holders: Mapping[str, Holder]
) -> list[list[Cell]]:
    """Header plus one row per item, most overdue first."""
    grid: list[list[Cell]] = [[c.header for c in ATTENTION.columns]]
    for item in items:
        where: Cell = (
            Link(item.source, f"A{item.row}", f"{item.source}, строка {item.row}")
            if item.row
            else item.source
        )
        overdue = item.overdue_days or None
        grid.append(
            [
                item.source,
                item.what,
                responsible_text(item, holders),
                item.due,
                overdue,
                item.level,
                where,
            ]
        )
    return grid
