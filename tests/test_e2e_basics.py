"""The bot through the emulator: greeting, menu, files, 429 and 403."""

from __future__ import annotations

import asyncio

from bot.storage import Database
from bot.storage.people import PeopleRepository


async def test_start_gets_a_russian_greeting_and_the_menu_is_set(e2e, sandbox):
    anna = await sandbox.create_user("Анна", username="anna")
    await anna.send("/start")
    greeting = await anna.next_message()
    assert greeting.text.startswith("Здравствуйте, Анна!")
    commands = {c["command"]: c["description"] for c in (await sandbox.bot_info())["commands"]}
    assert commands["tasks"] == "Мои мероприятия" and "cancel" in commands


async def test_a_document_from_someone_of_no_program_is_not_kept(e2e, sandbox, bot_settings):
    # Issue 11: strangers' files are refused before anything is written; a member's file is
    # kept intact under a generated name (tests/test_file_gate.py).
    anna = await sandbox.create_user("Анна")
    content = "Протокол заседания №1\n".encode() * 1000
    await anna.send_document(content, "протокол.txt", "text/plain")
    reply = await anna.next_message()
    assert "только от участников программы" in reply.text
    assert not [p for p in (bot_settings["data_dir"] / "evidence").rglob("*") if p.is_file()]


async def test_a_429_is_waited_out_and_the_message_arrives_once(e2e, sandbox, emulator):
    anna = await sandbox.create_user("Анна")
    await sandbox.control(force_429={"count": 1, "retry_after": 1})
    await anna.send("/help")
    reply = await anna.next_message(timeout=6)
    assert "Что я умею" in reply.text
    await asyncio.sleep(0.3)
    assert [m.text for m in await anna.bot_messages()].count(reply.text) == 1


async def test_a_blocked_user_is_recorded_and_others_are_still_served(e2e, sandbox, bot_settings):
    anna = await sandbox.create_user("Анна")
    boris = await sandbox.create_user("Борис")
    await sandbox.control(deliver_updates=False)
    await anna.send("/start")
    await anna.block()
    await sandbox.control(deliver_updates=True)
    await boris.send("/start")
    assert (await boris.next_message()).text.startswith("Здравствуйте, Борис")
    db = await Database.open(bot_settings["database_path"])
    try:
        for _ in range(50):
            person = await PeopleRepository(db).by_telegram(anna.id)
            if person is not None and not person.reachable:
                break
            await asyncio.sleep(0.05)
        assert person is not None and not person.reachable
    finally:
        await db.close()
    assert e2e.alive()
    await anna.unblock()
    await anna.send("/start")
    assert (await anna.next_message()).text.startswith("Здравствуйте, Анна")
