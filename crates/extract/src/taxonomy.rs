//! The indicator taxonomy (`data/indicators.toml`), read once and compiled into word tables.
//!
//! Concepts are sets of stems, exact words and phrases; indicators are rules over concepts. The
//! file's header explains the rule language; this module turns it into lookups keyed by a
//! word's stem so that a sentence is matched in one pass over its words.

use crate::text::{TokenKind, tokenize};
use rust_stemmers::{Algorithm, Stemmer};
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::HashMap;

/// The taxonomy shipped with the crate.
pub const TAXONOMY_TOML: &str = include_str!("../data/indicators.toml");

/// Why the taxonomy could not be used.
#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    #[error("indicators.toml is not valid: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("indicator {indicator}: unknown concept {concept:?}")]
    UnknownConcept { indicator: String, concept: String },
    #[error("indicator {indicator}: unknown family {family:?}")]
    UnknownFamily { indicator: String, family: String },
    #[error("concept {concept}: term {term:?} has no words")]
    EmptyTerm { concept: String, term: String },
    #[error("too many concepts (at most {max})")]
    TooManyConcepts { max: usize },
    #[error("{0}")]
    Invalid(String),
}

/// A concept's index.
pub type ConceptId = u16;

/// The concepts that the code computes rather than lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Virtual {
    Money,
    Phone,
    Address,
    Place,
    ChildAge,
    AdultAge,
    ElderlyAge,
    SmallHours,
    Many,
    /// A person named in the text (a name or a street name, not a description).
    Named,
}

impl Virtual {
    fn from_name(name: &str) -> Option<Virtual> {
        Some(match name {
            "@money" => Virtual::Money,
            "@phone" => Virtual::Phone,
            "@address" => Virtual::Address,
            "@place" => Virtual::Place,
            "@child_age" => Virtual::ChildAge,
            "@adult_age" => Virtual::AdultAge,
            "@elderly_age" => Virtual::ElderlyAge,
            "@small_hours" => Virtual::SmallHours,
            "@many" => Virtual::Many,
            "@named" => Virtual::Named,
            _ => return None,
        })
    }
}

/// The five indicator families of the exchange format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    ChildCriminalExploitation,
    Cuckooing,
    LabourExploitation,
    SexualExploitation,
    ControlViolence,
}

impl Family {
    pub const ALL: [Family; 5] = [
        Family::ChildCriminalExploitation,
        Family::Cuckooing,
        Family::LabourExploitation,
        Family::SexualExploitation,
        Family::ControlViolence,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Family::ChildCriminalExploitation => "child_criminal_exploitation",
            Family::Cuckooing => "cuckooing",
            Family::LabourExploitation => "labour_exploitation",
            Family::SexualExploitation => "sexual_exploitation",
            Family::ControlViolence => "control_violence",
        }
    }

    /// The family in words, for what an analyst reads.
    pub fn label(&self) -> &'static str {
        match self {
            Family::ChildCriminalExploitation => "child criminal exploitation",
            Family::Cuckooing => "cuckooing",
            Family::LabourExploitation => "labour exploitation",
            Family::SexualExploitation => "sexual exploitation",
            Family::ControlViolence => "control and violence",
        }
    }

    pub fn parse(s: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTaxonomy {
    version: String,
    scope: RawScope,
    concept: HashMap<String, Vec<String>>,
    indicator: Vec<RawIndicator>,
    /// Irregular word forms and the form whose stem they share (`kept` → `keep`).
    #[serde(default)]
    irregular: HashMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScope {
    negation_window: usize,
    hedge_factor: f32,
    #[serde(default = "one")]
    presume_factor: f32,
    negation: Vec<String>,
    negation_post: Vec<String>,
    #[serde(default)]
    negated_by: Vec<String>,
    terminator: Vec<String>,
    clear: Vec<String>,
    hedge: Vec<String>,
}

fn one() -> f32 {
    1.0
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    family: String,
    id: String,
    label: String,
    confidence: f32,
    #[serde(default = "yes")]
    clearable: bool,
    rule: Vec<RawRule>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    all: Vec<String>,
    #[serde(default = "default_window")]
    window: usize,
    #[serde(default)]
    context: Vec<String>,
    #[serde(default)]
    presume: Vec<String>,
    #[serde(default)]
    presume_unless: Vec<String>,
    #[serde(default)]
    not_context: Vec<String>,
    #[serde(default)]
    unless: Vec<String>,
    #[serde(default)]
    unless_before: Vec<String>,
    #[serde(default = "default_unless_window")]
    unless_window: usize,
    #[serde(default)]
    ordered: bool,
}

fn default_window() -> usize {
    10
}

fn default_unless_window() -> usize {
    4
}

/// One compiled rule: see the file header for its meaning.
#[derive(Debug, Clone)]
pub struct Rule {
    pub all: Vec<ConceptId>,
    pub window: usize,
    pub context: Vec<ConceptId>,
    /// Without a `context` concept in the report, the context is presumed (at a lower
    /// confidence) when one of these is in the report and none of `presume_unless`.
    pub presume: Vec<ConceptId>,
    pub presume_unless: Vec<ConceptId>,
    pub not_context: Vec<ConceptId>,
    pub unless: Vec<ConceptId>,
    pub unless_before: Vec<ConceptId>,
    pub unless_window: usize,
    /// The concepts of `all` must occur in the order listed.
    pub ordered: bool,
}

/// One indicator of the taxonomy.
#[derive(Debug, Clone)]
pub struct IndicatorDef {
    pub family: Family,
    pub id: String,
    pub label: String,
    pub confidence: f32,
    pub clearable: bool,
    pub rules: Vec<Rule>,
}

/// A phrase of two or more words that stands for a concept.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub concept: ConceptId,
    /// Stem ids of the words in order.
    pub stems: Vec<u32>,
}

/// What the taxonomy knows about one stem.
#[derive(Debug, Clone, Default)]
pub struct StemEntry {
    /// Concepts the stem stands for alone.
    pub concepts: Vec<ConceptId>,
    /// Phrases that start with the stem, as (second word's stem, phrase), sorted.
    pub phrases: Vec<(u32, u32)>,
}

/// The concept ids of `[scope]`.
#[derive(Debug, Clone, Copy)]
pub struct ScopeIds {
    pub negation: ConceptId,
    pub negation_post: ConceptId,
    pub terminator: ConceptId,
    pub clear: ConceptId,
    pub hedge: ConceptId,
    /// Words that, besides `negation`, make a `!` term negative ("refused to say").
    pub negated_by: ConceptId,
}

/// The compiled taxonomy.
pub struct Taxonomy {
    pub version: String,
    pub concept_names: Vec<String>,
    pub indicators: Vec<IndicatorDef>,
    pub phrases: Vec<Phrase>,
    pub stems: Vec<StemEntry>,
    pub scope: ScopeIds,
    pub negation_window: usize,
    pub hedge_factor: f32,
    /// The confidence factor of a detection whose context was presumed.
    pub presume_factor: f32,
    /// For each concept id: when it is the shadow of a concept's `!` terms (words that stand for
    /// the concept only when negated), that concept.
    pub shadow_of: Vec<Option<ConceptId>>,
    /// Whether any concept has `!` terms.
    pub has_shadows: bool,
    /// For each computed concept, the listed concepts that include it.
    pub virtual_members: HashMap<Virtual, Vec<ConceptId>>,
    /// For each concept, the (indicator, rule) pairs whose first concept it is: a sentence only
    /// tries the rules whose first concept it contains.
    pub rules_by_first: Vec<Vec<(u16, u16)>>,
    stem_ids: HashMap<String, u32, FoldHash>,
    exact: HashMap<String, u32, FoldHash>,
    exact_lists: Vec<Vec<ConceptId>>,
    irregular: HashMap<String, String>,
    stemmer: Stemmer,
    /// Tells this taxonomy's entries apart in the per-thread word cache.
    instance: u64,
}

static INSTANCES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// A word's lookup: its stem id (if the taxonomy knows the stem) and the concepts its exact
/// form stands for.
#[derive(Debug, Clone, Copy)]
pub struct WordInfo {
    pub stem: Option<u32>,
    pub exact: Option<u32>,
}

impl Taxonomy {
    /// Compiles the taxonomy from TOML text.
    pub fn from_toml(source: &str) -> Result<Taxonomy, TaxonomyError> {
        let raw: RawTaxonomy = toml::from_str(source)?;
        let mut taxonomy = Taxonomy {
            version: raw.version,
            concept_names: Vec::new(),
            indicators: Vec::new(),
            phrases: Vec::new(),
            stems: Vec::new(),
            scope: ScopeIds {
                negation: 0,
                negation_post: 0,
                terminator: 0,
                clear: 0,
                hedge: 0,
                negated_by: 0,
            },
            negation_window: raw.scope.negation_window,
            hedge_factor: raw.scope.hedge_factor,
            presume_factor: raw.scope.presume_factor,
            shadow_of: Vec::new(),
            has_shadows: false,
            virtual_members: HashMap::new(),
            rules_by_first: Vec::new(),
            stem_ids: HashMap::default(),
            exact: HashMap::default(),
            exact_lists: Vec::new(),
            irregular: raw
                .irregular
                .iter()
                .map(|(k, v)| (normalise_word(k), normalise_word(v)))
                .collect(),
            stemmer: Stemmer::create(Algorithm::English),
            instance: INSTANCES.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        };
        let scope = [
            ("_negation", &raw.scope.negation),
            ("_negation_post", &raw.scope.negation_post),
            ("_terminator", &raw.scope.terminator),
            ("_clear", &raw.scope.clear),
            ("_hedge", &raw.scope.hedge),
            ("_negated_by", &raw.scope.negated_by),
        ];
        let mut ids = Vec::new();
        for (name, terms) in scope {
            ids.push(taxonomy.add_concept(name, terms)?);
        }
        taxonomy.scope = ScopeIds {
            negation: ids[0],
            negation_post: ids[1],
            terminator: ids[2],
            clear: ids[3],
            hedge: ids[4],
            negated_by: ids[5],
        };
        let mut names: Vec<&String> = raw.concept.keys().collect();
        names.sort();
        for name in names {
            taxonomy.add_concept(name, &raw.concept[name])?;
        }
        for ind in raw.indicator {
            let family =
                Family::parse(&ind.family).ok_or_else(|| TaxonomyError::UnknownFamily {
                    indicator: ind.id.clone(),
                    family: ind.family.clone(),
                })?;
            let mut rules = Vec::new();
            for r in &ind.rule {
                let mut resolve = |names: &[String]| -> Result<Vec<ConceptId>, TaxonomyError> {
                    names
                        .iter()
                        .map(|n| taxonomy.concept_id(n, &ind.id))
                        .collect()
                };
                rules.push(Rule {
                    all: resolve(&r.all)?,
                    window: r.window,
                    context: resolve(&r.context)?,
                    presume: resolve(&r.presume)?,
                    presume_unless: resolve(&r.presume_unless)?,
                    not_context: resolve(&r.not_context)?,
                    unless: resolve(&r.unless)?,
                    unless_before: resolve(&r.unless_before)?,
                    unless_window: r.unless_window,
                    ordered: r.ordered,
                });
            }
            taxonomy.indicators.push(IndicatorDef {
                family,
                id: ind.id,
                label: ind.label,
                confidence: ind.confidence,
                clearable: ind.clearable,
                rules,
            });
        }
        taxonomy
            .shadow_of
            .resize(taxonomy.concept_names.len(), None);
        taxonomy.has_shadows = taxonomy.shadow_of.iter().any(Option::is_some);
        taxonomy.rules_by_first = vec![Vec::new(); taxonomy.concept_names.len()];
        for (d, def) in taxonomy.indicators.iter().enumerate() {
            for (r, rule) in def.rules.iter().enumerate() {
                if let Some(first) = rule.all.first() {
                    taxonomy.rules_by_first[usize::from(*first)].push((d as u16, r as u16));
                }
            }
        }
        Ok(taxonomy)
    }

    /// The id of a listed or computed concept, creating computed ones on first use.
    fn concept_id(&mut self, name: &str, indicator: &str) -> Result<ConceptId, TaxonomyError> {
        if name.ends_with('!') {
            return Err(TaxonomyError::UnknownConcept {
                indicator: indicator.to_string(),
                concept: name.to_string(),
            });
        }
        if let Some(i) = self.concept_names.iter().position(|n| n == name) {
            return Ok(i as ConceptId);
        }
        if let Some(v) = Virtual::from_name(name) {
            let id = self.new_concept(name)?;
            self.virtual_members.entry(v).or_default().push(id);
            return Ok(id);
        }
        Err(TaxonomyError::UnknownConcept {
            indicator: indicator.to_string(),
            concept: name.to_string(),
        })
    }

    fn new_concept(&mut self, name: &str) -> Result<ConceptId, TaxonomyError> {
        if self.concept_names.len() >= crate::indicators::MAX_CONCEPTS {
            return Err(TaxonomyError::TooManyConcepts {
                max: crate::indicators::MAX_CONCEPTS,
            });
        }
        self.concept_names.push(name.to_string());
        Ok((self.concept_names.len() - 1) as ConceptId)
    }

    fn add_concept(&mut self, name: &str, terms: &[String]) -> Result<ConceptId, TaxonomyError> {
        let concept = self.new_concept(name)?;
        let mut shadow: Option<ConceptId> = None;
        for term in terms {
            // `!word`: the word stands for the concept only when negated; it is filed under the
            // concept's shadow, which the matcher turns into the concept when a negation comes
            // just before it.
            let (id, term) = match term.strip_prefix('!') {
                Some(rest) => {
                    let id = match shadow {
                        Some(id) => id,
                        None => {
                            let id = self.new_concept(&format!("{name}!"))?;
                            self.shadow_of.resize(self.concept_names.len(), None);
                            self.shadow_of[usize::from(id)] = Some(concept);
                            shadow = Some(id);
                            id
                        }
                    };
                    (id, rest)
                }
                None => (concept, term.as_str()),
            };
            if let Some(v) = Virtual::from_name(term) {
                self.virtual_members.entry(v).or_default().push(id);
                continue;
            }
            if let Some(exact) = term.strip_prefix('=') {
                let key = normalise_word(exact);
                let next = self.exact_lists.len() as u32;
                let index = *self.exact.entry(key).or_insert(next);
                if index == next {
                    self.exact_lists.push(Vec::new());
                }
                self.exact_lists[index as usize].push(id);
                continue;
            }
            let words: Vec<String> = tokenize(term)
                .iter()
                .filter(|t| t.kind != TokenKind::Punct)
                .map(|t| normalise_word(t.text(term)))
                .collect();
            let stems: Vec<u32> = words.iter().map(|w| self.intern_stem(w)).collect();
            match stems.as_slice() {
                [] => {
                    return Err(TaxonomyError::EmptyTerm {
                        concept: name.to_string(),
                        term: term.to_string(),
                    });
                }
                [one] => {
                    let entry = &mut self.stems[*one as usize];
                    if !entry.concepts.contains(&id) {
                        entry.concepts.push(id);
                    }
                }
                [first, ..] => {
                    let first = *first;
                    self.phrases.push(Phrase {
                        concept: id,
                        stems: stems.clone(),
                    });
                    let phrase = (self.phrases.len() - 1) as u32;
                    let second = stems[1];
                    let list = &mut self.stems[first as usize].phrases;
                    let at = list.partition_point(|(s, _)| *s < second);
                    list.insert(at, (second, phrase));
                }
            }
        }
        Ok(concept)
    }

    /// The stem of a normalised word, through the irregular forms.
    fn stem(&self, word: &str) -> String {
        let base = self.irregular.get(word).map_or(word, String::as_str);
        stem_of(&self.stemmer, base)
    }

    fn intern_stem(&mut self, word: &str) -> u32 {
        let stem = self.stem(word);
        if let Some(id) = self.stem_ids.get(&stem) {
            return *id;
        }
        self.stems.push(StemEntry::default());
        let id = (self.stems.len() - 1) as u32;
        self.stem_ids.insert(stem, id);
        id
    }

    /// Looks a word up, through a per-thread cache of the words seen before: report text reuses
    /// a small vocabulary, so most words are stemmed once per thread.
    pub fn lookup(&self, word: &str) -> WordInfo {
        let mut out = Vec::with_capacity(1);
        self.lookup_all(std::iter::once(word), &mut out);
        out[0]
    }

    /// [`Taxonomy::lookup`] for many words, appending to `out`, with one visit to the cache.
    pub fn lookup_all<'w>(&self, words: impl Iterator<Item = &'w str>, out: &mut Vec<WordInfo>) {
        thread_local! {
            static CACHE: RefCell<(u64, WordCache)> = RefCell::new((u64::MAX, WordCache::default()));
        }
        const NONE: u32 = u32::MAX;
        const CACHE_LIMIT: usize = 200_000;
        let info = |(stem, exact): (u32, u32)| WordInfo {
            stem: (stem != NONE).then_some(stem),
            exact: (exact != NONE).then_some(exact),
        };
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            let (instance, cache) = &mut *c;
            if *instance != self.instance {
                *instance = self.instance;
                cache.clear();
            }
            for word in words {
                if word.bytes().any(|b| b.is_ascii_digit()) {
                    // Figures (phone groups, registrations, times) are endless and rarely in
                    // the taxonomy: look them up without filling the cache.
                    let key = normalise_word(word);
                    out.push(WordInfo {
                        stem: self.stem_ids.get(&key).copied(),
                        exact: self.exact.get(&key).copied(),
                    });
                    continue;
                }
                // Words as written are cached; case and clitics are folded only on a miss.
                if let Some(hit) = cache.get(word) {
                    out.push(info(hit));
                    continue;
                }
                let key = normalise_word(word);
                let stem = self.stem_ids.get(&self.stem(&key)).copied().unwrap_or(NONE);
                let exact = self.exact.get(key.as_str()).copied().unwrap_or(NONE);
                if cache.len() >= CACHE_LIMIT {
                    cache.clear();
                }
                cache.insert(word, (stem, exact));
                out.push(info((stem, exact)));
            }
        });
    }

    /// The concepts that an exact word (by its [`WordInfo::exact`]) stands for.
    pub fn exact_concepts(&self, exact: u32) -> &[ConceptId] {
        self.exact_lists
            .get(exact as usize)
            .map_or(&[], Vec::as_slice)
    }
}

/// The per-thread cache of words as written → (stem id, exact id). A word of up to 15 bytes —
/// nearly every word — is keyed by its bytes and length packed into a `u128`, so a lookup
/// hashes two integers and compares one, with no pointer to follow.
#[derive(Default)]
struct WordCache {
    short: HashMap<u128, (u32, u32), FoldHash>,
    long: HashMap<Box<str>, (u32, u32), FoldHash>,
}

impl WordCache {
    fn packed(word: &str) -> Option<u128> {
        let bytes = word.as_bytes();
        // Shifted in byte by byte: copying into a buffer and reading it back as one integer
        // stalls the processor more than these few shifts cost.
        (bytes.len() < 16).then(|| {
            let len = (bytes.len() as u128) << 120;
            bytes
                .iter()
                .enumerate()
                .fold(len, |key, (i, &b)| key | (u128::from(b) << (8 * i)))
        })
    }

    fn get(&self, word: &str) -> Option<(u32, u32)> {
        match WordCache::packed(word) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(word).copied(),
        }
    }

    fn insert(&mut self, word: &str, value: (u32, u32)) {
        match WordCache::packed(word) {
            Some(key) => self.short.insert(key, value),
            None => self.long.insert(word.into(), value),
        };
    }

    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }
}

/// FxHash (rustc's hasher): the cache keys are short words, for which SipHash's protection
/// against crafted collisions costs more than it is worth here.
#[derive(Default, Clone, Copy)]
pub struct FoldHash;

impl std::hash::BuildHasher for FoldHash {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

pub struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, v: u64) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Eight bytes at a time, then the rest as four, two and one: words are short, so the
        // tail is most of the work.
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let mut rest = chunks.remainder();
        if let [a, b, c, d, tail @ ..] = rest {
            self.add(u64::from(u32::from_le_bytes([*a, *b, *c, *d])));
            rest = tail;
        }
        if let [a, b, tail @ ..] = rest {
            self.add(u64::from(u16::from_le_bytes([*a, *b])));
            rest = tail;
        }
        if let [a] = rest {
            self.add(u64::from(*a));
        }
    }
    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Lower-cases a word and maps clitics to the words they stand for (`n't` → `not`).
pub fn normalise_word(word: &str) -> String {
    let lower = if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.to_lowercase().replace('\u{2019}', "'")
    };
    match lower.as_str() {
        "n't" => "not".to_string(),
        "'ll" => "will".to_string(),
        "'d" => "would".to_string(),
        "'re" => "are".to_string(),
        "'ve" => "have".to_string(),
        "'m" => "am".to_string(),
        "ca" => "can".to_string(),
        "wo" => "will".to_string(),
        "cannot" => "not".to_string(),
        _ => lower,
    }
}

fn stem_of(stemmer: &Stemmer, word: &str) -> String {
    if word.starts_with('\'') || !word.chars().all(char::is_alphabetic) {
        return word.to_string();
    }
    stemmer.stem(word).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_taxonomy_compiles_and_covers_every_family() {
        let t = Taxonomy::from_toml(TAXONOMY_TOML).expect("taxonomy");
        assert!(!t.version.is_empty());
        for family in Family::ALL {
            assert!(
                t.indicators.iter().filter(|i| i.family == family).count() >= 4,
                "{family:?}"
            );
        }
    }

    #[test]
    fn unknown_concepts_are_reported() {
        let bad = r#"
version = "x"
[scope]
negation_window = 6
hedge_factor = 0.5
negation = ["no"]
negation_post = []
terminator = []
clear = []
hedge = []
[concept]
a = ["word"]
[[indicator]]
family = "cuckooing"
id = "x"
label = "X"
confidence = 0.5
[[indicator.rule]]
all = ["a", "missing"]
"#;
        let err = Taxonomy::from_toml(bad).err().expect("an error");
        assert_eq!(err.to_string(), "indicator x: unknown concept \"missing\"");
    }
}
