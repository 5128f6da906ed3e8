"""Comparator figures dated as the data has them: a reference period in place of a bare year,
the day the figure was published, the level of the area, and where the figure came from.

Figures stored before kept a DfE year (the year to 31 March); each becomes that March. Their
publication dates are unknown, so none is recorded.
"""

from django.db import migrations, models


def year_to_period(apps, schema_editor):
    for name in ("ComparatorValue", "HistoricalComparatorValue"):
        model = apps.get_model("programmes", name)
        for row in model.objects.all().only("pk", "year"):
            model.objects.filter(pk=row.pk).update(period=f"{row.year:04d}-03")


def period_to_year(apps, schema_editor):
    for name in ("ComparatorValue", "HistoricalComparatorValue"):
        model = apps.get_model("programmes", name)
        for row in model.objects.all().only("pk", "period"):
            model.objects.filter(pk=row.pk).update(year=int(row.period[:4]))


NEW_FIELDS = [
    ("level", models.CharField(default="council", max_length=10)),
    ("region", models.CharField(blank=True, max_length=20)),
    ("period", models.CharField(default="", max_length=7)),
    ("published", models.DateField(blank=True, null=True)),
    ("published_known", models.BooleanField(default=False)),
    ("decimals", models.PositiveSmallIntegerField(default=1)),
    ("own", models.BooleanField(default=False)),
    ("count", models.FloatField(blank=True, null=True)),
    ("measure", models.CharField(blank=True, max_length=60)),
]


class Migration(migrations.Migration):
    dependencies = [("programmes", "0004_periods_and_markers")]

    operations = [
        migrations.RemoveConstraint(model_name="comparatorvalue", name="one_comparator_figure"),
        *[
            migrations.AddField(model_name=model, name=name, field=field.clone())
            for model in ("comparatorvalue", "historicalcomparatorvalue")
            for name, field in NEW_FIELDS
        ],
        migrations.RunPython(year_to_period, period_to_year),
        migrations.RemoveField(model_name="comparatorvalue", name="year"),
        migrations.RemoveField(model_name="historicalcomparatorvalue", name="year"),
        migrations.AlterField(
            model_name="comparatorvalue", name="period", field=models.CharField(max_length=7)
        ),
        migrations.AlterField(
            model_name="historicalcomparatorvalue",
            name="period",
            field=models.CharField(max_length=7),
        ),
        migrations.AlterModelOptions(
            name="comparatorvalue", options={"ordering": ["indicator", "period", "council"]}
        ),
        migrations.AddConstraint(
            model_name="comparatorvalue",
            constraint=models.UniqueConstraint(
                fields=("indicator", "council", "period"), name="one_comparator_figure_a_period"
            ),
        ),
        *[
            migrations.AlterField(
                model_name=model, name="marker", field=models.CharField(blank=True, max_length=40)
            )
            for model in ("comparatorvalue", "historicalcomparatorvalue")
        ],
        migrations.AddField(
            model_name="programme",
            name="neighbours",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="historicalprogramme",
            name="neighbours",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
