"""The small parts of a package the writer edits in memory: relationships, content types,
new parts. Everything is byte-level (see writer/xml.py): an edited part keeps every byte
it does not have to change, and a part nobody edits is copied as it was.
"""

from __future__ import annotations

import posixpath
import re
import zipfile

from nastavnik.sync.backends.xlsx.writer.xml import Unsupported, attributes, escape_attr

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_TYPE = REL_NS + "/"
_PACKAGE_RELS = b"http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES = "[Content_Types].xml"
_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship\b([^>]*?)/?>")
_ROOT_END = re.compile(rb"</(?:[\w.-]+:)?(Relationships|Types)>\s*$")


class PartEdits:
    """Parts changed or added in memory over a read-only package (`changed` is the result)."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive
        self.changed: dict[str, bytes] = {}
        self.added: list[str] = []  # new parts, in the order they were made

    def exists(self, part: str) -> bool:
        """True when `part` is in the package (or was added)."""
        return part in self.changed or part in self._archive.NameToInfo

    def read(self, part: str) -> bytes:
        """The part as it is now (edited or original)."""
        if part in self.changed:
            return self.changed[part]
        if part not in self._archive.NameToInfo:
            raise Unsupported(f"в пакете нет части {part}")
        data = self._archive.read(part)
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise Unsupported(f"объявление DTD в части {part}")
        return data

    def write(self, part: str, data: bytes) -> None:
        """Set the part's new bytes (a part written back unchanged stays untouched)."""
        original = part in self._archive.NameToInfo and part not in self.changed
        if original and self._archive.read(part) == data:
            return
        if not self.exists(part):
            self.added.append(part)
        self.changed[part] = data

    def free_name(self, pattern: str) -> str:
        """The first `pattern.format(n)` (n = 1, 2, …) not in the package."""
        number = 1
        while self.exists(pattern.format(number)):
            number += 1
        return pattern.format(number)

    def relate(self, source: str, kind: str, target: str) -> str:
        """The Id of a relationship of type `kind` from `source` to the part `target`,
        added to the source's .rels part (made when missing) unless it is there already."""
        rels = rels_part(source)
        relative = posixpath.relpath(target, posixpath.dirname(source) or ".")
        if source == "":
            relative = target
        xml = self.read(rels) if self.exists(rels) else _empty_rels()
        taken: set[str] = set()
        for match in _RELATIONSHIP.finditer(xml):
            found = attributes(match.group(1))
            taken.add(found.get("Id", ""))
            if found.get("Type") == REL_TYPE + kind and _same_target(found, source, target):
                return found.get("Id", "")
        number = 1
        while f"rId{number}" in taken:
            number += 1
        rid = f"rId{number}"
        entry = (
            f'<Relationship Id="{rid}" Type="{REL_TYPE}{kind}" Target="{escape_attr(relative)}"/>'
        )
        self.write(rels, _append(xml, entry.encode()))
        return rid

    def targets(self, source: str, kind: str) -> dict[str, str]:
        """Id → target part of the relationships of type `kind` from `source`."""
        rels = rels_part(source)
        if not self.exists(rels):
            return {}
        found: dict[str, str] = {}
        for match in _RELATIONSHIP.finditer(self.read(rels)):
            values = attributes(match.group(1))
            if values.get("Type") == REL_TYPE + kind and values.get("TargetMode") != "External":
                found[values.get("Id", "")] = resolve(source, values.get("Target", ""))
        return found

    def declare(self, part: str, content_type: str) -> None:
        """An Override for a new part in [Content_Types].xml."""
        xml = self.read(_CONTENT_TYPES)
        if re.search(rb'PartName\s*=\s*["\']/' + re.escape(part.encode()) + rb'["\']', xml):
            return
        entry = f'<Override PartName="/{part}" ContentType="{content_type}"/>'
        self.write(_CONTENT_TYPES, _append(xml, entry.encode()))

    def declare_extension(self, extension: str, content_type: str) -> None:
        """A Default for an extension in [Content_Types].xml, unless one is there."""
        xml = self.read(_CONTENT_TYPES)
        pattern = rb'Extension\s*=\s*["\']' + re.escape(extension.encode()) + rb'["\']'
        if re.search(pattern, xml, re.I):
            return
        entry = f'<Default Extension="{extension}" ContentType="{content_type}"/>'
        head = re.search(rb"<(?:[\w.-]+:)?Types\b[^>]*>", xml)
        if head is None:
            raise Unsupported("в [Content_Types].xml нет корневого элемента")
        self.write(_CONTENT_TYPES, xml[: head.end()] + entry.encode() + xml[head.end() :])


def rels_part(part: str) -> str:
    """The relationships part of `part` ("" is the package itself)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(source: str, target: str) -> str:
    """The part a relationship Target of `source` names."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _same_target(found: dict[str, str], source: str, target: str) -> bool:
    return found.get("TargetMode") != "External" and resolve(source, found["Target"]) == target


def _empty_rels() -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Relationships xmlns="' + _PACKAGE_RELS + b'"></Relationships>'
    )


def _append(xml: bytes, entry: bytes) -> bytes:
    """`entry` as the last child of the root (Relationships or Types)."""
    end = _ROOT_END.search(xml)
    if end is None or b":" in end.group(0):
        raise Unsupported("необычная запись части связей или типов содержимого")
    return xml[: end.start()] + entry + xml[end.start() :]
