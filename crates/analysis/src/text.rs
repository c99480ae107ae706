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

/// The genders a sentence's personal pronouns speak of.
#[derive(Debug, Clone, Copy, Default)]
struct Pronouns {
    male: bool,
    female: bool,
}

impl Pronouns {
    fn any(self) -> bool {
        self.male || self.female
    }

    /// Whether a person of `gender` could be who the pronouns speak of.
    fn fit(self, gender: model::Gender) -> bool {
        match gender {
            model::Gender::Male => self.male,
            model::Gender::Female => self.female,
            _ => self.any(),
        }
    }
}

fn pronouns(words: &[(usize, String)]) -> Pronouns {
    let mut p = Pronouns::default();
    for (_, w) in words {
        match w.as_str() {
            "he" | "him" | "his" | "himself" => p.male = true,
            "she" | "her" | "hers" | "herself" => p.female = true,
            _ => {}
        }
    }
    p
}

/// The words of `text` (runs of letters and digits) with their byte offsets, as written.
fn words_of(text: &str, offset: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((offset + s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((offset + s, &text[s..]));
    }
    out
}

/// The part a person plays in a report, as a sentence may name it instead of their name: "the
/// tenant", "the victim", "the subject", "the child". Each is a head noun seen after "the" or
/// "this" (an adjective or two may come between: "the elderly resident").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Resident,
    Victim,
    Subject,
    Child,
}

const PART_NOUNS: &[(&str, Part)] = &[
    ("tenant", Part::Resident),
    ("resident", Part::Resident),
    ("occupant", Part::Resident),
    ("occupier", Part::Resident),
    ("householder", Part::Resident),
    ("homeowner", Part::Resident),
    ("leaseholder", Part::Resident),
    ("victim", Part::Victim),
    ("complainant", Part::Victim),
    ("subject", Part::Subject),
    ("suspect", Part::Subject),
    ("offender", Part::Subject),
    ("child", Part::Child),
    ("boy", Part::Child),
    ("girl", Part::Child),
    ("teenager", Part::Child),
    ("juvenile", Part::Child),
    ("pupil", Part::Child),
    ("youngster", Part::Child),
];

/// The parts a sentence names by a definite noun phrase ("the tenant"), and the home it speaks
/// of as someone's ("who lives there", "her own flat": its resident).
fn parts(words: &[(usize, String)]) -> Vec<Part> {
    let mut out = Vec::new();
    for (k, (_, w)) in words.iter().enumerate() {
        if let Some((_, part)) = PART_NOUNS.iter().find(|(n, _)| n == w) {
            let definite = words[k.saturating_sub(3)..k]
                .iter()
                .any(|(_, d)| matches!(d.as_str(), "the" | "this" | "that"));
            if definite {
                out.push(*part);
            }
        }
        let next = words.get(k + 1).map(|(_, n)| n.as_str());
        let home = matches!(
            next,
            Some("home" | "flat" | "house" | "property" | "address" | "bedroom" | "tenancy")
        );
        if (w == "who" && matches!(next, Some("lives" | "rents" | "owns")))
            || (w == "own" && home)
            || (w == "whose" && home)
        {
            out.push(Part::Resident);
        }
    }
    out
}

/// One person of a report, as the attribution of its text's indicators sees them.
struct Who {
    mention: String,
    /// The words of their name a sentence may use (surname, first forename, aliases),
    /// lower-cased.
    name_words: Vec<String>,
    /// Sentences a text-found person was found in.
    found_in: Vec<usize>,
    gender: model::Gender,
    subject: bool,
    victim: bool,
    child: bool,
    /// The report records them living at one of its places.
    resident: bool,
}

fn name_words(name: &PersonName) -> Vec<String> {
    let mut words: Vec<String> = name
        .surname
        .iter()
        .chain(name.forenames.iter().take(1))
        .chain(name.aliases.iter())
        .flat_map(|w| {
            words_of(w, 0)
                .into_iter()
                .map(|(_, w)| w.to_lowercase())
                .collect::<Vec<_>>()
        })
        .filter(|w| w.chars().count() > 2)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// A placeholder name's gender ("unknown female"), when the gender field is not given.
fn gender_of(p: &model::PersonMention) -> model::Gender {
    match p.gender {
        model::Gender::Male | model::Gender::Female => p.gender,
        _ => p
            .name_raw
            .as_deref()
            .and_then(|raw| {
                words_of(raw, 0)
                    .into_iter()
                    .map(|(_, w)| model::Gender::parse_loose(w))
                    .find(|g| matches!(g, model::Gender::Male | model::Gender::Female))
            })
            .unwrap_or(p.gender),
    }
}

/// Who each sentence names: the people whose name words it uses. A word more than one person
/// of the report bears (a surname shared in a family) names the one whose other name word is
/// beside it; otherwise, in a sentence whose pronouns fit only one of them, that one; otherwise
/// none of them. A word written in lower case in a text that capitalises is an ordinary word
/// ("young males"), not the surname Young.
fn named_in(
    words: &[(usize, &str)],
    sentence_of_word: &[usize],
    sentence_pronouns: &[Pronouns],
    people: &[Who],
) -> Vec<Vec<usize>> {
    let mut named: Vec<Vec<usize>> = vec![Vec::new(); sentence_pronouns.len()];
    let capitalised = words
        .iter()
        .any(|(_, w)| w.chars().next().is_some_and(char::is_uppercase));
    let lower: Vec<String> = words.iter().map(|(_, w)| w.to_lowercase()).collect();
    let owners = |w: &str| -> Vec<usize> {
        people
            .iter()
            .enumerate()
            .filter(|(_, p)| p.name_words.iter().any(|n| n == w))
            .map(|(i, _)| i)
            .collect()
    };
    for (k, (_, w)) in words.iter().enumerate() {
        if capitalised && !w.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let mut who = owners(&lower[k]);
        if who.is_empty() {
            continue;
        }
        let sentence = sentence_of_word[k];
        if who.len() > 1 {
            let beside: Vec<usize> = [k.wrapping_sub(1), k + 1]
                .iter()
                .filter_map(|j| lower.get(*j))
                .flat_map(|n| owners(n))
                .filter(|o| who.contains(o))
                .collect();
            let one_beside = beside.len() == 1 || beside.windows(2).all(|x| x[0] == x[1]);
            if !beside.is_empty() && one_beside {
                who = vec![beside[0]];
            } else {
                let pro = sentence_pronouns[sentence];
                let fitting: Vec<usize> = who
                    .iter()
                    .copied()
                    .filter(|i| {
                        pro.any()
                            && matches!(
                                people[*i].gender,
                                model::Gender::Male | model::Gender::Female
                            )
                            && pro.fit(people[*i].gender)
                    })
                    .collect();
                if fitting.len() != 1 {
                    continue;
                }
                who = fitting;
            }
        }
        for i in who {
            if !named[sentence].contains(&i) {
                named[sentence].push(i);
            }
        }
    }
    named
}

/// Bears each indicator on the report's people. Directly on those its sentence speaks of: by
/// name; by their part ("the tenant" is whoever the report records living there, "the victim"
/// its victims); by pronoun, the nearest person named before whom the pronoun fits (or the only
/// person of the report it fits); or, when the report has one person and the sentence speaks
/// of no one else, that person — unless they are its suspect, for what a suspect's report
/// describes is what others suffer. A sign of a home taken over said of no one is said of the
/// home's residents. Otherwise, as something found in a report they are in, on everyone but
/// the suspects — and on children, suspects or not, for signs of criminal exploitation and
/// control, since a child suspect may be the one exploited.
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
    let residents: HashSet<&str> = entities
        .links
        .iter()
        .filter(|l| {
            l.link_type == model::LinkType::LivesAt
                && entities.locations.iter().any(|loc| loc.id == l.to)
        })
        .map(|l| l.from.as_str())
        .collect();
    let mut people: Vec<Who> = entities
        .persons
        .iter()
        .map(|p| Who {
            mention: format!("{report_ref}#{}", p.id),
            name_words: p.name.as_ref().map(name_words).unwrap_or_default(),
            found_in: Vec::new(),
            gender: gender_of(p),
            subject: p.role == model::PersonRole::Subject,
            victim: p.role == model::PersonRole::Victim,
            child: p.age_at(received).is_some_and(|a| a.max < 18),
            resident: residents.contains(p.id.as_str()),
        })
        .collect();
    for (mention, start, _) in spans {
        let record = text_persons.iter().find(|p| &p.mention == mention);
        let child = record
            .and_then(|r| r.dob)
            .is_some_and(|d| received.year() - d.years().1 < 18);
        let words: Vec<String> = record
            .map(|r| {
                r.surname
                    .iter()
                    .chain(r.forename.iter())
                    .chain(r.aliases.iter())
                    .flat_map(|w| {
                        words_of(w, 0)
                            .into_iter()
                            .map(|(_, w)| w.to_lowercase())
                            .collect::<Vec<_>>()
                    })
                    .filter(|w| w.chars().count() > 2)
                    .collect()
            })
            .unwrap_or_default();
        people.push(Who {
            mention: mention.clone(),
            name_words: words,
            found_in: vec![sentence_of(&sentences, *start)],
            gender: record
                .and_then(|r| r.gender)
                .unwrap_or(model::Gender::Unknown),
            subject: false,
            victim: false,
            child,
            resident: false,
        });
    }
    // Each sentence's words, pronouns, parts, and the people it names.
    let words = words_of(text, 0);
    let sentence_of_word: Vec<usize> = words
        .iter()
        .map(|(at, _)| sentence_of(&sentences, *at))
        .collect();
    let mut sentence_words: Vec<Vec<(usize, String)>> = vec![Vec::new(); sentences.len().max(1)];
    for ((at, w), s) in words.iter().zip(&sentence_of_word) {
        sentence_words[*s].push((*at, w.to_lowercase()));
    }
    let sentence_pronouns: Vec<Pronouns> = sentence_words.iter().map(|w| pronouns(w)).collect();
    let sentence_parts: Vec<Vec<Part>> = sentence_words.iter().map(|w| parts(w)).collect();
    let mut named = named_in(&words, &sentence_of_word, &sentence_pronouns, &people);
    for (i, p) in people.iter().enumerate() {
        for s in &p.found_in {
            if let Some(n) = named.get_mut(*s)
                && !n.contains(&i)
            {
                n.push(i);
            }
        }
    }
    // Whom each sentence speaks of directly, and whether it speaks of anyone at all.
    let speaks_of = |here: usize| -> (Vec<usize>, bool) {
        let mut who: Vec<usize> = named.get(here).cloned().unwrap_or_default();
        for part in sentence_parts.get(here).into_iter().flatten() {
            for (i, p) in people.iter().enumerate() {
                let plays = match part {
                    Part::Resident => p.resident,
                    Part::Victim => p.victim,
                    Part::Subject => p.subject,
                    Part::Child => p.child,
                };
                if plays && !who.contains(&i) {
                    who.push(i);
                }
            }
        }
        let pro = sentence_pronouns.get(here).copied().unwrap_or_default();
        let mut referred = !who.is_empty() || !sentence_parts.get(here).is_none_or(Vec::is_empty);
        if who.is_empty() && pro.any() {
            referred = true;
            // The nearest earlier sentence (within three) naming someone the pronoun fits.
            let earlier = (here.saturating_sub(3)..here).rev().find_map(|s| {
                let fit: Vec<usize> = named[s]
                    .iter()
                    .copied()
                    .filter(|i| pro.fit(people[*i].gender))
                    .collect();
                (!fit.is_empty()).then_some(fit)
            });
            who = match earlier {
                Some(fit) if fit.len() == 1 => fit,
                Some(_) => Vec::new(),
                None => {
                    let fit: Vec<usize> = (0..people.len())
                        .filter(|i| pro.fit(people[*i].gender))
                        .collect();
                    if fit.len() == 1 { fit } else { Vec::new() }
                }
            };
        }
        (who, referred)
    };
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
        let (who, referred) = speaks_of(here);
        let premises = i.family.as_str() == "cuckooing";
        if !who.is_empty() {
            for w in who {
                out.push((people[w].mention.clone(), cue(true)));
            }
        } else if people.len() == 1 && !referred && !people[0].subject {
            out.push((people[0].mention.clone(), cue(true)));
        } else if premises && people.iter().any(|w| w.resident) && !referred {
            for w in people.iter().filter(|w| w.resident) {
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

    fn cues_of<'a>(m: &'a TextMentions, who: &str) -> Vec<(&'a str, bool)> {
        m.cues
            .iter()
            .filter(|(w, _)| w == who)
            .map(|(_, c)| (c.indicator.as_str(), c.direct))
            .collect()
    }

    #[test]
    fn a_surname_shared_in_a_family_names_the_one_whose_forename_is_beside_it() {
        let line = r#"{"kind":"report","ref":"R-3","received":"2026-03-04T10:12:00Z","source":{"type":"officer"},"grading":{"source":"1","intel":"A","handling":"P"},"crime_types":["child_criminal_exploitation"],"text":"Missing person report: Noah WADE did not return home and a parent called police. He is a frequent missing person and comes back with new clothes and cash.","persons":[{"id":"P1","name":"Noah WADE","dob":"2011-02-03","gender":"male","role":"victim"},{"id":"P2","name":"Catherine WADE","gender":"female","role":"witness"}]}"#;
        let (e, received, text) = entities(line);
        let m = text_mentions("R-3", received, &text, &e);
        assert!(
            cues_of(&m, "R-3#P1").iter().any(|(_, d)| *d),
            "the child: {:?}",
            m.cues
        );
        assert!(
            cues_of(&m, "R-3#P2").iter().all(|(_, d)| !*d),
            "the mother is named by neither her forename nor the pronoun: {:?}",
            m.cues
        );
    }

    #[test]
    fn the_tenant_is_whoever_the_report_records_living_there() {
        let line = r#"{"kind":"report","ref":"R-4","received":"2026-03-04T10:12:00Z","source":{"type":"community"},"grading":{"source":"3","intel":"C","handling":"P"},"text":"Something is wrong at the flat on Mill Road. Nobody has seen the occupant for weeks. Callers at all hours of the night.","persons":[{"id":"P1","name":"unknown male","role":"unknown"},{"id":"P2","name":"unknown female","role":"unknown"}],"locations":[{"id":"L1","address":"Mill Road"}],"links":[{"from":"P1","to":"L1","type":"seen_at"},{"from":"P2","to":"L1","type":"lives_at"}]}"#;
        let (e, received, text) = entities(line);
        let m = text_mentions("R-4", received, &text, &e);
        let resident = cues_of(&m, "R-4#P2");
        assert!(
            !resident.is_empty() && resident.iter().all(|(_, d)| *d),
            "the resident, directly, for every sign of her home: {:?}",
            m.cues
        );
        assert!(
            cues_of(&m, "R-4#P1").iter().all(|(_, d)| !*d),
            "the visitor only as someone in the report: {:?}",
            m.cues
        );
    }

    #[test]
    fn a_suspect_alone_in_a_report_is_not_the_victim_it_describes() {
        let line = r#"{"kind":"report","ref":"R-5","received":"2026-03-04T10:12:00Z","source":{"type":"chis"},"grading":{"source":"2","intel":"B","handling":"P"},"crime_types":["msht_sexual"],"text":"Source reports a man is moving women around short-let flats and taking their money. She said her passport was taken.","persons":[{"id":"P1","name":"Lionel KNOTT","gender":"male","role":"subject"}]}"#;
        let (e, received, text) = entities(line);
        let m = text_mentions("R-5", received, &text, &e);
        assert!(
            m.cues.iter().all(|(w, c)| w != "R-5#P1" || !c.direct),
            "{:?}",
            m.cues
        );
        // A pronoun that fits the only person of the report is theirs.
        let line = r#"{"kind":"report","ref":"R-6","received":"2026-03-04T10:12:00Z","source":{"type":"officer"},"grading":{"source":"1","intel":"A","handling":"P"},"crime_types":["drugs_county_lines"],"text":"Welfare visit to the address. She said her passport was taken by the men.","persons":[{"id":"P1","name":"Sarah MILLS","gender":"female","role":"unknown"},{"id":"P2","name":"Alfred YOUNG","gender":"male","role":"subject"}]}"#;
        let (e, received, text) = entities(line);
        let m = text_mentions("R-6", received, &text, &e);
        assert!(
            cues_of(&m, "R-6#P1").iter().any(|(_, d)| *d),
            "{:?}",
            m.cues
        );
        assert!(cues_of(&m, "R-6#P2").is_empty(), "{:?}", m.cues);
    }
}
