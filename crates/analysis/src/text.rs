//! Entities found in a report's free text, as mentions of the report: people (named or
//! described), phones, registrations and addresses get mention ids of our own under the
//! report's `<ref>#` prefix (`x1`, `x2`…) and join resolution beside the structured ones. A
//! person the text names who is already among the report's structured persons is not
//! mentioned twice.

use extract::{EntityType, Normalised};
use model::{Entities, PersonName};
use resolve::{Dob, PersonRecord};
use std::collections::HashSet;

/// What the text of one report adds.
#[derive(Debug, Default)]
pub struct TextMentions {
    pub persons: Vec<PersonRecord>,
    pub phones: Vec<(String, Option<String>)>,
    pub vehicles: Vec<(String, Option<String>)>,
    pub places: Vec<(String, Option<model::Address>)>,
    /// What each mention says, as written, for showing and storing.
    pub displays: Vec<(String, model::EntityKind, String)>,
    pub indicators: Vec<store::TextIndicator>,
    /// Each indicator as it bears on each person of the report (structured or found in text).
    pub cues: Vec<(String, assess::Cue)>,
}

/// The prefix of text mentions' local ids. A sender's own local id could in principle start
/// with it; such ids are skipped rather than reused.
const PREFIX: &str = "x";

fn folded_names(entities: &Entities) -> HashSet<String> {
    let mut names = HashSet::new();
    for p in &entities.persons {
        if let Some(n) = &p.name {
            names.insert(n.key());
            if let (Some(f), Some(s)) = (n.first_forename_key(), n.surname_key()) {
                names.insert(resolve::compare::full_name_key(&f, &s));
            }
            names.extend(n.alias_keys());
        }
    }
    names
}

/// Finds the mentions in `text` of the report `report_ref`.
pub fn text_mentions(
    report_ref: &str,
    received: time::Date,
    text: &str,
    entities: &Entities,
) -> TextMentions {
    let mut out = TextMentions::default();
    if text.trim().is_empty() {
        return out;
    }
    let found = extract::extract_with(
        text,
        &extract::Config {
            reference_date: Some(received),
        },
    );
    let taken: HashSet<&str> = entities
        .persons
        .iter()
        .map(|p| p.id.as_str())
        .chain(entities.locations.iter().map(|l| l.id.as_str()))
        .chain(entities.phones.iter().map(|p| p.id.as_str()))
        .chain(entities.vehicles.iter().map(|v| v.id.as_str()))
        .collect();
    let structured = folded_names(entities);
    let structured_phones: HashSet<String> =
        entities.phones.iter().map(|p| p.phone.key()).collect();
    let structured_vrms: HashSet<String> = entities
        .vehicles
        .iter()
        .filter_map(|v| v.vrm.as_ref().and_then(|v| v.normalised.clone()))
        .collect();
    let mut next = 0usize;
    let mut mention = || loop {
        next += 1;
        let local = format!("{PREFIX}{next}");
        if !taken.contains(local.as_str()) {
            return format!("{report_ref}#{local}");
        }
    };
    let mut seen = HashSet::new();
    let mut spans: Vec<(String, usize, usize)> = Vec::new();
    for e in &found.entities {
        match (&e.kind, &e.normalised) {
            (
                EntityType::Person,
                Normalised::Person {
                    name,
                    aliases,
                    gender,
                    age,
                },
            ) => {
                let parsed = name.as_deref().and_then(PersonName::parse);
                let keys: Vec<String> = parsed
                    .iter()
                    .map(|n| n.key())
                    .chain(aliases.iter().map(|a| model::text::fold(a)))
                    .collect();
                if keys.iter().any(|k| structured.contains(k))
                    || (!keys.is_empty() && !seen.insert(keys.join("|")))
                {
                    continue;
                }
                let (forename, middle, surname) = match &parsed {
                    Some(n) => {
                        let mut f = n.forenames.iter().map(|x| model::text::fold(x));
                        (f.next(), f.collect(), n.surname_key())
                    }
                    None => (None, Vec::new(), None),
                };
                let id = mention();
                spans.push((id.clone(), e.start, e.end));
                out.displays
                    .push((id.clone(), model::EntityKind::Person, e.text.clone()));
                out.persons.push(PersonRecord {
                    mention: id,
                    forename,
                    middle,
                    surname,
                    aliases: aliases.iter().map(|a| model::text::fold(a)).collect(),
                    dob: age.map(|a| {
                        let (from, to) = a.birth_years(received);
                        Dob::Years { from, to }
                    }),
                    gender: gender.and_then(|g| match g {
                        "male" => Some(model::Gender::Male),
                        "female" => Some(model::Gender::Female),
                        _ => None,
                    }),
                    nationality: None,
                    phones: Vec::new(),
                    addresses: Vec::new(),
                    streets: Vec::new(),
                    vehicles: Vec::new(),
                    associates: Vec::new(),
                    identifiers: Vec::new(),
                });
            }
            (EntityType::Phone, Normalised::Text(e164))
                if !structured_phones.contains(e164) && seen.insert(format!("phone|{e164}")) =>
            {
                let id = mention();
                out.displays
                    .push((id.clone(), model::EntityKind::Phone, e.text.clone()));
                out.phones.push((id, Some(e164.clone())));
            }
            (EntityType::Vrm, Normalised::Text(vrm))
                if !structured_vrms.contains(vrm) && seen.insert(format!("vrm|{vrm}")) =>
            {
                let id = mention();
                out.displays
                    .push((id.clone(), model::EntityKind::Vehicle, e.text.clone()));
                out.vehicles.push((id, Some(vrm.clone())));
            }
            (EntityType::Address, _) => {
                let address = model::Address::parse(&e.text, None);
                if address.premises_key().is_some() && seen.insert(format!("place|{}", e.text)) {
                    let id = mention();
                    out.displays
                        .push((id.clone(), model::EntityKind::Location, e.text.clone()));
                    out.places.push((id, Some(address)));
                }
            }
            _ => {}
        }
    }
    out.indicators = found
        .indicators
        .iter()
        .enumerate()
        .map(|(seq, i)| store::TextIndicator {
            report_ref: report_ref.to_string(),
            seq: seq as i64,
            family: i.family.as_str().to_string(),
            indicator: i.indicator.clone(),
            label: i.label.clone(),
            quote: i.text.clone(),
            start: i.start as i64,
            end: i.end as i64,
            confidence: f64::from(i.confidence),
            hedged: i.hedged,
            triggers: i.triggers.clone(),
        })
        .collect();
    out.cues = attribute(
        report_ref,
        received,
        text,
        entities,
        &out.persons,
        &spans,
        &found.indicators,
    );
    // The company each person the text names keeps: everyone else the report names.
    let mut names: Vec<String> = entities
        .persons
        .iter()
        .filter_map(|p| p.name.as_ref())
        .filter_map(|n| match (n.first_forename_key(), n.surname_key()) {
            (Some(f), Some(s)) if f.len() > 1 => Some(resolve::compare::full_name_key(&f, &s)),
            _ => None,
        })
        .collect();
    names.extend(
        out.persons
            .iter()
            .filter_map(|p| match (&p.forename, &p.surname) {
                (Some(f), Some(s)) if f.len() > 1 => Some(resolve::compare::full_name_key(f, s)),
                _ => None,
            }),
    );
    for p in &mut out.persons {
        let own = match (&p.forename, &p.surname) {
            (Some(f), Some(s)) => Some(resolve::compare::full_name_key(f, s)),
            _ => None,
        };
        let mut associates: Vec<String> = names
            .iter()
            .filter(|n| Some(*n) != own.as_ref())
            .cloned()
            .collect();
        associates.sort();
        associates.dedup();
        p.associates = associates;
    }
    out
}

/// Sentence boundaries of `text` (byte ranges), split after `.`, `!`, `?` and line breaks.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?' | '\n') {
            let end = i + c.len_utf8();
            if text[start..end].trim().len() > 1 {
                out.push((start, end));
            }
            start = end;
        }
    }
    if text[start..].trim().len() > 1 {
        out.push((start, text.len()));
    }
    out
}

fn sentence_of(sentences: &[(usize, usize)], at: usize) -> usize {
    sentences
        .iter()
        .position(|(s, e)| at >= *s && at < *e)
        .unwrap_or(sentences.len().saturating_sub(1))
}

/// Whether a sentence speaks of one person by pronoun.
fn refers_back(sentence: &str) -> bool {
    sentence.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "he" | "she" | "him" | "her" | "his" | "hers" | "himself" | "herself"
        )
    })
}

/// Where a structured person is named in the text: occurrences of their surname, forename or
/// street name as whole words.
fn named_at(text: &str, p: &model::PersonMention) -> Vec<usize> {
    let Some(name) = &p.name else {
        return Vec::new();
    };
    let lower = text.to_lowercase();
    let mut words: Vec<String> = name
        .surname
        .iter()
        .chain(name.forenames.iter().take(1))
        .chain(name.aliases.iter())
        .map(|w| w.to_lowercase())
        .filter(|w| w.chars().count() > 2)
        .collect();
    words.dedup();
    let mut at = Vec::new();
    for w in words {
        let mut from = 0;
        while let Some(i) = lower[from..].find(&w) {
            let start = from + i;
            let end = start + w.len();
            let before = lower[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after = lower[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if before && after {
                at.push(start);
            }
            from = end;
        }
    }
    at
}

/// Bears each indicator on the report's people: directly on those named in its sentence or the
/// one before (or on the only person in the report); otherwise, as something found in a report
/// they are in, on everyone but the suspects — and on children, suspects or not, for signs of
/// criminal exploitation and control, since a child suspect may be the one exploited.
fn attribute(
    report_ref: &str,
    received: time::Date,
    text: &str,
    entities: &Entities,
    text_persons: &[PersonRecord],
    spans: &[(String, usize, usize)],
    indicators: &[extract::Indicator],
) -> Vec<(String, assess::Cue)> {
    if indicators.is_empty() {
        return Vec::new();
    }
    let sentences = sentences(text);
    struct Who {
        mention: String,
        sentences: Vec<usize>,
        subject: bool,
        child: bool,
    }
    let mut people: Vec<Who> = entities
        .persons
        .iter()
        .map(|p| Who {
            mention: format!("{report_ref}#{}", p.id),
            sentences: named_at(text, p)
                .into_iter()
                .map(|at| sentence_of(&sentences, at))
                .collect(),
            subject: p.role == model::PersonRole::Subject,
            child: p.age_at(received).is_some_and(|a| a.max < 18),
        })
        .collect();
    for (mention, start, _) in spans {
        let record = text_persons.iter().find(|p| &p.mention == mention);
        let child = record
            .and_then(|r| r.dob)
            .is_some_and(|d| received.year() - d.years().1 < 18);
        people.push(Who {
            mention: mention.clone(),
            sentences: vec![sentence_of(&sentences, *start)],
            subject: false,
            child,
        });
    }
    let mut out = Vec::new();
    for i in indicators {
        let here = sentence_of(&sentences, i.start);
        let cue = |direct: bool| assess::Cue {
            family: i.family.as_str().to_string(),
            indicator: i.indicator.clone(),
            label: i.label.clone(),
            quote: i.text.clone(),
            confidence: f64::from(i.confidence),
            direct,
        };
        // A name in the sentence before carries only when this sentence refers back to one
        // person ("She said her papers…"), not to a group ("The workers are…").
        let carries = sentences
            .get(here)
            .is_some_and(|(a, b)| refers_back(&text[*a..*b]));
        let named: Vec<&Who> = people
            .iter()
            .filter(|w| {
                w.sentences
                    .iter()
                    .any(|s| *s == here || (carries && *s + 1 == here))
            })
            .collect();
        if people.len() == 1 {
            out.push((people[0].mention.clone(), cue(true)));
        } else if !named.is_empty() {
            for w in named {
                out.push((w.mention.clone(), cue(true)));
            }
        } else {
            let criminal = matches!(
                i.family.as_str(),
                "child_criminal_exploitation" | "control_violence"
            );
            for w in people
                .iter()
                .filter(|w| !w.subject || (w.child && criminal))
            {
                out.push((w.mention.clone(), cue(false)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entities(line: &str) -> (Entities, time::Date, String) {
        let a = ingest::parse_line(line.as_bytes(), 1).unwrap();
        let r = a.report;
        (
            Entities {
                persons: r.persons,
                locations: r.locations,
                phones: r.phones,
                vehicles: r.vehicles,
                links: r.links,
            },
            r.received.date(),
            r.text,
        )
    }

    #[test]
    fn text_adds_mentions_but_not_twice() {
        let line = r#"{"kind":"report","ref":"R-1","received":"2026-03-04T10:12:00Z","source":{"type":"officer"},"grading":{"source":"1","intel":"B","handling":"P"},"text":"Jon SMITH was seen with Kyle BROWN in a silver Focus AB12 CDE; SMITH uses 07700 900123. An unknown male, about 40, drove.","persons":[{"id":"P1","name":"SMITH, Jon","role":"subject"}],"phones":[{"id":"T1","number":"07700900123"}]}"#;
        let (e, received, text) = entities(line);
        let m = text_mentions("R-1", received, &text, &e);
        let names: Vec<Option<&str>> = m.persons.iter().map(|p| p.surname.as_deref()).collect();
        assert!(names.contains(&Some("brown")), "{names:?}");
        assert!(
            !names.contains(&Some("smith")),
            "already a structured person: {names:?}"
        );
        assert!(m.persons.iter().all(|p| p.mention.starts_with("R-1#x")));
        assert!(m.phones.is_empty(), "the phone is already structured");
        assert_eq!(
            m.vehicles,
            vec![(m.vehicles[0].0.clone(), Some("AB12CDE".to_string()))]
        );
        let brown = m
            .persons
            .iter()
            .find(|p| p.surname.as_deref() == Some("brown"))
            .unwrap();
        assert_eq!(brown.associates, vec!["jon|smith".to_string()]);
    }

    #[test]
    fn indicators_bear_on_the_people_they_are_said_of() {
        let line = r#"{"kind":"report","ref":"R-2","received":"2026-03-04T10:12:00Z","source":{"type":"partner","org":"GLAA"},"grading":{"source":"1","intel":"A","handling":"P"},"crime_types":["msht_labour"],"text":"Inspection at the car wash. Ioana POPESCU said her passport was taken by the boss on arrival. The workers are collected by van at 5am.","persons":[{"id":"P1","name":"Ioana POPESCU","role":"witness"},{"id":"P2","name":"Marian DUMITRU","role":"subject"},{"id":"P3","name":"Elena STAN","role":"unknown"}]}"#;
        let (e, received, text) = entities(line);
        let m = text_mentions("R-2", received, &text, &e);
        let direct: Vec<&str> = m
            .cues
            .iter()
            .filter(|(_, c)| c.direct)
            .map(|(w, _)| w.as_str())
            .collect();
        assert!(direct.contains(&"R-2#P1"), "{:?}", m.cues);
        assert!(
            !m.cues.iter().any(|(w, _)| w == "R-2#P2"),
            "never on the suspect: {:?}",
            m.cues
        );
        assert!(
            m.cues.iter().any(|(w, c)| w == "R-2#P3" && !c.direct),
            "{:?}",
            m.cues
        );
    }
}
