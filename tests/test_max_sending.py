"""The one sending path to MAX (bot/max/sending.py) against the MAX emulator: long texts split at
3999 (maxapi refuses 4000) with the keyboard on the last part, rows cut to 7 buttons, button texts
to 128, a press answered once (notification, or the edit itself), every request within the
OpenAPI description."""

from __future__ import annotations

import pytest

from bot.conversations.replies import Button, DropKeyboard, Edit, Notice, Send
from bot.max import sending
from bot.max.run import create_max_bot
from bot.config import Settings
from channel_users import MAX_TOKEN, max_emulator, max_users  # noqa: F401  (fixtures)


@pytest.fixture
async def bot(max_emulator):
    settings = Settings(_env_file=None, max_bot_token=MAX_TOKEN, max_api_url=max_emulator.base_url)
    client = create_max_bot(settings)
    yield client
    await client.close_session()
    assert max_emulator.spec_violations == []


async def test_long_text_is_split_with_the_keyboard_last(bot, max_users):
    user = await max_users.create_user("Анна")
    text = "\n".join(f"<b>{i}</b> строка &lt;текста&gt; " + "я" * 80 for i in range(120))  # ≈ 11 000 characters
    row = tuple(Button(f"{i} " + "ж" * 200, f"tc:{i + 1}") for i in range(10))
    await sending.carry_out(bot, user.chat_id, [Send(text, (row,))])
    messages = await user.bot_messages()
    assert len(messages) >= 3 and all(len(m.body) <= 3999 for m in messages)
    assert [m.buttons for m in messages[:-1]] == [[]] * (len(messages) - 1)
    assert [len(r) for r in messages[-1].buttons] == [7, 3]
    assert all(len(t) <= 128 for t in messages[-1].button_texts)
    assert "<текста>" in messages[0].body and "<b>" not in messages[0].body  # HTML rendered, entities undone


async def test_a_press_is_answered_once_and_edits_in_place(bot, max_users):
    user = await max_users.create_user("Борис")
    await sending.carry_out(bot, user.chat_id, [Send("Карточка", ((Button("Готово", "ta:1:done"),),))])
    card = await user.next_message()
    callback_id = await user.press(card, text="Готово")
    press = sending.Press(callback_id, card.mid)
    await sending.carry_out(bot, user.chat_id, [Notice("Отмечено &amp; готово"), Edit("я" * 5000, None)], press)
    answer = await user.callback_answer(callback_id)
    assert answer["notification"] == "Отмечено & готово"  # plain text, not our escaping
    edited = await user.wait_edit(card)
    assert len(edited.body) <= 3999 and edited.body.endswith("…") and edited.buttons == []

    await sending.carry_out(bot, user.chat_id, [Send("Вопрос", ((Button("Да", "ta:1:reop"),),))])
    question = await user.next_message()
    callback_id = await user.press(question, text="Да")
    await sending.carry_out(bot, user.chat_id, [Edit("Ответ", None), DropKeyboard()],
                            sending.Press(callback_id, question.mid))
    assert (await user.callback_answer(callback_id))["edited_message"] is True
    assert (await user.message(question.mid)).text == "Ответ"


async def test_429_is_retried(bot, max_users, monkeypatch):
    monkeypatch.setattr(sending, "RETRY_DELAYS", (0.01, 0.01, 0.01))
    user = await max_users.create_user("Вера")
    await max_users.control(force_429={"count": 2})
    await sending.carry_out(bot, user.chat_id, [Send("после двух отказов")])
    assert (await user.next_message()).text == "после двух отказов"
