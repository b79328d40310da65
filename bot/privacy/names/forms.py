"""Names in forms: their fields, quoted names, tables and lists of people, readings, files' names."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from bot.kana import to_hiragana, to_katakana
from bot.privacy import lazy
from bot.privacy.names.cues import (
    _AFTER_NAME,
    _CLOSING_PARENTHESIS,
    _EAST_ASIAN_SURNAMES,
    _FAMILY,
    _HIRAGANA_WORD,
    _HOME,
    _HONORIFICS,
    _KANJI_KATA,
    _KATAKANA_ONLY,
    _LATIN_RUN,
    _ONE_KANJI_LABELS,
    _PERSON_HONORIFIC,
    _PRESENCE,
    _ROLES,
    _SURNAMES_READ_AS_WORDS_BEFORE_SAN,
)
from bot.privacy.names.words import (
    _is_name,
    _known_as_common_noun,
    _morphemes,
    _named_in_kana,
    _part_of_speech_before_san,
    _read_before_san,
    _skip_title,
    _taken_as_surname,
)
from bot.sudachi import dictionary, tokenizer

_CSV_FULL_NAME = lazy.compile(
    r'(?:(?<=[,:\n])|^)"?([\u4e00-\u9fff々\u30a1-\u30faー]{1,5})"?[ \t]*,[ \t]*'
    r'"?([\u4e00-\u9fff々ぁ-ゖ\u30a1-\u30faー]{1,6})"?(?=[ \t]*(?:,|$))',
    re.MULTILINE,
)
"""Two cells of a CSV row, quoted or not, that may hold a surname and a given name apart ("中村","一郎")."""
_READING_ASKED = lazy.compile(
    r"(?:読み|読み方|よみ|ふりがな|よみがな|フリガナ)[はがも]?[ \t\u3000]*「([ぁ-ゖ\u30a1-\u30faー]{1,10})」"
)
"""A reading in quotes after 読み (読み方が「たかなし」): a name's when a name comes shortly before it."""
_QUOTED_BEFORE_HONORIFIC = lazy.compile(
    r"「([ぁ-ゖ\u30a1-\u30faー\u4e00-\u9fff々]{1,10}"
    r"(?:[ \u3000][ぁ-ゖ\u30a1-\u30faー\u4e00-\u9fff々]{1,10})?)」"
    r"(?=[ \t\u3000]*(?:さん|様|さま|くん|ちゃん))"
)
"""A name in quotes before an honorific (「わたぬき」さん, 「リン」さんと読みます, 「福島」さんという苗字), a
surname and a given name apart by one blank too (「大山 トミ」様)."""
_JSON_PERSON = lazy.compile(
    rf'"(?:{_ROLES}|(?i:(?:full|first|last|family|given)?_?name))"[ \t]*:[ \t]*"'
    rf'([{_KANJI_KATA}ぁ-ゖ]{{1,10}}(?:[ \u3000・][{_KANJI_KATA}ぁ-ゖ]{{1,10}}){{0,2}})"'
)
"""A JSON export's quoted value under a key that names a person ("staff": "宮内", "kana": "キリタニ ユウ")."""
_NAMED_BODY = lazy.compile(r"[課係室局部班所館]$")
"""How a section's or a facility's name ends ("staff": "市民課", "name": "区民会館")."""


def _json_people(text: str) -> list[tuple[int, int]]:
    """The values of a JSON export's keys for a person (`_JSON_PERSON`), whatever the dictionary reads.

    A value of words apart by a space or ・ counts unless every word is a common noun; one word counts when
    the dictionary holds it as a name (宮内, a common noun too) or reads a name in it (桐谷悠), or lacks it
    in kanji or hiragana. A section's or a facility's name stays ("name": "区民ホール", "kana":
    "クミンホール").
    """
    spans = []
    for match in _JSON_PERSON.finditer(text):
        value = match.group(1)
        if _NAMED_BODY.search(value):
            continue
        words = re.split("[ \u3000・]", value)
        if len(words) > 1:
            person = not all(_known_as_common_noun(word) for word in words)
        else:
            read = _morphemes(value)
            entries = dictionary().lookup(value)
            person = any(entry.part_of_speech()[2] == "人名" for entry in entries if entry.surface() == value)
            person = person or any(_is_name(word) for word in read)
            person = person or (not entries and not _KATAKANA_ONLY.fullmatch(value) and len(read) == 1)
        if person:
            spans.append(match.span(1))
    return spans


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
_FORM_FIELD = lazy.compile(
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
_SPACED_NAME_FIELD = lazy.compile(
    r"(?<![\u4e00-\u9fff])氏[ \t\u3000]+名(?:[ \t\u3000]*欄)?[ \t\u3000]*[:：]?[ \t\u3000]*"
    rf"(?!欄)([{_KANJI_KATA}](?:[ \t\u3000]*[{_KANJI_KATA}]){{0,11}})(?=[ \t\u3000]*(?:\n|$))"
)
"""A name field whose label a PDF or a form copies spaced (氏 名 ： 長 尾 　 彩, 氏 名　田 中　太 郎): the
rest of its line, kanji or katakana with spaces between."""
_BLANK = lazy.compile("(?:空欄|空白|未記入|無記入|記入なし|未定|不明|同上|省略)(?![\u4e00-\u9fff])")
"""What a form's field says when it holds no name (氏名欄：空欄のまま, 氏名：未記入)."""
_QUOTED_NAME = lazy.compile(
    r"(?:(?P<field>氏名|お名前|名前|フリガナ|ふりがな|署名|名義|名札|(?<![\u4e00-\u9fff\u30a1-\u30faーA-Za-z])名)"
    rf"|{_FAMILY}|(?:{_ROLES})名?)欄?"
    r"(?:[ \t\u3000]?(?:に|は|が|には|の|も))?[、,]?[ \t\u3000]*[「『](?P<name>[^「」『』\n]{1,24})[」』]"
)
"""A name in quotes after what it is: a name field (氏名欄に「山口 ゆかり」, 名前が「川村 澪」,
名前、「りく」, 子の名「蒼空」, a name tag's 名札には『上野』), a role or a family member
(作成者欄に「K.Ishida」, 保護者「秋山 由美」子「秋山 心愛」); the particle spaced too, as a sentence typed
word by word has it (名義 が 『コワルスキ アンナ』)."""
_QUOTED_AS_CALLED = lazy.compile(
    r"[「『](?P<name>[^「」『』\n]{1,24})[」』]"
    r"(?=(?:と(?:だけ|しか)?(?:名乗|呼ん)|って(?:人|方|名乗)|という(?:人|方|男性|女性)))"
)
"""A name in quotes before what says someone is called so (「にいだ」とだけ名乗られました, 「ひらた」って人,
「にしじょう」と呼んでしまった); not what a thing is called (「みどり」と呼ばれる地区,
「すずらん」という名前の団体)."""
_QUOTED_SELF_NAMED = lazy.compile(
    r"[「『](?P<name>[\u4e00-\u9fff々ぁ-ゖ\u30a1-\u30faー]{1,8}?)"
    r"(?:です|と申します|と言えば|と言います|の(?:妻|夫|娘|息子|母|父|家族|者|姉|兄|弟|妹|孫))"
    r"[^「」『』\n]{0,30}[」』](?=と(?:だけ)?(?:名乗|言|話|おっしゃ))"
)
"""What a caller or a visitor said their name was, quoted before what says they said so: the word opening
the quote before です or a relation (「スズキです」と名乗った, 「ヤマモトの妻です」と名乗りました,
「カトウと言えば分かる」と名乗った)."""
_NEXT_QUOTE = lazy.compile(r"(?:と|、|,|/)?[ \t\u3000]*「(?P<name>[^「」\n]{1,24})」")
"""Another name in quotes right after one (「ゆうま」「ゆうと」, 「SANTOS」と「サントス」)."""
_SPELLED_IN_KANA = lazy.compile(
    r"(?:カナ|カタカナ)(?:表記|登録|氏名|名)?欄?(?:は|が|:|：)[ \t\u3000]*「?"
    r"([\u30a1-\u30faー]{1,12}(?:[・ \t\u3000][\u30a1-\u30faー]{1,12})+)"
)
"""A foreign name in katakana parts after what says its kana spelling (カナ登録はレ・ティ・ホア,
カタカナ欄：シルバ ベアトリス)."""
_READING_FIELD = lazy.compile(
    r"(?:フリガナ|カナ)[ \t\u3000]+([\u30a1-\u30faー]{1,12}[ \t\u3000][\u30a1-\u30faー]{1,12})"
    r"(?![\u30a1-\u30faー])"
)
"""A name's reading in katakana, a surname and a given name, after a form's フリガナ and a space instead of a
colon, as a pasted form's columns put it (氏名　森山 彩　フリガナ　モリヤマ アヤ)."""
_NAME_COLUMN = lazy.compile(rf"(?:{_ROLES}|{_PERSON_NAMED})名?")
"""A table's header cell over a column of people: 氏名, 担当, 担当者, 申請者, 作成者名."""
_TABLE_CELL = lazy.compile(
    rf"[{_KANJI_KATA}ぁ-ゖ]{{1,10}}(?:[ \u3000][{_KANJI_KATA}ぁ-ゖ]{{1,10}})?"
    rf"|{_LATIN_RUN}|[A-Z]\.[ ]?[A-Za-z]{{2,15}}"
)
"""What a cell under such a header holds when it may be a name: no digits, no marks but a name's ・, one
space at most; or an initial and a surname (K.Ishida)."""
_PEOPLE_LIST_HEADER = lazy.compile(
    r"(?:(?:参加者|受講者|出席者|欠席者|対象者|申込者|来庁者|名簿|メンバー)(?:リスト|一覧|名簿)?"
    r"|(?:児童|園児|生徒|利用者)(?:リスト|一覧|名簿))(?:\([^()]{1,12}\))?[:：]?[ \t\u3000]*$"
)
"""A line that says the numbered lines under it are people (RPA研修の受講者一覧：, 説明会の参加者リスト,
待機児童リスト（上位3名）)."""
_NUMBERED_ITEM = lazy.compile(
    r"[ \t\u3000]*[0-9]{1,3}(?:[.)位]|(?=[ \t\u3000]))[ \t\u3000]*(\S(?:.*\S)?)[ \t\u3000]*"
)
"""A numbered or ranked line of a list (1. 大野 翔太, 2) Pham Van Duc, 1位 みお; ① folds to 1), what it
holds in its group."""
_HIRAGANA_CELL = lazy.compile(r"[ぁ-ゖー]{2,6}(?:[ \u3000][ぁ-ゖー]{2,6})?")
_NO_ONE = frozenset({"なし", "ない", "みてい", "ほか", "いない", "ありません"})
"""Words a list of people holds in hiragana for no one (なし, みてい)."""
_LONGEST_READING = 12
_READING_REACH = 30
"""How far before a quoted reading after 読み a name must end for the reading to be its."""
_KANA_READING = (
    rf"[ぁ-ゖー]{{1,{_LONGEST_READING}}}(?:[ \t\u3000][ぁ-ゖー]{{1,{_LONGEST_READING}}})?"
    rf"|[\u30a1-\u30faー・]{{1,{_LONGEST_READING}}}"
    rf"(?:[ \t\u3000][\u30a1-\u30faー]{{1,{_LONGEST_READING}}}){{0,2}}"
)
_READING_AFTER = lazy.compile(rf"[ \t\u3000]*\(({_KANA_READING})\)")
"""A reading in parentheses right after a name (folded: the parentheses are ASCII)."""
_READING_BEFORE = lazy.compile(rf"(?<![ぁ-ゖ\u30a1-\u30faー])({_KANA_READING})[ \t\u3000]*\($")
"""A reading right before a name in parentheses (ヤマダ タロウ（山田太郎）); searched up to the name."""
_GIVEN_NAME_ENDING_ITEM = lazy.compile(
    r"[ \u3000]([ぁ-ゖ]{2,4}|[\u30a1-\u30faー]{2,5}|[\u4e00-\u9fff々]{1,2})"
    r"(?=[ \t\u3000]*(?:[、,。()/|\n」』]|$))"
)
"""A given name after a surname and a space that ends an item of a list, a quote or a line (母 黒田 キミ、,
「申請者名 小野寺 進」)."""
_HOUSEHOLD = lazy.compile("(?:ご|御)?(?:一家|夫妻|夫婦)|家|宅")
"""A household after a surname and a space (大野 一家, 岡本 ご夫妻, 遠山 家): the family's, no given name."""
_FACILITY = lazy.compile(
    "倉庫|工場|会館|分室|別館|本館|商店|病院|医院|内科|外科|歯科|薬局|書店|ビル|ホール|センター"
)
"""A facility named after a surname, spaced (総務課 の 松本 倉庫, 石井 内科): the building's, not a given
name."""
_NAME_WITH_READING_BEFORE_HONORIFIC = lazy.compile(
    r"(?<![\u4e00-\u9fff々])([\u4e00-\u9fff々]{1,4})"
    r"\(([ぁ-ゖ\u30a1-\u30faー]{2,8}|[ぁ-ゖ\u30a1-\u30faー]{1,6}[ \u3000][ぁ-ゖ\u30a1-\u30faー]{1,6})\)"
    r"(?=[ \t\u3000]*(?:さん|様|さま|くん|君|ちゃん))"
)
"""A name of kanji with its reading in parentheses before an honorific (樹（いつき）くん), a full name's
with a space between its parts (菅原琥珀（すがわら こはく）さん, 張偉（チョウ イ）さん)."""
_KANJI_WITH_READING = lazy.compile(r"([\u4e00-\u9fff々]{2,4})\([ぁ-ゖ\u30a1-\u30faー]{2,12}\)")
"""Two kanji or more and a reading in parentheses, as one word of the dictionary's (桑原(くわばら); not
方(ベトナム), a person from a country)."""
_ASIDE_BEFORE_HONORIFIC = lazy.compile(
    rf"[ \t\u3000]*\(([^()]{{1,20}})\)(?=[ \t\u3000]*(?:{_PERSON_HONORIFIC}))"
)
"""A name's other writing in parentheses before its honorific: PAK Jihoon（朴 志勲）様."""
_LATIN_ASIDE = lazy.compile(r"[ \t\u3000]*\(([A-Z][A-Za-z'-]+(?:,?[ \u3000][A-Z][A-Za-z'-]+){1,3})\)")
"""A name's writing in Latin letters in parentheses, two words or more, each capitalised: (RAI BIKASH)."""
_FILE_NAME = lazy.compile(
    r"(?<![^\s「」『』()<>、,。:：/\\])[^\s「」『』()<>、,。:：/\\.]{1,80}\.[A-Za-z][A-Za-z0-9]{1,4}(?![A-Za-z0-9])"
)
"""A file's name and its extension (相談記録_山下_0612.xlsx), as a word of its own: where it begins, the
part before the dot of at most 80 characters, so that no run of text is read more than once."""
_FILE_NAME_PART = lazy.compile(
    r"(?<=[_\-])([\u4e00-\u9fff々]{2,4}?)(?:修正|確認済み?|確認|作成|加筆|追記|記入|チェック|コメント|校正)?(?=[_\-.])"
)
"""A part of a file's name in kanji between underscores or hyphens (_山下_, _木村.pdf), with what its
person did to the file after it (見積比較_岩崎修正.xlsx, 議事録_稲垣確認済.docx)."""


_WRITTEN = "\u4e00-\u9fff々ぁ-ゖ\u30a1-\u30faー"
_IN_BLANK = lazy.compile(
    rf"(?<!_)_+[ \t\u3000]*([{_WRITTEN}]{{1,6}}(?:[ \u3000][{_WRITTEN}]{{1,6}})?)[ \t\u3000]*_"
)
"""What a form's blank holds between its underscores (＿ 西田 ＿, ___ 川久保 恵 ___, _白鳥_), folded."""


def _names_in_blanks(text: str) -> list[tuple[int, int]]:
    """Names written on a form's blank line, between underscores, as a form's text copies it.

    A name filled in by hand sits between the blank's underscores (氏名欄は ＿ 西田 ＿, 記入者：＿＿ 大沼
    ＿＿): what is there is a name when its first word is a surname before さん; 続柄 _長男_ and ＿ 転入届 ＿
    stay.
    """
    return [
        match.span(1)
        for match in _IN_BLANK.finditer(text)
        if _read_before_san(match.group(1).split()[0]) == "人名"
    ]


def _names_in_file_names(text: str) -> list[tuple[int, int]]:
    """Surnames between the underscores of a file's name (面談記録_荒井_0705.xlsx, 受_佐々木_宛_木村.pdf).

    Staff name files after whom they are about or from, or who last worked on them (見積比較_岩崎修正.xlsx);
    a part of two to four kanji the dictionary reads as
    a name before さん is one (面談記録, 0705 and 出張 are not).
    """
    return [
        part.span(1)
        for name in _FILE_NAME.finditer(text)
        if "_" in name.group()
        for part in _FILE_NAME_PART.finditer(text, name.start(), name.end())
        if _read_before_san(part.group(1)) == "人名"
    ]


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


_QUOTED_WITH_READING = lazy.compile(r"[「『]([\u4e00-\u9fff々]{1,4})\(([ぁ-ゖ\u30a1-\u30faー]{2,8})\)[」』]")
"""Kanji and their reading in parentheses, quoted together (「煌翔（きらと）」), as a birth's register gives a
child's name."""


def _quoted_names_with_readings(text: str) -> list[tuple[int, int]]:
    """A name quoted with its reading in parentheses (「煌翔（きらと）」で受理, 子の名「結絆（ゆいな）」).

    The kanji count when the dictionary reads them as a name before さん, or as no one word of its own
    (煌 + 翔, 結 + 絆: names given today are written so) while the reading is no other word it knows:
    「申請書類（しんせいしょるい）」 and 「齟齬（そご）」 stay.
    """
    spans = []
    for match in _QUOTED_WITH_READING.finditer(text):
        kanji, reading = match.group(1), match.group(2)
        read = _read_before_san(kanji)
        other = {_read_before_san(spelling) for spelling in (reading, to_katakana(reading))} - {None, "人名"}
        if read == "人名" or (read is None and not other):
            spans += [match.span(1), match.span(2)]
    return spans


def _quoted_names(text: str) -> list[tuple[int, int]]:
    """Names in quotes after what they are, those quoted right after them, and those called so.

    After what they are is `_QUOTED_NAME`; before what says someone is called so, `_QUOTED_AS_CALLED`,
    or opening what they said of themselves, `_QUOTED_SELF_NAMED`.
    After a name field, whatever looks like a name counts (「煌」, 「ゆうま」); after a role or a family
    member, only what the dictionary reads as a name (`_names_someone`: 担当「未定」 and 子「あり」 stay).
    """
    spans = [
        match.span("name")
        for match in _QUOTED_AS_CALLED.finditer(text)
        if _TABLE_CELL.fullmatch(match.group("name")) and _names_someone(match.group("name"))
    ]
    spans += [
        match.span("name")
        for match in _QUOTED_SELF_NAMED.finditer(text)
        if _self_named(match.group("name"))  # 「そうです」, 「東京です」 stay
    ]
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


_KATAKANA = lazy.compile("[\u30a1-\u30faー]+")
_KATAKANA_NAME = lazy.compile("[\u30a1-\u30faー・ \u3000]+")


def _self_named(word: str) -> bool:
    """Whether a word a caller said they were reads as a name before さん, in katakana as in hiragana.

    The dictionary reads ハヤシ as a common noun there (hayashi rice) but はやし as a surname: 「ハヤシです」.
    """
    read = _read_before_san(word)
    return read == "人名" or (
        read == "一般"
        and _KATAKANA.fullmatch(word) is not None
        and _read_before_san(to_hiragana(word)) == "人名"
    )


_STAMPED = lazy.compile(
    r"[\u4e00-\u9fff]{0,4}[者員長]印[ \t\u3000]*[\[［【(（][ \t\u3000]*"
    r"([\u4e00-\u9fff々](?:[ \u3000]?[\u4e00-\u9fff々]){0,3})[ \t\u3000]*[\]］】)）]"
)
"""A stamp's box after whose stamp it is, holding the stamp's kanji (受付者印 [ 辻 ], 課長印（奥 田））."""


_STAMP_BOXES = lazy.compile(
    r"[\u4e00-\u9fff]{1,4}印[ \t\u3000]*[：:]?((?:[ \t\u3000]*[\[［【〔][^\]］】〕\n]{0,12}[\]］】〕]){2,})"
)
"""A stamp's label and a row of two boxes or more after it (確認印：[ 岡部 ][ 森 ][   ])."""
_BOX = lazy.compile(
    r"[\[［【〔][ \t\u3000]*([\u4e00-\u9fff々](?:[ \u3000]?[\u4e00-\u9fff々]){0,3})[ \t\u3000]*[\]］】〕]"
)
_STAMP_MARK = lazy.compile(
    r"(?<![\u4e00-\u9fff々])([\u4e00-\u9fff々]{2,4}?)[ \u3000]?[印㊞](?=[ \t\u3000、,/／・)）\]］\n]|$)"
)
"""A surname and the stamp's mark after it, as a stamp typed out (宮下㊞, which folding writes 宮下印;
今井印刷 goes on, and a word of one kanji is a seal's kind, 実印)."""


def _stamped(text: str) -> list[tuple[int, int]]:
    """The surnames in stamps' boxes after a role's 印 (`_STAMPED`), spaced as OCR reads them or not.

    A stamp bears a surname: the kanji closed up must read as one before さん (受付者印 [ 済 ] and
    担当者印（未） stay). So do the boxes in a row after any stamp's label (確認印：[ 岡部 ][ 森 ][ ]) and
    the kanji before ㊞ (今井㊞; 済㊞ stays).
    """
    spans = [match.span(1) for match in _STAMPED.finditer(text)]
    for row in _STAMP_BOXES.finditer(text):
        spans += [box.span(1) for box in _BOX.finditer(text, row.start(1), row.end(1))]
    spans += [match.span(1) for match in _STAMP_MARK.finditer(text)]
    return [
        (start, end)
        for start, end in spans
        if _taken_as_surname(re.sub(r"[ \u3000]", "", text[start:end]))
        and text[start:end] not in _ONE_KANJI_LABELS
    ]


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
    the first line that is not numbered. Sections listed there (1. 区民課) stay. Lines not numbered are
    listed too while each holds a full name, a surname and a given name apart by a space (見守り対象者一覧
    above 金沢 ヨシエ and 長田 テル), or a surname the dictionary reads as a name before さん.
    """
    spans: list[tuple[int, int]] = []
    listing = False
    at = 0
    for line in text.split("\n"):
        item = _NUMBERED_ITEM.fullmatch(line) if listing else None
        cell = line.strip(" \t\u3000")
        if item is not None:
            if _TABLE_CELL.fullmatch(item.group(1)) and _names_someone(item.group(1)):
                spans.append((at + item.start(1), at + item.end(1)))
        elif listing and _unnumbered_name(cell):
            start = at + line.index(cell)
            spans.append((start, start + len(cell)))
        else:
            listing = bool(_PEOPLE_LIST_HEADER.search(line))
        at += len(line) + 1
    return spans


def _unnumbered_name(cell: str) -> bool:
    """Whether a line under a people's header, not numbered, is a name (`_listed_people`)."""
    if not cell or not _TABLE_CELL.fullmatch(cell):
        return False
    full = len(cell.split()) == 2 and _names_someone(cell)
    return full or _read_before_san(cell.split()[0]) == "人名"


def _names_someone(cell: str) -> bool:
    """Whether a table's cell under a people's header, or a name's other writing, is a name.

    A name in Latin letters or in katakana parts (グエン・ヴァン・ナム), or one whose first word the
    dictionary reads as a name or a place before さん (佐々木, 田中 一郎, 岡山, 朴 志勲), or a surname it
    reads as a word (東, 西), or a name in hiragana (そうた, ゆいな); not 窓口, 未定, なし, DX推進課 or
    日系ブラジル.
    """
    first = cell.split()[0]
    if first.isascii() or "・" in first or first in _SURNAMES_READ_AS_WORDS_BEFORE_SAN:
        return True
    if _HIRAGANA_CELL.fullmatch(cell):  # children's names in kana, which the dictionary lacks most (そうた)
        return first not in _NO_ONE
    return _read_before_san(first) in ("人名", "地名")


def _csv_full_names(text: str) -> list[tuple[int, int]]:
    """A surname and a given name in two cells side by side of a CSV row (`_CSV_FULL_NAME`).

    Only when the dictionary reads the first as a surname and the second as a given name before さん:
    "中村","一郎" is masked; 東京,大阪 and 総務,経理 stay.
    """
    return [
        span
        for match in _CSV_FULL_NAME.finditer(text)
        if _named_in_kana(match.group(1), "姓") and _named_in_kana(match.group(2), "名")
        for span in (match.span(1), match.span(2))
    ]


_ROW_DELIMITER = lazy.compile(r"[,\t|]")
_KANJI_CELL = lazy.compile(r"[\u4e00-\u9fff々]{1,5}(?:[ \u3000][\u4e00-\u9fff々ぁ-ゖ\u30a1-\u30faー]{1,6})?")
_KANA_CELL = lazy.compile(
    r"[ぁ-ゖー]{2,8}(?:[ \u3000][ぁ-ゖー]{1,8})?|[\u30a1-\u30faー]{2,8}(?:[ \u3000][\u30a1-\u30faー]{1,8})?"
)
_NOT_PEOPLE_COLUMN = lazy.compile("施設|会場|場所|地名|地区|町名|所在地|店|会社|団体|名称|駅|路線")
"""A table's header cell over things, not people (施設,よみ): its rows' readings are no names'."""


def _readings_in_rows(text: str) -> list[tuple[int, int]]:
    """A surname with its reading in another cell of the same row of a CSV or a pasted table.

    An export lists a name and its reading side by side (岡 結衣,おか ゆい; "木島","きじま"; 1,ミヤノ
    ケン,宮野 健): both are masked when the kana spell how the dictionary reads the kanji's first word,
    read as a surname before さん (a log's label before a row's first cell, 行8: 大路,おおじ, is left out).
    A table whose header names things (施設, 会場) holds places' readings.
    """
    spans: list[tuple[int, int]] = []
    at = 0
    things: bool | None = None  # None before a table's first row
    for line in text.split("\n"):
        if not _ROW_DELIMITER.search(line):
            things = None
        elif not things:
            starts = [0] + [m.end() for m in _ROW_DELIMITER.finditer(line)]
            cells = []
            for start, cell in zip(starts, _ROW_DELIMITER.split(line), strict=True):
                value = cell.rpartition(":")[2].strip(' \u3000"')  # 行8: 大路 after a log's label
                cells.append((at + start + cell.find(value), value) if value else (at + start, ""))
            if things is None:
                things = any(_NOT_PEOPLE_COLUMN.search(value) for _, value in cells)
            kanji = [(start, value) for start, value in cells if _KANJI_CELL.fullmatch(value)]
            kana = [(start, value) for start, value in cells if _KANA_CELL.fullmatch(value)]
            for name_at, name in kanji:
                reading = _surname_reading(name.split()[0])
                for kana_at, spelt in kana:
                    if reading and to_katakana(spelt.split()[0]) == reading:
                        spans += [(name_at, name_at + len(name)), (kana_at, kana_at + len(spelt))]
        at += len(line) + 1
    return spans


_READING_HEADER = lazy.compile("よみ|読み|ふりがな|フリガナ|かな|カナ")
_PEOPLE_HEADER = lazy.compile("担当|者|員|長|氏名|名前|様")
"""In a header cell naming things, what makes it one over people still (地区担当, 店長, 団体代表者)."""


def _things_in_tables(text: str) -> list[tuple[int, int]]:
    """The cells of a table's columns over things, and of their readings, below its header.

    A CSV or a pasted table whose header names places or facilities (`_NOT_PEOPLE_COLUMN`: 施設, 会場)
    lists no one in that column, nor in one headed よみ beside it (岡 公民館,おか こうみんかん; | 東山 |
    ひがしやま |); a column headed 担当 in the same table keeps its names, and so does one over people of a
    place (地区担当, 店長).
    """
    cells: list[tuple[int, int]] = []
    at = 0
    columns: set[int] | None = None  # None before a table's first row
    for line in text.split("\n"):
        if not _ROW_DELIMITER.search(line):
            columns = None
        else:
            starts = [0] + [m.end() for m in _ROW_DELIMITER.finditer(line)]
            row = list(zip(starts, _ROW_DELIMITER.split(line), strict=True))
            if columns is None:
                things = {
                    n
                    for n, (_, cell) in enumerate(row)
                    if _NOT_PEOPLE_COLUMN.search(cell) and not _PEOPLE_HEADER.search(cell)
                }
                readings = {n for n, (_, cell) in enumerate(row) if _READING_HEADER.fullmatch(cell.strip())}
                columns = things | readings if things else set()
            else:
                cells += [
                    (at + start, at + start + len(cell))
                    for n, (start, cell) in enumerate(row)
                    if n in columns
                ]
        at += len(line) + 1
    return cells


def _surname_reading(word: str) -> str | None:
    """How the dictionary reads ``word`` in katakana as one name before さん; None if it is no name there."""
    from sudachipy import SplitMode

    first = tokenizer().tokenize(f"{word}さん", SplitMode.C)[0]
    named = first.surface() == word and not first.is_oov() and first.part_of_speech()[2] == "人名"
    return str(first.reading_form()) if named else None


def _given_names_after(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Given names after a surname found and a space, where a list's item or a line ends.

    母 黒田 キミ、子 黒田 蓮, 宇野 誠、宇野 さくら（親子で参加）, 推薦者：秋田 和子、岩手 清: one word of
    kana or one or two kanji that the dictionary reads as a noun (キミ, さくら and 清 are words to it) or,
    unless in hiragana (鈴木 がいる、), does not know; not an honorific or a title (田中 様、, 佐藤 課長), nor
    where someone is (高木 外出) or lives (a guest book's 大江 宏　区外), nor their household (大野 一家、,
    遠山 家（）), nor a facility named after them (総務課 の 松本 倉庫), nor a noun that may stand as an
    adverb, as who else does a task does (担当 たなか ほか, 宇野 以上), nor one of what is done, as a log
    writes it after who did it (持出 鬼塚 返却 11:40).
    """
    given = []
    for _, end in found:
        match = _GIVEN_NAME_ENDING_ITEM.match(text, end)
        if not match or _AFTER_NAME.match(match.group(1)) or re.fullmatch(_PRESENCE, match.group(1)):
            continue
        if any(words.fullmatch(match.group(1)) for words in (_HOUSEHOLD, _FACILITY)) or re.fullmatch(
            _HOME, match.group(1)
        ):
            continue
        word = match.group(1)
        part_of_speech = _part_of_speech_before_san(word)
        unknown = part_of_speech is None and not _HIRAGANA_WORD.fullmatch(word)  # not が + いる
        # ほか, 以上, 全員 may stand as adverbs; 返却, 確認, 対応 are what was done (鬼塚 返却 11:40)
        done = part_of_speech is not None and part_of_speech[2] in ("副詞可能", "サ変可能")
        if unknown or (part_of_speech is not None and part_of_speech[0] in ("名詞", "代名詞") and not done):
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


def _readings_read_with_names(morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """A surname and its reading that the dictionary reads as one common noun (桑原(くわばら)).

    The kanji before the parenthesis count when it reads them as a name before さん alone.
    """
    for morpheme in morphemes:
        reading = _KANJI_WITH_READING.fullmatch(morpheme.surface())
        noun = reading is not None and morpheme.part_of_speech()[1] == "普通名詞"
        if noun and reading and _read_before_san(reading.group(1)) == "人名":
            yield morpheme.begin(), morpheme.end()


def _readings(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The readings beside names found, and their other writing before an honorific or after it.

    山田太郎（やまだたろう）, 佐藤さん（さとう）, やまだ（山田）; PAK Jihoon（朴 志勲）様; ライ・ビカスさん
    （RAI BIKASH）, in Latin letters of two words or more (田中さん（PM）, 田中さん（Teams）stay). An
    honorific before a name in parentheses is no reading of it (小倉 さん（ogura）), nor katakana of one in
    katakana (グルン・ビカス（ネパール）: a country).
    """
    readings = []
    titles: dict[int, int] = {}
    for start, end in found:
        titled = _skip_title(text, end, titles)
        after = _READING_AFTER.match(text, titled) or _LATIN_ASIDE.match(text, titled)
        if after and not (_KATAKANA_NAME.fullmatch(text, start, end) and _KATAKANA.fullmatch(after.group(1))):
            readings.append(after.span(1))
        aside = _ASIDE_BEFORE_HONORIFIC.match(text, end)
        if aside and _TABLE_CELL.fullmatch(aside.group(1)) and _names_someone(aside.group(1)):
            readings.append(aside.span(1))
        before = _READING_BEFORE.search(text, max(0, start - 2 * _LONGEST_READING), start)
        if before and before.group(1) not in _HONORIFICS and _CLOSING_PARENTHESIS.match(text, end):
            readings.append(before.span(1))
    return readings
