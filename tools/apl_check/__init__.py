"""Checks of the APL documents: Amazon's apl-suggester and what it misses (``python -m apl_check``)."""
