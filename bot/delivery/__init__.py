"""Delivery of the outbox: the worker, and the senders for each channel that pushes.

`build_worker` assembles the worker from the settings: a sender for each
configured notification channel (webhook, e-mail), and the periodic jobs
(reminders of consultations that wait too long, the retention purge).
The staff channels' senders come from the channels themselves
(`bot.handlers.channel.Channel.sender`), through `bot.wiring`.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Mapping
from urllib.parse import urlsplit

import aiohttp
import sqlalchemy as sa

from bot.config import NotifySettings, Settings, TeamSettings
from bot.consult.notices import NOTIFY_EMAIL, NOTIFY_ROOM, NOTIFY_WEBHOOK
from bot.consult.service import ConsultationService, utcnow
from bot.db.retention import purge_and_log
from bot.delivery.email import EmailSender
from bot.delivery.webhook import WebhookSender
from bot.delivery.worker import DeliveryWorker, Periodic, Sender, Undeliverable

__all__ = [
    "DeliveryWorker",
    "Periodic",
    "Sender",
    "Undeliverable",
    "build_worker",
    "client_session",
    "notice_channels",
]

log = logging.getLogger(__name__)

REMIND_EVERY = 60.0
PURGE_EVERY = 24 * 3600.0


def notice_channels(notify: NotifySettings, team: TeamSettings | None = None) -> tuple[str, ...]:
    """The notification channels the settings turn on (``team``: the DX team's room)."""
    channels = []
    if notify.webhook_url:
        channels.append(NOTIFY_WEBHOOK)
    if notify.smtp_host and notify.smtp_to:
        channels.append(NOTIFY_EMAIL)
    if team is not None and team.on:
        channels.append(NOTIFY_ROOM)
    return tuple(channels)


def _loopback(host: str | None) -> bool:
    """Whether ``host`` is this machine (a local relay, or the tests' fake hooks), where plain http stays."""
    if host is None:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def client_session(settings: Settings) -> aiohttp.ClientSession:
    """The HTTP session senders share; every request is cut off at the delivery timeout."""
    timeout = aiohttp.ClientTimeout(total=settings.delivery.timeout_seconds)
    return aiohttp.ClientSession(timeout=timeout, headers={"User-Agent": "kaizen-bot"})


def build_worker(
    settings: Settings,
    engine: sa.Engine,
    service: ConsultationService,
    session: aiohttp.ClientSession,
    channel_senders: Mapping[str, Sender],
) -> DeliveryWorker:
    """The worker for ``settings``, over ``engine``; ``service`` sends the reminders.

    ``channel_senders`` deliver to staff, one per channel that is on (and
    to the team's room, `bot.teamroom.delivery`); the team's webhook and
    e-mail senders are added from the settings.
    """
    notify = settings.notify
    senders: dict[str, Sender] = dict(channel_senders)
    if NOTIFY_WEBHOOK in service.notices.channels:
        webhook = WebhookSender(session, notify.webhook_url, notify.webhook_format)
        senders[NOTIFY_WEBHOOK] = webhook
        host = urlsplit(notify.webhook_url).hostname  # the path of an incoming webhook is its secret
        log.info(
            "the DX team is told of consultations through an incoming webhook (host %s, %s format)",
            host,
            webhook.format,
        )
        if urlsplit(notify.webhook_url).scheme == "http" and not _loopback(host):
            log.warning(
                "the incoming webhook is plain http to %s: the notices, and the consultations' text in them, "
                "cross the network unencrypted; use its https:// address",
                host,
            )
    if NOTIFY_EMAIL in service.notices.channels:
        senders[NOTIFY_EMAIL] = EmailSender(notify, settings.delivery.timeout_seconds, service.ward)
        count = len(notify.smtp_to)
        log.info(
            "the DX team is told of consultations by e-mail through %s to %d address%s",
            notify.smtp_host,
            count,
            "" if count == 1 else "es",
        )
    if NOTIFY_ROOM in senders:
        team, members = settings.team, len(settings.team.members)
        acting = (
            f"{members} member{'' if members == 1 else 's'} may act there"
            if members
            else "nobody may act there (KAIZEN_TEAM_MEMBERS is empty): notices only"
        )
        log.info(
            "the DX team is told of consultations in its room %s:%s; %s", team.channel, team.room, acting
        )
    if bool(notify.smtp_host) != bool(notify.smtp_to):
        missing = "KAIZEN_SMTP_TO" if notify.smtp_host else "KAIZEN_SMTP_HOST"
        log.warning("e-mail notices are off: %s is empty (set it with the other to turn them on)", missing)
    if not {NOTIFY_WEBHOOK, NOTIFY_EMAIL, NOTIFY_ROOM} & senders.keys():
        log.info("no notification channel is configured: the DX team is not notified of new consultations")
    periodic = [
        Periodic("reminders", REMIND_EVERY, lambda: service.remind_waiting(notify.waiting_hours)),
        Periodic("retention", PURGE_EVERY, lambda: purge_and_log(engine, settings.retention_days, utcnow())),
    ]
    return DeliveryWorker(engine, senders, settings.delivery, periodic=periodic, clock=service.clock)
