"""The Teams app package: the manifest is valid for Teams, the icons are the sizes Teams requires."""

from __future__ import annotations

import importlib.util
import json
import struct
import zipfile
import zlib
from pathlib import Path
from types import ModuleType

import pytest

from bot.config import PROJECT_ROOT

TEAMS = PROJECT_ROOT / "deploy" / "teams"
APP_ID = "0f1e2d3c-4b5a-6978-8a9b-acbdcedf0011"


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"teams_{name}", TEAMS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _png(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """Width, height, colour type and the unfiltered rows of a non-interlaced 8-bit PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert depth == 8
    chunks, at = b"", 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        if kind == b"IDAT":
            chunks += data[at + 8 : at + 8 + length]
        at += 12 + length
    raw = zlib.decompress(chunks)
    stride = width * (4 if colour == 6 else 3) + 1
    rows = [raw[i * stride : (i + 1) * stride] for i in range(height)]
    assert all(row[0] == 0 for row in rows), "rows are stored unfiltered"
    return width, height, colour, [row[1:] for row in rows]


def test_manifest_declares_a_personal_bot_with_placeholders() -> None:
    manifest = json.loads((TEAMS / "manifest.json").read_text(encoding="utf-8"))
    major, minor = (int(part) for part in manifest["manifestVersion"].split("."))
    assert (major, minor) >= (1, 17)
    assert manifest["$schema"].endswith(f"v{manifest['manifestVersion']}/MicrosoftTeams.schema.json")
    for field in ("id", "version", "developer", "name", "description", "icons", "accentColor", "bots"):
        assert field in manifest, field
    assert len(manifest["name"]["short"]) <= 30
    assert len(manifest["description"]["short"]) <= 80
    assert len(manifest["description"]["full"]) <= 4000
    (bot,) = manifest["bots"]
    assert bot["botId"] == manifest["id"] == "{{TEAMS_APP_ID}}"
    assert bot["scopes"] == ["personal"]
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}


def test_color_icon_is_192_square_and_opaque() -> None:
    width, height, colour, rows = _png((TEAMS / "color.png").read_bytes())
    assert (width, height, colour) == (192, 192, 6)
    assert all(row[i + 3] == 255 for row in rows for i in range(0, len(row), 4))


def test_outline_icon_is_32_square_white_on_transparent() -> None:
    width, height, colour, rows = _png((TEAMS / "outline.png").read_bytes())
    assert (width, height, colour) == (32, 32, 6)
    pixels = [row[i : i + 4] for row in rows for i in range(0, len(row), 4)]
    assert all(p[:3] == b"\xff\xff\xff" or p[3] == 0 for p in pixels), "only white, or fully transparent"
    assert any(p[3] == 0 for p in pixels)
    assert any(p[3] == 255 for p in pixels)


def test_the_icons_are_what_the_script_draws() -> None:
    icons = _module("make_icons")
    assert icons.png(icons.outline_icon(32), 32) == (TEAMS / "outline.png").read_bytes()


def test_package_fills_every_placeholder(tmp_path: Path) -> None:
    package = _module("package")
    output = tmp_path / "app.zip"
    argv = ["--app-id", APP_ID, "--public-url", "https://bot.example.lg.jp/", "--output", str(output)]
    assert package.main(argv) == 0
    with zipfile.ZipFile(output) as app:
        assert sorted(app.namelist()) == ["color.png", "manifest.json", "outline.png"]
        text = app.read("manifest.json").decode()
        assert app.read("color.png") == (TEAMS / "color.png").read_bytes()
    assert "{{" not in text
    manifest = json.loads(text)
    assert manifest["id"] == manifest["bots"][0]["botId"] == APP_ID
    assert manifest["validDomains"] == ["bot.example.lg.jp"]
    assert manifest["developer"]["websiteUrl"] == "https://bot.example.lg.jp/"


@pytest.mark.parametrize(
    ("app_id", "url", "message"),
    [
        (
            "not-a-guid",
            "https://bot.example.lg.jp",
            "--app-id（または TEAMS_APP_ID）には bot の Microsoft App ID",
        ),
        (
            APP_ID,
            "http://bot.example.lg.jp",
            "--public-url（または KAIZEN_PUBLIC_URL）には https:// で始まる",
        ),
        ("", "", "Microsoft App ID（GUID の形）を指定してください（指定された値: ''）"),
    ],
)
def test_package_refuses_bad_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], app_id: str, url: str, message: str
) -> None:
    package = _module("package")
    output = tmp_path / "app.zip"
    assert package.main(["--app-id", app_id, "--public-url", url, "--output", str(output)]) == 2
    assert message in capsys.readouterr().err
    assert not output.exists()


def test_an_output_folder_that_is_not_there_is_said_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = _module("package")
    output = tmp_path / "missing" / "app.zip"
    argv = ["--app-id", APP_ID, "--public-url", "https://bot.example.lg.jp", "--output", str(output)]
    assert package.main(argv) == 2
    assert f"package.py: {output}: 書き出せません（No such file or directory）" in capsys.readouterr().err


def test_a_value_cannot_break_the_json() -> None:
    package = _module("package")
    filled = package.fill('{"name": "{{DEVELOPER_NAME}}"}', {"DEVELOPER_NAME": 'DX "推進" 課\\'})
    assert json.loads(filled) == {"name": 'DX "推進" 課\\'}
    with pytest.raises(ValueError, match="PUBLIC_HOST"):
        package.fill("{{PUBLIC_HOST}}", {})
