#!/usr/bin/env python3
"""Generate a synthetic news corpus in newsflow's input record format (JSONL).

    scripts/gen_corpus.py [--seed 42] [--count 20000] [--out FILE]

Each line is {"id", "title", "body", "published_at", "source", "url", "language"} (a few use
"text" or "content" instead of "body", or leave optional fields out). The articles are built
from templates and word lists in this file, so that they look like wire copy to the tagging
stages: datelines, people with titles, ministries, central banks, companies and international
bodies with their acronyms, countries, cities and demonyms, and numbers in many forms (money in
a dozen currencies and notations, percentages, percentage points, basis points, quantities with
units, written numbers, ordinals, dates with and without a year). A fraction is HTML with
entities, some carry boilerplate trailers ("Related articles", credits), sizes range from a
few hundred bytes to ~10 KB and rarely ~30 KB; the average is about 2.5 KB of body text.

Everything here is invented: people, companies, parties, teams and figures are fictional.
Output depends only on --seed and --count (and this file): the same arguments give
byte-identical output. Standard library only.
"""

import argparse
import datetime
import json
import random
import re
import sys

# --------------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------------

# name, demonym, cities (capital first), currency code, central bank (name, short or None),
# name region, a short description used in background sentences, population (millions).
COUNTRIES = (
    ("Kazakhstan", "Kazakh", ("Astana", "Almaty", "Shymkent", "Karaganda", "Aktobe", "Atyrau"),
     "KZT", ("National Bank of Kazakhstan", "NBK"), "turkic", "Central Asia's largest economy", 20.0),
    ("Uzbekistan", "Uzbek", ("Tashkent", "Samarkand", "Bukhara", "Namangan", "Andijan"),
     "UZS", ("Central Bank of Uzbekistan", "CBU"), "turkic", "Central Asia's most populous nation", 36.8),
    ("Kyrgyzstan", "Kyrgyz", ("Bishkek", "Osh", "Jalal-Abad", "Karakol"),
     "KGS", ("National Bank of the Kyrgyz Republic", "NBKR"), "turkic", "a mountainous country of seven million", 7.1),
    ("Azerbaijan", "Azerbaijani", ("Baku", "Ganja", "Sumgait", "Lankaran"),
     "AZN", ("Central Bank of Azerbaijan", "CBA"), "turkic", "an oil and gas producer on the Caspian Sea", 10.2),
    ("Georgia", "Georgian", ("Tbilisi", "Batumi", "Kutaisi", "Rustavi"),
     "GEL", ("National Bank of Georgia", "NBG"), "caucasus", "a country of 3.7 million people in the South Caucasus", 3.7),
    ("Armenia", "Armenian", ("Yerevan", "Gyumri", "Vanadzor"),
     "AMD", ("Central Bank of Armenia", "CBA"), "caucasus", "a landlocked country in the South Caucasus", 3.0),
    ("Türkiye", "Turkish", ("Ankara", "Istanbul", "Izmir", "Bursa", "Antalya"),
     "TRY", ("Central Bank of the Republic of Türkiye", "CBRT"), "turkic", "a NATO member straddling Europe and Asia", 85.3),
    ("China", "Chinese", ("Beijing", "Shanghai", "Shenzhen", "Guangzhou", "Chongqing", "Chengdu"),
     "CNY", ("People's Bank of China", "PBOC"), "chinese", "the world's second-largest economy", 1410.0),
    ("India", "Indian", ("New Delhi", "Mumbai", "Bengaluru", "Chennai", "Kolkata", "Hyderabad"),
     "INR", ("Reserve Bank of India", "RBI"), "south_asia", "Asia's third-largest economy", 1430.0),
    ("Pakistan", "Pakistani", ("Islamabad", "Karachi", "Lahore", "Peshawar"),
     "PKR", ("State Bank of Pakistan", "SBP"), "south_asia", "a nuclear-armed nation of 240 million", 240.0),
    ("Indonesia", "Indonesian", ("Jakarta", "Surabaya", "Bandung", "Medan"),
     "IDR", ("Bank Indonesia", None), "se_asia", "Southeast Asia's largest economy", 277.5),
    ("Japan", "Japanese", ("Tokyo", "Osaka", "Yokohama", "Nagoya", "Sapporo"),
     "JPY", ("Bank of Japan", "BOJ"), "japanese", "the world's fourth-largest economy", 124.5),
    ("South Korea", "South Korean", ("Seoul", "Busan", "Incheon", "Daegu"),
     "KRW", ("Bank of Korea", "BOK"), "korean", "Asia's fourth-largest economy", 51.7),
    ("Vietnam", "Vietnamese", ("Hanoi", "Ho Chi Minh City", "Đà Nẵng", "Hải Phòng"),
     "VND", ("State Bank of Vietnam", "SBV"), "vietnamese", "one of Asia's fastest-growing economies", 99.5),
    ("Brazil", "Brazilian", ("Brasília", "São Paulo", "Rio de Janeiro", "Belo Horizonte", "Porto Alegre"),
     "BRL", ("Central Bank of Brazil", "BCB"), "portuguese", "Latin America's largest economy", 203.0),
    ("Mexico", "Mexican", ("Mexico City", "Monterrey", "Guadalajara", "Puebla"),
     "MXN", ("Bank of Mexico", "Banxico"), "latin", "Latin America's second-largest economy", 128.5),
    ("Argentina", "Argentine", ("Buenos Aires", "Córdoba", "Rosario", "Mendoza"),
     "ARS", ("Central Bank of Argentina", "BCRA"), "latin", "a leading grain exporter", 46.0),
    ("Chile", "Chilean", ("Santiago", "Valparaíso", "Antofagasta", "Concepción"),
     "CLP", ("Central Bank of Chile", None), "latin", "the world's top copper producer", 19.6),
    ("Colombia", "Colombian", ("Bogotá", "Medellín", "Cali", "Barranquilla"),
     "COP", ("Bank of the Republic", "BanRep"), "latin", "South America's fourth-largest economy", 52.1),
    ("Ecuador", "Ecuadorian", ("Quito", "Guayaquil", "Cuenca", "Manta"),
     "USD", ("Central Bank of Ecuador", "BCE"), "latin", "a dollarised economy on the Pacific coast", 18.0),
    ("Peru", "Peruvian", ("Lima", "Arequipa", "Cusco", "Trujillo"),
     "PEN", ("Central Reserve Bank of Peru", "BCRP"), "latin", "the world's second-largest copper producer", 34.0),
    ("Nigeria", "Nigerian", ("Abuja", "Lagos", "Kano", "Port Harcourt", "Ibadan"),
     "NGN", ("Central Bank of Nigeria", "CBN"), "african_west", "Africa's most populous country", 223.8),
    ("Kenya", "Kenyan", ("Nairobi", "Mombasa", "Kisumu", "Eldoret", "Nakuru"),
     "KES", ("Central Bank of Kenya", "CBK"), "african_east", "East Africa's largest economy", 55.1),
    ("South Africa", "South African", ("Pretoria", "Johannesburg", "Cape Town", "Durban"),
     "ZAR", ("South African Reserve Bank", "SARB"), "african_south", "Africa's most industrialised economy", 62.0),
    ("Egypt", "Egyptian", ("Cairo", "Alexandria", "Port Said", "Giza"),
     "EGP", ("Central Bank of Egypt", "CBE"), "arabic", "the Arab world's most populous country", 112.7),
    ("Morocco", "Moroccan", ("Rabat", "Casablanca", "Tangier", "Marrakesh"),
     "MAD", ("Bank Al-Maghrib", None), "arabic", "a North African kingdom", 37.8),
    ("Germany", "German", ("Berlin", "Frankfurt", "Munich", "Hamburg", "Cologne"),
     "EUR", ("Deutsche Bundesbank", "Bundesbank"), "german", "Europe's largest economy", 84.5),
    ("France", "French", ("Paris", "Lyon", "Marseille", "Toulouse"),
     "EUR", ("Banque de France", None), "french", "the euro zone's second-largest economy", 68.2),
    ("Italy", "Italian", ("Rome", "Milan", "Naples", "Turin"),
     "EUR", ("Bank of Italy", None), "italian", "the euro zone's third-largest economy", 58.9),
    ("Spain", "Spanish", ("Madrid", "Barcelona", "Valencia", "Seville"),
     "EUR", ("Bank of Spain", None), "latin", "the euro zone's fourth-largest economy", 48.3),
    ("Poland", "Polish", ("Warsaw", "Kraków", "Gdańsk", "Wrocław", "Łódź"),
     "PLN", ("National Bank of Poland", "NBP"), "slavic", "central Europe's largest economy", 36.7),
    ("Britain", "British", ("London", "Manchester", "Edinburgh", "Birmingham", "Cardiff"),
     "GBP", ("Bank of England", "BoE"), "anglo", "the world's sixth-largest economy", 68.3),
    ("United States", "American", ("Washington", "New York", "Chicago", "Houston", "San Francisco"),
     "USD", ("Federal Reserve", "Fed"), "anglo", "the world's largest economy", 334.9),
    ("Canada", "Canadian", ("Ottawa", "Toronto", "Vancouver", "Calgary", "Montréal"),
     "CAD", ("Bank of Canada", "BoC"), "anglo", "a G7 member and major oil producer", 40.1),
    ("Australia", "Australian", ("Canberra", "Sydney", "Melbourne", "Perth", "Brisbane"),
     "AUD", ("Reserve Bank of Australia", "RBA"), "anglo", "the world's largest iron ore exporter", 26.6),
    ("Norway", "Norwegian", ("Oslo", "Bergen", "Stavanger", "Trondheim"),
     "NOK", ("Norges Bank", None), "nordic", "western Europe's largest oil and gas producer", 5.5),
    ("Switzerland", "Swiss", ("Bern", "Zürich", "Geneva", "Basel"),
     "CHF", ("Swiss National Bank", "SNB"), "german", "a financial centre in the Alps", 8.8),
    ("Saudi Arabia", "Saudi", ("Riyadh", "Jeddah", "Dammam", "Mecca"),
     "SAR", ("Saudi Central Bank", "SAMA"), "arabic", "the world's largest oil exporter", 36.9),
    ("United Arab Emirates", "Emirati", ("Abu Dhabi", "Dubai", "Sharjah"),
     "AED", ("Central Bank of the UAE", "CBUAE"), "arabic", "a Gulf trading hub", 9.5),
    ("Mongolia", "Mongolian", ("Ulaanbaatar", "Erdenet", "Darkhan", "Dalanzadgad"),
     "MNT", ("Bank of Mongolia", "BoM"), "mongolian", "a mineral-rich country between Russia and China", 3.5),
    ("Russia", "Russian", ("Moscow", "St Petersburg", "Novosibirsk", "Kazan", "Yekaterinburg"),
     "RUB", ("Bank of Russia", None), "slavic", "the world's largest country by area", 146.0),
    ("Ukraine", "Ukrainian", ("Kyiv", "Lviv", "Odesa", "Kharkiv", "Dnipro"),
     "UAH", ("National Bank of Ukraine", "NBU"), "slavic", "a major grain exporter", 37.0),
)

# code: (symbol or None, singular word, plural word, units per U.S. dollar, symbol followed by
# a space)
CURRENCIES = {
    "USD": ("$", "dollar", "dollars", 1.0, False),
    "EUR": ("€", "euro", "euros", 0.92, False),
    "GBP": ("£", "pound", "pounds", 0.79, False),
    "JPY": ("¥", "yen", "yen", 148.0, False),
    "CNY": (None, "yuan", "yuan", 7.2, False),
    "INR": ("₹", "rupee", "rupees", 83.0, False),
    "PKR": ("Rs", "rupee", "rupees", 280.0, True),
    "KZT": ("₸", "tenge", "tenge", 460.0, False),
    "UZS": (None, "soum", "soums", 12500.0, False),
    "KGS": (None, "som", "soms", 88.0, False),
    "AZN": ("₼", "manat", "manat", 1.7, False),
    "GEL": ("₾", "lari", "lari", 2.7, False),
    "AMD": (None, "dram", "drams", 400.0, False),
    "TRY": ("₺", "lira", "lira", 32.0, False),
    "IDR": ("Rp", "rupiah", "rupiah", 15600.0, False),
    "KRW": ("₩", "won", "won", 1330.0, False),
    "VND": (None, "dong", "dong", 24500.0, False),
    "BRL": ("R$", "real", "reais", 5.0, True),
    "MXN": ("Mex$", "peso", "pesos", 17.1, False),
    "ARS": (None, "peso", "pesos", 850.0, False),
    "CLP": (None, "peso", "pesos", 950.0, False),
    "COP": (None, "peso", "pesos", 3900.0, False),
    "PEN": ("S/", "sol", "soles", 3.7, True),
    "NGN": ("₦", "naira", "naira", 1450.0, False),
    "KES": ("KSh", "shilling", "shillings", 130.0, True),
    "ZAR": ("R", "rand", "rand", 18.6, False),
    "EGP": (None, "Egyptian pound", "Egyptian pounds", 47.0, False),
    "MAD": (None, "dirham", "dirhams", 10.0, False),
    "PLN": (None, "zloty", "zlotys", 4.0, False),
    "CAD": ("C$", "Canadian dollar", "Canadian dollars", 1.35, False),
    "AUD": ("A$", "Australian dollar", "Australian dollars", 1.52, False),
    "NOK": (None, "crown", "crowns", 10.6, False),
    "CHF": ("CHF", "Swiss franc", "Swiss francs", 0.88, True),
    "SAR": (None, "riyal", "riyals", 3.75, False),
    "AED": (None, "dirham", "dirhams", 3.67, False),
    "MNT": ("₮", "tugrik", "tugriks", 3400.0, False),
    "RUB": ("₽", "rouble", "roubles", 92.0, False),
    "UAH": (None, "hryvnia", "hryvnias", 39.0, False),
}

FIRST_LAST = {
    "turkic": (("Aigerim", "Daniyar", "Askar", "Madina", "Nurlan", "Saule", "Timur", "Dilnoza",
                "Rustam", "Aliya", "Bekzod", "Gulnara", "Yerlan", "Kamila"),
               ("Bekova", "Serikbayev", "Abdullaev", "Nurmagambetov", "Karimova", "Tashkentov",
                "Zhakupova", "Yusupov", "Ospanov", "Mammadli", "Aliyeva", "Rahimov", "Demir",
                "Kaya")),
    "caucasus": (("Giorgi", "Nino", "Levan", "Tamar", "Aram", "Ani", "Davit", "Mariam"),
                 ("Abashidze", "Beridze", "Kapanadze", "Hakobyan", "Sargsyan", "Gelashvili",
                  "Tsereteli", "Petrosyan")),
    "chinese": (("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang"),
                ("Liqun", "Wei", "Xiaoming", "Hong", "Jianguo", "Mei", "Yufei", "Haoran")),
    "south_asia": (("Suresh", "Priya", "Arjun", "Anjali", "Imran", "Sana", "Rahul", "Meera",
                    "Farhan", "Kavita"),
                   ("Patil", "Sharma", "Iyer", "Khan", "Reddy", "Malik", "Chatterjee", "Qureshi",
                    "Nair", "Desai")),
    "se_asia": (("Budi", "Siti", "Agus", "Dewi", "Rizal", "Putri"),
                ("Santoso", "Wijaya", "Hartono", "Lestari", "Gunawan", "Pratama")),
    "japanese": (("Hiroshi", "Yuki", "Takeshi", "Aiko", "Kenji", "Naoko"),
                 ("Tanaka", "Sato", "Yamamoto", "Kobayashi", "Nakamura", "Ishikawa")),
    "korean": (("Min-jun", "Seo-yeon", "Ji-ho", "Hye-jin", "Dong-hyun"),
               ("Kim", "Park", "Lee", "Choi", "Jung")),
    "vietnamese": (("Nguyễn Văn", "Trần Thị", "Lê Minh", "Phạm Thu", "Hoàng Đức"),
                   ("An", "Hương", "Tuấn", "Lan", "Dũng")),
    "portuguese": (("João", "Ana", "Rafael", "Mariana", "Luís", "Fernanda", "Gustavo", "Beatriz"),
                   ("Moura", "Ferreira", "Oliveira", "Carvalho", "Souza", "Almeida", "Costa",
                    "Ribeiro")),
    "latin": (("José", "María", "Carlos", "Lucía", "Andrés", "Valentina", "Diego", "Camila",
               "Mariana", "Javier"),
              ("Martínez", "Villacís", "González", "Rodríguez", "Fernández", "Núñez", "Castillo",
               "Herrera", "Ortega", "Ibáñez")),
    "african_west": (("Chinedu", "Ngozi", "Oluwaseun", "Amina", "Emeka", "Funmilayo", "Ibrahim"),
                     ("Okafor", "Adeyemi", "Bello", "Eze", "Okonkwo", "Abubakar", "Adebayo")),
    "african_east": (("Wanjiru", "James", "Achieng", "Peter", "Grace", "Samuel", "Njeri"),
                     ("Kamau", "Otieno", "Mwangi", "Wanjala", "Kiprono", "Ochieng", "Mutua")),
    "african_south": (("Thabo", "Nomvula", "Sipho", "Lindiwe", "Pieter", "Naledi"),
                      ("Nkosi", "Dlamini", "van der Merwe", "Mokoena", "Botha", "Khumalo")),
    "arabic": (("Fatima", "Ahmed", "Omar", "Layla", "Khalid", "Mona", "Youssef", "Nadia"),
               ("Al-Rashid", "Hassan", "El-Sayed", "Al-Harbi", "Mansour", "Benali", "Farouk",
                "Al-Qahtani")),
    "german": (("Katrin", "Matthias", "Sabine", "Jürgen", "Anja", "Stefan", "Ursula"),
               ("Müller", "Schneider", "Hoffmann", "Weiß", "Becker", "Krüger", "Zimmermann")),
    "french": (("Camille", "Julien", "Élodie", "Thomas", "Sophie", "Laurent"),
               ("Dubois", "Lefèvre", "Moreau", "Girard", "Rousseau", "Fontaine")),
    "italian": (("Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro"),
                ("Rossi", "Bianchi", "Ferrari", "Esposito", "Romano", "Colombo")),
    "slavic": (("Anna", "Piotr", "Olena", "Dmitry", "Katarzyna", "Łukasz", "Irina", "Taras"),
               ("Kowalska", "Wójcik", "Shevchenko", "Ivanov", "Nowak", "Kovalenko", "Petrova",
                "Zieliński")),
    "anglo": (("Sarah", "Michael", "Emily", "David", "Rachel", "James", "Laura", "Thomas",
               "Helen", "Robert"),
              ("Thompson", "Whitcombe", "Ellison", "Carter", "Hughes", "Bennett", "Marsh",
               "Dunmore", "Fletcher", "Reid")),
    "nordic": (("Ingrid", "Lars", "Sigrid", "Øystein", "Astrid", "Henrik"),
               ("Hansen", "Johansen", "Østergaard", "Lindqvist", "Berg", "Solberg")),
    "mongolian": (("Batbayar", "Oyuntsetseg", "Ganbold", "Enkhjargal", "Tsogt"),
                  ("Ganzorig", "Bold", "Erdene", "Munkh", "Dorj")),
}

INTL_ORGS = (
    ("International Monetary Fund", "IMF"),
    ("World Bank", None),
    ("World Trade Organization", "WTO"),
    ("World Health Organization", "WHO"),
    ("Organisation for Economic Co-operation and Development", "OECD"),
    ("International Energy Agency", "IEA"),
    ("Asian Development Bank", "ADB"),
    ("African Development Bank", "AfDB"),
    ("European Bank for Reconstruction and Development", "EBRD"),
    ("Asian Infrastructure Investment Bank", "AIIB"),
    ("Food and Agriculture Organization", "FAO"),
    ("United Nations Development Programme", "UNDP"),
    ("United Nations Children's Fund", "UNICEF"),
    ("International Labour Organization", "ILO"),
    ("Eurasian Development Bank", "EDB"),
    ("Islamic Development Bank", "IsDB"),
    ("World Meteorological Organization", "WMO"),
    ("International Finance Corporation", "IFC"),
    ("Bank for International Settlements", "BIS"),
    ("European Investment Bank", "EIB"),
)

BLOCS = (
    ("European Union", "EU"),
    ("Association of Southeast Asian Nations", "ASEAN"),
    ("Eurasian Economic Union", "EAEU"),
    ("African Union", "AU"),
    ("Shanghai Cooperation Organisation", "SCO"),
    ("Organization of the Petroleum Exporting Countries", "OPEC"),
    ("East African Community", "EAC"),
    ("Gulf Cooperation Council", "GCC"),
    ("Southern Common Market", "Mercosur"),
)

MINISTRIES = {
    "economy": (("Ministry of Finance", "Finance Minister"),
                ("Ministry of Economy", "Economy Minister"),
                ("Ministry of National Economy", "National Economy Minister")),
    "trade": (("Ministry of Trade and Integration", "Trade Minister"),
              ("Ministry of Foreign Affairs", "Foreign Minister"),
              ("Ministry of Industry and Trade", "Industry and Trade Minister")),
    "energy": (("Ministry of Energy", "Energy Minister"),
               ("Ministry of Oil and Gas", "Oil Minister"),
               ("Ministry of Mining and Energy", "Mines and Energy Minister")),
    "agri": (("Ministry of Agriculture", "Agriculture Minister"),
             ("Ministry of Agriculture and Food", "Agriculture Minister")),
    "company": (("Ministry of Industry", "Industry Minister"),
                ("Ministry of Economy", "Economy Minister")),
    "transport": (("Ministry of Transport", "Transport Minister"),
                  ("Ministry of Infrastructure", "Infrastructure Minister")),
    "weather": (("Ministry of Emergency Situations", "Emergencies Minister"),
                ("Ministry of Interior", "Interior Minister")),
    "health": (("Ministry of Health", "Health Minister"),
               ("Ministry of Health and Social Protection", "Health Minister")),
    "politics": (("Ministry of Justice", "Justice Minister"),
                 ("Ministry of Foreign Affairs", "Foreign Minister")),
    "sports": (("Ministry of Culture and Sports", "Sports Minister"),),
    "tech": (("Ministry of Digital Development", "Digital Development Minister"),
             ("Ministry of Communications", "Communications Minister")),
}

CO_PREFIX = ("Northwind", "Steppe", "Caspian", "Meridian", "Aurora", "Silverline", "Bluewater",
             "Granite", "Kestrel", "Orion", "Pinnacle", "Redstone", "Sapphire", "Tamarind",
             "Vantage", "Zephyr", "Altai", "Andes", "Baltic", "Cedar", "Evergreen", "Falcon",
             "Harbor", "Ironbridge", "Juniper", "Lotus", "Monsoon", "Nomad", "Obsidian",
             "Pacifica", "Quartz", "Riverside", "Sahara", "Tundra", "Westgate", "Yarra",
             "Kilimanjaro", "Tian Shan", "Coral", "Equinox")
CO_SECTOR = {
    "energy": ("Energy", "Power", "Oil & Gas", "Solar", "Petroleum", "Renewables"),
    "company": ("Mining", "Steel", "Metals", "Cement", "Motors", "Foods", "Pharma", "Textiles",
                "Chemicals", "Gold"),
    "trade": ("Logistics", "Shipping", "Trading", "Freight"),
    "transport": ("Railways", "Airlines", "Construction", "Infrastructure", "Ports"),
    "tech": ("Telecom", "Semiconductor", "Digital", "Networks", "Software", "Cloud"),
    "agri": ("Agro", "Grain", "Dairy", "Fertilizers", "Farms"),
    "economy": ("Bank", "Capital", "Insurance", "Finance"),
    "health": ("Pharma", "Medical", "Biotech", "Healthcare"),
}
CO_SUFFIX = ("Corp", "Group", "Holdings", "Ltd", "PLC", "Inc", "S.A.", "AG", "JSC", "LLC", "Co")
BROKERS = ("Halcyon Securities", "Silk Road Capital", "Crestview Research", "Marlowe & Finch",
           "Tiller Partners", "Alder Bank", "Kingsway Capital", "Lumen Economics",
           "Saltmarsh Advisors", "Tern Asset Management")
AGENCIES = ("NFW", "Meridian Wire", "Steppe News", "Caspian Press", "Atlas", "Nordwire",
            "Pacific Desk", "Sahel Press", "Andes Wire")

CROPS = ("wheat", "barley", "maize", "rice", "cotton", "soybeans", "sunflower seeds", "potatoes",
         "sugar beet", "coffee", "tea", "cocoa")
COMMODITIES = ("crude oil", "natural gas", "copper", "iron ore", "coal", "wheat", "uranium",
               "gold", "aluminium", "fertilisers", "electronics", "cars", "machinery",
               "textiles", "zinc", "rare earths", "palm oil")
SEAS = ("Caspian Sea", "Black Sea", "North Sea", "Persian Gulf", "South China Sea",
        "Gulf of Guinea", "Barents Sea", "Mediterranean", "Gulf of Mexico")
PARTY_ADJ = ("People's", "Democratic", "National", "Progressive", "United", "Green", "Liberal",
             "Social", "Republican", "Civic")
PARTY_NOUN = ("Unity", "Renewal", "Alliance", "Movement", "Future", "Justice", "Reform",
              "Development", "Freedom", "Labour")
TEAM_FMT = ("{} United", "FC {}", "{} City", "{} Wanderers", "Dynamo {}", "{} Rovers",
            "Sporting {}", "{} Athletic")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MONTHS_AP = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
             "Nov.", "Dec.")
MONTHS_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
               "Dec")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen")
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
ORD_WORDS = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
             "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
             "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth")


def words_below_1000(n):
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else "")
    rest = n % 100
    return ONES[n // 100] + " hundred" + (" and " + words_below_1000(rest) if rest else "")


def ordinal_digits(n):
    if 10 <= n % 100 <= 20:
        suf = "th"
    else:
        suf = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suf}"


def commas(x, dec=0):
    return f"{x:,.{dec}f}"


def sig(x, digits=3):
    """Round to a few significant digits, the way reporters quote figures."""
    if x == 0:
        return 0.0
    mag = len(str(int(abs(x)))) if abs(x) >= 1 else 0
    return round(x, max(0, digits - mag))


def trim(x, dec):
    s = f"{x:.{dec}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


# --------------------------------------------------------------------------------------------
# Templates, per topic: titles, leads, body sentences. {slots} are filled by Article.slot().
# --------------------------------------------------------------------------------------------

TOPICS = {
    "economy": dict(
        titles=(
            "{Demonym} central bank {cb_move} key rate to {rate}",
            "{Country} inflation {slows_rises} to {pct} in {month}",
            "{Country}'s economy grows {pct} in {quarter_short}",
            "{cb_short} keeps rates on hold as {currency_pl} {weakens}",
            "{Country} budget deficit widens to {pct_small} of GDP",
            "{io_short} cuts {Country} growth forecast to {pct_small}",
        ),
        leads=(
            "The {cb} {cb_move_past} its key policy rate by {bp} to {rate} on {weekday}, citing {econ_reason}.",
            "{Demonym} consumer prices rose {pct} year on year in {month}, {cmp} {pct2} in {prev_month}, the national statistics office said on {weekday}.",
            "{Country}'s gross domestic product grew {pct} in {quarter}, {p1} said on {weekday}, as {growth_reason}.",
            "The {io} cut its growth forecast for {country} to {pct_small} for {year_this} from {pct_small2}, citing {econ_reason}.",
            "The {cb} left its benchmark rate unchanged at {rate} for the {ordinal_w} meeting in a row on {weekday}.",
        ),
        body=(
            "Analysts polled by {agency} had expected a rate of {rate2}.",
            "The {currency} traded at {fx} per U.S. dollar on {weekday}, {fx_move}.",
            "Gold and foreign exchange reserves stood at {usd_big} at the end of {month_year}, up {pct} from a year earlier.",
            "Food prices rose {pct}, while services inflation {slowed_rose} by {pp} to {pct2}.",
            "The government expects the economy to grow {pct_small} in {year_next}, {p1} told parliament in {capital}.",
            "The {io} forecasts growth of {pct_small} for {year_this}, {cmp} {pct_small2} a year earlier.",
            "The draft budget for {year_next} foresees spending of {money_big} and revenue of {money_big2}.",
            "Remittances from abroad rose {pct} to {usd_big} in the first {n_months} months of the year.",
            "Unemployment fell to {pct_small} in {month}, the lowest since {year_past}.",
            "The next policy meeting is scheduled for {date_future}.",
            "Since {month_year_past}, the bank has raised rates by a cumulative {bp_big}.",
            "Public debt stood at {pct_big} of GDP at the end of {year_last}.",
            "Retail sales increased {pct} year on year in {month}, while industrial output {rose_fell} {pct2}.",
            "{Demonym} households spend about {fraction} of their income on food, according to the {io}.",
            "The bank targets inflation of {target} and expects to reach it by {quarter_future}.",
            "Annual inflation peaked at {pct_big} in {month_year_past}.",
            "Mortgage lending grew {pct} to {money_big} in {period}, the {cb_short} said.",
            "The yield on {n_years}-year government bonds {rose_fell} {bp} to {rate2}.",
            "The {cb_short} sold {usd_mid} of reserves in {month} to support the {currency}.",
            "Wages rose {pct} in nominal terms and {pct_small} in real terms in {period}.",
            "The {io} approved a {usd_big} loan programme for {country} in {month_year_past}, its {ordinal_w} since {year_past_far}.",
            "Economists at {broker} expect the {cb_short} to cut rates by {bp} in {quarter_future}.",
            "The monthly minimum wage will rise to {money_small} from {date_future_day}.",
            "Foreign direct investment reached {usd_big} in {year_last}, {cmp} {usd_big2} a year earlier.",
        ),
        quotes=(
            "We will keep policy tight for as long as it takes to bring inflation back to target",
            "Inflation is slowing, but the risks have not gone away",
            "The decision was not an easy one, and it was not unanimous",
            "We see no reason to change course now",
            "The economy is more resilient than many expected a year ago",
            "Our priority is price stability; everything else follows from it",
        ),
    ),
    "trade": dict(
        titles=(
            "{Country} trade surplus widens to {usd_big} in {month}",
            "{Country} and {Country2} aim to double trade to {usd_big}",
            "{Demonym} exports to {Country2} jump {pct}",
            "{Country} signs {n_small} deals worth {usd_big} with {Country2}",
        ),
        leads=(
            "{Country}'s exports rose {pct} in {period} to {usd_big}, while imports {rose_fell} {pct2} to {usd_big2}, the {ministry} said on {weekday}.",
            "{Country} and {country2} signed {n_written} agreements worth {usd_big} during a visit by {p1} to {capital2} on {weekday}, the {ministry} said.",
            "Trade turnover between {country} and {country2} reached {usd_big} in {period}, up {pct} from a year earlier, customs data showed on {weekday}.",
        ),
        body=(
            "Trade turnover between the two countries reached {usd_big} in {year_last}, {pct} more than a year earlier.",
            "{Country2} is now {country}'s {ordinal_w} largest trading partner, after {country3} and {country4}.",
            "Exports of {commodity} accounted for {pct} of the total, or {qty_trade}.",
            "The trade surplus narrowed to {money_big} from {money_big2} in {prev_month}.",
            "Shipments through the port of {city} rose to {teu} in {period}.",
            "{P1_last} said the two sides aimed to raise trade to {usd_big} by {year_future}.",
            "A {demonym2} business delegation of {n_mid} companies will visit {city} in {month_future}.",
            "Under the agreement, tariffs on {n_big} product lines will be cut to zero over {n_years_w} years.",
            "The {io} expects world merchandise trade to grow {pct_small} this year.",
            "{Country} joined the {bloc} in {year_past_far}.",
            "Imports of {commodity} from {country2} fell {pct} to {qty_trade}.",
            "Nearly {fraction} of {demonym} exports go to {country2}, {country3} and the {bloc}.",
            "The {ministry} expects exports of {money_big} in {year_this}.",
            "Rail freight to {country2} via {city} grew {pct} to {mt}, the state railway said.",
        ),
        quotes=(
            "Our trade can easily double within a few years if we remove the remaining barriers",
            "These agreements open a new chapter in our economic relations",
            "We want to export goods with higher added value, not just raw materials",
            "Logistics is the bottleneck, and we are fixing it",
        ),
    ),
    "energy": dict(
        titles=(
            "{Country} oil output rises to {bpd}",
            "{company} to build {mw} solar plant in {Country}",
            "{Country} gas exports to {Country2} reach {bcm}",
            "{Country} to add {gw} of wind and solar capacity by {year_future}",
            "Fuel prices in {Country} rise {pct} after subsidy cut",
        ),
        leads=(
            "{company} will invest {usd_big} in a {mw} solar power plant near {city}, the company said on {weekday}, the largest renewable energy project in {country} to date.",
            "{Country}'s crude oil production averaged {bpd} in {month}, {cmp} {bpd2} a month earlier, the {ministry} said on {weekday}.",
            "{Country} exported {bcm} of natural gas to {country2} in {period}, {pct} more than a year earlier, {p1} said on {weekday}.",
            "{Country} will raise regulated fuel prices by {pct} from {date_future_day}, the {ministry} said on {weekday}, as it phases out subsidies that cost {money_big} last year.",
        ),
        body=(
            "The plant, due to be completed by {month_year_future}, will generate about {gwh} a year, enough for {n_households} households.",
            "Brent crude was trading at {oil_price} a barrel, {up_down} {pct_small} on the day.",
            "Gas exports to {country2} rose to {bcm} in {period}.",
            "The {io} expects global oil demand to grow by {bpd_small} this year.",
            "Electricity consumption in {country} rose {pct} last year to {twh}.",
            "{p2} said the project would create {n_jobs} jobs during construction.",
            "Renewables account for {pct} of {country}'s installed capacity of {gw}.",
            "The {km} pipeline will carry up to {bcm} a year from fields in the {sea} to {country2}.",
            "A litre of petrol cost {money_small} in {capital} on {weekday}.",
            "{Country} plans to add {gw} of wind and solar capacity by {year_future}.",
            "Under the {bloc} agreement, {country}'s production quota is {bpd}.",
            "The refinery in {city} will process {mt} of crude a year after the upgrade, up from {mt2}.",
            "Coal still generates {fraction} of the country's electricity.",
            "The {io} will lend {usd_mid} to upgrade {km_small} of power lines.",
            "Reserves at the field are estimated at {bcm_big} of gas and {barrels} of condensate.",
            "The tariff for households will rise to {money_small} per kilowatt-hour from {date_future_day}.",
            "The new {mw} unit at the {city} thermal power plant went online on {date_past}.",
            "Power outages lasted up to {n_hours} hours a day in {month}.",
        ),
        quotes=(
            "Energy security is national security",
            "We expect to reach full capacity well ahead of schedule",
            "The transition to renewables is no longer a question of if, but of how fast",
            "Prices will be adjusted gradually so that households can adapt",
        ),
    ),
    "agri": dict(
        titles=(
            "{Country} {crop} harvest seen at {mt}",
            "{Country} curbs {crop} exports to cool prices",
            "Drought cuts {demonym} {crop} crop by {pct}",
            "{Country} grain exports reach record {mt}",
        ),
        leads=(
            "{Country} expects to harvest {mt} of {crop} this year, {cmp} {mt2} in {year_last}, {p1} said on {weekday}.",
            "{Country} will ban exports of {crop} for {n_months_w} months from {date_future_day} to stabilise domestic prices, the {ministry} said on {weekday}.",
            "A drought has cut {country}'s {crop} harvest by {pct} to {mt}, the lowest since {year_past_far}, the {ministry} said on {weekday}.",
        ),
        body=(
            "Farmers sowed {crop} on {ha}, {fraction} more than last season.",
            "Yields averaged {tph} tonnes per hectare, {cmp} {tph2} tonnes a year earlier.",
            "A kilogram of {crop} sold for {money_small} at markets in {city} last week.",
            "The government will buy up to {mt_small} for state reserves at {money_mid} per tonne.",
            "Exports of {crop} reached {mt_small} in the {season} marketing season.",
            "Dairy farms produced {litres} of milk in {period}, up {pct}.",
            "The livestock population reached {heads} head of cattle and {heads2} sheep and goats.",
            "The {io} said {n_people_big} people in the region faced acute food shortages.",
            "Rainfall in {month} was {pct} below the long-term average, the meteorological service said.",
            "Fertiliser prices fell {pct} to {usd_small} a tonne.",
            "About {n_mid} {demonym} farmers will receive subsidised loans totalling {money_big}.",
            "{Country2}, the main buyer, took {pct} of exports in {period}.",
            "The irrigation programme will cover {ha} by {year_future} and cost {usd_mid}.",
            "Each {bag} sold for {money_mid} in {city}, down from {money_mid2} a month ago.",
        ),
        quotes=(
            "We do not want farmers to sell at a loss",
            "The harvest will be enough for our own needs and for exports",
            "Water is now the main constraint on farming in this region",
            "Prices should come down once the new crop reaches the markets",
        ),
    ),
    "company": dict(
        titles=(
            "{company} net profit rises {pct} to {money_big}",
            "{company} to buy {company2} for {usd_big}",
            "{company} shares jump {pct} after {ordinal_w}-quarter results",
            "{company} plans {usd_mid} share sale in {city}",
        ),
        leads=(
            "{company} reported a {pct} rise in net profit for {quarter} to {money_big}, helped by {driver}, and raised its dividend to {money_small} per share.",
            "{company} agreed to buy {company2} for {usd_big} in cash and shares, the companies said on {weekday}, creating {country}'s {ordinal_w}-largest group in the sector.",
            "Shares in {company} rose as much as {pct} in {city} on {weekday} after the company said {quarter} revenue jumped {pct2} to {money_big}.",
        ),
        body=(
            "Revenue increased {pct} to {money_big}, while operating costs rose {pct2}.",
            "{p2} told analysts on a conference call that the company expected output of {qty_mining} in {year_this}.",
            "The shares rose {pct} to {money_small} in {city} trading, valuing the company at {usd_big}.",
            "The company employs {n_jobs} people in {n_small} countries.",
            "Net debt fell to {money_big} at the end of {quarter_short}.",
            "Copper prices on the London Metal Exchange (LME) rose to {usd_small} a tonne.",
            "Gold output rose to {oz} in {period}.",
            "{company} will pay {money_small} per share, or {money_big} in total.",
            "Capital expenditure is budgeted at {usd_big} for {year_next}.",
            "Analysts at {broker} raised their target price to {money_small}.",
            "The deal is subject to approval by the competition authority and is expected to close in {quarter_future}.",
            "{company} holds a {pct} stake in the {city} plant, with the rest owned by {company2}.",
            "Steel output at the {city} mill fell {pct} to {mt}.",
            "The company sold {n_vehicles} vehicles in {period}, {pct} more than a year earlier.",
            "{P2_last} said the company would cut about {n_mid} jobs, or {pct_small} of its workforce.",
            "The board proposed a {ordinal_w} share buyback of up to {usd_mid}.",
        ),
        quotes=(
            "This was a record quarter on almost every measure",
            "The deal gives us the scale we need to compete internationally",
            "We remain cautious about the second half of the year",
            "Demand from our customers in Asia has been stronger than we expected",
        ),
    ),
    "transport": dict(
        titles=(
            "{Country} to build {km} railway linking {city} and {city2}",
            "{city} airport passenger traffic rises {pct}",
            "{io_short} lends {usd_mid} for {Demonym} highway",
        ),
        leads=(
            "{Country} will spend {money_big} on a {km} high-speed railway between {city} and {city2}, cutting travel time to {n_hours_w} hours from {n_hours2}, {p1} said on {weekday}.",
            "The airport in {city} handled {passengers} passengers in {period}, up {pct} from a year earlier, the operator said on {weekday}.",
            "The {io} approved a {usd_mid} loan on {weekday} to rebuild a {km} stretch of highway between {city} and the border with {country2}.",
        ),
        body=(
            "Trains will run at up to {kmh}.",
            "The {io} will lend {usd_mid} for the project, with the rest coming from the state budget.",
            "Construction is due to start in {month_year_future} and finish by {year_future}.",
            "The airport at {city} handled {passengers} passengers last year, up {pct}.",
            "Freight volumes on the {corridor} rose {pct} to {mt} in {period}.",
            "The new container terminal will handle {teu} a year.",
            "The contract was awarded to a consortium led by {company}.",
            "About {n_hundreds_w} households will be resettled to make way for the line.",
            "The {km_small} bridge over the river will be the longest in {country}.",
            "Fares will rise by {pct_small} from {date_future_day}, to {money_small} for a single journey.",
            "{company} ordered {n_small} aircraft worth {usd_big} at list prices.",
            "Average speed on the existing line is just {kmh}.",
            "The metro in {capital} carries {n_people_big} passengers a day on {n_small} lines.",
        ),
        quotes=(
            "This railway will change the economic map of the country",
            "We are building for the next fifty years, not the next five",
            "Passenger numbers are already above pre-pandemic levels",
        ),
    ),
    "weather": dict(
        titles=(
            "Floods kill {n_small} in {Country}",
            "{Country} swelters as temperatures hit {temp}",
            "Earthquake of magnitude {mag} strikes {Country}",
            "Storm cuts power to {n_people} homes in {Country}",
        ),
        leads=(
            "Floods caused by {n_days_w} days of heavy rain have killed at least {n_small} people and forced {n_people} from their homes in {country}, the emergencies ministry said on {weekday}.",
            "Temperatures reached {temp} in {city} on {weekday}, the highest ever recorded in {month}, the national meteorological service said.",
            "An earthquake of magnitude {mag} struck {country} on {weekday}, damaging {n_mid} buildings near {city}, officials said.",
        ),
        body=(
            "Up to {mm} of rain fell in {n_hours_w} hours in {city}, more than the usual monthly total.",
            "The quake struck at a depth of {km_small} at {time} local time.",
            "Authorities evacuated {n_people} people from {n_mid} villages.",
            "The government allocated {money_big} for emergency relief.",
            "About {ha} of farmland were flooded.",
            "{p1} visited the affected area on {weekday} and promised compensation of {money_mid} per family.",
            "The {io} said {month} was the {ordinal_w} warmest on record.",
            "Rescue teams of {n_mid} people, including {n_small} from {country2}, were deployed.",
            "Winds of up to {kmh} brought down power lines across {n_small} provinces.",
            "The river in {city} rose {m_small} above its normal level.",
            "Schools in {capital} were closed for {n_days_w} days.",
            "Insured losses could reach {usd_big}, according to {broker}.",
            "Snow up to {cm} deep blocked roads in the north.",
            "The fire has burned {ha} of forest since {date_past}.",
        ),
        quotes=(
            "We have not seen anything like this in living memory",
            "Every family that lost its home will be helped",
            "The water is still rising and people must stay away from the river banks",
        ),
    ),
    "health": dict(
        titles=(
            "{Country} to vaccinate {n_people} children against measles",
            "{Country} opens {beds}-bed hospital in {city}",
            "{io_short} warns of rising {disease} cases in {Country}",
        ),
        leads=(
            "{Country} will vaccinate {n_people} children against measles by {month_year_future}, the {ministry} said on {weekday}, after cases rose {pct} in {period}.",
            "A {beds}-bed hospital costing {money_big} opened in {city} on {weekday}, the largest built in {country} since {year_past_far}.",
            "The {io} warned on {weekday} that {disease} cases in {country} had risen {pct} in {period}.",
        ),
        body=(
            "Health officials recorded {n_cases} cases and {n_small} deaths.",
            "The {io} will provide {doses} doses of vaccine.",
            "{Country} spends about {pct_small} of GDP on health, below the OECD average of {pct_small2}.",
            "The new hospital in {city} will have {beds} beds and cost {money_big}.",
            "Life expectancy rose to {age} years in {year_last}.",
            "There are {n_small} doctors per 10,000 people in rural areas.",
            "The programme is financed by a {usd_mid} grant from the {io}.",
            "About {pct} of children under five have received both doses.",
            "{P1} said {n_mid} new clinics would open by {year_future}.",
            "Medicine prices will be capped at {money_small} per pack for {n_mid} essential drugs.",
        ),
        quotes=(
            "Vaccination is the cheapest and safest way to protect our children",
            "No one should have to travel more than an hour to see a doctor",
            "The situation is under control, but we must remain vigilant",
        ),
    ),
    "politics": dict(
        titles=(
            "{party} wins {Country} election with {pct_vote} of vote",
            "{Country} parliament approves new cabinet",
            "{Country} and {Country2} agree to reopen border crossing",
        ),
        leads=(
            "The {party} won {pct_vote} of the vote in {weekday}'s parliamentary election in {country}, giving it {seats} of the {seats_total} seats, the Central Election Commission (CEC) said.",
            "{Country}'s parliament approved a new {n_mid}-member cabinet on {weekday} by {n_votes} votes to {n_votes2}, ending {n_weeks_w} weeks of coalition talks.",
            "{Country} and {country2} agreed on {weekday} to reopen a border crossing near {city} that has been closed since {month_year_past}, {p1} said after talks in {capital2}.",
        ),
        body=(
            "Turnout was {pct_vote}, {cmp} {pct_vote2} in {year_past}.",
            "The {party2} came {ordinal_w} with {pct_vote2}.",
            "{P1} told supporters in {capital} that the result was a clear mandate for reform.",
            "Observers from the Organization for Security and Co-operation in Europe (OSCE) said the vote was competitive but marred by irregularities.",
            "The new parliament will meet for the first time on {date_future}.",
            "{N_small_w} parties passed the {pct_small} threshold needed to enter parliament.",
            "About {n_people} trucks cross the border each year, carrying goods worth {usd_big}.",
            "{p3} said the outcome would reassure investors.",
            "The {ordinal_w} round of talks is scheduled for {date_future}.",
            "Polls had given the {party} about {pct_vote2} before the vote.",
        ),
        quotes=(
            "The people have spoken, and we will listen",
            "This is a victory for all citizens, not just for our party",
            "We have agreed on a road map and on clear deadlines",
        ),
    ),
    "sports": dict(
        titles=(
            "{team} beat {team2} {score} to lift {cup}",
            "{player_full} sets {demonym} record in {distance}",
            "{team} sign striker for record {money_transfer}",
        ),
        leads=(
            "{team} beat {team2} {score} on {weekday} to win the {cup} for the {ordinal_w} time, with {player} scoring twice in front of {crowd} fans in {city}.",
            "{player} ran the {distance} in {race_time} at a meeting in {city} on {weekday}, breaking a {demonym} record that had stood since {year_past_far}.",
            "{team} have signed {player} from {team2} for a club-record {money_transfer}, the club said on {weekday}.",
        ),
        body=(
            "{player2} gave the visitors the lead in the {minute} minute.",
            "The club paid {money_transfer} for the striker in {month_year_past}.",
            "{team} have won {n_small} of their last {n_small2} matches.",
            "The {demonym} league season starts on {date_future}.",
            "The winners take home prize money of {usd_mid}.",
            "The stadium, which holds {crowd} spectators, was renovated for {usd_mid} in {year_past}.",
            "{P2_last} has scored {n_small} goals in {n_mid} appearances this season.",
            "The national team are {ordinal_d} in the world rankings.",
            "Tickets sold out within {n_hours_w} hours.",
        ),
        quotes=(
            "It was a difficult game, but the boys never gave up",
            "I have dreamed of this moment since I was a child",
            "We showed character in the second half",
        ),
    ),
    "tech": dict(
        titles=(
            "{company} to build {usd_big} data centre in {Country}",
            "{Country} to launch 5G in {n_small} cities by {year_future}",
            "{company} raises {usd_mid} in funding round",
        ),
        leads=(
            "{company} will build a {usd_big} data centre near {city} with a capacity of {mw}, {p2} said on {weekday}.",
            "{Country} will launch fifth-generation (5G) mobile networks in {n_small} cities by {year_future}, the {ministry} said on {weekday}, after auctioning frequencies for {money_big}.",
            "{company}, a {demonym} start-up, said on {weekday} it had raised {usd_mid} from investors led by {company2}, valuing it at {usd_big}.",
        ),
        body=(
            "The country has {n_people_big} internet users, or {pct} of the population.",
            "Mobile data traffic rose {pct} to {pb} in {year_last}.",
            "The government wants the digital economy to account for {pct_small} of GDP by {year_future}.",
            "The company's app has been downloaded {n_million} times.",
            "Average mobile download speeds reached {mbps}, {ordinal_d} in the region.",
            "{company} raised {usd_mid} from investors led by {company2}, valuing it at {usd_big}.",
            "The facility will use {pct} less water than a conventional design and will run on {mw} of solar power.",
            "The chip plant in {city} will produce {n_big} wafers a month using a {nm} process.",
            "About {n_mid} engineers will be hired in {year_next}.",
            "Online retail sales grew {pct} to {money_big} in {period}.",
        ),
        quotes=(
            "Data is the new infrastructure, and we want to build it here",
            "Our customers want their data to stay in the country",
            "We are growing faster than the market and we intend to keep it that way",
        ),
    ),
}
TOPIC_WEIGHTS = (("economy", 22), ("trade", 12), ("energy", 14), ("agri", 9), ("company", 14),
                 ("transport", 7), ("weather", 6), ("health", 5), ("politics", 5), ("sports", 3),
                 ("tech", 3))

GENERIC = (
    "{Country} has a population of about {pop}.",
    "{Country}, {cdesc}, {gen_fact}.",
    "The announcement came {n_days_w} days after {P1_last} met {demonym2} officials in {capital2}.",
    "The {currency} has {weakened} {pct_small} against the dollar since the start of {year_this}.",
    "{p3} said the figures were {assessment}.",
    "The {io} has {io_verb} {country}'s economic outlook.",
    "In {year_past}, {country} and {country2} signed a {n_years_w}-year strategic partnership agreement.",
    "{P1_last} is due to visit {capital2} on {date_future}.",
    "Officials did not give further details.",
    "{P1_last} did not take questions from reporters.",
    "The figures will be revised on {date_future}.",
    "Separately, the {cb_short} said it would publish its quarterly inflation report on {date_future_day}.",
    "The {company} share price has risen {pct} since {month_year_past}.",
)

ASSESSMENTS = ("better than expected", "broadly in line with forecasts", "a pleasant surprise",
               "disappointing", "a sign that the recovery is gaining pace",
               "weaker than the market had hoped")
GEN_FACTS = ("has seen growth average {pct_small} over the past decade",
             "relies on {commodity} for {fraction} of its export earnings",
             "is home to {pop}",
             "received {usd_big} of foreign investment last year",
             "plans to join the {bloc} by {year_future}")
ECON_REASONS = ("slowing inflation", "a weaker currency", "strong consumer demand",
                "uncertainty over global trade", "rising food prices",
                "higher government spending", "falling oil prices")
GROWTH_REASONS = ("construction and services expanded", "oil output recovered",
                  "exports of {commodity} rose", "household spending picked up",
                  "a good harvest lifted farm output", "investment in infrastructure rose")
DRIVERS = ("higher {commodity} prices", "strong demand in {country2}", "cost cuts",
           "a weaker {currency}", "record sales volumes", "lower interest costs")
DISEASES = ("measles", "dengue", "cholera", "tuberculosis", "influenza", "malaria")
DISTANCES = ("100 metres", "200 metres", "400 metres", "1,500 metres", "5,000 metres",
             "10,000 metres", "marathon", "half marathon", "3,000 metres steeplechase")
CORRIDORS = ("Middle Corridor", "Trans-Caspian International Transport Route",
             "North-South Transport Corridor", "Northern Sea Route", "Lapis Lazuli corridor")
RELATED = ("Related articles", "Related stories", "Read more", "RELATED COVERAGE",
           "More from {agency}")
TRAILERS = ("(Reporting by {credit1}; Editing by {credit2})",
            "(Reporting by {credit1} in {city}; additional reporting by {credit2}; Writing by {credit3})",
            "Copyright {year_this} {agency}. All rights reserved.",
            "Follow us on social media for the latest news.",
            "Subscribe to our newsletter for daily updates.",
            "This article was updated at {time} to add comments from {P1_last}.")
INSERTS = ("Advertisement", "ADVERTISEMENT", "Read more:", "Sign up for our morning briefing",
           "Story continues below")


# --------------------------------------------------------------------------------------------
# One article
# --------------------------------------------------------------------------------------------

SLOT_RE = re.compile(r"\{(\w+)\}")


class Person:
    def __init__(self, first, last, role):
        self.first, self.last, self.role = first, last, role
        self.mentions = 0

    @property
    def full(self):
        return f"{self.first} {self.last}"


class Article:
    def __init__(self, rng, index, seed):
        self.r = rng
        self.index = index
        self.seed = seed
        r = rng
        self.topic = self.weighted(TOPIC_WEIGHTS)
        self.T = TOPICS[self.topic]
        ci = r.randrange(len(COUNTRIES))
        others = [i for i in range(len(COUNTRIES)) if i != ci]
        r.shuffle(others)
        self.c = COUNTRIES[ci]
        self.c2, self.c3, self.c4 = (COUNTRIES[i] for i in others[:3])
        self.city = r.choice(self.c[2])
        self.city2 = r.choice([x for x in self.c[2] if x != self.city] or [self.city])
        self.cur = self.c[3]
        # publication date and time
        day0 = datetime.date(2019, 1, 1)
        self.date = day0 + datetime.timedelta(days=r.randrange(7 * 365))
        self.hour, self.minute = r.randrange(24), r.randrange(0, 60, 5)
        self.io = r.choice(INTL_ORGS)
        self.io2 = r.choice(INTL_ORGS)
        self.bloc = r.choice(BLOCS)
        sectors = CO_SECTOR.get(self.topic) or CO_SECTOR["company"]
        self.company = self.make_company(sectors)
        self.company2 = self.make_company(sectors)
        mins = MINISTRIES[self.topic]
        self.ministry, role = r.choice(mins)
        self.p1 = self.make_person(self.c[5], role)
        self.p2 = self.make_person(r.choice((self.c[5], self.c2[5])),
                                   r.choice(("chief executive of", "CEO of", "chairman of",
                                             "chief financial officer at",
                                             "managing director of")) + " " + self.company)
        broker = r.choice(BROKERS)
        self.broker = broker
        self.p3 = self.make_person(r.choice((self.c[5], "anglo")),
                                   r.choice((f"an economist at {broker}",
                                             f"chief economist at {broker}",
                                             f"an analyst at {broker}",
                                             f"head of research at {broker}")))
        self.pcb = self.make_person(self.c[5], r.choice(("Governor", "Chairman", "Deputy Governor")))
        self.player = self.make_person(self.c[5], "")
        self.player2 = self.make_person(self.c2[5], "")
        self.party = self.make_party()
        self.party2 = self.make_party()
        self.team = r.choice(TEAM_FMT).format(self.city)
        self.team2 = r.choice(TEAM_FMT).format(self.city2 if self.city2 != self.city
                                               else r.choice(self.c2[2]))
        self.crop = r.choice(CROPS)
        self.commodity = r.choice(COMMODITIES)
        self.agency = r.choice(AGENCIES)
        self.seen = {}
        self.decks = {}
        self.quote_style = r.random()

    # -- helpers ---------------------------------------------------------------------------
    def weighted(self, pairs):
        total = sum(w for _, w in pairs)
        x = self.r.randrange(total)
        for item, w in pairs:
            if x < w:
                return item
            x -= w
        raise AssertionError("unreachable")

    def make_person(self, region, role):
        firsts, lasts = FIRST_LAST[region]
        return Person(self.r.choice(firsts), self.r.choice(lasts), role)

    def make_company(self, sectors):
        r = self.r
        name = f"{r.choice(CO_PREFIX)} {r.choice(sectors)}"
        if r.random() < 0.7:
            name += " " + r.choice(CO_SUFFIX)
        return name

    def make_party(self):
        r = self.r
        adj, noun = r.choice(PARTY_ADJ), r.choice(PARTY_NOUN)
        name = f"{adj} {noun} Party"
        acr = "".join(w[0] for w in name.replace("'s", "").split())
        return name, acr

    def first_then_short(self, key, full, short):
        """First mention: full name (with the acronym in brackets); later: the short form."""
        n = self.seen.get(key, 0)
        self.seen[key] = n + 1
        if short is None:
            return full
        if n == 0:
            return f"{full} ({short})"
        return short if self.r.random() < 0.8 else full

    def person(self, p, cap=False):
        p.mentions += 1
        if p.mentions == 1:
            role = p.role
            if not role:
                return p.full
            if role[0].islower():
                return f"{p.full}, {role},"
            if self.r.random() < 0.75:
                return f"{role} {p.full}"
            return f"{p.full}, the {role.lower()},"
        return p.last

    def fill(self, template):
        return SLOT_RE.sub(lambda m: self.slot(m.group(1)), template)

    def slot(self, name):
        cap = name[0].isupper()
        fn = getattr(self, "s_" + name.lower())
        val = fn()
        if cap and val:
            val = val[0].upper() + val[1:]
        return val

    def pick(self, seq):
        return self.fill(self.r.choice(seq))

    def deal(self, seq):
        """Like pick(), but goes through the whole list before repeating a template."""
        deck = self.decks.get(id(seq))
        if not deck:
            deck = list(range(len(seq)))
            self.r.shuffle(deck)
            self.decks[id(seq)] = deck
        return self.fill(seq[deck.pop()])

    # -- numbers -------------------------------------------------------------------------
    def amount_words(self, value, cur_code, style_bias=None):
        """Render an amount of money in the currency, in one of many notations."""
        r = self.r
        sym, sg, pl, _rate, spaced = CURRENCIES[cur_code]
        v = sig(value, r.choice((2, 3, 3, 4)))
        if cur_code == "INR" and v >= 1e5 and r.random() < 0.6:
            return self.indian_amount(v)
        scale_word, div = "", 1.0
        for word, d in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
            if v >= d:
                scale_word, div = word, d
                break
        num = v / div
        dec = 0 if num >= 100 else (1 if num >= 10 else 2)
        nstr = trim(num, dec) if scale_word else commas(v, 0 if v >= 100 else 2).replace(".00", "")
        style = style_bias if style_bias is not None else r.random()
        if scale_word and r.random() < 0.04 and num in (1, 2, 3, 5, 10) and num == int(num):
            # written: "two billion dollars", "a million euros"
            n = int(num)
            w = "a" if n == 1 and r.random() < 0.5 else words_below_1000(n)
            return f"{w} {scale_word} {pl}"
        if scale_word in ("million", "billion") and 450 <= num <= 550 and r.random() < 0.2:
            return f"half a {'billion' if scale_word == 'million' else 'trillion'} {pl}"
        abbr = {"trillion": ("trillion", "trn", "tn"), "billion": ("billion", "bn", "bln"),
                "million": ("million", "m", "mln")}
        if sym and style < 0.55:
            sp = " " if spaced else ""
            if scale_word:
                if r.random() < 0.75:
                    return f"{sym}{sp}{nstr} {scale_word}"
                a = r.choice(abbr[scale_word][1:])
                return f"{sym}{sp}{nstr}{'' if a in ('m', 'bn') else ' '}{a}"
            return f"{sym}{sp}{nstr}"
        if cur_code == "USD" and style < 0.7:
            if r.random() < 0.5:
                return f"US${nstr}{' ' + scale_word if scale_word else ''}"
            return f"{nstr}{' ' + scale_word if scale_word else ''} U.S. dollars"
        if style < 0.85 or not sym:
            if r.random() < 0.12:
                return f"{cur_code} {nstr}{' ' + scale_word if scale_word else ''}"
            word = pl if (scale_word or v != 1) else sg
            return f"{nstr}{' ' + scale_word if scale_word else ''} {word}"
        return f"{cur_code} {nstr}{' ' + scale_word if scale_word else ''}"

    def indian_amount(self, v):
        r = self.r
        pre = r.choice(("Rs ", "Rs. ", "₹", "INR ", "₹ "))
        if v >= 1e12 and r.random() < 0.5:
            return f"{pre}{trim(v / 1e12, 2)} lakh crore"
        if v >= 1e7:
            c = v / 1e7
            s = commas(c, 0) if c >= 100 else trim(c, 2)
            return f"{pre}{s}{'-crore' if r.random() < 0.1 else ' crore'}"
        return f"{pre}{trim(v / 1e5, 2)} lakh"

    def money_local(self, usd_lo, usd_hi):
        r = self.r
        usd = 10 ** r.uniform(usd_lo, usd_hi)
        code = self.cur if r.random() < 0.8 else r.choice(("USD", "EUR", self.c2[3]))
        s = self.amount_words(usd * CURRENCIES[code][3], code)
        if code not in ("USD",) and r.random() < 0.25:
            s += f" ({self.amount_words(usd, 'USD', style_bias=0.1)})"
        return s

    def money_usd(self, lo, hi):
        return self.amount_words(10 ** self.r.uniform(lo, hi), "USD",
                                 style_bias=0.1 if self.r.random() < 0.7 else None)

    def pct_text(self, v, dec=1):
        r = self.r
        s = trim(v, dec)
        x = r.random()
        if x < 0.45:
            return f"{s} percent"
        if x < 0.8:
            return f"{s}%"
        if x < 0.95:
            return f"{s} per cent"
        return f"{s} pct"

    def big_count(self, lo, hi):
        r = self.r
        v = int(10 ** r.uniform(lo, hi))
        x = r.random()
        if v >= 1_000_000 and x < 0.5:
            return f"{trim(sig(v, 2) / 1e6, 1)} million"
        if v >= 1_000_000_000 and x < 0.8:
            return f"{trim(sig(v, 2) / 1e9, 1)} billion"
        if x < 0.05 and v > 10_000:
            return f"{v:,}".replace(",", "\u00a0")
        return commas(sig(v, 3))

    def qty(self, lo, hi, units, dec=1):
        r = self.r
        v = 10 ** r.uniform(lo, hi)
        u = r.choice(units)
        if v >= 1e6 and r.random() < 0.7:
            num = f"{trim(sig(v, 3) / 1e6, 2)} million"
        elif v >= 1e9:
            num = f"{trim(sig(v, 3) / 1e9, 2)} billion"
        elif v >= 100:
            num = commas(sig(v, 3))
        else:
            num = trim(sig(v, 2), dec)
        return f"{num} {u}"

    # -- dates ---------------------------------------------------------------------------
    def day_text(self, d, year=None):
        r = self.r
        x = r.random()
        if year is None:
            year = d.year != self.date.year or r.random() < 0.15
        if x < 0.5:
            s = f"{MONTHS[d.month - 1]} {d.day}"
            return s + (f", {d.year}" if year else "")
        if x < 0.75:
            s = f"{d.day} {MONTHS[d.month - 1]}"
            return s + (f" {d.year}" if year else "")
        if x < 0.95:
            s = f"{MONTHS_AP[d.month - 1]} {d.day}"
            return s + (f", {d.year}" if year else "")
        return d.isoformat()

    def shifted(self, days_lo, days_hi):
        return self.date + datetime.timedelta(days=self.r.randint(days_lo, days_hi))

    # -- slots ---------------------------------------------------------------------------
    def s_country(self):
        return self.c[0]

    def s_country2(self):
        return self.c2[0]

    def s_country3(self):
        return self.c3[0]

    def s_country4(self):
        return self.c4[0]

    def s_demonym(self):
        return self.c[1]

    def s_demonym2(self):
        return self.c2[1]

    def s_city(self):
        return self.city if self.r.random() < 0.7 else self.r.choice(self.c[2])

    def s_city2(self):
        return self.city2

    def s_capital(self):
        return self.c[2][0]

    def s_capital2(self):
        return self.c2[2][0]

    def s_cdesc(self):
        return self.c[6]

    def s_pop(self):
        m = self.c[7]
        if m >= 1000:
            return f"{trim(m / 1000, 2)} billion people"
        return f"{trim(m, 1)} million people" if self.r.random() < 0.8 else f"{int(m * 1e6):,} people"

    def s_gen_fact(self):
        return self.pick(GEN_FACTS)

    def s_assessment(self):
        return self.r.choice(ASSESSMENTS)

    def s_io(self):
        return self.first_then_short("io", *self.io)

    def s_io2(self):
        return self.first_then_short("io2", *self.io2)

    def s_io_short(self):
        return self.io[1] or self.io[0]

    def s_io_verb(self):
        return self.r.choice(("upgraded", "downgraded", "raised", "lowered", "kept unchanged"))

    def s_bloc(self):
        return self.first_then_short("bloc", *self.bloc)

    def s_cb(self):
        return self.first_then_short("cb", *self.c[4])

    def s_cb_short(self):
        name, short = self.c[4]
        return short or name

    def s_ministry(self):
        return self.first_then_short("ministry", self.ministry, None)

    def s_company(self):
        n = self.seen.get("company", 0)
        self.seen["company"] = n + 1
        if n == 0 and self.r.random() < 0.3:
            ticker = "".join(w[0] for w in self.company.split() if w[0].isalpha())[:4].upper()
            ticker += self.r.choice("ABCDEFGHKLMNPRSTXZ")
            return f"{self.company} ({ticker})"
        return self.company

    def s_company2(self):
        return self.company2

    def s_broker(self):
        return self.broker

    def s_agency(self):
        return self.agency

    def s_p1(self):
        return self.person(self.p1)

    def s_p1_last(self):
        return self.p1.last if self.p1.mentions else self.person(self.p1)

    def s_p2(self):
        return self.person(self.p2)

    def s_p2_last(self):
        return self.p2.last if self.p2.mentions else self.person(self.p2)

    def s_p3(self):
        return self.person(self.p3)

    def s_pcb(self):
        return self.person(self.pcb)

    def s_player(self):
        return self.person(self.player)

    def s_player2(self):
        return self.person(self.player2)

    def s_player_full(self):
        return self.player.full

    def s_party(self):
        return self.first_then_short("party", *self.party)

    def s_party2(self):
        return self.first_then_short("party2", *self.party2)

    def s_team(self):
        return self.team

    def s_team2(self):
        return self.team2

    def s_cup(self):
        return self.r.choice((f"{self.c[1]} Cup", "national cup", f"{self.c[1]} Super Cup",
                              "league title", "regional championship"))

    def s_score(self):
        a = self.r.randint(1, 5)
        return f"{a}-{self.r.randint(0, a - 1)}"

    def s_crowd(self):
        return commas(self.r.randrange(5, 90) * 1000 + self.r.randrange(0, 1000, 10))

    def s_minute(self):
        return ordinal_digits(self.r.randint(2, 90))

    def s_distance(self):
        return self.r.choice(DISTANCES)

    def s_race_time(self):
        r = self.r
        return r.choice((f"{r.randint(9, 10)}.{r.randint(50, 99)} seconds",
                         f"{r.randint(3, 4)}:{r.randint(10, 59):02d}.{r.randint(10, 99)}",
                         f"2 hours {r.randint(3, 12)} minutes {r.randint(0, 59)} seconds",
                         f"2:{r.randint(3, 12):02d}:{r.randint(0, 59):02d}"))

    def s_money_transfer(self):
        return self.amount_words(10 ** self.r.uniform(6.3, 8.2) * 0.92, "EUR")

    def s_crop(self):
        return self.crop

    def s_commodity(self):
        return self.commodity if self.r.random() < 0.6 else self.r.choice(COMMODITIES)

    def s_disease(self):
        return self.r.choice(DISEASES)

    def s_sea(self):
        return self.r.choice(SEAS)

    def s_corridor(self):
        return self.r.choice(CORRIDORS)

    def s_currency(self):
        return CURRENCIES[self.cur][1] if self.cur not in ("USD", "EUR") else "local currency"

    def s_currency_pl(self):
        return CURRENCIES[self.cur][2]

    def s_weakens(self):
        return self.r.choice(("weakens", "slides", "firms", "steadies"))

    def s_weakened(self):
        return self.r.choice(("weakened", "lost", "gained", "strengthened"))

    def s_cb_move(self):
        return self.r.choice(("raises", "cuts", "lifts", "lowers"))

    def s_cb_move_past(self):
        return self.r.choice(("raised", "cut", "lowered", "increased"))

    def s_slows_rises(self):
        return self.r.choice(("slows", "rises", "eases", "accelerates"))

    def s_slowed_rose(self):
        return self.r.choice(("slowed", "accelerated", "eased"))

    def s_rose_fell(self):
        return self.r.choice(("rose", "fell", "increased", "declined", "dropped"))

    def s_up_down(self):
        return self.r.choice(("up", "down"))

    def s_cmp(self):
        return self.r.choice(("compared with", "down from", "up from", "against", "versus"))

    def s_fx_move(self):
        return self.r.choice(("little changed", "its weakest in a month",
                              f"up {self.pct_text(self.r.uniform(0.1, 2), 1)} on the week",
                              f"down {self.pct_text(self.r.uniform(0.1, 2), 1)} since {MONTHS[self.r.randrange(12)]}"))

    def s_econ_reason(self):
        return self.r.choice(ECON_REASONS)

    def s_growth_reason(self):
        return self.pick(GROWTH_REASONS)

    def s_driver(self):
        return self.pick(DRIVERS)

    def s_fraction(self):
        return self.r.choice(("a third", "a quarter", "half", "two-thirds", "a fifth",
                              "three-quarters", "one-tenth", "a seventh"))

    def s_rate(self):
        v = self.r.randrange(100, 4200, 25) / 100
        return self.pct_text(v, 2)

    s_rate2 = s_rate

    def s_target(self):
        return self.r.choice(("2%", "3 percent", "4-6%", "5 percent", "3% plus or minus 1 point"))

    def s_pct(self):
        return self.pct_text(self.r.uniform(0.2, 35))

    s_pct2 = s_pct

    def s_pct_small(self):
        return self.pct_text(self.r.uniform(0.1, 8))

    s_pct_small2 = s_pct_small

    def s_pct_big(self):
        return self.pct_text(self.r.uniform(20, 120), self.r.choice((0, 1)))

    def s_pct_vote(self):
        return self.pct_text(self.r.uniform(5, 75), 1)

    s_pct_vote2 = s_pct_vote

    def s_pp(self):
        v = self.r.choice((0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.7, 1, 1.2, 1.5, 2, 3))
        x = self.r.random()
        if v == 0.5 and x < 0.3:
            return "half a percentage point"
        if v == 0.25 and x < 0.3:
            return "a quarter of a percentage point"
        if v == 1 and x < 0.5:
            return "one percentage point"
        unit = "percentage point" if v == 1 else "percentage points"
        if x < 0.15:
            unit = "pp"
        elif x < 0.25:
            unit = "points"
        return f"{trim(v, 2)} {unit}"

    def s_bp(self):
        v = self.r.choice((25, 25, 50, 50, 75, 100, 150, 200, 10, 15))
        if self.r.random() < 0.2 and v <= 100:
            return f"{words_below_1000(v)} basis points"
        return f"{v} basis points" if self.r.random() < 0.85 else f"{v} bps"

    def s_bp_big(self):
        return f"{self.r.randrange(200, 1500, 25)} basis points"

    def s_fx(self):
        rate = CURRENCIES[self.cur][3]
        return commas(sig(rate * self.r.uniform(0.95, 1.05), 4), 2 if rate < 1000 else 0)

    def s_oil_price(self):
        return f"${self.r.uniform(55, 95):.2f}"

    def s_usd_big(self):
        return self.money_usd(8, 11.5)

    s_usd_big2 = s_usd_big

    def s_usd_mid(self):
        return self.money_usd(6, 9)

    def s_usd_small(self):
        return self.money_usd(1.5, 4)

    def s_money_big(self):
        return self.money_local(7.5, 11)

    s_money_big2 = s_money_big

    def s_money_mid(self):
        return self.money_local(1.5, 4.5)

    s_money_mid2 = s_money_mid

    def s_money_small(self):
        v = 10 ** self.r.uniform(-0.5, 2)
        code = self.cur
        return self.amount_words(v * CURRENCIES[code][3], code)

    def s_n_small(self):
        n = self.r.randint(2, 19)
        return words_below_1000(n) if n < 10 and self.r.random() < 0.7 else str(n)

    s_n_small2 = s_n_small

    def s_n_small_w(self):
        return words_below_1000(self.r.randint(2, 9))

    def s_n_written(self):
        n = self.r.randint(2, 30)
        return words_below_1000(n) if self.r.random() < 0.6 else ("a dozen" if n == 12 else str(n))

    def s_n_mid(self):
        x = self.r.random()
        if x < 0.08:
            return self.r.choice(("a dozen", "dozens of", "hundreds of", "about a hundred",
                                  "several hundred"))
        return commas(self.r.randint(20, 2500))

    def s_n_big(self):
        return commas(sig(self.r.randint(1000, 99000), 2))

    def s_n_hundreds_w(self):
        return words_below_1000(self.r.randint(1, 9) * 100)

    def s_n_people(self):
        return self.big_count(3, 6.5)

    def s_n_people_big(self):
        return self.big_count(6, 8.5)

    def s_n_jobs(self):
        return self.big_count(2.5, 5)

    def s_n_households(self):
        return self.big_count(4, 6.3)

    def s_n_cases(self):
        return self.big_count(2, 5.5)

    def s_n_vehicles(self):
        return self.big_count(3, 6.5)

    def s_n_million(self):
        return f"{self.r.randint(2, 95)} million"

    def s_n_months(self):
        return str(self.r.randint(2, 11))

    def s_n_months_w(self):
        return words_below_1000(self.r.randint(2, 9))

    def s_n_years(self):
        return str(self.r.choice((2, 5, 10, 30)))

    def s_n_years_w(self):
        return words_below_1000(self.r.randint(2, 25))

    def s_n_days_w(self):
        return words_below_1000(self.r.randint(2, 14))

    def s_n_weeks_w(self):
        return words_below_1000(self.r.randint(2, 16))

    def s_n_hours(self):
        return str(self.r.randint(2, 16))

    def s_n_hours_w(self):
        return words_below_1000(self.r.randint(2, 12))

    def s_n_hours2(self):
        return f"{self.r.randint(5, 14)}"

    def s_n_votes(self):
        return str(self.r.randint(80, 300))

    def s_n_votes2(self):
        return str(self.r.randint(10, 79))

    def s_seats(self):
        return str(self.r.randint(30, 120))

    def s_seats_total(self):
        return str(self.r.choice((150, 100, 120, 225, 300, 450, 77)))

    def s_ordinal_w(self):
        n = self.r.randint(2, 12)
        return ORD_WORDS[n] if self.r.random() < 0.8 else ordinal_digits(n)

    def s_ordinal_d(self):
        return ordinal_digits(self.r.randint(1, 130))

    def s_beds(self):
        return str(self.r.randrange(100, 1500, 50))

    def s_doses(self):
        return self.big_count(4, 7)

    def s_age(self):
        return trim(self.r.uniform(60, 84), 1)

    def s_mag(self):
        return trim(self.r.uniform(4.5, 7.8), 1)

    def s_temp(self):
        t = self.r.randint(38, 52)
        return self.r.choice((f"{t} degrees Celsius", f"{t}°C", f"{t} C", f"{t}.{self.r.randint(1, 9)} degrees"))

    def s_mm(self):
        return f"{self.r.randint(40, 400)} {self.r.choice(('mm', 'millimetres', 'millimeters'))}"

    def s_cm(self):
        return f"{self.r.randint(20, 200)} cm"

    def s_m_small(self):
        return f"{trim(self.r.uniform(0.5, 6), 1)} metres"

    def s_km(self):
        return self.qty(1.7, 3.4, ("km", "kilometres", "-kilometre"), 0).replace(" -", "-")

    def s_km_small(self):
        return f"{self.r.randint(2, 40)} {self.r.choice(('km', 'kilometres', 'kilometers', 'miles'))}"

    def s_kmh(self):
        return f"{self.r.randrange(60, 360, 10)} {self.r.choice(('km/h', 'km per hour', 'kilometres an hour', 'mph'))}"

    def s_teu(self):
        return self.qty(4, 6.5, ("TEU", "twenty-foot equivalent units", "containers"))

    def s_passengers(self):
        return self.big_count(5, 7.8)

    def s_mt(self):
        return self.qty(5.5, 8, ("tonnes", "metric tons", "tons", "tonnes"))

    s_mt2 = s_mt

    def s_mt_small(self):
        return self.qty(4, 6.5, ("tonnes", "metric tons", "tonnes"))

    def s_qty_trade(self):
        return self.qty(4, 7.5, ("tonnes", "barrels", "cubic metres", "units"))

    def s_qty_mining(self):
        return self.r.choice((self.qty(4, 6.5, ("tonnes of copper", "tonnes of zinc concentrate",
                                                "tonnes of steel")),
                              self.s_oz()))

    def s_oz(self):
        return self.qty(4.5, 6.5, ("ounces", "troy ounces", "oz"))

    def s_ha(self):
        return self.qty(3, 7, ("hectares", "ha", "hectares", "acres", "square kilometres"))

    def s_tph(self):
        return trim(self.r.uniform(0.8, 9), 1)

    s_tph2 = s_tph

    def s_litres(self):
        return self.qty(6, 9, ("litres", "liters"))

    def s_heads(self):
        return self.big_count(5, 7.5)

    s_heads2 = s_heads

    def s_bag(self):
        kg = self.r.choice((50, 90, 25, 100))
        return self.r.choice((f"{kg}-kg bag", f"{kg}-kilogram bag", f"{kg} kg sack"))

    def s_season(self):
        y = self.date.year - 1
        return f"{y}/{str(y + 1)[2:]}" if self.r.random() < 0.7 else f"{y}-{y + 1}"

    def s_bpd(self):
        v = 10 ** self.r.uniform(4.8, 7)
        unit = self.r.choice(("barrels per day", "barrels a day", "bpd", "b/d"))
        if v >= 1e6:
            return f"{trim(sig(v, 3) / 1e6, 2)} million {unit}"
        return f"{commas(sig(v, 3))} {unit}"

    s_bpd2 = s_bpd

    def s_bpd_small(self):
        return f"{commas(self.r.randrange(300, 2000, 10) * 1000)} {self.r.choice(('barrels per day', 'bpd'))}"

    def s_barrels(self):
        return f"{trim(self.r.uniform(10, 900), 0)} million barrels"

    def s_bcm(self):
        v = trim(self.r.uniform(0.5, 60), 1)
        return self.r.choice((f"{v} billion cubic metres", f"{v} bcm", f"{v} billion cubic meters"))

    def s_bcm_big(self):
        return f"{self.r.randint(50, 900)} billion cubic metres"

    def s_mw(self):
        v = self.r.randrange(20, 2500, 10)
        return self.r.choice((f"{v} MW", f"{v}-megawatt", f"{v} megawatts", f"{v}-MW"))

    def s_gw(self):
        v = trim(self.r.uniform(0.5, 40), 1)
        return self.r.choice((f"{v} GW", f"{v} gigawatts"))

    def s_gwh(self):
        return f"{commas(self.r.randrange(50, 5000, 10))} {self.r.choice(('GWh', 'gigawatt-hours', 'million kilowatt-hours'))}"

    def s_twh(self):
        return f"{trim(self.r.uniform(5, 600), 1)} {self.r.choice(('TWh', 'terawatt-hours', 'billion kWh'))}"

    def s_pb(self):
        return f"{commas(self.r.randrange(100, 90000, 10))} {self.r.choice(('petabytes', 'PB', 'terabytes'))}"

    def s_mbps(self):
        return f"{trim(self.r.uniform(10, 250), 1)} {self.r.choice(('Mbps', 'megabits per second'))}"

    def s_nm(self):
        return self.r.choice(("28-nanometre", "14nm", "7-nanometre", "40-nm"))

    # dates
    def s_weekday(self):
        return WEEKDAYS[self.date.weekday()]

    def s_month(self):
        d = self.shifted(-45, -20)
        return MONTHS[d.month - 1]

    def s_prev_month(self):
        d = self.shifted(-75, -50)
        return MONTHS[d.month - 1]

    def s_month_year(self):
        d = self.shifted(-60, -20)
        return f"{MONTHS[d.month - 1]} {d.year}" if self.r.random() < 0.6 else MONTHS[d.month - 1]

    def s_month_year_past(self):
        d = self.shifted(-900, -120)
        return self.r.choice((f"{MONTHS[d.month - 1]} {d.year}", f"{MONTHS_ABBR[d.month - 1]} {d.year}",
                              f"{MONTHS[d.month - 1]} last year" if d.year == self.date.year - 1
                              else f"{MONTHS[d.month - 1]} {d.year}"))

    def s_month_year_future(self):
        d = self.shifted(90, 1200)
        return self.r.choice((f"{MONTHS[d.month - 1]} {d.year}", f"the end of {d.year}",
                              f"mid-{d.year}", f"early {d.year}"))

    def s_month_future(self):
        d = self.shifted(20, 90)
        return MONTHS[d.month - 1]

    def s_date_future(self):
        return self.day_text(self.shifted(5, 60))

    def s_date_future_day(self):
        d = self.shifted(5, 120)
        x = self.r.random()
        if x < 0.2 and d.day == 1:
            return f"the 1st of {MONTHS[d.month - 1]}"
        if x < 0.3:
            return f"{MONTHS[d.month - 1]} {ordinal_digits(d.day)}"
        return self.day_text(d)

    def s_date_past(self):
        return self.day_text(self.shifted(-300, -3))

    def s_year_this(self):
        return str(self.date.year) if self.r.random() < 0.6 else "this year"

    def s_year_next(self):
        return str(self.date.year + 1) if self.r.random() < 0.7 else "next year"

    def s_year_last(self):
        return str(self.date.year - 1) if self.r.random() < 0.7 else "last year"

    def s_year_past(self):
        return str(self.date.year - self.r.randint(2, 8))

    def s_year_past_far(self):
        return str(self.date.year - self.r.randint(9, 40))

    def s_year_future(self):
        return str(self.date.year + self.r.randint(2, 12))

    def s_quarter(self):
        q = (self.date.month - 1) // 3  # the quarter just ended (0 = Q4 of last year)
        y = self.date.year if q else self.date.year - 1
        q = q or 4
        x = self.r.random()
        if x < 0.5:
            return f"the {ORD_WORDS[q]} quarter"
        if x < 0.75:
            return f"the {ORD_WORDS[q]} quarter of {y}"
        if x < 0.9:
            return f"the {('January-March', 'April-June', 'July-September', 'October-December')[q - 1]} quarter"
        return f"Q{q} {y}"

    def s_quarter_short(self):
        q = (self.date.month - 1) // 3 or 4
        return self.r.choice((f"Q{q}", f"{ORD_WORDS[q]} quarter", f"the {ORD_WORDS[q]} quarter"))

    def s_quarter_future(self):
        q = self.r.randint(1, 4)
        y = self.date.year + self.r.randint(0, 1)
        return self.r.choice((f"the {ORD_WORDS[q]} quarter of {y}", f"Q{q} {y}",
                              f"the second half of {y}", f"the end of {y}"))

    def s_period(self):
        m = max(2, self.date.month - 1)
        x = self.r.random()
        if x < 0.3:
            return f"the first {words_below_1000(m) if self.r.random() < 0.6 else m} months"
        if x < 0.55:
            return f"January-{MONTHS[m - 1]}"
        if x < 0.75:
            return f"the first half of {self.date.year}" if self.date.month > 6 else f"{self.date.year - 1}"
        if x < 0.9:
            return f"January to {MONTHS[m - 1]}"
        return f"the {self.date.year - 1}/{str(self.date.year)[2:]} fiscal year"

    def s_time(self):
        h, m = self.r.randint(1, 12), self.r.randrange(0, 60, 5)
        return self.r.choice((f"{h}:{m:02d} a.m.", f"{h}:{m:02d} p.m.", f"{h + 8:02d}:{m:02d}",
                              f"{h}.{m:02d} pm", f"{h + 8}:{m:02d} GMT"))

    def s_n_mid_w(self):
        return words_below_1000(self.r.randint(20, 999))

    def s_credit1(self):
        return self.make_person(self.c[5], "").full

    s_credit2 = s_credit1
    s_credit3 = s_credit1

    # -- composition -----------------------------------------------------------------------
    def quote(self):
        q = self.r.choice(self.T["quotes"])
        speaker = self.r.choice((self.p1, self.p2, self.p1, self.p3))
        if self.topic == "economy" and self.r.random() < 0.4:
            speaker = self.pcb
        if self.topic == "sports":
            speaker = self.r.choice((self.player, self.player2))
        who = self.person(speaker)
        verb = self.r.choice(("said", "told reporters", f"told {self.agency}", "said in a statement",
                              "told a news conference", "wrote on social media",
                              f"said in {self.s_capital()}"))
        if self.quote_style < 0.6:
            o, c = '"', '"'
        elif self.quote_style < 0.95:
            o, c = "\u201c", "\u201d"
        else:
            o, c = "\u00ab", "\u00bb"
        if self.r.random() < 0.5:
            return f"{o}{q},{c} {who} {verb}."
        who = who.rstrip(",")
        if self.r.random() < 0.5 or speaker.mentions > 1:
            return f"{who} {verb}: {o}{q}.{c}"
        return f"{o}{q},{c} said {who}."

    def dateline(self):
        r = self.r
        d = self.date if r.random() < 0.85 else self.date - datetime.timedelta(days=1)
        city = self.city
        x = r.random()
        if x < 0.2:
            return ""
        if x < 0.4:
            place = city if r.random() < 0.5 else city.upper()
            return f"{place}, {self.c[0]}, {MONTHS[d.month - 1]} {d.day}. "
        if x < 0.6:
            return f"{city.upper()}, {MONTHS_AP[d.month - 1]} {d.day} ({self.agency}) - "
        if x < 0.72:
            return f"{city.upper()} \u2014 "
        if x < 0.82:
            return f"{city.upper()} ({self.agency}) -- "
        if x < 0.9:
            return f"{city}, {d.day} {MONTHS[d.month - 1]} ({self.agency}): "
        if x < 0.95:
            return f"{city.upper()}, {self.c[0]} \u2013 "
        return f"{city.upper()}, {MONTHS_ABBR[d.month - 1]} {d.day}, {d.year} /{self.agency}/ -- "

    def paragraph(self):
        r = self.r
        n = r.choice((1, 1, 2, 2, 2, 3))
        parts = []
        for _ in range(n):
            x = r.random()
            if x < 0.12:
                parts.append(self.quote())
            elif x < 0.27:
                parts.append(self.deal(GENERIC))
            else:
                parts.append(self.deal(self.T["body"]))
        return " ".join(parts)

    def build(self):
        r = self.r
        x = r.random()
        if x < 0.10:
            npara = r.randint(1, 2)
        elif x < 0.945:
            npara = r.randint(6, 20)
        elif x < 0.99:
            npara = r.randint(40, 60)
        else:
            npara = r.randint(110, 140)
        title = self.pick(self.T["titles"])
        title = title[0].upper() + title[1:]
        paras = [self.dateline() + self.pick(self.T["leads"])]
        for i in range(npara):
            if i == 1 and r.random() < 0.5:
                paras.append(self.quote())
            else:
                paras.append(self.paragraph())
            if npara > 6 and r.random() < 0.02:
                paras.append(r.choice(INSERTS))
        trailer = []
        if r.random() < 0.15:
            trailer.append(self.fill(r.choice(RELATED)))
            for _ in range(r.randint(2, 4)):
                trailer.append(self.pick([t for t in TOPICS[r.choice(list(TOPICS))]["titles"]]))
        if r.random() < 0.2:
            trailer.append(self.pick(TRAILERS))

        fmt = r.random()
        if fmt < 0.15:
            body = self.html(title, paras, trailer)
        else:
            sep = "\n\n" if fmt < 0.8 else "\n"
            body = sep.join(paras + trailer)
            if fmt > 0.98:
                body = body.replace("\n", "\r\n")
            elif fmt > 0.96:
                body = "  " + body.replace(". ", ".  ", 3) + "\n"
        return title, body

    def html(self, title, paras, trailer):
        r = self.r

        def esc(s):
            s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            if r.random() < 0.5:
                s = s.replace('"', "&quot;").replace("'", "&#39;")
            if r.random() < 0.3:
                s = s.replace("\u201c", "&ldquo;").replace("\u201d", "&rdquo;")
                s = s.replace("\u2014", "&mdash;").replace("\u2013", "&ndash;").replace("€", "&euro;")
            if r.random() < 0.1:
                s = s.replace("£", "&#163;").replace("é", "&eacute;")
            return s

        out = []
        if r.random() < 0.3:
            out.append(f'<div class="article-body" data-id="{self.index}">')
        for i, p in enumerate(paras):
            e = esc(p)
            if i == 0 and r.random() < 0.5:
                e = re.sub(r"^([^a-z]{3,}?[,(\u2014-])", r"<strong>\1</strong>", e, count=1)
            if r.random() < 0.1:
                words = e.split(" ")
                if len(words) > 8:
                    k = r.randrange(2, len(words) - 4)
                    words[k] = f'<a href="https://example.org/{self.topic}/{self.index}-{k}">{words[k]}'
                    words[k + 2] = words[k + 2] + "</a>"
                    e = " ".join(words)
            if r.random() < 0.05 and " " in e and e.find(". ", e.find(" ")) > 0:
                sp = e.find(" ")
                dot = e.find(". ", sp)
                e = e[:sp] + " <em>" + e[sp + 1:dot + 1] + "</em>" + e[dot + 1:]
            out.append(f"<p>{e}</p>")
            if i == 1 and r.random() < 0.15:
                out.append(f'<figure><img src="https://example.org/img/{self.index}.jpg" '
                           f'alt="{esc(title)}"><figcaption>{esc(self.s_city())}, '
                           f'{self.date.year}. Photo: {esc(self.agency)}</figcaption></figure>')
            if i == 2 and r.random() < 0.1:
                out.append("<!-- ad slot -->")
        if trailer:
            out.append(f"<h3>{esc(trailer[0])}</h3>")
            if len(trailer) > 1:
                out.append("<ul>" + "".join(f"<li>{esc(t)}</li>" for t in trailer[1:]) + "</ul>")
        if out[0].startswith("<div"):
            out.append("</div>")
        return ("\n" if r.random() < 0.7 else "").join(out)

    def record(self):
        r = self.r
        title, body = self.build()
        cc = re.sub(r"[^a-z]", "", self.c[0].lower())[:3]
        rec = {"id": f"syn-{self.seed}-{self.index:06d}-{cc}-{self.topic}"}
        if r.random() < 0.98:
            rec["title"] = title
        key = "body"
        x = r.random()
        if x < 0.04:
            key = "text"
        elif x < 0.06:
            key = "content"
        rec[key] = body
        y = r.random()
        if y < 0.55:
            rec["published_at"] = f"{self.date.isoformat()}T{self.hour:02d}:{self.minute:02d}:00Z"
        elif y < 0.75:
            off = r.choice(("+05:00", "+03:00", "-05:00", "+01:00", "+08:00", "+05:30", "-03:00"))
            rec["published_at"] = f"{self.date.isoformat()}T{self.hour:02d}:{self.minute:02d}:00{off}"
        elif y < 0.97:
            rec["published_at"] = self.date.isoformat()
        rec["source"] = self.agency
        if r.random() < 0.9:
            slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
            rec["url"] = f"https://example.org/{self.topic}/{self.date.isoformat()}/{slug}-{self.index}"
        if r.random() < 0.97:
            rec["language"] = "en"
        return rec


def generate(seed, count, out):
    rng = random.Random(seed)
    for i in range(count):
        rec = Article(rng, i, seed).record()
        out.write((json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    ap.add_argument("--count", type=int, default=20000, help="number of articles (default 20000)")
    ap.add_argument("--out", default="-", help="output file (default: stdout)")
    args = ap.parse_args()
    if args.count < 0:
        ap.error("--count must be >= 0")
    if args.out == "-":
        try:
            generate(args.seed, args.count, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            # the reader stopped early (| head): not an error; keep Python from complaining
            # about the unflushable stdout at exit
            sys.stdout = None
        return 0
    tmp = args.out + ".tmp"
    with open(tmp, "wb") as f:
        generate(args.seed, args.count, f)
    import os
    os.replace(tmp, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
