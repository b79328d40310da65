"""The Dockerfile's health check, run as Docker would run it (there is no Docker here)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from tests.auxil.platforms import free_port
from tests.auxil.server import serve, start, stop, wait_ready
from tests.deploy.test_packaged import SOURCES

DOCKERFILE = Path(__file__).resolve().parents[2] / "Dockerfile"


def health_check() -> list[str]:
    """The HEALTHCHECK's CMD, in exec form, as written in the Dockerfile."""
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    found = re.search(r"^HEALTHCHECK .*?CMD (\[.*\])\s*$", text, re.MULTILINE)
    assert found, "the Dockerfile has a HEALTHCHECK in exec form"
    command: list[str] = json.loads(found.group(1))
    return command


def test_the_health_check_asks_the_port_the_server_was_given(tmp_path: Path) -> None:
    """An image run with another KAIZEN_PORT (-e KAIZEN_PORT=9000) must not be reported unhealthy."""
    command = health_check()
    assert command[0] == "python"
    with serve(tmp_path) as served:
        port = str(urlsplit(served.url).port)
        healthy = subprocess.run([sys.executable, *command[1:]], env={"KAIZEN_PORT": port}, timeout=30)
        assert healthy.returncode == 0
    stopped = subprocess.run(
        ["python3", *command[1:]],
        env={"KAIZEN_PORT": port, "PATH": "/usr/bin:/bin"},
        timeout=30,
        capture_output=True,
    )
    assert stopped.returncode != 0  # the server is gone: unhealthy, not a silent pass


def test_the_health_check_asks_the_server_itself_not_the_proxy_the_container_is_given(tmp_path: Path) -> None:
    """``-e HTTP_PROXY=…`` (for the platforms' APIs) sent the check to the proxy: unhealthy, or its 200."""
    command = health_check()
    dead_proxy = f"http://127.0.0.1:{free_port()}"
    with serve(tmp_path) as served:
        port = str(urlsplit(served.url).port)
        env = {"KAIZEN_PORT": port, "http_proxy": dead_proxy, "HTTP_PROXY": dead_proxy}
        healthy = subprocess.run([sys.executable, *command[1:]], env=env, timeout=30, capture_output=True)
        assert healthy.returncode == 0, healthy.stderr


def test_the_health_check_asks_the_address_the_server_listens_on(tmp_path: Path) -> None:
    """With KAIZEN_HOST set to one address (not 0.0.0.0) the image was unhealthy: it asked 127.0.0.1."""
    command = health_check()
    port = free_port()  # free on 127.0.0.1 too: the old health check found nothing there
    env = {"KAIZEN_LOG_LEVEL": "WARNING", "KAIZEN_HOST": "127.0.0.2"}
    served = replace(start(tmp_path, port, env), url=f"http://127.0.0.2:{port}")
    try:
        wait_ready(served)
        asked = {"KAIZEN_HOST": "127.0.0.2", "KAIZEN_PORT": str(port)}
        healthy = subprocess.run([sys.executable, *command[1:]], env=asked, timeout=30, capture_output=True)
        assert healthy.returncode == 0, healthy.stderr
    finally:
        stop(served)


def test_the_image_installs_the_package_with_everything_its_build_reads() -> None:
    """The image built from pyproject.toml and bot/ alone: setup.py, which puts the sample in, was left out.

    And `python -m bot` in the image imported the sources copied into its working directory, not the
    installed package: the sources are now removed once installed, and the working directory has none.
    """
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    install = re.search(r"^RUN pip install (\S+) && rm -rf (\S+)$", text, re.MULTILINE)
    assert install, "the image installs the package from a folder, then removes it"
    source = install.group(1).rstrip("/") + "/"
    assert install.group(2).rstrip("/") + "/" == source
    copied: set[str] = set()
    for line in re.findall(r"^COPY (.+)$", text[: install.start()], re.MULTILINE):
        *names, target = line.split()
        assert target.startswith(source), line
        copied.update(names)
    assert copied == set(SOURCES)
    workdir = re.findall(r"^WORKDIR (\S+)$", text, re.MULTILINE)
    assert workdir == ["/app"]
    after = re.findall(r"^COPY (\S+) ", text[install.end() :], re.MULTILINE)
    assert "bot" not in after  # nothing in /app shadows the installed package
