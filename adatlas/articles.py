"""Source articles: ``articles/<id>.md`` files with ``key: value`` front matter and a body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Article:
    id: str
    meta: dict[str, str]
    body: str
    body_line: int  # line number of the first body line, for messages
    meta_lines: dict[str, int] = field(default_factory=dict)

    @cached_property  # every citation of the article compares against it
    def normalised_body(self) -> str:
        return normalise_text(self.body)


class ArticleFormatError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def normalise_text(text: str) -> str:
    """Collapse whitespace and unify quote marks, for comparing excerpts with article text."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def parse_article(article_id: str, text: str) -> Article:
    """Parse an article file's text; raise :class:`ArticleFormatError` with a line number."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise ArticleFormatError(1, "article must start with a '---' front matter line")
    meta: dict[str, str] = {}
    meta_lines: dict[str, int] = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            body = "\n".join(lines[number:])
            return Article(article_id, meta, body, number + 1, meta_lines)
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep or not key.strip() or " " in key.strip():
            raise ArticleFormatError(number, f"front matter line is not 'key: value': {line!r}")
        key = key.strip()
        if key in meta:
            raise ArticleFormatError(number, f"front matter key {key!r} given twice")
        meta[key] = value.strip()
        meta_lines[key] = number
    raise ArticleFormatError(len(lines), "front matter is not closed by a '---' line")
