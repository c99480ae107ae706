//! What a user typed, read into parts: words, quoted phrases, exclusions, and the phone
//! numbers, registrations and postcodes in it (normalised exactly as ingest normalises them, so
//! `07700 900123` finds `+447700900123`). And the reading of a person search: name words and a
//! date of birth. Pure: no index, no IO.

use crate::SearchError;
use model::{BirthDate, Phone, Postcode, Vrm, VrmFormat};

/// The longest search accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 500;
/// The most parts a search may have.
pub const MAX_PARTS: usize = 24;

/// One part of a report search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// A word, looked for in the text, the names and the reference.
    Word(String),
    /// Words in double quotes, looked for together and in order.
    Phrase(String),
    /// A phone number: its key (E.164) and the words as typed.
    Phone { key: String, typed: String },
    /// A registration: compact upper case, and as typed.
    Vrm { key: String, typed: String },
    /// A postcode: canonical, and as typed.
    Postcode { key: String, typed: String },
    /// A full date (a date of birth): `YYYY-MM-DD`, and as typed.
    Date { key: String, typed: String },
    /// `-word`: reports with it are left out.
    Exclude(String),
}

impl Part {
    /// Whether the part asks for something to be present (rather than absent).
    pub fn is_positive(&self) -> bool {
        !matches!(self, Part::Exclude(_))
    }
}

/// Reads a report search into its parts; `today` settles two-digit years in dates.
pub fn parse(text: &str, today: time::Date) -> Result<Vec<Part>, SearchError> {
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(SearchError::Query(format!(
            "the search is too long: at most {MAX_QUERY_CHARS} characters"
        )));
    }
    let mut parts = Vec::new();
    // Quoted phrases first; what lies between them is read word by word.
    let mut rest = text;
    while let Some(open) = rest.find('"') {
        words_into(&rest[..open], today, &mut parts);
        let after = &rest[open + 1..];
        let (phrase, next) = match after.find('"') {
            Some(close) => (&after[..close], &after[close + 1..]),
            None => (after, ""),
        };
        let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
        if !phrase.is_empty() {
            parts.push(Part::Phrase(phrase));
        }
        rest = next;
    }
    words_into(rest, today, &mut parts);
    if parts.len() > MAX_PARTS {
        return Err(SearchError::Query(format!(
            "the search has too many words: at most {MAX_PARTS}"
        )));
    }
    Ok(parts)
}

fn is_phone_piece(token: &str) -> bool {
    token
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '(' | ')' | '-'))
        && token.chars().any(|c| c.is_ascii_digit())
}

fn digits(s: &str) -> usize {
    s.chars().filter(|c| c.is_ascii_digit()).count()
}

/// A phone number made of `tokens[i..j]`, longest first.
fn phone_at(tokens: &[&str], i: usize) -> Option<(usize, String, String)> {
    let mut end = i;
    while end < tokens.len() && end - i < 5 && is_phone_piece(tokens[end]) {
        end += 1;
    }
    for j in (i + 1..=end).rev() {
        let typed = tokens[i..j].join(" ");
        if (10..=13).contains(&digits(&typed))
            && let Some(e164) = Phone::parse(&typed).e164
        {
            return Some((j, e164, typed));
        }
    }
    None
}

fn has_letter_and_digit(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_alphabetic()) && s.chars().any(|c| c.is_ascii_digit())
}

/// A postcode made of one token (`PE132AB`) or two (`PE13 2AB`).
fn postcode_at(tokens: &[&str], i: usize) -> Option<(usize, String, String)> {
    if i + 1 < tokens.len() {
        let (outward, inward) = (tokens[i], tokens[i + 1]);
        if has_letter_and_digit(outward)
            && inward.len() == 3
            && inward.starts_with(|c: char| c.is_ascii_digit())
            && let Ok(p) = Postcode::parse(&format!("{outward}{inward}"))
        {
            return Some((i + 2, p.as_str().to_string(), format!("{outward} {inward}")));
        }
    }
    let t = tokens[i];
    if (5..=7).contains(&t.len())
        && has_letter_and_digit(t)
        && let Ok(p) = Postcode::parse(t)
    {
        return Some((i + 1, p.as_str().to_string(), t.to_string()));
    }
    None
}

/// A registration made of one token or two, in a UK format. A pair must be in the current,
/// prefix or suffix format; a dateless mark (`ABC 123`) is too like ordinary words to guess.
fn vrm_at(tokens: &[&str], i: usize) -> Option<(usize, String, String)> {
    let dated = |v: &Vrm| {
        matches!(
            v.format,
            VrmFormat::Current | VrmFormat::Prefix | VrmFormat::Suffix | VrmFormat::NorthernIreland
        )
    };
    if i + 1 < tokens.len() && has_letter_and_digit(&format!("{}{}", tokens[i], tokens[i + 1])) {
        let typed = format!("{} {}", tokens[i], tokens[i + 1]);
        let v = Vrm::parse(&typed);
        if dated(&v)
            && let Some(key) = v.normalised
        {
            return Some((i + 2, key, typed));
        }
    }
    let t = tokens[i];
    let v = Vrm::parse(t);
    if t.len() >= 5
        && has_letter_and_digit(t)
        && dated(&v)
        && let Some(key) = v.normalised
    {
        return Some((i + 1, key, t.to_string()));
    }
    None
}

/// A full date written with separators (`03/02/1999`, `1999-02-03`, `3.2.99`).
fn date_at(tokens: &[&str], i: usize, today: time::Date) -> Option<(usize, String, String)> {
    let t = tokens[i];
    if !t.contains(['/', '-', '.']) || !t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    match BirthDate::parse(t, today) {
        Ok(d @ BirthDate::Day { .. }) => Some((i + 1, d.iso()?, t.to_string())),
        _ => None,
    }
}

fn words_into(text: &str, today: time::Date, parts: &mut Vec<Part>) {
    let tokens: Vec<&str> = text
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| matches!(c, ',' | ';' | '.' | '!' | '?')))
        .filter(|t| !t.is_empty())
        .collect();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        if let Some(word) = t
            .strip_prefix('-')
            .filter(|w| !w.is_empty() && !w.starts_with(|c: char| c.is_ascii_digit() || c == '-'))
        {
            parts.push(Part::Exclude(word.to_string()));
            i += 1;
            continue;
        }
        if let Some((next, key, typed)) = phone_at(&tokens, i) {
            parts.push(Part::Phone { key, typed });
            i = next;
        } else if let Some((next, key, typed)) = postcode_at(&tokens, i) {
            parts.push(Part::Postcode { key, typed });
            i = next;
        } else if let Some((next, key, typed)) = vrm_at(&tokens, i) {
            parts.push(Part::Vrm { key, typed });
            i = next;
        } else if let Some((next, key, typed)) = date_at(&tokens, i, today) {
            parts.push(Part::Date { key, typed });
            i = next;
        } else {
            parts.push(Part::Word(t.to_string()));
            i += 1;
        }
    }
}

/// A person search: the name words and what is known of the date of birth.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonTerms {
    pub names: Vec<String>,
    /// `YYYY-MM-DD`.
    pub dob: Option<String>,
    pub dob_year: Option<i32>,
}

impl PersonTerms {
    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.dob.is_none() && self.dob_year.is_none()
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn is_month_word(t: &str) -> bool {
    let t = t.to_lowercase();
    t.len() >= 3 && MONTHS.iter().any(|m| t.starts_with(m))
}

/// Reads a search as a person search, or `None` when it does not look like one: a few words of
/// a name, perhaps with a date of birth (`John SMITH 03/02/1999`, `smyth jon 1999-02-03`,
/// `SMITH 3 Feb 1999`). Searches with phrases, phones, registrations or postcodes, or more than
/// five name words, are about reports, not people.
pub fn parse_person(text: &str, today: time::Date) -> Option<PersonTerms> {
    if text.contains('"') || text.chars().count() > MAX_QUERY_CHARS {
        return None;
    }
    let tokens: Vec<&str> = text
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| matches!(c, ',' | ';' | '!' | '?')))
        .filter(|t| !t.is_empty())
        .collect();
    let mut terms = PersonTerms::default();
    let mut i = 0;
    while i < tokens.len() {
        // A written date: three tokens (`3 Feb 1999`), or one (`03/02/1999`, `1999-02-03`).
        if i + 2 < tokens.len() && is_month_word(tokens[i + 1]) {
            let joined = tokens[i..i + 3].join(" ");
            if let Ok(BirthDate::Day { date }) = BirthDate::parse(&joined, today) {
                terms.dob = BirthDate::Day { date }.iso();
                terms.dob_year = Some(date.year());
                i += 3;
                continue;
            }
        }
        let t = tokens[i];
        if t.chars().any(|c| c.is_ascii_digit()) {
            let dated = t.contains(['/', '-', '.']);
            let year = t.len() == 4 && t.chars().all(|c| c.is_ascii_digit());
            match BirthDate::parse(t, today) {
                Ok(BirthDate::Day { date }) if dated => {
                    terms.dob = BirthDate::Day { date }.iso();
                    terms.dob_year = Some(date.year());
                }
                Ok(BirthDate::Year { year: y }) if year => terms.dob_year = Some(y),
                // Anything else with digits in it (a phone, a postcode, an age) is not a name.
                _ => return None,
            }
        } else if t.chars().any(char::is_alphabetic) {
            terms.names.push(t.to_string());
        }
        i += 1;
    }
    if terms.names.len() > 5 || terms.is_empty() {
        return None;
    }
    Some(terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: time::Date = time::macros::date!(2026 - 11 - 28);

    fn check(input: &str, expected: &[Part]) {
        assert_eq!(parse(input, TODAY).unwrap(), expected, "{input}");
    }

    fn word(w: &str) -> Part {
        Part::Word(w.into())
    }

    #[test]
    fn words_phrases_and_exclusions() {
        check("deal line", &[word("deal"), word("line")]);
        check(
            "\"silver car\" outside -welfare",
            &[
                Part::Phrase("silver car".into()),
                word("outside"),
                Part::Exclude("welfare".into()),
            ],
        );
        check(
            "\"unclosed phrase",
            &[Part::Phrase("unclosed phrase".into())],
        );
        check("SL-IR-2026-ABC", &[word("SL-IR-2026-ABC")]);
    }

    #[test]
    fn phones_registrations_and_postcodes_are_normalised() {
        check(
            "07700 900123",
            &[Part::Phone {
                key: "+447700900123".into(),
                typed: "07700 900123".into(),
            }],
        );
        check(
            "call +44 7700 900123 tonight",
            &[
                word("call"),
                Part::Phone {
                    key: "+447700900123".into(),
                    typed: "+44 7700 900123".into(),
                },
                word("tonight"),
            ],
        );
        check(
            "ab12 cde silver",
            &[
                Part::Vrm {
                    key: "AB12CDE".into(),
                    typed: "ab12 cde".into(),
                },
                word("silver"),
            ],
        );
        check(
            "pe13 2ab",
            &[Part::Postcode {
                key: "PE13 2AB".into(),
                typed: "pe13 2ab".into(),
            }],
        );
        check(
            "PE132AB",
            &[Part::Postcode {
                key: "PE13 2AB".into(),
                typed: "PE132AB".into(),
            }],
        );
        // Short numbers are words.
        check("flat 12", &[word("flat"), word("12")]);
        check(
            "smith 3/2/99",
            &[
                word("smith"),
                Part::Date {
                    key: "1999-02-03".into(),
                    typed: "3/2/99".into(),
                },
            ],
        );
        check("SR-W01", &[word("SR-W01")]);
    }

    #[test]
    fn too_long_a_search_is_refused() {
        assert!(parse(&"a ".repeat(300), TODAY).is_err());
        assert!(parse(&"word ".repeat(30), TODAY).is_err());
    }

    fn person(input: &str) -> Option<PersonTerms> {
        parse_person(input, TODAY)
    }

    #[test]
    fn person_searches() {
        assert_eq!(
            person("John SMITH"),
            Some(PersonTerms {
                names: vec!["John".into(), "SMITH".into()],
                dob: None,
                dob_year: None
            })
        );
        let p = person("smyth jon 03/02/1999").unwrap();
        assert_eq!(p.dob.as_deref(), Some("1999-02-03"));
        assert_eq!(p.names, ["smyth", "jon"]);
        let p = person("SMITH 3 Feb 1999").unwrap();
        assert_eq!(p.dob.as_deref(), Some("1999-02-03"));
        assert_eq!(p.names, ["SMITH"]);
        assert_eq!(person("Smith 1999").unwrap().dob_year, Some(1999));
        assert_eq!(person("07700 900123"), None);
        assert_eq!(person("\"silver car\""), None);
        assert_eq!(person("a b c d e f"), None);
    }
}
