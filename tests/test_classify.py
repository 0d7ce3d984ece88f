"""The pure change model: tables of (known terms, facts, context) → changes and upserts. No I/O."""
from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.classify import (WITHDRAWN, classify, deadline_reminders, diff_documents, terms_from_facts,
                              withdraw)
from monitor.models import Change, DocContext, Facts, Measure, Terms

SZ, HZ = "广东省/深圳市", "浙江省/杭州市"
SL, MX = "算力券", "模型券"
OFFICIAL_URL = "https://gxj.sz.gov.cn/tzgg/2025/a.html"
NEW_URL = "https://gxj.sz.gov.cn/tzgg/2026/b.html"
NEWS_URL = "https://news.example.com/2026/ai.html"
NOW = "2026-03-24T09:00:00+08:00"


def M(region: str = SZ, voucher: str = SL, **kw) -> Measure:
    return Measure(voucher=voucher, region=region, **kw)


def F(*measures: Measure, stage: str | None = "final", published: str | None = "2026-03-01", **kw) -> Facts:
    kw.setdefault("title", "关于印发算力券实施办法的通知")
    kw.setdefault("issuer", "深圳市工业和信息化局")
    return Facts(stage=stage, published=published, measures=tuple(measures), **kw)


def T(region: str = SZ, voucher: str = SL, **kw) -> Terms:
    base = dict(stage="final", authority="official", url=OFFICIAL_URL, title="旧通知", issuer="深圳市工业和信息化局",
                published="2025-03-01", source="sz-gxj", updated_at="2025-03-02T00:00:00+08:00")
    return Terms(region=region, voucher=voucher, **(base | kw))


def C(url: str = NEW_URL, authority: str = "official", **kw) -> DocContext:
    return DocContext(url=url, source="news-src" if authority == "news" else "sz-gxj", authority=authority,
                      title=kw.pop("title", "新通知"), detected_at=kw.pop("detected_at", NOW), **kw)


def known_of(*terms: Terms) -> dict:
    return {t.key: t for t in terms}


def brief(changes: list[Change]) -> list[tuple]:
    return [(c.kind, c.voucher, c.field, c.old, c.new, c.confirmed) for c in changes]


# ---------------------------------------------------------------- the table

CASES = [
    # id, known, facts, ctx, expected (kind, voucher, field, old, new, confirmed)
    ("new policy", [], F(M(budget_yuan=100_000_000, ratio=0.3)), C(),
     [("new_policy", SL, None, None, None, True)]),
    ("new policy, two vouchers", [], F(M(cap_yuan=1), M(voucher=MX)), C(),
     [("new_policy", SL, None, None, None, True), ("new_policy", MX, None, None, None, True)]),
    ("new policy from an application round with deadline", [], F(M(deadline="2026-04-15"), stage="application"), C(),
     [("new_policy", SL, None, None, None, True), ("application_open", SL, "deadline", None, "2026-04-15", True)]),
    ("new policy from an application round without deadline", [], F(M(), stage="application"), C(),
     [("new_policy", SL, None, None, None, True), ("application_open", SL, "deadline", None, None, True)]),
    ("amended cap", [T(cap_yuan=5_000_000)], F(M(cap_yuan=10_000_000)), C(),
     [("amended", SL, "cap_yuan", 5_000_000, 10_000_000, True)]),
    ("amended several fields at once", [T(budget_yuan=100_000_000, ratio=0.3, cap_yuan=5_000_000, deadline="2025-07-15")],
     F(M(budget_yuan=200_000_000, ratio=0.5, cap_yuan=5_000_000, deadline="2026-07-15")), C(),
     [("amended", SL, "budget_yuan", 100_000_000, 200_000_000, True), ("amended", SL, "ratio", 0.3, 0.5, True),
      ("amended", SL, "deadline", "2025-07-15", "2026-07-15", True)]),
    ("a newly stated cap is news", [T(cap_yuan=None)], F(M(cap_yuan=3_000_000)), C(),
     [("amended", SL, "cap_yuan", None, 3_000_000, True)]),
    ("a field not stated is not a change", [T(budget_yuan=100_000_000, cap_yuan=5_000_000)], F(M(cap_yuan=5_000_000)),
     C(), []),
    ("ratio within tolerance", [T(ratio=0.3)], F(M(ratio=0.30000001)), C(), []),
    ("same terms reported again elsewhere", [T(ratio=0.3, cap_yuan=5_000_000)],
     F(M(ratio=0.3, cap_yuan=5_000_000), published="2025-03-02"), C(url="https://gd.gov.cn/repost.html"), []),
    ("draft to final, same terms", [T(stage="draft", ratio=0.3)], F(M(ratio=0.3)), C(),
     [("finalized", SL, "stage", "draft", "final", True)]),
    ("draft to final, changed terms", [T(stage="draft", ratio=0.3, cap_yuan=1_000_000)],
     F(M(ratio=0.4, cap_yuan=1_000_000)), C(),
     [("finalized", SL, "stage", "draft", "final", True), ("amended", SL, "ratio", 0.3, 0.4, True)]),
    ("draft to application round", [T(stage="draft")], F(M(deadline="2026-05-01"), stage="application"), C(),
     [("finalized", SL, "stage", "draft", "final", True),
      ("application_open", SL, "deadline", None, "2026-05-01", True)]),
    ("a second draft is no finalization", [T(stage="draft", ratio=0.3)], F(M(ratio=0.35), stage="draft"), C(),
     [("amended", SL, "ratio", 0.3, 0.35, True)]),
    ("application round for a known final policy", [T(ratio=0.3)],
     F(M(ratio=0.3, deadline="2026-04-30"), stage="application"), C(),
     [("application_open", SL, "deadline", None, "2026-04-30", True)]),
    ("application round without deadline", [T()], F(M(), stage="application"), C(),
     [("application_open", SL, "deadline", None, None, True)]),
    ("deadline moved inside an announced round (same URL)",
     [T(stage="application", url=NEW_URL, deadline="2026-04-30", published="2026-03-01")],
     F(M(deadline="2026-05-15"), stage="application"),
     C(previous=F(M(deadline="2026-04-30"), stage="application"), text_changed=True),
     [("amended", SL, "deadline", "2026-04-30", "2026-05-15", True)]),
    ("deadline moved on a page that announced the round, terms since restated by a policy",
     [T(stage="final", deadline="2026-04-30", published="2026-03-01")],
     F(M(deadline="2026-05-15"), stage="application"),
     C(previous=F(M(deadline="2026-04-30"), stage="application")),
     [("amended", SL, "deadline", "2026-04-30", "2026-05-15", True)]),
    ("extension notice while the round is open",
     [T(stage="application", deadline="2026-04-30", published="2026-03-01")],
     F(M(deadline="2026-05-15"), stage="application", published="2026-04-20"), C(),
     [("amended", SL, "deadline", "2026-04-30", "2026-05-15", True)]),
    ("next year's round after the last one closed",
     [T(stage="application", deadline="2025-04-30", published="2025-03-01")],
     F(M(deadline="2026-04-30"), stage="application", published="2026-03-01"), C(),
     [("application_open", SL, "deadline", None, "2026-04-30", True)]),
    ("the same round reposted by the province",
     [T(stage="application", deadline="2026-04-30", published="2026-03-01")],
     F(M(deadline="2026-04-30"), stage="application", published="2026-03-03"), C(url="https://gd.gov.cn/x.html"), []),
    ("older document never amends newer terms", [T(cap_yuan=5_000_000, published="2026-03-01")],
     F(M(cap_yuan=3_000_000), published="2025-03-01"), C(), []),
    ("older application round is not opened again", [T(published="2026-03-01")],
     F(M(deadline="2025-04-01"), stage="application", published="2025-03-01"), C(), []),
    ("news contradicting official", [T(cap_yuan=5_000_000)], F(M(cap_yuan=8_000_000), stage="news"),
     C(url=NEWS_URL, authority="news"), [("amended", SL, "cap_yuan", 5_000_000, 8_000_000, False)]),
    ("news agreeing with official", [T(cap_yuan=5_000_000)], F(M(cap_yuan=5_000_000), stage="news"),
     C(url=NEWS_URL, authority="news"), []),
    ("news-only voucher", [], F(M(cap_yuan=8_000_000), stage="news"), C(url=NEWS_URL, authority="news"),
     [("new_policy", SL, None, None, None, False)]),
    ("news never finalizes a draft", [T(stage="draft", ratio=0.3)], F(M(ratio=0.3), stage="news"),
     C(url=NEWS_URL, authority="news"), []),
    ("official confirms news, same values", [T(authority="news", url=NEWS_URL, stage="news", cap_yuan=8_000_000)],
     F(M(cap_yuan=8_000_000)), C(), []),
    ("official corrects news", [T(authority="news", url=NEWS_URL, stage="news", cap_yuan=8_000_000)],
     F(M(cap_yuan=5_000_000)), C(), [("amended", SL, "cap_yuan", 8_000_000, 5_000_000, True)]),
    ("official a little older than the news it confirms",
     [T(authority="news", url=NEWS_URL, stage="news", cap_yuan=8_000_000, published="2026-03-10")],
     F(M(cap_yuan=5_000_000), published="2026-03-01"), C(), [("amended", SL, "cap_yuan", 8_000_000, 5_000_000, True)]),
    ("last year's official notice found after this year's news",
     [T(authority="news", url=NEWS_URL, stage="news", cap_yuan=8_000_000, published="2026-03-10")],
     F(M(cap_yuan=5_000_000), published="2025-03-01"), C(), []),
    ("news amends news-only terms, unconfirmed",
     [T(authority="news", url=NEWS_URL, stage="news", cap_yuan=8_000_000, published="2026-01-01")],
     F(M(cap_yuan=9_000_000), stage="news"), C(url="https://news2.example.com/x", authority="news"),
     [("amended", SL, "cap_yuan", 8_000_000, 9_000_000, False)]),
    ("official application round confirms news-only terms", [T(authority="news", url=NEWS_URL, stage="news")],
     F(M(deadline="2026-04-30"), stage="application"), C(),
     [("application_open", SL, "deadline", None, "2026-04-30", True)]),
    ("repeal withdraws", [T(cap_yuan=5_000_000)], F(M(), stage="final", repealed=True), C(),
     [("withdrawn", SL, None, None, None, True)]),
    ("repeal of another policy of the same voucher", [T(policy="深圳市算力券实施细则(2025)")],
     F(M(policy="深圳市算力券管理办法(2022)"), repealed=True), C(), []),
    ("repeal reported by news is not a withdrawal", [T()], F(M(), stage="news", repealed=True),
     C(url=NEWS_URL, authority="news"), []),
    ("a repeal of last year's policy, older than the known terms", [T(published="2026-03-01")],
     F(M(), repealed=True, published="2025-12-01"), C(), []),
    ("a new policy that repeals its predecessor amends", [T(cap_yuan=5_000_000)],
     F(M(cap_yuan=6_000_000), repealed=True), C(), [("amended", SL, "cap_yuan", 5_000_000, 6_000_000, True)]),
    ("after a repeal, a re-issue is a new policy", [T(stage=WITHDRAWN, published="2025-06-01")],
     F(M(cap_yuan=1_000_000)), C(), [("new_policy", SL, None, None, None, True)]),
    ("cosmetic: new version, no fact changed", [T(cap_yuan=5_000_000, url=NEW_URL)], F(M(cap_yuan=5_000_000)),
     C(previous=F(M(cap_yuan=5_000_000)), text_changed=True), [("cosmetic", None, None, None, None, True)]),
    ("nothing at all when the text did not change", [T(cap_yuan=5_000_000, url=NEW_URL)], F(M(cap_yuan=5_000_000)),
     C(previous=F(M(cap_yuan=5_000_000)), text_changed=False), []),
    ("a first sight without change is not cosmetic", [T(cap_yuan=5_000_000)], F(M(cap_yuan=5_000_000)), C(), []),
    ("a document without measures", [T()], F(), C(), []),
    ("values never carry over between vouchers", [T(cap_yuan=5_000_000), T(voucher=MX, cap_yuan=1_000_000)],
     F(M(cap_yuan=5_000_000), M(voucher=MX)), C(), []),
]


@pytest.mark.parametrize("known,facts,ctx,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_classify_table(known, facts, ctx, expected):
    changes, _ = classify(known_of(*known), facts, ctx)
    assert brief(changes) == expected


# ---------------------------------------------------------------- what is carried and what is kept

def test_change_carries_its_context():
    facts = F(M(cap_yuan=10_000_000, policy="深圳市算力券实施办法"), doc_number="深工信〔2026〕1号")
    [c], [t] = classify(known_of(T(cap_yuan=5_000_000)), facts, C())
    assert (c.url, c.title, c.source, c.detected_at) == (NEW_URL, "新通知", "sz-gxj", NOW)
    assert (c.issuer, c.published, c.stage, c.policy) == ("深圳市工业和信息化局", "2026-03-01", "final", "深圳市算力券实施办法")
    assert (c.region, c.voucher) == (SZ, SL)
    assert c.terms == {"budget_yuan": None, "ratio": None, "cap_yuan": 10_000_000, "deadline": None}
    assert (t.cap_yuan, t.url, t.title, t.source, t.published, t.stage, t.authority, t.updated_at) == \
        (10_000_000, NEW_URL, "新通知", "sz-gxj", "2026-03-01", "final", "official", NOW)


def test_new_policy_terms_are_the_measure():
    m = M(budget_yuan=100_000_000, ratio=0.3, cap_yuan=2_000_000, deadline="2026-05-01", policy="P")
    [c], [t] = classify({}, F(m), C())
    assert c.terms == {"budget_yuan": 100_000_000, "ratio": 0.3, "cap_yuan": 2_000_000, "deadline": "2026-05-01"}
    assert (c.field, c.old, c.new) == (None, None, None)
    assert t == Terms(region=SZ, voucher=SL, budget_yuan=100_000_000, ratio=0.3, cap_yuan=2_000_000,
                      deadline="2026-05-01", stage="final", policy="P", authority="official", url=NEW_URL,
                      title="新通知", issuer="深圳市工业和信息化局", published="2026-03-01", source="sz-gxj",
                      updated_at=NOW)


def test_null_field_keeps_the_known_value():
    known = known_of(T(budget_yuan=100_000_000, ratio=0.3, cap_yuan=5_000_000))
    _, [t] = classify(known, F(M(cap_yuan=6_000_000)), C())
    assert (t.budget_yuan, t.ratio, t.cap_yuan) == (100_000_000, 0.3, 6_000_000)


def test_news_contradiction_keeps_official_terms():
    known = known_of(T(cap_yuan=5_000_000))
    changes, ups = classify(known, F(M(cap_yuan=8_000_000), stage="news"), C(url=NEWS_URL, authority="news"))
    assert [c.confirmed for c in changes] == [False] and ups == []


def test_news_then_official_confirms():
    known: dict = {}
    cs, ups = classify(known, F(M(cap_yuan=8_000_000), stage="news", published="2026-03-05"),
                       C(url=NEWS_URL, authority="news"))
    assert brief(cs) == [("new_policy", SL, None, None, None, False)]
    known.update({t.key: t for t in ups})
    assert known[(SZ, SL)].authority == "news"
    cs, ups = classify(known, F(M(cap_yuan=8_000_000), published="2026-03-01"), C())
    assert cs == []
    [t] = ups
    assert (t.authority, t.url, t.stage, t.cap_yuan, t.source) == ("official", NEW_URL, "final", 8_000_000, "sz-gxj")


def test_news_updates_news_only_terms():
    known = known_of(T(authority="news", url=NEWS_URL, stage="news", cap_yuan=8_000_000, published="2026-01-01"))
    _, [t] = classify(known, F(M(cap_yuan=9_000_000), stage="news"), C(url="https://n2/", authority="news"))
    assert (t.cap_yuan, t.authority, t.url, t.stage) == (9_000_000, "news", "https://n2/", "news")


def test_older_document_is_recorded_without_upsert():
    known = known_of(T(cap_yuan=5_000_000, published="2026-03-01"))
    assert classify(known, F(M(cap_yuan=3_000_000), published="2025-03-01"), C()) == ([], [])


def test_unknown_dates_do_not_block():
    known = known_of(T(cap_yuan=5_000_000, published=None))
    cs, _ = classify(known, F(M(cap_yuan=3_000_000), published="2025-03-01"), C())
    assert brief(cs) == [("amended", SL, "cap_yuan", 5_000_000, 3_000_000, True)]


def test_repost_keeps_first_source_but_newer_notice_takes_over():
    known = known_of(T(cap_yuan=5_000_000, published="2025-03-01"))
    assert classify(known, F(M(cap_yuan=5_000_000), published="2025-03-01"), C(url="https://gd.gov.cn/r")) == ([], [])
    cs, [t] = classify(known, F(M(cap_yuan=5_000_000), published="2026-03-01"), C())
    assert cs == [] and (t.url, t.published) == (NEW_URL, "2026-03-01")


def test_finalized_moves_stage():
    _, [t] = classify(known_of(T(stage="draft")), F(M()), C())
    assert t.stage == "final"


def test_repeal_marks_and_second_repeal_is_silent():
    known = known_of(T(cap_yuan=5_000_000))
    repeal = F(M(), repealed=True, title="关于废止算力券实施办法的通知")
    [c], [t] = classify(known, repeal, C(url="https://gxj.sz.gov.cn/fz.html"))
    assert (c.kind, c.terms["cap_yuan"], c.url) == ("withdrawn", 5_000_000, "https://gxj.sz.gov.cn/fz.html")
    assert t.stage == WITHDRAWN
    known[t.key] = t
    assert classify(known, repeal, C(url="https://gd.gov.cn/fz-repost.html"))[0] == []
    assert deadline_reminders(known_of(replace(t, deadline="2026-03-25")), "2026-03-24") == []


def test_repeal_first_then_older_original_brings_nothing():
    cs, [marker] = classify({}, F(M(), repealed=True, published="2026-01-01"), C())
    assert cs == [] and marker.stage == WITHDRAWN
    assert classify({marker.key: marker}, F(M(cap_yuan=1), published="2024-01-01"), C(url=OFFICIAL_URL)) == ([], [])


def test_cosmetic_change_shape():
    [c], ups = classify({}, F(), C(previous=F(), text_changed=True))
    assert (c.kind, c.region, c.voucher, c.url, c.title, c.source) == ("cosmetic", None, None, NEW_URL, "新通知", "sz-gxj")
    assert ups == []


# ---------------------------------------------------------------- gone documents

def test_withdraw_gone_document():
    known = known_of(T(cap_yuan=5_000_000), T(voucher=MX), T(region=HZ, url="https://hz.gov.cn/x"),
                     T(region=HZ, voucher=MX, url=OFFICIAL_URL, authority="news"))
    cs, keys = withdraw(known, OFFICIAL_URL, C(url=OFFICIAL_URL, title="旧通知"))
    assert brief(cs) == [("withdrawn", MX, None, None, None, True), ("withdrawn", SL, None, None, None, True)]
    assert keys == [(SZ, MX), (SZ, SL)]
    assert all(c.url == OFFICIAL_URL and c.detected_at == NOW for c in cs)
    assert cs[1].terms["cap_yuan"] == 5_000_000


@pytest.mark.parametrize("known,url,authority", [
    ([T()], "https://other/", "official"),
    ([T(stage=WITHDRAWN)], OFFICIAL_URL, "official"),
    ([T()], OFFICIAL_URL, "news"),
])
def test_withdraw_nothing(known, url, authority):
    assert withdraw(known_of(*known), url, C(url=url, authority=authority)) == ([], [])


# ---------------------------------------------------------------- reminders

@pytest.mark.parametrize("deadline,days,expected", [
    ("2026-03-24", 7, True),      # today
    ("2026-03-31", 7, True),      # today + days
    ("2026-04-01", 7, False),     # one day beyond
    ("2026-03-23", 7, False),     # yesterday
    ("2026-04-07", 14, True),
    ("2026-03-24", 0, True),
    (None, 7, False),
    ("不详", 7, False),
])
def test_deadline_reminders_window(deadline, days, expected):
    cs = deadline_reminders(known_of(T(deadline=deadline)), "2026-03-24", days, detected_at=NOW)
    assert bool(cs) == expected
    if cs:
        [c] = cs
        assert (c.kind, c.field, c.new, c.url, c.detected_at, c.region, c.voucher) == \
            ("deadline_soon", "deadline", deadline, OFFICIAL_URL, NOW, SZ, SL)


def test_deadline_reminder_is_stable_across_days():
    known = known_of(T(deadline="2026-03-30"))
    a = deadline_reminders(known, "2026-03-24", detected_at="2026-03-24T09:00:00+08:00")
    b = deadline_reminders(known, "2026-03-25", detected_at="2026-03-25T09:00:00+08:00")
    assert [c.key for c in a] == [c.key for c in b]


def test_deadline_reminder_from_news_is_unconfirmed():
    [c] = deadline_reminders(known_of(T(deadline="2026-03-25", authority="news")), "2026-03-24")
    assert c.confirmed is False


# ---------------------------------------------------------------- monitor diff

DIFF_CASES = [
    ("cap raised", F(M(cap_yuan=5_000_000)), F(M(cap_yuan=10_000_000)),
     [("amended", SL, "cap_yuan", 5_000_000, 10_000_000, True)]),
    ("only the deadline moved", F(M(cap_yuan=5_000_000, deadline="2026-04-30"), stage="application"),
     F(M(deadline="2026-05-15"), stage="application"),
     [("amended", SL, "deadline", "2026-04-30", "2026-05-15", True)]),
    ("cosmetic only", F(M(ratio=0.3)), F(M(ratio=0.3), title="（更正）关于印发算力券实施办法的通知"), []),
    ("draft to final", F(M(ratio=0.3), stage="draft"), F(M(ratio=0.3)),
     [("finalized", SL, "stage", "draft", "final", True)]),
    ("new voucher", F(M()), F(M(), M(voucher=MX)), [("new_policy", MX, None, None, None, True)]),
    ("NEW dated before OLD is still compared", F(M(cap_yuan=1), published="2026-03-01"),
     F(M(cap_yuan=2), published="2025-03-01"), [("amended", SL, "cap_yuan", 1, 2, True)]),
    ("next year's round", F(M(deadline="2025-04-30"), stage="application", published="2025-03-01"),
     F(M(deadline="2026-04-30"), stage="application", published="2026-03-01"),
     [("application_open", SL, "deadline", None, "2026-04-30", True)]),
    ("repealed", F(M(cap_yuan=1)), F(M(), repealed=True), [("withdrawn", SL, None, None, None, True)]),
]


@pytest.mark.parametrize("old,new,expected", [c[1:] for c in DIFF_CASES], ids=[c[0] for c in DIFF_CASES])
def test_diff_documents(old, new, expected):
    ctx = DocContext(url="new.html", source="diff", title=new.title, detected_at=NOW, previous=old)
    assert brief(diff_documents(old, new, ctx)) == expected


def test_diff_news_against_official():
    old, new = F(M(cap_yuan=1)), F(M(cap_yuan=2), stage="news")
    [c] = diff_documents(old, new, DocContext(url="n", source="diff", authority="news", previous=old))
    assert c.confirmed is False


def test_terms_from_facts_merges_repeated_pairs():
    facts = F(M(cap_yuan=1), M(ratio=0.5, cap_yuan=9), M(voucher=MX))
    got = terms_from_facts(facts, C())
    assert set(got) == {(SZ, SL), (SZ, MX)}
    assert (got[(SZ, SL)].cap_yuan, got[(SZ, SL)].ratio) == (1, 0.5)
    assert got[(SZ, MX)].cap_yuan is None


# ---------------------------------------------------------------- idempotence

KEYS = [(SZ, SL), (SZ, MX), (HZ, SL)]
DATES = st.sampled_from([None, "2025-03-01", "2026-03-01", "2026-04-30"])
VALUES = dict(budget_yuan=st.sampled_from([None, 10_000_000, 100_000_000]),
              ratio=st.sampled_from([None, 0.3, 0.5, 0.30000001]),
              cap_yuan=st.sampled_from([None, 1_000_000, 5_000_000]), deadline=DATES)
measures = st.builds(lambda k, **v: Measure(region=k[0], voucher=k[1], **v), st.sampled_from(KEYS), **VALUES)
terms = st.builds(lambda k, **v: Terms(region=k[0], voucher=k[1], **v), st.sampled_from(KEYS), **VALUES,
                  stage=st.sampled_from(["draft", "final", "application", "news", WITHDRAWN]),
                  authority=st.sampled_from(["official", "news"]),
                  url=st.sampled_from([OFFICIAL_URL, NEW_URL, NEWS_URL]), published=DATES)
facts_st = st.builds(lambda ms, **kw: Facts(measures=tuple(ms), **kw), st.lists(measures, max_size=4),
                     stage=st.sampled_from([None, "draft", "final", "application", "news"]), published=DATES,
                     repealed=st.booleans())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(known=st.lists(terms, max_size=3), facts=facts_st, authority=st.sampled_from(["official", "news"]),
       previous=st.one_of(st.none(), facts_st), text_changed=st.booleans())
def test_classify_is_idempotent(known, facts, authority, previous, text_changed):
    state = known_of(*known)
    ctx = C(url=NEWS_URL if authority == "news" else NEW_URL, authority=authority, previous=previous,
            text_changed=text_changed)
    first, ups = classify(state, facts, ctx)
    assert all(c.kind != "cosmetic" or (c.region is None and c.voucher is None) for c in first)
    assert len([c for c in first if c.kind == "cosmetic"]) <= 1
    state2 = state | {t.key: t for t in ups}
    again, ups2 = classify(state2, facts, ctx)
    real = [c for c in again if c.kind != "cosmetic"]
    assert {c.key for c in real} <= {c.key for c in first}
    if authority == "official":
        assert real == []
    for t in ups2:              # a second pass may move provenance but never the values
        assert {f: getattr(t, f) for f in VALUES} == {f: getattr(state2[t.key], f) for f in VALUES}
