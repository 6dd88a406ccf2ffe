"""User uploads: extra records (CSV or GeoJSON in the documented format) validated with the
same validator against the dataset they join, and merged in memory only — files on disk are
never written. How files are read is :mod:`adatlas.change`.
"""

from __future__ import annotations

from dataclasses import dataclass

from adatlas.change import check, read_files
from adatlas.dataset import Dataset, build_dataset
from adatlas.problems import Problem
from adatlas.reader import RawDataset

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_FILES = 20


@dataclass(frozen=True)
class UploadResult:
    dataset: Dataset | None  # the merged dataset, or None if any uploaded record has a problem
    problems: list[Problem]  # problems in the uploaded files (never in the shipped ones)
    added: dict[str, int]  # table → number of records added


def merge_uploads(base: RawDataset, files: list[tuple[str, bytes]]) -> UploadResult:
    """Validate ``files`` (name, bytes) as additions to ``base``; build the merged dataset."""
    if len(files) > MAX_FILES:
        return UploadResult(
            None, [Problem("upload", 0, "", f"at most {MAX_FILES} files at once")], {}
        )
    change, problems = read_files(files, prefix="upload:", max_bytes=MAX_UPLOAD_BYTES)
    merged, found = check(base, change)
    # The base dataset is valid, so every problem comes from (or conflicts with) an upload.
    all_problems = sorted(set(found + problems))
    if all_problems:
        return UploadResult(None, all_problems, change.added)
    return UploadResult(build_dataset(merged), [], change.added)
