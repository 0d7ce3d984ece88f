"""Which links of a source may be followed: pure, no DNS.

allowed(url, source, allow_private=) returns None when the link may be fetched, else a short reason.

Rules (SPEC "Links found in feeds and list pages …"):
- only http and https;
- the host must be exactly the source URL's host, or a host listed in source.follow_hosts; an entry
  '*.sz.gov.cn' allows sz.gov.cn itself and every host below it;
- loopback, private, link-local, multicast, reserved and unspecified IP literals (IPv4, IPv6, IPv4-mapped,
  and the short/decimal IPv4 forms the C resolver accepts, e.g. 127.1 or 2130706433) and the names
  'localhost' / '*.localhost' are refused unless the source's own URL is itself on such an address, or
  allow_private is set (tests, demo).

Out of scope, by design: names that *resolve* to private addresses (DNS rebinding). Checking them needs a
resolver at fetch time, and a resolved answer can change between check and connect; the fetcher only talks
to hosts this policy allowed by name.
"""
from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from .models import Source

SCHEMES = ("http", "https")


def host_of(url: str) -> str:
    """The lower-case host of a URL without port, brackets or trailing dot; '' when there is none."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.rstrip(".").lower()


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if not host:
        return None
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    # 127.1, 0x7f.0.0.1, 2130706433 … are IPv4 to the C library; treat them as the address they mean.
    if all(c in "0123456789abcdefx." for c in host) and any(c.isdigit() for c in host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except (OSError, ValueError):
            return None
    return None


def is_private_host(host: str) -> bool:
    """True for loopback/private/link-local/multicast/reserved/unspecified IP literals and localhost names."""
    host = host.rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    ip = _ip(host)
    if ip is None:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return bool(ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified or not ip.is_global)


def host_matches(host: str, pattern: str) -> bool:
    """'a.b.cn' matches itself; '*.b.cn' matches b.cn and every host under it."""
    pattern = pattern.strip().rstrip(".").lower()
    if "://" in pattern:                      # tolerate a URL written where a host was meant
        pattern = host_of(pattern)
    if pattern.startswith("*."):
        base = pattern[2:]
        return host == base or host.endswith("." + base)
    return host == pattern


def allowed(url: str, source: Source, *, allow_private: bool) -> str | None:
    """None when `url` may be followed for `source`, else the reason it may not."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return "malformed URL"
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        return f"scheme {scheme + ':' if scheme else '(none)'} is not followed (http/https only)"
    host = host_of(url)
    if not host:
        return "URL has no host"
    own = host_of(source.url)
    if host != own and not any(host_matches(host, p) for p in source.follow_hosts):
        return f"host {host} is not the source's host ({own}) nor in follow_hosts"
    if is_private_host(host) and not allow_private and not is_private_host(own):
        return f"host {host} is a loopback/private address"
    return None
