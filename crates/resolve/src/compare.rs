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
                "one digit different",
                "same month and year",
                "same year",
                "years compatible",
                "different",
            ],
            Field::Gender | Field::Nationality => &["missing", "same", "different"],
            Field::Phone | Field::Vehicle => &["missing", "shared", "none shared"],
            Field::Address => &["missing", "same premises", "same street", "different"],
            Field::Alias => &["missing", "shared", "different"],
            Field::Associate => &["missing", "shared", "none shared"],
            Field::Identifier => &["missing", "same", "different"],
        }
    }
}

/// Levels for each field, indexed like [`FIELDS`].
pub type Levels = [u8; FIELD_COUNT];

/// The outcome of comparing two records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comparison {
    pub levels: Levels,
    /// The names matched best with forename and surname swapped over.
    pub swapped: bool,
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
    pub forename_sound: Option<String>,
    pub surname_sound: Option<String>,
    pub forename_groups: Vec<u16>,
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
        let nick = Nicknames::get();
        Prepared {
            forename_sound: record
                .forename
                .as_deref()
                .filter(|f| f.len() > 1)
                .map(metaphone)
                .filter(|m| !m.is_empty()),
            surname_sound: record
                .surname
                .as_deref()
                .map(metaphone)
                .filter(|m| !m.is_empty()),
            forename_groups: record
                .forename
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
struct GivenName<'a> {
    name: &'a str,
    sound: Option<&'a str>,
    groups: &'a [u16],
    aliases: &'a [String],
}

/// Forename level between two given names (which may be surnames when comparing swapped).
fn forename_level(x: GivenName<'_>, y: GivenName<'_>) -> u8 {
    let (a, a_sound, a_groups, a_aliases) = (x.name, x.sound, x.groups, x.aliases);
    let (b, b_sound, b_groups, b_aliases) = (y.name, y.sound, y.groups, y.aliases);
    let (la, lb) = (a.len(), b.len());
    if a == b && la > 1 {
        return 1;
    }
    if la > 1
        && lb > 1
        && (a_groups.iter().any(|g| b_groups.contains(g))
            || a_aliases.iter().any(|x| x == b)
            || b_aliases.iter().any(|x| x == a))
    {
        return 2;
    }
    if (la == 1 || lb == 1) && a.as_bytes().first() == b.as_bytes().first() {
        return 3;
    }
    if la == 1 || lb == 1 {
        return 6;
    }
    let jw = jaro_winkler(a, b);
    if jw >= 0.92 {
        return 4;
    }
    if jw >= 0.8 || (a_sound.is_some() && a_sound == b_sound) {
        return 5;
    }
    6
}

fn surname_level(a: &str, a_sound: Option<&str>, b: &str, b_sound: Option<&str>) -> u8 {
    if a == b {
        return 1;
    }
    // Double-barrelled and married names: one surname inside the other.
    if (a.contains(' ') || b.contains(' '))
        && (a.split(' ').all(|p| b.split(' ').any(|q| q == p))
            || b.split(' ').all(|p| a.split(' ').any(|q| q == p)))
    {
        return 2;
    }
    let jw = jaro_winkler(a, b);
    if jw >= 0.92 {
        return 2;
    }
    if a_sound.is_some() && a_sound == b_sound {
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
            if differing == 1 {
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

/// Identifiers agree when any is the same; they disagree only when both records hold one of the
/// same type and none is the same (two PNC numbers, different: two people).
fn identifier_level(a: &[String], b: &[String]) -> u8 {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    if shares(a, b) {
        return 1;
    }
    let kind = |k: &String| k.split(':').next().unwrap_or_default().to_string();
    if a.iter().any(|x| b.iter().any(|y| kind(x) == kind(y))) {
        2
    } else {
        0
    }
}

fn shares(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| b.contains(x))
}

fn set_level(a: &[String], b: &[String]) -> u8 {
    if a.is_empty() || b.is_empty() {
        0
    } else if shares(a, b) {
        1
    } else {
        2
    }
}

/// Compares two records on every field.
pub fn compare(a: &Prepared, b: &Prepared) -> Comparison {
    let (ra, rb) = (&a.record, &b.record);
    let mut levels = [0u8; FIELD_COUNT];
    let mut swapped = false;

    let straight_forename = match (&ra.forename, &rb.forename) {
        (Some(fa), Some(fb)) => forename_level(
            GivenName {
                name: fa,
                sound: a.forename_sound.as_deref(),
                groups: &a.forename_groups,
                aliases: &ra.aliases,
            },
            GivenName {
                name: fb,
                sound: b.forename_sound.as_deref(),
                groups: &b.forename_groups,
                aliases: &rb.aliases,
            },
        ),
        _ => 0,
    };
    let straight_surname = match (&ra.surname, &rb.surname) {
        (Some(sa), Some(sb)) => surname_level(
            sa,
            a.surname_sound.as_deref(),
            sb,
            b.surname_sound.as_deref(),
        ),
        _ => 0,
    };
    levels[0] = straight_forename;
    levels[1] = straight_surname;
    // Forename and surname written the other way round in one record.
    if let (Some(fa), Some(sa), Some(fb), Some(sb)) =
        (&ra.forename, &ra.surname, &rb.forename, &rb.surname)
        && (straight_forename != 1 || straight_surname != 1)
    {
        let f = forename_level(
            GivenName {
                name: fa,
                sound: a.forename_sound.as_deref(),
                groups: &a.forename_groups,
                aliases: &ra.aliases,
            },
            GivenName {
                name: sb,
                sound: b.surname_sound.as_deref(),
                groups: &[],
                aliases: &rb.aliases,
            },
        );
        let s = surname_level(
            sa,
            a.surname_sound.as_deref(),
            fb,
            b.forename_sound.as_deref(),
        );
        if f <= 3 && s <= 2 && (f + s) < (straight_forename + straight_surname) {
            levels[0] = f;
            levels[1] = s;
            swapped = true;
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
    levels[4] = match (&ra.nationality, &rb.nationality) {
        (Some(na), Some(nb)) => {
            if na == nb {
                1
            } else {
                2
            }
        }
        _ => 0,
    };
    levels[5] = set_level(&ra.phones, &rb.phones);
    levels[6] = if ra.addresses.is_empty() && ra.streets.is_empty()
        || rb.addresses.is_empty() && rb.streets.is_empty()
    {
        0
    } else if shares(&ra.addresses, &rb.addresses) {
        1
    } else if shares(&ra.streets, &rb.streets) {
        2
    } else {
        3
    };
    levels[7] = set_level(&ra.vehicles, &rb.vehicles);
    levels[8] = set_level(&ra.aliases, &rb.aliases);
    levels[9] = set_level(&ra.associates, &rb.associates);
    levels[10] = identifier_level(&ra.identifiers, &rb.identifiers);
    Comparison { levels, swapped }
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
            "one digit different",
        );
        check(
            &a,
            &rec("a", "b", Some((1999, 2, 13))),
            Field::Dob,
            "one digit different",
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
