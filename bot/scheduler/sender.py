"""Drains the outbox into Telegram (claim protocol in bot.storage.outbox).

* Reminders due to one person at one moment go as one message (bot.rendering.reminders).
* Pace: at most `per_second` messages in total and one message per second per chat,
  below Telegram's limits, so 429s are the exception; a 429 still waits `retry_after`.
* 403: the person is marked unreachable, their rows fail, and each coordinator of the
  affected programs is told once (an outbox row keyed by person and blocking time).
* Network errors / 5xx: retried with backoff; long texts are split at line boundaries.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from datetime import timedelta

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramRetryAfter
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.clock import Clock
from bot.domain.reminders import PERSON_REMINDER_KINDS
from bot.i18n import Texts, format_date, texts as plain_texts
from bot.keyboards.callbacks import TaskCardOpen
from bot.rendering.notifications import Rendered, render
from bot.rendering.reminders import reminder_batch
from bot.reports.charts import school_chart
from bot.reports.split import split_message
from bot.reports.summary_text import summary_text
from bot.reports.xlsx_report import build_report
from bot.services.bundle import Services
from bot.services.channel_fallback import elsewhere, handover, refused
from bot.storage.outbox import OutboxItem
from bot.storage.summary_queries import program_snapshot

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 6
OVERDUE_NOTE_LINES = 25
STALE_CLAIM = timedelta(minutes=2)


class Pace:
    """≤ `per_second` sends in total, ≥ 1 s between sends to one chat."""

    def __init__(self, per_second: float = 25.0, per_chat_interval: float = 1.0) -> None:
        # per_chat_interval: Telegram allows about one message per second to one chat.
        self._interval = 1.0 / per_second
        self._per_chat = per_chat_interval
        self._next_global = 0.0
        self._next_chat: dict[int, float] = {}

    async def wait(self, chat_id: int) -> None:
        now = time.monotonic()
        moment = max(now, self._next_global, self._next_chat.get(chat_id, 0.0))
        self._next_global = moment + self._interval
        self._next_chat[chat_id] = moment + self._per_chat
        if moment > now:
            await asyncio.sleep(moment - now)


class OutboxSender:
    """Telegram's sender; bot.scheduler.max_delivery.MaxOutboxSender is MAX's (same claims and rendering)."""

    channel = "telegram"  # claims only this channel's rows (migration 0011)

    def __init__(self, bot: Bot, services: Services, texts: Texts, clock: Clock, *, batch: int = 200,
                 pace: Pace | None = None) -> None:
        self._bot = bot
        self._services = services
        self._texts = texts
        self._clock = clock
        self._batch = batch
        self._pace = pace or Pace()
        self._lock = asyncio.Lock()
        self._wake_task: asyncio.Task[int] | None = None

    async def recover(self) -> int:
        """At startup: rows a killed sender left in 'sending' go out again. Only one bot
        instance polls (Telegram answers a second poller with 409), so every such row was
        in flight when the previous process died."""
        return await self._services.outbox.release_stale(claimed_before=self._clock.now() + STALE_CLAIM,
                                                         channel=self.channel)

    async def stop(self) -> None:
        """Before the bot session closes: let a drain in progress finish (cutting it short
        would leave its claimed rows for the next start to resend)."""
        task = self._wake_task
        if task is not None and not task.done():
            await asyncio.gather(task, return_exceptions=True)
        async with self._lock:
            pass

    def wake(self) -> None:
        """Drain soon, without waiting for the next scheduled run (e.g. after a handler queued a note)."""
        if self._wake_task is None or self._wake_task.done():
            self._wake_task = asyncio.create_task(self.drain_once())

    async def drain_once(self) -> int:
        sent = 0
        async with self._lock:
            while True:
                items = await self._services.outbox.claim_due(self._clock.now(), self._batch, channel=self.channel)
                if not items:
                    return sent
                # One message per person for their reminders, one for a coordinator's overdue notes.
                groups: dict[tuple[int, str], list[OutboxItem]] = defaultdict(list)
                singles: list[OutboxItem] = []
                for item in items:
                    if item.kind in PERSON_REMINDER_KINDS:
                        groups[(item.person_id, "reminders")].append(item)
                    elif item.kind == "coordinator_overdue":
                        groups[(item.person_id, "overdue")].append(item)
                    else:
                        singles.append(item)
                for (person_id, _), group in groups.items():
                    sent += await self._deliver(person_id, group)
                for item in singles:
                    sent += await self._deliver(item.person_id, [item])

    async def _fail_all(self, items: list[OutboxItem], error: str) -> None:
        for item in items:
            await self._services.outbox.mark_failed(item.id, error)

    async def _render(self, items: list[OutboxItem]) -> tuple[
            list[Rendered], tuple[bytes, str, str] | None, tuple[bytes, str, str] | None, list[OutboxItem]]:
        """Messages to send, an optional document and an optional photo (bytes, name, caption),
        and the rows they stand for."""
        first = items[0]
        if first.kind in PERSON_REMINDER_KINDS:
            live = []
            for item in items:
                task = await self._services.tasks.get(item.task_id) if item.task_id else None
                planned_due = item.payload.get("due")
                if (task is None or task.status.value == "done"
                        or (planned_due and task.due_date and planned_due != task.due_date.isoformat())
                        or not await self._services.tasks.is_assignee(task.task_id, item.person_id)):
                    # Done, postponed, re-imported or reassigned since it was planned.
                    await self._services.outbox.mark_failed(item.id, "obsolete")
                    continue
                live.append((item, task))
            if not live:
                return [], None, None, []
            live.sort(key=lambda pair: (pair[1].due_date or pair[1].local_today(self._clock.now()), pair[1].task_id))
            today = live[0][1].local_today(self._clock.now())
            return [reminder_batch(self._texts, [(i.kind, t) for i, t in live], today)], None, None, [i for i, _ in live]
        if first.kind == "coordinator_overdue":
            lines, rows, live = [self._texts("coordinator-overdue-header")], [], []
            for item in items:
                task = await self._services.tasks.get(item.task_id) if item.task_id else None
                if task is None or task.status.value == "done":
                    await self._services.outbox.mark_failed(item.id, "obsolete")
                    continue
                live.append(item)
                if len(lines) > OVERDUE_NOTE_LINES:
                    continue
                names = [n for _, n in await self._services.tasks.assignees(task.task_id)]
                lines.append(self._texts(
                    "coordinator-overdue-line", number=task.number or "•", title=task.title[:70],
                    organization=f" · {task.organization_name}" if task.organization_name else "",
                    date=format_date(task.due_date) if task.due_date else "",
                    who=", ".join(names) or self._texts("summary-nobody")))
                if len(rows) < 10:
                    rows.append([InlineKeyboardButton(text=f"{task.number or '•'} {task.title}"[:60],
                                                      callback_data=TaskCardOpen(task_id=task.task_id).pack())])
            if not live:
                return [], None, None, []
            if len(live) > OVERDUE_NOTE_LINES:
                lines.append(self._texts("summary-more", count=len(live) - OVERDUE_NOTE_LINES))
            markup = InlineKeyboardMarkup(inline_keyboard=rows) if rows else None
            parts = split_message("\n".join(lines))
            return [Rendered(part, markup if i == len(parts) - 1 else None) for i, part in enumerate(parts)], \
                None, None, live
        if first.kind == "summary":
            snapshot = await program_snapshot(self._services.db, int(first.payload["program_id"]), now=self._clock.now())
            parts = [Rendered(part) for part in split_message(summary_text(snapshot, self._texts))]
            name = f"сводка {snapshot.today:%Y-%m-%d}.xlsx"
            caption = self._texts("summary-report-caption", program=snapshot.title, today=format_date(snapshot.today))
            # Built in a thread: a large program's report and chart take seconds (bench/xlsx_report.py).
            report = await asyncio.to_thread(build_report, snapshot)
            photo = None
            if snapshot.tasks:  # the per-school picture, one per program
                picture = await asyncio.to_thread(school_chart, snapshot, plain_texts(self._texts.locale, html=False))
                photo = (picture, "график.png", self._texts("chart-caption", program=snapshot.title,
                                                             today=format_date(snapshot.today))[:1024])
            return parts, (report, name, caption[:1024]), photo, [first]
        if first.kind == "unreachable":
            return [Rendered(self._texts("unreachable-note", name=first.payload.get("name", "")))], None, None, [first]
        rendered = await render(first, self._services, self._texts)
        if rendered is None:
            await self._services.outbox.mark_failed(first.id, "obsolete")
            return [], None, None, []
        return [Rendered(part, rendered.keyboard if i == 0 else None)
                for i, part in enumerate(split_message(rendered.text))], None, None, [first]

    async def _deliver(self, person_id: int, items: list[OutboxItem]) -> int:
        outbox = self._services.outbox
        if await handover(self._services.db, person_id, items, channel=self.channel, now=self._clock.now()):
            return 0  # the person's channel is MAX now (bot/services/channel_fallback.py)
        person = await self._services.people.get(person_id)
        if person is None:
            await self._fail_all(items, "no such person")
            return 0
        if person.telegram_user_id is None or not person.reachable:  # MAX may reach them (once per row)
            await elsewhere(self._services.db, person.id, items, channel=self.channel, now=self._clock.now(),
                            error="person has no Telegram account" if person.telegram_user_id is None
                            else "unreachable")
            return 0
        messages, document, photo, rows = await self._render(items)
        if not rows:
            return 0
        chat = person.telegram_user_id
        try:
            message_id = None
            for message in messages:
                await self._pace.wait(chat)
                sent = await self._bot.send_message(chat, message.text, reply_markup=message.keyboard)
                message_id = message_id or sent.message_id
            if photo is not None:
                picture, picture_name, picture_caption = photo
                await self._pace.wait(chat)
                await self._bot.send_photo(chat, BufferedInputFile(picture, filename=picture_name),
                                           caption=picture_caption)
            if document is not None:
                content, name, caption = document
                await self._pace.wait(chat)
                await self._bot.send_document(chat, BufferedInputFile(content, filename=name), caption=caption)
        except TelegramForbiddenError as error:
            await self._forbidden(person, rows, error.message)
            return 0
        except TelegramRetryAfter as error:
            for row in rows:
                await outbox.mark_retry(row.id, error.message,
                                        next_attempt_at=self._clock.now() + timedelta(seconds=error.retry_after))
            return 0
        except TelegramBadRequest as error:
            log.error("outbox %s refused by Telegram: %s", rows[0].key, error.message)
            await self._fail_all(rows, error.message)
            return 0
        except Exception as error:  # network trouble, 5xx: later, with backoff
            for row in rows:
                if row.attempts >= MAX_ATTEMPTS:
                    await outbox.mark_failed(row.id, repr(error))
                else:
                    delay = timedelta(seconds=min(600, 5 * 2 ** row.attempts))
                    await outbox.mark_retry(row.id, repr(error), next_attempt_at=self._clock.now() + delay)
            return 0
        for row in rows:
            await outbox.mark_sent(row.id, message_id, now=self._clock.now())
        return len(rows)

    async def _forbidden(self, person, rows: list[OutboxItem], error: str) -> None:  # type: ignore[no-untyped-def]
        """403: re-routed to MAX when it reaches the person, else failed (the coordinator is told
        when no channel reaches them: bot/services/channel_fallback.py)."""
        await refused(self._services.db, person, rows, channel=self.channel, error=error, now=self._clock.now(),
                      configured_coordinators=self._services.access.configured_coordinators)
        self.wake()
