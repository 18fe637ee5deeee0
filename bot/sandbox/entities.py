"""Telegram's HTML and MarkdownV2 parse modes: text + entities, or Telegram's error.

Offsets and lengths are in UTF-16 code units, as in the Bot API.
"""

from __future__ import annotations

import html
import re
from typing import Any

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^>]*)?)\s*>")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_ATTR = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_SIMPLE = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "ins": "underline",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough", "code": "code", "pre": "pre",
    "tg-spoiler": "spoiler", "blockquote": "blockquote", "a": "text_link", "span": "spoiler", "tg-emoji": "custom_emoji",
}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


class ParseError(ValueError):
    pass


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    out: list[str] = []
    length = 0  # UTF-16 units emitted so far
    stack: list[tuple[str, int, dict[str, Any]]] = []
    entities: list[dict[str, Any]] = []
    pos = 0
    while pos < len(source):
        char = source[pos]
        if char == "<":
            offset = len(source[:pos].encode())
            match = _TAG.match(source, pos)
            if not match:
                raise ParseError(_bad_tag(source, pos, offset))
            closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
            if name not in _SIMPLE:
                raise ParseError(f'Unsupported start tag "{name}" at byte offset {offset}')
            if not closing:
                _check_nesting(name, [opened for opened, _, _ in stack], offset)
            if closing:
                if not stack or stack[-1][0] != name:
                    raise ParseError(f'Unmatched end tag at byte offset {len(source[:pos].encode())}, expected '
                                     f'"</{stack[-1][0] if stack else ""}>", found "</{name}>"')
                opened, start, extra = stack.pop()
                if length > start:
                    entities.append({"type": _SIMPLE[opened], "offset": start, "length": length - start, **extra})
            else:
                extra: dict[str, Any] = {}
                found = {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None) for m in _ATTR.finditer(attrs)}
                if name == "a":
                    if "href" not in found:
                        raise ParseError("Can't find end of the entity: a link without href")
                    extra["url"] = html.unescape(found["href"])
                elif name == "span":
                    if found.get("class") != "tg-spoiler":
                        raise ParseError('Unsupported start tag "span"')
                elif name == "tg-emoji":
                    extra["custom_emoji_id"] = found.get("emoji-id", "")
                elif name == "blockquote" and "expandable" in attrs:
                    extra["type"] = "expandable_blockquote"
                stack.append((name, length, extra))
            pos = match.end()
            continue
        if char == "&":
            match = _ENTITY.match(source, pos)
            if match:
                body = match.group(1)
                if body.startswith("#x"):
                    text = chr(int(body[2:], 16))
                elif body.startswith("#"):
                    text = chr(int(body[1:]))
                elif body in _NAMED:
                    text = _NAMED[body]
                else:
                    raise ParseError(f'Unsupported HTML entity "&{body};"')
                out.append(text)
                length += utf16_len(text)
                pos = match.end()
                continue
        out.append(char)
        length += utf16_len(char)
        pos += 1
    if stack:
        raise ParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _bad_tag(source: str, pos: int, offset: int) -> str:
    """TDLib's words for a "<" that starts no tag it can read."""
    end = pos + 1
    if source[end:end + 1] == "/":
        return f"Unexpected end tag at byte offset {offset}"
    while end < len(source) and not source[end].isspace() and source[end] != ">":
        end += 1
    name = source[pos + 1:end].lower()
    if end >= len(source) or name in _SIMPLE:
        return f"Unclosed start tag at byte offset {offset}"
    return f'Unsupported start tag "{name}" at byte offset {offset}'


_VERBATIM = {"code", "pre"}


def _check_nesting(name: str, open_tags: list[str], offset: int) -> None:
    """The nesting rules of Telegram's "Formatting options": bold, italic, underline,
    strikethrough and spoiler nest freely except inside pre and code; blockquotes don't nest;
    other entities (links, code, pre) can't contain each other, save <pre><code> for a language.

    Stricter than Telegram on purpose: TDLib's parser accepts such markup and then silently drops
    the entity that breaks the rules (a link loses its <code>, a <b> inside <code> vanishes), so
    the formatting is lost in production. The emulator refuses it, as "can't parse entities",
    with its own text (Telegram has none for this)."""
    def refuse(outer: str) -> ParseError:
        return ParseError(f'Tag "{name}" can\'t be nested in tag "{outer}" at byte offset {offset}')

    verbatim = [tag for tag in open_tags if tag in _VERBATIM]
    if verbatim and not (name == "code" and verbatim == ["pre"] and open_tags[-1] == "pre"):
        raise refuse(verbatim[-1])
    if name in _VERBATIM | {"a"} and "a" in open_tags:
        raise refuse("a")
    if name == "blockquote" and "blockquote" in open_tags:
        raise refuse("blockquote")


_MD_RESERVED = set("_*[]()~`>#+-=|{}.!")


def parse_markdown_v2(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Enough of MarkdownV2 to catch the classic mistake: reserved characters unescaped."""
    out: list[str] = []
    pos = 0
    while pos < len(source):
        char = source[pos]
        if char == "\\" and pos + 1 < len(source):
            out.append(source[pos + 1])
            pos += 2
            continue
        if char in _MD_RESERVED and char not in "*_~`|[]()":
            raise ParseError(f"Character '{char}' is reserved and must be escaped with the preceding '\\'")
        if char not in "*_~`|":
            out.append(char)
        pos += 1
    return "".join(out), []


def parse(text: str, parse_mode: str | None) -> tuple[str, list[dict[str, Any]]]:
    mode = (parse_mode or "").lower()
    if mode == "html":
        return parse_html(text)
    if mode == "markdownv2":
        return parse_markdown_v2(text)
    return text, []


def to_html(text: str, entities: list[dict[str, Any]] | None) -> str:
    """Entities rendered back to safe HTML (for the sandbox chat page)."""
    if not entities:
        return html.escape(text)
    units = text.encode("utf-16-le")
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    tags = {"bold": "b", "italic": "i", "underline": "u", "strikethrough": "s", "code": "code", "pre": "pre",
            "spoiler": "tg-spoiler", "blockquote": "blockquote", "expandable_blockquote": "blockquote"}
    for e in entities:
        if e["type"] == "text_link":
            opens.setdefault(e["offset"], []).append(f'<a href="{html.escape(e["url"])}">')
            closes.setdefault(e["offset"] + e["length"], []).insert(0, "</a>")
        elif e["type"] in tags:
            tag = tags[e["type"]]
            opens.setdefault(e["offset"], []).append(f"<{tag}>")
            closes.setdefault(e["offset"] + e["length"], []).insert(0, f"</{tag}>")
    result: list[str] = []
    for index in range(0, len(units) // 2 + 1):
        result.extend(closes.get(index, []))
        result.extend(opens.get(index, []))
        if index < len(units) // 2:
            unit = units[index * 2 : index * 2 + 2]
            code = int.from_bytes(unit, "little")
            if 0xD800 <= code < 0xDC00:  # a surrogate pair: take both halves
                result.append(html.escape(units[index * 2 : index * 2 + 4].decode("utf-16-le")))
            elif 0xDC00 <= code < 0xE000:
                continue
            else:
                result.append(html.escape(unit.decode("utf-16-le")))
    return "".join(result)
