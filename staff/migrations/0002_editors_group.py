"""The Editors group: import, edit and publish transcripts and episodes, manage speakers
and topics; nothing about users or groups, and no deleting of episodes or transcripts.

Give a person staff status and put them in Editors; superusers keep everything.
"""

from django.db import migrations

# app label -> model -> actions. Kept here (not imported from the app) so this
# migration means the same thing whenever it runs.
EDITOR_PERMISSIONS = {
    "episodes": {
        "episode": ["add", "change", "view"],
        "show": ["add", "change", "view"],
        "speaker": ["add", "change", "delete", "view"],
        "speakeralias": ["add", "change", "delete", "view"],
        "speakerslugredirect": ["view"],
        "appearance": ["add", "change", "delete", "view"],
        "topic": ["add", "change", "delete", "view"],
    },
    "transcripts": {
        # add = import a transcript; change = restore a version; segments are edited.
        "transcript": ["add", "change", "view"],
        "segment": ["change", "view"],
    },
    "staff": {
        "pendingupload": ["add", "view", "delete"],
        "trailentry": ["view"],
    },
}
GROUP = "Editors"


def create_editors_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations (post_migrate); make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    grant_editor_permissions(apps)


def grant_editor_permissions(apps):
    """The Editors group with its permissions (which must exist already)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, models in EDITOR_PERMISSIONS.items():
        for model, actions in models.items():
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )
    return group


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_initial"),
        ("episodes", "0003_speaker_slug_redirect"),
        ("transcripts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
