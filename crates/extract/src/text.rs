//! Splitting report text into tokens and sentences, keeping byte offsets into the input.
//!
//! One pass over the characters. Words keep inner apostrophes (`O'Brien`) and hyphenated parts
//! stay separate tokens (`mid`, `-`, `teens`), so recognisers see the same pieces however the
//! writer joined them. English clitics are split off (`hasn't` → `has` + `n't`, `they'll` →
//! `they` + `'ll`) because negation and threats live in them.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters only (any script), with inner apostrophes.
    Word,
    /// ASCII digits only.
    Number,
    /// Letters and digits mixed: `AB12`, `15yo`, `3am`.
    Alnum,
    /// One character of punctuation or a symbol.
    Punct,
}

/// A token: a byte range of the input and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// White space separates this token from the one before.
    pub space_before: bool,
    /// A line break separates this token from the one before.
    pub newline_before: bool,
}

impl Token {
    pub fn text<'a>(&self, input: &'a str) -> &'a str {
        &input[self.start..self.end]
    }

    pub fn is_wordlike(&self) -> bool {
        self.kind != TokenKind::Punct
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize_into(text, &mut tokens);
    tokens
}

/// [`tokenize`] into a buffer, which is cleared first.
pub fn tokenize_into(text: &str, tokens: &mut Vec<Token>) {
    tokens.clear();
    tokens.reserve(text.len() / 4);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut space = false;
    let mut newline = false;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII fast path for separators.
        if b == b' ' || b == b'\t' || b == b'\r' {
            space = true;
            i += 1;
            continue;
        }
        if b == b'\n' {
            space = true;
            newline = true;
            i += 1;
            continue;
        }
        let c = if b < 0x80 {
            b as char
        } else {
            text[i..].chars().next().unwrap_or(' ')
        };
        if c.is_whitespace() {
            space = true;
            i += c.len_utf8();
            continue;
        }
        let start = i;
        if c.is_alphanumeric() {
            let mut has_alpha = false;
            let mut has_digit = false;
            let mut has_apostrophe = false;
            let mut j = i;
            while j < bytes.len() {
                let b = bytes[j];
                // ASCII letters and digits, the bulk of report text, without decoding.
                if b.is_ascii_digit() {
                    has_digit = true;
                    j += 1;
                    continue;
                }
                if b.is_ascii_alphabetic() {
                    has_alpha = true;
                    j += 1;
                    continue;
                }
                let (ch, len) = if b < 0x80 {
                    (b as char, 1)
                } else {
                    let ch = text[j..].chars().next().unwrap_or(' ');
                    (ch, ch.len_utf8())
                };
                if ch.is_alphanumeric() {
                    has_alpha = true;
                    j += len;
                } else if is_apostrophe(ch)
                    && has_alpha
                    && !has_digit
                    && text[j + len..]
                        .chars()
                        .next()
                        .is_some_and(|n| n.is_alphabetic())
                {
                    has_apostrophe = true;
                    j += len;
                } else {
                    break;
                }
            }
            let kind = match (has_alpha, has_digit) {
                (true, false) => TokenKind::Word,
                (false, true) => TokenKind::Number,
                _ => TokenKind::Alnum,
            };
            let token = Token {
                start,
                end: j,
                kind,
                space_before: space,
                newline_before: newline,
            };
            // Every clitic holds an apostrophe.
            if has_apostrophe {
                push_word(text, tokens, token);
            } else {
                tokens.push(token);
            }
            i = j;
        } else {
            i += c.len_utf8();
            tokens.push(Token {
                start,
                end: i,
                kind: TokenKind::Punct,
                space_before: space,
                newline_before: newline,
            });
        }
        space = false;
        newline = false;
    }
}

/// Pushes a word, splitting off a clitic: `n't`, `'ll`, `'d`, `'s`, `'re`, `'ve`, `'m`.
fn push_word(text: &str, tokens: &mut Vec<Token>, token: Token) {
    let Token {
        start,
        end,
        kind,
        space_before: space,
        newline_before: newline,
    } = token;
    let word = &text[start..end];
    let mut split_at = None;
    if kind == TokenKind::Word {
        let lower_tail = |n: usize| -> Option<&str> { word.get(word.len().checked_sub(n)?..) };
        for clitic in ["n't", "n\u{2019}t"] {
            if word.len() > clitic.len()
                && lower_tail(clitic.len()).is_some_and(|t| t.eq_ignore_ascii_case(clitic))
            {
                split_at = Some(end - clitic.len());
            }
        }
        if split_at.is_none()
            && let Some(pos) = word.rfind(is_apostrophe)
        {
            let apostrophe_len = word[pos..].chars().next().map_or(1, char::len_utf8);
            let tail = &word[pos + apostrophe_len..];
            if pos > 0
                && ["ll", "d", "s", "re", "ve", "m"]
                    .iter()
                    .any(|c| tail.eq_ignore_ascii_case(c))
            {
                split_at = Some(start + pos);
            }
        }
    }
    match split_at {
        Some(at) => {
            tokens.push(Token {
                start,
                end: at,
                kind,
                space_before: space,
                newline_before: newline,
            });
            tokens.push(Token {
                start: at,
                end,
                kind: TokenKind::Word,
                space_before: false,
                newline_before: false,
            });
        }
        None => tokens.push(Token {
            start,
            end,
            kind,
            space_before: space,
            newline_before: newline,
        }),
    }
}

/// Abbreviations after which a full stop does not end a sentence.
/// (Street types such as `Rd.` are not here: the word after them starts a new sentence.)
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "approx", "no", "nos", "vs", "etc", "e.g", "i.e", "pc", "dc",
    "ds", "di", "sgt", "insp", "det", "tel", "ref", "mx", "prof", "rev",
];

/// The longest sentence, in tokens, before it is cut: text without full stops (a pasted log,
/// a run-on paragraph) must not make matching quadratic.
const MAX_SENTENCE: usize = 120;

/// Sentences as token index ranges `[start, end)`. A sentence ends at `.`, `!` or `?` followed by
/// white space and a capital, a digit or a quote (or the end of the text), except after a title
/// or an initial; and at a line break.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        let t = tokens[i];
        if i > start && t.newline_before {
            out.push((start, i));
            start = i;
        }
        if t.kind != TokenKind::Punct {
            continue;
        }
        let c = t.text(text);
        if !matches!(c, "." | "!" | "?") {
            continue;
        }
        let next = tokens.get(i + 1);
        let ends = match next {
            None => true,
            Some(n) => {
                n.space_before
                    && text[n.start..].chars().next().is_some_and(|ch| {
                        ch.is_uppercase()
                            || ch.is_ascii_digit()
                            || matches!(ch, '\'' | '"' | '\u{2018}' | '\u{201c}' | '£')
                    })
            }
        };
        if !ends {
            continue;
        }
        if c == "."
            && i > 0
            && let Some(prev) = tokens.get(i - 1)
            && !t.space_before
        {
            let w = prev.text(text);
            let single_capital = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
            if single_capital || ABBREVIATIONS.iter().any(|a| w.eq_ignore_ascii_case(a)) {
                continue;
            }
        }
        out.push((start, i + 1));
        start = i + 1;
    }
    if start < tokens.len() {
        out.push((start, tokens.len()));
    }
    cut_long(text, tokens, out)
}

/// Cuts sentences longer than [`MAX_SENTENCE`] tokens, at a comma or semicolon where there is
/// one in the second half of the piece.
fn cut_long(text: &str, tokens: &[Token], sentences: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    if sentences.iter().all(|(s, e)| e - s <= MAX_SENTENCE) {
        return sentences;
    }
    let mut out = Vec::with_capacity(sentences.len());
    for (mut s, e) in sentences {
        while e - s > MAX_SENTENCE {
            let limit = s + MAX_SENTENCE;
            let cut = (s + MAX_SENTENCE / 2..limit)
                .rev()
                .find(|&i| matches!(tokens[i].text(text), "," | ";" | ":"))
                .map_or(limit, |i| i + 1);
            out.push((s, cut));
            s = cut;
        }
        out.push((s, e));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&str]) {
        let tokens = tokenize(input);
        let got: Vec<&str> = tokens.iter().map(|t| t.text(input)).collect();
        assert_eq!(got, expected, "{input:?}");
    }

    #[test]
    fn words_numbers_clitics_and_symbols() {
        check(
            "He hasn't seen O'Brien's £1.2k, they'll say.",
            &[
                "He", "has", "n't", "seen", "O'Brien", "'s", "£", "1", ".", "2k", ",", "they",
                "'ll", "say", ".",
            ],
        );
        check("Zoë NÚÑEZ, 15yo", &["Zoë", "NÚÑEZ", ",", "15yo"]);
        check("mid-teens", &["mid", "-", "teens"]);
    }

    #[test]
    fn run_on_text_is_cut_into_bounded_pieces() {
        let text = "callers at all hours, ".repeat(200);
        let tokens = tokenize(&text);
        let pieces = sentences(&text, &tokens);
        assert!(pieces.iter().all(|(s, e)| e - s <= MAX_SENTENCE));
        assert_eq!(pieces.first().map(|p| p.0), Some(0));
        assert_eq!(pieces.last().map(|p| p.1), Some(tokens.len()));
        assert!(pieces.windows(2).all(|w| w[0].1 == w[1].0));
    }

    #[test]
    fn sentences_do_not_end_after_titles_or_initials() {
        let text = "Mr. J. Smith was seen. He left at 2am! Then? No.";
        let tokens = tokenize(text);
        let got: Vec<&str> = sentences(text, &tokens)
            .into_iter()
            .map(|(s, e)| &text[tokens[s].start..tokens[e - 1].end])
            .collect();
        assert_eq!(
            got,
            ["Mr. J. Smith was seen.", "He left at 2am!", "Then?", "No."]
        );
    }
}
