//! A person mention prepared for matching: folded names with their phonetic codes, the date of
//! birth as a range of possible dates, and the identifiers the same report links to the person.

use model::{BirthDate, Entities, Gender, LinkType, PersonMention};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A date of birth as matching sees it: the exact date when known, else a range of birth years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Dob {
    Day { year: i32, month: u8, day: u8 },
    Month { year: i32, month: u8 },
    Years { from: i32, to: i32 },
}

impl Dob {
    pub fn from_birth_date(d: &BirthDate, reference: time::Date) -> Dob {
        match d {
            BirthDate::Day { date } => Dob::Day {
                year: date.year(),
                month: u8::from(date.month()),
                day: date.day(),
            },
            BirthDate::Month { year, month } => Dob::Month {
                year: *year,
                month: *month,
            },
            BirthDate::Year { year } => Dob::Years {
                from: *year,
                to: *year,
            },
            BirthDate::Age { .. } => {
                let (from, to) = d.birth_years(reference);
                Dob::Years { from, to }
            }
        }
    }

    /// The possible birth years.
    pub fn years(&self) -> (i32, i32) {
        match *self {
            Dob::Day { year, .. } | Dob::Month { year, .. } => (year, year),
            Dob::Years { from, to } => (from, to),
        }
    }

    /// The year when it is known exactly.
    pub fn year(&self) -> Option<i32> {
        let (a, b) = self.years();
        (a == b).then_some(a)
    }
}

/// One person mention, ready to compare. Strings are folded (lower-case ASCII).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonRecord {
    /// `<ref>#<local id>`.
    pub mention: String,
    pub forename: Option<String>,
    /// Middle names and further forenames.
    pub middle: Vec<String>,
    pub surname: Option<String>,
    pub aliases: Vec<String>,
    pub dob: Option<Dob>,
    pub gender: Option<Gender>,
    pub nationality: Option<String>,
    /// E.164 (or digit) keys of phones the report links to this person.
    pub phones: Vec<String>,
    /// Premises keys (`place|house|flat`, [`model::Address::premises_key`]) of addresses the
    /// report links to this person: by postcode, and by street and town too when both are given.
    pub addresses: Vec<String>,
    /// Street keys (`street/town`) and postcode sectors of those addresses, for a weaker match.
    pub streets: Vec<String>,
    /// Registrations of vehicles the report links to this person.
    pub vehicles: Vec<String>,
    /// Full names (folded, either order) of the other people in the same report. The company a
    /// person keeps is evidence of who they are: two "Marian POPA"s each reported beside an
    /// "Ivan YORDANOV" are likelier one person than two.
    #[serde(default)]
    pub associates: Vec<String>,
    /// Official identifiers as `type:value`.
    #[serde(default)]
    pub identifiers: Vec<String>,
}

impl PersonRecord {
    /// Whether the record carries anything to match on at all. A mention with no name, no date
    /// of birth and no identifier ("unknown male") is never matched to anyone.
    pub fn is_matchable(&self) -> bool {
        !self.identifiers.is_empty()
            || self.forename.is_some()
            || self.surname.is_some()
            || !self.aliases.is_empty()
            || ((!self.phones.is_empty()
                || !self.addresses.is_empty()
                || !self.vehicles.is_empty())
                && self.dob.is_some())
    }
}

const PERSON_TO_PHONE: &[LinkType] = &[LinkType::UsesPhone];
const PERSON_TO_PLACE: &[LinkType] = &[LinkType::LivesAt, LinkType::StaysAt];
const PERSON_TO_VEHICLE: &[LinkType] = &[LinkType::Drives];

/// Prepares every person mention of one report, with the identifiers the report links to each.
pub fn prepare_report(
    report_ref: &str,
    received: time::Date,
    entities: &Entities,
) -> Vec<PersonRecord> {
    let mut records: Vec<PersonRecord> = entities
        .persons
        .iter()
        .map(|p| prepare_person(report_ref, received, p, entities))
        .collect();
    let names: Vec<Option<String>> = records
        .iter()
        .map(|r| match (&r.forename, &r.surname) {
            (Some(f), Some(s)) if f.len() > 1 => Some(crate::compare::full_name_key(f, s)),
            _ => None,
        })
        .collect();
    for (i, r) in records.iter_mut().enumerate() {
        let mut associates: BTreeSet<String> = BTreeSet::new();
        for (j, name) in names.iter().enumerate() {
            if let Some(name) = name
                && i != j
                && names[i].as_ref() != Some(name)
            {
                associates.insert(name.clone());
            }
        }
        r.associates = associates.into_iter().collect();
    }
    records
}

fn linked<'a>(
    entities: &'a Entities,
    person: &'a str,
    types: &'a [LinkType],
) -> impl Iterator<Item = &'a str> + 'a {
    entities.links.iter().filter_map(move |l| {
        if !types.contains(&l.link_type) {
            return None;
        }
        if l.from.as_str() == person {
            Some(l.to.as_str())
        } else if l.to.as_str() == person {
            Some(l.from.as_str())
        } else {
            None
        }
    })
}

fn prepare_person(
    report_ref: &str,
    received: time::Date,
    p: &PersonMention,
    entities: &Entities,
) -> PersonRecord {
    let id = p.id.as_str();
    let (forename, middle, surname, aliases) = match &p.name {
        Some(n) => {
            let mut forenames = n
                .forenames
                .iter()
                .map(|f| model::text::fold(f))
                .filter(|f| !f.is_empty());
            let forename = forenames.next();
            (
                forename,
                forenames.collect(),
                n.surname_key(),
                n.alias_keys(),
            )
        }
        None => (None, Vec::new(), None, Vec::new()),
    };
    let dob = p
        .dob
        .as_ref()
        .map(|d| Dob::from_birth_date(d, received))
        .or_else(|| {
            p.age_estimate.map(|a| {
                let (from, to) = a.birth_years(received);
                Dob::Years { from, to }
            })
        });
    let phones: BTreeSet<String> = linked(entities, id, PERSON_TO_PHONE)
        .filter_map(|other| entities.phones.iter().find(|ph| ph.id.as_str() == other))
        .map(|ph| ph.phone.key())
        .filter(|k| k.len() >= 6)
        .collect();
    let places: Vec<&model::Address> = linked(entities, id, PERSON_TO_PLACE)
        .filter_map(|other| entities.locations.iter().find(|l| l.id.as_str() == other))
        .filter_map(|l| l.address.as_ref())
        .collect();
    // Premises by postcode and, where the street is written too, by street and town as well:
    // one record may give the postcode and another only the street.
    let addresses: BTreeSet<String> = places
        .iter()
        .flat_map(|a| {
            let by_street = a.postcode.as_ref().and_then(|_| {
                let mut without = (*a).clone();
                without.postcode = None;
                without.premises_key()
            });
            a.premises_key().into_iter().chain(by_street)
        })
        .collect();
    let streets: BTreeSet<String> = places
        .iter()
        .flat_map(|a| {
            let sector = a.postcode.as_ref().map(|pc| pc.sector().to_string());
            let street = a.street_key().map(|s| {
                format!(
                    "{s}/{}",
                    a.town.as_deref().map(model::text::fold).unwrap_or_default()
                )
            });
            sector.into_iter().chain(street)
        })
        .collect();
    let vehicles: BTreeSet<String> = linked(entities, id, PERSON_TO_VEHICLE)
        .filter_map(|other| entities.vehicles.iter().find(|v| v.id.as_str() == other))
        .filter_map(|v| v.vrm.as_ref().and_then(|v| v.normalised.clone()))
        .collect();
    PersonRecord {
        mention: format!("{report_ref}#{id}"),
        forename,
        middle,
        surname,
        aliases,
        dob,
        gender: match p.gender {
            Gender::Male | Gender::Female => Some(p.gender),
            Gender::Other | Gender::Unknown => None,
        },
        nationality: p
            .nationality
            .as_deref()
            .map(model::text::fold)
            .filter(|n| !n.is_empty() && n != "unknown" && n != "not known"),
        phones: phones.into_iter().collect(),
        addresses: addresses.into_iter().collect(),
        streets: streets.into_iter().collect(),
        vehicles: vehicles.into_iter().collect(),
        associates: Vec::new(),
        identifiers: p.identifiers.iter().map(|i| i.key()).collect(),
    }
}
