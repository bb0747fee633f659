from django.urls import include, path

from concordat.api import api
from core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("api/", api.urls),
    path("", include("leadership.urls")),
    path("", include("partnership.urls")),
]

handler404 = "core.errors.not_found"
handler500 = "core.errors.server_error"
handler403 = "core.errors.forbidden"
handler400 = "core.errors.bad_request"
