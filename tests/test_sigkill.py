"""A hard kill mid-send loses nothing and repeats at most what was in flight.

The real bot runs as a subprocess (`python -m bot run`) against the emulator; 500
reminders are due; the process is SIGKILLed mid-wave, started again, and every reminder
arrives. The sender sends one message at a time and marks it sent right after Telegram
answers, so at most one message (the one in flight at the kill) can arrive twice.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.sandbox import Emulator, Limits
from bot.storage import Database, ProgramRepository
from bot.storage.outbox import enqueue_in
from bot.storage.people import PeopleRepository
from story_program import story_program

WAVE = 500
TOKEN = "424242:SIGKILL-test"


async def prepare(db_path: Path, emulator: Emulator) -> None:
    now = datetime.now(UTC)
    db = await Database.open(db_path)
    try:
        await ProgramRepository(db).save_program(story_program(), now=now)
        people = PeopleRepository(db)
        async with db.read() as conn:
            party = (await conn.execute_fetchall("SELECT id FROM parties WHERE kind = 'person'"))[0][0]
            task = (await conn.execute_fetchall(
                "SELECT lt.task_id FROM live_tasks lt JOIN activities a ON a.id = lt.activity_id "
                "WHERE a.number = '1.1'"))[0][0]
        for i in range(WAVE):
            user = emulator.create_user(f"Учитель {i}", id=500_000 + i)
            person = await people.upsert_telegram(user.id, user.first_name, None, now=now)
            async with db.transaction() as conn:
                await conn.execute("INSERT INTO party_bindings (person_id, party_id, created_at) VALUES (?, ?, ?)",
                                   (person.id, party, "2023-09-29T01:00:00+00:00"))
                await enqueue_in(conn, key=f"wave:{i}", person_id=person.id, task_id=task, kind="due_today",
                                 payload={}, not_before=now, now=now)
    finally:
        await db.close()


async def start_bot(tmp_path: Path, emulator: Emulator) -> asyncio.subprocess.Process:
    env = {**os.environ, "BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": emulator.base_url,
           "DATABASE_PATH": str(tmp_path / "bot.sqlite3"), "DATA_DIR": str(tmp_path / "data"),
           "PLANNER_ENABLED": "false", "OUTBOX_POLL_SECONDS": "0.2", "SEND_RATE_PER_SECOND": "30",
           "LOG_LEVEL": "WARNING"}
    return await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", env=env, cwd=tmp_path,
                                                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)


def delivered(emulator: Emulator) -> dict[int, int]:
    return {i: len([m for m in emulator.bot_messages(500_000 + i) if "Напоминание" in m.get("text", "")])
            for i in range(WAVE)}


async def test_a_sigkill_mid_wave_loses_nothing(tmp_path):
    emulator = Emulator(limits=Limits(rate_limits=False))
    await emulator.start()
    try:
        (tmp_path / "data").mkdir()
        await prepare(tmp_path / "bot.sqlite3", emulator)
        first = await start_bot(tmp_path, emulator)
        for _ in range(600):
            if sum(delivered(emulator).values()) >= 120:
                break
            await asyncio.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        await first.wait()
        at_kill = sum(1 for count in delivered(emulator).values() if count)
        assert 0 < at_kill < WAVE, "the kill must land mid-wave"
        second = await start_bot(tmp_path, emulator)
        try:
            for _ in range(1200):
                counts = delivered(emulator)
                if all(counts.values()):
                    break
                await asyncio.sleep(0.05)
        finally:
            second.send_signal(signal.SIGTERM)
            await asyncio.wait_for(second.wait(), 20)
        counts = delivered(emulator)
        assert all(counts.values()), f"lost: {[i for i, c in counts.items() if not c][:10]}"
        duplicates = sum(count - 1 for count in counts.values() if count > 1)
        assert duplicates <= 1, f"{duplicates} duplicates; at most the one message in flight may repeat"
    finally:
        await emulator.stop()
