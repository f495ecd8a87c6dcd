"""Speed and memory of drafting (issue: quizzes from articles). Not a test: it prints figures.

    .venv/bin/python bench/drafting.py [ARTICLE]

Targets: the seed article drafts in <= 3 s with the model loaded and <= 8 s from a cold
process; the regular-expression part alone <= 50 ms; a serving process that never drafts stays
under 150 MB RSS.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quizsite.settings")

SEED = ROOT / "seeds" / "000_36388165747385be.txt"

COLD = """
import time; t0 = time.perf_counter()
from quizzes.generation.drafting import draft_article
text = open({path!r}, encoding="utf-8").read()
result = draft_article(text, title=text.splitlines()[0])
print(time.perf_counter() - t0, len(result.kept))
"""

SERVING = """
import os, sys
os.environ["DATABASE_URL"] = "sqlite:///{db}"
os.environ["ALLOWED_HOSTS"] = "testserver"
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("load_seeds", stdout=open(os.devnull, "w"))
from django.test import Client
from django.contrib.auth import get_user_model
from quizzes.models import Quiz, Attempt
client = Client()
client.force_login(get_user_model().objects.get(username="student"))
quiz = Quiz.objects.get()
for _ in range(20):
    client.get("/"); client.get(quiz.get_absolute_url())
attempt = Attempt.start(get_user_model().objects.get(username="student"), quiz)
for question in quiz.questions.all():
    client.get(f"/attempts/{{attempt.pk}}/questions/{{question.pk}}/")
    client.post(f"/attempts/{{attempt.pk}}/questions/{{question.pk}}/", {{"answer": "1"}})
client.get("/admin/login/")
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
peak = next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]
print(int(peak) / 1024, "spacy" in sys.modules)
"""


def median_time(fn, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times)


def main(path: Path) -> None:
    import django

    django.setup()
    from quizzes.generation.drafting import draft_article
    from quizzes.generation.facts import extract_numeric_facts
    from quizzes.generation.names import load_nlp
    from quizzes.generation.text import normalize, split_sentences

    raw = path.read_text(encoding="utf-8")
    title = raw.splitlines()[0]
    print(f"article: {path.name}, {len(raw):,} characters")

    def regex_only():
        text = normalize(raw)
        extract_numeric_facts(text, split_sentences(text, title=title))

    regex_only()
    median, worst = median_time(regex_only, 50)
    print(
        f"regular-expression part (sentences, dates, money, quantities): "
        f"median {median * 1000:.1f} ms, worst {worst * 1000:.1f} ms  (target <= 50 ms)"
    )

    start = time.perf_counter()
    nlp = load_nlp()
    print(f"GiNZA model load: {time.perf_counter() - start:.2f} s")
    drafts = draft_article(raw, title=title, nlp=nlp)
    median, worst = median_time(lambda: draft_article(raw, title=title, nlp=nlp), 5)
    print(
        f"drafting with the model loaded: median {median:.2f} s, worst {worst:.2f} s, "
        f"{len(drafts.kept)} drafts kept  (target <= 3 s)"
    )

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    colds = []
    for _ in range(3):
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", COLD.format(path=str(path))],
            capture_output=True, text=True, env=env, check=True, cwd=ROOT,
        )  # fmt: skip
        colds.append(time.perf_counter() - start)
    print(
        f"drafting from a cold process (interpreter start included): "
        f"median {statistics.median(colds):.2f} s, worst {max(colds):.2f} s  (target <= 8 s)"
    )

    db = Path(os.environ.get("TMPDIR", "/tmp")) / "quizsite-bench-serving.sqlite3"
    db.unlink(missing_ok=True)
    out = subprocess.run(
        [sys.executable, "-c", SERVING.format(db=db)],
        capture_output=True, text=True, env=env, check=True, cwd=ROOT,
    )  # fmt: skip
    rss, spacy_loaded = out.stdout.split()
    db.unlink(missing_ok=True)
    print(
        f"serving process after pages, answers and the admin: peak RSS {float(rss):.0f} MB, "
        f"spaCy imported: {spacy_loaded}  (target < 150 MB, False)"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SEED)
