//! Lists the true pairs of person mentions an analysed picture keeps apart and the false pairs it
//! joins, with each mention's resolution record and the saved model's waterfall, for diagnosing
//! entity resolution against a simulated truth:
//!
//! ```sh
//! cargo run --release -p analysis --example misses -- sqlite:W/w.db W/truth.json [missed|false] [N]
//! ```
//!
//! It reads every current report's person records (from the fields, and those found in the
//! text), the resolved assignments and the truth. For `missed` (the default) it counts, per true
//! person split over several resolved persons, the true pairs lost, and prints the N persons
//! losing most: each resolved part's records and, for the best-scoring pair across the two
//! largest parts, its explanation. It also sums lost pairs by a rough cause — a part made only of
//! text mentions, a part without a date of birth, differing surnames or forenames. For `false`
//! it prints the resolved persons joining mentions of several true people.

use futures::TryStreamExt;
use resolve::PersonRecord;
use sim::Truth;
use std::collections::{BTreeMap, HashMap};
use std::fs::File;

fn summary(r: &PersonRecord) -> String {
    let dob = match r.dob {
        Some(resolve::Dob::Day { year, month, day }) => format!("{year:04}-{month:02}-{day:02}"),
        Some(resolve::Dob::Month { year, month }) => format!("{year:04}-{month:02}"),
        Some(resolve::Dob::Years { from, to }) => format!("{from}..{to}"),
        None => "-".into(),
    };
    format!(
        "{:<28} f={:<12} m={:<14} s={:<18} dob={:<10} g={} nat={} ph={} addr={} st={} veh={} al={:?} id={:?}",
        r.mention,
        r.forename.as_deref().unwrap_or("-"),
        r.middle.join(","),
        r.surname.as_deref().unwrap_or("-"),
        dob,
        r.gender.map_or("-".into(), |g| format!("{g:?}")),
        r.nationality.as_deref().unwrap_or("-"),
        r.phones.len(),
        r.addresses.len(),
        r.streets.len(),
        r.vehicles.len(),
        r.aliases,
        r.identifiers,
    )
}

fn print_explanation(e: &resolve::Explanation) {
    println!(
        "      {} ~ {}: weight {:.2} (p {:.3}) prior {:.2}{}{}",
        e.a,
        e.b,
        e.match_weight,
        e.probability,
        e.prior_weight,
        if e.swapped { " swapped" } else { "" },
        if e.surname_shared { " kin-u" } else { "" }
    );
    for f in &e.fields {
        if f.level == "missing" {
            continue;
        }
        println!(
            "        {:<20} {:<40} {:>7.2} (tf {:.2})  {:?}",
            f.field, f.level, f.weight, f.tf_adjustment, f.values
        );
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: misses DB TRUTH [missed|false] [N]");
        std::process::exit(2);
    }
    let mode = args.get(2).map(String::as_str).unwrap_or("missed");
    let limit: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(30);
    let store = store::open(&args[0]).await?;
    let truth = Truth::from_reader(File::open(&args[1])?)?;

    let mut records: HashMap<String, PersonRecord> = HashMap::new();
    let mut stream = store.reports();
    while let Some(r) = stream.try_next().await? {
        for p in resolve::prepare_report(&r.report_ref, r.received.date(), &r.entities) {
            records.insert(p.mention.clone(), p);
        }
    }
    drop(stream);
    for t in store.text_mentions(None).await? {
        if t.kind == model::EntityKind::Person
            && let Ok(p) = serde_json::from_str::<PersonRecord>(&t.data)
        {
            records.insert(p.mention.clone(), p);
        }
    }
    let assigned: HashMap<String, String> = store
        .person_assignments()
        .await?
        .into_iter()
        .map(|a| (a.mention, a.person_id))
        .collect();
    let explainer = analysis::Explainer::load(store.as_ref()).await?;
    let explain = |a: &PersonRecord, b: &PersonRecord| explainer.explain(a.clone(), b.clone());

    let pairs = |n: usize| n * n.saturating_sub(1) / 2;
    if mode == "false" {
        let truth_of: HashMap<&str, &str> = truth
            .persons
            .iter()
            .flat_map(|p| p.mentions.iter().map(move |m| (m.as_str(), p.id.as_str())))
            .collect();
        let mut by_person: BTreeMap<&str, BTreeMap<&str, Vec<&str>>> = BTreeMap::new();
        for (m, p) in &assigned {
            if let Some(t) = truth_of.get(m.as_str()) {
                by_person
                    .entry(p.as_str())
                    .or_default()
                    .entry(t)
                    .or_default()
                    .push(m.as_str());
            }
        }
        type Parts<'a> = BTreeMap<&'a str, Vec<&'a str>>;
        let mut wrong: Vec<(usize, &str, &Parts)> = by_person
            .iter()
            .filter(|(_, t)| t.len() > 1)
            .map(|(p, t)| {
                let total: usize = t.values().map(|v| v.len()).sum();
                let right: usize = t.values().map(|v| pairs(v.len())).sum();
                (pairs(total) - right, *p, t)
            })
            .collect();
        wrong.sort_by_key(|w| std::cmp::Reverse(w.0));
        let total: usize = wrong.iter().map(|w| w.0).sum();
        println!(
            "{} resolved persons join several true people: {total} false pairs",
            wrong.len()
        );
        for (false_pairs, p, parts) in wrong.iter().take(limit) {
            println!("\n{p}: {false_pairs} false pairs");
            for (t, ms) in parts.iter() {
                println!("  true {t} ({} mentions)", ms.len());
                for m in ms.iter().take(6) {
                    if let Some(r) = records.get(*m) {
                        println!("    {}", summary(r));
                    }
                }
            }
            let mut keys = parts.values();
            if let (Some(a), Some(b)) = (keys.next(), keys.next())
                && let (Some(ra), Some(rb)) = (records.get(a[0]), records.get(b[0]))
            {
                print_explanation(&explain(ra, rb));
            }
        }
        return Ok(());
    }

    let mut lost_total = 0usize;
    let mut true_total = 0usize;
    let mut causes: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut split: Vec<(usize, usize)> = Vec::new();
    let mut part_cause: HashMap<&str, &'static str> = HashMap::new();
    for (i, t) in truth.persons.iter().enumerate() {
        true_total += pairs(t.mentions.len());
        let mut parts: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for m in &t.mentions {
            let p = assigned.get(m).map_or("(unassigned)", String::as_str);
            parts.entry(p).or_default().push(m.as_str());
        }
        if parts.len() < 2 {
            continue;
        }
        let kept: usize = parts.values().map(|v| pairs(v.len())).sum();
        let lost = pairs(t.mentions.len()) - kept;
        lost_total += lost;
        split.push((lost, i));
        // Rough causes, by the smaller parts against the largest.
        let mut sizes: Vec<&Vec<&str>> = parts.values().collect();
        sizes.sort_by_key(|v| std::cmp::Reverse(v.len()));
        let main = sizes[0];
        let main_surnames: Vec<&str> = main
            .iter()
            .filter_map(|m| records.get(*m)?.surname.as_deref())
            .collect();
        let main_forenames: Vec<&str> = main
            .iter()
            .filter_map(|m| records.get(*m)?.forename.as_deref())
            .collect();
        for part in &sizes[1..] {
            let n = part.len() * main.len();
            let recs: Vec<&PersonRecord> = part.iter().filter_map(|m| records.get(*m)).collect();
            let tokens = |r: &PersonRecord| -> Vec<String> {
                r.forename
                    .iter()
                    .chain(r.middle.iter())
                    .chain(r.surname.iter())
                    .flat_map(|t| t.split(' ').map(str::to_string).collect::<Vec<_>>())
                    .collect()
            };
            let main_tokens: Vec<String> = main
                .iter()
                .filter_map(|m| records.get(*m))
                .flat_map(tokens)
                .collect();
            let cause = if recs.is_empty() {
                "no record (unassigned)"
            } else if recs
                .iter()
                .all(|r| r.forename.is_none() && r.surname.is_none() && r.aliases.is_empty())
            {
                if recs.iter().all(|r| r.mention.contains("#x")) {
                    "nameless, text"
                } else {
                    "nameless, fields"
                }
            } else if recs
                .iter()
                .all(|r| r.forename.is_none() && r.surname.is_none())
            {
                "alias only"
            } else if recs.iter().all(|r| {
                r.surname.is_some()
                    && r.forename.is_some()
                    && !main_surnames.contains(&r.surname.as_deref().unwrap_or_default())
                    && tokens(r).iter().all(|t| main_tokens.contains(t))
            }) {
                "names in another order"
            } else if recs.iter().all(|r| r.mention.contains("#x")) {
                if recs.iter().all(|r| r.surname.is_none()) {
                    "text mentions, no surname"
                } else {
                    "text mentions"
                }
            } else if recs.iter().all(|r| r.surname.is_none()) {
                "no surname"
            } else if recs.iter().all(|r| {
                r.surname
                    .as_deref()
                    .is_some_and(|s| !main_surnames.contains(&s))
            }) {
                "surname differs"
            } else if recs.iter().all(|r| {
                r.forename
                    .as_deref()
                    .is_some_and(|f| !main_forenames.contains(&f))
            }) {
                "forename differs"
            } else if recs.iter().all(|r| r.dob.is_none()) {
                "no date of birth"
            } else {
                "other"
            };
            *causes.entry(cause).or_default() += n;
            part_cause.insert(part[0], cause);
        }
    }
    println!(
        "{} true pairs, {lost_total} lost ({:.3} recall ceiling from splits), {} true persons split",
        true_total,
        1.0 - lost_total as f64 / true_total.max(1) as f64,
        split.len()
    );
    println!("lost pairs by rough cause (smaller part against the largest):");
    for (c, n) in &causes {
        println!("  {c:<28} {n}");
    }
    split.sort_by_key(|s| std::cmp::Reverse(s.0));
    for (lost, i) in split.iter().take(limit) {
        let t = &truth.persons[*i];
        println!(
            "\n{} {} ({}, {}): {} mentions, {lost} pairs lost",
            t.id,
            t.name,
            t.dob,
            t.gender,
            t.mentions.len()
        );
        let mut parts: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for m in &t.mentions {
            let p = assigned.get(m).map_or("(unassigned)", String::as_str);
            parts.entry(p).or_default().push(m.as_str());
        }
        let mut parts: Vec<(&str, Vec<&str>)> = parts.into_iter().collect();
        parts.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
        for (p, ms) in &parts {
            println!(
                "  part {p} ({} mentions) {}",
                ms.len(),
                part_cause.get(ms[0]).copied().unwrap_or("")
            );
            for m in ms.iter().take(8) {
                match records.get(*m) {
                    Some(r) => println!("    {}", summary(r)),
                    None => println!("    {m} (no record)"),
                }
            }
        }
        // The best pair between the largest part and each other part.
        for (_, other) in parts.iter().skip(1).take(3) {
            let mut best: Option<resolve::Explanation> = None;
            for a in parts[0].1.iter().take(30) {
                for b in other.iter().take(10) {
                    if let (Some(ra), Some(rb)) = (records.get(*a), records.get(*b)) {
                        let e = explain(ra, rb);
                        if best
                            .as_ref()
                            .is_none_or(|x| e.match_weight > x.match_weight)
                        {
                            best = Some(e);
                        }
                    }
                }
            }
            if let Some(e) = best {
                print_explanation(&e);
            }
        }
    }
    Ok(())
}
