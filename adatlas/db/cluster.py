"""A local PostgreSQL cluster started by the project: throwaway for tests and benchmarks, or
kept in ``.pgdata/`` by ``make db`` for a user who wants to try the team setup.

Debian's server binaries (``postgresql``, ``postgresql-15-postgis-3``) are found under
``/usr/lib/postgresql/<version>/bin``. PostgreSQL refuses to run as root, so as root the
cluster belongs to the ``postgres`` user and every server command runs as that user.

``python -m adatlas.db.cluster start DIR [--port N]`` and ``… stop DIR`` drive it by hand.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "postgres"


class ClusterError(Exception):
    pass


def server_bin() -> Path:
    """The directory of ``initdb``/``pg_ctl`` (the newest Debian server, else ``$PATH``)."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if candidates:
        return candidates[-1].parent
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    raise ClusterError(
        "PostgreSQL's server is not installed (initdb not found); on Debian: "
        "apt-get install postgresql postgresql-15-postgis-3"
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Cluster:
    directory: Path
    port: int

    @property
    def socket_dir(self) -> Path:
        return self.directory / "socket"

    def admin_url(self, database: str = "postgres") -> str:
        """The superuser over the Unix socket (trusted: only this machine's users reach it)."""
        return f"postgresql:///{database}?host={self.socket_dir}&port={self.port}&user={SUPERUSER}"

    def url(self, database: str, user: str, password: str) -> str:
        """A login over TCP on localhost, where PostgreSQL checks the password (SCRAM)."""
        return f"postgresql://{user}:{password}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.admin_url(), autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            if exists.fetchone() is None:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def drop_database(self, name: str) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.admin_url(), autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", SUPERUSER, "--", *command]


def _run(command: list[str]) -> None:
    result = subprocess.run(_as_server_user(command), capture_output=True, text=True)
    if result.returncode:
        raise ClusterError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-800:]}")


def start(directory: Path, port: int | None = None, *, durable: bool = True) -> Cluster:
    """Create the cluster in ``directory`` if it is new, and start it (if it is not running).

    ``durable=False`` turns off fsync: for throwaway clusters only.
    """
    directory = Path(directory).resolve()
    bin_dir = server_bin()
    data = directory / "data"
    port_file = directory / "port"
    if port is None:
        port = int(port_file.read_text()) if port_file.exists() else free_port()
    cluster = Cluster(directory, port)
    directory.mkdir(parents=True, exist_ok=True)
    cluster.socket_dir.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(directory, SUPERUSER)
        shutil.chown(cluster.socket_dir, SUPERUSER)
    if not (data / "PG_VERSION").exists():
        _run(
            [
                str(bin_dir / "initdb"),
                "-D", str(data),
                "-U", SUPERUSER,
                "-E", "UTF8",
                "--no-locale",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
            ]
        )  # fmt: skip
    port_file.write_text(str(port))
    if (data / "postmaster.pid").exists() and _running(bin_dir, data):
        return cluster
    options = (
        f"-c port={port} -c listen_addresses=127.0.0.1 "
        f"-c unix_socket_directories={cluster.socket_dir} -c password_encryption=scram-sha-256"
    )
    if not durable:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    _run(
        [str(bin_dir / "pg_ctl"), "start", "-w", "-t", "60", "-D", str(data),
         "-l", str(directory / "server.log"), "-o", options]
    )  # fmt: skip
    return cluster


def _running(bin_dir: Path, data: Path) -> bool:
    status = subprocess.run(
        _as_server_user([str(bin_dir / "pg_ctl"), "status", "-D", str(data)]),
        capture_output=True,
    )
    return status.returncode == 0


def stop(directory: Path) -> None:
    data = Path(directory).resolve() / "data"
    bin_dir = server_bin()
    if (data / "postmaster.pid").exists() and _running(bin_dir, data):
        _run([str(bin_dir / "pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(data)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m adatlas.db.cluster", description=__doc__)
    parser.add_argument("action", choices=("start", "stop"))
    parser.add_argument("directory", type=Path)
    parser.add_argument("--port", type=int, default=None)
    args = parser.parse_args(argv)
    try:
        if args.action == "stop":
            stop(args.directory)
            return 0
        cluster = start(args.directory, args.port)
    except ClusterError as exc:
        print(f"adatlas: error: {exc}", file=sys.stderr)
        return 1
    print(cluster.admin_url())
    return 0


if __name__ == "__main__":
    sys.exit(main())
