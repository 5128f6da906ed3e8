# A pack is issued only once prepared by one person and approved by another; an issued pack's path
# is stored relative to BOARD_HOME, so a store moved or restored elsewhere still finds its files.

from pathlib import Path, PurePath

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def relative(path: str, home: Path) -> str:
    """An issued pack's stored path, relative to BOARD_HOME.

    Packs were issued to BOARD_HOME/packs/<programme>/issued/<file>, so a path that is not under
    today's BOARD_HOME (a store already moved) keeps those last four parts.
    """
    stored = PurePath(path)
    if not stored.is_absolute():
        return path
    try:
        return str(stored.relative_to(home))
    except ValueError:
        pass
    parts = stored.parts
    if len(parts) >= 4 and parts[-4] == "packs" and parts[-2] == "issued":
        return str(PurePath(*parts[-4:]))
    return path


def to_relative(apps, schema_editor):
    home = Path(settings.BOARD_HOME)
    IssuedPack = apps.get_model("meetings", "IssuedPack")
    for pack in IssuedPack.objects.all():
        moved = relative(pack.path, home)
        if moved != pack.path:
            pack.path = moved
            pack.save(update_fields=["path"])


def to_absolute(apps, schema_editor):
    home = Path(settings.BOARD_HOME)
    IssuedPack = apps.get_model("meetings", "IssuedPack")
    for pack in IssuedPack.objects.all():
        if not PurePath(pack.path).is_absolute():
            pack.path = str(home / pack.path)
            pack.save(update_fields=["path"])


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_issued_pack_versions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PackSignOff",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("content_sha256", models.CharField(max_length=64)),
                ("prepared_at", models.DateTimeField(auto_now_add=True)),
                ("approved_at", models.DateTimeField(blank=True, null=True)),
                (
                    "approved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sign_offs",
                        to="meetings.meeting",
                    ),
                ),
                (
                    "prepared_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["meeting", "-pk"],
            },
        ),
        migrations.AddField(
            model_name="issuedpack",
            name="sign_off",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="issues",
                to="meetings.packsignoff",
            ),
        ),
        migrations.AddConstraint(
            model_name="packsignoff",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("approved_by__isnull", True),
                    models.Q(("approved_by", models.F("prepared_by")), _negated=True),
                    _connector="OR",
                ),
                name="approved_by_someone_else",
            ),
        ),
        migrations.RunPython(to_relative, to_absolute),
    ]
