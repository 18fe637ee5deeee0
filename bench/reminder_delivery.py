"""Benchmark: a mixed wave of reminders through both messengers' senders (issue 14).

Workload: 2,000 reminders due at once (BENCH_USERS to scale), half to people on Telegram and
half to people on MAX, each to a different person; the bot's real outbox senders (Telegram's
OutboxSender with aiogram, MAX's MaxOutboxSender with maxapi) drain the one outbox in parallel,
each claiming its own channel's rows, through the Telegram emulator (Telegram's limits on:
30 messages/s in total, ~1/s per chat) and the MAX emulator (every request validated against the
MAX OpenAPI description). At the start of the MAX wave the MAX emulator answers the next 30
requests with 429, as a storm would (each costs the sender a 0.5 s pause; MAX's rate is measured
after the storm, the storm's own cost is printed). Figures per channel: messages/s against its
limit, lost, duplicated, 429s. Limits: Telegram ≥ 20 msg/s (paced at 25/s under its 30/s); MAX ≥ 20 requests/s
and ≤ 30 requests/s (MAX asks for at most 30 rps; the sender paces at 25 API calls/s); 0 lost,
0 duplicated on each channel; 0 MAX spec violations.
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
from bot.config import Settings  # noqa: E402
from bot.domain.clock import SystemClock  # noqa: E402
from bot.i18n import texts  # noqa: E402
from bot.max.run import create_max_bot  # noqa: E402
from bot.sandbox import Emulator, Limits  # noqa: E402
from bot.sandbox.max_server import MaxEmulator  # noqa: E402
from bot.sandbox.max_state import MaxUserRecord  # noqa: E402
from bot.scheduler.max_delivery import MaxOutboxSender  # noqa: E402
from bot.scheduler.sender import OutboxSender, Pace  # noqa: E402
from bot.services.bundle import Services  # noqa: E402
from bot.services.channel_choice import set_configured  # noqa: E402
from bot.storage import Database, ProgramRepository  # noqa: E402
from story_program import story_program  # noqa: E402

USERS = int(os.environ.get("BENCH_USERS", "2000"))
MAX_TOKEN = "max-bench-token-0123456789"
STORM = 30
LIMIT_TELEGRAM = 20.0
LIMIT_MAX_LOW, LIMIT_MAX_HIGH = 20.0, 30.0
TG_BASE, MAX_BASE = 1_000_000, 2_000_000


async def prepare(db: Database, telegram: Emulator, max_emulator: MaxEmulator, now: datetime) -> None:
    await ProgramRepository(db).save_program(story_program(), now=now)
    await set_configured(db, ("telegram", "max"), now=now)
    stamp = now.replace(microsecond=0).isoformat()
    async with db.transaction() as conn:
        party = (await conn.execute_fetchall("SELECT id FROM parties WHERE kind = 'person'"))[0][0]
        task = (await conn.execute_fetchall(
            "SELECT lt.task_id FROM live_tasks lt JOIN activities a ON a.id = lt.activity_id "
            "WHERE a.number = '1.1'"))[0][0]
        for i in range(USERS):
            on_max = i % 2 == 1
            if on_max:
                user = MaxUserRecord(user_id=MAX_BASE + i, first_name=f"Учитель {i}")
                max_emulator.users[user.user_id] = user
                max_emulator.chats.setdefault(user.user_id, [])
                cursor = await conn.execute("INSERT INTO people (display_name, created_at) VALUES (?, ?)",
                                            (user.first_name, stamp))
                await conn.execute(
                    """INSERT INTO person_channels (person_id, channel, external_user_id, chat_id, created_at,
                       last_seen_at) VALUES (?, 'max', ?, ?, ?, ?)""",
                    (cursor.lastrowid, str(user.user_id), str(user.chat_id), stamp, stamp))
            else:
                tg_user = telegram.create_user(f"Учитель {i}", id=TG_BASE + i)
                cursor = await conn.execute(
                    "INSERT INTO people (telegram_user_id, display_name, created_at) VALUES (?, ?, ?)",
                    (tg_user.id, tg_user.first_name, stamp))
            person = cursor.lastrowid
            await conn.execute("INSERT INTO party_bindings (person_id, party_id, created_at) VALUES (?, ?, ?)",
                               (person, party, stamp))
            await conn.execute(
                """INSERT INTO outbox (idempotency_key, person_id, task_id, kind, payload, next_attempt_at,
                   created_at, channel) VALUES (?, ?, ?, 'due_today', '{}', ?, ?, ?)""",
                (f"bench:{i}", person, task, stamp, stamp, "max" if on_max else "telegram"))


async def drain(sender: OutboxSender, db: Database, channel: str) -> float:
    started = time.perf_counter()
    while True:
        await sender.drain_once()
        async with db.read() as conn:
            left = (await conn.execute_fetchall(
                "SELECT count(*) FROM outbox WHERE channel = ? AND status IN ('pending', 'sending')",
                (channel,)))[0][0]
        if not left:
            return time.perf_counter() - started
        await asyncio.sleep(0.2)


def max_delivered(max_emulator: MaxEmulator) -> int:
    return sum(1 for i in range(1, USERS, 2) for r in max_emulator.chats[MAX_BASE + i] if r.from_bot)


async def storm_end(max_emulator: MaxEmulator) -> tuple[float, int, int]:
    """When the forced 429s are used up: (moment, MAX messages delivered, requests served) then."""
    while max_emulator.force_429 > 0:
        await asyncio.sleep(0.02)
    return time.perf_counter(), max_delivered(max_emulator), max_emulator.requests_served


async def main() -> int:
    telegram = Emulator(limits=Limits())  # Telegram's limits on
    max_emulator = MaxEmulator(tokens={MAX_TOKEN})
    await telegram.start()
    await max_emulator.start()
    with tempfile.TemporaryDirectory() as folder:
        db = await Database.open(Path(folder) / "bench.sqlite3")
        await prepare(db, telegram, max_emulator, datetime.now(UTC))
        services = Services.build(db, frozenset())
        tg_bot = Bot("777:BENCH", session=AiohttpSession(api=TelegramAPIServer.from_base(telegram.base_url)))
        telegram_retry.install(tg_bot)
        max_bot = create_max_bot(Settings(_env_file=None, max_bot_token=MAX_TOKEN,  # type: ignore[call-arg]
                                          max_api_url=max_emulator.base_url))
        tg_sender = OutboxSender(tg_bot, services, texts(), SystemClock(), pace=Pace(per_second=25))
        max_sender = MaxOutboxSender(max_bot, services, texts(), SystemClock(), pause_after_429=0.5)
        max_emulator.force_429 = STORM
        started = time.perf_counter()
        watcher = asyncio.create_task(storm_end(max_emulator))
        tg_elapsed, max_elapsed = await asyncio.gather(drain(tg_sender, db, "telegram"),
                                                       drain(max_sender, db, "max"))
        calm_at, calm_delivered, calm_served = await watcher
        calm = started + max_elapsed - calm_at
        max_rate = (max_delivered(max_emulator) - calm_delivered) / calm
        max_rps = (max_emulator.requests_served - calm_served) / calm
        await tg_bot.session.close()
        await max_bot.close_session()
        await db.close()
    tg_counts = [len(telegram.bot_messages(TG_BASE + i)) for i in range(0, USERS, 2)]
    max_counts = [sum(1 for r in max_emulator.chats[MAX_BASE + i] if r.from_bot) for i in range(1, USERS, 2)]
    violations = list(max_emulator.spec_violations)
    await telegram.stop()
    await max_emulator.stop()
    ok = not violations
    for name, counts, elapsed, extra in (
            ("Telegram", tg_counts, tg_elapsed, f"429 answered {telegram.too_many_requests}"),
            ("MAX", max_counts, max_elapsed, f"429 answered {STORM} (forced storm), seen by the sender "
                                             f"{max_sender.too_many_requests}")):
        lost = sum(1 for c in counts if c == 0)
        duplicated = sum(c - 1 for c in counts if c > 1)
        rate = sum(counts) / elapsed if name == "Telegram" else max_rate
        if name == "Telegram":
            limit = f"Telegram allows 30/s; limit ≥ {LIMIT_TELEGRAM:.0f} msg/s"
            ok = ok and rate >= LIMIT_TELEGRAM
        else:
            limit = (f"after the storm ({calm_at - started:.1f} s): {max_rps:.1f} API requests/s; MAX asks "
                     f"≤ 30 rps; limit {LIMIT_MAX_LOW:.0f}…{LIMIT_MAX_HIGH:.0f} requests/s")
            ok = ok and LIMIT_MAX_LOW <= max_rps <= LIMIT_MAX_HIGH
        ok = ok and lost == 0 and duplicated == 0
        print(f"reminder_delivery {name}: {len(counts)} reminders to {len(counts)} people in {elapsed:.0f} s: "
              f"{rate:.1f} msg/s ({limit}), lost {lost}, duplicated {duplicated}, {extra}")
    print(f"reminder_delivery: workload {USERS} reminders, half on each messenger, drained in parallel; "
          f"MAX spec violations {len(violations)}; limits 0 lost, 0 duplicated on each channel")
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
