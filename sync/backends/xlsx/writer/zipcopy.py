"""Copying a zip member the ChangeSet does not touch: its compressed bytes as they are.

A part nobody edits is not inflated and deflated again: its local header is rewritten for
its new position and its compressed data copied byte for byte, so the part keeps exactly
the bytes (and CRC) it had. Members this cannot copy plainly — encrypted, zip64, or with
extra fields — are copied by decompressing and recompressing instead (same content).
"""

from __future__ import annotations

import shutil
import struct
import zipfile

_LOCAL_HEADER = b"PK\x03\x04"
_DATA_DESCRIPTOR = 0x08
_ENCRYPTED = 0x01
_LIMIT = (1 << 31) - 1


def copy_member(
    data: bytes, archive: zipfile.ZipFile, info: zipfile.ZipInfo, out: zipfile.ZipFile
) -> None:
    """Copy member `info` of `archive` (whose bytes are `data`) into `out` unchanged."""
    raw = _raw(data, info)
    if raw is None or out.fp is None:
        with archive.open(info) as source, out.open(like(info), "w") as target:
            shutil.copyfileobj(source, target, 1 << 20)
        return
    entry = like(info)
    entry.CRC = info.CRC
    entry.compress_size = info.compress_size
    entry.flag_bits = info.flag_bits & ~_DATA_DESCRIPTOR  # sizes are in the header now
    entry.extract_version = info.extract_version
    entry.header_offset = out.fp.tell()
    out.fp.write(entry.FileHeader(False))
    out.fp.write(raw)
    out.filelist.append(entry)
    out.NameToInfo[entry.filename] = entry
    out.start_dir = out.fp.tell()


def like(
    info: zipfile.ZipInfo, when: tuple[int, int, int, int, int, int] | None = None
) -> zipfile.ZipInfo:
    """A new member like `info` (name, date or `when`, compression, attributes)."""
    entry = zipfile.ZipInfo(info.filename, when or info.date_time)
    entry.compress_type = info.compress_type
    entry.external_attr = info.external_attr
    entry.create_system = info.create_system
    entry.comment = info.comment
    entry.file_size = info.file_size  # a size hint: zip64 is chosen from it
    return entry


def _raw(data: bytes, info: zipfile.ZipInfo) -> memoryview | None:
    """The member's compressed bytes in `data`, or None when it cannot be copied plainly."""
    plain = not (info.flag_bits & _ENCRYPTED) and not info.extra
    small = max(info.file_size, info.compress_size, info.header_offset) < _LIMIT
    header = data[info.header_offset : info.header_offset + 30]
    if not (plain and small) or len(header) < 30 or not header.startswith(_LOCAL_HEADER):
        return None
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    start = info.header_offset + 30 + name_length + extra_length
    if start + info.compress_size > len(data):
        return None
    return memoryview(data)[start : start + info.compress_size]
