"""The ``adatlas`` command line: validate, query, members, snapshot, export, import, db, review.

Exit codes: 0 success, 1 the dataset (or the records to import) has problems or the database
refused, 2 a bad argument.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from adatlas import fileio
from adatlas.borders import load_borders
from adatlas.change import read_files
from adatlas.dataset import Dataset, DatasetError, default_location, load_dataset
from adatlas.dates import parse_date
from adatlas.db import DatabaseError, is_database_url
from adatlas.db import display as display_url
from adatlas.envelope import TARGET_ALTITUDES_M
from adatlas.exports import FORMATS, ExportError, export, write_atomic
from adatlas.freshness import DEFAULT_STALE_MONTHS
from adatlas.query import Filters, as_of, members
from adatlas.recorded import format_recorded_at, parse_recorded_at
from adatlas.schema import CONFIDENCES, STANDINGS, STATUSES
from adatlas.serialize import deployments_csv, deployments_feature_collection
from adatlas.snapshot import (
    LAYOUTS,
    PAPERS,
    SNAPSHOT_FORMATS,
    parse_bbox,
    snapshot_bytes,
)
from adatlas.store import NoHistory, open_store
from adatlas.validate import is_iso3, validate_raw
from adatlas.view import STALE_MONTHS_RANGE, View


class UsageError(Exception):
    """A bad command-line argument: one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _date(text: str) -> str:
    try:
        return parse_date(text).text
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _months(text: str) -> int:
    low, high = STALE_MONTHS_RANGE
    try:
        months = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of months") from None
    if not low <= months <= high:
        raise argparse.ArgumentTypeError(f"{months} is outside {low}–{high} months")
    return months


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="adatlas", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def with_data(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument(
            "--data",
            default=None,
            help="dataset directory or postgresql:// URL (default: $ADATLAS_DATA, else the "
            "shipped dataset)",
        )
        return sub

    with_recorded = _with_recorded

    with_data(commands.add_parser("validate", help="check a dataset and report every problem"))

    def with_view(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        with_data(sub)
        sub.add_argument("--date", type=_date, required=True, help="YYYY, YYYY-MM or YYYY-MM-DD")
        sub.add_argument("--system", action="append", default=[], help="system id (repeatable)")
        sub.add_argument("--operator", action="append", default=[], help="ISO3 (repeatable)")
        sub.add_argument("--host", action="append", default=[], help="ISO3 (repeatable)")
        sub.add_argument(
            "--status", action="append", default=[], choices=STATUSES, help="status (repeatable)"
        )
        sub.add_argument(
            "--confidence",
            action="append",
            default=[],
            choices=CONFIDENCES,
            help="keep records of this confidence (repeatable)",
        )
        sub.add_argument(
            "--stale-months",
            type=_months,
            default=DEFAULT_STALE_MONTHS,
            help="a status not confirmed for this many months before --date is stale "
            f"(default {DEFAULT_STALE_MONTHS})",
        )
        sub.add_argument("--hide-stale", action="store_true", help="leave stale records out")
        with_recorded(sub)
        sub.add_argument(
            "--include-proposed",
            action="store_true",
            help="a team store: show changes awaiting review too, marked as proposed",
        )
        return sub

    query = with_view(commands.add_parser("query", help="deployments that exist on a date"))
    query.add_argument("--rings", action="store_true", help="add geodesic range-ring polygons")
    query.add_argument("--format", choices=("geojson", "csv"), default="geojson")

    snapshot = with_view(
        commands.add_parser(
            "snapshot", help="a briefing snapshot: PNG, SVG, PDF, PowerPoint or offline HTML"
        )
    )
    snapshot.add_argument("--title", default=None, help="default: generated from the view")
    snapshot.add_argument("--bbox", default=None, help="minlon,minlat,maxlon,maxlat")
    snapshot.add_argument(
        "--layout",
        choices=LAYOUTS,
        default="slide",
        help="slide: 16:9, 1920×1080 px (default); page: A4/Letter landscape for print, the key "
        "continuing on further pages; poster: one tall image",
    )
    snapshot.add_argument(
        "--paper", choices=tuple(PAPERS), default="a4", help="paper of --layout page"
    )
    snapshot.add_argument(
        "--width", type=int, default=None, help="width in pixels (default: by layout)"
    )
    snapshot.add_argument("--dpi", type=int, default=None, help="default: by layout")
    snapshot.add_argument(
        "--layers",
        default="alliances,rings",
        help="comma-separated: alliances,rings,density,events",
    )
    snapshot.add_argument(
        "--altitude",
        type=int,
        choices=TARGET_ALTITUDES_M,
        default=None,
        help="target altitude (m): rings become range capped by the radar horizon",
    )
    snapshot.add_argument("--out", type=Path, required=True, help="FILE.png|svg|pdf|pptx|html")
    snapshot.add_argument("--force", action="store_true", help="overwrite an existing file")

    export = with_view(commands.add_parser("export", help="export the view's records"))
    export.add_argument("--format", dest="export_format", choices=FORMATS, required=True)
    export.add_argument("--out", type=Path, required=True)
    export.add_argument("--force", action="store_true", help="overwrite an existing file")

    merge = commands.add_parser(
        "import", help="add records from files in the dataset's formats into a dataset"
    )
    merge.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="<table>.csv (e.g. status.csv, my-status.csv), *.geojson (deployments), <id>.md",
    )
    merge.add_argument(
        "--data",
        required=True,
        help="the dataset directory (or postgresql:// URL: the records are proposed for review) "
        "to add to",
    )
    merge.add_argument(
        "--dry-run", action="store_true", help="check and say what would be added; write nothing"
    )

    _db_commands(commands)
    _review_commands(commands)

    group = with_data(commands.add_parser("members", help="group members on a date"))
    group.add_argument("--date", type=_date, required=True, help="YYYY, YYYY-MM or YYYY-MM-DD")
    group.add_argument("--group", default=None, help="e.g. NATO, CSTO, UNION_STATE")
    group.add_argument("--standing", choices=STANDINGS, default=None)
    return parser


def _moment(text: str) -> dt.datetime:
    try:
        return parse_recorded_at(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _with_recorded(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
    sub.add_argument(
        "--recorded-at",
        type=_moment,
        default=None,
        metavar="TIMESTAMP",
        help="a team store as it was recorded then (e.g. 2026-03-01T14:30:00Z); the "
        "as-of date says what stood where, this says what the dataset knew",
    )
    return sub


def _db_commands(commands: argparse._SubParsersAction) -> None:
    db = commands.add_parser("db", help="the team store: a dataset in PostgreSQL/PostGIS")
    actions = db.add_subparsers(dest="db_command", required=True, parser_class=_Parser)
    url_help = "postgresql:// URL of the database (a user who may create schemas and roles)"
    init = actions.add_parser("init", help="create the schema, history and roles")
    init.add_argument("--db", required=True, help=url_help)
    load = actions.add_parser("load", help="load a file dataset into an initialised database")
    load.add_argument("directory", type=Path)
    load.add_argument("--db", required=True, help=url_help)
    dump = actions.add_parser("dump", help="write the approved dataset out as files")
    dump.add_argument("directory", type=Path)
    dump.add_argument("--db", required=True, help="postgresql:// URL of the database")
    _with_recorded(dump)
    user = actions.add_parser(
        "user", help="create a database login in a role ($ADATLAS_DB_PASSWORD, else asked)"
    )
    user.add_argument("name")
    user.add_argument("--role", required=True, choices=("reader", "curator", "reviewer"))
    user.add_argument("--db", required=True, help=url_help)


def _review_commands(commands: argparse._SubParsersAction) -> None:
    review = commands.add_parser("review", help="list, approve or reject proposed changes")
    actions = review.add_subparsers(dest="review_command", required=True, parser_class=_Parser)
    data_help = "postgresql:// URL; your own database user (in the URL, $PGUSER, ~/.pgpass)"
    listing = actions.add_parser("list", help="changes awaiting review")
    listing.add_argument("--data", required=True, help=data_help)
    for name in ("approve", "reject"):
        sub = actions.add_parser(name, help=f"{name} a proposed change (by its number)")
        sub.add_argument("change", type=int)
        sub.add_argument("--note", default="", help="why (kept with the decision)")
        sub.add_argument("--data", required=True, help=data_help)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        return _run(args)
    except UsageError as exc:
        print(f"adatlas: error: {exc}", file=sys.stderr)
        return 2
    except DatasetError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(
            f"adatlas: the dataset has {len(exc.problems)} problem(s); run 'adatlas validate'",
            file=sys.stderr,
        )
        return 1
    except BrokenPipeError:
        return 0
    except NoHistory as exc:
        print(f"adatlas: error: {exc}", file=sys.stderr)
        return 2
    except DatabaseError as exc:
        print(f"adatlas: error: {exc}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    if args.command == "db":
        from adatlas.cli_db import run_db

        return run_db(args)
    root = args.data if args.data is not None else default_location()
    if args.command == "review":
        from adatlas.cli_db import run_review

        if not is_database_url(root):
            raise UsageError("review needs a team store: --data postgresql://…")
        return run_review(root, args)
    if is_database_url(root):
        shown = display_url(root)
    else:
        root = Path(root)
        shown = root
        if not root.is_dir():
            what = "is not a directory" if root.exists() else "does not exist"
            raise UsageError(f"dataset directory {root} {what}")
    if args.command == "import":
        return _import(root, shown, args)
    if args.command == "validate":
        problems = validate_raw(open_store(root).read())
        for problem in problems:
            print(problem)
        if problems:
            print(f"{len(problems)} problem(s) in {shown}", file=sys.stderr)
            return 1
        print(f"ok: {load_dataset(root).summary()} in {shown}")
        return 0
    if args.command in ("snapshot", "export"):
        _check_output(args)
    recorded_at = getattr(args, "recorded_at", None)
    dataset = load_dataset(
        root, recorded_at=recorded_at, include_proposed=getattr(args, "include_proposed", False)
    )
    if recorded_at is not None:
        args.recorded_text = format_recorded_at(recorded_at)
    if args.command == "query":
        return _query(dataset, args)
    if args.command == "snapshot":
        return _snapshot(dataset, root, args)
    if args.command == "export":
        return _export(dataset, root, args)
    return _members(dataset, args)


def _check_output(args: argparse.Namespace) -> None:
    """Refuse before any work: unknown extension, existing file, missing directory."""
    out: Path = args.out
    if args.command == "snapshot":
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in SNAPSHOT_FORMATS:
            raise UsageError(
                f"--out {out}: unknown extension {out.suffix or '(none)'!r}; use "
                + ", ".join(f".{f}" for f in SNAPSHOT_FORMATS)
            )
        if args.bbox:
            try:
                args.bbox = parse_bbox(args.bbox)
            except ValueError as exc:
                raise UsageError(str(exc)) from None
        if (args.width is not None and not 100 <= args.width <= 10_000) or (
            args.dpi is not None and not 30 <= args.dpi <= 1200
        ):
            raise UsageError("--width must be 100–10000 pixels and --dpi 30–1200")
    if out.exists() and not args.force:
        raise UsageError(f"{out} exists; use --force to overwrite it")
    if not (out.parent if str(out.parent) else Path(".")).is_dir():
        raise UsageError(f"directory {out.parent} does not exist")


def _view(dataset: Dataset, args: argparse.Namespace) -> View:
    return View(
        date=parse_date(args.date).start,
        filters=_filters(dataset, args),
        recorded_at=getattr(args, "recorded_text", ""),
        include_proposed=args.include_proposed,
    )


def _write(path: Path, data: bytes, force: bool) -> int:
    try:
        write_atomic(path, data, force=force)
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    print(f"wrote {path} ({len(data):,} bytes)")
    return 0


def _snapshot(dataset: Dataset, root: Path, args: argparse.Namespace) -> int:
    layers = frozenset(x.strip() for x in args.layers.split(",") if x.strip())
    unknown = layers - {"alliances", "rings", "density", "events", "labels"}
    if unknown:
        raise UsageError(f"--layers: unknown layer(s) {', '.join(sorted(unknown))}")
    view = replace(_view(dataset, args), layers=layers, altitude_m=args.altitude)
    borders = load_borders(root)
    fmt = args.out.suffix.lower().lstrip(".")
    from adatlas.snapshot import SnapshotOptions  # loads the renderers

    options = SnapshotOptions(
        args.title, args.bbox, args.width, args.dpi, layout=args.layout, paper=args.paper
    )
    data = snapshot_bytes(dataset, view, borders, fmt, args.title, options)
    return _write(args.out, data, args.force)


def _export(dataset: Dataset, root: Path, args: argparse.Namespace) -> int:
    view = _view(dataset, args)
    frame = as_of(dataset, view.date, view.filters)
    data = export(dataset, frame, args.export_format, load_borders(root))
    return _write(args.out, data, args.force)


def _filters(dataset: Dataset, args: argparse.Namespace) -> Filters:
    unknown = [s for s in args.system if s not in dataset.systems.index]
    if unknown:
        raise UsageError(
            f"unknown system {unknown[0]!r}; known: {', '.join(dataset.systems.index)}"
        )
    for flag, codes in (("operator", args.operator), ("host", args.host)):
        bad = [c for c in codes if not is_iso3(c)]
        if bad:
            raise UsageError(f"--{flag} {bad[0]!r} is not an ISO 3166-1 alpha-3 country code")
    return Filters(
        tuple(args.system),
        tuple(args.operator),
        tuple(args.host),
        tuple(args.status),
        tuple(args.confidence),
        hide_stale=args.hide_stale,
        stale_months=args.stale_months,
    )


def _query(dataset: Dataset, args: argparse.Namespace) -> int:
    frame = as_of(dataset, args.date, _filters(dataset, args))
    if args.format == "csv":
        sys.stdout.write(deployments_csv(frame))
    else:
        collection = deployments_feature_collection(dataset, frame, rings=args.rings)
        json.dump(collection, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    return 0


def _import(root: Path | str, shown: object, args: argparse.Namespace) -> int:
    """Add the files' records through the one write path (locked, validated, atomic)."""
    files = []
    for path in args.files:
        try:
            files.append((str(path), path.read_bytes()))
        except (OSError, ValueError) as exc:  # ValueError: a NUL in the name (found by fuzzing)
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise UsageError(f"cannot read {fileio.shown(path)}: {reason}") from None
    change, problems = read_files(files)
    result = None if problems else open_store(root).apply(change, dry_run=args.dry_run)
    problems = sorted(set(problems + (result.problems if result else [])))
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s); nothing was written to {shown}", file=sys.stderr)
        return 1
    if args.dry_run:
        print(f"would add {change.describe()} to {shown} (dry run: nothing written)")
    elif not change.added:
        print(f"nothing to add to {shown}")
    elif result.backup:
        print(f"added {change.describe()} to {shown}; previous files in {result.backup}")
    else:
        print(f"added {change.describe()} to {shown} as {', '.join(result.written)}")
    return 0


def _members(dataset: Dataset, args: argparse.Namespace) -> int:
    if args.group and args.group not in dataset.groups:
        raise UsageError(f"unknown group {args.group!r}; known: {', '.join(dataset.groups)}")
    result = members(dataset, args.date, args.group, args.standing)
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
