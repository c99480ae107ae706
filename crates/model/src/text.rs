//! Folding text for matching: diacritics removed, case and punctuation dropped, spaces
//! collapsed. Display forms are never folded; only keys are.

/// Folds `raw` to lower-case ASCII words separated by single spaces: `Zoë  Núñez-O'Neil` →
/// `zoe nunez o neil`. Apostrophes vanish inside words (`O'Neil` → `oneil`) so that the spellings
/// with and without them match.
pub fn fold(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '\u{2019}' || c == '`' {
            // O'Neil and ONeil are the same name.
        } else if c.is_ascii() {
            pending_space = true;
        } else {
            let ascii = deunicode::deunicode_char(c).unwrap_or(" ");
            for a in ascii.chars() {
                if a.is_ascii_alphanumeric() {
                    if pending_space && !out.is_empty() {
                        out.push(' ');
                    }
                    pending_space = false;
                    out.push(a.to_ascii_lowercase());
                } else if a != '\'' {
                    pending_space = true;
                }
            }
        }
    }
    out
}

/// Upper-cases the first letter of each part of a word and lower-cases the rest, keeping
/// diacritics: `mary-jane` → `Mary-Jane`, `o'brien` → `O'Brien`, `ZOË` → `Zoë`.
pub fn title_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        if c.is_alphabetic() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            start = matches!(c, '-' | '\'' | '\u{2019}' | ' ' | '.');
        }
    }
    out
}

/// Collapses runs of white space to single spaces and trims the ends.
pub fn squash_spaces(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_diacritics_case_and_punctuation() {
        assert_eq!(fold("Zoë  Núñez-O'Neil"), "zoe nunez oneil");
        assert_eq!(fold("  SMITH,  Jon "), "smith jon");
        assert_eq!(fold("Łukasz Wójcik"), "lukasz wojcik");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn title_cases_parts() {
        assert_eq!(title_case("mary-jane"), "Mary-Jane");
        assert_eq!(title_case("o'brien"), "O'Brien");
        assert_eq!(title_case("ZOË"), "Zoë");
    }
}
