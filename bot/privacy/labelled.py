"""Personal numbers and dates that a label announces: birth dates, accounts, insurance and ID cards.

Dates and numbers are work text as a rule (締切は2026年4月1日, 40件, 受付番号
123), so these are masked only where a label says whose they are:

- a birth date after 生年月日 (or 生年月, 生年月曰, 生年月目, as it is mistyped, 牛年月日, as OCR
  misreads it), 誕生日, 生まれた日, 生まれ,
  生 as a word of its own before a blank or a colon (生 H元.10.4; not 学生 nor 1年生),
  出生日期, 생년월일, DOB, D.O.B. or birth= (生年月日：昭和60年4月1日, 誕生日は1985/4/1, Date of birth:
  1990-08-21, 生年月日: 23 Nov 1988; a line break after the label or between the parts: 生年月日 / 1976年 /
  2月 / 3日), or before 生まれ or 生
  (S60.4.1生まれ, 平成2年3月4日生): a Western or Japanese-era year (明治, 大正, 昭和, 平成, 令和, or M, T, S,
  H, R, or 明, 大, 昭, 平, 令 before the year; a Western year's two last digits after an apostrophe:
  '85/7/7生まれ), month and day, written with 年月日 (spaces
  between them if any) or ``/ - .``; a year alone is work text (1985年生まれの職員), but for an era's letter
  and the year with 生 right after it (S63生, 父 S8生); a whole date before the last years in a
  comma- or tab-separated row with 男 or 女, a phone number or a postal code in a cell of its own
  (1201,[氏名],1968/10/04,女; "1955-11-03","03-3981-2270"; 名簿から：1978/04/12<tab>090-2284-1937);
  after 誕生日, a month and day alone (誕生日は9月3日, 誕生日が 11/3); a year of birth with the month and day
  just after it, all of it (平成2年生まれで、誕生日は10月8日, 昭和38年生まれの5月6日); after a label, a
  year and month with the day after a word for it (生まれは平成18年の9月、誕生日は2日); middle dots between
  the parts too (S53・11・2);
- a whole date of an era before 平成 (昭和58年11月22日, S45.3.2, M43.2.11), labelled or
  not: nobody's work is dated then but a resident's birth; in an era's last year (S64.1.7, 大正15年12月25日)
  only in a message about a birth, before who it is of (S64.1.7 の方) or near an age (88歳 T15.3.3), as the
  era's end is told of too;
  the same read aloud in hiragana, as voice input writes it (しょうわよんじゅうねん ろくがつ ついたち), or
  as staff note it down, the era in kanji and commas between the parts (昭和のごねん、しがつ、みっか), and
  any era's so in a message about a birth; after a label, a pause between the year and the rest
  (誕生日は 1990年の…たしか 2月14日);
- in a message that mentions a birth anywhere (生年月日 in a table's header, or far
  from the date) or holds a whole date of an era before 平成 (S40.2.3 や 平9.6.10), every whole
  date whose year is not one of the last three (a consultation's date, 相談日 2026/11/02, is the
  work's), eight digits as a date included, and a year of one or two digits with its era written
  elsewhere (数字は 5 年 4 月 17 日); neither of these takes a date that opens or closes a
  range (…以前, …から, 〜…) or that a rule or a document bears (…施行, …改訂, …現在);
- a number after the name of a personal one (a note in brackets, its count of digits or a second label
  between if any: 口座番号(7桁), 口座番号7桁→ …, 基礎年金番号・年金コード：; ``=`` as a form's field:
  被保険者番号=…; an arrow: 口座番号→ …): a bank account
  (口座番号, 口座, 口番; 普通, ふつう or 当座 before exactly seven digits, in brackets too: （普通）1234567,
  or a CSV row's cell before them: "普通","4410927"), an
  insurance, pension, licence, passport, residence card, medical aid or beneficiary number
  (被保険者番号, 被保険者証の番号, 被保険者証 番号, the card's name and 番号 on lines of their own as a copied
  form sets them, 資格確認書、番号は, 医療証の番号, 基礎年金番号,
  雇用保険の番号,
  免許証番号, 免許証の番号, 運転免許 第…号, 旅券番号, 在留カード番号, 受給者証番号, 住民票コード,
  a Korean 住民登録番号 or a Brazilian CPF,
  年金手帳の番号, 身体障害者手帳 1級 第12345号 …; No. or number after the card's name too: 旅券No.,
  Passport No.; a card's name and 番号 apart by a space: 在留カード 番号：…; 在留カード alone; shortened or
  in hiragana: 被保番, 介保番号, ひほけんしゃ番号, 免許NO, 運免, パスポ番号, PP番号; 身障手帳 and
  精神保健福祉手帳, the handbook's kind in brackets (障害者手帳（身体）の番号); a ward's one-kanji
  mark and a blank before the number (保険証番号 練 0417726); 被保険者証 alone before six digits or more;
  a passport's two letters and a dash: MP-4471229), a ward's
  numbers for a resident (宛名番号, あて名番号, 宛名No., 世帯番号, 世帯No, 住基コード,
  利用者番号, ケース番号, 保護番号, 証書番号, a tax notice's
  通知書番号, a checkup voucher's 受診券番号 or 受診券 No., a child's 予診票番号, a vaccination's 接種券番号,
  a checkup's 受診番号, K-2026-1183 too), a person's number, code or ID (any 〜者番号 but a
  business's, 事業者番号; 利用者ID, 顧客コード, 組合員コード, 患者ID, お客様ID, 奨学生番号,
  被災者台帳の台帳番号), a utility's (お客様番号), a job seeker's (求職番号), an insurance policy's
  (証券番号), a patient's chart (カルテ番号) or card (診察券の番号), an examination's applicant (受験番号), a
  welfare case's (ケースNo.), a member's (会員番号; after 会員番号 a number is never a phone,
  `bot.privacy.numbers`), a certificate's or a qualification's (修了証明書番号, 身分証番号, ID Card No.,
  資格番号, 保育士登録番号 東京-004471, 認定番号, a certificate's or a handbook's 交付番号, a place before its
  第 if any: 交付番号 東京 第1183047号), a person's No. (被保険者No.), a Japan Post Bank
  account in one piece (ゆうちょ銀行 10120-12345671, ユウチヨギンコウ in katakana too, 記号番号
  10190-55667781), a health insurance card's 記号 and 番号 (保険証の記号 12345 番号 678,
  保険証、記号 世B-07 番号 1192, 協会けんぽ 記号 21170045 番号 52; 介護保険証 No.…),
  a dog's registration (犬の登録番号, 鑑札番号),
  a card number (カード番号, クレジットカード) or a staff or student number: three
  digits or more, with up to two letters before them (パスポート TK1234567, TZ 7654321) or a year's
  letter between them (利用者ID 2026G0318), and after a person's number's label a dash after the letters too
  (受診者番号 K-2026-04471, 対象者番号：W-8812, お客様ID MV-30417728; a case's may be a file's: ケース番号
  C-2025-1182 stays), or one or two digits, an era's letter before them if any, a dash and three or more
  (納税義務者番号 17-004428-3, 認定番号 R8-04118),
  grouped by spaces, dashes or の (六〇一二の四四八一七二), or six or more read one at a time
  (8 7 6 5 0 4 3 2), and no unit
  after them (口座が2つ, 口座 3件 stay) nor a range's 〜 (受験番号は 101〜148 番 stays); 欄 may follow
  the label (学籍番号欄に …); the first of values in brackets after their labels (被保険者番号と
  生年月日（0012458832／S24.9.9）); 第 and a space may come first (受給者番号が「第 5038172 号」),
  and 番号 in brackets after the card
  (在留カード（番号 XY 1122 3344 ZW）, 免許証（番号 第 6103 2288 4491 号）); an account's type
  before its seven digits (普通 1234567, 普 1234567, 普通 No. 1234567, 種別：普通 then 番号：1234567 on the
  next line);
- a work number said to be someone's (受付番号が 3318 の方, 申請番号 KY-00448172 のご本人; not a queue's
  called to a counter: 受付番号 312 番の方、3番窓口へ); a voter's number right after a polling district
  (第3投票区の 1248 番); a branch and an account joined by a dash, with the account's type after them or
  a bank's name before (三菱UFJ 218-3381904（普）), and a transfer file's row (0009,118,1,2207341);
- in a message about a licence (免許), twelve digits, grouped or one at a time, that are
  neither a My Number nor a reference (受付番号 …);
- in a table pasted as text (a CSV file's rows and a fixed-width export's too), the cells under a number's
  header (口座番号, 旅券番号, 手帳番号, Account No., …; 第 48217 号 whole) or after it in a form's row
  (| 被保険者番号 | 0002287316 |), and under No. in a table whose header row names the bank (Bank | Branch |
  No.); a date split over 元号,年,月,日 columns (or era,year,month,day: 昭和,55,4,12), or copied as a form's
  fields after their labels (元号:昭和 年:50 月:8 日:14), unless its year is one of the last (a rule's date);
- a number corrected or doubted right after a labelled one, its digits as many (口座番号 4410921 → 4410912,
  … じゃなくて …, … だったか …), and anywhere in the message a number as long as a labelled one that differs
  from it in two digits at most (口座番号 4418207 と伺いましたが、通帳では 4418270 でした);
  part of a personal number named by its place in it (マイナンバー先頭4桁 5287,
  口座番号の下3桁が 092, 携帯の末尾4桁 2237); a vehicle's plate after ナンバー, 車番 or 登録番号
  (足立 330 ほ 88-21), and a motorcycle's or a moped's, with no class's digits, after 登録, 二輪, 原付 or
  バイク too (自動二輪の登録 練馬 ほ 7721, 原付 練馬区 か 2281); after 車両番号 or 車は too (車は 足立 300 ひ
  55-12), in a message that does not speak of the ward's own cars (公用車); a labelled number cut short and
  said again whole after …, いや or いえ (受給者証番号 4471… いえ 4417 2290, 口座 普通 3381… いや 3318207);
- a vehicle's chassis number after 車台番号 or 車体番号 (ZVW30-1182047, a 17-character VIN
  WDD2050422F771804); a Japan Post Bank transfer account in its old form after ゆうちょ, 振替 or 記号番号
  (00170-4-220718); a person's id as a URL's path segment after users/, members/ and the like; in a message
  that names a device's address (IP, MAC, client, 接続元) and not the ward's own network (サーバ, 庁内, DNS),
  a global IPv4 address (private and documentation ranges, a version and IP電話 stay) and a MAC address;
  a year and month before 生まれ or 生 with an age near them (70歳、昭和31年2月生, 1990年11月生まれ); after
  🎂 or 👶 as a form's label, a birth date; an era's first kanji may have a dot after it (平.7.12.24), and
  after a label an era's letter and the parts a space apart (誕生日 H3 12 5);
- in a message about a pension (年金), four digits and six apart by a dash, a space or の, a basic pension
  number's shape (2201-883045, 4410 009127), a phone's leading 0 excepted;
- an account on a messenger or a social network after its name (LINE ID：sakura_mama77, LINEのIDは
  taku.1104, X のアカウント（@kazu_88）, Skype ID: live:mori.takeshi_1; after the name alone, one with a
  digit or an underscore or opening with @: LINE yui_0808_tokyo);
- a passport's or a residence card's number with its letters read aloud in katakana, further after its
  card's name (旅券の番号を読み上げてもらいました：ティーアール 1234567,
  在留カードの番号はエー・ビー・12345678・シー・ディー);
- a car's whole plate with no word for it (品川 300 さ 44-18), in a message that speaks neither of the
  ward's own cars nor of a fleet's upkeep (車検, 配車), and a motorcycle's with a dash in its number after
  バイク or 原付 (練馬 あ 12-34); a bicycle's crime-prevention registration (防犯登録 第 A 4417821 号, its
  prefecture before it if any: 防犯登録 東京 A 77120498); a
  capital and a serial between 第 and 号 after a number's word that is no work number's (入浴券の番号 第 B
  2204417 号; 文書番号 第 A 12345 号 stays); a parcel's tracking number of ten to thirteen digits after
  追跡番号 or 問い合わせ番号 in a message about a parcel; a ゆうちょ 記号 (1…0) and its 番号 anywhere in a
  message that names the bank, however far from its name;
- a payment card's number without a label: 16 digits in four groups of four
  (4111 1111 1111 1111) or Diners' and American Express's four, six and four or five (3056 930902 5904),
  and a residence card's (AB12345678CD; its capitals set apart by a blank: AB 40218837 CD, XY 7710 2283
  KE), which no work number is written as.

A key-value separator may stand after a label, spaces before it if any (被保険者番号 ; …, 郵便番号;…).
A weekday's English name may stand before an English birth date (Date of Birth: Sat, 9 Sep 1989).
A bracket may open what a label announces (被保険者番号（0001284736）, 生年月日を
「昭和38年5月22日」) or close the label (《口座番号》, 【生年月日】), a label may be in hiragana
(たんじょうび, こうざ) or a form's field (誕生日欄に1990.7.14), an answer's mark may stand between
a label and its value (Q3 口座番号 A3 0045512), and a number's label may be far from its number in the
sentence (受給者証番号ですが、きのう確認したところ、440917でした);
after a label, a date may be eight digits (生年月日：19630522) or carry the
Western year beside the era's (平成9年（1997年）6月18日) or the era's beside the Western
(1993年（平成5年）9月18日), or be an American form's month, day and year (DOB: 03/14/1991) or most
countries' day, month and year (生年月日 25/11/1987, DOB 03.06.1998), or be
spaced a character apart as a PDF copies it (H 1 2 . 0 3 . 1 5); a ゆうちょ 記号 and 番号 may be too
(記号 1 2 1 4 0). An HTML table's cell or a JSON key's quotes may stand between a label and its value
(<td>被保険者番号</td><td>…, "zip":"…"); an account's number may be in a JSON object under its key
({"account": {"bank": "0005", "number": "4471209"}}).

Matching runs on the folded text (`bot.privacy.fold`), where full-width
digits and dashes are ASCII.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from datetime import UTC, datetime

from bot.kana import to_hiragana
from bot.privacy import lazy
from bot.privacy.fold import SPOKEN_DIGIT, SPOKEN_NUMBER
from bot.privacy.numbers import MY_NUMBER, PHONE, UNIT_CHARACTERS, find_numbers, is_my_number, is_reference
from bot.privacy.table import column_cells, grouped_cells

__all__ = ["BIRTH_DATE", "ID_NUMBER", "find_labelled"]

BIRTH_DATE = "生年月日"
ID_NUMBER = "各種番号"

_SPACE = r"[ \t\u3000]*"
_BLANKS = r"[ \t\u3000]*+"
"""All the blanks, never given back: before what cannot open with a blank, the same as `_SPACE`, and linear
where `_SPACE` then another `_SPACE` would try every split of a long run of blanks (quadratic)."""
_GAP = r"[ \t\u3000]*(?:\n[ \t\u3000]*)?"
"""Spaces, and one line break at most: a form's value or a date's parts copied each on a line of its own."""
_ERA = (
    r"(?:明治|大正|昭和|平成|令和|(?<![a-z0-9])[MTSHRmtshr]\.?"
    r"|(?<![\u4e00-\u9fff])[明大昭平令]\.?(?=[0-9元]))"
)
"""An era, in full, as a letter (S, H., M) or as its first kanji before the year, a dot after it if any
(昭57.6.1, 平7.3.9, 平.7.12.24)."""
_OLD_ERA = r"(?:明治|大正|昭和|(?<![A-Za-z0-9])[MTS]\.?|(?<![\u4e00-\u9fff])[明大昭](?=[0-9元]))"
"""明治, 大正 and 昭和: a whole date of theirs is a person's birth (or death), not a work date."""
_SMALL = r"(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})"
"""A month, a day or an era's year; a lone kanji digit stays kanji in the folded text (九月, 一日)."""
_WESTERN_ASIDE = (
    r"(?:[(\[](?:(?:19|20)[0-9]{2}|(?:明治|大正|昭和|平成|令和|(?<![a-z])[mtshr])(?:[0-9]{1,2}|元))年?[)\]])?"
)
"""The other year in brackets after one: the Western after an era's (平成9年（1997年）6月18日,
令和3年［2021年］2月14日), an era's, in full or as its letter, after the Western (1993年（平成5年）9月18日,
2015年(H27)7月20日)."""
_MONTH_DAY = (
    rf"(?:{_SPACE}年(?:の[、,]?|[、,])?{_WESTERN_ASIDE}{_GAP}{_SMALL}{_SPACE}月"
    rf"(?:[、,]{_SPACE}{_SMALL}{_SPACE}日|の[、,]?{_SPACE}{_SMALL}{_SPACE}日|{_GAP}{_SMALL}{_SPACE}日?)"
    rf"|{_SPACE}[./・-]{_SPACE}{_SMALL}{_SPACE}[./・-]{_SPACE}{_SMALL})"
)
"""What follows a year: 年, month and day, spaces or commas between them if any (平成　１０年　２月　８日,
平成３年、８月、１２日; の after the year and the month, as a date is said aloud:
昭和の五十一年の、十一月の三日; each on a line of its own, as a form's boxes are copied:
1976年 / 2月 / 3日), or
dots, slashes, dashes or middle dots, spaces around them if any (S60.4.1, H12・5・6, H 9 . 10 . 4)."""
_ERA_YEAR = rf"{_GAP}(?:の{_SPACE})?(?:{_SMALL}|元)"
_SHORT_YEAR = r"['’‘][0-9]{2}"
"""A Western year's last two digits after an apostrophe ('85/7/7, ’63.4.1, ‘71年3月15日), as people write
their own year of birth."""
_DATE = rf"(?:{_ERA}{_ERA_YEAR}|(?:19|20)[0-9]{{2}}|{_SHORT_YEAR})(?:{_MONTH_DAY})"
_OLD_DATE = lazy.compile(
    rf"{_OLD_ERA}{_ERA_YEAR}(?:{_SPACE}年(?:の[、,]?|[、,])?{_WESTERN_ASIDE}{_SPACE}{_SMALL}{_SPACE}月[、,]?{_SPACE}{_SMALL}{_SPACE}日"
    rf"|[./・-]{_SMALL}[./・-]{_SMALL}(?![./0-9]))"
)
"""A whole date of an era before 平成, labelled or not (昭和58年11月22日, S45.3.2, M43.2.11)."""
_COMPACT_DATE = r"(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?![0-9])"
"""Eight digits as systems print a date (19630522): a birth date only where a label says so."""
_LABEL_END = r"[)\]」』】》〉]"
"""The bracket closing a label that a form or a mail sets apart (【口座番号】, 《生年月日》,
［被保険者番号］)."""
_ANSWER = r"(?:[ \t\u3000]*(?<![a-z])(?:a[0-9]{0,2}|答え?)(?:[.:：)]|[ \t\u3000]))"
"""The mark of an answer between a question's label and its value, as a form's Q and A print them (Q3 口座番号
A3 0045512, 口座番号 答：…)."""
_STAMPED = (
    r"[ \t\u3000:：]*[0-9]{4}[/.-][0-9]{1,2}[/.-][0-9]{1,2}[ \t\u3000]*"
    r"(?:更新|作成|改訂|改正|登録|発行|出力|印刷|生成|版)"
)
"""A date that a word for what was done to a document follows (生 2026/12/7 更新): a file's or a form's stamp,
which 生 opens as an abbreviation (生成), not someone's birth."""
_BIRTH_LABEL = (
    r"(?:たんじょうび|せいねんがっぴ|うまれ|生年月日|牛年月日|生年月[曰目]?|誕生日(?!会)|生まれた日|生まれ"
    r"|出生日期|出生年月日|생년월일|d\.o\.b\.?|dob|date[ _]of[ _]birth|birth[ _]?date"
    r"|birthday|(?<![a-z])born(?:[ \t]+(?:on|in))?|birth(?=[ \t]*[=:>\"'])|🎂|👶"
    rf"|(?<![\u3040-\u30ff\u4e00-\u9fff])生(?=[ \t\u3000:：])(?!{_STAMPED}))"
    rf"(?:\((?:西暦|和暦)\))?{_LABEL_END}?(?:欄に|欄は|欄|を|は|が|:|：|=|\"?[ \t]*[:=;>])?"
)
_MARKUP = r"(?:</t[dh]>[ \t\n]*<t[dh][^<>\n]{0,40}>|\"[ \t]*:[ \t]*\")?"
"""An HTML table's cell or a JSON key's quotes between a label and its value (<td>被保険者番号</td><td>…,
"zip":"…")."""
_OPENING = rf"(?:[(\[「『【\"']{_SPACE})?"
"""A bracket that may open what a label announces: 生年月日を「昭和38年…」, 被保険者番号（0001284736）."""
_BORN = r"(?:生まれ|生(?![0-9a-z\u4e00-\u9fff]))"
"""生まれ, or 生 ending a word (平成2年3月4日生; not 生産, 生活)."""
_ERA_YEAR_BORN = lazy.compile(r"(?<![A-Za-z0-9])[MTSHR]\.?(?:[0-9]{1,2}|元)生(?![0-9a-z\u4e00-\u9fffま])")
"""A year of birth as an era's letter and the year with 生 right after it (S63生, 父 S8生): a person's, as a
case record writes it; a year with 年 before 生まれ (平成元年生まれの方が対象) is as often who a programme is
for, and stays."""
_ERA_NAME_YEAR_BORN = lazy.compile(
    r"(?:明治|大正|昭和|平成|令和)[ \t]?(?:[0-9]{1,2}|元|[一二三四五六七八九十]{1,3})[ \t]?年生"
    r"(?![0-9a-z\u4e00-\u9fffまのはがも])"
)
"""A year of birth as an era's name and the year with 年生 right after it, as a child's or a family's record
writes it (児童 令和元年生、, お子さん 令和6年生（0歳）, 平成三十年生 のお子さん); 令和6年生まれは 1,803 人
and 令和6年生の児童数 are who a figure counts, and stay."""
_AMERICAN_DATE = r"(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12][0-9]|3[01])/(?:19|20)[0-9]{2}(?![0-9])"
"""Month, day and year, as American forms print a date (DOB: 03/14/1991): a birth date only after a label."""
_DAY_FIRST_DATE = (
    r"(?:0?[1-9]|[12][0-9]|3[01])(?:/(?:0?[1-9]|1[0-2])/|\.(?:0?[1-9]|1[0-2])\.)(?:19|20)[0-9]{2}(?![0-9])"
)
"""Day, month and year, as most countries' documents print a date (生年月日 25/11/1987, DOB 03.06.1998): a
birth date only after a label, where the American order's (03/14/1991) is read too."""
_MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ENGLISH_DATE = (
    rf"(?:(?:0?[1-9]|[12][0-9]|3[01])[ ]+{_MONTH_NAME},?[ ]+(?:19|20)[0-9]{{2}}"
    rf"|{_MONTH_NAME}[ ]+(?:0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?,?[ ]+(?:19|20)[0-9]{{2}})(?![0-9])"
)
"""A date with the month's English name, as a foreign resident writes it (23 Nov 1988, Jan 9, 1960): a birth
date only after a label."""
_MONTH_SLASH_DAY = r"(?<![0-9])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12][0-9]|3[01])(?![/0-9])"
_YEAR_MONTH = (
    rf"(?:{_ERA}{_ERA_YEAR}|(?:19|20)[0-9]{{2}}){_SPACE}年(?:の[、,]?|[、,])?{_WESTERN_ASIDE}"
    rf"{_SPACE}{_SMALL}{_SPACE}月"
)
_YEAR_BORN = (
    rf"(?:{_ERA}{_ERA_YEAR}|(?:19|20)[0-9]{{2}}){_SPACE}年{_WESTERN_ASIDE}(?:{_SPACE}{_SMALL}{_SPACE}月)?"
    rf"{_SPACE}生まれ"
)
"""A year of birth (1998年生まれ, 昭和38年3月生まれ, 1958年（昭和33年）6月生まれ), which the month and day
just after complete (昭和38年生まれの5月6日, 1998年3月生まれで、誕生日は3/21, …6月生まれ、日にちは6月21日)."""
_SPACED_SMALL = r"[0-9](?: [0-9])?"
_SPACED_DATE = (
    rf"(?:{_ERA} ?{_SPACED_SMALL}|[12] [09] [0-9] [0-9])"
    rf"(?: ?[./・-] ?{_SPACED_SMALL} ?[./・-] ?{_SPACED_SMALL}"
    rf"| ?年 ?{_SPACED_SMALL} ?月 ?{_SPACED_SMALL} ?日)(?! ?[0-9])"
)
"""A date after a label as a PDF copies it, a space after every character (H 1 2 . 0 3 . 1 5, 1 9 9 0 年 7 月
1 4 日)."""
_ERA_SPACED_DATE = rf"{_ERA}[0-9]{{1,2}}[ \u3000][0-9]{{1,2}}[ \u3000][0-9]{{1,2}}(?![0-9.:/])"
"""An era's letter and year, then the month and the day a space apart, no mark between them (誕生日 H3 12 5),
as a hurried hand types a birth date: only after a label."""
_HESITANT_DATE = (
    rf"(?:{_ERA}{_ERA_YEAR}|(?:19|20)[0-9]{{2}}){_SPACE}年の?{_SPACE}(?:…|\.{{2,3}})[^\n0-9。]{{0,8}}?"
    rf"{_SMALL}{_SPACE}月{_SPACE}{_SMALL}{_SPACE}日"
)
"""A birth date said with a pause between the year and the rest, as a phone call is noted down (誕生日は
1990年の…たしか 2月14日): the ellipsis and a few words at most between them."""
_DAY_WORD = r"(?:誕生日|生年月日|日にち|日付)(?:は|が|:|：)?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?[ ]+)?"
"""A weekday's English name before a date (Date of Birth: Sat, 9 Sep 1989; D.O.B.: Wednesday, July 4,
1979)."""
_BIRTH_DATE = lazy.compile(
    rf"{_BIRTH_LABEL}{_GAP}{_OPENING}{_WEEKDAY}({_DATE}|{_COMPACT_DATE}|{_AMERICAN_DATE}|{_DAY_FIRST_DATE}|{_ENGLISH_DATE}|{_SPACED_DATE}|{_ERA_SPACED_DATE})"
    rf"|(?<![〜~～])(?<![〜~～][ \t\u3000])({_DATE}){_SPACE}{_BORN}"
    rf"|誕生日(?:は|が|:|：){_SPACE}({_SMALL}{_SPACE}月{_SPACE}{_SMALL}{_SPACE}日|{_MONTH_SLASH_DAY})"
    rf"|({_YEAR_BORN}(?:で|の|、|,){{0,2}}{_SPACE}(?:{_DAY_WORD}{_SPACE})?(?:{_SMALL}{_SPACE}月{_SPACE}{_SMALL}{_SPACE}日|{_MONTH_SLASH_DAY}))"
    rf"|{_BIRTH_LABEL}{_SPACE}{_OPENING}({_YEAR_MONTH}(?:で|の|、|,){{1,2}}{_SPACE}{_DAY_WORD}{_SPACE}{_SMALL}{_SPACE}日)"
    rf"|{_BIRTH_LABEL}{_SPACE}({_HESITANT_DATE})",
    re.IGNORECASE,
)
_BIRTH_CUE = lazy.compile(
    r"たんじょうび|せいねんがっぴ|うまれ|生年月|誕生日(?!会)|生まれ|出生日期|출생|생년월일"
    r"|\bdob\b|\bd\.o\.b\b|date[ _]of[ _]birth|birth[ _]?date|birthday|\bborn\b|\bbirth\b",
    re.IGNORECASE,
)
"""A word in a message that says it holds a birth date somewhere, far from it if need be (in a table's
header, 生年月日の欄、…の一番下に（昭和52年8月8日）)."""
_ANY_DATE = lazy.compile(
    rf"({_DATE}|(?<![0-9])[0-9]{{1,2}}{_SPACE}年{_SPACE}{_SMALL}{_SPACE}月{_SPACE}{_SMALL}{_SPACE}日"
    rf"|(?<![0-9.,/-]){_COMPACT_DATE})(?![./0-9])",
    re.IGNORECASE,
)
"""Every whole date, in a message that says it holds a birth date: with an era or a Western year, as
eight digits, or with a year of one or two digits whose era was written elsewhere (数字は 5 年 4 月 17 日)."""
_RANGE = lazy.compile(
    rf"{_SPACE}(?:から|まで|以前|以降|以後|より|[〜~-]|現在|時点|付|締|期限|開始|終了|の間|"
    r"施行|改訂|改正|制定|公布|発行|作成|実施|適用|更新|開催|竣工|告示|通知)"
)
_RANGE_BEFORE = lazy.compile(rf"(?:から|[〜~-]){_SPACE}$")
RECENT_YEARS = 3
"""A date far from a birth label in one of the last years (this year included) is more likely the
work's (相談日 2024/06/12) than someone's birth."""
_PERSON = r"(?:(?<!業)者|組合員|会員|職員|社員|顧客|お?客様|お?客さま|患者|奨?学生|生徒|児童|受験)"
"""Who a number is of: a person (〜者 but a business, 事業者), a member, a customer, a patient, a pupil, an
applicant sitting an examination (受験番号)."""
_PERSON_ID = (
    rf"{_PERSON}(?:(?:台帳|名簿)の?(?:台帳)?)?(?:番号|コード|id(?![a-z])|(?=[ \t]?(?:no\.|number(?![a-z]))))"
)
"""A person's number, code or ID (利用者ID, 顧客コード, 組合員コード, 患者ID, お客様ID, 奨学生番号), or a
register of people's (被災者台帳の台帳番号); 事業者番号 stays: a business's."""
_ID_LABEL = (
    r"(?:口座番号|口座|口番|こうざ(?:ばんごう)?|被保険者番号|被保険者証番号|被保険者証の番号|医療証番号|医療証の番号|受給者証の番号|お客様番号|保険者番号|保険証番号|保険証の番号|基礎年金番号|年金番号|"
    r"運転免許証番号|免許証番号|免許番号|(?:運転)?免許証?の番号|運転免許証?|旅券番号|パスポー?ト?番号|パスポート|旅券|(?<![a-z])pp番号|"
    r"passport|residence card|driver'?s licen[cs]e|"
    r"(?<![a-z])(?:account|insured(?:[ _]person)?|pension|policy|passport|licen[cs]e|id[ _]?card)"
    r"[ \t_]+(?:no\.?|number)|"
    r"(?<![a-z])(?:acct|a/c)(?![a-z])|"
    r"在留カード番号|在留カード|住民票コード|住民登録番号|(?<![a-z])cpf(?![a-z])|手帳の番号|手帳番号|"
    r"受給者証番号|受給者番号|クレジットカード番号|クレジットカード|カード番号|職員番号|社員番号|学籍番号|"
    r"求職番号|証券番号|カルテ番号|会員番号|資格番号|(?:[士師]|籍)登録番号|認定番号|(?:保険|年金)の番号|"
    r"犬の登録番号|鑑札の?番号|"
    r"(?:証明書|修了証|資格証|認定証|資格確認書|身分証(?:明書)?)の?番号|交付番号|"
    r"(?:宛名|あて名)番号|宛名コード|住基コード|住民番号|(?:宛名|世帯|免許)(?=[ \t]?no(?![a-z]))|運免|"
    r"世帯番号|利用者番号|ケース番号|ケース(?=[ \t]?no\.)|診察券の?番号|"
    r"介護保険番号|介保番号?|被保番|(?<![\u4e00-\u9fff])(?:保番|基年(?:番号)?)(?![\u4e00-\u9fff])|"
    r"年金(?=[ \t]?no)|"
    r"ひほけんしゃ(?:ばんごう|番号)|"
    r"(?:介護保険)?被保険者証(?=[ \t\u3000]+[0-9](?:[ ]?[0-9]){5})|"
    r"保護番号|証書番号|通知書番号|受診券(?:の)?番号|受診券(?=[ \t]?no\.)|"
    r"予診票の?番号|接種券の?番号|受診番号|"
    rf"{_PERSON_ID}|ゆうちょ(?:銀行)?(?:の口座)?|"
    r"(?:被保険者証|保険証|医療証|受給者証|年金手帳|年金証書|資格確認書|在留カード|免許証|旅券)"
    r"(?:[ \t\u3000]+|[、,][ \t\u3000]*|[ \t\u3000]*\n[ \t\u3000]*)番号|被保険者証?の?記号・?番号|"
    r"(?:介護)?(?:被保険者証|保険証|医療証|受給者証)(?=[ \t\u3000]*(?:no\.?|number|ナンバー)))"
)
_HANDBOOK = (
    r"(?:身体障害者|障害者|精神障害者保健福祉|精神保健福祉|身障|療育|愛の)手帳"
    rf"(?:[:：(]?{_SPACE}(?:身体|精神|知的)\)?)?"
    rf"(?:{_SPACE}(?:第?[0-9](?:級|種|度)|\(?[ab][0-9]?\)?(?![0-9]))){{0,3}}(?:{_SPACE}の?番号)?"
)
"""A disability handbook, its grade between it and its number (身体障害者手帳 1級 番号 第12345号,
療育手帳 (A) 第123号, 愛の手帳 3度 12345); a grade's letter never takes a number's first letter
(療育手帳 A123456 is a number)."""
_ID_VALUE = (
    r"(?:(?:[a-z]{0,2}|(?-i:[A-Z]{1,2})[ ])[0-9]{3,}(?:(?:[ \n・の-]|[ ]?-[ ]?)[0-9]+)*"
    r"(?:[ ](?-i:[A-Z]{2})|[a-z]{0,2})|[0-9](?:(?:[ ]|[ ]?-[ ]?)[0-9]){5,}|[0-9]{1,2}[ \t]*\n[ \t]*[0-9]{3,}"
    r"|[a-z]?[0-9]{1,2}-[0-9]{3,}(?:-[0-9]+)*|[a-z]{2}-[0-9]{5,}|[0-9]{2,}[a-z]{1,2}[0-9]{3,})"
)
"""Three digits at least (口座が2つ is a count), up to two letters before them (パスポート TK1234567) and
after them (在留カード番号 AB12345678CD), capitals set apart by a space too (TZ 7654321, XY 1122 3344 ZW,
N 7741 2098); or
six digits or more read one at a time, a dash between groups if any (受給者番号 8 7 6 5 0 4 3 2,
年金手帳の番号 2 0 4 4 - 1 1 8 3 5 6); groups may be joined by ・, の (as they are dictated) or a line
break too (２１０５・４４１７８, 6012の448172, 4410 then 223156 on the next line), or one or two digits then
the rest on the next line (30 then 77125, as a chat sends them); or a group of one or two digits, an era's
letter before it if any, a dash and a longer one (a ward's or an office's code first: 納税義務者番号
17-004428-3, 受給者番号 3-0044182, 認定番号 R8-04118); or digits with a letter between them, as a year
opens a member's number (2026G0318), or two letters between them, as an office's code opens an
application's (26HK0192). A prefecture's name and a dash may open the value (保育士登録番号 東京-004471)."""
_QUANTITY = rf"[{UNIT_CHARACTERS}つ個]"
_CUT = r"(?:\.{2,}|・{2,})"
"""An ellipsis (… and ‥ fold to dots): where a number said or typed was cut short."""
_SEVEN_BROKEN = "|".join(rf"[0-9]{{{n}}}[ \t]*\n[ \t]*[0-9]{{{7 - n}}}" for n in range(1, 7))
"""An account's seven digits broken once by a line break, as a chat sends them in two (44 / 18720)."""
_ACCOUNT_DASHED = (
    r"(?!(?:19|20)[0-9]{2}-(?:19|20)[0-9]{2}(?![0-9]))(?:[0-9]{3}-[0-9]{4}|[0-9]{4}-[0-9]{3,4})(?![0-9-])"
)
"""An account's seven digits (or eight, as a resident miscounts them) with a dash the resident put between
two groups (普通 1120-4478); two years joined are a span of years (2025-2026)."""
_CARD_OF = r"(?:在留カード|免許証|運転免許|旅券|保険証|手帳)\(番号"
"""A card, then the word 番号 in brackets before its number: 在留カード（番号 XY 1122 3344 ZW）."""
_ASIDE = r"(?:\([^()\n]{1,12}\)|[・/][^\n。:：()0-9]{1,10}(?=[:：]|[はが][ \t\u3000]?[0-9])|[0-9]{1,2}桁)"
"""A note between a label and its value, in brackets (口座番号(7桁), 保険証の番号（記号・番号）) or the
name of a second value after ・ (基礎年金番号・年金コード：…)."""
_ID_NUMBER = lazy.compile(
    rf"(?:{_ID_LABEL}|{_HANDBOOK}|{_CARD_OF})(?:{_SPACE}(?:no\.?|number|ナンバー))?{_ASIDE}?{_LABEL_END}?(?:欄に|欄は|欄)?(?:は|が|の|、(?={_SPACE}第)|{_SPACE}(?:[:：=;>]|→|⇒|->))?{_ANSWER}?{_MARKUP}{_GAP}{_OPENING}"
    rf"(?:[\u4e00-\u9fff]{{1,4}}[ \t\u3000]+(?=第)|[\u4e00-\u9fff][ \t\u3000]+(?=[0-9]))?"
    rf"(?:第{_SPACE})?((?:[\u4e00-\u9fff]{{1,4}}-)?{_ID_VALUE})"
    rf"(?![0-9a-z]|{_QUANTITY}|[ \t]?[〜~～])"
    rf"|(?:普通|当座|ふつう|(?<![\u4e00-\u9fff])普)(?:預金)?(?:口座)?の?\)?{_SPACE}(?:[:：/|]|\"?,\"?)?{_SPACE}(?:\n(?:口座)?番号[:：]?{_SPACE})?"
    rf"(?:no\.?{_BLANKS})?"
    rf"([0-9]{{7}}|{_SEVEN_BROKEN}|{_ACCOUNT_DASHED}|[0-9]{{2,6}}(?={_CUT}))(?![0-9]|{_QUANTITY})"
    rf"|{_ID_LABEL}(?:と|・|、|及び|および)[^\n。()0-9]{{1,12}}?\({_SPACE}({_ID_VALUE}){_SPACE}(?=[/、,・;])"
    rf"|{_ID_LABEL}(?:を|は|が|の)[^\n。:：0-9]{{0,12}}?(?:た|て|と|ら|ので)[:：、,]{_SPACE}{_OPENING}({_ID_VALUE})"
    rf"(?![0-9a-z]|{_QUANTITY})",
    re.IGNORECASE,
)
"""A number after its label, not one opening a range (受験番号は 101〜148 番: numbers, not a person's); or
seven digits after an account's type (普通 1234567, 普 1234567, 普通 1120-4478, or 種別：普通 and
番号：1234567 on the next line); or the first of values in brackets after their labels, the number's
first (被保険者番号と生年月日（0012458832／S24.9.9）); or a number after a colon that ends what was done to
learn it, its label before (受給者番号を読み上げてもらった：7318 2509, 口座番号を聞いたら：…; a comma for
the colon: 基礎年金番号を教えてもらいました、…)."""
_FAR_ID_NUMBER = lazy.compile(
    rf"(?:{_ID_LABEL})(?:(?<=番号)|(?<=コード)|(?<=ばんごう))(?:の方|のほう)?"
    r"(?:は|が|ですが|でございますが|につきましては|については|、|,)"
    rf"[^\n。0-9]{{0,40}}?(?:[?？]{_SPACE}\n[^\n。0-9]{{0,20}}?)?({_ID_VALUE})"
    rf"(?![0-9a-z]|{_QUANTITY})(?={_SPACE}(?:[、,。)」』]|です|でし|でござ|とのこと|と|に|\n|$))",
    re.IGNORECASE,
)
"""A personal number's label, then, further in the sentence, the first number, ending a clause: what is
said between them in keigo or in a reply (受給者証番号ですが、きのう確認したところ、４４０９１７でした;
口座番号は？ then はい、普通の 7730218 です on the next line), unless a reference's word is just before it
(受付番号 …)."""
_NUMBER_WORD = lazy.compile("番号|コード|ばんごう")
_CLOSING = r"[)\]」』】]?"
_ONE_AT_A_TIME = r"[0-9](?: [0-9]){2,9}(?![0-9])"
"""Three to ten digits a space apart, as a PDF copies a form's boxes (1 2 1 4 0)."""
_MARK = (
    rf"(?:[\u4e00-\u9fffぁ-ゖァ-ヺ]{{1,3}}{_SPACE})?"
    rf"(?:{_ONE_AT_A_TIME}|[a-z]{{0,2}}-?[0-9]{{1,10}}(?:-[0-9]{{1,10}})?)"
    r"|(?!欄)[\u4e00-\u9fff]{1,3}(?=[ \t\u3000]+番号(?:は|が|:|：)?[ \t\u3000]*[0-9])"
)
"""A health insurance card's 記号: digits, and the letters or kanji of the insurer before them (練A-12,
札南 4-1928), or digits one at a time (ゆうちょ 記号 1 2 1 4 0), or the insurer's kanji alone where 番号 and
its digits follow (国保の被保険者証 記号 豊 番号 22-1184)."""
_INSURER = (
    r"保険証|被保険者証|国保|国民健康保険証?|健康保険証?|健保|(?:協会)?けんぽ|共済組合|社保"
    r"|資格確認書|資格情報"
)
"""What names a health insurance card or its insurer before the card's 記号 (協会けんぽ 記号 21170045), or
what stands for the card since the マイナ保険証 (資格確認書：記号 7 番号 22184, 資格情報のお知らせ)."""
_INSURANCE_CARD = lazy.compile(
    rf"(?:{_INSURER})[^\n。]{{0,8}}?記号・?番号{_LABEL_END}?(?:は|が|:|：)?{_SPACE}{_OPENING}"
    rf"({_MARK}){_CLOSING}(?:[ \t\u3000]+|[ \t\u3000]?[・/][ \t\u3000]?)([0-9]{{3,10}})(?![0-9])"
    rf"|(?:{_INSURER}|ゆうちょ(?:銀行)?|ユウチ[ョヨ](?:ギンコウ)?|通帳)[^\n。]{{0,8}}?記号(?:番号)?(?:は|が|:|：)?"
    rf"{_SPACE}{_OPENING}({_MARK})(?![0-9]|{_SPACE}(?:{_QUANTITY}|桁)){_CLOSING}"
    rf"(?:{_SPACE}(?:[、,/-]{_SPACE})?番号(?:は|が|:|：)?{_SPACE}{_OPENING}"
    rf"({_ONE_AT_A_TIME}|[0-9]{{1,10}}(?:-[0-9]{{1,10}})?))?(?![0-9])"
    rf"|記号番号(?:は|が|:|：)?{_SPACE}{_OPENING}(1[0-9]{{3}}0-?[0-9]{{6,8}})(?![0-9])",
    re.IGNORECASE,
)
"""A health insurance card's 記号 and 番号, short numbers both (保険証の記号 12345 番号 678, 国保の記号番号
12-345, the 番号 in two groups: 記号 豊 番号 22-1184, 保険証（記号・番号）：7731・1208,
保険証、記号 世B-07 番号 1192; after 記号番号, the number after a space: 記号番号 世田12 345678), a
Japan Post Bank account's (ゆうちょ 記号14040 番号28173941, ゆうちょの口座、記号 11260 番号 33445561; not a
記号's count of digits, ゆうちょの記号は 5 桁), and its
number in one piece after 記号番号 (10190-55667781)."""
_JSON_ACCOUNT = lazy.compile(
    r"\"(?:account|bank_?account|koza|口座)\"[ \t\n]*:[ \t\n]*\{[^{}]{0,200}?"
    r"\"(?:number|no|account_?number|番号|口座番号)\"[ \t\n]*:[ \t\n]*\"?([0-9]{7})(?![0-9])",
    re.IGNORECASE,
)
"""An account's number in a JSON object under its key ({"account": {"bank": "0005", "number": "4471209"}})."""
_BROKEN_EIGHT = "|".join(f"[0-9]{{{k}}}\n[0-9]{{{8 - k}}}" for k in range(9))
_RESIDENCE_CARD = lazy.compile(
    rf"(?<![0-9a-z_-])[a-z]{{2}}(?:[0-9]{{8}}|-[0-9]{{8}}-|{_BROKEN_EIGHT})[a-z]{{2}}(?![0-9a-z_-])"
    r"|(?<![0-9A-Za-z_-])(?-i:[A-Z]{2}[ \t\u3000][0-9]{4}[ \t\u3000]?[0-9]{4}[ \t\u3000][A-Z]{2})"
    r"(?![0-9A-Za-z_-])",
    re.IGNORECASE,
)
"""A residence card's number, labelled or not: two letters, eight digits, two letters (AB12345678CD), a dash
on both sides of the digits if any (HA-48120773-NB), or one line break among them, as a form is pasted
(AB1234, then 5678CD on the next line); or its capitals set apart by a blank, the digits whole or in fours
(AB 40218837 CD, XY 7710 2283 KE), as a card is typed off; lower-case words around eight digits (in 20261201
by) are a sentence's."""
_CARD = lazy.compile(
    r"(?<![0-9a-z_-])"
    r"(?:[0-9]{4}(?:[ -]?[0-9]{4}){3}|[0-9]{4} [0-9]{6} [0-9]{4,5}|[0-9]{4}-[0-9]{6}-[0-9]{4,5})"
    r"(?![0-9a-z_-])",
    re.IGNORECASE,
)
"""Sixteen digits in fours, or four, six and four or five set apart alike, as Diners and American Express
print theirs (3056 930902 5904, 3782-822463-10005); not inside an identifier (a hash, a UUID:
`bot.privacy.numbers`), whose digits touch letters or dashes."""
_CUT_SHORT = lazy.compile(
    rf"{_CUT}{_BLANKS}(?:いや|いえ|いいえ|すみません|失礼しました|ではなく|じゃなくて)[、,]?{_BLANKS}"
    rf"(?:正しくは[:：]?{_BLANKS})?({_ID_VALUE})(?![0-9a-z]|{_QUANTITY})",
    re.IGNORECASE,
)
"""A labelled number cut short and said again whole (受給者証番号 4471… いえ 4417 2290, 口座 普通 3381… いや
3318207): the whole one, longer, is the same person's."""
_CORRECTION = lazy.compile(
    rf"{_BLANKS}(?:→|->|=>|⇒|じゃなくて|ではなくて?|でなくて?|[、,]?{_SPACE}いや[、,]?|だったか|か(?={_SPACE}[0-9])"
    rf"|[、,]?{_SPACE}(?:あ[、,]?{_SPACE})?違(?:った|いました)[、,]?|(?:に|を|と)?訂正[:：]?"
    r"|を(?=[ \t\u3000]*[0-9][0-9 -]{0,20}[ \t\u3000]*に(?:直|訂正|修正|変更|書き換え)))"
    rf"{_BLANKS}(?:\(訂正\)|正しくは[:：]?)?{_SPACE}({_ID_VALUE})(?![0-9a-z]|{_QUANTITY})",
    re.IGNORECASE,
)
"""A number corrected or doubted right after a labelled one (口座番号 4410921 → 4410912, … じゃなくて …,
… だったか …, 口座番号 ３３0１８２７ を 3301827 に直して): the same number's shape again, its digits as many,
is the same person's."""
_PART = lazy.compile(
    rf"(?:(マイナンバー|マイナ番号|個人番号)|(電話番号|電話|でんわ|携帯(?:番号)?|tel)|{_ID_LABEL}|カード)"
    rf"(?:の|は|が)?{_SPACE}"
    rf"(?:(?:下|末尾|先頭|頭|上|最後|最初|後ろ|前)の?{_SPACE}(?:[0-9]{{1,2}}|[一二三四五六七八九])桁目?|末尾)"
    rf"(?:は|が|:|：|=)?{_SPACE}{_OPENING}(?:no\.?{_SPACE})?([0-9]{{2,6}})(?![0-9])",
    re.IGNORECASE,
)
"""Part of a personal number named by where it is in it (マイナンバー先頭4桁 5287, 口座番号の下3桁が 092,
携帯の末尾4桁 2237, クレジットカードは下四桁 4417), or a card's last digits after 末尾 (カード末尾
No.0927): the person's all the same; a work number's part (受付番号の下4桁) stays."""
_PLATE_KANA = "あいうえかきくけこさすせそたちつてなぬねひふほまみむめゆよらりるれろわ"
"""A plate's kana that are no particle (と, に, の, は, も, や and を are plates' too)."""
_PLATE_NUMBER = (
    r"([\u4e00-\u9fffヶケ]{1,4}[ \t\u3000]?"
    rf"(?:[0-9]{{2,3}}[ \t\u3000]?(?:[{_PLATE_KANA}](?:[ \t\u3000]|・)?[0-9]{{4}}"
    rf"|[{_PLATE_KANA}とにのはもやを][ \t\u3000]?"
    rf"(?:[0-9]{{1,2}}-[0-9]{{2}}|・{{1,3}}[0-9]{{1,3}}))|[{_PLATE_KANA}][ \t\u3000]?[0-9]{{4}}))(?![0-9-])"
)
_PLATE = lazy.compile(
    rf"(?:ナンバー|車番|登録|二輪|原付|バイク|plate)[^\n。]{{0,12}}?{_PLATE_NUMBER}", re.IGNORECASE
)
"""A vehicle's plate after a word for it (ナンバー, 車番, a registration's 登録番号): the office's place, the
class's two or three digits, a kana and the four digits, a middle dot before them if any (車のナンバー：
足立 330 ほ 88-21, 練馬500ね・・73, 練馬330あ・4418); a kana that is a particle too (と, の, は) only
before a plate's 88-21 or ・・73, not before four digits alone
(300 と 1234); a motorcycle's or a moped's has no class's digits (二輪の登録 練馬 ほ 7721, 原付 練馬区 か
2281).
A plate with no such word before it is a ward's car's as often (公用車 練馬 500 さ 45-67) and stays."""
_CAR_PLATE = lazy.compile(rf"(?<![公庁用])車(?:両の?番号|両?(?=[はが:：(]))[^\n。]{{0,12}}?{_PLATE_NUMBER}")
"""A plate after 車両番号 or 車両の番号, or after 車 or 車両 and は, が, a colon or a bracket (車は 足立 300
ひ 55-12, 車両番号 大宮 530 せ 18-06, 隣家の車（品川 331 と 80-12）): someone's car, in a message that does
not speak of the ward's own (`_OWN_CAR`)."""
_SPOKEN_PLATE = lazy.compile(
    rf"(?:ナンバー|車番|車両番号)[^\n。]{{0,12}}?([ぁ-ゖ]{{2,6}}[ \t\u3000]?"
    rf"(?:{SPOKEN_DIGIT}){{2,3}}[ \t\u3000]?[ぁ-ゖ][ \t\u3000]?(?:{SPOKEN_DIGIT}){{1,4}})(?![ぁ-ゖ])"
)
"""A plate read aloud in hiragana, as voice input writes it: the place, the class's digits, the letter and the
number's (車のナンバーは しながわ さんまるまる あ いちにいさんよん)."""
_OWN_CAR = lazy.compile("公用|庁用|庁有|区有")
"""The ward's own cars: a message about them numbers them by their plates (公用車の車両番号 練馬 500 さ …)."""
_LETTERED = lazy.compile(
    rf"(?:{_PERSON_ID}|受診番号|診察券の?番号|カルテ番号)(?:は|が|の|{_SPACE}[:：=;>])?{_SPACE}{_OPENING}([a-z]{{1,2}}-[0-9]{{3,}}(?:-[0-9]+)*)"
    rf"(?![0-9a-z]|{_QUANTITY})",
    re.IGNORECASE,
)
"""A number lettered before a dash after the label of a person's number (受診者番号 K-2026-04471, 対象者番号：
W-8812, お客様ID MV-30417728) or of a patient's card or chart (診察券番号 Q-11827, カルテ番号
P-20418); after a case's label the same shape may be a file's (ケース番号 C-2025-1182) and stays."""
_WHOSE = r"(?:の(?:方|かた|ご本人|本人|世帯|ご家族|お子さん)|様|さま|さん)"
"""What says a number is a person's: the one it is of (…の方, …のご本人, …の世帯, …様)."""
_OF_A_PERSON = lazy.compile(
    rf"(?:受付|申請|申込|申し込み|整理|登録|管理)番号(?:は|が|:|：)?{_SPACE}(?:第{_SPACE})?"
    rf"((?:[a-z]{{1,3}}-)?{_ID_VALUE})(?![0-9a-z]|{_QUANTITY})(?:{_SPACE}号)?{_SPACE}(?={_WHOSE})"
    r"(?![^\n。]{0,24}窓口)",
    re.IGNORECASE,
)
"""A work number's label, then a number said to be someone's (受付番号が 3318 の方, 申請番号 KY-00448172 の
ご本人, 登録番号 5-0389 の方, 申込番号 26HK0192 の方): a resident's application or entry; 受付番号 1234
alone is the office's, and so is a queue's called to a counter (受付番号 312 番の方、3番窓口へ,
整理番号 045-2261 の方は 3番窓口へ)."""
_POLLING_DISTRICT = lazy.compile(
    rf"第?{_SPACE}[0-9]{{1,3}}{_SPACE}投票区(?:の|、|,)?{_SPACE}"
    rf"(?:(?:登録|名簿)?番号(?:は|が|:|：)?{_SPACE})?(?:第{_SPACE})?"
    rf"([0-9]{{1,6}})(?![0-9,.:：]|{_SPACE}(?:{_QUANTITY}|か所|カ所|ヶ所|箇所|投票))"
)
"""A number right after a polling district: a voter's number in the register (第3投票区の 1248 番, 第14投票区
0772); a count after it has its unit (第3投票区 1,204人) and a time its colon (7:00)."""
_BANK = r"(?:銀行|信用金庫|信金|信用組合|信組|労金|農協|ja|ufj|みずほ|りそな|三井住友|ゆうちょ)"
_BRANCH_ACCOUNT = lazy.compile(
    rf"(?<![0-9-])([0-9]{{3}}-[0-9]{{7}})(?![0-9-])(?={_SPACE}\(?(?:普通|当座|普|当)(?![\u4e00-\u9fff]))"
    rf"|{_BANK}[^\n。0-9]{{0,12}}?(?<![0-9-])([0-9]{{3}}-[0-9]{{7}})(?![0-9-])",
    re.IGNORECASE,
)
"""A branch's three digits and an account's seven joined by a dash, with the account's type after them
(218-3381904（普）) or a bank's name before them (三菱UFJ 218-3381904)."""
_ACCOUNT_ROW = lazy.compile(
    r"(?<![0-9])[0-9]{4}[ \t]*[,\t][ \t]*[0-9]{3}[ \t]*[,\t][ \t]*(?:[124]|普通|当座|貯蓄)[ \t]*[,\t][ \t]*"
    r"([0-9]{7})(?![0-9])"
)
"""A transfer file's row pasted as CSV or TSV: a bank's four digits, a branch's three, the account's type (1
普通, 2 当座, 4 貯蓄) and its seven digits (0009,118,1,2207341)."""
_CHASSIS = lazy.compile(
    r"(?:車台|車体)番号(?:は|が|:|：)?[ \t\u3000]?"
    r"((?=[a-z]{0,5}[0-9])[a-z0-9]{2,7}-[0-9]{4,8}|(?=[a-z0-9]{0,16}[a-z])(?=[a-z]{0,16}[0-9])[a-hj-npr-z0-9]{17})"
    r"(?![0-9a-z-])",
    re.IGNORECASE,
)
"""A vehicle's chassis number after its label: a model's code, a dash and a serial (ZVW30-1182047,
JC61-1104872), or an imported car's 17 letters and digits with no I, O or Q (WDD2050422F771804)."""
_TRANSFER_ACCOUNT = lazy.compile(
    r"(?:ゆうちょ|振替|記号番号)[^\n。]{0,20}?(?<![0-9-])(0[0-9]{4}-[0-9]-[0-9]{1,7})(?![0-9-])"
)
"""A Japan Post Bank's transfer account in its old form, five digits, a check digit and the number
(記号番号 00170-4-220718), after the bank's name, 振替 or 記号番号."""
_URL_PERSON = lazy.compile(
    r"/(?:users?|members?|residents?|accounts?|profiles?)/([0-9a-z_-]{0,30}[0-9][0-9a-z_-]{0,30})(?=[/?#]|\s|$)",
    re.IGNORECASE,
)
"""A person's id as a URL's path segment after users/, members/ and the like (…/users/7730418/profile)."""
_DEVICE_CUE = lazy.compile(
    r"(?<![a-z])(?:ip(?:v4)?(?!電話)|mac|client|remote_?addr)(?![a-z])|接続元|送信元|アクセス元",
    re.IGNORECASE,
)
_OWN_NETWORK = lazy.compile(
    r"サーバ|server|庁内|ゲートウェイ|gateway|dns|プロキシ|proxy|プリンタ|複合機", re.IGNORECASE
)
_IPV4 = lazy.compile(r"(?<![0-9a-z.])(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?![0-9./])", re.IGNORECASE)
_VERSION_BEFORE = lazy.compile(
    r"(?:ver(?:sion)?|v|バージョン|ファームウェア|firmware)[.:：]?[ \t]?$", re.IGNORECASE
)
_MAC = lazy.compile(
    r"(?<![0-9a-f:-])(?:(?:[0-9a-f]{2}:){5}|(?:[0-9a-f]{2}-){5})[0-9a-f]{2}(?![0-9a-f:-])", re.IGNORECASE
)
"""A device's address in a message that names one (IP, MAC, client, 接続元) and not the ward's own network
(サーバ, 庁内, DNS): a resident's device's global IPv4 address (private and documentation ranges stay) or
its MAC address; four numbers after a version's word are a version (ファームウェア 1.2.3.4), and IP電話 is a
phone service, no device's address."""
_BORN_IN_MONTH = lazy.compile(rf"({_YEAR_MONTH}){_SPACE}{_BORN}", re.IGNORECASE)
_AGE = lazy.compile(r"[0-9]{1,3}[ \t\u3000]?[歳才]")
_AGE_REACH = 20
"""A year and month of birth (昭和31年2月生, 1990年11月生まれ) with an age at most this many characters
from it (70歳、…, …の 5 歳): a person's; a year and month alone are a cohort's (令和元年10月の改定)."""
_SNS = (
    r"(?<!公式)(?<!公式[ \t\u3000])"
    r"(?:(?<![a-z])(?:line|skype|discord|instagram|twitter|tiktok|threads|facebook|youtube)(?![a-z])"
    r"|(?<![a-z])line(?=id(?![a-z]))"
    r"|(?<![ァ-ヺー])(?:ライン|スカイプ|ディスコード|インスタ(?:グラム)?|ツイッター|フェイスブック|ユーチューブ)"
    r"|(?<![a-z0-9])x(?=[ \t\u3000]?(?:の|\()))"
)
"""A messenger or a social network where a resident has an account (LINE, Skype, Instagram, YouTube, X before
の), its name glued to ID if so (LINEID:…); not the end of a longer word in katakana (ガイドライン,
オンライン), nor the ward's official account (区公式X（@…）, 公式 YouTube), which it publishes."""
_HANDLE = r"(?:live:)?@?[a-z0-9][a-z0-9._-]{2,30}(?<![.-])(?![a-z0-9_@])"
"""An account's name as the networks spell it: letters, digits, dots, dashes and underscores (live: opens
Skype's); not an e-mail's local part, which an @ follows."""
_SNS_ACCOUNT = lazy.compile(
    rf"(?!(?-i:line):[^ \t\u3000])(?:{_SNS})[ \t\u3000]?(?:の[ \t\u3000]?)?"
    rf"(?:(?:id|アカウント|ユーザー?名|ユーザーネーム)[ \t\u3000]?(?:は|が|[:：=]|→|->)?"
    rf"[ \t\u3000]?[(「『【]?[ \t\u3000]?({_HANDLE})"
    rf"|(?:は|が|[:：=]|→|->)?[ \t\u3000]?[(「『【]?[ \t\u3000]?"
    rf"((?=@?[a-z0-9._-]{{0,30}}[a-z])(?!v(?:er)?\.?[0-9])(?:@[a-z0-9]|(?=[a-z0-9.-]{{0,30}}[0-9_]))(?:live:)?{_HANDLE}))",
    re.IGNORECASE,
)
"""A resident's account after the network's name: any account's name after ID, アカウント or ユーザー名 (LINE
ID：sakura_mama77, LINEのIDは taku.1104, Skype ID: live:mori.takeshi_1, X のアカウント（@kazu_88）), and after
the name alone one that opens with @ or holds a digit or an underscore, and a letter (LINE yui_0808_tokyo);
a word after the name (LINE WORKS, LINE 配信) or a version (LINE 13.2.0, ガイドライン Ver.3.1) is no
account, nor is a conversation's key in a log line (``line:U0123``: the bot's own channel name, lower case
and a colon with nothing between, which operators need in failures' lines)."""
_SNS_FAR_ID = lazy.compile(
    rf"(?:{_SNS})(?![ \t\u3000]?works)[^\n]{{0,30}}?(?<![a-z\u3040-\u30ff\u4e00-\u9fff])id[ \t\u3000]?"
    rf"(?:は|が|[:：=]|→|->)[ \t\u3000]?[(「『【]?[ \t\u3000]?((?=@?[a-z0-9._-]{{0,30}}[a-z]){_HANDLE})",
    re.IGNORECASE,
)
"""An account after ID where a messenger or a network was named earlier in the sentence or the one before
(LINEで連絡したいそうです。ID：kei-2210); an ID with a word glued before it (ログインID, 利用者ID) is
another's."""
_ACCOUNT_THEN_NUMBER = lazy.compile(
    rf"(?:ゆうちょ|口座|こうざ)[^\n。]{{0,30}}?(?<![\u4e00-\u9fff])(?:番号|ばんごう)(?:は|が|[:：])?{_SPACE}"
    rf"({_ID_VALUE})(?![0-9a-z]|{_QUANTITY}|[ \t]?[〜~～])",
    re.IGNORECASE,
)
"""番号 told after the account in the same sentence, not glued to a word (口座はゆうちょで、番号は 1234567;
ゆうちょの口座、きごう …、ばんごう 22418801 as voice input writes it); a form's 様式番号 after 口座振替 is
another number."""
_BRANCH_THEN_ACCOUNT = lazy.compile(
    r"(?:支店|店)(?:番号|番)?[-ー・]口座(?:番号)?[ \t]?(?:で|は|が|=|:|：)?[ \t]?"
    r"([0-9]{3}-[0-9]{7})(?![0-9])"
)
"""A branch's three digits and an account's seven after a label that names both (還付口座は 店番-口座 で
112-0048813); 支店番号-口座番号 形式の入力は 0 件 stays."""
_LETTER_SERIAL = lazy.compile(
    r"(?<!文書)(?<!管理)(?<!受付)(?<!整理)(?<!契約)(?<!案件)(?<!伝票)(?<!注文)(?<!資料)(?<!書類)(?<!様式)(?<!帳票)"
    r"(?<!議案)(?<!図面)(?<!物品)(?<!製品)(?<!商品)(?<!型式)"
    rf"番号(?:は|が|:|：)?{_SPACE}第{_SPACE}((?-i:[A-Z]{{1,2}})[ ]?[0-9]{{5,8}})(?![0-9]){_SPACE}号"
)
"""A capital letter and a serial of five digits or more between 第 and 号 after a number's word (入浴券の番号
第 B 2204417 号), as a registration or a card prints its holder's number; a document's number has its
office's kanji, not a lone capital (豊福第 1843 号), and a work number's word before 番号 (文書番号, 契約番号)
keeps it."""
_CRIME_PREVENTION = lazy.compile(
    rf"防犯登録(?:番号)?(?:は|が|:|：)?{_SPACE}(?:第{_SPACE})?(?:[\u4e00-\u9fff]{{1,4}}[ \t\u3000]+)?"
    rf"((?-i:[A-Z]{{1,2}})[ ]?[0-9]{{4,8}}|[0-9]{{2}}-[0-9]{{4,7}}|[0-9]{{5,8}})(?![0-9]|{_SPACE}{_QUANTITY})"
)
"""A bicycle's crime-prevention registration, its holder's name and address on file (防犯登録 第 A 4417821 号,
防犯登録番号は 22-0418): a letter and four digits or more, two digits and a dash, or five digits or more;
a count after the word has its unit (防犯登録 300 件)."""
_TRACKING = lazy.compile(
    rf"(?:追跡|問い?合わせ|問合せ|お問合せ)番号(?:は|が|:|：)?{_SPACE}{_OPENING}"
    r"((?<![0-9])[0-9]{3,4}(?:[ -][0-9]{3,4}){2,3}|[0-9]{10,13})(?![0-9-])"
)
"""A parcel's tracking number, ten to thirteen digits, grouped or not, after 追跡番号 or 問い合わせ番号 in a
message about a parcel (`_PARCEL_CUE`): it leads to the addressee's name and address."""
_PARCEL_CUE = lazy.compile("荷物|宅配|配達|配送|追跡|ゆうパック|ヤマト|佐川|伝票")
_TRACKING_DIGITS = range(10, 14)
_UNLABELLED_PLATE = lazy.compile(
    r"(?<![\u4e00-\u9fffヶケ])([\u4e00-\u9fffヶケ]{1,4}[ \t\u3000]?[0-9]{2,3}[ \t\u3000]?"
    rf"[{_PLATE_KANA}][ \t\u3000]?(?:[0-9]{{1,2}}-[0-9]{{2}}|[0-9]{{4}}))(?![0-9-])"
)
"""A car's whole plate without a word for it: the office's place, the class's digits, a kana that is no
particle, and the number (品川 300 さ 44-18), a shape no work number has; in a message that does not speak
of the ward's own cars (`_OWN_CAR`) nor of a fleet's upkeep (`_FLEET`), which number them by their plates."""
_FLEET = lazy.compile("車検|配車|車両管理|運行|庁車")
"""A fleet's upkeep and bookings (車両 豊島 300 た 40-17 は 車検で…): the cars are the office's."""
_BIKE_PLATE = lazy.compile(
    r"(?:バイク|二輪|原付|スクーター)[^\n。]{0,12}?"
    rf"([\u4e00-\u9fffヶケ]{{1,4}}[ \t\u3000]?[{_PLATE_KANA}][ \t\u3000]?[0-9]{{1,2}}-[0-9]{{2}})(?![0-9-])"
)
"""A motorcycle's or a moped's plate with a dash in its number after a word for the vehicle (撤去したバイクは
練馬 あ 12-34): no class's digits, as such plates have."""
_YUCHO_MARK = lazy.compile(
    rf"記号(?:は|が|:|：)?{_SPACE}(1[0-9]{{3}}0)(?![0-9])"
    rf"(?:{_SPACE}(?:[、,]{_SPACE})?番号(?:は|が|:|：)?{_SPACE}([0-9]{{6,8}})(?![0-9]))?"
)
"""A Japan Post Bank 記号 (five digits, 1 first and 0 last) and its 番号 after it if any, in a message that
names the bank anywhere (`_YUCHO`), however long the sentence between them (ゆうちょ銀行の口座で…、電話で
聞き取った記号は 10140、番号は 22441870)."""
_YUCHO = lazy.compile("ゆうちょ|ユウチ[ョヨ]|郵便貯金")


_PATTERNS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (_BIRTH_DATE, BIRTH_DATE, ""),
    (_ID_NUMBER, ID_NUMBER, ""),
    (_LETTERED, ID_NUMBER, ""),
    (_OF_A_PERSON, ID_NUMBER, "番号"),
    (_POLLING_DISTRICT, ID_NUMBER, "投票区"),
    (_BRANCH_ACCOUNT, ID_NUMBER, "-"),
    (_ACCOUNT_ROW, ID_NUMBER, ""),
    (_INSURANCE_CARD, ID_NUMBER, ""),
    (_JSON_ACCOUNT, ID_NUMBER, ""),
    (_CARD, ID_NUMBER, ""),
    (_RESIDENCE_CARD, ID_NUMBER, ""),
    (_PLATE, ID_NUMBER, ""),
    (_SNS_ACCOUNT, ID_NUMBER, ""),
    (_SNS_FAR_ID, ID_NUMBER, ""),
)
"""Each pattern, the kind it finds and what it cannot match without (most messages hold none of it and are
not searched for it); a pattern's groups hold what its label announces."""


_ID_HEADER = frozenset(
    (
        *("口座番号", "口座", "口座No.", "account no.", "account no", "account number", "account"),
        *("被保険者番号", "保険証番号", "介護保険番号", "基礎年金番号", "年金番号", "pension no."),
        *("受給者証番号", "受給者番号"),
        *("旅券番号", "パスポート番号", "passport no.", "passport", "免許証番号", "在留カード番号"),
        *("住民票コード", "宛名番号", "世帯番号"),
        *("介護保険被保険者番号", "被保険者証番号", "手帳番号"),
    )
)
"""A pasted table's header cell over a column of personal numbers (compared in lower case)."""
_BANK_HEADER = lazy.compile(
    r"(?:^|[\t|])[ \u3000]*(?:bank|bank name|銀行|銀行名|金融機関|金融機関名)[ \u3000]*(?=[\t|])",
    re.IGNORECASE | re.MULTILINE,
)
_BANK_NUMBER_HEADER = frozenset(("no.", "no", "number", "番号"))
"""Under a table's header row that names the bank, a bare No. is the account's (Bank | Branch | No.)."""
_ID_CELL = lazy.compile(rf"(?:第[ ]?)?{_ID_VALUE}(?:[ ]?号)?", re.IGNORECASE)
"""A cell's number, between 第 and 号 as a handbook prints it if so (第 48217 号)."""


def _table_numbers(text: str) -> Iterator[tuple[int, int, str]]:
    """The cells of a pasted table's column under a personal number's header (`bot.privacy.table`).

    No. is a header of theirs only in a table whose header row names the bank (Bank | Branch | No.), and
    only down that table: another table's No. numbers its rows.
    """
    spans = list(column_cells(text, _ID_HEADER, ignore_case=True, beside=True))
    for bank in _BANK_HEADER.finditer(text):
        line = text.rfind("\n", 0, bank.start()) + 1
        table = _TABLE.match(text, line)
        if table is not None:
            cells = column_cells(text[line : table.end()], _BANK_NUMBER_HEADER, ignore_case=True)
            spans.extend((line + start, line + end) for start, end in cells)
    for start, end in spans:
        if _ID_CELL.fullmatch(text, start, end):
            yield start, end, ID_NUMBER


_ERA_HEADERS = ("元号", "和暦", "era", "gengo")
_DATE_PARTS = frozenset(("年", "月", "日", "year", "month", "day"))
_ERA_CELLS = lazy.compile(
    r"[\"']?((?:明治|大正|昭和|平成|令和|[MTSHR])\.?)[\"']?[ \t,|\"']+"
    r"([0-9]{1,2}|元)[\"']?[ \t,|\"']+([0-9]{1,2})[\"']?[ \t,|\"']+([0-9]{1,2})",
    re.IGNORECASE,
)
"""A row's era, year, month and day, each in a cell of its own (昭和,55,4,12; 平成<tab>13<tab>6<tab>21)."""
_ERA_FIELDS = lazy.compile(
    rf"元号{_BLANKS}[:：]?{_BLANKS}((?:明治|大正|昭和|平成|令和|(?<![a-z])[MTSHR])){_BLANKS}年{_BLANKS}[:：]?{_BLANKS}"
    rf"([0-9]{{1,2}}|元){_BLANKS}月{_BLANKS}[:：]?{_BLANKS}[0-9]{{1,2}}{_BLANKS}日{_BLANKS}[:：]?{_BLANKS}[0-9]{{1,2}}"
    r"(?![0-9])",
    re.IGNORECASE,
)
"""A form's era, year, month and day fields copied with their labels, each value after its own
(元号:昭和 年:50 月:8 日:14, 元号 平成 年 11 月 3 日 25)."""


def _era_columns(text: str) -> Iterator[tuple[int, int, str]]:
    """A date split over a table's columns 元号,年,月,日 (or era,year,month,day), unless of the last years.

    A person's birth date is what a form splits so (昭和,55,4,12); a rule's date of the last years
    (令和,9,4,1) stays, as `_birth_dates_unlabelled` keeps a recent date.
    """
    for header in _ERA_HEADERS:
        if header not in text:
            continue
        for begin, end in grouped_cells(text, header, _DATE_PARTS):
            row = _ERA_CELLS.fullmatch(text, begin, end)
            if row and _born_long_ago(row.group(1), row.group(2)):
                yield begin, end, BIRTH_DATE


def _born_long_ago(era: str, year: str) -> bool:
    """Whether an era's year is before the last years (`RECENT_YEARS`): of a birth, not of the work."""
    return _year(f"{era}{year}") < datetime.now(UTC).year - RECENT_YEARS


_TABLE = lazy.compile(r"(?:[^\n]*[\t|][^\n]*(?:\n|$))+")
"""A table's lines, each with a cell separator, from its first."""


_PENSION_CUE = lazy.compile("年金")
_PENSION_NUMBER = lazy.compile(
    rf"(?<![0-9,.-])[1-9][0-9]{{3}}(?:[ \t\u3000]?[-・の][ \t\u3000]?|[ \t\u3000]|-[ \t]?\n)[0-9]{{6}}"
    rf"(?![0-9,.-]|{_QUANTITY})"
)
"""Four digits and six, a dash, a space or の between them (spaces around の too, as it is dictated: 1204 の
338177): a basic pension number's shape (2201-883045, 4410 009127), its six digits on the next line after the
dash too, as a form is pasted (6620-, then 118470), in a message about a pension; a phone's first digit is 0
and stays a phone's."""
_LICENCE_CUE = lazy.compile("免許")
_TWELVE_DIGITS = lazy.compile(r"(?<![0-9])(?<![0-9A-Za-z]-)[0-9](?:[ -]?[0-9]){11}(?![0-9])")
"""Twelve digits, grouped or one at a time: a driving licence's number, in a message about a licence; not
the last group of an identifier joined by hyphens (a UUID's …-8000-000000000001)."""
_SPELLED_CUE = lazy.compile("旅券|パスポート|在留カード|passport", re.IGNORECASE)
_LETTER_READ = (
    r"(?:エイチ|エッチ|エー|エイ|ビー|シー|ディー|デー|イー|エフ|ジェー|ジェイ|ジー|アイ|ケー|ケイ|エル|エム|エヌ"
    r"|オー|ピー|キュー|アール|エス|ティー|テー|ユー|ブイ|ヴィー|ダブリュー?|エックス|ワイ|ゼット|ズィー)"
)
"""A Latin letter read aloud in katakana, as a number's letters are told on the phone (ティー, ケー)."""
_LETTERS_READ = rf"{_LETTER_READ}(?:[・ \t\u3000]?{_LETTER_READ})?"
_SPELLED_ID = lazy.compile(
    r"(?:旅券|パスポート|在留カード|passport)[^\n。0-9]{0,24}?"
    rf"(?<![ァ-ヺ])({_LETTERS_READ}[・ \t\u3000]?[0-9]{{6,8}}(?:[・ \t\u3000]?{_LETTERS_READ})?)(?![0-9])",
    re.IGNORECASE,
)
"""A passport's or a residence card's number with its letters read aloud in katakana and typed as heard
(旅券番号はティー・ケー・1234567, パスポートは エムエー 2207418, 在留カードの番号はエー・ビー・12345678・
シー・ディー): the letters are the number's as much as the digits are."""
_SECRET_CODE = lazy.compile(
    r"(?:暗証番号|セキュリティコード|(?<![a-z])pin(?![a-z]))(?:は|:|：)?[ \t]?([0-9]{4})"
    r"(?![0-9]|[ \t]?(?:桁|件|回|日|人|年|月|時|分|円|%|枚|種|文字))",
    re.IGNORECASE,
)
"""A My Number card's 4-digit PIN or security code written down (暗証番号は 0913 とのこと, セキュリティコード
8820 と…): a secret of the card's holder; 暗証番号は4桁の数字で and セキュリティコードは券面の4桁です stay."""
_ORDINAL = lazy.compile(r"第[ \t]?$")
"""第 before a licence's number is how the licence prints it (第621903482710号), not a reference's."""


def find_labelled(text: str) -> Iterator[tuple[int, int, str]]:
    """The spans ``(start, end, kind)`` of labelled birth dates and numbers in the folded ``text``.

    A labelled number's near copies elsewhere in the message come last (`_near_copies`).
    """
    numbers: list[str] = []
    for start, end, kind in _labelled(text):
        yield start, end, kind
        if kind == ID_NUMBER and len(numbers) < _COPIES_COMPARED:
            digits = "".join(c for c in text[start:end] if c.isdigit())
            if len(digits) >= _COPY_DIGITS:
                numbers.append(digits)
    if numbers:
        yield from _near_copies(text, numbers)


_COPIES_COMPARED = 8
"""The labelled numbers a message's other numbers are compared with: a few, so that reading stays linear."""
_COPY_DIGITS = 6
_COPY_DIFFERENCE = 2
_DIGIT_RUN = lazy.compile(rf"(?<![0-9.,/-])[0-9]{{{_COPY_DIGITS},10}}(?![0-9])")


def _near_copies(text: str, numbers: list[str]) -> Iterator[tuple[int, int, str]]:
    """Runs of digits as long as a labelled number that differ from it in two digits at most, anywhere.

    A number heard, then read off a bankbook or a card, comes back corrected far from its label (口座番号
    4418207 と伺いましたが、通帳では 4418270 でした): two digits swapped or misheard; a document's or a
    count's number of as many digits is other digits altogether. A quantity (…円, …件) stays.
    """
    for run in _DIGIT_RUN.finditer(text):
        digits = run.group()
        if _UNIT_AFTER.match(text, run.end()):
            continue
        if any(
            len(number) == len(digits)
            and sum(a != b for a, b in zip(number, digits, strict=True)) <= _COPY_DIFFERENCE
            for number in numbers
        ):
            yield run.start(), run.end(), ID_NUMBER


_UNIT_AFTER = lazy.compile(rf"[ \t]?{_QUANTITY}")


def _labelled(text: str) -> Iterator[tuple[int, int, str]]:
    """`find_labelled` but the near copies."""
    for pattern, kind, needed in _PATTERNS:
        if needed not in text:
            continue
        for match in pattern.finditer(text):
            if not pattern.groups:
                yield match.start(), match.end(), kind
            for group in range(1, pattern.groups + 1):  # what a label announces, not the label
                if match.group(group):
                    yield match.start(group), match.end(group), kind
                    if kind == ID_NUMBER:
                        yield from _corrections(text, match.start(group), match.end(group))
    if _NUMBER_WORD.search(text):  # what the far label needs: most messages name no number
        for match in _FAR_ID_NUMBER.finditer(text):
            if not is_reference(text, match.start(1)):
                yield match.start(1), match.end(1), ID_NUMBER
                yield from _corrections(text, match.start(1), match.end(1))
    if "桁" in text or "末尾" in text:
        for match in _PART.finditer(text):
            kind = MY_NUMBER if match.group(1) else PHONE if match.group(2) else ID_NUMBER
            yield match.start(3), match.end(3), kind
    yield from _birth_dates_unlabelled(text)
    if "生" in text:
        for match in _ERA_YEAR_BORN.finditer(text):
            yield match.start(), match.end(), BIRTH_DATE
        for match in _ERA_NAME_YEAR_BORN.finditer(text):
            yield match.start(), match.end(), BIRTH_DATE
    if _SPELLED_CUE.search(text):
        for match in _SPELLED_ID.finditer(text):
            yield match.start(1), match.end(1), ID_NUMBER
    if "暗証" in text or "コード" in text or "pin" in text:
        for match in _SECRET_CODE.finditer(text):
            yield match.start(1), match.end(1), ID_NUMBER
    if "," in text or "\t" in text:
        yield from _person_row_dates(text)
    if "|" in text or "\t" in text or "," in text or "  " in text:
        yield from _table_numbers(text)
        yield from _era_columns(text)
    if "元号" in text:
        for match in _ERA_FIELDS.finditer(text):
            if _born_long_ago(match.group(1), match.group(2)):
                yield match.start(1), match.end(), BIRTH_DATE
    if _LICENCE_CUE.search(text):
        yield from _licence_numbers(text)
    if "車" in text and not _OWN_CAR.search(text):
        for match in _CAR_PLATE.finditer(text):
            yield match.start(1), match.end(1), ID_NUMBER
    if ("ナンバー" in text or "車" in text) and not _OWN_CAR.search(text):
        for match in _SPOKEN_PLATE.finditer(text):
            yield match.start(1), match.end(1), ID_NUMBER
    if ("番号" in text or "ばんごう" in text) and ("口座" in text or "ゆうちょ" in text or "こうざ" in text):
        for match in _ACCOUNT_THEN_NUMBER.finditer(text):
            yield match.start(1), match.end(1), ID_NUMBER
    if "口座" in text:
        for match in _BRANCH_THEN_ACCOUNT.finditer(text):
            yield match.start(1), match.end(1), ID_NUMBER
    if "番号" in text:
        for pattern in (_CHASSIS, _TRANSFER_ACCOUNT):
            for match in pattern.finditer(text):
                yield match.start(1), match.end(1), ID_NUMBER
    if "防犯登録" in text:
        for match in _CRIME_PREVENTION.finditer(text):
            yield match.start(1), match.end(1), ID_NUMBER
    if "番号" in text and "第" in text:
        for match in _LETTER_SERIAL.finditer(text):
            yield match.start(1), match.end(1), ID_NUMBER
    yield from _parcels_and_vehicles(text)
    if "記号" in text and _YUCHO.search(text):
        for match in _YUCHO_MARK.finditer(text):
            for group in (1, 2):
                if match.group(group):
                    yield match.start(group), match.end(group), ID_NUMBER
    if "/" in text:
        for match in _URL_PERSON.finditer(text):
            yield match.start(1), match.end(1), ID_NUMBER
    if _DEVICE_CUE.search(text) and not _OWN_NETWORK.search(text):
        yield from _device_addresses(text)
    if "歳" in text or "才" in text:
        for match in _BORN_IN_MONTH.finditer(text):
            near = text[max(0, match.start() - _AGE_REACH) : match.end() + _AGE_REACH]
            if _AGE.search(near):
                yield match.start(1), match.end(1), BIRTH_DATE
    if _PENSION_CUE.search(text):
        for match in _PENSION_NUMBER.finditer(text):
            if not is_reference(text, match.start()):
                yield match.start(), match.end(), ID_NUMBER


def _parcels_and_vehicles(text: str) -> Iterator[tuple[int, int, str]]:
    """A parcel's tracking number in a message about a parcel, and plates with no word for them."""
    if "番号" in text and _PARCEL_CUE.search(text):
        for match in _TRACKING.finditer(text):
            if sum(c.isdigit() for c in match.group(1)) in _TRACKING_DIGITS:
                yield match.start(1), match.end(1), ID_NUMBER
    if _OWN_CAR.search(text):
        return
    patterns = (_BIKE_PLATE,) if _FLEET.search(text) else (_UNLABELLED_PLATE, _BIKE_PLATE)
    for pattern in patterns:
        for match in pattern.finditer(text):
            yield match.start(1), match.end(1), ID_NUMBER


def _device_addresses(text: str) -> Iterator[tuple[int, int, str]]:
    """A resident's device's global IPv4 addresses and MAC addresses in ``text``."""
    for match in _IPV4.finditer(text):
        try:
            address = ipaddress.IPv4Address(match.group())
        except ValueError:  # an octet over 255: a version or a code, not an address
            continue
        if address.is_global and not _VERSION_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            yield match.start(), match.end(), ID_NUMBER
    for match in _MAC.finditer(text):
        yield match.start(), match.end(), ID_NUMBER


def _corrections(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """The numbers correcting or doubting the labelled one at ``[start, end)``, one after another.

    The first may say whole what was cut short (`_CUT_SHORT`).
    """
    digits = sum(c.isdigit() for c in text[start:end])
    if (cut := _CUT_SHORT.match(text, end)) and sum(c.isdigit() for c in cut.group(1)) > digits:
        end = cut.end(1)
        digits = sum(c.isdigit() for c in cut.group(1))
        yield cut.start(1), end, ID_NUMBER
    while (match := _CORRECTION.match(text, end)) and sum(c.isdigit() for c in match.group(1)) == digits:
        end = match.end(1)
        yield match.start(1), end, ID_NUMBER


def _licence_numbers(text: str) -> Iterator[tuple[int, int, str]]:
    """Twelve digits in a message about a licence, not a My Number nor a reference (受付番号 …)."""
    for match in _TWELVE_DIGITS.finditer(text):
        start = match.start()
        ordinal = _ORDINAL.search(text, max(0, start - 2), start)
        if not is_my_number(match.group()) and (ordinal or not is_reference(text, start)):
            yield start, match.end(), ID_NUMBER


def _birth_dates_unlabelled(text: str) -> Iterator[tuple[int, int, str]]:
    """Whole dates of an era before 平成; every whole date but the last years' in a message about a birth.

    A message that holds a whole date of an era before 平成 is about a birth too (S45.3.2 や 平7.3.9); one
    in that era's last year (S64.1.7, 大正15年12月25日) only where a birth's word or an age is in the message
    too or a person's follows it (S64.1.7 の方): the era's end is told of by its last day.

    A date read aloud in hiragana (voice input) is taken the same way: of an era before 平成, or in a message
    about a birth.

    A date that opens or closes a range (1984年4月1日以前, 4月1日から, 〜1985年3月31日) or that
    a rule or a document bears (…現在, …施行, …改訂) is work text all the same.
    """
    about_birth = _BIRTH_CUE.search(text) is not None
    for match in _OLD_DATE.finditer(text):
        if _LAST_YEAR.match(match.group()) and not (
            about_birth or _OF_WHOM.match(text, match.end()) or _age_near(text, match.start(), match.end())
        ):
            continue  # the era's last days: told of as its end (S64.1.7 が最後の日) as often as a birth
        if not _in_range(text, match.start(), match.end()):
            about_birth = True
            yield match.start(), match.end(), BIRTH_DATE
    for match in _SPOKEN_DATE.finditer(to_hiragana(text)):
        if about_birth or match.group(1) in _OLD_SPOKEN_ERA:
            yield match.start(), match.end(), BIRTH_DATE
    if not about_birth:
        return
    recent = datetime.now(UTC).year - RECENT_YEARS  # read each time: a server runs past New Year
    for match in _ANY_DATE.finditer(text):
        if _year(match.group()) < recent and not _in_range(text, match.start(), match.end()):
            yield match.start(), match.end(), BIRTH_DATE


_CELL = lazy.compile(r"[^,\t\n]+")
_SEX_CELL = frozenset(("男", "女", "男性", "女性"))


def _person_row_dates(text: str) -> Iterator[tuple[int, int, str]]:
    """Whole dates before the last years in the cells of a comma- or tab-separated row that is a person's.

    A row with 男 or 女 in a cell of its own is a person's (1201,[氏名],1968/10/04,女), with or without a
    header above it, and so is one with a phone number or a postal code in a cell of its own, as a register
    is pasted from a spreadsheet ("1955-11-03","03-3981-2270"; 名簿から：1978/04/12<tab>090-2284-1937, the
    words before a colon or an arrow leading the row in): a date of theirs from before the last years
    (`RECENT_YEARS`) is their birth.
    """
    recent = datetime.now(UTC).year - RECENT_YEARS
    for line in _LINE.finditer(text):
        if "," not in line.group() and "\t" not in line.group():
            continue
        cells = [_cell(text, cell.start(), cell.end()) for cell in _CELL.finditer(text, *line.span())]
        if cells and (lead := _LEAD_IN.match(text, *cells[0])):
            cells[0] = _cell(text, lead.end(), cells[0][1])
        dates = [
            (start, end)
            for start, end in cells
            if (date := _ANY_DATE.fullmatch(text, start, end)) and _year(date.group()) < recent
        ]
        if dates and any(_of_a_person(text[start:end]) for start, end in cells):
            for start, end in dates:
                yield start, end, BIRTH_DATE


_LINE = lazy.compile(r"[^\n]+")
_LEAD_IN = lazy.compile(r"[^:→\t]{1,30}[:→]")
"""Words that lead a pasted row in, up to a colon or an arrow (名簿から貼付：, Excelから→)."""
_PERSON_CELL = 20
"""The longest cell read for a phone number or a postal code alone."""


def _cell(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a cell without the blanks and the quotes around it."""
    while start < end and text[start] in ' \t"\u3000':
        start += 1
    while end > start and text[end - 1] in ' \t"\u3000':
        end -= 1
    return start, end


def _of_a_person(cell: str) -> bool:
    """Whether a row's cell says the row is a person's: a sex, or a phone number or a postal code alone."""
    if cell in _SEX_CELL:
        return True
    return len(cell) <= _PERSON_CELL and any(
        end - start == len(cell) and kind != MY_NUMBER for start, end, kind in find_numbers(cell)
    )


_LAST_YEAR = lazy.compile(
    rf"(?:(?:明治|明|m\.?){_GAP}45|(?:大正|大|t\.?){_GAP}15|(?:昭和|昭|s\.?){_GAP}64)(?![0-9])", re.IGNORECASE
)
"""An era's last year (明治45, 大正15, 昭和64): a date in it is its end's as often as a birth's."""
_OF_WHOM = lazy.compile(rf"{_SPACE}{_WHOSE}")
"""After a date, who it is of (S64.1.7 の方): a person's birth."""


def _age_near(text: str, start: int, end: int) -> bool:
    """Whether an age (88歳, 7才) is at most `_AGE_REACH` characters from ``[start, end)``."""
    return _AGE.search(text, max(0, start - _AGE_REACH), end + _AGE_REACH) is not None


def _in_range(text: str, start: int, end: int) -> bool:
    return bool(_RANGE.match(text, end) or _RANGE_BEFORE.search(text, max(0, start - 8), start))


_KANA_DAY = (
    r"(?:ついたち|ふつか|みっか|(?:に?じゅう)?よっか|いつか|むいか|なのか|ようか|ここのか|とおか|はつか|"
    rf"{SPOKEN_NUMBER}{_SPACE}にち)"
)
_SPOKEN_DATE = lazy.compile(
    rf"(?:(めいじ|たいしょう|しょうわ|へいせい|れいわ|明治|大正|昭和|平成|令和){_SPACE}(?:の{_SPACE})?"
    rf"(?:{SPOKEN_NUMBER}|がん){_SPACE}ねん"
    rf"|(せん{_BLANKS}きゅうひゃく|にせん)(?:{_BLANKS}{SPOKEN_NUMBER})?{_BLANKS}ねん)"
    rf"{_SPACE}(?:の{_SPACE}|[、,]{_SPACE})?"
    rf"(?:じゅういち|じゅうに|じゅう|いち|に|さん|し|ご|ろく|しち|はち|く){_SPACE}がつ{_SPACE}(?:[、,]{_SPACE})?"
    rf"{_KANA_DAY}"
)
"""A date of an era read aloud, as voice input writes it (しょうわよんじゅうねん ろくがつ ついたち), or as
staff note down what they heard on the phone, the era in kanji and commas between the parts
(令和のさんねん、ごがつ、にじゅうよっか), a space between a number and its unit if any (へいせい ろく
ねん), in katakana too (ショウワ ゴジュウネン: read in its hiragana); or of a Western year read aloud, a space
between its words if any (にせん ご ねん、さん がつ、じゅうよっか; せんきゅうひゃく はちじゅうご ねん …),
a birth date only in a message about a birth (group 2: no era to tell it by)."""
_OLD_SPOKEN_ERA = frozenset(("めいじ", "たいしょう", "しょうわ", "明治", "大正", "昭和"))
_WESTERN_YEAR = lazy.compile(r"(?:19|20)[0-9]{2}")
_REIWA = lazy.compile(r"(?:令和|令|r\.?)[ \t\u3000]*の?[ \t\u3000]*(元|[0-9]{1,2})", re.IGNORECASE)


def _year(date_text: str) -> int:
    """The Western year of a date as ``_ANY_DATE`` finds it; 0 for an era's before 令和 or one unknown."""
    if date_text[0] in "'’‘":
        two = int(date_text[1:3])
        return 2000 + two if 2000 + two <= datetime.now(UTC).year else 1900 + two
    reiwa = _REIWA.match(date_text)
    if reiwa:
        return 2019 if reiwa.group(1) == "元" else 2018 + int(reiwa.group(1))
    western = _WESTERN_YEAR.match(date_text)
    return int(western.group()) if western else 0
