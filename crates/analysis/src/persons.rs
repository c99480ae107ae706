//! The resolved persons of the picture, as exchange-v1 exports them: each person with every
//! mention resolved to them, their names as recorded and their dates of birth. A mention stored
//! since the last analysis is its own person until the next one, so that every mention appears
//! in exactly one person. Each person carries the ids of the groups they are a member of.

use crate::Result;
use futures::TryStreamExt;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use store::Store;

/// A person as exchange-v1 exports them.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExportedPerson {
    pub id: String,
    pub mentions: Vec<String>,
    pub names: Vec<String>,
    pub dobs: Vec<String>,
    pub vulnerability: Vulnerability,
    pub groups: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct Vulnerability {
    pub flagged: bool,
    pub score: f64,
    pub categories: Vec<String>,
    pub reasons: Vec<String>,
}

#[derive(Default)]
struct Person {
    mentions: Vec<String>,
    names: BTreeSet<String>,
    dobs: BTreeSet<String>,
}

/// Every resolved person, in id order.
pub async fn resolved_persons(store: &dyn Store) -> Result<Vec<ExportedPerson>> {
    let assigned: HashMap<String, String> = store
        .person_assignments()
        .await?
        .into_iter()
        .map(|a| (a.mention, a.person_id))
        .collect();
    let assessed: HashMap<String, Vulnerability> = store
        .vulnerabilities(None, false)
        .await?
        .into_iter()
        .map(|row| {
            let reasons = serde_json::from_str::<assess::Vulnerability>(&row.assessment)
                .map(|v| v.reasons)
                .unwrap_or_default();
            (
                row.person_id,
                Vulnerability {
                    flagged: row.flagged,
                    score: row.score,
                    categories: row.categories,
                    reasons,
                },
            )
        })
        .collect();
    // The groups each person is a member of, in the force's full view.
    let mut groups_of: HashMap<String, Vec<String>> = HashMap::new();
    for m in store
        .network()
        .memberships(&[], store::Visibility::Full)
        .await?
    {
        groups_of.entry(m.person_id).or_default().push(m.group_id);
    }
    let mut next = assigned
        .values()
        .filter_map(|p| resolve::person_number(p))
        .max()
        .unwrap_or(0);
    let mut persons: BTreeMap<String, Person> = BTreeMap::new();
    let mut mentions = store.person_mentions();
    while let Some(m) = mentions.try_next().await? {
        let mention = m.mention_id();
        let id = match assigned.get(&mention) {
            Some(id) => id.clone(),
            None => {
                next += 1;
                format!("per_{next:06}")
            }
        };
        let p = persons.entry(id).or_default();
        if let Some(name) = m
            .mention
            .name
            .as_ref()
            .map(|n| n.display())
            .filter(|n| !n.is_empty())
        {
            p.names.insert(name);
        }
        if let Some(dob) = m.mention.dob.and_then(|d| d.iso()) {
            p.dobs.insert(dob);
        }
        p.mentions.push(mention);
    }
    drop(mentions);
    // People found in reports' text.
    for t in store.text_mentions(None).await? {
        if t.kind != model::EntityKind::Person {
            continue;
        }
        let id = match assigned.get(&t.mention) {
            Some(id) => id.clone(),
            None => {
                next += 1;
                format!("per_{next:06}")
            }
        };
        let p = persons.entry(id).or_default();
        let record: Option<resolve::PersonRecord> = serde_json::from_str(&t.data).ok();
        let named = record.is_some_and(|r| r.forename.is_some() || r.surname.is_some());
        if named {
            p.names.insert(t.display.clone());
        }
        p.mentions.push(t.mention);
    }
    Ok(persons
        .into_iter()
        .map(|(id, mut p)| {
            p.mentions.sort();
            ExportedPerson {
                groups: groups_of.remove(&id).unwrap_or_default(),
                vulnerability: assessed.get(&id).cloned().unwrap_or_default(),
                id,
                mentions: p.mentions,
                names: p.names.into_iter().collect(),
                dobs: p.dobs.into_iter().collect(),
            }
        })
        .collect())
}
