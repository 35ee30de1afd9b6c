"""Interrupting a catalog command loses no translation and leaves every catalog valid."""

from __future__ import annotations

import pytest
from requirements import needs

from bench import faults


@pytest.mark.trial
@needs("msgfmt")
def test_a_killed_catalog_update_loses_no_translation():
    # Two trials here; `python -m bench.faults --project . --command update --trials 20` runs the long series.
    outcomes = faults.run_catalogs(faults.REPO, ["i18n", "update"], trials=2, seed=3, max_delay=4.0)
    for outcome in outcomes:
        assert not outcome.lost, outcome
        assert not outcome.invalid, outcome
