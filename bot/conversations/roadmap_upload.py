"""A coordinator sends a roadmap file (.docx, .xlsx, .txt), on any messenger: the bot reads it in
the guarded worker (bot/importing/guard.py via RoadmapUploads), shows what it understood
(bot/rendering/import_review.py) and loads it only on «Загрузить» — all or nothing. A missing
program period is asked with buttons, an unrecognised region gets a timezone choice. /template
sends a blank roadmap. The bytes come through the channel's `Upload.fetch` (MAX: from the
attachment's URL, never more than the evidence limit)."""

from __future__ import annotations

from bot.conversations.common import refusal_text
from bot.conversations.edit_data import (CANCEL, LOAD, ImportDecide, PeriodChoice, ReviewTurn, ZoneChoice, pack)
from bot.conversations.events import Pressed, Turn, Upload
from bot.conversations.replies import Button, DropKeyboard, Edit, Keyboard, Notice, Reply, Send, SendDocument, keyboard
from bot.conversations.state import Flow
from bot.domain.evidence_rules import MAX_EVIDENCE_BYTES
from bot.domain.models import ImportResult, Period
from bot.domain.zones import RUSSIAN_ZONES, zone_label
from bot.i18n import Texts
from bot.importing import PeriodNotFound, RoadmapImportError
from bot.importing.template import roadmap_template
from bot.rendering.import_review import activity_pages, summary_page
from bot.rendering.periods import period_label
from bot.services.errors import AlreadyDecided, ServiceError
from bot.services.roadmaps import RoadmapUploads, looks_like_roadmap
from bot.storage.programs import SaveOutcome

ZONES_PER_ROW = 3
TOO_BIG = "файл больше 20 МБ."


def template_command(turn: Turn) -> list[Reply]:
    return [SendDocument(roadmap_template(), "шаблон дорожной карты.xlsx", turn.texts("roadmap-template-caption"))]


def review_keyboard(texts: Texts, upload_id: int, result: ImportResult, page: int, pages: int) -> Keyboard:
    rows = [[Button(texts("roadmap-load"), pack(ImportDecide(upload_id, LOAD))),
             Button(texts("roadmap-cancel"), pack(ImportDecide(upload_id, CANCEL)))]]
    if page == 0:
        rows.append([Button(texts("review-button-all"), pack(ReviewTurn(upload_id, 1)))])
        if not result.timezone_found:
            buttons = [Button(zone_label(zone), pack(ZoneChoice(upload_id, i))) for i, (zone, _) in enumerate(RUSSIAN_ZONES)]
            rows += [buttons[i:i + ZONES_PER_ROW] for i in range(0, len(buttons), ZONES_PER_ROW)]
    else:
        nav = []
        if page > 1:
            nav.append(Button(texts("review-button-prev"), pack(ReviewTurn(upload_id, page - 1))))
        nav.append(Button(texts("review-button-summary"), pack(ReviewTurn(upload_id, 0))))
        if page < pages:
            nav.append(Button(texts("review-button-next"), pack(ReviewTurn(upload_id, page + 1))))
        rows.append(nav)
    return keyboard(*rows)


def review_view(texts: Texts, upload_id: int, result: ImportResult, page: int) -> tuple[str, Keyboard]:
    pages = activity_pages(texts, result)
    page = max(0, min(page, len(pages)))
    text = summary_page(texts, result, zone_found=result.timezone_found) if page == 0 else pages[page - 1]
    return text, review_keyboard(texts, upload_id, result, page, len(pages))


async def may_load_roadmaps(turn: Turn) -> bool:
    access = turn.services.access
    return access.is_configured_coordinator(turn.person) or bool(await access.coordinated_programs(turn.person))


async def wants(turn: Turn, upload: Upload) -> bool:
    """A roadmap, not evidence: a coordinator's .docx/.xlsx/.txt while not attaching to a task."""
    if await turn.state.get_state() == Flow.ATTACHING or not looks_like_roadmap(upload.name):
        return False
    return await may_load_roadmaps(turn)


async def file_received(turn: Turn, upload: Upload) -> list[Reply]:
    name = upload.name or "roadmap"
    if upload.size and upload.size > MAX_EVIDENCE_BYTES:
        return [Send(turn.texts("roadmap-failed", name=name, reason=TOO_BIG))]
    content = await upload.fetch()
    if len(content) > MAX_EVIDENCE_BYTES:  # the messenger did not say: the download stopped past the limit
        return [Send(turn.texts("roadmap-failed", name=name, reason=TOO_BIG))]
    return await read_and_review(turn, content, name)


async def read_and_review(turn: Turn, content: bytes, name: str, period: Period | None = None) -> list[Reply]:
    texts, person, now = turn.texts, turn.person, turn.clock.now()
    uploads = RoadmapUploads(turn.services.db)
    try:
        pending = await uploads.read(person, content, name, now=now,
                                     default_timezone=turn.settings.default_timezone, period=period)
    except PeriodNotFound as missing:
        draft_id = await uploads.save_draft(person, name, content, missing.options, now=now)
        rows = [[Button(period_label(texts, option), pack(PeriodChoice(draft_id, i)))]
                for i, option in enumerate(missing.options)]
        rows.append([Button(texts("roadmap-cancel"), pack(PeriodChoice(draft_id, -1)))])
        return [Send(texts("roadmap-period-question", name=name), keyboard(*rows))]
    except RoadmapImportError as error:
        return [Send(texts("roadmap-failed", name=name, reason=error.message))]
    text, buttons = review_view(texts, pending.id, pending.result, 0)
    return [Send(text, buttons)]


async def pressed(turn: Turn, value: ImportDecide | ReviewTurn | ZoneChoice | PeriodChoice,
                  message: Pressed | None) -> list[Reply]:
    if isinstance(value, PeriodChoice):
        return await period_pressed(turn, value.draft_id, value.option, message)
    if isinstance(value, ReviewTurn):
        return await page_pressed(turn, value.upload_id, value.page, message)
    if isinstance(value, ZoneChoice):
        return await zone_pressed(turn, value.upload_id, value.zone, message)
    return await decision_pressed(turn, value.upload_id, value.choice == LOAD, message)


async def period_pressed(turn: Turn, draft_id: int, option: int, message: Pressed | None) -> list[Reply]:
    texts = turn.texts
    try:
        draft = await RoadmapUploads(turn.services.db).take_draft(turn.person, draft_id)
    except ServiceError:
        return [Notice(texts("roadmap-period-expired"), alert=True)]
    if message is None:
        return []
    if not 0 <= option < len(draft.options):
        return [DropKeyboard(), Send(texts("roadmap-cancelled"))]
    return [DropKeyboard(), *await read_and_review(turn, draft.content, draft.file_name, draft.options[option])]


async def page_pressed(turn: Turn, upload_id: int, page: int, message: Pressed | None) -> list[Reply]:
    try:
        result = await RoadmapUploads(turn.services.db).pending(turn.person, upload_id)
    except ServiceError as error:
        return [Notice(refusal_text(turn.texts, error), alert=True)]
    if message is None:
        return []
    text, buttons = review_view(turn.texts, upload_id, result, page)
    return [Edit(text, buttons)]


async def zone_pressed(turn: Turn, upload_id: int, zone_index: int, message: Pressed | None) -> list[Reply]:
    texts = turn.texts
    if not 0 <= zone_index < len(RUSSIAN_ZONES):
        return [Notice(texts("stale-button"), alert=True)]
    try:
        result = await RoadmapUploads(turn.services.db).set_timezone(turn.person, upload_id,
                                                                     RUSSIAN_ZONES[zone_index][0])
    except ServiceError as error:
        return [Notice(refusal_text(texts, error), alert=True)]
    if message is None:
        return []
    text, buttons = review_view(texts, upload_id, result, 0)
    return [Edit(text, buttons)]


async def decision_pressed(turn: Turn, upload_id: int, load: bool, message: Pressed | None) -> list[Reply]:
    texts, services = turn.texts, turn.services
    try:
        report = await RoadmapUploads(services.db).decide(turn.person, upload_id, load=load, now=turn.clock.now())
    except AlreadyDecided:
        return [Notice(texts("postpone-already-decided"), alert=True)]
    except ServiceError as error:
        return [Notice(refusal_text(texts, error), alert=True)]
    if message is None:
        return []
    if report is None:
        return [DropKeyboard(), Send(texts("roadmap-cancelled"))]
    record = await services.programs.get_program(report.program_id)
    title = record.title if record else ""
    count = texts("activities-count", count=record.activity_count if record else 0)
    if report.outcome is SaveOutcome.CREATED:
        return [DropKeyboard(), Send(texts("roadmap-loaded", title=title, activities=count))]
    # the same roadmap again, perhaps corrected: statuses and files stay
    return [DropKeyboard(), Send(texts("roadmap-updated", title=title))]
