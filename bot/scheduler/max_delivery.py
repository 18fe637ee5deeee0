"""Drains the outbox rows of channel 'max' into MAX (issue 14: «outbox per channel»).

Same claim protocol, grouping and rendering as Telegram's sender (it subclasses
bot.scheduler.sender.OutboxSender and reuses its `_render`); only delivery differs:
* Pace: MAX asks bots to stay at or under 30 requests per second to platform-api (the OpenAPI
  description, «Загрузка медиафайлов»: «максимальное количество запросов в секунду … — 30 rps»);
  we send at most 25 API calls per second in total (a file costs two: POST /uploads and the
  message; the upload itself goes to the upload host) and, as on Telegram, ≥ 1 s between messages
  to one dialog. MAX documents no per-chat limit; one per second keeps a burst to one person readable.
* 429: maxapi neither retries it nor reads a delay (MAX states none). The row goes back to the
  queue with a growing delay (2, 4, 8 … 60 s by its attempts) and the sender pauses a moment before
  its next call; a row of several steps (a split text, the summary's chart and .xlsx) remembers the
  steps already sent (`steps_done`), so a retry never repeats them. A storm loses nothing and
  duplicates nothing.
* 403 (blocked) or 404 (the dialog is gone): the MAX identity is marked blocked; the rows go to
  Telegram when it reaches the person (once), and the coordinator hears only when no channel does.
* Texts: our HTML subset with `format: html`, split under maxapi's 4000 (3999); keyboards converted
  from the renderers' aiogram markup (`keyboard_of`) to MAX's inline_keyboard (bot.max.sending).
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from aiogram.types import InlineKeyboardMarkup
from maxapi import Bot
from maxapi.enums.parse_mode import TextFormat
from maxapi.enums.upload_type import UploadType
from maxapi.exceptions.max import MaxApiError
from maxapi.types import InputMedia

from bot.conversations.replies import Button, Keyboard
from bot.domain.clock import Clock
from bot.domain.file_names import safe_file_name
from bot.i18n import Texts
from bot.max.sending import TEXT_LIMIT, attachments_of
from bot.reports.split import split_message
from bot.scheduler.sender import MAX_ATTEMPTS, OutboxSender, Pace
from bot.services.bundle import Services
from bot.services.channel_fallback import elsewhere, handover, refused
from bot.storage.outbox import OutboxItem

log = logging.getLogger(__name__)

MAX_RATE_PER_SECOND = 25.0  # API calls; MAX asks for ≤ 30 rps
PAUSE_AFTER_429 = 1.0  # seconds the whole sender waits after a 429 (the limit is per bot)


def keyboard_of(markup: InlineKeyboardMarkup | None) -> Keyboard | None:
    """The renderers' aiogram keyboard as a neutral one (callback data are the same strings on both
    messengers: bot/conversations/data.py); buttons without callback data are left out."""
    if markup is None:
        return None
    rows = tuple(tuple(Button(b.text, b.callback_data) for b in row if b.callback_data)
                 for row in markup.inline_keyboard)
    return tuple(row for row in rows if row) or None


@dataclass(frozen=True, slots=True)
class Step:
    """One POST /messages: a text (with its keyboard) or a file with its caption."""

    text: str
    attachments: list[Any]
    calls: int = 1  # API calls it costs against the rate (an upload is one more)
    file: tuple[bytes, str, UploadType] | None = None  # uploaded from a file of that name when sent


def steps_of(messages: list, document: tuple[bytes, str, str] | None,  # type: ignore[type-arg]
             photo: tuple[bytes, str, str] | None) -> list[Step]:
    steps: list[Step] = []
    for message in messages:
        parts = split_message(message.text, TEXT_LIMIT) if len(message.text) > TEXT_LIMIT else [message.text]
        keyboard = attachments_of(keyboard_of(message.keyboard))
        steps += [Step(part, keyboard if i == len(parts) - 1 else []) for i, part in enumerate(parts)]
    if photo is not None:
        content, name, caption = photo
        steps.append(Step(caption, [], calls=2, file=(content, name, UploadType.IMAGE)))
    if document is not None:
        content, name, caption = document
        steps.append(Step(caption, [], calls=2, file=(content, name, UploadType.FILE)))
    return steps


class MaxOutboxSender(OutboxSender):
    channel = "max"

    def __init__(self, bot: Bot, services: Services, texts: Texts, clock: Clock, *, batch: int = 200,
                 pace: Pace | None = None, pause_after_429: float = PAUSE_AFTER_429) -> None:
        super().__init__(bot, services, texts, clock, batch=batch,  # type: ignore[arg-type]
                         pace=pace or Pace(per_second=MAX_RATE_PER_SECOND))
        self._max = bot
        self._pause_after_429 = pause_after_429
        self._quiet_until = 0.0
        self.too_many_requests = 0  # 429s seen (bench/reminder_delivery.py prints it)

    async def _identity(self, person_id: int) -> tuple[int, int | None] | None:
        """(MAX user id, dialog id) of the person's reachable MAX account."""
        async with self._services.db.read() as conn:
            rows = await conn.execute_fetchall(
                """SELECT external_user_id, chat_id FROM person_channels WHERE person_id = ? AND channel = 'max'
                   AND (blocked_at IS NULL OR last_seen_at > blocked_at) ORDER BY last_seen_at DESC LIMIT 1""",
                (person_id,))
        if not rows:
            return None
        return int(rows[0][0]), int(rows[0][1]) if rows[0][1] is not None else None

    async def _call(self, chat: tuple[int, int | None], step: Step) -> None:
        wait = self._quiet_until - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        for extra in range(1, step.calls):  # an upload's POST /uploads: the global rate, its own per-chat slot
            await self._pace.wait(-chat[0] * 10 - extra)
        await self._pace.wait(chat[0])
        user_id, chat_id = chat
        target: dict[str, int] = {"chat_id": chat_id} if chat_id is not None else {"user_id": user_id}
        if step.file is None:
            await self._max.send_message(**target, text=step.text, format=TextFormat.HTML,
                                         attachments=step.attachments or None)
            return
        content, name, kind = step.file
        # From a file of that very name: maxapi appends a guessed extension to a buffer's name
        # («сводка.xlsx.docx»), never to a path's (as bot.max.sending.send_made_file does).
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / safe_file_name(name)
            path.write_bytes(content)
            await self._max.send_message(**target, text=step.text, format=TextFormat.HTML,
                                         attachments=[InputMedia(str(path), type=kind), *step.attachments])

    async def _deliver(self, person_id: int, items: list[OutboxItem]) -> int:
        outbox, now = self._services.outbox, self._clock.now()
        if await handover(self._services.db, person_id, items, channel=self.channel, now=now):
            return 0  # the person's channel is Telegram now
        person = await self._services.people.get(person_id)
        if person is None:
            await self._fail_all(items, "no such person")
            return 0
        chat = await self._identity(person_id)
        if chat is None:  # no MAX account, or it refused us: Telegram, when it reaches them
            await elsewhere(self._services.db, person_id, items, channel=self.channel, error="no reachable MAX account",
                            now=now)
            return 0
        messages, document, photo, rows = await self._render(items)
        if not rows:
            return 0
        steps = steps_of(messages, document, photo)
        single = len(rows) == 1
        done = int(rows[0].payload.get("steps_done", 0)) if single else 0
        index = done
        try:
            for index in range(done, len(steps)):
                await self._call(chat, steps[index])
        except MaxApiError as error:
            if single and index > done:
                await outbox.set_progress(rows[0].id, index)
            return await self._refused(person, rows, error)
        except Exception as error:  # network trouble, 5xx after maxapi's own retries: later, with backoff
            if single and index > done:
                await outbox.set_progress(rows[0].id, index)
            for row in rows:
                if row.attempts >= MAX_ATTEMPTS:
                    await outbox.mark_failed(row.id, repr(error))
                else:
                    delay = timedelta(seconds=min(600, 5 * 2 ** row.attempts))
                    await outbox.mark_retry(row.id, repr(error), next_attempt_at=self._clock.now() + delay)
            return 0
        for row in rows:
            await outbox.mark_sent(row.id, None, now=self._clock.now())  # MAX ids are strings: not kept
        return len(rows)

    async def _refused(self, person, rows: list[OutboxItem], error: MaxApiError) -> int:  # type: ignore[no-untyped-def]
        outbox, text = self._services.outbox, f"MAX {error.code}: {error.raw}"
        if error.code == 429:
            self.too_many_requests += 1
            self._quiet_until = time.monotonic() + self._pause_after_429
            for row in rows:  # never failed for a 429: a storm ends
                delay = timedelta(seconds=min(60, 2 ** min(row.attempts, 6)))
                await outbox.mark_retry(row.id, text, next_attempt_at=self._clock.now() + delay)
            return 0
        if error.code in (403, 404):
            await refused(self._services.db, person, rows, channel=self.channel, error=text, now=self._clock.now(),
                          configured_coordinators=self._services.access.configured_coordinators)
            return 0
        log.error("outbox %s refused by MAX: %s", rows[0].key, text)
        await self._fail_all(rows, text)
        return 0
