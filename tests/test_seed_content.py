"""Consistency checks for hand-written quiz seed content (no Django needed)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
QUIZ_FILES = sorted(SEEDS_DIR.glob("*.quiz.json"))

KINDS = {"single", "multiple", "true_false", "numeric", "text"}
FACT_KINDS = {"date", "money", "quantity", "person", "place", "organisation", "other"}
CHOICE_KINDS = {"single", "multiple", "true_false"}


def split_sentences(body: str) -> set[str]:
    """Sentences end with 。 (inclusive); a line without 。 is one sentence."""
    sentences: set[str] = set()
    for line in body.split("\n"):
        parts = line.split("。")
        for i, part in enumerate(parts):
            sentence = (part + "。" if i < len(parts) - 1 else part).lstrip(" ")
            if sentence:
                sentences.add(sentence)
    return sentences


def load(path: Path) -> tuple[dict, str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    text = (SEEDS_DIR / data["article"]["file"]).read_text(encoding="utf-8")
    # The first line is the title; the rest is the article body.
    body = text.split("\n", 1)[1]
    return data, body


def answer_texts(q: dict) -> list[str]:
    texts = [q["fact"]["text"]]
    if q["kind"] in {"single", "multiple"}:
        texts += [c["text"] for c in q["choices"] if c["correct"]]
    elif q["kind"] == "numeric":
        texts.append(q["numeric_answer"])
    elif q["kind"] == "text":
        texts += q["accepted_answers"]
    return texts


def test_quiz_files_exist() -> None:
    assert QUIZ_FILES, f"no *.quiz.json in {SEEDS_DIR}"


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: p.name)
def test_quiz_metadata(path: Path) -> None:
    data, _ = load(path)
    article, quiz = data["article"], data["quiz"]
    assert path.name == article["file"].replace(".txt", ".quiz.json")
    for key in ("file", "title", "language", "source_url", "published_on"):
        assert article[key]
    for key in ("slug", "title", "description"):
        assert quiz[key]
    kinds = [q["kind"] for q in data["questions"]]
    assert len(kinds) == 14
    assert kinds.count("single") >= 5
    assert kinds.count("multiple") >= 2
    assert kinds.count("true_false") >= 3
    assert kinds.count("numeric") >= 2
    assert kinds.count("text") >= 2
    # At least one true/false question must have "誤り" as its answer.
    assert any(q["choices"][1]["correct"] for q in data["questions"] if q["kind"] == "true_false")
    # The correct option of single-choice questions should not always sit in the same slot.
    positions = {
        [c["correct"] for c in q["choices"]].index(True)
        for q in data["questions"]
        if q["kind"] == "single"
    }
    assert len(positions) >= 3


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: p.name)
def test_questions(path: Path) -> None:
    data, body = load(path)
    sentences = split_sentences(body)
    for n, q in enumerate(data["questions"], start=1):
        where = f"{path.name} question {n}"
        kind = q["kind"]
        assert kind in KINDS, where
        assert q["prompt"] and q["explanation"], where
        assert q["points"] == 1, where

        fact = q["fact"]
        assert fact["kind"] in FACT_KINDS, where
        assert fact["sentence"] in body, where
        assert fact["sentence"] in sentences, f"{where}: not a whole sentence"
        assert fact["text"] in fact["sentence"], where

        prompt = q["prompt"]
        norm_prompt = unicodedata.normalize("NFKC", prompt)
        for answer in answer_texts(q):
            assert answer not in prompt, f"{where}: answer {answer!r} in prompt"
            assert unicodedata.normalize("NFKC", answer) not in norm_prompt, where

        if kind in CHOICE_KINDS:
            choices = q["choices"]
            texts = [c["text"] for c in choices]
            assert len(set(texts)) == len(texts), f"{where}: duplicate choices"
            n_correct = sum(1 for c in choices if c["correct"])
            if kind == "single":
                assert len(choices) == 4, where
                assert n_correct == 1, where
            elif kind == "multiple":
                assert 4 <= len(choices) <= 5, where
                assert n_correct >= 2, where
                assert n_correct < len(choices), where
            else:
                assert len(choices) == 2, where
                assert texts == ["正しい", "誤り"], where
                assert n_correct == 1, where
            for key in ("numeric_answer", "tolerance", "unit", "accepted_answers"):
                assert key not in q, where
        elif kind == "numeric":
            assert q["numeric_answer"], where
            float(q["numeric_answer"])
            float(q["tolerance"])
            assert isinstance(q["numeric_answer"], str), where
            assert isinstance(q["tolerance"], str), where
            assert "choices" not in q and "accepted_answers" not in q, where
        else:
            assert q["accepted_answers"], where
            assert all(a for a in q["accepted_answers"]), where
            assert fact["text"] in q["accepted_answers"], where
            assert "choices" not in q and "numeric_answer" not in q, where
