//! Extraction never panics and every span it reports is a valid slice of its input, whatever the
//! input: cut-up corpus sentences, glued together, with non-ASCII characters and stray symbols
//! spliced in at every position.

use extract::eval::{DEV, HELDOUT, parse};
use extract::{Config, extract, extract_with};

/// A small deterministic generator (xorshift), so that a failure is reproducible.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn check_spans(input: &str) {
    let found = extract(input);
    for e in &found.entities {
        assert!(e.start <= e.end && e.end <= input.len(), "{input:?}: {e:?}");
        assert_eq!(
            input.get(e.start..e.end),
            Some(e.text.as_str()),
            "{input:?}"
        );
        assert!((0.0..=1.0).contains(&e.confidence));
    }
    for i in &found.indicators {
        assert_eq!(
            input.get(i.start..i.end),
            Some(i.text.as_str()),
            "{input:?}"
        );
        assert!((0.0..=1.0).contains(&i.confidence));
        assert!(!i.triggers.is_empty());
    }
}

#[test]
fn mangled_corpus_text_is_handled() {
    let texts: Vec<String> = parse(DEV)
        .expect("dev")
        .into_iter()
        .chain(parse(HELDOUT).expect("held-out"))
        .map(|e| e.text)
        .collect();
    let splices = [
        "£", "é", "’", "‘", "“", "\u{a0}", "\n", "07700", "-", "(", ")", "'", "\"", ",", ".",
        "Zoë", "ÑÚ", "😀", "\t", "/", "0", "AB12", "  ",
    ];
    let mut rng = Xorshift(0x9e37_79b9_7f4a_7c15);
    for round in 0..3000 {
        let a = &texts[rng.below(texts.len())];
        let b = &texts[rng.below(texts.len())];
        let mut s = format!("{a} {b}");
        for _ in 0..3 {
            let mut at = rng.below(s.len() + 1);
            while !s.is_char_boundary(at) {
                at -= 1;
            }
            s.insert_str(at, splices[rng.below(splices.len())]);
        }
        // Cut at a random character boundary, as a truncated field would be.
        let mut cut = rng.below(s.len() + 1);
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        let piece = if round % 2 == 0 { &s[..cut] } else { &s[cut..] };
        check_spans(piece);
    }
}

#[test]
fn degenerate_inputs() {
    for input in [
        "",
        " ",
        "\n\n\n",
        "£",
        "0",
        "07700",
        "'",
        "''",
        "(",
        "Mr",
        "Mr.",
        "aged",
        "aged 1",
        ", 1",
        "1/1/1",
        "AB12 C",
        "Flat 1,",
        "unknown",
        "😀😀😀",
        "no",
    ] {
        check_spans(input);
    }
    let long = "Callers at all hours at 14 Mill Rd. ".repeat(2000);
    assert_eq!(extract(&long).indicators.len(), 2000);
    // No full stop at all: still linear, still found.
    let run_on = "callers at all hours and knocking at night ".repeat(5000);
    let started = std::time::Instant::now();
    assert!(!extract(&run_on).indicators.is_empty());
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    let config = Config {
        reference_date: Some(time::macros::date!(2026 - 01 - 01)),
    };
    let _ = extract_with("On 29 Feb the 31 Apr and 1/1/00.", &config);
}
