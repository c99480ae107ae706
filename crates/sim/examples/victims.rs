//! Lists the victims an analysis missed and the people it flagged who are not victims, with
//! their reports and what the assessment found, for diagnosing the vulnerability assessment:
//!
//! ```sh
//! sightline --db sqlite:W/w.db export persons --out W/persons.jsonl --reason "diagnosis"
//! cargo run --release -p sim --example victims -- W/truth.json W/intel.jsonl W/persons.jsonl [missed|false|all]
//! ```
//!
//! For each true victim no flagged person stands for (a person stands for the true person most
//! of its mentions belong to, as `sightline evaluate` scores), it prints every report the victim
//! is in — source, grading, crime types, their role and name there, the text — and the exported
//! person each mention went to, with its score and reasons. For each flagged person who stands
//! for no victim, the same.

use serde_json::Value;
use sim::Truth;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader};

fn lines(path: &str) -> Vec<Value> {
    let file = File::open(path).unwrap_or_else(|e| panic!("cannot open {path}: {e}"));
    BufReader::new(file)
        .lines()
        .map_while(Result::ok)
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str(&l).ok())
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: victims TRUTH INTEL PERSONS [missed|false|all]");
        std::process::exit(2);
    }
    let mode = args.get(3).map(String::as_str).unwrap_or("all");
    let truth = Truth::from_reader(File::open(&args[0]).expect("truth file")).expect("truth");
    let reports: HashMap<String, Value> = lines(&args[1])
        .into_iter()
        .filter(|r| r["kind"] == "report")
        .map(|r| (r["ref"].as_str().unwrap_or_default().to_string(), r))
        .collect();
    let persons = lines(&args[2]);
    let truth_of: HashMap<&str, usize> = truth
        .persons
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.mentions.iter().map(move |m| (m.as_str(), i)))
        .collect();
    let mut person_of: HashMap<String, usize> = HashMap::new();
    let mut stands: Vec<Option<usize>> = Vec::new();
    for (i, p) in persons.iter().enumerate() {
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for m in p["mentions"].as_array().into_iter().flatten() {
            let m = m.as_str().unwrap_or_default();
            person_of.insert(m.to_string(), i);
            if let Some(t) = truth_of.get(m) {
                *counts.entry(*t).or_default() += 1;
            }
        }
        stands.push(
            counts
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(t, _)| t),
        );
    }
    let flagged = |i: usize| persons[i]["vulnerability"]["flagged"] == true;
    let found: HashSet<usize> = (0..persons.len())
        .filter(|i| flagged(*i))
        .filter_map(|i| stands[i])
        .collect();
    let show_person = |i: usize| {
        let p = &persons[i];
        let v = &p["vulnerability"];
        println!(
            "    -> {} flagged {} score {} categories {} ({} mentions)",
            p["id"].as_str().unwrap_or_default(),
            v["flagged"],
            v["score"],
            v["categories"],
            p["mentions"].as_array().map_or(0, Vec::len)
        );
        for r in v["reasons"].as_array().into_iter().flatten() {
            println!("       · {}", r.as_str().unwrap_or_default());
        }
    };
    let show_mention = |m: &str| {
        let (rref, local) = m.split_once('#').unwrap_or((m, ""));
        let Some(r) = reports.get(rref) else {
            println!("  {m}: report not in the file");
            return;
        };
        let me = r["persons"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["id"] == local);
        println!(
            "  {m} [{} {} {}/{}/{}] crimes {} — as {} {:?} dob {}",
            r["received"].as_str().unwrap_or_default(),
            r["source"]["type"].as_str().unwrap_or_default(),
            r["grading"]["source"].as_str().unwrap_or_default(),
            r["grading"]["intel"].as_str().unwrap_or_default(),
            r["grading"]["handling"].as_str().unwrap_or_default(),
            r["crime_types"],
            me.and_then(|p| p["role"].as_str()).unwrap_or("?"),
            me.and_then(|p| p["name"].as_str()),
            me.map(|p| p["dob"].clone()).unwrap_or(Value::Null),
        );
        println!("     “{}”", r["text"].as_str().unwrap_or_default());
        let others: Vec<String> = r["persons"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["id"] != local)
            .map(|p| {
                format!(
                    "{} {} {:?}",
                    p["id"].as_str().unwrap_or_default(),
                    p["role"].as_str().unwrap_or_default(),
                    p["name"].as_str()
                )
            })
            .collect();
        println!("     others: {}; links {}", others.join(", "), r["links"]);
        match person_of.get(m) {
            Some(i) => show_person(*i),
            None => println!("    -> in no exported person"),
        }
    };
    if mode != "false" {
        for (t, p) in truth.persons.iter().enumerate() {
            let Some(c) = p.victim else { continue };
            if found.contains(&t) {
                continue;
            }
            println!(
                "MISSED {} {} ({}, born {}) {:?} role {:?}",
                p.id,
                p.name,
                c.as_str(),
                p.dob,
                p.group,
                p.role
            );
            for m in &p.mentions {
                show_mention(m);
            }
            println!();
        }
    }
    if mode != "missed" {
        for (i, t) in stands.iter().enumerate() {
            if !flagged(i) {
                continue;
            }
            let tp = t.map(|t| &truth.persons[t]);
            if tp.is_some_and(|p| p.victim.is_some()) {
                continue;
            }
            match tp {
                Some(p) => println!(
                    "FALSE FLAG {} stands for {} {} (born {}) lookalike {:?} group {:?} role {:?}",
                    persons[i]["id"].as_str().unwrap_or_default(),
                    p.id,
                    p.name,
                    p.dob,
                    p.lookalike,
                    p.group,
                    p.role
                ),
                None => println!(
                    "FALSE FLAG {} stands for no one",
                    persons[i]["id"].as_str().unwrap_or_default()
                ),
            }
            show_person(i);
            for m in persons[i]["mentions"].as_array().into_iter().flatten() {
                let m = m.as_str().unwrap_or_default();
                let (rref, _) = m.split_once('#').unwrap_or((m, ""));
                if let Some(r) = reports.get(rref) {
                    println!(
                        "  {m} [{} {}] crimes {}: “{}”",
                        r["source"]["type"].as_str().unwrap_or_default(),
                        r["received"].as_str().unwrap_or_default(),
                        r["crime_types"],
                        r["text"].as_str().unwrap_or_default()
                    );
                }
            }
            println!();
        }
    }
}
