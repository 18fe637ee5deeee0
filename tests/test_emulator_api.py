"""The emulator answers like Telegram: through a real aiogram Bot over HTTP."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramRetryAfter,
)
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup
from aiohttp import web

from bot.sandbox.client import SandboxRefused
from bot.sandbox.entities import ParseError, parse_html

TOKEN = "42:emulator-test"


@pytest.fixture
async def bot(emulator):
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(emulator.base_url)))
    yield bot
    await bot.session.close()


@pytest.fixture
async def user(sandbox):
    return await sandbox.create_user("Анна", username="anna")


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text=d, callback_data=d)] for d in data])


async def test_get_me_and_an_unknown_token(bot, emulator):
    me = await bot.get_me()
    assert me.is_bot and me.id == 42 and me.username
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{emulator.base_url}/botnot-a-token/getMe") as response:
            assert response.status == 401
            assert (await response.json())["description"] == "Unauthorized"


async def test_unknown_method_is_404(emulator):
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{emulator.base_url}/bot{TOKEN}/sendPigeon") as response:
            assert response.status == 404
            assert await response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}


async def test_updates_are_confirmed_by_offset_and_never_repeated(bot, user):
    await user.send("/start hello")
    await user.send("второе")
    first = await bot.get_updates(timeout=0, limit=1)
    assert len(first) == 1 and first[0].message.text == "/start hello"
    assert first[0].message.entities[0].type == "bot_command"
    both = await bot.get_updates(offset=first[0].update_id, timeout=0)
    assert [u.message.text for u in both] == ["/start hello", "второе"]
    rest = await bot.get_updates(offset=both[-1].update_id + 1, timeout=0)
    assert rest == []


async def test_long_poll_wakes_on_a_new_update_and_a_second_poller_conflicts(bot, user, emulator):
    waiting = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    newer = asyncio.create_task(bot.get_updates(timeout=5))
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates request"):
        await waiting
    await user.send("привет")
    updates = await asyncio.wait_for(newer, 2)
    assert updates[0].message.text == "привет"


async def test_webhook_delivery_with_secret_and_conflict(bot, user):
    received: list[tuple[dict, str | None]] = []

    async def hook(request: web.Request) -> web.Response:
        received.append((await request.json(), request.headers.get("X-Telegram-Bot-Api-Secret-Token")))
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    try:
        await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cret")
        assert (await bot.get_webhook_info()).url.endswith("/hook")
        with pytest.raises(TelegramConflictError, match="webhook is active"):
            await bot.get_updates(timeout=0)
        await user.send("через вебхук")
        for _ in range(50):
            if received:
                break
            await asyncio.sleep(0.05)
        assert received[0][0]["message"]["text"] == "через вебхук" and received[0][1] == "s3cret"
        await bot.delete_webhook()
        assert await bot.get_updates(timeout=0) == []
    finally:
        await runner.cleanup()


async def test_limits_answer_with_telegram_errors(bot, user, emulator):
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(user.id, "я" * 4097)
    await bot.send_message(user.id, "<b>" + "я" * 4096 + "</b>", parse_mode="HTML")  # counted after parsing
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(user.id, " ")
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.send_message(user.id, "<b>жирный</i>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(user.id, "кнопки", reply_markup=keyboard("x" * 65))
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(999, "кому?")
    sent = await bot.send_message(user.id, "текст", reply_markup=keyboard("a"))
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text("текст", chat_id=user.id, message_id=sent.message_id, reply_markup=keyboard("a"))
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_document(user.id, BufferedInputFile(b"1", "a.txt"), caption="я" * 1025)
    await user.block()
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(user.id, "вы тут?")


async def test_rate_limits_give_429_with_retry_after(bot, user, sandbox):
    await sandbox.control(limits={"chat_burst": 3, "chat_per_second": 1.0})
    for _ in range(3):
        await bot.send_message(user.id, "быстро")
    with pytest.raises(TelegramRetryAfter) as error:
        await bot.send_message(user.id, "слишком быстро")
    assert error.value.retry_after >= 1


async def test_files_round_trip_and_the_download_limit(bot, user, sandbox):
    content = bytes(range(256)) * 40
    sent = await user.send_document(content, "Протокол.pdf", "application/pdf")
    updates = await bot.get_updates(timeout=0)
    document = updates[-1].message.document
    assert (document.file_name, document.mime_type, document.file_size) == ("Протокол.pdf", "application/pdf", 10240)
    assert (await bot.download(document.file_id)).read() == content
    echoed = await bot.send_document(user.id, sent["file_id"])  # a file_id is accepted back
    assert echoed.document.file_unique_id == sent["file_unique_id"]
    uploaded = await bot.send_document(user.id, BufferedInputFile(b"report", "отчёт.txt"))
    message = (await user.bot_messages())[-1]
    assert message.document["file_name"] == "отчёт.txt" and await user.download(message) == b"report"
    assert uploaded.document.file_size == 6
    await sandbox.control(limits={"download_bytes": 1000})
    with pytest.raises(TelegramBadRequest, match="file is too big"):
        await bot.get_file(document.file_id)


async def test_photos_and_albums_reach_the_bot(bot, user):
    album = await user.send_album([(b"1" * 10, "a.jpg", "image/jpeg"), (b"2" * 10, "b.jpg", "image/jpeg")])
    updates = await bot.get_updates(timeout=0)
    assert [u.message.media_group_id for u in updates] == [album["media_group_id"]] * 2
    assert all(u.message.photo for u in updates)


async def test_button_presses_are_validated_and_callbacks_expire(bot, user, sandbox):
    sent = await bot.send_message(user.id, "выберите", reply_markup=keyboard("yes", "no"))
    message = (await user.bot_messages())[-1]
    with pytest.raises(SandboxRefused):
        await user.press(message, data="maybe")
    callback_id = await user.press(message, text="yes")
    update = (await bot.get_updates(timeout=0))[-1]
    assert update.callback_query.data == "yes" and update.callback_query.message.message_id == sent.message_id
    await bot.answer_callback_query(callback_id, text="Готово")
    assert (await user.callback_answer(callback_id))["text"] == "Готово"
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(callback_id)  # twice
    await sandbox.control(limits={"callback_answer_seconds": 0.05})
    late = await user.press(message, text="no")
    await asyncio.sleep(0.1)
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(late)


def test_html_parsing_counts_utf16_and_rejects_bad_markup():
    text, entities = parse_html("😀 <b>жирный <i>курсив</i></b> &lt;тег&gt; <a href=\"https://x.ru\">ссылка</a>")
    assert text == "😀 жирный курсив <тег> ссылка"
    bold = next(e for e in entities if e["type"] == "bold")
    assert (bold["offset"], bold["length"]) == (3, 13)  # the emoji is two UTF-16 units
    assert next(e for e in entities if e["type"] == "text_link")["url"] == "https://x.ru"
    for bad in ["<b>не закрыт", "<blink>нет</blink>", "<b><i>x</b></i>", "a < b"]:
        with pytest.raises(ParseError):
            parse_html(bad)
