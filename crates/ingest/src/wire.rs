//! The exchange-v1 record as it arrives on the wire, before validation.
//!
//! These structs only say which fields exist and what JSON type each has; codes, ids, dates and
//! the rules between fields are checked in `validate`, which reports the field by its path.

use serde::{Deserialize, Deserializer};

#[derive(Debug, Deserialize)]
pub struct WireRecord {
    pub kind: String,
    #[serde(rename = "ref")]
    pub report_ref: String,
    pub received: String,
    pub source: WireSource,
    pub grading: WireGrading,
    #[serde(default)]
    pub crime_types: Option<Vec<String>>,
    #[serde(default)]
    pub area: Option<String>,
    pub text: String,
    #[serde(default)]
    pub persons: Option<Vec<WirePerson>>,
    #[serde(default)]
    pub locations: Option<Vec<WireLocation>>,
    #[serde(default)]
    pub phones: Option<Vec<WirePhone>>,
    #[serde(default)]
    pub vehicles: Option<Vec<WireVehicle>>,
    #[serde(default)]
    pub links: Option<Vec<WireLink>>,
}

#[derive(Debug, Deserialize)]
pub struct WireSource {
    #[serde(rename = "type")]
    pub source_type: String,
    #[serde(default)]
    pub org: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct WireGrading {
    #[serde(deserialize_with = "code_string")]
    pub source: String,
    pub intel: String,
    pub handling: String,
    #[serde(default)]
    pub conditions: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct WirePerson {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "optional_text_or_number")]
    pub dob: Option<String>,
    #[serde(default, deserialize_with = "optional_number")]
    pub age_estimate: Option<f64>,
    #[serde(default)]
    pub gender: Option<String>,
    #[serde(default)]
    pub nationality: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    /// Sightline's optional addition to exchange-v1: official identifiers (PNC, NI number,
    /// passport…) as `{"type": "...", "value": "..."}`.
    #[serde(default)]
    pub identifiers: Option<Vec<WireIdentifier>>,
}

#[derive(Debug, Deserialize)]
pub struct WireIdentifier {
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
}

#[derive(Debug, Deserialize)]
pub struct WireLocation {
    pub id: String,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub postcode: Option<String>,
    #[serde(default, deserialize_with = "optional_number")]
    pub lat: Option<f64>,
    #[serde(default, deserialize_with = "optional_number")]
    pub lon: Option<f64>,
    #[serde(default, rename = "type")]
    pub location_type: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct WirePhone {
    pub id: String,
    /// A phone number must be text: a JSON number has already lost its leading zero.
    pub number: String,
}

#[derive(Debug, Deserialize)]
pub struct WireVehicle {
    pub id: String,
    #[serde(default)]
    pub vrm: Option<String>,
    #[serde(default)]
    pub make: Option<String>,
    #[serde(default)]
    pub model: Option<String>,
    #[serde(default)]
    pub colour: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct WireLink {
    pub from: String,
    pub to: String,
    #[serde(rename = "type")]
    pub link_type: String,
}

/// `grading.source` is a string in the spec (`"2"`); a sender writing the number 2 means the
/// same thing, so both are read.
fn code_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Code {
        Text(String),
        Number(u64),
    }
    match Code::deserialize(d) {
        Ok(Code::Text(s)) => Ok(s),
        Ok(Code::Number(n)) => Ok(n.to_string()),
        Err(_) => Err(serde::de::Error::custom(
            "invalid type: expected a string such as \"1\", \"2\" or \"3\"",
        )),
    }
}

/// A date of birth is text; some feeds write a year as a bare number.
fn optional_text_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Value {
        Text(String),
        Number(u64),
    }
    match Option::<Value>::deserialize(d) {
        Ok(None) => Ok(None),
        Ok(Some(Value::Text(s))) => Ok(Some(s)),
        Ok(Some(Value::Number(n))) => Ok(Some(n.to_string())),
        Err(_) => Err(serde::de::Error::custom(
            "invalid type: expected a date as a string, or null",
        )),
    }
}

/// A number, or a string holding one (`"15"`), or null.
fn optional_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Value {
        Number(f64),
        Text(String),
    }
    match Option::<Value>::deserialize(d) {
        Ok(None) => Ok(None),
        Ok(Some(Value::Number(n))) => Ok(Some(n)),
        Ok(Some(Value::Text(s))) if s.trim().is_empty() => Ok(None),
        Ok(Some(Value::Text(s))) => {
            s.trim().parse::<f64>().map(Some).map_err(|_| {
                serde::de::Error::custom(format!("invalid value: {s:?} is not a number"))
            })
        }
        Err(_) => Err(serde::de::Error::custom(
            "invalid type: expected a number, or null",
        )),
    }
}
