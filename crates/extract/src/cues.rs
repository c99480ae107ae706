//! One pass over a text for the words that decide which patterns are worth running.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// What a text mentions, as far as the patterns care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// An age band in words: `teens`, `twenties`, `20s`.
    Band,
    /// A currency sign or word.
    Money,
    /// Bank words: `sort code`, `account`.
    Bank,
    /// Words that introduce a name: `called`, `known as`.
    Called,
    /// Quotation marks, which may hold a street name.
    Quote,
}

const CUES: &[(&str, Cue)] = &[
    ("teen", Cue::Band),
    ("ties", Cue::Band),
    ("0s", Cue::Band),
    ("0's", Cue::Band),
    ("£", Cue::Money),
    ("€", Cue::Money),
    ("$", Cue::Money),
    ("quid", Cue::Money),
    ("pound", Cue::Money),
    ("grand", Cue::Money),
    ("euro", Cue::Money),
    ("gbp", Cue::Money),
    ("eur", Cue::Money),
    ("sort", Cue::Bank),
    ("s/c", Cue::Bank),
    ("account", Cue::Bank),
    ("a/c", Cue::Bank),
    ("acc", Cue::Bank),
    ("bank", Cue::Bank),
    ("called", Cue::Called),
    ("named", Cue::Called),
    ("known as", Cue::Called),
    ("name is", Cue::Called),
    ("real name", Cue::Called),
    ("goes by", Cue::Called),
    ("calls him", Cue::Called),
    ("calls her", Cue::Called),
    ("gave the name", Cue::Called),
    ("false name", Cue::Called),
];

pub struct CueFinder {
    automaton: AhoCorasick,
}

/// The cues present in one text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cues(u8);

impl Cues {
    pub fn has(&self, cue: Cue) -> bool {
        self.0 & (1 << cue as u8) != 0
    }
}

impl CueFinder {
    pub fn new() -> CueFinder {
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostFirst)
            .build(CUES.iter().map(|(p, _)| p))
            .unwrap_or_else(|e| panic!("cue automaton: {e}"));
        CueFinder { automaton }
    }

    pub fn find(&self, text: &str) -> Cues {
        const ALL: u8 = (1 << 5) - 1;
        // Quotation marks are single characters, and apostrophes are everywhere: a byte test
        // is cheaper than stopping the automaton at each one.
        let mut found = if has_quote(text) {
            1 << Cue::Quote as u8
        } else {
            0
        };
        // Cues of different kinds do not overlap, so a non-overlapping search finds each kind.
        for m in self.automaton.find_iter(text) {
            found |= 1 << CUES[m.pattern().as_usize()].1 as u8;
            if found == ALL {
                break;
            }
        }
        Cues(found)
    }
}

/// Whether `text` holds a quotation mark or an apostrophe: `'`, `"`, `‘`, `’` or `“`. The curly
/// ones are `E2 80 98`, `E2 80 99` and `E2 80 9C` in UTF-8, so one vectorised search for three
/// bytes finds them all.
fn has_quote(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'\'', b'"', 0xE2, bytes).any(|i| {
        bytes[i] != 0xE2 || matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x98 | 0x99 | 0x9C]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cues_in_any_case() {
        let c = CueFinder::new().find("Paid £40 to a lad CALLED 'Jay' in his teens");
        assert!(c.has(Cue::Money) && c.has(Cue::Called) && c.has(Cue::Band) && c.has(Cue::Quote));
        assert!(!c.has(Cue::Bank));
    }

    #[test]
    fn finds_every_quotation_mark_and_only_those() {
        for quoted in ["it's", "a \"b\"", "‘Jay’", "Jay’s", "“Jay"] {
            assert!(has_quote(quoted), "{quoted}");
        }
        // Other characters whose UTF-8 starts E2 80: a dash, a closing double quote, an ellipsis.
        for plain in ["a — b", "b”", "wait…", "£5 café", ""] {
            assert!(!has_quote(plain), "{plain}");
        }
    }
}
