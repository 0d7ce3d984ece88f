"""Pipeline-level faults: one `monitor check --once` over a good source and a crowd of hostile ones.

Each hostile source fails alone with its classified error class (`monitor sources --json`), the good one still
alerts, nothing of the bad ones is recorded as a change, the run exits 1 and ends in bounded time. A 瑞数 412
challenge on a document that carried terms, seen again and again, never becomes `withdrawn` (a real 404 does).

The hostile server is tests/hostile.py (the fetcher's); the good source is the replay web's 深圳 list (round r1);
the runs are `monitor.cli.main` in processes forked from the warm fork server of test_crash.py.
"""
from __future__ import annotations

import json
import socket
import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from monitor.replay_server import ReplayWeb

from hostile import RUISHU, HostileServer, gzip_bomb
from receivers import WebhookReceiver
from test_crash import ForkServer

pytestmark = pytest.mark.timeout(120)

FILES = Path(__file__).resolve().parent / "crash_web" / "faults"

# source id → (kind, hostile path, the error class `monitor sources` must show).
# The dripping source is served under another host name (localhost): the fetcher sends one request at a time per
# host, and the later hops of a redirect wait behind it with their deadline running — the redirect loop then ends
# as "timeout: no time left" instead of "redirect" (a known issue, reported; not what this test is about).
HOSTILE = {
    "refused":     ("html", None, "connect"),
    "invalid":     ("html", "http://www.example.invalid/tzgg/", "dns"),
    "ruishu-412":  ("html", "/ruishu", "antibot"),
    "jsl-521":     ("html", "/jsl", "antibot"),
    "busy-503":    ("html", "/status/503?ra=120", "http"),
    "loop":        ("html", "/loop-a", "redirect"),
    "big-50mb":    ("html", "/big", "too_large"),
    "gzip-bomb":   ("html", "/gzipbomb", "too_large"),
    "drip":        ("html", "//localhost/drip", "timeout"),     # its own host: see the note above HOSTILE
    "binary":      ("html", "/binary", "parse"),
    "empty":       ("html", "/empty", "parse"),
    "bozo-rss":    ("rss", "/files/bozo.xml", "parse"),
    "xxe-rss":     ("rss", "/rss-xxe", "parse"),
    "laughs-rss":  ("rss", "/rss-laughs", "parse"),
}

CONFIG_HEAD = """
settings:
  host_delay: 0s
  recheck: 0s
  allow_private: true
  baseline: alert
  timeout: 2s
  fetch_deadline: 6s
  concurrency: 16
sources:
  - id: good
    name: 深圳市工业和信息化局 通知公告
    region: 广东省/深圳市
    kind: html
    url: "{host:gxj.sz.gov.cn}/xxgk/xxgkml/qt/tzgg/"
    links: "div.ListconC ul.u-list li a"
"""


@pytest.fixture(scope="module")
def fs():
    f = ForkServer()
    yield f
    f.close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def monitor(fs: ForkServer, tmp: Path, *args) -> dict:
    n = len(list(tmp.glob("out-*.txt")))
    return fs.run(list(args), tmp / f"out-{n}.txt")


def test_each_hostile_source_fails_alone_with_its_class_and_the_good_one_alerts(fs, tmp_path):
    gzip_bomb()          # built before the run: building it takes the server seconds (a slow server, not a bomb)
    with ReplayWeb(round="r1") as web, HostileServer(files=FILES) as srv, WebhookReceiver() as rx:
        refused = f"http://127.0.0.1:{closed_port()}/tzgg/"
        text = CONFIG_HEAD
        for sid, (kind, path, _) in HOSTILE.items():
            if path is None:
                url = refused
            elif path.startswith("//localhost"):
                url = srv.url(path[len("//localhost"):], host="localhost")
            else:
                url = path if path.startswith("http") else srv.url(path)
            text += (f"  - id: {sid}\n    name: 坏源 {sid}\n    region: 广东省/珠海市\n    kind: {kind}\n"
                     f"    url: \"{url}\"\n")
        text += f'channels:\n  - id: all\n    notify: ["{rx.apprise_url("json")}"]\n'
        cfg = tmp_path / "sources.yaml"
        cfg.write_text(web.render_config(text), encoding="utf-8")
        state = tmp_path / "state"
        common = ["--config", str(cfg), "--state", str(state)]

        t0 = time.monotonic()
        r = monitor(fs, tmp_path, "check", "--once", "--json", *common)
        took = time.monotonic() - t0
        out = r["output"]
        assert r["code"] == 1, out
        summary = json.loads(out[out.index("{"):])
        failed = {f["source"]: f["error_class"] for f in summary["failed"]}

        s = monitor(fs, tmp_path, "sources", "--json", *common)
        assert s["code"] == 0, s["output"]
        rows = {x["id"]: x for x in json.loads(s["output"][s["output"].index("["):])}
        h = monitor(fs, tmp_path, "history", "--json", *common)
        changes = [json.loads(x) for x in h["output"].splitlines() if x.startswith("{")]
        texts = rx.texts()

    got = {sid: rows[sid]["error_class"] for sid in HOSTILE}
    want = {sid: cls for sid, (_, _, cls) in HOSTILE.items()}
    table = "\n".join(f"  {sid:12} want {want[sid]:10} got {got[sid]!s:10} {rows[sid]['last_error']}"
                      for sid in HOSTILE)
    print(f"\ncheck --once with {len(HOSTILE)} hostile sources took {took:.1f}s; exit {r['code']}\n{table}")
    # the good source worked and alerted; every hostile one failed, each with its class, and alone
    assert rows["good"]["failures"] == 0 and rows["good"]["error_class"] is None, rows["good"]
    assert "good" not in failed
    assert {c["source"] for c in changes} == {"good"}, {c["source"] for c in changes}
    assert {c["voucher"] for c in changes} >= {"训力券", "模型券"}
    assert any("训力券" in t for t in texts) and any("模型券" in t for t in texts)
    assert all(rows[sid]["failures"] == 1 for sid in HOSTILE), {sid: rows[sid]["failures"] for sid in HOSTILE}
    assert set(failed) == set(HOSTILE)
    # nothing of /etc/passwd from the external entity, anywhere
    db = (state / "monitor.db").read_bytes()
    assert b"root:x:" not in db and "root:x:" not in out and not any("root:x:" in t for t in texts)
    assert took < 60, f"check --once took {took:.1f}s"         # a hang guard, not a performance figure
    assert got == want, "error classes differ:\n" + table


# ---------------------------------------------------------------- 412 on a document that carried terms

class Site:
    """A programmable site: path → (status, body, headers), changeable between runs."""

    def __init__(self):
        self.routes: dict[str, tuple[int, bytes, dict]] = {}
        self.delay = 0.0                # seconds before every answer
        site = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def do_GET(self):
                if site.delay:
                    time.sleep(site.delay)
                status, body, headers = site.routes.get(self.path.split("?")[0], (404, b"not found", {}))
                self.send_response(status)
                self.send_header("Content-Type", headers.get("Content-Type", "text/html; charset=utf-8"))
                for k, v in headers.items():
                    if k != "Content-Type":
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


CHALLENGE = (412, RUISHU, {"Set-Cookie": "FSSBBIl1UgzbN7N80S=abc; Path=/"})


def test_412_challenge_on_a_document_with_terms_never_withdraws_it(fs, tmp_path):
    site = Site()
    try:
        ok_list = (200, (FILES / "list.html").read_bytes(), {})
        ok_doc = (200, (FILES / "notice.html").read_bytes(), {})
        site.routes = {"/tzgg/": ok_list, "/notice/t20261110_1.html": ok_doc}
        cfg = tmp_path / "sources.yaml"
        cfg.write_text(f"""
settings: {{host_delay: 0s, recheck: 0s, allow_private: true, baseline: alert, timeout: 2s, fetch_deadline: 4s}}
sources:
  - id: sz
    name: 深圳市工业和信息化局 通知公告
    region: 广东省/深圳市
    kind: html
    url: "{site.url('/tzgg/')}"
    links: "div.list li a"
channels:
  - id: all
    notify: ["json://127.0.0.1:{closed_port()}/x"]
""", encoding="utf-8")
        common = ["--config", str(cfg), "--state", str(tmp_path / "state")]

        def kinds() -> list[str]:
            h = monitor(fs, tmp_path, "history", "--json", *common)
            return [json.loads(x)["kind"] for x in h["output"].splitlines() if x.startswith("{")]

        def terms() -> list[tuple]:
            t = monitor(fs, tmp_path, "terms", "--json", *common)
            return [(x["region"], x["voucher"]) for x in json.loads(t["output"][t["output"].index("["):])]

        monitor(fs, tmp_path, "check", "--once", *common)
        assert "new_policy" in kinds(), "the notice's 算力券 terms were not learned"
        assert terms() == [("广东省/深圳市", "算力券")]

        # five runs: the document behind a 瑞数 challenge (3 times), then the whole site (2 times)
        site.routes["/notice/t20261110_1.html"] = CHALLENGE
        for i in range(5):
            if i == 3:
                site.routes["/tzgg/"] = CHALLENGE
            monitor(fs, tmp_path, "check", "--once", *common)
        with sqlite3.connect(tmp_path / "state" / "monitor.db") as conn:
            status, gone = conn.execute("select status, gone_count from documents where url like '%t20261110_1%'"
                                        ).fetchone()
        assert "withdrawn" not in kinds(), kinds()
        assert terms() == [("广东省/深圳市", "算力券")]
        assert status == "live" and not gone, (status, gone)
        s = monitor(fs, tmp_path, "sources", "--json", *common)
        assert json.loads(s["output"][s["output"].index("["):])[0]["error_class"] == "antibot"

        # control: the same document really gone (404 three times, withdraw_after 3) is withdrawn
        site.routes = {"/tzgg/": ok_list}
        for _ in range(3):
            monitor(fs, tmp_path, "check", "--once", *common)
        assert "withdrawn" in kinds(), kinds()
    finally:
        site.close()


# ---------------------------------------------------------------- politeness queueing is not the server's slowness

def test_redirect_hop_queued_behind_a_slow_source_is_not_a_timeout(fs, tmp_path):
    """The fetcher sends one request at a time per host and starts a fetch's deadline at its first request, so time
    queued for a host is politeness, not slowness. But a redirect's later hop that queues for a host busy with
    another source's slow answer spends its deadline waiting: a healthy source then fails as `timeout`.

    Here: `slow` holds host localhost for 3 s (its own deadline ends it); `healthy` is answered on 127.0.0.1 after
    0.8 s with a redirect to localhost/ok, where it waits for `slow` to finish. Its server was never slow."""
    site = Site()
    with HostileServer() as srv:
        site.delay = 0.8
        site.routes = {"/r": (302, b"", {"Location": srv.url("/ok", host="localhost")})}
        cfg = tmp_path / "sources.yaml"
        cfg.write_text(f"""
settings: {{host_delay: 0s, recheck: 0s, allow_private: true, baseline: alert, timeout: 5s, fetch_deadline: 2.5s}}
sources:
  - id: slow
    name: 慢源
    region: 广东省
    kind: page
    url: "{srv.url('/slow?t=3', host='localhost')}"
  - id: healthy
    name: 健康的源
    region: 广东省/深圳市
    kind: page
    url: "{site.url('/r')}"
    follow_hosts: [localhost]
channels:
  - id: all
    notify: ["json://127.0.0.1:{closed_port()}/x"]
""", encoding="utf-8")
        common = ["--config", str(cfg), "--state", str(tmp_path / "state")]
        monitor(fs, tmp_path, "check", "--once", *common)
        s = monitor(fs, tmp_path, "sources", "--json", *common)
    site.close()
    rows = {x["id"]: x for x in json.loads(s["output"][s["output"].index("["):])}
    print(f"\nslow: {rows['slow']['error_class']} {rows['slow']['last_error']}; "
          f"healthy: {rows['healthy']['error_class']} {rows['healthy']['last_error']}")
    assert rows["slow"]["error_class"] == "timeout"
    assert rows["healthy"]["failures"] == 0, (
        f"a healthy source failed while its redirect waited for a busy host: [{rows['healthy']['error_class']}] "
        f"{rows['healthy']['last_error']}")
