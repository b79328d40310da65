"""The answer to an invoke the bot does not handle: a pure function, no I/O.

Teams waits for an invoke's answer in the HTTP response. The SDK's default
for an invoke no code answered is 501, which Teams shows as a generic
failure and which reads as a server fault in every log; Microsoft's Teams
SDK answers such an invoke 200 instead. So does the bot, never a 5xx,
and where the invoke's answer has a place for a text, Teams shows
`NOT_SUPPORTED` there:

- ``adaptiveCard/action`` (a card's ``Action.Execute``): a Universal
  Actions message (``statusCode`` 200, ``application/vnd.microsoft.activity.message``);
- ``task/…`` (a dialog): a dialog message;
- ``composeExtension/…`` (a message extension): its plain-text message;
- anything else (``signin/verifyState``, names Teams adds later, an invoke
  without a name, a suggested action without our action): 200 with no
  body, nothing done.

The bot's app package declares none of them (a personal bot, no message
extension, no dialogs), so they come from old clients, hand-made cards or
someone trying the endpoint.
"""

from __future__ import annotations

from typing import Any

from microsoft_agents.activity import InvokeResponse

__all__ = ["NOT_SUPPORTED", "unhandled"]

NOT_SUPPORTED = "この操作には対応していません。ご質問はチャットにメッセージでお送りください。"

_UNIVERSAL_ACTION = "adaptiveCard/action"
_MESSAGE = "application/vnd.microsoft.activity.message"


def unhandled(name: str | None) -> InvokeResponse:
    """The answer to the invoke ``name`` the bot does not handle: always 200, with a body only Teams shows."""
    return InvokeResponse(status=200, body=_body(name or ""))


def _body(name: str) -> dict[str, Any] | None:
    if name == _UNIVERSAL_ACTION:
        return {"statusCode": 200, "type": _MESSAGE, "value": NOT_SUPPORTED}
    if name.startswith("task/"):
        return {"task": {"type": "message", "value": NOT_SUPPORTED}}
    if name.startswith("composeExtension/"):
        return {"composeExtension": {"type": "message", "text": NOT_SUPPORTED}}
    return None
