"""'Did you mean …' hints for near misses: keys, choices, unit names, record ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from generator.strings import CHECK


def closest(word: str, choices: Iterable[str]) -> list[str]:
    """Up to three choices: the best match and any nearly as good as it."""
    scored = sorted(
        ((difflib.SequenceMatcher(None, word, choice).ratio(), choice) for choice in choices), reverse=True
    )
    scored = [(score, choice) for score, choice in scored if score >= 0.4]
    if not scored:
        return []
    best = scored[0][0]
    return [choice for score, choice in scored[:3] if score >= best - 0.1]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest choices, or '' when none is close."""
    close = closest(word, choices)
    if not close:
        return ""
    return CHECK["did_you_mean"].format(choices=CHECK["or"].join(f"「{c}」" for c in close))
