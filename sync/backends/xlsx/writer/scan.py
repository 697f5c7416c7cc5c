"""Reading a worksheet part in chunks for the streaming writer (see backends/xlsx/writer/sheet.py).

`prescan` reads the whole part once, before anything is written, to learn what comes after
the cells and to make sure the part holds nothing the byte-level patcher does not handle.
`Scanner` then walks the part again while it is copied: what the patcher does not take
is written out verbatim.
"""

from __future__ import annotations

import re
from typing import IO, Protocol

from nastavnik.sync.backends.xlsx.writer.xml import Unsupported, root_prefix

CHUNK = 1 << 20
_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>")
_ROOT = re.compile(rb"worksheet\b[^>]*>")  # the root element's start tag is complete


def prescan(source: IO[bytes]) -> tuple[bytes, bytes]:
    """(namespace prefix, everything after the cells) of a worksheet part, read once."""
    data = b""
    while not _ROOT.search(data) and (chunk := source.read(CHUNK)):
        data += chunk
    prefix = root_prefix(data, b"worksheet")
    declaration = _DECLARATION.match(data)
    data = data[declaration.end() :] if declaration else data
    ends = re.compile(
        rb"</" + re.escape(prefix) + rb"sheetData>|<" + re.escape(prefix) + rb"sheetData\b[^>]*/>"
    )
    window, tail, last = b"", list[bytes](), b""
    found = False
    while data:
        if b"<!" in last + data or b"<?" in last + data:
            raise Unsupported("в листе есть XML-комментарий, CDATA или инструкция обработки")
        last = data[-1:]
        if found:
            tail.append(data)
        else:
            window += data
            match = ends.search(window)
            if match:
                found, tail = True, [window[match.end() :]]
            else:
                window = window[-1024:]
        data = source.read(CHUNK)
    if not found:
        raise Unsupported("у данных листа нет конца <sheetData>")
    return prefix, b"".join(tail)


class Sink(Protocol):
    """Where a patched part goes (a zip member, through a buffer)."""

    def write(self, data: bytes, /) -> int:
        """Append `data`."""
        ...


class Scanner:
    """A window on the part: `buf[emitted:pos]` is verbatim and not yet written out."""

    def __init__(self, source: IO[bytes], out: Sink) -> None:
        self._source = source
        self._out = out
        self.buf = b""
        self.pos = 0
        self.emitted = 0

    def search(self, pattern: re.Pattern[bytes]) -> re.Match[bytes] | None:
        """The next match from `pos`, reading on; what lies before it stays verbatim."""
        while True:
            match = pattern.search(self.buf, self.pos)
            if match is not None:
                return match
            keep = self.buf.rfind(b"<", self.pos)
            self.pos = len(self.buf) if keep < 0 else keep  # a tag may be cut at the end
            if not self._fill():
                return None

    def find(self, needle: bytes, start: int) -> int:
        """Index of `needle` at or after `start` (the buffer may shift: use the result)."""
        while True:
            found = self.buf.find(needle, start)
            if found >= 0:
                return found
            start = max(start, len(self.buf) - len(needle) + 1) - self.pos
            if not self._fill():
                raise Unsupported(f"незакрытый элемент: нет {needle.decode()}")

    def read_until(self, pattern: re.Pattern[bytes]) -> re.Match[bytes] | None:
        """The first match in the part from its start, reading as far as needed (no output)."""
        while (match := pattern.search(self.buf)) is None:
            data = self._source.read(CHUNK)
            if not data:
                return None
            self.buf += data
        return match

    def take(self, end: int) -> bytes:
        """Consume `buf[pos:end]` (flushing the verbatim bytes before it first)."""
        self.flush()
        taken = self.buf[self.pos : end]
        self.pos = self.emitted = end
        return taken

    def flush(self) -> None:
        """Write the verbatim bytes up to `pos`."""
        if self.pos > self.emitted:
            self._out.write(self.buf[self.emitted : self.pos])
        self.emitted = self.pos

    def rest(self) -> bytes:
        """Everything from `pos` to the end of the part."""
        self.flush()
        parts = [self.buf[self.pos :]]
        while chunk := self._source.read(CHUNK):
            parts.append(chunk)
        self.buf, self.pos, self.emitted = b"", 0, 0
        return b"".join(parts)

    def _fill(self) -> bool:
        data = self._source.read(CHUNK)
        if not data:
            return False
        self.flush()
        self.buf = self.buf[self.pos :] + data
        self.pos = self.emitted = 0
        return True
