"""Check an offline bundle and install it into ``.venv`` with no package index.

The Makefile of an unpacked bundle (``make bundle`` wrote it; ``wheelhouse/`` is present) runs
this before ``make run`` and ``make test``. Standard library only: it runs with the target's
Python before any virtual environment exists.

1. ``bundle.json`` says which Python and platform the wheels are for; another interpreter stops
   here, with the versions named.
2. Every file listed in ``SHA256SUMS`` must be present and match, and ``wheelhouse/`` may hold
   nothing else. Every problem is listed at once and nothing is installed.
3. ``python -m venv .venv``, then ``pip install --no-index --find-links wheelhouse`` of pip and
   of the project (editable, with the extras the bundle was built with). pip runs with its
   configuration files and ``PIP_*`` variables ignored, so only the wheelhouse is ever used.

``--need EXTRA`` first checks that the bundle carries that extra (``make test`` needs ``test``).
Exit status 0 when installed, 1 with a message otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

INFO = "bundle.json"
SUMS = "SHA256SUMS"
WHEELHOUSE = "wheelhouse"


class BundleError(Exception):
    """The bundle cannot be installed here; the message says why and what to do."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def python_tag() -> str:
    """``cp311`` for CPython 3.11: the interpreter the wheels are for."""
    short = {"cpython": "cp", "pypy": "pp"}.get(sys.implementation.name, sys.implementation.name)
    return f"{short}{sys.version_info.major}{sys.version_info.minor}"


def platform_tag() -> str:
    """``linux_x86_64``, ``macosx_14_0_arm64``, ``win_amd64``: the platform as wheels spell it."""
    return re.sub(r"[-.]", "_", sysconfig.get_platform())


def glibc_version() -> tuple[int, int] | None:
    libc, version = platform.libc_ver()
    match = re.match(r"(\d+)\.(\d+)", version)
    return (int(match[1]), int(match[2])) if libc == "glibc" and match else None


def parse_sums(text: str) -> dict[str, str]:
    """``sha256sum`` format: ``<64 hex>  <path>`` (or ``*<path>``), one file a line."""
    sums: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = re.fullmatch(r"([0-9a-f]{64}) [ *](.+)", line)
        if not match:
            raise BundleError(f"{SUMS}:{number}: not a checksum line: {line[:80]!r}")
        sums[match[2]] = match[1]
    return sums


def read_info(root: Path) -> dict:
    path = root / INFO
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BundleError(f"{INFO} is missing: this is not a complete offline bundle.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BundleError(f"{INFO} is damaged ({exc}).") from None


def check_interpreter(info: dict) -> None:
    """The wheels only install on the Python and platform they were downloaded for."""
    here = (python_tag(), platform_tag())
    wanted = (info.get("python_tag"), info.get("platform"))
    if here != wanted:
        raise BundleError(
            f"This bundle is for Python {info.get('python_version')} ({wanted[0]}) on "
            f"{wanted[1]}, but {sys.executable} is Python {platform.python_version()} "
            f"({here[0]}) on {here[1]}.\nRun make with that Python (make run "
            f"PYTHON=/path/to/python{info.get('python_version')}) or build a bundle for this "
            "one with `make bundle` on a machine that reaches the package index."
        )
    needed = info.get("glibc")
    if needed:
        needed_version = tuple(int(part) for part in needed.split("."))
        have = glibc_version()
        if have is None or have < needed_version:
            found = ".".join(map(str, have)) if have else "none found"
            raise BundleError(
                f"Some wheels in this bundle need glibc {needed} or newer (this system: "
                f"{found}). Build the bundle on a system no newer than this one."
            )


def check_files(root: Path) -> int:
    """Every listed file present and intact, and no wheel that was not in the bundle.

    Files outside ``wheelhouse/`` that are not listed (``.venv``, ``static/``, …) are what
    running the bundle writes, and are left alone. Returns the number of files checked.
    """
    sums_path = root / SUMS
    if not sums_path.is_file():
        raise BundleError(f"{SUMS} is missing: the bundle cannot be checked.")
    sums = parse_sums(sums_path.read_text(encoding="utf-8", errors="replace"))
    missing = [name for name in sums if not (root / name).is_file()]
    damaged = [
        name
        for name, digest in sums.items()
        if name not in missing and sha256_file(root / name) != digest
    ]
    wheelhouse = root / WHEELHOUSE
    unexpected = sorted(
        path.relative_to(root).as_posix()
        for path in wheelhouse.rglob("*")
        if path.is_file() and path.relative_to(root).as_posix() not in sums
    )
    if not (missing or damaged or unexpected):
        return len(sums)
    lines = [f"  missing:   {name}" for name in missing]
    lines += [f"  damaged:   {name} (its SHA-256 differs from {SUMS})" for name in damaged]
    lines += [f"  not in the bundle: {name}" for name in unexpected]
    counts = f"{len(missing)} missing, {len(damaged)} damaged, {len(unexpected)} unexpected"
    raise BundleError(
        f"The bundle is incomplete or damaged ({counts}):\n"
        + "\n".join(lines)
        + "\nNothing was installed. Unpack the bundle again from its .tar.gz, or build a new "
        "one with `make bundle`."
    )


def check_extra(info: dict, extra: str) -> None:
    if extra not in info.get("extras", []):
        raise BundleError(
            f"This bundle was built without the '{extra}' extras, so `make {extra}` cannot "
            f"install them offline. Build one with `make bundle EXTRAS={extra}`."
        )


def pip_environment() -> dict[str, str]:
    """No pip configuration file or PIP_* variable may add an index, links or constraints."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    return env


def run_pip(python: Path, root: Path, *args: str) -> None:
    command = [
        str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "--no-index", "--find-links", str(root / WHEELHOUSE), *args,
    ]  # fmt: skip
    result = subprocess.run(
        command, cwd=root, env=pip_environment(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise BundleError(
            f"pip could not install {' '.join(args)} from {WHEELHOUSE}/ (exit "
            f"{result.returncode}):\n{output}"
        )


def install(root: Path, venv: Path, extras: list[str]) -> None:
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not python.exists():
        result = subprocess.run(
            [sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise BundleError(
                f"could not create {venv} with {sys.executable} -m venv:\n"
                f"{(result.stdout + result.stderr).strip()}"
            )
    # The pip the bundle was built and tested with, not whatever ensurepip carries.
    run_pip(python, root, "--upgrade", "pip")
    spec = f".[{','.join(extras)}]" if extras else "."
    run_pip(python, root, "--editable", spec)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the unpacked bundle")
    parser.add_argument("--venv", type=Path, default=Path(".venv"))
    parser.add_argument("--need", action="append", default=[], metavar="EXTRA")
    parser.add_argument("--check-only", action="store_true", help="check, do not install")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        info = read_info(root)
        for extra in args.need:
            check_extra(info, extra)
        check_interpreter(info)
        checked = check_files(root)
        if not args.check_only:
            print(f"offline bundle: {checked} files checked; installing from {WHEELHOUSE}/")
            install(root, root / args.venv, info.get("extras", []))
    except BundleError as exc:
        print(f"offline bundle: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
