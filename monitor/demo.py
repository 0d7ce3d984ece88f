"""`monitor demo`: the whole pipeline offline, on the bundled replay web, round after round.

A local web server on 127.0.0.x serves versioned snapshots of government and news sites; each round is one
`check --once` against a temporary state. The alerts each round would send are printed as they would read; at the end
the alerts are compared with the story the replay tells (expected changes per round): false alarms and misses.
"""
from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections import Counter
from importlib import resources
from pathlib import Path

from .models import Change

REPLAY = Path(str(resources.files("monitor") / "replay"))


def load_story() -> dict:
    return json.loads((REPLAY / "story.json").read_text(encoding="utf-8"))


def story_rounds(story: dict) -> list[str]:
    rounds = story.get("rounds")
    if isinstance(rounds, dict):
        return sorted(rounds)
    if isinstance(rounds, list):
        return [r["round"] if isinstance(r, dict) else r for r in rounds]
    return sorted(k for k in story if k.startswith("r") and k[1:].isdigit())


def expected_for(story: dict, rnd: str) -> list[dict]:
    rounds = story.get("rounds", story)
    entry = rounds.get(rnd) if isinstance(rounds, dict) else next(
        (r for r in rounds if isinstance(r, dict) and r.get("round") == rnd), None)
    if isinstance(entry, dict):
        return list(entry.get("changes") or entry.get("expected") or [])
    return list(entry or [])


def signature(c: dict | Change) -> tuple:
    d = c.to_json() if isinstance(c, Change) else c
    return (d.get("kind"), d.get("region"), d.get("voucher"), d.get("field"),
            _norm(d.get("old")), _norm(d.get("new")), bool(d.get("confirmed", True)))


def _norm(v):
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, float):
        return round(v, 4)
    return v


class CapturingSender:
    """Records what would be sent, per channel; optionally also sends to a real apprise URL."""

    def __init__(self, notify_url: str | None = None):
        self.sent: list[tuple[str, list[Change]]] = []
        self.notify_url = notify_url

    def __call__(self, channel, changes, *, key):
        from .notify import UrlResult, send
        self.sent.append((channel.id, list(changes)))
        results = [UrlResult(url=u, ok=True, error=None) for u in channel.notify]
        if self.notify_url:
            from dataclasses import replace
            send(replace(channel, notify=(self.notify_url,)), changes, key=key)
        return results


def run_demo(*, notify_url: str | None = None, rounds: list[str] | None = None, out=None,
             keep_state: str | None = None) -> int:
    from .config import parse_config_text
    from .pipeline import Runner
    from .render import render
    from .replay_server import ReplayWeb
    from .store import Store

    out = out or sys.stdout
    tty = hasattr(out, "isatty") and out.isatty()
    story = load_story()
    all_rounds = story_rounds(story)
    rounds = rounds or all_rounds
    template = (REPLAY / "sources.yaml.tmpl").read_text(encoding="utf-8")
    state = keep_state or tempfile.mkdtemp(prefix="monitor-demo-")
    totals = Counter()
    missed_all, false_all, dup_all = [], [], 0
    seen_keys: set[tuple[str, str]] = set()
    try:
        with ReplayWeb(round=rounds[0]) as web:
            text = web.render_config(template, notify="json://127.0.0.1:9/demo")
            config = parse_config_text(text, "<demo sources.yaml>", {})
            store = Store(state)
            sender = CapturingSender(notify_url)
            clock = RoundClock()
            runner = Runner(config, store, sender=sender, clock=clock)
            print(f"monitor demo — {len(config.sources)} sources on {len(web.hosts)} local hosts, "
                  f"{len(config.channels)} channels, state in {state}\n", file=out)
            for rnd in rounds:
                web.set_round(rnd)
                web.reset_stats()
                clock.day = _round_date(story, rnd)
                sender.sent.clear()
                desc = _round_description(story, rnd)
                print(f"━━ round {rnd}" + (f": {desc}" if desc else ""), file=out)

                def progress(r, _n=[0]):
                    _n[0] += 1
                    if tty:
                        print(f"\r  polled {_n[0]}/{len(config.sources)} sources", end="", file=out, flush=True)

                summary = runner.check_once(progress=progress)
                if tty:
                    print("\r" + " " * 40 + "\r", end="", file=out)
                counts = summary.counts()
                for k in ("requests", "not_modified", "changes", "cosmetic", "alerts_sent"):
                    totals[k] += counts[k]
                totals["polls"] += counts["sources"]
                alerted: dict[str, Change] = {}
                for channel_id, changes in sender.sent:
                    for c in changes:
                        if (c.key, channel_id) in seen_keys:
                            dup_all += 1
                        seen_keys.add((c.key, channel_id))
                        alerted.setdefault(c.key, c)
                if alerted:
                    msg = render(list(alerted.values()), "text")
                    print("  " + msg.title, file=out)
                    for line in msg.body.splitlines():
                        print("  │ " + line, file=out)
                else:
                    print("  （无提醒 — no alerts）", file=out)
                for r in summary.failed:
                    print(f"  source failed: {r.source_id} [{r.error_class}] {r.error}", file=out)
                exp = Counter(signature(e) for e in expected_for(story, rnd))
                got = Counter(signature(c) for c in alerted.values())
                missed = list((exp - got).elements())
                false = list((got - exp).elements())
                missed_all += [(rnd, m) for m in missed]
                false_all += [(rnd, f) for f in false]
                print(f"  polls {counts['sources']}, requests {counts['requests']}, 304s {counts['not_modified']}, "
                      f"changes {counts['changes']} (+{counts['cosmetic']} cosmetic), alerts {len(alerted)}, "
                      f"{counts['seconds']:.2f}s; "
                      f"expected {sum(exp.values())}, missed {len(missed)}, false alarms {len(false)}\n", file=out)
            runner.close()
            store.close()
    finally:
        if not keep_state:
            shutil.rmtree(state, ignore_errors=True)
    print("━━ summary", file=out)
    print(f"  polls {totals['polls']}, requests {totals['requests']}, answered 304: {totals['not_modified']}, "
          f"changes {totals['changes']}, cosmetic (never alerted) {totals['cosmetic']}", file=out)
    print(f"  alerts: {sum(1 for _ in seen_keys)} delivered, false alarms {len(false_all)}, missed {len(missed_all)}, "
          f"duplicates {dup_all}", file=out)
    for rnd, m in missed_all:
        print(f"  missed in {rnd}: {m}", file=out)
    for rnd, f in false_all:
        print(f"  false alarm in {rnd}: {f}", file=out)
    return 0 if not missed_all and not false_all and not dup_all else 1


class RoundClock:
    """The demo's clock: each round happens on the date the story gives it (deadlines stay meaningful)."""

    def __init__(self):
        self.day: str | None = None

    def __call__(self) -> str:
        from .pipeline import now_iso
        now = now_iso()
        return f"{self.day}{now[10:]}" if self.day else now


def _round_date(story: dict, rnd: str) -> str | None:
    rounds = story.get("rounds", story)
    entry = rounds.get(rnd) if isinstance(rounds, dict) else None
    return entry.get("date") if isinstance(entry, dict) else None


def _round_description(story: dict, rnd: str) -> str:
    rounds = story.get("rounds", story)
    entry = rounds.get(rnd) if isinstance(rounds, dict) else None
    if isinstance(entry, dict):
        return entry.get("description") or entry.get("title") or ""
    return ""
