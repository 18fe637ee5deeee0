"""`make run` without BOT_TOKEN: both emulators (Telegram, MAX) on one port, the real bot serving
both channels, and the chat page, offline."""

from __future__ import annotations

import asyncio
import socket

import aiohttp

from bot.config import Settings
from bot.sandbox.client import SandboxClient, SandboxUser
from bot.sandbox.max_client import MaxSandboxClient
from bot.sandbox.run import run_sandbox


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_the_offline_sandbox_serves_the_page_and_the_bot_answers(tmp_path):
    port = free_port()
    settings = Settings(_env_file=None, database_path=tmp_path / "bot.sqlite3", data_dir=tmp_path / "data")
    stop = asyncio.Event()
    running = asyncio.create_task(run_sandbox(settings, port=port, stop=stop))
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as session:
            for _ in range(100):
                try:
                    async with session.get(base + "/") as response:
                        page = await response.text()
                        break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.05)
        assert "Песочница бота" in page
        async with SandboxClient(base) as client:
            user = await client.create_user("Гость")
            await user.send("/start")
            assert (await user.next_message()).text.startswith("Здравствуйте, Гость!")
            coordinator = SandboxUser(client, {"id": 1})  # created by the sandbox, coordinates every program
            await coordinator.send("/programs")
            programs = await coordinator.next_message()
            assert "Ваши программы" in programs.text and "Турочакский" in programs.text
        async with MaxSandboxClient(base) as max_client:  # the MAX emulator on the same port
            max_user = await max_client.create_user("Мария")
            await max_user.send("/start")
            assert (await max_user.next_message()).text.startswith("Здравствуйте, Мария!")
            await max_user.send("/help")
            assert "/help" in (await max_user.next_message()).text
            bot = await max_client.bot_info()
            assert bot["spec_violations"] == []
        async with aiohttp.ClientSession() as session:  # the page's coordinator invite, for either messenger
            async with session.get(base + "/sandbox/page/programs") as response:
                program = (await response.json())[0]
            async with session.post(base + "/sandbox/page/coordinator-invite",
                                    json={"program_id": program["id"]}) as response:
                invite = await response.json()
            async with session.get(base + "/sandbox/static/chat.js") as response:
                assert response.status == 200
            async with session.get(base + "/sandbox/static/..%2Frun.py") as response:
                assert response.status == 404
        assert invite["links"]["max"] == f"https://max.ru/roadmap_sandbox_bot?start={invite['token']}"
        assert invite["links"]["telegram"].startswith("https://t.me/")
        async with MaxSandboxClient(base) as max_client:
            coordinator_on_max = await max_client.create_user("Ольга")
            await coordinator_on_max.start(invite["token"])  # max.ru/<bot>?start=<token>
            assert "вы координатор" in (await coordinator_on_max.next_message()).text
    finally:
        stop.set()
        await asyncio.wait_for(running, 10)
