"""The language of a document (ISO 639-1), from py3langid's bundled model restricted to the
languages the rules name (`languages.yaml`); None when the text is too short or the guess weak."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: fewer letters than this give no reliable guess
MIN_LETTERS = 40
DEFAULT_CANDIDATES = ("en", "de", "fr", "pl", "fi", "sv", "da", "no", "et", "lv", "lt", "nl", "ru")
DEFAULT_MIN_CONFIDENCE = 0.6


@lru_cache(maxsize=2)
def _identifier(candidates: tuple[str, ...]) -> Any:
    import py3langid.langid as langid

    ident = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    known = set(ident.nb_classes)
    ident.set_languages([c for c in candidates if c in known] or list(DEFAULT_CANDIDATES))
    return ident


def detect_language(text: str, config: dict[str, Any] | None = None) -> str | None:
    """The ISO 639-1 code of the text's language, or None when unsure."""
    config = config or {}
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        return None
    candidates = tuple(config.get("detect") or DEFAULT_CANDIDATES)
    lang, confidence = _identifier(candidates).classify(text[:20000])
    if confidence < float(config.get("min_confidence", DEFAULT_MIN_CONFIDENCE)):
        return None
    return str(lang)
