"""lowres-desktop: a municipal education authority's tool for schools with low results."""

__version__ = "0.1.0"
