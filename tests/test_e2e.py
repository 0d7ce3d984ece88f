"""End to end, as a user runs it: `monitor check --once` against a local fixture web, alerts to a local receiver.

The fixture web (tests/e2e_web) is served in versions r1 → r2 → r3 by the replay server on 127.0.0.x:
r1 a list page with two voucher notices and one non-AI notice, plus an RSS feed with a news item; r2 nothing changed;
r3 one new notice. The state is a real SQLite file; apprise delivers json:// to a real HTTP receiver.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.replay_server import ReplayWeb

from receivers import WebhookReceiver

ROOT = Path(__file__).resolve().parent.parent
WEB = Path(__file__).resolve().parent / "e2e_web"

CONFIG = """
settings:
  interval: 1h
  host_delay: 0s
  recheck: 0s
  baseline: alert
  allow_private: true
  timeout: 5s
  fetch_deadline: 10s
sources:
  - id: sz-gxj
    name: 深圳市工业和信息化局 通知公告
    region: 广东省/深圳市
    kind: html
    url: "{host:gxj.sz.example}/tzgg/"
  - id: news
    name: 科技新闻
    region: 全国
    kind: rss
    authority: news
    url: "{host:news.example}/feed.xml"
  - id: broken
    name: 一个坏掉的源
    region: 广东省
    kind: html
    url: "http://127.0.0.1:9/nothing/"
channels:
  - id: guangdong
    notify: ["{notify}"]
    regions: [广东省]
  - id: everything
    notify: ["{notify}"]
"""


def run_monitor(*args, env=None, timeout=120):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "monitor", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env=e)


@pytest.fixture
def world(tmp_path):
    with ReplayWeb(WEB, round="r1") as web, WebhookReceiver() as rx:
        notify = rx.apprise_url("json")
        cfg = tmp_path / "sources.yaml"
        cfg.write_text(web.render_config(CONFIG, notify=notify), encoding="utf-8")
        yield web, rx, cfg, tmp_path / "state"


def test_check_once_end_to_end(world):
    web, rx, cfg, state = world

    # r1: the voucher notices alert, the non-AI notice does not; the broken source fails alone → exit 1
    r = run_monitor("check", "--once", "--config", str(cfg), "--state", str(state))
    assert r.returncode == 1, r.stdout + r.stderr
    assert "FAILED broken" in r.stdout
    text = "\n".join(rx.texts())
    assert "训力券" in text and "模型券" in text and "算力券" in text
    assert "安全生产" not in text
    first = len(rx.requests)
    assert first >= 2          # both channels got something

    hist = run_monitor("history", "--json", "--state", str(state))
    rows = [json.loads(line) for line in hist.stdout.splitlines()]
    kinds = {(c["region"], c["voucher"], c["kind"]) for c in rows}
    assert ("广东省/深圳市", "训力券", "new_policy") in kinds
    assert ("广东省/深圳市", "模型券", "new_policy") in kinds
    assert ("浙江省/杭州市", "算力券", "new_policy") in kinds
    assert all(c["voucher"] for c in rows)

    # r2: nothing changed → nothing sent, answered with 304s
    web.set_round("r2")
    web.reset_stats()
    r = run_monitor("check", "--once", "--config", str(cfg), "--state", str(state), "--json")
    assert r.returncode == 1
    summary = json.loads(r.stdout)["summary"]
    assert summary["changes"] == 0
    assert summary["not_modified"] >= 2
    assert len(rx.requests) == first

    # r3: one new notice → exactly it is alerted (to both channels), nothing else
    web.set_round("r3")
    r = run_monitor("check", "--once", "--config", str(cfg), "--state", str(state), "--json")
    out = json.loads(r.stdout)
    new = [c for c in out["changes"]]
    assert [(c["kind"], c["region"], c["voucher"]) for c in new] == [("new_policy", "广东省/深圳市", "语料券")]
    assert len(rx.requests) == first + 2
    assert "语料券" in rx.texts()[-1]


def test_bad_configuration_exits_2_with_line(tmp_path):
    cfg = tmp_path / "sources.yaml"
    cfg.write_text("sources:\n  - id: a\n    name: x\n    region: 广东省\n    kind: html\n    intervall: 1h\n"
                   "    url: https://example.gov.cn/\n", encoding="utf-8")
    r = run_monitor("check", "--once", "--config", str(cfg), "--state", str(tmp_path / "state"))
    assert r.returncode == 2
    assert f"{cfg}:6" in r.stderr and "interval" in r.stderr
    assert not (tmp_path / "state" / "monitor.db").exists()
    r = run_monitor("validate", "--config", str(cfg))
    assert r.returncode == 2 and f"{cfg}:6" in (r.stdout + r.stderr)


def test_documents_are_rechecked_at_most_every_recheck_interval(tmp_path):
    """Known documents carrying terms are re-checked (conditional GET) only once `recheck` has passed."""
    with ReplayWeb(WEB, round="r1") as web, WebhookReceiver() as rx:
        base = web.render_config(CONFIG, notify=rx.apprise_url("json")).replace(
            '  - id: broken\n    name: 一个坏掉的源\n    region: 广东省\n    kind: html\n    url: "http://127.0.0.1:9/nothing/"\n',
            "")
        requests = {}
        for every in ("1h", "0s"):
            cfg = tmp_path / f"sources-{every}.yaml"
            cfg.write_text(base.replace("  recheck: 0s", f"  recheck: {every}"), encoding="utf-8")
            state = tmp_path / f"state-{every}"
            assert run_monitor("check", "--once", "--config", str(cfg), "--state", str(state)).returncode == 0
            r = run_monitor("check", "--once", "--config", str(cfg), "--state", str(state), "--json")
            requests[every] = json.loads(r.stdout)["summary"]["requests"]
        assert requests["1h"] == 2            # the two lists only (answered 304)
        assert requests["0s"] > 2             # the lists and the documents with terms
