"""Survey rows of the bundled questionnaire, first part: interviewer, respondent, unaided
awareness and the awareness campaign. Text as ``T(kk, ru, en)``.

Question names listed in docs/architecture.md ("The bundled questionnaire") are a contract; other
names may change with a new form version. Every group after the interviewer section is relevant
only when the respondent consented, so a refusal ends the interview.

Order matters (questionnaires/README.md, "Question order"): nothing said before the awareness
and campaign questions may tell the respondent what mediation is, so the introduction names the
topic (how disputes are settled) without describing mediation, and the definition is read only
after the campaign questions (``mediation_knowledge``).
"""

from __future__ import annotations

from questionnaires.source.mediation_choices import CITIES
from questionnaires.source.xlsform_rows import Row, T, begin_group, end_group, exclusive, likert

CONSENTED = "${consent} = 'yes'"
HEARD = "${heard_mediation} = 'yes'"
USED = "${used_mediation} = 'yes'"
EXPOSED = "${campaign_exposed} = 'yes'"
#: An interviewer's code or name as field teams write them (ALM-07, Айгерім Т.).
INTERVIEWER_CODE = "regex(., '^[0-9A-Za-zА-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі][0-9A-Za-zА-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі .-]{1,39}$')"

SEVERAL = T(
    "Бірнеше жауап белгілеуге болады.",
    "Можно отметить несколько ответов.",
    "Several answers are possible.",
)
DO_NOT_READ = T(
    "Нұсқаларды оқымаңыз; айтылғанның бәрін белгілеңіз.",
    "Не зачитывайте варианты; отметьте всё, что назовёт респондент.",
    "Do not read out the options; mark everything the respondent mentions.",
)


def specify(name: str, relevant: str, label: T) -> Row:
    """A free-text follow-up for an ``other`` answer."""
    return Row("text", name, label, relevant=relevant, required=True)


def interviewer_section() -> list[Row]:
    return [
        begin_group("interviewer", T("Интервьюерге арналған бөлім", "Раздел для интервьюера",
                                     "Interviewer section")),
        Row("select_one wave", "wave", T("Зерттеу кезеңі", "Волна опроса", "Survey wave"),
            hint=T("Науқанға дейінгі немесе одан кейінгі өлшеу.",
                   "Замер до кампании или после неё.",
                   "Measurement before or after the campaign."),
            required=True),
        Row("integer", "sampling_point",
            T("Іріктеу нүктесінің нөмірі", "Номер точки выборки", "Sampling point number"),
            hint=T("Маршрут парағындағы нөмір (1–9999).", "Номер из маршрутного листа (1–9999).",
                   "The number on the route sheet (1–9999)."),
            required=True, constraint=". >= 1 and . <= 9999",
            constraint_message=T("Нөмір 1 мен 9999 аралығында болуы керек.",
                                 "Номер должен быть от 1 до 9999.",
                                 "The number must be between 1 and 9999.")),
        Row("date", "interview_date", T("Сұхбат күні", "Дата интервью", "Date of the interview"),
            required=True, constraint=". <= today()",
            constraint_message=T("Сұхбат күні болашақта бола алмайды.",
                                 "Дата интервью не может быть в будущем.",
                                 "The interview date cannot be in the future.")),
        Row("text", "interviewer_id",
            T("Интервьюер коды", "Код интервьюера", "Interviewer code"),
            hint=T("Жұмыс тізіміндегі кодыңыз немесе атыңыз, мысалы ALM-07.",
                   "Ваш код или имя из списка полевой группы, например ALM-07.",
                   "Your code or name as on the field team's list, e.g. ALM-07."),
            required=True, constraint=INTERVIEWER_CODE,
            constraint_message=T(
                "Кодыңызды (мысалы ALM-07) немесе атыңызды жазыңыз: 2–40 таңба — әріптер, "
                "цифрлар, бос орын, нүкте немесе сызықша.",
                "Введите свой код (например ALM-07) или имя: от 2 до 40 знаков — буквы, цифры, "
                "пробел, точка или дефис.",
                "Write your code (e.g. ALM-07) or your name: 2 to 40 letters, digits, spaces, "
                "dots or hyphens.")),
        Row("note", "consent_intro", T(
            "Респондентке оқыңыз: «Сәлеметсіз бе! Біз Қазақстан тұрғындарының даулар мен "
            "келіспеушіліктерді қалай шешетіні туралы сауалнама жүргізіп жатырмыз. Сұхбат "
            "шамамен 15 минутқа созылады. Қатысу ерікті: кез келген сұраққа жауап бермеуге "
            "немесе сұхбатты кез келген сәтте тоқтатуға болады. Қандай да бір сұраққа жауап беру "
            "қиын болса, солай айта беріңіз: мұнда дұрыс немесе бұрыс жауап жоқ. Жауаптарыңыз "
            "құпия сақталады және тек жалпыланған түрде пайдаланылады.»",
            "Прочитайте респонденту: «Здравствуйте! Мы проводим опрос о том, как жители "
            "Казахстана решают споры и разногласия. Интервью займёт около 15 минут. Участие "
            "добровольное: вы можете не отвечать на любой вопрос или прекратить интервью в любой "
            "момент. Если на какой-то вопрос вам трудно ответить, так и скажите: здесь нет "
            "правильных и неправильных ответов. Ваши ответы конфиденциальны и будут "
            "использоваться только в обобщённом виде.»",
            "Read to the respondent: “Hello! We are conducting a survey on how people in "
            "Kazakhstan settle disputes and disagreements. The interview takes about 15 minutes. "
            "Taking part is voluntary: you may skip any question or stop at any moment. If a "
            "question is hard to answer, just say so: there are no right or wrong answers. Your "
            "answers are confidential and will only be used in aggregate.”")),
        Row("select_one yes_no", "consent",
            T("Сұхбатқа қатысуға келісесіз бе?", "Согласны ли вы принять участие в интервью?",
              "Do you agree to take part in the interview?"),
            required=True,
            required_message=T("Респонденттің келісім бергенін немесе бермегенін белгілеңіз.",
                               "Отметьте, согласен ли респондент.",
                               "Record whether the respondent agrees.")),
        Row("note", "consent_refused",
            T("Респондентке уақыты үшін алғыс айтып, сұхбатты аяқтаңыз.",
              "Поблагодарите респондента за уделённое время и завершите интервью.",
              "Thank the respondent for their time and end the interview."),
            relevant="${consent} = 'no'"),
        end_group("interviewer"),
    ]


def _settlement_filter() -> str:
    """Cities of republican significance offer only the choices marked ``in_city = 'yes'``."""
    not_city = " and ".join(f"${{region}} != '{city}'" for city in CITIES)
    return f"in_city = 'yes' or ({not_city})"


def demographics_section() -> list[Row]:
    return [
        begin_group("demographics", T("Респондент туралы мәліметтер", "Сведения о респонденте",
                                      "About the respondent"), relevant=CONSENTED),
        Row("select_one region", "region",
            T("Сіз қай облыста немесе республикалық маңызы бар қалада тұрасыз?",
              "В какой области или городе республиканского значения вы живёте?",
              "In which region or city of republican significance do you live?"),
            required=True, appearance="minimal"),
        Row("select_one settlement", "settlement",
            T("Елді мекен түрі", "Тип населённого пункта", "Type of settlement"),
            hint=T("Астана, Алматы және Шымкент үшін тек «Қала» ұсынылады.",
                   "Для Астаны, Алматы и Шымкента предлагается только «Город».",
                   "For Astana, Almaty and Shymkent only “Urban” is offered."),
            required=True, choice_filter=_settlement_filter()),
        Row("select_one sex", "sex", T("Респонденттің жынысы", "Пол респондента",
                                       "Sex of the respondent"),
            hint=T("Сұрамай-ақ белгілеңіз.", "Отметьте, не задавая вопрос.",
                   "Record without asking."),
            required=True),
        Row("integer", "age",
            T("Толық жасыңыз нешеде?", "Сколько вам полных лет?",
              "How old are you, in completed years?"),
            required=True, constraint=". >= 18 and . <= 100",
            constraint_message=T(
                "Жас 18 бен 100 аралығында болуы керек: сауалнама тек ересектерге арналған.",
                "Возраст должен быть от 18 до 100 лет: опрос проводится только среди взрослых.",
                "Age must be between 18 and 100: the survey is for adults only.")),
        Row("calculate", "age_group",
            calculation="if(${age} < 45, '18-44', if(${age} < 60, '45-59', '60+'))"),
        Row("select_one education", "education",
            T("Сіздің біліміңіз қандай?", "Какое у вас образование?",
              "What is your highest level of education?"),
            hint=T("Аяқталған ең жоғары деңгейді белгілеңіз.",
                   "Отметьте самый высокий законченный уровень.",
                   "Mark the highest level completed."),
            required=True),
        Row("select_one ethnicity", "ethnicity",
            T("Ұлтыңыз қандай?", "Ваша национальность?", "What is your ethnicity?"),
            required=True),
        specify("ethnicity_other", "${ethnicity} = 'other'",
                T("Ұлтын жазыңыз", "Укажите национальность", "Please specify the ethnicity")),
        Row("select_one home_language", "home_language",
            T("Үйде көбінесе қай тілде сөйлесесіз?",
              "На каком языке вы чаще всего говорите дома?",
              "Which language do you mostly speak at home?"),
            required=True),
        Row("select_one occupation", "occupation",
            T("Қазіргі уақытта негізгі айналысатын ісіңіз қандай?",
              "Каково ваше основное занятие в настоящее время?",
              "What is your main occupation at present?"),
            required=True),
        end_group("demographics"),
    ]



def awareness_section() -> list[Row]:
    """Unaided awareness: asked before anything in the interview describes mediation."""
    return [
        begin_group("awareness", T("Медиация туралы хабардарлық", "Осведомлённость о медиации",
                                   "Awareness of mediation"), relevant=CONSENTED),
        Row("select_one yes_no_dk", "heard_mediation",
            T("Медиация туралы естідіңіз бе?", "Слышали ли вы о медиации?",
              "Have you heard of mediation?"),
            hint=T("Медиацияның не екенін түсіндірмеңіз, тіпті сұраса да: анықтама кейінірек "
                   "оқылады. Жауапты айтылғандай белгілеңіз.",
                   "Не объясняйте, что такое медиация, даже если вас спросят: определение будет "
                   "зачитано позже. Отметьте ответ так, как он дан.",
                   "Do not explain what mediation is, even if asked: the definition is read "
                   "later. Record the answer as given."),
            required=True),
        Row("select_one mediation_meaning", "can_describe",
            T("Сіздің ойыңызша, медиация дегеніміз не?", "Как вы думаете, что такое медиация?",
              "In your opinion, what is mediation?"),
            hint=T("Нұсқаларды оқымаңыз; жауапқа ең жақынын белгілеңіз.",
                   "Не зачитывайте варианты; отметьте наиболее близкий к ответу.",
                   "Do not read out the options; mark the one closest to the answer."),
            relevant=HEARD, required=True),
        Row("select_multiple sources", "info_sources",
            T("Медиация туралы қайдан білдіңіз?", "Откуда вы узнали о медиации?",
              "Where did you learn about mediation?"),
            hint=SEVERAL, relevant=HEARD, required=True),
        specify("info_sources_other", "selected(${info_sources}, 'other')",
                T("Басқа ақпарат көзін жазыңыз", "Укажите другой источник",
                  "Please specify the other source")),
        end_group("awareness"),
    ]


def _campaign_views() -> list[Row]:
    """Two statements, one thing each (the former "clear and useful" asked two at once)."""
    stem = T("Сол ақпарат туралы келесі пікірлермен қаншалықты келісесіз?",
             "Насколько вы согласны со следующими утверждениями об этой информации?",
             "How far do you agree with the following statements about that information?")
    return [
        begin_group("campaign_views", stem, relevant=EXPOSED, appearance="field-list"),
        likert("campaign_clear", T(
            "Ақпарат түсінікті болды.",
            "Информация была понятной.",
            "The information was easy to understand.")),
        likert("campaign_useful", T(
            "Ақпарат мен үшін пайдалы болды.",
            "Информация была для меня полезной.",
            "The information was useful to me.")),
        end_group("campaign_views"),
    ]


def campaign_section() -> list[Row]:
    """Campaign exposure and recall, asked right after unaided awareness, before the definition
    and every other mediation question, which would prompt respondents to report exposure."""
    return [
        begin_group("campaign", T("Ақпараттық науқан", "Информационная кампания",
                                  "Awareness campaign"), relevant=CONSENTED),
        Row("select_one yes_no_unsure", "campaign_exposed",
            T("Соңғы 12 айда медиация туралы қандай да бір жарнаманы, хабарландыруды немесе "
              "іс-шараны көрдіңіз бе немесе естідіңіз бе?",
              "Видели или слышали ли вы за последние 12 месяцев рекламу, объявления или "
              "мероприятия, посвящённые медиации?",
              "In the last 12 months, have you seen or heard any advertising, announcement or "
              "event about mediation?"),
            required=True),
        Row("select_multiple channels", "campaign_channels",
            T("Оны қайдан көрдіңіз немесе естідіңіз?", "Где вы это видели или слышали?",
              "Where did you see or hear it?"),
            hint=SEVERAL, relevant=EXPOSED, required=True),
        specify("campaign_channels_other", "selected(${campaign_channels}, 'other')",
                T("Басқа арнаны жазыңыз", "Укажите другой канал",
                  "Please specify the other channel")),
        Row("select_multiple recall", "campaign_recall",
            T("Сол ақпараттан не есіңізде қалды?", "Что вам запомнилось из этой информации?",
              "What do you remember of that information?"),
            hint=DO_NOT_READ, relevant=EXPOSED, required=True,
            constraint=exclusive("dont_remember"),
            constraint_message=T(
                "«Ештеңе есінде қалмаған» дегенді басқа жауаптармен бірге белгілеуге болмайды.",
                "Ответ «Ничего не запомнилось» нельзя отмечать вместе с другими.",
                "“Remembers nothing” cannot be combined with other answers.")),
        specify("campaign_recall_text", "selected(${campaign_recall}, 'other')",
                T("Есте қалған ақпаратты респонденттің өз сөзімен жазыңыз",
                  "Запишите запомнившееся словами респондента",
                  "Write down what the respondent remembers in their own words")),
        *_campaign_views(),
        Row("select_one yes_no", "campaign_sought_info",
            T("Осыдан кейін медиация туралы қосымша ақпарат іздедіңіз бе?",
              "После этого вы искали дополнительную информацию о медиации?",
              "Afterwards, did you look for more information about mediation?"),
            relevant=EXPOSED, required=True),
        Row("select_one yes_no", "campaign_contacted",
            T("Осыдан кейін медиаторға немесе медиация орталығына хабарластыңыз ба?",
              "После этого вы обращались к медиатору или в центр медиации?",
              "Afterwards, did you contact a mediator or a mediation centre?"),
            relevant=EXPOSED, required=True),
        end_group("campaign"),
    ]

