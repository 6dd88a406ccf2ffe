"""Hypothesis profiles: a fixed budget for ``make test``, a long one for ``make fuzz``.

``make test`` runs every property with 300 examples from a fixed seed (the same run each time, so
a failure reproduces); ``make fuzz`` (HYPOTHESIS_PROFILE=long) runs 20,000 random ones each.
Every failing example found is kept as a regular test (tests/fuzz/test_found.py, or an
``@example`` on its property) once fixed.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,  # a shared 2-core machine: wall time says nothing about a bug
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}
settings.register_profile("default", max_examples=300, derandomize=True, **_COMMON)
settings.register_profile("long", max_examples=20_000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
