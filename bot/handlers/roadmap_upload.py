"""A coordinator sends a roadmap file: the bot reads it, shows what it understood and
loads it only on «Загрузить» — all or nothing. A missing program period is asked with
buttons, an unrecognised region gets a timezone choice. /template sends a blank roadmap."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.config import Settings
from bot.domain.clock import Clock
from bot.domain.evidence_rules import MAX_EVIDENCE_BYTES
from bot.domain.models import ImportResult, Period
from bot.domain.zones import RUSSIAN_ZONES, zone_label
from bot.handlers.common import refusal_text
from bot.handlers.states import TaskFlow
from bot.i18n import Texts
from bot.importing import PeriodNotFound, RoadmapImportError
from bot.importing.template import roadmap_template
from bot.keyboards.callbacks import ImportChoice, ImportDecision, PeriodPick, ReviewPage, ZonePick
from bot.rendering.import_review import activity_pages, summary_page
from bot.rendering.periods import period_label
from bot.services.bundle import Services
from bot.services.errors import AlreadyDecided, ServiceError
from bot.services.roadmaps import RoadmapUploads, looks_like_roadmap
from bot.storage.people import Person
from bot.storage.programs import SaveOutcome

router = Router(name="roadmap_upload")
ZONES_PER_ROW = 3


async def _may_load_roadmaps(services: Services, person: Person) -> bool:
    return services.access.is_configured_coordinator(person) or bool(await services.access.coordinated_programs(person))


@router.message(Command("template"))
async def on_template(message: Message, texts: Texts) -> None:
    await message.answer_document(BufferedInputFile(roadmap_template(), filename="шаблон дорожной карты.xlsx"),
                                  caption=texts("roadmap-template-caption"))


def review_keyboard(texts: Texts, upload_id: int, result: ImportResult, page: int, pages: int) -> InlineKeyboardMarkup:
    rows = [[
        InlineKeyboardButton(text=texts("roadmap-load"),
                             callback_data=ImportDecision(upload_id=upload_id, choice=ImportChoice.LOAD).pack()),
        InlineKeyboardButton(text=texts("roadmap-cancel"),
                             callback_data=ImportDecision(upload_id=upload_id, choice=ImportChoice.CANCEL).pack()),
    ]]
    if page == 0:
        rows.append([InlineKeyboardButton(text=texts("review-button-all"),
                                          callback_data=ReviewPage(upload_id=upload_id, page=1).pack())])
        if not result.timezone_found:
            buttons = [InlineKeyboardButton(text=zone_label(zone), callback_data=ZonePick(upload_id=upload_id, zone=i).pack())
                       for i, (zone, _) in enumerate(RUSSIAN_ZONES)]
            rows += [buttons[i : i + ZONES_PER_ROW] for i in range(0, len(buttons), ZONES_PER_ROW)]
    else:
        nav = []
        if page > 1:
            nav.append(InlineKeyboardButton(text=texts("review-button-prev"),
                                            callback_data=ReviewPage(upload_id=upload_id, page=page - 1).pack()))
        nav.append(InlineKeyboardButton(text=texts("review-button-summary"),
                                        callback_data=ReviewPage(upload_id=upload_id, page=0).pack()))
        if page < pages:
            nav.append(InlineKeyboardButton(text=texts("review-button-next"),
                                            callback_data=ReviewPage(upload_id=upload_id, page=page + 1).pack()))
        rows.append(nav)
    return InlineKeyboardMarkup(inline_keyboard=rows)


def review_view(texts: Texts, upload_id: int, result: ImportResult, page: int) -> tuple[str, InlineKeyboardMarkup]:
    pages = activity_pages(texts, result)
    page = max(0, min(page, len(pages)))
    text = summary_page(texts, result, zone_found=result.timezone_found) if page == 0 else pages[page - 1]
    return text, review_keyboard(texts, upload_id, result, page, len(pages))


async def _read_and_review(message: Message, services: Services, person: Person, settings: Settings, clock: Clock,
                           texts: Texts, content: bytes, name: str, period: Period | None = None) -> None:
    uploads = RoadmapUploads(services.db)
    try:
        pending = await uploads.read(person, content, name, now=clock.now(),
                                     default_timezone=settings.default_timezone, period=period)
    except PeriodNotFound as missing:
        draft_id = await uploads.save_draft(person, name, content, missing.options, now=clock.now())
        buttons = [[InlineKeyboardButton(text=period_label(texts, option),
                                         callback_data=PeriodPick(draft_id=draft_id, option=i).pack())]
                   for i, option in enumerate(missing.options)]
        buttons.append([InlineKeyboardButton(text=texts("roadmap-cancel"),
                                             callback_data=PeriodPick(draft_id=draft_id, option=-1).pack())])
        await message.answer(texts("roadmap-period-question", name=name),
                             reply_markup=InlineKeyboardMarkup(inline_keyboard=buttons))
        return
    except RoadmapImportError as error:
        await message.answer(texts("roadmap-failed", name=name, reason=error.message))
        return
    text, keyboard = review_view(texts, pending.id, pending.result, 0)
    await message.answer(text, reply_markup=keyboard)


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
    await _read_and_review(message, services, person, settings, clock, texts, content, name)


@router.callback_query(PeriodPick.filter())
async def on_period(query: CallbackQuery, callback_data: PeriodPick, services: Services, person: Person,
                    settings: Settings, clock: Clock, texts: Texts, callback_answer: CallbackAnswer) -> None:
    try:
        draft = await RoadmapUploads(services.db).take_draft(person, callback_data.draft_id)
    except ServiceError:
        callback_answer.text, callback_answer.show_alert = texts("roadmap-period-expired"), True
        return
    if not isinstance(query.message, Message):
        return
    await query.message.edit_reply_markup(reply_markup=None)
    if not 0 <= callback_data.option < len(draft.options):
        await query.message.answer(texts("roadmap-cancelled"))
        return
    await _read_and_review(query.message, services, person, settings, clock, texts, draft.content, draft.file_name,
                           period=draft.options[callback_data.option])


@router.callback_query(ReviewPage.filter())
async def on_review_page(query: CallbackQuery, callback_data: ReviewPage, services: Services, person: Person,
                         texts: Texts, callback_answer: CallbackAnswer) -> None:
    try:
        result = await RoadmapUploads(services.db).pending(person, callback_data.upload_id)
    except ServiceError as error:
        callback_answer.text, callback_answer.show_alert = refusal_text(texts, error), True
        return
    if isinstance(query.message, Message):
        text, keyboard = review_view(texts, callback_data.upload_id, result, callback_data.page)
        await query.message.edit_text(text, reply_markup=keyboard)


@router.callback_query(ZonePick.filter())
async def on_zone(query: CallbackQuery, callback_data: ZonePick, services: Services, person: Person,
                  texts: Texts, callback_answer: CallbackAnswer) -> None:
    if not 0 <= callback_data.zone < len(RUSSIAN_ZONES):
        callback_answer.text, callback_answer.show_alert = texts("stale-button"), True
        return
    zone = RUSSIAN_ZONES[callback_data.zone][0]
    try:
        result = await RoadmapUploads(services.db).set_timezone(person, callback_data.upload_id, zone)
    except ServiceError as error:
        callback_answer.text, callback_answer.show_alert = refusal_text(texts, error), True
        return
    if isinstance(query.message, Message):
        text, keyboard = review_view(texts, callback_data.upload_id, result, 0)
        await query.message.edit_text(text, reply_markup=keyboard)


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
