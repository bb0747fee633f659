from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from core.models import AuditEvent
from partnership import actions
from partnership.models import BoardMembership, Organisation, Partnership
from tests.factories import (
    BoardFactory,
    OrganisationFactory,
    PersonFactory,
    PlaceFactory,
)


@pytest.mark.django_db
def test_adding_a_known_organisation_to_a_second_system_reuses_it(admin_a, system_a, system_b):
    place_a = PlaceFactory(system=system_a)
    place_b = PlaceFactory(system=system_b)
    first = actions.organisation_add_to_system(
        by=admin_a,
        system=system_a,
        ods_code="zr5",
        name="Ambulance",
        sector="ambulance",
        places=[place_a],
    )
    second = actions.organisation_add_to_system(
        by=admin_a,
        system=system_b,
        ods_code="ZR5",
        name="Another name",
        sector="acute",
        places=[place_b],
    )
    assert first.pk == second.pk
    assert Organisation.objects.get().name == "Ambulance"
    assert set(Partnership.objects.values_list("system__slug", flat=True)) == {
        "system-a",
        "system-b",
    }
    assert set(second.places.all()) == {place_a, place_b}


@pytest.mark.django_db
def test_organisation_cannot_join_the_same_system_twice_and_nothing_is_written(admin_a, system_a):
    actions.organisation_add_to_system(
        by=admin_a, system=system_a, ods_code="ZX1", name="Police", sector="police"
    )
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        actions.organisation_add_to_system(
            by=admin_a, system=system_a, ods_code="ZX1", name="Police", sector="police"
        )
    assert AuditEvent.objects.count() == events
    assert Partnership.objects.count() == 1


@pytest.mark.django_db
def test_place_of_another_system_is_refused_and_rolls_back(admin_a, system_a, system_b):
    foreign_place = PlaceFactory(system=system_b)
    with pytest.raises(ValidationError):
        actions.organisation_add_to_system(
            by=admin_a,
            system=system_a,
            ods_code="ZQ9",
            name="New",
            sector="vcse",
            places=[foreign_place],
        )
    assert not Organisation.objects.filter(ods_code="ZQ9").exists()


@pytest.mark.django_db
def test_person_must_work_for_a_partner_of_their_system(admin_a, system_a):
    outsider = OrganisationFactory()  # not a partner of system A
    with pytest.raises(ValidationError):
        actions.person_create(
            by=admin_a,
            system=system_a,
            full_name="Ada Test",
            profession="nurse",
            organisation=outsider,
        )


@pytest.mark.django_db
def test_person_update_audits_changes_without_storing_personal_values(admin_a, system_a):
    person = PersonFactory(system=system_a, gender="Woman")
    actions.person_update(by=admin_a, person=person, gender="Non-binary", job_title="Chair")
    event = AuditEvent.objects.filter(verb="updated").get()
    assert event.changes["job_title"] == ["", "Chair"]
    assert "Non-binary" not in str(event.changes)
    assert "Woman" not in str(event.changes)
    assert event.actor == admin_a and event.system == system_a


@pytest.mark.django_db
def test_board_member_from_another_system_is_refused(admin_a, system_a, system_b):
    board = BoardFactory(system=system_a)
    stranger = PersonFactory(system=system_b)
    with pytest.raises(ValidationError):
        actions.board_member_add(by=admin_a, board=board, person=stranger)
    assert not BoardMembership.objects.exists()


@pytest.mark.django_db
def test_ending_a_seat_keeps_it_in_history(admin_a, system_a):
    board = BoardFactory(system=system_a)
    person = PersonFactory(system=system_a)
    seat = actions.board_member_add(
        by=admin_a, board=board, person=person, start_date=date(2025, 4, 1)
    )
    actions.board_member_end(by=admin_a, seat=seat, end_date=date(2026, 3, 31))
    seat.refresh_from_db()
    assert seat.end_date == date(2026, 3, 31)
    assert BoardMembership.objects.count() == 1
    with pytest.raises(ValidationError):
        actions.board_member_end(by=admin_a, seat=seat, end_date=date(2024, 1, 1))


@pytest.mark.django_db
def test_place_board_needs_a_place_of_its_own_system(admin_a, system_a, system_b):
    with pytest.raises(ValidationError):
        actions.board_create(
            by=admin_a,
            system=system_a,
            name="Place board",
            board_type="place_board",
            level="place",
        )
    with pytest.raises(ValidationError):
        actions.board_create(
            by=admin_a,
            system=system_a,
            name="Place board",
            board_type="place_board",
            level="place",
            place=PlaceFactory(system=system_b),
        )
    board = actions.board_create(
        by=admin_a,
        system=system_a,
        name="Place board",
        board_type="place_board",
        level="place",
        place=PlaceFactory(system=system_a),
    )
    assert board.slug == "place-board"
