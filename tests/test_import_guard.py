"""The guarded import: hostile files are refused in Russian naming the user's file, ordinary
ones import exactly as `import_file` reads them, and the event loop keeps ticking meanwhile."""

from __future__ import annotations

import asyncio
import io
import os
import pickle
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest

import hostile_files as hostile
from bot.domain.models import Period
from bot.importing import RoadmapImportError, import_file
from bot.importing import guard
from bot.importing.guard import ImportLimits, import_untrusted, run_guarded
from bot.importing.xlsx import read_xlsx
from bot.importing.zip_checks import check_office_archive

SOURCES = Path(__file__).resolve().parent.parent / "programs" / "sources"
QUICK = ImportLimits(seconds=3)


@pytest.fixture(scope="module", autouse=True)
def _stop_workers():
    yield
    asyncio.run(guard.shutdown())


@pytest.fixture(autouse=True)
async def _warm_pool():
    """Timings below are of reading, not of a worker's start (~1 s; the key test measures one)."""
    await guard.start(1)


class LoopLag:
    """A task that ticks every 50 ms and records the longest gap between ticks."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> LoopLag:
        self._task = asyncio.create_task(self._tick())
        await asyncio.sleep(0)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await self._task

    async def _tick(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.05)
            now = time.perf_counter()
            self.worst = max(self.worst, now - last)
            last = now


async def refusal(content: bytes, name: str, limits: ImportLimits = QUICK) -> str:
    with pytest.raises(RoadmapImportError) as caught:
        await import_untrusted(content, name, limits=limits)
    message = caught.value.message
    assert f"«{name}»" in message and "upload-" not in message, message
    return message


# -- the key one: the loop never stalls ------------------------------------------------------------

async def test_the_loop_keeps_ticking_while_a_zip_bomb_and_a_16384_column_sheet_are_read():
    bomb, wide = hostile.zip_bomb_xlsx(), hostile.wide_xlsx(columns=16384)  # built before the clock starts
    assert len(bomb) < 100_000 and len(wide) < 10_000
    await guard.shutdown()  # a cold pool: the worker's start is measured too
    async with LoopLag() as lag:
        started = time.perf_counter()
        results = await asyncio.gather(
            import_untrusted(bomb, "бомба.xlsx"), import_untrusted(wide, "широкая.xlsx"),
            import_untrusted(bomb, "бомба-2.xlsx", limits=ImportLimits(max_entry_ratio=10**6, max_total_ratio=10**6)),
            return_exceptions=True)
        elapsed = time.perf_counter() - started
    assert all(isinstance(r, RoadmapImportError) for r in results), results
    assert "ZIP-бомбу" in results[0].message
    assert "не нашлась таблица" in results[1].message  # read to column 60 only, so nothing is there
    assert "Таблица слишком большая" in results[2].message and "20\u00a0000" in results[2].message
    assert lag.worst < 1.0, f"the event loop stalled for {lag.worst:.2f} s"
    assert elapsed < 20


async def test_the_loop_keeps_ticking_while_a_slow_file_is_killed():
    text = hostile.huge_text()
    async with LoopLag() as lag:
        started = time.perf_counter()
        message = await refusal(text, "огромный.txt", ImportLimits(seconds=1.5))
        elapsed = time.perf_counter() - started
    assert "читается слишком долго" in message
    assert elapsed < 6 and lag.worst < 1.0
    assert (await import_untrusted(hostile.roadmap_xlsx(), "после.xlsx")).program.activities  # the pool recovered


# -- hostile files, each with its own Russian refusal ------------------------------------------------

@pytest.mark.parametrize(("factory", "name", "expected"), [
    (hostile.zip_bomb_xlsx, "бомба.xlsx", "слишком сильно сжат — похоже на ZIP-бомбу"),
    (hostile.wide_xlsx, "широкая.xlsx", "не нашлась таблица мероприятий"),
    (hostile.wide_docx, "широкий.docx", "Таблица слишком большая: в файле «широкий.docx» в таблице 1 есть строка шире 200"),
    (hostile.broken_sheet_xlsx, "битая таблица.xlsx", "повреждён или это не дорожная карта: его содержимое не читается (ParseError)"),
    (hostile.broken_document_docx, "битый документ.docx", "повреждён или это не дорожная карта: его содержимое не читается (XMLSyntaxError)"),
    (hostile.not_a_zip_docx, "фото.docx", "повреждён или это не дорожная карта: внутри не документ Word или Excel"),
])
async def test_a_hostile_file_is_refused_in_russian_naming_the_users_file(factory, name, expected):
    started = time.perf_counter()
    message = await refusal(factory(), name)
    assert expected in message, message
    assert message.startswith(("Файл «", "В файле «", "Таблица слишком большая"))
    assert time.perf_counter() - started < 5


async def test_a_huge_one_line_text_runs_out_of_time():
    assert "читается слишком долго (дольше 2 с)" in await refusal(hostile.huge_text(), "огромный.txt",
                                                                  ImportLimits(seconds=2))


async def test_archive_and_size_limits():
    bomb = hostile.zip_bomb_xlsx()
    message = await refusal(bomb, "бомба.xlsx", ImportLimits(max_entry_ratio=10**6, max_total_ratio=10**6,
                                                             max_unpacked_bytes=10 * 2**20))
    assert message.startswith("Таблица слишком большая: файл «бомба.xlsx» распаковывается больше чем в 10 МБ")
    assert "больше 20 МБ" in await refusal(b"x" * (20 * 2**20 + 1), "большой.txt")
    assert "пустой" in await refusal(b"", "пустой.docx")
    assert "формат «.doc» не поддерживается" in await refusal(b"\xd0\xcf\x11\xe0", "старый.doc")
    assert "формат «.jpg» не поддерживается" in await refusal(b"\xff\xd8\xff\xe0", "фото.jpg")
    assert "формат «без расширения» не поддерживается" in await refusal(b"abc", "карта")


def _archive(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(("content", "suffix", "limits", "expected"), [
    (_archive({"[Content_Types].xml": b"<Types/>"}), ".docx", ImportLimits(), "нет части word/document.xml"),
    (_archive({"word/document.xml": b"<w/>"}), ".docx", ImportLimits(), "нет части [Content_Types].xml"),
    (_archive({"[Content_Types].xml": b"<T/>", "word/document.xml": b"<w/>", **{f"p{i}": b"" for i in range(30)}}),
     ".docx", ImportLimits(max_entries=20), "в архиве 32 частей"),
    (_archive({"[Content_Types].xml": b"<T/>", "xl/workbook.xml": b"<w/>",
               **{f"xl/worksheets/sheet{i}.xml": b"<s/>" for i in range(5)}}),
     ".xlsx", ImportLimits(max_sheets=4), "5 листов (читаем не больше 4)"),
    (_archive({"[Content_Types].xml": b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaa">]><T/>',
               "word/document.xml": b"<w/>"}), ".docx", ImportLimits(), "недопустимое объявление DOCTYPE"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), ".xlsx", ImportLimits(), "защищён паролем"),
])
def test_archive_pre_checks(tmp_path, content, suffix, limits, expected):
    path = tmp_path / f"upload{suffix}"
    path.write_bytes(content)
    with pytest.raises(RoadmapImportError, match=expected.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        check_office_archive(path, "карта" + suffix, limits)


def test_the_xlsx_reader_stops_at_its_row_limit_and_clips_columns(tmp_path):
    path = tmp_path / "карта.xlsx"
    path.write_bytes(hostile.roadmap_xlsx())
    with pytest.raises(RoadmapImportError, match="Таблица слишком большая: в файле «карта.xlsx» больше 3"):
        read_xlsx(path, max_rows=3)
    wide = tmp_path / "широкая.xlsx"
    wide.write_bytes(hostile.wide_xlsx(columns=16384, rows=2000))
    started = time.perf_counter()
    document = read_xlsx(wide)
    assert time.perf_counter() - started < 2
    assert max(len(line.cells) for line in document.lines) <= 60


# -- ordinary files import as import_file reads them -----------------------------------------------

async def test_a_seed_imports_as_import_file_reads_it():
    seed = next(SOURCES.glob("000_*.txt"))
    direct = import_file(seed)
    guarded = await import_untrusted(seed.read_bytes(), seed.name)
    assert guarded.model_dump() == direct.model_dump()


@pytest.mark.parametrize(("factory", "name"), [(hostile.roadmap_xlsx, "карта школы.xlsx"),
                                               (hostile.roadmap_docx, "карта школы.docx")])
async def test_office_files_import_as_import_file_reads_them(tmp_path, factory, name):
    content = factory()
    (tmp_path / name).write_bytes(content)
    direct = import_file(tmp_path / name, timezone="Asia/Krasnoyarsk")
    guarded = await import_untrusted(content, name, timezone="Asia/Krasnoyarsk")
    assert guarded.model_dump() == direct.model_dump()
    assert guarded.program.source == name and len(guarded.program.activities) == 5


async def test_a_stray_cell_at_xfd_is_clipped_and_the_roadmap_still_imports():
    clean = await import_untrusted(hostile.roadmap_xlsx(), "карта.xlsx")
    stray = await import_untrusted(hostile.roadmap_xlsx(stray_cell_column=16384), "карта.xlsx")
    assert stray.program.activities == clean.program.activities


async def test_period_and_timezone_reach_the_worker():
    period = Period(start=date(2024, 1, 1), end=date(2024, 12, 31))
    result = await import_untrusted(hostile.roadmap_xlsx(), "карта.xlsx", period=period, timezone="Asia/Yakutsk")
    assert result.program.period == period and result.program.timezone == "Asia/Yakutsk"


# -- the process boundary: errors, crashes, memory, cancellation -------------------------------------

class PeriodMissing(RoadmapImportError):
    """Like a PeriodNotFound: extra attributes and an __init__ that default pickling cannot call."""

    def __init__(self, message: str, *, options: list[Period]) -> None:
        super().__init__(message)
        self.options = options


def raise_period_missing(temp_name: str) -> None:
    raise PeriodMissing(f"В файле «{temp_name}» не указан период.",
                        options=[Period(start=date(2023, 9, 1), end=date(2024, 8, 31))])


def raise_period_not_found() -> None:
    from bot.importing.source import PeriodNotFound

    raise PeriodNotFound("Не удалось понять период программы.", [Period(start=date(2024, 1, 1), end=date(2024, 12, 31))])


def raise_value_error() -> None:
    raise ValueError("a parser bug")


def exit_hard() -> None:
    os._exit(3)


def allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 2**20))


def sleep_recording_pid(path: str) -> None:
    Path(path).write_text(str(os.getpid()))
    time.sleep(60)


async def test_an_error_subclass_with_extra_attributes_crosses_the_process_boundary():
    with pytest.raises(TypeError):  # what ProcessPoolExecutor's plain pickling would do with it
        pickle.loads(pickle.dumps(PeriodMissing("x", options=[])))
    with pytest.raises(PeriodMissing) as caught:
        await run_guarded(raise_period_missing, "upload-1f.txt", file_name="карта.txt",
                          renames=(("upload-1f.txt", "карта.txt"),))
    assert caught.value.message == "В файле «карта.txt» не указан период." == str(caught.value)
    assert caught.value.options == [Period(start=date(2023, 9, 1), end=date(2024, 8, 31))]


async def test_period_not_found_keeps_its_options_across_the_boundary():
    from bot.importing import source

    if not hasattr(source, "PeriodNotFound"):
        pytest.skip("bot.importing.source has no PeriodNotFound yet")
    with pytest.raises(source.PeriodNotFound) as caught:
        await run_guarded(raise_period_not_found, file_name="карта.xlsx")
    assert caught.value.options == [Period(start=date(2024, 1, 1), end=date(2024, 12, 31))]
    assert caught.value.message == "Не удалось понять период программы."


async def test_any_other_exception_is_the_damaged_file_refusal():
    with pytest.raises(RoadmapImportError, match="Файл «карта.xlsx» повреждён.*ValueError"):
        await run_guarded(raise_value_error, file_name="карта.xlsx")


async def test_a_crashed_worker_and_one_out_of_memory_are_refused_in_russian():
    with pytest.raises(RoadmapImportError, match="Файл «карта.xlsx» не удалось прочитать: чтение аварийно прервалось"):
        await run_guarded(exit_hard, file_name="карта.xlsx")
    with pytest.raises(RoadmapImportError, match="Файл «карта.xlsx» слишком большой для чтения: не хватило памяти"):
        await run_guarded(allocate, 2048, file_name="карта.xlsx", limits=ImportLimits(memory_bytes=512 * 2**20))
    assert await run_guarded(allocate, 64, file_name="карта.xlsx") == 64 * 2**20  # the pool goes on


async def test_a_cancelled_import_kills_its_worker(tmp_path):
    marker = tmp_path / "pid"
    task = asyncio.create_task(run_guarded(sleep_recording_pid, str(marker), file_name="карта.xlsx"))
    for _ in range(100):
        await asyncio.sleep(0.05)
        if marker.exists() and marker.read_text():
            break
    pid = int(marker.read_text())
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    for _ in range(40):
        await asyncio.sleep(0.05)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
    else:
        pytest.fail(f"worker {pid} still runs after its import was cancelled")
