"""Small general lexicons: where distractors come from when the article names too few things of
the answer's kind. Only sets a teacher would accept side by side: prefectures among prefectures,
countries among countries, ministries among ministries. Never words taken from one article."""

from __future__ import annotations

import re
from datetime import date

PREFECTURES = [
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
]

COUNTRIES = [
    "日本",
    "米国",
    "中国",
    "韓国",
    "北朝鮮",
    "台湾",
    "ロシア",
    "英国",
    "フランス",
    "ドイツ",
    "イタリア",
    "スペイン",
    "カナダ",
    "オーストラリア",
    "インド",
    "インドネシア",
    "ベトナム",
    "タイ",
    "フィリピン",
    "マレーシア",
    "シンガポール",
    "ブラジル",
    "メキシコ",
    "アルゼンチン",
    "トルコ",
    "イラン",
    "イスラエル",
    "サウジアラビア",
    "エジプト",
    "南アフリカ",
    "ケニア",
    "ナイジェリア",
    "ウクライナ",
    "ポーランド",
    "オランダ",
    "スイス",
    "スウェーデン",
    "ノルウェー",
    "ニュージーランド",
    "カンボジア",
    "ラオス",
    "ミャンマー",
    "モンゴル",
    "パキスタン",
    "バングラデシュ",
]

# The countries as one alternation for a pattern, the longest first (南アフリカ before 南).
COUNTRY_NAMES = "|".join(sorted(map(re.escape, COUNTRIES), key=len, reverse=True))

# More countries, to tell a country from a person (ハンガリー首相 is Hungary's prime minister);
# never offered as options (COUNTRIES is what options come from).
MORE_COUNTRIES = frozenset(
    [
        "アメリカ", "イギリス", "アイルランド", "アイスランド", "ハンガリー", "ギリシャ",
        "ヨルダン", "オーストリア", "ベルギー", "デンマーク", "フィンランド", "ポルトガル",
        "チェコ", "スロバキア", "スロベニア", "クロアチア", "セルビア", "ルーマニア",
        "ブルガリア", "アルバニア", "ベラルーシ", "モルドバ", "ジョージア", "アルメニア",
        "アゼルバイジャン", "カザフスタン", "ウズベキスタン", "キルギス", "タジキスタン",
        "トルクメニスタン", "アフガニスタン", "イラク", "シリア", "レバノン", "クウェート",
        "カタール", "バーレーン", "オマーン", "イエメン", "アラブ首長国連邦", "リビア",
        "チュニジア", "アルジェリア", "モロッコ", "スーダン", "エチオピア", "ソマリア",
        "ウガンダ", "タンザニア", "ルワンダ", "コンゴ", "ガーナ", "セネガル", "カメルーン",
        "アンゴラ", "ジンバブエ", "ザンビア", "モザンビーク", "マダガスカル", "ボツワナ",
        "ナミビア", "チリ", "ペルー", "コロンビア", "ベネズエラ", "エクアドル", "ボリビア",
        "パラグアイ", "ウルグアイ", "キューバ", "ハイチ", "パナマ", "コスタリカ", "グアテマラ",
        "ホンジュラス", "ニカラグア", "エルサルバドル", "ジャマイカ", "ネパール", "ブータン",
        "スリランカ", "モルディブ", "ブルネイ", "東ティモール", "パプアニューギニア", "フィジー",
        "トンガ", "サモア", "ツバル", "キリバス", "バチカン", "モナコ", "ルクセンブルク",
        "リトアニア", "ラトビア", "エストニア", "マルタ", "キプロス",
    ]
)


def is_country(name: str) -> bool:
    return name in COUNTRIES or name in MORE_COUNTRIES


# The regions of Japan as forecasts and surveys name them, north to south.
REGIONS = [
    "北日本",
    "北海道",
    "東北",
    "東日本",
    "関東甲信越",
    "関東甲信",
    "関東",
    "甲信越",
    "甲信",
    "北陸",
    "東海",
    "近畿",
    "関西",
    "西日本",
    "中国",
    "山陰",
    "山陽",
    "四国",
    "九州北部",
    "九州南部",
    "九州",
    "奄美",
    "沖縄",
]

MINISTRIES = [  # kin beside kin: a neighbour in the list is a plausible option
    "総務省",
    "内閣府",
    "法務省",
    "外務省",
    "防衛省",
    "財務省",
    "経済産業省",
    "国土交通省",
    "環境省",
    "農林水産省",
    "厚生労働省",
    "文部科学省",
    # agencies: of culture and leisure, of money and business, of safety, of land and sea, of
    # daily life
    "文化庁",
    "スポーツ庁",
    "観光庁",
    "金融庁",
    "国税庁",
    "中小企業庁",
    "特許庁",
    "警察庁",
    "消防庁",
    "気象庁",
    "海上保安庁",
    "林野庁",
    "水産庁",
    "消費者庁",
    "こども家庭庁",
    "デジタル庁",
    "復興庁",
]

# The bodies set up lately, with the day each began: never an option in a story older than it
# (こども家庭庁 in a 2015 story).
FOUNDED = {
    "デジタル庁": date(2021, 9, 1),
    "こども家庭庁": date(2023, 4, 1),
    "復興庁": date(2012, 2, 10),
    "消費者庁": date(2009, 9, 1),
    "観光庁": date(2008, 10, 1),
    "スポーツ庁": date(2015, 10, 1),
}


def existed(name: str, published: date | None) -> bool:
    """Whether the body named existed on the day the story was published (or no day is known)."""
    founded = FOUNDED.get(name)
    return published is None or founded is None or published >= founded


# What a suspect is arrested for or a defendant charged with (殺人未遂の疑い, 詐欺の罪): the
# offences of the Penal Code and the laws most often named in the news, kin beside kin, so
# that neighbours are plausible (殺人未遂 among 殺人 and 傷害), yet clearly wrong by the story.
CHARGES = [
    "死体損壊",
    "死体遺棄",
    "殺人",
    "殺人未遂",
    "傷害致死",
    "傷害",
    "暴行",
    "脅迫",
    "恐喝",
    "強盗致傷",
    "強盗",
    "窃盗",
    "窃盗未遂",
    "住居侵入",
    "建造物侵入",
    "器物損壊",
    "放火",
    "公務執行妨害",
    "業務妨害",
    "威力業務妨害",
    "逮捕監禁",
    "未成年者誘拐",
    "保護責任者遺棄",
    "業務上過失致死",
    "過失運転致死",
    "過失運転致傷",
    "危険運転致死",
    "危険運転致傷",
    "道路交通法違反",
    "銃刀法違反",
    "覚醒剤取締法違反",
    "大麻取締法違反",
    "不正アクセス禁止法違反",
    "組織犯罪処罰法違反",
]

# Money taken by deceit, trust or bribes: among its own kind (never 放火 beside 詐欺).
FRAUD_CHARGES = [
    "電子計算機使用詐欺",
    "詐欺未遂",
    "詐欺",
    "業務上横領",
    "横領",
    "背任",
    "出資法違反",
    "金融商品取引法違反",
    "有印私文書偽造",
    "贈賄",
    "収賄",
]

_SETS = {
    "place": (PREFECTURES, COUNTRIES),
    "organisation": (MINISTRIES,),
    "other": (CHARGES, FRAUD_CHARGES),
}


def _bare(name: str) -> str:
    """鹿児島県 -> 鹿児島: how the article may write a prefecture."""
    return name[:-1] if name[-1:] in "県府都" and len(name) > 2 else name


# The regions a forecast's figures are given for: a region's options (never 山陰 for 中国).
_FORECAST_REGIONS = [
    "北海道", "東北", "関東甲信", "北陸", "東海", "近畿", "中国", "四国", "九州北部", "九州南部",
    "奄美", "沖縄",
]  # fmt: skip


def peers(answer: str, kind: str, region: bool = False) -> list[str]:
    """The other members of the set the answer belongs to, written the way the answer is
    (鹿児島 among 宮崎 and 熊本, 鹿児島県 among 宮崎県 and 熊本県), or [] when it is in none.
    A region (中国 among 四国 and 近畿) is among regions."""
    for names in (_FORECAST_REGIONS,) if region else _SETS.get(kind, ()):
        for written in (names, [_bare(n) for n in names] if names is PREFECTURES else None):
            if written and answer in written:
                # Neighbours in the list are neighbours on the map: plausible, yet clearly wrong.
                at = written.index(answer)
                others = sorted(range(len(written)), key=lambda i: (abs(i - at), i))
                return [written[i] for i in others if i != at]
    return []
