//! Extracts from every line of a file, `ROUNDS` times, for profiling `extract::extract`
//! without the benchmark's text generation in the samples:
//! `cargo run --release -p extract --example profile -- texts.txt 5`.
//!
//! With `--dump OUT`, writes each line's extraction as one JSON line to `OUT` instead of timing,
//! so that the output of two builds can be compared byte for byte.

use std::io::Write;
use std::time::Instant;

/// The `sightline` binary's allocator: allocation is a share of extraction's time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: profile FILE [ROUNDS] | profile FILE --dump OUT";
    let path = args.first().ok_or(usage)?;
    let text = std::fs::read_to_string(path)?;
    let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    if args.get(1).map(String::as_str) == Some("--dump") {
        let out = args.get(2).ok_or(usage)?;
        let mut out = std::io::BufWriter::new(std::fs::File::create(out)?);
        for line in &lines {
            serde_json::to_writer(&mut out, &extract::extract(line))?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
        return Ok(());
    }
    let rounds: usize = args.get(1).map_or(Ok(1), |r| r.parse())?;
    let _ = extract::extract(lines.first().copied().unwrap_or(""));
    let started = Instant::now();
    let mut found = 0;
    for _ in 0..rounds {
        for line in &lines {
            let f = extract::extract(line);
            found += f.entities.len() + f.indicators.len();
        }
    }
    let took = started.elapsed().as_secs_f64();
    let mb = text.len() as f64 * rounds as f64 / 1e6;
    println!(
        "{mb:.1} MB in {took:.2} s: {:.1} MB/s, {found} found",
        mb / took
    );
    Ok(())
}
