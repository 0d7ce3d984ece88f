"""A change is recorded (and alerted) once: its key is stable. An unconfirmed report repeated by other outlets is the
same change; the same amendment announced by two official documents is recorded once per document."""
from monitor.models import Change
from monitor.store import Store


def amended(url, confirmed=True, new=10_000_000):
    return Change(kind="amended", region="浙江省/杭州市", voucher="算力券", field="cap_yuan", old=8_000_000, new=new,
                  confirmed=confirmed, url=url, detected_at="2026-11-20T09:00:00+08:00")


def test_unconfirmed_reports_from_several_outlets_are_one_change(tmp_path):
    a = amended("https://news-a.example/1.html", confirmed=False)
    b = amended("https://news-b.example/9.html", confirmed=False)
    assert a.key == b.key
    assert amended("https://news-b.example/9.html", confirmed=False, new=12_000_000).key != a.key
    store = Store(tmp_path)
    assert store.commit(changes=[a], outbox=[(a.key, "ch", "2026-01-01T00:00:00+00:00")]) == [a]
    assert store.commit(changes=[b], outbox=[(b.key, "ch", "2026-01-01T00:00:00+00:00")]) == []
    assert store.outbox_counts()["pending"] == 1


def test_official_changes_keep_their_document_in_the_key():
    assert amended("https://gov.example/a.html").key != amended("https://gov.example/b.html").key
    assert amended("https://gov.example/a.html").key == amended("https://gov.example/a.html").key
