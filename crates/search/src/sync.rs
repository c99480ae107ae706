//! Reading the store into the index: a full build, and catching up with what changed since the
//! watermark — new and superseded report versions, submitters recorded by triage, and persons
//! moved by an analysis run.

use crate::index::{Batch, BuildConfig, SearchIndex};
use crate::{IndexStats, IndexedReport, Result, SCHEMA_VERSION, SearchError, Watermark};
use futures::TryStreamExt;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;
use store::{ReportFilter, Store};

/// What a full build did.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct BuildSummary {
    pub reports: u64,
    pub seconds: f64,
    pub stats: IndexStats,
}

/// What catching up did.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum CatchUp {
    /// Nothing had changed.
    UpToDate,
    /// Reports were replaced, and mentions moved to other persons after an analysis run.
    Updated { reports: usize, moved: usize },
    /// The index had never been built (or its build was cut short), and was built.
    Built(BuildSummary),
    /// More has changed than the limit allows catching up with now; a full build is due.
    Behind { reports: usize },
}

/// How much a catch-up may do before it leaves the work to a full build.
#[derive(Debug, Clone, Copy)]
pub struct CatchUpLimits {
    pub max_reports: usize,
}

impl Default for CatchUpLimits {
    fn default() -> CatchUpLimits {
        CatchUpLimits { max_reports: 5_000 }
    }
}

/// The state key under which a store keeps the identity its search indexes are built from.
const STORE_ID_KEY: &str = "search.store_id";

/// The identity of a store for its search indexes (empty when it has none yet); made and
/// kept in the store's state when `create` is set.
async fn store_id(store: &dyn Store, create: bool) -> Result<String> {
    if let Some(id) = store.state(STORE_ID_KEY).await?
        && !id.is_empty()
    {
        return Ok(id);
    }
    if !create {
        return Ok(String::new());
    }
    let id = format!("{:x}-{:x}", new_generation(), std::process::id());
    store.set_state(STORE_ID_KEY, &id).await?;
    Ok(id)
}

/// Reports read from the store per batch of a full build.
const BUILD_BATCH: usize = 2_000;

fn interrupted(e: tokio::task::JoinError) -> SearchError {
    SearchError::Index(format!("index work was interrupted: {e}"))
}

/// A number that differs between builds.
pub(crate) fn new_generation() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1);
    nanos.max(1)
}

/// The store id of the newest current report version (0 for none).
async fn newest_report_id(store: &dyn Store) -> Result<i64> {
    let rows = store
        .report_summaries(ReportFilter {
            limit: 1,
            ..ReportFilter::default()
        })
        .await?;
    Ok(rows.first().map_or(0, |r| r.id))
}

/// The id of the newest audit entry. Ids grow by one from 1 (the trail is append-only), so the
/// count gives the neighbourhood; reading on from there finds the last even after gaps.
async fn newest_audit_id(store: &dyn Store) -> Result<i64> {
    let count = store.counts().await?.audit_entries;
    for start in [(count - 100).max(0), 0] {
        let mut after = start;
        let mut last = None;
        loop {
            let page = store.audit_entries(after, 10_000).await?;
            let Some(entry) = page.last() else {
                break;
            };
            last = Some(entry.id);
            after = entry.id;
            if page.len() < 10_000 {
                break;
            }
        }
        if let Some(id) = last {
            return Ok(id);
        }
    }
    Ok(0)
}

impl SearchIndex {
    /// Makes the index again from the store: every current report, every submitter, every
    /// resolved person. Searches keep answering from the old index until the new one is
    /// committed. `progress` is told how many reports have been read.
    pub async fn rebuild(
        &self,
        store: &dyn Store,
        config: BuildConfig,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<BuildSummary> {
        let _one_at_a_time = self.syncing().lock().await;
        self.rebuild_locked(store, config, progress).await
    }

    async fn rebuild_locked(
        &self,
        store: &dyn Store,
        config: BuildConfig,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<BuildSummary> {
        let started = Instant::now();
        // How far the store is read is noted first: anything written while the build runs is
        // newer than the watermark and is caught up with afterwards.
        let mut mark = Watermark {
            schema: SCHEMA_VERSION,
            generation: new_generation(),
            report_id: newest_report_id(store).await?,
            workflow_at: String::new(),
            audit_id: newest_audit_id(store).await?,
            store_id: store_id(store, true).await?,
        };
        let mut submitters: HashMap<String, i64> = HashMap::new();
        for w in store.workflow(None, None, i64::MAX).await? {
            if w.updated_at > mark.workflow_at {
                mark.workflow_at = w.updated_at.clone();
            }
            if let Some(id) = w.submitted_by {
                submitters.insert(w.report_ref, id);
            }
        }
        let assignments: Arc<HashMap<String, String>> = Arc::new(
            store
                .person_assignments()
                .await?
                .into_iter()
                .map(|a| (a.mention, a.person_id))
                .collect(),
        );
        let build = Arc::new({
            let index = self.clone();
            tokio::task::spawn_blocking(move || index.start_build(config))
                .await
                .map_err(interrupted)??
        });
        let mut stream = store.reports();
        let mut batch = Vec::with_capacity(BUILD_BATCH);
        let mut read = 0u64;
        loop {
            let next = stream.try_next().await?;
            let done = next.is_none();
            if let Some(report) = next {
                read += 1;
                let submitted_by = submitters.get(&report.report_ref).copied();
                batch.push(IndexedReport {
                    report,
                    submitted_by,
                });
            }
            if batch.len() >= BUILD_BATCH || (done && !batch.is_empty()) {
                let reports = std::mem::take(&mut batch);
                let (build, assignments) = (build.clone(), assignments.clone());
                tokio::task::spawn_blocking(move || {
                    build.add(&reports, &|m: &str| assignments.get(m).cloned())
                })
                .await
                .map_err(interrupted)??;
                progress(read);
            }
            if done {
                break;
            }
        }
        drop(stream);
        let build = Arc::try_unwrap(build)
            .map_err(|_| SearchError::Index("the build is still in use".into()))?;
        let finished_mark = mark.clone();
        tokio::task::spawn_blocking(move || build.finish(&finished_mark))
            .await
            .map_err(interrupted)??;
        Ok(BuildSummary {
            reports: read,
            seconds: started.elapsed().as_secs_f64(),
            stats: self.stats()?,
        })
    }

    /// Brings the index up to date with the store: call it after writes (the server calls it
    /// before each search, so a search always sees what was stored before it). Reads only what
    /// is newer than the watermark: report versions (a superseded report is deleted by
    /// reference and its current version added), triage records (which carry the submitter),
    /// and analysis runs in the audit trail (after which mentions move to their new persons).
    /// An index never built, or built from another store (a replaced database), is built
    /// whole, unless the store holds more reports than the limit.
    pub async fn catch_up(&self, store: &dyn Store, limits: CatchUpLimits) -> Result<CatchUp> {
        let _one_at_a_time = self.syncing().lock().await;
        let mark = self.watermark();
        if !mark.built() || mark.store_id != store_id(store, false).await? {
            let reports = usize::try_from(store.counts().await?.reports).unwrap_or(0);
            if reports > limits.max_reports {
                return Ok(CatchUp::Behind { reports });
            }
            let summary = self
                .rebuild_locked(store, BuildConfig::default(), &|_| {})
                .await?;
            return Ok(CatchUp::Built(summary));
        }
        let mut next = mark.clone();
        let mut refs: BTreeSet<String> = BTreeSet::new();

        // New report versions, newest first down to the watermark.
        if newest_report_id(store).await? > mark.report_id {
            let mut before = None;
            'pages: loop {
                let rows = store
                    .report_summaries(ReportFilter {
                        before_id: before,
                        limit: 500,
                        ..ReportFilter::default()
                    })
                    .await?;
                for r in &rows {
                    if r.id <= mark.report_id {
                        break 'pages;
                    }
                    next.report_id = next.report_id.max(r.id);
                    refs.insert(r.report_ref.clone());
                }
                if refs.len() > limits.max_reports {
                    return Ok(CatchUp::Behind {
                        reports: refs.len(),
                    });
                }
                match rows.last() {
                    Some(last) if rows.len() == 500 => before = Some(last.id),
                    _ => break,
                }
            }
        }

        // Triage records written since: the submitter is recorded just after the report.
        let mut limit = 50;
        loop {
            let rows = store.workflow(None, None, limit).await?;
            let fresh: Vec<_> = rows
                .iter()
                .take_while(|w| w.updated_at > mark.workflow_at)
                .collect();
            if fresh.len() == rows.len() && rows.len() as i64 == limit && limit < 1 << 20 {
                limit *= 8;
                continue;
            }
            for w in fresh {
                if w.updated_at > next.workflow_at {
                    next.workflow_at = w.updated_at.clone();
                }
                refs.insert(w.report_ref.clone());
            }
            break;
        }
        if refs.len() > limits.max_reports {
            return Ok(CatchUp::Behind {
                reports: refs.len(),
            });
        }

        // Analysis runs, which move mentions between persons.
        let mut analysed = false;
        loop {
            let page = store.audit_entries(next.audit_id, 1_000).await?;
            analysed |= page.iter().any(|e| e.action == "analyse");
            match page.last() {
                Some(last) => next.audit_id = last.id,
                None => break,
            }
            if page.len() < 1_000 {
                break;
            }
        }

        if refs.is_empty() && !analysed {
            // Only the audit position moved: it is kept in memory and written with the next
            // commit.
            self.set_watermark(next);
            return Ok(CatchUp::UpToDate);
        }
        let mut reports = Vec::with_capacity(refs.len());
        for reference in &refs {
            let Some(report) = store.report(reference).await? else {
                continue;
            };
            let submitted_by = store
                .report_workflow(reference)
                .await?
                .and_then(|w| w.submitted_by);
            reports.push(IndexedReport {
                report,
                submitted_by,
            });
        }
        let assignments = if analysed {
            Some(
                store
                    .person_assignments()
                    .await?
                    .into_iter()
                    .map(|a| (a.mention, a.person_id))
                    .collect(),
            )
        } else {
            None
        };
        let count = reports.len();
        let index = self.clone();
        let moved = tokio::task::spawn_blocking(move || {
            index.apply(
                Batch {
                    reports,
                    assignments,
                },
                &next,
            )
        })
        .await
        .map_err(interrupted)??;
        Ok(CatchUp::Updated {
            reports: count,
            moved,
        })
    }

    /// Makes the index ready before a server starts: built whole from the store when `rebuild`
    /// asks for it, when it has never been built (or was written by another version, or its
    /// build was cut short, or it was built from another store), or when it is further behind
    /// than a catch-up should go; otherwise caught up with what changed since it was written.
    pub async fn prepare(
        &self,
        store: &dyn Store,
        rebuild: bool,
        config: BuildConfig,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<CatchUp> {
        if !rebuild {
            match self.catch_up(store, CatchUpLimits::default()).await? {
                CatchUp::Behind { .. } => {}
                done => return Ok(done),
            }
        }
        Ok(CatchUp::Built(self.rebuild(store, config, progress).await?))
    }

    /// Starts a full build in the background unless one is already running; the index keeps
    /// answering from what it holds meanwhile. For a server whose index has fallen far behind.
    pub fn spawn_rebuild(&self, store: Arc<dyn Store>) {
        if self.building().swap(true, Ordering::SeqCst) {
            return;
        }
        let index = self.clone();
        tokio::spawn(async move {
            if let Err(e) = index
                .rebuild(store.as_ref(), BuildConfig::default(), &|_| {})
                .await
            {
                eprintln!("sightline: rebuilding the search index failed: {e}");
            }
            index.building().store(false, Ordering::SeqCst);
        });
    }
}
