"""Reproducible performance runs; results in benchmarks/README.md."""
