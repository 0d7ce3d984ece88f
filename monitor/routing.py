"""Pure: which channel gets which change, and when it may be sent.

No I/O. A channel's filters are data (regions, vouchers, kinds); a region covers every region below it.
Operational notices (source_failing, source_recovered) carry no region or voucher and go only to channels
that name them in `kinds`; cosmetic changes never alert.
"""
from __future__ import annotations

import re
from datetime import datetime, time, timedelta, timezone
from typing import Iterable
from zoneinfo import ZoneInfo

from .models import NATIONAL, NOTICE_KINDS, Change, Channel

NOTICES = frozenset(NOTICE_KINDS)
NEVER_ALERTED = frozenset({"cosmetic"})

_TIME = re.compile(r"^\s*(\d{1,2})[:：](\d{2})\s*$")


# ---------------------------------------------------------------- regions

def _norm_region(r: str | None) -> str:
    return "/".join(p.strip() for p in (r or "").replace("／", "/").split("/") if p.strip())


def _prefix_covers(parent: str, child: str) -> bool:
    return parent == child or child.startswith(parent + "/")


def region_covers(parent: str, child: str | None) -> bool:
    """True when a channel subscribed to `parent` should hear about a change in `child`.

    Uses monitor.extract.regions.covers when that module exists (it knows zone aliases); falls back to
    matching whole path segments ('广东省' covers '广东省/深圳市', not '广东省外')."""
    p, c = _norm_region(parent), _norm_region(child)
    if not p or not c:
        return False
    if _prefix_covers(p, c):
        return True
    try:
        from .extract.regions import covers  # written by another helper; optional
    except Exception:  # noqa: BLE001 - absent or broken: the path rule above is the contract
        return False
    try:
        return bool(covers(p, c))
    except Exception:  # noqa: BLE001
        return False


# ---------------------------------------------------------------- matching

def matches(channel: Channel, change: Change) -> bool:
    kind = change.kind
    if kind in NEVER_ALERTED:
        return False
    if kind in NOTICES:
        # notices have no region/voucher: only the kinds filter decides, and it must name them
        return bool(channel.kinds) and kind in channel.kinds
    if channel.kinds is not None and kind not in channel.kinds:
        return False
    if channel.vouchers is not None and change.voucher not in channel.vouchers:
        return False
    if channel.regions is not None:
        if not any(region_covers(r, change.region) for r in channel.regions):
            return False
    return True


def route(changes: Iterable[Change], channels: Iterable[Channel]) -> list[tuple[Change, Channel]]:
    """Every (change, channel) pair that should be alerted, in change order then channel order."""
    chans = list(channels)
    return [(c, ch) for c in changes for ch in chans if matches(ch, c)]


# ---------------------------------------------------------------- timing

def _parse_hhmm(s: str) -> time:
    m = _TIME.match(s)
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise ValueError(f"not a time of day HH:MM: {s!r}")
    return time(int(m.group(1)), int(m.group(2)))


def parse_quiet_hours(spec: str) -> tuple[time, time]:
    """'22:00-08:00' → (22:00, 08:00). Raises ValueError on anything else."""
    parts = re.split(r"\s*[-–~—至到]\s*", spec.strip())
    if len(parts) != 2:
        raise ValueError(f"quiet_hours must look like 22:00-08:00, not {spec!r}")
    return _parse_hhmm(parts[0]), _parse_hhmm(parts[1])


def parse_digest(spec: str | None) -> tuple[str, time | None]:
    """'immediate' → ('immediate', None); 'hourly' → ('hourly', None); 'daily 09:00' → ('daily', 09:00)."""
    s = (spec or "immediate").strip().lower()
    if s in ("immediate", "now", ""):
        return "immediate", None
    if s == "hourly":
        return "hourly", None
    if s == "daily":
        return "daily", time(9, 0)
    if s.startswith("daily"):
        return "daily", _parse_hhmm(s[5:].strip())
    raise ValueError(f"digest must be immediate, hourly or 'daily HH:MM', not {spec!r}")


def _at(day, t: time, tz) -> datetime:
    return datetime.combine(day, t, tzinfo=tz)


def quiet_end(local: datetime, start: time, end: time) -> datetime | None:
    """The end of the quiet window containing `local` (aware, local tz), or None when outside it."""
    tz = local.tzinfo
    t = local.timetz().replace(tzinfo=None)
    if start == end:
        return None
    if start < end:                       # same-day window, e.g. 12:00-14:00
        return _at(local.date(), end, tz) if start <= t < end else None
    if t >= start:                        # evening part of a window across midnight
        return _at(local.date() + timedelta(days=1), end, tz)
    if t < end:                           # morning part
        return _at(local.date(), end, tz)
    return None


def due_time(channel: Channel, now: datetime, tz: str = "Asia/Shanghai") -> datetime:
    """When an alert created at `now` may be sent to `channel` (aware datetime in `tz`).

    immediate → now; hourly → the next full hour; 'daily HH:MM' → the next HH:MM local (today if still
    ahead); then quiet hours push anything falling inside them to their end. A naive `now` is taken as UTC."""
    zone = ZoneInfo(tz)
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    local = now.astimezone(zone)
    mode, at = parse_digest(channel.digest)
    if mode == "hourly":
        top = local.replace(minute=0, second=0, microsecond=0)
        due = top if top == local else top + timedelta(hours=1)
    elif mode == "daily":
        due = _at(local.date(), at, zone)
        if due < local:
            due = _at(local.date() + timedelta(days=1), at, zone)
    else:
        due = local
    if channel.quiet_hours:
        start, end = parse_quiet_hours(channel.quiet_hours)
        pushed = quiet_end(due, start, end)
        if pushed is not None:
            due = pushed
    return due


__all__ = ["matches", "route", "due_time", "region_covers", "parse_digest", "parse_quiet_hours", "NATIONAL"]
