"""Test data factories. Everything here is synthetic."""

from __future__ import annotations

import factory

from accounts.models import Membership, User
from partnership.models import (
    Board,
    BoardMembership,
    Neighbourhood,
    Organisation,
    Partnership,
    Person,
    Place,
    System,
)

PASSWORD = "a-test-password-1234"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    full_name = factory.Sequence(lambda n: f"Test User {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class SystemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = System

    name = factory.Sequence(lambda n: f"Test System {n}")
    slug = factory.Sequence(lambda n: f"test-system-{n}")
    code = factory.Sequence(lambda n: f"QT{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    system = factory.SubFactory(SystemFactory)
    role = "member"


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    system = factory.SubFactory(SystemFactory)
    ons_code = factory.Sequence(lambda n: f"E0699{n:04d}")
    name = factory.Sequence(lambda n: f"Place {n}")


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    place = factory.SubFactory(PlaceFactory)
    code = factory.Sequence(lambda n: f"ZT{n:03d}")
    name = factory.Sequence(lambda n: f"Neighbourhood {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    ods_code = factory.Sequence(lambda n: f"ZT{n:04d}")
    name = factory.Sequence(lambda n: f"Organisation {n}")
    sector = "acute"

    @factory.post_generation
    def system(obj, create, extracted, **kwargs):  # noqa: N805
        """OrganisationFactory(system=s) makes it a partner of s."""
        if create and extracted is not None:
            Partnership.objects.create(system=extracted, organisation=obj)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    system = factory.SubFactory(SystemFactory)
    full_name = factory.Sequence(lambda n: f"Person {n}")
    profession = "manager"
    organisation = None


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    system = factory.SubFactory(SystemFactory)
    name = factory.Sequence(lambda n: f"Board {n}")
    slug = factory.Sequence(lambda n: f"board-{n}")
    board_type = "icp"
    level = "system"


class BoardMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardMembership

    board = factory.SubFactory(BoardFactory)
    person = factory.SubFactory(PersonFactory, system=factory.SelfAttribute("..board.system"))
    capacity = "partner"
