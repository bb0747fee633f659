from django.apps import AppConfig
from django.db.models.signals import post_migrate


def install_frameworks(sender, **kwargs):  # type: ignore[no-untyped-def]
    """Keep the national frameworks installed after every migrate (idempotent)."""
    from leadership.actions import framework_install
    from leadership.frameworks import load_all

    for spec in load_all():
        framework_install(by=None, spec=spec)


class LeadershipConfig(AppConfig):
    name = "leadership"
    verbose_name = "Leadership assessment"

    def ready(self) -> None:
        post_migrate.connect(install_frameworks, sender=self)
