"""Choice lists of the bundled questionnaire, each entry ``(name, Kazakh, Russian, English)``.

Choice names are a contract (docs/architecture.md, "The bundled questionnaire"): analysis,
reports, the demo generator and the GUI refer to them. Change labels freely, names never.
"""

from __future__ import annotations

from questionnaires.source.xlsform_rows import Choice, T, choice_list

DONT_KNOW = ("dont_know", "Жауап беруге қиналамын", "Затрудняюсь ответить", "Don't know")
REFUSED = ("refused", "Жауап беруден бас тартты", "Отказ от ответа", "Refused")
YES = ("yes", "Иә", "Да", "Yes")
NO = ("no", "Жоқ", "Нет", "No")
#: Choices that record a missing answer (declared in the ``kelisim_missing`` column).
MISSING = ("dont_know", "refused")

#: The 17 oblasts and 3 cities of republican significance after the 2022 reform. Kazakh and
#: Russian names as the Bureau of National Statistics writes them (population bulletin, table 01,
#: 1 January 2023).
REGIONS: list[tuple[str, str, str, str]] = [
    ("abai", "Абай облысы", "область Абай", "Abai Region"),
    ("akmola", "Ақмола облысы", "Акмолинская область", "Akmola Region"),
    ("aktobe", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region"),
    ("almaty_region", "Алматы облысы", "Алматинская область", "Almaty Region"),
    ("atyrau", "Атырау облысы", "Атырауская область", "Atyrau Region"),
    ("east_kazakhstan", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область",
     "East Kazakhstan Region"),
    ("jambyl", "Жамбыл облысы", "Жамбылская область", "Jambyl Region"),
    ("jetisu", "Жетісу облысы", "область Жетісу", "Jetisu Region"),
    ("karaganda", "Қарағанды облысы", "Карагандинская область", "Karaganda Region"),
    ("kostanay", "Қостанай облысы", "Костанайская область", "Kostanay Region"),
    ("kyzylorda", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"),
    ("mangystau", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region"),
    ("north_kazakhstan", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область",
     "North Kazakhstan Region"),
    ("pavlodar", "Павлодар облысы", "Павлодарская область", "Pavlodar Region"),
    ("turkistan", "Түркістан облысы", "Туркестанская область", "Turkistan Region"),
    ("ulytau", "Ұлытау облысы", "область Ұлытау", "Ulytau Region"),
    ("west_kazakhstan", "Батыс Қазақстан облысы", "Западно-Казахстанская область",
     "West Kazakhstan Region"),
    ("astana", "Астана қаласы", "город Астана", "Astana (city)"),
    ("almaty", "Алматы қаласы", "город Алматы", "Almaty (city)"),
    ("shymkent", "Шымкент қаласы", "город Шымкент", "Shymkent (city)"),
]

#: Cities of republican significance: wholly urban, so only ``urban`` is offered there.
CITIES = ("astana", "almaty", "shymkent")

AGREE5 = [
    ("1", "Мүлдем келіспеймін", "Совершенно не согласен(-на)", "Strongly disagree"),
    ("2", "Келіспеймін", "Скорее не согласен(-на)", "Disagree"),
    ("3", "Не келісемін, не келіспеймін", "Отчасти согласен(-на), отчасти нет",
     "Neither agree nor disagree"),
    ("4", "Келісемін", "Скорее согласен(-на)", "Agree"),
    ("5", "Толығымен келісемін", "Полностью согласен(-на)", "Strongly agree"),
]

SATISFIED5 = [
    ("1", "Мүлдем қанағаттанбадым", "Совсем не удовлетворён(-а)", "Very dissatisfied"),
    ("2", "Қанағаттанбадым", "Скорее не удовлетворён(-а)", "Dissatisfied"),
    ("3", "Орташа", "Отчасти да, отчасти нет", "Neither satisfied nor dissatisfied"),
    ("4", "Қанағаттандым", "Скорее удовлетворён(-а)", "Satisfied"),
    ("5", "Толық қанағаттандым", "Полностью удовлетворён(-а)", "Very satisfied"),
]


def _settlement() -> list[Choice]:
    return [
        Choice("settlement", "urban", T("Қала", "Город", "Urban"), in_city="yes"),
        Choice("settlement", "rural", T("Ауыл", "Село", "Rural"), in_city="no"),
    ]


def _interviewer_lists() -> list[Choice]:
    return [
        *choice_list("wave", [
            ("baseline", "Базалық кезең (науқанға дейін)", "Базовая волна (до кампании)",
             "Baseline (before the campaign)"),
            ("followup", "Қайталама кезең (науқаннан кейін)", "Повторная волна (после кампании)",
             "Follow-up (after the campaign)"),
        ]),
        *choice_list("yes_no", [YES, NO]),
        # Awareness and knowledge: "don't know" is itself the measurement, not a missing answer.
        *choice_list("yes_no_dk", [YES, NO, DONT_KNOW]),
        # Experience and exposure: "can't say" is a missing answer.
        *choice_list("yes_no_unsure", [YES, NO, DONT_KNOW], missing=MISSING),
        # Opinions: don't know and refusals are missing answers, recorded only when volunteered.
        *choice_list("yes_no_opinion", [YES, NO, DONT_KNOW, REFUSED], missing=MISSING),
        *choice_list("interview_language", [
            ("kazakh", "Қазақ тілі", "Казахский", "Kazakh"),
            ("russian", "Орыс тілі", "Русский", "Russian"),
            ("mixed", "Қазақ және орыс тілдері", "Казахский и русский", "Kazakh and Russian"),
        ]),
        *choice_list("cooperation", [
            ("good", "Жақсы", "Хорошее", "Good"),
            ("fair", "Орташа", "Удовлетворительное", "Fair"),
            ("poor", "Нашар", "Плохое", "Poor"),
        ]),
    ]


def _demographic_lists() -> list[Choice]:
    return [
        *choice_list("region", REGIONS),
        *_settlement(),
        *choice_list("sex", [
            ("male", "Ер", "Мужской", "Male"),
            ("female", "Әйел", "Женский", "Female"),
        ]),
        *choice_list("education", [
            ("primary_or_less", "Бастауыш немесе одан төмен", "Начальное или ниже",
             "Primary or less"),
            ("basic_secondary", "Негізгі орта (9 сынып)", "Основное среднее (9 классов)",
             "Lower secondary (9 grades)"),
            ("general_secondary", "Жалпы орта (11 сынып)", "Общее среднее (11 классов)",
             "Upper secondary (11 grades)"),
            ("vocational", "Техникалық және кәсіптік (колледж)",
             "Техническое и профессиональное (колледж)", "Technical and vocational (college)"),
            ("incomplete_higher", "Аяқталмаған жоғары", "Неоконченное высшее",
             "Incomplete higher"),
            ("higher", "Жоғары (бакалавр, маман)", "Высшее (бакалавр, специалист)",
             "Higher (bachelor's or specialist degree)"),
            ("postgraduate", "Жоғары оқу орнынан кейінгі (магистр, PhD)",
             "Послевузовское (магистр, PhD)", "Postgraduate (master's, PhD)"),
        ]),
        *choice_list("ethnicity", [
            ("kazakh", "Қазақ", "Казах / казашка", "Kazakh"),
            ("russian", "Орыс", "Русский / русская", "Russian"),
            ("uzbek", "Өзбек", "Узбек / узбечка", "Uzbek"),
            ("ukrainian", "Украин", "Украинец / украинка", "Ukrainian"),
            ("uyghur", "Ұйғыр", "Уйгур / уйгурка", "Uyghur"),
            ("tatar", "Татар", "Татарин / татарка", "Tatar"),
            ("german", "Неміс", "Немец / немка", "German"),
            ("other", "Басқа ұлт", "Другая национальность", "Other"),
        ]),
        *choice_list("home_language", [
            ("kazakh", "Қазақ тілі", "Казахский", "Kazakh"),
            ("russian", "Орыс тілі", "Русский", "Russian"),
            ("kazakh_russian", "Қазақ және орыс тілдері бірдей", "Казахский и русский в равной мере",
             "Kazakh and Russian equally"),
            ("other", "Басқа тіл", "Другой язык", "Another language"),
        ]),
        *choice_list("occupation", [
            ("public_sector", "Мемлекеттік секторда жұмыс істеймін",
             "Работаю в государственном секторе", "Employed in the public sector"),
            ("private_sector", "Жеке секторда жалдамалы жұмыс істеймін",
             "Работаю по найму в частном секторе", "Employed in the private sector"),
            ("self_employed", "Жеке кәсіпкермін немесе өзін-өзі жұмыспен қамтыған адаммын",
             "Индивидуальный предприниматель или самозанятый(-ая)",
             "Entrepreneur or self-employed"),
            ("agriculture", "Ауыл шаруашылығында еңбек етемін", "Занят(-а) в сельском хозяйстве",
             "Working in agriculture"),
            ("student", "Оқимын", "Учусь", "Student"),
            ("pensioner", "Зейнеткермін", "Пенсионер(-ка)", "Retired"),
            ("unemployed", "Жұмыссызмын", "Безработный(-ая)", "Unemployed"),
            ("homemaker", "Үй шаруасындамын", "Домохозяйка / домохозяин", "Homemaker"),
            ("other", "Басқа", "Другое", "Other"),
        ]),
    ]


def _awareness_lists() -> list[Choice]:
    return [
        *choice_list("mediation_meaning", [
            ("neutral_helper", "Бейтарап делдал тараптардың өзара келісімге келуіне көмектеседі",
             "Нейтральный посредник помогает сторонам самим прийти к соглашению",
             "A neutral go-between helps the parties reach their own agreement"),
            ("third_party_decides", "Үшінші тарап дау бойынша міндетті шешім шығарады",
             "Третья сторона выносит обязательное решение по спору",
             "A third party makes a binding decision on the dispute"),
            ("court_hearing", "Сот отырысының бір түрі", "Разновидность судебного заседания",
             "A kind of court hearing"),
            ("legal_advice", "Заңгердің кеңесі немесе өкілдігі",
             "Консультация или представительство юриста",
             "Legal advice or representation by a lawyer"),
            ("other", "Басқа жауап", "Другой ответ", "Another answer"),
            ("dont_know", "Сипаттай алмайды", "Не может описать", "Cannot describe it"),
        ]),
        *choice_list("sources", [
            ("tv", "Теледидар", "Телевидение", "Television"),
            ("internet", "Интернет және әлеуметтік желілер", "Интернет и социальные сети",
             "Internet and social media"),
            ("newspapers", "Газеттер мен журналдар", "Газеты и журналы", "Newspapers and magazines"),
            ("friends_family", "Туыстар, достар, таныстар", "Родственники, друзья, знакомые",
             "Family, friends, acquaintances"),
            ("court", "Сот", "Суд", "Court"),
            ("employer", "Жұмыс беруші немесе әріптестер", "Работодатель или коллеги",
             "Employer or colleagues"),
            ("ngo", "Үкіметтік емес ұйым", "Неправительственная организация",
             "Non-governmental organisation"),
            ("akimat", "Әкімдік немесе Халыққа қызмет көрсету орталығы (ХҚКО)",
             "Акимат или Центр обслуживания населения (ЦОН)",
             "Akimat or public service centre"),
            ("other", "Басқа", "Другое", "Other"),
        ]),
        *choice_list("dispute_area", [
            ("family", "Отбасылық даулар (ажырасу, балалар, алимент)",
             "Семейные споры (развод, дети, алименты)",
             "Family disputes (divorce, children, maintenance)"),
            ("labour", "Еңбек даулары", "Трудовые споры", "Labour disputes"),
            ("land", "Жер даулары", "Земельные споры", "Land disputes"),
            ("commercial", "Кәсіпкерлік даулар", "Предпринимательские споры",
             "Commercial disputes"),
            ("neighbour", "Көршілер арасындағы даулар", "Споры между соседями",
             "Disputes between neighbours"),
            ("interethnic", "Ұлтаралық қақтығыстар", "Межэтнические конфликты",
             "Inter-ethnic conflicts"),
            ("minor_criminal", "Ауыр емес қылмыстық істер", "Уголовные дела небольшой тяжести",
             "Minor criminal cases"),
            DONT_KNOW,
            REFUSED,
        ], missing=MISSING),
        *choice_list("law_year", [
            ("y2005", "2005 жылы", "В 2005 году", "In 2005"),
            ("y2011", "2011 жылы", "В 2011 году", "In 2011"),
            ("y2015", "2015 жылы", "В 2015 году", "In 2015"),
            ("y2020", "2020 жылы", "В 2020 году", "In 2020"),
            DONT_KNOW,
        ]),
    ]


def _experience_lists() -> list[Choice]:
    return [
        *choice_list("dispute_kind", [
            ("family", "Отбасылық дау", "Семейный спор", "Family dispute"),
            ("labour", "Еңбек дауы", "Трудовой спор", "Labour dispute"),
            ("land", "Жер дауы", "Земельный спор", "Land dispute"),
            ("commercial", "Кәсіпкерлік дау", "Предпринимательский спор", "Commercial dispute"),
            ("interethnic", "Ұлтаралық қақтығыс", "Межэтнический конфликт",
             "Inter-ethnic conflict"),
            ("other", "Басқа", "Другое", "Other"),
        ]),
        *choice_list("mediator_kind", [
            ("professional", "Кәсіби медиатор", "Профессиональный медиатор",
             "A professional mediator"),
            ("non_professional", "Кәсіби емес медиатор (мысалы, ақсақал немесе қоғам өкілі)",
             "Непрофессиональный медиатор (например, аксакал или представитель общественности)",
             "A non-professional mediator (e.g. an elder or a community member)"),
            ("judge", "Судья (соттағы татуластыру рәсімі)", "Судья (примирительная процедура в суде)",
             "A judge (conciliation procedure in court)"),
            DONT_KNOW,
        ], missing=MISSING),
        *choice_list("outcome", [
            ("full_agreement", "Толық келісімге келдік", "Полным соглашением", "Full agreement"),
            ("partial_agreement", "Ішінара келісімге келдік", "Частичным соглашением",
             "Partial agreement"),
            ("no_agreement", "Келісімге келе алмадық", "Без соглашения", "No agreement"),
            ("ongoing", "Әлі аяқталған жоқ", "Ещё не завершилась", "Not finished yet"),
        ]),
        *choice_list("kept", [
            ("yes", "Толық орындалды", "Да, полностью", "Yes, fully"),
            ("partly", "Ішінара орындалды", "Частично", "Partly"),
            ("no", "Орындалмады", "Нет", "No"),
            DONT_KNOW,
        ], missing=MISSING),
        *choice_list("satisfied5", [*SATISFIED5, DONT_KNOW, REFUSED], missing=MISSING),
        *choice_list("agree5", [*AGREE5, DONT_KNOW, REFUSED], missing=MISSING),
    ]


def _barrier_and_campaign_lists() -> list[Choice]:
    return [
        *choice_list("barrier_reason", [
            ("not_aware", "Медиация туралы жеткілікті білмеймін",
             "Я недостаточно знаю о медиации", "I do not know enough about mediation"),
            ("prefer_court", "Сотқа жүгінгенді жөн көремін", "Предпочитаю обращаться в суд",
             "I prefer to go to court"),
            ("prefer_family", "Дауды туыстар арқылы шешкенді жөн көремін",
             "Предпочитаю решать споры через родственников",
             "I prefer to settle disputes through relatives"),
            ("distrust", "Медиаторларға сенбеймін", "Не доверяю медиаторам",
             "I do not trust mediators"),
            ("cost", "Бұл қымбат", "Это дорого", "It is expensive"),
            ("no_mediators", "Жақын жерде медиатор жоқ", "Поблизости нет медиаторов",
             "There is no mediator nearby"),
            ("other", "Басқа себеп", "Другая причина", "Another reason"),
            ("none", "Ештеңе кедергі болмайды", "Ничто не помешает", "Nothing would stop me"),
            DONT_KNOW,
            REFUSED,
        ], missing=MISSING),
        *choice_list("channels", [
            ("tv", "Теледидар", "Телевидение", "Television"),
            ("radio", "Радио", "Радио", "Radio"),
            ("social_media", "Әлеуметтік желілер (Instagram, TikTok, Facebook т.б.)",
             "Социальные сети (Instagram, TikTok, Facebook и др.)",
             "Social media (Instagram, TikTok, Facebook, etc.)"),
            ("websites", "Жаңалық сайттары", "Новостные сайты", "News websites"),
            ("outdoor", "Билбордтар мен плакаттар", "Билборды и плакаты", "Billboards and posters"),
            ("leaflets", "Буклеттер мен парақшалар", "Буклеты и листовки",
             "Booklets and leaflets"),
            ("event", "Кездесу, семинар немесе тренинг", "Встреча, семинар или тренинг",
             "A meeting, seminar or training"),
            ("psc", "ХҚКО немесе әкімдік", "ЦОН или акимат", "Public service centre or akimat"),
            ("court", "Сот", "Суд", "Court"),
            ("other", "Басқа", "Другое", "Other"),
        ]),
        *choice_list("recall", [
            ("voluntary", "Медиация ерікті түрде жүргізіледі", "Медиация добровольна",
             "Mediation is voluntary"),
            ("faster_cheaper", "Медиация соттан жылдам әрі арзан",
             "Медиация быстрее и дешевле суда", "Mediation is quicker and cheaper than court"),
            ("keeps_relations", "Медиация қарым-қатынасты сақтауға көмектеседі",
             "Медиация помогает сохранить отношения", "Mediation helps preserve relationships"),
            ("confidential", "Медиация құпия жүргізіледі", "Медиация конфиденциальна",
             "Mediation is confidential"),
            ("where_to_find", "Медиаторды қайдан табуға болады", "Где найти медиатора",
             "Where to find a mediator"),
            ("law", "«Медиация туралы» Заң", "Закон «О медиации»", "The Law “On Mediation”"),
            ("other", "Басқа", "Другое", "Something else"),
            ("dont_remember", "Ештеңе есінде қалмаған", "Ничего не запомнилось",
             "Remembers nothing"),
        ]),
    ]


def _roster_lists() -> list[Choice]:
    """Lists of the household-disputes roster (``mediation_disputes``)."""
    return [
        *choice_list("household_dispute", [
            ("family", "Отбасылық (ерлі-зайыптылар, ата-ана мен балалар, туыстар арасында)",
             "Семейный (между супругами, родителями и детьми, родственниками)",
             "Family (between spouses, parents and children, relatives)"),
            ("labour", "Еңбек дауы (жұмыс берушімен немесе әріптестермен)",
             "Трудовой (с работодателем или коллегами)",
             "Labour (with an employer or colleagues)"),
            ("property", "Жер немесе мүлік дауы", "Земля или имущество", "Land or property"),
            ("neighbours", "Көршілермен дау", "С соседями", "With neighbours"),
            ("consumer", "Тұтынушылық немесе қарыз дауы (дүкен, банк, несие)",
             "Потребительский или долговой (магазин, банк, кредит)",
             "Consumer or debt (a shop, a bank, a loan)"),
            ("community", "Ұлтаралық немесе қауымдық дау (ауыл, аула тұрғындары арасында)",
             "Межэтнический или общинный (между жителями села, двора)",
             "Inter-ethnic or community (between people of a village or neighbourhood)"),
            ("other", "Басқа", "Другое", "Other"),
        ]),
        *choice_list("dispute_parties", [
            ("spouse", "Жұбайы немесе серіктесі", "Супруг(а) или партнёр(ша)",
             "Spouse or partner"),
            ("relatives", "Туыстар", "Родственники", "Relatives"),
            ("neighbours", "Көршілер", "Соседи", "Neighbours"),
            ("employer", "Жұмыс беруші немесе әріптестер", "Работодатель или коллеги",
             "Employer or colleagues"),
            ("officials", "Лауазымды адамдар немесе мемлекеттік органдар",
             "Должностные лица или государственные органы", "Officials or public bodies"),
            ("other", "Басқалар", "Другие", "Others"),
        ]),
        *choice_list("settled_by", [
            ("court", "Сот арқылы", "Через суд", "Through a court"),
            ("mediator", "Медиатордың көмегімен", "С помощью медиатора", "With a mediator"),
            ("officials", "Әкімдік немесе басқа лауазымды адамдар арқылы",
             "Через акимат или других должностных лиц",
             "Through the akimat or other officials"),
            ("elders", "Ақсақалдар кеңесі немесе үлкендер арқылы",
             "Через совет аксакалов или старейшин",
             "Through the aqsaqal council or elders"),
            ("themselves", "Тараптар өзара келісті", "Стороны договорились между собой",
             "The parties agreed between themselves"),
            ("not_settled", "Дау шешілген жоқ", "Спор не урегулирован", "Not settled"),
            ("other", "Басқа жолмен", "Другим способом", "Another way"),
        ]),
    ]


def all_choices() -> list[Choice]:
    """Every row of the choices sheet, list by list."""
    return [
        *_interviewer_lists(),
        *_demographic_lists(),
        *_awareness_lists(),
        *_experience_lists(),
        *_barrier_and_campaign_lists(),
        *_roster_lists(),
    ]
