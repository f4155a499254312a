#!/usr/bin/env python3
"""Golden cases of issue 10's eleventh session, lead: a date that a verb of deferral moves a
time to. Written from the grammar; expectations come from what the words mean, never from the
stage's output. Every fifth case of each form, in writing order, is held out in
tests/data/numbers/aside/forms11l_aside.jsonl (never used to tune the stage).

The grammar (docs/numbers.md, "Eleventh session (lead)"; published 2024-06-12, a Wednesday):
- A verb that moves a time to a later one ("extended", "postponed", "delayed", "deferred",
  "rescheduled", "moved", "pushed", "prolonged", "adjourned") names the new time after "to",
  "until", "till", "into" or "for". That time is still to come seen from the verb's time, so a
  month-day date without a year or a month named alone there is the next one, even
  in past-tense reporting ("Moscow's mayor extended the city lockdown to May 1", published in
  April, is this May 1; the past-tense verb alone would make it last May 1). It goes before
  "until"'s closest-date reading ("extended the measures until January" in June is next
  January).
- Weekdays (form defer_weekday) are decided against, after the cases were written: the cases
  say the next such day, but an earlier golden case (forms8p: "The talks were delayed until
  Sun. by the storm" is the Sunday before publication) reads the other way, and within a week
  of publication both are as likely; the verbs' tense decides a weekday as before. The dev
  cases of the form are in misses/forms11l_misses.jsonl (scored, not asserted); its aside case
  stays aside (a miss there).
- Not when the date is not the new time: the day the deferral happened ("was postponed on
  July 3"), a date after another verb ("travelled to Paris on August 2", "the plan, delayed last
  year, was approved on August 2"), a month after "in" ("moved its headquarters to Denver in
  August"), or a verb that is no deferral ("The league suspended play until January 10": a
  suspension that may have ended; "until" keeps the closest date).

- Two month names joined by "to" or "through" ("from January to November", "in January to
  April", "March through May"), or by "and" after "between" ("between January and April"), are
  one DATE interval, as "January-October" is (docs/numbers.md, "Intervals are one DATE"): the
  span from the first month to the second, "from"/"between" outside it, a year after the
  second month inside it ("from October to December 2023"); without a year, the interval's
  year as for "January-October" (the verbs: the latest such interval that has begun, or in a
  sentence about the future the first that has not ended; it may cross a new year, "from
  November to February"). Both months capitalised. Not two months joined by "and" without
  "between" (a list: "Sales in January and February rose"), nor a month and a month-day
  ("from March to April 5": two DATEs).

- Units of distance in astronomy are units (units.tsv): "light-year(s)", "light year(s)" (ly),
  "parsec(s)" (pc), "astronomical unit(s)" (au): "110 light-years" is a QUANTITY, not a
  CARDINAL before a word. Not "AU" (also the African Union: "the 55 AU member states").

- "is to", "are to", "am to" before a verb (a lower-case word that is no article, determiner
  or function word) say what is arranged to come ("The president is to visit Paris on
  Friday", "Britain is to ban the sale of new petrol cars from January"): a future cue, read
  backwards from the date and forwards after it ("On Friday, the president is to visit
  Paris"), as "was to" is the future seen from the past (tenth session). Not before "what"
  ("The question is to what extent prices rose on Friday"). "He is to blame" (an idiom, no
  future) is a miss (misses/).

    python3 scripts/numbers_forms11l.py   # rewrites tests/data/numbers/forms11l.jsonl and the aside file
"""

from numbers_forms import c, d, write_split

# form: [(text, expected[, published_at: numbers_forms.PUB when left out, "-" for none])]
CASES = {
    "defer_month_day": [
        ("The government extended the state of emergency to July 31.", [d("July 31", "2024-07-31")]),
        ("Organisers postponed the festival to September 20.", [d("September 20", "2024-09-20")]),
        ("The court adjourned the hearing to August 5.", [d("August 5", "2024-08-05")]),
        ("The launch was delayed to October 2, the agency said.", [d("October 2", "2024-10-02")]),
        ("The ministry pushed the deadline back to November 30.", [d("November 30", "2024-11-30")]),
        ("The vote was rescheduled for July 9.", [d("July 9", "2024-07-09")]),
        ("The board moved the meeting to September 3.", [d("September 3", "2024-09-03")]),
        ("The deadline was extended until December 15.", [d("December 15", "2024-12-15")]),
        ("Lawmakers deferred the decision to October 1.", [d("October 1", "2024-10-01")]),
        ("The airline prolonged the suspension of flights to August 31.",
         [d("August 31", "2024-08-31")]),
        ("Maryland rescheduled most of its primary races to December 2.",
         [d("December 2", "2024-12-02")]),
        ("The central bank delayed the rate decision until Sept. 18, traders said.",
         [d("Sept. 18", "2024-09-18")]),
    ],
    "defer_month": [
        ("The commission postponed the election until November.", [d("November", "2024-11")]),
        ("The company delayed the product launch to December.", [d("December", "2024-12")]),
        ("The referendum was pushed back to October.", [d("October", "2024-10")]),
        ("The tour was postponed to September.", [d("September", "2024-09")]),
        ("Parliament extended the measures until January.", [d("January", "2025-01")]),
        ("The summit was moved to December, diplomats said.", [d("December", "2024-12")]),
        ("The regulator deferred its ruling until February.", [d("February", "2025-02")]),
    ],
    "defer_weekday": [
        ("The final was moved to Friday.", [d("Friday", "2024-06-14")]),
        ("The hearing was adjourned until Monday.", [d("Monday", "2024-06-17")]),
        ("The talks were postponed to Tuesday.", [d("Tuesday", "2024-06-18")]),
        ("Officials delayed the announcement until Thursday.", [d("Thursday", "2024-06-13")]),
        ("The match was rescheduled for Saturday.", [d("Saturday", "2024-06-15")]),
        ("The strike was put off and then pushed to Monday, the union said.",
         [d("Monday", "2024-06-17")]),
    ],
    "defer_not_the_new_time": [
        ("The hearing was postponed on July 3.", [d("July 3", "2023-07-03")]),
        ("She travelled to Paris on August 2.", [d("August 2", "2023-08-02")]),
        ("The plan, delayed last year, was approved on August 2.",
         [d("last year", "2023"), d("August 2", "2023-08-02")]),
        ("The company moved its headquarters to Denver in August.", [d("August", "2023-08")]),
        ("The league suspended play until January 10.", [d("January 10", "2024-01-10")]),
        ("The final, which was moved last week, was played on Friday.",
         [d("last week", "2024-W23"), d("Friday", "2024-06-07")]),
    ],
    "month_range_words": [
        ("Exports rose 5 percent from January to May, the ministry said.",
         [c("PERCENT", "5 percent", 5), d("January to May", "2024-01/2024-05")]),
        ("Between January and April, sales fell sharply.", [d("January and April", "2024-01/2024-04")]),
        ("The survey ran from March through May.", [d("March through May", "2024-03/2024-05")]),
        ("Imports fell in January to April.", [d("January to April", "2024-01/2024-04")]),
        ("The festival will run from July to September.", [d("July to September", "2024-07/2024-09")]),
        ("Output grew 3% in January to March 2023.",
         [c("PERCENT", "3%", 3), d("January to March 2023", "2023-01/2023-03")]),
        ("From October to December 2023, prices rose.",
         [d("October to December 2023", "2023-10/2023-12")]),
        ("The plant was shut from November to February.", [d("November to February", "2023-11/2024-02")]),
        ("Unemployment rose between September and December.",
         [d("September and December", "2023-09/2023-12")]),
        ("Car sales in February to May were the highest since 2019.",
         [d("February to May", "2024-02/2024-05"), d("2019", "2019")]),
        ("Work on the bridge will continue from August through November.",
         [d("August through November", "2024-08/2024-11")]),
        ("Between March and May 2022, the company hired 300 people.",
         [d("March and May 2022", "2022-03/2022-05"), c("CARDINAL", "300", 300)]),
    ],
    "month_range_not_one": [
        ("Sales in January and February rose.", [d("January", "2024-01"), d("February", "2024-02")]),
        ("The index fell in March and rose in April.", [d("March", "2024-03"), d("April", "2024-04")]),
        ("He served from March to April 5.", [d("March", "2024-03"), d("April 5", "2024-04-05")]),
        ("The committee met in January, and in March it voted.", [d("January", "2024-01"), d("March", "2024-03")]),
        ("From January, to the surprise of many, prices fell.", [d("January", "2024-01")]),
    ],
    "astronomy_units": [
        ("The comet passed within 30 astronomical units of the Sun.",
         [c("QUANTITY", "30 astronomical units", 30, unit="au")]),
        ("The star is about 110 light-years from Earth.",
         [c("QUANTITY", "110 light-years", 110, unit="ly", mod="approx")]),
        ("The galaxy lies 2.5 million light years away.",
         [c("QUANTITY", "2.5 million light years", 2500000, unit="ly")]),
        ("The cluster is 400 parsecs away.", [c("QUANTITY", "400 parsecs", 400, unit="pc")]),
        ("A light-year is about 9.46 trillion kilometres.",
         [c("QUANTITY", "9.46 trillion kilometres", 9460000000000, unit="km", mod="approx")]),
        ("The nearest star is 1.3 parsecs, or 4.2 light-years, away.",
         [c("QUANTITY", "1.3 parsecs", 1.3, unit="pc"), c("QUANTITY", "4.2 light-years", 4.2, unit="ly")]),
    ],
    "present_be_to": [
        ("The president is to visit Paris on Friday.", [d("Friday", "2024-06-14")]),
        ("Ministers are to meet on Monday to discuss the budget.", [d("Monday", "2024-06-17")]),
        ("The company is to close its plant on March 3.", [d("March 3", "2025-03-03")]),
        ("The report is to be published in May.", [d("May", "2025-05")]),
        ("On Friday, the president is to visit Paris.", [d("Friday", "2024-06-14")]),
        ("The carmaker said it is to cut 2,000 jobs by March.",
         [c("CARDINAL", "2,000", 2000), d("March", "2025-03")]),
        ("The two leaders are to hold talks on Tuesday, officials said.",
         [c("CARDINAL", "two", 2), d("Tuesday", "2024-06-18")]),
        ("Britain is to ban the sale of new petrol cars from January.", [d("January", "2025-01")]),
        ("The plan is to reopen schools on Monday.", [d("Monday", "2024-06-17")]),
        ("Talks are to resume on April 2, the mediator said.", [d("April 2", "2025-04-02")]),
    ],
    "present_be_to_not": [
        ("The question is to what extent prices rose on Friday.", [d("Friday", "2024-06-07")]),
        ("The aim of the talks on Friday was to agree a deal.", [d("Friday", "2024-06-07")]),
        ("He is to blame for the crash on Friday, police said.", [d("Friday", "2024-06-07")]),
        ("Prices rose on Friday, and the index is to the left of the chart.", [d("Friday", "2024-06-07")]),
    ],
}


if __name__ == "__main__":
    write_split(CASES, "forms11l", misses=tuple(c[0] for c in CASES["defer_weekday"]) + (
        "He is to blame for the crash on Friday, police said.",))
