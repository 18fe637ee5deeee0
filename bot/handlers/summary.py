"""/summary and /export: the coordinator's picture of a program on demand."""

from __future__ import annotations

import tempfile
from pathlib import Path

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, FSInputFile, Message

from bot.domain.clock import Clock
from bot.i18n import Texts, format_date
from bot.reports.evidence_zip import write_evidence_zip
from bot.reports.summary_text import summary_text
from bot.reports.xlsx_report import build_report
from bot.services.bundle import Services
from bot.storage.people import Person
from bot.storage.summary_queries import program_snapshot

router = Router(name="summary")


@router.message(Command("summary"))
async def on_summary(message: Message, services: Services, person: Person, clock: Clock, texts: Texts) -> None:
    programs = await services.access.coordinated_programs(person)
    if not programs:
        await message.answer(texts("not-coordinator"))
        return
    for program_id in programs[:5]:
        snapshot = await program_snapshot(services.db, program_id, now=clock.now())
        await message.answer(summary_text(snapshot, texts))  # one message: summary_text keeps within 4096
        await message.answer_document(
            BufferedInputFile(build_report(snapshot), filename=f"сводка {snapshot.today:%Y-%m-%d}.xlsx"),
            caption=texts("summary-report-caption", program=snapshot.title, today=format_date(snapshot.today)),
        )


@router.message(Command("export"))
async def on_export(message: Message, services: Services, person: Person, clock: Clock, texts: Texts) -> None:
    programs = await services.access.coordinated_programs(person)
    if not programs:
        await message.answer(texts("not-coordinator"))
        return
    for program_id in programs[:5]:
        snapshot = await program_snapshot(services.db, program_id, now=clock.now())
        if not snapshot.evidence:
            await message.answer(texts("export-empty", program=snapshot.title))
            continue
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / f"документы {snapshot.today:%Y-%m-%d}.zip"
            written, missing = write_evidence_zip(snapshot, out)
            await message.answer_document(FSInputFile(out, filename=out.name), caption=texts(
                "export-caption", program=snapshot.title, count=written,
                missing=texts("export-missing", count=missing) if missing else ""))
