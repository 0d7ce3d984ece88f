"""Accuracy of the extraction on a golden corpus: `python -m monitor.evaluate [DIR] [-v] [--json]`.

A corpus is a directory of documents NAME.txt / NAME.html (or .pdf, .docx) each beside NAME.json, the
Facts expected (SPEC "Facts" JSON) plus an optional "_input" object: {"region": the source's region,
"authority": official|news, "url": …}. Measures are matched on (voucher, region); the fields budget,
ratio, cap and deadline are scored over matched measures; stage, published, doc_number and repealed per
document.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SourceError
from .extract import extract_bytes
from .models import Facts

FIELDS = ("budget_yuan", "ratio", "cap_yuan", "deadline")
DOC_FIELDS = ("stage", "published", "doc_number", "issuer", "repealed")
_TYPES = {".txt": "text/plain", ".html": "text/html", ".htm": "text/html", ".pdf": "application/pdf",
          ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@dataclass
class Report:
    documents: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    field_ok: dict = field(default_factory=lambda: {f: 0 for f in FIELDS})
    field_n: dict = field(default_factory=lambda: {f: 0 for f in FIELDS})
    doc_ok: dict = field(default_factory=lambda: {f: 0 for f in DOC_FIELDS})
    errors: list = field(default_factory=list)
    misses: dict = field(default_factory=dict)   # document → list of lines

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def field_accuracy(self, f: str | None = None) -> float:
        if f is None:
            n = sum(self.field_n.values())
            return sum(self.field_ok.values()) / n if n else 1.0
        return self.field_ok[f] / self.field_n[f] if self.field_n[f] else 1.0

    def doc_accuracy(self, f: str) -> float:
        return self.doc_ok[f] / self.documents if self.documents else 1.0

    def to_json(self) -> dict:
        return {"documents": self.documents, "measures": {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                                                          "precision": round(self.precision, 4),
                                                          "recall": round(self.recall, 4), "f1": round(self.f1, 4)},
                "fields": {f: round(self.field_accuracy(f), 4) for f in FIELDS} | {"all": round(self.field_accuracy(), 4)},
                "documents_fields": {f: round(self.doc_accuracy(f), 4) for f in DOC_FIELDS},
                "errors": self.errors,
                "misses": self.misses}


def _same(f: str, a, b) -> bool:
    if f == "ratio" and a is not None and b is not None:
        return abs(float(a) - float(b)) < 1e-6
    return a == b


def find_documents(directory: Path) -> list[tuple[Path, Path]]:
    """(document, expected json) pairs of a corpus directory, sorted by name."""
    out = []
    for js in sorted(directory.glob("*.json")):
        for ext in (".txt", ".html", ".htm", ".pdf", ".docx"):
            doc = js.with_suffix(ext)
            if doc.exists():
                out.append((doc, js))
                break
    return out


class _Warnings(logging.Handler):
    """Collects what the extractor logs at WARNING and above: a bug it swallowed (parse_page never raises, it logs
    and reads the page as empty) is an error of the evaluation, not a quiet drop in the scores."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        # described now: a later filter (secret redaction) may clear the record's exc_info
        exc = record.exc_info[1] if record.exc_info else None
        what = f": {exc.__class__.__name__}: {exc}" if exc else ""
        self.records.append(f"extractor logged {record.levelname.lower()} '{record.getMessage()}'{what}")


def evaluate_one(doc: Path, expected_path: Path) -> tuple[Facts | None, Facts, dict, str | None]:
    spec = json.loads(expected_path.read_text(encoding="utf-8"))
    inp = spec.get("_input") or {}
    expected = Facts.from_json(spec)
    logger = logging.getLogger("monitor.extract")
    caught = _Warnings()
    logger.addHandler(caught)
    try:
        got = extract_bytes(doc.read_bytes(), url=inp.get("url") or doc.name,
                            content_type=_TYPES.get(doc.suffix.lower(), ""),
                            region=inp.get("region", ""), authority=inp.get("authority", "official"))
    except SourceError as exc:
        return None, expected, spec, f"SourceError({exc.klass}): {exc}"
    finally:
        logger.removeHandler(caught)
    if caught.records:
        return got, expected, spec, caught.records[0]
    return got, expected, spec, None


def evaluate(directory: str | Path) -> Report:
    rep = Report()
    for doc, js in find_documents(Path(directory)):
        got, exp, spec, err = evaluate_one(doc, js)
        rep.documents += 1
        lines: list[str] = []
        if err:
            rep.errors.append(f"{doc.name}: {err}")
            got = got or Facts()
            lines.append(err)
        exp_m = {(m.voucher, m.region): m for m in exp.measures}
        got_m = {(m.voucher, m.region): m for m in got.measures}
        for key in exp_m:
            if key in got_m:
                rep.tp += 1
                for f in FIELDS:
                    rep.field_n[f] += 1
                    a, b = getattr(exp_m[key], f), getattr(got_m[key], f)
                    if _same(f, a, b):
                        rep.field_ok[f] += 1
                    else:
                        lines.append(f"{key[0]} {key[1]}: {f} expected {a!r} got {b!r}")
            else:
                rep.fn += 1
                lines.append(f"missed {key[0]} {key[1]}")
        for key in got_m:
            if key not in exp_m:
                rep.fp += 1
                lines.append(f"extra {key[0]} {key[1]}")
        for f in DOC_FIELDS:
            if f in spec or f == "repealed":
                a = bool(spec.get("repealed", False)) if f == "repealed" else spec.get(f)
                b = getattr(got, f)
                if a == b:
                    rep.doc_ok[f] += 1
                else:
                    lines.append(f"{f} expected {a!r} got {b!r}")
            else:
                rep.doc_ok[f] += 1
        if lines:
            rep.misses[doc.name] = lines
    return rep


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m monitor.evaluate", description=__doc__.splitlines()[0])
    ap.add_argument("directory", nargs="?", default=str(Path(__file__).resolve().parent.parent / "tests" / "golden"))
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss per document")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if not Path(args.directory).is_dir():
        print(f"no such corpus directory: {args.directory}", file=sys.stderr)
        return 2
    rep = evaluate(args.directory)
    if args.json:
        d = rep.to_json()
        if not args.verbose:
            d.pop("misses")
        print(json.dumps(d, ensure_ascii=False, indent=2))
        return 0
    print(f"documents: {rep.documents}")
    print(f"measures:  precision {rep.precision:.3f}  recall {rep.recall:.3f}  F1 {rep.f1:.3f}"
          f"  (tp {rep.tp}, fp {rep.fp}, fn {rep.fn})")
    print("fields:    " + "  ".join(f"{f} {rep.field_accuracy(f):.3f}" for f in FIELDS)
          + f"  all {rep.field_accuracy():.3f}")
    print("documents: " + "  ".join(f"{f} {rep.doc_accuracy(f):.3f}" for f in DOC_FIELDS))
    for e in rep.errors:
        print(f"error: {e}")
    if args.verbose:
        for name, lines in rep.misses.items():
            print(f"\n{name}")
            for ln in lines:
                print(f"  {ln}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
