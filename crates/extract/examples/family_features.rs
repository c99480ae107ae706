//! Writes the family model's training data as JSON Lines on standard output: for every sentence
//! of the development corpus, of the training half of the simulator's phrase bank (with its
//! look-alikes) and of `corpus/paraphrases.txt`, its features (see
//! `Extractor::sentence_features`) and the families it shows. Never the held-out halves.
//!
//! `cargo run -p extract --example family_features > /tmp/features.jsonl`, then
//! `python3 crates/extract/corpus/train_family_model.py /tmp/features.jsonl`.

use extract::Extractor;
use std::collections::BTreeSet;

fn main() {
    let extractor = match Extractor::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("family_features: {e}");
            std::process::exit(2);
        }
    };
    let mut rows: Vec<(String, String, BTreeSet<String>)> = Vec::new();
    match extract::eval::parse(extract::eval::DEV) {
        Ok(examples) => {
            for e in examples {
                let families = e.indicators.iter().map(|i| i.family.clone()).collect();
                rows.push(("dev".into(), e.text, families));
            }
        }
        Err(e) => {
            eprintln!("family_features: development corpus: {e}");
            std::process::exit(2);
        }
    }
    let bank = match sim::PhraseBank::embedded() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("family_features: phrase bank: {e}");
            std::process::exit(2);
        }
    };
    for seed in 1..=3 {
        for e in bank.examples(sim::Half::Training, seed) {
            rows.push((
                "sim-training".into(),
                e.text.clone(),
                [e.family.as_str().to_string()].into(),
            ));
        }
        for b in bank.benign_examples(sim::Half::Training, seed) {
            rows.push(("sim-training".into(), b.text.clone(), BTreeSet::new()));
        }
    }
    let paraphrases = include_str!("../corpus/paraphrases.txt");
    for line in paraphrases
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let mut parts = line.splitn(3, '|');
        if let (Some(family), Some(_), Some(text)) = (parts.next(), parts.next(), parts.next()) {
            let families = if family == "-" {
                BTreeSet::new()
            } else {
                [family.to_string()].into()
            };
            rows.push(("paraphrases".into(), text.to_string(), families));
        }
    }
    for (source, text, families) in rows {
        // Each sentence of a text shows the text's families: the corpus annotates texts, and
        // most of its texts are one sentence.
        let mut all = BTreeSet::new();
        for f in extractor.sentence_features(&text) {
            all.extend(f);
        }
        let line = serde_json::json!({
            "source": source,
            "features": all,
            "families": families,
        });
        println!("{line}");
    }
}
