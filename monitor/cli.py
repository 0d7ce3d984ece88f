"""The command line: parse, call, print. Errors become exit codes in one place (`main`).

Exit codes: 0 success; 1 the run finished but some sources (or sends) failed; 2 bad usage or bad configuration.
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
import sys
from pathlib import Path

import click

from .errors import ConfigError, MonitorError, StateError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _config_path(value: str | None) -> str:
    return value or os.environ.get("MONITOR_CONFIG") or "sources.yaml"


def _state_dir(value: str | None) -> str:
    return value or os.environ.get("MONITOR_STATE") or "state"


def common(f):
    """--config and --state, accepted after the command as well as before it."""
    f = click.option("--state", "state", metavar="DIR", default=None,
                     help="State directory (default state/, or $MONITOR_STATE).")(f)
    f = click.option("--config", "config", metavar="FILE", default=None,
                     help="Configuration file (default sources.yaml, or $MONITOR_CONFIG).")(f)
    return f


def _opts(ctx: click.Context, config: str | None, state: str | None) -> tuple[str, str]:
    root = ctx.find_root().params
    return _config_path(config or root.get("config")), _state_dir(state or root.get("state"))


def _load(config_path: str):
    from .config import load_config
    return load_config(config_path)


def _region_filter(value: str | None) -> str | None:
    """--region as typed (Traditional, short forms) → a region path, or a usage error: never a silent empty answer."""
    if not value:
        return value
    from .extract import regions
    from .extract.normalize import to_simplified
    v = to_simplified(value.strip())
    if regions.is_valid(v):
        return v
    hit = regions.resolve(v)
    if hit:
        return hit
    raise click.BadParameter(f"{value!r} is not a known region: write a path from the province down, "
                             "e.g. 广东省 or 广东省/深圳市, or 全国", param_hint="--region")


def _voucher_filter(value: str | None) -> str | None:
    if not value:
        return value
    from .extract.normalize import to_simplified
    from .extract.vouchers import canonical
    from .models import VOUCHERS
    v = canonical(to_simplified(value.strip()))
    if v:
        return v
    raise click.BadParameter(f"{value!r} is not a voucher; one of: {', '.join(VOUCHERS)}", param_hint="--voucher")


def _echo_json(obj) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--config", metavar="FILE", default=None, help="Configuration file (default sources.yaml, or $MONITOR_CONFIG).")
@click.option("--state", metavar="DIR", default=None, help="State directory (default state/, or $MONITOR_STATE).")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
@click.version_option(package_name="monitor")
def cli(config, state, verbose):
    """monitor — watches Chinese AI subsidy vouchers (算力券, 模型券, 语料券 …) and alerts on what changed.

    \b
    Quick start:
      monitor validate                 check sources.yaml
      monitor check --once             poll every source once, deliver alerts, exit
      monitor run                      the daemon: poll each source on its schedule
      monitor history --json           changes detected so far (JSON Lines)
      monitor terms --region 广东省     the terms known now per region and voucher
      monitor demo                     the whole pipeline offline on a bundled replay
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    logging.getLogger("apprise").setLevel(max(level, logging.INFO))   # apprise at DEBUG prints tokens
    from .redact import install
    install()


# ---------------------------------------------------------------- check

@cli.command()
@click.option("--once", is_flag=True, help="One full poll of every enabled source, then deliver, then exit.")
@click.option("--source", "only", multiple=True, metavar="ID", help="Poll only this source (repeatable).")
@click.option("--no-deliver", is_flag=True, help="Record changes and queue alerts, but do not send them now.")
@click.option("--wait", type=float, default=0.0, metavar="SECONDS",
              help="Wait this long for another monitor using the same state to finish (default: refuse at once).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@common
@click.pass_context
def check(ctx, once, only, no_deliver, wait, as_json, config, state):
    """Poll every enabled source once, deliver pending alerts, print a summary and exit.

    Exit status 0 when every source worked, 1 when some failed (each is listed), 2 when the
    configuration is bad (nothing is polled).

    \b
    Example:
      monitor check --once --config sources.yaml --state state/
    """
    from .lock import StateLock
    from .pipeline import Runner
    from .store import Store
    config_path, state_dir = _opts(ctx, config, state)
    cfg = _load(config_path)
    sources = [s for s in cfg.sources if not only or s.id in only]
    unknown = set(only) - {s.id for s in cfg.sources}
    if unknown:
        raise click.UsageError(f"unknown source id(s): {', '.join(sorted(unknown))}")
    with StateLock(state_dir, wait=wait):
        store = Store(state_dir)
        runner = Runner(cfg, store)
        try:
            summary = runner.check_once(sources, deliver=not no_deliver)
        finally:
            runner.close()
            store.close()
    counts = summary.counts()
    if as_json:
        _echo_json({"summary": counts, "failed": [
            {"source": r.source_id, "error_class": r.error_class, "error": r.error} for r in summary.failed],
            "changes": [c.to_json() for c in summary.changes if c.kind != "cosmetic"]})
    else:
        click.echo(f"sources: {counts['sources_ok']} ok, {counts['sources_failed']} failed  "
                   f"requests: {counts['requests']} ({counts['not_modified']} not modified)  "
                   f"documents read: {counts['documents']}")
        click.echo(f"changes: {counts['changes']} (+{counts['cosmetic']} cosmetic)  "
                   f"alerts: {counts['alerts_sent']} sent, {counts['alerts_failed']} failed (will retry), "
                   f"{counts['alerts_pending']} waiting, {counts['alerts_dead']} given up  "
                   f"time: {counts['seconds']:.1f}s")
        from .redact import redact
        for r in summary.failed:
            click.echo(redact(f"FAILED {r.source_id}: [{r.error_class}] {r.error}"))
        if summary.delivery:
            for e in summary.delivery.errors:
                click.echo(redact(f"ALERT NOT SENT {e}"))
    failed = bool(summary.failed) or bool(summary.delivery and (summary.delivery.failed or summary.delivery.dead))
    ctx.exit(EXIT_FAILED if failed else EXIT_OK)


# ---------------------------------------------------------------- run

@cli.command()
@click.option("--metrics", metavar="HOST:PORT", default=None, envvar="MONITOR_METRICS",
              help="Serve Prometheus metrics on this loopback address, e.g. 127.0.0.1:9464 (or $MONITOR_METRICS).")
@common
@click.pass_context
def run(ctx, metrics, config, state):
    """The daemon: poll each source on its own schedule until SIGTERM/SIGINT.

    SIGHUP reloads and revalidates the configuration (a bad new one is reported and the old
    one kept). Under systemd (Type=notify) it reports READY, STATUS and watchdog pings.

    \b
    Example:
      monitor run --config /etc/monitor/sources.yaml --state /var/lib/monitor
    """
    from .daemon import run_daemon
    config_path, state_dir = _opts(ctx, config, state)
    _load(config_path)
    if metrics:
        from .metrics import parse_address
        try:
            parse_address(metrics)
        except ValueError as e:
            raise click.BadParameter(str(e), param_hint="--metrics") from None
    ctx.exit(run_daemon(config_path, state_dir, metrics=metrics))


# ---------------------------------------------------------------- extract and diff

def _read_input(src: str) -> tuple[bytes, str, str]:
    """FILE, URL or - → (bytes, url, content_type)."""
    if src == "-":
        return sys.stdin.buffer.read(), "", ""
    if src.startswith(("http://", "https://")):
        from .fetch import Fetcher
        from .models import Settings
        f = Fetcher(Settings(host_delay=0))
        try:
            got = f.fetch(src)
        finally:
            f.close()
        return got.body, got.final_url, got.content_type
    p = Path(src)
    if not p.exists():
        raise click.BadParameter(f"no such file: {src}", param_hint="FILE_OR_URL")
    return p.read_bytes(), "", ""


def _facts_of(src: str, region: str, authority: str):
    from .extract import extract_bytes
    data, url, ctype = _read_input(src)
    return extract_bytes(data, url=url or src, content_type=ctype, region=region, authority=authority)


def _print_facts(facts) -> None:
    from .render import human_value
    click.echo(f"标题: {facts.title or '—'}")
    click.echo(f"发布: {facts.published or '—'}   发文机关: {facts.issuer or '—'}   文号: {facts.doc_number or '—'}   "
               f"阶段: {facts.stage or '—'}")
    if not facts.measures:
        click.echo("（未发现券类措施）")
    for m in facts.measures:
        click.echo(f"- {m.region} {m.voucher}: 总额 {human_value('budget_yuan', m.budget_yuan)}，"
                   f"比例 {human_value('ratio', m.ratio)}，上限 {human_value('cap_yuan', m.cap_yuan)}，"
                   f"截止 {human_value('deadline', m.deadline)}" + (f"  《{m.policy}》" if m.policy else ""))


@cli.command()
@click.argument("file_or_url")
@click.option("--json", "as_json", is_flag=True, help="Print the facts as JSON (the schema of SPEC).")
@click.option("--region", default="", metavar="R", help="Region of the publisher, e.g. 广东省/深圳市 (context for bare names).")
@click.option("--authority", type=click.Choice(["official", "news"]), default="official", show_default=True)
def extract(file_or_url, as_json, region, authority):
    """Facts of one document: title, date, issuer, number, stage and voucher measures.

    FILE_OR_URL is an HTML, text, PDF or DOCX file, an http(s) URL, or - for standard input.

    \b
    Example:
      monitor extract notice.html --json --region 广东省/深圳市
    """
    facts = _facts_of(file_or_url, region, authority)
    if as_json:
        _echo_json(facts.to_json())
    else:
        _print_facts(facts)


@cli.command()
@click.argument("old")
@click.argument("new")
@click.option("--json", "as_json", is_flag=True, help='Print {"changes": [...]} as JSON.')
@click.option("--region", default="", metavar="R", help="Region of the publisher (context for bare names).")
@click.option("--authority", type=click.Choice(["official", "news"]), default="official", show_default=True,
              help="Authority of NEW.")
def diff(old, new, as_json, region, authority):
    """The changes NEW brings against OLD (two files or URLs of a document).

    OLD's facts are taken as the known terms; a field NEW does not state is not a change.
    A pair that differs only cosmetically prints {"changes": []}.

    \b
    Example:
      monitor diff notice-2025.html notice-2026.html --json
    """
    from .classify import diff_documents
    from .models import DocContext
    from .pipeline import now_iso
    old_f = _facts_of(old, region, "official")
    new_f = _facts_of(new, region, authority)
    ctx = DocContext(url=new, source="diff", authority=authority, title=new_f.title, detected_at=now_iso(),
                     previous=old_f, text_changed=True)
    changes = [c for c in diff_documents(old_f, new_f, ctx) if c.kind != "cosmetic"]
    if as_json:
        _echo_json({"changes": [c.to_json() for c in changes]})
    else:
        from .render import describe
        if not changes:
            click.echo("无实质变更")
        for c in changes:
            click.echo(describe(c))


# ---------------------------------------------------------------- history, terms, sources

@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line (JSON Lines).")
@click.option("--region", metavar="R", help="Only this region and the regions below it.")
@click.option("--voucher", metavar="V", help="Only this voucher, e.g. 算力券.")
@click.option("--since", metavar="DATE", help="Only changes detected on or after DATE (YYYY-MM-DD).")
@click.option("--kind", "kinds", multiple=True, help="Only these kinds (repeatable).")
@click.option("--cosmetic", is_flag=True, help="Include cosmetic changes (recorded, never alerted).")
@click.option("--limit", type=int, default=None, help="At most this many.")
@common
@click.pass_context
def history(ctx, as_json, region, voucher, since, kinds, cosmetic, limit, config, state):
    """Changes detected so far, newest first.

    \b
    Examples:
      monitor history --region 广东省 --since 2026-01-01
      monitor history --json --voucher 算力券 | jq .new
    """
    from .store import Store
    _, state_dir = _opts(ctx, config, state)
    if since:
        from datetime import date
        try:
            since = date.fromisoformat(since).isoformat()
        except ValueError:
            raise click.BadParameter(f"{since!r} is not a date: write YYYY-MM-DD, e.g. 2026-01-01",
                                     param_hint="--since") from None
    region, voucher = _region_filter(region), _voucher_filter(voucher)
    store = Store(state_dir, readonly=True)
    rows = store.history(region=region, voucher=voucher, since=since, kinds=kinds or None,
                         include_cosmetic=cosmetic or "cosmetic" in kinds, limit=limit)
    if as_json:
        for c in rows:
            click.echo(json.dumps(c.to_json(), ensure_ascii=False, default=str))
        return
    from .render import describe
    if not rows:
        click.echo("no changes recorded")
    for c in rows:
        click.echo(f"{(c.detected_at or '')[:16]}  {describe(c)}")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print as a JSON array.")
@click.option("--region", metavar="R", help="Only this region and the regions below it.")
@click.option("--voucher", metavar="V", help="Only this voucher.")
@common
@click.pass_context
def terms(ctx, as_json, region, voucher, config, state):
    """The terms known now for each (region, voucher): budget, ratio, cap, deadline, stage, and sources.

    \b
    Example:
      monitor terms --region 广东省/深圳市 --json
    """
    from .store import Store
    _, state_dir = _opts(ctx, config, state)
    region, voucher = _region_filter(region), _voucher_filter(voucher)
    store = Store(state_dir, readonly=True)
    rows = []
    for (r, v), t in sorted(store.known_terms().items()):
        if region and not (r == region or r.startswith(region + "/")):
            continue
        if voucher and v != voucher:
            continue
        d = {k: getattr(t, k) for k in ("region", "voucher", "budget_yuan", "ratio", "cap_yuan", "deadline", "stage",
                                        "policy", "authority", "url", "title", "issuer", "published")}
        d["documents"] = store.reports(r, v)
        rows.append(d)
    if as_json:
        _echo_json(rows)
        return
    from .render import human_value
    if not rows:
        click.echo("no terms known yet")
    for d in rows:
        click.echo(f"{d['region']} {d['voucher']}  [{d['stage'] or '?'}]  总额 {human_value('budget_yuan', d['budget_yuan'])}"
                   f"  比例 {human_value('ratio', d['ratio'])}  上限 {human_value('cap_yuan', d['cap_yuan'])}"
                   f"  截止 {human_value('deadline', d['deadline'])}")
        for doc in d["documents"]:
            click.echo(f"    {doc['authority']:8} {doc['title'] or ''}  {doc['url']}")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print as a JSON array.")
@common
@click.pass_context
def sources(ctx, as_json, config, state):
    """Each source with its health: last success, last error, consecutive failures. Grouped by region.

    \b
    Example:
      monitor sources --json | jq '.[] | select(.failures > 0)'
    """
    from .store import Store
    config_path, state_dir = _opts(ctx, config, state)
    cfg = _load(config_path)
    store = Store(state_dir, readonly=True)
    states = store.source_states()
    rows = []
    for s in sorted(cfg.sources, key=lambda s: (s.region, s.id)):
        st = states.get(s.id, {})
        warnings = []
        if not s.verify:
            warnings.append("TLS certificate not verified (verify: false)")
        if s.tls == "legacy":
            warnings.append("legacy TLS allowed (tls: legacy)")
        rows.append({"id": s.id, "name": s.name, "region": s.region, "kind": s.kind, "url": s.url,
                     "authority": s.authority, "enabled": s.enabled,
                     "last_poll": st.get("last_poll"), "last_success": st.get("last_success"),
                     "last_change": st.get("last_change"), "last_error": st.get("last_error"),
                     "error_class": st.get("error_class"), "failures": st.get("failures") or 0,
                     "polls": st.get("polls") or 0, "warnings": warnings})
    outbox = store.outbox_counts()
    if as_json:
        _echo_json(rows)
        return
    region = None
    for r in rows:
        if r["region"] != region:
            region = r["region"]
            click.echo(f"\n{region}")
        status = "never polled" if not r["last_poll"] else ("ok" if not r["failures"] else
                                                             f"FAILING x{r['failures']} [{r['error_class']}] {r['last_error']}")
        click.echo(f"  {r['id']:28} {r['kind']:5} {status}" + (f"  last ok {r['last_success'][:16]}" if r["last_success"] else "")
                   + ("" if r["enabled"] else "  (disabled)"))
        for w in r["warnings"]:
            click.echo(f"  {'':28} warning: {w}")
    click.echo(f"\noutbox: {outbox['pending']} pending, {outbox['sent']} sent, {outbox['dead']} given up")
    from .notify import scrub
    urls = [u for c in cfg.channels for u in c.notify]
    for w in store.outbox_waiting():
        err = scrub(w["last_error"] or "", urls)
        if w["status"] == "dead":
            click.echo(f"  channel {w['channel_id']}: {w['n']} given up after {w['attempts']} attempt(s); "
                       f"last error: {err}")
        elif w["attempts"]:
            click.echo(f"  channel {w['channel_id']}: {w['n']} waiting, {w['attempts']} attempt(s) so far, "
                       f"next try {w['next_at'][:16].replace('T', ' ')} UTC; last error: {err}")


# ---------------------------------------------------------------- validate, notify-test, demo

@cli.command()
@common
@click.pass_context
def validate(ctx, config, state):
    """Check the configuration and print every problem with file, line and what to do.

    Exit status 0 when it is valid, 2 otherwise.

    \b
    Example:
      monitor validate --config /etc/monitor/sources.yaml
    """
    from .config import check_config
    config_path, _ = _opts(ctx, config, state)
    cfg, problems = check_config(config_path)
    from .redact import redact
    for p in problems:
        click.echo(redact(str(p)), err=True)
    if problems or cfg is None:
        click.echo(f"{config_path}: {len(problems)} problem(s)", err=True)
        ctx.exit(EXIT_USAGE)
    regions = len({s.region for s in cfg.sources})
    click.echo(f"{config_path}: OK — {len(cfg.sources)} sources in {regions} regions, {len(cfg.channels)} channels")


@cli.command("notify-test")
@click.argument("channel")
@common
@click.pass_context
def notify_test(ctx, channel, config, state):
    """Send a test alert to one channel and report each URL's result (secrets masked).

    \b
    Example:
      monitor notify-test guangdong
    """
    from .notify import send_text
    config_path, _ = _opts(ctx, config, state)
    cfg = _load(config_path)
    ch = cfg.channel(channel)
    if ch is None:
        raise click.UsageError(f"no channel {channel!r}; channels: {', '.join(c.id for c in cfg.channels) or 'none'}")
    results = send_text(ch, "monitor 测试消息", f"这是来自 monitor 的测试消息（频道 {ch.id}）。收到即表示推送配置正确。")
    for r in results:
        click.echo(f"{'OK  ' if r.ok else 'FAIL'} {r.url}" + (f"  {r.error}" if r.error else ""))
    ctx.exit(EXIT_OK if results and all(r.ok for r in results) else EXIT_FAILED)


@cli.command()
@click.option("--notify", "notify_url", metavar="URL", default=None, help="Also send the demo alerts to this apprise URL.")
@click.option("--rounds", default=None, help="Comma-separated rounds to play (default all).")
def demo(notify_url, rounds):
    """Run the whole pipeline offline against a bundled replay of real-looking sources and show the alerts.

    A local web server on 127.0.0.x plays several rounds (baseline, cosmetic noise, real changes,
    a withdrawal) against a temporary state; each round prints the alerts it would send.

    \b
    Example:
      monitor demo --notify json://127.0.0.1:8080/hook
    """
    from .demo import run_demo
    sys.exit(run_demo(notify_url=notify_url, rounds=rounds.split(",") if rounds else None))


def main(argv: list[str] | None = None) -> None:
    try:
        rv = cli.main(args=argv, prog_name="monitor", standalone_mode=False)
        sys.exit(rv if isinstance(rv, int) else EXIT_OK)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.ClickException as e:
        e.show()
        sys.exit(EXIT_USAGE)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(EXIT_FAILED)
    except ConfigError as e:
        from .redact import redact
        for p in e.problems:
            click.echo(redact(str(p)), err=True)
        click.echo("configuration is not valid: nothing was polled (run `monitor validate`)", err=True)
        sys.exit(EXIT_USAGE)
    except StateError as e:
        click.echo(f"monitor: {e}", err=True)
        sys.exit(EXIT_USAGE)
    except MonitorError as e:
        from .redact import redact
        click.echo(redact(f"monitor: {e}"), err=True)
        sys.exit(EXIT_FAILED)
    except sqlite3.DatabaseError as e:
        click.echo(f"monitor: the state database is unusable ({e}) — move it aside to start afresh "
                   "(nothing was overwritten)", err=True)
        sys.exit(EXIT_USAGE)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
