//! One open workshop: its session, its undo history, the file it lives in, and when it is next
//! autosaved.
//!
//! Common Ground saves as people work: a workshop is written to its file within
//! [`AUTOSAVE_AT_LATEST`] of any change, and on close. A workshop that has not been given a file
//! yet lives in the data folder's `workshops/`. If its own file cannot be written (a USB stick
//! pulled out, a full disk), the work goes to the data folder's `rescued/` instead and the
//! person is told.
//!
//! The app autosaves in the background ([`Document::start_background_autosave_if_due`]): the
//! session is copied on the UI thread, and written (with the same atomic write, `.bak`, rescue
//! folder and recovery journal as any save) on a thread of its own, so no frame waits for the
//! disk. Explicit saves, "Save as" and closing wait for a background save still running, so
//! writes to one file never overlap and always land in the order they were made.

use crate::model::{Edit, EditError, GestureKey, History, Session};
use crate::store::{self, DataDir, LoadError, RecoveryJournal, SaveError, UnclosedSession};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use time::OffsetDateTime;

/// Autosave once editing has paused this long…
pub const AUTOSAVE_AFTER_PAUSE: Duration = Duration::from_millis(800);
/// …and never later than this after the first unsaved edit, even during a long drag.
pub const AUTOSAVE_AT_LATEST: Duration = Duration::from_secs(2);
/// After a save that could write nowhere (not even the rescue folder), the next try waits this
/// long, rather than starting again at once, every frame, while the disk is full.
pub const AUTOSAVE_RETRY_AFTER_FAILURE: Duration = Duration::from_secs(5);

/// A number no session state has had before: every change to any document gets a new one.
fn next_revision() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Where a document is saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// Not yet given a file by the person; autosaved to this file in the data folder.
    Untitled(PathBuf),
    /// A file the person opened or chose.
    File(PathBuf),
}

impl Location {
    /// The file saves go to.
    pub fn path(&self) -> &Path {
        match self {
            Location::Untitled(path) | Location::File(path) => path,
        }
    }
}

/// Where and how one save writes, owned so that it can be done on another thread.
#[derive(Clone, Debug)]
struct SaveTarget {
    /// The workshop's own file.
    path: PathBuf,
    /// Whether the file is in the data folder, whose folder may have to be made first.
    untitled: bool,
    /// Where the work goes when `path` cannot be written.
    rescue: PathBuf,
    journal: RecoveryJournal,
    journal_key: uuid::Uuid,
}

/// How a save went.
#[derive(Debug)]
enum SaveOutcome {
    /// Written to the workshop's own file.
    Saved,
    /// The workshop's file could not be written (`error`); the work went to the `rescue` file.
    Rescued { error: SaveError, rescue: PathBuf },
    /// Written nowhere, not even to the rescue folder.
    Failed(SaveError),
}

/// Writes `session` to `target`'s file, or failing that to the rescue folder, and records in
/// the recovery journal where it went. Touches only files, so it can run on any thread.
fn write_safely(session: &Session, target: &SaveTarget) -> SaveOutcome {
    let record = |autosaved_to: &Path, intended_file: Option<PathBuf>| {
        record_in_journal(&target.journal, target.journal_key, session, autosaved_to, intended_file);
    };
    let made_folder = match target.path.parent() {
        Some(folder) if target.untitled => {
            std::fs::create_dir_all(folder).map_err(|source| SaveError { path: target.path.clone(), source })
        }
        _ => Ok(()),
    };
    match made_folder.and_then(|()| store::save_session(session, &target.path)) {
        Ok(()) => {
            record(&target.path, None);
            SaveOutcome::Saved
        }
        Err(error) => {
            let rescued = target.rescue.parent().is_some_and(|folder| std::fs::create_dir_all(folder).is_ok())
                && store::save_session(session, &target.rescue).is_ok();
            if rescued {
                record(&target.rescue, Some(target.path.clone()));
                SaveOutcome::Rescued { error, rescue: target.rescue.clone() }
            } else {
                SaveOutcome::Failed(error)
            }
        }
    }
}

/// Notes in the recovery journal that the latest save of `session` went to `autosaved_to`. The
/// journal only affects what is offered after a crash; failing to write it must not turn a good
/// save into an error, so a failure here is deliberately ignored.
fn record_in_journal(
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
struct BackgroundSave {
    /// Where its outcome arrives.
    outcome: mpsc::Receiver<SaveOutcome>,
    /// When the first change it carries was made, to be unsaved again if it fails.
    first_unsaved_edit: Option<Instant>,
    /// The file it writes.
    path: PathBuf,
}

/// An open workshop.
#[derive(Debug)]
pub struct Document {
    session: Session,
    history: History,
    location: Location,
    journal: RecoveryJournal,
    journal_key: uuid::Uuid,
    first_unsaved_edit: Option<Instant>,
    last_edit: Option<Instant>,
    rescue_notice: Option<String>,
    /// Whether the workshop's file exists: it was opened from one, or has been saved. Kept here
    /// so the UI never asks the file system each frame.
    has_file_on_disk: bool,
    /// After a save that wrote nowhere: no autosave before this.
    retry_not_before: Option<Instant>,
    /// The autosave being written on another thread, if one is.
    background: Option<BackgroundSave>,
    /// Changes whenever the session does, and is never the same for two different states of any
    /// session, so views can keep layouts worked out for one revision until it changes.
    revision: u64,
}

impl Document {
    fn with_location(session: Session, location: Location, journal: RecoveryJournal) -> Self {
        Self {
            session,
            history: History::default(),
            location,
            journal,
            journal_key: uuid::Uuid::new_v4(),
            first_unsaved_edit: None,
            last_edit: None,
            rescue_notice: None,
            has_file_on_disk: false,
            retry_not_before: None,
            background: None,
            revision: next_revision(),
        }
    }

    /// A new workshop that will autosave into the data folder's `workshops/`. Nothing is
    /// written until the first edit.
    pub fn new_untitled(session: Session, journal: RecoveryJournal) -> Self {
        // Named by the time on the room's clock, as people will look for it.
        let path = untitled_path(journal.data_dir(), crate::local_time::now_local());
        Self::with_location(session, Location::Untitled(path), journal)
    }

    /// Open a workshop file.
    pub fn open(path: &Path, journal: RecoveryJournal) -> Result<Self, LoadError> {
        Ok(Self::opened(path, store::load_session(path)?, journal))
    }

    /// A workshop already read from `path` (see [`store::load_session`]), as [`Self::open`] gives.
    pub fn opened(path: &Path, session: Session, journal: RecoveryJournal) -> Self {
        let location = if path.starts_with(journal.data_dir().workshops_dir()) {
            Location::Untitled(path.to_owned())
        } else {
            Location::File(path.to_owned())
        };
        let mut document = Self::with_location(session, location, journal);
        document.has_file_on_disk = true;
        document
    }

    /// Reopen a session left open by a crash, from its last autosave. If that autosave had to
    /// be rescued away from the person's own file, the document points at their file again and
    /// is saved there at the next autosave.
    pub fn recover(entry: &UnclosedSession, journal: RecoveryJournal) -> Result<Self, LoadError> {
        let mut document = Self::open(&entry.autosaved_to, journal)?;
        document.journal_key = entry.key;
        if let Some(intended) = &entry.intended_file {
            document.location = Location::File(intended.clone());
            let now = Instant::now();
            document.first_unsaved_edit = Some(now);
            document.last_edit = Some(now);
        }
        Ok(document)
    }

    /// The workshop.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Which state of the session this is: a different number after every change, and never one
    /// another document or an earlier state had, so whatever is derived from the session (a
    /// layout, the projector's copy, what phones see) is redone only when it changes.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Its undo history.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Where it is saved.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The file name to show in the window title.
    pub fn file_label(&self) -> String {
        self.location.path().file_name().map_or_else(String::new, |name| name.to_string_lossy().into_owned())
    }

    /// Whether the workshop has a file on disk yet (a new workshop has none until its first
    /// change is saved).
    pub fn has_file_on_disk(&self) -> bool {
        self.has_file_on_disk
    }

    /// A message about the last save going somewhere other than the workshop's own file.
    pub fn rescue_notice(&self) -> Option<&str> {
        self.rescue_notice.as_deref()
    }

    /// Apply a change as a gesture of its own.
    pub fn apply(&mut self, edit: Edit, now: Instant) -> Result<(), EditError> {
        self.apply_in_gesture(edit, None, now)
    }

    /// Apply a change that may belong to an ongoing gesture (see [`History::apply_in_gesture`]).
    pub fn apply_in_gesture(&mut self, edit: Edit, gesture: Option<GestureKey>, now: Instant) -> Result<(), EditError> {
        self.history.apply_in_gesture(&mut self.session, edit, gesture)?;
        self.mark_edited(now);
        Ok(())
    }

    /// Close the ongoing gesture, so the next change is a new undo step.
    pub fn end_gesture(&mut self) {
        self.history.end_gesture();
    }

    /// Undo the last step; `Ok(false)` when there is nothing to undo.
    pub fn undo(&mut self, now: Instant) -> Result<bool, EditError> {
        let undone = self.history.undo(&mut self.session)?;
        if undone {
            self.mark_edited(now);
        }
        Ok(undone)
    }

    /// Redo the last undone step; `Ok(false)` when there is nothing to redo.
    pub fn redo(&mut self, now: Instant) -> Result<bool, EditError> {
        let redone = self.history.redo(&mut self.session)?;
        if redone {
            self.mark_edited(now);
        }
        Ok(redone)
    }

    /// After a change to the session (a failed edit leaves it as it was, see [`EditError`]): a
    /// new revision, and the autosave clock.
    fn mark_edited(&mut self, now: Instant) {
        self.revision = next_revision();
        self.first_unsaved_edit.get_or_insert(now);
        self.last_edit = Some(now);
    }

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
            rescue: self.journal.data_dir().rescue_dir().join(self.file_label()),
            journal: self.journal.clone(),
            journal_key: self.journal_key,
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
        outcome: SaveOutcome,
        path: &Path,
        first_unsaved_edit: Option<Instant>,
    ) -> Result<(), SaveError> {
        self.retry_not_before = None;
        match outcome {
            SaveOutcome::Saved => {
                self.rescue_notice = None;
                if path == self.location.path() {
                    self.has_file_on_disk = true;
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
            Err(mpsc::TryRecvError::Disconnected) => SaveOutcome::Failed(self.lost_save()),
        };
        Some(self.finish_background_save(outcome))
    }

    /// Waits for a background save still running, and returns its result if there was one.
    pub fn wait_for_background_save(&mut self) -> Option<Result<(), SaveError>> {
        let outcome =
            self.background.as_ref()?.outcome.recv().unwrap_or_else(|_| SaveOutcome::Failed(self.lost_save()));
        Some(self.finish_background_save(outcome))
    }

    fn finish_background_save(&mut self, outcome: SaveOutcome) -> Result<(), SaveError> {
        let Some(save) = self.background.take() else { return Ok(()) };
        self.saved(outcome, &save.path, save.first_unsaved_edit)
    }

    /// The error for a save whose thread ended without a word (it panicked).
    fn lost_save(&self) -> SaveError {
        let path = self.background.as_ref().map_or_else(|| self.location.path().to_owned(), |save| save.path.clone());
        SaveError { path, source: std::io::Error::other("the background save stopped unexpectedly") }
    }

    /// Give the workshop a file of the person's choosing and save it there. On failure the
    /// document keeps its previous file.
    pub fn save_as(&mut self, path: &Path) -> Result<(), SaveError> {
        // Its outcome concerns the old file, which the workshop is leaving.
        let _ = self.wait_for_background_save();
        store::save_session(&self.session, path)?;
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

/// A fresh file name in the data folder for an untitled workshop, e.g.
/// `workshop-2026-11-22-1030-7f3a.ron`. The random part keeps two workshops started in the same
/// minute apart even before either has been written.
fn untitled_path(data: &DataDir, now: OffsetDateTime) -> PathBuf {
    let stamp = format!(
        "workshop-{:04}-{:02}-{:02}-{:02}{:02}",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute()
    );
    let folder = data.workshops_dir();
    loop {
        let random = uuid::Uuid::new_v4().simple().to_string();
        let candidate = folder.join(format!("{stamp}-{}.ron", &random[..4]));
        if !candidate.exists() {
            return candidate;
        }
    }
}
