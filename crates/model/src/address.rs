//! UK addresses as written in reports: abbreviations expanded, and the flat, house number,
//! building, street, town and postcode parsed out.
//!
//! `Flat 2, 14a Mill Rd, Peterborough PE1 2AB` becomes flat `2`, number `14A`, street
//! `Mill Road`, town `Peterborough`, postcode `PE1 2AB`. The raw text is kept beside the parts.
//! Flats stay apart: flat 2 and flat 3 of one house are different addresses.

use crate::postcode::Postcode;
use crate::text::{fold, squash_spaces, title_case};
use serde::{Deserialize, Serialize};

/// A parsed address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub raw: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flat: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub building: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub town: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<Postcode>,
}

/// Street-type and other abbreviations found in UK addresses, with their expansions.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("rd", "Road"),
    ("st", "Street"),
    ("str", "Street"),
    ("ave", "Avenue"),
    ("av", "Avenue"),
    ("avn", "Avenue"),
    ("ln", "Lane"),
    ("la", "Lane"),
    ("cres", "Crescent"),
    ("cresc", "Crescent"),
    ("cr", "Crescent"),
    ("ct", "Court"),
    ("crt", "Court"),
    ("dr", "Drive"),
    ("drv", "Drive"),
    ("pl", "Place"),
    ("sq", "Square"),
    ("terr", "Terrace"),
    ("ter", "Terrace"),
    ("tce", "Terrace"),
    ("gdns", "Gardens"),
    ("gdn", "Garden"),
    ("cl", "Close"),
    ("gr", "Grove"),
    ("grv", "Grove"),
    ("pk", "Park"),
    ("pde", "Parade"),
    ("hse", "House"),
    ("ho", "House"),
    ("bldgs", "Buildings"),
    ("bldg", "Building"),
    ("est", "Estate"),
    ("ind", "Industrial"),
    ("mt", "Mount"),
    ("blvd", "Boulevard"),
    ("bvd", "Boulevard"),
    ("wk", "Walk"),
    ("hts", "Heights"),
    ("hwy", "Highway"),
    ("mws", "Mews"),
    ("cotts", "Cottages"),
    ("nth", "North"),
    ("sth", "South"),
    ("upr", "Upper"),
    ("lwr", "Lower"),
    ("gt", "Great"),
    ("flt", "Flat"),
    ("apt", "Apartment"),
    ("apts", "Apartments"),
    ("rm", "Room"),
];

/// Words that end a street name.
const STREET_TYPES: &[&str] = &[
    "road",
    "street",
    "avenue",
    "lane",
    "crescent",
    "court",
    "drive",
    "place",
    "square",
    "terrace",
    "gardens",
    "close",
    "grove",
    "park",
    "parade",
    "way",
    "walk",
    "row",
    "hill",
    "rise",
    "green",
    "mews",
    "vale",
    "view",
    "boulevard",
    "highway",
    "gate",
    "yard",
    "wharf",
    "quay",
    "circus",
    "approach",
    "causeway",
    "broadway",
    "heights",
    "end",
    "side",
    "fields",
    "meadows",
    "chase",
    "croft",
    "mead",
    "path",
    "passage",
    "alley",
    "wynd",
    "cottages",
    "estate",
];

const FLAT_WORDS: &[&str] = &["flat", "apartment", "unit", "room", "suite", "maisonette"];

impl Address {
    /// Parses an address. `postcode` is the record's separate postcode field, used when the
    /// address text has none.
    pub fn parse(raw: &str, postcode: Option<&str>) -> Address {
        let mut address = Address {
            raw: raw.to_string(),
            flat: None,
            number: None,
            building: None,
            street: None,
            town: None,
            postcode: None,
        };
        let mut text = squash_spaces(&raw.replace(['\n', '\r', ';'], ","));

        // Postcode: the last one or two words, if they form one.
        let spans: Vec<(usize, usize)> = word_spans(&text);
        for take in [2usize, 1] {
            if spans.len() < take {
                continue;
            }
            let first = spans[spans.len() - take].0;
            let candidate = &text[first..];
            if let Ok(pc) = Postcode::parse(&candidate.replace(',', " ")) {
                address.postcode = Some(pc);
                text.truncate(first);
                break;
            }
        }
        if address.postcode.is_none() {
            address.postcode = postcode.and_then(|p| Postcode::parse(p).ok());
        }

        let parts: Vec<String> = text
            .split(',')
            .map(|p| squash_spaces(p.trim_matches(|c: char| c.is_whitespace() || c == '.')))
            .filter(|p| !p.is_empty())
            .collect();
        let mut rest: Vec<String> = Vec::new();
        for part in parts {
            let expanded = expand(&part);
            if address.street.is_none() {
                if let Some((flat, remainder)) = take_flat(&expanded) {
                    address.flat = Some(flat);
                    if remainder.is_empty() {
                        continue;
                    }
                    // "Flat 2 14 Mill Road" or "Flat 3 Riverside Court".
                    if let Some((number, street)) = take_number(&remainder) {
                        address.number = Some(number);
                        split_street_and_town(&street, &mut address, &mut rest);
                    } else {
                        address.building = Some(remainder);
                    }
                    continue;
                }
                if let Some((number, street)) = take_number(&expanded) {
                    if street.is_empty() {
                        address.number = Some(number);
                        continue;
                    }
                    address.number = Some(number);
                    split_street_and_town(&street, &mut address, &mut rest);
                    continue;
                }
                if address.number.is_some() && address.street.is_none() {
                    // "14, Mill Road": the number stood alone.
                    split_street_and_town(&expanded, &mut address, &mut rest);
                    continue;
                }
                if ends_with_street_type(&expanded) && address.building.is_some() {
                    address.street = Some(expanded);
                    continue;
                }
                if address.building.is_none() {
                    if ends_with_street_type(&expanded) && address.flat.is_none() {
                        // A street without a number: "Mill Road".
                        address.street = Some(expanded);
                    } else {
                        address.building = Some(expanded);
                    }
                    continue;
                }
            }
            rest.push(expanded);
        }
        if let Some(last) = rest.pop() {
            address.town = Some(last);
        }
        address
    }

    /// The address written out canonically:
    /// `Flat 2, 14A Mill Road, Peterborough, PE1 2AB`.
    pub fn normalised(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(f) = &self.flat {
            parts.push(format!("Flat {f}"));
        }
        if let Some(b) = &self.building {
            parts.push(b.clone());
        }
        match (&self.number, &self.street) {
            (Some(n), Some(s)) => parts.push(format!("{n} {s}")),
            (Some(n), None) => parts.push(n.clone()),
            (None, Some(s)) => parts.push(s.clone()),
            (None, None) => {}
        }
        if let Some(t) = &self.town {
            parts.push(t.clone());
        }
        if let Some(p) = &self.postcode {
            parts.push(p.to_string());
        }
        parts.join(", ")
    }

    /// The folded street name, for matching spelling variants.
    pub fn street_key(&self) -> Option<String> {
        self.street.as_deref().map(fold).filter(|s| !s.is_empty())
    }

    /// A key for the premises: postcode (or town) + house number or building + flat. Two
    /// addresses with the same key are the same premises; `None` when the address is too vague
    /// to identify premises.
    pub fn premises_key(&self) -> Option<String> {
        let place = self.postcode.as_ref().map(|p| p.to_string()).or_else(|| {
            match (self.street_key(), self.town.as_deref().map(fold)) {
                (Some(s), Some(t)) => Some(format!("{s}/{t}")),
                (Some(s), None) => Some(s),
                _ => None,
            }
        })?;
        let house = self
            .number
            .clone()
            .or_else(|| self.building.as_deref().map(fold))?;
        let flat = self.flat.clone().unwrap_or_default();
        Some(format!("{place}|{house}|{flat}"))
    }
}

/// Byte spans of the words of `text`, split on spaces and commas.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let sep = c == ' ' || c == ',';
        match (sep, start) {
            (true, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

/// Expands abbreviations word by word and title-cases the words. `St` before a name is
/// `Saint` ("St Johns Road"); after one it is `Street`.
fn expand(part: &str) -> String {
    let words: Vec<&str> = part.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let bare = w.trim_end_matches('.').to_lowercase();
        let has_next_word = words
            .get(i + 1)
            .is_some_and(|n| n.chars().next().is_some_and(|c| c.is_alphabetic()));
        if bare == "st" && has_next_word && (i == 0 || !is_word_like(words[i - 1])) {
            out.push("Saint".to_string());
            continue;
        }
        match ABBREVIATIONS.iter().find(|(abbr, _)| *abbr == bare) {
            // An abbreviation is only one when it is not the first word of a name ("Dr" in
            // "Dr Smith Court" is not a drive) — except flat words, which lead.
            Some((_, full)) if i > 0 || matches!(bare.as_str(), "flt" | "apt" | "rm") => {
                out.push((*full).to_string())
            }
            _ => out.push(if w.chars().any(|c| c.is_ascii_digit()) {
                w.to_uppercase()
            } else {
                title_case(w)
            }),
        }
    }
    out.join(" ")
}

fn is_word_like(w: &str) -> bool {
    w.chars().all(|c| c.is_alphabetic() || c == '\'')
}

/// "Flat 2", "Flat 2A", "Apartment 12", "2nd Floor Flat": returns the flat id and the remainder.
fn take_flat(part: &str) -> Option<(String, String)> {
    let words: Vec<&str> = part.split_whitespace().collect();
    let first = words.first()?.to_lowercase();
    if FLAT_WORDS.contains(&first.as_str()) && words.len() >= 2 {
        let id = words[1].trim_end_matches([',', '.']).to_uppercase();
        if id.chars().any(|c| c.is_ascii_alphanumeric()) {
            return Some((id, words[2..].join(" ")));
        }
    }
    // "Ground Floor Flat", "First Floor Flat, 14 Mill Road".
    let lower = part.to_lowercase();
    for floor in [
        "basement",
        "ground floor",
        "first floor",
        "second floor",
        "top floor",
        "1st floor",
        "2nd floor",
        "3rd floor",
    ] {
        if let Some(rest) = lower.strip_prefix(floor) {
            let rest = rest.trim_start();
            let rest = rest.strip_prefix("flat").unwrap_or(rest).trim_start();
            let offset = part.len() - rest.len();
            return Some((floor.to_uppercase(), part[offset..].trim().to_string()));
        }
    }
    None
}

/// "14 Mill Road", "14a Mill Road", "14-16 Mill Road", "14 A Mill Road": the house number and
/// the remainder.
fn take_number(part: &str) -> Option<(String, String)> {
    let mut words = part.split_whitespace();
    let first = words.next()?;
    if !first.chars().next()?.is_ascii_digit() {
        return None;
    }
    let valid = first
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '/');
    if !valid {
        return None;
    }
    let mut number = first.to_uppercase();
    let rest: Vec<&str> = words.collect();
    let mut rest_start = 0;
    // "14 A Mill Road": a lone letter after the number belongs to it.
    if let Some(next) = rest.first()
        && next.len() == 1
        && next.chars().all(|c| c.is_ascii_alphabetic())
        && rest.len() > 1
    {
        number.push_str(&next.to_uppercase());
        rest_start = 1;
    }
    Some((number, rest[rest_start..].join(" ")))
}

fn ends_with_street_type(part: &str) -> bool {
    part.split_whitespace()
        .last()
        .is_some_and(|w| STREET_TYPES.contains(&w.to_lowercase().as_str()))
}

/// "Mill Road Peterborough": the street runs to the last street-type word; the rest is the town.
fn split_street_and_town(text: &str, address: &mut Address, rest: &mut Vec<String>) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let last_type = words
        .iter()
        .rposition(|w| STREET_TYPES.contains(&w.to_lowercase().as_str()));
    match last_type {
        Some(i) if i + 1 < words.len() && i > 0 => {
            address.street = Some(words[..=i].join(" "));
            rest.push(words[i + 1..].join(" "));
        }
        _ => address.street = Some(text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str, normalised: &str) -> Address {
        let a = Address::parse(raw, None);
        assert_eq!(a.normalised(), normalised, "{raw:?} → {a:?}");
        assert_eq!(a.raw, raw);
        a
    }

    #[test]
    fn abbreviations_and_parts() {
        let a = check("14 Mill Rd, Peterborough", "14 Mill Road, Peterborough");
        assert_eq!(a.number.as_deref(), Some("14"));
        assert_eq!(a.street.as_deref(), Some("Mill Road"));
        assert_eq!(a.town.as_deref(), Some("Peterborough"));
        check("14 mill rd", "14 Mill Road");
        check("14 MILL RD.", "14 Mill Road");
        check("2a High St, Wisbech", "2A High Street, Wisbech");
        check("2 A High St", "2A High Street");
        check("14-16 Station Ave, March", "14-16 Station Avenue, March");
        check("7 St Johns Rd", "7 Saint Johns Road");
        check("12 Church Gdns", "12 Church Gardens");
    }

    #[test]
    fn flats_and_buildings() {
        let a = check(
            "Flat 2, 14 Mill Rd, Peterborough PE1 2AB",
            "Flat 2, 14 Mill Road, Peterborough, PE1 2AB",
        );
        assert_eq!(a.flat.as_deref(), Some("2"));
        assert_eq!(a.postcode.as_ref().map(|p| p.as_str()), Some("PE1 2AB"));
        check("flat 3b 14 mill road", "Flat 3B, 14 Mill Road");
        check(
            "Apt 12, Riverside Ct, 4 Bridge St, Ely",
            "Flat 12, Riverside Court, 4 Bridge Street, Ely",
        );
        check(
            "Ground floor flat, 9 Park Terr",
            "Flat GROUND FLOOR, 9 Park Terrace",
        );
    }

    #[test]
    fn postcodes_in_the_text_or_beside_it() {
        check(
            "14 Mill Road Peterborough pe12ab",
            "14 Mill Road, Peterborough, PE1 2AB",
        );
        let a = Address::parse("14 Mill Rd", Some("pe1 2ab"));
        assert_eq!(a.normalised(), "14 Mill Road, PE1 2AB");
    }

    #[test]
    fn flats_stay_apart_and_spellings_meet() {
        let f2 = Address::parse("Flat 2, 14 Mill Rd, PE1 2AB", None);
        let f3 = Address::parse("Flat 3, 14 Mill Road, PE1 2AB", None);
        assert_ne!(f2.premises_key(), f3.premises_key());
        let a = Address::parse("14 Mill Rd, PE1 2AB", None);
        let b = Address::parse("14 MILL ROAD PE12AB", None);
        assert_eq!(a.premises_key(), b.premises_key());
        assert!(a.premises_key().is_some());
        assert_eq!(Address::parse("Peterborough", None).premises_key(), None);
    }
}
