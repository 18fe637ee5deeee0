"""Issue 11, «Done when», through the emulator and the real bot: a coordinator's ZIP bomb and
16,384-column sheet are refused in Russian with nothing stored while a teacher's status taps
keep being answered within a second; 150 simultaneous taps by 50 people are all answered and
each person's task gets exactly one status-history entry.

Latencies are measured press → answered with time.monotonic: the emulator, the bot and these
users share one process, so a stalled event loop would show up in every figure. No step waits
a fixed time for the bot to be fast; overall timeouts are generous, the 1 s per answer strict."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.storage import Database, ProgramRepository
from crowd_world import AnswerWatch, history_by_person_and_task, open_cards, percentile, seat_heads
from hostile_files import wide_xlsx, zip_bomb_xlsx
from story_program import story_program
from test_e2e_conversations import COORDINATOR_ID, invite, open_card

ANSWER_LIMIT = 1.0  # seconds from a press to its callback answer
MIN_TAPS = 10  # the teacher taps at least this often, and on until both refusals are in
REFUSALS_TIMEOUT = 90.0  # both files read and refused (a cold worker start included), on a slow machine
TAP_PAUSE = 0.05  # between one answer and the next tap: a quick thumb, not a measure of speed


@pytest.fixture
def bot_settings(bot_settings):
    bot_settings["coordinator_ids"] = [COORDINATOR_ID]
    return bot_settings


@pytest.fixture
async def coordinator(sandbox):
    return await sandbox.create_user("Ольга", last_name="Координатор", id=COORDINATOR_ID)


async def open_db(bot_settings) -> Database:
    bot_settings["data_dir"].mkdir(parents=True, exist_ok=True)
    return await Database.open(bot_settings["database_path"])


@pytest.fixture
async def program(bot_settings, clock):
    db = await open_db(bot_settings)
    try:
        await ProgramRepository(db).save_program(story_program(), now=clock.now())
    finally:
        await db.close()


async def timed_tap(emulator, user, card, text: str) -> tuple[float, dict]:
    """Presses `text` on `card`; seconds from just before the press to the answer seen in the
    emulator's callback record (polled every 5 ms), and the record."""
    pressed = time.monotonic()
    callback_id = await user.press(card, text=text)
    record = emulator.callbacks[callback_id]
    while not record.answered and time.monotonic() - pressed < 15:  # Telegram's own answer window
        await asyncio.sleep(0.005)
    return time.monotonic() - pressed, {"answered": record.answered, "text": record.text}


async def test_hostile_roadmaps_are_refused_while_a_teachers_taps_stay_fast(
        program, e2e, emulator, sandbox, coordinator, bot_settings):
    teacher = await sandbox.create_user("Алла", last_name="Якшина")
    listing = await invite(coordinator, teacher, "Якшина А.И.")
    card = await open_card(teacher, listing, "2.2")  # continuous, no document expected
    assert "Методическое сопровождение педагогов" in card.text, card.text
    files = {"бомба.xlsx": zip_bomb_xlsx(), "широкая таблица.xlsx": wide_xlsx(columns=16384)}

    async def refusals() -> list[str]:
        return [(await coordinator.next_message(timeout=REFUSALS_TIMEOUT)).text for _ in files]

    for name, content in files.items():
        await coordinator.send_document(content, name)
    answers = asyncio.create_task(refusals())
    taps: list[tuple[str, float, dict]] = []
    overlapped = 0
    try:
        for text in ["В работе", "Выполнено"] * 10_000:
            if answers.done() and len(taps) >= MIN_TAPS:
                break
            reading = not answers.done()
            seconds, answer = await timed_tap(emulator, teacher, card, text)
            taps.append((text, seconds, answer))
            overlapped += reading and not answers.done()
            await asyncio.sleep(TAP_PAUSE)
        texts = await answers
    finally:
        answers.cancel()

    slow = [(text, round(seconds, 3), answer) for text, seconds, answer in taps
            if not answer["answered"] or seconds > ANSWER_LIMIT]
    assert not slow, f"answers later than {ANSWER_LIMIT} s (of {len(taps)} taps): {slow}"
    assert overlapped >= 1, "no tap was answered while the files were being read"
    for (text, _, answer) in taps:
        assert answer["text"].startswith("Статус «Методическое сопровождение педагогов»"), answer
        assert ("В работе" if text == "В работе" else "Выполнено") in answer["text"], answer

    bomb, wide = texts
    assert bomb.startswith("Не получилось прочитать «бомба.xlsx»"), bomb
    assert "похоже на ZIP-бомбу" in bomb and "Ничего не сохранено" in bomb, bomb
    assert wide.startswith("Не получилось прочитать «широкая таблица.xlsx»"), wide
    assert "не нашлась таблица мероприятий" in wide and "Ничего не сохранено" in wide, wide
    db = await open_db(bot_settings)
    try:
        assert [p.title for p in await ProgramRepository(db).list_programs()] == [story_program().title]
        async with db.read() as conn:
            for table in ("roadmap_uploads", "roadmap_drafts"):
                assert (await conn.execute_fetchall(f"SELECT count(*) FROM {table}"))[0][0] == 0, table
    finally:
        await db.close()
    figures = sorted(seconds for _, seconds, _ in taps)
    print(f"\n{len(taps)} taps ({overlapped} while the files were read): "
          f"p50 {percentile(figures, 0.5) * 1000:.0f} ms, max {figures[-1] * 1000:.0f} ms")


# -- 150 simultaneous taps by 50 people ------------------------------------------------------------

PEOPLE = 50
TAPS_EACH = 3
FIRST_ID = 910_000


@pytest.fixture
async def heads(bot_settings, clock):
    """50 heads of 50 schools, one task each, seated before the bot starts."""
    db = await open_db(bot_settings)
    try:
        return await seat_heads(db, [FIRST_ID + i for i in range(PEOPLE)], now=clock.now())
    finally:
        await db.close()


async def test_150_simultaneous_taps_by_50_people_change_each_status_once(
        heads, e2e, emulator, sandbox, bot_settings):
    users = [await sandbox.create_user(f"Директор {i}", id=seat.telegram_id) for i, seat in enumerate(heads)]

    cards = await open_cards(emulator, users)
    assert all("Статус: ⚪ Не начато" in card.text for card in cards), [c.text for c in cards]

    async with AnswerWatch(emulator) as watch:
        presses = [(user, card) for user, card in zip(users, cards, strict=True) for _ in range(TAPS_EACH)]
        ids = await asyncio.gather(*(user.press(card, text="В работе") for user, card in presses))
        for callback_id in ids:
            watch.watch(callback_id)
        missing = await watch.wait_all(ids, timeout=60)
    assert not missing, f"{len(missing)} of {len(ids)} taps never answered"

    changed = "Статус «Самоанализ школы»: 🟡 В работе."
    unchanged = "Статус уже «В работе» — ничего не изменилось."
    by_user: dict[int, list[str]] = {}
    for (user, _), callback_id in zip(presses, ids, strict=True):
        by_user.setdefault(user.id, []).append(emulator.callbacks[callback_id].text)
    for user_id, answers in by_user.items():
        assert sorted(answers) == sorted([changed] + [unchanged] * (TAPS_EACH - 1)), (user_id, answers)

    db = await open_db(bot_settings)
    try:
        history = await history_by_person_and_task(db)
    finally:
        await db.close()
    assert history == {(seat.person_id, seat.task_id): [("not_started", "in_progress")] for seat in heads}
    for user, card in zip(users, cards, strict=True):
        assert "Статус: 🟡 В работе" in (await user.message(card.message_id)).text
    latencies = sorted(watch.latency(c) for c in ids)
    print(f"\n{len(ids)} taps by {PEOPLE} people: p50 {percentile(latencies, 0.5) * 1000:.0f} ms, "
          f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")
