"""The JSON API for the council's other systems: the same reads and the same checked returns as
the web app, called with a per-user token instead of a signed-in browser (docs/api.md)."""
