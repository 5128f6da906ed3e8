"""Slow output (a pack's PDF) made by the background worker, once per distinct content."""
