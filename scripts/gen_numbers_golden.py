#!/usr/bin/env python3
"""Write golden cases of the numbers stage from the grammar of each form.

    python3 scripts/gen_numbers_golden.py            # writes the two files below

Each FORM below is one way English news writes a number, a date or an identifier; it fills
its slots with values drawn from a seeded generator and states the complete expected
annotation list from the grammar alone (what the words mean: "2.5 million" is 2500000, "the
fourth quarter of 2023" is 2023-10/2023-12), never from the stage's output. The output is
deterministic (fixed seed, fixed order).

Every fifth case (by position) goes to tests/data/numbers/aside/grammar_aside.jsonl, after a
number-free lead sentence: a held-out set that is never used to tune the stage (the same forms
with other values and another position in the text). It is scored, not asserted:

    python3 scripts/eval_numbers.py --golden tests/data/numbers/grammar.jsonl \\
        --golden-aside tests/data/numbers/aside/grammar_aside.jsonl

The other cases go to tests/data/numbers/grammar.jsonl and are checked by
test_numbers_golden like the hand-written files. Case format: tests/data/numbers/README.md.
"""
import datetime
import json
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DEV = os.path.join(ROOT, "tests", "data", "numbers", "grammar.jsonl")
OUT_ASIDE = os.path.join(ROOT, "tests", "data", "numbers", "aside", "grammar_aside.jsonl")
# the held-out fifth of the forms added in issue 10's fourth session (NEW_FORMS, below)
OUT_ASIDE_REL = os.path.join(ROOT, "tests", "data", "numbers", "aside", "new_forms_aside.jsonl")

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORD_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth",
             7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth", 11: "eleventh", 12: "twelfth"}
QUARTER_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth"}
MODS = [("About", "approx"), ("Nearly", "approx"), ("More than", "gt"), ("Fewer than", "lt"),
        ("At least", "ge"), ("Up to", "le")]


def words(n):
    """English words for 1..99 ("twenty-three")."""
    if n < 10:
        return UNITS[n]
    if n < 20:
        return TEENS[n - 10]
    return TENS[n // 10] + ("-" + UNITS[n % 10] if n % 10 else "")


def ordinal_suffix(n):
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def num(v):
    """A JSON number as the record writes it: integral values as integers."""
    return int(v) if float(v).is_integer() else v


def ann(label, text, value=None, **kw):
    a = {"label": label, "text": text}
    if value is not None:
        a["value"] = num(value) if isinstance(value, (int, float)) else value
    for k, v in kw.items():
        if v is not None:
            a[k] = num(v) if isinstance(v, (int, float)) and k == "value_max" else v
    return a


def pub_date(r):
    d = datetime.date(2019, 1, 1) + datetime.timedelta(days=r.randrange(6 * 365))
    return d


def quarter_value(y, q):
    return "%04d-%02d/%04d-%02d" % (y, 3 * q - 2, y, 3 * q)


# ---- Forms: each returns (text, published_at or None, [annotations]) ---------------------

def f_cardinal_grouped(r):
    n = r.randrange(1000, 10_000_000)
    t = f"{n:,}"
    return f"There were {t} delegates at the meeting.", None, [ann("CARDINAL", t, n)]


def f_cardinal_words(r):
    n = r.randrange(2, 100)
    w = words(n)
    return f"The ministry counted {w} ships in the port.", None, [ann("CARDINAL", w, n)]


def f_cardinal_scaled(r):
    x = r.randrange(11, 99) / 10
    t = f"{x} million"
    return (f"The city has {t} residents.", None,
            [ann("CARDINAL", t, round(x * 1_000_000))])


def f_cardinal_mod(r):
    mod, code = r.choice(MODS)
    n = r.randrange(20, 5000)
    return (f"{mod} {n} people were evacuated.", None,
            [ann("CARDINAL", str(n), n, mod=code)])


def f_money_dollar_scaled(r):
    x = r.randrange(12, 999) / 10
    scale, mult = r.choice([("million", 1e6), ("billion", 1e9)])
    t = f"${x} {scale}"
    return (f"The deal is worth {t}, the company said.", None,
            [ann("MONEY", t, round(x * mult), currency="USD")])


def f_money_symbol(r):
    sym, code = r.choice([("€", "EUR"), ("£", "GBP")])
    n = r.randrange(5, 900)
    t = f"{sym}{n}"
    return f"Tickets cost {t} each.", None, [ann("MONEY", t, n, currency=code)]


def f_money_after(r):
    word, code = r.choice([("euros", "EUR"), ("yen", "JPY"), ("Swiss francs", "CHF"),
                           ("Canadian dollars", "CAD")])
    n = r.randrange(100, 99_999)
    t = f"{n:,} {word}"
    # no published_at: "last year" is the year before the reference day (unanchored value)
    return (f"She was fined {t} last year.", None,
            [ann("MONEY", t, n, currency=code), ann("DATE", "last year", "REF-P1Y")])


def f_money_range_to(r):
    a = r.randrange(2, 40)
    b = a + r.randrange(1, 20)
    t = f"${a} to ${b}"
    return (f"Shares are expected to trade at {t} on debut.", None,
            [ann("MONEY", t, a, value_max=b, currency="USD")])


def f_money_range_scaled(r):
    a = r.randrange(1, 9)
    b = a + r.randrange(1, 5)
    t = f"${a}-{b} billion"
    return (f"Analysts put the cost at {t}.", None,
            [ann("MONEY", t, a * 10**9, value_max=b * 10**9, currency="USD")])


def f_percent_sign(r):
    x = r.randrange(1, 999) / 10
    t = f"{x}%"
    return f"Inflation eased to {t} in the period.", None, [ann("PERCENT", t, x)]


def f_percent_word(r):
    x = r.randrange(1, 999) / 10
    w = r.choice(["percent", "per cent"])
    t = f"{x} {w}"
    return f"Exports grew {t} on the year.", None, [ann("PERCENT", t, x)]


def f_percent_points(r):
    x = r.randrange(1, 30) / 10
    t = f"{x} percentage points"
    return f"The rate fell by {t}.", None, [ann("PERCENT", t, x, unit="pp")]


def f_basis_points(r):
    n = r.choice([10, 15, 20, 25, 50, 75, 100, 125, 150])
    t = f"{n} basis points"
    verb = r.choice(["raised", "cut", "lifted", "lowered"])
    return (f"The bank {verb} its key rate by {t}.", None,
            [ann("PERCENT", t, n / 100, unit="pp")])


def f_ordinal_word(r):
    n = r.randrange(2, 13)
    w = ORD_WORDS[n]
    noun = r.choice(["term in office", "straight title", "round of talks", "attempt"])
    return f"She won a {w} {noun}.", None, [ann("ORDINAL", w, n)]


def f_ordinal_digits(r):
    n = r.randrange(2, 60)
    t = f"{n}{ordinal_suffix(n)}"
    return f"The office is on the {t} floor.", None, [ann("ORDINAL", t, n)]


def f_quantity(r):
    form, unit = r.choice([("tonnes", "t"), ("kilometres", "km"), ("hectares", "ha"),
                           ("megawatts", "MW"), ("barrels per day", "bbl/d")])
    n = r.randrange(2, 90_000)
    t = f"{n:,} {form}"
    return (f"The project adds {t} next year.", None,
            [ann("QUANTITY", t, n, unit=unit), ann("DATE", "next year", "REF+P1Y")])


def f_quantity_glued(r):
    form, unit = r.choice([("km", "km"), ("kg", "kg"), ("MW", "MW")])
    n = r.randrange(2, 900)
    t = f"{n}{form}"
    return f"It is a {t} project.", None, [ann("QUANTITY", t, n, unit=unit)]


def f_date_dmy(r):
    y, m = r.randrange(1990, 2030), r.randrange(1, 13)
    d = r.randrange(1, 29)
    t = f"{d} {MONTHS[m - 1]} {y}"
    return f"The accord was signed on {t}.", None, [ann("DATE", t, f"{y:04d}-{m:02d}-{d:02d}")]


def f_date_mdy(r):
    y, m = r.randrange(1990, 2030), r.randrange(1, 13)
    d = r.randrange(1, 29)
    t = f"{MONTHS[m - 1]} {d}, {y}"
    return f"The law took effect on {t}.", None, [ann("DATE", t, f"{y:04d}-{m:02d}-{d:02d}")]


def f_date_month_year(r):
    y, m = r.randrange(1990, 2030), r.randrange(1, 13)
    t = f"{MONTHS[m - 1]} {y}"
    return f"Talks collapsed in {t}.", None, [ann("DATE", t, f"{y:04d}-{m:02d}")]


def f_date_year(r):
    y = r.randrange(1950, 2030)
    return f"The company was founded in {y}.", None, [ann("DATE", str(y), f"{y:04d}")]


def f_date_iso(r):
    y, m, d = r.randrange(1990, 2030), r.randrange(1, 13), r.randrange(1, 29)
    t = f"{y:04d}-{m:02d}-{d:02d}"
    return f"The filing is dated {t}.", None, [ann("DATE", t, t)]


def f_date_ordinal_of(r):
    y, m, d = r.randrange(1990, 2030), r.randrange(1, 13), r.randrange(1, 29)
    t = f"the {d}{ordinal_suffix(d)} of {MONTHS[m - 1]} {y}"
    return f"It opened on {t}.", None, [ann("DATE", t, f"{y:04d}-{m:02d}-{d:02d}")]


def f_duration(r):
    n = r.randrange(2, 40)
    unit, des = r.choice([("years", "Y"), ("months", "M"), ("weeks", "W"), ("days", "D")])
    t = f"{n} {unit}"
    return f"The project took {t} to complete.", None, [ann("DATE", t, f"P{n}{des}")]


def f_duration_hours(r):
    n = r.randrange(2, 48)
    t = f"{n} hours"
    return f"The meeting lasted {t}.", None, [ann("TIME", t, f"PT{n}H")]


def f_years_ago(r):
    p = pub_date(r)
    n = r.randrange(2, 30)
    t = f"{n} years ago"
    return (f"The dam was built {t}.", p.isoformat(),
            [ann("DATE", t, f"{p.year - n:04d}")])


def f_yesterday(r):
    p = pub_date(r)
    w, delta = r.choice([("yesterday", -1), ("today", 0), ("tomorrow", 1)])
    d = p + datetime.timedelta(days=delta)
    return (f"Officials met {w} in the capital.", p.isoformat(),
            [ann("DATE", w, d.isoformat())])


def f_weekday_past(r):
    p = pub_date(r)
    wd = r.randrange(7)
    back = (p.weekday() - wd) % 7
    d = p - datetime.timedelta(days=back)
    return (f"The minister said on {WEEKDAYS[wd]} that talks had stalled.", p.isoformat(),
            [ann("DATE", WEEKDAYS[wd], d.isoformat())])


def f_weekday_future(r):
    p = pub_date(r)
    wd = r.randrange(7)
    fwd = (wd - p.weekday()) % 7 or 7
    d = p + datetime.timedelta(days=fwd)
    return (f"The board will vote on {WEEKDAYS[wd]}.", p.isoformat(),
            [ann("DATE", WEEKDAYS[wd], d.isoformat())])


def f_month_day_past(r):
    p = pub_date(r)
    m, d = r.randrange(1, 13), r.randrange(1, 29)
    y = p.year if datetime.date(p.year, m, d) <= p else p.year - 1
    t = f"{MONTHS[m - 1]} {d}"
    return (f"The new unit went online on {t}.", p.isoformat(),
            [ann("DATE", t, f"{y:04d}-{m:02d}-{d:02d}")])


def f_month_day_future(r):
    p = pub_date(r)
    m, d = r.randrange(1, 13), r.randrange(1, 29)
    y = p.year if datetime.date(p.year, m, d) >= p else p.year + 1
    t = f"{d} {MONTHS[m - 1]}"
    return (f"The figures will be revised on {t}.", p.isoformat(),
            [ann("DATE", t, f"{y:04d}-{m:02d}-{d:02d}")])


def f_decade(r):
    dec = r.randrange(190, 202) * 10
    t = f"the {dec}s"
    what = r.choice(["Output", "Coal mining", "Migration"])
    # "the 1900s" is the century (1900-1999), "the 1990s" and "the 2000s" decades
    value = f"{dec // 100:02d}XX" if dec % 100 == 0 and dec < 2000 else f"{dec // 10:03d}X"
    return f"{what} peaked in {t}.", None, [ann("DATE", t, value)]


def f_utc_time(r):
    h, mi = r.randrange(0, 24), r.choice([0, 15, 30, 45])
    t = f"{h:02d}{mi:02d} GMT"
    return f"The launch is set for {t}.", None, [ann("TIME", t, f"T{h:02d}:{mi:02d}")]


def f_clock(r):
    h, mi = r.randrange(0, 24), r.randrange(0, 60)
    t = f"{h}:{mi:02d}"
    return f"Trading halted at {t} local time.", None, [ann("TIME", t, f"T{h:02d}:{mi:02d}")]


def f_proportion(r):
    b = r.choice([4, 5, 8, 10, 20, 25, 50, 100])
    a = r.randrange(1, b)
    t = f"{a} out of {b}"
    return f"Only {t} voters backed the plan.", None, [ann("CARDINAL", t, a / b)]


def f_fraction(r):
    a, b = r.choice([(1, 2), (1, 3), (2, 3), (1, 4), (3, 4), (1, 5), (2, 5), (3, 8)])
    t = f"{a}/{b}"
    what = r.choice(["Prices", "Sales", "Output", "Imports"])
    return f"{what} fell by {t} over the year.", None, [ann("CARDINAL", t, a / b)]


def f_year_range(r):
    y = r.randrange(1990, 2030)
    t = f"{y}-{(y + 1) % 100:02d}"
    return (f"The budget for {t} was approved.", None,
            [ann("DATE", t, f"{y:04d}/{y + 1:04d}")])


# ---- Known misses of issue 10 (intervals, tails, identifiers, scores) ---------------------

def f_quarter_of_year(r):
    q, y = r.randrange(1, 5), r.randrange(2000, 2030)
    t = f"the {QUARTER_WORDS[q]} quarter of {y}"
    return f"Profit fell in {t}.", None, [ann("DATE", t, quarter_value(y, q))]


def f_quarter_hyphen(r):
    p = pub_date(r)
    # the last quarter that has started by publication (past-tense reporting)
    q = r.randrange(1, 5)
    y = p.year if datetime.date(p.year, 3 * q - 2, 1) <= p else p.year - 1
    t = f"{QUARTER_WORDS[q]}-quarter"
    return (f"The company said {t} sales rose.", p.isoformat(),
            [ann("DATE", t, quarter_value(y, q))])


def f_quarter_q(r):
    q, y = r.randrange(1, 5), r.randrange(2000, 2030)
    t = f"Q{q} {y}"
    return f"Margins widened in {t}.", None, [ann("DATE", t, quarter_value(y, q))]


def f_month_range(r):
    y = r.randrange(2000, 2030)
    a = r.randrange(1, 11)
    b = r.randrange(a + 1, 13)
    t = f"{MONTHS[a - 1]}-{MONTHS[b - 1]} {y}"
    return (f"Exports rose in {t} from a year earlier.", None,
            [ann("DATE", t, f"{y:04d}-{a:02d}/{y:04d}-{b:02d}")])


def f_month_quarter(r):
    y = r.randrange(2000, 2030)
    q = r.randrange(1, 5)
    t = f"the {MONTHS[3 * q - 1]} quarter of {y}"
    return (f"Revenue grew in {t}.", None, [ann("DATE", t, quarter_value(y, q))])


def f_month_range_quarter(r):
    y = r.randrange(2000, 2030)
    q = r.randrange(1, 5)
    t = f"the {MONTHS[3 * q - 3]}-{MONTHS[3 * q - 1]} quarter of {y}"
    return (f"Output rose in {t}.", None, [ann("DATE", t, quarter_value(y, q))])


def f_rate(r):
    n = r.randrange(2, 500)
    tail, per = r.choice([("a year", "year"), ("per annum", "year"), ("a day", "day"),
                          ("per hour", "hour"), ("a month", "month"), ("per week", "week")])
    if r.randrange(2):
        t = f"${n} million {tail}"
        return (f"The contract pays {t}.", None,
                [ann("MONEY", t, n * 10**6, currency="USD", per=per)])
    t = f"{n / 10}% {tail}"
    return f"The bond yields {t}.", None, [ann("PERCENT", t, n / 10, per=per)]


def f_not_rate(r):
    n = r.randrange(2, 500)
    t = f"${n} million"
    word = r.choice(["earlier", "ago", "before"])
    # "a year earlier/before" counts from a time the text names, not from the reference day
    rel = [ann("DATE", "a year ago", "REF-P1Y")] if word == "ago" else []
    return (f"Sales fell from {t} a year {word}.", None,
            [ann("MONEY", t, n * 10**6, currency="USD")] + rel)


def f_glued_currency(r):
    code = r.choice(["USD", "EUR", "GBP", "JPY"])
    n = r.randrange(5, 5000)
    t = f"{n}{code}"
    return f"The fee is {t} per user.", None, [ann("MONEY", t, n, currency=code)]


def f_glued_month(r):
    y, m, d = r.randrange(2000, 2030), r.randrange(1, 13), r.randrange(1, 29)
    t = f"{d}{MONTHS[m - 1][:3]} {y}"
    return f"The deadline is {t}.", None, [ann("DATE", t, f"{y:04d}-{m:02d}-{d:02d}")]


def f_ordinal_next_month(r):
    p = pub_date(r)
    d = r.randrange(1, 29)
    y, m = (p.year, p.month + 1) if p.month < 12 else (p.year + 1, 1)
    t = f"the {d}{ordinal_suffix(d)} of next month"
    return (f"Payment is due on {t}.", p.isoformat(),
            [ann("DATE", t, f"{y:04d}-{m:02d}-{d:02d}")])


def f_leading_zero(r):
    t = f"0{r.randrange(100, 999)}"
    return f"The access code was {t}.", None, []


def f_clock_pm(r):
    h, mi = r.randrange(1, 12), r.randrange(0, 60)
    ap = r.choice(["am", "pm"])
    t = f"{h}:{mi:02d}{ap}"
    hh = h + 12 if ap == "pm" else h
    return f"Polls close at {t} local time.", None, [ann("TIME", t, f"T{hh:02d}:{mi:02d}")]


def f_phone_local(r):
    return f"Call 555-{r.randrange(1000, 9999)} for details.", None, []


def f_range_hundreds(r):
    a = r.randrange(100, 500)
    b = a + r.randrange(10, 400)
    t = f"{a}-{b}"
    return (f"The hall seats {t} people.", None,
            [ann("CARDINAL", t, a, value_max=b)])


def f_identifier(r):
    kind = r.randrange(6)
    if kind == 0:
        t = f"Call +1 {r.randrange(200, 999)} {r.randrange(200, 999)} {r.randrange(1000, 9999)} for details."
    elif kind == 1:
        t = f"The iPhone {r.randrange(5, 17)} went on sale."
    elif kind == 2:
        t = f"The court cited Section {r.randrange(2, 500)} of the act."
    elif kind == 3:
        t = f"Windows {r.randrange(7, 12)} is installed on the laptops."
    elif kind == 4:
        t = f"The parcel has tracking number 1Z{r.randrange(10**9, 10**10)}."
    else:
        t = f"The bug was fixed in build {r.randrange(10000, 30000)}."
    return t, None, []


def f_score(r):
    a = r.randrange(1, 6)
    b = r.randrange(0, a)
    team = r.choice(["Denmark", "Brazil", "Chelsea", "the Lakers"])
    t = f"{a}-{b}"
    return f"England beat {team} {t} on penalties.", None, [ann("CARDINAL", t)]


# Relative dates in texts without published_at (docs/numbers.md "Unanchored relative dates"):
# the value is relative to the reference day REF, at the precision of the resolved value.
REL_MOD = {"last": -1, "this": 0, "next": 1}


def f_unanchored_weekday(r):
    wd = r.randrange(7)
    who = r.choice(["The minister", "A spokesman", "The union"])
    if r.randrange(2):
        return (f"{who} said on {WEEKDAYS[wd]} that talks had stalled.", None,
                [ann("DATE", WEEKDAYS[wd], f"REF<={wd + 1}")])
    return (f"{who} will vote on {WEEKDAYS[wd]}.", None,
            [ann("DATE", WEEKDAYS[wd], f"REF>{wd + 1}")])


def f_unanchored_last_next_weekday(r):
    wd = r.randrange(7)
    mod = r.choice(["last", "next"])
    t = f"{mod} {WEEKDAYS[wd]}"
    city = r.choice(["Tokyo", "London", "Mumbai"])
    return (f"Shares closed higher {t} in {city}.", None,
            [ann("DATE", t, f"REF{'<' if mod == 'last' else '>'}{wd + 1}")])


def f_unanchored_weekday_of_week(r):
    wd = r.randrange(7)
    mod = r.choice(["last", "this", "next"])
    t = f"{WEEKDAYS[wd]}{r.choice([' ', ' of '])}{mod} week"
    rel = REL_MOD[mod]
    return (f"The court hearing is on {t}.", None,
            [ann("DATE", t, f"REF{'-' if rel < 0 else '+'}P{abs(rel)}W-{wd + 1}")])


def f_unanchored_day_word(r):
    w, v = r.choice([("yesterday", "REF-P1D"), ("today", "REF"), ("tomorrow", "REF+P1D")])
    who = r.choice(["Negotiators", "Ministers", "Lawyers", "Investors", "Doctors"])
    return f"{who} met {w} in Geneva.", None, [ann("DATE", w, v)]


def f_unanchored_units_ago(r):
    n = r.randrange(2, 40)
    unit = r.choice(["days", "weeks", "months", "years"])
    t = f"{r.choice([str(n), words(n)]) if n < 100 else n} {unit} ago"
    v = {"days": f"P{n}D", "weeks": f"P{7 * n}D", "months": f"P{n}M", "years": f"P{n}Y"}[unit]
    return f"The plant closed {t}.", None, [ann("DATE", t, "REF-" + v)]


def f_unanchored_period(r):
    mod = r.choice(["last", "this", "next"])
    unit = r.choice(["week", "month", "year"])
    rel = REL_MOD[mod]
    t = f"{mod} {unit}"
    what = r.choice(["Turnout", "Output", "Demand"])
    return (f"{what} rose {t} across the region.", None,
            [ann("DATE", t, f"REF{'-' if rel < 0 else '+'}P{abs(rel)}{unit[0].upper()}")])


def f_unanchored_ordinal_of_month(r):
    d = r.randrange(1, 29)
    mod = r.choice(["this", "next"])
    t = f"the {d}{ordinal_suffix(d)} of {mod} month"
    return (f"Payment is due on {t}.", None,
            [ann("DATE", t, f"REF+P{REL_MOD[mod]}M-{d}")])


def f_unanchored_from_now(r):
    n = r.randrange(2, 30)
    unit = r.choice(["days", "weeks"])
    t = f"{words(n)} {unit} from now"
    days = n * (7 if unit == "weeks" else 1)
    return f"The results are due {t}.", None, [ann("DATE", t, f"REF+P{days}D")]


def ordinal_words(n):
    """English ordinal words for 1..31 ("twenty-first")."""
    if n in ORD_WORDS:
        return ORD_WORDS[n]
    special = {13: "thirteenth", 14: "fourteenth", 15: "fifteenth", 16: "sixteenth",
               17: "seventeenth", 18: "eighteenth", 19: "nineteenth", 20: "twentieth",
               30: "thirtieth"}
    if n in special:
        return special[n]
    return TENS[n // 10] + "-" + ORD_WORDS[n % 10]


def f_month_the_ordinal(r):
    y, m = r.randrange(1950, 2030), r.randrange(1, 13)
    d = r.randrange(1, 29)
    day = f"{d}{ordinal_suffix(d)}" if r.randrange(2) else ordinal_words(d)
    t = f"{MONTHS[m - 1]} the {day}, {y}"
    return f"The treaty was signed on {t} in Vienna.", None, [ann("DATE", t, f"{y:04d}-{m:02d}-{d:02d}")]


def f_unanchored_nth_weekday(r):
    n, wd = r.randrange(1, 5), r.randrange(7)
    lead = f"the {ORD_WORDS[n]} {WEEKDAYS[wd]}"
    if r.randrange(2):
        m = r.randrange(1, 13)
        t = f"{lead} of {MONTHS[m - 1]}"
        v = f"XXXX-{m:02d}"  # the month; the day needs the year
    else:
        mod = r.choice(["this", "next"])
        t = f"{lead} of {mod} month"
        v = f"REF+P{REL_MOD[mod]}M"
    return f"Elections are held on {t}.", None, [ann("DATE", t, v)]


def f_ordinal_rel_month_bare(r):
    d = r.randrange(1, 29)
    t = f"the {d}{ordinal_suffix(d)} next month"
    if r.randrange(2):
        p = pub_date(r)
        y, m = (p.year, p.month + 1) if p.month < 12 else (p.year + 1, 1)
        return (f"The fund closes on {t}.", p.isoformat(),
                [ann("DATE", t, f"{y:04d}-{m:02d}-{d:02d}")])
    return f"The fund closes on {t}.", None, [ann("DATE", t, f"REF+P1M-{d}")]



def f_relmod_word_weekday(r):
    wd = r.randrange(7)
    mod = r.choice(["past", "previous", "coming"])
    t = f"{mod} {WEEKDAYS[wd]}"
    op = "<" if mod != "coming" else ">"
    if mod != "previous" and r.randrange(2):
        t = "this " + t
    if r.randrange(2):
        p = pub_date(r)
        if op == "<":
            d = p - datetime.timedelta(days=(p.weekday() - wd) % 7 or 7)
        else:
            d = p + datetime.timedelta(days=(wd - p.weekday()) % 7 or 7)
        return f"Talks resumed {t} in Doha.", p.isoformat(), [ann("DATE", t, d.isoformat())]
    return f"Talks resumed {t} in Doha.", None, [ann("DATE", t, f"REF{op}{wd + 1}")]

FORMS = [f_cardinal_grouped, f_cardinal_words, f_cardinal_scaled, f_cardinal_mod,
         f_money_dollar_scaled, f_money_symbol, f_money_after, f_money_range_to,
         f_money_range_scaled, f_percent_sign, f_percent_word, f_percent_points, f_basis_points,
         f_ordinal_word, f_ordinal_digits, f_quantity, f_quantity_glued, f_date_dmy, f_date_mdy,
         f_date_month_year, f_date_year, f_date_iso, f_date_ordinal_of, f_duration,
         f_duration_hours, f_years_ago, f_yesterday, f_weekday_past, f_weekday_future,
         f_month_day_past, f_month_day_future, f_decade, f_utc_time, f_clock, f_proportion,
         f_fraction, f_year_range, f_quarter_of_year, f_quarter_hyphen, f_quarter_q,
         f_month_range, f_month_quarter, f_month_range_quarter, f_rate, f_not_rate,
         f_glued_currency, f_glued_month, f_ordinal_next_month, f_leading_zero, f_clock_pm,
         f_phone_local, f_range_hundreds, f_identifier, f_score,
         # (new forms go at the end: the cases above keep their random values)
         f_unanchored_weekday, f_unanchored_last_next_weekday, f_unanchored_weekday_of_week,
         f_unanchored_day_word, f_unanchored_units_ago, f_unanchored_period,
         f_unanchored_ordinal_of_month, f_unanchored_from_now, f_month_the_ordinal,
         f_unanchored_nth_weekday, f_ordinal_rel_month_bare, f_relmod_word_weekday]
NEW_FORMS = FORMS[FORMS.index(f_unanchored_weekday):]
PER_FORM = 15
ASIDE_LEADS = ["Markets were quiet. ", "Officials declined to comment.\n",
               "The report runs to several pages. ",
               "Reporting by the newsroom; editing by the desk.\n\n"]


def main():
    r = random.Random(20261206)
    dev, aside, aside_rel = [], [], []
    i = 0
    for form in FORMS:
        seen = set()
        made = 0
        tries = 0
        while made < PER_FORM:
            tries += 1
            if tries > 1000:
                raise SystemExit(f"form {form.__name__} cannot make {PER_FORM} distinct cases")
            text, pub, expect = form(r)
            if (text, pub) in seen:
                continue
            seen.add((text, pub))
            if i % 5 == 4:
                # held-out cases also move the sentence: a number-free sentence before it
                text = ASIDE_LEADS[(i // 5) % len(ASIDE_LEADS)] + text
            case = {"text": text}
            if pub:
                case["published_at"] = pub
            case["form"] = form.__name__[2:]
            case["expect"] = expect
            held = aside_rel if form in NEW_FORMS else aside
            (held if i % 5 == 4 else dev).append(case)
            i += 1
            made += 1
    os.makedirs(os.path.dirname(OUT_ASIDE), exist_ok=True)
    for path, cases in ((OUT_DEV, dev), (OUT_ASIDE, aside), (OUT_ASIDE_REL, aside_rel)):
        with open(path, "w", encoding="utf-8") as f:
            for c in cases:
                f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"{len(dev)} cases -> {OUT_DEV}\n{len(aside)} cases -> {OUT_ASIDE}\n"
          f"{len(aside_rel)} cases -> {OUT_ASIDE_REL}")


if __name__ == "__main__":
    main()
