"""Webhook mode (WEBHOOK_URL): both platforms POST updates to one server, each checked by the
secret header its platform defines; a request without it is refused and changes nothing."""

from __future__ import annotations

import asyncio
import socket

import aiohttp
import pytest

from bot.webhooks import MAX_PATH, TELEGRAM_PATH, webhook_secret
from bot.config import Settings
from channel_users import MAX_TOKEN, max_checked, max_emulator, max_handler_errors, max_users  # noqa: F401
from test_e2e_conversations import COORDINATOR_ID, coordinator, program  # noqa: F401  (fixtures)

pytestmark = pytest.mark.filterwarnings("ignore:URL вебхука не использует HTTPS")  # a local http test server


async def webhooks_ready(emulator, max_emulator, port: int) -> None:
    """The bot starts in the background: wait for both registrations and the listener."""
    for _ in range(200):
        if emulator.webhook and max_emulator.subscription:
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.close()
                return
            except OSError:
                pass
        await asyncio.sleep(0.05)
    raise AssertionError("webhook mode did not come up")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def bot_settings(bot_settings, max_emulator, port):
    max_emulator.allow_plain_http_webhooks = True  # a local http server; the real MAX wants https on 443
    bot_settings.update(coordinator_ids=[COORDINATOR_ID], max_bot_token=MAX_TOKEN,
                        max_api_url=max_emulator.base_url, webhook_url=f"http://127.0.0.1:{port}",
                        webhook_listen=f"127.0.0.1:{port}", webhook_secret="roadmap-test-secret")
    return bot_settings


async def test_both_messengers_deliver_by_webhook(program, max_checked, e2e, sandbox, max_users, emulator,
                                                  max_emulator, coordinator, port):
    await webhooks_ready(emulator, max_emulator, port)
    assert emulator.webhook["url"] == f"http://127.0.0.1:{port}{TELEGRAM_PATH}"
    assert emulator.webhook["secret_token"] == "roadmap-test-secret"
    assert max_emulator.subscription["url"] == f"http://127.0.0.1:{port}{MAX_PATH}"
    await coordinator.send("/help")
    assert "/summary" in (await coordinator.next_message_containing("/summary")).text
    teacher = await max_users.create_user("Алла", last_name="Якшина")
    await teacher.send("/help")
    assert (await teacher.next_message()).text
    assert all(d["status"] == 200 for d in max_emulator.webhook_deliveries)


async def test_a_webhook_request_without_the_secret_is_refused(program, max_checked, e2e, emulator, max_emulator,
                                                              port):
    await webhooks_ready(emulator, max_emulator, port)
    update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"},
                                          "from": {"id": 5, "is_bot": False, "first_name": "X"}, "text": "/help"}}
    async with aiohttp.ClientSession() as session:
        for path, header in ((TELEGRAM_PATH, "X-Telegram-Bot-Api-Secret-Token"), (MAX_PATH, "X-Max-Bot-Api-Secret")):
            for headers in ({}, {header: "wrong-secret"}):
                async with session.post(f"http://127.0.0.1:{port}{path}", json=update, headers=headers) as answer:
                    assert answer.status in (401, 403), (path, headers, answer.status)


def test_the_derived_secret_fits_both_platforms_and_hides_the_tokens():
    settings = Settings(bot_token="123:ABC", max_bot_token="max-token-xyz", _env_file=None)
    secret = webhook_secret(settings)
    assert 5 <= len(secret) <= 256 and secret.isalnum() and "ABC" not in secret
    assert secret == webhook_secret(Settings(bot_token="123:ABC", max_bot_token="max-token-xyz", _env_file=None))
