"""The sandbox chat page in headless Chromium: type /start, see the bot's reply rendered; and the
whole page at a phone's width and on a desktop: add a Telegram user and a MAX user, use the command
menu (Telegram's; MAX has none), press inline buttons, follow invite deep links by clicking them
(t.me → a Telegram user, max.ru → a MAX user), send an album and a photo from MAX, invite a MAX
coordinator, nothing wider than the viewport.

Screenshots go to the test's tmp dir and are copied to test-artifacts/ (kept as CI artifacts)."""

from __future__ import annotations

import asyncio
import shutil
import socket
import struct
import zlib
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.config import Settings
from bot.sandbox.run import run_sandbox

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these, Chromium tries to reach Google's services, which this network refuses.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
PROGRAM = ROOT / "programs" / "zeya-shnor-2023-2024.yaml"  # a real program with parties to invite

pytestmark = pytest.mark.skipif(shutil.which("chromium") is None,
                                reason="Debian's chromium is not installed (make test installs it)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A plain-colour PNG, so the album test needs no image library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@asynccontextmanager
async def sandbox_page(tmp_path: Path, programs_dir: Path, width: int = 1280, height: int = 720):
    """The sandbox (emulator + the real bot) and a Chromium page on its chat page."""
    from playwright.async_api import async_playwright

    port = free_port()
    settings = Settings(_env_file=None, database_path=tmp_path / "bot.sqlite3", data_dir=tmp_path / "data")
    stop = asyncio.Event()
    running = asyncio.create_task(run_sandbox(settings, port=port, stop=stop, programs_dir=programs_dir))
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = await browser.new_page(viewport={"width": width, "height": height})
            for _ in range(100):
                try:
                    await page.goto(f"http://127.0.0.1:{port}/")
                    break
                except Exception:
                    await asyncio.sleep(0.05)
            try:
                yield page
            except BaseException:
                # What the page showed when the test failed, kept with the other artifacts.
                await save_screenshot(page, tmp_path / f"failure-{page.viewport_size['width']}px.png")
                print("The chat when the test failed:\n" + await page.inner_text("#chat"))
                raise
            finally:
                await browser.close()
    finally:
        stop.set()
        await asyncio.wait_for(running, 10)


async def test_start_through_the_page_shows_the_reply(tmp_path):
    async with sandbox_page(tmp_path, tmp_path) as page:
        await page.wait_for_selector("button.user")  # the sandbox's coordinator
        await page.fill("#text", "/start")
        await page.click("#sendbtn")
        reply = page.locator(".msg:not(.me)", has_text="Здравствуйте")
        await reply.wait_for(timeout=10_000)
        assert "Здравствуйте, Координатор!" in await reply.inner_text()


async def assert_fits(page, where: str) -> None:
    sizes = await page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert sizes[0] <= sizes[1], f"{where}: the page is {sizes[0]} px wide in a {sizes[1]} px viewport"


async def switch_to(page, name: str, narrow: bool) -> None:
    if narrow:
        await page.select_option("#userselect", label=await page.locator(
            "#userselect option", has_text=name).first.inner_text())
    else:
        await page.locator("#users button.user", has_text=name).first.click()


@pytest.mark.parametrize("width,height", [(390, 844), (1280, 800)], ids=["phone", "desktop"])
async def test_the_page_at_a_phone_width_and_on_a_desktop(tmp_path, width, height):
    narrow = width < 700
    programs = tmp_path / "programs"
    programs.mkdir()
    shutil.copy(PROGRAM, programs)  # the sandbox's first user coordinates it: /invite gives links
    async with sandbox_page(tmp_path, programs, width, height) as page:
        async def shot(name: str) -> None:
            await save_screenshot(page, tmp_path / f"sandbox-{width}px-{name}.png")

        # The right user switcher for the width.
        switcher = page.locator("#userselect" if narrow else "#users")
        hidden = page.locator("#users" if narrow else "#userselect")
        await switcher.wait_for()
        await page.locator("#userselect option", has_text="Координатор").wait_for(state="attached")
        assert not await hidden.is_visible()
        await assert_fits(page, "empty page")

        # A user is added; the name field is cleared for the next one.
        await page.fill("#newname", "Анна")
        await page.click("#adduser")
        await page.locator("#userselect option", has_text="Анна").wait_for(state="attached")
        assert await page.input_value("#newname") == ""
        if narrow:
            assert "Анна" in await page.locator("#userselect option:checked").inner_text()
        else:
            await page.locator("#users button.user.active", has_text="Анна").wait_for()

        # The command menu from setMyCommands: «Меню» lists the commands, a click sends one.
        await page.locator("#menubtn").wait_for(timeout=10_000)
        await page.click("#menubtn")
        assert await page.locator("#menu button.command").count() >= 3
        await save_screenshot(page, tmp_path / f"sandbox-{width}px-menu.png")
        await page.locator("#menu button.command", has_text="/start").click()
        await page.locator(".msg:not(.me)", has_text="Здравствуйте, Анна!").wait_for(timeout=10_000)
        assert not await page.locator("#menu").is_visible()

        await a_max_user_asks_for_help(page, narrow, shot)

        # The coordinator (on Telegram) asks for invites: each link names both messengers.
        await switch_to(page, "Координатор", narrow)
        await page.fill("#text", "/invite")
        await page.click("#sendbtn")
        menu = page.locator(".msg:not(.me)", has_text="Приглашения")
        await menu.wait_for(timeout=10_000)
        await menu.locator(".kb button", has_text="Дорошенко").click()
        max_link = page.locator(".msg:not(.me) a[href^='https://max.ru/'][href*='?start=']").last
        await max_link.wait_for(timeout=10_000)
        max_token = (await max_link.get_attribute("href")).split("?start=", 1)[1]

        await a_max_teacher_follows_the_max_link(page, max_link, shot)

        # The Telegram link of another party: clicking it asks whose Telegram account follows it.
        await switch_to(page, "Координатор", narrow)
        await page.locator(".msg:not(.me)", has_text="Приглашения").locator(".kb button", has_text="Зотова").click()
        link = page.locator(".msg:not(.me) a[href^='https://t.me/'][href*='?start=']").last
        await page.locator(".msg:not(.me)", has_text="Ссылка для «Зотова").wait_for(timeout=10_000)
        href = await link.get_attribute("href")
        token = href.split("?start=", 1)[1]
        assert token != max_token
        await assert_fits(page, "the invite link")

        await link.click()
        await page.locator("#deeplink").wait_for()
        assert token in await page.locator("#dl-command").inner_text()
        assert await page.locator("#dl-users .dl-user").count() == 2  # the coordinator and Анна
        await page.fill("#dl-name", "Борис")
        await save_screenshot(page, tmp_path / f"sandbox-{width}px-deep-link.png")
        await page.click("#dl-new")
        await page.locator(".msg.me", has_text=f"/start {token}").wait_for(timeout=10_000)
        await page.locator(".msg:not(.me)", has_text="Готово: вы подключены").wait_for(timeout=10_000)
        assert not await page.locator("#deeplink").is_visible()
        await page.locator("#userselect option", has_text="Борис").wait_for(state="attached")
        assert "Борис" in await page.locator("#userselect option:checked").inner_text()

        # An album of two photos is one bubble.
        await page.set_input_files("#photo", [
            {"name": "красный.png", "mimeType": "image/png", "buffer": png(160, 120, (220, 60, 60))},
            {"name": "синий.png", "mimeType": "image/png", "buffer": png(160, 120, (60, 90, 220))},
        ])
        assert "красный.png, синий.png" in await page.inner_text("#filenames")
        await page.fill("#text", "Фото с урока 🙂")
        await page.click("#sendbtn")
        album = page.locator(".msg.me.album")
        await album.wait_for(timeout=10_000)
        await page.wait_for_function(
            "[...document.querySelectorAll('.msg.album img')].every(i => i.complete && i.naturalWidth > 0)")
        assert await album.count() == 1
        assert await album.locator("img").count() == 2
        assert "Фото с урока" in await album.inner_text()
        assert await page.locator(".msg img").count() == 2  # no other bubble shows these photos
        assert await page.inner_text("#filenames") == "Файл не выбран"
        await assert_fits(page, "the album")

        await a_max_coordinator_from_the_page(page, shot)
        await switch_to(page, "Борис", narrow)
        await page.locator(".msg.me.album").wait_for(timeout=10_000)

        # Screenshots: the invited user's chat, then the coordinator's with the invite link.
        for who in ("Борис", "Координатор"):
            if who != "Борис":
                await switch_to(page, who, narrow)
                await page.locator(".msg:not(.me) a[href*='?start=']").last.wait_for()
            await page.wait_for_timeout(300)
            await assert_fits(page, f"{who}'s chat")
            await save_screenshot(page, tmp_path / f"sandbox-{width}px-{'invited' if who == 'Борис' else 'coordinator'}.png")
        max_bot = await page.evaluate("fetch('/sandbox/max/api/bot').then(r => r.json())")
        assert max_bot["spec_violations"] == [], "the bot or the MAX emulator broke the MAX OpenAPI description"
        if narrow:  # the narrowest phones too
            await page.set_viewport_size({"width": 360, "height": 740})
            await page.wait_for_timeout(100)
            await assert_fits(page, "360 px")


async def a_max_user_asks_for_help(page, narrow: bool, shot) -> None:
    """A MAX user from the same «+»: a MAX badge, no command menu (MAX has none), «Начать» opens the bot."""
    await page.select_option("#newch", "max")
    await page.fill("#newname", "Вера")
    await page.click("#adduser")
    await page.locator("#userselect option", has_text="Вера").wait_for(state="attached")
    assert "MAX" in await page.locator("#userselect option:checked").inner_text()
    if not narrow:
        assert await page.locator("#users button.user.active .ch.max").count() == 1
    await page.locator("#startbtn").click()
    await page.locator(".msg:not(.me)", has_text="Здравствуйте, Вера!").wait_for(timeout=10_000)
    await page.fill("#text", "/help")
    await page.click("#sendbtn")
    await page.locator(".msg.me", has_text="/help").wait_for(timeout=10_000)
    await page.locator(".msg:not(.me)", has_text="Что я умею").wait_for(timeout=10_000)
    assert not await page.locator("#menubtn").is_visible()
    await assert_fits(page, "a MAX user's chat")
    await shot("max-help")


async def a_max_teacher_follows_the_max_link(page, max_link, shot) -> None:
    """The MAX link opens a MAX user's chat with the payload (bot_started): a MAX teacher «Мария»
    lists her tasks, presses buttons, sends a photo."""
    max_token = (await max_link.get_attribute("href")).split("?start=", 1)[1]
    await max_link.click()
    await page.locator("#deeplink").wait_for()
    assert max_token in await page.locator("#dl-command").inner_text()
    assert await page.locator("#dl-chname .ch.max").count() == 1
    assert await page.locator("#dl-users .dl-user").count() == 1  # Вера, the only MAX user
    await page.fill("#dl-name", "Мария")
    await page.click("#dl-new")
    await page.locator(".msg:not(.me)", has_text="Готово: вы подключены").wait_for(timeout=10_000)
    assert "Мария" in await page.locator("#userselect option:checked").inner_text()
    await page.fill("#text", "/tasks")
    await page.click("#sendbtn")
    # The answer to /tasks (the bot may have shown the list after «Готово» too).
    tasks = page.locator(".msg.me:has-text('/tasks') ~ .msg:not(.me)", has_text="Ваши мероприятия").first
    await tasks.wait_for(timeout=10_000)
    await tasks.locator(".kb button").first.click()  # the task's card, in place of the list
    in_progress = page.locator(".msg:not(.me) .kb button", has_text="В работе").first
    await in_progress.wait_for(timeout=10_000)
    await in_progress.click()
    await page.locator("#toast", has_text="В работе").wait_for(timeout=10_000)  # MAX's callback notification
    # A photo from MAX: the bot asks which activity it belongs to.
    await page.set_input_files("#photo", [
        {"name": "зелёный.png", "mimeType": "image/png", "buffer": png(160, 120, (60, 180, 90))}])
    await page.click("#sendbtn")
    await page.locator(".msg.me img").wait_for(timeout=10_000)
    await page.locator(".msg:not(.me)", has_text="К какому мероприятию").wait_for(timeout=10_000)
    await assert_fits(page, "the MAX teacher's chat")
    await shot("max-teacher")


async def a_max_coordinator_from_the_page(page, shot) -> None:
    """«Пригласить координатора»: a program, a messenger (MAX), a new user «Ольга» — a MAX coordinator."""
    await page.click("#invitecoord")
    await page.locator("#deeplink.coordinator #dl-program").wait_for()
    await page.select_option("#dl-ch", "max")
    assert await page.locator("#dl-users .dl-user").count() == 2  # Вера and Мария
    await page.fill("#dl-name", "Ольга")
    await assert_fits(page, "the coordinator invite dialog")
    await shot("invite-coordinator")
    await page.click("#dl-new")
    await page.locator(".msg:not(.me)", has_text="Готово: вы координатор").wait_for(timeout=10_000)
    assert "Ольга" in await page.locator("#userselect option:checked").inner_text()
    assert "MAX" in await page.locator("#userselect option:checked").inner_text()


async def save_screenshot(page, path: Path) -> None:
    """Into the test's tmp dir, and a copy into test-artifacts/ to keep."""
    await page.screenshot(path=str(path))
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(path, ARTIFACTS / path.name)
