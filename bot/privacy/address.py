"""Street addresses: a block number, with what says it is an address before it.

A block number (番地) is one of (digits ASCII or kanji):

- strong: ``2丁目``, ``2丁目3番4号``, ``2丁目3-4``, ``北1条西2丁目…`` (Sapporo),
  ``12番地``, ``12番地3``, ``3番5号``;
- weak: ``3-4-5``, ``3-4``, ``1の2の3``, and Sapporo's grid written short (北1西2).

An address is a weak or strong block after a municipality (…市, …区, …町,
…村, …郡, with a prefecture before it if any), or after a word that says an
address follows (住所, 在住, 自宅, 所在地, 宛先, …, and a form's field 番地： or 丁目・番地
before the block); or a strong block on its own, with the town name before it (八重洲二丁目1番), or a
weak block of three numbers with a room after it (中央1-2-3-405号室, 1-2-3 サンプルハイツ101), or right
after a town's name in kanji where の joins them (長崎4の22の3) or a room's number follows (入谷1-9-3-402)
or the line says someone lives or is
visited there (巣鴨3-11-20に住んで, 訪問先 東池袋5-44-20, 旧：… 新：千川2-20-6) or holds a postal code's mark
(〒, or OCR's T: T171-0052 南長崎2-4-19), a spreadsheet's cell bar between the town and the block if any
(住所：東京都|豊島区|長崎|5-3-18|201); three numbers joined by の
whatever is before them, as an address is said aloud (しゃくじいまち 4の2の9); or a block read aloud in
hiragana, as voice input writes it (にちょうめ じゅうごのさん), or a town's name and three block numbers so
(ちゅうおう いちのにのさん); or block numbers and a town in Latin
letters before a ward or city (3-11-8 Minami-Otsuka, Toshima-ku) or after a word that says an address
follows (住居地：Zoshigaya 3-8-11 Room 104, Address: Minami-Ikebukuro 2-chome 45-11, a room and its
building's name before them if any: Flat 2B, Villa Sugamo, 1-18-4 Nishi-Sugamo); or a block's units spelled
in romaji (2 chome 8 ban 14 go); or a lot's number alone
where the town before it says it is one (Kyoto's 堀川通寺之内上る2丁目下天神町650, a town ending in 町 after
its city, a rural 字 or 大字, or after 住所 and a municipality: 住所 宇治市宇治妙楽124). Parts may be
separated by a space (東京都 サンプル区 中央 1-2-3), or each be on a line of its own (横浜市 / 港北区 / …).
A room number after the block goes with it (1-2-3-405, …3 サンプルハイツ101号室, …3 サンプルマンション305),
and so does a floor after a building's name (…5-6 銀座ビル3F, 本町ビル5階). A lot lettered 甲乙丙丁 or
with no number (番外地, 無番地) after a municipality is one too, and so is a block of flats' building and
room (3号棟402号室). So is a municipality, a town and block numbers spaced a character apart, as AI-OCR
reads a form's boxes (北 区 王 子 4 - 2 2 - 1 0).

The municipality's name stops at its first 市区町村郡 and at most three
follow one another (札幌市中央区), so no run of text can be split into
municipalities in exponentially many ways.

In a table pasted as text (cells between tabs or ``|``), every cell with a digit in the column
under a header cell 住所 (現住所, 旧住所, 送付先, …) is an address, however short (石神井台2-5-8).

What is not an address: a municipality word that is part of another word
(区民, 区役所, 市内, 町会…), numbers with a unit or counter after them
(3-4件, 1-2月, 3-4人), the end of a range (2〜4丁目), and a document's or a plan's parts (別表2-1-3,
施策1-2-3) outside a line about where someone lives.
"""

from __future__ import annotations

from collections.abc import Iterator

from bot.privacy import lazy
from bot.privacy.fold import SPOKEN_NUMBER
from bot.privacy.table import column_cells, grouped_cells

__all__ = ["ADDRESS", "find_addresses"]

ADDRESS = "住所"

_KANJI = r"\u4e00-\u9fff々〆ヶケ"
_KATA = r"\u30a1-\u30fa\u30fc・"
_HIRA = r"ぁ-ゖ"
_NAME = rf"(?:(?![はをにでとへもや])[{_KANJI}{_KATA}{_HIRA}])"
_PLACE_NAME = rf"(?:(?![はをにでとへもや市区町村郡])[{_KANJI}{_KATA}{_HIRA}])"
_PLAIN_NAME = rf"[{_KANJI}{_KATA}]"
_SP = r"[ \t]?"
_NUM = r"(?:[0-9]{1,5}|[〇一二三四五六七八九十百千]{1,5})"
_DASH = rf"(?:{_SP}-(?:{_SP}|[ \t]*+\n[ \t]*)|[のノ])"
"""Between block numbers: a dash, with a space on either side if any (中野 2 - 3 - 4), or ending a line
that the next goes on (目白3- / 14-2, as a form's field or a phone wraps it), or の or ノ as a letter writes
it (高松一ノ二十二ノ三)."""
_NOT_A_PLACE = (
    r"民|役|長(?!崎)|議|立|内|外|域|政|営|職|部|課|税|報|債|有|単|全|間|別|画|切|場|販|街|況|分|会|制|章|"
    r"町村|村長|切り|区分|ごと|毎|版|型|的|性|等|様|者|費|名|界"
)
"""What after 市区町村郡 says a word, not a place (区民, 区役所, 区長); 長崎 is a town (豊島区長崎5-18-2)."""
_LINE_SP = r"(?:[ \t]?|[ \t]*\n)"
"""After a place's part: a space, or the line's end (横浜市 / 港北区 / 日吉本町 / 1-4-22, each on a line)."""
_CELL_SP = rf"(?:{_LINE_SP}|\"?[,\t]\"?)"
"""After a prefecture or a municipality, a CSV row's comma or a tab too, quoted cells' quotes around it if
any (\"埼玉県\",\"所沢市\",\"東所沢和田2-4-19\"; 世田谷区,経堂5-9-14): an address split over a
spreadsheet's columns."""
_PREFECTURE = rf"{_PLAIN_NAME}{{2,3}}[都道府県]{_CELL_SP}"
_MUNICIPALITY = rf"{_PLACE_NAME}{{1,10}}[市区町村郡](?!{_NOT_A_PLACE}){_CELL_SP}"
_TOWN = rf"(?:{_NAME}{{1,12}}?{_LINE_SP})?"
_CHOME = (
    rf"(?:[北南東西]?{_NUM}条[北南東西]?)?{_NUM}{_SP}丁目"
    rf"(?:[、,]?{_SP}{_NUM}{_SP}(?:番地?の?|{_DASH}){_SP}(?:{_NUM}(?:{_SP}号)?)?(?:{_DASH}{_NUM})?)?"
)
_BANCHI = rf"{_NUM}{_SP}番地(?:{_DASH}?{_NUM}(?:{_SP}号)?)?|{_NUM}{_SP}番{_SP}の?{_NUM}{_SP}号"
"""The units of a block may be set apart by a space (2 丁目 11 番 23 号, as OCR or a hand spaces a form), 丁目
from 番 by a comma and 番 from 号 by の, as a block is said aloud (2丁目、9番の6号)."""
_STRONG = rf"(?:{_CHOME}|{_BANCHI})"
_WEAK = rf"(?<![0-9]){_NUM}{_DASH}{_NUM}(?:{_DASH}{_NUM})?"
_BUILDING = (
    "マンション|ハイツ|ハイム|コーポ|アパート|レジデンス|メゾン|パレス|コート|ハウス|ヒルズ|テラス|プラザ|ヴィラ|"
    "シャトー|カーサ|ドミール|ビル|タワー|住宅|団地|荘|寮|棟"
)
_IN_BUILDING = (
    rf"(?:{_SP}[{_KANJI}{_KATA}a-zA-Z]{{0,20}}?(?:{_BUILDING})[{_KANJI}{_KATA}]{{0,6}}?{_SP}[0-9]{{1,4}}(?:号室?|階|[fF])?"
    rf"|{_SP}[{_KANJI}{_KATA}a-zA-Z]{{0,20}}?{_SP}[0-9]{{1,4}}号室?)"
)
_ROOM = rf"(?:{_SP}-{_SP}[0-9]{{1,4}}(?![0-9]))?{_IN_BUILDING}?"
_SOME_ROOM = rf"(?:{_SP}-{_SP}[0-9]{{1,4}}号室|(?:{_SP}-{_SP}[0-9]{{1,4}}(?![0-9]))?{_IN_BUILDING})"
"""A room that must be there: what makes a bare 1-2-3 an address without a municipality before it."""
_GRID = rf"[北南東西]{_NUM}条?[北南東西]{_NUM}(?:丁目)?(?:{_SP}{_NUM}(?:{_DASH}{_NUM})?)?"
"""Sapporo's street grid written short: 北1西2, 北1条西2 3-4."""
_COUNTER = "件人回枚時分秒日月年%歳名台部冊本通点円週倍割章節条項号階"
_END = rf"(?![0-9〇一二三四五六七八九十百千{_COUNTER}]|個(?!人))"
_CUE = (
    r"(?:現住所|住所|じゅうしょ|在住|住まい|自宅|所在地|宛先|あて先|送付先|届け先|居所"
    r"|(?<![0-9〇一二三四五六七八九十])(?:丁目[・･]?)?番地(?=[ \t]*[:：]|[ \t]+[0-9]))"
    r"(?:は|が|を|の|:|：)?[ \t]*"
)

_BLOCK = rf"(?:{_STRONG}|{_WEAK}|{_GRID})"
_LOT_NUM = rf"(?:[0-9]{{1,5}}|[〇一二三四五六七八九十百千]{{1,5}}(?![{_KANJI}](?<![番号])))"
"""A lot's number; in kanji, not the first characters of a town's name (三軒茶屋, 六本木, 八王子)."""
_LOT = (
    rf"(?<![0-9]){_LOT_NUM}(?:番地?(?:{_DASH}?{_NUM}号?)?|{_DASH}{_NUM})?{_ROOM}{_END}"
    r"(?![,.][0-9]|か所|ヶ所|カ所|箇所|[万億千])"
)
"""A lot's number alone, as rural towns (大字湯沢2499) and Kyoto (紫野上門前町22) number their houses."""

_WITH_PLACE = lazy.compile(rf"(?:{_PREFECTURE})?(?:{_MUNICIPALITY}){{1,3}}{_TOWN}{_BLOCK}{_ROOM}{_END}")
_AFTER_CUE = lazy.compile(rf"{_CUE}((?:{_PREFECTURE})?{_TOWN}{_BLOCK}{_ROOM}{_END})")
_LOT_AFTER_PLACE = lazy.compile(
    rf"{_CUE}((?:{_PREFECTURE})?(?:{_MUNICIPALITY}){{1,3}}[{_KANJI}{_KATA}]{{0,12}}?{_LOT})"
    rf"|(?:{_PREFECTURE})?(?:{_MUNICIPALITY}){{1,2}}{_PLACE_NAME}{{1,10}}町{_LOT}"
    rf"|(?:(?<=[町村市])字|大字)[{_KANJI}\u30a1-\u30fa\u30fc]{{1,8}}?"
    rf"(?:{_SP}字[{_KANJI}\u30a1-\u30fa\u30fc]{{1,8}}?)?{_SP}{_LOT}"
    rf"|(?<=[{_KANJI}])(?:[上下]る|[上下]ル|[東西]入[るル]?)(?:{_NUM}丁目)?"
    rf"[{_KANJI}{_KATA}]{{1,10}}?町{_SP}{_LOT}"
)
"""A lot's number alone after a municipality and a town: after a word that says an address
follows (住所 宇治市宇治妙楽124), after a town whose name ends in 町 with its city before it
(京都市北区紫野上門前町22), after a rural 字 or 大字, a 字 after the 大字 and a space before the number
if any (椎葉村大字下福良1762, 与論町字茶花325, 北杜市大字白州 字台ケ原 2218), and
after Kyoto's way up, down, east or west from a crossing and the town (堀川通寺之内上る2丁目下天神町650,
三条上ル恵比須町427番地)."""
_LETTERED_LOT = lazy.compile(
    rf"(?:{_PREFECTURE})?(?:{_MUNICIPALITY}){{1,3}}[{_KANJI}{_KATA}]{{0,12}}?"
    rf"(?:[甲乙丙丁]{_SP}{_LOT}|{_SP}(?:番外地|無番地)(?![{_KANJI}]))"
)
"""A lot lettered 甲, 乙, 丙 or 丁 before its number (丹原町池田丙288, いの町乙3391-2), or a lot with no
number, a space before it if any (美幌町字美禽番外地, 大字小川無番地, 瀬戸内町字古仁屋 番外地), after a
municipality: rural and old towns' houses."""
_PO_BOX = lazy.compile(
    rf"(?:[{_KANJI}]{{1,8}}?(?:郵便局|局){_SP})?私書箱{_SP}第?{_SP}[0-9]{{1,5}}{_SP}号?(?![0-9])"
    r"|(?<![A-Za-z])(?i:p\.?[ ]?o\.?[ ]?box|post[ ]office[ ]box)[ ]?(?:no\.?[ ]?)?#?[0-9]{1,6}(?![0-9])"
)
"""A post-office box, where someone's mail goes (豊島郵便局 私書箱第28号, 池袋局 私書箱４１２号,
P.O. Box 1147): its number; 私書箱 alone (私書箱の設置) is a service's word."""
_BLOCK_OF_FLATS = lazy.compile(rf"(?<![0-9])[0-9]{{1,3}}{_SP}号棟{_SP}-?{_SP}[0-9]{{1,4}}{_SP}号室?(?![0-9])")
"""A block of flats' building and room (3号棟402号室, 12号棟 305号): a home; a building alone (3号棟の改修)
is the estate's."""
_STRONG_ALONE = lazy.compile(rf"(?<![〜~]){_PLAIN_NAME}{{0,8}}?{_STRONG}{_ROOM}{_END}")
_HOW_TO_WRITE = lazy.compile(r"入力|記入例|書き方|表記|例として|例えば")
"""Words of a sentence about how a block is typed or written (「百五番地」は「105」と入力): a block in it with
no town's name before it is the example's, not a home's."""
_CHOME_ALONE = lazy.compile(rf"{_NUM}{_SP}丁目")
"""A 丁目 with no town's name before it and no 番 after it (2丁目の集会所): a district that many live in, no
home; after a town's name or a word for an address it is taken all the same (`_WITH_PLACE`, `_AFTER_CUE`)."""
_SENTENCE_END = lazy.compile(r"[。\n]")
_BARE_BLOCK = lazy.compile(rf"{_STRONG}{_ROOM}")
"""A strong block with no town's name before it (百五番地, 105 番地)."""
_THREE_NUMBERS = rf"(?<![0-9]){_NUM}{_DASH}{_NUM}{_DASH}{_NUM}"
_ROOM_ALONE = lazy.compile(rf"{_PLAIN_NAME}{{0,8}}?{_THREE_NUMBERS}{_SOME_ROOM}{_END}")
_BLOCK_NUM = r"(?:[1-9][0-9]{0,3}|[〇一二三四五六七八九十百千]{1,5})"
"""A block's number: no block is numbered from 0 (03-1234-5678 is a phone's)."""
_NOT_A_TOWN = "表図章節項条号版式紙順例問第巻話"
"""What a document's parts are numbered after (別表1-2-3, 図2-1-4, 手順1-2-3): no town's name ends so."""
_BUILDING_FIRST = lazy.compile(
    rf"(?<![{_KANJI}{_KATA}a-zA-Z])[{_KANJI}{_KATA}a-zA-Z]{{0,12}}?(?:{_BUILDING})[{_KANJI}{_KATA}]{{0,8}}?"
    rf"{_SP}(?:[A-Z]棟{_SP})?[0-9]{{1,4}}(?:号室?|階|[fF])?{_SP}[、,/]?{_SP}{_TOWN}"
    rf"(?<!第)(?:{_STRONG}|(?<![0-9])(?:[1-9][0-9]?|[〇一二三四五六七八九十]{{1,3}}){_DASH}{_BLOCK_NUM}{_DASH}{_BLOCK_NUM})"
    rf"{_END}"
)
"""A building's name and the room, then the block, a town's name before it if any, as an address written from
the building downwards is (コーポ赤羽 201、赤羽北3-11-6; メゾン王子 305 / 1-28-4 王子本町; レジデンス東十条 5F
東十条2-16-1): a home, whatever follows; no block opens with 0 (プラザ2階、電話 03-…, 305号室、家主の電話
03-… are phones)."""
_TOWN_THREE = lazy.compile(
    rf"[{_KANJI}](?:が?[{_KANJI}]){{0,7}}?(?<![{_NOT_A_TOWN}])\|?((?:[1-9][0-9]?|[〇一二三四五六七八九十]{{1,3}})"
    rf"{_DASH}{_BLOCK_NUM}{_DASH}{_BLOCK_NUM}){_ROOM}{_END}"
)
"""A town's name in kanji (が between them too: 雑司が谷), then three block numbers right after it
(長崎4の22の3, 東池袋5-44-20), a cell's bar between if any, as an address split into a spreadsheet's cells
is pasted (長崎|5-3-18|201): an address where の joins them, or where the line speaks of where someone
lives or of an address (施策1-2-3 is a plan's)."""
_WHERE_ONE_LIVES = lazy.compile(
    r"住ん|住み|住む|在住|訪問|実家|お宅|引っ越し先|引越先|転居先|転出先|住民票上|(?<![\u4e00-\u9fff])[旧新][:：]"
    r"|住所(?!変更)|宛先|あて先|送付先|居所|居住地|部屋番号|(?<=[0-9])号室"
    r"|〒|(?<![0-9A-Za-z_-])T[ \t]?[0-9]{3}-[0-9]{4}(?![0-9])"
)
"""Words of a line about where someone lives or is visited, its old and new places (旧：…／新：…), or an
address or where mail goes (住所の欄は「東池袋3-7-12」, 宛先が…、正しくは駒込2-16-4), or a home's room, as
an address written backwards opens (部屋番号 1208 / パークタワー東池袋 / 東池袋4-5-2, 302号室、…), or a
postal code's mark, as OCR reads it too (T171-0052 南長崎2-4-19); not a procedure's words (転入届,
住所変更), which share a line with a form's numbers."""
_DASHED_ROOM = lazy.compile(r"[ \t]?-[ \t]?[1-9][0-9]{2,3}(?![0-9])")
"""A room's number of three or four digits after a town's three block numbers, joined by a dash
(入谷1-9-3-402): a home; a document's fourth part is short (資料1-2-3-4)."""
_JOINED_BY_NO = lazy.compile(rf"(?<![0-9第])[1-9][0-9]?の[1-9][0-9]{{0,3}}の[1-9][0-9]{{0,3}}{_ROOM}{_END}")
"""Three numbers joined by の, as an address is said aloud (しゃくじいまち 4の2の9), whatever is before it."""
_KANA_CHOME = lazy.compile(
    rf"{SPOKEN_NUMBER}ちょうめ"
    rf"(?:{_SP}{SPOKEN_NUMBER}(?:ばんち|ばん|の)(?:{SPOKEN_NUMBER}(?:ごう)?)?(?:の{SPOKEN_NUMBER})?)?"
)
"""A block read aloud in hiragana, as voice input writes it (にちょうめ じゅうごのさん)."""
_KANA_TOWN_BLOCK = lazy.compile(
    rf"[ぁ-ゖー]{{2,12}}[ \u3000]{SPOKEN_NUMBER}の{SPOKEN_NUMBER}の{SPOKEN_NUMBER}(?:の{SPOKEN_NUMBER})?"
    r"(?=[^ぁ-ゖ]|$|です|でし|に|まで|へ)"
)
"""A town and its three block numbers read aloud in hiragana, as an address is typed as heard
(ちゅうおう いちのにのさん, とよたまきた ごのじゅうななのさん): an address, not the name with さん that its
last digit makes."""

_SPACED_NUM = r"[0-9](?: [0-9]){0,3}"
_SPACED = lazy.compile(
    rf"(?:[{_KANJI}] ){{1,6}}[市区町村郡] (?:[{_KANJI}{_KATA}{_HIRA}] ){{0,10}}"
    rf"{_SPACED_NUM} ?- ?{_SPACED_NUM}(?: ?- ?{_SPACED_NUM}){{0,2}}(?! ?[0-9])"
)
"""An address read by AI-OCR from a form's boxes, a space after every character (北 区 王 子 4 - 2 2 - 1 0): a
municipality, the town and two or three block numbers, each digit apart."""
_ROMAN = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]*)*"
"""A place's name in Latin letters, its parts joined by dashes (Minami-Otsuka, Ikebukuro-honcho)."""
_ROMAN_PLACE = r"[A-Z][a-z]+-(?:ku|shi|cho|machi|mura|gun)(?![A-Za-z])"
_ROMAN_WARD = r",?[ ]*(?:[A-Z][a-z]+-(?:ku|shi|cho|machi|mura|gun)|[A-Z][a-z]+ (?:Ward|City))(?![A-Za-z])"
_LATIN = lazy.compile(
    rf"(?<![0-9A-Za-z-])[0-9]{{1,4}}(?:-[0-9]{{1,4}}){{1,3}},?[ ]+{_ROMAN}(?={_ROMAN_WARD})"
    rf"|(?<![A-Za-z-]){_ROMAN},?[ ]+[0-9]{{1,4}}(?:-[0-9]{{1,4}}){{1,3}}(?![0-9])(?={_ROMAN_WARD})"
    rf"|(?<![A-Za-z-])(?:{_ROMAN_PLACE},?[ ]+){{1,3}}{_ROMAN},?[ ]+"
    rf"[0-9]{{1,4}}(?:-[0-9]{{1,4}}){{1,3}}(?![0-9-])"
)
"""An address in Latin letters, as foreign residents write it: block numbers and the town, either first,
then the ward or city (3-11-8 Minami-Otsuka, Toshima-ku; Higashi-Ikebukuro 1-2-3, Toshima City), or after
the city and the ward in Japanese order (Nishi-ku Minamisaiwai 1-5-1); after a word that says an address
follows, no ward is needed (`_LATIN_AFTER_CUE`)."""

_LATIN_BLOCK = r"[0-9]{1,4}(?:-[0-9]{1,4}){1,3}(?![0-9-])"
_LATIN_ROOM = r"(?:(?i:room|rm\.?|apt\.?|flat|unit|#)[ ]?[0-9]{1,4}[A-Za-z]?)"
_LATIN_BUILDING = r"(?:[A-Z][A-Za-z'-]*[ ]){0,3}[A-Z][A-Za-z'-]*,"
"""A building's name in Latin letters between a room and the block, a comma after it (Rm. 805, Ikebukuro Park
Residence, 2-40-12 Ikebukuro)."""
_LATIN_AFTER_CUE = lazy.compile(
    r"(?:(?:住所|住居地|居住地|居所|(?i:address|residence))(?:\([^()\n]{1,10}\))?[ \t]*[:：]?[ \t]*"
    r"|(?<![A-Za-z])(?i:c/o)[ ]+(?:[A-Z][A-Za-z.'-]*[ ]){0,4}[A-Z][A-Za-z.'-]*,[ ]*)"
    rf"((?:{_LATIN_ROOM},?[ ]+(?:{_LATIN_BUILDING}[ ]+)?)?"
    rf"(?:{_ROMAN},?[ ]+(?:[0-9]{{1,2}}[- ]?(?i:chome),?[ ]+)?{_LATIN_BLOCK}|{_LATIN_BLOCK},?[ ]+{_ROMAN})"
    rf"(?:,?[ ]+{_LATIN_ROOM})?)"
)
"""An address in Latin letters after a word that says one follows, or after care of someone (c/o Green
Hostel, 2-19-5 Nishi-Sugamo), with no ward after it: the town and block numbers, either first, the block
after a chome if any (住居地：Zoshigaya 3-8-11 Room 104, Address: Minami-Ikebukuro 2-chome 45-11, Maison 801),
a room and its building's name before them if any (Flat 2B, Villa Sugamo, 1-18-4 Nishi-Sugamo)."""
_ROOM_FIRST = lazy.compile(
    rf"(?<![A-Za-z]){_LATIN_ROOM},?[ ]+(?:{_LATIN_BUILDING}[ ]+)?"
    rf"[0-9]{{1,4}}(?:-[0-9]{{1,4}}){{2,3}}(?![0-9-]),?[ ]+{_ROMAN}"
)
"""A room, its building's name if any, three block numbers or more and the town in Latin letters, with no word
before them (Room 308, 2-4-17 Higashi-Ikebukuro): a home, written as a letter's envelope is."""
_LATIN_UNITS = lazy.compile(
    rf"(?:{_ROMAN},?[ ]+)?[0-9]{{1,2}}[- ]?(?i:chome),?[ ]+[0-9]{{1,4}}[- ]?(?i:banchi|ban)"
    r"(?:,?[ ]+[0-9]{1,4}(?:[- ]?(?i:go)(?![A-Za-z]))?)?"
)
"""A block's units in romaji, as a foreign resident spells 丁目, 番 and 号 (Minami-Nagasaki 2 chome 8 ban 14
go): an address wherever it is written."""
_CAPITALISED = lazy.compile("[A-Z][a-z]")

_ADDRESS_HEADER = frozenset(
    (
        *("住所", "現住所", "旧住所", "新住所", "前住所", "転居先", "転出先", "送付先", "居所"),
        *("番地", "町名番地", "町名・番地", "住所1", "住所2", "住所3"),
    )
)
"""A pasted table's header cell over a column of residents' addresses (not 所在地: a facility's), or over the
part of them a form's export splits off (都道府県,市区町村,番地,建物; 住所1,住所2)."""
_BLOCK_PARTS = frozenset(("番", "番地", "号"))
"""The header cells after 丁目 when a form's export splits a block over columns (町名,丁目,番地,号)."""
_HAS_DIGIT = lazy.compile(r"[0-9]")
_CELL_MAX = 60


def _table_cells(text: str) -> Iterator[tuple[int, int, str]]:
    """The cells of a pasted table's address column (`bot.privacy.table`) that hold a digit: addresses.

    A cell with a digit under the header is an address, however it is written (石神井台2-5-8), and so are a
    row's cells under 丁目 and the 番 and 号 after it (2,31,5).
    """
    for begin, end in column_cells(text, _ADDRESS_HEADER):
        if end - begin <= _CELL_MAX and _HAS_DIGIT.search(text, begin, end):
            yield begin, end, ADDRESS
    if "丁目" in text:
        for begin, end in grouped_cells(text, "丁目", _BLOCK_PARTS):
            yield begin, end, ADDRESS


def _sentence_about_writing(text: str, at: int, since: int) -> tuple[int, bool]:
    """Where the sentence holding ``at`` ends; whether it speaks of how a block is written (入力, 表記).

    ``since`` is 0 or where a sentence before ``at`` ends: its start is sought no further back.
    """
    start = max(text.rfind("。", since, at), text.rfind("\n", since, at), since - 1) + 1
    found = _SENTENCE_END.search(text, at)
    end = found.start() if found else len(text)
    return end, _HOW_TO_WRITE.search(text, start, end) is not None


def find_addresses(text: str) -> Iterator[tuple[int, int, str]]:
    """The spans ``(start, end, kind)`` of addresses in the folded ``text`` (they may overlap)."""
    yield from _table_cells(text)
    for match in _WITH_PLACE.finditer(text):
        yield match.start(), match.end(), ADDRESS
    for match in _AFTER_CUE.finditer(text):
        yield match.start(1), match.end(1), ADDRESS
    if "-" in text and _CAPITALISED.search(text):  # most messages hold no Latin address
        for match in _LATIN_AFTER_CUE.finditer(text):
            yield match.start(1), match.end(1), ADDRESS
    for match in _LOT_AFTER_PLACE.finditer(text):
        start = match.start(1) if match.group(1) else match.start()
        yield start, match.end(), ADDRESS
    sentence = (0, False)  # where the last sentence read ends, and whether it speaks of writing
    for match in _STRONG_ALONE.finditer(text):
        if _CHOME_ALONE.fullmatch(match.group()):
            continue
        if _BARE_BLOCK.fullmatch(match.group()):
            if match.start() >= sentence[0]:  # a sentence is read once, however many blocks it holds
                sentence = _sentence_about_writing(text, match.start(), sentence[0])
            if sentence[1]:
                continue
        yield match.start(), match.end(), ADDRESS
    for pattern in (
        _ROOM_ALONE,
        _BUILDING_FIRST,
        _JOINED_BY_NO,
        _KANA_CHOME,
        _KANA_TOWN_BLOCK,
        _LATIN,
        _LATIN_UNITS,
        _ROOM_FIRST,
        _LETTERED_LOT,
        _PO_BOX,
        _BLOCK_OF_FLATS,
        _SPACED,
    ):
        for match in pattern.finditer(text):
            yield match.start(), match.end(), ADDRESS
    about_living: dict[int, bool] = {}  # a line's start, and whether it speaks of where someone lives
    for match in _TOWN_THREE.finditer(text):
        line = text.rfind("\n", 0, match.start()) + 1
        if line not in about_living:
            end = text.find("\n", match.end())
            about_living[line] = (
                _WHERE_ONE_LIVES.search(text, line, len(text) if end < 0 else end) is not None
            )
        if "の" in match.group(1) or about_living[line] or _DASHED_ROOM.match(text, match.end(1)):
            yield match.start(), match.end(), ADDRESS
