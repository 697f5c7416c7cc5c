"""Recommendations of the annual report: explicit rules over the year's figures (pure).

Each rule looks at the numbers of `AnnualData` and either says nothing or gives one
recommendation in Russian, with the numbers that triggered it. The internal report may name
people (teachers who still need a mentor); the public page never uses these rules.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from nastavnik.reports.model import BURNOUT, COMPETENCE, AnnualData, feedback_label
from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.text import count

RESPONSE_TARGET = 80.0  # %: a survey wave with fewer answers says little
LOW_SCORE = 7.0  # of 10: satisfaction below this needs a look at the pairs
NAMES_SHOWN = 30  # a longer list of names is cut (the rest are in «Педагоги»)

Rule = Callable[[AnnualData], str | None]


def _teachers(n: int) -> str:
    return count(n, "педагог", "педагога", "педагогов")


def _names(names: tuple[str, ...]) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    rest = len(names) - NAMES_SHOWN
    return shown + (f" и ещё {rest}" if rest > 0 else "")


def _num(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def involvement(data: AnnualData) -> str | None:
    """Share of staff involved below the target → how many more teachers to involve."""
    share = data.value("Доля вовлечённых педагогов, %")
    target = data.value("Целевая доля вовлечённых, %")
    if share is None or target is None or share >= target:
        return None
    staff = data.count("Педагогов работает")
    more = math.ceil(target * staff / 100 - 1e-9) - data.count(
        "Вовлечено педагогов в наставничество"
    )
    return (
        f"Доля вовлечённых педагогов — {_num(share)} % при целевой {_num(target)} %: чтобы "
        f"достичь цели, вовлеките в наставничество ещё {_teachers(max(more, 1))} (наставниками "
        "или наставляемыми)."
    )


def need_a_mentor(data: AnnualData) -> str | None:
    """Teachers who need a mentor and had none → assign mentors, by name."""
    names = data.need_without_mentor
    if not names:
        return None
    return (
        f"Нуждаются в наставнике, но не имеют его: {_teachers(len(names))} — {_names(names)}. "
        "Закрепите за ними наставников приказом."
    )


def young_specialists(data: AnnualData) -> str | None:
    """Young specialists without a mentor → first in line."""
    names = data.young_without_mentor
    if not names:
        return None
    return (
        f"Молодые специалисты без наставника: {_teachers(len(names))} — {_names(names)}. "
        "Их закрепляют в первую очередь."
    )


def programmes(data: AnnualData) -> str | None:
    """Active pairs without a personalised programme → develop them."""
    without = data.count("Действующих пар без программы")
    if not without:
        return None
    pairs = count(without, "действующей паре", "действующим парам", "действующим парам")
    return f"Разработайте и утвердите персонализированные программы {pairs}, у которых их нет."


def results(data: AnnualData) -> str | None:
    """Completed programmes without recorded results → write them down."""
    missing = data.count("Программ завершено") - data.with_results
    if missing <= 0:
        return None
    return (
        f"У {count(missing, 'завершённой программы', 'завершённых программ', 'завершённых программ')} "
        "не заполнены «Результаты» на листе «Программы»: внесите их."
    )


def roadmap(data: AnnualData) -> str | None:
    """Overdue roadmap deadlines → new dates and the people responsible."""
    overdue = data.count("Сроков: просрочено")
    if not overdue:
        return None
    return (
        f"Не выполнено в срок {count(overdue, 'мероприятие', 'мероприятия', 'мероприятий')} "
        "дорожной карты (список — в разделе «Исполнение дорожной карты»): отметьте выполненное на "
        "листе «План-график» или назначьте новые сроки и ответственных."
    )


def late(data: AnnualData) -> str | None:
    """Deadlines met late → plan them earlier next year."""
    done_late = data.count("Сроков: выполнено с опозданием")
    if not done_late:
        return None
    return (
        f"С опозданием выполнено {count(done_late, 'мероприятие', 'мероприятия', 'мероприятий')}: "
        "в плане на следующий год начните их подготовку раньше."
    )


def response_rate(data: AnnualData) -> str | None:
    """Too few answers to the feedback surveys → repeat them."""
    rate = data.value("Доля ответивших на опросы, %")
    if rate is None or rate >= RESPONSE_TARGET:
        return None
    return (
        f"На опросы обратной связи ответили {_num(rate)} % участников (нужно не менее "
        f"{_num(RESPONSE_TARGET)} %): напомните участникам и продлите сбор ответов."
    )


def satisfaction(data: AnnualData) -> str | None:
    """Low or falling satisfaction (first wave → last wave: December → April) → talk to the pairs."""
    if not data.waves:
        return None
    first, last = data.waves[0], data.waves[-1]
    found: list[str] = []
    for role in ch.RESPONDENTS:
        before = data.value(feedback_label(first, role))
        after = data.value(feedback_label(last, role))
        who = "наставников" if role == ch.ROLE_MENTOR else "наставляемых"
        if after is not None and after < LOW_SCORE:
            found.append(f"у {who} в последнюю волну — {_num(after)} из 10")
        elif before is not None and after is not None and after < before and first != last:
            found.append(f"у {who} снизилась с {_num(before)} до {_num(after)}")
    if not found:
        return None
    return (
        f"Удовлетворённость участием {'; '.join(found)}: обсудите с парами, что мешает, и "
        "учтите ответы «Что улучшить»."
    )


def assessment(data: AnnualData) -> str | None:
    """No final assessment, no growth of competences or growing burnout → act on it."""
    competence, burnout = data.value(COMPETENCE), data.value(BURNOUT)
    if competence is None and data.count("Наставляемых"):
        return "Нет пар входной и итоговой оценки участников: проведите итоговую оценку (п. 7)."
    parts: list[str] = []
    if competence is not None and competence <= 0:
        parts.append(f"профессиональные компетенции не выросли ({_num(competence)})")
    if burnout is not None and burnout > 0:
        parts.append(f"выгорание выросло (+{_num(burnout)})")
    if not parts:
        return None
    return f"По итогам оценки {' и '.join(parts)}: пересмотрите программы с педагогом-психологом."


def training(data: AnnualData) -> str | None:
    """Mentors without professional development this year → plan courses."""
    if data.count("Наставников") and not data.count("Наставников прошли обучение"):
        return "Ни один наставник не прошёл обучение в этом году: запланируйте курсы ПК (п. 9, 10)."
    return None


def competitions(data: AnnualData) -> str | None:
    """No competition entries → encourage taking part."""
    if data.count("Пар и групп") and not data.count("Участий в конкурсах"):
        return "Участий в конкурсах нет: предложите парам конкурсы профессионального мастерства (п. 21)."
    return None


def practices(data: AnnualData) -> str | None:
    """No best practices, or unpublished ones → collect and publish."""
    added = data.count("Добавлено материалов и практик")
    published = data.count("из них опубликовано")
    if not added and data.count("Пар и групп"):
        return "Лучшие практики за год не собраны: пополните банк практик (п. 19, 20)."
    if published < added:
        left = count(added - published, "материал", "материала", "материалов")
        return f"Опубликуйте на сайте и в соцсетях ещё {left} из банка лучших практик (п. 26)."
    return None


def data_quality(data: AnnualData) -> str | None:
    """Errors in the workbook → fix them before the report is signed."""
    errors = data.count("Ошибок")
    if not errors:
        return None
    return (
        f"В таблице {count(errors, 'ошибка', 'ошибки', 'ошибок')} в данных (лист «Ошибки»): "
        "исправьте их и сформируйте отчёт заново — строки с ошибками в расчётах не учтены."
    )


RULES: tuple[Rule, ...] = (
    involvement,
    need_a_mentor,
    young_specialists,
    programmes,
    results,
    roadmap,
    late,
    response_rate,
    satisfaction,
    assessment,
    training,
    competitions,
    practices,
    data_quality,
)
ALL_GOOD = "Все показатели в норме: продолжайте работу по дорожной карте."


def recommendations(data: AnnualData) -> list[str]:
    """Every rule that applies, in a fixed order; one general line when none does."""
    found = [text for rule in RULES if (text := rule(data)) is not None]
    return found or [ALL_GOOD]
