//! Another author's wording: the simulator's phrase bank (`crates/sim/data/phrases.json`), each
//! filled sentence read on its own. Rules are written against the training half only; the
//! held-out half and its look-alikes are measured here, with floors, so that a change that makes
//! detection fit its own wording more narrowly fails CI.
//!
//! Set `SIGHTLINE_SHOW_ERRORS=1` to print every miss, false alarm and flagged look-alike of the
//! training half (never of the held-out half: its sentences are not for writing rules against).

use extract::Family;
use extract::eval::{FamilyScores, Labelled, evaluate_families};
use sim::{Half, PhraseBank};

/// The seed that fills the wordings' slots, as `sightline extract --evaluate sim-heldout` uses.
const SEED: u64 = 1;

fn score(half: Half) -> FamilyScores {
    let bank = PhraseBank::embedded().expect("the embedded phrase bank");
    let examples = bank.examples(half, SEED);
    let benign = bank.benign_examples(half, SEED);
    let mut labelled: Vec<Labelled> = examples
        .iter()
        .map(|e| Labelled {
            text: &e.text,
            family: Family::parse(e.family.as_str()),
            label: &e.indicator,
        })
        .collect();
    labelled.extend(benign.iter().map(|b| Labelled {
        text: &b.text,
        family: None,
        label: &b.context,
    }));
    let scores = evaluate_families(&labelled);
    let name = match half {
        Half::Training => "training",
        Half::HeldOut => "held-out",
    };
    println!("simulator phrase bank, {name} half:\n{scores}");
    if half == Half::Training && std::env::var_os("SIGHTLINE_SHOW_ERRORS").is_some() {
        for e in &scores.errors {
            println!("{:<9} {:<50} {}", e.what, e.label, e.text);
        }
    }
    scores
}

#[test]
fn training_half() {
    let s = score(Half::Training);
    assert_eq!(s.sentences, 287);
    let all = s.total();
    assert!(all.recall() >= 0.9, "recall {:.3}", all.recall());
    assert!(all.precision() >= 0.9, "precision {:.3}", all.precision());
    assert_eq!(s.lookalikes_flagged, 0);
}

#[test]
fn held_out_half() {
    // Floors a little under today's figures (recall 0.557, precision 0.821, no look-alike
    // flagged), so that narrowing the rules back fails here.
    let s = score(Half::HeldOut);
    assert_eq!(s.sentences, 287);
    let all = s.total();
    assert!(all.recall() >= 0.54, "recall {:.3}", all.recall());
    assert!(all.precision() >= 0.80, "precision {:.3}", all.precision());
    assert_eq!(s.lookalikes_flagged, 0);
}
