"""Careless and hostile input gets an answer, never a crash (issue 11): 4,000-character
command arguments, callback data beyond SQLite's integer range or malformed."""

from __future__ import annotations

import pytest

from test_e2e_conversations import bot_settings, coordinator, program  # noqa: F401  (fixtures)


@pytest.mark.parametrize("command", ["/activity", "/reminders"])
async def test_a_4000_character_argument_is_answered(program, e2e, coordinator, command):
    await coordinator.send(f"{command} " + "1.2<b>&" * 570)
    answer = await coordinator.next_message(timeout=10)
    assert answer.text and len(answer.text) <= 4096


@pytest.mark.parametrize("data", [
    "ta:99999999999999999999:done", "ta:-5:done", "ta:0:done", "tc:abc", "ta:1", "im:9223372036854775808:load",
    "pp:1:" + "x" * 50, "zz:1",
])
async def test_forged_callback_data_is_answered_as_a_stale_button(program, e2e, coordinator, data):
    await coordinator.send("/programs")
    message = await coordinator.next_message()
    pressed = await coordinator.press(message, data=data, forge=True)
    answer = await coordinator.callback_answer(pressed)
    assert answer["answered"] and "устарела" in answer["text"]
