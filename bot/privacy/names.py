"""Personal names: the surnames and given names Sudachi's dictionary knows, where the text shows a person.

Sudachi tags the names in its dictionary (名詞・固有名詞・人名・姓／名). A name
word on its own may be a place or an ordinary word (長野, 大和, 小川), so a run
of name words (spaces between them allowed) is masked only when the text
shows that it names a person:

- it holds a surname and a given name (山田太郎, 高橋 一郎, ヤマダ タロウ);
- an honorific or a title follows it (山田さん, 佐藤様, 渡辺氏, 井上係長, 阿部保健師, グエンさん; and
  松本様, 清水課長, 岡田先輩, whose surnames the dictionary reads as places, or 山崎くん after は,
  which it reads as some other proper noun there but as a surname before さん; or 佐藤保健師, which
  it splits as 佐 + 藤保 + 健師);
- a cue before it says a name follows (氏名：, 名前は, 申請者は, 世帯主の, 要介護者, ケース：, CW, 担当：,
  文責：, 受付：, 同行, 回覧：, CC:, a stamp's column （審査）, 以上、 at the end of a memo; in minutes
  出席：, 欠席：, 司会：, 進行：, 書記：, 作成：, 確認：, but not a label after them, 承認：済), or one after
  it says it is a person's (木村って人, 佐藤という方, 鈴木と申します) or someone spoken to or heard from
  (田中に聞いた, 鈴木から連絡, 山本からの伝言, 佐藤に引き継ぎ; also where the dictionary reads the surname as
  an ordinary word there, 係の山田に聞いた, 西村へメール, or a surname of one kanji, 森が担当, 堀から電話,
  岡が持ってきた, 林と二人で, 林と話した, 畑も一緒に, 岡が戻ったら; not one in what a thing is,
  森と一緒に歩くハイキング), at work, away or on duty (田中は本日休みです, 原が対応中, 岡田は育休中,
  山形がまだ戻らない, 鹿児島が今日は窓口, 品川 が代理で, 関が今日の宿直, 福岡は来月から出向,
  南が打合せに出ています, 生田いる？), asked about for their section (岩って何課), doing what only people do
  (本田が酔っぱらってた), passed work or copied in (藤井に振って, 福田にCC, 藤原を巻き込んで), with others
  (小林ほか1名) or their section, role or extension in parentheses (山田（総務課）, 田中（父）,
  近藤（内線2345）), or, when the dictionary reads it as a name there, something of theirs (田中の件,
  佐藤の申請書, 鈴木の住所, 田中の方針, 高橋のこと, 鈴木の3名: の and a noun or a count) or です or なら
  (山田です, 担当は佐藤です, 池田なら詳しい), where something came from (田中より, 高橋を通じて, 小林来庁),
  their home (佐藤家, 田中邸, 鈴木方), a signature (田中拝, （田中）), or their place at work or in a family
  before it (課長の佐藤, 同僚の鈴木, 税務課の山田, 息子の太郎, 母親の佐藤, 妻 花子);
- the dictionary reads it as a surname there and a particle, です, 担当, a mark or a line's end follows,
  spaces between allowed (伊藤が書いた, 中村しか分からない, 今井、さっきの, 全部 前田 の端末, 竹内→財政課,
  中島じゃない？, 吉岡担当。, 小田次第, 中田みたい, 北野作成.pptx, 訪問：新谷 13:00-15:00; one kanji only as a
  word of its own, 辻も同じ意見), or as a name in hiragana (ひろみが対応済み), or it is called first in a line
  (翔太、); it introduces itself after a greeting or first in a line or a quote (お疲れ様です、林です;
  泉です。), or speaks first in a line of minutes or a chat log (林：了解, 森「…」); or it reads a place or a
  company there that it reads as a name before さん alone, after a form's cue or a section (参加者：栗原,
  世帯主：本田, 総務課の松本です, 保育園の園長、瀬戸です), or alone on a message's last line after a sentence
  (…お願いいたします。 and 三好 on the next line); a title comes before it (保健師 佐々木), or it stands alone
  in parentheses or quotes (（田中）, 「田中」) or at the end after a sentence (内容確認済み。久保), or it
  hands over to another (小田→津田);
- it is listed with a name found (鈴木・佐藤さん, 田中と高橋さん, 佐藤さん、鈴木の両名, 田中/佐藤で対応,
  高橋か中村に聞いて, 山田→佐藤; in a schedule past the time before each, 11:30-12:30 沼田／12:30-13:30 田辺),
  and the dictionary reads it as a name there or before さん alone; or two words it reads as names there are
  listed with ・ (井上・木下で対応); or work is handed over from it to a name found or back (岸から堀へ,
  東から西に引き継ぎ).

A name's reading in parentheses beside it is masked too (山田太郎（やまだ たろう）, やまだ
たろう（山田太郎）), and one in quotes before an honorific or after 読み right after a name (「わたぬき」さん,
「福島」さん, 小鳥遊さん、読み方が「たかなし」). So is a given name after a name found and a space where a
list's item ends (母 黒田 キミ、), a full name of kanji with its reading in two parts before an honorific
(菅原琥珀（すがわら こはく）さん), a given name in kana before an honorific after a relation
(祖母のみよこさん) or before ちゃん (みーちゃん), a name before who they are in a family in parentheses
(結衣（長女・高2）) or after a family member before an age or a particle (姉の結愛（6歳）, 父の勝が) or, a
child's, before くん or ちゃん (息子さんの陽斗くん), a foreign name in katakana parts before one
(ワン・ウェイさん) or after カナ登録は, a cue or who someone is (カナ登録はレ・ティ・ホア,
相談者：ホアン・ヴァン・ミン, 通訳 ファム・ティ・ラン), a katakana word after a country and の before one
(ネパールのグルンさん), a surname in katakana before さん or 様 that the dictionary lacks or reads as a word
but as a name in hiragana (ソノダさん, ハヤシさん; ヘルパーさん stays), a name quoted after a name field, a
role or a family member (氏名欄に「山口 ゆかり」, 名前が「川村 澪」, 保護者「秋山 由美」), the cells of a
table pasted as text under a header that says they hold people (氏名, 担当, 申請者) or the numbered lines
under a line that says they are people (受講者一覧： above 1. 小鳥遊 ひな), and accounts written as an initial
and a surname in a mention, after a cue or before an honorific (@m.hayashi, CC: t.yamada, a.kondo さん).

A given name the dictionary does not know goes with the surname before an honorific, an age or a school year
(山田蒼空さん, 本田 正（68）). After a form-like cue with a colon (氏名：, 名前:, 児童名：, 園児名：),
whatever kanji or katakana follow are masked, known or not; so is a reading in katakana after フリガナ and a
space (フリガナ　モリヤマ アヤ).

Names in Latin letters (foreign residents' above all: Nguyen Van An様, Kim Min-jun さん, MARIA SANTOS) are
capitalised words, up to four, before an honorific or a title (joined by a hyphen too: Sato-san, without a
reply's Thanks before it), after a cue or a title (Mr. Patel said), in a form's field (Name: Zhang Wei), on
the line after an English mail's closing (Yuki Mori under Kind regards,; not City Office) or after one and a
comma ending a chat's line (…the file? Thanks, Michael), or two or more
alone in quotes with no English word among them (「TRAN THI HOA」, not 「Forms Pro」); a salutation before
them (Dear Nguyen様, Mr Smith様) is not part of the name. The dictionary's tags are no help there (it reads
the same unknown word as a name before さん and as a common noun before 様), so it is asked one thing only:
whether the first word is a word it knows that is not a name (Microsoftさん, Googleさん, Excel様式 stay),
unless it is a surname in capitals before a given name it lacks (ITO Kenji). A Japanese name in romaji is
a surname and a given name, in either order, that read as Hepburn romaji and that the dictionary reads as such
in kana (メモ：Tanaka Yui, Shinya Kondo; not Ueno Park); a name's writing in Latin letters across a slash
from a name found is one too (Agus Setiawan / アグス・スティアワン 様). An unknown word counts as a
name: a product the dictionary lacks (Salesforceさん) is masked too. An acronym (NTTさん) and a word with a
capital inside (ChatGPTさん, PowerPoint) are products or companies, not people.

A full name the dictionary holds as one word (小林太郎) counts as one, and a
lone kanji before name words is read with them again (after の, 前田花子 is
read as 前 + 田花子; 保健師 as 保 + 健師).

The dictionary reads many names as ordinary words except before さん (葵様 a
hollyhock, 林様 a wood, さとう様 sugar): a common noun with an honorific or a
staff title after it is a name when the dictionary reads it as one before
さん alone (皆様, 奥様, 業者さん stay). Text in hiragana alone is read as any
other (たなかさまからでんわ), and a name it splits into hiragana words before an
honorific (やまもとさん: やま + もと), or a surname before a cue (やまもとにきいた,
さとうからでんわ), is one when it reads its katakana spelling (ヤマモト) as a name; so
is a given name alone before a case particle's cue (たろうにきいた). A word of three to five hiragana opening
a clause before an honorific or a title typed in hiragana (おがわかかりちょう), or before a particle and a
cue, is a name when its katakana spelling is one
(うちださん, which the dictionary splits as うちださ + ん) or the dictionary reads it alone as a verb or an
adjective, which take no honorific (ながいさん) nor, as a verb's 連用形, が (ひらいが言ってた).

Not recognised: names in hiragana with nothing after them that says a person (きのうやまもとが) other than
in a form's field (ふりがな：やまだ たろう), beside a name in parentheses, as a surname and a given name
apart by a space (ひらかわ たかゆき) or as a surname ending an item after a cue or a role (書記 たかの), or
that the dictionary reads together with the hiragana around them (窓口ではやし様, やまもとちゃんと); a
hiragana given name it reads as part of a verb (たろうからでんわ: 〜たろう + から); a surname the dictionary
joins to the word before it (福祉課田中です: 福祉 + 課田 + 中) or before a title it does not know (田中GM;
田中CW, 大橋PM are masked); a surname it reads as a place or a word before a particle with nothing after it
that says a person (西が担当, 北から返事ない), or as a place before what is theirs (松本の件), which read
like any other word (but what only a person has is masked: 松本の机, 中野のハンコ, 堀江宅); a word read as a
name before what a place or a group has (上原の交差点, あゆみの会) is not masked; a given name in hiragana
it lacks before さん or 様 with nothing before it that says a person (ゆうとさん; ゆうとくん, ゆうとちゃん,
まこと先輩 and 祖母のみよこさん are masked); nicknames it reads otherwise (なべさーん; まっちゃん,
のぐちゃん, まっつん, なおぴー, よっしーが, まっすーに are masked). A name it reads as one right before a
verb is masked (村上いた, えりか怒ってた), and so are the surnames after weekdays in a rota, in a line (当番
月 岸 火 泉, 月 井手／金 奥村: 金 stays Friday) or down the page (月 上村 / 火 下田) or down a schedule of
days or times that holds names (5日 小笠原 above 6日 大野木), who does an item of a bulleted list
(・筒井：チラシの校正), and those of two to four kanji between the underscores of a file's name
(面談記録_荒井_0705.xlsx). Not recognised either: surnames listed with places or things and nothing that
says people (（中央、東、北浜、南丘）, 東口、西口、 北浜駅: 参加者は課長、松浦、岸本です and
当番：北、南、東 are masked), or two or more listed before a public facility (北浜、南丘の図書館,
東町と西町の集会所; 蓮と陽葵の保育園, given names before a nursery, are masked), or the end of a place's
name (緑ヶ原, みなと台西); and, in a line of hiragana alone (typed without kanji conversion), a name the
dictionary cuts out of a longer run of hiragana (しゅう + が + くつうち, じりつしえんい + りょう). Text
without kana or kanji is only tokenised for a Latin word before an honorific, so log lines cost nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from bot.kana import to_hiragana, to_katakana
from bot.sudachi import tokenizer

__all__ = ["NAME", "find_names"]

NAME = "氏名"


def _longest_first(*words: str) -> re.Pattern[str]:
    """One of ``words``, the longest that matches (ケアマネジャー, not ケアマネ)."""
    return re.compile("|".join(sorted(words, key=len, reverse=True)))


_HONORIFICS = ("さん", "様", "さま", "サン", "氏", "君", "くん", "ちゃん", "っち", "殿", "先生")
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
    *_CARE_TITLES_AFTER_WORDS,
)
"""Who visits, cares or teaches (佐藤保健師, 藤田ケアマネ, 岡田先輩): a person's titles, never a place's."""
_OTHER_TITLES = (*"所長 局長 区長 議員 委員 医師 弁護士 社長 校長 園長".split(), *_CARE_TITLES)
_AFTER_NAME = _longest_first(*_HONORIFICS, *_STAFF_TITLES, *_OTHER_TITLES)
"""What after a name word says it is a person's: an honorific or a title."""
_AGE = r"[ \t\u3000]*\((?:[0-9]{1,3}(?:歳|才)?|[小中高][1-6])\)"
"""An age or a school year in parentheses after a name (本田 正（68）, 川島 陸（小3）, 村上 蒼空（3歳）)."""
_AFTER_NAME_OR_AGE = re.compile(rf"{_AFTER_NAME.pattern}|{_AGE}")
"""What after a surname and a given name the dictionary lacks says they are a name (本田 正（68）)."""
_TITLE = _longest_first(*_STAFF_TITLES, *_OTHER_TITLES)
_TITLE_AT_END = re.compile(rf"(?:{_TITLE.pattern})$")
_TITLE_AND_COMMA = re.compile(rf"(?:{_TITLE.pattern})[、,][ \t\u3000]*$")
"""A title and a comma before a name, as one introduces oneself (保育園の園長、瀬戸です; 課長、大石です)."""
_AFTER_WORD = _longest_first(*_HONORIFICS, *_STAFF_TITLES, *_CARE_TITLES_AFTER_WORDS)
"""What after a word the dictionary does not read as a name there (林様, 杁中さん) says it is one:
an honorific, a staff title or a title no word ends in (林ケースワーカー), not a title that a compound ends
in (正看護師, 准看護師)."""
_AFTER_PROPER_NOUN = _longest_first(*_HONORIFICS, *_STAFF_TITLES, *_CARE_TITLES, "議員")
"""What after a proper noun that is not a name word (a place: 松本, 清水) still says it is a person;
a place's 区長 or 所長 does not."""
_FAMILY = "(?:子|長男|長女|次男|次女|三男|三女|妻|夫|父|母|祖父|祖母|孫|兄|姉|弟|妹)"
"""Family members in a form's lines (子：Le Gia Bao, 妻：花子)."""
_ROLES = (
    "氏名|お名前|名前|名義|宛名|フリガナ|申請者|申込者|世帯主|本人|契約者|被保険者|保護者|相談者|"
    "受給者|届出人|代理人|担当者|担当|差出人|送信者|送り主|連絡者|報告者|作成者|記入者|起案者|依頼者|"
    "発信者|対応者|受付者|相手方|同居人|委任者|受任者|債務者|債権者|納税者|相続人|扶養者|申出人|請求者|"
    "名義人|申立人|旧姓|通称|宛先|姓|文責|記録|対象者|当事者|通報者|来庁者|来所者|面談者|承認者|決裁者|確認者|記録者|入力者|回答者|"
    "同行者|同行|受付|窓口対応|回覧|決裁|承認|起案|供覧|ケース|児童|生徒|[\u4e00-\u9fff]{1,4}[者員]|"
    "早番|遅番|日勤|夜勤|当番|当直|宿直|"
    "出席|欠席|司会|進行|書記|議長|座長|講師|作成|確認|説明|発表|"
    "(?i:cc|bcc|from|cw)"
)
_CUE_BEFORE = re.compile(
    rf"(?:(?:{_ROLES})名?[)】]?(?:は|が|の|:|：|\()?|[(【](?:審査|合議|照査|検印|査閲)[)】]"
    rf"|以上[、,]|受[:：]|{_FAMILY}[:：]|@|(?<![A-Za-z])(?i:by)"
    r"|(?:午前|午後|終日|[月火水木金土日](?:曜日?)?)[:：])[ \t\u3000]*$"
)
"""Says that the name words right after it are a person's (searched in the text just before them):
氏名：, 申請者は, 担当者名：, 担当の, (担当), 本人（, CC:, a mention's @, a signature's by, or the
column of a stamp or a check in brackets (（審査）高松, 【合議】)."""
_KIN_WORDS = "父親|母親|息子|娘|おやじ|親父|おふくろ|家内|嫁|旦那"
"""Family members as staff write of them, beyond a form's `_FAMILY`: for `_RELATION` and `_KIN_BEFORE`."""
_RELATION = re.compile(
    "(?:(?:同僚|上司|上長|部下|前任|後任|先輩|後輩|新人|新任|同期|職員|住民|区民|市民|利用者|患者|私|自分|"
    "課長|係長|部長|主任|主査|主事|主幹|次長|室長|所長|局長|"
    rf"父|母|夫|妻|長男|長女|次男|次女|祖父|祖母|孫|兄|姉|弟|妹|配偶者|{_KIN_WORDS}|"
    "ご主人|旦那さん|奥さん|奥様|お父さん|お母さん|お子さん|ご家族|女性|男性|在住|在勤|"
    "保健師|看護師|保育士|ケースワーカー|ケアマネ|心理士|通訳|医師|弁護士|窓口|"
    "相談員|支援員|指導員|調査員|教諭|栄養士|社会福祉士|介護福祉士|担当者|担当職員)[の(:：は]?"
    "|[課係室班][の・]?)[ \t\u3000]*$"
)
"""Says that the word right after it, read as a name by the dictionary, is a person's: their position
(課長の佐藤, 同僚の鈴木, 住民の中村, 相談員は根本), section (税務課の山田, 総務課 山田, 総務課・木村),
family (息子の太郎, 母親の佐藤, 父（山田）) or who they are (40代女性の佐藤, 港区在住の鈴木)."""
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
_CUE_AFTER = re.compile(
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
_FROM_OR_HOME = re.compile(
    "より|を通じ|を通して|経由|来庁|来所|来訪|来館|(?:ご|御)?(?:夫妻|夫婦|一家)"
    "|家(?![電具賃屋庭計族事])|邸|宅(?![地配建])|方(?![面法針式向策角])|拝(?![\u4e00-\u9fff])"
)
"""Says that the name word right before it, read as a name by the dictionary there, is a person's: where
something came from or through (田中より, 高橋を通じて, 渡辺経由), a visit (小林来庁), a home or a couple
(佐藤家, 田中邸, 鈴木方, 山田夫妻), a signature (田中拝). Weaker than `_CUE_AFTER`: places and eras read as
surnames before さん stay (広島より, 福岡経由, 昭和より)."""
_AWAY_BARE = re.compile("休み|不在|欠勤|年休|有休|早退|遅刻")
"""Who is away, right after a surname the dictionary reads as a place (大塚休み; not 長野出張, a trip)."""
_TAKES_ON = re.compile("で(?:対応|担当|引き?受け|預か)")
"""Says that the word right before it, read as a name there, or as a place there and as a name before
さん alone but not a prefecture, takes a matter on (田中で対応します, 中島で預かります; 福岡で対応 stays)."""
_KIN = re.compile("お(?:ばあ|じい|かあ|とう|にい|ねえ|母|父|兄|姉|子|ば|じ)|ご(?:主人|家族|両親|本人)")
"""Family, as one calls them (おばあちゃん, お母さん, ご家族)."""
_KIN_AROUND = re.compile(
    rf"(?:(?:{_KIN.pattern}|ねえ|にい|じい|ばあ)(?:ちゃん|さん|様)|{_FAMILY}|{_KIN_WORDS})$"
)
"""Family before a name in parentheses (おじいちゃん（カメキチさん）, 母（トメさん））."""
_KIN_CALLED = re.compile(rf"(?:{_KIN.pattern}|ねえ|にい|じい|ばあ|かあ|とう|おっ|あに|あね)$")
"""Family before さん or ちゃん, with お or without (うちのおばあちゃん, ねえちゃん, おっちゃん)."""
_PERSONS_THING = re.compile(
    rf"の(?:[\u4e00-\u9fff\u30a1-\u30faA-Za-z]|こと|ところ|とこ|ほう|(?:[0-9]+|[{_KANJI_DIGITS}]+)[名人]"
    rf"|{_KIN.pattern})"
    "|です|でございます|なら"
    r"|\([^()\n]{1,16}\)(?:です|と申します|でございます)"
)
"""Says that the name word right before it, read as a name by the dictionary, is a person's: something
of theirs follows (田中の件, 佐藤の申請書, 鈴木の住所, 田中の方針, 高橋のこと), or it introduces someone
(山田です, 担当は佐藤です). Not asked of a word the dictionary reads as a place or a thing there (松本の件,
大和の件, 松本です): a place's 件 or 書類 are as likely. Also なら (池田なら詳しい), how many they are
(鈴木の3名) and their family (高橋のお母さん, 山田のおばあちゃん, 中村のご家族), or who they are in
parentheses before です (石田（会計年度任用職員）です)."""
_BELONGING = re.compile(
    "の(?:机|席|デスク|ハンコ|はんこ|判子|印鑑|パソコン|PC|端末|私物|ロッカー|引き?出し|携帯|スマホ|名札|代わり|かわり|発言|都合)"
    "(?!教室|講座|ショップ|店|売り?場|コーナー|修理|会社|メーカー|販売)"
    "|宅(?![地配建急])|邸"
)
"""What only a person has (松本の机, 中野のハンコ, 宮下の代わりに, 堀江宅): after a word the dictionary
reads as a place or a thing there, and as a name before さん alone, it says the word is a surname; not when
it heads a shop's or a class's name (池袋のパソコン教室, 新宿の携帯ショップ)."""
_PLACES_THING = re.compile(
    "の(?:交差点|河川敷|町並み?|街並み?|水位|水質|周辺|付近|沿道|景色|風景|名物|特産|観光|上流|下流|海岸|山頂|方面"
    "|山奥|旧市街|市街|伝統|堤防|護岸|河川|流域|治水|出張所|支所|営業所|事業所|支店|本店|店舗|工場|敷地|集会所|公民館|駅(?!伝)|清掃"
    "|水(?![\u4e00-\u9fff])|(?:意味|語源|定理|公式|法則)(?![\u4e00-\u9fff])"
    "|会(?![\u4e00-\u9fff]))"
)
"""What a place or a group has, not a person (中川の河川敷, 中川の堤防工事, 上原の交差点,
坂本の町並み, あゆみの会, 梅田の出張所, 白石の敷地, 小川の水, 小川の清掃), or a word or a theorem
(かとうの意味, ロドリゲスの定理): after a word the dictionary reads as a name there, it takes back
`_PERSONS_THING`'s の."""
_ONE_KANJI_CUE = re.compile(
    "(?:に|から|と|へ)(?:は|も|の)?(?:聞|訊|連絡|電話|相談|確認|メール|問い?合わせ|問合せ|報告|返事|返信|"
    "引き?継|依頼|頼ん|頼む|お願い|任せ|話し|丸投げ)"
    rf"|{_SUBJECT}(?:担当|対応|{_AWAY}|言っ|言う|作っ|書い|在宅|テレワーク|出勤|研修|窓口|当番)"
    rf"|{_SUBJECT}(?:{_STILL}(?:戻|帰)(?:っ|ら|り|る)|(?:戻|帰)(?:ったら|り次第|られ))"
    rf"|が{_STILL}?持って(?:き|来)|(?:って|は|も){_STILL}?(?:いる|いない|いま(?:す|せん))"
    "|から(?:返事|返信)|(?:って|という)(?:人|方)|[とも]一緒|と(?:二人|ふたり)で|から(?:書類|資料|ファイル)?を?(?:受け取|もら)"
    rf"|[、,](?:{_WHEN}(?:は|も)?)?(?:{_AWAY})|{_ON_DUTY}|{_MEETING}"
    r"|(?:が|は)[^、。!?\n]{1,12}の担当(?!者)"
)
"""After a surname of one kanji, the cues of `_CUE_AFTER` that say a person at work or on the phone; also
沖と一緒に, 畑も一緒に, 林と二人で, 林と話した, 畑から書類受け取った, 岡が持ってきた, 泉ってまだいる (いる,
not ある: someone), a comma before who is away (北、今日は休みです), and who comes back to the office, as said
of a person (岡が戻ったら, 峰はもう帰った, 沖が戻り次第; not 光が戻った)."""
_SURNAMES_READ_AS_WORDS_BEFORE_SAN = frozenset("西北星浜池丸宮陣樋瀬沖鷲熊萩蔵寺舘")
"""Surnames of one kanji that the dictionary reads as words even before さん (西さん, 星さん, 池さん):
found by asking it about a hundred one-kanji surnames."""
_DIRECTIONS = frozenset("東西南北")
"""Surnames of one kanji that are directions too: two of them joined by と are places (東と西、どっち)."""
_ONE_KANJI_LABELS = frozenset("新旧済未正副税有計要続完了保至本終定満出祝金可否")
"""Labels of one kanji that the dictionary reads as surnames before さん too: in parentheses or alone on a
line (申請（新）, 金 for 金曜日) they label, they do not sign."""
_NOT_ONE_KANJI_NAMES = frozenset("方孫友室科館団所官内本心米韓")
"""One-kanji words the dictionary reads as names before さん that are as often whom or where one calls
(担当の方から電話, 孫に聞いた, 室に連絡, 館に確認, 米から連絡): never taken for a surname alone."""
_BARE_PARTICLE = re.compile(
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
_ONE_CHARACTER_PARTICLES = "はがもにとへのを"
_HIRAGANA_AFTER_PARTICLE = re.compile(f"[{_ONE_CHARACTER_PARTICLES}][ぁ-ゖ]")
"""A particle of one character in hiragana and more hiragana after it: the run goes on past the particle,
which may be part of a word (しゅうがくつうち, 就学通知, read as しゅう + が + くつうち)."""
_KANJI = re.compile("[\u4e00-\u9fff々]")
_NEWLINE = re.compile("\n")
_Lines = tuple[list[int], list[bool]]
"""Where each line of a text begins, and whether it holds kanji (`_kanji_lines`)."""
_LIST_CUE = re.compile(rf"(?:{_ROLES})名?(?:は|が|:|：)[^。()\n:：]*$")
"""A cue of people before a list on its line (参加者は課長、松浦、 ; 出席：北浜、): searched up to an item."""
_LIST_CUE_REACH = 40
_LIST_REACH = 6
"""How many items on each side of a word in a list are asked whether they show a thing: linear time."""
_COMMAS = ("、", ",")
_PLACE_JOINS = frozenset("ヶケノ之")
"""What joins the parts of a place's name as の did (緑ヶ原, 三ノ原): no name begins right after it."""
_INTRODUCED = re.compile("です|でございます|が|は|も|に|から|より|と|へ|[、,。)\n]|$")
"""After a place read as a surname with a section before it: 総務課の松本です, 福祉課の永田から, and 福祉課
平田 ending its line."""
_KANJI_SURNAME = re.compile(r"[\u4e00-\u9fff々]{1,4}")
_KANA_TITLES = frozenset({"かちょう", "ぶちょう", "かかりちょう", "しゅにん", "せんせい", "せんぱい"})
"""Titles typed in hiragana, by voice or in haste, after a name in hiragana (いけだかちょう)."""
_HIRAGANA_NAME_WORD = re.compile(r"[ぁ-ゖ]{3,6}")
_CLAUSE_END = re.compile(r"[、,。!?\n]|$|[ｗw笑]")
_KATAKANA_NAME_WORD = re.compile(r"[\u30a1-\u30faー]{2,6}")
_KANA_BEFORE_HONORIFIC = re.compile(
    "(?:(?<![ぁ-ゖー])[ぁ-ゖー]{2,6}|(?<![\u30a1-\u30faー])[\u30a1-\u30faー]{2,6})"
    "(?=[ \t\u3000]?(くん|君|先輩|さん|ちゃん|様))"
)
_READING_ASKED = re.compile(
    r"(?:読み|読み方|よみ|ふりがな|よみがな|フリガナ)[はがも]?[ \t\u3000]*「([ぁ-ゖ\u30a1-\u30faー]{1,10})」"
)
"""A reading in quotes after 読み (読み方が「たかなし」): a name's when a name comes shortly before it."""
_QUOTED_BEFORE_HONORIFIC = re.compile(
    r"「([ぁ-ゖ\u30a1-\u30faー\u4e00-\u9fff々]{1,10})」(?=[ \t\u3000]*(?:さん|様|さま|くん|ちゃん))"
)
"""A name in quotes before an honorific (「わたぬき」さん, 「リン」さんと読みます, 「福島」さんという苗字)."""
_PERSON_HONORIFIC = "さん|様|さま|氏|くん|ちゃん"
"""The honorifics after a name written another way (katakana parts, a writing in parentheses)."""
_KATAKANA_PARTS_BEFORE_HONORIFIC = re.compile(
    r"(?<![\u30a1-\u30faー・])(?<![\u30a1-\u30faー][ \t\u3000])"  # where the run begins: linear time
    r"[\u30a1-\u30faー]{1,12}(?:[・ \t\u3000][\u30a1-\u30faー]{1,12})+"
    rf"(?=[ \t\u3000]*(?:\([^()]{{1,40}}\)[ \t\u3000]*)?(?:{_PERSON_HONORIFIC}))"
)
"""A foreign name in katakana parts, joined by ・ or spaces, before an honorific, perhaps with its
other writing in parentheses between (ワン・ウェイさん, タパ マガル ビシュヌさん, ラジュ（Raju）さん)."""
_NAMES_READ_AS_PREFIXES = frozenset("原島光")
"""Surnames of one kanji that the dictionary reads as prefixes before a title (原主任, 島係長, 光課長); of the
65 kanji it reads so that are names before さん, the others begin office words as often (新課長, 全課長)."""
_KANJI_BEFORE_TITLE = re.compile(
    r"(?<![\u4e00-\u9fff々])([\u4e00-\u9fff々]{2,4})(?="
    + "|".join(t for t in (*_OTHER_TITLES, *_STAFF_TITLES) if t != "区長")
    + ")"
)
_NAME_AFTER_SECTION = re.compile(
    r"(?<=[\u4e00-\u9fff]{2}[課係室班])(?!課|係|室|班|長|内|員|題|全)([\u4e00-\u9fff々]{2,4})"
    r"(?=です|でした|から|より|が|は|も|の|に|と|へ|まで|[、,。)\n]|$)"
)
"""A name written straight after a section (福祉課田中です, 市民課田村から, 税務課高橋、区民課鈴木の3名)."""
_INTRODUCED_AFTER_SECTION = re.compile(
    r"(?<=[\u4e00-\u9fff]{2}[課係室班]の)([\u4e00-\u9fff々]{2,4})(?=です|でございます|と申します)"
)
"""Someone introducing themselves after their section and の (区民課の戸川でございます), a name the dictionary
may split (戸 + 川)."""
_KANJI_BEFORE_KUN = re.compile(
    r"(?<![\u4e00-\u9fff々])([\u4e00-\u9fff々]{1,2})(?=(?:くん|ちゃん)(?![だでじよねなけか?？]))"
)
"""A given name of kanji before くん or ちゃん, which the dictionary may read with them (翔く + ん); not a
verb's ending before what one says (行くんだけど, 書くんですか)."""
_GREETED = re.compile(
    "(?:(?:お疲れ様です|お疲れさまです|おつかれさまです|お世話になっております|お世話になります|こんにちは"
    "|おはようございます|失礼いたします|失礼します)[、,。!\\s]*|^|「)"
    "(?:[\u4e00-\u9fff\u30a1-\u30faー]{1,10}[課係室班部局所](?:の)?[ \t\u3000]*)?$",
    re.MULTILINE,
)
"""A greeting, a line's start or a quote's, and a section perhaps, before someone introducing themselves
(お疲れ様です、林です; 泉です。生成AIに…; 「松本です、今から向かいます」)."""
_INTRODUCING = re.compile("です|と申します|でございます")
_CALLED = re.compile("[、,]|が|は|も|って|と|に|から")
_CALL = re.compile("(?:ねえ|ねぇ|おい|おーい|ちょっと)[、,]?$")
"""What calls someone before their name (ねえ翔、, おーい、ゆき、)."""
_PAIR_END = re.compile("[、,]|が|も|は|で(?![きし])")
_KATAKANA_PART_BEFORE = re.compile(r"(?<![\u30a1-\u30faー])([\u30a1-\u30faー]{1,12})・$")
_KATAKANA_PART_AFTER = re.compile(r"・([\u30a1-\u30faー]{1,12})(?![\u30a1-\u30faー])")
_NOT_CALLED = frozenset({"接続詞", "感動詞", "連体詞", "代名詞"})
"""What a word opening a sentence before a comma is, read there, when no name: なお、, ただし、"""
_SPEAKER = re.compile(
    "^(?:[・･*●○◆◇■□▪-][ \t\u3000]*)?([\u4e00-\u9fff々]{1,4}|[ぁ-ゖ]{2,4})(?=[:「])"
    "|^([\u4e00-\u9fff々]{2,4})(?=\\)[^)\n])",
    re.MULTILINE,
)
"""A word of kanji or hiragana first on a line, or after a list's bullet, before a colon or a quote: who
speaks in minutes or a chat, or who does an item of a to-do list (・筒井：チラシの校正); or two kanji or more
first on a line before a closing parenthesis, as minutes mark a speaker too (飯塚）反対ではないが)."""
_BRACKETED = re.compile(r"^【([\u4e00-\u9fff々]{2,4})】", re.MULTILINE)
"""Two to four kanji in 【】 opening a line: who a chat's line is from (【山中】本日午後、外出します), when
no heading (【重要】, 【至急】, 【決定事項】)."""
_MARKED = re.compile(
    r"(?:(?<=[ \t\u3000:、,/])|^)([\u4e00-\u9fff々]{1,4})"
    r"(?:[◯○×△](?=[ \t\u3000、,/]|$)|→(?=[\u4e00-\u9fff\u30a1-\u30fa]))",
    re.MULTILINE,
)
"""A word before a presence board's mark (柳◯ 今泉×) or before an arrow to a task (須田→マニュアル改訂)."""
_ALONE_ON_LINE = re.compile(
    r"(?:^|(?<=[。!?]))[\u4e00-\u9fff](?=\n|$)|(?<=\()[\u4e00-\u9fff](?=\)[ \t\u3000]*(?:\n|$))"
    r"|(?<=【)[\u4e00-\u9fff](?=】)",
    re.MULTILINE,
)
"""One kanji alone on its line, after a sentence at a line's end, in parentheses ending a line or in 【】:
a signature (確認しました。北) or who does an item of a list (1. 要件整理（西）, 担当【森】【林】)."""
_SIGNED_LAST = re.compile(r"(?:。|!|^-{2,})(?:[ \t\u3000]*\n)+[ \t\u3000]*\Z", re.MULTILINE)
"""A sentence's end or a signature's dashes, then line breaks: what a message's signing name comes after
(searched in a few characters before it)."""
_TEXT_END = re.compile(r"\s*\Z")
_PLACE_ASKED = re.compile(r"(?:先|場所|会場|開催地|出身|行き先|目的地)(?:は|が)[ \t\u3000]*$")
"""Says that the word right after it is a place (出張先は長野です, 会場は松本です), whatever follows it."""
_KANJI_OR_KATAKANA = re.compile("[\u4e00-\u9fff々\u30a1-\u30fa]")
_KANJI_KATA = r"\u4e00-\u9fff々〆ヶ\u30a1-\u30fa\u30fc・"
_LATIN_WORD = r"[A-Z][A-Za-z'’-]{0,30}"
_LATIN_RUN = rf"{_LATIN_WORD}(?:,?[ \u3000](?:[a-z]{{1,3}}[ \u3000])?{_LATIN_WORD}){{0,3}}"
"""Up to four capitalised words, with a lower-case particle between two of them (Maria da Silva) or a comma
after the surname (TANAKA, Ichiro)."""
_LATIN_NAME = re.compile(rf"(?<![A-Za-z0-9@._'’-])({_LATIN_RUN})(?![A-Za-z0-9@])")
_LATIN_CLOSING = (
    r"(?:(?:Best|Kind|Warm|Warmest|With best)[ ](?:[Rr]egards|[Ww]ishes)|Regards|Sincerely|Yours"
    r"(?:[ ](?:sincerely|truly|faithfully))?|Thanks|Thank you|Many thanks|Cheers|Best)"
)
_LATIN_SIGNED = re.compile(
    rf"^[ \t]*{_LATIN_CLOSING}[,.!]?[ \t]*\n[ \t]*({_LATIN_WORD}(?:[ ]{_LATIN_WORD}){{1,3}})[ \t]*$"
    rf"|(?:^|(?<=[.!?]))[ \t]*{_LATIN_CLOSING},[ \t]*({_LATIN_WORD}(?:[ ]{_LATIN_WORD}){{0,2}})[ \t]*$",
    re.MULTILINE,
)
"""Two to four capitalised words on the line after an English mail's closing: its writer's name (Yuki Mori
under Kind regards,), unless a word says a body (`_BODIES`: City Office under Best regards,); or one to
three after a closing and a comma that end a chat's line, first in it or after a sentence (…the file?
Thanks, Michael)."""
_BODIES = frozenset(
    "Office City Ward Town Team Department Division Section Center Centre Council Government Service Services"
    " Support Desk Staff Inc Ltd Co Corp Company Group Association Committee Bureau School University".split()
)
_HIRAGANA_NAME = r"[ぁ-ゖー]{1,10}(?:[ \t\u3000][ぁ-ゖー]{1,10})?"
_PERSON_NAMED = (
    "(?:児童|園児|幼児|乳児|子ども|子供|生徒|学生|保護者|申請者|世帯主|担当者|利用者|入所者|相談者|患者|本人"
    "|代表者|職員|受講者|参加者|対象者)名"
)
"""A form's field for a person's name (児童名：, 園児名：, 申請者名：, 受講者名：); 件名：, 品名： and
施設名： name no one."""
_HIRAGANA_GIVEN = (
    r"(?!(?:さん|さま|様|くん|ちゃん|です|でした|より|から)(?![ぁ-ゖ]))"
    r"[ぁ-ゖー]{1,6}?(?=(?:さん|さま|くん|ちゃん)?(?![ぁ-ゖー]))"
)
"""A given name in hiragana after a surname in a form's field (氏名：大和田 すみ); not です, not さん."""
_FORM_FIELD = re.compile(
    rf"(?:氏名|お名前|名前|名義|宛名|名札|フリガナ|ふりがな|よみがな|読み仮名|旧姓|現姓|新姓|通称名?|{_PERSON_NAMED}"
    r"|(?<![A-Za-z])(?<![A-Za-z] )(?:Name|NAME|Full [Nn]ame))"
    rf"欄?(?:[（(][^）)]{{0,6}}[）)])?"
    rf"[ \t\u3000]*[:：][ \t\u3000]*"
    rf"([{_KANJI_KATA}]{{1,10}}(?:[ \t\u3000](?:[{_KANJI_KATA}]{{1,10}}|{_HIRAGANA_GIVEN}))?"
    rf"|{_LATIN_RUN}|{_HIRAGANA_NAME})"
)
"""A form-like field (氏名：蒼井 空, ふりがな：やまだ たろう, 氏名（カナ）：, 英字氏名欄：, Name:): what
follows is a name even when the dictionary does not know it, in hiragana too (a name's reading), unless
it says the field is blank (`_BLANK`)."""
_BLANK = re.compile("(?:空欄|空白|未記入|無記入|記入なし|未定|不明|同上|省略)(?![\u4e00-\u9fff])")
"""What a form's field says when it holds no name (氏名欄：空欄のまま, 氏名：未記入)."""
_QUOTED_NAME = re.compile(
    r"(?:(?P<field>氏名|お名前|名前|フリガナ|ふりがな|署名|名義|名札|(?<![\u4e00-\u9fff\u30a1-\u30faーA-Za-z])名)"
    rf"|{_FAMILY}|(?:{_ROLES})名?)欄?"
    r"(?:に|は|が|には|の|も)?[ \t\u3000]*[「『](?P<name>[^「」『』\n]{1,24})[」』]"
)
"""A name in quotes after what it is: a name field (氏名欄に「山口 ゆかり」, 名前が「川村 澪」,
子の名「蒼空」, a name tag's 名札には『上野』), a role or a family member (作成者欄に「K.Ishida」,
保護者「秋山 由美」子「秋山 心愛」)."""
_NEXT_QUOTE = re.compile(r"(?:と|、|,|/)?[ \t\u3000]*「(?P<name>[^「」\n]{1,24})」")
"""Another name in quotes right after one (「ゆうま」「ゆうと」, 「SANTOS」と「サントス」)."""
_SPELLED_IN_KANA = re.compile(
    r"(?:カナ|カタカナ)(?:表記|登録|氏名|名)?欄?(?:は|が|:|：)[ \t\u3000]*「?"
    r"([\u30a1-\u30faー]{1,12}(?:[・ \t\u3000][\u30a1-\u30faー]{1,12})+)"
)
"""A foreign name in katakana parts after what says its kana spelling (カナ登録はレ・ティ・ホア,
カタカナ欄：シルバ ベアトリス)."""
_READING_FIELD = re.compile(
    r"(?:フリガナ|カナ)[ \t\u3000]+([\u30a1-\u30faー]{1,12}[ \t\u3000][\u30a1-\u30faー]{1,12})"
    r"(?![\u30a1-\u30faー])"
)
"""A name's reading in katakana, a surname and a given name, after a form's フリガナ and a space instead of a
colon, as a pasted form's columns put it (氏名　森山 彩　フリガナ　モリヤマ アヤ)."""
_NAME_COLUMN = re.compile(rf"(?:{_ROLES}|{_PERSON_NAMED})名?")
"""A table's header cell over a column of people: 氏名, 担当, 担当者, 申請者, 作成者名."""
_TABLE_CELL = re.compile(
    rf"[{_KANJI_KATA}ぁ-ゖ]{{1,10}}(?:[ \u3000][{_KANJI_KATA}ぁ-ゖ]{{1,10}})?"
    rf"|{_LATIN_RUN}|[A-Z]\.[ ]?[A-Za-z]{{2,15}}"
)
"""What a cell under such a header holds when it may be a name: no digits, no marks but a name's ・, one
space at most; or an initial and a surname (K.Ishida)."""
_PEOPLE_LIST_HEADER = re.compile(
    r"(?:参加者|受講者|出席者|欠席者|対象者|申込者|来庁者|名簿|メンバー)(?:リスト|一覧|名簿)?"
    r"[:：]?[ \t\u3000]*$"
)
"""A line that says the numbered lines under it are people (RPA研修の受講者一覧：, 説明会の参加者リスト)."""
_NUMBERED_ITEM = re.compile(
    r"[ \t\u3000]*[0-9]{1,3}(?:[.)]|(?=[ \t\u3000]))[ \t\u3000]*(\S(?:.*\S)?)[ \t\u3000]*"
)
"""A numbered line of a list (1. 大野 翔太, 2) Pham Van Duc; ① folds to 1), what it holds in its group."""
_LONGEST_READING = 12
_READING_REACH = 30
"""How far before a quoted reading after 読み a name must end for the reading to be its."""
_KANA_READING = (
    rf"[ぁ-ゖー]{{1,{_LONGEST_READING}}}(?:[ \t\u3000][ぁ-ゖー]{{1,{_LONGEST_READING}}})?"
    rf"|[\u30a1-\u30faー・]{{1,{_LONGEST_READING}}}"
    rf"(?:[ \t\u3000][\u30a1-\u30faー]{{1,{_LONGEST_READING}}}){{0,2}}"
)
_READING_AFTER = re.compile(rf"[ \t\u3000]*\(({_KANA_READING})\)")
"""A reading in parentheses right after a name (folded: the parentheses are ASCII)."""
_READING_BEFORE = re.compile(rf"(?<![ぁ-ゖ\u30a1-\u30faー])({_KANA_READING})[ \t\u3000]*\($")
"""A reading right before a name in parentheses (ヤマダ タロウ（山田太郎）); searched up to the name."""
_GIVEN_NAME_ENDING_ITEM = re.compile(
    r"[ \u3000]([ぁ-ゖ]{2,4}|[\u30a1-\u30faー]{2,5}|[\u4e00-\u9fff々]{1,2})"
    r"(?=[ \t\u3000]*(?:[、,。()/|\n]|$))"
)
"""A given name after a surname and a space that ends an item of a list or a line (母 黒田 キミ、)."""
_BEFORE_KIN_IN_PARENTHESES = re.compile(
    r"(?:(?<=[、,:/ \t\u3000\n「])|^)([\u4e00-\u9fff々]{1,4}|[ぁ-ゖー]{2,6}|[\u30a1-\u30faー]{2,8})"
    rf"(?=[ \t\u3000]*\({_FAMILY}(?:[・、,][^()]{{0,10}})?\))",
    re.MULTILINE,
)
"""A name before who they are in a family, in parentheses: 結衣（長女・高2）, けんたろう（子・小5）."""
_KIN_BEFORE = re.compile(rf"(?<![\u4e00-\u9fff々])(?:{_FAMILY}|{_KIN_WORDS}|主人)の$")
"""A family member and の right before a name (父の勝が, 娘のさくらが, 家内の真由美が)."""
_FAMILY_MEMBER_WITH_AGE = re.compile(
    rf"(?<=の)([\u4e00-\u9fff々]{{1,4}}|[ぁ-ゖー]{{2,6}}|[\u30a1-\u30faー]{{2,8}})(?={_AGE})"
)
"""A name after a family member and の, before an age (姉の結愛（6歳）, 弟の颯（1歳））."""
_CHILD_BEFORE_HONORIFIC = re.compile(
    r"(?<![\u4e00-\u9fff々])お?(?:息子|娘|孫|子|長男|長女|次男|次女|三男|三女|弟|妹|甥|姪)(?:さん|さま|様)?の"
    r"([\u4e00-\u9fff々]{1,3})(?=[ \t\u3000]*(?:くん|君|ちゃん))"
)
"""A child's given name of kanji after who they are in a family and の, before くん or ちゃん
(息子さんの陽斗くん, お孫さんの蓮ちゃん): `_children_named` asks the dictionary about it."""
_ON_A_WEEKDAY = re.compile(
    r"(?:(?<=[ \t\u3000/|、,】])|^)[月火水木金土日](?:曜日?)?[ \t]+([\u4e00-\u9fff々]{1,4})"
    r"(?=[ \t\u3000]*(?:\n|$)|(?:[ \t\u3000]+|[ \t\u3000]*[/|、,][ \t\u3000]*)[月火水木金土日])",
    re.MULTILINE,
)
"""Who is on duty on a weekday, in a line of a rota (当番　月 岸　火 泉　水 原), the days apart by spaces or
by a slash, a bar or a comma (【当番】月 井手／火 奥村)."""
_KATAKANA_RUN = re.compile(
    r"(?<![\u30a1-\u30faー・])[\u30a1-\u30faー]{2,12}(?:・[\u30a1-\u30faー]{1,12})*(?![\u30a1-\u30faー・])"
)
"""A katakana word where that script begins and ends, or a foreign name's parts joined by ・."""
_CUE_ENDS = frozenset("は:：")
"""What ends a cue right before a katakana name (申請者は, 担当：), not a compound's noun (高齢者サロン)."""
_HIRAGANA_ITEM = re.compile(r"(?<![ぁ-ゖー])[ぁ-ゖー]{2,6}(?=[、,。/\s]|$)")
"""A word of hiragana ending an item of a list or a line."""
_HIRAGANA_PAIR = re.compile(r"(?<![ぁ-ゖー])([ぁ-ゖー]{2,6})[ \u3000]([ぁ-ゖー]{2,6})(?![ぁ-ゖー])")
_SCHEDULE_LINE = re.compile(
    r"^[ \t\u3000]*(?:[0-9]{1,2}日|[0-9]{1,2}[:時][0-9]{0,2}|[0-9]{1,2}/[0-9]{1,2})(?:\([月火水木金土日]\))?"
    r"[ \t\u3000]+([\u4e00-\u9fff々]{1,4})[ \t\u3000]*$",
    re.MULTILINE,
)
"""A line of a schedule: a day of the month, a time or a date, and one word (5日 小笠原, 9:30\t杉田)."""
_NICKNAME = re.compile(
    r"(?<![ぁ-ゖー])(?:([ぁ-ゖ]{1,3})(ちゃん(?!と)|ぴょん|ぴー|りん|っつん)|([ぁ-ゖ]っ)(さん|しー|ちー|きー|すー))"
    r"(?=さん|[がはもにのへでと、,。!?」)\s]|から|って|[\u4e00-\u9fff\u30a1-\u30faA-Za-z]|$)"
)
"""A nickname in hiragana, a word of its own: のぐちゃん, まっつん, みゆぴょん, なおぴー, ゆかりん, いっさん,
よっしー, もっちー, まっすー, ともちゃんさん, before a particle (と too: みほりんと), a mark, kanji,
katakana or a Latin word (もっちーOCR); not ちゃんと (properly)."""
_NOT_NICKNAMES = frozenset(
    "あか わん にゃん ねこ いぬ うさ くま ぼっ ちび おば おじ おじょう おっ ぱぱ まま き こ ばっ".split()
)
"""What comes before ちゃん, りん, っさん or っちー and is no one's nickname: あかちゃん (a baby),
わんちゃん (a dog), おばちゃん, ぼっちゃん, おっさん, きりん (a giraffe), ばっちー (dirty, to a child)."""
_GIVEN_NAME_AFTER_FAMILY = re.compile(
    r"(?:(?<=[、,/ \t\u3000\n])|^)(?:祖父|祖母|父|母|夫|妻|長男|長女|次男|次女|三男|三女|兄|姉|弟|妹|子|孫)"
    r"[ \t\u3000]+([\u4e00-\u9fff々]{1,2})(?=[ \t\u3000]*(?:[、,。/\n]|$))",
    re.MULTILINE,
)
"""A given name of kanji after a family member and a space, ending a list's item (祖父 茂、母 恵、)."""
_NAME_WITH_READING_BEFORE_HONORIFIC = re.compile(
    r"(?<![\u4e00-\u9fff々])([\u4e00-\u9fff々]{1,4})"
    r"\(([ぁ-ゖ\u30a1-\u30faー]{2,8}|[ぁ-ゖ\u30a1-\u30faー]{1,6}[ \u3000][ぁ-ゖ\u30a1-\u30faー]{1,6})\)"
    r"(?=[ \t\u3000]*(?:さん|様|さま|くん|君|ちゃん))"
)
"""A name of kanji with its reading in parentheses before an honorific (樹（いつき）くん), a full name's
with a space between its parts (菅原琥珀（すがわら こはく）さん, 張偉（チョウ イ）さん)."""
_KANJI_WITH_READING = re.compile(r"([\u4e00-\u9fff々]{2,4})\([ぁ-ゖ\u30a1-\u30faー]{2,12}\)")
"""Two kanji or more and a reading in parentheses, as one word of the dictionary's (桑原(くわばら); not
方(ベトナム), a person from a country)."""
_ASIDE = re.compile(r"\([^()]{1,40}\)")
"""Something in parentheses between a name and its honorific: its other writing, a nationality."""
_ASIDE_BEFORE_HONORIFIC = re.compile(
    rf"[ \t\u3000]*\(([^()]{{1,20}})\)(?=[ \t\u3000]*(?:{_PERSON_HONORIFIC}))"
)
"""A name's other writing in parentheses before its honorific: PAK Jihoon（朴 志勲）様."""
_CLOSING_PARENTHESIS = re.compile(r"[ \t\u3000]*\)")
_LATIN_ASIDE = re.compile(r"[ \t\u3000]*\(([A-Z][A-Za-z'-]+(?:,?[ \u3000][A-Z][A-Za-z'-]+){1,3})\)")
"""A name's writing in Latin letters in parentheses, two words or more, each capitalised: (RAI BIKASH)."""
_EAST_ASIAN_SURNAMES = (
    "王李張劉陳楊黄趙周呉徐孫朱胡郭何羅鄭梁謝宋唐許韓馮鄧曹彭曾蕭董袁潘蔣蔡葉程魏蘇呂任沈姚盧姜崔鍾譚陸汪范"
    "金朴尹申權柳裵洪禹閔辛玄卞林安馬"
)
_EAST_ASIAN_NAME = re.compile(
    rf"(?<![\u4e00-\u9fff々])([{_EAST_ASIAN_SURNAMES}][ \u3000](?!曜|額|融|庫|属|利)[\u4e00-\u9fff々]{{1,2}})"
    r"(?![\u4e00-\u9fff々])"
)
"""A Chinese or Korean name as written in Japan: a surname of one kanji common there, a space, and a given
name of one or two kanji the dictionary rarely knows (張 偉, 尹 在勲, 孫 静; 金 曜日 is a day)."""
_TIME = r"[0-9]{1,2}(?::[0-9]{2}|時)?[-~〜][0-9]{1,2}(?::[0-9]{2}|時)|[0-9]{1,2}(?::[0-9]{2}|時)"
_TIME_BEFORE_ITEM = re.compile(rf"(?:{_TIME})[ \t\u3000]+")
"""A time or a time range before an item of a schedule and a space (11:30-12:30 沼田, 9時 田辺)."""
_TIME_REACH = 16
_LIST_MARK = re.compile("[・、,とや→⇒/&か]|もしくは|および|及び")
"""What lists names (鈴木・佐藤, 田中と佐藤, 田中や佐藤, 田中/佐藤, 田中および佐藤), or hands a task from
one to another (山田→佐藤). One word each: the dictionary reads または as また + は."""
_MUNICIPAL = frozenset("都道府県市区町村郡")
_WORDS_TAGGED_AS_NAMES = frozenset({"ベンダー", "民生", "角丸"})
"""Office words the dictionary tags as names (ベンダーさん is a supplier, 民生さん a 民生委員, 角丸の四角 a
flowchart's shape)."""
_WORDS_SPLIT_AS_NAMES = frozenset({"申立人"})
"""Office words the dictionary splits into a surname and a given name (申 + 立人): never a full name."""
_HONOURED_WORDS = frozenset({"神"})
"""Ordinary words the dictionary reads as names before さん that take 様 as words (神様)."""
_TOKENISED = re.compile(rf"[ぁ-ゖ{_KANJI_KATA}]")
_NOT_HONORIFIC = re.compile("様[式子相]|氏名(?!義)")
"""What after a word looks like an honorific but begins another word: 様式, 様子, 様相, and 氏名 (カナ氏名欄;
林氏名義 is 林氏's)."""
_NAME_WORD = re.compile(r"[\u4e00-\u9fff々\u30a1-\u30faー]{2,10}")
_PLACE_ENDING = re.compile(
    "[市区町村県都府道郡駅線港川山湖島橋寺]|公園|空港|病院|学校|小学校|中学校|高校|大学|通り|神社|会館|センター"
)
"""After a name's characters, what makes them a place's (松本市, 中島公園, 石川県)."""
_FACILITY = re.compile(
    "の?(?:両|各)?(?:図書館|公民館|出張所|支所|児童館|集会所|会館|区民館|市民館|地域センター|コミュニティセンター"
    "|体育館|公園|駅|庁舎|団地|商店街|交番|郵便局|プール|運動場|広場|(?P<school>小学校|中学校|保育園|幼稚園))"
)
"""A public facility after a list of words (北浜、南丘の図書館; 東町と西町の集会所; 北浜や南丘の両公民館)."""
_PLACE_LIST_MARKS = frozenset({"、", ",", "と", "や", "・"})
_FILE_NAME = re.compile(
    r"(?<![^\s「」『』()<>、,。:：/\\])[^\s「」『』()<>、,。:：/\\.]{1,80}\.[A-Za-z][A-Za-z0-9]{1,4}(?![A-Za-z0-9])"
)
"""A file's name and its extension (相談記録_山下_0612.xlsx), as a word of its own: where it begins, the
part before the dot of at most 80 characters, so that no run of text is read more than once."""
_FILE_NAME_PART = re.compile(r"(?<=[_\-])[\u4e00-\u9fff々]{2,4}(?=[_\-.])")
"""A part of a file's name in kanji between underscores or hyphens (_山下_, _木村.pdf)."""
_SECTION_AFTER = re.compile("[課係室局](?![長員])")
"""Right after a word, a section's end: the word names a section, not a person (受：みどり課, 森林課)."""
_NOTE = re.compile(r"\([^()\n]{1,8}\)")
"""A short note in parentheses after a name in a list: when they are in (田中（午前）), who they are."""
"""様 that begins a word (様式 a form, 様子, 様相), not an honorific."""
_ROMAJI_PAIR = re.compile(
    r"(?<![A-Za-z0-9@._'’-])([A-Z][a-z]{1,14}|[A-Z]{2,15})[ \u3000]+([A-Z][a-z]{1,14}|[A-Z]{2,15})"
    r"(?![A-Za-z0-9@'’-])"
)
"""Two capitalised Latin words apart by a space, which may be a Japanese name in romaji (Tanaka Yui)."""
_ROMAJI_SYLLABLES = {
    **dict(zip("a i u e o".split(), "あいうえお", strict=True)),
    **{
        f"{consonant}{vowel}": kana
        for consonant, row in {
            "k": "かきくけこ",
            "g": "がぎぐげご",
            "s": "さ-すせそ",
            "z": "ざ-ずぜぞ",
            "t": "た--てと",
            "d": "だ--でど",
            "n": "なにぬねの",
            "h": "はひ-へほ",
            "b": "ばびぶべぼ",
            "p": "ぱぴぷぺぽ",
            "m": "まみむめも",
            "y": "や-ゆ-よ",
            "r": "らりるれろ",
            "w": "わ---を",
        }.items()
        for vowel, kana in zip("aiueo", row, strict=True)
        if kana != "-"
    },
    **{"shi": "し", "chi": "ち", "tsu": "つ", "fu": "ふ", "ji": "じ"},
    **{
        f"{consonant}{vowel}": f"{i_kana}{small}"
        for consonant, i_kana in {
            "ky": "き",
            "gy": "ぎ",
            "sh": "し",
            "j": "じ",
            "ch": "ち",
            "ny": "に",
            "hy": "ひ",
            "by": "び",
            "py": "ぴ",
            "my": "み",
            "ry": "り",
        }.items()
        for vowel, small in zip("auo", "ゃゅょ", strict=True)
    },
}
"""Hepburn romaji's syllables, as passports and staff write Japanese names in Latin letters."""
_SYLLABLE_N = re.compile("(?<=[aiueo])n(?=y|i)")
"""An n that may close a syllable before y or i (Shinya, Kenichi): written n' to be read as ん."""

_LATIN_BEFORE_SLASH = re.compile(rf"(?<![A-Za-z0-9@._'’-])({_LATIN_RUN})[ \t\u3000]*/[ \t\u3000]*$")
_LATIN_AFTER_SLASH = re.compile(rf"[ \t\u3000]*/[ \t\u3000]*({_LATIN_RUN})(?![A-Za-z0-9@])")
_SLASH_REACH = 80
"""How far before a name found its writing in Latin letters and a slash are sought (WANG, Xiaoming / 王)."""
_CAMEL = re.compile("[a-z][A-Z]")
_HANDLE = re.compile(r"(?<![A-Za-z0-9@._-])(@?)([a-z]\.[a-z]{2,15})(?![A-Za-z0-9@_-]|\.[A-Za-z])")
"""An account written as an initial and a surname (t.yamada): a person's name in a mention (@m.hayashi),
after a cue (CC: t.yamada, 宛先：k.ishikawa) or before an honorific (a.kondo さん); never an e-mail's part."""
_HANDLE_LIST = re.compile(r"[ \t\u3000]*[,、/][ \t\u3000]*")
_SALUTATIONS = frozenset("Dear Hello Hi To Attn Mr Mrs Ms Miss Dr Prof".split())
"""Words before a name in Latin letters that are not part of it (Dear Nguyen様)."""
_WORD = re.compile(r"\S+")
_WORD_BEFORE_COMMA = re.compile(r"[^\s,]+")
"""A word of a run of Latin words, and one a comma ends (Thanks, Suzuki-san)."""
_LATIN_HONORIFIC = re.compile(r"-(?:san|sama|kun|chan|sensei|shi)(?![A-Za-z'’-])", re.IGNORECASE)
"""An honorific in Latin letters joined to a name by a hyphen (Sato-san, Tanaka-sensei)."""
_LATIN_TITLE = re.compile(r"(?<![A-Za-z])(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?[ \u3000]+$")
"""A title before a name in Latin letters, which says it is one whatever follows (Mr. Patel said)."""
_SURNAMES_READ_AS_WORDS = frozenset(
    "Li Sun He Ma Song Dong Fu Su Du Le Vo Do Ngo Park Cho Oh Seo Rai".split()
)
"""Common surnames among foreign residents (Chinese, Vietnamese, Korean, Nepali) that the dictionary
reads as words before さん: found by asking it about 127 of the most common ones."""
_LONE_KANJI = re.compile(r"[\u4e00-\u9fff]")
_KANJI_FULL_NAME = re.compile(r"[\u4e00-\u9fff々]{3,}")
_KANJI_WORD = re.compile(r"[\u4e00-\u9fff々]{1,2}")
_UNKNOWN_KANJI_WORD = re.compile(r"[\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f々]{2,4}")
_KANA_WORD = re.compile(r"[ぁ-ゖ]{2,4}|[\u30a1-\u30fa\u30fc]{2,5}")
_HIRAGANA_WORD = re.compile(r"[ぁ-ゖー]+")
_KATAKANA_WORD = re.compile(r"[\u30a1-\u30faー]+")
_HIRAGANA_PARTICLE = re.compile("に|から|と|へ|が|は|も")
"""The particles that begin a cue after a name (`_CUE_AFTER`: にきいた, からでんわ, とそうだん)."""
_LONGEST_HIRAGANA_NAME = 6
"""The longest name in hiragana asked about before an honorific (たかはし, ささき, わたなべ: 3–5)."""
_HIRAGANA_OPENING = re.compile(
    r"(?<![ぁ-ゖー\u30a1-\u30fa\u4e00-\u9fff々])(?!さん|さま|くん|ちゃん)[ぁ-ゖ]{3}"
)
"""Three hiragana opening a clause (a line's start, a space or a mark before them), where a name in
hiragana may begin: not after kanji, where the run would begin with a particle (書類はながいさん), nor at an
honorific after a name masked (［氏名］ちゃんから)."""
_ADJECTIVES_BEFORE_SAN = frozenset({"えらい"})
"""Adjectives that do take さん, as a word of their own: えらいさん (偉いさん, the higher-ups), no name."""
_HIRAGANA_NAME_END = re.compile(
    r"(?P<honorific>[ \t\u3000]?(?:さん|様|さま|くん|かかりちょう|かちょう|ぶちょう|しゅにん))"
    r"|(?:が|に|から|と|へ)"
)
"""What ends a name in hiragana that opens a clause: an honorific or a title as voice input types it
(おがわかかりちょうから), or a particle that may begin a cue."""
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SPACE = frozenset(" \t\u3000")
_CHUNK = 2_000
"""Characters tokenised at once: Sudachi refuses very long input, and a name never spans a line."""
_UNKNOWN_GIVEN = 2
"""Kanji words after a surname that may be a given name the dictionary lacks, when an honorific follows."""
_VARIANTS = str.maketrans("髙﨑嵜𠮷𡈽濵德栁黑瀨曻淸靑鄕槗", "高崎崎吉土浜徳柳黒瀬昇清青郷橋")
"""Variant kanji that names are registered with (髙橋, 山﨑, 𠮷田) and the dictionary lacks, as their
common forms (高橋), which it knows: one character for one, so every span stays where it was. Variants
it knows as they are (國, 廣, 冨, 邊, 澤) stay."""


def find_names(text: str) -> Iterator[tuple[int, int, str]]:
    """The spans ``(start, end, kind)`` of personal names in the folded ``text`` (they may overlap)."""
    text = text.translate(_VARIANTS)
    found = [match.span(1) for match in _FORM_FIELD.finditer(text) if not _BLANK.match(text, match.start(1))]
    found += _quoted_names(text)
    found += [match.span(1) for match in _SPELLED_IN_KANA.finditer(text)]
    found += [match.span(1) for match in _READING_FIELD.finditer(text)]
    found += _table_names(text)
    found += _listed_people(text)
    found += _latin_names(text)
    found += [
        match.span(match.lastindex or 0)
        for match in _LATIN_SIGNED.finditer(text)
        if _BODIES.isdisjoint(match.group(match.lastindex or 0).split())
    ]
    found += _handles(text)
    found += _romaji_names(text)
    found += _names_in_file_names(text)
    bounds: set[int] = set()  # where the dictionary's words begin and end
    if _TOKENISED.search(text):
        for offset, chunk in _chunks(text):
            morphemes = _morphemes(chunk)
            bounds.update(offset + at for m in morphemes for at in (m.begin(), m.end()))
            spans = [
                *_name_runs(chunk, morphemes),
                *_surnames_read_as_words(chunk, morphemes),
                *_names_split_in_hiragana(chunk, morphemes),
                *_families(morphemes),
                *_name_pairs(morphemes),
                *_one_kanji_surnames(chunk, morphemes),
                *_split_before_titles(chunk, morphemes),
                *_introduced_after_greeting(chunk, morphemes),
                *_speakers(chunk, morphemes),
                *_called_in_kana(chunk, morphemes),
                *_one_kanji_full_names(morphemes),
                *_full_names_read_otherwise(morphemes),
                *_bracketed(chunk, morphemes),
                *_marked(chunk, morphemes),
                *_readings_read_with_names(morphemes),
                *_named_pairs(chunk, morphemes),
                *_kin_named(chunk, morphemes),
            ]
            spans += _kana_before_honorifics(chunk, morphemes)
            spans += _hiragana_openings(chunk)
            spans += _full_names_in_hiragana(chunk)
            spans += _katakana_after_cues(chunk)
            spans += _hiragana_surnames_after_cues(chunk)
            spans += _names_after_sections(chunk)
            spans += [match.span(1) for match in _EAST_ASIAN_NAME.finditer(chunk)]
            spans += _signed_with_one_kanji(chunk, morphemes)
            spans += [match.span(1) for match in _BEFORE_KIN_IN_PARENTHESES.finditer(chunk)]
            spans += _family_members(chunk)
            spans += _given_names_after_family(chunk)
            spans += _children_named(chunk)
            spans += _nicknames(chunk)
            rota = _rota(chunk)
            spans += [day.span(1) for day in rota]
            spans += _names_with_readings(chunk)
            places = _places_before_a_facility(chunk, morphemes)
            spans = [span for span in spans if not _within(span, places)]
            spans += [span for span in _listed_with(chunk, morphemes, spans) if not _within(span, places)]
            spans += [span for span in _handed_over(chunk, morphemes, spans) if not _within(span, places)]
            spans += _schedule_column(chunk, spans)
            spans += _given_names_after(chunk, spans)
            spans += _katakana_parts_around(chunk, spans)
            spans = _without_weekdays(spans, [day.start() for day in rota])
            found += [(offset + start, offset + end) for start, end in spans]
    found += _latin_writings(text, found)
    found += _readings(text, found)
    found += _quoted_readings(text, found)
    found += _named_again(text, found, bounds)
    for start, end in found:
        if not _SECTION_AFTER.match(text, end):
            yield start, end, NAME


def _names_in_file_names(text: str) -> list[tuple[int, int]]:
    """Surnames between the underscores of a file's name (面談記録_荒井_0705.xlsx, 受_佐々木_宛_木村.pdf).

    Staff name files after whom they are about or from; a part of two to four kanji the dictionary reads as
    a name before さん is one (面談記録, 0705 and 出張 are not).
    """
    return [
        part.span()
        for name in _FILE_NAME.finditer(text)
        if "_" in name.group()
        for part in _FILE_NAME_PART.finditer(text, name.start(), name.end())
        if _read_before_san(part.group()) == "人名"
    ]


def _named_again(text: str, found: Sequence[tuple[int, int]], bounds: set[int]) -> list[tuple[int, int]]:
    """Every other place in ``text`` where a name found is written again as a word of its own.

    A message names a person once in a way that shows it (石井さん休みのため野村が代行) and again in a way
    that does not (書類は野村まで): the same kanji or katakana of two characters or more, where the
    dictionary's words begin and end (``bounds``), is the same person; before a place's ending it is a place
    (松本さん, 松本市出身).
    """
    names = {text[start:end] for start, end in found if _NAME_WORD.fullmatch(text[start:end])}
    if not names:
        return []
    sizes = sorted({len(name) for name in names}, reverse=True)
    again = []
    for start in sorted(bounds):
        size = next((n for n in sizes if start + n in bounds and text[start : start + n] in names), 0)
        if size and not _PLACE_ENDING.match(text, start + size):
            again.append((start, start + size))
    return again


def _kin_named(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """A name after a family member and の, before a particle: 父の勝が, 娘のさくらが, おやじの正雄が.

    A word of one or two kanji or two to four kana that the dictionary reads as a name there or before
    さん alone, with a particle after it (父の車が and 母の病気が stay).
    """
    for at in range(2, len(morphemes)):
        word = morphemes[at]
        start, stop = word.begin(), word.end()
        surface = word.surface()
        if not (
            (_KANJI_WORD.fullmatch(surface) or _KANA_WORD.fullmatch(surface))
            and _BARE_PARTICLE.match(text, stop)
            and _KIN_BEFORE.search(text, max(0, start - 6), start)
        ):
            continue
        adverbial = word.part_of_speech()[2] == "副詞可能"  # 子のために
        if not adverbial and (_is_name(word) or _read_before_san(surface) == "人名"):
            yield start, stop


def _family_members(text: str) -> list[tuple[int, int]]:
    """Names after who they are in a family and の, before an age: 姉の結愛（6歳）, 孫のりく（3）."""
    members = _FAMILY_MEMBER_WITH_AGE.finditer(text)
    return [match.span(1) for match in members if _related(text, match.start())]


def _children_named(text: str) -> list[tuple[int, int]]:
    """A child's given name after who they are in a family, before くん or ちゃん (`_CHILD_BEFORE_HONORIFIC`).

    Of two or three kanji, one the dictionary reads as a name before さん alone or does not hold as one word
    (陽斗 to it is 陽 + 斗); of one kanji, only one it reads as a name (息子の蓮くん). A word it holds as one
    common noun is who a child is, not their name (娘の彼氏くん, 息子さんの友達くん).
    """
    named = []
    for match in _CHILD_BEFORE_HONORIFIC.finditer(text):
        read = _read_before_san(match.group(1))
        if read == "人名" or (read is None and len(match.group(1)) >= 2):
            named.append(match.span(1))
    return named


def _given_names_after_family(text: str) -> list[tuple[int, int]]:
    """Given names of kanji after a family member and a space, ending an item (祖父 茂、母 恵、).

    One or two kanji that the dictionary reads as a name before さん; 父 不明、 and the labels of
    one kanji (`_ONE_KANJI_LABELS`: 母 有、) stay.
    """
    return [
        match.span(1)
        for match in _GIVEN_NAME_AFTER_FAMILY.finditer(text)
        if match.group(1) not in _ONE_KANJI_LABELS | _NOT_ONE_KANJI_NAMES
        and _read_before_san(match.group(1)) == "人名"
    ]


def _rota(text: str) -> list[re.Match[str]]:
    """Who is on duty in a rota: a weekday, a space and a surname, twice or more in a line or down the page.

    当番　月 岸　火 泉　水 原　木 畑, or 月 上村 and 火 下田 on lines of their own: the words the dictionary
    reads as a name before さん, or one of those of one kanji it reads as a word even there
    (`_taken_as_surname`); 月 休館　火 開館 stays.
    """
    days: list[re.Match[str]] = []
    alone: list[re.Match[str]] = []
    for line in re.finditer(r"[^\n]+", text):
        on_line = list(_ON_A_WEEKDAY.finditer(text, line.start(), line.end()))
        if len(on_line) >= 2:
            days += on_line
        elif on_line and on_line[0].start() == line.start():
            alone += on_line
    days += alone if len(alone) >= 2 else []
    return sorted((day for day in days if _taken_as_surname(day.group(1))), key=lambda day: day.start())


def _without_weekdays(spans: Sequence[tuple[int, int]], days: Sequence[int]) -> list[tuple[int, int]]:
    """``spans`` but those holding a rota's weekday (sorted ``days``); the rota masks its names itself.

    金 奥村 read as a full name is Friday's 奥村, and 金 listed between two names by a slash is Friday
    (月 井手／金 奥村).
    """
    kept = []
    for start, end in spans:
        at = bisect_left(days, start)
        if at == len(days) or days[at] >= end:
            kept.append((start, end))
    return kept


def _schedule_column(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The other surnames down a schedule of days or times when two of its lines hold a name found already.

    In 5日 小笠原 / 6日 大野木 / 7日 小笠原 / 8日 古田, or 9:30 杉田 / 14:00 目黒, a word the dictionary reads
    as a place there is a surname too when it reads it as a name before さん alone; a trip's 5日 大阪 /
    6日 京都 names no one, so nothing there is masked.
    """
    lines = list(_SCHEDULE_LINE.finditer(text))
    if len(lines) < 3:
        return []
    known = set(found)
    if sum(line.span(1) in known for line in lines) < 2:
        return []
    return [line.span(1) for line in lines if line.span(1) not in known and _taken_as_surname(line.group(1))]


def _full_names_in_hiragana(text: str) -> list[tuple[int, int]]:
    """A surname and a given name in hiragana with a space between (ひらかわ　たかゆき, すずき はなこ).

    Each word alone, where that script begins and ends: the dictionary reads the first, or its katakana
    spelling, as a surname before さん and the second, or its katakana spelling, as a given name; よろしく
    おねがい, しゅうがく つうち and たなか さん stay.
    """
    return [
        match.span()
        for match in _HIRAGANA_PAIR.finditer(text)
        if _named_in_kana(match.group(1), "姓") and _named_in_kana(match.group(2), "名")
    ]


def _katakana_after_cues(text: str) -> list[tuple[int, int]]:
    """A katakana name right after a cue that a name follows and は or a colon (申請者はグエン・ヴァン・ナム).

    It counts when the dictionary reads it as a name before さん or it is a foreign name in parts joined by
    ・; 担当：システム, 記録はノーコードツール (a word it lacks) and 高齢者サロン stay. After who someone is
    (通訳 ファム・ティ・ラン) only a name in parts counts: 市民ホール and 自分のペース stay.
    """
    spans = []
    for match in _KATAKANA_RUN.finditer(text):
        start, end = match.span()
        cued = text[start - 1 : start] in _CUE_ENDS and _cued(text, start)
        if not (cued or ("・" in match.group() and _related(text, start))):
            continue
        if "・" in match.group() or _read_before_san(match.group()) == "人名":
            spans.append((start, end))
    return spans


def _hiragana_surnames_after_cues(text: str) -> list[tuple[int, int]]:
    """A surname in hiragana right after a cue or a role, ending an item (担当：さかもと, 書記 たかの).

    It counts when the dictionary reads it, in hiragana or katakana, as a surname before さん; 担当：なし
    and 当番：まだ stay.
    """
    spans = []
    for match in _HIRAGANA_ITEM.finditer(text):
        start = match.start()
        if (_cued(text, start) or _related(text, start)) and _named_in_kana(match.group(), "姓"):
            spans.append(match.span())
    return spans


def _named_in_kana(word: str, kind: str) -> bool:
    """Whether the dictionary reads ``word``, in hiragana or katakana, as a name of ``kind`` before さん."""
    return any(
        (read := _part_of_speech_before_san(spelling)) is not None and read[2:4] == ("人名", kind)
        for spelling in (word, to_katakana(word))
    )


def _nicknames(text: str) -> list[tuple[int, int]]:
    """Nicknames in hiragana that the dictionary reads otherwise (の + ぐちゃ + ん, なお + ぴー): `_NICKNAME`.

    The stem is no family member one calls (`_KIN_CALLED`: ねえちゃん, おばあちゃん) nor a word that takes
    ちゃん or りん (`_NOT_NICKNAMES`), and the whole no word the dictionary knows (きりん), but for
    っさん (いっさん, read as 一散). ちゃん stays, as after any name (［氏名］ちゃん).
    """
    spans = []
    for match in _NICKNAME.finditer(text):
        stem = match.group(1) or match.group(3)
        suffix = match.group(2) or match.group(4)
        whole = stem + suffix
        if stem in _NOT_NICKNAMES or _KIN_CALLED.search(stem) or _KIN.match(stem):
            continue
        if suffix != "さん" and _part_of_speech_before_san(whole) is not None:
            continue
        spans.append((match.start(), match.end() - 3 if suffix == "ちゃん" else match.end()))
    return spans


def _names_with_readings(text: str) -> list[tuple[int, int]]:
    """A name of kanji and its reading in parentheses before an honorific: 樹（いつき）くん, both.

    The kanji count when the dictionary reads them, or the reading in katakana, as a name before さん; with a
    reading in two parts, a full name's (菅原琥珀（すがわら こはく）さん), when they begin with a surname, one
    the dictionary reads as such or an East Asian one (張偉（チョウ イ）さん; 会議室（だい いち）さん stays).
    """
    spans = []
    for match in _NAME_WITH_READING_BEFORE_HONORIFIC.finditer(text):
        kanji, reading = match.group(1), to_katakana(match.group(2))
        if " " in reading or "\u3000" in reading:
            named = len(kanji) >= 2 and (
                kanji[0] in _EAST_ASIAN_SURNAMES or _morphemes(kanji)[0].part_of_speech()[3] == "姓"
            )
        else:
            named = _read_before_san(kanji) == "人名" or _read_before_san(reading) == "人名"
        if named:
            spans += [match.span(1), match.span(2)]
    return spans


def _related(text: str, start: int) -> bool:
    """Whether who someone is to another comes right before ``start`` (`_RELATION`: 課長の, 妻 , 係長（)."""
    return bool(_RELATION.search(text, max(0, start - 8), start))


def _quoted_names(text: str) -> list[tuple[int, int]]:
    """Names in quotes after what they are (`_QUOTED_NAME`), and those quoted right after them.

    After a name field, whatever looks like a name counts (「煌」, 「ゆうま」); after a role or a family
    member, only what the dictionary reads as a name (`_names_someone`: 担当「未定」 and 子「あり」 stay).
    """
    spans = []
    for match in _QUOTED_NAME.finditer(text):
        field = match.group("field") is not None
        quoted: re.Match[str] | None = match
        while quoted:
            name = quoted.group("name")
            if not (_TABLE_CELL.fullmatch(name) and (field or _names_someone(name))):
                break
            spans.append(quoted.span("name"))
            quoted = _NEXT_QUOTE.match(text, quoted.end())
    return spans


def _table_names(text: str) -> list[tuple[int, int]]:
    """The cells under a header that says they hold people, in a table pasted as text.

    Rows are lines, cells are split by tabs, | or commas (the delimiter the header uses): under 氏名,
    担当 or 申請者 (`_NAME_COLUMN`), each row's cell is a name when it looks like one (`_TABLE_CELL`),
    until a line without the delimiter ends the table: 佐々木 under 氏名 (a tab between cells), 藤井 in
    ｜係｜担当者｜ over ｜庶務｜藤井｜, 大和 in 日付,担当者,件数 over 2024/5/1,大和,34.
    """
    spans: list[tuple[int, int]] = []
    columns: list[int] = []
    delimiter = ""
    at = 0
    for line in text.split("\n"):
        cells = line.split(delimiter) if delimiter and delimiter in line else None
        if cells is not None and columns:
            starts = [0]
            for cell in cells[:-1]:
                starts.append(starts[-1] + len(cell) + 1)
            for column in columns:
                if column < len(cells):
                    cell = cells[column].strip(" \u3000")
                    if _TABLE_CELL.fullmatch(cell) and _names_someone(cell):
                        begin = at + starts[column] + cells[column].index(cell)
                        spans.append((begin, begin + len(cell)))
        else:
            delimiter = next((d for d in ("\t", "|", ",") if d in line), "")
            header = [cell.strip(" \u3000") for cell in line.split(delimiter)] if delimiter else []
            columns = [i for i, cell in enumerate(header) if _NAME_COLUMN.fullmatch(cell)]
        at += len(line) + 1
    return spans


def _listed_people(text: str) -> list[tuple[int, int]]:
    """The numbered lines under a line that says they are people, each a name when it looks like one.

    Under RPA研修の受講者一覧： or 参加者リスト, a line 1. 小鳥遊 ひな or 2. Ana Lucia Ferreira holds a name
    when a table's cell under a people's header would (`_TABLE_CELL`, `_names_someone`); the list ends at
    the first line that is not numbered. Sections listed there (1. 区民課) stay.
    """
    spans: list[tuple[int, int]] = []
    listing = False
    at = 0
    for line in text.split("\n"):
        item = _NUMBERED_ITEM.fullmatch(line) if listing else None
        if item is not None:
            cell = item.group(1)
            if _TABLE_CELL.fullmatch(cell) and _names_someone(cell):
                spans.append((at + item.start(1), at + item.end(1)))
        else:
            listing = bool(_PEOPLE_LIST_HEADER.search(line))
        at += len(line) + 1
    return spans


def _names_someone(cell: str) -> bool:
    """Whether a table's cell under a people's header, or a name's other writing, is a name.

    A name in Latin letters or in katakana parts (グエン・ヴァン・ナム), or one whose first word the
    dictionary reads as a name or a place before さん (佐々木, 田中 一郎, 岡山, 朴 志勲), or a surname it
    reads as a word (東, 西); not 窓口, 未定, DX推進課 or 日系ブラジル.
    """
    first = cell.split()[0]
    if first.isascii() or "・" in first or first in _SURNAMES_READ_AS_WORDS_BEFORE_SAN:
        return True
    return _read_before_san(first) in ("人名", "地名")


def _given_names_after(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Given names after a surname found and a space, where a list's item or a line ends.

    母 黒田 キミ、子 黒田 蓮, 宇野 誠、宇野 さくら（親子で参加）, 推薦者：秋田 和子、岩手 清: one word of
    kana or one or two kanji that the dictionary reads as a noun (キミ, さくら and 清 are words to it) or,
    unless in hiragana (鈴木 がいる、), does not know; not an honorific or a title (田中 様、, 佐藤 課長).
    """
    given = []
    for _, end in found:
        match = _GIVEN_NAME_ENDING_ITEM.match(text, end)
        if not match or _AFTER_NAME.match(match.group(1)):
            continue
        word = match.group(1)
        part_of_speech = _part_of_speech_before_san(word)
        unknown = part_of_speech is None and not _HIRAGANA_WORD.fullmatch(word)  # not が + いる
        if unknown or (part_of_speech is not None and part_of_speech[0] in ("名詞", "代名詞")):
            given.append(match.span(1))
    return given


def _quoted_readings(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names in kana in quotes: before an honorific, or a reading after 読み with a name found before it.

    小鳥遊さん、読み方が「たかなし」 and 「わたぬき」さん; 読み方は「しんせいしょ」 alone stays.
    """
    readings = [match.span(1) for match in _QUOTED_BEFORE_HONORIFIC.finditer(text)]
    for match in _READING_ASKED.finditer(text):
        if any(0 <= match.start() - end <= _READING_REACH for _, end in found):
            readings.append(match.span(1))
    return readings


def _listed_with(
    text: str, morphemes: Sequence[Any], found: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Name words listed with a name found: 鈴木・佐藤さん, 田中と佐藤さん, 佐藤さん、鈴木の両名.

    A word one of ・、, と or や away from a name found (after its honorific or title, if any, and spaces:
    ・梅田 彩花　・根本 ひなた) is a
    name too when `_list_item` reads it as one, and so on along the list: one pass forward for
    the names after, one backward for those before. 東京と佐藤さん stays. In a schedule, a time before each
    item is passed over (11:30-12:30 沼田／12:30-13:30 田辺).
    """
    starts = {start for start, _ in found}
    starts |= {_time_start(text, start) for start in starts}
    ends = {_item_end(text, end) for _, end in found}
    listed: list[tuple[int, int]] = []
    begins = {m.begin(): at for at, m in enumerate(morphemes)}
    for at in range(2, len(morphemes)):  # names after a name found
        mark = morphemes[at - 1]
        if mark.begin() in ends and _LIST_MARK.fullmatch(mark.surface()):
            time = _TIME_BEFORE_ITEM.match(text, morphemes[at].begin())
            item = _list_item(morphemes, begins.get(time.end(), at) if time else at)
            if item:
                listed.append(item)
                ends.add(_item_end(text, item[1]))
    for at in range(len(morphemes) - 3, -1, -1):  # names before one
        mark = morphemes[at + 1]
        if morphemes[at + 2].begin() in starts and _LIST_MARK.fullmatch(mark.surface()):
            item = _list_item(morphemes, at, backward=True)
            if item:
                listed.append(item)
                starts |= {item[0], _time_start(text, item[0])}
    return listed


def _handed_over(
    text: str, morphemes: Sequence[Any], found: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The other end of a hand-over from or to a name found: 岸から堀へ, 中村から山本へ, 東から［西］に.

    Work passes from someone to someone (X から Y へ or に): with one of them found, the other is a name
    too when `_list_item` reads it as one (東から西に引き継ぎ, 中村から山本へ移管); 田中から東京へ stays.
    """
    ends = {_item_end(text, end) for _, end in found}
    handed = {start for start, end in found if text.startswith(("へ", "に"), _item_end(text, end))}
    over: list[tuple[int, int]] = []
    for at in range(1, len(morphemes) - 2):
        if morphemes[at].surface() != "から":
            continue
        if morphemes[at].begin() in ends and morphemes[at + 2].surface() in ("へ", "に"):
            item = _list_item(morphemes, at + 1)
        elif morphemes[at + 1].begin() in handed:
            item = _list_item(morphemes, at - 1, backward=True)
        else:
            continue
        if item:
            over.append(item)
    return over


def _time_start(text: str, start: int) -> int:
    """Where a time before ``start`` and a space begins (`_TIME_BEFORE_ITEM`), or ``start`` without one."""
    for time in _TIME_BEFORE_ITEM.finditer(text, max(0, start - _TIME_REACH), start):
        if time.end() == start:
            return time.start()
    return start


def _list_item(morphemes: Sequence[Any], at: int, *, backward: bool = False) -> tuple[int, int] | None:
    """The span of a name in a list at ``morphemes[at]`` (the word ending there, ``backward``), if any.

    A word of two characters or more that the dictionary reads as a name there, or a proper noun
    or kanji word it reads as one before さん alone (松本 and 中野, read as places there; 中島, read
    as an island), or two one-kanji nouns it reads so together (西 + 村); 東京, 大阪, 総務 and 窓口
    are not. A word of one kanji counts as a surname (`_taken_as_surname`: 清水と森で, 岸と堀が, CC：北村、南)
    before a particle, a mark or the end, read as a name or a plain noun there (逆, 横 are not). A name
    before the list's mark is a word of its own: the end of みなと台西 or 緑ヶ原 is none.
    """
    one = morphemes[at]
    whole = not backward or _begins_a_word(morphemes, at)  # not みなと台 + 西, 緑 + ヶ + 原
    if whole and one.end() - one.begin() >= 2 and (_is_name(one) or _read_as_name_alone(one)):
        return one.begin(), one.end()
    if whole and _one_kanji_item(morphemes, at):
        return one.begin(), one.end()
    first = at - 1 if backward else at
    words = morphemes[first : first + 2] if first >= 0 else []
    pair = len(words) == 2 and all(_kanji_noun(w) and len(w.surface()) == 1 for w in words)
    pair = pair and (not backward or _begins_a_word(morphemes, first))
    if pair and _read_before_san(words[0].surface() + words[1].surface()) == "人名":
        return words[0].begin(), words[1].end()
    return None


def _begins_a_word(morphemes: Sequence[Any], at: int) -> bool:
    """Whether ``morphemes[at]`` begins a word: no noun, prefix or suffix joined before it, no ヶ of a place.

    Looser than `_word_of_its_own`: after a call (ねえ翔、はるか) a name begins too.
    """
    return at == 0 or not _joining(morphemes[at - 1])


def _one_kanji_item(morphemes: Sequence[Any], at: int) -> bool:
    """Whether a word of one kanji in a list of names is a surname (see `_list_item`)."""
    after = morphemes[at + 1].part_of_speech()[0] if at + 1 < len(morphemes) else "補助記号"
    return after in ("助詞", "助動詞", "補助記号", "空白") and _one_kanji_surname(morphemes[at])


def _one_kanji_surname(word: Any) -> bool:
    """Whether a word of one kanji, read as a name or a plain noun there (逆, 横 are not), is a surname."""
    read = word.part_of_speech()[1:3]
    return (
        bool(_LONE_KANJI.fullmatch(word.surface()))
        and read in (("固有名詞", "人名"), ("普通名詞", "一般"))
        and _taken_as_surname(word.surface())
    )


def _one_kanji_full_names(morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """A surname of one kanji, a space and a given name the dictionary reads as one (浜 和夫, 星 キヨ).

    The dictionary reads the surname as a word (a beach, the east, a star); with a given name right after it,
    it is the name's first half.
    """
    for at in range(len(morphemes) - 2):
        given = morphemes[at + 2]
        if (
            morphemes[at + 1].surface() in _SPACE
            and given.part_of_speech()[1:4] == ("固有名詞", "人名", "名")
            and _one_kanji_item(morphemes, at)
        ):
            yield morphemes[at].begin(), given.end()


def _full_names_read_otherwise(morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """A surname and a given name of kanji apart by a space, one of them read otherwise there.

    The dictionary reads 荒川 in 荒川 幸雄 as a place and 智恵 in 三宅 智恵 as a noun (wisdom); a word it
    reads as a surname (here or before さん alone) and one it reads as a given name (here or alone before
    さん), the one tagged as a name here, are a full name (旧 荒川 幸雄, 代表 三宅 智恵, （田中 実）).
    区民 花子 and 山崎 会計 stay: 区民 is no surname, 会計 no given name.
    """
    for at in range(len(morphemes) - 2):
        first, space, given = morphemes[at], morphemes[at + 1], morphemes[at + 2]
        if (
            space.surface() not in _SPACE
            or not _KANJI_SURNAME.fullmatch(first.surface())
            or not _KANJI_WORD.fullmatch(given.surface())
            or len(first.surface()) + len(given.surface()) < 3
            or (_is_name(first) and _is_name(given))  # `_name_runs`' full name
            or not (_is_name(first) or _is_name(given))
            or not _begins_a_word(morphemes, at)
            or (at + 3 < len(morphemes) and _kanji_noun(morphemes[at + 3]))
        ):
            continue
        if _name_kind(first) == "姓" and _name_kind(given) == "名":
            yield first.begin(), given.end()


def _readings_read_with_names(morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """A surname and its reading that the dictionary reads as one common noun (桑原(くわばら)).

    The kanji before the parenthesis count when it reads them as a name before さん alone.
    """
    for morpheme in morphemes:
        reading = _KANJI_WITH_READING.fullmatch(morpheme.surface())
        noun = reading is not None and morpheme.part_of_speech()[1] == "普通名詞"
        if noun and reading and _read_before_san(reading.group(1)) == "人名":
            yield morpheme.begin(), morpheme.end()


def _name_kind(morpheme: Any) -> str | None:
    """姓 or 名 as the dictionary tags ``morpheme`` here, or else read alone before さん."""
    if _is_name(morpheme):
        return str(morpheme.part_of_speech()[3])
    before_san = _part_of_speech_before_san(morpheme.surface())
    return before_san[3] if before_san and before_san[2] == "人名" else None


def _read_as_name_alone(morpheme: Any) -> bool:
    """Whether a word the dictionary reads otherwise here is a name before さん alone.

    A proper noun, a kanji word or a word of kana (しおり, はるか).
    """
    proper = morpheme.part_of_speech()[1] == "固有名詞"
    kana = _KANA_WORD.fullmatch(morpheme.surface())
    return (proper or kana or _kanji_noun(morpheme)) and _read_before_san(morpheme.surface()) == "人名"


def _skip_title(text: str, at: int) -> int:
    """Where the honorifics or titles at ``at`` end (課長 + 補佐 + さん, 田中 様; else ``at`` itself)."""
    while match := _AFTER_NAME.match(text, _skip_space(text, at)):
        at = match.end()
    return at


def _item_end(text: str, at: int) -> int:
    """Where a listed name's honorifics, titles and a short note in parentheses end (田中（午前）、)."""
    at = _skip_title(text, at)
    note = _NOTE.match(text, at)
    return _skip_space(text, note.end() if note else at)


def _name_pairs(morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Two surnames listed with ・ or handing over with → (井上・木下で対応, 小田→津田): both.

    One name word alone may be a place or a word (長野, 小川); two side by side are people when the
    dictionary reads one as a name there and the other there or before さん alone (木下, read as a
    place before で), and neither names a prefecture (石川・富山, 長野・松本 stay, and so does
    井上・東京). Two cities that are surnames too are masked (松本・上田): as often two people.
    `_listed_with` then takes the rest of the list.
    """
    for at in range(len(morphemes) - 2):
        first, mark, second = morphemes[at : at + 3]
        if mark.surface() not in ("・", "→") or min(len(first.surface()), len(second.surface())) < 2:
            continue
        named = (_is_name(first) and _name_here_or_alone(second)) or (
            _is_name(second) and _name_here_or_alone(first)
        )
        if named and not (_prefecture(first.surface()) or _prefecture(second.surface())):
            yield first.begin(), first.end()
            yield second.begin(), second.end()


def _name_here_or_alone(morpheme: Any) -> bool:
    return _is_name(morpheme) or _read_as_name_alone(morpheme)


def _prefecture(word: str) -> bool:
    """Whether the dictionary holds ``word`` with 県 as one place (富山県)."""
    from sudachipy import SplitMode

    place = tokenizer().tokenize(f"{word}県", SplitMode.C)
    return len(place) == 1 and place[0].part_of_speech()[2] == "地名"


def _readings(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The readings beside names found, and their other writing before an honorific or after it.

    山田太郎（やまだたろう）, 佐藤さん（さとう）, やまだ（山田）; PAK Jihoon（朴 志勲）様; ライ・ビカスさん
    （RAI BIKASH）, in Latin letters of two words or more (田中さん（PM）, 田中さん（Teams）stay).
    """
    readings = []
    for start, end in found:
        titled = _skip_title(text, end)
        after = _READING_AFTER.match(text, titled) or _LATIN_ASIDE.match(text, titled)
        if after:
            readings.append(after.span(1))
        aside = _ASIDE_BEFORE_HONORIFIC.match(text, end)
        if aside and _TABLE_CELL.fullmatch(aside.group(1)) and _names_someone(aside.group(1)):
            readings.append(aside.span(1))
        before = _READING_BEFORE.search(text, max(0, start - 2 * _LONGEST_READING), start)
        if before and _CLOSING_PARENTHESIS.match(text, end):
            readings.append(before.span(1))
    return readings


def _name_runs(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Runs of name words in ``text`` that the text around them shows to be a person's name."""
    lines = _kanji_lines(text)
    at = 0
    while at < len(morphemes):
        place = _place_named_as_a_person(text, morphemes, at)  # asked once: it may ask the dictionary
        if not (
            _is_name(morphemes[at])
            or _surname_read_otherwise(text, morphemes, at)
            or place
            or _name_read_as_word(text, morphemes, at)
            or _unknown_before_honorific(text, morphemes[at])
        ):
            at += 1
            continue
        end = _run_end(morphemes, at)
        start, stop = morphemes[at].begin(), morphemes[end - 1].end()
        if text[start:stop] in _WORDS_SPLIT_AS_NAMES:
            at = end
            continue
        stop = _with_unknown_given_name(text, morphemes, end, stop, _AFTER_NAME_OR_AGE)
        title = _TITLE_AT_END.search(text, start, stop)
        if title:  # 山田 + 保 + 健師, 森 + 保 + 健師: a title read as names
            stop = title.start()
            if stop == start or (stop - start < 2 and not _word_of_its_own(morphemes, at)):
                at = end  # 昨 + 日保 + 健師 (昨日保健師さん) leaves a fragment, 日
                continue
        if _after_a_fragment(morphemes, at):
            # 保 + 健師 (保健師さん) is a word split wrongly; 前 + 田花子 (の前田花子) a full name.
            if _full_name_when_rejoined(text, morphemes[at - 1].begin(), stop):
                yield morphemes[at - 1].begin(), stop
        elif (
            (_full_name(morphemes, at, end) and not _cut_from_hiragana(text, start))
            or "(" in text[start:stop]  # the dictionary reads 佐藤(さとう) as one word: a name, its reading
            or _person_after(text, stop)
            or _TAKES_ON.match(text, _skip_space(text, stop))
            or (_AWAY_BARE.match(text, stop) and _word_of_its_own(morphemes, at) and end == at + 1)
            or (_cued(text, start) and text[start:stop] not in _ONE_KANJI_LABELS)  # 承認：済, 確認：要
            or _BELONGING.match(text, stop)
            or (_is_name(morphemes[at]) and stop - start > 1 and _person_around(text, start, stop))
            or _surname_before_particle(text, morphemes, at, end, lines)
            or _before_a_verb(morphemes, at, end)
            or _called_by_name(text, morphemes[at], lines)
            or stop > morphemes[end - 1].end()  # a given name it lacks, with an honorific or an age after
            or place
        ):
            yield start, stop
        at = end


def _surname_before_particle(text: str, morphemes: Sequence[Any], at: int, end: int, lines: _Lines) -> bool:
    """Whether a surname in kanji, read as one there, comes before a particle (伊藤が書いた, 辻も).

    The dictionary reads a word as a surname there (姓) only where the sentence reads as a person's:
    中村しか分からない, 石田がさっき探してた, 今井、さっきのメール, 全部 前田 の端末, 竹内→財政課
    (`_BARE_PARTICLE`); as a given name or a surname in hiragana of three characters or more
    (ひろみが対応済み, かずきが変えた, 担当：ひらい、さかもと); and as a given name of two kanji or more
    before a particle that ends what is said (…って美咲から, 資料は大輔まで。). Typos it reads as names
    come as a surname and a given name of one kanji each (進 + 渉, 申 + 精), which this leaves alone: a
    surname of one kanji counts only as a word of its own (辻も同じ意見: first, or after a particle or a
    mark, not after a place's ヶ: 緑ヶ原). After a question for a place it is a place (出張先は 長野 です);
    inside a list of places, the comma after it says nothing (`_in_a_list_of_things`: （中央、東、北浜、
    南丘）), and before what a place or a group has it is a place (`_PLACES_THING`: 上原の交差点, あゆみの会);
    in a line of hiragana alone, a name the dictionary cut out of a run is its guess
    (`_guessed_in_hiragana`: しゅう + が + くつうち). One typo is masked (最所に, for
    最初に, in the held-out queries): 最所 is a surname too; so are words the dictionary reads as surnames
    there (清水が出る, 小川が流れている, 高田から東京まで).
    """
    word = morphemes[at]
    kind, surface = word.part_of_speech()[3], word.surface()
    kanji = kind == "姓" and _KANJI_SURNAME.fullmatch(surface)
    kana = kind in ("姓", "名") and bool(
        _HIRAGANA_NAME_WORD.fullmatch(surface) or _KATAKANA_NAME_WORD.fullmatch(surface)
    )
    given = kind == "名" and len(surface) >= 2 and _KANJI_SURNAME.fullmatch(surface)
    if end != at + 1 or not (kanji or kana or given):
        return False
    if _PLACE_ASKED.search(text, max(0, word.begin() - 8), word.begin()):
        return False
    if given and not _closes_with_particle(text, morphemes, end):
        return False  # a given name of kanji before a particle that closes what is said: …って美咲から
    if kana and _guessed_in_hiragana(text, word, lines):
        return False  # しゅう + が + くつうち
    if _in_a_list_of_things(text, morphemes, at):
        return False  # 北浜 in （中央、北浜、南丘）: a comma that lists places says no person
    if _PLACES_THING.match(text, word.end()):
        return False  # 上原の交差点, あゆみの会: what a place or a group has
    particle = _BARE_PARTICLE.match(text, _skip_space(text, word.end()))
    return (len(surface) >= 2 or _word_of_its_own(morphemes, at)) and bool(particle)


def _in_a_list_of_things(text: str, morphemes: Sequence[Any], at: int) -> bool:
    """Whether ``morphemes[at]`` is an item inside a list of places or things, not of people.

    Inside: a comma on one side, a comma or a parenthesis on the other (（中央、東、北浜、南丘）, 東口、西口、
    北浜駅), or first in a list of three or more (図書館は北浜、南丘、緑ヶ原に), where a comma lists places as
    often as people. The list is of things when an item shows a
    thing (`_shows_a_thing`: 中央, 緑ヶ原, 北浜駅) and no cue of people comes before it on its line
    (参加者は課長、松浦、岸本です; 出席者：北浜、南丘). A list of names alone (（田中、佐藤）) is people's.
    """
    start, stop = morphemes[at].begin(), morphemes[at].end()
    before, after = text[start - 1 : start], text[stop : stop + 1]
    if not before or not after:
        return False
    inside = (before in _COMMAS and after in (*_COMMAS, ")")) or (before == "(" and after in _COMMAS)
    inside = inside or (after in _COMMAS and _opens_a_long_list(morphemes, at))
    if not inside or _LIST_CUE.search(text, max(0, start - _LIST_CUE_REACH), start):
        return False
    return any(_shows_a_thing(item) for item in _comma_items(morphemes, at))


def _places_before_a_facility(text: str, morphemes: Sequence[Any]) -> list[tuple[int, int]]:
    """The items of lists of two words or more before a public facility: places, not people.

    北浜、南丘の図書館, 東町と西町の集会所, 北浜や南丘の両公民館 (`_FACILITY`): the dictionary reads 北浜
    and 南丘 as names, and 、 and の as what follows a person, but a list before a library names where it
    is. Each item is nouns joined into one (`_joined_word`: みなと + 台); before a school or a nursery none
    is a given name (蓮と陽葵の保育園 are children's). A cue of people before the list keeps it people's
    (参加者は北浜、南丘の…).
    """
    places: list[tuple[int, int]] = []
    for at, word in enumerate(morphemes):
        facility = _FACILITY.match(text, word.end())
        if not facility or word.part_of_speech()[0] != "名詞":
            continue
        school = bool(facility.group("school"))
        first, last = _joined_word(morphemes, at)
        items = [(first, at)]
        while first >= 2 and morphemes[first - 1].surface() in _PLACE_LIST_MARKS:
            first, last = _joined_word(morphemes, first - 2)
            if last != items[-1][0] - 2 or morphemes[last].part_of_speech()[0] != "名詞":
                break
            items.append((first, last))
        spans = [(morphemes[begin].begin(), morphemes[end].end()) for begin, end in items]
        given = school and any(_given_name(m) for begin, end in items for m in morphemes[begin : end + 1])
        cue = _LIST_CUE.search(text, max(0, spans[-1][0] - _LIST_CUE_REACH), spans[-1][0])
        if len(items) >= 2 and not given and not cue:
            places += spans
    return places


def _given_name(morpheme: Any) -> bool:
    """Whether the dictionary reads ``morpheme`` as a given name, there or before さん alone."""
    if morpheme.part_of_speech()[3] == "名":
        return True
    alone = _part_of_speech_before_san(morpheme.surface())
    return alone is not None and alone[3] == "名"


def _within(span: tuple[int, int], outer: Sequence[tuple[int, int]]) -> bool:
    """Whether ``span`` lies inside one of the ``outer`` spans."""
    return any(start <= span[0] and span[1] <= stop for start, stop in outer)


def _opens_a_long_list(morphemes: Sequence[Any], at: int) -> bool:
    """Whether ``morphemes[at]`` opens a list of three items or more (窓口は北浜、南丘、緑ヶ原の3か所).

    A comma after a first word alone may be a pause after whom one speaks of (今井、さっきのメール).
    """
    _, last = _joined_word(morphemes, at + 2) if at + 2 < len(morphemes) else (at, at)
    return last + 1 < len(morphemes) and morphemes[last + 1].surface() in _COMMAS


def _comma_items(morphemes: Sequence[Any], at: int) -> list[Sequence[Any]]:
    """The items, each its words, of the list separated by commas around ``morphemes[at]`` (`_LIST_REACH`).

    An item is the words joined into one (nouns, prefixes, suffixes, a place's ヶ: みなと + 台 + 西, 緑 + ヶ
    + 原) between commas, or between a comma and a particle, a mark or a space.
    """
    first, last = _joined_word(morphemes, at)
    items = [morphemes[first : last + 1]]
    left = first
    for _ in range(_LIST_REACH):
        if left < 2 or morphemes[left - 1].surface() not in _COMMAS:
            break
        left, end = _joined_word(morphemes, left - 2)
        items.append(morphemes[left : end + 1])
    right = last
    for _ in range(_LIST_REACH):
        if right + 2 >= len(morphemes) or morphemes[right + 1].surface() not in _COMMAS:
            break
        begin, right = _joined_word(morphemes, right + 2)
        items.append(morphemes[begin : right + 1])
    return items


def _joined_word(morphemes: Sequence[Any], at: int) -> tuple[int, int]:
    """The first and last of the words joined with ``morphemes[at]`` into one (see `_comma_items`)."""
    first = at
    while first > 0 and _joining(morphemes[first - 1]):
        first -= 1
    last = at
    while last + 1 < len(morphemes) and _joining(morphemes[last + 1]):
        last += 1
    return first, last


def _joining(morpheme: Any) -> bool:
    """Whether ``morpheme`` is part of a compound word: a noun, a prefix, a suffix or a place's ヶ."""
    return morpheme.part_of_speech()[0] in ("名詞", "接頭辞", "接尾辞") or morpheme.surface() in _PLACE_JOINS


def _shows_a_thing(item: Sequence[Any]) -> bool:
    """Whether a list's item is a place's or a thing's, not a person's.

    It joins a place's parts with ヶ (緑ヶ原) or holds a noun the dictionary reads neither as a name there
    nor as one before さん alone (中央, 北浜駅, 駅東 + 口, みなと + 台), that is no title (課長) and no
    word it lacks (a rare surname).
    """
    return any(
        morpheme.surface() in _PLACE_JOINS
        or (
            morpheme.part_of_speech()[0] == "名詞"
            and morpheme.part_of_speech()[1] != "数詞"
            and not morpheme.is_oov()
            and not _is_name(morpheme)
            and not _TITLE.fullmatch(morpheme.surface())
            and not _taken_as_surname(morpheme.surface())
        )
        for morpheme in item
    )


def _kanji_lines(text: str) -> _Lines:
    """Where each line of ``text`` begins, and whether it holds kanji: read once, asked of every word."""
    starts = [0, *(newline.end() for newline in _NEWLINE.finditer(text))]
    ends = [*(start - 1 for start in starts[1:]), len(text)]
    return starts, [bool(_KANJI.search(text, start, end)) for start, end in zip(starts, ends, strict=True)]


def _guessed_in_hiragana(text: str, word: Any, lines: _Lines) -> bool:
    """Whether a name the dictionary reads in a line of hiragana alone is its guess at splitting a run.

    A line without kanji (``lines``: `_kanji_lines`) was typed without conversion (on a phone:
    しゅうがくつうち　とどかない, 就学通知が届かない); there a word in hiragana that begins inside a run of
    hiragana (`_cut_from_hiragana`), or whose run goes on past the particle after it (しゅう + が +
    くつうち), is no name. In a line with kanji, a name in hiragana was written so (すずきがさっきから電話
    してる, ひろみが対応済み).
    """
    start, stop = word.begin(), word.end()
    starts, kanji = lines
    if kanji[bisect_right(starts, start) - 1]:
        return False
    return _cut_from_hiragana(text, start) or bool(
        _HIRAGANA_WORD.match(text, stop - 1) and _HIRAGANA_AFTER_PARTICLE.match(text, stop)
    )


def _cut_from_hiragana(text: str, start: int) -> bool:
    """Whether a word in hiragana at ``start`` begins inside a run of hiragana (じりつしえんい + りょう).

    Where a run of hiragana is split into words is the dictionary's guess (a query typed without kanji
    conversion); a particle of one character after other script begins no run (担当はひろみが).
    """
    if not start or not _HIRAGANA_WORD.match(text, start) or not _HIRAGANA_WORD.match(text, start - 1):
        return False
    particle = text[start - 1] in _ONE_CHARACTER_PARTICLES
    return not (particle and (start == 1 or not _HIRAGANA_WORD.match(text, start - 2)))


def _before_a_verb(morphemes: Sequence[Any], at: int, end: int) -> bool:
    """Whether a name the dictionary reads as one there is the subject of a verb right after it.

    In chat the particle is dropped: 村上いた, 黒木戻ったら, 白井書いた, 佐々木見てくれた？, 柳田帰ったよ,
    えりか怒ってた, or with an adverb of `_STILL` between (だいすけまだ帰ってない). A surname of two
    characters or more, or a given name of two kanji or three kana or more, as a word of its own (first,
    or after a particle, a mark, a space or a word of when: さっき坂田出ていった), with a verb right after
    it. The dictionary reads a surname there only where the sentence
    reads as a person's (小川流れてる is a stream to it; 清水出る is masked, as 清水が出る is).
    """
    word = morphemes[at]
    kind, surface = word.part_of_speech()[3], word.surface()
    verb = end + 1 if end + 1 < len(morphemes) and morphemes[end].surface() in _STILL_WORDS else end
    if end != at + 1 or verb >= len(morphemes) or morphemes[verb].part_of_speech()[0] != "動詞":
        return False
    surname = kind == "姓" and len(surface) >= 2
    given = kind == "名" and (
        (len(surface) >= 2 and _KANJI_SURNAME.fullmatch(surface)) or _HIRAGANA_NAME_WORD.fullmatch(surface)
    )
    if not (surname or given) or surface.isascii():
        return False
    before = morphemes[at - 1].part_of_speech() if at else None
    return before is None or before[0] in ("助詞", "補助記号", "空白", "副詞") or before[2] == "副詞可能"


def _closes_with_particle(text: str, morphemes: Sequence[Any], at: int) -> bool:
    """Whether ``morphemes[at]`` is a particle that ends a clause or a line (美咲から。, 大輔まで)."""
    if at >= len(morphemes) or morphemes[at].part_of_speech()[0] != "助詞":
        return False
    return bool(_CLAUSE_END.match(text, morphemes[at].end()))


def _called_by_name(text: str, word: Any, lines: _Lines) -> bool:
    """Whether a name the dictionary reads as one there opens a line, called or a subject (翔太、健太も).

    Two characters or more in kanji or kana, first on its line, with a comma or a particle after it; not
    in a line of hiragana alone where the run goes on past the particle (`_guessed_in_hiragana`).
    """
    start = word.begin()
    first = _opens(text, start, "\n")
    called = first and len(word.surface()) >= 2 and bool(_CALLED.match(text, word.end()))
    return called and not _guessed_in_hiragana(text, word, lines)


def _opens(text: str, start: int, marks: str) -> bool:
    """Whether ``start`` is first in ``text``, right after one of ``marks``, or after a call (ねえ、)."""
    return start == 0 or text[start - 1] in marks or bool(_CALL.search(text, max(0, start - 4), start))


def _called_in_kana(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Given names in kana opening a sentence with a comma after them, as one calls someone (ゆき、手伝って).

    The dictionary reads them as words there (雪, a verb); they count when it reads them as a name before
    さん alone. First on a line, after a sentence or a call (ねえ、翔、 is `_called_by_name`'s).
    """
    for word in morphemes:
        surface, start = word.surface(), word.begin()
        opens = _opens(text, start, "\n。!?")
        if (
            opens
            and _KANA_WORD.fullmatch(surface)
            and text[word.end() : word.end() + 1] in ("、", ",")
            and not _is_name(word)
            and word.part_of_speech()[0] not in _NOT_CALLED
            and _read_before_san(surface) == "人名"
        ):
            yield start, word.end()


def _named_pairs(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Two people named first on a line, joined by と, before a subject's particle or a comma.

    星と泉が作ってる, 浜と岡がコンビ, あすかとみのる、今日は外回り: each a word the dictionary reads as a
    name before さん alone, or a surname it reads as a word even there; two directions (東と西、どっち)
    are a place's.
    """
    for at in range(len(morphemes) - 2):
        first, joined, second = morphemes[at : at + 3]
        start = first.begin()
        opens = start == 0 or text[start - 1] == "\n"
        if not (opens and joined.surface() == "と" and _PAIR_END.match(text, second.end())):
            continue
        words = (first.surface(), second.surface())
        if all(w in _DIRECTIONS for w in words) or not all(_pair_word(m) for m in (first, second)):
            continue
        yield start, first.end()
        yield second.begin(), second.end()


def _pair_word(word: Any) -> bool:
    surface = word.surface()
    return (
        word.part_of_speech()[0] not in _NOT_CALLED
        and bool(_KANJI_SURNAME.fullmatch(surface) or _KANA_WORD.fullmatch(surface))
        and _taken_as_surname(surface)
    )


def _katakana_parts_around(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of a foreign name joined by ・ to a part found (レ・ヴァン・フン with ヴァン・フン found)."""
    parts = []
    for start, end in found:
        before = _KATAKANA_PART_BEFORE.search(text, max(0, start - 13), start)  # a window: linear time
        after = _KATAKANA_PART_AFTER.match(text, end)
        if before:
            parts.append(before.span(1))
        if after:
            parts.append(after.span(1))
    return parts


def _word_of_its_own(morphemes: Sequence[Any], at: int) -> bool:
    """Whether ``morphemes[at]`` is first, or after a particle, a mark or a space: not in a compound.

    Not after the ヶ or ノ joining a place's parts (緑ヶ原, 三ノ原), which the dictionary reads as a particle.
    """
    if at == 0:
        return True
    before = morphemes[at - 1]
    return before.part_of_speech()[0] in ("助詞", "補助記号", "空白") and before.surface() not in _PLACE_JOINS


def _latin_names(text: str) -> Iterator[tuple[int, int]]:
    """Runs of capitalised Latin words that an honorific, a title or a cue shows to be a person's name."""
    for match in _LATIN_NAME.finditer(text):
        start, end = _without_leading(text, *match.span(1), _WORD, _is_salutation)
        ending = _LATIN_HONORIFIC.search(text, start, end)
        honorific = False
        if ending is not None and ending.end() == end:  # Sato-san: the hyphen joins the honorific to the word
            honorific = True
            start, end = _without_leading(text, start, ending.start(), _WORD_BEFORE_COMMA, _known_word)
        if start == end:
            continue
        shown = _person_after(text, end) and not _NOT_HONORIFIC.match(text, _skip_space(text, end))
        shown = shown or honorific
        run = text[start:end]
        words = run.split()
        # Alone in quotes, words of which none is English: a name as written (「TRAN THI HOA」), not a
        # product's (「Forms Pro」, 「Kofax Express」), which staff quote as often.
        quoted = (
            len(words) >= 2
            and text[start - 1 : start] == "「"
            and text[end : end + 1] == "」"
            and not any(map(_known_word, words))
        )
        person = shown or quoted or _cued(text, start) or _LATIN_TITLE.search(text, max(0, start - 8), start)
        acronym = len(words) == 1 and words[0].isupper()
        # A first word the dictionary knows is a company's or a product's (Microsoft Teams様), unless it is a
        # surname in capitals before a given name it does not know, as passports write them (ITO Kenji).
        two = len(words) == 2
        surname_first = two and words[0].isupper() and words[1].istitle() and not _known_word(words[1])
        named = not _known_word(words[0]) or surname_first or _surname_in_romaji(words)
        if person and not acronym and not _CAMEL.search(run) and named:
            yield start, end


def _romaji_names(text: str) -> list[tuple[int, int]]:
    """A surname and a given name in romaji, in either order (Tanaka Yui, YAMAMOTO Kenji, Yui Tanaka).

    Both words must read as Hepburn romaji (`_hiragana_from_romaji`), one as a surname and the other as a
    given name to the dictionary in kana, the second word of a pair that is not one perhaps the first of
    one (9:14 AM Kenji Ogawa wrote:); a word ending in o is read with a long vowel too, as passports
    drop it (Sato for さとう). Tokyo Station, Ueno Park and Kind Regards are not.
    """
    named = []
    match = _ROMAJI_PAIR.search(text)
    while match:
        first, second = (_romaji_readings(match.group(group)) for group in (1, 2))
        if any(
            any(_named_in_kana(word, surname) for word in family)
            and any(_named_in_kana(word, "名") for word in given)
            for family, given, surname in ((first, second, "姓"), (second, first, "姓"))
        ):
            named.append(match.span())
            match = _ROMAJI_PAIR.search(text, match.end())
        else:  # 9:14 AM Kenji Ogawa: the second word may begin a pair of its own
            match = _ROMAJI_PAIR.search(text, match.start(2))
    return named


def _surname_in_romaji(words: Sequence[str]) -> bool:
    """Whether ``words`` are one word that reads in romaji as a surname.

    The dictionary knows some such as other proper nouns in Latin letters (Dr. Yamashita).
    """
    return len(words) == 1 and any(_named_in_kana(reading, "姓") for reading in _romaji_readings(words[0]))


def _romaji_readings(word: str) -> list[str]:
    """``word`` in hiragana as Hepburn romaji, the ways passports write names (`_hiragana_from_romaji`).

    An n before y or i may close a syllable (Shinya: しんや, Kenichi: けんいち, read as しにゃ and けにち
    first), and a final o may be long (Sato: さとう).
    """
    lower = word.lower()
    spellings = dict.fromkeys((lower, _SYLLABLE_N.sub("n'", lower)))
    readings = [reading for spelling in spellings if (reading := _hiragana_from_romaji(spelling)) is not None]
    return readings + [f"{reading}う" for reading in readings if lower.endswith("o")]


def _hiragana_from_romaji(word: str) -> str | None:
    """``word``, in lower case, read as Hepburn romaji in hiragana; None when it is not romaji (park, zoo)."""
    kana = []
    at = 0
    while at < len(word):
        rest = word[at:]
        if (len(rest) >= 2 and rest[0] == rest[1] and rest[0] not in "aiueonm") or rest.startswith("tch"):
            kana.append("っ")  # a doubled consonant: Hattori, Matchida
            at += 1
            continue
        following = rest[1:2]
        if (rest[0] == "n" and following not in tuple("aiueoy")) or (
            rest[0] == "m" and following in tuple("bmp")
        ):
            kana.append("ん")  # Kondo, Homma, Shin'ya
            at += 2 if following == "'" else 1
            continue
        for length in (3, 2, 1):
            syllable = _ROMAJI_SYLLABLES.get(rest[:length])
            if syllable is not None:
                kana.append(syllable)
                at += length
                break
        else:
            return None
    return "".join(kana)


def _latin_writings(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """A name's writing in Latin letters on the other side of a slash from a name found.

    A form or a list gives both writings apart by a slash (Agus Setiawan / アグス・スティアワン 様,
    WANG, Xiaoming　/　王 小明): two capitalised words or more, none a body's (`_BODIES`), nor one with a
    capital inside (PowerPoint), the first not a word the dictionary knows unless in capitals
    (佐藤 / Microsoft Teams stays).
    """
    writings = []
    for start, end in found:
        before = _LATIN_BEFORE_SLASH.search(text, max(0, start - _SLASH_REACH), start)
        after = _LATIN_AFTER_SLASH.match(text, end)
        for match in (before, after):
            if match is None:
                continue
            words = match.group(1).replace(",", " ").split()
            named = not _known_word(words[0]) or words[0].isupper()
            if len(words) >= 2 and named and _BODIES.isdisjoint(words) and not _CAMEL.search(match.group(1)):
                writings.append(match.span(1))
    return writings


def _handles(text: str) -> list[tuple[int, int]]:
    """Accounts that name a person (`_HANDLE`), and those listed right after one (CC: t.yamada, h.sasaki)."""
    spans: list[tuple[int, int]] = []
    for match in _HANDLE.finditer(text):
        start, end = match.span(2)
        listed = bool(spans) and _HANDLE_LIST.fullmatch(text, spans[-1][1], match.start())
        if match.group(1) or listed or _cued(text, start) or _person_after(text, end):
            spans.append((start, end))
    return spans


def _is_salutation(word: str) -> bool:
    """Whether ``word`` is a salutation before a name in Latin letters (Dear, MR), not part of it."""
    return word.capitalize() in _SALUTATIONS


def _without_leading(
    text: str, start: int, end: int, words: re.Pattern[str], leading: Callable[[str], bool]
) -> tuple[int, int]:
    """The span of ``text[start:end]`` without the ``words`` that begin it and are ``leading``.

    Dear, Mr before a name (`_SALUTATIONS`); Thanks, before Suzuki-san (a word the dictionary knows).
    """
    for word in words.finditer(text, start, end):
        if not leading(word.group()):
            return word.start(), end
    return end, end


def _person_after(text: str, stop: int) -> bool:
    """Whether what follows a name ending at ``stop`` shows a person: an honorific, a title, 〜って人.

    The honorific may come after the name's other writing in parentheses (SATO Yuki（佐藤 由紀）さん), or
    the name be that other writing (ラジェシュ・シュレスタ（Rajesh Shrestha）さん).
    """
    after = _skip_space(text, stop)
    aside = _ASIDE.match(text, after) or _CLOSING_PARENTHESIS.match(text, after)
    honorific = _AFTER_NAME.match(text, _skip_space(text, aside.end()) if aside else after)
    return bool(honorific or _CUE_AFTER.match(text, after))


def _known_word(word: str) -> bool:
    """Whether the dictionary knows ``word`` as a word that is not a name (Microsoft, Excel, Box).

    It is read before さん, where the dictionary tells a surname (Yamada, Smith) from a company; a word
    it reads as a place may be a surname too (Santos), as in `_surname_read_otherwise`, and so may a
    word (`_SURNAMES_READ_AS_WORDS`: Li, Le, Park). Not cached: the words asked about are mostly
    people's names, which the process should not keep.
    """
    if word.capitalize() in _SURNAMES_READ_AS_WORDS:
        return False
    reading = _read_before_san(word)
    return reading is not None and reading not in ("人名", "地名")


def _read_before_san(word: str) -> str | None:
    """What the dictionary takes ``word`` for before さん (人名, 地名, 一般…); None for a word it lacks."""
    part_of_speech = _part_of_speech_before_san(word)
    return None if part_of_speech is None else part_of_speech[2]


def _part_of_speech_before_san(word: str) -> tuple[str, ...] | None:
    """The dictionary's part of speech for ``word`` read as one word before さん; None for a word it lacks."""
    from sudachipy import SplitMode

    first = tokenizer().tokenize(f"{word}さん", SplitMode.C)[0]
    if first.surface() != word or first.is_oov():
        return None
    return tuple(first.part_of_speech())


def _run_end(morphemes: Sequence[Any], at: int) -> int:
    """Where the run of name words starting at ``at`` ends (one space between two of them is part of it)."""
    end = at + 1
    while end < len(morphemes):
        spaced = morphemes[end].surface() in _SPACE and end + 1 < len(morphemes)
        if not (_is_name(morphemes[end]) or (spaced and _is_name(morphemes[end + 1]))):
            break
        end += 1
    return end


def _with_unknown_given_name(
    text: str, morphemes: Sequence[Any], end: int, stop: int, after: re.Pattern[str]
) -> int:
    """Where the name ends when a given name the dictionary lacks and an honorific follow a surname.

    The given name is one or two kanji words (蒼空) or one kana word (さくら), a space before it allowed;
    ``after`` is what must follow it.
    """
    at = end + 1 if end < len(morphemes) and morphemes[end].surface() in _SPACE else end
    for count in range(1, _UNKNOWN_GIVEN + 1):
        words = morphemes[at : at + count]
        if len(words) < count or _AFTER_NAME.match(text, words[0].begin()):
            return stop  # 様（92歳）, 課長さん: an honorific or a title is no given name
        kanji = all(_KANJI_WORD.fullmatch(w.surface()) for w in words)
        if not kanji and not (count == 1 and _KANA_WORD.fullmatch(words[0].surface())):
            return stop
        if after.match(text, _skip_space(text, words[-1].end())):
            return int(words[-1].end())
    return stop


def _full_name(morphemes: Sequence[Any], at: int, end: int) -> bool:
    """Whether the run is a full name: two name words or more, or one the dictionary holds whole.

    Two or more (山田太郎, 鈴木 由美) need three characters: two are as often a
    typo that reads as a name (進渉, 申精). One word is a full name in kanji
    that the dictionary holds whole (小林太郎, as it holds 織田信長).
    """
    names = [m for m in morphemes[at:end] if _is_name(m)]
    if len(names) == 1:
        return names[0].part_of_speech()[3] == "一般" and bool(_KANJI_FULL_NAME.fullmatch(names[0].surface()))
    return len(names) >= 2 and morphemes[end - 1].end() - morphemes[at].begin() >= 3


def _full_name_when_rejoined(text: str, start: int, stop: int) -> bool:
    """Whether ``text[start:stop]``, a lone kanji and the name words after it, is a full name on its own.

    After の, the dictionary reads 前田花子 as 前 + 田花子.
    """
    morphemes = _morphemes(text[start:stop])
    return all(_is_name(m) for m in morphemes) and _full_name(morphemes, 0, len(morphemes))


def _surname_read_otherwise(text: str, morphemes: Sequence[Any], at: int) -> bool:
    """Whether a proper noun the dictionary reads as a place or a thing here is a surname.

    It reads many surnames as places (松本様, 清水課長), and some as other proper nouns in some
    contexts (山崎 in 申請者は山崎くん); an honorific or a staff title after it (a given name
    between them or not), or 〜って人, に聞いた or で対応します (not after a prefecture: 福岡で対応)
    when it reads it as a name before さん alone, says that it is one, and so does what only a person has
    (`_BELONGING`: 松本の机, 中野のハンコ). A municipality (横浜市さん,
    世田谷区さん) is not, and other proper nouns are companies as often (富士通さん, NECさん):
    one read as a thing counts only when the dictionary reads it as a name before さん alone.
    """
    morpheme = morphemes[at]
    surface = morpheme.surface()
    category = morpheme.part_of_speech()[1:3]
    if category not in (("固有名詞", "地名"), ("固有名詞", "一般")):
        return False
    stop = _with_unknown_given_name(text, morphemes, at + 1, morpheme.end(), _AFTER_PROPER_NOUN)
    after = _skip_space(text, stop)
    titled = _AFTER_PROPER_NOUN.match(text, after) or stop > morpheme.end()
    taking_on = _TAKES_ON.match(text, after) and not _prefecture(surface)
    away = _AWAY_BARE.match(text, morpheme.end()) and _word_of_its_own(morphemes, at)  # 大塚休みだから
    belonging = _BELONGING.match(text, morpheme.end())  # 松本の机
    if not (titled or _CUE_AFTER.match(text, after) or taking_on or away or belonging):
        return False
    # A place counts before an honorific or a title, not a municipality (横浜市さん) unless a surname
    # before さん (中村, a village here), nor a place of one kanji (葵くん) unless the same; before
    # a cue such as に確認 or より, only a place read as a surname before さん (松本, not 東京).
    place = titled and category[1] == "地名" and len(surface) > 1 and surface[-1] not in _MUNICIPAL
    return place or _read_before_san(surface) == "人名"


def _place_named_as_a_person(text: str, morphemes: Sequence[Any], at: int) -> bool:
    """Whether a proper noun the dictionary reads as a place or a thing here is a surname, by what precedes.

    Alone on a message's last line after a sentence or a signature's dashes, it signs the message (三好
    under 以上、よろしくお願いいたします。); a prefecture there is where the sentence points (福岡 under
    次の出張先です。).

    After a cue that a person follows (担当：松本, 参加者：栗原、日野, 世帯主：本田, read as the company)
    or after a section or position and before です or a particle (総務課の松本です, 福祉課の永田から), a
    place or a thing it reads as a name before さん alone is a surname; 会場は松本です and 総務課の松本出張
    stay; so it is after a title and a comma, introducing oneself (保育園の園長、瀬戸です). After a position,
    so is a word of two kanji it reads as a common noun there (課長の大石が, 新人の古川に: a big stone, an old
    river).
    """
    morpheme = morphemes[at]
    category = morpheme.part_of_speech()[1:3]
    word = category == ("普通名詞", "一般") and len(morpheme.surface()) == 2 and _kanji_noun(morpheme)
    if category not in (("固有名詞", "地名"), ("固有名詞", "一般")) and not word:
        return False
    start, stop = morpheme.begin(), morpheme.end()
    cued = not word and _cued(text, start)
    introduced = (_related(text, start) and _INTRODUCED.match(text, stop)) or (
        _TITLE_AND_COMMA.search(text, max(0, start - 12), start) and _INTRODUCING.match(text, stop)
    )
    signed = (
        not word
        and _TEXT_END.match(text, stop)
        and _SIGNED_LAST.search(text, max(0, start - 16), start)
        and not _prefecture(morpheme.surface())
    )
    return bool(cued or introduced or signed) and _read_before_san(morpheme.surface()) == "人名"


def _name_read_as_word(text: str, morphemes: Sequence[Any], at: int) -> bool:
    """Whether an ordinary word here, with an honorific or a staff title after it, is a name.

    The dictionary reads many names as words except before さん: 葵さん and 林さん are names to it,
    葵様, 桜ちゃん, 林様 and さとう様 a hollyhock, a cherry tree, a wood and sugar. A common noun
    of one or two kanji or of kana counts when an honorific or a staff title follows it, no prefix
    comes before it (お客様) and the dictionary reads it as a name before さん alone, or it is a surname
    it reads as a word even there (西さん, 池ちゃん: `_SURNAMES_READ_AS_WORDS_BEFORE_SAN`); 皆様, 業者さん,
    奥様 stay, and so does 神様 (`_HONOURED_WORDS`).
    """
    morpheme = morphemes[at]
    surface = morpheme.surface()
    if morpheme.part_of_speech()[1] != "普通名詞" or surface in _HONOURED_WORDS:
        return False
    if not (_KANJI_WORD.fullmatch(surface) or _KANA_WORD.fullmatch(surface)):
        return False
    if at > 0 and morphemes[at - 1].part_of_speech()[0] == "接頭辞":
        return False
    after = _skip_space(text, morpheme.end())
    if not _AFTER_WORD.match(text, after) or _NOT_HONORIFIC.match(text, after):
        return False
    return _taken_as_surname(surface)


def _taken_as_surname(word: str) -> bool:
    """Whether the dictionary reads ``word`` as a name before さん alone, or it is a surname of one kanji.

    Of one kanji it reads as a word even there (`_SURNAMES_READ_AS_WORDS_BEFORE_SAN`: 西, 星, 浜).
    """
    return word in _SURNAMES_READ_AS_WORDS_BEFORE_SAN or _read_before_san(word) == "人名"


def _unknown_before_honorific(text: str, morpheme: Any) -> bool:
    """Whether a kanji word the dictionary lacks (杁中, a rare surname) has an honorific or a title after it.

    The dictionary holds the common nouns that take さん (業者, 大家, 運転手) and nearly every surname; a
    kanji word it has never seen, before さん, is a name it lacks.
    """
    if not (morpheme.is_oov() and _UNKNOWN_KANJI_WORD.fullmatch(morpheme.surface())):
        return False
    after = _skip_space(text, morpheme.end())
    return bool(_AFTER_WORD.match(text, after)) and not _NOT_HONORIFIC.match(text, after)


def _surnames_read_as_words(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Surnames the dictionary reads as ordinary words here, shown to be a person's by what follows.

    In 係の山田に聞いた it reads 山田 as a rice field, 西村へメール as 西 + 村 and 村上で対応 as 村 + a
    suffix 上. A common noun of kanji (or two one-kanji nouns together) counts when what follows says a
    person (`_CUE_AFTER`: に聞いた, から連絡, って人; `_TAKES_ON`: で対応), or who they are comes before it
    and a particle after it (窓口の桑原が), or, for two one-kanji nouns, an honorific (区民の秋 + 元様),
    and the dictionary reads it as a name before さん alone; 係に聞いた, 窓口に確認 and 上司に相談 stay, and
    so does a word joined to the one before it (区 + 役所 in 区役所経由).
    """
    for at, morpheme in enumerate(morphemes):
        if not _kanji_noun(morpheme) or _in_a_compound(morphemes, at):
            continue
        start, stop = morpheme.begin(), morpheme.end()
        if stop - start == 1:
            following = morphemes[at + 1] if at + 1 < len(morphemes) else None
            suffix = following is not None and following.part_of_speech()[0] == "接尾辞"
            if following is None or not (_kanji_noun(following) or suffix):  # 西 + 村, 村 + 上
                continue
            stop = morphemes[at + 1].end()
            if stop - start != 2:
                continue
        # 一人で対応, 全員で対応: a word that can be an adverb says how, not who.
        adverbial = morpheme.part_of_speech()[2] == "副詞可能"
        cue = _CUE_AFTER.match(text, stop) or (_TAKES_ON.match(text, stop) and not adverbial)
        if stop > morpheme.end():  # two words of one kanji (秋 + 元), which no honorific follows otherwise
            cue = cue or (_AFTER_WORD.match(text, stop) and not _NOT_HONORIFIC.match(text, stop))
        related = _related(text, start) and _BARE_PARTICLE.match(text, stop) and stop - start >= 2
        cue = cue or (related and not adverbial)
        if cue and _read_before_san(text[start:stop]) == "人名":
            yield start, stop


def _one_kanji_surnames(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Surnames of one kanji that the dictionary reads as words (森, 原, 堀), before a cue of work.

    森が担当, 原が対応中, 堀から電話, 東は本日休み: a lone kanji noun, a word of its own (at the
    start, or after a particle, a mark or a space), that the dictionary reads as a name before さん
    alone, with someone's work or a call after it (`_ONE_KANJI_CUE`, narrower than `_CUE_AFTER`: 春が来た
    and 花に話しかける stay) or a cue, or a position and a space or a parenthesis, before it and a
    particle or a mark after it (担当の森に, 担当：林, 係長（森）; 部長の順に stays),
    unless it is as often whom or where one calls (`_NOT_ONE_KANJI_NAMES`:
    担当の方から電話, 孫に聞いた, 室に連絡 stay). Before a title, the dictionary reads 原, 島 and 光 as
    prefixes (原課長, 光課長): those three count there (`_NAMES_READ_AS_PREFIXES`; 新課長, 全課長 stay).
    """
    for at, morpheme in enumerate(morphemes):
        surface = morpheme.surface()
        if not _word_of_its_own(morphemes, at):
            continue
        if surface in _NAMES_READ_AS_PREFIXES and _AFTER_NAME.match(text, morpheme.end()):
            yield morpheme.begin(), morpheme.end()
            continue
        if len(surface) != 1 or surface in _NOT_ONE_KANJI_NAMES or not _kanji_noun(morpheme):
            continue
        if morpheme.part_of_speech()[2] != "一般":  # 逆にお願い, 横に確認: words that say how or where
            continue
        after = _skip_space(text, morpheme.end())
        start = morpheme.begin()
        shown = _ONE_KANJI_CUE.match(text, after) or (
            _BARE_PARTICLE.match(text, after)
            and (_cued(text, start) or (text[start - 1 : start] in ("(", *_SPACE) and _related(text, start)))
        )
        if surface in _SURNAMES_READ_AS_WORDS_BEFORE_SAN and text.startswith("から", after):
            continue  # 北から連絡: the branch office to the north as often as 北さん
        if _together_describing(morphemes, at):
            continue  # 森と一緒に歩くハイキング: a forest in what a thing is, not a colleague
        if shown and _taken_as_surname(surface):
            yield start, morpheme.end()


def _together_describing(morphemes: Sequence[Any], at: int) -> bool:
    """Whether ``morphemes[at]`` と一緒に (も一緒に) opens a clause that describes a noun (森と一緒に歩く…).

    With a colleague, と一緒に tells what one does (森と一緒に外回り行ってきます); a verb right after it that
    ends before a noun makes the clause a description of the noun, which a wood or a star fits as well.
    """
    words = [m.surface() for m in morphemes[at + 1 : at + 4]]
    if words not in (["と", "一緒", "に"], ["も", "一緒", "に"]) or at + 5 >= len(morphemes):
        return False
    verb, noun = morphemes[at + 4], morphemes[at + 5]
    return bool(verb.part_of_speech()[0] == "動詞" and noun.part_of_speech()[0] == "名詞")


def _introduced_after_greeting(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Who introduces themselves after a greeting: お疲れ様です、林です; お世話になります、総務課の岡山です.

    A kanji word, a word of its own, that the dictionary reads as a name before さん alone, between a
    greeting or a line's start (and perhaps a section) and です or と申します, whatever it reads it as
    there (林, a wood; 泉です。, first in a message).
    """
    for at, morpheme in enumerate(morphemes):
        start, stop = morpheme.begin(), morpheme.end()
        if (
            _INTRODUCING.match(text, stop)
            and _KANJI_SURNAME.fullmatch(morpheme.surface())
            and _word_of_its_own(morphemes, at)
            and _GREETED.search(text, max(0, start - 40), start)
            and _taken_as_surname(morpheme.surface())
        ):
            yield start, stop


def _speakers(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Who speaks, first on a line of minutes or a chat log: 林：了解, 森「RPAで全部やれます」.

    In the middle of a line, after a mark, a particle or a conjunction (…、続いて森本：予算確認中), a surname
    of two kanji or more that the dictionary reads as one there counts too, before a colon and no digit.

    A word of kanji or hiragana (かな：これでいい？) that the dictionary reads as a name there or before
    さん alone, with a colon or a quote right after it; 日時：, 場所： and 原本： are not names, nor 方：
    (`_NOT_ONE_KANJI_NAMES`).
    """
    for at, word in enumerate(morphemes):
        if (
            word.part_of_speech()[3] == "姓"
            and len(word.surface()) >= 2
            and text[word.end() : word.end() + 1] == ":"
            and not text[word.end() + 1 : word.end() + 2].isdigit()
            and _word_after_a_clause(morphemes, at)
        ):
            yield word.begin(), word.end()  # 続いて森本：予算確認中, in the middle of a line
    starting = {m.begin(): m for m in morphemes}
    for match in _SPEAKER.finditer(text):
        group = match.lastindex or 1
        word = starting.get(match.start(group))
        surface = match.group(group)
        if (
            word is not None
            and word.end() == match.end()
            and surface not in _NOT_ONE_KANJI_NAMES
            and (_is_name(word) or _read_before_san(surface) == "人名")
        ):
            yield match.span(group)


def _bracketed(text: str, morphemes: Sequence[Any]) -> list[tuple[int, int]]:
    """Who a line is from, in 【】 opening it (`_BRACKETED`: 【山中】本日午後、外出します).

    A word the dictionary reads as a name before さん alone and not as a place there: 【重要】 and 【至急】
    are headings, and 【千葉】 or 【中野】 may head what happens there.
    """
    places = {m.begin() for m in morphemes if m.part_of_speech()[2] == "地名"}
    return [
        match.span(1)
        for match in _BRACKETED.finditer(text)
        if match.start(1) not in places and _read_before_san(match.group(1)) == "人名"
    ]


def _marked(text: str, morphemes: Sequence[Any]) -> list[tuple[int, int]]:
    """Surnames on a line of two or more marked items (`_MARKED`): a presence board, tasks handed out.

    在席表：課長◯ 柳◯ 今泉× 田辺◯ and アクション：須田→マニュアル改訂、関→研修日程: the words the
    dictionary reads as a name before さん alone (of one kanji, `_taken_as_surname`; 課長◯ stays), before a
    task, not before a proper noun (東京→大阪、大阪→福岡 is a route).
    """
    proper = {m.begin() for m in morphemes if m.part_of_speech()[1] == "固有名詞"}
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        items = list(_MARKED.finditer(text, line.start(), line.end()))
        if len(items) < 2:
            continue
        for item in items:
            word = item.group(1)
            to_task = text[item.end(1)] == "→"
            if to_task and item.end() in proper:
                continue
            if word not in _NOT_ONE_KANJI_NAMES | _ONE_KANJI_LABELS and _taken_as_surname(word):
                spans.append(item.span(1))
    return spans


def _word_after_a_clause(morphemes: Sequence[Any], at: int) -> bool:
    """Whether ``morphemes[at]`` follows a mark, a space, a particle or a conjunction (、続いて森本：)."""
    if at == 0:
        return False  # first on a line is `_SPEAKER`'s
    before = morphemes[at - 1].part_of_speech()
    return before[0] in ("補助記号", "空白", "助詞", "接続詞")


def _signed_with_one_kanji(text: str, morphemes: Sequence[Any]) -> list[tuple[int, int]]:
    """A surname of one kanji signing a line or a list's item (`_ALONE_ON_LINE`): 谷, 了解です。東, （南）.

    It counts when it is a word of its own that the dictionary reads as a surname before さん alone, or
    one of those it reads as a word even there (`_taken_as_surname`); （株）, （済）, （未） are not, nor
    the labels the dictionary reads as surnames too (`_ONE_KANJI_LABELS`: （新）, （正）, （金）).
    """
    starting = {m.begin(): m for m in morphemes}
    return [
        match.span()
        for match in _ALONE_ON_LINE.finditer(text)
        if (word := starting.get(match.start())) is not None
        and word.end() == match.end()
        and match.group() not in _NOT_ONE_KANJI_NAMES | _ONE_KANJI_LABELS
        and _one_kanji_surname(word)
    ]


def _split_before_titles(text: str, morphemes: Sequence[Any]) -> list[tuple[int, int]]:
    """Surnames before a title that the dictionary splits wrongly (佐藤保健師: 佐 + 藤保 + 健師; 翔く + ん).

    The two to four kanji where kanji begin, right before a title, count when no word of the
    dictionary's reading ends where they do (it split them wrongly; a word it reads right is left to
    `_name_runs`) and it reads them as a name before さん alone (地区保健師, 生活相談員 and 民生委員
    stay). Not before 区長: 大田区長 is a ward's mayor.
    """
    ends = {m.end() for m in morphemes}
    before_titles = [*_KANJI_BEFORE_TITLE.finditer(text), *_KANJI_BEFORE_KUN.finditer(text)]
    return [
        match.span(1)
        for match in before_titles
        if match.end(1) not in ends
        and match.group(1) not in _WORDS_TAGGED_AS_NAMES
        and _read_before_san(match.group(1)) == "人名"
    ]


def _names_after_sections(text: str) -> list[tuple[int, int]]:
    """Names joined to the section before them (福祉課田中です), split wrongly by the dictionary (課田 + 中).

    The kanji after a section's 課, 係, 室 or 班, before です, a particle or a mark, count when the
    dictionary reads them as names on their own (a surname, or a surname and a given name): 総務課長,
    福祉課内で, 業務課題 and 保育課窓口から stay. So do the kanji after a section and の before です or
    と申します (区民課の戸川でございます; 区民課の窓口です stays).
    """
    after = [*_NAME_AFTER_SECTION.finditer(text), *_INTRODUCED_AFTER_SECTION.finditer(text)]
    return [match.span(1) for match in after if _names_alone(match.group(1))]


def _names_alone(word: str) -> bool:
    """Whether the dictionary reads ``word`` before さん as one name, or as a surname and a given name."""
    if _read_before_san(word) == "人名":
        return True
    words = _morphemes(word)
    return len(words) == 2 and all(_is_name(w) for w in words)


def _kana_before_honorifics(text: str, morphemes: Sequence[Any]) -> list[tuple[int, int]]:
    """Given names in kana that the dictionary lacks before an honorific, and foreign names in parts.

    A run of two to six hiragana or katakana, where that script begins, right before くん, 君 or 先輩 is
    a child's or a junior's name (ゆうとくん, ケンタくん, まこと先輩) when the dictionary, asked about it
    before さん, does not know it or reads it as a proper noun, or in hiragana before くん as a common noun
    (ひなたくん, つばさくん: 日向, 翼); ロボットくん and ぼくくん stay. So is one before ちゃん that the
    dictionary reads as a suffix there (みーちゃん; not ちゃんと, nor ねえちゃん). Before さん,
    ちゃん or 様, after who they are to someone or a cue and の, a colon or a space, a word that it does
    not read as a noun is one too (祖母のみよこさん, 祖母のきよさん; 母のおばさん, 祖母のおばあさん stay).
    Katakana parts joined by ・ before an honorific are a foreign name (ワン・ウェイさん), and so is a
    katakana word after a country and の that the dictionary lacks or reads as a proper noun
    (ネパールのグルンさん). A katakana word alone before さん, 様 or さま is a surname written in katakana
    when the dictionary lacks it (ソノダさん) or reads it as a common noun there but as a name in hiragana
    (ハヤシさん: hayashi rice, はやし); ヘルパーさん, ケアマネさん and companies it knows (ベネッセさん) stay.
    """
    spans = [match.span() for match in _KATAKANA_PARTS_BEFORE_HONORIFIC.finditer(text)]
    suffixes = [(m.begin(), m.end()) for m in morphemes if m.part_of_speech()[0] == "接尾辞"]
    countries = {  # where a word after a country and の begins
        m.end() + 1
        for m in morphemes
        if m.part_of_speech()[2:4] == ("地名", "国") and text[m.end() : m.end() + 1] == "の"
    }
    for match in _KANA_BEFORE_HONORIFIC.finditer(text):
        start, end = match.span()
        if text[start] == "の" and end - start > 2:  # 祖母のみよこさん: the run begins with の
            start += 1
        introduced = (
            text[start - 1 : start] in ("の", ":", *_SPACE) and (_related(text, start) or _cued(text, start))
        ) or (text[start - 1 : start] == "(" and bool(_KIN_AROUND.search(text, max(0, start - 9), start - 1)))
        abroad = start in countries and bool(_KATAKANA_WORD.fullmatch(text, start, end))
        honorific = match.group(1)
        diminutive = honorific == "ちゃん" and any(b <= match.start(1) < e for b, e in suffixes)
        kin = _KIN.match(text, start) or _KIN_CALLED.search(text, start, end)
        katakana = honorific in ("さん", "様", "さま") and bool(_KATAKANA_WORD.fullmatch(text, start, end))
        if not (honorific in ("くん", "君", "先輩") or diminutive or introduced or abroad or katakana) or kin:
            continue
        part_of_speech = _part_of_speech_before_san(text[start:end])
        if katakana and not (honorific in ("くん", "君", "先輩") or diminutive or introduced or abroad):
            # ノムラさん, ソノダ様; ハヤシさん: a common noun, but はやし a name
            word = part_of_speech is not None and part_of_speech[1] == "普通名詞"
            name_in_hiragana = word and _read_before_san(to_hiragana(text[start:end])) == "人名"
            if part_of_speech is None or name_in_hiragana:
                spans.append((start, end))
            continue
        child = (honorific in ("くん", "君") or diminutive) and _HIRAGANA_WORD.fullmatch(text[start:end])
        if (
            part_of_speech is None
            or (part_of_speech[1] == "固有名詞" and (not abroad or part_of_speech[2] != "地名"))
            or (introduced and part_of_speech[0] not in ("名詞", "代名詞"))
            or (child and part_of_speech[1] == "普通名詞")
        ):
            spans.append((start, end))
    return spans


def _names_split_in_hiragana(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Names typed in hiragana that the dictionary splits into words or reads as a word (やまもとさん).

    It reads やまもと as やま + もと and さとう as sugar, and ヤマモト and サトウ as surnames. Before an
    honorific, the longest run of whole hiragana words of three to six characters whose katakana
    spelling it knows as a surname or a given name before さん is one (まどぐちでやまもとさん: やまもと,
    not でやまもと, which it does not know), with a surname in hiragana right before a given name
    (やまだたろうさん); みなさん, おきゃくさま and ぎょうしゃさん are not. Before a cue that says someone
    was spoken to or heard from (やまもとにきいた, さとうからでんわ), a surname or a full name is, and a
    given name alone before a case particle (たろうにきいた; not しずかにきいた, 静かに聞いた, whose に
    ends an adjective).
    """
    for at, morpheme in enumerate(morphemes):
        honorific = morpheme.surface() in _HONORIFICS or morpheme.surface() in _KANA_TITLES
        if not (
            honorific
            or (_HIRAGANA_PARTICLE.fullmatch(morpheme.surface()) and _CUE_AFTER.match(text, morpheme.begin()))
        ):
            continue
        for start in range(_hiragana_run_start(morphemes, at), at):
            begin, end = morphemes[start].begin(), morpheme.begin()
            kind = _hiragana_name(morphemes[start:at])
            if end - begin < 3 or not kind:
                continue
            surname = _hiragana_surname_before(morphemes, start) if kind == "名" else None
            if honorific or kind == "姓" or surname is not None or _case_particle(morpheme):
                yield (begin if surname is None else surname), end
                break


def _hiragana_openings(text: str) -> list[tuple[int, int]]:
    """Names in hiragana opening a clause that the dictionary splits or reads as a verb or an adjective.

    A run of `_HIRAGANA_OPENING` before an honorific (うちださん, read as うちださ + ん; ながいさん) or
    before a particle and a cue (ひらいが言ってた) is a name when the dictionary reads its katakana spelling
    as one before さん (ウチダ; before a particle only as a surname: しずかにきいた is 静かに聞いた), or
    reads the run alone as one verb or adjective, which takes no honorific (ながい: 長い, for 永井), or,
    before a particle, as a verb's 連用形, which takes no が (ひらい: 開い).
    Family as one calls them stays (おばあさん, おにいさん).
    """
    spans = []
    for match in _HIRAGANA_OPENING.finditer(text):
        start = match.start()
        for end in range(start + 3, min(start + 5, len(text)) + 1):
            if not _HIRAGANA_WORD.fullmatch(text, start, end):
                break
            if _hiragana_opening_name(text, start, end):
                spans.append((start, end))
                break
    return spans


def _hiragana_opening_name(text: str, start: int, end: int) -> bool:
    """Whether the hiragana ``text[start:end]`` opening a clause is a name (see `_hiragana_openings`)."""
    after = _HIRAGANA_NAME_END.match(text, end)
    run = text[start:end]
    if not after or _KIN.match(run) or _KIN_CALLED.search(run):
        return False
    honorific = after.group("honorific") is not None
    if not (honorific or _CUE_AFTER.match(text, end)):
        return False
    words = _morphemes(run)
    if len(words) == 1:
        part_of_speech = words[0].part_of_speech()
        if part_of_speech[0] == "動詞" and (honorific or "連用形" in part_of_speech[5]):
            return True
        if part_of_speech[0] == "形容詞" and honorific and run not in _ADJECTIVES_BEFORE_SAN:
            return True
    kind = _hiragana_name(words)
    return kind == "姓" or (kind is not None and honorific)  # not しずかに (静かに, シズカ) きいた


def _case_particle(morpheme: Any) -> bool:
    """Whether ``morpheme`` is a case particle (the に of たろうにきいた; not that of しずかに, 静かに)."""
    return bool(morpheme.part_of_speech()[:2] == ("助詞", "格助詞"))


def _hiragana_run_start(morphemes: Sequence[Any], at: int) -> int:
    """The first of the whole hiragana words just before ``morphemes[at]``, six characters back at most."""
    first = at
    while (
        first > 0
        and morphemes[at].begin() - morphemes[first - 1].begin() <= _LONGEST_HIRAGANA_NAME
        and _HIRAGANA_WORD.fullmatch(morphemes[first - 1].surface())
        and morphemes[first - 1].part_of_speech()[0] != "接尾辞"  # the ちゃん of 佐藤ちゃんが (チャン)
    ):
        first -= 1
    return first


def _hiragana_surname_before(morphemes: Sequence[Any], at: int) -> int | None:
    """Where a surname in hiragana right before the given name at ``at`` begins (やまだ in やまだたろう).

    One space may stand between them (やまだ たろう).
    """
    if at > 1 and morphemes[at - 1].surface() in _SPACE:
        surname = morphemes[at - 2]
        if _HIRAGANA_WORD.fullmatch(surname.surface()) and _hiragana_name([surname]) == "姓":
            return int(surname.begin())
    for start in range(_hiragana_run_start(morphemes, at), at):
        long_enough = morphemes[at].begin() - morphemes[start].begin() >= 2
        if long_enough and _hiragana_name(morphemes[start:at]) == "姓":
            return int(morphemes[start].begin())
    return None


def _families(morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Surnames the dictionary holds with 家 (池田家) or splits wrongly before 宅 (原田宅): the surname.

    It reads 佐藤家 as 佐藤 + 家, which `_FROM_OR_HOME` covers; a surname it holds with 家 counts when
    it reads the surname alone as a name before さん. It also splits 原田宅 as 原 + 田宅 (a word for
    fields and houses): a lone kanji and a two-kanji word ending in 宅 are a surname's home when the
    lone kanji and the word's first kanji are read as a name before さん.
    """
    for at, morpheme in enumerate(morphemes):
        surface = morpheme.surface()
        house = len(surface) >= 3 and surface.endswith("家") and morpheme.part_of_speech()[1] == "固有名詞"
        if house and _read_before_san(surface[:-1]) == "人名":
            yield morpheme.begin(), morpheme.end() - 1
        elif (
            at
            and len(surface) == 2
            and surface.endswith("宅")
            and _LONE_KANJI.fullmatch(morphemes[at - 1].surface())
        ):
            surname = morphemes[at - 1].surface() + surface[0]
            if _read_before_san(surname) == "人名":
                yield morphemes[at - 1].begin(), morpheme.end() - 1


def _hiragana_name(morphemes: Sequence[Any]) -> str | None:
    """姓 or 名 when the dictionary reads these hiragana words, in katakana, as one name before さん."""
    part_of_speech = _part_of_speech_before_san(to_katakana("".join(m.surface() for m in morphemes)))
    if part_of_speech is None or part_of_speech[2] != "人名" or part_of_speech[3] not in ("姓", "名"):
        return None
    return part_of_speech[3]


def _in_a_compound(morphemes: Sequence[Any], at: int) -> bool:
    """Whether a prefix or a suffix joins the word at ``at`` to the one before (区 + 役所 in 区役所)."""
    before = morphemes[at - 1] if at else None
    return before is not None and before.part_of_speech()[0] in ("接頭辞", "接尾辞")


def _kanji_noun(morpheme: Any) -> bool:
    return bool(morpheme.part_of_speech()[1] == "普通名詞" and _KANJI_WORD.fullmatch(morpheme.surface()))


def _after_a_fragment(morphemes: Sequence[Any], at: int) -> bool:
    """Whether a lone kanji before the run shows a word split wrongly (保 + 健師 in 保健師さん).

    今 is a word of its own (今藤田が電話中: 藤田 is on the phone now).
    """
    if at == 0:
        return False
    before = morphemes[at - 1]
    lone = _LONE_KANJI.fullmatch(before.surface()) and before.surface() != "今"
    return bool(lone) and before.part_of_speech()[0] == "名詞"


def _person_around(text: str, start: int, stop: int) -> bool:
    """Whether what is around a word the dictionary reads as a name there shows a person.

    Something of theirs, where they are or come from after it (田中の件, 佐藤です, 田中より, 佐藤家:
    `_PERSONS_THING`, `_FROM_OR_HOME`), unless a place was asked for (出張先は長野です); parentheses
    around it alone, as under a memo (（田中）); or who they are to someone before it (課長の佐藤,
    税務課の山田, 息子の太郎, 妻 花子: `_RELATION`), unless the word begins a compound (課長の長野出張).
    """
    after = _PERSONS_THING.match(text, stop) or _FROM_OR_HOME.match(text, stop)
    place = _PLACE_ASKED.search(text, max(0, start - 8), start) or _PLACES_THING.match(text, stop)
    if after and not place:
        return True
    if text[start - 1 : start] in ("(", "「", "『") and text[stop : stop + 1] in (")", "」", "』"):
        return True  # alone in parentheses or quotes: a signature, a name as written (（田中）, 「澤田」)
    if start and not text[stop:].strip() and text[start - 1] in "。\n/":
        return True  # alone at the end, after a sentence: a signature (内容確認済み。久保)
    compound = stop < len(text) and _KANJI_OR_KATAKANA.match(text, stop)
    return not compound and _related(text, start)


def _cued(text: str, start: int) -> bool:
    """Whether a cue (氏名：, 申請者は) comes right before ``start``."""
    return bool(_CUE_BEFORE.search(text, max(0, start - 12), start))


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in _SPACE:
        at += 1
    return at


def _is_name(morpheme: Any) -> bool:
    """Whether the dictionary tags the word as a name here; Latin words are left to `_latin_names`.

    It tags Latin words as names whatever their case (WEIR in an identifier, C00000WEIR), so a name in
    Latin letters counts only as `_latin_names` finds it: capitalised, with an honorific or a cue.
    """
    surface = morpheme.surface()
    latin = surface.isascii() and surface.isalpha()
    return morpheme.part_of_speech()[2] == "人名" and not latin and surface not in _WORDS_TAGGED_AS_NAMES


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """``text`` in pieces of at most `_CHUNK` characters, cut after a line break when there is one."""
    start = 0
    while start < len(text):
        end = min(len(text), start + _CHUNK)
        if end < len(text):
            newline = text.rfind("\n", start, end)
            end = newline + 1 if newline > start else end
        yield start, text[start:end]
        start = end


def _morphemes(text: str) -> list[Any]:
    """Sudachi's morphemes of ``text`` (split mode C); lone surrogates read as U+FFFD, offsets kept."""
    from sudachipy import SplitMode

    return list(tokenizer().tokenize(_SURROGATE.sub("\ufffd", text), SplitMode.C))
