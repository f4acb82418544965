"""The language model unpacked into the cache folder: the same guesses, read instead of unpacked."""

from __future__ import annotations

import pytest

from baltmet_extract import language
from baltmet_extract.language import DEFAULT_CANDIDATES, _identifier, detect_language

TEXTS = [
    "The city of Gdańsk and the region of Pomerania signed a cooperation agreement on climate adaptation.",
    "Die Stadt Rostock und die Hansestadt Hamburg arbeiten im Projekt zur Stadtentwicklung zusammen.",
    "Miasto Szczecin i województwo zachodniopomorskie współpracują w projekcie dotyczącym transportu.",
    "Helsingin kaupunki ja Tallinnan kaupunki tekevät yhteistyötä liikenteen ja ympäristön alalla.",
    "Stockholms stad och Region Uppsala samarbetar i ett projekt om hållbar stadsutveckling i regionen.",
    "La ville de Riga et la région de Vidzeme coopèrent dans un projet sur le développement urbain durable.",
    "Short",
]


@pytest.fixture(autouse=True)
def _fresh():
    _identifier.cache_clear()
    yield
    _identifier.cache_clear()


def test_the_kept_model_guesses_as_the_bundled_one(tmp_path):
    bundled = [_identifier(DEFAULT_CANDIDATES).classify(t) for t in TEXTS]
    _identifier.cache_clear()
    _identifier(DEFAULT_CANDIDATES, str(tmp_path))  # unpacked, kept
    kept = list(tmp_path.glob("langid-*.npz"))
    assert len(kept) == 1 and kept[0].stat().st_size > 1_000_000
    _identifier.cache_clear()
    ident = _identifier(DEFAULT_CANDIDATES, str(tmp_path))
    assert [ident.classify(t) for t in TEXTS] == bundled
    assert [detect_language(t, None, str(tmp_path)) for t in TEXTS[:6]] == ["en", "de", "pl", "fi", "sv", "fr"]


def test_the_kept_model_is_read_not_unpacked(tmp_path, monkeypatch):
    import py3langid.langid as langid

    _identifier(DEFAULT_CANDIDATES, str(tmp_path))
    _identifier.cache_clear()

    def unpack(*args, **kwargs):
        raise AssertionError("the bundled model was unpacked again")

    monkeypatch.setattr(langid.LanguageIdentifier, "from_model_file", classmethod(unpack))
    assert _identifier(DEFAULT_CANDIDATES, str(tmp_path)).classify(TEXTS[1])[0] == "de"


def test_a_broken_or_foreign_model_file_is_built_again(tmp_path):
    path = language.model_cache_path(DEFAULT_CANDIDATES, str(tmp_path))
    path.write_bytes(b"not a zip")
    assert _identifier(DEFAULT_CANDIDATES, str(tmp_path)).classify(TEXTS[2])[0] == "pl"
    assert path.stat().st_size > 1_000_000  # replaced by a good one
    other = language.model_cache_path(("en", "de"), str(tmp_path))
    _identifier.cache_clear()
    assert _identifier(("en", "de"), str(tmp_path)).classify(TEXTS[1])[0] == "de"
    assert sorted(tmp_path.glob("langid-*.npz")) == [other]  # one model kept


def test_keep_model_unpacks_once(tmp_path):
    assert language.keep_model(None, str(tmp_path)) is True
    assert language.keep_model({"detect": list(DEFAULT_CANDIDATES)}, str(tmp_path)) is False
    assert language.model_cache_path(DEFAULT_CANDIDATES, str(tmp_path)).exists()


def test_another_runs_half_written_model_is_left_alone(tmp_path):
    path = language.model_cache_path(DEFAULT_CANDIDATES, str(tmp_path))
    other = path.with_name(f"{path.stem}.999999.tmp")  # what a run with that pid is writing
    other.write_bytes(b"half")
    _identifier(DEFAULT_CANDIDATES, str(tmp_path))
    assert other.read_bytes() == b"half" and path.exists()
