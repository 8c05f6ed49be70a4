//! Saving a workshop: where a save writes, the write itself (own file, or the rescue folder
//! when the file cannot or must not be written), the recovery journal, and saves on a thread of
//! their own, so no frame waits for the disk.

use super::{AUTOSAVE_AFTER_PAUSE, AUTOSAVE_AT_LATEST, AUTOSAVE_RETRY_AFTER_FAILURE, Document, FileHold, Location};
use crate::model::Session;
use crate::store::{self, DataDir, FileStamp, LockRefused, RecoveryJournal, SaveError, UnclosedSession, WorkshopLock};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;
use time::OffsetDateTime;

/// Where and how one save writes, owned so that it can be done on another thread.
#[derive(Clone, Debug)]
pub(super) struct SaveTarget {
    /// The workshop's own file.
    path: PathBuf,
    /// Whether the file is in the data folder, whose folder may have to be made first.
    untitled: bool,
    /// Where the work goes when `path` cannot be written.
    rescue: PathBuf,
    journal: RecoveryJournal,
    journal_key: uuid::Uuid,
    /// Why the workshop's own file must not be written now, if it must not.
    hold: Option<FileHold>,
    /// The file as this document last read or wrote it: a different file there now means
    /// something else changed it.
    expected: Option<FileStamp>,
}

/// How a save went.
#[derive(Debug)]
pub(super) enum SaveOutcome {
    /// Written to the workshop's own file, which now looks like this.
    Saved(Option<FileStamp>),
    /// The workshop's file could not be written (`error`); the work went to the `rescue` file.
    Rescued { error: SaveError, rescue: PathBuf },
    /// Written nowhere, not even to the rescue folder.
    Failed(SaveError),
}

/// Writes `session` to `target`'s file, or failing that to the rescue folder, and records in
/// the recovery journal where it went. Touches only files, so it can run on any thread. Also
/// says whether the file turned out to have been changed by something else, and was therefore
/// left alone.
pub(super) fn write_safely(session: &Session, target: &SaveTarget) -> (SaveOutcome, bool) {
    let record = |autosaved_to: &Path, intended_file: Option<PathBuf>| {
        record_in_journal(&target.journal, target.journal_key, session, autosaved_to, intended_file);
    };
    // A file that vanished (a USB stick pulled out) is not a change by someone else: writing it
    // fails or makes it again, as before.
    let changed_on_disk = target.hold.is_none()
        && target.expected.is_some()
        && FileStamp::of(&target.path).is_some_and(|now| Some(now) != target.expected);
    let hold = target.hold.or(changed_on_disk.then_some(FileHold::ChangedOnDisk));
    let made_folder = match target.path.parent() {
        Some(folder) if target.untitled => {
            std::fs::create_dir_all(folder).map_err(|source| SaveError { path: target.path.clone(), source })
        }
        _ => Ok(()),
    };
    let held = |hold: FileHold| SaveError { path: target.path.clone(), source: std::io::Error::other(hold.reason()) };
    let written = match hold {
        Some(hold) => Err(held(hold)),
        None => made_folder.and_then(|()| store::save_session(session, &target.path)),
    };
    let outcome = match written {
        Ok(()) => {
            record(&target.path, None);
            SaveOutcome::Saved(FileStamp::of(&target.path))
        }
        Err(error) => {
            let rescued = target.rescue.parent().is_some_and(|folder| std::fs::create_dir_all(folder).is_ok())
                && store::save_session(session, &target.rescue).is_ok();
            if rescued {
                // Work kept from a file that is held (changed by something else, or open in
                // another copy) is recovered as a workshop of its own, never written over that
                // file, whose other changes are newer.
                record(&target.rescue, hold.is_none().then(|| target.path.clone()));
                SaveOutcome::Rescued { error, rescue: target.rescue.clone() }
            } else {
                SaveOutcome::Failed(error)
            }
        }
    };
    (outcome, changed_on_disk)
}

/// Notes in the recovery journal that the latest save of `session` went to `autosaved_to`. The
/// journal only affects what is offered after a crash; failing to write it must not turn a good
/// save into an error, so a failure here is deliberately ignored.
pub(super) fn record_in_journal(
    journal: &RecoveryJournal,
    key: uuid::Uuid,
    session: &Session,
    autosaved_to: &Path,
    intended_file: Option<PathBuf>,
) {
    let _ = journal.record_open(UnclosedSession {
        key,
        process_id: std::process::id(),
        title: session.display_title().to_owned(),
        autosaved_to: autosaved_to.to_owned(),
        intended_file,
        autosaved_at: OffsetDateTime::now_utc(),
    });
}

/// A save running on its own thread.
#[derive(Debug)]
pub(super) struct BackgroundSave {
    /// Where its outcome arrives.
    outcome: mpsc::Receiver<(SaveOutcome, bool)>,
    /// When the first change it carries was made, to be unsaved again if it fails.
    first_unsaved_edit: Option<Instant>,
    /// The file it writes.
    path: PathBuf,
}

impl Document {
    /// Whether there are changes not yet written to disk (including changes a background save
    /// is writing right now).
    pub fn has_unsaved_changes(&self) -> bool {
        self.first_unsaved_edit.is_some() || self.background.is_some()
    }

    /// Whether a background autosave is being written.
    pub fn is_saving(&self) -> bool {
        self.background.is_some()
    }

    /// When the next autosave is due, if there is anything to save.
    pub fn autosave_deadline(&self) -> Option<Instant> {
        let first = self.first_unsaved_edit?;
        let last = self.last_edit.unwrap_or(first);
        let deadline = (last + AUTOSAVE_AFTER_PAUSE).min(first + AUTOSAVE_AT_LATEST);
        Some(self.retry_not_before.map_or(deadline, |retry| deadline.max(retry)))
    }

    /// Whether an autosave is due at `now`.
    pub fn autosave_due(&self, now: Instant) -> bool {
        self.autosave_deadline().is_some_and(|deadline| now >= deadline)
    }

    fn save_target(&self) -> SaveTarget {
        SaveTarget {
            path: self.location.path().to_owned(),
            untitled: matches!(self.location, Location::Untitled(_)),
            rescue: rescue_path(self.journal.data_dir(), self.journal_key, self.location.path()),
            journal: self.journal.clone(),
            journal_key: self.journal_key,
            hold: self.hold,
            expected: self.disk_stamp,
        }
    }

    /// Save now to the workshop's file, on this thread. If that file cannot be written, the work
    /// is written to the data folder's `rescued/` instead, and the error about the real file is
    /// returned (so it can be shown); the changes then count as safe, and the next change tries
    /// the real file again. A background save still running is waited for first.
    pub fn save(&mut self) -> Result<(), SaveError> {
        // Whatever it did not write is unsaved again, so this save writes it.
        let _ = self.wait_for_background_save();
        let first_unsaved_edit = self.first_unsaved_edit.take();
        self.last_edit = None;
        let target = self.save_target();
        let outcome = write_safely(&self.session, &target);
        self.saved(outcome, &target.path, first_unsaved_edit)
    }

    /// Records how a save of the changes made since `first_unsaved_edit` went.
    fn saved(
        &mut self,
        (outcome, changed_on_disk): (SaveOutcome, bool),
        path: &Path,
        first_unsaved_edit: Option<Instant>,
    ) -> Result<(), SaveError> {
        self.retry_not_before = None;
        let own_file = path == self.location.path();
        if changed_on_disk && own_file {
            self.hold = Some(FileHold::ChangedOnDisk);
        }
        match outcome {
            SaveOutcome::Saved(stamp) => {
                self.rescue_notice = None;
                if own_file {
                    self.has_file_on_disk = true;
                    self.disk_stamp = stamp;
                }
                Ok(())
            }
            SaveOutcome::Rescued { error, rescue } => {
                self.rescue_notice = Some(format!("{error}. Your work is safe in {}", rescue.display()));
                Err(error)
            }
            SaveOutcome::Failed(error) => {
                // Nothing was written: those changes are unsaved again, and retried.
                self.first_unsaved_edit = match (first_unsaved_edit, self.first_unsaved_edit) {
                    (Some(earlier), Some(later)) => Some(earlier.min(later)),
                    (earlier, later) => earlier.or(later),
                };
                self.retry_not_before = Some(Instant::now() + AUTOSAVE_RETRY_AFTER_FAILURE);
                Err(error)
            }
        }
    }

    /// Save on this thread if an autosave is due; returns the result of the save if one
    /// happened. The app uses [`Self::start_background_autosave_if_due`] instead, so that no
    /// frame waits for the disk.
    pub fn autosave_if_due(&mut self, now: Instant) -> Option<Result<(), SaveError>> {
        self.autosave_due(now).then(|| self.save())
    }

    /// If an autosave is due and none is running, copy the session and start writing it on a
    /// thread of its own; `finished` is called on that thread when it is done (the app asks for
    /// a frame then). Returns whether a save was started. Its outcome is collected by
    /// [`Self::poll_background_save`]. Should the system refuse a thread, the save is made
    /// here instead: the work matters more than the frame.
    pub fn start_background_autosave_if_due(&mut self, now: Instant, finished: impl FnOnce() + Send + 'static) -> bool {
        if self.background.is_some() || !self.autosave_due(now) {
            return false;
        }
        let snapshot = self.session.clone();
        let target = self.save_target();
        let path = target.path.clone();
        let (sender, receiver) = mpsc::channel();
        let spawned = std::thread::Builder::new().name("autosave".to_owned()).spawn(move || {
            // The receiver may be gone if the document was dropped; the file is written anyway.
            let _ = sender.send(write_safely(&snapshot, &target));
            finished();
        });
        if spawned.is_err() {
            let _ = self.save();
            return false;
        }
        self.background =
            Some(BackgroundSave { outcome: receiver, first_unsaved_edit: self.first_unsaved_edit.take(), path });
        self.last_edit = None;
        true
    }

    /// The result of a background save that has finished since the last call, if one has.
    pub fn poll_background_save(&mut self) -> Option<Result<(), SaveError>> {
        let outcome = match self.background.as_ref()?.outcome.try_recv() {
            Ok(outcome) => outcome,
            Err(mpsc::TryRecvError::Empty) => return None,
            Err(mpsc::TryRecvError::Disconnected) => (SaveOutcome::Failed(self.lost_save()), false),
        };
        Some(self.finish_background_save(outcome))
    }

    /// Waits for a background save still running, and returns its result if there was one.
    pub fn wait_for_background_save(&mut self) -> Option<Result<(), SaveError>> {
        let outcome =
            self.background.as_ref()?.outcome.recv().unwrap_or_else(|_| (SaveOutcome::Failed(self.lost_save()), false));
        Some(self.finish_background_save(outcome))
    }

    fn finish_background_save(&mut self, outcome: (SaveOutcome, bool)) -> Result<(), SaveError> {
        let Some(save) = self.background.take() else { return Ok(()) };
        self.saved(outcome, &save.path, save.first_unsaved_edit)
    }

    /// The error for a save whose thread ended without a word (it panicked).
    fn lost_save(&self) -> SaveError {
        let path = self.background.as_ref().map_or_else(|| self.location.path().to_owned(), |save| save.path.clone());
        SaveError { path, source: std::io::Error::other("the background save stopped unexpectedly") }
    }

    /// Give the workshop a file of the person's choosing and save it there. On failure the
    /// document keeps its previous file. A file another copy of the app has open is refused.
    pub fn save_as(&mut self, path: &Path) -> Result<(), SaveError> {
        // Its outcome concerns the old file, which the workshop is leaving.
        let _ = self.wait_for_background_save();
        let path = store::absolute(path);
        let lock = match WorkshopLock::acquire(&path) {
            Ok(lock) => Some(lock),
            Err(LockRefused::OpenElsewhere) => {
                return Err(SaveError { path, source: std::io::Error::other(FileHold::OpenElsewhere.reason()) });
            }
            Err(LockRefused::Unavailable(_)) => None,
        };
        store::save_session(&self.session, &path)?;
        let path = path.as_path();
        self.lock = lock;
        self.hold = None;
        self.disk_stamp = FileStamp::of(path);
        self.location = Location::File(path.to_owned());
        self.has_file_on_disk = true;
        self.rescue_notice = None;
        self.first_unsaved_edit = None;
        self.last_edit = None;
        record_in_journal(&self.journal, self.journal_key, &self.session, path, None);
        Ok(())
    }

    /// Save anything unsaved and mark the session closed in the journal. Fails only when the
    /// work could be written nowhere, not even the rescue folder; the caller must then keep the
    /// document open. Work that went to the rescue folder stays in the journal, so the next
    /// start offers it.
    pub fn close(&mut self) -> Result<(), SaveError> {
        let _ = self.wait_for_background_save();
        if self.has_unsaved_changes()
            && let Err(error) = self.save()
            && self.has_unsaved_changes()
        {
            return Err(error);
        }
        if self.rescue_notice.is_none() {
            // Best effort, as in `saved`: a stale entry only offers an unneeded recovery.
            let _ = self.journal.record_closed(self.journal_key);
        }
        Ok(())
    }
}

/// Where the work of the open document `key` goes when its file `path` cannot be written:
/// `rescued/<key>/NAME.ron`. The folder is the document's own, so two workshops with the same
/// file name (on two USB sticks) never share a rescued copy, and the file keeps its name.
pub(super) fn rescue_path(data: &DataDir, key: uuid::Uuid, path: &Path) -> PathBuf {
    let name = path.file_name().map_or_else(|| "workshop.ron".into(), std::ffi::OsStr::to_os_string);
    data.rescue_dir().join(key.simple().to_string()).join(name)
}
