"""Benchmark: the Telegram emulator's own throughput.

Workload: 10,000 sendMessage calls over real HTTP to 127.0.0.1, 50 in flight, rate
limits off. Figure: messages per second. Limit: more than 500 msg/s, so a bot sending at
Telegram's 30 msg/s is never emulator-bound in tests or the sandbox.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.sandbox import Emulator, Limits  # noqa: E402

MESSAGES, IN_FLIGHT, LIMIT = 10_000, 50, 500.0
TOKEN = "1:bench"


async def main() -> int:
    emulator = Emulator(limits=Limits(rate_limits=False))
    await emulator.start()
    user = emulator.create_user("Нагрузка")
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(MESSAGES):
        queue.put_nowait(i)
    failures = 0

    async def worker(session: aiohttp.ClientSession) -> None:
        nonlocal failures
        while not queue.empty():
            i = queue.get_nowait()
            async with session.post(f"{emulator.base_url}/bot{TOKEN}/sendMessage",
                                    json={"chat_id": user.id, "text": f"Сообщение {i}"}) as response:
                if response.status != 200:
                    failures += 1
                await response.read()

    started = time.perf_counter()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=IN_FLIGHT)) as session:
        await asyncio.gather(*(worker(session) for _ in range(IN_FLIGHT)))
    elapsed = time.perf_counter() - started
    await emulator.stop()
    rate = MESSAGES / elapsed
    print(f"emulator_throughput: {MESSAGES} sendMessage, {IN_FLIGHT} in flight, {elapsed:.2f} s, "
          f"{rate:.0f} msg/s, failures {failures}; limit > {LIMIT:.0f} msg/s")
    ok = failures == 0 and rate > LIMIT
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
