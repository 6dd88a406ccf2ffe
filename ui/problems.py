"""Showing validation problems as a table: file, row, record, problem."""

from __future__ import annotations

import streamlit as st

from adatlas.problems import Problem


def show_problems(problems: list[Problem]) -> None:
    st.dataframe(
        [
            {
                "file": p.path.removeprefix("upload:").removeprefix("draft:"),
                "row": p.line,
                "record": p.record,
                "problem": p.message,
            }
            for p in problems
        ],
        hide_index=True,
        width="stretch",
    )
