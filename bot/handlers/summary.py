"""/summary and /export: the coordinator's picture of a program on demand — the current
program, or «Все программы» in one message and one file (issue 12 «Many programs»)."""

from __future__ import annotations

import asyncio
import re
import tempfile
from datetime import date
from pathlib import Path

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, FSInputFile, InlineKeyboardMarkup, Message

from bot.domain.clock import Clock
from bot.domain.file_names import safe_file_name
from bot.handlers.program_context import context_of, current_or_ask, refuse_if_none
from bot.handlers.spravka import report_buttons
from bot.i18n import Texts, format_date
from bot.keyboards.callbacks import PickPurpose
from bot.reports.evidence_zip import write_programs_zip
from bot.reports.summary_text import all_programs_text, summary_text
from bot.reports.xlsx_report import build_all_report, build_report
from bot.services.bundle import Services
from bot.services.current_program import coordinator_choice, program_label, shorten_words
from bot.storage.people import Person
from bot.storage.programs import ProgramRecord
from bot.storage.summary_queries import program_snapshot

router = Router(name="summary")
ALL_WORDS = ("все", "всё", "all")
_PLACE_PREFIX = re.compile(r"^(г\.|город|городской округ|го|мо|пгт\.?|с\.)\s*", re.IGNORECASE)


def file_tag(program: ProgramRecord) -> str:
    """A program in a file name: its place («г. Зея» → «Зея»), else its title's first words."""
    place = _PLACE_PREFIX.sub("", (program.municipality or "").strip())
    return safe_file_name(place or shorten_words(program.title, 30).rstrip("…"), "программа")[:60]


def file_name(kind: str, tag: str, today: date, ext: str) -> str:
    return f"{kind} {tag} {today:%Y-%m-%d}.{ext}"


def _markup(rows) -> InlineKeyboardMarkup | None:  # type: ignore[no-untyped-def]
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


async def send_summary(message: Message, services: Services, person: Person | None, clock: Clock, texts: Texts,
                       program: ProgramRecord) -> None:
    line, rows = await context_of(services, person, texts, program.id, PickPurpose.SUMMARY)
    snapshot = await program_snapshot(services.db, program.id, now=clock.now())
    # summary_text keeps within 4096; under it «Справка (.docx)» and «График» (bot/handlers/spravka.py)
    await message.answer(summary_text(snapshot, texts), reply_markup=_markup([*report_buttons(program.id, texts),
                                                                              *(rows or [])]))
    caption = texts("summary-report-caption", program=snapshot.title, today=format_date(snapshot.today))
    report = await asyncio.to_thread(build_report, snapshot)  # 60,000 rows take seconds: not on the event loop
    await message.answer_document(
        BufferedInputFile(report, filename=file_name("сводка", file_tag(program), snapshot.today, "xlsx")),
        caption=caption + ("\n" + line if line else ""),
    )


async def send_all_summaries(message: Message, services: Services, person: Person, clock: Clock,
                             texts: Texts) -> None:
    choice = await coordinator_choice(services, person)
    if await refuse_if_none(message, services, person, texts, choice):
        return
    snapshots = [await program_snapshot(services.db, p.id, now=clock.now()) for p in choice.programs]
    labels = [program_label(p) for p in choice.programs]
    today = max(s.today for s in snapshots)
    await message.answer(all_programs_text(snapshots, labels, texts))
    report = await asyncio.to_thread(build_all_report, snapshots, labels)
    await message.answer_document(
        BufferedInputFile(report, filename=file_name("сводка", "все программы", today, "xlsx")),
        caption=texts("summary-all-caption", count=len(snapshots), today=format_date(today)),
    )


def _wants_all(command: CommandObject) -> bool:
    return (command.args or "").strip().casefold() in ALL_WORDS


@router.message(Command("summary"))
async def on_summary(message: Message, command: CommandObject, services: Services, person: Person, clock: Clock,
                     texts: Texts, state: FSMContext) -> None:
    if _wants_all(command):
        await send_all_summaries(message, services, person, clock, texts)
        return
    program = await current_or_ask(message, services, person, texts, PickPurpose.SUMMARY, state=state)
    if program is not None:
        await send_summary(message, services, person, clock, texts, program)


async def send_export(message: Message, services: Services, person: Person | None, clock: Clock, texts: Texts,
                      program: ProgramRecord) -> None:
    line, rows = await context_of(services, person, texts, program.id, PickPurpose.EXPORT)
    snapshot = await program_snapshot(services.db, program.id, now=clock.now())
    if not snapshot.evidence:
        await message.answer(texts("export-empty", program=snapshot.title) + ("\n" + line if line else ""),
                             reply_markup=_markup(rows))
        return
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / file_name("документы", file_tag(program), snapshot.today, "zip")
        written, missing = write_programs_zip([(snapshot, "")], out)
        caption = texts("export-caption", program=snapshot.title, count=written,
                        missing=texts("export-missing", count=missing) if missing else "")
        await message.answer_document(FSInputFile(out, filename=out.name), caption=caption + ("\n" + line if line else ""),
                                      reply_markup=_markup(rows))


async def send_all_exports(message: Message, services: Services, person: Person, clock: Clock, texts: Texts) -> None:
    choice = await coordinator_choice(services, person)
    if await refuse_if_none(message, services, person, texts, choice):
        return
    snapshots = [await program_snapshot(services.db, p.id, now=clock.now()) for p in choice.programs]
    with_files = [(s, f"{index} {program_label(p, 50)}")
                  for index, (s, p) in enumerate(zip(snapshots, choice.programs, strict=True), start=1) if s.evidence]
    if not with_files:
        await message.answer(texts("export-all-empty"))
        return
    today = max(s.today for s in snapshots)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / file_name("документы", "все программы", today, "zip")
        written, missing = write_programs_zip(with_files, out)
        await message.answer_document(FSInputFile(out, filename=out.name), caption=texts(
            "export-all-caption", programs=len(with_files), count=written,
            missing=texts("export-missing", count=missing) if missing else ""))


@router.message(Command("export"))
async def on_export(message: Message, command: CommandObject, services: Services, person: Person, clock: Clock,
                    texts: Texts, state: FSMContext) -> None:
    if _wants_all(command):
        await send_all_exports(message, services, person, clock, texts)
        return
    program = await current_or_ask(message, services, person, texts, PickPurpose.EXPORT, state=state)
    if program is not None:
        await send_export(message, services, person, clock, texts, program)
