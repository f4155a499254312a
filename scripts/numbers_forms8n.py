#!/usr/bin/env python3
"""Golden cases of issue 10's eighth session, number-expression step (branch s8-nnum): written
fractions and multipliers of the Recognizers-Text English NumberModel grammar. Written from the
grammar of each form before the parser was changed; the values come from the grammar below,
never from the stage's output. Every fifth case of each form, in writing order, is held out in
tests/data/numbers/aside/forms8n_aside.jsonl (never used to tune the stage).

The grammar (docs/numbers.md, "Eighth session (branch s8-nnum)"):
- A written fraction "N D": D ends in a plural ordinal ("fifths", "hundredths"). A scale
  ordinal ("hundredths", "thousandths") is the whole denominator: "fifty-four hundredths"
  54/100. Otherwise the denominator is the longest final run of words that is one ordinal
  number phrase - a tens word before a unit ordinal ("thirty fifths" 35th), then groups of
  [tens][unit] + scale word, the scales growing leftwards ("one thousand fifths" 1005th) -
  that leaves a numerator; when the run would take every word, its first group goes to the
  numerator ("twenty fifths" 20/5, "one hundred thirty fifths" 100/35). "and" ends the run.
- "and" after "hundred" or a scale word continues the whole number: a fraction after it is
  the fractional part when it is a proper fraction ("two hundred and three fifths" 200.6), else
  its numerator continues the whole number ("one hundred and thirty-two fifths" 132/5).
- A multiplier ("dozen") multiplies the group it follows, as "hundred" does: "three hundred
  and two dozen" 300 + 2*12; with no group below the hundred the whole ("two hundred dozen").

    python3 scripts/numbers_forms8n.py   # rewrites tests/data/numbers/forms8n.jsonl and the aside file
"""

from numbers_forms import c, write_split


def n(text, value):
    return c("CARDINAL", text, value)


# form: [(text, expected[, published_at: numbers_forms.PUB when left out, "-" for none])]
CASES = {
    "fraction_denominator": [
        ("The answer is one hundred thirty-fifths.", [n("one hundred thirty-fifths", 100 / 35)]),
        ("The share came to one hundred thirty fifths.", [n("one hundred thirty fifths", 100 / 35)]),
        ("He wrote two hundred one thousand fifths on the board.",
         [n("two hundred one thousand fifths", 200 / 1005)]),
        ("The ratio was twenty fifths, the teacher said.", [n("twenty fifths", 4)]),
        ("The puzzle asks for one thousand fifths.", [n("one thousand fifths", 200)]),
        ("The ratio is three hundred twenty sevenths.", [n("three hundred twenty sevenths", 300 / 27)]),
        ("The result was ninety-five hundred-fifths.", [n("ninety-five hundred-fifths", 1900)]),
        ("She wrote two hundred three fifths.", [n("two hundred three fifths", 40.6)]),
        ("The error is fifty-four hundredths of a point.", [n("fifty-four hundredths", 0.54)]),
        ("The pupils wrote forty sixths.", [n("forty sixths", 40 / 6)]),
        ("The answer is one hundred forty-ninths.", [n("one hundred forty-ninths", 100 / 49)]),
        ("The value is six hundred twelfths.", [n("six hundred twelfths", 50)]),
        ("He answered seventy thirds.", [n("seventy thirds", 70 / 3)]),
        ("The sum is three hundred-fifths.", [n("three hundred-fifths", 60)]),
        ("The grid held one hundred sixty-sixths.", [n("one hundred sixty-sixths", 100 / 66)]),
        # (added after the first fix, dev only: "and" joins both sides into one number, so a
        # run that reaches it takes the first group back; "a" first is "one")
        ("The tally reached one hundred and twenty thousand fifths.",
         [n("one hundred and twenty thousand fifths", 24000)]),
        ("The answer is a hundred thirty-fifths.", [n("a hundred thirty-fifths", 100 / 35)]),
    ],
    "fraction_and": [
        ("The count stood at two hundred and twelve thirds.", [n("two hundred and twelve thirds", 212 / 3)]),
        ("The total was three hundred and forty-five sixths.",
         [n("three hundred and forty-five sixths", 57.5)]),
        ("The reading was two hundred and three fifths.", [n("two hundred and three fifths", 200.6)]),
        ("The jar held one thousand and seven quarters.", [n("one thousand and seven quarters", 251.75)]),
        ("The gauge showed four hundred and seventy-five hundredths.",
         [n("four hundred and seventy-five hundredths", 400.75)]),
        ("The answer is five and seven thirds.", [n("five and seven thirds", 22 / 3)]),
        ("The meter read six hundred and eleven tenths.", [n("six hundred and eleven tenths", 61.1)]),
        ("The scale showed nine hundred and ninety-nine thousandths.",
         [n("nine hundred and ninety-nine thousandths", 900.099)]),
        ("The sum was two thousand and fifteen eighths.", [n("two thousand and fifteen eighths", 2015 / 8)]),
        ("The answer was one hundred and nine sevenths.", [n("one hundred and nine sevenths", 109 / 7)]),
    ],
    # "N tens-Dths": a tens word cannot follow a unit, teen or tens word in one number, so after
    # one it starts the denominator, glued by a hyphen to a unit plural ordinal (third to
    # ninth): "twenty-two seventy-fifths" 22/75. Not "seconds"/"firsts" (time, rank).
    "tens_denominator": [
        ("The gap was three twenty-fifths of an inch.", [n("three twenty-fifths", 3 / 25)]),
        ("The share rose to twenty-two seventy-fifths.", [n("twenty-two seventy-fifths", 22 / 75)]),
        ("The error is eleven sixty-fourths.", [n("eleven sixty-fourths", 11 / 64)]),
        ("The ratio was nine forty-thirds.", [n("nine forty-thirds", 9 / 43)]),
        ("The mark was seven thirty-sixths.", [n("seven thirty-sixths", 7 / 36)]),
        ("They ran two thirty-second ads.", [n("two", 2), c("ORDINAL", "thirty-second", 32)]),
        ("The rod was five ninety-sevenths of the span.", [n("five ninety-sevenths", 5 / 97)]),
        ("The court heard four twenty-eighths.", [n("four twenty-eighths", 4 / 28)]),
        ("The figure was fifteen eighty-eighths.", [n("fifteen eighty-eighths", 15 / 88)]),
        ("He drew six fifty-thirds on the board.", [n("six fifty-thirds", 6 / 53)]),
    ],
    # A scale word after a mixed number scales the whole, as after a decimal ("2.5 million"):
    # "2½ million" 2,500,000, "$1 1/2 billion". Only scale words of a thousand and more.
    "fraction_scale": [
        ("The city has 2½ million people.", [n("2½ million", 2500000)]),
        ("The plan costs $1 1/2 billion.", [c("MONEY", "$1 1/2 billion", 1500000000, currency="USD")]),
        ("About 3 1/4 million voters took part.", [c("CARDINAL", "3 1/4 million", 3250000, mod="approx")]),
        ("The fund lost 4¾ billion in 2023.", [n("4¾ billion", 4750000000), c("DATE", "2023", "2023")]),
        ("The firm sold 1½ million phones.", [n("1½ million", 1500000)]),
        ("The region has 7 1/2 thousand farms.", [n("7 1/2 thousand", 7500)]),
        ("He walked 2½ miles.", [c("QUANTITY", "2½ miles", 2.5, unit="mi")]),
        ("The bill adds 5 1/2 trillion to the debt.", [n("5 1/2 trillion", 5500000000000)]),
        ("The town has 8 1/2 thousand homes.", [n("8 1/2 thousand", 8500)]),
        ("Sales reached 6½ million units.", [n("6½ million", 6500000)]),
    ],
    # A dash and a blank before a number is a list bullet in news, not a sign (decided against
    # Recognizers' "- 1 4/5" -1.8): the number is annotated without it. A glued sign is read.
    "dash_blank": [
        ("- 10 people were hurt, police said.", [n("10", 10)]),
        ("- 3 of the 5 suspects were freed.", [n("3", 3), n("5", 5)]),
        ("The balance stood at -1 4/5 after the audit.", [n("-1 4/5", -1.8)]),
        ("- 2 million homes lost power.", [n("2 million", 2000000)]),
        ("Net flows were -10k after the audit.", [n("-10k", -10000)]),
    ],
    "dozen_group": [
        ("The farm sold four hundred and three dozen eggs.", [n("four hundred and three dozen", 436)]),
        ("The bakery made two hundred and five dozen rolls.", [n("two hundred and five dozen", 260)]),
        ("They ordered two hundred dozen roses.", [n("two hundred dozen", 2400)]),
        ("The shop sold five dozen bagels.", [n("five dozen", 60)]),
        ("The crew packed one hundred and one dozen bottles.", [n("one hundred and one dozen", 112)]),
        ("The market sold three hundred and ten dozen eggs.", [n("three hundred and ten dozen", 420)]),
        ("The hall ordered six hundred twenty dozen cups.", [n("six hundred twenty dozen", 840)]),
        ("The mill shipped two thousand three hundred and four dozen towels.",
         [n("two thousand three hundred and four dozen", 2348)]),
        ("The florist sold nine hundred dozen tulips.", [n("nine hundred dozen", 10800)]),
        ("The club bought seven hundred and two dozens of balls.",
         [n("seven hundred and two dozens", 724)]),
    ],
}


def main():
    write_split(CASES, 'forms8n')


if __name__ == "__main__":
    main()
