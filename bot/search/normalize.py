"""Japanese text normalisation shared by indexing and querying.

Both sides go through the same functions, so whatever variant staff type
(half-width kana, full-width letters, ＲＰＡ, ぺーぱーれす, 〜 for ー) meets
the same form as the knowledge.
"""

from __future__ import annotations

import re
import unicodedata

from bot.kana import to_katakana

__all__ = [
    "MAX_BARE_TOPIC",
    "MAX_QUERY_CHARS",
    "bare_topic",
    "closing",
    "gram_text",
    "normalize",
    "once_each",
    "sentences",
]

MAX_QUERY_CHARS = 1000
"""Longer input is cut: the question is near the end of long stories, so the tail is kept."""

_SENTENCE = re.compile(r"[^。！？!?\n]*[。！？!?\n]|[^。！？!?\n]+")
"""A sentence and its closing mark, or the text after the last: found where they start, where splitting
after each mark (a look-behind, which `re` tries at every character) cost a story thirty times as much."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_SPACES = re.compile(r"\s+")
# A word's last sound stretched for emphasis after kana or kanji (くださいいいい, 教えてーーー, ですっっっ):
# three of one vowel or more are one; two long-vowel marks or more one after katakana (メンバーーー) and none
# after hiragana or kanji, where a loanword would be read into the word (おしえてー is no オシエテー);
# two small っ or more none at a phrase's end, one within it (やっっと). Read so, the stretched word is
# the plain one (ください, 教えて). A word ending in a doubled vowel reads short (いいいい is い).
# Each of these patterns (and `_KANA_DASH`) opens with the character it changes and looks behind it after
# (``(?<=W.)``: the character before is W), not before: `re` then skips to the places that character is at,
# where a pattern opening with a look-behind is tried at every character of the text (up to thirty times
# the cost on a story, which rarely has any such character).
_WORD = "[\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff]"
_STRETCHED_VOWEL = re.compile(rf"([あいうえおぁぃぅぇぉ])(?<={_WORD}.)\1{{2,}}")
_STRETCHED_MARK = re.compile(rf"[ー〜～~](?<=(?P<before>{_WORD}).)[ー〜～~]+")
_STRETCHED_STOP = re.compile(rf"っ(?<={_WORD}.)っ+(?P<within>[\u3041-\u3096\u30a1-\u30fa])?")
# Wave dashes and hyphens written where a long-vowel mark was meant (コンピュ〜タ, メ-ル).
_KANA_DASH = re.compile(r"[〜～\-‐‑–—―−](?<=[\u3041-\u3096\u30a1-\u30fa].)")
# A run of hiragana with a long-vowel mark is almost always a katakana word typed in hiragana.
# Matched from the start of a hiragana run only: tried inside a run too, it rescanned the run each time.
_HIRAGANA_LOANWORD = re.compile(r"(?<![\u3041-\u3096])[\u3041-\u3096]+ー[\u3041-\u3096ー]*")
# The particles that split such a run into the loanword and the words around it (めんばー|の|まきこみ):
# を always; の, が, は, へ and や not where loanwords hold them: before ー, a small kana or ん
# (のーこーど, へっだー, はんばーがー), nor after ー (ぱわーはら) unless they end the run (めんばーの).
# So is って where no ー or small kana follows it in the run (あーるぴーえー|ってなに,
# おーしーあーる|って|つかえる): what follows is no loanword's, while ばってりー keeps its ッテ;
# and の before こと at the end (…|のこと). Not とは: a loanword's ート takes は (さぽーとは).
_PARTICLE = re.compile(
    r"(を|(?<!ー)[のがはへや](?![ーぁぃぅぇぉゃゅょっん])|(?<=ー)[のがはへや]$"
    r"|って(?=[^ーぁぃぅぇぉゃゅょ]*$)|の(?=こと$))"
)
_FULL_WIDTH = re.compile("[\uff01-\uff5e]")
"""Full-width ASCII (？, Ｅｘｃｅｌ), mapped to ASCII ahead of NFKC just as NFKC maps it: typed Japanese
is then usually normalised already, which NFKC sees at once instead of rebuilding the whole text
(some 30 µs of a 200-character story, where one ？ was enough)."""
_NOT_GRAM = re.compile(r"[^0-9a-z\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff々〆]+")


_SETTLED = re.compile(r"[\u4e00-\u9fff々\u30a1-\u30fa]*")
"""Text that `normalize` leaves as it is: kanji of the unified block (which NFKC keeps, unlike the
compatibility ideographs) and katakana without ー. Nothing of it is a control, full-width ASCII, a case,
a space, a stretched sound, a dash or hiragana, so no step would change it. The nouns the search looks
up one by one (for their synonym groups, parts and reading) are mostly such: some four a story, each
spared nine passes over it (about 8 µs a word). `tests/search/test_normalize.py` runs every such
character through the steps (`_normalized`), so a step added that changes one fails there."""


def normalize(text: str) -> str:
    """NFKC, lower case, one long-vowel mark, hiragana loanwords as katakana."""
    if len(text) <= MAX_QUERY_CHARS and _SETTLED.fullmatch(text):
        return text
    return _normalized(text)


def _normalized(text: str) -> str:
    """`normalize`, step by step."""
    text = _CONTROL.sub(" ", text)
    if len(text) > MAX_QUERY_CHARS:
        text = text[-MAX_QUERY_CHARS:]
    text = unicodedata.normalize("NFKC", _FULL_WIDTH.sub(_half_width, text)).casefold()
    text = _unstretched(text)
    text = _KANA_DASH.sub("ー", text)
    if "ー" in text:  # every loanword holds one; the pattern is tried at each of a story's 100-odd hiragana
        text = _HIRAGANA_LOANWORD.sub(_loanwords_as_katakana, text)
    return _SPACES.sub(" ", text).strip()


def _unstretched(text: str) -> str:
    """``text`` with its stretched sounds (`_STRETCHED_VOWEL` and the like) as the plain word's."""
    text = _STRETCHED_VOWEL.sub(r"\1", text)
    text = _STRETCHED_MARK.sub(_one_mark, text)
    return _STRETCHED_STOP.sub(_one_stop, text)


def _one_mark(run: re.Match[str]) -> str:
    """A run of long-vowel marks as one after katakana, as none after hiragana or kanji."""
    return "ー" if "\u30a1" <= run["before"] <= "\u30fa" else ""


def _one_stop(run: re.Match[str]) -> str:
    """A run of small っ as one within a word, as none where it ends one."""
    return "っ" + run["within"] if run["within"] else ""


def _loanwords_as_katakana(run: re.Match[str]) -> str:
    """The hiragana run in katakana where it holds ー, its particles and the words without ー left alone."""
    return "".join(to_katakana(piece) if "ー" in piece else piece for piece in _PARTICLE.split(run.group()))


def _half_width(match: re.Match[str]) -> str:
    """The ASCII character NFKC makes of a full-width one."""
    return chr(ord(match.group()) - 0xFEE0)


def gram_text(normalized: str) -> str:
    """The form character n-grams are taken from: kana folded, ー and punctuation dropped.

    Folding makes ろぼっと meet ロボット; dropping ー makes ペーパレス (a common slip) meet ペーパーレス.
    """
    return _NOT_GRAM.sub(" ", to_katakana(normalized).replace("ー", "")).strip()


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, each with its closing mark, blank ones left out."""
    return [s for s in _SENTENCE.findall(text) if s.strip()]


_MARKS = "。！？!?\n \t\u3000"
"""What `once_each` leaves out when it compares sentences: spaces and the closing mark."""


def once_each(text: str) -> str:
    """``text`` with a sentence said more than once kept only where it is last said, else ``text`` itself.

    A sentence pasted again and again would outweigh the rest: its terms count more, its n-grams fill the
    rarest kept, the fuzzy similarity reads a text no entry resembles, and past `MAX_QUERY_CHARS` the
    message is cut inside a sentence (a 1,900-character message of one sentence was answered otherwise
    than the sentence). The last of each is kept, as the question is near the end (`closing`).
    """
    found = _SENTENCE.findall(text)  # they cover the text end to end
    if len(found) < 2:
        return text
    seen: set[str] = set()
    kept: list[str] = []
    for sentence in reversed(found):
        said = sentence.strip(_MARKS)
        if said and said in seen:
            continue
        seen.add(said)
        kept.append(sentence)
    return text if len(kept) == len(found) else "".join(reversed(kept))


def closing(text: str, limit: int) -> str:
    """The closing sentences of ``text`` that fit in ``limit`` characters, where staff put their question.

    When the last sentence alone is longer, its last ``limit`` characters.
    """
    kept = ""
    for sentence in reversed(sentences(text)):
        if len(kept) + len(sentence) > limit:
            break
        kept = sentence + kept
    return kept or text.strip()[-limit:]


MAX_BARE_TOPIC = 12
"""The longest topic `bare_topic` takes out of its frame: a longer text is a sentence whose frame may ask."""
_EVERYDAY_FRAME = re.compile(
    rf"(?P<topic>[^、。,.!?？！\s]{{2,{MAX_BARE_TOPIC}}}?)"
    "(?:について(?:の)?(?:(?:知りたい|聞きたい|相談したい|質問)(?:です)?|教えて(?:ください|下さい|ほしい)?)?"
    # を is often left out and 教えて left in kana (RPA教えて, RPAおしえてください).
    "|を?(?:教えて|おしえて)(?:ください|下さい|ほしい)?"
    "|(?:って|は)?(?:ある|あります(?:か)?)"
    "|のこと(?:で聞きたい|を知りたい|が知りたい)?|の件(?:で|です)?"
    "|[がを]知りたい(?:です)?"
    "|のやり方(?:は)?|って(?:どうすればいい|どうやる|できますか|できる))"
    # A softened ending: …知りたいのですが, …教えてほしいんですけど, …どうすればいいの？
    "(?:な?[のん](?:です)?(?:が|けど)?|です(?:が|けど)|けど)?"
    r"[\s。？?！!]*"
)
MAX_FRAMES = 3
"""Frames taken off one after another (RPAのやり方を教えて → RPAのやり方 → RPA)."""


def bare_topic(text: str) -> str:
    """The topic of a short query that is nothing but a topic in an everyday frame, else ``text``.

    研修について知りたい, RPAある？ and 窓口の件 ask about 研修, RPA and 窓口, and the frame says nothing
    about which entry is meant; yet an entry with one phrasing in the same frame (出張の日当について
    知りたい) matches the frame in full and may win (the frames probe, `benchmarks.frames`). Searched bare,
    the topic gets the decision its own words earn (研修: the training entries offered). Only a topic of
    at most `MAX_BARE_TOPIC` characters without a break: after a sentence or two the frame's words may be
    what is asked (…見当がつきません。最初にやるべきことを教えてください). How-to and can-I frames
    (のやり方, ってどうすればいい, ってできますか) are taken off too: nearly every entry of a FAQ answers how
    to do something, so they choose among a topic's entries by whichever phrasing shares them (RPAのやり方
    was answered with the licence request). A frame may end softened (…知りたいのですが) and hold another
    (RPAのやり方を教えて). A definition (RPAとは) stays.
    """
    topic = plain = _unstretched(text)
    for _ in range(MAX_FRAMES):
        found = _EVERYDAY_FRAME.fullmatch(topic.strip())
        if found is None:
            break
        topic = found["topic"]
    return text if topic is plain else topic
