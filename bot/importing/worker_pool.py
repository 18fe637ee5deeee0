"""The guarded import's worker processes: a small pool reused across calls (`bot.importing.guard`).

A worker is `python -c` serving requests from a pipe (`guard_worker.serve`), not a
multiprocessing child: spawn and forkserver children re-import the parent's __main__, and
under `python -m bot` (bot/__main__.py runs the CLI on import) that would start a bot. It
imports the readers once (~1 s), then serves one request at a time; the pool kills it when
the time budget runs out, replaces it in the background after a kill, a crash or running out
of memory, and retires it after `max_tasks` requests. POSIX only (pipes passed by
descriptor, RLIMIT_AS) — the bot runs on Linux.
"""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection

from bot.importing.guard_worker import Reply, Request, safe_loads

logger = logging.getLogger(__name__)

_WORKER_CODE = "import sys; from bot.importing.guard_worker import serve; serve(int(sys.argv[1]), int(sys.argv[2]))"
READY_SECONDS = 60.0  # a worker imports the readers before it reports ready (~1 s)


class _Worker:
    """`python -c serve(...)` with two pipes. Not multiprocessing: its spawn and forkserver
    children re-import the parent's __main__, and `python -m bot` would start a bot there."""

    def __init__(self) -> None:  # blocking (~1 s): run in a thread
        to_child, from_parent = os.pipe()
        from_child, to_parent = os.pipe()
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if isinstance(p, str) and p))
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _WORKER_CODE, str(to_child), str(to_parent)], pass_fds=(to_child, to_parent),
                stdin=subprocess.DEVNULL, env=env, start_new_session=True)
        except BaseException:
            for fd in (from_parent, from_child):
                os.close(fd)
            raise
        finally:
            os.close(to_child)
            os.close(to_parent)
        self.inbox = Connection(from_child, writable=False)
        self.outbox = Connection(from_parent, readable=False)
        self.tasks = 0
        try:
            if not self.inbox.poll(READY_SECONDS) or self.inbox.recv() != "ready":
                raise OSError("the import worker did not start")
        except BaseException:
            self.kill()
            raise

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(5)
        self.inbox.close()
        self.outbox.close()

    def stop(self) -> None:
        try:
            self.outbox.send(None)
            self.process.wait(2)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()


class ImportPool:
    """Up to `size` worker processes, each serving one request at a time; more requests
    wait their turn. A worker is replaced (in the background) after a kill, a crash or
    running out of memory, and retired after `max_tasks` requests. All blocking work
    (starting, waiting, killing) runs in the pool's own threads, so no asyncio object
    outlives one event loop."""

    def __init__(self, size: int | None = None, *, max_tasks: int = 25) -> None:
        self.size = size or max(1, min(2, os.cpu_count() or 1))
        self.max_tasks = max_tasks
        self._threads = ThreadPoolExecutor(self.size, thread_name_prefix="roadmap-import")
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False

    async def run(self, request: Request, *, seconds: float) -> Reply:
        loop = asyncio.get_running_loop()
        cancel = threading.Event()
        try:
            future = loop.run_in_executor(self._threads, self._serve, request, seconds, cancel)
        except RuntimeError:  # closed
            return Reply("stopped")
        try:
            return await future
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if task is None or task.cancelling():
                cancel.set()  # the caller is cancelled: the thread kills the worker within 0.1 s
                raise
            return Reply("stopped")  # still queued when the pool closed

    async def start(self, workers: int = 1) -> None:
        """Start up to `workers` idle workers now rather than at the first import."""
        missing = min(workers, self.size) - len(self._idle)
        started = await asyncio.gather(*(asyncio.to_thread(_Worker) for _ in range(missing)))
        for worker in started:
            self._keep(worker)

    def close(self) -> None:
        """Stop idle workers; running requests are stopped within 0.1 s (their worker killed)."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()
        self._threads.shutdown(wait=False, cancel_futures=True)

    def _serve(self, request: Request, seconds: float, cancel: threading.Event) -> Reply:
        if self._closed:
            return Reply("stopped")
        try:
            worker = self._checkout()
        except Exception as error:
            return Reply("crash", log=f"cannot start a worker: {error!r}")
        try:
            try:
                worker.outbox.send(request)
            except OSError:  # it died idle: one more try with a fresh one
                self._discard(worker, replace=False)
                worker = _Worker()
                worker.outbox.send(request)
            deadline = time.monotonic() + seconds
            while not worker.inbox.poll(min(0.1, max(0.0, deadline - time.monotonic()))):
                if cancel.is_set() or self._closed or time.monotonic() >= deadline:
                    self._discard(worker)
                    return Reply("timeout" if time.monotonic() >= deadline else "stopped")
            reply: Reply = safe_loads(worker.inbox.recv_bytes())
        except (EOFError, OSError):
            try:
                code = worker.process.wait(1)
            except subprocess.TimeoutExpired:
                code = None
            self._discard(worker)
            return Reply("crash", log=f"worker exit code {code}")
        except Exception as error:  # a request that does not pickle, a reply that may not unpickle here
            self._discard(worker)
            return Reply("crash", log=repr(error))
        worker.tasks += 1
        if reply.retire or worker.tasks >= self.max_tasks:
            self._discard(worker, idle=True)
        else:
            self._keep(worker)
        return reply

    def _checkout(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.alive():
                    return worker
                worker.kill()
        return _Worker()

    def _keep(self, worker: _Worker) -> None:
        with self._lock:
            if not self._closed and len(self._idle) < self.size:
                self._idle.append(worker)
                return
        worker.stop()

    def _discard(self, worker: _Worker, *, idle: bool = False, replace: bool = True) -> None:
        """Kill `worker` (stop it, if `idle`) and start its replacement in the background."""
        if idle:
            worker.stop()
        else:
            worker.kill()
        if replace and not self._closed:
            threading.Thread(target=self._replace, name="roadmap-import-start", daemon=True).start()

    def _replace(self) -> None:
        try:
            self._keep(_Worker())
        except Exception:  # the next import starts one (and reports why it cannot)
            logger.exception("cannot start a roadmap import worker")
