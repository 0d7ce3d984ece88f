"""Exceptions that cross module boundaries. Each carries a short machine class and a human message."""
from __future__ import annotations

from dataclasses import dataclass


class MonitorError(Exception):
    """Base of every error monitor raises on purpose."""


@dataclass
class Problem:
    file: str
    line: int | None
    message: str          # what is wrong
    fix: str = ""         # what to do

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}" + (f" — {self.fix}" if self.fix else "")


class ConfigError(MonitorError):
    """A configuration that cannot be used. `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


# Classes of fetch/source failures, as shown by `monitor sources`
ERROR_CLASSES = (
    "timeout",      # connect/read timeout or total deadline exceeded
    "dns",          # name does not resolve
    "connect",      # refused, reset, unreachable
    "tls",          # certificate or handshake failure
    "http",         # an HTTP status that is an error (4xx/5xx other than gone)
    "gone",         # 404 or 410: the document may be withdrawn
    "antibot",      # a challenge page (瑞数 412 $_ts, 加速乐 521, WZWS …)
    "too_large",    # body over the cap
    "redirect",     # loop, too many, or to a refused scheme/host
    "refused_url",  # scheme or host not allowed
    "parse",        # the body could not be parsed (bozo feed, bad JSON, binary)
    "selector",     # a configured selector matched nothing
    "internal",     # a bug: reported, never crashes the run
)


class FetchError(MonitorError):
    def __init__(self, klass: str, message: str, *, url: str | None = None, status: int | None = None,
                 retry_after: float | None = None):
        self.klass = klass
        self.url = url
        self.status = status
        self.retry_after = retry_after
        super().__init__(message)


class SourceError(MonitorError):
    """A source's response was fetched but cannot be understood (klass 'parse' or 'selector')."""

    def __init__(self, klass: str, message: str):
        self.klass = klass
        super().__init__(message)


class StateError(MonitorError):
    """The state directory or database cannot be used (unreadable, corrupted, newer schema, locked)."""
