"""Files people send: downloaded, checked and kept (the evidence flow grows in later issues)."""

from __future__ import annotations

import hashlib

from aiogram import Bot, F, Router
from aiogram.types import Message

from bot.config import Settings
from bot.i18n import Texts

router = Router(name="evidence")

# Telegram lets a bot download files up to 20 MB.
DOWNLOAD_LIMIT = 20 * 1024 * 1024


@router.message(F.document)
async def on_document(message: Message, bot: Bot, texts: Texts, settings: Settings) -> None:
    document = message.document
    assert document is not None
    if document.file_size is not None and document.file_size > DOWNLOAD_LIMIT:
        await message.answer(texts("file-too-big", name=document.file_name or "файл"))
        return
    buffer = await bot.download(document.file_id)
    assert buffer is not None
    content = buffer.read()
    if not content:
        await message.answer(texts("file-empty", name=document.file_name or "файл"))
        return
    digest = hashlib.sha256(content).hexdigest()
    await message.answer(
        texts("file-received", name=document.file_name or "файл", size=len(content), sha256=digest[:12])
    )
