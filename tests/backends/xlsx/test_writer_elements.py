"""Worksheet element edits land where the CT_Worksheet schema puts them, keep what is not
theirs, and change nothing when applied again."""

from __future__ import annotations

import re

import pytest

from nastavnik.sheets_schema.palette import ATTENTION_LEVELS, Tone
from nastavnik.sync.backends.xlsx.writer.colour_rules import colour_rules
from nastavnik.sync.backends.xlsx.writer.elements import WORKSHEET_ORDER, ElementEdit, apply_edits
from nastavnik.sync.backends.xlsx.writer.sheet_elements import (
    frozen_header,
    tab_colour,
    validations,
)

HEAD = (
    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    b'2006/main"><dimension ref="A1:C3"/><sheetFormatPr defaultRowHeight="15"/>'
)
TAIL = (
    b'<sheetProtection sheet="1"/><autoFilter ref="A1:C3"/><mergeCells count="1"><mergeCell '
    b'ref="E1:F1"/></mergeCells><hyperlinks><hyperlink ref="B2" location="A1"/></hyperlinks>'
    b'<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
    b'<drawing r:id="rId1"/><tableParts count="1"><tablePart r:id="rId2"/></tableParts>'
    b'<extLst><ext uri="x"><x14:dataValidations/></ext></extLst></worksheet>'
)


def order_of(xml: bytes) -> list[str]:
    names = {name.decode() for name in WORKSHEET_ORDER}
    found = re.findall(rb"<([A-Za-z]+)\b", xml)
    return [name.decode() for name in found if name.decode() in names]


def schema_sorted(names: list[str]) -> list[str]:
    order = [name.decode() for name in WORKSHEET_ORDER]
    return sorted(names, key=order.index)


LAYOUT = [
    tab_colour("7F7F7F"),
    frozen_header(),
    ElementEdit(
        b"conditionalFormatting", colour_rules([(3, ATTENTION_LEVELS)], dict.fromkeys(Tone, 0))
    ),
    validations([("C2:C1048576", "Статус", '"да,нет"')], lambda names: None),
    ElementEdit(b"legacyDrawing", lambda old, p: [b'<legacyDrawing r:id="rId3"/>']),
]


def test_new_elements_follow_the_schema_order_and_keep_the_rest() -> None:
    head = apply_edits(HEAD, b"", LAYOUT, head=True)
    tail = apply_edits(TAIL, b"", LAYOUT, head=False)
    assert order_of(head) == ["sheetPr", "dimension", "sheetViews", "sheetFormatPr"]
    names = order_of(tail)
    assert names == schema_sorted(names)
    assert names == [
        "sheetProtection", "autoFilter", "mergeCells", "conditionalFormatting", "dataValidations",
        "hyperlinks", "pageMargins", "drawing", "legacyDrawing", "tableParts", "extLst",
    ]  # fmt: skip
    for kept in (
        b'<autoFilter ref="A1:C3"/>',
        b"<x14:dataValidations/>",
        b'<drawing r:id="rId1"/>',
    ):
        assert tail.count(kept) == 1


def test_applied_again_nothing_changes() -> None:
    head = apply_edits(HEAD, b"", LAYOUT, head=True)
    tail = apply_edits(TAIL, b"", LAYOUT, head=False)
    assert apply_edits(head, b"", LAYOUT, head=True) == head
    assert apply_edits(tail, b"", LAYOUT, head=False) == tail
    assert tail.count(b"<cfRule") == 2  # «просрочено» and «скоро срок»
    assert tail.count(b"<dataValidation ") == 1


def test_staff_rules_and_lists_stay_beside_ours() -> None:
    staff = (
        b'<conditionalFormatting sqref="A2:A9"><cfRule type="cellIs" priority="4" operator='
        b'"equal"><formula>1</formula></cfRule></conditionalFormatting><dataValidations count="1">'
        b'<dataValidation type="whole" sqref="E2:E9"><formula1>1</formula1></dataValidation>'
        b"</dataValidations>"
    )
    tail = apply_edits(staff + TAIL, b"", LAYOUT, head=False)
    assert tail.count(b"<cfRule") == 3 and b'priority="5"' in tail  # ours after staff's
    assert b'<dataValidations count="2">' in tail
    assert staff[: staff.index(b"<dataValidations")] in tail


def test_only_worksheet_children_can_be_edited() -> None:
    with pytest.raises(ValueError, match="sheetData"):
        ElementEdit(b"sheetData", lambda old, p: old)
