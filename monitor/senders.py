"""Small senders for the Chinese chat robots apprise gets wrong: DingTalk, WeCom bot, Feishu, Lark.

Why not apprise for these (apprise 2.2):
- it reports success on HTTP 200 even when the JSON body says errcode/code ≠ 0 (DingTalk 310000 "sign not match",
  300001 bad token, 130101 too fast; WeCom 93000 bad key; Feishu 19021 bad signature) — alerts would be lost silently;
- its DingTalk signature is URL-encoded and then handed to requests as a query parameter, which encodes it a second
  time (%2B → %252B), so 加签 robots reject every message that contains + / = in the signature;
- the endpoints are fixed, so tests could not point them at a local receiver.

Each sender accepts the same URLs apprise does (dingtalk://[secret@]token[/phone…], wecombot://key, feishu://[secret@]token,
lark://[secret@]token, with ?token= / ?secret= / ?key=) and the services' own https webhook URLs. The origin of each API
can be replaced by an environment variable (MONITOR_DINGTALK_API, MONITOR_WECOM_API, MONITOR_FEISHU_API,
MONITOR_LARK_API, e.g. http://127.0.0.1:8080) — tests use this to reach a local receiver.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, quote, unquote, urlsplit

import requests

TIMEOUT = (5.0, 15.0)       # connect, read
USER_AGENT = "monitor/0.1 (policy-change monitor)"


class SendError(Exception):
    """A send that the service did not accept. The message never contains the URL's secrets."""


@dataclass(frozen=True)
class Target:
    token: str
    secret: str | None = None
    targets: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)


def _qs(url: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}


def _host_token(url: str) -> tuple[str, str | None, list[str]]:
    """scheme://[user@]host/seg/seg → (host, user, [segs]) without decoding the host's case."""
    rest = url.split("://", 1)[1]
    rest = rest.split("?", 1)[0].split("#", 1)[0]
    auth, _, hostpath = rest.rpartition("@") if "@" in rest.split("/", 1)[0] else ("", "", rest)
    host, _, path = hostpath.partition("/")
    user = unquote(auth.split(":", 1)[0]) if auth else None
    return unquote(host), user, [unquote(s) for s in path.split("/") if s]


class ChatSender:
    """One chat robot API: how to read its URL, build its request and judge its answer."""

    name = ""
    schemes: tuple[str, ...] = ()
    native: re.Pattern | None = None
    env = ""
    origin = ""
    fmt = "text"
    limit = 20000               # bytes, as measured by size()

    # -- URLs
    def handles(self, url: str) -> bool:
        scheme = url.split("://", 1)[0].lower() if "://" in url else ""
        return scheme in self.schemes or bool(self.native and self.native.match(url))

    def parse(self, url: str) -> Target:
        raise NotImplementedError

    def base(self) -> str:
        return (os.environ.get(self.env) or self.origin).rstrip("/")

    # -- requests
    def request(self, target: Target, title: str, body: str, key: str | None) -> tuple[str, dict]:
        """(endpoint URL, JSON payload)."""
        raise NotImplementedError

    def size(self, title: str, body: str) -> int:
        """Bytes counted against `limit` for this message."""
        return len(json.dumps(self.payload_for_size(title, body), ensure_ascii=False).encode("utf-8"))

    def payload_for_size(self, title: str, body: str) -> dict:
        return self.request(Target(token="x" * 32, secret=None), title, body, None)[1]

    def error_of(self, status: int, text: str) -> str | None:
        """None when the service accepted the message, else a short reason."""
        if status != 200:
            return f"HTTP {status}: {_short(text)}"
        try:
            data = json.loads(text or "null")
        except ValueError:
            return f"HTTP 200 but not JSON: {_short(text)}"
        if not isinstance(data, dict):
            return f"HTTP 200 but unexpected answer: {_short(text)}"
        for k in ("errcode", "code", "StatusCode"):
            if k in data and data[k] not in (0, "0"):
                msg = data.get("errmsg") or data.get("msg") or data.get("StatusMessage") or ""
                return f"{self.name} {k}={data[k]} {msg}".strip()
        if not any(k in data for k in ("errcode", "code", "StatusCode")):
            return f"HTTP 200 but no status in answer: {_short(text)}"
        return None

    def send(self, url: str, title: str, body: str, key: str | None = None, *, timeout=TIMEOUT) -> None:
        target = self.parse(url)
        endpoint, payload = self.request(target, title, body, key)
        headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT}
        if key:
            headers["X-Monitor-Key"] = key
        try:
            r = requests.post(endpoint, data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
                              headers=headers, timeout=timeout, allow_redirects=False)
        except requests.ConnectionError as e:
            raise SendError(f"{self.name}: cannot connect ({_reason(e)})") from None
        except requests.Timeout:
            raise SendError(f"{self.name}: timed out") from None
        except requests.RequestException as e:
            raise SendError(f"{self.name}: {type(e).__name__}: {_short(str(e))}") from None
        err = self.error_of(r.status_code, r.text)
        if err:
            raise SendError(err)


def _reason(e: Exception) -> str:
    text = str(e)
    for word in ("Connection refused", "Name or service not known", "No route to host", "Connection reset",
                 "Temporary failure in name resolution", "certificate verify failed"):
        if word.lower() in text.lower():
            return word
    return _short(text, 120)


def _short(text: str | None, n: int = 200) -> str:
    return " ".join((text or "").split())[:n]


# ---------------------------------------------------------------- DingTalk

def dingtalk_sign(secret: str, timestamp_ms: int | str) -> str:
    """DingTalk 加签: base64(HMAC-SHA256(key=secret, msg=timestamp + "\\n" + secret)), not yet URL-encoded."""
    msg = f"{timestamp_ms}\n{secret}".encode("utf-8")
    return base64.b64encode(hmac.new(secret.encode("utf-8"), msg, hashlib.sha256).digest()).decode("ascii")


class DingTalk(ChatSender):
    name = "dingtalk"
    schemes = ("dingtalk",)
    native = re.compile(r"^https?://oapi\.dingtalk\.com/robot/send\?", re.I)
    env = "MONITOR_DINGTALK_API"
    origin = "https://oapi.dingtalk.com"
    fmt = "markdown"
    limit = 20000

    def parse(self, url: str) -> Target:
        q = _qs(url)
        if self.native.match(url):
            token = q.get("access_token", "")
            secret = q.get("secret") or None
            phones: list[str] = []
        else:
            token, secret, phones = _host_token(url)
            token = q.get("token") or token
            secret = q.get("secret") or secret
            phones += [p for p in re.split(r"[\s,;]+", q.get("to", "")) if p]
        if not token:
            raise SendError("dingtalk: no access token in the URL")
        phones = ["".join(re.findall(r"\d+", p)) for p in phones]
        return Target(token=token, secret=secret or None, targets=tuple(p for p in phones if 11 <= len(p) <= 14))

    def request(self, target, title, body, key):
        endpoint = f"{self.base()}/robot/send?access_token={quote(target.token, safe='')}"
        if target.secret:
            ts = int(time.time() * 1000)
            endpoint += f"&timestamp={ts}&sign={quote(dingtalk_sign(target.secret, ts), safe='')}"
        text = f"### {title}\n\n{body}" if title else body
        if target.targets:
            text += "\n\n" + " ".join("@" + p for p in target.targets)
        payload = {"msgtype": "markdown", "markdown": {"title": title or "monitor", "text": text},
                   "at": {"atMobiles": list(target.targets), "isAtAll": False}}
        return endpoint, payload


# ---------------------------------------------------------------- WeCom (企业微信) group robot

class WeComBot(ChatSender):
    name = "wecom"
    schemes = ("wecombot",)
    native = re.compile(r"^https?://qyapi\.weixin\.qq\.com/cgi-bin/webhook/send\?", re.I)
    env = "MONITOR_WECOM_API"
    origin = "https://qyapi.weixin.qq.com"
    fmt = "text"
    limit = 2048                # bytes of text.content

    def parse(self, url: str) -> Target:
        q = _qs(url)
        key = q.get("key") or ("" if self.native.match(url) else _host_token(url)[0])
        if not key:
            raise SendError("wecom: no robot key in the URL")
        return Target(token=key)

    def request(self, target, title, body, key):
        endpoint = f"{self.base()}/cgi-bin/webhook/send?key={quote(target.token, safe='')}"
        return endpoint, {"msgtype": "text", "text": {"content": f"{title}\n{body}" if title else body}}

    def size(self, title, body):
        return len((f"{title}\n{body}" if title else body).encode("utf-8"))


# ---------------------------------------------------------------- Feishu / Lark custom bot

def feishu_sign(secret: str, timestamp_s: int | str) -> str:
    """Feishu/Lark 签名校验: base64(HMAC-SHA256(key=timestamp + "\\n" + secret, msg=b""))."""
    key = f"{timestamp_s}\n{secret}".encode("utf-8")
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode("ascii")


class Feishu(ChatSender):
    name = "feishu"
    schemes = ("feishu",)
    native = re.compile(r"^https?://open\.feishu\.cn/open-apis/bot/v2/hook/", re.I)
    env = "MONITOR_FEISHU_API"
    origin = "https://open.feishu.cn"
    fmt = "text"
    limit = 20000

    def parse(self, url: str) -> Target:
        q = _qs(url)
        if self.native and self.native.match(url):
            token = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
            secret = q.get("secret")
        else:
            token, secret, _ = _host_token(url)
            token = q.get("token") or token
            secret = q.get("secret") or secret
        if not token:
            raise SendError(f"{self.name}: no bot token in the URL")
        return Target(token=token, secret=secret or None)

    def request(self, target, title, body, key):
        endpoint = f"{self.base()}/open-apis/bot/v2/hook/{quote(target.token, safe='')}"
        payload: dict = {"msg_type": "text", "content": {"text": f"{title}\n{body}" if title else body}}
        if target.secret:
            ts = int(time.time())
            payload = {"timestamp": str(ts), "sign": feishu_sign(target.secret, ts)} | payload
        return endpoint, payload


class Lark(Feishu):
    name = "lark"
    schemes = ("lark",)
    native = re.compile(r"^https?://open\.larksuite\.com/open-apis/bot/v2/hook/", re.I)
    env = "MONITOR_LARK_API"
    origin = "https://open.larksuite.com"


SENDERS: dict[str, ChatSender] = {s.name: s for s in (DingTalk(), WeComBot(), Feishu(), Lark())}


def for_url(url: str) -> ChatSender | None:
    """The sender of our own for this URL, or None when apprise should send it."""
    return next((s for s in SENDERS.values() if s.handles(url)), None)


__all__ = ["SendError", "ChatSender", "DingTalk", "WeComBot", "Feishu", "Lark", "SENDERS", "for_url",
           "dingtalk_sign", "feishu_sign"]
