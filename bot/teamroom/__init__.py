"""The DX team's own room: notices of consultations posted there, and the team's commands typed there.

One room on one channel (``KAIZEN_TEAM_ROOM``, any channel implementing
`bot.handlers.channel.TeamRoom`), and the members allowed to act from it
(``KAIZEN_TEAM_MEMBERS``), each as a dashboard account:

- `commands`: what the team types (``#123 回答 …``), read into a `Command`;
- `desk`: a command carried out through the same actions, state checks and
  audit trail as the dashboard, and the room's reply;
- `delivery`: the outbox's ``notify-room`` sender, and the start-up check
  that the room's channel exists, is on and can host a room.
"""
