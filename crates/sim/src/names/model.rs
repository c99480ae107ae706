//! How a naming tradition is described and turned into tables to sample from: surname
//! frequencies along a rank–frequency curve, forenames by birth cohort, middle names, and the
//! names some people bear in place of their family's surname.
//!
//! Frequencies are given the way public statistics give them, so that each figure can be
//! checked against its source: a surname curve is a handful of (rank, bearers per million)
//! points read off the published counts; a forename cohort is the share of births its listed
//! names took and the share the most popular name took. Everything between is interpolated.

use crate::util::{Rng, shuffle, stream};
use rand::Rng as _;
use std::borrow::Cow;
use std::collections::HashMap;

/// One naming tradition: the surnames of a community and the forenames its children are given.
pub(crate) struct Tradition {
    pub key: &'static str,
    /// The tradition's share of its origin's people, per thousand.
    pub weight: u32,
    pub surnames: Surnames,
    pub male: Given,
    pub female: Given,
}

impl std::fmt::Debug for Tradition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key)
    }
}

/// A tradition's surnames.
pub(crate) struct Surnames {
    /// Names in order of frequency, most common first, separated by white space (in one or
    /// more runs, each continuing the ranks of the one before).
    pub listed: &'static [&'static str],
    /// Bearers per million by rank: `(rank, per_million)` points, interpolated on log–log
    /// axes; beyond the last point the last segment's slope continues. The weights are
    /// normalised, so the points need only be right relative to each other.
    pub curve: &'static [(u32, f64)],
    /// The long tail beyond the listed names, built from parts where listing every name would
    /// be impractical. Its names take the ranks after the listed ones in a fixed shuffled order,
    /// so that rarity has nothing to do with spelling.
    pub generated: Option<fn() -> Vec<String>>,
    /// Names rarer still, which take the last ranks of all (British double-barrelled names).
    pub rarest: Option<fn() -> Vec<String>>,
    /// Names a man bears instead of his family's surname, with their probability (`Singh`).
    pub personal_male: &'static [(&'static str, f64)],
    /// Names a woman bears instead of her family's surname (`Kaur`, `Begum`).
    pub personal_female: &'static [(&'static str, f64)],
}

/// The forenames and middle names of one sex in one tradition.
pub(crate) struct Given {
    /// Birth cohorts, oldest first.
    pub cohorts: &'static [Cohort],
    /// Less common names, beyond every cohort's list: they share the cohort's remaining births
    /// (`1 - coverage`) equally with every listed name of the tradition.
    pub rare: &'static str,
    /// The share of people with a middle name.
    pub middle_rate: f64,
    /// Names given as middle names, most common first.
    pub middles: &'static str,
    /// The share of the most common middle name among middle names.
    pub middle_top: f64,
    /// The share of middle names that are drawn from the cohort's forenames instead.
    pub middle_from_forenames: f64,
}

/// The forenames given to children born in one period.
pub(crate) struct Cohort {
    /// The first year of birth after the cohort (`i32::MAX` for the youngest).
    pub born_before: i32,
    /// Names in order of popularity, most popular first.
    pub names: &'static str,
    /// The share of the cohort's births that took one of the listed names.
    pub coverage: f64,
    /// The share of births that took the most popular name.
    pub top: f64,
}

/// Indices with cumulative weights, for sampling in proportion.
#[derive(Debug, Clone)]
pub struct Table {
    ids: Vec<u16>,
    cumulative: Vec<f64>,
}

impl Table {
    /// A table from `(id, weight)` pairs; the weights of a repeated id add up. Zero and negative
    /// weights are left out.
    pub fn new(weights: impl IntoIterator<Item = (u16, f64)>) -> Table {
        let mut order: Vec<u16> = Vec::new();
        let mut sum: HashMap<u16, f64> = HashMap::new();
        for (id, w) in weights {
            if w > 0.0 {
                let e = sum.entry(id).or_insert_with(|| {
                    order.push(id);
                    0.0
                });
                *e += w;
            }
        }
        let mut total = 0.0;
        let mut cumulative = Vec::with_capacity(order.len());
        for id in &order {
            total += sum[id];
            cumulative.push(total);
        }
        Table {
            ids: order,
            cumulative,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// An id drawn in proportion to its weight. Panics on an empty table: every table built
    /// here is checked to be filled.
    pub fn sample(&self, rng: &mut Rng) -> u16 {
        let total = *self.cumulative.last().expect("a filled table");
        let u = rng.random::<f64>() * total;
        let i = self.cumulative.partition_point(|c| *c <= u);
        self.ids[i.min(self.ids.len() - 1)]
    }

    /// Every id with its probability.
    #[cfg(test)]
    pub fn probabilities(&self) -> impl Iterator<Item = (u16, f64)> + '_ {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let mut previous = 0.0;
        self.ids.iter().zip(&self.cumulative).map(move |(id, c)| {
            let p = (c - previous) / total;
            previous = *c;
            (*id, p)
        })
    }

    /// The probability of one id (0 when absent).
    #[cfg(test)]
    pub fn probability(&self, id: u16) -> f64 {
        self.probabilities()
            .find(|(i, _)| *i == id)
            .map_or(0.0, |(_, p)| p)
    }
}

/// Zipf–Mandelbrot weights `coverage / (r + q)` for ranks `1..=len`, with `q` chosen so that
/// rank 1 takes `top` (clamped to what `len` names can give: between an even split and
/// `q = 0`).
pub fn zipf(len: usize, coverage: f64, top: f64) -> Vec<f64> {
    if len == 0 {
        return Vec::new();
    }
    let top_share = |q: f64| {
        let sum: f64 = (1..=len).map(|r| 1.0 / (r as f64 + q)).sum();
        (1.0 / (1.0 + q)) / sum
    };
    let wanted = (top / coverage).clamp(1.0 / len as f64, top_share(0.0));
    // The top share falls as q grows: bisect.
    let (mut lo, mut hi) = (0.0_f64, 1.0e6_f64);
    for _ in 0..100 {
        let mid = 0.5 * (lo + hi);
        if top_share(mid) > wanted {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let q = 0.5 * (lo + hi);
    let sum: f64 = (1..=len).map(|r| 1.0 / (r as f64 + q)).sum();
    (1..=len)
        .map(|r| coverage * (1.0 / (r as f64 + q)) / sum)
        .collect()
}

/// Bearers per million at `rank` on a curve of `(rank, per_million)` points.
pub fn curve_at(curve: &[(u32, f64)], rank: u32) -> f64 {
    let Some(&(first_rank, first)) = curve.first() else {
        return 1.0;
    };
    if rank <= first_rank || curve.len() == 1 {
        return first;
    }
    let log = |x: f64| x.ln();
    for pair in curve.windows(2) {
        let ((r0, f0), (r1, f1)) = (pair[0], pair[1]);
        if rank <= r1 {
            let t = (log(f64::from(rank)) - log(f64::from(r0)))
                / (log(f64::from(r1)) - log(f64::from(r0)));
            return (log(f0) + t * (log(f1) - log(f0))).exp();
        }
    }
    let ((r0, f0), (r1, f1)) = (curve[curve.len() - 2], curve[curve.len() - 1]);
    let slope = (log(f1) - log(f0)) / (log(f64::from(r1)) - log(f64::from(r0)));
    (log(f1) + slope * (log(f64::from(rank)) - log(f64::from(r1)))).exp()
}

/// The built names of one origin: every surname and forename of its traditions, and the tables
/// to sample them from.
pub struct OriginNames {
    pub surnames: Vec<Cow<'static, str>>,
    /// Forenames and middle names, by sex: `[male, female]`.
    pub given: [Vec<&'static str>; 2],
    pub traditions: Vec<BuiltTradition>,
    pub tradition_table: Table,
    /// Which tradition each surname belongs to.
    pub surname_tradition: Vec<u8>,
}

pub struct BuiltTradition {
    pub surnames: Table,
    /// Names borne instead of the family's surname, by sex: `(surname index, probability)`.
    pub personal: [Vec<(u16, f64)>; 2],
    pub given: [BuiltGiven; 2],
}

pub struct BuiltGiven {
    /// `(born_before, table)`, oldest first.
    pub cohorts: Vec<(i32, Table)>,
    pub middles: Table,
    pub middle_rate: f64,
    pub middle_from_forenames: f64,
}

impl BuiltGiven {
    pub fn cohort(&self, birth_year: i32) -> &Table {
        let i = self
            .cohorts
            .iter()
            .position(|(before, _)| birth_year < *before)
            .unwrap_or(self.cohorts.len() - 1);
        &self.cohorts[i].1
    }
}

/// Index of a name in a list being built, adding it when new.
fn intern(
    list: &mut Vec<&'static str>,
    index: &mut HashMap<&'static str, u16>,
    name: &'static str,
) -> u16 {
    *index.entry(name).or_insert_with(|| {
        list.push(name);
        u16::try_from(list.len() - 1).expect("fewer than 65,536 forenames in an origin")
    })
}

fn build_given(
    given: &Given,
    list: &mut Vec<&'static str>,
    index: &mut HashMap<&'static str, u16>,
) -> BuiltGiven {
    // The rare names, and every name any cohort lists, share what a cohort's list leaves.
    let mut everyone: Vec<u16> = Vec::new();
    for cohort in given.cohorts {
        for name in cohort.names.split_whitespace() {
            everyone.push(intern(list, index, name));
        }
    }
    for name in given.rare.split_whitespace() {
        everyone.push(intern(list, index, name));
    }
    everyone.sort_unstable();
    everyone.dedup();
    let cohorts = given
        .cohorts
        .iter()
        .map(|cohort| {
            let names: Vec<u16> = cohort
                .names
                .split_whitespace()
                .map(|n| intern(list, index, n))
                .collect();
            let head = zipf(names.len(), cohort.coverage, cohort.top);
            let rest = (1.0 - cohort.coverage).max(0.0) / everyone.len().max(1) as f64;
            let table = Table::new(
                names
                    .iter()
                    .copied()
                    .zip(head)
                    .chain(everyone.iter().map(|id| (*id, rest))),
            );
            (cohort.born_before, table)
        })
        .collect();
    let middle_ids: Vec<u16> = given
        .middles
        .split_whitespace()
        .map(|n| intern(list, index, n))
        .collect();
    let middles = Table::new(middle_ids.iter().copied().zip(zipf(
        middle_ids.len(),
        1.0,
        given.middle_top,
    )));
    BuiltGiven {
        cohorts,
        middles,
        middle_rate: given.middle_rate,
        middle_from_forenames: given.middle_from_forenames,
    }
}

/// A fold for telling names apart: case and diacritics do not make a different name.
fn fold_key(name: &str) -> String {
    super::strip_diacritics(name).to_lowercase()
}

/// Builds the names of an origin from its traditions.
pub fn build(traditions: &[Tradition]) -> OriginNames {
    let mut surnames: Vec<Cow<'static, str>> = Vec::new();
    let mut surname_tradition: Vec<u8> = Vec::new();
    let mut given: [Vec<&'static str>; 2] = [Vec::new(), Vec::new()];
    let mut given_index: [HashMap<&'static str, u16>; 2] = [HashMap::new(), HashMap::new()];
    let mut built = Vec::new();
    for (t, tradition) in traditions.iter().enumerate() {
        let spec = &tradition.surnames;
        let mut seen: HashMap<String, u16> = HashMap::new();
        let mut ranked: Vec<u16> = Vec::new();
        let mut push = |name: Cow<'static, str>,
                        surnames: &mut Vec<Cow<'static, str>>,
                        surname_tradition: &mut Vec<u8>|
         -> Option<u16> {
            let key = fold_key(&name);
            if key.is_empty() || seen.contains_key(&key) {
                return None;
            }
            surnames.push(name);
            surname_tradition.push(t as u8);
            let id = u16::try_from(surnames.len() - 1).expect("fewer than 65,536 surnames");
            seen.insert(key, id);
            Some(id)
        };
        for name in spec.listed.iter().flat_map(|run| run.split_whitespace()) {
            if let Some(id) = push(Cow::Borrowed(name), &mut surnames, &mut surname_tradition) {
                ranked.push(id);
            }
        }
        let listed = ranked.len();
        // A fixed order, the same for every world: rarity is a property of the name.
        let key = tradition
            .key
            .bytes()
            .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
        let mut rng = stream(0x4e41_4d45, t as u64, key);
        for generate in [spec.generated, spec.rarest].into_iter().flatten() {
            let mut tail = generate();
            shuffle(&mut rng, &mut tail);
            for name in tail {
                if let Some(id) = push(Cow::Owned(name), &mut surnames, &mut surname_tradition) {
                    ranked.push(id);
                }
            }
        }
        let mut weights: Vec<f64> = (0..ranked.len())
            .map(|r| curve_at(spec.curve, r as u32 + 1) / 1.0e6)
            .collect();
        // The listed names keep their published shares; the built tail stands for every rarer
        // name and takes what is left, spread along the curve. (Without a built tail, the
        // listed names are simply normalised.)
        let head: f64 = weights[..listed.min(weights.len())].iter().sum();
        let tail: f64 = weights[listed.min(weights.len())..].iter().sum();
        if (spec.generated.is_some() || spec.rarest.is_some()) && head < 1.0 && tail > 0.0 {
            let scale = (1.0 - head) / tail;
            for w in &mut weights[listed..] {
                *w *= scale;
            }
        }
        let table = Table::new(ranked.iter().copied().zip(weights));
        let mut personal = |list: &[(&'static str, f64)]| -> Vec<(u16, f64)> {
            list.iter()
                .map(|(name, p)| {
                    let key = fold_key(name);
                    let id = match seen.get(&key) {
                        Some(id) => *id,
                        None => {
                            // Borne only in person, never passed on as a family's name.
                            surnames.push(Cow::Borrowed(name));
                            surname_tradition.push(t as u8);
                            let id = (surnames.len() - 1) as u16;
                            seen.insert(key, id);
                            id
                        }
                    };
                    (id, *p)
                })
                .collect()
        };
        let personal = [personal(spec.personal_male), personal(spec.personal_female)];
        let [male_list, female_list] = &mut given;
        let [male_index, female_index] = &mut given_index;
        let male = build_given(&tradition.male, male_list, male_index);
        let female = build_given(&tradition.female, female_list, female_index);
        built.push(BuiltTradition {
            surnames: table,
            personal,
            given: [male, female],
        });
    }
    let tradition_table = Table::new(
        traditions
            .iter()
            .enumerate()
            .map(|(i, t)| (i as u16, f64::from(t.weight))),
    );
    OriginNames {
        surnames,
        given,
        traditions: built,
        tradition_table,
        surname_tradition,
    }
}

/// Joins two parts of a compound name as English place-names join them: a letter the parts
/// share at the seam is written once (`Ash` + `hurst` → `Ashurst`), a silent `e` before a vowel
/// goes, and a seam of five consonants or more is refused as unpronounceable.
pub fn join(first: &str, second: &str) -> Option<String> {
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut out = first.to_string();
    let mut rest = second;
    if let (Some(a), Some(b)) = (out.chars().last(), second.chars().next())
        && a.eq_ignore_ascii_case(&b)
    {
        rest = &second[b.len_utf8()..];
    }
    if out.ends_with('e') && rest.chars().next().is_some_and(vowel) && out.len() > 3 {
        out.pop();
    }
    out.push_str(rest);
    let mut run = 0;
    for c in out.chars() {
        if c.is_alphabetic() && !vowel(c.to_ascii_lowercase()) {
            run += 1;
            if run >= 5 {
                return None;
            }
        } else {
            run = 0;
        }
    }
    Some(out)
}

/// Every `stem` + suffix for lines of the form `stem: suffix suffix …`, one stem a line; a
/// suffix `-` stands for the bare stem.
pub fn stems_with_suffixes(spec: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in spec.lines() {
        let Some((stem, suffixes)) = line.split_once(':') else {
            continue;
        };
        let stem = stem.trim();
        for suffix in suffixes.split_whitespace() {
            if suffix == "-" {
                out.push(stem.to_string());
            } else {
                out.push(format!("{stem}{suffix}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zipf_gives_the_top_share_and_the_coverage() {
        let w = zipf(60, 0.8, 0.05);
        assert!((w[0] - 0.05).abs() < 1e-6, "{}", w[0]);
        assert!((w.iter().sum::<f64>() - 0.8).abs() < 1e-9);
        assert!(w.windows(2).all(|p| p[0] >= p[1]));
        // More than an even split cannot be asked of the top name.
        let flat = zipf(10, 1.0, 0.01);
        assert!((flat[0] - 0.1).abs() < 1e-3, "{}", flat[0]);
    }

    #[test]
    fn curves_interpolate_and_extrapolate_on_log_axes() {
        let c = [(1, 10_000.0), (100, 1_000.0), (1_000, 100.0)];
        assert_eq!(curve_at(&c, 1), 10_000.0);
        assert!((curve_at(&c, 10) - 3_162.3).abs() < 1.0);
        assert!((curve_at(&c, 10_000) - 10.0).abs() < 0.01);
    }

    #[test]
    fn tables_sample_in_proportion() {
        let t = Table::new([(7, 1.0), (9, 3.0), (7, 0.0), (11, 0.0)]);
        let mut rng = stream(1, 2, 3);
        let mut nines = 0;
        for _ in 0..10_000 {
            let id = t.sample(&mut rng);
            assert!(id == 7 || id == 9);
            nines += usize::from(id == 9);
        }
        assert!((7_200..7_800).contains(&nines), "{nines}");
        assert!((t.probability(9) - 0.75).abs() < 1e-12);
        assert_eq!(t.probability(11), 0.0);
    }

    #[test]
    fn compound_names_join_as_place_names_do() {
        assert_eq!(join("Ash", "hurst").as_deref(), Some("Ashurst"));
        assert_eq!(join("Thorn", "ton").as_deref(), Some("Thornton"));
        assert_eq!(join("Stone", "ington").as_deref(), Some("Stonington"));
        assert_eq!(join("Birch", "thwaite"), None);
        assert_eq!(
            stems_with_suffixes("Jan: kowski ik -\nbad line\n"),
            ["Jankowski", "Janik", "Jan"]
        );
    }
}
