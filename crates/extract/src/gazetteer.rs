//! Word lists shipped as reference data: forenames (`data/forenames.txt`) and UK towns
//! (`data/places.txt`).

use crate::taxonomy::FoldHash;
use std::collections::{HashMap, HashSet};

const FORENAMES: &str = include_str!("../data/forenames.txt");
const PLACES: &str = include_str!("../data/places.txt");

pub struct Gazetteer {
    forenames: HashSet<&'static str, FoldHash>,
    /// Places by their first word, longest first.
    places: HashMap<&'static str, Vec<&'static str>, FoldHash>,
}

fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Gazetteer {
    pub fn new() -> Gazetteer {
        let mut places: HashMap<&'static str, Vec<&'static str>, FoldHash> = HashMap::default();
        for place in lines(PLACES) {
            let first = place.split(' ').next().unwrap_or(place);
            places.entry(first).or_default().push(place);
        }
        for list in places.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
        Gazetteer {
            forenames: lines(FORENAMES).collect(),
            places,
        }
    }

    /// Whether `word`, as written, is a known forename.
    pub fn is_forename(&self, word: &str) -> bool {
        self.forenames.contains(word)
    }

    /// The byte length of the known place that `text` starts with, if any.
    pub fn place_at_start(&self, text: &str) -> Option<usize> {
        let first_len = text
            .char_indices()
            .find(|(_, c)| !(c.is_alphabetic() || *c == '\''))
            .map_or(text.len(), |(i, _)| i);
        let candidates = self.places.get(&text[..first_len])?;
        candidates.iter().find_map(|p| {
            let rest = text.strip_prefix(p)?;
            (!rest.chars().next().is_some_and(char::is_alphanumeric)).then_some(p.len())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_match_whole_words_longest_first() {
        let g = Gazetteer::new();
        assert_eq!(g.place_at_start("Great Yarmouth, then"), Some(14));
        assert_eq!(g.place_at_start("St Neots."), Some(8));
        assert_eq!(g.place_at_start("Elyse"), None);
        assert!(g.is_forename("Zoë"));
        assert!(!g.is_forename("May"));
    }
}
