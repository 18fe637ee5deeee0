"""Which program a coordinator's command is about (issue 12 «Many programs»), on any messenger:
the current program (the only one counts), or «Какая программа?» with a button per program; the
choice is remembered and the command it was asked for goes on; «🔁 Сменить программу» asks again;
/program chooses. Button data: «cp:…» / «cw:…» of bot/conversations/edit_data.py.

Purposes are PickPurpose values («ppl», «sum»…). The reading features run here (`run`); other
features register theirs in RUNNERS (e.g. «sch», «add», «rem» — the editing features)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.conversations.edit_data import ProgramChoice, ProgramSwitchPress, pack
from bot.conversations.events import Turn
from bot.conversations.replies import Button, Edit, Keyboard, Notice, Reply, Send, keyboard
from bot.conversations.state import StateStore
from bot.i18n import Texts
from bot.services.bundle import Services
from bot.services.current_program import Choice, CurrentProgramRepository, coordinator_choice, program_label
from bot.storage.people import Person
from bot.storage.programs import ProgramRecord

PENDING_ARGS = "program_pick_args"  # conversation data: {purpose: the command's arguments} while picking
WITH_ALL = ("sum", "exp")  # «Все программы» is a choice there
PEOPLE, INVITE, OVERDUE, PROGRAM, SUMMARY, EXPORT, ACTIVITY = "ppl", "inv", "ovd", "prg", "sum", "exp", "act"

Runner = Callable[[Turn, ProgramRecord, str], Awaitable[list[Reply]]]
RUNNERS: dict[str, Runner] = {}  # purpose → the command on the chosen program (features outside this module)


def picker(texts: Texts, choice: Choice, purpose: str, arg: str = "") -> Keyboard:
    current = choice.current.id if choice.current else 0
    rows = [[Button(("✅ " if p.id == current else "") + program_label(p), pack(ProgramChoice(p.id, purpose, arg)))]
            for p in choice.programs]
    if purpose in WITH_ALL:
        rows.append([Button(texts("program-all"), pack(ProgramChoice(0, purpose)))])
    return keyboard(*rows)


def ask(texts: Texts, choice: Choice, purpose: str, arg: str = "") -> Send:
    text = texts("pick-program-current", program=program_label(choice.current)) if choice.current \
        else texts("pick-program-remember")
    return Send(text, picker(texts, choice, purpose, arg))


async def refusal(services: Services, person: Person, texts: Texts, choice: Choice) -> list[Reply]:
    """[] when the person coordinates a program; else why nothing can be done."""
    if choice.programs:
        return []
    stranger = not await services.access.coordinated_programs(person) \
        and not services.access.is_configured_coordinator(person)
    return [Send(texts("not-coordinator") if stranger else texts("programs-empty"))]


async def choose(services: Services, person: Person, texts: Texts, purpose: str, *, state: StateStore | None = None,
                 args: str = "", arg: str = "") -> tuple[ProgramRecord | None, list[Reply]]:
    """The program to act on, or (None, the question «which program?» or a refusal); the
    command's `args` wait in the conversation state, a short `arg` rides in the buttons."""
    choice = await coordinator_choice(services, person)
    refused = await refusal(services, person, texts, choice)
    if refused:
        return None, refused
    if choice.current is not None:
        return choice.current, []
    if state is not None and args:
        pending = dict((await state.get_data()).get(PENDING_ARGS) or {})
        pending[purpose] = args
        await state.update_data(**{PENDING_ARGS: pending})
    return None, [ask(texts, choice, purpose, arg)]


async def current_or_ask(turn: Turn, purpose: str, *, args: str = "",
                         arg: str = "") -> tuple[ProgramRecord | None, list[Reply]]:
    return await choose(turn.services, turn.person, turn.texts, purpose, state=turn.state, args=args, arg=arg)


async def pop_pending(state: StateStore | None, purpose: str) -> str:
    if state is None:
        return ""
    pending = dict((await state.get_data()).get(PENDING_ARGS) or {})
    args = pending.pop(purpose, "")
    if args:
        await state.update_data(**{PENDING_ARGS: pending})
    return str(args)


def switch_button(texts: Texts, purpose: str, arg: str = "") -> Button:
    return Button(texts("program-switch"), pack(ProgramSwitchPress(purpose, arg)))


async def context_of(services: Services, person: Person | None, texts: Texts, program_id: int, purpose: str,
                     arg: str = "") -> tuple[str, list[list[Button]]]:
    """(«Программа: … · сменить: /program», [[🔁 Сменить программу]]) for a coordinator of
    several programs; ("", []) for one program — nothing to tell apart."""
    if person is None:
        return "", []
    choice = await coordinator_choice(services, person)
    program = next((p for p in choice.programs if p.id == program_id), None)
    if not choice.several or program is None:
        return "", []
    return texts("current-program-line", program=program_label(program)), [[switch_button(texts, purpose, arg)]]


def with_rows(board: Keyboard | None, rows: list[list[Button]]) -> Keyboard | None:
    if not rows:
        return board
    return keyboard(*(board or ()), *rows)


async def program_command(turn: Turn) -> list[Reply]:
    """/program"""
    choice = await coordinator_choice(turn.services, turn.person)
    refused = await refusal(turn.services, turn.person, turn.texts, choice)
    if refused:
        return refused
    if not choice.several:
        return [Send(turn.texts("program-only", program=program_label(choice.programs[0])))]
    return [ask(turn.texts, choice, PROGRAM)]


async def switch_pressed(turn: Turn, purpose: str, arg: str = "") -> list[Reply]:
    """«🔁 Сменить программу»: the programs again, for the same command."""
    choice = await coordinator_choice(turn.services, turn.person)
    return await refusal(turn.services, turn.person, turn.texts, choice) or [ask(turn.texts, choice, purpose, arg)]


async def choose_pressed(turn: Turn, program_id: int, purpose: str,
                         arg: str = "") -> tuple[list[Reply], ProgramRecord | None, str]:
    """A program pressed in the picker: (the answer to the press, the program now current — None
    when refused —, the command's arguments)."""
    texts = turn.texts
    program = next((p for p in (await coordinator_choice(turn.services, turn.person)).programs
                    if p.id == program_id), None)
    if program is None or not await turn.services.access.is_coordinator(turn.person, program_id):
        return [Notice(texts("no-access"), alert=True)], None, ""
    await CurrentProgramRepository(turn.services.db).set(turn.person.id, program_id, now=turn.clock.now())
    replies: list[Reply] = [Notice(texts("program-picked-short")),
                            Edit(texts("program-picked", program=program_label(program)))]
    return replies, program, arg or await pop_pending(turn.state, purpose)


async def picked(turn: Turn, program_id: int, purpose: str, arg: str = "") -> list[Reply]:
    """A program pressed in the picker (0: «Все программы»): remembered, then the command goes on."""
    texts = turn.texts
    if program_id == 0:
        if purpose not in WITH_ALL:
            return [Notice(texts("stale-button"), alert=True)]
        from bot.conversations import coordinator_summary as summary

        runner = summary.all_summaries if purpose == SUMMARY else summary.all_exports
        return [Edit(texts("program-all-picked")), *await runner(turn)]
    replies, program, args = await choose_pressed(turn, program_id, purpose, arg)
    if program is None:
        return replies
    return replies + (await run(turn, purpose, program, args) or [])


def runs(purpose: str) -> bool:
    """Whether `run` carries out the command picked for (else the adapter does, or nothing)."""
    return purpose in (PEOPLE, INVITE, OVERDUE, SUMMARY, EXPORT, ACTIVITY, PROGRAM) or purpose in RUNNERS


async def run(turn: Turn, purpose: str, program: ProgramRecord, args: str) -> list[Reply] | None:
    """The command the coordinator was asked «which program?» for, on the chosen program; None:
    no conversation here runs it (the messenger's adapter may)."""
    from bot.conversations import coordinator_invites as invites
    from bot.conversations import coordinator_lists as lists
    from bot.conversations import coordinator_summary as summary

    if purpose == PEOPLE:
        return await lists.people(turn, program.id)
    if purpose == INVITE:
        return await invites.invite_menu(turn, program.id)
    if purpose == OVERDUE:
        return await lists.overdue(turn, program.id)
    if purpose == SUMMARY:
        return await summary.summary(turn, program)
    if purpose == EXPORT:
        return await summary.export(turn, program)
    if purpose == ACTIVITY:
        return await lists.show_activity(turn, program.id, args)
    if purpose == PROGRAM:
        return []
    runner = RUNNERS.get(purpose)
    return await runner(turn, program, args) if runner is not None else None
