"""Text normalisation for Chinese policy pages. Pure: str in, str out.

    to_simplified(text)   Traditional → Simplified (OpenCC t2s; one converter, created once, used under a lock)
    fold_width(text)      full-width ASCII → half-width where it helps parsing; odd spaces → space; zero-width removed
    join_lines(text)      re-join sentences a PDF or a copy-paste broke every N characters
    normalize(text)       all of the above, spaces collapsed, lines kept

Choices made in fold_width (documented here because other modules rely on them):
- full-width digits, letters and ASCII symbols (％ ＋ － ． ／ ＜ ＞ ＝ ＠ ＃ ＆ ＊ ［ ］ ～ …) become ASCII;
- （ ） become ( ) — brackets carry no sentence meaning and regexes get simpler;
- the sentence punctuation ， 。 ； ： ！ ？ 、 and the quotes “ ” 《 》 〔 〕 【 】 stay Chinese: they mark sentence
  and clause ends (join_lines relies on them) and 〔2025〕 is part of a document number;
- \\u3000, NBSP and the other Unicode spaces become a plain space; zero-width characters, BOM and soft hyphens go.
"""
from __future__ import annotations

import re
import threading
from pathlib import Path

__all__ = ["to_simplified", "fold_width", "join_lines", "normalize", "normalize_folded", "normalize_simplified", "CJK",
           "CJK_RE"]

# ------------------------------------------------------------------ Traditional → Simplified

_cc = None
_cc_lock = threading.Lock()
_HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _converter():
    global _cc
    if _cc is None:
        with _cc_lock:
            if _cc is None:
                import opencc
                _cc = opencc.OpenCC("t2s")
    return _cc


def _key_class() -> re.Pattern | None:
    """A class of the BMP characters of monitor/data/t2s_keys.txt (and lone surrogates, on which OpenCC raises)."""
    try:
        lines = (Path(__file__).resolve().parent.parent / "data" / "t2s_keys.txt").read_text(encoding="utf-8")
    except OSError:
        return None
    cps = sorted({ord(c) for line in lines.splitlines() if not line.startswith("#") for c in line if ord(c) < 0x10000})
    runs: list[list[int]] = []
    for cp in cps:
        if runs and runs[-1][1] == cp - 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return re.compile("[" + "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in runs)
                      + "\ud800-\udfff]")


# a character of every key t2s would replace (bench/t2s_keys.py writes the list and says why it is enough)
_T2S_KEY = _key_class()


def to_simplified(text: str) -> str:
    """Traditional characters read as Simplified (OpenCC 't2s'). Text without Han characters is returned as is."""
    if not text or not _HAN_RE.search(text):
        return text or ""
    # no key t2s would replace (none of its characters in the BMP, no character beyond it: UTF-16 two bytes each):
    # OpenCC would return the text unchanged
    if _T2S_KEY is None or len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text):
        return _convert(text)
    m = _T2S_KEY.search(text)
    if m is None:
        return text
    if len(text) < 400:
        return _convert(text)
    # only the lines holding a key (runs of them, with short gaps, as one piece): t2s never matches across a line
    # break (no dictionary key holds a space or a control character: bench/t2s_keys.py checks it), so it cuts the
    # text at every '\n' and converts each line alone, and a line holding no key comes out unchanged (see above)
    out: list[str] = []
    last = 0
    search = _T2S_KEY.search
    find, rfind = text.find, text.rfind
    n = len(text)
    while m is not None:
        a = rfind("\n", last, m.start()) + 1
        if a == 0:
            a = last
        b = find("\n", m.end())
        if b < 0:
            b = n
        taken = 0
        while True:            # take in the next lines holding a key when they come soon
            m = search(text, b)
            if m is None or m.start() - b > 200:
                break
            taken += 1
            if taken > 16:     # a Traditional text: keys on every line, the rest converted at once
                b, m = n, None
                break
            b = find("\n", m.end())
            if b < 0:
                b = n
        out.append(text[last:a])
        out.append(_convert(text[a:b]))
        last = b
    out.append(text[last:])
    return "".join(out)


def _convert(text: str) -> str:
    cc = _converter()
    with _cc_lock:  # the binding's thread safety is not documented: serialise (conversion is fast, ~30 MB/s)
        return cc.convert(text)


# ------------------------------------------------------------------ width folding

# full-width characters kept as they are (Chinese sentence punctuation)
_KEEP = set("，；：！？")


def _build_fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for cp in range(0xFF01, 0xFF5F):
        ch = chr(cp)
        if ch in _KEEP:
            continue
        table[cp] = chr(cp - 0xFEE0)
    for cp in (0x3000, 0x00A0, 0x1680, 0x202F, 0x205F, *range(0x2000, 0x200B)):
        table[cp] = " "
    for cp in (0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x00AD, 0x180E):
        table[cp] = None
    table[0x2028] = "\n"
    table[0x2029] = "\n"
    table[ord("\r")] = None    # \r\n → \n (a lone \r is handled in normalize)
    table[ord("\t")] = " "
    table[ord("\f")] = "\n"
    table[ord("\v")] = "\n"
    table[0xFFE5] = "¥"         # ￥
    table[0xFFE0] = "¢"
    return table


_FOLD = _build_fold_table()
assert _FOLD[0xFF08] == "(" and _FOLD[0xFF09] == ")" and _FOLD[0x3000] == " " and _FOLD[0xA0] == " "
assert all(_FOLD[0xFF10 + i] == str(i) for i in range(10))
# runs of characters the table changes: translating only those runs gives the same text, much faster on long
# texts (str.translate with a dict looks up every character)
_FOLD_RUN = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_FOLD)) + "]+")


def _fold_run(m: re.Match) -> str:
    return m.group().translate(_FOLD)


def fold_width(text: str) -> str:
    """Full-width ASCII → half-width (digits, letters, %, ., (, ) …), keeping ，；：！？ and 。、 as they are;
    \\u3000 / NBSP / Unicode spaces → space; zero-width characters and BOM removed."""
    if not text:
        return ""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # the commonest ones (as the table maps them) by str.replace, in C: far fewer runs left for the callback
    text = text.replace("（", "(").replace("）", ")").replace("\u3000", " ").replace("\xa0", " ")
    # most texts hold no other: one search for a single character of the table (twice as fast as for a run) says so
    m = _FOLD_ONE.search(text)
    if m is None:
        return text
    i = m.start()
    if "０" in text or "１" in text or "２" in text or "５" in text or "０" <= text[i] <= "９":
        # full-width digits (most numbers hold a 0, 1, 2 or 5): ten replaces beat a callback per run of them
        for fw, d in _FW_DIGITS:
            text = text.replace(fw, d)
    # nothing before i is in the table (and the digit replaces keep every position): the runs start from i
    return text[:i] + _FOLD_RUN.sub(_fold_run, text[i:])


_FOLD_ONE = re.compile(_FOLD_RUN.pattern[:-1])
assert _FOLD_ONE.pattern.endswith("]")
_FW_DIGITS = [(chr(0xFF10 + i), str(i)) for i in range(10)]


# ------------------------------------------------------------------ line joining

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK}]")
# a line may continue after these endings …
_CONT_END = re.compile(rf"[{CJK}0-9A-Za-z%，、,“‘《（(〔\[【]$")
# … but never after these (sentence/clause ends)
_TERMINAL = set("。！？；：!?;:")
# and the next line must start like the middle of a sentence
_CONT_START = re.compile(rf"^[{CJK}0-9A-Za-z%，、。；：！？”’》）)〕\]】]")
# list items and headings start a new paragraph
_ITEM_START = re.compile(
    rf"^(?:[一二三四五六七八九十百]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{{1,3}}[、.．)）](?!\d)|"
    rf"第[一二三四五六七八九十百零〇\d]+[章节条款部分篇]|[①-⑳⑴-⒇❶-❿●○■□◆◇▪•·\-—*#>|]|附件|附表|附录|[〇零一二三四五六七八九]{{4}}年|"
    rf"(?:发布|成文|印发|发文|索引|来源|联系|电话|传真|地址|邮编|邮箱|网址|时间|日期|主题|文号|作者|编辑|责任|备注|说明)"
    rf"[{CJK}]{{0,4}}\s*[:：])"
)


# a line ending like a document title ('…的通知') is a title, not a wrapped sentence
_TITLE_END = re.compile(r"(?:通知|意见|办法|方案|决定|细则|公告|通告|批复|规定|措施|指南|报告|纲要|规划|计划|公示|通报|"
                        r"函|令|条例|政策|清单)$")
# its words: on a line (no line break in it) _TITLE_END.search(a) is a.endswith(_TITLE_WORDS), without a scan of a
_TITLE_WORDS = tuple(_TITLE_END.pattern[3:-2].split("|"))
# a line that is a document number ('大科发〔2026〕31号') stands alone
_DOC_NO_LINE = re.compile(rf"^[{CJK}]{{1,12}}\s*[〔\[［(（]\s*\d{{4}}\s*[〕\]］)）]\s*第?\s*\d{{1,4}}\s*号\s*$")


# a line that is only a date (under a signature) stands alone
_DATE_LINE = re.compile(r"^(?:19|20)\d{2}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}\s*日?$")


def _width(line: str) -> int:
    """Display width, about: CJK and other 3-byte UTF-8 characters count 2, ASCII 1 (computed in C)."""
    return len(line) + (len(line.encode("utf-8", "surrogatepass")) - len(line)) // 2


def _join_pair(a: str, b: str) -> str:
    x, y = a[-1:], b[:1]
    # two words of Latin script keep a space; a number wrapped between its digits (安排3 / 00万元) does not
    if x.isascii() and x.isalnum() and y.isascii() and y.isalnum() and not (x.isdigit() and y.isdigit()):
        return a + " " + b
    return a + b


# what joinable asks of the line after the break, in one match: it starts mid-sentence, not as a list item or
# heading (the two patterns as lookaheads at its start: the same test)
_NEXT_OK = re.compile(f"(?={_CONT_START.pattern})(?!{_ITEM_START.pattern})")
assert _CONT_START.flags == _ITEM_START.flags == re.U


def _joinable(a: str, b: str) -> bool:
    if not a or not b or a[-1] in _TERMINAL or " | " in a or " | " in b:
        return False
    # (a holds no line break: a search for an ending 'x$' is a test of the end, done without scanning a)
    if a.endswith(_TITLE_WORDS) or _NEXT_OK.match(b) is None:
        return False
    # b is stripped: a document number line ends with 号, a date line starts with 19 or 20 and ends with 日 or a
    # digit (\d is str.isdecimal): tested before the patterns are
    y = b[-1]
    if (y == "号" and _DOC_NO_LINE.match(b)) or ((y == "日" or y.isdecimal()) and b[0] in "12" and _DATE_LINE.match(b)):
        return False
    x, y = a[-1], b[0]
    return bool(_CONT_END.match(x) and (CJK_RE.match(x) or CJK_RE.match(y) or x.isdigit() or y.isdigit()
                                        or x in "，、"))


def join_lines(text: str) -> str:
    """Join line breaks inside sentences: a line that ends mid-sentence (CJK, digit, ，、 …; not 。！？；：),
    is as wide as the lines around it (text wrapped every N characters), and is followed by a line that starts
    mid-sentence (not a list item or heading) is joined to it. Across a single blank line only when the text
    shows the fixed-width wrapping pattern clearly. Paragraph breaks, headings and list items stay."""
    if not text or "\n" not in text:
        return text or ""
    lines = text.split("\n")
    n = len(lines)
    stripped = list(map(str.strip, lines))
    # = [_width(s) for s in stripped], without a call a line
    widths = [len(s) + (len(s.encode("utf-8", "surrogatepass")) - len(s)) // 2 for s in stripped]
    nb_widths: list[int] = []      # the widths of the non-blank lines, in order
    pos: dict[int, int] = {}        # line index → its place among them

    def full(i: int, strict: bool) -> bool:
        # (the caller has checked 24 <= widths[i] <= 130: wrapped lines hold ~12 to ~65 Chinese characters; longer
        # lines are paragraphs)
        if not pos:        # built on first use: most texts never ask
            nb = [j for j in range(n) if stripped[j]]
            nb_widths.extend([widths[j] for j in nb])
            pos.update(zip(nb, range(len(nb))))
        w = widths[i]
        k = pos[i]
        # the widths (of 8 and more) of up to 4 non-blank lines before it and 4 after it
        ws = [x for x in nb_widths[k - 4 if k > 4 else 0:k] if x >= 8]
        ws += [x for x in nb_widths[k + 1:k + 5] if x >= 8]
        if len(ws) < 2:
            return False
        ws.sort()
        med = ws[len(ws) // 2]
        if strict:
            tol = 0.15 * w      # = max(3, 0.15 * w)
            if tol < 3:
                tol = 3
            close = 0
            for x in ws:
                if -tol <= x - w <= tol:      # = abs(x - w) <= tol (integers)
                    close += 1
            return w >= 0.8 * med and close >= 2
        if w < 0.75 * med:
            return False
        tol = 0.2 * w
        if tol < 3:
            tol = 3
        for x in ws:
            if -tol <= x - w <= tol:      # = abs(x - w) <= tol (exact: x - w is an integer)
                return True
        return False

    joinable = _joinable
    out: list[str] = []
    terminal = _TERMINAL         # (joinable's first test, made before calling it)
    i = 0
    cur: str | None = None       # the line being built
    cur_last = -1                # index of the last physical line in cur
    while i < n:
        s = stripped[i]
        if not s:
            # a single blank line inside a fixed-width wrapped text
            # (the line after it is wide too, or ends the sentence: not a heading standing alone)
            if (cur is not None and i + 1 < n and stripped[i + 1] and cur_last == i - 1
                    and cur[-1] not in terminal and 24 <= widths[cur_last] <= 130
                    and joinable(cur, stripped[i + 1]) and full(cur_last, strict=True)
                    and (widths[i + 1] >= 0.6 * widths[cur_last] or stripped[i + 1][-1] in _TERMINAL)):
                cur = _join_pair(cur, stripped[i + 1])
                cur_last = i + 1
                i += 2
                continue
            if cur is not None:
                out.append(cur)
                cur = None
            out.append("")
            i += 1
            continue
        if cur is None:
            cur, cur_last = s, i
        elif cur_last == i - 1 and cur[-1] not in terminal and 24 <= widths[cur_last] <= 130 \
                and joinable(cur, s) and full(cur_last, strict=False):
            cur = _join_pair(cur, s)
            cur_last = i
        else:
            out.append(cur)
            cur, cur_last = s, i
        i += 1
    if cur is not None:
        out.append(cur)
    return "\n".join(out)


# ------------------------------------------------------------------ all together

_SPACES = re.compile(r" [ \t]+|\t[ \t]*")      # = [ \t]+ → " ", leaving the single spaces alone (most runs)
# a space between two CJK characters, or between CJK and a digit/percent, carries nothing
# spaces between a number and Chinese text carry nothing ('最高 500 万元'), nor do those next to Chinese punctuation
_CJK_SPACE_SLOW = re.compile(rf"(?<=[{CJK}“”《》〔〕，。；：！？、])[ ]+(?=[0-9“”《》〔〕，。；：！？、])"
                             rf"|(?<=[0-9%“”《》〔〕，。；：！？、])[ ]+(?=[{CJK}，。；：！？、])")
# the same matches, written to start with the space so that the regex engine skips ahead to spaces
_CJK_SPACE = re.compile(rf"[ ](?:(?<=[{CJK}“”《》〔〕，。；：！？、][ ])[ ]*(?=[0-9“”《》〔〕，。；：！？、])"
                        rf"|(?<=[0-9%“”《》〔〕，。；：！？、][ ])[ ]*(?=[{CJK}，。；：！？、]))")
# letter-spaced words ('国 家 数 据 局', '索 引 号') are closed up; a space between two words stays ('第一章 总则')
_LETTER_SPACED = re.compile(rf"(?<![{CJK}])[{CJK}](?: [{CJK}]){{1,}}(?![{CJK}])")
_SPACED_PAIR = re.compile(rf" (?<=[{CJK}] )(?=[{CJK}])")
_BLANKS = re.compile(r"\n{3,}")


def _collapse(text: str) -> str:
    if "  " in text or "\t" in text:      # (every match of _SPACES holds one of them)
        text = _SPACES.sub(" ", text)
    return "\n".join(map(str.strip, text.split("\n")))


def normalize(text: str) -> str:
    """Simplified, width-folded, sentences re-joined, runs of spaces collapsed; paragraphs stay on their own lines
    (at most one blank line between them)."""
    if not text:
        return ""
    return normalize_folded(fold_width(text))


def normalize_folded(text: str) -> str:
    """normalize() of a text already width-folded (fold_width(text) == text: it is skipped). Simplifying keeps a
    folded text folded (OpenCC's t2s values hold no full-width ASCII and no odd spaces; a test checks it)."""
    if not text:
        return ""
    return normalize_simplified(to_simplified(text))


def normalize_simplified(text: str) -> str:
    """normalize_folded() of a text to_simplified leaves as it is (it is skipped)."""
    if not text:
        return ""
    text = _collapse(text)
    text = _CJK_SPACE.sub("", text)
    if _SPACED_PAIR.search(text):       # (every letter-spaced run holds one: a cheap search for the rare case)
        text = _LETTER_SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)
    text = join_lines(text)
    if "\n\n\n" in text:      # (every match of _BLANKS holds it)
        text = _BLANKS.sub("\n\n", text)
    return text.strip()
