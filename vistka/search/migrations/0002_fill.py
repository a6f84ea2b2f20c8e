"""Formerly filled the index; filling now happens in 0003 (after the table is partitioned)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("storysearch", "0001_initial"),
        ("stories", "0004_alter_articlepage_body"),
    ]

    operations = []
