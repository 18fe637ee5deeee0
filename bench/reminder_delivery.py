"""Benchmark: delivering a wave of reminders under Telegram's limits.

Workload: 10,000 reminders due at once to 10,000 different people (BENCH_USERS to
scale), sent by the bot's real outbox sender and aiogram client through the emulator
with Telegram's limits on (30 messages/s in total, ~1/s per chat). Figures: messages/s
against the 30/s limit, and lost, duplicated and 429 counts. Limits: ≥ 20 msg/s (the
sender paces itself at 25/s, under Telegram's 30/s), 0 lost, 0 duplicated.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from aiogram import Bot  # noqa: E402
from aiogram.client.session.aiohttp import AiohttpSession  # noqa: E402
from aiogram.client.telegram import TelegramAPIServer  # noqa: E402

from bot import telegram_retry  # noqa: E402
from bot.domain.clock import SystemClock  # noqa: E402
from bot.i18n import texts  # noqa: E402
from bot.sandbox import Emulator, Limits  # noqa: E402
from bot.scheduler.sender import OutboxSender, Pace  # noqa: E402
from bot.services.bundle import Services  # noqa: E402
from bot.storage import Database, ProgramRepository  # noqa: E402
from story_program import story_program  # noqa: E402

USERS = int(os.environ.get("BENCH_USERS", "10000"))
LIMIT_RATE = 20.0


async def main() -> int:
    emulator = Emulator(limits=Limits())  # Telegram's limits on
    await emulator.start()
    with tempfile.TemporaryDirectory() as folder:
        db = await Database.open(Path(folder) / "bench.sqlite3")
        now = datetime.now(UTC)
        await ProgramRepository(db).save_program(story_program(), now=now)
        async with db.transaction() as conn:
            party = (await conn.execute_fetchall("SELECT id FROM parties WHERE kind = 'person'"))[0][0]
            task = (await conn.execute_fetchall(
                "SELECT lt.task_id FROM live_tasks lt JOIN activities a ON a.id = lt.activity_id "
                "WHERE a.number = '1.1'"))[0][0]
            stamp = now.replace(microsecond=0).isoformat()
            for i in range(USERS):
                user = emulator.create_user(f"Учитель {i}", id=1_000_000 + i)
                cursor = await conn.execute(
                    "INSERT INTO people (telegram_user_id, display_name, created_at) VALUES (?, ?, ?)",
                    (user.id, user.first_name, stamp))
                person = cursor.lastrowid
                await conn.execute("INSERT INTO party_bindings (person_id, party_id, created_at) VALUES (?, ?, ?)",
                                   (person, party, stamp))
                await conn.execute(
                    """INSERT INTO outbox (idempotency_key, person_id, task_id, kind, payload, next_attempt_at,
                       created_at) VALUES (?, ?, ?, 'due_today', '{}', ?, ?)""",
                    (f"bench:{i}", person, task, stamp, stamp))
        bot = Bot("777:BENCH", session=AiohttpSession(api=TelegramAPIServer.from_base(emulator.base_url)))
        telegram_retry.install(bot)
        sender = OutboxSender(bot, Services.build(db, frozenset()), texts(), SystemClock(), pace=Pace(per_second=25))
        started = time.perf_counter()
        while True:
            await sender.drain_once()
            async with db.read() as conn:
                left = (await conn.execute_fetchall(
                    "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')"))[0][0]
            if not left:
                break
            await asyncio.sleep(0.2)
        elapsed = time.perf_counter() - started
        await bot.session.close()
        await db.close()
    counts = [len(emulator.bot_messages(1_000_000 + i)) for i in range(USERS)]
    await emulator.stop()
    lost = sum(1 for c in counts if c == 0)
    duplicated = sum(c - 1 for c in counts if c > 1)
    rate = sum(counts) / elapsed
    print(f"reminder_delivery: {USERS} reminders to {USERS} people in {elapsed:.0f} s: {rate:.1f} msg/s "
          f"(Telegram allows 30/s), lost {lost}, duplicated {duplicated}, 429 answered {emulator.too_many_requests}; "
          f"limits ≥ {LIMIT_RATE:.0f} msg/s, 0 lost, 0 duplicated")
    ok = rate >= LIMIT_RATE and lost == 0 and duplicated == 0
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
