"""Long texts into Telegram-sized messages (≤ 4096 characters), at line boundaries, never
inside an HTML tag; tags open across a cut are closed and reopened."""

from __future__ import annotations

import re

LIMIT = 4096
_TAG = re.compile(r"<(/?)([a-z-]+)[^>]*>")


def _open_tags(text: str) -> list[str]:
    stack: list[str] = []
    for match in _TAG.finditer(text):
        if match.group(1):
            if stack and stack[-1].startswith(f"<{match.group(2)}"):
                stack.pop()
        else:
            stack.append(match.group(0))
    return stack


def _close(tags: list[str]) -> str:
    return "".join(f"</{re.match(r'<([a-z-]+)', t).group(1)}>" for t in reversed(tags))  # type: ignore[union-attr]


def split_message(text: str, limit: int = LIMIT) -> list[str]:
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    budget = limit - 200  # room for closing and reopening tags
    lines = text.split("\n")
    for line in lines:
        while len(line) > budget:  # one enormous line: cut at a space outside a tag
            cut = line.rfind(" ", 0, budget)
            while cut > 0 and line.rfind("<", 0, cut) > line.rfind(">", 0, cut):
                cut = line.rfind(" ", 0, cut)
            cut = cut if cut > 0 else budget
            head, line = line[:cut], line[cut:].lstrip()
            current = _flush(parts, current, head)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > budget and current:
            current = _flush(parts, current, None) + line
        else:
            current = candidate
    if current:
        parts.append(current)
    return parts


def _flush(parts: list[str], current: str, extra: str | None) -> str:
    """Close what `current` left open, store it, and return the reopening prefix."""
    body = f"{current}\n{extra}" if current and extra is not None else (extra if extra is not None else current)
    tags = _open_tags(body)
    parts.append(body + _close(tags))
    return "".join(tags)
