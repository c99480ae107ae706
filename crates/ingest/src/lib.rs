//! Reads exchange-v1 intelligence records: JSON Lines from a file, a gzip file or standard input,
//! one validated and normalised [`model::Report`] per good line and one [`Rejection`] — naming the
//! line, the field and the reason — per bad one.
//!
//! Key design decision: the reader streams. It holds one line at a time (bounded by
//! [`MAX_LINE_BYTES`]), so memory stays flat however large the file, and a bad line never stops
//! the lines after it. Only a stream that cannot be read on (an I/O error, a gzip member that
//! ends early) ends a file early, and that is reported with the last line read.

mod validate;
mod wire;

pub use validate::{FieldError, KNOWN_KINDS, MAX_TEXT_BYTES};

use flate2::read::MultiGzDecoder;
use model::Report;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Lines longer than this are rejected without being held in memory.
pub const MAX_LINE_BYTES: usize = 4 << 20;

/// One accepted line.
#[derive(Debug, Clone)]
pub struct Accepted {
    /// 1-based line number in the file.
    pub line: u64,
    pub report: Report,
    /// SHA-256 of the record's canonical JSON (keys sorted, no insignificant white space): the
    /// same record sent twice, however formatted, has the same hash.
    pub content_hash: String,
    /// The line exactly as received.
    pub raw: String,
    /// The normalised entities as stored (`Report::entities_json`), made here so that this work
    /// happens on the reading thread rather than the writing one.
    pub entities_json: String,
}

/// One rejected line: which, which field (when one field is to blame) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub line: u64,
    pub field: Option<String>,
    pub reason: String,
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            Some(field) => write!(f, "line {}: {}: {}", self.line, field, self.reason),
            None => write!(f, "line {}: {}", self.line, self.reason),
        }
    }
}

/// What reading one line gave.
#[derive(Debug)]
pub enum Item {
    Accepted(Box<Accepted>),
    Rejected(Rejection),
}

/// The stream could not be read on.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot open: {0}")]
    Open(#[source] io::Error),
    #[error("cannot read past line {line}: {source}")]
    Stream {
        line: u64,
        #[source]
        source: io::Error,
    },
}

/// Parses and validates one line. `line` is its 1-based number, used in the rejection.
pub fn parse_line(bytes: &[u8], line: u64) -> Result<Accepted, Rejection> {
    let reject = |field: Option<String>, reason: String| Rejection {
        line,
        field,
        reason,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        reject(
            None,
            format!("not valid UTF-8 (bad byte at offset {})", e.valid_up_to()),
        )
    })?;
    let text = text.trim_end_matches(['\r', '\n']);
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        let what = if e.is_eof() {
            "truncated JSON"
        } else {
            "invalid JSON"
        };
        reject(None, format!("{what}: {e}"))
    })?;
    if !value.is_object() {
        return Err(reject(None, "not a JSON object".to_string()));
    }
    let canonical = serde_json::to_vec(&value).unwrap_or_default();
    // No field may hold U+0000: PostgreSQL text cannot store it.
    if holds_nul(&value) {
        return Err(reject(
            None,
            "contains a NUL character (\\u0000), which no field may hold".to_string(),
        ));
    }
    let content_hash = hex::encode(Sha256::digest(&canonical));

    let wire: wire::WireRecord = serde_path_to_error::deserialize(&value).map_err(|e| {
        let path = e.path().to_string();
        let message = e.inner().to_string();
        // serde names a missing field in its message; make it the field.
        if let Some(missing) = message
            .strip_prefix("missing field `")
            .and_then(|m| m.strip_suffix('`'))
        {
            let field = if path == "." {
                missing.to_string()
            } else {
                format!("{path}.{missing}")
            };
            return reject(Some(field), "required field is missing".to_string());
        }
        let field = (path != ".").then_some(path);
        reject(field, message)
    })?;
    let report = validate::validate(wire).map_err(|e| reject(Some(e.field), e.reason))?;
    let entities_json = report.entities_json();
    Ok(Accepted {
        line,
        report,
        content_hash,
        raw: text.to_string(),
        entities_json,
    })
}

fn holds_nul(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::String(s) => s.contains('\0'),
        serde_json::Value::Array(a) => a.iter().any(holds_nul),
        serde_json::Value::Object(o) => o.iter().any(|(k, v)| k.contains('\0') || holds_nul(v)),
        _ => false,
    }
}

/// Streams the records of one input.
pub struct RecordReader {
    inner: Box<dyn BufRead + Send>,
    line: u64,
    buf: Vec<u8>,
    finished: bool,
}

/// How far through the underlying (possibly compressed) input the reader is, in bytes.
#[derive(Debug, Clone, Default)]
pub struct Progress(Arc<AtomicU64>);

impl Progress {
    pub fn bytes(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

struct Counting<R> {
    inner: R,
    progress: Progress,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.0.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// An opened input: its reader, its size when known (for a progress bar) and its progress.
pub struct Input {
    pub reader: RecordReader,
    pub size: Option<u64>,
    pub progress: Progress,
}

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Opens `path` (`-` for standard input). Gzip is recognised by its `.gz` ending or, failing
/// that, by its first bytes, so a compressed stream on standard input works too.
pub fn open(path: &str) -> Result<Input, ReadError> {
    let progress = Progress::default();
    let (raw, size): (Box<dyn Read + Send>, Option<u64>) = if path == "-" {
        (Box::new(io::stdin()), None)
    } else {
        let file = File::open(Path::new(path)).map_err(ReadError::Open)?;
        let size = file.metadata().ok().map(|m| m.len());
        (Box::new(file), size)
    };
    let counted = Counting {
        inner: raw,
        progress: progress.clone(),
    };
    let mut buffered = BufReader::with_capacity(256 * 1024, counted);
    let head = buffered.fill_buf().map_err(ReadError::Open)?;
    let gzip = path.ends_with(".gz") || head.starts_with(&GZIP_MAGIC);
    let inner: Box<dyn BufRead + Send> = if gzip {
        Box::new(BufReader::with_capacity(
            256 * 1024,
            MultiGzDecoder::new(buffered),
        ))
    } else {
        Box::new(buffered)
    };
    Ok(Input {
        reader: RecordReader::new(inner),
        size,
        progress,
    })
}

enum Line {
    End,
    Text,
    TooLong,
}

impl RecordReader {
    pub fn new(inner: Box<dyn BufRead + Send>) -> RecordReader {
        RecordReader {
            inner,
            line: 0,
            buf: Vec::with_capacity(4096),
            finished: false,
        }
    }

    /// The number of the last line read.
    pub fn line(&self) -> u64 {
        self.line
    }

    fn read_line(&mut self) -> io::Result<Line> {
        self.buf.clear();
        let limit = MAX_LINE_BYTES as u64 + 1;
        let n = (&mut self.inner)
            .take(limit)
            .read_until(b'\n', &mut self.buf)?;
        if n == 0 {
            return Ok(Line::End);
        }
        if self.buf.len() as u64 >= limit && self.buf.last() != Some(&b'\n') {
            // Skip the rest of the over-long line without keeping it.
            self.inner.skip_until(b'\n')?;
            self.buf.clear();
            return Ok(Line::TooLong);
        }
        Ok(Line::Text)
    }
}

impl Iterator for RecordReader {
    type Item = Result<Item, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.finished {
                return None;
            }
            let read = self.read_line();
            match read {
                Err(source) => {
                    self.finished = true;
                    return Some(Err(ReadError::Stream {
                        line: self.line,
                        source,
                    }));
                }
                Ok(Line::End) => {
                    self.finished = true;
                    return None;
                }
                Ok(Line::TooLong) => {
                    self.line += 1;
                    return Some(Ok(Item::Rejected(Rejection {
                        line: self.line,
                        field: None,
                        reason: format!("line is longer than {} MiB", MAX_LINE_BYTES >> 20),
                    })));
                }
                Ok(Line::Text) => {
                    self.line += 1;
                    let mut bytes: &[u8] = &self.buf;
                    if self.line == 1 {
                        bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
                    }
                    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
                        continue;
                    }
                    return Some(Ok(match parse_line(bytes, self.line) {
                        Ok(accepted) => Item::Accepted(Box::new(accepted)),
                        Err(rejection) => Item::Rejected(rejection),
                    }));
                }
            }
        }
    }
}
