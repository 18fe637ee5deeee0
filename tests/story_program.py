"""A small program to tell stories with: 2 sections, a per-school role over 3 schools,
a person, a recurring and a continuous activity. Shared by storage and service tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.domain.models import Activity, Party, PartyKind, Period, Program, Schedule, ScheduleKind, Section

NOW = datetime(2023, 9, 20, 1, 0, tzinfo=UTC)  # 10:00 in Yakutsk, Wednesday

HEAD = Party(kind=PartyKind.ROLE, name="Руководитель ОО", normalized="руководитель оо")
COORDINATOR = Party(kind=PartyKind.ROLE, name="Муниципальный координатор", normalized="муниципальный координатор")
YAKSHINA = Party(kind=PartyKind.PERSON, name="Якшина А.И.", normalized="якшина а и")
SCHOOLS = ["МОАУ СОШ № 1", "МОАУ СОШ № 2", "МОАУ Лицей № 3"]


def d(text: str) -> date:
    return date.fromisoformat(text)


def story_program(**changes) -> Program:
    activities = [
        Activity(
            number="1.1", section="Организация работы", title="Совещание с руководителями школ",
            deadline=Schedule(kind=ScheduleKind.DATE, start=d("2023-09-29"), end=d("2023-09-29"),
                              due=(d("2023-09-29"),), source="до 29.09.2023"),
            responsible=[YAKSHINA], result="Протокол совещания",
        ),
        Activity(
            number="1.2", section="Организация работы", title="Разработка программы развития школы",
            deadline=Schedule(kind=ScheduleKind.PERIOD, start=d("2023-10-01"), end=d("2023-11-30"),
                              due=(d("2023-11-30"),), source="октябрь – ноябрь 2023"),
            responsible=[HEAD], result="Программа развития",
        ),
        Activity(
            number="2.1", section="Мониторинг", title="Мониторинг посещаемости",
            deadline=Schedule(kind=ScheduleKind.RECURRING, start=d("2023-09-01"), end=d("2023-12-31"),
                              due=(d("2023-09-29"), d("2023-10-31"), d("2023-11-30"), d("2023-12-29")),
                              source="ежемесячно"),
            responsible=[COORDINATOR],
        ),
        Activity(
            number="2.2", section="Мониторинг", title="Методическое сопровождение педагогов",
            deadline=Schedule(kind=ScheduleKind.CONTINUOUS, start=d("2023-09-01"), end=d("2024-08-31"),
                              source="в течение года"),
            responsible=[YAKSHINA],
        ),
    ]
    fields = dict(
        title="Программа поддержки ШНОР на 2023–2024 учебный год",
        municipality="г. Зея",
        period=Period(start=d("2023-09-01"), end=d("2024-08-31")),
        timezone="Asia/Yakutsk",
        sections=[Section(number="1", title="Организация работы"), Section(number="2", title="Мониторинг")],
        activities=activities,
        organizations=list(SCHOOLS),
        source="story.txt",
    )
    fields.update(changes)
    return Program(**fields)


def crowded_school(index: int) -> str:
    """A long, realistic school name; the number comes early, so names differ near the start."""
    return (f"МОАУ СОШ № {index} — Муниципальное общеобразовательное автономное учреждение "
            f"«Средняя общеобразовательная школа № {index} с углублённым изучением отдельных предметов "
            f"имени Героя Советского Союза И. И. Иванова» г. Зеи Амурской области")


def crowded_program(schools: int = 150) -> Program:
    """The story program over many schools with long names: 1.1 is per school and already
    overdue (29 → 15 September), so /people, /invite, /activity 1.1 and /overdue each list
    every school."""
    program = story_program(organizations=[crowded_school(i) for i in range(1, schools + 1)])
    first = program.activities[0].model_copy(update=dict(
        deadline=Schedule(kind=ScheduleKind.DATE, start=d("2023-09-15"), end=d("2023-09-15"),
                          due=(d("2023-09-15"),), source="до 15.09.2023"),
        responsible=[HEAD],
    ))
    return program.model_copy(update=dict(activities=[first, *program.activities[1:]]))
