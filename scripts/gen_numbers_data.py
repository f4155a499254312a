#!/usr/bin/env python3
"""Generate the currency tables of the numbers stage from Debian's iso-codes package.

    python3 scripts/gen_numbers_data.py [--iso-dir /usr/share/iso-codes/json] [--out data/numbers]

Reads iso_4217.json (currency codes and names) and iso_3166-1.json (country codes), adds the
hand-curated facts below (symbols, irregular plurals, English forms that ISO does not list,
countries whose currency code does not start with their own code) and writes:

  currencies.tsv        code, ambiguity class, ISO name
  currency_forms.tsv    surface form, code or @class, kind, flags
  currency_country.tsv  class, country, code: which member of a class a country uses

The output is sorted and stable, so re-running it on the same iso-codes gives identical files.
The generated files are committed; the build never runs this script.
"""
import argparse
import json
import os
import sys

# Codes that are not currencies people write amounts in (funds, metals, test codes) or that
# duplicate another code with the same name.
SKIP_CODES = {
    "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW", "XAG", "XAU", "XBA", "XBB",
    "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX", "SLL", "VED",
}

# Ambiguity classes: the head word of the English name. A class with several members resolves
# through the article's country (currency_country.tsv) or the stage's default.
# Names whose head word is not the last word, or is spelled differently in English news.
HEAD_OVERRIDE = {
    "CNY": "yuan", "GBP": "pound", "OMR": "rial", "UYU": "peso", "CUC": "peso",
    "NIO": "cordoba", "XAF": "franc", "XOF": "franc", "XPF": "franc", "ILS": "shekel",
    "TMT": "manat", "VES": "bolivar", "ISK": "krona", "SEK": "krona", "CZK": "koruna",
    "DKK": "krone", "NOK": "krone", "KGS": "som", "UZS": "som", "TOP": "paanga",
}

# English plural of a head word (default: + "s"). None = no separate plural form.
PLURAL = {
    "yen": None, "yuan": None, "tenge": None, "won": None, "baht": None, "kip": None,
    "naira": None, "kwacha": None, "rupiah": None, "dong": None, "som": None, "lari": None,
    "ringgit": None, "taka": None, "rufiyaa": None, "vatu": None, "tala": None, "kina": None,
    "loti": "maloti", "leu": "lei", "lev": "leva", "krona": "kronor", "krone": "kroner",
    "koruna": "koruny", "lira": "liras", "real": "reais", "sol": "soles", "colon": "colones",
    "bolivar": "bolivares", "quetzal": "quetzales", "rand": "rand", "ngultrum": None,
    "lilangeni": "emalangeni", "pula": None, "dalasi": None, "metical": "meticais",
    "ouguiya": None, "kyat": "kyats", "riel": "riels", "paanga": None, "somoni": None,
    "ariary": None, "nakfa": None, "birr": None, "cedi": "cedis", "tugrik": "tugriks",
    "manat": "manats", "sheqel": "sheqalim", "shekel": "shekels", "kuna": "kune",
    "hryvnia": "hryvnias", "guarani": "guaranies", "pataca": "patacas", "dobra": "dobras",
    "afghani": "afghanis", "gourde": "gourdes", "forint": "forints", "zloty": "zlotys",
}

# Head words too common as English words to be read as a currency after a number
# ("5 sol", "3 real", "won"): only their plural or an adjective + head form counts.
WEAK_HEADS = {"sol", "real", "som", "lek", "lev", "leu", "kip", "dram", "pula", "tala", "kina",
              "rand", "won", "mark", "birr", "cordoba", "loti", "balboa", "leone", "sucre"}
STRONG_AFTER_NUMBER = {"won", "rand"}  # "5,000 won", "20 rand" are fine after a number
# ... after digits or a scale only: after a number in words they are the verb and the noun
# ("the two won praise", "three rand"? - "three won awards"): flag weak_words.

# English forms ISO does not list (form -> code or @class).
EXTRA_WORDS = {
    "us dollar": "USD", "u.s. dollar": "USD", "united states dollar": "USD", "american dollar": "USD", "greenback": "USD",
    "euro": "EUR", "eur": "EUR", "euro cent": "EUR:minor",
    "pound sterling": "GBP", "british pound": "GBP", "sterling": "GBP",
    "japanese yen": "JPY", "chinese yuan": "CNY", "renminbi": "CNY", "kuai": "CNY",
    "yuan renminbi": "CNY", "rmb": "CNY",
    "kazakh tenge": "KZT", "kazakhstani tenge": "KZT", "russian rouble": "RUB",
    "rouble": "RUB", "ruble": "RUB", "belarusian rouble": "BYN",
    "korean won": "KRW", "south korean won": "KRW", "north korean won": "KPW",
    "indian rupee": "INR", "pakistani rupee": "PKR", "sri lankan rupee": "LKR",
    "nepali rupee": "NPR", "mauritian rupee": "MUR", "seychellois rupee": "SCR",
    "indonesian rupiah": "IDR", "swiss franc": "CHF", "cfa franc": "@cfa",
    "swedish crown": "SEK", "danish crown": "DKK", "norwegian crown": "NOK",
    "czech crown": "CZK", "icelandic krona": "ISK", "icelandic crown": "ISK",
    "crown": "@koruna", "krona": "@krona", "krone": "@krone", "koruna": "CZK",
    "polish zloty": "PLN", "hungarian forint": "HUF", "romanian leu": "RON",
    "bulgarian lev": "BGN", "ukrainian hryvnia": "UAH", "turkish lira": "TRY",
    "lira": "TRY", "israeli shekel": "ILS", "shekel": "ILS", "new shekel": "ILS",
    "south african rand": "ZAR", "nigerian naira": "NGN", "kenyan shilling": "KES",
    "ugandan shilling": "UGX", "tanzanian shilling": "TZS", "ghanaian cedi": "GHS",
    "egyptian pound": "EGP", "saudi riyal": "SAR", "qatari riyal": "QAR",
    "omani rial": "OMR", "iranian rial": "IRR", "yemeni rial": "YER", "emirati dirham": "AED",
    "uae dirham": "AED", "dirham": "@dirham", "thai baht": "THB", "vietnamese dong": "VND",
    "malaysian ringgit": "MYR", "philippine peso": "PHP", "mexican peso": "MXN",
    "ringgit": "MYR", "cedi": "GHS",
    "argentine peso": "ARS", "argentinian peso": "ARS", "chilean peso": "CLP",
    "colombian peso": "COP", "brazilian real": "BRL", "peruvian sol": "PEN",
    "venezuelan bolivar": "VES", "azerbaijani manat": "AZN", "azerbaijan manat": "AZN",
    "turkmen manat": "TMT", "georgian lari": "GEL", "armenian dram": "AMD",
    "kyrgyz som": "KGS", "uzbek som": "UZS", "uzbek sum": "UZS", "tajik somoni": "TJS",
    "mongolian tugrik": "MNT", "afghan afghani": "AFN", "bangladeshi taka": "BDT",
    "taiwan dollar": "TWD", "taiwanese dollar": "TWD", "nt dollar": "TWD",
    "hong kong dollar": "HKD", "singapore dollar": "SGD", "new zealand dollar": "NZD",
    "aussie dollar": "AUD", "canadian dollar": "CAD", "australian dollar": "AUD",
    "bitcoin": "BTC", "satoshi": "BTC:sat",
    "dollar": "@dollar", "pound": "@pound", "rupee": "@rupee", "dinar": "@dinar",
    "franc": "@franc", "peso": "@peso", "rial": "@rial", "riyal": "@riyal",
    "shilling": "@shilling", "manat": "@manat", "yen": "JPY", "yuan": "CNY", "won": "KRW",
    "tenge": "KZT", "buck": "@dollar", "quid": "GBP", "pounds sterling": "GBP",
    "us cent": "USD:minor", "u.s. cent": "USD:minor",
}

# Plurals of weak heads (WEAK_HEADS) that name one currency alone: "10 million reais" (the
# singular "real" stays an English word).
PLURAL_ONLY = {"reais": "BRL", "korunas": "CZK", "czech korunas": "CZK"}

# Minor units: value / 100 of the class or code they belong to.
MINOR_WORDS = {
    "cent": "@cent", "cents": "@cent", "penny": "GBP", "pence": "GBP", "kopeck": "RUB",
    "kopecks": "RUB", "kopek": "RUB", "kopeks": "RUB", "paisa": "@rupee", "paise": "@rupee",
    "centime": "@franc", "centimes": "@franc", "tiyn": "KZT", "fen": "CNY", "satang": "THB",
    "pennies": "GBP", "¢": "@cent",
    "centavo": "@peso", "centavos": "@peso", "agora": "ILS", "agorot": "ILS", "kurus": "TRY",
    "kuruş": "TRY", "grosz": "PLN", "groszy": "PLN", "halala": "SAR", "halalas": "SAR",
    "pesewa": "GHS", "pesewas": "GHS", "kobo": "NGN",
}

# Minor units of a tenth of the unit (flag "tenth"): value / 10 ("10 yuan 5 jiao" 10.5 CNY).
MINOR_TENTH = {"jiao": "CNY"}

# Minor units written as one lower-case letter glued to the amount ("85p", "99c"; kind
# "glued": only there, a lone "p" or "c" is no currency; rule glued_minor).
GLUED_MINOR = {"p": "GBP", "c": "@cent"}

# Lower-case forms of symbols (lower-cased copy: "rs 500", "rs. 5 crore"): before the amount
# only (flag "before": "5 rs" is no money).
SYMBOLS_LC_BEFORE = {"rs": "@rupee", "rs.": "@rupee"}

# Symbols and abbreviations (prefix or suffix; "glue" = may touch the digits).
SYMBOLS = {
    "$": "@dollar", "US$": "USD", "U.S.$": "USD", "USD$": "USD", "A$": "AUD", "AU$": "AUD",
    "AUD$": "AUD", "C$": "CAD", "CA$": "CAD", "Can$": "CAD", "CAD$": "CAD", "CDN$": "CAD",
    "Cdn$": "CAD", "HK$": "HKD",
    "NZ$": "NZD", "NZD$": "NZD", "S$": "SGD", "SG$": "SGD", "NT$": "TWD", "R$": "BRL",
    "Mex$": "MXN", "MX$": "MXN", "MXN$": "MXN", "J$": "JMD", "TT$": "TTD", "Z$": "ZWL",
    "EC$": "XCD", "N$": "NAD", "L$": "LRD", "RD$": "DOP", "Bds$": "BBD", "FJ$": "FJD",
    "€": "EUR", "£": "@pound", "¥": "@yen", "￥": "@yen", "₹": "INR", "₨": "@rupee",
    "₽": "RUB", "₸": "KZT", "₩": "KRW", "₺": "TRY", "₴": "UAH", "₦": "NGN", "₱": "PHP",
    "₪": "ILS", "₫": "VND", "₡": "CRC", "₾": "GEL", "₼": "AZN", "฿": "THB", "元": "CNY",
    "円": "JPY", "₭": "LAK", "₮": "MNT", "₲": "PYG", "₵": "GHS", "₿": "BTC", "ரூ": "LKR",
    "៛": "KHR", "֏": "AMD", "₣": "@franc", "ƒ": "ANG",
    "Rs": "@rupee", "Rs.": "@rupee", "Re": "@rupee", "Re.": "@rupee", "Rp": "IDR",
    "RM": "MYR", "Tk": "BDT", "KSh": "KES", "Ksh": "KES", "USh": "UGX", "TSh": "TZS",
    "zł": "PLN", "Kč": "CZK", "Ft": "HUF", "kr": "@krona", "Dh": "@dirham", "Dhs": "AED",
    "SR": "SAR", "QR": "QAR", "BD": "BHD", "KD": "KWD", "JD": "JOD", "LE": "EGP",
    "E£": "EGP", "£E": "EGP", "GH₵": "GHS", "GH¢": "GHS",
    "Php": "PHP",
    "Sh": "@shilling", "SFr": "CHF", "SFr.": "CHF",
}

# Codes that are ordinary English words when written in capitals ("ALL 5 solutions",
# "TOP 10"): read as currency only with a decimal or a scale word next to them.
WORDLIKE_CODES = {"ALL", "TOP", "CUP", "MOP", "BAM", "MAD", "SOS", "PEN", "BOB", "TRY", "GEL",
                  "COP", "RON", "DOP", "MUR", "ERN", "PAB", "SAR", "NIO", "BIF", "CUC", "AMD",
                  "LAK", "MGA", "STN", "SLE", "TND", "GMD", "KES", "VES", "HNL", "WST", "UAH",
                  "PHP"}
# Codes also accepted in lower case (dev corpora and chat-like text write "usd", "rmb").
LOWERCASE_CODES = {"USD", "EUR", "GBP", "JPY", "CNY", "INR", "AUD", "CAD", "CHF", "HKD", "SGD",
                   "NZD", "KZT", "RUB", "BTC", "RMB", "MXN", "BRL", "ZAR", "SEK", "NOK", "DKK"}
# Historical ISO 4217 currencies still met in text about the past ("6.65 billion pesetas").
HISTORICAL = {
    "ESP": ("Spanish Peseta", ["peseta", "pesetas", "spanish peseta", "spanish pesetas"]),
    "DEM": ("Deutsche Mark", ["deutsche mark", "deutsche marks", "deutschmark",
                              "deutschmarks", "german mark", "german marks"]),
    "FRF": ("French Franc", ["french franc", "french francs"]),
    "BEF": ("Belgian Franc", ["belgian franc", "belgian francs"]),
    "ITL": ("Italian Lira", ["italian lira", "italian lire"]),
    "GRD": ("Greek Drachma", ["drachma", "drachmas", "drachmae"]),
    "NLG": ("Dutch Guilder", ["dutch guilder", "dutch guilders"]),
    "PTE": ("Portuguese Escudo", ["portuguese escudo", "portuguese escudos"]),
    "FIM": ("Finnish Markka", ["markka", "markkaa"]),
    "IEP": ("Irish Pound", ["irish pound", "irish pounds", "punt", "punts"]),
    "ATS": ("Austrian Schilling", ["austrian schilling", "austrian schillings"]),
}
# Common non-ISO codes.
EXTRA_CODES = {"RMB": "CNY", "BTC": "BTC", "XBT": "BTC", "NTD": "TWD", "RMB¥": "CNY"}

# Countries whose currency code does not start with the country code, per class.
COUNTRY_OVERRIDES = {
    "franc": {c: "XOF" for c in ["BJ", "BF", "CI", "GW", "ML", "NE", "SN", "TG"]}
    | {c: "XAF" for c in ["CM", "CF", "TD", "CG", "GQ", "GA"]}
    | {c: "XPF" for c in ["PF", "NC", "WF"]}
    | {"LI": "CHF", "FR": "EUR", "BE": "EUR", "LU": "EUR", "MC": "EUR"},
    "cfa": {c: "XOF" for c in ["BJ", "BF", "CI", "GW", "ML", "NE", "SN", "TG"]}
    | {c: "XAF" for c in ["CM", "CF", "TD", "CG", "GQ", "GA"]},
    "dollar": {c: "XCD" for c in ["AG", "DM", "GD", "KN", "LC", "VC", "AI", "MS"]}
    | {c: "USD" for c in ["EC", "SV", "PA", "TL", "PR", "FM", "MH", "PW", "VG", "TC", "BQ",
                          "ZW", "GU", "AS", "VI", "MP"]}
    | {c: "AUD" for c in ["KI", "TV", "NR", "CX", "CC", "NF"]} | {"CK": "NZD", "NU": "NZD"},
    "pound": {"GG": "GBP", "JE": "GBP", "IM": "GBP"},
    "cent": {c: "EUR" for c in ["AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR",
                                "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PT", "SI", "SK",
                                "ME", "XK", "AD", "MC", "SM", "VA"]},
    "krona": {"DK": "DKK", "NO": "NOK", "CZ": "CZK", "FO": "DKK", "GL": "DKK"},
    "krone": {"SE": "SEK", "IS": "ISK", "CZ": "CZK"},
    "koruna": {"SE": "SEK", "DK": "DKK", "NO": "NOK", "IS": "ISK", "SK": "EUR"},
    "yen": {"CN": "CNY"},
    "rupee": {"BT": "INR"},
    "dinar": {"XK": "EUR", "ME": "EUR"},
}
# Members of classes that are not simply "code whose ISO name ends in the head word".
CLASS_EXTRA = {
    "cent": ["USD", "EUR", "AUD", "CAD", "NZD", "HKD", "SGD"],
    "yen": ["JPY", "CNY"],
    "cfa": ["XOF", "XAF"],
    "riyal": ["SAR", "QAR", "OMR", "YER"],
    "koruna": ["CZK", "SEK", "DKK", "NOK", "ISK"],
    "krona": ["SEK", "ISK", "DKK", "NOK", "CZK"],
    "krone": ["DKK", "NOK", "SEK", "ISK", "CZK"],
}
# Default member of each ambiguous class (the stage option currency_defaults overrides them):
# the most traded currency of the class, or the one English news means without a qualifier.
CLASS_DEFAULT = {
    "dollar": "USD", "pound": "GBP", "rupee": "INR", "dinar": "KWD", "franc": "CHF",
    "peso": "MXN", "shilling": "KES", "rial": "IRR", "riyal": "SAR", "won": "KRW",
    "som": "KGS", "ruble": "RUB", "manat": "AZN", "leu": "RON", "kwacha": "ZMW",
    "krone": "NOK", "krona": "SEK", "koruna": "CZK", "dirham": "AED", "colon": "CRC",
    "cent": "USD", "yen": "JPY", "cfa": "XOF",
}
# Aliases so that the class of the ambiguous English "crown" is the koruna/krona/krone set.
CLASS_WORDS = {"crown": "koruna"}


def head_word(code, name):
    if code in HEAD_OVERRIDE:
        return HEAD_OVERRIDE[code]
    base = name.split("(")[0].strip()
    words = base.replace("’", "").replace("'", "").split()
    return words[-1].lower().replace("í", "i")


def plural(word):
    if word in PLURAL:
        return PLURAL[word]
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy")):
        return word[:-1] + "ies"
    return word + "s"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--iso-dir", default="/usr/share/iso-codes/json")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "data", "numbers"))
    args = ap.parse_args()

    with open(os.path.join(args.iso_dir, "iso_4217.json"), encoding="utf-8") as f:
        cur = [c for c in json.load(f)["4217"] if c["alpha_3"] not in SKIP_CODES]
    with open(os.path.join(args.iso_dir, "iso_3166-1.json"), encoding="utf-8") as f:
        countries = {c["alpha_2"] for c in json.load(f)["3166-1"]}

    codes = {c["alpha_3"]: c["name"] for c in cur}
    codes["BTC"] = "Bitcoin (not ISO 4217; de-facto code)"
    for code, (name, _) in HISTORICAL.items():
        codes[code] = name + " (historical)"
    # Historical and non-ISO codes take no part in the ambiguity classes.
    heads = {code: head_word(code, name) for code, name in codes.items()
             if code != "BTC" and code not in HISTORICAL}

    classes = {}
    for code, h in heads.items():
        classes.setdefault(h, []).append(code)
    for cls, extra in CLASS_EXTRA.items():
        members = classes.setdefault(cls, [])
        for code in extra:
            if code not in members:
                members.append(code)
    ambiguous = {h for h, m in classes.items() if len(m) > 1}

    # currencies.tsv
    rows = []
    for code in sorted(codes):
        h = heads.get(code, "-")
        rows.append((code, h if h in ambiguous else "-", codes[code]))

    # currency_country.tsv: a class member whose code starts with the country code, then
    # the hand-written overrides.
    cc_rows = {}
    for cls in sorted(ambiguous):
        for code in classes[cls]:
            if code[:2] in countries and not code.startswith("X"):
                cc_rows[(cls, code[:2])] = code
        for country, code in COUNTRY_OVERRIDES.get(cls, {}).items():
            cc_rows[(cls, country)] = code
    for cls, table in COUNTRY_OVERRIDES.items():
        if cls not in ambiguous:
            for country, code in table.items():
                cc_rows[(cls, country)] = code

    # currency_forms.tsv: form, target (CODE or @class), kind, flags
    forms = {}

    def add(form, target, kind, flags=""):
        key = (form, kind)
        if key not in forms:
            forms[key] = (target, flags)

    def target_for(code):
        h = heads.get(code)
        return "@" + h if h in ambiguous else code

    for code, name in codes.items():
        if code == "BTC" or code in HISTORICAL:
            if code in HISTORICAL:
                add(code, code, "code")
            continue
        flags = []
        if code in WORDLIKE_CODES:
            flags.append("wordlike")
        if code in LOWERCASE_CODES:
            flags.append("lc")
        add(code, code, "code", ",".join(flags))
        # Name forms: full name, and "adjective + head" / head alone.
        base = name.split("(")[0].strip().lower().replace("’", "").replace("'", "")
        h = heads[code]
        words = base.split()
        if len(words) > 1 and words[-1] == h:
            add(base, code, "word")
            p = plural(h)
            if p:
                add(" ".join(words[:-1] + [p]), code, "word")
        elif len(words) == 1:
            flags = "weak" if h in WEAK_HEADS and h not in STRONG_AFTER_NUMBER else \
                "weak_words" if h in STRONG_AFTER_NUMBER else ""
            add(h, target_for(code), "word", flags)
            p = plural(h)
            if p:
                add(p, target_for(code), "word")
    for code, (name, words) in HISTORICAL.items():
        for w in words:
            add(w, code, "word")
    for code, target in EXTRA_CODES.items():
        flags = "lc" if code in LOWERCASE_CODES else ""
        add(code, target, "code", flags)
    for form, target in EXTRA_WORDS.items():
        minor = ""
        if ":" in target:
            target, minor = target.split(":")
        kind = "minor" if minor == "minor" else "word"
        if minor == "sat":
            kind = "sat"
        head = form.split()[-1]
        flags = "weak" if head in WEAK_HEADS and head not in STRONG_AFTER_NUMBER \
            and len(form.split()) == 1 else \
            "weak_words" if head in STRONG_AFTER_NUMBER and len(form.split()) == 1 else ""
        add(form, target, kind, flags)
        p = plural(head)
        if p and p != head:
            add(" ".join(form.split()[:-1] + [p]), target, kind)
    for form, target in PLURAL_ONLY.items():
        add(form, target, "word")
    for word, target in CLASS_WORDS.items():
        add(word, "@" + target, "word")
        add(plural(word), "@" + target, "word")
    for form, target in MINOR_WORDS.items():
        add(form, target, "minor")
    for form, target in MINOR_TENTH.items():
        add(form, target, "minor", "tenth")
    for form, target in SYMBOLS.items():
        add(form, target, "sym")
    for form, target in SYMBOLS_LC_BEFORE.items():
        add(form, target, "sym", "before")
    for form, target in GLUED_MINOR.items():
        add(form, target, "glued")

    # Every @class target must exist, every code must be known.
    for (form, kind), (target, _) in forms.items():
        if target.startswith("@"):
            if target[1:] not in ambiguous and target[1:] not in COUNTRY_OVERRIDES:
                sys.exit(f"form {form!r}: unknown class {target}")
        elif target not in codes:
            sys.exit(f"form {form!r}: unknown code {target}")

    for cls in sorted(ambiguous):
        if cls not in CLASS_DEFAULT or CLASS_DEFAULT[cls] not in classes[cls]:
            sys.exit(f"class {cls}: no default among {classes[cls]}")

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "currency_classes.tsv"), "w", encoding="utf-8") as f:
        f.write("# Generated by scripts/gen_numbers_data.py; do not edit.\n")
        f.write("# class\tdefault\tmembers\n")
        for cls in sorted(ambiguous):
            f.write(f"{cls}\t{CLASS_DEFAULT[cls]}\t{','.join(sorted(classes[cls]))}\n")
    hdr = "# Generated by scripts/gen_numbers_data.py from Debian iso-codes ({}); do not edit.\n"
    with open(os.path.join(args.out, "currencies.tsv"), "w", encoding="utf-8") as f:
        f.write(hdr.format("iso_4217.json"))
        f.write("# code\tclass\tname\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    with open(os.path.join(args.out, "currency_country.tsv"), "w", encoding="utf-8") as f:
        f.write(hdr.format("iso_4217.json, iso_3166-1.json"))
        f.write("# class\tcountry\tcode\n")
        for (cls, country), code in sorted(cc_rows.items()):
            f.write(f"{cls}\t{country}\t{code}\n")
    with open(os.path.join(args.out, "currency_forms.tsv"), "w", encoding="utf-8") as f:
        f.write(hdr.format("iso_4217.json + hand-curated tables in the script"))
        f.write("# form\ttarget (code or @class)\tkind (code|word|minor|sat|sym|glued)\tflags\n")
        for (form, kind), (target, flags) in sorted(forms.items()):
            f.write(f"{form}\t{target}\t{kind}\t{flags or '-'}\n")
    print(f"{len(rows)} currencies, {len(forms)} forms, {len(cc_rows)} country rows, "
          f"{len(ambiguous)} ambiguous classes", file=sys.stderr)


if __name__ == "__main__":
    main()
