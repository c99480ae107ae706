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
    pub name_raw: Option<String>,
    /// The parsed name; `None` for placeholders such as `unknown male`.
    pub name: Option<PersonName>,
    /// The date of birth as written.
    pub dob_raw: Option<String>,
    pub dob: Option<BirthDate>,
    /// Why `dob_raw` could not be read, when it could not.
    pub dob_problem: Option<String>,
    /// The sender's age estimate as given.
    pub age_estimate_raw: Option<f64>,
    /// The age band from the estimate.
    pub age_estimate: Option<AgeRange>,
    pub gender_raw: Option<String>,
    pub gender: Gender,
    pub nationality: Option<String>,
    pub role: PersonRole,
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
    pub address_raw: Option<String>,
    /// The postcode field as written.
    pub postcode_raw: Option<String>,
    pub address: Option<Address>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
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
    pub vrm: Option<Vrm>,
    pub make: Option<String>,
    pub model: Option<String>,
    pub colour: Option<String>,
}

/// An explicit link between two entities of one report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub from: LocalId,
    pub to: LocalId,
    pub link_type: LinkType,
}

impl Report {
    /// The number of entity mentions the report carries.
    pub fn mention_count(&self) -> usize {
        self.persons.len() + self.locations.len() + self.phones.len() + self.vehicles.len()
    }
}
