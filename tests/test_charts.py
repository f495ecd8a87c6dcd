"""Score chart: well-formed SVG, accessible name and description, escaped text, no scripts."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest

from quizzes.charts import Point, score_chart_svg

SVG = "{http://www.w3.org/2000/svg}"
START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def points(*percents: float, label: str = "クイズ") -> list[Point]:
    return [Point(START + timedelta(days=n), p, f"{label} {n}") for n, p in enumerate(percents)]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on anything not well-formed


def test_accessible_name_and_description():
    root = parse(score_chart_svg(points(40, 80), title="成績の推移", description="2回の受験"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-title chart-desc"
    assert root.find(f"{SVG}title").get("id") == "chart-title"
    assert root.find(f"{SVG}title").text == "成績の推移"
    assert root.find(f"{SVG}desc").get("id") == "chart-desc"
    assert root.find(f"{SVG}desc").text == "2回の受験"


def test_id_prefix_keeps_two_charts_apart():
    root = parse(score_chart_svg([], title="t", description="d", id_prefix="quiz-7"))
    assert root.get("aria-labelledby") == "quiz-7-title quiz-7-desc"
    assert root.find(f"{SVG}title").get("id") == "quiz-7-title"
    with pytest.raises(ValueError):
        score_chart_svg([], title="t", description="d", id_prefix='a" onload="x')


def test_scales_to_the_page_width():
    root = parse(score_chart_svg(points(50), title="t", description="d", width=500, height=200))
    assert root.get("viewBox") == "0 0 500 200"
    assert root.get("width") == "100%"
    assert root.get("height") is None


def test_one_circle_per_point_with_its_tooltip():
    root = parse(score_chart_svg(points(40, 62.5, 100), title="t", description="d"))
    circles = root.findall(f".//{SVG}circle")
    assert len(circles) == 3
    tips = [c.find(f"{SVG}title").text for c in circles]
    assert tips == ["クイズ 0: 40%", "クイズ 1: 63%", "クイズ 2: 100%"]
    assert len(root.findall(f".//{SVG}polyline")) == 1


def test_points_in_time_order_evenly_spaced():
    later, earlier = START + timedelta(days=30), START
    same_day = [START + timedelta(minutes=m) for m in (1, 2)]
    given = [
        Point(later, 90, "last"),
        Point(same_day[1], 50, "third"),
        Point(earlier, 10, "first"),
        Point(same_day[0], 30, "second"),
    ]
    root = parse(score_chart_svg(given, title="t", description="d"))
    circles = root.findall(f".//{SVG}circle")
    assert [c.find(f"{SVG}title").text.split(":")[0] for c in circles] == [
        "first",
        "second",
        "third",
        "last",
    ]
    xs = [float(c.get("cx")) for c in circles]
    gaps = [b - a for a, b in zip(xs, xs[1:], strict=False)]
    assert all(g > 0 for g in gaps)
    assert max(gaps) - min(gaps) < 0.2  # by rank, not by time: a month and a minute look alike
    ys = [float(c.get("cy")) for c in circles]
    assert ys == sorted(ys, reverse=True)  # higher score, higher on screen


def test_y_axis_labelled_at_0_50_100():
    root = parse(score_chart_svg(points(50), title="t", description="d"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"0%", "50%", "100%"} <= set(texts)
    assert len(root.findall(f".//{SVG}line")) == 3


def test_scores_outside_0_100_stay_in_the_frame():
    root = parse(score_chart_svg(points(-10, 120), title="t", description="d", height=240))
    ys = [float(c.get("cy")) for c in root.iter(f"{SVG}circle")]
    assert all(0 <= y <= 240 for y in ys)
    with pytest.raises(ValueError):
        score_chart_svg(points(float("nan")), title="t", description="d")


def test_all_text_is_escaped():
    nasty = '<script>alert(1)</script> & "x"'
    svg = score_chart_svg(points(50, label=nasty), title=nasty, description=nasty + "\x00")
    assert "<script" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == nasty
    assert root.find(f"{SVG}desc").text == nasty  # a NUL would make the XML ill-formed
    assert root.find(f".//{SVG}circle/{SVG}title").text == nasty + " 0: 50%"
    assert not list(root.iter(f"{SVG}script"))


def test_no_scripts_handlers_or_external_resources():
    svg = score_chart_svg(points(10, 20, 30), title="t", description="d")
    for element in parse(svg).iter():
        assert element.tag.split("}")[1] not in {"script", "image", "use", "a", "foreignObject"}
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on")
            assert "href" not in name
            assert "url(" not in value
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_japanese_text_survives():
    svg = score_chart_svg(
        points(70, label="国連の調査"), title="山田 花子さんの成績", description="１回、70％"
    )
    root = parse(svg)
    assert root.find(f"{SVG}title").text == "山田 花子さんの成績"
    assert root.find(f"{SVG}desc").text == "１回、70％"
    assert root.find(f".//{SVG}circle/{SVG}title").text == "国連の調査 0: 70%"


def test_empty_history_shows_a_dash():
    root = parse(score_chart_svg([], title="成績", description="まだ受験していません"))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "成績"
    assert [t.text for t in root.iter(f"{SVG}text")] == ["—"]
    assert not list(root.iter(f"{SVG}polyline"))
    assert not list(root.iter(f"{SVG}circle"))


def test_single_point_has_no_line():
    root = parse(score_chart_svg(points(75), title="t", description="d"))
    assert len(root.findall(f".//{SVG}circle")) == 1
    assert not list(root.iter(f"{SVG}polyline"))
