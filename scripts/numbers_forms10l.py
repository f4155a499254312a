#!/usr/bin/env python3
"""Golden cases of issue 10's tenth session, lead: the year of a month named alone, by the verbs.
Written from the grammar before the stage was changed; expectations come from what the words
mean, never from the stage's output. Every fifth case of each form, in writing order, is held
out in tests/data/numbers/aside/forms10l_aside.jsonl (never used to tune the stage).

The grammar (docs/numbers.md, "Tenth session (lead)"; published 2024-06-12 unless said):
- A month named alone after a date preposition ("in November", "in late February") takes its
  year as a month-day date without a year does (issue 10, item 5): in past-tense reporting the
  most recent such month (the publication month included), in a sentence about the future the
  next one (the publication month included); the verbs are tense.tsv's, the nearest before the
  month, else the first after it in its sentence. Without a tense cue: the month closest to
  publication, as before. "A bomber attacked a ship in November", published in June 2024, is
  November 2023, never November 2024.
- "since" + a month is a past month by its meaning, whatever the verbs ("have risen since
  September" in June: September of the year before).
- "until", "till" + a month name the end of a span that starts at the clause's time:
  "released on bail until October" (the end still to come) and "did not endorse her until
  July" (past) say nothing of the month's side by the verb: the closest month, as before.
- A capitalised month that is also a word ("March", "May") is a month of a year before ", 2018"
  after a date preposition ("in March, 2018"), as the other months are ("in June, 2015"); not
  a name before an age ("Theresa May, 62,").
- A year with an approximating modifier after a date preposition is a DATE with `mod: approx`,
  the modifier out of the span as for every modifier ("built in about 1890", "from roughly 1948
  to 1951", "since about 2010"): it was an approximate CARDINAL. Not when a noun follows (what
  is counted: "in some 2000 cases", "in about 1500 homes", "of about 1900 people"), nor with a
  comparing modifier ("in more than 2000 cases").
- A lower-case word of five letters or more ending in "-ed" is a past-tense cue (tense.tsv
  suffix "*ed") unless tense.tsv lists it otherwise ("expected", "scheduled" future; "proceed",
  "exceed", "succeed", "indeed", "speed" no verb's tense): "The agency filed a lawsuit on Monday,
  saying the law would..." is last Monday (the verb before the date decides; it was the "would"
  after it). A participle after an auxiliary stays one ("will be held"); an adjective before
  its noun is none ("will raise regulated fuel prices from August 1": a lower-case word that
  is no article, pronoun, particle or preposition after the "-ed" word makes it an adjective;
  "arrested him", "called off the strike", "launched its bid" stay verbs).
- "until", "till" before a month-day date without a year end a span that starts at the
  clause's time, as before a month alone: the closest such day, whatever the verbs ("The
  court suspended parliament until October 14" in a June story is this October 14).
- "was to", "were to" before a verb is the future seen from the past ("His term was to end
  in August", "The plant was to open on October 3"): no side, the closest month or day (a
  bare weekday, the most recent, as without a cue). Not "went to" (another verb), not "was to"
  before an article ("was to the south"). "was to blame" (an idiom: past) reads as the future
  seen from the past: a miss (misses/forms10l_misses.jsonl).
- "that" starts the date's clause: read backwards from the date, the reporting verb before
  "that" does not decide ("announced that from June 30, masks would be required": the coming
  June 30); the clause's own verbs after the date do ("said that on June 20 she met": past).
- An ordinal century with a capital "Century" is the century unless another capitalised word
  follows (a name: "21st Century Fox", "20th Century Studios"): "in the 21st Century, every
  society" 20XX, as "the 21st century".
- A weekday, "the" and an ordinal before a lower-case noun or adjective ("on Friday the second
  presidential debate", "On Monday the first vote failed") are a weekday and an ordinal of the
  noun, no day of the month ("Friday the 14th.", "Monday the third, when" stay one date).
- "due to" before a noun phrase ("due to a landslide", "due to the storm", "due to rain",
  "due to concerns") is "because of", no future cue; before a verb ("due to reopen", "due to
  take place", "due to pass") it stays one.

    python3 scripts/numbers_forms10l.py   # rewrites tests/data/numbers/forms10l.jsonl and the aside file
"""

from numbers_forms import c, d, write_split


def n(text, value, **kw):
    return c("CARDINAL", text, value, **kw)


# form: [(text, expected[, published_at: numbers_forms.PUB when left out, "-" for none])]
CASES = {
    "past_month_after_publication": [
        ("The company reported a loss in November.", [d("November", "2023-11")]),
        ("Officials said in September that the plan had failed.", [d("September", "2023-09")]),
        ("Prices rose sharply in August.", [d("August", "2023-08")]),
        ("The plant closed in October after the strike.", [d("October", "2023-10")]),
        ("She died in December at her home.", [d("December", "2023-12")]),
        ("The minister resigned, the paper reported, in July.", [d("July", "2023-07")]),
        ("In November, the regulator announced a fine.", [d("November", "2023-11")]),
        ("The deal was signed in July.", [d("July", "2023-07")]),
        ("Sales fell in late October, the firm said.", [d("October", "2023-10")]),
        ("In September, the bank raised its forecast, analysts noted.", [d("September", "2023-09")]),
        ("The rebels launched the offensive in August.", [d("August", "2023-08")]),
        ("The council approved the budget in December.", [d("December", "2023-12")]),
        ("Rates rose in February, the bank said.", [d("February", "2023-02")], "2024-01-10"),
        ("He told reporters in March that he would run.", [d("March", "2022-03")], "2023-01-20"),
        ("The museum opened in November.", [d("November", "2022-11")], "2023-04-02"),
    ],
    "future_month_before_publication": [
        ("The plant will reopen in February.", [d("February", "2025-02")]),
        ("The talks will resume in April.", [d("April", "2025-04")]),
        ("The company expects to finish the bridge in January.", [d("January", "2025-01")]),
        ("In March, the new law will take effect.", [d("March", "2025-03")]),
        ("Elections are expected in May.", [d("May", "2025-05")]),
        ("The trial is due to begin in January.", [d("January", "2025-01")]),
        ("Officials will meet again in April.", [d("April", "2025-04")]),
        ("The line will open in December.", [d("December", "2024-12")], "2024-01-05"),
        ("The firm intends to list its shares in February.", [d("February", "2025-02")]),
        ("The summit is scheduled to take place in March.", [d("March", "2025-03")]),
    ],
    "since_month": [
        ("Prices have risen since September.", [d("September", "2023-09")]),
        ("The border has been closed since November.", [d("November", "2023-11")]),
        ("He has been in custody since July.", [d("July", "2023-07")]),
        ("Inflation has fallen since March.", [d("March", "2024-03")]),
        ("No rain has fallen since August.", [d("August", "2023-08")]),
        ("The two sides have not met since December.", [n("two", 2), d("December", "2023-12")]),
        ("Shares have doubled since February.", [d("February", "2024-02")]),
        ("The mine has been idle since October.", [d("October", "2023-10")]),
        ("Exports have grown since September.", [d("September", "2022-09")], "2023-02-14"),
        ("The strike has continued since July.", [d("July", "2023-07")]),
    ],
    "month_side_unchanged": [
        # past tense, a month before publication: the past one, as before
        ("Sales fell in March.", [d("March", "2024-03")]),
        ("The minister said in January that taxes would rise.", [d("January", "2024-01")]),
        # future tense, a month after publication: the coming one, as before
        ("The new stadium will open in September.", [d("September", "2024-09")]),
        # the publication month, either way
        ("The company reported a loss in June.", [d("June", "2024-06")]),
        ("The plant will reopen in June.", [d("June", "2024-06")]),
        # no tense cue: the closest month
        ("The festival in October is the biggest of the year.", [d("October", "2024-10")]),
        ("Harvests in February are small.", [d("February", "2024-02")]),
        # the end of a span: the closest month, whatever the verb
        ("He was released on bail until October.", [d("October", "2024-10")]),
        ("The judge said the vote was delayed until August.", [d("August", "2024-08")]),
        ("Police said he was released on bail till October.", [d("October", "2024-10")]),
        # a year written: the year, whatever the verb
        ("The company reported a loss in November 2022.", [d("November 2022", "2022-11")]),
        ("The plant will reopen in February 2026.", [d("February 2026", "2026-02")]),
        # no publication date: no year to infer, no change
        ("The plant closed in October.", [d("October", "XXXX-10")], "-"),
        # relative months as before
        ("The plant closed last October.", [d("last October", "2023-10")]),
        ("The plant will reopen next February.", [d("next February", "2025-02")]),
    ],
    "weak_month_comma_year": [
        ("Jong was arrested in March, 2018, officials said.", [d("March, 2018", "2018-03")]),
        ("The law took effect in May, 2015 after a long debate.", [d("May, 2015", "2015-05")]),
        ("Prices have fallen since March, 2020.", [d("March, 2020", "2020-03")]),
        ("The bridge opened in June, 2015 to traffic.", [d("June, 2015", "2015-06")]),
        ("Prime Minister Theresa May, 62, said she would stay.", [n("62", 62)]),
        ("By May, 2019 the fund had closed.", [d("May, 2019", "2019-05")]),
        ("They marched in March, 2021 and again in April.",
         [d("March, 2021", "2021-03"), d("April", "2024-04")]),
        ("The talks ended in October, 2016.", [d("October, 2016", "2016-10")]),
        ("The poll was held in March, 2022.", [d("March, 2022", "2022-03")]),
    ],
    "approx_year_after_prep": [
        ("The house was built in about 1890.", [d("1890", "1890", mod="approx")]),
        ("From roughly 1948 to 1951, he edited the column.",
         [d("1948", "1948", mod="approx"), d("1951", "1951")]),
        ("The war ended in about 1945 after six years.",
         [d("1945", "1945", mod="approx"), d("six years", "P6Y")]),
        ("Prices peaked in roughly 2005, the report said.", [d("2005", "2005", mod="approx")]),
        ("The tradition began in around 1850.", [d("1850", "1850", mod="approx")]),
        ("Between about 1990 and 2000, prices fell.",
         [d("1990", "1990", mod="approx"), d("2000", "2000")]),
        ("Since about 2010 the town has grown.", [d("2010", "2010", mod="approx")]),
        ("The bridge dates from around 1900.", [d("1900", "1900", mod="approx")]),
        ("The mill closed in approximately 1975.", [d("1975", "1975", mod="approx")]),
        ("Until about 1960, the village had no road.", [d("1960", "1960", mod="approx")]),
    ],
    "approx_count_stays": [
        ("In some 2000 cases, the test failed.", [n("2000", 2000, mod="approx")]),
        ("In about 1500 homes, power failed.", [n("1500", 1500, mod="approx")]),
        ("It has roughly 1948 members.", [n("1948", 1948, mod="approx")]),
        ("Crowds of about 1900 people gathered.", [n("1900", 1900, mod="approx")]),
        ("The firm employed about 2000 workers in 2010.",
         [n("2000", 2000, mod="approx"), d("2010", "2010")]),
        ("In about 1200 of the schools, classes stopped.", [n("1200", 1200, mod="approx")]),
        ("Turnout rose to about 1990 voters.", [n("1990", 1990, mod="approx")]),
        ("For about 1800 families, the aid came late.", [n("1800", 1800, mod="approx")]),
        ("In more than 2000 cases, the test failed.", [n("2000", 2000, mod="gt")]),
        ("By roughly 1950 votes, the motion passed.", [n("1950", 1950, mod="approx")]),
    ],
    "past_ed_verb": [
        ("The agency filed a lawsuit on Monday, saying the law would hurt voters.",
         [d("Monday", "2024-06-10")]),
        ("The senator commented on Tuesday that the bill will pass.", [d("Tuesday", "2024-06-11")]),
        ("After his arrest on Friday, he stayed in custody and will appear in court next week.",
         [d("Friday", "2024-06-07"), d("next week", "2024-W25")]),
        ("On Friday, the league suspended its season, and it will decide later.",
         [d("Friday", "2024-06-07")]),
        ("The firm confirmed on Monday that it would cut jobs.", [d("Monday", "2024-06-10")]),
        ("Rescuers recovered the bodies on Sunday and will resume the search soon.",
         [d("Sunday", "2024-06-09")]),
        ("The minister resigned on Tuesday, and elections will follow.", [d("Tuesday", "2024-06-11")]),
        ("On Monday, police arrested two men who will appear in court.",
         [d("Monday", "2024-06-10"), n("two", 2)]),
        ("The court dismissed the case on Friday; an appeal will follow.", [d("Friday", "2024-06-07")]),
        ("Voters rejected the plan on Sunday, and the mayor will resign.", [d("Sunday", "2024-06-09")]),
        ("The company reported a loss on March 30 and will cut costs.", [d("March 30", "2024-03-30")]),
        ("The regulator fined the bank in November, and it will appeal.", [d("November", "2023-11")]),
    ],
    "due_to_cause": [
        ("Six people died due to a landslide that followed an aftershock on Saturday.",
         [n("Six", 6), d("Saturday", "2024-06-08")]),
        ("On Friday, the league stopped its season due to concerns about the virus.",
         [d("Friday", "2024-06-07")]),
        ("The match was cancelled on Sunday due to rain.", [d("Sunday", "2024-06-09")]),
        ("Flights were grounded on Monday due to the storm.", [d("Monday", "2024-06-10")]),
        ("Riots broke out due to the shooting of a man in August.", [d("August", "2023-08")]),
        ("Trading stopped due to a glitch on Tuesday.", [d("Tuesday", "2024-06-11")]),
        # "due to" + a verb stays a future cue
        ("The plant is due to reopen on Monday.", [d("Monday", "2024-06-17")]),
        ("The vote is due to take place on Friday.", [d("Friday", "2024-06-14")]),
        ("The flight is due to arrive on Thursday.", [d("Thursday", "2024-06-13")]),
        ("The storm is due to pass the island on Sunday.", [d("Sunday", "2024-06-16")]),
    ],
    "ed_words_no_verb": [
        ("Talks will proceed on Friday.", [d("Friday", "2024-06-14")]),
        ("The deal will succeed on Monday, officials hope.", [d("Monday", "2024-06-17")]),
        ("Costs will exceed the budget in March.", [d("March", "2025-03")]),
        ("The long-awaited summit will open on Friday.", [d("Friday", "2024-06-14")]),
        ("Indeed, the board will meet on Thursday.", [d("Thursday", "2024-06-13")]),
        ("Crews will work at full speed on Saturday.", [d("Saturday", "2024-06-15")]),
    ],
    "ed_adjective": [
        ("Argentina will raise regulated fuel prices from August 1, the ministry said on Saturday.",
         [d("August 1", "2024-08-01"), d("Saturday", "2024-06-08")]),
        ("The army will buy armed drones from March 3.", [d("March 3", "2025-03-03")]),
        ("The firm will sell limited editions in January.", [d("January", "2025-01")]),
        ("Officials will publish revised figures on Thursday.", [d("Thursday", "2024-06-13")]),
        ("The city will open expanded services on Monday.", [d("Monday", "2024-06-17")]),
        ("Police arrested him on Friday, and he will appear in court.", [d("Friday", "2024-06-07")]),
        ("The union called off the strike on Monday, and talks will resume.",
         [d("Monday", "2024-06-10")]),
        ("The minister stepped down on Tuesday and will be replaced.", [d("Tuesday", "2024-06-11")]),
        ("The firm launched its bid on Sunday and will decide later.", [d("Sunday", "2024-06-09")]),
        ("Voters will elect qualified candidates in February.", [d("February", "2025-02")]),
    ],
    "was_to_future_in_past": [
        ("His term was to end in August.", [d("August", "2024-08")]),
        ("The plant was to open on October 3.", [d("October 3", "2024-10-03")]),
        ("The talks were to resume in September, officials said.", [d("September", "2024-09")]),
        ("The leaders were to meet on Friday.", [d("Friday", "2024-06-07")]),
        ("The bridge was to close on August 20.", [d("August 20", "2024-08-20")]),
        # "was" before "to" + a noun phrase, and other verbs before "to": past as before
        ("He went to Paris in August.", [d("August", "2023-08")]),
        ("The award went to a team in September.", [d("September", "2023-09")]),
        ("She was to blame in October, the report said.", [d("October", "2023-10")]),
    ],
    "that_clause": [
        ("The minister announced that from June 30, masks would be required.",
         [d("June 30", "2024-06-30")]),
        ("Officials said that on June 25 the bridge will reopen.", [d("June 25", "2024-06-25")]),
        ("The firm reported that in September it will cut jobs.", [d("September", "2024-09")]),
        ("He told reporters that on Friday the talks would resume.", [d("Friday", "2024-06-14")]),
        ("The agency said that from July 1 fares would rise.", [d("July 1", "2024-07-01")]),
        # a verb of the clause itself decides, as before
        ("She said that on June 20 she met the minister.", [d("June 20", "2023-06-20")]),
        ("Police said that in August they arrested two men.", [d("August", "2023-08"), n("two", 2)]),
        ("He said that he met the minister on Friday.", [d("Friday", "2024-06-07")]),
    ],
    "century_capitalised": [
        ("And in the 21st Century, every society needs it.", [d("the 21st Century", "20XX")]),
        ("The 19th Century saw great change.", [d("The 19th Century", "18XX")]),
        ("Art of the 18th Century is on show.", [d("the 18th Century", "17XX")]),
        ("Life in the Twentieth Century was hard.", [d("the Twentieth Century", "19XX")]),
        ("The house dates from the 16th Century.", [d("the 16th Century", "15XX")]),
        # a name: another capitalised word follows
        ("Shares of 21st Century Fox rose.", [c("ORDINAL", "21st", 21)]),
        ("The 20th Century Studios film opened.", [c("ORDINAL", "20th", 20)]),
        ("She joined 21st Century Insurance.", [c("ORDINAL", "21st", 21)]),
    ],
    "weekday_the_ordinal_noun": [
        ("The commission announced on Friday the second presidential debate would be virtual.",
         [d("Friday", "2024-06-07"), c("ORDINAL", "second", 2)]),
        ("On Monday the first vote failed.", [d("Monday", "2024-06-10"), c("ORDINAL", "first", 1)]),
        ("On Tuesday the third round of talks ended.",
         [d("Tuesday", "2024-06-11"), c("ORDINAL", "third", 3)]),
        ("Police said on Sunday the fourth suspect was arrested.",
         [d("Sunday", "2024-06-09"), c("ORDINAL", "fourth", 4)]),
        # a day of the month: the weekday's day, as before
        ("The match is on Friday the 14th.", [d("Friday the 14th", "2024-06-14")]),
        ("We met on Monday the third, when it rained.", [d("Monday the third", "2024-06-03")]),
        ("The vote is on Thursday the 20th of June.", [d("Thursday the 20th of June", "2024-06-20")]),
    ],
    "span_end_day": [
        ("The ban was extended until June 30.", [d("June 30", "2024-06-30")]),
        ("The court suspended parliament until October 14.", [d("October 14", "2024-10-14")]),
        ("Officials said the offer stands until September 1.", [d("September 1", "2024-09-01")]),
        ("The ruling kept the law in force till August 20.", [d("August 20", "2024-08-20")]),
        ("The strike was called off until July 8.", [d("July 8", "2024-07-08")]),
        # a past verb without "until": the most recent such day, as before
        ("The ban was imposed on June 30.", [d("June 30", "2023-06-30")]),
    ],
}


if __name__ == "__main__":
    write_split(CASES, "forms10l", misses=(
        "She was to blame in October, the report said.",
    ))
