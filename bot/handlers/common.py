"""Small pieces every conversation shares: the person's local "today", refusal texts, a
page shown in place of the previous one."""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer



async def show(message: Message, text: str, keyboard: InlineKeyboardMarkup | None, *, edit: bool) -> None:
    """A new message, or (`edit`: a page button was pressed) the same message with the new
    page; an edit Telegram refuses falls back to a new message."""
    if edit:
        try:
            await message.edit_text(text, reply_markup=keyboard)
            return
        except TelegramBadRequest as error:
            if "not modified" in str(error):
                return
    await message.answer(text, reply_markup=keyboard)


async def answer_now(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    """Acknowledge the tap before the slower work (editing the card waits for Telegram's
    rate limits, shared with a reminder wave): the spinner stops at once."""
    if not callback_answer.disabled and not callback_answer.answered:
        await query.answer(text=callback_answer.text, show_alert=callback_answer.show_alert)
        callback_answer.disable()
