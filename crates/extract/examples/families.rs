//! Scores indicator-family detection on a file of labelled sentences, one a line as
//! `family|label|text` (`-` as the family for a look-alike that must raise nothing), and prints
//! the scores and every miss, false alarm and flagged look-alike: a quick way to try wording of
//! one's own against the rules.
//!
//! `cargo run -p extract --example families -- corpus/paraphrases.txt`

use extract::Family;
use extract::eval::{Labelled, evaluate_families};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: families FILE (lines of family|label|text)");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("families: cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let mut labelled = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let mut parts = line.splitn(3, '|');
        let (Some(family), Some(label), Some(sentence)) =
            (parts.next(), parts.next(), parts.next())
        else {
            eprintln!("families: not family|label|text: {line}");
            std::process::exit(2);
        };
        labelled.push(Labelled {
            text: sentence,
            family: Family::parse(family),
            label,
        });
    }
    let scores = evaluate_families(&labelled);
    println!("{scores}");
    for e in &scores.errors {
        println!("{:<9} {:<40} {}", e.what, e.label, e.text);
    }
}
