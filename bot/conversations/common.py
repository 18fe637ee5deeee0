"""Small pieces the conversations share: the local «today», refusal texts."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from bot.domain.clock import Clock
from bot.i18n import Texts
from bot.services.errors import AccessDenied, NotFound, ServiceError


def local_today(clock: Clock, timezone: str) -> date:
    return clock.now().astimezone(ZoneInfo(timezone)).date()


def refusal_text(texts: Texts, error: ServiceError) -> str:
    if isinstance(error, AccessDenied):
        return texts("no-access")
    if isinstance(error, NotFound):
        return texts("task-gone")
    return texts("stale-button")
