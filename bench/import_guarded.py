"""Benchmark: the guarded import (worker process) of a large Excel roadmap vs the direct one.

Workload: the 5,000-row sheet of bench/import_xlsx.py. Figures: wall time of `import_file`
run on the event loop (as the handler did before issue 11) and of `import_untrusted` with a
cold pool (the worker's start included) and a warm one, and the event loop's longest gap
between 50 ms ticks meanwhile. Limit: the loop never stalls for 1 s or more while a guarded
import runs (the direct one stalls it for the whole import); the guarded result equals the
direct one.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_xlsx import ROWS, build  # noqa: E402

from bot.importing import guard, import_file  # noqa: E402

LAG_LIMIT = 1.0


async def measured(work) -> tuple[object, float, float]:  # type: ignore[no-untyped-def]
    """(result, seconds, the loop's longest gap between 50 ms ticks) of awaiting `work()`."""
    worst = 0.0

    async def tick() -> None:
        nonlocal worst
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.05)
            now = time.perf_counter()
            worst = max(worst, now - last)
            last = now

    ticker = asyncio.create_task(tick())
    await asyncio.sleep(0)
    started = time.perf_counter()
    result = await work()
    elapsed = time.perf_counter() - started
    await asyncio.sleep(0.06)  # let the ticker see a stall that ended with the work
    ticker.cancel()
    return result, elapsed, worst


async def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.xlsx"
        build(path)
        content = path.read_bytes()

        async def direct():  # type: ignore[no-untyped-def]
            return import_file(path, timezone="Asia/Yakutsk")

        async def guarded():  # type: ignore[no-untyped-def]
            return await guard.import_untrusted(content, "big.xlsx", timezone="Asia/Yakutsk")

        expected, direct_s, direct_lag = await measured(direct)
        cold, cold_s, cold_lag = await measured(guarded)
        warm, warm_s, warm_lag = await measured(guarded)
        await guard.shutdown()
    count = len(warm.program.activities)  # type: ignore[attr-defined]
    print(f"import_guarded: {count} rows of a {len(content) // 1024} KB .xlsx; "
          f"direct on the loop {direct_s:.2f} s (loop stalled {direct_lag:.2f} s); "
          f"guarded cold {cold_s:.2f} s (worker start included; max loop lag {cold_lag * 1000:.0f} ms), "
          f"warm {warm_s:.2f} s (max loop lag {warm_lag * 1000:.0f} ms); limit: loop lag < {LAG_LIMIT:.0f} s")
    same = cold.model_dump() == expected.model_dump() == warm.model_dump()  # type: ignore[attr-defined]
    ok = count == ROWS and same and max(cold_lag, warm_lag) < LAG_LIMIT
    print("OK" if ok else "FAILED" + ("" if same else " (the guarded result differs from import_file's)"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
