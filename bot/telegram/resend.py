"""Stored files sent back by their Telegram file_id, each by its own type: a photo as a photo,
a document as a document (Telegram refuses «can't use file of type Photo as Document»), in
albums where Telegram allows one — 2 to 10 items, documents only with documents, photos and
videos together."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InputMediaDocument, InputMediaPhoto, InputMediaVideo

ALBUM_MIN, ALBUM_MAX = 2, 10
CAPTION_LIMIT = 1024

# The type in the first byte of a Bot API file_id (TDLib's FileType; higher bytes are flags).
_PHOTO_TYPES = {2}  # Photo
_VIDEO_TYPES = {4, 13}  # Video, VideoNote


@dataclass(frozen=True, slots=True)
class Outgoing:
    file_id: str
    caption: str  # already HTML (built with Texts), at most CAPTION_LIMIT characters
    kind: str  # "photo" | "video" | "document"


def file_kind(file_id: str) -> str:
    """«photo», «video» or «document», read from the file_id itself."""
    head = file_id[:8]
    try:
        raw = base64.urlsafe_b64decode(head + "=" * (-len(head) % 4))
    except (binascii.Error, ValueError):
        return "document"
    if not raw:
        return "document"
    if raw[0] in _PHOTO_TYPES:
        return "photo"
    if raw[0] in _VIDEO_TYPES:
        return "video"
    return "document"


def batches(items: Sequence[Outgoing]) -> list[list[Outgoing]]:
    """Albums of 2–10 files of one family (documents; photos and videos), in the order the first
    file of each family came; a family's lone leftover goes on its own."""
    families: dict[str, list[Outgoing]] = {}
    for item in items:
        families.setdefault("document" if item.kind == "document" else "visual", []).append(item)
    result: list[list[Outgoing]] = []
    for members in families.values():
        result += [members[i:i + ALBUM_MAX] for i in range(0, len(members), ALBUM_MAX)]
    return result


def _media(item: Outgoing):  # type: ignore[no-untyped-def]
    if item.kind == "photo":
        return InputMediaPhoto(media=item.file_id, caption=item.caption)
    if item.kind == "video":
        return InputMediaVideo(media=item.file_id, caption=item.caption)
    return InputMediaDocument(media=item.file_id, caption=item.caption)


async def _send_one(bot: Bot, chat_id: int, item: Outgoing) -> None:
    if item.kind == "photo":
        await bot.send_photo(chat_id, item.file_id, caption=item.caption)
    elif item.kind == "video":
        await bot.send_video(chat_id, item.file_id, caption=item.caption)
    else:
        await bot.send_document(chat_id, item.file_id, caption=item.caption)


async def send_files(bot: Bot, chat_id: int, items: Sequence[Outgoing]) -> None:
    for batch in batches(items):
        if len(batch) >= ALBUM_MIN:
            try:
                await bot.send_media_group(chat_id, [_media(item) for item in batch])
                continue
            except TelegramBadRequest as error:
                if "can't use file of type" not in str(error):
                    raise
                # a file_id whose type was misread: one by one, so the others still arrive
        for item in batch:
            try:
                await _send_one(bot, chat_id, item)
            except TelegramBadRequest as error:
                if "can't use file of type" not in str(error):
                    raise
                other = "document" if item.kind != "document" else "photo"
                await _send_one(bot, chat_id, Outgoing(item.file_id, item.caption, other))
