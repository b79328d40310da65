"""Shortened words staff and residents type (特養, 国保, パワハラ): how many the rules read, and which.

`bot.search.abbreviation` reads a noun no entry knows as the compound it
shortens, by the regular ways Japanese shortens words. This measures it two ways:

- *recall*: the shortenings in `PAIRS`, common in a ward's work and written
  down apart from the rules, made from their full forms as the index would
  (the analyzer's parts): which ones the rules make;
- *in use*: on each labelled knowledge base, the nouns of its queries that no
  entry knows and that are read as a shortening, with what they are read as, to
  judge by eye (a wrong reading adds a wrong word to the query).

Usage, from the repository root: python -m benchmarks.abbreviations
"""

from __future__ import annotations

from pathlib import Path

from bot.evaluation import load_queries, without_phrasings
from bot.knowledge import load_knowledge
from bot.search import Searcher
from bot.search.abbreviation import expansions, shortenings
from bot.search.analyzer import Analyzer

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
ROOT = DATA.parent.parent

PAIRS = (
    ("国保", "国民健康保険"),
    ("国年", "国民年金"),
    ("特養", "特別養護老人ホーム"),
    ("老健", "介護老人保健施設"),
    ("育休", "育児休業"),
    ("産休", "産前産後休業"),
    ("年休", "年次休暇"),
    ("住基", "住民基本台帳"),
    ("母子手帳", "母子健康手帳"),
    ("印鑑証明", "印鑑登録証明書"),
    ("社協", "社会福祉協議会"),
    ("選管", "選挙管理委員会"),
    ("教委", "教育委員会"),
    ("生保", "生活保護"),
    ("地域包括", "地域包括支援センター"),
    ("後期高齢", "後期高齢者医療制度"),
    ("就活", "就職活動"),
    ("婚活", "結婚活動"),
    ("学割", "学生割引"),
    ("特定健診", "特定健康診査"),
    ("労基署", "労働基準監督署"),
    ("職安", "公共職業安定所"),
    ("入管", "出入国在留管理庁"),
    ("児扶", "児童扶養手当"),
    ("障害年金", "障害基礎年金"),
    ("確定拠出", "確定拠出年金"),
    ("公用車", "公用自動車"),
    ("情シス", "情報システム部門"),
    ("パワハラ", "パワーハラスメント"),
    ("セクハラ", "セクシャルハラスメント"),
    ("ファミサポ", "ファミリーサポート"),
    ("パソコン", "パーソナルコンピューター"),
    ("デジカメ", "デジタルカメラ"),
    ("スマホ", "スマートフォン"),
    ("アプデ", "アップデート"),
    ("マイナ", "マイナンバーカード"),
)
"""(shortening, full form): forms staff and residents type, written apart from the rules."""

SETS = (
    ("sample FAQ, bare", ROOT / "faq.yaml", ROOT / "knowledge", ("queries_dev", "queries_holdout"), True),
    ("ward", DATA / "ward" / "faq.yaml", DATA / "ward" / "knowledge", ("ward/queries",), False),
    ("staff helpdesk", DATA / "staff" / "faq.yaml", DATA / "staff" / "knowledge", ("staff/queries",), False),
    ("city", DATA / "city" / "faq.yaml", DATA / "city" / "knowledge", ("city/queries",), False),
)


def recall(analyzer: Analyzer) -> list[tuple[str, str, bool]]:
    """Each pair of `PAIRS` and whether the rules make its shortening from its full form."""
    return [(short, full, short in shortenings(analyzer.parts(full))) for short, full in PAIRS]


def in_use() -> None:
    """Print, per labelled knowledge base, the unknown query nouns read as shortenings."""
    for name, faq, knowledge, query_sets, strip in SETS:
        kb = load_knowledge(faq, knowledge)
        searcher = Searcher.build(without_phrasings(kb) if strip else kb, semantic=False)
        index, analyzer = searcher.index, searcher.analyzer
        read: dict[str, tuple[str, ...]] = {}
        for stem in query_sets:
            for query in load_queries(DATA / f"{stem}.yaml"):
                for noun in analyzer.analyze(query.q, ngrams=False).nouns:
                    if "w:" + noun not in index.vocabulary:
                        words = expansions(index.abbreviations, index.vocabulary, noun, analyzer.parts)
                        if words:
                            read[noun] = words
        print(f"{name}: {len(index.abbreviations)} shortenings of its words, {len(read)} query nouns read so")
        for noun, words in sorted(read.items()):
            print(f"  {noun} → {', '.join(words)}")


def main() -> None:
    analyzer = Analyzer()
    found = recall(analyzer)
    made = [pair for pair in found if pair[2]]
    print(f"shortenings made from their full forms: {len(made)} of {len(found)}")
    for short, full, ok in found:
        if not ok:
            print(f"  not made: {short} ({full} → {' / '.join(analyzer.parts(full))})")
    print()
    in_use()


if __name__ == "__main__":
    main()
