"""Write monitor/data/t2s_keys.txt: the characters without which OpenCC 't2s' provably changes nothing.

    .venv/bin/python bench/t2s_keys.py            # regenerate from the installed OpenCC's dictionaries
    .venv/bin/python bench/t2s_keys.py --check    # compare with the shipped file (exit 1 when it differs)

Why it holds: t2s (see its t2s.json) runs a normalisation dictionary, then one group of dictionaries (phrases, then
characters). Each step cuts the text into pieces that are either a key of a dictionary, replaced by the key's first
value, or one character no key starts with, kept. A text in which no key whose first value differs from the key
occurs therefore comes out unchanged. Every such changing key holds a character of the set written here: a changing
one-character key is in the set itself; a changing phrase (乾燥 → 干燥) holds a character that is a key of a character
dictionary (乾, kept as it is alone), and those characters are in the set. So a text holding none of the set's
characters holds no changing key. (Checked: every changing phrase holds such a character; the script fails otherwise.)
No key holds a space or a control character (checked too), so no piece spans a line break: each line of a text is
converted as it would be alone, and to_simplified converts only the lines holding a character of the set.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "monitor" / "data" / "t2s_keys.txt"
HEADER = ("# Characters without which OpenCC t2s changes nothing (bench/t2s_keys.py writes this file from OpenCC's "
          "dictionaries).\n")


def opencc_dirs() -> tuple[Path, Path] | None:
    """(the opencc_dict tool, the dictionary folder) of the installed OpenCC package, when it ships them."""
    try:
        import opencc
    except ImportError:
        return None
    base = Path(opencc.__file__).parent / "clib"
    tool, share = base / "bin" / "opencc_dict", base / "share" / "opencc"
    return (tool, share) if tool.exists() and (share / "t2s.json").exists() else None


def _dicts_of(config: dict) -> list[str]:
    """The file of every dictionary the config uses (segmentation, normalisation, conversion), in order."""
    out: list[str] = []

    def walk(d: dict) -> None:
        if d.get("type") == "group":
            for x in d["dicts"]:
                walk(x)
        else:
            out.append(d["file"])

    if "segmentation" in config:
        walk(config["segmentation"]["dict"])
    for step in config.get("normalization", []) + config.get("conversion_chain", []):
        walk(step["dict"])
    return out


def _read_text_dict(tool: Path, ocd2: Path) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        txt = Path(tmp) / "d.txt"
        subprocess.run([str(tool), "-i", str(ocd2), "-o", str(txt), "-f", "ocd2", "-t", "text"], check=True,
                       capture_output=True)
        out = {}
        for line in txt.read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            if key:
                out[key] = values.split(" ")[0]
        return out


def witness_chars(tool: Path, share: Path) -> str:
    config = json.loads((share / "t2s.json").read_text(encoding="utf-8"))
    dicts = [_read_text_dict(tool, share / f) for f in dict.fromkeys(_dicts_of(config))]
    char_keys = {k for d in dicts for k in d if len(k) == 1}
    # normalize.to_simplified converts only the lines holding a character of the set: t2s never matches across a
    # line break, as no key holds a space or a control character
    for d in dicts:
        for k in d:
            if any(c.isspace() or ord(c) < 32 for c in k):
                raise SystemExit(f"the key {k!r} holds a space or a control character: lines are not converted alone")
    chars: set[str] = set()
    phrases = []
    for d in dicts:
        for k, v in d.items():
            if v == k:
                continue
            if len(k) == 1:
                chars.add(k)
            else:
                phrases.append(k)
    changing = set(chars)
    for k in phrases:
        if any(c in changing for c in k):
            continue
        held = [c for c in k if c in char_keys]
        if not held:
            raise SystemExit(f"the phrase {k!r} holds no character-dictionary key: the argument does not hold")
        chars.update(held)
    return "".join(sorted(chars))


def render(chars: str) -> str:
    lines = [chars[i:i + 64] for i in range(0, len(chars), 64)]
    return HEADER + "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    found = opencc_dirs()
    if found is None:
        print("OpenCC's opencc_dict or dictionaries are not installed")
        return 2
    text = render(witness_chars(*found))
    if "--check" in argv:
        same = OUT.read_text(encoding="utf-8") == text
        print("same" if same else f"{OUT} differs from the dictionaries")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"{len(text.splitlines()) - 1} lines written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
