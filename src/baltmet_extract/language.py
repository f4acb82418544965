"""The language of a document (ISO 639-1), from py3langid's bundled model restricted to the
languages the rules name (`languages.yaml`); None when the text is too short or the guess weak.

The bundled model is LZMA-compressed: unpacking it costs 0.4 s of CPU, more than reading a
whole annex. Given a cache folder, the model restricted to the candidate languages is kept there
unpacked (an .npz of plain arrays, no pickle; about 42 MB) and read back in a few hundredths of a
second; its name holds py3langid's version and the candidates, so another version or other
languages build their own (and replace it).
"""

from __future__ import annotations

import hashlib
import os
from array import array
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from baltmet_extract.cache import drop_others

#: fewer letters than this give no reliable guess
MIN_LETTERS = 40
DEFAULT_CANDIDATES = ("en", "de", "fr", "pl", "fi", "sv", "da", "no", "et", "lv", "lt", "nl", "ru")
DEFAULT_MIN_CONFIDENCE = 0.6
#: the arrays of a restricted model as the cache keeps them
_MODEL_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_code", "row", "row_code", "output")


@lru_cache(maxsize=2)
def _identifier(candidates: tuple[str, ...], cache_dir: str | None = None) -> Any:
    import py3langid.langid as langid

    path = model_cache_path(candidates, cache_dir) if cache_dir else None
    if path is not None:
        kept = _read_model(path)
        if kept is not None:
            return kept
    ident = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    known = set(ident.nb_classes)
    ident.set_languages([c for c in candidates if c in known] or list(DEFAULT_CANDIDATES))
    if path is not None:
        _write_model(path, ident)
    return ident


def model_cache_path(candidates: tuple[str, ...], cache_dir: str) -> Path:
    try:
        version = metadata.version("py3langid")
    except metadata.PackageNotFoundError:
        version = "unknown"
    h = hashlib.sha256("\0".join(candidates).encode()).hexdigest()[:16]
    return Path(cache_dir) / f"langid-{version}-{h}.npz"


def _write_model(path: Path, ident: Any) -> None:
    """The restricted model's arrays into `path` (through a file of this process's own, renamed
    into place); nothing when the folder cannot take it (that costs time next run, nothing now)."""
    import numpy as np

    tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp")  # (no match for another run's clean-up)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as f:
            np.savez(f, ptc=np.asarray(ident.nb_ptc), pc=np.asarray(ident.nb_pc),
                     classes=np.array(ident.nb_classes),
                     nextmove=np.frombuffer(ident.tk_nextmove, dtype=f"u{ident.tk_nextmove.itemsize}"),
                     nextmove_code=np.array(ident.tk_nextmove.typecode),
                     row=np.frombuffer(ident.tk_row, dtype=f"u{ident.tk_row.itemsize}"),
                     row_code=np.array(ident.tk_row.typecode), output=np.array(ident.tk_output, dtype=np.int64))
        tmp.replace(path)
    except OSError:
        tmp.unlink(missing_ok=True)
        return
    drop_others(path, "langid-*.npz")  # (another version's or other languages': one model is kept)


def _read_model(path: Path) -> Any | None:
    """The identifier `_write_model` kept at `path`; None when it is missing or broken."""
    import numpy as np
    import py3langid.langid as langid

    try:
        with np.load(path, allow_pickle=False) as data:
            if set(data.files) != set(_MODEL_ARRAYS):
                return None
            nextmove = array(str(data["nextmove_code"]))
            nextmove.frombytes(np.ascontiguousarray(data["nextmove"]).data.cast("B"))
            row = array(str(data["row_code"]))
            row.frombytes(np.ascontiguousarray(data["row"]).data.cast("B"))
            return langid.LanguageIdentifier(data["ptc"], data["pc"], data["classes"].tolist(), nextmove,
                                             data["output"].tolist(), norm_probs=True, tk_row=row)
    except (OSError, ValueError, KeyError, TypeError, EOFError):
        return None


def _candidates(config: dict[str, Any] | None) -> tuple[str, ...]:
    """The languages `languages.yaml` lets the guess choose from (`detect`), or the defaults."""
    return tuple((config or {}).get("detect") or DEFAULT_CANDIDATES)


def keep_model(config: dict[str, Any] | None, cache_dir: str) -> bool:
    """Unpack the model for the candidates of `config` (`languages.yaml`) into `cache_dir` unless
    it is there; True when it was built (for tools that prepare a cache, as benchmarks do)."""
    candidates = _candidates(config)
    if model_cache_path(candidates, cache_dir).exists():
        return False
    _identifier(candidates, cache_dir)
    return True


def detect_language(text: str, config: dict[str, Any] | None = None, cache_dir: str | None = None) -> str | None:
    """The ISO 639-1 code of the text's language, or None when unsure. `cache_dir`: where the
    unpacked model is kept between runs (see the module's text)."""
    config = config or {}
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        return None
    lang, confidence = _identifier(_candidates(config), cache_dir).classify(text[:20000])
    if confidence < float(config.get("min_confidence", DEFAULT_MIN_CONFIDENCE)):
        return None
    return str(lang)
