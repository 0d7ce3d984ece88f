"""One writer per state directory: `monitor run` and `monitor check --once` take an exclusive file lock."""
from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from .errors import StateError


class StateLock:
    def __init__(self, state_dir: str | os.PathLike, *, wait: float = 0.0):
        self.path = Path(state_dir) / "monitor.lock"
        self.wait = wait
        self.fd: int | None = None

    def holder(self) -> str:
        try:
            return self.path.read_text().strip() or "unknown"
        except OSError:
            return "unknown"

    def acquire(self) -> "StateLock":
        d = self.path.parent
        if d.exists() and not d.is_dir():
            raise StateError(f"state directory {d} is a file, not a directory — pass --state DIR")
        try:
            d.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StateError(f"cannot create state directory {d}: {e.strerror}") from None
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = self.holder()
                    os.close(fd)
                    raise StateError(
                        f"another monitor (pid {holder}) is using {self.path.parent} — it polls and delivers for "
                        "this state; wait for it, stop it, or pass --wait SECONDS") from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is not None:
            try:
                os.ftruncate(self.fd, 0)
                fcntl.flock(self.fd, fcntl.LOCK_UN)
            finally:
                os.close(self.fd)
                self.fd = None

    def __enter__(self) -> "StateLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
