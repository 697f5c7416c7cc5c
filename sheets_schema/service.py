"""Service-owned sheets: rewritten by every sync (the journal is appended)."""

from __future__ import annotations

from nastavnik.sheets_schema.base import service_spec
from nastavnik.sheets_schema.columns import ValueType as T
from nastavnik.sheets_schema.columns import calc
from nastavnik.sheets_schema.palette import ATTENTION_LEVELS, PROBLEM_LEVELS

OVERWRITE_NOTE = (
    "Лист заполняется автоматически при каждой синхронизации; правки здесь будут потеряны."
)

SUMMARY = service_spec(
    "Сводка",
    (calc("Раздел", width=24), calc("Показатель", width=60), calc("Значение", T.NUMBER, width=14)),
    OVERWRITE_NOTE,
)
ATTENTION = service_spec(
    "Просрочено",
    (
        calc("Источник", width=18),
        calc("Что", width=60),
        calc("Ответственный", width=40),
        calc("Срок", T.DATE, width=14),
        calc("Просрочено, дней", T.INT, width=10),
        calc("Уровень", width=12, states=ATTENTION_LEVELS),
        calc("Где", width=24),
    ),
    OVERWRITE_NOTE,
)
ERRORS = service_spec(
    "Ошибки",
    (
        calc("Лист", width=20),
        calc("Ячейка", width=8),
        calc("Столбец", width=26),
        calc("Значение", width=24),
        calc("Уровень", width=16, states=PROBLEM_LEVELS),
        calc("Проблема", width=50),
        calc("Как исправить", width=50),
        calc("Ссылка", width=20),
    ),
    OVERWRITE_NOTE,
)
MONITORING = service_spec(
    "Мониторинг",
    (calc("Раздел", width=24), calc("Показатель", width=56)),  # + one column per academic year
    OVERWRITE_NOTE,
)
JOURNAL = service_spec(
    "Журнал синхронизации",
    (
        calc("Время", width=18),
        calc("Команда", width=12),
        calc("Результат", width=16),
        calc("Строк прочитано", T.INT, width=10),
        calc("Ошибок", T.INT, width=8),
        calc("Предупреждений", T.INT, width=8),
        calc("Просрочено", T.INT, width=8),
        calc("Ячеек изменено", T.INT, width=8),
        calc("Запросов к API", T.INT, width=8),
        calc("Длительность, с", T.NUMBER, width=8),
    ),
    "Одна строка на каждый запуск; строки добавляются в конец.",
)
REPORTS = service_spec(
    "Отчёты",
    (
        calc("Учебный год", width=12),
        calc("Дата отчёта", T.DATE, width=14),
        calc("Показатель", width=56),
        calc("Значение", T.NUMBER, width=14),
    ),
    "Показатели, сданные в годовом отчёте (записывает «nastavnik report»); строки добавляются в "
    "конец. Если позже данные изменятся, на листе «Ошибки» появится предупреждение.",
)
