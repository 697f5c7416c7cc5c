"""The local .xlsx edge (the embedded default storage).

Public face: `XlsxWorkbook` (backend.py). Inside: files.py (file safety: format checks, lock
files, fingerprints, atomic replace), cells.py (cell values in and out), layout.py (widths, notes,
dropdowns, colours, the layout stamp), and writer/ (the surgical writer: edits the zip package in
place, copying every part and cell it does not change byte for byte).
"""

from __future__ import annotations

from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook

__all__ = ["XlsxWorkbook"]
