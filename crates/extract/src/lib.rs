//! Finds entities (phone numbers, vehicle registrations, postcodes, addresses, e-mail addresses,
//! person names and descriptions, ages, money, bank accounts, dates) and exploitation indicators
//! (child criminal exploitation, cuckooing, labour and sexual exploitation, control and violence)
//! in the free text of intelligence reports. Pure: text in, spans out; no IO.
//!
//! Key design decision: **rules over reference data, not a statistical model.** Every entity is
//! found by its written shape and the words around it, then normalised by the same `model`
//! parsers ingest uses for structured fields, so a phone in text and a phone in a field meet in
//! resolution. Every indicator comes from one versioned taxonomy file
//! (`data/indicators.toml`): concepts are sets of word stems (Porter2, so `passports`, `kept`,
//! `holds` need no rule each), and an indicator is a co-occurrence of concepts within a window of
//! words, checked against NegEx-style negation scope, "all is well" statements and hedges. This
//! keeps each detection explainable — it carries the words that triggered it — and lets an
//! analyst or a reviewer change the taxonomy without touching code. The annotated corpus in
//! `corpus/` (a development half and a held-out half) and [`eval`] measure it.
//!
//! Offsets are byte offsets into the UTF-8 input (`&text[start..end]` is the entity's text).

mod address;
mod cues;
pub mod eval;
pub mod family_model;
mod gazetteer;
mod indicators;
mod numeric;
mod patterns;
mod person;
pub mod taxonomy;
pub mod text;
mod windows;

use serde::{Deserialize, Serialize};
use std::sync::LazyLock;
pub use taxonomy::{Family, TaxonomyError};
use time::Date;

/// The kinds of entity of the exchange format's `sightline extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    Phone,
    Vrm,
    Postcode,
    Address,
    Email,
    Person,
    Age,
    Money,
    Account,
    Date,
}

impl EntityType {
    pub const ALL: [EntityType; 10] = [
        EntityType::Phone,
        EntityType::Vrm,
        EntityType::Postcode,
        EntityType::Address,
        EntityType::Email,
        EntityType::Person,
        EntityType::Age,
        EntityType::Money,
        EntityType::Account,
        EntityType::Date,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            EntityType::Phone => "phone",
            EntityType::Vrm => "vrm",
            EntityType::Postcode => "postcode",
            EntityType::Address => "address",
            EntityType::Email => "email",
            EntityType::Person => "person",
            EntityType::Age => "age",
            EntityType::Money => "money",
            EntityType::Account => "account",
            EntityType::Date => "date",
        }
    }

    /// Which of two overlapping entities wins: the higher.
    fn priority(&self) -> u8 {
        match self {
            EntityType::Email => 9,
            EntityType::Phone | EntityType::Account => 8,
            EntityType::Date | EntityType::Money | EntityType::Vrm | EntityType::Postcode => 7,
            EntityType::Address => 6,
            EntityType::Age => 5,
            EntityType::Person => 4,
        }
    }
}

/// An entity's normalised form, as the exchange format writes it: phones in E.164,
/// registrations upper case without spaces, postcodes with one space, dates `YYYY-MM-DD`
/// (`YYYY-MM` for a month, `--MM-DD` for a day and month without a year or reference date),
/// money in pence with its currency.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Normalised {
    Text(String),
    Money {
        pence: i64,
        currency: &'static str,
    },
    Age {
        min: u8,
        max: u8,
    },
    Account {
        #[serde(skip_serializing_if = "Option::is_none")]
        sort_code: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        account_number: Option<String>,
    },
    Person {
        /// `Jon SMITH`; `None` for an unnamed person or an alias alone.
        name: Option<String>,
        aliases: Vec<String>,
        gender: Option<&'static str>,
        age: Option<model::AgeRange>,
    },
}

impl Normalised {
    /// The text form, for the kinds normalised to a string.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Normalised::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// An entity found in text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// The text as written: `&input[start..end]`.
    pub text: String,
    pub normalised: Normalised,
    pub start: usize,
    pub end: usize,
    pub confidence: f32,
}

impl Entity {
    pub(crate) fn new(
        kind: EntityType,
        text: &str,
        start: usize,
        end: usize,
        normalised: Normalised,
        confidence: f32,
    ) -> Entity {
        Entity {
            kind,
            text: text[start..end].to_string(),
            normalised,
            start,
            end,
            confidence: round2(confidence),
        }
    }
}

/// An exploitation indicator found in text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    pub family: Family,
    /// The indicator's id in the taxonomy, e.g. `documents_held`.
    pub indicator: String,
    /// What an analyst reads, e.g. "Identity documents held by someone else".
    pub label: String,
    /// The words from the first to the last trigger: `&input[start..end]`.
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub confidence: f32,
    /// The words that triggered the rule, so a person can see why.
    pub triggers: Vec<String>,
    /// Hearsay or uncertainty lowered the confidence.
    pub hedged: bool,
}

/// Everything found in one text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extraction {
    pub entities: Vec<Entity>,
    pub indicators: Vec<Indicator>,
    /// The version of the indicator taxonomy used.
    pub taxonomy_version: String,
}

/// Settings for one extraction.
#[derive(Debug, Clone, Copy, Default)]
pub struct Config {
    /// The date the report was received: resolves dates written without a year and two-digit
    /// years. Without it, yearless dates are written `--MM-DD`.
    pub reference_date: Option<Date>,
}

/// The compiled recognisers and taxonomy. Building one compiles regular expressions and the
/// taxonomy; [`extract`] uses one shared instance.
pub struct Extractor {
    patterns: patterns::Patterns,
    numeric: numeric::Numeric,
    addresses: address::Addresses,
    gazetteer: gazetteer::Gazetteer,
    taxonomy: taxonomy::Taxonomy,
    family_model: family_model::FamilyModel,
    cues: cues::CueFinder,
}

static SHARED: LazyLock<Extractor> = LazyLock::new(|| {
    Extractor::new().unwrap_or_else(|e| panic!("the shipped taxonomy must compile: {e}"))
});

/// Finds entities and indicators in `text` with the shipped taxonomy.
pub fn extract(text: &str) -> Extraction {
    SHARED.extract(text, &Config::default())
}

/// [`extract`] with settings.
pub fn extract_with(text: &str, config: &Config) -> Extraction {
    SHARED.extract(text, config)
}

impl Extractor {
    /// Builds an extractor with the shipped taxonomy.
    pub fn new() -> Result<Extractor, TaxonomyError> {
        Extractor::with_taxonomy(taxonomy::TAXONOMY_TOML)
    }

    /// Builds an extractor with a taxonomy given as TOML text.
    pub fn with_taxonomy(toml: &str) -> Result<Extractor, TaxonomyError> {
        Extractor::with_taxonomy_and_model(toml, family_model::FAMILY_MODEL_TOML)
    }

    /// Builds an extractor with a taxonomy and a family model given as TOML text.
    pub fn with_taxonomy_and_model(
        toml: &str,
        model_toml: &str,
    ) -> Result<Extractor, TaxonomyError> {
        let taxonomy = taxonomy::Taxonomy::from_toml(toml)?;
        let family_model = family_model::FamilyModel::from_toml(model_toml, &taxonomy)?;
        Ok(Extractor {
            patterns: patterns::Patterns::new(),
            numeric: numeric::Numeric::new(),
            addresses: address::Addresses::new(),
            gazetteer: gazetteer::Gazetteer::new(),
            taxonomy,
            family_model,
            cues: cues::CueFinder::new(),
        })
    }

    pub fn taxonomy(&self) -> &taxonomy::Taxonomy {
        &self.taxonomy
    }

    pub fn extract(&self, input: &str, config: &Config) -> Extraction {
        self.extract_inner(input, config, None)
    }

    /// Each sentence's features for the family model, by name: its concepts that are not
    /// negated, and `ctx:<name>` for each of the model's context concepts found anywhere in the
    /// text. For training the model (`corpus/train_family_model.py`), not for analysis.
    pub fn sentence_features(&self, input: &str) -> Vec<Vec<String>> {
        let mut features = Vec::new();
        self.extract_inner(input, &Config::default(), Some(&mut features));
        let names = &self.taxonomy.concept_names;
        features
            .into_iter()
            .map(|f| {
                let mut out: Vec<String> = f
                    .concepts
                    .iter()
                    .map(|&c| names[usize::from(c)].clone())
                    .collect();
                for (k, on) in f.context.iter().enumerate() {
                    if *on {
                        let c = self.family_model.context[k];
                        out.push(format!("ctx:{}", names[usize::from(c)]));
                    }
                }
                out
            })
            .collect()
    }

    fn extract_inner(
        &self,
        input: &str,
        config: &Config,
        features: Option<&mut Vec<indicators::SentenceFeatures>>,
    ) -> Extraction {
        // Buffers reused from this thread's previous extraction; put back at the end.
        let mut scratch = SCRATCH.take();
        let mut tokens = std::mem::take(&mut scratch.tokens);
        text::tokenize_into(input, &mut tokens);
        let sentences = text::sentences(input, &tokens);
        let sentence_starts = &mut scratch.sentence_starts;
        sentence_starts.clear();
        sentence_starts.extend(sentences.iter().map(|(s, _)| *s));

        let mut found = Vec::new();
        // Which patterns are worth running, from one pass over the text.
        let cues = self.cues.find(input);
        self.patterns.find(input, cues, &tokens, &mut found);
        let windows = windows::around_figures(input, &tokens);
        self.numeric.find(input, cues, &windows, config, &mut found);
        self.addresses
            .find(input, &windows, &self.gazetteer, &mut found);
        let ages = &mut scratch.ages;
        ages.clear();
        ages.extend(found.iter().filter_map(|e| match e.normalised {
            Normalised::Age { min, max } => Some(person::AgeSpan {
                start: e.start,
                end: e.end,
                range: model::AgeRange { min, max },
            }),
            _ => None,
        }));
        person::find(
            input,
            cues,
            &tokens,
            sentence_starts,
            &self.gazetteer,
            ages,
            &mut found,
            &mut scratch.person,
        );
        let entities = resolve_overlaps(found);
        let indicators = indicators::find(
            input,
            &tokens,
            &sentences,
            &entities,
            &self.gazetteer,
            &self.taxonomy,
            indicators::ModelUse {
                emit: features.is_none(),
                model: Some(&self.family_model),
                features,
            },
            &mut scratch.indicators,
        );
        scratch.tokens = tokens;
        SCRATCH.set(scratch);
        Extraction {
            entities,
            indicators,
            taxonomy_version: self.taxonomy.version.clone(),
        }
    }
}

/// The working buffers of one extraction, kept per thread from one report to the next: reports
/// are short, and allocating and growing the buffers afresh for each cost more than much of the
/// work done in them.
#[derive(Default)]
struct Scratch {
    tokens: Vec<text::Token>,
    sentence_starts: Vec<usize>,
    ages: Vec<person::AgeSpan>,
    person: person::Scratch,
    indicators: indicators::Scratch,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Keeps the better of overlapping entities, except where one kind contains another by nature:
/// a postcode inside an address, an age inside the description of a person.
fn resolve_overlaps(mut found: Vec<Entity>) -> Vec<Entity> {
    found.sort_by(|a, b| {
        b.kind
            .priority()
            .cmp(&a.kind.priority())
            .then(b.confidence.total_cmp(&a.confidence))
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    // Entities are short, so only those starting a little before this one can overlap it.
    const LONGEST: usize = 512;
    let mut kept: Vec<Entity> = Vec::with_capacity(found.len());
    let mut by_start: std::collections::BTreeMap<(usize, usize), usize> = Default::default();
    for e in found {
        let clash = by_start
            .range((e.start.saturating_sub(LONGEST), 0)..(e.end, 0))
            .any(|(_, &i)| {
                let k = &kept[i];
                let overlap = e.start < k.end && k.start < e.end;
                overlap && !nests(k, &e) && !nests(&e, k)
            });
        if !clash && e.end - e.start <= LONGEST {
            by_start.insert((e.start, kept.len()), kept.len());
            kept.push(e);
        }
    }
    kept.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    kept
}

/// Whether `inner` may sit inside `outer`.
fn nests(outer: &Entity, inner: &Entity) -> bool {
    let inside = outer.start <= inner.start && inner.end <= outer.end;
    inside
        && matches!(
            (outer.kind, inner.kind),
            (EntityType::Address, EntityType::Postcode) | (EntityType::Person, EntityType::Age)
        )
}

fn round2(x: f32) -> f32 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_bytes_into_non_ascii_text() {
        let input = "Café owner Zoë NÚÑEZ paid £400 to 07700 900123 — ‘JAY’ knows.";
        let found = extract(input);
        for e in &found.entities {
            assert_eq!(&input[e.start..e.end], e.text);
        }
        let kinds: Vec<(EntityType, &str)> = found
            .entities
            .iter()
            .map(|e| (e.kind, e.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (EntityType::Person, "Zoë NÚÑEZ"),
                (EntityType::Money, "£400"),
                (EntityType::Phone, "07700 900123"),
                (EntityType::Person, "JAY"),
            ]
        );
    }

    #[test]
    fn the_spec_example_as_json() {
        let found = extract(
            "Young lads, maybe 15, coming and going from 14 Mill Rd at all hours; a silver Focus AB12 CDE drops them off.",
        );
        let json = serde_json::to_value(&found).expect("json");
        let entities = json["entities"].as_array().expect("entities");
        let vrm = entities.iter().find(|e| e["type"] == "vrm").expect("a vrm");
        assert_eq!(vrm["normalised"], "AB12CDE");
        let age = entities
            .iter()
            .find(|e| e["type"] == "age")
            .expect("an age");
        assert_eq!(age["normalised"], serde_json::json!({"min": 13, "max": 17}));
        let indicators = json["indicators"].as_array().expect("indicators");
        assert_eq!(indicators[0]["family"], "cuckooing");
        assert_eq!(indicators[0]["indicator"], "visitors_at_all_hours");
    }
}
