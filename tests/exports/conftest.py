"""The exports' store is the web tests' one: the seed programme with the demo's synthetic
figures to October 2006, loaded once per module."""

from tests.web.conftest import home, programme, seeded  # noqa: F401 (fixtures used by name)
