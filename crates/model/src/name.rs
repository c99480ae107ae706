//! Person names as recorded, and their parts.
//!
//! Real records write one name many ways: `SMITH, Jon`, `jon smith`, `J. Smith`,
//! `John SMITH aka 'JAY'`, `Mr J SMITH`. [`PersonName::parse`] finds the forenames, the surname and
//! any street names (kept as aliases), keeps diacritics for display and folds them for matching.
//! Placeholders such as `unknown male` are not names: they parse to `None`, because two unknown
//! males are not the same person.

use crate::text::{fold, squash_spaces, title_case};
use serde::{Deserialize, Serialize};

/// A parsed person name. `raw` is exactly what was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonName {
    pub raw: String,
    /// Forenames and initials in display case (`Jon`, `J`), diacritics kept.
    pub forenames: Vec<String>,
    /// The surname in upper case as police records write it (`SMITH`, `NÚÑEZ`), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surname: Option<String>,
    /// Street names and other names the person is known by (`JAY`), as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "master", "sir", "rev", "prof",
];

const ALIAS_MARKERS: &[&str] = &[
    "aka",
    "a.k.a.",
    "a.k.a",
    "a/k/a",
    "known as",
    "also known as",
    "alias",
    "nickname",
    "street name",
    "called",
    "goes by",
];

/// Words that, written where a name should be, mean that the name is not known.
const PLACEHOLDER_WORDS: &[&str] = &[
    "unknown",
    "unk",
    "n/k",
    "nk",
    "not known",
    "unnamed",
    "unidentified",
    "anon",
    "anonymous",
    "no name",
    "name not known",
    "name unknown",
    "male",
    "female",
    "man",
    "woman",
    "boy",
    "girl",
    "person",
    "youth",
    "child",
    "adult",
    "teenager",
    "teen",
    "lad",
    "lads",
    "suspect",
    "victim",
    "resident",
    "occupant",
    "worker",
    "driver",
    "n/a",
    "none",
    "tbc",
    "?",
    "-",
    "x",
];

impl PersonName {
    /// Parses a recorded name; `None` when nothing in it names a person (blank or a placeholder
    /// such as `unknown male`, `UNK`, `N/K`).
    pub fn parse(raw: &str) -> Option<PersonName> {
        let (main, aliases) = split_aliases(raw);
        let main = squash_spaces(&main);
        let mut name = PersonName {
            raw: raw.to_string(),
            forenames: Vec::new(),
            surname: None,
            aliases,
        };
        if !is_placeholder(&main) {
            let (forenames, surname) = split_parts(&main);
            name.forenames = forenames;
            name.surname = surname;
        }
        if name.forenames.is_empty() && name.surname.is_none() && name.aliases.is_empty() {
            return None;
        }
        Some(name)
    }

    /// The name as police records display it: forenames, then the surname in capitals
    /// (`Jon SMITH`). Falls back to the first alias in quotes when only an alias is known.
    pub fn display(&self) -> String {
        let mut parts: Vec<String> = self.forenames.clone();
        if let Some(s) = &self.surname {
            parts.push(s.clone());
        }
        if parts.is_empty() {
            return self
                .aliases
                .first()
                .map(|a| format!("'{a}'"))
                .unwrap_or_default();
        }
        parts.join(" ")
    }

    /// Folded key for matching: forenames then surname, lower-case ASCII.
    pub fn key(&self) -> String {
        let mut parts: Vec<String> = self.forenames.iter().map(|f| fold(f)).collect();
        if let Some(s) = &self.surname {
            parts.push(fold(s));
        }
        parts.retain(|p| !p.is_empty());
        parts.join(" ")
    }

    /// The folded first forename, if any.
    pub fn first_forename_key(&self) -> Option<String> {
        self.forenames
            .first()
            .map(|f| fold(f))
            .filter(|f| !f.is_empty())
    }

    /// The folded surname, if any.
    pub fn surname_key(&self) -> Option<String> {
        self.surname.as_deref().map(fold).filter(|s| !s.is_empty())
    }

    /// Folded aliases.
    pub fn alias_keys(&self) -> Vec<String> {
        self.aliases
            .iter()
            .map(|a| fold(a))
            .filter(|a| !a.is_empty())
            .collect()
    }

    /// Whether the first forename is only an initial (`J`, `J.`).
    pub fn forename_is_initial(&self) -> bool {
        self.forenames
            .first()
            .is_some_and(|f| fold(f).chars().count() == 1)
    }
}

fn is_placeholder(main: &str) -> bool {
    let folded = main.to_lowercase();
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return true;
    }
    if PLACEHOLDER_WORDS.contains(&folded.trim()) {
        return true;
    }
    // "unknown male", "unknown male 1", "male, about 40", "unidentified female (IC1)": every word
    // is a placeholder, a number, an age word or an identity code.
    let starts_unknown = matches!(
        words[0],
        "unknown" | "unk" | "unnamed" | "unidentified" | "n/k" | "nk" | "anon" | "anonymous"
    );
    let all_descriptive = words.iter().all(|w| {
        PLACEHOLDER_WORDS.contains(w)
            || w.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
            || matches!(
                *w,
                "about"
                    | "approx"
                    | "aged"
                    | "age"
                    | "around"
                    | "c."
                    | "ic1"
                    | "ic2"
                    | "ic3"
                    | "ic4"
                    | "ic5"
                    | "ic6"
                    | "white"
                    | "black"
                    | "asian"
                    | "older"
                    | "younger"
                    | "old"
                    | "young"
                    | "elderly"
                    | "adult"
                    | "juvenile"
                    | "a"
                    | "an"
                    | "the"
            )
    });
    starts_unknown || all_descriptive
}

/// Splits `John SMITH aka 'JAY'` into the main name and its aliases. Quoted words inside the
/// name (`John 'Jay' SMITH`) and bracketed ones (`John SMITH (Jay)`) are aliases too.
fn split_aliases(raw: &str) -> (String, Vec<String>) {
    let mut aliases = Vec::new();
    let mut main = raw
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"");

    // Everything after an alias marker is one or more aliases.
    let lower = main.to_lowercase();
    let mut cut: Option<(usize, usize)> = None;
    for marker in ALIAS_MARKERS {
        let mut search_from = 0;
        while let Some(pos) = lower[search_from..].find(marker) {
            let start = search_from + pos;
            let end = start + marker.len();
            let before_ok = start == 0
                || !lower[..start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric());
            let after_ok = end == lower.len()
                || !lower[end..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphanumeric());
            if before_ok && after_ok {
                if cut.is_none_or(|(s, _)| start < s) {
                    cut = Some((start, end));
                }
                break;
            }
            search_from = end;
        }
    }
    if let Some((start, end)) = cut {
        let tail = main[end..].to_string();
        main.truncate(start);
        for part in tail.split(['/', ',', ';']).flat_map(|p| p.split(" or ")) {
            let a = clean_alias(part);
            if !a.is_empty() {
                aliases.push(a);
            }
        }
        // `(aka JAY)`: drop the now unbalanced bracket.
        main = main.trim_end().trim_end_matches('(').to_string();
    }

    // Quoted nicknames inside the remaining name: John 'Jay' Smith, "Tiny".
    for quote in ['\'', '"'] {
        while let Some(open) = find_opening_quote(&main, quote) {
            let Some(close_rel) = main[open + 1..].find(quote) else {
                break;
            };
            let close = open + 1 + close_rel;
            let inner = clean_alias(&main[open + 1..close]);
            if !inner.is_empty() {
                aliases.push(inner);
            }
            main.replace_range(open..=close, " ");
        }
    }

    // Bracketed words: John SMITH (Jay).
    while let (Some(open), Some(close)) = (main.find('('), main.find(')')) {
        if close < open {
            break;
        }
        let inner = clean_alias(&main[open + 1..close]);
        if !inner.is_empty() && !is_placeholder(&inner) {
            aliases.push(inner);
        }
        main.replace_range(open..=close, " ");
    }
    aliases.dedup();
    (main, aliases)
}

/// A quote that opens a nickname starts a word: the apostrophe in O'Brien does not.
fn find_opening_quote(s: &str, quote: char) -> Option<usize> {
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        if c == quote && !prev.is_some_and(|p| p.is_alphanumeric()) {
            return Some(i);
        }
        prev = Some(c);
    }
    None
}

fn clean_alias(part: &str) -> String {
    squash_spaces(part.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '\'' | '"' | '(' | ')' | '.' | ':' | '-')
    }))
}

fn is_title(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    TITLES.contains(&w.as_str())
}

fn has_letters_all_upper(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

fn is_initial_token(word: &str) -> bool {
    word.trim_end_matches('.')
        .chars()
        .filter(|c| c.is_alphabetic())
        .count()
        == 1
}

/// Splits the main name into forenames and surname.
fn split_parts(main: &str) -> (Vec<String>, Option<String>) {
    let main = main.trim().trim_matches(|c: char| c == ',' || c == ';');
    let surname_of = |s: &str| -> Option<String> {
        let s = squash_spaces(s.trim_matches(|c: char| c == '.' || c == ','));
        (!s.is_empty()).then(|| s.to_uppercase())
    };
    let forename_of = |w: &str| -> String {
        let w = w.trim_matches(|c: char| c == '.' || c == ',');
        // Initials run together ("J.R.") become separate initials.
        title_case(w)
    };
    let split_forenames = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .filter(|w| !is_title(w))
            .flat_map(|w| {
                if w.contains('.')
                    && w.trim_end_matches('.')
                        .split('.')
                        .all(|p| p.chars().count() <= 1)
                {
                    w.split('.')
                        .filter(|p| !p.is_empty())
                        .map(|p| p.to_string())
                        .collect::<Vec<_>>()
                } else {
                    vec![w.to_string()]
                }
            })
            .map(|w| forename_of(&w))
            .filter(|w| !w.is_empty())
            .collect()
    };

    // SURNAME, Forenames
    if let Some((before, after)) = main.split_once(',') {
        let surname = surname_of(
            &before
                .split_whitespace()
                .filter(|w| !is_title(w))
                .collect::<Vec<_>>()
                .join(" "),
        );
        let forenames = split_forenames(after);
        return (forenames, surname);
    }

    let words: Vec<&str> = main.split_whitespace().filter(|w| !is_title(w)).collect();
    match words.len() {
        0 => return (Vec::new(), None),
        1 => {
            // One word: an all-capitals word is a surname as police records write it
            // ("SMITH"); anything else is a forename ("Jay").
            let w = words[0];
            if has_letters_all_upper(w) && !is_initial_token(w) {
                return (Vec::new(), surname_of(w));
            }
            return (vec![forename_of(w)], None);
        }
        _ => {}
    }

    // One word in capitals among words that are not: that word is the surname, wherever it is
    // ("SMITH John", "John SMITH", "John SMITH Paul").
    let upper: Vec<usize> = words
        .iter()
        .enumerate()
        .filter(|(_, w)| has_letters_all_upper(w))
        .map(|(i, _)| i)
        .collect();
    let mixed_exists = words
        .iter()
        .any(|w| !has_letters_all_upper(w) && !is_initial_token(w));
    if mixed_exists && !upper.is_empty() {
        // Contiguous capitals form a compound surname ("Maria DE LA CRUZ").
        let first = upper[0];
        let last = *upper.last().unwrap_or(&first);
        if upper.len() == last - first + 1 {
            let surname = surname_of(&words[first..=last].join(" "));
            let forenames: Vec<String> = words[..first]
                .iter()
                .chain(words[last + 1..].iter())
                .flat_map(|w| split_forenames(w))
                .collect();
            return (forenames, surname);
        }
    }

    // "SMITH J" / "Smith J.": a trailing initial follows the surname.
    if words.len() >= 2
        && words[words.len() - 1..].iter().all(|w| is_initial_token(w))
        && !is_initial_token(words[0])
    {
        let initials_start = words
            .iter()
            .rposition(|w| !is_initial_token(w))
            .map(|p| p + 1)
            .unwrap_or(0);
        let surname = surname_of(&words[..initials_start].join(" "));
        let forenames = words[initials_start..]
            .iter()
            .flat_map(|w| split_forenames(w))
            .collect();
        return (forenames, surname);
    }

    // Otherwise: forenames then surname, with surname particles kept with the surname
    // ("Ludwig van der Berg").
    let mut surname_start = words.len() - 1;
    while surname_start > 1 && is_particle(words[surname_start - 1]) {
        surname_start -= 1;
    }
    let surname = surname_of(&words[surname_start..].join(" "));
    let forenames = words[..surname_start]
        .iter()
        .flat_map(|w| split_forenames(w))
        .collect();
    (forenames, surname)
}

fn is_particle(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "van"
            | "von"
            | "der"
            | "den"
            | "de"
            | "del"
            | "della"
            | "da"
            | "di"
            | "la"
            | "le"
            | "du"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "ter"
            | "st"
            | "st."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str, display: &str, key: &str, aliases: &[&str]) {
        let name = PersonName::parse(raw).unwrap_or_else(|| panic!("{raw:?} did not parse"));
        assert_eq!(name.display(), display, "display of {raw:?}");
        assert_eq!(name.key(), key, "key of {raw:?}");
        assert_eq!(name.aliases, aliases, "aliases of {raw:?}");
        assert_eq!(name.raw, raw);
    }

    #[test]
    fn orders_and_cases() {
        check("SMITH, Jon", "Jon SMITH", "jon smith", &[]);
        check("smith, jon", "Jon SMITH", "jon smith", &[]);
        check("jon smith", "Jon SMITH", "jon smith", &[]);
        check("JON SMITH", "Jon SMITH", "jon smith", &[]);
        check("SMITH Jon", "Jon SMITH", "jon smith", &[]);
        check("Jon Paul SMITH", "Jon Paul SMITH", "jon paul smith", &[]);
        check("  Mr   Jon  SMITH ", "Jon SMITH", "jon smith", &[]);
    }

    #[test]
    fn initials() {
        check("J. Smith", "J SMITH", "j smith", &[]);
        check("SMITH J", "J SMITH", "j smith", &[]);
        check("Smith, J.R.", "J R SMITH", "j r smith", &[]);
        assert!(PersonName::parse("J. Smith").unwrap().forename_is_initial());
    }

    #[test]
    fn street_names_become_aliases() {
        check("John SMITH aka 'JAY'", "John SMITH", "john smith", &["JAY"]);
        check("John Smith (aka Jay)", "John SMITH", "john smith", &["Jay"]);
        check("Jon 'Jay' Smith", "Jon SMITH", "jon smith", &["Jay"]);
        check(
            "SMITH, Jon a.k.a. JJ / Jonno",
            "Jon SMITH",
            "jon smith",
            &["JJ", "Jonno"],
        );
        check("'JAY'", "'JAY'", "", &["JAY"]);
        check(
            "Kyle BROWN known as \"Tiny\"",
            "Kyle BROWN",
            "kyle brown",
            &["Tiny"],
        );
    }

    #[test]
    fn apostrophes_in_surnames_are_not_quotes() {
        check("Sean O'BRIEN", "Sean O'BRIEN", "sean obrien", &[]);
        check("sean o'brien", "Sean O'BRIEN", "sean obrien", &[]);
    }

    #[test]
    fn diacritics_kept_for_display_folded_for_matching() {
        check("Zoë NÚÑEZ", "Zoë NÚÑEZ", "zoe nunez", &[]);
        check("Łukasz Wójcik", "Łukasz WÓJCIK", "lukasz wojcik", &[]);
    }

    #[test]
    fn particles_stay_with_surname() {
        check(
            "Ludwig van der Berg",
            "Ludwig VAN DER BERG",
            "ludwig van der berg",
            &[],
        );
        check(
            "Maria DE LA CRUZ",
            "Maria DE LA CRUZ",
            "maria de la cruz",
            &[],
        );
    }

    #[test]
    fn placeholders_are_not_names() {
        for raw in [
            "unknown male",
            "Unknown",
            "UNK",
            "N/K",
            "",
            "   ",
            "unknown male 1",
            "male, about 40",
            "unidentified female",
            "Unknown Male (IC1)",
        ] {
            assert_eq!(PersonName::parse(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn single_words() {
        let s = PersonName::parse("SMITH").unwrap();
        assert_eq!(s.surname.as_deref(), Some("SMITH"));
        let f = PersonName::parse("Jay").unwrap();
        assert_eq!(f.forenames, vec!["Jay"]);
        assert_eq!(f.surname, None);
    }
}
