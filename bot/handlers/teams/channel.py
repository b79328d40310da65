"""The Teams channel: the webhook through the SDK's adapter, answers and pushes through its connector.

- ``POST /webhooks/teams``: the token is checked first (`authorize`), then
  the activity's tenant (403 when it names another than ``TEAMS_TENANT_ID``), then
  the SDK's `CloudAdapter` reads the activity (400 for one it cannot read,
  401 when the host check refuses its ``serviceUrl``) and runs a turn that
  only reads it into an `Incoming` (`to_incoming`) and answers an invoke:
  200 for a suggested action's, 200 with at most a "not supported" text
  for any other (`bot.handlers.teams.invokes`; never the SDK's 501). The
  route hands the events to the dispatcher and answers at once: 200 for
  activities (the SDK's 202, made the same as every other channel's
  answer), the invoke's answer for invokes, well within Teams' 15 seconds.
- Answers (`respond`, the typing indicator `indicate`) and pushes (the
  `TeamsSender` of the outbox) are proactive turns of the SDK's adapter
  from the conversation reference kept as the person's address: an
  answer replies to the activity it answers, a push starts a new message.
- The connector answering 403 or 404 means the conversation is gone (the
  person removed the app, the chat was deleted): a push raises
  `Undeliverable`, so the worker records it and drops the message instead
  of retrying for ever; an answer raises `ConversationGone`.
- Any other refusal of a push (429 when Teams throttles the bot, 5xx) is
  raised as `PlatformRefused` with the connector's ``Retry-After``, so the
  worker waits at least that long before trying again.
- The DX team's room (`TeamRoom`, ``KAIZEN_TEAM_ROOM=teams:<channel's
  conversation id>``): `post_notice` starts a new post in the channel,
  with the notice's Adaptive Card (`bot.handlers.teams.notice`). A proactive
  post needs the tenant's ``serviceUrl``, which only inbound activities
  carry: the channel keeps the one of the room itself (from the app's
  installation in the team or any mention of the bot there), else the most
  recent one of any verified activity (a tenant's ``serviceUrl`` is the same
  for all its conversations; an activity of another Bot Framework channel,
  Web Chat's, names a connector of its own and is not kept). Until one has
  been seen since the start, a notice waits in the outbox (`RoomUnknown`,
  retried with the backoff).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from http import HTTPStatus

import aiohttp
from aiohttp import web
from microsoft_agents.activity import Activity, ActivityTypes, ConversationReference, InvokeResponse
from microsoft_agents.hosting.core import ClaimsIdentity, TurnContext
from microsoft_agents.hosting.core.authorization import AuthenticationConstants
from pydantic import ValidationError
from yarl import URL

from bot.appkeys import DISPATCHER
from bot.config import Settings
from bot.db import ConversationStore, reach
from bot.db.outbox import Delivery
from bot.delivery.http import PlatformRefused
from bot.delivery.worker import Sender, Undeliverable, recording, resuming
from bot.handlers.channel import Progress
from bot.handlers.errors import json_exception, request_error
from bot.handlers.inputs import read_json_object
from bot.handlers.teams import CHANNEL, invokes
from bot.handlers.teams.activities import from_teams, reference_of, room_of, to_incoming
from bot.handlers.teams.cards import render
from bot.handlers.teams.notice import notice_attachment
from bot.handlers.teams.sdk import Sdk, authorize, build_sdk
from bot.values import Incoming, Notice, Reply

__all__ = ["GONE_STATUSES", "WEBHOOK", "ConversationGone", "RoomUnknown", "TeamsChannel", "TeamsSender"]

log = logging.getLogger(__name__)
logging.getLogger("microsoft_agents.activity.activity").setLevel(logging.CRITICAL)
"""The SDK's activity model logs every body it cannot read at ERROR, with a traceback; `TeamsChannel.read`
answers such a body 400 and says so in one line."""

_TOKEN_CLIENT_LOG = "microsoft_agents.hosting.core.connector.client.user_token_client"


class _WithoutAppIdNotice(logging.Filter):
    """Drops the SDK's "App ID is not provided" warning, which it logs on every turn without an app id.

    In anonymous mode that is every turn (the inbound one, the typing
    indicator's, each answer's), by design; `TeamsChannel.from_settings`
    says once at start what the mode means instead.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("App ID is not provided")


_WITHOUT_APP_ID = _WithoutAppIdNotice()

WEBHOOK = "/webhooks/teams"

GONE_STATUSES = frozenset({403, 404})
"""What the Bot Connector answers for a conversation the bot can no longer post to."""


class ConversationGone(Exception):
    """The connector refused: the person removed the app or the conversation no longer exists."""


class RoomUnknown(Exception):
    """No ``serviceUrl`` is known yet to post into the team's room: the notice waits and is retried."""


class TeamsChannel:
    """Microsoft Teams through the Microsoft 365 Agents SDK."""

    name = CHANNEL

    def __init__(self, sdk: Sdk, app_id: str, timeout: float) -> None:
        self.sdk = sdk
        self.app_id = app_id
        self.timeout = timeout
        self._service_urls: dict[str, str] = {}
        self._latest_service_url: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> TeamsChannel:
        """The channel for ``settings``; in anonymous mode, one warning that says what it means.

        That warning is the only one of the mode: the SDK's own, repeated on
        every turn for the missing app id, is filtered out (once per process,
        the filter is one object).
        """
        teams = settings.teams
        if teams.anonymous:
            logging.getLogger(_TOKEN_CLIENT_LOG).addFilter(_WITHOUT_APP_ID)
            log.warning(
                "TEAMS_ANONYMOUS=true: Teams is on WITHOUT token checks. Anyone who reaches "
                "/webhooks/teams can talk as any user and make the bot post to any address. "
                "Use it only for a local trial; set TEAMS_APP_ID, TEAMS_APP_PASSWORD and "
                "TEAMS_TENANT_ID instead in production."
            )
        return cls(build_sdk(teams), teams.app_id, settings.delivery.timeout_seconds)

    def add_routes(self, app: web.Application) -> None:
        """``POST /webhooks/teams``."""
        app.router.add_post(WEBHOOK, self.webhook)

    async def start(self) -> None:
        """Nothing to open: the SDK opens a connector session for each turn."""

    async def close(self) -> None:
        """Nothing to close."""

    async def webhook(self, request: web.Request) -> web.Response:
        """Read the activity, hand its event to the dispatcher (into the inbox), answer Teams."""
        events, response = await self.read(request)
        await request.app[DISPATCHER].accept(self, events)
        return response

    def sender(self, store: ConversationStore) -> Sender:
        """Pushes the outbox's messages for Teams."""
        return TeamsSender(self, store)

    def render(self, replies: Sequence[Reply]) -> list[Activity]:
        """The activities that show ``replies`` in Teams."""
        return render(replies)

    async def read(self, request: web.Request) -> tuple[list[Incoming], web.Response]:
        """Verify and read one webhook: its events, and the response the SDK gives Teams."""
        request["claims_identity"] = await authorize(request, self.sdk.configuration)
        body = await read_json_object(request)
        try:
            activity = Activity.model_validate(body)
        except (ValidationError, TypeError, ValueError):  # the SDK's own types raise the last two too
            activity = None  # (a "channelId" of "", for one)
        if activity is None or not _addressable(activity):
            log.warning("Teams webhook with a body that is not an activity: refused")
            raise request_error("invalid_activity", "Teams のアクティビティとして読み取れませんでした。")
        self._check_tenant(activity, request.remote)
        reader = _Reader()
        response = await self.sdk.adapter.process(request, reader)
        self._learn(activity)
        if response is None or response.status == HTTPStatus.ACCEPTED:
            response = web.Response(status=HTTPStatus.OK)  # what every channel answers for an accepted event
        return reader.events, response

    def _check_tenant(self, activity: Activity, client: str | None) -> None:
        """403 for an activity from another tenant than ``TEAMS_TENANT_ID`` (with credentials only).

        The token says the Bot Framework sent the activity, not from which
        organisation: Teams names the sender's tenant in the activity. One
        that names none (the Azure portal's "Test in Web Chat") is let through.
        """
        ours = self.sdk.configuration.TENANT_ID
        if self.sdk.anonymous or not ours:
            return
        others = _tenants(activity) - {ours.strip().lower()}
        if others:
            log.warning(
                "Teams activity from another tenant (%s) than TEAMS_TENANT_ID from %s: refused",
                ", ".join(sorted(others)),
                client,
            )
            raise json_exception(
                403, "wrong_tenant", "この組織以外の Teams からのメッセージにはお答えしておりません。"
            )

    async def parse(self, request: web.Request) -> list[Incoming]:
        """Verify ``request`` and read its events (401 for a bad token, 400 for a bad body)."""
        events, _response = await self.read(request)
        return events

    async def indicate(self, incoming: Incoming) -> None:
        """Show "typing…" in the conversation; best effort."""
        if incoming.address is None:
            return
        try:
            await self._turn(
                reference_of(incoming.address), [Activity(type=ActivityTypes.typing)], reply=True
            )
        except Exception as exc:  # an indicator is never worth failing the turn for
            log.debug("teams typing indicator failed for %s: %s", incoming.key, exc)

    async def respond(self, incoming: Incoming, replies: Sequence[Reply]) -> bool:
        """Reply to ``incoming`` now; False (to push later) when the connector fails for a while.

        `PlatformRefused` when it asked for a pause (``Retry-After``): the push waits that long;
        `PartlyAnswered` when some replies were shown before it failed: only the rest is pushed.
        """
        if incoming.address is None:
            return False
        progress = Progress([len(render([reply])) for reply in replies])  # a card, then its carousel
        try:
            await self._turn(reference_of(incoming.address), render(replies), reply=True, progress=progress)
        except aiohttp.ClientResponseError as exc:
            if exc.status in GONE_STATUSES:
                raise ConversationGone(f"the Teams connector answered {exc.status}") from exc
            log.warning("teams reply to %s failed (%s); it will be pushed", incoming.key, exc.status)
            refused = PlatformRefused.of(exc, datetime.now(UTC))
            if (partly := progress.partly(refused.retry_after)) is not None:
                raise partly from exc
            if refused.retry_after is not None:
                raise refused from exc  # the push waits as long as the connector asked
            return False
        except (aiohttp.ClientError, TimeoutError) as exc:
            reason = str(exc) or type(exc).__name__
            log.warning("teams reply to %s failed (%s); it will be pushed", incoming.key, reason)
            if (partly := progress.partly()) is not None:
                raise partly from exc
            return False
        return True

    async def push(
        self, address: str, replies: Sequence[Reply], *, skip: int = 0, progress: Progress | None = None
    ) -> None:
        """Send ``replies`` as new messages to the conversation at ``address``; `ConversationGone` if gone.

        ``skip``: the activities shown already (`bot.db.outbox.PARTS_SHOWN`); ``progress`` counts the
        activities the connector accepts.
        """
        try:
            await self._turn(reference_of(address), render(replies)[skip:], reply=False, progress=progress)
        except aiohttp.ClientResponseError as exc:
            if exc.status in GONE_STATUSES:
                raise ConversationGone(f"the Teams connector answered {exc.status}") from exc
            raise PlatformRefused.of(exc, datetime.now(UTC)) from exc

    async def post_notice(self, room: str, notice: Notice) -> None:
        """A new post in the channel ``room`` with the notice's card.

        `RoomUnknown` (retried) until a ``serviceUrl`` has been seen;
        `Undeliverable` when the bot is no longer in the team (403, 404);
        the connector's other refusals are `PlatformRefused`, with its ``Retry-After``.
        """
        service_url = self._service_urls.get(room, self._latest_service_url)
        if service_url is None:
            raise RoomUnknown(
                "no Teams activity has been received since the start, so the room's serviceUrl is "
                "not known yet; it is learnt from the next message to the bot"
            )
        bot = {"id": f"28:{self.app_id}" if self.app_id else "28:kaizen-bot"}
        reference = ConversationReference.model_validate(
            {"channelId": "msteams", "serviceUrl": service_url, "conversation": {"id": room}, "bot": bot}
        )
        card = Activity.model_validate({"type": "message", "attachments": [notice_attachment(notice)]})
        try:
            await self._turn(reference, [card], reply=False)
        except aiohttp.ClientResponseError as exc:
            if exc.status in GONE_STATUSES:
                raise Undeliverable(f"the Teams connector answered {exc.status} for the team's room") from exc
            raise PlatformRefused.of(exc, datetime.now(UTC)) from exc

    def _learn(self, activity: Activity) -> None:
        """Keep the ``serviceUrl`` of a verified Teams activity, for posts into a team's channel.

        Not another Bot Framework channel's (Web Chat, Direct Line): theirs is a connector of their own,
        which knows no team, and the room's notices posted there would be refused and lost.
        """
        if not activity.service_url or not from_teams(activity):
            return
        self._latest_service_url = activity.service_url
        conversation = activity.conversation
        if conversation is not None and conversation.id and conversation.conversation_type == "channel":
            self._service_urls[room_of(conversation.id)] = activity.service_url

    async def _turn(
        self,
        reference: ConversationReference,
        activities: list[Activity],
        *,
        reply: bool,
        progress: Progress | None = None,
    ) -> None:
        """A proactive turn posting ``activities``: replies to the referenced activity, or new messages.

        ``progress`` counts the activities the connector accepted.
        """
        continuation = reference.get_continuation_activity()
        continuation.id = reference.activity_id if reply else None

        async def post(context: TurnContext) -> None:
            for activity in activities:
                await context.send_activity(activity)
                if progress is not None:
                    await progress.accept()

        async with asyncio.timeout(self.timeout):
            await self._continue(continuation, post)

    async def _continue(
        self, continuation: Activity, callback: Callable[[TurnContext], Awaitable[None]]
    ) -> None:
        adapter = self.sdk.adapter
        if self.sdk.anonymous:
            await adapter.continue_conversation_with_claims(
                ClaimsIdentity(), continuation, callback, AuthenticationConstants.AGENTS_SDK_SCOPE
            )
        else:
            await adapter.continue_conversation(self.app_id, continuation, callback)


class TeamsSender:
    """The outbox's sender for Teams: a new message in the conversation kept as the person's address."""

    def __init__(self, channel: TeamsChannel, store: ConversationStore) -> None:
        self.channel = channel
        self.store = store

    async def send(self, delivery: Delivery) -> None:
        """Push ``delivery``; `Undeliverable` (and the person recorded as gone) when it can never arrive."""
        if delivery.address is None:
            raise Undeliverable("no Teams conversation is known for this person")
        reply = Reply.from_record(delivery.payload)
        parts = len(render([reply])) - delivery.parts_shown
        progress = Progress((), accepted=recording(delivery, parts))
        with resuming(delivery, lambda: progress.sent):  # a card shown, its carousel refused: only that
            try:
                await self.channel.push(
                    delivery.address, [reply], skip=delivery.parts_shown, progress=progress
                )
            except ConversationGone as exc:
                await asyncio.to_thread(reach.block, self.store.engine, delivery.key, datetime.now(UTC))
                raise Undeliverable(str(exc)) from exc


def _tenants(activity: Activity) -> set[str]:
    """The tenants ``activity`` says it comes from (``conversation.tenantId``, ``channelData.tenant.id``).

    ``channelData`` is free-form JSON: a tenant id there that is not a string is named as it was sent.
    """
    found: list[object] = [activity.conversation.tenant_id if activity.conversation is not None else None]
    data = activity.channel_data
    tenant = data.get("tenant") if isinstance(data, dict) else None
    found.append(tenant.get("id") if isinstance(tenant, dict) else None)
    named = [t if isinstance(t, str) else json.dumps(t) for t in found if t is not None]
    return {t.strip().lower() for t in named if t}


def _addressable(activity: Activity) -> bool:
    """Whether ``activity`` has an absolute http(s) ``serviceUrl``, a conversation id and a recipient.

    Every activity has them, and the SDK's turn fails (a 500) on any of them missing; a URL yarl cannot
    read (``https://[host``, a port beyond 65535) is none.
    """
    try:
        url = URL(activity.service_url or "")
    except ValueError:
        return False
    web_url = url.is_absolute() and url.scheme in ("http", "https") and bool(url.host)
    return web_url and bool(_conversation_id(activity)) and activity.recipient is not None


def _conversation_id(activity: Activity) -> str:
    """The activity's conversation id, "" without one (the SDK would answer 400 in a body of its own)."""
    return activity.conversation.id if activity.conversation is not None and activity.conversation.id else ""


class _Reader:
    """The SDK's agent for an inbound turn: reads the activity into an event and sends nothing."""

    def __init__(self) -> None:
        self.events: list[Incoming] = []

    async def on_turn(self, context: TurnContext) -> None:
        activity = context.activity
        incoming = to_incoming(activity)
        if incoming is not None:
            self.events.append(incoming)
        if activity.type == ActivityTypes.invoke:
            await context.send_activity(
                Activity(type=ActivityTypes.invoke_response, value=_invoke_answer(activity, incoming))
            )


def _invoke_answer(activity: Activity, incoming: Incoming | None) -> InvokeResponse:
    """200 for an invoke read as an event; for any other, `invokes.unhandled`'s answer and one log line."""
    if incoming is not None:
        return InvokeResponse(status=200)
    answer = invokes.unhandled(activity.name)
    shown = "a 'not supported' message" if answer.body is not None else "nothing done"
    name = (activity.name or "")[:100]
    log.info("Teams invoke %r is not one the bot handles: answered 200, %s", name, shown)
    return answer
