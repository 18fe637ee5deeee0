"""The coordinator's long lists as pages: /people, /invite, /activity N, /overdue. Each view
is one message — a page of the list within Telegram's limits, the list's fixed buttons on
every page, and «◀ · стр. X из Y · ▶» when there is more than one page."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Texts, format_date, shorten
from bot.keyboards.callbacks import (
    ActivityAction,
    ActivityButton,
    AddPartyStart,
    ActivityOpen,
    ActivityPage,
    InviteAll,
    InvitePage,
    InviteParty,
    OverduePage,
    PeoplePage,
    TaskCardOpen,
)
from bot.rendering.paging import NAVIGATION_BUTTONS, PAGE_BUTTONS, PAGE_CHARS, Page, navigation_row, page_of, split_pages
from bot.reports.overdue_groups import OverdueItem, group_overdue, overdue_group_line
from bot.storage.invites import InviteTarget
from bot.storage.people import ProgramMember
from bot.storage.tasks import TaskView

View = tuple[str, InlineKeyboardMarkup | None]


def _text(texts: Texts, header: str, page: Page[str], footer: Sequence[str] = ()) -> str:
    lines = [header]
    if page.count > 1:
        lines.append(texts("page-of", **page.label_args))
    body = list(page.items)
    while body and not body[0]:  # a page may start or end where the list had a blank line
        body.pop(0)
    while body and not body[-1]:
        body.pop()
    return "\n".join([*lines, *body, *footer])


def _budget(header: str, footer: Sequence[str] = ()) -> int:
    return PAGE_CHARS - len(header) - sum(len(line) + 1 for line in footer) - 40


def _named(party: str, telegram_name: str) -> str:
    return party if party == telegram_name else f"{party} ({telegram_name})"


def people_lines(texts: Texts, members: Sequence[ProgramMember], missing: Sequence[InviteTarget]) -> list[str]:
    """Who is in the program, by school: the program-wide people first, then each school with
    its joined («roadmap name (Telegram name)») and not yet joined parties."""
    groups: dict[str | None, list[str]] = {None: []}
    for m in members:
        telegram = m.person.display_name
        state = "people-unreachable" if not m.person.reachable else "people-joined"
        if m.is_coordinator and not m.bound:
            groups[None].append(texts("people-coordinator", name=m.label))
        elif not m.bound:  # a direct assignee with no roadmap party
            groups[None].append(texts(state, name=m.label, roles=""))
        for party, school in m.bound:
            groups.setdefault(school, []).append(texts(state, name=_named(party, telegram), roles=""))
    for target in missing:
        name = target.party_name or target.label
        groups.setdefault(target.school, []).append(texts("people-not-joined", label=name))
    lines: list[str] = []
    for school in [None, *sorted((s for s in groups if s is not None), key=str.casefold)]:
        if not groups[school]:
            continue
        heading = texts("people-group-program") if school is None else texts("people-group-school", school=school)
        # the heading and its first line are one item, so a page never ends on a lone heading
        lines += ["", f"{heading}\n{groups[school][0]}", *groups[school][1:]]
    return lines


def people_view(texts: Texts, program_id: int, program_title: str, members: Sequence[ProgramMember],
                missing: Sequence[InviteTarget], page: int) -> View:
    header = texts("people-header", program=program_title)
    joined = len({bound for m in members for bound in m.bound})
    header += "\n" + texts("people-count", joined=joined, total=joined + len(missing))
    footer = ["", texts("people-invite-hint")] if missing else []
    shown = page_of(split_pages(people_lines(texts, members, missing), chars=_budget(header, footer)), page)
    navigation = navigation_row(texts, shown, lambda n: PeoplePage(program_id=program_id, page=n))
    return _text(texts, header, shown, footer), InlineKeyboardMarkup(inline_keyboard=[navigation]) if navigation else None


def invite_view(texts: Texts, program_id: int, program_title: str, targets: Sequence[InviteTarget], page: int) -> View:
    """A button per party (per school for a per-school role); «all links as a file» on every page."""
    buttons = [InlineKeyboardButton(text=("✅ " if t.joined_person_ids else "") + t.label[:58], callback_data=InviteParty(
        program_id=program_id, party_id=t.party_id, organization_id=t.organization_id or 0).pack()) for t in targets]
    shown = page_of(split_pages(buttons, length=lambda _: 0, per_page=PAGE_BUTTONS - NAVIGATION_BUTTONS - 2), page)
    rows = [[b] for b in shown.items]
    navigation = navigation_row(texts, shown, lambda n: InvitePage(program_id=program_id, page=n))
    if navigation:
        rows.append(navigation)
    rows.append([InlineKeyboardButton(text=texts("add-party-button"),
                                      callback_data=AddPartyStart(program_id=program_id).pack())])
    rows.append([InlineKeyboardButton(text=texts("invite-all"), callback_data=InviteAll(program_id=program_id).pack())])
    header = texts("invite-header", program=program_title)
    return _text(texts, header, Page(items=[], number=shown.number, count=shown.count)), \
        InlineKeyboardMarkup(inline_keyboard=rows)


def activity_view(texts: Texts, program_title: str, tasks: Sequence[TaskView], assignees: dict[int, list[str]],
                  page: int, context: str = "") -> View:
    """An activity's schools (or dates): a line and a card button each; fixing the deadline and
    assigning stay on every page."""
    first = tasks[0]
    header = texts("activity-header", number=first.number or "", title=first.title, program=program_title,
                   schedule=first.schedule_text or "—", result=first.result or "—")
    if context:  # «Программа: … · сменить: /program» for a coordinator of several programs
        header = f"{header}\n{context}"
    footer = [texts("activity-progress", done=sum(t.status.value == "done" for t in tasks), total=len(tasks))]
    items = []
    for t in tasks:
        names = assignees.get(t.task_id, [])
        line = texts(
            "activity-task-line", icon=texts(f"status-icon-{t.status.value}"),
            organization=t.organization_name or "", due=(f" · {format_date(t.due_date)}" if t.due_date else ""),
            status=texts(f"status-{t.status.value}"), files=t.file_count,
            assignees=", ".join(names) if names else texts("activity-nobody"),
        ).replace("  ", " ")
        # Each school's (or date's) card: history, files re-sent, the coordinator may act on it.
        button = InlineKeyboardButton(
            text=(f"{t.organization_name or ''} {format_date(t.due_date) if t.due_date else ''}".strip() or t.title)[:60],
            callback_data=TaskCardOpen(task_id=t.task_id).pack())
        items.append((line, button))
    pages = split_pages(items, chars=_budget(header, footer), length=lambda item: len(item[0]),
                        per_page=PAGE_BUTTONS - NAVIGATION_BUTTONS - 2)
    shown = page_of(pages, page)
    rows = [[
        InlineKeyboardButton(text=texts("activity-button-fix"), callback_data=ActivityButton(
            activity_id=first.activity_id, action=ActivityAction.FIX_DEADLINE).pack()),
        InlineKeyboardButton(text=texts("activity-button-assign"), callback_data=ActivityButton(
            activity_id=first.activity_id, action=ActivityAction.ASSIGN).pack()),
    ]]
    rows += [[button] for _, button in shown.items]
    navigation = navigation_row(texts, shown, lambda n: ActivityPage(
        program_id=first.program_id, activity_id=first.activity_id, page=n))
    if navigation:
        rows.append(navigation)
    lines = Page(items=[line for line, _ in shown.items], number=shown.number, count=shown.count)
    return _text(texts, header, lines, footer), InlineKeyboardMarkup(inline_keyboard=rows)


def overdue_view(texts: Texts, program_id: int, tasks: Sequence[TaskView], now: datetime, page: int,
                 context: str = "") -> View:
    """Overdue tasks grouped by activity, the oldest missed deadline first: a line and a button
    each; the button opens the activity's schools and dates (the /activity view)."""
    groups = group_overdue(OverdueItem(activity_id=t.activity_id, number=t.number, title=t.title,
                                       organization=t.organization_name, due=t.due_date)
                           for t in tasks if t.is_overdue(now) and t.due_date is not None)
    header = texts("overdue-header", activities=texts("activities-count", count=len(groups)),
                   deadlines=texts("overdue-group-deadlines", count=sum(g.deadlines for g in groups)))
    if context:  # «Программа: …»
        header = f"{header}\n{context}"
    footer = ["", texts("overdue-hint")]
    items = [(overdue_group_line(texts, g), InlineKeyboardButton(
        text=shorten(f"{g.number or ''} {g.title}".strip(), 60),
        callback_data=ActivityOpen(program_id=program_id, activity_id=g.activity_id).pack()))
        for g in groups if g.activity_id is not None]
    shown = page_of(split_pages(items, chars=_budget(header, footer), length=lambda item: len(item[0]),
                                per_page=PAGE_BUTTONS - NAVIGATION_BUTTONS), page)
    rows = [[button] for _, button in shown.items]
    navigation = navigation_row(texts, shown, lambda n: OverduePage(program_id=program_id, page=n))
    if navigation:
        rows.append(navigation)
    lines = Page(items=[line for line, _ in shown.items], number=shown.number, count=shown.count)
    return _text(texts, header, lines, footer), InlineKeyboardMarkup(inline_keyboard=rows) if rows else None
