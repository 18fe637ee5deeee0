"""The worker-process side of the guarded import (`bot.importing.guard`).

A worker serves requests from its pipe one at a time: it caps its own address space
(RLIMIT_AS, where the OS has it), runs the request, and answers with a reply that always
crosses the process boundary — a RoadmapImportError (or a subclass with extra attributes) is
sent as its class, args and attributes, any other exception becomes the Russian «повреждён»
refusal naming the user's file. The temporary file's name never reaches the user.

Replies are unpickled by the bot with `safe_loads`: a worker that a file subverted (a memory
bug in a C parser) can make it rebuild the bot's data classes, never call a function. An
ImportResult travels as `PackedResult`, pieces the bot rebuilds between event-loop turns.
"""

from __future__ import annotations

import dataclasses
import datetime
import importlib
import io
import pickle
import signal
import sys
import traceback
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel

from bot.importing.source import RoadmapImportError
from bot.importing.zip_checks import check_document_size, check_office_archive, damaged

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

# Imported by a worker before it reports ready, so that the time budget is the reading's alone.
PRELOAD = ("bot.importing.guard", "bot.importing.assemble", "bot.importing.load_file", "bot.importing.xlsx",
           "bot.importing.docx", "openpyxl", "docx")
CHUNK = 200  # activities (or warnings) per piece: ~20 ms to unpickle


@dataclass(frozen=True, slots=True)
class Request:
    func: Callable[..., Any]  # module-level, so it pickles by reference
    args: tuple[Any, ...]
    name: str  # the user's file name, for messages
    renames: tuple[tuple[str, str], ...]  # (temporary path or name, user's name)
    memory_bytes: int | None
    seconds: float | None = None


@dataclass(frozen=True, slots=True)
class Reply:
    status: str  # "ok" | "error" (value = (class, args, attributes)) | "memory" | "crash"; the pool adds
    # "timeout" and "stopped"
    value: Any = None
    log: str | None = None  # traceback of an unexpected exception, for the bot's log
    retire: bool = False  # the worker exits after this reply (it ran out of memory)


@dataclass(frozen=True, slots=True)
class PackedResult:
    """An ImportResult whose activities and warnings are pickled in pieces of CHUNK: the bot
    rebuilds them one piece per event-loop turn (all 5,000 at once would stall it ~0.5 s)."""

    head: bytes  # the result with no activities and no warnings
    activities: tuple[bytes, ...]
    warnings: tuple[bytes, ...]


def pack_result(result: Any) -> PackedResult:
    activities, warnings = list(result.program.activities), list(result.warnings)
    result.program.activities.clear()
    result.warnings.clear()
    return PackedResult(head=pickle.dumps(result), activities=_pieces(activities), warnings=_pieces(warnings))


def _pieces(items: list[Any]) -> tuple[bytes, ...]:
    return tuple(pickle.dumps(items[i : i + CHUNK]) for i in range(0, len(items), CHUNK))


_PLAIN = {("datetime", n): getattr(datetime, n) for n in ("date", "datetime", "time", "timedelta", "timezone")}
_PLAIN.update({("builtins", "set"): set, ("builtins", "frozenset"): frozenset})


class _BoundaryUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _PLAIN:
            return _PLAIN[module, name]
        owner = sys.modules.get(module)  # never imports anything
        found = getattr(owner, name, None) if owner is not None and "." not in name else None
        if isinstance(found, type) and (issubclass(found, RoadmapImportError) or module.startswith("bot.") and (
                issubclass(found, (BaseModel, Enum)) or dataclasses.is_dataclass(found))):
            return found
        raise pickle.UnpicklingError(f"{module}.{name} may not come from an import worker")


def safe_loads(data: bytes) -> Any:
    """pickle.loads for what a worker sends: only the bot's models, enums and dataclasses,
    RoadmapImportError subclasses, dates and sets are rebuilt."""
    return _BoundaryUnpickler(io.BytesIO(data)).load()


def import_in_worker(path_text: str, name: str, period: Any, timezone: str | None, limits: Any) -> PackedResult:
    """What `import_untrusted` runs in the worker: pre-checks, the reader with limits, then
    the format-neutral import under the user's file name."""
    from bot.importing.assemble import import_document
    from bot.importing.load_file import read_document

    path = Path(path_text)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".docx"):
        check_office_archive(path, name, limits)
    if suffix == ".xlsx":
        from bot.importing.xlsx import read_xlsx

        document = read_xlsx(path, max_columns=limits.max_columns, max_rows=limits.max_rows,
                             max_cells=limits.max_cells)
    elif suffix == ".docx":
        from bot.importing.docx import read_docx

        document = read_docx(path, max_grid_columns=limits.max_grid_columns)
    else:
        document = read_document(path)
    check_document_size(document, name, limits)
    document.name = name
    return pack_result(import_document(document, period=period, timezone=timezone))


def serve(read_fd: int, write_fd: int) -> None:
    """The worker's main loop (`worker_pool._Worker` starts `python -c` calling this with its pipes)."""
    from multiprocessing.connection import Connection

    inbox, outbox = Connection(read_fd, writable=False), Connection(write_fd, readable=False)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the bot's to handle; it stops the pool
    for module in PRELOAD:
        importlib.import_module(module)
    try:
        outbox.send("ready")
    except OSError:
        return  # the bot stopped while we started
    while True:
        try:
            request = inbox.recv()
        except (EOFError, OSError):
            return  # the bot is gone
        except Exception:  # a request that does not unpickle here
            reply = Reply("crash", log=traceback.format_exc())
        else:
            if request is None:
                return
            _cap_memory(request.memory_bytes)
            if request.seconds and hasattr(signal, "setitimer"):  # a backstop should the bot not kill us
                signal.setitimer(signal.ITIMER_REAL, request.seconds + 10)
            reply = run(request)
            if hasattr(signal, "setitimer"):
                signal.setitimer(signal.ITIMER_REAL, 0)
        try:
            outbox.send(reply)
        except (EOFError, OSError):
            return
        except Exception:  # a result or an error attribute that does not pickle
            outbox.send(Reply("crash", log=traceback.format_exc()))
        if reply.retire:
            return


def run(request: Request) -> Reply:
    try:
        return Reply("ok", request.func(*request.args))
    except RoadmapImportError as error:
        return Reply("error", export_error(_renamed(error, request.renames)))
    except MemoryError:
        return Reply("memory", retire=True)
    except Exception as error:
        refusal = damaged(request.name, f"его содержимое не читается ({type(error).__name__})")
        return Reply("error", export_error(refusal), log=traceback.format_exc(limit=-8))


def export_error(error: RoadmapImportError) -> tuple[type, tuple[Any, ...], dict[str, Any]]:
    return type(error), error.args, dict(getattr(error, "__dict__", {}))


def rebuild_error(exported: tuple[type, tuple[Any, ...], dict[str, Any]]) -> RoadmapImportError:
    """The error as raised in the worker, without calling the class's __init__ (a subclass
    may take other arguments than its args)."""
    cls, args, state = exported
    try:
        if not issubclass(cls, RoadmapImportError):
            raise TypeError(cls)
        error = cls.__new__(cls, *args)
        error.args = args
        error.__dict__.update(state)
        return error
    except Exception:  # pragma: no cover - an exotic subclass
        return RoadmapImportError(str(state.get("message") or (args[0] if args else "")))


def _renamed(error: RoadmapImportError, renames: tuple[tuple[str, str], ...]) -> RoadmapImportError:
    def fix(value: Any) -> Any:
        if isinstance(value, str):
            for old, new in renames:
                value = value.replace(old, new)
        return value

    error.args = tuple(fix(arg) for arg in error.args)
    for key, value in list(getattr(error, "__dict__", {}).items()):
        setattr(error, key, fix(value))
    return error


def _cap_memory(limit: int | None) -> None:
    if resource is None or not hasattr(resource, "RLIMIT_AS"):
        return
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = hard if limit is None else limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (OSError, ValueError):  # pragma: no cover - a platform that refuses
        pass
