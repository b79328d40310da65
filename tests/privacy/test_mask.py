"""Masking: every writing of the issue, generated writings of each kind, and work text left alone."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.privacy import KINDS, Masked, is_my_number, mask, masked_kinds, public_contacts
from tests.auxil.personal import (
    WRITERS,
    Written,
    any_written,
    check_digit,
    identifier_sentence,
    leaked,
    strategy,
)


@pytest.mark.parametrize(
    "eleven", ["12345678901", "00000000000", "98765432109", "31415926535", "27182818284"]
)
def test_my_number_check_digit_follows_the_official_algorithm(eleven: str) -> None:
    good = eleven + str(check_digit(eleven))
    assert is_my_number(good)
    for wrong in range(10):
        if wrong != check_digit(eleven):
            assert not is_my_number(eleven + str(wrong))


def test_a_known_valid_number() -> None:
    assert is_my_number("123456789018")
    assert not is_my_number("123456789012")


PLACEHOLDERS = re.compile("［(" + "|".join(KINDS) + ")］")

WRITINGS = [
    # The examples, one per writing.
    ("マイナンバー472019860395、電話090-1234-5678", "マイナンバー［マイナンバー］、電話［電話番号］"),
    ("4720 - 1986 - 0395 090.1234.5678", "［マイナンバー］ ［電話番号］"),
    ("ｔａｒｏ３＠ｅｘａｍｐｌｅ．ｊｐ 札幌市中央区北1条西2丁目", "［メールアドレス］ ［住所］"),
    # My Number: groups of 3, separators, brackets, kanji numerals, 8+4.
    ("番号は472 019 860 395です", "番号は［マイナンバー］です"),
    ("4720.1986.0395", "［マイナンバー］"),
    ("4720/1986/0395", "［マイナンバー］"),
    ("4720-1986-0395", "［マイナンバー］"),
    ("4720\t1986\t0395", "［マイナンバー］"),
    ("4720\n1986\n0395", "［マイナンバー］"),
    ("（472019860395）", "（［マイナンバー］）"),
    ("(4720)1986-0395", "［マイナンバー］"),
    ("四七二〇一九八六〇三九五", "［マイナンバー］"),
    ("四七二〇 一九八六 〇三九五の方", "［マイナンバー］の方"),
    ("47201986 0395", "［マイナンバー］"),
    ("１２３４－５６７８－９０１８", "［マイナンバー］"),
    ("マイナンバーは1234 5678 9012（打ち間違い）", "マイナンバーは［マイナンバー］（打ち間違い）"),
    # 12 digits grouped as a My Number, マイナンバー or 個人番号 elsewhere in the sentence: mistyped ones too.
    (
        "個人番号欄（1人目 123456789012、2人目 1234 5678 9013）",
        "個人番号欄（1人目 ［マイナンバー］、2人目 ［マイナンバー］）",
    ),
    ("マイナンバーカードの裏の番号（1234 5678 9013）", "マイナンバーカードの裏の番号（［マイナンバー］）"),
    (
        "番号は 一二三四 五六七八 九〇一三 と書いてあります（個人番号）",
        "番号は ［マイナンバー］ と書いてあります（個人番号）",
    ),
    # Phones.
    ("090.1234.5678", "［電話番号］"),
    ("市外局番なしで 3981-2207、TEL：3981 2207", "市外局番なしで ［電話番号］、TEL：［電話番号］"),
    ("+81 (0)90 1234 5678 まで", "［電話番号］ まで"),
    ("81-90-1234-5678", "［電話番号］"),
    ("+81-3-1234-5678", "［電話番号］"),
    ("090/1234/5678", "［電話番号］"),
    ("〇九〇－一二三四－五六七八", "［電話番号］"),
    ("０９０ー１２３４ー５６７８", "［電話番号］"),
    ("電話は03-1234-5678か090-1234-5678へ", "電話は［電話番号］か［電話番号］へ"),
    ("(03)1234-5678、0120-123-456", "［電話番号］、［電話番号］"),
    ("03(1234)5678", "［電話番号］"),
    ("携帯09012345678", "携帯［電話番号］"),
    # E-mail.
    ("taro @ example.jp", "［メールアドレス］"),
    ("taro＠ example.jp", "［メールアドレス］"),
    ("taro[at]example.jp", "［メールアドレス］"),
    ("taro(at)example.jp", "［メールアドレス］"),
    ("taro（at）example．jp", "［メールアドレス］"),
    ("メールは taro.yamada@example.co.jp まで", "メールは ［メールアドレス］ まで"),
    ("info@例え.jpへ", "［メールアドレス］へ"),
    ("taro@日本語.テスト", "［メールアドレス］"),
    ("taro@example.jpです", "［メールアドレス］です"),
    # Addresses and postal codes.
    ("札幌市中央区北1条西2丁目", "［住所］"),
    ("サンプル区中央1の2の3に住む方", "［住所］に住む方"),
    ("サンプル区本町3-4-5-405", "［住所］"),
    ("サンプル区本町3-4-5 サンプルハイツ101号室です", "［住所］です"),
    ("東京都 サンプル区 中央 1-2-3", "［住所］"),
    ("住所は中央1の2の3です", "住所は［住所］です"),
    ("〒123-4567 東京都サンプル区中央1丁目2番3号", "〒［郵便番号］ ［住所］"),
    ("123-4567 東京都サンプル区中央1-2-3", "［郵便番号］ ［住所］"),
    ("郵便番号1234567", "郵便番号［郵便番号］"),
    ("サンプル区本町3-4-5に住む方", "［住所］に住む方"),
    ("中央区八重洲二丁目1番", "［住所］"),
    ("見本町12番地3", "［住所］"),
    # More than the issue listed.
    ("4720-1986 0395", "［マイナンバー］"),
    ("℡090-1234-5678、TEL.03.1234.5678", "℡［電話番号］、TEL.［電話番号］"),
    ("０９０　１２３４　５６７８", "［電話番号］"),
    ("0800-123-4567、050-1234-5678", "［電話番号］、［電話番号］"),
    ("TARO@EXAMPLE.COM", "［メールアドレス］"),
    ("taro (at) example (dot) jp", "［メールアドレス］"),
    ("サンプル区中央1番地の2", "［住所］"),
    ("サンプル区中央一丁目二番三号", "［住所］"),
    ("サンプル区大字見本字東123番地", "［住所］"),
    ("住所は東京都サンプル区中央1丁目2番3号 サンプルマンション305です", "住所は［住所］です"),
    ("郵便番号は１００ー０００１", "郵便番号は［郵便番号］"),
    # Names: full names, an honorific or a title after a name, a cue before it, a form's field.
    ("山田太郎さんの住民票を取りたい", "［氏名］さんの住民票を取りたい"),
    ("申請者は鈴木花子です", "申請者は［氏名］です"),
    ("高橋　一郎 様", "［氏名］ 様"),
    ("ヤマダ タロウ", "［氏名］"),
    ("佐藤様から電話がありました", "［氏名］様から電話がありました"),
    ("井上係長と渡辺氏に確認", "［氏名］係長と［氏名］氏に確認"),
    ("税務課の山田さんと相談", "税務課の［氏名］さんと相談"),
    ("松本様、清水課長、グエンさん", "［氏名］様、［氏名］課長、［氏名］さん"),
    ("山田蒼空さん、佐藤 さくらちゃん", "［氏名］さん、［氏名］ちゃん"),
    ("名前は山田です", "名前は［氏名］です"),
    ("世帯主の木村", "世帯主の［氏名］"),
    ("氏名：蒼井 空、電話090-1234-5678", "氏名：［氏名］、電話［電話番号］"),
    ("ｻﾄｳ ﾀﾛｳ様", "［氏名］様"),
    ("Nguyen Van An様の転入届", "［氏名］様の転入届"),
    ("住民のKim Min-jun さんから電話", "住民の［氏名］ さんから電話"),
    ("申請者はMaria da Silvaです", "申請者は［氏名］です"),
    ("氏名：NGUYEN VAN AN、Smith課長", "氏名：［氏名］、［氏名］課長"),
    ("Ｗａｎｇさん来た", "［氏名］さん来た"),
    ("Li Wei様、Le Van Hungさん、住民のPark Ji-hoon氏", "［氏名］様、［氏名］さん、住民の［氏名］氏"),
    ("Dear Nguyen Van An様、Mr. Smith様", "Dear ［氏名］様、Mr. ［氏名］様"),
    # A surname the dictionary reads as another proper noun here but as a surname before さん.
    ("申請者は山崎くんです、藤田くんに確認", "申請者は［氏名］くんです、［氏名］くんに確認"),
    # Nothing but what follows says that a surname alone is a person's.
    ("昨日来た木村って人の件、佐藤という方から電話", "昨日来た［氏名］って人の件、［氏名］という方から電話"),
    ("Nguyen という方が来庁", "［氏名］ という方が来庁"),
    # Or someone spoken to or heard from.
    (
        "田中に聞いた、担当の佐藤にも確認、鈴木から連絡、山本と相談、高橋が言っていた、渡辺へメール",
        "［氏名］に聞いた、担当の［氏名］にも確認、［氏名］から連絡、［氏名］と相談、［氏名］が言っていた、［氏名］へメール",
    ),
    # Or something of theirs, when the dictionary reads the word as a name there.
    (
        "田中の件でご相談、佐藤の申請書、鈴木の住所、高橋の家族から電話、山本の分",
        "［氏名］の件でご相談、［氏名］の申請書、［氏名］の住所、［氏名］の家族から電話、［氏名］の分",
    ),
    ("田中の方針です、佐藤の意見、高橋のことで", "［氏名］の方針です、［氏名］の意見、［氏名］のことで"),
    # Or someone introduced (鈴木と申します, 佐藤です), or named after 担当.
    ("鈴木と申します。担当は田中です", "［氏名］と申します。担当は［氏名］です"),
    ("お疲れ様です。佐藤です。担当:山田", "お疲れ様です。［氏名］です。担当:［氏名］"),
    ("担当の高橋に確認", "担当の［氏名］に確認"),
    ("課長の佐藤が、同僚の鈴木と税務課の山田", "課長の［氏名］が、同僚の［氏名］と税務課の［氏名］"),
    (
        "高橋宛てに送った、渡辺まで連絡、小林によると、山田が担当します、鈴木は外出中",
        "［氏名］宛てに送った、［氏名］まで連絡、［氏名］によると、［氏名］が担当します、［氏名］は外出中",
    ),
    # Names the dictionary reads as words before 様, ちゃん, くん or a title (a hollyhock, sugar, a wood),
    # though as names before さん; and names in text written in hiragana alone.
    (
        "葵様からお電話、さくら様の申請、林係長と光くん、さとう様",
        "［氏名］様からお電話、［氏名］様の申請、［氏名］係長と［氏名］くん、［氏名］様",
    ),
    ("さとうさまからでんわ、はなこちゃんのおかあさん", "［氏名］さまからでんわ、［氏名］ちゃんのおかあさん"),
    ("まどぐちでやまもとさんに、はしもとさまから", "まどぐちで［氏名］さんに、［氏名］さまから"),
    # Names listed with a name found, a name's reading beside it, a section after it, more cues and titles.
    ("鈴木・佐藤の両名が担当、田中と高橋さん", "［氏名］・［氏名］の両名が担当、［氏名］と［氏名］さん"),
    ("佐藤さん、鈴木、田中の3名", "［氏名］さん、［氏名］、［氏名］の3名"),
    (
        "山田太郎（やまだ たろう）さん、佐藤花子(サトウ ハナコ)",
        "［氏名］（［氏名］）さん、［氏名］(［氏名］)",
    ),
    ("申請者：やまだ たろう（山田太郎）様", "申請者：［氏名］（［氏名］）様"),
    ("鈴木・佐藤さん（さとう）の件", "［氏名］・［氏名］さん（［氏名］）の件"),
    ("佐藤（さとう）、鈴木 （スズキ）", "［氏名］、［氏名］ （［氏名］）"),
    (
        "担当者名：山田、名義人 田中、港区在住の鈴木、40代女性の佐藤",
        "担当者名：［氏名］、名義人 ［氏名］、港区在住の［氏名］、40代女性の［氏名］",
    ),
    ("山田（総務課）より、CC: 佐藤、From: 鈴木", "［氏名］（総務課）より、CC: ［氏名］、From: ［氏名］"),
    (
        "連絡者 佐々木、作成者：高橋、加藤係員、鈴木参事",
        "連絡者 ［氏名］、作成者：［氏名］、［氏名］係員、［氏名］参事",
    ),
    ("(担当)山田、相手方：田中、同居人 鈴木", "(担当)［氏名］、相手方：［氏名］、同居人 ［氏名］"),
    ("息子の太郎が申請、母親の佐藤が代理で来庁", "息子の［氏名］が申請、母親の［氏名］が代理で来庁"),
    (
        "山田→佐藤へ引継ぎ、田中より連絡あり、高橋を通じて依頼、渡辺経由、小林来庁",
        "［氏名］→［氏名］へ引継ぎ、［氏名］より連絡あり、［氏名］を通じて依頼、［氏名］経由、［氏名］来庁",
    ),
    ("佐藤家の件、田中邸、鈴木方、池田家の相続", "［氏名］家の件、［氏名］邸、［氏名］方、［氏名］家の相続"),
    ("方の西村や石井くん、中島・吉田氏", "方の［氏名］や［氏名］くん、［氏名］・［氏名］氏"),
    # Birth dates and personal numbers where a label says whose they are; a payment card's 16 digits.
    ("生年月日：昭和60年4月1日、S60.4.1生まれ", "生年月日：［生年月日］、［生年月日］生まれ"),
    ("口座番号123456789012です、普通 1234567", "口座番号［各種番号］です、普通 ［各種番号］"),
    ("板橋支店（普通）4471029、当座) 1234567", "板橋支店（普通）［各種番号］、当座) ［各種番号］"),
    (
        "被保険者証の番号は 0005667123、福祉医療証の番号 91824401、受給者証の番号：1348820",
        "被保険者証の番号は ［各種番号］、福祉医療証の番号 ［各種番号］、受給者証の番号：［各種番号］",
    ),
    ("お客様番号 3301-2289-47 の水道料金", "お客様番号 ［各種番号］ の水道料金"),
    ("国保被保険者証 記号番号 世田12 345678 の方", "国保被保険者証 記号番号 ［各種番号］ ［各種番号］ の方"),
    ("被保険者番号 12345678、パスポート TK1234567", "被保険者番号 ［各種番号］、パスポート ［各種番号］"),
    ("4111 1111 1111 1111で決済", "［各種番号］で決済"),
    (
        "田中（父）から、本人（山田）、ご主人の田中、お母さんの佐藤",
        "［氏名］（父）から、本人（［氏名］）、ご主人の［氏名］、お母さんの［氏名］",
    ),
    ("山田夫婦と田中ご夫妻、やまだたろうさん", "［氏名］夫婦と［氏名］ご夫妻、［氏名］さん"),
    # A name's reading in hiragana in a form's field, and a field with a qualifier.
    ("ふりがな：やまだ たろう、氏名（カナ）：ヤマダ タロウ", "ふりがな：［氏名］、氏名（カナ）：［氏名］"),
    # Full names the dictionary reads as one word (小林太郎) or splits after の (前 + 田花子).
    ("小林太郎から電話、住民の前田花子さん", "［氏名］から電話、住民の［氏名］さん"),
    # An honorific before a name in parentheses is no reading of it: さん stays.
    ("小倉 さん（ogura）へ転送", "［氏名］ さん（［氏名］）へ転送"),
    # A label glued to the number is not an identifier; numbers next to an identifier are still found.
    ("TEL0312345678、FAX03-1234-5679", "TEL［電話番号］、FAX［電話番号］"),
    ("℡09012345678", "℡［電話番号］"),
    ("ID U0123 090-1234-5678", "ID U0123 ［電話番号］"),
    ("TEL-090-1234-5678", "TEL-［電話番号］"),
    # Spoken or file-name separators, dots spaced or written 。, kana local parts, bare rooms, grids.
    ("携帯は090の1234の5678、090_1234_5678", "携帯は［電話番号］、［電話番号］"),
    ("taro@ example . co . jp、taro@example。jp", "［メールアドレス］、［メールアドレス］"),
    ("連絡先taro@example.jp、やまだ@例え.jp", "連絡先［メールアドレス］、［メールアドレス］"),
    # A 。 before Japanese ends the sentence, not the domain: the words after it stay.
    ("連絡はtaro@example.jp。住民票の件です", "連絡は［メールアドレス］。住民票の件です"),
    ("hanako@example.co.jp。確認お願いします", "［メールアドレス］。確認お願いします"),
    ("ywpsv@日本語。テスト", "［メールアドレス］"),  # between Japanese labels, 。 is the dot
    ("中央1-2-3-405号室に住む方", "［住所］に住む方"),
    ("本町3-4-5 サンプルハイツ101から", "［住所］から"),
    ("札幌市中央区北1西2、住所は南3条東4 5-6", "［住所］、住所は［住所］"),
    # Names registered with variant kanji, a surname the dictionary lacks, and more cues around a name.
    ("髙橋さん、山﨑様、𠮷田に聞いた、濵田課長", "［氏名］さん、［氏名］様、［氏名］に聞いた、［氏名］課長"),
    ("杁中さんと﨔田さん", "［氏名］さんと［氏名］さん"),
    ("高橋が来庁、田中も賛成、鈴木は反対", "［氏名］が来庁、［氏名］も賛成、［氏名］は反対"),
    ("父（山田）から、鈴木（港区在住）", "父（［氏名］）から、［氏名］（港区在住）"),
    ("田中（45歳）から", "［氏名］（45歳）から"),
    ("井上・木下で対応します", "［氏名］・［氏名］で対応します"),
    # Surnames in hiragana before a cue, which the dictionary splits (やま + もと) or reads as a word (砂糖).
    (
        "きのうやまもとにきいた、さとうからでんわ、たかはしとそうだん",
        "きのう［氏名］にきいた、［氏名］からでんわ、［氏名］とそうだん",
    ),
    ("やまだたろうにきいた", "［氏名］にきいた"),
    ("たろうにきいた、きのうはなこからでんわ", "［氏名］にきいた、きのう［氏名］からでんわ"),
    # A ward's numbers for a resident, and a health insurance card's 記号 and 番号.
    ("宛名番号：00123456、利用者番号 A123456", "宛名番号：［各種番号］、利用者番号 ［各種番号］"),
    ("保険証の記号 12345 番号 678 です", "保険証の記号 ［各種番号］ 番号 ［各種番号］ です"),
    ("国保の記号番号 12-345", "国保の記号番号 ［各種番号］"),
    ("年金手帳の番号 1234-567890", "年金手帳の番号 ［各種番号］"),
    ("運転免許 第123456789012号", "運転免許 第［各種番号］号"),
    # Who takes a matter on, a home the dictionary splits (原 + 田宅), a disability handbook's number.
    (
        "佐藤が担当です、田中で対応します、山田で預かります",
        "［氏名］が担当です、［氏名］で対応します、［氏名］で預かります",
    ),
    ("原田宅を訪問、前田宅へ郵送", "［氏名］宅を訪問、［氏名］宅へ郵送"),
    ("中島で対応します、西村で預かります", "［氏名］で対応します、［氏名］で預かります"),
    ("田中が来た、鈴木は会議中、佐藤は戻り次第", "［氏名］が来た、［氏名］は会議中、［氏名］は戻り次第"),
    (
        "田中がやります、鈴木にお任せします、佐藤が作成しました",
        "［氏名］がやります、［氏名］にお任せします、［氏名］が作成しました",
    ),
    ("身体障害者手帳 1級 番号 第12345号", "身体障害者手帳 1級 番号 第［各種番号］号"),
    ("療育手帳(A) 第123号、愛の手帳 3度 45678", "療育手帳(A) 第［各種番号］号、愛の手帳 3度 ［各種番号］"),
    ("療育手帳 A123456、療育手帳 B2 7654321", "療育手帳 ［各種番号］、療育手帳 B2 ［各種番号］"),
    # When someone is away, what they said, messages through them, how many went with them.
    (
        "田中は本日休みです、斎藤は午後から出張、原が対応中",
        "［氏名］は本日休みです、［氏名］は午後から出張、［氏名］が対応中",
    ),
    ("山口が申しておりました、池田なら詳しいです", "［氏名］が申しておりました、［氏名］なら詳しいです"),
    (
        "山本からの伝言、高橋との打合せ、佐々木への連絡",
        "［氏名］からの伝言、［氏名］との打合せ、［氏名］への連絡",
    ),
    ("小林ほか1名、田中以下三名が出席", "［氏名］ほか1名、［氏名］以下三名が出席"),
    # Titles of those who visit and care, one the dictionary splits (佐 + 藤保 + 健師), and places read so.
    (
        "佐藤保健師と阿部看護師、鈴木ケースワーカー、藤田ケアマネ、岡田先輩",
        "［氏名］保健師と［氏名］看護師、［氏名］ケースワーカー、［氏名］ケアマネ、［氏名］先輩",
    ),
    # Surnames of one kanji the dictionary reads as words, before a call or someone's work.
    (
        "森が担当してます、堀から電話、東は本日休み",
        "［氏名］が担当してます、［氏名］から電話、［氏名］は本日休み",
    ),
    # Forms and signatures: 文責, 対象者, an extension in parentheses, a section before ・.
    ("文責：青木、対象者：松田、確認者 井上", "文責：［氏名］、対象者：［氏名］、確認者 ［氏名］"),
    ("近藤（内線2345）まで、総務課・木村", "［氏名］（内線2345）まで、総務課・［氏名］"),
    # Memos and records: family members with a space, roles, lists with or and /, signatures.
    ("家族構成：妻 花子、長男 一郎", "家族構成：妻 ［氏名］、長男 ［氏名］"),
    ("訪問記録：担当 鈴木、同行 高橋、受付：佐藤", "訪問記録：担当 ［氏名］、同行 ［氏名］、受付：［氏名］"),
    ("回覧：佐藤→鈴木→田中、決裁 山田", "回覧：［氏名］→［氏名］→［氏名］、決裁 ［氏名］"),
    ("田中、佐藤、鈴木の3名で対応", "［氏名］、［氏名］、［氏名］の3名で対応"),
    ("田中/佐藤で対応、高橋か中村に聞いて", "［氏名］/［氏名］で対応、［氏名］か［氏名］に聞いて"),
    ("以上、田中\n（佐藤）\n山田拝", "以上、［氏名］\n（［氏名］）\n［氏名］拝"),
    # Chat between colleagues: titles, leave, passing work on, copying in, their things.
    (
        "高橋課長補佐、伊藤統括、吉田リーダー、林チーフ、山崎技師、池田専門員、橋本副課長",
        "［氏名］課長補佐、［氏名］統括、［氏名］リーダー、［氏名］チーフ、［氏名］技師、［氏名］専門員、［氏名］副課長",
    ),
    (
        "藤田は今日は在宅勤務、後藤がテレワーク中、岡田は育休中、近藤は研修中",
        "［氏名］は今日は在宅勤務、［氏名］がテレワーク中、［氏名］は育休中、［氏名］は研修中",
    ),
    (
        "藤井に振って、西村に投げといて、福田にCCして、太田をCCに、藤原を巻き込んで、岡本から折り返し",
        "［氏名］に振って、［氏名］に投げといて、［氏名］にCCして、［氏名］をCCに、［氏名］を巻き込んで、"
        "［氏名］から折り返し",
    ),
    ("遠藤のPC、青木のメール", "［氏名］のPC、［氏名］のメール"),
    # Case notes: any role ending in 者, ケース, CW, a child's name in a form, their family.
    (
        "ケース：佐藤、CW田中、要介護者 高橋、転出者 小林、児童名：はると",
        "ケース：［氏名］、CW［氏名］、要介護者 ［氏名］、転出者 ［氏名］、児童名：［氏名］",
    ),
    (
        "山田のおばあちゃん、高橋のお母さん、中村のご家族",
        "［氏名］のおばあちゃん、［氏名］のお母さん、［氏名］のご家族",
    ),
    # Surnames the dictionary reads as prefixes before a title (原 + 主任).
    (
        "原主任が担当、光課長に確認、島係長、光先生",
        "［氏名］主任が担当、［氏名］課長に確認、［氏名］係長、［氏名］先生",
    ),
    # A surname the dictionary reads as one there, before a particle: a person said or did something.
    (
        "伊藤が書いた、中村しか分からない、石田がさっき探してた、須田くらいしか、辻も同じ意見",
        "［氏名］が書いた、［氏名］しか分からない、［氏名］がさっき探してた、［氏名］くらいしか、［氏名］も同じ意見",
    ),
    (
        "今井、さっきのメール見た？森が言ってた、関が作った",
        "［氏名］、さっきのメール見た？［氏名］が言ってた、［氏名］が作った",
    ),
    # A place or a company the dictionary reads there, after a section or a form's cue.
    ("総務課の松本です、福祉課の永田から", "総務課の［氏名］です、福祉課の［氏名］から"),
    (
        "参加者：栗原、日野、大谷、受：竹内、調査員：村上",
        "参加者：［氏名］、［氏名］、［氏名］、受：［氏名］、調査員：［氏名］",
    ),
    # A title before the name, an age or a school year after a given name the dictionary lacks.
    ("担当：心理士 秋山、訪問者：保健師 佐々木", "担当：心理士 ［氏名］、訪問者：保健師 ［氏名］"),
    (
        "世帯主：本田 正（68）、ケース：川島 陸（小3）、氏名：大和田 すみ",
        "世帯主：［氏名］（68）、ケース：［氏名］（小3）、氏名：［氏名］",
    ),
    # Quoted, handed over, or signed at the end.
    ("戸籍上は「田中」、引継ぎメモ（小田→津田）", "戸籍上は「［氏名］」、引継ぎメモ（［氏名］→［氏名］）"),
    ("内容確認済み。久保", "内容確認済み。［氏名］"),
    ("返信不要です。／大野木", "返信不要です。／［氏名］"),
    ("氏名：山田 すみこさん、氏名：田中 さん", "氏名：［氏名］さん、氏名：［氏名］ さん"),
    # A name's reading in quotes, before an honorific or after 読み shortly after a name.
    (
        "小鳥遊さん、読み方が「たかなし」だって。「わたぬき」さんでした",
        "［氏名］さん、読み方が「［氏名］」だって。「［氏名］」さんでした",
    ),
    ("広島が作った集計表", "［氏名］が作った集計表"),
    ("窓口で村上で対応します", "窓口で［氏名］で対応します"),
    ("配偶者：Le Minh Duc、子：Le Gia Bao、妻：花子", "配偶者：［氏名］、子：［氏名］、妻：［氏名］"),
    # A child's name in kana that the dictionary lacks, before くん.
    ("ゆうとくん、今日もお休み。ケンタくん（小2）", "［氏名］くん、今日もお休み。［氏名］くん（小2）"),
    # An honorific after a name is not a surname in hiragana (ちゃん is read as チャン).
    ("佐藤ちゃんが言ってた", "［氏名］ちゃんが言ってた"),
    # A surname set apart by spaces before a particle, です, a mark or the line's end.
    (
        "全部 前田 の端末から、経理の 栗原 に回して、結城 に 確認 済、当番は 岡 です",
        "全部 ［氏名］ の端末から、経理の ［氏名］ に回して、［氏名］ に 確認 済、当番は ［氏名］ です",
    ),
    (
        "住所録に 鈴木 と 鈴木 がいる、それ 南 に聞いて",
        "住所録に ［氏名］ と ［氏名］ がいる、それ ［氏名］ に聞いて",
    ),
    (
        "メモ：竹内→財政課、吉岡→区民課へ\n・入力：岡田",
        "メモ：［氏名］→財政課、［氏名］→区民課へ\n・入力：［氏名］",
    ),
    ("差出人：みどり保育園 園長 川村", "差出人：みどり保育園 園長 ［氏名］"),
    # A surname the dictionary reads as a word, before a title no word ends in or after a cue.
    (
        "担当は林ケースワーカーに交代、担当の森に何度言っても",
        "担当は［氏名］ケースワーカーに交代、担当の［氏名］に何度言っても",
    ),
    # After a particle of their own: より, まで, たち, だ.
    (
        "吉川 より連絡、不在時は小沢まで、岩崎たちが勉強会、たぶん金子だと思う",
        "［氏名］ より連絡、不在時は［氏名］まで、［氏名］たちが勉強会、たぶん［氏名］だと思う",
    ),
    # A family written with slashes, a former surname, a name before who they are in a family.
    (
        "世帯主 後藤 正和 ／ 妻 後藤 美紀、旧姓：小林、旧姓の森田で併記",
        "世帯主 ［氏名］ ／ 妻 ［氏名］、旧姓：［氏名］、旧姓の［氏名］で併記",
    ),
    (
        "世帯構成：結衣（長女・高2）、けんたろう（子・小5）",
        "世帯構成：［氏名］（長女・高2）、［氏名］（子・小5）",
    ),
    # Foreign names in parts, spaced, with their other writing in parentheses, or with a comma.
    (
        "タパ マガル ビシュヌさん、ラジェシュ・シュレスタ（Rajesh Shrestha）さん、SATO Yuki（佐藤 由紀）さん",
        "［氏名］さん、［氏名］（［氏名］）さん、［氏名］（［氏名］）さん",
    ),
    ("TANAKA, Ichiro 様 宛の通知、氏名：DELA CRUZ, JOHN PAUL", "［氏名］ 様 宛の通知、氏名：［氏名］"),
    # Children's names that are words too, before くん; introducing oneself first in a message.
    ("ひなたくん（1歳半）、りく くん、つばさくん", "［氏名］くん（1歳半）、［氏名］ くん、［氏名］くん"),
    ("泉です。生成AIについて質問です", "［氏名］です。生成AIについて質問です"),
    # Accounts written as an initial and a surname, in a mention, after a cue or before an honorific.
    (
        "CC: t.yamada, h.sasaki、@m.hayashi 例の件、a.kondo さんが作った、宛先：k.ishikawa",
        "CC: ［氏名］, ［氏名］、@［氏名］ 例の件、［氏名］ さんが作った、宛先：［氏名］",
    ),
    # What a form's name field holds, in quotes; a name called at a line's start.
    (
        "氏名欄に「山口 ゆかり」、フリガナ欄に「ヤマグチ ユカリ」、作成者欄に「K.Ishida」",
        "氏名欄に「［氏名］」、フリガナ欄に「［氏名］」、作成者欄に「［氏名］」",
    ),
    ("翔太、例のフローまだ動いてる？", "［氏名］、例のフローまだ動いてる？"),
    # A surname before か, じゃ, なん, 担当 or a mark ending a sentence; a nickname; a mention; a speaker.
    (
        "松田か前田か分からない、中島じゃない？藤井なんだよね、吉岡担当。そうそう、戸田。ありがとう、島田！",
        "［氏名］か［氏名］か分からない、［氏名］じゃない？［氏名］なんだよね、［氏名］担当。そうそう、［氏名］。"
        "ありがとう、［氏名］！",
    ),
    ("高木っちが知ってる、@平田 美穂 リンク切れ", "［氏名］っちが知ってる、@［氏名］ リンク切れ"),
    ("林：了解\n森「RPAで全部やれます」", "［氏名］：了解\n［氏名］「RPAで全部やれます」"),
    (
        "東は在宅、長女は平田 さくら、「松本です、今から向かいます」",
        "［氏名］は在宅、長女は［氏名］ ［氏名］、「［氏名］です、今から向かいます」",
    ),
    # Surnames of one kanji that the dictionary reads as words even before さん; kana names before ちゃん.
    (
        "東さん、西さん、北さんの3名、池ちゃんのデスク、星 さん",
        "［氏名］さん、［氏名］さん、［氏名］さんの3名、［氏名］ちゃんのデスク、［氏名］ さん",
    ),
    ("みーちゃんに言っといた、めいちゃん（0歳）", "［氏名］ちゃんに言っといた、［氏名］ちゃん（0歳）"),
    # Tables pasted as text: the cells under a header that says they hold people.
    (
        "氏名\t所属\t内線\n佐々木\t保険年金課\t3121\n東\t税務課\t3305\n\n日付,担当者,件数\n5/1,大和,34",
        "氏名\t所属\t内線\n［氏名］\t保険年金課\t3121\n［氏名］\t税務課\t3305\n\n日付,担当者,件数\n5/1,［氏名］,34",
    ),
    (
        "受付番号\t申請者\t状態\n0013\tグエン・ヴァン・ナム\t保留\n｜係｜担当者｜\n｜庶務｜藤井｜",
        "受付番号\t申請者\t状態\n0013\t［氏名］\t保留\n｜係｜担当者｜\n｜庶務｜［氏名］｜",
    ),
    # A list with spaces around its marks; a name's other writing in parentheses before its honorific.
    ("・梅田 彩花　・松原 拓海　・根本 ひなた", "・［氏名］　・［氏名］　・［氏名］ ［氏名］"),
    (
        "PAK Jihoon（朴 志勲）様、サントス　ガブリエル（日系ブラジル）さん",
        "［氏名］（［氏名］）様、［氏名］（日系ブラジル）さん",
    ),
    # Quoted after a name field, a role or a family member; after a family member before an age.
    (
        "名前が「川村 澪」、子の名「蒼空」、名が「煌」、予約者の名前が「ゆうま」「ゆうと」、"
        "保護者「秋山 由美」",
        "名前が「［氏名］」、子の名「［氏名］」、名が「［氏名］」、予約者の名前が「［氏名］」「［氏名］」、"
        "保護者「［氏名］」",
    ),
    (
        "姉の結愛（6歳）、弟の颯（1歳）、子　村上　蒼空（3歳）",
        "姉の［氏名］（6歳）、弟の［氏名］（1歳）、子　［氏名］（3歳）",
    ),
    # A surname in parentheses after a position or 私; one read as a word after a position; 議員.
    (
        "係長（森）→課長（上田）、私（平井）がいない間、課長の大石が兼務、新人の古川に、区議会の石田議員",
        "係長（［氏名］）→課長（［氏名］）、私（［氏名］）がいない間、課長の［氏名］が兼務、新人の［氏名］に、"
        "区議会の［氏名］議員",
    ),
    ("名が「煌」一文字の子、姓は宮崎です", "名が「［氏名］」一文字の子、姓は［氏名］です"),
    # A name after a family member and の before a particle; a given name opening a message; 森って人.
    (
        "父の勝が申請、娘のさくらが使ってる、おやじの正雄が、家内の真由美が",
        "父の［氏名］が申請、娘の［氏名］が使ってる、おやじの［氏名］が、家内の［氏名］が",
    ),
    ("健太もピボット使えない\n森って人が来た", "［氏名］もピボット使えない\n［氏名］って人が来た"),
    # An honorific before an age is no given name.
    (
        "利用者：山田 様（92歳）、被保護者 鈴木 氏（65）",
        "利用者：［氏名］ 様（92歳）、被保護者 ［氏名］ 氏（65）",
    ),
    # A title the dictionary reads as names after a surname: the surname alone.
    ("山田保健師さん。森保健師が来た", "［氏名］保健師さん。［氏名］保健師が来た"),
    # Asked who they are, or what they said.
    (
        "桜井って誰だっけ、岡山は何て言ってた？平野もそう言ってた",
        "［氏名］って誰だっけ、［氏名］は何て言ってた？［氏名］もそう言ってた",
    ),
    # A given name in hiragana that the dictionary reads as one there, before a particle.
    ("ひろみが対応済み、かずきがパスワード変えた", "［氏名］が対応済み、［氏名］がパスワード変えた"),
    # Who names themselves, answers, or introduces themselves after a greeting.
    (
        "相手の方は 関口 と名乗っていました、堀内から回答",
        "相手の方は ［氏名］ と名乗っていました、［氏名］から回答",
    ),
    ("おつかれさまです、林です。", "おつかれさまです、［氏名］です。"),
    ("お世話になっております、総務課の岡山です。", "お世話になっております、総務課の［氏名］です。"),
    # Quoted before an honorific, in katakana parts, in Latin letters after a title.
    (
        "「福島」さんという苗字、ワン・ウェイさん（王偉）",
        "「［氏名］」さんという苗字、［氏名］さん（［氏名］）",
    ),
    ("Mr. Patel said so; Ms. Chen Wei から回答", "Mr. ［氏名］ said so; Ms. ［氏名］ から回答"),
    # A given name in kana before an honorific after a relation or a cue; one after a space ending an item.
    (
        "祖母のみよこさんから相談、臨時職員の 菅野 さん（すがの）",
        "祖母の［氏名］さんから相談、臨時職員の ［氏名］ さん（［氏名］）",
    ),
    (
        "母 黒田 キミ、子 黒田 蓮、申込：宇野 誠、宇野 さくら（親子）",
        "母 ［氏名］ ［氏名］、子 ［氏名］、申込：［氏名］、［氏名］ ［氏名］（親子）",
    ),
    ("内藤 指導主事から連絡", "［氏名］ 指導主事から連絡"),
    (
        "田中 様、佐藤 課長、山田 さんから、中村 氏（本人）",
        "［氏名］ 様、［氏名］ 課長、［氏名］ さんから、［氏名］ 氏（本人）",
    ),
    (
        "お疲れ様です。福祉課田中です。市民課田村からOCRの帳票がきた。税務課高橋、区民課鈴木の3名で",
        "お疲れ様です。福祉課［氏名］です。市民課［氏名］からOCRの帳票がきた。税務課［氏名］、区民課［氏名］の3名で",
    ),
    ("清水と森で様式チェック、CC：北村、南", "［氏名］と［氏名］で様式チェック、CC：［氏名］、［氏名］"),
    ("委員の浜 和夫氏、祖母（星 キヨ）が養育中", "委員の［氏名］氏、祖母（［氏名］）が養育中"),
    (
        "西が担当してる、星が作ったプロンプト、南に頼んだ集計",
        "［氏名］が担当してる、［氏名］が作ったプロンプト、［氏名］に頼んだ集計",
    ),
    (
        "しおりと田中、今日行く？\nゆき、ちょっと手伝って",
        "［氏名］と［氏名］、今日行く？\n［氏名］、ちょっと手伝って",
    ),
    ("翔くん電子申請のテスト手伝って", "［氏名］くん電子申請のテスト手伝って"),
    ("石田（会計年度任用職員）です。無理なら柴田で", "［氏名］（会計年度任用職員）です。無理なら［氏名］で"),
    (
        "星と泉がFAQ作ってる\nあすかとみのる、今日は外回り",
        "［氏名］と［氏名］がFAQ作ってる\n［氏名］と［氏名］、今日は外回り",
    ),
    ("レ・ヴァン・フンさんの住民票", "［氏名］さんの住民票"),
    (
        "区民の秋元様から。早番 林（〜15:00）\n午後：本田のみ\n窓口担当【森】【林】\n"
        "【担当】桑原\n明日は清水不在、田村対応",
        "区民の［氏名］様から。早番 ［氏名］（〜15:00）\n午後：［氏名］のみ\n"
        "窓口担当【［氏名］】【［氏名］】\n【担当】［氏名］\n明日は［氏名］不在、［氏名］対応",
    ),
    ("対応者：田中（午前）、北村（終日）", "対応者：［氏名］（午前）、［氏名］（終日）"),
    ("ごめん今日やすみますって美咲から", "ごめん今日やすみますって［氏名］から"),
    (
        "張 偉さんのお子さん張 小雨ちゃん、尹 在勲（ユン ジェフン）さん、ライ・ビカスさん（RAI BIKASH）",
        "［氏名］さんのお子さん［氏名］ちゃん、［氏名］（［氏名］）さん、［氏名］さん（［氏名］）",
    ),
    (
        "石井さん休みのため野村が代行します。書類は野村まで。松本さんは松本市出身、中島さんに中島公園の写真",
        "［氏名］さん休みのため［氏名］が代行します。書類は［氏名］まで。［氏名］さんは松本市出身、［氏名］さんに中島公園の写真",
    ),
    (
        "1. 要件整理（西）\n確認しました。北\n\n谷",
        "1. 要件整理（［氏名］）\n確認しました。［氏名］\n\n［氏名］",
    ),
    (
        "窓口の桑原が集計したい。お疲れ様です。保護課の浜です。",
        "窓口の［氏名］が集計したい。お疲れ様です。保護課の［氏名］です。",
    ),
    # A name right before a verb, the particle dropped as in chat.
    (
        "さっきまで村上いたんだけど。黒木戻ったら内線ください。佐々木見てくれた？えりか怒ってたよ",
        "さっきまで［氏名］いたんだけど。［氏名］戻ったら内線ください。［氏名］見てくれた？［氏名］怒ってたよ",
    ),
    # Roles in capitals after a colleague, 上長, a signature's by, a speaker in the middle of a line.
    (
        "大橋PMが欠席、田中CWに確認、上長（石田）に確認済み。以上 by 長島\n"
        "部長から説明、続いて森本：予算確認中",
        "［氏名］PMが欠席、［氏名］CWに確認、上長（［氏名］）に確認済み。以上 by ［氏名］\n"
        "部長から説明、続いて［氏名］：予算確認中",
    ),
    # A given name of one kanji after a family member; a name and its reading before an honorific.
    ("祖父 茂、母 恵、長女 凛（中1）", "祖父 ［氏名］、母 ［氏名］、長女 ［氏名］（中1）"),
    ("要支援児 樹（いつき）くん、登園状況", "要支援児 ［氏名］（［氏名］）くん、登園状況"),
    # Nicknames in hiragana that the dictionary reads otherwise.
    (
        "のぐちゃん今日早番？まっつんから連絡きた。みゆぴょんに教わった。ともちゃんさん、いっさんもう帰った？",
        "［氏名］ちゃん今日早番？［氏名］から連絡きた。［氏名］に教わった。［氏名］ちゃんさん、［氏名］もう帰った？",
    ),
    ("なおぴーに聞いて、ゆかりんに聞いたら", "［氏名］に聞いて、［氏名］に聞いたら"),
    # A surname of one kanji with someone, handing something over or away after a comma; a place read as
    # a surname before who is away; a title in hiragana; a name in kana in parentheses after family; a
    # nationality.
    (
        "昨日は沖と一緒に回りました。畑から書類受け取った\n北、今日は休みです",
        "昨日は［氏名］と一緒に回りました。［氏名］から書類受け取った\n［氏名］、今日は休みです",
    ),
    ("大塚休みだから代わりに出て", "［氏名］休みだから代わりに出て"),
    ("山形って今日テレワーク？", "［氏名］って今日テレワーク？"),
    # A rota's line: surnames after weekdays.
    (
        "当番　月 岸　火 泉　水 原\n月曜 山田　火曜 佐藤",
        "当番　月 ［氏名］　火 ［氏名］　水 ［氏名］\n月曜 ［氏名］　火曜 ［氏名］",
    ),
    # Places the dictionary holds as surnames too, before what a person does with an adverb between, at the
    # counter or standing in; a given name before 遅れる; a surname before 次第, っぽい, みたい, まじ or 作成;
    # one kanji bringing something, or there still; passed a paper; two together; a memo's 記録：.
    (
        "長崎がまだ戻ってない。宮崎が今日は窓口です。熊本 が代理で出ます。かおりが遅れるって",
        "［氏名］がまだ戻ってない。［氏名］が今日は窓口です。［氏名］ が代理で出ます。［氏名］が遅れるって",
    ),
    (
        "それは高田次第。この字、吉川っぽい。村田まじ助かる。見積_大塚作成.xlsx",
        "それは［氏名］次第。この字、［氏名］っぽい。［氏名］まじ助かる。見積_［氏名］作成.xlsx",
    ),
    ("畑が持ってきた資料。岸ってまだいる？", "［氏名］が持ってきた資料。［氏名］ってまだいる？"),
    (
        "書類は千葉まで回して。昨日、沖と二人で回った",
        "書類は［氏名］まで回して。昨日、［氏名］と二人で回った",
    ),
    ("（記録：福島）", "（記録：［氏名］）"),
    # Surnames in hiragana opening a clause, which the dictionary reads as an adjective or a verb, or splits.
    (
        "ながいさん、うちださんへ。ひらいが言ってた件",
        "［氏名］さん、［氏名］さんへ。［氏名］が言ってた件",
    ),
    ("ひらいがもうかえったかみてきて", "［氏名］がもうかえったかみてきて"),
    # Lists of people: after a cue, with a title or an honorific on a member, or of names alone.
    ("当番：北、南、東", "当番：［氏名］、［氏名］、［氏名］"),
    ("出席者：北浜、南丘", "出席者：［氏名］、［氏名］"),
    ("参加者は北浜、南丘の図書館の職員", "参加者は［氏名］、［氏名］の図書館の職員"),
    ("蓮と陽葵の保育園のお迎え", "［氏名］と［氏名］の保育園のお迎え"),
    ("田中、佐藤の担当", "［氏名］、［氏名］の担当"),
    # A surname read as a place or a company, shown a person's by what only a person has, does or is.
    ("書類は松本の机に、印鑑は中野のハンコ入れに", "書類は［氏名］の机に、印鑑は［氏名］のハンコ入れに"),
    ("訪問先 堀江宅、異常なし", "訪問先 ［氏名］宅、異常なし"),
    ("ごめん、今藤田が電話中", "ごめん、今［氏名］が電話中"),
    ("関が今夜の宿直、岩って何課だっけ", "［氏名］が今夜の宿直、［氏名］って何課だっけ"),
    ("本田が寝坊した", "［氏名］が寝坊した"),
    ("秋田が資料の印刷やってくれた", "［氏名］が資料の印刷やってくれた"),
    ("上野の発言が抜けてた、だいすけまだ帰ってない？", "［氏名］の発言が抜けてた、［氏名］まだ帰ってない？"),
    ("林と話した、畑も一緒に行く", "［氏名］と話した、［氏名］も一緒に行く"),
    ("当番\n月 上村\n火 下田", "当番\n月 ［氏名］\n火 ［氏名］"),
    ("保存先：相談記録_荒井_0705.xlsx", "保存先：相談記録_［氏名］_0705.xlsx"),
    ("まっすーに聞いて、みほりんとやる", "［氏名］に聞いて、［氏名］とやる"),
    ("カードには「TRAN THI HOA」とあります", "カードには「［氏名］」とあります"),
    ("申請書の名前は「Tran Quoc Bao」です", "申請書の名前は「［氏名］」です"),
    ("西さん、東さん", "［氏名］さん、［氏名］さん"),
    ("参加者は課長、松浦、岸本です", "参加者は課長、［氏名］、［氏名］です"),
    ("打合せ（田中、佐藤）", "打合せ（［氏名］、［氏名］）"),
    ("お疲れ！しおりとまなみ、今日飲み行くって", "お疲れ！［氏名］と［氏名］、今日飲み行くって"),
    # A name in hiragana in a line with kanji was written so.
    ("すずきがさっきからずっと電話してる", "［氏名］がさっきからずっと電話してる"),
    # A Latin honorific joined by a hyphen; a reply's word before it is no name.
    ("Thanks, Suzuki-san. Tanaka-sensei said so", "Thanks, ［氏名］-san. ［氏名］-sensei said so"),
    ("いけだかちょうはきょうはやすみです", "［氏名］かちょうはきょうはやすみです"),
    ("おじいちゃん（カメキチさん）は元気", "おじいちゃん（［氏名］さん）は元気"),
    ("窓口：TRAN MINH DUC（ベトナム国籍）", "窓口：［氏名］（ベトナム国籍）"),
    # Labels with a bracket or a form's field before what they announce; dates as systems print them.
    ("被保険者番号（0001284736）を", "被保険者番号（［各種番号］）を"),
    ("住民票コード（38271046592）の帳票", "住民票コード（［各種番号］）の帳票"),
    ("生年月日を「昭和三十八年五月二十二日」と", "生年月日を「［生年月日］」と"),
    ("保護者の誕生日欄に1990.7.14って", "保護者の誕生日欄に［生年月日］って"),
    ("生年月日：19630522\n年齢", "生年月日：［生年月日］\n年齢"),
    ("生年月日 平成9年（1997年）6月18日生", "生年月日 ［生年月日］生"),
    ("生年月日：1993年（平成5年）9月18日", "生年月日：［生年月日］"),
    ("DOB: 03/14/1991（米国式）、生年月日 7/4/1980", "DOB: ［生年月日］（米国式）、生年月日 ［生年月日］"),
    # Residence cards, labelled or not, in either width; a Japan Post Bank account.
    ("在留カード番号：EH77120493LA　の両方", "在留カード番号：［各種番号］　の両方"),
    ("在留カード　ＡＢ４８２０１９３７ＫＡ　って", "在留カード　［各種番号］　って"),
    ("ゆうちょ 記号14040 番号28173941って", "ゆうちょ 記号［各種番号］ 番号［各種番号］って"),
    # Half-width katakana labels, as old systems print them.
    ("住民票ｺｰﾄﾞ 2918 4730 615 ←旧システム", "住民票ｺｰﾄﾞ ［各種番号］ ←旧システム"),
    # A My Number copied one box at a time; an address spaced out; an e-mail broken after its @.
    ("PDF上だと\n6 0 2 9 1 0 5 2 4 1 8 6\nみたいに", "PDF上だと\n［マイナンバー］\nみたいに"),
    ("「東京都 中野区 中野 ２ － ３ － ４ － ４０５」みたいに", "「［住所］」みたいに"),
    ("メール欄に\nwarabi.mochi@\ngmail.com\nと改行入り", "メール欄に\n［メールアドレス］\nと改行入り"),
    (
        "郵便番号欄が3桁と4桁に分かれてて、OCRの結果が「530 0047」と出る",
        "郵便番号欄が3桁と4桁に分かれてて、OCRの結果が「［郵便番号］」と出る",
    ),
    # The @ spelled out in kana or in brackets; a licence's number after の; a Japan Post Bank account in one
    # piece after ゆうちょ; a floor after a building's name.
    ("メールはyamada.taro あっと example.co.jp です", "メールは［メールアドレス］ です"),
    ("連絡先 taro_y(アットマーク)city.example.lg.jp まで", "連絡先 ［メールアドレス］ まで"),
    ("免許証の番号は301234567890です", "免許証の番号は［各種番号］です"),
    ("振込先はゆうちょ銀行 10120-12345671 とのこと", "振込先はゆうちょ銀行 ［各種番号］ とのこと"),
    ("中央区銀座四丁目5-6 銀座ビル3Fの事務所", "［住所］の事務所"),
    ("サンプル区本町1-2-3 本町ビル5階に", "［住所］に"),
    # A whole date of an era before 平成 is a birth date, labelled or not; so is any whole date but the last
    # years' in a message that mentions a birth anywhere (a table's header, a label far from the date).
    (
        "「しょうわよんじゅうろくねん」と言われて、昭和四十六年四月十日と記録。書類は 昭和58年11月22日",
        "「しょうわよんじゅうろくねん」と言われて、［生年月日］と記録。書類は ［生年月日］",
    ),
    (
        "台帳に「明治45年7月1日」と「大正元年7月30日」、M43.2.11 と昭57.6.1",
        "台帳に「［生年月日］」と「［生年月日］」、［生年月日］ と［生年月日］",
    ),
    (
        "受付日\t生年月日\t種別\n10/1\tH14.9.3\t転入\n10/3\t1968/12/5\t転出",
        "受付日\t生年月日\t種別\n10/1\t［生年月日］\t転入\n10/3\t［生年月日］\t転出",
    ),
    ("| 番号 | 生年月日 |\n| 1 | 1945.8.15 |", "| 番号 | 生年月日 |\n| 1 | ［生年月日］ |"),
    (
        "Date of birth: 1990-08-21 と、本人のDOBは1986/11/11",
        "Date of birth: ［生年月日］ と、本人のDOBは［生年月日］",
    ),
    ("生年月日の欄、裏面の一番下に（平成4年8月8日）", "生年月日の欄、裏面の一番下に（［生年月日］）"),
    ("生年月日を YYYYMMDD で入れる欄に 20050415 と", "生年月日を YYYYMMDD で入れる欄に ［生年月日］ と"),
    (
        "子どもの生年月日が平成２７年５月５日と令和２年９月９日の世帯",
        "子どもの生年月日が［生年月日］と［生年月日］の世帯",
    ),
    ("生年月日が「平成　１０年　２月　８日」と空白だらけ", "生年月日が「［生年月日］」と空白だらけ"),
    ("生年月日欄で「平成」に丸、数字は 5 年 4 月 17 日", "生年月日欄で「平成」に丸、数字は ［生年月日］"),
    ("生年月日を聞いたら「平成の9年の、2月3日です」と", "生年月日を聞いたら「［生年月日］です」と"),
    ("「1977年生まれ、誕生日は9月3日です」", "「［生年月日］です」"),
    # An account's number on the line after its type; a Japan Post Bank account's 記号 and 番号 after
    # words between it and ゆうちょ, or in one piece after 記号番号; a health insurance card's 記号 with
    # its insurer's letters or kanji, in quotes, some words after the card.
    (
        "種別：普通\n番号：5566778\nこれを、口座欄に「普 2345679」",
        "種別：普通\n番号：［各種番号］\nこれを、口座欄に「普 ［各種番号］」",
    ),
    (
        "ゆうちょの口座、記号 11260 番号 33445561 で申込み",
        "ゆうちょの口座、記号 ［各種番号］ 番号 ［各種番号］ で申込み",
    ),
    ("記号番号が 10190-55667781 とつながっている", "記号番号が ［各種番号］ とつながっている"),
    ("国保の保険証、記号 世B-07 番号 1192 と", "国保の保険証、記号 ［各種番号］ 番号 ［各種番号］ と"),
    (
        "社保の保険証で 記号 32100456 番号 2291 の方",
        "社保の保険証で 記号 ［各種番号］ 番号 ［各種番号］ の方",
    ),
    (
        "保険証の記号は「06139876」、番号は「12」です",
        "保険証の記号は「［各種番号］」、番号は「［各種番号］」です",
    ),
    ("国保記号番号：札南 4-1928", "国保記号番号：［各種番号］"),
    # A card's number after 番号 in brackets, capitals set apart by spaces, 第 and a space before the number,
    # a handbook's holder and grades before it, and a licence's twelve digits in a message about a licence.
    ("在留カード（番号 XY 1122 3344 ZW）の期限", "在留カード（番号 ［各種番号］）の期限"),
    ("旅券番号 TZ 7654321 とスペース", "旅券番号 ［各種番号］ とスペース"),
    ("受給者番号が「第 5038172 号」となっている", "受給者番号が「第 ［各種番号］ 号」となっている"),
    ("免許証（番号 第 6103 2288 4491 号）", "免許証（番号 第 ［各種番号］ 号）"),
    (
        "運転免許の番号を音声入力したら 4 4 1 2 0 3 9 8 7 6 5 0 と",
        "運転免許の番号を音声入力したら ［各種番号］ と",
    ),
    (
        "免許証のコピーを取って、台帳に「第６２１９０３４８２７１０号」",
        "免許証のコピーを取って、台帳に「第［各種番号］号」",
    ),
    (
        "障害者手帳（身体 1種2級 第 654321 号）、障害者手帳：精神 3級 第 98765 号",
        "障害者手帳（身体 1種2級 第 ［各種番号］ 号）、障害者手帳：精神 3級 第 ［各種番号］ 号",
    ),
    # A licence's number in a message with a UUID: the UUID's last twelve digits are the identifier's.
    (
        "LINEのユーザーIDは00000000-0000-4000-8000-000000000001です。免許証番号 ０００００００",
        "LINEのユーザーIDは00000000-0000-4000-8000-000000000001です。免許証番号 ［各種番号］",
    ),
    # A pasted table's column under 住所: every cell with a digit, however it is written.
    ("受付\t住所\n01\t石神井台2-5-8\n02\t本町3", "受付\t住所\n01\t［住所］\n02\t［住所］"),
    # A pasted table's column under 個人番号: twelve digits whatever their check digit.
    (
        "続柄\t個人番号\n本人\t1111 2222 3333\n妻\t444455556666",
        "続柄\t個人番号\n本人\t［マイナンバー］\n妻\t［マイナンバー］",
    ),
    # Digits read aloud in hiragana, as voice input writes them; a phone's digits typed one at a time.
    (
        "携帯を音声入力したら ぜろはちぜろ よんよんにーなな さんいちごーろく と出ました",
        "携帯を音声入力したら ［電話番号］ と出ました",
    ),
    (
        "個人番号は いちいちにーさん よんごーろくなな はちきゅうぜろぜろ です",
        "個人番号は ［マイナンバー］ です",
    ),
    ("折り返しは 0 3 - 5 5 1 2 - 8 8 0 4 までお願いします", "折り返しは ［電話番号］ までお願いします"),
    ("番号は「ぜろよんはち の ななにーいち の さんさんごーろく」", "番号は「［電話番号］」"),
    ("携帯はゼロキュウゼロ イチイチロクナナ ニーサンハチゴ", "携帯は［電話番号］"),
    # A symbol said to stand for the @; one that is not said to, or has no address before it, stays.
    ("返信は m.sato■jcom.home.ne.jp（■をアットマークに）", "返信は ［メールアドレス］（■をアットマークに）"),
    ("info ★ example.jp へ。※★を@に", "［メールアドレス］ へ。※★を@に"),
    ("受給者証番号 3 0 0 4 1 7 5 を控えました", "受給者証番号 ［各種番号］ を控えました"),
    ("郵便番号が手書きで 1 7 0 - 0 0 1 1 に見えます", "郵便番号が手書きで ［郵便番号］ に見えます"),
    # A table's row: a phone in the cell after a date, not the date's tail and the phone's head.
    (
        "No\t生年月日\t連絡先\n1\t1944/05/21\t03-3917-2284",
        "No\t生年月日\t連絡先\n1\t［生年月日］\t［電話番号］",
    ),
    ("TEL:03-1234-5678/090-1111-2222", "TEL:［電話番号］/［電話番号］"),
    # A birth date: month and day after 誕生日が or with a slash, a year of birth completed by its month and
    # day, an era's date with middle dots, an era's date read aloud.
    ("誕生日が 11/3 なので祝日です", "誕生日が ［生年月日］ なので祝日です"),
    ("生年月曰 2001/07/26、生年月目 1999.1.2", "生年月曰 ［生年月日］、生年月目 ［生年月日］"),
    ("生年月日 H 9 . 10 . 4（本人申告）", "生年月日 ［生年月日］（本人申告）"),
    ("生年月日を聞いたら、平成３年、８月、１２日と", "生年月日を聞いたら、［生年月日］と"),
    ("昭和50年、3月、5日に来日", "［生年月日］に来日"),
    ("生まれは平成１８年の９月、誕生日は２日です", "生まれは［生年月日］です"),
    ("1958年（昭和33年）6月生まれ、日にちは6月21日", "［生年月日］"),
    # A card's name in Japanese or English, then No. or number.
    ("旅券No.：TR5502918、Passport No.: TK 3390127", "旅券No.：［各種番号］、Passport No.: ［各種番号］"),
    ("年金手帳の番号が 2 0 4 4 - 1 1 8 3 5 6 です", "年金手帳の番号が ［各種番号］ です"),
    ("受給者番号を読み上げてもらった：7318 2509", "受給者番号を読み上げてもらった：［各種番号］"),
    ("平成2年生まれで、誕生日は10月8日", "［生年月日］"),
    ("昭和29年5月生まれの、22日生まれではなく", "昭和29年5月生まれの、22日生まれではなく"),
    ("生年月日 S５３・１１・２（本人申告）", "生年月日 ［生年月日］（本人申告）"),
    ("生年月日は れいわ にねん しがつ とおか です", "生年月日は ［生年月日］ です"),
    ("しょうわごじゅうねん くがつ はつか の方が来庁", "［生年月日］ の方が来庁"),
    # A message with a whole date of an era before 平成 is about a birth: its other whole dates are too.
    ("父は S40.2.3、母は 平9.6.10 と書く人がいます", "父は ［生年月日］、母は ［生年月日］ と書く人がいます"),
    # A town's name and three block numbers: joined by の, or in a line about where someone lives; a block
    # read aloud in hiragana.
    ("訪問先 高田馬場4の9の12 の二階", "訪問先 ［住所］ の二階"),
    ("巣鴨3-11-20に住んでいるそうです", "［住所］に住んでいるそうです"),
    ("じゅうしょは いけぶくろ よんちょうめ さんじゅうにのいち", "じゅうしょは いけぶくろ ［住所］"),
    ("音声で みなみいけぶくろ 2の14の6 と入りました", "音声で みなみいけぶくろ ［住所］ と入りました"),
    # A town's name and three block numbers in a line about an address or where mail goes; が in the name.
    ("宛先が違う、正しくは駒込2-16-4です", "宛先が違う、正しくは［住所］です"),
    ("新住所　〒171-0032　雑司が谷１－４４－２－２０１", "新住所　〒［郵便番号］　［住所］"),
    # An address in Latin letters: block numbers and the town, either first, before a ward or a city.
    ("Address: 3-11-8 Minami-Otsuka, Toshima-ku, Tokyo", "Address: ［住所］, Toshima-ku, Tokyo"),
    ("I live at Higashi-Ikebukuro 1-2-3, Toshima City", "I live at ［住所］, Toshima City"),
    # Values in brackets after their labels: the first is the first label's.
    ("口座番号と名義（7654321／本人）", "口座番号と名義（［各種番号］／本人）"),
    (
        "基礎年金番号、電話（1234-567890、090-1111-2222）",
        "基礎年金番号、電話（［各種番号］、［電話番号］）",
    ),
    # The fourteenth studied set: roles in minutes and forms (出席：, 欠席：, 司会：, 進行：, 作成：,
    # 確認：) before a surname, a place read as one too, with a reason for the absence in parentheses.
    ("欠席：福井（研修）\n司会：三上　進行：荒川", "欠席：［氏名］（研修）\n司会：［氏名］　進行：［氏名］"),
    ("書記：荻野\n作成：熊倉　確認：白石", "書記：［氏名］\n作成：［氏名］　確認：［氏名］"),
    # A rota's days apart by slashes or commas, Friday (金) never taken for a surname.
    (
        "【当番】月 井手／火 奥村／水 井手、木 杉田／金 奥村",
        "【当番】月 ［氏名］／火 ［氏名］／水 ［氏名］、木 ［氏名］／金 ［氏名］",
    ),
    # Who does an item of a bulleted to-do list; a surname before いる？; away on secondment; at a meeting.
    (
        "・筒井：チラシの校正\n■森下：集計\n生田いる？\n福岡は来月から出向です\n南が打合せに出ています",
        "・［氏名］：チラシの校正\n■［氏名］：集計\n［氏名］いる？\n［氏名］は来月から出向です\n［氏名］が打合せに出ています",
    ),
    # A surname read as a place signing a message's last line; a name after a counsellor's title and は.
    ("以上、よろしくお願いいたします。\n三好", "以上、よろしくお願いいたします。\n［氏名］"),
    ("以上です。\n\n三好\n", "以上です。\n\n［氏名］\n"),
    ("担当の相談員は根本です", "担当の相談員は［氏名］です"),
    ("福井いないなら明日で、田中の意味深な発言", "［氏名］いないなら明日で、［氏名］の意味深な発言"),
    # English mails: the writer's name after the closing; a form's Name: field.
    (
        "Dear Ms. Taylor,\nThank you.\nKind regards,\nYuki Mori\nWard Office",
        "Dear Ms. ［氏名］,\nThank you.\nKind regards,\n［氏名］\nWard Office",
    ),
    ("Name: Zhang Wei / 張 偉", "Name: ［氏名］ / ［氏名］"),
    # A katakana name after a country and の before さん; a name's kana spelling in parts after カナ登録は.
    ("ネパールのグルンさん", "ネパールの［氏名］さん"),
    ("カナ登録はレ・ティ・ホアになっています", "カナ登録は［氏名］になっています"),
    # Down a schedule of days or times with names in it, a place read as a surname is one too.
    ("シフト\n5日 小笠原\n6日 大野木\n7日 古田", "シフト\n5日 ［氏名］\n6日 ［氏名］\n7日 ［氏名］"),
    ("予定\n9:30\t杉田\n11:00\t荒井\n14:00\t目黒", "予定\n9:30\t［氏名］\n11:00\t［氏名］\n14:00\t［氏名］"),
    # A surname and a given name in hiragana with a space between; a surname in capitals before a given name
    # after a cue, as passports write them.
    ("No.9　ひらかわ　たかゆき　印鑑証明", "No.9　［氏名］　印鑑証明"),
    ("送信者：ITO Kenji\n件名：更新", "送信者：［氏名］\n件名：更新"),
    # A name's field written with 欄 before the colon, in Latin letters or in katakana.
    (
        "英字氏名欄：SILVA, Beatriz Aparecida。カタカナ欄：シルバ ベアトリス アパレシーダ。",
        "英字氏名欄：［氏名］。カタカナ欄：［氏名］。",
    ),
    # A surname read as a place after a section, ending its line (面談者：福祉課 平田).
    ("面談者：福祉課 平田\n相手方：北川 勝（長男）", "面談者：福祉課 ［氏名］\n相手方：［氏名］（長男）"),
    # A surname in hiragana after a role or a cue, ending an item.
    ("会長 藤原、書記 たかの、記録：やまだ", "会長 ［氏名］、書記 ［氏名］、記録：［氏名］"),
    # Someone asked to do something, with the task between (岡本 read as a place there).
    ("岡本にRPA頼んだら3日かかるって", "［氏名］にRPA頼んだら3日かかるって"),
    # A foreign name in katakana parts after a cue and a colon, or after who someone is.
    ("相談者：ホアン・ヴァン・ミン（技能実習生）", "相談者：［氏名］（技能実習生）"),
    ("対応者：通訳 ファム・ティ・ラン", "対応者：通訳 ［氏名］"),
    # A surname in katakana before さん or 様: one the dictionary lacks, or reads as a word but as a name in
    # hiragana (ハヤシ, hayashi rice; はやし).
    ("ソノダさんとこで、ハヤシさんでなくエンドウ様", "［氏名］さんとこで、［氏名］さんでなく［氏名］様"),
    # A form's field for a child's or a member of staff's name, a place and a given name in hiragana after it.
    ("園児名：桜田 そうた（年長）", "園児名：［氏名］（年長）"),
    ("職員名：小笠原 ひろし", "職員名：［氏名］"),
    # A surname read as one before the time of a visit or a shift.
    ("訪問：新谷 13:00-15:00 2件", "訪問：［氏名］ 13:00-15:00 2件"),
    ("面談 松井 10時から", "面談 ［氏名］ 10時から"),
    # A surname of one kanji who comes back to the office.
    ("岡が戻ったら声かけて、峰はもう帰りました", "［氏名］が戻ったら声かけて、［氏名］はもう帰りました"),
    # A Latin name after a closing and a comma that ends a chat's line.
    ("could you send me the file? Thanks, Michael", "could you send me the file? Thanks, ［氏名］"),
    # Who checked, in a stamp's column in brackets (高松 read as a city).
    ("（起案）小笠原 （審査）高松 （決裁）部長", "（起案）［氏名］ （審査）［氏名］ （決裁）部長"),
    # A reading after フリガナ and a space, as a pasted form's columns put it.
    ("氏名　森山 彩　フリガナ　モリヤマ アヤ", "氏名　［氏名］　フリガナ　［氏名］"),
    # A child's given name the dictionary lacks, after who they are in a family, before くん or ちゃん.
    ("息子さんの陽斗くん（小5）", "息子さんの［氏名］くん（小5）"),
    # Introducing oneself after a title and a comma (瀬戸 read as a place).
    ("たんぽぽ保育園の園長、瀬戸です。", "たんぽぽ保育園の園長、［氏名］です。"),
    # In a schedule, a surname read as a place listed with a name found, a time before each.
    ("昼当番：11:30-12:30 沼田／12:30-13:30 田辺", "昼当番：11:30-12:30 ［氏名］／12:30-13:30 ［氏名］"),
    # A surname and a given name in romaji, in either order, a long o dropped as passports do.
    ("メモ：Tanaka Yui（ローマ字で記入）", "メモ：［氏名］（ローマ字で記入）"),
    ("Yuki Sato、HONMA Kenji、Shinya Kondo", "［氏名］、［氏名］、［氏名］"),
    # Work handed over from one to another, one of them found (堀, 山本 and 東 read as words or places).
    (
        "岸から堀へ引継ぎ、中村から山本へ移管、東から西に引き継ぎ",
        "［氏名］から［氏名］へ引継ぎ、［氏名］から［氏名］へ移管、［氏名］から［氏名］に引き継ぎ",
    ),
    ("田中から東京へ出張の連絡", "［氏名］から東京へ出張の連絡"),
    # A full name of kanji with its reading in two parts in parentheses before an honorific.
    (
        "菅原琥珀（すがわら こはく）さん、張偉（チョウ イ）さん",
        "［氏名］（［氏名］）さん、［氏名］（［氏名］）さん",
    ),
    # A name's writing in Latin letters across a slash from a name found.
    ("Agus Setiawan / アグス・スティアワン 様", "［氏名］ / ［氏名］ 様"),
    ("転入届：WANG, Xiaoming　/　王 小明", "転入届：［氏名］　/　［氏名］"),
    # The numbered lines under a line that says they are people.
    (
        "受講者一覧：\n1. 大野 翔太\n2. 小鳥遊 ひな\n3. Ana Lucia Ferreira",
        "受講者一覧：\n1. ［氏名］\n2. ［氏名］\n3. ［氏名］",
    ),
    # A surname in hiragana opening a line of voice input, before a title as voice input types it.
    ("おがわかかりちょうからたのまれたしりょう", "［氏名］かかりちょうからたのまれたしりょう"),
    # A surname and a given name apart by a space, one of them read as a place or a noun there.
    (
        "名義変更：旧 荒川 幸雄 → 新 荒川 聡、代表 三宅 智恵、申立人 甥の木戸 昌平",
        "名義変更：旧 ［氏名］ → 新 ［氏名］、代表 ［氏名］、申立人 甥の［氏名］",
    ),
    # What a name tag said, in either kind of quotes.
    (
        "職員（名札に『上野』とあった）、名札には「高瀬」",
        "職員（名札に『［氏名］』とあった）、名札には「［氏名］」",
    ),
    # A surname in romaji after Dr., and the writer of a quoted mail after a time.
    (
        "Dr. Yamashita から電話。On Thu, Dec 3, 2026 at 9:14 AM Kenji Ogawa wrote:",
        "Dr. ［氏名］ から電話。On Thu, Dec 3, 2026 at 9:14 AM ［氏名］ wrote:",
    ),
    # Who a chat's line is from, in 【】 opening it.
    ("【山中】本日午後、外出します", "【［氏名］】本日午後、外出します"),
    # A speaker in minutes before a closing parenthesis, and one after 説明：.
    (
        "▼発言\n飯塚）反対ではないが時期尚早\n1. 振り返り（説明：茂木）",
        "▼発言\n［氏名］）反対ではないが時期尚早\n1. 振り返り（説明：［氏名］）",
    ),
    # A presence board's marks, and tasks handed out with arrows.
    ("在席表：課長◯ 柳◯ 今泉× 田辺◯", "在席表：課長◯ ［氏名］◯ ［氏名］× ［氏名］◯"),
    (
        "アクション：須田→マニュアル改訂、関→研修日程",
        "アクション：［氏名］→マニュアル改訂、［氏名］→研修日程",
    ),
    # A surname and its reading that the dictionary reads as one noun; one introduced after a section and の.
    ("担当の桑原（くわばら）です。", "担当の［氏名］です。"),
    ("区民課の戸川でございます。", "区民課の［氏名］でございます。"),
    # Where someone is on a presence board, さーん, a name in kana in parentheses after a family member, a
    # surname in lower-case romaji before さん, a team's leader or treasurer before a surname and a space.
    ("在席表：原 在席　高木 外出（15時戻）", "在席表：［氏名］ 在席　［氏名］ 外出（15時戻）"),
    ("江藤さーん、お客さんです", "［氏名］さーん、お客さんです"),
    ("母（さおり）が来所", "母（［氏名］）が来所"),
    ("takeuchi さん、URLを送って", "［氏名］ さん、URLを送って"),
    ("1班 班長 大島、会計 今村", "1班 班長 ［氏名］、会計 ［氏名］"),
    # A surname and a given name in two cells side by side of a CSV row.
    ('CSV："中村","一郎","男","63"', 'CSV："［氏名］","［氏名］","男","63"'),
    # A name field whose label is spaced, as a PDF copies it: the rest of its line.
    ("氏 名 ： 長 尾 　 彩\n住 所　東京都", "氏 名 ： ［氏名］\n住 所　東京都"),
    # A given name in Latin letters the dictionary reads as a word before a surname; a Japanese title or who
    # someone is in an English sentence before a name in Latin letters.
    ("講師の Tom Wilson さんが帰国", "講師の ［氏名］ さんが帰国"),
    ("理事長 Sarah Miller", "理事長 ［氏名］"),
    ("on behalf of my mother, Lin Mei.", "on behalf of my mother, ［氏名］."),
    # A name before an age after a family member or a child's label; a child's in kana after their class.
    ("母 まりな（24）、子 ゆづき（2）", "母 ［氏名］（24）、子 ［氏名］（2）"),
    ("児童：りく（5）", "児童：［氏名］（5）"),
    ("2年1組 はやと、発熱のため", "2年1組 ［氏名］、発熱のため"),
    # Titles, roles a case conference abbreviates, and who received something, before a surname.
    ("担当歯科医 小田島 ／ 学校長 水上", "担当歯科医 ［氏名］ ／ 学校長 ［氏名］"),
    ("新代表 岸田 花、妊婦 山口 あかり", "新代表 ［氏名］ ［氏名］、妊婦 ［氏名］ ［氏名］"),
    ("MSW 春日、10箱 受領 香川", "MSW ［氏名］、10箱 受領 ［氏名］"),
    # Called after a question; a child's name before ママ; children ranked under a list of them.
    ("元気か？ 大樹、来週は？", "元気か？ ［氏名］、来週は？"),
    ("旗当番、あやかママと代わって", "旗当番、［氏名］ママと代わって"),
    ("待機児童リスト（2名）\n1位 みお\n2位 そうた", "待機児童リスト（2名）\n1位 ［氏名］\n2位 ［氏名］"),
    # Full names on lines not numbered under a list of people; a surname before 家 apart by a space.
    ("見守り対象者一覧（2名）\n金沢 ヨシエ\n長田 テル", "見守り対象者一覧（2名）\n［氏名］\n［氏名］"),
    ("未提出は 小島 家 だけです", "未提出は ［氏名］ 家 だけです"),
    # Names paired with × or vs; in quotes before what says someone is called so; after 日直 or 随行; a
    # hiragana surname before さん whose katakana spelling the dictionary reads as a company's.
    ("1組 森田×岡崎、1回戦 堤 vs 大石", "1組 ［氏名］×［氏名］、1回戦 ［氏名］ vs ［氏名］"),
    ("「ふじさわ」と名乗る男性、「ひらた」って人", "「［氏名］」と名乗る男性、「［氏名］」って人"),
    ("日直 大和田、随行 熊本、用務", "日直 ［氏名］、随行 ［氏名］、用務"),
    ("みずのさん、会議録まだ？", "［氏名］さん、会議録まだ？"),
    ("発信者 会計課 ふるや、内容 紙詰まり", "発信者 会計課 ［氏名］、内容 紙詰まり"),
    ("接触者（同居の 祖母 トミ、祖父 勝）", "接触者（同居の 祖母 ［氏名］、祖父 ［氏名］）"),
    # A name listed with one found, a space after the mark; a place so listed stays.
    ("受付は 沖 と 宮城 の二人", "受付は ［氏名］ と ［氏名］ の二人"),
    ("外勤、江口 と 千葉 で", "外勤、［氏名］ と ［氏名］ で"),
    ("佐藤さん と 大阪 に出張", "［氏名］さん と 大阪 に出張"),
    # Introducing oneself in hiragana; a child's name before a nursery year or after 対象児 before an age.
    ("おはようございます、あさのです。", "おはようございます、［氏名］です。"),
    ("対象児 大森 ひなた（年長）、対象児 いちか（4）", "対象児 ［氏名］（年長）、対象児 ［氏名］（4）"),
    # The value of a list's item written like one holding a name found (a label, a space or a colon, the
    # same tail); a value that is a word stays.
    ("受付1 平井 陽\n受付2 島田 千尋", "受付1 ［氏名］\n受付2 ［氏名］"),
    ("・窓口：千田\n・電話：大川\n・不在：1名", "・窓口：［氏名］\n・電話：［氏名］\n・不在：1名"),
    ("①申込…上野\n②発行…中川\n③設定…未定", "①申込…［氏名］\n②発行…［氏名］\n③設定…未定"),
    ("母 綾香（32）、児 ひまり（4か月）", "母 ［氏名］（32）、児 ［氏名］（4か月）"),
    ("出欠、○ 秋葉 ○ 若山 × 小西", "出欠、○ ［氏名］ ○ ［氏名］ × ［氏名］"),
    ("職員：英語 村井、ポルトガル語 ナカザト", "職員：英語 ［氏名］、ポルトガル語 ［氏名］"),
    ("受付：菅／会計：宮", "受付：［氏名］／会計：［氏名］"),
    ("担当：田中、場所：品川、備考：なし", "担当：［氏名］、場所：品川、備考：なし"),
    # Names in parentheses after a count of people; one joined to the writer by と; a full name in hiragana
    # after a class before の, or before an age.
    ("未提出者 3名（小柳、住吉、ロペス）", "未提出者 3名（［氏名］、［氏名］、［氏名］）"),
    ("私と 片桐 で伺います、自分と光太郎で入力", "私と ［氏名］ で伺います、自分と［氏名］で入力"),
    ("4年2組 うえだ そうすけ の保護者", "4年2組 ［氏名］ の保護者"),
    ("再発行、あやせ ひなの（小2）の分", "再発行、［氏名］（小2）の分"),
    # A surname in hiragana opening a line before a particle or a comma, with no cue after it.
    ("まるやまがカギ持ってった\nふじもと、いい？", "［氏名］がカギ持ってった\n［氏名］、いい？"),
    # A full name read otherwise before a line break, where the dictionary tags neither word as a name.
    ("名簿\n第15調査区 香取 一夫\n以上", "名簿\n第15調査区 ［氏名］\n以上"),
    # Names listed before a count of people; after 本人 in parentheses; before an age in months after a
    # child's label; before a team's title; a name found written again in romaji, as an account shows it.
    ("あすは私と 春日 と 立川 の3人で伺います", "あすは私と ［氏名］ と ［氏名］ の3人で伺います"),
    ("本人（かおり）が来所", "本人（［氏名］）が来所"),
    ("こども ひなた（8か月）、保護者 母", "こども ［氏名］（8か月）、保護者 母"),
    ("出席は 小出 コーチ、吉武 監督", "出席は ［氏名］ コーチ、［氏名］ 監督"),
    ("作成者が「ogura」のまま、小倉 さんに確認", "作成者が「［氏名］」のまま、［氏名］ さんに確認"),
    # A surname the dictionary reads as a word after a role ending in 担当; a surname and a given name of
    # katakana it reads as some proper noun; a Latin name after a katakana job title.
    ("2日目 法規担当 高見", "2日目 法規担当 ［氏名］"),
    ("No.105 三上 トヨ（緊急連絡先 長男）", "No.105 ［氏名］（緊急連絡先 長男）"),
    ("主任　エンジニア　Kevin Park", "主任　エンジニア　［氏名］"),
    # Fields typed on one line, apart by spaces before each label; a family member before a Latin name;
    # an older resident's katakana name between who they are and さん; hiragana listed with one found; a
    # rota after a label's colon; a name in quotes after 名前、; people a tally counts for.
    ("大掃除分担 窓：戸塚 床：村井 書庫：岩瀬", "大掃除分担 窓：［氏名］ 床：［氏名］ 書庫：［氏名］"),
    ("世帯主 Smith John、妻 Smith Naoko", "世帯主 ［氏名］、妻 ［氏名］"),
    ("本人は 母 ウメ さん、対象者：カメ さん", "本人は 母 ［氏名］ さん、対象者：［氏名］ さん"),
    ("今日は みやけ と えのもと です", "今日は ［氏名］ と ［氏名］ です"),
    ("今週の当直：月 加納 火 大島", "今週の当直：月 ［氏名］ 火 ［氏名］"),
    ("この子の名前、「りく」で合ってます？", "この子の名前、「［氏名］」で合ってます？"),
    (
        "担当者別（例：岸 18件、岡 12件）、長浜 12h、栗原 8h",
        "担当者別（例：［氏名］ 18件、［氏名］ 12件）、［氏名］ 12h、［氏名］ 8h",
    ),
    # People joined by ・ on lines alike; a surname after ヘルパー; kana names numbered in a line.
    (
        "部屋割り\n101：石原・寺田\n102：三輪・木島",
        "部屋割り\n101：［氏名］・［氏名］\n102：［氏名］・［氏名］",
    ),
    ("A班：田中・鈴木\nB班：会議室・備品", "A班：［氏名］・［氏名］\nB班：会議室・備品"),
    ("代理人 ヘルパー 浅見、本人", "代理人 ヘルパー ［氏名］、本人"),
    ("訪問順（2年3組）①こはる ②しゅん ③あかり", "訪問順（2年3組）①［氏名］ ②［氏名］ ③［氏名］"),
    # A list item's value after labels stacked (a place, a role, a slot), items of that shape apart by ・.
    (
        "A地区 保健師 えのもと、B地区 保健師 ながお、C地区 保健師 未定",
        "A地区 保健師 ［氏名］、B地区 保健師 ［氏名］、C地区 保健師 未定",
    ),
    ("派遣：第1陣 土木 有田・建築 広瀬", "派遣：第1陣 土木 ［氏名］・建築 ［氏名］"),
    ("相談会、担当 1番ブース 浜中、2番ブース 木島", "相談会、担当 1番ブース ［氏名］、2番ブース ［氏名］"),
    # One capitalised Latin name as a list's value; people in slots numbered alike, a count after them.
    ("担当：英語 Mark、中国語 リュウ", "担当：英語 ［氏名］、中国語 ［氏名］"),
    ("窓口の配置 1番 浜口　2番 林田", "窓口の配置 1番 ［氏名］　2番 ［氏名］"),
    ("歩数\n1位 岡部 21,304歩\n2位 Thomas 19,880歩", "歩数\n1位 ［氏名］ 21,304歩\n2位 ［氏名］ 19,880歩"),
    ("担当者列：A2=前原、A3=北山", "担当者列：A2=［氏名］、A3=［氏名］"),
    ("発表：1班 リーダー いまい、2班 リーダー Chen", "発表：1班 リーダー ［氏名］、2班 リーダー ［氏名］"),
    # Names in hiragana in a tally; a list closed by a count of people after 以上.
    ("勤怠：さとみ 28h、けんと 16h、ジュリア 20h", "勤怠：［氏名］ 28h、［氏名］ 16h、［氏名］ 20h"),
    ("清掃（受付順）：鈴木、米田、以上2名", "清掃（受付順）：［氏名］、［氏名］、以上2名"),
    # A list's value the dictionary reads as a place or a company, and as a surname before さん alone.
    ("修了者：自治会 大原、自主防災会 小川", "修了者：自治会 ［氏名］、自主防災会 ［氏名］"),
    # A list's value of two kanji the dictionary reads as a word, and as a name before さん alone.
    (
        "給水所：5km地点 体育協会 坂元、10km地点 ボーイスカウト 内海",
        "給水所：5km地点 体育協会 ［氏名］、10km地点 ボーイスカウト ［氏名］",
    ),
    # Two people swapped with ⇔; a list's item ended by a sentence's end; a full name's surname alone again;
    # people in slots lettered A, B, C.
    ("シフト交換：12/20 松原 ⇔ 小坂 で交換", "シフト交換：12/20 ［氏名］ ⇔ ［氏名］ で交換"),
    (
        "再検査：総務 鶴田、税務 梅原、福祉 ハーン。面談は来週",
        "再検査：総務 ［氏名］、税務 ［氏名］、福祉 ［氏名］。面談は来週",
    ),
    ("世帯主を 岸田 でなく 妻の 岸田 みどり で入力", "世帯主を ［氏名］ でなく 妻の ［氏名］ で入力"),
    ("当番、A 平岡 B 清水 C ナタリー D 久我", "当番、A ［氏名］ B ［氏名］ C ［氏名］ D ［氏名］"),
    # A given name after a listed surname and a space, the list going on after it.
    (
        "参加者：小池 秀樹 ・ 南部 あゆみ ・ 岡崎 ・ モリス",
        "参加者：［氏名］ ・ ［氏名］ ・ ［氏名］ ・ ［氏名］",
    ),
    # A phone read aloud from its zero, its groups apart by 、.
    ("でんわ ぜろきゅうぜろ、よんよんいちに、はちはちさんぜろ です", "でんわ ［電話番号］ です"),
    # A last reading of one character that ends the text is a digit, not a particle.
    ("ゆうびん番号は いちなな ぜろ の ぜろ ぜろ いち に", "ゆうびん番号は ［郵便番号］"),
    # A postal code after zip= or ゆうびん番号.
    ("zip=1710021、ゆうびん番号 171 0021", "zip=［郵便番号］、ゆうびん番号 ［郵便番号］"),
    # Another country's number after +.
    (
        "ベトナムの実家 +84 90 312 4471 と 米国の +1-415-555-0187 へ",
        "ベトナムの実家 ［電話番号］ と 米国の ［電話番号］ へ",
    ),
    # An e-mail address with ・ for its dots, or broken before its @.
    ("メール：yoshiko ・ m ＠ gmail ・ com", "メール：［メールアドレス］"),
    ("アドレス\nkenji-1980\n@\nsoftbank.ne.jp", "アドレス\n［メールアドレス］"),
    # An e-mail address read out word by word.
    (
        "アドレス：ゆーき、あんだーばー、にーまるいちご、あっと、あいくらうど、どっと、こむ",
        "アドレス：［メールアドレス］",
    ),
    # A birth date with the month's English name, a line for each part, or after birth=.
    ("生年月日: 23 Nov 1988", "生年月日: ［生年月日］"),
    ("生年月日 Jan 9, 1960", "生年月日 ［生年月日］"),
    ("生年月日\n1976年\n2月\n3日", "生年月日\n［生年月日］"),
    ("name=（略）&birth=H8.2.14", "name=（略）&birth=［生年月日］"),
    # Numbers after 口番, a card and 番号 apart, a note in brackets, a second label, =, or a line break.
    ("普通 口番 0882104", "普通 口番 ［各種番号］"),
    ("介護保険被保険者証 番号 ００１１２８４５９３", "介護保険被保険者証 番号 ［各種番号］"),
    ("保険証の番号（記号・番号）：２１０５・４４１７８", "保険証の番号（記号・番号）：［各種番号］"),
    ("口座番号(7桁) 0 4 4 9 1 8 3", "口座番号(7桁) ［各種番号］"),
    ("被保険者番号=12094417", "被保険者番号=［各種番号］"),
    ("基礎年金番号・年金コード：3309-554127・1150", "基礎年金番号・年金コード：［各種番号］"),
    ("基礎年金番号\n4410\n223156", "基礎年金番号\n［各種番号］"),
    # A Japan Post Bank account's 記号 and 番号 joined by a dash.
    ("ゆうちょ：記号１４３４０－番号２２８１３９５１", "ゆうちょ：記号［各種番号］－番号［各種番号］"),
    # A lot's number alone: Kyoto's way from a crossing, a town ending in 町, 字 and 大字, after 住所.
    ("京都市上京区堀川通寺之内上る２丁目下天神町６５０", "［住所］"),
    ("住所：京都市北区紫野上門前町２２", "住所：［住所］"),
    ("宮崎県東臼杵郡椎葉村大字下福良１７６２", "宮崎県東臼杵郡椎葉村［住所］"),
    ("鹿児島県大島郡与論町字茶花３２５", "鹿児島県大島郡与論町［住所］"),
    ("ばあちゃんの住所 宇治市宇治妙楽１２４ でお願い", "ばあちゃんの住所 ［住所］ でお願い"),
    # An address with each of its parts on a line of its own.
    ("郵送先\n横浜市\n港北区\n日吉本町\n1-4-22", "郵送先\n［住所］"),
    # OCR's O, l and I for digits; a phone's first group read aloud from zero; a page break's line; a PDF's
    # spaced e-mail; English labels; an account's type before a slash.
    ("TEL O3-4412-9987（スキャン）", "TEL ［電話番号］（スキャン）"),
    ("生年月日：H5.l1.3", "生年月日：［生年月日］"),
    ("個人番号 5019 8O51 6179", "個人番号 ［マイナンバー］"),
    ("折り返し先：ゼロハチゼロの7731の4402", "折り返し先：［電話番号］"),
    ("でんわはぜろきゅうぜろ 3317 2208 です", "でんわは［電話番号］ です"),
    ("マイナンバー 5333\n--- page 2 ---\n7896 1350", "マイナンバー ［マイナンバー］"),
    ("生年月日 昭和\n(p.2へ)\n51年3月8日", "生年月日 ［生年月日］"),
    ("メール t a r o 1 9 9 0 @ y a h o o . c o . j p（PDF）", "メール ［メールアドレス］（PDF）"),
    ("Pension No. 5510-338201", "Pension No. ［各種番号］"),
    ("Account No.\t4471203\t(Savings)", "Account No.\t［各種番号］\t(Savings)"),
    ("Insured Person No.: 00772214", "Insured Person No.: ［各種番号］"),
    ("新宿支店 / 普通 / 3088127", "新宿支店 / 普通 / ［各種番号］"),
    # An address in Latin letters in Japanese order: the city or the ward, the town, the blocks.
    ("住所 Nishi-ku Minamisaiwai 1-5-1, Yokohama", "住所 ［住所］, Yokohama"),
    # OCR's commas for an e-mail's dots; a PDF's spaced birth date and ゆうちょ 記号; a table's column under a
    # number's header or a bank's No.; an HTML cell or a JSON key before the value.
    ("メアド taku,ishii@nifty,com（OCR）", "メアド ［メールアドレス］（OCR）"),
    ("生年月日 S 5 7 . 0 8 . 2 4", "生年月日 ［生年月日］"),
    ("生年月日　1 9 9 0 年 7 月 1 4 日", "生年月日　［生年月日］"),
    ("ゆうちょ 記号 1 2 1 4 0 番号 5 5 0 2 1 1 8 1", "ゆうちょ 記号 ［各種番号］ 番号 ［各種番号］"),
    (
        "Bank | Branch | No.\n横浜銀行 | 関内支店 | 6604419",
        "Bank | Branch | No.\n横浜銀行 | 関内支店 | ［各種番号］",
    ),
    (
        "| 旅券番号 | 有効期限 |\n| --- | --- |\n| TR4410982 | 2030/02/28 |",
        "| 旅券番号 | 有効期限 |\n| --- | --- |\n| ［各種番号］ | 2030/02/28 |",
    ),
    ("郵便番号\t住所\n1130033\t（略）", "郵便番号\t住所\n［郵便番号］\t（略）"),
    # A letter whose lower case is longer (İ) before the table moves no cell.
    ("İstanbul支店\n口座番号\t備考\n1234567\tメモ", "İstanbul支店\n口座番号\t備考\n［各種番号］\tメモ"),
    ("<td>被保険者番号</td><td>00338812</td>", "<td>被保険者番号</td><td>［各種番号］</td>"),
    ('{"zip":"2310021"}', '{"zip":"［郵便番号］"}'),
    (
        '{"account": {"bank": "0005", "branch": "231", "number": "4471209"}}',
        '{"account": {"bank": "0005", "branch": "231", "number": "［各種番号］"}}',
    ),
    # An item sent in two chat lines, each with its time or quote mark (a speaker too: masked with it).
    ("[10:02] 個人番号 9274 7481\n[10:02] 3700 です", "[10:02] 個人番号 ［マイナンバー］ です"),
    # The same, the line break lost (a search box keeps one line): the time glued between the numbers.
    ("[16:12:05] 個人番号 3739 9707[16:12:05] 8293 です", "[16:12:05] 個人番号 ［マイナンバー］ です"),
    ("> メールは y.sugi\n> @icloud.com まで", "> メールは ［メールアドレス］ まで"),
    ("> 佐藤: 電話は 090-44\n> 佐藤: 12-7781 です", "> ［氏名］: 電話は ［電話番号］ です"),
    ("[14:05] 住所 町田市原町田\n[14:05] 4-11-9 です", "[14:05] 住所 ［住所］ です"),
    ("[16:12] 口座は普通 44\n[16:12] 18720 です", "[16:12] 口座は普通 ［各種番号］ です"),
    # A form's dot leaders; OCR's B and Z; born; XML tags and snake_case keys; an insurer's kana 記号.
    (
        "被保険者番号 ………… 01234887、旅券番号・・・・TZ1184502",
        "被保険者番号 ………… ［各種番号］、旅券番号・・・・［各種番号］",
    ),
    ("TEL O8O-B812-44Z1、生年月日 l9B4.O2.Zl", "TEL ［電話番号］、生年月日 ［生年月日］"),
    ("born March 3rd, 1974 in Seoul", "born ［生年月日］ in Seoul"),
    ("<birth>1962-03-18</birth><zip>3300063</zip>", "<birth>［生年月日］</birth><zip>［郵便番号］</zip>"),
    (
        '<insured_no>0002281934</insured_no> account_no: "2231870"',
        '<insured_no>［各種番号］</insured_no> account_no: "［各種番号］"',
    ),
    ("保険証の記号 あ12 番号 3456", "保険証の記号 ［各種番号］ 番号 ［各種番号］"),
    # Labels in hiragana or in brackets, a date's units in hiragana, acct, an answer's mark, a label far from
    # its number, digits read aloud with pauses, a block's units spaced or said aloud.
    (
        "たんじょうび　へいせい２５ねん４がつ１０にち、誕生日 1992ねん6がつ30にち",
        "たんじょうび　［生年月日］、誕生日 ［生年月日］",
    ),
    (
        "《口座番号》２２８０４４１、【被保険者番号】 01234567",
        "《口座番号》［各種番号］、【被保険者番号】 ［各種番号］",
    ),
    ("acct=1123456、Q3 口座番号　A3 0045512", "acct=［各種番号］、Q3 口座番号　A3 ［各種番号］"),
    (
        "受給者証番号ですが、きのう確認したところ、４４０９１７でした",
        "受給者証番号ですが、きのう確認したところ、［各種番号］でした",
    ),
    ("口座番号は？\nはい、普通の 7730218 です", "口座番号は？\nはい、普通の ［各種番号］ です"),
    ("本人いわく「ゼロロクの、ロクニーゼロハチの、サンイチニーイチ」", "本人いわく「［電話番号］」"),
    ("連絡先はゼロ・ハチ・ゼロ、ヨン・ヨン・ニー・イチ、キュウ・サン・ロク・ゴー", "連絡先は［電話番号］"),
    ("住所：世田谷区 三軒茶屋 2 丁目 11 番 23 号", "住所：［住所］"),
    ("目黒区自由が丘2丁目、9番の6号", "［住所］"),
    (
        "《郵便番号》1500001、じゅうしょ：練馬区春日町三ちょうめ7ばん2ごう",
        "《郵便番号》［郵便番号］、じゅうしょ：［住所］",
    ),
    # Invisible characters inside an item, a URL's escapes, wave dashes, boxes, legal numerals, a spaced ー.
    (
        "個人番号 7159\u00ad3455\u00ad9583、電話,080\u20604418\u20601192",
        "個人番号 ［マイナンバー］、電話,［電話番号］",
    ),
    ("?mail=aki.mori%40gmail.com&tel=090%2D5512%2D0982", "?mail=［メールアドレス］&tel=［電話番号］"),
    (
        "携帯：090〜3381〜2275、練馬区豊玉北5〜17〜3、郵便番号 176〜0012",
        "携帯：［電話番号］、［住所］、郵便番号 ［郵便番号］",
    ),
    (
        "郵便番号 |1|5|4|-|0|0|2|1|、個人番号 [0][9][2][9][8][0][8][7][1][9][5][0]",
        "郵便番号 |［郵便番号］|、個人番号 [［マイナンバー］]",
    ),
    ("生年月日　昭和参拾八年壱月弐拾日、墨田区向島参丁目弐拾番壱号", "生年月日　［生年月日］、［住所］"),
    ("〒1 5 4 ー 0 0 0 1", "〒［郵便番号］"),
    # Foreign and dotted birth labels; insurers and cards' No.; corrections; parts by place; plates.
    (
        "出生日期 1990年5月17日、생년월일 1987.09.03、D.O.B 03/11/1979",
        "出生日期 ［生年月日］、생년월일 ［生年月日］、D.O.B ［生年月日］",
    ),
    (
        "協会けんぽ 記号 21170045 番号 52、介護保険証 No.0004471293",
        "協会けんぽ 記号 ［各種番号］ 番号 ［各種番号］、介護保険証 No.［各種番号］",
    ),
    (
        "口座番号 4410921 → 4410912 に訂正、口座 5520417 じゃなくて 5520471",
        "口座番号 ［各種番号］ → ［各種番号］ に訂正、口座 ［各種番号］ じゃなくて ［各種番号］",
    ),
    (
        "マイナンバー先頭4桁 5287、口座番号の下3桁が 092、携帯の末尾4桁は2237",
        "マイナンバー先頭4桁 ［マイナンバー］、口座番号の下3桁が ［各種番号］、携帯の末尾4桁は［電話番号］",
    ),
    (
        "車のナンバー：足立 330 ほ 88-21、ナンバーは 練馬500ね・・73",
        "車のナンバー：［各種番号］、ナンバーは ［各種番号］",
    ),
    # invisible characters inside an item are masked with it (a joiner in an emoji outside one stays)
    ("番号は9876\u200b5432\u200b1093です", "番号は［マイナンバー］です"),
    ("090\u200b1234\u200b5678", "［電話番号］"),
    ("携帯 090\u200c1234\u200d5678 まで", "携帯 ［電話番号］ まで"),
    ("taro.yamada\u200b@example.com", "［メールアドレス］"),
    ("taro\u2060.yamada@exam\ufeffple.com", "［メールアドレス］"),
    ("電話0\u00ad3-1234-56\u00ad78", "電話［電話番号］"),
    ("〒150\u200d-0001", "〒［郵便番号］"),
    ("山\u200b田\ufe00太郎さん", "［氏名］さん"),
    ("\u202e090-1234-5678\u202c です", "\u202e［電話番号］ です"),
    (
        "👨\u200d👩\u200d👧 家族で来庁、電話090\u200b1234\u200b5678",
        "👨\u200d👩\u200d👧 家族で来庁、電話［電話番号］",
    ),
    # an @ written as an HTML reference or percent-encoded, and every script's decimal digits
    ("taro.yamada&#64;example.com", "［メールアドレス］"),
    ("taro.yamada&#x40;example.com", "［メールアドレス］"),
    ("taro.yamada&commat;example.com", "［メールアドレス］"),
    ("taro.yamada%40example.com", "［メールアドレス］"),
    ("taro.yamada＠example.com", "［メールアドレス］"),
    ("番号は٩٨٧٦٥٤٣٢١٠٩٣です", "番号は［マイナンバー］です"),
    ("番号は۹۸۷۶ ۵۴۳۲ ۱۰۹۳です", "番号は［マイナンバー］です"),
    ("電話は०९०-१२३४-५६७८です", "電話は［電話番号］です"),
    # an extension has 2-5 digits: a number shaped like a phone's after 内線 is one
    ("内線 09012345678", "内線 ［電話番号］"),
    ("内線03-1234-5678へ", "内線［電話番号］へ"),
    # a dash said aloud, a line that goes on, labels in katakana or romaji, a spreadsheet's DATE, a phone's
    # parts named, OCR's spaced commas and a form's fields, Punycode, welfare numbers, key-value separators,
    # lettered and numberless lots, a block of flats' room
    (
        "携帯はゼロハチゼロハイフンサンサンイチナナハイフンゴーゴーロクニ、090ハイフン6671ハイフン2048",
        "携帯は［電話番号］、［電話番号］",
    ),
    ("携帯 090-5521-\\\n3394、連絡先 080-2291-\n（続き）6650", "携帯 ［電話番号］、連絡先 ［電話番号］"),
    ("口座番号 30\n→ 77125 です", "口座番号 ［各種番号］ です"),
    (
        "ﾕｳﾋﾞﾝﾊﾞﾝｺﾞｳ 1130033、ﾀﾝｼﾞｮｳﾋﾞ 1975.11.03、ｺｳｻﾞﾊﾞﾝｺﾞｳ 4471209",
        "ﾕｳﾋﾞﾝﾊﾞﾝｺﾞｳ ［郵便番号］、ﾀﾝｼﾞｮｳﾋﾞ ［生年月日］、ｺｳｻﾞﾊﾞﾝｺﾞｳ ［各種番号］",
    ),
    ("yuubinbangou: 2310023 / tanjoubi: 1988/07/07", "yuubinbangou: ［郵便番号］ / tanjoubi: ［生年月日］"),
    ("生年月日のセル：=DATE(1962,4,30)", "生年月日のセル：=DATE(［生年月日］)"),
    (
        "電話（市外）0285（市内）22（番号）4409、市外局番03、局番5491、番号2207",
        "電話（市外）［電話番号］、市外局番［電話番号］",
    ),
    (
        "電話番号（OCR）：0 3 , 3 5 8 1 , 4 4 2 0、携帯は 「080」「2231」「9047」",
        "電話番号（OCR）：［電話番号］、携帯は 「［電話番号］」",
    ),
    ("電話番号（自宅） 3981-2207", "電話番号（自宅） ［電話番号］"),
    ("info-taro@xn--eckwd4c7c.xn--zckzah", "［メールアドレス］"),
    ("保護番号 2026-771、年金証書番号 4405118829", "保護番号 ［各種番号］、年金証書番号 ［各種番号］"),
    ("被保険者番号 ; 0012 7734、郵便番号;1600023", "被保険者番号 ; ［各種番号］、郵便番号;［郵便番号］"),
    ("愛媛県西条市丹原町池田丙288、北海道網走郡美幌町字美禽番外地", "［住所］、［住所］"),
    ("都営北台団地 3号棟402号室", "都営北台団地 ［住所］"),
    # A name after a range of weekdays, and 金 as a surname in a list; a family member's word stays.
    ("月〜金 奥村が担当、鈴木、金さんに連絡", "月〜金 ［氏名］が担当、［氏名］、［氏名］さんに連絡"),
    ("世帯 2名（妻 洋子、次男 大樹）", "世帯 2名（妻 ［氏名］、次男 ［氏名］）"),
    # The thirteenth round's: a tax notice's and a checkup voucher's numbers, a number opening with a short
    # group, a year of two digits after an apostrophe, a plate after a registration's word for it.
    (
        "納税通知書の通知書番号 2026-0381127、納税義務者番号：17-004428-3、受給者番号 3-0044182",
        "納税通知書の通知書番号 ［各種番号］、納税義務者番号：［各種番号］、受給者番号 ［各種番号］",
    ),
    (
        "特定健診の受診券番号 26004418213、受診券の番号は 1100382",
        "特定健診の受診券番号 ［各種番号］、受診券の番号は ［各種番号］",
    ),
    (
        "'85/7/7生まれ、生年月日 ’63.4.1、生年月日：‘71年3月15日",
        "［生年月日］生まれ、生年月日 ［生年月日］、生年月日：［生年月日］",
    ),
    (
        "車検証の登録番号「練馬 330 ち 7-21」、自動車の登録番号は 多摩500あ1234",
        "車検証の登録番号「［各種番号］」、自動車の登録番号は ［各種番号］",
    ),
    # The fourteenth round's: job seekers', policies', charts' and members' numbers, letters and a dash
    # before a number, a count of digits and an arrow after a label, a card's last digits, defanged e-mails
    # and a local part given apart from its domain.
    (
        "求職番号 13010-24471831、証券番号 No.3318-004471、カルテ番号 00712448、会員番号 0044127",
        "求職番号 ［各種番号］、証券番号 No.［各種番号］、カルテ番号 ［各種番号］、会員番号 ［各種番号］",
    ),
    (
        "受診者番号 K-2026-04471、対象者番号：W-8812 さん",
        "受診者番号 ［各種番号］、対象者番号：［各種番号］ さん",
    ),
    ("口座番号7桁→ 0 4 4 8 1 2 7（電話口で）", "口座番号7桁→ ［各種番号］（電話口で）"),
    (
        "クレジットカードは下四桁 ４４１７、カード末尾 No.0927 で決済",
        "クレジットカードは下四桁 ［各種番号］、カード末尾 No.［各種番号］ で決済",
    ),
    (
        "kenji[.]ota[@]gmail[.]com、daichi.w #at# outlook.com",
        "［メールアドレス］、［メールアドレス］",
    ),
    (
        "メールアドレスの @ の前は yuko.88 で、ドメインは gmail.com です",
        "メールアドレスの @ の前は ［メールアドレス］ で、ドメインは gmail.com です",
    ),
    # The fifteenth round's: a person's number, code or ID (customers, members, patients, scholars, a
    # register of people), letters or a year between its digits; certificates', qualifications' and
    # insurances' numbers; a number after what was done to learn it and a comma, its groups joined by の; a
    # motorcycle's or a moped's plate; an address written backwards, its room first.
    (
        "利用者ID 2026G0318、顧客コード 5520-118347、組合員コード 0041-7728、患者IDは 0004417728",
        "利用者ID ［各種番号］、顧客コード ［各種番号］、組合員コード ［各種番号］、患者IDは ［各種番号］",
    ),
    (
        "お客様IDが MV-30417728、契約者ID：ＫＤ４４１８２２０９、被災者台帳の台帳番号 D-0412 の世帯",
        "お客様IDが ［各種番号］、契約者ID：［各種番号］、被災者台帳の台帳番号 ［各種番号］ の世帯",
    ),
    (
        "奨学生番号 880-21-447182、認定番号：Ｒ８－０４１１８、保育士登録番号は 東京-004471",
        "奨学生番号 ［各種番号］、認定番号：［各種番号］、保育士登録番号は ［各種番号］",
    ),
    (
        "看護師の資格番号（籍登録番号）は 第1128847号、修了証明書番号 第 4418 号",
        "看護師の資格番号（籍登録番号）は 第［各種番号］号、修了証明書番号 第 ［各種番号］ 号",
    ),
    (
        "身分証番号（ID Card No.）は 079188004471、資格確認書、番号は 44182207 です",
        "身分証番号（ID Card No.）は ［各種番号］、資格確認書、番号は ［各種番号］ です",
    ),
    (
        "雇用保険の番号は六〇一二の四四八一七二、基礎年金番号を教えてもらいました、４４１８の２２０７８１です",
        "雇用保険の番号は［各種番号］、基礎年金番号を教えてもらいました、［各種番号］です",
    ),
    ("自動二輪の登録 練馬 ほ 7721、原付 練馬区 か 2281", "自動二輪の登録 ［各種番号］、原付 ［各種番号］"),
    ("部屋番号 1208 / パークタワー東池袋 / 東池袋4-5-2", "部屋番号 1208 / パークタワー東池袋 / ［住所］"),
    # The sixteenth round's: certificates' issue numbers, a work number said to be someone's, a voter's number
    # after a polling district, a person's No., a branch and an account joined by a dash or in a transfer
    # file's row, Diners' grouping, a My Number dictated in groups, Latin addresses after their label, and an
    # era's last year only with a birth's word or a person after it.
    (
        "納税証明書の交付番号 04-221873 の方、身体障害者手帳の交付番号 東京 第1183047号",
        "納税証明書の交付番号 ［各種番号］ の方、身体障害者手帳の交付番号 東京 第［各種番号］号",
    ),
    (
        "住民異動届の受付番号が 3318 の方、給付金の申請番号 KY-00448172 のご本人",
        "住民異動届の受付番号が ［各種番号］ の方、給付金の申請番号 ［各種番号］ のご本人",
    ),
    (
        "選挙人名簿の登録番号は第3投票区の 1248 番、入場整理券 第14投票区 0772",
        "選挙人名簿の登録番号は第3投票区の ［各種番号］ 番、入場整理券 第14投票区 ［各種番号］",
    ),
    (
        "被保険者No. 0002 1873 40、振込先は 三菱UFJ 218-3381904（普）、口座情報：0009,118,1,2207341",
        "被保険者No. ［各種番号］、振込先は 三菱UFJ ［各種番号］（普）、口座情報：0009,118,1,［各種番号］",
    ),
    ("ダイナースの番号 3056 930902 5904、3782-822463-10005", "ダイナースの番号 ［各種番号］、［各種番号］"),
    (
        "マイナンバーのメモ：ななにーいち、はちさんさん、ぜろよんいち、いちごーきゅう",
        "マイナンバーのメモ：［マイナンバー］",
    ),
    (
        "住居地：Zoshigaya 3-8-11 Room 104、Address: Minami-Ikebukuro 2-chome 45-11, Maison 801",
        "住居地：［住所］、Address: ［住所］, Maison 801",
    ),
    ("S64.1.7 の方、大正15年12月25日生まれ", "［生年月日］ の方、［生年月日］生まれ"),
    # The seventeenth round's: a residence card named alone or apart from 番号, a pension number by its
    # shape in a message about a pension, a second value's name and a reason's comma after a label, an
    # insurance card's 記号・番号 apart by a middle dot, a plate after 車両番号 or 車は, accounts on
    # messengers and social networks, a weekday before an English birth date, and an address spaced a
    # character apart as AI-OCR reads it.
    (
        "在留カード　番号：ＬＸ　７２０４　１１８５　ＢＴ、在留カード：QR 1184 2207 EN",
        "在留カード　番号：［各種番号］、在留カード：［各種番号］",
    ),
    (
        "年金の相談です。加入記録は 2201-883045、妻の分は 4410 009127 と 7718の440291",
        "年金の相談です。加入記録は ［各種番号］、妻の分は ［各種番号］ と ［各種番号］",
    ),
    (
        "基礎年金番号・年金コードは 2201-883045 1150、年金手帳の番号を聞かれたので、4410-009127 と",
        "基礎年金番号・年金コードは ［各種番号］、年金手帳の番号を聞かれたので、［各種番号］ と",
    ),
    (
        "健保組合の記号・番号　7041・2238、被扶養者の方",
        "健保組合の記号・番号　［各種番号］・［各種番号］、被扶養者の方",
    ),
    (
        "車は 足立 300 ひ 55-12、車両番号 大宮 530 せ 18-06",
        "車は ［各種番号］、車両番号 ［各種番号］",
    ),
    (
        "LINE ID：sakura_mama77、LINEのIDは taku.1104、LINE yui_0808_tokyo、X のアカウント（@kazu_88）",
        "LINE ID：［各種番号］、LINEのIDは ［各種番号］、LINE ［各種番号］、X のアカウント（［各種番号］）",
    ),
    ("Skype ID: live:mori.takeshi_1 で面談希望", "Skype ID: ［各種番号］ で面談希望"),
    (
        "Date of Birth: Sat, 9 Sep 1989 / D.O.B.: Wednesday, July 4, 1979",
        "Date of Birth: Sat, ［生年月日］ / D.O.B.: Wednesday, ［生年月日］",
    ),
    ("AI-OCRの出力（住所欄）：北 区 王 子 4 - 2 2 - 1 0", "AI-OCRの出力（住所欄）：［住所］"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_writing_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


def test_the_kinds_are_named_in_order_each_once() -> None:
    result = mask("〒123-4567 東京都サンプル区中央1丁目2番3号、電話03-1234-5678、携帯090-1234-5678")
    assert result.kinds == ("郵便番号", "住所", "電話番号")
    assert masked_kinds(result.text) == result.kinds
    assert mask("twelve digits 123456789012").kinds == ()


THIS_YEAR = datetime.now(UTC).year
"""Dates of the last years stay in a message about a birth (`bot.privacy.labelled.RECENT_YEARS`)."""

WORK_TEXT = [
    "DX推進課（内線 2345）に相談しました",
    "内線2345、2346までどうぞ",
    "内線 12345 か内線 81-2345 へ",
    "割合は100%40件中、R&amp;Dの資料は&#x2192;の先",
    "👨\u200d👩\u200d👧\u200d👦 家族で来庁\ufe0f、️ソフト\u00adハイフン",
    # Eight digits without a phone's word just before them, or with a unit after them.
    "文書 3981-2207 の件、電話の件数 1234-5678件",
    # 12 digits that a My Number's word does not share a sentence with.
    "個人番号カードの交付は完了。会議ID 1234 5678 9013 で参加してください",
    "2026-11-29に会議があります",
    "2026/11/29 10:00-12:00 に打ち合わせ",
    "2026.11.29から開始",
    "令和8年4月1日から、R8.4.1施行",
    "毎月800件、1件あたり4分かかります",
    "区民課で3-4件の入力ミスがありました",
    "予算は1,234,567円、約3,000万円の削減",
    "令和8年度予算 12,345,678,901円",
    "12.5%の削減、0.5人工",
    "年間120時間、1日2時間×20日、9:00～17:00",
    "平成30年度から令和7年度まで",
    "相談 No.123 の件、FAQ #123 を見ました",
    "40件の申請、1/3に削減",
    "第3条第2項に基づく",
    "手順1-2-3、区長選挙は4-5月",
    "サンプル区役所で一番多い申請",
    "サンプル区内の3-4か所",
    "文書番号 123-4567",
    "管理番号 000-000-1001、受付番号 12-345-6789",  # a longer number's tail is no postal code
    # Words that read as names, or honorifics after words that are not names.
    "皆さん、お客様、業者さん、担当さん、係長さん",
    "保健師さんやケースワーカーさんと連携",
    "富士通さんとNECさん、ベンダーさんに見積もりを依頼",
    "相手は富士通さん、担当は東芝さん、Dear Sir様",
    "こういう人、そういう方、区長という方、中野という所",
    "民生さんと社協さんに相談しました",
    "Microsoftさんに問い合わせ、Googleさんの資料、Boxさんの営業",
    "Excel様式でNTTさんとChatGPTさんに聞いた",
    "Power AutomateとGoogle Formsで申請、LINE WORKSさんのサポート",
    "横浜市さんの事例、お隣の世田谷区さん",
    "長野に出張、小川に流れる",
    "松本に出張、区長に聞いた、窓口に確認、総務課から連絡、係の皆と相談",
    "松本の件で出張、大和の件、森の書類、総務課の分、窓口の件",
    "角丸の四角、松本の方針、区長の判断、中野の会議、係長のこと",
    "会場は松本です、来週は大和です、本日は中野です、担当は総務課です",
    "総務課が担当します、システムが対応します、会議室まで連絡、窓口宛て、横浜市によると",
    "窓口で対応します、広島で担当します、福岡で対応、本庁で預かります、一人で対応せず、全員で担当、自宅に送付、新住宅の件、住宅を訪問",
    "障害者手帳 1級を持っています、障害者手帳 2枚、療育手帳の交付",
    "しずかにきいた、すなおにきいた、まことにありがとう、さきにかくにんしてください",
    "春が来た、連絡が来た、返事が来た、担当が戻り次第、課長は会議中、係長が帰ったら、東京は会議中",
    "システムがやります、RPAが処理します、担当に任せる、係長が作成した、窓口が入力した、課長にお任せ",
    "上司の了証をもらうコツ、課長の判断、税務課の窓口",
    "中野区長の挨拶、大阪府知事",
    "名前は分かりません、お名前を教えてください",
    "東京と大阪、長野・松本の会場、総務課・税務課と区民課",
    "総務課（そうむか）の会議（かいぎ）、申請書（しんせいしょ）",
    "窓口係員の対応、主任参事の会議、CC: 総務課、From: 区役所",
    "東京に確認しました、大阪から連絡、横浜に相談、東京より",
    "岡山より、広島より出張、福岡経由、昭和より、大和より、役所経由、令和より",
    "出張先は長野です、出身は長野です、行き先は長野の支所、課長の長野出張",
    "総務課（本庁）、東京（本社）、父（会社員）、きのうのおきゃくさま",
    f"締切は{THIS_YEAR}年4月1日、令和6年4月1日施行、平成30年度の予算、4月1日生まれ、1985年生まれの職員",
    "普通 10件、普通に1234567円、口座振替の件、口座の件で相談、受付番号 123、カード 40枚",
    "（普通）3件、医療証の番号 2 桁目、お客様番号の欄、1993年（平成5年）の転入、12/31/2025 まで",
    "口座が2つ、口座 3件、クレジットカード 2枚、パスポート 100枚、カード番号 1000件",
    "2025年4月1日生産開始、2025/4/1生活保護の変更",
    "総務課（そうむか）、会議（かいぎ）、窓口名：総務課、担当者名は未定、港区在住の方",
    "中野方面、中野宅地、窓口より、総務課より連絡、区役所経由、システムを通じて、本庁舎に来庁",
    "商家、農家の方、専門家、作家、総務や窓口と会議",
    "送った相談の進渉どうなってる",
    "RPAのライセンス申精ってどうやるの",
    "お疲れさまです、ご苦労様です",
    "神様、お客様、皆様、奥様、姫様、お月様、申請様式、様子を見る",
    "みなさんおつかれさまです、おきゃくさまのこえ、ぎょうしゃさんにれんらく、いしゃさん、あかちゃん",
    "おかあさん、おまわりさん、となりさん、たんとうさん、きんじょさん、おくさん、ごくろうさま",
    "受付番号123456789012です",
    "サンプル区本町の会議室2で、3-4人で打ち合わせ",
    # Digits inside machine identifiers: LINE, Slack, request ids, hashes.
    "LINEのユーザーIDはU0123456789abcdef0123456789abcdefです",
    "グループ C0901234567890abcdef0123456789abc で",
    "Slack C01234567890、U0ABCDEF123",
    "request id 3f2a9c01-1234-4a5b-8c7d-090123456789 で失敗",
    "ハッシュ 0a1b2c3d4e5f60718293a4b5c6d7e8f901234567",
    "コミット a09012345678 以降",
    "req_09012345678Ab",
    "手順1-2-3で進め、資料1-2-3-4と第1-2-3号を参照",
    "令和5年の12月の1日、2024の1234件",
    "長野・松本の会場、石川・富山・福井の3県、新宿・渋谷、品川・大井町",
    "東京も賛成、会議も反対意見が多い、杁中様式",
    "まどぐちにきいた、みんなにきいた、ともだちにきいた、じょうしにれんらくした、おやにでんわした、さとうをいれる",
    "かちょうにきいた、いしゃにそうだん、くやくしょにかくにん、かぞくとそうだん、たんとうにきいた",
    "フローチャートの記号 12 種類、利用者番号を入力、記号 12345 の意味",
    "令和2年生産の機械、2025年生活保護の基準、運転免許の更新、手帳の番号を確認",
    "担当の方から電話、孫に聞いた、室に連絡、館に確認、上に確認、母に聞いた、北から連絡、春が来た",
    "小川流れてる、窓口来たら、担当戻ったら、課長見てくれた？",
    "PMの会議、SEの募集、CWの配置、SVに確認、父 不明、母 同居、会場、松本：10時、日時：12/1",
    "あかちゃんが泣いてる、これちゃんと見て、おばあちゃん、ねえちゃんに聞いた、おっさんが来た、きりんの写真",
    "長野出張の件、夏休みの予定、東京不在、東、南、北の順、母（お客さん）、北から書類を受け取った",
    "開館日　月 休館　火 開館　水 開館",
    "日時：12/3 場所：会議室 内容：研修",
    "母 先生 さん、本人 皆さん、あした と いっしょに",
    "件数 中野 12件、杉並 8件、窓口 18件、電話 12件、北 3件、南 2件",
    "1位 佐賀 2位 福岡 3位 大分、1番 窓口 2番 電話、第1会場 品川 第2会場 大崎駅\nB班：Excel・Word",
    "件数：あり 3件、なし 2件、みどり 4件、出席：課長、係長、以上2名",
    "窓口 月～金 8:30-17:15、相談 月・水・金 9:00-12:00、土日 10:00-16:00、月曜〜金曜 9:00 受付",
    "ファイル名、「報告書」で保存",
    "電子 Book Store、母 Microsoft Teams",
    "順番：①あり ②なし、1 はい 2 いいえ",
    "東京って今日休み？会議って今日やる？",
    "国から通知、県に確認、係で対応中、窓口が対応中、本日は休みです、課長は本日休みです、土日は休み",
    "地区保健師が訪問、民生委員に相談、主任児童委員、生活相談員が対応、正看護師と准看護師、担当保健師",
    "大田区長、中野区長が挨拶、渋谷区長、総務部長、職員ほか3名、以下5名の職員、それなら大丈夫",
    "受付の窓口は1階です、回覧の資料、決裁の流れ、以上、よろしくお願いします、同行の職員、供覧文書",
    "（注）（案）(東京)、妻 同居、父 会社員、母 70代、東京か大阪、RPAまたはAI-OCR、紙/電子、3名で対応",
    "チームリーダーに相談、課長補佐の判断、窓口担当に確認、長野担当の営業、職員は研修中、課長は在宅勤務",
    "窓口にCCしてください、課長に振ってください、上司を巻き込んで、業者から折り返し、東京のIT企業、あっちこっち",
    "件名：住民票の交付、品名：コピー用紙、施設名：中央図書館、業者の選定、関係者の皆様、利用者 100人",
    "お母さんの件、東京のお母さん、うちのおばあちゃん",
    "えらいさんが来るらしい、おえらいさんに報告",  # 偉いさん: the higher-ups, not ながいさん
    "新課長の挨拶、全課長会議、本課長の判断、草原課長、ロボットくん、ぼくくん",
    "読み方は「しんせいしょ」、ボタンの「つぎへ」を押す、「はい」と言った、システムが作った、年上に聞いた、机上で確認",
    "会場は松本です、総務課の松本出張、東京（12）、会議室（3）、予算（30）、担当：富士通、利用者：トヨタ",
    "出張先は 長野 です、行き先は 長野 の支所、お疲れ様です、本日です。お世話になります、東京です",
    "担当の係に確認、担当の課へ、担当：窓口、地区ケアマネ会議、大先輩",
    "ファイル a.csv を開く、添付のd.xlsxです、バージョン v.2.1、www.e.go.jp",
    "ロボットくん、ぼくくん、申請書（本人）、今日です。明日です。窓口です",
    "件名欄に「RPAの相談」、備考欄に「至急」、続柄欄に「本人」、今日、例の件。明日、会議",
    "昨日保健師さんと話した、日時：12月1日\n場所：会議室\n方：未定、長野担当の営業、ひとりぼっちで作業",
    "もっとちゃんとして、ねえちゃんが、じいちゃんの家、お客さん、皆さん、神様、北から連絡",
    "担当\t件数\n窓口\t3\nDX推進課\t2\n未定\t0\n項目\t内容\n担当\t未定\n\n受付番号\t申請者\n0012\t本人",
    "ファイル名「報告書」、シート名「集計」、件名「相談」、担当「未定」、様子「元気」、係長→課長→部長の順に回して",
    "百姓の仕事、姓名判断",
    "父の車が壊れた、母の病気が心配、判子のために区民に、子のために、今日は休み、本日も晴天",
    "課長の判断が必要、会議の資料（3）、課長の判断（案）、新人の研修に、区議会の議員",
    "東京はそう言っている、会社は何て言ってた？課長って誰だっけ",
    "Dr. Excel の使い方、Mr. の後に名前、母のおばさん、父のおじさん、担当の みなさん、対象者 全員",
    "なお、その件は別です。ただし、期限あり。逆にお願いできないこと、京都に行くんだけど、受付は平日の午前9時から",
    "総務課長です、業務課題が多い、保育課窓口から、福祉課内で",
    "東と西、どっちが混んでる？\n北から連絡",
    "（株）と（済）と（未）\n1. 申請（新）\n区分：方",
    "林道の通行止めについての問い合わせ。\n受：みどり課",
    "月 火 水 木 金 曜日の担当、金 額は未定\n担当の方（PM）、窓口の方（Teams）",
    "資料番号 123-4567 の会議録、図面番号 012-3456、様式番号 123-4567",
    "郵便番号を書いてください。受付 123 4567 の件、郵便番号欄の件数は123 4567件",
    "手順 1 - 2 - 3 の順に、第1 - 2表、昭和56年5月31日以前の建物、生年月日欄の書き方",
    "ログID ab12345678cd9、コード ab1234567cd、誕生日会は12月1日",
    "あっという間にexample.jpの更新が終わった、ゆうちょ銀行の窓口は2024年度から、ゆうちょ 3件",
    # Dates of an era before 平成 that open or close a range or that a rule bears; dates in a message about a
    # birth that do so, or that are of the last years; a licence's message with a reference's twelve digits.
    "昭和56年6月1日以降に建築確認を受けた建物、昭和22年5月3日施行の憲法",
    "生年月日の欄を追加した様式（2019年10月1日改訂）を使います",
    "生年月日の入力を2024年4月1日から必須に、1984年4月1日以前に生まれた方",
    "生年月日の範囲は 1951年4月1日〜1985年3月31日 に生まれた方",
    f"生年月日の欄、相談日 {THIS_YEAR}/11/02、受付 {THIS_YEAR - 1}-12-01",
    "誕生日会は2020年12月1日でした、平成30年4月1日、H30.4.1、R2.4.1、令和2年4月1日の改正",
    "免許の更新は 12 月、受付番号 2024 0001 0002",
    "種別：普通\n件数：1234567、保険証の記号と番号の欄、記号 12 種類、フローチャートの記号番号 1-2",
    "区分\t件数\n住所\t3\n窓口\t4",
    "会議室\t所在地\n第1会議室\t本庁舎3階",
    # A wood or a star in what a thing is; places before what places do; words that take さん; Latin words.
    "森と一緒に歩くハイキング、星と一緒に眠る夜、鹿児島が舞台のドラマ、品川が出発駅",
    "もうたくさん、おつかれさん、ごくろうさま、おばあさん、おにいさん、Great-san, Sure-san",
    "しずかに聞いた、すなおに聞いた、まことに申し訳ない",
    # Places listed with commas, with a place or a thing among them: the surnames they hold stay, and so does
    # the end of a longer place's name (緑ヶ原, みなと台西).
    "市内に4か所（中央、東、北浜、南丘）あり",
    "地区図書館（北浜、南丘、緑ヶ原）のカウンター",
    "市営駐輪場（みなと台駅東口、西口、北浜駅）の定期利用",
    "みなと台中央、みなと台東、みなと台西、北浜、南丘、緑ヶ原の6か所",
    "緑ヶ原に行くバス、霞ヶ原から来た、図書館は北浜、南丘、緑ヶ原にあります",
    # Two places listed with 、, と or や before a public facility.
    "北浜、南丘の図書館で本を借りた",
    "北浜と南丘の図書館、北浜や南丘の両公民館で説明会、中央、北浜の出張所",
    "北浜、桜台の小学校、東町と西町の集会所",
    # Where someone is with no one on the board; a family member's age, home or work in parentheses;
    # lower-case English before さん; 会計 and 会長 before what is not a name.
    "総務 在席　経理 外出、本日 外出 予定",
    "父（同居）、母（78歳）、妻（パート）",
    "admin さん、team様",
    "会計 年度の処理、会長 挨拶",
    "区分:東京,大阪,名古屋\n総務,経理",
    "氏 名 欄\n氏 名 欄 は 必須です",
    # What a place or a group has; a product's name in quotes.
    "上原の交差点で事故、中川の河川敷の清掃、あゆみの会の報告",
    "「Microsoft Teams」で会議、「Power Automate」の使い方",
    "「Forms Pro」で申請フォームを作りたい、「Kofax Express」の使い方",
    "池袋のパソコン教室、新宿の携帯ショップ",
    # Queries typed in hiragana alone: a name the dictionary cuts out of a longer run is its guess.
    "しゅうがくつうち\u3000とどかない",
    "じりつしえんいりょう\u3000しんせい",
    # Ranges of blocks; a plan's or a document's parts numbered as three numbers, outside a line about where
    # someone lives; six digit readings at most, and count-offs; a year of birth with a work date after it; a
    # birthday party's date; an era's date read aloud in a rule's text.
    "対象は 1〜3丁目 の世帯、2~5丁目は来年度",
    "施策1-2-3 と基本目標2-1-1、令和6年度2-1-3の資料、別表2-1-3、図3-2-1、転入届の様式1-2-3",
    "体操の号令は いちにさんし にーにっさんし、ごろくしちはち",
    "1985年生まれの職員が4月1日に異動、誕生日会は 12/24 に開きます",
    "へいせいさんじゅうねんしがつついたちに施行された規則",
    "第1の2の3の手順、資料2の1、1の2の3件",
    "昭和56年5月31日以前の建物、平成12年4月1日に届出",
    # Labels after a role's colon; days of a closure, not a rota; places and their facilities, a stream.
    "承認：済　確認：要　決裁：済\n【休館日】月 休館／火 開館",
    "梅田の出張所で研修、白石の敷地内は禁煙、小川の清掃ボランティア、小川の水が濁っている",
    # A prefecture after a sentence on its own line; an English closing signed by an office; kana spelling
    # said of a product; a file's name; a company after a country.
    "次の出張先です。\n福岡",
    "以上です。\n\n今日の会場は\n三好",
    "Best regards,\nCity Office",
    "File name: Budget Report、カタカナ表記はマイナンバーカードと同じ",
    "東京いる？って聞かれた",
    "NEW★report.pdf を確認、★マークの資料は重要、■を押すと完了",
    "住所変更の手順は 手順書2-1-3 と 第3章1-2-4 を参照",
    "Release 1-2-3 Notes, Chapter 2-1 Overview",
    "令和7年、8月、12日の3回、説明会を開きます",
    "2025年の9月、日付は未定です。生まれ年は問いません",
    "旅券の申請は 3 階、Passport No. 欄は 2 か所",
    "口座番号を確認したところ：312件の誤り、被保険者番号の変更日：20251201",
    # Katakana words that take さん as words or companies.
    "ヘルパーさん、ケアマネさん、オーナーさん、ママさんバレー、ベネッセさん、サイボウズさん",
    "ガードマンさんに聞いて",
    # Hiragana words apart by a space that are no name; products in Latin letters after a cue.
    "よろしく おねがい、しゅうがく　つうち、ありがとう ございます",
    "担当：Power Automate、Microsoft Teams様、JR East様",
    # What a word or a theorem has.
    "かとうの意味を調べる、ロドリゲスの定理ではなく",
    # A place or someone's trade asked for something.
    "大阪に出張を頼んだ、業者に修理を頼んだ",
    "担当：なし、当番：まだ、確認：あり",
    # A name's field that says it holds none.
    "氏名欄：空欄のまま、氏名：未記入、名前：記入なし、氏名：不明",
    # Katakana words after a cue or a relation that are no name.
    "担当：システム、記録はノーコードツール、高齢者サロン、市民ホール、自分のペース、申込者リスト",
    # A trip's schedule: places, and no name, down the days.
    "旅程\n5日 大阪\n6日 京都\n7日 奈良\n8日 小笠原",
    # 氏名 after a word is a name's field, not 氏 and 名 (カナ氏名欄).
    "ローマ字の大文字だけの場合、カナ氏名はどう決めますか。転入届のカナ氏名欄に記入",
    # A place before a time.
    "東京 10:00発、大阪 12時着",
    # What comes back that is no one.
    "光が戻った、力が戻る、色が戻った",
    # A closing with no name after it, or in a sentence that goes on.
    "Thanks, everyone. I said Thanks, Bob said no. Thanks, Team Support",
    # A stamp's column before a place that names no one.
    "（審査）東京都の基準による",
    # Katakana words after フリガナ or カナ that are no name.
    "フリガナ チェック、カナ 入力 モード",
    # Who a child is, before くん.
    "娘の彼氏くん、息子さんの友達くん",
    # A title and a comma before a place or a trip.
    "校長、東京です。部長、大阪出張です。課長、電話です。",
    # Places down a day's times.
    "10:00-12:00 渋谷／13:00-15:00 新宿",
    # Places and words in Latin letters, romaji or not, that are no name.
    "Tokyo Station, Ueno Park, Ueno Zoo, Nara Kamakura, Kind Regards",
    # A room and a reading in two parts before さん.
    "会議室（だい いち）さん",
    # Products in Latin letters across a slash.
    "Microsoft Teams / Power Automate / City Office",
    # Sections and blanks numbered under a list of participants.
    "研修参加者\n1. 区民課\n2. 保険年金課\n参加者一覧\n① 窓口\n② 未定",
    # Hiragana before a title typed in hiragana that is no name.
    "いまかちょうがいってた",
    # An office word the dictionary splits into a surname and a given name; a river's embankment.
    "騒音の苦情。申立人は上の階の住人",
    "中川の堤防工事のお知らせ",
    # Headings in 【】, a route with arrows, a board of titles, a person from a country, a section's counter.
    "【重要】本日午後、停止します\n【千葉】説明会の日程",
    "東京→大阪、大阪→福岡",
    "在席表：課長◯ 係長× 主任◯",
    # Places swapped or lettered, and a place after a full name elsewhere.
    "東京 ⇔ 大阪 の往復、会場 A 東京 B 大阪 C 名古屋",
    "来庁者：外国籍の方（ベトナム）",
    "区民課の窓口です。山崎 会計 から",
    # Parents who are no one's by name, a class before what is no name, nothing in a list of children.
    "新米ママ、ひよこママの会、ワーママ",
    "2年1組 まで来てください、受領 済",
    "待機児童リスト（上位2名）\n1位 なし\n2位 なし",
    "参加者一覧\n区民課\n港区\n詳細は別紙",
    # Kyoto's way from a crossing with no house after it; 字 as a word; counts and amounts after a town.
    "四条通烏丸東入ルの交差点付近で工事、通行止めは 12/10〜12/12",
    "大字・字の区域の変更は 地方自治法第260条 の告示が必要です",
    "見本区見本町3か所で実施、豊島区南町1,234世帯、京都市中京区の町内会 12 団体",
    "階段を上る3人、坂を下る2台",
    # A sum, not a number abroad; a municipality at a line's end before a range of months.
    "予算 1200000+3400000 円",
    "豊島区\n1-2月分の集計",
    # Words that hold アット and ドット.
    "アットホームな職場です、ドット柄のシャツ",
    # Letters beside digits that are words or identifiers, a zero in a word, a page mark, labels alone.
    "OCRで「第3O条」「第l0条」と読まれた箇所",
    "Ol と IO と H2O、Error 0x80070005、iOS 17",
    "ネットゼロに 2050 年までに取り組む",
    "--- page 2 ---\n第3条第1項",
    "Account No. は 3 件、Pension No. の欄は空欄",
    "a b c @ の書き方、t o d o リスト",
    "Toshima-ku の件 2-3、Chiyoda-ku Office 3 floors",
    # A code of four parts or more; a table's No. and fee without a bank's header or a number's; a CSV's
    # comma after an address.
    "予算科目 02-01-03-0012、分類 01.02.03.0450",
    "No. | Item | Qty\n101 | トナー | 4\n| Bank | Branch | Fee |\n| りそな | 浦和 | 220 |",
    "受付件数\t郵便番号の誤記\n1204\t13",
    # Places paired with vs; what a place or a group is called, in quotes.
    "東京 vs 大阪、3×4",
    "「みどり」と呼ばれる地区、「すずらん」という名前の団体",
    "おはようございます、よろしくです。本児 なし（年中）",
    # Chat lines with work numbers; dot leaders before a date; B and Z in short words; English dates.
    "[10:02] 会議は 14:30 から\n[10:02] 会議室 803 です",
    "会議は10:00[10:02] 了解、受付 12[10:02] 34件",
    "> 内線 4412\n> に回してください",
    "締切 ………… 2026年12月10日、えーと…… 3件です",
    "A4とB5の用紙、療育手帳 B2 の方、BOB-3、ロット LOT-B812 × 120個",
    "<count>412</count><amount>1284500</amount>、Meeting on Sept. 9, 2026 at 10:00",
    # Items beside no name, what a count of people lists that are no names, the writer with someone unnamed.
    "3名（男性2、女性1）、2名（職員、住民）、私とあなたで、2組 みんな の作品",
    "・窓口：未定\n・電話：全員",
    "いろいろありがとう\nところで、あしたから休みます",
    "松本 城\n本田 技研\n",
    "課長と係長の2名、東京と大阪の2名、本人（78歳）、現場監督と協議、店長会議",
    "会場は山田 ホール、中村 ケアの窓口",
    # An amount after 普通預金; a town whose name opens with a kanji digit; a label far from a work number
    # or from a count; a date's units in hiragana with no birth near.
    "普通預金 2500000円",
    "住所は世田谷区三軒茶屋（番地は未記入）",
    "お問い合わせ番号でございますが、念のため、１２３０５５８、です",
    "口座番号は、受付番号 1234567 で管理、通帳の見開きに記載の7桁です",
    "令和8ねん12がつ4にち 14:00〜、2ばんせん",
    # Ranges with one wave dash, legal numerals as words, a Markdown table's cells, a work number's part, a
    # corrected work number, an office's car, percent signs, a mail's id.
    "12〜15名、内線 2101〜2105、13:00〜14:30、持参日、拾得物、参加者 3名",
    "| 月 | 3 | 5 | 2 | 0 | 1 | 4 | 7 | 2 | 3 | 1 | 9 | 8 |",
    "受付番号の下4桁が 0087、資産番号 PC-2026-00481 → PC-2026-00418、公用車 練馬 500 さ 45-67 は車検中",
    "増加率 35%40代、https://example.jp/search?q=%E4%BD%8F&page=2",
    "Message-ID: <20261206094107.4412@mail.city.example.lg.jp>",
    # Labels in katakana and romaji before work numbers, a recent DATE, 局番 without a phone, 事業者番号, a
    # building alone, an amount's commas, a reference that goes on, a course in romaji, a word holding デンワ.
    "ﾅｲｾﾝ；4471、naisen: 3318、=DATE(2026, 12, 24) が締切日、市外局番の一覧（03、045、06）",
    "事業者番号 1371204411、3号棟の改修工事、手数料 1,280 円、受付番号 20261206-\n（続き）0042",
    "講座 kouza 101、デンワボックス 2台",
    # A ward's or a city's main line, named as such; a short year after an apostrophe with no birth near; a
    # registration number that is no plate; a notice's count.
    "区役所代表 ℡ 03-3993-1111（内線 4412）、市役所の代表電話 0422-51-1234、区の代表番号：03-5984-1111",
    "'26/12/4 締切、登録番号 2026-4417 の文書、通知書番号の桁数は 12 桁、受診券 4,418 枚",
    # An office's block of direct lines; a count after 末尾 or the @'s place; a number's count of digits.
    "福祉事務所のダイヤルインは 03-4566-2400〜2499 の範囲です",
    "ケース番号 C-2025-1182 の支援計画",
    "職員番号は 7桁 で、末尾 1桁 はチェックデジット、受付番号の末尾 0012、@の前は 8 文字まで",
    # A business's code or ID, a lettered work number, counts of mopeds and motorcycles, a meeting room
    # beside a document's parts, a number's count of digits after an insurance's or a card's label.
    "事業者コード 1371204 の登録、業者ID 20260412、受付番号 R8-0412",
    "原付の登録は 1,204 台、二輪車の駐輪場は 300 台分",
    "会議は 301号室、資料は別表1-2-3",
    "保険の番号を確認したら、2026年4月から変更、身分証の番号欄は 12 桁",
    # An era's last day told of as its end; queue numbers called to a counter; a polling district's counts and
    # hours; counting aloud; a version after Address.
    "昭和の終わり、S64.1.7 が最後の日で、翌日から平成です",
    "受付番号 312 番の方、3番窓口へどうぞ。整理番号 045-2261 の方は 3番窓口へ",
    "第3投票区の投票所は 7:00 から、第3投票区 1,204人、第5投票区 2か所",
    "いちにさんし、ごーろくしちはち",
    "Address: version 1-2、交付番号の桁数は 7 桁",
    # The ward's own car, LINE's products and versions, a network's statistics, a pension's amounts and phone,
    # a budget's code grouped as a toll-free phone is.
    "公用車は 練馬 500 さ 45-67、公用車の車両番号 品川 300 あ 12-34、車両 豊島 300 た 40-17 は車検中",
    "LINE WORKS 13.2.0 を導入、LINE 配信は 12:00、区公式LINEの友だち 58,114 人、X の投稿 1,204 件",
    "年金の満額は 831,700 円、年金係は内線 2418、年金の受付は 2026 年 4 月から、受給者 1,204 人",
    "予算コード 0120-3304-01、事業コード 2026-03-114",
    # A conversation's key in a log line (the channel's name, a colon, its id): operators need it.
    "the turn of line:U0123 failed; its room line:Cteam0001 was told",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_work_text_is_left_alone(text: str) -> None:
    assert mask(text) == Masked(text, ())


@pytest.mark.parametrize("kind", list(WRITERS))
def test_every_generated_writing_of_each_kind_is_masked_and_named(kind: str) -> None:
    @settings(max_examples=300, deadline=None)
    @given(strategy(WRITERS[kind]))
    def check(written: Written) -> None:
        result = mask(written.text)
        assert not leaked(written.secrets, result.text), (written.text, result.text)
        assert kind in result.kinds, (written.text, result.text)

    check()


@settings(max_examples=300, deadline=None)
@given(st.randoms(use_true_random=False).map(identifier_sentence))
def test_generated_identifiers_keep_every_character(sentence: tuple[str, str]) -> None:
    text, _ = sentence
    assert mask(text) == Masked(text, ())


@settings(max_examples=200, deadline=None)
@given(st.randoms(use_true_random=False).map(identifier_sentence), any_written())
def test_personal_data_next_to_an_identifier_is_still_masked(
    sentence: tuple[str, str], written: Written
) -> None:
    alone = mask(written.text)
    assert not leaked(written.secrets, alone.text), (written.text, alone.text)
    assert mask(f"{sentence[0]}。{written.text}").text == f"{sentence[0]}。{alone.text}"


@settings(max_examples=200, deadline=None)
@given(st.lists(any_written(), min_size=1, max_size=4), st.sampled_from(["、", "。", "\n", " と "]))
def test_several_in_one_message_are_all_masked_and_masking_is_idempotent(
    written: list[Written], joiner: str
) -> None:
    text = joiner.join(w.text for w in written)
    result = mask(text)
    for each in written:
        assert not leaked(each.secrets, result.text), (text, result.text)
    assert mask(result.text) == Masked(result.text, ())
    assert set(masked_kinds(result.text)) == set(result.kinds) <= set(KINDS)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            "あア亜一二〇０１23-－ー.@＠ 　\t\n()（）丁目番号市区町〒+山田太郎さん様氏名：\ud800"
        ),
        max_size=60,
    )
)
def test_any_text_masks_without_error_and_keeps_what_it_does_not_replace(text: str) -> None:
    result = mask(text)
    outside = PLACEHOLDERS.sub("", result.text)
    assert all(c in text for c in outside)


@pytest.mark.parametrize(
    "text",
    [
        "区" * 3000,
        "市区町村" * 500,
        ("サンプル区" + "1-" * 20) * 50,
        "1-" * 1500,
        ("taro.yamada" * 20 + "@") * 5,
        "山田" * 3000,
        "氏名：山田太郎さん\n" * 500,
        "の前田花子さん" * 500,
        "係の山田に聞いた" * 500,
        "田中の件、" * 1000,
        "やまもとさん" * 700,
        "やまもとにきいた" * 500,
        "ああああああさん" * 500,
        "森から電話、" * 700,
        "佐藤保健師" * 800,
        "山" * 4000 + "課長",
        "伊藤が" * 1300,
        "ゆうとくん" * 700,
        "田中さん、読み方が「たなか」" * 200,
        "ア " * 2000,
        "結衣（長女・" * 600,
        "t.yamada, " * 400,
        "お疲れ様です、林" * 500,
        "名前が「山田」" * 500,
        "氏名\t所属\n" + "山田\t総務\n" * 800,
        "グエン・ヴァン・ナムさん・" * 600,
        "星と泉が\n" * 800,
        "福祉課田中、" * 800,
        "のぐちゃん、" * 700,
        "祖父 茂、" * 700,
        "樹（いつき）くん" * 500,
        "、森本：" * 1000,
        "月 岸　" * 1000,
        "月 岸／金 " * 800,
        "・筒井：" * 800,
        "Regards,\nYuki Mori\n" * 200,
        "カナ登録はレ・" * 500,
        "ネパールのグルンさん" * 300,
        "ハヤシさん、ソノダさん、" * 300,
        "5日 古田\n" * 700,
        "すずき はなこ " * 500,
        "申請者：グエン・" * 500,
        "記録：やまだ、" * 500,
        "ながいさん、" * 700,
        "、ひらいが言って" * 500,
        "中央、北浜、" * 700,
        "しゅうがくつうち" * 500,
        "記録_山田_" * 500 + ".pdf",
        "いちに " * 1300,
        "長崎1-" * 1000,
        "にちょうめ じゅうごの" * 300,
        "番号|個人番号\n" + "1|1234 5678 9012\n" * 300,
        "受給者番号 " + "1 " * 2000,
        "1998年生まれで、" * 400,
        "1の" * 2000,
        "新谷 13:00 " * 600,
        "岡がもう戻った、" * 600,
        "?Thanks, " * 500,
        "（審査）高松" * 800,
        "フリガナ　ア " * 600,
        "息子さんの陽斗くん" * 500,
        "園長、瀬戸です" * 600,
        "11:30-12:30 沼田／" * 400 + "田辺さん",
        "Tanaka Yui " * 500,
        "Ka Ka " * 1000,
        "岸から堀へ" * 800,
        "菅原琥珀（すがわら こはく）さん" * 300,
        "Ab Cd / 王 小明 / " * 400,
        "参加者\n" + "1. 大野 翔太\n" * 500,
        "参加者\n1. a" + " " * 4000 + "b",
        "おがわかかりちょう" * 500,
        "いち の " * 1500,
        "イチニ " * 1300,
        "taro■example." * 500 + "■を@に",
        "住所 谷が谷1-2-" * 800,
        "1-2 Ab-" * 1200,
        "生年月日 " + "S 1 . 2 . " * 1000,
        "生まれは1990年の1月、日にちは" * 500,
        "口座 " + " " * 5000 + "x",
        "ゆーき、あっと、" * 500,
        "ぜろいち、" * 1500,
        "三条上ル恵比須" * 500,
        "市町" * 2000 + "1",
        "大字茶" * 1000,
        "豊島区\n池袋\n" * 600,
        "生年月日 平成\n" * 800,
        "保険証 番号 1\n" * 1000,
        "a ・ " * 2000 + "@",
        "a,b@c," * 1000 + "jp",
        "生年月日 " + "1 9 9 " * 1000,
        "ゆうちょ 記号 " + "1 " * 2000,
        "Bank | No.\n" + "a | 1234567 |\n" * 500,
        "</td><td>" * 500 + "〒</td><td>1234567",
        '"account": {' * 1000 + '"number": "1"',
        "[10:02] 1\n" * 1500,
        "1 \t[10:02]" * 2000 + "x",
        "> 田村: 1 2\n" * 1000,
        "被保険者番号 " + "…" * 3000 + "1",
        "a" + "." * 6000,
        "l9B4." * 1500,
        "口座番号、" * 2000 + "1",
        "口座番号は？\n" * 1000,
        "口座番号 A1 " * 1000,
        "1ねん" * 3000,
        "ゼロ・" * 2000,
        "住所 1 丁目、" * 1000,
        "1ハイフン" * 2000,
        "1-\\\n（続き）" * 1000,
        "ﾃﾞﾝﾜﾊﾞﾝｺﾞｳ" * 1000,
        "denwa bangou " * 1000,
        "=DATE(1990,1," * 1000,
        "市外局番03、局番" * 800,
        "「1」" * 3000,
        "1 , " * 2000,
        "北海道美幌町丙" * 600,
        "1号棟 " * 1500,
        "a[.]" * 2000 + "[@]",
        "@の前は" * 1000 + "a",
        "口座番号1桁→ " * 800,
        "カード末尾 No." * 800,
        "03-4566-2400〜" * 600,
        "受診者番号 K-" + "123-" * 2000,
        "利用者ID " + "1の" * 2000,
        "顧客コード 東京-" * 800,
        "登録 練馬 " * 1000,
        "部屋番号 東池袋1-2-" * 600,
        "受付番号 1-" * 1500,
        "第1投票区 " * 1500,
        "三菱UFJ 218-" * 1000,
        "いちにさん、" * 1500,
        "Address: Room 1, " * 800,
        "LINE ID " * 1000,
        "LINE a" + "_" * 5000,
        "年金 1234 " * 1500,
        "車両 練馬 " * 1000,
        "北 区 " * 2000 + "1 - 2",
        "Date of Birth: Sat, " * 800,
    ],
)
def test_long_hostile_input_is_masked_in_linear_time(text: str) -> None:
    """No timing here (benchmarks/privacy.py has it): a masker that backtracks exponentially never returns."""
    assert mask(text).text.count("［") <= len(text)


def test_contacts_the_ward_publishes_are_kept_when_asked_and_names_never() -> None:
    published = public_contacts(
        [
            "粗大ごみ受付センター（電話 03-0000-2520）へ。",
            "DX推進課 dx-kaizen@city.sample.lg.jp",
            "会場は区内南町3丁目の区民センターです。担当は田中です。",
            "こちらには何もありません。",
        ]
    )
    typed = (
        "受付 03-0000-2520、ＤＸ推進課 dx-kaizen ＠ city.sample.lg.jp、区内南町3丁目。"
        + "田中さんの自宅 03-1234-5678"
    )
    kept = mask(typed, published)
    assert "03-0000-2520" in kept.text
    assert "dx-kaizen ＠ city.sample.lg.jp" in kept.text, "as published, whatever the width and spaces"
    assert "区内南町3丁目" in kept.text
    assert "03-1234-5678" not in kept.text
    assert "田中" not in kept.text
    assert kept.kinds == ("氏名", "電話番号")
    assert "03-0000-2520" not in mask(typed).text, "without the published contacts, every number is masked"
