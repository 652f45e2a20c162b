"""Signed offline data updates: keys, packages, the installed data and what changed."""
