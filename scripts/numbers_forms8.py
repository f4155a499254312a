#!/usr/bin/env python3
"""Golden cases of issue 10's eighth session (branch s8-nacc): forms of the Recognizers-Text
ordinal and date kinds the stage missed, found by writing each form from its grammar (digit
ordinals with thousands separators, scale ordinals after a bare "hundred", "the Nth" without a
date preposition, nth weekdays written with digits, a weekday before "the Nth of Month", day,
month name and year joined by "-" or "/"). Written before the stage was changed; the expected
annotations come from what the words mean (published 2024-06-12, a Wednesday), never from the
stage's output. Every fifth case of each form, in writing order, is held out in
tests/data/numbers/aside/forms8_aside.jsonl (never used to tune the stage).

    python3 scripts/numbers_forms8.py   # rewrites tests/data/numbers/forms8.jsonl and the aside file
"""

from numbers_forms import c, d, write_split


def o(text, value):
    return c("ORDINAL", text, value)


# form: [(text, expected[, published_at: numbers_forms.PUB when left out, "-" for none])]
CASES = {
    # A digit ordinal written with thousands separators is one ORDINAL over all its groups, as
    # "1,000" is one CARDINAL: "the 1,000th visitor" is 1000 (not "000th" 0).
    "ordinal_thousands": [
        ("The museum welcomed its 1,000th visitor on Tuesday.",
         [o("1,000th", 1000), d("Tuesday", "2024-06-11")]),
        ("The chain opened its 10,000th store in Ohio.", [o("10,000th", 10000)]),
        ("He scored his 1,000th goal for the club.", [o("1,000th", 1000)]),
        ("The 2,500th edition of the paper went to print.", [o("2,500th", 2500)]),
        ("It was the 100,000th car built at the plant.", [o("100,000th", 100000)]),
        ("The 1,001st night of the strike passed quietly.", [o("1,001st", 1001)]),
        ("She became the 1,000,000th passenger this year.",
         [o("1,000,000th", 1000000), d("this year", "2024")]),
        ("The index closed at 1,000 for the 3,000th day.", [c("CARDINAL", "1,000", 1000),
                                                              o("3,000th", 3000)]),
        ("The 12,345th entry was rejected.", [o("12,345th", 12345)]),
        ("the 1,000th", [o("1,000th", 1000)]),
    ],
    # A scale ordinal after a bare scale word: "the hundred thousandth" is 100 000, as "one
    # hundred thousandth" and "a hundred trillionth" are (not "thousandth" 1000).
    "ordinal_bare_scale": [
        ("The city greeted its hundred thousandth resident.", [o("hundred thousandth", 100000)]),
        ("It was the hundred millionth download of the app.", [o("hundred millionth", 100000000)]),
        ("a hundred thousandth", [o("a hundred thousandth", 100000)]),
        ("The bank printed its hundred thousandth note.", [o("hundred thousandth", 100000)]),
        ("the thousand millionth", [o("thousand millionth", 1000000000)]),
        ("The site logged its hundred thousandth order today.",
         [o("hundred thousandth", 100000), d("today", "2024-06-12")]),
    ],
    # "the Nth" with a suffix at the end of a clause is a day of the month only after a
    # preposition of time ("on the 27th", "until the 21st", "moved to the 27th"); after a verb
    # or another word it is the ordinal ("she was the 3rd", "he became the 44th").
    "the_nth_alone": [
        ("She was the 3rd.", [o("3rd", 3)]),
        ("The vote is on the 23rd.", [d("the 23rd", "2024-06-23")]),
        ("Jones became the 44th.", [o("44th", 44)]),
        ("The sale runs until the 21st.", [d("the 21st", "2024-06-21")]),
        ("Of the 30 runners, he came in the 23rd.", [c("CARDINAL", "30", 30), o("23rd", 23)]),
        ("The plant has been closed since the 3rd.", [d("the 3rd", "2024-06-03")]),
        ("The law was the 12th, after 11 others.", [o("12th", 12), c("CARDINAL", "11", 11)]),
        ("Bids are due by the 20th.", [d("the 20th", "2024-06-20")]),
        ("Among the candidates he ranked the 5th.", [o("5th", 5)]),
        ("The hearing was put off to the 27th.", [d("the 27th", "2024-06-27")]),
        ("The firm is the 2nd, behind Apple.", [o("2nd", 2)]),
        ("Payments stop after the 25th.", [d("the 25th", "2024-06-25")]),
        ("He was elected the 46th.", [o("46th", 46)]),
        ("The talks will resume on the 18th.", [d("the 18th", "2024-06-18")]),
        ("Smith finished as the 21st.", [o("21st", 21)]),
    ],
    # An nth weekday written with a digit ordinal: "the 1st Monday of June" as "the first Monday
    # of June" (the nth weekday of that month; "of next month", a year, or "in"; without a month,
    # of the publication month), one DATE with "the".
    "nth_weekday_digits": [
        ("The board met on the 1st Monday of June.", [d("the 1st Monday of June", "2024-06-03")]),
        ("The fair opens on the 2nd Tuesday.", [d("the 2nd Tuesday", "2024-06-11")]),
        ("Thanksgiving falls on the 4th Thursday of November.",
         [d("the 4th Thursday of November", "2024-11-28")]),
        ("The council votes on the 2nd Tuesday of next month.",
         [d("the 2nd Tuesday of next month", "2024-07-09")]),
        ("The parade is held on the 3rd Friday in July.", [d("the 3rd Friday in July", "2024-07-19")]),
        ("The summit is set for the 1st Monday of June 2025.",
         [d("the 1st Monday of June 2025", "2025-06-02")]),
        ("The festival ended on the 3rd Sunday of May.", [d("the 3rd Sunday of May", "2024-05-19")]),
        ("Rents are due on the 1st Friday of each month, 12 tenants said.",
         [d("the 1st Friday", "2024-06-07"), c("CARDINAL", "12", 12)]),
        ("The club meets every 2nd Monday of next month.", [d("2nd Monday of next month", "2024-07-08")]),
        ("Markets closed on the 4th Thursday in November 2023.",
         [d("the 4th Thursday in November 2023", "2023-11-23")]),
        ("The race is on the 2nd Saturday of July.", [d("the 2nd Saturday of July", "2024-07-13")]),
        ("The 3 banks report on the 3rd Wednesday of the month.",
         [c("CARDINAL", "3", 3), d("the 3rd Wednesday of the month", "2024-06-19")]),
    ],
    # A weekday before "the Nth of Month" or "Nth of Month" (a comma between or not) is one DATE,
    # as "Friday the 14th" and "Friday, June 14" are; the weekday picks the year when none is
    # written (the year in which that day is that weekday, as for "Sunday, June 4").
    "weekday_nth_of_month": [
        ("The board meets on Friday the 14th of June.", [d("Friday the 14th of June", "2024-06-14")]),
        ("The talks open Wednesday 22nd of Jan.", [d("Wednesday 22nd of Jan.", "2025-01-22")]),
        ("The vote was held on Monday, the 3rd of June 2024.",
         [d("Monday, the 3rd of June 2024", "2024-06-03")]),
        ("The court sits on Wednesday, 22nd of January.",
         [d("Wednesday, 22nd of January", "2025-01-22")]),
        ("The firm said on Thursday the 6th of June that 40 jobs would go.",
         [d("Thursday the 6th of June", "2024-06-06"), c("CARDINAL", "40", 40)]),
        ("Polls opened on Sunday, 9th of June, in 27 countries.",
         [d("Sunday, 9th of June", "2024-06-09"), c("CARDINAL", "27", 27)]),
        ("The summit starts on Monday the 1st of July.", [d("Monday the 1st of July", "2024-07-01")]),
        ("The strike began on Friday 31st of May 2024.", [d("Friday 31st of May 2024", "2024-05-31")]),
        ("The market reopens on tuesday the 2nd of july.", [d("tuesday the 2nd of july", "2024-07-02")]),
        ("The ceremony was on Saturday, the 1st of June.", [d("Saturday, the 1st of June", "2024-06-01")]),
        ("The plan is due Thursday the 4th of July 2024.", [d("Thursday the 4th of July 2024", "2024-07-04")]),
    ],
    # A day, a month name and a year joined by "-" or "/" ("10-Oct-2015", "10/Oct/2015",
    # "Oct/10/2015") is one DATE with the written year, as "10.Oct.2015" and "2015-Oct-10" are.
    "day_month_year_joined": [
        ("The contract was signed on 10-Oct-2015.", [d("10-Oct-2015", "2015-10-10")]),
        ("The order is dated 10/Oct/2015.", [d("10/Oct/2015", "2015-10-10")]),
        ("The filing is dated Oct/10/2015.", [d("Oct/10/2015", "2015-10-10")]),
        ("Shares listed on 03-Mar-2021 at $12.", [d("03-Mar-2021", "2021-03-03"),
                                                   c("MONEY", "$12", 12, currency="USD")]),
        ("The deal closed 28-nov-2023, the firm said.", [d("28-nov-2023", "2023-11-28")]),
        ("The ship left on 5/Jun/2024 with 30 crew.", [d("5/Jun/2024", "2024-06-05"),
                                                       c("CARDINAL", "30", 30)]),
        ("Invoice due 15-Jul-2024.", [d("15-Jul-2024", "2024-07-15")]),
        ("The permit expires Jan/31/2025.", [d("Jan/31/2025", "2025-01-31")]),
        ("The law took effect 1-Jan-2020.", [d("1-Jan-2020", "2020-01-01")]),
        ("The bond matures on 30-Sep-2030.", [d("30-Sep-2030", "2030-09-30")]),
    ],
    # A count of months, years or decades "from now" / "from today" is the date that far after
    # publication at the unit's precision, as "two weeks from now" is a day ("two years from
    # now" 2026, "3 months from now" 2024-09; REF+P2Y without published_at); "a year from now",
    # "a week from today" likewise with "a" as one. "from" before another word leaves the
    # duration ("two years from the start" P2Y; "a week from hell" no annotation).
    "units_from_now": [
        ("The plant will open two years from now.", [d("two years from now", "2026")]),
        ("The rules take effect three months from today.", [d("three months from today", "2024-09")]),
        ("The vote is a week from now.", [d("a week from now", "2024-06-19")]),
        ("Prices will be higher a year from now, 40 economists said.",
         [d("a year from now", "2025"), c("CARDINAL", "40", 40)]),
        ("The mission will land a decade from now.", [d("a decade from now", "2034")]),
        ("Three years from now, the plant will be closed.", [d("Three years from now", "2027")]),
        ("The ban ends 6 months from now.", [d("6 months from now", "2024-12")]),
        ("It lasted two years from the start.", [d("two years", "P2Y")]),
        ("A month from today, the law takes effect.", [d("A month from today", "2024-07")]),
        ("The deal closes a year from now.", [d("a year from now", "REF+P1Y")], "-"),
        ("The talks resume 18 months from now.", [d("18 months from now", "2025-12")]),
        ("He spent a week from hell in jail.", []),
        ("The vote is two years from now.", [d("two years from now", "REF+P2Y")], "-"),
        ("The 3 plants will close two weeks from today.",
         [c("CARDINAL", "3", 3), d("two weeks from today", "2024-06-26")]),
        ("The launch is a month from now.", [d("a month from now", "2024-07")]),
    ],
    # A spelled decimal without its integer part: "point five" is 0.5, as "zero point five";
    # "point" alone or before no number word stays a word ("the point is").
    "point_decimal": [
        ("Growth slowed to point five.", [c("CARDINAL", "point five", 0.5)]),
        ("The index fell point two five on Monday.",
         [c("CARDINAL", "point two five", 0.25), d("Monday", "2024-06-10")]),
        ("The point is that 3 firms lost money.", [c("CARDINAL", "3", 3)]),
        ("Inflation rose point three percent.", [c("PERCENT", "point three percent", 0.3)]),
        ("The rate is point seven five.", [c("CARDINAL", "point seven five", 0.75)]),
        ("The score was point eight.", [c("CARDINAL", "point eight", 0.8)]),
    ],
    # A weekday and a day without a month: the day in the month around publication that falls
    # on that weekday; when none of the three does and the publication month has no such day
    # ("Thursday the 31st" in June 2024), only the day is known: XXXX-XX-31, never an
    # impossible date (2024-06-31).
    "weekday_day_no_month": [
        ("The market reopens thursday the 31st.", [d("thursday the 31st", "XXXX-XX-31")]),
        ("The fair opens on Friday the 31st.", [d("Friday the 31st", "2024-05-31")]),
        ("The fair opens on Sunday the 31st.", [d("Sunday the 31st", "XXXX-XX-31")]),
        ("The vote is on Wednesday the 31st.", [d("Wednesday the 31st", "2024-07-31")]),
        ("The board meets on Monday 31st.", [d("Monday 31st", "XXXX-XX-31")]),
        ("The talks end on Tuesday the 31st, 3 diplomats said.",
         [d("Tuesday the 31st", "XXXX-XX-31"), c("CARDINAL", "3", 3)]),
    ],
    # A day before a month that does not have it ("31 April", "29 February 2023") is no date,
    # as "February 30" and "the 30th of February" are not (docs/numbers.md): the number stays a
    # count; a month and year after it are still a month ("February 2023").
    "day_month_impossible": [
        ("The vote is on 31 April, he said.", [c("CARDINAL", "31", 31)]),
        ("The law dates from 29 February 2023.",
         [c("CARDINAL", "29", 29), d("February 2023", "2023-02")]),
        ("The vote is on 30 April, he said.", [d("30 April", "2024-04-30")]),
        ("Payments stop on 31 June.", [c("CARDINAL", "31", 31)]),
        ("It was signed on 29 February 2024.", [d("29 February 2024", "2024-02-29")]),
    ],
    # A quarter or half "of" something that is no year is no calendar period: "the first quarter
    # of the game", "the second half of the match" keep the ordinal, and "half" after an ordinal
    # is the noun, no fraction (0.5). "Of the year", "of this (last, next) year" is the year of
    # publication (moved): "the second half of this year" 2024-07/2024-12.
    "period_of_a_noun": [
        ("He scored in the first quarter of the game.", [o("first", 1)]),
        ("He scored in the second half of the match.", [o("second", 2)]),
        ("Sales rose in the fourth quarter of 2023.",
         [d("the fourth quarter of 2023", "2023-10/2023-12")]),
        ("Output will rise in the second half of this year.",
         [d("the second half of this year", "2024-07/2024-12")]),
        ("Profits fell in the third quarter of last year.",
         [d("the third quarter of last year", "2023-07/2023-09")]),
        ("Half of the votes were counted.", [c("CARDINAL", "Half", 0.5)]),
        ("The team led at the end of the first half.", [o("first", 1)]),
        ("Sales rose in the first quarter, 12 analysts said.",
         [d("the first quarter", "2024-01/2024-03"), c("CARDINAL", "12", 12)]),
        ("Exports grew in the first half of the year.",
         [d("the first half of the year", "2024-01/2024-06")]),
        ("He was sent off in the second half of extra time.", [o("second", 2)]),
        ("Growth will slow in the second quarter of next year.",
         [d("the second quarter of next year", "2025-04/2025-06")]),
        ("Both goals came in the second half of the final.", [o("second", 2)]),
    ],
    # A count of days or weeks "from", "after" or "before" a bare weekday is the day that far
    # from that weekday, the weekday read as it is alone (past reporting: the most recent one,
    # today included; future: the next one), with published_at: "3 days from Friday" in a
    # sentence about the future 2024-06-17. Not before "to"/"through" (a span of days: "3 days
    # from Monday to Wednesday").
    "units_from_weekday": [
        ("The talks will resume 3 days from Friday.", [d("3 days from Friday", "2024-06-17")]),
        ("He was freed two days after Monday.", [d("two days after Monday", "2024-06-12")]),
        ("The results will come 10 days after Tuesday.",
         [d("10 days after Tuesday", "2024-06-28")]),
        ("He worked 3 days from Monday to Wednesday.",
         [d("3 days", "P3D"), d("Monday", "2024-06-10"), d("Wednesday", "2024-06-12")]),
        ("The deal closed 2 days before Friday.", [d("2 days before Friday", "2024-06-05")]),
        ("Shares rose 5 days after Friday.", [d("5 days after Friday", "2024-06-12")]),
        ("The court will rule two weeks from Thursday.",
         [d("two weeks from Thursday", "2024-06-27")]),
        ("The 2 sides will meet four days after Sunday.",
         [c("CARDINAL", "2", 2), d("four days after Sunday", "2024-06-20")]),
    ],
    # Pounds with pence after them are money, not weight: "three pounds and ten pence", "4
    # pounds 50 pence", "five pounds fifty" (the pence left unsaid, as "15 dollars and 50");
    # ounces after pounds, or "weigh", keep the weight.
    "pounds_and_pence": [
        ("It costs three pounds and ten pence.",
         [c("MONEY", "three pounds and ten pence", 3.1, currency="GBP")]),
        ("A pint costs 4 pounds 50 pence.", [c("MONEY", "4 pounds 50 pence", 4.5, currency="GBP")]),
        ("The ticket was five pounds fifty.", [c("MONEY", "five pounds fifty", 5.5, currency="GBP")]),
        ("The baby weighed 7 pounds 8 ounces.",
         [c("QUANTITY", "7 pounds", 7, unit="lb"), c("QUANTITY", "8 ounces", 8, unit="oz")]),
        ("Milk rose to one pound and twenty pence.",
         [c("MONEY", "one pound and twenty pence", 1.2, currency="GBP")]),
        ("He lost 10 pounds last year.", [c("QUANTITY", "10 pounds", 10, unit="lb"),
                                          d("last year", "2023")]),
        ("The fare is 2 pounds and 5 pence, 3 riders said.",
         [c("MONEY", "2 pounds and 5 pence", 2.05, currency="GBP"), c("CARDINAL", "3", 3)]),
        ("The dog weighs 20 pounds.", [c("QUANTITY", "20 pounds", 20, unit="lb")]),
    ],
    # A range of days in one month is one DATE with an interval value, as "May 3-5" is: "3-5
    # May", "3 to 5 May", "May 3 to 5", "May 3 through 5, 2024" ("from" stays outside, as
    # "between" does). A range of two months ("May 3 to June 5") stays two dates; a range
    # before a percent sign or word is a PERCENT range.
    "day_range_month": [
        ("The festival ran on 3-5 May.", [d("3-5 May", "2024-05-03/2024-05-05")]),
        ("The festival ran May 3 to 5.", [d("May 3 to 5", "2024-05-03/2024-05-05")]),
        ("The summit was held from 3 to 5 May.", [d("3 to 5 May", "2024-05-03/2024-05-05")]),
        ("The talks ran May 3 through 5, 2024.",
         [d("May 3 through 5, 2024", "2024-05-03/2024-05-05")]),
        ("The fair ran 10-12 June 2023.", [d("10-12 June 2023", "2023-06-10/2023-06-12")]),
        ("Prices rose 3 to 5 percent in May.",
         [c("PERCENT", "3 to 5 percent", 3, value_max=5), d("May", "2024-05")]),
        ("The vote ran May 3 to June 5.", [d("May 3", "2024-05-03"), d("June 5", "2024-06-05")]),
        ("The camp will run 22-24 July.", [d("22-24 July", "2024-07-22/2024-07-24")]),
    ],
}


if __name__ == "__main__":
    write_split(CASES, "forms8")
