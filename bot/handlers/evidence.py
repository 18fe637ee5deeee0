"""Files people send as evidence on Telegram: documents, photos, albums, forwarded files.

The gate (membership, normalised name, size, executables, hourly quotas, generated storage
name) is in bot/conversations/evidence.py; this router turns a Telegram document or photo into
a neutral upload (downloaded through the Bot API only after the checks that need no bytes)."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.conversations import evidence, presses
from bot.conversations.events import Files, Press, Upload
from bot.keyboards.callbacks import EvidenceTarget
from bot.telegram.conversation import answer_message, answer_press, pressed_of, turn_of

router = Router(name="evidence")
MAX_CHOICES = evidence.MAX_CHOICES


def upload_of(message: Message, bot: Bot) -> Upload:
    if message.document is not None:
        d = message.document
        file_id, unique_id = d.file_id, d.file_unique_id
        name, mime_type, size = d.file_name or f"документ-{d.file_unique_id}", d.mime_type, d.file_size
    else:
        photo = message.photo[-1]  # type: ignore[index]  # the largest size
        file_id, unique_id = photo.file_id, photo.file_unique_id
        name, mime_type, size = f"фото-{photo.file_unique_id}.jpg", "image/jpeg", photo.file_size

    async def fetch() -> bytes:
        buffer = await bot.download(file_id)
        return buffer.read() if buffer is not None else b""

    return Upload(name=name, mime_type=mime_type, size=size, file_id=file_id, unique_id=unique_id, fetch=fetch)


@router.message(F.document | F.photo)
async def on_file(message: Message, bot: Bot, **data: Any) -> None:
    turn = turn_of(data)
    replies = await evidence.file_received(turn, Files(upload_of(message, bot), message.media_group_id))
    await answer_message(message, replies, turn)


@router.callback_query(EvidenceTarget.filter())
async def on_target(query: CallbackQuery, callback_answer: CallbackAnswer, **data: Any) -> None:
    turn = turn_of(data)
    replies = await presses.press(turn, Press(query.data or "", pressed_of(query)))
    await answer_press(query, callback_answer, replies, turn)
