"""The annual report as a .docx (python-docx): A4, Times New Roman, Russian, page numbers.

`Writer` holds the few building blocks the sections use (headings, text, tables, pictures);
reports.sections decides what goes in them. `write_report` is the one entry point.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from io import BytesIO
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from nastavnik.reports.text import number
from nastavnik.sheets_schema.errors import WorkbookError, os_reason
from nastavnik.sync.compute.metrics import Indicator

FONT = "Times New Roman"
BODY_PT, TABLE_PT = 12, 10.5
TEXT_WIDTH_CM = 16.5  # A4 (21 cm) less the margins: left 3 cm, right 1.5 cm
VALUE_HEADER = ("Показатель", "Значение")


def _set_font(style: ParagraphStyle, size: float, *, bold: bool | None = None) -> None:
    """One explicit font for every script (theme fonts removed, so Word shows it too)."""
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), FONT)


def _language(style: ParagraphStyle, code: str = "ru-RU") -> None:
    lang = OxmlElement("w:lang")
    for attr in ("val", "eastAsia", "bidi"):
        lang.set(qn(f"w:{attr}"), code)
    style.element.get_or_add_rPr().append(lang)


def _page_number(paragraph: Paragraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


class Writer:
    """A report being written: A4 portrait, margins 3 / 1.5 / 2 / 2 cm, numbered pages."""

    def __init__(self, title: str, organisation: str) -> None:
        self.doc: Document = docx.Document()
        self.doc.core_properties.title = title
        self.doc.core_properties.author = organisation
        self.doc.core_properties.language = "ru-RU"
        self._page()
        self._styles()

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin, section.right_margin = Cm(3), Cm(1.5)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        section.different_first_page_header_footer = True  # no number on the title page
        _page_number(section.footer.paragraphs[0])

    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        assert isinstance(normal, ParagraphStyle)
        _set_font(normal, BODY_PT)
        _language(normal)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15
        for name in ("List Bullet", "List Number"):
            listed = styles[name]
            assert isinstance(listed, ParagraphStyle)
            _set_font(listed, BODY_PT)
        for name, size in (("Heading 1", 14), ("Heading 2", 12.5), ("Title", 16)):
            style = styles[name]
            assert isinstance(style, ParagraphStyle)
            _set_font(style, size, bold=True)
            style.paragraph_format.space_before = Pt(12)
            style.paragraph_format.space_after = Pt(6)
            style.paragraph_format.keep_with_next = True

    def heading(self, text: str, level: int = 1) -> None:
        """A numbered section heading (the number is part of the text)."""
        self.doc.add_heading(text, level=level)

    def text(self, text: str, *, bold: bool = False, centre: bool = False, size: float = 0) -> None:
        """A paragraph."""
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if centre:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Cm(1.25)

    def items(self, lines: Iterable[str], *, numbered: bool = False) -> None:
        """A bulleted (or numbered) list."""
        style = "List Number" if numbered else "List Bullet"
        for line in lines:
            self.doc.add_paragraph(line, style=style)

    def page_break(self) -> None:
        """Start a new page."""
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def table(
        self, header: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[float]
    ) -> Table:
        """A grid table with a bold header row repeated on every page; widths in cm.

        A row with text in its first cell only is a group heading and is bold too.
        """
        body = [list(row) for row in rows]
        table: Table = self.doc.add_table(rows=1 + len(body), cols=len(header))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(repeat)
        for n, values in enumerate([list(header), *body]):
            heading = n == 0 or all(not v for v in values[1:])
            self._row(table.rows[n].cells, values, widths, bold=heading)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)  # the grid LibreOffice reads; Word reads the cells'
        self.doc.add_paragraph()
        return table

    @staticmethod
    def _row(
        cells: Sequence[_Cell], values: Sequence[str], widths: Sequence[float], *, bold: bool
    ) -> None:
        for n, (cell, value) in enumerate(zip(cells, values, strict=True)):
            cell.width = Cm(widths[n])
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(value)
            run.bold = bold
            run.font.size = Pt(TABLE_PT)
            paragraph.paragraph_format.space_after = Pt(0)
            if n > 0 and not bold and _numeric(value):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def indicators(
        self, indicators: Iterable[Indicator], extra: Iterable[tuple[str, str]] = ()
    ) -> None:
        """The «Показатель · Значение» table: the same labels and numbers as «Сводка»."""
        rows = [(i.label, number(i.value)) for i in indicators]
        self.table(VALUE_HEADER, [*rows, *extra], (12.5, 4.0))

    def picture(self, png: bytes | None, caption: str) -> None:
        """A chart across the text width with its caption (nothing when there is no chart)."""
        if png is None:
            return
        self.doc.add_picture(BytesIO(png), width=Cm(TEXT_WIDTH_CM - 0.5))
        self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the caption follows
        self.text(caption, centre=True, size=10)

    def save(self, path: Path) -> None:
        """Write the file; an unwritable path is a WorkbookError (exit 2, Russian message)."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.doc.save(str(path))
        except OSError as error:
            raise WorkbookError(
                f"Не удалось записать отчёт «{path}»: {os_reason(error)}.",
                hint="Проверьте путь и закройте файл, если он открыт в Word.",
            ) from None


def _numeric(text: str) -> bool:
    return bool(text) and (text[0].isdigit() or text[0] == "−")
