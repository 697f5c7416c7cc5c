"""Shared pieces of the surgical-writer tests: a decorated workbook, planned writes, readers."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.backends.xlsx.layout import STAMP_PROPERTY
from nastavnik.sync.changeset import CellWrite, ChangeSet
from nastavnik.sync.snapshot import Link
from tests.backend_harnesses import make_book

PAIRS, TEACHERS, ERRORS, EMPTY = "Пары", "Педагоги", "Ошибки", "Сводка"
LONG = "длинный текст " * 715  # 10,010 characters
WRITES = (
    CellWrite(PAIRS, 2, 3, "просрочено"),  # a new cell in a styled column
    CellWrite(PAIRS, 2, 2, 12.5),  # over a staff-formatted cell
    CellWrite(PAIRS, 3, 2, None),  # clears a formatted cell, keeps its format
    CellWrite(PAIRS, 4, 3, "=SUM(A1)"),
    CellWrite(PAIRS, 5, 3, "эмодзи 😀 и ё"),
    CellWrite(PAIRS, 6, 3, LONG),
    CellWrite(PAIRS, 7, 3, "a\x00b\x07c\x1fd\ud800e\uffff"),
    CellWrite(PAIRS, 8, 3, True),
    CellWrite(PAIRS, 9, 3, 42),
    CellWrite(PAIRS, 10, 3, date(2025, 3, 1), True),
    CellWrite(PAIRS, 11, 3, datetime(2025, 3, 3, 9, 15)),
    CellWrite(PAIRS, 12, 3, 45717, True),  # a serial meant as a date
    CellWrite(PAIRS, 13, 3, "кавычки \" ' & <теги> и\r\nперевод строки"),
    CellWrite(PAIRS, 14, 3, Link(TEACHERS, "A2", "к педагогу")),  # beside a staff link
    CellWrite(PAIRS, 1, 8, "Новый столбец"),  # a header right of the data
    CellWrite(PAIRS, 40, 0, "НП-099"),  # rows appended below the data
    CellWrite(PAIRS, 41, 3, "новая строка"),
    CellWrite(TEACHERS, 2, 1, date(2024, 9, 2), True),  # a column formatted DD.MM.YYYY
    CellWrite(ERRORS, 2, 1, Link(PAIRS, "A2", "строка 2")),
    CellWrite(EMPTY, 1, 0, "Показатель"),  # a sheet without rows
)
EXPECTED: dict[tuple[str, str], Any] = {
    (PAIRS, "D2"): "просрочено",
    (PAIRS, "C2"): 12.5,
    (PAIRS, "C3"): None,
    (PAIRS, "D4"): "=SUM(A1)",
    (PAIRS, "D5"): "эмодзи 😀 и ё",
    (PAIRS, "D6"): LONG,
    (PAIRS, "D7"): "abcde",
    (PAIRS, "D8"): True,
    (PAIRS, "D9"): 42,
    (PAIRS, "D10"): datetime(2025, 3, 1),
    (PAIRS, "D11"): datetime(2025, 3, 3, 9, 15),
    (PAIRS, "D12"): datetime(2025, 3, 1),
    (PAIRS, "D13"): "кавычки \" ' & <теги> и\r\nперевод строки",
    (PAIRS, "D14"): "к педагогу",
    (PAIRS, "I1"): "Новый столбец",
    (PAIRS, "A40"): "НП-099",
    (PAIRS, "D41"): "новая строка",
    (TEACHERS, "B2"): datetime(2024, 9, 2),
    (ERRORS, "B2"): "строка 2",
    (EMPTY, "A1"): "Показатель",
}


def apply(path: Path, changes: ChangeSet) -> None:
    workbook = XlsxWorkbook(path)
    workbook.apply(changes, workbook.read([]))


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A workbook as staff keep it: formats, formulas, notes, lists, rules, names, links."""
    path = make_book(
        tmp_path / "наставничество.xlsx",
        {
            TEACHERS: [["ФИО", "Дата"], ["Иванова Анна", date(2020, 9, 1)]],
            PAIRS: [
                ["Код пары", "Наставник", "Статус", "Состояние", "Примечание"],
                *([f"НП-{n:03}", "Иванова Анна", "действует", None, n] for n in range(1, 31)),
            ],
            ERRORS: [["Лист", "Ячейка"], ["Пары", "старая ссылка"]],
            EMPTY: [],
        },
    )
    wb = openpyxl.load_workbook(path)
    _decorate(wb[PAIRS])
    wb[TEACHERS].column_dimensions["B"].number_format = "DD.MM.YYYY"
    wb[TEACHERS]["B2"].number_format = "DD.MM.YYYY"
    wb.defined_names["staff_range"] = DefinedName("staff_range", attr_text="'Пары'!$A$2:$A$31")
    wb.custom_doc_props.append(StringProperty(name=STAMP_PROPERTY, value="layout-7"))
    wb.save(path)
    return path


def _decorate(sheet: Any) -> None:
    for ref in ("C2", "C3", "E2"):
        sheet[ref].font = Font(bold=True, color="FF0000")
        sheet[ref].fill = PatternFill("solid", fgColor="FFFF00")
        sheet[ref].number_format = "0.00"
    sheet.column_dimensions["D"].fill = PatternFill("solid", fgColor="F2F2F2")
    sheet.column_dimensions["B"].width = 33
    sheet["F2"] = "=LEN(B2)*2"
    sheet["F3"] = "=SUM(E2:E31)"
    sheet["B2"].comment = Comment("заметка сотрудника", "Завуч")
    sheet["B3"].hyperlink = "https://example.org/"
    sheet.merge_cells("G1:H1")
    sheet.freeze_panes = "A2"
    staff_list = DataValidation(type="list", formula1='"да,нет"')
    staff_list.add("E2:E50")
    sheet.add_data_validation(staff_list)
    rule = CellIsRule(operator="equal", formula=['"1"'], fill=PatternFill(bgColor="0000FF"))
    sheet.conditional_formatting.add("A2:A50", rule)


def cells(path: Path) -> dict[tuple[str, str], tuple[Any, ...]]:
    """Every stored cell of every sheet: value, type, full style, link, note."""
    wb = openpyxl.load_workbook(path)
    found = {}
    for sheet in wb.worksheets:
        for cell in sheet._cells.values():
            link = cell.hyperlink
            found[(sheet.title, cell.coordinate)] = (
                cell.value,
                cell.data_type,
                *(
                    repr(s)
                    for s in (cell.font, cell.fill, cell.border, cell.alignment, cell.protection)
                ),
                cell.number_format,
                cell.quotePrefix,
                (link.target, link.location) if link else None,
                cell.comment.text if cell.comment else None,
            )
    return found


def sheet_features(path: Path) -> list[Any]:
    """What else staff set up: widths, panes, merges, lists, rules, names, properties."""
    wb = openpyxl.load_workbook(path)
    features: list[Any] = [wb.sheetnames, dict(wb.defined_names.items())]
    features.append([(p.name, p.value) for p in wb.custom_doc_props.props])
    for sheet in wb.worksheets:
        widths = {k: (d.width, d.min, d.max, d.style) for k, d in sheet.column_dimensions.items()}
        lists = [(str(v.sqref), v.formula1, v.type) for v in sheet.data_validations.dataValidation]
        rules = [
            (str(cf.sqref), [r.formula for r in cf.rules]) for cf in sheet.conditional_formatting
        ]
        features += [
            widths,
            sheet.freeze_panes,
            sorted(map(str, sheet.merged_cells.ranges)),
            lists,
            rules,
        ]
    return features
