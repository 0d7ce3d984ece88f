"""The plain data that flows through monitor: frozen dataclasses, no logic beyond (de)serialisation.

Source ──fetch──▶ Fetched ──parse──▶ Item / Document ──extract──▶ Facts ──classify──▶ Change ──render──▶ alert
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

# Canonical vocabularies of SPEC.md
VOUCHERS = ("算力券", "模型券", "语料券", "数据券", "训力券", "智能券", "创新券",
            "云服务券", "算法券", "服务券", "运力券", "词元券")
STAGES = ("draft", "final", "application", "news")
CHANGE_KINDS = ("new_policy", "amended", "finalized", "application_open",
                "deadline_soon", "withdrawn", "cosmetic")
NOTICE_KINDS = ("source_failing", "source_recovered")
TERM_FIELDS = ("budget_yuan", "ratio", "cap_yuan", "deadline")
SOURCE_KINDS = ("rss", "html", "json", "page")
AUTHORITIES = ("official", "news")
NATIONAL = "全国"


# ---------------------------------------------------------------- configuration

@dataclass(frozen=True)
class Settings:
    interval: float = 1800.0            # seconds between polls of a source
    user_agent: str = "monitor/0.1 (policy-change monitor; +https://github.com/monitor)"
    concurrency: int = 16               # requests in flight at once, across hosts
    host_delay: float = 1.0             # least seconds between two requests to one host
    baseline: str = "silent"            # silent | alert
    timeout: float = 15.0               # connect and per-read timeout, seconds
    fetch_deadline: float = 45.0        # total seconds one fetch may take
    max_bytes: int = 5 * 1024 * 1024    # body cap (decoded bytes)
    max_items: int = 30                 # newest items of a list followed per poll
    failing_after: int = 5              # consecutive failures before source_failing
    deadline_days: int = 7              # deadline_soon lead time
    withdraw_after: int = 3             # consecutive 404/410 before withdrawn
    recheck: float = 6 * 3600.0         # least seconds between two re-checks of a document that carries terms
    retry_for: float = 3 * 86400.0      # outbox: give up (dead) after this many seconds
    allow_private: bool = False         # follow links to loopback/private hosts (tests, demo)
    timezone: str = "Asia/Shanghai"     # for digests, quiet hours, deadlines


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    region: str
    kind: str                           # rss | html | json | page
    url: str
    authority: str = "official"         # official | news
    interval: float | None = None       # seconds; None = settings.interval
    links: str | None = None            # html: CSS selector of item links
    content: str | None = None          # CSS selector of the article body on item pages
    items: str | None = None            # json: dotted path of the list
    fields: Mapping[str, str] | None = None   # json: {title, url, published, ...} -> keys
    follow_hosts: tuple[str, ...] = ()  # extra hosts whose links may be followed
    tls: str = "strict"                 # strict | legacy (old ciphers allowed)
    verify: bool = True                 # False: accept bad certificates (warned)
    encoding: str | None = None         # force a charset
    enabled: bool = True
    max_items: int | None = None
    line: int = 0                       # line in sources.yaml (for messages)


@dataclass(frozen=True)
class Channel:
    id: str
    notify: tuple[str, ...]             # apprise URLs, ${ENV} already substituted
    regions: tuple[str, ...] | None = None
    vouchers: tuple[str, ...] | None = None
    kinds: tuple[str, ...] | None = None
    digest: str = "immediate"           # immediate | hourly | daily HH:MM
    quiet_hours: str | None = None      # "22:00-08:00"
    line: int = 0


@dataclass(frozen=True)
class Config:
    path: str
    settings: Settings
    sources: tuple[Source, ...]
    channels: tuple[Channel, ...]

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def channel(self, channel_id: str) -> Channel | None:
        return next((c for c in self.channels if c.id == channel_id), None)


# ---------------------------------------------------------------- fetching and parsing

@dataclass(frozen=True)
class Fetched:
    url: str                            # the URL asked for
    final_url: str                      # after redirects
    status: int                         # 200, 304 …
    headers: Mapping[str, str]
    body: bytes                         # raw (decompressed) bytes, b"" on 304
    text: str | None = None             # decoded text when the body is textual
    encoding: str | None = None         # charset used to decode
    etag: str | None = None
    last_modified: str | None = None
    elapsed: float = 0.0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return (self.headers.get("content-type") or self.headers.get("Content-Type") or "").lower()


@dataclass(frozen=True)
class Item:
    """One entry of a list: a feed entry, a link of a list page, a row of a JSON API."""
    url: str
    title: str | None = None
    published: str | None = None        # ISO YYYY-MM-DD when known
    summary: str | None = None          # feed description (sometimes the whole article)
    flags: Mapping[str, Any] = field(default_factory=dict)  # abolished, expired, doc_number …


@dataclass(frozen=True)
class Document:
    """One article, ready for extraction: main text already cleaned of page furniture."""
    url: str
    title: str | None
    text: str                           # main text, Simplified, half-width, furniture removed
    published: str | None = None        # ISO date from the page (meta/date line) or the list
    meta: Mapping[str, Any] = field(default_factory=dict)  # issuer, doc_number, written_date, …
    source_id: str = ""
    region: str = ""                    # the source's region (context for bare district names)
    authority: str = "official"
    attachments: tuple[str, ...] = ()   # URLs of PDF/DOCX attachments

    @property
    def content_hash(self) -> str:
        h = hashlib.sha256()
        h.update((self.title or "").encode())
        h.update(b"\0")
        h.update(" ".join(self.text.split()).encode())
        return h.hexdigest()


# ---------------------------------------------------------------- facts

@dataclass(frozen=True)
class Measure:
    voucher: str
    region: str
    policy: str | None = None
    budget_yuan: int | None = None
    ratio: float | None = None
    cap_yuan: int | None = None
    deadline: str | None = None

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "Measure":
        return cls(**{k: d.get(k) for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Facts:
    title: str | None = None
    published: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    stage: str | None = None
    measures: tuple[Measure, ...] = ()
    repealed: bool = False              # the document repeals/abolishes (废止/失效) a policy

    def to_json(self) -> dict:
        return {"title": self.title, "published": self.published, "issuer": self.issuer,
                "doc_number": self.doc_number, "stage": self.stage,
                "measures": [m.to_json() for m in self.measures]}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "Facts":
        return cls(title=d.get("title"), published=d.get("published"), issuer=d.get("issuer"),
                   doc_number=d.get("doc_number"), stage=d.get("stage"),
                   measures=tuple(Measure.from_json(m) for m in d.get("measures") or ()),
                   repealed=bool(d.get("repealed", False)))


# ---------------------------------------------------------------- state and changes

@dataclass(frozen=True)
class Terms:
    """What is known now of one (region, voucher), and where it came from."""
    region: str
    voucher: str
    budget_yuan: int | None = None
    ratio: float | None = None
    cap_yuan: int | None = None
    deadline: str | None = None
    stage: str | None = None            # draft | final | application | news
    policy: str | None = None
    authority: str = "official"         # of the document the terms came from
    url: str | None = None
    title: str | None = None
    issuer: str | None = None
    published: str | None = None
    source: str | None = None
    updated_at: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.region, self.voucher)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "Terms":
        return cls(**{k: d.get(k) for k in cls.__dataclass_fields__ if k in d})


@dataclass(frozen=True)
class DocContext:
    """Where a set of facts comes from, for classification."""
    url: str
    source: str
    authority: str = "official"
    title: str | None = None
    detected_at: str = ""               # ISO datetime with offset
    previous: Facts | None = None       # facts of this same URL's previous version, if any
    text_changed: bool = True           # the document's content hash differs from last time


@dataclass(frozen=True)
class Change:
    kind: str
    region: str | None = None
    voucher: str | None = None
    field: str | None = None            # amended: the field; application_open/deadline_soon: "deadline"; finalized: "stage"
    old: Any = None
    new: Any = None
    confirmed: bool = True
    url: str | None = None
    title: str | None = None
    source: str | None = None
    detected_at: str | None = None
    issuer: str | None = None
    published: str | None = None
    policy: str | None = None
    stage: str | None = None
    terms: Mapping[str, Any] | None = None   # budget_yuan, ratio, cap_yuan, deadline after the change

    @property
    def key(self) -> str:
        """Stable identity: the same change detected twice has the same key."""
        # an unconfirmed report (news contradicting official terms) is one change whichever outlet repeats it
        ident = [self.kind, self.region, self.voucher, self.field, self.old, self.new,
                 self.url if self.confirmed else "unconfirmed"]
        if self.kind in ("source_failing", "source_recovered", "cosmetic"):
            ident.append(self.detected_at)
        return hashlib.sha256(json.dumps(ident, ensure_ascii=False, default=str).encode()).hexdigest()[:32]

    def to_json(self) -> dict:
        d = {"kind": self.kind, "region": self.region, "voucher": self.voucher,
             "field": self.field, "old": self.old, "new": self.new, "confirmed": self.confirmed,
             "url": self.url, "title": self.title, "source": self.source,
             "detected_at": self.detected_at, "issuer": self.issuer,
             "published": self.published, "policy": self.policy, "stage": self.stage}
        if self.terms is not None:
            d["terms"] = dict(self.terms)
        return d

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "Change":
        return cls(**{k: d.get(k) for k in cls.__dataclass_fields__ if k in d})
