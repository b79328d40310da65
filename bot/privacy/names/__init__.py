"""Personal names: the surnames and given names Sudachi's dictionary knows, where the text shows a person.

Sudachi tags the names in its dictionary (名詞・固有名詞・人名・姓／名). A name
word on its own may be a place or an ordinary word (長野, 大和, 小川), so a run
of name words (spaces between them allowed) is masked only when the text
shows that it names a person:

- it holds a surname and a given name (山田太郎, 高橋 一郎, ヤマダ タロウ);
- an honorific or a title follows it (山田さん, 佐藤様, 渡辺氏, 井上係長, 阿部保健師, グエンさん; and
  松本様, 清水課長, 岡田先輩, whose surnames the dictionary reads as places, or 山崎くん after は,
  which it reads as some other proper noun there but as a surname before さん; or 佐藤保健師, which
  it splits as 佐 + 藤保 + 健師; a licensed profession's, 山際 税理士);
- a cue before it says a name follows (氏名：, 名前は, 申請者は, 世帯主の, 要介護者, ケース：, CW, 担当：,
  a note in parentheses before the colon, 受付者（午前）：, 文責：, 受付：, 同行, 回覧：, CC:, a stamp's
  column （審査）, 以上、 at the end of a memo; in minutes
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
  their home (佐藤家, 田中邸, 鈴木方, アンダーソン 家 ending a line), a signature (田中拝, （田中）), or their
  place at work or in a family before it (課長の佐藤, 同僚の鈴木, 税務課の山田, 息子の太郎, 母親の佐藤, 妻
  花子; the の spaced too, 保健師 の 日置; a police or fire rank, 警部補 東);
- the dictionary reads it as a surname there and a particle, です, 担当, a mark or a line's end follows,
  spaces between allowed (伊藤が書いた, 中村しか分からない, 今井、さっきの, 全部 前田 の端末, 竹内→財政課,
  中島じゃない？, 吉岡担当。, 小田次第, 中田みたい, 北野作成.pptx, 訪問：新谷 13:00-15:00; one kanji only as a
  word of its own, 辻も同じ意見), or as a name in hiragana (ひろみが対応済み), or it is called first in a line
  (翔太、) or after a question (元気か？ 大樹、); it introduces itself after a greeting or first in a line
  or a quote (お疲れ様です、林です; 泉です。; in hiragana, a surname
  the dictionary reads as one before さん, おはようございます、あさのです), or speaks first in a line of
  minutes or a chat log (林：了解,
  森「…」); or it reads a place or a company there that it reads as a name before さん alone, after a form's
  cue or a section (参加者：栗原, 世帯主：本田, 総務課の松本です, 保育園の園長、瀬戸です), or alone on a
  message's last line after a sentence
  (…お願いいたします。 and 三好 on the next line); a title comes before it (保健師 佐々木), or it stands alone
  in parentheses or quotes (（田中）, 「田中」) or at the end after a sentence (内容確認済み。久保), or it
  hands over to another (小田→津田);
- it is listed with a name found (鈴木・佐藤さん, 田中と高橋さん, 佐藤さん、鈴木の両名, 田中/佐藤で対応,
  高橋か中村に聞いて, 山田→佐藤, 沖 と 宮城; in a schedule past the time before each, 11:30-12:30 沼田／
  12:30-13:30 田辺; with the given name after a surname so listed, 小池 秀樹 ・ 南部 あゆみ ・ 岡崎),
  and the dictionary reads it as a name there or before さん alone; or two words it reads as names there are
  listed with ・ (井上・木下で対応), or paired with × or vs (森田×岡崎, 堤 vs 大石) or swapped with ⇔
  (松原 ⇔ 小坂); or work is handed
  over from it to a name found or back (岸から堀へ, 東から西に引き継ぎ); or it is the value of a list's
  item written like one whose value is a name found and reads as a name alone (受付1 平井 陽 above 受付2
  島田 千尋, ・電話：大川 under ・窓口：千田, 床：村井 beside 書庫：岩瀬 on one line, 102：三輪・木島 under
  101：石原・寺田; 未定 stays; labels may stack before it, B地区 保健師 ながお; a sentence's end ends an
  item, 福祉 ハーン。), or a value in slots whose labels differ in their digits alone or are letters
  alone or glued to them as circled numbers fold (①川口 トメ ②よねだ), two of them read as names (1番
  浜口　2番 林田, a loanword read as a name before さん beside one, 2番 ベイカー、5番 田島, 1位 岡部 21,304歩,
  A 平岡 B 清水), listed in parentheses after a count of people (3名（小柳、住吉、ロペス）) or
  before one (春日 と 立川 の3人, 鈴木、米田、以上2名), or joined to the writer by と (私と 片桐 で);
  or it is an item of a list after what says its items are people, each of them reading as a name
  (参加者：かなざわ、まるた、Lopez、まえだ, まだの人：ときわ、笠井, or after a space, joined by ・, 団員
  えのき・栗原・Peter; 対象者：高齢者、障害者 stays), or who a task is handed to with an arrow beside one
  found (・通報 → 佐渡 under ・消火 → 湯浅・江川; 資料 修正 → 課長 確認 → 印刷 stays), or the
  name of a guest book's row, a name and where the guest lives, beside one found (中井　東京都 above
  大江 宏　神奈川県);
  or it is in hiragana and listed with a name found in hiragana (みやけ と えのもと), or counted in a
  tally whose words read alone as names twice or more (岸 18件、さとみ 28h; 中野 12件、杉並 8件
  stays), or one of the
  words of kana numbered in a line, two of them read as names (①こはる ②しゅん).

A name's reading in parentheses beside it is masked too (山田太郎（やまだ たろう）, やまだ
たろう（山田太郎）), and one in quotes before an honorific or after 読み right after a name (「わたぬき」さん,
「福島」さん, 小鳥遊さん、読み方が「たかなし」), or before what says someone is called so
(「ふじさわ」と名乗る, 「ひらた」って人). So is a given name after a name found and a space where a
list's item ends (母 黒田 キミ、), a full name of kanji with its reading in two parts before an honorific
(菅原琥珀（すがわら こはく）さん), a given name in kana before an honorific after a relation
(祖母のみよこさん) or before ちゃん (みーちゃん), a name before who they are in a family in parentheses
(結衣（長女・高2）) or in parentheses after them or after who they are in a case (母（さおり）,
本人（かおり））, or between them and an honorific (母 ウメ さん, two or three katakana whatever the
dictionary reads them as), or after a family member before an age or a
particle (姉の結愛（6歳）, 父の勝が) or, a child's, before くん or ちゃん (息子さんの陽斗くん), a foreign name
in katakana parts before one (ワン・ウェイさん) or after カナ登録は, a cue or who someone is
(カナ登録はレ・ティ・ホア, 相談者：ホアン・ヴァン・ミン, 通訳 ファム・ティ・ラン), a katakana word after a
country and の before one (ネパールのグルンさん, ネパール 出身 の グルン さん), a surname in katakana before
さん or 様 that the dictionary lacks or reads as a word but as a name in hiragana (ソノダさん, ハヤシさん;
ヘルパーさん stays), a name quoted
after a name field, a role or a family member (氏名欄に「山口 ゆかり」, 名前が「川村 澪」, 保護者「秋山
由美」), the cells of a table pasted as text under a header that says they hold people (氏名, 担当, 申請者) or
the numbered or ranked lines under a line that says they are people (受講者一覧： above 1. 小鳥遊 ひな,
待機児童リスト above 1位 みお) or those not numbered that hold a full name (見守り対象者一覧 above 長田 テル),
a child's name in kana after their class (2年1組 はやと) or before ママ or パパ (あやかママ), a name before an
age after a family member or a child's label (子 ゆづき（2）, 児童：りく（5）, 対象児 いちか（4））, a
surname and a given name in two cells of a CSV row ("中村","一郎"), accounts written as an initial and a
surname in a mention, after a cue or before an honorific (@m.hayashi, CC: t.yamada, a.kondo さん), and a
surname in lower-case romaji before one (takeuchi さん) or mentioned (@kato), or anywhere when it spells
the reading of a name of kanji found or of a part of one (作成者が「ogura」… 小倉 さん, ID kaneko.h 兼子
晴香), the owner of an e-mail address in parentheses after it (sakura.t@example.lg.jp（寺内 さくら））, and a
surname with a given name of two or three katakana the dictionary reads as some proper noun (三上 トヨ).

A given name the dictionary does not know goes with the surname before an honorific, an age or a school year
(山田蒼空さん, 本田 正（68）). After a form-like cue with a colon (氏名：, 名前:, 児童名：, 園児名：),
whatever kanji or katakana follow are masked, known or not (and the rest of the line after a label spaced
as a PDF copies it, 氏 名 ： 長 尾 　 彩); so is a reading in katakana after フリガナ and a
space (フリガナ　モリヤマ アヤ).

Names in Latin letters (foreign residents' above all: Nguyen Van An様, Kim Min-jun さん, MARIA SANTOS) are
capitalised words, up to four, after a Japanese title or a family member (理事長 Sarah Miller, 妻 Smith
Naoko) or who someone is in an English
sentence (my mother, Lin Mei), before an honorific or a title (joined by a hyphen too: Sato-san, without a
reply's Thanks before it), after a cue or a title (Mr. Patel said), in a form's field (Name: Zhang Wei), on
the line after an English mail's closing (Yuki Mori under Kind regards,; not City Office) or after one and a
comma ending a chat's line (…the file? Thanks, Michael), or two or more
alone in quotes or in square brackets opening a chat's line with no English word among them (「TRAN THI
HOA」, [Smith John] I'll check; not 「Forms Pro」 or [Action Required]); once a word of one is found, the
capitalised words beside it go with it (Lucas Moreau、百瀬 颯太), not across a comma nor a word the
dictionary knows (Thanks, Michael); a salutation before
them (Dear Nguyen様, Mr Smith様) is not part of the name. The dictionary's tags are no help there (it reads
the same unknown word as a name before さん and as a common noun before 様), so it is asked one thing only:
whether the first word is a word it knows that is not a name (Microsoftさん, Googleさん, Excel様式 stay),
unless it is a surname in capitals before a given name it lacks (ITO Kenji) or the last word is one it reads
as a name (Tom Wilson さん). A Japanese name in romaji is
a surname and a given name, in either order, that read as Hepburn romaji and that the dictionary reads as such
in kana (メモ：Tanaka Yui, Shinya Kondo; not Ueno Park); a name's writing in Latin letters across a slash
from a name found is one too (Agus Setiawan / アグス・スティアワン 様). An unknown word counts as a
name: a product the dictionary lacks (Salesforceさん) is masked too. An acronym (NTTさん) and a word with a
capital inside (ChatGPTさん, PowerPoint) are products or companies, not people.

A surname the dictionary reads as a word even before さん but as a surname before a given name (大関, 大空,
仲間: a sumo rank, the sky, friends) is one after whose someone is and before an honorific (守衛 の 大関
さん), or before a given name in kana after who they are or a name listed (相談員 の 仲間 ひなた, と 大野木
ミサ); 大家さん, a landlord, and 仲間 たち stay. In a sentence typed word by word the cues after a name may
be spaced (マリア が 来られない, ホセ に お願い), and so may the particle after a name field before a quote
(名義 が 『コワルスキ アンナ』); a surname in hiragana the dictionary lacks or reads as no one noun, spaced
after a role before a particle or ending an item, is one when it ends as surnames do (担当 ながい で, 新人
の ふるかわ); and a word of kana before a spaced 様 is a name where others are named so (中原 様、にしかわ
様). 名乗り： is a cue (名乗り：高畑), and an association's, a hall's or a trade's title says a person (杉原
会長, 森島 カメラマン). No name is read in a document number's office code before 第, a number and 号 (起案
豊福第 3318 号).

A list's words each with a note in parentheses, after a colon, a household's word before the note or
not, are people beside one found (大滝（出張）、ホアン（夜勤 明け）、吉村（年休）; 森田 家（独居）、つるた
家（夫婦）), and a household's word and a note are what follows a slot's or an item's value (① 大河内 家
② 三井 家; 1 田辺 世帯（小1） above 2 ふるや 世帯（中2））; a spaced particle between an item's label and its
person is the items' shape, the list's last item carrying the sentence on (8時 から 小野田、10時 から
ラーマン; 係長 へ 千葉、課長 へ 長野 から 報告); and the one item of a chain of three arrowed items or more
that is not a name found, all the others being, is a person (今井 → 矢部 → ナイト). No name is read in two
one-kanji words compared by と before の and no person's thing (森 と 林 の 違い; 森 と 林 の 意見 is
masked), in a word read as a surname listed by と or や after a place before a particle of where (平和台 と
早宮 に), or in a run that opens with a count's unit after a number (1 日平均).

Characters standing alone between single blanks, as OCR or a PDF's copy leaves a form's text (申 請 者 氏 名
： 田 中 太 郎, 『渡 辺』), are read again closed up, and what that reading finds replaces what the spaced one
found there (`spaced`); a sentence typed word by word gives no such run. A surname after a title or a role
in 【】 is who speaks in minutes (【委員長 安達】). Given names in kana or Latin letters opening a list's
items before an age or a school year are children's (はると（1年）、あかり（1歳 妹 同伴）, Emma（7歳））, one
alone when the dictionary reads it as a name or lacks it (えま（生後 20日）; クラス（1年） stays), and a
capitalised word beside English words in lower case that reads as a surname in romaji is one (Sato from the
IT section, ask Kimura if; not in Chiba, nor Honda or Ueno). No name is read in one kanji typed after
the word it completes into a common noun (補助 金, 視察 団 が 来庁, 市民 税; 係長 林 stays a name) or naming
a spot of a place (3 階 角 の 部屋, 番地 の 角 の 家, 森 の 中).

A role typed apart from its 者 or 員 is a role still (調査 員 もりた が, 相談 員 かわの さん), and so is who
someone is at work (臨時 の ほんま, 嘱託 の); a katakana word the dictionary reads alone as a filler is a
name after a role (通訳 の ウー さん), and so are two or three capitalised words after a section that open
with no word it knows and go on with no common noun (区民課 Oliveira Ana; 総務課 Microsoft Teams stays). A
surname of one kanji typed apart before a household's 家 is one (岡 家 の 3名, 谷 家（独居）) unless the
two together are a common noun (実 家, 農 家, 本 家); a surname read as a place after a bureau is one
(事務局 の 奈良 から); 運転手 is a title (飯塚 運転手); a full name in quotes before an honorific is one
(「大山 トミ」様), and so is a word of kana right after a field's colon before a spaced 様 (連絡：もりや
様); a list after 参加, 出席 or 欠席 and a space holds people (参加 古川 静子、みやけ、Anderson). No name is
read in a shop's old name of three kanji or more ending in 屋 (白木屋 の 跡地; 土屋 stays a surname), in a
plant's word before its part (エリカ の 花), or in a counter's unit after a bare number however alike the
slots (450 円、750 円; 312 通).

Between a role with の or without it and さん (after a section with の only), a katakana word the dictionary
reads as a common noun is a name (システム担当 の ラジャ さん, 担当 ラジャ さん) unless it is a word for who
does a job (担当 の スタッフ さん); a spaced particle before a list item's name is the sentence's, not the
name's (臨時 の ほんま さん、嘱託 の やまだ さん keep their の), and so is a の typed against a kana surname
after a space (臨時 のほんま さん; のぐち, whole a surname, stays whole); and two words listed with ・ are no
pair of names when the second runs on into a noun that is no title (マル子・マル親, subsidies' nicknames;
井上・木下課長 stays two names). A surname and one or two kanji the dictionary reads as a noun, typed
apart after a line-up's role and ending an item, are a full name (補欠 河合 蒼、); a one-kanji given name cut
before a suffix kanji takes it (竹内 悠 + 人); who speaks opens a chat's line after its time
([10:01] 東:) or follows another's quote in minutes (岩崎「…」小林「…」); the words of a line of three
attendance marks or more are people when two read alone as names, and more than as places, or one after
出欠, 出席 or 参加 (出欠 ○ 太田 ○ ひがし × 熊本); To: in a mail's header is a cue, and a mention's @ after a
blank opens a Latin name (@Garcia さん). A surname of two kanji ending in 屋, nothing before it saying a
person, is a shop's before の and a thing no one has as theirs, or listed beside a shop's name (虎屋 の 羊羹,
虎屋 か 文明堂; 土屋 の 件, 土屋 の 資料 stay masked).

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

Not recognised: names in hiragana with nothing after them that says a person (きのうやまもとが) other than in
a form's field (ふりがな：やまだ たろう), beside a name in parentheses, as a surname and a given name apart by
a space (ひらかわ たかゆき, or やまぐち そうた, whose given name the dictionary knows in no spelling) or as
a surname ending an item after a cue or a role that the dictionary knows in no spelling (連絡係 ゆかわ;
between a role and an honorific apart by spaces it is masked, 担当 やなぎ さん), or that the
dictionary reads together with the hiragana around them (窓口ではやし様, やまもとちゃんと); a hiragana given
name it reads as part of a verb (たろうからでんわ: 〜たろう + から); a surname the dictionary joins to the
word before it (福祉課田中です: 福祉 + 課田 + 中) or before a title it does not know (田中GM; 田中CW, 大橋PM
are masked); a surname it reads as a place or a word before a particle with nothing after it that says a
person (西が担当, 北から返事ない), or as a place before what is theirs (松本の件), which read like any other
word (but what only a person has is masked: 松本の机, 中野のハンコ, 堀江宅); a word read as a name before what
a place or a group has (上原の交差点, あゆみの会) is not masked; a given name in hiragana it lacks before さん
or 様 with nothing before it that says a person (ゆうとさん; ゆうとくん, ゆうとちゃん, まこと先輩 and
祖母のみよこさん are masked); nicknames it reads otherwise (なべさーん; 江藤さーん, まっちゃん, のぐちゃん,
まっつん, なおぴー, よっしーが, まっすーに are masked). A name it reads as one right before a verb is masked
(村上いた, えりか怒ってた), and so are the surnames after weekdays in a rota, in a line (当番 月 岸 火 泉, 月
井手／金 奥村: 金 stays Friday) or down the page (月 上村 / 火 下田) or down a schedule of days or times that
holds names (5日 小笠原 above 6日 大野木), who does an item of a bulleted list (・筒井：チラシの校正), those
on a presence board with where they are (原 在席　高木 外出), and those of two to four kanji between the
underscores of a file's name (面談記録_荒井_0705.xlsx). Not recognised either: surnames listed with places or
things and nothing that says people (（中央、東、北浜、南丘）, 東口、西口、 北浜駅:
参加者は課長、松浦、岸本です and 当番：北、南、東 are masked), or two or more listed before a public facility
(北浜、南丘の図書館, 東町と西町の集会所; 蓮と陽葵の保育園, given names before a nursery, are masked), or the
end of a place's name (緑ヶ原, みなと台西); and, in a line of hiragana alone (typed without kanji conversion),
a name the dictionary cuts out of a longer run of hiragana (しゅう + が + くつうち, じりつしえんい + りょう).
No name is read in an era's first year (平成元年度), a one-kanji word ending a compound
typed word by word (面談 室 は, 消防 団 の), a place before what it has after a spaced の (中野 の 出張所), a
facility or a household after a surname (松本 倉庫, 遠山 家), or katakana words each a common noun in a
numbered slot (2 フラ ダンス).
Text without kana or kanji is only tokenised for a Latin word before an honorific, so log lines cost nothing.

A surname in one cell of a CSV's or a table's row and its reading in another, the kana spelling how the
dictionary reads the kanji (岡 結衣,おか ゆい; "木島","きじま"), are both names, unless the table's header
names things (施設,よみ); a name on a form's blank between underscores (＿ 西田 ＿, _白鳥_; _長男_ stays) is
one; so are the items of a list joined by ・ in two scripts or more when each reads as a name's (事務
竹田・うちだ・Brown), attendees parted by semicolons after a cue (参加：茅野; 稲葉), a surname after 旧姓 and
a spaced の, and a surname opening a caller's quote before です or a relation and と名乗った or と言われた
(「スズキです」と名乗った). A run spaced by OCR takes one kanji after a wider blank as its given name
(小 野 寺 　 進). A word ending in 家 that the dictionary reads with ヤ is a shop (吉野家), and the
words listed after what says they are firms (入札参加：鹿島、大成、清水、竹中, JV構成員) name no one.

A key before = or an English label before a colon is a cue (担当者=大滝, assignee=城田, owner: 梅原,
created_by=いのうえ), and so is 入力 before a colon (〔入力：みやざき〕); who takes a shift in a line of
shifts joined by 〜 is a person (午前 熊田〜午後 ほりぐち, 9時 溝口〜12時 葛西); a stamp's box after whose
stamp it is holds a surname (受付者印 [ 奥 田 ]); an assembly member's short title and a neighbourhood
association's head are titles (石井 県議, 西田 町会長); a name in katakana parts before a country in
parentheses, and a line of katakana words beside a line naming a country, are a foreign resident's
(グルン・ビカス（ネパール）); a katakana surname the dictionary reads as a word opens a caller's quote as a
name when it reads as one in hiragana (「ハヤシです」とだけ言って); a hiragana surname the dictionary lacks
goes with a hiragana given name beside it (もりもと はると), and a hiragana name of three kana or more
found once is found again (まつした、まつした あきら). Without names: the cells of a table's column over
facilities and of its readings (施設,よみ above 岡 公民館,おか こうみんかん), a run of kanji ending in a trade
name's 樓, 亭 or 庵 (榮太樓), an office word tagged as a name (母の国保) and a comparing 方 after kin
(妻の方が).

A word in <> after a chat log's time speaks (17:02 <大久保> 退庁します); the boxes in a row after a stamp's
label and two kanji or more before ㊞ are surnames (確認印：[ 岡部 ][ 森 ], 今井㊞); どん is an honorific
(坂口どん); one word in capitals after a cue that reads in romaji as a surname is no acronym (担当 KATO);
user: is a cue; a field's value in hiragana the dictionary cuts is masked whole (created_by=おおにし); and a
surname a line break cuts is joined again (担当：小⏎林　直美). Without names: a 屋 surname glued to a given
name before its goods (鶴屋吉信の干菓子), a shop's ending read apart (叶匠壽 + 庵), a line addressed 御中,
and ほか after a name.

Lines of minutes opened by speakers in parentheses ((早瀬)資料1の…, two such lines or more) and a member
after ○ before 委員 (○道下委員) are people; so are a one-kanji given name before が and a body's trouble
(翔が熱出した), children in hiragana after their class and の (ぞう組の そら と いろは が), foreign names in
katakana parts listed with one found, a Latin name under a closing and a signature's rule, who hands notes
over or takes them (申送り者 竹本 / 受け 磯部), kanji with their reading before an honorific and a caller's
word before って者. Without names: firms' names in katakana as banks write them (ｼﾐｽﾞ ｹﾝｾﾂ 様, ｶ)ﾀｶﾅｶ
ｺｳﾑﾃﾝ) unless a person found shares a word with them, and numbers read aloud joined by の (いちのにのさん).

A variant 邊 or 邉 alone before さん reads as 辺 does; a rota's surname may carry its reading in parentheses
(火 茅野（ちの）); a child after their class and の may be a hiragana word the dictionary lacks though its
katakana is a noun (ぱんだ組の はると が); a chat export's sender is the line over the time alone or an
account before two spaces and the time (Daiki Okubo⏎10:15, yuta.mori  09:01); a JSON export's quoted key is
a cue ("staff": "相沢"); and once one of a header row's cells holds a name in parentheses, the others' kanji
there are people too (審査（安西）). Without names: a katakana word against a trade's word (ヤマト運輸), a
shop of three kanji or more ending in 堂 (村上開新堂), a 屋 shop before a gift's word (鶴屋吉信
お歳暮の件), and a name quoted after what it names or a newsletter's quoted title (区の花「かえで」,
「区報かえで」).

`find_names` here runs the detectors of the package's modules: `runs` (the dictionary's name words),
`read_otherwise` and `kanji` (surnames it reads as words or splits), `kana`, `latin`, `kin`, `lists`,
`forms` and `layout` (rotas, minutes, presence boards), on what `cues` and `words` share.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from bot.privacy import lazy
from bot.privacy.names.cues import _KANJI_KATA
from bot.privacy.names.forms import (
    _BLANK,
    _FORM_FIELD,
    _READING_FIELD,
    _SPACED_NAME_FIELD,
    _SPELLED_IN_KANA,
    _csv_full_names,
    _given_names_after,
    _json_people,
    _listed_people,
    _names_in_blanks,
    _names_in_file_names,
    _names_with_readings,
    _quoted_names,
    _quoted_names_with_readings,
    _quoted_readings,
    _readings,
    _readings_in_rows,
    _readings_read_with_names,
    _stamped,
    _table_names,
    _things_in_tables,
)
from bot.privacy.names.kana import (
    _called_in_kana,
    _children_of_a_class,
    _foreign_names_by_country,
    _foreign_names_listed,
    _full_names_in_hiragana,
    _hiragana_given_names,
    _hiragana_listed_with,
    _hiragana_openings,
    _hiragana_surnames_after_cues,
    _hiragana_surnames_before,
    _kana_before_honorifics,
    _kana_before_spaced_honorifics,
    _katakana_after_cues,
    _katakana_given_names,
    _katakana_parts_around,
    _names_split_in_hiragana,
    _nicknames,
    _numbered_kana,
    _parents_called_by_child,
    _pupils_in_kana,
)
from bot.privacy.names.kanji import (
    _EAST_ASIAN_NAME,
    _full_names_read_otherwise,
    _named_with_readings_or_by_themselves,
    _names_after_sections,
    _one_kanji_full_names,
    _one_kanji_households,
    _one_kanji_surnames,
    _signed_with_one_kanji,
    _split_before_titles,
    _surnames_read_as_words,
    _unwell_given_names,
)
from bot.privacy.names.kin import (
    _BEFORE_KIN_IN_PARENTHESES,
    _children_before_ages,
    _children_named,
    _families,
    _family_members,
    _given_names_after_family,
    _kin_in_parentheses,
    _kin_named,
    _named_before_honorifics,
)
from bot.privacy.names.latin import (
    _BODIES,
    _LATIN_SIGNED,
    _handles,
    _latin_names,
    _latin_writings,
    _mentions_and_initials,
    _romaji_names,
    _romaji_of_names,
    _romaji_surnames_in_english,
    _romaji_surnames_in_lower_case,
    _whole_latin_names,
)
from bot.privacy.names.layout import (
    _bracketed,
    _broken_at_lines,
    _chat_senders,
    _header_cells_with_one_found,
    _introduced_after_greeting,
    _marked,
    _rota,
    _schedule_column,
    _shifts,
    _speakers,
    _speakers_in_minutes,
    _without_weekday_ranges,
    _without_weekdays,
)
from bot.privacy.names.lists import (
    _chained,
    _counted_after,
    _counted_people,
    _firms_listed,
    _guest_book_rows,
    _handed_over,
    _listed_with,
    _marked_attendance,
    _matched_pairs,
    _mixed_script_lists,
    _name_pairs,
    _named_pairs,
    _noted_items,
    _numbered_slots,
    _owners_of_addresses,
    _parallel_items,
    _people_after_cue,
    _places_before_a_facility,
    _tallied,
    _tasks_handed_out,
    _with_me,
)
from bot.privacy.names.read_otherwise import _full_names_read_as_words
from bot.privacy.names.roles import _named_after_roles
from bot.privacy.names.runs import _name_runs
from bot.privacy.names.spaced import closed_up, spaced_runs
from bot.privacy.names.words import _chunks, _morphemes, _within

__all__ = ["NAME", "find_names"]


NAME = "氏名"
_TOKENISED = lazy.compile(rf"[ぁ-ゖ{_KANJI_KATA}]")
_NAME_WORD = lazy.compile(r"[\u4e00-\u9fff々\u30a1-\u30faー]{2,10}|[ぁ-ゖー]{3,10}")
_FULL_NAME_PARTS = lazy.compile(r"[ \t\u3000]+")
"""What parts a surname and a given name found as one name (岸田 みどり)."""
_PLACE_ENDING = lazy.compile(
    "[市区町村県都府道郡駅線港川山湖島橋寺]|公園|空港|病院|学校|小学校|中学校|高校|大学|通り|神社|会館|センター"
)
"""After a name's characters, what makes them a place's (松本市, 中島公園, 石川県)."""
_SECTION_AFTER = lazy.compile("[課係室局](?![長員])")
"""Right after a word, a section's end: the word names a section, not a person (受：みどり課, 森林課)."""
_VARIANTS = str.maketrans("髙﨑嵜𠮷𡈽濵德栁黑瀨曻淸靑鄕槗", "高崎崎吉土浜徳柳黒瀬昇清青郷橋")
"""Variant kanji that names are registered with (髙橋, 山﨑, 𠮷田) and the dictionary lacks, as their
common forms (高橋), which it knows: one character for one, so every span stays where it was. Variants it
knows as they are (國, 廣, 冨, 澤) stay."""
_HEN = str.maketrans("邊邉", "辺辺")
"""The variants of 辺, one name whichever of them is written (渡邉, 渡辺)."""
_LONE_HEN = lazy.compile(r"(?<![\u4e00-\u9fff々])[邊邉](?![\u4e00-\u9fff々])")
"""邊 or 邉 with no kanji beside it, which the dictionary reads as a name only as 辺 (邊 さん); inside a
surname it knows them as they are (渡邊, 邉田, whose 辺田 it reads as a place)."""


def find_names(text: str) -> Iterator[tuple[int, int, str]]:
    """The spans ``(start, end, kind)`` of personal names in the folded ``text`` (they may overlap).

    Where characters stand spaced one at a time (`spaced`), the text is read again closed up there, and what
    that reading finds replaces what the spaced one found inside those runs.
    """
    text = _LONE_HEN.sub("辺", text.translate(_VARIANTS))
    runs = spaced_runs(text)
    if not runs:
        yield from _names_in(text)
        return
    closed, where = closed_up(text, runs)
    for start, end, kind in _names_in(text):
        touched = [(run_start, run_end) for run_start, run_end in runs if start < run_end and run_start < end]
        if all(start <= run_start and run_end <= end for run_start, run_end in touched):
            yield start, end, kind  # a run read whole as a name spaced (王 芳) is one still
    for start, end, kind in _names_in(closed):
        start, end = where[start], where[end - 1] + 1
        if any(start < run_end and run_start < end for run_start, run_end in runs):
            yield start, end, kind


def _names_in(text: str) -> Iterator[tuple[int, int, str]]:
    """`find_names` over a text as it is written."""
    found = [match.span(1) for match in _FORM_FIELD.finditer(text) if not _BLANK.match(text, match.start(1))]
    found += _quoted_names(text)
    found += _quoted_names_with_readings(text)
    found += _json_people(text)
    found += [match.span(1) for match in _SPACED_NAME_FIELD.finditer(text)]
    found += [match.span(1) for match in _SPELLED_IN_KANA.finditer(text)]
    found += [match.span(1) for match in _READING_FIELD.finditer(text)]
    found += _table_names(text)
    found += _stamped(text)
    found += _csv_full_names(text)
    found += _readings_in_rows(text)
    found += _listed_people(text)
    found += _latin_names(text)
    found += [
        match.span(match.lastindex or 0)
        for match in _LATIN_SIGNED.finditer(text)
        if _BODIES.isdisjoint(match.group(match.lastindex or 0).split())
    ]
    found += _handles(text)
    found += _romaji_names(text)
    found += _romaji_surnames_in_lower_case(text)
    found += _romaji_surnames_in_english(text)
    found += _named_after_roles(text)
    found += _mixed_script_lists(text)
    found += _mentions_and_initials(text)
    found += _names_in_file_names(text)
    found += _names_in_blanks(text)
    found += _owners_of_addresses(text)
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
                *_matched_pairs(morphemes),
                *_one_kanji_surnames(chunk, morphemes),
                *_one_kanji_households(chunk, morphemes),
                *_split_before_titles(chunk, morphemes),
                *_introduced_after_greeting(chunk, morphemes),
                *_speakers(chunk, morphemes),
                *_called_in_kana(chunk, morphemes),
                *_one_kanji_full_names(morphemes),
                *_full_names_read_otherwise(morphemes),
                *_full_names_read_as_words(chunk, morphemes),
                *_bracketed(chunk, morphemes),
                *_marked(chunk, morphemes),
                *_readings_read_with_names(morphemes),
                *_named_pairs(chunk, morphemes),
                *_kin_named(chunk, morphemes),
                *_katakana_given_names(chunk, morphemes),
                *_foreign_names_by_country(chunk, morphemes),
            ]
            spans += _kana_before_honorifics(chunk, morphemes)
            spans += _hiragana_openings(chunk)
            spans += _full_names_in_hiragana(chunk)
            spans += _katakana_after_cues(chunk)
            spans += _hiragana_surnames_after_cues(chunk)
            spans += _names_after_sections(chunk)
            spans += [match.span(1) for match in _EAST_ASIAN_NAME.finditer(chunk)]
            spans += _signed_with_one_kanji(chunk, morphemes)
            spans += _unwell_given_names(chunk, morphemes)
            spans += _named_with_readings_or_by_themselves(chunk)
            spans += _speakers_in_minutes(chunk)
            spans += _chat_senders(chunk)
            spans += [match.span(1) for match in _BEFORE_KIN_IN_PARENTHESES.finditer(chunk)]
            spans += _family_members(chunk)
            spans += _children_before_ages(chunk)
            spans += _given_names_after_family(chunk)
            spans += _kin_in_parentheses(chunk)
            spans += _named_before_honorifics(chunk)
            spans += _children_named(chunk)
            spans += _nicknames(chunk)
            spans += _numbered_kana(chunk)
            spans += _pupils_in_kana(chunk)
            spans += _children_of_a_class(chunk)
            spans += _parents_called_by_child(chunk)
            spans += _counted_people(chunk)
            spans += _counted_after(chunk)
            spans += _people_after_cue(chunk)
            spans += _with_me(chunk)
            spans += _tallied(chunk)
            spans += _marked_attendance(chunk)
            spans += _numbered_slots(chunk)
            spans += _shifts(chunk)
            rota = _rota(chunk)
            spans += [day.span(1) for day in rota]
            spans += _names_with_readings(chunk)
            places = _places_before_a_facility(chunk, morphemes)
            spans = [span for span in spans if not _within(span, places)]
            spans += [span for span in _listed_with(chunk, morphemes, spans) if not _within(span, places)]
            spans += [span for span in _handed_over(chunk, morphemes, spans) if not _within(span, places)]
            spans += _schedule_column(chunk, spans)
            spans += _header_cells_with_one_found(chunk, spans)
            spans += _given_names_after(chunk, spans)
            spans += _katakana_parts_around(chunk, spans)
            spans += _foreign_names_listed(chunk, spans)
            spans += _hiragana_listed_with(chunk, spans)
            spans += _kana_before_spaced_honorifics(chunk, spans)
            spans += _hiragana_surnames_before(chunk, spans)
            spans += _hiragana_given_names(chunk, spans)
            spans += _parallel_items(chunk, spans)
            spans += _noted_items(chunk, spans)
            spans += _guest_book_rows(chunk, spans)
            spans += _tasks_handed_out(chunk, spans)
            spans = _without_weekday_ranges(chunk, _without_weekdays(spans, [day.start() for day in rota]))
            found += [(offset + start, offset + end) for start, end in spans]
    found += _latin_writings(text, found)
    found += _whole_latin_names(text, found)
    found += _romaji_of_names(text, found)
    found += _readings(text, found)
    found += _quoted_readings(text, found)
    again = _named_again(text, found, bounds)
    found += again + _hiragana_given_names(text, again)
    found += _chained(text, found)
    found += _broken_at_lines(text, found)
    things = _firms_listed(text) + _things_in_tables(text) + _pets(text) + _numbers_read_aloud(text)
    things += _quoted_things(text)
    things += [match.span() for match in _FIRM_BY_TRADE.finditer(text)]
    things += _katakana_firms(text, found)
    for start, end in found:
        if (
            not _SECTION_AFTER.match(text, end)
            and not _ORGANISATION_AFTER.match(text, start)
            and not (things and _within((start, end), things))
        ):
            yield start, _whole_value(text, start, end), NAME


_FIRM_BY_TRADE = lazy.compile(
    r"(?<![\u30a1-\u30fa\u30fc])[\u30a1-\u30fa\u30fc]{2,10}"
    "(?:運輸|運送|建設|工務店|工業|産業|商事|物産|電機|製作所|不動産|証券|銀行|生命|薬局|食品|興業)"
    r"(?![\u4e00-\u9fff])"
)
"""A word in katakana with a trade's word in kanji against it (ヤマト運輸, ミサワ建設): the firm's name, as
the dictionary may read a surname in the katakana; 工業高校 and the like go on with kanji and stay."""
_ORGANISATION_AFTER = lazy.compile(r"[^\n様殿さ]{0,30}?御中[ \t\u3000]*(?:\n|$)")
"""御中 ending the line a word is on, no honorific between: a letter addressed to an organisation, never to
a person (宛名：株式会社 松井建設 御中)."""


_PET = lazy.compile(
    "(?:猫|ねこ|ネコ|子猫|愛猫|犬|いぬ|イヌ|子犬|愛犬|柴犬|三毛|ペット|インコ|うさぎ|ウサギ|ハムスター)[の:]?"
    r"[ \t\u3000]*+([\u30a1-\u30fa\u30fc]{2,6}|[ぁ-ゖ]{2,6})[ \t\u3000]*+(?:ちゃん|くん)"
)
"""A pet's name before ちゃん or くん right after the animal (迷子の猫:三毛の ミケ ちゃん,
柴犬のハナちゃん)."""


def _pets(text: str) -> list[tuple[int, int]]:
    """Where pets are named (`_PET`): no one's name."""
    return [match.span(1) for match in _PET.finditer(text)]


_QUOTED_THING = lazy.compile(
    "(?:[区市町村県都道府]の(?:花|木|鳥)|名称|マスコット|キャラクター|品種|銘柄|ブランド|商品名|店名|施設名)"
    "[はが:：]?[ \t\u3000]*[「『]([^「」『』\n]{1,16})[」』]"
    "|[「『]((?:区報|市報|町報|村報|広報|県報|都報)[^「」『』\n]{1,12})[」』]"
)
"""A name quoted after what it names (区の花「かえで」, マスコット「さくらちゃん」, 施設名「もみじ」), and
a publication's title quoted (「区報かえで」): a thing's name, not a person's, though a dictionary reads
a given name in it. A bare 花 or 木 is not enough (佐々木「…」 opens what someone said, names and all), nor
通称 or 愛称, which people have too (内縁の夫：通称「ケン」)."""


def _quoted_things(text: str) -> list[tuple[int, int]]:
    """Where things are named in quotes (`_QUOTED_THING`): no one's name."""
    return [match.span(match.lastindex or 0) for match in _QUOTED_THING.finditer(text)]


_KANA_DIGIT = "(?:いち|に|さん|よん|し|ご|ろく|なな|しち|はち|きゅう|く|じゅう|ぜろ|れい|まる)"
_NUMBER_READ_ALOUD = lazy.compile(rf"(?<![ぁ-ゖ]){_KANA_DIGIT}(?:の{_KANA_DIGIT}){{2,}}(?![ぁ-ゖ])")
"""Three numbers or more read aloud in hiragana and joined by の, as an address's block numbers are said
(ちゅうおう いちのにのさん: 1-2-3): the last さん is three, not an honorific."""


def _numbers_read_aloud(text: str) -> list[tuple[int, int]]:
    """Where numbers are read aloud joined by の (`_NUMBER_READ_ALOUD`): no one's name."""
    return [match.span() for match in _NUMBER_READ_ALOUD.finditer(text)]


_KATAKANA_FIRM = lazy.compile(
    r"(?<![\u30a1-\u30fa\u30fc])(?:[(（]?[カユドイザシ][)）][ \t\u3000]*[\u30a1-\u30fa\u30fc]{2,12}"
    r"(?:[ \t\u3000]*(?:[\u30a1-\u30fa\u30fc]{2,12}))?"
    r"|[\u30a1-\u30fa\u30fc]{2,12}[ \t\u3000]*"
    "(?:ケンセツ|コウムテン|コウギョウ|サンギョウ|ショウテン|ショウジ|ショウカイ|デンキ|セツビ|セイサクショ|ウンユ"
    "|ウンソウ|ブッサン|フドウサン|ヤッキョク|ショクヒン|ゾウエン|トソウ|ジドウシャ|セッケイ|ギケン|コウサン))"
    r"(?![\u30a1-\u30fa\u30fc])"
)
"""A firm's name as banks and invoices write it in katakana: after a company's mark, (カ) for 株式会社,
(ユ) for 有限会社 and the like (カ)タカナカ コウムテン), or ending in a trade's word (シミズ ケンセツ). A
surname in it names the firm, as 清水建設 in kanji does, not a person."""


def _katakana_firms(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Firms' names in katakana (`_KATAKANA_FIRM`) whose words name no person found outside them.

    A message naming the owner too (カ）フジモト ケンセツ ではなく フジモト タカシ 個人口座) would give the
    owner's surname away in the firm's name, so the firm's surname is masked there with theirs.
    """
    firms = [match.span() for match in _KATAKANA_FIRM.finditer(text)]
    if not firms:
        return []
    people = {
        part
        for start, end in found
        if not _within((start, end), firms)
        for part in _FULL_NAME_PARTS.split(text[start:end])
    }
    return [
        (start, end) for start, end in firms if not any(part and part in text[start:end] for part in people)
    ]


_VALUE_IN_HIRAGANA = lazy.compile(r"(?<=[=:：])[ぁ-ゖー]{2,8}(?=[ \t\u3000\n,、。;/／)）\]］〕】]|$)")
"""A field's value of hiragana alone after = or a colon, up to a space, a mark or the line's end."""
_NO_PART_OF_A_NAME = lazy.compile(
    "(?:さん|さま|くん|ちゃん|っち|どん|せんせい).*"
    "|です|でした|だ|が|は|を|に|へ|と|も|の|で|や|か|ね|よ|ほか|たち|ら|まで|から|より|など|のみ|だけ|しか"
)
"""What ends a field's value after a name without being of it: an honorific, a particle, です."""


def _whole_value(text: str, start: int, end: int) -> int:
    """Where a name found at the start of a field's value in hiragana ends: at the value's end.

    The dictionary cuts a surname in hiragana it lacks into words (おお + にし), and a name found in the
    first of them would leave the rest (created_by=おおにし, 担当：おおにし); a value that goes on with an
    honorific, a particle or です keeps it (担当：たなかさん, 担当：たなかです).
    """
    value = _VALUE_IN_HIRAGANA.match(text, start)
    if value is None or value.end() <= end or _NO_PART_OF_A_NAME.fullmatch(text, end, value.end()):
        return end
    return value.end()


def _named_again(text: str, found: Sequence[tuple[int, int]], bounds: set[int]) -> list[tuple[int, int]]:
    """Every other place in ``text`` where a name found is written again as a word of its own.

    A message names a person once in a way that shows it (石井さん休みのため野村が代行) and again in a way
    that does not (書類は野村まで): the same kanji or katakana of two characters or more, or hiragana of three
    or more (まつした、まつした あきら), where the dictionary's words begin and end (``bounds``), is the same
    person; before a place's ending it is a place (松本さん, 松本市出身), 邊 and 邉 the same as 辺 (渡邉さん …
    渡辺で登録). A surname and a given name found apart by a space lend each of them alone: the message
    names the person in full once and by the surname again (世帯主を 岸田 でなく 妻の 岸田 みどり で).
    """
    names = {
        part.translate(_HEN)
        for start, end in found
        for part in _FULL_NAME_PARTS.split(text[start:end])
        if _NAME_WORD.fullmatch(part)
    }
    if not names:
        return []
    sizes = sorted({len(name) for name in names}, reverse=True)
    again = []
    for start in sorted(bounds):
        size = next(
            (n for n in sizes if start + n in bounds and text[start : start + n].translate(_HEN) in names), 0
        )
        if size and not _PLACE_ENDING.match(text, start + size):
            again.append((start, start + size))
    return again
