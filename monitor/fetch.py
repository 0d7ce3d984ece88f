"""The only network code: one pooled requests.Session, bounded in time and size, polite per host.

    Fetcher(settings).fetch(url, source=, etag=, last_modified=, accept=) -> Fetched   or raises FetchError

- http/https only; redirects followed by hand (at most MAX_REDIRECTS), each hop checked by linkpolicy;
- connect/read timeouts (settings.timeout) and a total deadline (settings.fetch_deadline) checked while the
  body streams in, so a server dripping a byte a second fails with 'timeout';
- the body is read raw and decompressed here with a bounded zlib object: the cap (settings.max_bytes) holds
  on decoded bytes, so a gzip bomb is cut off ('too_large') without ever inflating it;
- conditional GET (If-None-Match / If-Modified-Since); 304 is a value;
- 404/410 'gone'; challenge pages (瑞数, 加速乐, WZWS, 安全狗, 云锁 …) 'antibot', whatever the status;
  soft-404 and login pages 'http'; other 4xx/5xx 'http' with Retry-After;
- per host at most one request at a time and settings.host_delay between two; settings.concurrency overall.

decode() and detect_challenge() are pure and used by the tests directly.
"""
from __future__ import annotations

import codecs
import email.utils
import logging
import re
import socket
import ssl
import threading
import time
import warnings
import zlib
from datetime import timezone
from typing import Mapping
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
import urllib3.connection
import urllib3.connectionpool
from requests.adapters import HTTPAdapter

from .errors import FetchError
from .linkpolicy import SCHEMES, allowed
from .models import Fetched, Settings, Source

log = logging.getLogger("monitor.fetch")

MAX_REDIRECTS = 5
CHUNK = 64 * 1024
ERROR_BODY_CAP = 256 * 1024          # how much of an error response is read (for challenge detection)

ACCEPT = {
    "rss": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
    "json": "application/json, text/javascript;q=0.9, */*;q=0.5",
}
ACCEPT_HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


# ---------------------------------------------------------------- charset (pure)

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META_RE = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
_XML_DECL_RE = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']\s*([-\w.:]+)""", re.I)
_HEADER_CS_RE = re.compile(r"""charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
_UNTRUSTED = {"iso8859-1", "latin-1", "latin1", "l1", "iso-8859-1", "iso_8859-1", "windows-1252", "cp1252",
              "ascii", "us-ascii", "cp819"}
_GB = {"gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "gb2312-80", "euc-cn", "hz-gb-2312", "ms936", "gb18030",
       "csgb2312", "chinese"}
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\xd0\xcf\x11\xe0",
                 b"Rar!", b"7z\xbc\xaf", b"BM", b"RIFF", b"\x00\x00\x01\x00", b"OggS", b"ID3", b"wOFF", b"wOF2")
# Types that are binary whatever the bytes look like. application/octet-stream and application/x-* are not in
# the list: old servers label HTML and feeds with them, so those bodies are judged by their bytes.
_BINARY_TYPES = ("image/", "audio/", "video/", "application/pdf", "application/zip", "application/msword",
                 "application/vnd.", "font/", "application/x-rar", "application/x-7z", "application/x-gzip",
                 "application/x-msdownload", "application/x-shockwave-flash")
_TEXTUAL_X = ("application/vnd.api+json",)


def _canon(name: str | None) -> str | None:
    """A codec name we trust, canonical; GB family → gb18030; None when unknown."""
    if not name:
        return None
    n = name.strip().strip("\"'").lower()
    if n in _GB:
        return "gb18030"
    if n in ("utf8", "utf-8", "unicode-1-1-utf-8", "x-unicode20utf8"):
        return "utf-8"
    try:
        return codecs.lookup(n).name
    except LookupError:
        return None


def _header(headers: Mapping[str, str] | None, name: str) -> str:
    if not headers:
        return ""
    for k, v in headers.items():
        if k.lower() == name:
            return v or ""
    return ""


def is_binary(body: bytes, headers: Mapping[str, str] | None = None) -> bool:
    """True for bodies that are not text: known magic numbers, binary content types, NUL bytes."""
    head = body[:1024]
    if any(head.startswith(b) for b, _ in _BOMS):
        return False
    if any(head.startswith(m) for m in _BINARY_MAGIC):
        return True
    ctype = _header(headers, "content-type").split(";")[0].strip().lower()
    if ctype and ctype.startswith(_BINARY_TYPES) and not ctype.startswith(_TEXTUAL_X) \
            and not ctype.endswith(("+xml", "+json", "/xml", "/json")):
        return True
    if b"\x00" in head:
        return True
    # control characters other than whitespace in quantity: garbage, not a page
    ctrl = sum(1 for b in head if b < 9 or 13 < b < 32)
    return len(head) > 32 and ctrl > len(head) // 10


def _strict(body: bytes, enc: str) -> str | None:
    try:
        return body.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(body: bytes, headers: Mapping[str, str] | None = None, *, forced: str | None = None
           ) -> tuple[str | None, str | None]:
    """(text, charset) of a response body; (None, None) for binary bodies.

    Order: a forced charset (source.encoding); a BOM; `<meta charset>` / http-equiv or the XML declaration in
    the first 4 KB; the header charset. A declared ISO-8859-1/latin-1/ASCII is never trusted, and a declared
    legacy charset loses to a body that is valid UTF-8 with non-ASCII bytes (real pages lie both ways). Then
    strict UTF-8, then GB18030 (GBK/GB2312 are read as GB18030). Never a silent latin-1: when nothing decodes
    strictly, the candidate with fewest replacement characters wins.
    """
    if body is None:
        return None, None
    if forced and _canon(forced):
        enc = _canon(forced)
        if body.startswith(codecs.BOM_UTF8) and enc == "utf-8":
            body = body[3:]
        return body.decode(enc, errors="replace"), enc
    for bom, enc in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(enc, errors="replace"), enc
    if not body:
        return "", "utf-8"
    if is_binary(body, headers):
        return None, None
    head = body[:4096]
    declared: list[str] = []
    for rx in (_META_RE, _XML_DECL_RE):
        m = rx.search(head)
        if m:
            declared.append(m.group(1).decode("ascii", "ignore"))
    m = _HEADER_CS_RE.search(_header(headers, "content-type"))
    if m:
        declared.append(m.group(1))
    utf8 = _strict(body, "utf-8")
    non_ascii = not body.isascii()
    for name in declared:
        if name.strip().lower() in _UNTRUSTED:
            continue
        enc = _canon(name)
        if enc is None or enc.startswith(("utf-16", "utf-32")):
            continue
        if enc != "utf-8" and utf8 is not None and non_ascii:
            return utf8, "utf-8"          # valid multi-byte UTF-8 is never an accident
        text = utf8 if enc == "utf-8" else _strict(body, enc)
        if text is not None:
            return text, enc
    if utf8 is not None:
        return utf8, "utf-8"
    gb = _strict(body, "gb18030")
    if gb is not None:
        return gb, "gb18030"
    best = None
    for enc in ("utf-8", "gb18030"):
        text = body.decode(enc, errors="replace")
        if best is None or text.count("\ufffd") < best[0].count("\ufffd"):
            best = (text, enc)
    return best


# ---------------------------------------------------------------- challenge pages (pure)

_CHALLENGES: tuple[tuple[str, tuple[bytes, ...]], ...] = (
    ("瑞数", (b"$_ts", b"_$_ts")),
    ("加速乐", (b"__jsl_clearance", b"__jsluid", b"jsl_clearance_s")),
    ("WZWS", (b"wzws_cid", b"wzwschallenge", b"wzwsconfirm", b"wzwstemplate", b"/wzws-waf")),
    ("安全狗", (b"safedog", "安全狗".encode(), b"waf.safedog")),
    ("云锁", (b"yunsuo_session_verify", b"yunsuo", "云锁".encode(), b"security_verify_data")),
    ("创宇盾", (b"jiasule", "创宇盾".encode(), b"365cyd")),
    ("Cloudflare", (b"cf-chl-", b"challenge-platform", b"cf_chl_opt")),
    ("WAF", ("您的访问请求可能对网站造成安全威胁".encode(), "访问被拦截".encode(), "您的请求已被拦截".encode(),
             "网站防火墙".encode(), b"web application firewall")),
)
_META_R_M = re.compile(rb"""<meta[^>]*\br\s*=\s*["']?m\b""", re.I)


def detect_challenge(status: int, headers: Mapping[str, str] | None, body: bytes) -> str | None:
    """The name of the anti-bot system whose challenge this response is, or None for a real answer."""
    body = body or b""
    head = body[:65536]
    low = head.lower()
    hv = " ".join(f"{k}: {v}" for k, v in (headers or {}).items()).lower().encode("utf-8", "ignore")
    if b"$_ts" in head and (_META_R_M.search(head) or status in (202, 412)):
        return "瑞数"
    # A 2xx page with real text is content even when a WAF's cookie rides along (加速乐 sets __jsluid on real
    # pages) or an article *mentions* 安全狗: marks count on error/202 answers or on pages with next to no text.
    blocked = status >= 400 or status == 202 or len(_visible(head)) < 300
    if not blocked:
        return None
    for name, marks in _CHALLENGES[1:]:
        for mark in marks:
            if mark.lower() in low or (name != "WAF" and mark.lower() in hv):
                return name
    if status == 412:
        return "瑞数"                       # GET never legitimately fails a precondition we did not set
    if status == 521 and b"document.cookie" in low:
        return "加速乐"
    if status == 202 and b"<script" in low and len(_visible(head)) < 40:
        return "script challenge"
    return None


_TAG_RE = re.compile(rb"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.I | re.S)


def _visible(body: bytes) -> str:
    text = _TAG_RE.sub(b" ", body[:200000]).decode("utf-8", "ignore")
    return re.sub(r"(&nbsp;|\s)+", " ", text).strip()


_SOFT404 = ("页面不存在", "404 not found", "您访问的页面不存在", "页面未找到", "找不到页面", "找不到您要访问的页面",
            "page not found", "该页面不存在", "文章不存在", "信息不存在", "您要访问的页面不存在", "页面已删除",
            "抱歉，您访问的页面", "error 404", "404错误")
_LOGIN = ("请登录", "用户登录", "登录后", "请先登录")


def soft_error(text: str | None) -> str | None:
    """'soft 404 page' / 'login page' for 200 answers that are not content; None otherwise. Pure."""
    if not text:
        return None
    if len(text) > 60000:
        return None
    vis = _visible(text.encode("utf-8"))
    low = vis.lower()
    if len(vis) < 600 and any(s in low for s in _SOFT404):
        return "soft 404 page"
    if len(vis) < 600 and any(s in vis for s in _LOGIN) and re.search(r"type\s*=\s*['\"]?password", text, re.I):
        return "login page"
    return None


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return float(value)
    try:
        dt = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return max(0.0, dt.timestamp() - (now if now is not None else time.time()))


# ---------------------------------------------------------------- bounded decompression

class _TooLarge(Exception):
    pass


class _Inflater:
    """Content-Encoding gzip/deflate decoded in bounded steps; identity otherwise."""

    def __init__(self, encoding: str, cap: int):
        enc = (encoding or "").split(",")[-1].strip().lower()
        self.kind = "gzip" if enc in ("gzip", "x-gzip") else "deflate" if enc == "deflate" else None
        self.cap = cap
        self.total = 0
        self.parts: list[bytes] = []
        self.d = None
        self.first = True

    def _new(self, data: bytes):
        if self.kind == "gzip":
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        # 'deflate' is zlib-wrapped by the RFC, raw by many servers
        return zlib.decompressobj(zlib.MAX_WBITS if data[:1] == b"\x78" else -zlib.MAX_WBITS)

    def _add(self, out: bytes) -> None:
        self.total += len(out)
        if self.total > self.cap:
            raise _TooLarge()
        self.parts.append(out)

    def feed(self, data: bytes) -> None:
        if not data:
            return
        if self.kind is None:
            self._add(data)
            return
        if self.d is None:
            self.d = self._new(data)
        buf = data
        try:
            while True:
                limit = min(self.cap - self.total + 1, 256 * 1024)
                out = self.d.decompress(buf, limit)
                self._add(out)
                buf = self.d.unconsumed_tail
                if self.d.eof:
                    rest = self.d.unused_data
                    if rest.strip(b"\x00"):
                        self.d = self._new(rest)        # multi-member gzip
                        buf = rest
                        continue
                    break
                if not buf and len(out) < limit:       # input used up and output drained
                    break
        except zlib.error:
            if self.first and not self.parts:           # labelled gzip, sent plain: take it as it is
                self.kind = None
                self._add(data)
            else:
                raise
        self.first = False

    def finish(self) -> bytes:
        if self.d is not None and not self.d.eof:
            try:
                self._add(self.d.flush())
            except zlib.error:
                pass
        return b"".join(self.parts)


# ---------------------------------------------------------------- the deadline watchdog

_current = threading.local()


class _Watch:
    """Shuts the socket of the fetch in progress down when its deadline passes, so a server dripping its
    headers (where no per-read timeout ever fires) cannot hold a worker past the deadline either."""

    def __init__(self):
        self.sock = None
        self.fired = False
        self.lock = threading.Lock()

    def attach(self, sock) -> None:
        with self.lock:
            self.sock = sock
            if self.fired:
                self._shut()

    def fire(self) -> None:
        with self.lock:
            self.fired = True
            self._shut()

    def _shut(self) -> None:
        if self.sock is not None:
            try:
                self.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class _WatchedMixin:
    def getresponse(self, *args, **kwargs):
        watch = getattr(_current, "watch", None)
        if watch is not None and getattr(self, "sock", None) is not None:
            watch.attach(self.sock)
        return super().getresponse(*args, **kwargs)


class _WatchedHTTPConnection(_WatchedMixin, urllib3.connection.HTTPConnection):
    pass


class _WatchedHTTPSConnection(_WatchedMixin, urllib3.connection.HTTPSConnection):
    pass


class _WatchedHTTPPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(urllib3.connectionpool.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class WatchedAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections report their socket to the deadline watchdog of the calling thread."""

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


# ---------------------------------------------------------------- TLS

class LegacyTLSAdapter(WatchedAdapter):
    """For old government servers: SECLEVEL=0 ciphers, TLS 1.0+, legacy renegotiation."""

    def init_poolmanager(self, *args, **kwargs):
        kwargs["ssl_context"] = legacy_context()
        return super().init_poolmanager(*args, **kwargs)

    def proxy_manager_for(self, *args, **kwargs):
        kwargs["ssl_context"] = legacy_context()
        return super().proxy_manager_for(*args, **kwargs)


def legacy_context() -> ssl.SSLContext:
    from urllib3.util.ssl_ import create_urllib3_context
    ctx = create_urllib3_context()
    try:
        ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    except ssl.SSLError:
        ctx.set_ciphers("DEFAULT")
    ctx.check_hostname = False          # urllib3 matches the hostname itself whenever it verifies
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            ctx.minimum_version = ssl.TLSVersion.TLSv1
        except (ValueError, AttributeError):
            pass
    ctx.options |= getattr(ssl, "OP_LEGACY_SERVER_CONNECT", 0x4)
    ctx.options &= ~getattr(ssl, "OP_NO_RENEGOTIATION", 0)
    ctx.load_default_certs()
    return ctx


# ---------------------------------------------------------------- exception mapping

def _chain(e: BaseException):
    seen = set()
    stack = [e]
    while stack:
        x = stack.pop()
        if not isinstance(x, BaseException) or id(x) in seen:
            continue
        seen.add(id(x))
        yield x
        stack.extend([x.__cause__, x.__context__, getattr(x, "reason", None)])
        stack.extend(a for a in getattr(x, "args", ()) if isinstance(a, BaseException))


_DNS_TEXT = ("name or service not known", "nodename nor servname", "temporary failure in name resolution",
             "getaddrinfo failed", "no address associated", "failed to resolve", "name resolution")


def classify_exception(e: BaseException) -> tuple[str, str]:
    """(error class, message) for an exception raised while talking to a server."""
    chain = list(_chain(e))
    text = " | ".join(str(x) for x in chain).lower()
    for x in chain:
        if isinstance(x, (socket.gaierror, urllib3.exceptions.NameResolutionError)):
            return "dns", "name does not resolve"
    if any(t in text for t in _DNS_TEXT):
        return "dns", "name does not resolve"
    for x in chain:
        if isinstance(x, (requests.exceptions.SSLError, ssl.SSLError, urllib3.exceptions.SSLError)):
            return "tls", f"TLS failure: {_short(x)}"
    for x in chain:
        if isinstance(x, (ConnectionRefusedError, ConnectionResetError, ConnectionAbortedError)):
            return "connect", f"connection failed: {_short(x)}"
    if "connection refused" in text or "connection reset" in text:
        return "connect", "connection refused or reset"
    for x in chain:
        if isinstance(x, urllib3.exceptions.NewConnectionError):   # a ConnectTimeoutError subclass, oddly
            continue
        if isinstance(x, (requests.exceptions.Timeout, urllib3.exceptions.TimeoutError, socket.timeout,
                          TimeoutError)):
            return "timeout", "timed out"
    for x in chain:
        if isinstance(x, (urllib3.exceptions.LocationParseError, urllib3.exceptions.LocationValueError,
                          requests.exceptions.InvalidURL)):
            return "refused_url", f"bad URL: {_short(x)}"
    if isinstance(e, ValueError) and not isinstance(e, (UnicodeError, requests.exceptions.RequestException)):
        # requests parses a 3xx's Location even with allow_redirects=False; our URLs were checked before sending
        return "redirect", f"malformed URL in a redirect: {_short(e)}"
    for x in chain:
        if isinstance(x, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                          requests.exceptions.InvalidSchema, urllib3.exceptions.LocationParseError,
                          urllib3.exceptions.LocationValueError)):
            return "refused_url", f"bad URL: {_short(x)}"
    for x in chain:
        if isinstance(x, (ConnectionRefusedError, ConnectionResetError, ConnectionAbortedError,
                          urllib3.exceptions.ProtocolError, requests.exceptions.ChunkedEncodingError)):
            return "connect", f"connection failed: {_short(x)}"
    return "connect", f"{type(e).__name__}: {_short(e)}"


def _short(e: BaseException) -> str:
    s = str(e) or type(e).__name__
    return s if len(s) <= 200 else s[:200] + "…"


def _www_twin(a: str, b: str) -> bool:
    """True when two URLs' hosts differ only by a leading 'www.' (and neither is an IP literal)."""
    from .linkpolicy import _ip, host_of
    ha, hb = host_of(a), host_of(b)
    if not ha or not hb or ha == hb or _ip(ha) or _ip(hb):
        return False
    return ha == "www." + hb or hb == "www." + ha


def _malformed(url: str) -> str | None:
    """Why requests/urllib3 could not send to this URL (bad IDNA label, bad IPv6 literal …), else None."""
    try:
        requests.models.PreparedRequest().prepare_url(url, None)
        urllib3.util.parse_url(url)
    except Exception as e:  # noqa: BLE001 - InvalidURL, LocationParseError, UnicodeError, ValueError
        return _short(e)
    return None


# ---------------------------------------------------------------- the fetcher

class _Host:
    __slots__ = ("lock", "last")

    def __init__(self):
        self.lock = threading.Lock()
        self.last = 0.0


class Fetcher:
    """Thread-safe. One pooled session; close() when done (or use as a context manager)."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.session = requests.Session()
        self.session.trust_env = False            # no proxies or netrc from the environment
        size = max(4, self.settings.concurrency)
        adapter = WatchedAdapter(pool_connections=size, pool_maxsize=size, max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers.update({
            "User-Agent": self.settings.user_agent,
            "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5",
            "Accept-Encoding": "gzip, deflate",
        })
        self._sem = threading.BoundedSemaphore(max(1, self.settings.concurrency))
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()
        self._legacy: requests.Session | None = None
        self._insecure_warned: set[str] = set()
        self.requests = 0                          # requests sent (all hops), for reports
        self.closed = False

    # -- lifecycle
    def close(self) -> None:
        self.closed = True
        self.session.close()
        if self._legacy is not None:
            self._legacy.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- helpers
    def _host(self, netloc: str) -> _Host:
        with self._lock:
            h = self._hosts.get(netloc)
            if h is None:
                h = self._hosts[netloc] = _Host()
            return h

    def _legacy_session(self) -> requests.Session:
        """A second session for sources with tls: legacy, sharing cookies and headers with the main one.
        (Mounting adapters on the shared session while other threads send through it is not thread-safe.)"""
        with self._lock:
            if self._legacy is None:
                size = max(4, self.settings.concurrency)
                s = requests.Session()
                s.trust_env = False
                s.mount("http://", WatchedAdapter(pool_connections=size, pool_maxsize=size, max_retries=0))
                s.mount("https://", LegacyTLSAdapter(pool_connections=size, pool_maxsize=size, max_retries=0))
                s.headers = self.session.headers
                s.cookies = self.session.cookies
                self._legacy = s
            return self._legacy

    # -- the one public call
    def fetch(self, url: str, *, source: Source | None = None, etag: str | None = None,
              last_modified: str | None = None, accept: str | None = None) -> Fetched:
        """GET one URL. A Fetched for 2xx and 304; FetchError(klass, …) for everything else, never another
        exception."""
        try:
            return self._fetch(url, source, etag, last_modified, accept)
        except FetchError:
            raise
        except (ValueError, UnicodeError) as e:
            raise FetchError("refused_url", f"malformed URL: {_short(e)}", url=url) from None
        except Exception as e:  # noqa: BLE001 - a bug here must not look like a crash of the run
            log.exception("fetch %s: internal error", url)
            raise FetchError("internal", f"{type(e).__name__}: {_short(e)}", url=url) from None

    def _fetch(self, url: str, source: Source | None, etag: str | None, last_modified: str | None,
               accept: str | None) -> Fetched:
        url = (url or "").strip()
        scheme = urlsplit(url).scheme.lower() if url else ""
        if scheme not in SCHEMES:
            raise FetchError("refused_url", f"only http and https are fetched, not {scheme or 'this'}: {url[:200]}",
                             url=url)
        if not urlsplit(url).hostname:
            raise FetchError("refused_url", "URL has no host", url=url)
        why = _malformed(url)
        if why:
            raise FetchError("refused_url", f"malformed URL: {why}", url=url)
        started = time.monotonic()
        clock: list = [None]                    # the deadline, set when the first request goes out
        is_list = source is not None and url == source.url           # item pages of a feed are HTML
        headers = {"Accept": accept or ACCEPT.get(source.kind if is_list else "", ACCEPT_HTML)}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        verify = source.verify if source is not None else True
        current = url
        visited: list[str] = []
        for hop in range(MAX_REDIRECTS + 1):
            session = self._legacy_session() if source is not None and source.tls == "legacy" else self.session
            status, resp_headers, body, final = self._one(session, current, headers, verify, clock, url)
            if status in (301, 302, 303, 307, 308) and _header(resp_headers, "location"):
                try:
                    target = urljoin(current, _header(resp_headers, "location").strip())
                except ValueError:
                    raise FetchError("redirect", "malformed Location header", url=url, status=status) from None
                why = self._hop_refused(target, source, current)
                if why:
                    raise FetchError("redirect", f"redirect to {target[:200]} refused: {why}", url=url,
                                     status=status)
                sets_cookie = bool(_header(resp_headers, "set-cookie"))
                if (target in visited or target == current) and not sets_cookie:
                    raise FetchError("redirect", f"redirect loop at {target[:200]}", url=url, status=status)
                visited.append(current)
                if visited.count(target) > 1:
                    raise FetchError("redirect", f"redirect loop at {target[:200]}", url=url, status=status)
                current = target
                continue
            return self._result(url, current, status, resp_headers, body, source, etag, last_modified,
                                time.monotonic() - started)
        raise FetchError("redirect", f"more than {MAX_REDIRECTS} redirects", url=url)

    def _hop_refused(self, target: str, source: Source | None, current: str = "") -> str | None:
        try:
            parts = urlsplit(target)
            _ = parts.port
            host = parts.hostname
        except ValueError as e:
            return f"malformed ({e})"
        scheme = parts.scheme.lower()
        if scheme not in SCHEMES:
            return f"scheme {scheme or '(none)'} is not http/https"
        if not host:
            return "no host"
        why = _malformed(target)
        if why:
            return f"malformed ({why})"
        if source is None:
            return None
        why = allowed(target, source, allow_private=self.settings.allow_private)
        if why and _www_twin(target, current):
            return None         # a.gov.cn ⇄ www.a.gov.cn on a redirect: the same site moving its front door
        return why

    def _one(self, session: requests.Session, url: str, headers: dict, verify: bool, clock: list, asked: str
             ) -> tuple[int, dict, bytes, str]:
        """One request (no redirects), politely, with the body read under the caps. The fetch's deadline starts
        when its first request is actually sent: time queued behind other requests to the same host (or for a
        concurrency slot) is politeness, not the server's slowness."""
        netloc = urlsplit(url).netloc.lower()
        host = self._host(netloc)
        queued = time.monotonic()
        with host.lock:
            wait = host.last + self.settings.host_delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                with self._sem:
                    if clock[0] is None:
                        clock[0] = time.monotonic() + self.settings.fetch_deadline
                    else:                       # a later hop: its time in the queue is politeness too
                        clock[0] += time.monotonic() - queued
                    if time.monotonic() >= clock[0]:
                        raise FetchError("timeout", f"no time left for {url[:200]} (deadline "
                                                    f"{self.settings.fetch_deadline:g}s)", url=asked)
                    return self._send(session, url, headers, verify, clock[0], asked)
            finally:
                host.last = time.monotonic()

    def _send(self, session: requests.Session, url: str, headers: dict, verify: bool, deadline: float, asked: str
              ) -> tuple[int, dict, bytes, str]:
        if self.closed:
            raise FetchError("internal", "fetcher is closed", url=asked)
        remaining = max(0.05, deadline - time.monotonic())
        t = min(self.settings.timeout, remaining)
        resp = None
        watch = _Watch()
        _current.watch = watch
        timer = threading.Timer(remaining, watch.fire)
        timer.daemon = True
        timer.start()
        try:
            self.requests += 1
            if verify:
                resp = session.get(url, headers=headers, timeout=(t, t), stream=True,
                                        allow_redirects=False, verify=True)
            else:
                h = urlsplit(url).hostname or ""
                if h not in self._insecure_warned:
                    self._insecure_warned.add(h)
                    log.warning("TLS certificate verification is off for %s (source setting verify: false)", h)
                with warnings.catch_warnings():      # silenced for this request only
                    warnings.simplefilter("ignore", urllib3.exceptions.InsecureRequestWarning)
                    resp = session.get(url, headers=headers, timeout=(t, t), stream=True,
                                            allow_redirects=False, verify=False)
            status = resp.status_code
            rh = {k.lower(): v for k, v in resp.headers.items()}
            if status in (301, 302, 303, 307, 308) or status == 304:
                return status, rh, b"", url
            cap = self.settings.max_bytes if 200 <= status < 300 else min(self.settings.max_bytes, ERROR_BODY_CAP)
            body = self._read(resp, rh, cap, deadline, asked, error_ok=not 200 <= status < 300)
            if watch.fired:                     # the watchdog closed the socket: what arrived is not the body
                raise FetchError("timeout", f"deadline of {self.settings.fetch_deadline:g}s exceeded", url=asked)
            return status, rh, body, url
        except FetchError as e:
            if watch.fired and e.klass != "too_large":
                raise FetchError("timeout", f"deadline of {self.settings.fetch_deadline:g}s exceeded", url=asked) \
                    from None
            raise
        except Exception as e:  # noqa: BLE001 - every failure becomes a FetchError with a class
            klass, msg = classify_exception(e)
            if watch.fired or (klass == "timeout" and time.monotonic() >= deadline - 0.01):
                klass, msg = "timeout", f"deadline of {self.settings.fetch_deadline:g}s exceeded"
            raise FetchError(klass, msg, url=asked) from None
        finally:
            timer.cancel()
            _current.watch = None
            if resp is not None:
                resp.close()

    def _read(self, resp, rh: dict, cap: int, deadline: float, asked: str, *, error_ok: bool) -> bytes:
        encoding = rh.get("content-encoding", "")
        length = rh.get("content-length", "")
        inflater = _Inflater(encoding, cap)
        enc = encoding.split(",")[-1].strip().lower()
        if inflater.kind is None and enc not in ("", "identity", "none", "utf-8", "utf8", "chunked", "binary"):
            raise FetchError("http", f"unsupported Content-Encoding {enc!r}", url=asked, status=resp.status_code)
        if inflater.kind is None and length.isdigit() and int(length) > cap:
            if error_ok:
                return b""
            raise FetchError("too_large", f"body of {int(length)} bytes is over the cap of {cap}", url=asked,
                             status=resp.status_code)
        raw = resp.raw
        received = 0
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FetchError("timeout", f"deadline of {self.settings.fetch_deadline:g}s exceeded while "
                                            f"reading the body ({received} bytes)", url=asked)
            sock = getattr(getattr(raw, "_connection", None), "sock", None)
            if sock is not None:
                try:
                    sock.settimeout(min(self.settings.timeout, remaining))
                except OSError:
                    pass
            try:
                data = raw.read1(CHUNK, decode_content=False)
            except Exception as e:  # noqa: BLE001
                klass, msg = classify_exception(e)
                if klass == "timeout" and time.monotonic() >= deadline - 0.05:
                    msg = f"deadline of {self.settings.fetch_deadline:g}s exceeded while reading the body"
                elif klass == "connect":
                    msg = f"body truncated after {received} bytes ({msg})"
                raise FetchError(klass, msg, url=asked) from None
            if not data:
                break
            received += len(data)
            try:
                inflater.feed(data)
            except _TooLarge:
                if error_ok:
                    break
                raise FetchError("too_large", f"body over the cap of {cap} bytes (decoded)", url=asked,
                                 status=resp.status_code) from None
            except zlib.error as e:
                raise FetchError("http", f"corrupt {encoding} body: {e}", url=asked, status=resp.status_code) \
                    from None
        try:
            return inflater.finish()
        except _TooLarge:
            if error_ok:
                return b"".join(inflater.parts)
            raise FetchError("too_large", f"body over the cap of {cap} bytes (decoded)", url=asked,
                             status=resp.status_code) from None

    def _result(self, asked: str, final: str, status: int, rh: dict, body: bytes, source: Source | None,
                etag: str | None, last_modified: str | None, elapsed: float) -> Fetched:
        new_etag = rh.get("etag") or None
        new_lm = rh.get("last-modified") or None
        if status == 304:
            return Fetched(url=asked, final_url=final, status=304, headers=rh, body=b"", text=None,
                           encoding=None, etag=new_etag or etag, last_modified=new_lm or last_modified,
                           elapsed=elapsed)
        name = detect_challenge(status, rh, body)
        if name:
            raise FetchError("antibot", f"{name} challenge page (HTTP {status})", url=asked, status=status)
        if status in (404, 410):
            raise FetchError("gone", f"HTTP {status}", url=asked, status=status)
        if not 200 <= status < 300:
            ra = retry_after(rh.get("retry-after"))
            raise FetchError("http", f"HTTP {status}", url=asked, status=status, retry_after=ra)
        text, enc = decode(body, rh, forced=source.encoding if source is not None else None)
        why = soft_error(text)
        if why:
            raise FetchError("http", why, url=asked, status=status)
        return Fetched(url=asked, final_url=final, status=status, headers=rh, body=body, text=text,
                       encoding=enc, etag=new_etag, last_modified=new_lm, elapsed=elapsed)

