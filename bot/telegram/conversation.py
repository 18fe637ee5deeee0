"""The Telegram side of bot/conversations: aiogram's workflow data → a `Turn`, neutral keyboards →
InlineKeyboardMarkup, neutral replies → Bot API calls through the one sending path (the session
middleware of bot/telegram/message_limits.py splits and cuts past Telegram's limits)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (BufferedInputFile, CallbackQuery, FSInputFile, InlineKeyboardButton,
                           InlineKeyboardMarkup, Message)
from aiogram.utils.callback_answer import CallbackAnswer

from bot.conversations.events import TELEGRAM, Pressed, Turn
from bot.conversations.replies import (CoordinatorMenu, DropKeyboard, Edit, EditById, Keyboard, Notice, Reply,
                                       Send, SendDocument, SendFiles, SendPhoto)
from bot.telegram.command_menu import set_coordinator_menu
from bot.telegram.resend import Outgoing, file_kind, send_files


def turn_of(data: dict[str, Any]) -> Turn:
    """From a handler's workflow data (services, person, clock, texts, settings, state)."""
    return Turn(channel=TELEGRAM, person=data.get("person"), services=data["services"], clock=data["clock"],
                texts=data["texts"], settings=data["settings"], state=data["state"])


def markup(keyboard: Keyboard | None) -> InlineKeyboardMarkup | None:
    if keyboard is None:
        return None
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=b.text, callback_data=b.data) for b in row] for row in keyboard])


def pressed_of(query: CallbackQuery) -> Pressed | None:
    message = query.message
    if not isinstance(message, Message):
        return None
    rows = message.reply_markup.inline_keyboard if message.reply_markup is not None else []
    return Pressed(text=message.text or "",
                   button_data=tuple(b.callback_data for row in rows for b in row if b.callback_data),
                   html=message.html_text if (message.text or message.caption) else "")


async def _edit_in_place(message: Message, text: str, keyboard: Keyboard | None) -> None:
    """An edit Telegram refuses (too old, not text) falls back to a new message; «not modified» is fine."""
    try:
        await message.edit_text(text, reply_markup=markup(keyboard))
    except TelegramBadRequest as error:
        if "not modified" not in str(error):
            await message.answer(text, reply_markup=markup(keyboard))


async def _edit_by_id(bot: Bot, chat_id: int, reply: EditById) -> None:
    try:
        await bot.edit_message_text(reply.text, chat_id=chat_id, message_id=int(reply.message_id),
                                    reply_markup=markup(reply.keyboard))
    except TelegramBadRequest as error:
        if "not modified" not in str(error):
            raise


async def _send_files(bot: Bot, chat_id: int, reply: SendFiles) -> None:
    by_id = [f for f in reply.files if not f.channel_file_id.startswith("max:")]
    await send_files(bot, chat_id, [Outgoing(f.channel_file_id, f.caption, file_kind(f.channel_file_id))
                                    for f in by_id])
    for f in reply.files:  # received on another messenger: uploaded from the local copy
        if f.channel_file_id.startswith("max:") and f.local_path:
            await bot.send_document(chat_id, FSInputFile(f.local_path, filename=f.name), caption=f.caption)


async def _common(bot: Bot, chat_id: int, message: Message | None, reply: Reply, turn: Turn) -> None:
    if isinstance(reply, Send):
        if message is not None:
            sent = await message.answer(reply.text, reply_markup=markup(reply.keyboard))
        else:
            sent = await bot.send_message(chat_id, reply.text, reply_markup=markup(reply.keyboard))
        if reply.remember is not None:
            await reply.remember(sent.message_id)
    elif isinstance(reply, EditById):
        await _edit_by_id(bot, chat_id, reply)
    elif isinstance(reply, SendFiles):
        await _send_files(bot, chat_id, reply)
    elif isinstance(reply, CoordinatorMenu):
        await set_coordinator_menu(bot, turn.texts, chat_id)
    elif isinstance(reply, SendDocument):
        await bot.send_document(chat_id, BufferedInputFile(reply.content, filename=reply.name),
                                caption=reply.caption or None, reply_markup=markup(reply.keyboard))
    elif isinstance(reply, SendPhoto):
        await bot.send_photo(chat_id, BufferedInputFile(reply.content, filename=reply.name),
                             caption=reply.caption or None, reply_markup=markup(reply.keyboard))


async def answer_message(message: Message, replies: Sequence[Reply], turn: Turn) -> None:
    bot = message.bot
    assert bot is not None
    for reply in replies:
        if isinstance(reply, Edit):  # nothing was pressed: a new message
            reply = Send(reply.text, reply.keyboard)
        if isinstance(reply, (Notice, DropKeyboard)):
            continue
        await _common(bot, message.chat.id, message, reply, turn)


async def answer_press(query: CallbackQuery, callback_answer: CallbackAnswer, replies: Sequence[Reply],
                       turn: Turn) -> None:
    """Replies to a press; a Notice answers the query at once (the spinner stops before slower
    work), and CallbackAnswerMiddleware answers the rest."""
    bot = query.bot
    assert bot is not None
    message = query.message if isinstance(query.message, Message) else None
    chat_id = message.chat.id if message is not None else query.from_user.id
    for reply in replies:
        if isinstance(reply, Notice):
            callback_answer.text, callback_answer.show_alert = reply.text, reply.alert
            if not callback_answer.disabled and not callback_answer.answered:
                await query.answer(text=reply.text, show_alert=reply.alert)
                callback_answer.disable()
        elif isinstance(reply, Edit):
            if message is not None:
                await _edit_in_place(message, reply.text, reply.keyboard)
        elif isinstance(reply, DropKeyboard):
            if message is not None:
                await message.edit_reply_markup(reply_markup=None)
        else:
            await _common(bot, chat_id, message, reply, turn)
