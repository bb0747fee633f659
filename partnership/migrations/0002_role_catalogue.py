"""Install the catalogue of system leadership roles (partnership/role_catalogue.py)."""

from decimal import Decimal

from django.db import migrations


def install(apps, schema_editor):
    from partnership.role_catalogue import ROLES

    RoleProfile = apps.get_model("partnership", "RoleProfile")
    for order, role in enumerate(ROLES):
        RoleProfile.objects.update_or_create(
            slug=role["slug"],
            defaults={
                "title": role["title"],
                "summary": role["summary"],
                "responsibilities": role["responsibilities"],
                "objectives": role["objectives"],
                "skills": role["skills"],
                "protected_days": Decimal(str(role["protected_days"])),
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("partnership", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
