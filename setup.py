"""Builds kaizen-bot; everything but the sample knowledge is in pyproject.toml.

A wheel carries the sample knowledge (the repository's faq.yaml and knowledge/) as ``bot/sample``, so that
a first ``python -m bot serve`` of a packaged install answers as the docs promise; `bot.config.places`
finds it there when the working directory holds no knowledge. An editable install reads the checkout's own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithSample(build_py):
    """build_py, then the sample knowledge copied into the built package (not for editable installs)."""

    def run(self) -> None:
        """Build the package, then put the sample beside its modules."""
        super().run()
        if self.editable_mode:
            return
        sample = Path(self.build_lib) / "bot" / "sample"
        shutil.rmtree(sample, ignore_errors=True)
        shutil.copytree(ROOT / "knowledge", sample / "knowledge")
        shutil.copy2(ROOT / "faq.yaml", sample / "faq.yaml")


setup(cmdclass={"build_py": BuildWithSample})
