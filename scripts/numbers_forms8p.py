#!/usr/bin/env python3
"""Golden cases of issue 10's eighth session, second number step (branch s8-nnum2): number and
date forms the earlier helpers listed as not read. Written from the grammar of each form before
the stage was changed; values come from the grammar below, never from the stage's output.
Every fifth case of each form, in writing order, is held out in
tests/data/numbers/aside/forms8p_aside.jsonl (never used to tune the stage).

The grammar (docs/numbers.md, "Eighth session (branch s8-nnum2)"):
- "N-and-a-F" with hyphens ("one-and-a-half", "two-and-a-quarter") is "N and a F": N + 1/F, a
  scale word after it scales the whole ("two-and-a-half million" 2 500 000), a unit or a
  duration after it is read as after "two and a half".
- An apostrophe and two digits after a month and day ("Jan 12, '16", "March 3 '98") is the
  year: the one ending in those digits that lies at most 20 years after the publication year,
  else the latest before it (news writes past years so far more often than future ones:
  "'69" in 2024 is 1969, "'30" 2030). Without published_at the century is not in the text:
  the year stays in the span and the value has no year ("XXXX-01-12"; a value has no form for
  a year known but for its century). (This rule replaced a first "50 years either side"
  before any fix, when the cases were read against it: "'69" is 1969.)
- "the week after next", "the month after next", "the year after next": the week, month or
  year two after the publication's ("2024-W26" in a story of 2024-06-12; without published_at
  "REF+P2W"). "the Monday after next" ("Monday after next" without "the"): a week after "next
  Monday" (2024-06-24); without published_at no annotation (the REF values have no form for
  it, and a DATE always has a value). Only when "next" ends the phrase: a noun after it ("the
  week after next year's vote") makes "next year" the date.
- A capitalised weekday abbreviation alone after a preposition of time (cues.tsv day_prep but
  "of"; "before", "after", "since"): "on Tues.", "by Thurs", "until Fri" is the weekday, as "on
  Tuesday" (tense decides the week). "Mon", "Wed", "Sat", "Sun" are also names and words ("Sun
  TV", "Wed Street"): only with their dot. The dot is not in the span (at a sentence end it is
  the sentence's).
- A digit fraction before a scale word is scaled: "3/4 million" 750 000. A digit fraction
  with an ordinal suffix ("5/8ths", "2/3rds", "1/4th") is the fraction.

    python3 scripts/numbers_forms8p.py   # rewrites tests/data/numbers/forms8p.jsonl and the aside file
"""

from numbers_forms import c, d, write_split


def n(text, value, **kw):
    return c("CARDINAL", text, value, **kw)


# form: [(text, expected[, published_at: numbers_forms.PUB when left out, "-" for none])]
CASES = {
    "hyphen_and_a_fraction": [
        ("He drank one-and-a-half cups of tea.", [n("one-and-a-half", 1.5)]),
        ("It took two-and-a-half years to build.", [d("two-and-a-half years", "P2.5Y")]),
        ("About two-and-a-half million people voted.",
         [n("two-and-a-half million", 2500000, mod="approx")]),
        ("The recipe needs three-and-a-quarter cups of flour.", [n("three-and-a-quarter", 3.25)]),
        ("The team won by four-and-a-half lengths.", [n("four-and-a-half", 4.5)]),
        ("She owns one-and-a-half acres of land.",
         [c("QUANTITY", "one-and-a-half acres", 1.5, unit="acre")]),
        ("The project ran for five-and-a-half years.", [d("five-and-a-half years", "P5.5Y")]),
        ("Some one-and-a-half billion users log in.", [n("one-and-a-half billion", 1500000000, mod="approx")]),
        ("Twenty-and-a-half is not a common phrase.", [n("Twenty-and-a-half", 20.5)]),
        ("The rope was six-and-a-half feet long.",
         [c("QUANTITY", "six-and-a-half feet", 6.5, unit="ft")]),
        # look-alikes: not a fraction after the "and"
        ("It was one-and-done for the team.", [n("one", 1)]),
        ("A two-and-a-half-hour meeting followed.", [c("TIME", "two-and-a-half-hour", "PT2.5H")]),
    ],
    "apostrophe_year": [
        ("The deal was signed on Jan 12, '16 in Paris.", [d("Jan 12, '16", "2016-01-12")]),
        ("The law took effect on March 3, '98.", [d("March 3, '98", "1998-03-03")]),
        ("The firm listed on Oct. 5, '07 in New York.", [d("Oct. 5, '07", "2007-10-05")]),
        ("The plant opened on June 1 '75 and closed later.", [d("June 1 '75", "1975-06-01")]),
        ("The strike began on 12 May '82 at dawn.", [d("12 May '82", "1982-05-12")]),
        ("The band played on Sept 9, '69 in Woodstock.", [d("Sept 9, '69", "1969-09-09")]),
        ("The contract ends on Dec 31, '30.", [d("Dec 31, '30", "2030-12-31")]),
        ("The merger closed on Feb 2, \u201920 after a review.", [d("Feb 2, \u201920", "2020-02-02")]),
        ("The vote was held on Nov 8, '16.", [d("Nov 8, '16", "2016-11-08")], "2017-01-10"),
        ("The bridge opened on Aug 4, '64.", [d("Aug 4, '64", "1964-08-04")], "2010-05-01"),
        # without published_at the century is not in the text: no year in the value
        ("The deal was signed on Jan 12, '16 in Paris.", [d("Jan 12, '16", "XXXX-01-12")], "-"),
        # look-alikes: a quote, not a year
        ("He said on May 5 '160 people died' in the fire.", [d("May 5", "2024-05-05"), n("160", 160)]),
    ],
    "after_next": [
        ("The vote is set for the week after next.", [d("the week after next", "2024-W26")]),
        ("They will meet the Monday after next.", [d("the Monday after next", "2024-06-24")]),
        ("The plant reopens the month after next, the firm said.",
         [d("the month after next", "2024-08")]),
        ("Elections are due the year after next.", [d("the year after next", "2026")]),
        ("The court rules on the Friday after next.", [d("the Friday after next", "2024-06-21")]),
        ("The talks resume on Wednesday after next in Geneva.",
         [d("Wednesday after next", "2024-06-26")]),
        ("The vote is set for the week after next.", [d("the week after next", "REF+P2W")], "-"),
        ("Prices rise the month after next.", [d("the month after next", "REF+P2M")], "-"),
        ("They will meet the Monday after next.", [], "-"),
        ("The shop opens the Thursday after next, on a trial basis.",
         [d("the Thursday after next", "2024-06-20")]),
        # look-alikes: "next" before a noun is the relative date of that noun
        ("The week after next year's vote will be busy.", [d("next year", "2025")]),
        ("They meet the Monday after next week's summit.",
         [d("Monday", "2024-06-17"), d("next week", "2024-W25")]),
    ],
    "weekday_abbr_prep": [
        ("The minister said on Tues. that talks would go on.", [d("Tues", "2024-06-11")]),
        ("He will arrive by Thurs and leave on Fri.", [d("Thurs", "2024-06-13"), d("Fri", "2024-06-14")]),
        ("The vote was held on Sat. after a delay.", [d("Sat", "2024-06-08")]),
        ("She arrived on Mon. with her team.", [d("Mon", "2024-06-10")]),
        ("The plant will close from Wed. for repairs.", [d("Wed", "2024-06-19")]),
        ("The court will sit until Thu to hear the case.", [d("Thu", "2024-06-13")]),
        ("Police said the man was arrested on Tue in Leeds.", [d("Tue", "2024-06-11")]),
        ("The talks were delayed until Sun. by the storm.", [d("Sun", "2024-06-09")]),
        ("The minister said on Tues. that talks would go on.", [d("Tues", "REF<=2")], "-"),
        ("The shop will open on Fri. at noon.",
         [d("Fri", "2024-06-14"), c("TIME", "noon", "T12:00")]),  # (noon a TIME since s9-qty)
        # look-alikes: names and words, a lower-case word, the date after a comma
        ("The Sun reported on Sun TV.", []),
        ("They met on Wed Street in the old town.", []),
        ("The mayor spoke on tues about the budget.", []),
        ("The deal was signed on Fri, June 14.", [d("Fri, June 14", "2024-06-14")]),
    ],
    "digit_fraction_scaled": [
        ("About 3/4 million people voted.", [n("3/4 million", 750000, mod="approx")]),
        ("The city spent 1/2 billion on roads.", [n("1/2 billion", 500000000)]),
        ("Some 2/3 million homes lost power.", [n("2/3 million", 2000000 / 3, mod="approx")]),
        ("The fund raised 1/4 million in a day.", [n("1/4 million", 250000)]),
        ("They counted 3/4 billion votes.", [n("3/4 billion", 750000000)]),
        ("The pipe is 5/8ths of an inch wide.", [n("5/8ths", 0.625)]),
        ("He ate 2/3rds of the pie.", [n("2/3rds", 2 / 3)]),
        ("She owns 1/4th of the firm.", [n("1/4th", 0.25)]),
        ("Only 3/4ths of the seats were filled.", [n("3/4ths", 0.75)]),
        ("A 1/3rd share went to the state.", [n("1/3rd", 1 / 3)]),
        # look-alikes: a date and a code
        ("The vote is on 4/22 in the city.", [d("4/22", "2024-04-22")]),
        ("The 24/7 service was cut.", []),
    ],
}

if __name__ == "__main__":
    write_split(CASES, "forms8p")
