"""A problem found in a dataset, reported as ``path:line: record-id: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    record: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.record or '-'}: {self.message}"
