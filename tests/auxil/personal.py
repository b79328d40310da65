"""Personal information in the many ways people write it, for the privacy tests and benchmarks/privacy.py.

Each writer takes a `random.Random` and returns a `Written`: the text as a
person would type it, embedded in a Japanese sentence, and the values that
must never be stored (the value as written, and its plain digits or plain
ASCII form, so a half-masked or re-formatted leak is caught too). Writers
are plain functions so that the benchmark can draw from them with a seed;
`strategy` turns one into a hypothesis strategy, which also hides invisible
characters inside some of the values (`with_invisible`).

The check digit of My Numbers is computed here independently of
`bot.privacy` (総務省令 第85号 第5条).
"""

from __future__ import annotations

import random
import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace

from hypothesis import strategies as st

from bot.kana import to_katakana
from bot.sudachi import tokenizer

KANJI_DIGITS = "〇一二三四五六七八九"


@dataclass(frozen=True)
class Written:
    """A sentence holding one piece of personal information, its kind, and what must not leak."""

    kind: str
    value: str
    text: str
    secrets: tuple[str, ...]


Writer = Callable[[random.Random], Written]


def check_digit(eleven: str) -> int:
    """The My Number check digit of 11 digits."""
    total = sum(int(eleven[11 - n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def my_number_digits(rng: random.Random) -> str:
    eleven = "".join(rng.choice("0123456789") for _ in range(11))
    return eleven + str(check_digit(eleven))


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def kanji(text: str) -> str:
    return "".join(KANJI_DIGITS[int(c)] if c.isdigit() else c for c in text)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _script(rng: random.Random, text: str) -> str:
    """The digits as typed: half width mostly, else full width or kanji numerals."""
    return rng.choice((lambda t: t, lambda t: t, full_width, kanji))(text)


_SEPARATORS = ("", " ", "-", " - ", ".", "/", "\t", "\n", "　", "－", "‐", "・", "ー", " / ")
_BEFORE = (
    "",
    "住民の方から、",
    "確認のため記載します。",
    "申請者は",
    "窓口で",
    "先日の件で",
    "お問い合わせいただいた方の",
)
_AFTER = (
    "",
    "です。",
    "の件でご相談です",
    "でした。対応をお願いします",
    "と書かれていました",
    "。よろしくお願いします",
)


def _sentence(rng: random.Random, cue: str, written: str) -> str:
    return f"{rng.choice(_BEFORE)}{cue}{written}{rng.choice(_AFTER)}"


def my_number(rng: random.Random) -> Written:
    """My Numbers with a valid check digit: plain, in groups of 4 or 3, 8+4, bracketed, any script."""
    digits = my_number_digits(rng)
    sizes = rng.choice(((12,), (4, 4, 4), (3, 3, 3, 3), (8, 4), (4, 8), (6, 6)))
    groups, at = [], 0
    for size in sizes:
        groups.append(digits[at : at + size])
        at += size
    if rng.random() < 0.15:  # mixed separators: 4720-1986 0395
        written = groups[0] + "".join(rng.choice(_SEPARATORS[1:]) + g for g in groups[1:])
    else:
        written = rng.choice(_SEPARATORS).join(groups)
    written = _script(rng, written)
    if rng.random() < 0.05 and len(groups) > 1:  # an invisible character pasted between the groups
        written = rng.choice(INVISIBLE).join(groups)
    if rng.random() < 0.2:
        written = rng.choice(("({})", "（{}）", "[{}]", "「{}」")).format(written)
    cue = rng.choice(("", "マイナンバー", "個人番号：", "マイナンバーは", "番号 "))
    if rng.random() < 0.05:  # sent in two chat lines, each with its time (a quote mark opens a line only)
        prefix = rng.choice(("[10:02] ", "[9:41] ", "[16:12:05] "))
        first, last = f"{digits[:4]} {digits[4:8]}", digits[8:]
        text = f"{prefix}個人番号 {first}\n{prefix}{last} です"
        return Written("マイナンバー", text, text, (first, digits))
    return Written("マイナンバー", written, _sentence(rng, cue, written), (written, digits))


def phone(rng: random.Random) -> Written:
    """Landline, mobile, toll-free and international numbers in every common grouping and script."""
    shape = rng.choice(("mobile", "tokyo", "city", "town", "free"))
    parts = {
        "mobile": [rng.choice(("090", "080", "070", "050")), _digits(rng, 4), _digits(rng, 4)],
        "tokyo": [rng.choice(("03", "06")), _digits(rng, 4), _digits(rng, 4)],
        "city": ["0" + rng.choice("123456789") + rng.choice("123456789"), _digits(rng, 3), _digits(rng, 4)],
        "town": ["0" + rng.choice("123456789") + _digits(rng, 2), _digits(rng, 2), _digits(rng, 4)],
        "free": [rng.choice(("0120", "0570")), _digits(rng, 3), _digits(rng, 3)],
    }[shape]
    national = "".join(parts)
    style = rng.choice(
        (
            "plain",
            "plain",
            "paren-area",
            "paren-middle",
            "international",
            "81",
            "plus0",
            "abroad",
            "ocr",
            "lead",
            "spoken",
            "marked",
            "dashed aloud",
            "parts",
            "boxed",
            "continued",
        )
    )
    sep = rng.choice(("", "-", " ", ".", "/", " - ", "－", "ー", "‐", "の", "_"))
    if style == "paren-area":
        written = f"({parts[0]}){parts[1]}{rng.choice(('', '-'))}{parts[2]}"
    elif style == "paren-middle":
        written = f"{parts[0]}({parts[1]}){parts[2]}"
    elif style == "international":
        written = (
            rng.choice(("+81", "＋81", "0081"))
            + rng.choice((" ", "-"))
            + sep.join([parts[0][1:], *parts[1:]])
        )
    elif style == "81":
        written = "81-" + "-".join([parts[0][1:], *parts[1:]])
    elif style == "plus0":
        written = f"+81 (0){parts[0][1:]} {parts[1]} {parts[2]}"
    elif style == "abroad":  # a family abroad: another country's code, then its own grouping
        code = rng.choice(("1", "82", "84", "86", "63", "66", "55", "977"))
        national = rng.choice("123456789") + _digits(rng, 11 - len(code))
        cut = rng.randint(2, 4)
        apart = sep if sep in (" ", "-") else " "
        written = f"+{code}{rng.choice((' ', '-'))}{national[:cut]}{apart}{national[cut:]}"
    elif style == "ocr":  # a scan read by OCR: O for 0, l or I for 1; B for 8 and Z for 2 in a longer group
        first = parts[0][0] + parts[0][1:].replace("0", rng.choice("Oo"), 1).replace("1", rng.choice("lI"), 1)
        middle = parts[1].replace("8", "B", 1).replace("2", "Z", 1) if len(parts[1]) >= 3 else parts[1]
        written = sep.join([first, middle, *parts[2:]])
    elif style == "lead":  # the first group read aloud from zero, the rest typed as digits
        spoken = "ぜろ" + "".join(_SPOKEN[int(d)] for d in parts[0][1:])
        spoken = to_katakana(spoken) if rng.random() < 0.5 else spoken
        apart = rng.choice(("の", " の ", "-", " ", ""))
        written = f"{spoken}{apart}{parts[1]}{apart}{parts[2]}"
    elif style == "spoken":  # every digit read aloud, a pause mark between digits or groups, の before it
        pause = rng.choice(("、", "の、", "・", "、 "))
        inner = rng.choice(("", "・"))
        groups = [inner.join(_SPOKEN[int(d)] for d in part) for part in parts]
        written = to_katakana(pause.join(groups))  # in hiragana, no run is taken after a particle (は)
    elif style == "dashed aloud":  # the groups read aloud or typed, a dash said between them
        dash = rng.choice(("ハイフン", "はいふん", "ダッシュ"))
        aloud = rng.random() < 0.5
        groups = ["".join(_SPOKEN[int(d)] for d in part) if aloud else part for part in parts]
        written = dash.join(to_katakana(g) if aloud and dash != "はいふん" else g for g in groups)
    elif style == "parts":  # each part after the word for it, as a call's notes name them
        written = rng.choice(("市外局番{}、局番{}、番号{}", "（市外）{}（市内）{}（番号）{}")).format(*parts)
    elif style == "boxed":  # a form's fields, a group in each, or a scan's spaced digits and commas
        written = rng.choice(("「{}」「{}」「{}」".format(*parts), " , ".join(" ".join(p) for p in parts)))
    elif style == "continued":  # broken after a dash, the next line opening with a mark that it goes on
        end, mark = rng.choice(("\\\n", "\n")), rng.choice(("（続き）", "→ ", "↑続き "))
        written = f"{parts[0]}-{parts[1]}-{end}{mark}{parts[2]}"
    elif style == "marked":  # wave dashes, invisible characters or a URL's escapes between the groups
        written = rng.choice(("〜", "～", "~", *INVISIBLE, "%2D")).join(parts)
    else:
        written = sep.join(parts)
    written = _script(rng, written) if style in ("plain", "paren-area") else written
    cue = rng.choice(("", "電話", "TEL:", "携帯 ", "連絡先は", "電話番号：", "℡", "TEL.", "ＴＥＬ："))
    if style == "ocr" and cue == "℡":  # ℡ reads as TEL, letters that would make the run an identifier
        cue = "TEL:"
    if "%" in written:
        cue = "?tel="
    tail = (parts[2],) if style in ("parts", "continued") else ()  # what a partial mask would leave
    return Written("電話番号", written, _sentence(rng, cue, written), (written, national, *tail))


_SPOKEN = ("ぜろ", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう")
"""Digits as voice input spells them."""
_LOCAL = "abcdefghijklmnopqrstuvwxyz0123456789"
_IDN = ("例え.jp", "サンプル区.jp", "日本語.テスト", "れい.jp", "例え.テスト")
_KANA_LOCAL = ("やまだ", "たろう", "ヤマダ", "山田", "さくら")


def email(rng: random.Random) -> Written:
    """Addresses with dots and plus signs, full width, spaces around @ or dots, [at]/(at), defanged, IDN."""
    local = "".join(rng.choice(_LOCAL) for _ in range(rng.randint(1, 10)))
    if rng.random() < 0.05:
        local = rng.choice(_KANA_LOCAL)
    elif rng.random() < 0.4:
        local += rng.choice("._+-") + "".join(rng.choice(_LOCAL) for _ in range(rng.randint(1, 6)))
    if rng.random() < 0.2:
        domain = rng.choice(_IDN)
    else:
        labels = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))]
        domain = ".".join([*labels, *rng.choice((["jp"], ["co", "jp"], ["lg", "jp"], ["com"], ["org"]))])
    plain = f"{local}@{domain}"
    at = rng.choice(
        (
            *("@", "@", "＠", " @ ", " ＠ ", "[at]", "(at)", "（at）", " [at] ", "アットマーク", "\n@"),
            *("[@]", " #at# "),
        )
    )
    written = f"{local}{at}{domain}"
    if rng.random() < 0.3:
        dots = ("[dot]", "(dot)", " . ", "。", " dot ", "[.]", " ・ ", "・")
        written = written.replace(".", rng.choice(dots if domain.isascii() else dots[:5]))
    if rng.random() < 0.1:
        written = written.upper()
    if rng.random() < 0.25:
        written = full_width(written)
    if rng.random() < 0.05 and plain.isascii():  # as a PDF copies it: a space after every character
        written = " ".join(plain)
    elif rng.random() < 0.04 and plain.isascii():  # OCR's commas for the dots
        written = plain.replace(".", ",")
    elif rng.random() < 0.03 and plain.isascii():  # in a URL's query, the @ escaped
        written = plain.replace("@", "%40")
    cue = rng.choice(("", "メール：", "メールアドレスは", "連絡先 ", "e-mail: "))
    return Written("メールアドレス", written, _sentence(rng, cue, written), (written, plain))


_PREFECTURES = ("東京都", "北海道", "大阪府", "神奈川県", "京都府", "")
_CITIES = (
    "サンプル区",
    "札幌市中央区",
    "横浜市港北区",
    "千代田区",
    "さいたま市浦和区",
    "見本市",
    "サンプル郡見本町",
)
_TOWNS = ("中央", "本町", "北", "八重洲", "緑が丘", "大字見本", "")


def _num(rng: random.Random, top: int) -> str:
    return str(rng.randint(1, top))


def _kanji_number(n: int) -> str:
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else KANJI_DIGITS[tens] + "十")) + (
        KANJI_DIGITS[ones] if ones else ""
    )


def address(rng: random.Random) -> Written:
    """Street addresses: 丁目・番・号, dashes, の, 条 (Sapporo), 番地, rooms, spaced, kanji numerals."""
    a, b, c = _num(rng, 9), _num(rng, 30), _num(rng, 40)
    block = rng.choice(
        (
            f"{a}丁目{b}番{c}号",
            f"{a}-{b}-{c}",
            f"{a}の{b}の{c}",
            f"{a}丁目{b}-{c}",
            f"{b}番地{c}",
            f"{b}番地",
            f"{_kanji_number(int(a))}丁目{b}番{c}号",
            f"{a}－{b}－{c}",
            f"{b}番地の{c}",
            f"{_kanji_number(int(a))}丁目{_kanji_number(int(b))}番{_kanji_number(int(c))}号",
            f"字東{b}{c}番地",
            f"{a} 丁目 {b} 番 {c} 号",
            f"{a}丁目、{b}番の{c}号",
        )
    )
    city = rng.choice(_CITIES)
    if city == "札幌市中央区" and rng.random() < 0.6:
        grid = rng.choice((f"{a}条{rng.choice('東西')}{b}丁目", f"{a}{rng.choice('東西')}{b}"))
        block = rng.choice("北南") + grid + rng.choice(("", f"{c}-{a}", f" {c}-{a}"))
    if rng.random() < 0.25:
        room = rng.randint(101, 905)
        rooms = (f"-{room}", f" サンプルハイツ{room}号室", f" サンプルマンション{room}", f" 見本荘 {room}号")
        block += rng.choice(rooms)
    parts = [rng.choice(_PREFECTURES), city, rng.choice(_TOWNS), block]
    if rng.random() < 0.05:  # no municipality: a town, three numbers and a room say it is an address
        room = rng.randint(101, 905)
        block = f"{a}-{b}-{c}" + rng.choice((f"-{room}号室", f" サンプルハイツ{room}"))
        parts = [rng.choice(_TOWNS), block]
    joiner = " " if rng.random() < 0.25 else ""
    written = joiner.join(p for p in parts if p)
    if rng.random() < 0.15:
        written = full_width(written) if rng.random() < 0.5 else written
    if rng.random() < 0.2:
        written = f"〒{rng.randint(100, 999)}-{rng.randint(0, 9999):04d} {written}"
    if rng.random() < 0.1:  # a lot's number alone: Kyoto's way from a crossing, a rural 字 or 大字
        lot = rng.choice(
            (f"{rng.randint(100, 9999)}", f"{rng.randint(10, 999)}番地", f"{rng.randint(10, 999)}-{c}")
        )
        way = rng.choice(("上ル", "下ル", "西入ル", "東入ル", "上る", "下る"))
        place = rng.choice(
            (
                f"京都市中京区{rng.choice(('河原町', '烏丸', '寺町'))}通三条{way}見本町",
                "京都市北区紫野見本町",
                f"見本郡見本村{rng.choice(('大字', '字'))}見本",
            )
        )
        written, block = f"{place}{lot}", lot
    cue = rng.choice(("", "住所は", "住所：", "自宅は", "現住所 "))
    secrets = (written, block) if len(block) >= 6 else (written,)
    return Written("住所", written, _sentence(rng, cue, written), secrets)


def postal_code(rng: random.Random) -> Written:
    """Postal codes with 〒, after 郵便番号, or bare NNN-NNNN; any script."""
    code = f"{rng.randint(100, 999)}{rng.randint(0, 9999):04d}"
    style = rng.choice(
        (
            "〒{}-{}",
            "〒 {}-{}",
            "郵便番号 {}-{}",
            "郵便番号：{}{}",
            "{}-{}",
            "〒{}{}",
            "zip={}{}",
            "ゆうびん番号 {}-{}",
            '{{"zip":"{}{}"}}',
            "<td>郵便番号</td><td>{}{}</td>",
            "<zip>{}{}</zip>",
            "郵便番号 ………… {}-{}",
            "郵便番号 |{}|",
            "ﾕｳﾋﾞﾝﾊﾞﾝｺﾞｳ {}{}",
            "yubin: {}{}",
            "郵便番号;{}{}",
        )
    )
    if style == "郵便番号 |{}|":  # a form's boxes, a character in each
        boxes = "|".join(f"{code[:3]}-{code[3:]}")
        written = f"郵便番号 |{boxes}|"
        return Written("郵便番号", written, _sentence(rng, "", written), (boxes,))
    written = _script(rng, style.format(code[:3], code[3:]))
    return Written("郵便番号", written, _sentence(rng, "", written), (written, f"{code[:3]}-{code[3:]}"))


_SURNAMES = (
    "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田",
    "佐々木", "山口", "松本", "井上", "木村", "斎藤", "清水", "池田", "橋本", "阿部", "石川",
    "山下", "中島", "石井", "前田", "岡田", "長谷川", "後藤", "近藤", "村上", "遠藤",
    "青木", "坂本", "福田", "太田", "西村", "藤井", "金子", "岡本", "藤原", "中野", "三浦", "原田",
    "山崎", "藤田", "髙橋", "山﨑", "𠮷田",
)  # fmt: skip
"""The most common surnames, and three as they are often registered, with a variant kanji the dictionary
lacks (髙橋, 山﨑, 𠮷田)."""
_GIVEN_NAMES = (
    "太郎", "花子", "一郎", "美咲", "健太", "翔太", "陽子", "裕子", "大輔", "直樹", "恵子", "由美",
    "明美", "拓也", "和也", "智子", "真由美", "健一", "幸子", "優子", "達也", "浩二", "美穂", "京子",
    "秀樹", "結衣", "陽菜", "大翔", "悠真", "さくら", "蒼空",
)  # fmt: skip
"""Common names; さくら and 蒼空 are not in Sudachi's dictionary as names, so they come with an honorific.
(藤田 and 山崎, which it reads as other proper nouns before くん or after は, are in: it reads them as
surnames before さん.)"""
_NAMES_READ_AS_WORDS = (
    "葵",
    "桜",
    "林",
    "森",
    "光",
    "小川",
    "楓",
    "雫",
    "さくら",
    "ひかり",
    "たなか",
    "みどり",
)
"""Names the dictionary reads as ordinary words except before さん (葵様 a hollyhock, 林様 a wood), or as a
prefix before a title (光課長), and names typed in hiragana: they come alone, with an honorific or a title, in
kanji text or in hiragana. Left out: 愛, read as a prefix before a title (愛課長), and hiragana names it
reads as other words after hiragana (はやし after は, さとう after きのう)."""
_NAMES_SPLIT_IN_HIRAGANA = ("やまもと", "はしもと")
_KANA_CHILD_NAMES = ("ゆうと", "はると", "そうた", "ケンタ", "ユウト")
"""Children's names in kana that the dictionary does not know (they come before くん)."""
_AGES = ("（68）", "（小3）", " (45)")
"""An age or a school year after a full name (本田 正（68）)."""
"""Surnames typed in hiragana that the dictionary splits into words (やま + もと)."""
_HIRAGANA_FULL_NAMES = (
    ("やまだ", "たろう"),
    ("すずき", "けんた"),
    ("さとう", "はなこ"),
    ("たなか", "ゆうこ"),
)
"""Full names typed in hiragana, spaced or not (やまだたろうさん)."""
_HONORIFICS_KEPT_APART = ("さん", "様", "さま", "氏")
"""The honorifics after a split hiragana surname: the dictionary reads やまもとくんです as a verb's ending
and やまもとちゃんと with the adverb ちゃんと, and やました (やま + し + た) as a verb before くん."""
_HIRAGANA_BEFORE = ("", "きのう", "まどぐちで")
_HIRAGANA_AFTER = ("", "からでんわ", "のけんです", "にかくにんしました")
_HIRAGANA_CUES = ("にきいた", "からでんわがありました", "にれんらくしました", "とそうだんしました")
"""What may follow a surname, a full name or a given name in hiragana instead of an honorific
(やまもとにきいた, たろうにきいた)."""
_PERSON_AFTER = ("って人", "という方", "という人", "と申します")
"""What may follow a surname alone instead of an honorific (木村って人, 鈴木と申します)."""
_SPOKEN_TO = (
    "に聞いた", "から連絡がありました", "と相談しました", "が言っていました", "へメールしました",
    "宛てに送りました", "によると", "が担当します", "は外出中です", "に引き継ぎました",
    "が来庁しました", "も賛成です", "は反対しています", "（港区在住）", "（45歳）", "が担当です",
    "が対応いたします", "が来ました", "は会議中です", "は戻り次第連絡します", "がやります", "にお任せします",
    "が作成しました", "は本日休みです", "は午後から出張です", "が対応中です", "が申しておりました",
    "からの伝言です", "との打合せ", "への連絡", "ほか1名", "以下三名", "（内線2345）",
    "は今日は在宅勤務です", "は育休中です", "に振っておきます", "にCCしました", "を巻き込みました",
    "から折り返しがあります",
)  # fmt: skip
"""What may follow a surname alone: someone spoken to or heard from, or at work or at the counter
(田中に聞いた, 高橋宛て, 山田が担当します, 佐藤が担当です, 佐藤に引き継ぎ, 高橋が来庁, 田中も賛成, 田中が来た,
鈴木は会議中, 鈴木にお任せします, 田中は本日休みです, 山本からの伝言, 小林ほか1名; typed as one tag too), or
who they are or how to reach them in parentheses (鈴木（港区在住）, 近藤（内線2345）)."""
_FROM_OR_HOME = (
    "より連絡がありました", "を通じて依頼しました", "来庁", "方に届きました", "家の件", "ご夫妻",
    "宅を訪問しました", "で対応します", "で預かります", "拝", "が書いた資料です", "しか分かりません",
    "も同じ意見です",
)  # fmt: skip
"""What may follow a surname alone: where something came from, a visit, a home, who takes a matter on
(田中より, 小林来庁, 鈴木方, 前田宅, 田中で対応します), a signature (田中拝), what they did or know
(伊藤が書いた, 中村しか分かりません). Not with the surnames the dictionary reads as places in some sentences
(`_READ_AS_PLACES`), nor after an opening ending in の (it reads 中島 as an island and 西村 as 西 + 村
there)."""
_READ_AS_PLACES = ("松本", "中野", "石川", "岡田", "岡本", "原田", "池田")
_THEIRS = (
    "の件",
    "の申請書",
    "の住所",
    "の家族から電話がありました",
    "の分",
    "の方針",
    "のこと",
    "なら詳しいです",
    "のお母さん",
    "のおばあちゃん",
    "のご家族",
)
"""What may follow a surname alone: something of theirs (田中の件, 佐藤の申請書, typed as one tag too), or
who knows (池田なら詳しいです), or their family (高橋のお母さん).
Not with 松本 and 中野, which the dictionary reads as places there, nor after an opening ending in の,
after which it reads 石川, 岡田 and 岡本 as places too."""
_PLACES_BEFORE_THEIRS = ("松本", "中野")
_AT_WORK = (
    "課長の",
    "同僚の",
    "住民の",
    "税務課の",
    "総務課 ",
    "総務課・",
    "母親の",
    "息子の",
    "ご主人の",
    "妻 ",
)
"""What may come before a surname alone: their place at work or in a family (課長の佐藤, 税務課の山田,
総務課・木村, 母親の佐藤, 妻 花子)."""
_KATAKANA_NAMES = (
    ("サトウ", "タロウ"),
    ("タカハシ", "ハナコ"),
    ("タナカ", "イチロウ"),
    ("ヤマモト", "ユウコ"),
    ("ナカムラ", "アキラ"),
    ("イトウ", "ヒロシ"),
)
"""Full names in katakana (a form's フリガナ); a katakana surname alone reads as a word as often (スズキ)."""
_LATIN_NAMES = (
    "Nguyen Van An", "Tran Thi Mai", "Pham Minh Duc", "Kim Min-jun", "Wang Fang", "Chen Jie",
    "Maria Santos", "Maria da Silva", "John Smith", "Garcia", "Nguyen", "Yamada Taro",
    "Li Wei", "Le Van Hung", "Park Ji-hoon", "Song Min-ho",
)  # fmt: skip
"""Foreign residents' names as they write them, and one Japanese name in Latin letters."""
_READINGS = {
    "佐藤": "さとう", "鈴木": "すずき", "高橋": "たかはし", "田中": "たなか", "山田": "やまだ",
    "太郎": "たろう", "花子": "はなこ", "一郎": "いちろう", "健太": "けんた", "美咲": "みさき",
}  # fmt: skip
"""Readings written beside a full name in parentheses (山田太郎（やまだ たろう）), in hiragana or katakana."""
_LIST_MARKS = ("・", "と", "、", "や", "/", "か", "および")
"""What lists a surname alone with a name (鈴木・佐藤さん, 佐藤さん、鈴木の件, 田中/佐藤さん,
田中か佐藤さん)."""
_HONORIFICS_AND_STAFF_TITLES = ("さん", "様", "さま", "氏", "くん", "ちゃん", "課長", "係長", "主任", "先生")
"""殿 is left out: rare in a message, and Sudachi reads 橋本殿 as 橋 + 本殿 (a shrine's hall)."""
_AFTER_A_NAME = (
    *_HONORIFICS_AND_STAFF_TITLES,
    *("保健師", "看護師", "ケースワーカー", "ケアマネ", "先輩", "課長補佐", "統括", "リーダー", "チーフ"),
)  # fmt: skip
"""Also the titles of those who visit and care (佐藤保健師, which the dictionary splits as 佐 + 藤保 + 健師),
and colleagues' (伊藤統括, 吉田リーダー); not after a name read as a word (桜ケアマネ), as a compound may end
in one (正看護師)."""
_ONE_KANJI_SURNAMES = ("森", "林", "原", "堀", "関", "東", "南", "谷", "泉", "島", "杉", "辻")
"""Surnames of one kanji, most of which the dictionary reads as words (a forest, a moat, the east)."""
_ONE_KANJI_CUES = ("が担当してます", "から電話がありました", "に確認します", "は本日休みです", "が対応中です")
"""What shows a one-kanji surname alone to be a person's: someone's work or a call."""


def name(rng: random.Random) -> Written:
    """People's names: full names (spaced or not, kanji or katakana) alone or with an honorific or title,
    a surname with an honorific or title, or alone before 〜って人, someone spoken to (`_SPOKEN_TO`) or
    something of theirs (`_THEIRS`) or after their place at work (`_AT_WORK`), a name after a form's
    field or a role (申請者は, 世帯主の), listed with another name (`_listed`), or with its reading beside it,
    one time in ten a name in Latin letters (`_latin_name`), and one in ten of the rest a name the
    dictionary reads as a word or splits in hiragana (`_name_read_as_word`)."""
    surname, given = rng.choice(_SURNAMES), rng.choice(_GIVEN_NAMES)
    if rng.random() < 0.1:
        return _latin_name(rng)
    if rng.random() < 0.1:
        return _name_read_as_word(rng)
    style = rng.choice(("full", "full", "surname"))
    if rng.random() < 0.15:
        (surname, given), style = rng.choice(_KATAKANA_NAMES), "full"
        if rng.random() < 0.3:
            return _reading_in_hiragana(rng, surname, given)
    space = rng.choice(("", "", " ", "\u3000"))
    written = f"{surname}{space}{given}" if style == "full" else surname
    secrets = (written, surname, given) if style == "full" and len(given) >= 2 else (written,)
    after = rng.choice(_AFTER_A_NAME)
    endings = ("から電話がありました", "の件です", "に確認しました")
    draw = rng.random() if style == "surname" else 1.0
    if draw < 0.2:
        after = rng.choice(_PERSON_AFTER)
    elif draw < 0.35:
        after, endings = rng.choice(_SPOKEN_TO), ("", "。", "ので確認します")
    elif draw < 0.4 and surname not in _READ_AS_PLACES:
        after, endings = rng.choice(_FROM_OR_HOME), ("", "。", "です")
    elif draw < 0.5 and surname not in _PLACES_BEFORE_THEIRS:
        after, endings = rng.choice(_THEIRS), ("", "です。", "で確認します")
    elif draw < 0.6 and surname not in _PLACES_BEFORE_THEIRS:
        value = f"{rng.choice(_AT_WORK)}{written}"  # their place at work before it, nothing after
        return Written("氏名", value, f"{value}{rng.choice(('が来ました', 'も賛成です', ''))}", secrets)
    elif draw < 0.7:
        return _listed(rng, surname, after)
    elif style == "full" and surname in _READINGS and given in _READINGS and rng.random() < 0.2:
        parts = [_READINGS[surname], _READINGS[given]]
        parts = [_katakana(part) for part in parts] if rng.random() < 0.5 else parts
        written = f"{written}（{rng.choice(('', ' ', chr(0x3000))).join(parts)}）"
        secrets = (*secrets, *parts)
    if style == "surname" or given in ("さくら", "蒼空"):
        value = f"{written}{after}"  # typed alone too (a tag), the honorific still says it is a name
        apart = after in _THEIRS or after in _FROM_OR_HOME
        openings = [b for b in _BEFORE if not b.endswith("の")] if apart else _BEFORE
        sentence = f"{rng.choice(openings)}{value}{rng.choice(endings)}"
    else:
        cue = rng.choice(
            (
                "",
                "氏名：",
                "申請者は",
                "世帯主の",
                "お名前 ： ",
                "担当：",
                "(担当)",
                "相手方：",
                "CC: ",
                "文責：",
                "対象者：",
                "受付：",
                "同行 ",
                "以上、",
                "ケース：",
                "要介護者 ",
                "CW",
                "参加者：",
                "受：",
            )
        )
        age = rng.choice(_AGES)
        value = f"{written}{rng.choice(('', after, age)) if not cue else rng.choice(('', age))}"
        sentence = f"{cue}{value}{rng.choice(_AFTER)}"
    return Written("氏名", value, sentence, secrets)


def _name_read_as_word(rng: random.Random) -> Written:
    """A name the dictionary reads as a word (`_NAMES_READ_AS_WORDS`) with an honorific or a title, or a
    surname it splits in hiragana (`_NAMES_SPLIT_IN_HIRAGANA`) or a full name in hiragana
    (`_HIRAGANA_FULL_NAMES`) with an honorific or before a cue (`_HIRAGANA_CUES`), or such a full name's
    given name alone before a cue other than から (the dictionary reads たろうから as 〜たろう + から, "since
    it probably was", and the name is lost)."""
    parts: tuple[str, ...] = ()
    if rng.random() < 0.05:  # a child's name in kana the dictionary lacks: ゆうとくん
        given = rng.choice(_KANA_CHILD_NAMES)
        value = f"{given}くん"
        return Written("氏名", value, f"{rng.choice(_BEFORE)}{value}{rng.choice(_AFTER)}", (given,))
    if rng.random() < 0.1:  # a surname of one kanji alone before a cue: 森が担当, 堀から電話
        surname = rng.choice(_ONE_KANJI_SURNAMES)
        value = f"{surname}{rng.choice(_ONE_KANJI_CUES)}"  # the cue says a person, in a tag too
        opening = rng.choice([b for b in _BEFORE if not b.endswith("の")] + ["担当の"])
        return Written("氏名", value, f"{opening}{value}", (surname,))
    if rng.random() < 0.05:  # a given name alone before a cue: たろうにきいた
        given = rng.choice(_HIRAGANA_FULL_NAMES)[1]
        value = f"{given}{rng.choice([c for c in _HIRAGANA_CUES if not c.startswith('から')])}"
        return Written("氏名", value, f"{rng.choice(_HIRAGANA_BEFORE)}{value}", (given,))
    if rng.random() < 0.2:
        parts = rng.choice(_HIRAGANA_FULL_NAMES)
        written = rng.choice(("", " ")).join(parts)
    else:
        written = rng.choice(_NAMES_READ_AS_WORDS + _NAMES_SPLIT_IN_HIRAGANA)
    kept_apart = parts or written in _NAMES_SPLIT_IN_HIRAGANA
    if kept_apart and rng.random() < 0.3:  # a cue instead of an honorific: やまもとにきいた
        value = f"{written}{rng.choice(_HIRAGANA_CUES)}"  # the cue says a person, in a tag too
        return Written("氏名", value, f"{rng.choice(_HIRAGANA_BEFORE)}{value}", (written, *parts))
    value = f"{written}{rng.choice(_HONORIFICS_KEPT_APART if kept_apart else _HONORIFICS_AND_STAFF_TITLES)}"
    hiragana = not re.search(r"[^ぁ-ゖ ]", written) and rng.random() < 0.5
    before, after = (_HIRAGANA_BEFORE, _HIRAGANA_AFTER) if hiragana else (_BEFORE, _AFTER)
    return Written("氏名", value, f"{rng.choice(before)}{value}{rng.choice(after)}", (written, *parts))


def _reading_in_hiragana(rng: random.Random, surname: str, given: str) -> Written:
    """A name's reading in hiragana in a form's field (ふりがな：やまだ たろう), with nothing after it."""
    parts = [_hiragana(surname), _hiragana(given)]
    written = rng.choice((" ", "\u3000", "")).join(parts)
    value = f"{rng.choice(('ふりがな：', 'よみがな: ', '氏名（ふりがな）：', '氏名：'))}{written}"
    return Written("氏名", value, f"{value}{rng.choice(_AFTER)}", (written, *parts))


def _listed(rng: random.Random, surname: str, after: str) -> Written:
    """A surname alone listed with another name that an honorific or a title follows, before or after it."""
    other, mark = rng.choice(_SURNAMES), rng.choice(_LIST_MARKS)
    first = rng.random() < 0.5
    value = f"{surname}{mark}{other}{after}" if first else f"{other}{after}{mark}{surname}"
    ending = (
        rng.choice(("から電話がありました", "に確認しました"))
        if first
        else rng.choice(("の件です", "の両名です"))
    )
    return Written("氏名", value, f"{rng.choice(_BEFORE)}{value}{ending}", (surname, other))


def _katakana(hiragana: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in hiragana)


def _hiragana(katakana: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in katakana)


def _latin_name(rng: random.Random) -> Written:
    """A name in Latin letters (upper-case as a form asks, at times), with an honorific (a salutation
    before it at times: Dear Nguyen様) or after a cue."""
    written = rng.choice(_LATIN_NAMES)
    written = written.upper() if rng.random() < 0.2 and " " in written else written
    cue = rng.choice(("", "", "氏名：", "申請者は", "Dear "))
    ending = rng.choice(("から電話がありました", "の件です", "の転入届です"))
    if cue and cue != "Dear ":  # only the cue says it is a name: typed alone (a tag), it comes too
        value = f"{cue}{written}"
        return Written("氏名", value, f"{value}{ending}", (written,))
    value = f"{written}{rng.choice(('', ' '))}{rng.choice(_AFTER_A_NAME)}"
    return Written("氏名", value, f"{cue}{value}{ending}", (written,))


_ERAS = (("昭和", "S", 1925, 64), ("平成", "H", 1988, 31), ("令和", "R", 2018, 7))


def birth_date(rng: random.Random) -> Written:
    """Birth dates after 生年月日, 誕生日 or 生まれは, or before 生まれ or 生: Western or era years, in any
    script."""
    era, letter, base, last = rng.choice(_ERAS)
    year_in_era = rng.randint(1, last)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    shapes = (
        f"{base + year_in_era}年{month}月{day}日",
        f"{base + year_in_era}/{month}/{day}",
        f"{base + year_in_era}-{month:02d}-{day:02d}",
        f"{era}{year_in_era}年{month}月{day}日",
        f"{letter}{year_in_era}.{month}.{day}",
        f"'{(base + year_in_era) % 100:02d}/{month}/{day}",
    )
    written = _script(rng, rng.choice(shapes)) if rng.random() < 0.3 else rng.choice(shapes)
    if rng.random() < 0.05:  # after a label, as a PDF copies it: a space after every character
        spaced = rng.choice(
            (f"{letter}{year_in_era}.{month:02d}.{day:02d}", f"{base + year_in_era}年{month}月{day}日")
        )
        value = f"{rng.choice(('生年月日 ', '生年月日　'))}{' '.join(spaced)}"
        return Written(
            "生年月日", value, f"{rng.choice(_BEFORE)}{value}{rng.choice(_AFTER)}", (" ".join(spaced),)
        )
    if rng.random() < 0.1:  # after a label only: the month's English name, or a form's boxes a line each
        month_name = ("Jan", "Feb", "March", "Apr", "May", "June", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec")
        year = base + year_in_era
        written = rng.choice(
            (
                f"{day} {month_name[month - 1]} {year}",
                f"{month_name[month - 1]} {day}, {year}",
                f"{year}年\n{month}月\n{day}日",
                f"{era}\n{year_in_era}年\n{month}月\n{day}日",
            )
        )
        label = rng.choice(
            (
                "生年月日 ",
                "生年月日：",
                "DOB: ",
                "生年月日\n",
                "birth=",
                "born ",
                "<birth>",
                "date_of_birth: ",
            )
        )
        value = f"{label}{written}"
        return Written("生年月日", value, f"{rng.choice(_BEFORE)}{value}{rng.choice(_AFTER)}", (written,))
    if rng.random() < 0.05:  # the units and the era left in hiragana by an IME, or a label in brackets
        hiragana_era = {"昭和": "しょうわ", "平成": "へいせい", "令和": "れいわ"}
        written = rng.choice(
            (
                f"{hiragana_era.get(era, era)}{year_in_era}ねん{month}がつ{day}にち",
                f"{base + year_in_era}ねん{month}がつ{day}にち",
                f"{base + year_in_era}/{month}/{day}",
            )
        )
        label = rng.choice(
            (
                "たんじょうび ",
                "せいねんがっぴ：",
                "《生年月日》",
                "【生年月日】",
                "生年月日 ",
                "ﾀﾝｼﾞｮｳﾋﾞ ",
                "tanjoubi: ",
            )
        )
        value = f"{label}{written}"
        return Written("生年月日", value, f"{rng.choice(_BEFORE)}{value}{rng.choice(_AFTER)}", (written,))
    if rng.random() < 0.03:  # in legal numerals, as a certificate writes it, or after a foreign label
        legal = str.maketrans("一二三十", "壱弐参拾")
        written = rng.choice(
            (
                f"{era}{_kanji_number(year_in_era)}年{_kanji_number(month)}月{_kanji_number(day)}日".translate(
                    legal
                ),
                f"{base + year_in_era}.{month:02d}.{day:02d}",
            )
        )
        label = rng.choice(("生年月日 ", "出生日期：", "생년월일 ", "D.O.B. "))
        value = f"{label}{written}"
        return Written("生年月日", value, f"{rng.choice(_BEFORE)}{value}{rng.choice(_AFTER)}", (written,))
    if rng.random() < 0.5:
        value = f"{rng.choice(('生年月日 ', '生年月日：', '誕生日は', '生まれは', '生年月日:'))}{written}"
        text = f"{rng.choice(_BEFORE)}{value}{rng.choice(_AFTER)}"
    else:
        value = f"{written}{rng.choice(('生まれ', '生'))}"
        text = f"{rng.choice(_BEFORE)}{value}{rng.choice(('', 'です', 'の方'))}"
    return Written("生年月日", value, text, (written,))  # typed alone too (a tag), with its label


_ID_CUES = (
    "口座番号 ", "口座番号：", "口座は", "被保険者番号 ", "保険証番号：", "基礎年金番号 ", "年金番号は",
    "免許証番号 ", "運転免許証番号：", "旅券番号 ", "パスポート番号：", "在留カード番号 ", "住民票コード ",
    "受給者証番号 ", "受給者番号：", "カード番号 ", "クレジットカード ", "職員番号",
    "宛名番号：", "世帯番号は", "利用者番号 ", "ケース番号 ", "年金手帳の番号 ", "運転免許 第",
    "身体障害者手帳 1級 第", "療育手帳(A) 番号 ", "精神障害者保健福祉手帳 2級 ", "愛の手帳 3度 ",
    "口番 ", "被保険者証 番号 ", "口座番号(7桁) ", "被保険者番号=", "保険証の番号（記号・番号）：",
    "基礎年金番号・年金コード：", "基礎年金番号\n", "Account No.\t", "Pension No. ", "Insured Person No.: ",
    "被保険者番号 ………… ", "旅券番号・・・・", "介護保険番号 .......... ", "<insured_no>", "account_no: \"",
    "pension_number=", "《口座番号》", "【被保険者番号】", "acct=", "A/C ", "Q3 口座番号　A3 ",
    "こうざばんごう ", "ｺｳｻﾞﾊﾞﾝｺﾞｳ ", "保護番号 ", "証書番号：", "被保険者番号 ; ", "受給者番号;",
    "通知書番号 ", "受診券番号 ", "納税義務者番号：", "求職番号 ", "証券番号 No.", "カルテ番号 ", "会員番号 ",
    "口座番号7桁→ ", "利用者ID ", "顧客コード ", "組合員コード：", "患者IDは ", "お客様ID ", "奨学生番号 ",
    "修了証明書番号 第", "身分証番号（ID Card No.）は ", "資格番号 ", "認定番号：", "雇用保険の番号は",
    "資格確認書、番号は ", "交付番号 ", "罹災証明書の交付番号：第", "被保険者No. ",
)  # fmt: skip
_FAR_ID_CUES = (
    "受給者証番号ですが、念のため申し上げますと、",
    "口座番号は？\nはい、普通の ",
    "被保険者番号、控えでは ",
)
"""A label far from its number, in keigo or a reply: the number ends a clause (です, 、, とのこと)."""


def id_number(rng: random.Random) -> Written:
    """Account, insurance, pension, licence, passport, card, disability handbook and a ward's resident
    numbers after their label, a health insurance card's 記号 and 番号, or a card's 16 digits alone; digits
    grouped by spaces or dashes at times, half or full width; a passport's letters read aloud in katakana;
    a car's whole plate with no word for it, and a bicycle's crime-prevention registration."""
    shape = rng.random()
    if shape < 0.15:
        groups = [_digits(rng, 4) for _ in range(4)]
        written = rng.choice(("", " ", "-")).join(groups)
        cue = rng.choice(("", "", "カード番号 "))
    elif shape < 0.3:
        written, cue = _digits(rng, 7), rng.choice(("普通 ", "普通預金 ", "当座 ", "普通口座：", "普通 / "))
    elif shape < 0.4:  # a health insurance card's 記号 and 番号
        symbol, number = _digits(rng, rng.randint(6, 8)), _digits(rng, rng.randint(1, 4))
        label = rng.choice(("保険証の記号 ", "保険証の記号：", "被保険者証記号"))
        value = f"{label}{symbol}{rng.choice((' 番号 ', '、番号', ' 番号：'))}{number}"
        sentence = f"{rng.choice(_BEFORE)}{value}{rng.choice(_AFTER)}"
        # The short 番号 is no secret to look for: its few digits are in any timestamp stored beside it
        # (tests/privacy/test_mask.py has rows for it).
        return Written("各種番号", value, sentence, (symbol,))
    elif shape < 0.45:  # ゆうちょ's 記号 and 番号 one digit at a time, as a PDF copies a form's boxes
        symbol, number = _digits(rng, 5), _digits(rng, 8)
        value = f"ゆうちょ 記号 {' '.join(symbol)} 番号 {' '.join(number)}"
        return Written(
            "各種番号", value, f"{rng.choice(_BEFORE)}{value}{rng.choice(_AFTER)}", (" ".join(number),)
        )
    elif shape < 0.47:  # a passport's letters read aloud, typed as heard (旅券番号はティー・ケー・1234567)
        letters = rng.choice(
            ("ティー・ケー・", "エム・ゼット ", "エムエー ", "ジェイ・エイチ・", "ユー・ケー")
        )
        written = f"{letters}{_digits(rng, 7)}"
        value = f"{rng.choice(('旅券番号は', 'パスポート番号 ', '旅券の番号は', 'パスポートは '))}{written}"
        return Written("各種番号", value, f"{rng.choice(_BEFORE)}{value}{rng.choice(_AFTER)}", (written,))
    else:
        size = rng.choice((7, 8, 10, 11, 12))
        digits = _digits(rng, size)
        cut = rng.randint(3, size - 3)
        written = rng.choice((digits, f"{digits[:cut]}-{digits[cut:]}", f"{digits[:cut]} {digits[cut:]}"))
        if rng.random() < 0.05:  # a short code first (納税義務者番号 17-004428-3)
            written = f"{_digits(rng, rng.randint(1, 2))}-{digits}"
        elif rng.random() < 0.15:
            written = rng.choice(("TK", "MZ", "AB")) + written
        cue = rng.choice(_ID_CUES)
    written = full_width(written) if rng.random() < 0.2 else written
    if 0.9 < shape <= 0.93:  # a plate after its word, a number's part, or a number corrected
        place = rng.choice(("品川", "足立", "多摩", "練馬", "横浜", "袖ケ浦"))
        kana = rng.choice("あかさたなはまやらわ")
        plate = f"{place} {_digits(rng, 3)} {kana} {_digits(rng, 2)}-{_digits(rng, 2)}"
        unlabelled_kana = rng.choice("あかさたなまらわ")  # no particle: と, の, は stay words
        bare = f"{place} {_digits(rng, 3)} {unlabelled_kana} {_digits(rng, 2)}-{_digits(rng, 2)}"
        bicycle = f"{rng.choice('ABEK')} {_digits(rng, 7)}"
        part = _digits(rng, 4)
        first, second = _digits(rng, 7), _digits(rng, 7)
        value, secrets = rng.choice(
            (
                (f"車のナンバー：{plate}", (plate,)),
                (f"車検証の登録番号 {plate}", (plate,)),
                (f"路上に止めてある車 {bare}", (bare,)),  # a whole plate with no word for it
                (f"自転車の防犯登録 第 {bicycle} 号", (bicycle,)),
                (
                    rng.choice(
                        (
                            "口座番号の下4桁は",
                            "被保険者番号 末尾4桁 ",
                            "基礎年金番号の下4桁が",
                            "クレジットカードは下四桁 ",
                            "カード末尾 No.",
                        )
                    )
                    + part,
                    (part,),
                ),
                (
                    f"口座番号 {first}{rng.choice((' → ', ' じゃなくて ', '、いや '))}{second}",
                    (first, second),
                ),
            )
        )
        return Written("各種番号", value, f"{rng.choice(_BEFORE)}{value}{rng.choice(_AFTER)}", secrets)
    if shape > 0.95:  # a label far from its number: the number ends a clause
        written = _digits(rng, 7)
        value = f"{rng.choice(_FAR_ID_CUES)}{written}"
        ending = rng.choice(("です", "、とのことです", "でございます。"))
        return Written("各種番号", value, f"{rng.choice(_BEFORE)}{value}{ending}", (written,))
    value = f"{cue}{written}"  # typed alone too (a tag), with its label
    return Written("各種番号", value, f"{rng.choice(_BEFORE)}{value}{rng.choice(_AFTER)}", (written,))


WRITERS: dict[str, Writer] = {
    "マイナンバー": my_number,
    "電話番号": phone,
    "メールアドレス": email,
    "郵便番号": postal_code,
    "住所": address,
    "氏名": name,
    "生年月日": birth_date,
    "各種番号": id_number,
}


_HEX = "0123456789abcdef"
_SLACK = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def identifier(rng: random.Random) -> str:
    """A machine identifier people paste into a question: no one's personal data, and must stay.

    LINE user, group and room ids, Slack ids, request ids (UUIDs), hex
    hashes and Git commits: long digit runs inside letters and digits. A
    hash always holds a letter here: one of digits only is a number to the
    masker (and one in a few hundred short commits really is).
    """
    shape = rng.choice(("line", "slack", "uuid", "sha1", "sha256", "commit", "request"))
    if shape == "line":
        return rng.choice("UCR") + "".join(rng.choice(_HEX) for _ in range(32))
    if shape == "slack":
        return rng.choice("CUTWDG") + "0" + "".join(rng.choice(_SLACK) for _ in range(rng.randint(8, 10)))
    if shape == "uuid":
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))
    if shape == "request":
        return "req_" + "".join(rng.choice(_SLACK + _SLACK.lower()) for _ in range(24))
    size = {"sha1": 40, "sha256": 64, "commit": rng.randint(7, 12)}[shape]
    digits = [rng.choice(_HEX) for _ in range(size)]
    digits[rng.randrange(size)] = rng.choice("abcdef")  # digits alone cannot be told from a number
    return "".join(digits)


def identifier_sentence(rng: random.Random) -> tuple[str, str]:
    """(sentence, identifier): an identifier in the sentences a staff member would write around it."""
    value = identifier(rng)
    frame = rng.choice(
        (
            "LINEのユーザーIDは{}です",
            "エラー画面に「{}」と表示されました",
            "リクエストID: {} で失敗しています",
            "Slackのチャンネル {} に投稿できません",
            "コミット{}以降、動かなくなりました",
            "{}",
        )
    )
    return frame.format(value), value


INVISIBLE = (
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\ufeff",  # zero-width no-break space (BOM)
    "\u00ad",  # soft hyphen
    "\u200e",  # left-to-right mark
    "\ufe0f",  # variation selector-16
)
"""Characters that show nothing, as an attacker (or a copy from a web page) leaves them inside an item."""
_INVISIBLE_CHARS = re.compile("[" + "".join(INVISIBLE) + "]")


def with_invisible(rng: random.Random, written: Written) -> Written:
    """``written`` with, one time in four, one to three invisible characters inside its value."""
    value = written.value
    if rng.random() >= 0.25 or len(value) < 2 or value not in written.text:
        return written
    chars = list(value)
    for _ in range(rng.randint(1, 3)):
        chars.insert(rng.randint(1, len(chars) - 1), rng.choice(INVISIBLE))
    hidden = "".join(chars)
    return replace(written, value=hidden, text=written.text.replace(value, hidden, 1))


def strategy(writer: Writer) -> st.SearchStrategy[Written]:
    """A hypothesis strategy drawing from ``writer``, some values with invisible characters inside."""
    return st.randoms(use_true_random=False).map(lambda rng: with_invisible(rng, writer(rng)))


def any_written() -> st.SearchStrategy[Written]:
    """One piece of personal information of any kind."""
    return st.one_of(*(strategy(w) for w in WRITERS.values()))


def leaked(secrets: tuple[str, ...], haystack: str) -> list[str]:
    """The secrets found in ``haystack``, compared as written and in their NFKC form, invisible characters
    left out (a secret split by one still leaks).

    A secret of one character (a one-kanji surname, 原) counts where the dictionary reads it as a word
    of its own (原が対応中, 原 + 課長), not inside a word of the bot's own texts (原則); a short number
    (`_SHORT_NUMBER`) where no digit is beside it.
    """
    haystack = _INVISIBLE_CHARS.sub("", haystack)
    folded = unicodedata.normalize("NFKC", haystack)
    return [
        s
        for s in secrets
        if s.strip() and (_found(s, haystack) or _found(unicodedata.normalize("NFKC", s), folded))
    ]


_WORD_REACH = 16
"""Characters read either side of a one-character secret to tell whether it is a word of its own."""


_SHORT_NUMBER = 4
"""Digits up to this many (a phone's last group left by a partial mask, 849) leak only as a number of their
own: inside a longer one (a timestamp's 08:43:25.758499) they are another number."""


def _found(secret: str, haystack: str) -> bool:
    if secret.isascii() and secret.isdigit() and len(secret) <= _SHORT_NUMBER:
        return re.search(rf"(?<![0-9]){secret}(?![0-9])", haystack) is not None
    if len(secret) > 1:
        return secret in haystack
    for match in re.finditer(re.escape(secret), haystack):
        start = max(0, match.start() - _WORD_REACH)
        around = tokenizer().tokenize(haystack[start : match.end() + _WORD_REACH])
        if any(m.begin() == match.start() - start and m.surface() == secret for m in around):
            return True
    return False
