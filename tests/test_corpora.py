"""Regression floors over every extraction corpus, in one place.

The per-corpus files (test_heldout*.py, test_attachments.py) check each corpus is well formed; the scores of all
of them are checked here, in-process (the scorer's command line is tested in test_extract.py). Every miss those corpora showed now has a general rule, so the
floors here are today's scores: a rule change that loses one measure, one field or one document field anywhere fails
here (a floor of 0.99 let a lost measure of heldout9 pass). Today: measure F1 1.000 everywhere but heldout18 (0.977:
two district top-ups stated without naming the voucher, 合肥市企业…凭算力券享受七折 read as no subject); fields 1.000
except heldout4 (0.995: a pool two vouchers share, which SPEC's reading leaves to neither) and heldout18 (0.994: 最高可使用
as a cap, a round's deadline beside the cities' own rounds); every document field 1.000 except issuer in heldout
(0.986) and heldout9 (0.984), both issuers the text never names.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from monitor.evaluate import DOC_FIELDS, evaluate

ROOT = Path(__file__).resolve().parent
CORPORA = ["golden", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8",
           "heldout9", "heldout10", "heldout11", "heldout12", "heldout13", "heldout14", "heldout15", "heldout16", "heldout17", "heldout18", "attachments"]
# today's scores below 1.000 (a floor just under each)
FIELDS_FLOOR = {"heldout4": 0.994, "heldout18": 0.993}
F1_FLOOR = {"heldout18": 0.976}
DOC_FLOOR = {("heldout", "issuer"): 0.985, ("heldout9", "issuer"): 0.983}
# the least each corpus holds (its author's promise); a lost document is a failure too
MIN_DOCS = {"golden": 100, "heldout": 60, "heldout2": 40, "heldout3": 36, "heldout4": 36, "heldout5": 36,
            "heldout6": 36, "heldout7": 36, "heldout8": 40, "heldout9": 40, "heldout10": 40, "heldout11": 30,
            "heldout12": 30, "heldout13": 30, "heldout14": 30, "heldout15": 30, "heldout16": 30, "heldout17": 30, "heldout18": 30, "attachments": 14}


@pytest.mark.parametrize("name", CORPORA)
def test_corpus_floor(name):
    rep = evaluate(ROOT / name)
    assert rep.documents >= MIN_DOCS[name]
    assert not rep.errors, rep.errors
    assert rep.f1 >= F1_FLOOR.get(name, 1.0), rep.misses
    assert rep.field_accuracy() >= FIELDS_FLOOR.get(name, 1.0), rep.misses
    for f in DOC_FIELDS:
        assert rep.doc_accuracy(f) >= DOC_FLOOR.get((name, f), 1.0), (f, rep.misses)
