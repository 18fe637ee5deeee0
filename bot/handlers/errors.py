"""What goes wrong while answering: a person who blocked the bot is recorded, not crashed on."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.exceptions import TelegramForbiddenError
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent, User

from bot.domain.clock import Clock
from bot.services.bundle import Services
from bot.services.unreachable import report_unreachable

router = Router(name="errors")
log = logging.getLogger(__name__)


@router.errors(ExceptionTypeFilter(TelegramForbiddenError))
async def on_forbidden(event: ErrorEvent, services: Services, clock: Clock) -> bool:
    user: User | None = None
    for candidate in (event.update.message, event.update.callback_query, event.update.my_chat_member):
        if candidate is not None:
            user = candidate.from_user
            break
    log.warning("Telegram refused to deliver to %s: %s", user.id if user else "?", event.exception)
    if user is not None:
        await report_unreachable(services.db, user.id, reason=str(event.exception), now=clock.now(),
                                 configured_coordinators=services.access.configured_coordinators)
    return True
