"""The surgical .xlsx writer: planned cells patched into the zip package, everything else copied.

patch.py drives it; book.py knows the package around the sheets; sheet.py, scan.py and tail.py
stream one worksheet part; cells.py makes one cell's XML; styles.py extends styles.xml; xml.py holds
the byte-level XML helpers.
"""
