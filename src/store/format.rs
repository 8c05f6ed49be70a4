//! The workshop file: human-readable RON with a format version.
//!
//! ```ron
//! (
//!     format_version: 3,
//!     session: ( details: (title: "…", …), organisations: [ … ], … ),
//! )
//! ```
//!
//! How versions evolve: a change that only adds fields with `#[serde(default)]` keeps the
//! version. Any other change raises [`CURRENT_FORMAT_VERSION`], freezes the old shape as its own
//! structs in a `v{N}` module, and adds a conversion from it to the next; [`parse_session`]
//! reads the version first and walks the chain up to the current shape. Every old version has a
//! fixture in `tests/fixtures/` that the tests load forever.
//!
//! Version 2 added the workshop's own wheel prompts and the map's links and tags. Version 3 added
//! note groups, dot votes, the agenda, private writing (hidden notes) and fuller actions. Each is
//! a new version rather than defaulted fields because an older build would silently drop the new
//! fields when it saved the file again; with the version raised, that build refuses the file.

use super::error::{LoadError, LoadProblem, SaveError};
use super::{FileStamp, write_atomically};
use crate::model::Session;
use ron::error::{Error as RonError, SpannedError};
use serde::Deserialize;
use std::io::Read;
use std::path::Path;

/// The format version this build writes.
pub const CURRENT_FORMAT_VERSION: u32 = 3;

/// The largest file we read (50 MB): a workshop with ten thousand notes is a few megabytes, so
/// anything bigger is not a workshop, and refusing it keeps memory safe.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// Deeper nesting than any workshop file has; refused so that a hostile file cannot exhaust the
/// stack of the parser.
const MAX_NESTING: usize = 64;

/// Format version 1: the first release. Notes sat on the guide's eleven prompts, and there were
/// no links or tags.
mod v1 {
    use super::v2::SessionV2;
    use crate::model::{Action, Note, Organisation, Participant, Wheel, WorkshopDetails};
    use serde::Deserialize;

    /// The session as version 1 wrote it.
    #[derive(Deserialize)]
    pub struct SessionV1 {
        pub details: WorkshopDetails,
        pub organisations: Vec<Organisation>,
        pub participants: Vec<Participant>,
        pub notes: Vec<Note>,
        pub actions: Vec<Action>,
    }

    /// The whole file.
    #[derive(Deserialize)]
    pub struct File {
        #[allow(dead_code, reason = "checked by the version probe before this is read")]
        pub format_version: u32,
        pub session: SessionV1,
    }

    impl From<SessionV1> for SessionV2 {
        /// Version 1 always used the guide's wheel, so that is the wheel the session gets.
        fn from(old: SessionV1) -> Self {
            SessionV2 {
                details: old.details,
                organisations: old.organisations,
                participants: old.participants,
                notes: old.notes,
                actions: old.actions,
                wheel: Wheel::from_guide(),
                links: Vec::new(),
            }
        }
    }
}

/// Format version 2: the workshop's own wheel, the map's links and note tags. There were no
/// groups, votes or agenda, and actions had only a lead and linked notes.
mod v2 {
    use crate::model::{Action, Agenda, Link, Note, Organisation, Participant, Session, Wheel, WorkshopDetails};
    use serde::Deserialize;

    /// The session as version 2 wrote it.
    #[derive(Deserialize)]
    pub struct SessionV2 {
        pub details: WorkshopDetails,
        pub organisations: Vec<Organisation>,
        pub participants: Vec<Participant>,
        pub notes: Vec<Note>,
        pub actions: Vec<Action>,
        pub wheel: Wheel,
        pub links: Vec<Link>,
    }

    /// The whole file.
    #[derive(Deserialize)]
    pub struct File {
        #[allow(dead_code, reason = "checked by the version probe before this is read")]
        pub format_version: u32,
        pub session: SessionV2,
    }

    impl From<SessionV2> for Session {
        /// Everything carries over as it was. The agenda stays empty rather than suggested, so
        /// the file says what was planned, not what this version would have planned.
        fn from(old: SessionV2) -> Self {
            Session {
                details: old.details,
                organisations: old.organisations,
                participants: old.participants,
                notes: old.notes,
                actions: old.actions,
                wheel: old.wheel,
                links: old.links,
                groups: Vec::new(),
                votes: Vec::new(),
                agenda: Agenda::default(),
                private_writing: false,
            }
        }
    }
}

/// Format version 3, the current shape: adds groups, dot votes, the agenda, private writing, and
/// actions' supporting organisations, map links and agreement.
mod v3 {
    use crate::model::Session;
    use serde::{Deserialize, Serialize};

    /// The whole file, borrowed for writing.
    #[derive(Serialize)]
    pub struct FileRef<'a> {
        pub format_version: u32,
        pub session: &'a Session,
    }

    /// The whole file, owned for reading.
    #[derive(Deserialize)]
    pub struct File {
        #[allow(dead_code, reason = "checked by the version probe before this is read")]
        pub format_version: u32,
        pub session: Session,
    }
}

/// Reads only the version, ignoring everything else, so we know which shape to expect.
#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default, deserialize_with = "present")]
    format_version: Option<u32>,
}

/// Reads a plain number as `Some`, so a missing field can be told apart from any number (RON
/// would otherwise expect `Some(1)` in the file).
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    u32::deserialize(deserializer).map(Some)
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_recursion_limit(MAX_NESTING)
}

/// The session as the text of a workshop file: pretty-printed, one field a line, so people can
/// read it; a session whose pretty text would be more than [`MAX_FILE_BYTES`] is written in the
/// compact form (the same data without indentation, about half the size), so that what is
/// written can be read back.
pub fn session_to_ron(session: &Session) -> String {
    let file = v3::FileRef { format_version: CURRENT_FORMAT_VERSION, session };
    let pretty = ron::ser::PrettyConfig::new().struct_names(false).indentor("    ".to_owned());
    // Serialising plain data with string keys and finite numbers cannot fail; if it ever did,
    // writing an empty file would lose work, so fall back to the compact form, then to an error
    // text that the loader will refuse rather than silently accept.
    match ron_options().to_string_pretty(&file, pretty) {
        Ok(text) if text.len() as u64 <= MAX_FILE_BYTES => text,
        _ => ron_options()
            .to_string(&file)
            .unwrap_or_else(|error| format!("// Common Ground could not write this session: {error}\n")),
    }
}

/// How many bytes the session's file takes in its compact form, the smallest the app writes:
/// a session larger than [`MAX_FILE_BYTES`] this way cannot be kept in one file.
pub fn compact_file_size(session: &Session) -> u64 {
    let file = v3::FileRef { format_version: CURRENT_FORMAT_VERSION, session };
    ron_options().to_string(&file).map_or(u64::MAX, |text| text.len() as u64)
}

/// Save `session` to `path` atomically, keeping the previous file as `NAME.ron.bak`. A session
/// whose file would be larger than [`MAX_FILE_BYTES`] (which no file could be opened from) is
/// refused, and nothing is written.
pub fn save_session(session: &Session, path: &Path) -> Result<(), SaveError> {
    let text = session_to_ron(session);
    let fail = |source| SaveError { path: path.to_owned(), source };
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(std::io::Error::other(format!(
            "the workshop is {:.1} MB, more than the {:.1} MB a workshop file can be, so it was not written (a \
             file that size could not be opened again); remove some notes, or split the workshop in two",
            text.len() as f64 / 1_000_000.0,
            MAX_FILE_BYTES as f64 / 1_000_000.0,
        ))));
    }
    write_atomically(path, text.as_bytes()).map_err(fail)
}

/// A workshop as read from its file.
#[derive(Debug)]
pub struct Workshop {
    /// The session.
    pub session: Session,
    /// Fields the file has that this version does not know (a newer version of the same format
    /// wrote them), as paths such as `session.notes.3.colour`; saving over the file would lose
    /// them.
    pub unknown_fields: Vec<String>,
    /// The file as it was when read, to notice later changes made by something else.
    pub stamp: Option<FileStamp>,
}

/// Load a workshop file. Refuses, with a message naming the file and the problem, anything that
/// is missing, not a regular file, too large, not text, damaged, too deep, inconsistent, or from
/// a newer version.
pub fn load_session(path: &Path) -> Result<Session, LoadError> {
    read_workshop(path).map(|workshop| workshop.session)
}

/// Read a workshop file, as [`load_session`] does, with what else opening it needs to know.
pub fn read_workshop(path: &Path) -> Result<Workshop, LoadError> {
    let fail = |problem| LoadError { path: path.to_owned(), problem };
    let not_found_or_unreadable = |error: std::io::Error| match error.kind() {
        std::io::ErrorKind::NotFound => fail(LoadProblem::NotFound),
        _ => fail(LoadProblem::Unreadable(error)),
    };
    // Asked before opening: opening a FIFO waits until something writes to it, for ever.
    let kind = std::fs::metadata(path).map_err(not_found_or_unreadable)?.file_type();
    if !kind.is_file() {
        return Err(fail(LoadProblem::NotAFile(describe_file_type(kind))));
    }
    let stamp = FileStamp::of(path);
    let file = std::fs::File::open(path).map_err(not_found_or_unreadable)?;
    let metadata = file.metadata().map_err(|error| fail(LoadProblem::Unreadable(error)))?;
    // The path may have been swapped for something else between the two looks.
    if !metadata.is_file() {
        return Err(fail(LoadProblem::NotAFile(describe_file_type(metadata.file_type()))));
    }
    let size = metadata.len();
    if size > MAX_FILE_BYTES {
        return Err(fail(LoadProblem::TooLarge { bytes: size, limit: MAX_FILE_BYTES }));
    }
    // Read at most one byte past the limit, in case the file grows while we read it.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|error| fail(LoadProblem::Unreadable(error)))?;
    let (session, unknown_fields) = parse_workshop(&bytes).map_err(fail)?;
    Ok(Workshop { session, unknown_fields, stamp })
}

/// Words for a kind of file that is not a regular file.
fn describe_file_type(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if kind.is_dir() { "a folder" } else { "not a file" }
}

/// Parse the bytes of a workshop file, converting older format versions to the current one.
pub fn parse_session(bytes: &[u8]) -> Result<Session, LoadProblem> {
    parse_workshop(bytes).map(|(session, _)| session)
}

/// Parse the bytes of a workshop file as [`parse_session`] does, also naming the fields this
/// version does not know.
fn parse_workshop(bytes: &[u8]) -> Result<(Session, Vec<String>), LoadProblem> {
    let mut unknown_fields = Vec::new();
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadProblem::TooLarge { bytes: bytes.len() as u64, limit: MAX_FILE_BYTES });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| LoadProblem::NotText)?;
    if text.trim().is_empty() {
        return Err(LoadProblem::Empty);
    }
    let probe = || ron_options().from_str::<VersionProbe>(text).map_err(|error| describe(&error, text));
    let leading = leading_version(text);
    let version = match leading {
        Some(version) => Some(version),
        None => probe()?.format_version,
    };
    let mut read = || -> Result<Session, LoadProblem> {
        Ok(match version {
            None => return Err(LoadProblem::NotAWorkshop),
            Some(0) => return Err(LoadProblem::UnknownVersion(0)),
            Some(1) => {
                let old = ron_options().from_str::<v1::File>(text).map_err(|error| describe(&error, text))?.session;
                v2::SessionV2::from(old).into()
            }
            Some(2) => ron_options().from_str::<v2::File>(text).map_err(|error| describe(&error, text))?.session.into(),
            Some(3) => read_noting_unknown_fields::<v3::File>(text, &mut unknown_fields)?.session,
            Some(found) => {
                return Err(LoadProblem::NewerVersion { found, supported: CURRENT_FORMAT_VERSION });
            }
        })
    };
    let session = match read() {
        Ok(session) => session,
        // A file the probe would have refused gets the probe's message, as when the probe read
        // the version; only a refused file pays for the second pass.
        Err(problem) if leading.is_some() => {
            probe()?;
            return Err(problem);
        }
        Err(problem) => return Err(problem),
    };
    if let Some(problem) = session.integrity_problem() {
        return Err(LoadProblem::Inconsistent(problem));
    }
    Ok((session, unknown_fields))
}

/// Reads `text` as a `T`, adding to `unknown` the path of every field `T` does not have: a newer
/// version of the same format may add fields, which serde would otherwise drop without a word.
fn read_noting_unknown_fields<'a, T: Deserialize<'a>>(
    text: &'a str,
    unknown: &mut Vec<String>,
) -> Result<T, LoadProblem> {
    let mut deserializer =
        ron::Deserializer::from_str_with_options(text, &ron_options()).map_err(|error| describe(&error, text))?;
    let value = serde_ignored::deserialize(&mut deserializer, |path| unknown.push(path.to_string()))
        .map_err(|error| describe(&deserializer.span_error(error), text))?;
    deserializer.end().map_err(|error| describe(&deserializer.span_error(error), text))?;
    Ok(value)
}

/// The version of a file that starts, as every file Common Ground writes does, with
/// `(format_version: N,`. Reading it from the first line spares parsing the whole file twice
/// (once for the version, once for the session); a file that starts any other way (comments, a
/// struct name, another field first) is left to the full version probe.
fn leading_version(text: &str) -> Option<u32> {
    let rest = text.trim_start().strip_prefix('(')?.trim_start();
    let rest = rest.strip_prefix("format_version")?.trim_start().strip_prefix(':')?.trim_start();
    let digits = &rest[..rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len())];
    let after = rest[digits.len()..].trim_start();
    if after.starts_with(',') || after.starts_with(')') { digits.parse().ok() } else { None }
}

/// Turns a parser error into words a facilitator can act on. An error on the file's last line
/// means the text stopped mid-way (a half-copied file), whatever the parser expected there.
fn describe(error: &SpannedError, text: &str) -> LoadProblem {
    let line = error.span.start.line;
    let last_line = text.trim_end().lines().count().max(1);
    match &error.code {
        RonError::Eof => LoadProblem::Truncated { line },
        RonError::ExceededRecursionLimit => LoadProblem::TooDeep,
        _ if line >= last_line && !text.trim_end().ends_with(')') => LoadProblem::Truncated { line },
        code => LoadProblem::Damaged { line, column: error.span.start.col, detail: code.to_string() },
    }
}
