//! Turns a wire record into a [`Report`]: every code checked against its list, ids checked for
//! uniqueness, links checked to point at entities of the same record, and every raw value
//! normalised with the raw form kept beside it.

use crate::wire::{WireLink, WireLocation, WirePerson, WirePhone, WireRecord, WireVehicle};
use model::{
    Address, AgeRange, BirthDate, Gender, Grading, IntelAssessment, Link, LocalId, LocationMention,
    PersonMention, PersonName, Phone, PhoneMention, Report, ReportRef, SourceEvaluation,
    VehicleMention, Vrm,
};
use std::collections::HashSet;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A field that failed validation: its path in the record and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub reason: String,
}

fn err(field: impl Into<String>, reason: impl ToString) -> FieldError {
    FieldError {
        field: field.into(),
        reason: reason.to_string(),
    }
}

/// The only record kind that exchange-v1 defines so far.
pub const KNOWN_KINDS: &[&str] = &["report"];

/// Free-text fields longer than this are refused: no field of a real report needs more, and a
/// bound keeps a hostile file from exhausting memory downstream.
pub const MAX_TEXT_BYTES: usize = 1 << 20;
const MAX_SHORT_TEXT_BYTES: usize = 4096;
const MAX_ENTITIES: usize = 10_000;

fn short(field: &str, value: Option<String>) -> Result<Option<String>, FieldError> {
    match value {
        Some(v) if v.len() > MAX_SHORT_TEXT_BYTES => Err(err(
            field,
            format!("is {} bytes long (at most {MAX_SHORT_TEXT_BYTES})", v.len()),
        )),
        Some(v) if v.trim().is_empty() => Ok(None),
        other => Ok(other),
    }
}

/// Validates and normalises one wire record.
pub fn validate(wire: WireRecord) -> Result<Report, FieldError> {
    if !KNOWN_KINDS.contains(&wire.kind.as_str()) {
        return Err(err(
            "kind",
            format!(
                "unknown kind {:?} (expected one of {})",
                wire.kind,
                KNOWN_KINDS.join(", ")
            ),
        ));
    }
    let report_ref = ReportRef::try_from(wire.report_ref).map_err(|e| err("ref", e))?;
    let received = OffsetDateTime::parse(wire.received.trim(), &Rfc3339)
        .map_err(|e| {
            err(
                "received",
                format!("{:?} is not an RFC 3339 time ({e})", wire.received),
            )
        })?
        .to_offset(time::UtcOffset::UTC);
    let source_type = wire
        .source
        .source_type
        .parse()
        .map_err(|e| err("source.type", e))?;
    let source_org = short("source.org", wire.source.org)?;

    let grading = Grading::new(
        wire.grading
            .source
            .parse::<SourceEvaluation>()
            .map_err(|e| err("grading.source", e))?,
        wire.grading
            .intel
            .parse::<IntelAssessment>()
            .map_err(|e| err("grading.intel", e))?,
        wire.grading
            .handling
            .parse()
            .map_err(|e| err("grading.handling", e))?,
        short("grading.conditions", wire.grading.conditions)?,
    )
    .map_err(|e| err("grading.conditions", e))?;

    let mut crime_types = Vec::new();
    for (i, code) in wire.crime_types.unwrap_or_default().iter().enumerate() {
        let ct = code
            .parse()
            .map_err(|e| err(format!("crime_types[{i}]"), e))?;
        if !crime_types.contains(&ct) {
            crime_types.push(ct);
        }
    }
    let area = short("area", wire.area)?;
    if wire.text.len() > MAX_TEXT_BYTES {
        return Err(err(
            "text",
            format!(
                "is {} bytes long (at most {MAX_TEXT_BYTES})",
                wire.text.len()
            ),
        ));
    }

    let mut ids: HashSet<String> = HashSet::new();
    let reference = received.date();
    let persons = wire
        .persons
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, p)| person(i, p, reference, &mut ids))
        .collect::<Result<Vec<_>, _>>()?;
    let locations = wire
        .locations
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, l)| location(i, l, &mut ids))
        .collect::<Result<Vec<_>, _>>()?;
    let phones = wire
        .phones
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, p)| phone(i, p, &mut ids))
        .collect::<Result<Vec<_>, _>>()?;
    let vehicles = wire
        .vehicles
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, v)| vehicle(i, v, &mut ids))
        .collect::<Result<Vec<_>, _>>()?;
    if ids.len() > MAX_ENTITIES {
        return Err(err(
            "persons",
            format!(
                "{} entities in one record (at most {MAX_ENTITIES})",
                ids.len()
            ),
        ));
    }
    let links = wire
        .links
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, l)| link(i, l, &ids))
        .collect::<Result<Vec<_>, _>>()?;

    if wire.text.trim().is_empty() && ids.is_empty() {
        return Err(err(
            "text",
            "is empty and the record has no persons, locations, phones or vehicles",
        ));
    }

    Ok(Report {
        report_ref,
        received,
        source_type,
        source_org,
        grading,
        crime_types,
        area,
        text: wire.text,
        persons,
        locations,
        phones,
        vehicles,
        links,
    })
}

fn local_id(field: &str, raw: String, ids: &mut HashSet<String>) -> Result<LocalId, FieldError> {
    let id = LocalId::try_from(raw.clone()).map_err(|e| err(field, e))?;
    if !ids.insert(raw.clone()) {
        return Err(err(
            field,
            format!("duplicate id {raw:?} (ids must be unique within the record)"),
        ));
    }
    Ok(id)
}

fn person(
    i: usize,
    p: WirePerson,
    reference: time::Date,
    ids: &mut HashSet<String>,
) -> Result<PersonMention, FieldError> {
    let at = |f: &str| format!("persons[{i}].{f}");
    let id = local_id(&at("id"), p.id, ids)?;
    let name_raw = short(&at("name"), p.name)?;
    let name = name_raw.as_deref().and_then(PersonName::parse);
    let dob_raw = short(&at("dob"), p.dob)?;
    let (dob, dob_problem) = match dob_raw.as_deref() {
        None => (None, None),
        Some(raw) => match BirthDate::parse(raw, reference) {
            Ok(d) => (Some(d), None),
            Err(problem) => (None, Some(problem.to_string())),
        },
    };
    let age_estimate = match p.age_estimate {
        None => None,
        Some(a) => Some(AgeRange::around(a).ok_or_else(|| {
            err(
                at("age_estimate"),
                format!("{a} is not an age between 0 and {}", AgeRange::MAX_AGE),
            )
        })?),
    };
    let gender_raw = short(&at("gender"), p.gender)?;
    let gender = gender_raw
        .as_deref()
        .map(Gender::parse_loose)
        .unwrap_or(Gender::Unknown);
    let role = match p.role.as_deref().map(str::trim) {
        None | Some("") => model::PersonRole::Unknown,
        Some(r) => r.parse().map_err(|e| err(at("role"), e))?,
    };
    let mut identifiers = Vec::new();
    for (k, w) in p.identifiers.unwrap_or_default().into_iter().enumerate() {
        let field = format!("persons[{i}].identifiers[{k}]");
        let kind = short(&format!("{field}.type"), Some(w.kind))?.unwrap_or_default();
        let value = short(&format!("{field}.value"), Some(w.value))?.unwrap_or_default();
        match model::Identifier::new(&kind, &value) {
            Some(id) => identifiers.push(id),
            None => return Err(err(field, "an identifier needs a type and a value")),
        }
    }
    Ok(PersonMention {
        identifiers,
        id,
        name_raw,
        name,
        dob_raw,
        dob,
        dob_problem,
        age_estimate_raw: p.age_estimate,
        age_estimate,
        gender_raw,
        gender,
        nationality: short(&at("nationality"), p.nationality)?,
        role,
    })
}

fn location(
    i: usize,
    l: WireLocation,
    ids: &mut HashSet<String>,
) -> Result<LocationMention, FieldError> {
    let at = |f: &str| format!("locations[{i}].{f}");
    let id = local_id(&at("id"), l.id, ids)?;
    let address_raw = short(&at("address"), l.address)?;
    let postcode_raw = short(&at("postcode"), l.postcode)?;
    let address = match (&address_raw, &postcode_raw) {
        (None, None) => None,
        (a, p) => Some(Address::parse(a.as_deref().unwrap_or(""), p.as_deref())),
    };
    if let Some(lat) = l.lat
        && !(-90.0..=90.0).contains(&lat)
    {
        return Err(err(at("lat"), format!("{lat} is not a latitude")));
    }
    if let Some(lon) = l.lon
        && !(-180.0..=180.0).contains(&lon)
    {
        return Err(err(at("lon"), format!("{lon} is not a longitude")));
    }
    let location_type = match l.location_type.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(t) => Some(t.parse().map_err(|e| err(at("type"), e))?),
    };
    Ok(LocationMention {
        id,
        address_raw,
        postcode_raw,
        address,
        lat: l.lat,
        lon: l.lon,
        location_type,
    })
}

fn phone(i: usize, p: WirePhone, ids: &mut HashSet<String>) -> Result<PhoneMention, FieldError> {
    let at = |f: &str| format!("phones[{i}].{f}");
    let id = local_id(&at("id"), p.id, ids)?;
    let number =
        short(&at("number"), Some(p.number))?.ok_or_else(|| err(at("number"), "is empty"))?;
    Ok(PhoneMention {
        id,
        phone: Phone::parse(&number),
    })
}

fn vehicle(
    i: usize,
    v: WireVehicle,
    ids: &mut HashSet<String>,
) -> Result<VehicleMention, FieldError> {
    let at = |f: &str| format!("vehicles[{i}].{f}");
    let id = local_id(&at("id"), v.id, ids)?;
    let vrm = short(&at("vrm"), v.vrm)?.map(|raw| Vrm::parse(&raw));
    Ok(VehicleMention {
        id,
        vrm,
        make: short(&at("make"), v.make)?,
        model: short(&at("model"), v.model)?,
        colour: short(&at("colour"), v.colour)?,
    })
}

fn link(i: usize, l: WireLink, ids: &HashSet<String>) -> Result<Link, FieldError> {
    let at = |f: &str| format!("links[{i}].{f}");
    for (field, id) in [("from", &l.from), ("to", &l.to)] {
        if !ids.contains(id) {
            return Err(err(
                at(field),
                format!(
                    "{id:?} is not the id of a person, location, phone or vehicle in this record"
                ),
            ));
        }
    }
    Ok(Link {
        from: LocalId::try_from(l.from).map_err(|e| err(at("from"), e))?,
        to: LocalId::try_from(l.to).map_err(|e| err(at("to"), e))?,
        link_type: l.link_type.parse().map_err(|e| err(at("type"), e))?,
    })
}
