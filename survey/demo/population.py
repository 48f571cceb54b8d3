"""Population figures that shape the synthetic sample (where respondents live).

Source: Bureau of National Statistics of the Republic of Kazakhstan, bulletin "Численность
населения Республики Казахстан по полу и типу местности" (Series 18, Demographic statistics),
table 01, population on 1 January 2023 (total, urban). Region codes are those of the bundled
questionnaire. Only the demo generator uses these; the raking margins of ``analysis`` carry
their own copy with full source notes.
"""

from __future__ import annotations

#: region code -> (population, urban population), 1 January 2023.
REGION_POPULATION: dict[str, tuple[int, int]] = {
    "abai": (610189, 370727),
    "akmola": (787971, 441987),
    "aktobe": (928185, 692482),
    "almaty_region": (1505984, 243823),
    "atyrau": (693040, 382413),
    "east_kazakhstan": (730172, 483322),
    "jambyl": (1217955, 526776),
    "jetisu": (698675, 310542),
    "karaganda": (1134753, 922318),
    "kostanay": (832110, 515152),
    "kyzylorda": (833531, 391108),
    "mangystau": (766956, 346904),
    "north_kazakhstan": (534024, 258892),
    "pavlodar": (754903, 532870),
    "turkistan": (2119063, 519154),
    "ulytau": (221395, 175067),
    "west_kazakhstan": (688091, 386715),
    "astana": (1354435, 1354435),
    "almaty": (2161695, 2161695),
    "shymkent": (1191877, 1191877),
}

#: Share of men among adults (same bulletin: 9,646,722 men of 19,765,004).
MALE_SHARE = 9646722 / 19765004
