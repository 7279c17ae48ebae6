"""The trail's table takes the catalogue's name (a rename: every row stays), and its
content type moves along, so permissions on it (the Editors' "view") and the admin's
history keep pointing at it."""

from django.db import migrations


def move_content_type(apps, from_app, to_app):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if ContentType.objects.filter(app_label=to_app, model="trailentry").exists():
        return  # already made (by a post_migrate of an earlier try): nothing to carry over
    ContentType.objects.filter(app_label=from_app, model="trailentry").update(app_label=to_app)


def forwards(apps, schema_editor):
    move_content_type(apps, "staff", "episodes")


def backwards(apps, schema_editor):
    move_content_type(apps, "episodes", "staff")


class Migration(migrations.Migration):
    dependencies = [
        ("episodes", "0004_trailentry_from_staff"),
        ("staff", "0004_trailentry_to_episodes"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="trailentry", table=None),
        migrations.RunPython(forwards, backwards),
    ]
