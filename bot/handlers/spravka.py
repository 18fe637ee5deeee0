"""Under /summary: «📄 Справка (.docx)» → the period buttons → the справка as a document, and
«📊 График» → the per-school chart as a photo. Rights are re-checked on every press; the
document and the chart are built in a worker thread, never on the event loop."""

from __future__ import annotations

import asyncio

from aiogram import Router
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.clock import Clock
from bot.i18n import Texts, format_date, texts as plain_texts
from bot.keyboards.callbacks import ChartSend, SpravkaAsk, SpravkaBuild
from bot.reports.charts import school_chart
from bot.reports.report_period import PeriodChoice, period_for
from bot.reports.spravka import build_spravka, period_text
from bot.services.bundle import Services
from bot.storage.people import Person
from bot.storage.summary_queries import program_snapshot

router = Router(name="spravka")
PERIODS = (PeriodChoice.THIS_QUARTER, PeriodChoice.LAST_QUARTER, PeriodChoice.HALF_YEAR, PeriodChoice.YEAR,
           PeriodChoice.PROGRAM)


def report_buttons(program_id: int, texts: Texts) -> list[list[InlineKeyboardButton]]:
    """The row under a program's summary."""
    return [[InlineKeyboardButton(text=texts("spravka-button"), callback_data=SpravkaAsk(program_id=program_id).pack()),
             InlineKeyboardButton(text=texts("chart-button"), callback_data=ChartSend(program_id=program_id).pack())]]


def period_buttons(program_id: int, texts: Texts) -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(text=texts(f"spravka-period-{choice.value}"),
                                    callback_data=SpravkaBuild(program_id=program_id, period=choice.value).pack())
               for choice in PERIODS]
    return InlineKeyboardMarkup(inline_keyboard=[buttons[0:2], buttons[2:4], buttons[4:]])


async def _allowed(services: Services, person: Person, program_id: int, texts: Texts,
                   callback_answer: CallbackAnswer) -> bool:
    if await services.access.is_coordinator(person, program_id):
        return True
    callback_answer.text, callback_answer.show_alert = texts("no-access"), True
    return False


@router.callback_query(SpravkaAsk.filter())
async def on_spravka(query: CallbackQuery, callback_data: SpravkaAsk, services: Services, person: Person,
                     texts: Texts, callback_answer: CallbackAnswer) -> None:
    program = await services.programs.get_program(callback_data.program_id)
    if program is None or not isinstance(query.message, Message) \
            or not await _allowed(services, person, program.id, texts, callback_answer):
        return
    await query.message.answer(texts("spravka-choose-period", program=program.title),
                               reply_markup=period_buttons(program.id, texts))


@router.callback_query(SpravkaBuild.filter())
async def on_spravka_period(query: CallbackQuery, callback_data: SpravkaBuild, services: Services, person: Person,
                            clock: Clock, texts: Texts, callback_answer: CallbackAnswer) -> None:
    from bot.handlers.summary import file_name, file_tag  # summary imports this module for its buttons

    program = await services.programs.get_program(callback_data.program_id)
    if program is None or not isinstance(query.message, Message) \
            or not await _allowed(services, person, program.id, texts, callback_answer):
        return
    snapshot = await program_snapshot(services.db, program.id, now=clock.now())
    period = period_for(PeriodChoice(callback_data.period), snapshot.today, snapshot.period_start,
                        snapshot.period_end)
    document = plain_texts(texts.locale, html=False)  # a .docx is not HTML: nothing to escape
    content = await asyncio.to_thread(build_spravka, snapshot, period, document)
    await query.message.answer_document(
        BufferedInputFile(content, filename=file_name("справка", file_tag(program), snapshot.today, "docx")),
        caption=texts("spravka-caption", program=snapshot.title, period=period_text(period, document),
                      today=format_date(snapshot.today)))


@router.callback_query(ChartSend.filter())
async def on_chart(query: CallbackQuery, callback_data: ChartSend, services: Services, person: Person,
                   clock: Clock, texts: Texts, callback_answer: CallbackAnswer) -> None:
    program = await services.programs.get_program(callback_data.program_id)
    if program is None or not isinstance(query.message, Message) \
            or not await _allowed(services, person, program.id, texts, callback_answer):
        return
    snapshot = await program_snapshot(services.db, program.id, now=clock.now())
    if not snapshot.tasks:
        await query.message.answer(texts("chart-empty", program=snapshot.title))
        return
    picture = await asyncio.to_thread(school_chart, snapshot, plain_texts(texts.locale, html=False))
    await query.message.answer_photo(
        BufferedInputFile(picture, filename="график.png"),
        caption=texts("chart-caption", program=snapshot.title, today=format_date(snapshot.today))[:1024])
