//! The Rust side of `bench/graph/run.sh`: generates planted-partition edge lists and times
//! connected components, Leiden and PageRank on one, printing a JSON line per run.
//!
//! ```text
//! cargo run --release -p graph --example bench_graph -- generate --nodes 100000 --edges 1000000 --out g.txt
//! cargo run --release -p graph --example bench_graph -- run --edges g.txt [--membership m.txt] [--iterations 2]
//! ```
//!
//! The edge list is one `u v` pair of 0-based node numbers a line, as igraph's
//! `Graph.Read_Edgelist` reads it; the graph has `max + 1` nodes.

use graph::csr::Csr;
use graph::leiden::{LeidenConfig, leiden};
use graph::measures::{PageRankConfig, components, pagerank};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::{BufWriter, Read, Write};
use std::time::Instant;

fn main() {
    if let Err(e) = run() {
        eprintln!("bench_graph: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| -> Option<String> {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let number = |name: &str, default: u64| -> Result<u64, String> {
        flag(name).map_or(Ok(default), |v| {
            v.replace('_', "")
                .parse()
                .map_err(|_| format!("{name} needs a whole number, not {v:?}"))
        })
    };
    match args.first().map(String::as_str) {
        Some("generate") => {
            let out = flag("--out").ok_or("generate needs --out FILE")?;
            let nodes = number("--nodes", 100_000)?;
            let edges = number("--edges", 1_000_000)?;
            let size = number("--community-size", 100)?;
            let seed = number("--seed", 1)?;
            let inside: f64 = flag("--inside")
                .map_or(Ok(0.65), |v| v.parse().map_err(|_| "--inside needs a number"))?;
            let started = Instant::now();
            let list = planted_partition(nodes as u32, edges as usize, size as u32, inside, seed);
            write_edges(&out, &list).map_err(|e| format!("cannot write {out}: {e}"))?;
            eprintln!(
                "wrote {} edges on {nodes} nodes to {out} in {:.1} s",
                list.len(),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Some("run") => {
            let path = flag("--edges").ok_or("run needs --edges FILE")?;
            let iterations = number("--iterations", 2)? as u32;
            let started = Instant::now();
            let file = std::fs::File::open(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
            let (n, edges) = read_edges(file).map_err(|e| format!("{path}: {e}"))?;
            let g = Csr::from_edges(n, &edges, None);
            drop(edges);
            let load = started.elapsed().as_secs_f64();

            let started = Instant::now();
            let (_, component_count) = components(&g);
            let components_s = started.elapsed().as_secs_f64();

            let config = LeidenConfig {
                max_iterations: iterations,
                ..LeidenConfig::default()
            };
            let started = Instant::now();
            let communities = leiden(&g, &config);
            let leiden_s = started.elapsed().as_secs_f64();

            let started = Instant::now();
            let pr = pagerank(&g, &PageRankConfig::default());
            let pagerank_s = started.elapsed().as_secs_f64();
            let mut top: Vec<usize> = (0..n).collect();
            top.sort_by(|a, b| pr.scores[*b].total_cmp(&pr.scores[*a]).then(a.cmp(b)));
            top.truncate(10);

            if let Some(out) = flag("--membership") {
                let file = std::fs::File::create(&out).map_err(|e| format!("{out}: {e}"))?;
                let mut w = BufWriter::new(file);
                for c in &communities.membership {
                    writeln!(w, "{c}").map_err(|e| format!("{out}: {e}"))?;
                }
                w.flush().map_err(|e| format!("{out}: {e}"))?;
            }
            println!(
                "{{\"system\":\"sightline graph\",\"nodes\":{n},\"edges\":{},\"threads\":{},\"load_s\":{load:.3},\"components_s\":{components_s:.3},\"components\":{component_count},\"leiden_s\":{leiden_s:.3},\"leiden_iterations\":{},\"communities\":{},\"modularity\":{:.6},\"pagerank_s\":{pagerank_s:.3},\"pagerank_iterations\":{},\"pagerank_top\":{:?},\"peak_rss_mb\":{:.0}}}",
                g.edge_count(),
                rayon::current_num_threads(),
                communities.iterations,
                communities.count,
                communities.modularity,
                pr.iterations,
                top,
                peak_rss_mb().unwrap_or(f64::NAN),
            );
            Ok(())
        }
        _ => Err("usage: bench_graph generate --out FILE [--nodes N] [--edges M] [--community-size S] [--inside F] [--seed S]\n       bench_graph run --edges FILE [--membership OUT] [--iterations K]".into()),
    }
}

/// A planted-partition graph: nodes in communities of `size`, each edge inside one community
/// with probability `inside`, otherwise between any two nodes; no repeats, no self-loops. Node
/// numbers are shuffled, so a community's nodes are scattered through the numbering, and the
/// edges are written in random order.
fn planted_partition(n: u32, m: usize, size: u32, inside: f64, seed: u64) -> Vec<(u32, u32)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let communities = (n / size).max(1);
    let mut label: Vec<u32> = (0..n).collect();
    label.shuffle(&mut rng);
    let mut edges: Vec<(u32, u32)> = Vec::with_capacity(m + m / 50);
    while edges.len() < m {
        let missing = m - edges.len();
        for _ in 0..missing + missing / 50 + 16 {
            let (a, b) = if rng.random::<f64>() < inside {
                let c = rng.random_range(0..communities);
                let lo = c * size;
                let hi = if c + 1 == communities { n } else { lo + size };
                (rng.random_range(lo..hi), rng.random_range(lo..hi))
            } else {
                (rng.random_range(0..n), rng.random_range(0..n))
            };
            if a != b {
                let (a, b) = (label[a as usize], label[b as usize]);
                edges.push((a.min(b), a.max(b)));
            }
        }
        edges.sort_unstable();
        edges.dedup();
        if edges.len() > m {
            // Keep a random m of them, not the smallest.
            edges.shuffle(&mut rng);
            edges.truncate(m);
            edges.sort_unstable();
        }
    }
    edges.shuffle(&mut rng);
    edges
}

fn write_edges(path: &str, edges: &[(u32, u32)]) -> std::io::Result<()> {
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    for (a, b) in edges {
        writeln!(w, "{a} {b}")?;
    }
    w.flush()
}

/// Reads `u v` lines, a megabyte at a time; returns the node count (largest number + 1) and
/// the edges.
fn read_edges(mut input: impl Read) -> Result<(usize, Vec<(u32, u32)>), String> {
    let mut edges = Vec::new();
    let mut max = 0u32;
    let mut numbers = [0u32; 2];
    let mut count = 0;
    let mut current: Option<u64> = None;
    let mut line = 1;
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let read = input.read(&mut buffer).map_err(|e| e.to_string())?;
        // An empty read is the end: a final newline closes a last line without one.
        let chunk: &[u8] = if read == 0 { b"\n" } else { &buffer[..read] };
        for &b in chunk {
            match b {
                b'0'..=b'9' => {
                    let v = current.unwrap_or(0) * 10 + u64::from(b - b'0');
                    if v > u64::from(u32::MAX) {
                        return Err(format!("line {line}: node number too large"));
                    }
                    current = Some(v);
                }
                b' ' | b'\t' | b'\r' | b'\n' => {
                    if let Some(v) = current.take() {
                        if count == 2 {
                            return Err(format!("line {line}: more than two numbers"));
                        }
                        numbers[count] = v as u32;
                        count += 1;
                    }
                    if b == b'\n' {
                        match count {
                            0 => {}
                            2 => {
                                max = max.max(numbers[0]).max(numbers[1]);
                                edges.push((numbers[0], numbers[1]));
                            }
                            _ => return Err(format!("line {line}: expected two node numbers")),
                        }
                        count = 0;
                        line += 1;
                    }
                }
                _ => return Err(format!("line {line}: unexpected byte {b:#04x}")),
            }
        }
        if read == 0 {
            break;
        }
    }
    let n = if edges.is_empty() {
        0
    } else {
        max as usize + 1
    };
    Ok((n, edges))
}

/// The process's peak resident memory in MB (`VmHWM`).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
