from django.urls import path

from partnership.views import (
    boards,
    interchange,
    manage,
    members,
    organisations,
    people,
    roles,
    systems,
)

app_name = "partnership"

urlpatterns = [
    path("", systems.home, name="home"),
    path("s/<slug:slug>/", systems.system_overview, name="system"),
    path("s/<slug:slug>/places/add/", manage.place_add, name="place-add"),
    path("s/<slug:slug>/neighbourhoods/add/", manage.neighbourhood_add, name="neighbourhood-add"),
    path("s/<slug:slug>/organisations/", organisations.organisation_list, name="organisations"),
    path("s/<slug:slug>/organisations/add/", manage.organisation_add, name="organisation-add"),
    path(
        "s/<slug:slug>/organisations/<str:ods_code>/",
        organisations.organisation_detail,
        name="organisation",
    ),
    path(
        "s/<slug:slug>/organisations/<str:ods_code>/edit/",
        manage.organisation_edit,
        name="organisation-edit",
    ),
    path("s/<slug:slug>/people/", people.people_list, name="people"),
    path("s/<slug:slug>/people/add/", manage.person_add, name="person-add"),
    path("s/<slug:slug>/people/<int:person_id>/", people.person_detail, name="person"),
    path("s/<slug:slug>/people/<int:person_id>/edit/", manage.person_edit, name="person-edit"),
    path("s/<slug:slug>/roles/", roles.role_catalogue, name="roles"),
    path("s/<slug:slug>/roles/<slug:role_slug>/", roles.role_detail, name="role"),
    path("s/<slug:slug>/roles/<slug:role_slug>/assign/", manage.role_assign, name="role-assign"),
    path("s/<slug:slug>/boards/", boards.board_list, name="boards"),
    path("s/<slug:slug>/boards/add/", manage.board_add, name="board-add"),
    path("s/<slug:slug>/boards/balance/", boards.board_compare, name="board-compare"),
    path("s/<slug:slug>/boards/<slug:board_slug>/", boards.board_detail, name="board"),
    path("s/<slug:slug>/boards/<slug:board_slug>/edit/", manage.board_edit, name="board-edit"),
    path(
        "s/<slug:slug>/boards/<slug:board_slug>/members/add/",
        manage.board_member_add,
        name="board-member-add",
    ),
    path(
        "s/<slug:slug>/boards/<slug:board_slug>/members/<int:seat_id>/end/",
        manage.board_member_end,
        name="board-member-end",
    ),
    path("s/<slug:slug>/members/", members.member_list, name="members"),
    path("s/<slug:slug>/members/add/", members.member_add, name="member-add"),
    path(
        "s/<slug:slug>/members/<int:membership_id>/role/",
        members.member_role,
        name="member-role",
    ),
    path(
        "s/<slug:slug>/members/<int:membership_id>/remove/",
        members.member_remove,
        name="member-remove",
    ),
    path("s/<slug:slug>/audit/", members.audit_log, name="audit"),
    path("s/<slug:slug>/export.json", interchange.system_export, name="system-export"),
    path("s/<slug:slug>/import/", interchange.system_import, name="system-import"),
]
