//! The two tantivy indexes behind [`SearchIndex`]: opening them (in memory or on disk), writing
//! batches of reports and persons, and answering report and person searches with the searcher's
//! visibility inside the query.

use crate::collect::{Best, BestPerPerson, FacetCounter, FacetTally, merge_best};
use crate::query::{self, Part};
use crate::schema::{
    MentionDoc, PersonFields, ReportFields, person_key, person_schema, phonetic_codes,
    register_analysers, report_document, report_schema,
};
use crate::{
    Facet, FacetCounts, FacetValue, Highlighted, IndexStats, IndexedReport, Location, PersonHit,
    PersonQuery, PersonResults, ReportHit, ReportQuery, ReportResults, Result, SCHEMA_VERSION,
    SearchError, Sort, Visibility, Watermark,
};
use model::HandlingCode;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Schema, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{
    DateTime, DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument,
    Term,
};

/// How a full build writes: indexing threads and the memory each may fill before it writes a
/// segment.
#[derive(Debug, Clone, Copy)]
pub struct BuildConfig {
    pub threads: usize,
    pub memory_per_thread_mb: usize,
}

impl Default for BuildConfig {
    fn default() -> BuildConfig {
        BuildConfig {
            threads: std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(4),
            memory_per_thread_mb: 128,
        }
    }
}

/// The longest passage of report text shown with a hit.
const SNIPPET_CHARS: usize = 240;

/// Incremental writes are small: one thread and the least memory tantivy accepts.
const INCREMENTAL: BuildConfig = BuildConfig {
    threads: 1,
    memory_per_thread_mb: 20,
};

/// One tantivy index with its reader and (once something is written) its writer.
pub(crate) struct IndexPart<F> {
    pub index: Index,
    pub reader: IndexReader,
    pub fields: F,
    writer: Mutex<Option<IndexWriter>>,
    /// Where it lives, for messages.
    path: String,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while writing leaves the writer as it was; tantivy's own state is consistent.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl<F> IndexPart<F> {
    fn open(location: &Location, name: &str, schema: Schema, fields: F) -> Result<IndexPart<F>> {
        let (mut index, path) = match location {
            Location::Memory => (Index::create_in_ram(schema), format!("memory ({name})")),
            Location::Directory(dir) => {
                let path = dir.join(name);
                (open_dir(&path, schema)?, path.display().to_string())
            }
        };
        register_analysers(index.tokenizers());
        // A search reads the index's segments side by side, one core each: a broad search over
        // a million reports counts its facets in half the time on two cores.
        index.set_default_multithread_executor()?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(IndexPart {
            index,
            reader,
            fields,
            writer: Mutex::new(None),
            path,
        })
    }

    /// A new writer; fails with [`SearchError::Busy`] while another holds the index.
    fn new_writer(&self, config: BuildConfig) -> Result<IndexWriter> {
        self.index
            .writer_with_num_threads(
                config.threads.max(1),
                config.memory_per_thread_mb.max(20) << 20,
            )
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => SearchError::Busy(self.path.clone()),
                e => e.into(),
            })
    }

    /// The writer for small updates, created on first use and kept, so that tantivy merges the
    /// small segments that updates write.
    fn writer(&self) -> Result<MutexGuard<'_, Option<IndexWriter>>> {
        let mut guard = lock(&self.writer);
        if guard.is_none() {
            *guard = Some(self.new_writer(INCREMENTAL)?);
        }
        Ok(guard)
    }

    fn payload(&self) -> Option<Watermark> {
        let metas = self.index.load_metas().ok()?;
        serde_json::from_str(metas.payload.as_deref()?).ok()
    }
}

/// Opens the index in `path`, or makes it when there is none or it was written with another
/// schema (the index is derived data: it is built again from the store).
fn open_dir(path: &Path, schema: Schema) -> Result<Index> {
    let open_err = |e: &dyn std::fmt::Display| SearchError::Open {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    std::fs::create_dir_all(path).map_err(|e| open_err(&e))?;
    let dir = MmapDirectory::open(path).map_err(|e| open_err(&e))?;
    if Index::exists(&dir).map_err(|e| open_err(&e))? {
        if let Ok(existing) = Index::open(dir)
            && existing.schema() == schema
        {
            return Ok(existing);
        }
        std::fs::remove_dir_all(path).map_err(|e| open_err(&e))?;
        std::fs::create_dir_all(path).map_err(|e| open_err(&e))?;
    }
    Index::create_in_dir(path, schema).map_err(|e| open_err(&e))
}

struct Inner {
    location: Location,
    reports: IndexPart<ReportFields>,
    persons: IndexPart<PersonFields>,
    mark: Mutex<Watermark>,
    /// One catch-up or build at a time.
    syncing: tokio::sync::Mutex<()>,
    /// A background build is running.
    building: AtomicBool,
}

/// The search index: cheap to clone, shared by every request.
#[derive(Clone)]
pub struct SearchIndex {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("location", &self.inner.location)
            .finish_non_exhaustive()
    }
}

/// What one write changes.
#[derive(Debug, Default)]
pub(crate) struct Batch {
    /// Reports to put in place of any earlier version.
    pub reports: Vec<IndexedReport>,
    /// Every mention's person, after an analysis run.
    pub assignments: Option<HashMap<String, String>>,
}

impl SearchIndex {
    /// Opens (or makes) the index at `location`. An index written by another version, or a
    /// build that did not finish, is empty until it is built again.
    pub fn open(location: &Location) -> Result<SearchIndex> {
        let (rs, rf) = report_schema();
        let (ps, pf) = person_schema();
        let reports = IndexPart::open(location, "reports", rs, rf)?;
        let persons = IndexPart::open(location, "persons", ps, pf)?;
        let mark = match (reports.payload(), persons.payload()) {
            (Some(r), Some(p))
                if r.built() && p.schema == SCHEMA_VERSION && p.generation == r.generation =>
            {
                r
            }
            _ => Watermark::default(),
        };
        Ok(SearchIndex {
            inner: Arc::new(Inner {
                location: location.clone(),
                reports,
                persons,
                mark: Mutex::new(mark),
                syncing: tokio::sync::Mutex::new(()),
                building: AtomicBool::new(false),
            }),
        })
    }

    pub fn location(&self) -> &Location {
        &self.inner.location
    }

    /// How far the index has read the store.
    pub fn watermark(&self) -> Watermark {
        lock(&self.inner.mark).clone()
    }

    pub(crate) fn set_watermark(&self, mark: Watermark) {
        *lock(&self.inner.mark) = mark;
    }

    pub(crate) fn syncing(&self) -> &tokio::sync::Mutex<()> {
        &self.inner.syncing
    }

    pub(crate) fn building(&self) -> &AtomicBool {
        &self.inner.building
    }

    /// Whether a background build ([`SearchIndex::spawn_rebuild`]) is running.
    pub fn is_building(&self) -> bool {
        self.inner
            .building
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    /// The documents and bytes the index holds.
    pub fn stats(&self) -> Result<IndexStats> {
        let r = self.inner.reports.reader.searcher();
        let p = self.inner.persons.reader.searcher();
        let bytes = match &self.inner.location {
            Location::Directory(dir) => dir_size(dir),
            Location::Memory => {
                let size = |s: &tantivy::Searcher| {
                    s.space_usage()
                        .map(|u| u.total().get_bytes())
                        .unwrap_or_default()
                };
                size(&r) + size(&p)
            }
        };
        Ok(IndexStats {
            reports: r.num_docs(),
            mentions: p.num_docs(),
            bytes,
        })
    }

    /// Replaces these reports (by reference) and their person mentions, keeping the persons
    /// their mentions were resolved to, and commits. For callers that hold reports already; the
    /// store's own changes come in through [`SearchIndex::catch_up`].
    pub fn index_reports(&self, reports: Vec<IndexedReport>) -> Result<()> {
        let mark = self.watermark();
        self.apply(
            Batch {
                reports,
                assignments: None,
            },
            &mark,
        )?;
        Ok(())
    }

    /// Writes a batch and commits both indexes with `mark`; returns how many mentions moved to
    /// another person.
    pub(crate) fn apply(&self, batch: Batch, mark: &Watermark) -> Result<usize> {
        let rp = &self.inner.reports;
        let pp = &self.inner.persons;
        let mut rw_guard = rp.writer()?;
        let mut pw_guard = pp.writer()?;
        let (Some(rw), Some(pw)) = (rw_guard.as_mut(), pw_guard.as_mut()) else {
            return Err(SearchError::Index("no index writer".into()));
        };
        let persons = pp.reader.searcher();
        let pf = pp.fields;
        let rewritten: HashSet<String> = batch
            .reports
            .iter()
            .map(|r| r.report.report_ref.clone())
            .collect();
        let mut analyser = crate::schema::text_analyser();
        for r in &batch.reports {
            let reference = &r.report.report_ref;
            let carried = match &batch.assignments {
                Some(_) => HashMap::new(),
                None => persons_of_report(&persons, &pf, reference)?,
            };
            let person_of = |m: &str| match &batch.assignments {
                Some(a) => a.get(m).cloned(),
                None => carried.get(m).cloned(),
            };
            rw.delete_term(Term::from_field_text(rp.fields.reference, reference));
            pw.delete_term(Term::from_field_text(pf.reference, reference));
            rw.add_document(report_document(&rp.fields, r, &mut analyser))?;
            for m in MentionDoc::of_report(r, person_of) {
                pw.add_document(m.document(&pf))?;
            }
        }
        let mut moved = 0;
        if let Some(assignments) = &batch.assignments {
            for (mention, key, address) in indexed_mentions(&persons)? {
                let wanted = assignments.get(&mention).map_or("", String::as_str);
                if key == (!wanted.is_empty()).then(|| person_key(wanted)) {
                    continue;
                }
                let stored: TantivyDocument = persons.doc(address)?;
                let Some(mut m) = mention_from_stored(&pf, &stored) else {
                    continue;
                };
                if rewritten.contains(&m.reference) {
                    continue;
                }
                m.person = (!wanted.is_empty()).then(|| wanted.to_string());
                pw.delete_term(Term::from_field_text(pf.mention, &mention));
                pw.add_document(m.document(&pf))?;
                moved += 1;
            }
        }
        commit(pw, mark)?;
        commit(rw, mark)?;
        drop(rw_guard);
        drop(pw_guard);
        pp.reader.reload()?;
        rp.reader.reload()?;
        self.set_watermark(mark.clone());
        Ok(moved)
    }

    /// Starts a full build: both indexes emptied in new writers (readers see the old index
    /// until [`FullBuild::finish`] commits).
    pub(crate) fn start_build(&self, config: BuildConfig) -> Result<FullBuild> {
        let inner = &self.inner;
        // The small-update writers give up the index's lock first.
        lock(&inner.reports.writer).take();
        lock(&inner.persons.writer).take();
        let reports = inner.reports.new_writer(config)?;
        let persons = inner.persons.new_writer(config)?;
        reports.delete_all_documents()?;
        persons.delete_all_documents()?;
        Ok(FullBuild {
            index: self.clone(),
            reports,
            persons,
        })
    }

    /// A full build from reports in hand rather than from a store (the benchmark's generated
    /// reports): everything the index held is replaced. `person_of` gives each mention's
    /// resolved person. The watermark records the largest version id, so an index built this
    /// way over a store's own reports could be caught up with afterwards.
    pub fn build_from(
        &self,
        reports: impl IntoIterator<Item = IndexedReport>,
        person_of: &dyn Fn(&str) -> Option<String>,
        config: BuildConfig,
    ) -> Result<crate::BuildSummary> {
        let started = std::time::Instant::now();
        let build = self.start_build(config)?;
        let mut mark = Watermark {
            schema: SCHEMA_VERSION,
            generation: crate::sync::new_generation(),
            ..Watermark::default()
        };
        let mut batch = Vec::with_capacity(1_000);
        let mut count = 0u64;
        for r in reports {
            mark.report_id = mark.report_id.max(r.report.id);
            batch.push(r);
            if batch.len() == 1_000 {
                build.add(&batch, person_of)?;
                count += batch.len() as u64;
                batch.clear();
            }
        }
        build.add(&batch, person_of)?;
        count += batch.len() as u64;
        build.finish(&mark)?;
        Ok(crate::BuildSummary {
            reports: count,
            seconds: started.elapsed().as_secs_f64(),
            stats: self.stats()?,
        })
    }

    /// A report search. The searcher's visibility is a required clause of the query, so the
    /// total, the facet counts and the hits are all of what they may see.
    pub fn search(&self, q: &ReportQuery, visibility: Visibility) -> Result<ReportResults> {
        let parts = query::parse(&q.text, time::OffsetDateTime::now_utc().date())?;
        let part = &self.inner.reports;
        let f = part.fields;
        let mut b = QueryBuilder {
            f,
            text: part.index.tokenizer_for_field(f.all)?,
            names: part.index.tokenizer_for_field(f.names)?,
            clauses: Vec::new(),
            text_terms: BTreeMap::new(),
            name_terms: HashSet::new(),
        };
        for p in &parts {
            b.part(p);
        }
        let QueryBuilder {
            mut clauses,
            text_terms,
            name_terms,
            ..
        } = b;
        let ranked = clauses.iter().any(|(o, _)| *o == Occur::Must);
        if !ranked {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        for (facet, values) in &q.filters.0 {
            if values.is_empty() {
                continue;
            }
            let field = part.index.schema().get_field(facet.field_name())?;
            let any: Vec<Box<dyn Query>> = values.iter().map(|v| term(field, v)).collect();
            clauses.push((Occur::Must, filter(Box::new(BooleanQuery::union(any)))));
        }
        let searcher = part.reader.searcher();
        let limit = q.limit.clamp(1, 100);
        let offset = q.offset.min(10_000);
        let newest = q.sort == Sort::Newest || !ranked;
        // Each visible query's best `offset + limit`, merged: the page is cut from those.
        let mut total = 0;
        let mut found: Vec<(f64, DocAddress, Option<f32>)> = Vec::new();
        let mut counts: FacetTally = vec![HashMap::new(); Facet::ALL.len()];
        for query in visible_queries(clauses, visibility, f.handling, f.submitter) {
            let top = TopDocs::with_limit(offset + limit);
            let (n, c) = if newest {
                let (n, docs, c) = searcher.search(
                    &query,
                    &(
                        Count,
                        top.order_by_fast_field::<DateTime>("received", Order::Desc),
                        FacetCounter,
                    ),
                )?;
                found.extend(docs.into_iter().map(|(t, d)| {
                    let at = t.map_or(f64::MIN, |t| t.into_timestamp_micros() as f64);
                    (at, d, None)
                }));
                (n, c)
            } else {
                let (n, docs, c) =
                    searcher.search(&query, &(Count, top.order_by_score(), FacetCounter))?;
                found.extend(docs.into_iter().map(|(s, d)| (f64::from(s), d, Some(s))));
                (n, c)
            };
            total += n;
            for (all, part) in counts.iter_mut().zip(c) {
                for (value, n) in part {
                    *all.entry(value).or_insert(0) += n;
                }
            }
        }
        found.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let docs: Vec<(Option<f32>, DocAddress)> = found
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|(_, d, s)| (s, d))
            .collect();

        let snippets = SnippetGenerator::new(
            text_terms,
            part.index.tokenizer_for_field(f.all)?,
            f.text,
            SNIPPET_CHARS,
        );
        let name_analyser = crate::schema::name_analyser();
        let mut hits = Vec::with_capacity(docs.len());
        for (score, address) in docs {
            let doc: TantivyDocument = searcher.doc(address)?;
            hits.push(report_hit(
                &f,
                &doc,
                score,
                &snippets,
                &name_analyser,
                &name_terms,
            ));
        }
        let facets = Facet::ALL
            .iter()
            .zip(counts)
            .map(|(facet, counts)| facet_counts(*facet, counts, q))
            .collect();
        Ok(ReportResults {
            total: total as u64,
            offset: q.offset,
            limit,
            hits,
            facets,
        })
    }

    /// A person search: each name word may be misspelt (within one or two edits, letters
    /// swapped), sound alike (Double Metaphone) or be an initial; an exact date of birth ranks
    /// a person above any difference of spelling (a word spelt exactly scores 6, misspelt 3,
    /// only sounding alike 1, an initial 0.5; the date of birth 10). Only mentions the searcher
    /// may see are searched, and only resolved ones, since a person is what analysis made of
    /// mentions.
    pub fn search_persons(&self, q: &PersonQuery, visibility: Visibility) -> Result<PersonResults> {
        let limit = q.limit.clamp(1, 100);
        let empty = PersonResults {
            total: 0,
            offset: q.offset,
            limit,
            hits: Vec::new(),
        };
        let today = time::OffsetDateTime::now_utc().date();
        let Some(terms) = query::parse_person(&q.text, today) else {
            return Ok(empty);
        };
        let part = &self.inner.persons;
        let f = part.fields;
        let mut analyser = part.index.tokenizer_for_field(f.name)?;
        let searcher = part.reader.searcher();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            filter(Box::new(TermQuery::new(
                Term::from_field_u64(f.resolved, 1),
                IndexRecordOption::Basic,
            ))),
        )];
        let mut words: Vec<String> = Vec::new();
        let mut strong: Vec<Box<dyn Query>> = Vec::new();
        for name in &terms.names {
            for token in tokens(&mut analyser, name) {
                let mut options: Vec<Box<dyn Query>> = vec![scored(term(f.name, &token), 3.0)];
                let length = token.chars().count();
                if length >= 3 {
                    let distance = if length >= 7 { 2 } else { 1 };
                    let near = spellings_near(&searcher, f.name, &token, distance)?;
                    let near: Vec<Box<dyn Query>> = near.iter().map(|t| term(f.name, t)).collect();
                    if !near.is_empty() {
                        options.push(scored(Box::new(BooleanQuery::union(near)), 2.0));
                    }
                }
                for code in phonetic_codes(&token) {
                    options.push(scored(term(f.phonetic, &code), 1.0));
                }
                strong.extend(options.iter().map(|q| q.box_clone()));
                if length >= 2
                    && let Some(initial) = token.chars().next()
                {
                    options.push(scored(term(f.name, &initial.to_string()), 0.5));
                }
                clauses.push((Occur::Must, Box::new(BooleanQuery::union(options))));
                words.push(token);
            }
        }
        let by_name = !words.is_empty();
        if by_name {
            // An initial stands in for a name only beside a name that matched: `cuckooed` must
            // not find everyone recorded as `C SOMEONE`.
            clauses.push((Occur::Must, filter(Box::new(BooleanQuery::union(strong)))));
        }
        let dob_occur = if by_name { Occur::Should } else { Occur::Must };
        if let Some(dob) = &terms.dob {
            clauses.push((dob_occur, scored(term(f.dob, dob), 10.0)));
        } else if let Some(year) = terms.dob_year.and_then(|y| u64::try_from(y).ok()) {
            let year = TermQuery::new(
                Term::from_field_u64(f.dob_year, year),
                IndexRecordOption::Basic,
            );
            clauses.push((dob_occur, scored(Box::new(year), 1.0)));
        }
        let mut best: HashMap<u64, Best> = HashMap::new();
        for query in visible_queries(clauses, visibility, f.handling, f.submitter) {
            merge_best(&mut best, searcher.search(&query, &BestPerPerson)?);
        }
        let mut ranked: Vec<(f32, DocAddress, u64)> = best.into_values().collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let total = ranked.len() as u64;
        let name_analyser = crate::schema::name_analyser();
        let wanted: Vec<(String, Vec<String>)> = words
            .iter()
            .map(|w| (w.clone(), phonetic_codes(w)))
            .collect();
        let mut hits = Vec::new();
        for (score, address, mentions) in ranked.into_iter().skip(q.offset).take(limit) {
            let best: TantivyDocument = searcher.doc(address)?;
            let Some(person) = text_of(&best, f.person) else {
                continue;
            };
            // The names and dates of birth of the person's mentions the searcher may see.
            let mut docs = Vec::new();
            for query in visible_queries(
                vec![(Occur::Must, term(f.person, &person))],
                visibility,
                f.handling,
                f.submitter,
            ) {
                docs.extend(searcher.search(&query, &TopDocs::with_limit(12).order_by_score())?);
            }
            let mut names: Vec<String> = Vec::new();
            let mut dobs: Vec<String> = Vec::new();
            for (_, address) in docs {
                let doc: TantivyDocument = searcher.doc(address)?;
                for n in doc.get_all(f.name).filter_map(|v| v.as_str()) {
                    if !names.iter().any(|x| x == n) {
                        names.push(n.to_string());
                    }
                }
                if let Some(d) = doc.get_first(f.dob).and_then(|v| v.as_str())
                    && !dobs.iter().any(|x| x == d)
                {
                    dobs.push(d.to_string());
                }
            }
            dobs.sort();
            hits.push(PersonHit {
                dob_matched: terms.dob.as_ref().is_some_and(|d| dobs.contains(d)),
                names: names
                    .into_iter()
                    .map(|n| highlight_names(&name_analyser, &n, &wanted))
                    .collect(),
                dobs,
                mentions,
                score,
                person_id: person,
            });
        }
        Ok(PersonResults {
            total,
            offset: q.offset,
            limit,
            hits,
        })
    }
}

/// Turns the parts of a report search into clauses, noting the words to mark in snippets and
/// names.
struct QueryBuilder {
    f: ReportFields,
    text: TextAnalyzer,
    names: TextAnalyzer,
    clauses: Vec<(Occur, Box<dyn Query>)>,
    text_terms: BTreeMap<String, f32>,
    name_terms: HashSet<String>,
}

impl QueryBuilder {
    fn part(&mut self, p: &Part) {
        let f = self.f;
        match p {
            Part::Word(w) => self.wanted(w, true),
            Part::Phrase(s) => self.wanted(s, false),
            Part::Phone { key, typed }
            | Part::Vrm { key, typed }
            | Part::Postcode { key, typed }
            | Part::Date { key, typed } => {
                let field = match p {
                    Part::Phone { .. } => f.phones,
                    Part::Vrm { .. } => f.vrms,
                    Part::Postcode { .. } => f.postcodes,
                    _ => f.dobs,
                };
                // The key where the report records it, or the words as typed in the text.
                let mut options: Vec<Box<dyn Query>> = vec![boosted(term(field, key), 3.0)];
                for written in [typed, key] {
                    let in_text = tokens(&mut self.text, written);
                    options.extend(in_all(&f, &in_text));
                    self.text_terms
                        .extend(in_text.into_iter().map(|t| (t, 1.0)));
                }
                // A reference can look like a registration (`IR-C2`).
                if !typed.contains(char::is_whitespace) {
                    for r in [typed.clone(), typed.to_uppercase()] {
                        options.push(boosted(term(f.reference, &r), 5.0));
                    }
                }
                self.clauses
                    .push((Occur::Must, Box::new(BooleanQuery::union(options))));
            }
            Part::Exclude(w) => {
                if let Some(q) = in_all(&f, &tokens(&mut self.text, w)) {
                    self.clauses.push((Occur::MustNot, q));
                }
            }
        }
    }

    /// Words that must be somewhere in the report (`all`); where they are a name or the
    /// reference, the report ranks higher.
    fn wanted(&mut self, words: &str, exact_reference: bool) {
        let f = self.f;
        let in_text = tokens(&mut self.text, words);
        let Some(anywhere) = in_all(&f, &in_text) else {
            return;
        };
        let in_names = tokens(&mut self.names, words);
        self.text_terms
            .extend(in_text.into_iter().map(|t| (t, 1.0)));
        self.name_terms.extend(in_names.iter().cloned());
        self.clauses.push((Occur::Must, anywhere));
        if let Some(name) = sequence(f.names, &in_names, 2.0) {
            self.clauses.push((Occur::Should, name));
        }
        if exact_reference {
            for r in [words.to_string(), words.to_uppercase()] {
                self.clauses
                    .push((Occur::Should, boosted(term(f.reference, &r), 5.0)));
            }
        }
    }
}

/// A full build in progress, with its own writers.
pub(crate) struct FullBuild {
    index: SearchIndex,
    reports: IndexWriter,
    persons: IndexWriter,
}

impl FullBuild {
    /// Adds reports (with their mentions' persons from `person_of`).
    pub fn add(
        &self,
        reports: &[IndexedReport],
        person_of: &dyn Fn(&str) -> Option<String>,
    ) -> Result<()> {
        let rf = &self.index.inner.reports.fields;
        let pf = &self.index.inner.persons.fields;
        let mut analyser = crate::schema::text_analyser();
        for r in reports {
            self.reports
                .add_document(report_document(rf, r, &mut analyser))?;
            for m in MentionDoc::of_report(r, person_of) {
                self.persons.add_document(m.document(pf))?;
            }
        }
        Ok(())
    }

    /// Commits both indexes with `mark`, waits for merges, and makes the new index the one
    /// searched.
    pub fn finish(mut self, mark: &Watermark) -> Result<()> {
        commit(&mut self.persons, mark)?;
        commit(&mut self.reports, mark)?;
        self.persons.wait_merging_threads()?;
        self.reports.wait_merging_threads()?;
        let inner = &self.index.inner;
        inner.persons.reader.reload()?;
        inner.reports.reader.reload()?;
        self.index.set_watermark(mark.clone());
        Ok(())
    }
}

fn commit(writer: &mut IndexWriter, mark: &Watermark) -> Result<()> {
    let payload =
        serde_json::to_string(mark).map_err(|e| SearchError::Index(format!("watermark: {e}")))?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    Ok(())
}

fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(q, boost))
}

fn scored(q: Box<dyn Query>, score: f32) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(q, score))
}

/// A clause that narrows without changing the ranking.
fn filter(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(q, 0.0))
}

/// The query as the searcher may run it: one query for staff; for a partner two that never
/// match the same document — the `P`-coded reports, and the `C`-coded ones they submitted —
/// and together match exactly what they may see. Two narrow queries are much cheaper than one
/// with a union of both conditions in it, which every matching document would pass through.
fn visible_queries(
    clauses: Vec<(Occur, Box<dyn Query>)>,
    visibility: Visibility,
    handling: Field,
    submitter: Field,
) -> Vec<BooleanQuery> {
    let conditional = || term(handling, HandlingCode::C.as_str());
    match visibility {
        Visibility::Everything => vec![BooleanQuery::new(clauses)],
        Visibility::Nothing => Vec::new(),
        Visibility::SharedOrSubmittedBy(id) => {
            let mut shared: Vec<(Occur, Box<dyn Query>)> =
                clauses.iter().map(|(o, q)| (*o, q.box_clone())).collect();
            shared.push((Occur::MustNot, conditional()));
            let mut queries = vec![BooleanQuery::new(shared)];
            if let Ok(id) = u64::try_from(id) {
                let mut own = clauses;
                own.push((Occur::Must, filter(conditional())));
                own.push((
                    Occur::Must,
                    filter(Box::new(TermQuery::new(
                        Term::from_field_u64(submitter, id),
                        IndexRecordOption::Basic,
                    ))),
                ));
                queries.push(BooleanQuery::new(own));
            }
            queries
        }
    }
}

/// The terms an analyser makes of `text`.
fn tokens(analyser: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyser.token_stream(text);
    while let Some(t) = stream.next() {
        out.push(t.text.clone());
    }
    out
}

/// The words of a field's dictionary within `distance` edits of `word` (a swap of two letters
/// counting as one) that begin with its letter, at most 64 — the terms a fuzzy match stands
/// for. Looking them up and
/// searching for them as ordinary terms is much cheaper than a fuzzy query's own scorer, which
/// marks every document of every such term in a bit set the size of the index.
fn spellings_near(
    searcher: &tantivy::Searcher,
    field: Field,
    word: &str,
    distance: u8,
) -> Result<Vec<String>> {
    let automaton =
        FuzzyTermQuery::new(Term::from_field_text(field, word), distance, true).automaton()?;
    let mut out: BTreeSet<String> = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut search = inverted.terms().search(&automaton);
        // Misspellings keep their first letter (a wrong first letter is a different sound,
        // which the phonetic codes catch): only that letter's part of the dictionary is read.
        if let Some(&first) = word.as_bytes().first()
            && first.is_ascii_alphanumeric()
        {
            search = search.ge([first]).lt([first + 1]);
        }
        let mut stream = search
            .into_stream()
            .map_err(|e| SearchError::Index(e.to_string()))?;
        while stream.advance() && out.len() < 64 {
            if let Ok(t) = std::str::from_utf8(stream.key()) {
                out.insert(t.to_string());
            }
        }
    }
    Ok(out.into_iter().collect())
}

/// Words in the searched text: one word, a pair of words, or a phrase of pairs
/// ([`crate::schema::word_pairs`]).
fn in_all(f: &ReportFields, words: &[String]) -> Option<Box<dyn Query>> {
    match words {
        [] => None,
        [one] => Some(term(f.all, one)),
        _ => sequence(f.pairs, &crate::schema::word_pairs(words), 1.0),
    }
}

/// A term, or a phrase of terms, in one field.
fn sequence(field: Field, terms: &[String], boost: f32) -> Option<Box<dyn Query>> {
    let q: Box<dyn Query> = match terms {
        [] => return None,
        [one] => term(field, one),
        many => Box::new(PhraseQuery::new(
            many.iter()
                .map(|t| Term::from_field_text(field, t))
                .collect(),
        )),
    };
    Some(if boost == 1.0 { q } else { boosted(q, boost) })
}

fn text_of(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn texts_of(doc: &TantivyDocument, field: Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str())
        .map(str::to_string)
        .collect()
}

fn report_hit(
    f: &ReportFields,
    doc: &TantivyDocument,
    score: Option<f32>,
    snippets: &SnippetGenerator,
    name_analyser: &TextAnalyzer,
    name_terms: &HashSet<String>,
) -> ReportHit {
    let text = text_of(doc, f.text).unwrap_or_default();
    let snippet = passage(&text, &snippets.snippet(&text));
    let handling = text_of(doc, f.handling)
        .and_then(|h| h.parse().ok())
        .unwrap_or(HandlingCode::C);
    let grading = format!(
        "{}/{}/{}",
        text_of(doc, f.grading_source).unwrap_or_default(),
        text_of(doc, f.grading_intel).unwrap_or_default(),
        handling
    );
    let received = doc
        .get_first(f.received)
        .and_then(|v| v.as_datetime())
        .map(|d| d.into_utc())
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let wanted: Vec<(String, Vec<String>)> =
        name_terms.iter().map(|t| (t.clone(), Vec::new())).collect();
    ReportHit {
        reference: text_of(doc, f.reference).unwrap_or_default(),
        score,
        received,
        source_type: text_of(doc, f.source_type).unwrap_or_default(),
        source_org: text_of(doc, f.source_org),
        grading,
        handling,
        conditions: text_of(doc, f.conditions),
        crime_types: texts_of(doc, f.crime_type),
        area: text_of(doc, f.area),
        snippet,
        names: texts_of(doc, f.names)
            .into_iter()
            .map(|n| highlight_names(name_analyser, &n, &wanted))
            .collect(),
        submitted_by: doc
            .get_first(f.submitter)
            .and_then(|v| v.as_u64())
            .and_then(|v| i64::try_from(v).ok()),
    }
}

/// The passage of a report's text to show: all of it when it is short, else the best fragment
/// with an ellipsis where it was cut; matched words marked.
fn passage(text: &str, snippet: &tantivy::snippet::Snippet) -> Highlighted {
    if snippet.highlighted().is_empty() {
        let mut start: String = text.chars().take(SNIPPET_CHARS).collect();
        if start.len() < text.len() {
            start.push('…');
        }
        return Highlighted::plain(start);
    }
    let fragment = snippet.fragment_range();
    let (start, end) = if text.len() <= SNIPPET_CHARS {
        (0, text.len())
    } else {
        (fragment.start, fragment.end)
    };
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < text.len() { "…" } else { "" };
    let shift = fragment.start - start + prefix.len();
    Highlighted {
        text: format!("{prefix}{}{suffix}", &text[start..end]),
        highlights: snippet
            .highlighted()
            .iter()
            .map(|r| (r.start + shift, r.end + shift))
            .collect(),
    }
}

/// Marks the words of a name that match a wanted word: the same word, or (when phonetic codes
/// are given) one that sounds the same.
fn highlight_names(
    analyser: &TextAnalyzer,
    name: &str,
    wanted: &[(String, Vec<String>)],
) -> Highlighted {
    let mut analyser = analyser.clone();
    let mut highlights = Vec::new();
    let mut stream = analyser.token_stream(name);
    while let Some(t) = stream.next() {
        let codes = phonetic_codes(&t.text);
        let matched = wanted.iter().any(|(w, w_codes)| {
            *w == t.text || (!w_codes.is_empty() && w_codes.iter().any(|c| codes.contains(c)))
        });
        if matched {
            highlights.push((t.offset_from, t.offset_to));
        }
    }
    Highlighted {
        text: name.to_string(),
        highlights,
    }
}

fn facet_counts(facet: Facet, counts: HashMap<String, u64>, q: &ReportQuery) -> FacetCounts {
    let mut values: Vec<FacetValue> = counts
        .into_iter()
        .map(|(value, count)| FacetValue {
            selected: q.filters.contains(facet, &value),
            value,
            count,
        })
        .collect();
    // Selected values stay on show even when nothing matched them.
    if let Some(selected) = q.filters.0.get(&facet) {
        for s in selected {
            if !values.iter().any(|v| &v.value == s) {
                values.push(FacetValue {
                    value: s.clone(),
                    count: 0,
                    selected: true,
                });
            }
        }
    }
    if facet == Facet::Month {
        values.sort_by(|a, b| b.value.cmp(&a.value));
    } else {
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    }
    FacetCounts { facet, values }
}

/// The persons the mentions of one report are resolved to, as the index holds them.
fn persons_of_report(
    searcher: &tantivy::Searcher,
    f: &PersonFields,
    reference: &str,
) -> Result<HashMap<String, String>> {
    let docs = searcher.search(
        &TermQuery::new(
            Term::from_field_text(f.reference, reference),
            IndexRecordOption::Basic,
        ),
        &TopDocs::with_limit(1000).order_by_score(),
    )?;
    let mut out = HashMap::new();
    for (_, address) in docs {
        let doc: TantivyDocument = searcher.doc(address)?;
        if let (Some(m), Some(p)) = (text_of(&doc, f.mention), text_of(&doc, f.person))
            && !p.is_empty()
        {
            out.insert(m, p);
        }
    }
    Ok(out)
}

/// Every live mention document: its mention id, its person's key (none when unresolved) and
/// where it is. Reads the fast columns, with each segment's dictionary of mentions read once.
fn indexed_mentions(
    searcher: &tantivy::Searcher,
) -> Result<Vec<(String, Option<u64>, DocAddress)>> {
    let mut out = Vec::new();
    for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
        let fast = segment.fast_fields();
        let Some(mentions) = fast.str("mention")? else {
            continue;
        };
        let keys: Option<tantivy::columnar::Column<u64>> = fast.column_opt("person_key")?;
        let mut words = Vec::with_capacity(mentions.num_terms());
        let mut stream = mentions
            .dictionary()
            .stream()
            .map_err(|e| SearchError::Index(e.to_string()))?;
        while stream.advance() {
            words.push(String::from_utf8_lossy(stream.key()).into_owned());
        }
        let alive = segment.alive_bitset();
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|a| !a.is_alive(doc)) {
                continue;
            }
            let Some(m) = mentions.term_ords(doc).next() else {
                continue;
            };
            let mention = words.get(m as usize).cloned().unwrap_or_default();
            let key = keys.as_ref().and_then(|k| k.first(doc));
            out.push((mention, key, DocAddress::new(ordinal as u32, doc)));
        }
    }
    Ok(out)
}

fn mention_from_stored(f: &PersonFields, doc: &TantivyDocument) -> Option<MentionDoc> {
    let person = text_of(doc, f.person).filter(|p| !p.is_empty());
    Some(MentionDoc {
        mention: text_of(doc, f.mention)?,
        reference: text_of(doc, f.reference)?,
        person,
        names: texts_of(doc, f.name),
        dob: text_of(doc, f.dob),
        dob_year: doc
            .get_first(f.dob_year)
            .and_then(|v| v.as_u64())
            .and_then(|y| i32::try_from(y).ok()),
        handling: text_of(doc, f.handling)?.parse().ok()?,
        submitter: doc
            .get_first(f.submitter)
            .and_then(|v| v.as_u64())
            .and_then(|v| i64::try_from(v).ok()),
    })
}
