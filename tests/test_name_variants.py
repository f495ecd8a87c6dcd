"""Typed names: the natural variants a teacher allows per question (pure grading, no database)."""

from __future__ import annotations

import pytest

from quizzes.grading import AnswerKey, Kind, Outcome, Response, grade, name_variants


def key(*accepted: str, kind: str = "", variants: bool = True) -> AnswerKey:
    return AnswerKey(
        kind=Kind.TEXT, accepted_answers=accepted, name_variants=variants, name_kind=kind
    )


def verdict(answer_key: AnswerKey, text: str) -> Outcome:
    return grade(answer_key, Response(text=text)).outcome


@pytest.mark.parametrize(
    ("accepted", "kind", "typed"),
    [
        ("鹿児島県", "place", "鹿児島"),
        ("鹿児島", "place", "鹿児島県"),  # the student adds the mark the key leaves out
        ("東京都", "place", "東京"),
        ("京都府", "place", "京都"),
        ("横浜市", "place", "横浜"),
        ("東洋精機株式会社", "organisation", "東洋精機"),
        ("東洋精機", "organisation", "（株）東洋精機"),
        ("国際連合", "organisation", "国連"),
        ("NHK", "organisation", "日本放送協会"),
        ("岸田文雄首相", "person", "岸田"),
        ("岸田文雄", "person", "岸田さん"),
        ("岸田文雄", "person", "岸田首相"),
        ("岸田文雄", "person", "岸田文雄氏"),
        ("山田 花子", "person", "山田"),
        ("ジョセフ・キプロノ", "person", "キプロノ"),
        ("Fumio Kishida", "person", "kishida"),
        ("東倉里(トンチャンリ)", "place", "東倉里"),
        ("鹿児島県", "", "鹿児島"),  # no fact: places' and organisations' rules still hold
        ("JR高山線", "place", "高山線"),
        ("長谷川誠", "person", "長谷川"),
        ("大垣翔", "person", "大垣"),  # three kanji: most often two and one
        ("大垣翔選手", "person", "大垣"),
        ("宇佐見健太", "person", "宇佐見"),  # five: three and two, or two and three
        ("宇佐見健太", "person", "宇佐見さん"),
        ("東北大学", "organisation", "東北大"),
        ("公立大", "organisation", "公立大学"),  # and back
        ("総務省消防庁", "organisation", "消防庁"),  # an agency without its ministry
        ("理化学研究所", "organisation", "理研"),
        ("EU", "organisation", "欧州連合"),
        ("EU", "organisation", "ヨーロッパ連合"),
        ("米エネルギー省", "organisation", "エネルギー省"),
        ("大阪府東大阪市", "place", "東大阪市"),
        ("飛騨地方", "place", "飛騨"),
        ("北陵大学大学院", "organisation", "北陵大学"),
        ("長岡署", "organisation", "長岡警察署"),  # a body's long and short forms
        ("長岡警察署", "organisation", "長岡署"),
        ("東京地方裁判所", "organisation", "東京地裁"),
        ("札幌高裁", "organisation", "札幌高等裁判所"),
        ("新潟県警", "organisation", "新潟県警察本部"),
        ("県教育委員会", "organisation", "県教委"),
        ("国連安全保障理事会", "organisation", "安保理"),  # the well-known short forms
        ("陸上自衛隊", "organisation", "陸自"),
        ("日本共産党", "organisation", "共産党"),
        ("室戸海上保安部", "organisation", "室戸海保"),
        ("アオバ・テクノロジーズ", "organisation", "アオバテクノロジーズ"),  # without its dot
        ("磯﨑憲一", "person", "磯﨑"),  # 﨑 is U+FA11, outside the main block of kanji
        ("磯﨑", "person", "磯﨑憲一"),
        ("石浜中学校", "organisation", "石浜中"),  # schools and companies by their short forms
        ("石浜中", "organisation", "石浜中学校"),
        ("緑ヶ丘高等学校", "organisation", "緑ヶ丘高校"),
        ("緑ヶ丘小", "organisation", "緑ヶ丘小学校"),
        ("大洋重工業", "organisation", "大洋重工"),
        ("鳴浜球場", "place", "鳴浜"),  # a venue by its place's name
        ("南之島宇宙センター", "place", "南之島"),
        ("北九州市小倉南区", "place", "小倉南区"),  # a ward without its city
        ("福岡県北九州市小倉南区", "place", "小倉南"),
        ("マルミ北浜店", "other", "マルミ北浜"),  # a chain's shop without 店
        ("マーカス・ベル", "other", "マーカスベル"),  # without the dot between its parts
        ("ウィングヒンジ", "other", "ウイングヒンジ"),  # a small vowel written large
        ("量子コンピューター", "other", "量子コンピュータ"),  # the last long vowel left out
        ("大阪府警", "organisation", "大阪府警察"),  # a prefecture's police in full
        # The article gives her family name only; she names the person in full.
        ("岸田", "person", "岸田文雄"),
        ("メローニ", "person", "ジョルジャ・メローニ"),
    ],
)
def test_a_natural_variant_of_the_name_is_correct(accepted, kind, typed):
    assert verdict(key(accepted, kind=kind), typed) == Outcome.CORRECT


@pytest.mark.parametrize(
    ("accepted", "kind", "typed"),
    [
        ("大阪府", "place", "大阪市"),  # another place, not a shorter name
        ("大阪市", "place", "大阪府"),
        ("北海道", "place", "北海"),
        ("京都", "place", "京"),
        ("港区", "place", "港"),
        ("中村", "person", "中"),
        ("中村", "person", "中村区"),
        ("国際連合", "organisation", "国"),
        ("岸田文雄", "", "岸田"),  # a family name alone only when the name is known a person's
        ("岸田文雄", "person", "文雄"),
        ("Lazarus Group", "", "Group"),
        ("東京大学", "organisation", "東京"),
        ("タイ政府", "organisation", "タイ政"),
        ("長谷川誠", "person", "長谷"),  # a three-kanji family name is never cut short
        ("長谷川", "person", "長谷"),
        ("大垣翔", "", "大垣"),  # a family name alone only when the name is known a person's
        ("大垣翔", "person", "翔"),
        ("東都大学", "organisation", "大学"),  # 東都 is no prefecture
        ("JR四国", "organisation", "四国"),  # a company, not a line
        ("中部電力", "organisation", "部電力"),
        ("総務省消防庁", "organisation", "総務省"),  # the ministry is another body
        ("秋田県立大学", "organisation", "立大学"),  # the prefecture's own university
        ("北税務署", "organisation", "北警察署"),  # no tax office is a police station
        ("部署", "organisation", "部警察署"),
        ("大阪市警", "organisation", "大阪市警察本部"),
        ("岸田", "person", "岸田市"),  # a place, never a given name
        ("岸田", "", "岸田文雄"),  # only when the key is known a person's
        ("岸田", "person", "岸田2"),
        ("球場", "place", ""),  # no venue is nameless
        ("北九州市小倉南区", "place", "北九州"),  # the city is not the ward
        ("日中", "organisation", "日中学校"),  # two letters are no school's name
        ("マルミ百貨店", "organisation", "マルミ百貨"),  # no shop of a chain: the word is whole
        ("コーラ", "other", "コラ"),  # only a long vowel that ends a word
        ("ソニー", "organisation", "ソニ"),  # and a word of four kana or more
        ("文在寅", "person", "文在"),  # a Korean name splits after its one-kanji family name
    ],
)
def test_another_name_or_a_fragment_is_not_a_variant(accepted, kind, typed):
    assert verdict(key(accepted, kind=kind), typed) == Outcome.INCORRECT


def test_without_the_teachers_leave_only_the_accepted_answers_count():
    assert verdict(key("鹿児島県", kind="place", variants=False), "鹿児島") == Outcome.INCORRECT
    assert verdict(key("鹿児島県", kind="place", variants=False), "鹿児島県") == Outcome.CORRECT


def test_variants_are_listed_name_first_and_never_shorter_than_two_characters():
    assert name_variants("岸田文雄首相", "person") == ["岸田文雄首相", "岸田文雄", "岸田"]
    assert name_variants("港区", "place") == ["港区"]
    assert name_variants("林健太", "person") == ["林健太", "林健"]  # never 林 alone
    # What a teacher is shown as a question's spellings: no split a name's shape leaves open.
    assert name_variants("篠原由美子", "person", open_splits=False) == ["篠原由美子"]
    assert name_variants("大垣翔", "person", open_splits=False) == ["大垣翔", "大垣"]
    assert name_variants("篠原由美子", "person") == ["篠原由美子", "篠原由", "篠原"]
    assert name_variants("国際連合") == ["国際連合", "国連"]
