"""Header notes for the surgical writer: legacy comments (commentsN.xml + a VML drawing).

Our notes carry the author «nastavnik»; a note staff wrote on a header cell is left alone
(ours is not added there), and so are all other comments, Excel's threaded comments (their
parts and the legacy placeholders Excel keeps for them) and the other shapes of the VML
drawing. A note whose text is unchanged keeps its bytes; a changed one is replaced; an
empty text removes ours. Missing parts are made: the comments part, the VML drawing, their
relationships and content types, and the sheet's ``<legacyDrawing>``.
"""

from __future__ import annotations

import re

from nastavnik.sync.a1 import cell_address
from nastavnik.sync.backends.xlsx.layout import MARK
from nastavnik.sync.backends.xlsx.writer.elements import ElementEdit
from nastavnik.sync.backends.xlsx.writer.parts import REL_NS, PartEdits
from nastavnik.sync.backends.xlsx.writer.xml import (
    MAIN_NS,
    Unsupported,
    attributes,
    escape_text,
    unescape,
)

COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
VML_TYPE = "application/vnd.openxmlformats-officedocument.vmlDrawing"
_COMMENT = re.compile(rb"<comment\b([^>]*)>.*?</comment>", re.S)
_AUTHOR = re.compile(rb"<author>(.*?)</author>|<author/>", re.S)
_SHAPE = re.compile(rb"<v:shape\b[^>]*>.*?</v:shape>", re.S)
_SHAPE_ID = re.compile(rb'id="_x0000_s(\d+)"')
_LEGACY = re.compile(rb"<(?:[\w.-]+:)?legacyDrawing\b([^>]*)/?>")
_VML_HEAD = (
    b'<xml xmlns:v="urn:schemas-microsoft-com:vml" '
    b'xmlns:o="urn:schemas-microsoft-com:office:office" '
    b'xmlns:x="urn:schemas-microsoft-com:office:excel">'
    b'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>'
)
_SHAPETYPE = (
    b'<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
    b'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
    b'<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
)


def header_notes(
    parts: PartEdits, sheet: str, tail: bytes, notes: dict[int, str]
) -> ElementEdit | None:
    """Put `notes` (0-based column → text, "" = none of ours) on row 1 of the sheet part
    `sheet`; the ``<legacyDrawing>`` edit the sheet needs, if any."""
    comments_part = next(iter(parts.targets(sheet, "comments").values()), None)
    drawings = parts.targets(sheet, "vmlDrawing")
    legacy = _LEGACY.search(tail)
    found = attributes(legacy.group(1)) if legacy else {}
    rid = next((value for name, value in found.items() if name.endswith(":id")), "")
    vml_part = drawings.get(rid)
    if legacy is not None and vml_part is None:
        raise Unsupported("рисунок примечаний листа не найден")
    comments = parts.read(comments_part) if comments_part else _empty_comments()
    vml = parts.read(vml_part) if vml_part else _VML_HEAD + _SHAPETYPE + b"</xml>"
    comments, removed, added = _edit_comments(comments, notes)
    if not removed and not added:
        return None
    vml = _edit_vml(vml, removed, added)
    if comments_part is None:
        comments_part = parts.free_name("xl/comments{}.xml")
        parts.declare(comments_part, COMMENTS_TYPE)
        parts.relate(sheet, "comments", comments_part)
    parts.write(comments_part, comments)
    if vml_part is None:
        vml_part = parts.free_name("xl/drawings/vmlDrawing{}.vml")
        parts.declare_extension("vml", VML_TYPE)
        new_rid = parts.relate(sheet, "vmlDrawing", vml_part)
        parts.write(vml_part, vml)
        element = f'<legacyDrawing xmlns:r="{REL_NS}" r:id="{new_rid}"/>'.encode()
        return ElementEdit(b"legacyDrawing", lambda old, p: [element.replace(b"<", b"<" + p, 1)])
    parts.write(vml_part, vml)
    return None


def _edit_comments(xml: bytes, notes: dict[int, str]) -> tuple[bytes, set[int], dict[int, str]]:
    """(new comments part, columns whose old note of ours goes, column → note to add)."""
    if re.search(rb"<\w+:comments\b", xml):
        raise Unsupported("примечания записаны с префиксом пространства имён")
    authors = [unescape((m.group(1) or b"").decode()) for m in _AUTHOR.finditer(xml)]
    ours = str(authors.index(MARK)) if MARK in authors else None
    removed: set[int] = set()
    added = {column: text for column, text in notes.items() if text}
    kept: list[bytes] = []
    for match in _COMMENT.finditer(xml):
        found = attributes(match.group(1))
        column = _header_column(found.get("ref", ""))
        if column not in notes:
            kept.append(match.group(0))
        elif found.get("authorId") != ours:
            added.pop(column, None)  # staff's own note on our header: theirs stays
            kept.append(match.group(0))
        elif column in added and match.group(0) == _comment(column, ours or "", added[column]):
            added.pop(column)  # the same note: kept as it is
            kept.append(match.group(0))
        else:
            removed.add(column)
    if not removed and not added:
        return xml, removed, added
    if ours is None:
        ours = str(len(authors))
        xml = _add_author(xml)
    kept += [_comment(column, ours, text) for column, text in sorted(added.items())]
    return _with_comment_list(xml, kept), removed, added


def _header_column(ref: str) -> int | None:
    match = re.fullmatch(r"([A-Z]{1,3})1", ref)
    if match is None:
        return None
    number = 0
    for char in match.group(1):
        number = number * 26 + ord(char) - 64
    return number - 1


def _comment(column: int, author: str, text: str) -> bytes:
    body = escape_text(text)
    return (
        f'<comment ref="{cell_address(1, column)}" authorId="{author}"><text>'
        f'<t xml:space="preserve">{body}</t></text></comment>'
    ).encode()


def _add_author(xml: bytes) -> bytes:
    entry = f"<author>{MARK}</author>".encode()
    if re.search(rb"<authors\s*/>", xml):
        return re.sub(rb"<authors\s*/>", b"<authors>" + entry + b"</authors>", xml, count=1)
    end = xml.find(b"</authors>")
    if end < 0:
        raise Unsupported("в части примечаний нет списка авторов")
    return xml[:end] + entry + xml[end:]


def _with_comment_list(xml: bytes, comments: list[bytes]) -> bytes:
    listed = re.search(rb"<commentList\b[^>]*/>|<commentList\b[^>]*>.*</commentList>", xml, re.S)
    block = b"<commentList>" + b"".join(comments) + b"</commentList>"
    if listed is None:
        end = xml.find(b"</authors>")
        if end < 0:
            raise Unsupported("в части примечаний нет списка авторов")
        at = end + len(b"</authors>")
        return xml[:at] + block + xml[at:]
    return xml[: listed.start()] + block + xml[listed.end() :]


def _edit_vml(vml: bytes, removed: set[int], added: dict[int, str]) -> bytes:
    """The VML drawing without the shapes of `removed` notes and with shapes for `added`."""
    gone = removed | set(added)

    def keep(match: re.Match[bytes]) -> bytes:
        shape = match.group(0)
        row = re.search(rb"<x:Row>\s*0\s*</x:Row>", shape)
        column = re.search(rb"<x:Column>\s*(\d+)\s*</x:Column>", shape)
        note = b'ObjectType="Note"' in shape
        if note and row and column and int(column.group(1)) in gone:
            return b""
        return shape

    vml = _SHAPE.sub(keep, vml)
    if b'id="_x0000_t202"' not in vml:
        vml = vml.replace(b"</xml>", _SHAPETYPE + b"</xml>")
    number = max([1024, *(int(n) for n in _SHAPE_ID.findall(vml))])
    shapes = []
    for column, text in sorted(added.items()):
        number += 1
        shapes.append(_shape(number, column, text))
    end = vml.rfind(b"</xml>")
    if end < 0:
        raise Unsupported("рисунок примечаний без закрывающего тега")
    return vml[:end] + b"".join(shapes) + vml[end:]


def _shape(number: int, column: int, text: str) -> bytes:
    lines = sum(1 + len(line) // 48 for line in text.splitlines())
    height = max(60, 16 * lines + 10) * 0.75
    return (
        f'<v:shape id="_x0000_s{number}" type="#_x0000_t202" style="position:absolute;'
        f"margin-left:80pt;margin-top:2pt;width:225pt;height:{height:g}pt;z-index:{number};"
        'visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/>'
        '<v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>'
        '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div>'
        '</v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
        f"<x:Anchor>{column + 1}, 15, 0, 2, {column + 4}, 15, {2 + lines}, 4</x:Anchor>"
        f"<x:AutoFill>False</x:AutoFill><x:Row>0</x:Row><x:Column>{column}</x:Column>"
        "</x:ClientData></v:shape>"
    ).encode()


def _empty_comments() -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<comments xmlns="' + MAIN_NS + b'"><authors></authors><commentList/></comments>'
    )
