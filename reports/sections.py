"""What the annual report says, section by section (the layout primitives are in docx.py).

Every figure comes from `AnnualData`, i.e. from the indicators behind «Сводка» and
«Мониторинг»; tables show them under the sheets' own labels, so a reader can find each one
in the workbook.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from nastavnik.reports.figures import coverage_chart, feedback_chart, meetings_chart
from nastavnik.reports.model import AnnualData
from nastavnik.reports.rules import recommendations
from nastavnik.reports.text import dotted, in_words, number
from nastavnik.sync.compute.metrics import Indicator
from nastavnik.sync.snapshot import Cell

if TYPE_CHECKING:
    from nastavnik.reports.docx import Writer

SECTIONS = (
    "1. Участники и охват наставничеством",
    "2. Пары и группы по формам наставничества",
    "3. Персонализированные программы наставничества",
    "4. Встречи и взаимопосещения уроков",
    "5. Обратная связь участников",
    "6. Оценка участников: изменение от входной к итоговой",
    "7. Повышение квалификации наставников",
    "8. Конкурсы профессионального мастерства",
    "9. Лучшие практики и публикации",
    "10. Стимулирование наставников",
    "11. Исполнение дорожной карты",
    "12. Качество данных",
    "13. Сравнение с предыдущими учебными годами",
    "14. Выводы и рекомендации",
)
NO_DATA_HEADING = "Данных за учебный год нет"
FORM_PREFIX = "Пар формы"


def build(w: Writer, data: AnnualData) -> None:
    """The whole report: the title page, then every section (or the short no-data note)."""
    title_page(w, data)
    if not data.has_data:
        no_data(w, data)
        return
    sections: tuple[Callable[[Writer, AnnualData], None], ...] = (
        participants, forms, programmes, meetings, feedback, assessment, training,
        competitions, practices, incentives, roadmap, quality, comparison, conclusions,
    )  # fmt: skip
    for heading, section in zip(SECTIONS, sections, strict=True):
        w.heading(heading)
        section(w, data)
    signature(w)


def title_page(w: Writer, data: AnnualData) -> None:
    """School, title, year, as-of date and the date the report was made."""
    w.text(data.organisation, bold=True, centre=True, size=14)
    for _ in range(8):
        w.text("", centre=True)
    w.text("АНАЛИТИЧЕСКИЙ ОТЧЁТ", bold=True, centre=True, size=18)
    w.text("о реализации системы наставничества педагогических работников", centre=True, size=14)
    w.text(f"за {data.label} учебный год", bold=True, centre=True, size=14)
    for _ in range(6):
        w.text("", centre=True)
    if data.started and data.current:
        period = (
            f"Данные с {dotted(data.year.start)} по {dotted(data.today)} (учебный год не завершён)"
        )
    else:
        period = f"Данные за учебный год: с {dotted(data.year.start)} по {dotted(data.year.end)}"
    w.text(period, centre=True)
    w.text(f"Дата составления: {in_words(data.today)}", centre=True)
    w.page_break()


def no_data(w: Writer, data: AnnualData) -> None:
    """The short report for a year without records."""
    w.heading(NO_DATA_HEADING)
    if not data.started:
        w.text(
            f"{data.label} учебный год ещё не начался (начало — {dotted(data.year.start)}): "
            "отчёт за него можно будет составить, когда в таблице появятся данные."
        )
        return
    w.text(
        f"В таблице нет записей за {data.label} учебный год: ни пар наставничества, ни встреч, "
        "программ, опросов, оценки, обучения, конкурсов, выплат и практик с датами этого года. "
        "Показатели не рассчитывались."
    )
    w.text("Заполните реестры (или выберите другой учебный год) и сформируйте отчёт заново.")


def _mine(data: AnnualData, section: str, *, forms: bool = False) -> list[Indicator]:
    return [i for i in data.section(section) if i.label.startswith(FORM_PREFIX) == forms]


def participants(w: Writer, data: AnnualData) -> None:
    """Participants, coverage vs the target, who still needs a mentor (by name), the chart."""
    share, target = (
        data.value("Доля вовлечённых педагогов, %"),
        data.value("Целевая доля вовлечённых, %"),
    )
    w.text(
        f"В {data.label} учебном году в наставничестве участвовали: наставников — "
        f"{number(data.value('Наставников'))}, наставляемых — {number(data.value('Наставляемых'))}. "
        f"Доля вовлечённых педагогов — {number(share)} % при целевой {number(target)} %."
    )
    w.indicators([*_mine(data, "Участники"), *data.section("Охват")])
    if data.need_without_mentor:
        w.text(
            f"Нуждаются в наставнике, но не имеют его ({len(data.need_without_mentor)}):", bold=True
        )
        w.items(data.need_without_mentor)
    if data.young_without_mentor:
        w.text(f"Молодые специалисты без наставника ({len(data.young_without_mentor)}):", bold=True)
        w.items(data.young_without_mentor)
    w.picture(coverage_chart(data), "Рисунок 1. Охват наставничеством по учебным годам, %")


def forms(w: Writer, data: AnnualData) -> None:
    """Pairs and groups by form of mentoring."""
    w.text("Пары и группы, работавшие в учебном году, по формам наставничества:")
    w.indicators(_mine(data, "Участники", forms=True))


def programmes(w: Writer, data: AnnualData) -> None:
    """Personalised programmes: participants, developed, completed, with results."""
    w.indicators(
        data.section("Программы"),
        [("из завершённых — с записанными результатами", number(data.with_results))],
    )


def meetings(w: Writer, data: AnnualData) -> None:
    """Meetings and lesson visits: totals and by month, with the chart."""
    w.indicators(data.section("Встречи"))
    rows = [(m.label, number(m.meetings), number(m.visits)) for m in data.months]
    total = (sum(m.meetings for m in data.months), sum(m.visits for m in data.months))
    rows.append(("Итого", number(total[0]), number(total[1])))
    w.table(("Месяц", "Встреч", "из них взаимопосещений уроков"), rows, (6.5, 4.0, 6.0))
    w.picture(meetings_chart(data), "Рисунок 2. Встречи по месяцам")


def feedback(w: Writer, data: AnnualData) -> None:
    """Satisfaction by wave and role, the response rate, the chart."""
    w.text(
        "Средняя удовлетворённость участием (шкала 1–10) по волнам опроса, отдельно наставников "
        "и наставляемых, и доля ответивших:"
    )
    w.indicators(data.section("Обратная связь"))
    w.picture(feedback_chart(data), "Рисунок 3. Удовлетворённость участием по волнам опроса")


def assessment(w: Writer, data: AnnualData) -> None:
    """Average change input → final of the same person in the year."""
    w.text(
        "Среднее изменение оценок (итоговая − входная) одного и того же педагога за учебный год. "
        "Рост компетенций — положительное число, снижение выгорания — отрицательное."
    )
    w.indicators(data.section("Оценка"))


def training(w: Writer, data: AnnualData) -> None:
    """Mentors trained and hours."""
    w.indicators(data.section("Повышение квалификации"))


def competitions(w: Writer, data: AnnualData) -> None:
    """Entries and prize places, by level."""
    w.indicators(data.section("Конкурсы"))
    if data.competition_levels:
        rows = [(level, number(n), number(prizes)) for level, n, prizes in data.competition_levels]
        w.table(("Уровень", "Участий", "Призовых мест"), rows, (6.5, 4.0, 6.0))


def practices(w: Writer, data: AnnualData) -> None:
    """Best practices added and published, and their list."""
    w.indicators(data.section("Лучшие практики"))
    if data.practices:
        rows = [
            (name, kind, "да" if published else "нет") for name, kind, published in data.practices
        ]
        w.table(("Материал", "Вид", "Опубликован"), rows, (9.0, 4.5, 3.0))


def incentives(w: Writer, data: AnnualData) -> None:
    """Incentive payments to mentors."""
    w.indicators(data.section("Стимулирование"))


def roadmap(w: Writer, data: AnnualData) -> None:
    """Deadlines of the year by state, and the list of what was missed or late."""
    w.indicators(data.section("Дорожная карта"))
    if not data.missed:
        w.text("Пропущенных и выполненных с опозданием сроков нет.")
        return
    w.text("Не выполнено в срок и выполнено с опозданием:", bold=True)
    rows = [
        (
            str(m.number),
            m.activity,
            m.responsible,
            dotted(m.due),
            m.state,
            number(m.overdue_days) if m.overdue_days is not None else "",
        )
        for m in data.missed
    ]
    header = ("п.", "Мероприятие", "Ответственные", "Срок", "Состояние", "Просрочено, дней")
    w.table(header, rows, (1.0, 6.5, 3.0, 2.2, 2.3, 1.5))


def quality(w: Writer, data: AnnualData) -> None:
    """Errors and warnings in the workbook, by sheet."""
    w.text(f"Замечания к данным на {dotted(data.today)} (подробно — на листе «Ошибки»):")
    w.indicators(data.section("Качество данных"))
    if data.quality:
        rows = [(q.sheet, number(q.errors), number(q.warnings)) for q in data.quality]
        w.table(("Лист", "Ошибок", "Предупреждений"), rows, (8.5, 4.0, 4.0))


def _cell(value: Cell) -> str:
    if value is None:
        return "—"
    return number(value) if isinstance(value, int | float) else str(value)


def comparison(w: Writer, data: AnnualData) -> None:
    """The «Мониторинг» table for the years up to this one."""
    header = ["Показатель", *(str(h) for h in data.monitoring[0][2:])]
    rows: list[list[str]] = []
    section = None
    for row in data.monitoring[1:]:
        if row[0] != section:
            section = row[0]
            rows.append([str(section), *([""] * (len(header) - 1))])
        rows.append([str(row[1]), *(_cell(v) for v in row[2:])])
    year_width = min(3.0, 8.0 / max(len(header) - 1, 1))
    if len(header) == 2:
        w.text(f"{data.label} — первый учебный год периода дорожной карты: сравнивать не с чем.")
    w.text("Показатели по учебным годам периода дорожной карты (лист «Мониторинг»):")
    w.table(header, rows, (TABLE_LABEL_CM, *([year_width] * (len(header) - 1))))


TABLE_LABEL_CM = 8.5


def conclusions(w: Writer, data: AnnualData) -> None:
    """Recommendations derived from the numbers by explicit rules."""
    w.items(recommendations(data), numbered=True)


def signature(w: Writer) -> None:
    """The signature block."""
    w.text("")
    w.text("Заместитель директора  _______________  /  _______________________ /")
    w.text("«____» ______________ 20___ г.")
