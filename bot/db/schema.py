"""The tables, as the code queries them. Alembic migrations (bot/migrations) create and change them.

Keep this file and the newest migration in step: a test compares them.
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = [
    "admin_sessions",
    "admin_users",
    "answer_drafts",
    "consultation_events",
    "consultation_tags",
    "consultations",
    "conversations",
    "faq_drafts",
    "inbox",
    "installation_secrets",
    "knowledge_reloads",
    "login_failures",
    "messages",
    "metadata",
    "outbox",
    "seen_events",
    "web_session_starts",
    "web_sessions",
]

metadata = sa.MetaData()

_Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
"""SQLite only auto-increments an INTEGER primary key."""

KEY_ID_CHARS = 255
"""The longest user or conversation id stored (`bot.values.ConversationKey`); an event with a longer one is
not taken (`bot.handlers.dispatch`)."""

conversations = sa.Table(
    "conversations",
    metadata,
    sa.Column("channel", sa.String(32), primary_key=True),
    sa.Column("user_id", sa.String(KEY_ID_CHARS), primary_key=True),
    sa.Column("conversation_id", sa.String(KEY_ID_CHARS), primary_key=True),
    sa.Column("state", sa.JSON(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("address", sa.Text(), nullable=True),
    sa.Column("blocked_at", sa.DateTime(timezone=True), nullable=True),
)
"""One row per conversation: the engine's state between two messages.

``address`` is where the channel reaches the person later (the LINE user
id, the Teams conversation reference), kept from their last event;
``blocked_at`` is set while they have blocked or removed the bot.
"""

EVENT_ID_CHARS = 255
"""The longest event id the seen-events table and the inbox hold (a channel digests a longer one)."""

seen_events = sa.Table(
    "seen_events",
    metadata,
    sa.Column("channel", sa.String(32), primary_key=True),
    sa.Column("event_id", sa.String(EVENT_ID_CHARS), primary_key=True),
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_seen_events_seen", "seen_at"),
)
"""The platform's id of every event handled, per channel: a redelivery finds its id here and does nothing."""

inbox = sa.Table(
    "inbox",
    metadata,
    sa.Column("id", _Id, primary_key=True, autoincrement=True),
    sa.Column("channel", sa.String(32), nullable=False),
    sa.Column("event_id", sa.String(EVENT_ID_CHARS), nullable=True),
    sa.Column("event", sa.JSON(), nullable=False),
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("owner", sa.String(64), nullable=False),
    sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=False),
    sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("replies", sa.JSON(), nullable=True),
    sa.Column("reply_token", sa.String(255), nullable=True),
    sa.Column("conversation", sa.String(32), nullable=True),
    sa.UniqueConstraint("channel", "event_id", name="uq_inbox_event"),
    sa.Index("ix_inbox_claimed", "claimed_until"),
    sa.Index("ix_inbox_conversation", "conversation"),
)
"""Webhook events acknowledged and not yet taken (`bot.db.inbox`), by arrival: each its masked record.

A row is written before the platform gets its 200; the event's turn, in
its own transaction, deletes it or, when the turn has replies, keeps them
in ``replies`` (records, `Reply.to_record`) until they are sent.
``owner`` is the process handling it, until ``claimed_until``, after which
any process replays it (a turn not taken yet) or pushes its replies; an
empty ``owner`` is an event left for a turn worker, not taken yet.
``attempts`` counts the replays. ``reply_token`` is the platform's handle
for answering the event for free (LINE's, valid about a minute; None for
most channels): it goes with the row. ``conversation`` is a hash of the
event's conversation key: a process claims a person's later event only
when it holds every earlier one still here (NULL: written before it existed).
"""

outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column("id", _Id, primary_key=True, autoincrement=True),
    sa.Column("channel", sa.String(32), nullable=False),
    sa.Column("user_id", sa.String(KEY_ID_CHARS), nullable=False),
    sa.Column("conversation_id", sa.String(KEY_ID_CHARS), nullable=False),
    sa.Column("payload", sa.JSON(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("status", sa.String(16), nullable=False, server_default="sent"),
    sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("last_error", sa.Text(), nullable=True),
    sa.Column("address", sa.Text(), nullable=True),
    sa.Index("ix_outbox_recipient", "channel", "user_id", "id"),
    sa.Index("ix_outbox_due", "status", "next_attempt_at"),
)
"""Messages sent later than the reply (the DX team's answers, notifications to the team), by id.

``status`` is ``pending`` until a worker has handed the message over, then
``sent``; ``dropped`` when it can never be delivered (the person blocked
the bot). ``next_attempt_at`` is when a worker may (re)try: a claim pushes it
forward by the lease, a failure by the backoff. ``address``, when set, is
where this message answers (the event that opened its consultation): a
channel that threads replies (Slack) posts there rather than under the
person's latest message.
"""

messages = sa.Table(
    "messages",
    metadata,
    sa.Column("id", _Id, primary_key=True, autoincrement=True),
    sa.Column("channel", sa.String(32), nullable=False),
    sa.Column("user_id", sa.String(KEY_ID_CHARS), nullable=False),
    sa.Column("conversation_id", sa.String(KEY_ID_CHARS), nullable=False),
    sa.Column("role", sa.String(8), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("payload", sa.JSON(), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_messages_conversation", "channel", "user_id", "conversation_id", "id"),
    sa.Index("ix_messages_created", "created_at"),
    sa.Index("ix_messages_sender", "channel", "user_id", "created_at"),
)
"""The conversation log, personal information masked: ``role`` is ``user``, ``button`` or ``bot``.

Kept for `bot.consult` (the conversation that led to a consultation) and
purged after the retention period; ``ix_messages_sender`` counts what one
person sent in the last minute (`bot.db.quota.message_limit`).
"""

consultations = sa.Table(
    "consultations",
    metadata,
    sa.Column("id", _Id, primary_key=True, autoincrement=True),
    sa.Column("channel", sa.String(32), nullable=False),
    sa.Column("user_id", sa.String(KEY_ID_CHARS), nullable=False),
    sa.Column("conversation_id", sa.String(KEY_ID_CHARS), nullable=False),
    sa.Column("section", sa.String(100), nullable=False),
    sa.Column("query", sa.Text(), nullable=False),
    sa.Column("content", sa.Text(), nullable=False),
    sa.Column("wanted_by", sa.String(100), nullable=False),
    sa.Column("due_date", sa.Date(), nullable=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("assignee", sa.String(64), nullable=True),
    sa.Column("masked", sa.JSON(), nullable=False),
    sa.Column("candidates", sa.JSON(), nullable=False),
    sa.Column("log_until", sa.BigInteger(), nullable=True),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("waiting_since", sa.DateTime(timezone=True), nullable=True),
    sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("address", sa.Text(), nullable=True),
    sa.Index("ix_consultations_status", "status", "created_at"),
    sa.Index("ix_consultations_user", "channel", "user_id", "id"),
)
"""One consultation: who asked (and where to deliver the answer), what, its state and who handles it.

``waiting_since`` is set while the DX team owes a reply (未対応 or 再開), for
the "waits too long" reminder; ``version`` grows with every change, so a
form rendered from an older version (a double submit) changes nothing.
``address`` is the channel's address of the event that opened it (for
Slack: the thread of the question), which the team's messages answer in.
"""

consultation_tags = sa.Table(
    "consultation_tags",
    metadata,
    sa.Column(
        "consultation_id",
        _Id,
        sa.ForeignKey("consultations.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("tag", sa.String(32), primary_key=True),
    sa.Index("ix_consultation_tags_tag", "tag"),
)

consultation_events = sa.Table(
    "consultation_events",
    metadata,
    sa.Column("id", _Id, primary_key=True, autoincrement=True),
    sa.Column("consultation_id", _Id, sa.ForeignKey("consultations.id", ondelete="CASCADE"), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("text", sa.Text(), nullable=True),
    sa.Column("data", sa.JSON(), nullable=True),
    sa.Index("ix_consultation_events_consultation", "consultation_id", "id"),
)
"""The audit trail: every change to a consultation, who made it and when (never updated or deleted)."""

admin_users = sa.Table(
    "admin_users",
    metadata,
    sa.Column("id", _Id, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(64), nullable=False, unique=True),
    sa.Column("display_name", sa.String(100), nullable=False),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("is_editor", sa.Boolean(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
"""DX team members who may use the dashboard; editors may also approve FAQ drafts."""

admin_sessions = sa.Table(
    "admin_sessions",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("user_id", _Id, sa.ForeignKey("admin_users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_admin_sessions_expires", "expires_at"),
)
"""Dashboard sessions: ``id`` is the SHA-256 of the cookie's token, so a database leak logs no one in."""

answer_drafts = sa.Table(
    "answer_drafts",
    metadata,
    sa.Column(
        "consultation_id", _Id, sa.ForeignKey("consultations.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("user_id", _Id, sa.ForeignKey("admin_users.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_answer_drafts_saved", "saved_at"),
)
"""An answer a DX member sent after their login expired (`bot.consult.answerdrafts`), masked: one per
member and consultation, given back in their answer box until sent, the consultation closes, or it is old."""

installation_secrets = sa.Table(
    "installation_secrets",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text(), nullable=False),
)
"""Secrets drawn once, at the first start, and kept with the data (`bot.db.installation`): the same in
every process and across restarts; a backup carries them."""

login_failures = sa.Table(
    "login_failures",
    metadata,
    sa.Column("id", _Id, primary_key=True, autoincrement=True),
    sa.Column("account", sa.String(64), nullable=False),
    sa.Column("address", sa.String(64), nullable=False),
    sa.Column("device", sa.String(32), nullable=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_login_failures_account", "account", "at"),
    sa.Index("ix_login_failures_address", "address", "at"),
    sa.Index("ix_login_failures_device", "device", "at"),
)
"""Recent failed dashboard logins (`bot.consult.throttle`): the name typed, whether or not it exists."""

faq_drafts = sa.Table(
    "faq_drafts",
    metadata,
    sa.Column("id", _Id, primary_key=True, autoincrement=True),
    sa.Column("consultation_id", _Id, sa.ForeignKey("consultations.id", ondelete="SET NULL"), nullable=True),
    sa.Column("entry_id", sa.String(48), nullable=False),
    sa.Column("category", sa.String(16), nullable=False),
    sa.Column("question", sa.Text(), nullable=False),
    sa.Column("answer", sa.Text(), nullable=False),
    sa.Column("phrasings", sa.JSON(), nullable=False),
    sa.Column("keywords", sa.JSON(), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("created_by", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_by", sa.String(64), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("reviewed_by", sa.String(64), nullable=True),
    sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Index("ix_faq_drafts_consultation", "consultation_id"),
)
"""FAQ entries drafted from answered consultations: ``draft`` → ``approved`` (by an editor) → ``exported``."""

web_sessions = sa.Table(
    "web_sessions",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.String(KEY_ID_CHARS), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_web_sessions_expires", "expires_at"),
    sa.Index("ix_web_sessions_user", "user_id"),
)
"""Web chat sessions: ``id`` is the SHA-256 of the cookie's token; ``user_id`` is the random, anonymous
identity the session stands for (unrelated to the token), under which its conversation is kept."""

web_session_starts = sa.Table(
    "web_session_starts",
    metadata,
    sa.Column("id", _Id, primary_key=True, autoincrement=True),
    sa.Column("client", sa.String(64), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_web_session_starts_client", "client", "at"),
)
"""When each web chat session was started, and from which client address (`throttle.client_key`): the
budget of new sessions per address (`bot.db.websessions`); kept a day, whether the session lives or not."""

knowledge_reloads = sa.Table(
    "knowledge_reloads",
    metadata,
    sa.Column("id", _Id, primary_key=True, autoincrement=True),
    sa.Column("requested_by", sa.String(64), nullable=False),
    sa.Column("via", sa.String(16), nullable=False),
    sa.Column("instance", sa.String(255), nullable=False),
    sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("outcome", sa.String(16), nullable=True),
    sa.Column("detail", sa.JSON(), nullable=True),
)
"""Every knowledge reload asked for (`bot.db.reloads`): who, how (``dashboard`` or ``api``), which process
built it, and the outcome (``loaded``, ``failed``; empty while building) with its counts or problems.
The other server processes follow each new row (`bot.reloading`)."""
