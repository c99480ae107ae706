//! Matching the taxonomy's indicator rules against the sentences of a text.
//!
//! Per sentence: each word is looked up by stem, giving concept hits (phrases too); computed
//! concepts come from the entities found (money, phones, ages, addresses) and from the word
//! shapes (small-hours times, counts, known places). Each rule is then tried where all its
//! concepts occur; a match is dropped when negated in its clause or cancelled by an "all is well"
//! statement, and its confidence lowered when the sentence is hedged.

use crate::gazetteer::Gazetteer;
use crate::taxonomy::{ConceptId, IndicatorDef, Rule, Taxonomy, Virtual};
use crate::text::{Token, TokenKind};
use crate::{Entity, EntityType, Indicator, Normalised};

/// A concept found in a sentence, over words `first..=last` (indices into the sentence's words).
#[derive(Debug, Clone, Copy)]
struct Hit {
    concept: ConceptId,
    first: usize,
    last: usize,
}

/// A set of concepts, one bit each.
#[derive(Clone)]
struct ConceptSet(Vec<u64>);

impl ConceptSet {
    fn new(n: usize) -> ConceptSet {
        ConceptSet(vec![0; n.div_ceil(64)])
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

const NUMBER_WORDS: &[&str] = &[
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "dozen",
    "dozens",
    "hundreds",
];

pub fn find(
    text: &str,
    tokens: &[Token],
    sentences: &[(usize, usize)],
    entities: &[Entity],
    gazetteer: &Gazetteer,
    taxonomy: &Taxonomy,
) -> Vec<Indicator> {
    // Words inside a name, an e-mail address or an age are not the report's own words: 'BLADE'
    // is a street name, not a weapon, and the "maybe" of "maybe 15" hedges nothing.
    let mut named_tokens = vec![false; tokens.len()];
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
    let n_concepts = taxonomy.concept_names.len();
    let mut out = Vec::new();
    let mut stems: Vec<Option<u32>> = Vec::new();
    let mut exacts: Vec<Option<u32>> = Vec::new();
    let mut candidates: Vec<(u16, u16)> = Vec::new();
    let mut infos: Vec<crate::taxonomy::WordInfo> = Vec::new();
    // First every sentence's concepts, so that a rule's context can come from anywhere in the
    // report ("a 15-year-old" in the first sentence makes "two phones" in the third a child's).
    let mut analysed: Vec<(Vec<usize>, Vec<Hit>, ConceptSet)> = Vec::with_capacity(sentences.len());
    let mut in_report = ConceptSet::new(n_concepts);
    for &(s, e) in sentences {
        let mut words: Vec<usize> = Vec::new();
        let mut hits: Vec<Hit> = Vec::new();
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
            &mut infos,
        );
        for info in &infos {
            stems.push(info.stem);
            exacts.push(info.exact);
        }
        for wi in 0..words.len() {
            if let Some(stem) = stems[wi] {
                let entry = &taxonomy.stems[stem as usize];
                for &c in &entry.concepts {
                    hits.push(Hit {
                        concept: c,
                        first: wi,
                        last: wi,
                    });
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
                        hits.push(Hit {
                            concept: phrase.concept,
                            first: wi,
                            last: wi + n - 1,
                        });
                    }
                }
            }
            if let Some(exact) = exacts[wi] {
                for &c in taxonomy.exact_concepts(exact) {
                    hits.push(Hit {
                        concept: c,
                        first: wi,
                        last: wi,
                    });
                }
            }
        }
        virtual_hits(
            text, tokens, &words, entities, gazetteer, taxonomy, &mut hits,
        );
        let mut present = ConceptSet::new(n_concepts);
        for h in &hits {
            present.insert(h.concept);
            in_report.insert(h.concept);
        }
        analysed.push((words, hits, present));
    }
    let mut previous = ConceptSet::new(n_concepts);
    for (words, hits, present) in &analysed {
        let (words, hits) = (words.as_slice(), hits.as_slice());
        let hedged = present.contains(taxonomy.scope.hedge);
        candidates.clear();
        for (k, word) in present.0.iter().enumerate() {
            let mut bits = *word;
            while bits != 0 {
                let c = k * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if let Some(rules) = taxonomy.rules_by_first.get(c) {
                    candidates.extend_from_slice(rules);
                }
            }
        }
        // Taxonomy order: the first rule of an indicator that matches is the one reported.
        candidates.sort_unstable();
        let mut matched: Option<u16> = None;
        for &(d, r) in &candidates {
            if matched == Some(d) {
                continue;
            }
            let def = &taxonomy.indicators[usize::from(d)];
            {
                let rule = &def.rules[usize::from(r)];
                if !rule_possible(rule, present, &previous, &in_report) {
                    continue;
                }
                if let Some(found) = match_rule(def, rule, hits, words, tokens, text, taxonomy) {
                    let (first, last, triggers) = found;
                    let start = tokens[words[first]].start;
                    let end = tokens[words[last]].end;
                    let confidence = if hedged {
                        def.confidence * taxonomy.hedge_factor
                    } else {
                        def.confidence
                    };
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
        previous = present.clone();
    }
    out
}

/// The rule's concepts are in the sentence, one of its context concepts anywhere in the report,
/// and none of its `not_context` concepts in this sentence or the one before.
fn rule_possible(
    rule: &Rule,
    present: &ConceptSet,
    previous: &ConceptSet,
    in_report: &ConceptSet,
) -> bool {
    rule.all.iter().all(|c| present.contains(*c))
        && (rule.context.is_empty() || rule.context.iter().any(|c| in_report.contains(*c)))
        && !rule
            .not_context
            .iter()
            .any(|c| present.contains(*c) || previous.contains(*c))
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
                hits.push(Hit {
                    concept: c,
                    first,
                    last,
                });
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
                    && NUMBER_WORDS.iter().any(|n| word.eq_ignore_ascii_case(n))
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
    hits: &[Hit],
    words: &[usize],
    tokens: &[Token],
    text: &str,
    taxonomy: &Taxonomy,
) -> Option<(usize, usize, Vec<String>)> {
    let anchor = rule.all[0];
    for a in hits.iter().filter(|h| h.concept == anchor) {
        let mut chosen: Vec<Hit> = vec![*a];
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
        if blocked(rule, hits, first, last) {
            continue;
        }
        if negated(rule, hits, first, last, words, tokens, text, taxonomy) {
            continue;
        }
        if def.clearable && cleared(hits, first, last, words, tokens, text, taxonomy) {
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

fn blocked(rule: &Rule, hits: &[Hit], first: usize, last: usize) -> bool {
    let w = rule.unless_window;
    hits.iter().any(|h| {
        (rule.unless.contains(&h.concept) && h.last + w >= first && h.first <= last + w)
            || (rule.unless_before.contains(&h.concept) && h.last < first && h.last + w >= first)
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
        hits.iter()
            .any(|o| rule.all.contains(&o.concept) && o.first <= h.last && h.first <= o.last)
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

/// An "all is well" statement in the sentence, not set against the match by a contrast word.
fn cleared(
    hits: &[Hit],
    first: usize,
    last: usize,
    words: &[usize],
    tokens: &[Token],
    text: &str,
    taxonomy: &Taxonomy,
) -> bool {
    let scope = taxonomy.scope;
    let _ = (words, tokens, text);
    hits.iter().any(|h| {
        h.concept == scope.clear && {
            let (from, to) = if h.last < first {
                (h.last, first)
            } else {
                (last, h.first)
            };
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
                &["cuckooing.visitors_at_all_hours"],
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
                &["control_violence.threats", "control_violence.weapons"],
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
    fn triggers_explain_the_detection() {
        let found = extract("Lots of callers at all hours at the flat.");
        let i = &found.indicators[0];
        assert_eq!(i.indicator, "visitors_at_all_hours");
        assert_eq!(i.triggers, ["callers", "all hours"]);
    }
}
