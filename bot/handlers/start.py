"""/start (with an invite payload from a deep link) and /help."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.domain.clock import Clock
from bot.handlers.tasks import render_list
from bot.i18n import Texts
from bot.services.bundle import Services
from bot.storage.invites import InviteError, InviteRole, looks_like_token
from bot.storage.people import Person

router = Router(name="start")


@router.message(CommandStart(deep_link=True))
async def on_invite(message: Message, command: CommandObject, state: FSMContext, services: Services,
                    person: Person, clock: Clock, texts: Texts) -> None:
    await state.clear()
    token = (command.args or "").strip()
    if not looks_like_token(token):
        await message.answer(texts("invite-unknown"))
        return
    try:
        redeemed = await services.invites.redeem(token, person.id, now=clock.now())
    except InviteError as error:
        await message.answer(texts(f"invite-{error.problem.value}"))
        return
    program = await services.programs.get_program(redeemed.program_id)
    title = program.title if program else ""
    if redeemed.already_yours:
        await message.answer(texts("invite-again", program=title))
    elif redeemed.role is InviteRole.COORDINATOR:
        await message.answer(texts("invite-joined-coordinator", program=title))
        return
    else:
        role = next((t.label for t in await services.invites.targets(redeemed.program_id)
                     if t.party_id == redeemed.party_id and t.organization_id == redeemed.organization_id), "")
        await message.answer(texts("invite-joined", program=title, role=role))
    text, keyboard = await render_list(services, person, clock, texts, 0)
    await message.answer(text, reply_markup=keyboard)


@router.message(CommandStart())
async def on_start(message: Message, state: FSMContext, texts: Texts) -> None:
    await state.clear()
    name = message.from_user.first_name if message.from_user else "коллега"
    await message.answer(texts("start-greeting", name=name))


@router.message(Command("help"))
async def on_help(message: Message, texts: Texts) -> None:
    await message.answer(texts("help-text"))
