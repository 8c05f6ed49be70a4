//! Atomic file replacement that keeps the previous version.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The backup kept beside `path`: `NAME.ron` → `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Replace `path` with `bytes` so that, whatever happens, `path` holds either the old or the new
/// contents in full: write a temporary file in the same folder, flush and fsync it, keep the old
/// file as `NAME.bak`, then rename the temporary file over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace_file(path, bytes, true)
}

/// Replace `path` with `bytes` as [`write_atomically`] does, but without keeping the previous
/// file: for exports, which can always be made again.
pub fn write_atomically_without_backup(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace_file(path, bytes, false)
}

fn replace_file(path: &Path, bytes: &[u8], keep_backup: bool) -> io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let prefix = format!(".{}.", path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    if !keep_backup {
        // An export is made to be shared: readable by others, like any file a program saves,
        // rather than private to its owner as a temporary file starts.
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut temp = builder.tempfile_in(folder)?;
    temp.write_all(bytes)?;
    temp.flush()?;
    temp.as_file().sync_all()?;

    if keep_backup && path.is_file() {
        keep_previous_as_backup(path, folder, &prefix)?;
    }
    temp.persist(path).map_err(|error| error.error)?;
    sync_folder(folder);
    Ok(())
}

/// Makes `NAME.bak` hold what `path` holds now. The backup is replaced atomically (a new name is
/// made, then renamed over the old backup), so a crash here leaves the old backup whole. Where
/// the file system allows, the new name is a hard link to the file itself: nothing is copied,
/// and the contents are already on disk. Elsewhere (a FAT-formatted USB stick) it is a copy,
/// fsynced before the rename.
fn keep_previous_as_backup(path: &Path, folder: &Path, prefix: &str) -> io::Result<()> {
    let link = folder.join(format!("{prefix}{}.bak.link", uuid::Uuid::new_v4().simple()));
    if std::fs::hard_link(path, &link).is_ok() {
        return std::fs::rename(&link, backup_path(path)).inspect_err(|_| {
            let _ = std::fs::remove_file(&link);
        });
    }
    let mut backup = tempfile::Builder::new().prefix(prefix).suffix(".bak.tmp").tempfile_in(folder)?;
    io::copy(&mut File::open(path)?, &mut backup)?;
    backup.as_file().sync_all()?;
    backup.persist(backup_path(path)).map_err(|error| error.error)?;
    Ok(())
}

/// Make the rename itself durable. Opening a folder to fsync it works on Unix only; elsewhere
/// the rename is as durable as the platform makes it, so failure here is not an error.
fn sync_folder(folder: &Path) {
    if let Ok(handle) = File::open(folder) {
        let _ = handle.sync_all();
    }
}
