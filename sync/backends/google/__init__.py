"""The Google Sheets edge: a shared spreadsheet as a `Workbook` (gspread, google-auth).

Public face: `GoogleWorkbook` and `open_google` (backend.py). Inside: auth.py (targets and
credentials), http.py (retry, rate limit, Russian errors), read.py (metadata, values, row guard),
cells.py and layout.py (batchUpdate requests), model.py (what we know between read and write).
"""

from __future__ import annotations

from nastavnik.sync.backends.google.auth import is_google_target
from nastavnik.sync.backends.google.backend import GoogleWorkbook, open_google

__all__ = ["GoogleWorkbook", "is_google_target", "open_google"]
