"""Synthetic person records with duplicates and the noise of police records, deterministic by seed.

Every person is invented: a forename from a list of common given names, a surname drawn either
from common surnames (weighted so that the commonest is about 1 % of people, as SMITH is) or
made up from syllables, a date of birth, and a home in an invented street of a town with an
invented postcode. People live in households (a shared address and mostly a shared surname,
children 18–40 years younger than a parent, the odd twin, the odd son named after his father),
which is what makes address evidence ambiguous in real data.

Each person is recorded one or more times (most once, a few prolific nominals up to 20 times),
and every record is noisy:

- forename: a nickname (Bill for William), a one-letter typo, an initial only, or missing;
- surname: a typo, missing, or changed (marriage);
- forename and surname swapped over;
- date of birth: day and month swapped, one digit wrong, year off by one, wholly wrong, or
  missing;
- address: a previous address, street type abbreviated, house number missing, postcode typo or
  missing, or no address at all.

The same records are written as CSV for Splink (lower-case names, `YYYY-MM-DD` dates, address
columns as FEBRL has them) and as exchange-v1 JSON Lines for Sightline (`Given SURNAME`, the
date as `YYYY-MM-DD` or `DD/MM/YYYY`, the address as one line ending in the postcode), with the
truth (`rec_id,entity`) beside them.
"""

import csv
import datetime
import json
import os
import random

from exchange import display_name, report

GENERATOR_VERSION = 1

# Given names with their usual short forms. A name with none still gets typos and initials.
MALE = {
    "william": ["bill", "will", "billy"], "robert": ["bob", "rob", "bobby"],
    "james": ["jim", "jimmy", "jamie"], "john": ["jack", "johnny"], "michael": ["mike", "mick"],
    "david": ["dave", "davey"], "richard": ["rick", "richie", "dick"], "thomas": ["tom", "tommy"],
    "christopher": ["chris"], "daniel": ["dan", "danny"], "matthew": ["matt"],
    "anthony": ["tony"], "joseph": ["joe", "joey"], "andrew": ["andy", "drew"],
    "edward": ["ed", "eddie", "ted"], "stephen": ["steve"], "steven": ["steve"],
    "peter": ["pete"], "kenneth": ["ken", "kenny"], "benjamin": ["ben"], "samuel": ["sam"],
    "alexander": ["alex", "sandy"], "nicholas": ["nick"], "jonathan": ["jon"],
    "patrick": ["pat", "paddy"], "charles": ["charlie", "chas"], "henry": ["harry"],
    "frederick": ["fred", "freddie"], "gregory": ["greg"], "timothy": ["tim"],
    "philip": ["phil"], "lawrence": ["larry"], "leonard": ["len", "lenny"], "raymond": ["ray"],
    "ronald": ["ron", "ronnie"], "donald": ["don"], "terence": ["terry"], "francis": ["frank"],
    "oliver": ["ollie"], "jacob": ["jake"], "nathan": ["nate"], "zachary": ["zach"],
    "mohammed": ["mo"], "aleksander": ["olek"], "tomasz": ["tomek"], "dmitri": ["dima"],
    "paul": [], "mark": [], "george": [], "callum": [], "liam": [], "kyle": [], "reece": [],
    "connor": [], "jordan": [], "ryan": [], "dean": [], "lee": [], "craig": [], "wayne": [],
    "gary": [], "darren": [], "jason": [], "adam": [], "aaron": [], "luke": [], "kieran": [],
    "jamal": [], "tyrone": [], "adebayo": [], "piotr": [], "krzysztof": [], "mariusz": [],
    "andrei": [], "ionut": [], "bogdan": [], "arben": [], "imran": [], "tariq": [],
    "hassan": [], "bilal": [], "zain": [], "hamza": [], "omar": [], "yusuf": [], "ahmed": [],
    "kwame": [], "kofi": [], "harrison": [], "mason": [], "tyler": [], "ethan": [],
    "owen": [], "rhys": [], "declan": [], "shane": [], "stuart": [], "neil": [], "ian": [],
    "graham": [], "keith": [], "brian": [], "kevin": [], "scott": [], "jay": [],
}
FEMALE = {
    "elizabeth": ["liz", "beth", "lizzie", "betty"], "margaret": ["maggie", "peggy", "meg"],
    "catherine": ["kate", "cathy", "katie"], "katherine": ["kate", "kathy"],
    "jennifer": ["jen", "jenny"], "rebecca": ["becky", "becca"], "victoria": ["vicky", "tori"],
    "samantha": ["sam", "sammy"], "alexandra": ["alex", "lexi"], "jessica": ["jess"],
    "susan": ["sue", "susie"], "patricia": ["pat", "trish"], "deborah": ["debbie", "deb"],
    "kimberley": ["kim"], "nicola": ["nicky"], "charlotte": ["charlie", "lottie"],
    "abigail": ["abby"], "eleanor": ["ellie", "nell"], "amelia": ["millie"],
    "olivia": ["liv"], "emily": ["em"], "danielle": ["dani"], "natalie": ["nat"],
    "jacqueline": ["jackie"], "christine": ["chris"], "josephine": ["jo", "josie"],
    "agnieszka": ["aga"], "katarzyna": ["kasia"], "magdalena": ["magda"],
    "sophie": [], "chloe": [], "jade": [], "leah": [], "shannon": [], "amy": [], "sarah": [],
    "laura": [], "emma": [], "hannah": [], "lauren": [], "megan": [], "kayleigh": [],
    "stacey": [], "gemma": [], "zoe": [], "aisha": [], "fatima": [], "ayesha": [],
    "maryam": [], "precious": [], "blessing": [], "ioana": [], "elena": [], "andreea": [],
    "mariana": [], "daniela": [], "amber": [], "paige": [], "courtney": [], "demi": [],
    "tia": [], "holly": [], "ruby": [], "grace": [], "lucy": [], "molly": [], "ella": [],
    "mia": [], "isla": [], "freya": [], "lily": [], "karen": [], "tracey": [], "julie": [],
    "dawn": [], "joanne": [], "claire": [], "helen": [], "michelle": [], "lisa": [],
    "kelly": [], "donna": [], "leanne": [], "natasha": [], "sian": [], "bethany": [],
}
COMMON_SURNAMES = (
    "smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson "
    "thompson wright walker white edwards hughes green hall lewis harris clarke patel jackson "
    "wood turner martin cooper hill ward morris moore clark lee king baker harrison morgan "
    "allen james scott phillips watson davis parker price bennett young griffiths mitchell "
    "kelly cook carter richardson bailey collins bell shaw murphy miller cox richards khan "
    "marshall anderson simpson ellis adams singh begum wilkinson foster chapman powell webb "
    "rogers gray mason ali hunt hussain campbell matthews owen palmer holmes mills barnes "
    "knight lloyd butler russell barker fisher stevens jenkins murray dixon harvey graham "
    "pearson ahmed fletcher walsh kaur gibson howard andrews stewart elliott reynolds saunders "
    "payne fox ford pearce day brooks west lawrence cole atkinson bradley spencer gill dawson "
    "ball burton obrien watts rose booth perry ryan grant wells armstrong francis rees hayes "
    "hart hudson newman barrett webster hunter gregory carr lowe page marsh riley dunn woods "
    "parsons berry stone reid holland hawkins harding porter robertson newton oconnor bates "
    "nowak kowalski popescu ionescu wojcik mensah okafor"
).split()
SURNAME_START = (
    "ash brad carr dal ell fen gar hal kel lan mor nor pen ross stan thorn wes whit har bur "
    "cal dun far grim hol kings lock mar ock pres rad sal tal wick yar ald bex cot dray elm "
    "glen hart jar lyn mill nash orm pick quen rid sed tib ux vick wald yel zan brock cran "
    "dew eg frith gold hen ing jud kirk lud mab ned od pud rook shel trem ulm vaugh wray"
).split()
SURNAME_MIDDLE = ["", "", "", "a", "e", "in", "er", "ing", "ble", "ow", "an", "el"]
SURNAME_END = (
    "ley ton worth field wood ham by ford well man son ridge croft dale more ington stone er "
    "ett ock sley wick bury cott lake hurst thwaite ard ey ing den low combe stead holme"
).split()
STREET_NAMES = (
    "mill church station park high victoria queens kings manor orchard oak elm ash beech "
    "willow cedar chestnut meadow bridge green hill grove farm school york albert windsor "
    "cromwell nelson wellington chapel market north south east west new london cambridge "
    "oxford princes abbey castle priory spring brook river canal "
    "railway moor heath field"
).split()
STREET_TYPES = [
    ("road", "rd"), ("street", "st"), ("lane", "ln"), ("avenue", "ave"), ("close", "cl"),
    ("drive", "dr"), ("way", "way"), ("gardens", "gdns"), ("crescent", "cres"),
    ("terrace", "terr"), ("place", "pl"), ("court", "ct"),
]
TOWNS = [
    ("peterborough", "PE"), ("cambridge", "CB"), ("huntingdon", "PE"), ("wisbech", "PE"),
    ("ely", "CB"), ("march", "PE"), ("st neots", "PE"), ("norwich", "NR"), ("ipswich", "IP"),
    ("luton", "LU"), ("bedford", "MK"), ("northampton", "NN"), ("leicester", "LE"),
    ("nottingham", "NG"), ("lincoln", "LN"), ("boston", "PE"), ("kings lynn", "PE"),
    ("colchester", "CO"), ("chelmsford", "CM"), ("stevenage", "SG"), ("watford", "WD"),
    ("reading", "RG"), ("oxford", "OX"), ("coventry", "CV"), ("derby", "DE"),
    ("sheffield", "S"), ("leeds", "LS"), ("bradford", "BD"), ("hull", "HU"), ("york", "YO"),
    ("manchester", "M"), ("bolton", "BL"), ("wigan", "WN"), ("preston", "PR"),
    ("blackpool", "FY"), ("liverpool", "L"), ("chester", "CH"), ("stoke", "ST"),
    ("wolverhampton", "WV"), ("birmingham", "B"),
]
LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
LATEST_ADULT = datetime.date(2006, 12, 31)
LATEST_BIRTH = datetime.date(2014, 12, 31)
KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"


def _zipf_weights(n, exponent):
    return [1.0 / (rank + 1) ** exponent for rank in range(n)]


def _cumulative(weights):
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


class Population:
    """Invented people in households, with the vocabulary to describe them."""

    def __init__(self, rng, entities):
        self.rng = rng
        self.male = list(MALE)
        self.female = list(FEMALE)
        self.male_cum = _cumulative(_zipf_weights(len(self.male), 0.7))
        self.female_cum = _cumulative(_zipf_weights(len(self.female), 0.7))
        self.common_cum = _cumulative(_zipf_weights(len(COMMON_SURNAMES), 0.6))
        invented = sorted(
            {a + m + e for a in SURNAME_START for m in SURNAME_MIDDLE for e in SURNAME_END}
        )
        rng.shuffle(invented)
        self.invented = invented[: max(2000, entities // 25)]
        self.invented_cum = _cumulative(_zipf_weights(len(self.invented), 0.5))
        # Streets: about thirty households a street, each town its own share of street names.
        streets = max(200, entities // 65)
        self.streets = []
        for k in range(streets):
            town, area = TOWNS[k % len(TOWNS)]
            name = rng.choice(STREET_NAMES)
            full, short = rng.choice(STREET_TYPES)
            self.streets.append((town, area, f"{name} {full}", f"{name} {short}"))
        self.postcodes = {}

    def forename(self, gender):
        names, cum = (self.male, self.male_cum) if gender == "m" else (self.female, self.female_cum)
        return self.rng.choices(names, cum_weights=cum)[0]

    def surname(self):
        if self.rng.random() < 0.25:
            return self.rng.choices(COMMON_SURNAMES, cum_weights=self.common_cum)[0]
        return self.rng.choices(self.invented, cum_weights=self.invented_cum)[0]

    def postcode(self, street, number):
        """Each stretch of twenty house numbers of a street shares a postcode."""
        key = (street, number // 20)
        code = self.postcodes.get(key)
        if code is None:
            town, area = self.streets[street][:2]
            code = (
                f"{area}{self.rng.randint(1, 39)} "
                f"{self.rng.randint(1, 9)}{self.rng.choice(LETTERS)}{self.rng.choice(LETTERS)}"
            )
            self.postcodes[key] = code
        return code

    def address(self):
        street = self.rng.randrange(len(self.streets))
        number = self.rng.randint(1, 140)
        town, _, full, short = self.streets[street]
        return {
            "number": str(number),
            "street": full,
            "street_short": short,
            "town": town,
            "postcode": self.postcode(street, number),
        }

    def date(self, low, high, mode):
        year = int(self.rng.triangular(low, high, mode))
        day = self.rng.randrange(365)
        return datetime.date(year, 1, 1) + datetime.timedelta(days=day)

    def household(self):
        """The people of one household: dicts with forename, surname, gender, dob, address."""
        rng = self.rng
        home = self.address()
        size = rng.choices([1, 2, 3, 4, 5], weights=[35, 30, 15, 12, 8])[0]
        head_gender = rng.choice("mf")
        head = {
            "gender": head_gender,
            "forename": self.forename(head_gender),
            "surname": self.surname(),
            "dob": self.date(1940, 2006, 1988),
        }
        people = [head]
        if size >= 2:
            gender = "f" if head_gender == "m" else "m"
            if rng.random() < 0.1:
                gender = head_gender
            gap = datetime.timedelta(days=rng.randint(0, 2500))
            partner_dob = head["dob"] + gap
            if rng.random() < 0.5 or partner_dob > LATEST_ADULT:
                partner_dob = head["dob"] - gap
            people.append(
                {
                    "gender": gender,
                    "forename": self.forename(gender),
                    "surname": head["surname"] if rng.random() < 0.6 else self.surname(),
                    "dob": partner_dob,
                }
            )
        previous = None
        for _ in range(size - len(people)):
            gender = rng.choice("mf")
            if previous is not None and rng.random() < 0.05:
                dob = previous["dob"]  # a twin
            else:
                dob = head["dob"] + datetime.timedelta(days=rng.randint(18 * 365, 40 * 365))
                if dob > LATEST_BIRTH:
                    continue  # the head is too young for this child
            if gender == head_gender == "m" and rng.random() < 0.08:
                forename = head["forename"]  # named after his father
            else:
                forename = self.forename(gender)
            child = {
                "gender": gender,
                "forename": forename,
                "surname": head["surname"] if rng.random() < 0.85 else self.surname(),
                "dob": dob,
            }
            people.append(child)
            previous = child
        for person in people:
            person["home"] = home
            person["previous"] = self.address() if rng.random() < 0.25 else None
        return people


def _typo(rng, word):
    """One keyboard slip: a letter replaced, dropped, doubled or two letters transposed."""
    if len(word) < 2:
        return word
    i = rng.randrange(len(word))
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + rng.choice(KEYBOARD) + word[i + 1 :]
    if kind == 1 and len(word) > 3:
        return word[:i] + word[i + 1 :]
    if kind == 2:
        return word[:i] + word[i] + word[i:]
    if i == len(word) - 1:
        i -= 1
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _postcode_typo(rng, code):
    positions = [k for k, c in enumerate(code) if c != " "]
    i = rng.choice(positions)
    c = code[i]
    new = str(rng.randrange(10)) if c.isdigit() else rng.choice(LETTERS)
    return code[:i] + new + code[i + 1 :]


def _valid(year, month, day):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _noisy_dob(rng, dob):
    """The date of birth as one record has it (or None)."""
    r = rng.random()
    if r < 0.05:
        return None
    r -= 0.05
    if r < 0.03 and dob.day <= 12 and dob.day != dob.month:
        return datetime.date(dob.year, dob.day, dob.month)
    r -= 0.03
    if r < 0.03:
        digits = dob.strftime("%Y%m%d")
        for _ in range(10):
            i = rng.choice([2, 3, 5, 6, 7])
            changed = digits[:i] + str(rng.randrange(10)) + digits[i + 1 :]
            date = _valid(int(changed[:4]), int(changed[4:6]), int(changed[6:]))
            if changed != digits and date is not None:
                return date
        return dob
    r -= 0.03
    if r < 0.02:
        return _valid(dob.year + rng.choice([-1, 1]), dob.month, dob.day) or dob
    r -= 0.02
    if r < 0.005:
        return datetime.date(rng.randint(1940, 2010), 1, 1) + datetime.timedelta(
            days=rng.randrange(365)
        )
    return dob


def noisy_record(rng, population, person):
    """One record of `person`: a dict of the CSV columns (values may be empty)."""
    forename, surname = person["forename"], person["surname"]
    r = rng.random()
    nicknames = (MALE if person["gender"] == "m" else FEMALE).get(forename) or []
    if r < 0.08 and nicknames:
        forename = rng.choice(nicknames)
    elif r < 0.13:
        forename = _typo(rng, forename)
    elif r < 0.15:
        forename = forename[0]
    elif r < 0.17:
        forename = ""
    r = rng.random()
    if r < 0.06:
        surname = _typo(rng, surname)
    elif r < 0.07:
        surname = ""
    elif r < 0.08 and person["gender"] == "f":
        surname = population.surname()  # married or maiden name
    if rng.random() < 0.03:
        forename, surname = surname, forename
    dob = _noisy_dob(rng, person["dob"])

    address = person["home"]
    if person["previous"] is not None and rng.random() < 0.3:
        address = person["previous"]
    row = {
        "given_name": forename,
        "surname": surname,
        "date_of_birth": dob.isoformat() if dob else "",
        "street_number": "",
        "address_1": "",
        "suburb": "",
        "postcode": "",
    }
    if rng.random() >= 0.05:
        row["street_number"] = address["number"] if rng.random() >= 0.03 else ""
        row["address_1"] = address["street_short"] if rng.random() < 0.2 else address["street"]
        row["suburb"] = address["town"]
        r = rng.random()
        if r < 0.03:
            row["postcode"] = _postcode_typo(rng, address["postcode"])
        elif r >= 0.06:
            row["postcode"] = address["postcode"]
    return row


def records_per_person(rng):
    """How many times a person is recorded: mostly once, a few prolific nominals many times."""
    r = rng.random()
    if r < 0.55:
        return 1
    if r < 0.75:
        return 2
    if r < 0.85:
        return 3
    if r < 0.90:
        return 4
    if r < 0.97:
        return rng.randint(5, 9)
    return rng.randint(10, 20)


COLUMNS = ["given_name", "surname", "date_of_birth", "street_number", "address_1", "suburb",
           "postcode"]


def _exchange_line(rng, rec_id, row):
    """The record as exchange-v1: the same values, written as a police record writes them."""
    dob = row["date_of_birth"] or None
    if dob and rng.random() < 0.5:
        year, month, day = dob.split("-")
        dob = f"{day}/{month}/{year}"
    first = " ".join(p for p in (row["street_number"], row["address_1"]) if p)
    last = " ".join(p for p in (row["suburb"], row["postcode"]) if p)
    address = ", ".join(p for p in (first, last) if p) or None
    return report(rec_id, display_name(row["given_name"], row["surname"]), dob, address)


def generate(n, seed, directory):
    """Writes `n` records to `directory` (records.csv, records.jsonl, truth.csv), unless files
    made with the same size, seed and generator version are already there. Returns the dataset
    description used by run.py."""
    os.makedirs(directory, exist_ok=True)
    description = {
        "name": f"synthetic {n:,}",
        "preset": "synthetic",
        "splink_inputs": [os.path.join(directory, "records.csv")],
        "link_type": "dedupe_only",
        "jsonl": os.path.join(directory, "records.jsonl"),
        "truth": os.path.join(directory, "truth.csv"),
        "records": n,
    }
    manifest_path = os.path.join(directory, "manifest.json")
    manifest = {"records": n, "seed": seed, "version": GENERATOR_VERSION}
    if os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as f:
            if json.load(f) == manifest:
                return description

    rng = random.Random(seed)
    population = Population(rng, int(n / 2.4))
    rows = []  # (entity, row)
    entity = 0
    while len(rows) < n:
        for person in population.household():
            entity += 1
            for _ in range(records_per_person(rng)):
                rows.append((entity, noisy_record(rng, population, person)))
    del rows[n:]
    rng.shuffle(rows)

    with open(description["splink_inputs"][0], "w", newline="", encoding="utf-8") as out_csv, \
            open(description["jsonl"], "w", encoding="utf-8") as out_jsonl, \
            open(description["truth"], "w", newline="", encoding="utf-8") as out_truth:
        records = csv.writer(out_csv)
        truth = csv.writer(out_truth)
        records.writerow(["rec_id"] + COLUMNS)
        truth.writerow(["rec_id", "entity"])
        for k, (entity, row) in enumerate(rows):
            rec_id = f"S{seed}-{k:07d}"
            records.writerow([rec_id] + [row[c] for c in COLUMNS])
            truth.writerow([rec_id, entity])
            out_jsonl.write(_exchange_line(rng, rec_id, row) + "\n")
    with open(manifest_path, "w", encoding="utf-8") as f:
        json.dump(manifest, f)
    return description
