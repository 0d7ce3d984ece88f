"""Pure: what one poll's outcome means for a source's health and which operational notices it raises.

Kept in one small function (the lesson of urlwatch): a failure updates the counters; the N-th consecutive failure
raises `source_failing` once; the first success after that raises `source_recovered`. Anti-bot pages, timeouts and 5xx
are health problems, never policy changes.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from .models import Change, Settings


@dataclass(frozen=True)
class Outcome:
    ok: bool
    not_modified: bool = False
    error_class: str | None = None
    error: str | None = None
    changed: bool = False          # the poll brought at least one non-cosmetic change
    documents: int = 0             # documents read in this poll


def judge(state: Mapping[str, Any], outcome: Outcome, settings: Settings, *, source_id: str, source_name: str,
          now: str) -> tuple[dict, list[Change]]:
    """The new health fields of the source and the notices to raise, from its stored state and this outcome."""
    failures = int(state.get("failures") or 0)
    notified = bool(state.get("failing_notified"))
    health: dict[str, Any] = {"last_poll": now, "polls": int(state.get("polls") or 0) + 1}
    notices: list[Change] = []
    if outcome.ok:
        health.update(failures=0, last_success=now, last_error=None, error_class=None)
        if outcome.not_modified:
            health["not_modified"] = int(state.get("not_modified") or 0) + 1
        if outcome.changed:
            health["last_change"] = now
        health["documents"] = int(state.get("documents") or 0) + outcome.documents
        if notified:
            health["failing_notified"] = 0
            notices.append(Change(kind="source_recovered", source=source_id, title=source_name, detected_at=now,
                                  old=state.get("last_error"), new=None))
    else:
        failures += 1
        health.update(failures=failures, last_error=outcome.error, error_class=outcome.error_class)
        if failures >= settings.failing_after and not notified:
            health["failing_notified"] = 1
            notices.append(Change(kind="source_failing", source=source_id, title=source_name, detected_at=now,
                                  field=outcome.error_class, new=f"连续{failures}次失败：{outcome.error}"))
    return health, notices
