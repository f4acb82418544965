"""The browser review (`baltmet-extract review serve`): a small local web app over one output
folder, whose decisions are written to the rules folder at once and applied with "Apply".

    from baltmet_extract.review_server import make_server
    server = make_server(Path("output"), None, port=0)
    print(server.url)
    server.serve_forever()
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import TextIO

from baltmet_extract.errors import BaltmetError

__all__ = ["make_server", "review_state"]


def review_state(out: Path, rules: Path | None = None):  # type: ignore[no-untyped-def]
    """The state of a review of `out`; decisions go to `rules`, else to the rules folder the run
    used (run.json), else to ./rules."""
    from baltmet_extract.normalise.gazetteer import load_gazetteer
    from baltmet_extract.review import check_review_targets
    from baltmet_extract.review_server.state import ReviewState
    from baltmet_extract.rule_files import review_dir
    from baltmet_extract.rules import Rules
    from baltmet_extract.run_record import RUN_FILE, read_run_record
    from baltmet_extract.settings import default_cache_dir

    if not (out / "normalisation.csv").is_file():
        raise BaltmetError(f"{out}: no normalisation.csv; run 'baltmet-extract extract ... --out {out}' first")
    recorded = read_run_record(out).rules_dir if (out / RUN_FILE).is_file() else None
    rules_dir = Path(rules) if rules else (recorded or review_dir(None))
    # the decisions already made are checked as a run checks them: a broken file is named now
    rules_dir.mkdir(parents=True, exist_ok=True)  # where the first decision goes
    loaded = Rules.load(rules_dir)
    gz = load_gazetteer(loaded, default_cache_dir())
    check_review_targets(loaded, gz)
    state = ReviewState(out, rules_dir.resolve(), gz)
    state.views()  # a broken table is reported now, not on the first request
    return state


def make_server(out: Path, rules: Path | None = None, port: int = 8765, log: TextIO | None = None,
                token: str | None = None):  # type: ignore[no-untyped-def]
    """A `ReviewServer` for `out` on 127.0.0.1:`port` (0: any free port), not yet serving."""
    from baltmet_extract.review_server.server import ReviewServer

    state = review_state(out, rules)
    try:
        return ReviewServer(state, port=port, token=token, log=log)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise BaltmetError(f"port {port} is in use; choose another with --port (0 picks a free one)") from exc
        raise
