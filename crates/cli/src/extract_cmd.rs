//! `sightline extract`: entities and exploitation indicators in report text read from standard
//! input, printed as one JSON object (exchange-v1); `--evaluate` scores the extractor on the
//! annotated corpus instead; `sightline bench extract` measures its speed on generated report
//! text.

use crate::Outcome;
use anyhow::Context;
use clap::{Args, ValueEnum};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::{Read, Write};
use std::time::Instant;

#[derive(Args)]
pub struct ExtractArgs {
    /// Instead of reading standard input, score the extractor against a half of the annotated
    /// corpus (precision, recall and F1 per entity type and indicator family).
    #[arg(long, value_name = "HALF", num_args = 0..=1, default_missing_value = "heldout")]
    evaluate: Option<Half>,

    /// With --evaluate: also list every miss and false alarm.
    #[arg(long, requires = "evaluate")]
    errors: bool,

    /// The date the text was received (YYYY-MM-DD): dates written without a year, and two-digit
    /// years, are read relative to it.
    #[arg(long, value_name = "DATE")]
    received: Option<String>,

    /// Indent the JSON.
    #[arg(long)]
    pretty: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Half {
    /// The held-out half, never used to write a rule.
    Heldout,
    /// The development half.
    Dev,
    /// The held-out half of the simulator's phrase bank (another author's indicator wording,
    /// sentence by sentence, and look-alikes that must not be flagged): precision, recall and F1
    /// per family, and the look-alikes flagged.
    SimHeldout,
    /// The training half of the simulator's phrase bank.
    SimTraining,
}

pub fn run(args: ExtractArgs) -> anyhow::Result<Outcome> {
    let reference_date = args
        .received
        .as_deref()
        .map(|d| {
            time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]"))
                .with_context(|| format!("--received {d:?} is not a YYYY-MM-DD date"))
        })
        .transpose()?;
    if let Some(half) = args.evaluate {
        let (name, corpus) = match half {
            Half::Heldout => ("held-out", extract::eval::HELDOUT),
            Half::Dev => ("development", extract::eval::DEV),
            Half::SimHeldout => return evaluate_phrase_bank(sim::Half::HeldOut),
            Half::SimTraining => return evaluate_phrase_bank(sim::Half::Training),
        };
        let scores = extract::eval::evaluate(corpus).context("the corpus is not valid")?;
        let mut out = std::io::stdout().lock();
        writeln!(out, "{name} half, taxonomy {}:", extract_version())?;
        write!(out, "{scores}")?;
        if args.errors {
            writeln!(out)?;
            for e in &scores.errors {
                writeln!(
                    out,
                    "{:>4} {:<13} {:<45} {}",
                    e.line, e.what, e.label, e.text
                )?;
            }
        }
        return Ok(Outcome::Success);
    }
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .context("cannot read standard input as UTF-8 text")?;
    let config = extract::Config { reference_date };
    let mut out = std::io::stdout().lock();
    write_extraction(&mut out, &text, &config, args.pretty)?;
    Ok(Outcome::Success)
}

/// Writes what is found in `text` as one JSON object and a line break.
fn write_extraction(
    out: &mut impl Write,
    text: &str,
    config: &extract::Config,
    pretty: bool,
) -> anyhow::Result<()> {
    let found = extract::extract_with(text, config);
    if pretty {
        serde_json::to_writer_pretty(&mut *out, &found)?;
    } else {
        serde_json::to_writer(&mut *out, &found)?;
    }
    writeln!(out)?;
    Ok(())
}

/// Scores family detection on the simulator's phrase bank: each indicator wording should raise
/// its family (a family raised on another family's wording is a false alarm); each look-alike
/// should raise nothing. Sentences are read one at a time, without the rest of a report, so an
/// indicator that needs the subject to be a child is found only where the taxonomy presumes one
/// (at a lower confidence) or the sentence says so.
fn evaluate_phrase_bank(half: sim::Half) -> anyhow::Result<Outcome> {
    let bank = sim::PhraseBank::embedded().map_err(|e| anyhow::anyhow!("phrase bank: {e}"))?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "simulator phrase bank, {} half, taxonomy {}:",
        match half {
            sim::Half::Training => "training",
            sim::Half::HeldOut => "held-out",
        },
        extract_version()
    )?;
    let examples = bank.examples(half, 1);
    let benign = bank.benign_examples(half, 1);
    let mut labelled: Vec<extract::eval::Labelled> = examples
        .iter()
        .map(|e| extract::eval::Labelled {
            text: &e.text,
            family: extract::Family::parse(e.family.as_str()),
            label: &e.indicator,
        })
        .collect();
    labelled.extend(benign.iter().map(|b| extract::eval::Labelled {
        text: &b.text,
        family: None,
        label: &b.context,
    }));
    let scores = extract::eval::evaluate_families(&labelled);
    write!(out, "{scores}")?;
    Ok(Outcome::Success)
}

fn extract_version() -> String {
    extract::extract("").taxonomy_version
}

/// `sightline bench extract`: extracts from report texts on one thread and prints the
/// throughput for three kinds of text: the `text` fields of a simulated force area of `people`
/// people (`sim`, the same reports as `sightline simulate`), and `mb` megabytes of reports built
/// from templates in the styles of the corpus, `mixed` (half the sentences plain narrative, as in
/// the annotated corpus) and `dense` (every sentence carries entities or indicators).
pub fn bench(mb: f64, people: u32, seed: u64) -> anyhow::Result<Outcome> {
    println!(
        "| text | reports | MB | bytes per entity | wall s | CPU s | MB/s per CPU second | MB/s wall | entities | indicators |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let simulated = simulated_texts(people, seed)?;
    bench_one("sim", &simulated);
    for (name, plain_share) in [("mixed", 0.5), ("dense", 0.0)] {
        bench_one(name, &generated_texts(mb, seed, plain_share));
    }
    Ok(Outcome::Success)
}

/// The report texts of a simulated force area.
fn simulated_texts(people: u32, seed: u64) -> anyhow::Result<Vec<String>> {
    let config = sim::Config {
        people,
        seed,
        ..sim::Config::default()
    };
    let mut intel = Vec::new();
    sim::generate(&config, &mut intel, &mut std::io::sink()).context("cannot simulate")?;
    let mut texts = Vec::new();
    for line in intel.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        #[derive(serde::Deserialize)]
        struct Text {
            text: String,
        }
        let record: Text = serde_json::from_slice(line).context("simulated record")?;
        if !record.text.is_empty() {
            texts.push(record.text);
        }
    }
    Ok(texts)
}

fn generated_texts(mb: f64, seed: u64, plain_share: f64) -> Vec<String> {
    let target = (mb * 1e6) as usize;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut reports: Vec<String> = Vec::new();
    let mut bytes = 0;
    while bytes < target {
        let r = report(&mut rng, plain_share);
        bytes += r.len();
        reports.push(r);
    }
    reports
}

fn bench_one(name: &str, reports: &[String]) {
    let bytes: usize = reports.iter().map(String::len).sum();
    if reports.is_empty() {
        return;
    }
    // Warm the shared extractor (regular expressions, taxonomy) outside the timing.
    let _ = extract::extract(&reports[0]);
    let started = Instant::now();
    let cpu_started = thread_cpu_seconds();
    let mut entities = 0;
    let mut indicators = 0;
    for r in reports {
        let found = extract::extract(r);
        entities += found.entities.len();
        indicators += found.indicators.len();
    }
    let took = started.elapsed().as_secs_f64();
    // CPU time of this thread: on a shared machine the wall clock also counts time spent waiting
    // for a core, and the target is per core.
    let cpu = match (cpu_started, thread_cpu_seconds()) {
        (Some(a), Some(b)) if b > a => format!("{:.2}", b - a),
        _ => "?".to_string(),
    };
    let cpu_rate = cpu.parse::<f64>().map_or("?".to_string(), |c| {
        format!("{:.1}", bytes as f64 / 1e6 / c)
    });
    println!(
        "| {name} | {} | {:.1} | {:.0} | {took:.2} | {cpu} | {cpu_rate} | {:.1} | {entities} | {indicators} |",
        reports.len(),
        bytes as f64 / 1e6,
        bytes as f64 / entities.max(1) as f64,
        bytes as f64 / 1e6 / took,
    );
}

/// This thread's CPU time in seconds (Linux `schedstat`), if known.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

const FORENAMES: &[&str] = &[
    "Jon", "Kyle", "Amy", "Sarah", "Mohammed", "Ioana", "Tyler", "Jade", "Liam", "Chloe", "Reece",
    "Mariusz", "Zoë", "Andrei", "Shannon", "Callum",
];
const SURNAMES: &[&str] = &[
    "SMITH", "BROWN", "KHAN", "NOWAK", "POPESCU", "O'BRIEN", "WILLIAMS", "ALI", "WÓJCIK", "NÚÑEZ",
];
const STREETS: &[&str] = &[
    "Mill Rd",
    "High St",
    "Station Ave",
    "Church Lane",
    "Park Terr",
    "Bridge St",
    "Queens Rd",
    "Orchard Cl",
    "London Road",
];
const NICKNAMES: &[&str] = &["'JAY'", "'TINY'", "'K-DOT'", "'BIG D'", "'SMOKEY'"];
const SENTENCES: &[&str] = &[
    "Caller reports lots of visitors at all hours to {ADDR}; the elderly man who lives there has not been seen for weeks.",
    "{NAME} was stopped with a 15-year-old found out of area with {MONEY} cash and two phones; a train ticket from London was in his sock.",
    "Workers are collected by a white van {VRM} at 4am daily; one says the boss keeps their passports and they owe money for rent.",
    "Intelligence indicates the deal line {PHONE} is being run by {NICK} from outside the county and youths are used to deliver.",
    "Welfare check at {ADDR}: resident found well at home, no concerns raised.",
    "Source states {NAME} aka {NICK} keeps a knife at the flat and has threatened runners who come back short.",
    "Young lads, maybe 15, coming and going from {ADDR} at all hours; a silver Focus {VRM} drops them off.",
    "Women at the massage parlour are always accompanied by a man who answers for them; the advert number {PHONE} appears on six profiles.",
    "Unknown male, about 40, seen at {ADDR} on 3 Feb 2026 with a girl of about 16.",
    "School reports attendance has fallen to 40% and he has been excluded twice this term.",
    "Labour inspection found workers hold their own passports and are paid into their own accounts; no concerns.",
    "Sort code 20-45-77, account 12345678, received {MONEY} in cash deposits from several workers' wages.",
    "The officer spoke to the occupant, who was cooperative, and the vehicle {VRM} was checked on PNC with no trace.",
    "Contact the referrer {NAME} on {PHONE} or at referrals@example.org.",
    "Twelve men are sleeping in a three-bed house at {ADDR}, mattresses on every floor.",
    "Her son, 14, has gone missing three times this month and comes home with new trainers he cannot explain.",
    "Nothing suspicious was seen during the patrol and the area was quiet.",
];
/// Narrative without entities or indicators, as much of a report is.
const PLAIN: &[&str] = &[
    "Officers attended and spoke to the occupants, who were cooperative throughout.",
    "The caller did not wish to leave their details and asked not to be contacted.",
    "This information has been passed to the neighbourhood team for their awareness.",
    "Enquiries are ongoing and a further update will be provided when available.",
    "The area is a mix of terraced housing and small shops with a park to the rear.",
    "Patrols were increased in the evenings over the following fortnight.",
    "It is not known how long this has been going on or who else is involved.",
    "The informant describes the activity as becoming more frequent over recent weeks.",
    "No further information was available at the time of the report.",
    "Partner agencies have been informed and a multi-agency meeting is being arranged.",
    "The source has provided reliable information in the past on similar matters.",
    "CCTV in the area is limited and the nearest camera faces away from the road.",
];

fn report(rng: &mut ChaCha8Rng, plain_share: f64) -> String {
    let n = rng.random_range(3..=7);
    let mut out = String::new();
    for _ in 0..n {
        let pool = if rng.random_bool(plain_share) {
            PLAIN
        } else {
            SENTENCES
        };
        let template = pool.choose(rng).copied().unwrap_or_default();
        let name = format!(
            "{} {}",
            FORENAMES.choose(rng).copied().unwrap_or_default(),
            SURNAMES.choose(rng).copied().unwrap_or_default()
        );
        let address = format!(
            "{} {}",
            rng.random_range(1..200),
            STREETS.choose(rng).copied().unwrap_or_default()
        );
        let phone = format!("07700 9{:05}", rng.random_range(0..100_000));
        let letter = |rng: &mut ChaCha8Rng| (b'A' + rng.random_range(0..26)) as char;
        let vrm = format!(
            "{}{}{:02} {}{}{}",
            letter(rng),
            letter(rng),
            rng.random_range(51..75),
            letter(rng),
            letter(rng),
            letter(rng)
        );
        let money = format!("£{}", rng.random_range(20..5000));
        let sentence = template
            .replace("{NAME}", &name)
            .replace("{ADDR}", &address)
            .replace("{PHONE}", &phone)
            .replace("{VRM}", &vrm)
            .replace("{MONEY}", &money)
            .replace("{NICK}", NICKNAMES.choose(rng).copied().unwrap_or_default());
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&sentence);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, received: Option<time::Date>, expected: serde_json::Value) {
        let mut out = Vec::new();
        let config = extract::Config {
            reference_date: received,
        };
        write_extraction(&mut out, text, &config, false).expect("written");
        let line = String::from_utf8(out).expect("utf-8");
        assert!(line.ends_with('\n') && line.matches('\n').count() == 1);
        let got: serde_json::Value = serde_json::from_str(&line).expect("one JSON object");
        let pick = |v: &serde_json::Value| {
            let pick_list = |key: &str, fields: &[&str]| {
                v[key]
                    .as_array()
                    .map(|items| {
                        items
                            .iter()
                            .map(|i| {
                                fields
                                    .iter()
                                    .map(|f| ((*f).to_string(), i[*f].clone()))
                                    .collect::<serde_json::Map<_, _>>()
                            })
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            };
            serde_json::json!({
                "entities": pick_list("entities", &["type", "text", "normalised", "start", "end"]),
                "indicators": pick_list("indicators", &["family", "indicator", "start", "end"]),
            })
        };
        assert_eq!(pick(&got), expected, "{text:?}");
    }

    #[test]
    fn prints_the_exchange_format_with_byte_offsets() {
        check(
            "Café: Zoë paid £400 on 3 Feb; the boss keeps their passports.",
            Some(time::macros::date!(2026 - 03 - 04)),
            serde_json::json!({
                "entities": [
                    {"type": "person", "text": "Zoë", "normalised": {"name": "Zoë", "aliases": [], "gender": null, "age": null}, "start": 7, "end": 11},
                    {"type": "money", "text": "£400", "normalised": {"pence": 40000, "currency": "GBP"}, "start": 17, "end": 22},
                    {"type": "date", "text": "3 Feb", "normalised": "2026-02-03", "start": 26, "end": 31},
                ],
                "indicators": [
                    {"family": "labour_exploitation", "indicator": "documents_held", "start": 42, "end": 63},
                ],
            }),
        );
    }

    #[test]
    fn empty_text_gives_empty_lists() {
        check(
            "",
            None,
            serde_json::json!({"entities": [], "indicators": []}),
        );
    }
}
