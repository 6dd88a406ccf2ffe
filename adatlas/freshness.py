"""What we last heard of each status: ``last_confirmed`` dates and the stale rule.

A status row is attested by its own date, by the publication dates of the articles it cites,
and by rows of ``confirmed.csv`` that repeat it (later sources saying "still there") while it
is in force. Its ``last_confirmed`` date is the latest of these. A deployment is **stale** on a
day when the status it has then was last confirmed more than ``months`` before that day —
announced and planned ones too (a plan nobody has mentioned for years); cancelled and withdrawn
are final and never stale. Everything is worked out once at load time, per status row, so the
as-of query only picks the row in force.
"""

from __future__ import annotations

import pandas as pd

from adatlas.schema import FINAL_STATUSES

DEFAULT_STALE_MONTHS = 24


def _latest(candidates: pd.DataFrame) -> pd.DataFrame:
    """Per status row (``row``), the candidate with the latest ``ts`` (``ts``, ``text``)."""
    ordered = candidates.sort_values(["row", "ts"], kind="stable")
    return ordered.drop_duplicates("row", keep="last").set_index("row")[["ts", "text"]]


def last_confirmed(
    status: pd.DataFrame,
    confirmed: pd.DataFrame,
    citations: pd.DataFrame,
    articles: pd.DataFrame,
) -> pd.DataFrame:
    """``last_confirmed`` (text as written) and ``last_confirmed_ts`` for every status row.

    ``status`` must be sorted by deployment and start (as the dataset keeps it); ``articles``
    needs ``date`` and ``date_ts``; ``confirmed`` needs ``deployment``, ``status``, ``date``
    and ``start``.
    """
    rows = status.reset_index(drop=True)
    own = pd.DataFrame({"row": rows.index, "ts": rows["start"], "text": rows["date"]})

    cited = rows[["citations"]].explode("citations").dropna()
    article_ids = citations["article"].reindex(cited["citations"]).to_numpy()
    by_article = pd.DataFrame(
        {
            "row": cited.index,
            "ts": articles["date_ts"].reindex(article_ids).to_numpy(),
            "text": articles["date"].reindex(article_ids).to_numpy(),
        }
    ).dropna(subset=["ts"])

    # The period each status row is in force: from its start to the next row's start.
    period_end = rows.groupby("deployment")["start"].shift(-1)
    periods = pd.DataFrame(
        {
            "row": rows.index,
            "deployment": rows["deployment"],
            "status": rows["status"],
            "start": rows["start"],
            "end": period_end,
        }
    )
    joined = periods.merge(
        confirmed[["deployment", "status", "start", "date"]].rename(
            columns={"start": "ts", "date": "text"}
        ),
        on=["deployment", "status"],
    )
    inside = (joined["ts"] >= joined["start"]) & (
        joined["end"].isna() | (joined["ts"] < joined["end"])
    )
    by_confirmation = joined.loc[inside, ["row", "ts", "text"]]

    latest = _latest(pd.concat([own, by_article, by_confirmation], ignore_index=True))
    return pd.DataFrame(
        {
            "last_confirmed": latest["text"].reindex(rows.index).to_numpy(),
            "last_confirmed_ts": pd.to_datetime(latest["ts"].reindex(rows.index)).to_numpy(),
        },
        index=status.index,
    )


def stale(
    statuses: pd.Series, last_confirmed_ts: pd.Series, day: pd.Timestamp, months: int
) -> pd.Series:
    """Whether each status, last confirmed on ``last_confirmed_ts``, is stale on ``day``."""
    cutoff = day - pd.DateOffset(months=months)
    return (~statuses.isin(FINAL_STATUSES)) & (last_confirmed_ts < cutoff)
