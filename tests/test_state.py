"""A state database written by a newer monitor, or something that is not ours, is refused: exit 2, nothing written."""
import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.errors import StateError
from monitor.store import Store

ROOT = Path(__file__).resolve().parent.parent
CFG = "settings: {host_delay: 0s}\nsources:\n  - {id: a, region: 广东省, kind: html, url: 'http://127.0.0.1:9/x/'}\n"


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def run(*args):
    return subprocess.run([sys.executable, "-m", "monitor", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)


def test_newer_schema_is_refused_and_left_alone(tmp_path):
    state = tmp_path / "state"
    Store(state).close()
    db = state / "monitor.db"
    con = sqlite3.connect(db)
    con.execute("insert into _sqlite_migrations (migration_set, name, applied_at) values ('monitor', 'm999_future', 'x')")
    con.commit()
    con.close()
    before = digest(db)
    with pytest.raises(StateError, match="newer monitor"):
        Store(state)
    cfg = tmp_path / "sources.yaml"
    cfg.write_text(CFG, encoding="utf-8")
    for args in (("check", "--once", "--config", str(cfg)), ("history",), ("terms",)):
        r = run(*args, "--state", str(state))
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert "newer monitor" in r.stderr and "Traceback" not in r.stderr
    assert digest(db) == before


def test_a_database_that_is_not_ours_is_refused(tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    con = sqlite3.connect(state / "monitor.db")
    con.execute("create table customers (id integer primary key, name text)")
    con.commit()
    con.close()
    before = digest(state / "monitor.db")
    with pytest.raises(StateError, match="not a monitor state database"):
        Store(state)
    assert digest(state / "monitor.db") == before


def test_reader_sees_a_database_still_being_created_as_empty(tmp_path):
    """`monitor sources`/`history` during the daemon's first start: the file exists, its tables not yet."""
    state = tmp_path / "state"
    state.mkdir()
    sqlite3.connect(state / "monitor.db").close()          # created, nothing migrated yet
    store = Store(state, readonly=True)
    assert store.source_states() == {} and store.history() == [] and store.known_terms() == {}
