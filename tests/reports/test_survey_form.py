"""The survey form (`nastavnik form`'s core): who is on the ФИО list, and titles that round-trip.

Every title the form prints, used as a header of a response sheet (as Google Forms and Yandex
Forms write it, with «*», «?», other case or е for ё), must be found by `survey.find_columns`
and mean the field it was printed for.
"""

from __future__ import annotations

import functools
import json

from hypothesis import given
from hypothesis import strategies as st

from nastavnik.reports.survey_form import SurveyForm, build_form, form_json, form_text
from nastavnik.sync.engine import analyse
from tests.factories import TODAY, pair, people, setting, teacher, workbook, young_teacher
from tests.reports.survey_support import (
    ALTERNATIVE_FIELDS,
    FINISHED,
    FORM_FIELDS,
    NEXT_YEAR,
    STALE,
    STOPPED,
    fields_under,
    json_titles,
    text_titles,
)


def form_of(**sheets: object) -> SurveyForm:
    _, outcome = analyse(workbook(**sheets), TODAY)  # type: ignore[arg-type]
    return build_form(outcome, TODAY, google=True)


SIDOROVA = "Сидорова Анна Ивановна"
LATIN_A = "Алексеев" + "a" + " Наталья Ивановна"  # the surname ends in a Latin «a»
PEOPLE = [
    *people(),  # Иванова Мария Петровна (mentor), Петров Пётр Сергеевич (mentee)
    young_teacher(fio="Ёлкина Алёна Олеговна"),
    teacher(fio=SIDOROVA),
    young_teacher(fio="Кузнецов Илья Андреевич"),
    young_teacher(fio="Данилов Егор Петрович"),
    teacher(fio="Орлова Ольга Игоревна"),
    young_teacher(fio="Белов Борис Романович"),
    teacher(fio="Жукова Нина Павловна"),
    young_teacher(fio="Титов Олег Ильич"),
    teacher(fio="Лебедева Вера Юрьевна"),
    young_teacher(fio="Ахмедов Руслан Тимурович"),
    teacher(fio="Алексеева Наталья Ивановна"),
]
PAIRS = [  # misspelt names come first: «Педагоги» still decides how they are shown
    pair(code="НП-002", mentor="иванова  мария петровна", mentee="Ёлкина Алёна Олеговна"),
    # е for ё: Ёлкина of «Педагоги», first written so
    pair(code="НП-004", mentor=SIDOROVA, mentee="Елкина Алена Олеговна", **NEXT_YEAR),
    pair(),  # active: Иванова → Петров
    pair(code="НП-003", mentor=SIDOROVA, mentee="Кузнецов Илья Андреевич", **NEXT_YEAR),
    pair(code="НП-005", mentor=SIDOROVA, mentee="Данилов Егор Петрович"),
    pair(code="НП-006", mentee="Зуев Марк Ильич"),  # a mentee missing from «Педагоги»
    pair(code="НП-010", mentor=LATIN_A, mentee="Данилов Егор Петрович"),
    pair(code="НП-007", mentor="Орлова Ольга Игоревна", mentee="Белов Борис Романович", **FINISHED),
    pair(code="НП-008", mentor="Жукова Нина Павловна", mentee="Титов Олег Ильич", **STOPPED),
    # planned, but its whole term passed before today
    pair(code="НП-009", mentor="Лебедева Вера Юрьевна", mentee="Ахмедов Руслан Тимурович", **STALE),
]


def test_names_are_the_people_of_working_and_planned_pairs_once_each_in_alphabet_order() -> None:
    form = form_of(teachers=PEOPLE, pairs=PAIRS)
    assert form.names == (
        "Алексеева Наталья Ивановна",
        "Данилов Егор Петрович",
        "Ёлкина Алёна Олеговна",
        "Зуев Марк Ильич",
        "Иванова Мария Петровна",
        "Кузнецов Илья Андреевич",
        "Петров Пётр Сергеевич",
        "Сидорова Анна Ивановна",
    )
    assert form.not_teachers == ("Зуев Марк Ильич",)
    data = json.loads(form_json(form))
    assert data["names"] == list(form.names)
    assert data["questions"][0]["choices"] == list(form.names)
    assert data["names_not_in_teachers"] == ["Зуев Марк Ильич"]
    lines = form_text(form)
    start = lines.index("Список ФИО (8):")
    assert lines[start + 1 : start + 9] == list(form.names)
    assert lines[start + 9] == ""  # the list ends: it can be copied as it stands
    assert "«Зуев Марк Ильич»" in lines[start + 10]


def test_a_pair_row_that_cannot_be_read_is_not_listed_and_the_text_says_so() -> None:
    broken = pair(code="НП-002", mentor="Сидорова Анна Ивановна", start="31.02.2025")
    form = form_of(teachers=PEOPLE, pairs=[pair(), broken])
    assert form.names == ("Иванова Мария Петровна", "Петров Пётр Сергеевич")
    assert form.pair_errors == 1
    assert "На листе «Пары» 1 ошибка: если кого-то нет в списке" in "\n".join(form_text(form))
    assert json.loads(form_json(form))["pair_errors"] == 1


def test_no_pairs_empty_list_and_the_text_says_to_fill_pairs_first() -> None:
    form = form_of(pairs=[], programmes=[])
    assert form.names == ()
    assert json.loads(form_json(form))["names"] == []
    text = "\n".join(form_text(form))
    assert "Список ФИО (0):" in text
    assert "Сначала заполните лист «Пары»" in text


def test_every_printed_title_is_found_as_a_header_and_means_its_field() -> None:
    form = form_of()
    titles, alternative = json_titles(form_json(form))
    assert list(fields_under(titles).values()) == FORM_FIELDS
    assert list(fields_under(alternative).values()) == ALTERNATIVE_FIELDS
    assert text_titles(form_text(form)) == titles + alternative


def test_json_describes_types_scales_choices_and_settings() -> None:
    form = form_of(settings=[setting("Месяцы сбора обратной связи", "ноябрь, май")])
    data = json.loads(form_json(form))
    assert list(data) == [
        "as_of",
        "form_title",
        "questions",
        "identity",
        "names",
        "names_not_in_teachers",
        "pair_errors",
        "response_sheet_setting",
        "form_link_setting",
        "waves",
    ]
    keys = ["field", "title", "type", "kind", "required", "scale", "choices", "help"]
    assert all(list(q) == keys for q in data["questions"])
    by_field = {q["field"]: q for q in data["questions"]}
    assert by_field["satisfaction"]["scale"] == {"from": 1, "to": 10}
    assert by_field["satisfaction"]["required"] is True
    assert by_field["usefulness"]["required"] is False
    assert by_field["improve"]["kind"] == "long"
    assert by_field["pair_code"]["scale"] is None
    role = data["identity"]["by_pair_code"]["questions"][1]
    assert (role["choices"], role["required"]) == (["наставник", "наставляемый"], True)
    assert data["waves"] == {
        "setting": "Месяцы сбора обратной связи",
        "months": [11, 5],
        "month_names": ["ноябрь", "май"],
    }
    assert data["response_sheet_setting"] == {
        "sheet": "Настройки",
        "row": "Лист ответов опроса",
        "value": [],
    }
    assert "Когда проводить опрос: ноябрь, май" in "\n".join(form_text(form))


def test_text_names_the_response_sheet_setting_and_how_to_link_a_google_form() -> None:
    form = form_of(settings=[setting("Лист ответов опроса", "Ответы на форму (1); Яндекс")])
    text = "\n".join(form_text(form))
    assert "«Связать с Таблицами» → «Выбрать существующую таблицу»" in text
    assert "в строке «Лист ответов опроса»" in text
    assert "(сейчас: «Ответы на форму (1)»; «Яндекс»)" in text
    assert "скачайте ответы файлом .xlsx" in text
    assert "3. В строке «Ссылка на форму опроса» впишите ссылку на форму (сейчас: пусто)" in text


def test_the_form_link_setting_is_shown_as_it_is_now() -> None:
    form = form_of(settings=[setting("Ссылка на форму опроса", "forms.gle/AbC123")])
    assert "(сейчас: https://forms.gle/AbC123): она попадёт в напоминания" in "\n".join(
        form_text(form)
    )
    assert json.loads(form_json(form))["form_link_setting"] == {
        "sheet": "Настройки",
        "row": "Ссылка на форму опроса",
        "value": "https://forms.gle/AbC123",
    }


MARKS = st.sampled_from(["", "*", " *", "?", " ?", ":", "?*"])
CASES = st.sampled_from([str.lower, str.upper, str.title, lambda t: t])
YO = st.sampled_from([lambda t: t.replace("е", "ё"), lambda t: t.replace("ё", "е"), lambda t: t])
SPACES = st.sampled_from([lambda t: t, lambda t: "  " + t.replace(" ", "  ") + " "])


@functools.cache
def printed_titles() -> tuple[list[str], list[str]]:
    return json_titles(form_json(form_of()))


@given(st.data())
def test_titles_with_marks_case_yo_and_spaces_still_mean_their_fields(data: st.DataObject) -> None:
    titles, alternative = printed_titles()
    headers = [
        data.draw(SPACES)(data.draw(YO)(data.draw(CASES)(title))) + data.draw(MARKS)
        for title in titles
    ]
    assert list(fields_under(headers).values()) == FORM_FIELDS
    second = [data.draw(CASES)(title) + data.draw(MARKS) for title in alternative]
    assert list(fields_under(second).values()) == ALTERNATIVE_FIELDS
