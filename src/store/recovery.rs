//! The crash-recovery journal.
//!
//! While a workshop is open, the journal in the data folder names the file its latest autosave
//! went to. A clean close removes the entry; an entry that is still there at the next start
//! means the app did not close cleanly, and the start screen offers to recover it.
//!
//! A second copy of the app running at the same time is no crash: while a copy has workshops open
//! it holds a lock on `running/PROCESS-ID.lock` in the data folder, which the system lets go of
//! when the process ends however it ends, so on Linux, Windows and macOS alike an entry whose
//! process still holds its lock is left alone.

use super::{DataDir, absolute, write_atomically};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::{File, TryLockError};
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};
use time::OffsetDateTime;

/// A session that was open when the app last stopped without closing it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnclosedSession {
    /// Which open document this was (one app can reopen several over its life).
    pub key: uuid::Uuid,
    /// The process that had it open, so a second running copy of the app is not mistaken for a
    /// crash.
    pub process_id: u32,
    /// Its title at the last autosave.
    pub title: String,
    /// The file the latest autosave went to.
    pub autosaved_to: PathBuf,
    /// The file the person chose, when the autosave had to go elsewhere because that file could
    /// not be written.
    pub intended_file: Option<PathBuf>,
    /// When it was last autosaved.
    #[serde(with = "time::serde::rfc3339")]
    pub autosaved_at: OffsetDateTime,
}

#[derive(Default, Serialize, Deserialize)]
struct JournalFile {
    open: Vec<UnclosedSession>,
}

/// Reads and writes the journal in one data folder.
#[derive(Clone, Debug)]
pub struct RecoveryJournal {
    data: DataDir,
}

impl RecoveryJournal {
    /// The journal kept in `data`.
    pub fn new(data: DataDir) -> Self {
        Self { data }
    }

    /// The data folder the journal lives in.
    pub fn data_dir(&self) -> &DataDir {
        &self.data
    }

    fn read(&self) -> JournalFile {
        // A damaged journal only loses the offer to recover; the workshop files themselves are
        // untouched, so start-up carries on.
        std::fs::read_to_string(self.data.journal_path())
            .ok()
            .and_then(|text| ron::from_str(&text).ok())
            .unwrap_or_default()
    }

    fn write(&self, journal: &JournalFile) -> std::io::Result<()> {
        std::fs::create_dir_all(self.data.root())?;
        let text = ron::ser::to_string_pretty(journal, ron::ser::PrettyConfig::new()).map_err(std::io::Error::other)?;
        write_atomically(&self.data.journal_path(), text.as_bytes())
    }

    /// Record (or update) that a session is open and where it was last autosaved (its paths are
    /// kept absolute, so recovery finds the files from whatever folder the app is started in).
    pub fn record_open(&self, mut entry: UnclosedSession) -> std::io::Result<()> {
        if entry.process_id == std::process::id() {
            hold_running_lock(&self.data)?;
        }
        entry.autosaved_to = absolute(&entry.autosaved_to);
        entry.intended_file = entry.intended_file.map(|path| absolute(&path));
        let mut journal = self.read();
        journal.open.retain(|existing| existing.key != entry.key);
        journal.open.push(entry);
        self.write(&journal)
    }

    /// Record that a session was closed cleanly (or recovered, or dismissed).
    pub fn record_closed(&self, key: uuid::Uuid) -> std::io::Result<()> {
        let mut journal = self.read();
        let before = journal.open.len();
        // Older crashes' entries for the same workshop are settled too: what was closed now is
        // newer than any of them.
        let workshop =
            journal.open.iter().find(|existing| existing.key == key).map(|entry| entry.workshop().to_owned());
        let same_workshop = |entry: &UnclosedSession| Some(entry.workshop()) == workshop.as_deref();
        journal.open.retain(|existing| {
            existing.key != key && (!same_workshop(existing) || process_is_running(&self.data, existing.process_id))
        });
        if journal.open.len() == before { Ok(()) } else { self.write(&journal) }
    }

    /// Sessions left open by a copy of the app that is no longer running: the ones to offer for
    /// recovery, newest first, one for each workshop (the newest autosave of the file it belongs
    /// to), and only those whose autosave is still there to recover.
    pub fn unclosed(&self) -> Vec<UnclosedSession> {
        let mut entries: Vec<_> =
            self.read().open.into_iter().filter(|entry| !process_is_running(&self.data, entry.process_id)).collect();
        entries.sort_by_key(|entry| std::cmp::Reverse(entry.autosaved_at));
        let mut offered = std::collections::HashSet::new();
        entries.retain(|entry| entry.autosaved_to.is_file() && offered.insert(entry.workshop().to_owned()));
        entries
    }

    /// Tidies the journal at start: drops entries of copies of the app no longer running that
    /// [`Self::unclosed`] would not offer (older autosaves of a workshop offered already, and
    /// autosaves no longer there), so the journal does not grow with every crash. Returns how
    /// many were dropped.
    pub fn tidy(&self) -> std::io::Result<usize> {
        let journal = self.read();
        let offered: std::collections::HashSet<uuid::Uuid> = self.unclosed().iter().map(|entry| entry.key).collect();
        let before = journal.open.len();
        let open: Vec<_> = journal
            .open
            .into_iter()
            .filter(|entry| offered.contains(&entry.key) || process_is_running(&self.data, entry.process_id))
            .collect();
        let dropped = before - open.len();
        if dropped > 0 {
            self.write(&JournalFile { open })?;
        }
        Ok(dropped)
    }
}

impl UnclosedSession {
    /// The workshop file this entry is about: the person's own file, or the untitled workshop's
    /// file in the data folder.
    pub fn workshop(&self) -> &std::path::Path {
        self.intended_file.as_deref().unwrap_or(&self.autosaved_to)
    }
}

/// The running locks this process holds, by path (tests use many data folders in one process).
/// They are held until the process ends.
static RUNNING_LOCKS: Mutex<Option<HashMap<PathBuf, File>>> = Mutex::new(None);

/// Takes this process's running lock in `data`, unless it holds it already.
fn hold_running_lock(data: &DataDir) -> std::io::Result<()> {
    let path = data.running_lock_path(std::process::id());
    let mut locks = RUNNING_LOCKS.lock().unwrap_or_else(PoisonError::into_inner);
    let locks = locks.get_or_insert_with(HashMap::new);
    if locks.contains_key(&path) {
        return Ok(());
    }
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let file = File::options().create(true).truncate(false).write(true).open(&path)?;
    file.try_lock().map_err(std::io::Error::from)?;
    locks.insert(path, file);
    Ok(())
}

/// Whether another running copy of the app, with this process id, still holds its lock in
/// `data`. No lock file, or one nobody holds, means that copy has stopped: its sessions are
/// offered for recovery. A lock the system cannot check counts as stopped too, which at worst
/// offers a session that is open in another window.
fn process_is_running(data: &DataDir, process_id: u32) -> bool {
    if process_id == std::process::id() {
        return false;
    }
    let Ok(file) = File::options().write(true).open(data.running_lock_path(process_id)) else {
        return false;
    };
    matches!(file.try_lock(), Err(TryLockError::WouldBlock))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// A session of `process_id` whose autosave is a file in `folder` (only sessions whose
    /// autosave is still there are offered).
    fn entry(folder: &Path, process_id: u32, title: &str) -> UnclosedSession {
        let autosaved_to = folder.join(format!("{title}.ron"));
        std::fs::write(&autosaved_to, "").unwrap();
        UnclosedSession {
            key: uuid::Uuid::new_v4(),
            process_id,
            title: title.to_owned(),
            autosaved_to,
            intended_file: None,
            autosaved_at: OffsetDateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn a_session_of_a_copy_still_running_is_not_offered_until_that_copy_stops() {
        let folder = tempfile::tempdir().unwrap();
        let data = DataDir::at(folder.path());
        let journal = RecoveryJournal::new(data.clone());
        // Another copy, process 4242, as it holds its lock: a second handle on the file is a
        // different holder, for the system, even in the same process.
        let other = 4242;
        let lock_path = data.running_lock_path(other);
        std::fs::create_dir_all(lock_path.parent().unwrap()).unwrap();
        let running = File::create(&lock_path).unwrap();
        running.try_lock().unwrap();
        journal.record_open(entry(folder.path(), other, "open elsewhere")).unwrap();
        journal.record_open(entry(folder.path(), 4243, "crashed")).unwrap();
        let offered: Vec<String> = journal.unclosed().into_iter().map(|entry| entry.title).collect();
        assert_eq!(offered, ["crashed"]);

        drop(running);
        assert_eq!(journal.unclosed().len(), 2, "once that copy stops, its session is offered too");
    }

    #[test]
    fn this_copy_holds_its_lock_once_it_has_recorded_a_session() {
        let folder = tempfile::tempdir().unwrap();
        let data = DataDir::at(folder.path());
        let journal = RecoveryJournal::new(data.clone());
        journal.record_open(entry(folder.path(), std::process::id(), "mine")).unwrap();
        let lock = File::options().write(true).open(data.running_lock_path(std::process::id())).unwrap();
        assert!(matches!(lock.try_lock(), Err(TryLockError::WouldBlock)), "another copy sees this one running");
    }
}
