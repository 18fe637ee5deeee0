"""File names people send, made harmless before any check looks at them.

A name is only ever data: the bytes are stored under a generated name (`stored_name`),
the person's name (`normalize_file_name`) is kept in the database and shown back; where
a name must become a path (the export archive), `safe_file_name` makes it one. Still, the shown name must
not lie (a right-to-left override turns «отчёт\u202Efdp.exe» into «отчётexe.pdf» on
screen), and the checks must see what Windows would run: «evil.bat.» and «setup.cmd »
are «evil.bat» and «setup.cmd» to Explorer.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
import uuid

# Bytes of UTF-8, not characters: ext4 and most file systems stop at 255 bytes, and a
# Cyrillic letter is 2 bytes, an emoji 4.
MAX_NAME_BYTES = 180
MAX_EXTENSION_CHARS = 10

# Explicit list, for the reader; they are all category Cf and removed with it.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
    "\u200e\u200f\u061c"  # LRM RLM ALM
)
# Joiners are format characters too, but emoji and some scripts need them.
_KEPT_FORMAT = frozenset("\u200c\u200d")
# Folder separators (and look-alikes) and the characters Windows forbids in a name.
_UNSAFE = re.compile(r"[<>:\"|?*\u2215\u2044\u29f8\uff0f\uff3c]")
_SEPARATORS = re.compile(r"[/\\]")
_EDGES = re.compile(r"^[\s./\\]+|[\s./\\]+$")
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$", re.IGNORECASE)
_SAFE_EXTENSION = re.compile(r"^[a-z0-9]{1,%d}$" % MAX_EXTENSION_CHARS)


def _drop_invisible(name: str) -> str:
    kept = []
    for ch in name:
        category = unicodedata.category(ch)
        if ch in BIDI_CONTROLS or category in ("Cc", "Zl", "Zp") or (category == "Cf" and ch not in _KEPT_FORMAT):
            continue
        if category in ("Co", "Cs", "Cn"):  # private use, lone surrogates, unassigned
            kept.append("_")
            continue
        kept.append(ch)
    return "".join(kept)


def _cut_utf8(text: str, budget: int) -> str:
    """The longest prefix of `text` whose UTF-8 fits in `budget` bytes (no half letters)."""
    return text.encode("utf-8")[:max(budget, 0)].decode("utf-8", errors="ignore")


def split_extension(name: str) -> tuple[str, str]:
    """(stem, extension with its dot) — «отчёт.pdf» → («отчёт», «.pdf»); a leading dot or
    an over-long tail is not an extension."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or not ext or len(ext) > MAX_EXTENSION_CHARS * 2 or " " in ext:
        return name, ""
    return stem, f".{ext}"


def _cap(stem: str, ext: str, fallback: str, max_bytes: int) -> str:
    if len((stem + ext).encode("utf-8")) <= max_bytes:
        return stem + ext
    if len(ext.encode("utf-8")) > max_bytes // 3:
        ext = ""
    stem = _EDGES.sub("", _cut_utf8(stem, max_bytes - len(ext.encode("utf-8")))) or _cut_utf8(fallback, 16)
    return stem + ext


def normalize_file_name(name: str | None, fallback: str = "file", *, max_bytes: int = MAX_NAME_BYTES) -> str:
    """The person's name as every check and every screen sees it, kept as data in the row.

    NFC; invisible controls (bidi overrides, zero-width marks, C0/C1, line separators)
    removed; dots, spaces and slashes at the ends stripped (Windows drops trailing dots
    and spaces, so «evil.bat.» is «evil.bat»); cut to `max_bytes` of UTF-8 keeping the
    extension. Never empty: `fallback` instead. Printable characters such as «<», «&» or
    «/» stay — the name is text, escaped where it is shown; wherever a name becomes a
    path, use `safe_file_name`.
    """
    text = unicodedata.normalize("NFC", name or "")
    text = _drop_invisible(text)
    text = unicodedata.normalize("NFC", text)  # removing a mark may leave a composable pair
    text = _EDGES.sub("", text)
    if not text:
        text = fallback
    stem, ext = split_extension(text)
    return _cap(stem, ext, fallback, max_bytes)


def safe_file_name(name: str | None, fallback: str = "file", *, max_bytes: int = MAX_NAME_BYTES) -> str:
    """`normalize_file_name`, then fit for a path on any disk or in an archive: path separators
    and characters Windows forbids replaced with «_» (a «/» inside «ВПР/ОГЭ» or «</b>» loses no
    words, and «../» cannot climb), a reserved device name (CON, NUL, COM1…) prefixed with «_»."""
    text = _SEPARATORS.sub("_", normalize_file_name(name, fallback, max_bytes=max_bytes))
    text = _EDGES.sub("", _UNSAFE.sub("_", text)) or fallback
    stem, ext = split_extension(text)
    if _WINDOWS_RESERVED.match(stem.split(".")[0].rstrip(" ")):
        stem = "_" + stem
    return _cap(stem, ext, fallback, max_bytes)


def safe_extension(name: str | None) -> str:
    """The extension for a file on our disk: «.pdf», lower-case ASCII letters and digits,
    at most 10 of them; anything else gives no extension at all."""
    _, ext = split_extension(safe_file_name(name))
    ext = ext[1:].lower()
    return f".{ext}" if _SAFE_EXTENSION.match(ext) else ""


def stored_name(name: str | None) -> str:
    """A fresh name for the bytes on disk, never the person's name: «<uuid>.pdf»."""
    return f"{uuid.uuid4().hex}{safe_extension(name)}"
