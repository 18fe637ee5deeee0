"""Issue 12, «Summaries a phone can read»: overdue grouped by activity (one line: how many
deadlines, schools, since when), counts that add up to the total, a word about the bot only
when something is wrong, /summary as one message within 4096 characters plus the file — and
the .xlsx built from the same snapshot numbers. Builders first, then the running bot."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, date, datetime, timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook

from bot.domain.clock import FrozenClock
from bot.domain.models import Activity, Schedule, ScheduleKind
from bot.i18n import texts
from bot.reports.model import EvidenceRow, PostponementRow, ProgramSnapshot, SilentPerson, TaskRow
from bot.reports.overdue_groups import OverdueItem, group_overdue, overdue_group_line
from bot.reports.summary_text import TEXT_LIMIT, counts, health_lines, summary_text
from bot.reports.xlsx_report import build_report
from bot.storage import Database
from bot.storage.meta import MetaRepository
from bot.storage.timestamps import instant_to_db
from e2e_setup import store_programs
from story_program import HEAD, crowded_program, crowded_school, story_program

TODAY = date(2024, 1, 10)
GENERATED = datetime(2024, 1, 10, 1, 0, tzinfo=UTC)
LONG_SCHOOL = crowded_school
COUNT_LINE = re.compile(r"(выполнено|просрочено|проблема|в работе|не начато): (\d+) из (\d+)")


def task(task_id: int, status: str, due: date | None, organization: str | None = None, *, number: str = "1.1",
         title: str | None = None, activity_id: int | None = None) -> TaskRow:
    return TaskRow(task_id=task_id, section="Раздел", number=number, title=title or f"Мероприятие {number}",
                   organization=organization, due=due, schedule_kind="date", deadline_text="—", status=status,
                   last_update=None, last_comment=None, assignees=(), files=(), activity_id=activity_id)


def snapshot(tasks, **extra) -> ProgramSnapshot:
    fields = dict(planner_last_run=GENERATED - timedelta(minutes=5))
    fields.update(extra)
    return ProgramSnapshot(
        program_id=1, title="Программа поддержки ШНОР", municipality="г. Зея", timezone="Asia/Yakutsk",
        period_start=date(2023, 9, 1), period_end=date(2024, 8, 31), today=TODAY, generated_at=GENERATED,
        week_start=date(2024, 1, 8), week_end=date(2024, 1, 14), tasks=list(tasks), **fields)


def weekly(schools: int = 4, weeks: int = 13, first_id: int = 1) -> list[TaskRow]:
    """«2.1 Заседания рабочей группы» every Wednesday from 20 September at each school, none done."""
    return [task(first_id + s * weeks + w, "not_started", date(2023, 9, 20) + timedelta(weeks=w), f"Школа № {s + 1}",
                 number="2.1", title="Заседания рабочей группы", activity_id=21)
            for s in range(schools) for w in range(weeks)]


# ─── builders ───────────────────────────────────────────────────────────────


def test_a_weekly_activity_over_four_schools_is_one_line():
    groups = group_overdue(OverdueItem(t.activity_id, t.number, t.title, t.organization, t.due) for t in weekly())
    assert len(groups) == 1
    assert overdue_group_line(texts(), groups[0]) == "• 2.1 Заседания рабочей группы — 52 срока, 4 школы, с 20.09.2023"


def test_overdue_groups_are_oldest_first_with_plurals_and_shared_activities():
    rows = [
        task(1, "in_progress", date(2023, 10, 2), "Школа № 1", number="1.2", activity_id=12),
        task(2, "problem", date(2023, 9, 29), None, number="1.1", activity_id=11),  # shared: no schools
        *[task(10 + i, "not_started", date(2023, 11, 1) + timedelta(days=i), f"Школа № {i % 21 + 1}", number="3.1",
               activity_id=31) for i in range(21)],
        task(99, "done", date(2023, 9, 1), "Школа № 1", number="0.1", activity_id=1),  # done: not overdue
    ]
    lines = [overdue_group_line(texts(), g) for g in group_overdue(
        OverdueItem(t.activity_id, t.number, t.title, t.organization, t.due) for t in rows if t.is_overdue(TODAY))]
    assert lines == [
        "• 1.1 Мероприятие 1.1 — 1 срок, с 29.09.2023",
        "• 1.2 Мероприятие 1.2 — 1 срок, 1 школа, с 02.10.2023",
        "• 3.1 Мероприятие 3.1 — 21 срок, 21 школа, с 01.11.2023",
    ]


def test_the_counts_add_up_each_task_once():
    rows = [task(1, "done", date(2023, 9, 1)), task(2, "done", None),
            task(3, "problem", date(2023, 12, 1)),  # overdue and a problem: counted as overdue
            task(4, "problem", date(2024, 2, 1)), task(5, "in_progress", date(2023, 12, 20)),
            task(6, "in_progress", date(2024, 1, 15)), task(7, "not_started", date(2023, 10, 1)),
            task(8, "not_started", date(2024, 1, 20)), task(9, "not_started", None)]
    c = counts(snapshot(rows))
    assert {k: c[k] for k in ("done", "overdue", "problem", "in_progress", "not_started")} == \
        {"done": 2, "overdue": 3, "problem": 1, "in_progress": 1, "not_started": 2}
    assert c["done"] + c["overdue"] + c["problem"] + c["in_progress"] + c["not_started"] == c["total"] == 9
    assert c["soon"] == 2  # 15 and 20 January: apart from the five, not added to them
    text = summary_text(snapshot(rows), texts())
    found = {name: (int(n), int(total)) for name, n, total in COUNT_LINE.findall(text)}
    assert found == {"выполнено": (2, 9), "просрочено": (3, 9), "проблема": (1, 9), "в работе": (1, 9),
                     "не начато": (2, 9)}
    assert "✅ выполнено: 2 из 9 (22 %)" in text


def test_the_xlsx_summary_sheet_has_the_same_numbers():
    rows = [*weekly(2, 3), task(100, "done", date(2023, 9, 1)), task(101, "problem", date(2024, 3, 1)),
            task(102, "in_progress", date(2024, 1, 12))]
    shot = snapshot(rows)
    c = counts(shot)
    sheet = load_workbook(BytesIO(build_report(shot)))["Сводка"]
    values = {r[0]: r[1] for r in sheet.iter_rows(min_row=2, values_only=True) if r and r[0]}
    assert values["Всего единиц отчётности"] == c["total"] == 9
    assert [values[k] for k in ("Выполнено", "Просрочено", "Проблема", "В работе", "Не начато")] == \
        [c["done"], c["overdue"], c["problem"], c["in_progress"], c["not_started"]] == [1, 6, 1, 1, 0]
    text = summary_text(shot, texts())
    assert "⏰ просрочено: 6 из 9" in text and "🔴 проблема: 1 из 9" in text


def test_no_word_about_the_bot_when_all_is_well():
    text = summary_text(snapshot(weekly()), texts())
    assert health_lines(snapshot(weekly()), texts()) == []
    assert "⚠️" not in text and "Бот:" not in text and "планировщик" not in text and "очеред" not in text


def test_plain_words_when_something_is_wrong():
    late = snapshot([], planner_last_run=GENERATED - timedelta(hours=3, minutes=20), outbox_stale=12)
    assert health_lines(late, texts()) == [
        "⚠️ Напоминания не отправлялись 3 часа — проверьте, работает ли бот.",
        "⚠️ 12 сообщений ждут отправки дольше часа.",
    ]
    assert health_lines(snapshot([], outbox_stale=1), texts()) == ["⚠️ 1 сообщение ждёт отправки дольше часа."]
    assert health_lines(snapshot([], planner_last_run=GENERATED - timedelta(days=5)), texts()) == \
        ["⚠️ Напоминания не отправлялись 5 дней — проверьте, работает ли бот."]
    assert "ни разу" in health_lines(snapshot([], planner_last_run=None), texts())[0]
    people = [f"Учитель {i}" for i in range(8)]
    assert health_lines(snapshot([], unreachable=people), texts()) == [
        "⚠️ Сообщения не доходят (бот заблокирован): Учитель 0, Учитель 1, Учитель 2, Учитель 3, Учитель 4 и ещё 3."]
    assert "12 сообщений ждут отправки дольше часа" in summary_text(late, texts())


def test_a_huge_program_is_one_message():
    rows = [*weekly(4, 13)]
    for a in range(200):  # 200 overdue activities over 150 long-named schools
        for s in range(3):
            rows.append(task(1000 + a * 3 + s, "not_started", date(2023, 10, 1) + timedelta(days=a % 60),
                             LONG_SCHOOL((a * 3 + s) % 150 + 1), number=f"5.{a + 1}",
                             title="Очень длинное название мероприятия " * 5, activity_id=1000 + a))
    week = datetime(2024, 1, 9, 3, 0, tzinfo=UTC)
    shot = snapshot(
        rows,
        silent=[SilentPerson(f"Учитель {i} " + "Фамилия" * 10, LONG_SCHOOL(i + 1), 3, None) for i in range(60)],
        evidence=[EvidenceRow("протокол заседания " * 10 + ".pdf", "2.1", "Заседания рабочей группы" * 5,
                              LONG_SCHOOL(i + 1), "Учитель", week, 100, "0" * 64, None) for i in range(40)],
        postponements=[PostponementRow("2.1", "Заседания рабочей группы" * 5, LONG_SCHOOL(i + 1), "Учитель " * 10,
                                       date(2023, 12, 1), date(2024, 2, 1), "курсы", week) for i in range(30)],
        unreachable=[f"Учитель {i}" for i in range(100)], outbox_stale=40,
        planner_last_run=GENERATED - timedelta(hours=7),
    )
    text = summary_text(shot, texts())
    assert len(text) <= TEXT_LIMIT
    assert text.count("срок") >= 5 and "ещё 196 мероприятий — /overdue" in text  # 201 activities, 5 shown
    assert "• 2.1 Заседания рабочей группы — 52 срока, 4 школы, с 20.09.2023" in text
    assert "40 сообщений ждут отправки дольше часа" in text and "не отправлялись 7 часов" in text
    plain = summary_text(shot, texts(html=False))
    assert len(plain) <= TEXT_LIMIT


# ─── the running bot ────────────────────────────────────────────────────────

COORDINATOR_ID = 7001
SCHOOLS = 150
LATE_DAY = datetime(2023, 12, 29, 1, 0, tzinfo=UTC)  # Friday 29 December, 10:00 in Yakutsk


@pytest.fixture
def bot_settings(bot_settings):
    bot_settings["coordinator_ids"] = [COORDINATOR_ID]
    return bot_settings


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(LATE_DAY)


@pytest.fixture
async def coordinator(sandbox):
    return await sandbox.create_user("Ольга", last_name="Координатор", id=COORDINATOR_ID)


async def save(bot_settings, clock, program) -> None:
    await store_programs(bot_settings, clock.now(), program)


@pytest.fixture
async def crowded(bot_settings, clock):
    await save(bot_settings, clock, crowded_program(SCHOOLS))


def working_group(schools: list[str]):
    """Story program plus «2.1 Заседания рабочей группы» every Wednesday from 20 September
    (13 by 29 December) at each school, and `extra` one-off activities already overdue."""
    base = story_program(organizations=schools)
    weekly_activity = Activity(
        number="2.1", section="Мониторинг", title="Заседания рабочей группы",
        deadline=Schedule(kind=ScheduleKind.RECURRING, start=date(2023, 9, 20), end=date(2023, 12, 13),
                          due=tuple(date(2023, 9, 20) + timedelta(weeks=w) for w in range(13)),
                          source="еженедельно по средам"),
        responsible=[HEAD], result="Протокол заседания")
    return base, weekly_activity


def many_activities(count: int):
    base, weekly_activity = working_group(["МОАУ СОШ № 1", "МОАУ СОШ № 2", "МОАУ Лицей № 3", "МОАУ ООШ № 9"])
    extra = [Activity(number=f"3.{i}", section="Мониторинг",
                      title=f"Мероприятие номер {i} с довольно длинным названием, как в настоящих дорожных картах",
                      deadline=Schedule(kind=ScheduleKind.DATE, start=date(2023, 10, 2), end=date(2023, 10, 2),
                                        due=(date(2023, 10, 2) + timedelta(days=i // 2),),
                                        source="до октября"),
                      responsible=[HEAD]) for i in range(1, count + 1)]
    activities = [a for a in base.activities if a.number != "2.1"] + [weekly_activity, *extra]
    return base.model_copy(update=dict(activities=activities))


async def settled(bot_settings, clock, timeout: float = 10.0) -> None:
    """The planner has run at the test's moment and the sender has sent what is due."""
    db = await Database.open(bot_settings["database_path"])
    try:
        for _ in range(int(timeout / 0.1)):
            async with db.read() as conn:
                due = (await conn.execute_fetchall(
                    "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= ?",
                    (instant_to_db(clock.now()),)))[0][0]
            if due == 0 and await MetaRepository(db).planner_last_run() == clock.now():
                return
            await asyncio.sleep(0.1)
        raise AssertionError("the planner or the sender did not settle")
    finally:
        await db.close()


async def summary_messages(user):
    """/summary: the new messages that are the summary (and its continuations) and the file."""
    before = {m.message_id for m in await user.bot_messages()}
    await user.send("/summary")
    report = await user.next_message_containing("Отчёт по программе", timeout=15)
    new = [m for m in await user.bot_messages() if m.message_id not in before and m.message_id <= report.message_id]
    # the sender may slip a reminder or a coordinator's note in between; anything else is the summary's
    ours = [m for m in new if not m.body.startswith(("Напоминание", "Просрочено на 3 рабочих дня"))]
    return ours, report


async def test_a_crowded_program_summary_is_one_message_and_a_file(crowded, e2e, coordinator, bot_settings, clock):
    await settled(bot_settings, clock)
    ours, report = await summary_messages(coordinator)
    assert [m.message_id for m in ours if m.document is None] and len(ours) == 2  # one text, one file
    text = next(m for m in ours if m.document is None).text
    assert text.startswith("Сводка: Программа поддержки ШНОР") and len(text) <= TEXT_LIMIT
    assert report.document["file_name"].endswith(".xlsx")
    # overdue: one line per activity, with its count of deadlines, schools and the oldest date
    assert "• 1.1 Совещание с руководителями школ — 150 сроков, 150 школ, с 15.09.2023" in text
    assert "• 1.2 Разработка программы развития школы — 150 сроков, 150 школ, с 30.11.2023" in text
    assert "• 2.1 Мониторинг посещаемости — 3 срока, с 29.09.2023" in text
    assert text.index("1.1 Совещание") < text.index("2.1 Мониторинг") < text.index("1.2 Разработка")
    assert "просрочено на" not in text and "и ещё 114" not in text
    # the counts add up to the total
    found = COUNT_LINE.findall(text)
    assert [name for name, _, _ in found] == ["выполнено", "просрочено", "проблема", "в работе", "не начато"]
    total = int(found[0][2])
    assert all(int(t) == total for _, _, t in found) and sum(int(n) for _, n, _ in found) == total
    # the file has the same numbers
    workbook = load_workbook(BytesIO(await coordinator.download(report)))
    values = {r[0]: r[1] for r in workbook["Сводка"].iter_rows(min_row=2, values_only=True) if r and r[0]}
    assert values["Всего единиц отчётности"] == total
    assert values["Просрочено"] == int(dict((n, c) for n, c, _ in found)["просрочено"])
    assert workbook["Просрочено"].max_row - 1 == values["Просрочено"]
    # all is well: not a word about the bot
    assert "⚠️" not in text and "Бот:" not in text and "планировщик" not in text


async def test_a_stuck_outbox_is_said_in_plain_words(crowded, e2e, coordinator, bot_settings, clock):
    await settled(bot_settings, clock)
    ours, _ = await summary_messages(coordinator)
    assert "⚠️" not in next(m for m in ours if m.document is None).text
    db = await Database.open(bot_settings["database_path"])
    try:
        async with db.transaction() as conn:
            person = (await conn.execute_fetchall("SELECT id FROM people ORDER BY id LIMIT 1"))[0][0]
            for i in range(12):  # taken by a sender that hung three hours ago
                await conn.execute(
                    """INSERT INTO outbox (idempotency_key, person_id, kind, payload, status, attempts, next_attempt_at,
                                           created_at, claimed_at) VALUES (?, ?, 'overdue', '{}', 'sending', 1, ?, ?, ?)""",
                    (f"stuck-{i}", person, instant_to_db(clock.now() - timedelta(hours=3)),
                     instant_to_db(clock.now() - timedelta(days=1)), instant_to_db(clock.now())))
    finally:
        await db.close()
    ours, _ = await summary_messages(coordinator)
    text = next(m for m in ours if m.document is None).text
    assert "⚠️ 12 сообщений ждут отправки дольше часа." in text
    assert "Напоминания не отправлялись" not in text


@pytest.fixture
async def many(bot_settings, clock):
    await save(bot_settings, clock, many_activities(100))


async def test_overdue_is_paged_one_line_per_activity_with_a_button_each(many, e2e, coordinator, bot_settings,
                                                                         clock):
    await settled(bot_settings, clock)
    await coordinator.send("/overdue")
    first = await coordinator.next_message_containing("Просрочено:")
    assert first.text.startswith("Просрочено: 103 мероприятия (")  # 1.1, 1.2, 2.1 weekly, 3.1–3.100
    pages, page = [first], first
    while "Дальше ▶" in page.button_texts:
        await coordinator.press(page, text="Дальше ▶")
        page = await coordinator.wait_edit(page)
        assert page.message_id == first.message_id
        pages.append(page)
    assert len(pages) > 1
    opened = []
    for number, page in enumerate(pages, start=1):
        assert len(page.text) <= 3500 and sum(len(row) for row in page.buttons) <= 90
        assert f"стр. {number} из {len(pages)}" in page.text
        lines = [line for line in page.text.splitlines() if line.startswith("• ")]
        buttons = [data for row in page.buttons for _, data in row if data and data.startswith("ao:")]
        assert len(lines) == len(buttons) > 0
        opened += buttons
    assert len(opened) == len(set(opened)) == 103
    shown = "\n".join(p.text for p in pages)
    assert shown.count("• ") == 103
    assert "• 1.1 Совещание с руководителями школ — 1 срок, с 29.09.2023" in shown
    assert "• 2.1 Заседания рабочей группы — 52 срока, 4 школы, с 20.09.2023" in shown
    assert re.search(r"• 3\.100 Мероприятие номер 100 [^\n]* — 4 срока, 4 школы, с 21\.11\.2023", shown)
    assert shown.index("2.1 Заседания") < shown.index("1.1 Совещание") < shown.index("3.1 Мероприятие")
    # a forged page is clamped to the last one
    program_id = opened[0].split(":")[1]
    await coordinator.press(pages[-1], text="◀ Назад")
    back = await coordinator.wait_edit(pages[-1])
    assert f"стр. {len(pages) - 1} из {len(pages)}" in back.text
    await coordinator.press(back, data=f"op:{program_id}:99999", forge=True)
    assert (await coordinator.wait_edit(back)).text == pages[-1].text
    # an activity's button opens its schools and dates, as /activity does
    last = pages[-1]
    assert [line for line in last.text.splitlines() if line.startswith("• ")][-1].startswith(
        "• 1.2 Разработка программы развития школы — 4 срока, 4 школы, с 30.11.2023")  # the latest to fall behind
    page_with = next(p for p in pages if "3.100 Мероприятие" in " ".join(p.button_texts))
    await coordinator.press(page_with, data=page_with.button("3.100 Мероприятие")[1])
    activity = await coordinator.next_message_containing("Ожидаемый результат")
    assert activity.text.startswith("3.100 Мероприятие номер 100")
    assert "МОАУ ООШ № 9 · 21 ноября 2023" in activity.text and "Сдали: 0 из 4" in activity.text
    assert sum(1 for row in activity.buttons for _, d in row if d and d.startswith("tc:")) == 4
