//! House-number-and-street addresses in running text: `14 Mill Rd`, `Flat 2, 14a High St,
//! Wisbech PE13 2QT`, `103 Queensway, Bedford`.
//!
//! A house number, one to three capitalised words and a street type (or a one-word street ending
//! in `way` or `gate`) make the street; a town follows when it is a known town or stands before a
//! postcode; a postcode follows when it parses. The span is normalised by
//! [`model::Address::parse`], the parser ingest uses for structured addresses.

use crate::gazetteer::Gazetteer;
use crate::windows::caps;
use crate::{Entity, EntityType, Normalised};
use model::{Address, Postcode};
use regex::Regex;

pub struct Addresses {
    street: Regex,
    postcode_at_start: Regex,
}

const STREET_TYPES: &str = "Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Cl|Crescent|Cres|Court|Ct|Drive|Dr|Place|Pl|Square|Sq|Terrace|Terr|Tce|Gardens|Gdns|Grove|Gr|Park|Parade|Pde|Way|Walk|Row|Hill|Rise|Green|Mews|Vale|View|Gate|Yard|Wharf|Quay|Approach|Broadway|Heights|End|Fields|Meadows|Chase|Croft|Mead|Path|Circus|Cottages|Estate|Boulevard|Embankment|Wynd";

impl Addresses {
    pub fn new() -> Addresses {
        let pattern = format!(
            r"(?:(?:Flat|FLAT|Apartment|Apt|Unit|Room)\s+[0-9]{{1,3}}[A-Za-z]?,?\s+)?[0-9]{{1,4}}[A-Za-z]?(?:-[0-9]{{1,4}})?,?\s+(?:(?:(?:St\.?|Saint)\s+)?(?:\p{{Lu}}[\p{{L}}'’\-]+\s+){{1,3}}?(?:{STREET_TYPES})\.?(?-u:\b)|\p{{Lu}}\p{{Ll}}+(?:way|gate))(?-u:\b)"
        );
        Addresses {
            street: Regex::new(&pattern).unwrap_or_else(|e| panic!("address pattern: {e}")),
            postcode_at_start: Regex::new(
                r"^,?\s+([A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2})(?-u:\b)",
            )
            .unwrap_or_else(|e| panic!("postcode pattern: {e}")),
        }
    }

    pub fn find(
        &self,
        text: &str,
        windows: &[(usize, usize)],
        places: &Gazetteer,
        out: &mut Vec<Entity>,
    ) {
        for c in caps(&self.street, text, windows) {
            let Some(m) = c.get(0) else {
                continue;
            };
            let start = m.start();
            let mut end = m.end();
            let mut score: f32 = 0.85;
            // A town: a known one, or any capitalised word right before a postcode.
            let rest = &text[end..];
            let after_sep = rest.trim_start_matches(',').trim_start();
            let sep_len = rest.len() - after_sep.len();
            if sep_len > 0 && sep_len <= 3 {
                if let Some(len) = places.place_at_start(after_sep) {
                    end += sep_len + len;
                } else {
                    let word_len = after_sep
                        .char_indices()
                        .find(|(_, c)| !c.is_alphabetic())
                        .map_or(after_sep.len(), |(i, _)| i);
                    let word = &after_sep[..word_len];
                    if word.chars().next().is_some_and(char::is_uppercase)
                        && word.chars().skip(1).all(char::is_lowercase)
                        && word_len > 2
                        && self
                            .postcode_at_start
                            .captures(&after_sep[word_len..])
                            .and_then(|c| c.get(1))
                            .is_some_and(|p| Postcode::parse(p.as_str()).is_ok())
                    {
                        end += sep_len + word_len;
                    }
                }
            }
            if let Some(c) = self.postcode_at_start.captures(&text[end..])
                && let (Some(whole), Some(code)) = (c.get(0), c.get(1))
                && Postcode::parse(code.as_str()).is_ok()
            {
                end += whole.end();
                score = 0.9;
            }
            let raw = &text[start..end];
            let normalised = Address::parse(raw, None).normalised();
            out.push(Entity::new(
                EntityType::Address,
                text,
                start,
                end,
                Normalised::Text(normalised),
                score,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{EntityType, extract};

    fn check(input: &str, expected: &[(&str, &str)]) {
        let got: Vec<(String, String)> = extract(input)
            .entities
            .into_iter()
            .filter(|e| e.kind == EntityType::Address)
            .map(|e| {
                (
                    e.text,
                    e.normalised.as_text().unwrap_or_default().to_string(),
                )
            })
            .collect();
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, expected, "{input:?}");
    }

    #[test]
    fn streets_with_and_without_town_and_postcode() {
        check(
            "Seen at 14 Mill Rd and at Flat 2, 14a High St, Wisbech PE13 2QT today.",
            &[
                ("14 Mill Rd", "14 Mill Road"),
                (
                    "Flat 2, 14a High St, Wisbech PE13 2QT",
                    "Flat 2, 14A High Street, Wisbech, PE13 2QT",
                ),
            ],
        );
        check(
            "Lives at 7 St Johns Rd, Huntingdon, near 17 Kingsway.",
            &[
                (
                    "7 St Johns Rd, Huntingdon",
                    "7 Saint Johns Road, Huntingdon",
                ),
                ("17 Kingsway", "17 Kingsway"),
            ],
        );
    }

    #[test]
    fn numbers_that_are_not_addresses() {
        check(
            "At 3 and 4 in the morning, 14 hour days, on London Road.",
            &[],
        );
    }
}
