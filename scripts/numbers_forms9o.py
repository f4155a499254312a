#!/usr/bin/env python3
"""Golden cases of issue 10's ninth session, ordinal and percent step (branch s9-ord): ORDINAL
and PERCENT forms as the Recognizers-Text Ordinal/Percent models and news copy write them.
Written from the grammar of each form and the output conventions (docs/numbers.md) before the
stage was changed; values come from what the words mean, never from the stage's output. Every
fifth case of each form, in writing order, is held out in
tests/data/numbers/aside/forms9o_aside.jsonl (never used to tune the stage).

The grammar (docs/numbers.md, "Ninth session (branch s9-ord)"):
- Written ordinals of every size: a scale word with "and" before the last ordinal word, also
  after a bare scale ("the hundred and first" 101, "the thousand and first night" 1001), as
  after "a hundred and first".
- Digit ordinals with any suffix and case ("22ND", "1,001st", "112th").
- An ordinal in a hyphenated compound is the ordinal ("second-largest", "a second-tier club",
  "a second-round match": "a second" followed by a hyphen is no time); "second-quarter",
  "third-quarter" are a DATE (the quarter convention), after "a" as well.
- "one" after an ordinal or a relative ordinal is a pronoun ("the first one" ORDINAL "first"
  only; "the last one", "the next one": nothing - relative ordinals are set aside by
  convention, and "one" is no count there). "the first one hundred days" keeps its number.
- Relative ordinals ("second to last", "next to last", "penultimate", "the last one") are no
  ORDINAL (convention `relative-ordinal`: their value is a position from the end, no number);
  so are an ordinal word or digit ordinal with "to/from last", "from bottom", "from the end",
  "-last" ("2nd-to-last", "third from bottom", "the second last stage"), but not "from first
  to last", nor "second to last year's champion" (a date after "last").
- "No. 1", "No 2" (with or without the dot) are ranks/identifiers after a mark: no number
  (convention: identifiers after "No."), the same with and without the dot.
- A capitalised hyphenated number word inside a sentence is read as a whole: a name before a
  capitalised word ("the Twenty-First Century Fund": nothing, not "First"), a number before a
  lower-case word ("the Twenty-First title" 21).
- Percent words in hyphenated adjectives: "a 5-per-cent rise", "a 3-percentage-point rise" (pp),
  "3 percentage-points", "a 25-basis-point cut" (0.25 pp), "a quarter-point cut" (0.25 pp, as
  "a quarter point").
- Digits, a blank and a vulgar fraction are one number: "7 ½ percent" 7.5, "2 ¼ million".
- "the 90th percentile" is an ORDINAL (a rank; no percent of anything).

    python3 scripts/numbers_forms9o.py   # rewrites tests/data/numbers/forms9o.jsonl and the aside file
"""

from numbers_forms import c, d, write_split


def n(text, value, **kw):
    return c("CARDINAL", text, value, **kw)


def o(text, value, **kw):
    return c("ORDINAL", text, value, **kw)


def p(text, value, **kw):
    return c("PERCENT", text, value, **kw)


def pp(text, value, **kw):
    return c("PERCENT", text, value, unit="pp", **kw)


# form: [(text, expected[, published_at: numbers_forms.PUB when left out, "-" for none])]
CASES = {
    "ordinal_written": [
        ("He finished eleventh in the downhill race.", [o("eleventh", 11)]),
        ("It was the twenty-first edition of the fair.", [o("twenty-first", 21)]),
        ("The town marked the one hundred and twenty-fifth anniversary of its charter.",
         [o("one hundred and twenty-fifth", 125)]),
        ("The plant rolled out its two thousandth tractor.", [o("two thousandth", 2000)]),
        ("The museum greeted the millionth visitor with flowers.", [o("millionth", 1000000)]),
        ("Scheherazade told a tale on the thousand and first night.",
         [o("thousand and first", 1001)]),
        ("It was the hundred and first meeting of the council.", [o("hundred and first", 101)]),
        ("The club celebrated its hundred and twentieth birthday.",
         [o("hundred and twentieth", 120)]),
        ("She was the ninety-ninth runner to cross the line.", [o("ninety-ninth", 99)]),
        ("The bill passed on the three hundred and sixty-fifth day of the session.",
         [o("three hundred and sixty-fifth", 365)]),
        ("The hundred and fifty-first regiment marched past.", [o("hundred and fifty-first", 151)]),
        ("He is the one thousand two hundred and thirty-fourth member.",
         [o("one thousand two hundred and thirty-fourth", 1234)]),
        # look-alikes: a cardinal after a bare scale and "and" is read the same way
        ("The hundred and fifty guests arrived.", [n("hundred and fifty", 150)]),
    ],
    "ordinal_digits": [
        ("He became the 21st president of the club.", [o("21st", 21)]),
        ("The 22ND annual meeting was held in Oslo.", [o("22ND", 22)]),
        ("It was the 103rd session of the assembly.", [o("103rd", 103)]),
        ("It was his 11th title of the season.", [o("11th", 11)]),
        ("The 1,001st visitor won a prize.", [o("1,001st", 1001)]),
        ("The 112th Congress met in January.", [o("112th", 112), d("January", "2024-01")]),
        ("The bank marked its 23RD year of trading.", [o("23RD", 23)]),
        ("The ship made its 2,000th crossing.", [o("2,000th", 2000)]),
        ("She came 1st and her sister came 3rd.", [o("1st", 1), o("3rd", 3)]),
        ("The 12th, 13th and 14th stages were the hardest.",
         [o("12th", 12), o("13th", 13), o("14th", 14)]),
        # look-alikes: a code with letters after the digits is no ordinal
        ("The 5th-generation network uses the 5G standard.", [o("5th", 5)]),
    ],
    "ordinal_compound": [
        ("Santander is the second-largest bank in Spain.", [o("second", 2)]),
        ("It is the world's third-biggest economy.", [o("third", 3)]),
        ("The club signed a second-tier striker.", [o("second", 2)]),
        ("They lost a second-round match in Paris.", [o("second", 2)]),
        ("It became a second-largest lender after the merger.", [o("second", 2)]),
        ("The firm posted a second-quarter loss.", [d("second-quarter", "2024-04/2024-06")]),
        ("The 10th-largest city voted no.", [o("10th", 10)]),
        ("The scheme helps first-time buyers.", [o("first", 1)]),
        ("A third-party vendor was hacked.", [o("third", 3)]),
        ("Third-quarter profit rose 4%.", [d("Third-quarter", "2023-07/2023-09"), p("4%", 4)]),
        ("Fourth-placed Arsenal drew at home.", [o("Fourth", 4)]),
        ("He took a second-class seat.", [o("second", 2)]),
        # look-alikes: "a second" of time
        ("She paused for a second and went on.", []),
        ("It took a fraction of a second.", []),
    ],
    "ordinal_time": [
        ("He won the title for the third time.", [o("third", 3)]),
        ("Prices rose for a second time this year.", [o("second", 2), d("this year", "2024")]),
        ("For the first time since 1990, the party lost.", [o("first", 1), d("1990", "1990")]),
        ("He scored for the 100th time.", [o("100th", 100)]),
        ("First, the minister spoke about costs.", [o("First", 1)]),
        ("The first two books sold well.", [o("first", 1), n("two", 2)]),
        ("The first 10 days were calm.", [o("first", 1), d("10 days", "P10D")]),
        ("She finished first, second and third in three races.",
         [o("first", 1), o("second", 2), o("third", 3), n("three", 3)]),
        ("He came in fourth place.", [o("fourth", 4)]),
        ("The twenty-fifth time was the charm.", [o("twenty-fifth", 25)]),
    ],
    "ordinal_pronoun_one": [
        ("The first one was easy.", [o("first", 1)]),
        ("I'll take the third one, please.", [o("third", 3)]),
        ("The second one failed a test.", [o("second", 2)]),
        ("The last one was better.", []),
        ("The next one will be harder.", []),
        ("Of the ten bids, the fifth one won.", [n("ten", 10), o("fifth", 5)]),
        ("The previous one was cheaper.", []),
        # look-alikes: "one" that is a number
        ("The first one hundred days were busy.", [o("first", 1), d("one hundred days", "P100D")]),
        ("The last one percent of shares was sold.", [p("one percent", 1)]),
        ("The first one million doses arrived.", [o("first", 1), n("one million", 1000000)]),
        # (after the aside was written) a digit ordinal before "one"
        ("The 3rd one failed a test.", [o("3rd", 3)]),
    ],
    "relative_ordinal": [
        ("She finished second to last in the race.", []),
        ("He came next to last in the poll.", []),
        ("It was the penultimate stage of the tour.", []),
        ("The last one to leave locks the door.", []),
        ("He was the third from last to finish.", []),
        ("The last stage was the longest.", []),
        ("The next round starts soon.", []),
    ],
    # (a group written after the first commit; its aside committed before its fix)
    "ordinal_from_end": [
        ("She finished second-to-last in the poll.", []),
        ("He came 2nd to last in the race.", []),
        ("The club sits third from bottom of the table.", []),
        ("It was the second from the end of the list.", []),
        ("The second-last stage was the hardest.", []),
        ("She won the second last race of the season.", []),
        ("The 3rd-from-bottom team was relegated.", []),
        ("He was fourth from last at the finish.", []),
        ("Only the 5th to last entry was late.", []),
        ("They finished ninth from bottom.", []),
        # look-alikes: an ordinal, and "last" of a date
        ("She was second to last year's champion.", [o("second", 2), d("last year", "2023")]),
        ("She came second last time.", [o("second", 2)]),
        ("He led the race from first to last.", [o("first", 1)]),
        ("The second end of the tunnel opened.", [o("second", 2)]),
    ],
    "number_sign": [
        ("The No. 1 seed lost in the first round.", [o("first", 1)]),
        ("The team is ranked No 3 in the world.", []),
        ("The No 2 official resigned.", []),
        ("He lives at No 10 Downing Street.", []),
        ("Apple is the No. 2 maker of phones.", []),
        ("She was the world No 1 for two years.", [d("two years", "P2Y")]),
        # look-alikes: "No" as a word before a count
        ("No 5-star hotel was built.", [n("5", 5)]),
    ],
    "ordinal_capitalised": [
        ("He won the Twenty-First title of his career.", [o("Twenty-First", 21)]),
        ("Shares of the Twenty-First Century Fund rose.", []),
        ("The Twenty-One Pilots concert sold out.", []),
        ("She joined the Thirty-Second Regiment in May.", [d("May", "2024-05")]),
        ("It was the Forty-Fifth anniversary of the firm.", [o("Forty-Fifth", 45)]),
        ("Twenty-first century skills matter.", [d("Twenty-first century", "20XX")]),
    ],
    "percent_hyphen": [
        ("The union won a 5-per-cent rise.", [p("5-per-cent", 5)]),
        ("The state holds a five-per-cent stake.", [p("five-per-cent", 5)]),
        ("It was a 3-percentage-point rise.", [pp("3-percentage-point", 3)]),
        ("Inflation saw a two-percentage-point drop.", [pp("two-percentage-point", 2)]),
        ("The bank made a 25-basis-point cut.", [pp("25-basis-point", 0.25)]),
        ("Support fell 3 percentage-points in a month.", [pp("3 percentage-points", 3)]),
        ("A 3 percentage-point gap remains.", [pp("3 percentage-point", 3)]),
        ("The Fed made a quarter-point cut.", [pp("a quarter-point", 0.25)]),
        ("The bank announced a half-point rise.", [pp("a half-point", 0.5)]),
        ("It was a 10-per-cent tax.", [p("10-per-cent", 10)]),
        ("A 50-basis-point hike followed.", [pp("50-basis-point", 0.5)]),
        # look-alikes: points that are no percent
        ("He unveiled a 5-point plan.", [n("5", 5)]),
        ("He hit a three-point shot.", [n("three", 3)]),
    ],
    "percent_written": [
        ("Sales rose twenty-five percent last year.", [p("twenty-five percent", 25), d("last year", "2023")]),
        ("Costs rose one and a half percent.", [p("one and a half percent", 1.5)]),
        ("Rates rose a half percent.", [p("a half percent", 0.5)]),
        ("Output rose one hundred and twenty percent.", [p("one hundred and twenty percent", 120)]),
        ("Prices fell twelve point five per cent.", [p("twelve point five per cent", 12.5)]),
        ("Fifty-five percent of voters agreed.", [p("Fifty-five percent", 55)]),
        ("Growth was zero percent.", [p("zero percent", 0)]),
        ("Turnout rose ten per cent.", [p("ten per cent", 10)]),
        ("Yields rose two percentage points.", [pp("two percentage points", 2)]),
        ("The share fell three quarters of a percent.", [p("three quarters of a percent", 0.75)]),
    ],
    "percent_digits": [
        ("Sales rose 5% last year.", [p("5%", 5), d("last year", "2023")]),
        ("Sales rose 5 % in May.", [p("5 %", 5), d("May", "2024-05")]),
        ("Unemployment stood at 4.2 per cent.", [p("4.2 per cent", 4.2)]),
        ("Output rose 3 pct.", [p("3 pct", 3)]),
        ("Shares jumped 1,200 percent.", [p("1,200 percent", 1200)]),
        ("It fell -5% in a day.", [p("-5%", -5)]),
        ("Rates rose 25 basis points.", [pp("25 basis points", 0.25)]),
        ("They own 51pc of the firm.", [p("51pc", 51)]),
        ("It rose by .5%.", [p(".5%", 0.5)]),
        ("Nearly 40% of the vote went to him.", [p("40%", 40, mod="approx")]),
    ],
    "percent_range": [
        ("Growth of 5-10% is expected.", [p("5-10%", 5, value_max=10)]),
        ("Growth of 5%-10% is expected.", [p("5%-10%", 5, value_max=10)]),
        ("Rates will rise from 5% to 7%.", [p("5% to 7%", 5, value_max=7)]),
        ("Growth of between 5 and 7 per cent is seen.", [p("5 and 7 per cent", 5, value_max=7)]),
        ("Growth of five to ten percent is seen.", [p("five to ten percent", 5, value_max=10)]),
        ("A 5-10 per cent fall is likely.", [p("5-10 per cent", 5, value_max=10)]),
    ],
    "percent_vulgar_spaced": [
        ("Rates rose to 7 ½ percent.", [p("7 ½ percent", 7.5)]),
        ("The bond pays 2 ¼ per cent.", [p("2 ¼ per cent", 2.25)]),
        ("A 7 ½% coupon was set.", [p("7 ½%", 7.5)]),
        ("About 2 ½ million people voted.", [n("2 ½ million", 2500000, mod="approx")]),
        ("The loan costs 4 ¾ percent a year.", [p("4 ¾ percent a year", 4.75, per="year")]),
        ("He ran 3 ½ miles.", [c("QUANTITY", "3 ½ miles", 3.5, unit="mi")]),
        # look-alikes: a fraction alone
        ("Only ½ percent was paid.", [p("½ percent", 0.5)]),
    ],
    "percentile": [
        ("He scored in the 90th percentile.", [o("90th", 90)]),
        ("Her pay is in the ninety-ninth percentile.", [o("ninety-ninth", 99)]),
        ("The 5th percentile of income fell.", [o("5th", 5)]),
        ("The percentage of voters rose.", []),
        ("Percentile ranks were published.", []),
    ],
}

if __name__ == "__main__":
    write_split(CASES, "forms9o")
