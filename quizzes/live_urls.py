from django.urls import path

from . import live, live_teach

app_name = "live"
urlpatterns = [
    # Students.
    path("live/", live.join, name="join"),
    path("live/<str:code>/", live.student, name="student"),
    path("live/<str:code>/join/", live.enter, name="enter"),
    path("live/<str:code>/state/", live.student_state, name="state"),
    path("live/<str:code>/questions/<int:question_id>/answer/", live.answer, name="answer"),
    # The teacher.
    path("teach/classes/<int:class_id>/quizzes/<slug:slug>/live/", live_teach.new, name="new"),
    path("teach/live/<int:session_id>/", live_teach.projector, name="projector"),
    path("teach/live/<int:session_id>/state/", live_teach.projector_state, name="projector-state"),
    path("teach/live/<int:session_id>/counts/", live_teach.projector_counts, name="counts"),
    path("teach/live/<int:session_id>/settings/", live_teach.change_settings, name="settings"),
    path("teach/live/<int:session_id>/<slug:action>/", live_teach.control, name="control"),
]
