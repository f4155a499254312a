#!/usr/bin/env python3
"""Golden cases of issue 10's twelfth session, lead: a date after a present-tense verb of
schedule. Written from the grammar; expectations come from what the words mean, never from the
stage's output. Every fifth case of each form, in writing order, is held out in
tests/data/numbers/aside/forms12l_aside.jsonl (never used to tune the stage).

The grammar (docs/numbers.md, "Twelfth session (lead)"; published 2024-06-12, a Wednesday):
- News gives what is scheduled in the simple present: "The museum opens on Monday", "The new
  law takes effect on Friday", "Parliament reconvenes on Tuesday", "England faces Serbia on
  Sunday". A date after (or, read forwards, before) the third-person present of a verb of
  schedule (opens, begins, starts, ends, closes, expires, meets, convenes, resumes, takes,
  holds, hosts, faces, plays, debuts, premieres, airs, testifies, kicks off, goes, arrives,
  departs) is still to come, as after "will": a bare weekday is the next one (the weekday of
  publication a week on).
- Month-day dates after such a verb were written as the next one too ("The consultation closes
  on January 15" in June: next January), and decided against after the cases were written:
  older golden cases read them as the closest day ("the sale ends Sept. 30" in November is
  this year's, Recognizers-Text's reading; "The fair opens on the third day of may" in June,
  this May), and a month-day date far before publication after a present verb is as often
  this year's as next year's. The verbs of schedule are a cue for weekdays only; those dev
  cases are in misses/forms12l_misses.jsonl (scored, not asserted).
- Not a past form ("opened on Monday"), and not the words that are as often plural nouns before
  a date ("visits", "votes", "returns", "launches", "travels", "leaves", "heads": "Hospital
  visits on Monday were up"; no cue, the other verbs decide), nor reporting verbs in the present
  ("says", "announces": headlines give past events in the present).

    python3 scripts/numbers_forms12l.py   # rewrites tests/data/numbers/forms12l.jsonl and the aside file
"""

from numbers_forms import d, o, write_split

# form: [(text, expected[, published_at: numbers_forms.PUB when left out, "-" for none])]
CASES = {
    "present_schedule": [
        ("The museum opens on Monday.", [d("Monday", "2024-06-17")]),
        ("The new law takes effect on Friday.", [d("Friday", "2024-06-14")]),
        ("The exhibition closes on Sunday.", [d("Sunday", "2024-06-16")]),
        ("Parliament reconvenes on Tuesday after the recess.", [d("Tuesday", "2024-06-18")]),
        ("The trial begins on Thursday in Manchester.", [d("Thursday", "2024-06-13")]),
        ("The league's new season starts on Saturday.", [d("Saturday", "2024-06-15")]),
        ("The ceasefire expires on Sunday.", [d("Sunday", "2024-06-16")]),
        ("The central bank's board meets on Tuesday to set rates.", [d("Tuesday", "2024-06-18")]),
        ("England faces Serbia on Sunday in Gelsenkirchen.", [d("Sunday", "2024-06-16")]),
        ("The series premieres on Friday on the streaming service.", [d("Friday", "2024-06-14")]),
        ("The committee holds its first hearing on Monday.", [o("first", 1), d("Monday", "2024-06-17")]),
        ("The minister testifies before the committee on Thursday.", [d("Thursday", "2024-06-13")]),
        ("The festival kicks off on Saturday with a parade.", [d("Saturday", "2024-06-15")]),
        ("The strike ends on Friday, the union said.", [d("Friday", "2024-06-14")]),
        ("On Friday, the new stadium opens to the public.", [d("Friday", "2024-06-14")]),
        ("The documentary airs on Sunday.", [d("Sunday", "2024-06-16")]),
        ("The film debuts on Wednesday.", [d("Wednesday", "2024-06-19")]),
        ("The team hosts Denmark on Thursday.", [d("Thursday", "2024-06-13")]),
        ("He said the shop reopens on Monday.", [d("Monday", "2024-06-17")]),
        ("The president departs for Tokyo on Saturday.", [d("Saturday", "2024-06-15")]),
        ("The public consultation closes on January 15.", [d("January 15", "2025-01-15")]),
        ("The visa scheme expires on March 31.", [d("March 31", "2025-03-31")]),
        ("The conference opens on July 3 in Vienna.", [d("July 3", "2024-07-03")]),
        ("The new rule takes effect on April 1.", [d("April 1", "2025-04-01")]),
        ("The court resumes hearings on Tuesday.", [d("Tuesday", "2024-06-18")]),
    ],
    "present_schedule_not": [
        ("The museum opened on Monday.", [d("Monday", "2024-06-10")]),
        ("The museum, which opened on Monday, drew large crowds.", [d("Monday", "2024-06-10")]),
        ("Hospital visits on Monday were up sharply.", [d("Monday", "2024-06-10")]),
        ("The votes on Sunday were counted by hand.", [d("Sunday", "2024-06-09")]),
        ("The talks, which began on Friday, ended without a deal.", [d("Friday", "2024-06-07")]),
        ("The minister says he met his counterpart on Friday.", [d("Friday", "2024-06-07")]),
        ("The consultation closed on January 15.", [d("January 15", "2024-01-15")]),
        ("Tax returns filed on Monday were processed.", [d("Monday", "2024-06-10")]),
        ("The company announces its results on Thursday, it said.", [d("Thursday", "2024-06-06")]),
        ("Rocket launches on Saturday were delayed by wind.", [d("Saturday", "2024-06-08")]),
    ],
}

if __name__ == "__main__":
    write_split(CASES, "forms12l", misses=(
        "The public consultation closes on January 15.",
        "The visa scheme expires on March 31.",
        "The new rule takes effect on April 1."))
