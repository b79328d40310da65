"""The team room's settings: their syntax at start, and the room's channel once the channels are built."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot import wiring
from bot.config import Settings, SettingsError, TeamSettings
from bot.consult.notices import NOTIFY_ROOM
from bot.delivery import notice_channels
from tests.auxil.line import SECRET
from tests.auxil.server import run_bot

LINE = {"LINE_CHANNEL_SECRET": SECRET, "LINE_CHANNEL_ACCESS_TOKEN": "token"}
ROOM = "<channel>:<room id> の形で指定してください"
MEMBERS = "<channel>:<user id>=<dashboard account> をカンマ区切りで指定してください"
ACCOUNT = (
    "「=」の後にダッシュボードのアカウント名（半角英小文字・数字・「.」「_」「-」の2〜32文字）を"
    "指定してください"
)


def team(room: str, members: str = "", **extra: str) -> Settings:
    env = {"KAIZEN_CACHE_DIR": "", "KAIZEN_TEAM_ROOM": room, "KAIZEN_TEAM_MEMBERS": members, **extra}
    return Settings.from_env(env)


def test_off_by_default_and_no_notices_to_a_room() -> None:
    settings = Settings.from_env({})
    assert settings.team == TeamSettings()
    assert not settings.team.on
    assert NOTIFY_ROOM not in notice_channels(settings.notify, settings.team)


def test_the_room_and_members_are_read_with_colons_in_ids() -> None:
    settings = team(
        "teams:19:dx-room@thread.tacv2",
        " teams:6b1f2c3d-aaaa=tanaka , teams:29:1abc:def=sato.k ,",
    )
    assert settings.team == TeamSettings(
        "teams",
        "19:dx-room@thread.tacv2",
        {("teams", "6b1f2c3d-aaaa"): "tanaka", ("teams", "29:1abc:def"): "sato.k"},
    )
    assert notice_channels(settings.notify, settings.team) == (NOTIFY_ROOM,)


def test_a_room_without_members_only_gets_notices() -> None:
    assert team("Slack:C0123ABC").team == TeamSettings("slack", "C0123ABC", {})


@pytest.mark.parametrize(
    ("room", "members", "message"),
    [
        ("C0123ABC", "", f"KAIZEN_TEAM_ROOM は {ROOM}（指定された値: 'C0123ABC'）"),
        ("slack:", "", f"KAIZEN_TEAM_ROOM は {ROOM}（指定された値: 'slack:'）"),
        (":C0123", "", f"KAIZEN_TEAM_ROOM は {ROOM}（指定された値: ':C0123'）"),
        ("slack:C01 23", "", f"KAIZEN_TEAM_ROOM は {ROOM}（指定された値: 'slack:C01 23'）"),
        ("", "slack:U1=tanaka", "KAIZEN_TEAM_MEMBERS を使うときは KAIZEN_TEAM_ROOM も設定してください"),
        ("slack:C1", "slack:U1", f"KAIZEN_TEAM_MEMBERS は {MEMBERS}（指定された値: 'slack:U1'）"),
        ("slack:C1", "U1=tanaka", f"KAIZEN_TEAM_MEMBERS は {MEMBERS}（指定された値: 'U1=tanaka'）"),
        ("slack:C1", "slack:U1=", f"KAIZEN_TEAM_MEMBERS は{ACCOUNT}（指定された値: 'slack:U1='）"),
        (
            "slack:C1",
            "slack:U1=Tanaka San",
            f"KAIZEN_TEAM_MEMBERS は{ACCOUNT}（指定された値: 'slack:U1=Tanaka San'）",
        ),
        (
            "slack:C1",
            "slack:U1=tanaka,slack:U1=sato",
            "KAIZEN_TEAM_MEMBERS は各ユーザーIDを1回ずつ指定してください（指定された値: 'slack:U1=sato'）。"
            "slack:U1 が2回",
        ),
        (
            "slack:C1",
            "teams:6b1f=tanaka",
            "KAIZEN_TEAM_MEMBERS はチームのルームと同じチャネル（slack）のユーザーIDを指定してください"
            "（指定された値: 'teams:6b1f=tanaka'）",
        ),
    ],
)
def test_malformed_settings_stop_start_up_with_what_was_expected(
    room: str, members: str, message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        team(room, members)


def test_the_room_must_be_on_a_channel_that_exists_is_on_and_can_host_it() -> None:
    with pytest.raises(
        SettingsError, match=r"KAIZEN_TEAM_ROOM のチャネル 'skype' はありません。.*line・.*を指定して"
    ):
        wiring.channels(team("skype:R1"), routes=False)
    with pytest.raises(SettingsError, match="KAIZEN_TEAM_ROOM のチャネル 'line' が有効になっていません"):
        wiring.channels(team("line:C0123"), routes=False)
    with pytest.raises(
        SettingsError, match="KAIZEN_TEAM_ROOM のチャネル 'web' には、DXチームのルームを置けません"
    ):
        wiring.channels(team("web:room"), routes=False)
    built = wiring.channels(team("line:C0123", "line:Uabc=tanaka", **LINE), routes=False)
    assert "line" in built


def test_serve_with_a_room_on_a_channel_that_is_off_exits_2_without_a_traceback(tmp_path: Path) -> None:
    env = {
        "KAIZEN_CACHE_DIR": "",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'k.db'}",
        "KAIZEN_TEAM_ROOM": "teams:19:dx@thread.tacv2",
    }
    done = run_bot("serve", "--port", "1", env=env, timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "設定エラー: KAIZEN_TEAM_ROOM のチャネル 'teams' が有効になっていません" in done.stderr
