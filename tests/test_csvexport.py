"""CSV export: a BOM for Excel, Japanese intact, quoting right, formulas defused, rows streamed."""

from __future__ import annotations

import csv
import io
import itertools
from decimal import Decimal

import pytest

from quizzes.csvexport import BOM, csv_lines, neutralize


def parse(lines) -> list[list[str]]:
    # As a spreadsheet would: bytes in UTF-8 with BOM, then the CSV grammar.
    data = "".join(lines).encode("utf-8")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_bom_comes_first_then_the_header():
    lines = list(csv_lines(["名前", "点数"], [["山田 花子", 8]]))
    assert lines[0] == BOM + "名前,点数\r\n"
    assert lines[1] == "山田 花子,8\r\n"
    assert sum(line.count(BOM) for line in lines) == 1


def test_japanese_round_trips():
    rows = [["山田 花子", "第１回：ニュース", Decimal("7.50")], ["ｶﾀｶﾅ　全角空白", "😀", 0]]
    assert parse(csv_lines(["氏名", "クイズ", "得点"], rows)) == [
        ["氏名", "クイズ", "得点"],
        ["山田 花子", "第１回：ニュース", "7.50"],
        ["ｶﾀｶﾅ　全角空白", "😀", "0"],
    ]


def test_commas_quotes_and_newlines_are_quoted():
    cells = ["a,b", 'say "hi"', "line1\nline2", "cr\r\nlf", "plain"]
    lines = list(csv_lines(["h"] * 5, [cells]))
    assert lines[1] == '"a,b","say ""hi""","line1\nline2","cr\r\nlf",plain\r\n'
    assert parse(lines)[1] == cells


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("a=b", "a=b"),  # only the first character matters
        ("山田", "山田"),
        ("", ""),
        (None, ""),
        (-3, "-3"),  # numbers are data, never formulas
        (-2.5, "-2.5"),
        (Decimal("-0.50"), "-0.50"),
        (7, "7"),
    ],
)
def test_neutralize(value, expected):
    assert neutralize(value) == expected


def test_formulas_are_neutralized_in_rows_and_header():
    lines = list(csv_lines(["=title"], [["=SUM(A1)"], [-3], ["-3"]]))
    assert parse(lines) == [["'=title"], ["'=SUM(A1)"], ["-3"], ["'-3"]]


def test_rows_are_pulled_lazily():
    produced = 0

    def rows():
        nonlocal produced
        for n in range(100_000):
            produced += 1
            yield [f"学生{n}", n]

    source = rows()
    lines = csv_lines(["名前", "点数"], source)
    assert produced == 0  # nothing happens before the first line is asked for
    first = list(itertools.islice(lines, 11))  # header + 10 rows
    assert first[-1] == "学生9,9\r\n"
    assert produced == 10
    assert next(source) == ["学生10", 10]  # the source is not exhausted


def test_every_line_is_one_complete_record():
    # A StreamingHttpResponse sends each yielded string as is: no line may hold half a record.
    lines = list(csv_lines(["a", "b"], [["x\ny", "z"], ["1", "2"]]))
    assert len(lines) == 3
    for line in lines[1:]:
        assert len(list(csv.reader(io.StringIO(line, newline="")))) == 1
