"""The surgical .xlsx writer: every write to an existing workbook, as package edits.

patch.py drives it; book.py and parts.py know the package around the sheets (relationships,
content types, new parts); sheet.py, scan.py and tail.py stream one worksheet part; cells.py
makes one cell's XML; styles.py extends styles.xml; elements.py places worksheet element
edits by schema order; formats.py and sheet_elements.py turn the ChangeSet's layout into
such edits; notes.py writes header notes (comments + VML); workbook.py adds sheets, list
names and the layout stamp; helper.py fills the hidden list sheet; tables.py guards table
headers; xml.py holds the byte-level XML helpers.

Adding a layout element (e.g. ``autoFilter``, ``pageSetup``, ``printOptions``,
``headerFooter``, ``sheetPr/pageSetUpPr``):

1. write a rewrite function in sheet_elements.py: ``(old elements of that name, prefix) →
   new elements``; keep every byte of what is not ours and return `old` itself when ours
   is already as planned (that keeps re-runs idempotent), e.g. ``tab_colour``;
2. wrap it as ``ElementEdit(b"autoFilter", rewrite)``: the name must be in
   `elements.WORKSHEET_ORDER`, which decides where a new element goes (head or tail of
   the part, in CT_Worksheet order) — nothing else to place by hand;
3. append it to ``SheetLayout.edits`` in formats.py from the ChangeSet field that asks
   for it. Parts beyond the sheet (a defined name such as ``_xlnm.Print_Titles``, the
   active tab in workbook.xml) go through workbook.py / PartEdits the same way;
   a cell style of the header row goes through ``SheetLayout.header_style``.
"""
