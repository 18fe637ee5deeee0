"""The program file's pydantic models and the Russian made of their errors."""

from datetime import date

import pytest
from pydantic import ValidationError

from bot.domain.models import Period, Schedule, ScheduleKind
from bot.domain.program_file import ProgramFileError, load_program_file
from bot.domain.program_file_problems import describe_problems
from bot.domain.program_file_schema import ActivityDoc, DeadlineDoc, ProgramDoc, check_program_file


def parser(text: str, period: Period) -> Schedule:
    if text == "непонятно":
        raise ValueError("нет даты")
    return Schedule(kind=ScheduleKind.CONTINUOUS, start=period.start, end=period.end, source=text)


GOOD = {
    "title": "Программа",
    "period": {"start": date(2023, 9, 1), "end": date(2024, 8, 31)},
    "sections": [{"number": "1", "title": "Раздел"}],
    "activities": [
        {
            "number": "1.2",
            "section": "Раздел",
            "title": "Совещание",
            "deadline": {"text": "к сроку", "kind": "date", "due": [date(2023, 9, 30)]},
            "responsible": [{"kind": "role", "name": "Руководитель ОО"}],
        },
    ],
}


def with_activity(**fields) -> dict:
    activity = {**GOOD["activities"][0], **fields}
    return {**GOOD, "activities": [activity]}


def problems(document: object) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        check_program_file(document, parse_deadline=parser)
    return describe_problems(caught.value.errors(), document)


def file_problems(text: str) -> list[str]:
    with pytest.raises(ProgramFileError) as caught:
        load_program_file(text, name="programs/test.yaml", parse_deadline=parser)
    return caught.value.problems


def test_a_good_document_validates_into_models():
    checked = check_program_file(GOOD, parse_deadline=parser)
    assert isinstance(checked, ProgramDoc)
    (activity,) = checked.activities
    assert isinstance(activity, ActivityDoc) and isinstance(activity.deadline, DeadlineDoc)
    assert activity.deadline.schedule.due == (date(2023, 9, 30),)


def test_the_models_forbid_unknown_fields():
    assert all(model.model_config["extra"] == "forbid" for model in (ProgramDoc, ActivityDoc, DeadlineDoc))


def test_several_problems_are_all_listed_in_file_order():
    document = {
        **with_activity(title="", deadline={"kind": "date", "due": [date(2023, 9, 30), "30.02.2023"]}),
        "timezone": "Europe/Atlantis",
        "composed": "да",
    }
    assert problems(document) == [
        "поле composed: ожидается true или false, а написано «да».",
        "поле timezone: «Europe/Atlantis» — неизвестный часовой пояс; пример: Europe/Moscow, Asia/Yekaterinburg.",
        "мероприятие 1.2, поле title: не заполнено.",
        "мероприятие 1.2, поле deadline.due: «30.02.2023» — не дата; пишите ГГГГ-ММ-ДД, например 2023-09-30.",
    ]


def test_unknown_field_names_the_entry_and_what_is_allowed():
    assert problems({**GOOD, "titel": "x"}) == [
        "программа: неизвестное поле «titel» (допустимы: source, composed, reviewed_by, title, municipality, "
        "timezone, period, organizations, sections, activities, named_in_text). Проверьте написание.",
    ]
    deadline = {"text": "к сроку", "kind": "date", "due": [date(2023, 9, 30)], "dew": 1}
    assert problems(with_activity(deadline=deadline)) == [
        "мероприятие 1.2, поле deadline: неизвестное поле «dew» (допустимы: text, kind, start, end, due, "
        "needs_review, review_reason). Проверьте написание.",
    ]


def test_an_unknown_field_does_not_hide_the_other_problems_of_its_entry():
    deadline = {"text": "к сроку", "kind": "date", "colour": "red"}
    assert problems(with_activity(deadline=deadline)) == [
        "мероприятие 1.2, поле deadline: неизвестное поле «colour» (допустимы: text, kind, start, end, due, "
        "needs_review, review_reason). Проверьте написание.",
        "мероприятие 1.2, поле deadline.due: для kind: date нужна ровно одна дата, например due: [2023-09-30].",
    ]


def test_wrong_types():
    document = {
        **with_activity(responsible={"kind": "role"}, source_lines=[14, 12], result=["протокол"]),
        "organizations": "МОАУ СОШ № 1",
    }
    assert problems(document) == [
        "поле organizations: ожидается список школ, по одной в строке, начиная с «- ».",
        "мероприятие 1.2, поле result: ожидается текст.",
        "мероприятие 1.2, поле source_lines: «[14, 12]» — ожидаются номера первой и последней строки, например [12, 14].",
        "мероприятие 1.2, поле responsible: ожидается список: - kind: role\n      name: Руководитель ОО",
    ]
    assert problems([GOOD]) == [
        "начало файла: ожидаются поля программы (title, period, activities, …), а найдено другое.",
    ]


def test_bad_dates_name_the_field():
    document = {**GOOD, "period": {"start": "1 сентября", "end": "2024-08-31 10:00"}}
    assert problems(document) == [
        "поле period.start: «1 сентября» — не дата; пишите ГГГГ-ММ-ДД, например 2023-09-30.",
        "поле period.end: «2024-08-31 10:00» — не дата; пишите ГГГГ-ММ-ДД, например 2023-09-30.",
    ]


def test_end_before_start():
    document = {**GOOD, "period": {"start": date(2024, 8, 31), "end": date(2023, 9, 1)}}
    assert problems(document) == ["поле period.end: конец (2023-09-01) раньше начала (2024-08-31)."]
    deadline = {"text": "осень", "kind": "period", "start": date(2023, 11, 30), "end": date(2023, 10, 1)}
    assert problems(with_activity(deadline=deadline)) == [
        "мероприятие 1.2, поле deadline.end: конец (2023-10-01) раньше начала (2023-11-30).",
    ]


def test_unknown_timezone():
    assert problems({**GOOD, "timezone": "Mars/Olympus"}) == [
        "поле timezone: «Mars/Olympus» — неизвестный часовой пояс; пример: Europe/Moscow, Asia/Yekaterinburg.",
    ]


def test_missing_fields_and_the_program_period_needed_by_deadlines():
    assert problems({"activities": [{"number": "2", "title": "Без срока"}]}) == [
        "поле title: не заполнено.",
        "поле period: не заполнено. Пример: period: {start: 2023-09-01, end: 2024-08-31}",
        "мероприятие 2, поле deadline: не заполнено. Напишите срок как в документе: deadline: до 30.09.2023",
    ]


def test_a_deadline_from_text_that_the_parser_cannot_read():
    assert problems(with_activity(deadline="непонятно")) == [
        "мероприятие 1.2, поле deadline.text: не удалось понять срок «непонятно» (нет даты). "
        "Укажите kind и даты вручную.",
    ]


def test_lists_number_their_items_from_one():
    document = {
        **with_activity(section="Раздел 9", responsible=[{"kind": "role", "name": "A"}, {"kind": "boss", "name": ""}]),
        "organizations": ["МОАУ СОШ № 1", "моау сош №1"],
        "sections": ["Раздел", {"title": None}],
    }
    assert problems(document) == [
        "поле organizations[2]: «моау сош №1» указана дважды.",
        "поле sections[2].title: не заполнено.",
        "мероприятие 1.2, поле section: раздела «Раздел 9» нет в списке sections — добавьте его туда или исправьте "
        "название.",
        "мероприятие 1.2, поле responsible[2].name: не заполнено.",
        "мероприятие 1.2, поле responsible[2].kind: «boss» — допустимы: person, role, organization.",
    ]


def test_in_a_file_the_activity_is_named_with_its_line():
    text = """\
title: Программа
period: {start: 2023-09-01, end: 2024-08-31}
activities:
  - title: Первое
    deadline: {kind: weekly}
  - number: '2.1'
    title: Второе
    deadline: {text: к сроку, start: 2023-10-01}
    responsible: [{name: Иванов}]
"""
    assert file_problems(text) == [
        "мероприятие без номера (№ 1 по порядку), строка 4, поле deadline.kind: «weekly» — такого вида срока нет; "
        "допустимы: date, period, recurring, continuous, unspecified.",
        "мероприятие 2.1, строка 6, поле responsible[1].kind: «None» — допустимы: person, role, organization.",
        "мероприятие 2.1, строка 6, поле deadline.kind: не указан вид срока, а даты (start) указаны. Укажите kind "
        "(date, period, recurring, continuous, unspecified) или удалите даты, чтобы срок вычислился из text.",
    ]
