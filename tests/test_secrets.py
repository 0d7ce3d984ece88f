"""Secrets never leak: webhook tokens taken from the environment (${NAME} in sources.yaml) appear in no output of any
command — validate, check --once (while sends fail and when they work), sources, history, terms, notify-test, a bad
configuration that mentions the URL, the daemon — even at -vv (debug logging), nor in the state database.

Real `python -m monitor` processes (logging is set up at start, so no fork server here), a real json:// receiver and a
DingTalk-style robot API on 127.0.0.1 (MONITOR_DINGTALK_API), an SMTP URL with a password to a closed port.
The receiver checks the tokens were really used (the test could not pass by never sending them).
"""
from __future__ import annotations

import base64
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from monitor.replay_server import ReplayWeb

from receivers import WebhookReceiver
from test_crash import ForkServer

pytestmark = pytest.mark.timeout(180)

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "sekr1t-" + secrets.token_hex(12)
SECRET = "SEC" + secrets.token_hex(16)
PASSWORD = "pw-" + secrets.token_hex(8)
DING = secrets.token_hex(32)                    # DingTalk access tokens are 64 hex digits
ENV = {"MONITOR_TEST_TOKEN": TOKEN, "MONITOR_TEST_SECRET": SECRET, "MONITOR_TEST_PASSWORD": PASSWORD,
       "MONITOR_TEST_DING": DING}

CONFIG = """
settings:
  interval: 2s
  host_delay: 0s
  recheck: 0s
  allow_private: true
  baseline: alert
  timeout: 2s
  fetch_deadline: 4s
sources:
  - id: sz-gxj-tzgg
    name: 深圳市工业和信息化局 通知公告
    region: 广东省/深圳市
    kind: html
    url: "{host:gxj.sz.gov.cn}/xxgk/xxgkml/qt/tzgg/"
    links: "div.ListconC ul.u-list li a"
  - id: broken
    name: 坏的源
    region: 广东省
    kind: html
    url: "http://127.0.0.1:9/list/"
channels:
  - id: hooks
    notify:
      - "json://user:${MONITOR_TEST_TOKEN}@127.0.0.1:{port}/hook"
      - "json://127.0.0.1:{port}/hook/${MONITOR_TEST_TOKEN}?token=${MONITOR_TEST_TOKEN}"
      - "dingtalk://${MONITOR_TEST_SECRET}@${MONITOR_TEST_DING}/13800138000"
  - id: mail
    notify: ["mailto://ops:${MONITOR_TEST_PASSWORD}@127.0.0.1:{closed}?from=m@example.com&to=o@example.com&mode=insecure"]
"""

BAD_CONFIGS = {
    # an unusable URL carrying the token
    "bad-scheme": 'channels:\n  - id: c\n    notify: ["nosuchservice://u:${MONITOR_TEST_TOKEN}@host/${MONITOR_TEST_TOKEN}"]\n',
    # a URL where a list was expected, and a map in the list
    "bad-type": 'channels:\n  - id: c\n    notify: {url: "json://u:${MONITOR_TEST_TOKEN}@127.0.0.1/x"}\n',
    "bad-item": 'channels:\n  - id: c\n    notify: [{url: "json://u:${MONITOR_TEST_TOKEN}@127.0.0.1/x"}]\n',
    # a DingTalk URL whose token apprise finds malformed
    "ding-bad-token": 'channels:\n  - id: c\n    notify: ["dingtalk://${MONITOR_TEST_TOKEN}/"]\n',
    # a typo'd key next to the URL, a URL under the wrong key
    "typo-key": 'channels:\n  - id: c\n    notfy: ["dingtalk://${MONITOR_TEST_TOKEN}/"]\n',
    "wrong-key": 'channels:\n  - id: c\n    notify: ["json://127.0.0.1/x"]\n    regions: ["dingtalk://${MONITOR_TEST_TOKEN}/"]\n',
    # a missing scheme separator, a half URL
    "half-url": 'channels:\n  - id: c\n    notify: ["dingtalk:/${MONITOR_TEST_TOKEN}", "json//u:${MONITOR_TEST_TOKEN}@h/x"]\n',
    # a YAML syntax error on the line of the URL
    "yaml-error": 'channels:\n  - id: c\n    notify: ["json://u:${MONITOR_TEST_TOKEN}@127.0.0.1/x"\n  - id: [\n',
}
SOURCES_OK = ("sources:\n  - id: a\n    name: a\n    region: 广东省\n    kind: html\n    url: http://127.0.0.1:9/\n")


def forms(*values: str) -> set[str]:
    """Every form a secret could show up in: raw, URL-encoded, base64 of user:secret, hex."""
    out = set()
    for v in values:
        out |= {v, quote(v, safe=""), v.encode().hex()}
        out |= {base64.b64encode(f"{u}:{v}".encode()).decode() for u in ("user", "ops", "u")}
        out.add(v[4:-4])                        # a long inner part, in case it is cut or wrapped
    return out


LEAKS = forms(TOKEN, SECRET, PASSWORD, DING)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def fs():
    f = ForkServer()
    yield f
    f.close()


class Runner:
    """Runs `monitor -vv ARGS --config --state`: in a fresh `python -m monitor` process when real=True, else in a
    process forked from the warm fork server (same code path, logging set up by the command itself)."""

    def __init__(self, fs: ForkServer, tmp: Path, cfg: Path, state: Path, env: dict):
        self.fs, self.tmp, self.cfg, self.state, self.env = fs, tmp, cfg, state, env
        self.outputs: list[tuple[str, str]] = []
        self.seconds: list[float] = []

    def __call__(self, *args, config: Path | None = None, expect: tuple = (0, 1, 2), real: bool = False,
                 verbose: bool = True) -> str:
        argv = ["-vv"] * verbose + [*args, "--config", str(config or self.cfg), "--state", str(self.state)]
        t0 = time.monotonic()
        if real:
            r = subprocess.run([sys.executable, "-m", "monitor", *argv], cwd=ROOT, capture_output=True, text=True,
                               timeout=60, env={**os.environ, **self.env})
            code, out = r.returncode, r.stdout + r.stderr
        else:
            r = self.fs.run(argv, self.tmp / f"out-{len(self.outputs)}.txt", env=self.env)
            code, out = r["code"], r["output"]
        self.outputs.append((" ".join(args) + (f" [{config.name}]" if config else ""), out))
        self.seconds.append(round(time.monotonic() - t0, 1))
        assert code in expect, f"{args}: exit {code}\n{out}"
        return out


def leaks(outputs) -> list[str]:
    """One line per (command, output line) where a secret shows, with the line (secrets shown as <SECRET>)."""
    found = []
    for what, text in outputs:
        for line in text.splitlines():
            if any(s in line for s in LEAKS):
                shown = line
                for s in sorted(LEAKS, key=len, reverse=True):
                    shown = shown.replace(s, "<SECRET>")
                found.append(f"{what}: {shown[:300]}")
    return list(dict.fromkeys(found))


def test_tokens_never_in_any_output_even_at_debug(fs, tmp_path):
    with ReplayWeb(round="r1") as web, WebhookReceiver() as rx:
        cfg = tmp_path / "sources.yaml"
        text = CONFIG.replace("{port}", str(rx.port)).replace("{closed}", str(closed_port()))
        cfg.write_text(web.render_config(text), encoding="utf-8")
        env = {**ENV, "MONITOR_DINGTALK_API": rx.base}
        run = Runner(fs, tmp_path, cfg, tmp_path / "state", env)

        run("validate", expect=(0,), real=True)
        # sends fail: the receiver is down (connection refused), SMTP port closed, a source refused
        rx.down()
        run("check", "--once", expect=(1,), real=True)
        run("check", "--once", "--json", expect=(1,))
        run("sources")
        run("sources", "--json")
        run("history")
        run("history", "--json")
        run("terms", "--json")
        run("notify-test", "hooks", expect=(1,))
        run("notify-test", "mail", expect=(1,))
        # the receiver answers errors: HTTP 500, then DingTalk's errcode with a body echoing the request
        rx.up()
        rx.respond(500, f"error for {DING}")           # a service echoing its own token
        run("notify-test", "hooks", expect=(1,))
        rx.respond(200, {"errcode": 300001, "errmsg": f"token {DING} is not exist"})
        run("notify-test", "hooks", expect=(1,))
        rx.respond(200)
        run("notify-test", "hooks", expect=(0, 1))
        # and works: alerts go out (the outbox's errors are behind a backoff; a fresh state sends at once)
        run.state = tmp_path / "state2"
        run("check", "--once", expect=(1,))            # 1: the broken source, the closed SMTP port
        run("sources")

        # the daemon at -vv for a moment
        log = tmp_path / "daemon.log"
        with open(log, "wb") as f:
            p = subprocess.Popen([sys.executable, "-m", "monitor", "-vv", "run", "--config", str(cfg), "--state",
                                  str(tmp_path / "state3")], cwd=ROOT, stdout=f, stderr=subprocess.STDOUT,
                                 env={**os.environ, **env})
            try:
                end = time.monotonic() + 60
                while time.monotonic() < end and not all(
                        f"poll {s}" in log.read_text(errors="replace") for s in ("broken", "sz-gxj-tzgg")):
                    time.sleep(0.05)
                polled = log.read_text(errors="replace")
                time.sleep(0.5)
            finally:
                p.send_signal(signal.SIGTERM)
                p.wait(timeout=20)
        run.outputs.append(("run (daemon)", log.read_text(errors="replace")))
        # the daemon really polled at -vv (else its output would prove nothing)
        assert all(f"poll {s}" in polled for s in ("broken", "sz-gxj-tzgg")), polled[-2000:]

        # the tokens were really used (so their absence from the outputs means something)
        used = " ".join(q["raw_path"] + " " + q["headers"].get("Authorization", "") for q in rx.requests)
        assert TOKEN in used and f"access_token={DING}" in used, "the tokens never reached the receiver"
        assert base64.b64encode(f"user:{TOKEN}".encode()).decode() in used
        assert any("sign=" in q["raw_path"] for q in rx.requests)       # the DingTalk secret signed a request

    outputs = run.outputs
    total = sum(len(t) for _, t in outputs)
    found = leaks(outputs)
    print(f"\n{len(outputs)} outputs, {total} characters scanned, {len(found)} leaking lines; seconds {run.seconds}")
    for line in found:
        print("  LEAK " + line)
    assert total > 5000
    assert not found, f"secret found in {len(found)} output lines:\n" + "\n".join(found[:25])


@pytest.mark.parametrize("verbose", [False, True], ids=["default", "-vv"])
def test_bad_configuration_mentioning_the_url_never_prints_the_token(fs, tmp_path, verbose):
    """validate and check --once refuse each bad configuration (exit 2) and say where, never with the token."""
    run = Runner(fs, tmp_path, tmp_path / "none.yaml", tmp_path / "state", ENV)
    for i, (name, body) in enumerate(BAD_CONFIGS.items()):
        bad = tmp_path / f"{name}.yaml"
        bad.write_text(SOURCES_OK + body, encoding="utf-8")
        out = run("validate", config=bad, expect=(2,), real=i == 0, verbose=verbose)
        assert f"{name}.yaml:" in out, out          # the problem is reported with file and line
        run("check", "--once", config=bad, expect=(2,), verbose=verbose)
    found = leaks(run.outputs)
    for line in found:
        print("  LEAK " + line)
    assert not found, f"secret found in {len(found)} output lines:\n" + "\n".join(found)


def test_tokens_not_in_state_database(fs, tmp_path):
    """The outbox keeps the last error of each send: masked, like everything printed."""
    with ReplayWeb(round="r1") as web, WebhookReceiver() as rx:
        cfg = tmp_path / "sources.yaml"
        text = CONFIG.replace("{port}", str(rx.port)).replace("{closed}", str(closed_port()))
        cfg.write_text(web.render_config(text), encoding="utf-8")
        run = Runner(fs, tmp_path, cfg, tmp_path / "state", {**ENV, "MONITOR_DINGTALK_API": rx.base})
        rx.respond(200, {"errcode": 300001, "errmsg": f"token {DING} is not exist"})
        run("check", "--once", expect=(1,))
        rx.down()
        run.state = tmp_path / "state-b"
        run("check", "--once", expect=(1,))
    found = []
    for st in (tmp_path / "state", tmp_path / "state-b"):
        for f in st.iterdir():
            data = f.read_bytes()
            found += [f"{f.name}: {s}" for s in LEAKS if s.encode() in data]
    assert not found, found
