"""The metric library: ``compute(data_dir, engine="duckdb"|"pyspark")`` returns the
disclosure-controlled results table; ``CATALOGUE`` is the reviewed metadata."""

from analytics.metrics.catalogue import BY_ID, CATALOGUE, Metric
from analytics.metrics.engine import MetricsError, compute

__all__ = ["BY_ID", "CATALOGUE", "Metric", "MetricsError", "compute"]
