#!/usr/bin/env python3
"""Golden cases of issue 10's ninth session, branch s9-fin: DATE (and the odd PERCENT/MONEY)
forms of financial and economic wire copy. Written from the grammar of each form before the
stage was changed; values come from the grammar below and the conventions of docs/numbers.md,
never from the stage's output. Every fifth case of each form, in writing order, is held out in
tests/data/numbers/aside/forms9f_aside.jsonl (never used to tune the stage).

The grammar (docs/numbers.md, "Ninth session (branch s9-fin)"):
- A fiscal year: a fiscal word (cues.tsv kind fiscal: "fiscal", "financial", "budget", "FY"
  glued or apart) with "year" or not, before a year of four or two digits ("FY2024", "FY24",
  "FY 2022", "fiscal 2025", "fiscal year 2024", "financial year 2023") is one DATE, the fiscal
  word in the span (it says which year is meant). Its calendar span is not in the text (April to
  March, July to June, October to September...): the value is the year that names it, at year
  precision ("2024"), as the stage gave "2025" for "fiscal 2025" before. A fiscal year named by
  two years ("FY2024/25", "FY24-25") is the interval of the two ("2024/2025"), as "2019-20" is.
- A compact quarter or half: digit + Q or H + year ("1Q24", "2Q25", "1H24", "2H 2024",
  "3Q 2023") is the quarter or half of that year, as "Q1 2024", "H1 2024" are. A quarter without
  a year ("3Q", "4Q") is read by the verbs as "Q3" is; a half needs its year ("1H" alone is no
  date, as "H1", "H2" alone are not: hydrogen, "1H" NMR).
- Look-alikes: model names ("Q7", "2Q-500"), "H2O", "FY" alone, "year-on-year", "y/y",
  "quarter-on-quarter" (a comparison, no date), "a year earlier" (a year before a period of
  the story, not of publication: as "the next day" without a date, no annotation).
- Periods "to" a month after "the" ("the nine months to September", "the 12 months to June",
  "the three months to March 31") are one interval: the months up to and including the one
  named, or from the day after the named day N months before; the month's year as a month
  date's. "The first nine months of 2024" (in misses/ until s10-date) and "the year to date" (aside) are
  intervals too (January to the month named; January 1 to publication).

    python3 scripts/numbers_forms9f.py   # rewrites tests/data/numbers/forms9f.jsonl and the aside file
"""

from numbers_forms import c, d, write_split


def p(text, value, **kw):
    return c("PERCENT", text, value, **kw)


def usd(text, value):
    return c("MONEY", text, value, currency="USD")


# form: [(text, expected[, published_at: numbers_forms.PUB when left out, "-" for none])]
CASES = {
    "fiscal_year": [
        ("Revenue rose 5% in FY2024 to $3 billion.",
         [p("5%", 5), d("FY2024", "2024"), usd("$3 billion", 3000000000)]),
        ("Profit fell in FY24 as costs climbed.", [d("FY24", "2024")]),
        ("The company expects growth in fiscal 2025.", [d("fiscal 2025", "2025")]),
        ("Sales rose in fiscal year 2024, the company said.", [d("fiscal year 2024", "2024")]),
        ("Net income jumped in FY2024/25 on strong demand.", [d("FY2024/25", "2024/2025")]),
        ("Margins improved in FY24-25, the bank said.", [d("FY24-25", "2024/2025")]),
        ("The group cut its outlook for financial year 2023.", [d("financial year 2023", "2023")]),
        ("Results for FY 2022 were restated.", [d("FY 2022", "2022")]),
        ("The retailer lost money in fiscal 2009.", [d("fiscal 2009", "2009")]),
        ("Congress passed the budget for fiscal year 2026.", [d("fiscal year 2026", "2026")]),
        ("Analysts expect a return to profit in FY26.", [d("FY26", "2026")]),
        ("The FY2023 dividend was 40 cents.", [d("FY2023", "2023"), c("MONEY", "40 cents", 0.4, currency="USD")]),
        # (added after the first fix, at the end: the split of the cases above stays)
        ("Revenue in fiscal 2024-25 rose 3%.", [d("fiscal 2024-25", "2024/2025"), p("3%", 3)]),
        ("In fiscal year 2023/24 sales fell.", [d("fiscal year 2023/24", "2023/2024")]),
    ],
    "compact_period": [
        ("Revenue fell 3% in 1H24.", [p("3%", 3), d("1H24", "2024-01/2024-06")]),
        ("Profit rose in 2Q25 on lower costs.", [d("2Q25", "2025-04/2025-06")]),
        ("Revenue in 1Q24 was flat.", [d("1Q24", "2024-01/2024-03")]),
        ("Revenue in 2H24 rose 8%.", [d("2H24", "2024-07/2024-12"), p("8%", 8)]),
        ("Revenue in 1H 2024 rose 8%.", [d("1H 2024", "2024-01/2024-06"), p("8%", 8)]),
        ("Sales in 3Q rose 4%.", [d("3Q", "2023-07/2023-09"), p("4%", 4)]),
        ("The 4Q23 results beat forecasts.", [d("The 4Q23", "2023-10/2023-12")]),
        ("Earnings in 3Q 2023 fell.", [d("3Q 2023", "2023-07/2023-09")]),
        ("Guidance for 2H25 was raised.", [d("2H25", "2025-07/2025-12")]),
        ("The bank will report 2Q results in July.", [d("2Q", "2024-04/2024-06"), d("July", "2024-07")]),
        ("Revenue in Q1'24 was flat.", [d("Q1'24", "2024-01/2024-03")]),
        ("Net sales in 1Q 2023 rose 6%.", [d("1Q 2023", "2023-01/2023-03"), p("6%", 6)]),
    ],
    "lookalikes": [
        ("Audi unveiled the Q7 SUV.", []),
        ("H2O is water.", []),
        ("The FY figure was revised.", []),
        ("The 1H ratio in the lab test was high.", []),
        ("The 2Q-500 printer sold well.", []),
        ("Sales rose 5% year-on-year.", [p("5%", 5)]),
        ("Sales rose 5% y/y and 2% quarter-on-quarter.", [p("5%", 5), p("2%", 2)]),
        ("Profit was $2 billion a year earlier.", [usd("$2 billion", 2000000000)]),
        ("Earnings grew in H2 as demand recovered.", []),
        ("Profit was $2 billion a year ago.", [usd("$2 billion", 2000000000), d("a year ago", "2023")]),
        ("The 1H NMR spectrum was clear.", []),
        ("Prices of green H2 rose 10%.", [p("10%", 10)]),
    ],
    "period_to": [
        ("Profit in the first nine months of 2024 rose 8%.",
         [d("the first nine months of 2024", "2024-01/2024-09"), p("8%", 8)]),
        ("Profit in the nine months to September rose 8%.",
         [d("the nine months to September", "2023-01/2023-09"), p("8%", 8)]),
        ("Revenue in the 12 months to June rose 4%.",
         [d("the 12 months to June", "2023-07/2024-06"), p("4%", 4)]),
        ("Revenue in the three months to March 31 rose 4%.",
         [d("the three months to March 31", "2024-01-01/2024-03-31"), p("4%", 4)]),
        ("Shares have gained 12% in the year to date.",
         [p("12%", 12), d("the year to date", "2024-01-01/2024-06-12")]),
        ("Inflation in the six months to May was 3%.",
         [d("the six months to May", "2023-12/2024-05"), p("3%", 3)]),
        # look-alike (added after the fix, at the end): no "the", a duration and a month
        ("The loan was extended by six months to January 2025.",
         [d("six months", "P6M"), d("January 2025", "2025-01")]),
    ],
}

# (the first case of period_to was kept in misses/ until s10-date's rule first_months read it)
MISSES = set()

if __name__ == "__main__":
    write_split(CASES, "forms9f", MISSES)
