"""Message codes of sealing (keys, envelopes, unsealing); sentences in ``messages/sealing.po``."""

from __future__ import annotations

from survey.errors import SurveyError
from survey.messages import Field, Location, MessageCode


class SealingCode(MessageCode):
    """What can go wrong with keys and sealed interviews, and what unsealing reports."""

    #: The public key text of a form or study setting is not an RSA public key.
    BAD_PUBLIC_KEY = ("sealing.bad_public_key", ())
    WEAK_PUBLIC_KEY = ("sealing.weak_public_key", ("bits", "minimum"))
    SHORT_PASSPHRASE = ("sealing.short_passphrase", ("minimum",))
    PASSPHRASES_DIFFER = ("sealing.passphrases_differ", ())
    NO_PASSPHRASE = ("sealing.no_passphrase", ("variable",))
    KEY_EXISTS = ("sealing.key_exists", ())
    CANNOT_WRITE_KEY = ("sealing.cannot_write_key", ("detail",))
    #: The private key file cannot be read, is not a key, or the passphrase is wrong.
    BAD_PRIVATE_KEY = ("sealing.bad_private_key", ())
    WRONG_PASSPHRASE = ("sealing.wrong_passphrase", ())
    #: An envelope sealed for another key than the one given.
    OTHER_KEY = ("sealing.other_key", ("uuid",))
    #: An envelope that is cut short, altered or not an envelope at all.
    DAMAGED = ("sealing.damaged", ("uuid",))
    #: An envelope that opened but does not hold an interview's rows as Kelisim writes them.
    BAD_CONTENT = ("sealing.bad_content", ("uuid",))
    #: ``kelisim keys create``: where the keys were written.
    KEYS_WRITTEN = ("sealing.keys_written", ("private", "public"))
    #: ``kelisim unseal`` summary.
    UNSEALED = ("sealing.unsealed", ("opened", "refused", "still_sealed"))
    #: Completed interviews sealed when a study key was set (``kelisim keys use``, demo).
    SEALED_NOW = ("sealing.sealed_now", ("count",))
    #: Exports and reports leave out interviews still sealed, and say how many.
    SEALED_LEFT_OUT = ("sealing.sealed_left_out", ("count",))
    #: The laptop refuses to show or change a sealed interview.
    SEALED = ("sealing.sealed", ("uuid",))
    #: Drafts of a sealed study: the answers of unfinished interviews are encrypted with a
    #: device key unlocked by the interviewer's passphrase (``survey.sealing.drafts``).
    DRAFTS_LOCKED = ("sealing.drafts_locked", ())
    DRAFTS_NO_PASSPHRASE = ("sealing.drafts_no_passphrase", ())
    DRAFTS_WRONG_PASSPHRASE = ("sealing.drafts_wrong_passphrase", ())
    DRAFTS_PASSPHRASE_EXISTS = ("sealing.drafts_passphrase_exists", ())
    #: Said when the passphrase is set: losing it loses the drafts.
    DRAFTS_PASSPHRASE_SET = ("sealing.drafts_passphrase_set", ())
    DRAFT_KEY_DAMAGED = ("sealing.draft_key_damaged", ())
    DRAFT_DAMAGED = ("sealing.draft_damaged", ("question",))


class SealingError(SurveyError):
    """A key or an envelope cannot be used."""

    code = "sealing"


def sealing_error(code: SealingCode, path: str | None = None, /, **fields: Field
                  ) -> SealingError:
    """A ``SealingError`` of ``code`` located in the file ``path`` (when given)."""
    return SealingError(code.message(Location(file=path), **fields))
