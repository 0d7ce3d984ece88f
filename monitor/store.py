"""The only SQLite code: sources' health, documents and versions, terms, changes and the outbox.

Everything a poll learns is committed in ONE transaction (`Store.commit`): the documents, the new terms, the changes
and one outbox row per (change, channel). Delivery then works the outbox; a killed run loses nothing because the
outbox is written before any message is sent, and a row is marked sent only after its service said yes.
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Mapping

import sqlite_utils
from sqlite_utils.migrations import Migrations

from .errors import StateError
from .models import Change, Terms

DB_NAME = "monitor.db"
migrations = Migrations("monitor")


def utcnow() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _dumps(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)


# ---------------------------------------------------------------- schema (sqlite-utils migrations)

@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db["sources"].create({
        "id": str, "url": str, "etag": str, "last_modified": str,
        "last_poll": str, "last_success": str, "last_change": str,
        "last_error": str, "error_class": str, "failures": int,
        "failing_notified": int, "baseline_done": int, "polls": int,
        "not_modified": int, "documents": int,
    }, pk="id")
    db["documents"].create({
        "url": str, "source_id": str, "title": str, "published": str, "content_hash": str,
        "facts": str, "has_terms": int, "authority": str, "etag": str, "last_modified": str,
        "first_seen": str, "last_seen": str, "last_checked": str, "status": str, "gone_count": int,
    }, pk="url")
    db["documents"].create_index(["source_id"])
    db["versions"].create({
        "id": int, "url": str, "content_hash": str, "seen_at": str, "facts": str,
    }, pk="id")
    db["versions"].create_index(["url"])
    db["terms"].create({
        "region": str, "voucher": str, "data": str, "updated_at": str,
    }, pk=("region", "voucher"))
    db["reports"].create({
        "region": str, "voucher": str, "url": str, "source": str, "authority": str,
        "title": str, "seen_at": str,
    }, pk=("region", "voucher", "url"))
    db["changes"].create({
        "id": int, "key": str, "kind": str, "region": str, "voucher": str, "field": str,
        "detected_at": str, "source": str, "url": str, "confirmed": int, "baseline": int, "data": str,
    }, pk="id")
    db["changes"].create_index(["key"], unique=True)
    db["changes"].create_index(["detected_at"])
    db["outbox"].create({
        "id": int, "change_key": str, "channel_id": str, "status": str, "attempts": int,
        "created_at": str, "due_at": str, "last_error": str, "sent_at": str, "sent_urls": str,
    }, pk="id")
    db["outbox"].create_index(["change_key", "channel_id"], unique=True)
    db["outbox"].create_index(["status", "due_at"])


KNOWN_MIGRATIONS = {m.name for m in migrations._migrations}


@dataclass(frozen=True)
class OutboxRow:
    id: int
    change_key: str
    channel_id: str
    status: str
    attempts: int
    created_at: str
    due_at: str
    last_error: str | None
    sent_urls: tuple[str, ...]
    change: Change


class Store:
    """A state directory holding monitor.db. Thread-safe: one connection, one lock."""

    def __init__(self, state_dir: str | os.PathLike, *, readonly: bool = False):
        self.dir = Path(state_dir)
        self.path = self.dir / DB_NAME
        self.readonly = readonly
        self.lock = threading.RLock()
        self._terms_cache: dict[tuple[str, str], Terms] | None = None
        if self.dir.exists() and not self.dir.is_dir():
            raise StateError(f"state directory {self.dir} is a file, not a directory — pass --state DIR")
        if readonly:
            if not self.path.exists():
                self.conn = sqlite3.connect(":memory:", check_same_thread=False)
                self.db = sqlite_utils.Database(self.conn)
                migrations.apply(self.db)
                return
        else:
            try:
                self.dir.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StateError(f"cannot create state directory {self.dir}: {e.strerror}") from None
            if not os.access(self.dir, os.W_OK | os.X_OK):
                raise StateError(f"state directory {self.dir} is not writable — fix its permissions or pass --state DIR")
        if self.path.exists() and not os.access(self.path, os.R_OK):
            raise StateError(f"state database {self.path} is not readable — fix its permissions")
        try:
            uri = f"file:{self.path}?mode=ro" if readonly else str(self.path)
            self.conn = sqlite3.connect(uri, uri=readonly, check_same_thread=False, timeout=30)
            self.db = sqlite_utils.Database(self.conn)
            self.conn.execute("PRAGMA busy_timeout=30000")
            self._check_schema()              # before anything writes: a foreign or newer file stays untouched
            if readonly and {m.name for m in migrations.applied(self.db)} != KNOWN_MIGRATIONS:
                # a database still being created by the daemon (or not yet migrated): read it as empty
                self.conn.close()
                self.conn = sqlite3.connect(":memory:", check_same_thread=False)
                self.db = sqlite_utils.Database(self.conn)
                migrations.apply(self.db)
                return
            if not readonly:
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
            if not readonly:
                migrations.apply(self.db)
        except sqlite3.DatabaseError as e:
            raise StateError(f"state database {self.path} is unusable ({e}) — move it aside to start afresh; "
                             "nothing was overwritten") from None

    def _check_schema(self) -> None:
        applied = {m.name for m in migrations.applied(self.db)}
        unknown = applied - KNOWN_MIGRATIONS
        if unknown:
            raise StateError(f"state database {self.path} was written by a newer monitor "
                             f"(schema {', '.join(sorted(unknown))}) — upgrade monitor; nothing was changed")
        tables = set(self.db.table_names())
        if tables and "_sqlite_migrations" not in tables:
            raise StateError(f"{self.path} is not a monitor state database — use another --state directory")

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    def integrity_ok(self) -> bool:
        with self.lock:
            return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    # ------------------------------------------------------------ sources

    def source_state(self, source_id: str) -> dict:
        with self.lock:
            rows = list(self.db.query("select * from sources where id = ?", [source_id]))
        return rows[0] if rows else {"id": source_id, "failures": 0, "baseline_done": 0, "failing_notified": 0,
                                     "polls": 0, "not_modified": 0, "documents": 0}

    def source_states(self) -> dict[str, dict]:
        with self.lock:
            return {r["id"]: r for r in self.db.query("select * from sources")}

    def last_polls(self) -> dict[str, str | None]:
        with self.lock:
            return {r["id"]: r["last_poll"] for r in self.db.query("select id, last_poll from sources")}

    # ------------------------------------------------------------ documents

    def document(self, url: str) -> dict | None:
        with self.lock:
            rows = list(self.db.query("select * from documents where url = ?", [url]))
        return rows[0] if rows else None

    def documents_of(self, source_id: str, *, with_terms: bool = False) -> list[dict]:
        sql = "select * from documents where source_id = ? and status = 'live'"
        if with_terms:
            sql += " and has_terms = 1"
        with self.lock:
            return list(self.db.query(sql + " order by last_checked", [source_id]))

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        urls = list(urls)
        if not urls:
            return set()
        with self.lock:
            found: set[str] = set()
            for i in range(0, len(urls), 500):
                chunk = urls[i:i + 500]
                q = "select url from documents where url in (%s)" % ",".join("?" * len(chunk))
                found.update(r["url"] for r in self.db.query(q, chunk))
            return found

    # ------------------------------------------------------------ terms

    def known_terms(self) -> dict[tuple[str, str], Terms]:
        with self.lock:
            if self._terms_cache is None:
                self._terms_cache = {}
                for r in self.db.query("select data from terms"):
                    t = Terms.from_json(json.loads(r["data"]))
                    self._terms_cache[t.key] = t
            return dict(self._terms_cache)

    def reports(self, region: str, voucher: str) -> list[dict]:
        with self.lock:
            return list(self.db.query(
                "select url, source, authority, title, seen_at from reports where region = ? and voucher = ? "
                "order by authority = 'official' desc, seen_at", [region, voucher]))

    # ------------------------------------------------------------ the one transaction of a poll

    def commit(self, *, source_id: str | None = None, health: Mapping[str, Any] | None = None,
               documents: Iterable[Mapping[str, Any]] = (), changes: Iterable[Change] = (),
               terms_upsert: Iterable[Terms] = (), terms_delete: Iterable[tuple[str, str]] = (),
               reports: Iterable[Mapping[str, Any]] = (), outbox: Iterable[tuple[str, str, str]] = (),
               baseline: bool = False) -> list[Change]:
        """Write everything a poll learned atomically. Returns the changes that were new (not already recorded)."""
        now = utcnow()
        new_changes: list[Change] = []
        with self.lock:
            with self.db.atomic():
                if source_id is not None and health is not None:
                    row = dict(self.source_state(source_id))
                    row.update(health)
                    row["id"] = source_id
                    self.db["sources"].upsert(row, pk="id")
                for d in documents:
                    d = dict(d)
                    old = self.document(d["url"])
                    if old is None:
                        d.setdefault("first_seen", now)
                    if "facts" in d and not isinstance(d["facts"], str) and d["facts"] is not None:
                        d["facts"] = _dumps(d["facts"])
                    if d.get("content_hash") and (old is None or old.get("content_hash") != d["content_hash"]):
                        self.db["versions"].insert({"url": d["url"], "content_hash": d["content_hash"],
                                                    "seen_at": now, "facts": d.get("facts")})
                    self.db["documents"].upsert(d, pk="url")
                for key in terms_delete:
                    self.conn.execute("delete from terms where region = ? and voucher = ?", list(key))
                for t in terms_upsert:
                    self.db["terms"].upsert({"region": t.region, "voucher": t.voucher,
                                             "data": _dumps(t.to_json()), "updated_at": now},
                                            pk=("region", "voucher"))
                for r in reports:
                    self.db["reports"].upsert(dict(r), pk=("region", "voucher", "url"))
                for c in changes:
                    cur = self.conn.execute(
                        "insert or ignore into changes (key, kind, region, voucher, field, detected_at, source, url, "
                        "confirmed, baseline, data) values (?,?,?,?,?,?,?,?,?,?,?)",
                        [c.key, c.kind, c.region, c.voucher, c.field, c.detected_at or now, c.source, c.url,
                         int(bool(c.confirmed)), int(baseline), _dumps(c.to_json())])
                    if cur.rowcount:
                        new_changes.append(c)
                new_keys = {c.key for c in new_changes}
                for change_key, channel_id, due_at in outbox:
                    if change_key not in new_keys:
                        continue      # already recorded (and routed) before: never twice
                    self.conn.execute(
                        "insert or ignore into outbox (change_key, channel_id, status, attempts, created_at, due_at) "
                        "values (?,?,?,?,?,?)", [change_key, channel_id, "pending", 0, now, due_at])
            if terms_upsert or terms_delete:
                self._terms_cache = None
        return new_changes

    # ------------------------------------------------------------ changes

    def history(self, *, region: str | None = None, voucher: str | None = None, since: str | None = None,
                kinds: Iterable[str] | None = None, include_cosmetic: bool = True,
                limit: int | None = None) -> list[Change]:
        sql, args = "select data from changes where 1=1", []
        if region:
            sql += " and (region = ? or region like ?)"
            args += [region, region + "/%"]
        if voucher:
            sql += " and voucher = ?"
            args.append(voucher)
        if since:
            sql += " and detected_at >= ?"
            args.append(since)
        if kinds:
            kinds = list(kinds)
            sql += " and kind in (%s)" % ",".join("?" * len(kinds))
            args += kinds
        if not include_cosmetic:
            sql += " and kind != 'cosmetic'"
        sql += " order by detected_at desc, id desc"
        if limit:
            sql += f" limit {int(limit)}"
        with self.lock:
            return [Change.from_json(json.loads(r["data"])) for r in self.db.query(sql, args)]

    def change_count(self) -> int:
        with self.lock:
            return self.conn.execute("select count(*) from changes").fetchone()[0]

    # ------------------------------------------------------------ outbox

    def _outbox_rows(self, sql: str, args: list) -> list[OutboxRow]:
        out = []
        for r in self.db.query(
                "select o.*, c.data as change_data from outbox o join changes c on c.key = o.change_key " + sql, args):
            out.append(OutboxRow(id=r["id"], change_key=r["change_key"], channel_id=r["channel_id"],
                                 status=r["status"], attempts=r["attempts"], created_at=r["created_at"],
                                 due_at=r["due_at"], last_error=r["last_error"],
                                 sent_urls=tuple(json.loads(r["sent_urls"] or "[]")),
                                 change=Change.from_json(json.loads(r["change_data"]))))
        return out

    def due_outbox(self, now: str, limit: int = 1000) -> list[OutboxRow]:
        with self.lock:
            return self._outbox_rows("where o.status = 'pending' and o.due_at <= ? order by o.id limit ?",
                                     [now, limit])

    def claim(self, ids: Iterable[int]) -> None:
        """Mark rows as being sent (before the send): a kill leaves them 'sending', recovered as pending."""
        ids = list(ids)
        with self.lock, self.db.atomic():
            self.conn.executemany("update outbox set status = 'sending', attempts = attempts + 1 where id = ?",
                                  [[i] for i in ids])

    def mark_sent(self, ids: Iterable[int], at: str | None = None) -> None:
        with self.lock, self.db.atomic():
            self.conn.executemany("update outbox set status = 'sent', sent_at = ?, last_error = null where id = ?",
                                  [[at or utcnow(), i] for i in ids])

    def mark_failed(self, ids: Iterable[int], error: str, next_at: str, sent_urls: Iterable[str] = ()) -> None:
        """Back to pending for a later try; `sent_urls` (hashes of the URLs that did succeed) are not sent again."""
        done = _dumps(sorted(set(sent_urls)))
        with self.lock, self.db.atomic():
            self.conn.executemany("update outbox set status = 'pending', last_error = ?, due_at = ?, sent_urls = ? "
                                  "where id = ?", [[error, next_at, done, i] for i in ids])

    def mark_dead(self, ids: Iterable[int], error: str) -> None:
        with self.lock, self.db.atomic():
            self.conn.executemany("update outbox set status = 'dead', last_error = ? where id = ?",
                                  [[error, i] for i in ids])

    def recover_inflight(self) -> int:
        """Rows left 'sending' by a killed run go back to pending (the one allowed duplicate)."""
        with self.lock, self.db.atomic():
            cur = self.conn.execute("update outbox set status = 'pending' where status = 'sending'")
            return cur.rowcount

    def outbox_counts(self) -> dict[str, int]:
        with self.lock:
            counts = {"pending": 0, "sending": 0, "sent": 0, "dead": 0}
            for r in self.db.query("select status, count(*) n from outbox group by status"):
                counts[r["status"]] = r["n"]
            return counts

    def outbox_by_channel(self) -> dict[str, dict[str, int]]:
        with self.lock:
            out: dict[str, dict[str, int]] = {}
            for r in self.db.query("select channel_id, status, count(*) n from outbox group by channel_id, status"):
                out.setdefault(r["channel_id"], {})[r["status"]] = r["n"]
            return out

    def outbox_waiting(self) -> list[dict]:
        """Per channel, the alerts not yet delivered: how many, attempts so far, next try, last error."""
        with self.lock:
            return list(self.db.query(
                "select channel_id, status, count(*) n, max(attempts) attempts, min(due_at) next_at, "
                "max(last_error) last_error from outbox where status in ('pending', 'sending', 'dead') "
                "group by channel_id, status order by channel_id, status"))

    def dead_rows(self) -> list[OutboxRow]:
        with self.lock:
            return self._outbox_rows("where o.status = 'dead' order by o.id", [])
