//! Which copy of the app has a workshop open, and whether the file changed behind its back.
//!
//! A workshop file is claimed by locking a small file beside it, `.NAME.ron.lock`, with the
//! standard library's own file lock (`flock` on Unix, `LockFileEx` on Windows). The lock is the
//! system's: it ends with the process, however the process ends, so a crash never leaves a
//! workshop claimed. The workshop file itself cannot carry the lock, because every save replaces
//! it with a new file (see [`super::write_atomically`]).

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The lock file that claims `workshop`: `.NAME.ron.lock` beside it.
pub fn lock_path(workshop: &Path) -> PathBuf {
    let name = workshop.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    workshop.with_file_name(format!(".{name}.lock"))
}

/// This copy of the app's claim on a workshop file; released when dropped.
#[derive(Debug)]
pub struct WorkshopLock {
    file: File,
    path: PathBuf,
}

/// Why a workshop could not be claimed.
#[derive(Debug)]
pub enum LockRefused {
    /// Another copy of the app (on this computer or, on a shared drive, another) has it open.
    OpenElsewhere,
    /// No lock file can be made beside it (a read-only folder): nothing can claim it, so the
    /// workshop opens unclaimed.
    Unavailable(io::Error),
}

impl WorkshopLock {
    /// Claims `workshop` for this process.
    pub fn acquire(workshop: &Path) -> Result<Self, LockRefused> {
        let path = lock_path(workshop);
        // Another copy may remove the lock file between our opening it and locking it (it closed
        // the workshop); a lock on a removed file claims nothing, so try again on the new one.
        for _ in 0..5 {
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(LockRefused::Unavailable)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => return Err(LockRefused::OpenElsewhere),
                Err(std::fs::TryLockError::Error(error)) => return Err(LockRefused::Unavailable(error)),
            }
            if still_names(&path, &file) {
                let mut lock = Self { file, path };
                lock.describe_holder();
                return Ok(lock);
            }
        }
        Err(LockRefused::Unavailable(io::Error::other("the lock file kept changing")))
    }

    /// Writes who holds the lock into the lock file, for a person who finds it.
    fn describe_holder(&mut self) {
        // Only a courtesy for people: the lock is the system's, not these words.
        let _ = self.file.set_len(0);
        let _ = writeln!(self.file, "Common Ground has this workshop open (process {}).", std::process::id());
    }
}

impl Drop for WorkshopLock {
    fn drop(&mut self) {
        // Removed while still locked, so no other copy can lock this file in between and then
        // hold a lock on a removed file; a copy that opened it before is sent round again by
        // `still_names`.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Whether `path` still names the file `file` has open (it was not removed or replaced).
#[cfg(unix)]
fn still_names(path: &Path, file: &File) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (std::fs::metadata(path), file.metadata()) {
        (Ok(named), Ok(open)) => named.dev() == open.dev() && named.ino() == open.ino(),
        _ => false,
    }
}

/// Whether `path` still names the file `file` has open. Windows does not let a file that is open
/// (as the lock file is while locked) be removed and replaced by another, so it always does.
#[cfg(not(unix))]
fn still_names(path: &Path, _file: &File) -> bool {
    path.exists()
}

/// Whether another copy of the app has `workshop` open now (its lock is held).
pub fn is_open_elsewhere(workshop: &Path) -> bool {
    let Ok(file) = File::open(lock_path(workshop)) else { return false };
    match file.try_lock_shared() {
        Ok(()) => {
            let _ = file.unlock();
            false
        }
        Err(std::fs::TryLockError::WouldBlock) => true,
        Err(std::fs::TryLockError::Error(_)) => false,
    }
}

/// What a workshop file looked like when it was last read or written, to notice a change made
/// by something else (a sync client, a text editor, a colleague on a shared drive) before the
/// next save would overwrite it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl FileStamp {
    /// The stamp of the file at `path` now (following a symbolic link), or `None` if there is no
    /// file there.
    pub fn of(path: &Path) -> Option<Self> {
        let metadata = std::fs::metadata(path).ok()?;
        Some(Self { len: metadata.len(), modified: metadata.modified().ok() })
    }
}

/// Removes what interrupted saves left beside `workshop` (`.NAME.ron.*.tmp` and the backup's
/// `.bak.link`), unless another copy of the app has the workshop open and may be saving it now.
/// Returns how many were removed.
pub fn remove_leftovers_of(workshop: &Path) -> usize {
    let Some(name) = workshop.file_name().map(|name| name.to_string_lossy().into_owned()) else { return 0 };
    let folder = match workshop.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if is_open_elsewhere(workshop) {
        return 0;
    }
    remove_leftovers_in(folder, |leftover_of| leftover_of == name)
}

/// Removes interrupted saves' leftovers in `folder` for every workshop there that no other copy
/// of the app has open. Returns how many were removed.
pub fn remove_leftovers_in_folder(folder: &Path) -> usize {
    remove_leftovers_in(folder, |leftover_of| !is_open_elsewhere(&folder.join(leftover_of)))
}

fn remove_leftovers_in(folder: &Path, remove_for: impl Fn(&str) -> bool) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(workshop) = leftover_of(&file_name) else { continue };
        let is_file = entry.file_type().is_ok_and(|kind| kind.is_file());
        if is_file && remove_for(workshop) && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The workshop file name a leftover of an interrupted save belongs to: `.NAME.XXXXXX.tmp`,
/// `.NAME.XXXXXX.bak.tmp` and `.NAME.<32 hex>.bak.link` (see `write_atomically`).
fn leftover_of(file_name: &str) -> Option<&str> {
    let inner = file_name.strip_prefix('.')?;
    let stem = inner
        .strip_suffix(".bak.link")
        .or_else(|| inner.strip_suffix(".bak.tmp"))
        .or_else(|| inner.strip_suffix(".tmp"))?;
    let (workshop, random) = stem.rsplit_once('.')?;
    let looks_random = !random.is_empty() && random.chars().all(|c| c.is_ascii_alphanumeric());
    (looks_random && !workshop.is_empty()).then_some(workshop)
}

#[cfg(test)]
mod tests {
    use super::leftover_of;

    #[test]
    fn leftovers_are_told_from_other_hidden_files() {
        assert_eq!(leftover_of(".workshop.ron.a1B2c3.tmp"), Some("workshop.ron"));
        assert_eq!(leftover_of(".my.workshop.ron.Xy12zz.bak.tmp"), Some("my.workshop.ron"));
        assert_eq!(leftover_of(".w.ron.0123456789abcdef0123456789abcdef.bak.link"), Some("w.ron"));
        assert_eq!(leftover_of(".w.ron.lock"), None);
        assert_eq!(leftover_of("w.ron.tmp"), None);
        assert_eq!(leftover_of(".bashrc"), None);
    }
}
