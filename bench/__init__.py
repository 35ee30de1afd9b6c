"""kbgen's benchmarks: a synthetic help center and a runner (`python -m bench`)."""
