//! The list of recently opened workshop files shown on the start screen.

use super::{DataDir, absolute, write_atomically};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How many recent files are remembered.
const MAX_RECENT: usize = 10;

/// One remembered file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecentFile {
    /// Where it is.
    pub path: PathBuf,
    /// The workshop's title when it was last open.
    pub title: String,
}

/// Recently opened workshops, most recent first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RecentFiles {
    /// The files, most recent first.
    pub files: Vec<RecentFile>,
}

impl RecentFiles {
    /// The list saved in `data`; empty if there is none or it cannot be read (a lost recent
    /// list costs nothing that matters, so it never blocks start-up).
    pub fn load(data: &DataDir) -> Self {
        std::fs::read_to_string(data.recent_path()).ok().and_then(|text| ron::from_str(&text).ok()).unwrap_or_default()
    }

    /// Save the list into `data`.
    pub fn save(&self, data: &DataDir) -> std::io::Result<()> {
        std::fs::create_dir_all(data.root())?;
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new()).map_err(std::io::Error::other)?;
        write_atomically(&data.recent_path(), text.as_bytes())
    }

    /// Put `path` at the top of the list (as an absolute path, so it can be opened whichever
    /// folder the app is started from).
    pub fn remember(&mut self, path: &Path, title: &str) {
        let path = absolute(path);
        self.files.retain(|file| file.path != path);
        self.files.insert(0, RecentFile { path, title: title.to_owned() });
        self.files.truncate(MAX_RECENT);
    }

    /// Drop `path` from the list (it was moved or deleted).
    pub fn forget(&mut self, path: &Path) {
        let absolute = absolute(path);
        self.files.retain(|file| file.path != path && file.path != absolute);
    }
}
