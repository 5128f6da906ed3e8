"""Free text reviewed for publication: a person's mark that the words may leave the council.

Commentary, evidence notes, report notes and risk mitigations are written for the board. What is
published (the Minister's report marked for publication, exports marked so) carries such text
only once a person has read it for publication. The mark records the text it was given to (its
SHA-256) with who and when, so any later change of the words, by any route (the web, a
reloaded programme file, the API), withdraws it without anyone having to remember to.
"""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone


class PublicationReview(models.Model):
    """Adds the review mark to a model whose ``PUBLISHED_TEXT`` fields may be published."""

    PUBLISHED_TEXT: ClassVar[tuple[str, ...]] = ()

    publication_reviewed_sha256 = models.CharField(max_length=64, blank=True)
    publication_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    publication_reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def published_text(self) -> str:
        return "\n".join(str(getattr(self, name) or "") for name in self.PUBLISHED_TEXT)

    @property
    def reviewed_for_publication(self) -> bool:
        """Whether a person reviewed exactly the words the row holds now."""
        digest = self.publication_reviewed_sha256
        return bool(digest) and digest == text_sha256(self.published_text)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def publication_review_mark(*, row: Any, user: Any) -> None:
    """Mark the row's words, as they stand, reviewed for publication by ``user``."""
    from improvement_board.accounts.roles import require_role
    from improvement_board.audit import audited_save

    require_role(user, "approver", "review text for publication", _programme_of(row))
    with transaction.atomic():  # the row as it stands, locked: a save meanwhile is never undone
        fresh = type(row).objects.select_for_update().get(pk=row.pk)
        fresh.publication_reviewed_sha256 = text_sha256(fresh.published_text)
        fresh.publication_reviewed_by, fresh.publication_reviewed_at = user, timezone.now()
        audited_save(fresh, user=user, reason="reviewed for publication")
    row.refresh_from_db()


def _programme_of(row: Any) -> Any:
    """The programme a row belongs to, through whatever it hangs from."""
    for path in ("programme", "indicator.programme", "meeting.programme",
                 "milestone.action.programme", "action.programme"):  # fmt: skip
        found: Any = row
        for part in path.split("."):
            found = getattr(found, part, None)
            if found is None:
                break
        if found is not None:
            return found
    return None
