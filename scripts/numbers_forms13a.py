#!/usr/bin/env python3
"""Golden cases of issue 10's thirteenth session (s13-acc): forms found by an audit of real
news (scripts/audit_numbers.py on the AUDIT half of tests/data/corpus/wikinews_2019_2020.jsonl;
judgements in tests/data/numbers/audit/wikinews_audit.tsv). Written from the grammar of each
form with other values, positions and tenses; expectations come from what the words mean and
the conventions of docs/numbers.md, never from the stage's output. Every fifth case of each
form, in writing order, is held out in tests/data/numbers/aside/forms13a_aside.jsonl (never
used to tune the stage). Published 2024-06-12, a Wednesday.

The grammar:
- nbsp_word: a no-break space (U+00A0) is white space before a word as before digits: "on
  Friday", "said five people", "in March 2019" with an NBSP before the word are read as with a
  blank (Wikinews datelines end in one: "Monday, September 30, 2019<NBSP>\\n\\nFriday, the
  House ..."). Not changed: amounts and units with an NBSP inside ("5<NBSP>kg"), a name before
  a month word ("Theresa<NBSP>May").
- round_range: three digits, a hyphen or dash and four digits, both ends round (multiples of
  fifty) and rising, is a range of counts ("800-1000 people", "500–2500 refugees"), not a phone
  number's local part. Not changed: "555-0143", "867-5309", "800-1234" (a phone's local part),
  "80-100" (a range already), "2019-2020" (years).
- four_digit_range: two four-digit round numbers (multiples of a hundred), rising, more than a
  century apart and not a pair of years ("1500-2000 people", "2000-5000 jobs") are a range of
  counts; not a count and a year. Not changed: "1914-1918", "1990-2000" (years; a century or
  less apart).
- tally_to: a vote tally written with "to" glued by hyphens after a tally verb ("ruled 7-to-2",
  "passed 51-to-49", "voted 5-to-4") or after "vote of"/"votes of" is one CARDINAL without a
  value, as "voted 5-4" is; so is "by a vote of 230-197". Not changed: an ascending pair ("the
  18-to-24 age group": an age band), "a 2-to-1 margin" (a tally already).
- this_weekday_past: "this" + a weekday in a past-tense sentence is the one just gone when the
  publication week's is still to come ("This Sunday, the inventor crossed the Channel" in a
  Wednesday story: the Sunday before), as "this weekend" in a past sentence. Found when the
  NBSP fix let a dateline's "This Sunday, ... crossed" be read with its "this". Not changed:
  the future and present ("This Sunday, the team will play", "opens this Saturday": the
  coming one), a weekday of the week already gone ("This Monday, the council voted").
- clause_word_number: a number after a capitalised word that starts a clause (a conjunction or
  a sentence adverb: "While 54 nations have signed", "When 300 protesters", "If 20 more",
  "Maybe 10 times") is a count, not part of a name as in "Boeing 737" (words.tsv func). Written
  after the HELD half was judged (its "While 54 nations", "Maybe 10 times"): the HELD figures are
  not held out for this form; its aside fifth is. Not changed: "Boeing 737", "Windows 11",
  "Apollo 11" (names), "Section 230" (a reference), "In 2019" (a year).
- unit_and_a_half: "a half" after "and" after a unit or a period ("a year and a half", "a mile
  and a half", "two years and a half") is part of that amount, not a number by itself: no
  CARDINAL 0.5 (the audit's "converted to Islam a year-and-a-half ago" has the same parts). "a
  year" alone is no mention by the stage's convention, so neither is "a year and a half" (a
  duration value for both is a convention call left open). Not changed: "three and a half
  years" (a duration), "a dollar and a half" (money), "one and a half million", "fell by a
  half" (a fraction).
- this_past_month: "this past" before a month name is the last such month before publication
  (the month of publication excluded), as "last August"; "this past" in the span as in "this
  past Monday". Not changed: "last August", "this August" (the coming one).

    python3 scripts/numbers_forms13a.py   # rewrites tests/data/numbers/forms13a.jsonl and the aside file
"""

from numbers_forms import d, n, o, q, m, pc, write_split, drop_novalue

NB = "\u00a0"

# form: [(text, expected[, published_at: numbers_forms.PUB when left out, "-" for none])]
CASES = {
    "nbsp_word": [
        (f"The minister resigned on{NB}Friday.", [d("Friday", "2024-06-07")]),
        (f"Police said{NB}five people were hurt.", [n("five", 5)]),
        (f"The plant opened in{NB}March 2019.", [d("March 2019", "2019-03")]),
        (f"Wednesday, June 12, 2024{NB}\n\nMonday, the council voted to close the library.",
         [d("Wednesday, June 12, 2024", "2024-06-12"), d("Monday", "2024-06-10")]),
        (f"The company hired{NB}three hundred workers.", [n("three hundred", 300)]),
        (f"She finished{NB}second in the race.", [o("second", 2)]),
        (f"The vote was held on{NB}Sunday.", [d("Sunday", "2024-06-09")]),
        (f"Rain fell for{NB}three days.", [d("three days", "P3D")]),
        (f"Wednesday, June 12, 2024{NB}\n\nTuesday evening, the film had its premiere.",
         [d("Wednesday, June 12, 2024", "2024-06-12"), d("Tuesday", "2024-06-11")]),
        (f"The bridge reopened in{NB}January.", [d("January", "2024-01")]),
    ],
    "nbsp_word_not": [
        (f"The fine was{NB}$5 million.", [m("$5 million", 5000000)]),
        (f"The parcel weighs 5{NB}kg.", [q(f"5{NB}kg", 5, "kg")]),
        (f"Theresa{NB}May spoke on Monday.", [d("Monday", "2024-06-10")]),
        (f"He saw{NB}12 cars.", [n("12", 12)]),
        (f"Turnout was{NB}40%.", [pc("40%", 40)]),
    ],
    "round_range": [
        ("The clinic treated 800-1000 people.", [n("800-1000", 800, value_max=1000)]),
        ("The plant employs 500-1000 workers.", [n("500-1000", 500, value_max=1000)]),
        ("Crowds of 900-1200 gathered in the square.", [n("900-1200", 900, value_max=1200)]),
        ("The storm destroyed 600\u20131000 homes.", [n("600\u20131000", 600, value_max=1000)]),
        ("Each hive holds 200-1000 bees.", [n("200-1000", 200, value_max=1000)]),
        ("Officials expect 700-1500 visitors.", [n("700-1500", 700, value_max=1500)]),
        ("The survey covered 400-2000 households in each region.", [n("400-2000", 400, value_max=2000)]),
        ("The camp houses 500\u20132500 refugees.", [n("500\u20132500", 500, value_max=2500)]),
        ("The model predicts 100-5000 cases.", [n("100-5000", 100, value_max=5000)]),
        # ("some" is the approx modifier of words.tsv; the expectation first left it out)
        ("Some 650-1000 fighters remain in the city.", [n("650-1000", 650, value_max=1000, mod="approx")]),
    ],
    "round_range_not": [
        ("Call 555-0143 for details.", []),
        ("Call 867-5309 for details.", []),
        ("The hotline is 800-1234.", []),
        ("Dial 555-1200 to book.", []),
        ("We got 80-100 people.", [n("80-100", 80, value_max=100)]),
    ],
    "four_digit_range": [
        ("The rally drew 1500-2000 people.", [n("1500-2000", 1500, value_max=2000)]),
        ("The merger will cut 2000-5000 jobs.", [n("2000-5000", 2000, value_max=5000)]),
        ("The fire destroyed 1000-3000 homes.", [n("1000-3000", 1000, value_max=3000)]),
        ("The army sent 3000\u20135000 troops.", [n("3000\u20135000", 3000, value_max=5000)]),
        ("The shelter fed 1200-1800 families.", [n("1200-1800", 1200, value_max=1800)]),
    ],
    "four_digit_range_not": [
        ("The 1914-1918 war changed Europe.", [d("1914-1918", "1914/1918")]),
        ("Prices doubled in 1990-2000.", [d("1990-2000", "1990/2000")]),
        ("The 2019-2020 season ended early.", [d("2019-2020", "2019/2020")]),
    ],
    "tally_to": [
        ("The court ruled 7-to-2 in favour of the company.", [n("7-to-2", None)]),
        ("The bill passed 51-to-49.", [n("51-to-49", None)]),
        ("The articles passed by votes of 230-to-197 and 229-to-198.",
         [n("230-to-197", None), n("229-to-198", None)]),
        ("The board voted 5-to-4 to approve the merger.", [n("5-to-4", None)]),
        ("The House passed the bill by a vote of 230-197.", [n("230-197", None)]),
        ("The Senate approved it by a vote of 60-to-40.", [n("60-to-40", None)]),
        ("The resolution passed 120-to-5 on Tuesday.", [n("120-to-5", None), d("Tuesday", "2024-06-11")]),
        ("Jurors voted 10-to-2 to convict.", [n("10-to-2", None)]),
        ("Shareholders voted 3-to-1 against the plan.", [n("3-to-1", None)]),
        ("The motion carried by a vote of 9-3.", [n("9-3", None)]),
    ],
    "tally_to_not": [
        ("The 18-to-24 age group grew fastest.", [n("18-to-24", 18, value_max=24)]),
        ("He won by a 2-to-1 margin.", [n("2-to-1", None)]),
    ],
    "this_weekday_past": [
        ("This Sunday, the inventor crossed the Channel.", [d("This Sunday", "2024-06-09")]),
        ("This Saturday, protesters marched through the city.", [d("This Saturday", "2024-06-08")]),
        ("Police arrested two men this Friday.", [n("two", 2), d("this Friday", "2024-06-07")]),
        ("This Thursday, the company announced its results.", [d("This Thursday", "2024-06-06")]),
        ("The ship sank this Sunday, officials said.", [d("this Sunday", "2024-06-09")]),
    ],
    "this_weekday_past_not": [
        ("This Sunday, the team will play Spain.", [d("This Sunday", "2024-06-16")]),
        ("The museum opens this Saturday.", [d("this Saturday", "2024-06-15")]),
        ("This Monday, the council voted to close the library.", [d("This Monday", "2024-06-10")]),
    ],
    "clause_word_number": [
        ("While 54 nations have signed the treaty, only 27 have ratified it.", [n("54", 54), n("27", 27)]),
        ("When 300 protesters reached the square, police fired tear gas.", [n("300", 300)]),
        ("If 20 more members sign, the motion passes.", [n("20", 20)]),
        ("Although 12 people were hurt, the match went ahead.", [n("12", 12)]),
        ("Because 40 flights were cancelled, travellers were stranded.", [n("40", 40)]),
        ("Perhaps 200 people attended the vigil.", [n("200", 200)]),
        ("As 15 firefighters battled the blaze, residents fled.", [n("15", 15)]),
        ("Once 60 ballots are counted, the result will be known.", [n("60", 60)]),
        ("Though 3 suspects were arrested, the leader escaped.", [n("3", 3)]),
        ("Maybe 10 people will come.", [n("10", 10)]),
    ],
    "clause_word_number_not": [
        ("Boeing 737 jets were grounded.", []),
        ("Windows 11 was released.", []),
        ("Apollo 11 landed on the Moon.", []),
        ("In 2019, sales rose.", [d("2019", "2019")]),
        ("Section 230 protects platforms.", []),
    ],
    "unit_and_a_half": [
        ("The talks lasted a year and a half.", []),
        ("She waited a day and a half for the results.", []),
        ("He ran a mile and a half before dawn.", []),
        ("The parcel weighs a pound and a half.", []),
        ("The rebuild took a decade and a half.", []),
        ("The hearing lasted an hour and a half.", []),
        ("The queue stretched a kilometre and a half.", []),
        ("He was jailed for a month and a half.", []),
        ("The ceasefire held a week and a half.", []),
        ("The drought lasted a century and a half.", []),
    ],
    "unit_and_a_half_not": [
        ("Three and a half years passed.", [d("Three and a half years", "P3.5Y")]),
        ("It costs a dollar and a half.", [m("a dollar and a half", 1.5)]),
        ("One and a half million people voted.", [n("One and a half million", 1500000)]),
        ("Turnout fell by a half.", [n("a half", 0.5)]),
    ],
    "this_past_month": [
        ("This past August, he won the championship.", [d("This past August", "2023-08")]),
        ("The company lost money this past March.", [d("this past March", "2024-03")]),
        ("The law took effect this past January.", [d("this past January", "2024-01")]),
        ("She graduated this past December.", [d("this past December", "2023-12")]),
        ("This past February, the mayor resigned.", [d("This past February", "2024-02")]),
        ("The team won the title this past October.", [d("this past October", "2023-10")]),
        ("Prices rose this past April.", [d("this past April", "2024-04")]),
        ("This past September was the wettest on record.", [d("This past September", "2023-09")]),
        ("Sales fell sharply this past November.", [d("this past November", "2023-11")]),
        ("The plant closed this past July.", [d("this past July", "2023-07")]),
    ],
    "this_past_month_not": [
        ("Last August, he won the championship.", [d("Last August", "2023-08")]),
        ("This past Monday, he won.", [d("This past Monday", "2024-06-10")]),
    ],
}


if __name__ == "__main__":
    write_split(drop_novalue(CASES), "forms13a")
