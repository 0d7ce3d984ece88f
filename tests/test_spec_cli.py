"""SPEC conformance, as a user and a script author drive the program: `python -m monitor …` in a subprocess.

A small fixture web (http.server threads on 127.0.0.1 and 127.0.0.2, pages held in a dict the test edits between
runs), real SQLite state in tmp_path, real apprise delivering json:// to tests/receivers.py WebhookReceiver.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from receivers import WebhookReceiver

ROOT = Path(__file__).resolve().parent.parent


def run_sub(*args, env=None, cwd=ROOT, stdin=None, timeout=60):
    """`python -m monitor …` in a real process: exactly what a user types."""
    e = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    e["PYTHONPATH"] = str(ROOT)
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "monitor", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=e, input=stdin)


def run(*args, env=None, cwd=None, stdin=None, timeout=60):
    """The same entry point (monitor.cli.main) in this process, to keep the file fast: argv, environment, stdin and
    working directory as given; stdout/stderr captured; the exit status from SystemExit."""
    import contextlib
    import io
    import logging
    from monitor.cli import main
    saved_env = dict(os.environ)
    saved_cwd = os.getcwd()
    saved_stdin = sys.stdin
    out, err = io.StringIO(), io.StringIO()
    root_handlers = list(logging.getLogger().handlers)
    try:
        for k in [k for k in os.environ if k.startswith("MONITOR_")]:
            del os.environ[k]
        os.environ.update(env or {})
        if cwd is not None:
            os.chdir(cwd)
        if stdin is not None:
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
        code = 0
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(list(args))
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
            except Exception:                               # a traceback is what the user would see
                import traceback
                err.write(traceback.format_exc())
                code = 1
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)
        sys.stdin = saved_stdin
        for h in list(logging.getLogger().handlers):
            if h not in root_handlers:
                logging.getLogger().removeHandler(h)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


# ---------------------------------------------------------------- documents

def notice(title, body, *, pub="2026-03-14", number=None, issuer="杭州市经济和信息化局", sign_date="2026年3月14日"):
    num = f"<tr><td>发文字号：</td><td>{number}</td></tr>" if number else ""
    paras = "".join(f"<p>{p}</p>" for p in body)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="PubDate" content="{pub} 10:30">'
            f"<title>{title}</title></head><body><table class=\"info\">{num}"
            f"<tr><td>发布日期：</td><td>{pub}</td></tr></table><div class=\"TRS_Editor\"><p>各有关单位：</p>{paras}"
            f"<p>{issuer}</p><p>{sign_date}</p></div></body></html>")


HZ_TITLE = "杭州市经济和信息化局关于发放2026年度算力券的通知"
HZ_BODY = ["为推进人工智能产业发展，杭州市2026年度发放算力券总额2亿元，按不超过算力服务合同金额的30%给予补助，"
           "单个企业最高300万元。", "申报时间：2026年4月1日至2026年4月30日。"]
HZ = notice(HZ_TITLE, HZ_BODY, number="杭经信〔2026〕12号")
HZ_CAP500 = HZ.replace("最高300万元", "最高500万元")
HZ_COSMETIC = HZ.replace("各有关单位", "各相关单位").replace("为推进", "为加快推进")
HZ_DEADLINE_ONLY = notice("杭州市经济和信息化局关于延长2026年度算力券申报时间的通知",
                          ["根据企业反映，杭州市2026年度算力券申报截止时间延长至2026年5月31日。"],
                          pub="2026-04-20", sign_date="2026年4月20日")
HZ_TRAD = notice("杭州市經濟和信息化局關於發放2026年度算力券的通知",
                 ["杭州市2026年度發放算力券總額２億元，按不超過算力服務合同金額的３０%給予補助，單個企業最高三百萬元。"],
                 issuer="杭州市經濟和信息化局", pub="2026-03-14")
SZ_TITLE = "深圳市工业和信息化局关于发放2026年度模型券的通知"
GZ_TITLE = "广州市工业和信息化局关于发放2026年度算力券的通知"
SZ = notice(SZ_TITLE,
            ["深圳市2026年度发放模型券总额1亿元，按不超过合同金额的30%给予支持，单个企业最高200万元。"],
            issuer="深圳市工业和信息化局", number="深工信〔2026〕5号", pub="2026-03-20", sign_date="2026年3月20日")
SZ_CAP = SZ.replace("最高200万元", "最高400万元")
GZ = notice(GZ_TITLE,
            ["广州市2026年度发放算力券总额3亿元，按不超过合同金额的40%给予支持，单个企业最高500万元。"],
            issuer="广州市工业和信息化局", pub="2026-03-22", sign_date="2026年3月22日")


def listing(links):
    lis = "".join(f'<li><a href="{h}">{t}</a><span>2026-03-14</span></li>' for h, t in links)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知公告</title></head><body>'
            f'<ul class="list">{lis}</ul></body></html>')


# ---------------------------------------------------------------- fixture web

class Site:
    """One loopback HTTP server; `pages` maps a path to an HTML string (or an int status)."""

    def __init__(self, ip="127.0.0.1"):
        self.pages: dict[str, object] = {}
        self.hits: list[str] = []
        site = self

        class H(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_GET(self):
                site.hits.append(self.path)
                body = site.pages.get(self.path.split("?")[0], 404)
                if isinstance(body, int):
                    self.send_response(body)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                data = body.encode("utf-8")
                ctype = "application/rss+xml" if self.path.endswith(".xml") else "text/html; charset=utf-8"
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer((ip, 0), H)
        self.server.daemon_threads = True
        self.origin = f"http://{ip}:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


@pytest.fixture
def site2():
    s = Site("127.0.0.2")
    yield s
    s.close()


@pytest.fixture
def rx():
    with WebhookReceiver() as r:
        yield r


@pytest.fixture
def rx2():
    with WebhookReceiver() as r:
        yield r


SETTINGS = """settings:
  interval: 1h
  host_delay: 0s
  recheck: 0s
  timeout: 5s
  fetch_deadline: 10s
  baseline: {baseline}
"""


def write_cfg(tmp_path, sources, channels, baseline="alert", extra=""):
    text = SETTINGS.format(baseline=baseline) + extra + "sources:\n" + sources + "channels:\n" + channels
    p = tmp_path / "sources.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def src(sid, region, url, kind="html", authority="official", extra=""):
    return (f"  - id: {sid}\n    name: 测试源 {sid}\n    region: {region}\n    kind: {kind}\n    url: \"{url}\"\n"
            f"    authority: {authority}\n{extra}")


def chan(cid, url, extra=""):
    return f"  - id: {cid}\n    notify: [\"{url}\"]\n{extra}"


def check(cfg, state, *more, env=None):
    return run("check", "--once", "--config", str(cfg), "--state", str(state), *more, env=env)


def jsonl(text):
    return [json.loads(x) for x in text.splitlines() if x.strip()]


# ================================================================ commands and --help

COMMANDS = ["check", "run", "extract", "diff", "history", "terms", "sources", "validate", "notify-test", "demo"]


@pytest.mark.parametrize("cmd", COMMANDS)
def test_every_command_has_help_with_example(cmd):
    r = run_sub(cmd, "--help") if cmd == "check" else run(cmd, "--help")
    assert r.returncode == 0, r.stderr
    assert "Example" in r.stdout and f"monitor {cmd}" in r.stdout


def test_unknown_command_and_missing_argument_exit_2():
    assert run("bogus").returncode == 2
    assert run("diff", "only-one.html").returncode == 2
    assert run("extract", "/nonexistent/file.html").returncode == 2


# ================================================================ extract

FACT_KEYS = {"title", "published", "issuer", "doc_number", "stage", "measures"}
MEASURE_KEYS = {"voucher", "region", "policy", "budget_yuan", "ratio", "cap_yuan", "deadline"}


def _check_schema(f):
    assert set(f) == FACT_KEYS
    for m in f["measures"]:
        assert set(m) == MEASURE_KEYS
        assert m["budget_yuan"] is None or isinstance(m["budget_yuan"], int)
        assert m["cap_yuan"] is None or isinstance(m["cap_yuan"], int)
        assert m["ratio"] is None or isinstance(m["ratio"], float)
        if m["deadline"] is not None:
            dt.date.fromisoformat(m["deadline"])
    if f["published"] is not None:
        dt.date.fromisoformat(f["published"])


def test_extract_file_url_and_stdin_give_the_same_spec_facts(tmp_path, site):
    p = tmp_path / "hz.html"
    p.write_text(HZ, encoding="utf-8")
    site.pages["/a.html"] = HZ
    outs = [run("extract", str(p), "--json"), run("extract", site.origin + "/a.html", "--json"),
            run_sub("extract", "-", "--json", stdin=HZ)]
    for r in outs:
        assert r.returncode == 0, r.stderr
    facts = [json.loads(r.stdout) for r in outs]
    assert facts[0] == facts[1] == facts[2]
    f = facts[0]
    _check_schema(f)
    assert f["title"] == HZ_TITLE and f["published"] == "2026-03-14"
    assert f["issuer"] == "杭州市经济和信息化局" and f["doc_number"] == "杭经信〔2026〕12号"
    assert [(m["voucher"], m["region"], m["budget_yuan"], m["ratio"], m["cap_yuan"], m["deadline"])
            for m in f["measures"]] == [("算力券", "浙江省/杭州市", 200000000, 0.3, 3000000, "2026-04-30")]


def test_extract_traditional_and_full_width_read_as_simplified(tmp_path):
    p = tmp_path / "tr.html"
    p.write_text(HZ_TRAD, encoding="utf-8")
    r = run("extract", str(p), "--json")
    assert r.returncode == 0, r.stderr
    f = json.loads(r.stdout)
    _check_schema(f)
    assert f["title"] == "杭州市经济和信息化局关于发放2026年度算力券的通知"
    assert f["issuer"] == "杭州市经济和信息化局"
    m = f["measures"]
    assert [(x["voucher"], x["region"], x["budget_yuan"], x["ratio"], x["cap_yuan"]) for x in m] == \
        [("算力券", "浙江省/杭州市", 200000000, 0.3, 3000000)]
    assert m[0]["deadline"] is None and f["doc_number"] is None      # not stated → null, never guessed


def test_extract_text_output_without_json_is_readable(tmp_path):
    p = tmp_path / "hz.html"
    p.write_text(HZ, encoding="utf-8")
    r = run("extract", str(p))
    assert r.returncode == 0 and "算力券" in r.stdout


# ================================================================ diff

CHANGE_KEYS = {"kind", "region", "voucher", "field", "old", "new", "confirmed", "url", "title", "source", "detected_at"}


def _diff(tmp_path, old, new, *more):
    a, b = tmp_path / "old.html", tmp_path / "new.html"
    a.write_text(old, encoding="utf-8")
    b.write_text(new, encoding="utf-8")
    r = run("diff", str(a), str(b), "--json", *more)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert set(out) == {"changes"}
    return out["changes"]


def test_diff_amended_cap_one_change_with_spec_keys(tmp_path):
    ch = _diff(tmp_path, HZ, HZ_CAP500)
    assert len(ch) == 1
    c = ch[0]
    assert CHANGE_KEYS <= set(c)
    assert (c["kind"], c["region"], c["voucher"], c["field"], c["old"], c["new"], c["confirmed"]) == \
        ("amended", "浙江省/杭州市", "算力券", "cap_yuan", 3000000, 5000000, True)
    assert c["title"] == HZ_TITLE
    dt.datetime.fromisoformat(c["detected_at"])


def test_diff_cosmetic_only_is_empty(tmp_path):
    assert _diff(tmp_path, HZ, HZ_COSMETIC) == []


def test_diff_notice_that_only_moves_the_deadline_changes_only_the_deadline(tmp_path):
    ch = _diff(tmp_path, HZ, HZ_DEADLINE_ONLY)
    assert [(c["kind"], c["field"], c["old"], c["new"]) for c in ch] == \
        [("amended", "deadline", "2026-04-30", "2026-05-31")]


def test_diff_news_contradicting_official_is_unconfirmed_and_says_so(tmp_path):
    ch = _diff(tmp_path, HZ, HZ_CAP500, "--authority", "news")
    assert [(c["field"], c["confirmed"]) for c in ch] == [("cap_yuan", False)]
    r = run("diff", str(tmp_path / "old.html"), str(tmp_path / "new.html"), "--authority", "news")
    assert "未经官方确认" in r.stdout


def test_diff_draft_to_final_is_finalized(tmp_path):
    draft = notice("关于公开征求《杭州市算力券管理办法（征求意见稿）》意见的通知",
                   ["现将《杭州市算力券管理办法（征求意见稿）》公开征求意见。杭州市拟每年发放算力券2亿元，"
                    "按不超过合同金额的30%给予补助，单个企业最高300万元。"])
    final = notice("杭州市经济和信息化局关于印发《杭州市算力券管理办法》的通知",
                   ["现将《杭州市算力券管理办法》印发给你们。杭州市每年发放算力券2亿元，"
                    "按不超过合同金额的30%给予补助，单个企业最高300万元。"])
    ch = _diff(tmp_path, draft, final)
    assert [c["kind"] for c in ch] == ["finalized"]


def test_diff_repeal_is_withdrawn(tmp_path):
    pol = notice("杭州市经济和信息化局关于印发《杭州市算力券管理办法》的通知",
                 ["现将《杭州市算力券管理办法》印发给你们。杭州市每年发放算力券2亿元，单个企业最高300万元。"])
    rep = notice("杭州市经济和信息化局关于废止《杭州市算力券管理办法》的通知",
                 ["经研究，决定废止《杭州市算力券管理办法》。"], pub="2026-09-01", sign_date="2026年9月1日")
    ch = _diff(tmp_path, pol, rep)
    assert [(c["kind"], c["region"], c["voucher"]) for c in ch] == [("withdrawn", "浙江省/杭州市", "算力券")]


# ================================================================ configuration, exit 2, nothing polled

def test_unknown_key_and_missing_env_are_exit_2_every_problem_with_line_and_no_state(tmp_path, site):
    cfg = tmp_path / "sources.yaml"
    cfg.write_text("settings:\n  host_delay: 0s\nsources:\n"
                   f"  - id: a\n    name: x\n    region: 广东省\n    kind: html\n    url: \"{site.origin}/l/\"\n"
                   "    intervall: 1h\n"
                   "channels:\n  - id: c\n    notify: [\"${SPEC_TEST_MISSING_VAR}\"]\n", encoding="utf-8")
    state = tmp_path / "state"
    r = run_sub("check", "--once", "--config", str(cfg), "--state", str(state))
    assert r.returncode == 2
    assert not state.exists() or not any(state.iterdir())
    assert site.hits == []                                    # nothing polled
    v = run("validate", "--config", str(cfg))
    out = v.stdout + v.stderr
    assert v.returncode == 2
    assert f"{cfg}:9" in out and "intervall" in out           # the unknown key, its line
    assert f"{cfg}:12" in out and "SPEC_TEST_MISSING_VAR" in out   # the missing variable, its line


def test_env_substitution_and_valid_config_validates_0(tmp_path, site, rx):
    cfg = write_cfg(tmp_path, src("a", "浙江省/杭州市", site.origin + "/l/"), chan("c", "${SPEC_HOOK}"))
    r = run("validate", "--config", str(cfg), env={"SPEC_HOOK": rx.apprise_url("json")})
    assert r.returncode == 0, r.stdout + r.stderr
    r = run("notify-test", "c", "--config", str(cfg), env={"SPEC_HOOK": rx.apprise_url("json")})
    assert r.returncode == 0, r.stdout + r.stderr
    assert len(rx.requests) == 1


def test_env_vars_and_defaults_for_config_and_state(tmp_path, site, rx):
    site.pages["/l/"] = listing([("/a.html", HZ_TITLE)])
    site.pages["/a.html"] = HZ
    cfg = write_cfg(tmp_path, src("a", "浙江省/杭州市", site.origin + "/l/"), chan("c", rx.apprise_url("json")))
    other = tmp_path / "elsewhere"
    r = run("check", "--once", env={"MONITOR_CONFIG": str(cfg), "MONITOR_STATE": str(other)})
    assert r.returncode == 0, r.stdout + r.stderr
    assert (other).is_dir() and any(other.iterdir())
    h = run("history", "--json", env={"MONITOR_STATE": str(other)})
    assert any(c["voucher"] == "算力券" for c in jsonl(h.stdout))
    # defaults: ./sources.yaml and ./state/ in the working directory
    r = run_sub("check", "--once", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert (tmp_path / "state").is_dir()
    # --config/--state win over the environment
    r = run("validate", "--config", str(cfg), env={"MONITOR_CONFIG": str(tmp_path / "nope.yaml")})
    assert r.returncode == 0, r.stdout + r.stderr


def test_check_without_once_is_not_a_silent_full_poll(tmp_path, site, rx):
    """SPEC names `check --once`; `check` alone should not differ silently (it should poll once, same as --once,
    or refuse with exit 2). Here: it must either exit 2 or behave exactly as --once."""
    site.pages["/l/"] = listing([("/a.html", HZ_TITLE)])
    site.pages["/a.html"] = HZ
    cfg = write_cfg(tmp_path, src("a", "浙江省/杭州市", site.origin + "/l/"), chan("c", rx.apprise_url("json")))
    r = run("check", "--config", str(cfg), "--state", str(tmp_path / "s"))
    assert r.returncode in (0, 2)


# ================================================================ check --once, baseline, routing, exactly once

def test_check_once_baseline_silent_then_change_alerts_once_per_channel(tmp_path, site, rx):
    site.pages["/l/"] = listing([("/a.html", HZ_TITLE)])
    site.pages["/a.html"] = HZ
    cfg = write_cfg(tmp_path, src("a", "浙江省/杭州市", site.origin + "/l/"), chan("c", rx.apprise_url("json")),
                    baseline="silent")
    state = tmp_path / "state"
    r = check(cfg, state)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "sources" in r.stdout                         # the summary
    assert rx.requests == []                             # the first poll records without alerting
    t = json.loads(run("terms", "--json", "--state", str(state), "--config", str(cfg)).stdout)
    assert [(x["region"], x["voucher"]) for x in t] == [("浙江省/杭州市", "算力券")]
    site.pages["/a.html"] = HZ_CAP500
    r = check(cfg, state)
    assert r.returncode == 0, r.stdout + r.stderr
    assert len(rx.requests) == 1
    text = rx.texts()[0]
    for s in ("300万", "500万", HZ_TITLE, "杭州市经济和信息化局", site.origin + "/a.html"):
        assert s in text, (s, text)
    assert "2026-03-14" in text or "2026年3月14日" in text
    r = check(cfg, state)                                 # nothing new → nothing sent again
    assert r.returncode == 0 and len(rx.requests) == 1


def test_check_once_baseline_alert_alerts_first_poll(tmp_path, site, rx):
    site.pages["/l/"] = listing([("/a.html", HZ_TITLE)])
    site.pages["/a.html"] = HZ
    cfg = write_cfg(tmp_path, src("a", "浙江省/杭州市", site.origin + "/l/"), chan("c", rx.apprise_url("json")))
    r = check(cfg, tmp_path / "state", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    out = json.loads(r.stdout)
    kinds = [c["kind"] for c in out["changes"]]
    assert kinds[0] == "new_policy" and set(kinds) <= {"new_policy", "application_open"}
    assert {c["voucher"] for c in out["changes"]} == {"算力券"}
    assert rx.requests and all("算力券" in t for t in rx.texts())


def test_immediate_channel_gets_one_alert_per_change(tmp_path, site, rx):
    """SPEC: one alert per change (or per digest where a channel asks for digests). An immediate channel
    must not fold several changes into one message."""
    site.pages["/l/"] = listing([("/sz.html", SZ_TITLE), ("/gz.html", GZ_TITLE)])
    site.pages["/sz.html"], site.pages["/gz.html"] = SZ, GZ
    cfg = write_cfg(tmp_path, src("a", "广东省", site.origin + "/l/"), chan("c", rx.apprise_url("json")))
    r = check(cfg, tmp_path / "state", "--json")
    n = len(json.loads(r.stdout)["changes"])
    assert n >= 2
    assert len(rx.requests) == n, rx.texts()


def test_channel_regions_cover_below_and_voucher_kind_filters(tmp_path, site, rx, rx2):
    site.pages["/l/"] = listing([("/sz.html", SZ_TITLE), ("/gz.html", GZ_TITLE), ("/hz.html", HZ_TITLE)])
    site.pages["/sz.html"], site.pages["/gz.html"], site.pages["/hz.html"] = SZ, GZ, HZ
    cfg = write_cfg(tmp_path, src("a", "广东省", site.origin + "/l/"),
                    chan("gd", rx.apprise_url("json"), "    regions: [广东省]\n    vouchers: [模型券]\n")
                    + chan("amend", rx2.apprise_url("json"), "    kinds: [amended]\n"))
    state = tmp_path / "state"
    r = check(cfg, state)
    assert r.returncode == 0, r.stdout + r.stderr
    texts = rx.texts()
    assert len(texts) == 1 and "模型券" in texts[0] and "深圳" in texts[0]
    assert rx2.requests == []                             # only amended
    site.pages["/sz.html"] = SZ_CAP
    r = check(cfg, state)
    assert len(rx.requests) == 2 and len(rx2.requests) == 1 and "400万" in rx2.texts()[0]


def test_history_newest_first_filters_and_since(tmp_path, site, rx):
    site.pages["/l/"] = listing([("/sz.html", SZ_TITLE), ("/hz.html", HZ_TITLE)])
    site.pages["/sz.html"], site.pages["/hz.html"] = SZ, HZ
    cfg = write_cfg(tmp_path, src("a", "广东省", site.origin + "/l/"), chan("c", rx.apprise_url("json")))
    state = tmp_path / "state"
    check(cfg, state)
    site.pages["/sz.html"] = SZ_CAP
    check(cfg, state)
    rows = jsonl(run("history", "--json", "--state", str(state)).stdout)
    assert len(rows) >= 3
    for c in rows:
        assert CHANGE_KEYS <= set(c)
    assert (rows[0]["kind"], rows[0]["field"], rows[0]["new"]) == ("amended", "cap_yuan", 4000000)   # newest first
    stamps = [dt.datetime.fromisoformat(c["detected_at"]) for c in rows]
    assert stamps == sorted(stamps, reverse=True)
    gd = jsonl(run("history", "--json", "--state", str(state), "--region", "广东省").stdout)
    assert {c["region"] for c in gd} == {"广东省/深圳市"}               # a region covers the regions below it
    assert {c["kind"] for c in gd} == {"new_policy", "amended"}
    v = jsonl(run("history", "--json", "--state", str(state), "--voucher", "算力券").stdout)
    assert v and {c["region"] for c in v} == {"浙江省/杭州市"}
    later = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    assert jsonl(run("history", "--json", "--state", str(state), "--since", later).stdout) == []
    assert len(jsonl(run("history", "--json", "--state", str(state), "--since", "2020-01-01").stdout)) == len(rows)
    txt = run("history", "--state", str(state))
    assert txt.returncode == 0 and "400万" in txt.stdout


def test_query_commands_on_a_fresh_state_answer_empty(tmp_path):
    """A user's first command after install: nothing polled yet → empty answers, exit 0, no traceback."""
    state = tmp_path / "state"
    for cmd, empty in (("history", ""), ("terms", "[]")):
        r = run(cmd, "--json", "--state", str(state))
        assert r.returncode == 0, r.stderr[-800:]
        assert r.stdout.strip() == empty and "Traceback" not in r.stderr
    r = run("terms", "--state", str(state))
    assert r.returncode == 0, r.stderr[-800:]


def test_terms_and_sources_json(tmp_path, site, rx):
    site.pages["/l/"] = listing([("/hz.html", HZ_TITLE)])
    site.pages["/hz.html"] = HZ
    cfg = write_cfg(tmp_path, src("a", "浙江省/杭州市", site.origin + "/l/")
                    + src("dead", "浙江省", "http://127.0.0.1:9/x/"), chan("c", rx.apprise_url("json")))
    state = tmp_path / "state"
    r = check(cfg, state)
    assert r.returncode == 1 and "dead" in r.stdout      # one source failed → 1, and named
    t = json.loads(run("terms", "--json", "--state", str(state), "--config", str(cfg), "--region", "浙江省").stdout)
    assert len(t) == 1
    row = t[0]
    assert (row["budget_yuan"], row["ratio"], row["cap_yuan"], row["deadline"], row["stage"]) == \
        (200000000, 0.3, 3000000, "2026-04-30", "application")
    assert site.origin + "/hz.html" in json.dumps(row, ensure_ascii=False)   # the document it comes from
    assert json.loads(run("terms", "--json", "--state", str(state), "--voucher", "模型券").stdout) == []
    s = json.loads(run("sources", "--json", "--state", str(state), "--config", str(cfg)).stdout)
    by = {x["id"]: x for x in s}
    blob = json.dumps(by["dead"], ensure_ascii=False)
    assert by["dead"]["failures"] == 1 and ("last_error" in by["dead"]) and ("last_success" in by["a"])
    assert by["a"]["failures"] == 0 and by["a"]["last_success"] and "dead" in blob


def test_source_failing_and_recovered_only_to_channels_naming_them(tmp_path, site, rx, rx2):
    site.pages["/l/"] = 500
    cfg = write_cfg(tmp_path, src("a", "浙江省/杭州市", site.origin + "/l/"),
                    chan("ops", rx.apprise_url("json"), "    kinds: [source_failing, source_recovered]\n")
                    + chan("all", rx2.apprise_url("json")), extra="  failing_after: 2\n")
    state = tmp_path / "state"
    assert check(cfg, state).returncode == 1
    assert rx.requests == []
    assert check(cfg, state).returncode == 1
    assert len(rx.requests) == 1
    assert check(cfg, state).returncode == 1
    assert len(rx.requests) == 1                          # once, not every poll
    site.pages["/l/"] = listing([("/x.html", "深圳市工业和信息化局关于做好安全生产工作的通知")])
    site.pages["/x.html"] = notice("深圳市工业和信息化局关于做好安全生产工作的通知", ["请做好安全生产工作。"])
    assert check(cfg, state).returncode == 0
    assert len(rx.requests) == 2
    assert rx2.requests == []


def test_follow_hosts_and_loopback_links(tmp_path, site, site2, rx):
    site.pages["/l/"] = listing([(site2.origin + "/hz.html", HZ_TITLE)])
    site2.pages["/hz.html"] = HZ
    cfg = write_cfg(tmp_path, src("a", "浙江省/杭州市", site.origin + "/l/"), chan("c", rx.apprise_url("json")))
    check(cfg, tmp_path / "s1")
    assert site2.hits == []                               # another host, not in follow_hosts → not followed
    cfg = write_cfg(tmp_path, src("a", "浙江省/杭州市", site.origin + "/l/", extra="    follow_hosts: [127.0.0.2]\n"),
                    chan("c", rx.apprise_url("json")))
    r = check(cfg, tmp_path / "s2")
    assert site2.hits == ["/hz.html"], r.stdout + r.stderr   # listed, and loopback allowed: the source is loopback
    # one alert per change: the notice is a new voucher and opens an application round
    assert len(rx.requests) == 2 and all("算力券" in t for t in rx.texts())


def test_non_http_links_are_not_followed(tmp_path, site, rx):
    site.pages["/l/"] = listing([("file:///etc/passwd", HZ_TITLE), ("ftp://127.0.0.1/hz.html", HZ_TITLE)])
    cfg = write_cfg(tmp_path, src("a", "浙江省/杭州市", site.origin + "/l/"), chan("c", rx.apprise_url("json")))
    r = check(cfg, tmp_path / "s")
    assert r.returncode in (0, 1) and rx.requests == []


def test_deadline_soon_within_seven_days(tmp_path, site, rx):
    soon = dt.date.today() + dt.timedelta(days=3)
    doc = notice("杭州市经济和信息化局关于开展2026年度算力券申报工作的通知",
                 [f"杭州市2026年度算力券申报时间：即日起至{soon.year}年{soon.month}月{soon.day}日。"
                  "单个企业最高300万元。"], pub=dt.date.today().isoformat())
    site.pages["/l/"] = listing([("/hz.html", "杭州市经济和信息化局关于开展2026年度算力券申报工作的通知")])
    site.pages["/hz.html"] = doc
    cfg = write_cfg(tmp_path, src("a", "浙江省/杭州市", site.origin + "/l/"), chan("c", rx.apprise_url("json")))
    state = tmp_path / "state"
    check(cfg, state)
    check(cfg, state)
    kinds = [c["kind"] for c in jsonl(run("history", "--json", "--state", str(state)).stdout)]
    assert kinds.count("deadline_soon") == 1, kinds
    assert any("deadline_soon" in k or "截止" in t for k, t in zip(kinds, rx.texts()))


def test_withdrawn_after_repeated_404(tmp_path, site, rx):
    site.pages["/l/"] = listing([("/hz.html", HZ_TITLE)])
    site.pages["/hz.html"] = HZ
    cfg = write_cfg(tmp_path, src("a", "浙江省/杭州市", site.origin + "/l/"), chan("c", rx.apprise_url("json")),
                    extra="  withdraw_after: 2\n")
    state = tmp_path / "state"
    check(cfg, state)
    site.pages["/hz.html"] = 404
    for _ in range(3):
        check(cfg, state)
    kinds = [c["kind"] for c in jsonl(run("history", "--json", "--state", str(state)).stdout)]
    assert kinds.count("withdrawn") == 1, kinds


def test_notify_test_reports_per_url_and_exit_code(tmp_path, site, rx, rx2):
    cfg = write_cfg(tmp_path, src("a", "浙江省/杭州市", site.origin + "/l/"),
                    "  - id: c\n    notify:\n      - \"" + rx.apprise_url("json") + "\"\n      - \""
                    + rx2.apprise_url("json") + "\"\n")
    r = run("notify-test", "c", "--config", str(cfg))
    assert r.returncode == 0, r.stdout + r.stderr
    assert len(rx.requests) == 1 and len(rx2.requests) == 1
    rx2.down()
    r = run("notify-test", "c", "--config", str(cfg))
    out = r.stdout + r.stderr
    assert r.returncode != 0
    lines = [x for x in out.splitlines() if "127.0.0.1" in x]
    assert len(lines) >= 2, out                           # one line per URL
    assert run("notify-test", "nope", "--config", str(cfg)).returncode == 2




# ================================================================ bad usage is exit 2 with a message, never a traceback

def test_history_bad_since_is_usage_error(tmp_path):
    r = run("history", "--since", "last-week", "--state", str(tmp_path / "state"))
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert "since" in r.stderr.lower()


def test_state_path_that_is_a_file_is_exit_2_with_message(tmp_path, site, rx):
    site.pages["/l/"] = listing([("/a.html", HZ_TITLE)])
    site.pages["/a.html"] = HZ
    cfg = write_cfg(tmp_path, src("a", "浙江省/杭州市", site.origin + "/l/"), chan("c", rx.apprise_url("json")))
    f = tmp_path / "afile"
    f.write_text("not a directory")
    r = check(cfg, f)
    assert r.returncode == 2, r.stderr[-800:]
    assert "Traceback" not in r.stderr and str(f) in (r.stdout + r.stderr)
    assert site.hits == []


# ================================================================ delivery: retried later, never twice

def test_alert_survives_a_down_receiver_and_is_sent_exactly_once(tmp_path, site, rx):
    site.pages["/l/"] = listing([("/a.html", HZ_TITLE)])
    site.pages["/a.html"] = HZ
    cfg = write_cfg(tmp_path, src("a", "浙江省/杭州市", site.origin + "/l/"), chan("c", rx.apprise_url("json")))
    state = tmp_path / "state"
    rx.respond(500)
    r = check(cfg, state, "--json")
    assert r.returncode == 1                              # an alert not sent is a failure the user must see
    failed = len(rx.requests)
    assert failed >= 1
    rx.respond(200)
    import sqlite3                                         # time passes: the retry comes due
    with sqlite3.connect(state / "monitor.db") as db:
        db.execute("update outbox set due_at = '2000-01-01T00:00:00+08:00' where status = 'pending'")
    check(cfg, state)
    ok = rx.requests[failed:]
    assert ok and all("算力券" in json.dumps(q["json"], ensure_ascii=False) for q in ok)
    n = len(rx.requests)
    check(cfg, state)
    assert len(rx.requests) == n                          # never twice


def test_deadline_days_is_configurable(tmp_path, site, rx):
    d = dt.date.today() + dt.timedelta(days=10)
    doc = notice("杭州市经济和信息化局关于开展2026年度算力券申报工作的通知",
                 [f"杭州市2026年度算力券申报时间：即日起至{d.year}年{d.month}月{d.day}日。单个企业最高300万元。"],
                 pub=dt.date.today().isoformat())
    site.pages["/l/"] = listing([("/hz.html", "杭州市经济和信息化局关于开展2026年度算力券申报工作的通知")])
    site.pages["/hz.html"] = doc
    for days, want in ((7, 0), (14, 1)):
        cfg = write_cfg(tmp_path, src("a", "浙江省/杭州市", site.origin + "/l/"), chan("c", rx.apprise_url("json")),
                        extra=f"  deadline_days: {days}\n")
        state = tmp_path / f"state{days}"
        check(cfg, state)
        kinds = [c["kind"] for c in jsonl(run("history", "--json", "--state", str(state)).stdout)]
        assert kinds.count("deadline_soon") == want, (days, kinds)


def test_link_policy_refuses_private_links_for_a_public_source():
    from monitor.linkpolicy import allowed
    from monitor.models import Source
    pub = Source(id="p", name="p", region="广东省", kind="html", url="https://www.gz.gov.cn/list/",
                 follow_hosts=("127.0.0.1", "10.0.0.5", "*.gov.cn"))
    assert allowed("https://www.gz.gov.cn/a.html", pub, allow_private=False) is None
    assert allowed("https://www.sz.gov.cn/a.html", pub, allow_private=False) is None        # follow_hosts wildcard
    assert allowed("https://www.example.com/a.html", pub, allow_private=False) is not None  # another host
    for bad in ("http://127.0.0.1/x", "http://10.0.0.5/x", "http://localhost./x", "http://[::1]/x", "http://0x7f.1/x", "file:///etc/passwd",
                "ftp://www.gz.gov.cn/a"):
        assert allowed(bad, pub, allow_private=False) is not None, bad
    loop = Source(id="l", name="l", region="广东省", kind="html", url="http://127.0.0.1:8080/list/",
                  follow_hosts=("127.0.0.2",))
    assert allowed("http://127.0.0.2:9/x", loop, allow_private=False) is None


def test_cosmetic_change_is_recorded_never_alerted(tmp_path, site, rx):
    site.pages["/l/"] = listing([("/a.html", HZ_TITLE)])
    site.pages["/a.html"] = HZ
    cfg = write_cfg(tmp_path, src("a", "浙江省/杭州市", site.origin + "/l/"), chan("c", rx.apprise_url("json")))
    state = tmp_path / "state"
    check(cfg, state)
    n = len(rx.requests)
    site.pages["/a.html"] = HZ_COSMETIC
    r = check(cfg, state, "--json")
    assert r.returncode == 0
    out = json.loads(r.stdout)
    assert out["changes"] == [] and out["summary"]["cosmetic"] == 1
    assert len(rx.requests) == n
    kinds = [c["kind"] for c in jsonl(run("history", "--json", "--cosmetic", "--state", str(state)).stdout)]
    assert kinds.count("cosmetic") == 1


def test_extract_policy_name_does_not_carry_over_to_another_region():
    """SPEC: values never carry over from another voucher or document. A news item names Shanghai's policy, then
    Shandong's own voucher: Shandong's measure must not be attributed to Shanghai's policy."""
    text = ("# 多地推出模型券\n\n本报记者 李洋\n\n上海市经信委印发《上海市进一步扩大人工智能应用的若干措施》，"
            "明确发放3亿元“模型券”，给予最高50%、500万元补贴。山东省则推出省级“模型券”，单个企业最高100万元。\n")
    r = run("extract", "-", "--json", "--authority", "news", stdin=text)
    assert r.returncode == 0, r.stderr
    ms = {m["region"]: m for m in json.loads(r.stdout)["measures"]}
    assert ms["上海市"]["policy"] == "上海市进一步扩大人工智能应用的若干措施"
    assert ms["山东省"]["cap_yuan"] == 1000000
    assert ms["山东省"]["policy"] != "上海市进一步扩大人工智能应用的若干措施"


def test_query_filters_fold_aliases_and_traditional_or_refuse(tmp_path, site, rx):
    """A script author filtering with an alias (大模型券), Traditional (廣東省) or a misspelt region must get the same
    rows as the canonical name, or exit 2 naming the problem: never a silent empty answer with exit 0."""
    site.pages["/l/"] = listing([("/sz.html", SZ_TITLE)])
    site.pages["/sz.html"] = SZ
    cfg = write_cfg(tmp_path, src("a", "广东省", site.origin + "/l/"), chan("c", rx.apprise_url("json")))
    state = tmp_path / "state"
    check(cfg, state)
    want = jsonl(run("history", "--json", "--state", str(state), "--voucher", "模型券").stdout)
    assert want
    for args in (["--voucher", "大模型券"], ["--region", "廣東省"], ["--region", "广东"]):
        r = run("history", "--json", "--state", str(state), *args)
        assert r.returncode == 2 or jsonl(r.stdout) == want, (args, r.returncode, r.stdout[:200])
    for args in (["--voucher", "大模型券"], ["--region", "廣東省"]):
        r = run("terms", "--json", "--state", str(state), *args)
        assert r.returncode == 2 or len(json.loads(r.stdout)) == 1, (args, r.returncode, r.stdout[:200])
