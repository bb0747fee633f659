"""Concordat analytics: the data contract, loading, the synthetic ICS and the metric engines.

Pure Python: nothing here imports Django. The web tier reads only the
disclosure-controlled results this package writes.
"""
