"""Sending for real over loopback: apprise json:// and mailto:// to local receivers, our own DingTalk/WeCom/Feishu/Lark
senders to a receiver that mimics them (signatures verified, 200+errcode is a failure), masking, backoff."""
import html as htmllib
import json
import logging
import time
from dataclasses import replace

import pytest
from hypothesis import given, settings, strategies as st

from monitor.models import Change, Channel
from monitor.notify import KEY_HEADER, UrlResult, backoff, mask, scrub, send, send_text, service_format
from monitor.senders import dingtalk_sign, for_url
from receivers import SmtpSink, WebhookReceiver, dingtalk_expected_sign

DING_TOKEN = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"
DING_SECRET = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"
WECOM_KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
FEISHU_TOKEN = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
FEISHU_SECRET = "qR7sT9uV1wX3yZ5a"
PLANTED = (DING_TOKEN, DING_SECRET, WECOM_KEY, FEISHU_TOKEN, FEISHU_SECRET, "hunter2pass")

C1 = Change(kind="amended", region="广东省/深圳市", voucher="训力券", field="cap_yuan", old=5000000, new=10000000,
            url="https://gxj.sz.gov.cn/tzgg/t20250324_1.html?a=1&b=2", title="关于<调整>训力券的通知",
            issuer="深圳市工业和信息化局", published="2025-03-24")
C2 = Change(kind="new_policy", region="江苏省/苏州市", voucher="算力券", url="https://www.suzhou.gov.cn/a/2.html",
            title="苏州市算力券实施细则", terms={"budget_yuan": 100000000, "ratio": 0.3, "cap_yuan": None,
                                            "deadline": None}, confirmed=False)


def chan(*urls, **kw):
    return Channel(id=kw.pop("id", "t"), notify=tuple(urls), **kw)


@pytest.fixture()
def rx(monkeypatch):
    with WebhookReceiver() as r:
        for var in ("MONITOR_DINGTALK_API", "MONITOR_WECOM_API", "MONITOR_FEISHU_API", "MONITOR_LARK_API"):
            monkeypatch.setenv(var, r.base)
        yield r


def no_secrets(results):
    text = json.dumps([r.__dict__ for r in results], ensure_ascii=False)
    for s in PLANTED:
        assert s not in text, s


# ---------------------------------------------------------------- apprise json:// with the key header

def test_json_delivery_with_key_header_and_footer(rx):
    t0 = time.monotonic()
    res = send(chan(rx.apprise_url("json"), rx.apprise_url("json")), [C1, C2], key="key-0001")
    assert res == [UrlResult(rx.apprise_url("json"), True, None)] * 2
    assert len(rx.requests) == 2
    req = rx.requests[0]
    assert req["path"] == "/hook"
    assert req["headers"].get(KEY_HEADER) == "key-0001"
    msg = req["json"]["message"]
    assert "key-0001" in msg and "条款变更" in msg and "500万元 → 1000万元" in msg and "未经官方确认" in msg
    assert req["json"]["title"] == "monitor：2条政策变更"
    assert C1.url in msg and C2.url in msg
    # apprise's 5.5 s per-instance throttle is off (sanity bound, not a benchmark)
    assert time.monotonic() - t0 < 5


def test_json_http_500_and_down_are_failures_never_exceptions(rx):
    rx.respond(500, "oops", times=1)
    r1 = send(chan(rx.apprise_url("json")), [C1], key="k")
    assert r1[0].ok is False and r1[0].error
    rx.down()
    r2 = send(chan(rx.apprise_url("json")), [C1], key="k")
    assert r2[0].ok is False and r2[0].error
    rx.up()
    r3 = send(chan(rx.apprise_url("json")), [C1], key="k")
    assert r3[0].ok is True


def test_one_result_per_url_in_order_mixed_outcomes(rx):
    urls = ("not a url", "json://127.0.0.1:9/refused", rx.apprise_url("json"), "dingtalk://",
            f"wecombot://{WECOM_KEY}")
    res = send(chan(*urls), [C1], key="k")
    assert [r.ok for r in res] == [False, False, True, False, True]
    assert all(r.error for r in res if not r.ok)
    no_secrets(res)


# ---------------------------------------------------------------- DingTalk

def test_dingtalk_signed_markdown_verified_by_receiver(rx):
    rx.dingtalk_secret = DING_SECRET
    res = send(chan(f"dingtalk://{DING_SECRET}@{DING_TOKEN}/13800138000"), [C1, C2], key="kd1")
    assert res[0].ok, res
    req = rx.requests[0]
    assert req["path"] == "/robot/send"
    assert req["query"]["access_token"] == DING_TOKEN
    assert req["sign_ok"] is True
    assert req["query"]["sign"] == dingtalk_expected_sign(DING_SECRET, req["query"]["timestamp"])
    body = req["json"]
    assert body["msgtype"] == "markdown"
    assert body["markdown"]["title"] == "monitor：2条政策变更"
    assert "#### 广东省深圳市" in body["markdown"]["text"] and "kd1" in body["markdown"]["text"]
    assert body["at"]["atMobiles"] == ["13800138000"]
    assert res[0].url == "dingtalk://***@***/13800138000"


def test_dingtalk_signature_is_url_encoded_exactly_once(rx):
    # find a timestamp whose signature contains + / = so double encoding would show
    sig = dingtalk_sign("SECx", 1700000000000)
    assert sig == dingtalk_expected_sign("SECx", "1700000000000")
    rx.dingtalk_secret = DING_SECRET
    for _ in range(5):                      # signatures vary with the clock: several tries cover + and /
        assert send(chan(f"dingtalk://{DING_SECRET}@{DING_TOKEN}"), [C1], key="k")[0].ok
    assert all(r["sign_ok"] for r in rx.requests)
    assert all("%25" not in r["raw_path"] for r in rx.requests)


@pytest.mark.parametrize("code, msg", [(310000, "sign not match"), (300001, "token is not exist"),
                                       (130101, "send too fast")])
def test_dingtalk_200_with_errcode_is_a_failure(rx, code, msg):
    rx.errcode(code, msg, times=1)
    res = send(chan(f"dingtalk://{DING_TOKEN}"), [C1], key="k")
    assert res[0].ok is False
    assert str(code) in res[0].error
    no_secrets(res)


def test_dingtalk_wrong_secret_rejected_and_masked(rx):
    rx.dingtalk_secret = DING_SECRET
    wrong = "SEC" + "f" * 64
    res = send(chan(f"dingtalk://{wrong}@{DING_TOKEN}"), [C1], key="k")
    assert res[0].ok is False and "310000" in res[0].error
    assert rx.requests[0]["sign_ok"] is False
    assert wrong not in json.dumps(res[0].__dict__)
    no_secrets(res)


def test_dingtalk_native_https_url_and_query_secret(rx):
    rx.dingtalk_secret = DING_SECRET
    url = f"https://oapi.dingtalk.com/robot/send?access_token={DING_TOKEN}&secret={DING_SECRET}"
    res = send(chan(url), [C1], key="k")
    assert res[0].ok and rx.requests[0]["sign_ok"]
    assert res[0].url == "https://oapi.dingtalk.com/robot/send?access_token=***&secret=***"


def test_dingtalk_down_is_a_failure_with_masked_error(rx):
    rx.down()
    res = send(chan(f"dingtalk://{DING_SECRET}@{DING_TOKEN}"), [C1], key="k")
    assert res[0].ok is False and "connect" in res[0].error
    no_secrets(res)


def test_dingtalk_big_digest_fits_20000_bytes(rx):
    many = [Change(kind="amended", region=f"广东省/城市{i % 7}", voucher="算力券", field="ratio", old=0.3, new=0.5,
                   title="关于算力券的通知" * 30, url=f"https://example.gov.cn/{i}.html") for i in range(120)]
    assert send(chan(f"dingtalk://{DING_TOKEN}"), many, key="k")[0].ok
    raw = rx.requests[0]["body"].encode("utf-8")
    assert len(raw) <= 20000
    assert "另有" in rx.requests[0]["json"]["markdown"]["text"]


# ---------------------------------------------------------------- WeCom, Feishu, Lark

def test_wecom_text_within_2048_bytes_and_errcode_failure(rx):
    res = send(chan(f"wecombot://{WECOM_KEY}"), [C1, C2] * 10, key="kw")
    assert res[0].ok
    req = rx.requests[0]
    assert req["path"] == "/cgi-bin/webhook/send" and req["query"]["key"] == WECOM_KEY
    content = req["json"]["text"]["content"]
    assert req["json"]["msgtype"] == "text"
    assert len(content.encode("utf-8")) <= 2048
    assert "kw" in content and C1.url in content and "另有" in content
    rx.errcode(93000, "invalid webhook url", times=1)
    bad = send(chan(f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={WECOM_KEY}"), [C1], key="k")
    assert bad[0].ok is False and "93000" in bad[0].error
    no_secrets(bad + res)


@pytest.mark.parametrize("scheme, native", [("feishu", "https://open.feishu.cn/open-apis/bot/v2/hook/"),
                                            ("lark", "https://open.larksuite.com/open-apis/bot/v2/hook/")])
def test_feishu_lark_signed_text_and_code_failure(rx, scheme, native):
    rx.feishu_secret = FEISHU_SECRET
    res = send(chan(f"{scheme}://{FEISHU_SECRET}@{FEISHU_TOKEN}"), [C1], key="kf")
    assert res[0].ok, res
    req = rx.requests[0]
    assert req["path"] == f"/open-apis/bot/v2/hook/{FEISHU_TOKEN}"
    assert req["sign_ok"] is True
    assert req["json"]["msg_type"] == "text" and "条款变更" in req["json"]["content"]["text"]
    # no secret configured → Feishu answers code 19021 with HTTP 200: a failure
    res2 = send(chan(native + FEISHU_TOKEN), [C1], key="kf")
    assert res2[0].ok is False and "19021" in res2[0].error
    rx.feishu_secret = None
    rx.respond(200, {"code": 9499, "msg": "Bad Request"}, times=1)
    assert send(chan(native + FEISHU_TOKEN), [C1], key="kf")[0].ok is False
    assert send(chan(native + FEISHU_TOKEN), [C1], key="kf")[0].ok is True
    no_secrets(res + res2)


def test_send_text_for_notify_test(rx):
    res = send_text(chan(rx.apprise_url("json"), f"dingtalk://{DING_TOKEN}"), "monitor 测试消息", "这是测试")
    assert [r.ok for r in res] == [True, True]
    assert rx.requests[0]["json"]["title"] == "monitor 测试消息"
    assert "这是测试" in rx.requests[1]["json"]["markdown"]["text"]


# ---------------------------------------------------------------- email

def test_email_html_escaped_with_text_part():
    with SmtpSink() as smtp:
        res = send(chan(smtp.url(to="ops@example.com")), [C1, C2], key="km1")
        assert res[0].ok, res
        assert smtp.wait_for(1)
        msg = smtp.messages[0]
        assert msg["Subject"] == "monitor：2条政策变更"
        parts = SmtpSink.parts(msg)
        assert "text/plain" in parts and "text/html" in parts
        h = parts["text/html"]
        assert "&lt;调整&gt;" in h and "<调整>" not in h
        assert htmllib.escape(C1.url) in h
        assert "500万元 → 1000万元" in parts["text/plain"] and "km1" in parts["text/plain"]
        assert smtp.envelopes[0]["to"] == ["ops@example.com"]


def test_email_server_down_is_a_failure():
    with SmtpSink() as smtp:
        url = smtp.url()
    res = send(chan(url), [C1], key="k")
    assert res[0].ok is False and res[0].error


# ---------------------------------------------------------------- masking, formats, backoff, logging

@pytest.mark.parametrize("url, masked", [
    (f"dingtalk://{DING_SECRET}@{DING_TOKEN}/13800138000", "dingtalk://***@***/13800138000"),
    (f"wecombot://{WECOM_KEY}", "wecombot://***"),
    (f"https://oapi.dingtalk.com/robot/send?access_token={DING_TOKEN}",
     "https://oapi.dingtalk.com/robot/send?access_token=***"),
    (f"https://open.feishu.cn/open-apis/bot/v2/hook/{FEISHU_TOKEN}", "https://open.feishu.cn/open-apis/bot/v2/hook/***"),
    ("mailtos://alice:hunter2pass@smtp.qq.com?to=bob@example.com", "mailtos://alice:***@smtp.qq.com?to=bob@example.com"),
    ("json://127.0.0.1:8080/hook", "json://127.0.0.1:8080/hook"),
    ("json://u:hunter2pass@hooks.example.com/x?+Authorization=Bearer%20abc", "json://***@hooks.example.com/x?+Authorization=***"),
    ("tgram://123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/-1001234", "tgram://***:***/-1001234"),
    ("ntfy://ntfy.sh/monitor-alerts", "ntfy://ntfy.sh/monitor-alerts"),
])
def test_mask(url, masked):
    assert mask(url) == masked


def test_scrub_free_text():
    url = f"dingtalk://{DING_SECRET}@{DING_TOKEN}"
    err = (f"POST https://oapi.dingtalk.com/robot/send?access_token={DING_TOKEN}&sign=abc%2Bdef failed; "
           f"secret {DING_SECRET} token={DING_TOKEN}")
    out = scrub(err, [url])
    for s in (DING_TOKEN, DING_SECRET, "abc%2Bdef"):
        assert s not in out
    assert "oapi.dingtalk.com" in out


@pytest.mark.parametrize("url, fmt, limit", [
    (f"dingtalk://{DING_TOKEN}", "markdown", 20000),
    (f"wecombot://{WECOM_KEY}", "text", 2048),
    (f"feishu://{FEISHU_TOKEN}", "text", 20000),
    (f"lark://{FEISHU_TOKEN}", "text", 20000),
    ("mailto://user:pw@example.com", "html", None),
    ("mailtos://user:pw@example.com", "html", None),
    ("json://127.0.0.1/x", "markdown", None),
])
def test_service_format(url, fmt, limit):
    assert service_format(url) == (fmt, limit)
    assert (for_url(url) is not None) == (url.split(":")[0] in ("dingtalk", "wecombot", "feishu", "lark"))


def test_backoff_exponential_jittered_capped():
    firsts = [backoff(1) for _ in range(50)]
    assert all(48 <= b <= 72 for b in firsts) and len(set(firsts)) > 1
    assert all(96 <= backoff(2) <= 144 for _ in range(20))
    assert all(backoff(n) <= 3600 for n in range(1, 100) for _ in range(3))
    assert all(backoff(n) >= 2880 for n in (8, 30, 1000))      # at the cap (minus jitter)
    assert backoff(0) > 0


def test_apprise_logger_never_debug(rx, caplog):
    with caplog.at_level(logging.DEBUG):                 # root at DEBUG, apprise logger asked for DEBUG too
        logging.getLogger("apprise").setLevel(logging.DEBUG)
        res = send(chan(f"json://user:hunter2pass@127.0.0.1:{rx.port}/hook"), [C1], key="k")
        assert logging.getLogger("apprise").getEffectiveLevel() >= logging.INFO
    assert res[0].ok
    assert rx.requests[0]["headers"].get("Authorization")          # the password did go to the server …
    assert "hunter2pass" not in caplog.text                          # … but never into the log
    assert "Sent JSON notification" in caplog.text or "sent 1 change" in caplog.text


TOKENS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=8, max_size=64).filter(
    lambda s: any(ch.isdigit() for ch in s) and any(ch.isalpha() for ch in s))
TEMPLATES = ["dingtalk://{t}", "dingtalk://{t}@{u}/13800138000", "wecombot://{t}", "feishu://{u}@{t}", "lark://{t}",
             "https://oapi.dingtalk.com/robot/send?access_token={t}&secret={u}",
             "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={t}",
             "https://open.feishu.cn/open-apis/bot/v2/hook/{t}", "mailtos://alice:{t}@smtp.example.com?to=b@example.com",
             "json://bob:{t}@hooks.example.com/x", "json://127.0.0.1:8080/x?+Authorization=Bearer%20{t}",
             "https://hooks.example.com/services/{t}/{u}", "discord://{u}/{t}", "tgram://123456:{t}/-100123",
             "gotify://push.example.com/{t}", "pushover://{t}@{u}", "ntfys://user:{t}@ntfy.sh/topic"]


@settings(max_examples=150, deadline=None)
@given(TOKENS, TOKENS, st.sampled_from(TEMPLATES))
def test_mask_and_scrub_never_leak_planted_tokens(t, u, template):
    url = template.format(t=t, u=u)
    m = mask(url)
    assert t not in m and u not in m
    assert m.split("://")[0] == url.split("://")[0]
    err = f"HTTP 403 for {url}: token {t} rejected (secret={u})"
    s = scrub(err, [url])
    assert t not in s and u not in s


def test_apprise_dingtalk_quirks_that_justify_our_sender(rx, monkeypatch):
    """apprise 2.2 double-encodes the DingTalk signature and reports success on HTTP 200 + errcode.
    If this test starts failing, apprise fixed them and monitor.senders.DingTalk could be reconsidered."""
    import apprise
    from apprise.plugins.dingtalk import NotifyDingTalk
    monkeypatch.setattr(NotifyDingTalk, "notify_url", rx.base + "/robot/send?access_token={token}")
    rx.dingtalk_secret = "SECabc123"
    obj = apprise.Apprise.instantiate("dingtalk://SECabc123@abcdef0123/")
    obj.request_rate_per_sec = 0
    assert obj.notify(body="x", title="t") is True            # apprise says sent …
    assert rx.requests[-1]["sign_ok"] is False                 # … but DingTalk would answer 310000
    assert "%25" in rx.requests[-1]["raw_path"]                # because the signature was encoded twice
    # ours, same secret and token, same receiver: accepted, and a 310000 is a failure
    assert send(chan("dingtalk://SECabc123@abcdef0123/"), [C1], key="k")[0].ok
    assert rx.requests[-1]["sign_ok"] is True


def test_changes_that_do_not_fit_one_message_follow_in_the_next(rx):
    """A batch too large for WeCom's 2048 bytes goes out as several messages: every change arrives, none is lost."""
    changes = [replace(C1, url=f"https://gxj.sz.gov.cn/tzgg/t2026_{i}.html", new=1000000 * (i + 1)) for i in range(12)]
    res = send(chan(f"wecombot://{WECOM_KEY}"), changes, key="kbatch")
    assert res[0].ok
    contents = [r["json"]["text"]["content"] for r in rx.requests]
    assert len(contents) > 1
    assert all(len(c.encode("utf-8")) <= 2048 for c in contents)
    joined = "\n".join(contents)
    for c in changes:
        assert joined.count(c.url) == 1, c.url
    assert "kbatch" in contents[0] and "kbatch-1" in contents[1]
