"""Publishing without giving anyone away: every output marked for publication asks these rules.

- ``tables``: DfE practice on a table of counts (1 to 5 hidden as ``c``, then whatever a total
  would give away; rates over hidden counts hidden, small denominators flagged).
- ``figures``: one figure and its counts, published as one row of such a table.
- ``derived``: what is worked out from a suppressed figure (status, gap, plan, direction,
  forecast, SPC signal, the council's own comparator figure and rank) is withheld with it.
- ``texts``: free text is published only once a person has reviewed it for publication.
"""

from improvement_board.core.disclosure.derived import Disclosure, Withheld, disclose
from improvement_board.core.disclosure.figures import (
    figure_hidden,
    published_counts,
    small_denominator,
)
from improvement_board.core.disclosure.tables import (
    DFE_RULES,
    NOT_APPLICABLE,
    SUPPRESSED,
    CountTable,
    DisclosureRules,
    PublishedCell,
    PublishedRate,
    PublishedTable,
    publish_rate,
    publish_table,
    secondary_cells,
)
from improvement_board.core.disclosure.texts import (
    PENDING_REVIEW,
    FreeText,
    published_text,
    published_texts,
    withheld_lines,
)

__all__ = [
    "DFE_RULES",
    "NOT_APPLICABLE",
    "PENDING_REVIEW",
    "SUPPRESSED",
    "CountTable",
    "Disclosure",
    "DisclosureRules",
    "FreeText",
    "PublishedCell",
    "PublishedRate",
    "PublishedTable",
    "Withheld",
    "disclose",
    "figure_hidden",
    "publish_rate",
    "publish_table",
    "published_counts",
    "published_text",
    "published_texts",
    "secondary_cells",
    "small_denominator",
    "withheld_lines",
]
