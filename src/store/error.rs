//! Errors from reading and writing workshop files, worded for the person at the laptop.

use std::path::{Path, PathBuf};

/// A workshop file could not be opened. The message names the file and the problem.
#[derive(Debug, thiserror::Error)]
#[error("Couldn't open “{}”: {problem}", file_name(path))]
pub struct LoadError {
    /// The file that was asked for.
    pub path: PathBuf,
    /// What is wrong with it.
    pub problem: LoadProblem,
}

/// What is wrong with a file that could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum LoadProblem {
    /// Nothing at that path.
    #[error("there is no file there")]
    NotFound,
    /// A folder, a FIFO, a device or a socket: refused at once, since reading a FIFO would wait
    /// for ever for a writer.
    #[error("it is not a regular file (it is {0}), so it cannot be a workshop")]
    NotAFile(&'static str),
    /// The operating system refused to read it.
    #[error("it could not be read ({0})")]
    Unreadable(#[source] std::io::Error),
    /// Larger than any workshop file should be; not read, to keep memory safe.
    #[error("it is {} MB, more than the {} MB a workshop file can be", megabytes(*.bytes), megabytes(*.limit))]
    TooLarge {
        /// The file's size.
        bytes: u64,
        /// The largest size we read.
        limit: u64,
    },
    /// Not UTF-8 text, so not a RON file at all.
    #[error("it is not a text file, so it cannot be a Common Ground workshop")]
    NotText,
    /// Nothing in it.
    #[error("it is empty")]
    Empty,
    /// Text, but with no `format_version` field.
    #[error("it is not a Common Ground workshop file (it has no format_version)")]
    NotAWorkshop,
    /// The text stops in the middle of the data.
    #[error("it ends too early at line {line}, as if it was cut off while being written or copied")]
    Truncated {
        /// The last line.
        line: usize,
    },
    /// Nesting beyond anything a workshop file contains: refused before it can exhaust the stack.
    #[error("it is nested far more deeply than a workshop file ever is")]
    TooDeep,
    /// Syntax or type errors.
    #[error("it is damaged at line {line}, column {column}: {detail}")]
    Damaged {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's description.
        detail: String,
    },
    /// Written by a newer Common Ground.
    #[error(
        "it was made by a newer version of Common Ground (file format {found}; this version reads formats up to \
         {supported}). Install the newer version to open it"
    )]
    NewerVersion {
        /// The file's format version.
        found: u32,
        /// The newest format this build reads.
        supported: u32,
    },
    /// A format version that never existed.
    #[error("its format version {0} is not one Common Ground has ever written")]
    UnknownVersion(u32),
    /// Readable, but its parts contradict each other.
    #[error("its contents do not fit together: {0}")]
    Inconsistent(String),
}

/// A workshop could not be saved. Nothing at the target path was changed.
#[derive(Debug, thiserror::Error)]
#[error("Couldn't save “{}”: {source}", file_name(path))]
pub struct SaveError {
    /// Where it was being saved.
    pub path: PathBuf,
    /// Why not.
    #[source]
    pub source: std::io::Error,
}

/// The last part of a path, for messages (the whole path when it has no file name).
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned())
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_000_000.0)
}
