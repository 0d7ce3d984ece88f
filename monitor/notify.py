"""Sending alerts: the only apprise code. One result per URL, secrets masked, never raises.

DingTalk, WeCom bot, Feishu and Lark go through monitor.senders (apprise counts their errcode answers as success and
double-encodes DingTalk signatures); everything else goes through apprise, one instance per URL, throttling off.
The idempotency key goes in the message footer and, for json:// xml:// form://, in an X-Monitor-Key header.
"""
from __future__ import annotations

import logging
import random
import re
import threading
from dataclasses import dataclass
from typing import Iterable
from urllib.parse import quote, unquote

from .models import Change, Channel
from .render import Message, _cut_bytes, render
from . import senders as _senders

log = logging.getLogger("monitor.notify")

# apprise logs URLs and payloads (tokens) at DEBUG: never let it below INFO, whatever the root logger says
_apprise_log = logging.getLogger("apprise")


def _quiet_apprise() -> None:
    if _apprise_log.level == logging.NOTSET or _apprise_log.level < logging.INFO:
        _apprise_log.setLevel(logging.INFO)


_quiet_apprise()

KEY_HEADER = "X-Monitor-Key"
HEADER_SCHEMES = ("json", "jsons", "xml", "xmls", "form", "forms")
EMAIL_SCHEMES = ("mailto", "mailtos")
BACKOFF_BASE = 60.0         # seconds before the second try
BACKOFF_CAP = 3600.0


@dataclass(frozen=True)
class UrlResult:
    url: str                # masked
    ok: bool
    error: str | None = None


# ---------------------------------------------------------------- masking

_SECRET_KEYS = re.compile(r"(token|secret|key|pass|pwd|sign|auth|apikey|api_key|access|credential|session|webhook|sig)",
                          re.I)
_HOSTLIKE = re.compile(r"^(localhost|\[[0-9a-f:.]+\]|\d{1,3}(\.\d{1,3}){3}|[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,})$", re.I)
# query values that look like secrets wherever they appear in free text
_INLINE = re.compile(r"(?i)\b((?:access_)?token|secret|key|sign|password|passwd|pass|apikey|api_key|auth)=([^&\s\"'<>]+)")
_URL_IN_TEXT = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]{1,15}://[^\s\"'<>]+")
STARS = "***"


def _looks_secret(seg: str) -> bool:
    s = unquote(seg)
    if len(s) >= 20:
        return True
    return len(s) >= 8 and bool(re.search(r"\d", s)) and bool(re.search(r"[A-Za-z]", s))


_PLAIN_PARAMS = ("to", "from", "format", "overflow", "mode", "cc", "bcc", "name", "lang", "verify", "rto", "cto")


def _query_pairs(query: str) -> list[tuple[str, str | None]]:
    """Raw (undecoded) key/value pairs: '+Header=v' keeps its '+'."""
    out = []
    for part in query.split("&"):
        if part:
            k, eq, v = part.partition("=")
            out.append((k, v if eq else None))
    return out


def _secret_param(k: str, v: str) -> bool:
    name = unquote(k).lstrip("+-: ").lower()
    if name in _PLAIN_PARAMS:
        return False
    return bool(_SECRET_KEYS.search(name)) or _looks_secret(v)


def _split(url: str):
    """(scheme, userinfo|None, host[:port], path, query, fragment) without trusting urllib with odd hosts."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return None
    rest, _, frag = rest.partition("#")
    rest, _, query = rest.partition("?")
    netloc, slash, path = rest.partition("/")
    userinfo, at, hostport = netloc.rpartition("@")
    return scheme, (userinfo if at else None), hostport, slash + path, query, frag


def mask(url: str) -> str:
    """The URL with its secrets replaced by ***: passwords, users that are secrets, token hosts
    (dingtalk://TOKEN), token-like path segments, and query values of secret keys. Scheme and host are kept."""
    try:
        parts = _split(url)
        if parts is None:
            return _scrub_free(url)
        scheme, userinfo, hostport, path, query, frag = parts
        out = scheme + "://"
        if userinfo is not None:
            user, colon, _pw = userinfo.partition(":")
            if scheme.lower() in EMAIL_SCHEMES and not _looks_secret(user) and colon:
                out += f"{user}:{STARS}@"
            else:
                out += f"{STARS}@"
        host, _, port = hostport.partition(":")
        if host and not _HOSTLIKE.match(unquote(host)):
            host = STARS               # the host is a token (dingtalk://TOKEN, wecombot://KEY …)
        if port and not port.isdigit():
            port = STARS                # tgram://123:SECRET style
        out += host + (":" + port if port else "")
        segs = path.split("/")
        out += "/".join(STARS if s and _looks_secret(s) else s for s in segs)
        if query:
            q = []
            for k, v in _query_pairs(query):
                if v and _secret_param(k, v):
                    v = STARS
                q.append(k if v is None else f"{k}={v}")
            out += "?" + "&".join(q)
        if frag:
            out += "#" + STARS
        return out
    except Exception:  # noqa: BLE001 - masking must never fail open
        return (url.split("://", 1)[0] + "://" + STARS) if "://" in url else STARS


def _secrets_of(url: str) -> set[str]:
    """Every piece of `url` that mask() would hide, raw and decoded, for scrubbing free text."""
    found: set[str] = set()
    parts = _split(url)
    if parts is None:
        return found
    scheme, userinfo, hostport, path, query, _frag = parts
    if userinfo:
        for p in userinfo.split(":"):
            if p and (len(p) >= 4):
                found.add(p)
    host, _, port = hostport.partition(":")
    if host and not _HOSTLIKE.match(unquote(host)):
        found.add(host)
    if port and not port.isdigit():
        found.add(port)
    for s in path.split("/"):
        if s and _looks_secret(s):
            found.add(s)
    for k, v in _query_pairs(query):
        if v and _secret_param(k, v):
            found.add(v)
            found.update(p for p in re.split(r"[\s+]|%20", unquote(v)) if _looks_secret(p))   # 'Bearer TOKEN'

    return {x for s in found for x in (s, unquote(s), quote(s, safe="")) if len(x) >= 4}


def _scrub_free(text: str) -> str:
    text = _URL_IN_TEXT.sub(lambda m: mask(m.group(0)), text)
    return _INLINE.sub(lambda m: f"{m.group(1)}={STARS}", text)


def scrub(text: str, urls: Iterable[str] = ()) -> str:
    """Free text (an error message) with every secret of `urls` and every URL-looking secret masked."""
    out = str(text)
    secrets = sorted({s for u in urls for s in _secrets_of(u)}, key=len, reverse=True)
    for s in secrets:
        out = out.replace(s, STARS)
    return _scrub_free(out)


# ---------------------------------------------------------------- formats

def _scheme(url: str) -> str:
    return url.split("://", 1)[0].lower() if "://" in url else ""


def service_format(url: str) -> tuple[str, int | None]:
    """(render format, body byte limit) for the service of `url`."""
    snd = _senders.for_url(url)
    if snd is not None:
        return snd.fmt, snd.limit
    scheme = _scheme(url)
    if scheme in EMAIL_SCHEMES:
        return "html", None
    if scheme in HEADER_SCHEMES:
        return "markdown", None
    try:
        import apprise
        obj = apprise.Apprise.instantiate(url, suppress_exceptions=True)
    except Exception:  # noqa: BLE001
        obj = None
    if obj is not None:
        # markdown reads well as plain text and apprise converts it for services that want HTML
        # (Telegram, Matrix …), whose HTML subsets would refuse our email markup
        maxlen = getattr(obj, "body_maxlen", 0) or None
        return "markdown", (maxlen if maxlen and maxlen < 100_000 else None)
    return "markdown", None


def footer_for(key: str | None) -> str | None:
    return f"— monitor 提醒编号 {key}" if key else None


# ---------------------------------------------------------------- apprise

class _Capture(logging.Handler):
    """Collects apprise's warnings of the current thread: apprise reports why a send failed only in its log."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.lines: list[str] = []

    def emit(self, record):
        if record.thread == self.thread:
            try:
                self.lines.append(record.getMessage())
            except Exception:  # noqa: BLE001
                pass


def _with_header(url: str, key: str | None) -> str:
    if not key or _scheme(url) not in HEADER_SCHEMES:
        return url
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}+{KEY_HEADER}={quote(key, safe='')}"


def _apprise_send(url: str, title: str, body: str, fmt: str, key: str | None) -> str | None:
    """None on success, else a reason (not yet scrubbed)."""
    import apprise
    from apprise import NotifyFormat
    obj = apprise.Apprise.instantiate(_with_header(url, key), suppress_exceptions=True)
    if obj is None:
        return "not a usable apprise URL (unknown scheme or missing parts)"
    obj.request_rate_per_sec = 0          # apprise sleeps ~5.5 s between sends of one instance otherwise
    _quiet_apprise()                      # someone may have turned it to DEBUG since import
    cap = _Capture()
    _apprise_log.addHandler(cap)
    try:
        ok = obj.notify(body=body, title=title,
                        body_format={"html": NotifyFormat.HTML, "text": NotifyFormat.TEXT}.get(fmt, NotifyFormat.MARKDOWN))
    finally:
        _apprise_log.removeHandler(cap)
    if ok:
        return None
    return "; ".join(dict.fromkeys(cap.lines)) or "apprise reported failure"


# ---------------------------------------------------------------- rendering per service

def _fit(snd, changes: list[Change], fmt: str, limit: int | None, key: str | None) -> Message:
    """Render for a chat sender so that its measured size stays within its limit."""
    footer = footer_for(key)
    if limit is None or snd is None:
        return render(changes, fmt, limit=limit, footer=footer)
    budget = limit
    msg = render(changes, fmt, limit=budget, footer=footer)
    for _ in range(8):
        over = snd.size(msg.title, msg.body) - limit
        if over <= 0:
            return msg
        budget = max(64, budget - over - 32)
        msg = render(changes, fmt, limit=budget, footer=footer)
    return msg


def _send_all(url: str, snd, changes: list[Change], fmt: str, limit: int | None, key: str | None) -> UrlResult:
    """Every change reaches the URL: what does not fit in one message goes out in the next ones (part keys)."""
    rest, part, result = list(changes), 0, UrlResult(mask(url), True)
    while rest:
        part_key = key if part == 0 or key is None else f"{key}-{part}"
        msg = _fit(snd, rest, fmt, limit, part_key)
        shown = max(1, len(rest) - msg.dropped)
        result = _send_one(url, msg.title, msg.body, fmt, part_key)
        if not result.ok:
            return result
        rest, part = rest[shown:], part + 1
    return result


def _fit_text(snd, title: str, body: str, limit: int | None) -> tuple[str, str]:
    if limit is None or snd is None:
        return title, body
    for _ in range(8):
        over = snd.size(title, body) - limit
        if over <= 0:
            break
        body = _cut_bytes(body, max(0, len(body.encode("utf-8")) - over - 16))
    return title, body


def _send_one(url: str, title: str, body: str, fmt: str, key: str | None) -> UrlResult:
    snd = _senders.for_url(url)
    if snd is not None:
        snd.send(url, title, body, key)
        return UrlResult(mask(url), True, None)
    err = _apprise_send(url, title, body, fmt, key)
    return UrlResult(mask(url), err is None, None if err is None else scrub(err, [url]))


def send(channel: Channel, changes: list[Change], *, key: str) -> list[UrlResult]:
    """Send `changes` to every URL of `channel`, each in its service's format and size. One result per URL."""
    changes = list(changes)
    results = []
    for url in channel.notify:
        try:
            fmt, limit = service_format(url)
            snd = _senders.for_url(url)
            results.append(_send_all(url, snd, changes, fmt, limit, key))
        except Exception as e:  # noqa: BLE001 - a failed send is a result, never an exception
            results.append(UrlResult(mask(url), False, scrub(f"{type(e).__name__}: {e}" if not isinstance(
                e, _senders.SendError) else str(e), [url])))
        r = results[-1]
        if r.ok:
            log.info("sent %d change(s) to %s (channel %s)", len(changes), r.url, channel.id)
        else:
            log.warning("send to %s failed (channel %s): %s", r.url, channel.id, r.error)
    return results


def send_text(channel: Channel, title: str, body: str) -> list[UrlResult]:
    """Send a plain message (notify-test) to every URL of `channel`. One result per URL."""
    results = []
    for url in channel.notify:
        try:
            fmt, limit = service_format(url)
            snd = _senders.for_url(url)
            t, b = _fit_text(snd, title, body, limit)
            if fmt == "html":
                import html as _html
                b = "<p>" + _html.escape(b).replace("\n", "<br>\n") + "</p>"
            results.append(_send_one(url, t, b, fmt, None))
        except Exception as e:  # noqa: BLE001
            results.append(UrlResult(mask(url), False, scrub(f"{type(e).__name__}: {e}" if not isinstance(
                e, _senders.SendError) else str(e), [url])))
    return results


# ---------------------------------------------------------------- retries

def backoff(attempts: int) -> float:
    """Seconds until the next try after `attempts` failed tries: 1 min, 2, 4 … doubled, jittered ±20 %, capped at 1 h."""
    n = max(1, int(attempts))
    base = BACKOFF_BASE * (2 ** min(n - 1, 20))
    return min(BACKOFF_CAP, base * random.uniform(0.8, 1.2))


__all__ = ["UrlResult", "mask", "scrub", "service_format", "send", "send_text", "backoff", "KEY_HEADER"]
