"""Configuration: sources.yaml → validated Config, with every problem reported at once by file, line and fix.

Each error class is asserted with the line it points at. The shipped sources.yaml and every ```yaml example of
docs/configuration.md are loaded too (the documentation is tested)."""
from __future__ import annotations

import dataclasses
import pickle
import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from monitor.config import check_config, load_config, parse_config_text, parse_duration, parse_size
from monitor.errors import ConfigError, Problem
from monitor.models import Config, Settings

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "sources.yaml"
DOCS = ROOT / "docs" / "configuration.md"


def problems_of(text: str, env: dict | None = None) -> list[Problem]:
    with pytest.raises(ConfigError) as ei:
        parse_config_text(textwrap.dedent(text).lstrip("\n"), "cfg.yaml", env or {})
    assert ei.value.problems, "a ConfigError must list its problems"
    return ei.value.problems


def one(text: str, env: dict | None = None) -> Problem:
    ps = problems_of(text, env)
    assert len(ps) == 1, "\n".join(map(str, ps))
    return ps[0]


def ok(text: str, env: dict | None = None) -> Config:
    return parse_config_text(textwrap.dedent(text).lstrip("\n"), "cfg.yaml", env or {})


SRC = """\
sources:
  - id: a
    region: 广东省
    kind: html
    url: https://example.gov.cn/list/
"""


# ---------------------------------------------------------------- durations and sizes

@pytest.mark.parametrize("text,seconds", [
    ("30m", 1800), ("1h", 3600), ("1h30m", 5400), ("45s", 45), ("2d", 172800), ("1s", 1), ("0s", 0),
    ("1h 30m", 5400), ("500ms", 0.5), ("1.5h", 5400), ("1w", 604800), (" 10M ", 600), ("３０ｍ", 1800),
])
def test_parse_duration(text, seconds):
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text,hint", [
    ("30", "no unit"), ("", "empty"), ("1x", "unit"), ("h", "unit"), ("1h30", "unit"), ("-1s", "unit"),
    ("soon", "unit"), ("1h,30m", "unit"),
])
def test_parse_duration_rejects_with_a_hint(text, hint):
    with pytest.raises(ValueError) as ei:
        parse_duration(text)
    assert hint in str(ei.value)


@given(st.integers(0, 99), st.integers(0, 59), st.integers(0, 59))
@hsettings(max_examples=60, deadline=None)
def test_parse_duration_composes(h, m, s):
    assert parse_duration(f"{h}h{m}m{s}s") == h * 3600 + m * 60 + s


@pytest.mark.parametrize("value,size", [(1000, 1000), ("5MB", 5 * 1024 * 1024), ("512KB", 512 * 1024),
                                        ("1GB", 1024 ** 3), ("100", 100), ("2 MiB", 2 * 1024 * 1024)])
def test_parse_size(value, size):
    assert parse_size(value) == size


def test_parse_size_rejects():
    for bad in ("5 parsecs", "MB", True, "-1KB"):
        with pytest.raises(ValueError):
            parse_size(bad)


# ---------------------------------------------------------------- a good configuration

def test_good_configuration_loads_with_defaults_and_types():
    cfg = ok("""
        settings:
          interval: 1h30m
          host_delay: 0s
          concurrency: 4
          max_bytes: 512KB
          baseline: alert
          allow_private: true
        sources:
          - id: sz-gxj.tzgg_1
            region: 广东省/深圳市
            kind: html
            url: http://gxj.sz.gov.cn/xxgk/xxgkml/qt/tzgg/
            links: "div.ListconC a[title]"
            follow_hosts: [www.sz.gov.cn, "*.sz.gov.cn"]
            tls: legacy
            verify: false
            encoding: gbk
            max_items: 10
            interval: 2h
          - id: gd
            name: 广东省 gkmlpt
            region: 广东省
            kind: json
            url: https://www.gd.gov.cn/gkmlpt/api/all/5?page=1&sid=2
            items: articles
            fields: {title: title, url: url, published: created_at}
          - id: govcn
            region: 全国
            kind: json
            url: https://www.gov.cn/zhengce/zuixin/ZUIXINZHENGCE.json
            items:
            fields: {title: TITLE, url: URL}
            enabled: false
        channels:
          - id: gd
            notify: json://127.0.0.1:9/hook
            regions: 广东省
            vouchers: [算力券, 模型券]
            kinds: [new_policy, source_failing]
            digest: daily 9:00
            quiet_hours: "22:00-8:00"
    """)
    s = cfg.settings
    assert (s.interval, s.host_delay, s.concurrency, s.max_bytes, s.baseline, s.allow_private) == \
        (5400.0, 0.0, 4, 512 * 1024, "alert", True)
    assert s.timeout == Settings().timeout          # untouched keys keep their defaults
    a, gd, govcn = cfg.sources
    assert a.name == "sz-gxj.tzgg_1"                 # name defaults to id
    assert a.follow_hosts == ("www.sz.gov.cn", "*.sz.gov.cn") and isinstance(a.follow_hosts, tuple)
    assert (a.tls, a.verify, a.encoding, a.max_items, a.interval, a.line) == ("legacy", False, "gbk", 10, 7200.0, 9)
    assert gd.fields == {"title": "title", "url": "url", "published": "created_at"} and gd.items == "articles"
    assert govcn.items == "" and govcn.enabled is False and govcn.interval is None
    ch = cfg.channels[0]
    assert ch.notify == ("json://127.0.0.1:9/hook",) and ch.regions == ("广东省",)
    assert ch.vouchers == ("算力券", "模型券") and ch.kinds == ("new_policy", "source_failing")
    assert ch.digest == "daily 09:00" and ch.quiet_hours == "22:00-08:00"
    # frozen and hashable all the way down
    hash(cfg)
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.sources[0].url = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        gd.fields["title"] = "x"  # type: ignore[index]
    assert pickle.loads(pickle.dumps(cfg)) == cfg
    assert cfg.source("gd") is gd and cfg.channel("gd") is ch


def test_channels_and_settings_are_optional():
    cfg = ok(SRC)
    assert cfg.channels == () and cfg.settings == Settings() and len(cfg.sources) == 1


# ---------------------------------------------------------------- every error class, with its line

def test_unknown_key_suggests_the_nearest():
    p = one(SRC + "    intervall: 1h\n")
    assert p.line == 6 and "intervall" in p.message and "did you mean 'interval'?" in p.fix
    p = one("settings:\n  concurency: 4\n" + SRC)
    assert p.line == 2 and "'concurrency'" in p.fix
    p = one(SRC + "channels:\n  - id: c\n    notify: json://127.0.0.1/x\n    region: [广东省]\n")
    assert p.line == 9 and "'regions'" in p.fix
    p = one(SRC + "source:\n  - id: b\n")
    assert p.line == 6 and "'sources'" in p.fix


def test_key_from_another_section_says_where_it_belongs():
    p = one(SRC + "    digest: hourly\n")
    assert p.line == 6 and "channels" in p.fix


def test_wrong_types():
    ps = problems_of("""
        settings:
          concurrency: eight
          allow_private: maybe
          user_agent: [a, b]
          baseline: loud
        sources:
          - id: a
            region: 广东省
            kind: html
            url: https://example.gov.cn/
            verify: sometimes
            max_items: 0
            follow_hosts: {a: b}
    """)
    lines = {p.line: p for p in ps}
    assert sorted(lines) == [2, 3, 4, 5, 11, 12, 13], "\n".join(map(str, ps))
    assert "whole number" in lines[2].message
    assert "true or false" in lines[3].message
    assert "text" in lines[4].message
    assert "silent" in lines[5].fix and "alert" in lines[5].fix
    assert "at least 1" in lines[12].message


def test_sources_must_be_a_non_empty_list():
    assert one("sources: {id: a}\n").line == 1
    assert "empty" in one("sources: []\n").message
    p = one("settings:\n  interval: 1h\n")
    assert "sources" in p.message and p.line is None


@pytest.mark.parametrize("missing", ["id", "region", "kind", "url"])
def test_missing_required_key_points_at_the_source(missing):
    lines = ["  - name: 某局", "    id: a", "    region: 广东省", "    kind: html", "    url: https://example.gov.cn/"]
    text = "settings:\n  interval: 1h\nsources:\n" + "\n".join(l for l in lines if not l.strip().startswith(missing + ":"))
    p = one(text + "\n")
    assert p.line == 4 and missing in p.message + p.fix


def test_duplicate_source_and_channel_ids():
    ps = problems_of(SRC + SRC.replace("sources:\n", "") + """\
channels:
  - id: c
    notify: json://127.0.0.1/x
  - id: c
    notify: json://127.0.0.1/y
""")
    assert [(p.line, "duplicate" in p.message) for p in ps] == [(6, True), (13, True)]
    assert "line 2" in ps[0].message and "line 11" in ps[1].message


@pytest.mark.parametrize("bad", ["Sz-Gxj", "-a", "a b", "深圳", "_x", "a/b"])
def test_bad_id(bad):
    p = one(SRC.replace("id: a", f"id: \"{bad}\""))
    assert p.line == 2 and "[a-z0-9][a-z0-9._-]*" in p.message


def test_unknown_source_kind_lists_the_kinds():
    p = one(SRC.replace("kind: html", "kind: htm"))
    assert p.line == 4 and "'html'" in p.fix and all(k in p.fix for k in ("rss", "html", "json", "page"))


@pytest.mark.parametrize("url", ["ftp://example.gov.cn/", "example.gov.cn/list", "http://", "https:///x",
                                 "javascript:alert(1)", "http://exa mple.gov.cn/", "http://example.gov.cn:99999/"])
def test_bad_url(url):
    p = one(SRC.replace("https://example.gov.cn/list/", f'"{url}"'))
    assert p.line == 5 and "url" in p.message


@pytest.mark.parametrize("value,line", [("1 hour", 6), ("30", 6), ("0s", 6), ("-5m", 6)])
def test_bad_interval(value, line):
    p = one(SRC + f"    interval: {value}\n")
    assert p.line == line and "interval" in p.message and "30m" in p.fix + p.message


def test_bad_settings_durations_and_zero_host_delay_is_fine():
    ps = problems_of("settings:\n  timeout: forever\n  fetch_deadline: 0s\n  retry_for: 3\n  host_delay: 0s\n" + SRC)
    assert [p.line for p in ps] == [2, 3, 4]


def test_json_source_needs_fields_with_url_and_title():
    base = "sources:\n  - id: j\n    region: 全国\n    kind: json\n    url: https://www.gov.cn/a.json\n"
    p = one(base)
    assert p.line == 2 and "fields" in p.message and "title" in p.fix
    p = one(base + "    items: data.list\n    fields: {published: date}\n")
    assert p.line == 7 and "title and url" in p.message
    p = one(base + "    fields: {title: t, url: u, titel: x}\n")
    assert p.line == 6 and "'title'" in p.fix
    assert ok(base + "    fields: {title: t, url: u}\n").sources[0].items is None   # no items: a top-level array
    # an API that wraps an HTML list (杭州 jpaas {success, data: {html}})
    assert ok(base + "    items: data.html\n").sources[0].fields is None


def test_links_items_fields_only_where_they_mean_something():
    p = one("sources:\n  - id: r\n    region: 全国\n    kind: rss\n    url: https://a.gov.cn/rss.xml\n    links: a\n")
    assert p.line == 6 and "html" in p.message
    ps = problems_of(SRC + "    items: rows\n    fields: {title: t, url: u}\n")
    assert [p.line for p in ps] == [6, 7] and all("json" in p.message for p in ps)


def test_bad_css_selector():
    p = one(SRC + '    links: "ul li a["\n')
    assert p.line == 6 and "CSS selector" in p.message


def test_bad_tls_encoding_follow_hosts():
    ps = problems_of(SRC + "    tls: old\n    encoding: klingon\n    follow_hosts: [\"https://x.gov.cn/a\"]\n")
    assert [p.line for p in ps] == [6, 7, 8]
    assert "legacy" in ps[0].fix and "gbk" in ps[1].fix and "no scheme" in ps[2].fix


def test_unknown_region():
    p = one(SRC.replace("region: 广东省", "region: 广东省/火星市"))
    assert p.line == 3 and "火星市" in p.message and "广东省/深圳市" in p.fix
    ps = problems_of(SRC + "channels:\n  - id: c\n    notify: json://127.0.0.1/x\n    regions: [广东省, 月球]\n")
    assert [p.line for p in ps] == [9]
    for short, full in [("深圳", "广东省/深圳市"), ("广州开发区", "广东省/广州市/黄埔区"), ("杭州市/西湖区", "浙江省/杭州市/西湖区")]:
        p = one(SRC.replace("region: 广东省", f"region: {short}"))
        assert p.line == 3 and f"did you mean '{full}'?" in p.fix


def test_unknown_voucher_and_kinds_in_a_channel():
    ps = problems_of(SRC + """\
channels:
  - id: c
    notify: json://127.0.0.1/x
    vouchers: [算力券, 大饼券]
    kinds: [new_policy, cosmetic, new_polcy]
""")
    assert [p.line for p in ps] == [9, 10, 10]
    assert "大饼券" in ps[0].message and "模型券" in ps[0].fix
    cosmetic = next(p for p in ps if "cosmetic" in p.message)
    assert cosmetic.fix == "remove it: cosmetic changes never alert"
    typo = next(p for p in ps if "new_polcy" in p.message)
    assert "did you mean 'new_policy'?" in typo.fix


@pytest.mark.parametrize("key,value", [("digest", "weekly"), ("digest", "daily"), ("digest", "daily 24:00"),
                                       ("quiet_hours", "22:00"), ("quiet_hours", "22-8"), ("quiet_hours", "25:00-08:00"),
                                       ("quiet_hours", "08:00-08:00")])
def test_bad_digest_and_quiet_hours(key, value):
    p = one(SRC + f"channels:\n  - id: c\n    notify: json://127.0.0.1/x\n    {key}: \"{value}\"\n")
    assert p.line == 9 and key in p.message


def test_channel_without_notify():
    p = one(SRC + "channels:\n  - id: c\n    regions: [广东省]\n")
    assert p.line == 7 and "notify" in p.message
    p = one(SRC + "channels:\n  - id: c\n    notify: []\n")
    assert p.line == 8 and "notify" in p.message


def test_unparseable_notify_url_is_masked():
    secret = "s3cr3t-t0ken"
    p = one(SRC + f"channels:\n  - id: c\n    notify:\n      - json://127.0.0.1/ok\n      - \"nosuchservice://user:{secret}@hooks.example.com/{secret}\"\n")
    assert p.line == 10 and "apprise" in p.message
    assert secret not in str(p) and "nosuchservice://hooks.example.com/…" in p.message


def test_yaml_syntax_error_names_line_column_and_fix(tmp_path):
    f = tmp_path / "sources.yaml"
    f.write_text("sources:\n  - id: a\n    url: https://a.gov.cn/\n   kind: html\n", encoding="utf-8")
    cfg, ps = check_config(f)
    assert cfg is None and len(ps) == 1
    p = ps[0]
    assert p.file == str(f) and p.line == 4 and "column" in p.message and p.fix
    assert str(p).startswith(f"{f}:4: YAML syntax error")
    p = one("sources:\n\t- id: a\n")
    assert p.line == 2 and "tabs" in p.fix


def test_duplicate_keys_are_an_error():
    p = one(SRC + "    url: https://other.gov.cn/\n")
    assert p.line == 6 and "duplicate key 'url'" in p.message and "line 5" in p.message


def test_missing_file_is_one_problem_with_a_fix(tmp_path):
    cfg, ps = check_config(tmp_path / "nope.yaml")
    assert cfg is None and len(ps) == 1
    assert "not found" in ps[0].message and "create it from the shipped sources.yaml or pass --config" in ps[0].fix
    with pytest.raises(ConfigError):
        load_config(tmp_path / "nope.yaml")


def test_not_utf8_and_empty_files(tmp_path):
    f = tmp_path / "gbk.yaml"
    f.write_bytes(SRC.replace("广东省", "广东省").encode("gbk"))
    cfg, ps = check_config(f)
    assert cfg is None and ps[0].line == 3 and "UTF-8" in ps[0].message
    f.write_text("", encoding="utf-8")
    assert "empty" in check_config(f)[1][0].message
    f.write_text("\ufeff" + SRC, encoding="utf-8")                 # a BOM is fine
    assert check_config(f)[0] is not None


# ---------------------------------------------------------------- environment variables

def test_env_substitution_missing_variable_and_escape():
    text = SRC.replace("https://example.gov.cn/list/", "https://${HOST}/list/") + """\
channels:
  - id: c
    notify: ["${HOOK}", "json://127.0.0.1/$${NOT_A_VAR}"]
"""
    cfg = ok(text, {"HOST": "example.gov.cn", "HOOK": "json://127.0.0.1:9/x"})
    assert cfg.sources[0].url == "https://example.gov.cn/list/"
    assert cfg.channels[0].notify == ("json://127.0.0.1:9/x", "json://127.0.0.1/${NOT_A_VAR}")
    ps = problems_of(text, {"HOST": "example.gov.cn"})
    assert [(p.line, "HOOK" in p.message) for p in ps] == [(8, True)]
    assert ps[0].fix == "set HOOK in the environment or the EnvironmentFile"
    ps = problems_of(text, {})
    assert [p.line for p in ps] == [5, 8]                         # each missing variable once, nothing else


def test_env_defaults_to_os_environ(tmp_path, monkeypatch):
    monkeypatch.setenv("MONITOR_TEST_HOOK", "json://127.0.0.1:9/env")
    f = tmp_path / "s.yaml"
    f.write_text(SRC + "channels:\n  - id: c\n    notify: ${MONITOR_TEST_HOOK}\n", encoding="utf-8")
    assert load_config(f).channels[0].notify == ("json://127.0.0.1:9/env",)
    assert load_config(f, env={"MONITOR_TEST_HOOK": "json://127.0.0.1:9/given"}).channels[0].notify == \
        ("json://127.0.0.1:9/given",)


def test_substituted_numbers_and_booleans_are_read():
    cfg = ok("settings:\n  concurrency: ${C}\n  allow_private: ${P}\n" + SRC, {"C": "3", "P": "true"})
    assert cfg.settings.concurrency == 3 and cfg.settings.allow_private is True


# ---------------------------------------------------------------- everything at once

def test_every_problem_is_reported_at_once(tmp_path):
    text = textwrap.dedent("""\
        settings:
          intervall: 30m
          concurrency: 0
        sources:
          - id: Bad Id
            region: 广东省
            kind: htm
            url: ftp://x.gov.cn/
          - id: j
            region: 全国
            kind: json
            url: https://www.gov.cn/a.json
            links: "a"
          - id: j
            region: 全国
            kind: rss
            url: https://www.gov.cn/rss
            interval: soon
        channels:
          - id: c
            notify: ["${UNSET_HOOK}"]
            kinds: [cosmetic]
            digest: weekly
        """)
    f = tmp_path / "sources.yaml"
    f.write_text(text, encoding="utf-8")
    cfg, ps = check_config(f, env={})
    assert cfg is None
    got = [p.line for p in ps]
    assert got == sorted(got)
    assert got == [2, 3, 5, 7, 8, 9, 13, 14, 18, 21, 22, 23], "\n".join(map(str, ps))
    assert all(p.file == str(f) and p.fix for p in ps)
    with pytest.raises(ConfigError) as ei:
        load_config(f, env={})
    assert len(ei.value.problems) == len(ps)
    assert f"{f}:2: unknown key 'intervall'" in str(ei.value)


@given(st.text(alphabet=st.sampled_from(list("sources:- id\n  kind:html url http://a.gov.cn/ {}[]\"'#&*!|>%@`\t广东省")),
               max_size=200))
@hsettings(max_examples=150, deadline=None)
def test_any_text_gives_a_config_or_problems_never_a_crash(text):
    try:
        parse_config_text(text, "fuzz.yaml", {})
    except ConfigError as e:
        assert e.problems and all(isinstance(p, Problem) and p.file == "fuzz.yaml" for p in e.problems)


def test_alias_bomb_is_refused_quickly():
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        text += f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]\n"
    p = one(text + SRC)
    assert "too many" in p.message and "aliases" in p.fix


# ---------------------------------------------------------------- the shipped sources.yaml

REQUIRED_REGIONS = {
    "全国", "北京市", "北京市/北京经济技术开发区", "北京市/海淀区", "北京市/门头沟区", "上海市", "上海市/徐汇区",
    "广东省", "广东省/深圳市", "广东省/广州市/黄埔区", "广东省/广州市/海珠区", "广东省/东莞市", "广东省/珠海市",
    "浙江省", "浙江省/杭州市", "浙江省/杭州市/西湖区", "浙江省/杭州市/滨江区",
    "山东省", "山东省/青岛市", "山东省/济南市", "山东省/泰安市", "贵州省", "河南省", "四川省", "四川省/成都市",
    "河北省", "河北省/廊坊市", "广西壮族自治区", "广西壮族自治区/南宁市", "安徽省", "安徽省/芜湖市",
    "江苏省", "江苏省/扬州市", "江苏省/泰州市", "青海省",
}


def test_shipped_sources_yaml_loads_and_covers_the_regions():
    cfg = load_config(SHIPPED, env={})
    assert len(cfg.sources) >= 40
    regions = {s.region for s in cfg.sources}
    assert REQUIRED_REGIONS <= regions, REQUIRED_REGIONS - regions
    ids = [s.id for s in cfg.sources]
    assert len(ids) == len(set(ids))
    assert {s.kind for s in cfg.sources} >= {"html", "json", "rss"}
    assert sum(s.authority == "news" for s in cfg.sources) >= 3
    assert cfg.settings.interval == 1800 and cfg.settings.host_delay == 2 and cfg.settings.concurrency == 8
    assert cfg.channels == ()                                       # shipped commented out: validates without secrets
    national = {s.id for s in cfg.sources if s.region == "全国" and s.authority == "official"}
    assert {"govcn-zuixin", "nda-zcfb", "ndrc-tz", "miit-wjfb"} <= national


def test_shipped_sources_yaml_says_how_each_source_was_checked():
    text = SHIPPED.read_text(encoding="utf-8")
    blocks = re.split(r"\n  - id: ", text.split("\nsources:\n", 1)[1])[1:]
    assert len(blocks) >= 40
    for b in blocks:
        assert re.search(r"# checked: (fixture \(family [^)]+\)|survey code|survey mention|crawler code|unverified)", b), b[:80]


FAMILY_FIXTURES = {"TRS": "trs_list.html", "Hanweb": "hanweb_col.html", "gkmlpt": "gkmlpt.json",
                   "gov.cn JSON": "govcn_zuixin.json", "RSS": "wuhu_rss.xml", "PDF list item": "pdf_list.html"}


def test_shipped_fixture_claims_name_a_family_fixture_that_exists():
    """`# checked: fixture (family X)` must be true: X has a fixture in tests/families (written with tests/test_sources.py),
    and a TRS source's links selector matches the TRS fixture list."""
    from selectolax.lexbor import LexborHTMLParser
    text = SHIPPED.read_text(encoding="utf-8")
    cfg = load_config(SHIPPED, env={})
    claims = re.findall(r"\n  - id: (\S+)\n(?:    #[^\n]*\n)*?    # checked: fixture \(family ([^)]+)\)", text)
    assert len(claims) >= 10
    families = ROOT / "tests" / "families"
    assert families.is_dir()
    for sid, family in claims:
        assert family in FAMILY_FIXTURES, (sid, family)
        fixture = families / FAMILY_FIXTURES[family]
        assert fixture.exists(), (sid, fixture)
        src = cfg.source(sid)
        if family == "TRS" and src.links:
            assert LexborHTMLParser(fixture.read_text(encoding="utf-8", errors="replace")).css(src.links), sid


def test_shipped_channels_example_is_valid_once_uncommented():
    text = SHIPPED.read_text(encoding="utf-8")
    head, _, tail = text.partition("# channels:\n")
    assert tail, "the commented channels example is missing"
    channels = "channels:\n" + "\n".join(l[2:] if l.startswith("# ") else l for l in tail.splitlines()) + "\n"
    env = {"GD_DINGTALK_URL": "json://127.0.0.1:9/gd", "TEAM_MAIL_URL": "json://127.0.0.1:9/mail",
           "OPS_WEBHOOK_URL": "json://127.0.0.1:9/ops"}
    cfg = parse_config_text(head + channels, "shipped+channels", env)
    assert [c.id for c in cfg.channels] == ["guangdong", "national-digest", "ops"]
    ps = problems_of(head + channels, {})
    assert {m for p in ps for m in re.findall(r"[A-Z_]{6,}", p.message)} == set(env)


# ---------------------------------------------------------------- the documentation

def test_configuration_docs_examples_parse():
    text = DOCS.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    assert len(blocks) >= 2
    env = {name: "json://127.0.0.1:9/" + name.lower() for b in blocks for name in re.findall(r"\$\{(\w+)\}", b)}
    for b in blocks:
        cfg = parse_config_text(b, "docs/configuration.md", env)
        assert cfg.sources


def test_configuration_docs_name_every_key():
    from monitor.config import CHANNEL_KEYS, SETTINGS_KEYS, SOURCE_KEYS
    text = DOCS.read_text(encoding="utf-8")
    for key in SETTINGS_KEYS + SOURCE_KEYS + CHANNEL_KEYS:
        assert f"`{key}`" in text, key
