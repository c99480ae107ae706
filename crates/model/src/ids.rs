//! Identifiers: a report's `ref`, an entity's local id within a report, and the mention id
//! `<ref>#<local id>` that addresses one entity of one report everywhere in Sightline.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a reference or id was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("must not be empty")]
    Empty,
    #[error("is {0} characters long (at most {1})")]
    TooLong(usize, usize),
    #[error("must not contain {0:?}")]
    BadChar(char),
}

fn check_id(value: &str, max: usize) -> Result<(), IdError> {
    if value.is_empty() {
        return Err(IdError::Empty);
    }
    let len = value.chars().count();
    if len > max {
        return Err(IdError::TooLong(len, max));
    }
    if let Some(c) = value
        .chars()
        .find(|c| *c == '#' || c.is_control() || c.is_whitespace())
    {
        return Err(IdError::BadChar(c));
    }
    Ok(())
}

/// The sender's unique reference for a report (`ref`), e.g. `CAM-IR-2026-004211`.
///
/// It may not contain `#` (the mention separator), white space or control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ReportRef(String);

impl ReportRef {
    pub const MAX_LEN: usize = 200;

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ReportRef {
    type Error = IdError;
    fn try_from(value: String) -> Result<Self, IdError> {
        check_id(&value, Self::MAX_LEN)?;
        Ok(ReportRef(value))
    }
}

impl TryFrom<&str> for ReportRef {
    type Error = IdError;
    fn try_from(value: &str) -> Result<Self, IdError> {
        ReportRef::try_from(value.to_string())
    }
}

impl From<ReportRef> for String {
    fn from(value: ReportRef) -> String {
        value.0
    }
}

impl fmt::Display for ReportRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An entity's id local to one report (`P1`, `L1`), unique within the report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LocalId(String);

impl LocalId {
    pub const MAX_LEN: usize = 64;

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for LocalId {
    type Error = IdError;
    fn try_from(value: String) -> Result<Self, IdError> {
        check_id(&value, Self::MAX_LEN)?;
        Ok(LocalId(value))
    }
}

impl TryFrom<&str> for LocalId {
    type Error = IdError;
    fn try_from(value: &str) -> Result<Self, IdError> {
        LocalId::try_from(value.to_string())
    }
}

impl From<LocalId> for String {
    fn from(value: LocalId) -> String {
        value.0
    }
}

impl fmt::Display for LocalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One entity of one report: `<ref>#<local id>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MentionId {
    pub report: ReportRef,
    pub local: LocalId,
}

impl MentionId {
    pub fn new(report: ReportRef, local: LocalId) -> MentionId {
        MentionId { report, local }
    }
}

impl fmt::Display for MentionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.report, self.local)
    }
}

impl std::str::FromStr for MentionId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let (report, local) = s.split_once('#').ok_or(IdError::Empty)?;
        Ok(MentionId {
            report: ReportRef::try_from(report)?,
            local: LocalId::try_from(local)?,
        })
    }
}

/// The POLE kind of an entity mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Location,
    Phone,
    Vehicle,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Location => "location",
            EntityKind::Phone => "phone",
            EntityKind::Vehicle => "vehicle",
        }
    }
}

impl std::str::FromStr for EntityKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "person" => Ok(EntityKind::Person),
            "location" => Ok(EntityKind::Location),
            "phone" => Ok(EntityKind::Phone),
            "vehicle" => Ok(EntityKind::Vehicle),
            _ => Err(format!("unknown entity kind {s:?}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_refuse_separator_and_space() {
        assert!(ReportRef::try_from("CAM-IR-2026-004211").is_ok());
        assert_eq!(ReportRef::try_from("A#B"), Err(IdError::BadChar('#')));
        assert_eq!(ReportRef::try_from("A B"), Err(IdError::BadChar(' ')));
        assert_eq!(ReportRef::try_from(""), Err(IdError::Empty));
        assert!(matches!(
            ReportRef::try_from("x".repeat(201)),
            Err(IdError::TooLong(201, 200))
        ));
    }

    #[test]
    fn mention_ids_round_trip() {
        let m: MentionId = "CAM-IR-2026-004211#P1".parse().unwrap();
        assert_eq!(m.report.as_str(), "CAM-IR-2026-004211");
        assert_eq!(m.local.as_str(), "P1");
        assert_eq!(m.to_string(), "CAM-IR-2026-004211#P1");
    }
}
