"""Survey rows of the bundled questionnaire, last part: attitudes, barriers, closing.

Likert batteries share the ``agree5`` list (1 strongly disagree … 5 strongly agree, then "don't
know" and "refused", which are not read out) and are shown one screen per battery
(``field-list`` groups) with the ``likert`` appearance. Each item sits in the battery of the
construct it measures: intentions ("I would use mediation …") in ``would_use``, views on what
should happen in society ("… should be settled through mediation") in ``mediation_society``.
"""

from __future__ import annotations

from questionnaires.source.mediation_survey import CONSENTED, SEVERAL
from questionnaires.source.xlsform_rows import Row, T, begin_group, end_group, exclusive, likert

#: Items on the January 2022 events and on inter-ethnic and political conflict: the interviewer
#: reminds the respondent that they may decline, and records a refusal without insisting.
SENSITIVE: tuple[str, ...] = (
    "prevent_escalation", "interethnic_harmony", "support_interethnic", "support_political",
)
SENSITIVE_HINT = T(
    "Нәзік сұрақ: респондент жауап бергісі келмесе, қыстамай «Жауап беруден бас тартты» деп "
    "белгілеңіз.",
    "Деликатный вопрос: если респондент не хочет отвечать, не настаивайте и отметьте «Отказ от "
    "ответа».",
    "Sensitive question: if the respondent prefers not to answer, do not insist; mark "
    "“Refused”.",
)

VIEWS_STEM = T(
    "Медиация туралы келесі пікірлермен қаншалықты келісесіз?",
    "Насколько вы согласны со следующими утверждениями о медиации?",
    "How far do you agree with the following statements about mediation?",
)
USE_STEM = T(
    "Медиацияға жүгіну туралы келесі пікірлермен қаншалықты келісесіз?",
    "Насколько вы согласны со следующими утверждениями об обращении к медиации?",
    "How far do you agree with the following statements about turning to mediation?",
)
SOCIETY_STEM = T(
    "Медиацияның қоғамдағы рөлі туралы келесі пікірлермен қаншалықты келісесіз?",
    "Насколько вы согласны со следующими утверждениями о роли медиации в обществе?",
    "How far do you agree with the following statements about the role of mediation in "
    "society?",
)


def _sensitive(name: str, label: T) -> Row:
    return likert(name, label, hint=SENSITIVE_HINT)


def _battery(name: str, label: T, items: list[Row]) -> list[Row]:
    """A one-screen group of Likert items."""
    return [begin_group(name, label, appearance="field-list"), *items, end_group(name)]


def _views_on_mediation() -> list[Row]:
    return _battery("views_mediation", VIEWS_STEM, [
        likert("mediation_effective", T(
            "Медиация — дауларды шешудің тиімді тәсілі.",
            "Медиация — эффективный способ разрешения споров.",
            "Mediation is an effective way to resolve disputes.")),
        likert("mediators_impartial", T(
            "Медиаторлар бейтарап болады, ешбір тараптың жағына шықпайды.",
            "Медиаторы беспристрастны и не принимают ничью сторону.",
            "Mediators are impartial and do not take sides.")),
        likert("trust_mediators", T(
            "Мен медиаторларға сенемін.",
            "Я доверяю медиаторам.",
            "I trust mediators.")),
        likert("trust_courts", T(
            "Мен соттардың дауларды әділ шешетініне сенемін.",
            "Я доверяю судам в справедливом разрешении споров.",
            "I trust the courts to resolve disputes fairly.")),
        likert("mediation_faster", T(
            "Медиация сотқа жүгінуден гөрі жылдамырақ.",
            "Медиация быстрее, чем обращение в суд.",
            "Mediation is quicker than going to court.")),
        likert("mediation_cheaper", T(
            "Медиация сотқа жүгінуден гөрі арзанырақ.",
            "Медиация дешевле, чем обращение в суд.",
            "Mediation is cheaper than going to court.")),
        likert("keeps_relations", T(
            "Медиация тараптардың арасындағы қарым-қатынасты сақтауға көмектеседі.",
            "Медиация помогает сторонам сохранить отношения.",
            "Mediation helps the parties preserve their relationship.")),
    ])


def _would_use() -> list[Row]:
    return _battery("would_use", USE_STEM, [
        likert("use_family", T(
            "Отбасылық дау туындаса, медиацияға жүгінер едім.",
            "При семейном споре я обратился(-ась) бы к медиации.",
            "I would use mediation in a family dispute.")),
        likert("use_labour", T(
            "Жұмыс берушіммен дау туындаса, медиацияға жүгінер едім.",
            "При трудовом споре с работодателем я обратился(-ась) бы к медиации.",
            "I would use mediation in a labour dispute with my employer.")),
        likert("use_land", T(
            "Жер дауы туындаса, медиацияға жүгінер едім.",
            "При земельном споре я обратился(-ась) бы к медиации.",
            "I would use mediation in a land dispute.")),
        likert("use_commercial", T(
            "Іскер серіктеспен дау туындаса, медиацияға жүгінер едім.",
            "При споре с деловым партнёром я обратился(-ась) бы к медиации.",
            "I would use mediation in a dispute with a business partner.")),
    ])


def _society() -> list[Row]:
    return _battery("mediation_society", SOCIETY_STEM, [
        _sensitive("prevent_escalation", T(
            "Медиация 2022 жылғы қаңтар оқиғалары сияқты қақтығыстардың ушығуының алдын алуға "
            "көмектесе алар еді.",
            "Медиация могла бы помочь предотвратить эскалацию конфликтов, подобных январским "
            "событиям 2022 года.",
            "Mediation could have helped prevent escalations such as the events of January "
            "2022.")),
        _sensitive("interethnic_harmony", T(
            "Медиация әр ұлт өкілдері арасындағы татулықты сақтауға көмектеседі.",
            "Медиация помогает сохранять согласие между людьми разных национальностей.",
            "Mediation helps keep harmony between people of different ethnic groups.")),
        _sensitive("support_interethnic", T(
            "Әр ұлт өкілдері арасындағы қақтығыстарды медиация арқылы шешу керек.",
            "Конфликты между представителями разных национальностей следует решать через "
            "медиацию.",
            "Conflicts between people of different ethnic groups should be settled through "
            "mediation.")),
        _sensitive("support_political", T(
            "Саяси келіспеушіліктерді (мысалы, билік пен азаматтық қоғам арасындағы) медиация "
            "арқылы шешу керек.",
            "Политические разногласия (например, между властью и гражданским обществом) следует "
            "решать через медиацию.",
            "Political disagreements (for example between the authorities and civil society) "
            "should be settled through mediation.")),
        likert("intl_mediator_role", T(
            "Қазақстан халықаралық бітімгер ретінде маңызды рөл атқарады (мысалы, Сирия "
            "жөніндегі Астана процесі).",
            "Казахстан играет важную роль международного посредника (например, Астанинский "
            "процесс по Сирии).",
            "Kazakhstan plays an important role as an international mediator (for example, "
            "the Astana process on Syria).")),
        likert("state_support", T(
            "Мемлекет медиация орталықтарын және медиаторларды даярлауды қолдауы керек.",
            "Государство должно поддерживать центры медиации и подготовку медиаторов.",
            "The state should support mediation centres and the training of mediators.")),
    ])


def attitudes_section() -> list[Row]:
    return [
        begin_group("attitudes", T("Медиацияға көзқарас", "Отношение к медиации",
                                   "Attitudes to mediation"), relevant=CONSENTED),
        Row("note", "scale_instruction", T(
            "Интервьюерге: әр пікірді және 1-ден 5-ке дейінгі шкаланы оқыңыз. «Жауап беруге "
            "қиналамын» және «Жауап беруден бас тартты» нұсқаларын оқымаңыз: респондент өзі "
            "солай айтса ғана белгілеңіз. Бұл ереже сауалнаманың соңына дейін қолданылады.",
            "Интервьюеру: зачитывайте каждое утверждение и шкалу от 1 до 5. Варианты "
            "«Затрудняюсь ответить» и «Отказ от ответа» не зачитывайте: отмечайте их, только "
            "если респондент сам так скажет. Это правило действует до конца анкеты.",
            "Interviewer: read out each statement and the scale from 1 to 5. Do not read out "
            "“Don't know” or “Refused”: mark them only if the respondent says so. This rule "
            "applies to the end of the questionnaire.")),
        *_views_on_mediation(),
        *_would_use(),
        *_society(),
        end_group("attitudes"),
    ]


def _barrier_statements() -> list[Row]:
    stem = T(
        "Адамдардың медиацияға сирек жүгінетін себептері туралы келесі пікірлермен қаншалықты "
        "келісесіз?",
        "Насколько вы согласны со следующими утверждениями о том, почему люди редко "
        "обращаются к медиации?",
        "How far do you agree with these statements about why people rarely use mediation?",
    )
    return _battery("barrier_statements", stem, [
        likert("barrier_awareness", T(
            "Адамдар медиация туралы білмейді.",
            "Люди не знают о медиации.",
            "People do not know about mediation.")),
        likert("barrier_culture", T(
            "Дауды шешу үшін бөгде адамға жүгіну ұят саналады.",
            "Обращаться за помощью в споре к постороннему человеку считается неприличным.",
            "Asking an outsider for help with a dispute is considered improper.")),
        likert("barrier_distrust", T(
            "Адамдар медиаторлардың бейтараптығына сенбейді.",
            "Люди не верят в беспристрастность медиаторов.",
            "People do not believe that mediators are impartial.")),
        likert("barrier_cost", T(
            "Медиатордың қызметі тым қымбат.",
            "Услуги медиатора слишком дороги.",
            "A mediator's services are too expensive.")),
        likert("barrier_mediators", T(
            "Жақын маңда білікті медиаторлар жетіспейді.",
            "Поблизости не хватает квалифицированных медиаторов.",
            "There are not enough trained mediators nearby.")),
        likert("barrier_enforcement", T(
            "Медиация арқылы жасалған келісімнің орындалатынына сенім жоқ.",
            "Нет уверенности, что соглашение, достигнутое через медиацию, будет исполнено.",
            "There is no confidence that an agreement reached through mediation will be "
            "honoured.")),
    ])


def barriers_section() -> list[Row]:
    return [
        begin_group("barriers", T("Медиацияға жүгінуге не кедергі?",
                                  "Что мешает обращаться к медиации?",
                                  "Barriers to using mediation"), relevant=CONSENTED),
        *_barrier_statements(),
        Row("select_multiple barrier_reason", "barriers_main",
            T("Дау туындаса, сізге медиацияға жүгінуге не кедергі болуы мүмкін?",
              "Что могло бы помешать лично вам обратиться к медиации, если возникнет спор?",
              "What might stop you personally from using mediation if you had a dispute?"),
            hint=SEVERAL, required=True, constraint=exclusive("none", "dont_know", "refused"),
            constraint_message=T(
                "«Ештеңе кедергі болмайды», «Жауап беруге қиналамын» және «Жауап беруден бас "
                "тартты» жауаптарын басқа жауаптармен бірге белгілеуге болмайды.",
                "Ответы «Ничто не помешает», «Затрудняюсь ответить» и «Отказ от ответа» нельзя "
                "отмечать вместе с другими.",
                "“Nothing would stop me”, “Don't know” and “Refused” cannot be combined with other "
                "answers.")),
        Row("text", "barriers_main_other",
            T("Басқа себепті жазыңыз", "Укажите другую причину", "Please specify the other reason"),
            relevant="selected(${barriers_main}, 'other')", required=True),
        end_group("barriers"),
    ]


def closing_section() -> list[Row]:
    filled_by_interviewer = T("Интервьюер толтырады.", "Заполняет интервьюер.",
                              "Filled in by the interviewer.")
    return [
        begin_group("closing", T("Сұхбатты аяқтау", "Завершение интервью",
                                 "End of the interview"), relevant=CONSENTED),
        Row("select_one yes_no", "callback_ok",
            T("Сапаны бақылау үшін үйлестірушіміз сізге қоңырау шалып, сұхбаттың өткенін "
              "растауы мүмкін. Телефон нөміріңізді қалдырасыз ба?",
              "Для контроля качества наш координатор может позвонить вам и уточнить, что "
              "интервью состоялось. Оставите ли вы свой номер телефона?",
              "For quality control, our coordinator may call you to confirm that the interview "
              "took place. Would you leave your phone number?"),
            required=True),
        Row("text", "respondent_phone",
            T("Респонденттің телефон нөмірі", "Номер телефона респондента",
              "Respondent's phone number"),
            hint=T("Бос орынсыз, мысалы +77011234567 немесе 87011234567.",
                   "Без пробелов, например +77011234567 или 87011234567.",
                   "No spaces, e.g. +77011234567 or 87011234567."),
            relevant="${callback_ok} = 'yes'", constraint=r"regex(., '^(\+7|8)7[0-9]{9}$')",
            constraint_message=T(
                "+7 немесе 8-ден басталатын 11 цифрлы қазақстандық нөмірді енгізіңіз.",
                "Введите казахстанский номер из 11 цифр, начинающийся с +7 или 8.",
                "Enter a Kazakhstan number of 11 digits starting with +7 or 8."),
            pii=True),
        Row("select_one interview_language", "interview_language",
            T("Сұхбат қай тілде өтті?", "На каком языке проводилось интервью?",
              "In which language was the interview conducted?"),
            hint=filled_by_interviewer, required=True),
        Row("select_one cooperation", "cooperation",
            T("Респонденттің сұхбатқа деген ықыласы",
              "Отношение респондента к интервью",
              "The respondent's cooperation"),
            hint=filled_by_interviewer),
        Row("text", "interviewer_comments",
            T("Интервьюердің ескертпелері", "Комментарии интервьюера", "Interviewer's comments"),
            hint=T("Міндетті емес.", "Необязательно.", "Optional.")),
        Row("note", "end_note",
            T("Респондентке уақыты мен жауаптары үшін алғыс айтыңыз.",
              "Поблагодарите респондента за уделённое время и ответы.",
              "Thank the respondent for their time and answers.")),
        end_group("closing"),
    ]
