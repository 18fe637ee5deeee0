"""Runtime configuration, read from the environment and an optional `.env` file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: str | None = Field(default=None, description="Telegram bot token; none runs the offline sandbox")
    database_path: Path = Field(default=Path("data/bot.sqlite3"))
    data_dir: Path = Field(default=Path("data"), description="Evidence files and other local state")
    default_timezone: str = Field(default="Europe/Moscow")
    telegram_api_url: str | None = Field(
        default=None, description="Bot API base URL, e.g. a local emulator; none means api.telegram.org"
    )
    max_bot_token: str | None = Field(default=None, description="MAX bot token; none: no MAX long polling")
    max_api_url: str | None = Field(
        default=None, description="MAX Bot API base URL, e.g. a local emulator; none means MAX's own server"
    )
    webhook_url: str | None = Field(
        default=None, description="public https:// base URL for webhooks; none: long polling (the default)"
    )
    webhook_listen: str = Field(default="0.0.0.0:8080", description="host:port the webhook server listens on")
    webhook_secret: str | None = Field(
        default=None, pattern=r"^[A-Za-z0-9_-]{5,256}$",
        description="the secret header value both platforms send; none: derived from the tokens",
    )
    log_level: str = Field(default="INFO")
    coordinator_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    planner_interval_seconds: float = Field(
        default=300.0, gt=0, description="How often the reminder planner re-plans from the database"
    )
    planner_enabled: bool = Field(default=True, description="Off only for tests that fill the outbox themselves")
    send_rate_per_second: float = Field(
        default=25.0, gt=0, le=30, description="Messages per second in total, under Telegram's 30/s"
    )
    workdays_file: Path | None = Field(
        default=None, description="Extra holidays / working days (YAML), without a code change"
    )
    outbox_poll_seconds: float = Field(
        default=5.0, gt=0, description="How often the sender looks for due messages (it is also woken at once)"
    )
    evidence_files_per_hour: int = Field(
        default=60, gt=0, description="Files one person may send as evidence within any hour"
    )
    evidence_bytes_per_hour: int = Field(
        default=200 * 1024 * 1024, gt=0, description="Bytes of evidence one person may send within any hour"
    )
    sweep_interval_seconds: float = Field(
        default=3600.0, gt=0,
        description="How often orphaned evidence files and stale roadmap drafts are removed (also at start-up)",
    )

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA timezone: {value!r}") from exc
        return value

    @field_validator("coordinator_ids", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        # "COORDINATOR_IDS=111,222" reads more naturally in .env than a JSON list.
        if isinstance(value, str):
            return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
        return value

    @field_validator("log_level")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()

    @field_validator("bot_token", "telegram_api_url", "max_bot_token", "max_api_url", "webhook_url", "webhook_secret",
                     mode="before")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None


def load_settings(**overrides: object) -> Settings:
    return Settings(**overrides)  # type: ignore[arg-type]
