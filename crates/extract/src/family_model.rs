//! A linear model per indicator family over the concepts of a sentence: the fallback for wording
//! that no rule was written for.
//!
//! The rules of `data/indicators.toml` say exactly which ideas must meet, and so miss a sign
//! put in words nobody wrote a rule for ("the tenant has been pushed out of his own bedroom").
//! The concepts themselves generalise better than the rules that combine them: a sentence that
//! holds `takeover`, `resident` and `premises` is about cuckooing whichever frame joins them.
//! `data/family_model.toml` gives each family a bias and a weight per concept (and per context
//! concept found anywhere in the report), learned by L2-regularised logistic regression from
//! the development corpus, the training half of the simulator's phrase bank and the paraphrase
//! set (`corpus/train_family_model.py`, reproducible). A sentence in which no rule raised a family
//! but the model's probability for it reaches the threshold gets one `other_signs` indicator of
//! that family, at a lower confidence, with the words of the concepts that weighed most as its
//! triggers — so it stays explainable. Negated concepts do not count, and a sentence with an
//! "all is well" statement gets none.

use crate::taxonomy::{ConceptId, Family, Taxonomy, TaxonomyError};
use serde::Deserialize;
use std::collections::HashMap;

/// The shipped model.
pub const FAMILY_MODEL_TOML: &str = include_str!("../data/family_model.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModel {
    version: String,
    threshold: f32,
    confidence: f32,
    /// Concepts found anywhere in the report that are features too, as `ctx:<name>`.
    context: Vec<String>,
    family: HashMap<String, RawFamily>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFamily {
    bias: f32,
    weights: HashMap<String, f32>,
}

/// One family's compiled weights.
#[derive(Debug, Clone)]
pub struct FamilyWeights {
    pub family: Family,
    pub bias: f32,
    /// By concept id.
    pub sentence: Vec<f32>,
    /// By position in [`FamilyModel::context`].
    pub context: Vec<f32>,
}

/// The compiled model.
#[derive(Debug, Clone)]
pub struct FamilyModel {
    pub version: String,
    /// The probability at which a family is raised.
    pub threshold: f32,
    /// The confidence of a detection before hedging.
    pub confidence: f32,
    /// Context concepts, looked for anywhere in the report.
    pub context: Vec<ConceptId>,
    pub families: Vec<FamilyWeights>,
}

impl FamilyModel {
    /// Compiles the model against the taxonomy whose concepts it names.
    pub fn from_toml(toml_text: &str, taxonomy: &Taxonomy) -> Result<FamilyModel, TaxonomyError> {
        let raw: RawModel = toml::from_str(toml_text)
            .map_err(|e| TaxonomyError::Invalid(format!("family model: {e}")))?;
        let concept = |name: &str| -> Result<ConceptId, TaxonomyError> {
            taxonomy
                .concept_names
                .iter()
                .position(|n| n == name)
                .map(|i| i as ConceptId)
                .ok_or_else(|| {
                    TaxonomyError::Invalid(format!("family model: unknown concept {name:?}"))
                })
        };
        let context = raw
            .context
            .iter()
            .map(|n| concept(n))
            .collect::<Result<Vec<_>, _>>()?;
        let mut families = Vec::new();
        for family in Family::ALL {
            let Some(f) = raw.family.get(family.as_str()) else {
                continue;
            };
            let mut sentence = vec![0.0; taxonomy.concept_names.len()];
            let mut ctx = vec![0.0; context.len()];
            for (name, &w) in &f.weights {
                if let Some(c) = name.strip_prefix("ctx:") {
                    let id = concept(c)?;
                    let k = context.iter().position(|&x| x == id).ok_or_else(|| {
                        TaxonomyError::Invalid(format!(
                            "family model: {name:?} is not a listed context concept"
                        ))
                    })?;
                    ctx[k] = w;
                } else {
                    sentence[usize::from(concept(name)?)] = w;
                }
            }
            families.push(FamilyWeights {
                family,
                bias: f.bias,
                sentence,
                context: ctx,
            });
        }
        for name in raw.family.keys() {
            if Family::parse(name).is_none() {
                return Err(TaxonomyError::Invalid(format!(
                    "family model: unknown family {name:?}"
                )));
            }
        }
        Ok(FamilyModel {
            version: raw.version,
            threshold: raw.threshold,
            confidence: raw.confidence,
            context,
            families,
        })
    }

    /// Whether some family not yet `raised` could reach the threshold with the concepts
    /// `present` (an upper bound: every present concept of positive weight counted). A sentence
    /// holds a handful of concepts, so they are looked up rather than the weights scanned.
    pub fn could_reach(
        &self,
        present: &[ConceptId],
        context: &[bool],
        raised: impl Fn(Family) -> bool,
    ) -> bool {
        let logit = (self.threshold / (1.0 - self.threshold)).ln();
        self.families.iter().any(|f| {
            if raised(f.family) {
                return false;
            }
            let mut z = f.bias;
            for (k, &on) in context.iter().enumerate() {
                if on {
                    z += f.context[k];
                }
            }
            for &c in present {
                z += f.sentence[usize::from(c)].max(0.0);
            }
            z >= logit
        })
    }

    /// The probability of each family for a sentence with these (non-negated) concepts, in a
    /// report with these context concepts.
    pub fn score(&self, concepts: &[ConceptId], context: &[bool]) -> Vec<(Family, f32)> {
        self.families
            .iter()
            .map(|f| {
                let mut z = f.bias;
                for &c in concepts {
                    z += f.sentence[usize::from(c)];
                }
                for (k, &on) in context.iter().enumerate() {
                    if on {
                        z += f.context[k];
                    }
                }
                (f.family, 1.0 / (1.0 + (-z).exp()))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_compiles_against_the_shipped_taxonomy() {
        let t = Taxonomy::from_toml(crate::taxonomy::TAXONOMY_TOML).expect("taxonomy");
        let m = FamilyModel::from_toml(FAMILY_MODEL_TOML, &t).expect("model");
        assert!(!m.families.is_empty());
        assert!(m.threshold > 0.5 && m.threshold < 1.0);
    }

    #[test]
    fn unknown_concepts_are_refused() {
        let t = Taxonomy::from_toml(crate::taxonomy::TAXONOMY_TOML).expect("taxonomy");
        let bad = "version = \"x\"\nthreshold = 0.7\nconfidence = 0.5\ncontext = []\n\
                   [family.cuckooing]\nbias = -1.0\nweights = { no_such_concept = 1.0 }\n";
        assert!(FamilyModel::from_toml(bad, &t).is_err());
    }
}
