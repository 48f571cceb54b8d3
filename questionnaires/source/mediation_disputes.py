"""Survey rows of the bundled questionnaire, version 2026.3: the roster of the household's
disputes in the last five years. Text as ``T(kk, ru, en)``.

A yes/no gate, then how many disputes (1..10) and one instance per dispute (``repeat_count``):
interviewers find "how many were there?" followed by the same questions for each dispute
easier to run than an open list they must remember to close, and the count keeps the number
of instances in the respondent's own words. More than ten disputes are recorded as 10 (the ten
most recent). The roster comes after the barriers, before the closing section, so that no
question of 2026.2 is asked after anything new (its answers stay comparable).
"""

from __future__ import annotations

from questionnaires.source.mediation_survey import CONSENTED, SEVERAL
from questionnaires.source.xlsform_rows import (
    Row,
    T,
    begin_group,
    begin_repeat,
    end_group,
    end_repeat,
)

HAD_DISPUTE = "${household_dispute} = 'yes'"
#: The most disputes the roster asks about.
MAX_DISPUTES = 10
THIS_YEAR = "int(format-date(today(), '%Y'))"


def disputes_section() -> list[Row]:
    return [
        begin_group("household_disputes", T(
            "Үй ішіндегі даулар", "Споры в домохозяйстве", "Disputes in the household"),
            relevant=CONSENTED),
        Row("select_one yes_no_opinion", "household_dispute", T(
            "Соңғы бес жылда сізде немесе сізбен бірге тұратын отбасы мүшелеріңізде қандай да бір "
            "дау болды ма? Мысалы, отбасылық, еңбек, жер дауы, көршілермен немесе қарызға "
            "байланысты дау.",
            "Были ли у вас или у членов вашей семьи, живущих вместе с вами, за последние пять лет "
            "какие-либо споры — например, семейные, трудовые, земельные, с соседями или из-за "
            "долгов?",
            "In the last five years, have you or members of your household had any dispute, for "
            "example a family, work, land, neighbour or debt dispute?"),
            hint=T("Респондент өзі қатыспаған, бірақ бірге тұратын отбасы мүшелері қатысқан "
                   "дауларды да ескеріңіз.",
                   "Учитывайте и споры членов семьи, живущих вместе с респондентом, даже если "
                   "он сам в них не участвовал.",
                   "Include disputes of household members even if the respondent took no part "
                   "in them."),
            required=True),
        Row("integer", "dispute_count", T(
            "Соңғы бес жылда барлығы қанша жеке дау болды?",
            "Сколько всего отдельных споров было за последние пять лет?",
            "How many separate disputes were there in all in the last five years?"),
            hint=T("Әр дауды бір рет санаңыз. Он даудан көп болса, 10 деп жазыңыз: ең соңғы он "
                   "дау туралы сұраймыз.",
                   "Каждый спор считайте один раз. Если их больше десяти, запишите 10: вопросы "
                   "будут о десяти последних.",
                   "Count each dispute once. If there were more than ten, enter 10: the "
                   "questions cover the ten most recent."),
            relevant=HAD_DISPUTE, required=True,
            constraint=f". >= 1 and . <= {MAX_DISPUTES}",
            constraint_message=T("1-ден 10-ға дейінгі сан жазыңыз.",
                                 "Введите число от 1 до 10.", "Enter a number from 1 to 10.")),
        begin_repeat("disputes", T("Дау", "Спор", "Dispute"), relevant=HAD_DISPUTE,
                     repeat_count="${dispute_count}"),
        *_dispute_rows(),
        end_repeat("disputes"),
        end_group("household_disputes"),
    ]


def _dispute_rows() -> list[Row]:
    """The questions asked once per dispute; references inside read the same dispute."""
    return [
        Row("select_one household_dispute", "dispute_type", T(
            "Бұл дау немен байланысты болды?", "С чем был связан этот спор?",
            "What was this dispute about?"),
            hint=T("Ең соңғы даудан бастаңыз.", "Начните с последнего по времени спора.",
                   "Start with the most recent dispute."),
            required=True),
        Row("select_multiple dispute_parties", "dispute_parties", T(
            "Дауға кімдер қатысты?", "Кто был участником спора?",
            "Who was involved in the dispute?"), hint=SEVERAL, required=True),
        Row("select_one settled_by", "dispute_settled", T(
            "Бұл дау қалай шешілді?", "Как был урегулирован этот спор?",
            "How was this dispute settled?"),
            hint=T("Дау шешілген негізгі жолды белгілеңіз.",
                   "Отметьте основной способ урегулирования.",
                   "Mark the main way it was settled."),
            required=True),
        Row("select_one yes_no_unsure", "dispute_mediator", T(
            "Бұл дауды шешуге медиатор қатысты ма?",
            "Участвовал ли в урегулировании этого спора медиатор?",
            "Was a mediator involved in settling this dispute?"),
            hint=T("Медиатор — тараптардың келісуіне көмектесетін бейтарап адам; ол шешім "
                   "шығармайды.",
                   "Медиатор — нейтральное лицо, которое помогает сторонам договориться; он не "
                   "выносит решения.",
                   "A mediator is a neutral person who helps the parties agree; they do not "
                   "decide."),
            required=True,
            constraint="not(${dispute_settled} = 'mediator' and . = 'no')",
            constraint_message=T(
                "Дау медиатордың көмегімен шешілді деп белгіленген, сондықтан «Жоқ» деген жауап "
                "болмайды. Алдыңғы жауапты тексеріңіз.",
                "Отмечено, что спор урегулирован с помощью медиатора, поэтому ответ «Нет» "
                "невозможен. Проверьте предыдущий ответ.",
                "The dispute is recorded as settled with a mediator, so the answer cannot be "
                "“No”. Check the previous answer.")),
        Row("select_one satisfied5", "dispute_satisfaction", T(
            "Бұл даудың қалай шешілгеніне қаншалықты қанағаттандыңыз?",
            "Насколько вы удовлетворены тем, как был урегулирован этот спор?",
            "How satisfied are you with how this dispute was settled?"),
            relevant="${dispute_settled} != 'not_settled'", required=True,
            appearance="likert"),
        Row("integer", "dispute_year", T(
            "Бұл дау қай жылы болды?", "В каком году был этот спор?",
            "In which year did this dispute happen?"),
            hint=T("Дау бірнеше жылға созылса, басталған жылын жазыңыз.",
                   "Если спор длился несколько лет, запишите год его начала.",
                   "If it lasted several years, enter the year it began."),
            required=True,
            constraint=f". <= {THIS_YEAR} and . >= {THIS_YEAR} - 5",
            constraint_message=T(
                "Соңғы бес жылдың ішіндегі жылды жазыңыз; биылғы жылдан кейінгі жыл болмайды.",
                "Укажите год в пределах последних пяти лет; год не может быть позже текущего.",
                "Enter a year within the last five years, not after the current year.")),
    ]
