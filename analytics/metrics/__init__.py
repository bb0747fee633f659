"""The metric library.

- ``compute(data_dir, engine="duckdb"|"pyspark", metrics=None, start=None, end=None)``
  returns the disclosure-controlled results table of DATA.md (``contract.RESULTS``) for
  every area and period the data cover. It is the only way patient-derived figures leave
  the package.
- ``CATALOGUE`` / ``BY_ID`` / ``catalogue_rows()``: the reviewed metadata of every metric,
  readable without computing anything.
- ``MetricsError``: a clear problem with a request (missing folder, unknown metric, dates).
"""

from analytics.metrics.catalogue import BY_ID, CATALOGUE, Metric, catalogue_rows
from analytics.metrics.engine import MetricsError, compute

__all__ = ["BY_ID", "CATALOGUE", "Metric", "MetricsError", "catalogue_rows", "compute"]
