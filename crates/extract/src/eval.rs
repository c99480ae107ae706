//! Scoring extraction against the annotated corpus.
//!
//! The corpus (`corpus/dev.jsonl`, `corpus/heldout.jsonl`, described in `corpus/README.md`) is one
//! JSON object a line: `text`, `style`, `entities` (`type`, `text`, optional `normalised`) and
//! `indicators` (`family`, `indicator`). An entity counts as found when an entity of the same
//! type has exactly the annotated text; its normalised form is checked separately. Indicators
//! are scored twice: per family (does the sentence show this family at all) and per indicator
//! (each `family.indicator` label of the sentence), both summed over sentences.

use crate::{EntityType, Extraction, Family, extract};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// The development half: rules were written and tuned against it.
pub const DEV: &str = include_str!("../corpus/dev.jsonl");
/// The held-out half: written separately, never used to write or tune a rule.
pub const HELDOUT: &str = include_str!("../corpus/heldout.jsonl");

/// Why the corpus could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("line {line}: {source}")]
    Json {
        line: usize,
        source: serde_json::Error,
    },
    #[error("line {line}: unknown family {family:?}")]
    Family { line: usize, family: String },
}

#[derive(Debug, Clone, Deserialize)]
pub struct Example {
    pub text: String,
    pub style: String,
    pub entities: Vec<GoldEntity>,
    pub indicators: Vec<GoldIndicator>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldEntity {
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub text: String,
    pub normalised: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldIndicator {
    pub family: String,
    pub indicator: String,
}

/// Reads a corpus.
pub fn parse(corpus: &str) -> Result<Vec<Example>, CorpusError> {
    let mut out = Vec::new();
    for (i, line) in corpus.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let example: Example = serde_json::from_str(line).map_err(|source| CorpusError::Json {
            line: i + 1,
            source,
        })?;
        for ind in &example.indicators {
            if Family::parse(&ind.family).is_none() {
                return Err(CorpusError::Family {
                    line: i + 1,
                    family: ind.family.clone(),
                });
            }
        }
        out.push(example);
    }
    Ok(out)
}

/// True and false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// With nothing to find and nothing found, a score is perfect.
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// One miss or false alarm, for reading what went wrong.
#[derive(Debug, Clone)]
pub struct Error {
    pub line: usize,
    /// `missed` or `spurious`.
    pub what: &'static str,
    pub label: String,
    pub text: String,
}

/// The scores of one corpus.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub sentences: usize,
    pub entities: BTreeMap<EntityType, Counts>,
    /// Of the entities found that carry an annotated normalised form: (right, checked).
    pub normalised: BTreeMap<EntityType, (usize, usize)>,
    pub families: BTreeMap<Family, Counts>,
    pub indicators: BTreeMap<Family, Counts>,
    pub errors: Vec<Error>,
}

/// Runs extraction over every example and scores it.
pub fn evaluate(corpus: &str) -> Result<Scores, CorpusError> {
    let examples = parse(corpus)?;
    let mut scores = Scores {
        sentences: examples.len(),
        ..Scores::default()
    };
    for t in EntityType::ALL {
        scores.entities.insert(t, Counts::default());
    }
    for f in Family::ALL {
        scores.families.insert(f, Counts::default());
        scores.indicators.insert(f, Counts::default());
    }
    for (i, example) in examples.iter().enumerate() {
        let found = extract(&example.text);
        score_entities(i + 1, example, &found, &mut scores);
        score_indicators(i + 1, example, &found, &mut scores);
    }
    Ok(scores)
}

fn score_entities(line: usize, example: &Example, found: &Extraction, scores: &mut Scores) {
    let mut used = vec![false; found.entities.len()];
    for gold in &example.entities {
        let matched =
            found.entities.iter().enumerate().find(|(k, e)| {
                !used[*k] && e.kind == gold.kind && e.text.trim() == gold.text.trim()
            });
        let counts = scores.entities.entry(gold.kind).or_default();
        match matched {
            Some((k, e)) => {
                used[k] = true;
                counts.tp += 1;
                if let Some(expected) = &gold.normalised {
                    let got = serde_json::to_value(&e.normalised).unwrap_or_default();
                    let entry = scores.normalised.entry(gold.kind).or_default();
                    entry.1 += 1;
                    if &got == expected {
                        entry.0 += 1;
                    } else {
                        scores.errors.push(Error {
                            line,
                            what: "misnormalised",
                            label: gold.kind.as_str().to_string(),
                            text: format!("{} → {got} (expected {expected})", gold.text),
                        });
                    }
                }
            }
            None => {
                counts.fn_ += 1;
                scores.errors.push(Error {
                    line,
                    what: "missed",
                    label: gold.kind.as_str().to_string(),
                    text: gold.text.clone(),
                });
            }
        }
    }
    for (k, e) in found.entities.iter().enumerate() {
        if !used[k] {
            scores.entities.entry(e.kind).or_default().fp += 1;
            scores.errors.push(Error {
                line,
                what: "spurious",
                label: e.kind.as_str().to_string(),
                text: e.text.clone(),
            });
        }
    }
}

fn score_indicators(line: usize, example: &Example, found: &Extraction, scores: &mut Scores) {
    let gold: Vec<(Family, &str)> = example
        .indicators
        .iter()
        .filter_map(|g| Family::parse(&g.family).map(|f| (f, g.indicator.as_str())))
        .collect();
    let got: Vec<(Family, &str)> = found
        .indicators
        .iter()
        .map(|i| (i.family, i.indicator.as_str()))
        .collect();
    for family in Family::ALL {
        let g = gold.iter().any(|(f, _)| *f == family);
        let p = got.iter().any(|(f, _)| *f == family);
        let c = scores.families.entry(family).or_default();
        match (g, p) {
            (true, true) => c.tp += 1,
            (false, true) => c.fp += 1,
            (true, false) => c.fn_ += 1,
            (false, false) => {}
        }
    }
    for pair in &gold {
        let c = scores.indicators.entry(pair.0).or_default();
        if got.contains(pair) {
            c.tp += 1;
        } else {
            c.fn_ += 1;
            scores.errors.push(Error {
                line,
                what: "missed",
                label: format!("{}.{}", pair.0.as_str(), pair.1),
                text: example.text.clone(),
            });
        }
    }
    for pair in &got {
        if !gold.contains(pair) {
            scores.indicators.entry(pair.0).or_default().fp += 1;
            let triggers = found
                .indicators
                .iter()
                .find(|i| i.family == pair.0 && i.indicator == pair.1)
                .map(|i| i.triggers.join(" + "))
                .unwrap_or_default();
            scores.errors.push(Error {
                line,
                what: "spurious",
                label: format!("{}.{}", pair.0.as_str(), pair.1),
                text: format!("[{triggers}] {}", example.text),
            });
        }
    }
}

/// A sentence labelled with the one indicator family it shows, or with none (a look-alike):
/// another author's wording, scored by family only.
#[derive(Debug, Clone, Copy)]
pub struct Labelled<'a> {
    pub text: &'a str,
    /// `None` for a look-alike, which must raise nothing.
    pub family: Option<Family>,
    /// What the sentence stands for (an indicator or a look-alike context), for the errors.
    pub label: &'a str,
}

/// Family scores over labelled sentences: per family, a sentence of that family that raises it
/// is a true positive and one that does not a miss; a sentence of another family that raises it
/// is a false alarm. Look-alikes are counted apart: how many raise anything.
#[derive(Debug, Clone, Default)]
pub struct FamilyScores {
    pub sentences: usize,
    pub families: BTreeMap<Family, Counts>,
    pub lookalikes: usize,
    pub lookalikes_flagged: usize,
    /// Misses, false alarms and flagged look-alikes; `line` is the sentence's index.
    pub errors: Vec<Error>,
}

impl FamilyScores {
    /// All families together (micro-averaged).
    pub fn total(&self) -> Counts {
        self.families
            .values()
            .fold(Counts::default(), |a, c| Counts {
                tp: a.tp + c.tp,
                fp: a.fp + c.fp,
                fn_: a.fn_ + c.fn_,
            })
    }

    /// The share of look-alikes that raised an indicator.
    pub fn false_flag_rate(&self) -> f64 {
        if self.lookalikes == 0 {
            0.0
        } else {
            self.lookalikes_flagged as f64 / self.lookalikes as f64
        }
    }
}

/// Runs extraction over every labelled sentence, each read on its own, and scores families.
pub fn evaluate_families(examples: &[Labelled<'_>]) -> FamilyScores {
    let mut scores = FamilyScores::default();
    for f in Family::ALL {
        scores.families.insert(f, Counts::default());
    }
    for (i, example) in examples.iter().enumerate() {
        let found = extract(example.text);
        let raised: Vec<Family> = Family::ALL
            .into_iter()
            .filter(|f| found.indicators.iter().any(|x| x.family == *f))
            .collect();
        let describe = |family: Family| {
            let triggers: Vec<String> = found
                .indicators
                .iter()
                .filter(|x| x.family == family)
                .map(|x| format!("{} [{}]", x.indicator, x.triggers.join(" + ")))
                .collect();
            format!("{} <- {}", example.text, triggers.join("; "))
        };
        let Some(gold) = example.family else {
            scores.lookalikes += 1;
            if let Some(first) = raised.first() {
                scores.lookalikes_flagged += 1;
                scores.errors.push(Error {
                    line: i,
                    what: "flagged",
                    label: example.label.to_string(),
                    text: describe(*first),
                });
            }
            continue;
        };
        scores.sentences += 1;
        for family in Family::ALL {
            let c = scores.families.entry(family).or_default();
            match (family == gold, raised.contains(&family)) {
                (true, true) => c.tp += 1,
                (true, false) => {
                    c.fn_ += 1;
                    scores.errors.push(Error {
                        line: i,
                        what: "missed",
                        label: example.label.to_string(),
                        text: example.text.to_string(),
                    });
                }
                (false, true) => {
                    c.fp += 1;
                    scores.errors.push(Error {
                        line: i,
                        what: "spurious",
                        label: format!("{} as {}", example.label, family.as_str()),
                        text: describe(family),
                    });
                }
                (false, false) => {}
            }
        }
    }
    scores
}

impl fmt::Display for FamilyScores {
    /// A Markdown table, as it goes into the corpus README.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "| indicator family | sentences | raised | precision | recall | F1 |"
        )?;
        writeln!(f, "|---|---|---|---|---|---|")?;
        let mut row = |name: &str, c: &Counts| {
            writeln!(
                f,
                "| {name} | {} | {} | {:.3} | {:.3} | {:.3} |",
                c.tp + c.fn_,
                c.tp + c.fp,
                c.precision(),
                c.recall(),
                c.f1()
            )
        };
        for (family, c) in &self.families {
            row(family.as_str(), c)?;
        }
        row("**all**", &self.total())?;
        writeln!(
            f,
            "\nlook-alikes flagged: {} of {} ({:.3})",
            self.lookalikes_flagged,
            self.lookalikes,
            self.false_flag_rate()
        )
    }
}

impl Scores {
    /// All entities together.
    pub fn entity_total(&self) -> Counts {
        self.entities
            .values()
            .fold(Counts::default(), |a, c| Counts {
                tp: a.tp + c.tp,
                fp: a.fp + c.fp,
                fn_: a.fn_ + c.fn_,
            })
    }
}

impl fmt::Display for Scores {
    /// Markdown tables, as they go into BENCHMARKS.md.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} sentences", self.sentences)?;
        writeln!(f)?;
        writeln!(
            f,
            "| entity type | gold | found | precision | recall | F1 | normalised right |"
        )?;
        writeln!(f, "|---|---|---|---|---|---|---|")?;
        for (t, c) in &self.entities {
            let norm = self
                .normalised
                .get(t)
                .map_or("–".to_string(), |(r, n)| format!("{r}/{n}"));
            writeln!(
                f,
                "| {} | {} | {} | {:.3} | {:.3} | {:.3} | {norm} |",
                t.as_str(),
                c.tp + c.fn_,
                c.tp + c.fp,
                c.precision(),
                c.recall(),
                c.f1()
            )?;
        }
        let t = self.entity_total();
        writeln!(
            f,
            "| **all** | {} | {} | {:.3} | {:.3} | {:.3} | |",
            t.tp + t.fn_,
            t.tp + t.fp,
            t.precision(),
            t.recall(),
            t.f1()
        )?;
        writeln!(f)?;
        writeln!(
            f,
            "| indicator family | sentences | family P | family R | family F1 | indicator P | indicator R | indicator F1 |"
        )?;
        writeln!(f, "|---|---|---|---|---|---|---|---|")?;
        for (family, c) in &self.families {
            let i = self.indicators.get(family).copied().unwrap_or_default();
            writeln!(
                f,
                "| {} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
                family.as_str(),
                c.tp + c.fn_,
                c.precision(),
                c.recall(),
                c.f1(),
                i.precision(),
                i.recall(),
                i.f1()
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_perfect_and_an_imperfect_example() {
        let corpus = concat!(
            r#"{"text":"Call 07700 900123.","style":"community","entities":[{"type":"phone","text":"07700 900123","normalised":"+447700900123"}],"indicators":[]}"#,
            "\n",
            r#"{"text":"Nothing here.","style":"officer","entities":[{"type":"vrm","text":"AB12 CDE"}],"indicators":[{"family":"cuckooing","indicator":"resident_not_seen"}]}"#,
            "\n"
        );
        let s = evaluate(corpus).expect("scores");
        assert_eq!(s.sentences, 2);
        assert_eq!(
            s.entities[&EntityType::Phone],
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            s.entities[&EntityType::Vrm],
            Counts {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!(s.normalised[&EntityType::Phone], (1, 1));
        assert_eq!(
            s.families[&Family::Cuckooing],
            Counts {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!(s.entities[&EntityType::Vrm].f1(), 0.0);
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        let err = evaluate("{\"text\":1}\n").expect_err("an error");
        assert!(err.to_string().starts_with("line 1:"), "{err}");
    }
}
