"""Dump what extraction gives on every document we have, to check an optimisation changes no result.

    .venv/bin/python bench/extract_snapshot.py /tmp/snap_before.json
    .venv/bin/python bench/extract_snapshot.py /tmp/snap_after.json --diff /tmp/snap_before.json

Covers: extract_bytes of every file under tests/golden, tests/heldout, every tests/heldoutN, tests/attachments, tests/pages,
tests/families and monitor/replay/web (with the _input of its expectation when there is one, and also
with no region, with 上海市 and as a news source); extract_text of the bench pages' parse output;
find_measures / find_amounts / find_shares / find_vouchers / find_regions / find_deadline of every line of
every text document (line by line and as a whole).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from monitor.errors import SourceError  # noqa: E402
from monitor.extract import decode_text, extract_bytes, extract_text  # noqa: E402
from monitor.extract import normalize_text  # noqa: E402
from monitor.extract.dates import find_deadline  # noqa: E402
from monitor.extract.measures import R, find_measures  # noqa: E402
from monitor.extract.numbers import find_amounts, find_shares  # noqa: E402
from monitor.extract.vouchers import find_vouchers  # noqa: E402

DIRS = ["tests/golden", "tests/heldout"] + sorted(
    (str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("heldout[0-9]*") if p.is_dir()),
    key=lambda d: int(d.rsplit("heldout", 1)[1])) + ["tests/attachments", "tests/pages", "tests/families", "monitor/replay/web"]


def _facts(f) -> dict:
    d = f.to_json()
    d["repealed"] = f.repealed
    return d


def _safe(fn, *a, **kw):
    try:
        return _facts(fn(*a, **kw))
    except SourceError as e:
        return {"error": str(e)}


def snapshot() -> dict:
    out: dict = {}
    for d in DIRS:
        for p in sorted((ROOT / d).rglob("*")):
            if not p.is_file():
                continue
            rel = str(p.relative_to(ROOT))
            data = p.read_bytes()
            exp = p.with_suffix(".json")
            inp = {}
            if p.suffix != ".json" and exp.exists():
                try:
                    inp = json.loads(exp.read_text(encoding="utf-8")).get("_input") or {}
                except Exception:  # noqa: BLE001
                    inp = {}
            runs = [(inp.get("region", ""), inp.get("authority", "official")), ("", "official"),
                    ("上海市", "official"), ("广东省/深圳市", "news")]
            for region, auth in dict.fromkeys(runs):
                out[f"bytes|{rel}|{region}|{auth}"] = _safe(extract_bytes, data, url=inp.get("url") or p.name,
                                                             region=region, authority=auth)
            if p.suffix in (".txt", ".html", ".htm", ".shtml"):
                text = normalize_text(decode_text(data))
                lines = [ln for ln in text.split("\n") if ln.strip()][:400]
                pieces = []
                for ln in lines:
                    pieces.append([
                        [tuple(a) for a in find_amounts(ln)],
                        [tuple(s) for s in find_shares(ln)],
                        [tuple(v) for v in find_vouchers(ln)],
                        [(m.start, m.end, m.surface, m.path) for m in R.find_regions(ln, "上海市")],
                        find_deadline(ln, 2025),
                        [m.to_json() for m in find_measures(ln, doc_region="浙江省/杭州市", year=2025)],
                    ])
                out[f"lines|{rel}"] = pieces
                out[f"measures|{rel}"] = [m.to_json() for m in find_measures(text, doc_region="北京市", year=2025,
                                                                               title="算力券")]
    import bench_extract
    from monitor.extract.page import parse_page
    for i, page in enumerate(bench_extract.pages()):
        p = parse_page(page)
        out[f"bench|{i}"] = _facts(extract_text(p.text, title=p.title, published=p.published, meta=p.meta,
                                                region="上海市"))
    return out


def _freeze_pages(path: str) -> None:
    """page.parse_page results read from (or first written to) a pickle: another change to page.py or
    normalize.py then does not show up as a difference of the semantic half."""
    import hashlib
    import pickle
    from monitor.extract import page as page_mod
    cache_file = Path(path)
    cache = pickle.loads(cache_file.read_bytes()) if cache_file.exists() else {}
    real = page_mod.parse_page

    def parse_page(html, *a, **kw):
        key = hashlib.sha1(repr((html, a, sorted(kw.items()))).encode("utf-8", "surrogatepass")).hexdigest()
        if key not in cache:
            cache[key] = real(html, *a, **kw)
        return cache[key]

    page_mod.parse_page = parse_page
    import atexit
    atexit.register(lambda: cache_file.write_bytes(pickle.dumps(cache)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--diff")
    ap.add_argument("--freeze-pages", help="pickle of parse_page results (written on first use)")
    a = ap.parse_args(argv)
    if a.freeze_pages:
        _freeze_pages(a.freeze_pages)
    snap = json.loads(json.dumps(snapshot(), ensure_ascii=False, default=list))
    Path(a.out).write_text(json.dumps(snap, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(snap)} entries → {a.out}")
    if a.diff:
        old = json.loads(Path(a.diff).read_text(encoding="utf-8"))
        bad = [k for k in sorted(set(old) | set(snap)) if old.get(k) != snap.get(k)]
        for k in bad[:20]:
            print("DIFF", k, "\n  was", json.dumps(old.get(k), ensure_ascii=False)[:600],
                  "\n  now", json.dumps(snap.get(k), ensure_ascii=False)[:600])
        print(f"{len(bad)} differences")
        return 1 if bad else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
