"""Teams for the shared channel tests: the fake Bot Framework, and Teams' webhooks signed as Teams signs them.

The SDK runs for real against `FakeBotFramework`: its JWT validator fetches
the fake's keys over HTTP (the Bot Framework issuer's JWKS address is
pointed at the fake, the SDK has no setting for it), its adapter reads the
activities, its connector client posts to the fake's ``serviceUrl``. Two
things cannot run offline and are swapped for the duration of a test
(`bot.handlers.teams.sdk.credential_connections` and
`microsoft_hosts_only`): MSAL's token requests, which only
go to the real Entra, are replaced by `FakeEntraTokens` against the fake;
and the check that a ``serviceUrl`` is a Microsoft https host, which no
127.0.0.1 address passes, is off.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
from typing import Any

import pytest
from microsoft_agents.hosting.core import AgentAuthConfiguration, ConnectionManager, OutboundHostValidator
from microsoft_agents.hosting.core.authorization import _entra_issuers

from bot.handlers.teams import sdk
from tests.auxil.botframework import BOTFRAMEWORK_ISSUER, TENANT_ID, FakeBotFramework, FakeEntraTokens, Posted
from tests.auxil.channels import Sent, Webhook
from tests.auxil.platforms import Hold, rsa_key
from tests.auxil.teamroom import Posted as RoomPost

PATH = "/webhooks/teams"
APP_PASSWORD = "test-client-secret"


class TeamsPlatform:
    """Teams for `tests/handlers/test_channels.py`."""

    channel = "teams"

    def __init__(self) -> None:
        self.fake = FakeBotFramework()
        self.patch = pytest.MonkeyPatch()

    async def start(self) -> None:
        await self.fake.start()
        offline(self.patch, self.fake)

    async def stop(self) -> None:
        self.patch.undo()
        await self.fake.stop()

    def settings(self) -> dict[str, str]:
        return {
            "TEAMS_APP_ID": self.fake.app_id,
            "TEAMS_APP_PASSWORD": APP_PASSWORD,
            "TEAMS_TENANT_ID": TENANT_ID,
        }

    def text(self, user: str, text: str, event_id: str) -> Webhook:
        return self.webhook(self.activity(user, event_id, text))

    def press(self, user: str, action: str, event_id: str) -> Webhook:
        return self.webhook(self.activity(user, event_id, value={"action": action}))

    def sticker(self, user: str, event_id: str) -> Webhook:
        image = {
            "contentType": "image/png",
            "contentUrl": f"{self.fake.base}/files/photo.png",
            "name": "photo.png",
        }
        return self.webhook(self.activity(user, event_id, attachments=[image]))

    def follow(self, user: str, event_id: str) -> Webhook:
        """The app installed in ``user``'s personal chat: the bot among the members added."""
        activity = self.activity(user, event_id, kind="conversationUpdate")
        activity["membersAdded"] = [{"id": f"28:{self.fake.app_id}"}]
        return self.webhook(activity)

    def unfollow(self, user: str, event_id: str) -> Webhook:
        activity = self.activity(user, event_id, kind="installationUpdate")
        activity["action"] = "remove"
        return self.webhook(activity)

    def forged(self, webhook: Webhook) -> Webhook:
        forged = self.fake.token(key=rsa_key("stranger"))  # the same kid and claims, another key
        return Webhook(webhook.path, webhook.body, {**webhook.headers, "Authorization": f"Bearer {forged}"})

    def unsigned(self, webhook: Webhook) -> Webhook:
        headers = {k: v for k, v in webhook.headers.items() if k != "Authorization"}
        return Webhook(webhook.path, webhook.body, headers)

    def block(self, user: str) -> None:
        self.fake.gone[_conversation(user)] = 403

    def pause_next(self, seconds: int) -> None:
        self.fake.pause = seconds

    def pause_after(self, sent: int, seconds: int) -> None:
        self.fake.passing, self.fake.pause = sent, seconds

    def hold_indicator(self) -> Hold:
        """Leave the next typing activity unanswered until the returned hold is released."""
        self.fake.hold_typing = Hold()
        return self.fake.hold_typing

    async def sent(self, user: str, count: int) -> list[Sent]:
        async with asyncio.timeout(10), self.fake.changed:
            await self.fake.changed.wait_for(lambda: len(self.all_sent(user)) >= count)
        return self.all_sent(user)[:count]

    def all_sent(self, user: str) -> list[Sent]:
        """Messages to ``user``; a carousel joins the message before it, as one reply's cards."""
        found: list[Sent] = []
        for posted in self.fake.messages():
            if posted.conversation_id != _conversation(user):
                continue
            sent = _sent(user, posted)
            if posted.activity.get("attachmentLayout") == "carousel" and found:
                last = found[-1]
                sent = Sent(
                    user, last.text, last.buttons + sent.buttons, last.actions + sent.actions, last.via
                )
                found[-1] = sent
            else:
                found.append(sent)
        return found

    def activity(self, user: str, event_id: str, text: str | None = None, **fields: Any) -> dict[str, Any]:
        """An activity from ``user`` in their personal chat with the bot."""
        return self.fake.activity(
            text,
            activity_id=event_id,
            conversation_id=_conversation(user),
            user_id=f"29:{user}",
            aad_object_id=user,
            **fields,
        )

    def webhook(self, activity: dict[str, Any]) -> Webhook:
        headers = {"Authorization": f"Bearer {self.fake.token()}", "Content-Type": "application/json"}
        return Webhook(PATH, json.dumps(activity, ensure_ascii=False).encode(), headers)


def offline(patch: pytest.MonkeyPatch, fake: FakeBotFramework) -> None:
    """Point the SDK at ``fake`` where it has no setting: issuer keys, Entra tokens, the host check."""
    patch.setitem(_entra_issuers.BOTFRAMEWORK_JWKS_URIS, BOTFRAMEWORK_ISSUER, fake.jwks_url)

    def connections(configuration: AgentAuthConfiguration) -> ConnectionManager:
        return ConnectionManager(
            provider_factory=lambda config: FakeEntraTokens(fake, config),
            connections_configurations={sdk.SERVICE_CONNECTION: configuration},
        )

    patch.setattr(sdk, "credential_connections", connections)
    patch.setattr(sdk, "microsoft_hosts_only", lambda: OutboundHostValidator(enabled=False))


def _conversation(user: str) -> str:
    return f"a:1chat-{user}"


def _sent(user: str, posted: Posted) -> Sent:
    activity = posted.activity
    texts: list[str] = []
    buttons: list[tuple[str, str]] = []
    if activity.get("text"):
        texts.append(html.unescape(re.sub(r"<br\s*/?>", "\n", activity["text"])))
    for action in (activity.get("suggestedActions") or {}).get("actions", []):
        buttons.append((action["title"], action["value"]["action"]))
    for attachment in activity.get("attachments", []):
        card = attachment["content"]
        texts.extend(block_texts(card["body"]))
        buttons.extend(_selectable(card["body"]))
        buttons.extend((a["title"], a["data"]["action"]) for a in card.get("actions", []))
    return Sent(
        to=user,
        text="\n".join(texts),
        buttons=tuple(label for label, _ in buttons),
        actions=tuple(action for _, action in buttons),
        via="reply" if posted.reply_to_id else "push",
    )


def block_texts(blocks: list[dict[str, Any]]) -> list[str]:
    """The texts of an Adaptive Card's text blocks (each a ``RichTextBlock`` of ``TextRun``s), in order.

    A ``Container``'s blocks count too, where the container stands.
    """
    texts: list[str] = []
    for block in blocks:
        if block["type"] == "RichTextBlock":
            texts.append("".join(run["text"] for run in block["inlines"]))
        elif block["type"] == "Container":
            texts.extend(block_texts(block["items"]))
    return texts


def _selectable(blocks: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The blocks a press submits (``selectAction``): a button too, as (its title, its action)."""
    found: list[tuple[str, str]] = []
    for block in blocks:
        if submit := block.get("selectAction"):
            found.append((submit["title"], submit["data"]["action"]))
        if block["type"] == "Container":
            found.extend(_selectable(block["items"]))
    return found


class TeamsRoom:
    """A team's channel in Teams as the DX team's room (`tests.auxil.teamroom.RoomPlatform`)."""

    channel = "teams"
    room = "19:dx-team-room@thread.tacv2"
    threads = True

    def __init__(self) -> None:
        self.platform = TeamsPlatform()
        self.fake = self.platform.fake

    async def start(self) -> None:
        await self.platform.start()

    async def stop(self) -> None:
        await self.platform.stop()

    def settings(self) -> dict[str, str]:
        return self.platform.settings()

    def user(self, name: str) -> str:
        return f"aad-{name}"

    def joined(self, event_id: str) -> Webhook:
        activity = self._in_room(self.fake.activity(None, activity_id=event_id, kind="conversationUpdate"))
        activity["membersAdded"] = [{"id": f"28:{self.fake.app_id}"}]
        return self.platform.webhook(activity)

    def said(self, name: str, text: str, event_id: str) -> Webhook:
        mention = "<at>kaizen-bot</at>"
        activity = self.fake.activity(
            f"{mention} {text}",
            activity_id=event_id,
            user_id=f"29:{name}",
            aad_object_id=self.user(name),
        )
        activity["entities"].append(
            {
                "type": "mention",
                "mentioned": {"id": f"28:{self.fake.app_id}", "name": "kaizen-bot"},
                "text": mention,
            }
        )
        return self.platform.webhook(self._in_room(activity))

    def refuse(self, *statuses: int) -> None:
        self.fake.script.extend(statuses)

    async def posted(self, count: int) -> list[RoomPost]:
        async with asyncio.timeout(10), self.fake.changed:
            await self.fake.changed.wait_for(lambda: len(self.all_posted()) >= count)
        return self.all_posted()[:count]

    def all_posted(self) -> list[RoomPost]:
        found: list[RoomPost] = []
        for posted in self.fake.messages():
            if posted.conversation_id.split(";")[0] != self.room:
                continue
            activity = posted.activity
            texts = (
                [html.unescape(re.sub(r"<br\s*/?>", "\n", activity["text"]))] if activity.get("text") else []
            )
            links: list[str] = []
            for attachment in activity.get("attachments", []):
                card = attachment["content"]
                for block in card["body"]:
                    texts.extend(run["text"] for run in block.get("inlines", []))
                    if block["type"] == "TextBlock":
                        texts.append(block["text"])
                links.extend(a["url"] for a in card.get("actions", []) if a["type"] == "Action.OpenUrl")
            found.append(RoomPost("\n".join(texts), tuple(links), posted.reply_to_id is not None))
        return found

    def _in_room(self, activity: dict[str, Any]) -> dict[str, Any]:
        activity["conversation"] = {
            "conversationType": "channel",
            "tenantId": TENANT_ID,
            "id": self.room,
            "isGroup": True,
        }
        activity["channelData"] = {
            "tenant": {"id": TENANT_ID},
            "team": {"id": self.room},
            "channel": {"id": self.room},
        }
        return activity
