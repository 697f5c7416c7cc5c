"""WHAT it tells: the annual analytical report (.docx), the public page, and their charts.

model.py holds every figure of one academic year (pure); sections.py, rules.py and docx.py write the
report; public.py and publish.py the anonymised page; charts.py and figures.py draw the charts.
"""
