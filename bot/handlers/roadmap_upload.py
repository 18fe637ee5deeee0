"""A coordinator sends a roadmap file: the bot reads it, shows what it understood and
loads it only on «Загрузить» — all or nothing. /template sends a blank roadmap."""

from __future__ import annotations

import tempfile
from pathlib import Path

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.config import Settings
from bot.domain.clock import Clock
from bot.domain.evidence_rules import MAX_EVIDENCE_BYTES
from bot.handlers.common import refusal_text
from bot.handlers.states import TaskFlow
from bot.i18n import Texts, format_date
from bot.importing import RoadmapImportError
from bot.importing.template import roadmap_template
from bot.keyboards.callbacks import ImportChoice, ImportDecision
from bot.services.bundle import Services
from bot.services.errors import AlreadyDecided, ServiceError
from bot.services.roadmaps import RoadmapUploads, looks_like_roadmap, summary_numbers
from bot.storage.people import Person
from bot.storage.programs import SaveOutcome

router = Router(name="roadmap_upload")
REVIEW_ROWS = 15


async def _may_load_roadmaps(services: Services, person: Person) -> bool:
    return services.access.is_configured_coordinator(person) or bool(await services.access.coordinated_programs(person))


@router.message(Command("template"))
async def on_template(message: Message, texts: Texts) -> None:
    await message.answer_document(BufferedInputFile(roadmap_template(), filename="шаблон дорожной карты.xlsx"),
                                  caption=texts("roadmap-template-caption"))


@router.message(F.document)
async def on_roadmap_file(message: Message, bot: Bot, state: FSMContext, services: Services, person: Person,
                          settings: Settings, clock: Clock, texts: Texts) -> None:
    document = message.document
    assert document is not None
    attaching = await state.get_state() == TaskFlow.attaching.state
    if attaching or not looks_like_roadmap(document.file_name) or not await _may_load_roadmaps(services, person):
        raise SkipHandler  # evidence, not a roadmap
    name = document.file_name or "roadmap"
    if document.file_size and document.file_size > MAX_EVIDENCE_BYTES:
        await message.answer(texts("roadmap-failed", name=name, reason="файл больше 20 МБ."))
        return
    buffer = await bot.download(document.file_id)
    content = buffer.read() if buffer is not None else b""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("upload" + Path(name).suffix.lower())
        path.write_bytes(content)
        try:
            pending = await RoadmapUploads(services.db).read(person, path, name, now=clock.now(),
                                                              default_timezone=settings.default_timezone)
        except RoadmapImportError as error:
            await message.answer(texts("roadmap-failed", name=name, reason=error.message))
            return
    program = pending.result.program
    activities, understood, review = summary_numbers(program)
    lines = [texts(
        "roadmap-review", title=program.title,
        municipality=f"{program.municipality}. " if program.municipality else "",
        period=f"{format_date(program.period.start)} – {format_date(program.period.end)}", timezone=program.timezone,
        activities=activities, understood=understood, review=review, organizations=len(program.organizations),
    )]
    needs = [a for a in program.activities if a.deadline.needs_review]
    if needs:
        lines += ["", texts("roadmap-review-rows")]
        lines += [texts("roadmap-review-row", number=a.number or "•", title=a.title[:60],
                        deadline=a.deadline.source or "—") for a in needs[:REVIEW_ROWS]]
        if len(needs) > REVIEW_ROWS:
            lines.append(texts("roadmap-review-more", count=len(needs) - REVIEW_ROWS))
    if pending.result.warnings:
        lines += ["", texts("roadmap-warnings")]
        lines += [texts("roadmap-warning", text=w.message) for w in pending.result.warnings[:10]]
    keyboard = InlineKeyboardMarkup(inline_keyboard=[[
        InlineKeyboardButton(text=texts("roadmap-load"),
                             callback_data=ImportDecision(upload_id=pending.id, choice=ImportChoice.LOAD).pack()),
        InlineKeyboardButton(text=texts("roadmap-cancel"),
                             callback_data=ImportDecision(upload_id=pending.id, choice=ImportChoice.CANCEL).pack()),
    ]])
    await message.answer("\n".join(lines)[:4000], reply_markup=keyboard)


@router.callback_query(ImportDecision.filter())
async def on_decision(query: CallbackQuery, callback_data: ImportDecision, services: Services, person: Person,
                      clock: Clock, texts: Texts, callback_answer: CallbackAnswer) -> None:
    load = callback_data.choice is ImportChoice.LOAD
    try:
        report = await RoadmapUploads(services.db).decide(person, callback_data.upload_id, load=load, now=clock.now())
    except AlreadyDecided:
        callback_answer.text, callback_answer.show_alert = texts("postpone-already-decided"), True
        return
    except ServiceError as error:
        callback_answer.text, callback_answer.show_alert = refusal_text(texts, error), True
        return
    if not isinstance(query.message, Message):
        return
    await query.message.edit_reply_markup(reply_markup=None)
    if report is None:
        await query.message.answer(texts("roadmap-cancelled"))
        return
    record = await services.programs.get_program(report.program_id)
    title = record.title if record else ""
    count = texts("activities-count", count=record.activity_count if record else 0)
    if report.outcome is SaveOutcome.CREATED:
        await query.message.answer(texts("roadmap-loaded", title=title, activities=count))
    else:  # the same roadmap again, perhaps corrected: statuses and files stay
        await query.message.answer(texts("roadmap-updated", title=title))
