"""Cell styles for the streaming .xlsx writer: xl/styles.xml read, extended, written back.

A written cell keeps its style index (``s``); the few things a value needs on top of it —
a date format, the quote prefix of text starting with "=", the underlined blue of a link,
or dropping that blue again — become a derived cell format: a copy of the cell's own
``<xf>`` with one attribute changed, appended to ``<cellXfs>`` (an identical one is reused,
so repeated syncs do not grow the file). Existing entries are never edited or reordered,
so every style index in every sheet keeps its meaning. The same rules as the openpyxl path
(backends/xlsx/cells.py) decide when a style changes.
"""

from __future__ import annotations

import re

from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_REVERSE, is_date_format

from nastavnik.sync.backends.xlsx.cells import LINK_COLOUR
from nastavnik.sync.backends.xlsx.writer.xml import (
    Unsupported,
    attributes,
    element_pattern,
    escape_attr,
    insertion_point,
    root_prefix,
    section_pattern,
    split_elements,
    with_attributes,
)

_STYLE_ORDER = (
    b"numFmts", b"fonts", b"fills", b"borders", b"cellStyleXfs", b"cellXfs", b"cellStyles",
    b"dxfs", b"tableStyles", b"colors", b"extLst",
)  # fmt: skip
FIRST_CUSTOM_FORMAT = 164  # ids below are Excel's built-in number formats
_TRUE = ("1", "true")
_FORMAT_ID = re.compile(rb'numFmtId\s*=\s*["\'](\d+)["\']')


class StyleBook:
    """The cell formats of one workbook, extended on demand; `xml` gives the new part."""

    def __init__(self, xml: bytes) -> None:
        if b"<!" in xml.replace(b"<![CDATA[", b"<!"):
            raise Unsupported("комментарии или объявления в styles.xml")
        self._xml = xml
        self._prefix = root_prefix(xml, b"styleSheet")
        self._fonts = self._items(b"fonts", b"font")
        self._xfs = self._items(b"cellXfs", b"xf")
        self._fills = self._items(b"fills", b"fill")
        self._dxfs = self._items(b"dxfs", b"dxf", required=False)
        self._old_counts = (len(self._fonts), len(self._xfs), len(self._fills), len(self._dxfs))
        self._index = {xf: number for number, xf in reversed(list(enumerate(self._xfs)))}
        self._font_index = {font: n for n, font in reversed(list(enumerate(self._fonts)))}
        self._formats: dict[int, str] = {}
        for match in element_pattern(self._prefix, b"numFmt").finditer(self._section(b"numFmts")):
            found = attributes(match.group(1))
            self._formats[int(found.get("numFmtId", "0"))] = found.get("formatCode", "")
        used = [int(n) for n in _FORMAT_ID.findall(xml)]
        self._next_format = max([FIRST_CUSTOM_FORMAT - 1, *used]) + 1
        self._new_formats: list[tuple[int, str]] = []
        self._derived: dict[tuple[str, int], int] = {}

    @property
    def changed(self) -> bool:
        """True when formats were added (the part must be written anew)."""
        counts = (len(self._fonts), len(self._xfs), len(self._fills), len(self._dxfs))
        return counts != self._old_counts

    def dated(self, style: int, number_format: str) -> int:
        """`style`, or a copy with `number_format` when its own format is not a date format."""
        code = self._format_code(int(self._xf_attributes(style).get("numFmtId", "0")))
        if is_date_format(code):
            return style
        format_id = self._format_id(number_format)
        changes: dict[str, str | None] = {"numFmtId": str(format_id), "applyNumberFormat": "1"}
        return self._derive(f"date {number_format}", style, changes)

    def quoted(self, style: int) -> int:
        """`style` with the quote prefix (Excel keeps "=…" text as text when it is edited)."""
        if self._xf_attributes(style).get("quotePrefix") in _TRUE:
            return style
        return self._derive("quote", style, {"quotePrefix": "1"})

    def linked(self, style: int) -> int:
        """`style` with its font underlined in the link colour."""
        font = self._font_of(style)
        if _is_link_font(font):
            return style
        return self._with_font("link", style, self._link_font(font))

    def unlinked(self, style: int) -> int:
        """`style` without the link underline and colour, when its font has exactly those."""
        font = self._font_of(style)
        if not _is_link_font(font):
            return style
        return self._with_font("unlink", style, self._plain_font(font))

    def bold(self, style: int) -> int:
        """`style` with a bold font."""
        font = self._font_of(style)
        if re.search(rb"<(?:[\w.-]+:)?b(?:\s*/>|\s+val=\"(?:1|true)\"\s*/>)", font):
            return style
        p = self._prefix
        plain = re.sub(rb"<" + re.escape(p) + rb"b\b[^>]*/>", b"", font)
        if plain.endswith(b"/>"):
            bold = plain[:-2].rstrip() + b"><" + p + b"b/></" + p + b"font>"
        else:
            at = plain.index(b">") + 1
            bold = plain[:at] + b"<" + p + b"b/>" + plain[at:]
        return self._with_font("bold", style, bold)

    def filled(self, style: int, rgb: str) -> int:
        """`style` with a solid fill of colour `rgb` ("00D9D9D9")."""
        p = self._prefix
        fill = b'<%sfill><%spatternFill patternType="solid"><%sfgColor rgb="%s"/></%spatternFill>' \
            b"</%sfill>" % (p, p, p, rgb.encode(), p, p)  # fmt: skip
        if fill not in self._fills:
            self._fills.append(fill)
        number = self._fills.index(fill)
        if self._xf_attributes(style).get("fillId") == str(number):
            return style
        return self._derive(f"fill {rgb}", style, {"fillId": str(number), "applyFill": "1"})

    def wrapped(self, style: int) -> int:
        """`style` with wrapped, top-aligned text (its other alignment kept)."""
        return self._aligned("wrap", style, {"wrapText": "1", "vertical": "top"})

    def top(self, style: int) -> int:
        """`style` aligned to the top of the cell (level with wrapped neighbours)."""
        return self._aligned("top", style, {"vertical": "top"})

    def _aligned(self, kind: str, style: int, wanted: dict[str, str | None]) -> int:
        key = (kind, style)
        if key in self._derived:
            return self._derived[key]
        p = re.escape(self._prefix)
        xf = self._xfs[style]
        found = re.search(rb"<" + p + rb"alignment\b[^>]*?/>", xf)
        current = attributes(found.group(0)) if found is not None else {}
        if all(current.get(name) == value for name, value in wanted.items()):
            return style
        end = xf.index(b">") + 1
        head = with_attributes(xf[:end], {"applyAlignment": "1"})
        if found is not None:
            new = head + xf[end : found.start()] + with_attributes(found.group(0), wanted)
            new += xf[found.end() :]
        else:
            alignment = with_attributes(b"<%salignment/>" % self._prefix, wanted)
            if head.endswith(b"/>"):
                new = head[:-2].rstrip() + b">" + alignment + b"</" + self._prefix + b"xf>"
            else:
                new = head + alignment + xf[end:]
        if new not in self._index:
            self._index[new] = len(self._xfs)
            self._xfs.append(new)
        self._derived[key] = self._index[new]
        return self._derived[key]

    def fill_dxf(self, rgb: str) -> int:
        """The index of a differential format filling with `rgb` (conditional formats)."""
        p = self._prefix
        colour = rgb.encode()
        dxf = b'<%sdxf><%sfill><%spatternFill patternType="solid"><%sfgColor rgb="%s"/>' \
            b'<%sbgColor rgb="%s"/></%spatternFill></%sfill></%sdxf>' \
            % (p, p, p, p, colour, p, colour, p, p, p)  # fmt: skip
        if dxf not in self._dxfs:
            self._dxfs.append(dxf)
        return self._dxfs.index(dxf)

    def xml(self) -> bytes:
        """The styles part with the added number formats, fonts, fills and cell formats."""
        if not self.changed:
            return self._xml
        xml = self._extend(self._xml, b"cellXfs", self._xfs[self._old_counts[1] :], len(self._xfs))
        xml = self._extend(xml, b"fonts", self._fonts[self._old_counts[0] :], len(self._fonts))
        xml = self._extend(xml, b"fills", self._fills[self._old_counts[2] :], len(self._fills))
        xml = self._extend(xml, b"dxfs", self._dxfs[self._old_counts[3] :], len(self._dxfs))
        if self._new_formats:
            items = [
                b'<%snumFmt numFmtId="%d" formatCode="%s"/>'
                % (self._prefix, number, escape_attr(code).encode())
                for number, code in self._new_formats
            ]
            xml = self._extend(xml, b"numFmts", items, len(self._formats))
        return xml

    def _items(self, section: bytes, item: bytes, required: bool = True) -> list[bytes]:
        content = self._section(section)
        if not content and required:
            raise Unsupported(f"в styles.xml нет <{section.decode()}>")
        return [m.group(0) for m in split_elements(content, element_pattern(self._prefix, item))]

    def _section(self, name: bytes) -> bytes:
        match = section_pattern(self._prefix, name).search(self._xml)
        return match.group(2) if match else b""

    def _xf_attributes(self, style: int) -> dict[str, str]:
        if not 0 <= style < len(self._xfs):
            raise Unsupported(f"стиля ячейки {style} нет в styles.xml")
        xf = self._xfs[style]
        return attributes(xf[: xf.index(b">")])

    def _font_of(self, style: int) -> bytes:
        number = int(self._xf_attributes(style).get("fontId", "0"))
        if not 0 <= number < len(self._fonts):
            raise Unsupported(f"шрифта {number} нет в styles.xml")
        return self._fonts[number]

    def _format_code(self, format_id: int) -> str:
        return self._formats.get(format_id) or BUILTIN_FORMATS.get(format_id, "General")

    def _format_id(self, code: str) -> int:
        for number, known in self._formats.items():
            if known == code:
                return number
        if code in BUILTIN_FORMATS_REVERSE:
            return int(BUILTIN_FORMATS_REVERSE[code])
        number = self._next_format
        self._next_format += 1
        self._formats[number] = code
        self._new_formats.append((number, code))
        return number

    def _with_font(self, kind: str, style: int, font: bytes) -> int:
        number = self._font_index.get(font)
        if number is None:
            number = len(self._fonts)
            self._fonts.append(font)
            self._font_index[font] = number
        return self._derive(kind, style, {"fontId": str(number), "applyFont": "1"})

    def _derive(self, kind: str, style: int, changes: dict[str, str | None]) -> int:
        key = (kind, style)
        if key not in self._derived:
            xf = self._xfs[style]
            end = xf.index(b">") + 1
            new = with_attributes(xf[:end], changes) + xf[end:]
            if new not in self._index:
                self._index[new] = len(self._xfs)
                self._xfs.append(new)
            self._derived[key] = self._index[new]
        return self._derived[key]

    def _link_font(self, font: bytes) -> bytes:
        p = self._prefix
        body = self._plain_font(font)
        extra = b'<%su val="single"/><%scolor rgb="00%s"/>' % (p, p, LINK_COLOUR.encode())
        if body.endswith(b"/>"):
            return body[:-2].rstrip() + b">" + extra + b"</" + p + b"font>"
        return body[: body.rindex(b"</")] + extra + body[body.rindex(b"</") :]

    def _plain_font(self, font: bytes) -> bytes:
        for name in (b"u", b"color"):
            font = element_pattern(self._prefix, name).sub(b"", font)
        return font

    def _extend(self, xml: bytes, section: bytes, items: list[bytes], count: int) -> bytes:
        """Append `items` to the list element `section` (created first thing when missing)."""
        if not items:
            return xml
        tag = re.escape(self._prefix + section)
        full = re.compile(rb"<" + tag + rb"\b([^>]*?)(?:/>|>(.*?)</" + tag + rb">)", re.S)
        match = full.search(xml)
        head = b"<" + self._prefix + section + (match.group(1) if match else b"") + b">"
        head = with_attributes(head, {"count": str(count)})
        content = (match.group(2) or b"") if match else b""
        new = head + content + b"".join(items)
        new += b"</" + self._prefix + section + b">"
        if match:
            return xml[: match.start()] + new + xml[match.end() :]
        index = _STYLE_ORDER.index(section)
        before, after = _STYLE_ORDER[:index], _STYLE_ORDER[index + 1 :]
        at = insertion_point(xml, self._prefix, b"styleSheet", before, after)
        if section == b"numFmts":  # the first child: right after the root's start tag
            root = re.search(rb"<" + re.escape(self._prefix) + rb"styleSheet\b[^>]*>", xml)
            assert root is not None  # root_prefix found it
            at = root.end()
        return xml[:at] + new + xml[at:]


def _is_link_font(font: bytes) -> bool:
    """Underlined single in exactly our link colour (what the openpyxl path checks too)."""
    underline = re.search(rb"<(?:[\w.-]+:)?u\b([^>]*)>", font)
    colour = re.search(rb"<(?:[\w.-]+:)?color\b([^>]*)>", font)
    if underline is None or colour is None:
        return False
    if attributes(underline.group(1)).get("val", "single") != "single":
        return False
    return attributes(colour.group(1)).get("rgb", "").upper() == "00" + LINK_COLOUR
