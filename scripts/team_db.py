"""`make db`: a local team store to try — a cluster in .pgdata/, database `adatlas` with the
schema and the shipped dataset, and a read-only login `adatlas_web` for the dashboard.

Prints the URLs to use. Running it again only starts the cluster if it is stopped.
"""

from __future__ import annotations

import argparse
import secrets
import sys
from pathlib import Path

import psycopg

from adatlas.db import admin
from adatlas.db.cluster import ClusterError, start
from adatlas.db.connect import DatabaseError

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, default=REPO / ".pgdata")
    parser.add_argument("--port", type=int, default=5433)
    args = parser.parse_args()
    try:
        cluster = start(args.dir, args.port)
        cluster.create_database("adatlas")
        url = cluster.admin_url("adatlas")
        with psycopg.connect(url) as conn:
            fresh = not conn.execute(
                "SELECT 1 FROM pg_namespace WHERE nspname = 'adatlas'"
            ).fetchone()
        password_file = args.dir / "web-password"
        if fresh:
            admin.init(url)
            admin.load(REPO, url)
            password = secrets.token_urlsafe(18)
            admin.add_user(url, "adatlas_web", password, "reader")
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
    except (ClusterError, DatabaseError, admin.LoadRefused) as exc:
        print(f"make db: {exc}", file=sys.stderr)
        return 1
    password = password_file.read_text().strip()
    print(f"team store running on port {cluster.port} (data in {args.dir})")
    print(f"  administrator (this machine): {url}")
    web = cluster.url("adatlas", "adatlas_web", password)
    print(f"  dashboard:  ADATLAS_DATA='{web}' make run")
    print(f"  a curator:  adatlas db user alice --role curator --db '{url}'")
    print("  stop it:    make db-stop")
    return 0


if __name__ == "__main__":
    sys.exit(main())
