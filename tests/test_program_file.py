from datetime import date

import pytest
import yaml

from bot.domain import program_file
from bot.domain.models import Activity, Party, PartyKind, Period, Program, Schedule, ScheduleKind, Section
from bot.domain.program_file import ProgramFileError, dump_program, fold_party_name, load_program_file

PERIOD = Period(start=date(2023, 9, 1), end=date(2024, 8, 31))


def party(kind: PartyKind, name: str) -> Party:
    return Party(kind=kind, name=name, normalized=fold_party_name(name))


def sample_program() -> Program:
    return Program(
        title="Программа поддержки школ с низкими результатами обучения на 2023–2024 годы",
        municipality="Город Якутск",
        period=PERIOD,
        timezone="Asia/Yakutsk",
        source="Дорожная карта ШНОР.docx",
        organizations=["МОАУ СОШ № 1", "МОАУ «Лицей № 2»"],
        sections=[Section(number="1", title="Организация работы"), Section(title="Мониторинг")],
        activities=[
            Activity(
                number="1.1", section="Организация работы", title="Совещание\nс руководителями ОО",
                deadline=Schedule(kind=ScheduleKind.DATE, start=date(2023, 9, 30), end=date(2023, 9, 30),
                                  due=(date(2023, 9, 30),), source="до 30.09.2023"),
                responsible=[party(PartyKind.ROLE, "Руководитель ОО"), party(PartyKind.PERSON, "Якшина А.И.")],
                result="Протокол", source_lines=(12, 14),
            ),
            Activity(
                number="1.10", section="Организация работы", title="yes",
                deadline=Schedule(kind=ScheduleKind.PERIOD, start=date(2023, 10, 1), end=date(2023, 11, 30),
                                  due=(date(2023, 11, 30),), source="октябрь-ноябрь"),
                responsible=[party(PartyKind.ORGANIZATION, "ГАУ ДПО «АМИРО»")],
            ),
            Activity(
                number="5.", section="Мониторинг", title="2024",
                deadline=Schedule(kind=ScheduleKind.RECURRING, due=(date(2023, 10, 31), date(2023, 11, 30)),
                                  source="ежемесячно", needs_review=True, review_reason="Проверьте последний месяц"),
            ),
            Activity(
                section="Мониторинг", title="Сопровождение: «наставничество»",
                deadline=Schedule(kind=ScheduleKind.CONTINUOUS, start=PERIOD.start, end=PERIOD.end,
                                  source="в течение года"),
            ),
            Activity(
                title="Вебинары", deadline=Schedule(kind=ScheduleKind.UNSPECIFIED, source="", needs_review=True),
            ),
        ],
    )


def fake_parser(text: str, period: Period) -> Schedule:
    """Stands in for bot.domain.deadlines: understands «до DD.MM.YYYY» only."""
    if text.startswith("до "):
        day = date(int(text[-4:]), int(text[-7:-5]), int(text[-10:-8]))
        return Schedule(kind=ScheduleKind.DATE, start=day, end=day, due=(day,), source=text)
    return Schedule(kind=ScheduleKind.UNSPECIFIED, needs_review=True, source=text, review_reason="не понял")


MINIMAL = """\
title: Программа
period: {start: 2023-09-01, end: 2024-08-31}
sections: [{number: '1', title: Раздел}]
activities:
  - number: '1.2'
    section: Раздел
    title: Совещание
    deadline:
      text: до 15.10.2023
    responsible:
      - {kind: person, name: Якшина  А. И.}
"""


def problems_of(text: str, **kwargs) -> str:
    with pytest.raises(ProgramFileError) as caught:
        load_program_file(text, name="programs/test.yaml", parse_deadline=fake_parser, **kwargs)
    return caught.value.message


# ─── round trip and layout ──────────────────────────────────────────────────


def test_dump_and_load_round_trip():
    program = sample_program()
    text = dump_program(program, reviewed_by="Иванова И.И.")
    assert load_program_file(text, parse_deadline=fake_parser) == program


def test_people_named_only_in_the_text_survive_the_program_file():
    """`import --out` then `load`: a deputy named only in the program's text stays invitable."""
    from bot.domain.models import NamedInText

    program = sample_program().model_copy(update={"text_parties": [
        NamedInText(party=party(PartyKind.PERSON, "Петрова А.С."), reason="утверждает программу"),
        NamedInText(party=party(PartyKind.ROLE, "Заместитель главы администрации"), reason="контроль исполнения"),
    ]})
    text = dump_program(program)
    assert "named_in_text:" in text and "утверждает программу" in text
    assert load_program_file(text, parse_deadline=fake_parser) == program
    assert "named_in_text" not in dump_program(sample_program())  # files without them stay as they were


def test_dump_is_readable_yaml_with_a_header():
    text = dump_program(sample_program(), reviewed_by="Иванова И.И.")
    assert text.startswith("# Дорожная карта: Программа поддержки школ")
    assert "# Проверил: Иванова И.И." in text
    assert "title: Программа поддержки школ с низкими результатами обучения на 2023–2024 годы\n" in text
    assert "\\u" not in text  # Cyrillic as is
    assert "  - number: '1.1'\n" in text  # block style, numbers kept as text
    assert "      due: [2023-09-30]\n" in text
    keys = list(yaml.safe_load(text))
    assert keys == ["source", "composed", "reviewed_by", "title", "municipality", "timezone", "period",
                    "organizations", "sections", "activities"]
    activity = yaml.safe_load(text)["activities"][0]
    assert list(activity) == ["number", "section", "title", "deadline", "responsible", "result", "source_lines"]
    assert list(activity["deadline"]) == ["text", "kind", "start", "end", "due", "needs_review"]


def test_file_on_disk_by_path(tmp_path):
    path = tmp_path / "programs" / "shnor.yaml"
    path.parent.mkdir()
    path.write_text(dump_program(sample_program()), encoding="utf-8")
    assert load_program_file(path, parse_deadline=fake_parser) == sample_program()
    assert load_program_file(str(path), parse_deadline=fake_parser) == sample_program()


# ─── hand edits ─────────────────────────────────────────────────────────────


def test_deadline_given_only_as_text_is_understood_again():
    program = load_program_file(MINIMAL, parse_deadline=fake_parser)
    (activity,) = program.activities
    assert activity.deadline == Schedule(
        kind=ScheduleKind.DATE, start=date(2023, 10, 15), end=date(2023, 10, 15), due=(date(2023, 10, 15),),
        source="до 15.10.2023",
    )
    # the party key comes from the name
    assert activity.responsible == [Party(kind=PartyKind.PERSON, name="Якшина  А. И.", normalized="якшина а и")]
    assert program.timezone == "Europe/Moscow"


def test_deadline_as_a_plain_string_and_reviewer_overrides():
    text = MINIMAL.replace(
        "    deadline:\n      text: до 15.10.2023\n",
        "    deadline:\n      text: когда получится\n      needs_review: false\n",
    )
    (activity,) = load_program_file(text, parse_deadline=fake_parser).activities
    assert activity.deadline.kind is ScheduleKind.UNSPECIFIED
    assert activity.deadline.needs_review is False  # a person has looked and accepted it

    plain = MINIMAL.replace("    deadline:\n      text: до 15.10.2023\n", "    deadline: до 01.12.2023\n")
    (activity,) = load_program_file(plain, parse_deadline=fake_parser).activities
    assert activity.deadline.due == (date(2023, 12, 1),)


def test_the_real_deadline_parser_is_used_when_present():
    deadlines = pytest.importorskip("bot.domain.deadlines")
    (activity,) = load_program_file(MINIMAL).activities
    assert activity.deadline == deadlines.parse_deadline("до 15.10.2023", PERIOD).model_copy(
        update={"source": "до 15.10.2023"}
    )


@pytest.mark.parametrize("text", [
    "до 30.09.2023", "сентябрь 2023", "октябрь – ноябрь 2023", "ежемесячно", "ежеквартально",
    "в течение года", "постоянно", "по графику АМИРО", "",
])
def test_what_the_real_deadline_parser_says_survives_a_file(text):
    deadlines = pytest.importorskip("bot.domain.deadlines")
    schedule = deadlines.parse_deadline(text, PERIOD)
    program = Program(title="П", period=PERIOD, activities=[Activity(number="1", title="А", deadline=schedule)])
    assert load_program_file(dump_program(program), parse_deadline=fake_parser) == program


def test_without_a_deadline_parser_the_text_is_kept_for_review(monkeypatch):
    monkeypatch.setattr(program_file, "_default_deadline_parser", lambda: None)
    (activity,) = load_program_file(MINIMAL).activities
    assert activity.deadline.kind is ScheduleKind.UNSPECIFIED
    assert activity.deadline.needs_review and activity.deadline.source == "до 15.10.2023"


def test_a_period_without_due_is_due_on_its_last_day():
    text = MINIMAL.replace(
        "      text: до 15.10.2023\n",
        "      text: октябрь\n      kind: period\n      start: 2023-10-01\n      end: 31.10.2023\n",
    )
    (activity,) = load_program_file(text, parse_deadline=fake_parser).activities
    assert activity.deadline.due == (date(2023, 10, 31),)


def test_yes_no_and_numbers_stay_text():
    text = MINIMAL.replace("title: Совещание", "title: Нет").replace("number: '1.2'", "number: 1.10")
    (activity,) = load_program_file(text, parse_deadline=fake_parser).activities
    assert (activity.number, activity.title) == ("1.10", "Нет")


# ─── broken files: Russian messages naming the file, activity and field ────


def test_unknown_schedule_kind():
    message = problems_of(MINIMAL.replace("      text: до 15.10.2023\n", "      text: x\n      kind: someday\n      due: [2023-10-01]\n"))
    assert "programs/test.yaml" in message
    assert "мероприятие 1.2" in message and "deadline.kind" in message
    assert "someday" in message and "date, period, recurring, continuous, unspecified" in message


def test_impossible_date_names_the_field():
    message = problems_of(MINIMAL.replace("      text: до 15.10.2023\n",
                                          "      text: x\n      kind: date\n      due: [2024-02-30]\n"))
    assert "мероприятие 1.2, строка 5, поле deadline.due: «2024-02-30» — не дата" in message


def test_every_problem_is_reported_at_once():
    text = """\
title: ''
period: {start: 2024-08-31, end: 2023-09-01}
timezone: Mars/Olympus
activities:
  - number: '3.1'
    titel: Опечатка в имени поля
    deadline: {kind: date}
  - title: Без номера
    deadline: {text: '', due: [2023-10-01]}
    responsible: [{kind: boss, name: Иванов}]
"""
    message = problems_of(text)
    assert message.startswith("Файл programs/test.yaml не загружен")
    for expected in (
        "поле title: не заполнено",
        "поле period.end: конец (2023-09-01) раньше начала (2024-08-31)",
        "поле timezone: «Mars/Olympus» — неизвестный часовой пояс",
        "мероприятие 3.1, строка 5: неизвестное поле «titel»",
        "мероприятие 3.1, строка 5, поле title: не заполнено",
        "мероприятие 3.1, строка 5, поле deadline.due: для kind: date нужна ровно одна дата",
        "мероприятие без номера (№ 2 по порядку), строка 8, поле deadline.kind: не указан вид срока",
        "мероприятие без номера (№ 2 по порядку), строка 8, поле responsible[1].kind: «boss»",
    ):
        assert expected in message, expected


def test_yaml_syntax_error_gives_the_line():
    message = problems_of("title: Программа\nperiod: [2023-09-01\nactivities: []\n")
    assert "строка" in message and "ошибка разметки YAML" in message


def test_duplicated_field_is_an_error_not_a_silent_overwrite():
    message = problems_of(MINIMAL.replace("    title: Совещание\n", "    title: Совещание\n    title: Другое\n"))
    assert "поле «title» повторяется" in message


def test_section_must_be_listed():
    message = problems_of(MINIMAL.replace("    section: Раздел\n", "    section: Раздел 2\n"))
    assert "мероприятие 1.2, строка 5, поле section: раздела «Раздел 2» нет в списке sections" in message


def test_missing_file_and_not_a_mapping(tmp_path):
    with pytest.raises(ProgramFileError, match="не найден"):
        load_program_file(tmp_path / "nope.yaml")
    assert "ожидаются поля программы" in problems_of("- просто список\n")
    assert "файл пуст" in problems_of("")
