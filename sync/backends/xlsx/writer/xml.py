"""Byte-level XML helpers for the streaming .xlsx writer (see backends/xlsx/writer/patch.py).

The streaming writer copies the XML of a worksheet verbatim and only re-creates the
elements it changes, so it works on the raw UTF-8 bytes with narrow regular expressions
instead of a parser that would re-serialise (and subtly alter) everything. That is safe
because of what SpreadsheetML allows where these helpers are used: element content never
holds a raw "<", and the attributes of rows, cells, columns and styles never hold a ">".
Anything outside those assumptions (comments, CDATA, processing instructions, another
encoding) makes the writer decline with `Unsupported`, and openpyxl does the write.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nastavnik.sync.backends.xlsx.cells import MAX_TEXT

MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_ATTR = re.compile(rb"""([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_SPACED_ATTR = re.compile(rb"""\s+([A-Za-z_][\w.:-]*)\s*=\s*(?:"[^"]*"|'[^']*')""")
_CHAR_REF = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
# What openpyxl drops (ILLEGAL_CHARACTERS_RE), plus surrogates and non-characters: not XML.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_A1 = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']""")
_ATTR_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\t": "&#9;",
        "\n": "&#10;",
        "\r": "&#13;",
    }
)


class Unsupported(Exception):
    """The surgical writer cannot edit this package safely; the (Russian) message names what."""


def root_prefix(xml_start: bytes, root: bytes) -> bytes:
    """The namespace prefix ("" or "x:") of the part's root element `root`, bound to MAIN_NS.

    Declines a non-UTF-8 part and the Strict (ISO) namespace, which openpyxl does not read
    either.
    """
    if xml_start.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unsupported("часть в кодировке UTF-16")
    found = _ENCODING.match(xml_start)
    if found and found.group(1).lower() not in (b"utf-8", b"utf8"):
        raise Unsupported("часть не в кодировке UTF-8")
    match = re.search(rb"<([A-Za-z_][\w.-]*:)?" + root + rb"\b([^>]*)>", xml_start)
    if match is None:
        raise Unsupported(f"нет корневого элемента <{root.decode()}>")
    prefix = match.group(1) or b""
    declaration = b"xmlns" + (b":" + prefix[:-1] if prefix else b"")
    if attributes(match.group(2)).get(declaration.decode()) != MAIN_NS.decode():
        raise Unsupported("корневой элемент не из пространства имён SpreadsheetML")
    return prefix


def attributes(tag: bytes) -> dict[str, str]:
    """Attributes of one start tag (or of its inside), names as written, values unescaped."""
    found: dict[str, str] = {}
    for match in _ATTR.finditer(tag):
        raw = match.group(2) if match.group(2) is not None else match.group(3)
        found[match.group(1).decode()] = unescape(raw.decode())
    return found


def with_attributes(tag: bytes, changes: dict[str, str | None]) -> bytes:
    """The start tag with attributes set (appended when new) or removed (value None)."""
    pending = dict(changes)

    def replace(match: re.Match[bytes]) -> bytes:
        name = match.group(1).decode()
        if name not in pending:
            return match.group(0)
        value = pending.pop(name)
        return b"" if value is None else f' {name}="{escape_attr(value)}"'.encode()

    head = _SPACED_ATTR.sub(replace, tag)
    extra = "".join(f' {n}="{escape_attr(v)}"' for n, v in pending.items() if v is not None)
    end = len(head) - (2 if head.endswith(b"/>") else 1)
    return head[:end] + extra.encode() + head[end:]


def unescape(text: str) -> str:
    """Resolve the five XML entities and character references."""
    if "&" not in text:
        return text

    def resolve(match: re.Match[str]) -> str:
        ref = match.group(1)
        if ref.startswith("#x"):
            return chr(int(ref[2:], 16))
        if ref.startswith("#"):
            return chr(int(ref[1:]))
        return _ENTITIES[ref]

    return _CHAR_REF.sub(resolve, text)


def escape_text(text: str) -> str:
    """Element content: markup characters escaped, CR kept as a reference (parsers drop it)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;") if "\r" in text else text


def escape_attr(text: str) -> str:
    """Attribute value in double quotes (whitespace kept as references, not normalised)."""
    return text.translate(_ATTR_ESCAPES)


def clean_text(text: str) -> str:
    """Text as the openpyxl path stores it: control and non-XML characters dropped, capped."""
    text = _NOT_XML.sub("", text)
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 1] + "…"
    return text


@lru_cache(maxsize=4096)
def column_number(letters: str) -> int:
    """Column letters → 1-based number (A → 1)."""
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


@lru_cache(maxsize=4096)
def column_index(letters: bytes) -> int:
    """Column letters as bytes → 0-based index (b"A" → 0)."""
    return column_number(letters.decode("ascii")) - 1


def split_ref(ref: str) -> tuple[int, int]:
    """ "B7" → (row 7, 0-based column 1); Unsupported when it is not a single-cell address."""
    match = _A1.match(ref.strip())
    if match is None:
        raise Unsupported(f"не адрес ячейки: {ref!r}")
    return int(match.group(2)), column_number(match.group(1)) - 1


def split_range(ref: str) -> tuple[int, int, int, int]:
    """ "A1:C4" (or "B2") → (first row, first 0-based column, last row, last column)."""
    first, _, last = ref.partition(":")
    top, left = split_ref(first)
    bottom, right = split_ref(last) if last else (top, left)
    return min(top, bottom), min(left, right), max(top, bottom), max(left, right)


def element_pattern(prefix: bytes, name: bytes) -> re.Pattern[bytes]:
    """One element `name` (self-closing or with content, not nested in itself); group 1 = the
    start tag's attributes, group 2 = the content (None when self-closing)."""
    tag = re.escape(prefix + name)
    return re.compile(rb"<" + tag + rb"\b([^>]*?)(?:/>|>(.*?)</" + tag + rb">)", re.S)


def section_pattern(prefix: bytes, name: bytes) -> re.Pattern[bytes]:
    """The first element `name` with content: group 1 = start tag, group 2 = content."""
    tag = re.escape(prefix + name)
    return re.compile(rb"(<" + tag + rb"\b[^>]*>)(.*?)</" + tag + rb">", re.S)


def split_elements(content: bytes, pattern: re.Pattern[bytes]) -> list[re.Match[bytes]]:
    """The elements of a list (cells of a row, xfs of cellXfs); Unsupported when anything
    but whitespace sits between them."""
    found: list[re.Match[bytes]] = []
    position = 0
    for match in pattern.finditer(content):
        if content[position : match.start()].strip():
            raise Unsupported("неожиданное содержимое в списке элементов")
        found.append(match)
        position = match.end()
    if content[position:].strip():
        raise Unsupported("неожиданное содержимое после списка элементов")
    return found


def insertion_point(
    xml: bytes, prefix: bytes, root: bytes, before: tuple[bytes, ...], after: tuple[bytes, ...]
) -> int:
    """Where a new child of `root` goes in `xml`: after the last of the children the schema
    puts `before` it, at the first of those it puts `after` it (or an mc:AlternateContent,
    which wraps such children), else right before the root's end tag."""
    p = re.escape(prefix)
    start = 0
    for name in before:
        closing = rb"</" + p + name + rb">|<" + p + name + rb"\b[^>]*/>"
        for match in re.finditer(closing, xml):
            start = max(start, match.end())
    names = b"|".join(re.escape(name) for name in after)
    pattern = (
        rb"<(?:" + p + rb"(?:" + names + rb")\b|[\w.-]+:AlternateContent\b)|</" + p + root + b">"
    )
    found = re.compile(pattern).search(xml, start)
    if found is None:
        raise Unsupported(f"нет места для нового элемента в <{root.decode()}>")
    return found.start()
