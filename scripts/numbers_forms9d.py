#!/usr/bin/env python3
"""Golden cases of issue 10's ninth session, date step (branch s9-date): DATE forms written from
the grammar of dates that the stage missed or valued wrongly when probed. Written before the
stage was changed; values come from the grammar below and docs/numbers.md's conventions, never
from the stage's output. Every fifth case of each form, in writing order, is held out in
tests/data/numbers/aside/forms9d_aside.jsonl (never used to tune the stage).

The grammar (docs/numbers.md, "Ninth session (branch s9-date)"); published_at 2024-06-12, a
Wednesday, unless a case says otherwise:
- "of the month", "of the year" after a day of a period ("the last day of the month", "the
  first Friday of the year", "the last Sunday of the month") is the publication's month or
  year, as "of this month" / "of this year" (the eighth session's "the second half of the year"
  reads "the year" so). The whole phrase is one DATE. Without published_at the REF form of
  "of this month" / "of this year" (at month or year precision: REF+P0M, REF+P0Y). "Of the"
  before any other noun ("the first day of the trial") is no date.
- A day of a named month without a year ("the last day of June", "the first Monday of June")
  is a day: its year follows the verbs as a month-day date's does ("will ... the first Monday
  of June" in June 2024, after June 3, is 2025-06-02; "ended on the last day of June" is
  2023-06-30), not as the month's (a month that has begun is the current one).
- "a week from <day>" ("a week from Friday", "a week from tomorrow", "two weeks from Monday"):
  that day plus the weeks, a day, as "3 days from Friday" (eighth session) and "a week from
  today". Without published_at, from "tomorrow": REF+P8D.
- "the week before last", "the month before last", "the year before last", "the Monday before
  last": two weeks, months, years back (the week of 2024-06-12 is W24: W22; 2024-04; 2022), a
  week before "last Monday"; the mirror of "the week after next" (eighth session). Without
  published_at REF-P2W, REF-P2M, REF-P2Y; the weekday form has no REF value (none). "Last"
  before a noun ("the week before last year's vote") keeps "last year" the date.
- An ordinal century ("the 21st century", "the nineteenth century", "19th-century" as an
  adjective) is one DATE with the TIMEX3 century value: the 21st century is 2000-2099, "20XX"
  (as "the 1900s" is "19XX"); "the" is in the span as in "the 1990s". A capitalised "Century"
  is a name ("21st Century Fox") and an ordinal before another noun stays an ORDINAL.
- A holiday on a fixed day of the calendar, written in full ("Christmas Day", "Christmas Eve",
  "New Year's Day", "New Year's Eve", "Valentine's Day", "Boxing Day", "Halloween"), is a DATE
  of that month and day; the year follows the verbs as a month-day date's, a year after it is
  its year ("Boxing Day 2004"); without published_at "XXXX-12-25". Holidays that move
  (Easter, Thanksgiving) or differ by country ("Independence Day", "Mother's Day") are left.
  "Christmas" alone names a season as often as the day, and is left too ("Christmas trees").

Second group (written after the first group's fixes, before its own):
- After "day of" a month name in lower case is the month, even one that is also a word
  ("the second day of march", "the third day of may"); without published_at a day of a named
  month is "XXXX-03-02" (was nothing: a day of a month needs no year to be written).
- "the following year", "the previous year", "the next year", "the year before/after", and the
  same with "month" and "week": the year (month, week) next to the date mentioned last in the
  sentence or the one before, at the unit's precision ("in 2019 ... the following year" 2020;
  "in March 2019 ... the following month" 2019-04), as "the next day" (seventh session);
  without such a date nothing (the period is one of the story, not counted from publication).
  "The next year" with "the" is such a period, not "next year" (2025).
- "the weekend", "this weekend", "last weekend", "next weekend", "at the weekend": Saturday
  and Sunday, an interval of days. "The weekend" and "at the weekend" follow the verbs (past:
  the most recent one, 2024-06-08/2024-06-09 from Wednesday 2024-06-12; future or no cue: the
  coming one, 06-15/06-16), "this weekend" is the coming one (the current one on a Saturday
  or Sunday), "last weekend" the one before this week's, "next weekend" the one of next week
  (06-22/06-23), as "next Saturday" is. Without published_at nothing (no REF interval form).
  "A weekend", "every weekend", "weekend trading" are no date.

    python3 scripts/numbers_forms9d.py   # rewrites tests/data/numbers/forms9d.jsonl and the aside file
"""

from numbers_forms import c, d, write_split


def o(text, value):
    return c("ORDINAL", text, value)


# form: [(text, expected[, published_at: numbers_forms.PUB when left out, "-" for none])]
CASES = {
    "of_the_period": [
        ("The vote will be held on the last day of the month.",
         [d("the last day of the month", "2024-06-30")]),
        ("The board met on the first Monday of the month.",
         [d("the first Monday of the month", "2024-06-03")]),
        ("The plant will close on the last day of the year.",
         [d("the last day of the year", "2024-12-31")]),
        ("The vote will be held on the last Friday of the month.",
         [d("the last Friday of the month", "2024-06-28")]),
        ("The count began on the first Friday of the year.",
         [d("the first Friday of the year", "2024-01-05")]),
        ("Rents are paid on the first day of the month.",
         [d("the first day of the month", "2024-06-01")]),
        ("The fair opened on the second Saturday of the month.",
         [d("the second Saturday of the month", "2024-06-08")]),
        ("The law took effect on the first day of the year.",
         [d("the first day of the year", "2024-01-01")]),
        ("The vote will be held on the last day of the month.",
         [d("the last day of the month", "REF+P0M")], "-"),
        ("Prices rose on the first Friday of this year.",
         [d("the first Friday of this year", "2024-01-05")]),
        ("The market will close on the last Sunday of the month.",
         [d("the last Sunday of the month", "2024-06-30")]),
        # look-alikes: "of the" before another noun is no period
        ("He spoke on the first day of the trial.", [o("first", 1)]),
        ("The vote was held on the last day of the summit.", []),
        ("The team lost the first game of the month.", [o("first", 1)]),
    ],
    "day_of_named_month": [
        ("We will meet on the last day of June.", [d("the last day of June", "2024-06-30")]),
        ("The lease was signed on the first day of June.", [d("the first day of June", "2024-06-01")]),
        ("The tax year ended on the last day of June.", [d("the last day of June", "2023-06-30")]),
        ("The shop will open on the first Monday of June.",
         [d("the first Monday of June", "2025-06-02")]),
        ("The offer ends on the last day of June.", [d("the last day of June", "2024-06-30")]),
        ("The strike began on the last day of May.", [d("the last day of May", "2024-05-31")]),
        ("The shop will open on the last Monday of June.",
         [d("the last Monday of June", "2024-06-24")]),
        ("The deadline was the last day of June 2023.", [d("the last day of June 2023", "2023-06-30")]),
        ("The club met on the second Tuesday of June.",
         [d("the second Tuesday of June", "2024-06-11")]),
        ("The talks will end on the first Friday of June.",
         [d("the first Friday of June", "2025-06-06")]),
        ("Voting will close on the last Friday of June.",
         [d("the last Friday of June", "2024-06-28")]),
        # look-alike: a day of a term, not of a month
        ("He resigned on the last day of his term.", []),
    ],
    "week_from_day": [
        ("We will meet a week from Friday.", [d("a week from Friday", "2024-06-21")]),
        ("The talks resume a week from tomorrow.", [d("a week from tomorrow", "2024-06-20")]),
        ("The court will rule a week from Monday.", [d("a week from Monday", "2024-06-24")]),
        ("The vote will be held a week from Thursday.", [d("a week from Thursday", "2024-06-20")]),
        ("We will meet a week from tomorrow.", [d("a week from tomorrow", "REF+P8D")], "-"),
        ("The plant will reopen two weeks from Monday.",
         [d("two weeks from Monday", "2024-07-01")]),
        ("The results are due a week from today.", [d("a week from today", "2024-06-19")]),
        ("Ballots will be counted a week from Saturday.",
         [d("a week from Saturday", "2024-06-22")]),
        # look-alikes
        ("The week from hell ended on Friday.", [d("Friday", "2024-06-07")]),
        ("She flew in a week ago from Friday's summit.", [d("a week ago", "2024-06-05"), d("Friday", "2024-06-07")]),
    ],
    "before_last": [
        ("The vote was held the week before last.", [d("the week before last", "2024-W22")]),
        ("Prices fell the month before last.", [d("the month before last", "2024-04")]),
        ("The firm was founded the year before last.", [d("the year before last", "2022")]),
        ("They met the Monday before last.", [d("the Monday before last", "2024-06-03")]),
        ("Prices fell the month before last.", [d("the month before last", "REF-P2M")], "-"),
        ("The Friday before last was quiet.", [d("The Friday before last", "2024-05-31")]),
        ("The vote was held the week before last.", [d("the week before last", "REF-P2W")], "-"),
        ("Exports rose in the year before last, data showed.",
         [d("the year before last", "2022")]),
        ("They met the Monday before last.", [], "-"),
        ("The deal closed the Wednesday before last.", [d("the Wednesday before last", "2024-05-29")]),
        # look-alikes: "last" before a noun
        ("The week before last year's vote was busy.", [d("last year", "2023")]),
        ("He came in the one before last in the race.", []),
    ],
    "century": [
        ("Sales rose in the 21st century.", [d("the 21st century", "20XX")]),
        ("The church dates from the 12th century.", [d("the 12th century", "11XX")]),
        ("The twentieth century saw two wars.", [d("The twentieth century", "19XX"), c("CARDINAL", "two", 2)]),
        ("The town grew in the nineteenth century.", [d("the nineteenth century", "18XX")]),
        ("The church dates from the 12th century.", [d("the 12th century", "11XX")], "-"),
        ("Coal powered the 19th-century economy.", [d("19th-century", "18XX")]),
        ("The fort was built in the 16th century by traders.", [d("the 16th century", "15XX")]),
        ("The manuscript is from the fifteenth century.", [d("the fifteenth century", "14XX")]),
        ("Cities of the 21st century face new risks.", [d("the 21st century", "20XX")]),
        ("Ruins from the third century were found.", [d("the third century", "02XX")]),
        # look-alikes: a name, another noun
        ("She lives on the 21st floor.", [o("21st", 21)]),
        ("The 20th Century Studios film opened.", [o("20th", 20)]),
    ],
    "day_of_lower_month": [
        ("I will go back on the second day of march.", [d("the second day of march", "2025-03-02")]),
        ("The law took effect on the first day of march.", [d("the first day of march", "2024-03-01")]),
        ("The fair opens on the third day of may.", [d("the third day of may", "2024-05-03")]),
        ("Talks will start on the 14th day of january.", [d("the 14th day of january", "2025-01-14")]),
        ("The third day of July was hot.", [d("The third day of July", "XXXX-07-03")], "-"),
        ("The strike began on the 14th day of January.", [d("the 14th day of January", "2024-01-14")]),
        ("The vote will be held on the fifth day of march.", [d("the fifth day of march", "XXXX-03-05")], "-"),
        ("The audit ended on the tenth day of august.", [d("the tenth day of august", "2023-08-10")]),
        # look-alike: a march of people
        ("He spent the first day of his march in the rain.", [o("first", 1)]),
    ],
    "story_relative_period": [
        ("The firm was founded in 2019 and listed the following year.",
         [d("2019", "2019"), d("the following year", "2020")]),
        ("Sales fell in 2020, after rising the previous year.",
         [d("2020", "2020"), d("the previous year", "2019")]),
        ("He moved to Paris in 2015; the next year he married.",
         [d("2015", "2015"), d("the next year", "2016")]),
        ("The plant opened in March 2019 and closed the following month.",
         [d("March 2019", "2019-03"), d("the following month", "2019-04")]),
        ("The law passed in 2010. The year before, a similar bill failed.",
         [d("2010", "2010"), d("The year before", "2009")]),
        ("The mine closed in 2001 and reopened the year after.",
         [d("2001", "2001"), d("the year after", "2002")]),
        ("Exports peaked in May 2018 and fell the next month.",
         [d("May 2018", "2018-05"), d("the next month", "2018-06")]),
        ("The strike began on March 3, 2022 and ended the following week.",
         [d("March 3, 2022", "2022-03-03"), d("the following week", "2022-W10")]),
        ("He was elected in 1998 and re-elected the following year.",
         [d("1998", "1998"), d("the following year", "1999")]),
        ("The firm was founded in 2019 and listed the following year.",
         [d("2019", "2019"), d("the following year", "2020")], "-"),
        # look-alikes: no date to count from, a plural, a possessive, "next year" alone
        ("The following year was quiet.", []),
        ("The firm grew in 2019 and in the following years.", [d("2019", "2019")]),
        ("The firm grew in 2019 and the following year's budget doubled.", [d("2019", "2019")]),
        ("He moved to Paris in 2015 and will return next year.",
         [d("2015", "2015"), d("next year", "2025")]),
    ],
    "weekend": [
        ("Sales rose over the weekend.", [d("the weekend", "2024-06-08/2024-06-09")]),
        ("The shop opens this weekend.", [d("this weekend", "2024-06-15/2024-06-16")]),
        ("Protests spread last weekend.", [d("last weekend", "2024-06-08/2024-06-09")]),
        ("The talks resume next weekend.", [d("next weekend", "2024-06-22/2024-06-23")]),
        ("Protests spread last weekend.", [], "-"),
        ("The vote will be held at the weekend.", [d("the weekend", "2024-06-15/2024-06-16")]),
        ("Police said the fire started at the weekend.", [d("the weekend", "2024-06-08/2024-06-09")]),
        ("The shop opens this weekend.", [d("this weekend", "2024-06-15/2024-06-16")], "2024-06-15"),
        ("Crowds gathered last weekend.", [d("last weekend", "2024-06-08/2024-06-09")], "2024-06-16"),
        ("The fair will run this weekend, organisers said.",
         [d("this weekend", "2024-06-15/2024-06-16")]),
        # look-alikes
        ("They planned a weekend of talks.", []),
        ("Weekend trading was thin.", []),
        ("He works every weekend.", []),
    ],
    # found in the Wikinews corpus after the weekend rule: "this weekend" in the past, "the
    # last weekend of July" (a weekend of a month, not read: no date)
    "weekend_corpus": [
        ("A memorial was held this weekend in Columbia.",
         [d("this weekend", "2024-06-08/2024-06-09")], "2024-06-10"),
        ("The fair was held on the last weekend of May.", [d("May", "2024-05")]),
    ],
    # found on Wikinews after the holiday rule: a compound adjective is no date
    "holiday_corpus": [
        ("The Halloween-themed event drew crowds.", []),
    ],
    "fixed_holiday": [
        ("The shop will close on Christmas Day.", [d("Christmas Day", "2024-12-25")]),
        ("The attack happened on Christmas Eve.", [d("Christmas Eve", "2023-12-24")]),
        ("The law took effect on New Year's Day.", [d("New Year's Day", "2024-01-01")]),
        ("Markets will be closed on New Year's Eve.", [d("New Year's Eve", "2024-12-31")]),
        ("The shop will close on Christmas Day.", [d("Christmas Day", "XXXX-12-25")], "-"),
        ("Sales jumped on Valentine's Day, the firm said.", [d("Valentine's Day", "2024-02-14")]),
        ("The storm hit on Boxing Day 2004.", [d("Boxing Day 2004", "2004-12-26")]),
        ("He was born on Christmas Day 1990.", [d("Christmas Day 1990", "1990-12-25")]),
        ("The film will open on Halloween.", [d("Halloween", "2024-10-31")]),
        ("The treaty was signed on New Year's Eve 1999.", [d("New Year's Eve 1999", "1999-12-31")]),
        # look-alikes: the season, a name
        ("They sold Christmas trees in the square.", []),
        ("The Boxing Day sales drew crowds.", [d("Boxing Day", "2023-12-26")]),
    ],
}

# Not done in this step (docs/numbers.md, ninth session s9-date): "the year after" (a unit
# before "after"/"before": the unit words are too common to start a look). Its dev case is
# scored in misses/, not asserted.
MISSES = ["The mine closed in 2001 and reopened the year after."]

if __name__ == "__main__":
    write_split(CASES, "forms9d", misses=MISSES)
