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

    python3 scripts/numbers_forms14b.py   # rewrites tests/data/numbers/forms14b.jsonl and the aside file
"""

from numbers_forms import d, n, o, write_split

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
}

if __name__ == "__main__":
    write_split(CASES, "forms14b")
