"""Telegram's limits, as the emulator enforces them. Tests tighten them, benchmarks turn
rate limiting off."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field


@dataclass
class Limits:
    message_text: int = 4096  # characters after entity parsing
    caption: int = 1024
    callback_data_bytes: int = 64
    download_bytes: int = 20 * 1024 * 1024  # getFile refuses bigger files
    upload_bytes: int = 50 * 1024 * 1024  # the bot's own uploads
    callback_answer_seconds: float = 15.0
    rate_limits: bool = True
    global_per_second: float = 30.0
    global_burst: int = 30
    chat_per_second: float = 1.0
    chat_burst: int = 20  # Telegram tolerates a short burst to one chat, then ~1 message/s

    def update(self, values: dict[str, object]) -> None:
        for key, value in values.items():
            if not hasattr(self, key):
                raise KeyError(key)
            setattr(self, key, type(getattr(self, key))(value))


@dataclass
class TokenBucket:
    rate: float
    burst: int
    tokens: float = field(default=-1.0)
    stamp: float = field(default_factory=time.monotonic)

    def take(self) -> float:
        """0 if a token was taken, else the seconds until one is available."""
        now = time.monotonic()
        if self.tokens < 0:
            self.tokens = float(self.burst)
        self.tokens = min(float(self.burst), self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


def retry_after_seconds(wait: float) -> int:
    return max(1, math.ceil(wait))
