"""`make run` without BOT_TOKEN: the emulator, the real bot and the chat page, offline."""

from __future__ import annotations

import asyncio
import socket

import aiohttp

from bot.config import Settings
from bot.sandbox.client import SandboxClient, SandboxUser
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
    finally:
        stop.set()
        await asyncio.wait_for(running, 10)
