//! Atomic file replacement that keeps the previous version.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The backup kept beside `path`: `NAME.ron` → `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Replace `path` with `bytes` so that, whatever happens, `path` holds either the old or the new
/// contents in full: write a temporary file in the same folder, flush and fsync it, keep the old
/// file as `NAME.bak`, then rename the temporary file over `path`.
///
/// A symbolic link is followed, so its target gets the new contents and the link stays a link;
/// the file's permissions are kept; a file that is read-only, or anything that is not a regular
/// file (a folder, a FIFO, a device), is refused and left as it was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace_file(path, bytes, true)
}

/// Replace `path` with `bytes` as [`write_atomically`] does, but without keeping the previous
/// file: for exports, which can always be made again.
pub fn write_atomically_without_backup(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace_file(path, bytes, false)
}

fn replace_file(path: &Path, bytes: &[u8], keep_backup: bool) -> io::Result<()> {
    let target = follow_symlinks(path);
    let path = target.as_path();
    // What is there now decides what may be written, and which permissions the new file keeps.
    let existing = match std::fs::metadata(path) {
        Ok(metadata) => Some(check_replaceable(path, metadata)?),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(error),
    };
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
    if let Some(permissions) = existing {
        // A group-shared file stays group-shared: the temporary file starts private to its owner.
        temp.as_file().set_permissions(permissions)?;
    }
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

/// The file a save to `path` should write: the final target when `path` is a symbolic link
/// (resolved as far as it exists, so a link to a file not yet made still points the save at it),
/// else `path` itself.
fn follow_symlinks(path: &Path) -> PathBuf {
    let mut current = path.to_owned();
    // A loop of links is left to fail at the write, as the system reports it.
    for _ in 0..40 {
        let Ok(metadata) = std::fs::symlink_metadata(&current) else { break };
        if !metadata.file_type().is_symlink() {
            break;
        }
        let Ok(target) = std::fs::read_link(&current) else { break };
        current = match current.parent() {
            Some(folder) if target.is_relative() => folder.join(target),
            _ => target,
        };
    }
    current
}

/// Refuses to replace anything but a regular file that can be written, and returns the
/// permissions the new file should keep.
fn check_replaceable(path: &Path, metadata: std::fs::Metadata) -> io::Result<std::fs::Permissions> {
    if !metadata.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "it is not a regular file"));
    }
    // Opening for writing (without changing anything) asks the system itself, so access control
    // lists, another owner and Windows' read-only attribute all count, not only the mode bits;
    // renaming over the file would otherwise replace a file its owner made read-only.
    let writable = std::fs::OpenOptions::new().write(true).open(path);
    if metadata.permissions().readonly()
        || writable.as_ref().is_err_and(|error| error.kind() == io::ErrorKind::PermissionDenied)
    {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only, so it was left as it is; use Save as… to keep your changes in another file",
        ));
    }
    Ok(metadata.permissions())
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
