"""Where a Slack answer goes: a channel, the thread to answer in, and the message a later push threads under.

Kept with the conversation as the person's address (a small JSON object),
and with a consultation as the address of the event that opened it, so
that the DX team's answer, days later, is posted as a reply in the thread
of the question (the bot's summary the staff member confirmed), even if
they have written since, and shown in the conversation as well
(``reply_broadcast``). A push that answers nothing in particular threads
under the message they last sent or pressed a button on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

__all__ = ["Address"]


@dataclass(frozen=True, slots=True)
class Address:
    """A Slack conversation, and where in it to post.

    ``channel``: the Slack channel id (``D…`` for a direct message);
    ``thread``: the thread to answer in now (None: the channel itself);
    ``ts``: the message a push later threads under.
    """

    channel: str
    thread: str | None = None
    ts: str | None = None

    def encode(self) -> str:
        """The stored form."""
        return json.dumps({"channel": self.channel, "thread": self.thread, "ts": self.ts})

    @classmethod
    def decode(cls, text: str) -> Address:
        """Read `encode`'s form back; a bare channel id (no JSON) is an address of its own."""
        if not text.startswith("{"):
            return cls(text)
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("channel"), str):
            raise ValueError(f"not a Slack address: {text[:100]!r}")  # noqa: TRY004 (bad data, one error)
        return cls(data["channel"], _optional(data.get("thread")), _optional(data.get("ts")))

    @property
    def push_thread(self) -> str | None:
        """The thread a push goes in: the one answered in, else the message's own."""
        return self.thread or self.ts


def _optional(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
