"""Where the shared test data lives: real DfE statistics and peers' synthetic statutory files.

The folder sits beside the repository (``../shared/data``) and is never copied into it. Tests that
read it fail, never skip, when it is missing, so CI cannot pass without them.
"""

from __future__ import annotations

import os
from pathlib import Path

SHARED_DATA = Path(
    os.environ.get(
        "BOARD_SHARED_DATA", Path(__file__).resolve().parents[1].parent / "shared" / "data"
    )
)
DFE = SHARED_DATA / "dfe"
PEERS = SHARED_DATA / "peers"


def require(path: Path) -> Path:
    """Return path, or fail loudly: these tests must run wherever the suite runs."""
    if not path.exists():
        raise FileNotFoundError(f"shared test data missing: {path} (see ../shared/data/README.md)")
    return path
