"""Issue 11: one gate for every incoming file, before anything is written — strangers
refused, names normalised before the checks, executables refused by the normalised
extension and by content, bytes kept under generated names only."""

from __future__ import annotations

import hashlib
import re

import pytest

from bot.domain.evidence_rules import FileRefusal, is_executable_name, refusal_by_content, refusal_by_metadata
from bot.domain.file_names import MAX_NAME_BYTES, normalize_file_name, safe_file_name, stored_name
from bot.services.evidence import store_bytes
from bot.storage import Database
from test_e2e_conversations import (  # noqa: F401  (the conversation fixtures)
    bot_settings,
    coordinator,
    invite,
    open_card,
    program,
)

GENERATED = re.compile(r"^[0-9a-f]{32}(\.[a-z0-9]{1,10})?$")

# ─── the normaliser ─────────────────────────────────────────────────────────

HOSTILE = [
    # (sent name, normalised name, refused as a program)
    ("evil.bat.", "evil.bat", True),
    ("run.js..", "run.js", True),
    ("setup.cmd. ", "setup.cmd", True),
    ("setup.CMD . . ", "setup.CMD", True),
    ("отчёт\u202efdp.exe", "отчётfdp.exe", True),  # shown as «отчётexe.pdf» with the override
    ("\u202eexe.pdf", "exe.pdf", False),
    ("пр\u2066от\u2069окол\u200e\u200f\u061c.pdf", "протокол.pdf", False),
    ("a\u202a\u202b\u202c\u202d.docx", "a.docx", False),
    ("evil.e\u200bxe", "evil.exe", True),  # a zero-width space inside the extension
    ("tab\tnew\nline\x00\x7f\x85.pdf", "tabnewline.pdf", False),
    ("evil.exe/", "evil.exe", True),
    ("payload.PS1", "payload.PS1", True),
    ("Протокол №1.pdf", "Протокол №1.pdf", False),
    ("e\u0301tude.pdf", "\u00e9tude.pdf", False),  # NFC
    ("   ", "file", False),
    ("...", "file", False),
    ("", "file", False),
]


@pytest.mark.parametrize("sent,normal,executable", HOSTILE)
def test_hostile_names_are_normalised_before_the_checks(sent, normal, executable):
    assert normalize_file_name(sent) == normal
    assert is_executable_name(sent) is executable
    assert (refusal_by_metadata(sent, 10) is FileRefusal.EXECUTABLE) is executable


@pytest.mark.parametrize("sent,safe", [
    ("CON", "_CON"), ("con.txt", "_con.txt"), ("NUL.tar.gz", "_NUL.tar.gz"), ("com1.pdf", "_com1.pdf"),
    ("LPT9", "_LPT9"), ("prn .docx", "_prn .docx"), ("console.pdf", "console.pdf"),
    ("../../etc/passwd", "etc_passwd"), ("..\\..\\boot.ini", "boot.ini"), ("a:b|c?.pdf", "a_b_c_.pdf"),
    ("x\uff0fy.pdf", "x_y.pdf"),
])
def test_reserved_names_and_separators_are_neutralised_for_paths(sent, safe):
    assert safe_file_name(sent) == safe


def test_long_names_are_cut_on_a_byte_budget_keeping_the_extension():
    for sent in ("я" * 400 + ".pdf", "😀" * 200 + ".docx", "x" * 1000, "ж" * 100 + "." + "q" * 300):
        normal = normalize_file_name(sent)
        assert len(normal.encode("utf-8")) <= MAX_NAME_BYTES
        assert normal.encode("utf-8").decode("utf-8") == normal  # no half letters
    assert normalize_file_name("я" * 400 + ".pdf").endswith("я.pdf")
    assert normalize_file_name("😀" * 200 + ".docx").endswith("😀.docx")


def test_programs_are_refused_by_content():
    for content in (b"MZ\x90\x00", b"\x7fELF\x02", b"#!/bin/sh\nrm -rf /", b"\xef\xbb\xbf#!/usr/bin/env python",
                    b"\xcf\xfa\xed\xfe\x07", b"\xfe\xed\xfa\xce"):
        assert refusal_by_content("отчёт.pdf", content) is FileRefusal.EXECUTABLE
    assert refusal_by_content("отчёт.pdf", b"%PDF-1.7") is None
    assert refusal_by_content("evil.bat.", b"%PDF-1.7") is FileRefusal.EXECUTABLE


def test_stored_names_are_generated(tmp_path):
    assert GENERATED.match(stored_name("отчёт.PDF")) and stored_name("отчёт.PDF").endswith(".pdf")
    assert GENERATED.match(stored_name("x.ПДФ")) and "." not in stored_name("x.ПДФ")  # non-ASCII: no extension
    assert GENERATED.match(stored_name("CON"))
    path = store_bytes(tmp_path / "f", "../../" + "я" * 400 + ".pdf", b"%PDF")
    assert path.parent == tmp_path / "f" and GENERATED.match(path.name) and path.read_bytes() == b"%PDF"
    assert [p.name for p in (tmp_path / "f").iterdir()] == [path.name]  # no «.part» left behind


# ─── through the emulator ───────────────────────────────────────────────────


def stored_files(bot_settings) -> list:
    return sorted(p for p in (bot_settings["data_dir"] / "evidence").rglob("*") if p.is_file())


async def evidence_rows(bot_settings) -> list[tuple]:
    db = await Database.open(bot_settings["database_path"])
    try:
        async with db.read() as conn:
            evidence = await conn.execute_fetchall("SELECT file_name, local_path, sha256 FROM evidence_files")
            waiting = await conn.execute_fetchall("SELECT file_name, local_path, sha256 FROM submission_files")
            submissions = await conn.execute_fetchall("SELECT id FROM submissions")
    finally:
        await db.close()
    return [tuple(r) for r in evidence] + [tuple(r) for r in waiting] + [("submission", r[0]) for r in submissions]


async def attaching(teacher, listing):
    card = await open_card(teacher, listing, "1.1")
    await teacher.press(card, text="Прикрепить документ")
    await teacher.next_message_containing("Пришлите")


async def test_a_strangers_document_is_refused_and_nothing_is_stored(program, e2e, sandbox, coordinator,
                                                                     bot_settings):
    stranger = await sandbox.create_user("Незнакомец")
    await stranger.send_document(b"%PDF-1.4 spam", "реклама.pdf", "application/pdf")
    reply = await stranger.next_message()
    assert "только от участников программы" in reply.text and "не сохранил" in reply.text
    await stranger.send_photo(b"\xff\xd8 photo", "photo.jpg")
    assert "только от участников программы" in (await stranger.next_message()).text
    await stranger.send_document(b"MZ\x90", "x" * 400 + ".exe")  # the same polite answer, not a crash
    assert "только от участников программы" in (await stranger.next_message()).text
    assert stored_files(bot_settings) == []
    assert await evidence_rows(bot_settings) == []


async def test_a_name_with_trailing_dots_is_refused_as_a_program(program, e2e, sandbox, coordinator, bot_settings):
    teacher = await sandbox.create_user("Алла")
    listing = await invite(coordinator, teacher, "Якшина А.И.")
    await attaching(teacher, listing)
    for name in ("evil.bat.", "run.js..", "setup.cmd. ", "отчёт\u202efdp.exe"):
        await teacher.send_document(b"%PDF-1.4 harmless-looking", name, "application/pdf")
        refusal = await teacher.next_message()
        assert "похож на программу" in refusal.text, (name, refusal.text)
        assert "\u202e" not in refusal.text
    assert stored_files(bot_settings) == []
    assert await evidence_rows(bot_settings) == []


async def test_a_400_byte_name_is_shortened_and_kept_under_a_generated_name(program, e2e, sandbox, coordinator,
                                                                            bot_settings):
    teacher = await sandbox.create_user("Алла")
    listing = await invite(coordinator, teacher, "Якшина А.И.")
    await attaching(teacher, listing)
    name = "Протокол совещания " + "я" * 191 + ".pdf"
    assert len(name.encode("utf-8")) >= 400
    content = b"%PDF-1.4 long name"
    await teacher.send_document(content, name, "application/pdf")
    assert "Принято для «Совещание с руководителями школ»: 1 файл" in (await teacher.next_message()).text
    (path,) = stored_files(bot_settings)
    assert GENERATED.match(path.name) and path.suffix == ".pdf" and path.read_bytes() == content
    ((kept_name, local_path, sha), (waiting_name, _, _), _) = await evidence_rows(bot_settings)
    assert kept_name == waiting_name and kept_name.startswith("Протокол совещания я") and kept_name.endswith(".pdf")
    assert len(kept_name.encode("utf-8")) <= MAX_NAME_BYTES
    assert local_path == str(path) and sha == hashlib.sha256(content).hexdigest()


async def test_a_members_file_is_kept_intact_without_its_name_on_disk(program, e2e, sandbox, coordinator,
                                                                      bot_settings):
    teacher = await sandbox.create_user("Алла")
    await invite(coordinator, teacher, "Якшина А.И.")
    content = "Протокол заседания №1\n".encode() * 1000
    await teacher.send_document(content, "../../протокол.txt", "text/plain")  # no context: which task?
    assert "Получено: 1 файл" in (await teacher.next_message()).text
    (path,) = stored_files(bot_settings)
    assert path.parent.parent == bot_settings["data_dir"] / "evidence"
    assert GENERATED.match(path.name) and path.suffix == ".txt" and "протокол" not in str(path)
    assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(content).digest()


async def test_a_file_for_a_task_taken_away_is_refused_and_removed(program, e2e, sandbox, coordinator,
                                                                   bot_settings):
    teacher = await sandbox.create_user("Алла")
    listing = await invite(coordinator, teacher, "Якшина А.И.")
    await attaching(teacher, listing)
    deputy = await sandbox.create_user("Борис")
    await invite(coordinator, deputy, "Муниципальный координатор")
    # the coordinator gives 1.1 to someone else while the teacher is choosing the file
    await coordinator.send("/activity 1.1")
    card = await coordinator.next_message_containing("Совещание с руководителями школ")
    await coordinator.press(card, text="Назначить ответственного")
    pick = await coordinator.next_message_containing("Кому поручить")
    await coordinator.press(pick, text="Борис")
    assert "поручено: Муниципальный координатор (Борис)" in (await coordinator.wait_edit(pick)).text
    await teacher.send_document(b"%PDF-1.4 late", "Протокол.pdf", "application/pdf")
    refusal = await teacher.next_message()
    assert "Принято" not in refusal.text
    assert stored_files(bot_settings) == []
    assert await evidence_rows(bot_settings) == []
