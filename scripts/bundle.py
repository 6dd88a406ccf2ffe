"""`make bundle`: one file that installs and runs the atlas on a machine with no network.

Run on a machine that reaches the package index, with the Python the target will use (the
wheels are for this interpreter and platform only):

    .venv/bin/python scripts/bundle.py [--extras test] [--dist dist]

It writes ``dist/adatlas-offline-<version>-<python tag>-<platform>.tar.gz`` holding one directory
of that name with

* the project as git sees it (sources, the dataset ``geodata/`` and ``articles/``, README,
  Makefile, tests), without ``.ci/``;
* ``wheelhouse/``: a wheel of every runtime dependency (and of the chosen extras), of the build
  backend (so the editable install of the project needs no download) and of this pip — sdists
  are built into wheels here;
* ``bundle.json`` (version, Python, platform, extras, the glibc the wheels need), ``INSTALL.md``
  and ``SHA256SUMS`` of every other file, in ``sha256sum`` format.

The unpacked bundle's Makefile sees ``wheelhouse/`` and installs through
``scripts/offline_install.py``. Downloads go through pip's cache, so a second build only fetches
what changed. Prints the bundle's size, how long the build took and the archive's SHA-256.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from datetime import UTC, datetime
from importlib.metadata import version as installed_version
from pathlib import Path

from offline_install import (
    INFO,
    SUMS,
    WHEELHOUSE,
    glibc_version,
    platform_tag,
    python_tag,
    sha256_file,
)

REPO = Path(__file__).resolve().parent.parent
# Not needed to run or test the atlas, or written by running it.
EXCLUDED_TOP = {
    ".ci", ".git", ".venv", "dist", "build", "static", "test-artifacts", "backups", WHEELHOUSE,
    ".pytest_cache", ".ruff_cache",
}  # fmt: skip
EXCLUDED_ANYWHERE = {"__pycache__", ".DS_Store"}
# manylinux aliases of PEP 600 tags (PEP 513, 571, 599).
LEGACY_MANYLINUX = {"manylinux1": (2, 5), "manylinux2010": (2, 12), "manylinux2014": (2, 17)}


def project_files(repo: Path) -> list[str]:
    """What git tracks plus untracked files it does not ignore; without git, the whole tree."""
    listed = None
    if (repo / ".git").exists():  # a directory, or a file in a worktree
        # No git on this machine: fall back to the whole tree below.
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            listed = subprocess.run(
                ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                cwd=repo, capture_output=True, check=True,
            ).stdout.decode().split("\0")  # fmt: skip
    if listed is None:
        listed = [p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file()]
    files = []
    for name in listed:
        parts = name.split("/")
        if not name or parts[0] in EXCLUDED_TOP or EXCLUDED_ANYWHERE & set(parts):
            continue
        if name.endswith((".pyc", ".egg-info")) or ".egg-info/" in name:
            continue
        # git lists tracked files deleted in the working tree.
        if (repo / name).is_file():
            files.append(name)
    return sorted(files)


def requirements(pyproject: dict, extras: list[str]) -> list[str]:
    project = pyproject["project"]
    optional = project.get("optional-dependencies", {})
    unknown = [extra for extra in extras if extra not in optional]
    if unknown:
        raise SystemExit(
            f"bundle: unknown extras {', '.join(unknown)} (pyproject.toml has: "
            f"{', '.join(optional) or 'none'})"
        )
    wanted = list(project["dependencies"])
    for extra in extras:
        wanted += optional[extra]
    # The build backend, so `pip install --no-index -e .` can build the editable wheel.
    wanted += pyproject["build-system"]["requires"]
    wanted.append(f"pip=={installed_version('pip')}")
    return wanted


def glibc_needed(wheels: list[str], builder: tuple[int, int] | None) -> tuple[int, int] | None:
    """The oldest glibc every wheel accepts; a wheel built here (``linux_*``) needs ours."""
    needed: tuple[int, int] | None = None
    for wheel in wheels:
        platforms = wheel.removesuffix(".whl").split("-")[-1].split(".")
        versions = []
        for tag in platforms:
            if tag == "any" or not tag.startswith(("manylinux", "linux")):
                versions = []
                break
            match = re.match(r"manylinux_(\d+)_(\d+)_", tag)
            if match:
                versions.append((int(match[1]), int(match[2])))
            elif tag.split("_")[0] in LEGACY_MANYLINUX:
                versions.append(LEGACY_MANYLINUX[tag.split("_")[0]])
            elif tag.startswith("linux_") and builder:
                versions.append(builder)
        if versions:
            lowest = min(versions)
            needed = max(needed, lowest) if needed else lowest
    return needed


def build_wheelhouse(wheelhouse: Path, wanted: list[str]) -> None:
    command = [
        sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check",
        # A release whose wheels are not uploaded yet would otherwise be built from source.
        "--prefer-binary",
        "--wheel-dir", str(wheelhouse), *wanted,
    ]  # fmt: skip
    subprocess.run(command, check=True)
    others = [p.name for p in wheelhouse.iterdir() if p.suffix != ".whl"]
    if others:
        raise SystemExit(f"bundle: pip left files that are not wheels: {', '.join(others)}")


def install_text(info: dict, name: str, wheels: int) -> str:
    extras = ", ".join(info["extras"]) or "none"
    glibc = f", glibc {info['glibc']} or newer" if info["glibc"] else ""
    test = (
        "`make test` runs the test suite offline (the browser tests need Chromium:"
        " `/usr/bin/chromium`)."
        if "test" in info["extras"]
        else "`make test` needs a bundle built with `make bundle EXTRAS=test`."
    )
    return f"""# adatlas {info["version"]}: offline bundle

- Built: {info["built"]}
- For: Python {info["python_version"]} ({info["python_tag"]}) on {info["platform"]}{glibc}
- Extras: {extras}; {wheels} wheels in `{WHEELHOUSE}/`

The target machine needs that Python, with its `venv` module, and `make`. Nothing is
downloaded:

```sh
tar xzf {name}.tar.gz
cd {name}
make run    # checks SHA256SUMS, installs from {WHEELHOUSE}/ into .venv, serves http://localhost:8501
```

{test}

The first `make run` checks every file against `SHA256SUMS` and stops, naming the files, if any
is missing or damaged; nothing is installed then. To check by hand: `sha256sum -c --quiet
SHA256SUMS` (macOS: `shasum -a 256 -c --quiet SHA256SUMS`). More in README.md, "Air-gapped
install".
"""


def build(extras: list[str], dist: Path) -> Path:
    started = time.monotonic()
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = requirements(pyproject, extras)
    version = pyproject["project"]["version"]
    name = f"adatlas-offline-{version}-{python_tag()}-{platform_tag()}"
    dist.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="adatlas-bundle-") as temporary:
        stage = Path(temporary) / name
        files = project_files(REPO)
        for relative in files:
            target = stage / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / relative, target)
        print(f"bundle: {len(files)} project files; downloading and building wheels …", flush=True)
        wheelhouse = stage / WHEELHOUSE
        build_wheelhouse(wheelhouse, wanted)
        wheels = sorted(p.name for p in wheelhouse.glob("*.whl"))
        glibc = glibc_needed(wheels, glibc_version())
        info = {
            "name": "adatlas",
            "version": version,
            "python_tag": python_tag(),
            "python_version": f"{sys.version_info.major}.{sys.version_info.minor}",
            "implementation": sys.implementation.name,
            "platform": platform_tag(),
            "glibc": ".".join(map(str, glibc)) if glibc else None,
            "extras": extras,
            "requirements": wanted,
            "wheels": wheels,
            "built": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "built_on": f"{platform.system()} {platform.release()}",
        }
        (stage / INFO).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
        (stage / "INSTALL.md").write_text(install_text(info, name, len(wheels)), encoding="utf-8")
        listed = sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file())
        sums = "".join(f"{sha256_file(stage / path)}  {path}\n" for path in listed)
        (stage / SUMS).write_text(sums, encoding="utf-8")

        out = dist / f"{name}.tar.gz"
        partial = out.with_name(out.name + ".part")
        # Wheels are zip files already: gzip's higher levels cost time and save almost nothing.
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            tar.add(stage, arcname=name, filter=_anonymous)
        partial.replace(out)
    seconds = time.monotonic() - started
    size = out.stat().st_size / 1e6
    print(
        f"bundle: {out} — {size:.1f} MB, {len(wheels)} wheels, {len(listed) + 1} files, "
        f"built in {seconds:.0f} s\n"
        # Worth noting down: it lets the target check the file it received before unpacking.
        f"bundle: SHA-256 {sha256_file(out)}"
    )
    return out


def _anonymous(member: tarfile.TarInfo) -> tarfile.TarInfo:
    """No builder user names or ids in the archive."""
    member.uid = member.gid = 0
    member.uname = member.gname = ""
    return member


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--extras", default="", help="comma- or space-separated extras from pyproject.toml"
    )
    parser.add_argument("--dist", type=Path, default=REPO / "dist")
    args = parser.parse_args(argv)
    extras = sorted(set(re.split(r"[,\s]+", args.extras.strip())) - {""})
    if (REPO / WHEELHOUSE).is_dir():
        raise SystemExit("bundle: this directory is an offline bundle already")
    try:
        build(extras, args.dist)
    except subprocess.CalledProcessError as exc:
        print(f"bundle: pip failed (exit {exc.returncode}); no bundle written", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
