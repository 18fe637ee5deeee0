"""Storage errors. Messages are Russian: the CLI shows them to the coordinator as they are."""

from __future__ import annotations


class StorageError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MigrationError(StorageError):
    """The schema could not be brought up to date; the database was left as it was."""


class TransactionError(RuntimeError):
    """Misuse of `Database.transaction()` / `Database.read()`: a programming error."""


class ProgramNotFound(StorageError):
    def __init__(self, program_id: int) -> None:
        super().__init__(f"Программа с номером {program_id} не найдена в базе.")
        self.program_id = program_id
