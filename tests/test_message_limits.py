"""The one sending path keeps Telegram's limits whatever a handler builds (issue 11):
through a real aiogram Bot with the bot's session middlewares, against the emulator."""

from __future__ import annotations

import pytest
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup

from bot.app import create_bot
from bot.config import Settings

TOKEN = "42:limits-test"


@pytest.fixture
async def bot(emulator, tmp_path):
    bot = create_bot(Settings(_env_file=None, bot_token=TOKEN, telegram_api_url=emulator.base_url,
                              database_path=tmp_path / "db.sqlite3", data_dir=tmp_path))
    yield bot
    await bot.session.close()


@pytest.fixture
async def user(sandbox):
    return await sandbox.create_user("Анна")


async def test_a_long_text_goes_as_several_messages_with_the_keyboard_on_the_last(bot, user):
    text = "\n".join(f"<b>{n}.</b> строка списка школ &amp; мероприятий, довольно длинная" for n in range(400))
    keyboard = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Дальше", callback_data="x")]])
    await bot.send_message(user.id, text, reply_markup=keyboard)
    messages = await user.bot_messages()
    assert len(messages) >= 3 and all(len(m.text) <= 4096 for m in messages)
    assert "0." in messages[0].text and "399." in messages[-1].text
    assert [bool(m.buttons) for m in messages] == [False] * (len(messages) - 1) + [True]


async def test_a_long_edit_is_cut_and_a_long_caption_goes_first_as_text(bot, user):
    sent = await bot.send_message(user.id, "коротко")
    await bot.edit_message_text("слово " * 1500, chat_id=user.id, message_id=sent.message_id)
    edited = await user.message(sent.message_id)
    assert len(edited.text) <= 4096 and edited.text.endswith("…")
    await bot.send_document(user.id, BufferedInputFile(b"%PDF-1.4", "протокол.pdf"), caption="подпись " * 300)
    *_, caption_text, document = await user.bot_messages()
    assert caption_text.text.startswith("подпись") and document.document["file_name"] == "протокол.pdf"


async def test_a_long_callback_answer_is_cut_to_200(bot, user, sandbox):
    sent = await bot.send_message(user.id, "выбор", reply_markup=InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Да", callback_data="yes")]]))
    message = await user.message(sent.message_id)
    pressed = await user.press(message, text="Да")
    await bot.answer_callback_query(pressed, text="Назначено: " + "очень длинное название " * 20)
    answer = await user.callback_answer(pressed)
    assert answer["answered"] and len(answer["text"]) <= 200 and answer["text"].endswith("…")


async def test_a_callback_answer_shows_an_ampersand_not_its_html_escape(bot, user):
    from bot.i18n import texts

    sent = await bot.send_message(user.id, "выбор", reply_markup=InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Да", callback_data="yes")]]))
    pressed = await user.press(await user.message(sent.message_id), text="Да")
    await bot.answer_callback_query(pressed, text=texts()("roadmap-warning", text="ВПР & ОГЭ <9 кл.>"))
    assert (await user.callback_answer(pressed))["text"] == "• ВПР & ОГЭ <9 кл.>"


def test_a_text_inside_a_text_is_escaped_once():
    from bot.i18n import texts

    t = texts()
    assert t("roadmap-warning", text=t("roadmap-warning", text="A & <B>")) == "• • A &amp; &lt;B&gt;"
