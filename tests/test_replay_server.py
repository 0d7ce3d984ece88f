"""The replay web: loopback origins per host, round overlays, conditional GET, 404 for gone, charsets, stats.

Small webs are built in tmp_path with the same layout as the bundled one; the bundled web is checked for shape.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from monitor.replay_server import DEFAULT_ROOT, ReplayWeb

ROOT = Path(__file__).resolve().parent.parent
GBK_PAGE = '<html><head><meta charset="gb2312"><title>东莞市算力券</title></head><body>算力券申领</body></html>'


def write(root: Path, rel: str, data: bytes | str) -> None:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


@pytest.fixture
def small_web(tmp_path):
    root = tmp_path / "web"
    write(root, "r1/a.gov.cn/tzgg/index.html", '<ul><li><a href="./202605/t20260512_1.html">一</a></li></ul>'
                                               '<a href="http://b.news.cn/x.html">b</a>')
    write(root, "r1/a.gov.cn/tzgg/202605/t20260512_1.html", "<p>第一篇</p>")
    write(root, "r1/a.gov.cn/old/gone.html", "<p>将被撤回</p>")
    write(root, "r1/b.news.cn/api/list.json", b"\xef\xbb\xbf" + json.dumps([{"TITLE": "标题"}]).encode())
    write(root, "r1/b.news.cn/legacy/page.html", GBK_PAGE.encode("gbk"))
    write(root, "r1/b.news.cn/old.gbk.html", GBK_PAGE.encode("gbk"))
    write(root, "r1/b.news.cn/feed.xml", '<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>')
    write(root, "r1/_nocharset.txt", "b.news.cn/legacy/page.html\n")
    write(root, "r2/a.gov.cn/tzgg/index.html", '<ul><li><a href="./202606/t20260601_2.html">二</a></li></ul>')
    write(root, "r2/a.gov.cn/tzgg/202606/t20260601_2.html", "<p>第二篇</p>")
    write(root, "r3/_gone.txt", "# withdrawn\na.gov.cn/old/gone.html\n")
    write(root, "r3/_date.txt", "2026-11-20T09:00:00+08:00\n")
    with ReplayWeb(root, round="r1", first=40) as web:
        yield web


def get(web, host, path, **headers):
    return requests.get(web.origin(host) + path, headers=headers, timeout=5)


def test_origins_on_distinct_loopback_addresses(small_web):
    web = small_web
    assert web.hosts == ["a.gov.cn", "b.news.cn"]
    origins = web.origins()
    ips = {re.match(r"http://([\d.]+):\d+$", o).group(1) for o in origins.values()}
    assert ips == {"127.0.0.40", "127.0.0.41"}
    assert get(web, "a.gov.cn", "/tzgg/").status_code == 200
    # each host answers only its own files
    assert get(web, "b.news.cn", "/tzgg/").status_code == 404
    with pytest.raises(KeyError):
        web.origin("nowhere.gov.cn")


def test_rounds_overlay_and_switch(small_web):
    web = small_web
    assert "202605/t20260512_1.html" in get(web, "a.gov.cn", "/tzgg/index.html").text
    assert get(web, "a.gov.cn", "/tzgg/202606/t20260601_2.html").status_code == 404
    web.set_round("r2")
    assert "202606/t20260601_2.html" in get(web, "a.gov.cn", "/tzgg/").text
    # files of earlier rounds stay served unless overridden
    assert get(web, "a.gov.cn", "/tzgg/202605/t20260512_1.html").text == "<p>第一篇</p>"
    assert get(web, "a.gov.cn", "/tzgg/202606/t20260601_2.html").text == "<p>第二篇</p>"
    web.set_round("r1")
    assert get(web, "a.gov.cn", "/tzgg/202606/t20260601_2.html").status_code == 404
    with pytest.raises(ValueError):
        web.set_round("r9")


def test_gone_answers_404_from_its_round_on(small_web):
    web = small_web
    web.set_round("r2")
    assert get(web, "a.gov.cn", "/old/gone.html").status_code == 200
    web.set_round("r3")
    r = get(web, "a.gov.cn", "/old/gone.html")
    assert r.status_code == 404
    assert requests.head(web.origin("a.gov.cn") + "/old/gone.html", timeout=5).status_code == 404


def test_conditional_get_with_etag(small_web):
    web = small_web
    r = get(web, "a.gov.cn", "/tzgg/")
    etag = r.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    r2 = get(web, "a.gov.cn", "/tzgg/", **{"If-None-Match": etag})
    assert r2.status_code == 304 and r2.content == b""
    assert get(web, "a.gov.cn", "/tzgg/", **{"If-None-Match": '"other"'}).status_code == 200
    web.set_round("r2")   # the list changed: the old ETag no longer matches
    r3 = get(web, "a.gov.cn", "/tzgg/", **{"If-None-Match": etag})
    assert r3.status_code == 200 and r3.headers["ETag"] != etag


def test_conditional_get_with_last_modified(small_web):
    web = small_web
    r = get(web, "a.gov.cn", "/tzgg/202605/t20260512_1.html")
    lm = r.headers["Last-Modified"]
    assert lm.endswith("GMT")
    assert get(web, "a.gov.cn", "/tzgg/202605/t20260512_1.html", **{"If-Modified-Since": lm}).status_code == 304
    assert get(web, "a.gov.cn", "/tzgg/202605/t20260512_1.html",
               **{"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"}).status_code == 200
    # Last-Modified is fixed per round, not the file's mtime: a later round's file is newer
    web.set_round("r2")
    lm2 = get(web, "a.gov.cn", "/tzgg/").headers["Last-Modified"]
    assert get(web, "a.gov.cn", "/tzgg/", **{"If-Modified-Since": lm}).status_code == 200
    assert lm2 != lm
    # and an unchanged file keeps its date across rounds
    assert get(web, "a.gov.cn", "/tzgg/202605/t20260512_1.html").headers["Last-Modified"] == lm


def test_round_date_file(small_web):
    web = small_web
    web.set_round("r3")
    write(web.root, "r3/a.gov.cn/new.html", "<p>x</p>")
    web.set_round("r3")
    assert get(web, "a.gov.cn", "/new.html").headers["Last-Modified"] == "Fri, 20 Nov 2026 01:00:00 GMT"


def test_content_types_gbk_without_charset_and_bom_json(small_web):
    web = small_web
    html = get(web, "a.gov.cn", "/tzgg/")
    assert html.headers["Content-Type"] == "text/html; charset=utf-8"
    for path in ("/legacy/page.html", "/old.gbk.html"):
        r = get(web, "b.news.cn", path)
        assert r.headers["Content-Type"] == "text/html"
        assert r.content == GBK_PAGE.encode("gbk")     # bytes intact, GBK-encoded
    j = get(web, "b.news.cn", "/api/list.json?page=1&x=2")   # query strings are ignored
    assert j.headers["Content-Type"] == "application/json"
    assert j.content.startswith(b"\xef\xbb\xbf")
    assert json.loads(j.content.decode("utf-8-sig")) == [{"TITLE": "标题"}]
    assert get(web, "b.news.cn", "/feed.xml").headers["Content-Type"] == "application/rss+xml"


def test_head_has_headers_and_no_body(small_web):
    web = small_web
    r = requests.head(web.origin("a.gov.cn") + "/tzgg/", timeout=5)
    assert r.status_code == 200 and r.content == b""
    assert int(r.headers["Content-Length"]) == len(get(web, "a.gov.cn", "/tzgg/").content)


def test_absolute_links_to_served_hosts_are_rewritten(small_web):
    web = small_web
    body = get(web, "a.gov.cn", "/tzgg/").text
    assert web.origin("b.news.cn") + "/x.html" in body
    assert "http://b.news.cn" not in body


def test_stats_counted_per_host(small_web):
    web = small_web
    web.reset_stats()
    etag = get(web, "a.gov.cn", "/tzgg/").headers["ETag"]
    get(web, "a.gov.cn", "/tzgg/", **{"If-None-Match": etag})
    get(web, "a.gov.cn", "/missing.html")
    get(web, "b.news.cn", "/feed.xml")
    assert web.stats["a.gov.cn"] == {"requests": 3, "200": 1, "304": 1, "404": 1}
    assert web.stats["b.news.cn"] == {"requests": 1, "200": 1, "304": 0, "404": 0}
    assert web.totals() == {"requests": 4, "200": 2, "304": 1, "404": 1}
    web.reset_stats()
    assert web.totals()["requests"] == 0


def test_render_config_fills_hosts_and_values(small_web):
    web = small_web
    tmpl = ('url: "{host:a.gov.cn}/tzgg/"\nnotify: ["{notify}"]\nfields: {title: TITLE, url: URL}\n'
            'keep: "{unknown}"\n')
    out = web.render_config(tmpl, notify="json://127.0.0.1:9/x")
    assert f'url: "{web.origin("a.gov.cn")}/tzgg/"' in out
    assert 'notify: ["json://127.0.0.1:9/x"]' in out
    assert "fields: {title: TITLE, url: URL}" in out and '"{unknown}"' in out


def test_stop_frees_the_addresses(tmp_path):
    root = tmp_path / "w"
    write(root, "r1/x.gov.cn/index.html", "<p>x</p>")
    web = ReplayWeb(root, first=60).start()
    origin = web.origin("x.gov.cn")
    assert requests.get(origin + "/", timeout=5).status_code == 200
    web.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(origin + "/", timeout=2)


# ---------------------------------------------------------------- the bundled web

def test_bundled_web_shape():
    with ReplayWeb(round="r1") as web:
        assert web.rounds[:4] == ["r1", "r2", "r3", "r4"]
        assert len(web.hosts) >= 8
        story = json.loads((DEFAULT_ROOT.parent / "story.json").read_text(encoding="utf-8"))
        assert set(story["rounds"]) == set(web.rounds)
        tmpl = (DEFAULT_ROOT.parent / "sources.yaml.tmpl").read_text(encoding="utf-8")
        text = web.render_config(tmpl, notify="json://127.0.0.1:9/x")
        assert "{host:" not in text and "{notify}" not in text
        # every source URL answers 200 in every round
        urls = re.findall(r'url:\s*"(http://127\.0\.0\.\d+:\d+[^"]*)"', text)
        assert len(urls) >= 8
        for rnd in web.rounds:
            web.set_round(rnd)
            for u in urls:
                assert requests.get(u, timeout=5).status_code == 200, (rnd, u)
        web.set_round("r1")
        gov = requests.get(web.origin("www.gov.cn") + "/zhengce/zuixin/ZUIXINZHENGCE.json", timeout=5)
        assert gov.content.startswith(b"\xef\xbb\xbf")
        json.loads(gov.content.decode("utf-8-sig"))


def test_bundled_story_pages_exist():
    """Every page the story names as changed exists (or is gone) in its round."""
    story = json.loads((DEFAULT_ROOT.parent / "story.json").read_text(encoding="utf-8"))
    with ReplayWeb(round="r1") as web:
        for rnd, entry in story["rounds"].items():
            web.set_round(rnd)
            for page in entry.get("pages", []):
                host, _, path = page["url"].partition("/")
                r = requests.get(web.origin(host) + "/" + path, timeout=5)
                assert r.status_code == (404 if page.get("change") == "gone" else 200), (rnd, page)


def test_command_line_prints_origins(tmp_path):
    root = tmp_path / "w"
    write(root, "r1/x.gov.cn/index.html", "<p>x</p>")
    p = subprocess.Popen([sys.executable, "-m", "monitor.replay_server", "--root", str(root), "--first", "70"],
                         cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            line = p.stdout.readline()
            lines.append(line)
            if "Ctrl-C" in line or not line:
                break
        out = "".join(lines)
        m = re.search(r"x\.gov\.cn\s+(http://127\.0\.0\.70:\d+)", out)
        assert m, out
        assert requests.get(m.group(1) + "/", timeout=5).text == "<p>x</p>"
    finally:
        p.terminate()
        p.wait(timeout=10)


def test_bundled_web_is_what_build_makes(tmp_path):
    """The committed snapshot and story are exactly what monitor/replay/build.py writes (no hand edits drift)."""
    from monitor.replay import build
    build.build(tmp_path / "web")
    made = {p.relative_to(tmp_path / "web").as_posix(): p.read_bytes()
            for p in (tmp_path / "web").rglob("*") if p.is_file()}
    shipped = {p.relative_to(DEFAULT_ROOT).as_posix(): p.read_bytes() for p in DEFAULT_ROOT.rglob("*") if p.is_file()}
    assert made.keys() == shipped.keys()
    assert [k for k in made if made[k] != shipped[k]] == []
    story = json.loads((DEFAULT_ROOT.parent / "story.json").read_text(encoding="utf-8"))
    assert build.make_story() == story


def test_bundled_gbk_pages_and_withdrawal():
    with ReplayWeb(round="r3") as web:
        r = requests.get(web.origin("dgjxj.dg.gov.cn") + "/zwgk/tzgg/content/post_4468302.html", timeout=5)
        assert r.headers["Content-Type"] == "text/html"
        assert b'charset="gb2312"' in r.content[:200]
        text = r.content.decode("gbk")
        assert "东莞市算力券实施细则" in text and "5000万元" in text
        with pytest.raises(UnicodeDecodeError):
            r.content.decode("utf-8")
        wuhu = web.origin("www.wuhu.gov.cn") + "/openness/public/6596211/47512345.html"
        assert requests.get(wuhu, timeout=5).status_code == 200
        for rnd in ("r4", "r5", "r6"):
            web.set_round(rnd)
            assert requests.get(wuhu, timeout=5).status_code == 404
        feed = requests.get(web.origin("www.wuhu.gov.cn") + "/rss/rss.xml?siteId=6787231", timeout=5).text
        assert "47512345" not in feed and "10:31:08.0" not in feed and "01:39:11.0" in feed
        gd = requests.get(web.origin("www.gd.gov.cn") + "/gkmlpt/api/all/5?page=1&sid=2", timeout=5).json()
        assert [a["is_abolished"] for a in gd["articles"]] == [False, True, False]
        # links inside the JSON point back at the replay host
        assert all(a["url"].startswith(web.origin("www.gd.gov.cn") + "/gkmlpt/content/") for a in gd["articles"])
