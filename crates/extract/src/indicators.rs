//! Matching the taxonomy's indicator rules against the sentences of a text.
//!
//! Per sentence: each word is looked up by stem, giving concept hits (phrases too); computed
//! concepts come from the entities found (money, phones, ages, addresses) and from the word
//! shapes (small-hours times, counts, known places). Each rule is then tried where all its
//! concepts occur; a match is dropped when negated in its clause or cancelled by an "all is well"
//! statement, and its confidence lowered when the sentence is hedged.

use crate::family_model::FamilyModel;
use crate::gazetteer::Gazetteer;
use crate::taxonomy::{ConceptId, IndicatorDef, Rule, Taxonomy, Virtual, WordInfo};
use crate::text::{Token, TokenKind};
use crate::{Entity, EntityType, Indicator, Normalised};
use std::ops::Range;

/// A concept found in a sentence, over words `first..=last` (indices into the sentence's words).
#[derive(Debug, Clone, Copy)]
struct Hit {
    concept: ConceptId,
    first: usize,
    last: usize,
    /// A `!` term made positive by the negation that starts the hit ("could not say"): that
    /// negation is spent and negates nothing else.
    via_negation: bool,
}

impl Hit {
    fn new(concept: ConceptId, first: usize, last: usize) -> Hit {
        Hit {
            concept,
            first,
            last,
            via_negation: false,
        }
    }
}

/// One sentence's words, concept hits and the set of its concepts.
#[derive(Clone, Copy)]
struct Sentence<'a> {
    hits: &'a [Hit],
    present: &'a ConceptSet,
    words: &'a [usize],
}

/// A set of concepts, one bit each.
#[derive(Clone, Copy)]
struct ConceptSet([u64; MAX_CONCEPTS / 64]);

/// The most concepts a taxonomy may have (listed, computed and shadows): a sentence's set of
/// concepts is a fixed array of bits, copied rather than allocated.
pub const MAX_CONCEPTS: usize = 1024;

impl ConceptSet {
    fn new() -> ConceptSet {
        ConceptSet([0; MAX_CONCEPTS / 64])
    }
    fn insert(&mut self, c: ConceptId) {
        self.0[usize::from(c) / 64] |= 1 << (c % 64);
    }
    fn contains(&self, c: ConceptId) -> bool {
        self.0[usize::from(c) / 64] & (1 << (c % 64)) != 0
    }
}

/// Words after a figure that make it a measure, not a count of people.
const UNITS: &[&str] = &[
    "miles", "mile", "minutes", "mins", "hours", "hrs", "hour", "years", "yrs", "days", "weeks",
    "months", "times", "percent", "mph", "yards", "metres", "meters", "feet", "ft", "pm", "am",
    "grams", "g", "kg", "wraps", "bags", "quid", "pounds", "grand", "k",
];

/// Whether `word` is, in any case, a number word of six or more: `six` … `fifty`, `dozens`,
/// `hundreds`.
fn is_number_word(word: &str) -> bool {
    let mut lower = [0u8; 9];
    let Some(lower) = lower.get_mut(..word.len()) else {
        return false;
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    matches!(
        &*lower,
        b"six"
            | b"seven"
            | b"eight"
            | b"nine"
            | b"ten"
            | b"eleven"
            | b"twelve"
            | b"thirteen"
            | b"fourteen"
            | b"fifteen"
            | b"sixteen"
            | b"seventeen"
            | b"eighteen"
            | b"nineteen"
            | b"twenty"
            | b"thirty"
            | b"forty"
            | b"fifty"
            | b"dozen"
            | b"dozens"
            | b"hundreds"
    )
}

/// What the family model adds, and whether to keep each sentence's features for training it.
pub struct ModelUse<'a> {
    pub model: Option<&'a FamilyModel>,
    /// Whether the model's detections are added (not when only its features are wanted).
    pub emit: bool,
    /// When given, each sentence's non-negated concepts and the report's context flags.
    pub features: Option<&'a mut Vec<SentenceFeatures>>,
}

/// A sentence's features for the family model.
#[derive(Debug, Clone, Default)]
pub struct SentenceFeatures {
    pub concepts: Vec<ConceptId>,
    pub context: Vec<bool>,
}

/// The working buffers of [`find`], kept from one report to the next (see `crate::Scratch`).
#[derive(Default)]
pub struct Scratch {
    named_tokens: Vec<bool>,
    words: Vec<usize>,
    hits: Vec<Hit>,
    stems: Vec<Option<u32>>,
    exacts: Vec<Option<u32>>,
    infos: Vec<WordInfo>,
    candidates: Vec<(u16, u16)>,
    present_ids: Vec<ConceptId>,
    chosen: Vec<Hit>,
    /// Each sentence's words and hits, as ranges of `all_words` and `all_hits`, and its concepts.
    analysed: Vec<(Range<usize>, Range<usize>, ConceptSet)>,
    all_words: Vec<usize>,
    all_hits: Vec<Hit>,
    context_flags: Vec<bool>,
}

#[allow(clippy::too_many_arguments)]
pub fn find(
    text: &str,
    tokens: &[Token],
    sentences: &[(usize, usize)],
    entities: &[Entity],
    gazetteer: &Gazetteer,
    taxonomy: &Taxonomy,
    mut model_use: ModelUse<'_>,
    scratch: &mut Scratch,
) -> Vec<Indicator> {
    let Scratch {
        named_tokens,
        words,
        hits,
        stems,
        exacts,
        infos,
        candidates,
        present_ids,
        chosen,
        analysed,
        all_words,
        all_hits,
        context_flags,
    } = scratch;
    analysed.clear();
    all_words.clear();
    all_hits.clear();
    // Words inside a name, an e-mail address or an age are not the report's own words: 'BLADE'
    // is a street name, not a weapon, and the "maybe" of "maybe 15" hedges nothing.
    named_tokens.clear();
    named_tokens.resize(tokens.len(), false);
    for e in entities {
        let skip = match &e.normalised {
            Normalised::Person { name, aliases, .. } => name.is_some() || !aliases.is_empty(),
            _ => matches!(e.kind, EntityType::Email | EntityType::Age),
        };
        if skip {
            let from = tokens.partition_point(|t| t.start < e.start);
            for (k, t) in tokens[from..].iter().enumerate() {
                if t.end > e.end {
                    break;
                }
                named_tokens[from + k] = true;
            }
        }
    }
    let mut out = Vec::new();
    // First every sentence's concepts, so that a rule's context can come from anywhere in the
    // report ("a 15-year-old" in the first sentence makes "two phones" in the third a child's).
    let mut in_report = ConceptSet::new();
    for &(s, e) in sentences {
        words.clear();
        hits.clear();
        stems.clear();
        words.extend((s..e).filter(|&i| tokens[i].is_wordlike()));
        if words.is_empty() {
            continue;
        }
        // Words and phrases.
        exacts.clear();
        infos.clear();
        taxonomy.lookup_all(
            words.iter().map(|&ti| {
                if named_tokens[ti] {
                    ""
                } else {
                    tokens[ti].text(text)
                }
            }),
            infos,
        );
        for info in infos.iter() {
            stems.push(info.stem);
            exacts.push(info.exact);
        }
        for wi in 0..words.len() {
            if let Some(stem) = stems[wi] {
                let entry = &taxonomy.stems[stem as usize];
                for &c in &entry.concepts {
                    hits.push(Hit::new(c, wi, wi));
                }
                // Phrases are sorted by their second word: only those that go on with the next
                // word are tried.
                let next = stems.get(wi + 1).copied().flatten();
                let from = next.map_or(entry.phrases.len(), |n| {
                    entry.phrases.partition_point(|(second, _)| *second < n)
                });
                for &(second, p) in &entry.phrases[from..] {
                    if Some(second) != next {
                        break;
                    }
                    let phrase = &taxonomy.phrases[p as usize];
                    let n = phrase.stems.len();
                    if wi + n <= stems.len()
                        && phrase
                            .stems
                            .iter()
                            .enumerate()
                            .all(|(k, ps)| stems[wi + k] == Some(*ps))
                    {
                        hits.push(Hit::new(phrase.concept, wi, wi + n - 1));
                    }
                }
            }
            if let Some(exact) = exacts[wi] {
                for &c in taxonomy.exact_concepts(exact) {
                    hits.push(Hit::new(c, wi, wi));
                }
            }
        }
        virtual_hits(text, tokens, words, entities, gazetteer, taxonomy, hits);
        if taxonomy.has_shadows
            && hits.iter().any(|h| {
                h.concept == taxonomy.scope.negation || h.concept == taxonomy.scope.negated_by
            })
        {
            resolve_negated_terms(words, tokens, text, taxonomy, hits);
        }
        let mut present = ConceptSet::new();
        for h in hits.iter() {
            present.insert(h.concept);
            in_report.insert(h.concept);
        }
        let w = all_words.len()..all_words.len() + words.len();
        let h = all_hits.len()..all_hits.len() + hits.len();
        all_words.extend_from_slice(words);
        all_hits.extend_from_slice(hits);
        analysed.push((w, h, present));
    }
    let mut previous = ConceptSet::new();
    let context_concepts: &[ConceptId] = model_use.model.map_or(&[], |m| m.context.as_slice());
    context_flags.clear();
    context_flags.extend(context_concepts.iter().map(|&c| in_report.contains(c)));
    for (words, hits, present) in analysed.iter() {
        let (words, hits) = (&all_words[words.clone()], &all_hits[hits.clone()]);
        let hedged = present.contains(taxonomy.scope.hedge);
        let sentence_first_indicator = out.len();
        candidates.clear();
        present_ids.clear();
        for (k, word) in present.0.iter().enumerate() {
            let mut bits = *word;
            while bits != 0 {
                let c = k * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                present_ids.push(c as ConceptId);
                if let Some(rules) = taxonomy.rules_by_first.get(c) {
                    candidates.extend_from_slice(rules);
                }
            }
        }
        // Taxonomy order: the first rule of an indicator that matches is the one reported.
        candidates.sort_unstable();
        let mut matched: Option<u16> = None;
        for &(d, r) in candidates.iter() {
            if matched == Some(d) {
                continue;
            }
            let def = &taxonomy.indicators[usize::from(d)];
            {
                let rule = &def.rules[usize::from(r)];
                let Some(presumed) = rule_possible(rule, present, &previous, &in_report) else {
                    continue;
                };
                let sentence = Sentence {
                    hits,
                    present,
                    words,
                };
                if let Some(found) =
                    match_rule(def, rule, &sentence, tokens, text, taxonomy, chosen)
                {
                    let (first, last, triggers) = found;
                    let start = tokens[words[first]].start;
                    let end = tokens[words[last]].end;
                    let mut confidence = def.confidence;
                    if hedged {
                        confidence *= taxonomy.hedge_factor;
                    }
                    if presumed {
                        confidence *= taxonomy.presume_factor;
                    }
                    out.push(Indicator {
                        family: def.family,
                        indicator: def.id.clone(),
                        label: def.label.clone(),
                        text: text[start..end].to_string(),
                        start,
                        end,
                        confidence: crate::round2(confidence),
                        triggers,
                        hedged,
                    });
                    matched = Some(d);
                }
            }
        }
        // The model is tried only where it could reach its threshold: negation only takes
        // concepts away, so the sentence's concepts with positive weight bound the score.
        let worth_scoring = model_use.model.is_some_and(|m| {
            model_use.emit
                && !present.contains(taxonomy.scope.clear)
                && m.could_reach(present_ids, context_flags, |f| {
                    out[sentence_first_indicator..]
                        .iter()
                        .any(|i| i.family == f)
                })
        });
        if worth_scoring || model_use.features.is_some() {
            let concepts = sentence_features(hits, words, tokens, text, taxonomy);
            if let Some(model) = model_use.model
                && worth_scoring
            {
                for (family, p) in model.score(&concepts, context_flags) {
                    if p < model.threshold
                        || out[sentence_first_indicator..]
                            .iter()
                            .any(|i| i.family == family)
                    {
                        continue;
                    }
                    if let Some(found) =
                        model_detection(model, family, p, hits, words, tokens, text, taxonomy)
                    {
                        let mut found = found;
                        if hedged {
                            found.confidence =
                                crate::round2(found.confidence * taxonomy.hedge_factor);
                            found.hedged = true;
                        }
                        out.push(found);
                    }
                }
            }
            if let Some(features) = model_use.features.as_deref_mut() {
                features.push(SentenceFeatures {
                    concepts,
                    context: context_flags.clone(),
                });
            }
        }
        previous = *present;
    }
    out
}

/// A concept that is the model's to weigh: not a scope word (negation, hedge…) nor a shadow.
fn is_feature(taxonomy: &Taxonomy, c: ConceptId) -> bool {
    let name = &taxonomy.concept_names[usize::from(c)];
    !name.starts_with('_') && !name.ends_with('!')
}

/// Whether a hit is negated: a negation word shortly before it in its clause, with no
/// terminator between, that is not itself part of a concept ("no passport") nor spent on a `!`
/// term ("has not been seen").
fn hit_negated(
    h: &Hit,
    hits: &[Hit],
    words: &[usize],
    tokens: &[Token],
    text: &str,
    taxonomy: &Taxonomy,
) -> bool {
    if h.via_negation {
        return false;
    }
    let scope = taxonomy.scope;
    let part_of_concept = |n: &Hit| {
        hits.iter().any(|o| {
            (o.via_negation || (is_feature(taxonomy, o.concept) && o.concept != h.concept))
                && o.first <= n.last
                && n.first <= o.last
        })
    };
    let clause = clause_of(words, tokens, text, h.first);
    hits.iter().any(|n| {
        n.concept == scope.negation
            && n.last < h.first
            && h.first - n.last <= taxonomy.negation_window
            && !part_of_concept(n)
            && clause_of(words, tokens, text, n.last) == clause
            && !hits
                .iter()
                .any(|t| t.concept == scope.terminator && t.first > n.last && t.last < h.first)
    })
}

/// The sentence's concepts that are not negated, sorted and without repeats.
fn sentence_features(
    hits: &[Hit],
    words: &[usize],
    tokens: &[Token],
    text: &str,
    taxonomy: &Taxonomy,
) -> Vec<ConceptId> {
    let mut concepts: Vec<ConceptId> = hits
        .iter()
        .filter(|h| is_feature(taxonomy, h.concept))
        .filter(|h| !hit_negated(h, hits, words, tokens, text, taxonomy))
        .map(|h| h.concept)
        .collect();
    concepts.sort_unstable();
    concepts.dedup();
    concepts
}

/// The model's detection of `family` in a sentence: the words of the (at most three) concepts
/// that weighed most for it are its triggers.
#[allow(clippy::too_many_arguments)]
fn model_detection(
    model: &FamilyModel,
    family: crate::Family,
    p: f32,
    hits: &[Hit],
    words: &[usize],
    tokens: &[Token],
    text: &str,
    taxonomy: &Taxonomy,
) -> Option<Indicator> {
    let weights = model.families.iter().find(|f| f.family == family)?;
    let mut best: Vec<(f32, Hit)> = Vec::new();
    for h in hits {
        if !is_feature(taxonomy, h.concept) || hit_negated(h, hits, words, tokens, text, taxonomy) {
            continue;
        }
        let w = weights.sentence[usize::from(h.concept)];
        if w <= 0.0 {
            continue;
        }
        // One hit per concept, and not two over the same words.
        if best
            .iter()
            .any(|(_, b)| b.concept == h.concept || (b.first <= h.last && h.first <= b.last))
        {
            continue;
        }
        best.push((w, *h));
    }
    best.sort_by(|a, b| b.0.total_cmp(&a.0));
    best.truncate(3);
    if best.is_empty() {
        return None;
    }
    best.sort_by_key(|(_, h)| h.first);
    let first = best.iter().map(|(_, h)| h.first).min()?;
    let last = best.iter().map(|(_, h)| h.last).max()?;
    let start = tokens[words[first]].start;
    let end = tokens[words[last]].end;
    let triggers = best
        .iter()
        .map(|(_, h)| text[tokens[words[h.first]].start..tokens[words[h.last]].end].to_string())
        .collect();
    Some(Indicator {
        family,
        indicator: "other_signs".to_string(),
        label: format!("Other wording associated with {}", family.label()),
        text: text[start..end].to_string(),
        start,
        end,
        confidence: crate::round2(model.confidence * p),
        triggers,
        hedged: false,
    })
}

/// The rule's concepts are in the sentence, one of its context concepts anywhere in the report
/// (or the context presumed: see [`Rule::presume`]), and none of its `not_context` concepts in
/// this sentence or the one before. `Some(true)` when the context was presumed.
fn rule_possible(
    rule: &Rule,
    present: &ConceptSet,
    previous: &ConceptSet,
    in_report: &ConceptSet,
) -> Option<bool> {
    let possible = rule.all.iter().all(|c| present.contains(*c))
        && !rule
            .not_context
            .iter()
            .any(|c| present.contains(*c) || previous.contains(*c));
    if !possible {
        return None;
    }
    if rule.context.is_empty() || rule.context.iter().any(|c| in_report.contains(*c)) {
        return Some(false);
    }
    let presumed = rule.presume.iter().any(|c| in_report.contains(*c))
        && !rule.presume_unless.iter().any(|c| in_report.contains(*c));
    presumed.then_some(true)
}

/// Turns the hits of `!` terms into hits of their concepts where a negation (or a word of
/// `negated_by`) comes shortly before them in the same clause, with no clause terminator
/// between: "could not say where", "has not been seen", "refused to talk about". The new hit
/// starts at the negation, which is spent on it.
fn resolve_negated_terms(
    words: &[usize],
    tokens: &[Token],
    text: &str,
    taxonomy: &Taxonomy,
    hits: &mut Vec<Hit>,
) {
    let scope = taxonomy.scope;
    let n = hits.len();
    for k in 0..n {
        let h = hits[k];
        let Some(target) = taxonomy
            .shadow_of
            .get(usize::from(h.concept))
            .copied()
            .flatten()
        else {
            continue;
        };
        let clause = clause_of(words, tokens, text, h.first);
        let is_shadow = |x: &Hit| {
            taxonomy
                .shadow_of
                .get(usize::from(x.concept))
                .is_some_and(Option::is_some)
        };
        let cue = hits[..n]
            .iter()
            .filter(|c| {
                (c.concept == scope.negation || c.concept == scope.negated_by)
                    && c.last < h.first
                    && h.first - c.last <= taxonomy.negation_window
            })
            .filter(|c| {
                // A negation negates the first `!` term after it only: in "has not been seen
                // leaving the flat" it is spent on "seen".
                !hits[..n].iter().any(|t| {
                    (t.concept == scope.terminator || is_shadow(t))
                        && t.first > c.last
                        && t.first < h.first
                        && (t.concept != scope.terminator || t.last < h.first)
                }) && clause_of(words, tokens, text, c.last) == clause
            })
            .max_by_key(|c| c.last);
        if let Some(c) = cue {
            hits.push(Hit {
                concept: target,
                first: c.first,
                last: h.last,
                via_negation: true,
            });
        }
    }
}

/// Computed concepts: entities, small-hours times, counts of six or more, known places.
fn virtual_hits(
    text: &str,
    tokens: &[Token],
    words: &[usize],
    entities: &[Entity],
    gazetteer: &Gazetteer,
    taxonomy: &Taxonomy,
    hits: &mut Vec<Hit>,
) {
    if taxonomy.virtual_members.is_empty() {
        return;
    }
    let mut add = |v: Virtual, first: usize, last: usize| {
        if let Some(members) = taxonomy.virtual_members.get(&v) {
            for &c in members {
                hits.push(Hit::new(c, first, last));
            }
        }
    };
    let span_start = tokens[words[0]].start;
    let span_end = tokens[words[words.len() - 1]].end;
    // Entities are sorted by start and short: look only near the sentence.
    let from = entities.partition_point(|e| e.start + 400 < span_start);
    for e in &entities[from..] {
        if e.start >= span_end {
            break;
        }
        if e.end <= span_start {
            continue;
        }
        let first = words.iter().position(|&t| tokens[t].end > e.start);
        let last = words.iter().rposition(|&t| tokens[t].start < e.end);
        let (Some(first), Some(last)) = (first, last) else {
            continue;
        };
        match (&e.kind, &e.normalised) {
            (EntityType::Person, Normalised::Person { name, aliases, .. })
                if name.is_some() || !aliases.is_empty() =>
            {
                add(Virtual::Named, first, last);
            }
            (EntityType::Money, _) => add(Virtual::Money, first, last),
            (EntityType::Phone, _) => add(Virtual::Phone, first, last),
            (EntityType::Address, _) => add(Virtual::Address, first, last),
            (EntityType::Age, Normalised::Age { min, max }) => {
                if *min < 18 {
                    add(Virtual::ChildAge, first, last);
                }
                if *min >= 18 && *max < 110 {
                    add(Virtual::AdultAge, first, last);
                }
                if *min >= 65 {
                    add(Virtual::ElderlyAge, first, last);
                }
            }
            _ => {}
        }
    }
    for (wi, &ti) in words.iter().enumerate() {
        let tok = tokens[ti];
        let word = tok.text(text);
        match tok.kind {
            TokenKind::Alnum => {
                // `3.30am`: the hour is the number before the point.
                let hour_before = (ti >= 2
                    && matches!(tokens[ti - 1].text(text), "." | ":")
                    && tokens[ti - 2].kind == TokenKind::Number)
                    .then(|| tokens[ti - 2].text(text));
                let small = match hour_before {
                    Some(hour) => {
                        let suffix = word.trim_start_matches(|c: char| c.is_ascii_digit());
                        small_hours_word(&format!("{hour}{suffix}"))
                    }
                    None => small_hours_word(word),
                };
                if small {
                    add(Virtual::SmallHours, wi, wi);
                }
            }
            TokenKind::Number => {
                let next = words.get(wi + 1).map(|&t| tokens[t].text(text));
                let value: u32 = word.parse().unwrap_or(0);
                // `02:30`, `23:45`.
                let clock = tokens.get(ti + 1).is_some_and(|t| t.text(text) == ":")
                    && tokens
                        .get(ti + 2)
                        .is_some_and(|t| t.kind == TokenKind::Number && t.end - t.start == 2);
                if clock && word.len() <= 2 && (value <= 5 || (22..=23).contains(&value)) {
                    add(Virtual::SmallHours, wi, (wi + 1).min(words.len() - 1));
                }
                if word.len() == 4
                    && next.is_some_and(|n| {
                        n.eq_ignore_ascii_case("hrs") || n.eq_ignore_ascii_case("hours")
                    })
                    && !(600..2200).contains(&value)
                {
                    add(Virtual::SmallHours, wi, wi + 1);
                }
                if next
                    .is_some_and(|n| n.eq_ignore_ascii_case("am") || n.eq_ignore_ascii_case("a.m"))
                    && (value <= 5 || value == 12)
                {
                    add(Virtual::SmallHours, wi, wi + 1);
                }
                if next.is_some_and(|n| n.eq_ignore_ascii_case("pm")) && (10..=11).contains(&value)
                {
                    add(Virtual::SmallHours, wi, wi + 1);
                }
                if (6..1000).contains(&value)
                    && word.len() <= 3
                    && !next.is_some_and(|n| UNITS.iter().any(|u| n.eq_ignore_ascii_case(u)))
                {
                    add(Virtual::Many, wi, wi);
                }
            }
            TokenKind::Word => {
                if (3..=9).contains(&word.len())
                    && matches!(
                        word.as_bytes()[0].to_ascii_lowercase(),
                        b's' | b'e' | b'n' | b't' | b'f' | b'd' | b'h'
                    )
                    && is_number_word(word)
                {
                    add(Virtual::Many, wi, wi);
                }
                if word.chars().next().is_some_and(char::is_uppercase)
                    && let Some(len) = gazetteer.place_at_start(&text[tok.start..])
                {
                    let end = tok.start + len;
                    let last = words[wi..]
                        .iter()
                        .rposition(|&t| tokens[t].end <= end)
                        .map_or(wi, |k| wi + k);
                    add(Virtual::Place, wi, last);
                }
            }
            TokenKind::Punct => {}
        }
    }
}

/// `3am`, `2am`, `11pm`, `0400hrs`.
fn small_hours_word(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    let (digits, suffix) = lower.split_at(
        lower
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(lower.len()),
    );
    let value: u32 = digits.parse().unwrap_or(99);
    match suffix {
        "am" => value <= 5 || value == 12,
        "pm" => (10..=11).contains(&value),
        "hrs" | "h" => digits.len() == 4 && !(600..2200).contains(&value),
        _ => false,
    }
}

/// Tries a rule: for each hit of its first concept, the nearest hits of the others. Returns the
/// first and last word of the match and the trigger words.
fn match_rule(
    def: &IndicatorDef,
    rule: &Rule,
    sentence: &Sentence<'_>,
    tokens: &[Token],
    text: &str,
    taxonomy: &Taxonomy,
    chosen: &mut Vec<Hit>,
) -> Option<(usize, usize, Vec<String>)> {
    let Sentence {
        hits,
        present,
        words,
    } = *sentence;
    let anchor = rule.all[0];
    for a in hits.iter().filter(|h| h.concept == anchor) {
        chosen.clear();
        chosen.push(*a);
        let mut ok = true;
        for &c in &rule.all[1..] {
            let previous_end = chosen.last().map_or(0, |h| h.last);
            let best = hits
                .iter()
                .filter(|h| h.concept == c)
                .filter(|h| {
                    !chosen
                        .iter()
                        .any(|x| x.first <= h.last && h.first <= x.last)
                })
                .filter(|h| !rule.ordered || h.first > previous_end)
                .min_by_key(|h| distance(a, h));
            match best {
                Some(h) if distance(a, h) <= rule.window => chosen.push(*h),
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            continue;
        }
        let first = chosen.iter().map(|h| h.first).min().unwrap_or(a.first);
        let last = chosen.iter().map(|h| h.last).max().unwrap_or(a.last);
        if last - first > rule.window + chosen.len() * 2 {
            continue;
        }
        // A semicolon joins two statements as a full stop would: "Zoë paid £400; the boss keeps
        // their passports" holds documents but takes no wages.
        if (words[first]..words[last])
            .any(|t| tokens[t].kind == TokenKind::Punct && tokens[t].text(text) == ";")
        {
            continue;
        }
        if blocked(rule, hits, chosen, first, last) {
            continue;
        }
        let scope = taxonomy.scope;
        if (present.contains(scope.negation) || present.contains(scope.negation_post))
            && negated(rule, hits, first, last, words, tokens, text, taxonomy)
        {
            continue;
        }
        if def.clearable
            && present.contains(scope.clear)
            && cleared(hits, first, words, tokens, text, taxonomy)
        {
            continue;
        }
        let mut chosen_sorted = chosen.clone();
        chosen_sorted.sort_by_key(|h| h.first);
        let triggers = chosen_sorted
            .iter()
            .map(|h| text[tokens[words[h.first]].start..tokens[words[h.last]].end].to_string())
            .collect();
        return Some((first, last, triggers));
    }
    None
}

fn distance(a: &Hit, b: &Hit) -> usize {
    if b.first > a.last {
        b.first - a.last
    } else {
        a.first.saturating_sub(b.last)
    }
}

/// An `unless` concept near the match, or an `unless_before` concept just before it. Words of the
/// match itself do not block it: "had no access to their own ID" is held documents although
/// "own" is an `unless` of the rule.
fn blocked(rule: &Rule, hits: &[Hit], chosen: &[Hit], first: usize, last: usize) -> bool {
    if rule.unless.is_empty() && rule.unless_before.is_empty() {
        return false;
    }
    let w = rule.unless_window;
    let inside_match = |h: &Hit| {
        chosen.iter().any(|c| {
            c.first <= h.first && h.last <= c.last && (c.first < h.first || h.last < c.last)
        })
    };
    hits.iter().any(|h| {
        let near = (rule.unless.contains(&h.concept) && h.last + w >= first && h.first <= last + w)
            || (rule.unless_before.contains(&h.concept) && h.last < first && h.last + w >= first);
        near && !inside_match(h)
    })
}

/// The clause index of each word: clauses end at `,` `;` `:` brackets and dashes.
fn clause_of(words: &[usize], tokens: &[Token], text: &str, word: usize) -> usize {
    // Count clause-breaking punctuation between the sentence's first word and this one.
    let from = words[0];
    let to = words[word];
    (from..to)
        .filter(|&t| {
            tokens[t].kind == TokenKind::Punct
                && matches!(
                    tokens[t].text(text),
                    "," | ";" | ":" | "(" | ")" | "\u{2014}" | "\u{2013}"
                )
        })
        .count()
}

#[allow(clippy::too_many_arguments)]
fn negated(
    rule: &Rule,
    hits: &[Hit],
    first: usize,
    last: usize,
    words: &[usize],
    tokens: &[Token],
    text: &str,
    taxonomy: &Taxonomy,
) -> bool {
    let scope = taxonomy.scope;
    // Words that belong to one of the rule's own concepts are part of the indicator ("no
    // passport", "not been seen") and never negate it.
    let own = |h: &Hit| {
        hits.iter().any(|o| {
            (rule.all.contains(&o.concept) || o.via_negation)
                && o.first <= h.last
                && h.first <= o.last
        })
    };
    let clause_first = clause_of(words, tokens, text, first);
    if !hits
        .iter()
        .any(|h| h.concept == scope.negation || h.concept == scope.negation_post)
    {
        return false;
    }
    let terminator_between = |from: usize, to: usize| {
        hits.iter()
            .any(|t| t.concept == scope.terminator && t.first > from && t.last < to)
    };
    hits.iter().any(|h| {
        if h.concept == scope.negation && !own(h) {
            let before = h.last < first
                && first - h.last <= taxonomy.negation_window
                && clause_of(words, tokens, text, h.last) == clause_first
                && !terminator_between(h.last, first);
            let inside = h.first >= first && h.last <= last;
            before || inside
        } else if h.concept == scope.negation_post && !own(h) {
            h.first > last
                && h.first - last <= 3
                && clause_of(words, tokens, text, h.first) == clause_of(words, tokens, text, last)
        } else {
            false
        }
    })
}

/// An "all is well" statement in the sentence, unless the match comes after it and a contrast
/// word between sets it against the statement ("the agency is licensed but the boss keeps their
/// passports"). A statement after the match clears it even across a contrast ("lots of people
/// live there, but they are all family members").
fn cleared(
    hits: &[Hit],
    first: usize,
    words: &[usize],
    tokens: &[Token],
    text: &str,
    taxonomy: &Taxonomy,
) -> bool {
    let scope = taxonomy.scope;
    hits.iter().any(|h| {
        h.concept == scope.clear && {
            if h.last >= first {
                return true;
            }
            let (from, to) = (h.last, first);
            !hits.iter().any(|t| {
                t.concept == scope.terminator
                    && t.first > from
                    && t.last < to
                    && matches!(
                        text[tokens[words[t.first]].start..tokens[words[t.last]].end]
                            .to_ascii_lowercase()
                            .as_str(),
                        "but" | "however" | "although" | "though" | "yet" | "whereas" | "except"
                    )
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use crate::extract;

    /// The indicators found in `input`, as `family.indicator`, with `?` after a hedged one.
    fn check(input: &str, expected: &[&str]) {
        let got: Vec<String> = extract(input)
            .indicators
            .iter()
            .map(|i| {
                assert_eq!(&input[i.start..i.end], i.text);
                format!(
                    "{}.{}{}",
                    i.family.as_str(),
                    i.indicator,
                    if i.hedged { "?" } else { "" }
                )
            })
            .collect();
        assert_eq!(got, expected, "{input:?}");
    }

    #[test]
    fn documents_held_in_many_phrasings() {
        for text in [
            "The boss keeps their passports.",
            "Workers say the employer is holding their ID cards.",
            "Their identity papers were confiscated by the gangmaster.",
            "The supervisor has had the men's passports since they arrived.",
        ] {
            check(text, &["labour_exploitation.documents_held"]);
        }
    }

    #[test]
    fn negation_and_all_is_well_statements_raise_nothing() {
        for text in [
            "No signs of exploitation.",
            "Workers have their own documents and bank accounts.",
            "Employer licensed, workers hold their own passports.",
            "Welfare check: resident found well at home.",
            "The young person denied being threatened.",
            "No weapons were found.",
        ] {
            check(text, &[]);
        }
    }

    #[test]
    fn hearsay_lowers_confidence_but_keeps_the_detection() {
        check(
            "Apparently the boss keeps their passports.",
            &["labour_exploitation.documents_held?"],
        );
        let plain = extract("The boss keeps their passports.").indicators[0].confidence;
        let hedged = extract("I think the boss keeps their passports.").indicators[0].confidence;
        assert!(hedged < plain, "{hedged} < {plain}");
    }

    #[test]
    fn a_contrast_ends_an_all_is_well_statement() {
        check(
            "The agency is licensed but the boss keeps their passports.",
            &["labour_exploitation.documents_held"],
        );
    }

    #[test]
    fn every_family_in_several_phrasings() {
        for (text, expected) in [
            (
                "Strangers have taken over the flat of a vulnerable man on the estate.",
                &[
                    "cuckooing.vulnerable_resident",
                    "cuckooing.loss_of_control_of_home",
                ][..],
            ),
            (
                "Cars pull up through the night and callers stay a couple of minutes.",
                &[
                    "cuckooing.visitors_at_all_hours",
                    "cuckooing.vehicles_calling",
                ],
            ),
            (
                "The 14-year-old was reported missing and came back with £200 he could not explain.",
                &[
                    "child_criminal_exploitation.missing_episode",
                    "child_criminal_exploitation.unexplained_money_or_goods",
                ],
            ),
            (
                "Her son has been excluded and has two phones.",
                &[
                    "child_criminal_exploitation.multiple_phones",
                    "child_criminal_exploitation.school_decline",
                ],
            ),
            (
                "The women are moved between Airbnbs and a man always answers for them.",
                &[
                    "sexual_exploitation.accompanied_and_spoken_for",
                    "sexual_exploitation.moved_between_short_lets",
                ],
            ),
            (
                "Pickers are driven to the farm at 4am and their wages go into the gangmaster's account.",
                &[
                    "labour_exploitation.wages_withheld",
                    "labour_exploitation.transport_at_odd_hours",
                ],
            ),
            (
                "He was threatened with a machete and told his family would be hurt.",
                &[
                    "control_violence.threats",
                    "control_violence.weapons",
                    "control_violence.family_intimidated",
                ],
            ),
        ] {
            check(text, expected);
        }
    }

    #[test]
    fn context_comes_from_anywhere_in_the_report() {
        check("He has two phones.", &[]);
        check(
            "Referral about a 14-year-old. Mum says he is out late. He has two phones.",
            &["child_criminal_exploitation.multiple_phones"],
        );
    }

    #[test]
    fn a_child_is_presumed_at_a_lower_confidence_when_no_age_or_adult_is_named() {
        let unexplained = "He had £300 in cash and could not say where it came from.";
        check(
            unexplained,
            &["child_criminal_exploitation.unexplained_money_or_goods"],
        );
        let presumed = extract(unexplained).indicators[0].confidence;
        let stated =
            extract(&format!("A 15-year-old was stopped. {unexplained}")).indicators[0].confidence;
        assert!(presumed < stated, "{presumed} < {stated}");
        // An adult named anywhere in the report: not a child's indicator.
        check(
            "The man, 45, was stopped. He had £300 in cash and could not say where it came from.",
            &[],
        );
        // Cash alone, or two phones alone, says nothing about exploitation without a child.
        check("He was arrested and had £450 in cash.", &[]);
        check(
            "She was stopped by police and had two phones in her bag.",
            &[],
        );
        check(
            "He had 6 phones on him and several SIM cards.",
            &["child_criminal_exploitation.multiple_phones"],
        );
    }

    #[test]
    fn negated_terms_stand_for_their_concept_and_spend_the_negation() {
        for (text, expected) in [
            (
                "The tenant has not been seen for weeks.",
                &["cuckooing.resident_not_seen"][..],
            ),
            (
                "The occupant is rarely seen.",
                &["cuckooing.resident_not_seen"],
            ),
            (
                "She could not say where the money came from, she is 14.",
                &["child_criminal_exploitation.unexplained_money_or_goods"],
            ),
            (
                "None of the workers had access to their own ID.",
                &["labour_exploitation.documents_held"],
            ),
            // "cannot" is spent on "leave": the debt is not negated.
            (
                "She cannot leave the job until the debt is cleared.",
                &[
                    "labour_exploitation.debt_bondage",
                    "control_violence.restricted_movement",
                ],
            ),
            // The negation is spent on "seen", not on "leaving".
            (
                "The elderly resident has not been seen leaving the flat for weeks.",
                &[
                    "cuckooing.vulnerable_resident",
                    "cuckooing.resident_not_seen",
                ],
            ),
            // Not negated, so not the concept.
            ("The tenant was seen at the shops this morning.", &[]),
            ("The caller did not leave a name.", &[]),
        ] {
            check(text, expected);
        }
    }

    #[test]
    fn irregular_forms_share_their_verb() {
        for text in [
            "The boss kept their passports.",
            "The supervisor took the workers' passports.",
            "Their passports are held by the gangmaster.",
        ] {
            check(text, &["labour_exploitation.documents_held"]);
        }
        check(
            "They are taken to the car wash at dawn and brought back after dark.",
            &["labour_exploitation.transport_at_odd_hours"],
        );
    }

    #[test]
    fn the_added_indicators_in_several_phrasings() {
        for (text, expected) in [
            (
                "Neighbours complain of fighting and anti-social behaviour at the address.",
                &["cuckooing.antisocial_behaviour"][..],
            ),
            (
                "Used needles have been found in the communal stairwell.",
                &["cuckooing.antisocial_behaviour"],
            ),
            (
                "Crack cocaine is being sold from the flat.",
                &["cuckooing.drug_activity_at_address"],
            ),
            (
                "Lots of cars are pulling up outside the house and leaving after a few minutes.",
                &[
                    "cuckooing.visitors_at_all_hours",
                    "cuckooing.vehicles_calling",
                ],
            ),
            (
                "The workers have no days off and work seventy hours a week.",
                &["labour_exploitation.long_hours_low_pay"],
            ),
            (
                "The men are living in caravans on the farm.",
                &["labour_exploitation.living_at_workplace"],
            ),
            (
                "She is advertised online for sexual services.",
                &["sexual_exploitation.online_adverts"],
            ),
            (
                "Lone men are seen going into the flat throughout the day.",
                &["sexual_exploitation.many_male_visitors"],
            ),
            (
                "She did not know which town she was in.",
                &["sexual_exploitation.unfamiliar_with_area"],
            ),
            (
                "She has a tattoo of her pimp's name.",
                &["sexual_exploitation.branding_tattoos"],
            ),
            (
                "Windows at his mother's house were smashed.",
                &["control_violence.family_intimidated"],
            ),
            (
                "She was bundled into a van by two men.",
                &["control_violence.abduction"],
            ),
            (
                "He was robbed and told he now owes the money for the drugs.",
                &["control_violence.debt_control"],
            ),
            (
                "A coach ticket to Ferrington was found in her bag.",
                &["child_criminal_exploitation.travel_tickets"],
            ),
        ] {
            check(text, expected);
        }
    }

    #[test]
    fn look_alikes_of_the_added_indicators_raise_nothing() {
        for text in [
            "Lots of people live at the address but they are all family members.",
            "The workers hold their own passports and bank cards.",
            "The minibus belongs to the farm and takes pickers to the fields at 6am.",
            "She travels by train to college every day.",
            "She works long hours as a nurse.",
            "He has a tattoo of his daughter's name.",
            "She posted an advert to sell her car.",
            "She moved to a new flat last month.",
            "He keeps his passport in a drawer at home.",
            "Officers attended a noise complaint and gave advice.",
            "The tenant lost his keys and was locked out.",
            "He was kept in custody overnight.",
            "Taxis wait outside the station at all hours.",
            "He owes rent to his landlord.",
            "No one was seen at the property during the visit.",
        ] {
            check(text, &[]);
        }
    }

    #[test]
    fn triggers_explain_the_detection() {
        let found = extract("Lots of callers at all hours at the flat.");
        let i = &found.indicators[0];
        assert_eq!(i.indicator, "visitors_at_all_hours");
        assert_eq!(i.triggers, ["callers", "all hours"]);
    }
}
