"""Who belongs to a system, and in what role. Every change is atomic and audited; a
system always keeps at least one admin, so no one can lock a partnership out of its own
workspace."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import Membership, Role, User
from core import audit


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise ValidationError(f"Choose a role: {', '.join(Role.labels)}.")


def _keep_an_admin(membership: Membership) -> None:
    """Refuse to take away the system's last admin (the row is locked by the caller)."""
    if membership.role != Role.ADMIN:
        return
    others = Membership.objects.filter(system=membership.system, role=Role.ADMIN).exclude(
        pk=membership.pk
    )
    if not others.exists():
        raise ValidationError(
            f"{membership.user} is the only admin of {membership.system.name}; make someone "
            "else an admin first."
        )


@transaction.atomic
def membership_grant(
    *, by: Any, system: Any, email: str, full_name: str, role: str, notify: bool = True
) -> tuple[Membership, bool]:
    """Give the person with this e-mail address a role in the system. A new address gets
    an account with no password and (with ``notify``) an e-mail with a link to choose
    one. Returns the membership and whether the account is new."""
    email = email.strip().lower()
    _check_role(role)
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if user is None:
        if not full_name.strip():
            raise ValidationError("Enter the person's full name: they have no account yet.")
        user = User.objects.create_user(email, password=None, full_name=full_name.strip())
        audit.record(by=by, verb="account created", obj=user, system=system)
    elif not user.is_active:
        raise ValidationError(f"The account of {email} is closed; it cannot be given a role.")
    if Membership.objects.filter(user=user, system=system).exists():
        raise ValidationError(f"{user} is already a member of {system.name}.")
    membership = Membership.objects.create(user=user, system=system, role=role)
    audit.record(
        by=by,
        verb="member added",
        obj=membership,
        system=system,
        changes={"user": user.email, "role": role},
    )
    if notify:
        transaction.on_commit(lambda: _send_welcome(by=by, user=user, system=system, new=created))
    return membership, created


@transaction.atomic
def membership_change_role(*, by: Any, membership: Membership, role: str) -> Membership:
    _check_role(role)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == role:
        return membership
    _keep_an_admin(membership)
    old = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit.record(
        by=by,
        verb="member role changed",
        obj=membership,
        system=membership.system,
        changes={"role": [old, role]},
    )
    return membership


@transaction.atomic
def membership_remove(*, by: Any, membership: Membership) -> Membership:
    """Remove the membership; returns it as it was (no longer saved)."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _keep_an_admin(membership)
    audit.record(
        by=by,
        verb="member removed",
        obj=membership,
        system=membership.system,
        changes={"user": membership.user.email, "role": membership.role},
    )
    membership.delete()
    return membership


def _send_welcome(*, by: Any, user: User, system: Any, new: bool) -> None:
    context = {"user": user, "system": system, "by": by, "new": new, "site": settings.SITE_URL}
    if new:
        context["set_password_link"] = settings.SITE_URL + reverse(
            "accounts:password-reset-confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    send_mail(
        f"You have been added to {system.name} on Concordat",
        render_to_string("accounts/member_added_email.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )
