"""Cell values: input parsing (RAW / USER_ENTERED), formulas and rendering.

Cells are stored as Sheets ``CellData`` dicts (``userEnteredValue``,
``userEnteredFormat``, ``note``, ``dataValidation``).

Formulas: the text is stored and returned for ``FORMULA``.  For value
renders, plain arithmetic (numbers, ``+ - * / ^``, parentheses, e.g.
``=3/2``) is evaluated like Google does; any other formula (cell
references, functions) renders as its formula text.  That is a documented
limit of the fake, not Google behaviour.
"""

from __future__ import annotations

import ast
import datetime as dt
import operator
import re
from collections.abc import Callable
from typing import Any

from tests.fake_sheets.common import Json, json_number

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_PERCENT = re.compile(r"^([+-]?(\d+(\.\d*)?|\.\d+))%$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DOT_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_EPOCH = dt.datetime(1899, 12, 30)
#: Languages whose locales write decimals with a comma (``1,5``).
_COMMA_LANGS = frozenset(
    {"ru", "uk", "be", "kk", "de", "fr", "es", "it", "pt", "pl", "cs", "nl", "tr"}
)
_BINOPS: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}
_DIV_ZERO: Json = {
    "errorValue": {
        "type": "DIVIDE_BY_ZERO",
        "message": "Function DIVIDE parameter 2 cannot be zero.",
    }
}
_DATE_TOKENS = frozenset({"yyyy", "yy", "mm", "m", "dd", "d", "hh", "h", "ss", "s"})
_ERROR_TEXT = {"DIVIDE_BY_ZERO": "#DIV/0!", "VALUE": "#VALUE!", "REF": "#REF!", "NUM": "#NUM!"}


def decimal_comma(locale: str) -> bool:
    """Whether ``locale`` (e.g. ``ru_RU``) writes ``1,5``."""
    return locale.split("_", maxsplit=1)[0].lower() in _COMMA_LANGS


def parse_raw(value: Any) -> Json | None:
    """RAW input: strings stay strings; ``""`` clears the value."""
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, (int, float)):
        return {"numberValue": value}
    text = str(value)
    return {"stringValue": text} if text != "" else None


def parse_user_entered(value: Any, locale: str) -> tuple[Json | None, Json | None]:
    """USER_ENTERED input -> (userEnteredValue, numberFormat to apply or None).

    Numbers, percents, ``TRUE``/``FALSE``, ISO and ``dd.mm.yyyy`` dates are
    recognised; a leading ``=`` makes a formula; a leading ``'`` forces text.
    """
    if not isinstance(value, str):
        return parse_raw(value), None
    text = value.strip()
    if value == "":
        return None, None
    if value.startswith("'"):
        return {"stringValue": value[1:]}, None
    if value.startswith("=") and len(value) > 1:
        return {"formulaValue": value}, None
    if text.upper() in ("TRUE", "FALSE"):
        return {"boolValue": text.upper() == "TRUE"}, None
    return _parse_text(value, text, locale)


def _parse_text(value: str, text: str, locale: str) -> tuple[Json | None, Json | None]:
    plain = text.replace(",", ".") if decimal_comma(locale) and "." not in text else text
    if _NUMBER.match(plain):
        return {"numberValue": json_number(float(plain))}, None
    percent = _PERCENT.match(plain)
    if percent:
        decimals = len(percent.group(3) or ".") - 1
        pattern = "0" + ("." + "0" * decimals if decimals else "") + "%"
        number = json_number(float(percent.group(1)) / 100)
        return {"numberValue": number}, {"type": "PERCENT", "pattern": pattern}
    date = _parse_date(text)
    if date is not None:
        return {"numberValue": date[0]}, {"type": "DATE", "pattern": date[1]}
    return {"stringValue": value}, None


def _parse_date(text: str) -> tuple[int, str] | None:
    iso = _ISO_DATE.match(text)
    dotted = _DOT_DATE.match(text)
    try:
        if iso:
            year, month, day = (int(g) for g in iso.groups())
            return _serial(dt.datetime(year, month, day)), "yyyy-mm-dd"
        if dotted:
            day, month, year = (int(g) for g in dotted.groups())
            return _serial(dt.datetime(year, month, day)), "dd.mm.yyyy"
    except ValueError:
        return None
    return None


def _serial(moment: dt.datetime) -> int:
    return (moment - _EPOCH).days


def evaluate(formula: str) -> Json | None:
    """Evaluate plain arithmetic; ``None`` when the formula is out of scope."""
    expr = formula[1:].replace("^", "**").replace(",", ".")
    try:
        tree = ast.parse(expr, mode="eval")
        number = _eval_node(tree.body)
    except ZeroDivisionError:
        return dict(_DIV_ZERO)
    except (SyntaxError, ValueError, TypeError, OverflowError):
        return None
    return {"numberValue": json_number(number)}


def _eval_node(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        if isinstance(node.value, bool):
            raise ValueError("bool")
        return float(node.value)
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        return _BINOPS[type(node.op)](_eval_node(node.left), _eval_node(node.right))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        operand = _eval_node(node.operand)
        return -operand if isinstance(node.op, ast.USub) else operand
    raise ValueError("unsupported formula")


def effective_value(cell: Json | None) -> Json | None:
    """The calculated ExtendedValue of a cell (``None`` for empty cells).

    A formula the fake cannot evaluate yields ``{"stringValue": formula}``.
    """
    entered = cell.get("userEnteredValue") if cell else None
    if not entered:
        return None
    if "formulaValue" in entered:
        result = evaluate(entered["formulaValue"])
        return result if result is not None else {"stringValue": entered["formulaValue"]}
    return dict(entered)


def number_format(cell: Json | None) -> Json:
    """The cell's userEnteredFormat.numberFormat (or ``{}``)."""
    fmt = cell.get("userEnteredFormat") if cell else None
    return dict(fmt.get("numberFormat", {})) if isinstance(fmt, dict) else {}


def is_date_format(fmt: Json) -> bool:
    """Whether a numberFormat shows dates or times."""
    return fmt.get("type") in ("DATE", "TIME", "DATE_TIME")


def render(cell: Json | None, value_option: str, date_option: str, locale: str) -> Any:
    """One cell as the values API returns it; ``""`` for empty cells."""
    entered = cell.get("userEnteredValue") if cell else None
    if not entered:
        return ""
    if value_option == "FORMULA" and "formulaValue" in entered:
        return entered["formulaValue"]
    value = effective_value(cell) or {}
    fmt = number_format(cell)
    if value_option == "FORMATTED_VALUE":
        return format_value(value, fmt, locale)
    if "numberValue" in value:
        if is_date_format(fmt) and date_option == "FORMATTED_STRING":
            return format_value(value, fmt, locale)
        return json_number(value["numberValue"])
    if "errorValue" in value:
        return _ERROR_TEXT.get(value["errorValue"].get("type", ""), "#ERROR!")
    return value.get("boolValue", value.get("stringValue", ""))


def format_value(value: Json, fmt: Json, locale: str) -> str:
    """FORMATTED_VALUE text of an ExtendedValue under a numberFormat."""
    if "boolValue" in value:
        return "TRUE" if value["boolValue"] else "FALSE"
    if "errorValue" in value:
        return _ERROR_TEXT.get(value["errorValue"].get("type", ""), "#ERROR!")
    if "numberValue" not in value:
        return str(value.get("stringValue", ""))
    number = float(value["numberValue"])
    if is_date_format(fmt):
        return format_date(number, fmt, locale)
    text = _format_number(number, str(fmt.get("pattern", "")))
    return text.replace(".", ",") if decimal_comma(locale) else text


def _format_number(number: float, pattern: str) -> str:
    if not pattern:
        return general_number(number)
    percent = "%" in pattern
    if percent:
        number *= 100
    digits = pattern.split(".")[1] if "." in pattern else ""
    decimals = sum(1 for ch in digits if ch in "0#")
    grouping = "," in pattern.split(".", maxsplit=1)[0]
    body = f"{number:,.{decimals}f}" if grouping else f"{number:.{decimals}f}"
    prefix = re.match(r"^[^0#,.%]*", pattern.replace('"', ""))
    suffix = re.search(r"[^0#,.%]*$", pattern.replace('"', ""))
    head = prefix.group(0) if prefix else ""
    tail = suffix.group(0) if suffix else ""
    return head + body + ("%" if percent else "") + tail


def general_number(number: float) -> str:
    """Google's "Automatic" number format: ``2``, ``1.5``, ``0.3333333333``."""
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    text = f"{number:.10f}".rstrip("0").rstrip(".")
    if text in ("0", "-0") or abs(number) >= 1e15:
        return f"{number:.2E}"
    return text


def format_date(serial: float, fmt: Json, locale: str) -> str:
    """Render a date serial with a (subset of) Sheets date pattern."""
    pattern = str(fmt.get("pattern") or _default_date_pattern(fmt, locale))
    moment = _EPOCH + dt.timedelta(days=serial)
    tokens = re.findall(r"yyyy|yy|mm|m|dd|d|hh|h|ss|s|[^ymdhs]+", pattern, flags=re.IGNORECASE)
    out: list[str] = []
    last = ""
    for i, token in enumerate(tokens):
        out.append(_date_token(token, moment, _is_minutes(tokens, i, last)))
        if token.lower() in _DATE_TOKENS:
            last = token.lower()
    return "".join(out)


def _is_minutes(tokens: list[str], i: int, last: str) -> bool:
    """``m``/``mm`` means minutes right after hours or right before seconds."""
    if tokens[i].lower() not in ("m", "mm"):
        return False
    if last in ("h", "hh"):
        return True
    following = [t.lower() for t in tokens[i + 1 :] if t.lower() in _DATE_TOKENS]
    return bool(following) and following[0] in ("s", "ss")


def _default_date_pattern(fmt: Json, locale: str) -> str:
    day = "dd.mm.yyyy" if decimal_comma(locale) else "m/d/yyyy"
    if fmt.get("type") == "DATE_TIME":
        return day + " hh:mm:ss"
    return "hh:mm:ss" if fmt.get("type") == "TIME" else day


def _date_token(token: str, moment: dt.datetime, minutes: bool) -> str:
    lowered = token.lower()
    values = {
        "yyyy": f"{moment.year:04d}",
        "yy": f"{moment.year % 100:02d}",
        "dd": f"{moment.day:02d}",
        "d": str(moment.day),
        "hh": f"{moment.hour:02d}",
        "h": str(moment.hour),
        "ss": f"{moment.second:02d}",
        "s": str(moment.second),
    }
    if lowered in ("mm", "m"):
        number = moment.minute if minutes else moment.month
        return f"{number:02d}" if lowered == "mm" else str(number)
    return values.get(lowered, token)


def sort_key(cell: Json | None, descending: bool) -> tuple[int, Any]:
    """Sort key in Google's order: numbers, text, booleans; blanks always last."""
    value = effective_value(cell)
    if not value:
        return (3, 0)
    rank, key = _rank(value)
    if descending:
        return (2 - rank, _Reversed(key))
    return (rank, key)


def _rank(value: Json) -> tuple[int, Any]:
    if "numberValue" in value:
        return 0, float(value["numberValue"])
    if "boolValue" in value:
        return 2, bool(value["boolValue"])
    return 1, str(value.get("stringValue", "")).casefold()


class _Reversed:
    """Wraps a key so that ``sorted`` orders it descending."""

    def __init__(self, key: Any) -> None:
        self.key = key

    def __lt__(self, other: _Reversed) -> bool:
        return bool(other.key < self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reversed) and bool(self.key == other.key)

    __hash__ = None  # type: ignore[assignment]
