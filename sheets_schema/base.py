"""`SheetRow` (the pydantic base of every row model) and `SheetSpec` (a whole sheet)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from nastavnik.sheets_schema.columns import CHECK, Col, Kind
from nastavnik.sheets_schema.text import header_key


class SheetRow(BaseModel):
    """Base of a row model. Fields are input and key columns; `calc_columns` lists the rest."""

    model_config = ConfigDict(frozen=True, extra="ignore", arbitrary_types_allowed=True)

    calc_columns: ClassVar[tuple[Col, ...]] = ()
    layout_order: ClassVar[
        tuple[str, ...]
    ] = ()  # headers in sheet order, when not fields-then-calc


@dataclass(frozen=True)
class SheetSpec:
    """Everything about one sheet: its title, row model, columns in declared order."""

    title: str
    model: type[SheetRow] | None
    columns: tuple[Col, ...]
    field_names: tuple[str, ...]  # model field of each input/key column (same order as fields)
    field_headers: tuple[str, ...] = ()  # the header of each of those fields
    note: str = ""
    service: bool = False  # service-owned sheet: rewritten whole by every sync
    roadmap_item: str = ""  # «п. 4, 5»: which roadmap items the sheet serves
    counts_by: tuple[str, ...] = ()  # the key facts: with these readable, a row counts

    def counts_despite(self, bad_headers: set[str]) -> bool:
        """True when a row whose `bad_headers` cannot be read still counts (all key facts fine)."""
        return bool(self.counts_by) and not bad_headers & set(self.counts_by)

    def column(self, header: str) -> Col:
        """The declared column with this header (matched like staff headers)."""
        wanted = header_key(header)
        for col in self.columns:
            if header_key(col.header) == wanted:
                return col
        raise KeyError(header)

    @property
    def required_headers(self) -> tuple[str, ...]:
        """Headers of required input columns."""
        return tuple(c.header for c in self.columns if c.required and c.kind is Kind.INPUT)


def sheet_spec(
    title: str,
    model: type[SheetRow],
    note: str = "",
    item: str = "",
    *,
    counts_by: tuple[str, ...],
) -> SheetSpec:
    """Build a registry sheet's spec from its row model: fields, then calc columns, then «Проверка».

    `counts_by`: the headers of the row's key facts. A row with all of them readable counts
    for the facts it carries even when another cell is wrong (that cell's error is reported).
    """
    fields: list[tuple[str, Col]] = []
    for name, info in model.model_fields.items():
        cols = [m for m in info.metadata if isinstance(m, Col)]
        if len(cols) != 1:
            raise TypeError(f"{model.__name__}.{name} needs exactly one Col")
        fields.append((name, cols[0]))
    columns = tuple(col for _, col in fields) + model.calc_columns + (CHECK,)
    if model.layout_order:
        rank = {header: n for n, header in enumerate(model.layout_order)}
        columns = tuple(sorted(columns, key=lambda c: rank.get(c.header, len(rank))))
    names = tuple(name for name, _ in fields)
    field_headers = tuple(col.header for _, col in fields)
    unknown = set(counts_by) - set(field_headers)
    if unknown or not counts_by:
        raise TypeError(f"{title}: counts_by must name input columns, not {sorted(unknown)}")
    return SheetSpec(
        title,
        model,
        columns,
        names,
        field_headers,
        note=note,
        roadmap_item=item,
        counts_by=counts_by,
    )


def service_spec(title: str, headers: tuple[Col, ...], note: str) -> SheetSpec:
    """Spec of a service-owned sheet (no row model; every column is computed)."""
    return SheetSpec(title, None, headers, (), note=note, service=True)
