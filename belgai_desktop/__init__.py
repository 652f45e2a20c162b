"""BelgAI Desktop: an offline reference to AI governance in Belgium."""

__version__ = "0.1.0"
