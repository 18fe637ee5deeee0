"""MAX text formatting as the emulator understands it: `format: html|markdown` → plain text and
`MarkupElement`s (offsets and lengths in UTF-16 code units, as MAX's Java server counts them).

HTML: the tags the description lists (i/em, b/strong, del/s, ins/u, a href, pre/code, mark, h1);
every other tag is stripped, as the description says. Markdown: the syntax the description lists
(**strong**/__strong__, *em*/_em_, ~~strike~~, ++underline++, `code`, ^^highlight^^, [text](url),
`# heading`). Nested markdown is not interpreted, and inline markup after a `# ` line is
placed 2 units late (the emulator keeps it simple; html is what the project sends)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

_HTML_KINDS = {"i": "emphasized", "em": "emphasized", "b": "strong", "strong": "strong", "del": "strikethrough",
               "s": "strikethrough", "ins": "underline", "u": "underline", "a": "link", "pre": "monospaced",
               "code": "monospaced", "mark": "highlighted", "h1": "heading"}


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.open: list[tuple[str, int, dict[str, Any]]] = []
        self.markup: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.text += "\n"
        elif tag in _HTML_KINDS:
            extra = {"url": dict(attrs).get("href") or ""} if tag == "a" else {}
            self.open.append((tag, utf16_len(self.text), extra))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                _, start, extra = self.open.pop(index)
                length = utf16_len(self.text) - start
                if length > 0:
                    self.markup.append({"type": _HTML_KINDS[tag], "from": start, "length": length, **extra})
                return

    def handle_data(self, data: str) -> None:
        self.text += data


_MD = [
    (re.compile(r"\*\*(.+?)\*\*|__(.+?)__", re.S), "strong"),
    (re.compile(r"~~(.+?)~~", re.S), "strikethrough"),
    (re.compile(r"\+\+(.+?)\+\+", re.S), "underline"),
    (re.compile(r"\^\^(.+?)\^\^", re.S), "highlighted"),
    (re.compile(r"```(.+?)```|`(.+?)`", re.S), "monospaced"),
    (re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)"), "link"),
    (re.compile(r"(?<![*\w])\*(?!\s)(.+?)\*|(?<![_\w])_(?!\s)(.+?)_", re.S), "emphasized"),
]


def _markdown(source: str) -> tuple[str, list[dict[str, Any]]]:
    spans: list[tuple[int, int, str, str, dict[str, Any]]] = []  # start, end, kind, inner, extra
    taken = [False] * len(source)
    for pattern, kind in _MD:
        for match in pattern.finditer(source):
            if any(taken[match.start():match.end()]):
                continue
            inner = match.group(1) if match.group(1) is not None else match.group(2)
            extra = {"url": match.group(2)} if kind == "link" else {}
            spans.append((match.start(), match.end(), kind, inner, extra))
            for i in range(match.start(), match.end()):
                taken[i] = True
    spans.sort()
    text, markup, cursor = "", [], 0
    for start, end, kind, inner, extra in spans:
        text += source[cursor:start]
        markup.append({"type": kind, "from": utf16_len(text), "length": utf16_len(inner), **extra})
        text += inner
        cursor = end
    text += source[cursor:]
    lines, out_lines, offset = text.split("\n"), [], 0
    for line in lines:
        if line.startswith("# "):
            line = line[2:]
            markup.append({"type": "heading", "from": offset, "length": utf16_len(line)})
        out_lines.append(line)
        offset += utf16_len(line) + 1
    return "\n".join(out_lines), markup


def render(text: str | None, fmt: str | None) -> tuple[str | None, list[dict[str, Any]] | None]:
    """The message text as recipients see it and its markup (None when there is none)."""
    if text is None or fmt is None:
        return text, None
    if fmt == "html":
        parser = _Html()
        parser.feed(text)
        parser.close()
        plain, markup = parser.text, parser.markup
    else:
        plain, markup = _markdown(text)
    markup.sort(key=lambda m: (m["from"], -m["length"]))
    return plain, (markup or None)
