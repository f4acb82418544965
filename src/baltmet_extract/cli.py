"""Command line: a thin layer over the library. Heavy imports happen inside the commands so that
`--help` is instant.

Exit status: 0 all inputs processed, 1 some inputs failed (the rest is still written),
2 usage error.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer

app = typer.Typer(
    help="Turn documents about Baltic Sea Region city cooperation (PDF, HTML, Word, text dumps) into clean, "
    "linked tables: projects, partners, places, milestones, events and news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
review_app = typer.Typer(help="Record review decisions about name matches; the next run applies them.",
                         no_args_is_help=True)
app.add_typer(review_app, name="review")

_STREAMS: dict[str, TextIO] = {}


def _err() -> TextIO:
    return _STREAMS.get("stderr", sys.stderr)


def _out() -> TextIO:
    return _STREAMS.get("stdout", sys.stdout)


#: documents that gave no records named in the summary, the rest counted
EMPTY_SHOWN = 5


class UsageProblem(Exception):
    """A problem with what the user asked for (exit status 2)."""


def one_line(text: str) -> str:
    """`text` safe to print as one line: control codes and bytes that are not UTF-8 escaped."""
    from baltmet_extract.documents import escape_name

    return escape_name(text)


RulesOption = Annotated[Path | None, typer.Option(
    "--rules", help="Your rules folder, layered over the shipped rules (default: ./rules when it exists).")]


@app.command()
def extract(
    # readable=False: a file that cannot be read is one failed input (a line and an errors.csv row), not
    # a usage error that stops the others
    inputs: Annotated[list[Path], typer.Argument(help="Files and/or folders to read (.pdf, .html, .htm, .txt, .docx).",
                                                 readable=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the tables into.")] = Path("output"),
    rules: RulesOption = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Documents read in parallel; 0 = one per core.")] = 0,
    executor: Annotated[str, typer.Option(help="'local' (process pool) or 'dask' (a Dask cluster).")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address; a local cluster when omitted.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Rebuild the gazetteer instead of using the cache.")] = False,
    cache_dir: Annotated[Path | None, typer.Option(help="Cache folder (default: ~/.cache/baltmet-extract).")] = None,
    max_file_size: Annotated[str | None, typer.Option(help="Refuse larger files, e.g. 500M (default 200M, or "
                                                             "$BALTMET_MAX_FILE_BYTES).")] = None,
    time_limit: Annotated[float | None, typer.Option(
        "--time-limit", help="Stop a document that takes longer than this many seconds (default 300; 0: none).")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Write into --out even though it holds files baltmet-extract did not write (they are kept).")
    ] = False,
    csv_raw: Annotated[bool, typer.Option(
        "--csv-raw", help="Write CSV cells as they are: no ' before a cell starting with = + - @ (which a "
                          "spreadsheet would run as a formula).")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks for unexpected errors.")] = False,
) -> None:
    """Extract every document in INPUTS into CSV, JSON, SQLite, a data package and a review report in --out."""
    import logging

    from baltmet_extract.pipeline import run
    from baltmet_extract.settings import ExtractSettings
    from baltmet_extract.validate import summary_line

    if not verbose:
        # damaged PDFs make pdfminer log warnings of its own; the one-line error says it all
        logging.getLogger("pdfminer").setLevel(logging.ERROR)
    settings_extra: dict[str, object] = {}
    if max_file_size is not None:
        from baltmet_extract.ingest import parse_size

        size = parse_size(max_file_size)
        if size is None:
            raise UsageProblem(f"--max-file-size {max_file_size!r} is not a size (write e.g. 500M, 2G or 65536)")
        settings_extra["max_file_bytes"] = size

    for p in inputs:
        if not p.exists():
            raise UsageProblem(f"{one_line(str(p))}: no such file or folder")
    settings: dict[str, object] = {"rules_dir": rules, "jobs": jobs, "executor": executor, "scheduler": scheduler,
                                   "no_cache": no_cache, "force": force, "csv_raw": csv_raw}
    if time_limit is not None:
        settings["time_limit"] = time_limit
    if cache_dir is not None:
        settings["cache_dir"] = cache_dir
    settings.update(settings_extra)
    try:
        s = ExtractSettings.resolve(settings)
    except ValueError as exc:
        errors = getattr(exc, "errors", None)
        message = errors()[0]["msg"] if callable(errors) else str(exc)
        raise UsageProblem(message.removeprefix("Value error, ")) from exc
    err = _err()
    try:
        with _progress(err) as progress:
            result = run(inputs, out, s, progress=progress)
    except KeyboardInterrupt:
        # the output folder is switched in whole or not at all: nothing to tidy, nothing to say but this
        print("baltmet-extract: interrupted; --out is as it was", file=err)
        raise typer.Exit(130) from None
    for e in result.errors:
        print(one_line(f"error: {e.source_file}: {e.message}"), file=err)
    if verbose:
        for d in result.documents:
            if d.traceback:
                print(f"{d.source_file}:\n{d.traceback}", file=err)
    print(summary_line(result.validation), file=err)
    t = result.tables
    to_review = sum(1 for n in t.normalisation if n.needs_review)
    problems = [p for p in result.validation if p["severity"] != "info"]
    print(f"{len(result.documents)} document(s): {len(t.projects)} projects, {len(t.partners)} partners, "
          f"{len(t.events)} events, {len(t.news)} news; {to_review} mention(s) to review, "
          f"{len(problems)} validation problem(s), {len(result.failed_inputs)} failed input(s) -> {one_line(str(out))}",
          file=err)
    empty = result.empty_inputs
    if empty:
        names = ", ".join(one_line(d.source_file) for d in empty[:EMPTY_SHOWN])
        more = f" and {len(empty) - EMPTY_SHOWN} more" if len(empty) > EMPTY_SHOWN else ""
        print(f"{len(empty)} document(s) gave no records: {names}{more} (why: errors.csv)", file=err)
    if result.failed_inputs:
        raise typer.Exit(1)


class _progress:
    """A rich progress bar on a terminal; silent otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.bar = None

    def __enter__(self):  # type: ignore[no-untyped-def]
        if not getattr(self.stream, "isatty", lambda: False)():
            return None
        from rich.console import Console
        from rich.progress import Progress

        self.bar = Progress(console=Console(file=self.stream), transient=True)
        self.bar.start()
        task = self.bar.add_task("documents", total=None)
        return lambda name: self.bar.update(task, advance=1, description=name)  # type: ignore[union-attr]

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


@app.command()
def schema(
    table: Annotated[str | None, typer.Argument(help="One table; all when omitted.")] = None,
) -> None:
    """Print the JSON Schema of the output tables."""
    import json

    from baltmet_extract.schema import table_schema
    from baltmet_extract.tables import TABLES

    if table is not None and table not in TABLES:
        raise UsageProblem(f"unknown table {table!r}; one of {', '.join(TABLES)}")
    data = table_schema(table) if table else {name: table_schema(name) for name in TABLES}
    print(json.dumps(data, indent=2, ensure_ascii=False), file=_out())


@app.command()
def inspect(
    pdf: Annotated[Path, typer.Argument(help="A PDF file.")],
    page: Annotated[int, typer.Option("--page", "-p", help="1-based page number.")] = 1,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="PNG to write (default: FILE-pN.png).")] = None,
) -> None:
    """Draw the table cells found on one PDF page into a PNG, to see why a table came out as it did."""
    from baltmet_extract.ingest.pdf_inspect import inspect_page

    if not pdf.exists():
        raise UsageProblem(f"{pdf}: no such file")
    target = out or pdf.with_name(f"{pdf.stem}-p{page}.png")
    written = inspect_page(pdf.read_bytes(), page, target, name=pdf.name)
    print(f"wrote {written}", file=_err())


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Folder to create (default: ./rules).")] = Path("rules"),
) -> None:
    """Write a starter rules folder: an empty review.csv and a commented example of every rules file."""
    from baltmet_extract.rule_files import write_starter_rules

    if directory.exists() and not directory.is_dir():
        raise UsageProblem(f"{directory}: exists and is not a folder")
    for name, written in write_starter_rules(directory):
        print(f"{'wrote' if written else 'kept '} {directory / name}", file=_err())


def _record(raw: str, decision: str, target: str, rules: Path | None, note: str) -> Path:
    from baltmet_extract.review import record_decision

    path = record_decision(raw, decision, target, rules, note)
    print(f"recorded: {decision} {raw!r}{' -> ' + target if target else ''} in {path}", file=_err())
    return path


@review_app.command("accept")
def review_accept(
    raw: Annotated[str, typer.Argument(help="The mention exactly as in normalisation.csv.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder of the run that proposed it.")] = Path("output"),
    rules: RulesOption = None,
    note: Annotated[str, typer.Option(help="Why, for the next reader.")] = "",
) -> None:
    """Accept the match the last run proposed for RAW."""
    from baltmet_extract.review import proposed_key

    key = proposed_key(out, raw)
    if not key:
        raise UsageProblem(f"{raw!r}: no resolved match for it in {out / 'normalisation.csv'}; use 'review pick'")
    _record(raw, "accept", key, rules, note)


@review_app.command("pick")
def review_pick(
    raw: Annotated[str, typer.Argument(help="The mention exactly as in normalisation.csv.")],
    target: Annotated[str, typer.Argument(help="geonames:ID, iso:CODE, org:Name or group:Name.")],
    rules: RulesOption = None,
    note: Annotated[str, typer.Option(help="Why, for the next reader.")] = "",
) -> None:
    """Resolve RAW to TARGET from now on."""
    _record(raw, "pick", target, rules, note)


@review_app.command("reject")
def review_reject(
    raw: Annotated[str, typer.Argument(help="The mention exactly as in normalisation.csv.")],
    rules: RulesOption = None,
    note: Annotated[str, typer.Option(help="Why, for the next reader.")] = "",
) -> None:
    """Mark RAW as no place at all."""
    _record(raw, "reject", "", rules, note)


@review_app.command("list")
def review_list(
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder of a run.")] = Path("output"),
) -> None:
    """List the mentions of the last run that need review, worst first."""
    from baltmet_extract.review import rows_to_review

    for row in rows_to_review(out):
        print(f"{row['score']:>5}  {row['method']:<10} {row['raw']!r} -> {row['name'] or '-'} ({row['key'] or '-'})"
              f"  {row['reason']}", file=_out())


@review_app.command("serve")
def review_serve(
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder of the run to review.")] = Path("output"),
    rules: Annotated[Path | None, typer.Option(
        "--rules", help="Rules folder the decisions go to (default: the one the run used, else ./rules).")] = None,
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1; 0 picks a free one.")] = 8765,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the page in the default browser.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log each request (without its token).")] = False,
) -> None:
    """Review the run's name matches in a browser: each mention in its sentence, its candidates on a map,
    keyboard decisions saved at once to review.csv, and Apply to re-run with them."""
    from baltmet_extract.review_server import make_server

    if not 0 <= port <= 65535:
        raise UsageProblem(f"--port {port}: a port is 0 to 65535")
    server = make_server(out, rules, port, log=_err() if verbose else None)
    print(f"Review the matches of {out} at {server.url}", file=_out(), flush=True)
    print(f"Decisions go to {server.state.review_file}. Press Ctrl-C to stop.", file=_err(), flush=True)
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)
    import signal

    # Ctrl-C and a plain kill stop the server cleanly, even when started where SIGINT was ignored
    # (a background job of a script, a CI runner)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def main(argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the CLI; returns the exit status (used in-process by the tests)."""
    from baltmet_extract.errors import BaltmetError

    if stdout is not None:
        _STREAMS["stdout"] = stdout
    if stderr is not None:
        _STREAMS["stderr"] = stderr
    args = sys.argv[1:] if argv is None else argv
    verbose = "-v" in args or "--verbose" in args
    try:
        command = typer.main.get_command(app)
        # without standalone mode click returns an Exit's status instead of raising it
        status = command.main(args=args, prog_name="baltmet-extract", standalone_mode=False)
        return status if isinstance(status, int) else 0
    except (UsageProblem, BaltmetError) as exc:
        print(f"baltmet-extract: {one_line(str(exc))}", file=_err())
        return 2
    except Exception as exc:
        # typer vendors click: its exceptions are recognised by shape, not by class
        if type(exc).__name__ in ("Exit", "Abort") and not hasattr(exc, "format_message"):
            return int(getattr(exc, "exit_code", 1))
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
            print(one_line(f"baltmet-extract: {exc.format_message()}"), file=_err())
            return int(exc.exit_code) or 2
        if verbose:
            raise
        print(one_line(f"baltmet-extract: unexpected error: {type(exc).__name__}: {exc} (run with -v for details)"),
              file=_err())
        return 1
    finally:
        _STREAMS.clear()
        if argv is None:
            # the command line's process ends here: the collection Python runs at exit need not
            # walk the run's million objects once more (0.05-0.3 s); a caller that runs main()
            # in-process (the tests) keeps them collectable
            gc.freeze()


if __name__ == "__main__":
    raise SystemExit(main())
