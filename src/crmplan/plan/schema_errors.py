"""Turn pydantic's validation errors into located, plain-language issues.

Each error points where the user must look: an unknown key at the key (with
"did you mean"), a missing field at the mapping that lacks it, a wrong value
at the value.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

from crmplan import rules
from crmplan.errors import Issue
from crmplan.findings import FixHint, Rule
from crmplan.i18n import _
from crmplan.model.base import BLANK_PATTERN, EMAIL_PATTERN, RULE_CODE_PATTERN
from crmplan.model.data import (
    DATE_CODES,
    DATE_FORMAT_PATTERN,
    DELIMITER_PATTERN,
    unknown_date_code,
)
from crmplan.plan.source import PlanPath, SourceMap, display_path
from crmplan.quoting import closest, shown

_NUMBER_TEXT = re.compile(r"^[-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?$")
_WHOLE_TEXT = re.compile(r"^[-+]?\d+$")
_BOOL_TEXT = re.compile(r"^(true|false)$", re.IGNORECASE)
_DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_FIRST = re.compile(r"^(\d{4})[./-](\d{1,2})[./-](\d{1,2})\.?$")


def issues_from_validation(
    error: ValidationError, data: Any, source: SourceMap, root: type[BaseModel]
) -> list[Issue]:
    """One issue per pydantic error, located in the plan file."""
    return [_issue(err, data, source, root) for err in error.errors(include_url=False)]


def _issue(err: Any, data: Any, source: SourceMap, root: type[BaseModel]) -> Issue:
    loc = tuple(err["loc"])
    kind = err["type"]
    if "[key]" in loc:
        key_path = loc[: loc.index("[key]")]
        return _located(source, data, key_path, source.key(key_path), rules.BAD_KEY,
                        _bad_key_message(err))
    path: PlanPath = tuple(p for p in loc if isinstance(p, (str, int)))
    if kind == "missing":
        parent = path[:-1]
        mark = source.key(parent) if parent else source.value(())
        message = _("required field '{field}' is missing").format(field=path[-1])
        hint = _("add '{field}:' here").format(field=path[-1])
        return _located(source, data, parent, mark, rules.MISSING_FIELD, message, hint)
    if kind == "extra_forbidden":
        return _unknown_field(source, data, path, root)
    message, hint = _value_message(err, source, path)
    return _located(source, data, path, source.value(path), _rule(err), message, hint)


def _located(source: SourceMap, data: Any, path: PlanPath, mark: Any, rule: Rule,
             message: str, hint: str = "") -> Issue:
    return Issue(file=source.file, line=mark.line, column=mark.column, message=message,
                 path=display_path(path, data), hint=hint, rule=rule)


def _rule(err: Any) -> Rule:
    """The rule of a value's error: its kind's, blank text's own, else invalid_value."""
    kind = err["type"]
    if kind == "string_pattern_mismatch" and (err.get("ctx") or {}).get(
            "pattern") == BLANK_PATTERN:
        return rules.EMPTY_VALUE
    return _MESSAGES[kind][1] if kind in _MESSAGES else rules.INVALID_VALUE


def _unknown_field(
    source: SourceMap, data: Any, path: PlanPath, root: type[BaseModel]
) -> Issue:
    name = str(path[-1])
    known = fields_at(root, path[:-1])
    message = _("unknown field '{field}'").format(field=shown(name))
    close = closest(name, known)
    hint: str
    if close:
        hint = FixHint(_("did you mean '{field}'?").format(field=close), close)
    elif known:
        hint = _("fields allowed here: {fields}").format(fields=", ".join(sorted(known)))
    else:
        hint = ""
    return _located(source, data, path, source.key(path), rules.UNKNOWN_FIELD, message, hint)


def fields_at(root: type[BaseModel], path: PlanPath) -> list[str]:
    """The field names of the model found at ``path`` below ``root`` (empty if none)."""
    model: Any = root
    for key in path:
        if isinstance(key, int) or model is None:
            continue
        field = model.model_fields.get(key)
        model = _model_in(field.annotation) if field is not None else None
    return list(model.model_fields) if model is not None else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def _value_message(err: Any, source: SourceMap, path: PlanPath) -> tuple[str, str]:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind in _MESSAGES:
        return _MESSAGES[kind][0](ctx, err.get("input"), source.snippet(path))
    return _generic(err), ""


def _generic(err: Any) -> str:
    text = str(err.get("msg", "invalid value"))
    return text.removeprefix("Value error, ")


def _text_expected(_ctx: dict[str, Any], value: Any, snippet: str | None) -> tuple[str, str]:
    message = _("expected text, got {kind}").format(kind=describe(value))
    if snippet and _NUMBER_TEXT.match(snippet):
        return message, _("put it in quotes to keep it as written: '{text}'").format(
            text=shown(snippet))
    if value is None:
        return message, _("write a value or remove the key")
    if isinstance(value, (bool, int, float)):
        return message, _("put the value in quotes")
    return message, ""


def _number_expected(_ctx: dict[str, Any], value: Any, _snippet: str | None) -> tuple[str, str]:
    return _("expected a number, got {kind}").format(kind=describe(value)), _unquote_hint(
        value, _NUMBER_TEXT) or _("write digits only, e.g. 12.5 (no units, no percent sign)")


def _int_expected(_ctx: dict[str, Any], value: Any, _snippet: str | None) -> tuple[str, str]:
    hint = _unquote_hint(value, _WHOLE_TEXT)
    if not hint and isinstance(value, float):
        hint = _("write a whole number, without decimals")
    return _("expected a whole number, got {kind}").format(kind=describe(value)), hint


def _bool_expected(_ctx: dict[str, Any], value: Any, _snippet: str | None) -> tuple[str, str]:
    return _("expected true or false, got {kind}").format(kind=describe(value)), _unquote_hint(
        value, _BOOL_TEXT) or _("write true or false, without quotes")


def _date_expected(_ctx: dict[str, Any], value: Any, _snippet: str | None) -> tuple[str, str]:
    return _("expected a date, got {kind}").format(kind=describe(value)), _unquote_hint(
        value, _DATE_TEXT) or _year_first_hint(value) or _(
            "write dates as YYYY-MM-DD, e.g. 2026-03-31")


def _year_first_hint(value: Any) -> str:
    """A date written year first with other separators (2026/3/31, 2026.03.31): the one
    way to write it. Day-first and month-first dates are ambiguous, and get no fix."""
    match = _YEAR_FIRST.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        return ""
    try:
        day = dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return ""  # no such day: the general hint
    return FixHint(_("write dates as YYYY-MM-DD: {date}").format(date=day.isoformat()),
                   day.isoformat())


def _unquote_hint(value: Any, shape: re.Pattern[str]) -> str:
    """For a quoted value that would be right without its quotes: say so."""
    if isinstance(value, str) and shape.match(value.strip()):
        return FixHint(_("remove the quotes: write {text} without them").format(
            text=shown(value.strip())), value.strip())
    return ""


def _choice_expected(ctx: dict[str, Any], value: Any, _snippet: str | None) -> tuple[str, str]:
    expected = str(ctx.get("expected", "")).replace("'", "")
    options = [o.strip() for o in re.split(r",| or ", expected) if o.strip()]
    message = _("'{value}' is not one of: {options}").format(
        value=shown(value), options=", ".join(options))
    close = closest(value, options)
    return message, FixHint(_("did you mean '{option}'?").format(option=close),
                            close) if close else ""


def _list_expected(_ctx: dict[str, Any], value: Any, _snippet: str | None) -> tuple[str, str]:
    return _("expected a list, got {kind}").format(kind=describe(value)), _(
        "write each item on its own line starting with '- '")


def _mapping_expected(_ctx: dict[str, Any], value: Any, _snippet: str | None) -> tuple[str, str]:
    return _("expected a mapping of fields, got {kind}").format(kind=describe(value)), ""


def _too_small(ctx: dict[str, Any], _value: Any, _snippet: str | None) -> tuple[str, str]:
    limit = ctx.get("ge", ctx.get("gt"))
    return _("must be at least {limit}").format(limit=_number_text(limit)), ""


def _too_large(ctx: dict[str, Any], _value: Any, _snippet: str | None) -> tuple[str, str]:
    limit = ctx.get("le", ctx.get("lt"))
    return _("must be at most {limit}").format(limit=_number_text(limit)), ""


def _pattern(ctx: dict[str, Any], value: Any, _snippet: str | None) -> tuple[str, str]:
    pattern = str(ctx.get("pattern", ""))
    if pattern == BLANK_PATTERN:
        return _("must not be blank"), _("write a value")
    if pattern == RULE_CODE_PATTERN:
        return _("'{value}' is not a rule code").format(value=shown(value)), _(
            "write a code such as CRM401; docs/rules.md lists them")
    if pattern in (DATE_FORMAT_PATTERN, DELIMITER_PATTERN):
        return _setting_pattern(pattern, str(value))
    if pattern == EMAIL_PATTERN:
        return _("'{value}' is not an e-mail address").format(value=shown(value)), _(
            "write it as name@example.com")
    if "A-Z]{3}" in pattern:
        return _("'{value}' is not a currency code").format(value=shown(value)), _capitals(
            value, 3) or _(
            "use an ISO 4217 code such as KRW, USD or CNY")
    if "A-Z]{2}" in pattern:
        return _("'{value}' is not a country code").format(value=shown(value)), _capitals(
            value, 2) or _(
            "use an ISO 3166 code such as KR, US or CN")
    return _("'{value}' is not a valid id").format(value=shown(value)), _(
        "ids use ASCII letters, digits, '_', '-' and '.', start with a letter or digit, "
        "at most 64 characters")


def _setting_pattern(pattern: str, value: str) -> tuple[str, str]:
    """A data source's delimiter or date format that crmplan cannot read with."""
    if pattern == DELIMITER_PATTERN:
        return _("'{value}' is not a delimiter").format(value=shown(value)), _(
            "write one character, e.g. ';' or '|', or tab, or whitespace for runs of spaces")
    code = unknown_date_code(value)
    hint = _("write it with the codes crmplan reads: {codes}").format(
        codes=" ".join("%" + c for c in sorted(DATE_CODES, key=lambda c: (c.lstrip("-"), c))))
    if code == "%":
        return _("the format ends in a lone {mark}").format(mark="%"), hint
    if code:
        return _("'{code}' is not a date code crmplan can read").format(code=shown(code)), hint
    return _("'{value}' holds no date code").format(value=shown(value)), hint


def _empty(_ctx: dict[str, Any], _value: Any, _snippet: str | None) -> tuple[str, str]:
    return _("must not be empty"), _("write a value")


def _capitals(value: Any, length: int) -> str:
    """'krw' is KRW; 'China' is not CHINA but CN, which the fallback hint says."""
    if isinstance(value, str) and value.isascii() and value.isalpha() and (
            len(value) == length and not value.isupper()):
        return _("write it in capital letters: {code}").format(code=value.upper())
    return ""


def _too_long(ctx: dict[str, Any], _value: Any, _snippet: str | None) -> tuple[str, str]:
    return _("too long: at most {limit} characters").format(limit=ctx.get("max_length")), ""


def _schema_version(_ctx: dict[str, Any], value: Any, _snippet: str | None) -> tuple[str, str]:
    return _("schema_version must be 1, got {value}").format(value=describe(value)), ""


def describe(value: Any) -> str:
    """A value as a message names it: "the number 3", "the text 'x'", "a list"."""
    if value is None:
        return _("nothing (null)")
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, (int, float)):
        return _("the number {value}").format(value=value)
    if isinstance(value, str):
        return _("the text '{value}'").format(value=shown(value, 40))
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return _("a date") if hasattr(value, "isoformat") else _("a value")


def _bad_key_message(err: Any) -> str:
    return _("'{key}' is not a valid id for a key here").format(key=shown(err.get("input")))


_Builder = Callable[[dict[str, Any], Any, "str | None"], tuple[str, str]]
# pydantic's error kinds: the message and hint each gets, and the rule it belongs to
_MESSAGES: dict[str, tuple[_Builder, Rule]] = {
    "string_type": (_text_expected, rules.WRONG_TYPE),
    "float_type": (_number_expected, rules.WRONG_TYPE),
    "float_parsing": (_number_expected, rules.WRONG_TYPE),
    "int_type": (_int_expected, rules.WRONG_TYPE),
    "int_parsing": (_int_expected, rules.WRONG_TYPE),
    "int_from_float": (_int_expected, rules.WRONG_TYPE),
    "bool_type": (_bool_expected, rules.WRONG_TYPE),
    "bool_parsing": (_bool_expected, rules.WRONG_TYPE),
    "date_type": (_date_expected, rules.WRONG_TYPE),
    "date_parsing": (_date_expected, rules.WRONG_TYPE),
    "date_from_datetime_parsing": (_date_expected, rules.WRONG_TYPE),
    "date_from_datetime_inexact": (_date_expected, rules.WRONG_TYPE),
    "enum": (_choice_expected, rules.NOT_A_CHOICE),
    "list_type": (_list_expected, rules.WRONG_TYPE),
    "model_type": (_mapping_expected, rules.WRONG_TYPE),
    "model_attributes_type": (_mapping_expected, rules.WRONG_TYPE),
    "dict_type": (_mapping_expected, rules.WRONG_TYPE),
    "greater_than_equal": (_too_small, rules.OUT_OF_RANGE),
    "greater_than": (_too_small, rules.OUT_OF_RANGE),
    "less_than_equal": (_too_large, rules.OUT_OF_RANGE),
    "less_than": (_too_large, rules.OUT_OF_RANGE),
    "string_pattern_mismatch": (_pattern, rules.BAD_FORMAT),
    "string_too_short": (_empty, rules.EMPTY_VALUE),
    "string_too_long": (_too_long, rules.TOO_LONG),
    "literal_error": (_schema_version, rules.BAD_SCHEMA_VERSION),
    "finite_number": (lambda _c, v, _s: (_("'{v}' is not a finite number").format(v=shown(v)),
                                         ""), rules.INVALID_VALUE),
}


def _number_text(value: Any) -> str:
    """``100`` rather than ``100.0``; other values as they are."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
