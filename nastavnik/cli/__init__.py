"""The console script `nastavnik`: app.py is the group, one module per command family
(workbook.py, jobs.py, reports.py), shared options in options.py."""

from __future__ import annotations

from nastavnik.cli.app import main

__all__ = ["main"]
