//! The POLE vocabulary of Sightline — persons, objects (phones, vehicles), locations and
//! events (reports) — with 3x5x2 grading, handling codes, crime types, roles and link types.
//!
//! Key design decision: every value that arrives from outside is *parsed at the edge* into a
//! newtype here, and every normalised form keeps the raw text it came from. A phone number is a
//! [`Phone`] with its raw form and, when the raw form is a valid number, its E.164 form; a
//! registration is a [`Vrm`]; a date of birth is a [`BirthDate`]. Nothing downstream handles a
//! raw `String` where one of these types exists, and nothing in this crate does IO.

pub mod address;
pub mod codes;
pub mod date;
pub mod ids;
pub mod name;
pub mod phone;
pub mod postcode;
pub mod report;
pub mod text;
pub mod vrm;

pub use address::Address;
pub use codes::{
    CodeError, CrimeType, Gender, Grading, HandlingCode, IntelAssessment, LinkType, LocationType,
    PersonRole, SourceEvaluation, SourceType,
};
pub use date::{AgeRange, BirthDate, TwoDigitYearRule};
pub use ids::{EntityKind, IdError, LocalId, MentionId, ReportRef};
pub use name::PersonName;
pub use phone::{Phone, PhoneKind};
pub use postcode::Postcode;
pub use report::{
    Entities, Identifier, Link, LocationMention, PersonMention, PhoneMention, Report,
    VehicleMention,
};
pub use vrm::{Vrm, VrmFormat};
