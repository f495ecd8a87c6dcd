from django.urls import path

from . import views

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
    path(
        "attempts/<int:attempt_id>/questions/<int:question_id>/answer/",
        views.submit_answer,
        name="answer",
    ),
    path("attempts/<int:attempt_id>/result/", views.result, name="result"),
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
