"""The one sending path's last guard: whatever a handler or the sender builds, Telegram's
size limits hold. A text over 4096 characters goes as several messages (cut at lines,
tags kept whole, the keyboard on the last); an edit over the limit is cut with «…»; a
caption over 1024 goes as a message before the file; a callback answer is plain text (our
escaping undone) cut to 200.

An aiogram session middleware, so it covers every request the bot makes — handlers,
the outbox sender and the scheduler alike."""

from __future__ import annotations

import html

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import (AnswerCallbackQuery, EditMessageCaption, EditMessageText, SendDocument, SendMessage,
                             SendPhoto, TelegramMethod)
from aiogram.methods.base import Response, TelegramType

from bot.i18n import shorten
from bot.reports.split import split_message

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_ANSWER_LIMIT = 200


class MessageLimitsMiddleware(BaseRequestMiddleware):
    async def __call__(self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot,
                       method: TelegramMethod[TelegramType]) -> Response[TelegramType]:
        if isinstance(method, SendMessage) and len(method.text) > TEXT_LIMIT:
            *head, last = split_message(method.text, TEXT_LIMIT)
            for part in head:
                await bot(method.model_copy(update={"text": part, "reply_markup": None}))
            return await make_request(bot, method.model_copy(update={"text": last}))
        if isinstance(method, EditMessageText) and len(method.text) > TEXT_LIMIT:
            first = split_message(method.text, TEXT_LIMIT - 2)[0]
            return await make_request(bot, method.model_copy(update={"text": first + "\n…"}))
        if isinstance(method, (SendDocument, SendPhoto)) and method.caption and len(method.caption) > CAPTION_LIMIT:
            await bot(SendMessage(chat_id=method.chat_id, text=method.caption, parse_mode=method.parse_mode))
            return await make_request(bot, method.model_copy(update={"caption": None}))
        if isinstance(method, EditMessageCaption) and method.caption and len(method.caption) > CAPTION_LIMIT:
            first = split_message(method.caption, CAPTION_LIMIT - 2)[0]
            return await make_request(bot, method.model_copy(update={"caption": first + "\n…"}))
        if isinstance(method, AnswerCallbackQuery) and method.text:
            # A callback answer is plain text, while every text the bot makes is HTML-escaped:
            # «&amp;» would show as such in the pop-up.
            plain = html.unescape(method.text)
            if plain != method.text or len(plain) > CALLBACK_ANSWER_LIMIT:
                return await make_request(bot, method.model_copy(update={"text": shorten(plain, CALLBACK_ANSWER_LIMIT)}))
        return await make_request(bot, method)


def install(bot: Bot) -> None:
    bot.session.middleware(MessageLimitsMiddleware())
