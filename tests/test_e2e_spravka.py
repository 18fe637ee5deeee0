"""Issue 13 through the emulator: /summary → «📄 Справка (.docx)» → «Текущий квартал» → a .docx;
«📊 График» → the per-school picture; the Monday summary carries the picture too."""

from __future__ import annotations

import asyncio
import struct
from datetime import UTC, datetime
from io import BytesIO

import pytest
from docx import Document

from e2e_setup import store_programs
from story_program import story_program

COORDINATOR_ID = 7001


@pytest.fixture
def bot_settings(bot_settings):
    bot_settings["coordinator_ids"] = [COORDINATOR_ID]
    return bot_settings


@pytest.fixture
async def program(bot_settings, clock):
    await store_programs(bot_settings, clock.now(), story_program(), slugs=["zeya"])


@pytest.fixture
async def coordinator(sandbox):
    return await sandbox.create_user("Ольга", last_name="Координатор", id=COORDINATOR_ID)


def png_width(content: bytes) -> int:
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", content[16:20])[0]


async def test_the_coordinator_gets_the_spravka_for_this_quarter_and_the_chart(program, e2e, coordinator):
    await coordinator.send("/summary")
    summary = await coordinator.next_message_containing("Сводка:", timeout=10)
    assert "📄 Справка (.docx)" in summary.button_texts and "📊 График" in summary.button_texts
    await coordinator.next_message_containing("Отчёт по программе", timeout=10)

    await coordinator.press(summary, text="Справка (.docx)")
    question = await coordinator.next_message_containing("за какой период")
    assert question.button_texts == ["Текущий квартал", "Прошлый квартал", "Полугодие", "Год", "Вся программа"]
    await coordinator.press(question, text="Текущий квартал")
    answer = await coordinator.next_message_containing("Справка о ходе реализации", timeout=30)
    assert answer.document is not None and answer.document["file_name"] == "справка Зея 2023-09-20.docx"
    assert "за III квартал 2023 года" in answer.body and "по состоянию на 20 сентября 2023" in answer.body
    document = Document(BytesIO(await coordinator.download(answer)))
    paragraphs = [p.text for p in document.paragraphs]
    assert "СПРАВКА" in paragraphs and "за III квартал 2023 года" in paragraphs
    assert "«Программа поддержки ШНОР на 2023–2024 учебный год»" in paragraphs
    numbers = [row.cells[0].text for table in document.tables for row in table.rows[1:]]
    assert numbers == ["1.1", "2.1", "2.2"]  # due in July–September, and the continuous one
    assert len(document.inline_shapes) == 2

    await coordinator.press(summary, text="График")
    chart = await coordinator.next_message_containing("Выполнение по образовательным организациям", timeout=30)
    assert chart.photo is not None
    assert png_width(await coordinator.download(chart)) >= 1080


async def test_the_monday_summary_carries_the_chart(program, e2e, coordinator, clock):
    await coordinator.send("/start")
    await coordinator.next_message(timeout=10)
    clock.set(datetime(2023, 9, 25, 0, 30, tzinfo=UTC))  # Monday 25 September, 09:30 in Yakutsk
    summary = await coordinator.next_message_containing("Сводка:", timeout=15)
    chart = await coordinator.next_message_containing("Выполнение по образовательным организациям", timeout=15)
    report = await coordinator.next_message_containing("Отчёт по программе", timeout=15)
    assert summary.message_id < chart.message_id < report.message_id
    assert chart.photo is not None and png_width(await coordinator.download(chart)) >= 1080
    await asyncio.sleep(0.5)
    photos = [m for m in await coordinator.bot_messages() if m.photo is not None]
    assert len(photos) == 1  # one per program
