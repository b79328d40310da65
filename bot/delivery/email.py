"""Team notices by e-mail, through an SMTP server (``smtplib`` in a worker thread).

The ``Message-ID`` names the outbox message, so a mail system that
de-duplicates on it drops the rare repeat after a crash (see
`bot.db.outbox`).
"""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from collections.abc import Callable
from email.message import EmailMessage
from email.utils import formatdate

from bot.config import NotifySettings
from bot.db.outbox import Delivery
from bot.knowledge import Ward

__all__ = ["EmailSender"]


class EmailSender:
    """Sends notices to the addresses of ``KAIZEN_SMTP_TO``."""

    def __init__(self, settings: NotifySettings, timeout: float, ward: Callable[[], Ward] = Ward) -> None:
        self.settings = settings
        self.timeout = timeout
        self.ward = ward
        """The ward's names as the knowledge in service gives them (the bot's name in the subject)."""

    def message(self, delivery: Delivery) -> EmailMessage:
        """The e-mail for one notice."""
        payload = delivery.payload
        message = EmailMessage()
        bot_name = self.ward().bot_name
        message["Subject"] = f"【{bot_name}】{payload['title']}"
        message["From"] = self.settings.smtp_from
        message["To"] = ", ".join(self.settings.smtp_to)
        message["Date"] = formatdate(localtime=True)
        message["Message-ID"] = f"<{delivery.name}@kaizen-bot>"
        body = str(payload["text"])
        if payload.get("url"):
            body += f"\n\nダッシュボード：{payload['url']}"
        message.set_content(body + f"\n\n-- \nこのメールは{bot_name}が自動で送信しています。\n")
        return message

    async def send(self, delivery: Delivery) -> None:
        """Deliver one notice; raise on any SMTP or network failure."""
        await asyncio.to_thread(self._send, self.message(delivery))

    def _send(self, message: EmailMessage) -> None:
        settings = self.settings
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=self.timeout) as smtp:
            if settings.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password)
            smtp.send_message(message)
