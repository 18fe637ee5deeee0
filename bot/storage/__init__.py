"""SQLite storage: numbered migrations, one connection, one repository per aggregate.

Instants are stored as UTC ISO-8601 text and dates as YYYY-MM-DD (see `timestamps`);
`Database.transaction()` is the one place where transactions begin and commit.
"""

from bot.storage.database import Database
from bot.storage.errors import MigrationError, ProgramNotFound, StorageError, TransactionError
from bot.storage.fsm import ConversationState, FsmStateRepository
from bot.storage.meta import MetaRepository
from bot.storage.programs import ProgramId, ProgramRecord, ProgramRepository, SaveOutcome, SaveReport, program_slug

__all__ = [
    "ConversationState",
    "Database",
    "FsmStateRepository",
    "MetaRepository",
    "MigrationError",
    "ProgramId",
    "ProgramNotFound",
    "ProgramRecord",
    "ProgramRepository",
    "SaveOutcome",
    "SaveReport",
    "StorageError",
    "TransactionError",
    "program_slug",
]
