"""Where a student stands on each quiz of her list: not started, in progress, or finished with
her score (once it is shown), and how many attempts are left. One query for the whole list."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Attempt, Quiz


@dataclass(frozen=True)
class Standing:
    quiz: Quiz
    taken: int  # attempts started, finished or not
    open_attempt: Attempt | None
    last_finished: Attempt | None

    @property
    def status(self) -> str:
        if self.open_attempt is not None:
            return "in_progress"
        return "finished" if self.last_finished is not None else "not_started"

    @property
    def attempts_left(self) -> int:
        return max(0, self.quiz.attempts_allowed - self.taken)


def standings(user, quizzes) -> list[Standing]:
    """The quizzes, in their order, each with the user's standing on it."""
    quizzes = list(quizzes)
    by_id = {quiz.pk: quiz for quiz in quizzes}
    mine: dict[int, list[Attempt]] = {}
    attempts = Attempt.objects.of(user).filter(quiz_id__in=by_id).with_final_finished()
    for attempt in attempts.order_by("number"):
        attempt.quiz = by_id[attempt.quiz_id]  # reveals_results reads it: no query per attempt
        mine.setdefault(attempt.quiz_id, []).append(attempt)
    result = []
    for quiz in quizzes:
        taken = mine.get(quiz.pk, [])
        finished = [attempt for attempt in taken if attempt.is_finished]
        result.append(
            Standing(
                quiz=quiz,
                taken=len(taken),
                open_attempt=next((a for a in taken if not a.is_finished), None),
                last_finished=finished[-1] if finished else None,
            )
        )
    return result
