//! The app's own folder under the user's data directory.

use std::path::{Path, PathBuf};

/// Environment variable that moves the data folder (used by tests and demonstrations).
pub const DATA_DIR_VARIABLE: &str = "COMMON_GROUND_DATA_DIR";

/// Where Common Ground keeps untitled workshops, the crash-recovery journal and recent files.
/// On Linux this is `~/.local/share/common-ground`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// A data folder at `root` (created when first written to). A relative `root` is taken from
    /// the current folder now, so the journal and the recent list name files by their absolute
    /// paths, which still lead to them when the app is started from another folder.
    pub fn at(root: impl Into<PathBuf>) -> Self {
        Self { root: absolute(&root.into()) }
    }

    /// `$COMMON_GROUND_DATA_DIR` if set, else the platform's data directory; `None` only on a
    /// system with no home directory.
    pub fn from_environment() -> Option<Self> {
        if let Some(root) = std::env::var_os(DATA_DIR_VARIABLE).filter(|value| !value.is_empty()) {
            return Some(Self::at(root));
        }
        directories::ProjectDirs::from("org", "Common Ground", "common-ground").map(|dirs| Self::at(dirs.data_dir()))
    }

    /// The folder itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where untitled workshops are autosaved.
    pub fn workshops_dir(&self) -> PathBuf {
        self.root.join("workshops")
    }

    /// Where a workshop is kept safe when its own file cannot be written (a full or read-only disk).
    pub fn rescue_dir(&self) -> PathBuf {
        self.root.join("rescued")
    }

    /// The journal of sessions that are open, read after a crash.
    pub fn journal_path(&self) -> PathBuf {
        self.root.join("open-sessions.ron")
    }

    /// The lock file a running copy of the app holds while it has workshops open, so another copy
    /// can tell it is still running (see the recovery journal).
    pub fn running_lock_path(&self, process_id: u32) -> PathBuf {
        self.root.join("running").join(format!("{process_id}.lock"))
    }

    /// The recent-files list.
    pub fn recent_path(&self) -> PathBuf {
        self.root.join("recent.ron")
    }
}

/// `path` made absolute against the current folder (without resolving links, so it is the path
/// the person gave); as given if the current folder cannot be known.
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}
