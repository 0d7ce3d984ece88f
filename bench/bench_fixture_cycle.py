"""A no-change cycle over the small end-to-end fixture web (tests/e2e_web): time, requests, 304s; median of 5.

Run: .venv/bin/python bench/bench_fixture_cycle.py
"""
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.config import parse_config_text  # noqa: E402
from monitor.demo import CapturingSender  # noqa: E402
from monitor.pipeline import Runner  # noqa: E402
from monitor.replay_server import ReplayWeb  # noqa: E402
from monitor.store import Store  # noqa: E402

CONFIG = (ROOT / "tests" / "test_e2e.py").read_text(encoding="utf-8").split('CONFIG = """')[1].split('"""')[0]
CONFIG = CONFIG.replace("  recheck: 0s\n", "")
CONFIG = CONFIG[:CONFIG.index("  - id: broken")] + CONFIG[CONFIG.index("channels:"):]


def main() -> int:
    out = {}
    for label, extra in (("default (recheck 6h)", ""), ("recheck 0s", "  recheck: 0s\n")):
        times, reqs, n304 = [], [], []
        for _ in range(5):
            with ReplayWeb(ROOT / "tests" / "e2e_web", round="r1") as web:
                text = web.render_config(CONFIG, notify="json://127.0.0.1:9/x").replace("settings:\n",
                                                                                      "settings:\n" + extra)
                with tempfile.TemporaryDirectory() as d:
                    store = Store(d)
                    runner = Runner(parse_config_text(text, "bench", {}), store, sender=CapturingSender())
                    runner.check_once()
                    web.set_round("r2")
                    c = runner.check_once().counts()
                    runner.close()
                    store.close()
            times.append(c["seconds"])
            reqs.append(c["requests"])
            n304.append(c["not_modified"])
        out[label] = {"median_seconds": statistics.median(times), "requests": reqs[0], "answered_304": n304[0]}
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
