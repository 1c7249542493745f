"""backmap: backwards mapping from ideal outcomes down to initiatives, kept as YAML in git."""

__version__ = "0.1.0"
