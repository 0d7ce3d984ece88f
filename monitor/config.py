"""sources.yaml → validated models.Config, with every problem reported at once (file, line, fix).

YAML is composed into nodes (PyYAML SafeLoader) so each key and value keeps its line; the node tree is
then read section by section through small tables of field readers. Nothing here touches the network;
the only I/O is reading the file in load_config/check_config.

    load_config(path, env=None) -> Config                 # raises ConfigError(problems=[…])
    check_config(path, env=None) -> (Config | None, [Problem])
    parse_config_text(text, path, env) -> Config          # the same from a string
    parse_duration('1h30m') -> 5400.0
    parse_size('5MB') -> 5242880
"""
from __future__ import annotations

import codecs
import difflib
import logging
import os
import re
from dataclasses import dataclass, fields as dc_fields
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

import yaml

from . import redact
from .errors import ConfigError, Problem
from .models import (AUTHORITIES, CHANGE_KINDS, NOTICE_KINDS, SOURCE_KINDS, VOUCHERS, Channel, Config, Settings,
                     Source)

__all__ = ["load_config", "check_config", "parse_config_text", "parse_duration", "parse_size", "FrozenDict",
           "SETTINGS_KEYS", "SOURCE_KEYS", "CHANNEL_KEYS", "TOP_KEYS"]

ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
TOP_KEYS = ("settings", "sources", "channels")
JSON_FIELDS = ("title", "url", "published", "doc_number", "abolished", "expired", "summary", "deadline", "id")
CHANNEL_KINDS = tuple(k for k in CHANGE_KINDS + NOTICE_KINDS)


class FrozenDict(dict):
    """A read-only, hashable dict (for Source.fields, so a Source stays hashable)."""

    def __hash__(self):  # type: ignore[override]
        return hash(tuple(sorted(self.items())))

    def _readonly(self, *a, **k):
        raise TypeError("FrozenDict is read-only")

    def __reduce__(self):
        return (FrozenDict, (dict(self),))

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _readonly  # type: ignore[assignment]


# ---------------------------------------------------------------- durations and sizes

_DUR_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0, "w": 604800.0}
_DUR_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)", re.I)
_DUR_HINT = "write a number with a unit: 45s, 30m, 1h, 1h30m, 2d (units ms s m h d w)"


def parse_duration(text: str) -> float:
    """'30m' '1h' '1h30m' '45s' '2d' '0s' '500ms' → seconds. Anything else → ValueError with a hint."""
    if isinstance(text, bool) or not isinstance(text, str):
        raise ValueError(f"{text!r} is not a duration: {_DUR_HINT}")
    s = text.strip().translate(_FULLWIDTH)
    if not s:
        raise ValueError(f"empty duration: {_DUR_HINT}")
    pos, total, seen = 0, 0.0, 0
    for m in _DUR_PART.finditer(s):
        if s[pos:m.start()].strip():
            break
        total += float(m.group(1)) * _DUR_UNITS[m.group(2).lower()]
        pos, seen = m.end(), seen + 1
    if not seen or s[pos:].strip():
        if re.fullmatch(r"\d+(\.\d+)?", s):
            raise ValueError(f"{text!r} has no unit: write {s}s or {s}m")
        raise ValueError(f"{text!r} is not a duration: {_DUR_HINT}")
    return total


_SIZE_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "kib": 1024, "m": 1024 ** 2, "mb": 1024 ** 2,
               "mib": 1024 ** 2, "g": 1024 ** 3, "gb": 1024 ** 3, "gib": 1024 ** 3}


def parse_size(value: Any) -> int:
    """5242880, '5MB', '512KB', '1.5 MiB' → bytes (1 KB = 1024 bytes). Bad → ValueError with a hint."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a size: write bytes or 512KB, 5MB")
    if isinstance(value, int):
        return value
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", str(value).translate(_FULLWIDTH))
    if not m or m.group(2).lower() not in _SIZE_UNITS:
        raise ValueError(f"{value!r} is not a size: write bytes or 512KB, 5MB, 1GB")
    return int(float(m.group(1)) * _SIZE_UNITS[m.group(2).lower()])


_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


# ---------------------------------------------------------------- YAML nodes with lines

@dataclass
class N:
    """A YAML value with its place: value is dict[str, (key N, value N)] | list[N] | scalar."""
    value: Any
    line: int
    col: int
    kind: str          # 'map' | 'seq' | 'scalar'
    tag: str = ""
    missing_env: bool = False   # a ${VAR} in it was not set (already reported)

    @property
    def is_str(self) -> bool:
        return self.kind == "scalar" and isinstance(self.value, str)


class _Ctx:
    def __init__(self, file: str, env: Mapping[str, str]):
        self.file = file
        self.env = env
        self.problems: list[Problem] = []
        self.budget = 50_000        # YAML nodes walked: aliases must not expand a small file into millions

    def add(self, line: int | None, message: str, fix: str = "") -> None:
        self.problems.append(Problem(self.file, line, message, fix))


class _TooBig(Exception):
    pass


_ENV_RE = re.compile(r"\$\$\{|\$\{([^}]*)\}")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _substitute(text: str, line: int, ctx: _Ctx) -> str:
    def repl(m: re.Match) -> str:
        if m.group(0) == "$${":
            return "${"
        name = m.group(1).strip()
        if not _ENV_NAME.match(name):
            ctx.add(line, f"'${{{m.group(1)}}}' is not a valid variable reference",
                    "write ${NAME} with letters, digits and _ (or $${…} for a literal ${…})")
            return m.group(0)
        if name not in ctx.env:
            ctx.add(line, f"environment variable {name} is not set",
                    f"set {name} in the environment or the EnvironmentFile")
            return ""
        value = ctx.env[name]
        redact.register(value)        # whatever comes from the environment is treated as a secret
        return value
    return _ENV_RE.sub(repl, text) if "$" in text else text


def _to_tree(node: yaml.Node, ctx: _Ctx, constructor: yaml.SafeLoader) -> N:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    ctx.budget -= 1
    if ctx.budget < 0:
        raise _TooBig(line)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, tuple[N, N]] = {}
        for knode, vnode in node.value:
            if knode.tag == "tag:yaml.org,2002:merge":
                ctx.add(knode.start_mark.line + 1, "YAML merge keys (<<) are not supported", "write the keys out")
                continue
            k = _to_tree(knode, ctx, constructor) if isinstance(knode, yaml.ScalarNode) else None
            if k is None or k.kind != "scalar":
                ctx.add(knode.start_mark.line + 1, "a key must be a plain word", "write `key: value`")
                continue
            key = "" if k.value is None else str(k.value)
            if key in out:
                ctx.add(k.line, f"duplicate key '{key}' (first on line {out[key][0].line})",
                        "keep one of them: YAML would silently use the last")
                continue
            out[key] = (k, _to_tree(vnode, ctx, constructor))
        return N(out, line, col, "map", node.tag)
    if isinstance(node, yaml.SequenceNode):
        return N([_to_tree(v, ctx, constructor) for v in node.value], line, col, "seq", node.tag)
    try:
        value = constructor.construct_object(node, deep=True)
    except yaml.YAMLError as e:
        ctx.add(line, f"cannot read this value: {getattr(e, 'problem', e)}", "quote it as a string")
        value = node.value
    missing = False
    if isinstance(value, str) and "$" in value:
        before = len(ctx.problems)
        value = _substitute(value, line, ctx)
        missing = len(ctx.problems) > before
    return N(value, line, col, "scalar", node.tag, missing)


def _describe(n: N) -> str:
    if n.kind == "map":
        return "a mapping"
    if n.kind == "seq":
        return "a list"
    v = n.value
    if v is None:
        return "empty"
    if isinstance(v, bool):
        return f"a boolean ({str(v).lower()})"
    if isinstance(v, (int, float)):
        return f"a number ({v})"
    if isinstance(v, str):
        return f"the text {v!r}"
    return f"a {type(v).__name__} ({v})"


def _suggest(key: str, known) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(known)


# ---------------------------------------------------------------- value readers
# Each reader takes (N, ctx, key) and returns the value, or _BAD after adding a problem.

_BAD = object()
Reader = Callable[[N, _Ctx, str], Any]


def _str(nonempty: bool = True) -> Reader:
    def read(n: N, ctx: _Ctx, key: str):
        if not n.is_str:
            if n.kind == "scalar" and isinstance(n.value, (int, float)) and not isinstance(n.value, bool):
                return str(n.value)
            ctx.add(n.line, f"{key} must be text, not {_describe(n)}", f"write {key}: \"…\"")
            return _BAD
        if nonempty and not n.value.strip():
            ctx.add(n.line, f"{key} is empty", f"give {key} a value or remove the line")
            return _BAD
        return n.value
    return read


def _duration(minimum: float = 0.0) -> Reader:
    def read(n: N, ctx: _Ctx, key: str):
        if n.kind != "scalar" or not isinstance(n.value, str):
            if n.kind == "scalar" and isinstance(n.value, (int, float)) and not isinstance(n.value, bool):
                ctx.add(n.line, f"{key}: {n.value} has no unit", f"write {n.value}s or {n.value}m")
            else:
                ctx.add(n.line, f"{key} must be a duration, not {_describe(n)}", _DUR_HINT)
            return _BAD
        try:
            v = parse_duration(n.value)
        except ValueError as e:
            ctx.add(n.line, f"bad {key}: {e}", _DUR_HINT)
            return _BAD
        if v < minimum or (minimum > 0 and v <= 0):
            ctx.add(n.line, f"{key} must be more than 0s", f"write e.g. {key}: 30m")
            return _BAD
        return v
    return read


def _int(minimum: int = 1) -> Reader:
    def read(n: N, ctx: _Ctx, key: str):
        v = n.value if n.kind == "scalar" else None
        if isinstance(v, str) and re.fullmatch(r"\s*\d+\s*", v):     # e.g. from ${VAR}
            v = int(v)
        if not isinstance(v, int) or isinstance(v, bool):
            ctx.add(n.line, f"{key} must be a whole number, not {_describe(n)}", f"write e.g. {key}: {max(minimum, 1)}")
            return _BAD
        if v < minimum:
            ctx.add(n.line, f"{key} must be at least {minimum} (got {v})", f"write {key}: {minimum} or more")
            return _BAD
        return v
    return read


def _size(n: N, ctx: _Ctx, key: str):
    if n.kind != "scalar" or n.value is None:
        ctx.add(n.line, f"{key} must be a size, not {_describe(n)}", "write bytes or 512KB, 5MB")
        return _BAD
    try:
        v = parse_size(n.value)
    except ValueError as e:
        ctx.add(n.line, f"bad {key}: {e}", "write bytes or 512KB, 5MB")
        return _BAD
    if v < 1:
        ctx.add(n.line, f"{key} must be at least 1 byte", "write e.g. 5MB")
        return _BAD
    return v


def _bool(n: N, ctx: _Ctx, key: str):
    v = n.value if n.kind == "scalar" else None
    if isinstance(v, str) and v.strip().lower() in ("true", "false", "yes", "no", "on", "off", "1", "0"):
        v = v.strip().lower() in ("true", "yes", "on", "1")
    if not isinstance(v, bool):
        ctx.add(n.line, f"{key} must be true or false, not {_describe(n)}", f"write {key}: true or {key}: false")
        return _BAD
    return v


def _choice(*options: str) -> Reader:
    def read(n: N, ctx: _Ctx, key: str):
        if not n.is_str or n.value not in options:
            what = _describe(n)
            hint = ""
            if n.is_str:
                close = difflib.get_close_matches(n.value, options, n=1, cutoff=0.5)
                hint = f"did you mean '{close[0]}'? " if close else ""
            ctx.add(n.line, f"{key} cannot be {what}", f"{hint}use one of: {', '.join(options)}")
            return _BAD
        return n.value
    return read


def _timezone(n: N, ctx: _Ctx, key: str):
    v = _str()(n, ctx, key)
    if v is _BAD:
        return v
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            try:
                ZoneInfo("UTC")          # the machine has a zone database: the name is wrong
            except Exception:
                return v
            ctx.add(n.line, f"unknown timezone {v!r}", "use an IANA name such as Asia/Shanghai")
            return _BAD
    except ImportError:  # pragma: no cover
        pass
    return v


def _str_list(n: N, ctx: _Ctx, key: str) -> list[tuple[str, N]] | object:
    """A string or a list of strings → [(value, node)]."""
    if n.is_str:
        return [] if n.missing_env else [(n.value, n)]
    if n.kind != "seq":
        ctx.add(n.line, f"{key} must be a list of text, not {_describe(n)}", f"write {key}: [a, b]")
        return _BAD
    out = []
    for item in n.value:
        if item.missing_env:
            continue
        if not item.is_str or not item.value.strip():
            ctx.add(item.line, f"each entry of {key} must be text, not {_describe(item)}", "quote it")
            continue
        out.append((item.value, item))
    return out


# ---------------------------------------------------------------- sections

SETTINGS_READERS: dict[str, Reader] = {
    "interval": _duration(minimum=1e-9),
    "user_agent": _str(),
    "concurrency": _int(1),
    "host_delay": _duration(0.0),
    "baseline": _choice("silent", "alert"),
    "timeout": _duration(minimum=1e-9),
    "fetch_deadline": _duration(minimum=1e-9),
    "max_bytes": _size,
    "max_items": _int(1),
    "failing_after": _int(1),
    "deadline_days": _int(0),
    "withdraw_after": _int(1),
    "recheck": _duration(),
    "retry_for": _duration(minimum=1e-9),
    "allow_private": _bool,
    "timezone": _timezone,
}
SETTINGS_KEYS = tuple(SETTINGS_READERS)
assert set(SETTINGS_KEYS) == {f.name for f in dc_fields(Settings)}

SOURCE_KEYS = ("id", "name", "region", "kind", "url", "authority", "interval", "links", "content", "items",
               "fields", "follow_hosts", "tls", "verify", "encoding", "enabled", "max_items")
CHANNEL_KEYS = ("id", "notify", "regions", "vouchers", "kinds", "digest", "quiet_hours")
_ELSEWHERE = {**{k: "settings" for k in SETTINGS_KEYS if k not in SOURCE_KEYS},
              **{k: "channels" for k in CHANNEL_KEYS if k not in SOURCE_KEYS},
              **{k: "sources" for k in SOURCE_KEYS if k not in CHANNEL_KEYS and k not in SETTINGS_KEYS}}


def _unknown_key(k: N, known, section: str, ctx: _Ctx) -> None:
    key = k.value if isinstance(k.value, str) else str(k.value)
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    if close:
        fix = f"did you mean '{close[0]}'?"
    elif key in _ELSEWHERE and _ELSEWHERE[key] != section:
        fix = f"'{key}' belongs in {_ELSEWHERE[key]}; known keys here: {', '.join(known)}"
    else:
        fix = "known keys: " + ", ".join(known)
    ctx.add(k.line, f"unknown key '{key}' in {section}", fix)


def _read_settings(n: N | None, ctx: _Ctx) -> Settings:
    if n is None or (n.kind == "scalar" and n.value is None):
        return Settings()
    if n.kind != "map":
        ctx.add(n.line, f"settings must be a mapping, not {_describe(n)}", "write `settings:` then indented `key: value` lines")
        return Settings()
    values = {}
    for key, (k, v) in n.value.items():
        reader = SETTINGS_READERS.get(key)
        if reader is None:
            _unknown_key(k, SETTINGS_KEYS, "settings", ctx)
            continue
        val = _BAD if v.missing_env else reader(v, ctx, key)
        if val is not _BAD:
            values[key] = val
    return Settings(**values)


def _region_check(value: str, node: N, ctx: _Ctx, key: str) -> None:
    try:
        from .extract import regions  # written by another part of the project; optional at load time
        valid = regions.is_valid(value)
    except ImportError:
        return
    except Exception:  # a broken gazetteer must not hide the other problems
        return
    if valid:
        return
    hint = ""
    try:
        guess = regions.resolve(value)
        if guess and guess != value:
            hint = f"did you mean '{guess}'? "
    except Exception:
        pass
    ctx.add(node.line, f"unknown region {value!r} in {key}",
            hint + "write a path of official names from the province down, e.g. 广东省/深圳市, 上海市/徐汇区, or 全国")


def _url_problem(url: str) -> str | None:
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 (raises on a bad port)
    except ValueError as e:
        return f"cannot parse it ({e})"
    if parts.scheme.lower() not in ("http", "https"):
        return f"scheme must be http or https, not {parts.scheme or 'none'!r}"
    if not parts.hostname:
        return "it has no host"
    if any(c.isspace() for c in url.strip()):
        return "it contains spaces"
    return None


_HOST_RE = re.compile(r"(\*\.)?[A-Za-z0-9\u00a1-\uffff]([A-Za-z0-9\u00a1-\uffff-]*[A-Za-z0-9\u00a1-\uffff])?"
                      r"(\.[A-Za-z0-9\u00a1-\uffff]([A-Za-z0-9\u00a1-\uffff-]*[A-Za-z0-9\u00a1-\uffff])?)*(:\d+)?\Z")


def _selector_problem(sel: str) -> str | None:
    try:
        from selectolax.lexbor import LexborHTMLParser
    except ImportError:  # pragma: no cover
        return None
    try:
        LexborHTMLParser("<p></p>").css(sel)
    except Exception as e:
        return str(e) or "cannot parse it"
    return None


def _read_id(m: dict, parent: N, ctx: _Ctx, what: str) -> tuple[str | None, N | None]:
    if "id" not in m:
        ctx.add(parent.line, f"{what} without an id", "add `id: a-short-name` (lower case, digits, . _ -)")
        return None, None
    n = m["id"][1]
    v = n.value if n.kind == "scalar" else None
    if isinstance(v, int) and not isinstance(v, bool):
        v = str(v)
    if not isinstance(v, str) or not ID_RE.match(v):
        shown = v if isinstance(v, str) else _describe(n)
        fixed = re.sub(r"[^a-z0-9._-]+", "-", str(v).lower()).strip("-._") if isinstance(v, str) else ""
        ctx.add(n.line, f"id {shown!r} must match [a-z0-9][a-z0-9._-]*",
                (f"e.g. id: {fixed}" if fixed and ID_RE.match(fixed) else "use lower-case letters, digits, . _ -")
                + " (state is keyed by it: keep it stable)")
        return None, n
    return v, n


def _raw_id(m: dict) -> str:
    n = m.get("id", (None, None))[1]
    return str(n.value) if n is not None and n.kind == "scalar" and n.value is not None else "(no id)"


def _entry(n: N, ctx: _Ctx, keys, kind: str):
    """The common start of a source or channel: a mapping, known keys, an id. → (map, ok, id, label) or None."""
    if n.kind != "map":
        ctx.add(n.line, f"each {kind} must be a mapping, not {_describe(n)}", f"start each {kind} with `- id: …`")
        return None
    m: dict[str, tuple[N, N]] = n.value
    ok = True
    for key, (k, _v) in m.items():
        if key not in keys:
            _unknown_key(k, keys, f"a {kind}", ctx)
            ok = False
    ident, _ = _read_id(m, n, ctx, f"a {kind}")
    return m, ok and ident is not None, ident, ident or _raw_id(m)


def _read_source(n: N, ctx: _Ctx) -> Source | None:
    entry = _entry(n, ctx, SOURCE_KEYS, "source")
    if entry is None:
        return None
    m, ok, sid, label = entry
    for req in ("region", "kind", "url"):
        if req not in m:
            ctx.add(n.line, f"source {label} has no {req}", {
                "region": "add e.g. `region: 广东省/深圳市` (全国 for national bodies)",
                "kind": "add `kind:` one of " + ", ".join(SOURCE_KINDS),
                "url": "add `url: https://…`"}[req])
            ok = False

    vals: dict[str, Any] = {}

    def get(key: str, reader: Reader):
        nonlocal ok
        if key not in m:
            return None
        if m[key][1].missing_env:
            ok = False
            return None
        v = reader(m[key][1], ctx, key)
        if v is _BAD:
            ok = False
            return None
        vals[key] = v
        return v

    get("name", _str())
    region = get("region", _str())
    if region is not None:
        before = len(ctx.problems)
        _region_check(region.strip(), m["region"][1], ctx, "region")
        ok &= len(ctx.problems) == before
        vals["region"] = region.strip()
    kind = get("kind", _choice(*SOURCE_KINDS))
    url = get("url", _str())
    if url is not None:
        why = _url_problem(url)
        if why:
            ctx.add(m["url"][1].line, f"bad url {url!r}: {why}", "write a full address: https://host/path/")
            ok = False
        vals["url"] = url.strip()
    get("authority", _choice(*AUTHORITIES))
    get("interval", _duration(minimum=1e-9))
    for sel_key in ("links", "content"):
        sel = get(sel_key, _str())
        if sel is not None:
            why = _selector_problem(sel)
            if why:
                ctx.add(m[sel_key][1].line, f"{sel_key}: {sel!r} is not a valid CSS selector ({why})",
                        "write a CSS selector such as \"ul.u-list li a\"")
                ok = False
    if "links" in m and kind is not None and kind != "html":
        ctx.add(m["links"][0].line, f"links is only for html sources (this one is {kind})",
                "remove links, or set kind: html")
        ok = False
    items = None
    if "items" in m:
        inode = m["items"][1]
        if inode.kind == "scalar" and inode.value is None:
            items = ""
        else:
            items = _str(nonempty=False)(inode, ctx, "items")
            if items is _BAD:
                ok, items = False, None
        if items is not None:
            vals["items"] = items.strip()
            if kind is not None and kind != "json":
                ctx.add(m["items"][0].line, f"items is only for json sources (this one is {kind})",
                        "remove items, or set kind: json")
                ok = False
    if "fields" in m:
        fk, fnode = m["fields"]
        if fnode.kind != "map":
            ctx.add(fnode.line, f"fields must be a mapping, not {_describe(fnode)}",
                    "write fields: {title: KEY, url: KEY, published: KEY}")
            ok = False
        else:
            fmap = {}
            for name, (nk, nv) in fnode.value.items():
                if name not in JSON_FIELDS:
                    ctx.add(nk.line, f"unknown field '{name}' in fields", _suggest(name, JSON_FIELDS))
                    ok = False
                    continue
                if not nv.is_str or not nv.value.strip():
                    ctx.add(nv.line, f"fields.{name} must name a key of the JSON rows, not {_describe(nv)}",
                            f"write {name}: KEY (a dotted path is allowed)")
                    ok = False
                    continue
                fmap[name] = nv.value.strip()
            missing = [f for f in ("title", "url") if f not in fmap and f not in fnode.value]
            if missing:
                ctx.add(fk.line, f"fields must give {' and '.join(missing)}",
                        "write fields: {title: KEY, url: KEY, published: KEY}")
                ok = False
            vals["fields"] = FrozenDict(fmap)
        if kind is not None and kind != "json":
            ctx.add(fk.line, f"fields is only for json sources (this one is {kind})", "remove fields, or set kind: json")
            ok = False
    elif kind == "json" and not (items or "").split(".")[-1] == "html":
        ctx.add(n.line, f"json source {label} has no fields",
                "add fields: {title: KEY, url: KEY, published: KEY} and items: PATH of the list (empty for a "
                "top-level array); for an API that wraps an HTML list, write items: data.html")
        ok = False
    if "follow_hosts" in m:
        hosts = _str_list(m["follow_hosts"][1], ctx, "follow_hosts")
        if hosts is _BAD:
            ok = False
        else:
            good = []
            for h, hn in hosts:
                h = h.strip().lower()
                if not _HOST_RE.match(h):
                    ctx.add(hn.line, f"follow_hosts entry {h!r} is not a host name",
                            "write a bare host such as www.gov.cn or *.sz.gov.cn (no scheme, no path)")
                    ok = False
                else:
                    good.append(h)
            vals["follow_hosts"] = tuple(good)
    get("tls", _choice("strict", "legacy"))
    get("verify", _bool)
    enc = get("encoding", _str())
    if enc is not None:
        try:
            codecs.lookup(enc.strip())
            vals["encoding"] = enc.strip()
        except LookupError:
            ctx.add(m["encoding"][1].line, f"unknown encoding {enc!r}", "use e.g. utf-8, gbk, gb18030")
            ok = False
    get("enabled", _bool)
    get("max_items", _int(1))
    if not ok or sid is None:
        return None
    vals["id"] = sid
    vals.setdefault("name", sid)
    vals["line"] = n.line
    return Source(**vals)


_HHMM = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)\Z")


def _mask_url(url: str) -> str:
    """scheme://host/… with no user, password, token or path (hosts that do not look like hosts are hidden too)."""
    m = re.match(r"\s*([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)", url)
    if not m:
        return (url[:8] + "…") if len(url) > 8 else "…"
    host = m.group(2).rsplit("@", 1)[-1]
    hostname = host.split(":")[0] if not host.startswith("[") else host
    if not ("." in hostname or hostname.startswith("[") or hostname == "localhost"):
        host = "***"
    return f"{m.group(1)}://{host}/…"


def _apprise_ok(url: str) -> bool | None:
    try:
        import apprise
    except ImportError:  # pragma: no cover
        return None
    log = logging.getLogger("apprise")
    level = log.level
    log.setLevel(logging.CRITICAL + 1)       # apprise logs the bad token it refuses; we report it ourselves, masked
    try:
        return bool(apprise.Apprise().add(url))
    finally:
        log.setLevel(level)


def _read_channel(n: N, ctx: _Ctx) -> Channel | None:
    entry = _entry(n, ctx, CHANNEL_KEYS, "channel")
    if entry is None:
        return None
    m, ok, cid, label = entry
    vals: dict[str, Any] = {}

    if "notify" not in m:
        ctx.add(n.line, f"channel {label} has no notify URL",
                'add notify: ["${MY_WEBHOOK_URL}"] (apprise URLs; keep secrets in the environment)')
        ok = False
    else:
        before = len(ctx.problems)
        urls = _str_list(m["notify"][1], ctx, "notify")
        if urls is _BAD or len(ctx.problems) > before:
            ok = False
            urls = [] if urls is _BAD else urls
        checked = []
        for u, un in urls:
            u = u.strip()
            if not u:
                continue
            redact.register_url(u)
            ok_u = _apprise_ok(u)
            if ok_u is False:
                ctx.add(un.line, f"notify URL {_mask_url(u)} is not a URL apprise can use",
                        "check the scheme and form on https://github.com/caronc/apprise/wiki (e.g. json://host/path, "
                        "dingtalk://token/, mailtos://user:pass@host)")
                ok = False
            checked.append(u)
        if not checked and ok and not any(x.missing_env for x in _nodes(m["notify"][1])):
            ctx.add(m["notify"][1].line, f"channel {label} has no notify URL",
                    "give at least one apprise URL, or set the variable it comes from")
            ok = False
        vals["notify"] = tuple(checked)

    if "regions" in m:
        regs = _str_list(m["regions"][1], ctx, "regions")
        if regs is _BAD:
            ok = False
        else:
            out = []
            for r, rn in regs:
                before = len(ctx.problems)
                _region_check(r.strip(), rn, ctx, "regions")
                ok &= len(ctx.problems) == before
                out.append(r.strip())
            vals["regions"] = tuple(out)
    if "vouchers" in m:
        vs = _str_list(m["vouchers"][1], ctx, "vouchers")
        if vs is _BAD:
            ok = False
        else:
            out = []
            for v, vn in vs:
                v = v.strip()
                if v not in VOUCHERS:
                    ctx.add(vn.line, f"unknown voucher {v!r}", "use the canonical names: " + ", ".join(VOUCHERS))
                    ok = False
                out.append(v)
            vals["vouchers"] = tuple(out)
    if "kinds" in m:
        ks = _str_list(m["kinds"][1], ctx, "kinds")
        if ks is _BAD:
            ok = False
        else:
            out = []
            for v, vn in ks:
                v = v.strip()
                if v == "cosmetic":
                    ctx.add(vn.line, "kinds lists 'cosmetic'", "remove it: cosmetic changes never alert")
                    ok = False
                elif v not in CHANNEL_KINDS:
                    close = difflib.get_close_matches(v, CHANNEL_KINDS, n=1, cutoff=0.6)
                    ctx.add(vn.line, f"unknown kind {v!r} in kinds",
                            (f"did you mean '{close[0]}'? " if close else "")
                            + "use: " + ", ".join(k for k in CHANNEL_KINDS if k != "cosmetic"))
                    ok = False
                out.append(v)
            vals["kinds"] = tuple(out)
    if "digest" in m:
        dn = m["digest"][1]
        d = dn.value.strip() if dn.is_str else None
        good = d in ("immediate", "hourly") or (d is not None and re.fullmatch(r"daily\s+\S+", d)
                                                 and _HHMM.match(d.split()[1]))
        if not good:
            ctx.add(dn.line, f"digest cannot be {_describe(dn)}", "use immediate, hourly or daily HH:MM (e.g. daily 09:00)")
            ok = False
        else:
            vals["digest"] = d if not d.startswith("daily") else "daily " + _pad_hhmm(d.split()[1])
    if "quiet_hours" in m:
        qn = m["quiet_hours"][1]
        q = qn.value.strip() if qn.is_str else None
        parts = [p.strip() for p in q.split("-")] if q else []
        if not (len(parts) == 2 and all(_HHMM.match(p) for p in parts)):
            ctx.add(qn.line, f"quiet_hours cannot be {_describe(qn)}", 'write quiet_hours: "22:00-08:00" (quoted)')
            ok = False
        elif _pad_hhmm(parts[0]) == _pad_hhmm(parts[1]):
            ctx.add(qn.line, f"quiet_hours {q!r} starts and ends at the same time", 'write e.g. "22:00-08:00"')
            ok = False
        else:
            vals["quiet_hours"] = f"{_pad_hhmm(parts[0])}-{_pad_hhmm(parts[1])}"
    if not ok or cid is None:
        return None
    return Channel(id=cid, line=n.line, **vals)


def _nodes(n: N) -> list[N]:
    return n.value if n.kind == "seq" else [n]


def _pad_hhmm(s: str) -> str:
    h, mnt = s.split(":")
    return f"{int(h):02d}:{mnt}"


# ---------------------------------------------------------------- the whole file

def _yaml_problem(e: yaml.YAMLError, file: str) -> Problem:
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    col = mark.column + 1 if mark is not None else None
    what = getattr(e, "problem", None) or str(e)
    ctxt = getattr(e, "context", None)
    msg = f"YAML syntax error{f' at line {line}, column {col}' if line else ''}: {what}" + (f" ({ctxt})" if ctxt else "")
    low = msg.lower()
    if "tab" in low or "'\\t'" in msg or "\t" in msg:
        fix = "indent with spaces, never tabs"
    elif "expected a single document" in low:
        fix = "keep one document: remove the extra '---'"
    elif "mapping values are not allowed" in low:
        fix = "quote values that contain ': ' (e.g. a URL or title), or fix the indentation"
    elif "found character" in low or "found undefined alias" in low:
        fix = "quote values that start with *, &, !, %, @ or `"
    else:
        fix = "check indentation and quoting near that line (values with ': ', '#', '{' or '[' need quotes)"
    return Problem(file, line, msg, fix)


# libyaml's composer keeps the same node marks (lines) and is several times faster on large files
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(text: str, file: str, env: Mapping[str, str] | None) -> tuple[Config | None, list[Problem]]:
    ctx = _Ctx(file, os.environ if env is None else env)
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        root = yaml.compose(text, Loader=_COMPOSER)
    except yaml.YAMLError as first:
        try:                                   # the pure-Python composer words its errors better: ask it
            yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as e:
            return None, [_yaml_problem(e, file)]
        return None, [_yaml_problem(first, file)]
    if root is None:
        return None, [Problem(file, None, "the configuration is empty",
                              "add a `sources:` list (start from the shipped sources.yaml)")]
    try:
        tree = _to_tree(root, ctx, yaml.SafeLoader(""))
    except _TooBig as e:
        return None, [Problem(file, e.args[0], "the configuration expands to too many values (YAML aliases?)",
                              "write the values out instead of nesting aliases (&name / *name)")]
    if tree.kind != "map":
        ctx.add(tree.line, f"the configuration must be a mapping with settings, sources, channels, not {_describe(tree)}",
                "start the file with `sources:`")
        return None, _sorted(ctx.problems)
    top: dict[str, tuple[N, N]] = tree.value
    for key, (k, _v) in top.items():
        if key not in TOP_KEYS:
            _unknown_key(k, TOP_KEYS, "the top level", ctx)

    settings = _read_settings(top["settings"][1] if "settings" in top else None, ctx)

    sources: list[Source] = []
    if "sources" not in top:
        ctx.add(None, "no sources section", "add `sources:` with a list of sources (see the shipped sources.yaml)")
    else:
        sn = top["sources"][1]
        if sn.kind != "seq":
            ctx.add(sn.line, f"sources must be a list, not {_describe(sn)}", "write each source as `- id: …` under sources:")
        elif not sn.value:
            ctx.add(sn.line, "sources is empty", "add at least one source")
        else:
            sources = _read_entries(sn.value, _read_source, "source", ctx)

    channels: list[Channel] = []
    if "channels" in top:
        cn = top["channels"][1]
        if cn.kind == "scalar" and cn.value is None:
            pass
        elif cn.kind != "seq":
            ctx.add(cn.line, f"channels must be a list, not {_describe(cn)}", "write each channel as `- id: …` under channels:")
        else:
            channels = _read_entries(cn.value, _read_channel, "channel", ctx)

    if ctx.problems:
        return None, _sorted(ctx.problems)
    return Config(path=file, settings=settings, sources=tuple(sources), channels=tuple(channels)), []


def _read_entries(items: list, read, what: str, ctx) -> list:
    """Each item of a sources/channels list read by `read`; a repeated id is reported at its line and dropped."""
    out: list = []
    ids: dict[str, int] = {}
    for item in items:
        entry = read(item, ctx)
        idn = item.value.get("id", (None, None))[1] if item.kind == "map" else None
        eid = entry.id if entry else (idn.value if idn is not None and idn.is_str else None)
        if eid is not None:
            if eid in ids:
                ctx.add(idn.line, f"duplicate {what} id '{eid}' (first on line {ids[eid]})", f"give each {what} its own id")
                entry = None
            else:
                ids[eid] = idn.line
        if entry:
            out.append(entry)
    return out


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: p.line or 0)


def parse_config_text(text: str, path: str = "<string>", env: Mapping[str, str] | None = None) -> Config:
    """Validate configuration text; raises ConfigError listing every problem."""
    cfg, problems = _parse(text, str(path), env)
    if problems or cfg is None:
        raise ConfigError(problems)
    return cfg


def check_config(path: str | os.PathLike, env: Mapping[str, str] | None = None) -> tuple[Config | None, list[Problem]]:
    """For `monitor validate`: (config, []) when valid, else (None, every problem)."""
    file = os.fspath(path)
    try:
        with open(file, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        return None, [Problem(file, None, "configuration file not found",
                              "create it from the shipped sources.yaml or pass --config")]
    except IsADirectoryError:
        return None, [Problem(file, None, "this is a directory, not a configuration file", "pass --config FILE")]
    except OSError as e:
        return None, [Problem(file, None, f"cannot read the configuration: {e.strerror or e}",
                              "check the path and its permissions")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        return None, [Problem(file, line, "the file is not UTF-8", "save it as UTF-8 (GBK is not accepted)")]
    return _parse(text, file, env)


def load_config(path: str | os.PathLike, env: Mapping[str, str] | None = None) -> Config:
    """Read and validate a configuration file; raises ConfigError listing every problem."""
    cfg, problems = check_config(path, env)
    if problems or cfg is None:
        raise ConfigError(problems)
    return cfg
