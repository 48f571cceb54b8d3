"""Survey rows of the bundled questionnaire, second part: the definition read to everyone, then
knowledge of mediation and experience of it. Text as ``T(kk, ru, en)``.

Knowledge is asked neutrally: whether the respondent has heard of any law on mediation, and then
a check with wrong years among the answers, instead of "Do you know that a law was adopted in
2011?", which tells the respondent the answer.
"""

from __future__ import annotations

from questionnaires.source.mediation_survey import CONSENTED, SEVERAL, USED, specify
from questionnaires.source.xlsform_rows import Row, T, begin_group, end_group, exclusive

HEARD_LAW = "${heard_law} = 'yes'"


def knowledge_section() -> list[Row]:
    return [
        begin_group("knowledge", T("Медиация туралы білім", "Знания о медиации",
                                   "Knowledge of mediation"), relevant=CONSENTED),
        Row("note", "mediation_definition", T(
            "Респондентке оқыңыз: «Медиация — тараптардың өз еркімен келісуі бойынша бейтарап "
            "медиатордың көмегімен дауды екі жаққа да тиімді шешіммен реттеу рәсімі. Медиатор "
            "шешім шығармайды, ол тараптардың келісімге келуіне көмектеседі.»",
            "Прочитайте респонденту: «Медиация — это процедура урегулирования спора с помощью "
            "нейтрального медиатора, на которую стороны соглашаются добровольно, чтобы найти "
            "взаимоприемлемое решение. Медиатор не выносит решения, он помогает сторонам "
            "договориться.»",
            "Read to the respondent: “Mediation is a procedure, entered into voluntarily, in "
            "which a neutral mediator helps the parties settle a dispute with a solution both "
            "can accept. The mediator does not decide; they help the parties reach agreement.”")),
        Row("select_one yes_no_dk", "heard_law",
            T("Қазақстанда медиацияға қатысты қандай да бір заң туралы естідіңіз бе?",
              "Слышали ли вы о каком-либо законе о медиации в Казахстане?",
              "Have you heard of any law on mediation in Kazakhstan?"),
            required=True),
        Row("select_one law_year", "law_year",
            T("Сіздің ойыңызша, бұл заң қай жылы қабылданды?",
              "Как вы думаете, в каком году был принят этот закон?",
              "In your view, in which year was this law adopted?"),
            hint=T("Жылдарды оқыңыз; «Жауап беруге қиналамын» дегенді оқымаңыз.",
                   "Зачитайте годы; вариант «Затрудняюсь ответить» не зачитывайте.",
                   "Read out the years; do not read out “Don't know”."),
            relevant=HEARD_LAW, required=True),
        Row("select_one yes_no_dk", "knows_where_mediator",
            T("Қажет болса, медиаторды қайдан табуға болатынын білесіз бе?",
              "Знаете ли вы, где при необходимости можно найти медиатора?",
              "Do you know where to find a mediator if you need one?"),
            required=True),
        Row("select_one yes_no_dk", "knows_court_mediation",
            T("Сіздің білуіңізше, іс сотта қаралып жатқанда тараптар медиацияға жүгіне ала ма?",
              "Насколько вам известно, могут ли стороны обратиться к медиации, когда дело уже "
              "рассматривается в суде?",
              "As far as you know, can the parties turn to mediation while their case is before "
              "a court?"),
            required=True),
        Row("select_multiple dispute_area", "mediation_areas",
            T("Сіздің ойыңызша, медиацияны қандай дауларда қолдануға болады?",
              "Как вы считаете, в каких спорах можно применять медиацию?",
              "In your view, in which kinds of dispute can mediation be used?"),
            hint=SEVERAL, required=True, constraint=exclusive("dont_know", "refused"),
            constraint_message=T(
                "«Жауап беруге қиналамын» немесе «Жауап беруден бас тартты» дегенді басқа "
                "жауаптармен бірге белгілеуге болмайды.",
                "Ответы «Затрудняюсь ответить» и «Отказ от ответа» нельзя отмечать вместе с "
                "другими.",
                "“Don't know” and “Refused” cannot be combined with other answers.")),
        end_group("knowledge"),
    ]


def experience_section() -> list[Row]:
    return [
        begin_group("experience", T("Медиацияға жүгіну тәжірибесі", "Опыт обращения к медиации",
                                    "Experience of mediation"), relevant=CONSENTED),
        Row("select_one yes_no_unsure", "court_experience",
            T("Соңғы бес жылда дауыңызды шешу үшін сотқа жүгінуге тура келді ме?",
              "Приходилось ли вам за последние пять лет обращаться в суд для решения спора?",
              "In the last five years, have you had to go to court to settle a dispute?")),
        Row("select_one yes_no_unsure", "used_mediation",
            T("Дауды медиация арқылы шешуге бұрын-соңды қатысып көрдіңіз бе?",
              "Приходилось ли вам когда-либо участвовать в урегулировании спора через медиацию?",
              "Have you ever taken part in settling a dispute through mediation?"),
            required=True),
        Row("select_one dispute_kind", "dispute_kind",
            T("Бұл қандай дау болды?", "Какого рода был этот спор?",
              "What kind of dispute was it?"),
            hint=T("Бірнеше болса, ең соңғысын көрсетіңіз.",
                   "Если их было несколько, укажите последний.",
                   "If there were several, give the most recent one."),
            relevant=USED, required=True),
        specify("dispute_kind_other", "${dispute_kind} = 'other'",
                T("Дау түрін жазыңыз", "Укажите вид спора", "Please specify the kind of dispute")),
        Row("select_one mediator_kind", "mediator_kind",
            T("Медиацияны кім жүргізді?", "Кто проводил медиацию?",
              "Who conducted the mediation?"),
            relevant=USED),
        Row("select_one outcome", "outcome",
            T("Медиация немен аяқталды?", "Чем закончилась медиация?",
              "How did the mediation end?"),
            relevant=USED, required=True),
        Row("select_one kept", "agreement_kept",
            T("Медиация барысында жасалған келісім орындалды ма?",
              "Было ли выполнено соглашение, достигнутое в ходе медиации?",
              "Was the agreement reached in mediation carried out?"),
            relevant="${outcome} = 'full_agreement' or ${outcome} = 'partial_agreement'"),
        Row("select_one satisfied5", "satisfaction",
            T("Медиация нәтижесіне қаншалықты қанағаттандыңыз?",
              "Насколько вы удовлетворены результатом медиации?",
              "How satisfied are you with the result of the mediation?"),
            relevant=USED, required=True, appearance="likert"),
        Row("select_one yes_no_opinion", "recommend",
            T("Медиацияны басқаларға ұсынар ма едіңіз?",
              "Порекомендовали бы вы медиацию другим?",
              "Would you recommend mediation to others?"),
            relevant=USED, required=True),
        end_group("experience"),
    ]
