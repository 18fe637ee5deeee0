"""The sandbox chat page in headless Chromium: type /start, see the bot's reply rendered."""

from __future__ import annotations

import asyncio
import shutil
import socket

import pytest

from bot.config import Settings
from bot.sandbox.run import run_sandbox

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these, Chromium tries to reach Google's services, which this network refuses.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(shutil.which("chromium") is None,
                                reason="Debian's chromium is not installed (make test installs it)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_start_through_the_page_shows_the_reply(tmp_path):
    from playwright.async_api import async_playwright

    port = free_port()
    settings = Settings(_env_file=None, database_path=tmp_path / "bot.sqlite3", data_dir=tmp_path / "data")
    stop = asyncio.Event()
    running = asyncio.create_task(run_sandbox(settings, port=port, stop=stop, programs_dir=tmp_path))
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = await browser.new_page()
            for _ in range(100):
                try:
                    await page.goto(f"http://127.0.0.1:{port}/")
                    break
                except Exception:
                    await asyncio.sleep(0.05)
            await page.wait_for_selector("button.user")  # the sandbox's coordinator
            await page.fill("#text", "/start")
            await page.click("#send button")
            reply = page.locator(".msg:not(.me)", has_text="Здравствуйте")
            await reply.wait_for(timeout=10_000)
            assert "Здравствуйте, Координатор!" in await reply.inner_text()
            await browser.close()
    finally:
        stop.set()
        await asyncio.wait_for(running, 10)
