"""``adatlas db …`` and ``adatlas review …``: the team store's commands (loaded on use, with
psycopg)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from adatlas.db import admin, display, is_database_url, review
from adatlas.db.store import DatabaseStore

PASSWORD_VARIABLE = "ADATLAS_DB_PASSWORD"


def run_db(args: argparse.Namespace) -> int:
    url = args.db
    if not is_database_url(url):
        print(f"adatlas: error: --db {url!r} is not a postgresql:// URL", file=sys.stderr)
        return 2
    shown = display(url)
    if args.db_command == "init":
        admin.init(url)
        print(
            f"initialised {shown}: schema adatlas, history, roles adatlas_reader, "
            "adatlas_curator, adatlas_reviewer"
        )
    elif args.db_command == "load":
        if not args.directory.is_dir():
            print(
                f"adatlas: error: dataset directory {args.directory} does not exist",
                file=sys.stderr,
            )
            return 2
        try:
            counts = admin.load(args.directory, url)
        except admin.LoadRefused as exc:
            for problem in exc.problems:
                print(problem)
            print(f"{len(exc.problems)} problem(s); nothing was loaded", file=sys.stderr)
            return 1
        print(f"loaded {_counts(counts)} into {shown} (approved)")
    elif args.db_command == "dump":
        counts = admin.dump(url, args.directory, recorded_at=args.recorded_at)
        print(f"wrote {_counts(counts)} to {args.directory}")
    else:
        password = os.environ.get(PASSWORD_VARIABLE)
        if password is None:
            password = getpass.getpass(f"password for {args.name}: ")
        if not password:
            print("adatlas: error: an empty password is not allowed", file=sys.stderr)
            return 2
        admin.add_user(url, args.name, password, args.role)
        print(f"{args.name} is a login in adatlas_{args.role} on {shown}")
    return 0


def run_review(url: str, args: argparse.Namespace) -> int:
    store = DatabaseStore(url)
    try:
        if args.review_command == "list":
            proposals = review.pending(store)
            if not proposals:
                print("no changes await review")
            for p in proposals:
                when = p.proposed_at.strftime("%Y-%m-%d %H:%M:%S %Z")
                print(f"{p.id}\t{p.proposed_by}\t{when}\t{p.summary}")
            return 0
        decision = "approved" if args.review_command == "approve" else "rejected"
        problems = review.decide(store, args.change, decision, args.note)
    finally:
        store.close()
    for problem in problems:
        print(problem)
    if problems:
        print(f"change {args.change} was not {decision}", file=sys.stderr)
        return 1
    print(f"change {args.change} {decision}")
    return 0


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {table}" for table, n in counts.items())


__all__ = ["run_db", "run_review"]
