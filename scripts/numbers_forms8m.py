#!/usr/bin/env python3
"""Golden cases of issue 10's eighth session, money and percent step (branch s8-nacc3): forms
of the Recognizers-Text English CurrencyModel / PercentModel kinds that the stage missed,
written from the grammar of each form and the record format (docs/numbers.md, "Conventions
of the output") before the stage was changed; values come from the grammar, never from the
stage's output. Every fifth case of each form, in writing order, is held out in
tests/data/numbers/aside/forms8m_aside.jsonl (never used to tune the stage).

The forms (docs/numbers.md, "Eighth session (branch s8-nacc3)"):
- a percent word glued to the digits, as "%" is: "5pct", "50bps" (0.5 pp), "3pp", and the
  British press's "pc" ("4.5pc", "45 pc"; lower case only: "20 PCs" are computers);
- pence glued to one or two whole digits or a decimal: "85p", "2.5p" (GBP / 100); three or
  four digits before a "p" are a video resolution ("1080p", "720p"): nothing;
- a fraction "of a" / "of one" percent or percentage point: "a quarter of a percent" 0.25,
  "three quarters of a percentage point" 0.75 pp, "half of one percent" 0.5;
- currency forms the tables lacked: "reais" (BRL), "SFr" (CHF), "US cents" (USD / 100);
- "percent points", "pct points" (pp) and "per-cent";
- pounds right after a price verb ("cost", "paid", "fined", "earns", "owes", "worth"; cues.tsv
  price, a modifier between allowed) are money: "cost 40 pounds" 40 GBP; without one they stay
  a weight ("weighed 8 pounds", "lost 20 pounds").

    python3 scripts/numbers_forms8m.py   # rewrites tests/data/numbers/forms8m.jsonl and the aside file
"""

from numbers_forms import c, d, write_split


def pc(text, value, **kw):
    return c("PERCENT", text, value, **kw)


def mo(text, value, cur):
    return c("MONEY", text, value, currency=cur)


# form: [(text, expected[, published_at: numbers_forms.PUB when left out, "-" for none])]
CASES = {
    "glued_percent": [
        ("Shares fell 5pct on the news.", [pc("5pct", 5)]),
        ("The bank cut rates by 50bps.", [pc("50bps", 0.5, unit="pp")]),
        ("Support rose 3pp among women.", [pc("3pp", 3, unit="pp")]),
        ("Sales rose 4.5pc at the chain.", [pc("4.5pc", 4.5)]),
        ("Profits jumped 12pc at the group.", [pc("12pc", 12)]),
        ("The index lost 2.5pct by the close.", [pc("2.5pct", 2.5)]),
        ("Yields rose 25bp after the data.", [pc("25bp", 0.25, unit="pp")]),
        ("Turnout was 45 pc in the city.", [pc("45 pc", 45)]),
        ("The firm owns a 30pc stake.", [pc("30pc", 30)]),
        ("Costs fell 7pct at the plant.", [pc("7pct", 7)]),
        ("He sold 20 PCs to the school.", [c("CARDINAL", "20", 20)]),
        ("Margins rose 0.8pc, the firm said.", [pc("0.8pc", 0.8)]),
    ],
    "glued_pence": [
        ("A stamp now costs 85p at the counter.", [mo("85p", 0.85, "GBP")]),
        ("Fuel duty fell by 5p in the budget.", [mo("5p", 0.05, "GBP")]),
        ("The levy on bags is 10p each.", [mo("10p", 0.1, "GBP")]),
        ("Shares closed 2.5p lower.", [mo("2.5p", 0.025, "GBP")]),
        ("A loaf rose by 20p this month.", [mo("20p", 0.2, "GBP"), d("this month", "2024-06")]),
        ("The 1080p screen sold out.", []),
        ("The dividend was 12p a share.", [mo("12p", 0.12, "GBP")]),
        ("The video streams in 720p on phones.", []),
        ("Bus fares rise to 99p for children.", [mo("99p", 0.99, "GBP")]),
        ("The coin is worth 50p to collectors.", [mo("50p", 0.5, "GBP")]),
        ("The stock rose 4.75p to close higher.", [mo("4.75p", 0.0475, "GBP")]),
    ],
    "percent_fraction_of": [
        ("Rates rose a quarter of a percent.", [pc("a quarter of a percent", 0.25)]),
        ("Growth slowed by three quarters of a percentage point.",
         [pc("three quarters of a percentage point", 0.75, unit="pp")]),
        ("Prices rose a tenth of a percent.", [pc("a tenth of a percent", 0.1)]),
        ("The fee is two-thirds of a percent.", [pc("two-thirds of a percent", 2 / 3)]),
        ("The yield fell half of one percent.", [pc("half of one percent", 0.5)]),
        ("Inflation rose three-quarters of a percent.", [pc("three-quarters of a percent", 0.75)]),
        ("Costs rose one fifth of a percent.", [pc("one fifth of a percent", 0.2)]),
        ("Rates moved a half of a percentage point.", [pc("a half of a percentage point", 0.5, unit="pp")]),
        ("The tax is a third of a per cent.", [pc("a third of a per cent", 1 / 3)]),
        ("The margin shrank a third of a percent.", [pc("a third of a percent", 1 / 3)]),
        ("Half of the 5 percent went to staff.", [c("CARDINAL", "Half", 0.5), pc("5 percent", 5)]),
    ],
    "currency_forms": [
        ("The club paid 10 million reais for him.", [mo("10 million reais", 10000000, "BRL")]),
        ("The bank fined him SFr 3.5 million.", [mo("SFr 3.5 million", 3500000, "CHF")]),
        ("Stamps cost 20 US cents each.", [mo("20 US cents", 0.2, "USD")]),
        ("Bread costs 5 reais in Rio.", [mo("5 reais", 5, "BRL")]),
        ("The fee was SFr 200 per person.", [mo("SFr 200", 200, "CHF")]),
        ("Coffee costs 90 US cents there.", [mo("90 US cents", 0.9, "USD")]),
        ("The state spent two billion reais.", [mo("two billion reais", 2000000000, "BRL")]),
    ],
    "percent_points": [
        ("Support fell 5 percent points among men.", [pc("5 percent points", 5, unit="pp")]),
        ("Rates rose 3 pct points overall.", [pc("3 pct points", 3, unit="pp")]),
        ("Turnout rose 5 per-cent overall.", [pc("5 per-cent", 5)]),
        ("The gap narrowed by 2 percent point.", [pc("2 percent point", 2, unit="pp")]),
        ("Approval fell 4 pct point among women.", [pc("4 pct point", 4, unit="pp")]),
        ("Turnout was twelve per-cent lower.", [pc("twelve per-cent", 12)]),
    ],
    "pounds_price_verb": [
        ("The ticket cost 40 pounds at the door.", [mo("40 pounds", 40, "GBP")]),
        ("He was fined 200 pounds by the court.", [mo("200 pounds", 200, "GBP")]),
        ("The baby weighed 8 pounds at birth.", [c("QUANTITY", "8 pounds", 8, unit="lb")]),
        ("Fans paid 60 pounds for a seat.", [mo("60 pounds", 60, "GBP")]),
        ("She earns 300 pounds a week.", [c("MONEY", "300 pounds a week", 300, currency="GBP", per="week")]),
        ("He lost 20 pounds on the diet.", [c("QUANTITY", "20 pounds", 20, unit="lb")]),
        ("A pint costs 5 pounds in the city.", [mo("5 pounds", 5, "GBP")]),
        ("The seat is worth 100 pounds to him.", [mo("100 pounds", 100, "GBP")]),
        ("The council charged 30 pounds per visit.", [mo("30 pounds", 30, "GBP")]),
        ("The club owes 900 pounds to the bank.", [mo("900 pounds", 900, "GBP")]),
        ("He gained 15 pounds after the injury.", [c("QUANTITY", "15 pounds", 15, unit="lb")]),
        ("A meal costs about 12 pounds there.",
         [c("MONEY", "12 pounds", 12, currency="GBP", mod="approx")]),
    ],
}


def main():
    write_split(CASES, 'forms8m')


if __name__ == "__main__":
    main()
