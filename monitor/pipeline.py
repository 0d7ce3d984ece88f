"""Where the stages meet: poll a source (fetch → parse → extract → classify), commit, route to the outbox.

Every effect comes in as an object (Fetcher, Store, sender) so tests and the demo hand it a local server, a temporary
state directory and a local webhook. The pure stages live elsewhere: extract/, classify.py, routing.py, health.py.
"""
from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import Callable

from . import classify, routing
from .errors import FetchError, MonitorError, SourceError
from .extract import extract_document
from .fetch import Fetcher
from .health import Outcome, judge
from .linkpolicy import allowed
from .models import Change, Config, DocContext, Document, Facts, Item, Source, Terms
from .sources import KINDS
from .store import Store

log = logging.getLogger("monitor")

ATTACHMENT_EXTS = (".pdf", ".docx")
MAX_ATTACHMENTS = 3


def now_iso() -> str:
    return datetime.now(timezone(timedelta(hours=8))).isoformat(timespec="seconds")


def utc_iso(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).isoformat(timespec="seconds")


@dataclass
class PollResult:
    source_id: str
    ok: bool = True
    not_modified: bool = False
    error_class: str | None = None
    error: str | None = None
    requests: int = 0
    responses_304: int = 0
    documents: int = 0
    item_errors: list[str] = field(default_factory=list)
    validators: dict = field(default_factory=dict)          # url → (etag, last_modified) of documents fetched
    changes: list[Change] = field(default_factory=list)     # new changes recorded (cosmetic included)
    notices: list[Change] = field(default_factory=list)
    queued: int = 0                                         # outbox rows created
    seconds: float = 0.0


@dataclass
class RunSummary:
    results: list[PollResult] = field(default_factory=list)
    delivery: "DeliveryReport | None" = None
    seconds: float = 0.0

    @property
    def failed(self) -> list[PollResult]:
        return [r for r in self.results if not r.ok]

    @property
    def changes(self) -> list[Change]:
        return [c for r in self.results for c in r.changes]

    def counts(self) -> dict:
        d = self.delivery
        return {
            "sources": len(self.results), "sources_ok": len(self.results) - len(self.failed),
            "sources_failed": len(self.failed),
            "requests": sum(r.requests for r in self.results),
            "not_modified": sum(r.responses_304 for r in self.results),
            "documents": sum(r.documents for r in self.results),
            "changes": len([c for c in self.changes if c.kind != "cosmetic"]),
            "cosmetic": len([c for c in self.changes if c.kind == "cosmetic"]),
            "alerts_sent": d.sent if d else 0, "alerts_failed": d.failed if d else 0,
            "alerts_pending": d.pending if d else 0, "alerts_dead": d.dead if d else 0,
            "seconds": round(self.seconds, 3),
        }


@dataclass
class DeliveryReport:
    sent: int = 0          # outbox rows delivered
    failed: int = 0        # rows that failed this time (will be retried)
    dead: int = 0          # rows given up on
    pending: int = 0       # rows still waiting (not yet due: digests, quiet hours, backoff)
    messages: int = 0
    errors: list[str] = field(default_factory=list)


class Runner:
    """One configuration, one state directory, one fetcher. Thread-safe poll_source()."""

    def __init__(self, config: Config, store: Store, *, fetcher: Fetcher | None = None,
                 sender: Callable | None = None, clock: Callable[[], str] = now_iso):
        self.config = config
        self.store = store
        self.fetcher = fetcher or Fetcher(config.settings)
        self.clock = clock
        if sender is None:
            from .notify import send as sender
        self.sender = sender
        self._classify_lock = threading.Lock()

    def reload(self, config: Config) -> None:
        self.config = config

    def close(self) -> None:
        try:
            self.fetcher.close()
        except Exception:   # noqa: BLE001 - closing must not mask the real outcome
            pass

    # ------------------------------------------------------------ one source

    def poll_source(self, source: Source) -> PollResult:
        t0 = time.monotonic()
        res = PollResult(source.id)
        state = self.store.source_state(source.id)
        docs: list[Document] = []
        flags: list[Item] = []
        list_validators: dict = {}
        try:
            try:
                fetched = self.fetcher.fetch(source.url, source=source, etag=state.get("etag"),
                                             last_modified=state.get("last_modified"))
            finally:
                res.requests += 1
            list_validators = {"etag": fetched.etag, "last_modified": fetched.last_modified, "url": source.url}
            kind = KINDS[source.kind]
            if fetched.not_modified:
                res.not_modified = True
                res.responses_304 += 1
            elif source.kind == "page":
                res.validators[source.url] = (fetched.etag, fetched.last_modified)
                docs.append(kind.document(source, fetched, None))
            else:
                items = kind.items(source, fetched)
                flags = [i for i in items if i.flags]
                docs.extend(self._read_new_items(source, items, res))
        except (FetchError, SourceError) as e:
            res.ok, res.error_class, res.error = False, e.klass, str(e)
        except Exception as e:  # noqa: BLE001 - a bug in one source must not stop the others
            log.exception("source %s: internal error", source.id)
            res.ok, res.error_class, res.error = False, "internal", f"{type(e).__name__}: {e}"
        rechecks = self._recheck(source, res) if res.ok or res.error_class != "antibot" else []
        self._commit(source, state, res, docs, rechecks, flags, list_validators)
        res.seconds = time.monotonic() - t0
        return res

    def _read_new_items(self, source: Source, items: list[Item], res: PollResult) -> list[Document]:
        limit = source.max_items or self.config.settings.max_items
        items = items[:limit]
        known = self.store.known_urls(i.url for i in items)
        docs = []
        for item in items:
            if item.url in known:
                continue
            why = allowed(item.url, source, allow_private=self.config.settings.allow_private)
            if why:
                if item.summary:
                    docs.append(self._summary_document(source, item))
                else:
                    res.item_errors.append(f"{item.url}: {why}")
                continue
            try:
                res.requests += 1
                f = self.fetcher.fetch(item.url, source=source)
                res.validators[item.url] = (f.etag, f.last_modified)
                doc = KINDS[source.kind].document(source, f, item)
                docs.append(self._with_attachments(source, doc, res))
            except FetchError as e:
                if e.klass == "antibot":
                    raise
                res.item_errors.append(f"{item.url}: {e.klass}: {e}")
                if item.summary:
                    docs.append(self._summary_document(source, item))
            except SourceError as e:
                res.item_errors.append(f"{item.url}: {e.klass}: {e}")
        return docs

    def _summary_document(self, source: Source, item: Item) -> Document:
        from .extract.normalize import normalize
        from .extract.page import parse_page
        page = parse_page(item.summary or "", url=item.url)
        return Document(url=item.url, title=item.title or page.title, text=normalize(page.text),
                        published=item.published, source_id=source.id, region=source.region,
                        authority=source.authority)

    def _with_attachments(self, source: Source, doc: Document, res: PollResult) -> Document:
        texts = []
        for url in [a for a in doc.attachments if a.lower().split("?")[0].endswith(ATTACHMENT_EXTS)][:MAX_ATTACHMENTS]:
            if allowed(url, source, allow_private=self.config.settings.allow_private):
                continue
            try:
                res.requests += 1
                f = self.fetcher.fetch(url, source=source)
                from .extract.attachments import attachment_text
                texts.append(attachment_text(f.body, name=url, content_type=f.content_type))
            except (FetchError, SourceError) as e:
                res.item_errors.append(f"{url}: {e}")
        if texts:
            doc = replace(doc, text=doc.text + "\n\n" + "\n\n".join(texts))
        return doc

    def _recheck(self, source: Source, res: PollResult) -> list[tuple[dict, object]]:
        """Re-check (conditional GET) the documents of this source that carry terms: amendments and withdrawals."""
        out = []
        budget = 3 if source.kind != "page" else 0
        now = datetime.fromisoformat(self.clock())
        due = [d for d in self.store.documents_of(source.id, with_terms=True)
               if _age(d.get("last_checked"), now) >= self.config.settings.recheck]
        for d in due[:budget]:
            try:
                res.requests += 1
                f = self.fetcher.fetch(d["url"], source=source, etag=d.get("etag"), last_modified=d.get("last_modified"))
                if f.not_modified:
                    res.responses_304 += 1
                    out.append((d, "same"))
                else:
                    res.validators[d["url"]] = (f.etag, f.last_modified)
                    out.append((d, KINDS[source.kind].document(source, f, Item(url=d["url"], title=d.get("title")))))
            except FetchError as e:
                out.append((d, "gone" if e.klass == "gone" else None))
            except SourceError:
                out.append((d, None))
        return out

    # ------------------------------------------------------------ classify and commit, one transaction

    def _commit(self, source: Source, state: dict, res: PollResult, docs: list[Document],
                rechecks: list, flags: list[Item], list_validators: dict) -> None:
        now = self.clock()
        settings = self.config.settings
        baseline = not state.get("baseline_done") and settings.baseline == "silent"
        records, changes, upserts, deletes, reports = [], [], {}, set(), []
        with self._classify_lock:
            known = self.store.known_terms()

            def learn(cs, ups, dels=()):
                changes.extend(cs)
                for t in ups:
                    known[t.key] = t
                    upserts[t.key] = t
                for k in dels:
                    known.pop(k, None)
                    upserts.pop(k, None)
                    deletes.add(k)

            for doc in docs:
                facts = self._extract(doc, res)
                if facts is None:
                    continue
                prev = self.store.document(doc.url)
                prev_facts = Facts.from_json(_json(prev["facts"])) if prev and prev.get("facts") else None
                ctx = DocContext(url=doc.url, source=source.id, authority=source.authority, title=facts.title or doc.title,
                                 detected_at=now, previous=prev_facts,
                                 text_changed=(prev is None or prev.get("content_hash") != doc.content_hash))
                if prev is not None and not ctx.text_changed:
                    continue
                cs, ups = classify.classify(known, facts, ctx)
                learn(cs, ups)
                res.documents += 1
                records.append(self._doc_record(source, doc, facts, now, res.validators.get(doc.url)))
                reports.extend({"region": m.region, "voucher": m.voucher, "url": doc.url, "source": source.id,
                                "authority": source.authority, "title": facts.title or doc.title, "seen_at": now}
                               for m in facts.measures)
            for d, outcome in rechecks:
                if outcome == "same":
                    records.append({"url": d["url"], "last_checked": now, "gone_count": 0})
                elif outcome == "gone":
                    gone = int(d.get("gone_count") or 0) + 1
                    rec = {"url": d["url"], "last_checked": now, "gone_count": gone}
                    if gone >= settings.withdraw_after and source.authority == "official":
                        ctx = DocContext(url=d["url"], source=source.id, authority=source.authority,
                                         title=d.get("title"), detected_at=now)
                        cs, dels = classify.withdraw(known, d["url"], ctx)
                        learn(cs, (), dels)
                        rec["status"] = "gone"
                    records.append(rec)
                elif isinstance(outcome, Document):
                    etag, lm = res.validators.get(d["url"], (None, None))
                    if outcome.content_hash == d.get("content_hash"):
                        records.append({"url": d["url"], "last_checked": now, "gone_count": 0,
                                        "etag": etag, "last_modified": lm})
                        continue
                    facts = self._extract(outcome, res)
                    if facts is None:
                        continue
                    ctx = DocContext(url=d["url"], source=source.id, authority=source.authority,
                                     title=facts.title or d.get("title"), detected_at=now,
                                     previous=Facts.from_json(_json(d["facts"])) if d.get("facts") else None,
                                     text_changed=True)
                    cs, ups = classify.classify(known, facts, ctx)
                    learn(cs, ups)
                    records.append(self._doc_record(source, outcome, facts, now, (etag, lm)))
            for item in flags:
                if item.flags.get("abolished") and source.authority == "official":
                    ctx = DocContext(url=item.url, source=source.id, authority=source.authority, title=item.title,
                                     detected_at=now)
                    cs, dels = classify.withdraw(known, item.url, ctx)
                    learn(cs, (), dels)
                    if cs:
                        records.append({"url": item.url, "status": "withdrawn", "last_checked": now})

            outcome = Outcome(ok=res.ok, not_modified=res.not_modified, error_class=res.error_class, error=res.error,
                              changed=any(c.kind != "cosmetic" for c in changes), documents=res.documents)
            health, notices = judge(state, outcome, settings, source_id=source.id, source_name=source.name, now=now)
            if res.ok:
                health.update({k: v for k, v in list_validators.items() if k != "url" or v})
                if res.not_modified:
                    health.pop("url", None)
                    health["etag"] = list_validators.get("etag") or state.get("etag")
                    health["last_modified"] = list_validators.get("last_modified") or state.get("last_modified")
                health["baseline_done"] = 1
            alerting = [c for c in changes if c.kind != "cosmetic"] if not baseline else []
            outbox = self._route(alerting + notices, now)
            new = self.store.commit(source_id=source.id, health=health, documents=records,
                                    changes=changes + notices, terms_upsert=list(upserts.values()),
                                    terms_delete=deletes, reports=reports, outbox=outbox, baseline=baseline)
        res.changes = [c for c in new if c.kind not in ("source_failing", "source_recovered")]
        res.notices = [c for c in new if c.kind in ("source_failing", "source_recovered")]
        new_keys = {c.key for c in new}
        res.queued = sum(1 for k, _, _ in outbox if k in new_keys)

    def _extract(self, doc: Document, res: PollResult) -> Facts | None:
        try:
            return extract_document(doc)
        except Exception as e:  # noqa: BLE001 - one bad document must not stop the poll
            log.exception("extract %s failed", doc.url)
            res.item_errors.append(f"{doc.url}: extract: {type(e).__name__}: {e}")
            return None

    @staticmethod
    def _doc_record(source: Source, doc: Document, facts: Facts, now: str,
                    validators: tuple | None = None) -> dict:
        etag, last_modified = validators or (None, None)
        return {"url": doc.url, "etag": etag, "last_modified": last_modified, "source_id": source.id, "title": facts.title or doc.title,
                "published": facts.published or doc.published, "content_hash": doc.content_hash,
                "facts": facts.to_json() | {"repealed": facts.repealed}, "has_terms": int(bool(facts.measures)),
                "authority": source.authority, "last_seen": now, "last_checked": now, "status": "live",
                "gone_count": 0}

    def _route(self, changes: list[Change], now: str) -> list[tuple[str, str, str]]:
        out = []
        when = datetime.fromisoformat(now)
        for change, channel in routing.route(changes, self.config.channels):
            due = routing.due_time(channel, when, self.config.settings.timezone)
            out.append((change.key, channel.id, utc_iso(due)))
        return out

    # ------------------------------------------------------------ the whole run

    def check_once(self, sources: list[Source] | None = None, *, deliver: bool = True,
                   progress: Callable[[PollResult], None] | None = None) -> RunSummary:
        t0 = time.monotonic()
        sources = [s for s in (sources if sources is not None else self.config.sources) if s.enabled]
        summary = RunSummary()
        workers = max(1, min(self.config.settings.concurrency, len(sources) or 1))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="poll") as pool:
            for r in pool.map(self.poll_source, sources):
                summary.results.append(r)
                if progress:
                    progress(r)
        self.reminders()
        if deliver:
            summary.delivery = self.deliver()
        summary.seconds = time.monotonic() - t0
        return summary

    def reminders(self, today: str | None = None) -> list[Change]:
        """deadline_soon for known deadlines within settings.deadline_days; once per deadline (stable keys)."""
        now = self.clock()
        today = today or now[:10]
        with self._classify_lock:
            known = self.store.known_terms()
            cs = classify.deadline_reminders(known, today, self.config.settings.deadline_days, detected_at=now)
            if not cs:
                return []
            return self.store.commit(changes=cs, outbox=self._route(cs, now))

    def deliver(self) -> "DeliveryReport":
        from .delivery import deliver
        return deliver(self.store, self.config, self.sender)


def _age(stamp: str | None, now: datetime) -> float:
    """Seconds since an ISO timestamp (infinite when unknown or unreadable)."""
    if not stamp:
        return float("inf")
    try:
        then = datetime.fromisoformat(stamp)
        if then.tzinfo is None:
            then = then.replace(tzinfo=timezone.utc)
        return (now - then).total_seconds()
    except ValueError:
        return float("inf")


def _json(v):
    import json
    return json.loads(v) if isinstance(v, str) else v
