"""The public summary's figures (pure): aggregates only, no group under 3 people on its own.

Each public figure is an indicator of `AnnualData` (the numbers of «Сводка» / «Мониторинг»)
under a label for the general reader, with one of three disclosure rules:

- a count of people, pairs or groups: 1 or 2 is shown as «менее 3», never as the number;
- a share or an average: hidden («—») when it is taken over fewer than 3 people (its base
  count, or the number of answers behind an average);
- a count of events (meetings, entries, materials, deadlines): shown as it is.

Pairs by form: the forms with fewer than 3 pairs are added up into «другие формы». Nothing
here reads a name, an e-mail or a single row.
"""

from __future__ import annotations

from dataclasses import dataclass

from nastavnik.reports.model import BURNOUT, COMPETENCE, AnnualData, feedback_label
from nastavnik.reports.text import NO_DATA, number
from nastavnik.sheets_schema import choices as ch
from nastavnik.sync.compute.dates import MONTH_NAMES

MIN_GROUP = 3
FEW = f"менее {MIN_GROUP}"
HIDDEN = "—"
HIDDEN_NOTE = (
    f"«{HIDDEN}» — показатель не публикуется: он относится к группе меньше {MIN_GROUP} человек."
)
PEOPLE, EVENTS = "people", "events"
ANSWERS = "answers"  # the base of an average: the number of answers behind it
FORM_PREFIX = "Пар формы «"
FEEDBACK = "Обратная связь"


@dataclass(frozen=True)
class Row:
    """How one indicator is published: its source label, the public label, the rule."""

    source: str
    label: str
    rule: str  # PEOPLE, EVENTS, ANSWERS or the label of the base count


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
        Row("Доля вовлечённых педагогов, %", "Педагогов, вовлечённых в наставничество, %", "Педагогов работает"),
        Row("Целевая доля вовлечённых, %", "Цель дорожной карты, %", EVENTS),
        Row("Доля молодых специалистов с наставником, %", "Молодых специалистов с наставником, %", "Молодых специалистов"),
        Row("Доля нуждающихся с наставником, %", "Нуждающихся в наставнике, у кого он есть, %", "Нуждаются в наставнике"),
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
        Row("Выполнено в срок из наступивших, %", "Выполнено в срок, %", EVENTS),
    )),
)  # fmt: skip


def people(value: float | None) -> str:
    """A count of people: «менее 3» for 1 and 2."""
    if value is not None and 0 < value < MIN_GROUP:
        return FEW
    return number(value)


def figure(data: AnnualData, row: Row) -> PublicFigure:
    """One public figure under its disclosure rule."""
    value = data.value(row.source)
    if row.rule == PEOPLE:
        return PublicFigure(row.label, people(value))
    if row.rule == EVENTS or value is None:
        return PublicFigure(row.label, number(value) if value is not None else NO_DATA)
    base = data.answers.get(row.source, 0) if row.rule == ANSWERS else data.count(row.rule)
    return PublicFigure(row.label, number(value) if base >= MIN_GROUP else HIDDEN)


def forms(data: AnnualData) -> list[PublicFigure]:
    """Pairs and groups by form; forms with fewer than 3 go into «другие формы»."""
    shown: list[PublicFigure] = []
    others = 0
    for indicator in data.section("Участники"):
        if not indicator.label.startswith(FORM_PREFIX):
            continue
        n = int(indicator.value or 0)
        if n >= MIN_GROUP:
            shown.append(
                PublicFigure(indicator.label.removeprefix(FORM_PREFIX).rstrip("»"), number(n))
            )
        else:
            others += n
    if others:
        shown.append(PublicFigure("другие формы", people(others)))
    return shown


def public_sections(data: AnnualData) -> list[tuple[str, list[PublicFigure]]]:
    """The public page's tables, section by section."""
    sections = [(title, [figure(data, row) for row in rows]) for title, rows in SECTIONS]
    waves = [figure(data, row) for row in _feedback_rows(data.waves)]
    sections = [(t, [*waves, *rows] if t == FEEDBACK else rows) for t, rows in sections]
    sections.insert(1, ("Пары и группы по формам наставничества", forms(data)))
    return [(title, rows) for title, rows in sections if rows]


def public_text(data: AnnualData, label: str) -> str:
    """The public text of one figure by its public label ('' when there is none)."""
    for _, rows in public_sections(data):
        for row in rows:
            if row.label == label:
                return row.text
    return ""
