"""The emulator against the official Bot API description and Telegram's limits.

Refusals go through a real aiogram Bot over HTTP (as the bot talks); the validator
(`bot.sandbox.spec`) is also tested on its own; and every method the emulator implements is
called with typical parameters, its answer checked against the description."""

from __future__ import annotations

import json

import aiohttp
import pytest
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaDocument,
    InputMediaPhoto,
)

from bot.sandbox.server import _METHODS
from bot.sandbox.spec import UPLOAD_MARKER, check_object, check_request, check_result, load_spec

from test_emulator_api import TOKEN, bot, user  # noqa: F401  (the same real aiogram Bot and user)


@pytest.fixture
def clean(emulator):
    """Everything below sends spec-conforming requests: nothing may be recorded."""
    yield
    assert emulator.spec_violations == []


def callback_keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text=d, callback_data=d)] for d in data])


def photo(name: str = "a.jpg") -> BufferedInputFile:
    return BufferedInputFile(b"\xff\xd8\xff" + name.encode(), name)


def document(name: str = "a.pdf") -> BufferedInputFile:
    return BufferedInputFile(b"%PDF-1.4 " + name.encode(), name)


# ─── Telegram's limits through a real Bot ──────────────────────────────────


async def test_an_inline_keyboard_over_100_buttons_is_too_long(bot, user, clean):
    def grid(count: int) -> InlineKeyboardMarkup:
        buttons = [InlineKeyboardButton(text=str(i), callback_data=str(i)) for i in range(count)]
        return InlineKeyboardMarkup(inline_keyboard=[buttons[i:i + 8] for i in range(0, count, 8)])

    await bot.send_message(user.id, "сто кнопок", reply_markup=grid(100))
    with pytest.raises(TelegramBadRequest, match="reply markup is too long"):
        await bot.send_message(user.id, "сто одна", reply_markup=grid(101))
    sent = await bot.send_message(user.id, "потом", reply_markup=grid(1))
    with pytest.raises(TelegramBadRequest, match="reply markup is too long"):
        await bot.edit_message_reply_markup(chat_id=user.id, message_id=sent.message_id, reply_markup=grid(101))


async def test_a_button_needs_exactly_one_action_and_a_text(bot, user, clean):
    both = InlineKeyboardButton(text="сайт", url="https://example.org", callback_data="site")
    with pytest.raises(TelegramBadRequest, match="exactly one of the optional fields must be used"):
        await bot.send_message(user.id, "две", reply_markup=InlineKeyboardMarkup(inline_keyboard=[[both]]))
    bare = InlineKeyboardButton(text="просто текст")
    with pytest.raises(TelegramBadRequest, match="Text buttons are unallowed in the inline keyboard"):
        await bot.send_message(user.id, "ни одной", reply_markup=InlineKeyboardMarkup(inline_keyboard=[[bare]]))
    empty_data = InlineKeyboardButton(text="пусто", callback_data="")  # Telegram reads "" as absent
    with pytest.raises(TelegramBadRequest, match="Text buttons are unallowed in the inline keyboard"):
        await bot.send_message(user.id, "пусто", reply_markup=InlineKeyboardMarkup(inline_keyboard=[[empty_data]]))
    no_text = InlineKeyboardButton(text="", callback_data="x")
    with pytest.raises(TelegramBadRequest, match="inline keyboard button text must be non-empty"):
        await bot.send_message(user.id, "без текста", reply_markup=InlineKeyboardMarkup(inline_keyboard=[[no_text]]))
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(user.id, "длинные данные", reply_markup=callback_keyboard("я" * 33))  # 66 bytes
    link = InlineKeyboardButton(text="сайт", url="https://example.org")
    await bot.send_message(user.id, "ссылка", reply_markup=InlineKeyboardMarkup(inline_keyboard=[[link]]))
    assert [m.text for m in await user.bot_messages()] == ["ссылка"]


@pytest.mark.parametrize("markup, error", [
    ('<a href="https://example.org"><code>код</code></a>', 'Tag "code" can\'t be nested in tag "a"'),
    ('<a href="https://example.org"><pre>код</pre></a>', 'Tag "pre" can\'t be nested in tag "a"'),
    ('<code><a href="https://example.org">ссылка</a></code>', 'Tag "a" can\'t be nested in tag "code"'),
    ("<pre><b>жирный</b></pre>", 'Tag "b" can\'t be nested in tag "pre"'),
    ("<blockquote><blockquote>цитата</blockquote></blockquote>", "can't be nested in tag \"blockquote\""),
    ("<blink>мигает</blink>", 'Unsupported start tag "blink" at byte offset 0'),
    ("<marquee>бежит", 'Unsupported start tag "marquee" at byte offset 0'),
    ("<b>не закрыт", 'Can\'t find end tag corresponding to start tag "b"'),
    ("текст <b", "Unclosed start tag at byte offset 11"),
    ("<b><i>накрест</b></i>", 'Unmatched end tag at byte offset 20, expected "</i>", found "</b>"'),
])
async def test_html_that_telegram_would_refuse_or_mangle_is_refused(bot, user, clean, markup, error):
    with pytest.raises(TelegramBadRequest, match="can't parse entities") as refused:
        await bot.send_message(user.id, markup, parse_mode="HTML")
    assert error in refused.value.message
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.send_document(user.id, document(), caption=markup, parse_mode="HTML")


async def test_html_nesting_telegram_allows_passes(bot, user, clean):
    for markup in ['<b><a href="https://example.org">жирная ссылка</a></b>', "<pre><code class=\"language-py\">x</code></pre>",
                   "<i><b>оба</b></i>", '<a href="https://example.org"><b>ссылка</b> и <i>текст</i></a>']:
        await bot.send_message(user.id, markup, parse_mode="HTML")


async def test_an_album_keeps_documents_apart_and_holds_2_to_10_items(bot, user, clean):
    with pytest.raises(TelegramBadRequest, match="document can't be mixed with other media types"):
        await bot.send_media_group(user.id, [InputMediaPhoto(media=photo()), InputMediaDocument(media=document())])
    with pytest.raises(TelegramBadRequest, match="document can't be mixed with other media types"):
        await bot.send_media_group(user.id, [InputMediaDocument(media=document()), InputMediaPhoto(media=photo())])
    with pytest.raises(TelegramBadRequest, match="too many messages to send as an album"):
        await bot.send_media_group(user.id, [InputMediaPhoto(media=photo(f"{i}.jpg")) for i in range(11)])
    with pytest.raises(TelegramBadRequest, match="an album needs 2-10 items"):
        await bot.send_media_group(user.id, [InputMediaDocument(media=document())])
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_media_group(user.id, [InputMediaDocument(media=document("a.pdf"), caption="я" * 1025),
                                             InputMediaDocument(media=document("b.pdf"))])
    assert await user.bot_messages() == []  # a refused album sends nothing
    documents = await bot.send_media_group(user.id, [
        InputMediaDocument(media=document("a.pdf"), caption="<b>" + "я" * 1024 + "</b>", parse_mode="HTML"),
        InputMediaDocument(media=document("b.pdf"))])
    assert documents[0].caption == "я" * 1024 and documents[0].caption_entities[0].type == "bold"
    photos = await bot.send_media_group(user.id, [InputMediaPhoto(media=photo(f"{i}.jpg")) for i in range(10)])
    assert len({m.media_group_id for m in photos}) == 1 and len(photos) == 10


async def test_a_callback_answer_is_at_most_200_characters(bot, user, sandbox, clean):
    await bot.send_message(user.id, "выберите", reply_markup=callback_keyboard("yes", "no"))
    message = (await user.bot_messages())[-1]
    first = await user.press(message, text="yes")
    with pytest.raises(TelegramBadRequest, match="MESSAGE_TOO_LONG"):
        await bot.answer_callback_query(first, text="я" * 201)
    await bot.answer_callback_query(first, text="я" * 200, show_alert=True)
    assert (await user.callback_answer(first))["text"] == "я" * 200


async def test_text_and_caption_lengths_count_after_entity_parsing(bot, user, clean):
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(user.id, "<i>" + "я" * 4097 + "</i>", parse_mode="HTML")
    sent = await bot.send_message(user.id, "<i>" + "я" * 4096 + "</i>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.edit_message_text("я" * 4097, chat_id=user.id, message_id=sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_photo(user.id, photo(), caption="я" * 1025)
    shown = await bot.send_photo(user.id, photo(), caption="<b>" + "я" * 1024 + "</b>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.edit_message_caption(chat_id=user.id, message_id=shown.message_id, caption="я" * 1025)
    edited = await bot.edit_message_caption(chat_id=user.id, message_id=shown.message_id,
                                            caption="<i>новая</i>", parse_mode="HTML")
    assert edited.caption == "новая" and edited.caption_entities[0].type == "italic"


async def test_get_chat_answers_every_field_chat_full_info_requires(bot, user, emulator, clean):
    chat = await bot.get_chat(user.id)  # aiogram's ChatFullInfo requires them too
    assert (chat.id, chat.type, chat.username) == (user.id, "private", "anna")
    assert chat.max_reaction_count > 0 and chat.accepted_gift_types.unlimited_gifts is True
    required = {f["name"] for f in load_spec().types["ChatFullInfo"].fields.values() if f["required"]}
    assert required == {"id", "type", "accent_color_id", "max_reaction_count", "accepted_gift_types"}


# ─── strict mode ───────────────────────────────────────────────────────────


async def test_strict_mode_refuses_and_records_a_request_that_breaks_the_spec(emulator, user):
    async with aiohttp.ClientSession() as session:
        url = f"{emulator.base_url}/bot{TOKEN}/sendMessage"
        async with session.post(url, data={"chat_id": str(user.id), "text": "x", "colour": "red"}) as response:
            body = await response.json()
        assert response.status == 400 and body["ok"] is False
        assert "unknown parameter 'colour'" in body["description"]
        async with session.post(url, data={"text": "кому?"}) as response:
            assert "missing required parameter 'chat_id'" in (await response.json())["description"]
        markup = json.dumps({"inline_keyboard": [[{"text": 5, "callback_data": "x"}]]})
        async with session.post(url, data={"chat_id": str(user.id), "text": "x", "reply_markup": markup}) as response:
            assert "reply_markup.inline_keyboard[0][0].text: expected String" in (await response.json())["description"]
    assert emulator.spec_violations == [
        "sendMessage request: unknown parameter 'colour'",
        "sendMessage request: missing required parameter 'chat_id'",
        "sendMessage request: reply_markup.inline_keyboard[0][0].text: expected String, got an Integer",
    ]
    assert await user.bot_messages() == []
    emulator.spec_violations.clear()


async def test_strict_mode_records_an_answer_that_breaks_the_spec(emulator, bot, user):
    user_record = emulator.users[user.id]
    original = user_record.as_chat
    user_record.as_chat = lambda: {**original(), "colour": "red"}  # an emulator bug, simulated
    await bot.send_message(user.id, "привет")
    assert "sendMessage result: result.chat.colour: unknown field of Chat" in emulator.spec_violations
    emulator.spec_violations.clear()


# ─── the validator on its own ──────────────────────────────────────────────


def keyboard_json(*rows: list[dict]) -> str:
    return json.dumps({"inline_keyboard": list(rows)})


def test_a_well_formed_send_message_passes():
    params = {"chat_id": "100001", "text": "<b>привет</b>", "parse_mode": "HTML", "disable_notification": "true",
              "reply_markup": keyboard_json([{"text": "да", "callback_data": "yes"}, {"text": "сайт", "url": "https://x.ru"}])}
    assert check_request("sendMessage", params) == []
    assert check_request("sendmessage", {"chat_id": 5, "text": "json body"}) == []  # names are case-insensitive


def test_a_missing_required_parameter_and_an_unknown_one_are_named():
    assert check_request("sendMessage", {"text": "кому?"}) == ["missing required parameter 'chat_id'"]
    assert check_request("sendMessage", {"chat_id": "1", "text": "x", "colour": "red"}) == ["unknown parameter 'colour'"]
    assert check_request("sendPigeon", {}) == ["unknown method 'sendPigeon'"]


def test_basic_types_of_form_fields_and_json_values():
    assert check_request("sendMessage", {"chat_id": "@channel", "text": "x", "message_thread_id": "7"}) == []
    assert check_request("sendMessage", {"chat_id": "1", "text": "x", "message_thread_id": "seven"}) == [
        "message_thread_id: expected Integer, got a String"]
    assert check_request("sendMessage", {"chat_id": "1", "text": "x", "disable_notification": "perhaps"}) == [
        "disable_notification: expected Boolean, got a String"]
    assert check_request("sendMessage", {"chat_id": "1", "text": "x", "reply_markup": "{oops"}) == [
        "reply_markup: not valid JSON"]
    assert check_request("sendMessage", {"chat_id": [1], "text": "x"}) == [
        "chat_id: expected Integer or String, got an Array"]


def test_a_nested_keyboard_of_the_wrong_shape_is_found():
    flat = json.dumps({"inline_keyboard": [{"text": "a", "callback_data": "a"}]})
    assert check_request("sendMessage", {"chat_id": "1", "text": "x", "reply_markup": flat}) == [
        "reply_markup.inline_keyboard[0]: expected Array of InlineKeyboardButton, got an Object"]
    wrong = keyboard_json([{"text": "a", "callback_data": 5}], [{"txt": "b", "url": "https://x.ru"}])
    assert check_request("sendMessage", {"chat_id": "1", "text": "x", "reply_markup": wrong}) == [
        "reply_markup.inline_keyboard[0][0].callback_data: expected String, got an Integer",
        "reply_markup.inline_keyboard[1][0].txt: unknown field of InlineKeyboardButton",
        "reply_markup.inline_keyboard[1][0]: InlineKeyboardButton lacks required field 'text'",
    ]


def test_files_and_albums():
    upload = (UPLOAD_MARKER, "a.pdf", b"%PDF", "application/pdf")
    assert check_request("sendDocument", {"chat_id": "1", "document": upload}) == []
    assert check_request("sendDocument", {"chat_id": "1", "document": "BQACAgIAAxk-file-id"}) == []
    media = json.dumps([{"type": "photo", "media": "attach://p1"}, {"type": "video", "media": "attach://v1"}])
    assert check_request("sendMediaGroup", {"chat_id": "1", "media": media, "p1": upload, "v1": upload}) == []
    assert check_request("sendMediaGroup", {"chat_id": "1", "media": media, "p1": upload, "v1": "text"}) == [
        "v1: referenced as attach://v1 but is not a file part"]
    odd = json.dumps([{"type": "sticker", "media": "x"}, {"type": "photo", "media": "y", "caption": 5}])
    assert check_request("sendMediaGroup", {"chat_id": "1", "media": odd}) == [
        "media[0]: type='sticker' is none of ['audio', 'document', 'live_photo', 'photo', 'video']",
        "media[1].caption: expected String, got an Integer",
    ]


def test_results_are_checked_recursively_and_unions_accept_any_subtype():
    chat = {"id": 1, "type": "private", "first_name": "Анна"}
    message = {"message_id": 1, "date": 1, "chat": chat, "text": "x"}
    assert check_result("sendMessage", message) == []
    assert check_result("editMessageText", True) == []  # Message or Boolean
    assert check_result("editMessageText", "x") == ["result: expected Message or Boolean, got a String"]
    assert check_result("sendMessage", {**message, "colour": "red"}) == ["result.colour: unknown field of Message"]
    assert check_result("sendMessage", {"message_id": 1, "chat": chat}) == [
        "result: Message lacks required field 'date'"]
    assert check_result("getChat", chat) == [
        "result: ChatFullInfo lacks required field 'accent_color_id'",
        "result: ChatFullInfo lacks required field 'max_reaction_count'",
        "result: ChatFullInfo lacks required field 'accepted_gift_types'",
    ]
    bot_user = {"id": 42, "is_bot": True, "first_name": "Бот"}
    pressed = {"update_id": 1, "callback_query": {"id": "7", "from": bot_user, "chat_instance": "c", "data": "d",
                                                  "message": {"chat": chat, "message_id": 3, "date": 0}}}
    assert check_object("Update", pressed) == []  # an InaccessibleMessage is a MaybeInaccessibleMessage
    member = {"update_id": 2, "my_chat_member": {
        "chat": chat, "from": bot_user, "date": 1,
        "old_chat_member": {"status": "member", "user": bot_user},
        "new_chat_member": {"status": "kicked", "user": bot_user}}}
    assert check_object("Update", member) == [
        "Update.my_chat_member.new_chat_member: ChatMemberBanned lacks required field 'until_date'"]
    forwarded = {"update_id": 3, "message": {**message, "forward_origin": {"type": "hidden", "date": 1}}}
    assert check_object("Update", forwarded) == [
        "Update.message.forward_origin: type='hidden' is none of ['channel', 'chat', 'hidden_user', 'user']"]


# ─── every method the emulator implements ──────────────────────────────────


class RawBot:
    """Form-encoded calls, as aiogram makes them, returning the raw `result`."""

    def __init__(self, session: aiohttp.ClientSession, base_url: str) -> None:
        self.session = session
        self.base = f"{base_url}/bot{TOKEN}/"
        self.called: list[str] = []
        self.results: dict[str, list] = {}

    async def __call__(self, method: str, files: dict[str, tuple[str, bytes]] | None = None, **params):
        form = aiohttp.FormData(quote_fields=False)
        for key, value in params.items():
            form.add_field(key, value if isinstance(value, str) else json.dumps(value))
        for key, (name, content) in (files or {}).items():
            form.add_field(key, content, filename=name)
        async with self.session.post(self.base + method, data=form) as response:
            body = await response.json()
        assert body["ok"], (method, body)
        self.called.append(method.lower())
        self.results.setdefault(method, []).append(body["result"])
        assert check_result(method, body["result"]) == [], method
        return body["result"]


async def test_every_method_answers_as_the_spec_describes(emulator, sandbox, user):
    async with aiohttp.ClientSession() as session:
        call = RawBot(session, emulator.base_url)
        await call("getMe")
        await user.send("/start привет")
        await sandbox.post(f"/sandbox/api/users/{user.id}/messages", json={
            "text": "переслано", "forward_from": {"id": 7, "is_bot": False, "first_name": "Коллега"}})
        await user.send_document(b"%PDF-1.4", "Протокол.pdf", "application/pdf", caption="протокол")
        await user.forward_document(b"%PDF-1.4 x", "Чужой.pdf")
        await user.send_photo(b"\xff\xd8\xff", caption="фото")
        await user.send_album([(b"1", "a.jpg", "image/jpeg"), (b"2", "b.jpg", "image/jpeg")])
        text = await call("sendMessage", chat_id=str(user.id), text="<b>выберите</b> <a href=\"https://x.ru\">тут</a>",
                          parse_mode="HTML", reply_markup={"inline_keyboard": [[
                              {"text": "да", "callback_data": "yes"}, {"text": "сайт", "url": "https://x.ru"}]]})
        await call("editMessageText", chat_id=str(user.id), message_id=str(text["message_id"]), text="<i>иначе</i>",
                   parse_mode="HTML", reply_markup={"inline_keyboard": [[{"text": "да", "callback_data": "yes"}]]})
        await call("editMessageReplyMarkup", chat_id=str(user.id), message_id=str(text["message_id"]),
                   reply_markup={"inline_keyboard": [[{"text": "нет", "callback_data": "no"}]]})
        message = (await user.bot_messages())[-1]
        callback = await user.press(message, text="нет")
        await call("answerCallbackQuery", callback_query_id=callback, text="Готово", show_alert="true")
        await user.block()
        await user.unblock()
        updates = await call("getUpdates", timeout="0", allowed_updates=["message", "callback_query", "my_chat_member"])
        kinds = {key for update in updates for key in update if key != "update_id"}
        assert kinds == {"message", "callback_query", "my_chat_member"}
        assert any("forward_origin" in u.get("message", {}) for u in updates)
        sent = await call("sendDocument", {"document": ("отчёт.txt", b"report")}, chat_id=str(user.id),
                          caption="<b>отчёт</b>", parse_mode="HTML", document="attach://document",
                          reply_markup={"inline_keyboard": [[{"text": "ok", "callback_data": "ok"}]]})
        await call("editMessageCaption", chat_id=str(user.id), message_id=str(sent["message_id"]), caption="новый")
        await call("sendPhoto", {"p": ("a.jpg", b"\xff\xd8\xff")}, chat_id=str(user.id), photo="attach://p")
        await call("sendMediaGroup", {"a": ("a.pdf", b"a"), "b": ("b.pdf", b"b")}, chat_id=str(user.id),
                   media=[{"type": "document", "media": "attach://a", "caption": "<b>два</b>", "parse_mode": "HTML"},
                          {"type": "document", "media": "attach://b"}])
        await call("getFile", file_id=sent["document"]["file_id"])
        await call("deleteMessage", chat_id=str(user.id), message_id=str(sent["message_id"]))
        await call("sendChatAction", chat_id=str(user.id), action="typing")
        await call("getChat", chat_id=str(user.id))
        await call("setMyCommands", commands=[{"command": "start", "description": "Начать"}])
        assert await call("getMyCommands") == [{"command": "start", "description": "Начать"}]
        await call("deleteMyCommands")
        await call("setChatMenuButton", menu_button={"type": "commands"})
        await call("getChatMenuButton")
        await call("setWebhook", url="http://127.0.0.1:9/hook", secret_token="s3cret", drop_pending_updates="true")
        await call("getWebhookInfo")
        await call("deleteWebhook", drop_pending_updates="true")
        await call("logOut")
        await call("close")
    assert set(call.called) == set(_METHODS), set(_METHODS) - set(call.called)
    assert emulator.spec_violations == []
