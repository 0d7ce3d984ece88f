"""The pure change model: the terms known per (region, voucher) and a document's facts in, Changes out.

No I/O. The store hands in what it knows (`known`), the pipeline hands in one document's facts and where
they come from (`DocContext`); `classify` answers with the changes that document brings and the Terms rows
to upsert. SPEC.md "Changes" is the contract; the rules, in the order they are applied per measure:

1. An older document never amends newer terms (both published dates known and the new one earlier).
2. A repeal notice (facts.repealed, official) that states no terms of its own withdraws the known terms.
3. Otherwise the measure is judged by the small rules of `RULES` (new_policy, finalized, amended,
   application_open); their changes decide what, if anything, is upserted.
4. A new version of a known URL whose text changed but brings nothing above is one `cosmetic` change.

News and official: a news report never overwrites terms from an official document; what it says
differently is a change with `confirmed=False`. Official facts for terms known only from news confirm
them (same values: no change, provenance moves to the official document) or amend them (confirmed).

A repealed (region, voucher) stays in the state as a row with stage `withdrawn` (values kept for the
record), so that a second report of the same repeal or last year's original found later bring nothing;
such a row counts as "no terms known" for a document that issues the voucher again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Callable, Mapping

from .models import TERM_FIELDS, Change, DocContext, Facts, Measure, Terms

Key = tuple[str, str]

WITHDRAWN = "withdrawn"        # Terms.stage of a repealed (region, voucher)
RATIO_TOLERANCE = 1e-4         # 0.3 and 0.30000001 are the same ratio
AMOUNT_TOLERANCE = 0.5         # yuan
# A news report comes after the document it reports on: an official document published up to this many
# days before the news report may still be the one reported (it confirms or corrects the news).
NEWS_LAG_DAYS = 92
# Where a document stands in the life of a policy; a later stage of the same policy moves the terms on.
STAGE_RANK = {"draft": 0, "final": 1, "application": 2}


# ---------------------------------------------------------------- small pure helpers

def _day(s: Any) -> date | None:
    """The date of an ISO date or datetime string; None when absent or not a date."""
    if not isinstance(s, str) or len(s) < 10:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def _same(field: str, a: Any, b: Any) -> bool:
    """Two values of one term field are the same (ratios with a tolerance, amounts numerically)."""
    if a is None or b is None:
        return a is None and b is None
    if field == "deadline":
        da, db = _day(a), _day(b)
        return da == db if da and db else str(a) == str(b)
    try:
        tol = RATIO_TOLERANCE if field == "ratio" else AMOUNT_TOLERANCE
        return abs(float(a) - float(b)) <= tol
    except (TypeError, ValueError):
        return a == b


def _values(m: Measure | Terms) -> dict[str, Any]:
    return {f: getattr(m, f) for f in TERM_FIELDS}


def _states_any(m: Measure) -> bool:
    return any(getattr(m, f) is not None for f in TERM_FIELDS)


def _is_news(ctx: DocContext) -> bool:
    return ctx.authority == "news"


_POLICY_NOISE = re.compile(r"[\s《》〈〉<>“”\"'‘’「」『』()（）]")


def _same_policy(a: str | None, b: str | None) -> bool:
    """Policy names that may be the same policy: unknown, equal, or one quoting the other."""
    if not a or not b:
        return True
    a, b = _POLICY_NOISE.sub("", a), _POLICY_NOISE.sub("", b)
    return not a or not b or a in b or b in a


def _measures(facts: Facts) -> list[Measure]:
    """One measure per (region, voucher), in document order; a repeated pair fills only the gaps of the first."""
    out: dict[Key, Measure] = {}
    for m in facts.measures:
        if not m.region or not m.voucher:
            continue
        key = (m.region, m.voucher)
        if key not in out:
            out[key] = m
            continue
        first = out[key]
        gaps = {f: getattr(m, f) for f in (*TERM_FIELDS, "policy") if getattr(first, f) is None}
        out[key] = replace(first, **{f: v for f, v in gaps.items() if v is not None})
    return list(out.values())


def _older(facts: Facts, known: Terms, ctx: DocContext) -> bool:
    """The document is older than the known terms, so it cannot amend them."""
    new, old = _day(facts.published), _day(known.published)
    if new is None or old is None:
        return False
    if known.authority == "news" and not _is_news(ctx):
        return new < old - timedelta(days=NEWS_LAG_DAYS)
    return new < old


def _title(facts: Facts, ctx: DocContext) -> str | None:
    return ctx.title or facts.title


def _terms(m: Measure, facts: Facts, ctx: DocContext, *, stage: str | None = None,
           base: Terms | None = None) -> Terms:
    """Terms of `m` with the provenance of this document; over `base`, a null field keeps the known value."""
    values = _values(m)
    if base is not None:
        values = {f: (v if v is not None else getattr(base, f)) for f, v in values.items()}
    return Terms(region=m.region, voucher=m.voucher, **values,
                 stage=stage if stage is not None else facts.stage,
                 policy=m.policy or (base.policy if base else None),
                 authority=ctx.authority, url=ctx.url, title=_title(facts, ctx), issuer=facts.issuer,
                 published=facts.published or (base.published if base else None),
                 source=ctx.source, updated_at=ctx.detected_at or None)


# ---------------------------------------------------------------- one measure against what is known

@dataclass(frozen=True)
class _Case:
    m: Measure
    facts: Facts
    ctx: DocContext
    known: Terms | None               # live terms of this (region, voucher); None when unknown or withdrawn

    @property
    def news(self) -> bool:
        return _is_news(self.ctx)

    @property
    def confirmed(self) -> bool:
        return not self.news

    @property
    def merged(self) -> dict[str, Any]:
        """The term values after this document: the known ones, overlaid with what it states."""
        if self.known is None:
            return _values(self.m)
        return {f: (getattr(self.m, f) if getattr(self.m, f) is not None else getattr(self.known, f))
                for f in TERM_FIELDS}

    @property
    def differing(self) -> list[str]:
        """The fields this document states with a value other than the known one."""
        if self.known is None:
            return []
        return [f for f in TERM_FIELDS
                if getattr(self.m, f) is not None and not _same(f, getattr(self.m, f), getattr(self.known, f))]

    @property
    def opens_round(self) -> bool:
        """The document announces an application round that was not announced before."""
        return self.facts.stage == "application" and not self._same_round()

    def _same_round(self) -> bool:
        k, ctx = self.known, self.ctx
        if k is None:
            return False
        if k.stage == "application" and k.url == ctx.url and self.facts.published in (None, k.published):
            return True                       # the very notice that announced the known round
        pub = _day(self.facts.published) or _day(ctx.detected_at)
        kd = _day(k.deadline)
        if pub and kd and pub > kd:
            return False                      # the known round had closed: this is another one
        if ctx.previous is not None and ctx.previous.stage == "application":
            return True                       # this URL announced the round already
        if k.stage != "application":
            return False
        if k.url == ctx.url or (self.m.deadline is not None and _same("deadline", self.m.deadline, k.deadline)):
            return True
        if pub and kd:
            return True                       # announced while the known round was open: the same round
        kp = _day(k.published)
        return bool(pub and kp and abs((pub - kp).days) <= 31)

    def change(self, kind: str, **kw: Any) -> Change:
        kw.setdefault("confirmed", self.confirmed)
        kw.setdefault("terms", self.merged)
        policy = self.m.policy or (self.known.policy if self.known else None)
        return Change(kind=kind, region=self.m.region, voucher=self.m.voucher, url=self.ctx.url,
                      title=_title(self.facts, self.ctx), source=self.ctx.source,
                      detected_at=self.ctx.detected_at, issuer=self.facts.issuer,
                      published=self.facts.published, policy=policy, stage=self.facts.stage, **kw)


def _new_policy(c: _Case) -> list[Change]:
    return [c.change("new_policy")] if c.known is None else []


def _finalized(c: _Case) -> list[Change]:
    if (c.known is not None and c.known.stage == "draft" and not c.news
            and c.facts.stage in ("final", "application")):
        return [c.change("finalized", field="stage", old="draft", new="final")]
    return []


def _amended(c: _Case) -> list[Change]:
    skip = {"deadline"} if c.opens_round else set()   # a new round's deadline is told by application_open
    return [c.change("amended", field=f, old=getattr(c.known, f), new=getattr(c.m, f))
            for f in c.differing if f not in skip]


def _application_open(c: _Case) -> list[Change]:
    return [c.change("application_open", field="deadline", new=c.m.deadline)] if c.opens_round else []


# The kinds a measure can bring, in the order they are reported.
RULES: tuple[Callable[[_Case], list[Change]], ...] = (_new_policy, _finalized, _amended, _application_open)


def _upsert(c: _Case, changes: list[Change]) -> Terms | None:
    """The Terms row this measure leaves behind, or None when the known row stays as it is."""
    k = c.known
    if k is None:
        return _terms(c.m, c.facts, c.ctx)
    if c.news and k.authority != "news":
        return None                                   # news never overwrites official terms
    material = any(ch.kind in ("amended", "finalized", "application_open") for ch in changes)
    confirms = not c.news and k.authority == "news"
    new_pub, known_pub = _day(c.facts.published), _day(k.published)
    newer = new_pub is not None and (known_pub is None or new_pub > known_pub)
    stage_on = STAGE_RANK.get(c.facts.stage or "", -1) > STAGE_RANK.get(k.stage or "", -1)
    if not (material or confirms or newer or stage_on):
        return None                                   # one policy, many reports: keep the first source
    stage = c.facts.stage if c.facts.stage in STAGE_RANK or k.stage is None else k.stage
    return _terms(c.m, c.facts, c.ctx, stage=stage, base=k)


def _repeal(known: Terms | None, m: Measure, facts: Facts, ctx: DocContext) -> tuple[list[Change], Terms | None]:
    """A repeal notice for (region, voucher): withdrawn when live terms of that policy are known."""
    marker_of = dict(stage=WITHDRAWN, authority=ctx.authority, url=ctx.url, title=_title(facts, ctx),
                     issuer=facts.issuer, source=ctx.source, updated_at=ctx.detected_at or None)
    if known is None:                                 # remember it: the older original found later brings nothing
        return [], Terms(region=m.region, voucher=m.voucher, policy=m.policy, published=facts.published, **marker_of)
    if known.stage == WITHDRAWN or not _same_policy(m.policy, known.policy):
        return [], None
    change = Change(kind="withdrawn", region=m.region, voucher=m.voucher, confirmed=True, url=ctx.url,
                    title=_title(facts, ctx), source=ctx.source, detected_at=ctx.detected_at,
                    issuer=facts.issuer, published=facts.published, policy=m.policy or known.policy,
                    stage=facts.stage, terms=_values(known))
    return [change], replace(known, published=facts.published or known.published, **marker_of)


def _cosmetic(facts: Facts, ctx: DocContext) -> Change:
    return Change(kind="cosmetic", url=ctx.url, title=_title(facts, ctx), source=ctx.source,
                  detected_at=ctx.detected_at, issuer=facts.issuer, published=facts.published,
                  stage=facts.stage)


def _classify(known: Mapping[Key, Terms], facts: Facts, ctx: DocContext, *,
              respect_age: bool = True) -> tuple[list[Change], list[Terms]]:
    if ctx.previous is not None and not ctx.text_changed:
        return [], []
    changes: list[Change] = []
    upserts: list[Terms] = []
    for m in _measures(facts):
        k = known.get((m.region, m.voucher))
        if k is not None and respect_age and _older(facts, k, ctx):
            continue                                  # recorded by the caller; terms unchanged
        if facts.repealed and not _states_any(m):
            if not _is_news(ctx):
                cs, up = _repeal(k, m, facts, ctx)
                changes.extend(cs)
                upserts.extend([up] if up else [])
            continue
        case = _Case(m=m, facts=facts, ctx=ctx, known=k if k is not None and k.stage != WITHDRAWN else None)
        cs = [ch for rule in RULES for ch in rule(case)]
        up = _upsert(case, cs)
        changes.extend(cs)
        upserts.extend([up] if up else [])
    if not changes and ctx.previous is not None and ctx.text_changed:
        changes.append(_cosmetic(facts, ctx))
    return changes, upserts


# ---------------------------------------------------------------- public API

def terms_from_facts(facts: Facts, ctx: DocContext) -> dict[Key, Terms]:
    """The Terms each measure of `facts` sets, with the provenance of `ctx` (one per (region, voucher))."""
    return {(m.region, m.voucher): _terms(m, facts, ctx) for m in _measures(facts)}


def classify(known: Mapping[Key, Terms], facts: Facts, ctx: DocContext) -> tuple[list[Change], list[Terms]]:
    """The changes this document brings against the known terms, and the Terms rows to upsert."""
    return _classify(known, facts, ctx)


def withdraw(known: Mapping[Key, Terms], url: str, ctx: DocContext) -> tuple[list[Change], list[Key]]:
    """The official document at `url` is gone: withdrawn for the live official terms it carried, keys to delete."""
    if _is_news(ctx):
        return [], []
    changes: list[Change] = []
    keys: list[Key] = []
    for key in sorted(known):
        t = known[key]
        if t.url != url or t.stage == WITHDRAWN or t.authority == "news":
            continue
        changes.append(Change(kind="withdrawn", region=t.region, voucher=t.voucher, confirmed=True, url=url,
                              title=ctx.title or t.title, source=ctx.source or t.source,
                              detected_at=ctx.detected_at, issuer=t.issuer, published=t.published,
                              policy=t.policy, stage=t.stage, terms=_values(t)))
        keys.append(key)
    return changes, keys


def deadline_reminders(known: Mapping[Key, Terms], today: str, days: int = 7, *,
                       detected_at: str = "") -> list[Change]:
    """deadline_soon for each live known deadline with today <= deadline <= today + days."""
    start = _day(today)
    if start is None:
        raise ValueError(f"today is not an ISO date: {today!r}")
    end = start + timedelta(days=days)
    out = []
    for key in sorted(known):
        t = known[key]
        d = _day(t.deadline)
        if d is None or t.stage == WITHDRAWN or not (start <= d <= end):
            continue
        out.append(Change(kind="deadline_soon", region=t.region, voucher=t.voucher, field="deadline",
                          new=t.deadline, confirmed=t.authority != "news", url=t.url, title=t.title,
                          source=t.source, detected_at=detected_at, issuer=t.issuer, published=t.published,
                          policy=t.policy, stage=t.stage, terms=_values(t)))
    return out


def diff_documents(old: Facts, new: Facts, ctx: DocContext) -> list[Change]:
    """`monitor diff OLD NEW`: OLD's facts are the known (official) terms; the changes NEW brings.

    The user chose the order, so NEW is compared even when it is dated before OLD. Cosmetic-only → [].
    """
    known = terms_from_facts(old, replace(ctx, authority="official", title=old.title, previous=None))
    changes, _ = _classify(known, new, replace(ctx, previous=old, text_changed=True), respect_age=False)
    return [c for c in changes if c.kind != "cosmetic"]
