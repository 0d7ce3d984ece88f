"""Secrets never reach a log line, an error message or a listing.

Every value taken from the environment by `${NAME}` in the configuration, and the secret-looking parts of every notify
URL, are registered here; `redact()` replaces them with *** wherever they appear, and `RedactingFilter` applies it to
every log record that passes through the handlers it is installed on (apprise and urllib3 log URLs with tokens).
"""
from __future__ import annotations

import logging
import threading
from urllib.parse import quote, quote_plus, unquote, urlsplit

MASK = "***"
_lock = threading.Lock()
_secrets: set[str] = set()
_sorted: list[str] = []


def register(*values: str | None) -> None:
    global _sorted
    added = False
    with _lock:
        for v in values:
            if not v or len(v) < 4:
                continue
            for form in {v, quote(v, safe=""), quote_plus(v), unquote(v)}:
                if len(form) >= 4 and form not in _secrets:
                    _secrets.add(form)
                    added = True
        if added:
            _sorted = sorted(_secrets, key=len, reverse=True)


def register_url(url: str) -> None:
    """The whole URL and each part that may carry a credential: user, password, path segments, query values."""
    register(url)
    try:
        parts = urlsplit(url)
    except ValueError:
        return
    register(parts.password, parts.username if parts.password else None)
    if parts.scheme not in ("http", "https"):
        register(parts.hostname if parts.hostname and "." not in parts.hostname else None)   # dingtalk://TOKEN/…
    for seg in parts.path.split("/"):
        if len(seg) >= 6:
            register(seg)
    for pair in parts.query.split("&"):
        _, _, v = pair.partition("=")
        if len(v) >= 6:
            register(v)


def redact(text: str) -> str:
    if not text or not _sorted:
        return text
    for s in _sorted:
        if s in text:
            text = text.replace(s, MASK)
    return text


def forget_all() -> None:
    """For tests."""
    global _sorted
    with _lock:
        _secrets.clear()
        _sorted = []


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            msg = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record is logging's problem, not ours
            return True
        red = redact(msg)
        if red != msg:
            record.msg, record.args = red, None
        if record.exc_info and record.exc_info[1] is not None and _sorted:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_info, record.exc_text = None, redact(text)
        return True


_FILTER = RedactingFilter()


def install(logger: logging.Logger | None = None) -> None:
    """Put the filter on every handler of the root logger (records of all loggers pass through them)."""
    root = logger or logging.getLogger()
    for h in root.handlers:
        if _FILTER not in h.filters:
            h.addFilter(_FILTER)
