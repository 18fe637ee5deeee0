"""The MAX Bot API emulator (bot/sandbox/max_server.py): (a) raw HTTP — refusals as the real server
would answer, answers that conform to the OpenAPI description; (b) a tiny bot on the chosen client
(maxapi) pointed at the emulator, driven by a user through `bot.sandbox.max_client`."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import aiohttp
import pytest

from bot.sandbox.max_client import MaxSandboxClient
from bot.sandbox.max_server import MaxEmulator

TOKEN = "max-test-token-0123456789"


@pytest.fixture
async def max_emulator():
    emulator = MaxEmulator(tokens={TOKEN})
    await emulator.start()
    yield emulator
    await emulator.stop()
    assert emulator.spec_violations == [], "traffic broke the MAX OpenAPI description"


@pytest.fixture
async def users(max_emulator):
    async with MaxSandboxClient(max_emulator.base_url) as client:
        yield client


@pytest.fixture
async def http(max_emulator):
    async with aiohttp.ClientSession(base_url=max_emulator.base_url,
                                     headers={"Authorization": TOKEN}) as session:
        yield session


async def call(http: aiohttp.ClientSession, method: str, path: str, **kwargs: Any) -> tuple[int, Any]:
    async with http.request(method, path, **kwargs) as response:
        return response.status, await response.json()


# ─── (a) raw HTTP ──────────────────────────────────────────────────────────


async def test_token_is_required(max_emulator, http):
    async with aiohttp.ClientSession() as anonymous:
        async with anonymous.get(max_emulator.base_url + "/me") as response:
            assert response.status == 401
            assert (await response.json())["code"] == "verify.token"
        async with anonymous.get(max_emulator.base_url + "/me", params={"access_token": TOKEN}) as response:
            assert response.status == 200  # the security scheme's query parameter works too
    status, me = await call(http, "GET", "/me")
    assert status == 200 and me["is_bot"] is True


@pytest.mark.parametrize(("query", "body", "reason"), [
    ({"user_id": "{uid}"}, {"text": "x" * 4001}, "text"),
    ({"user_id": "{uid}"}, {"text": "hi", "format": "rtf"}, "format"),
    ({"user_id": "{uid}"}, {"text": "hi", "colour": "red"}, "colour"),
    ({"user_id": "nope"}, {"text": "hi"}, "user_id"),
    ({"user_id": "{uid}", "silent": "1"}, {"text": "hi"}, "silent"),
    ({"user_id": "{uid}"}, {"attachments": [{"type": "inline_keyboard", "payload": {"buttons": [
        [{"type": "callback", "text": "x" * 129, "payload": "p"}]]}}]}, "text"),
    ({"user_id": "{uid}"}, {"attachments": [{"type": "inline_keyboard", "payload": {"buttons": [
        [{"type": "callback", "text": "ok", "payload": "p" * 1025}]]}}]}, "payload"),
    ({"user_id": "{uid}"}, {"attachments": [{"type": "inline_keyboard", "payload": {"buttons": [
        [{"type": "callback", "text": "ok"}]]}}]}, "payload"),
    ({"user_id": "{uid}"}, {"attachments": [{"type": "inline_keyboard", "payload": {"buttons": [
        [{"type": "link", "text": "ok", "url": "https://e.x/" + "a" * 2040}]]}}]}, "url"),
    ({"user_id": "{uid}"}, {"attachments": [{"type": "inline_keyboard", "payload": {"buttons": []}}]}, "buttons"),
    ({"user_id": "{uid}"}, {"attachments": [{"type": "poll", "payload": {}}]}, "type"),
])
async def test_schema_violations_are_refused(max_emulator, http, users, query, body, reason):
    user = await users.create_user("Анна")
    query = {k: v.format(uid=user.user_id) for k, v in query.items()}
    status, answer = await call(http, "POST", "/messages", params=query, json=body)
    assert status == 400, answer
    assert set(answer) == {"code", "message"} and reason in answer["message"]
    assert await user.bot_messages() == []
    assert max_emulator.spec_violations  # recorded: a bot sending this has a bug
    max_emulator.spec_violations.clear()


async def test_send_edit_delete_and_answers_conform(max_emulator, http, users):
    user = await users.create_user("Борис", last_name="Петров")
    keyboard = {"type": "inline_keyboard", "payload": {"buttons": [
        [{"type": "callback", "text": "Готово", "payload": "done:1"}],
        [{"type": "link", "text": "Сайт", "url": "https://example.org"}]]}}
    status, sent = await call(http, "POST", "/messages", params={"user_id": user.user_id},
                              json={"text": "<b>Срок</b> завтра", "format": "html", "attachments": [keyboard],
                                    "notify": False})
    assert status == 200
    message = sent["message"]
    assert message["body"]["text"] == "Срок завтра"
    assert message["body"]["markup"] == [{"type": "strong", "from": 0, "length": 4}]
    assert message["recipient"] == {"chat_id": user.chat_id, "chat_type": "dialog", "user_id": user.user_id}
    mid = message["body"]["mid"]
    seen = await user.next_message()
    assert seen.buttons == [[("Готово", "done:1")], [("Сайт", "https://example.org")]]

    status, by_chat = await call(http, "POST", "/messages", params={"chat_id": user.chat_id}, json={"text": "2"})
    assert status == 200 and by_chat["message"]["recipient"]["user_id"] == user.user_id
    status, got = await call(http, "GET", f"/messages/{mid}")
    assert status == 200 and got["body"]["mid"] == mid
    status, edited = await call(http, "PUT", "/messages", params={"message_id": mid}, json={"text": "Сделано"})
    assert (status, edited) == (200, {"success": True})
    assert (await user.message(mid)).text == "Сделано" and (await user.message(mid)).buttons  # keyboard kept
    status, _ = await call(http, "PUT", "/messages", params={"message_id": mid}, json={"attachments": []})
    assert (await user.message(mid)).buttons == []
    status, deleted = await call(http, "DELETE", "/messages", params={"message_id": mid})
    assert (status, deleted) == (200, {"success": True})
    status, missing = await call(http, "GET", f"/messages/{mid}")
    assert status == 404 and missing["code"] == "not.found"


async def test_long_polling_marker_types_and_timeout(max_emulator, http, users):
    user = await users.create_user("Вера")
    status, empty = await call(http, "GET", "/updates", params={"timeout": "0"})
    assert status == 200 and empty["updates"] == []
    waiting = asyncio.create_task(call(http, "GET", "/updates", params={"timeout": "5"}))
    await asyncio.sleep(0.05)
    await user.start("invite-abc")
    status, first = await asyncio.wait_for(waiting, 2)
    assert [u["update_type"] for u in first["updates"]] == ["bot_started"]
    assert first["updates"][0]["payload"] == "invite-abc"
    assert first["updates"][0]["chat_id"] == user.chat_id
    await user.send("привет")
    await user.send("/help")
    status, only = await call(http, "GET", "/updates",
                              params={"marker": str(first["marker"]), "timeout": "0", "limit": "1",
                                      "types": "message_created"})
    assert [u["message"]["body"]["text"] for u in only["updates"]] == ["привет"]
    status, rest = await call(http, "GET", "/updates", params={"marker": str(only["marker"]), "timeout": "0"})
    assert [u["message"]["body"]["text"] for u in rest["updates"]] == ["/help"]
    status, bad = await call(http, "GET", "/updates", params={"timeout": "91"})
    assert status == 400
    max_emulator.spec_violations.clear()


async def test_deep_link_payload_over_512_is_dropped(max_emulator, http, users):
    user = await users.create_user("Глеб")
    await user.start("x" * 513)
    status, got = await call(http, "GET", "/updates", params={"timeout": "0"})
    assert "payload" not in got["updates"][0]


async def test_429_injection_and_blocked_user(max_emulator, http, users):
    user = await users.create_user("Дина")
    await users.control(force_429={"count": 2})
    for _ in range(2):
        status, answer = await call(http, "POST", "/messages", params={"user_id": user.user_id}, json={"text": "a"})
        assert status == 429 and set(answer) == {"code", "message"}
    status, _ = await call(http, "POST", "/messages", params={"user_id": user.user_id}, json={"text": "a"})
    assert status == 200
    await user.block()
    status, answer = await call(http, "POST", "/messages", params={"user_id": user.user_id}, json={"text": "b"})
    assert status == 403 and answer["code"] == "chat.denied"
    status, got = await call(http, "GET", "/updates", params={"timeout": "0"})
    assert got["updates"][-1]["update_type"] == "bot_stopped"
    await user.start()
    status, _ = await call(http, "POST", "/messages", params={"user_id": user.user_id}, json={"text": "c"})
    assert status == 200


async def test_three_step_upload_raw(max_emulator, http, users):
    user = await users.create_user("Ева")
    status, endpoint = await call(http, "POST", "/uploads", params={"type": "file"})
    assert status == 200 and set(endpoint) == {"url"}
    form = aiohttp.FormData(quote_fields=False)  # UTF-8 file names, as maxapi sends them
    form.add_field("data", b"%PDF-1.4 test", filename="отчёт.pdf", content_type="application/pdf")
    async with http.post(endpoint["url"], data=form) as response:
        token = (await response.json())["token"]
    await users.control(attachment_not_ready=1)
    body = {"text": "Файл", "attachments": [{"type": "file", "payload": {"token": token}}]}
    status, answer = await call(http, "POST", "/messages", params={"user_id": user.user_id}, json=body)
    assert status == 400 and answer["code"] == "attachment.not.ready"
    status, sent = await call(http, "POST", "/messages", params={"user_id": user.user_id}, json=body)
    assert status == 200
    attachment = sent["message"]["body"]["attachments"][0]
    assert attachment["filename"] == "отчёт.pdf" and attachment["size"] == 13
    assert await user.download(await user.next_message()) == b"%PDF-1.4 test"
    status, answer = await call(http, "POST", "/messages", params={"user_id": user.user_id},
                                json={"attachments": [{"type": "file", "payload": {"token": "forged"}}]})
    assert status == 400


async def test_methods_the_emulator_lacks_are_recorded(max_emulator, http):
    status, answer = await call(http, "GET", "/chats/123")
    assert status == 404 and "not implemented by the emulator" in answer["message"]
    status, answer = await call(http, "POST", "/sendMessage")
    assert status == 404 and "not in the description" in answer["message"]
    assert len(max_emulator.spec_violations) == 2
    max_emulator.spec_violations.clear()


# ─── (b) a tiny bot on maxapi ──────────────────────────────────────────────


def make_bot(base_url: str) -> tuple[Any, Any]:
    from maxapi import Bot, Dispatcher
    from maxapi.types import BotStarted, CallbackButton, InputMediaBuffer, MessageCallback, MessageCreated
    from maxapi.utils.inline_keyboard import InlineKeyboardBuilder

    # auto_requests=False: otherwise maxapi fetches GET /chats/{id} for every event;
    # after_input_media_delay: maxapi sleeps 2 s after each upload by default (and treats 0 as "default").
    bot = Bot(TOKEN, auto_requests=False, after_input_media_delay=0.01, after_upload_retry_delay=0.01)
    bot.set_api_url(base_url)
    dp = Dispatcher()

    @dp.bot_started()
    async def started(event: BotStarted) -> None:
        await event.bot.send_message(chat_id=event.chat_id, text=f"start:{event.payload}")

    @dp.message_created()
    async def echo(event: MessageCreated) -> None:
        body = event.message.body
        if body.text == "/file":
            await event.message.answer("Ваш файл", attachments=[
                InputMediaBuffer(b"col1;col2\n1;2\n", filename="report.csv", type="file")])
        elif body.text == "/menu":
            keyboard = InlineKeyboardBuilder().row(CallbackButton(text="Готово", payload="done:7"))
            await event.message.answer("Задача 7", attachments=[keyboard.as_markup()])
        elif body.attachments:
            kinds = ",".join(a.type for a in body.attachments)
            await event.message.answer(f"got:{kinds}")
        else:
            await event.message.answer(f"echo:{body.text}")

    @dp.message_callback()
    async def pressed(event: MessageCallback) -> None:
        await event.answer(notification="Принято", new_text=f"Отмечено: {event.callback.payload}")

    return bot, dp


@contextlib.asynccontextmanager
async def running(base_url: str):
    bot, dp = make_bot(base_url)
    task = asyncio.create_task(dp.start_polling(bot))
    try:
        yield bot
    finally:
        await dp.stop_polling()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await asyncio.wait_for(task, 5)
        await bot.close_session()


async def test_maxapi_bot_against_the_emulator(max_emulator, users):
    user = await users.create_user("Фёдор")
    async with running(max_emulator.base_url):
        await user.start("invite-42")
        assert (await user.next_message()).text == "start:invite-42"

        await user.send("привет <мир>")
        assert (await user.next_message()).text == "echo:привет <мир>"

        await user.send("/menu")
        menu = await user.next_message()
        assert menu.buttons == [[("Готово", "done:7")]]
        callback_id = await user.press(menu, text="Готово")
        answer = await user.callback_answer(callback_id)
        assert answer == {"answered": True, "notification": "Принято", "edited_message": True}
        assert (await user.message(menu.mid)).text == "Отмечено: done:7"

        await users.control(attachment_not_ready=1)  # maxapi retries the send on this code
        await user.send("/file")
        with_file = await user.next_message()
        assert with_file.text == "Ваш файл" and with_file.file["filename"].startswith("report")
        assert await user.download(with_file) == b"col1;col2\n1;2\n"

        await user.send_file(b"%PDF-1.4", "план.pdf", "application/pdf")
        assert (await user.next_message()).text == "got:file"
        await user.send_image(b"\xff\xd8\xff\xe0 jpeg")
        assert (await user.next_message()).text == "got:image"
    assert max_emulator.off_spec_calls == []


async def test_maxapi_quirks_the_adapter_must_handle(max_emulator, users):
    from maxapi import Bot
    from maxapi.exceptions.max import MaxApiError
    from maxapi.types import BotCommand

    user = await users.create_user("Галина")
    bot = Bot(TOKEN, auto_requests=False)
    bot.set_api_url(max_emulator.base_url)
    try:
        # 429: maxapi neither retries nor reads a delay; the adapter's sender must back off itself.
        await users.control(force_429={"count": 1})
        with pytest.raises(MaxApiError) as refused:
            await bot.send_message(user_id=user.user_id, text="a")
        assert refused.value.code == 429
        # The description allows 4000 characters; maxapi refuses 4000 itself (it checks `< 4000`).
        with pytest.raises(ValueError):
            await bot.send_message(user_id=user.user_id, text="я" * 4000)
        await bot.send_message(user_id=user.user_id, text="я" * 3999)
        # Blocked: a 403 MaxApiError carrying the error's code.
        await user.block()
        with pytest.raises(MaxApiError) as denied:
            await bot.send_message(user_id=user.user_id, text="b")
        assert denied.value.code == 403 and denied.value.raw["code"] == "chat.denied"
        # Commands: PATCH /me/commands, a path the description lacks (recorded as off-spec).
        await bot.set_commands(BotCommand(name="start", description="Начать"))
        assert (await users.bot_info())["commands"] == [{"name": "start", "description": "Начать"}]
        assert max_emulator.off_spec_calls == ["PATCH /me/commands"]
        me = await bot.get_me()
        assert me.user_id == max_emulator.bot_id
    finally:
        await bot.close_session()


async def test_the_converted_description_is_valid_json_schema_and_strict(max_emulator):
    from jsonschema import Draft202012Validator

    spec = max_emulator.spec
    Draft202012Validator.check_schema({"$defs": spec._defs})
    user = {"user_id": 1, "first_name": "A", "username": None, "is_bot": False, "last_activity_time": 1, "name": "A"}
    message = {"sender": user, "recipient": {"chat_id": 5, "chat_type": "dialog", "user_id": 1}, "timestamp": 1,
               "body": {"mid": "m", "seq": 1, "text": "t", "attachments": None}}
    assert spec.check_object("Message", message) == []
    assert spec.check_object("Message", {**message, "colour": 1})  # unknown field
    assert spec.check_object("Message", {k: v for k, v in message.items() if k != "timestamp"})
    assert spec.check_object("Update", {"update_type": "message_created", "timestamp": 1, "message": message}) == []
    assert spec.check_object("Update", {"update_type": "message_posted", "timestamp": 1, "message": message})
    assert spec.check_object("User", {**user, "user_id": 2**63})  # int64
