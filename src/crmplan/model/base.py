"""Shared building blocks of the plan models: the strict base class and value types."""

from __future__ import annotations

import datetime as dt
import enum
import os
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, model_validator

from crmplan.i18n import _
from crmplan.languages import CODES
from crmplan.quoting import shown

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
BLANK_PATTERN = r"\S"  # text must hold something other than spaces
# Patterns are ECMAScript regular expressions with the u flag too (JSON Schema clients,
# editors), where escaping a character that needs no escape, such as \", is an error.
_ADDRESS_PART = "[^@\\s<>\"':]+"  # no @, white space, angle brackets, quotes or colon
EMAIL_PATTERN = rf"^{_ADDRESS_PART}@{_ADDRESS_PART}\.{_ADDRESS_PART}$"
RULE_CODE_PATTERN = r"^CRM[0-9]{3}$"  # a rule of crmplan.rules, such as CRM401


# Each model's validator is built when it is first used, not when its module is imported:
# a plan read back from the cache (crmplan.plan.cache) needs none, and a plan validated
# whole builds one for the plan instead of one for each of its 72 models.
# CRMPLAN_EAGER_MODELS=1 builds them all at import, as pydantic does by default (the test
# suite runs part of itself both ways).
EAGER_MODELS = "CRMPLAN_EAGER_MODELS"


class Model(BaseModel):
    """Base of every plan model: unknown keys are errors, never ignored."""

    model_config = ConfigDict(
        defer_build=os.environ.get(EAGER_MODELS, "") in ("", "0"),
        extra="forbid",
        validate_default=False,
        populate_by_name=False,
        use_enum_values=False,
        ser_json_inf_nan="strings",
    )


# Bounds given to a field's ``Field(...)`` lose to those of its type: pydantic puts the
# field's own constraints first and the type's after them, and the last ``ge`` wins
# (pydantic issue 10507), so ``Whole = described(..., ge=1)`` allowed -10**15. A field
# narrows its type in the annotation instead: ``Annotated[Whole, Field(ge=1, le=12)]``.
_BOUNDS = frozenset({"ge", "gt", "le", "lt", "min_length", "max_length", "pattern",
                     "multiple_of", "allow_inf_nan"})


def _no_bounds(kwargs: dict[str, Any]) -> None:
    given = sorted(_BOUNDS & kwargs.keys())
    if given:
        raise TypeError(f"bounds ({', '.join(given)}) belong in the field's annotation: "
                        "Annotated[Whole, Field(ge=1)]; given here, the type's own win")


def described(description: str, default: Any = None, **kwargs: Any) -> Any:
    """A pydantic ``Field`` that always carries a description (for the JSON Schema).
    Bounds go in the annotation, never here (see ``_BOUNDS``)."""
    _no_bounds(kwargs)
    if "default_factory" in kwargs:
        return Field(description=description, **kwargs)
    return Field(default, description=description, **kwargs)


def required(description: str, **kwargs: Any) -> Any:
    """A required pydantic ``Field`` with a description."""
    _no_bounds(kwargs)
    return Field(..., description=description, **kwargs)


def items(description: str, **kwargs: Any) -> Any:
    """An optional list field that defaults to empty."""
    _no_bounds(kwargs)
    return Field(default_factory=list, description=description, **kwargs)


def _check_url(value: str) -> str:
    if not value.lower().startswith("https://"):
        bare = value.split("://", 1)[-1]
        raise ValueError(_("only https:// links are allowed; write https://{link}").format(
            link=shown(bare)))
    if re.search(r"[\s<>\"']", value):
        raise ValueError(_("a link must not contain spaces, quotes or angle brackets"))
    if not _host(value):
        raise ValueError(_("a link needs a host after https://, e.g. https://www.example.com"))
    return value


def _host(link: str) -> str:
    """The host of an https link ('' when there is none, as in ``https://`` or
    ``https://:443``)."""
    from urllib.parse import urlsplit

    try:
        return urlsplit(link).hostname or ""
    except ValueError:  # a port that is not a number, an unclosed [
        return ""


def check_order(low: float | None, high: float | None) -> None:
    """A lowest value above the highest is a mistake (``{min: 100, max: 0}``)."""
    if low is not None and high is not None and low > high:
        raise ValueError(_("min {min} is greater than max {max}").format(
            min=_plain_number(low), max=_plain_number(high)))


def _plain_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _check_currency(code: str) -> str:
    from babel.numbers import is_currency

    if not is_currency(code):
        raise ValueError(_("'{code}' is not an ISO 4217 currency code (KRW, USD, CNY, ...)")
                         .format(code=shown(code)))
    return code


Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        description="A short identifier: letters, digits, '_', '-' or '.', at most 64.",
    ),
]
TEXT_LIMIT = 20_000  # characters of a plan's text (a description, a note, a finding)
NAME_LIMIT = 200  # characters of a name
Text = Annotated[str, Field(min_length=1, max_length=TEXT_LIMIT, pattern=BLANK_PATTERN)]
Name = Annotated[str, Field(min_length=1, max_length=NAME_LIMIT, pattern=BLANK_PATTERN)]
Url = Annotated[str, Field(max_length=2_000), AfterValidator(_check_url)]
Email = Annotated[str, Field(max_length=320, pattern=EMAIL_PATTERN)]
# Scalars are strict: a quoted '12' is not a number, 'yes' is not true, '2026-01-31'
# in quotes is not a date. YAML already gives each unquoted value its type.
# No figure of a plan is larger than a quadrillion (a thousand trillion), in any unit or
# currency; anything larger is a typing mistake, and beyond 1e26 arithmetic on it fails.
LARGEST = 10**15
Percent = Annotated[float, Strict(), Field(ge=0, le=100, allow_inf_nan=False)]
Money = Annotated[float, Strict(), Field(ge=0, le=LARGEST, allow_inf_nan=False)]
Number = Annotated[float, Strict(), Field(ge=-LARGEST, le=LARGEST, allow_inf_nan=False)]
Score = Annotated[float, Strict(), Field(allow_inf_nan=False)]
Weight = Annotated[float, Strict(), Field(ge=0, le=1_000, allow_inf_nan=False)]
Level = Annotated[int, Strict(), Field(ge=1, le=5)]
Emotion = Annotated[int, Strict(), Field(ge=-2, le=2)]
Whole = Annotated[int, Strict(), Field(ge=-LARGEST, le=LARGEST)]
Flag = Annotated[bool, Strict()]
Date = Annotated[dt.date, Strict()]
CurrencyCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$"), AfterValidator(_check_currency)]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
RuleCode = Annotated[str, Field(pattern=RULE_CODE_PATTERN)]


def registry_enum(name: str, doc: str, values: Iterable[str], module: str) -> Any:
    """A text enum of a registry's values, in its order (a member ``RETENTION_RATE`` for
    ``retention_rate``), defined in ``module``. The type checker sees the class declared
    under ``TYPE_CHECKING`` beside each call; pydantic and the JSON Schema, this one."""
    made = enum.Enum(name, [(value.upper(), value) for value in values],  # type: ignore[misc]
                     type=str, module=module, qualname=name)
    made.__doc__ = doc
    return made


if TYPE_CHECKING:
    class Language(str, enum.Enum):
        ...
else:
    Language = registry_enum("Language", "The languages crmplan writes deliverables in.",
                             CODES, __name__)


class Answer(str, enum.Enum):
    """A consultant's answer to a yes/no question about the client."""

    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    UNKNOWN = "unknown"


class Evidence(str, enum.Enum):
    """Where a statement about customers comes from: researched or assumed."""

    SURVEY = "survey"
    INTERVIEW = "interview"
    ANALYTICS = "analytics"
    OBSERVATION = "observation"
    STAFF = "staff"
    ASSUMED = "assumed"


class Channel(str, enum.Enum):
    """A channel through which the client and its customers meet."""

    WEB = "web"
    APP = "app"
    PHONE = "phone"
    KAKAOTALK = "kakaotalk"
    WECHAT = "wechat"
    LINE = "line"
    WHATSAPP = "whatsapp"
    EMAIL = "email"
    SMS = "sms"
    IN_PERSON = "in_person"
    SOCIAL = "social"
    ADVERTISING = "advertising"
    SEARCH = "search"
    MARKETPLACE = "marketplace"
    CHATBOT = "chatbot"
    VIDEO_CALL = "video_call"
    POST = "post"
    EVENT = "event"
    REFERRAL = "referral"
    PARTNER = "partner"
    SALES_REP = "sales_rep"
    OTHER = "other"


class Scale(Model):
    """The range of scores raters may give."""

    min: Whole = described("Lowest score a rater may give.", 1)
    max: Whole = described("Highest score a rater may give.", 5)

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if self.min >= self.max:
            raise ValueError("the scale's min must be lower than its max")
        return self


class Person(Model):
    """Someone on the client's or the consultant's side."""

    name: Name = required("Full name as it should appear in deliverables.")
    role: Name | None = described("Job title or role in the engagement.")
    email: Email | None = described("E-mail address.")
