from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from quizzes import views as quiz_views
from quizzes.forms import SignInForm

urlpatterns = [
    path("", include("quizzes.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=SignInForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/signup/", quiz_views.signup, name="signup"),
    path("classes/join/", quiz_views.join_class, name="join-class"),
    path("teach/", include("quizzes.teach_urls")),
    path("", include("quizzes.live_urls")),
    path("healthz", quiz_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler400 = "quizzes.http.bad_request"
handler403 = "quizzes.http.permission_denied"
handler404 = "quizzes.http.page_not_found"
handler500 = "quizzes.http.server_error"
