//! How a value is written down in a report: names in every order and case, nicknames and
//! typos, dates of birth in every UK form and sometimes wrong, phone numbers, registrations and
//! addresses in every format.
//!
//! Two things vary here, and they are kept apart. The *form* a value takes (`SMITH, Jon` or
//! `jon smith`, `07700 900123` or `+447700900123`) is how real feeds differ, and is not an
//! error. The *errors* (a typo, a day/month swap, a wrong digit) are noise, and scale with the
//! noise level: at level 0 every value is written correctly and canonically, at 1 as often
//! wrong as real records are, at 2 twice as often.

use crate::geo::{Addr, BUILDINGS, NO_BUILDING, TOWNS};
use crate::names::{self, ORIGINS};
use crate::util::{Rng, between, chance, pick, weighted};
use crate::world::{Home, Person, Phone, Sex, Vehicle, World};
use rand::Rng as _;
use std::fmt::Write as _;
use time::Date;

/// The noise level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Noise(f64);

impl Noise {
    pub fn new(level: f64) -> Noise {
        Noise(level.max(0.0))
    }

    /// The probability of an error whose rate at level 1 is `base`.
    pub fn p(self, base: f64) -> f64 {
        (base * self.0).clamp(0.0, 0.9)
    }

    /// Whether values are written canonically (level 0).
    pub fn clean(self) -> bool {
        self.0 == 0.0
    }
}

/// How much a source records about a person or place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Custody, arrest, an inspection: names, dates of birth, full addresses.
    Full,
    /// A partner referral, a witness account: a name, perhaps a date of birth.
    Partial,
    /// A member of the public: a first name or a street name at most.
    Slight,
}

/// A typing error in a word: two letters swapped, one dropped, doubled or mistyped. The first
/// letter is kept, as it usually is.
pub fn typo(rng: &mut Rng, word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 3 {
        return word.to_string();
    }
    let i = rng.random_range(1..chars.len());
    let mut out = chars.clone();
    match rng.random_range(0..4) {
        0 if i + 1 < chars.len() => out.swap(i, i + 1),
        1 => {
            out.remove(i);
        }
        2 => out.insert(i, chars[i]),
        _ => {
            let c = chars[i];
            if c.is_ascii_alphabetic() {
                let near = neighbour_key(c.to_ascii_lowercase());
                out[i] = if c.is_ascii_uppercase() {
                    near.to_ascii_uppercase()
                } else {
                    near
                };
            } else {
                out.remove(i);
            }
        }
    }
    out.into_iter().collect()
}

/// A key next to `c` on a UK keyboard.
fn neighbour_key(c: char) -> char {
    const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
    for row in ROWS {
        if let Some(pos) = row.find(c) {
            let bytes = row.as_bytes();
            return if pos + 1 < bytes.len() {
                bytes[pos + 1] as char
            } else {
                bytes[pos - 1] as char
            };
        }
    }
    c
}

fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// A person's name as one report writes it.
pub fn name(rng: &mut Rng, noise: Noise, p: &Person, detail: Detail) -> String {
    let mut forename = p.forename().to_string();
    let mut surname = p.surname();
    if !noise.clean() {
        // Nicknames and other spellings are how people give their names, not errors, but they
        // are what makes resolution hard, so they scale with the noise too.
        let variants = names::forename_variants(&forename);
        if !variants.is_empty() && chance(rng, noise.p(0.14)) {
            forename = pick(rng, variants).to_string();
        }
        let variants = names::surname_variants(&surname);
        if !variants.is_empty() && chance(rng, noise.p(0.12)) {
            surname = pick(rng, &variants).clone();
        }
        if !forename.is_ascii() && chance(rng, noise.p(0.5)) {
            forename = names::strip_diacritics(&forename);
        }
        if !surname.is_ascii() && chance(rng, noise.p(0.5)) {
            surname = names::strip_diacritics(&surname);
        }
        if chance(rng, noise.p(0.05)) {
            forename = typo(rng, &forename);
        }
        if chance(rng, noise.p(0.05)) {
            surname = typo(rng, &surname);
        }
        // The forename and surname recorded the wrong way round.
        if chance(rng, noise.p(0.025)) {
            std::mem::swap(&mut forename, &mut surname);
        }
    }
    if p.family_name_first() {
        // Vietnamese names: family name, middle name, given name, in either order. The few
        // without a middle name are written without one.
        let middle = p.middle().map(|m| format!(" {m}")).unwrap_or_default();
        return if noise.clean() || chance(rng, 0.5) {
            format!("{}{middle} {forename}", upper(&surname))
        } else if chance(rng, 0.5) {
            format!("{forename}{middle} {}", upper(&surname))
        } else {
            format!("{surname}{middle} {forename}")
        };
    }
    if detail == Detail::Slight && !noise.clean() {
        // The public know a first name or a street name.
        if let Some(alias) = p.alias()
            && chance(rng, 0.6)
        {
            return format!("'{alias}'");
        }
        if chance(rng, 0.5) {
            return forename;
        }
    }
    let middle = match (detail, p.middle()) {
        (Detail::Full, Some(m)) if noise.clean() || chance(rng, 0.4) => Some(m),
        _ => None,
    };
    let given = match middle {
        Some(m) => format!("{forename} {m}"),
        None => forename.clone(),
    };
    let mut out = if noise.clean() {
        format!("{given} {}", upper(&surname))
    } else {
        match weighted(rng, &[34, 20, 10, 10, 15, 5, 6]) {
            0 => format!("{given} {}", upper(&surname)),
            1 => format!("{}, {given}", upper(&surname)),
            2 => format!("{} {}", given.to_lowercase(), surname.to_lowercase()),
            3 => format!("{} {}", upper(&given), upper(&surname)),
            4 => format!("{given} {surname}"),
            5 => format!("{} {given}", upper(&surname)),
            _ => {
                let initial: String = forename.chars().take(1).collect();
                if chance(rng, 0.5) {
                    format!("{initial}. {surname}")
                } else {
                    format!("{} {initial}", upper(&surname))
                }
            }
        }
    };
    if let Some(alias) = p.alias()
        && chance(rng, if detail == Detail::Full { 0.3 } else { 0.15 })
    {
        let form = if noise.clean() {
            0
        } else {
            rng.random_range(0..3)
        };
        match form {
            0 => {
                let _ = write!(out, " aka '{}'", upper(alias));
            }
            1 => {
                let _ = write!(out, " ({alias})");
            }
            _ => {
                let _ = write!(out, " a.k.a. {alias}");
            }
        }
    }
    out
}

/// How a report refers to a person in its text: a surname, a full name or a first name.
pub fn text_name(rng: &mut Rng, p: &Person) -> String {
    match rng.random_range(0..4) {
        0 => upper(&p.surname()),
        1 => format!("{} {}", p.forename(), upper(&p.surname())),
        2 => p.forename().to_string(),
        _ => match p.alias() {
            Some(a) => format!("'{a}'"),
            None => format!("{} {}", p.forename(), upper(&p.surname())),
        },
    }
}

/// A placeholder for someone whose name the source does not know (never parsed as a name).
pub fn unknown_name(rng: &mut Rng, sex: Sex, child: bool) -> Option<String> {
    let word = match (sex, child) {
        (Sex::Male, false) => *pick(rng, &["unknown male", "male", "Unknown Male", "UNK male"]),
        (Sex::Female, false) => *pick(rng, &["unknown female", "female", "Unknown Female"]),
        (Sex::Male, true) => *pick(rng, &["youth", "unknown male youth", "boy", "young lad"]),
        (Sex::Female, true) => *pick(rng, &["girl", "unknown female youth", "young girl"]),
    };
    if chance(rng, 0.2) {
        None
    } else {
        Some(word.to_string())
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_LONG: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn ordinal(day: u8) -> &'static str {
    match day {
        1 | 21 | 31 => "st",
        2 | 22 => "nd",
        3 | 23 => "rd",
        _ => "th",
    }
}

/// A date of birth as a report writes it, or its absence with an age estimate. Returns
/// `(dob, age_estimate)`.
pub fn dob(
    rng: &mut Rng,
    noise: Noise,
    p: &Person,
    at: Date,
    detail: Detail,
) -> (Option<String>, Option<u32>) {
    let age = p.age_at(at);
    let (nature, error) = match detail {
        Detail::Full => (0.0, 0.08),
        Detail::Partial => (0.35, 0.15),
        Detail::Slight => (0.9, 0.0),
    };
    if chance(rng, nature) || chance(rng, noise.p(error)) {
        let estimate_p = match detail {
            Detail::Full => 0.3,
            Detail::Partial => 0.5,
            Detail::Slight => 0.75,
        };
        if chance(rng, estimate_p) {
            let spread = if age < 18 { 2 } else { 2 + age / 12 };
            let err = if noise.clean() {
                0
            } else {
                rng.random_range(-(spread as i32)..=spread as i32)
            };
            return (None, Some((age as i32 + err).clamp(1, 110) as u32));
        }
        return (None, None);
    }
    let mut d = p.dob.day();
    let mut m = u8::from(p.dob.month());
    let mut y = p.dob.year();
    if !noise.clean() {
        if d <= 12 && d != m && chance(rng, noise.p(0.03)) {
            std::mem::swap(&mut d, &mut m);
        }
        if chance(rng, noise.p(0.015)) {
            y += if chance(rng, 0.5) { 1 } else { -1 };
        }
        if chance(rng, noise.p(0.015)) {
            d = ((d + between(rng, 1, 9) as u8 - 1) % 28) + 1;
        }
        if chance(rng, noise.p(0.01)) {
            // Two digits of the year transposed: 1989 for 1998.
            let s = y.to_string().into_bytes();
            let t = [s[0], s[1], s[3], s[2]];
            y = std::str::from_utf8(&t)
                .ok()
                .and_then(|t| t.parse().ok())
                .unwrap_or(y);
        }
    }
    if noise.clean() {
        return (Some(format!("{d:02}/{m:02}/{y}")), None);
    }
    let mi = usize::from(m.clamp(1, 12) - 1);
    let yy = y.rem_euclid(100);
    let s = match weighted(rng, &[40, 8, 15, 10, 5, 5, 4, 3, 5, 3]) {
        0 => format!("{d:02}/{m:02}/{y}"),
        1 => format!("{d}/{m}/{yy:02}"),
        2 => format!("{y}-{m:02}-{d:02}"),
        3 => format!("{d} {} {y}", MONTHS[mi]),
        4 => format!("{d:02}-{}-{y}", upper(MONTHS[mi])),
        5 => format!("{d}{} {} {y}", ordinal(d), MONTHS_LONG[mi]),
        6 => format!("{d:02}{m:02}{y}"),
        7 => format!("{d:02}{m:02}{yy:02}"),
        8 => format!("{d:02}.{m:02}.{y}"),
        _ => {
            if chance(rng, 0.5) {
                format!("{age}")
            } else {
                format!("aged {age}")
            }
        }
    };
    (Some(s), None)
}

/// Recorded gender in the forms records use; sometimes not recorded.
pub fn gender(rng: &mut Rng, noise: Noise, sex: Sex) -> Option<&'static str> {
    if noise.clean() {
        return Some(match sex {
            Sex::Male => "male",
            Sex::Female => "female",
        });
    }
    if chance(rng, 0.08) {
        return None;
    }
    Some(match sex {
        Sex::Male => *pick(rng, &["male", "male", "M", "Male", "m"]),
        Sex::Female => *pick(rng, &["female", "female", "F", "Female", "f"]),
    })
}

/// Nationality as recorded, when it is.
pub fn nationality(
    rng: &mut Rng,
    noise: Noise,
    p: &Person,
    detail: Detail,
) -> Option<&'static str> {
    let o = &ORIGINS[p.origin as usize];
    let p_recorded = match detail {
        Detail::Full => 0.5,
        Detail::Partial => 0.2,
        Detail::Slight => 0.0,
    };
    if !chance(rng, p_recorded) {
        return None;
    }
    if noise.clean() {
        return Some(o.nationality);
    }
    Some(if chance(rng, 0.6) {
        o.nationality
    } else {
        *pick(rng, o.nationality_variants)
    })
}

/// A phone number as written, in one of the many forms feeds use.
pub fn phone(rng: &mut Rng, noise: Noise, phone: Phone) -> String {
    let mut national = phone.national().into_bytes();
    if chance(rng, noise.p(0.02)) {
        // A mistyped digit among the last five: a different number in the same range.
        let i = national.len() - 1 - rng.random_range(0..5);
        national[i] = b'0' + ((national[i] - b'0' + between(rng, 1, 9) as u8) % 10);
    }
    let n = String::from_utf8(national).unwrap_or_default();
    if chance(rng, noise.p(0.01)) {
        // A digit left out: not a valid number any more.
        return format!("0{}", &n[..n.len() - 1]);
    }
    let (a, b) = n.split_at(4);
    if noise.clean() {
        return format!("0{a} {b}");
    }
    match weighted(rng, &[30, 18, 12, 8, 5, 5, 5, 4, 4, 5, 4]) {
        0 => format!("0{a} {b}"),
        1 => format!("0{n}"),
        2 => format!("+44{n}"),
        3 => format!("+44 {a} {b}"),
        4 => format!("+44 (0){a} {b}"),
        5 => format!("0044 {a} {b}"),
        6 => format!("0{a}-{}-{}", &b[..3], &b[3..]),
        7 => format!("(0{a}) {} {}", &b[..3], &b[3..]),
        8 => n.clone(),
        9 => format!("0{a} {} {}", &b[..3], &b[3..]),
        _ => format!("44{n}"),
    }
}

/// A registration as written; `None` when the source did not get it.
pub fn vrm(rng: &mut Rng, noise: Noise, v: &Vehicle, detail: Detail) -> Option<String> {
    let compact = v.vrm();
    let split = if compact.len() == 7 && compact.as_bytes()[2].is_ascii_digit() {
        4
    } else {
        compact.len() - 3
    };
    let (a, b) = compact.split_at(split);
    if noise.clean() {
        return Some(format!("{a} {b}"));
    }
    if detail == Detail::Slight {
        if chance(rng, 0.4) {
            return None;
        }
        if chance(rng, 0.5) {
            // A partial plate.
            return Some(format!("{a} {}", &b[..1]));
        }
    }
    let mut s = match weighted(rng, &[50, 25, 10, 6, 5, 4]) {
        0 => format!("{a} {b}"),
        1 => compact.to_string(),
        2 => compact.to_lowercase(),
        3 => format!("{} {}", a.to_lowercase(), b.to_lowercase()),
        4 => format!("{}-{}", a, b),
        _ => format!(" {a}  {b} "),
    };
    if chance(rng, noise.p(0.03)) {
        s = s
            .chars()
            .map(|c| match c {
                'O' => '0',
                '0' => 'O',
                'I' => '1',
                '1' => 'I',
                'S' => '5',
                'B' => '8',
                other => other,
            })
            .collect();
    }
    Some(s)
}

/// An address as written: `(address, postcode field)`.
pub fn address(
    w: &World,
    rng: &mut Rng,
    noise: Noise,
    addr: &Addr,
    detail: Detail,
) -> (Option<String>, Option<String>) {
    let street = w.geo.street(addr);
    let town = TOWNS[street.town as usize].name;
    let postcode = street.postcode(addr.number).to_string();
    let number = if addr.suffix != 0 {
        format!("{}{}", addr.number, addr.suffix as char)
    } else {
        addr.number.to_string()
    };
    if noise.clean() {
        let mut s = String::new();
        if addr.flat != 0 {
            let _ = write!(s, "Flat {}, ", addr.flat);
        }
        if addr.building != NO_BUILDING {
            let _ = write!(s, "{}, ", BUILDINGS[addr.building as usize]);
        }
        let _ = write!(s, "{number} {}, {town}", street.name());
        return (Some(s), Some(postcode));
    }
    let mut street_name = if chance(rng, 0.35) {
        street.short_name()
    } else {
        street.name()
    };
    if chance(rng, noise.p(0.03)) {
        street_name = typo(rng, &street_name);
    }
    if detail == Detail::Slight {
        // The public give a street, perhaps a number, rarely a postcode.
        let s = match rng.random_range(0..5) {
            0 => format!("{number} {street_name}"),
            1 => format!("{street_name}, {town}"),
            2 => format!("{number} {street_name}, {town}"),
            3 if addr.flat != 0 => format!("flat {} on {street_name}", addr.flat),
            _ => street_name.clone(),
        };
        return (Some(s), None);
    }
    let mut s = String::new();
    if addr.flat != 0 {
        match rng.random_range(0..4) {
            0 => {
                let _ = write!(s, "Flat {}, ", addr.flat);
            }
            1 => {
                let _ = write!(s, "Flat {} ", addr.flat);
            }
            2 => {
                let _ = write!(s, "Apartment {}, ", addr.flat);
            }
            _ => {
                let _ = write!(s, "Flt {}, ", addr.flat);
            }
        }
    }
    if addr.building != NO_BUILDING {
        let _ = write!(s, "{}, ", BUILDINGS[addr.building as usize]);
    }
    let _ = write!(s, "{number} {street_name}");
    if chance(rng, 0.85) {
        let _ = write!(s, ", {town}");
    }
    let mut pc = postcode;
    if chance(rng, noise.p(0.02)) {
        pc = typo(rng, &pc);
    }
    let field = match rng.random_range(0..10) {
        0..4 => Some(pc),
        4..7 => {
            let _ = write!(
                s,
                "{}{}",
                if chance(rng, 0.5) { ", " } else { " " },
                if chance(rng, 0.2) {
                    pc.replace(' ', "")
                } else {
                    pc
                }
            );
            None
        }
        _ => None,
    };
    if chance(rng, 0.08) {
        s = s.to_uppercase();
    } else if chance(rng, 0.05) {
        s = s.to_lowercase();
    }
    (Some(s), field)
}

/// The address of a business's premises, or a unit on its site.
pub fn business_address(
    w: &World,
    rng: &mut Rng,
    noise: Noise,
    business: u32,
    unit: Option<u8>,
    detail: Detail,
) -> (Option<String>, Option<String>) {
    let b = &w.geo.businesses[business as usize];
    let town = TOWNS[b.town as usize].name;
    let mut s = String::new();
    if let Some(u) = unit {
        let word = if noise.clean() {
            "Caravan"
        } else {
            *pick(rng, &["Caravan", "Caravan", "Static", "Unit", "Cabin"])
        };
        let _ = write!(s, "{word} {u}, ");
    }
    if detail == Detail::Slight && !noise.clean() {
        let _ = write!(s, "{}, {town}", b.name);
        return (Some(s), None);
    }
    let _ = write!(s, "{}, {}, {town}", b.name, b.line);
    let pc = b.postcode.to_string();
    if noise.clean() || chance(rng, 0.5) {
        (Some(s), Some(pc))
    } else {
        (Some(s), None)
    }
}

/// Where a person lives, written as a report writes it.
pub fn home(
    w: &World,
    rng: &mut Rng,
    noise: Noise,
    home: Home,
    detail: Detail,
) -> (Option<String>, Option<String>) {
    match home {
        Home::Dwelling(a) => address(w, rng, noise, &w.addrs[a as usize], detail),
        Home::Site { business, unit } => {
            business_address(w, rng, noise, business, Some(unit), detail)
        }
    }
}

/// A colour as written: `silver`, `Silver`, `SILVER`, `slv`.
pub fn colour(rng: &mut Rng, noise: Noise, colour: &'static str) -> String {
    if noise.clean() {
        return colour.to_string();
    }
    match rng.random_range(0..6) {
        0 => upper(colour),
        1 => {
            let mut c = colour.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
        2 if colour == "silver" => "slv".to_string(),
        2 if colour == "grey" => "gry".to_string(),
        _ => colour.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::stream;
    use crate::world::{NONE, Phone};
    use time::Month;

    fn person() -> Person {
        Person {
            origin: names::BRITISH,
            surname_origin: names::BRITISH,
            sex: Sex::Male,
            forename: names::given_index(names::BRITISH, false, "John").unwrap(),
            middle: u16::MAX,
            surname: names::surname_index(names::BRITISH, "Smith").unwrap(),
            dob: Date::from_calendar_date(2009, Month::February, 3).unwrap(),
            home: Home::Dwelling(0),
            phone: None,
            vehicle: NONE,
            alias: u16::MAX,
            group: NONE,
            role: None,
            victim: None,
            lookalike: None,
            extra_contacts: 0,
        }
    }

    #[test]
    fn clean_noise_writes_canonical_values() {
        let mut rng = stream(1, 0, 0);
        let p = person();
        let at = Date::from_calendar_date(2025, Month::June, 1).unwrap();
        assert_eq!(
            name(&mut rng, Noise::new(0.0), &p, Detail::Full),
            "John SMITH"
        );
        assert_eq!(
            dob(&mut rng, Noise::new(0.0), &p, at, Detail::Full),
            (Some("03/02/2009".to_string()), None)
        );
        assert_eq!(phone(&mut rng, Noise::new(0.0), Phone(123)), "07700 900123");
    }

    #[test]
    fn noisy_names_still_parse_mostly_to_the_person() {
        let mut rng = stream(2, 0, 0);
        let p = person();
        let mut same = 0;
        for _ in 0..1000 {
            let raw = name(&mut rng, Noise::new(1.0), &p, Detail::Full);
            let parsed = model::PersonName::parse(&raw).expect(&raw);
            if parsed.surname_key().as_deref() == Some("smith") {
                same += 1;
            }
        }
        assert!((850..1000).contains(&same), "{same}");
    }

    #[test]
    fn noisy_dates_read_back_mostly_right() {
        let mut rng = stream(3, 0, 0);
        let p = person();
        let at = Date::from_calendar_date(2025, Month::June, 1).unwrap();
        let (mut right, mut given) = (0, 0);
        for _ in 0..2000 {
            if let (Some(raw), _) = dob(&mut rng, Noise::new(1.0), &p, at, Detail::Full) {
                given += 1;
                if model::BirthDate::parse(&raw, at)
                    .ok()
                    .and_then(|d| d.iso())
                    .as_deref()
                    == Some("2009-02-03")
                {
                    right += 1;
                }
            }
        }
        assert!(given > 1700, "{given}");
        // Wrong dates, ages and noise are a minority, but present.
        assert!(right > given * 8 / 10 && right < given, "{right}/{given}");
    }

    #[test]
    fn phone_forms_normalise_to_the_number() {
        let mut rng = stream(4, 0, 0);
        let mut valid_same = 0;
        for _ in 0..1000 {
            let raw = phone(&mut rng, Noise::new(1.0), Phone(4567));
            if model::Phone::parse(&raw).e164.as_deref() == Some("+447700904567") {
                valid_same += 1;
            }
        }
        assert!((940..1000).contains(&valid_same), "{valid_same}");
        let landline = Phone(100_000 + 42);
        assert_eq!(
            model::Phone::parse(&phone(&mut rng, Noise::new(0.0), landline))
                .e164
                .as_deref(),
            Some("+441632960042")
        );
    }

    #[test]
    fn typos_change_but_keep_the_first_letter() {
        let mut rng = stream(5, 0, 0);
        for _ in 0..100 {
            let t = typo(&mut rng, "Wilkinson");
            assert!(t.starts_with('W'));
            assert_ne!(t, "Wilkinson");
        }
        assert_eq!(typo(&mut rng, "Al"), "Al");
    }
}
