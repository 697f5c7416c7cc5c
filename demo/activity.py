"""What the demo pairs did: «Встречи», «Обратная связь», «Оценка»."""

from __future__ import annotations

import random
from datetime import date, timedelta

from nastavnik.demo.grid import Row, dotted, in_words, school_days
from nastavnik.demo.pairs import DemoPair
from nastavnik.demo.texts import (
    CONSULTATIONS,
    FEEDBACK_IMPROVE,
    FEEDBACK_USEFUL,
    JOINT_EVENTS,
    LESSON_ASPECTS,
    ONLINE,
    OUTCOMES,
)

MEETING_TARGET = 300
BAD_PAIR_CODE = "НП-0l2"  # «НП-012» typed with a Latin «l» (deliberate mistake)
BAD_CODE_OF = "НП-012"
SCORE_11_PAIR = "НП-004"  # its mentor's April satisfaction is 11 (deliberate mistake)
MISSING_FEEDBACK = frozenset(
    {
        ("НП-003", 12, "наставляемый"),
        ("НП-006", 4, "наставник"),
        ("НП-004", 12, "наставляемый"),
    }
)

FORMATS = (
    "встреча / консультация",
    "посещение урока наставляемого",
    "посещение урока наставника",
    "совместное мероприятие",
    "дистанционная встреча",
)
FORMAT_WEIGHTS = (45, 22, 14, 8, 11)
MINUTES = {
    "встреча / консультация": (30, 40, 45, 60),
    "посещение урока наставляемого": (40, 45),
    "посещение урока наставника": (40, 45),
    "совместное мероприятие": (60, 90, 120),
    "дистанционная встреча": (20, 30, 45),
}
TYPED_FORMAT = {"встреча / консультация": "консультация", "дистанционная встреча": "онлайн"}


def meeting_days(pair: DemoPair) -> list[date]:
    """School days on which the pair could have met."""
    return school_days(pair.start, pair.meet_until) if pair.meet_until else []


def allocate(weights: list[int], total: int) -> list[int]:
    """Split `total` in proportion to `weights`: at least 1 for a non-zero weight, never more
    than the weight itself (one meeting a day at most)."""
    whole = sum(weights) or 1
    counts = [min(w, max(1, round(total * w / whole))) if w else 0 for w in weights]
    largest = max(range(len(weights)), key=lambda i: weights[i], default=0)
    if weights:
        counts[largest] = max(0, min(weights[largest], counts[largest] + total - sum(counts)))
    return counts


def _topic(fmt: str, primary: bool, rng: random.Random) -> str:
    grade = rng.randint(1, 4) if primary else rng.randint(5, 11)
    letter = rng.choice("АБВ")
    if fmt == "посещение урока наставляемого":
        return f"Урок в {grade}{letter} классе: {rng.choice(LESSON_ASPECTS)}"
    if fmt == "посещение урока наставника":
        return f"Открытый урок наставника в {grade}{letter} классе: {rng.choice(LESSON_ASPECTS)}"
    if fmt == "совместное мероприятие":
        return rng.choice(JOINT_EVENTS)
    if fmt == "дистанционная встреча":
        return rng.choice(ONLINE)
    return rng.choice(CONSULTATIONS)


def _meeting(pair: DemoPair, day: date, rng: random.Random) -> Row:
    online = pair.form.startswith("дистанционная") and rng.random() < 0.6
    fmt = "дистанционная встреча" if online else rng.choices(FORMATS, FORMAT_WEIGHTS)[0]
    typed = TYPED_FORMAT[fmt] if fmt in TYPED_FORMAT and rng.random() < 0.08 else fmt
    minutes = rng.choice(MINUTES[fmt]) if rng.random() < 0.9 else None
    return {
        "Дата": day,
        "Код пары": pair.code,
        "Формат": typed,
        "Тема": _topic(fmt, bool(pair.group) or pair.programme == "retrained", rng),
        "Продолжительность, мин": minutes,
        "Итоги и рекомендации": rng.choice(OUTCOMES) if rng.random() < 0.7 else None,
    }


def meeting_rows(pairs: list[DemoPair], n: int, rng: random.Random) -> list[Row]:
    """About `MEETING_TARGET` meetings spread over the pairs' active school days, by date."""
    spans = [meeting_days(p) for p in pairs]
    counts = allocate([len(s) for s in spans], MEETING_TARGET)
    rows: list[Row] = []
    for pair, days, count in zip(pairs, spans, counts, strict=True):
        chosen = rng.sample(days, count)
        if pair.kind == "idle" and days and days[-1] not in chosen:
            chosen[-1] = days[-1]  # its last meeting is exactly IDLE_DAYS ago (or before summer)
        rows.extend(_meeting(pair, day, rng) for day in sorted(chosen))
    rows.sort(key=lambda row: (row["Дата"], str(row["Код пары"])))
    _type_like_staff(rows, n)
    return rows


def _type_like_staff(rows: list[Row], n: int) -> None:
    """Dates typed as text here and there, a misspelt code and an impossible date."""
    for index, row in enumerate(rows):
        day = row["Дата"]
        if isinstance(day, date) and index % 37 == 5:
            row["Дата"] = dotted(day)
        elif isinstance(day, date) and index % 97 == 50:
            row["Дата"] = in_words(day)
    bad_code = next((r for r in rows if r["Код пары"] == BAD_CODE_OF), None)
    if bad_code is not None:
        bad_code["Код пары"] = BAD_PAIR_CODE
    dated = [(r, d) for r in rows if isinstance(d := r["Дата"], date)]
    late_february = [r for r, d in dated if d >= date(n, 2, 20)] or [r for r, _ in dated]
    late_february[0]["Дата"] = f"31.02.{n}"  # meant the end of February


def _waves(n: int, today: date, rng: random.Random) -> list[date]:
    waves = ((n - 1, 12), (n, 4), (n, 12), (n + 1, 4))
    return [d for y, m in waves if (d := date(y, m, rng.randint(10, 20))) <= today]


def _answers(pair: DemoPair, respondent: str, day: date, rng: random.Random) -> Row:
    satisfaction: int | str = rng.randint(7, 10)
    if pair.code == SCORE_11_PAIR and respondent == "наставник" and day.month == 4:
        satisfaction = 11
    elif rng.random() < 0.1:
        satisfaction = str(satisfaction)
    return {
        "Дата": day,
        "Код пары": pair.code,
        "Респондент": respondent,
        "Удовлетворённость участием (1–10)": satisfaction,
        "Полезность встреч (1–10)": rng.randint(6, 10),
        "Достижение целей программы (1–10)": rng.randint(5, 9) if rng.random() < 0.9 else None,
        "Что было полезно": rng.choice(FEEDBACK_USEFUL) if rng.random() < 0.8 else None,
        "Что улучшить": rng.choice(FEEDBACK_IMPROVE) if rng.random() < 0.5 else None,
    }


def feedback_rows(pairs: list[DemoPair], n: int, today: date, rng: random.Random) -> list[Row]:
    """December and April waves: both respondents of every pair active then (a few missing)."""
    rows: list[Row] = []
    for day in _waves(n, today, rng):
        for pair in pairs:
            active = pair.start <= day and (pair.actual_end is None or day <= pair.actual_end)
            if not active or pair.kind == "planned":
                continue
            for respondent in ("наставник", "наставляемый"):
                if (pair.code, day.month, respondent) not in MISSING_FEEDBACK:
                    rows.append(_answers(pair, respondent, day, rng))
    return rows


def _scores(mentor: bool, rng: random.Random) -> list[int]:
    """Competence, readiness, satisfaction, burnout at the input assessment."""
    if mentor:
        return [rng.randint(8, 9), rng.randint(8, 10), rng.randint(7, 9), rng.randint(3, 6)]
    return [rng.randint(4, 6), rng.randint(3, 6), rng.randint(5, 8), rng.randint(4, 7)]


def _assessment(fio: str, day: date, stage: str, scores: list[int], comment: str | None) -> Row:
    return {
        "ФИО": fio,
        "Дата": day,
        "Этап": stage,
        "Профессиональные компетенции (1–10)": scores[0],
        "Методическая готовность (1–10)": scores[1],
        "Удовлетворённость профессией (1–10)": scores[2],
        "Профессиональное выгорание (1–10)": scores[3],
        "Комментарий": comment,
    }


def _grown(scores: list[int], rng: random.Random) -> list[int]:
    better = [min(10, s + rng.randint(1, 3)) for s in scores[:3]]
    return [*better, max(1, scores[3] - rng.randint(1, 3))]


def _participants(pairs: list[DemoPair]) -> list[tuple[str, bool, DemoPair]]:
    seen: set[tuple[str, bool]] = set()
    people: list[tuple[str, bool, DemoPair]] = []
    for pair in pairs:
        for fio, mentor in ((pair.mentor, True), (pair.mentee, False)):
            key = (fio, pair.kind == "current")
            if pair.kind != "planned" and key not in seen:
                seen.add(key)
                people.append((fio, mentor, pair))
    return people


def _plan(pair: DemoPair, n: int, index: int) -> list[tuple[date, str]]:
    """When each participant of the pair was assessed: October input, May final; a pair that
    started in spring has its input at the start and goes on into this year."""
    october, may = 7 + index % 14, 12 + index % 14
    if pair.kind == "current":
        return [(date(n, 10, october), "входная")]
    if pair.kind == "stopped":
        return [(date(n - 1, 10, october), "входная")]
    if pair.kind == "prev":
        return [(date(n - 1, 10, october), "входная"), (date(n, 5, may), "итоговая")]
    spring = pair.start + timedelta(days=7)
    return [(spring, "входная"), (date(n, 5, may), "итоговая"), (date(n, 10, october), "входная")]


def assessment_rows(pairs: list[DemoPair], n: int, today: date, rng: random.Random) -> list[Row]:
    """Input assessment in October (or at a late start); final one in May for last year's pairs."""
    rows: list[Row] = []
    for index, (fio, mentor, pair) in enumerate(_participants(pairs)):
        scores = _scores(mentor, rng)
        for day, stage in _plan(pair, n, index):
            if stage == "итоговая":
                scores = _grown(scores, rng)
            if day <= today:
                comment = "анкета самооценки" if stage == "входная" else None
                rows.append(_assessment(fio, day, stage, scores, comment))
    rows.sort(key=lambda row: (row["Дата"], str(row["ФИО"])))
    return rows
