"""`monitor demo` plays the bundled replay story and every round alerts exactly what the story expects."""
import io
import re

from monitor.demo import run_demo


def test_demo_story_has_no_false_alarms_and_no_misses():
    out = io.StringIO()
    code = run_demo(out=out)
    text = out.getvalue()
    assert code == 0, text
    assert re.search(r"false alarms 0, missed 0, duplicates 0", text), text
    # the cosmetic round alerts nothing, the real round alerts in Chinese with old → new values
    r2 = text.split("━━ round r2")[1].split("━━ round r3")[0]
    assert "无提醒" in r2
    r3 = text.split("━━ round r3")[1].split("━━ round r4")[0]
    assert "条款变更" in r3 and "→" in r3 and "未经官方确认" in r3
    assert "answered 304" in text
