"""The coordinator's long lists as pages: /people, /invite, /activity N, /overdue. Each view
is one message — a page of the list within Telegram's limits, the list's fixed buttons on
every page, and «◀ · стр. X из Y · ▶» when there is more than one page. Keyboards are neutral
(bot.conversations.replies); each messenger's adapter makes its own."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from bot.conversations import coordinator_data as cd
from bot.conversations import edit_data as ed
from bot.conversations.data import CardOpen
from bot.conversations.data import pack as pack_task
from bot.conversations.replies import Button, Keyboard, keyboard
from bot.i18n import Texts, format_date, shorten
from bot.rendering.paging import (NAVIGATION_BUTTONS, PAGE_BUTTONS, PAGE_CHARS, Page, navigation_buttons, page_of,
                                  split_pages)
from bot.reports.overdue_groups import OverdueItem, group_overdue, overdue_group_line
from bot.storage.invites import InviteTarget
from bot.storage.people import ProgramMember
from bot.storage.tasks import TaskView

View = tuple[str, Keyboard | None]


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


def people_lines(texts: Texts, members: Sequence[ProgramMember], missing: Sequence[InviteTarget],
                 channels: Mapping[int, str] | None = None) -> list[str]:
    """Who is in the program, by school: the program-wide people first, then each school with
    its joined («roadmap name (messenger name)») and not yet joined parties. `channels`: each
    person's messengers («MAX», «Telegram, MAX») — given only when someone uses MAX."""
    groups: dict[str | None, list[str]] = {None: []}
    channels = channels or {}

    def _named(party: str, telegram_name: str, person_id: int) -> str:
        name = party if party == telegram_name else f"{party} ({telegram_name})"
        where = channels.get(person_id)
        return texts("people-channels", name=name, channels=where) if where else name

    for m in members:
        telegram = m.person.display_name
        state = "people-unreachable" if not m.person.reachable else "people-joined"
        if m.is_coordinator and not m.bound:
            groups[None].append(texts("people-coordinator", name=_named(m.label, m.label, m.person.id)))
        elif not m.bound:  # a direct assignee with no roadmap party
            groups[None].append(texts(state, name=_named(m.label, m.label, m.person.id), roles=""))
        for party, school in m.bound:
            groups.setdefault(school, []).append(texts(state, name=_named(party, telegram, m.person.id), roles=""))
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
                missing: Sequence[InviteTarget], page: int, channels: Mapping[int, str] | None = None) -> View:
    header = texts("people-header", program=program_title)
    joined = len({bound for m in members for bound in m.bound})
    header += "\n" + texts("people-count", joined=joined, total=joined + len(missing))
    footer = ["", texts("people-invite-hint")] if missing else []
    shown = page_of(split_pages(people_lines(texts, members, missing, channels), chars=_budget(header, footer)), page)
    navigation = navigation_buttons(texts, shown, lambda n: cd.pack(cd.PeoplePage(program_id, n)))
    return _text(texts, header, shown, footer), keyboard(navigation) if navigation else None


def invite_view(texts: Texts, program_id: int, program_title: str, targets: Sequence[InviteTarget], page: int) -> View:
    """A button per party (per school for a per-school role); «all links as a file» on every page."""
    buttons = [Button(("✅ " if t.joined_person_ids else "") + t.label[:58], ed.pack(ed.InvitePartyPress(
        program_id, t.party_id, t.organization_id or 0))) for t in targets]
    shown = page_of(split_pages(buttons, length=lambda _: 0, per_page=PAGE_BUTTONS - NAVIGATION_BUTTONS - 2), page)
    rows = [[b] for b in shown.items]
    navigation = navigation_buttons(texts, shown, lambda n: cd.pack(cd.InvitePage(program_id, n)))
    if navigation:
        rows.append(navigation)
    rows.append([Button(texts("add-party-button"), ed.pack(ed.AddPartyOpen(program_id)))])
    rows.append([Button(texts("invite-all"), cd.pack(cd.InviteAll(program_id)))])
    header = texts("invite-header", program=program_title)
    return _text(texts, header, Page(items=[], number=shown.number, count=shown.count)), keyboard(*rows)


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
        button = Button(
            (f"{t.organization_name or ''} {format_date(t.due_date) if t.due_date else ''}".strip() or t.title)[:60],
            pack_task(CardOpen(t.task_id)))
        items.append((line, button))
    pages = split_pages(items, chars=_budget(header, footer), length=lambda item: len(item[0]),
                        per_page=PAGE_BUTTONS - NAVIGATION_BUTTONS - 2)
    shown = page_of(pages, page)
    rows = [[
        Button(texts("activity-button-fix"), ed.pack(ed.ActivityEdit(first.activity_id, ed.FIX))),
        Button(texts("activity-button-assign"), ed.pack(ed.ActivityEdit(first.activity_id, ed.ASSIGN))),
    ]]
    rows += [[button] for _, button in shown.items]
    navigation = navigation_buttons(texts, shown, lambda n: cd.pack(cd.ActivityPage(
        first.program_id, first.activity_id, n)))
    if navigation:
        rows.append(navigation)
    lines = Page(items=[line for line, _ in shown.items], number=shown.number, count=shown.count)
    return _text(texts, header, lines, footer), keyboard(*rows)


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
    items = [(overdue_group_line(texts, g), Button(
        shorten(f"{g.number or ''} {g.title}".strip(), 60), cd.pack(cd.ActivityOpen(program_id, g.activity_id))))
        for g in groups if g.activity_id is not None]
    shown = page_of(split_pages(items, chars=_budget(header, footer), length=lambda item: len(item[0]),
                                per_page=PAGE_BUTTONS - NAVIGATION_BUTTONS), page)
    rows = [[button] for _, button in shown.items]
    navigation = navigation_buttons(texts, shown, lambda n: cd.pack(cd.OverduePage(program_id, n)))
    if navigation:
        rows.append(navigation)
    lines = Page(items=[line for line, _ in shown.items], number=shown.number, count=shown.count)
    return _text(texts, header, lines, footer), keyboard(*rows) if rows else None
