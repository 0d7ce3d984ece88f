"""Working the outbox: due rows grouped per channel into messages, sent, marked sent/failed/dead.

A row is claimed ('sending') before its message goes out and marked sent only after every URL of the channel said
yes; URLs that succeeded are remembered so a retry goes only to those that failed. A kill between claim and mark
leaves the row 'sending'; the next run puts it back to pending (the one duplicate allowed, made rare by the key).
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Callable

from .models import Config
from .store import OutboxRow, Store

log = logging.getLogger("monitor.delivery")

DIGEST_CHANGES_PER_MESSAGE = 50     # a digest is one message (the sender splits what a service cannot hold)


def url_id(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()[:16]


def _batches(rows: list[OutboxRow], per_message: int) -> list[list[OutboxRow]]:
    """Rows of one channel with the same URLs still to do, `per_message` changes to a message."""
    groups: dict[tuple, list[OutboxRow]] = {}
    for r in rows:
        groups.setdefault(tuple(sorted(r.sent_urls)), []).append(r)
    out = []
    for g in groups.values():
        for i in range(0, len(g), per_message):
            out.append(g[i:i + per_message])
    return out


def deliver(store: Store, config: Config, sender: Callable, *, now: datetime | None = None):
    from .notify import backoff
    from .pipeline import DeliveryReport
    report = DeliveryReport()
    now = now or datetime.now(timezone.utc)
    now_s = now.astimezone(timezone.utc).isoformat(timespec="seconds")
    store.recover_inflight()
    rows = store.due_outbox(now_s)
    by_channel: dict[str, list[OutboxRow]] = {}
    for r in rows:
        by_channel.setdefault(r.channel_id, []).append(r)
    for channel_id, crow in by_channel.items():
        channel = config.channel(channel_id)
        if channel is None:
            store.mark_dead([r.id for r in crow], f"channel {channel_id!r} is no longer configured")
            report.dead += len(crow)
            continue
        # SPEC: one alert per change, or one per digest where the channel asks for digests; alerts held back by
        # quiet hours are sent together
        if channel.digest == "immediate":
            held = [r for r in crow if r.attempts == 0 and r.due_at > r.created_at]
            fresh = [r for r in crow if r not in held]
            batches = _batches(fresh, 1) + _batches(held, DIGEST_CHANGES_PER_MESSAGE)
        else:
            batches = _batches(crow, DIGEST_CHANGES_PER_MESSAGE)
        for batch in batches:
            ids = [r.id for r in batch]
            done = set(batch[0].sent_urls)
            todo = tuple(u for u in channel.notify if url_id(u) not in done)
            if not todo:
                store.mark_sent(ids, now_s)
                report.sent += len(batch)
                continue
            key = hashlib.sha256(",".join(r.change_key for r in batch).encode()).hexdigest()[:24]
            store.claim(ids)
            try:
                results = sender(replace(channel, notify=todo), [r.change for r in batch], key=key)
            except Exception as e:  # noqa: BLE001 - a sender bug is a failed send, never a lost alert
                log.exception("sender failed for channel %s", channel_id)
                results = []
                err = f"{type(e).__name__}: {e}"
            else:
                err = None
            report.messages += 1
            ok_urls = {url_id(u) for u, r in zip(todo, results) if r.ok}
            if len(results) == len(todo) and all(r.ok for r in results):
                store.mark_sent(ids, now_s)
                report.sent += len(batch)
                continue
            errors = [f"{r.url}: {r.error}" for r in results if not r.ok]
            err = err or "; ".join(errors) or "sender returned no result"
            report.errors.append(f"{channel_id}: {err}")
            # retry_for bounds the *retries*: a first failed send is never a give-up, however long the run took
            # between recording the change and sending it (created_at is also cut to the second)
            first = min(datetime.fromisoformat(r.created_at) for r in batch)
            retried = min(r.attempts for r in batch) > 0
            if retried and (now - first).total_seconds() >= config.settings.retry_for:
                store.mark_dead(ids, err)
                report.dead += len(batch)
            else:
                attempts = max(r.attempts for r in batch) + 1
                next_at = (now + timedelta(seconds=backoff(attempts))).isoformat(timespec="seconds")
                store.mark_failed(ids, err, next_at, sent_urls=done | ok_urls)
                report.failed += len(batch)
    report.pending = store.outbox_counts()["pending"] - report.failed
    return report
