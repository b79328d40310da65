"""The twenty-eighth round of the other kinds: each writing of the studied set's misses, and what stays."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # An address split over a CSV file's columns: under 番地, and a municipality's cell before the town's.
    (
        "都道府県,市区町村,番地,建物\n東京都,北区,赤羽西4-22-8,ハイム赤羽 303",
        "都道府県,市区町村,番地,建物\n［住所］,ハイム赤羽 303",
    ),
    ('"埼玉県","所沢市","東所沢和田2-4-19",""', '"［住所］",""'),
    (
        "2026/11/28,転出,東京都,世田谷区,経堂5-9-14,ベルメゾン経堂 201",
        "2026/11/28,転出,［住所］,ベルメゾン経堂 201",
    ),
    # A block and a phone split over columns under 丁目・番地・号 and 市外局番・市内局番・番号.
    ("町名,丁目,番地,号\n上石神井,2,31,5", "町名,丁目,番地,号\n上石神井,［住所］"),
    ("市外局番,市内局番,番号\n03,3901,2284", "市外局番,市内局番,番号\n［電話番号］"),
    # An address written from the building downwards.
    ("コーポ赤羽 201、赤羽北3-11-6、北区", "［住所］、北区"),
    ("メゾン王子 305 / 1-28-4 王子本町 / 北区", "［住所］ 王子本町 / 北区"),
    ("レジデンス東十条 5F 東十条2-16-1 北区", "［住所］ 北区"),
    # A URL's parameter named for personal data, in romaji too.
    (
        "ログに ?kojin=558120347761&ok=1 が残っていました",
        "ログに ?kojin=［マイナンバー］&ok=1 が残っていました",
    ),
    ("GET /api/cases?kaigo_no=0002218834&page=2", "GET /api/cases?kaigo_no=［各種番号］&page=2"),
    ("照会画面 …/search?kinen=3318-552071&mode=edit", "照会画面 …/search?kinen=［各種番号］&mode=edit"),
    (
        "https://ward.example.jp/apply?town=西が丘&banchi=3-14-2&bldg=西が丘荘",
        "https://ward.example.jp/apply?town=西が丘&banchi=［住所］&bldg=西が丘荘",
    ),
    # Pension and insurance numbers under abbreviated labels.
    ("基年番号：4480 119327", "基年番号：［各種番号］"),
    ("介保番 0001193327 / 認定 R8.10.1", "介保番 ［各種番号］ / 認定 R8.10.1"),
    ("年金No 5520-331874 で照会", "年金No ［各種番号］ で照会"),
    ("保番 32208815（表面）", "保番 ［各種番号］（表面）"),
    # A birth date read aloud with spaces between a number and its unit, and in katakana.
    (
        "生年月日 へいせい ろく ねん じゅうにがつ はつか（電話で確認）",
        "生年月日 ［生年月日］（電話で確認）",
    ),
    ("ショウワ ゴジュウネン ハチガツ ミッカ生まれとのこと", "［生年月日］生まれとのこと"),
    # A number sent in two chat lines stamped with a time without brackets; an e-mail's domain after （続き）.
    ("14:02 被保険者番号 001127\n14:02 4409 でした", "14:02 被保険者番号 ［各種番号］ でした"),
    ("メール aki_m\n（続き）@ezweb.ne.jp", "メール ［メールアドレス］"),
    # A phone's group read aloud between dashes and groups typed.
    ("電話番号（聞き取り）: 080-さんさんにーなな-4415", "電話番号（聞き取り）: ［電話番号］"),
    # A licence plate read aloud in hiragana.
    (
        "（音声入力）車のナンバーは しながわ さんまるまる あ いちにいさんよん です",
        "（音声入力）車のナンバーは ［各種番号］ です",
    ),
    ("放置車両 ナンバー たま さんさんまる ぬ よんよんにーきゅう の件", "放置車両 ナンバー ［各種番号］ の件"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_writing_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # A document's update stamp after 生.
    "生 2026/12/7 更新",
    "生 2026/12/1 作成、生 2026/12/7 更新（様式の版）",
    # Tables of counts under places' and a block's headers, and columns named in a sentence.
    "都道府県,市区町村,件数\n東京都,北区,211\n東京都,板橋区,187",
    "丁目,件数\n2,14\n3,9",
    "市外局番,市内局番,番号 の 3 列（区の代表番号は除く）",
    "市外局番,市内局番,番号\n03,,",
    # Query strings of no one's data, and a parameter named for a phone with nothing in it.
    "https://www.example-ward.lg.jp/news?page=3&category=8&year=2026",
    "https://intra.example/docs?id=20261130&rev=12&tel=",
    # 基年 and 被保番 as words, buildings' words, the ward office's rooms, a schedule with times.
    "基年（基礎年金）の相談会は 12月22日 10:00〜、定員 30 名",
    "被保番の桁数は 8 桁です（後期高齢者医療）",
    "ハイツ・コーポ・メゾンは方書の欄へ（最大 40 文字）",
    "本庁舎ビル 5F、第3-2-1会議室",
    "10:00 開会\n10:05 報告 12件\n10:30 質疑 3件",
    # A work date read aloud, and the ward's own car's plate.
    "れいわ はち ねん じゅうにがつ なのか に かいぎ",
    "公用車のナンバーは ねりま ごーまるまる さ はちななろくいち",
    # A reference's group read aloud after a dash, with no group typed after it.
    "品番 080-ななななななな",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_work_text_is_left_as_it_is(text: str) -> None:
    assert mask(text).text == text


NEIGHBOURS = [
    # A building's room before a phone: the address and the phone each with its own kind.
    (
        "現住所 豊島区池袋3-41-2 ハイム池袋305号室、家主の電話 03-3986-2274",
        "現住所 ［住所］、家主の電話 ［電話番号］",
    ),
    ("プラザ2階、電話 000-000-2912 で受け付けています", "プラザ2階、電話 000-000-2912 で受け付けています"),
    # A query's parameters apart by semicolons.
    (
        "tel=0358111947;mail=sakura.f+kuyakusho@icloud.com;zip=1100004",
        "tel=［電話番号］;mail=［メールアドレス］;zip=［郵便番号］",
    ),
]


@pytest.mark.parametrize(("text", "masked"), NEIGHBOURS)
def test_the_new_writings_leave_their_neighbours_as_they_were(text: str, masked: str) -> None:
    assert mask(text).text == masked


@pytest.mark.parametrize(
    "text",
    [
        "東京都," * 3000 + "1",
        '"北区","' * 2000 + "1-",
        "丁目,番地,号\n" + "1," * 4000,
        "市外局番,市内局番,番号\n" + "0," * 4000,
        "コーポ 1、" * 2000 + "1-1",
        "メゾン赤羽 201 / " * 2000 + "1-",
        "?kojin" * 3000 + "=",
        "?tel=1&" * 3000,
        "基年 " * 4000 + "1",
        "生 2026/12/7 " * 2000 + "更",
        "へいせい ろく ねん " * 2000 + "がつ",
        "14:02 \n" * 3000 + "1",
        "a\n（続き）" * 3000 + "@",
        "ナンバー しながわ " * 2000 + "さん",
        "080-" * 3000 + "さんさん",
    ],
)
def test_long_hostile_input_is_masked_in_linear_time(text: str) -> None:
    """No timing here (benchmarks/privacy.py has it): a masker that backtracks exponentially never returns."""
    assert mask(text).text.count("［") <= len(text)
