"""What around a word says it names a person, shared by the detectors of names.

Honorifics and titles, the cues before a name (氏名：, 担当の) and after it (に聞いた, は休み), family
members and kin, the marks and word lists that several detectors ask; regular expressions and sets only.
"""

from __future__ import annotations

import re

from bot.privacy import lazy


def _longest_first(*words: str) -> re.Pattern[str]:
    """One of ``words``, the longest that matches (ケアマネジャー, not ケアマネ)."""
    return lazy.compile("|".join(sorted(words, key=len, reverse=True)))


_HONORIFICS = tuple("さん さーん 様 さま サン 氏 君 くん ちゃん っち 殿 先生 どん".split())
_STAFF_TITLES = (
    *"課長 係長 部長 主任 主査 主事 主幹 次長 室長 副参事 参事 係員 副課長 補佐 統括 事務長 指導主事".split(),
    *"代理 技師 専門員 リーダー マネージャー マネジャー チーフ".split(),
    *(f"{title}(?![A-Za-z])" for title in "CW PM PL SE SV".split()),
)
"""Titles of staff; in capitals, roles staff write after a colleague (田中CW, 大橋PM), before no letter."""
_CARE_TITLES_AFTER_WORDS = (*"ケースワーカー ケアマネジャー ケアマネージャー ケアマネ 先輩".split(),)
"""Titles no word ends in, unlike 看護師 (正看護師): after a word that may be a name (林ケースワーカー)."""
_CARE_TITLES = (
    *"保健師 看護師 保育士 栄養士 社会福祉士 介護福祉士 相談員 支援員 指導員 調査員 教諭".split(),
    *"助産師 薬剤師 理学療法士 作業療法士".split(),
    *_CARE_TITLES_AFTER_WORDS,
)
"""Who visits, cares or teaches (佐藤保健師, 藤田ケアマネ, 岡田先輩): a person's titles, never a place's."""
_OTHER_TITLES = (
    *"所長 局長 区長 議員 委員 医師 弁護士 社長 校長 園長".split(),
    *"監督 コーチ 主将 選手 顧問 教授 准教授 記者 店長".split(),
    *"会長 副会長 理事長 館長 院長 教頭 カメラマン アナウンサー インストラクター 運転手".split(),
    *"町会長 町内会長 自治会長 議長 副議長".split(),
    *(f"{title}(?![会選団])" for title in "県議 市議 区議 都議 府議 道議 町議 村議".split()),
    *"税理士 司法書士 行政書士 社会保険労務士 社労士 弁理士 公認会計士 会計士".split(),
    *_CARE_TITLES,
)
"""Titles outside the office too: a team's (浅田 監督, 小出 コーチ, 原田 選手), a school's, a paper's, a
shop's, an association's, an assembly's or a hall's (杉原 会長, 西田 町会長, 石井 県議, 宮下 館長), a
trade's (森島 カメラマン, 飯塚 運転手), or a licensed profession's whom the ward sends to advise (山際
税理士, 国枝 司法書士); an assembly member's short title before no 会, 選 or 団 (千葉県議会 is the
assembly)."""
_AFTER_NAME = _longest_first(*_HONORIFICS, *_STAFF_TITLES, *_OTHER_TITLES)
"""What after a name word says it is a person's: an honorific or a title."""
_AGE = (
    r"[ \t\u3000]*\((?:[0-9]{1,3}(?:歳|才)?|[小中高][1-6]|年[長中少]"
    r"|(?:生後)?(?:[0-9]{1,2}(?:歳|才))?[0-9]{1,2}(?:か|カ|ヶ|ケ|ヵ|箇)?月)\)"
)
"""An age or a school or nursery year in parentheses after a name (本田 正（68）, 川島 陸（小3）,
村上 蒼空（3歳）, 大森 ひなた（年長）), or an infant's in months (ひなた（8か月）, 湊（1歳2か月）)."""
_TITLE = _longest_first(*_STAFF_TITLES, *_OTHER_TITLES)
_AFTER_WORD = _longest_first(*_HONORIFICS, *_STAFF_TITLES, *_CARE_TITLES_AFTER_WORDS)
"""What after a word the dictionary does not read as a name there (林様, 杁中さん) says it is one:
an honorific, a staff title or a title no word ends in (林ケースワーカー), not a title that a compound ends
in (正看護師, 准看護師)."""
_PRESENCE = "在席|外出|休暇|年休|不在|出張|直帰|在宅|帰宅"
"""Where someone is on a presence board (原 在席　高木 外出): after a surname, never a given name."""
_HOME = r"(?:[\u4e00-\u9fff]{1,4}[都道府県市区町村]|[都道府県市区町村][内外]|海外)"
"""Where someone lives, as a guest book's row gives it after the name (東京都, 区内, 区外, 海外): never a
given name."""
_FAMILY = "(?:子|長男|長女|次男|次女|三男|三女|妻|夫|父|母|祖父|祖母|孫|兄|姉|弟|妹)"
"""Family members in a form's lines (子：Le Gia Bao, 妻：花子)."""
_LATIN_ROLES = (
    "(?i:cc|bcc|from|cw|assignee|owner|operator|reviewer|approver|author|reporter|requester|applicant"
    "|user(?:_?name)?|assigned_?to|staff|respondent|display_?name|kana|furigana"
    "|(?:created|updated|modified|changed|approved|reviewed|checked|requested|assigned)_?by)"
)
"""Labels in Latin letters before a person's name, as exports and English mails write them (staff, CC, by)."""
_ROLES = (
    "氏名|お名前|名前|名義|宛名|フリガナ|申請者|申込者|世帯主|本人|契約者|被保険者|保護者|相談者|"
    "受給者|届出人|代理人|担当者|担当|差出人|送信者|送り主|連絡者|報告者|作成者|記入者|起案者|依頼者|"
    "発信者|対応者|受付者|相手方|同居人|委任者|受任者|債務者|債権者|納税者|相続人|扶養者|申出人|請求者|"
    "名義人|申立人|旧姓|通称|宛先|姓|文責|記録|対象者|当事者|通報者|来庁者|来所者|面談者|承認者|決裁者|確認者|記録者|入力者|回答者|"
    "同行者|同行|名乗り|受付|窓口対応|回覧|決裁|承認|起案|供覧|ケース|児童|生徒|"
    "[\u4e00-\u9fff]{1,4}[ \u3000]?[者員]|"
    "早番|遅番|日勤|夜勤|当番|当直|宿直|日直|随行|"
    "出席|欠席|司会|進行|書記|議長|座長|講師|作成|確認|説明|発表|"
    f"{_LATIN_ROLES}"
)
_KIN_WORDS = "父親|母親|息子|娘|おやじ|親父|おふくろ|家内|嫁|旦那"
"""Family members as staff write of them, beyond a form's `_FAMILY`: for `_RELATION` and `_KIN_BEFORE`."""
_KANJI_DIGITS = "一二三四五六七八九十"
_WHEN = (
    "(?:本日|今日|明日|昨日|今夜|今晩|今週|来週|先週|今月|来月|午前中|午前|午後|終日|現在|ただいま|只今|今"
    "|きょう|あした|きのう)"
)
"""When, between a person and what they are doing (田中は本日休みです, 佐藤は午後から出張)."""
_SUBJECT = rf"(?:が|は|も|って)(?:{_WHEN}(?:は|も|から)?)?"
"""The particle after a person who does or is something, and when (田中は本日, 佐藤が, 山形って今日)."""
_STILL_WORDS = ("もう", "まだ", "また", "さっき", "いま", "ちょうど")
_STILL = f"(?:{'|'.join(_STILL_WORDS)})"
"""An adverb between a person and what they do (山形がまだ戻らない, 佐藤がもう帰った)."""
_AWAY = "不在|休み|お休み|外出|出張|異動|出向|転勤|退職|在席|席を外"
"""Where a person at work is or is not (鈴木は外出中, 田中は本日休み): shared by `_CUE_AFTER` and
`_ONE_KANJI_CUE`."""
_MEETING = rf"{_SUBJECT}{_STILL}?(?:打ち?合わ?せ|会議|研修|説明会|面談)(?:に|へ)(?:出|行|参加)"
"""Who has gone to a meeting (南が打合せに出ています, 東は会議に行った): said of a person only."""
_ON_DUTY = (
    rf"(?:が|は|も|って)(?:{_WHEN}の)?(?:宿直|当直|日直|当番|夜勤|早番|遅番)(?![表制])"
    "|って(?:何|なに|どこの)(?:課|係|部|室)"
)
"""Who is on duty (関が今日の宿直), or which section someone is in (岩って何課): said of a person only."""
_CUE_AFTER = lazy.compile(
    "(?:って|っていう|という|と言う|とかいう)(?:人|方|者|男性|女性|住民|区民|職員|利用者|お客|誰|だれ)"
    "|と(?:申します|申す者|いいます|言います|名乗)"
    "|(?:に|から|が|と|へ)(?:は|も|の)?(?:聞|訊|きい|きか|言わ|言っ|いわ|いっ|伝え|つたえ|連絡|電話|相談|確認|"
    "頼|たの|話|メール|問い?合わせ|問合せ|お願い|教え|おしえ|報告|返事|返信|引き?継|依頼|渡|送付|代わ|お?任せ|丸投げ|"
    "伝言|打ち?合わ?せ|面談|協議|調整|振っ|振ら|振り|投げ|回し|まわし|転送|折り?返|回答|(?i:cc)|"
    "れんらく|でんわ|そうだん|かくにん|はなし|めーる|といあわせ|おねがい|ほうこく|へんじ|ひきつ)"
    "|宛|あて|曰く|いわく|によると|によれば|を(?:呼|巻き込|紹介|(?i:cc))|[とも]一緒|と(?:二人|ふたり)で|まで(?:ご)?(?:連絡|電話|メール|問い?合わせ|回し|まわし)"
    rf"|(?:ほか|他|以下)(?:[0-9]+|[{_KANJI_DIGITS}]+)名|{_ON_DUTY}"
    rf"|{_SUBJECT}(?:何て|なんて|何と|なんと|そう|こう)(?:言|いっ|いう|いわ)"
    rf"|{_SUBJECT}{_STILL}?(?:かえっ|かえり|もどっ|もどり|つくっ|かいた|かいて|きた|きて)"
    rf"|{_SUBJECT}(?:さ[、,]?)?{_STILL}?(?:酔っ|寝坊|怒っ|泣い|笑っ|謝っ|休ん|困っ|張り切っ|はりきっ|なくし|失くし"
    "|忘れ|間違え|サボっ|さぼっ|(?:同じ)?ミス(?:し|っ))"
    rf"|(?:って|は)(?:{_WHEN}(?:は|も)?)?{_STILL}?(?:いる|いない|いま(?:す|せん))"
    r"|(?:いる|いない|いた|いま(?:す|せん))(?=[?!。、,\n]|$|[かのよね](?![ぁ-ゖ])|なら|けど|って)"
    rf"|{_MEETING}"
    r"|が[^、。,!?\n]{1,16}?[てで]くれ|に[^、。,!?\n]{1,12}?(?:頼ん|頼ま|頼む|頼め|依頼し|お願いし)"
    rf"|{_SUBJECT}{_STILL}?(?:(?:担当|対応)(?:し|です|でし|いたし|になり|になっ|中|済)|{_AWAY}"
    "|来庁|来所|来訪|来館|来られ|来(?:た|ます|まし|て|る)|見え|いらっしゃ|申し出|賛成|反対|了承|同意"
    "|会議中|戻(?:り|っ|る|ら)|帰(?:り|っ|る|ら)|言う|言い|やり|やっ|やる|作成し|入力し|記入し|処理し"
    "|申し(?:て|ており|ます|まし|上げ)|在宅|テレワーク|育休|産休|病欠|病休|研修|休暇|有休|年休|代休|振休|早退"
    "|遅刻|遅れ(?:る|て|ます|まし|た)|欠勤|出勤|出社|直帰|作っ|書い|探し|くれ|送っ|持っ"
    "|窓口(?:に|で|です|担当|当番)|代理(?:で|を|出席))"
    r"|\([^()]{0,12}?[課係室班局部][^()]{0,4}\)"
    r"|\([^()]{0,12}?(?:在住|在勤|出身|国籍|[0-9]{1,3}(?:歳|才|代))[^()]{0,4}\)"
    rf"|{_AGE}"
    r"|\((?:本人|代理人|申請者|世帯主|父|母|夫|妻|長男|長女|次男|次女|祖父|祖母)\)"
    r"|[ \t\u3000]*\([ぁ-ゖ\u30a1-\u30faー \u3000]{2,16}\)"
    r"|[ \t\u3000]*\((?:内線|直通|携帯|PHS|(?i:tel|ext))[^()]{0,16}\)"
)
"""Says that the name word right before it is a person's: 木村って人, 佐藤という方, 鈴木と申します, someone
spoken to or heard from (田中に聞いた, 鈴木から連絡, 山本と相談, 佐藤が言っていた, 高橋宛て, 渡辺まで連絡,
小林によると, 佐藤に引き継ぎ, 鈴木にお任せ), or someone at work or at the counter (山田が担当します,
佐藤が担当です, 鈴木は外出中, 吉田は異動しました, 高橋が来庁, 田中が来た, 鈴木は会議中, 佐藤は戻り次第,
田中がやります, 佐藤が作成し, 田中も賛成, 山口が申しておりました, 田中は本日休みです, 原が対応中,
山田（総務課）, 近藤（内線2345）: folded, the parentheses are ASCII), or in a form (田中（父）,
佐藤（本人）, 鈴木（港区在住）, 田中（45歳）), or its reading follows it (佐藤 （さとう）); also
山本からの伝言, 高橋との打合せ, 佐々木への連絡, 小林ほか1名, 田中以下3名, 藤田は今日は在宅勤務,
藤井に振って, 太田をCCに, 平井まで回して, 山形がまだ戻らない, 鹿児島が今日は窓口, 品川が代理で,
ゆきが遅れる, someone who did a favour (秋田がPCのセットアップしてくれた) or was asked one
(岡本にRPA頼んだら)."""
_KATAKANA_ONLY = lazy.compile("[\u30a1-\u30faー]+")
"""A word all in katakana (クミンホール, パンダ)."""
_AWAY_BARE = lazy.compile("休み|不在|欠勤|年休|有休|早退|遅刻")
"""Who is away, right after a surname the dictionary reads as a place (大塚休み; not 長野出張, a trip)."""
_TAKES_ON = lazy.compile("で(?:対応|担当|引き?受け|預か)")
"""Says that the word right before it, read as a name there, or as a place there and as a name before
さん alone but not a prefecture, takes a matter on (田中で対応します, 中島で預かります; 福岡で対応 stays)."""
_KIN = lazy.compile("お(?:ばあ|じい|かあ|とう|にい|ねえ|母|父|兄|姉|子|ば|じ)|ご(?:主人|家族|両親|本人)")
"""Family, as one calls them (おばあちゃん, お母さん, ご家族)."""
_BELONGING = lazy.compile(
    "の(?:机|席|デスク|ハンコ|はんこ|判子|印鑑|パソコン|PC|端末|私物|ロッカー|引き?出し|携帯|スマホ|名札|代わり|かわり|発言|都合)"
    "(?!教室|講座|ショップ|店|売り?場|コーナー|修理|会社|メーカー|販売)"
    "|宅(?![地配建急])|邸|[ \t\u3000]*(?:ご|御)?(?:夫妻|夫婦)"
)
"""What only a person has (松本の机, 中野のハンコ, 宮下の代わりに, 堀江宅), or a couple (大宮 夫妻,
品川ご夫婦): after a word the dictionary reads as a place or a thing there, and as a name before さん
alone, it says the word is a surname; not when it heads a shop's or a class's name (池袋のパソコン教室,
新宿の携帯ショップ)."""
_PLACES_THING = lazy.compile(
    "[ \t\u3000]?の[ \t\u3000]?(?:交差点|河川敷|町並み?|街並み?|水位|水質|周辺|付近|沿道|景色|風景|名物|特産"
    "|観光|上流|下流|海岸|山頂|方面"
    "|山奥|旧市街|市街|伝統|堤防|護岸|河川|流域|治水|出張所|支所|営業所|事業所|支店|本店|店舗|工場|敷地|集会所|公民館|駅(?!伝)|清掃"
    "|水(?![\u4e00-\u9fff])|(?:意味|語源|定理|公式|法則)(?![\u4e00-\u9fff])"
    "|(?:花|苗|球根|種|葉|実|芽)(?![\u4e00-\u9fff々])"
    "|会(?![\u4e00-\u9fff]))"
)
"""What a place or a group has, not a person (中川の河川敷, 中川の堤防工事, 上原の交差点,
坂本の町並み, あゆみの会, 梅田の出張所, 白石の敷地, 小川の水, 小川の清掃), or a word or a theorem
(かとうの意味, ロドリゲスの定理), or a plant's part (エリカの花, さくらの苗, つばきの実): after a word the
dictionary reads as a name there, it takes back
`_PERSONS_THING`'s の; the の spaced too, as a sentence typed word by word is (中野 の 出張所)."""
_SURNAMES_READ_AS_WORDS_BEFORE_SAN = frozenset("西北星浜池丸宮陣樋瀬沖鷲熊萩蔵寺舘")
"""Surnames of one kanji that the dictionary reads as words even before さん (西さん, 星さん, 池さん):
found by asking it about a hundred one-kanji surnames."""
_ONE_KANJI_LABELS = frozenset("新旧済未正副税有計要続完了保至本終定満出祝金可否")
"""Labels of one kanji that the dictionary reads as surnames before さん too: in parentheses or alone on a
line (申請（新）, 金 for 金曜日) they label, they do not sign."""
_NOT_ONE_KANJI_NAMES = frozenset("方孫友室科館団所官内本心米韓")
"""One-kanji words the dictionary reads as names before さん that are as often whom or where one calls
(担当の方から電話, 孫に聞いた, 室に連絡, 館に確認, 米から連絡): never taken for a surname alone."""
_BARE_PARTICLE = lazy.compile(
    "が|は|も|か|しか|さえ|って|から|より|まで|に|と|へ|を|の|くらい|ぐらい|だけ|なんか|たち|じゃ|なん|です|だ"
    "|次第|っぽい|みたい|らしい|まじ|マジ|作成(?!者)"
    "|担当(?:[、,。!?)]|です|$)|[、,。!?→」)]|\n|$"
    "|で(?=[、,。!?\n]|$|いい|お願い|よろし|大丈夫)"
    "|\\(|不在|休み|欠勤|年休|有休|早退|遅刻|対応(?:[、,。!?)]|です|中|済|$)"
    "|[0-9]{1,2}(?::[0-9]{2}|時)"
)
"""What after a surname alone (spaces between allowed) says a person, with the dictionary reading it as a
surname there: a particle, です, 担当, a mark or the line's end (伊藤が, 前田 の端末, 当番は 岡 です,
竹内→総務, 中島じゃない？, 吉岡担当。, そうそう、戸田。), or で as who is chosen (無理なら柴田で,
望月でいいや; 長野で研修 stays), a note in parentheses (林（〜15:00）), or a memo's word for who is away or
takes it (清水不在, 田村対応; not 出張: 長野出張 is a trip), or what is said of a person only (小田次第,
中田みたい, 大久保っぽい, 牧野まじ, 北野作成.pptx), or the time of their visit or shift (訪問：新谷
13:00-15:00)."""
_Lines = tuple[list[int], list[bool]]
"""Where each line of a text begins, and whether it holds kanji (`_kanji_lines`)."""
_LIST_CUE = lazy.compile(rf"(?:{_ROLES})名?(?:は|が|:|：)[^。()\n:：]*$")
"""A cue of people before a list on its line (参加者は課長、松浦、 ; 出席：北浜、): searched up to an item."""
_LIST_CUE_REACH = 40
_PLACE_JOINS = frozenset("ヶケノ之")
"""What joins the parts of a place's name as の did (緑ヶ原, 三ノ原): no name begins right after it."""
_KANJI_SURNAME = lazy.compile(r"[\u4e00-\u9fff々]{1,4}")
_HIRAGANA_NAME_WORD = lazy.compile(r"[ぁ-ゖ]{3,6}")
_PERSON_HONORIFIC = "さん|様|さま|氏|くん|ちゃん"
"""The honorifics after a name written another way (katakana parts, a writing in parentheses)."""
_INTRODUCING = lazy.compile("です|と申します|でございます")
_NOT_CALLED = frozenset({"接続詞", "感動詞", "連体詞", "代名詞"})
"""What a word opening a sentence before a comma is, read there, when no name: なお、, ただし、"""
_PLACE_ASKED = lazy.compile(r"(?:先|場所|会場|開催地|出身|行き先|目的地)(?:は|が)[ \t\u3000]*$")
"""Says that the word right after it is a place (出張先は長野です, 会場は松本です), whatever follows it."""
_KANJI_KATA = r"\u4e00-\u9fff々〆ヶ\u30a1-\u30fa\u30fc・"
_LATIN_WORD = r"[A-Z][A-Za-z'’-]{0,30}"
_LATIN_RUN = rf"{_LATIN_WORD}(?:,?[ \u3000](?:[a-z]{{1,3}}[ \u3000])?{_LATIN_WORD}){{0,3}}"
"""Up to four capitalised words, with a lower-case particle between two of them (Maria da Silva) or a comma
after the surname (TANAKA, Ichiro)."""
_CLOSING_PARENTHESIS = lazy.compile(r"[ \t\u3000]*\)")
_EAST_ASIAN_SURNAMES = (
    "王李張劉陳楊黄趙周呉徐孫朱胡郭何羅鄭梁謝宋唐許韓馮鄧曹彭曾蕭董袁潘蔣蔡葉程魏蘇呂任沈姚盧姜崔鍾譚陸汪范"
    "金朴尹申權柳裵洪禹閔辛玄卞林安馬"
)
_WORDS_TAGGED_AS_NAMES = frozenset({"ベンダー", "民生", "角丸", "国保"})
"""Office words the dictionary tags as names (ベンダーさん is a supplier, 民生さん a 民生委員, 角丸の四角 a
flowchart's shape, 母の国保 the national health insurance, which it reads as a given name before さん)."""
_NOT_HONORIFIC = lazy.compile("様[式子相]|氏名(?!義)")
"""What after a word looks like an honorific but begins another word: 様式, 様子, 様相, and 氏名 (カナ氏名欄;
林氏名義 is 林氏's)."""
_LONE_KANJI = lazy.compile(r"[\u4e00-\u9fff]")
_KANJI_WORD = lazy.compile(r"[\u4e00-\u9fff々]{1,2}")
_KANA_WORD = lazy.compile(r"[ぁ-ゖ]{2,4}|[\u30a1-\u30fa\u30fc]{2,5}")
_HIRAGANA_WORD = lazy.compile(r"[ぁ-ゖー]+")
_SPACE = frozenset(" \t\u3000")
