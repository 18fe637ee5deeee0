"""The one sending path to MAX: neutral replies → maxapi calls, within MAX's limits.

Texts are our HTML subset sent with `format: html`; maxapi refuses 4000 characters and more
client-side, so a longer text goes as several messages (cut at lines, tags kept whole, the
keyboard on the last) and an edit is cut with «…». Buttons: text ≤ 128 characters, payload ≤
1024 bytes (ours are ≤ 64), at most 7 per row, 30 rows and 210 per message (MAX's documented
keyboard limits). A press is answered once (POST /answers): with the notification, or with the
edited message when the first reply is an edit; later edits go through PUT /messages. A 429 (maxapi
neither retries it nor reads a delay; MAX states none) is retried after 1, 2 and 4 seconds."""

from __future__ import annotations

import asyncio
import html
import logging
import tempfile
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from maxapi import Bot
from maxapi.exceptions.max import MaxApiError
from maxapi.enums.parse_mode import TextFormat
from maxapi.enums.upload_type import UploadType
from maxapi.types import CallbackButton, InputMedia
from maxapi.types.updates.message_callback import MessageForCallback
from maxapi.utils.inline_keyboard import InlineKeyboardBuilder

from bot.conversations.replies import (Button, CoordinatorMenu, DropKeyboard, Edit, EditById, Keyboard, Notice, Reply,
                                       Send, SendDocument, SendFiles, SendPhoto)
from bot.domain.file_names import safe_file_name
from bot.i18n import shorten
from bot.reports.split import split_message

log = logging.getLogger(__name__)

TEXT_LIMIT = 3999  # MAX allows 4000; maxapi checks `< 4000`
BUTTON_TEXT_LIMIT = 128
BUTTONS_PER_ROW = 7
ROWS_LIMIT = 30
BUTTONS_LIMIT = 210
NOTIFICATION_LIMIT = 200
RETRY_DELAYS = (1.0, 2.0, 4.0)

T = TypeVar("T")


async def _call(request: Callable[..., Awaitable[T]], **kwargs: Any) -> T:
    """One Bot API call, retried on 429 (too many requests) with a growing pause."""
    for delay in (*RETRY_DELAYS, None):
        try:
            return await request(**kwargs)
        except MaxApiError as error:
            if error.code != 429 or delay is None:
                raise
            log.info("MAX answered 429; retrying in %.0f s", delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")


def fit_rows(keyboard: Keyboard) -> Keyboard:
    """Past MAX's 30 rows (a page of a long list is a button a row, as on Telegram's 100): the
    one-button rows go side by side — as few per row as fit —, the other rows (navigation,
    fixed buttons) stay as they are. Nothing is dropped that 210 buttons can hold."""
    rows = [row for row in keyboard if row]
    if len(rows) <= ROWS_LIMIT:
        return tuple(rows)
    singles = sum(1 for row in rows if len(row) == 1)
    room = ROWS_LIMIT - (len(rows) - singles)
    if room <= 0 or not singles:
        return tuple(rows)
    per_row = min(BUTTONS_PER_ROW, -(-singles // room))
    fitted: list[tuple[Button, ...]] = []
    pending: list[Button] = []
    for row in rows:
        if len(row) == 1:
            pending.append(row[0])
            if len(pending) == per_row:
                fitted.append(tuple(pending))
                pending = []
            continue
        if pending:
            fitted.append(tuple(pending))
            pending = []
        fitted.append(tuple(row))
    if pending:
        fitted.append(tuple(pending))
    return tuple(fitted)


def attachments_of(keyboard: Keyboard | None) -> list:
    """The inline keyboard as maxapi attachments ([] when there is none)."""
    if not keyboard:
        return []
    builder = InlineKeyboardBuilder()
    rows = used = 0
    for row in fit_rows(keyboard):
        for start in range(0, len(row), BUTTONS_PER_ROW):
            part = row[start:start + BUTTONS_PER_ROW][:BUTTONS_LIMIT - used]
            if not part or rows >= ROWS_LIMIT:
                break
            builder.row(*[CallbackButton(text=shorten(b.text, BUTTON_TEXT_LIMIT), payload=b.data) for b in part])
            rows, used = rows + 1, used + len(part)
    return [builder.as_markup()] if rows else []


def _cut(text: str) -> str:
    return text if len(text) <= TEXT_LIMIT else split_message(text, TEXT_LIMIT - 2)[0] + "\n…"


def _plain(text: str) -> str:
    return shorten(html.unescape(text), NOTIFICATION_LIMIT)


async def send(bot: Bot, chat_id: int, text: str, keyboard: Keyboard | None = None) -> str | None:
    """Sends `text` (split past the limit, the keyboard on the last part); the last message's id."""
    *head, last = split_message(text, TEXT_LIMIT) if len(text) > TEXT_LIMIT else [text]
    for part in head:
        await _call(bot.send_message, chat_id=chat_id, text=part, format=TextFormat.HTML)
    sent = await _call(bot.send_message, chat_id=chat_id, text=last, format=TextFormat.HTML,
                                  attachments=attachments_of(keyboard) or None)
    return sent.message.body.mid if sent is not None and sent.message is not None else None


async def edit(bot: Bot, message_id: str, text: str, keyboard: Keyboard | None) -> None:
    # attachments=[]: the keyboard goes away when the new text has none
    await _call(bot.edit_message, message_id=message_id, text=_cut(text), format=TextFormat.HTML,
                           attachments=attachments_of(keyboard))


async def send_files(bot: Bot, chat_id: int, reply: SendFiles) -> None:
    for item in reply.files:
        if not item.local_path or not Path(item.local_path).is_file():
            log.info("evidence file %s has no local copy; not sent to MAX", item.name)
            continue
        with tempfile.TemporaryDirectory() as folder:  # under its own name (see send_made_file)
            path = Path(folder) / safe_file_name(item.name)
            path.write_bytes(Path(item.local_path).read_bytes())
            await _call(bot.send_message, chat_id=chat_id, text=_cut(item.caption), format=TextFormat.HTML,
                        attachments=[InputMedia(str(path))])


async def send_made_file(bot: Bot, chat_id: int, reply: SendDocument | SendPhoto) -> None:
    """A file the bot made: uploaded (POST /uploads, the upload, then the message) with its caption
    and buttons in one message. Uploaded from a file of that very name: maxapi appends a guessed
    extension to a buffer's name («сводка.xlsx.docx»), never to a path's."""
    kind = UploadType.IMAGE if isinstance(reply, SendPhoto) else UploadType.FILE
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / safe_file_name(reply.name)
        path.write_bytes(reply.content)
        await _call(bot.send_message, chat_id=chat_id, text=_cut(reply.caption) if reply.caption else None,
                    format=TextFormat.HTML, attachments=[InputMedia(str(path), type=kind),
                                                         *attachments_of(reply.keyboard)])


class Press:
    """The answer to one press: the callback is answered at most once."""

    def __init__(self, callback_id: str, message_id: str | None) -> None:
        self.callback_id = callback_id
        self.message_id = message_id
        self.answered = False


async def carry_out(bot: Bot, chat_id: int, replies: Sequence[Reply], press: Press | None = None) -> None:
    for reply in replies:
        if isinstance(reply, Send):
            mid = await send(bot, chat_id, reply.text, reply.keyboard)
            if reply.remember is not None and mid is not None:
                await reply.remember(mid)
        elif isinstance(reply, Notice):
            if press is not None and not press.answered:
                press.answered = True
                await _call(bot.send_callback, callback_id=press.callback_id, notification=_plain(reply.text))
        elif isinstance(reply, Edit):
            if press is None or press.message_id is None:
                await send(bot, chat_id, reply.text, reply.keyboard)
            elif not press.answered:
                press.answered = True
                await _call(bot.send_callback, callback_id=press.callback_id, message=MessageForCallback(
                    text=_cut(reply.text), attachments=attachments_of(reply.keyboard), format=TextFormat.HTML))
            else:
                await edit(bot, press.message_id, reply.text, reply.keyboard)
        elif isinstance(reply, EditById):
            await edit(bot, str(reply.message_id), reply.text, reply.keyboard)
        elif isinstance(reply, DropKeyboard):
            if press is not None and press.message_id is not None:
                await _call(bot.edit_message, message_id=press.message_id, attachments=[])
        elif isinstance(reply, SendFiles):
            await send_files(bot, chat_id, reply)
        elif isinstance(reply, (SendDocument, SendPhoto)):
            await send_made_file(bot, chat_id, reply)
        elif isinstance(reply, CoordinatorMenu):
            pass  # MAX has one command list per bot (PATCH /me/commands), no per-chat menus
