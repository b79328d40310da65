"""The Slack channel: ``POST /webhooks/slack``, answers and pushes with ``chat.postMessage``, the team's room.

- Verify first: ``X-Slack-Signature`` (HMAC-SHA256 of ``v0:<timestamp>:<body>``
  over the body's bytes with the signing secret, in constant time) and that
  ``X-Slack-Request-Timestamp`` (at most 20 ASCII digits) is within five
  minutes of now (slack-sdk's clock), so a replayed request is refused;
  both before the body is read as anything. Missing, unreadable, wrong or
  stale: 401, logged without the body.
- Then the body is read as strict JSON (`bot.handlers.inputs.strict_json`;
  for the Events API the body, for button actions the form field
  ``payload``); a signed body that is not UTF-8, holds ``NaN`` or is no
  event is 400. Slack's URL
  verification gets its ``challenge`` back; events and button presses
  (`bot.handlers.slack.events`) go to the dispatcher, and Slack gets 200 at
  once, well within its 3 seconds. A retry (``X-Slack-Retry-Num``) carries
  the same ``event_id`` and does nothing the second time.
- Why not Bolt's ``AsyncApp`` pipeline: it parses the body before verifying
  it, runs listeners in tasks of its own (the dispatcher's are tracked and
  drained at shutdown), calls ``auth.test`` on the first request and does
  not de-duplicate; our dispatcher already does what its listeners would.
- Answers and pushes go through slack-sdk's `AsyncWebClient` (its base URL
  is `SLACK_API_BASE_URL`). An answer goes to the event's channel, in the
  thread of a mention or of a message written in a thread; a push (the DX
  team's answer) is a reply in the thread of the person's last message,
  also shown in the conversation. Each message names what it answers in
  its ``metadata`` (the event, or the outbox message).
- Refusals: ``ratelimited`` (429, ``Retry-After``) is `PlatformRefused`, so
  the worker waits as long as asked; ``channel_not_found``,
  ``not_in_channel``, ``is_archived`` and ``account_inactive`` can never
  succeed: a push is `Undeliverable` and the person recorded as unreachable.
  Slack refusing the message itself (``msg_too_long``, ``invalid_blocks``…,
  `REFUSED_ERRORS`, answered with HTTP 200) never passes either: the message
  is `Undeliverable`, the person left as they are, as a 400 is on the other
  platforms.
- Slack shows bots no typing indicator outside its AI-assistant threads, so
  `indicate` does nothing.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

import aiohttp
from aiohttp import web
from multidict import CIMultiDict, CIMultiDictProxy
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient
from yarl import URL

from bot.appkeys import DISPATCHER
from bot.config import SlackSettings
from bot.db import ConversationStore, reach
from bot.db.outbox import Delivery
from bot.delivery.http import PlatformRefused, retry_after
from bot.delivery.worker import Sender, Undeliverable
from bot.errors import InvalidRequest
from bot.handlers.channel import Progress
from bot.handlers.errors import json_exception
from bot.handlers.inputs import digits, strict_json
from bot.handlers.slack import CHANNEL
from bot.handlers.slack.address import Address
from bot.handlers.slack.blocks import Message, notice_message, render
from bot.handlers.slack.events import incoming_of
from bot.values import Incoming, Notice, Reply

__all__ = [
    "GONE_ERRORS",
    "REFUSED_ERRORS",
    "WEBHOOK",
    "ConversationGone",
    "SlackChannel",
    "SlackRefused",
    "SlackSender",
]

log = logging.getLogger(__name__)

WEBHOOK = "/webhooks/slack"

GONE_ERRORS = frozenset({"channel_not_found", "not_in_channel", "is_archived", "account_inactive"})
"""Slack's errors for a post that can never succeed: the channel or the account is gone."""

REFUSED_ERRORS = frozenset(
    {
        "msg_too_long",
        "no_text",
        "invalid_blocks",
        "invalid_blocks_format",
        "invalid_arguments",
        "too_many_attachments",
        "invalid_metadata_format",
        "invalid_metadata_schema",
        "metadata_too_large",
    }
)
"""Slack's errors for a message it can never take as it is (the same body never passes)."""

RATE_LIMITED = "ratelimited"

_RETRY_REASON = re.compile(r"[a-z_]{1,40}")
"""An ``X-Slack-Retry-Reason`` as Slack writes one (``http_timeout``, ``http_error``…)."""

MAX_TIMESTAMP_DIGITS = 20
"""Longer than any Unix time in seconds: a longer ``X-Slack-Request-Timestamp`` is refused unread."""


WORKSPACE_WAIT_SECONDS = 2.0
"""How long the first event's acknowledgement waits for ``auth.test`` (Slack wants it within 3 s)."""
WORKSPACE_RETRY_SECONDS = 60.0
"""How long after a failed ``auth.test`` events are taken unchecked before it is asked again."""


@dataclass(frozen=True, slots=True)
class Workspace:
    """The bot token's workspace: a team id, or an Enterprise Grid organization's id for an org-wide app."""

    id: str
    enterprise: bool

    @classmethod
    def of(cls, answer: object) -> Workspace:
        """From ``auth.test``'s answer; ValueError when it names none."""
        fields = answer if isinstance(answer, dict) else {}
        enterprise = fields.get("is_enterprise_install") is True
        found = fields.get("enterprise_id" if enterprise else "team_id")
        if not isinstance(found, str) or not found:
            raise ValueError("auth.test named no workspace")
        return cls(found, enterprise)


def _workspace_of(body: Mapping[str, Any], *, enterprise: bool) -> str | None:
    """The workspace (or, with ``enterprise``, the organization) a request body says it comes from."""
    if enterprise:
        found = body.get("enterprise_id")
        if found is None and isinstance(body.get("enterprise"), dict):
            found = body["enterprise"].get("id")  # a button press
    else:
        found = body.get("team_id")
        if found is None and isinstance(body.get("team"), dict):
            found = body["team"].get("id")  # a button press
    return found if isinstance(found, str) and found else None


class ConversationGone(Exception):
    """Slack refused for good (`GONE_ERRORS`): the conversation cannot be posted to."""


class SlackRefused(PlatformRefused):
    """Slack answered a Web API call with an error; ``retry_after`` is the wait it asked for, if any."""

    def __init__(self, error: SlackApiError, retry_after_seconds: float | None) -> None:
        url = URL(str(error.response.api_url))
        info = aiohttp.RequestInfo(url, "POST", CIMultiDictProxy(CIMultiDict()), url)
        aiohttp.ClientResponseError.__init__(
            self, info, (), status=error.response.status_code, message=_error_code(error)
        )
        self.retry_after = retry_after_seconds


class SlackChannel:
    """Slack over one bot token and one signing secret (one workspace)."""

    name = CHANNEL

    def __init__(self, settings: SlackSettings, timeout: float) -> None:
        self.settings = settings
        self.timeout = timeout
        self.verifier = SignatureVerifier(settings.signing_secret)
        self._session: aiohttp.ClientSession | None = None
        self._client: AsyncWebClient | None = None
        self._known: Workspace | None = None
        self._asking = asyncio.Lock()
        self._ask_again = 0.0

    @property
    def client(self) -> AsyncWebClient:
        """The Web API client (after `start`)."""
        if self._client is None:
            raise RuntimeError("the Slack channel is not started")
        return self._client

    def add_routes(self, app: web.Application) -> None:
        """``POST /webhooks/slack``: the Events API's Request URL and Interactivity's, both."""
        app.router.add_post(WEBHOOK, self.webhook)

    async def start(self) -> None:
        """Open the Web API client, over one HTTP session, against `SLACK_API_BASE_URL`."""
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout))
        self._client = AsyncWebClient(
            token=self.settings.bot_token,
            base_url=self.settings.api_base_url,
            session=self._session,
            timeout=int(self.timeout),
        )

    async def close(self) -> None:
        """Close the HTTP session."""
        if self._session is not None:
            await self._session.close()
            self._session = self._client = None

    async def webhook(self, request: web.Request) -> web.Response:
        """Verify and read one request; answer the URL verification, or hand its event over and answer 200."""
        body = await self.read(request)
        if body.get("type") == "url_verification":
            return web.json_response({"challenge": str(body.get("challenge", ""))})
        retry = request.headers.get("X-Slack-Retry-Num")
        if retry is not None:
            # Headers are not signed: only what is shaped as Slack writes it reaches the log.
            reason = request.headers.get("X-Slack-Retry-Reason", "")
            log.info(
                "Slack retry %s (%s) of event %s",
                "?" if (count := digits(retry, 2)) is None else count,
                reason if _RETRY_REASON.fullmatch(reason) else "?",
                body.get("event_id"),
            )
        await request.app[DISPATCHER].accept(self, await self.ours(body))
        return web.Response(status=200)

    async def parse(self, request: web.Request) -> list[Incoming]:
        """A verified request's events; 401 for a missing, wrong or stale signature; 400 for a bad body."""
        return await self.ours(await self.read(request))

    async def ours(self, body: Mapping[str, Any]) -> list[Incoming]:
        """The events of ``body``, or none when it comes from a workspace other than the bot token's.

        One signing secret signs what every workspace the app is installed in sends, but the bot
        answers, and keeps, only its own workspace's: the one ``auth.test`` names for the bot token
        (asked when the first event comes, and a minute after a failure; until Slack answers it,
        events are taken as they come, since the signature is already Slack's).
        """
        incoming = incoming_of(body, datetime.now(UTC))
        if not incoming or (workspace := await self._workspace()) is None:
            return incoming
        sender = _workspace_of(body, enterprise=workspace.enterprise)
        if sender is not None and sender != workspace.id:
            log.warning(
                "Slack event from the workspace %s, not the bot token's %s: ignored", sender, workspace.id
            )
            return []
        return incoming

    async def _workspace(self) -> Workspace | None:
        """The bot token's workspace, from ``auth.test`` (once); None while Slack has not told it."""
        async with self._asking:
            if self._known is None and time.monotonic() >= self._ask_again:
                self._ask_again = time.monotonic() + WORKSPACE_RETRY_SECONDS
                try:
                    async with asyncio.timeout(min(self.timeout, WORKSPACE_WAIT_SECONDS)):
                        answer = await self.client.auth_test()
                    self._known = Workspace.of(answer.data)
                except (SlackApiError, aiohttp.ClientError, TimeoutError, ValueError) as exc:
                    log.warning(
                        "Slack auth.test failed (%s): events are not checked against the workspace yet",
                        _error_code(exc) if isinstance(exc, SlackApiError) else type(exc).__name__,
                    )
            return self._known

    async def read(self, request: web.Request) -> dict[str, Any]:
        """The verified request's body as Slack's JSON object (an envelope or an interaction payload)."""
        raw = await request.read()
        self.verify(request, raw)
        # Signed, so Slack's: a body that is not UTF-8, not strict JSON (NaN) or holds a NUL is 400.
        if request.content_type == "application/x-www-form-urlencoded":
            try:
                form = dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True, errors="strict"))
            except UnicodeDecodeError:
                unreadable = "送信されたフォームの内容を読み取れませんでした。"
                raise InvalidRequest("invalid_form", unreadable) from None
            body = strict_json(form["payload"]) if "payload" in form else None
        else:
            body = strict_json(raw)
        if not isinstance(body, dict) or not isinstance(body.get("type"), str):
            log.warning("Slack request with a body that is not an event or an interaction: refused")
            raise json_exception(400, "invalid_body", "Slackのリクエストの形式ではありません。")
        return body

    def verify(self, request: web.Request, raw: bytes) -> None:
        """Raise 401 unless ``raw`` is signed with our secret and its timestamp is within five minutes."""
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        sent_at = digits(timestamp, MAX_TIMESTAMP_DIGITS)
        if sent_at is None or not signature:
            log.warning(
                "Slack request without a signature or a readable timestamp from %s: refused", request.remote
            )
            raise _unauthorized()
        # Over the bytes: the SDK's verifier signs text, so a signed body that is not
        # UTF-8 would have looked like a wrong signature instead of a bad request.
        base = b"v0:" + timestamp.encode() + b":" + raw
        expected = "v0=" + hmac.new(self.settings.signing_secret.encode(), base, hashlib.sha256).hexdigest()
        stale = abs(int(self.verifier.clock.now()) - sent_at) > 5 * 60
        if stale or not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
            why = "a timestamp more than five minutes away (a replay?)" if stale else "a wrong signature"
            log.warning("Slack request with %s from %s: refused", why, request.remote)
            raise _unauthorized()

    def render(self, replies: Sequence[Reply]) -> list[Message]:
        """The Block Kit messages for ``replies`` (`bot.handlers.slack.blocks`)."""
        return render(replies)

    async def indicate(self, incoming: Incoming) -> None:
        """Nothing: Slack shows bots no typing indicator in direct messages or channels."""

    async def respond(self, incoming: Incoming, replies: Sequence[Reply]) -> bool:
        """Post ``replies`` where ``incoming`` was said; False (pushed later) when Slack fails for a while.

        `PlatformRefused` when Slack asked for a pause (``Retry-After``): the push waits that long;
        `PartlyAnswered` when some replies were posted before Slack failed: only the rest is pushed.
        """
        if incoming.address is None:
            return False
        address = Address.decode(incoming.address)
        answered = {"event_type": "kaizen_reply", "event_payload": {"event": incoming.event_id or ""}}
        progress = Progress([1] * len(replies))  # one message a reply
        try:
            for message in render(replies):
                await self.post(address.channel, message, thread=address.thread, metadata=answered)
                await progress.accept()
        except SlackApiError as exc:
            if _error_code(exc) in GONE_ERRORS:
                raise ConversationGone(f"Slack refused the answer: {_error_code(exc)}") from exc
            log.warning("Slack answer to %s failed (%s); it will be pushed", incoming.key, _error_code(exc))
            refusal = _refusal(exc)
            wait = refusal.retry_after if isinstance(refusal, PlatformRefused) else None
            if (partly := progress.partly(wait)) is not None:
                raise partly from exc
            if wait is not None:
                raise refusal from exc  # the push waits as long as Slack asked
            return False
        except (aiohttp.ClientError, TimeoutError) as exc:
            log.warning("Slack answer to %s failed (%s); it will be pushed", incoming.key, type(exc).__name__)
            if (partly := progress.partly()) is not None:
                raise partly from exc
            return False
        return True

    async def post_notice(self, room: str, notice: Notice) -> None:
        """Post ``notice`` to the team's channel ``room``; `PlatformRefused` or `Undeliverable` if refused."""
        try:
            await self.post(room, notice_message(notice))
        except SlackApiError as exc:
            raise _refusal(exc) from exc

    async def post(
        self,
        channel: str,
        message: Message,
        *,
        thread: str | None = None,
        broadcast: bool = False,
        metadata: Mapping[str, Any] | None = None,
    ) -> None:
        """One ``chat.postMessage``; raises slack-sdk's `SlackApiError` when Slack answers with an error."""
        await self.client.chat_postMessage(
            channel=channel,
            text=message.text,
            blocks=message.blocks,
            thread_ts=thread,
            reply_broadcast=True if broadcast and thread else None,
            unfurl_links=False,
            unfurl_media=False,
            metadata=dict(metadata) if metadata else None,
        )

    def sender(self, store: ConversationStore) -> Sender:
        """Pushes outbox messages to the person's Slack conversation."""
        return SlackSender(self, store)


class SlackSender:
    """The outbox's sender for Slack: a reply in the thread the message answers.

    That is the thread of the question that became the consultation
    (`Delivery.reply_to`), else of the person's last message.
    """

    def __init__(self, channel: SlackChannel, store: ConversationStore) -> None:
        self.channel = channel
        self.store = store

    async def send(self, delivery: Delivery) -> None:
        """Push ``delivery``; `Undeliverable` (the person recorded unreachable) when it can never arrive."""
        kept = delivery.reply_to or delivery.address
        if kept is None:
            raise Undeliverable("no Slack conversation is known for this person")
        try:
            address = Address.decode(kept)
        except ValueError as exc:
            raise Undeliverable(f"the Slack address kept for this person is unreadable: {exc}") from exc
        (message,) = render([Reply.from_record(delivery.payload)])
        pushed = {"event_type": "kaizen_push", "event_payload": {"outbox": delivery.id}}
        try:
            await self.channel.post(
                address.channel, message, thread=address.push_thread, broadcast=True, metadata=pushed
            )
        except SlackApiError as exc:
            if _error_code(exc) in GONE_ERRORS:
                await asyncio.to_thread(reach.block, self.store.engine, delivery.key, datetime.now(UTC))
            raise _refusal(exc) from exc


def _refusal(error: SlackApiError) -> Exception:
    """What the worker makes of a Slack error: dropped for good, or retried (after Slack's wait)."""
    code = _error_code(error)
    if code in GONE_ERRORS:
        return Undeliverable(f"Slack refused it ({code})")
    if code in REFUSED_ERRORS:
        return Undeliverable(f"Slack refused the message itself ({code})")
    wait = None
    if code == RATE_LIMITED or error.response.status_code == 429:
        wait = retry_after(_header(error, "Retry-After"), datetime.now(UTC))
    return SlackRefused(error, wait)


def _error_code(error: SlackApiError) -> str:
    data = error.response.data
    code = data.get("error") if isinstance(data, dict) else None
    return str(code or f"HTTP {error.response.status_code}")


def _header(error: SlackApiError, name: str) -> str | None:
    for key, value in (error.response.headers or {}).items():
        if key.lower() == name.lower():
            return str(value[0] if isinstance(value, list) else value)
    return None


def _unauthorized() -> web.HTTPException:
    return json_exception(401, "invalid_signature", "署名を確認できませんでした。")
