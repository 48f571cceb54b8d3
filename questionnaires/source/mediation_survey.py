"""Survey rows of the bundled questionnaire, section by section, text as ``T(kk, ru, en)``.

Question names listed in docs/architecture.md ("The bundled questionnaire") are a contract; other
names may change with a new form version. Every group after the interviewer section is relevant
only when the respondent consented, so a refusal ends the interview.
"""

from __future__ import annotations

from questionnaires.source.mediation_choices import CITIES
from questionnaires.source.xlsform_rows import Row, T, begin_group, end_group, exclusive

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


def _specify(name: str, relevant: str, label: T) -> Row:
    """A free-text follow-up for an ``other`` answer."""
    return Row("text", name, label, relevant=relevant, required=True)


def _likert(name: str, label: T) -> Row:
    return Row("select_one agree5", name, label, appearance="likert")


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
            T("Интервьюердің коды", "Код интервьюера", "Interviewer code"),
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
            "Респондентке оқыңыз: «Сәлеметсіз бе! Біз медиация, яғни дауларды бейтарап "
            "делдалдың көмегімен шешу туралы тұрғындардың пікірін зерттеп жатырмыз. Сұхбат "
            "шамамен 15 минутқа созылады. Қатысу ерікті: кез келген сұраққа жауап бермеуге "
            "немесе сұхбатты кез келген сәтте тоқтатуға болады. Жауаптарыңыз құпия сақталады "
            "және тек жалпыланған түрде пайдаланылады.»",
            "Прочитайте респонденту: «Здравствуйте! Мы изучаем мнение жителей о медиации, то есть "
            "об урегулировании споров с помощью нейтрального посредника. Интервью займёт около "
            "15 минут. Участие добровольное: можно не отвечать на любой вопрос или прекратить "
            "интервью в любой момент. Ваши ответы конфиденциальны и будут использоваться только "
            "в обобщённом виде.»",
            "Read to the respondent: “Hello! We are studying what people think about mediation, "
            "that is, settling disputes with the help of a neutral go-between. The interview "
            "takes about 15 minutes. Taking part is voluntary: you may skip any question or stop "
            "at any moment. Your answers are confidential and will only be used in aggregate.”")),
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
        _specify("ethnicity_other", "${ethnicity} = 'other'",
                 T("Ұлтыңызды жазыңыз", "Укажите национальность", "Please specify the ethnicity")),
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
    return [
        begin_group("awareness", T("Медиация туралы хабардарлық", "Осведомлённость о медиации",
                                   "Awareness of mediation"), relevant=CONSENTED),
        Row("select_one yes_no_dk", "heard_mediation",
            T("Медиация туралы естідіңіз бе?", "Слышали ли вы о медиации?",
              "Have you heard of mediation?"),
            required=True),
        Row("select_one mediation_meaning", "can_describe",
            T("Сіздің ойыңызша, медиация дегеніміз не?", "Как вы думаете, что такое медиация?",
              "In your opinion, what is mediation?"),
            hint=T("Нұсқаларды оқымаңыз; жауапқа ең жақынын белгілеңіз.",
                   "Не зачитывайте варианты; отметьте наиболее близкий к ответу.",
                   "Do not read out the options; mark the one closest to the answer."),
            relevant=HEARD, required=True),
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
        Row("select_one yes_no_dk", "knows_law_2011",
            T("Қазақстанда 2011 жылы «Медиация туралы» Заң қабылданғанын білесіз бе?",
              "Знаете ли вы, что в Казахстане в 2011 году принят Закон «О медиации»?",
              "Do you know that Kazakhstan adopted a Law “On Mediation” in 2011?"),
            required=True),
        Row("select_one yes_no_dk", "knows_where_mediator",
            T("Қажет болса, медиаторды қайдан табуға болатынын білесіз бе?",
              "Знаете ли вы, где при необходимости можно найти медиатора?",
              "Do you know where to find a mediator if you need one?"),
            required=True),
        Row("select_one yes_no_dk", "knows_court_mediation",
            T("Іс сотта қаралып жатқанда да тараптар медиацияға жүгіне алатынын білесіз бе?",
              "Знаете ли вы, что стороны могут прибегнуть к медиации и тогда, когда дело уже "
              "рассматривается в суде?",
              "Do you know that the parties can turn to mediation even while their case is "
              "before a court?")),
        Row("select_multiple sources", "info_sources",
            T("Медиация туралы қайдан білдіңіз?", "Откуда вы узнали о медиации?",
              "Where did you learn about mediation?"),
            hint=SEVERAL, relevant=HEARD, required=True),
        _specify("info_sources_other", "selected(${info_sources}, 'other')",
                 T("Басқа ақпарат көзін жазыңыз", "Укажите другой источник",
                   "Please specify the other source")),
        Row("select_multiple dispute_area", "mediation_areas",
            T("Сіздің ойыңызша, медиацияны қандай дауларда қолдануға болады?",
              "Как вы считаете, в каких спорах можно применять медиацию?",
              "In your view, in which kinds of dispute can mediation be used?"),
            hint=SEVERAL, constraint=exclusive("dont_know"),
            constraint_message=T(
                "«Жауап беруге қиналамын» дегенді басқа жауаптармен бірге белгілеуге болмайды.",
                "Ответ «Затрудняюсь ответить» нельзя отмечать вместе с другими.",
                "“Don't know” cannot be combined with other answers.")),
        end_group("awareness"),
    ]


def experience_section() -> list[Row]:
    return [
        begin_group("experience", T("Медиацияға жүгіну тәжірибесі", "Опыт обращения к медиации",
                                    "Experience of mediation"), relevant=CONSENTED),
        Row("select_one yes_no_dk", "court_experience",
            T("Соңғы бес жылда дауыңызды шешу үшін сотқа жүгінуге тура келді ме?",
              "Приходилось ли вам за последние пять лет обращаться в суд для решения спора?",
              "In the last five years, have you had to go to court to settle a dispute?")),
        Row("select_one yes_no_dk", "used_mediation",
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
        _specify("dispute_kind_other", "${dispute_kind} = 'other'",
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
            relevant=USED, appearance="likert"),
        Row("select_one yes_no_dk", "recommend",
            T("Медиацияны басқаларға ұсынар ма едіңіз?",
              "Порекомендовали бы вы медиацию другим?",
              "Would you recommend mediation to others?"),
            relevant=USED),
        end_group("experience"),
    ]
