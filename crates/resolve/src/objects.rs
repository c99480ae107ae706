//! Phones, vehicles and places across reports. Phones and vehicles are the same when their
//! normalised keys are (E.164 number, registration). Places are the same premises when postcode,
//! house number (or building) and flat agree — or, where a postcode is missing on one side, when
//! the house number and flat agree and the street names are spelling variants of each other in
//! the same town. Flats stay apart: flat 2 and flat 3 of one house are different premises.

use crate::cluster::UnionFind;
use model::Address;
use std::collections::{BTreeMap, HashMap};

/// Groups items by key: each item's cluster is the index of the first item with its key. Items
/// without a key are their own cluster.
pub fn by_key(keys: &[Option<String>]) -> Vec<u32> {
    let mut first: HashMap<&str, u32> = HashMap::new();
    keys.iter()
        .enumerate()
        .map(|(i, k)| match k {
            Some(k) => *first.entry(k.as_str()).or_insert(i as u32),
            None => i as u32,
        })
        .collect()
}

/// How close two street names must be to be spellings of one street.
const STREET_SIMILARITY: f64 = 0.9;

fn folded(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(model::text::fold)
        .filter(|s| !s.is_empty())
}

/// House number (or building), flat, and the street's first letter.
type PremisesBlock = (String, String, char);

/// Clusters addresses into premises; `None` (or an address too vague to name premises) is its
/// own cluster. Each item's cluster is the index of the cluster's first item.
pub fn premises(addresses: &[Option<&Address>]) -> Vec<u32> {
    let mut uf = UnionFind::new(addresses.len());
    // Blocks: house number or building, flat, and the street's first letter (spelling variants
    // keep it): comparing every "1" with every other "1" in a county would be quadratic.
    let mut blocks: BTreeMap<PremisesBlock, Vec<(usize, &Address)>> = BTreeMap::new();
    for (i, a) in addresses.iter().enumerate() {
        let Some(a) = a else { continue };
        if a.premises_key().is_none() {
            continue;
        }
        let house = a
            .number
            .clone()
            .or_else(|| folded(&a.building))
            .unwrap_or_default();
        let initial = a.street_key().and_then(|s| s.chars().next()).unwrap_or(' ');
        blocks
            .entry((house, a.flat.clone().unwrap_or_default(), initial))
            .or_default()
            .push((i, a));
    }
    for members in blocks.values() {
        for (x, &(i, a)) in members.iter().enumerate() {
            for &(j, b) in &members[x + 1..] {
                if same_premises(a, b) {
                    uf.union(i as u32, j as u32);
                }
            }
        }
    }
    (0..addresses.len() as u32).map(|i| uf.find(i)).collect()
}

/// Whether two addresses with the same house (or building) and flat are the same premises.
fn same_premises(a: &Address, b: &Address) -> bool {
    match (&a.postcode, &b.postcode) {
        (Some(p), Some(q)) if p != q => return false,
        (Some(p), Some(q)) if p == q => return true,
        _ => {}
    }
    let towns_agree = match (folded(&a.town), folded(&b.town)) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    let streets_agree = match (a.street_key(), b.street_key()) {
        (Some(x), Some(y)) => x == y || strsim::jaro_winkler(&x, &y) >= STREET_SIMILARITY,
        // Premises named by building alone: the building names were compared by the block.
        (None, None) => a.number.is_none(),
        _ => false,
    };
    towns_agree && streets_agree
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clusters(raw: &[&str]) -> Vec<u32> {
        let parsed: Vec<Address> = raw.iter().map(|r| Address::parse(r, None)).collect();
        premises(&parsed.iter().map(Some).collect::<Vec<_>>())
    }

    #[test]
    fn spelling_variants_of_one_street_are_one_premises() {
        let c = clusters(&[
            "14 Mill Rd, Peterborough PE1 2AB",
            "14 Mill Road, Peterborough",
            "14 Mil Road, Peterborough",
            "14 Mill Road, Wisbech",
            "16 Mill Road, Peterborough",
        ]);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[0], c[2]);
        assert_ne!(c[0], c[3], "another town");
        assert_ne!(c[0], c[4], "another house");
    }

    #[test]
    fn flats_stay_apart() {
        let c = clusters(&[
            "Flat 2, 14 Mill Rd, PE1 2AB",
            "Flat 3, 14 Mill Rd, PE1 2AB",
            "flat 2 14 mill road pe12ab",
        ]);
        assert_ne!(c[0], c[1]);
        assert_eq!(c[0], c[2]);
    }

    #[test]
    fn different_postcodes_are_different_premises() {
        let c = clusters(&["14 Mill Rd, PE1 2AB", "14 Mill Rd, PE1 2AD"]);
        assert_ne!(c[0], c[1]);
    }

    #[test]
    fn keys_group_phones_and_vehicles() {
        let keys = vec![
            Some("+447700900123".to_string()),
            None,
            Some("+447700900123".to_string()),
            Some("AB12CDE".to_string()),
        ];
        assert_eq!(by_key(&keys), vec![0, 1, 0, 3]);
    }
}
