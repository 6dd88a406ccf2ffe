"""Signing in to a team store with one's own database user, for curating and reviewing.

PostgreSQL checks the password (SCRAM over the dashboard's database URL, user and password
replaced). The session keeps the open connection only: the password field is cleared as the
form is sent, nothing writes it anywhere, and signing out closes the connection. What the user
may do is what the database grants that user.
"""

from __future__ import annotations

import streamlit as st

from adatlas.db import DatabaseError, display

SIGNED_IN = "team_signed_in"  # session_state: the signed-in user's DatabaseStore


def signed_in(url: str):
    """The signed-in user's store for ``url`` in this browser session, or ``None``."""
    store = st.session_state.get(SIGNED_IN)
    if store is None or store.url != url:
        return None
    return store


def sign_in_panel(url: str):
    """A sign-in form, or who is signed in with a sign-out button; the signed-in store and
    the adatlas roles its user holds (one query a run, which also tells a dropped connection)."""
    store = signed_in(url)
    if store is not None:
        try:
            who, roles = store.identity()
        except DatabaseError as exc:  # the server went away or dropped the connection
            _sign_out(store)
            st.warning(f"You were signed out: {exc}")
            return None, ()
        left, right = st.columns([4, 1])
        left.success(
            f"Signed in to {display(url)} as **{who}** "
            f"({', '.join(roles) or 'no adatlas role'}): what you save is proposed for review."
        )
        if right.button("Sign out", key="team_sign_out"):
            _sign_out(store)
            st.rerun()
        return store, roles
    with st.form("team_sign_in", clear_on_submit=True):  # clears the password as it is sent
        st.markdown(f"**Sign in to the team store** {display(url)} with your database user")
        left, right = st.columns(2)
        user = left.text_input("Database user", key="team_user")
        password = right.text_input("Password", type="password", key="team_password")
        submitted = st.form_submit_button("Sign in", key="team_sign_in_submit")
    if submitted:
        try:
            store = _open(url, user.strip(), password)
        except DatabaseError as exc:
            st.error(f"Not signed in: {exc}")
            return None, ()
        st.session_state[SIGNED_IN] = store
        st.rerun()
    return None, ()


def _open(url: str, user: str, password: str):
    from adatlas.db.connect import connect
    from adatlas.db.store import DatabaseStore

    if not user:
        raise DatabaseError("give your database user")
    return DatabaseStore(url, connect(url, user=user, password=password))


def _sign_out(store) -> None:
    st.session_state.pop(SIGNED_IN, None)
    store.close()
