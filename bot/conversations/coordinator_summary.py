"""/summary and /export on any messenger: the coordinator's picture of a program on demand — the
current program, or «Все программы» in one message and one file (issue 12 «Many programs»); under
a summary «📄 Справка (.docx)» → the period buttons → the справка, and «📊 График» → the chart.
Files are built in a worker thread, never on the event loop; rights are re-checked on every press."""

from __future__ import annotations

import asyncio
import re
import tempfile
from datetime import date
from pathlib import Path

from bot.conversations import programs
from bot.conversations.coordinator_data import ChartSend, SpravkaAsk, SpravkaBuild, pack
from bot.conversations.coordinator_lists import coordinates
from bot.conversations.events import Turn
from bot.conversations.replies import Button, Reply, Send, SendDocument, SendPhoto, keyboard
from bot.domain.file_names import safe_file_name
from bot.i18n import Texts, format_date, texts as plain_texts
from bot.reports.charts import school_chart
from bot.reports.evidence_zip import write_programs_zip
from bot.reports.report_period import PeriodChoice, period_for
from bot.reports.spravka import build_spravka, period_text
from bot.reports.summary_text import all_programs_text, summary_text
from bot.reports.xlsx_report import build_all_report, build_report
from bot.services.current_program import coordinator_choice, program_label, shorten_words
from bot.storage.programs import ProgramRecord
from bot.storage.summary_queries import program_snapshot

ALL_WORDS = ("все", "всё", "all")
PERIODS = (PeriodChoice.THIS_QUARTER, PeriodChoice.LAST_QUARTER, PeriodChoice.HALF_YEAR, PeriodChoice.YEAR,
           PeriodChoice.PROGRAM)
CAPTION_LIMIT = 1024
_PLACE_PREFIX = re.compile(r"^(г\.|город|городской округ|го|мо|пгт\.?|с\.)\s*", re.IGNORECASE)


def file_tag(program: ProgramRecord) -> str:
    """A program in a file name: its place («г. Зея» → «Зея»), else its title's first words."""
    place = _PLACE_PREFIX.sub("", (program.municipality or "").strip())
    return safe_file_name(place or shorten_words(program.title, 30).rstrip("…"), "программа")[:60]


def file_name(kind: str, tag: str, today: date, ext: str) -> str:
    return f"{kind} {tag} {today:%Y-%m-%d}.{ext}"


def wants_all(args: str) -> bool:
    return (args or "").strip().casefold() in ALL_WORDS


def report_buttons(program_id: int, texts: Texts) -> list[list[Button]]:
    """The row under a program's summary."""
    return [[Button(texts("spravka-button"), pack(SpravkaAsk(program_id))),
             Button(texts("chart-button"), pack(ChartSend(program_id)))]]


def period_buttons(program_id: int, texts: Texts):  # type: ignore[no-untyped-def]
    buttons = [Button(texts(f"spravka-period-{choice.value}"), pack(SpravkaBuild(program_id, choice.value)))
               for choice in PERIODS]
    return keyboard(buttons[0:2], buttons[2:4], buttons[4:])


async def summary(turn: Turn, program: ProgramRecord) -> list[Reply]:
    texts = turn.texts
    line, rows = await programs.context_of(turn.services, turn.person, texts, program.id, programs.SUMMARY)
    snapshot = await program_snapshot(turn.services.db, program.id, now=turn.clock.now())
    caption = texts("summary-report-caption", program=snapshot.title, today=format_date(snapshot.today))
    report = await asyncio.to_thread(build_report, snapshot)  # 60,000 rows take seconds: not on the event loop
    # summary_text keeps within 4096; under it «Справка (.docx)» and «График»
    return [Send(summary_text(snapshot, texts), keyboard(*report_buttons(program.id, texts), *rows)),
            SendDocument(report, file_name("сводка", file_tag(program), snapshot.today, "xlsx"),
                         caption + ("\n" + line if line else ""))]


async def all_summaries(turn: Turn) -> list[Reply]:
    services, texts = turn.services, turn.texts
    choice = await coordinator_choice(services, turn.person)
    refused = await programs.refusal(services, turn.person, texts, choice)
    if refused:
        return refused
    snapshots = [await program_snapshot(services.db, p.id, now=turn.clock.now()) for p in choice.programs]
    labels = [program_label(p) for p in choice.programs]
    today = max(s.today for s in snapshots)
    report = await asyncio.to_thread(build_all_report, snapshots, labels)
    return [Send(all_programs_text(snapshots, labels, texts)),
            SendDocument(report, file_name("сводка", "все программы", today, "xlsx"),
                         texts("summary-all-caption", count=len(snapshots), today=format_date(today)))]


async def summary_command(turn: Turn, args: str) -> list[Reply]:
    if wants_all(args):
        return await all_summaries(turn)
    program, asked = await programs.current_or_ask(turn, programs.SUMMARY)
    return await summary(turn, program) if program is not None else asked


def _zip(entries, name: str) -> tuple[bytes, int, int]:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / name
        written, missing = write_programs_zip(entries, out)
        return out.read_bytes(), written, missing


async def export(turn: Turn, program: ProgramRecord) -> list[Reply]:
    texts = turn.texts
    line, rows = await programs.context_of(turn.services, turn.person, texts, program.id, programs.EXPORT)
    snapshot = await program_snapshot(turn.services.db, program.id, now=turn.clock.now())
    if not snapshot.evidence:
        return [Send(texts("export-empty", program=snapshot.title) + ("\n" + line if line else ""),
                     keyboard(*rows) if rows else None)]
    name = file_name("документы", file_tag(program), snapshot.today, "zip")
    content, written, missing = _zip([(snapshot, "")], name)
    caption = texts("export-caption", program=snapshot.title, count=written,
                    missing=texts("export-missing", count=missing) if missing else "")
    return [SendDocument(content, name, caption + ("\n" + line if line else ""), keyboard(*rows) if rows else None)]


async def all_exports(turn: Turn) -> list[Reply]:
    services, texts = turn.services, turn.texts
    choice = await coordinator_choice(services, turn.person)
    refused = await programs.refusal(services, turn.person, texts, choice)
    if refused:
        return refused
    snapshots = [await program_snapshot(services.db, p.id, now=turn.clock.now()) for p in choice.programs]
    with_files = [(s, f"{index} {program_label(p, 50)}")
                  for index, (s, p) in enumerate(zip(snapshots, choice.programs, strict=True), start=1) if s.evidence]
    if not with_files:
        return [Send(texts("export-all-empty"))]
    today = max(s.today for s in snapshots)
    name = file_name("документы", "все программы", today, "zip")
    content, written, missing = _zip(with_files, name)
    return [SendDocument(content, name, texts("export-all-caption", programs=len(with_files), count=written,
                                              missing=texts("export-missing", count=missing) if missing else ""))]


async def export_command(turn: Turn, args: str) -> list[Reply]:
    if wants_all(args):
        return await all_exports(turn)
    program, asked = await programs.current_or_ask(turn, programs.EXPORT)
    return await export(turn, program) if program is not None else asked


async def spravka_asked(turn: Turn, program_id: int) -> list[Reply]:
    program = await turn.services.programs.get_program(program_id)
    if program is None:
        return []
    return await coordinates(turn, program.id) or [
        Send(turn.texts("spravka-choose-period", program=program.title), period_buttons(program.id, turn.texts))]


async def spravka_built(turn: Turn, program_id: int, period: str) -> list[Reply]:
    texts = turn.texts
    program = await turn.services.programs.get_program(program_id)
    if program is None:
        return []
    refused = await coordinates(turn, program.id)
    if refused:
        return refused
    snapshot = await program_snapshot(turn.services.db, program.id, now=turn.clock.now())
    chosen = period_for(PeriodChoice(period), snapshot.today, snapshot.period_start, snapshot.period_end)
    document = plain_texts(texts.locale, html=False)  # a .docx is not HTML: nothing to escape
    content = await asyncio.to_thread(build_spravka, snapshot, chosen, document)
    return [SendDocument(content, file_name("справка", file_tag(program), snapshot.today, "docx"),
                         texts("spravka-caption", program=snapshot.title, period=period_text(chosen, document),
                               today=format_date(snapshot.today)))]


async def chart_pressed(turn: Turn, program_id: int) -> list[Reply]:
    texts = turn.texts
    program = await turn.services.programs.get_program(program_id)
    if program is None:
        return []
    refused = await coordinates(turn, program.id)
    if refused:
        return refused
    snapshot = await program_snapshot(turn.services.db, program.id, now=turn.clock.now())
    if not snapshot.tasks:
        return [Send(texts("chart-empty", program=snapshot.title))]
    picture = await asyncio.to_thread(school_chart, snapshot, plain_texts(texts.locale, html=False))
    return [SendPhoto(picture, "график.png", texts("chart-caption", program=snapshot.title,
                                                    today=format_date(snapshot.today))[:CAPTION_LIMIT])]
