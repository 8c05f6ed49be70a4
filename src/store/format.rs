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
use super::write_atomically;
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

/// The session as the text of a workshop file.
pub fn session_to_ron(session: &Session) -> String {
    let file = v3::FileRef { format_version: CURRENT_FORMAT_VERSION, session };
    let pretty = ron::ser::PrettyConfig::new().struct_names(false).indentor("    ".to_owned());
    // Serialising plain data with string keys and finite numbers cannot fail; if it ever did,
    // writing an empty file would lose work, so fall back to the compact form, then to an error
    // text that the loader will refuse rather than silently accept.
    ron_options()
        .to_string_pretty(&file, pretty)
        .or_else(|_| ron_options().to_string(&file))
        .unwrap_or_else(|error| format!("// Common Ground could not write this session: {error}\n"))
}

/// Save `session` to `path` atomically, keeping the previous file as `NAME.ron.bak`.
pub fn save_session(session: &Session, path: &Path) -> Result<(), SaveError> {
    let text = session_to_ron(session);
    write_atomically(path, text.as_bytes()).map_err(|source| SaveError { path: path.to_owned(), source })
}

/// Load a workshop file. Refuses, with a message naming the file and the problem, anything that
/// is missing, too large, not text, damaged, too deep, inconsistent, or from a newer version.
pub fn load_session(path: &Path) -> Result<Session, LoadError> {
    let fail = |problem| LoadError { path: path.to_owned(), problem };
    let file = std::fs::File::open(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => fail(LoadProblem::NotFound),
        _ => fail(LoadProblem::Unreadable(error)),
    })?;
    let size = file.metadata().map_err(|error| fail(LoadProblem::Unreadable(error)))?.len();
    if size > MAX_FILE_BYTES {
        return Err(fail(LoadProblem::TooLarge { bytes: size, limit: MAX_FILE_BYTES }));
    }
    // Read at most one byte past the limit, in case the file grows while we read it.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|error| fail(LoadProblem::Unreadable(error)))?;
    parse_session(&bytes).map_err(fail)
}

/// Parse the bytes of a workshop file, converting older format versions to the current one.
pub fn parse_session(bytes: &[u8]) -> Result<Session, LoadProblem> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadProblem::TooLarge { bytes: bytes.len() as u64, limit: MAX_FILE_BYTES });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| LoadProblem::NotText)?;
    if text.trim().is_empty() {
        return Err(LoadProblem::Empty);
    }
    let probe: VersionProbe = ron_options().from_str(text).map_err(|error| describe(&error, text))?;
    let session = match probe.format_version {
        None => return Err(LoadProblem::NotAWorkshop),
        Some(0) => return Err(LoadProblem::UnknownVersion(0)),
        Some(1) => {
            let old = ron_options().from_str::<v1::File>(text).map_err(|error| describe(&error, text))?.session;
            v2::SessionV2::from(old).into()
        }
        Some(2) => ron_options().from_str::<v2::File>(text).map_err(|error| describe(&error, text))?.session.into(),
        Some(3) => ron_options().from_str::<v3::File>(text).map_err(|error| describe(&error, text))?.session,
        Some(found) => {
            return Err(LoadProblem::NewerVersion { found, supported: CURRENT_FORMAT_VERSION });
        }
    };
    if let Some(problem) = session.integrity_problem() {
        return Err(LoadProblem::Inconsistent(problem));
    }
    Ok(session)
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
