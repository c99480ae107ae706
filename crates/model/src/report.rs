//! An intelligence report (the E of POLE) and the entity mentions it carries.
//!
//! Every mention keeps the raw values as written beside their normalised forms; resolution and
//! assessment read the normalised forms and never rewrite either.

use crate::{
    Address, AgeRange, BirthDate, CrimeType, Gender, Grading, LinkType, LocalId, LocationType,
    PersonName, PersonRole, Phone, ReportRef, SourceType, Vrm,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// One report, validated and normalised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub report_ref: ReportRef,
    #[serde(with = "time::serde::rfc3339")]
    pub received: OffsetDateTime,
    pub source_type: SourceType,
    pub source_org: Option<String>,
    pub grading: Grading,
    pub crime_types: Vec<CrimeType>,
    pub area: Option<String>,
    pub text: String,
    pub persons: Vec<PersonMention>,
    pub locations: Vec<LocationMention>,
    pub phones: Vec<PhoneMention>,
    pub vehicles: Vec<VehicleMention>,
    pub links: Vec<Link>,
}

/// A person as one report records them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonMention {
    pub id: LocalId,
    /// The name as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_raw: Option<String>,
    /// The parsed name; `None` for placeholders such as `unknown male`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<PersonName>,
    /// The date of birth as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dob_raw: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dob: Option<BirthDate>,
    /// Why `dob_raw` could not be read, when it could not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dob_problem: Option<String>,
    /// The sender's age estimate as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_estimate_raw: Option<f64>,
    /// The age band from the estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_estimate: Option<AgeRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender_raw: Option<String>,
    pub gender: Gender,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
    pub role: PersonRole,
    /// Official identifiers recorded for the person (an optional addition to exchange-v1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
}

/// An official identifier: a PNC ID, a National Insurance number, a passport number…
///
/// The type is lower case (`pnc`, `ni_number`, `passport`); the value is upper case with spaces,
/// dashes and slashes removed, so `ab 12 34 56 c` and `AB123456C` are one number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Identifier {
    pub kind: String,
    pub value: String,
    /// The value as written.
    pub raw: String,
}

impl Identifier {
    /// Normalises an identifier; `None` when type or value is blank.
    pub fn new(kind: &str, raw: &str) -> Option<Identifier> {
        let kind: String = kind
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '_' })
            .collect();
        let value: String = raw
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(|c| c.to_uppercase())
            .collect();
        (!kind.is_empty() && !value.is_empty()).then(|| Identifier {
            kind,
            value,
            raw: raw.to_string(),
        })
    }

    /// `type:value`, the key two records share when they name the same identifier.
    pub fn key(&self) -> String {
        format!("{}:{}", self.kind, self.value)
    }
}

impl PersonMention {
    /// The best available age band at the report date: from the date of birth, else from the
    /// estimate.
    pub fn age_at(&self, at: time::Date) -> Option<AgeRange> {
        self.dob.and_then(|d| d.age_at(at)).or(self.age_estimate)
    }
}

/// A place as one report records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocationMention {
    pub id: LocalId,
    /// The address as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_raw: Option<String>,
    /// The postcode field as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode_raw: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_type: Option<LocationType>,
}

/// A phone as one report records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhoneMention {
    pub id: LocalId,
    pub phone: Phone,
}

/// A vehicle as one report records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VehicleMention {
    pub id: LocalId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vrm: Option<Vrm>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub make: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
}

/// An explicit link between two entities of one report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub from: LocalId,
    pub to: LocalId,
    pub link_type: LinkType,
}

/// The entities of a report and their links, as stored beside the report: every raw value with
/// its normalised form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entities {
    #[serde(default)]
    pub persons: Vec<PersonMention>,
    #[serde(default)]
    pub locations: Vec<LocationMention>,
    #[serde(default)]
    pub phones: Vec<PhoneMention>,
    #[serde(default)]
    pub vehicles: Vec<VehicleMention>,
    #[serde(default)]
    pub links: Vec<Link>,
}

/// [`Entities`] borrowed from a report, for serialising without copying.
#[derive(Serialize)]
struct EntitiesRef<'a> {
    persons: &'a [PersonMention],
    locations: &'a [LocationMention],
    phones: &'a [PhoneMention],
    vehicles: &'a [VehicleMention],
    links: &'a [Link],
}

impl Entities {
    /// Reads entities stored by [`Report::entities_json`].
    pub fn from_json(json: &str) -> Result<Entities, serde_json::Error> {
        serde_json::from_str(json)
    }
}

impl Report {
    /// The report's entities and links as JSON, the form in which they are stored.
    pub fn entities_json(&self) -> String {
        serde_json::to_string(&EntitiesRef {
            persons: &self.persons,
            locations: &self.locations,
            phones: &self.phones,
            vehicles: &self.vehicles,
            links: &self.links,
        })
        // Plain structs with string keys always serialise.
        .unwrap_or_else(|_| "{}".to_string())
    }

    /// The number of entity mentions the report carries.
    pub fn mention_count(&self) -> usize {
        self.persons.len() + self.locations.len() + self.phones.len() + self.vehicles.len()
    }
}
