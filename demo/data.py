"""Demo data: a plausible school's registries as staff would have typed them, and a large
synthetic school for benchmarks.

`demo_grids(today)` gives one grid per registry sheet (title → rows, row 0 = headers). It is
deterministic for a given `today`, which is assumed to fall in the autumn of academic year
N/N+1: last year's pairs are finished (with final assessments and both feedback waves), this
year's are active. Key columns are mostly left blank — the service numbers them in row
order — and calc columns are left out (the service adds them). The data carries deliberate
mistakes, listed in `DEMO_MISTAKES` for the CLI to show.

The generators live in `demo_people` (staff), `demo_pairs` (pairs, programmes, stages),
`demo_activity` (meetings, feedback, assessment), `demo_records` (training, competitions,
incentives, practices) and `demo_large` (`large_grids`).
"""

from __future__ import annotations

import random
from datetime import date

from nastavnik.demo.activity import (
    BAD_PAIR_CODE,
    assessment_rows,
    feedback_rows,
    meeting_rows,
)
from nastavnik.demo.grid import ORGANISATION, Grid, Row, dotted, to_grid, year_start
from nastavnik.demo.large import large_grids
from nastavnik.demo.pairs import (
    demo_pairs,
    demo_programmes,
    pair_rows,
    programme_rows,
    stage_rows,
)
from nastavnik.demo.people import responsible_rows, teacher_rows
from nastavnik.demo.records import competition_rows, incentive_rows, practice_rows, training_rows
from nastavnik.demo.survey import FORM_SHEET, SETTING_ROW, form_grid, split_wave_in_progress
from nastavnik.sheets_schema.seed_roadmap import ROADMAP_ITEMS
from nastavnik.sheets_schema.sheets import (
    assessment,
    competitions,
    feedback,
    incentives,
    meetings,
    pairs,
    plan_graph,
    practices,
    programmes,
    responsibles,
    roadmap,
    settings,
    stages,
    teachers,
    training,
)
from nastavnik.sheets_schema.sheets.settings import Settings

__all__ = ["BAD_PAIR_CODE", "DEMO_MISTAKES", "DEMO_SEED", "demo_grids", "large_grids"]

DEMO_SEED = 20240901
STAFF_COLUMN = "Примечание"  # staff's own column in «Педагоги»: ignored by the service

# Staff moved columns around on two sheets (the service finds columns by header).
MEETINGS_ORDER = (
    "Код пары", "Дата", "Формат", "Тема", "Продолжительность, мин", "Итоги и рекомендации",
)  # fmt: skip
TRAINING_ORDER = (
    "ФИО", "Дата окончания", "Вид", "Тема", "Часы", "Организация", "Документ", "Форма",
)  # fmt: skip

DEMO_MISTAKES: tuple[str, ...] = (
    "«Педагоги»: «Комаров Виктор Иванович» записан дважды — ошибка в обеих строках.",
    "«Педагоги»: у Кузнецовой О. П. категория введена сокращённо «высш.», у Алексеевой Н. И. — "
    "«Первая» с заглавной: это не ошибки, служба понимает их как «высшая» и «первая».",
    "«Педагоги»: Киселёва А. Е. нуждается в наставнике (после перерыва в работе), а пары у неё "
    "нет — после 30 сентября она в списке «Просрочено»; там же Борисова Е. А.: её пара НП-015 "
    "ещё только «планируется».",
    "«Пары»: в НП-010 в ФИО наставника «Алексеевa» последняя «a» — латинская; ФИО не совпадает "
    "с листом «Педагоги» (поэтому и строка «Стимулирование» за сентябрь получит предупреждение).",
    "«Пары»: в НП-007 и НП-009 наставник записан как «Семенова» (через «е») с лишними пробелами, "
    "в НП-013 наставляемая — «Федорова»: это не ошибки, служба их прощает.",
    "«Пары»: НП-011 действует, а «Приказ №» не заполнен — ошибка (приказ издаётся с согласия "
    "участников).",
    "«Пары»: у НП-013 нет доп. соглашения к трудовому договору — предупреждение.",
    "«Пары»: у НП-006 плановый срок окончания прошёл, а статус всё ещё «действует».",
    "«Пары»: у НП-014 больше 40 дней не было встреч.",
    "«Пары»: у НП-012 нет программы — после срока разработки (30 ноября) попадёт в «Просрочено».",
    f"«Встречи»: код пары «{BAD_PAIR_CODE}» набран с латинской «l» вместо единицы — такой пары "
    "нет.",
    "«Встречи»: дата «31.02» — такого дня нет, это ошибка, а не догадка.",
    "«Встречи», «Педагоги», «Пары»: часть дат введена текстом («01.09.2025», «1 сентября 2025 "
    "г.») — это не ошибка.",
    "«Этапы программ»: этап «Открытый урок наставляемого для МО» программы пары НП-014 просрочен.",
    "«Обратная связь»: оценка 11 по шкале 1–10 (НП-004, наставник, апрель).",
    "«Обратная связь»: нет ответов наставляемых НП-003 и НП-004 в декабре и наставника НП-006 в "
    "апреле.",
    "«Ответственные»: у председателя комиссии по стимулирующим выплатам не указан Email — "
    "напоминания ему не уйдут.",
)


def _roadmap_rows() -> list[Row]:
    return [
        {
            "№ п/п": item.number,
            "Мероприятие": item.activity,
            "Сроки": item.deadline,
            "Ответственные": item.responsible,
        }
        for item in ROADMAP_ITEMS
    ]


def _settings_rows() -> list[Row]:
    """The demo school has kept the registry since the roadmap began, so its overdue items
    (the latest past deadlines, left unmarked) stay overdue."""
    return [
        {"Параметр": settings.ORGANISATION, "Значение": ORGANISATION},
        {"Параметр": settings.REGISTRY_START, "Значение": dotted(Settings.period_start)},
        SETTING_ROW,
    ]


def demo_grids(today: date) -> dict[str, Grid]:
    """One grid per registry sheet of the demo school, as of `today` (deterministic)."""
    rng = random.Random(DEMO_SEED)
    n = year_start(today)
    demo = demo_pairs(n, today)
    progs = demo_programmes(demo)
    grids = {
        teachers.TITLE: to_grid(teachers.SPEC, teacher_rows(n, rng), extra=(STAFF_COLUMN,)),
        pairs.TITLE: to_grid(pairs.SPEC, pair_rows(demo)),
        programmes.TITLE: to_grid(programmes.SPEC, programme_rows(progs, today)),
        stages.TITLE: to_grid(stages.SPEC, stage_rows(progs, today, rng)),
        meetings.TITLE: to_grid(meetings.SPEC, meeting_rows(demo, n, rng), MEETINGS_ORDER),
    }
    typed, sent = split_wave_in_progress(feedback_rows(demo, n, today, rng), today)
    return {
        **grids,
        feedback.TITLE: to_grid(feedback.SPEC, typed),
        assessment.TITLE: to_grid(assessment.SPEC, assessment_rows(demo, n, today, rng)),
        training.TITLE: to_grid(training.SPEC, training_rows(n, today), TRAINING_ORDER),
        competitions.TITLE: to_grid(competitions.SPEC, competition_rows(n, today)),
        incentives.TITLE: to_grid(incentives.SPEC, incentive_rows(demo, today, rng)),
        practices.TITLE: to_grid(practices.SPEC, practice_rows(n, today)),
        roadmap.TITLE: to_grid(roadmap.SPEC, _roadmap_rows()),
        plan_graph.TITLE: [[col.header for col in plan_graph.SPEC.columns]],  # filled by sync
        responsibles.TITLE: to_grid(responsibles.SPEC, responsible_rows()),
        settings.TITLE: to_grid(settings.SPEC, _settings_rows()),
        FORM_SHEET: form_grid(sent, demo),  # the survey form's own sheet (demo/survey.py)
    }
