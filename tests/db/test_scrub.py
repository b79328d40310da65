"""Migrations 0006, 0014–0038, 0040–0045, 0047–0048 and 0051–0059 mask on upgrade what earlier versions
stored; 0051 and later ones mask the answers kept after a login expired (table 0049) too."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlalchemy as sa

from bot.db.engine import create_engine
from bot.db.migrate import upgrade
from bot.db.schema import (
    admin_users,
    answer_drafts,
    consultation_events,
    consultation_tags,
    consultations,
    conversations,
    faq_drafts,
    knowledge_reloads,
    messages,
    outbox,
)
from bot.db.scrub import mask_stored

RAW = ("472019860395", "090-1234-5678", "taro@example.jp", "札幌市中央区北1条西2丁目")
SAID = f"マイナンバー{RAW[0]}、電話{RAW[1]}、{RAW[2]}、{RAW[3]}の方"
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def test_an_upgrade_masks_every_text_stored_before(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        upgrade(engine, "0002")
        with engine.begin() as connection:
            _store_raw(connection)
        upgrade(engine)
        with engine.connect() as connection:
            stored = _everything(connection)
            tags = connection.execute(sa.select(consultation_tags.c.tag)).scalars().all()
            content = connection.execute(sa.select(consultations.c.content)).scalar_one()
        for raw in RAW:
            assert raw not in stored, raw
        assert content == "マイナンバー［マイナンバー］、電話［電話番号］、［メールアドレス］、［住所］の方"
        assert sorted(tags) == ["要確認", "［電話番号］"], "two tags that mask alike become one"
        with engine.begin() as connection:
            assert set(mask_stored(connection).values()) == {0}, "a second run changes nothing"
    finally:
        engine.dispose()


# (version stored at, what was said, what must not stay, the consultation as masked): each writing as the
# masker of the version after its own first recognised it
WRITINGS: list[tuple[str, str, tuple[str, ...], str]] = [
    (
        "0013",
        "申請者の山田太郎さんと井上係長に確認しました",
        ("山田", "太郎", "井上"),
        "申請者の［氏名］さんと［氏名］係長に確認しました",
    ),
    (
        "0014",
        "Nguyen Van An様の転入届、Microsoftさんに確認しました",
        ("Nguyen", "Van An"),
        "［氏名］様の転入届、Microsoftさんに確認しました",
    ),
    (
        "0015",
        "申請者は山崎くん、木村って人、小林太郎とDear Kim様に富士通さんが確認しました",
        ("山崎", "木村", "小林", "Kim"),
        "申請者は［氏名］くん、［氏名］って人、［氏名］とDear ［氏名］様に富士通さんが確認しました",
    ),
    (
        "0016",
        "田中に聞いたら、鈴木から連絡があって山本と相談したそうです",
        ("田中", "鈴木", "山本"),
        "［氏名］に聞いたら、［氏名］から連絡があって［氏名］と相談したそうです",
    ),
    (
        "0017",
        "田中の件で、佐藤の申請書と鈴木の住所を確認しました",
        ("田中", "佐藤", "鈴木"),
        "［氏名］の件で、［氏名］の申請書と［氏名］の住所を確認しました",
    ),
    (
        "0018",
        "葵様と林係長から、さとう様の件で。たなかさま、やまもとさんから。高橋の方針です。鈴木と申します。課長の佐藤",
        ("葵", "林", "さとう", "たなか", "やまもと", "高橋", "鈴木", "佐藤"),
        "［氏名］様と［氏名］係長から、［氏名］様の件で。［氏名］さま、［氏名］さんから。［氏名］の方針です。"
        "［氏名］と申します。課長の［氏名］",
    ),
    (
        "0019",
        "鈴木・佐藤さん、山田太郎（やまだ たろう）さん、高橋（総務課）、CC: 田中、息子の健太、"
        "渡辺より連絡、生年月日：昭和60年4月1日、口座番号 7654321",
        ("鈴木", "佐藤", "山田", "やまだ", "たろう", "高橋", "田中", "健太", "渡辺", "昭和60", "7654321"),
        "［氏名］・［氏名］さん、［氏名］（［氏名］）さん、［氏名］（総務課）、CC: ［氏名］、"
        "息子の［氏名］、［氏名］より連絡、生年月日：［生年月日］、口座番号 ［各種番号］",
    ),
    (
        "0020",
        "髙橋さん、井上・木下で対応、父（山田）、高橋が来庁、やまもとにきいた、携帯090の1234の5678、"
        "taro@example。jp",
        ("髙橋", "井上", "木下", "山田", "高橋", "やまもと", "5678", "taro"),
        "［氏名］さん、［氏名］・［氏名］で対応、父（［氏名］）、［氏名］が来庁、［氏名］にきいた、携帯［電話番号］、"
        "［メールアドレス］",
    ),
    (
        "0021",
        "佐藤が担当です、田中で対応します、前田宅を訪問、身体障害者手帳 1級 第1234567号",
        ("佐藤", "田中", "前田", "1234567"),
        "［氏名］が担当です、［氏名］で対応します、［氏名］宅を訪問、身体障害者手帳 1級 第［各種番号］号",
    ),
    (
        "0022",
        "田中は本日休みです、山本からの伝言、小林ほか1名、佐藤保健師と藤田ケアマネ、森が担当、文責：青木、"
        "妻 花子、岡田は育休中、藤井に振って、伊藤が書いた、総務課の松本です、以上、中村",
        (
            "田中",
            "山本",
            "小林",
            "佐藤",
            "藤田",
            "森",
            "青木",
            "花子",
            "岡田",
            "藤井",
            "伊藤",
            "松本",
            "中村",
        ),
        "［氏名］は本日休みです、［氏名］からの伝言、［氏名］ほか1名、［氏名］保健師と［氏名］ケアマネ、"
        "［氏名］が担当、文責：［氏名］、妻 ［氏名］、［氏名］は育休中、［氏名］に振って、"
        "［氏名］が書いた、総務課の［氏名］です、以上、［氏名］",
    ),
    (
        "0023",
        "お疲れ様です、林です。全部 前田 の端末、母 黒田 キミ、結衣（長女・高2）、旧姓：小林、"
        "祖母のみよこさん、ワン・ウェイさん、CC: t.yamada",
        ("林", "前田", "黒田", "キミ", "結衣", "小林", "みよこ", "ワン", "yamada"),
        "お疲れ様です、［氏名］です。全部 ［氏名］ の端末、母 ［氏名］ ［氏名］、［氏名］（長女・高2）、"
        "旧姓：［氏名］、祖母の［氏名］さん、［氏名］さん、CC: ［氏名］",
    ),
    (
        "0024",
        "福祉課田中です。清水と森で確認、委員の浜 和夫氏、西が担当。ゆき、手伝って。"
        "翔くんと石田（再任用）です",
        ("田中", "清水", "森", "浜", "和夫", "西", "ゆき", "翔", "石田"),
        "福祉課［氏名］です。［氏名］と［氏名］で確認、委員の［氏名］氏、［氏名］が担当。［氏名］、手伝って。"
        "［氏名］くんと［氏名］（再任用）です",
    ),
    (
        "0025",
        "被保険者番号（0001284736）、在留カード EH77120493LA、生年月日：19630522、住民票ｺｰﾄﾞ 2918 4730 615",
        ("0001284736", "EH77120493LA", "19630522", "2918 4730 615"),
        "被保険者番号（［各種番号］）、在留カード ［各種番号］、生年月日：［生年月日］、"
        "住民票ｺｰﾄﾞ ［各種番号］",
    ),
    (
        "0026",
        "連絡先 taro_y(アットマーク)city.example.lg.jp、免許証の番号は301234567890、"
        "ゆうちょ銀行 10120-12345671、中央区銀座四丁目5-6 銀座ビル3F",
        ("taro_y", "301234567890", "10120-12345671", "銀座ビル3F"),
        "連絡先 ［メールアドレス］、免許証の番号は［各種番号］、ゆうちょ銀行 ［各種番号］、［住所］",
    ),
    (
        "0027",
        "書類は 昭和58年11月22日、生年月日の表\nNo\t生年月日\n1\tH14.9.3\n保険証、記号 世B-07 番号 1192、"
        "在留カード（番号 XY 1122 3344 ZW）\n受付\t住所\n1\t石神井台2-5-8",
        ("58年11月22日", "H14.9.3", "世B-07", "1192", "XY 1122", "石神井台2-5-8"),
        "書類は ［生年月日］、生年月日の表\nNo\t生年月日\n1\t［生年月日］\n"
        "保険証、記号 ［各種番号］ 番号 ［各種番号］、在留カード（番号 ［各種番号］）\n"
        "受付\t住所\n1\t［住所］",
    ),
    (
        "0028",
        "黒木戻ったら連絡ください、のぐちゃんから伝言、田中CWに確認\n当番　月 岸　火 泉",
        ("黒木", "のぐ", "田中", "岸", "泉"),
        "［氏名］戻ったら連絡ください、［氏名］ちゃんから伝言、［氏名］CWに確認\n"
        "当番　月 ［氏名］　火 ［氏名］",
    ),
    (
        "0029",
        "長崎がまだ戻ってない、ながいさんへ、それは高田次第、畑が持ってきた、Thanks, Suzuki-san",
        ("長崎", "ながい", "高田", "畑", "Suzuki"),
        "［氏名］がまだ戻ってない、［氏名］さんへ、それは［氏名］次第、［氏名］が持ってきた、"
        "Thanks, ［氏名］-san",
    ),
    (
        "0030",
        "被保険者番号と生年月日（0012458832／S24.9.9）、住まいは しゃくじいまち 4の2の9、"
        "市外局番なしで 3981-2207、昭和38年生まれの5月6日、関に丸投げした、書記：荻野、ソノダさんに連絡",
        ("0012458832", "S24.9.9", "4の2の9", "3981-2207", "5月6日", "関に", "荻野", "ソノダ"),
        "被保険者番号と生年月日（［各種番号］／［生年月日］）、住まいは ［住所］、"
        "市外局番なしで ［電話番号］、［生年月日］、［氏名］に丸投げした、"
        "書記：［氏名］、［氏名］さんに連絡",
    ),
    (
        "0031",
        "訪問：新谷 13:00、岡が戻ったら（審査）高松へ、息子さんの陽斗くん、メモ：Tanaka Yui、"
        "連絡先 ゼロハチゼロのサンサンニーイチのロクロクキュウナナ、生年月曰 平成３年、８月、１２日",
        ("新谷", "岡が", "高松", "陽斗", "Tanaka", "ゼロハチゼロ", "平成３年"),
        "訪問：［氏名］ 13:00、［氏名］が戻ったら（審査）［氏名］へ、息子さんの［氏名］くん、"
        "メモ：［氏名］、連絡先 ［電話番号］、生年月曰 ［生年月日］",
    ),
    (
        "0032",
        "【山中】本日午後、外出します\n在席表：柳◯ 今泉×、担当の桑原（くわばら）です、zip=1710021、"
        "生年月日: 23 Nov 1988、被保険者番号=12094417",
        ("山中", "柳", "今泉", "桑原", "1710021", "23 Nov 1988", "12094417"),
        "【［氏名］】本日午後、外出します\n在席表：［氏名］◯ ［氏名］×、担当の［氏名］です、"
        "zip=［郵便番号］、生年月日: ［生年月日］、被保険者番号=［各種番号］",
    ),
    (
        "0032",
        "原 在席　高木 外出、江藤さーん、母（さおり）、takeuchi さん、電話 ゼロハチゼロの7731の4402、"
        "Nishi-ku Minamisaiwai 1-5-1",
        ("原", "高木", "江藤", "さおり", "takeuchi", "7731", "Minamisaiwai"),
        "［氏名］ 在席　［氏名］ 外出、［氏名］さーん、母（［氏名］）、［氏名］ さん、"
        "電話 ［電話番号］、［住所］",
    ),
    (
        "0033",
        "理事長 Sarah Miller、2年1組 はやと、あやかママ、子 ゆづき（2）、連絡は taku,ishii@nifty,com、"
        "生年月日 S 5 7 . 0 8 . 2 4",
        ("Sarah", "はやと", "あやか", "ゆづき", "taku,ishii", "S 5 7"),
        "理事長 ［氏名］、2年1組 ［氏名］、［氏名］ママ、子 ［氏名］（2）、連絡は ［メールアドレス］、"
        "生年月日 ［生年月日］",
    ),
    (
        "0033",
        "元気か？ 大樹、未提出は 小島 家 だけ、Tom Wilson さん、"
        "ゆうちょ 記号 1 0 1 2 0 番号 1 2 3 4 5 6 7 1、<td>口座番号</td><td>1234567</td>",
        ("大樹", "小島", "Wilson", "1 2 3 4 5 6 7 1", "1234567"),
        "元気か？ ［氏名］、未提出は ［氏名］ 家 だけ、［氏名］ さん、"
        "ゆうちょ 記号 ［各種番号］ 番号 ［各種番号］、<td>口座番号</td><td>［各種番号］</td>",
    ),
    (
        "0033",
        "森田×岡崎、「ふじさわ」と名乗る男性、おはようございます、あさのです、大森 ひなた（年長）、"
        "（祖母 トミ、祖父 勝）",
        ("森田", "岡崎", "ふじさわ", "あさの", "ひなた", "祖父 勝"),
        "［氏名］×［氏名］、「［氏名］」と名乗る男性、おはようございます、［氏名］です、［氏名］（年長）、"
        "（祖母 ［氏名］、祖父 ［氏名］）",
    ),
    (
        "0034",
        "受付1 平井 陽\n受付2 島田 千尋、3名（小柳、住吉、ロペス）、"
        "私と 片桐 で、4年2組 うえだ そうすけ の作品",
        ("平井", "小柳", "住吉", "ロペス", "うえだ"),
        "受付1 ［氏名］\n受付2 ［氏名］、3名（［氏名］、［氏名］、［氏名］）、"
        "私と ［氏名］ で、4年2組 ［氏名］ の作品",
    ),
    (
        "0034",
        'まるやまがカギ持ってった、被保険者番号 ………… 01234567、insured_no: "12345678"、'
        "<zip>1710021</zip>、born 1980-04-05",
        ("まるやま", "01234567", "12345678", "1710021", "1980-04-05"),
        '［氏名］がカギ持ってった、被保険者番号 ………… ［各種番号］、insured_no: "［各種番号］"、'
        "<zip>［郵便番号］</zip>、born ［生年月日］",
    ),
    (
        "0035",
        "春日 と 立川 の3人で対応、本人（かおり）から電話、西村コーチに連絡、小倉 さん（ogura）へ転送",
        ("春日", "立川", "かおり", "西村", "ogura"),
        "［氏名］ と ［氏名］ の3人で対応、本人（［氏名］）から電話、［氏名］コーチに連絡、"
        "［氏名］ さん（［氏名］）へ転送",
    ),
    (
        "0035",
        "《口座番号》1234567、たんじょうび 1980年4月5日、Q3 口座番号 A3 7654321、"
        "[16:12:05] 個人番号 3739 9707[16:12:05] 8293",
        ("1234567", "1980年4月5日", "7654321", "3739 9707"),
        "《口座番号》［各種番号］、たんじょうび ［生年月日］、Q3 口座番号 A3 ［各種番号］、"
        "[16:12:05] 個人番号 ［マイナンバー］",
    ),
    (
        "0036",
        "番号は9876\u200b5432\u200b1093、電話090\u200c1234\u200d5678、taro\u2060@example.jp、"
        "hanako&#64;example.jp、٩٨٧٦٥٤٣٢١٠٩٣、内線 09012345678",
        ("5432", "1234", "taro", "hanako", "٩٨٧٦", "09012345678"),
        "番号は［マイナンバー］、電話［電話番号］、［メールアドレス］、［メールアドレス］、［マイナンバー］、"
        "内線 ［電話番号］",
    ),
    (
        "0036",
        "窓：戸塚 床：村井、妻 Smith Naoko、生年月日　昭和参拾八年壱月弐拾日、"
        "協会けんぽ 記号 21170045 番号 52、口座 5520417 じゃなくて 5520471",
        ("戸塚", "村井", "Smith", "参拾八年", "21170045", "5520471"),
        "窓：［氏名］ 床：［氏名］、妻 ［氏名］、生年月日　［生年月日］、"
        "協会けんぽ 記号 ［各種番号］ 番号 ［各種番号］、口座 ［各種番号］ じゃなくて ［各種番号］",
    ),
    (
        "0037",
        "窓口の配置 1番 浜口\u30002番 林田、A地区 保健師 えのもと、B地区 保健師 ながお、"
        "担当：英語 Mark、中国語 リュウ\n勤怠：さとみ 28h、けんと 16h、ジュリア 20h",
        ("浜口", "ながお", "さとみ", "けんと", "Mark"),
        "窓口の配置 1番 ［氏名］\u30002番 ［氏名］、A地区 保健師 ［氏名］、B地区 保健師 ［氏名］、"
        "担当：英語 ［氏名］、中国語 ［氏名］\n勤怠：［氏名］ 28h、［氏名］ 16h、［氏名］ 20h",
    ),
    (
        "0037",
        "携帯は090ハイフン6671ハイフン2048、ﾕｳﾋﾞﾝﾊﾞﾝｺﾞｳ 1130033、生年月日のセル：=DATE(1962,4,30)、"
        "都営北台団地 3号棟402号室",
        ("6671", "1130033", "1962", "402"),
        "携帯は［電話番号］、ﾕｳﾋﾞﾝﾊﾞﾝｺﾞｳ ［郵便番号］、生年月日のセル：=DATE(［生年月日］)、"
        "都営北台団地 ［住所］",
    ),
    (
        "0039",
        "シフト交換：12/20 松原 ⇔ 小坂 で交換\n当番、A 平岡 B 清水 C ナタリー D 久我\n"
        "参加者：小池 秀樹 ・ 南部 あゆみ ・ 岡崎 ・ モリス",
        ("松原", "平岡", "清水", "ナタリー", "あゆみ", "岡崎"),
        "シフト交換：12/20 ［氏名］ ⇔ ［氏名］ で交換\n"
        "当番、A ［氏名］ B ［氏名］ C ［氏名］ D ［氏名］\n"
        "参加者：［氏名］ ・ ［氏名］ ・ ［氏名］ ［氏名］",
    ),
    (
        "0039",
        "納税義務者番号：17-004428-3、特定健診の受診券番号 26004418213、'85/7/7生まれ、"
        "車検証の登録番号「練馬 330 ち 7-21」",
        ("17-004428-3", "26004418213", "85/7/7", "330"),
        "納税義務者番号：［各種番号］、特定健診の受診券番号 ［各種番号］、［生年月日］生まれ、"
        "車検証の登録番号「［各種番号］」",
    ),
    (
        "0040",
        "ID kaneko.h 兼子 晴香、受付者（午前）：まえだ、原田 選手のご家族、@kato 確認お願いします\n"
        "[Smith John] I'll check the form\nやまぐち そうた くんの件、"
        "sakura.t@example.lg.jp（寺内 さくら）",
        ("kaneko", "まえだ", "原田", "kato", "Smith", "やまぐち", "寺内"),
        "ID ［氏名］ ［氏名］、受付者（午前）：［氏名］、［氏名］ 選手のご家族、"
        "@［氏名］ 確認お願いします\n"
        "[［氏名］] I'll check the form\n［氏名］ くんの件、［メールアドレス］（［氏名］）",
    ),
    (
        "0040",
        "求職番号 1234-567890、受診者番号 K-2026-04471、口座番号7桁→ 0 4 4 8 1 2 7、"
        "kenji[.]ota[@]gmail[.]com、クレジットカードは下四桁 ４４１７、@ の前は yuko.88 で、"
        "カード末尾 No.0927、証券番号 AB12345678",
        ("567890", "04471", "4 8 1 2", "kenji", "４４１７", "yuko", "0927", "AB12345678"),
        "求職番号 ［各種番号］、受診者番号 ［各種番号］、口座番号7桁→ ［各種番号］、［メールアドレス］、"
        "クレジットカードは下四桁 ［各種番号］、@ の前は ［メールアドレス］ で、"
        "カード末尾 No.［各種番号］、証券番号 ［各種番号］",
    ),
    (
        "0041",
        "見積比較_岩崎修正.xlsx、@aoki 確認お願いします、市長 Robert Miller、大宮 夫妻、「煌翔（きらと）」",
        ("岩崎", "aoki", "Robert", "Miller", "大宮", "煌翔", "きらと"),
        "見積比較_［氏名］修正.xlsx、@［氏名］ 確認お願いします、市長 ［氏名］、［氏名］ 夫妻、"
        "「［氏名］（［氏名］）」",
    ),
    (
        "0041",
        "お客様ID MV-30417728、保育士登録番号 東京-004471、自動二輪の登録 練馬 ほ 7721、"
        "基礎年金番号を教えてもらいました、4418の220781",
        ("30417728", "004471", "7721", "220781"),
        "お客様ID ［各種番号］、保育士登録番号 ［各種番号］、自動二輪の登録 ［各種番号］、"
        "基礎年金番号を教えてもらいました、［各種番号］",
    ),
    (
        "0042",
        "来たのは 警部補 東 と 巡査 の 西野 です\n防災 → 大江、福祉 → ハリス、教育 → 佐渡\n"
        "相談の担当 やなぎ さんが休みです\n出動記録：団員 えのき・栗原・Peter",
        ("東 と", "西野", "大江", "ハリス", "佐渡", "やなぎ", "えのき", "栗原", "Peter"),
        "来たのは 警部補 ［氏名］ と 巡査 の ［氏名］ です\n"
        "防災 → ［氏名］、福祉 → ［氏名］、教育 → ［氏名］\n"
        "相談の担当 ［氏名］ さんが休みです\n出動記録：団員 ［氏名］・［氏名］・［氏名］",
    ),
    (
        "0042",
        "身体障害者手帳の交付番号 東京 第1183047号\n選挙人名簿の登録番号は第3投票区の 1248 番\n"
        "被保険者No. 0002 1873 40\n住居地：Zoshigaya 3-8-11 Room 104",
        ("1183047", "1248", "1873", "Zoshigaya"),
        "身体障害者手帳の交付番号 東京 第［各種番号］号\n"
        "選挙人名簿の登録番号は第3投票区の ［各種番号］ 番\n被保険者No. ［各種番号］\n住居地：［住所］",
    ),
    (
        "0043",
        "相続の件は 山際 税理士 に聞いてください\nネパール 出身 の グルン さん が来庁\n"
        "受付順：2番 ベイカー、5番 田島",
        ("山際", "グルン", "ベイカー", "田島"),
        "相続の件は ［氏名］ 税理士 に聞いてください\nネパール 出身 の ［氏名］ さん が来庁\n"
        "受付順：2番 ［氏名］、5番 ［氏名］",
    ),
    (
        "0043",
        "在留カード：QR 1184 2207 EN\nLINE ID：sakura_mama77\nDate of Birth: Sat, 9 Sep 1989\n"
        "北 区 王 子 4 - 2 2 - 1 0",
        ("1184", "sakura_mama77", "1989", "王 子"),
        "在留カード：［各種番号］\nLINE ID：［各種番号］\nDate of Birth: Sat, ［生年月日］\n［住所］",
    ),
    (
        "0044",
        "夜間 は 警備 の 大関 さん に 鍵 を 頼みます\n来賓 は 町会 の 井口 会長 です\n"
        "電話 担当 ゆかわ で 受けました",
        ("大関", "井口", "ゆかわ"),
        "夜間 は 警備 の ［氏名］ さん に 鍵 を 頼みます\n来賓 は 町会 の ［氏名］ 会長 です\n"
        "電話 担当 ［氏名］ で 受けました",
    ),
    (
        "0044",
        "車台番号 WDD2050422F771804 で名義変更\n端末の MAC アドレス 3C:22:FB:41:8A:07 を控えました\n"
        "携帯は 090 の後に 4418、続けて 2207 です",
        ("WDD2050422F771804", "3C:22", "4418"),
        "車台番号 ［各種番号］ で名義変更\n端末の MAC アドレス ［各種番号］ を控えました\n"
        "携帯は ［電話番号］ です",
    ),
    (
        "0046",
        "不通 の 方：中村（携帯）、すぎの（自宅）\n発言 順：永井 → 森本 → ナイト\n"
        "係長 へ 千葉、課長 へ 長野 から 伝えます",
        ("中村", "すぎの", "ナイト", "千葉", "長野"),
        "不通 の 方：［氏名］（携帯）、［氏名］（自宅）\n発言 順：［氏名］ → ［氏名］ → ［氏名］\n"
        "係長 へ ［氏名］、課長 へ ［氏名］ から 伝えます",
    ),
    (
        "0046",
        "基礎年金番号は 4471 の 208813 です\n在留カード TK-55019263-EB の更新\n"
        "旅券番号：Ｍ ５５０１ ８８３０\n生年月日：平成２年［1990年］5月6日\n"
        "ゆうちょで、番号は 33519902 です",
        ("208813", "55019263", "５５０１", "1990", "33519902"),
        "基礎年金番号は ［各種番号］ です\n在留カード ［各種番号］ の更新\n旅券番号：［各種番号］\n"
        "生年月日：［生年月日］\nゆうちょで、番号は ［各種番号］ です",
    ),
    (
        "0047",
        "申込者：田 中 太 郎\n【委員長 安達】 開会します\n氏名 『渡 辺 美 穂』 様",
        ("田 中", "安達", "渡 辺"),
        "申込者：［氏名］\n【委員長 ［氏名］】 開会します\n氏名 『［氏名］』 様",
    ),
    (
        "0047",
        '振込先："普通","2281904"\nﾕｳﾁﾖｷﾞﾝｺｳ 記号 13350 番号 45120097 に振込\n'
        "口座番号 ３３0１８２７ を 3301827 に直して\n接種券の番号 4418220917 を控えました",
        ("2281904", "13350", "45120097", "3301827", "4418220917"),
        '振込先："普通","［各種番号］"\nﾕｳﾁﾖｷﾞﾝｺｳ 記号 ［各種番号］ 番号 ［各種番号］ に振込\n'
        "口座番号 ［各種番号］ を ［各種番号］ に直して\n接種券の番号 ［各種番号］ を控えました",
    ),
    (
        "0050",
        "送迎 名簿：そうた（2歳）、Lily（5歳）\nPlease ask Tanaka from the welfare section.",
        ("そうた", "Lily", "Tanaka"),
        "送迎 名簿：［氏名］（2歳）、［氏名］（5歳）\nPlease ask ［氏名］ from the welfare section.",
    ),
    (
        "0050",
        "母 S15生 で独居\n年金番号 4412-\n220918\nゆうちょ 記号 いちよんさんいちぜろ\n"
        "送付先 練馬区春日町二ノ十四ノ七\n1088,[氏名],1952/03/17,男\npostal=1790074",
        ("S15", "220918", "いちよんさんいちぜろ", "十四ノ七", "1952", "1790074"),
        "母 ［生年月日］ で独居\n年金番号 ［各種番号］\nゆうちょ 記号 ［各種番号］\n送付先 ［住所］\n"
        "1088,[氏名],［生年月日］,男\npostal=［郵便番号］",
    ),
    (
        "0051",
        "通訳 は アンナ\n担当 名前 は Sofia です\n@Arjun Mehta 確認お願いします\n承認：M. Okada",
        ("アンナ", "Sofia", "Arjun", "Okada"),
        "通訳 は ［氏名］\n担当 名前 は ［氏名］ です\n@［氏名］ 確認お願いします\n承認：［氏名］",
    ),
    (
        "0051",
        "口座の暗証番号 4471 を聞いてしまった\n長女 令和2年生\n資格確認書：記号 12 番号 80415\n"
        "店番-口座 で 208-0077142\n手帳の番号、第 5100873 号",
        ("4471", "令和2年生", "80415", "0077142", "5100873"),
        "口座の暗証番号 ［各種番号］ を聞いてしまった\n長女 ［生年月日］\n"
        "資格確認書：記号 ［各種番号］ 番号 ［各種番号］\n店番-口座 で ［各種番号］\n"
        "手帳の番号、第 ［各種番号］ 号",
    ),
    (
        "0052",
        "通訳 の ウー が 同行します\n岡 家 の 件、事務局 の 奈良 に 確認\n"
        "システム担当 の ラジャ さん に 連絡",
        ("ウー", "岡", "奈良", "ラジャ"),
        "通訳 の ［氏名］ が 同行します\n［氏名］ 家 の 件、事務局 の ［氏名］ に 確認\n"
        "システム担当 の ［氏名］ さん に 連絡",
    ),
    (
        "0052",
        "旅券番号はティー・ケー・1234567です\n普通 1120-4478 に振込\n保険証 記号 豊 番号 22-1184\n"
        "品川 300 さ 44-18 の車が放置\n自転車の防犯登録 第 A 4417821 号\n申込番号 26HK0192 の方から電話",
        ("ティー・ケー", "1120-4478", "22-1184", "44-18", "4417821", "26HK0192"),
        "旅券番号は［各種番号］です\n普通 ［各種番号］ に振込\n"
        "保険証 記号 ［各種番号］ 番号 ［各種番号］\n［各種番号］ の車が放置\n"
        "自転車の防犯登録 第 ［各種番号］ 号\n申込番号 ［各種番号］ の方から電話",
    ),
    (
        "0053",
        "担当 ラジャ さん に連絡\n補欠 河合 蒼 が出場\n[10:01] 東: プロジェクター映りません\n"
        "出欠 ○ 太田 ○ ひがし × 熊本",
        ("ラジャ", "河合", "東:", "太田", "ひがし", "熊本"),
        "担当 ［氏名］ さん に連絡\n補欠 ［氏名］ が出場\n[10:01] ［氏名］: プロジェクター映りません\n"
        "出欠 ○ ［氏名］ ○ ［氏名］ × ［氏名］",
    ),
    (
        "0053",
        "旧姓 の 佐野 で届出\n事務 竹田・うちだ・Brown\n「スズキです」と名乗った\n参加：茅野; 稲葉",
        ("佐野", "竹田", "うちだ", "Brown", "スズキ", "茅野", "稲葉"),
        "旧姓 の ［氏名］ で届出\n事務 ［氏名］・［氏名］・［氏名］\n"
        "「［氏名］です」と名乗った\n参加：［氏名］; ［氏名］",
    ),
    (
        "0053",
        "名簿から：1981/07/14\t080-3321-9904\nOCR：T171-0021 西池袋5-3-11\n生年月日 28/02/1993\n"
        "犬の登録番号 第 218834 号\nZairyu card No. KL 22047183 MN",
        ("1981", "171-0021", "西池袋", "1993", "218834", "22047183"),
        "名簿から：［生年月日］\t［電話番号］\nOCR：T［郵便番号］ ［住所］\n生年月日 ［生年月日］\n"
        "犬の登録番号 第 ［各種番号］ 号\nZairyu card No. ［各種番号］",
    ),
    (
        "0054",
        "assignee=岩城 reviewer=すぎうら\n〔受付：吉成〕〔入力：くろさわ〕\n"
        "シフト 午前 宮脇〜午後 ふじさき\n受付者印 [ 梶 ]　来賓：村井 県議",
        ("岩城", "くろさわ", "宮脇", "ふじさき", "梶", "村井"),
        "assignee=［氏名］ reviewer=［氏名］\n〔受付：［氏名］〕〔入力：［氏名］〕\n"
        "シフト 午前 ［氏名］〜午後 ［氏名］\n受付者印 [ ［氏名］ ]　来賓：［氏名］ 県議",
    ),
    (
        "0054",
        "携帯は 080 の さんさんよんよん の 1192 です\n"
        "メールは hana点sato アットマーク yahoo点co点jp です\n住所：Minami-Nagasaki 2 chome 8 ban 14 go\n"
        "被保番 0041 2288 で照会\n旅券番号 MP-4471229（フィリピン）",
        ("1192", "hana", "Minami-Nagasaki", "0041", "4471229"),
        "携帯は ［電話番号］ です\nメールは ［メールアドレス］ です\n住所：［住所］\n"
        "被保番 ［各種番号］ で照会\n旅券番号 ［各種番号］（フィリピン）",
    ),
    (
        "0055",
        "created_by=おおにし\n17:02 <大久保> 退庁します\n確認印：今井㊞　池田㊞\n"
        "担当 KATO / 確認 MORI\n代わりに坂口どんが来るげな",
        ("大久保", "今井", "池田", "KATO", "MORI", "坂口"),
        "created_by=［氏名］\n17:02 <［氏名］> 退庁します\n確認印：［氏名］㊞　［氏名］㊞\n"
        "担当 ［氏名］ / 確認 ［氏名］\n代わりに［氏名］どんが来るげな",
    ),
    (
        "0055",
        "携帯:080|2294|6617\n夫（Phone No. 080 1167 2245）\n自宅 〇3-五九八二-2216\n"
        "メール sato.k［アット］docomo［ドット］ne［ドット］jp\n郵送先：池袋郵便局 私書箱第61号\n生 H元.10.4",
        ("2294", "1167", "五九八二", "docomo", "池袋郵便局", "H元"),
        "携帯:［電話番号］\n夫（Phone No. ［電話番号］）\n自宅 ［電話番号］\n"
        "メール ［メールアドレス］\n郵送先：［住所］\n生 ［生年月日］",
    ),
    (
        "0056",
        "わからないことは内線2040 大西まで\n12/7 倉庫 借 松浦 返 11:15\n"
        "島C 窓側：向井　中：鶴田\n固定資産税の件、柴から回答がありました",
        ("大西", "松浦", "向井", "鶴田", "柴から"),
        "わからないことは内線2040 ［氏名］まで\n12/7 倉庫 借 ［氏名］ 返 11:15\n"
        "島C 窓側：［氏名］　中：［氏名］\n固定資産税の件、［氏名］から回答がありました",
    ),
    (
        "0056",
        "GET /api/cases?kaigo_no=0002218834&page=2\n基年番号：4480 119327\n"
        "電話番号（聞き取り）: 080-さんさんにーなな-4415\n"
        "車のナンバーは しながわ さんまるまる あ いちにいさんよん です",
        ("0002218834", "119327", "4415", "いちにいさんよん"),
        "GET /api/cases?kaigo_no=［各種番号］&page=2\n基年番号：［各種番号］\n"
        "電話番号（聞き取り）: ［電話番号］\n車のナンバーは ［各種番号］ です",
    ),
    (
        "0057",
        "（早瀬）資料1の説明をお願いします。\n（井関）はい、アンケート結果です。\n"
        "翔が熱出したので休みます\n申送り者 竹本 / 受け 磯部",
        ("早瀬", "井関", "翔", "竹本", "磯部"),
        "（［氏名］）資料1の説明をお願いします。\n（［氏名］）はい、アンケート結果です。\n"
        "［氏名］が熱出したので休みます\n申送り者 ［氏名］ / 受け ［氏名］",
    ),
    (
        "0057",
        "元号,年,月,日\n昭和,57,8,21\n世帯No 61120947 の世帯員\n身障手帳 第330187号\n"
        "聞き取り（住所）：いたばしく ときわだい さんのじゅうななのに です",
        ("57,8,21", "61120947", "330187", "ときわだい"),
        "元号,年,月,日\n［生年月日］\n世帯No ［各種番号］ の世帯員\n身障手帳 第［各種番号］号\n"
        "聞き取り（住所）：いたばしく ［住所］ です",
    ),
    (
        "0057",
        "窓口の 邊 さん、至急折り返しお願いします。\nぱんだ組の はると が 転んで膝をすりむきました。\n"
        '{"staff": "相沢", "status": "受付"}',
        ("邊", "はると", "相沢"),
        "窓口の ［氏名］ さん、至急折り返しお願いします。\n"
        "ぱんだ組の ［氏名］ が 転んで膝をすりむきました。\n"
        '{"staff": "［氏名］", "status": "受付"}',
    ),
    (
        "0057",
        "WARN mynumber=447120938851 id=5521\nBDAY:19720415\n転出先 Av. Paulista, 1578 - Bela Vista\n"
        "住民登録番号 900721-1338420",
        ("447120938851", "19720415", "Paulista", "1338420"),
        "WARN mynumber=［マイナンバー］ id=5521\nBDAY:［生年月日］\n転出先 ［住所］ - Bela Vista\n"
        "住民登録番号 ［各種番号］",
    ),
    (
        "0058",
        '{"kana": "キリタニ ユウ", "status": "受付"}\n「虎屋」の最中をいただきました\n'
        "うさぎ組の ぱんだ が 見当たりません",
        ("キリタニ",),
        '{"kana": "［氏名］", "status": "受付"}\n「虎屋」の最中をいただきました\n'
        "うさぎ組の ぱんだ が 見当たりません",
    ),
    (
        "0058",
        "受付番号 2026-1207-0042 の件\n普通 No. 4410927\n連絡先 ren.abe@yahoo,co.jp\n"
        "GET /apply?applicant_id=558203&page=2\nINSERT INTO kojin VALUES (1042, '558203179407')",
        ("4410927", "ren.abe", "558203"),
        "受付番号 2026-1207-0042 の件\n普通 No. ［各種番号］\n連絡先 ［メールアドレス］\n"
        "GET /apply?applicant_id=［各種番号］&page=2\nINSERT INTO kojin VALUES (1042, '［マイナンバー］')",
    ),
]
WHAT_WRITINGS_HOLD = [
    "names",
    "names in Latin letters",
    "names shown by what follows them",
    "surnames spoken to",
    "surnames before what is theirs",
    "names read as words",
    "listed names, readings, birth dates, numbers",
    "variant kanji, more cues, spoken phone numbers",
    "who takes a matter on, homes split wrongly, handbook numbers",
    "people away, care titles, one-kanji surnames, memos",
    "names set apart, introduced, in family lines, accounts",
    "names after sections, in lists and pairs, called in kana",
    "numbers in brackets, residence cards, compact birth dates",
    "at signs spelled out, licence and Japan Post Bank numbers, floors",
    "birth dates far from their label, cards' 記号, address columns",
    "names before verbs, nicknames, roles in capitals, rotas",
    "places and hiragana read as surnames, Latin honorifics",
    "bracketed values, numbers read aloud, blocks joined by の, names at work",
    "names before times, stamps, children, romaji; katakana digits, mistyped birth labels",
    "names in brackets and on boards, readings; numbers after =, English months",
    "presence boards, kin in parentheses, romaji before さん; phones half read aloud, romaji addresses",
    "Latin names after titles, children by class, age, ママ; OCR'd commas, spaced birth dates",
    "names before 家, Tom Wilson; ゆうちょ digit by digit, HTML cells",
    "pairs with ×, quoted names before と名乗る, hiragana introductions, nursery years, kin",
    "list items shaped like a named one, counts of people, hiragana names after a class",
    "hiragana surnames opening a line; dot leaders, snake_case and XML keys, born",
    "names before a count, after 本人, before coaches' titles, in romaji",
    "labels in brackets and hiragana, answer marks, a chat time between numbers",
    "invisible characters inside items, encoded at signs, other scripts' digits, phones after 内線",
    "fields on one line, kin before Latin names; legal numerals, insurers' 記号, corrections",
    "names after stacked labels, in numbered slots, in tallies, one Latin name",
    "dashes said aloud, katakana labels, DATE(), a block of flats' room",
    "names swapped with ⇔, in lettered slots, given names after listed surnames",
    "tax notices' and vouchers' numbers, a short first group, apostrophe years, plates",
    "accounts from a name's parts, roles with a note, mentions, chat speakers, addresses' owners",
    "job seekers' and policies' numbers, lettered numbers, defanged e-mails, a card's last digits",
    "names in file names, mentions, after a mayor's title, couples, quoted readings",
    "customers' IDs, certificates' numbers, motorcycles' plates, numbers learnt after a comma",
    "names handed tasks with arrows, after a rank, a spaced の, between a role and an honorific",
    "certificates' issue numbers, voters' numbers, an insured person's No., romaji addresses",
    "names before a profession's title, after 出身 の, in numbered slots read as nouns",
    "residence cards, messengers' IDs, English birth dates with a weekday, OCR's spaced addresses",
    "surnames read as words before さん, trade titles, hiragana surnames after a role",
    "chassis numbers, device addresses, phones dictated with words between their groups",
    "listed names with notes, arrow chains, spaced particles before a list's people",
    "pension numbers split by の, residence cards between dashes, passports, bracketed years, ゆうちょ",
    "names spaced a character at a time, speakers in 【】 after a title",
    "accounts in CSV rows and after a bank's katakana name, corrected numbers, vaccination tickets",
    "children listed before their ages, romaji surnames in English sentences",
    "era births, numbers broken across lines, ゆうちょ read aloud, CSV rows with a sex, ノ blocks",
    "names after a role or a section, @mentions of full names, initials",
    "PINs, 年生 birth years, 資格確認書, branch-account pairs, handbooks after 番号、第",
    "katakana after a role with の or before さん, one-kanji households, a surname after 事務局 の",
    "passports read aloud, 普通 accounts with a dash, kanji 記号, plates, 防犯登録, lettered numbers",
    "katakana after a role without の, line-ups, chat lines opened by a time, attendance marks",
    "a spaced の after 旧姓, lists in mixed scripts, a caller's quoted name, semicolon lists",
    "dates in rows beside a phone, OCR's T for 〒, day-first births, dogs' numbers, spaced residence IDs",
    "key=value fields, 入力： in 〔〕, shifts joined by 〜, stamps' boxes, assembly members' titles",
    "phones read aloud in groups, 点 for a dot, romaji chome and ban, 被保番, passports with a dash",
    "chat speakers in <>, stamps before ㊞, どん, romaji capitals after a role, a hiragana value cut in two",
    "label | value rows, | in a phone, Phone No., kanji digits, ［ドット］, post-office boxes, 生",
    "a surname after an extension's number, lending logs, seats' sides, one kanji before から回答",
    "URL parameters, 基年番号, a phone's group read aloud between dashes, plates read aloud in hiragana",
    "minutes' speakers in parentheses, a one-kanji child alone, who hands notes over and who takes them",
    "元号,年,月,日 columns, 世帯No, a handbook's 第…号, an address read aloud in hiragana",
    "a variant kanji surname before a spaced さん, a child after a class, a JSON export's staff key",
    "fields named for personal data in logs and vCards, addresses in Brazil, Korea's resident number",
    "a JSON export's kana for a person, beside a quoted shop and a class's toy that stay",
    "a reception number that stays, 普通 No., a comma in a domain, ids in URLs, an INSERT without columns",
]


def test_an_upgrade_masks_the_writings_stored_before_they_were_recognised(database_url: str) -> None:
    """Each writing stored by a person of its own at the version before its masker, in one database
    upgraded step by step: every writing meets the migrations after its version, as one stored then would,
    through one migration chain instead of one per writing."""
    assert len(WHAT_WRITINGS_HOLD) == len(WRITINGS)
    versions = [before for before, *_ in WRITINGS]
    assert versions == sorted(versions), (
        "an upgrade never goes back: the writings in the order of their versions"
    )
    engine = create_engine(database_url)
    try:
        for person, (before, said, _, _) in enumerate(WRITINGS):
            upgrade(engine, before)
            with engine.begin() as connection:
                _store_raw(connection, said=said, user=f"staff-{person}")
        upgrade(engine)
        with engine.connect() as connection:
            stored = _everything(connection)
            contents = dict(
                connection.execute(sa.select(consultations.c.user_id, consultations.c.content)).all()
            )
    finally:
        engine.dispose()
    problems = []
    for person, (what, (_, _, names, masked)) in enumerate(zip(WHAT_WRITINGS_HOLD, WRITINGS, strict=True)):
        problems += [f"{what}: {name} stayed in some table" for name in names if name in stored]
        if contents[f"staff-{person}"] != masked:
            problems.append(f"{what}: {contents[f'staff-{person}']!r}")
    assert not problems, "\n".join(problems)


def test_an_upgrade_masks_who_asked_for_a_reload_through_the_api(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        upgrade(engine, "0036")
        with engine.begin() as connection:
            for by, via in (
                ("山田太郎 090-1234-5678 taro.yamada@example.com", "api"),
                ("suzuki", "dashboard"),
            ):
                connection.execute(
                    knowledge_reloads.insert().values(
                        requested_by=by, via=via, instance="test", requested_at=NOW, detail={}
                    )
                )
        upgrade(engine)
        with engine.connect() as connection:
            query = sa.select(knowledge_reloads.c.requested_by).order_by(knowledge_reloads.c.id)
            stored = connection.execute(query).scalars().all()
        assert stored == ["［氏名］ ［電話番号］ ［メールアドレス］", "suzuki"], "a dashboard account stays"
    finally:
        engine.dispose()


def test_the_scrub_masks_the_answers_kept_after_a_login_expired_as_later_migrations_will(
    database_url: str,
) -> None:
    """A masking migration after 0049 reaches the kept answers too: masked as the masker of its day masks."""
    engine = create_engine(database_url)
    try:
        upgrade(engine)
        with engine.begin() as connection:
            connection.execute(
                admin_users.insert().values(
                    id=1,
                    name="tanaka",
                    display_name="田中",
                    password_hash="x",
                    is_editor=False,
                    created_at=NOW,
                )
            )
            _store_raw(connection)
            number = connection.execute(sa.select(consultations.c.id)).scalar_one()
            raw = f"担当の山田太郎さん（{RAW[1]}）にお伝えします。"  # as a masker that missed them stored it
            connection.execute(
                answer_drafts.insert().values(consultation_id=number, user_id=1, text=raw, saved_at=NOW)
            )
            changed = mask_stored(connection)
            kept = connection.execute(sa.select(answer_drafts.c.text)).scalar_one()
        assert kept == "担当の［氏名］さん（［電話番号］）にお伝えします。"
        assert changed["answer_drafts"] == 1
    finally:
        engine.dispose()


def _store_raw(connection: sa.Connection, said: str = SAID, user: str = "staff-1") -> None:
    key = {"channel": "web", "user_id": user, "conversation_id": user}
    state = {
        "query": said,
        "tokens": [["0", {"op": "consult", "query": said, "ref": "", "refs": []}]],
        "counter": 1,
    }
    connection.execute(conversations.insert().values(**key, state=state, created_at=NOW, updated_at=NOW))
    connection.execute(messages.insert().values(**key, role="user", text=said, payload=None, created_at=NOW))
    connection.execute(
        messages.insert().values(**key, role="button", text="x", payload={"action": RAW[1]}, created_at=NOW)
    )
    number = connection.execute(
        consultations.insert()
        .values(
            **key,
            section=f"総務課 {RAW[1]}",
            query=said,
            content=said,
            wanted_by=RAW[2],
            status="new",
            masked=[],
            candidates=[],
            version=1,
            created_at=NOW,
            updated_at=NOW,
        )
        .returning(consultations.c.id)
    ).scalar_one()
    connection.execute(
        consultation_events.insert().values(
            consultation_id=number, at=NOW, actor="tanaka", kind="note", text=said, data={"to": [RAW[1]]}
        )
    )
    for tag in ("要確認", RAW[1], "09012345678"):
        connection.execute(consultation_tags.insert().values(consultation_id=number, tag=tag))
    connection.execute(
        faq_drafts.insert().values(
            consultation_id=number,
            entry_id=RAW[1],
            category="相談",
            question=said,
            answer=said,
            phrasings=[said],
            keywords=[RAW[2]],
            status="draft",
            version=1,
            created_by="tanaka",
            created_at=NOW,
            updated_by="tanaka",
            updated_at=NOW,
        )
    )
    connection.execute(
        outbox.insert().values(**key, payload={"text": said}, created_at=NOW, status="pending")
    )


def _everything(connection: sa.Connection) -> str:
    tables = (
        conversations,
        messages,
        consultations,
        consultation_events,
        consultation_tags,
        faq_drafts,
        outbox,
    )
    rows = [row for table in tables for row in connection.execute(sa.select(table)).all()]
    return json.dumps(
        [[str(v) if not isinstance(v, dict | list) else v for v in row] for row in rows], ensure_ascii=False
    )
