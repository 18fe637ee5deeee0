"""Guarded import of files users send: limits, a worker process, Russian refusals.

`import_untrusted(content, file_name)` writes the bytes to a private temporary folder under a
generated name and imports them in a worker process, so the event loop never runs a parser:
a ZIP bomb, a sheet declaring 16,384 columns or a parser stuck in a regular expression costs
a worker, never the bot. The worker checks the archive before parsing (`zip_checks`), reads
with row/column/cell limits, caps its own memory (RLIMIT_AS) and is killed when the time
budget runs out. Every refusal is a RoadmapImportError naming the user's file.

Workers come from a small pool (`worker_pool.ImportPool`) reused across calls; a killed one
is replaced in the background. `start()` warms the pool up (optional), `shutdown()` stops it
when the bot stops.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from bot.domain.models import ImportResult, Period
from bot.importing.guard_worker import PackedResult, Request, import_in_worker, rebuild_error, safe_loads
from bot.importing.source import RoadmapImportError
from bot.importing.worker_pool import ImportPool

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ImportLimits:
    max_file_bytes: int = 20 * 2**20  # what Telegram lets a bot download; read_document's limit too
    max_unpacked_bytes: int = 50 * 2**20  # all parts of an .xlsx/.docx together, as declared
    max_entry_ratio: float = 100.0  # unpacked/packed of one part; real sheets 5–30, the 60 KB bomb ~300
    max_total_ratio: float = 100.0  # the same over the whole archive
    ratio_floor_bytes: int = 2**20  # parts (and archives) smaller than this may compress as they like
    max_entries: int = 2_000  # parts in the archive; a roadmap has 10–40, with pictures a few hundred
    max_sheets: int = 50
    max_rows: int = 20_000  # filled rows (lines) in the whole document; roadmaps have under 2,000
    max_columns: int = 60  # columns read from a sheet; further cells (up to XFD) are never materialised
    max_grid_columns: int = 200  # a Word table row wider than this is refused (Word stops at 63)
    max_cells: int = 200_000  # filled cells in the whole document
    seconds: float = 30.0  # the worker is killed after this (a 5,000-row sheet takes ~3 s)
    memory_bytes: int | None = 2**30  # RLIMIT_AS of the worker, where the OS has it; None: no cap


DEFAULT_LIMITS = ImportLimits()
READABLE = (".docx", ".xlsx", ".txt", ".text")  # what read_document reads; anything else never reaches a worker


def _slow(name: str, limits: ImportLimits) -> str:
    return (f"Файл «{name}» читается слишком долго (дольше {limits.seconds:.0f} с) — чтение остановлено. "
            "Оставьте в файле только таблицу мероприятий и пришлите его снова.")


def _out_of_memory(name: str, limits: ImportLimits) -> str:
    cap = f" (предел {limits.memory_bytes / 2**20:.0f} МБ)" if limits.memory_bytes else ""
    return (f"Файл «{name}» слишком большой для чтения: не хватило памяти{cap}. "
            "Оставьте в файле только таблицу мероприятий и пришлите его снова.")


def _crashed(name: str) -> str:
    return (f"Файл «{name}» не удалось прочитать: чтение аварийно прервалось. "
            "Откройте его в Word или Excel, сохраните заново и пришлите снова.")


def _stopped(name: str) -> str:
    return f"Чтение файла «{name}» прервано: бот перезапускается. Пришлите файл ещё раз через минуту."


async def import_untrusted(content: bytes, file_name: str, *, period: Period | None = None,
                           timezone: str | None = None, limits: ImportLimits = DEFAULT_LIMITS) -> ImportResult:
    """`import_file` for a file a user sent, in a worker process with `limits`. Raises
    RoadmapImportError (its subclasses included) naming `file_name`."""
    name = file_name or "без имени"
    if not content:
        raise RoadmapImportError(f"Файл «{name}» пустой. Пришлите дорожную карту с таблицей мероприятий.")
    if len(content) > limits.max_file_bytes:
        raise RoadmapImportError(f"Файл «{name}» больше {limits.max_file_bytes / 2**20:.0f} МБ. "
                                 "Сохраните дорожную карту без картинок.")
    suffix = Path(name).suffix.lower()
    if suffix not in READABLE:
        raise RoadmapImportError(
            f"Файл «{name}» не прочитать: формат «{suffix or 'без расширения'}» не поддерживается. Пришлите "
            "дорожную карту в .docx, .xlsx или .txt (в Word или Excel: «Файл → Сохранить как»).")
    folder, path = await asyncio.to_thread(_write_private, content, suffix)
    try:
        packed = await run_guarded(import_in_worker, str(path), name, period, timezone, limits, file_name=name,
                                   limits=limits, renames=((str(path), name), (path.name, name)))
    finally:
        await asyncio.to_thread(shutil.rmtree, folder, True)
    return await unpack_result(packed)


async def unpack_result(packed: PackedResult) -> ImportResult:
    """The worker's result rebuilt one piece per event-loop turn."""
    result: ImportResult = safe_loads(packed.head)
    for target, pieces in ((result.program.activities, packed.activities), (result.warnings, packed.warnings)):
        for piece in pieces:
            await asyncio.sleep(0)
            target.extend(safe_loads(piece))
    return result


async def run_guarded(func: Callable[..., Any], *args: Any, file_name: str, limits: ImportLimits = DEFAULT_LIMITS,
                      renames: tuple[tuple[str, str], ...] = ()) -> Any:
    """`func(*args)` in a pool worker under `limits` (time and memory); its RoadmapImportError
    re-raised here, anything else as a Russian refusal naming `file_name`. `func` must be a
    module-level function (it is sent to the worker by reference)."""
    request = Request(func=func, args=args, name=file_name, renames=renames, memory_bytes=limits.memory_bytes,
                      seconds=limits.seconds)
    reply = await get_pool().run(request, seconds=limits.seconds)
    if reply.status == "ok":
        return reply.value
    if reply.status == "error":
        if reply.log:
            logger.warning("import of «%s» failed in the worker:\n%s", file_name, reply.log)
        raise rebuild_error(reply.value)
    logger.warning("import of «%s» stopped: %s %s", file_name, reply.status, reply.log or "")
    message = {"timeout": _slow(file_name, limits), "memory": _out_of_memory(file_name, limits),
               "stopped": _stopped(file_name)}.get(reply.status, _crashed(file_name))
    raise RoadmapImportError(message)


def _write_private(content: bytes, suffix: str) -> tuple[str, Path]:
    folder = tempfile.mkdtemp(prefix="roadmap-import-")  # mode 0700
    path = Path(folder) / f"upload-{secrets.token_hex(8)}{suffix}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(content)
    return folder, path


_pool: ImportPool | None = None
_pool_lock = threading.Lock()


def get_pool() -> ImportPool:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ImportPool()
        return _pool


async def start(workers: int = 1) -> None:
    """Optional warm-up at the bot's start: the first import then needs no process start."""
    await get_pool().start(workers)


async def shutdown() -> None:
    """Stop the workers (the bot is stopping); a later import starts a new pool."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        await asyncio.to_thread(pool.close)
