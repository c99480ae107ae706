//! Writing results: to a file or standard output, buffered, with a closed pipe treated as the
//! reader having had enough rather than as an error.

use std::fs::File;
use std::io::{self, BufWriter, Write};

/// `sightline: a: b: c` for an error and its causes.
pub fn cause_chain(e: &anyhow::Error) -> String {
    e.chain()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(": ")
}

/// Whether the error is a write to a pipe whose reader has gone.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
    })
}

/// A buffered writer to `--out FILE`, or to standard output without one.
pub fn writer(out: Option<&std::path::Path>) -> anyhow::Result<Box<dyn Write>> {
    use anyhow::Context;
    Ok(match out {
        Some(path) => Box::new(BufWriter::with_capacity(
            1 << 16,
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
    })
}
