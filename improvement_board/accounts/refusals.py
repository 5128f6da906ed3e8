"""A refusal: something a person asked for that the rules do not allow.

Kept free of Django so the console can catch it before Django has started.
"""

from __future__ import annotations


class Refused(Exception):
    """The message says why, in words a person can act on."""
