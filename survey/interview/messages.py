"""Built-in validation messages of the interview engine in Kazakh, Russian and English.

Used when the form gives no ``required_message`` / ``constraint_message`` in the interview
language. Form languages that are not one of the three (e.g. ``English`` or ``""``) are mapped
to the nearest one, else English.
"""

from __future__ import annotations

MESSAGE_LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")

_MESSAGES: dict[str, dict[str, str]] = {
    "required": {
        "kk": "Бұл сұраққа жауап беру міндетті. Жауапты енгізіңіз.",
        "ru": "Ответ на этот вопрос обязателен. Введите ответ.",
        "en": "This question requires an answer. Enter an answer.",
    },
    "constraint": {
        "kk": "Бұл жауап қабылданбайды (шарт: {rule}). Жауапты тексеріп, түзетіңіз.",
        "ru": "Этот ответ не принят (условие: {rule}). Проверьте и исправьте ответ.",
        "en": "This answer is not accepted (rule: {rule}). Check the answer and correct it.",
    },
    "type.integer": {
        "kk": "«{value}» бүтін сан емес. Бүтін сан енгізіңіз, мысалы 12.",
        "ru": "«{value}» не является целым числом. Введите целое число, например 12.",
        "en": "“{value}” is not a whole number. Enter a whole number, e.g. 12.",
    },
    "type.decimal": {
        "kk": "«{value}» сан емес. Сан енгізіңіз, мысалы 12,5.",
        "ru": "«{value}» не является числом. Введите число, например 12,5.",
        "en": "“{value}” is not a number. Enter a number, e.g. 12.5.",
    },
    "type.date": {
        "kk": "«{value}» дұрыс күн емес. Күнді ЖЖЖЖ-АА-КК түрінде енгізіңіз, мысалы 2024-03-15.",
        "ru": "«{value}» не является датой. Введите дату в виде ГГГГ-ММ-ДД, например 2024-03-15.",
        "en": "“{value}” is not a date. Enter the date as YYYY-MM-DD, e.g. 2024-03-15.",
    },
    "type.text": {
        "kk": "Бұл сұраққа мәтін енгізіңіз.",
        "ru": "Введите в ответ на этот вопрос текст.",
        "en": "Enter text as the answer to this question.",
    },
    "type.acknowledge": {
        "kk": "Бұл сұрақ тек «OK» жауабын қабылдайды. Растау үшін «OK» таңдаңыз.",
        "ru": "Этот вопрос принимает только ответ «OK». Выберите «OK», чтобы подтвердить.",
        "en": "This question only accepts “OK”. Choose “OK” to confirm.",
    },
    "choice.unknown": {
        "kk": "«{value}» қолжетімді нұсқалардың арасында жоқ. Тізімдегі нұсқалардың бірін таңдаңыз.",
        "ru": "«{value}» нет среди доступных вариантов. Выберите один из вариантов списка.",
        "en": "“{value}” is not one of the available options. Choose one of the listed options.",
    },
    "choice.duplicate": {
        "kk": "«{value}» нұсқасы бірнеше рет таңдалған. Әр нұсқаны бір рет қана таңдаңыз.",
        "ru": "Вариант «{value}» выбран несколько раз. Выберите каждый вариант только один раз.",
        "en": "The option “{value}” is chosen more than once. Choose each option only once.",
    },
    "read_only": {
        "kk": "Бұл сұраққа жауап енгізілмейді: ол тек оқуға арналған немесе автоматты түрде есептеледі.",
        "ru": "Ответ на этот вопрос не вводится: он только для чтения или вычисляется автоматически.",
        "en": "This question takes no answer: it is read-only or calculated automatically.",
    },
}

_OTHER_LABEL: dict[str, str] = {"kk": "Басқа", "ru": "Другое", "en": "Other"}

# Language keys of forms that do not use the two-letter codes (``label::Kazakh``, ...).
_ALIASES: dict[str, str] = {
    "kazakh": "kk", "қазақша": "kk", "қазақ": "kk", "kaz": "kk",
    "russian": "ru", "русский": "ru", "rus": "ru",
    "english": "en", "eng": "en",
}


def message_language(language: str | None) -> str:
    """The built-in message language (kk, ru or en) nearest to a form language key."""
    key = (language or "").strip().lower()
    if key in MESSAGE_LANGUAGES:
        return key
    if "(" in key and key.endswith(")"):
        code = key[key.rindex("(") + 1 : -1].strip()
        if code in MESSAGE_LANGUAGES:
            return code
        key = key[: key.rindex("(")].strip()
    return _ALIASES.get(key, "en")


def builtin_message(code: str, language: str | None, **fields: str) -> str:
    """The built-in message for a validation ``code`` in the language nearest to ``language``."""
    table = _MESSAGES.get(code)
    if table is None:
        raise KeyError(f"no built-in interview message for code '{code}'")
    return table[message_language(language)].format(**fields)


def other_label(language: str | None) -> str:
    """The label of the ``other`` option that ``or_other`` adds to a choice list."""
    return _OTHER_LABEL[message_language(language)]


def message_codes() -> frozenset[str]:
    """Every validation code that has a built-in message."""
    return frozenset(_MESSAGES)
