//! Generating a world's files: chunks rendered in parallel, written in order (so the output
//! depends on the seed alone, not on the number of threads), the intelligence streamed as it
//! is made and the truth written at the end.

use crate::render::{CHUNK_CAPACITY, ChunkOut, Ctx, IndicatorHit, Lexicon, RefScheme, ReportMeta};
use crate::truth::{FORMAT, TruthGroup, TruthIndicator, TruthPerson, VERSION};
use crate::world::{NONE, Sex, World};
use crate::{Config, SimError, background, groups, util};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// What was generated.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Summary {
    pub people: u64,
    pub households: u64,
    pub groups: u64,
    pub reports: u64,
    pub person_mentions: u64,
    pub indicator_wordings: u64,
    pub victims: u64,
    pub lookalikes: u64,
    pub reports_by_source: BTreeMap<String, u64>,
    /// Drama-range phone numbers given to more than one person (only in very large worlds).
    pub phones_reused: u64,
    pub intel_bytes: u64,
}

/// Counts bytes written through it.
struct Counting<'a> {
    inner: &'a mut dyn Write,
    bytes: u64,
}

impl Write for Counting<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn render_chunk(
    world: &World,
    lexicon: &Lexicon,
    refs: RefScheme,
    chunk: usize,
) -> Result<ChunkOut, SimError> {
    let rng = util::stream(world.config.seed, 2, chunk as u64);
    let mut cx = Ctx::new(world, lexicon, refs, chunk as u32, rng);
    let c = &world.chunks[chunk];
    background::render(&mut cx, c);
    for &g in &c.groups {
        groups::render(&mut cx, &world.groups[g as usize]);
    }
    if let Some(missing) = cx.missing.first() {
        return Err(SimError::Phrases(format!(
            "the phrase bank lacks {missing}, which the generator uses"
        )));
    }
    if cx.out.reports.len() as u64 > CHUNK_CAPACITY {
        return Err(SimError::Config(format!(
            "chunk {chunk} made {} reports, more than {CHUNK_CAPACITY}",
            cx.out.reports.len()
        )));
    }
    Ok(cx.out)
}

/// The truth gathered while chunks are written.
#[derive(Default)]
struct Gathered {
    reports: Vec<ReportMeta>,
    mentions: Vec<(u32, u32, u8)>,
    indicators: Vec<IndicatorHit>,
    by_source: [u64; 7],
}

/// Generates the world of `config`, writing exchange-v1 JSON Lines to `intel` and the truth
/// to `truth`.
pub fn generate(
    config: &Config,
    intel: &mut dyn Write,
    truth: &mut dyn Write,
) -> Result<Summary, SimError> {
    config.validate()?;
    let bank =
        crate::phrases::PhraseBank::embedded().map_err(|e| SimError::Phrases(e.to_string()))?;
    let lexicon = Lexicon::new(bank);
    let world = World::build(config)?;
    let refs = RefScheme::for_chunks(world.chunks.len(), config.seed);
    let mut intel = Counting {
        inner: intel,
        bytes: 0,
    };
    let gathered = render_all(&world, &lexicon, refs, &mut intel)?;
    intel.flush()?;
    write_truth(&world, bank.version, refs, &gathered, truth)?;
    truth.flush()?;
    let mut by_source = BTreeMap::new();
    for (i, s) in model::SourceType::ALL.iter().enumerate() {
        by_source.insert(s.as_str().to_string(), gathered.by_source[i]);
    }
    Ok(Summary {
        people: world.persons.len() as u64,
        households: world.households.len() as u64,
        groups: world.groups.len() as u64,
        reports: gathered.reports.len() as u64,
        person_mentions: gathered.mentions.len() as u64,
        indicator_wordings: gathered.indicators.len() as u64,
        victims: world.persons.iter().filter(|p| p.victim.is_some()).count() as u64,
        lookalikes: world
            .persons
            .iter()
            .filter(|p| p.lookalike.is_some())
            .count() as u64,
        reports_by_source: by_source,
        phones_reused: u64::from(world.phones.reused),
        intel_bytes: intel.bytes,
    })
}

/// Renders every chunk on `threads` workers and writes them in chunk order.
fn render_all(
    world: &World,
    lexicon: &Lexicon,
    refs: RefScheme,
    intel: &mut Counting<'_>,
) -> Result<Gathered, SimError> {
    let chunks = world.chunks.len();
    let threads = world.config.threads.clamp(1, chunks.max(1));
    let mut gathered = Gathered::default();
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| -> Result<(), SimError> {
        let (tx, rx) = mpsc::sync_channel::<(usize, Result<ChunkOut, SimError>)>(threads * 2);
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, stop) = (&next, &stop);
            scope.spawn(move || {
                loop {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let c = next.fetch_add(1, Ordering::Relaxed);
                    if c >= chunks {
                        return;
                    }
                    let out = render_chunk(world, lexicon, refs, c);
                    if tx.send((c, out)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<usize, ChunkOut> = BTreeMap::new();
        let mut to_write = 0;
        for (c, out) in rx {
            let out = match out {
                Ok(out) => out,
                Err(e) => {
                    stop.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            };
            pending.insert(c, out);
            while let Some(out) = pending.remove(&to_write) {
                if let Err(e) = write_chunk(world, to_write, out, intel, &mut gathered) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(e);
                }
                to_write += 1;
            }
        }
        Ok(())
    })?;
    Ok(gathered)
}

/// Writes one chunk's lines in a shuffled order (so that a group's reports are not
/// neighbours in the file) and gathers its truth.
fn write_chunk(
    world: &World,
    chunk: usize,
    out: ChunkOut,
    intel: &mut Counting<'_>,
    gathered: &mut Gathered,
) -> Result<(), SimError> {
    let mut order: Vec<u32> = (0..out.line_ends.len() as u32).collect();
    let mut rng = util::stream(world.config.seed, 5, chunk as u64);
    util::shuffle(&mut rng, &mut order);
    for &i in &order {
        let start = if i == 0 {
            0
        } else {
            out.line_ends[i as usize - 1]
        } as usize;
        let end = out.line_ends[i as usize] as usize;
        intel.write_all(&out.buf[start..end])?;
    }
    let base = gathered.reports.len() as u32;
    gathered.reports.extend_from_slice(&out.reports);
    gathered
        .mentions
        .extend(out.mentions.iter().map(|(p, r, l)| (*p, base + r, *l)));
    gathered
        .indicators
        .extend(out.indicators.iter().map(|h| IndicatorHit {
            report: base + h.report,
            ..*h
        }));
    for (i, n) in out.by_source.iter().enumerate() {
        gathered.by_source[i] += u64::from(*n);
    }
    Ok(())
}

fn person_id(p: u32) -> String {
    format!("tp_{:07}", p + 1)
}

fn group_id(g: u32) -> String {
    format!("tg_{:04}", g + 1)
}

fn write_truth(
    world: &World,
    bank_version: u32,
    refs: RefScheme,
    gathered: &Gathered,
    out: &mut dyn Write,
) -> Result<(), SimError> {
    let c = &world.config;
    let reference = |report: u32| {
        let meta = gathered.reports[report as usize];
        let mut s = String::with_capacity(32);
        refs.write_ref(&mut s, meta.year, meta.serial);
        s
    };
    let last = world.date(world.days - 1);
    let header = serde_json::json!({
        "format": FORMAT,
        "version": VERSION,
        "generator": {
            "seed": c.seed,
            "people": c.people,
            "groups": world.groups.len(),
            "noise": c.noise,
            "phrases": c.phrases.as_str(),
            "phrase_bank_version": bank_version,
            "period": {"from": world.start.to_string(), "to": last.to_string()},
            "force": {"name": crate::geo::FORCE_NAME, "code": crate::geo::FORCE_CODE},
        },
        "summary": {
            "reports": gathered.reports.len(),
            "person_mentions": gathered.mentions.len(),
            "victims": world.persons.iter().filter(|p| p.victim.is_some()).count(),
            "lookalikes": world.persons.iter().filter(|p| p.lookalike.is_some()).count(),
        },
    });
    // The header's fields, then the large arrays streamed one element at a time.
    let text = serde_json::to_string(&header)?;
    let open = text.strip_suffix('}').unwrap_or(&text);
    out.write_all(open.as_bytes())?;

    let mut mentions = gathered.mentions.clone();
    mentions.sort_unstable();
    out.write_all(b",\"persons\":[")?;
    let mut m = 0;
    for (i, p) in world.persons.iter().enumerate() {
        let i = i as u32;
        let mut ids = Vec::new();
        while m < mentions.len() && mentions[m].0 == i {
            let (_, report, local) = mentions[m];
            ids.push(format!("{}#P{}", reference(report), u32::from(local) + 1));
            m += 1;
        }
        let person = TruthPerson {
            id: person_id(i),
            name: p.display_name(),
            dob: p.dob.to_string(),
            gender: match p.sex {
                Sex::Male => "male",
                Sex::Female => "female",
            }
            .to_string(),
            victim: p.victim,
            lookalike: p.lookalike,
            group: (p.group != NONE).then(|| group_id(p.group)),
            role: p.role.map(|r| r.as_str().to_string()),
            mentions: ids,
        };
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"\n")?;
        serde_json::to_writer(&mut *out, &person)?;
    }

    out.write_all(b"],\"groups\":[")?;
    let mut group_reports: HashMap<u32, Vec<String>> = HashMap::new();
    for (i, meta) in gathered.reports.iter().enumerate() {
        if meta.group != NONE {
            group_reports
                .entry(meta.group)
                .or_default()
                .push(reference(i as u32));
        }
    }
    for (i, g) in world.groups.iter().enumerate() {
        let group = TruthGroup {
            id: group_id(g.id),
            kind: g.kind.exchange_kind().to_string(),
            label: g.label.clone(),
            crime_types: g
                .crime_types
                .iter()
                .map(|c| c.as_str().to_string())
                .collect(),
            members: g.members.iter().map(|(p, _)| person_id(*p)).collect(),
            roles: g
                .members
                .iter()
                .map(|(p, r)| (person_id(*p), r.as_str().to_string()))
                .collect(),
            deal_lines: g.deal_lines.iter().map(|p| p.e164()).collect(),
            harm: g.harm,
            harm_reasons: g.harm_reasons.clone(),
            reports: group_reports.remove(&g.id).unwrap_or_default(),
        };
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"\n")?;
        serde_json::to_writer(&mut *out, &group)?;
    }

    out.write_all(b"],\"indicators\":[")?;
    let bank =
        crate::phrases::PhraseBank::embedded().map_err(|e| SimError::Phrases(e.to_string()))?;
    for (i, hit) in gathered.indicators.iter().enumerate() {
        let ind = &bank.indicators[hit.indicator as usize];
        let t = TruthIndicator {
            report: reference(hit.report),
            family: ind.family.as_str().to_string(),
            indicator: ind.indicator.clone(),
            half: match hit.half {
                crate::phrases::Half::Training => "training",
                crate::phrases::Half::HeldOut => "held_out",
            }
            .to_string(),
            start: hit.start,
            end: hit.end,
        };
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"\n")?;
        serde_json::to_writer(&mut *out, &t)?;
    }
    out.write_all(b"]}\n")?;
    Ok(())
}
