"""A hard kill mid-send on MAX loses nothing and repeats at most what was in flight (issue 14).

The real bot runs as a subprocess (`python -m bot run`, Telegram and MAX: without BOT_TOKEN the
command starts the offline sandbox) against both emulators; 300
reminders are due to 300 MAX people; the process is SIGKILLed mid-wave, started again, and every
reminder arrives. MAX's sender claims its own rows (channel 'max'), sends one message at a time
and marks it sent right after MAX answers; at start-up it releases only MAX's stale claims. So at
most the one message in flight at the kill can arrive twice.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.sandbox import Emulator, Limits
from bot.sandbox.max_server import MaxEmulator
from bot.sandbox.max_state import MaxUserRecord
from bot.storage import Database, ProgramRepository
from bot.storage.channels import ChannelRepository
from bot.storage.outbox import enqueue_in
from story_program import story_program

WAVE = 300
TOKEN = "max-sigkill-token-0123456789"
BASE = 600_000


async def prepare(db_path: Path, emulator: MaxEmulator) -> None:
    now = datetime.now(UTC)
    db = await Database.open(db_path)
    try:
        await ProgramRepository(db).save_program(story_program(), now=now)
        async with db.read() as conn:
            party = (await conn.execute_fetchall("SELECT id FROM parties WHERE kind = 'person'"))[0][0]
            task = (await conn.execute_fetchall(
                "SELECT lt.task_id FROM live_tasks lt JOIN activities a ON a.id = lt.activity_id "
                "WHERE a.number = '1.1'"))[0][0]
        for i in range(WAVE):
            user = MaxUserRecord(user_id=BASE + i, first_name=f"Учитель {i}")
            emulator.users[user.user_id] = user
            emulator.chats.setdefault(user.user_id, [])
            person = await ChannelRepository(db).person_id_for("max", user.user_id, display_name=user.first_name,
                                                               username=None, chat_id=user.chat_id, now=now)
            async with db.transaction() as conn:
                await conn.execute("INSERT INTO party_bindings (person_id, party_id, created_at) VALUES (?, ?, ?)",
                                   (person, party, "2023-09-29T01:00:00+00:00"))
                await enqueue_in(conn, key=f"wave:{i}", person_id=person, task_id=task, kind="due_today",
                                 payload={}, not_before=now, now=now)
    finally:
        await db.close()


async def start_bot(tmp_path: Path, emulator: MaxEmulator, telegram: Emulator) -> asyncio.subprocess.Process:
    env = {**os.environ, "MAX_BOT_TOKEN": TOKEN, "MAX_API_URL": emulator.base_url,
           "BOT_TOKEN": "424243:SIGKILL-max-test", "TELEGRAM_API_URL": telegram.base_url,
           "DATABASE_PATH": str(tmp_path / "bot.sqlite3"), "DATA_DIR": str(tmp_path / "data"),
           "PLANNER_ENABLED": "false", "OUTBOX_POLL_SECONDS": "0.2", "LOG_LEVEL": "WARNING"}
    return await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", env=env, cwd=tmp_path,
                                                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)


def delivered(emulator: MaxEmulator) -> dict[int, int]:
    return {i: sum(1 for r in emulator.chats[BASE + i] if r.from_bot and "Напоминание" in (r.message["body"].get("text") or ""))
            for i in range(WAVE)}


async def test_a_sigkill_mid_max_wave_loses_nothing(tmp_path):
    emulator = MaxEmulator(tokens={TOKEN})
    telegram = Emulator(limits=Limits(rate_limits=False))
    await emulator.start()
    await telegram.start()
    try:
        (tmp_path / "data").mkdir()
        await prepare(tmp_path / "bot.sqlite3", emulator)
        first = await start_bot(tmp_path, emulator, telegram)
        for _ in range(600):
            if sum(delivered(emulator).values()) >= 60:
                break
            await asyncio.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        await first.wait()
        at_kill = sum(1 for count in delivered(emulator).values() if count)
        errors = (await first.stderr.read()).decode()[-3000:] if first.stderr else ""
        assert 0 < at_kill < WAVE, f"the kill must land mid-wave; the bot said: {errors}"
        second = await start_bot(tmp_path, emulator, telegram)
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
        assert emulator.spec_violations == []
    finally:
        await emulator.stop()
        await telegram.stop()
