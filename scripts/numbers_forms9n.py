#!/usr/bin/env python3
"""Golden cases of issue 10's ninth session, number step (branch s9-num): CARDINAL numbers (and
QUANTITY where a unit follows) as Recognizers-Text number sentences and news copy write them.
Written from the grammar of each form before the stage was changed; values come from what the
words mean and the conventions of docs/numbers.md ("Conventions of the output"), never from the
stage's output. Every fifth case of each form, in writing order, is held out in
tests/data/numbers/aside/forms9n_aside.jsonl (never used to tune the stage).

The grammar (docs/numbers.md, "Ninth session (branch s9-num)"):
- Written numbers of every size, with and without "and", hyphens or blanks between tens and
  units, capitalised at a sentence start, "a" for one before a scale word ("a hundred", "a
  thousand and one"): one CARDINAL, the value of the words.
- Digits with a scale word or abbreviation ("1.5 million", "3 thousand", "2.5k", "1.2M",
  "15bn"): the product. A capital "K" glued to a decimal or to a number of three digits or more
  is a thousand ("2.5K", "300K"); glued to one or two digits it is a name ("4K" video, "the 10K"
  race: identifiers by the conventions).
- Decimals with and without a leading zero (".5", "0.25"), "point" decimals in words.
- A glued sign or "minus"/"negative" makes the value negative.
- Fractions: digits ("3/4", "1 1/2"), words ("three quarters", "two-thirds", "a half"); "a
  half-dozen", "half-dozen" (with or without the hyphen) are six, as "half a dozen".
  "a couple of", "a pair of" count nothing outside a unit of time (the earlier convention).
- Thousands in groups of three digits separated by a blank or a dot ("1 234 567",
  "1.234.567"), also before a decimal part ("1 234 567.89").
- Ranges "5 to 10", "between 10 and 20", "10-20" are one CARDINAL with value and value_max;
  lists are one CARDINAL per number.
- Modifiers before the number give mod (approx, gt, lt, ge, le).
- Punctuation and brackets around a number are not in the span.
- Scientific notation "1e10", "2E5", "1.5e6" is the number.
- A vote tally ("voted 5-4", "ruled 6-3", "a 7-2 vote") is a pair of counts, as a sports score:
  one CARDINAL without a value (the score convention, its cue words extended); a score of
  three-digit counts ("beat the Celtics 110-102"), larger first, likewise.
- A house number before a street name ("10 Downing Street", "221B Baker Street", "1600
  Pennsylvania Avenue") is an address, an identifier: no annotation.
- Look-alikes that must not change: years, clock times, scores, versions, model numbers, codes.

    python3 scripts/numbers_forms9n.py   # rewrites tests/data/numbers/forms9n.jsonl and the aside file
"""

from numbers_forms import c, d, write_split


def n(text, value, **kw):
    return c("CARDINAL", text, value, **kw)


def q(text, value, unit, **kw):
    return c("QUANTITY", text, value, unit=unit, **kw)


def score(text):
    return dict(label="CARDINAL", text=text)


# form: [(text, expected[, published_at: numbers_forms.PUB when left out, "-" for none])]
CASES = {
    "written_cardinal": [
        ("Thirty-seven people were rescued from the boat.", [n("Thirty-seven", 37)]),
        ("Police arrested sixty three protesters overnight.", [n("sixty three", 63)]),
        ("Two hundred and forty-one flights were cancelled.", [n("Two hundred and forty-one", 241)]),
        ("The museum holds eight hundred six paintings.", [n("eight hundred six", 806)]),
        ("A hundred volunteers cleared the beach.", [n("A hundred", 100)]),
        ("The tale of a thousand and one nights is old.", [n("a thousand and one", 1001)]),
        ("Nine thousand five hundred and twelve votes were counted.",
         [n("Nine thousand five hundred and twelve", 9512)]),
        ("The club has fourteen hundred members.", [n("fourteen hundred", 1400)]),
        ("Seventeen of the wounded were children.", [n("Seventeen", 17)]),
        ("The fund gave out two million three hundred thousand grants.",
         [n("two million three hundred thousand", 2300000)]),
        ("Forty-four miners were trapped underground.", [n("Forty-four", 44)]),
        ("A million people lined the streets.", [n("A million", 1000000)]),
        ("The ship carried one hundred and one crew.", [n("one hundred and one", 101)]),
        ("He read five thousand and six pages in a year.", [n("five thousand and six", 5006)]),
        # look-alikes: "one" as a pronoun, "no one"
        ("No one was hurt in the blast.", []),
        ("One of the guards was injured.", [n("One", 1)]),
    ],
    "digit_scale": [
        ("About 1.5 million people fled the floods.", [n("1.5 million", 1500000, mod="approx")]),
        ("The union has 3 thousand members.", [n("3 thousand", 3000)]),
        ("The video drew 2.5k comments.", [n("2.5k", 2500)]),
        ("The firm shipped 1.2M phones.", [n("1.2M", 1200000)]),
        ("The country has 15bn trees, a survey found.", [n("15bn", 15000000000)]),
        ("The petition reached 300K signatures.", [n("300K", 300000)]),
        ("The clip has 2.5K views.", [n("2.5K", 2500)]),
        ("The census counted 4.2 bn people.", [n("4.2 bn", 4200000000)]),
        ("The app passed 120K downloads in a day.", [n("120K", 120000)]),
        ("Some 7.5K runners took part.", [n("7.5K", 7500, mod="approx")]),
        ("The stadium holds 80k fans.", [n("80k", 80000)]),
        ("The city planted 0.5 million trees.", [n("0.5 million", 500000)]),
        # look-alikes: a race and a screen resolution are names
        ("She won the 10K race in Boston.", []),
        ("The 4K screen costs more.", []),
    ],
    "decimals": [
        ("The index rose .5 on the day.", [n(".5", 0.5)]),
        ("The ratio fell to 0.25 last month.", [n("0.25", 0.25), d("last month", "2024-05")]),
        ("The rating was three point five on the scale.", [n("three point five", 3.5)]),
        ("The reading was zero point seven.", [n("zero point seven", 0.7)]),
        ("The gauge showed 12.75 at noon.", [n("12.75", 12.75), c("TIME", "noon", "T12:00")]),
        ("Inflation eased to .8 in May.", [n(".8", 0.8), d("May", "2024-05")]),
        ("The coefficient is two point zero five.", [n("two point zero five", 2.05)]),
        ("The index closed at 1,234.56 on Friday.", [n("1,234.56", 1234.56), d("Friday", "2024-06-07")]),
        ("The figure was 0.003 after revision.", [n("0.003", 0.003)]),
        ("The ratio stands at nought point four.", [n("nought point four", 0.4)]),
    ],
    "negatives": [
        ("The index fell to -5 overnight.", [n("-5", -5)]),
        ("The value dropped to minus five.", [n("minus five", -5)]),
        ("The balance was negative 3 at the close.", [n("negative 3", -3)]),
        ("The reading was -12.5 at dawn.", [n("-12.5", -12.5)]),
        ("The fund ended at minus 1.2 million.", [n("minus 1.2 million", -1200000)]),
        ("Minus forty is the same in both scales.", [n("Minus forty", -40)]),
        ("The net flow was -1,200 in June.", [n("-1,200", -1200), d("June", "2024-06")]),
        ("Negative two is less than one.", [n("Negative two", -2), n("one", 1, mod="lt")]),
        ("Temperatures fell to -20 degrees.", [q("-20 degrees", -20, "deg")]),
        ("The result was negative five point five.", [n("negative five point five", -5.5)]),
        # (added after the fix: a minus sign before a decimal without a leading zero)
        ("The gauge read -.5 at noon.", [n("-.5", -0.5), c("TIME", "noon", "T12:00")]),
        ("The index moved -.25 in early trade.", [n("-.25", -0.25)]),
    ],
    "fractions": [
        ("He ate 3/4 of the cake.", [n("3/4", 0.75)]),
        ("The crowd waited 1 1/2 hours.", [c("TIME", "1 1/2 hours", "PT1.5H")]),
        ("Three quarters of voters backed the plan.", [n("Three quarters", 0.75)]),
        ("Two-thirds of members voted yes.", [n("Two-thirds", 2 / 3)]),
        ("She sold a half of her shares.", [n("a half", 0.5)]),
        ("He bought a half-dozen eggs.", [n("a half-dozen", 6)]),
        ("Some half-dozen people were hurt.", [n("half-dozen", 6, mod="approx")]),
        ("A half dozen boats sank.", [n("A half dozen", 6)]),
        ("Only 2/5 of the seats were filled.", [n("2/5", 0.4)]),
        ("One-fifth of the budget went to roads.", [n("One-fifth", 0.2)]),
        ("Nearly a half-dozen officials resigned.", [n("a half-dozen", 6, mod="approx")]),
        ("They added 2 3/4 cups of water.", [n("2 3/4", 2.75)]),
        # (added after the half-dozen fix: a scale word glued by a hyphen, the same reading)
        ("About a half-million people fled.", [n("a half-million", 500000, mod="approx")]),
        ("A quarter-million homes lost power.", [n("A quarter-million", 250000)]),
    ],
    "dozens_couple": [
        ("A dozen people were hurt.", [n("A dozen", 12)]),
        ("Two dozen roses were sent.", [n("Two dozen", 24)]),
        ("Half a dozen cars were burned.", [n("Half a dozen", 6)]),
        ("Three dozen eggs were sold.", [n("Three dozen", 36)]),
        ("About a dozen houses were flooded.", [n("a dozen", 12, mod="approx")]),
        # conventions: "a couple of", "a pair of", "dozens of" count nothing outside time units
        ("A couple of analysts disagreed.", []),
        ("A pair of shoes was found.", []),
        ("Dozens of people fled the fire.", []),
        ("They bought two pairs of boots.", [n("two", 2)]),
        ("It took a couple of years to build.", [d("a couple of years", "P2Y")]),
    ],
    # (added after the fix, from the earlier convention: "a couple" is two before a unit of time)
    "couple_duration": [
        ("They waited a couple of hours for help.", [c("TIME", "a couple of hours", "PT2H")]),
        ("The repairs lasted a couple of weeks.", [d("a couple of weeks", "P2W")]),
        ("A couple of years later, the firm closed.", [d("A couple of years", "P2Y")]),
        ("He spent a couple of months in hospital.", [d("a couple of months", "P2M")]),
        ("The talks ran for a couple of days.", [d("a couple of days", "P2D")]),
        ("Prices doubled in a couple of decades.", [d("a couple of decades", "P20Y")]),
        # look-alikes: a count of people, "ago" (a date), "in" about the future (a date)
        ("A couple of analysts disagreed.", []),
        ("The plant shut a couple of days ago.", [d("a couple of days ago", "2024-06-10")]),
        ("The firm will reopen in a couple of weeks.", [d("in a couple of weeks", "2024-06-26")]),
    ],
    # (added after the fix) a glued "m" before a noun of things counted is a million
    "glued_m_count": [
        ("Around 1.3m people live in the city.", [n("1.3m", 1300000, mod="approx")]),
        ("The service has 5m users.", [n("5m", 5000000)]),
        ("The bank sold 2.5m shares on Monday.", [n("2.5m", 2500000), d("Monday", "2024-06-10")]),
        ("The country gave 12m doses last month.", [n("12m", 12000000), d("last month", "2024-05")]),
        ("Some 3m households lost power.", [n("3m", 3000000, mod="approx")]),
        # look-alikes: lengths
        ("A 10m wall collapsed.", [q("10m", 10, "m")]),
        ("She won the 400m hurdles.", [q("400m", 400, "m")]),
        ("The pool is 3m deep.", [q("3m", 3, "m")]),
    ],
    # (added after the fix) a unit that starts with a symbol, glued to the number
    "glued_symbol_unit": [
        ("Temperatures hit 35°C on Monday.", [q("35°C", 35, "degC"), d("Monday", "2024-06-10")]),
        ("It fell to -10°C overnight.", [q("-10°C", -10, "degC")]),
        ("His temperature was 98.6°F.", [q("98.6°F", 98.6, "degF")]),
        ("The car made a 90° turn.", [q("90°", 90, "deg")]),
        ("The oven reached 220°C.", [q("220°C", 220, "degC")]),
        ("The file is 200 MB in size.", [q("200 MB", 200, "MB")]),
        # look-alike: with a blank, as before
        ("It was 30 °C at noon.", [q("30 °C", 30, "degC"), c("TIME", "noon", "T12:00")]),
    ],
    # (added after the fix) "half a"/"half an" before a unit or a unit of time: half of one
    "half_a_unit": [
        ("Rescuers waited half an hour for the boat.", [c("TIME", "half an hour", "PT0.5H")]),
        ("The queue stretched half a mile.", [q("half a mile", 0.5, "mi")]),
        ("The strike lasted half a day.", [d("half a day", "P0.5D")]),
        ("The firm has traded for half a century.", [d("half a century", "P50Y")]),
        ("Half an hour later, the fire was out.", [c("TIME", "Half an hour", "PT0.5H")]),
        # look-alikes: a lone "half" before a noun, "half a dozen", "half a percent"
        ("He ate half a pie.", []),
        ("Half a dozen ships sank.", [n("Half a dozen", 6)]),
        ("Rates rose half a percent.", [c("PERCENT", "half a percent", 0.5)]),
    ],
    # (added after the fix) "N am" apart and in lower case is a clock time, as "N pm"
    "clock_am": [
        ("Police arrived at 2 am on the scene.", [c("TIME", "2 am", "T02:00")]),
        ("The blast hit at 4 am local time.", [c("TIME", "4 am", "T04:00")]),
        ("By 11 am the fire was out.", [c("TIME", "11 am", "T11:00")]),
        ("The shop shut at 12 am.", [c("TIME", "12 am", "T00:00")]),
        # look-alikes: the verb, a number that is no hour
        ("I am 25 and live in Leeds.", [n("25", 25)]),
        ("He said 40 am I to believe.", [n("40", 40)]),
    ],
    # (added after the fix) a plural scale word after a number scales it ("two thousands");
    # alone it is no number ("thousands of people", the earlier convention)
    "plural_scale": [
        ("Two thousands of people came to the rally.", [n("Two thousands", 2000)]),
        ("The flood displaced 2 millions in the delta.", [n("2 millions", 2000000)]),
        ("The region lost 3 millions of trees.", [n("3 millions", 3000000)]),
        ("Five millions of voters took part.", [n("Five millions", 5000000)]),
        # look-alikes: no number before the plural
        ("Thousands of people marched.", []),
        ("Hundreds of thousands of people fled.", []),
        ("He lost millions in the crash.", []),
    ],
    "separators": [
        ("The city has 1 234 567 residents.", [n("1 234 567", 1234567)]),
        ("The region has 1.234.567 residents.", [n("1.234.567", 1234567)]),
        ("There were 12 500 people at the rally.", [n("12 500", 12500)]),
        ("The budget line was 1 234 567.89 in total.", [n("1 234 567.89", 1234567.89)]),
        ("The firm cut 10 000 jobs.", [n("10 000", 10000)]),
        ("The final count was 2 500 000.5 units.", [n("2 500 000.5", 2500000.5)]),
        ("The city counted 1,234,567 residents.", [n("1,234,567", 1234567)]),
        ("The ship carried 10 000 tonnes of grain.", [q("10 000 tonnes", 10000, "t")]),
        ("Some 45 000 fans attended.", [n("45 000", 45000, mod="approx")]),
        ("The total was 3 456 789.01 after fees.", [n("3 456 789.01", 3456789.01)]),
    ],
    # (added after the fix) Indian grouping: twos, then a last three
    "indian_groups": [
        ("The district has 12,34,567 voters.", [n("12,34,567", 1234567)]),
        ("The state counted 1,20,00,000 people.", [n("1,20,00,000", 12000000)]),
        ("He paid Rs 5,50,000 for the car.", [c("MONEY", "Rs 5,50,000", 550000, currency="INR")]),
        ("The scheme reached 3,45,678 farmers.", [n("3,45,678", 345678)]),
        # look-alikes: a list, Western grouping
        ("The codes were 12,34,56 and 7.", [n("12", 12), n("34", 34), n("56", 56), n("7", 7)]),
        ("The city has 1,234,567 residents.", [n("1,234,567", 1234567)]),
    ],
    "lists_ranges": [
        ("Between 10 and 20 people died.", [n("10 and 20", 10, value_max=20)]),
        ("From 5 to 10 boats sank.", [n("5 to 10", 5, value_max=10)]),
        ("Some 10-20 homes burned.", [n("10-20", 10, value_max=20, mod="approx")]),
        ("Five to ten officers were hurt.", [n("Five to ten", 5, value_max=10)]),
        ("The winning numbers were 4, 8, 15 and 16.",
         [n("4", 4), n("8", 8), n("15", 15), n("16", 16)]),
        ("There are 3 or 4 options left.", [n("3", 3), n("4", 4)]),
        ("The road is 10-12 km long.", [q("10-12 km", 10, "km", value_max=12)]),
        ("Between ten and twenty people came.", [n("ten and twenty", 10, value_max=20)]),
        ("2,000-3,000 people fled the town.", [n("2,000-3,000", 2000, value_max=3000)]),
        ("The plan costs 10 to 15 million a year.", [n("10 to 15 million", 10000000, value_max=15000000)]),
        # (added after the fix) "through"/"thru" as "to"; years stay two dates
        ("Pupils in grades 10 through 12 stayed home.", [n("10 through 12", 10, value_max=12)]),
        ("We counted 5 thru 8 boats.", [n("5 thru 8", 5, value_max=8)]),
        ("From 2010 through 2015 sales rose.", [d("2010", "2010"), d("2015", "2015")]),
        # (added after the fix) a spelled small number to digits, as news style writes them
        ("Between five and 10 people died.", [n("five and 10", 5, value_max=10)]),
        ("Two to 15 boats were lost.", [n("Two to 15", 2, value_max=15)]),
        ("He gave one to 20 pupils.", [n("one", 1), n("20", 20)]),
    ],
    "modifiers": [
        ("About 40 people attended.", [n("40", 40, mod="approx")]),
        ("Nearly 300 homes were lost.", [n("300", 300, mod="approx")]),
        ("More than 1,000 people fled.", [n("1,000", 1000, mod="gt")]),
        ("Fewer than 50 remained.", [n("50", 50, mod="lt")]),
        ("At least 12 people died.", [n("12", 12, mod="ge")]),
        ("Up to 300 workers could lose their jobs.", [n("300", 300, mod="le")]),
        ("Roughly forty ships were at sea.", [n("forty", 40, mod="approx")]),
        ("Over a hundred people marched.", [n("a hundred", 100, mod="gt")]),
        ("Almost 2.5 million people voted.", [n("2.5 million", 2500000, mod="approx")]),
        ("No more than 20 guests were invited.", [n("20", 20, mod="le")]),
        # (added after the fix: "not more than" was read as "more than")
        ("Not more than 500 people came.", [n("500", 500, mod="le")]),
        ("The law sets not less than 30 days.", [d("30 days", "P30D", mod="ge")]),
        ("No fewer than 30 people died.", [n("30", 30, mod="ge")]),
        ("The club allows a maximum of 40 members.", [n("40", 40, mod="le")]),
    ],
    "punctuation": [
        ("The group (about 40 people) left early.", [n("40", 40, mod="approx")]),
        ("The group [40 people] left early.", [n("40", 40)]),
        ("\"Twelve,\" he said.", [n("Twelve", 12)]),
        ("The tally was 40; the rest abstained.", [n("40", 40)]),
        ("Ages: 40, 50, and 60.", [n("40", 40), n("50", 50), n("60", 60)]),
        ("He said the answer was \"forty-two\".", [n("forty-two", 42)]),
        ("The toll rose to 75.", [n("75", 75)]),
        ("Survivors (12) were flown out.", [n("12", 12)]),
        ("The toll (41) rose again.", [n("41", 41)]),
        ("They found 3...then 4 more.", [n("3", 3), n("4", 4)]),
    ],
    "sci_notation": [
        ("The value is 1e10 in the model.", [n("1e10", 10000000000)]),
        ("The count was 2E5 cells.", [n("2E5", 200000)]),
        ("The sample held 1.5e6 cells.", [n("1.5e6", 1500000)]),
        ("The estimate is 3e9 stars.", [n("3e9", 3000000000)]),
        ("The limit is 5e3 units.", [n("5e3", 5000)]),
        # (added after the fix: the exponent before a sentence's full stop)
        ("The model's estimate was 4e12.", [n("4e12", 4000000000000)]),
        ("Its value is 7E3.", [n("7E3", 7000)]),
    ],
    "vote_tally": [
        ("The Supreme Court ruled 5-4 on the case.", [score("5-4")]),
        ("The Senate voted 51-49 to pass the bill.", [score("51-49")]),
        ("The council voted 7-2 in favour.", [score("7-2")]),
        ("It was a 6-3 decision by the court.", [score("6-3")]),
        ("The board approved it in a 9-0 vote.", [score("9-0")]),
        ("The judges split 2-1 in the ruling.", [score("2-1")]),
        ("The Lakers beat the Celtics 110-102.", [score("110-102")]),
        ("The panel passed it by a 4-1 margin.", [score("4-1")]),
        ("The jury voted 10-2 to convict.", [score("10-2")]),
        ("The committee voted 12-9 against the plan.", [score("12-9")]),
        # look-alikes: a range, a year range
        ("Between 5-10 members voted on the plan.", [n("5-10", 5, value_max=10)]),
        ("The House voted in 2019-20 on the bill.", [d("2019-20", "2019/2020")]),
    ],
    "address": [
        ("The meeting was held at 10 Downing Street.", []),
        ("He lived at 221 Baker Street for years.", []),
        ("Protesters gathered at 1600 Pennsylvania Avenue.", []),
        ("The shop at 12 High Street closed.", []),
        ("Police searched a house on 45 Elm Road.", []),
        ("The office moved to 350 Fifth Avenue.", []),
        ("The bar at 7 Queen's Lane shut.", []),
        ("Ten Downing Street said nothing.", []),
        # look-alikes: counts of streets and roads
        ("Police closed 5 streets in the centre.", [n("5", 5)]),
        ("The town has 12 Roman roads.", [n("12", 12)]),
    ],
    "lookalikes": [
        ("He was born in 1985 in Leeds.", [d("1985", "1985")]),
        ("The train left at 10:30.", [c("TIME", "10:30", "T10:30")]),
        ("Version 3.2.1 shipped with fixes.", []),
        ("The Boeing 747 landed safely.", []),
        ("The COVID-19 pandemic hit trade.", []),
        ("The G7 summit opened.", []),
        ("The 9/11 attacks changed policy.", []),
        ("Windows 11 was released.", []),
        ("The team beat Denmark 3-2.", [score("3-2")]),
        ("Call 555-0143 for details.", []),
        ("Section 230 shields platforms.", []),
        # (added after the fix) thousands separators after a capitalised word: a count
        ("Fighting In Idlib Kills 1,200, Monitor Says", [n("1,200", 1200)]),
        ("Reuters counted 2,500 dead; Boeing 747 jets flew them home.", [n("2,500", 2500)]),
        ("The 1990s were calm.", [d("The 1990s", "199X")]),
    ],
}

# dev cases the stage gets wrong (scored in misses/, not asserted); emptied as forms are fixed
MISSES = set()

if __name__ == "__main__":
    write_split(CASES, "forms9n", MISSES)
