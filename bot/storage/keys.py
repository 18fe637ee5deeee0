"""Matching keys: how storage recognises the same organization, party or activity when a
roadmap is loaded again after a person retyped it (case, ё, quotes, dots, spacing)."""

from __future__ import annotations

import re
from pathlib import PureWindowsPath

_QUOTES = re.compile(r"[«»\"'“”„‘’`]")
_NUMBER_SIGN = re.compile(r"№\s*")
_SPACES = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^\w]+|_+")


def name_key(text: str) -> str:
    """«МОАУ  СОШ №1» and «моау сош № 1» give the same key."""
    text = text.casefold().replace("ё", "е")
    text = _QUOTES.sub(" ", text)
    text = text.replace(".", " ").replace(",", " ")
    text = _NUMBER_SIGN.sub("№ ", text)
    return _SPACES.sub(" ", text).strip()


def slugify(text: str) -> str:
    """A readable, stable key; Cyrillic is kept (SQLite does not mind)."""
    slug = _NOT_SLUG.sub("-", text.casefold().replace("ё", "е")).strip("-")
    return slug or "program"


def source_file_name(source: str) -> str:
    """The file name alone, whether the source was recorded with / or \\ separators."""
    return PureWindowsPath(source).name or source
