"""/start and /help: the greeting and what the bot can do."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandStart
from aiogram.types import Message

from bot.i18n import Texts

router = Router(name="start")


@router.message(CommandStart())
async def on_start(message: Message, texts: Texts) -> None:
    name = message.from_user.first_name if message.from_user else "коллега"
    await message.answer(texts("start-greeting", name=name))


@router.message(Command("help"))
async def on_help(message: Message, texts: Texts) -> None:
    await message.answer(texts("help-text"))
