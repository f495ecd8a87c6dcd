"""The question-bank codec: GIFT as Moodle's documentation writes it, the CSV, and round trips."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.banks import (
    BLANK,
    CSV_HEADER,
    FALSE_TEXT,
    TRUE_TEXT,
    BankChoice,
    BankError,
    BankQuestion,
    decode_upload,
    parse_csv,
    parse_gift,
    to_csv,
    to_gift,
)


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted word for word in English unless a test switches to Japanese."""
    with translation.override("en"):
        yield


def one(text: str) -> BankQuestion:
    bank = parse_gift(text)
    assert bank.problems == (), bank.problems
    assert len(bank.questions) == 1
    return bank.questions[0]


def texts(q: BankQuestion) -> list[tuple[str, bool]]:
    return [(c.text, c.correct) for c in q.choices]


def without_line(questions) -> list[BankQuestion]:
    return [dataclasses.replace(q, line=0) for q in questions]


# --- GIFT, Moodle's documented examples ------------------------------------------------------


def test_multiple_choice_is_single():
    q = one("Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}")
    assert q.kind == "single"
    assert q.prompt == "Who's buried in Grant's tomb?"
    assert texts(q) == [("Grant", False), ("Jefferson", False), ("no one", True)]


def test_multiple_choice_on_several_lines_with_title_and_feedback():
    q = one(
        "::Q2:: What's between orange and green in the spectrum?\n"
        "{\n=yellow # right; good!\n~red # wrong, it's yellow\n~blue # wrong, it's yellow\n}"
    )
    assert q.title == "Q2"
    assert q.prompt == "What's between orange and green in the spectrum?"
    assert q.choices[0] == BankChoice("yellow", True, "right; good!")
    assert q.choices[1] == BankChoice("red", False, "wrong, it's yellow")


def test_true_false():
    q = one("Grant is buried in Grant's tomb.{F}")
    assert q.kind == "true_false"
    assert texts(q) == [(TRUE_TEXT, False), (FALSE_TEXT, True)]
    for mark, truth in (("T", True), ("TRUE", True), ("F", False), ("FALSE", False)):
        q = one(f"The sun rises in the east.{{{mark}}}")
        assert texts(q) == [(TRUE_TEXT, truth), (FALSE_TEXT, not truth)]


def test_true_false_feedback_first_for_the_wrong_answer_then_the_right():
    q = one("太陽は東から昇る。{TRUE#東から昇ります。#その通り。####地球は西から東へ自転する。}")
    assert q.choices == (
        BankChoice(TRUE_TEXT, True, "その通り。"),
        BankChoice(FALSE_TEXT, False, "東から昇ります。"),
    )
    assert q.explanation == "地球は西から東へ自転する。"


def test_short_answer():
    q = one("Who's buried in Grant's tomb?{=no one =nobody}")
    assert q.kind == "text"
    assert q.accepted_answers == ("no one", "nobody")


def test_missing_word_puts_a_blank_where_the_braces_were():
    q = one("Two plus two equals {=four =4}.")
    assert q.kind == "text"
    assert q.prompt == f"Two plus two equals {BLANK}."
    q = one("Moodle costs {~lots of money =nothing ~a small amount} to download from moodle.org.")
    assert q.kind == "single"
    assert q.prompt == f"Moodle costs {BLANK} to download from moodle.org."


def test_numeric_with_tolerance():
    q = one("When was Ulysses S. Grant born?{#1822:5}")
    assert (q.kind, q.numeric_answer, q.tolerance) == ("numeric", Decimal(1822), Decimal(5))
    q = one("What is the value of pi (to 3 decimal places)? {#3.14159:0.0005}.")
    assert (q.numeric_answer, q.tolerance) == (Decimal("3.14159"), Decimal("0.0005"))
    assert q.prompt == f"What is the value of pi (to 3 decimal places)? {BLANK}."


def test_numeric_range_and_bare_value():
    q = one("What is a number from 1 to 5? {#1..5}")
    assert (q.numeric_answer, q.tolerance) == (Decimal(3), Decimal(2))
    q = one("日本の都道府県の数は？{#47}")
    assert (q.numeric_answer, q.tolerance) == (Decimal(47), Decimal(0))


def test_numeric_several_answers_keeps_the_full_credit_one():
    q = one("When was Ulysses S. Grant born? {#\n=1822:0 # Correct!\n=%50%1822:2 # Close.\n}")
    assert (q.numeric_answer, q.tolerance) == (Decimal(1822), Decimal(0))
    assert q.explanation == "Correct!"


def test_numeric_several_full_credit_answers_is_unsupported():
    bank = parse_gift("Which number? {#=42:0 =43:1}")
    assert bank.questions == ()
    assert bank.problems[0].unsupported


def test_multiple_right_answers_by_weight():
    q = one(
        "What two people are entombed in Grant's tomb? {\n"
        "~%-100%No one\n~%50%Grant\n~%50%Grant's wife\n~%-100%Grant's father\n}"
    )
    assert q.kind == "multiple"
    assert texts(q) == [
        ("No one", False),
        ("Grant", True),
        ("Grant's wife", True),
        ("Grant's father", False),
    ]


def test_general_and_answer_feedback():
    q = one(
        "How many days are there in a week? {=7#Right ~6#No, seven ####There are 7 days in a week.}"
    )
    assert q.explanation == "There are 7 days in a week."
    assert q.choices[0].feedback == "Right"
    assert q.choices[1].feedback == "No, seven"
    q = one("Two plus two? {=4#Yes, four.}")
    assert q.explanation == "Yes, four."


def test_format_markers_are_stripped():
    assert one("[html]Is <b>this</b> bold?{T}").prompt == "Is <b>this</b> bold?"
    assert one("::T::[markdown]Is *this* bold?{T}").prompt == "Is *this* bold?"
    assert one("[moodle]Plain?{T}").prompt == "Plain?"


def test_escapes():
    q = one(r"Which is \{ \} \~ \= \# \: ?{=a\=b \# c ~x\~y\nz}")
    assert q.prompt == "Which is { } ~ = # : ?"
    assert texts(q) == [("a=b # c", True), ("x~y\nz", False)]


def test_japanese():
    q = one("::首都::日本の首都はどこですか？{=東京 ~大阪 ~京都}")
    assert (q.title, q.kind, texts(q)[0]) == ("首都", "single", ("東京", True))
    q = one("日本の首都は{=東京 =Tokyo =とうきょう}です。")
    assert q.accepted_answers == ("東京", "Tokyo", "とうきょう")
    assert q.prompt == f"日本の首都は{BLANK}です。"
    q = one("富士山の標高は何メートルですか？{#3776:1}")
    assert q.numeric_answer == Decimal(3776)


def test_comments_categories_bom_and_crlf():
    text = (
        "\ufeff// a comment line\r\n$CATEGORY: $course$/top/地理\r\n\r\n"
        "// question: 1 name: 首都\r\n::首都::日本の首都は？{=東京 ~大阪}\r\n\r\n"
        "$CATEGORY: 歴史/近代\r\n\r\n"
        "徳川慶喜は最後の将軍である。{T}\r\n"
    )
    bank = parse_gift(text)
    assert bank.problems == ()
    assert [(q.category, q.line) for q in bank.questions] == [("地理", 5), ("歴史/近代", 9)]
    assert bank.questions[0].title == "首都"


def test_points_and_unit_comments():
    q = one("// points: 3\n// unit: m\n富士山の標高は？{#3776:1}")
    assert (q.points, q.unit) == (3, "m")


def test_unsupported_kinds_are_reported_and_skipped():
    bank = parse_gift(
        "Which is right?{=a ~b}\n\n"
        "Match the following countries with their corresponding capitals. {\n"
        "=Canada -> Ottawa\n=Italy -> Rome\n=Japan -> Tokyo\n}\n\n"
        "Write a short biography of Dag Hammarskjöld. {}\n\n"
        "You can use your pencil and paper for these next math questions.\n\n"
        "The {=cat} sat on the {=mat}.\n\n"
        "Which is right?{=c ~d}\n"
    )
    assert [q.choices[0].text for q in bank.questions] == ["a", "c"]
    assert [(p.line, p.unsupported) for p in bank.problems] == [
        (3, True),
        (9, True),
        (11, True),
        (13, True),
    ]
    assert bank.errors == ()


def test_unclosed_brace_reports_its_line_and_column_once():
    lines = ["Q1?{=a ~b}", "", "Q2?{T}", "", "// comment", "Q3 spans", "two lines {=a ~b", "~c"]
    bank = parse_gift("\n".join(lines))
    assert len(bank.questions) == 2
    (problem,) = bank.errors
    assert (problem.line, problem.column) == (7, 11)
    assert str(problem) == "line 7, column 11: the answer brace { is not closed with }"
    with translation.override("ja"):
        assert str(problem) == "7行目・11文字目: 答えの { が } で閉じられていません"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("Q?{~a ~b}", "needs one right answer"),
        ("Q?{=a =b ~c}", "exactly one right answer"),
        ("Q?{#42:abc}", 'tolerance "abc" is not a number'),
        ("Q?{#abc}", "not a number"),
        ("Q?{#5..1}", "backwards"),
        ("Q?{#42:-1}", "negative"),
        ("Q?{a ~b}", "must start with = or ~"),
        ("::Title Q?{T}", "title"),
        ("Q? a}", "no matching {"),
    ],
)
def test_errors_are_specific(text, needle):
    bank = parse_gift("\n\n" + text)
    assert bank.questions == ()
    assert len(bank.errors) == 1
    assert bank.errors[0].line == 3
    assert needle in bank.errors[0].text
    assert str(bank.errors[0]).startswith("line 3")


# --- round trips -----------------------------------------------------------------------------

NASTY = "「~=#{}:」\\n と\\ 改行\nあり -> %50% [html] // $CATEGORY: x"

BANK = [
    BankQuestion(
        "single",
        "日本の首都は？ " + NASTY,
        title="首都 :: {1}",
        category="地理/日本",
        explanation="東京です。#### " + NASTY,
        points=2,
        choices=(
            BankChoice("東京 = Tokyo", True, "正解 ~ です"),
            BankChoice("%大阪", False, "#違います"),
            BankChoice("[京都]", False),
        ),
    ),
    BankQuestion(
        "multiple",
        "// 正しいものを全て選べ {}",
        category="地理/日本",
        choices=(
            BankChoice("a\\", True),
            BankChoice("b | c", True, "fb: {x}"),
            BankChoice("=SUM(A1)", False),
        ),
    ),
    BankQuestion(
        "multiple",
        "3 of 3 right",
        choices=(BankChoice("x", True), BankChoice("y", True), BankChoice("z", True)),
    ),
    BankQuestion(
        "true_false",
        "太陽は東から昇る。",
        title="T",
        explanation="自転の向き",
        choices=(BankChoice(TRUE_TEXT, True, "はい"), BankChoice(FALSE_TEXT, False)),
    ),
    BankQuestion(
        "true_false",
        "月は四角い。",
        choices=(BankChoice(TRUE_TEXT, False, "違う"), BankChoice(FALSE_TEXT, True)),
    ),
    BankQuestion(
        "numeric",
        "富士山の標高は？ " + NASTY,
        numeric_answer=Decimal("3776.5"),
        tolerance=Decimal("0.5"),
        unit="m",
        explanation="三七七六",
        points=5,
    ),
    BankQuestion("numeric", "負の数", numeric_answer=Decimal("-1E+3")),
    BankQuestion(
        "text",
        "日本の首都は" + BLANK + "です。",
        category="",
        accepted_answers=("東京", "Tokyo", "a->b", "x|y", "#1", "'quoted", "+81"),
        explanation=NASTY,
    ),
]


def test_gift_round_trip():
    text = to_gift(BANK)
    bank = parse_gift(text)
    assert bank.problems == ()
    assert without_line(bank.questions) == BANK


def test_csv_round_trip_keeps_everything_but_choice_feedback():
    bank = parse_csv(to_csv(BANK))
    assert bank.problems == ()
    expected = [
        dataclasses.replace(q, choices=tuple(BankChoice(c.text, c.correct) for c in q.choices))
        for q in BANK
    ]
    assert without_line(bank.questions) == expected


def test_round_trips_through_the_upload_path_with_bom_and_crlf():
    gift = ("\ufeff" + to_gift(BANK).replace("\n", "\r\n")).encode()
    assert without_line(parse_gift(decode_upload(gift)).questions) == BANK
    csv_bytes = ("\ufeff" + to_csv(BANK)).encode()
    assert len(parse_csv(decode_upload(csv_bytes)).questions) == len(BANK)


# Any text an author can type, stripped (the codec trims edges), with every special character.
TEXT = (
    st.text(alphabet=st.sampled_from(list("a 東~=#{}:\\|%[/->'+@\nT$,\"")), max_size=12)
    .map(str.strip)
    .filter(bool)
)
MAYBE = st.one_of(st.just(""), TEXT)


@st.composite
def bank_questions(draw) -> BankQuestion:
    kind = draw(st.sampled_from(["single", "multiple", "true_false", "numeric", "text"]))
    common = {
        "prompt": draw(TEXT),
        "title": draw(MAYBE),
        "explanation": draw(MAYBE),
        "points": draw(st.integers(1, 5)),
        "category": draw(st.sampled_from(["", "章1", "章1/節2"])),
    }
    if kind in ("single", "multiple", "true_false"):
        n = 2 if kind == "true_false" else draw(st.integers(2, 4))
        right = {draw(st.integers(0, n - 1))}
        if kind == "multiple":
            right |= set(draw(st.lists(st.integers(0, n - 1))))
        names = (
            [TRUE_TEXT, FALSE_TEXT]
            if kind == "true_false"
            else draw(st.lists(TEXT, min_size=n, max_size=n))
        )
        choices = tuple(BankChoice(t, i in right, draw(MAYBE)) for i, t in enumerate(names))
        return BankQuestion(kind, choices=choices, **common)
    if kind == "numeric":
        value = draw(st.decimals(allow_nan=False, allow_infinity=False, places=3))
        tolerance = draw(st.decimals(min_value=0, max_value=100, places=2))
        unit = draw(st.sampled_from(["", "km", "円"]))
        return BankQuestion(kind, numeric_answer=value, tolerance=tolerance, unit=unit, **common)
    answers = tuple(draw(st.lists(TEXT, min_size=1, max_size=3)))
    return BankQuestion(kind, accepted_answers=answers, **common)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(bank_questions(), min_size=1, max_size=4))
def test_any_bank_round_trips(questions):
    gift = parse_gift(to_gift(questions))
    assert gift.problems == ()
    assert without_line(gift.questions) == questions
    plain = [
        dataclasses.replace(q, choices=tuple(BankChoice(c.text, c.correct) for c in q.choices))
        for q in questions
    ]
    table = parse_csv(to_csv(questions))
    assert table.problems == ()
    assert without_line(table.questions) == plain


def test_gift_lines_point_at_each_question():
    text = to_gift(BANK)
    for q in parse_gift(text).questions:
        line = text.split("\n")[q.line - 1]
        assert "{" in line


def test_csv_formula_cells_are_neutralized():
    q = BankQuestion("text", '=HYPERLINK("x")', title="'=1", accepted_answers=("+81", "@a"))
    text = to_csv([q])
    assert "'=HYPERLINK" in text
    assert "''=1" in text
    assert "'+81" in text
    assert without_line(parse_csv(text).questions) == [q]


# --- CSV -------------------------------------------------------------------------------------

HEADER = ",".join(CSV_HEADER)


def test_csv_reads_every_kind_with_bom_crlf_and_quoted_newlines():
    text = (
        "\ufeff" + HEADER + "\r\n"
        'single,首都,"日本の首都は\r\nどこ？",東京 | 大阪 | 京都,1,,,,,東京です,2,地理\r\n'
        "multiple,,素数は？,2 | 4 | 5,1 | 3,,,,,,,\r\n"
        "true_false,,地球は丸い。,,1,,,,,,,\r\n"
        "true_false,,Is it?,True | False,2,,,,,,,\r\n"
        "numeric,,富士山の標高は？,,,3776,１,m,,,,\r\n"
        "text,,首都は？,,,,,,東京 | Tokyo | a\\|b,,,\r\n"
    )
    bank = parse_csv(text)
    assert bank.problems == ()
    single, multiple, tf, tf2, numeric, short = bank.questions
    assert single.prompt == "日本の首都は\nどこ？"
    assert (single.title, single.points, single.category, single.line) == ("首都", 2, "地理", 2)
    assert texts(single) == [("東京", True), ("大阪", False), ("京都", False)]
    assert texts(multiple) == [("2", True), ("4", False), ("5", True)]
    assert multiple.line == 4
    assert texts(tf) == [(TRUE_TEXT, True), (FALSE_TEXT, False)]
    assert texts(tf2) == [("True", False), ("False", True)]
    assert (numeric.numeric_answer, numeric.tolerance, numeric.unit) == (3776, 1, "m")
    assert short.accepted_answers == ("東京", "Tokyo", "a|b")


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("essay,,Q,,,,,,,,,", "kind"),
        ("single,,,a | b,1,,,,,,,", "prompt"),
        ("single,,Q,a | b,3,,,,,,,", "correct"),
        ("single,,Q,a | b,1 | 2,,,,,,,", "correct"),
        ("single,,Q,a,1,,,,,,,", "choices"),
        ("numeric,,Q,,,abc,,,,,,", "numeric_answer"),
        ("numeric,,Q,,,42,x,,,,,", "tolerance"),
        ("numeric,,Q,,,42,-1,,,,,", "tolerance"),
        ("text,,Q,,,,,,,,,", "accepted_answers"),
        ("text,,Q,,,,,,a,,0,", "points"),
    ],
)
def test_csv_errors_name_line_and_column(row, column):
    text = HEADER + '\nsingle,,"two\nlines",a | b,1,,,,,,,\n' + row + "\n"
    bank = parse_csv(text)
    assert len(bank.questions) == 1
    (problem,) = bank.errors
    number = CSV_HEADER.index(column) + 1
    assert (problem.line, problem.column, problem.column_name) == (4, number, column)
    assert str(problem) == f"line 4, column {number} ({column}): {problem.text}"
    with translation.override("ja"):
        assert str(problem).startswith(f"4行目・{number}列目「{column}」: ")


def test_csv_bad_header_and_column_count():
    bank = parse_csv("kind,prompt\nsingle,Q\n")
    assert bank.questions == ()
    assert str(bank.errors[0]) == f"line 1: the header must be exactly: {HEADER}"
    bank = parse_csv(HEADER + "\nsingle,Q\n")
    assert str(bank.errors[0]) == "line 2: expected 12 columns, found 2"
    with translation.override("ja"):
        assert str(bank.errors[0]) == "2行目: 列が2個あります（12個にしてください）"


def test_csv_broken_quoting():
    bank = parse_csv(HEADER + '\nsingle,,"unclosed,a | b,1,,,,,,,\n')
    assert bank.errors and bank.errors[0].line == 2
    assert str(bank.errors[0]).startswith('line 2: the quotes (") in this row do not pair up')


# --- problems in Japanese --------------------------------------------------------------------

# One question per mistake the GIFT reader names, errors and unsupported kinds alike.
BROKEN_GIFT = [
    "::Title Q?{T}",
    "Q? a}",
    "A description with no answer.",
    "Q?{=a ~b",
    "The {=cat} sat on the {=mat}.",
    "{T}",
    "// points: 0\nQ?{T}",
    "Q?{}",
    "Q?{a ~b}",
    "Q?{=a -> b}",
    "Q?{= ~b}",
    "Q?{=%50%a =%50%b}",
    "Q?{=a =b ~c}",
    "Q?{=a ~%50%b}",
    "Q?{~a ~b}",
    "Q?{#}",
    "Q?{#=%50%1 =%50%2}",
    "Q?{#=1 =2}",
    "Q?{#a..b}",
    "Q?{#5..1}",
    "Q?{#abc}",
    "Q?{#1:x}",
    "Q?{#1:-1}",
]
# One row per mistake the CSV reader names; the broken quoting stops the reading, so it is last.
BROKEN_CSV = [
    "essay,,Q,,,,,,,,,",
    "single,,,a | b,1,,,,,,,",
    "single,,Q,a | b,1,,,,,,0,",
    "single,,Q,a |  | b,1,,,,,,,",
    "true_false,,Q,a | b | c,1,,,,,,,",
    "single,,Q,a,1,,,,,,,",
    "single,,Q,a | b,3,,,,,,,",
    "single,,Q,a | b,,,,,,,,",
    "single,,Q,a | b,1 | 2,,,,,,,",
    "true_false,,Q,,1 | 2,,,,,,,",
    "numeric,,Q,,,abc,,,,,,",
    "numeric,,Q,,,1,x,,,,,",
    "numeric,,Q,,,1,-1,,,,,",
    "text,,Q,,,,,,,,,",
    "single,Q",
    'single,,"unclosed',
]


def english_words(text: str) -> list[str]:
    """Words of three ASCII letters or more outside 「」, where file content and CSV column
    names are quoted; GIFT's own syntax (`{`, `=`, `~`, `T`, `#`) has no such word."""
    return re.findall(r"[A-Za-z]{3,}", re.sub(r"「[^」]*」", "", text))


def every_problem():
    gift = parse_gift("\n\n".join(BROKEN_GIFT))
    assert len(gift.problems) == len(BROKEN_GIFT), [p.text for p in gift.problems]
    table = parse_csv("\n".join([HEADER, *BROKEN_CSV]))
    assert len(table.problems) == len(BROKEN_CSV), [p.text for p in table.problems]
    others = (
        parse_csv("kind,prompt\n").problems + parse_csv("\n").problems  # no header row at all
    )
    return [*gift.problems, *table.problems, *others]


def test_every_problem_reads_in_japanese_with_its_line_once():
    with translation.override("ja"):
        for problem in every_problem():
            text = str(problem)
            place = (
                rf"{problem.line}行目(・{problem.column}(文字目|列目「{problem.column_name}」))?"
            )
            assert re.match(place + ": ", text), text
            assert text.count("行目") == 1, text
            assert english_words(text) == [], text


def test_every_problem_reads_in_english_with_its_line_once():
    for problem in every_problem():
        text = str(problem)
        assert text.startswith(f"line {problem.line}"), text
        assert text.count("line") == 1, text
        assert english_words(text)  # so the Japanese test above can fail


def test_a_question_that_cannot_be_written_says_which_in_japanese():
    broken = BankQuestion("single", "日本の首都は？", choices=(BankChoice("東京", True),) * 2)
    with pytest.raises(BankError) as raised:
        to_gift([broken])
    assert str(raised.value) == 'a single-choice question needs one right choice: "日本の首都は？"'
    with translation.override("ja"):
        assert str(raised.value) == "単一選択の問題には正解が1つ必要です: 「日本の首都は？」"


# --- uploads ---------------------------------------------------------------------------------


def test_decode_upload():
    assert decode_upload("日本\r\n".encode()) == "日本\r\n"
    assert decode_upload("\ufeff日本".encode()) == "日本"
    with pytest.raises(ValueError, match="not UTF-8"):
        decode_upload("日本".encode("shift_jis"))
    with pytest.raises(ValueError, match="NUL"):
        decode_upload(b"abc\x00def")
    with pytest.raises(ValueError, match="UTF-16"):
        decode_upload("abc".encode("utf-16"))
    with pytest.raises(ValueError, match="empty"):
        decode_upload(b"")
    with pytest.raises(ValueError, match="empty"):
        decode_upload("\ufeff \r\n".encode())
    with translation.override("ja"), pytest.raises(BankError, match="^ファイルが空です。$"):
        decode_upload(b"")
    with translation.override("ja"), pytest.raises(BankError, match="UTF-8 ではありません"):
        decode_upload("日本".encode("shift_jis"))
