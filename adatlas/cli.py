"""The ``adatlas`` command line: validate, query, members.

Exit codes: 0 success, 1 the dataset has problems, 2 a bad argument.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from adatlas.dataset import Dataset, DatasetError, default_data_dir, load_dataset
from adatlas.dates import parse_date
from adatlas.geojson import deployments_csv, deployments_feature_collection
from adatlas.query import Filters, as_of, members
from adatlas.schema import STANDINGS, STATUSES
from adatlas.validate import is_iso3, validate


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


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="adatlas", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def with_data(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument(
            "--data",
            type=Path,
            default=None,
            help="dataset directory (default: $ADATLAS_DATA, else the shipped dataset)",
        )
        return sub

    with_data(commands.add_parser("validate", help="check a dataset and report every problem"))

    query = with_data(commands.add_parser("query", help="deployments that exist on a date"))
    query.add_argument("--date", type=_date, required=True, help="YYYY, YYYY-MM or YYYY-MM-DD")
    query.add_argument("--system", action="append", default=[], help="system id (repeatable)")
    query.add_argument("--operator", action="append", default=[], help="ISO3 (repeatable)")
    query.add_argument("--host", action="append", default=[], help="ISO3 (repeatable)")
    query.add_argument(
        "--status", action="append", default=[], choices=STATUSES, help="status (repeatable)"
    )
    query.add_argument("--rings", action="store_true", help="add geodesic range-ring polygons")
    query.add_argument("--format", choices=("geojson", "csv"), default="geojson")

    group = with_data(commands.add_parser("members", help="group members on a date"))
    group.add_argument("--date", type=_date, required=True, help="YYYY, YYYY-MM or YYYY-MM-DD")
    group.add_argument("--group", default=None, help="e.g. NATO, CSTO, UNION_STATE")
    group.add_argument("--standing", choices=STANDINGS, default=None)
    return parser


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


def _run(args: argparse.Namespace) -> int:
    root = args.data if args.data is not None else default_data_dir()
    if args.command == "validate":
        problems = validate(root)
        for problem in problems:
            print(problem)
        if problems:
            print(f"{len(problems)} problem(s) in {root}", file=sys.stderr)
            return 1
        print(f"ok: {load_dataset(root).summary()} in {root}")
        return 0
    dataset = load_dataset(root)
    if args.command == "query":
        return _query(dataset, args)
    return _members(dataset, args)


def _query(dataset: Dataset, args: argparse.Namespace) -> int:
    unknown = [s for s in args.system if s not in dataset.systems.index]
    if unknown:
        raise UsageError(
            f"unknown system {unknown[0]!r}; known: {', '.join(dataset.systems.index)}"
        )
    for flag, codes in (("operator", args.operator), ("host", args.host)):
        bad = [c for c in codes if not is_iso3(c)]
        if bad:
            raise UsageError(f"--{flag} {bad[0]!r} is not an ISO 3166-1 alpha-3 country code")
    filters = Filters(
        tuple(args.system), tuple(args.operator), tuple(args.host), tuple(args.status)
    )
    frame = as_of(dataset, args.date, filters)
    if args.format == "csv":
        sys.stdout.write(deployments_csv(frame))
    else:
        collection = deployments_feature_collection(dataset, frame, rings=args.rings)
        json.dump(collection, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
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
