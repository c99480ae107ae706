//! Running patterns only near figures.
//!
//! Every money amount, age in figures, date and street address contains a figure, and report
//! text has few: the patterns for them run over short windows around the figures instead of the
//! whole text. Windows start and end at white space, so a match inside one starts and ends where
//! it would in the whole text.

use crate::text::{Token, TokenKind};
use regex::{Captures, Regex};

/// Bytes of context kept before and after a figure: enough for "aged approximately 15",
/// "Flat 12, 14", "Wednesday 11th of" and a street name with its type.
const BEFORE: usize = 32;
const AFTER: usize = 64;

/// Merged `[start, end)` byte windows around the tokens that start with a digit.
pub fn around_figures(text: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for t in tokens {
        let digit_first = matches!(t.kind, TokenKind::Number | TokenKind::Alnum)
            && text.as_bytes()[t.start].is_ascii_digit();
        if !digit_first {
            continue;
        }
        let start = to_space_before(text, t.start.saturating_sub(BEFORE));
        let end = to_space_after(text, (t.end + AFTER).min(text.len()));
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

fn to_space_before(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while i > 0 && !bytes[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    i
}

fn to_space_after(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// A capture group's match with offsets into the whole text.
#[derive(Debug, Clone, Copy)]
pub struct Abs<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Abs<'t> {
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
    pub fn as_str(&self) -> &'t str {
        self.text
    }
}

/// Captures found in a window, reporting whole-text offsets.
pub struct Caps<'t> {
    captures: Captures<'t>,
    offset: usize,
}

impl<'t> Caps<'t> {
    pub fn get(&self, i: usize) -> Option<Abs<'t>> {
        self.captures.get(i).map(|m| self.abs(m))
    }
    pub fn name(&self, name: &str) -> Option<Abs<'t>> {
        self.captures.name(name).map(|m| self.abs(m))
    }
    fn abs(&self, m: regex::Match<'t>) -> Abs<'t> {
        Abs {
            text: m.as_str(),
            start: self.offset + m.start(),
            end: self.offset + m.end(),
        }
    }
}

/// Every match of `re` in the windows of `text`.
pub fn caps<'t>(re: &Regex, text: &'t str, windows: &[(usize, usize)]) -> Vec<Caps<'t>> {
    let mut out = Vec::new();
    for &(start, end) in windows {
        for captures in re.captures_iter(&text[start..end]) {
            out.push(Caps {
                captures,
                offset: start,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn windows_surround_figures_and_merge() {
        let text = "Nothing here at all, then aged 15 and 16 later on; finally words and words and words and words and words and words and words with none.";
        let w = around_figures(text, &tokenize(text));
        assert_eq!(w.len(), 1);
        let (s, e) = w[0];
        assert!(text[s..e].contains("aged 15 and 16"));
        assert!(s == 0 || text.as_bytes()[s - 1] == b' ');
        assert!(e < text.len());
    }
}
