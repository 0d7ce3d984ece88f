"""The CLI's --help is the manual, and the README's examples are real: tested like the rest."""
import re
from pathlib import Path

from click.testing import CliRunner

from monitor.cli import cli
from monitor.config import parse_config_text

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SPEC_COMMANDS = ["check", "run", "extract", "diff", "history", "terms", "sources", "validate", "notify-test", "demo"]


def test_every_spec_command_has_help_with_an_example():
    runner = CliRunner()
    assert sorted(cli.commands) == sorted(SPEC_COMMANDS)
    for name in SPEC_COMMANDS:
        r = runner.invoke(cli, [name, "--help"])
        assert r.exit_code == 0, (name, r.output)
        assert "Example" in r.output and f"monitor {name}" in r.output, name
    top = runner.invoke(cli, ["--help"])
    assert top.exit_code == 0 and "check --once" in top.output


def test_listing_commands_offer_json():
    runner = CliRunner()
    for name in ("history", "terms", "sources", "extract", "diff", "check"):
        assert "--json" in runner.invoke(cli, [name, "--help"]).output, name


def test_readme_starts_with_the_two_setup_commands_and_lists_every_command():
    first_block = README.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block
    for name in SPEC_COMMANDS:
        assert f"`monitor {name}" in README, name


def test_readme_configuration_example_is_valid():
    blocks = re.findall(r"```yaml\n(.*?)```", README, re.S)
    assert blocks
    text = "sources:\n  - {id: a, region: 广东省/深圳市, kind: html, url: 'https://gxj.sz.gov.cn/tzgg/'}\n" + blocks[0]
    cfg = parse_config_text(text, "README.md", {"GD_DINGTALK_URL": "json://127.0.0.1:9/hook"})
    ch = cfg.channel("guangdong")
    assert ch.regions == ("广东省",) and ch.vouchers == ("算力券", "模型券") and ch.quiet_hours == "22:00-08:00"
