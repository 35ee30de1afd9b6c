"""Project-wide reports: the stale report and its formats, and the localization dashboard."""
