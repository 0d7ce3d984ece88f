"""A hostile HTTP server on 127.0.0.1 for fetcher tests: every fault a government site has shown us.

    with HostileServer() as srv:
        srv.url("/drip")        # http://127.0.0.1:PORT/drip

Routes (see Handler.do_GET): /ok /drip /drip-headers /big /big-nolen /gzipbomb /brotli /loop /loop-a /to-ftp /to-file /status/N
/ruishu /ruishu200 /jsl /wzws /empty /binary /latin1-lie /gbk-meta /gbk-none /truncated /truncated-html
/etag /slow /soft404 /login /cookie-redirect /redirect?to=URL /rss-laughs /rss-xxe /files/<name>.
Every request is logged server-side with monotonic start/end times (srv.log) so tests can check ordering
without wall-clock assertions.
"""
from __future__ import annotations

import gzip
import io
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

MB = 1024 * 1024
TEXT = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>深圳市算力券申报指南</title></head><body>"
        "<div class='TRS_Editor'><p>深圳市工业和信息化局关于开展2026年度算力券申领工作的通知。"
        "对企业按不超过合同金额的30%给予补贴，单个企业最高500万元。</p></div></body></html>")
CHINESE = "关于发放人工智能算力券的通知：对符合条件的企业给予补贴，单个企业最高不超过五百万元。" * 3

RUISHU = (b"<!DOCTYPE html><html><head><meta http-equiv='Content-Type' content='text/html; charset=utf-8'>"
          b"<meta content=\"{qWbNQ0rT7aZ\" r='m'><script>var $_ts=window['$_ts'];if(!$_ts)$_ts={};"
          b"$_ts.nsd=12345;$_ts.cd='qEqrq';</script><script src='/4QbVtADbnLVI/c.FxJzG50F.dfe1675.js' r='m'>"
          b"</script></head><body></body></html>")
JSL = (b"<html><body><script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')+('r')"
       b"+('a')+('n')+('c')+('e')+('=1234|0|abcd')+';Expires=Tue, 19-Jan-38 03:14:07 GMT;Path=/;';"
       b"location.href=location.pathname+location.search;/* __jsl_clearance */</script></body></html>")
WZWS = (b"<html><head><title>\xe5\xae\x89\xe5\x85\xa8\xe9\xaa\x8c\xe8\xaf\x81</title></head><body>"
        b"<script>var wzws_cid='a1b2c3';function wzwschallenge(){}</script></body></html>")

RSS_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss version="2.0"><channel><title>t</title><item><title>&lol3;</title><link>http://x/1</link></item></channel></rss>"""
RSS_XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>&xxe;</title><link>http://x/1</link></item></channel></rss>"""

_bomb: bytes | None = None
_bomb_lock = threading.Lock()


def gzip_bomb(size: int = 200 * MB) -> bytes:
    """A small gzip stream (~200 KB) that inflates to `size` zero bytes; built once."""
    global _bomb
    with _bomb_lock:
        if _bomb is None:
            buf = io.BytesIO()
            with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as g:
                block = b"\0" * MB
                for _ in range(size // MB):
                    g.write(block)
            _bomb = buf.getvalue()
        return _bomb


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "_Server"

    def log_message(self, *args):        # quiet
        pass

    # -- helpers
    def send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
             headers: dict | None = None, length: bool = True) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def do_GET(self):  # noqa: C901 - a table of faults
        start = time.monotonic()
        parts = urlsplit(self.path)
        path, q = parts.path, parse_qs(parts.query)
        try:
            self.route(path, q)
        finally:
            with self.server.log_lock:
                self.server.log.append({"path": path, "query": parts.query, "host": self.headers.get("Host"),
                                        "start": start,
                                        "end": time.monotonic(), "headers": dict(self.headers)})

    def route(self, path: str, q: dict) -> None:
        s = self.server
        if path == "/ok":
            self.send(200, TEXT.encode())
        elif path == "/ua":
            self.send(200, (self.headers.get("User-Agent") or "").encode(), "text/plain; charset=utf-8")
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", "100")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    if s.stopping.wait(1.0):
                        break
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif path == "/drip-headers":
            try:
                for chunk in [b"HTTP/1.1 200 OK\r\n"] + [b"X-Slow: %d\r\n" % i for i in range(60)]:
                    for byte in chunk:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        if s.stopping.wait(0.1):
                            return
            except (BrokenPipeError, ConnectionResetError, OSError):
                pass
            self.close_connection = True
        elif path in ("/big", "/big-nolen"):
            total = 50 * MB
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            if path == "/big":
                self.send_header("Content-Length", str(total))
            else:
                self.send_header("Connection", "close")
            self.end_headers()
            block = b"<p>" + b"a" * (64 * 1024 - 7) + b"</p>\n"
            sent = 0
            try:
                while sent < total and not s.stopping.is_set():
                    self.wfile.write(block)
                    sent += len(block)
            except (BrokenPipeError, ConnectionResetError, OSError):
                pass
            s.counters["big_sent"] = sent
            self.close_connection = True
        elif path == "/gzipbomb":
            nolen = "nolen" in q
            self.send(200, gzip_bomb(), headers={"Content-Encoding": "gzip"}, length=not nolen)
        elif path == "/gzip-ok":
            self.send(200, gzip.compress(TEXT.encode()), headers={"Content-Encoding": "gzip"})
        elif path == "/brotli":
            self.send(200, b"\x8b\x03\x80<html>not really brotli</html>\x03", headers={"Content-Encoding": "br"})
        elif path == "/loop":
            self.send(302, b"", headers={"Location": "/loop"})
        elif path == "/loop-a":
            self.send(302, b"", headers={"Location": "/loop-b"})
        elif path == "/loop-b":
            self.send(302, b"", headers={"Location": "/loop-a"})
        elif path == "/chain":
            n = int(q.get("n", ["0"])[0])
            self.send(302, b"", headers={"Location": f"/chain?n={n + 1}" if n < 20 else "/ok"})
        elif path == "/to-ftp":
            self.send(302, b"", headers={"Location": "ftp://127.0.0.1/etc/passwd"})
        elif path == "/to-file":
            self.send(301, b"", headers={"Location": "file:///etc/passwd"})
        elif path == "/redirect":
            self.send(302, b"", headers={"Location": q["to"][0]})
        elif path.startswith("/status/"):
            code = int(path.rsplit("/", 1)[1])
            headers = {}
            if "ra" in q:
                headers["Retry-After"] = q["ra"][0]
            self.send(code, f"<html><body><h1>Error {code}</h1></body></html>".encode(), headers=headers)
        elif path == "/ruishu":
            self.send(int(q.get("status", ["412"])[0]), RUISHU, headers={"Set-Cookie": "FSSBBIl1UgzbN7N80S=abc; Path=/"})
        elif path == "/ruishu200":
            self.send(200, RUISHU)
        elif path == "/jsl":
            self.send(521, JSL, headers={"Set-Cookie": "__jsluid_h=0123abcd; path=/"})
        elif path == "/wzws":
            self.send(403, WZWS)
        elif path == "/empty":
            self.send(200, b"")
        elif path == "/binary":
            self.send(200, os.urandom(4096), "text/html")
        elif path == "/latin1-lie":
            self.send(200, f"<html><body><p>{CHINESE}</p></body></html>".encode("utf-8"),
                      "text/html; charset=ISO-8859-1")
        elif path == "/gbk-meta":
            body = f"<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'></head>" \
                   f"<body><p>{CHINESE}</p></body></html>"
            self.send(200, body.encode("gbk"), "text/html")
        elif path == "/gbk-none":
            self.send(200, f"<html><body><p>{CHINESE}</p></body></html>".encode("gbk"), "text/html")
        elif path == "/truncated":
            body = TEXT.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body) + 5000))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            self.close_connection = True
        elif path == "/truncated-html":
            self.send(200, TEXT.encode()[: len(TEXT.encode()) // 2 + 7])
        elif path == "/etag":
            etag, lm = '"v1-abc"', "Wed, 11 Nov 2026 08:00:00 GMT"
            if self.headers.get("If-None-Match") == etag or self.headers.get("If-Modified-Since") == lm:
                self.send(304, b"", ctype="", headers={"ETag": etag})
            else:
                self.send(200, TEXT.encode(), headers={"ETag": etag, "Last-Modified": lm})
        elif path == "/slow":
            time.sleep(float(q.get("t", ["0.3"])[0]))
            self.send(200, b"<html><body>slow</body></html>")
        elif path == "/soft404":
            self.send(200, "<html><head><title>404</title></head><body><div>抱歉，您访问的页面不存在！</div>"
                           "<a href='/'>返回首页</a></body></html>".encode())
        elif path == "/login":
            self.send(200, "<html><body><form action='/login'><p>请登录</p><input name='u'>"
                           "<input type='password' name='p'><button>登录</button></form></body></html>".encode())
        elif path == "/cookie-redirect":
            if "gate=1" in (self.headers.get("Cookie") or ""):
                self.send(200, TEXT.encode())
            else:
                self.send(302, b"", headers={"Location": "/cookie-redirect", "Set-Cookie": "gate=1; Path=/"})
        elif path == "/rss-laughs":
            self.send(200, RSS_LAUGHS, "application/rss+xml")
        elif path == "/rss-xxe":
            self.send(200, RSS_XXE, "application/rss+xml")
        elif path.startswith("/files/") and s.files:
            f = (s.files / path[len("/files/"):]).resolve()
            if s.files.resolve() in f.parents and f.is_file():
                ctype = {".html": "text/html", ".json": "application/json", ".xml": "application/rss+xml",
                         ".pdf": "application/pdf"}.get(f.suffix, "application/octet-stream")
                self.send(200, f.read_bytes(), ctype)
            else:
                self.send(404, b"not found")
        else:
            self.send(404, b"<html><body>Not Found</body></html>")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False

    def __init__(self, files: Path | None = None):
        super().__init__(("127.0.0.1", 0), Handler)
        self.log: list[dict] = []
        self.log_lock = threading.Lock()
        self.stopping = threading.Event()
        self.files = files
        self.counters: dict = {}

    def handle_error(self, request, client_address):   # clients hanging up is the point of this server
        pass


class HostileServer:
    def __init__(self, files: Path | None = None):
        self.httpd = _Server(files)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    @property
    def log(self) -> list[dict]:
        with self.httpd.log_lock:
            return list(self.httpd.log)

    def entries(self, path: str, tag: str, count: int, timeout: float = 10.0) -> list[dict]:
        """The log entries of `path` whose query carries `tag`, once `count` of them are logged (a request is
        logged just after its response is written, so the client may see the answer first)."""
        end = time.monotonic() + timeout
        while True:
            got = [e for e in self.log if e["path"] == path and tag in e["query"]]
            if len(got) >= count or time.monotonic() > end:
                return sorted(got, key=lambda e: e["start"])
            time.sleep(0.01)

    def __enter__(self) -> "HostileServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.httpd.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def refused_port() -> int:
    """A loopback port with nobody listening."""
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
