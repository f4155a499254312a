#!/usr/bin/env python3
"""Golden cases of issue 10's fourteenth session, second accuracy branch (s14-acc2): forms left
by s14-acc (docs/numbers.md, "Fourteenth session (branch s14-acc ...)"). Written from the
grammar of each form with other words, values, positions and tenses; expectations come from
what the words mean and the conventions of docs/numbers.md, never from the stage's output.
Every fifth case of each form, in writing order, is held out in
tests/data/numbers/aside/forms14b_aside.jsonl (never used to tune the stage). Published
2024-06-12, a Wednesday.

The grammar:
- enumerator_after_word: a bracketed "(N)" of one or two digits after an ordinary word, with a
  word after it, is the marker of a list's item when the next marker "(N+1)" follows in the
  same sentence ("The reforms would (1) cap rents and (2) ban evictions": the items are the
  verb phrases after the markers; no count). Without the next marker in the sentence a number
  in brackets after a word is a count restated ("Survivors (12) were flown out", forms9n), and
  so it stays when the numbers that follow are not the next one ("Children (3) and adults (5)")
  or the next marker stands in another sentence.
- month_that_year: "that" as a determiner before a month named alone points back to a time the
  text has named: the month takes the year of the last date the text gave before it ("The
  drought began in 2018. That September, the river ran dry": 2018-09, not the last September
  before publication). The determiner "That" opens a sentence or "that" follows a preposition
  or "and" ("By the end of that January", "and that November she married"); after a verb
  "that" is a conjunction ("said that October was wet") and is not read. Not changed: no date
  named before in the text (the verbs' reading, forms13m: "That September, the rebels seized
  the town" 2023-09); "this" + month (relative to publication, s13-acc).
- tally_in_words: a vote tally spelled in words, the larger count first, after a tally word
  ("voted", "ruled": cues.tsv tally) or before a tally noun, is one CARDINAL without a value as
  its digit form ("The court ruled five to four", as "ruled 5 to 4"; docs/numbers.md, scores
  and tallies). Not changed: two counts in words without a tally word ("fell from five to
  four"), an ascending pair.
- count_unit_and_a_half: a count of a unit of time and "and a half" after it is that count and a
  half of the unit, one duration as "two and a half years" (P2.5Y, the record format's value of
  durations: docs/numbers.md, "Three and a half years" P3.5Y): "two years and a half" P2.5Y,
  "five hours and a half" TIME PT5.5H (the "a half" was dropped and the duration stopped at the
  unit: "two years" P2Y). Left: "a year and a half" (no count: "a year" alone is no mention, a
  convention the docs leave open; forms13a writes it as none).

    python3 scripts/numbers_forms14b.py   # rewrites tests/data/numbers/forms14b.jsonl and the aside file
"""

from numbers_forms import c, d, n, o, write_split, drop_novalue

# form: [(text, expected[, published_at: numbers_forms.PUB when left out, "-" for none])]
CASES = {
    "enumerator_after_word": [
        ("The law would (1) raise the minimum wage and (2) cut payroll taxes.", []),
        ("Officials must (1) notify residents, (2) publish the data and (3) hold a hearing.", []),
        ("The firm promised to (1) hire 500 people and (2) build a second plant.",
         [n("500", 500), o("second", 2)]),
        ("The treaty bans (1) testing and (2) deployment of the missiles.", []),
        ("Critics say the order would (1) delay trials and (2) raise costs.", []),
        ("The court may (1) dismiss the case or (2) send it back to a lower court.", []),
        ("Residents were asked to (1) boil water and (2) avoid the river for two weeks.",
         [d("two weeks", "P2W")]),
        ("Under the deal Iran will (1) ship out its uranium, (2) close two sites and (3) admit "
         "inspectors.", [n("two", 2)]),
        ("Rescuers found the miners (4) alive and brought (2) more out later.",
         [n("4", 4), n("2", 2)]),
        ("The agency will (1) review the permits, (2) fine the owners and (3) close the site.", []),
    ],
    "enumerator_after_word_not": [
        ("Children (3) and adults (5) were taken to hospital.", [n("3", 3), n("5", 5)]),
        ("The victims (4) were named on Monday.", [n("4", 4), d("Monday", "2024-06-10")]),
        ("Players (11) took the field. Reserves (12) waited on the bench.",
         [n("11", 11), n("12", 12)]),
        ("Boats (6) joined the search, planes (2) flew over it.", [n("6", 6), n("2", 2)]),
        ("Police (20) and soldiers (30) were deployed.", [n("20", 20), n("30", 30)]),
    ],
    "month_that_year": [
        ("The drought began in 2018. That September, the river ran dry.",
         [d("2018", "2018"), d("September", "2018-09")]),
        ("The war ended in 1945. By that August the troops were home.",
         [d("1945", "1945"), d("August", "1945-08")]),
        ("Elections were held in May 2019. That July, the new parliament met.",
         [d("May 2019", "2019-05"), d("July", "2019-07")]),
        ("Police reopened the case on 3 March 2021. In that September a suspect was charged.",
         [d("3 March 2021", "2021-03-03"), d("September", "2021-09")]),
        ("The club was founded in 1998. That December, it played its first match.",
         [d("1998", "1998"), d("December", "1998-12"), o("first", 1)]),
        ("She was elected mayor in 2012, and that November she married.",
         [d("2012", "2012"), d("November", "2012-11")]),
        ("The factory closed in 2009. That October, 300 workers marched on the town hall.",
         [d("2009", "2009"), d("October", "2009-10"), n("300", 300)]),
        ("The 2015 season began badly. By the end of that June the coach had quit.",
         [d("2015", "2015"), d("June", "2015-06")]),
        ("Talks failed last year. That January, the union called a strike.",
         [d("last year", "2023"), d("January", "2023-01")]),
        ("He joined the army in 1990, and that October he was sent abroad.",
         [d("1990", "1990"), d("October", "1990-10")]),
    ],
    "month_that_year_not": [
        ("That November, voters rejected the plan.", [d("November", "2023-11")]),
        ("In 2019 the plan was dropped. Analysts expect that October will bring new talks.",
         [d("2019", "2019"), d("October", "2024-10")]),
        ("The dam was built in 1961. This September it will be inspected.",
         [d("1961", "1961"), d("This September", "2024-09")]),
        ("No date was given. By the end of that January the coach had quit.",
         [d("January", "2024-01")]),
        ("Rates fell on Monday. Traders expect that November will be calmer.",
         [d("Monday", "2024-06-10"), d("November", "2024-11")]),
    ],
    "tally_in_words": [
        ("The court ruled five to four in her favour.", [n("five to four", None)]),
        ("The Senate voted fifty-two to forty-eight to confirm him.",
         [n("fifty-two to forty-eight", None)]),
        ("The board voted seven to two against the merger.", [n("seven to two", None)]),
        ("Councillors voted nine to three on Tuesday to close the library.",
         [n("nine to three", None), d("Tuesday", "2024-06-11")]),
        ("The justices ruled six to three that the law stood.", [n("six to three", None)]),
        ("Members voted eleven to one for the new rules.", [n("eleven to one", None)]),
        ("The jury voted ten to two to convict.", [n("ten to two", None)]),
        ("The panel ruled four to one, ending the case.", [n("four to one", None)]),
        ("Shareholders voted sixty to forty in favour of the deal.", [n("sixty to forty", None)]),
        ("The committee voted eight to five to approve the budget.", [n("eight to five", None)]),
    ],
    "tally_in_words_not": [
        ("Staff fell from five to four.", [n("five", 5), n("four", 4)]),
        ("The number of judges dropped from nine to seven.", [n("nine", 9), n("seven", 7)]),
        ("She gave five to four charities and kept the rest.", [n("five", 5), n("four", 4)]),
        ("The class shrank from thirty to twelve.", [n("thirty", 30), n("twelve", 12)]),
        ("Sales slipped from eight to six a day.", [n("eight", 8), n("six", 6)]),
    ],
    "count_unit_and_a_half": [
        ("The talks lasted two years and a half.", [d("two years and a half", "P2.5Y")]),
        ("He spent three days and a half in the cave.", [d("three days and a half", "P3.5D")]),
        ("The strike went on for four months and a half.",
         [d("four months and a half", "P4.5M")]),
        ("The flight took five hours and a half.", [c("TIME", "five hours and a half", "PT5.5H")]),
        ("The siege lasted six weeks and a half.", [d("six weeks and a half", "P6.5W")]),
        ("It took 2 years and a half to build the bridge.", [d("2 years and a half", "P2.5Y")]),
        ("Rescuers worked for ten hours and a half.",
         [c("TIME", "ten hours and a half", "PT10.5H")]),
        ("She served eight years and a half in prison.", [d("eight years and a half", "P8.5Y")]),
        ("The ceasefire held for nine days and a half.", [d("nine days and a half", "P9.5D")]),
        ("The queue moved for three hours and a half.",
         [c("TIME", "three hours and a half", "PT3.5H")]),
    ],
}

if __name__ == "__main__":
    write_split(drop_novalue(CASES), "forms14b")
