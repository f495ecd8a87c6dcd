from django.urls import path

from . import authoring, marking, passwords, teach

app_name = "teach"
urlpatterns = [
    path("", teach.index, name="index"),
    path("classes/<int:class_id>/", teach.class_page, name="class"),
    path("classes/<int:class_id>/students/add/", teach.add_student, name="add-student"),
    path("classes/<int:class_id>/students/<int:student_id>/", teach.student, name="student"),
    path(
        "classes/<int:class_id>/students/<int:student_id>/lift-pause/",
        teach.lift_pause,
        name="lift-pause",
    ),
    path(
        "classes/<int:class_id>/students/<int:student_id>/password/",
        passwords.set_student_password,
        name="student-password",
    ),
    path("classes/<int:class_id>/quizzes/<slug:slug>/", teach.gradebook, name="gradebook"),
    path(
        "classes/<int:class_id>/quizzes/<slug:slug>/gradebook.csv",
        teach.gradebook_csv,
        name="gradebook-csv",
    ),
    path(
        "classes/<int:class_id>/quizzes/<slug:slug>/answers.csv",
        teach.answers_csv,
        name="answers-csv",
    ),
    path(
        "classes/<int:class_id>/quizzes/<slug:slug>/statistics/",
        teach.statistics,
        name="statistics",
    ),
    path(
        "classes/<int:class_id>/quizzes/<slug:slug>/questions/<int:question_id>/",
        marking.question_answers,
        name="question",
    ),
    path(
        "classes/<int:class_id>/quizzes/<slug:slug>/questions/<int:question_id>/regrade/",
        marking.regrade_question,
        name="regrade",
    ),
    path(
        "classes/<int:class_id>/attempts/<int:attempt_id>/",
        marking.attempt_review,
        name="attempt",
    ),
    path(
        "classes/<int:class_id>/answers/<int:answer_id>/accept/",
        marking.accept_answer,
        name="accept-answer",
    ),
    path("preview/<slug:slug>/", teach.preview, name="preview"),
    path("preview/<slug:slug>/<int:question_id>/", teach.preview, name="preview-question"),
    # From an article to a published quiz (authoring.py).
    path("articles/new/", authoring.new_article, name="new-article"),
    path("articles/<int:article_id>/", authoring.article_page, name="article"),
    path("articles/<int:article_id>/draft/", authoring.start_drafting, name="start-drafting"),
    path("articles/<int:article_id>/approve/", authoring.approve_first, name="approve-first"),
    path("articles/<int:article_id>/publish/", authoring.publish, name="publish"),
    path("drafting/<int:job_id>/", authoring.drafting_job, name="drafting-job"),
    path("drafts/<int:draft_id>/", authoring.draft_card, name="draft-card"),
    path("drafts/<int:draft_id>/status/", authoring.draft_status, name="draft-status"),
    path("drafts/<int:draft_id>/edit/", authoring.draft_edit, name="draft-edit"),
]
