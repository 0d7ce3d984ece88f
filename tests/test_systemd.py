"""The shipped units pass `systemd-analyze verify` (with the ExecStart binary pointed at one that exists)."""
import shutil
import subprocess
from pathlib import Path

import pytest

UNITS = Path(__file__).resolve().parent.parent / "systemd"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_units_verify(tmp_path):
    for unit in UNITS.iterdir():
        text = unit.read_text().replace("/opt/monitor/.venv/bin/monitor", "/bin/true")
        (tmp_path / unit.name).write_text(text)
    names = sorted(str(p) for p in tmp_path.iterdir())
    out = subprocess.run(["systemd-analyze", "verify", *names], capture_output=True, text=True, timeout=60)
    problems = [line for line in (out.stdout + out.stderr).splitlines() if "monitor" in line]
    assert out.returncode == 0 and not problems, out.stdout + out.stderr


def test_service_is_hardened_and_notifies():
    text = (UNITS / "monitor.service").read_text()
    for directive in ("Type=notify", "WatchdogSec=", "Restart=on-failure", "DynamicUser=yes", "StateDirectory=monitor",
                      "EnvironmentFile=", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
                      "NoNewPrivileges=yes", "RestrictAddressFamilies=", "ExecReload=/bin/kill -HUP $MAINPID"):
        assert directive in text, directive
    assert "OnUnitActiveSec=" in (UNITS / "monitor-check.timer").read_text()
