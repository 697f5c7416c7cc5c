"""The public summary's figures (pure): aggregates only; no group of 1 or 2 people can be read
off the page, neither from one figure nor by combining two.

Each public figure is an indicator of `AnnualData` (the numbers of «Сводка» / «Мониторинг»)
under a label for the general reader, with one disclosure rule:

- a count of people, pairs or groups: 1 or 2 is shown as «менее 3», never as the number;
- a count of events (meetings, entries, materials, deadlines): 1 or 2 is shown as «менее 3»;
- a share of people: hidden («—») when its base is under 3; when its part (or the rest of the
  base) is 1 or 2 people, it is coarsened («менее 10 %», «более 90 %»), so that the share and
  a published base (e.g. «Педагогов в школе») do not give the small count;
- an average: hidden when it is taken over fewer than 3 answers (or 3 pairs);
- a setting or a roadmap share: shown as it is.

Subtraction is closed too: pairs by form with fewer than 3 are added up into «другие формы», and
a form is moved there as well when the rest would be 1 or 2 (total − shown forms); a count that
is part of another published count (trained mentors of all mentors, …) is hidden when the
difference is 1 or 2. Nothing here reads a name, an e-mail or a single row.
"""

from __future__ import annotations

from dataclasses import dataclass

from nastavnik.reports.model import BURNOUT, COMPETENCE, AnnualData, feedback_label
from nastavnik.reports.text import NO_DATA, number, parse_number
from nastavnik.sheets_schema import choices as ch
from nastavnik.sync.compute.dates import MONTH_NAMES

MIN_GROUP = 3
FEW = f"менее {MIN_GROUP}"
HIDDEN = "—"
HIDDEN_NOTE = (
    f"«{HIDDEN}» — показатель не публикуется: он относится к группе меньше {MIN_GROUP} человек."
)
PEOPLE, EVENTS, PLAIN = "people", "events", "plain"
ANSWERS = "answers"  # the base of an average: the number of answers behind it
FORM_PREFIX = "Пар формы «"
FEEDBACK = "Обратная связь"


@dataclass(frozen=True)
class Row:
    """How one indicator is published: its source label, the public label, the rule."""

    source: str
    label: str
    rule: str  # PEOPLE, EVENTS, PLAIN, ANSWERS or the label of the base count
    part: str = ""  # a share of people: the label of its part (the count the share is of)


@dataclass(frozen=True)
class PublicFigure:
    """One line of the public page."""

    label: str
    text: str


def _feedback_rows(waves: tuple[int, ...]) -> list[Row]:
    roles = {ch.ROLE_MENTOR: "наставники", ch.ROLE_MENTEE: "наставляемые"}
    return [
        Row(
            feedback_label(month, role),
            f"Удовлетворённость участием: {roles[role]}, {MONTH_NAMES[month - 1]} (из 10)",
            ANSWERS,
        )
        for month in waves
        for role in ch.RESPONDENTS
    ]


SECTIONS: tuple[tuple[str, tuple[Row, ...]], ...] = (
    ("Участники", (
        Row("Педагогов работает", "Педагогов в школе", PEOPLE),
        Row("Наставников", "Наставников", PEOPLE),
        Row("Наставляемых", "Наставляемых", PEOPLE),
        Row("Пар и групп", "Наставнических пар и групп", PEOPLE),
    )),
    ("Охват", (
        Row("Доля вовлечённых педагогов, %", "Педагогов, вовлечённых в наставничество, %", "Педагогов работает", "Вовлечено педагогов в наставничество"),
        Row("Целевая доля вовлечённых, %", "Цель дорожной карты, %", PLAIN),
        Row("Доля молодых специалистов с наставником, %", "Молодых специалистов с наставником, %", "Молодых специалистов", "Молодых специалистов, у кого есть наставник"),
        Row("Доля нуждающихся с наставником, %", "Нуждающихся в наставнике, у кого он есть, %", "Нуждаются в наставнике", "Нуждающихся, у кого есть наставник"),
    )),
    ("Программы наставничества", (
        Row("Участников персонализированных программ (для статформ)", "Участников персонализированных программ", PEOPLE),
        Row("Программ разработано", "Программ разработано", EVENTS),
        Row("Программ завершено", "Программ завершено", EVENTS),
    )),
    ("Встречи", (
        Row("Встреч за учебный год", "Встреч наставников и наставляемых", EVENTS),
        Row("из них взаимопосещений уроков", "из них взаимопосещений уроков", EVENTS),
        Row("Встреч на пару в среднем", "Встреч на пару в среднем", "Пар и групп"),
    )),
    (FEEDBACK, (  # + one row per survey wave and role, from the settings
        Row("Доля ответивших на опросы, %", "Ответили на опросы, %", "Пар и групп"),
    )),
    ("Профессиональный рост", (
        Row(COMPETENCE, "Изменение профессиональных компетенций за год (баллов из 10)", ANSWERS),
        Row(BURNOUT, "Изменение профессионального выгорания за год (баллов из 10)", ANSWERS),
        Row("Наставников прошли обучение", "Наставников прошли повышение квалификации", PEOPLE),
        Row("Часов обучения наставников", "Часов обучения наставников", "Наставников прошли обучение"),
        Row("Участий в конкурсах", "Участий в конкурсах", EVENTS),
        Row("Призовых мест", "Призовых мест", EVENTS),
        Row("Добавлено материалов и практик", "Материалов и лучших практик", EVENTS),
        Row("из них опубликовано", "из них опубликовано", EVENTS),
    )),
    ("Дорожная карта", (
        Row("Сроков дорожной карты в учебном году", "Мероприятий дорожной карты в учебном году", EVENTS),
        Row("Выполнено в срок из наступивших, %", "Выполнено в срок, %", PLAIN),
    )),
)  # fmt: skip


def people(value: float | None) -> str:
    """A count of people (or events): «менее 3» for 1 and 2."""
    if value is not None and 0 < value < MIN_GROUP:
        return FEW
    return number(value)


def small(count: int) -> bool:
    """1 or 2: a group that must not be identifiable."""
    return 0 < count < MIN_GROUP


def coarse_share(part: int, base: int) -> str | None:
    """The text of a share whose part or rest is 1 or 2 people; None when it may be exact.

    The bound is the next multiple of 10 % above 3 people, so that it leaves 3 possible
    counts (1, 2 or 3): «менее 10 %» of 38 teachers. No bound below 100 %: hidden.
    """
    if not (small(part) or small(base - part)):
        return None
    bound = (100 * MIN_GROUP // base // 10 + 1) * 10
    if bound >= 100:
        return HIDDEN
    return f"менее {bound} %" if small(part) else f"более {100 - bound} %"


def figure(data: AnnualData, row: Row) -> PublicFigure:
    """One public figure under its disclosure rule."""
    value = data.value(row.source)
    if row.rule in (PEOPLE, EVENTS):
        return PublicFigure(row.label, people(value))
    if row.rule == PLAIN or value is None:
        return PublicFigure(row.label, number(value) if value is not None else NO_DATA)
    base = data.answers.get(row.source, 0) if row.rule == ANSWERS else data.count(row.rule)
    if base < MIN_GROUP:
        return PublicFigure(row.label, HIDDEN)
    coarse = coarse_share(data.count(row.part), base) if row.part else None
    return PublicFigure(row.label, coarse or number(value))


def forms(data: AnnualData) -> list[PublicFigure]:
    """Pairs and groups by form; forms with fewer than 3 go into «другие формы».

    When «другие формы» would be 1 or 2, the smallest shown forms join it, so that the total
    minus the shown forms never gives a group under 3.
    """
    counts = [
        (indicator.label.removeprefix(FORM_PREFIX).rstrip("»"), int(indicator.value or 0))
        for indicator in data.section("Участники")
        if indicator.label.startswith(FORM_PREFIX)
    ]
    shown = sorted(((n, name) for name, n in counts if n >= MIN_GROUP), reverse=True)
    others = sum(n for _, n in counts if n < MIN_GROUP)
    while small(others) and shown:
        others += shown.pop()[0]
    order = [name for name, _ in counts]
    figures = [
        PublicFigure(name, number(n)) for n, name in sorted(shown, key=lambda s: order.index(s[1]))
    ]
    if others:
        figures.append(PublicFigure("другие формы", people(others)))
    return figures


# (whole, part) of published counts of people: their difference is a group of people too.
SUBSETS = (
    ("Педагогов в школе", "Наставников"),
    ("Педагогов в школе", "Наставляемых"),
    ("Наставников", "Наставников прошли повышение квалификации"),
    ("Наставляемых", "Участников персонализированных программ"),
)


def _close_differences(rows: list[PublicFigure]) -> list[PublicFigure]:
    """Hide a part whose whole, shown exactly, exceeds it by 1 or 2."""
    exact = {r.label: parse_number(r.text) for r in rows if _is_number(r.text)}
    hidden = {
        part
        for whole, part in SUBSETS
        if exact.get(whole) is not None
        and exact.get(part) is not None
        and small(int((exact[whole] or 0) - (exact[part] or 0)))
    }
    return [PublicFigure(r.label, HIDDEN) if r.label in hidden else r for r in rows]


def _is_number(text: str) -> bool:
    try:
        return parse_number(text) is not None
    except ValueError:
        return False


def public_sections(data: AnnualData) -> list[tuple[str, list[PublicFigure]]]:
    """The public page's tables, section by section."""
    sections = [(title, [figure(data, row) for row in rows]) for title, rows in SECTIONS]
    waves = [figure(data, row) for row in _feedback_rows(data.waves)]
    sections = [(t, [*waves, *rows] if t == FEEDBACK else rows) for t, rows in sections]
    sections.insert(1, ("Пары и группы по формам наставничества", forms(data)))
    closed = _close_differences([row for _, rows in sections for row in rows])
    by_label = {row.label: row for row in closed}
    return [
        (title, [by_label.get(row.label, row) for row in rows]) for title, rows in sections if rows
    ]


def public_text(data: AnnualData, label: str) -> str:
    """The public text of one figure by its public label ('' when there is none)."""
    for _, rows in public_sections(data):
        for row in rows:
            if row.label == label:
                return row.text
    return ""
