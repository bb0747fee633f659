"""Pages of leadership assessment, one module per resource."""
