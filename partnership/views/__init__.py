"""Pages of the partnership registry, one module per resource."""
