"""fetch.py and linkpolicy.py against a real hostile server on 127.0.0.1 (tests/hostile.py). No mocks."""
from __future__ import annotations

import gc
import http.server
import shutil
import ssl
import subprocess
import sys
import threading
import tracemalloc
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile import HostileServer, refused_port  # noqa: E402

from monitor.errors import FetchError  # noqa: E402
from monitor.fetch import Fetcher, decode, detect_challenge, retry_after, soft_error  # noqa: E402
from monitor.linkpolicy import allowed  # noqa: E402
from monitor.models import Settings, Source  # noqa: E402
from monitor.sources import KINDS  # noqa: E402

pytestmark = pytest.mark.timeout(30)
MB = 1024 * 1024


@pytest.fixture(scope="module")
def srv():
    with HostileServer() as s:
        yield s


@pytest.fixture(scope="module")
def srv2():
    with HostileServer() as s:
        yield s


@pytest.fixture()
def fetcher():
    f = Fetcher(Settings(host_delay=0, timeout=5, fetch_deadline=2, max_bytes=1 * MB, concurrency=8))
    yield f
    f.close()


def src(url: str, **kw) -> Source:
    return Source(id="t", name="t", region="广东省/深圳市", kind=kw.pop("kind", "html"), url=url, **kw)


def fails(f: Fetcher, url: str, **kw) -> FetchError:
    with pytest.raises(FetchError) as ei:
        f.fetch(url, **kw)
    return ei.value


# ---------------------------------------------------------------- plain success, identity

def test_ok_and_user_agent(srv, fetcher):
    r = fetcher.fetch(srv.url("/ok"))
    assert r.status == 200 and r.encoding == "utf-8" and "算力券" in r.text
    assert r.final_url == r.url == srv.url("/ok")
    ua = fetcher.fetch(srv.url("/ua")).text
    assert ua.startswith("monitor/")


def test_gzip_sent_is_decoded(srv, fetcher):
    r = fetcher.fetch(srv.url("/gzip-ok"))
    assert "算力券" in r.text


def test_unknown_content_encoding_is_an_error_not_garbage(srv, fetcher):
    e = fails(fetcher, srv.url("/brotli"))
    assert e.klass == "http" and "br" in str(e)


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "file:///etc/passwd", "javascript:alert(1)", "", "http://",
                                 "http://[::1", "http://exa mple.com/", "http://a..b/", "http://" + "a" * 300 + ".cn/"])
def test_refused_urls(fetcher, url):
    assert fails(fetcher, url).klass == "refused_url"


# ---------------------------------------------------------------- network faults

def test_connection_refused(fetcher):
    assert fails(fetcher, f"http://127.0.0.1:{refused_port()}/").klass == "connect"


def test_dns_failure(fetcher):
    assert fails(fetcher, "http://no-such-host.invalid/").klass == "dns"


def test_drip_fails_at_the_deadline(srv, fetcher):
    e = fails(fetcher, srv.url("/drip"))
    assert e.klass == "timeout" and "deadline" in str(e)


def test_drip_of_headers_fails_at_the_deadline_too(srv, fetcher):
    e = fails(fetcher, srv.url("/drip-headers"))
    assert e.klass == "timeout" and "deadline" in str(e)
    assert "算力券" in fetcher.fetch(srv.url("/ok")).text          # the pool still works afterwards


@pytest.mark.parametrize("path", ["/big", "/big-nolen", "/gzipbomb", "/gzipbomb?nolen=1"])
def test_body_cap_bounded_memory(srv, path):
    from hostile import gzip_bomb
    gzip_bomb()                                   # built before measuring
    f = Fetcher(Settings(host_delay=0, timeout=5, fetch_deadline=20, max_bytes=1 * MB))
    gc.collect()
    tracemalloc.start()
    try:
        e = fails(f, srv.url(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        f.close()
    assert e.klass == "too_large"
    assert peak < 12 * MB, f"peak {peak / MB:.1f} MB for a 1 MB cap"


def test_truncated_body_is_an_error_truncated_html_is_not(srv, fetcher):
    assert fails(fetcher, srv.url("/truncated")).klass == "connect"
    r = fetcher.fetch(srv.url("/truncated-html"))
    assert r.status == 200 and "深圳市" in r.text
    KINDS["page"].document(src(srv.url("/")), r)      # a cut-off page still parses


# ---------------------------------------------------------------- redirects

@pytest.mark.parametrize("path", ["/loop", "/loop-a", "/chain"])
def test_redirect_loops_and_chains(srv, fetcher, path):
    assert fails(fetcher, srv.url(path)).klass == "redirect"


@pytest.mark.parametrize("path", ["/to-ftp", "/to-file"])
def test_redirect_to_other_schemes_refused(srv, fetcher, path):
    e = fails(fetcher, srv.url(path))
    assert e.klass == "redirect" and "scheme" in str(e)


@pytest.mark.parametrize("to", ["http://[::1", "javascript:alert(1)", "//[bad"])
def test_malformed_or_odd_locations(srv, fetcher, to):
    from urllib.parse import quote
    assert fails(fetcher, srv.url("/redirect?to=" + quote(to, safe=""))).klass in ("redirect", "refused_url")


def test_redirect_to_itself_with_cookie_is_followed(srv, fetcher):
    assert "算力券" in fetcher.fetch(srv.url("/cookie-redirect")).text


def test_redirect_hops_checked_by_link_policy(srv, srv2, fetcher):
    target = srv2.url("/ok", host="localhost")
    s = src(srv.url("/"))
    e = fails(fetcher, srv.url(f"/redirect?to={target}"), source=s)
    assert e.klass == "redirect" and "localhost" in str(e)
    ok = fetcher.fetch(srv.url(f"/redirect?to={target}"), source=src(srv.url("/"), follow_hosts=("localhost",)))
    assert ok.final_url == target and "算力券" in ok.text


# ---------------------------------------------------------------- statuses

@pytest.mark.parametrize("path,status,ra", [("/status/500", 500, None), ("/status/503?ra=120", 503, 120.0),
                                            ("/status/429?ra=7", 429, 7.0), ("/status/403", 403, None)])
def test_http_errors(srv, fetcher, path, status, ra):
    e = fails(fetcher, srv.url(path))
    assert (e.klass, e.status, e.retry_after) == ("http", status, ra)


def test_retry_after_http_date(srv, fetcher):
    e = fails(fetcher, srv.url("/status/503?ra=Wed, 21 Oct 2037 07:28:00 GMT"))
    assert e.klass == "http" and e.retry_after > 86400
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0 and retry_after("garbage") is None


@pytest.mark.parametrize("path", ["/nothing", "/status/410"])
def test_gone(srv, fetcher, path):
    assert fails(fetcher, srv.url(path)).klass == "gone"


@pytest.mark.parametrize("path,name", [("/ruishu", "瑞数"), ("/ruishu?status=202", "瑞数"), ("/ruishu200", "瑞数"),
                                       ("/jsl", "加速乐"), ("/wzws", "WZWS")])
def test_challenges_are_antibot_never_content_nor_gone(srv, fetcher, path, name):
    e = fails(fetcher, srv.url(path))
    assert e.klass == "antibot" and name in str(e)


@pytest.mark.parametrize("path,why", [("/soft404", "soft 404 page"), ("/login", "login page")])
def test_soft_404_and_login_are_http_not_gone(srv, fetcher, path, why):
    e = fails(fetcher, srv.url(path))
    assert (e.klass, e.status, str(e)) == ("http", 200, why)


def test_empty_and_binary_bodies(srv, fetcher):
    r = fetcher.fetch(srv.url("/empty"))
    assert r.status == 200 and r.body == b"" and r.text == ""
    b = fetcher.fetch(srv.url("/binary"))
    assert b.text is None and len(b.body) == 4096
    for kind in ("html", "rss", "json"):
        from monitor.errors import SourceError
        with pytest.raises(SourceError) as ei:
            KINDS[kind].items(src(srv.url("/"), kind=kind), b)
        assert ei.value.klass == "parse"
        with pytest.raises(SourceError):
            KINDS[kind].items(src(srv.url("/"), kind=kind), r)


# ---------------------------------------------------------------- charsets over the wire

@pytest.mark.parametrize("path,enc", [("/latin1-lie", "utf-8"), ("/gbk-meta", "gb18030"), ("/gbk-none", "gb18030")])
def test_charsets(srv, fetcher, path, enc):
    r = fetcher.fetch(srv.url(path))
    assert r.encoding == enc and "人工智能算力券" in r.text and "\ufffd" not in r.text


# ---------------------------------------------------------------- conditional GET

def test_etag_last_modified_round_trip(srv, fetcher):
    r = fetcher.fetch(srv.url("/etag"))
    assert r.status == 200 and r.etag == '"v1-abc"' and r.last_modified
    again = fetcher.fetch(srv.url("/etag?tag=cond"), etag=r.etag, last_modified=r.last_modified)
    assert again.status == 304 and again.not_modified and again.body == b"" and again.etag == r.etag
    sent = srv.entries("/etag", "tag=cond", 1)[0]["headers"]
    assert sent.get("If-None-Match") == '"v1-abc"' and sent.get("If-Modified-Since") == r.last_modified
    only_lm = fetcher.fetch(srv.url("/etag"), last_modified=r.last_modified)
    assert only_lm.status == 304 and only_lm.last_modified == r.last_modified


# ---------------------------------------------------------------- politeness

def _run_parallel(f: Fetcher, urls: list[str]) -> None:
    errors = []

    def go(u):
        try:
            f.fetch(u)
        except Exception as e:  # noqa: BLE001
            errors.append(e)
    threads = [threading.Thread(target=go, args=(u,)) for u in urls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


def test_one_host_serialised_two_hosts_concurrent(srv, srv2):
    f = Fetcher(Settings(host_delay=0, timeout=5, fetch_deadline=10, concurrency=8))
    try:
        _run_parallel(f, [srv.url(f"/slow?t=0.3&tag=same{i}") for i in range(3)])
        spans = srv.entries("/slow", "tag=same", 3)
        assert len(spans) == 3
        for a, b in zip(spans, spans[1:]):
            assert b["start"] >= a["end"], "two requests to one host overlapped"
        _run_parallel(f, [srv.url("/slow?t=0.5&tag=two"), srv2.url("/slow?t=0.5&tag=two")])
        (a,), (b,) = srv.entries("/slow", "tag=two", 1), srv2.entries("/slow", "tag=two", 1)
        assert a["start"] < b["end"] and b["start"] < a["end"], "two hosts did not proceed concurrently"
    finally:
        f.close()


def test_time_queued_for_a_host_does_not_count_against_the_deadline(srv):
    f = Fetcher(Settings(host_delay=0, timeout=5, fetch_deadline=1.5, concurrency=8))
    try:
        _run_parallel(f, [srv.url(f"/slow?t=0.9&tag=queued{i}") for i in range(2)])   # ~1.8 s for the second
    finally:
        f.close()


def test_host_delay_and_concurrency_bound(srv, srv2):
    f = Fetcher(Settings(host_delay=0.3, timeout=5, fetch_deadline=10, concurrency=1))
    try:
        f.fetch(srv.url("/slow?t=0&tag=delay1"))
        f.fetch(srv.url("/slow?t=0&tag=delay2"))
        a, b = srv.entries("/slow", "tag=delay", 2)
        assert b["start"] - a["end"] >= 0.25, "host_delay not kept between two requests to one host"
        _run_parallel(f, [srv.url("/slow?t=0.3&tag=bound"), srv2.url("/slow?t=0.3&tag=bound")])
        (x,), (y,) = srv.entries("/slow", "tag=bound", 1), srv2.entries("/slow", "tag=bound", 1)
        assert x["start"] >= y["end"] or y["start"] >= x["end"], "concurrency=1 let two requests overlap"
    finally:
        f.close()


# ---------------------------------------------------------------- TLS (a self-signed local server)

@pytest.fixture(scope="module")
def certs(tmp_path_factory):
    if not shutil.which("openssl"):
        pytest.skip("openssl not available")
    d = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                    "/CN=127.0.0.1", "-keyout", str(d / "k.pem"), "-out", str(d / "c.pem")],
                   check=True, capture_output=True)
    return d


def _serve_tls(d: Path, old: bool):
    class H(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = "<html><body>安全连接上的算力券通知正文内容</body></html>".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    if old:                                   # an old government server: TLS 1.0 only, weak ciphers allowed
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
            ctx.minimum_version = ctx.maximum_version = ssl.TLSVersion.TLSv1
    ctx.load_cert_chain(d / "c.pem", d / "k.pem")
    httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
    httpd.handle_error = lambda *a: None
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"https://127.0.0.1:{httpd.server_address[1]}/"


@pytest.fixture(scope="module")
def tls_server(certs):
    httpd, url = _serve_tls(certs, old=False)
    yield url
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def old_tls_server(certs):
    httpd, url = _serve_tls(certs, old=True)
    yield url
    httpd.shutdown()
    httpd.server_close()


def test_tls_self_signed(tls_server, fetcher):
    assert fails(fetcher, tls_server, source=src(tls_server)).klass == "tls"
    r = fetcher.fetch(tls_server, source=src(tls_server, verify=False))
    assert "算力券" in r.text
    r = fetcher.fetch(tls_server, source=src(tls_server, verify=False, tls="legacy"))
    assert "算力券" in r.text


def test_tls_legacy_reaches_an_old_server(old_tls_server, fetcher):
    strict = fails(fetcher, old_tls_server, source=src(old_tls_server, verify=False))
    assert strict.klass == "tls"
    r = fetcher.fetch(old_tls_server, source=src(old_tls_server, verify=False, tls="legacy"))
    assert "算力券" in r.text


# ---------------------------------------------------------------- pure parts

@pytest.mark.parametrize("body,headers,enc,needle", [
    ("\ufeff中文算力券".encode("utf-8"), {}, "utf-8", "中文算力券"),
    ("中文算力券".encode("utf-16"), {}, "utf-16-le", "中文算力券"),
    ("<meta charset=gbk><p>中文算力券</p>".encode("gbk"), {}, "gb18030", "中文算力券"),
    ("<meta http-equiv='Content-Type' content='text/html; charset=GB2312'><p>中文算力券</p>".encode("gbk"),
     {"Content-Type": "text/html; charset=utf-8"}, "gb18030", "中文算力券"),
    ("<p>中文算力券</p>".encode("utf-8"), {"Content-Type": "text/html; charset=ISO-8859-1"}, "utf-8", "中文算力券"),
    ("<p>中文算力券</p>".encode("utf-8"), {"Content-Type": "text/html; charset=gbk"}, "utf-8", "中文算力券"),
    ("<p>中文算力券</p>".encode("gbk"), {"Content-Type": "text/html"}, "gb18030", "中文算力券"),
    ("<p>中文算力券</p>".encode("gb18030"), {"Content-Type": "text/html; charset=latin1"}, "gb18030", "中文算力券"),
    ('<?xml version="1.0" encoding="gb2312"?><rss>中文算力券</rss>'.encode("gbk"), {}, "gb18030", "中文算力券"),
])
def test_decode_table(body, headers, enc, needle):
    text, got = decode(body, headers)
    assert got == enc and needle in text


@pytest.mark.parametrize("body,headers", [
    (b"%PDF-1.7\n...", {"Content-Type": "text/html"}), (b"\x89PNG\r\n\x1a\n....", {}),
    (b"<html>\x00\x00\x00\x01", {}), (b"GIF89a....", {"Content-Type": "text/html"}),
    (b"anything", {"Content-Type": "image/jpeg"}),
])
def test_decode_binary_is_none(body, headers):
    assert decode(body, headers) == (None, None)


def test_decode_judges_generic_types_by_their_bytes():
    text, enc = decode("<html><p>算力券</p></html>".encode(), {"Content-Type": "application/octet-stream"})
    assert enc == "utf-8" and "算力券" in text
    assert decode(b"\x00\x01\x02garbage" * 20, {"Content-Type": "application/octet-stream"}) == (None, None)


def test_decode_never_silent_latin1():
    text, enc = decode(b"<p>\x81\xff broken \xfe\xfd</p>", {"Content-Type": "text/html; charset=iso-8859-1"})
    assert enc in ("utf-8", "gb18030") and "ÿ" not in text


@pytest.mark.parametrize("status,headers,body,name", [
    (412, {}, b"<script>var $_ts=window['$_ts'];</script>", "瑞数"),
    (200, {}, b"<meta content='x' r='m'><script>$_ts.cd='a'</script>", "瑞数"),
    (521, {}, b"<script>document.cookie='__jsl_clearance=1'</script>", "加速乐"),
    (403, {}, b"<script>var wzws_cid='1'</script>", "WZWS"),
    (200, {"Set-Cookie": "wzws_cid=abc"}, b"<html></html>", "WZWS"),
    (403, {"Server": "Safedog"}, b"<html>blocked</html>", "安全狗"),
    (200, {}, "<html>云锁 yunsuo_session_verify</html>".encode(), "云锁"),
    (200, {}, b"<html><body>" + "正文".encode() * 20000 + "安全狗".encode() + b"</body></html>", None),
    (200, {}, "<html><p>普通页面 $_ts 变量</p></html>".encode(), None),
    (404, {}, b"<html>Not Found</html>", None),
    (200, {"Set-Cookie": "__jsluid_h=abc; path=/"}, ("<html><body>" + "<p>关于发放算力券的通知正文。</p>" * 40
                                                     + "</body></html>").encode(), None),
])
def test_detect_challenge_table(status, headers, body, name):
    assert detect_challenge(status, headers, body) == name


def test_soft_error_only_for_tiny_pages():
    assert soft_error("<html><body>404 Not Found</body></html>") == "soft 404 page"
    long = "<html><body>" + "<p>关于算力券的通知正文。</p>" * 200 + "页面不存在</body></html>"
    assert soft_error(long) is None


# ---------------------------------------------------------------- link policy

PUB = src("https://gxj.sz.gov.cn/tzgg/", follow_hosts=("*.sz.gov.cn", "www.gd.gov.cn", "10.0.0.1"))
LOOP = src("http://127.0.0.1:8080/list/")


@pytest.mark.parametrize("url,source,allow_private,ok", [
    ("https://gxj.sz.gov.cn/a/t20250512_1.html", PUB, False, True),
    ("http://gxj.sz.gov.cn:8080/a.html", PUB, False, True),
    ("https://GXJ.SZ.GOV.CN./a.html", PUB, False, True),
    ("https://stic.sz.gov.cn/a.html", PUB, False, True),             # wildcard
    ("https://sz.gov.cn/a.html", PUB, False, True),
    ("https://evil-sz.gov.cn/a.html", PUB, False, False),
    ("https://sz.gov.cn.evil.com/a.html", PUB, False, False),
    ("https://www.gd.gov.cn/x.html", PUB, False, True),
    ("https://gd.gov.cn/x.html", PUB, False, False),
    ("https://mp.weixin.qq.com/s/abc", PUB, False, False),
    ("file:///etc/passwd", PUB, False, False),
    ("javascript:alert(1)", PUB, False, False),
    ("ftp://gxj.sz.gov.cn/x", PUB, False, False),
    ("http://127.0.0.1/x", PUB, False, False),
    ("http://10.0.0.1/x", PUB, False, False),                       # listed, but private
    ("http://10.0.0.1/x", PUB, True, True),
    ("http://[::1]/x", src("https://a.gov.cn/", follow_hosts=("::1",)), False, False),
    ("http://127.1/x", src("https://a.gov.cn/", follow_hosts=("127.1",)), False, False),
    ("http://localhost/x", src("https://a.gov.cn/", follow_hosts=("localhost",)), False, False),
    ("http://169.254.169.254/latest/", src("https://a.gov.cn/", follow_hosts=("169.254.169.254",)), False, False),
    ("http://127.0.0.1:8080/list/a.html", LOOP, False, True),       # the source itself is on loopback
    ("http://127.0.0.1:9999/other.html", LOOP, False, True),
    ("http://10.1.1.1/x", LOOP, False, False),                       # another host
    ("https://gxj.sz.gov.cn@evil.example/a.html", PUB, False, False),  # userinfo is not the host
    ("http://[::ffff:127.0.0.1]/x", src("https://a.gov.cn/", follow_hosts=("::ffff:127.0.0.1",)), False, False),
])
def test_link_policy_table(url, source, allow_private, ok):
    why = allowed(url, source, allow_private=allow_private)
    assert (why is None) == ok, why


# ---------------------------------------------------------------- bounded inflater

@pytest.mark.parametrize("step", [1, 7, 4096, 10 ** 9])
def test_inflater_multi_member_and_any_chunking(step):
    import gzip
    from monitor.fetch import _Inflater
    data = gzip.compress("算力券".encode() * 50000) + gzip.compress(b"end")
    inf = _Inflater("gzip", 10 ** 7)
    for i in range(0, len(data), step):
        inf.feed(data[i:i + step])
    assert inf.finish() == "算力券".encode() * 50000 + b"end"


def test_inflater_deflate_variants_and_mislabelled_plain():
    import zlib
    from monitor.fetch import _Inflater, _TooLarge
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    for enc, body, want in [("deflate", raw.compress(b"abc" * 999) + raw.flush(), b"abc" * 999),
                            ("deflate", zlib.compress(b"xyz" * 999), b"xyz" * 999),
                            ("gzip", b"<html>plain</html>", b"<html>plain</html>")]:
        inf = _Inflater(enc, 10 ** 6)
        inf.feed(body)
        assert inf.finish() == want
    inf = _Inflater("gzip", 1000)
    import gzip
    with pytest.raises(_TooLarge):
        inf.feed(gzip.compress(b"\0" * 5000))


def test_www_twin_redirects_only():
    from monitor.fetch import _www_twin
    assert _www_twin("https://www.a.gov.cn/x", "http://a.gov.cn/x")
    assert _www_twin("http://a.gov.cn/", "https://www.a.gov.cn/")
    assert not _www_twin("https://www.b.gov.cn/", "http://a.gov.cn/")
    assert not _www_twin("https://evil.a.gov.cn/", "http://a.gov.cn/")
