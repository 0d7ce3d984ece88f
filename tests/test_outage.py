"""Receiver outages: alerts wait in the outbox, are retried, delivered exactly once after the outage, or given up
(dead) loudly after `retry_for` — never silently dropped, never sent twice.

`monitor check --once` runs as the user runs it (monitor.cli.main in a process of its own, forked from a warm fork
server, see test_crash.py) against the replay web (round r1, one source: 深圳 两条券 notices, `baseline: alert`).
Alerts go to a real json:// receiver and a DingTalk-style robot (MONITOR_DINGTALK_API points it at the receiver).

A failed send is retried after a backoff of about a minute. The tests do not wait a minute: `elapse()` moves the
outbox's clock fields (created_at, due_at) back by the time that would have passed — what the clock would do.
"""
from __future__ import annotations

import json
import re
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from monitor.replay_server import ReplayWeb

from receivers import WebhookReceiver
from test_crash import ForkServer

pytestmark = pytest.mark.timeout(120)

DING_TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

CONFIG = """
settings:
  host_delay: 0s
  recheck: 0s
  allow_private: true
  baseline: alert
  timeout: 3s
  fetch_deadline: 6s
{extra}
sources:
  - id: sz-gxj-tzgg
    name: 深圳市工业和信息化局 通知公告
    region: 广东省/深圳市
    kind: html
    url: "{host:gxj.sz.gov.cn}/xxgk/xxgkml/qt/tzgg/"
    links: "div.ListconC ul.u-list li a"
channels:
{channels}
"""

SZ_VOUCHERS = ("训力券", "模型券")     # the two measures r1's 深圳 list leads to


@pytest.fixture(scope="module")
def fs():
    f = ForkServer()
    yield f
    f.close()


@pytest.fixture
def web():
    with ReplayWeb(round="r1") as w:
        yield w


class World:
    def __init__(self, fs: ForkServer, web: ReplayWeb, tmp: Path, channels: str, extra: str = "",
                 env: dict | None = None):
        self.fs, self.tmp, self.env = fs, tmp, env or {}
        self.cfg = tmp / "sources.yaml"
        self.state = tmp / "state"
        text = CONFIG.replace("{extra}", extra).replace("{channels}", channels)
        self.cfg.write_text(web.render_config(text), encoding="utf-8")
        self.n = 0

    def monitor(self, *args) -> dict:
        self.n += 1
        r = self.fs.run([*args, "--config", str(self.cfg), "--state", str(self.state)],
                        self.tmp / f"out-{self.n}.txt", env=self.env)
        return r

    def check(self) -> dict:
        return self.monitor("check", "--once")

    def outbox(self) -> list[dict]:
        with sqlite3.connect(self.state / "monitor.db") as conn:
            conn.row_factory = sqlite3.Row
            return [dict(r) for r in conn.execute("select * from outbox order by id")]

    def elapse(self, seconds: float) -> None:
        """Let `seconds` pass for the outbox: its timestamps move back (the backoff is about a minute)."""
        with sqlite3.connect(self.state / "monitor.db") as conn:
            rows = conn.execute("select id, created_at, due_at from outbox").fetchall()
            for i, created, due in rows:
                conn.execute("update outbox set created_at = ?, due_at = ? where id = ?",
                             [_back(created, seconds), _back(due, seconds), i])


def _back(ts: str | None, seconds: float) -> str | None:
    if not ts:
        return ts
    return (datetime.fromisoformat(ts) - timedelta(seconds=seconds)).isoformat(timespec="seconds")


def vouchers_in(texts: list[str]) -> list[str]:
    """Each voucher block heading found in the messages (新政策｜训力券 …), in order."""
    return [v for t in texts for v in re.findall(r"新政策｜(\S{2,4}券)", t)]


def test_outage_refused_then_500_then_errcode_then_up_delivers_each_alert_exactly_once(fs, web, tmp_path):
    with WebhookReceiver() as rx:
        channels = (f'  - id: hook\n    notify: ["{rx.apprise_url("json")}"]\n'
                    f'  - id: ding\n    notify: ["dingtalk://{DING_TOKEN}"]\n')
        w = World(fs, web, tmp_path, channels, env={"MONITOR_DINGTALK_API": rx.base})

        # run 1: connection refused → exit 1, both channels' rows pending with 1 attempt and the error kept
        rx.down()
        r = w.check()
        assert r["code"] == 1, r["output"]
        assert "ALERT NOT SENT" in r["output"] and "4 failed (will retry)" in r["output"], r["output"]
        assert DING_TOKEN not in r["output"]
        rows = w.outbox()
        assert len(rows) == 4 and {x["channel_id"] for x in rows} == {"hook", "ding"}, rows
        assert all(x["status"] == "pending" and x["attempts"] == 1 and x["last_error"] for x in rows), rows
        assert any("refused" in x["last_error"].lower() for x in rows if x["channel_id"] == "ding"), rows
        s = w.monitor("sources")
        assert s["code"] == 0 and "outbox: 4 pending, 0 sent, 0 given up" in s["output"], s["output"]

        # the receiver comes back but answers 500; a run before the backoff is over sends nothing
        rx.up()
        rx.respond(500, "internal error")
        r = w.check()
        assert len(rx.requests) == 0, "retried before its backoff was over"
        assert "4 waiting" in r["output"], r["output"]

        # run 2 (a minute later): HTTP 500 → exit 1, attempts 2, last error says 500
        w.elapse(90)
        r = w.check()
        assert r["code"] == 1, r["output"]
        n = len(SZ_VOUCHERS)
        assert len(rx.requests) == 2 * n      # SPEC: one alert per change, to each of the two channels
        rows = w.outbox()
        assert all(x["status"] == "pending" and x["attempts"] == 2 for x in rows), rows
        assert all("500" in x["last_error"] for x in rows), rows

        # run 3: 200 with a DingTalk errcode: json:// counts 200 as delivered, the DingTalk robot does not
        rx.respond(200, {"errcode": 310000, "errmsg": "sign not match"})
        w.elapse(300)
        before = len(rx.requests)
        r = w.check()
        assert r["code"] == 1, r["output"]
        assert len(rx.requests) == before + 2 * n
        hook_ok = [q for q in rx.requests[before:] if q["path"] == "/hook"]
        rows = {x["channel_id"]: x for x in w.outbox()}
        assert rows["hook"]["status"] == "sent", rows
        assert rows["ding"]["status"] == "pending" and "310000" in rows["ding"]["last_error"], rows

        # up for real: the DingTalk rows go out once; the json:// rows are not sent again
        rx.respond(200)
        w.elapse(600)
        mark = len(rx.requests)
        r = w.check()
        assert r["code"] == 0, r["output"]
        ding_ok = [q for q in rx.requests[mark:] if q["path"] == "/robot/send"]
        assert [q["path"] for q in rx.requests[mark:]] == ["/robot/send"] * n
        assert all(x["status"] == "sent" for x in w.outbox())

        # and nothing more on later runs
        w.elapse(3600)
        r = w.check()
        assert r["code"] == 0 and len(rx.requests) == mark + n, r["output"]

    got_hook = vouchers_in([json.dumps(q["json"], ensure_ascii=False) for q in hook_ok])
    got_ding = vouchers_in([q["json"]["markdown"]["text"] for q in ding_ok])
    print(f"\nhook delivered {sorted(got_hook)}, ding delivered {sorted(got_ding)}; "
          f"receiver saw {len(rx.requests)} requests in all")
    assert sorted(got_hook) == sorted(SZ_VOUCHERS)
    assert sorted(got_ding) == sorted(SZ_VOUCHERS)


def test_outbox_attempts_and_last_error_are_shown_by_monitor_sources(fs, web, tmp_path):
    """While alerts wait, `monitor sources` says why: its outbox line shows the attempts and the last error
    (masked), not only the counts."""
    w = World(fs, web, tmp_path, '  - id: hook\n    notify: ["json://127.0.0.1:9/hook"]\n')
    r = w.check()
    assert r["code"] == 1
    w.elapse(90)
    r = w.check()
    assert r["code"] == 1
    s = w.monitor("sources")
    line = next((x for x in s["output"].splitlines() if x.startswith("outbox:")), "")
    assert "2 pending" in line, s["output"]
    assert re.search(r"attempt", s["output"]) and re.search(r"refused|cannot connect|error", s["output"], re.I), (
        "monitor sources shows only outbox counts, not the attempts and last error of waiting alerts:\n"
        + s["output"])


def test_two_urls_one_failing_good_url_not_sent_twice(fs, web, tmp_path):
    with WebhookReceiver(path="/good") as good, WebhookReceiver(path="/bad") as bad:
        bad.down()
        channels = (f'  - id: both\n    notify: ["{good.apprise_url("json")}", "{bad.apprise_url("json")}"]\n')
        w = World(fs, web, tmp_path, channels)
        r = w.check()
        assert r["code"] == 1, r["output"]
        n = len(SZ_VOUCHERS)              # one alert per change
        assert len(good.requests) == n
        rows = w.outbox()
        assert all(x["status"] == "pending" and json.loads(x["sent_urls"] or "[]") for x in rows), rows

        w.elapse(90)
        r = w.check()                      # bad still down: retried to bad only
        assert r["code"] == 1, r["output"]
        assert len(good.requests) == n, "the URL that had succeeded was sent the same alert again"

        bad.up()
        w.elapse(300)
        r = w.check()
        assert r["code"] == 0, r["output"]
        assert len(good.requests) == n and len(bad.requests) == n
        assert all(x["status"] == "sent" for x in w.outbox())
        w.elapse(3600)
        w.check()
        assert len(good.requests) == n and len(bad.requests) == n
        assert sorted(vouchers_in(good.texts())) == sorted(vouchers_in(bad.texts())) == sorted(SZ_VOUCHERS)


def test_retry_for_gives_up_loudly_and_keeps_the_change(fs, web, tmp_path):
    w = World(fs, web, tmp_path, '  - id: hook\n    notify: ["json://127.0.0.1:9/hook"]\n', extra="  retry_for: 1s")
    r = w.check()
    assert r["code"] == 1
    assert all(x["status"] == "pending" for x in w.outbox())   # first failure: within retry_for, retried later
    w.elapse(90)
    r = w.check()
    assert r["code"] == 1, r["output"]
    assert "2 given up" in r["output"] and "ALERT NOT SENT" in r["output"], r["output"]
    rows = w.outbox()
    assert len(rows) == 2 and all(x["status"] == "dead" and x["last_error"] for x in rows), rows
    s = w.monitor("sources")
    assert "2 given up" in s["output"], s["output"]
    # the changes themselves stay recorded
    h = w.monitor("history", "--json")
    got = sorted(json.loads(x)["voucher"] for x in h["output"].splitlines() if x.startswith("{"))
    assert got == sorted(SZ_VOUCHERS)
    # given up is final: a later run does not resend them, nor forget them
    w.elapse(3600)
    r = w.check()
    assert all(x["status"] == "dead" for x in w.outbox())


def test_first_failed_send_is_retried_even_when_the_run_outlasts_retry_for(fs, web, tmp_path):
    """retry_for is how long an alert is *retried*: its first failed send is never a give-up, however long the run
    took between recording the change and sending it (here a second source answers after 2 s, longer than
    retry_for). Given up only on a later attempt once retry_for has passed."""
    from hostile import HostileServer
    with HostileServer() as srv:
        w = World(fs, web, tmp_path, '  - id: hook\n    notify: ["json://127.0.0.1:9/hook"]\n', extra="  retry_for: 1s")
        slow = (f'  - id: slow\n    name: 慢源\n    region: 广东省\n    kind: page\n'
                f'    url: "{srv.url("/slow?t=2")}"\n')
        w.cfg.write_text(w.cfg.read_text(encoding="utf-8").replace("channels:\n", slow + "channels:\n"),
                         encoding="utf-8")
        r = w.check()
    assert r["code"] == 1, r["output"]
    rows = w.outbox()
    assert len(rows) == 2 and all(x["status"] == "pending" and x["attempts"] == 1 for x in rows), rows
    w.elapse(90)
    r = w.check()
    assert all(x["status"] == "dead" for x in w.outbox()), w.outbox()
