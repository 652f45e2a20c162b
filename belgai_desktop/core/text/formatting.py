"""Locale formatting through babel: dates with their precision, money, numbers, lists.

The locales are Belgian (nl_BE, fr_BE, de_BE) and English (en_GB style dates).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Literal

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.lists import format_list as _babel_format_list
from babel.numbers import format_currency, format_decimal, get_currency_symbol

from belgai_desktop.core.data import vocab
from belgai_desktop.core.i18n import pgettext


@cache
def babel_locale(lang: str) -> Locale:
    return Locale.parse(vocab.LOCALES.get(lang, vocab.LOCALES[vocab.DEFAULT_LANGUAGE]))


def format_date(value: str | dt.date, lang: str, precision: str | None = None) -> str:
    """'2022-10-28' → '28 October 2022' / '28 oktober 2022' / '28 octobre 2022' /
    '28. Oktober 2022'; a month-precision date prints as 'July 2019', a year as '2019'."""
    if isinstance(value, dt.date):
        date, precision = value, precision or "day"
    else:
        parts = [int(p) for p in value.split("-")]
        precision = precision or ("day", "month", "year")[3 - len(parts)]
        date = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    loc = babel_locale(lang)
    if precision == "year":
        return str(date.year)
    if precision == "month":
        return _babel_format_date(date, "LLLL y", locale=loc)
    text = _babel_format_date(date, "long", locale=loc)
    if lang == "fr" and date.day == 1 and text.startswith("1 "):
        text = "1er" + text[1:]  # French writes the first of the month as an ordinal: "1er juillet 2019"
    return text


def format_points(value: float, lang: str) -> str:
    """A type size in the language's number format, one decimal: "4.3" / "4,3"."""
    return format_decimal(round(value, 1), format="0.0", locale=babel_locale(lang))


def format_money(amount: float, currency: str, lang: str, compact: bool = False) -> str:
    loc = babel_locale(lang)
    if compact and amount >= 1_000_000:
        return _format_compact_money(amount, currency, lang)
    if amount == int(amount):  # whole amounts print without cents: "€ 875.000"
        pattern = loc.currency_formats["standard"].pattern.split(";")[0]
        pattern = pattern.replace(".00", "").replace(",00", "")
        return format_currency(amount, currency, locale=loc, format=pattern, currency_digits=False)
    return format_currency(amount, currency, locale=loc)


# Compact amounts are written by these patterns, not by CLDR's compact data, which changes
# between babel releases (babel 2.19 turned en_GB's "€30M" into "€30m"). English uses a
# capital M: lower-case "m" is also the metre, and readers in Belgium know "M" from
# "M €" and "Mio.". nl/fr/de follow the Belgian usage of the official texts.
_COMPACT_MONEY = {
    "en": ("{symbol}{number}M", "{symbol}{number}B"),
    "nl": ("{symbol}\u00a0{number}\u00a0mln.", "{symbol}\u00a0{number}\u00a0mld."),
    "fr": ("{number}\u00a0M\u00a0{symbol}", "{number}\u00a0Md\u00a0{symbol}"),
    "de": ("{number}\u00a0Mio.\u00a0{symbol}", "{number}\u00a0Mrd.\u00a0{symbol}"),
}


def _format_compact_money(amount: float, currency: str, lang: str) -> str:
    """14_200_000 → '€14.2M' / '€ 14,2 mln.' / '14,2 M €' / '14,2 Mio. €' (up to 3 decimals)."""
    loc = babel_locale(lang)
    millions, billions = _COMPACT_MONEY.get(lang, _COMPACT_MONEY["en"])
    pattern, scale = (billions, 1e9) if amount >= 1_000_000_000 else (millions, 1e6)
    number = format_decimal(round(amount / scale, 3), format="#,##0.###", locale=loc)
    return pattern.format(symbol=get_currency_symbol(currency, locale=loc), number=number)


def format_money_range(amount: float, amount_max: float | None, currency: str, lang: str,
                       compact: bool = True) -> str:
    low = format_money(amount, currency, lang, compact)
    if amount_max is None:
        return low
    high = format_money(amount_max, currency, lang, compact)
    # Translators: a range of two amounts of money, e.g. "€32M – €35M"
    return pgettext("money range", "{low} – {high}").format(low=low, high=high)


def format_list(items: list[str], lang: str, style: Literal["standard", "or"] = "standard") -> str:
    """'A, B and C' / 'A, B en C' / 'A, B et C' / 'A, B und C'; ``style="or"``: 'A, B or C'."""
    if not items:
        return ""
    return _babel_format_list(items, style=style, locale=babel_locale(lang))
