//! Measures how often simulated people share a name, for calibrating the name model:
//! `cargo run --release -p sim --example name_sharing -- [--people N] [SEED …]`.
//!
//! For each seed it builds the world (no reports) and prints the share of people whose full
//! name, and whose forename and surname, someone else also bears, overall and by origin; then
//! the same for independent random samples of the same size, origin mix and ages, which is what
//! the name frequencies alone imply without households; then each origin's surname inventory.

use sim::names::{self, NameSharing, ORIGINS};
use sim::world::World;
use sim::{Config, PhraseUse};
use std::collections::HashMap;

fn line(label: &str, s: &NameSharing) {
    println!(
        "  {label:<20} {:>6} people  full name shared {:>5.1}%  forename+surname shared {:>5.1}%  \
         largest: {} × {:?}, {} × {:?}",
        s.people,
        100.0 * s.full_name_rate(),
        100.0 * s.forename_surname_rate(),
        s.largest_full_name.1,
        s.largest_full_name.0,
        s.largest_forename_surname.1,
        s.largest_forename_surname.0,
    );
}

/// The share of a random sample of `people` expected to share a name, worked out rather than
/// drawn: a name of probability p is borne by someone else among the other n − 1 people with
/// probability 1 − e^{−(n−1)p}, so the expected share is Σ p (1 − e^{−(n−1)p}) over names. The
/// probabilities are estimated from two million independent draws.
fn poisson(seed: u64, people: usize, counts: &[u32], birth_years: &[i32]) {
    let draws = 2_000_000;
    let sample = names::independent_sample(seed.wrapping_add(99), draws, counts, birth_years);
    let mut full: HashMap<String, u32> = HashMap::new();
    let mut short: HashMap<String, u32> = HashMap::new();
    for name in &sample {
        if let Some((f, s)) = names::sharing_keys(name) {
            *full.entry(f).or_default() += 1;
            *short.entry(s).or_default() += 1;
        }
    }
    let n = (people - 1) as f64;
    let expected = |counts: &HashMap<String, u32>| -> f64 {
        counts
            .values()
            .map(|c| {
                let p = f64::from(*c) / draws as f64;
                // The chance that someone else bears the name is estimated from the other
                // draws (c − 1 of M − 1): using c itself would count each draw as its own
                // namesake and overstate the share by about n / M.
                let others = f64::from(*c - 1) / (draws - 1) as f64;
                p * (1.0 - (-n * others).exp())
            })
            .sum()
    };
    println!(
        "  Poisson estimate: full name {:.1}%, forename+surname {:.1}%",
        100.0 * expected(&full),
        100.0 * expected(&short)
    );
    let mut top: Vec<(&String, &u32)> = short.iter().collect();
    top.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let top: Vec<String> = top
        .iter()
        .take(12)
        .map(|(k, c)| format!("{k} {:.1}", f64::from(**c) / draws as f64 * people as f64))
        .collect();
    println!(
        "  expected bearers of the commonest names: {}",
        top.join(", ")
    );
}

fn main() {
    let mut people = 20_000;
    let mut seeds: Vec<u64> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--people" {
            people = args
                .next()
                .and_then(|v| v.parse().ok())
                .expect("--people takes a number");
        } else {
            seeds.push(arg.parse().expect("a seed is a number"));
        }
    }
    if seeds.is_empty() {
        seeds.push(Config::default().seed);
    }
    // The name pools are built on first use; how long that takes is part of every simulation.
    let started = std::time::Instant::now();
    let surnames: usize = (0..ORIGINS.len() as u8).map(names::surname_count).sum();
    println!(
        "name pools: {surnames} surnames built in {:.1} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    for seed in seeds {
        let config = Config {
            people,
            seed,
            phrases: PhraseUse::Both,
            ..Config::default()
        };
        let world = World::build(&config).expect("the world builds");
        let all: Vec<String> = world.persons.iter().map(|p| p.display_name()).collect();
        println!("seed {seed}, {people} people");
        line("world", &names::sharing(&all));
        // Sharing within each origin's people, as the world has them: a person counts as
        // sharing if anyone in the whole world bears the same name.
        // Where the sharing is: how many of those who share forename and surname bear one of
        // the 100 commonest surnames, against how many people do.
        let keys: Vec<(String, String)> =
            all.iter().filter_map(|n| names::sharing_keys(n)).collect();
        let mut short_count: HashMap<&str, usize> = HashMap::new();
        let mut surname_count: HashMap<&str, usize> = HashMap::new();
        for (_, s) in &keys {
            *short_count.entry(s).or_default() += 1;
            let surname = s.rsplit(' ').next().unwrap_or_default();
            *surname_count.entry(surname).or_default() += 1;
        }
        let mut common: Vec<(&str, usize)> = surname_count.into_iter().collect();
        common.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let common: std::collections::HashSet<&str> =
            common.iter().take(100).map(|c| c.0).collect();
        let in_common = |s: &str| common.contains(s.rsplit(' ').next().unwrap_or_default());
        let bearers = keys.iter().filter(|(_, s)| in_common(s)).count();
        let sharers: Vec<&String> = keys
            .iter()
            .filter(|(_, s)| short_count[s.as_str()] > 1)
            .map(|(_, s)| s)
            .collect();
        let common_sharers = sharers.iter().filter(|s| in_common(s)).count();
        println!(
            "  the 100 commonest surnames: borne by {:.0}% of people, by {:.0}% of those who share \
             forename and surname",
            100.0 * bearers as f64 / keys.len() as f64,
            100.0 * common_sharers as f64 / sharers.len().max(1) as f64
        );
        let mut by_origin: HashMap<u8, Vec<usize>> = HashMap::new();
        for (i, p) in world.persons.iter().enumerate() {
            by_origin.entry(p.origin).or_default().push(i);
        }
        let mut counts = [0u32; 10];
        for (o, members) in &by_origin {
            counts[usize::from(*o)] = members.len() as u32;
            let names: Vec<&String> = members.iter().map(|i| &all[*i]).collect();
            line(ORIGINS[usize::from(*o)].key, &names::sharing(names));
        }
        let birth_years: Vec<i32> = world.persons.iter().map(|p| p.dob.year()).collect();
        let mut rates = Vec::new();
        for replicate in 0..5 {
            let sample =
                names::independent_sample(seed ^ replicate, people as usize, &counts, &birth_years);
            let s = names::sharing(&sample);
            if replicate == 0 {
                line("independent sample", &s);
            }
            rates.push((s.full_name_rate(), s.forename_surname_rate()));
        }
        let mean =
            |f: fn(&(f64, f64)) -> f64| rates.iter().map(f).sum::<f64>() / rates.len() as f64;
        println!(
            "  independent samples, mean of {}: full name {:.1}%, forename+surname {:.1}%",
            rates.len(),
            100.0 * mean(|r| r.0),
            100.0 * mean(|r| r.1)
        );
        poisson(seed, people as usize, &counts, &birth_years);
    }
    println!("surname inventories (distinct surnames; effective number = 1 / Σ p²):");
    for (o, origin) in ORIGINS.iter().enumerate() {
        let o = o as u8;
        let mut rng = sim::util::stream(1, 2, 3);
        let mut freq: HashMap<(u8, u16), u32> = HashMap::new();
        let draws = 200_000;
        for _ in 0..draws {
            *freq.entry(names::sample_surname(&mut rng, o)).or_default() += 1;
        }
        let hhi: f64 = freq
            .values()
            .map(|c| (f64::from(*c) / f64::from(draws)).powi(2))
            .sum();
        let mut top: Vec<(&(u8, u16), &u32)> = freq.iter().collect();
        top.sort_by(|a, b| b.1.cmp(a.1));
        let top: Vec<String> = top
            .iter()
            .take(5)
            .map(|((so, i), c)| {
                format!(
                    "{} {:.2}%",
                    names::surname(*so, *i),
                    100.0 * f64::from(**c) / f64::from(draws)
                )
            })
            .collect();
        println!(
            "  {:<18} {:>6} surnames, effective {:>7.0}; {}",
            origin.key,
            names::surname_count(o),
            1.0 / hhi,
            top.join(", ")
        );
    }
}
