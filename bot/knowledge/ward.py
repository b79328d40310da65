"""The ward's own names: who the bot speaks for, whom staff reach, and what it promises.

Everything ward-specific that the chat, the messages and the dashboard say
comes from ``knowledge/ward.yaml`` (`Ward`), checked like the other
knowledge files (``file:line: message``) and reloaded with them. A missing
file, or a missing key, means the sample ward's value, except the FAQ
categories' labels and order (`Ward.categories`): they belong to the sample's
own FAQ, and a ward's FAQ has categories of its own.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from bot.knowledge.schema import CATEGORY_MAX

__all__ = ["Ward"]


def _one_line(value: str) -> str:
    if any(c in value for c in "\r\n\u2028\u2029\x85"):
        raise PydanticCustomError("multiline", "改行を入れずに1行で書いてください")
    return value


Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60), AfterValidator(_one_line)
]


def _without_brackets(brackets: str, code: str, message: str) -> AfterValidator:
    """A check that a value neither opens nor closes with one of ``brackets``: the bot adds its own."""

    def check(value: str) -> str:
        if value[0] in brackets or value[-1] in brackets:
            raise PydanticCustomError(code, message)
        return value

    return AfterValidator(check)


Title = Annotated[
    Name,
    _without_brackets(
        "『「【』」】",
        "bracketed_title",
        "書名だけを『』なしで書いてください（表示するときに『』を付けます）",
    ),
]
"""A title the bot puts in 『』 itself, so without brackets of its own."""


Example = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=30),
    AfterValidator(_one_line),
    _without_brackets(
        "「『」』", "quoted_example", "例は「」なしで書いてください（表示するときに「」を付けます）"
    ),
]
"""One example of what staff type: one short line for the menu, without 「」 (the bot adds them)."""


CategoryName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=CATEGORY_MAX),
    AfterValidator(_one_line),
]
"""An FAQ category as faq.yaml's entries name it."""


class Ward(BaseModel):
    """The ward-specific words, with the sample ward's as defaults."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ward: Name = "サンプル区"
    """The ward's name (「〇〇区」)."""
    team: Name = "DX推進課"
    """The team that answers consultations, as staff call it: 「{team}に相談する」."""
    team_full: Name = "政策経営部 DX推進課（業務改善担当）"
    """The team with its department, under the chat page's title."""
    department: Name = "政策経営部 DX推進課"
    """The dashboard's header."""
    contact: Name = "DX推進課（内線 2345）"
    """Whom staff can call when the bot cannot help: 「お急ぎの場合は、{contact}までお電話ください」."""
    answer_time: Name = "3開庁日以内"
    """When the team usually answers a consultation: 「（通常、{answer_time}）」."""
    bot_name: Name = "業務改善相談bot"
    """The chat's header and the page title."""
    subject: Name = "業務改善"
    """What the bot is about: 「{subject}について気軽にご質問ください」."""
    topics: Name = "RPA、AI-OCR、電子申請、ペーパーレスなど"
    """Examples of what staff may ask, in the greeting: 「{topics}、{subject}について…」."""
    examples: tuple[Example, ...] = Field(
        default=("RPAを使いたい", "業務の棚卸しのやり方", "OCRの事例"), min_length=1, max_length=5
    )
    """What staff might type, in the menu: 「（例：「RPAを使いたい」「業務の棚卸しのやり方」…）」."""
    manual: Title = "業務改善の手引き"
    """The manual's title (``knowledge/manual/``), without 『』: 「『{manual}』は全9章です」."""
    manual_short: Name = "手引き"
    """The manual called for short, in buttons and sentences: 「{manual_short}を読む」."""
    categories: dict[CategoryName, Name] = Field(default_factory=dict)
    """The FAQ categories' button labels, in the menu's order: 「{label}」のよくある質問です.

    Categories not named here follow in the order the FAQ first uses them, as
    written; none by default (the sample's labels are in its own ward.yaml).
    """
    policy: Name | None = None
    """The label of the category 方針, from files written before ``categories`` (which wins)."""

    @property
    def category_labels(self) -> dict[str, str]:
        """Each labelled category's button label, in the menu's order (``policy`` last if not there)."""
        if self.policy is None or "方針" in self.categories:
            return self.categories
        return {**self.categories, "方針": self.policy}

    @property
    def manual_title(self) -> str:
        """The manual's title as cited: 『業務改善の手引き』."""
        return f"『{self.manual}』"

    @property
    def example_list(self) -> str:
        """The examples as the menu lists them: 「RPAを使いたい」「業務の棚卸しのやり方」."""
        return "".join(f"「{example}」" for example in self.examples)

    @property
    def consult_label(self) -> str:
        """The button that starts a consultation."""
        return f"{self.team}に相談する"
