"""Knowledge files: schema, loading and checking (faq.yaml and knowledge/)."""

from bot.knowledge.loader import KnowledgeBase, knowledge_files, load_knowledge, missing_knowledge
from bot.knowledge.manual import Chapter, Section
from bot.knowledge.problems import KnowledgeError, Problem
from bot.knowledge.schema import TOOLS, Case, FaqEntry, Referral, SmallTalk
from bot.knowledge.ward import Ward

__all__ = [
    "TOOLS",
    "Case",
    "Chapter",
    "FaqEntry",
    "KnowledgeBase",
    "KnowledgeError",
    "Problem",
    "Referral",
    "Section",
    "SmallTalk",
    "Ward",
    "knowledge_files",
    "load_knowledge",
    "missing_knowledge",
]
