//! UK vehicle registration marks.
//!
//! Normalised to upper case without spaces (`ab12 cde` → `AB12CDE`) and recognised as one of the
//! UK formats: current (since 2001, `AB12 CDE`), prefix (1983–2001, `A123 BCD`), suffix
//! (1963–1983, `ABC 123D`), Northern Ireland (`ABZ 1234`) and dateless (`ABC 123`, `1234 AB`).
//! A mark in none of these (a foreign plate, a typo) is kept in its normalised form and marked
//! `Unrecognised`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VrmFormat {
    Current,
    Prefix,
    Suffix,
    NorthernIreland,
    Dateless,
    Unrecognised,
}

/// A registration as written, with its normalised form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vrm {
    pub raw: String,
    /// Upper case, no spaces or punctuation; `None` when nothing usable was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalised: Option<String>,
    pub format: VrmFormat,
}

impl Vrm {
    pub fn parse(raw: &str) -> Vrm {
        let compact: String = raw
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '\t' | '\u{a0}'))
            .flat_map(|c| c.to_uppercase())
            .collect();
        let usable = (2..=8).contains(&compact.len())
            && compact.chars().all(|c| c.is_ascii_alphanumeric())
            && compact.chars().any(|c| c.is_ascii_digit());
        if !usable {
            return Vrm {
                raw: raw.to_string(),
                normalised: None,
                format: VrmFormat::Unrecognised,
            };
        }
        let format = classify(&compact);
        Vrm {
            raw: raw.to_string(),
            normalised: Some(compact),
            format,
        }
    }

    pub fn is_uk_format(&self) -> bool {
        self.normalised.is_some() && self.format != VrmFormat::Unrecognised
    }
}

/// Letter/digit shape of a compact mark: `AB12CDE` → `LLDDLLL`.
fn shape(compact: &str) -> String {
    compact
        .chars()
        .map(|c| if c.is_ascii_digit() { 'D' } else { 'L' })
        .collect()
}

/// Recognises the UK format of a compact, upper-case mark.
pub fn classify(compact: &str) -> VrmFormat {
    let s = shape(compact);
    let runs: Vec<(char, usize)> = s.chars().fold(Vec::new(), |mut acc, c| {
        match acc.last_mut() {
            Some((last, n)) if *last == c => *n += 1,
            _ => acc.push((c, 1)),
        }
        acc
    });
    match runs.as_slice() {
        [('L', 2), ('D', 2), ('L', 3)] => VrmFormat::Current,
        [('L', 1), ('D', 1..=3), ('L', 3)] => VrmFormat::Prefix,
        [('L', 3), ('D', 1..=3), ('L', 1)] => VrmFormat::Suffix,
        [('L', 3), ('D', 1..=4)] if compact[..3].contains(['I', 'Z']) => VrmFormat::NorthernIreland,
        [('L', 1..=3), ('D', 1..=4)] | [('D', 1..=4), ('L', 1..=3)] => VrmFormat::Dateless,
        _ => VrmFormat::Unrecognised,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str, normalised: &str, format: VrmFormat) {
        let v = Vrm::parse(raw);
        assert_eq!(v.normalised.as_deref(), Some(normalised), "{raw:?}");
        assert_eq!(v.format, format, "{raw:?}");
        assert_eq!(v.raw, raw);
    }

    #[test]
    fn formats_in_any_case_and_spacing() {
        check("AB12 CDE", "AB12CDE", VrmFormat::Current);
        check("ab12cde", "AB12CDE", VrmFormat::Current);
        check(" ab 12 c d e ", "AB12CDE", VrmFormat::Current);
        check("A123 BCD", "A123BCD", VrmFormat::Prefix);
        check("a1 bcd", "A1BCD", VrmFormat::Prefix);
        check("ABC 123D", "ABC123D", VrmFormat::Suffix);
        check("ABZ 1234", "ABZ1234", VrmFormat::NorthernIreland);
        check("ABC 123", "ABC123", VrmFormat::Dateless);
        check("1234 AB", "1234AB", VrmFormat::Dateless);
        check("AB-12-CDE", "AB12CDE", VrmFormat::Current);
    }

    #[test]
    fn foreign_or_odd_marks_are_kept_unrecognised() {
        check("B 1234 XYZ", "B1234XYZ", VrmFormat::Unrecognised);
        check("WX1234AB", "WX1234AB", VrmFormat::Unrecognised);
    }

    #[test]
    fn unusable_marks_have_no_normalised_form() {
        for raw in ["", "   ", "silver focus", "ABCDEFGHIJK", "AB12 CDÉ"] {
            assert_eq!(Vrm::parse(raw).normalised, None, "{raw:?}");
        }
    }
}
