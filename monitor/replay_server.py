"""The offline replay web: versioned snapshots of real-looking sites, served on loopback.

Layout of a replay root (the bundled one is monitor/replay/web; tests build their own)::

    <root>/<round>/<hostname>/<path>     a file served at http://<hostname>/<path> from that round on
    <root>/<round>/_gone.txt             lines `hostname/path`: answer 404 from that round on
    <root>/<round>/_nocharset.txt        lines `hostname/path`: served as bare `text/html` (no charset)
    <root>/<round>/_date.txt             optional: the Last-Modified of that round's files (ISO or HTTP date)

Rounds are overlays: round rN holds only what differs from the previous round; the served view is the merge of every
round up to the current one (later rounds win). Each hostname gets its own ThreadingHTTPServer on its own loopback
address 127.0.0.N, so URLs keep their real host names in the pages while all traffic stays on the machine. Absolute
links to a served host (`http://gxj.sz.gov.cn/…`, `https://…`, `//host/…`) are rewritten to that host's origin when
served, as a web archive replay does; ETags are computed over the bytes actually served.

    with ReplayWeb(round="r1") as web:
        url = web.origin("gxj.sz.gov.cn") + "/xxgk/xxgkml/qt/tzgg/"
        web.set_round("r3")

`python -m monitor.replay_server --round r3` serves the bundled web until Ctrl-C and prints the origins.
"""
from __future__ import annotations

import email.utils
import hashlib
import re
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

DEFAULT_ROOT = Path(__file__).resolve().parent / "replay" / "web"
GONE = "_gone.txt"
NOCHARSET = "_nocharset.txt"
DATEFILE = "_date.txt"
CONTROL = {GONE, NOCHARSET, DATEFILE}
BASE_DATE = datetime(2026, 1, 1, 8, 0, 0, tzinfo=timezone.utc)   # Last-Modified of round k: BASE_DATE + k days

TYPES = {
    ".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8", ".shtml": "text/html; charset=utf-8",
    ".json": "application/json", ".xml": "application/rss+xml", ".rss": "application/rss+xml",
    ".atom": "application/atom+xml", ".txt": "text/plain; charset=utf-8", ".css": "text/css",
    ".js": "application/javascript", ".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg",
    ".gif": "image/gif",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword", ".xls": "application/vnd.ms-excel", ".zip": "application/zip",
}


def _round_key(name: str) -> tuple:
    m = re.fullmatch(r"([A-Za-z_-]*)(\d+)", name)
    return (m.group(1), int(m.group(2))) if m else (name, 0)


def list_rounds(root: Path) -> list[str]:
    return sorted((p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))), key=_round_key)


def _norm_key(host: str, path: str) -> tuple[str, str]:
    """(hostname, path) with path starting with '/', directory → index.html, percent-decoded, query dropped."""
    path = unquote(urlsplit(path).path if "?" in path or "#" in path else path)
    if not path.startswith("/"):
        path = "/" + path
    if path.endswith("/"):
        path += "index.html"
    return host.lower(), path


def _lines(p: Path) -> list[str]:
    if not p.is_file():
        return []
    out = []
    for line in p.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if line:
            out.append(line)
    return out


def _split_line(line: str) -> tuple[str, str]:
    line = re.sub(r"^[a-z]+://", "", line)
    host, _, path = line.partition("/")
    return _norm_key(host, "/" + path)


def _round_date(root: Path, rnd: str, index: int) -> datetime:
    for line in _lines(root / rnd / DATEFILE):
        try:
            d = datetime.fromisoformat(line)
        except ValueError:
            try:
                d = email.utils.parsedate_to_datetime(line)
            except (TypeError, ValueError):
                continue
        return d if d.tzinfo else d.replace(tzinfo=timezone.utc)
    return BASE_DATE + timedelta(days=index)


def _sniff_type(body: bytes) -> str:
    head = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return "application/json"
    if head.startswith(b"<?xml") and (b"<rss" in body[:512] or b"<feed" in body[:512]):
        return "application/rss+xml"
    if head.startswith(b"<"):
        return "text/html; charset=utf-8"
    return "application/octet-stream"


class _Entry:
    __slots__ = ("file", "round", "modified", "nocharset")

    def __init__(self, file: Path, rnd: str, modified: datetime):
        self.file, self.round, self.modified, self.nocharset = file, rnd, modified, False


class _View:
    """The merged view of rounds ≤ current: (host, path) → entry; gone keys answer 404."""

    def __init__(self, root: Path, rounds: list[str], upto: str):
        self.files: dict[tuple[str, str], _Entry] = {}
        self.gone: set[tuple[str, str]] = set()
        nocharset: set[tuple[str, str]] = set()
        for k in _lines(root / NOCHARSET):
            nocharset.add(_split_line(k))
        for i, rnd in enumerate(rounds):
            if _round_key(rnd) > _round_key(upto):
                break
            modified = _round_date(root, rnd, i)
            rdir = root / rnd
            for hdir in sorted(p for p in rdir.iterdir() if p.is_dir()):
                for f in hdir.rglob("*"):
                    if f.is_file():
                        key = _norm_key(hdir.name, "/" + f.relative_to(hdir).as_posix())
                        self.files[key] = _Entry(f, rnd, modified)
                        self.gone.discard(key)
            for line in _lines(rdir / GONE):
                key = _split_line(line)
                self.gone.add(key)
                self.files.pop(key, None)
            for line in _lines(rdir / NOCHARSET):
                nocharset.add(_split_line(line))
        for key, e in self.files.items():
            e.nocharset = key in nocharset or e.file.name.endswith(".gbk.html")


class ReplayWeb:
    """Serves a replay root: one loopback server per hostname. A context manager."""

    def __init__(self, root: str | Path = DEFAULT_ROOT, *, round: str = "r1", base_ip: str = "127.0.0.",  # noqa: A002
                 first: int = 2, port: int = 0, rewrite: bool = True):
        self.root = Path(root)
        if not self.root.is_dir():
            raise FileNotFoundError(f"replay root {self.root} is not a directory")
        self.rounds = list_rounds(self.root)
        if not self.rounds:
            raise ValueError(f"replay root {self.root} has no rounds (directories like r1, r2 …)")
        self.hosts: list[str] = sorted({h.name.lower() for r in self.rounds for h in (self.root / r).iterdir()
                                        if h.is_dir()})
        if first + len(self.hosts) > 255:
            raise ValueError(f"{len(self.hosts)} hosts do not fit in {base_ip}{first}…254")
        self.base_ip, self.first, self.port, self.rewrite = base_ip, first, port, rewrite
        self.addresses = {h: f"{base_ip}{first + i}" for i, h in enumerate(self.hosts)}
        self._servers: dict[str, ThreadingHTTPServer] = {}
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str, int], tuple[bytes, str]] = {}
        self._rewrite_re: re.Pattern | None = None
        self.round = ""
        self._view: _View | None = None
        self.stats: dict[str, dict[str, int]] = {}
        self.reset_stats()
        self.set_round(round)

    # ------------------------------------------------------------ control

    def set_round(self, round: str) -> None:  # noqa: A002
        if round not in self.rounds:
            raise ValueError(f"unknown round {round!r}; rounds: {', '.join(self.rounds)}")
        view = _View(self.root, self.rounds, round)
        with self._lock:
            self._view, self.round = view, round

    def reset_stats(self) -> None:
        with self._lock:
            self.stats = {h: {"requests": 0, "200": 0, "304": 0, "404": 0} for h in self.hosts}

    def totals(self) -> dict[str, int]:
        with self._lock:
            out = {"requests": 0, "200": 0, "304": 0, "404": 0}
            for s in self.stats.values():
                for k in out:
                    out[k] += s.get(k, 0)
            return out

    def origin(self, hostname: str) -> str:
        host = hostname.lower()
        if host not in self._servers:
            known = ", ".join(self.hosts)
            raise KeyError(f"{hostname!r} is not served (started? hosts: {known})")
        return f"http://{self.addresses[host]}:{self._servers[host].server_address[1]}"

    def origins(self) -> dict[str, str]:
        return {h: self.origin(h) for h in self.hosts}

    def render_config(self, template: str, **values) -> str:
        """Fill `{host:NAME}` with NAME's origin and `{name}` with values[name]; other braces stay (YAML flow maps).

        Whole-line comments (`# …`) are left as they are."""
        def sub(m: re.Match) -> str:
            key = m.group(1)
            if key.startswith("host:"):
                return self.origin(key[5:].strip())
            if key in values:
                return str(values[key])
            return m.group(0)
        pattern = re.compile(r"\{(host:[^{}\s]+|[A-Za-z_][A-Za-z0-9_]*)\}")
        return "".join(line if line.lstrip().startswith("#") else pattern.sub(sub, line)
                       for line in template.splitlines(keepends=True))

    def start(self) -> "ReplayWeb":
        if self._servers:
            return self
        try:
            for host in self.hosts:
                handler = type("Handler", (_Handler,), {"web": self, "hostname": host})
                srv = ThreadingHTTPServer((self.addresses[host], self.port), handler)
                srv.daemon_threads = True
                self._servers[host] = srv
                t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.1},
                                     name=f"replay-{host}", daemon=True)
                t.start()
                self._threads.append(t)
        except Exception:
            self.stop()
            raise
        self._rewrite_re = self._build_rewrite()
        self._cache.clear()
        return self

    def stop(self) -> None:
        for srv in self._servers.values():
            srv.shutdown()
            srv.server_close()
        for t in self._threads:
            t.join(timeout=5)
        self._servers.clear()
        self._threads.clear()

    def __enter__(self) -> "ReplayWeb":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # ------------------------------------------------------------ serving

    def _build_rewrite(self) -> re.Pattern | None:
        if not self.rewrite or not self.hosts:
            return None
        alt = b"|".join(re.escape(h.encode()) for h in sorted(self.hosts, key=len, reverse=True))
        return re.compile(rb"(?:https?:)?//(" + alt + rb")(?::(?:80|443))?(?![\w.-])", re.I)

    def _body(self, e: _Entry) -> tuple[bytes, str]:
        key = (str(e.file), e.round, id(self._rewrite_re))
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        body = e.file.read_bytes()
        if self._rewrite_re is not None and not e.file.suffix.lower() in (".pdf", ".docx", ".doc", ".zip", ".png",
                                                                           ".jpg", ".gif", ".xls"):
            body = self._rewrite_re.sub(lambda m: self.origin(m.group(1).decode().lower()).encode(), body)
        etag = '"' + hashlib.sha256(body).hexdigest()[:24] + '"'
        self._cache[key] = (body, etag)
        return body, etag

    def _count(self, host: str, status: int) -> None:
        with self._lock:
            s = self.stats.setdefault(host, {"requests": 0, "200": 0, "304": 0, "404": 0})
            s["requests"] += 1
            s[str(status)] = s.get(str(status), 0) + 1

    def _lookup(self, host: str, raw_path: str):
        with self._lock:
            view = self._view
        key = _norm_key(host, raw_path)
        if key in view.gone:
            return None
        e = view.files.get(key)
        if e is None and not key[1].endswith("/index.html"):
            e = view.files.get((key[0], key[1] + "/index.html"))
        return e


def _content_type(e: _Entry, body: bytes) -> str:
    name = e.file.name.lower()
    ext = "." + name.rsplit(".", 1)[1] if "." in name else ""
    ctype = TYPES.get(ext) or _sniff_type(body)
    if e.nocharset and ctype.startswith("text/html"):
        return "text/html"
    return ctype


class _Handler(BaseHTTPRequestHandler):
    web: ReplayWeb
    hostname: str
    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""

    def log_message(self, format, *args):  # noqa: A002 - quiet: no stderr logging
        pass

    def do_HEAD(self):  # noqa: N802
        self._serve(head=True)

    def do_GET(self):  # noqa: N802
        self._serve(head=False)

    def _serve(self, head: bool) -> None:
        web, host = self.web, self.hostname
        e = web._lookup(host, self.path)
        if e is None:
            body = (b"<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center>"
                    b"<hr><center>nginx</center></body></html>")
            web._count(host, 404)
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)
            return
        body, etag = web._body(e)
        last_modified = email.utils.format_datetime(e.modified.astimezone(timezone.utc), usegmt=True)
        if self._not_modified(etag, e.modified):
            web._count(host, 304)
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", last_modified)
            self.end_headers()
            return
        web._count(host, 200)
        self.send_response(200)
        self.send_header("Content-Type", _content_type(e, body))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        self.send_header("Cache-Control", "max-age=0")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _not_modified(self, etag: str, modified: datetime) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = [t.strip() for t in inm.split(",")]
            return "*" in tags or any(t.removeprefix("W/") == etag for t in tags)
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                since = email.utils.parsedate_to_datetime(ims)
            except (TypeError, ValueError):
                return False
            if since.tzinfo is None:
                since = since.replace(tzinfo=timezone.utc)
            return modified.replace(microsecond=0) <= since
        return False


def main(argv: list[str] | None = None) -> int:
    import argparse
    import time

    p = argparse.ArgumentParser(prog="python -m monitor.replay_server", description=__doc__.split("\n\n")[0])
    p.add_argument("--root", default=str(DEFAULT_ROOT), help="replay root (default: the bundled web)")
    p.add_argument("--round", default="r1", help="round to serve (default r1)")
    p.add_argument("--first", type=int, default=2, help="first N of 127.0.0.N (default 2)")
    p.add_argument("--port", type=int, default=0, help="port for every host (default: a free one each)")
    a = p.parse_args(argv)
    with ReplayWeb(a.root, round=a.round, first=a.first, port=a.port) as web:
        print(f"replay web {web.root} round {web.round} (rounds: {', '.join(web.rounds)})")
        for h, o in web.origins().items():
            print(f"  {h:28} {o}")
        print("Ctrl-C to stop", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
