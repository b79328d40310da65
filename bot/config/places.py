"""Where the knowledge and the database are when no setting says: the working directory, never the package.

An installed package (a wheel in site-packages, the Docker image's) is no place for a ward's knowledge or
data: the defaults are found in the directory the bot is started in, as a deployment's working directory
(systemd's ``WorkingDirectory=``, a container's ``WORKDIR``). Only a first try, started where there is no
knowledge at all, gets the sample knowledge: shipped inside the package as ``bot/sample`` (a wheel, see
setup.py) or the checkout's own ``faq.yaml`` and ``knowledge/`` (an editable install).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.config.catalog import PROJECT_ROOT

__all__ = [
    "FAQ_NAME",
    "KNOWLEDGE_NAME",
    "KnowledgePlace",
    "default_database_url",
    "knowledge_place",
    "sample_root",
]

FAQ_NAME = "faq.yaml"
KNOWLEDGE_NAME = "knowledge"
PACKAGED_SAMPLE = Path(__file__).resolve().parent.parent / "sample"
"""The sample knowledge inside an installed package (setup.py copies it there when it builds a wheel)."""


@dataclass(frozen=True, slots=True)
class KnowledgePlace:
    """The knowledge in force, and whether it is the sample, taken because the working directory had none."""

    faq_path: Path
    knowledge_dir: Path
    sample: bool = False


def sample_root(packaged: Path = PACKAGED_SAMPLE, checkout: Path = PROJECT_ROOT) -> Path | None:
    """The folder holding the sample's faq.yaml and knowledge/: the package's copy, else a checkout's own.

    A checkout counts only as one (its pyproject.toml beside them), so that a wheel never looks for the
    sample in site-packages itself. None when neither has it.
    """
    if _holds_knowledge(packaged):
        return packaged
    if (checkout / "pyproject.toml").is_file() and _holds_knowledge(checkout):
        return checkout
    return None


def knowledge_place(
    faq: str | None, knowledge: str | None, cwd: Path, sample: Path | None = None
) -> KnowledgePlace:
    """The FAQ file and knowledge folder from the settings given (None: not given), relative to ``cwd``.

    One not given is the working directory's; when neither is given and the working directory holds
    neither a faq.yaml nor a knowledge/ folder, the sample (``sample``, or `sample_root`'s) serves, so that
    a first ``python -m bot serve`` answers. A ward's own knowledge is never mixed with the sample's.
    """
    if faq is None and knowledge is None and not _holds_any_knowledge(cwd):
        root = sample if sample is not None else sample_root()
        if root is not None:
            return KnowledgePlace(root / FAQ_NAME, root / KNOWLEDGE_NAME, sample=True)
    faq_path = Path(faq).expanduser() if faq is not None else cwd / FAQ_NAME
    knowledge_dir = Path(knowledge).expanduser() if knowledge is not None else cwd / KNOWLEDGE_NAME
    return KnowledgePlace(faq_path, knowledge_dir)


def default_database_url(cwd: Path) -> str:
    """The SQLite file ``var/kaizen.db`` under the working directory, as an absolute URL."""
    return f"sqlite:///{cwd / 'var' / 'kaizen.db'}"


def _holds_knowledge(folder: Path) -> bool:
    return (folder / FAQ_NAME).is_file() and (folder / KNOWLEDGE_NAME).is_dir()


def _holds_any_knowledge(folder: Path) -> bool:
    return (folder / FAQ_NAME).exists() or (folder / KNOWLEDGE_NAME).exists()
