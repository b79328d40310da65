"""Watch the LINE path work without a LINE account: a fake LINE platform, the real bot, one conversation.

Usage: python scripts/line_demo.py [--quiet]

Starts the fake LINE Messaging API of the tests (tests/auxil/line.py) on a
free local port, then ``python -m bot serve`` with LINE's settings pointing
at it and a throwaway SQLite database, and plays a staff member's
conversation as LINE would deliver it (signed webhooks): adding the bot, a
question, a button, a sticker, a consultation, the DX team's answer pushed
through the admin API, and a block after which nothing more is pushed.
Prints the conversation, whether each answer went as a free reply or a
counted push, and how fast the webhook was acknowledged and answered.
Everything runs on 127.0.0.1; nothing reaches LINE.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.auxil.channels import Sent, Webhook  # noqa: E402
from tests.auxil.line import FakeLine  # noqa: E402
from tests.auxil.platforms import free_port  # noqa: E402

USER = "Udemo0000000000000000000000000001"
ADMIN_TOKEN = secrets.token_urlsafe(32)


class Demo:
    """The fake platform, the bot's address, and the timings of each webhook."""

    def __init__(self, line: FakeLine, url: str, session: aiohttp.ClientSession, quiet: bool) -> None:
        self.line = line
        self.url = url
        self.session = session
        self.quiet = quiet
        self.acks: list[float] = []
        self.answers: list[float] = []
        self.events = (f"demo-{n}" for n in range(1000))

    async def send(self, said: str, webhook: Webhook, expect: int = 1) -> list[Sent]:
        """Deliver one webhook; wait for ``expect`` messages back; print them."""
        before = len(self.line.all_sent(USER))
        self.show(f"職員 ▶ {said}")
        started = time.perf_counter()
        async with self.session.post(
            self.url + webhook.path, data=webhook.body, headers=webhook.headers
        ) as r:
            if r.status != 200:
                raise RuntimeError(f"the webhook was answered {r.status}: {await r.text()}")
        self.acks.append(time.perf_counter() - started)
        if expect == 0:
            await asyncio.sleep(1.0)
            return []
        sent = (await self.line.sent(USER, before + expect))[before:]
        self.answers.append(time.perf_counter() - started)
        for message in sent:
            self.print_sent(message)
        return sent

    def print_sent(self, message: Sent) -> None:
        how = "返信（無料）" if message.via == "reply" else "プッシュ（月間の通数に数える）"
        self.show(f"bot ◀ [{how}] {message.text}")
        if message.buttons:
            self.show("       ボタン: " + " / ".join(message.buttons))

    def show(self, line: str) -> None:
        if not self.quiet:
            print(line, flush=True)

    def event(self) -> str:
        return next(self.events)


async def play(demo: Demo) -> None:
    line = demo.line
    await demo.send("（友だち追加）", line.follow(USER, demo.event()), expect=2)
    answer = await demo.send("RPAってなに？", line.text(USER, "RPAってなに？", demo.event()))
    await demo.send("（「解決した」を押す）", line.press(USER, _action(answer, "解決した"), demo.event()))
    await demo.send("（スタンプ）", line.sticker(USER, demo.event()))
    await demo.send("（「DX推進課に相談する」を選ぶ）", line.press(USER, "consult", demo.event()))
    content = "毎月の会議録の作成に半日かかっています。もっと楽にできませんか？"
    await demo.send(content, line.text(USER, content, demo.event()))
    sent = await demo.send("総務課 庶務係", line.text(USER, "総務課 庶務係", demo.event()))
    if "いつごろまでに" in sent[-1].text:
        sent = await demo.send("（「今月中」を選ぶ）", line.press(USER, "in:by:m", demo.event()))
    receipt = await demo.send("（「この内容で相談する」を押す）", line.press(USER, "in:send", demo.event()))
    number = int(re.findall(r"No\.(\d+)", receipt[-1].text)[0])

    demo.show(f"\nDX推進課 ▶ 管理API で No.{number} に回答します（数時間後の想定）")
    before = len(line.all_sent(USER))
    await _answer(demo, number, "音声認識ソフトで文字起こしし、要点だけを手直しする方法がおすすめです。")
    for message in (await line.sent(USER, before + 1))[before:]:
        demo.print_sent(message)

    demo.show("")
    await demo.send("（botをブロック）", line.unfollow(USER, demo.event()), expect=0)
    demo.show(f"DX推進課 ▶ No.{number} に追加の回答を送ります")
    pushes = len(line.requests("/v2/bot/message/push"))
    await _answer(demo, number, "追加のご案内です。")
    await asyncio.sleep(3.0)  # longer than a delivery worker's pass
    if len(line.requests("/v2/bot/message/push")) != pushes:
        raise RuntimeError("a message was pushed to a person who blocked the bot")
    demo.show("bot ◀ （ブロックした相手には送りません。回答は記録され、送信は取りやめます）")


async def _answer(demo: Demo, number: int, text: str) -> None:
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    path = f"{demo.url}/api/v1/consultations/{number}/answer"
    async with demo.session.post(path, json={"text": text}, headers=headers) as response:
        if response.status != 200:
            raise RuntimeError(f"answering was {response.status}: {await response.text()}")


def _action(sent: list[Sent], label: str) -> str:
    for message in sent:
        if label in message.buttons:
            return message.actions[message.buttons.index(label)]
    raise RuntimeError(f"no button {label!r}")


async def main(quiet: bool) -> int:
    line = FakeLine()
    await line.start()
    folder = Path(tempfile.mkdtemp(prefix="kaizen-line-demo-"))
    port = free_port()
    env = {
        **os.environ,
        **line.settings(),
        "KAIZEN_ADMIN_TOKEN": ADMIN_TOKEN,
        "KAIZEN_CACHE_DIR": str(folder / "cache"),
        "KAIZEN_LOG_LEVEL": "INFO",
    }
    command = [sys.executable, "-m", "bot", "--database", f"sqlite:///{folder / 'kaizen.db'}", "serve"]
    log = (folder / "serve.log").open("wb")
    server = await asyncio.create_subprocess_exec(
        *command, "--port", str(port), cwd=ROOT, env=env, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as session:
            await _ready(session, url, server, folder / "serve.log")
            demo = Demo(line, url, session, quiet)
            await play(demo)
    finally:
        if server.returncode is None:
            server.terminate()
        await server.wait()
        log.close()
        await line.stop()
    pushes = len(line.requests("/v2/bot/message/push"))
    replies = len(line.requests("/v2/bot/message/reply"))
    print(f"\n返信 {replies} 回（無料）、プッシュ {pushes} 回（月間の通数に数える）")
    ack, slowest = statistics.median(demo.acks) * 1000, max(demo.acks) * 1000
    print(f"Webhookの応答: 中央値 {ack:.1f} ms、最大 {slowest:.1f} ms（{len(demo.acks)} 件）")
    print(
        f"送信から返信まで: 中央値 {statistics.median(demo.answers) * 1000:.0f} ms、"
        f"最大 {max(demo.answers) * 1000:.0f} ms"
    )
    print(f"サーバーのログ: {folder / 'serve.log'}")
    return 0


async def _ready(
    session: aiohttp.ClientSession, url: str, server: asyncio.subprocess.Process, log: Path
) -> None:
    async with asyncio.timeout(180):
        while True:
            if server.returncode is not None:
                tail = (await asyncio.to_thread(log.read_text))[-2000:]
                raise RuntimeError(f"the bot exited with {server.returncode}:\n{tail}")
            try:
                async with session.get(f"{url}/healthz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.3)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="print only the figures")
    sys.exit(asyncio.run(main(parser.parse_args().quiet)))
