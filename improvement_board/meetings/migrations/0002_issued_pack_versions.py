# The pack frozen for a meeting is the one issued to the board: renamed, and given versions.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="PublishedPack", new_name="IssuedPack"),
        migrations.RenameField(
            model_name="issuedpack", old_name="published_at", new_name="issued_at"
        ),
        migrations.RenameField(
            model_name="issuedpack", old_name="published_by", new_name="issued_by"
        ),
        migrations.AlterModelOptions(
            name="issuedpack",
            options={"ordering": ["meeting", "-version", "kind"]},
        ),
        migrations.AddField(
            model_name="issuedpack",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
        migrations.AddConstraint(
            model_name="issuedpack",
            constraint=models.UniqueConstraint(
                fields=("meeting", "version", "kind"), name="one_file_of_a_kind_a_version"
            ),
        ),
    ]
