"""Crash consistency: `monitor check --once` killed with SIGKILL at random points loses nothing and sends nothing twice.

The bundled replay story (monitor/replay/web, rounds r1–r6) is played several times, each pass on a fresh state
directory, with `baseline: alert` so every change of the story is alerted. In every round a run is killed with
SIGKILL after a random delay between 0 and the typical run time, the run recovering from it is killed too, and a
third, then the run is repeated to completion. Some passes
use a receiver that answers slowly, so kills also land while a message is in flight.

Runs are `monitor.cli.main([...])` — exactly what `python -m monitor` runs — in processes forked from a small fork
server that has imported monitor once: a fresh interpreter spends most of its time importing, where a kill tests
nothing. Each forked run is a separate process with its own SQLite connection and is killed with a real SIGKILL.

At the end of each pass: PRAGMA integrity_check is ok; every change of the story (and of an unkilled reference pass)
is in `monitor history --json` (lost = 0); every recorded change reached each channel routed to it at least once; a
change reached a channel twice only if the message carrying it was in flight at a kill (the one allowed duplicate).
"""
from __future__ import annotations

import json
import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from monitor.demo import expected_for, load_story, signature, story_rounds
from monitor.models import Change
from monitor.render import render
from monitor.replay_server import ReplayWeb

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = (ROOT / "monitor" / "replay" / "sources.yaml.tmpl").read_text(encoding="utf-8")
SEED = 20261123
PASSES = 2                      # 2 passes x 6 rounds x 3 kills = 36 kills (more passes, up to 5, if runs outpace kills)
KILLS_PER_ROUND = 3             # the later kills land on the runs recovering from the earlier ones
SLOW_PASSES = {1, 3}            # the receiver answers after DELAY seconds in these passes
DELAY = 0.25

pytestmark = pytest.mark.timeout(240)


# ---------------------------------------------------------------- a receiver that can answer slowly

class SlowReceiver:
    """json:// receiver on 127.0.0.1: records every request (path, body) and answers 200 after `delay` seconds.
    """

    def __init__(self):
        self.delay = 0.0
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        rx = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def do_GET(self):                 # the settle() probe: answered at once, not recorded
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_POST(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n).decode("utf-8", "replace")
                with rx.lock:
                    rx.requests.append({"path": self.path, "body": body,
                                        "key": self.headers.get("X-Monitor-Key")})
                try:
                    if rx.delay:
                        time.sleep(rx.delay)
                    out = b'{"errcode":0}'
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(out)))
                    self.end_headers()
                    self.wfile.write(out)
                except OSError:
                    pass

        self.server = _CountingServer(("127.0.0.1", 0), H)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def settle(self, timeout: float = 60.0) -> bool:
        """Wait until every connection made before now has been handled to its end (its request recorded): a
        probe connection is queued behind them (the accept queue is FIFO), then no handler may be left running.
        A fixed sleep here let a request written just before a kill arrive after the count on a loaded machine."""
        end = time.monotonic() + timeout
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as probe:
            probe.sendall(b"GET /settle HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            while probe.recv(4096):
                pass
        while time.monotonic() < end:
            if self.server.active == 0:
                return True
            time.sleep(0.005)
        return False

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return f"json://127.0.0.1:{self.port}{path}"


class _CountingServer(ThreadingHTTPServer):
    """Counts connections accepted and not yet closed by their handler."""

    def __init__(self, *a, **kw):
        self.active = 0
        self._count_lock = threading.Lock()
        super().__init__(*a, **kw)

    def process_request(self, request, client_address):
        with self._count_lock:
            self.active += 1
        super().process_request(request, client_address)      # on failure the server calls shutdown_request

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):     # a killed client hanging up is the point
            super().handle_error(request, client_address)

    def shutdown_request(self, request):
        try:
            super().shutdown_request(request)
        finally:
            with self._count_lock:
                self.active -= 1


# ---------------------------------------------------------------- the fork server

FORK_SERVER = r"""
import json, os, sys
import monitor.cli, monitor.pipeline, monitor.notify, monitor.delivery, monitor.store, monitor.extract
import apprise
apprise.Apprise.instantiate("json://127.0.0.1:9/warm", suppress_exceptions=True)
from monitor.extract import extract_bytes      # warm the pure caches (gazetteer, patterns) once, as a daemon would
extract_bytes("<html><body><p>深圳市工业和信息化局发放算力券，单个企业最高500万元。</p></body></html>".encode(),
              url="http://127.0.0.1/warm.html", content_type="text/html; charset=utf-8", region="广东省/深圳市",
              authority="official")
out = sys.stdout
print("ready", flush=True)
for line in sys.stdin:
    cmd = json.loads(line)
    pid = os.fork()
    if pid == 0:
        try:
            fd = os.open(cmd["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(fd, 1); os.dup2(fd, 2)
            nul = os.open(os.devnull, os.O_RDONLY); os.dup2(nul, 0)
            sys.stdin = open(os.devnull)
            sys.stdout = os.fdopen(1, "w", buffering=1)
            sys.stderr = os.fdopen(2, "w", buffering=1)
            os.environ.update(cmd.get("env") or {})
            code = 0
            try:
                monitor.cli.main(cmd["argv"])
            except SystemExit as e:            # as the interpreter does at exit
                code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
                if e.code is not None and not isinstance(e.code, int):
                    print(e.code, file=sys.stderr)
            except BaseException:
                import traceback
                traceback.print_exc()
                code = 1
            sys.stdout.flush(); sys.stderr.flush()
        finally:
            os._exit(locals().get("code", 70))
    out.write(f"{pid}\n"); out.flush()
    sys.stdin.readline()                 # "reap": the child may be a zombie until now, so a kill never hits a stranger
    _, status = os.waitpid(pid, 0)
    out.write(json.dumps({"signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
                          "code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None}) + "\n"); out.flush()
"""


class ForkServer:
    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, "-c", FORK_SERVER], cwd=ROOT, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert self.proc.stdout.readline().strip() == "ready"
        self.n = 0

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)

    def run(self, argv: list[str], log: Path, *, kill_when=None, env: dict | None = None) -> dict:
        """Run monitor with argv in a forked process; SIGKILL it when `kill_when()` returns, if still running.
        Returns {"signal", "code", "seconds", "killed", "output"}."""
        t0 = time.monotonic()
        self.proc.stdin.write(json.dumps({"argv": argv, "log": str(log), "env": env or {}}) + "\n")
        self.proc.stdin.flush()
        pid = int(self.proc.stdout.readline())
        killed = False
        if kill_when is not None:
            kill_when()
            os.kill(pid, signal.SIGKILL)       # our own child (running, or a zombie not yet reaped)
            killed = True
        self.proc.stdin.write("reap\n")
        self.proc.stdin.flush()
        res = json.loads(self.proc.stdout.readline())
        res["seconds"] = time.monotonic() - t0
        res["killed"] = killed and res["signal"] == signal.SIGKILL
        res["output"] = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        return res


# ---------------------------------------------------------------- reading alerts back

_LINK = re.compile(r"\]\((\S+?)\)")


def blocks(markdown: str) -> list[tuple]:
    """The change blocks of a rendered markdown alert: (block heading, first line, link). The region heading is left
    out: a message of one region has none."""
    out, region, cur = [], None, None
    for line in markdown.splitlines():
        s = line.strip()
        if s.startswith("#"):
            region = s.lstrip("#").strip()
        elif s.startswith("**") and s.endswith("**"):
            if cur:
                out.append(tuple(cur))
            cur = [region, s.strip("*"), None, None]
        elif s.startswith("- ") and cur:
            if cur[2] is None:
                cur[2] = s[2:]
            m = _LINK.search(s)
            if m and cur[3] is None:
                cur[3] = m.group(1)
        elif s.startswith("*—") or s.startswith("*-"):
            if cur:
                out.append(tuple(cur))
            cur = None
    if cur:
        out.append(tuple(cur))
    return [b[1:] for b in out]


def identity(c: Change) -> tuple:
    """How a change reads in an alert (rendered alone, read back with the same parser)."""
    got = blocks(render([c], "markdown").body)
    assert len(got) == 1, got
    return got[0]


CHANNELS = {"guangdong": "广东省", "everything": None}


def routed(c: Change) -> list[str]:
    return [ch for ch, reg in CHANNELS.items() if reg is None or c.region == reg or c.region.startswith(reg + "/")]


# ---------------------------------------------------------------- the story

def config_text(web: ReplayWeb, rx: SlowReceiver, tag: str) -> str:
    text = web.render_config(TEMPLATE, notify="json://127.0.0.1:9/unused")
    text = text.replace("baseline: silent", "baseline: alert")
    head, sep, _ = text.partition("\nchannels:")
    assert sep, "the replay template has no channels section"
    chans = "".join(f"  - id: {ch}\n    notify: [\"{rx.url(f'/{tag}/{ch}')}\"]\n"
                    + (f"    regions: [{reg}]\n" if reg else "") for ch, reg in CHANNELS.items())
    return head + "\nchannels:\n" + chans       # settings stay the template's (host_delay 0s, allow_private)


def story_expected(story: dict) -> Counter:
    exp = Counter(signature(c) for c in story.get("r1_alert", []))
    for rnd in story_rounds(story):
        exp.update(signature(c) for c in expected_for(story, rnd))
    return exp


def history(fs: ForkServer, state: Path, tmp: Path) -> list[Change]:
    r = fs.run(["history", "--json", "--state", str(state)], tmp / "history.out")
    assert r["code"] == 0, r["output"]
    return [Change.from_json(json.loads(line)) for line in r["output"].splitlines() if line.startswith("{")]


def timed(delay: float):
    return lambda: time.sleep(delay)


def in_delivery(rx: SlowReceiver, tag: str, nth: int, extra: float, limit: float):
    """Kill `extra` seconds after the nth message of this run reached the receiver (or after `limit` seconds
    when fewer come): a random point inside delivery."""
    def wait():
        before = sum(1 for r in rx.requests if r["path"].startswith(f"/{tag}/"))
        end = time.monotonic() + limit
        while time.monotonic() < end:
            if sum(1 for r in rx.requests if r["path"].startswith(f"/{tag}/")) >= before + nth:
                time.sleep(extra)
                return
            time.sleep(0.005)
    return wait


def play(fs: ForkServer, web: ReplayWeb, rx: SlowReceiver, tmp: Path, tag: str, rounds: list[str],
         rng: random.Random | None, typical: dict, messages: dict) -> dict:
    """One pass of the story on a fresh state; with rng, one killed run per round before the run to completion."""
    state = tmp / f"state-{tag}"
    cfg = tmp / f"sources-{tag}.yaml"
    cfg.write_text(config_text(web, rx, tag), encoding="utf-8")
    argv = ["check", "--once", "--config", str(cfg), "--state", str(state)]
    stats = {"runs": 0, "kills": 0, "kills_in_delivery": 0, "allowed": set()}
    for rnd in rounds:
        web.set_round(rnd)
        kills = 0
        for _attempt in range(3 * KILLS_PER_ROUND if rng is not None else 0):   # until runs are really killed
            kill_when = timed(rng.uniform(0, 0.8 * typical.get(rnd, 1.0)))
            if rx.delay and messages.get(rnd) and kills == 0:
                kill_when = in_delivery(rx, tag, rng.randint(1, messages[rnd]), rng.uniform(0, rx.delay),
                                        typical.get(rnd, 1.0) + messages[rnd] * rx.delay)
            start = len(rx.requests)
            r = fs.run(argv, tmp / "run.out", kill_when=kill_when)
            stats["runs"] += 1
            if r["killed"]:
                stats["kills"] += 1
                assert rx.settle(), "the receiver never finished the killed run's connections"
                # a request written just before the kill has now reached the receiver
                if len(rx.requests) > start:
                    # delivery is sequential: the killed run's last message is the one that was in flight (sent,
                    # maybe answered, not yet marked sent) — the one duplicate allowed
                    stats["kills_in_delivery"] += 1
                    stats["allowed"].add(len(rx.requests) - 1)
                kills += 1
                if kills == KILLS_PER_ROUND:
                    break
                continue
            assert r["code"] in (0, 1), r["output"]
        before = len(rx.requests)
        r = fs.run(argv, tmp / "run.out")
        stats["runs"] += 1
        assert r["code"] == 0, f"{tag} {rnd}: exit {r}\n{r['output']}"
        if rng is None:
            typical[rnd] = max(typical.get(rnd, 0.0), r["seconds"])
            messages[rnd] = len(rx.requests) - before
    stats["state"] = state
    return stats


def known_terms(fs: ForkServer, state: Path, tmp: Path) -> set[tuple]:
    r = fs.run(["terms", "--json", "--state", str(state)], tmp / "terms.out")
    assert r["code"] == 0, r["output"]
    rows = json.loads(r["output"][r["output"].index("["):])
    return {tuple(d.get(k) for k in ("region", "voucher", "budget_yuan", "ratio", "cap_yuan", "deadline", "stage"))
            for d in rows}


def check_pass(fs, rx, tmp, tag, stats, must_have: Counter, ref_terms: set | None = None) -> dict:
    state = stats["state"]
    terms = known_terms(fs, state, tmp)
    assert ref_terms is None or terms == ref_terms, (
        f"{tag}: terms after the kills differ from the undisturbed run: missing {ref_terms - terms}, "
        f"extra {terms - ref_terms}")
    with sqlite3.connect(state / "monitor.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        outbox = Counter(s for (s,) in conn.execute("select status from outbox"))
    changes = [c for c in history(fs, state, tmp) if c.kind not in ("cosmetic", "deadline_soon")]
    got = Counter(signature(c) for c in changes)
    lost = must_have - got
    # what reached each channel, read back from the messages
    received: dict[str, Counter] = {ch: Counter() for ch in CHANNELS}
    dup_ok: dict[str, Counter] = {ch: Counter() for ch in CHANNELS}
    for i, req in enumerate(rx.requests):
        parts = req["path"].strip("/").split("/")
        if parts[0] != tag:
            continue
        msg = json.loads(req["body"])["message"]
        for b in blocks(msg):
            received[parts[1]][b] += 1
            if i in stats["allowed"]:
                dup_ok[parts[1]][b] += 1
    # an in-flight message sent again: with the same idempotency key (X-Monitor-Key), a receiver could drop it
    same_key = resent = 0
    for i in stats["allowed"]:
        mine = rx.requests[i]
        for later in rx.requests[i + 1:]:
            if later["path"] == mine["path"] and set(blocks(json.loads(mine["body"])["message"])) & set(
                    blocks(json.loads(later["body"])["message"])):
                resent += 1
                same_key += later["key"] == mine["key"]
                break
    undelivered, duplicated, unexplained = [], 0, []
    for ch in CHANNELS:
        want = Counter(identity(c) for c in changes if ch in routed(c))
        undelivered += [(ch, b) for b in (want - received[ch]).elements()]
        extra = received[ch] - want
        duplicated += sum(extra.values())
        unexplained += [(ch, b) for b in (extra - dup_ok[ch]).elements()]
    return {"resent": resent, "same_key": same_key, "changes": len(changes), "lost": len(list(lost.elements())), "lost_list": list(lost.elements()),
            "undelivered": undelivered, "duplicated": duplicated, "unexplained": unexplained, "outbox": outbox}


@pytest.fixture(scope="module")
def fs():
    f = ForkServer()
    yield f
    f.close()


def test_kill_9_during_check_once_loses_nothing_sends_nothing_twice(fs, tmp_path):
    story = load_story()
    rounds = story_rounds(story)
    rng = random.Random(SEED)
    typical: dict[str, float] = {}
    messages: dict[str, int] = {}
    with ReplayWeb(round=rounds[0]) as web, SlowReceiver() as rx:
        # a reference pass without kills: what an undisturbed run records, and how long each round takes
        ref = play(fs, web, rx, tmp_path, "ref", rounds, None, typical, messages)
        ref_changes = [c for c in history(fs, ref["state"], tmp_path) if c.kind not in ("cosmetic", "deadline_soon")]
        reference = Counter(signature(c) for c in ref_changes)
        story_exp = story_expected(story)
        print(f"\nreference pass: {len(ref_changes)} changes; story expects {sum(story_exp.values())}, "
              f"of which the reference misses {sum((story_exp - reference).values())}; "
              f"typical run seconds {({k: round(v, 2) for k, v in typical.items()})}")
        must_have = reference | story_exp
        ref_terms = known_terms(fs, ref["state"], tmp_path)
        totals = Counter()
        problems = []
        p = 0
        while p < PASSES or (totals["kills"] < 30 and p < 5):
            rx.delay = DELAY if p in SLOW_PASSES else 0.0
            slow = {r: t + (messages[r] * DELAY if p in SLOW_PASSES else 0.0) for r, t in typical.items()}
            tag = f"p{p}"
            stats = play(fs, web, rx, tmp_path, tag, rounds, rng, slow, messages)
            res = check_pass(fs, rx, tmp_path, tag, stats, must_have, ref_terms)
            totals.update(runs=stats["runs"], kills=stats["kills"], in_delivery=stats["kills_in_delivery"],
                          changes=res["changes"], lost=res["lost"], undelivered=len(res["undelivered"]),
                          duplicated=res["duplicated"], unexplained=len(res["unexplained"]),
                          resent=res["resent"], same_key=res["same_key"])
            print(f"pass {tag} (receiver delay {rx.delay}s): runs {stats['runs']}, kills {stats['kills']} "
                  f"({stats['kills_in_delivery']} with a message in flight), changes {res['changes']}, "
                  f"lost {res['lost']}, undelivered {len(res['undelivered'])}, duplicated {res['duplicated']} "
                  f"(unexplained {len(res['unexplained'])}), outbox {dict(res['outbox'])}")
            if res["lost"] or res["undelivered"] or res["unexplained"]:
                problems.append((tag, res["lost_list"], res["undelivered"], res["unexplained"]))
            assert set(res["outbox"]) <= {"sent"}, res["outbox"]
            p += 1
        figures = (f"runs {totals['runs']}, kills {totals['kills']} ({totals['in_delivery']} during delivery), "
                   f"changes {totals['changes']}, lost {totals['lost']}, undelivered {totals['undelivered']}, "
                   f"duplicated {totals['duplicated']} (unexplained {totals['unexplained']}); in-flight messages "
                   f"sent again {totals['resent']}, with the same X-Monitor-Key {totals['same_key']}")
        print("TOTAL " + figures)
    assert totals["kills"] >= 30, figures
    assert totals["lost"] == 0, f"{figures}\n{problems}"
    assert totals["undelivered"] == 0, f"{figures}\n{problems}"
    assert totals["unexplained"] == 0, f"{figures}\n{problems}"


# ---------------------------------------------------------------- a damaged state file

SMALL = """
settings: {host_delay: 0s, recheck: 0s, allow_private: true, baseline: alert, timeout: 3s, fetch_deadline: 6s}
sources:
  - id: sz-gxj-tzgg
    name: 深圳市工业和信息化局 通知公告
    region: 广东省/深圳市
    kind: html
    url: "{host:gxj.sz.gov.cn}/xxgk/xxgkml/qt/tzgg/"
    links: "div.ListconC ul.u-list li a"
channels:
  - id: all
    notify: ["json://127.0.0.1:9/x"]
"""


def _damage(path: Path, how: str) -> None:
    rng = random.Random(how)
    size = path.stat().st_size
    with sqlite3.connect(path) as conn:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        roots = [r for (r,) in conn.execute("select rootpage from sqlite_master where type = 'table' and name in "
                                            "('sources', 'documents', 'changes', 'outbox', 'terms')")]
    conn.close()
    with open(path, "r+b") as f:
        if how == "pages":              # the tables' pages overwritten (a torn write, a bad disk); header and schema
            for root in roots:          # intact, so opening the file works and the damage shows on first read
                f.seek((root - 1) * page)
                f.write(bytes(rng.randrange(256) for _ in range(page)))
        elif how == "truncated":        # cut in half (disk full, a copy interrupted)
            f.truncate(size // 2)
        elif how == "header":           # not a database any more
            f.write(b"garbage " * 8)


@pytest.mark.parametrize("how", ["pages", "truncated", "header"])
def test_damaged_state_database_is_refused_cleanly_and_left_alone(fs, tmp_path, how):
    """A damaged monitor.db: every command that reads it says so (exit 2, "move it aside"), no traceback, and the
    file is not touched — the user may still want to salvage it."""
    with ReplayWeb(round="r1") as web:
        cfg = tmp_path / "sources.yaml"
        cfg.write_text(web.render_config(SMALL), encoding="utf-8")
        state = tmp_path / "state"
        common = ["--config", str(cfg), "--state", str(state)]
        r = fs.run(["check", "--once", *common], tmp_path / "first.out")
        assert r["code"] == 1, r["output"]        # 1: the alerts could not be sent (port 9)
        db = state / "monitor.db"
        for extra in ("monitor.db-wal", "monitor.db-shm"):
            assert not (state / extra).exists() or (state / extra).stat().st_size == 0 or extra.endswith("shm")
        assert db.stat().st_size > 6 * 4096
        _damage(db, how)
        before = db.read_bytes()
        outs = {}
        for args in (["check", "--once"], ["history", "--json"], ["sources"], ["terms"]):
            r = fs.run([*args, *common], tmp_path / "out.txt")
            outs[args[0]] = r
        assert db.read_bytes() == before, "the damaged database was written to"
    bad = {k: (r["code"], r["signal"], r["output"][-300:]) for k, r in outs.items()
           if r["code"] != 2 or "Traceback" in r["output"] or "move it aside" not in r["output"]}
    assert not bad, f"damage '{how}' not refused cleanly: {bad}"
