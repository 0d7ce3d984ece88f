"""Local stand-ins for notification services, for tests (loopback only).

WebhookReceiver — a real HTTP server on 127.0.0.1 (port 0) that records every request and answers as programmed:

    with WebhookReceiver() as rx:
        rx.url                    # http://127.0.0.1:PORT/hook  (json:// apprise URL: rx.apprise_url("json"))
        rx.base                   # http://127.0.0.1:PORT       (for MONITOR_DINGTALK_API etc.)
        rx.requests               # list of dicts: method, path, query, headers, body (str), json (or None)
        rx.respond(500)                          # every later request gets HTTP 500
        rx.respond(200, {"errcode": 310000, "errmsg": "sign not match"}, times=2)   # next two only
        rx.down(); rx.up()        # connection refused while down, same port after up()
        rx.dingtalk_secret = "SEC…"   # verify DingTalk 加签 exactly as DingTalk documents; bad → 310000
        rx.feishu_secret = "…"        # verify Feishu/Lark 签名校验; bad → code 19021
        rx.wait_for(3, timeout=5)

SmtpSink — an aiosmtpd SMTP server on 127.0.0.1 collecting messages:

    with SmtpSink() as smtp:
        smtp.port; smtp.url("mailto", to="ops@example.com")   # an apprise mailto:// URL to it
        smtp.messages             # list of email.message.EmailMessage
"""
from __future__ import annotations

import base64
import email
import email.policy
import hashlib
import hmac
import json
import socket
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

OK_BODY = {"errcode": 0, "errmsg": "ok", "code": 0, "msg": "success", "StatusCode": 0}


def dingtalk_expected_sign(secret: str, timestamp: str) -> str:
    """As DingTalk documents it: base64(HmacSHA256(secret, timestamp+"\\n"+secret)); the query carries it URL-encoded
    once (parse_qs below decodes it once)."""
    mac = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(mac).decode()


def feishu_expected_sign(secret: str, timestamp: str) -> str:
    mac = hmac.new(f"{timestamp}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(mac).decode()


class WebhookReceiver:
    def __init__(self, *, path: str = "/hook"):
        self.path = path
        self.requests: list[dict] = []
        self.dingtalk_secret: str | None = None
        self.feishu_secret: str | None = None
        self._default: tuple[int, object] = (200, OK_BODY)
        self._queue: deque[tuple[int, object]] = deque()
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    # ------------------------------------------------------------ life
    def __enter__(self) -> "WebhookReceiver":
        self.up()
        return self

    def __exit__(self, *exc) -> None:
        self.down()

    def up(self) -> None:
        if self._server is not None:
            return
        handler = _make_handler(self)
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()

    def down(self) -> None:
        """Stop listening: senders then get 'connection refused'."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
        self._server = None

    # ------------------------------------------------------------ addresses
    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return self.base + self.path

    def apprise_url(self, scheme: str = "json") -> str:
        """e.g. json://127.0.0.1:PORT/hook"""
        return f"{scheme}://127.0.0.1:{self.port}{self.path}"

    # ------------------------------------------------------------ programming
    def respond(self, status: int = 200, body: object = None, *, times: int | None = None) -> None:
        """Answer with `status` and `body` (dict → JSON, str → text; None → the OK body).
        times=None: from now on; times=N: the next N requests only, then back to the default."""
        body = OK_BODY if body is None else body
        with self._lock:
            if times is None:
                self._queue.clear()
                self._default = (status, body)
            else:
                self._queue.extend([(status, body)] * times)

    def errcode(self, code: int = 310000, msg: str = "sign not match", *, times: int | None = None) -> None:
        """HTTP 200 with a DingTalk/WeCom-style error body (also carries Feishu's `code`)."""
        self.respond(200, {"errcode": code, "errmsg": msg, "code": code, "msg": msg}, times=times)

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()

    def wait_for(self, n: int, timeout: float = 5.0) -> bool:
        end = time.monotonic() + timeout
        with self._cond:
            while len(self.requests) < n:
                left = end - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    # ------------------------------------------------------------ views
    def bodies(self) -> list:
        return [r["json"] if r["json"] is not None else r["body"] for r in self.requests]

    def texts(self) -> list[str]:
        """Every request body as one string (JSON re-dumped without escapes), for substring asserts."""
        return [json.dumps(r["json"], ensure_ascii=False) if r["json"] is not None else r["body"]
                for r in self.requests]

    # ------------------------------------------------------------ internals
    def _answer(self, req: dict) -> tuple[int, object]:
        q = req["query"]
        if self.dingtalk_secret is not None and "access_token" in q:
            ts, sign = q.get("timestamp"), q.get("sign")
            ok = bool(ts and sign) and hmac.compare_digest(sign, dingtalk_expected_sign(self.dingtalk_secret, ts))
            if ok:
                ok = abs(int(time.time() * 1000) - int(ts)) < 3600_000
            req["sign_ok"] = ok
            if not ok:
                return 200, {"errcode": 310000, "errmsg": "sign not match, more: [https://ding-doc.dingtalk.com/]"}
        if self.feishu_secret is not None and "/bot/v2/hook/" in req["path"]:
            js = req["json"] or {}
            ts, sign = str(js.get("timestamp", "")), js.get("sign")
            ok = bool(ts and sign) and hmac.compare_digest(str(sign), feishu_expected_sign(self.feishu_secret, ts))
            req["sign_ok"] = ok
            if not ok:
                return 200, {"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"}
        with self._lock:
            return self._queue.popleft() if self._queue else self._default


def _make_handler(rx: WebhookReceiver):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):  # quiet
            pass

        def _handle(self):
            n = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(n) if n else b""
            text = raw.decode("utf-8", errors="replace")
            try:
                js = json.loads(text) if text else None
            except ValueError:
                js = None
            parts = urlsplit(self.path)
            req = {"method": self.command, "path": parts.path, "raw_path": self.path,
                   "query": {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()},
                   "headers": {k: v for k, v in self.headers.items()},
                   "body": text, "json": js}
            status, body = rx._answer(req)
            with rx._cond:
                rx.requests.append(req)
                rx._cond.notify_all()
            out = json.dumps(body, ensure_ascii=False).encode() if not isinstance(body, (str, bytes)) else (
                body.encode() if isinstance(body, str) else body)
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8" if not isinstance(body, (str, bytes))
                             else "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        do_POST = do_PUT = do_GET = _handle

    return Handler


# ---------------------------------------------------------------- SMTP

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpSink:
    """aiosmtpd on 127.0.0.1 collecting every message (no auth, no TLS)."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[dict] = []
        self._cond = threading.Condition()
        self._controller = None
        self.port = 0

    def __enter__(self) -> "SmtpSink":
        from aiosmtpd.controller import Controller

        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                msg = email.message_from_bytes(envelope.original_content or envelope.content,
                                               policy=email.policy.default)
                with sink._cond:
                    sink.messages.append(msg)
                    sink.envelopes.append({"from": envelope.mail_from, "to": list(envelope.rcpt_tos)})
                    sink._cond.notify_all()
                return "250 OK"

        self.port = _free_port()
        self._controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def url(self, scheme: str = "mailto", *, to: str = "ops@example.com", sender: str = "monitor@example.com") -> str:
        """An apprise URL delivering to this sink without TLS or login."""
        return f"{scheme}://127.0.0.1:{self.port}?from={sender}&to={to}&mode=insecure"

    def wait_for(self, n: int, timeout: float = 5.0) -> bool:
        end = time.monotonic() + timeout
        with self._cond:
            while len(self.messages) < n:
                left = end - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    @staticmethod
    def parts(msg) -> dict[str, str]:
        """{'text/plain': …, 'text/html': …} of a message."""
        out = {}
        for part in msg.walk():
            ct = part.get_content_type()
            if ct.startswith("text/") and ct not in out:
                out[ct] = part.get_content()
        return out
