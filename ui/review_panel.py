"""The Review tab of the Curate page: the changes awaiting review, approved or rejected by the
signed-in user (the database refuses anyone without the reviewer role, and an author's own)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from adatlas.db import DatabaseError
from ui.problems import show_problems
from ui.text import escape_markdown

DECIDED = "review_decided"  # session_state: what the last decision did, said after the rerun


def proposals_table(proposals) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Change": p.id,
                "Proposed by": p.proposed_by,
                "Proposed at (UTC)": p.proposed_at.strftime("%Y-%m-%d %H:%M:%S"),
                "Summary": p.summary,
                "Rows": ", ".join(f"{n} {table}" for table, n in sorted(p.rows.items())),
            }
            for p in proposals
        ]
    )


def review_panel(store, roles: tuple[str, ...]) -> None:
    """List the pending changes; approve or reject one with a note (``roles``: the signed-in
    user's)."""
    from adatlas.db import review

    done = st.session_state.pop(DECIDED, None)
    if done:
        st.success(escape_markdown(done))
    try:
        proposals = review.pending(store)
    except DatabaseError as exc:
        st.error(str(exc))
        return
    if not proposals:
        st.info("No changes await review.")
        return
    if "reviewer" not in roles:
        st.info(
            "You are not a reviewer (the adatlas_reviewer role): the database will refuse your "
            "decision. Ask an administrator, or a reviewer, to decide these changes."
        )
    st.dataframe(proposals_table(proposals), hide_index=True)
    choices = {p.id: p for p in proposals}
    change = st.selectbox(
        "Change to decide",
        list(choices),
        format_func=lambda c: f"{c} — {choices[c].summary} (by {choices[c].proposed_by})",
        key="review_change",
    )
    note = st.text_input("Note (why)", key="review_note")
    left, right = st.columns(2)
    decision = None
    if left.button("Approve", key="review_approve", type="primary"):
        decision = "approved"
    if right.button("Reject", key="review_reject"):
        decision = "rejected"
    if decision is None:
        return
    problems = review.decide(store, change, decision, note)
    if problems:
        st.error(f"Change {change} was not {decision}:")
        show_problems(problems)
    else:  # drawn again without it: the list above is the list after the decision
        st.session_state[DECIDED] = f"Change {change} {decision}."
        st.rerun()
