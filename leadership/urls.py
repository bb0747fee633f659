from django.urls import path

from leadership.views import diagnostics, feedback, frameworks, raters, reflections, selfassess

app_name = "leadership"

urlpatterns = [
    path("s/<slug:slug>/leadership/frameworks/", frameworks.framework_list, name="frameworks"),
    path(
        "s/<slug:slug>/leadership/frameworks/add/",
        frameworks.framework_upload,
        name="framework-upload",
    ),
    path(
        "s/<slug:slug>/leadership/frameworks/<slug:framework_slug>/",
        frameworks.framework_detail,
        name="framework",
    ),
    path("s/<slug:slug>/leadership/self/", selfassess.self_list, name="self-list"),
    path(
        "s/<slug:slug>/leadership/self/start/<slug:framework_slug>/",
        selfassess.self_start,
        name="self-start",
    ),
    path("s/<slug:slug>/leadership/self/<int:pk>/", selfassess.self_edit, name="self-edit"),
    path(
        "s/<slug:slug>/leadership/self/<int:pk>/profile/",
        selfassess.self_profile,
        name="self-profile",
    ),
    path("s/<slug:slug>/leadership/360/", feedback.feedback_list, name="feedback-list"),
    path("s/<slug:slug>/leadership/360/new/", feedback.feedback_open, name="feedback-open"),
    path("s/<slug:slug>/leadership/360/<int:pk>/", feedback.feedback_detail, name="feedback"),
    path(
        "s/<slug:slug>/leadership/360/<int:pk>/raters/",
        feedback.feedback_raters,
        name="feedback-raters",
    ),
    path(
        "s/<slug:slug>/leadership/360/<int:pk>/self/", feedback.feedback_self, name="feedback-self"
    ),
    path(
        "s/<slug:slug>/leadership/360/<int:pk>/remind/",
        feedback.feedback_remind,
        name="feedback-remind",
    ),
    path(
        "s/<slug:slug>/leadership/360/<int:pk>/close/",
        feedback.feedback_close,
        name="feedback-close",
    ),
    path(
        "s/<slug:slug>/leadership/360/<int:pk>/share/",
        feedback.feedback_share,
        name="feedback-share",
    ),
    path(
        "s/<slug:slug>/leadership/360/<int:pk>/report/",
        feedback.feedback_report,
        name="feedback-report",
    ),
    path(
        "s/<slug:slug>/leadership/360/<int:pk>/report.pdf",
        feedback.feedback_report_pdf,
        name="feedback-report-pdf",
    ),
    path(
        "s/<slug:slug>/boards/<slug:board_slug>/diagnostics/new/",
        diagnostics.diagnostic_open,
        name="diagnostic-open",
    ),
    path(
        "s/<slug:slug>/leadership/diagnostics/<int:pk>/",
        diagnostics.diagnostic_detail,
        name="diagnostic",
    ),
    path(
        "s/<slug:slug>/leadership/diagnostics/<int:pk>/answer/",
        diagnostics.diagnostic_answer_signed_in,
        name="diagnostic-answer-signed-in",
    ),
    path(
        "s/<slug:slug>/leadership/diagnostics/<int:pk>/close/",
        diagnostics.diagnostic_close,
        name="diagnostic-close",
    ),
    path("s/<slug:slug>/leadership/reflections/", reflections.reflection_list, name="reflections"),
    path(
        "s/<slug:slug>/leadership/reflections/new/",
        reflections.reflection_open,
        name="reflection-open",
    ),
    path(
        "s/<slug:slug>/leadership/reflections/<int:pk>/",
        reflections.reflection_detail,
        name="reflection",
    ),
    path("r/360/<str:token>/", raters.rater_form, name="rater"),
    path("r/board/<str:token>/", diagnostics.diagnostic_answer, name="diagnostic-answer"),
    path("r/team/<str:token>/", reflections.reflection_answer, name="reflection-answer"),
]
