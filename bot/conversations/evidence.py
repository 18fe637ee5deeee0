"""Files people send as evidence, whatever the messenger: one gate before anything is written.

A person who belongs to no program is refused; the name is normalised (`bot.domain.file_names`)
and every check sees that name; size, emptiness and executables (by extension and by content,
`bot.domain.evidence_rules`) are checked; so are the hourly limits (`bot.domain.evidence_quota`),
before the download when the messenger announces the size; a task taken away is refused before
the download. Only then are the bytes kept under a generated name and attached to the task the
person is attaching to, or kept in a submission until the person picks the activity. Files that
arrive together (a Telegram album, a MAX message with several files) share a group: the first
gets the answer, later ones edit that same answer.
"""

from __future__ import annotations

import hashlib

from bot.conversations.common import refusal_text
from bot.conversations.data import EvidenceTarget, pack
from bot.conversations.events import TELEGRAM, Files, Pressed, Turn
from bot.conversations.replies import Button, Edit, EditById, Notice, Reply, Send, keyboard
from bot.conversations.state import Flow
from bot.conversations.tasks import show_card
from bot.domain.evidence_quota import QuotaKind, QuotaLimits, QuotaRefusal, quota_refusal, size_text
from bot.domain.evidence_rules import FileRefusal, refusal_by_content, refusal_by_metadata
from bot.domain.file_names import normalize_file_name
from bot.services.errors import InvalidInput, ServiceError
from bot.services.evidence import IncomingFile, discard_stored, evidence_folder, store_bytes
from bot.storage.tasks import TaskStatus, order_for_person

MAX_CHOICES = 8


def _limits(turn: Turn) -> QuotaLimits:
    return QuotaLimits(files_per_hour=turn.settings.evidence_files_per_hour,
                       bytes_per_hour=turn.settings.evidence_bytes_per_hour)


async def _over_quota(turn: Turn, size: int | None) -> QuotaRefusal | None:
    recent = await turn.services.evidence.received_within_hour(turn.person, now=turn.clock.now())
    return quota_refusal(recent, size, _limits(turn), turn.clock.now())


async def _refuse_over_quota(turn: Turn, event: Files, over: QuotaRefusal, name: str) -> list[Reply]:
    """One answer per album: the other files of the same album are refused silently."""
    if event.group_id is not None:
        if (await turn.state.get_data()).get("quota_refused_album") == event.group_id:
            return []
        await turn.state.update_data(quota_refused_album=event.group_id)
    limit = over.limit if over.kind is QuotaKind.FILES else size_text(over.limit)  # «60 файлов» / «200 МБ»
    return [Send(turn.texts(f"evidence-refused-quota-{over.kind.value}", name=name, limit=limit,
                            minutes=over.minutes_left(turn.clock.now())))]


async def _receive(turn: Turn, event: Files) -> IncomingFile | list[Reply]:
    """The stored file, or the refusal to send."""
    upload = event.upload
    name = normalize_file_name(upload.name, "документ")
    refusal = refusal_by_metadata(name, upload.size)
    content = b""
    if refusal is None:
        # the hourly limits, before the download, when the messenger says what the bytes will be
        over = await _over_quota(turn, upload.size)
        if over is not None:
            return await _refuse_over_quota(turn, event, over, name)
        content = await upload.fetch()
        refusal = refusal_by_content(name, content)
        if refusal is None and upload.size != len(content):  # the messenger did not say, or said less
            over = await _over_quota(turn, len(content))
            if over is not None:
                return await _refuse_over_quota(turn, event, over, name)
    if refusal is not None:
        if refusal is FileRefusal.TOO_BIG and turn.channel != TELEGRAM:  # the usual text names Telegram's limit
            return [Send(turn.texts("evidence-refused-too-big-elsewhere", name=name))]
        return [Send(turn.texts(f"evidence-refused-{refusal.value}", name=name))]
    path = store_bytes(evidence_folder(turn.settings.data_dir, turn.person.id), name, content)
    return IncomingFile(
        telegram_file_id=upload.file_id, telegram_file_unique_id=upload.unique_id, file_name=name,
        mime_type=upload.mime_type, size_bytes=len(content), sha256=hashlib.sha256(content).hexdigest(),
        local_path=str(path),
    )


def _answer_once(turn: Turn, submission, text: str, buttons=None) -> Reply:  # type: ignore[no-untyped-def]
    """The first file of a submission gets a reply; later files of the album edit it."""
    if submission.reply_message_id is not None:
        return EditById(submission.reply_message_id, text, buttons)

    async def remember(message_id: int | str) -> None:
        await turn.services.evidence.set_reply_message(submission.id, message_id)  # type: ignore[arg-type]

    return Send(text, buttons, remember=remember)


async def file_received(turn: Turn, event: Files) -> list[Reply]:
    texts, services, person, state = turn.texts, turn.services, turn.person, turn.state
    if not await services.evidence.may_send_files(person):
        await state.clear()
        return [Send(texts("evidence-refused-stranger"))]
    data = await state.get_data()
    attaching = await state.get_state() == Flow.ATTACHING
    task_id = int(data["task_id"]) if attaching else None
    if task_id is not None:
        try:
            await services.access.task_for(person, task_id)
        except ServiceError as error:
            await state.clear()
            return [Send(refusal_text(texts, error))]
    incoming = await _receive(turn, event)
    if not isinstance(incoming, IncomingFile):
        return incoming
    try:  # the task may be taken away between the check above and now
        submission = await services.evidence.stage(person, incoming, now=turn.clock.now(), task_id=task_id,
                                                   media_group_id=event.group_id)
    except ServiceError as error:
        discard_stored(incoming.local_path)
        await state.clear()
        return [Send(refusal_text(texts, error))]
    except BaseException:
        discard_stored(incoming.local_path)
        raise
    if not submission.kept:
        discard_stored(incoming.local_path)  # a duplicate: no row refers to this copy
    if submission.task_id is not None:
        task = await services.tasks.get(submission.task_id)
        assert task is not None
        if not submission.added and submission.file_count == 1:
            return [Send(texts("evidence-duplicate", title=task.title))]
        replies = [_answer_once(turn, submission,
                                texts("evidence-attached", title=task.title, count=submission.file_count))]
        if attaching and data.get("then_done") and submission.is_new:
            await state.clear()
            try:
                change = await services.status.change(person, task.task_id, TaskStatus.DONE, now=turn.clock.now())
            except (InvalidInput, ServiceError):
                return replies
            replies += [Send(texts("evidence-then-done")), await show_card(turn, change.task, edit=False)]
        return replies
    choices = order_for_person(await services.tasks.for_person(person.id), turn.clock.now())[:MAX_CHOICES]
    if not choices:
        return [_answer_once(turn, submission, texts("evidence-no-tasks"))]
    buttons = keyboard(*[
        [Button(f"{t.number or '•'} {t.title}"[:56] + (f" · {t.organization_name}"[:20] if t.organization_name else ""),
                pack(EvidenceTarget(submission.id, t.task_id)))]
        for t in choices
    ])
    return [_answer_once(turn, submission, texts("evidence-which-task", count=submission.file_count), buttons)]


async def target_pressed(turn: Turn, submission_id: int, task_id: int, pressed: Pressed | None) -> list[Reply]:
    """«Which activity is this file for?» answered."""
    services, texts = turn.services, turn.texts
    try:
        await services.evidence.assign(turn.person, submission_id, task_id, now=turn.clock.now())
        task = await services.access.task_for(turn.person, task_id)
        count, _ = await services.evidence.open_submission(turn.person, submission_id)
    except ServiceError as error:
        return [Notice(refusal_text(texts, error), alert=True)]
    if pressed is None:
        return []
    return [Edit(texts("evidence-attached", title=task.title, count=count)),
            await show_card(turn, task, edit=False)]
