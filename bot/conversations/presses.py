"""A button press, routed by its data (bot.conversations.data) to the conversation it belongs to."""

from __future__ import annotations

from bot.conversations import evidence, tasks
from bot.conversations.common import refusal_text
from bot.conversations.data import CardOpen, EvidenceTarget, ListPage, TaskAction, TaskPress, unpack
from bot.conversations.events import Press, Turn
from bot.conversations.replies import DropKeyboard, Notice, Reply, SendFiles, StoredFile
from bot.i18n import Texts, shorten
from bot.services.errors import ServiceError
from bot.storage.channels import evidence_paths

CAPTION_LIMIT = 1024  # Telegram's; MAX's text limit is larger

_STATUS = frozenset({TaskAction.DONE, TaskAction.IN_PROGRESS, TaskAction.REOPEN})
_FLOWS = frozenset({TaskAction.PROBLEM, TaskAction.DONE_WITHOUT_DOCUMENT, TaskAction.ATTACH, TaskAction.POSTPONE})


def understood(data: str) -> bool:
    """Data this module answers (the adapters leave other data to other features)."""
    return unpack(data) is not None


async def press(turn: Turn, event: Press) -> list[Reply]:
    value = unpack(event.data)
    pressed = event.message
    if isinstance(value, ListPage):
        return await tasks.page_pressed(turn, value.page, pressed)
    if isinstance(value, CardOpen):
        return await tasks.card_pressed(turn, value.task_id, pressed)
    if isinstance(value, EvidenceTarget):
        return await evidence.target_pressed(turn, value.submission_id, value.task_id, pressed)
    if isinstance(value, TaskPress):
        if value.action in _STATUS:
            return await tasks.status_pressed(turn, value.task_id, value.action, pressed)
        if value.action in _FLOWS:
            return await tasks.flow_pressed(turn, value.task_id, value.action, pressed)
        if value.action is TaskAction.KEEP_DONE:
            return [Notice(turn.texts("reopen-kept"))] + ([DropKeyboard()] if pressed is not None else [])
        if value.action is TaskAction.HISTORY:
            return await tasks.history_pressed(turn, value.task_id, pressed)
        return await files_pressed(turn, value.task_id)
    return [Notice(turn.texts("stale-button"), alert=True)]


async def files_pressed(turn: Turn, task_id: int) -> list[Reply]:
    texts = turn.texts
    try:
        task = await turn.services.access.task_for(turn.person, task_id)
    except ServiceError as error:
        return [Notice(refusal_text(texts, error), alert=True)]
    files = await turn.services.tasks.files(task.task_id)
    if not files:
        return [Notice(texts("files-empty"), alert=True)]
    paths = await evidence_paths(turn.services.db, [f.id for f in files])
    return [SendFiles(tuple(StoredFile(f.telegram_file_id, paths.get(f.id), f.file_name,
                                       file_caption(texts, f.file_name, f.person_name)) for f in files))]


def file_caption(texts: Texts, name: str, who: str | None) -> str:
    """«name — sender» through Texts' escaping, cut (before escaping) to Telegram's 1024."""
    name_limit, who_limit = 700, 200
    while True:
        caption = (texts("files-caption", name=shorten(name, name_limit), who=shorten(who, who_limit)) if who
                   else texts("files-caption-anonymous", name=shorten(name, name_limit)))
        if len(caption) <= CAPTION_LIMIT or name_limit <= 20:
            return caption
        name_limit, who_limit = name_limit * 2 // 3, max(20, who_limit * 2 // 3)
