//! Blocking: which pairs of records are compared at all. Each rule gives every record zero or
//! more keys; records sharing a key under a rule form a block, and each pair within a block is a
//! candidate. Blocks larger than [`Settings::max_block`] are skipped (and reported): a key that
//! common identifies nobody.
//!
//! The index keeps, per rule, the `(key, record)` entries sorted by key, so that both a full
//! build and an incremental addition find the same candidates.

use crate::Settings;
use crate::compare::{Field, Prepared};
use serde::Serialize;
use std::hash::{Hash, Hasher};

/// A blocking rule: a name, the fields it constrains (every field whose level the rule limits,
/// even partly — a shared birth year limits the date of birth — so that training does not learn
/// from agreement that the rule itself made), and its keys.
#[derive(Clone, Copy)]
pub struct BlockingRule {
    pub name: &'static str,
    pub fields: &'static [Field],
    pub keys: fn(&Prepared) -> Vec<String>,
    /// With `Some(d)`, two records of one block are a candidate pair only when their birth
    /// years are at most `d` apart, or either has no known birth year: a common name then
    /// pairs its bearers born about the same time, and those whose age is not known with all,
    /// rather than everyone with everyone.
    pub years_apart: Option<u16>,
}

/// The birth year when known exactly.
fn birth_year(p: &Prepared) -> Option<i32> {
    p.record.dob.and_then(|d| d.year())
}

/// Whether two records may pair under a rule's birth-year condition.
fn years_allow(rule: &BlockingRule, a: &Prepared, b: &Prepared) -> bool {
    match (rule.years_apart, birth_year(a), birth_year(b)) {
        (Some(d), Some(x), Some(y)) => x.abs_diff(y) <= u32::from(d),
        _ => true,
    }
}

impl std::fmt::Debug for BlockingRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

fn full_dob(p: &Prepared) -> Option<String> {
    match p.record.dob {
        Some(crate::record::Dob::Day { year, month, day }) => {
            Some(format!("{year:04}{month:02}{day:02}"))
        }
        _ => None,
    }
}

fn initial(p: &Prepared) -> Option<char> {
    p.record.forename.as_deref().and_then(|f| f.chars().next())
}

fn long_forename(p: &Prepared) -> Option<&str> {
    p.record.forename.as_deref().filter(|f| f.len() > 1)
}

/// The default rules: names and dates of birth in several combinations, so that a typo in any
/// one field still leaves a rule under which the pair meets, plus the strong identifiers.
pub const DEFAULT_RULES: &[BlockingRule] = &[
    BlockingRule {
        name: "surname + forename initial",
        fields: &[Field::Surname, Field::Forename],
        keys: |p| match (&p.record.surname, initial(p)) {
            (Some(s), Some(i)) => vec![format!("{s}|{i}")],
            _ => vec![],
        },
        years_apart: Some(1),
    },
    BlockingRule {
        name: "surname + day and month of birth",
        fields: &[Field::Surname, Field::Dob],
        keys: |p| match (&p.record.surname, full_dob(p)) {
            (Some(s), Some(d)) => vec![format!("{s}|{}", &d[4..])],
            _ => vec![],
        },
        years_apart: None,
    },
    BlockingRule {
        name: "surname sound + birth year",
        fields: &[Field::Surname, Field::Dob],
        keys: |p| match (&p.surname_sound, p.record.dob.and_then(|d| d.year())) {
            (Some(s), Some(y)) => vec![format!("{s}|{y}")],
            _ => vec![],
        },
        years_apart: None,
    },
    BlockingRule {
        name: "forename sound + surname sound",
        fields: &[Field::Forename, Field::Surname],
        keys: |p| match (&p.forename_sound, &p.surname_sound) {
            (Some(f), Some(s)) => vec![format!("{f}|{s}")],
            _ => vec![],
        },
        years_apart: Some(1),
    },
    // The initial of either name: a record with forename and surname the wrong way round,
    // one of them misspelt, still meets the others of its date of birth.
    BlockingRule {
        name: "date of birth + an initial",
        fields: &[Field::Dob, Field::Forename, Field::Surname],
        keys: |p| {
            let Some(d) = full_dob(p) else {
                return vec![];
            };
            let surname = p.record.surname.as_deref().and_then(|s| s.chars().next());
            let mut keys: Vec<String> = initial(p)
                .into_iter()
                .chain(surname)
                .map(|i| format!("{d}|{i}"))
                .collect();
            keys.dedup();
            keys
        },
        years_apart: None,
    },
    BlockingRule {
        name: "names either way round",
        fields: &[Field::Forename, Field::Surname],
        keys: |p| match (long_forename(p), &p.record.surname) {
            (Some(f), Some(s)) if f != s => {
                let (a, b) = if f < s.as_str() {
                    (f, s.as_str())
                } else {
                    (s.as_str(), f)
                };
                vec![format!("{a}|{b}")]
            }
            _ => vec![],
        },
        years_apart: Some(1),
    },
    BlockingRule {
        name: "shared phone",
        fields: &[Field::Phone],
        keys: |p| p.record.phones.clone(),
        years_apart: None,
    },
    BlockingRule {
        name: "shared vehicle",
        fields: &[Field::Vehicle],
        keys: |p| p.record.vehicles.clone(),
        years_apart: None,
    },
    BlockingRule {
        name: "shared address",
        fields: &[Field::Address],
        keys: |p| p.record.addresses.clone(),
        years_apart: None,
    },
    BlockingRule {
        name: "shared official identifier",
        fields: &[Field::Identifier],
        keys: |p| p.record.identifiers.clone(),
        years_apart: None,
    },
    BlockingRule {
        name: "shared street name",
        fields: &[Field::Alias],
        keys: |p| p.record.aliases.clone(),
        years_apart: None,
    },
];

fn hash_key(rule: usize, key: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    rule.hash(&mut h);
    key.hash(&mut h);
    h.finish()
}

/// Per rule, `(key hash, record)` sorted by key hash.
#[derive(Debug, Default, Clone)]
pub struct BlockIndex {
    entries: Vec<Vec<(u64, u32)>>,
}

/// What a rule produced.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RuleCount {
    pub rule: String,
    pub blocks: u64,
    pub pairs: u64,
    /// Blocks over the size limit, skipped.
    pub oversized_blocks: u64,
    /// Records in the largest block kept.
    pub largest_block: u64,
}

/// Candidate pairs before any comparison runs.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BlockingReport {
    pub records: u64,
    pub rules: Vec<RuleCount>,
    /// Distinct pairs over all rules.
    pub candidate_pairs: u64,
    /// Pairs a full comparison of every record with every other would make.
    pub all_pairs: u64,
}

impl BlockIndex {
    /// Builds the index of `records`.
    pub fn build(records: &[Prepared], settings: &Settings) -> BlockIndex {
        let mut index = BlockIndex {
            entries: vec![Vec::new(); settings.rules.len()],
        };
        index.extend(records, 0, settings);
        index
    }

    /// Adds records `first..` of `records` to the index.
    pub fn extend(&mut self, records: &[Prepared], first: usize, settings: &Settings) {
        for (r, rule) in settings.rules.iter().enumerate() {
            let mut new: Vec<(u64, u32)> = Vec::new();
            for (i, p) in records.iter().enumerate().skip(first) {
                if !p.record.is_matchable() {
                    continue;
                }
                for key in (rule.keys)(p) {
                    new.push((hash_key(r, &key), i as u32));
                }
            }
            new.sort_unstable();
            new.dedup();
            let old = std::mem::take(&mut self.entries[r]);
            self.entries[r] = merge_sorted(old, new);
        }
    }

    /// The blocks (runs of one key) of rule `r`.
    fn blocks(&self, r: usize) -> impl Iterator<Item = &[(u64, u32)]> {
        self.entries[r].chunk_by(|a, b| a.0 == b.0)
    }

    /// The block of rule `r` with this key hash.
    fn block(&self, r: usize, key: u64) -> &[(u64, u32)] {
        let e = &self.entries[r];
        let start = e.partition_point(|x| x.0 < key);
        let end = e[start..].partition_point(|x| x.0 == key) + start;
        &e[start..end]
    }

    /// Every candidate pair `(i, j)`, `i < j`, with the rules that produced it as a bit mask,
    /// sorted; and the counts. Two mentions of one report are never a candidate pair: the
    /// report lists them as two people.
    pub fn all_pairs(
        &self,
        settings: &Settings,
        records: &[Prepared],
    ) -> (Vec<(u32, u32, u16)>, BlockingReport) {
        // Sorted, distinct pairs (i << 32 | j) with the mask of rules that produced each.
        let mut all: Vec<(u64, u16)> = Vec::new();
        let mut rules = Vec::new();
        for (r, rule) in settings.rules.iter().enumerate() {
            let mut count = RuleCount {
                rule: rule.name.to_string(),
                blocks: 0,
                pairs: 0,
                oversized_blocks: 0,
                largest_block: 0,
            };
            let mut pairs: Vec<u64> = Vec::new();
            for block in self.blocks(r) {
                if block.len() < 2 {
                    continue;
                }
                if block.len() > settings.max_block {
                    count.oversized_blocks += 1;
                    continue;
                }
                count.blocks += 1;
                count.largest_block = count.largest_block.max(block.len() as u64);
                for (x, &(_, a)) in block.iter().enumerate() {
                    let pa = &records[a as usize];
                    for &(_, b) in &block[x + 1..] {
                        let pb = &records[b as usize];
                        if pb.report == pa.report || !years_allow(rule, pa, pb) {
                            continue;
                        }
                        let (i, j) = if a < b { (a, b) } else { (b, a) };
                        pairs.push((u64::from(i) << 32) | u64::from(j));
                    }
                }
            }
            count.pairs = pairs.len() as u64;
            pairs.sort_unstable();
            pairs.dedup();
            all = merge_masked(all, pairs, 1u16 << r);
            rules.push(count);
        }
        let n = records.len() as u64;
        let report = BlockingReport {
            records: n,
            rules,
            candidate_pairs: all.len() as u64,
            all_pairs: n.saturating_mul(n.saturating_sub(1)) / 2,
        };
        let out = all
            .into_iter()
            .map(|(p, m)| ((p >> 32) as u32, p as u32, m))
            .collect();
        (out, report)
    }

    /// The candidates of record `i` among all indexed records, by the same rules and limit as
    /// [`BlockIndex::all_pairs`].
    pub fn candidates_of(&self, records: &[Prepared], i: usize, settings: &Settings) -> Vec<u32> {
        let mut out = Vec::new();
        let p = &records[i];
        if !p.record.is_matchable() {
            return out;
        }
        for (r, rule) in settings.rules.iter().enumerate() {
            for key in (rule.keys)(p) {
                let block = self.block(r, hash_key(r, &key));
                if block.len() < 2 || block.len() > settings.max_block {
                    continue;
                }
                out.extend(block.iter().map(|e| e.1).filter(|&j| {
                    let q = &records[j as usize];
                    q.report != p.report && years_allow(rule, p, q)
                }));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Records in any block that grew past the limit after record `first` was added: their
    /// candidate pairs changed, so their components must be worked out again.
    pub fn newly_oversized(&self, first: usize, settings: &Settings) -> Vec<u32> {
        let mut out = Vec::new();
        for r in 0..settings.rules.len() {
            for block in self.blocks(r) {
                let old = block.iter().filter(|e| (e.1 as usize) < first).count();
                if block.len() > settings.max_block && old <= settings.max_block && old >= 2 {
                    out.extend(block.iter().map(|e| e.1).filter(|&j| (j as usize) < first));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn merge_sorted(a: Vec<(u64, u32)>, b: Vec<(u64, u32)>) -> Vec<(u64, u32)> {
    if a.is_empty() {
        return b;
    }
    if b.is_empty() {
        return a;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Merges sorted distinct `new` pairs, produced by one rule, into sorted `all`.
fn merge_masked(all: Vec<(u64, u16)>, new: Vec<u64>, bit: u16) -> Vec<(u64, u16)> {
    let mut out = Vec::with_capacity(all.len() + new.len());
    let (mut i, mut j) = (0, 0);
    while i < all.len() && j < new.len() {
        match all[i].0.cmp(&new[j]) {
            std::cmp::Ordering::Less => {
                out.push(all[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push((new[j], bit));
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((all[i].0, all[i].1 | bit));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&all[i..]);
    out.extend(new[j..].iter().map(|&p| (p, bit)));
    out
}
