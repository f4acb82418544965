"""The pipeline: ingest, classify and extract each document (independently, so in parallel if
asked), then normalise and link the union, validate, and export.

`extract(paths)` returns the tables; `run(paths, out)` also writes them. This module only
composes the stages; the CLI and the public API are its only callers.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from baltmet_extract.documents import collect_inputs
from baltmet_extract.results import RunResult
from baltmet_extract.rules import load_rules
from baltmet_extract.runners import DocumentRunner
from baltmet_extract.settings import ExtractSettings

__all__ = ["extract", "run"]


def extract(inputs: Iterable[str | Path], settings: ExtractSettings | dict[str, object] | None = None,
            progress: Callable[[str], None] | None = None) -> RunResult:
    """Extract, normalise and validate; returns the tables without writing them."""
    from baltmet_extract.normalise.gazetteer import load_gazetteer
    from baltmet_extract.normalise.link import Linker
    from baltmet_extract.normalise.resolver import Resolver
    from baltmet_extract.normalise.textplaces import TextPlaceFinder
    from baltmet_extract.review import check_review_targets
    from baltmet_extract.validate import validate

    s = ExtractSettings.resolve(settings)
    files = collect_inputs(list(inputs))
    # review decisions are checked before any document is read: one that cannot be applied (a
    # misspelt decision, a target the gazetteer lacks) is a usage error, never skipped in silence
    rules = load_rules(str(s.rules_dir) if s.rules_dir else None)
    gz = load_gazetteer(rules, None if s.no_cache else s.cache_dir) if rules.review else None
    if gz is not None:
        check_review_targets(rules, gz)
    runner = DocumentRunner(files, s, progress)
    try:
        if gz is None:
            gz = load_gazetteer(rules, None if s.no_cache else s.cache_dir)
        # the gazetteer's million objects live as long as the run: the garbage collector need not
        # walk them again at every full pass (0.1-0.3 s each)
        gc.freeze()
        resolver = Resolver(gz, rules)
        finder = TextPlaceFinder(gz, resolver, rules, None if s.no_cache else s.cache_dir)
        if runner.busy() and not finder.cached:
            finder.nlp  # noqa: B018 - build spaCy while the workers read, rather than after
    except BaseException:
        runner.close()
        gc.unfreeze()
        raise
    try:
        documents = runner.results()
        gc.freeze()
        # linking and validating build answers and records by the ten thousand, all kept: collector
        # passes over them cost 40-60 ms on 5,000 partners and find a few hundred objects in cycles
        with collector_paused():
            tables = Linker(resolver, finder).run(documents)
            gc.freeze()
            finder.save()
            problems = validate(tables, documents, rules)
    finally:
        # what the run froze may be collected again once it is dropped: a process that runs many
        # extractions (the review server's "Apply", the tests, a notebook) would otherwise keep
        # every run's garbage in cycles (the spaCy pipeline's, a few dozen MB a run) for good
        gc.unfreeze()
    return RunResult(tables=tables, documents=documents, validation=problems, gazetteer=gz)


def run(inputs: Iterable[str | Path], out_dir: str | Path, settings: ExtractSettings | dict[str, object] | None = None,
        progress: Callable[[str], None] | None = None) -> RunResult:
    """Extract and write every output file into `out_dir`: checked and locked before the work starts,
    written whole or not at all (see `publish`)."""
    from baltmet_extract.export import open_output, write_outputs
    from baltmet_extract.rule_files import user_rules_dir

    s = ExtractSettings.resolve(settings)
    paths = list(inputs)
    with open_output(Path(out_dir), paths, force=s.force) as folder:
        result = extract(paths, s, progress)
        # run.json: what "Apply" in the review server runs again
        result.inputs = [str(Path(p).resolve()) for p in paths]
        rules = user_rules_dir(s.rules_dir)
        result.rules_dir = str(rules.resolve()) if rules else None
        with collector_paused():
            write_outputs(result, folder, csv_raw=s.csv_raw)
    return result


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (it was on before: on again after). Linking,
    validating and writing the files build records, rows and views by the hundred thousand, all
    alive until the run ends or their file is written and almost none in a reference cycle: a
    collector pass over them finds next to nothing, and such passes cost 5-10 % of those stages."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
