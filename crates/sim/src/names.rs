//! Invented people's names with the frequencies real names have in England: surnames along
//! the rank–frequency curves of public statistics, forenames by the decade of birth, middle
//! names as records carry them, and the nicknames and spelling variants records write for the
//! same person; also the street names and brands of the simulated groups.
//!
//! Each origin of the simulated population (British, Polish, Romanian …) has one or more
//! naming traditions (`names/*.rs`), each with its sources. A family's surname is drawn once, as
//! often as such families bear it, and passed to partner and children; each person's forenames
//! are drawn for their sex and year of birth from their tradition. Common names collide as
//! real ones do (`David SMITH`, `Mohammed KHAN`, `NGUYEN Van Minh`) and rare ones do not: in
//! the default world about one person in twenty shares forename and surname with someone else,
//! three quarters of them on the hundred commonest surnames, and about one in a hundred the
//! full name with middle names (see [`sharing`], the example `name_sharing` and the integration
//! test `names_are_as_diverse_as_englands`).
//!
//! Where listing every name would be impractical, the long tail is built from parts as the
//! names really are (Ash + worth, Lewand + owski, Ion + escu). No list describes a person:
//! names alone are not anyone's identity, and no real individual is modelled. The origins given
//! to offenders, victims and look-alikes are the same mixes (see `world`), so that nationality
//! is never what tells an exploitation victim from a seasonal worker.

mod african_caribbean;
mod british;
mod bulgarian;
mod lithuanian;
mod model;
mod polish;
mod portuguese;
mod romanian;
mod south_asian;
mod ukrainian;
mod vietnamese;

use crate::util::{Rng, chance, stream, weighted};
use model::{OriginNames, Tradition};
use rand::Rng as _;
use std::collections::HashMap;
use std::sync::LazyLock;

/// How an origin's surnames change with gender, and in which order names are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurnameStyle {
    Plain,
    /// Polish: `-ski` becomes `-ska` for women, `-ny` becomes `-na`.
    Polish,
    /// Bulgarian: `-ov`/`-ev` take `-a` for women.
    Bulgarian,
    /// Lithuanian: `-as`, `-ius`, `-us`, `-is`, `-ys` become `-ienė` for married women and
    /// `-aitė`, `-iūtė`, `-utė`, `-ytė` for unmarried ones.
    Lithuanian,
    /// Ukrainian: `-skyi` becomes `-ska` for women, `-yi` becomes `-a`, `-ov` takes `-a`.
    Ukrainian,
    /// Vietnamese: family name first, and a middle name (`Van`, `Thi`) nearly always.
    Vietnamese,
}

/// One origin of the simulated population: its nationality as records write it and its
/// naming traditions.
#[derive(Debug)]
pub struct Origin {
    pub key: &'static str,
    /// The nationality as records write it most often.
    pub nationality: &'static str,
    /// Other ways records write the same nationality.
    pub nationality_variants: &'static [&'static str],
    pub style: SurnameStyle,
    traditions: &'static [Tradition],
}

pub const BRITISH: u8 = 0;
pub const POLISH: u8 = 1;
pub const ROMANIAN: u8 = 2;
pub const LITHUANIAN: u8 = 3;
pub const BULGARIAN: u8 = 4;
pub const SOUTH_ASIAN: u8 = 5;
pub const AFRICAN_CARIBBEAN: u8 = 6;
pub const PORTUGUESE: u8 = 7;
pub const VIETNAMESE: u8 = 8;
pub const UKRAINIAN: u8 = 9;

/// Origin weights (per thousand) of the settled background population.
pub const BACKGROUND_MIX: [u32; 10] = [740, 50, 30, 20, 10, 70, 50, 15, 5, 10];
/// Origin weights of people recruited into county lines and local drugs supply.
pub const DRUGS_MIX: [u32; 10] = [700, 20, 20, 10, 10, 80, 140, 10, 5, 5];
/// Origin weights of migrant workers: exploitation victims and lawful seasonal workers alike.
pub const MIGRANT_WORKER_MIX: [u32; 10] = [100, 150, 300, 100, 150, 0, 0, 0, 100, 100];
/// Origin weights of the women moved between flats by sexual exploitation networks.
pub const SEX_EXPLOITATION_MIX: [u32; 10] = [300, 100, 300, 50, 100, 20, 50, 20, 30, 30];

pub static ORIGINS: [Origin; 10] = [
    Origin {
        key: "british",
        nationality: "British",
        nationality_variants: &[
            "British",
            "UK",
            "GBR",
            "English",
            "british",
            "United Kingdom",
        ],
        style: SurnameStyle::Plain,
        traditions: british::TRADITIONS,
    },
    Origin {
        key: "polish",
        nationality: "Polish",
        nationality_variants: &["Polish", "Poland", "POL", "polish"],
        style: SurnameStyle::Polish,
        traditions: polish::TRADITIONS,
    },
    Origin {
        key: "romanian",
        nationality: "Romanian",
        nationality_variants: &["Romanian", "Romania", "ROU", "romanian", "ROM"],
        style: SurnameStyle::Plain,
        traditions: romanian::TRADITIONS,
    },
    Origin {
        key: "lithuanian",
        nationality: "Lithuanian",
        nationality_variants: &["Lithuanian", "Lithuania", "LTU", "lithuanian"],
        style: SurnameStyle::Lithuanian,
        traditions: lithuanian::TRADITIONS,
    },
    Origin {
        key: "bulgarian",
        nationality: "Bulgarian",
        nationality_variants: &["Bulgarian", "Bulgaria", "BGR", "bulgarian"],
        style: SurnameStyle::Bulgarian,
        traditions: bulgarian::TRADITIONS,
    },
    Origin {
        key: "south_asian",
        nationality: "British",
        nationality_variants: &["British", "UK", "Pakistani", "Indian", "Bangladeshi", "GBR"],
        style: SurnameStyle::Plain,
        traditions: south_asian::TRADITIONS,
    },
    Origin {
        key: "african_caribbean",
        nationality: "British",
        nationality_variants: &[
            "British", "UK", "Nigerian", "Ghanaian", "Somali", "Jamaican",
        ],
        style: SurnameStyle::Plain,
        traditions: african_caribbean::TRADITIONS,
    },
    Origin {
        key: "portuguese",
        nationality: "Portuguese",
        nationality_variants: &["Portuguese", "Portugal", "PRT", "portuguese"],
        style: SurnameStyle::Plain,
        traditions: portuguese::TRADITIONS,
    },
    Origin {
        key: "vietnamese",
        nationality: "Vietnamese",
        nationality_variants: &["Vietnamese", "Vietnam", "VNM", "vietnamese", "Viet Nam"],
        style: SurnameStyle::Vietnamese,
        traditions: vietnamese::TRADITIONS,
    },
    Origin {
        key: "ukrainian",
        nationality: "Ukrainian",
        nationality_variants: &["Ukrainian", "Ukraine", "UKR", "ukrainian"],
        style: SurnameStyle::Ukrainian,
        traditions: ukrainian::TRADITIONS,
    },
];

/// Every origin's names, built once (a few milliseconds) on first use.
static NAMES: LazyLock<Vec<OriginNames>> =
    LazyLock::new(|| ORIGINS.iter().map(|o| model::build(o.traditions)).collect());

fn names_of(origin: u8) -> &'static OriginNames {
    &NAMES[usize::from(origin)]
}

/// Women born before this year bear the married form of a Lithuanian surname; younger women
/// the unmarried one. (Most Lithuanian women in England over about 27 are married.)
const LITHUANIAN_MARRIED_BORN_BEFORE: i32 = 1998;

/// A forename or middle name of an origin, by index.
pub fn given_name(origin: u8, female: bool, index: u16) -> &'static str {
    names_of(origin).given[usize::from(female)][usize::from(index)]
}

/// A surname of an origin, by index, in its base (men's) form.
pub fn surname(origin: u8, index: u16) -> &'static str {
    names_of(origin).surnames[usize::from(index)].as_ref()
}

/// The index of a forename of an origin, if it has it.
pub fn given_index(origin: u8, female: bool, name: &str) -> Option<u16> {
    names_of(origin).given[usize::from(female)]
        .iter()
        .position(|n| *n == name)
        .map(|i| i as u16)
}

/// The index of a surname of an origin, if it has it.
pub fn surname_index(origin: u8, name: &str) -> Option<u16> {
    names_of(origin)
        .surnames
        .iter()
        .position(|n| n == name)
        .map(|i| i as u16)
}

/// How many distinct surnames an origin has.
pub fn surname_count(origin: u8) -> usize {
    names_of(origin).surnames.len()
}

/// The surname as its bearer's records write it: in the feminine form for a woman where the
/// origin has one.
pub fn surname_as_borne(origin: u8, index: u16, female: bool, birth_year: i32) -> String {
    gendered_surname(
        ORIGINS[usize::from(origin)].style,
        surname(origin, index),
        female,
        birth_year < LITHUANIAN_MARRIED_BORN_BEFORE,
    )
}

/// A family's surname, drawn as often as the origin's families bear it: `(origin, index)`.
pub fn sample_surname(rng: &mut Rng, origin: u8) -> (u8, u16) {
    let names = names_of(origin);
    let tradition = names.tradition_table.sample(rng);
    (
        origin,
        names.traditions[usize::from(tradition)]
            .surnames
            .sample(rng),
    )
}

/// A person's forename and middle name, and the surname they bear in person if their
/// tradition gives one (`Kaur`, `Begum`) rather than their family's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GivenNames {
    pub forename: u16,
    pub middle: Option<u16>,
    /// An index into the person's own origin's surnames.
    pub own_surname: Option<u16>,
}

/// Names for a person of `origin` born in `birth_year` into a family bearing `family`'s
/// surname. The tradition is the family surname's when it is of the same origin (a Sikh
/// family's children get Sikh names), else drawn by the origin's weights.
pub fn sample_given(
    rng: &mut Rng,
    origin: u8,
    family: (u8, u16),
    female: bool,
    birth_year: i32,
) -> GivenNames {
    let names = names_of(origin);
    let tradition = if family.0 == origin {
        names.surname_tradition[usize::from(family.1)]
    } else {
        names.tradition_table.sample(rng) as u8
    };
    let tradition = &names.traditions[usize::from(tradition)];
    let sex = usize::from(female);
    let given = &tradition.given[sex];
    let cohort = given.cohort(birth_year);
    let forename = cohort.sample(rng);
    let mut own_surname = None;
    let roll: f64 = rng.random();
    let mut cumulative = 0.0;
    for (id, p) in &tradition.personal[sex] {
        cumulative += p;
        if roll < cumulative {
            own_surname = Some(*id);
            break;
        }
    }
    let mut middle = None;
    if chance(rng, given.middle_rate) {
        let candidate = if given.middles.is_empty() || chance(rng, given.middle_from_forenames) {
            cohort.sample(rng)
        } else {
            given.middles.sample(rng)
        };
        let text = given_name(origin, female, candidate);
        let borne = match own_surname {
            Some(id) => surname(origin, id),
            None => surname(family.0, family.1),
        };
        // Nobody is `John John SMITH` or `Harjit Singh SINGH`.
        if text != given_name(origin, female, forename) && text != borne {
            middle = Some(candidate);
        }
    }
    GivenNames {
        forename,
        middle,
        own_surname,
    }
}

/// The canonical name as the truth file records it: forenames, then the surname in capitals.
pub fn display_name(forename: &str, middle: Option<&str>, surname: &str) -> String {
    let surname = surname.to_uppercase();
    match middle {
        Some(m) => format!("{forename} {m} {surname}"),
        None => format!("{forename} {surname}"),
    }
}

/// How many people share their name with someone else, as an analyst searching the records
/// would see it: case, diacritics, apostrophes and hyphens do not make a different name.
#[derive(Debug, Clone, PartialEq)]
pub struct NameSharing {
    pub people: usize,
    /// People whose full name (every forename and the surname) someone else also bears.
    pub full_name_shared: usize,
    /// People whose first forename and surname someone else also bears, middle names aside.
    pub forename_surname_shared: usize,
    /// The most common full name and how many bear it.
    pub largest_full_name: (String, usize),
    /// The most common forename and surname and how many bear them.
    pub largest_forename_surname: (String, usize),
}

impl NameSharing {
    pub fn full_name_rate(&self) -> f64 {
        self.full_name_shared as f64 / self.people.max(1) as f64
    }

    pub fn forename_surname_rate(&self) -> f64 {
        self.forename_surname_shared as f64 / self.people.max(1) as f64
    }
}

/// The keys a name is compared by: the full name, and the first forename with the surname
/// (the last word), folded so that case, diacritics, apostrophes and hyphens do not make a
/// different name (`Łukasz Jan O'BRIEN-SMITH` → `lukasz jan obriensmith`, `lukasz obriensmith`).
pub fn sharing_keys(name: &str) -> Option<(String, String)> {
    let words: Vec<String> = strip_diacritics(name)
        .to_lowercase()
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let short = format!("{} {}", words.first()?, words.last()?);
    Some((words.join(" "), short))
}

/// Measures how names are shared among `names` (`Forename [Middle…] SURNAME`).
pub fn sharing<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> NameSharing {
    let keys: Vec<(String, String)> = names
        .into_iter()
        .filter_map(|n| sharing_keys(n.as_ref()))
        .collect();
    let mut full: HashMap<&str, usize> = HashMap::new();
    let mut short: HashMap<&str, usize> = HashMap::new();
    for (f, s) in &keys {
        *full.entry(f).or_default() += 1;
        *short.entry(s).or_default() += 1;
    }
    let largest = |counts: &HashMap<&str, usize>| {
        counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(k, v)| (k.to_string(), *v))
            .unwrap_or_default()
    };
    NameSharing {
        people: keys.len(),
        full_name_shared: keys.iter().filter(|(f, _)| full[f.as_str()] > 1).count(),
        forename_surname_shared: keys.iter().filter(|(_, s)| short[s.as_str()] > 1).count(),
        largest_full_name: largest(&full),
        largest_forename_surname: largest(&short),
    }
}

/// The names of `people` people drawn independently from the name model, as a random sample
/// of the population would be: each of an origin drawn by `origin_weights`, a year of birth
/// drawn from `birth_years`, either sex equally, a family surname of their own. What the name
/// frequencies alone imply for a sample of that size, without the world's households.
pub fn independent_sample(
    seed: u64,
    people: usize,
    origin_weights: &[u32],
    birth_years: &[i32],
) -> Vec<String> {
    let mut rng = stream(seed, 0x4e41_4d45, 0);
    (0..people)
        .map(|_| {
            let origin = weighted(&mut rng, origin_weights) as u8;
            let female = chance(&mut rng, 0.5);
            let born = birth_years[rng.random_range(0..birth_years.len().max(1))];
            let family = sample_surname(&mut rng, origin);
            let given = sample_given(&mut rng, origin, family, female, born);
            let (surname_origin, surname) = match given.own_surname {
                Some(id) => (origin, id),
                None => family,
            };
            display_name(
                given_name(origin, female, given.forename),
                given.middle.map(|m| given_name(origin, female, m)),
                &surname_as_borne(surname_origin, surname, female, born),
            )
        })
        .collect()
}

/// Nicknames, short forms and spelling or transliteration variants of forenames, as records
/// write them for the same person.
const FORENAME_VARIANTS: &[(&str, &[&str])] = &[
    ("James", &["Jim", "Jimmy", "Jamie", "Jas"]),
    ("John", &["Jon", "Johnny", "Jack", "Jonny"]),
    ("Jonathan", &["Jon", "Jonny", "Johnathan"]),
    ("David", &["Dave", "Davey", "Davy"]),
    ("Michael", &["Mike", "Mick", "Mikey", "Micheal"]),
    ("Daniel", &["Dan", "Danny", "Danial"]),
    ("Thomas", &["Tom", "Tommy"]),
    ("William", &["Bill", "Will", "Billy", "Liam"]),
    ("Robert", &["Rob", "Bob", "Bobby", "Robbie"]),
    ("Christopher", &["Chris", "Kristopher", "Christoper"]),
    ("Matthew", &["Matt", "Mathew"]),
    ("Andrew", &["Andy", "Drew"]),
    ("Joseph", &["Joe", "Joey"]),
    ("Anthony", &["Tony", "Ant", "Antony"]),
    ("Steven", &["Steve", "Stephen", "Stevie"]),
    ("Stephen", &["Steve", "Steven"]),
    ("Peter", &["Pete"]),
    ("Richard", &["Rich", "Rick", "Dick", "Richie"]),
    ("Kevin", &["Kev"]),
    ("Samuel", &["Sam", "Sammy"]),
    ("Benjamin", &["Ben", "Benji"]),
    ("Alexander", &["Alex", "Xander"]),
    ("Edward", &["Ed", "Eddie", "Ted"]),
    ("Nicholas", &["Nick", "Nicky", "Nicolas"]),
    ("Patrick", &["Pat", "Paddy"]),
    ("Kenneth", &["Ken", "Kenny"]),
    ("Charlie", &["Charles", "Chas"]),
    ("Callum", &["Calum", "Cal"]),
    ("Reece", &["Rees", "Reese", "Rhys"]),
    ("Kieran", &["Kieron", "Ciaran"]),
    ("Connor", &["Conor"]),
    ("Jayden", &["Jaden", "Jaydon"]),
    ("Bradley", &["Brad"]),
    ("Jacob", &["Jake"]),
    ("Frankie", &["Frank", "Francis"]),
    ("Archie", &["Archibald"]),
    ("Alfie", &["Alfred", "Alf"]),
    (
        "Elizabeth",
        &["Liz", "Beth", "Lizzie", "Betty", "Elisabeth"],
    ),
    ("Margaret", &["Maggie", "Peggy", "Meg"]),
    (
        "Katherine",
        &["Kate", "Kathy", "Katie", "Catherine", "Kathryn"],
    ),
    ("Catherine", &["Cath", "Cathy", "Katherine", "Kate"]),
    ("Jennifer", &["Jen", "Jenny"]),
    ("Rebecca", &["Becky", "Becca", "Rebekah"]),
    ("Victoria", &["Vicky", "Tori", "Vikki"]),
    ("Samantha", &["Sam", "Sammy"]),
    ("Alexandra", &["Alex", "Lexi", "Sandra", "Aleksandra"]),
    ("Jessica", &["Jess", "Jessie"]),
    ("Deborah", &["Debbie", "Deb", "Debra"]),
    ("Susan", &["Sue", "Susie", "Suzanne"]),
    ("Patricia", &["Pat", "Trish", "Tricia"]),
    ("Christine", &["Chris", "Chrissie", "Christina"]),
    ("Abigail", &["Abbie", "Abby", "Abi"]),
    ("Eleanor", &["Ellie", "Nell", "Elinor"]),
    ("Natalie", &["Nat", "Nathalie"]),
    ("Nicola", &["Nicky", "Nikki"]),
    ("Joanne", &["Jo", "Joanna"]),
    ("Kayleigh", &["Kayley", "Kaylee", "Kaleigh"]),
    ("Isabelle", &["Izzy", "Isabel", "Bella"]),
    ("Zoe", &["Zoë", "Zoey"]),
    ("Tracey", &["Tracy"]),
    (
        "Mohammed",
        &["Muhammad", "Mohammad", "Mohamed", "Mohd", "Mo"],
    ),
    ("Mohamed", &["Mohammed", "Mohamud", "Mo"]),
    ("Yusuf", &["Yousuf", "Yousaf", "Yusef"]),
    ("Usman", &["Osman", "Uthman"]),
    ("Hassan", &["Hasan"]),
    ("Ahmed", &["Ahmad", "Ahmet"]),
    ("Shahid", &["Shaheed"]),
    ("Faisal", &["Faysal"]),
    ("Ibrahim", &["Ebrahim", "Ibby"]),
    ("Ayesha", &["Aisha", "Aysha"]),
    ("Aisha", &["Ayesha", "Aishah"]),
    ("Fatima", &["Fatimah", "Fatma"]),
    ("Mariam", &["Maryam", "Miriam"]),
    ("Oluwaseun", &["Seun", "Shaun"]),
    ("Chinedu", &["Chi", "Nedu"]),
    ("Funmilayo", &["Funmi"]),
    ("Emmanuel", &["Manny", "Emanuel"]),
    ("Nathaniel", &["Nathan", "Nate"]),
    ("Malachi", &["Malakai"]),
    ("Aleksander", &["Olek", "Alek", "Alexander", "Aleksandr"]),
    ("Katarzyna", &["Kasia", "Kate"]),
    ("Małgorzata", &["Gosia", "Malgorzata", "Margaret"]),
    ("Wojciech", &["Wojtek", "Voytek"]),
    ("Krzysztof", &["Krzys", "Chris", "Kris"]),
    ("Łukasz", &["Lukasz", "Luke", "Lucas"]),
    ("Tomasz", &["Tomek", "Tom"]),
    ("Piotr", &["Peter", "Piotrek"]),
    ("Paweł", &["Pawel", "Paul"]),
    ("Michał", &["Michal", "Michael"]),
    ("Przemysław", &["Przemek", "Przemyslaw"]),
    ("Rafał", &["Rafal"]),
    ("Jakub", &["Kuba", "Jacob"]),
    ("Mateusz", &["Matt", "Mateus"]),
    ("Ionuț", &["Ionut", "John"]),
    ("Ștefan", &["Stefan", "Steven"]),
    ("Cătălin", &["Catalin"]),
    ("Gheorghe", &["George", "Gigi"]),
    ("Alexandru", &["Alex", "Alexander"]),
    ("Mihai", &["Michael", "Mihail"]),
    ("Andreea", &["Andrea"]),
    ("Vasile", &["Vasilie"]),
    ("Arūnas", &["Arunas"]),
    ("Rūta", &["Ruta"]),
    ("Agnė", &["Agne"]),
    ("Eglė", &["Egle"]),
    ("Giedrė", &["Giedre"]),
    ("Nikolay", &["Nikolai", "Nicolai"]),
    ("Hristo", &["Christo", "Risto"]),
    ("Georgi", &["George", "Georgy"]),
    ("Dimitar", &["Dimitri", "Mitko"]),
    ("João", &["Joao", "John"]),
    ("José", &["Jose"]),
    ("António", &["Antonio", "Tony"]),
    ("Inês", &["Ines"]),
    (
        "Oleksandr",
        &["Olexandr", "Aleksandr", "Alexander", "Sasha"],
    ),
    ("Dmytro", &["Dmitro", "Dmitry"]),
    ("Volodymyr", &["Vladimir", "Volodya"]),
    ("Tetiana", &["Tatiana", "Tetyana"]),
    ("Kateryna", &["Katerina", "Katya"]),
    ("Andrii", &["Andriy", "Andrew", "Andrey"]),
    ("Serhii", &["Serhiy", "Sergii", "Sergey"]),
    ("Yurii", &["Yuriy", "Iurii", "Yuri"]),
    ("Nataliia", &["Nataliya", "Natalia", "Natalya"]),
    ("Yuliia", &["Yulia", "Julia", "Yuliya"]),
    ("Oleksii", &["Oleksiy", "Alexey", "Aleksei"]),
    ("Vitalii", &["Vitaliy", "Vitaly"]),
    ("Anastasiia", &["Anastasia", "Nastya"]),
    ("Mariia", &["Maria", "Mariya"]),
    ("Sofiia", &["Sofia", "Sophia"]),
    ("Olha", &["Olga"]),
    ("Halyna", &["Galina", "Halina"]),
    ("Hanna", &["Anna", "Ganna", "Hannah"]),
    ("Yevhen", &["Evgeny", "Yevgen", "Eugene"]),
    ("Ihor", &["Igor"]),
    ("Oleh", &["Oleg"]),
    ("Illia", &["Ilya", "Illya"]),
    ("Mykhailo", &["Mikhail", "Mykhaylo", "Michael"]),
    ("Mykola", &["Nikolai", "Mikola"]),
    ("Vasyl", &["Vasily", "Vasil"]),
    ("Kyrylo", &["Kirill"]),
    ("Danylo", &["Daniil", "Danilo"]),
    ("Liudmyla", &["Lyudmila", "Ludmila"]),
    ("Viktoriia", &["Viktoria", "Victoria"]),
    ("Oliver", &["Ollie", "Olly"]),
    ("Henry", &["Harry", "Hal", "Hank"]),
    ("Frederick", &["Fred", "Freddie", "Freddy"]),
    ("Albert", &["Bert", "Bertie", "Al"]),
    ("Arthur", &["Art", "Artie"]),
    ("Alfred", &["Alf", "Alfie", "Fred"]),
    ("Ronald", &["Ron", "Ronnie"]),
    ("Donald", &["Don", "Donnie"]),
    ("Gerald", &["Gerry", "Jerry"]),
    ("Geoffrey", &["Geoff", "Jeff", "Jeffrey"]),
    ("Raymond", &["Ray"]),
    ("Terence", &["Terry", "Terrence"]),
    ("Leonard", &["Len", "Lenny"]),
    ("Stanley", &["Stan"]),
    ("Bernard", &["Bernie"]),
    ("Lawrence", &["Larry", "Laurie", "Laurence"]),
    ("Timothy", &["Tim", "Timmy"]),
    ("Philip", &["Phil", "Phillip"]),
    ("Gregory", &["Greg"]),
    ("Joshua", &["Josh"]),
    ("Theodore", &["Theo", "Ted", "Teddy"]),
    ("Sebastian", &["Seb"]),
    ("Dominic", &["Dom", "Dominick"]),
    ("Zachary", &["Zach", "Zac", "Zack"]),
    ("Louis", &["Lou", "Louie", "Lewis"]),
    ("Elliot", &["Eliot", "Elliott"]),
    ("Nathan", &["Nate", "Nat"]),
    ("Douglas", &["Doug", "Dougie"]),
    ("Malcolm", &["Mal"]),
    ("Trevor", &["Trev"]),
    ("Derek", &["Del", "Derrick"]),
    ("Francis", &["Frank", "Fran"]),
    ("Russell", &["Russ"]),
    ("Stuart", &["Stu", "Stewart"]),
    ("Vincent", &["Vince", "Vinnie"]),
    ("Reginald", &["Reg", "Reggie"]),
    ("Mark", &["Marc"]),
    ("Carl", &["Karl"]),
    ("Shaun", &["Sean", "Shawn"]),
    ("Sean", &["Shaun", "Shawn"]),
    ("Amelia", &["Millie", "Amy", "Mia"]),
    ("Olivia", &["Liv", "Livvy", "Olive"]),
    ("Isabella", &["Bella", "Izzy", "Isabelle"]),
    ("Sophia", &["Sophie", "Sofia"]),
    ("Sophie", &["Soph", "Sophia"]),
    ("Charlotte", &["Charlie", "Lottie"]),
    ("Emily", &["Em", "Emmy", "Emilie"]),
    ("Jacqueline", &["Jackie", "Jacqui"]),
    ("Pamela", &["Pam"]),
    ("Barbara", &["Barb", "Babs"]),
    ("Dorothy", &["Dot", "Dottie", "Dolly"]),
    ("Beverley", &["Bev", "Beverly"]),
    ("Gillian", &["Gill", "Jill"]),
    ("Valerie", &["Val"]),
    ("Teresa", &["Tess", "Terri", "Theresa"]),
    ("Josephine", &["Jo", "Josie"]),
    ("Frances", &["Fran", "Frankie"]),
    ("Caroline", &["Caz", "Carol", "Carolyn"]),
    ("Amanda", &["Mandy"]),
    ("Angela", &["Angie"]),
    ("Sandra", &["Sandy"]),
    ("Kimberley", &["Kim", "Kimberly"]),
    ("Christina", &["Tina", "Chris"]),
    ("Gemma", &["Jemma"]),
    ("Hayley", &["Haley", "Hailey"]),
    ("Michelle", &["Shelley", "Shell"]),
    ("Stephanie", &["Steph"]),
    ("Danielle", &["Dani"]),
    ("Georgia", &["Georgie"]),
    ("Harriet", &["Hattie"]),
    ("Matilda", &["Tilly", "Tilda"]),
    ("Florence", &["Flo", "Florrie"]),
    ("Evelyn", &["Evie", "Eve"]),
    ("Imogen", &["Immy"]),
    ("Kathleen", &["Kath", "Kathy", "Kay"]),
    ("Mary", &["Molly", "Polly", "Mae"]),
    ("Anne", &["Ann", "Annie"]),
    ("Ann", &["Anne", "Annie"]),
    ("Janet", &["Jan"]),
    ("Sarah", &["Sara", "Sal"]),
    ("Claire", &["Clare"]),
    ("Clare", &["Claire"]),
    ("Katie", &["Kate", "Katy"]),
    ("Megan", &["Meg", "Meghan"]),
    ("Lily", &["Lilly", "Lil"]),
    ("Grace", &["Gracie"]),
    ("Louise", &["Lou", "Louisa"]),
    ("Kirsty", &["Kirstie", "Kirsten"]),
    ("Natasha", &["Tash", "Tasha"]),
    ("Holly", &["Hollie"]),
    ("Layla", &["Leila", "Laila"]),
    ("Agnieszka", &["Aga", "Agnes"]),
    ("Magdalena", &["Magda"]),
    ("Joanna", &["Asia", "Joanne"]),
    ("Aleksandra", &["Ola", "Alexandra"]),
    ("Elżbieta", &["Ela", "Elzbieta", "Elizabeth"]),
    ("Zofia", &["Zosia", "Sophie"]),
    ("Grzegorz", &["Grzesiek", "Greg"]),
    ("Andrzej", &["Andrew", "Andy"]),
    ("Stanisław", &["Stanislaw", "Stan"]),
    ("Marcin", &["Martin"]),
    ("Bartosz", &["Bartek", "Bart"]),
    ("Dawid", &["David"]),
    ("Szymon", &["Simon"]),
    ("Kacper", &["Kasper"]),
    ("Maciej", &["Maciek"]),
    ("Jerzy", &["Jurek", "George"]),
    ("Józef", &["Jozef", "Joseph"]),
    ("Ryszard", &["Rysiek", "Richard"]),
    ("Dariusz", &["Darek"]),
    ("Mirosław", &["Miroslaw", "Mirek"]),
    ("Jarosław", &["Jaroslaw", "Jarek"]),
    ("Zuzanna", &["Zuzia", "Susan"]),
    ("Patrycja", &["Patricia"]),
    ("Ion", &["Ioan", "John"]),
    ("Ioan", &["Ion", "John"]),
    ("Constantin", &["Costel", "Costi"]),
    ("Nicolae", &["Nicu", "Nicolai"]),
    ("Cristian", &["Cristi", "Christian"]),
    ("Răzvan", &["Razvan"]),
    ("Mădălina", &["Madalina"]),
    ("Mihaela", &["Michaela"]),
    ("Georgiana", &["Georgia"]),
    ("Vytautas", &["Vytas"]),
    ("Jonas", &["John"]),
    ("Tomas", &["Thomas"]),
    ("Andrius", &["Andrew"]),
    ("Aušra", &["Ausra"]),
    ("Aleksandar", &["Alexander", "Aleksandr"]),
    ("Petar", &["Peter", "Petur"]),
    ("Kristiyan", &["Christian", "Kristian"]),
    ("Yordan", &["Jordan"]),
    ("Gonçalo", &["Goncalo"]),
    ("Tomás", &["Tomas"]),
    ("Luís", &["Luis"]),
    ("Sérgio", &["Sergio"]),
    ("Vítor", &["Vitor", "Victor"]),
    ("Catarina", &["Katarina", "Catherine"]),
    ("Muhammad", &["Mohammed", "Mohammad", "Muhammed", "Mohd"]),
    ("Mohammad", &["Mohammed", "Muhammad"]),
    ("Abdul", &["Abdool"]),
    ("Zain", &["Zayn"]),
    ("Umar", &["Omar"]),
    ("Maryam", &["Mariam", "Miriam"]),
    ("Khadijah", &["Khadija"]),
    ("Zainab", &["Zaynab"]),
    ("Kuldip", &["Kuldeep"]),
    ("Gurpreet", &["Gurprit"]),
    ("Rajesh", &["Raj"]),
    ("Pradip", &["Pradeep"]),
    ("Pravin", &["Praveen"]),
    ("Naveed", &["Navid"]),
    ("Oluwatobi", &["Tobi", "Tobe"]),
    ("Chukwuemeka", &["Emeka"]),
    ("Babatunde", &["Tunde"]),
    ("Kwabena", &["Kobby"]),
    ("Fadumo", &["Faduma", "Fatuma"]),
];

/// Spelling variants of surnames.
const SURNAME_VARIANTS: &[(&str, &[&str])] = &[
    ("Hussain", &["Hussein", "Husain"]),
    ("Chaudhry", &["Choudhury", "Chowdhury", "Chaudhary"]),
    ("Mahmood", &["Mahmud", "Mehmood"]),
    ("Mohamed", &["Mohammed", "Mohamud"]),
    ("Rahman", &["Rehman"]),
    ("Siddiqui", &["Siddiqi"]),
    ("Qureshi", &["Kureshi"]),
    ("MacLeod", &["McLeod"]),
    ("McDonald", &["MacDonald"]),
    ("O'Brien", &["OBrien", "O Brien"]),
    ("O'Connor", &["OConnor", "O Connor"]),
    ("Thompson", &["Thomson"]),
    ("Clarke", &["Clark"]),
    ("Clark", &["Clarke"]),
    ("Davies", &["Davis"]),
    ("Davis", &["Davies"]),
    ("Matthews", &["Mathews"]),
    ("Phillips", &["Philips"]),
    ("Reynolds", &["Reynold"]),
    ("Gray", &["Grey"]),
    ("Stevens", &["Stephens"]),
    ("Okonkwo", &["Okonko"]),
    ("Oyelaran", &["Oyelarin"]),
    ("Shevchenko", &["Shevchenco", "Schewtschenko"]),
    ("Kovalenko", &["Kowalenko"]),
    ("Tkachenko", &["Tkatchenko"]),
    ("Melnyk", &["Melnik"]),
    ("Ahmed", &["Ahmad"]),
    ("Ahmad", &["Ahmed"]),
    ("Hoque", &["Haque", "Huq"]),
    ("Haque", &["Hoque", "Huq"]),
    ("Miah", &["Mia", "Meah"]),
    ("Mia", &["Miah"]),
    ("Chowdhury", &["Choudhury", "Chaudhry"]),
    ("Choudhury", &["Chowdhury"]),
    ("Akhtar", &["Akhter", "Akter"]),
    ("Akter", &["Akhtar", "Akhter"]),
    ("Uddin", &["Udin"]),
    ("Sheikh", &["Shaikh", "Shaik"]),
    ("Siddique", &["Siddiqui", "Siddiq"]),
    ("Mehmood", &["Mahmood"]),
    ("Mahmud", &["Mahmood", "Mehmood"]),
    ("Hossain", &["Hussain", "Hosain"]),
    ("Javed", &["Javaid", "Jawed"]),
    ("Yousaf", &["Yusuf", "Yousuf"]),
    ("Rehman", &["Rahman"]),
    ("Thakkar", &["Thaker", "Thakar"]),
    ("Mistry", &["Mistri"]),
    ("Mohamud", &["Mohamed", "Mahmoud"]),
    ("Abdullahi", &["Abdillahi", "Abdulahi"]),
    ("Abdillahi", &["Abdullahi"]),
    ("Hussein", &["Hussain", "Husein"]),
    ("Nur", &["Noor", "Nuur"]),
    ("Noor", &["Nur"]),
    ("Omar", &["Umar", "Omer"]),
    ("Osman", &["Usman", "Othman"]),
    ("Ismail", &["Ismael"]),
    ("Boiko", &["Boyko"]),
    ("Oliinyk", &["Oliynyk", "Oleynik"]),
    ("Zaiets", &["Zayets"]),
    ("Huynh", &["Hoang"]),
    ("Campbell", &["Cambell"]),
    ("Mensah", &["Mensa"]),
    ("Gonçalves", &["Goncalves", "Gonsalves"]),
    ("Nguyen", &["Ngyuen", "Nguen"]),
];

static FORENAME_INDEX: LazyLock<HashMap<&'static str, &'static [&'static str]>> =
    LazyLock::new(|| FORENAME_VARIANTS.iter().copied().collect());
static SURNAME_INDEX: LazyLock<HashMap<&'static str, &'static [&'static str]>> =
    LazyLock::new(|| SURNAME_VARIANTS.iter().copied().collect());

/// Other ways of writing a forename for the same person (may be empty).
pub fn forename_variants(forename: &str) -> &'static [&'static str] {
    FORENAME_INDEX.get(forename).copied().unwrap_or(&[])
}

/// Other spellings of a surname (may be empty): those in the table, and those every name of
/// a pattern has — `Mc` and `Mac`, `O'Brien` and `OBrien`, a double-barrelled name with its
/// hyphen dropped or only its second half, Ukrainian `-skyi` as `-sky` or `-skiy`, `-iuk` as
/// `-yuk`, and `Kh` as `H`.
pub fn surname_variants(surname: &str) -> Vec<String> {
    let mut out: Vec<String> = SURNAME_INDEX
        .get(surname)
        .map(|v| v.iter().map(|s| s.to_string()).collect())
        .unwrap_or_default();
    let mut add = |s: String| {
        if s != surname && !out.contains(&s) {
            out.push(s);
        }
    };
    if let Some(rest) = surname.strip_prefix("Mac")
        && rest.chars().next().is_some_and(char::is_uppercase)
    {
        add(format!("Mc{rest}"));
    }
    if let Some(rest) = surname.strip_prefix("Mc") {
        add(format!("Mac{rest}"));
    }
    if let Some(rest) = surname.strip_prefix("O'") {
        add(format!("O{rest}"));
        add(format!("O {rest}"));
    }
    if let Some((first, second)) = surname.split_once('-') {
        add(format!("{first} {second}"));
        add(second.to_string());
    }
    if let Some(stem) = surname.strip_suffix("skyi") {
        add(format!("{stem}sky"));
        add(format!("{stem}skiy"));
    }
    if let Some(stem) = surname.strip_suffix("iuk") {
        add(format!("{stem}yuk"));
    }
    if let Some(rest) = surname.strip_prefix("Kh") {
        add(format!("H{rest}"));
    }
    out
}

/// The surname as borne by a man or a woman of the origin's naming style; `married` matters
/// only where the style has a married woman's form (Lithuanian).
pub fn gendered_surname(style: SurnameStyle, surname: &str, female: bool, married: bool) -> String {
    if !female {
        return surname.to_string();
    }
    match style {
        SurnameStyle::Polish => {
            for (m, f) in [
                ("ski", "ska"),
                ("cki", "cka"),
                ("dzki", "dzka"),
                ("ny", "na"),
            ] {
                if let Some(stem) = surname.strip_suffix(m) {
                    return format!("{stem}{f}");
                }
            }
            surname.to_string()
        }
        SurnameStyle::Bulgarian => {
            if surname.ends_with("ov") || surname.ends_with("ev") || surname.ends_with("in") {
                format!("{surname}a")
            } else if let Some(stem) = surname.strip_suffix("ski") {
                format!("{stem}ska")
            } else {
                surname.to_string()
            }
        }
        SurnameStyle::Ukrainian => {
            if let Some(stem) = surname.strip_suffix("yi") {
                // Kovalskyi → Kovalska, Chornyi → Chorna.
                return format!("{stem}a");
            }
            if surname.ends_with("ov") || surname.ends_with("ev") || surname.ends_with("in") {
                return format!("{surname}a");
            }
            surname.to_string()
        }
        SurnameStyle::Lithuanian => {
            // Longest endings first: -ius before -us, -ys/-is before -s.
            let forms: [(&str, &str, &str); 7] = [
                ("ius", "ienė", "iūtė"),
                ("as", "ienė", "aitė"),
                ("us", "ienė", "utė"),
                ("ys", "ienė", "ytė"),
                ("is", "ienė", "ytė"),
                ("a", "ienė", "aitė"),
                ("ė", "ienė", "ytė"),
            ];
            for (ending, wife, daughter) in forms {
                if let Some(stem) = surname.strip_suffix(ending) {
                    return format!("{stem}{}", if married { wife } else { daughter });
                }
            }
            surname.to_string()
        }
        SurnameStyle::Plain | SurnameStyle::Vietnamese => surname.to_string(),
    }
}

/// Folds the diacritics of the names in these pools to ASCII, as a keyboard without them
/// writes them (`Łukasz` → `Lukasz`, `Ștefan` → `Stefan`, `Kazlauskienė` → `Kazlauskiene`).
pub fn strip_diacritics(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ą' | 'ă' | 'â' | 'á' | 'à' | 'ã' | 'ä' => 'a',
            'Ą' | 'Ă' | 'Â' | 'Á' | 'À' | 'Ã' | 'Ä' => 'A',
            'ć' | 'č' | 'ç' => 'c',
            'Ć' | 'Č' | 'Ç' => 'C',
            'ę' | 'ė' | 'é' | 'ê' | 'è' | 'ë' => 'e',
            'Ę' | 'Ė' | 'É' | 'Ê' | 'È' | 'Ë' => 'E',
            'î' | 'í' | 'į' | 'ì' | 'ï' => 'i',
            'Î' | 'Í' | 'Į' | 'Ì' | 'Ï' => 'I',
            'ł' => 'l',
            'Ł' => 'L',
            'ń' | 'ñ' => 'n',
            'Ń' | 'Ñ' => 'N',
            'ó' | 'ô' | 'õ' | 'ö' | 'ő' | 'ò' => 'o',
            'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ő' | 'Ò' => 'O',
            'ś' | 'ș' | 'ş' | 'š' => 's',
            'Ś' | 'Ș' | 'Ş' | 'Š' => 'S',
            'ț' | 'ţ' => 't',
            'Ț' | 'Ţ' => 'T',
            'ū' | 'ú' | 'ų' | 'ü' | 'ű' | 'ù' => 'u',
            'Ū' | 'Ú' | 'Ų' | 'Ü' | 'Ű' | 'Ù' => 'U',
            'ź' | 'ż' | 'ž' => 'z',
            'Ź' | 'Ż' | 'Ž' => 'Z',
            other => other,
        })
        .collect()
}

/// Street names that members of county lines and gangs are known by.
pub const STREET_ALIASES: &[&str] = &[
    "Tiny", "Lil J", "Smokey", "Reds", "Skinny", "Bossman", "Trapz", "Ghost", "Chino", "Rocco",
    "Benz", "Dex", "Kash", "Milli", "Nitro", "Ozzy", "Pepsi", "Ratty", "Scrappy", "Titch", "Zeus",
    "Wizz", "Krazy", "Bugsy", "Shadow", "Blue", "Snipes", "Tank", "Biggs", "Moony", "Spider",
    "Jinx", "Fuzz", "Marley", "Stretch", "Digga", "Loco", "Vex", "Rambo", "Ninja",
];

/// The brands county lines trade under.
pub const LINE_BRANDS: &[&str] = &[
    "JAY", "BANDO", "TEDDY", "MOJO", "ZED", "ACE", "DEE", "TIGER", "BRAVO", "VEE", "KANE", "RICO",
    "BLADE", "MILLS", "FLEX", "TANK", "BIGZ", "SNOW", "CASPER", "NIKE", "DOLLAR", "MARLEY",
    "SPEEDY", "ROCKY", "K2", "FROSTY", "BOLT", "LUCKY", "SONIC", "GUNNER",
];

/// Names used in online adverts for the women moved between flats.
pub const WORKING_NAMES: &[&str] = &[
    "Bella", "Lola", "Angel", "Candy", "Sasha", "Roxy", "Kitty", "Nikki", "Crystal", "Destiny",
    "Jasmin", "Coco", "Mimi", "Barbie", "Honey", "Lexi",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn check_surname(style: SurnameStyle, male: &str, married: &str, unmarried: &str) {
        assert_eq!(gendered_surname(style, male, true, true), married);
        assert_eq!(gendered_surname(style, male, true, false), unmarried);
        assert_eq!(gendered_surname(style, male, false, true), male);
    }

    #[test]
    fn surnames_take_their_feminine_forms() {
        check_surname(SurnameStyle::Polish, "Kowalski", "Kowalska", "Kowalska");
        check_surname(SurnameStyle::Polish, "Konieczny", "Konieczna", "Konieczna");
        check_surname(SurnameStyle::Polish, "Nowak", "Nowak", "Nowak");
        check_surname(SurnameStyle::Bulgarian, "Ivanov", "Ivanova", "Ivanova");
        let lithuanian = SurnameStyle::Lithuanian;
        check_surname(lithuanian, "Kazlauskas", "Kazlauskienė", "Kazlauskaitė");
        check_surname(lithuanian, "Stankevičius", "Stankevičienė", "Stankevičiūtė");
        check_surname(lithuanian, "Butkus", "Butkienė", "Butkutė");
        check_surname(lithuanian, "Adomaitis", "Adomaitienė", "Adomaitytė");
        check_surname(lithuanian, "Kairys", "Kairienė", "Kairytė");
        check_surname(lithuanian, "Mažeika", "Mažeikienė", "Mažeikaitė");
        check_surname(SurnameStyle::Ukrainian, "Kovalskyi", "Kovalska", "Kovalska");
        check_surname(SurnameStyle::Ukrainian, "Chornyi", "Chorna", "Chorna");
        check_surname(
            SurnameStyle::Ukrainian,
            "Shevchenko",
            "Shevchenko",
            "Shevchenko",
        );
        check_surname(SurnameStyle::Plain, "Smith", "Smith", "Smith");
    }

    #[test]
    fn every_lithuanian_surname_has_feminine_forms() {
        for i in 0..surname_count(LITHUANIAN) as u16 {
            let male = surname(LITHUANIAN, i);
            for married in [true, false] {
                let female = gendered_surname(SurnameStyle::Lithuanian, male, true, married);
                assert_ne!(female, male, "{male}");
            }
        }
    }

    #[test]
    fn variants_and_folding() {
        assert!(forename_variants("William").contains(&"Bill"));
        assert!(forename_variants("Margaret").contains(&"Maggie"));
        assert!(forename_variants("Oliver").contains(&"Ollie"));
        assert!(forename_variants("Nobody").is_empty());
        assert!(surname_variants("Hussain").contains(&"Hussein".to_string()));
        assert!(surname_variants("MacKenzie").contains(&"McKenzie".to_string()));
        assert!(surname_variants("McAteer").contains(&"MacAteer".to_string()));
        assert!(surname_variants("O'Hara").contains(&"OHara".to_string()));
        let double = surname_variants("Hughes-Clarke");
        assert!(double.contains(&"Hughes Clarke".to_string()));
        assert!(double.contains(&"Clarke".to_string()));
        assert!(surname_variants("Levytskyi").contains(&"Levytsky".to_string()));
        assert!(surname_variants("Macey").is_empty());
        assert_eq!(strip_diacritics("Łukasz Wójcik"), "Lukasz Wojcik");
        assert_eq!(strip_diacritics("Ștefan Năstase"), "Stefan Nastase");
        assert_eq!(
            strip_diacritics("Gonçalves Kazlauskienė"),
            "Goncalves Kazlauskiene"
        );
    }

    #[test]
    fn every_origin_has_its_names_and_every_mix_covers_the_origins() {
        for (o, origin) in ORIGINS.iter().enumerate() {
            let o = o as u8;
            assert!(
                surname_count(o) >= 80,
                "{}: {}",
                origin.key,
                surname_count(o)
            );
            for i in 0..surname_count(o) as u16 {
                let s = surname(o, i);
                assert!(
                    !s.contains(char::is_whitespace)
                        && s.chars().next().is_some_and(char::is_uppercase)
                        && s.chars()
                            .all(|c| c.is_alphabetic() || c == '\'' || c == '-'),
                    "{}: {s:?}",
                    origin.key
                );
            }
            for female in [false, true] {
                let given = &names_of(o).given[usize::from(female)];
                assert!(given.len() >= 30, "{} {female}", origin.key);
                assert!(given.iter().all(|g| !g.contains(char::is_whitespace)));
            }
        }
        // The populous and diverse origins have long tails.
        assert!(surname_count(BRITISH) > 8_000, "{}", surname_count(BRITISH));
        for o in [POLISH, ROMANIAN, LITHUANIAN, UKRAINIAN] {
            assert!(surname_count(o) > 300, "{}: {}", o, surname_count(o));
        }
        for mix in [
            BACKGROUND_MIX,
            DRUGS_MIX,
            MIGRANT_WORKER_MIX,
            SEX_EXPLOITATION_MIX,
        ] {
            assert_eq!(mix.len(), ORIGINS.len());
            assert!(mix.iter().sum::<u32>() > 0);
        }
    }

    /// The share of an origin's families bearing a surname.
    fn share(origin: u8, name: &str) -> f64 {
        let id = surname_index(origin, name).expect(name);
        let names = names_of(origin);
        names
            .traditions
            .iter()
            .zip(names.tradition_table.probabilities())
            .map(|(t, (_, weight))| weight * t.surnames.probability(id))
            .sum()
    }

    #[test]
    fn surnames_have_their_published_shares() {
        let check = |origin, name, low: f64, high: f64| {
            let s = share(origin, name);
            assert!((low..high).contains(&s), "{name}: {s}");
        };
        check(BRITISH, "Smith", 0.0125, 0.0140);
        check(BRITISH, "Jones", 0.0095, 0.0105);
        check(POLISH, "Nowak", 0.005, 0.006);
        check(VIETNAMESE, "Nguyen", 0.36, 0.42);
        check(SOUTH_ASIAN, "Patel", 0.06, 0.09);
        // The rarest British names are each a handful per million.
        let british = &names_of(BRITISH).traditions[0].surnames;
        let rarest = british.probabilities().map(|(_, p)| p).fold(1.0, f64::min);
        assert!(rarest < 20.0e-6, "{rarest}");
    }

    /// The most likely forename for a sex and year of birth.
    fn most_likely(origin: u8, female: bool, born: i32) -> &'static str {
        let cohort = names_of(origin).traditions[0].given[usize::from(female)].cohort(born);
        let (id, _) = cohort
            .probabilities()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .expect("a filled cohort");
        given_name(origin, female, id)
    }

    #[test]
    fn forenames_follow_the_decade_of_birth() {
        assert_eq!(most_likely(BRITISH, false, 1938), "John");
        assert_eq!(most_likely(BRITISH, false, 1955), "David");
        assert_eq!(most_likely(BRITISH, false, 2015), "Oliver");
        assert_eq!(most_likely(BRITISH, true, 1936), "Margaret");
        assert_eq!(most_likely(BRITISH, true, 1957), "Susan");
        assert_eq!(most_likely(BRITISH, true, 2022), "Olivia");
        assert_eq!(most_likely(POLISH, true, 2001), "Julia");
    }

    #[test]
    fn names_are_drawn_reproducibly_with_middle_names_as_records_have_them() {
        let draw = |seed| independent_sample(seed, 2_000, &BACKGROUND_MIX, &[1960, 1985, 2005]);
        assert_eq!(draw(1), draw(1));
        assert_ne!(draw(1), draw(2));
        let names = draw(3);
        let with_middle = names
            .iter()
            .filter(|n| n.split_whitespace().count() > 2)
            .count();
        assert!((1_000..1_500).contains(&with_middle), "{with_middle}");
        // Nobody's middle name repeats their forename.
        assert!(names.iter().all(|n| {
            let w: Vec<&str> = n.split_whitespace().collect();
            w.len() < 3 || w[0] != w[1]
        }));
    }

    #[test]
    fn sharing_counts_people_who_share_a_name() {
        let s = sharing([
            "John SMITH",
            "john smith",
            "John Paul SMITH",
            "Łukasz NOWAK",
            "Lukasz NOWAK",
            "Sean O'BRIEN",
            "Mary JONES",
        ]);
        assert_eq!(s.people, 7);
        assert_eq!(s.full_name_shared, 4);
        assert_eq!(s.forename_surname_shared, 5);
        assert_eq!(s.largest_forename_surname, ("john smith".to_string(), 3));
        assert_eq!(s.largest_full_name.1, 2);
    }
}
