"""Issue 11: hourly limits per person on incoming evidence — a count of files and a byte
total over a sliding hour, counted from the database (so a restart hands out no fresh
allowance), checked before the download, refused with a Russian message that says when
to send again; nothing of a refused file is stored."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.evidence_quota import QuotaKind, QuotaLimits, Received, quota_refusal, size_text
from bot.domain.evidence_rules import MAX_EVIDENCE_BYTES
from test_e2e_conversations import COORDINATOR_ID, invite
from test_file_gate import coordinator, evidence_rows, program, stored_files  # noqa: F401  (fixtures)

LIMIT = 3

# ─── the rule ───────────────────────────────────────────────────────────────

NOW = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
LIMITS = QuotaLimits(files_per_hour=LIMIT, bytes_per_hour=1000)


def sent(*minutes_ago_and_sizes: tuple[int, int]) -> list[Received]:
    return [Received(at=NOW - timedelta(minutes=m), size=s) for m, s in minutes_ago_and_sizes]


def test_the_n_plus_first_file_within_an_hour_is_refused_until_the_oldest_leaves_the_window():
    assert quota_refusal(sent((50, 10), (20, 10)), 10, LIMITS, NOW) is None
    over = quota_refusal(sent((50, 10), (20, 10), (5, 10)), 10, LIMITS, NOW)
    assert over is not None and over.kind is QuotaKind.FILES and over.limit == LIMIT
    assert over.retry_at == NOW + timedelta(minutes=10) and over.minutes_left(NOW) == 10
    assert quota_refusal(sent((61, 10), (20, 10), (5, 10)), 10, LIMITS, NOW) is None  # older than an hour


def test_the_byte_total_counts_the_incoming_size_and_says_when_it_fits():
    assert quota_refusal(sent((30, 600)), 400, LIMITS, NOW) is None
    over = quota_refusal(sent((40, 300), (30, 600)), 200, LIMITS, NOW)
    assert over is not None and over.kind is QuotaKind.BYTES and over.retry_at == NOW + timedelta(minutes=20)
    over = quota_refusal(sent((40, 300), (30, 600)), 500, LIMITS, NOW)  # both must leave first
    assert over is not None and over.retry_at == NOW + timedelta(minutes=30)
    assert quota_refusal([], 1001, LIMITS, NOW).kind is QuotaKind.SINGLE
    assert quota_refusal(sent((30, 900)), None, LIMITS, NOW) is None  # size unknown: checked after download


def test_sizes_read_in_russian_and_defaults_are_sane():
    from bot.config import Settings

    assert size_text(200 * 1024 * 1024) == "200 МБ" and size_text(1536 * 1024) == "1,5 МБ"
    assert size_text(1000) == "1000 байт"
    settings = Settings(_env_file=None)
    assert settings.evidence_files_per_hour == 60
    assert settings.evidence_bytes_per_hour == 200 * 1024 * 1024 > MAX_EVIDENCE_BYTES
    assert settings.sweep_interval_seconds == 3600


# ─── through the emulator ───────────────────────────────────────────────────


@pytest.fixture
def bot_settings(bot_settings):
    bot_settings["coordinator_ids"] = [COORDINATOR_ID]
    bot_settings["evidence_files_per_hour"] = LIMIT
    bot_settings["evidence_bytes_per_hour"] = 10_000
    return bot_settings


@pytest.fixture
def downloads(emulator, monkeypatch):
    """Every file the bot downloads from the emulator, by its path."""
    seen: list[str] = []
    original = emulator.files.by_path

    def counting(path):
        seen.append(path)
        return original(path)

    monkeypatch.setattr(emulator.files, "by_path", counting)
    return seen


async def send_ok(teacher, number: int) -> None:
    await teacher.send_document(f"%PDF-1.4 отчёт {number}".encode(), f"Отчёт {number}.pdf", "application/pdf")
    assert "Получено: 1 файл" in (await teacher.next_message()).text


async def test_the_file_over_the_hourly_count_is_refused_before_download_and_not_stored(
        program, e2e, sandbox, coordinator, bot_settings, clock, downloads):
    teacher = await sandbox.create_user("Алла")
    await invite(coordinator, teacher, "Якшина А.И.")
    for number in range(1, LIMIT + 1):
        await send_ok(teacher, number)
    assert len(downloads) == LIMIT and len(stored_files(bot_settings)) == LIMIT
    rows_before = await evidence_rows(bot_settings)

    clock.advance(timedelta(minutes=15))
    await teacher.send_document(b"%PDF-1.4 one too many", "Лишний.pdf", "application/pdf")
    refusal = await teacher.next_message()
    assert "Вы прислали уже 3 файла за час — подождите немного" in refusal.text, refusal.text
    assert "примерно через 45 мин" in refusal.text and "«Лишний.pdf» я не сохранил" in refusal.text
    assert len(downloads) == LIMIT  # refused before the download
    assert len(stored_files(bot_settings)) == LIMIT
    assert await evidence_rows(bot_settings) == rows_before

    await e2e.restart()  # counted from the database: a restart gives no fresh allowance
    await teacher.send_photo(b"\xff\xd8 photo", "photo.jpg")
    assert "Вы прислали уже 3 файла за час" in (await teacher.next_message()).text
    assert len(downloads) == LIMIT and await evidence_rows(bot_settings) == rows_before

    clock.advance(timedelta(minutes=46))  # the first files have left the window
    await send_ok(teacher, LIMIT + 1)
    assert len(stored_files(bot_settings)) == LIMIT + 1


async def test_the_hourly_byte_total_is_checked_before_download(program, e2e, sandbox, coordinator, bot_settings,
                                                                 downloads):
    teacher = await sandbox.create_user("Алла")
    await invite(coordinator, teacher, "Якшина А.И.")
    await teacher.send_document(b"%PDF" + b"x" * 7996, "Большой.pdf", "application/pdf")  # 8000 of 10 000
    assert "Получено: 1 файл" in (await teacher.next_message()).text
    await teacher.send_document(b"%PDF" + b"y" * 2996, "Ещё.pdf", "application/pdf")  # 3000: over
    refusal = await teacher.next_message()
    assert "не больше чем на 9,8 КБ" in refusal.text and "подождите немного" in refusal.text, refusal.text
    assert "«Ещё.pdf»" in refusal.text and "примерно через 60 мин" in refusal.text
    assert len(downloads) == 1 and len(stored_files(bot_settings)) == 1
    await teacher.send_document(b"%PDF small", "Маленький.pdf", "application/pdf")  # still fits
    assert "Получено: 1 файл" in (await teacher.next_message()).text
    assert len(downloads) == 2 and len(stored_files(bot_settings)) == 2


async def test_an_album_over_the_limit_gets_one_refusal(program, e2e, sandbox, coordinator, bot_settings,
                                                         downloads):
    teacher = await sandbox.create_user("Алла")
    await invite(coordinator, teacher, "Якшина А.И.")
    await teacher.send_album([(bytes([i + 1]) * 100, f"фото{i}.jpg", "image/jpeg") for i in range(5)])
    await teacher.next_message()
    await asyncio.sleep(0.5)
    texts = [m.body for m in await teacher.bot_messages()]
    assert len([t for t in texts if "Вы прислали уже 3 файла за час" in t]) == 1, texts
    assert any("Получено: 3 файла" in t for t in texts), texts
    assert len(downloads) == LIMIT and len(stored_files(bot_settings)) == LIMIT
