"""Row generators of the large synthetic school (`demo_large`): activity sheets at scale.

Built for speed: shared day lists, bulk `choices` calls, no per-row date arithmetic loops.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from datetime import date, timedelta
from itertools import accumulate

from nastavnik.demo.grid import Row, dotted, school_days, spread
from nastavnik.demo.records import COMPETITIONS, PRACTICES, TRAINING
from nastavnik.demo.texts import (
    CONSULTATIONS,
    FEEDBACK_USEFUL,
    JOINT_EVENTS,
    LESSON_ASPECTS,
    ONLINE,
)
from nastavnik.demo.texts import STAGES as STAGE_NAMES
from nastavnik.sync.snapshot import Cell

TOPICS: dict[str, tuple[str, ...]] = {
    "встреча / консультация": CONSULTATIONS,
    "посещение урока наставляемого": tuple(f"Урок наставляемого: {a}" for a in LESSON_ASPECTS),
    "посещение урока наставника": tuple(f"Урок наставника: {a}" for a in LESSON_ASPECTS),
    "совместное мероприятие": JOINT_EVENTS,
    "дистанционная встреча": ONLINE,
}
FORMAT_WEIGHTS = (45, 22, 14, 8, 11)
MINUTES = (30, 40, 45, 45, 60, 90)


def misspell(code: str) -> str:
    """A look-alike of a pair code: Latin «l» for 1, Cyrillic «О» for 0 (НП-0l2 style), or a
    space for the hyphen."""
    if "1" in code:
        return code.replace("1", "l", 1)
    return code.replace("0", "О", 1) if "0" in code else code.replace("-", " ", 1)


def person(pair: Row, header: str) -> str:
    """The ФИО in a «Пары» cell without the planted Latin «a» (other sheets spell it right)."""
    return str(pair[header]).replace("a", "а")


def _finished(pair: Row) -> bool:
    return pair["Статус"] == "завершена"


def _start(pair: Row) -> date:
    start = pair["Дата начала"]
    assert isinstance(start, date)
    return start


def meeting_rows(
    pair_list: list[Row], codes: list[str], count: int, n: int, today: date, rng: random.Random
) -> list[Row]:
    """`count` meetings over the pairs' school days (weighted by span), sorted by date."""
    last_year = school_days(date(n - 1, 9, 1), date(n, 5, 29))
    this_year = school_days(date(n, 9, 1), today - timedelta(days=1))
    spans: list[tuple[list[date], int, int]] = []
    for pair in pair_list:
        days = last_year if _finished(pair) else this_year
        spans.append((days, bisect_left(days, _start(pair)), len(days)))
    weights = list(accumulate(hi - lo for _, lo, hi in spans))
    if count <= 0 or not weights or weights[-1] == 0:
        return []
    chosen = rng.choices(range(len(spans)), cum_weights=weights, k=count)
    formats = rng.choices(tuple(TOPICS), weights=FORMAT_WEIGHTS, k=count)
    drawn: list[tuple[date, int, str]] = []
    for index, fmt in zip(chosen, formats, strict=True):
        days, lo, hi = spans[index]
        drawn.append((days[lo + int(rng.random() * (hi - lo))], index, fmt))
    drawn.sort()
    rows: list[Row] = [
        {
            "Дата": day,
            "Код пары": codes[index],
            "Формат": fmt,
            "Тема": rng.choice(TOPICS[fmt]),
            "Продолжительность, мин": rng.choice(MINUTES),
        }
        for day, index, fmt in drawn
    ]
    _plant_mistakes(rows, n)
    return rows


def _plant_mistakes(rows: list[Row], n: int) -> None:
    for index in range(0, len(rows), 53):
        day = rows[index]["Дата"]
        if isinstance(day, date):
            rows[index]["Дата"] = dotted(day)
    for index in range(7, len(rows), 997):
        rows[index]["Код пары"] = misspell(str(rows[index]["Код пары"]))
    for index in range(11, len(rows), 1499):
        rows[index]["Дата"] = f"31.02.{n}"


def feedback_rows(
    pair_list: list[Row], codes: list[str], n: int, today: date, rng: random.Random
) -> list[Row]:
    """December and April waves, both respondents, ~3% missing, a few scores of 11."""
    waves = [d for d in (date(n - 1, 12, 15), date(n, 4, 15), date(n, 12, 15)) if d <= today]
    rows: list[Row] = []
    for day in waves:
        finished_wave = day < date(n, 9, 1)
        for pair, code in zip(pair_list, codes, strict=True):
            if _finished(pair) != finished_wave or _start(pair) > day:
                continue
            for respondent in ("наставник", "наставляемый"):
                if rng.random() < 0.03:
                    continue
                score = 11 if len(rows) % 499 == 7 else rng.randint(6, 10)
                rows.append(
                    {
                        "Дата": day,
                        "Код пары": code,
                        "Респондент": respondent,
                        "Удовлетворённость участием (1–10)": score,
                        "Полезность встреч (1–10)": rng.randint(5, 10),
                        "Что было полезно": rng.choice(FEEDBACK_USEFUL),
                    }
                )
    return rows


def _scores(rng: random.Random, base: int) -> list[Cell]:
    scores: list[Cell] = [min(10, base + rng.randint(0, 3)) for _ in range(3)]
    return [*scores, rng.randint(2, 7)]


def assessment_rows(pair_list: list[Row], n: int, today: date, rng: random.Random) -> list[Row]:
    """Input assessment in October; a final one in May for last year's participants."""
    headers = (
        "Профессиональные компетенции (1–10)",
        "Методическая готовность (1–10)",
        "Удовлетворённость профессией (1–10)",
        "Профессиональное выгорание (1–10)",
    )
    seen: set[tuple[object, bool]] = set()
    rows: list[Row] = []
    for pair in pair_list:
        finished = _finished(pair)
        for fio in (person(pair, "Наставник"), person(pair, "Наставляемый")):
            if (fio, finished) in seen:
                continue
            seen.add((fio, finished))
            stages = [("входная", date(n - 1 if finished else n, 10, 10), 4)]
            if finished:
                stages.append(("итоговая", date(n, 5, 15), 6))
            for stage, day, base in stages:
                if day <= today:
                    scores = dict(zip(headers, _scores(rng, base), strict=True))
                    rows.append({"ФИО": fio, "Дата": day, "Этап": stage, **scores})
    return rows


def incentive_rows(pair_list: list[Row], today: date) -> list[Row]:
    """One row per mentor per school month with an active pair (before today's month)."""
    counts: dict[tuple[str, date], int] = {}
    this_month = today.replace(day=1)
    for pair in pair_list:
        end = pair["Дата фактического завершения"] or pair["Дата окончания (план)"]
        assert isinstance(end, date)
        month = _start(pair).replace(day=1)
        while month <= end and month < this_month:
            if month.month not in (6, 7, 8):
                key = (person(pair, "Наставник"), month)
                counts[key] = counts.get(key, 0) + 1
            month = (month + timedelta(days=32)).replace(day=1)
    return [
        {"Наставник": mentor, "Месяц": month, "Сумма, руб.": 2000 + 1000 * (count - 1)}
        for (mentor, month), count in sorted(counts.items(), key=lambda kv: kv[0][1])
    ]


def programme_and_stage_rows(
    pair_list: list[Row], codes: list[str], today: date, rng: random.Random
) -> tuple[list[Row], list[Row]]:
    """Programmes for four pairs in five, with 3–5 stages each (done when due)."""
    programmes: list[Row] = []
    stage_rows: list[Row] = []
    for index, (pair, pair_code) in enumerate(zip(pair_list, codes, strict=True)):
        if index % 5 == 4:
            continue
        code = f"ПР-{len(programmes) + 1:03d}"
        start, end = _start(pair), pair["Дата окончания (план)"]
        assert isinstance(end, date)
        finished = _finished(pair)
        programmes.append(
            {
                "Код программы": code if len(programmes) < 10 else None,
                "Код пары": pair_code,
                "Название": "ИОМ молодого специалиста",
                "Цель": "Адаптация и профессиональный рост наставляемого",
                "Дата начала": start,
                "Дата окончания": end,
                "Статус": "завершена" if finished else "реализуется",
                "Дата утверждения": start + timedelta(days=14),
            }
        )
        days = [start + timedelta(days=30 * k) for k in range(1, 9)]
        for name, due in zip(STAGE_NAMES, spread(days, rng.randint(3, 5)), strict=False):
            done = due < today
            stage_rows.append(
                {
                    "Код программы": code,
                    "Этап / мероприятие": name,
                    "Срок": due,
                    "Отметка о выполнении": "выполнено" if done else None,
                    "Дата выполнения": due if done else None,
                }
            )
    return programmes, stage_rows


def _past_day(n: int, today: date, rng: random.Random) -> date:
    day = date(n - 1, 9, 1) + timedelta(days=rng.randrange(400))
    return min(day, today)


def other_rows(
    names: list[str], codes: list[str], n: int, today: date, rng: random.Random
) -> dict[str, list[Row]]:
    """«Повышение квалификации», «Конкурсы», «Лучшие практики» at scale."""
    training: list[Row] = [
        {
            "ФИО": rng.choice(names),
            "Вид": entry[1],
            "Тема": entry[2],
            "Организация": entry[3],
            "Часы": entry[4],
            "Дата окончания": _past_day(n, today, rng),
        }
        for entry in (rng.choice(TRAINING) for _ in range(len(names) // 2))
    ]
    contests: list[Row] = [
        {
            "Дата": _past_day(n, today, rng),
            "Участники": rng.choice(names) if i % 2 else ", ".join(rng.sample(codes, 2)),
            "Конкурс / программа": entry[2],
            "Уровень": entry[3],
            "Результат": entry[4] or None,
        }
        for i, entry in enumerate(rng.choice(COMPETITIONS) for _ in range(len(codes) // 20))
    ]
    practices: list[Row] = [
        {
            "Название": e[0],
            "Вид": e[1],
            "Авторы": rng.choice(names),
            "Дата": _past_day(n, today, rng),
        }
        for e in (rng.choice(PRACTICES) for _ in range(50))
    ]
    return {"training": training, "competitions": contests, "practices": practices}
