"""Invite links per configured messenger: the bots' names, learnt once at start (Telegram: getMe,
which aiogram caches; MAX: GET /me), kept per database — the Telegram and MAX sides of one process
share the database, not their `Services` — and the links for one invite token (the same one-time
token on every messenger: «https://t.me/<bot>?start=<token>», «https://max.ru/<bot>?start=<token>»;
MAX allows a payload of up to 512 characters, our tokens are far shorter)."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from bot.conversations.events import Turn
from bot.i18n import Rendered, Texts

MAX_PAYLOAD = 512


@dataclass(slots=True)
class BotNames:
    telegram: str | None = None
    max: str | None = None


_names: weakref.WeakKeyDictionary[object, BotNames] = weakref.WeakKeyDictionary()


def names_for(db: object) -> BotNames:
    names = _names.get(db)
    if names is None:
        names = _names[db] = BotNames()
    return names


def remember(db: object, *, telegram: str | None = None, max: str | None = None) -> None:  # noqa: A002
    names = names_for(db)
    if telegram:
        names.telegram = telegram
    if max:
        names.max = max


def telegram_link(username: str, token: str) -> str:
    return f"https://t.me/{username}?start={token}"


def max_link(name: str, token: str) -> str:
    return f"https://max.ru/{name}?start={token[:MAX_PAYLOAD]}"


def max_configured(turn: Turn) -> bool:
    return bool(getattr(turn.settings, "max_bot_token", None)) and bool(names_for(turn.services.db).max)


def telegram_configured(turn: Turn) -> bool:
    """Telegram runs unless the deployment is MAX only (bot/app.py: a MAX token and no Telegram token)."""
    settings = turn.settings
    return bool(getattr(settings, "bot_token", None)) or not getattr(settings, "max_bot_token", None)


def invite_links(turn: Turn, token: str) -> list[tuple[str, str]]:
    """[(«Telegram», link), («MAX», link)] — Telegram alone when MAX is not configured."""
    names = names_for(turn.services.db)
    links = []
    if telegram_configured(turn) or not max_configured(turn):
        links.append(("Telegram", telegram_link(names.telegram or "bot", token)))
    if max_configured(turn):
        links.append(("MAX", max_link(names.max or "", token)))
    return links


def invite_link_text(texts: Texts, turn: Turn, token: str) -> str:
    """The `link` of «invite-link»: the bare t.me link with Telegram alone (as before MAX), else a
    line per messenger."""
    links = invite_links(turn, token)
    if len(links) == 1:
        return links[0][1]
    return Rendered("\n".join(texts("invite-link-channel", channel=name, link=link) for name, link in links))
