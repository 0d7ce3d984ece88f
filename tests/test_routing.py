"""Routing tables: region hierarchy, voucher/kind filters, notices only where named, cosmetic never; due times."""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings, strategies as st

from monitor.models import CHANGE_KINDS, Change, Channel
from monitor.routing import due_time, matches, parse_digest, parse_quiet_hours, route

SH = ZoneInfo("Asia/Shanghai")


def ch(**kw) -> Channel:
    kw.setdefault("id", "c")
    kw.setdefault("notify", ("json://127.0.0.1:9/x",))
    return Channel(**kw)


def chg(kind="amended", region="广东省/深圳市", voucher="算力券", **kw) -> Change:
    return Change(kind=kind, region=region, voucher=voucher, **kw)


@pytest.mark.parametrize("sub, region, expected", [
    ("江苏省", "江苏省", True),
    ("江苏省", "江苏省/苏州市", True),
    ("江苏省", "江苏省/苏州市/苏州工业园区", True),
    ("江苏省/苏州市", "江苏省/苏州市/苏州工业园区", True),
    ("江苏省/苏州市", "江苏省", False),                 # a child does not cover its parent
    ("江苏省/苏州市", "江苏省/无锡市", False),
    ("广东省/深圳", "广东省/深圳市", False),              # whole path segments only
    ("浙江省", "江苏省/苏州市", False),
    ("广东省", "全国", False),                          # national measures are not 'under' a province
    ("全国", "全国", True),
    ("上海市", "上海市/浦东新区", True),
    ("北京市", "北京市/北京经济技术开发区", True),
    ("广东省/", "广东省/广州市/黄埔区", True),            # stray slash tolerated
])
def test_region_hierarchy(sub, region, expected):
    assert matches(ch(regions=(sub,)), chg(region=region)) is expected


def test_region_filter_any_of_several():
    c = ch(regions=("浙江省/杭州市", "广东省"))
    assert matches(c, chg(region="广东省/广州市/黄埔区"))
    assert matches(c, chg(region="浙江省/杭州市/滨江区"))
    assert not matches(c, chg(region="浙江省/宁波市"))


def test_no_region_filter_means_all_and_regionless_change_needs_no_filter():
    assert matches(ch(), chg(region="全国"))
    assert matches(ch(), chg(region=None))
    assert not matches(ch(regions=("广东省",)), chg(region=None))


@pytest.mark.parametrize("vouchers, voucher, expected", [
    (None, "语料券", True),
    (("算力券", "模型券"), "模型券", True),
    (("算力券", "模型券"), "语料券", False),
    (("算力券",), None, False),
])
def test_voucher_filter(vouchers, voucher, expected):
    assert matches(ch(vouchers=vouchers), chg(voucher=voucher)) is expected


POLICY_KINDS = [k for k in CHANGE_KINDS if k != "cosmetic"]


@pytest.mark.parametrize("kind", POLICY_KINDS)
def test_default_kinds_are_every_policy_kind(kind):
    assert matches(ch(), chg(kind=kind))


def test_cosmetic_never_alerts_even_when_named():
    assert not matches(ch(), chg(kind="cosmetic"))
    assert not matches(ch(kinds=("cosmetic", "amended")), chg(kind="cosmetic"))


def test_kinds_filter():
    c = ch(kinds=("new_policy", "amended"))
    assert matches(c, chg(kind="new_policy"))
    assert matches(c, chg(kind="amended"))
    assert not matches(c, chg(kind="withdrawn"))
    assert not matches(c, chg(kind="deadline_soon"))


@pytest.mark.parametrize("kind", ["source_failing", "source_recovered"])
def test_notices_only_to_channels_naming_them(kind):
    notice = Change(kind=kind, source="sz-gxj", title="深圳市工信局", new="连续5次失败")
    assert not matches(ch(), notice)                                  # default kinds: policy only
    assert not matches(ch(kinds=("new_policy", "amended")), notice)
    # named: region and voucher filters do not apply to notices
    assert matches(ch(kinds=(kind,), regions=("江苏省",), vouchers=("模型券",)), notice)
    assert matches(ch(kinds=("source_failing", "source_recovered", "amended")), notice)


def test_route_pairs_every_matching_channel_in_order():
    gd = ch(id="gd", regions=("广东省",))
    js = ch(id="js", regions=("江苏省",), vouchers=("算力券",))
    ops = ch(id="ops", kinds=("source_failing",))
    allc = ch(id="all")
    changes = [chg(region="广东省/深圳市", voucher="模型券"),
               chg(region="江苏省/苏州市", voucher="算力券"),
               chg(kind="cosmetic", region="江苏省/苏州市"),
               Change(kind="source_failing", source="s1")]
    pairs = [(c.region or c.kind, channel.id) for c, channel in route(iter(changes), iter([gd, js, ops, allc]))]
    assert pairs == [("广东省/深圳市", "gd"), ("广东省/深圳市", "all"),
                     ("江苏省/苏州市", "js"), ("江苏省/苏州市", "all"),
                     ("source_failing", "ops")]


# ---------------------------------------------------------------- due times

def local(y, mo, d, h, mi=0, s=0):
    return datetime(y, mo, d, h, mi, s, tzinfo=SH)


@pytest.mark.parametrize("digest, quiet, now, due", [
    ("immediate", None, local(2025, 3, 14, 10, 17), local(2025, 3, 14, 10, 17)),
    ("immediate", "22:00-08:00", local(2025, 3, 14, 23, 5), local(2025, 3, 15, 8, 0)),
    ("immediate", "22:00-08:00", local(2025, 3, 14, 7, 59), local(2025, 3, 14, 8, 0)),
    ("immediate", "22:00-08:00", local(2025, 3, 14, 8, 0), local(2025, 3, 14, 8, 0)),
    ("immediate", "22:00-08:00", local(2025, 3, 14, 21, 59), local(2025, 3, 14, 21, 59)),
    ("immediate", "22:00-08:00", local(2025, 12, 31, 22, 0), local(2026, 1, 1, 8, 0)),
    ("immediate", "12:00-14:00", local(2025, 3, 14, 13, 0), local(2025, 3, 14, 14, 0)),
    ("immediate", "12:00-14:00", local(2025, 3, 14, 15, 0), local(2025, 3, 14, 15, 0)),
    ("hourly", None, local(2025, 3, 14, 10, 15), local(2025, 3, 14, 11, 0)),
    ("hourly", None, local(2025, 3, 14, 23, 30), local(2025, 3, 15, 0, 0)),
    ("hourly", "22:00-08:00", local(2025, 3, 14, 21, 30), local(2025, 3, 15, 8, 0)),
    ("daily 09:00", None, local(2025, 3, 14, 8, 0), local(2025, 3, 14, 9, 0)),
    ("daily 09:00", None, local(2025, 3, 14, 10, 0), local(2025, 3, 15, 9, 0)),
    ("daily 09:00", None, local(2025, 3, 14, 9, 0), local(2025, 3, 14, 9, 0)),
    ("daily 23:30", "22:00-08:00", local(2025, 3, 14, 10, 0), local(2025, 3, 15, 8, 0)),
    ("daily 9:05", None, local(2025, 2, 28, 12, 0), local(2025, 3, 1, 9, 5)),
])
def test_due_time_table(digest, quiet, now, due):
    got = due_time(ch(digest=digest, quiet_hours=quiet), now)
    assert got == due
    assert got.utcoffset() == timedelta(hours=8)


def test_due_time_converts_utc_and_naive_utc():
    c = ch(quiet_hours="22:00-08:00")
    # 15:30 UTC is 23:30 in Shanghai → held until 08:00 local = 00:00 UTC next day
    utc = datetime(2025, 3, 14, 15, 30, tzinfo=timezone.utc)
    assert due_time(c, utc) == datetime(2025, 3, 15, 0, 0, tzinfo=timezone.utc)
    assert due_time(c, utc.replace(tzinfo=None)) == datetime(2025, 3, 15, 0, 0, tzinfo=timezone.utc)
    # another zone
    assert due_time(ch(digest="daily 09:00"), utc, tz="Europe/Berlin") == datetime(2025, 3, 15, 9, 0,
                                                                                 tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.mark.parametrize("bad", ["weekly", "daily 25:00", "daily nine"])
def test_bad_digest_rejected(bad):
    with pytest.raises(ValueError):
        parse_digest(bad)


def test_parse_quiet_hours():
    assert [t.hour for t in parse_quiet_hours("22:00-08:00")] == [22, 8]
    assert [t.hour for t in parse_quiet_hours("22:00 至 8:00")] == [22, 8]
    with pytest.raises(ValueError):
        parse_quiet_hours("22-08")


@settings(max_examples=200, deadline=None)
@given(st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 1, 1), timezones=st.just(SH)),
       st.sampled_from(["immediate", "hourly", "daily 09:00", "daily 23:15"]),
       st.sampled_from([None, "22:00-08:00", "00:00-06:30", "12:00-13:00"]))
def test_due_never_before_now_never_in_quiet_hours_and_within_a_day(now, digest, quiet):
    due = due_time(ch(digest=digest, quiet_hours=quiet), now)
    assert due >= now
    assert due - now <= timedelta(days=1, hours=10)
    if quiet:
        start, end = parse_quiet_hours(quiet)
        t = due.astimezone(SH).time().replace(tzinfo=None)
        inside = (start <= t < end) if start < end else (t >= start or t < end)
        assert not inside
    if digest == "hourly" and not quiet:
        assert due.minute == 0 and due.second == 0 and due - now < timedelta(hours=1)
