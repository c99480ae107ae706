//! Comparing two person records field by field. Each comparison places the pair on one of a few
//! ordered *levels* (exact, nickname, close spelling, sounds alike, different…); the model turns
//! each level into a match weight. Level 0 of every field means "missing on one side" and carries
//! no weight.

use crate::record::{Dob, PersonRecord};
use rphonetic::{DoubleMetaphone, Encoder};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The fields compared, in the order of a comparison vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Forename,
    Surname,
    Dob,
    Gender,
    Nationality,
    Phone,
    Address,
    Vehicle,
    Alias,
    Associate,
    Identifier,
}

pub const FIELDS: [Field; 11] = [
    Field::Forename,
    Field::Surname,
    Field::Dob,
    Field::Gender,
    Field::Nationality,
    Field::Phone,
    Field::Address,
    Field::Vehicle,
    Field::Alias,
    Field::Associate,
    Field::Identifier,
];

pub const FIELD_COUNT: usize = FIELDS.len();

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::Forename => "forename",
            Field::Surname => "surname",
            Field::Dob => "date of birth",
            Field::Gender => "gender",
            Field::Nationality => "nationality",
            Field::Phone => "phone",
            Field::Address => "address",
            Field::Vehicle => "vehicle",
            Field::Alias => "street name",
            Field::Associate => "named associate",
            Field::Identifier => "official identifier",
        }
    }

    /// The levels of this field, strongest agreement first after "missing".
    pub fn levels(self) -> &'static [&'static str] {
        match self {
            Field::Forename => &[
                "missing",
                "exact",
                "nickname or alias",
                "initial",
                "spelling very close",
                "spelling close or sounds alike",
                "different",
            ],
            Field::Surname => &[
                "missing",
                "exact",
                "spelling very close",
                "sounds alike",
                "spelling close",
                "different",
            ],
            Field::Dob => &[
                "missing",
                "exact",
                "day and month swapped",
                "one digit different or two swapped",
                "same month and year",
                "same year",
                "years compatible",
                "different",
            ],
            Field::Gender | Field::Nationality => &["missing", "same", "different"],
            Field::Phone | Field::Vehicle => &["missing", "shared", "none shared"],
            Field::Address => &[
                "missing",
                "same premises",
                "same house, postcode or street nearly alike",
                "same street",
                "different",
            ],
            Field::Alias => &["missing", "shared", "different"],
            Field::Associate => &["missing", "shared", "none shared"],
            Field::Identifier => &[
                "missing",
                "same",
                "one or two characters different",
                "different",
            ],
        }
    }
}

impl Field {
    /// Whether this field's u is taken among different people who share a surname when the
    /// pair's surnames agree ([`surname_shared`]). A household shares more than a surname: its
    /// members share premises, phones, vehicles, nationality and the people they are seen with,
    /// so agreement on these says far less between two people of one surname than between two
    /// people drawn at random. Forename and date of birth, which tell household members apart,
    /// keep their u.
    pub fn kin_conditioned(self) -> bool {
        !matches!(self, Field::Forename | Field::Surname | Field::Dob)
    }
}

/// Whether a pair's surnames agree (exactly, or spelled very nearly alike): then the fields
/// [`Field::kin_conditioned`] are weighed with u among people of one surname.
pub fn surname_shared(levels: &Levels) -> bool {
    levels[1] == 1 || levels[1] == 2
}

/// Levels for each field, indexed like [`FIELDS`].
pub type Levels = [u8; FIELD_COUNT];

/// The outcome of comparing two records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comparison {
    pub levels: Levels,
    /// The names matched best with forename and surname swapped over.
    pub swapped: bool,
    /// With `swapped`: the record written the other way round is `a` (its surname is the
    /// forename matched, its forename the surname), not `b`.
    pub swapped_a: bool,
}

/// The key of a full name for frequency counting, the same whichever way round it is written.
pub fn full_name_key(forename: &str, surname: &str) -> String {
    if forename <= surname {
        format!("{forename}|{surname}")
    } else {
        format!("{surname}|{forename}")
    }
}

/// Forename equivalence groups (nicknames, formal forms, transliterations).
pub struct Nicknames {
    groups: HashMap<String, Vec<u16>>,
}

impl Nicknames {
    fn load() -> Nicknames {
        let mut groups: HashMap<String, Vec<u16>> = HashMap::new();
        let text = include_str!("../data/nicknames.txt");
        let mut group = 0u16;
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            for name in line.split_whitespace() {
                groups.entry(name.to_string()).or_default().push(group);
            }
            group += 1;
        }
        Nicknames { groups }
    }

    pub fn get() -> &'static Nicknames {
        static NICKNAMES: OnceLock<Nicknames> = OnceLock::new();
        NICKNAMES.get_or_init(Nicknames::load)
    }

    /// The groups a forename belongs to.
    pub fn groups(&self, name: &str) -> &[u16] {
        self.groups.get(name).map(|g| g.as_slice()).unwrap_or(&[])
    }

    pub fn equivalent(&self, a: &str, b: &str) -> bool {
        let (ga, gb) = (self.groups(a), self.groups(b));
        ga.iter().any(|g| gb.contains(g))
    }
}

/// Nationalities by every way records write them (`data/nationalities.txt`).
struct Nationalities {
    codes: HashMap<String, &'static str>,
}

impl Nationalities {
    fn get() -> &'static Nationalities {
        static NATIONALITIES: OnceLock<Nationalities> = OnceLock::new();
        NATIONALITIES.get_or_init(|| {
            let mut codes = HashMap::new();
            for line in include_str!("../data/nationalities.txt").lines() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let mut names = line.split('|');
                let Some(code) = names.next() else { continue };
                codes.insert(code.to_string(), code);
                for name in names {
                    codes.insert(name.to_string(), code);
                }
            }
            Nationalities { codes }
        })
    }
}

/// A folded nationality as one code however it was written ("British", "UK", "GBR" → `gbr`);
/// one not known is kept as written.
pub fn nationality_key(folded: &str) -> String {
    Nationalities::get()
        .codes
        .get(folded)
        .map_or_else(|| folded.to_string(), |c| c.to_string())
}

/// The primary Double Metaphone code of a folded name.
pub fn metaphone(name: &str) -> String {
    static ENCODER: OnceLock<DoubleMetaphone> = OnceLock::new();
    let encoder = ENCODER.get_or_init(DoubleMetaphone::default);
    encoder.encode(name)
}

/// A record with what comparisons need precomputed.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub record: PersonRecord,
    /// A hash of the report the mention is in (its id before `#`): two people a report lists
    /// separately are two people.
    pub report: u64,
    pub forename_sound: Option<String>,
    pub surname_sound: Option<String>,
    /// The names as comparisons use them (hashes, sounds, letters).
    pub forename_key: NameKey,
    pub surname_key: NameKey,
    pub forename_groups: Vec<u16>,
    /// The nickname groups of the surname, for a record with its names the wrong way round.
    pub surname_groups: Vec<u16>,
    /// Hashes of the identifying sets, so that "do these share one" compares integers: phones,
    /// premises, streets, vehicles, street names (aliases), associates.
    pub phone_keys: Vec<u64>,
    pub address_keys: Vec<u64>,
    pub street_keys: Vec<u64>,
    pub vehicle_keys: Vec<u64>,
    pub alias_keys: Vec<u64>,
    pub associate_keys: Vec<u64>,
    /// The nationality as one code ([`nationality_key`]).
    pub nationality: Option<String>,
    /// The premises keys taken apart, for a near match.
    pub premises: Vec<Premises>,
    /// The `street/town` keys taken apart: (street, town).
    pub street_names: Vec<(String, String)>,
    /// Term-frequency adjustments for an exact forename and surname match, set by the model in
    /// use ([`crate::Model::set_tf`]).
    pub forename_tf: f64,
    pub surname_tf: f64,
    /// The adjustment when forename and surname both agree exactly, from how often the full
    /// name occurs: names run in families and communities, so a full name can be far commoner
    /// than its two parts' frequencies multiplied suggest.
    pub full_name_tf: f64,
}

impl Prepared {
    pub fn new(record: PersonRecord) -> Prepared {
        let forename_sound = record
            .forename
            .as_deref()
            .filter(|f| f.len() > 1)
            .map(metaphone)
            .filter(|m| !m.is_empty());
        let surname_sound = record
            .surname
            .as_deref()
            .map(metaphone)
            .filter(|m| !m.is_empty());
        Prepared::with_sounds(record, forename_sound, surname_sound)
    }

    /// Prepares many records, working out each distinct name's sound once.
    pub fn all(records: Vec<PersonRecord>) -> Vec<Prepared> {
        use rayon::prelude::*;
        let mut names: Vec<&str> = records
            .iter()
            .flat_map(|r| {
                r.forename
                    .as_deref()
                    .filter(|f| f.len() > 1)
                    .into_iter()
                    .chain(r.surname.as_deref())
            })
            .collect();
        names.par_sort_unstable();
        names.dedup();
        let sounds: HashMap<&str, Option<String>> = names
            .par_iter()
            .map(|n| (*n, Some(metaphone(n)).filter(|m| !m.is_empty())))
            .collect();
        let sounds: Vec<(Option<String>, Option<String>)> = records
            .iter()
            .map(|r| {
                let f = r.forename.as_deref().filter(|f| f.len() > 1);
                (
                    f.and_then(|f| sounds.get(f).cloned().flatten()),
                    r.surname
                        .as_deref()
                        .and_then(|s| sounds.get(s).cloned().flatten()),
                )
            })
            .collect();
        records
            .into_par_iter()
            .zip(sounds)
            .map(|(r, (f, s))| Prepared::with_sounds(r, f, s))
            .collect()
    }

    fn with_sounds(
        record: PersonRecord,
        forename_sound: Option<String>,
        surname_sound: Option<String>,
    ) -> Prepared {
        let nick = Nicknames::get();
        let hashes = |v: &[String]| -> Vec<u64> { v.iter().map(|x| text_hash(x)).collect() };
        Prepared {
            report: report_key(&record.mention),
            forename_key: NameKey::new(record.forename.as_deref(), forename_sound.as_deref()),
            surname_key: NameKey::new(record.surname.as_deref(), surname_sound.as_deref()),
            phone_keys: hashes(&record.phones),
            address_keys: hashes(&record.addresses),
            street_keys: hashes(&record.streets),
            vehicle_keys: hashes(&record.vehicles),
            alias_keys: hashes(&record.aliases),
            associate_keys: hashes(&record.associates),
            nationality: record.nationality.as_deref().map(nationality_key),
            premises: record
                .addresses
                .iter()
                .filter_map(|k| Premises::parse(k))
                .collect(),
            street_names: record
                .streets
                .iter()
                .filter_map(|k| k.split_once('/'))
                .map(|(s, t)| (s.to_string(), t.to_string()))
                .collect(),
            forename_sound,
            surname_sound,
            forename_groups: record
                .forename
                .as_deref()
                .map(|f| nick.groups(f).to_vec())
                .unwrap_or_default(),
            surname_groups: record
                .surname
                .as_deref()
                .map(|f| nick.groups(f).to_vec())
                .unwrap_or_default(),
            forename_tf: 0.0,
            surname_tf: 0.0,
            full_name_tf: 0.0,
            record,
        }
    }
}

/// A premises key (`place|house|flat`) taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Premises {
    /// A postcode (upper case, as [`model::Postcode`] writes it) or `street/town` (folded).
    place: String,
    house: String,
    flat: String,
}

impl Premises {
    fn parse(key: &str) -> Option<Premises> {
        let mut parts = key.splitn(3, '|');
        let (place, house, flat) = (parts.next()?, parts.next()?, parts.next().unwrap_or(""));
        (!house.is_empty()).then(|| Premises {
            place: place.to_string(),
            house: house.to_string(),
            flat: flat.to_string(),
        })
    }

    fn postcode(&self) -> Option<&str> {
        self.place
            .bytes()
            .any(|b| b.is_ascii_uppercase())
            .then_some(self.place.as_str())
    }

    /// The same house and flat, with a postcode one character out or a street (and town) spelled
    /// nearly alike: a slip in writing the address, not another address.
    fn nearly(&self, other: &Premises) -> bool {
        if self.house != other.house || self.flat != other.flat {
            return false;
        }
        match (self.postcode(), other.postcode()) {
            (Some(p), Some(q)) => {
                let (p, q): (String, String) = (
                    p.chars().filter(|c| *c != ' ').collect(),
                    q.chars().filter(|c| *c != ' ').collect(),
                );
                strsim::damerau_levenshtein(&p, &q) <= 1
            }
            (None, None) => {
                let split = |p: &str| -> (String, String) {
                    match p.split_once('/') {
                        Some((s, t)) => (s.to_string(), t.to_string()),
                        None => (p.to_string(), String::new()),
                    }
                };
                near_street(&split(&self.place), &split(&other.place))
            }
            _ => false,
        }
    }
}

/// How alike two street names (or towns) must be to be spellings of one.
const STREET_SIMILARITY: f64 = 0.9;

/// Two (street, town) pairs that are one street: the street names spelled alike or nearly, and
/// the towns too where both are given.
fn near_street(a: &(String, String), b: &(String, String)) -> bool {
    let alike = |x: &str, y: &str| x == y || jaro_winkler(x, y) >= STREET_SIMILARITY;
    !a.0.is_empty() && alike(&a.0, &b.0) && (a.1.is_empty() || b.1.is_empty() || alike(&a.1, &b.1))
}

/// Address level: the same premises, nearly the same (a slip in postcode or street), the same
/// street, or different.
fn address_level(a: &Prepared, b: &Prepared) -> u8 {
    let (ra, rb) = (&a.record, &b.record);
    if ra.addresses.is_empty() && ra.streets.is_empty()
        || rb.addresses.is_empty() && rb.streets.is_empty()
    {
        return 0;
    }
    if shares(&a.address_keys, &b.address_keys) {
        return 1;
    }
    if a.premises
        .iter()
        .any(|x| b.premises.iter().any(|y| x.nearly(y)))
    {
        return 2;
    }
    if shares(&a.street_keys, &b.street_keys)
        || a.street_names
            .iter()
            .any(|x| b.street_names.iter().any(|y| near_street(x, y)))
    {
        return 3;
    }
    4
}

/// A 64-bit hash of a string: two keys are taken to be equal when their hashes are.
pub fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// A name as comparisons use it: its hash (0 for none), its sound's hash (0 for none), and how
/// many times each letter occurs, which bounds the Jaro–Winkler similarity from above without
/// working it out.
#[derive(Debug, Clone, Default)]
pub struct NameKey {
    pub hash: u64,
    pub sound: u64,
    letters: [u8; 27],
}

impl NameKey {
    pub fn new(name: Option<&str>, sound: Option<&str>) -> NameKey {
        let mut letters = [0u8; 27];
        for b in name.unwrap_or_default().bytes() {
            let i = if b.is_ascii_lowercase() {
                (b - b'a') as usize
            } else {
                26
            };
            letters[i] = letters[i].saturating_add(1);
        }
        NameKey {
            hash: name.map_or(0, text_hash),
            sound: sound.map_or(0, text_hash),
            letters,
        }
    }
}

/// Whether the Jaro–Winkler similarity of `a` and `b` reaches `at_least`, skipping the work
/// when the letters they have in common could not give that much: Jaro's matches are at most
/// the letters in common, and the Winkler bonus at most the common prefix.
fn jaro_winkler_bound(a: &str, ka: &NameKey, b: &str, kb: &NameKey) -> f64 {
    let (la, lb) = (a.len() as f64, b.len() as f64);
    let common: u32 = ka
        .letters
        .iter()
        .zip(&kb.letters)
        .map(|(x, y)| u32::from(*x.min(y)))
        .sum();
    if common == 0 {
        return 0.0;
    }
    let m = f64::from(common);
    let jaro = ((m / la + m / lb + 1.0) / 3.0).min(1.0);
    let prefix = a
        .bytes()
        .zip(b.bytes())
        .take(4)
        .take_while(|(x, y)| x == y)
        .count() as f64;
    jaro + prefix * 0.1 * (1.0 - jaro)
}

/// Jaro–Winkler similarity when it could reach `floor`, else 0: below the lowest level that
/// needs it, the exact value does not matter.
fn similarity(a: &str, ka: &NameKey, b: &str, kb: &NameKey, floor: f64) -> f64 {
    if jaro_winkler_bound(a, ka, b, kb) < floor {
        0.0
    } else {
        jaro_winkler(a, b)
    }
}

/// A hash of the report part of a mention id (`<ref>#<local id>`).
pub fn report_key(mention: &str) -> u64 {
    text_hash(mention.rsplit_once('#').map_or(mention, |(r, _)| r))
}

/// Whether two records are different people listed in one report. A report lists each person it
/// is about once, so two of its mentions are two people, however alike.
pub fn same_report(a: &Prepared, b: &Prepared) -> bool {
    a.report == b.report && a.record.mention != b.record.mention
}

/// Jaro–Winkler similarity of two folded (ASCII) names, without allocating: this runs for
/// every candidate pair, millions of times. Longer strings fall back to `strsim`.
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() > 64 || b.len() > 64 {
        return strsim::jaro_winkler(
            std::str::from_utf8(a).unwrap_or_default(),
            std::str::from_utf8(b).unwrap_or_default(),
        );
    }
    if a.is_empty() || b.is_empty() {
        return if a.is_empty() && b.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    if a == b {
        return 1.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut a_matched = [false; 64];
    let mut b_matched = [false; 64];
    let mut matches = 0usize;
    for (i, &ca) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        for j in lo..hi {
            if !b_matched[j] && b[j] == ca {
                a_matched[i] = true;
                b_matched[j] = true;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let mut transpositions = 0usize;
    let mut j = 0usize;
    for (i, &ca) in a.iter().enumerate() {
        if !a_matched[i] {
            continue;
        }
        while !b_matched[j] {
            j += 1;
        }
        if ca != b[j] {
            transpositions += 1;
        }
        j += 1;
    }
    let m = matches as f64;
    let jaro =
        (m / a.len() as f64 + m / b.len() as f64 + (m - (transpositions / 2) as f64) / m) / 3.0;
    let prefix = a
        .iter()
        .zip(b.iter())
        .take(4)
        .take_while(|(x, y)| x == y)
        .count() as f64;
    jaro + prefix * 0.1 * (1.0 - jaro)
}

/// One side of a forename comparison.
#[derive(Clone, Copy)]
struct GivenName<'a> {
    name: &'a str,
    key: &'a NameKey,
    groups: &'a [u16],
    /// Hashes of the record's aliases.
    aliases: &'a [u64],
}

/// Forename level between two given names (which may be surnames when comparing swapped).
fn forename_level(x: GivenName<'_>, y: GivenName<'_>) -> u8 {
    let (a, b) = (x.name, y.name);
    let (la, lb) = (a.len(), b.len());
    if x.key.hash == y.key.hash && la > 1 {
        return 1;
    }
    if la > 1
        && lb > 1
        && (x.groups.iter().any(|g| y.groups.contains(g))
            || x.aliases.contains(&y.key.hash)
            || y.aliases.contains(&x.key.hash))
    {
        return 2;
    }
    if (la == 1 || lb == 1) && a.as_bytes().first() == b.as_bytes().first() {
        return 3;
    }
    if la == 1 || lb == 1 {
        return 6;
    }
    let jw = similarity(a, x.key, b, y.key, 0.8);
    if jw >= 0.92 {
        return 4;
    }
    if jw >= 0.8 || (x.key.sound != 0 && x.key.sound == y.key.sound) {
        return 5;
    }
    6
}

/// The forename level of a swapped comparison when it is strong enough to count (exact,
/// nickname or alias, initial), without working out weaker levels.
fn strong_forename_level(x: GivenName<'_>, y: GivenName<'_>) -> Option<u8> {
    let (a, b) = (x.name, y.name);
    let (la, lb) = (a.len(), b.len());
    if x.key.hash == y.key.hash && la > 1 {
        return Some(1);
    }
    if la > 1
        && lb > 1
        && (x.groups.iter().any(|g| y.groups.contains(g))
            || x.aliases.contains(&y.key.hash)
            || y.aliases.contains(&x.key.hash))
    {
        return Some(2);
    }
    if (la == 1 || lb == 1) && a.as_bytes().first() == b.as_bytes().first() {
        return Some(3);
    }
    None
}

fn surname_level(a: &str, ka: &NameKey, b: &str, kb: &NameKey) -> u8 {
    if ka.hash == kb.hash {
        return 1;
    }
    // Double-barrelled and married names: one surname inside the other.
    if (a.contains(' ') || b.contains(' '))
        && (a.split(' ').all(|p| b.split(' ').any(|q| q == p))
            || b.split(' ').all(|p| a.split(' ').any(|q| q == p)))
    {
        return 2;
    }
    let jw = similarity(a, ka, b, kb, 0.8);
    if jw >= 0.92 {
        return 2;
    }
    if ka.sound != 0 && ka.sound == kb.sound {
        return 3;
    }
    if jw >= 0.8 {
        return 4;
    }
    5
}

/// The digits of `YYYYMMDD`.
fn dob_digits(year: i32, month: u8, day: u8) -> [u8; 8] {
    let y = year.rem_euclid(10_000) as u32;
    [
        (y / 1000) as u8,
        (y / 100 % 10) as u8,
        (y / 10 % 10) as u8,
        (y % 10) as u8,
        month / 10,
        month % 10,
        day / 10,
        day % 10,
    ]
}

fn dob_level(a: &Dob, b: &Dob) -> u8 {
    match (a, b) {
        (
            Dob::Day {
                year: ya,
                month: ma,
                day: da,
            },
            Dob::Day {
                year: yb,
                month: mb,
                day: db,
            },
        ) => {
            if (ya, ma, da) == (yb, mb, db) {
                return 1;
            }
            if ya == yb && ma == db && da == mb {
                return 2;
            }
            let (x, y) = (dob_digits(*ya, *ma, *da), dob_digits(*yb, *mb, *db));
            let differing = x.iter().zip(y.iter()).filter(|(p, q)| p != q).count();
            // One digit mistyped, or two neighbouring digits typed the wrong way round
            // (1987 for 1978, 12 for 21).
            let transposed = differing == 2
                && (0..7).any(|i| x[i] != y[i] && x[i] == y[i + 1] && x[i + 1] == y[i]);
            if differing == 1 || transposed {
                return 3;
            }
            if ya == yb && ma == mb {
                return 4;
            }
            if ya == yb {
                return 5;
            }
            if (ya - yb).abs() <= 1 {
                return 6;
            }
            7
        }
        (
            Dob::Day {
                year: ya,
                month: ma,
                ..
            },
            Dob::Month {
                year: yb,
                month: mb,
            },
        )
        | (
            Dob::Month {
                year: ya,
                month: ma,
            },
            Dob::Day {
                year: yb,
                month: mb,
                ..
            },
        )
        | (
            Dob::Month {
                year: ya,
                month: ma,
            },
            Dob::Month {
                year: yb,
                month: mb,
            },
        ) => {
            if ya == yb && ma == mb {
                4
            } else if ya == yb {
                5
            } else if (ya - yb).abs() <= 1 {
                6
            } else {
                7
            }
        }
        _ => {
            let ((a0, a1), (b0, b1)) = (a.years(), b.years());
            if a0 == a1 && b0 == b1 && a0 == b0 {
                5
            } else if a0 <= b1 + 1 && b0 <= a1 + 1 {
                6
            } else {
                7
            }
        }
    }
}

/// Whether two dates of birth could be one person's: the same, or one slip apart (a day and
/// month swapped, one digit different, the day or the month wrong, or the year wrong with day
/// and month right).
pub fn dob_could_be_one(a: &Dob, b: &Dob) -> bool {
    if dob_level(a, b) <= 5 {
        return true;
    }
    match (a, b) {
        (
            Dob::Day {
                month: ma, day: da, ..
            },
            Dob::Day {
                month: mb, day: db, ..
            },
        ) => ma == mb && da == db,
        _ => false,
    }
}

/// Identifiers agree when any is the same, nearly when two of one type are a slip or two apart
/// (a digit mistyped, two transposed); they disagree only when both records hold one of the
/// same type and none is the same or nearly (two PNC numbers, different: two people).
fn identifier_level(a: &[String], b: &[String]) -> u8 {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    if shares(a, b) {
        return 1;
    }
    let mut same_kind = false;
    for x in a {
        let (kx, vx) = identifier_parts(x);
        for y in b {
            let (ky, vy) = identifier_parts(y);
            if kx != ky {
                continue;
            }
            same_kind = true;
            if nearly_same_identifier(vx, vy) {
                return 2;
            }
        }
    }
    if same_kind { 3 } else { 0 }
}

/// An identifier key's type and value (`type:value`).
fn identifier_parts(key: &str) -> (&str, &str) {
    key.split_once(':').unwrap_or(("", key))
}

/// Two identifier values a slip or two apart: at most one edit (a substitution, insertion,
/// deletion or transposition of neighbours), or two in values of seven characters or more.
fn nearly_same_identifier(a: &str, b: &str) -> bool {
    let longest = a.len().max(b.len());
    if longest < 4 || a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    let allowed = if a.len().min(b.len()) >= 7 { 2 } else { 1 };
    strsim::damerau_levenshtein(a, b) <= allowed
}

fn shares<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    a.iter().any(|x| b.contains(x))
}

fn set_level(a: &[u64], b: &[u64]) -> u8 {
    if a.is_empty() || b.is_empty() {
        0
    } else if shares(a, b) {
        1
    } else {
        2
    }
}

/// Compares two records on every field.
pub fn compare<'a>(a: &'a Prepared, b: &'a Prepared) -> Comparison {
    let (ra, rb) = (&a.record, &b.record);
    let mut levels = [0u8; FIELD_COUNT];
    let mut swapped = false;
    let mut swapped_a = false;

    let straight_forename = match (&ra.forename, &rb.forename) {
        (Some(fa), Some(fb)) => forename_level(
            GivenName {
                name: fa,
                key: &a.forename_key,
                groups: &a.forename_groups,
                aliases: &a.alias_keys,
            },
            GivenName {
                name: fb,
                key: &b.forename_key,
                groups: &b.forename_groups,
                aliases: &b.alias_keys,
            },
        ),
        _ => 0,
    };
    let straight_surname = match (&ra.surname, &rb.surname) {
        (Some(sa), Some(sb)) => surname_level(sa, &a.surname_key, sb, &b.surname_key),
        _ => 0,
    };
    levels[0] = straight_forename;
    levels[1] = straight_surname;
    // Forename and surname written the other way round in one record — in either, and with
    // a nickname or a slip in either name as well ("TUCK Alex" for Alexander TUCK, "Stewsrt
    // EMMA" for Emma STEWART).
    if let (Some(fa), Some(sa), Some(fb), Some(sb)) =
        (&ra.forename, &ra.surname, &rb.forename, &rb.surname)
        && (straight_forename != 1 || straight_surname != 1)
    {
        let given =
            |name: &'a str, key: &'a NameKey, groups: &'a [u16], p: &'a Prepared| GivenName {
                name,
                key,
                groups,
                aliases: &p.alias_keys,
            };
        let straight = straight_forename + straight_surname;
        let mut best: Option<(u8, u8, bool)> = None;
        // b written the other way round: a's forename is in b's surname.
        if let Some(f) = strong_forename_level(
            given(fa, &a.forename_key, &a.forename_groups, a),
            given(sb, &b.surname_key, &b.surname_groups, b),
        ) {
            let s = surname_level(sa, &a.surname_key, fb, &b.forename_key);
            if s <= 2 && f + s < straight {
                best = Some((f, s, false));
            }
        }
        // a written the other way round: a's surname is b's forename.
        if let Some(f) = strong_forename_level(
            given(sa, &a.surname_key, &a.surname_groups, a),
            given(fb, &b.forename_key, &b.forename_groups, b),
        ) {
            let s = surname_level(fa, &a.forename_key, sb, &b.surname_key);
            if s <= 2 && f + s < best.map_or(straight, |(f, s, _)| f + s) {
                best = Some((f, s, true));
            }
        }
        if let Some((f, s, a_first)) = best {
            levels[0] = f;
            levels[1] = s;
            swapped = true;
            swapped_a = a_first;
        }
    }
    levels[2] = match (&ra.dob, &rb.dob) {
        (Some(da), Some(db)) => dob_level(da, db),
        _ => 0,
    };
    levels[3] = match (ra.gender, rb.gender) {
        (Some(ga), Some(gb)) => {
            if ga == gb {
                1
            } else {
                2
            }
        }
        _ => 0,
    };
    levels[4] = match (&a.nationality, &b.nationality) {
        (Some(na), Some(nb)) => {
            if na == nb {
                1
            } else {
                2
            }
        }
        _ => 0,
    };
    levels[5] = set_level(&a.phone_keys, &b.phone_keys);
    levels[6] = address_level(a, b);
    levels[7] = set_level(&a.vehicle_keys, &b.vehicle_keys);
    levels[8] = set_level(&a.alias_keys, &b.alias_keys);
    levels[9] = set_level(&a.associate_keys, &b.associate_keys);
    levels[10] = identifier_level(&ra.identifiers, &rb.identifiers);
    Comparison {
        levels,
        swapped,
        swapped_a,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaro_winkler_agrees_with_strsim() {
        for (a, b) in [
            ("martha", "marhta"),
            ("dwayne", "duane"),
            ("dixon", "dicksonx"),
            ("smith", "smyth"),
            ("kowalski", "kowalsky"),
            ("a", "b"),
            ("abc", "abc"),
            ("jon", "john"),
            ("crate", "trace"),
        ] {
            let ours = jaro_winkler(a, b);
            let theirs = strsim::jaro_winkler(a, b);
            assert!((ours - theirs).abs() < 1e-12, "{a} {b}: {ours} vs {theirs}");
        }
    }

    fn rec(forename: &str, surname: &str, dob: Option<(i32, u8, u8)>) -> Prepared {
        Prepared::new(PersonRecord {
            mention: "R#P1".into(),
            forename: (!forename.is_empty()).then(|| forename.to_string()),
            middle: vec![],
            surname: (!surname.is_empty()).then(|| surname.to_string()),
            aliases: vec![],
            dob: dob.map(|(year, month, day)| Dob::Day { year, month, day }),
            gender: None,
            nationality: None,
            phones: vec![],
            addresses: vec![],
            streets: vec![],
            vehicles: vec![],
            associates: vec![],
            identifiers: vec![],
        })
    }

    fn check(a: &Prepared, b: &Prepared, field: Field, expected: &str) {
        let c = compare(a, b);
        let i = FIELDS.iter().position(|f| *f == field).unwrap();
        assert_eq!(field.levels()[c.levels[i] as usize], expected, "{field:?}");
    }

    #[test]
    fn forename_levels() {
        let john = rec("john", "smith", None);
        check(&john, &rec("john", "smith", None), Field::Forename, "exact");
        check(
            &john,
            &rec("jon", "smith", None),
            Field::Forename,
            "nickname or alias",
        );
        check(
            &john,
            &rec("jack", "smith", None),
            Field::Forename,
            "nickname or alias",
        );
        check(&john, &rec("j", "smith", None), Field::Forename, "initial");
        check(
            &rec("mohammed", "ali", None),
            &rec("muhammad", "ali", None),
            Field::Forename,
            "nickname or alias",
        );
        check(
            &rec("jonathon", "x", None),
            &rec("jonathan", "x", None),
            Field::Forename,
            "nickname or alias",
        );
        check(
            &rec("kayden", "x", None),
            &rec("kaydon", "x", None),
            Field::Forename,
            "spelling very close",
        );
        check(
            &john,
            &rec("kyle", "smith", None),
            Field::Forename,
            "different",
        );
        check(&john, &rec("", "smith", None), Field::Forename, "missing");
    }

    #[test]
    fn surname_levels() {
        let smith = rec("john", "smith", None);
        check(
            &smith,
            &rec("john", "smyth", None),
            Field::Surname,
            "sounds alike",
        );
        check(
            &rec("a", "popescu", None),
            &rec("a", "popesku", None),
            Field::Surname,
            "spelling very close",
        );
        check(
            &smith,
            &rec("john", "brown", None),
            Field::Surname,
            "different",
        );
        check(
            &rec("a", "smith jones", None),
            &rec("a", "smith", None),
            Field::Surname,
            "spelling very close",
        );
    }

    #[test]
    fn swapped_names_are_recognised() {
        let a = rec("john", "smith", None);
        let b = rec("smith", "john", None);
        let c = compare(&a, &b);
        assert!(c.swapped);
        assert_eq!((c.levels[0], c.levels[1]), (1, 1));
    }

    #[test]
    fn dob_levels() {
        let a = rec("a", "b", Some((1999, 2, 3)));
        check(&a, &rec("a", "b", Some((1999, 2, 3))), Field::Dob, "exact");
        check(
            &a,
            &rec("a", "b", Some((1999, 3, 2))),
            Field::Dob,
            "day and month swapped",
        );
        check(
            &a,
            &rec("a", "b", Some((1998, 2, 3))),
            Field::Dob,
            "one digit different or two swapped",
        );
        check(
            &a,
            &rec("a", "b", Some((1999, 2, 13))),
            Field::Dob,
            "one digit different or two swapped",
        );
        check(
            &rec("a", "b", Some((1978, 2, 16))),
            &rec("a", "b", Some((1987, 2, 16))),
            Field::Dob,
            "one digit different or two swapped",
        );
        check(
            &a,
            &rec("a", "b", Some((1999, 2, 27))),
            Field::Dob,
            "same month and year",
        );
        check(
            &a,
            &rec("a", "b", Some((1999, 7, 27))),
            Field::Dob,
            "same year",
        );
        check(
            &a,
            &rec("a", "b", Some((2000, 7, 27))),
            Field::Dob,
            "years compatible",
        );
        check(
            &a,
            &rec("a", "b", Some((1985, 7, 27))),
            Field::Dob,
            "different",
        );
        let mut band = rec("a", "b", None);
        band.record.dob = Some(Dob::Years {
            from: 1997,
            to: 2001,
        });
        check(&a, &band, Field::Dob, "years compatible");
    }
}
