"""Files people send as evidence: documents, photos, albums, forwarded files.

One gate for every incoming file, before anything is written: a person who belongs to
no program is refused; the name is normalised (bidi controls, trailing dots, reserved
names, length — `bot.domain.file_names`) and every check sees that name; size, emptiness
and executables (by extension and by content) are checked; so are the person's hourly
limits (files and bytes, counted from the rows of the last hour — `bot.domain.evidence_quota`);
a task taken away is refused before the download. Only then are the bytes kept under the data directory, under a
generated name (the person's name is data in the row), then attached to the task the
person is attaching to, or — sent without context — kept in a submission until the person picks the activity. An album
arrives as separate messages sharing a media_group_id: the first one gets the answer,
later ones update that same answer, so an album of 5 photos is one conversation turn.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.config import Settings
from bot.domain.clock import Clock
from bot.domain.evidence_quota import QuotaKind, QuotaLimits, QuotaRefusal, quota_refusal, size_text
from bot.domain.evidence_rules import refusal_by_content, refusal_by_metadata
from bot.domain.file_names import normalize_file_name
from bot.handlers.common import refusal_text
from bot.handlers.states import TaskFlow
from bot.handlers.tasks import show_card
from bot.i18n import Texts
from bot.keyboards.callbacks import EvidenceTarget
from bot.services.bundle import Services
from bot.services.errors import InvalidInput, ServiceError
from bot.services.evidence import IncomingFile, discard_stored, evidence_folder, store_bytes
from bot.storage.people import Person
from bot.storage.tasks import TaskStatus, order_for_person

router = Router(name="evidence")
MAX_CHOICES = 8


@dataclass(frozen=True, slots=True)
class _Upload:
    file_id: str
    unique_id: str
    name: str
    mime_type: str | None
    size: int | None


def _upload_of(message: Message) -> _Upload:
    if message.document is not None:
        d = message.document
        return _Upload(d.file_id, d.file_unique_id, d.file_name or f"документ-{d.file_unique_id}",
                       d.mime_type, d.file_size)
    photo = message.photo[-1]  # the largest size
    return _Upload(photo.file_id, photo.file_unique_id, f"фото-{photo.file_unique_id}.jpg", "image/jpeg",
                   photo.file_size)


def _limits(settings: Settings) -> QuotaLimits:
    return QuotaLimits(files_per_hour=settings.evidence_files_per_hour,
                       bytes_per_hour=settings.evidence_bytes_per_hour)


async def _over_quota(services: Services, settings: Settings, person: Person, size: int | None,
                      clock: Clock) -> QuotaRefusal | None:
    recent = await services.evidence.received_within_hour(person, now=clock.now())
    return quota_refusal(recent, size, _limits(settings), clock.now())


async def _refuse_over_quota(message: Message, state: FSMContext, over: QuotaRefusal, name: str, clock: Clock,
                             texts: Texts) -> None:
    """One answer per album: the other files of the same album are refused silently."""
    group = message.media_group_id
    if group is not None:
        if (await state.get_data()).get("quota_refused_album") == group:
            return
        await state.update_data(quota_refused_album=group)
    limit = over.limit if over.kind is QuotaKind.FILES else size_text(over.limit)  # «60 файлов» / «200 МБ»
    await message.answer(texts(f"evidence-refused-quota-{over.kind.value}", name=name, limit=limit,
                               minutes=over.minutes_left(clock.now())))


async def _receive(message: Message, bot: Bot, settings: Settings, services: Services, person: Person,
                   state: FSMContext, clock: Clock, texts: Texts) -> IncomingFile | None:
    upload = _upload_of(message)
    name = normalize_file_name(upload.name, "документ")
    refusal = refusal_by_metadata(name, upload.size)
    content = b""
    if refusal is None:
        # the hourly limits, before the download: Telegram's file_size is what the bytes will be
        over = await _over_quota(services, settings, person, upload.size, clock)
        if over is not None:
            await _refuse_over_quota(message, state, over, name, clock, texts)
            return None
        buffer = await bot.download(upload.file_id)
        content = buffer.read() if buffer is not None else b""
        refusal = refusal_by_content(name, content)
        if refusal is None and upload.size != len(content):  # Telegram did not say, or said less
            over = await _over_quota(services, settings, person, len(content), clock)
            if over is not None:
                await _refuse_over_quota(message, state, over, name, clock, texts)
                return None
    if refusal is not None:
        await message.answer(texts(f"evidence-refused-{refusal.value}", name=name))
        return None
    path = store_bytes(evidence_folder(settings.data_dir, person.id), name, content)
    return IncomingFile(
        telegram_file_id=upload.file_id, telegram_file_unique_id=upload.unique_id, file_name=name,
        mime_type=upload.mime_type, size_bytes=len(content), sha256=hashlib.sha256(content).hexdigest(),
        local_path=str(path),
    )


async def _answer_once(message: Message, services: Services, submission, text: str, markup=None) -> None:
    """The first file of a submission gets a reply; later files of the album edit it."""
    if submission.reply_message_id is not None:
        try:
            await message.bot.edit_message_text(text, chat_id=message.chat.id,
                                                message_id=submission.reply_message_id, reply_markup=markup)
        except TelegramBadRequest as error:
            if "not modified" not in str(error):
                raise
        return
    reply = await message.answer(text, reply_markup=markup)
    await services.evidence.set_reply_message(submission.id, reply.message_id)


@router.message(F.document | F.photo)
async def on_file(message: Message, bot: Bot, settings: Settings, services: Services, person: Person,
                  state: FSMContext, clock: Clock, texts: Texts) -> None:
    if not await services.evidence.may_send_files(person):
        await state.clear()
        await message.answer(texts("evidence-refused-stranger"))
        return
    data = await state.get_data()
    attaching = await state.get_state() == TaskFlow.attaching.state
    task_id = int(data["task_id"]) if attaching else None
    if task_id is not None:
        try:
            await services.access.task_for(person, task_id)
        except ServiceError as error:
            await state.clear()
            await message.answer(refusal_text(texts, error))
            return
    incoming = await _receive(message, bot, settings, services, person, state, clock, texts)
    if incoming is None:
        return
    try:  # the task may be taken away between the check above and now
        submission = await services.evidence.stage(person, incoming, now=clock.now(), task_id=task_id,
                                                   media_group_id=message.media_group_id)
    except ServiceError as error:
        discard_stored(incoming.local_path)
        await state.clear()
        await message.answer(refusal_text(texts, error))
        return
    except BaseException:
        discard_stored(incoming.local_path)
        raise
    if not submission.kept:
        discard_stored(incoming.local_path)  # a duplicate: no row refers to this copy
    if submission.task_id is not None:
        task = await services.tasks.get(submission.task_id)
        assert task is not None
        if not submission.added and submission.file_count == 1:
            await message.answer(texts("evidence-duplicate", title=task.title))
            return
        await _answer_once(message, services, submission,
                           texts("evidence-attached", title=task.title, count=submission.file_count))
        if attaching and data.get("then_done") and submission.is_new:
            await state.clear()
            try:
                change = await services.status.change(person, task.task_id, TaskStatus.DONE, now=clock.now())
            except (InvalidInput, ServiceError):
                return
            await message.answer(texts("evidence-then-done"))
            await show_card(message, services, person, change.task, clock, texts, edit=False)
        return
    choices = order_for_person(await services.tasks.for_person(person.id), clock.now())[:MAX_CHOICES]
    if not choices:
        await _answer_once(message, services, submission, texts("evidence-no-tasks"))
        return
    markup = InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(
            text=f"{t.number or '•'} {t.title}"[:56] + (f" · {t.organization_name}"[:20] if t.organization_name else ""),
            callback_data=EvidenceTarget(submission_id=submission.id, task_id=t.task_id).pack())]
        for t in choices
    ])
    await _answer_once(message, services, submission,
                       texts("evidence-which-task", count=submission.file_count), markup)


@router.callback_query(EvidenceTarget.filter())
async def on_target(query: CallbackQuery, callback_data: EvidenceTarget, services: Services, person: Person,
                    clock: Clock, texts: Texts, callback_answer: CallbackAnswer) -> None:
    try:
        await services.evidence.assign(person, callback_data.submission_id, callback_data.task_id, now=clock.now())
        task = await services.access.task_for(person, callback_data.task_id)
        count, _ = await services.evidence.open_submission(person, callback_data.submission_id)
    except ServiceError as error:
        callback_answer.text, callback_answer.show_alert = refusal_text(texts, error), True
        return
    if isinstance(query.message, Message):
        await query.message.edit_text(texts("evidence-attached", title=task.title, count=count), reply_markup=None)
        await show_card(query.message, services, person, task, clock, texts, edit=False)
