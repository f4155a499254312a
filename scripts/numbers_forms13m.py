#!/usr/bin/env python3
"""Golden cases of issue 10's thirteenth session, s13-month: a capitalised month named alone,
with no cue word, is a DATE. Written from the grammar before the stage was changed;
expectations come from what the words mean, never from the stage's output. Every fifth case of
each form, in writing order, is held out in tests/data/numbers/aside/forms13m_aside.jsonl
(never used to tune the stage).

The grammar (docs/numbers.md, "Thirteenth session (branch s13-month)"; published 2024-06-12):
- OntoNotes-style news annotation marks a month named alone a DATE wherever it stands, not only
  after a date preposition: as a subject ("November was the warmest month"), as the object of a
  verb ("as the campaign entered September"), attributive before a noun ("the October
  elections", "the November border talks"), after "that" ("That September, ..."), between
  brackets or in a list of months. Its value has month precision and its year is read from
  the verbs as after a date preposition ("Tenth session (lead)": nn_month_year_tense): in
  past-tense reporting the most recent such month, about the future the next one, without a
  cue the month closest to publication.
- A month is also a name and a word; the month alone is no date when the grammar makes it one:
  * a month that is also an English word ("May", "March": Theresa May, "May I", "the March on
    Washington", "March for Our Lives") never without a cue (a preposition, a day, a year,
    "last"/"next");
  * a capitalised word right after it (a first name before a surname, "April Ryan", "June
    Carter", "August Wilson"; a name of an event, "the October Revolution") or right before it
    other than a determiner or function word (a surname after a first name, "Cal June"; a
    name, "Black September", "Red October");
  * a month in lower case ("august", an adjective) or abbreviated without a day ("Aug", "Sept.");
  * a month before a comma and a number (a name before an age: "June, 45, a nurse");
  * a month between quotation marks on both sides (a title: the song "September").

    python3 scripts/numbers_forms13m.py   # rewrites tests/data/numbers/forms13m.jsonl and the aside file
"""

from numbers_forms import d, n, o, write_split

# form: [(text, expected[, published_at: numbers_forms.PUB when left out, "-" for none])]
CASES = {
    "month_subject": [
        ("November was the warmest month on record.", [d("November", "2023-11")]),
        ("September brought heavy rain to the region.", [d("September", "2023-09")]),
        ("January was the busiest month for the airport.", [d("January", "2024-01")]),
        ("August saw a record number of visitors.", [d("August", "2023-08")]),
        ("October will mark the end of the season.", [d("October", "2024-10")]),
        ("February will see the first flights from the new terminal.", [d("February", "2025-02"), o("first", 1)]),
        ("April was wetter than usual, the agency said.", [d("April", "2024-04")]),
        ("As September came to a close, the talks collapsed.", [d("September", "2023-09")]),
        ("July is expected to be hotter than last year.", [d("July", "2024-07"), d("last year", "2023")]),
        ("The forecasters said October had been unusually dry.", [d("October", "2023-10")]),
    ],
    "month_after_verb": [
        ("As the campaign entered September, the polls tightened.", [d("September", "2023-09")]),
        ("The team finished August with five wins.", [d("August", "2023-08"), n("five", 5)]),
        ("The protests stretched well past November.", [d("November", "2023-11")]),
        ("Inflation peaked and then eased, ending October below target.", [d("October", "2023-10")]),
        ("The company spent January rebuilding its network.", [d("January", "2024-01")]),
        ("Organisers will spend July preparing the site.", [d("July", "2024-07")]),
        ("The index closed February at a record high.", [d("February", "2024-02")]),
        ("Residents described September as the worst month of the siege.", [d("September", "2023-09")]),
        ("The vote, held in two rounds (October and November), drew few voters.",
         [n("two", 2), d("October", "2023-10"), d("November", "2023-11")]),
        ("The festival will open its gates again next summer, not in the cold of January.", [d("January", "2025-01")]),
    ],
    "month_attributive": [
        ("Turnout in the November elections was low.", [d("November", "2023-11")]),
        ("The October border talks ended without a deal.", [d("October", "2023-10")]),
        ("The party is preparing for the October elections.", [d("October", "2024-10")]),
        ("The January deadline was missed by most firms.", [d("January", "2024-01")]),
        ("The government will hold a September referendum on the plan.", [d("September", "2024-09")]),
        ("Polls ahead of the February vote showed a close race.", [d("February", "2024-02")]),
        ("The November border demarcation was signed by both sides.", [d("November", "2023-11")]),
        ("Candidates are registering for October elections.", [d("October", "2024-10")]),
        ("The central bank kept rates unchanged at its July meeting.", [d("July", "2023-07")]),
        ("Officials blamed the August floods for the shortage.", [d("August", "2023-08")]),
    ],
    "month_after_that": [
        ("That September, the rebels seized the town.", [d("September", "2023-09")]),
        ("That April, he resigned from the board.", [d("April", "2024-04")]),
        ("That November, voters rejected the plan.", [d("November", "2023-11")]),
        ("By the end of that January, the fund had run dry.", [d("January", "2024-01")]),
        ("That August, the river flooded the valley.", [d("August", "2023-08")]),
    ],
    "month_alone_not": [
        ("April Ryan asked the question.", []),
        ("June Carter sang with her husband.", []),
        ("August Wilson wrote the play.", []),
        ("Theresa May said the deal was dead.", []),
        ("May I ask a question?", []),
        ("May's deal failed in Parliament.", []),
        ("Thousands joined the March for Our Lives.", []),
        ("The March on Washington drew large crowds.", []),
        ("The October Revolution changed Russia.", []),
        ("Black September claimed the attack.", []),
        ("Cal June scored a goal for the visitors.", []),
        ("The film The Hunt for Red October opened.", []),
        ("Guitarist Brian May played the anthem.", []),
        ("She may march with them.", []),
        ("The band played \"September\" to a full crowd.", []),
        ("Detective June Mitchell testified.", []),
        ("Lawyer April Smith said the case was closed.", []),
        ("June, 45, a nurse, said she was afraid.", [n("45", 45)]),
        ("The august institution opened its doors.", []),
        # (an abbreviation after "in" is a date by rule after_prep, not this form: first written
        # as nothing, a mistake of the case found at the merge, aside never tuned on)
        ("Sales in Aug were flat.", [d("Aug", "2023-08")]),
        ("The Arab Spring protests spread.", []),
        ("Sources told April the plan had failed.", []),
        ("March said he would stay.", []),
        ("The singer, known as Summer, and her sister April left.", []),
        ("Johnny and June toured the South.", []),
    ],
}

if __name__ == "__main__":
    # Misses (scored, not asserted): ("As September came to a close" was one until s13-acc's
    # function words, "as" among them, were merged: asserted now); "stretched" before "past"
    # reads as an adjective to the tense reader (no past cue); a month after a verb or a noun
    # of persons ("told April", "her sister April") is a name the grammar around it does not
    # tell from a month.
    write_split(CASES, "forms13m", misses=(
        "The protests stretched well past November.",
        "Sources told April the plan had failed.",
        "The singer, known as Summer, and her sister April left."))
