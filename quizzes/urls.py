from django.urls import path

from . import practice, results, views

app_name = "quizzes"
urlpatterns = [
    path("", views.quiz_list, name="quiz-list"),
    path("quizzes/<slug:slug>/", views.quiz_detail, name="quiz-detail"),
    path("quizzes/<slug:slug>/start/", views.start_attempt, name="start"),
    path("attempts/<int:attempt_id>/", views.attempt_resume, name="attempt"),
    path(
        "attempts/<int:attempt_id>/questions/<int:question_id>/",
        views.question_page,
        name="question",
    ),
    path("attempts/<int:attempt_id>/result/", results.result, name="result"),
    path("attempts/<int:attempt_id>/practice/", practice.start, name="practice"),
    path(
        "attempts/<int:attempt_id>/practice/<int:question_id>/",
        practice.question_page,
        name="practice-question",
    ),
    path("history/", views.history, name="history"),
    path(
        "invitations/<int:invitation_id>/accept/",
        views.answer_invitation,
        {"accept": True},
        name="invitation-accept",
    ),
    path(
        "invitations/<int:invitation_id>/decline/",
        views.answer_invitation,
        {"accept": False},
        name="invitation-decline",
    ),
]
