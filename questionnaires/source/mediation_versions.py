"""What changed in the bundled questionnaire from one version to the next, item by item.

Written to ``questionnaires/mediation_awareness_versions.json`` by ``build_mediation_awareness``;
reports compare two waves recorded on different versions only on the items marked comparable
here, and print the note of every item they leave out or compare despite a change.

Statuses: ``same`` (wording, answer options, filter and what the respondent has been told before
it are unchanged), ``reworded`` (wording or answer options changed), ``moved`` (same wording, but
asked in another place or after other information), ``new`` and ``dropped``. ``same`` items are
compared; any other is compared only when ``comparable`` is set, with a note saying why.
"""

from __future__ import annotations

from typing import NamedTuple

from questionnaires.source.xlsform_rows import T


class Change(NamedTuple):
    """How one item changed from the previous version (``name`` is the item's current name;
    for a dropped item, its name in the previous version)."""

    name: str
    status: str
    note: T | None = None
    comparable: bool | None = None  # None: compared only when status is "same"
    previous: str | None = None  # the item's name in the previous version, when renamed


CODES_ONLY = T(
    "Тек респондент өзі айтқанда ғана белгіленетін «Жауап беруге қиналамын» және «Жауап беруден "
    "бас тартты» кодтары қосылды (оқылмайды). 2026.1 нұсқасында мұндай жауап бос қалатын; "
    "екеуі де талдауда жауапсыз саналады, сондықтан жауаптар салыстырылады.",
    "Добавлены коды «Затрудняюсь ответить» и «Отказ от ответа», которые отмечаются, только "
    "если респондент сам так скажет (не зачитываются). В версии 2026.1 такой ответ оставался "
    "пустым; в анализе и то и другое считается пропуском, поэтому ответы сравниваются.",
    "“Don't know” and “Refused” codes were added, marked only when the respondent volunteers "
    "them (not read out). In 2026.1 such an answer was left empty; both count as missing in the "
    "analysis, so the answers are compared.",
)
CAMPAIGN_MOVED = T(
    "Енді анықтамаға дейін және медиация туралы басқа сұрақтардан бұрын қойылады. 2026.1 "
    "нұсқасында анықтама мен 40-қа жуық сұрақтан кейін қойылған, бұл ақпаратпен танысқанын "
    "айтатындардың үлесін арттырады; сондықтан салыстырылмайды.",
    "Теперь задаётся до определения и до других вопросов о медиации. В версии 2026.1 вопрос "
    "стоял после определения и примерно 40 вопросов о медиации, что завышает долю сообщивших о "
    "знакомстве с информацией; поэтому не сравнивается.",
    "Now asked before the definition and before any other question on mediation. In 2026.1 it "
    "came after the definition and about 40 questions on mediation, which inflates reported "
    "exposure; so it is not compared.",
)
EXPOSED_ONLY = T(
    "Ақпаратпен танысқандарға ғана қойылады, ал ол сұрақ орнын ауыстырды; сондықтан "
    "салыстырылмайды.",
    "Задаётся только тем, кто знаком с информацией, а этот вопрос перенесён; поэтому не "
    "сравнивается.",
    "Asked only of those exposed to the campaign, and that question moved; so it is not "
    "compared.",
)
INTRO = T(
    "2026.1 нұсқасындағы кіріспе медиацияны сипаттаған («дауларды бейтарап делдалдың көмегімен "
    "шешу»); 2026.2 нұсқасында тек тақырып аталады. Ескі кіріспеден кейін медиация туралы "
    "естімегендер де «иә» деп жауап беруі мүмкін еді; сондықтан салыстырылмайды.",
    "Вступление в версии 2026.1 описывало медиацию («урегулирование споров с помощью "
    "нейтрального посредника»); в версии 2026.2 называется только тема. После старого "
    "вступления «да» могли ответить и те, кто о медиации не слышал; поэтому не сравнивается.",
    "The 2026.1 introduction described mediation (“settling disputes with the help of a "
    "neutral go-between”); 2026.2 names only the topic. After the old introduction, people "
    "who had never heard of mediation could also say yes; so it is not compared.",
)
HEARD_BASE = T(
    "Медиация туралы естігендерге ғана қойылады, ал ол сұрақ салыстырылмайды (кіріспе "
    "өзгерді); сондықтан бұл да салыстырылмайды.",
    "Задаётся только тем, кто слышал о медиации, а этот вопрос не сравнивается (изменилось "
    "вступление); поэтому и этот не сравнивается.",
    "Asked only of those who had heard of mediation, which is not compared (the introduction "
    "changed); so neither is this.",
)
LABEL_ONLY = T(
    "Тек жазылуы түзетілді, мағынасы өзгерген жоқ; жауаптар салыстырылады.",
    "Исправлена только формулировка, смысл не изменился; ответы сравниваются.",
    "Only the wording was corrected, not the meaning; the answers are compared.",
)
INTERVIEWER_TEXT = T(
    "Интервьюер коды енді сан емес, далалық топ қалай жазса, солай жазылатын мәтін (мысалы, "
    "ALM-07 немесе аты-жөні); 2026.1 нұсқасындағы 1–999 сандарымен салыстырылмайды. Ол тек "
    "интервьюерді көрсетеді, талдауда пайдаланылмайды.",
    "Код интервьюера теперь не число, а текст в том виде, как его пишет полевая группа "
    "(например, ALM-07 или имя); с числами 1–999 версии 2026.1 не сравнивается. Он только "
    "указывает интервьюера и в анализе не используется.",
    "The interviewer code is now text as field teams write it (e.g. ALM-07 or a name) instead "
    "of a number from 1 to 999 as in 2026.1, so it is not compared. It only identifies the "
    "interviewer and is not analysed.",
)
SOCIETY_ITEM = T(
    "Бұл пікір медиацияны қолдану ниетін емес, мұндай қақтығыстар медиация арқылы шешілуі "
    "керек пе деген көзқарасты өлшейді, сондықтан енді «Медиацияның қоғамдағы рөлі» блогында "
    "тұр. Сұрақтың кіріспесі мен көрші пікірлер өзгерді; сондықтан салыстырылмайды.",
    "Утверждение измеряет не намерение обратиться к медиации, а мнение о том, следует ли решать "
    "такие конфликты через медиацию, поэтому теперь стоит в блоке «Роль медиации в обществе». "
    "Вводная часть вопроса и соседние утверждения изменились; поэтому не сравнивается.",
    "The statement measures whether such conflicts should be settled through mediation, not an "
    "intention to use it, so it now sits in the battery on mediation in society. The question "
    "stem and the neighbouring statements changed; so it is not compared.",
)
NEIGHBOURS = T(
    "«Жауап беруге қиналамын» және «Жауап беруден бас тартты» кодтары қосылды (оқылмайды), "
    "интервьюер жауап бермеуге болатынын еске сала алады; блоктағы алдындағы пікірлер "
    "өзгерген жоқ. Жауаптар салыстырылады; бас тарту жауапсыз саналады.",
    "Добавлены коды «Затрудняюсь ответить» и «Отказ от ответа» (не зачитываются), и "
    "интервьюер может напомнить, что можно не отвечать; предшествующие утверждения блока не "
    "изменились. Ответы сравниваются; отказы считаются пропусками.",
    "“Don't know” and “Refused” codes were added (not read out) and the interviewer may remind "
    "the respondent that they can decline; the statements before it in the battery are "
    "unchanged. The answers are compared; refusals count as missing.",
)
AFTER_SOCIETY = T(
    "Кодтар қосылды (оқылмайды); блокта алдында енді ұлтаралық және саяси қақтығыстар туралы "
    "екі пікір тұр. Тақырыбы басқа болғандықтан, жауаптар салыстырылады.",
    "Добавлены коды (не зачитываются); перед ним в блоке теперь стоят два утверждения о "
    "межэтнических и политических конфликтах. Тема другая, поэтому ответы сравниваются.",
    "Codes were added (not read out); the two statements on inter-ethnic and political "
    "conflict now come before it in the battery. Its subject differs, so the answers are "
    "compared.",
)

STEP_2026_2 = T(
    "Енді алдымен хабардарлық сұрақтары, одан кейін ақпараттық науқан туралы сұрақтар, содан "
    "соң медиацияның анықтамасы және көзқарас сұрақтары қойылады. Анықтамадан кейінгі "
    "сұрақтардың анықтамаға қатысты орны өзгерген жоқ.",
    "Теперь сначала задаются вопросы об осведомлённости, затем об информационной кампании, "
    "потом зачитывается определение медиации и идут вопросы об отношении к ней. Положение "
    "вопросов после определения относительно него не изменилось.",
    "Awareness is now asked first, then the campaign questions, then the definition of "
    "mediation and the attitude questions. Questions after the definition keep their place "
    "relative to it.",
)

_SAME = ("wave", "sampling_point", "interview_date", "consent", "consent_refused", "region",
         "settlement", "sex", "age", "age_group", "education", "ethnicity", "home_language",
         "occupation", "knows_where_mediator", "court_experience", "used_mediation",
         "dispute_kind", "dispute_kind_other", "mediator_kind", "agreement_kept",
         "barriers_main_other", "callback_ok", "respondent_phone", "interview_language",
         "interviewer_comments", "end_note")
_CODES_ONLY = ("mediation_areas", "satisfaction", "recommend", "mediation_effective",
               "mediators_impartial", "trust_mediators", "trust_courts", "mediation_faster",
               "mediation_cheaper", "keeps_relations", "use_family", "use_labour", "use_land",
               "use_commercial", "barrier_awareness", "barrier_culture", "barrier_distrust",
               "barrier_cost", "barrier_mediators", "barrier_enforcement", "barriers_main")


def changes_2026_2() -> list[Change]:
    """Every item of 2026.1 and 2026.2 and how it changed."""
    return [
        *(Change(name, "same") for name in _SAME),
        *(Change(name, "reworded", CODES_ONLY, True) for name in _CODES_ONLY),
        Change("interviewer_id", "reworded", INTERVIEWER_TEXT),
        Change("ethnicity_other", "reworded", LABEL_ONLY, True),
        Change("outcome", "reworded", LABEL_ONLY, True),
        Change("cooperation", "reworded", LABEL_ONLY, True),
        Change("consent_intro", "reworded", INTRO),
        Change("heard_mediation", "moved", INTRO),
        Change("can_describe", "moved", INTRO),
        Change("info_sources", "moved", HEARD_BASE),
        Change("info_sources_other", "moved", HEARD_BASE),
        Change("campaign_exposed", "moved", CAMPAIGN_MOVED),
        Change("campaign_channels", "moved", EXPOSED_ONLY),
        Change("campaign_channels_other", "moved", EXPOSED_ONLY),
        Change("campaign_recall", "reworded", EXPOSED_ONLY),
        Change("campaign_recall_text", "reworded", EXPOSED_ONLY),
        Change("campaign_clear", "new", _CAMPAIGN_SPLIT),
        Change("campaign_useful", "reworded", _CAMPAIGN_SPLIT),
        Change("campaign_action", "dropped", _ACTION_SPLIT),
        Change("campaign_sought_info", "new", _ACTION_SPLIT),
        Change("campaign_contacted", "new", _ACTION_SPLIT),
        Change("mediation_definition", "moved", STEP_2026_2),
        Change("knows_law_2011", "dropped", _LAW),
        Change("heard_law", "new", _LAW),
        Change("law_year", "new", _LAW),
        Change("knows_court_mediation", "reworded", _COURT),
        Change("scale_instruction", "new", CODES_ONLY),
        Change("prevent_escalation", "reworded", NEIGHBOURS, True),
        Change("interethnic_harmony", "reworded", NEIGHBOURS, True),
        Change("support_interethnic", "moved", SOCIETY_ITEM, previous="use_interethnic"),
        Change("support_political", "moved", SOCIETY_ITEM, previous="use_political"),
        Change("intl_mediator_role", "reworded", AFTER_SOCIETY, True),
        Change("state_support", "reworded", AFTER_SOCIETY, True),
    ]


_CAMPAIGN_SPLIT = T(
    "«Ақпарат түсінікті әрі пайдалы болды» деген бір пікір екі нәрсені бірге сұрайтын; енді "
    "екі бөлек пікір. Салыстырылмайды.",
    "Утверждение «Информация была понятной и полезной» спрашивало о двух вещах сразу; теперь "
    "это два отдельных утверждения. Не сравнивается.",
    "“The information was clear and useful” asked two things at once; it is now two separate "
    "statements. Not compared.",
)
_ACTION_SPLIT = T(
    "«Ақпарат іздедіңіз бе немесе медиаторға хабарластыңыз ба?» деген сұрақ екі әрекетті бірге "
    "сұрайтын; енді екі бөлек сұрақ. Салыстырылмайды.",
    "Вопрос «Искали ли вы информацию или обращались к медиатору?» спрашивал о двух действиях "
    "сразу; теперь это два отдельных вопроса. Не сравнивается.",
    "“Did you look for information or contact a mediator?” asked about two actions at once; it "
    "is now two separate questions. Not compared.",
)
_LAW = T(
    "«2011 жылы Заң қабылданғанын білесіз бе?» деген сұрақ жауапты өзі айтып тұрды. Оның "
    "орнына: респондент медиация туралы қандай да бір заң туралы естіді ме, содан кейін "
    "қате жылдары бар бейтарап тексеру сұрағы. Салыстырылмайды.",
    "Вопрос «Знаете ли вы, что в 2011 году принят Закон…?» подсказывал ответ. Вместо него: "
    "слышал ли респондент о каком-либо законе о медиации, затем нейтральный проверочный вопрос "
    "с неверными годами среди вариантов. Не сравнивается.",
    "“Do you know that a Law was adopted in 2011?” suggested the answer. Instead: whether the "
    "respondent has heard of any law on mediation, then a neutral check with wrong years among "
    "the answers. Not compared.",
)
_COURT = T(
    "«Тараптар ... медиацияға жүгіне алатынын білесіз бе?» деген тұжырым жауапты айтып тұрды; "
    "енді сұрақ бейтарап. Салыстырылмайды.",
    "Формулировка «Знаете ли вы, что стороны могут…» подсказывала ответ; теперь вопрос "
    "нейтральный. Не сравнивается.",
    "“Do you know that the parties can …” suggested the answer; the question is now neutral. "
    "Not compared.",
)

STEP_2026_3 = T(
    "Сауалнаманың соңына, жабу бөлімінің алдына үй ішіндегі соңғы бес жылдағы даулар туралы "
    "қысқа тізім қосылды. 2026.2 нұсқасының сұрақтары, олардың реті мен алдында айтылатын "
    "мәтін өзгерген жоқ, сондықтан бәрі салыстырылады.",
    "В конец анкеты, перед завершающим блоком, добавлен короткий перечень споров в "
    "домохозяйстве за последние пять лет. Вопросы версии 2026.2, их порядок и всё, что "
    "респондент слышит перед ними, не изменились, поэтому все они сравниваются.",
    "A short roster of the household's disputes in the last five years was added at the end, "
    "before the closing section. The questions of 2026.2, their order and what the respondent "
    "hears before them are unchanged, so all of them are compared.",
)
ROSTER_NEW = T(
    "2026.3 нұсқасында қосылған үй ішіндегі даулар тізімінің сұрағы; бұрынғы нұсқаларда "
    "қойылмаған, сондықтан салыстырылмайды.",
    "Вопрос перечня споров в домохозяйстве, добавленного в версии 2026.3; в прежних версиях "
    "не задавался, поэтому не сравнивается.",
    "A question of the household-disputes roster added in 2026.3; earlier versions did not ask "
    "it, so it is not compared.",
)
#: The items of the household-disputes roster (``mediation_disputes``), new in 2026.3.
ROSTER_ITEMS = ("household_dispute", "dispute_count", "dispute_type", "dispute_parties",
                "dispute_settled", "dispute_mediator", "dispute_satisfaction", "dispute_year")


def changes_2026_3() -> list[Change]:
    """Every item of 2026.2 kept as it was, and the roster's new items."""
    kept = sorted({c.name for c in changes_2026_2() if c.status != "dropped"})
    return [*(Change(name, "same") for name in kept),
            *(Change(name, "new", ROSTER_NEW) for name in ROSTER_ITEMS)]


#: (previous version, version, note on the whole step, changes) in order.
STEPS: list[tuple[str, str, T, list[Change]]] = [
    ("2026.1", "2026.2", STEP_2026_2, changes_2026_2()),
    ("2026.2", "2026.3", STEP_2026_3, changes_2026_3()),
]
