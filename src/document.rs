//! One open workshop: its session, its undo history, the file it lives in, and when it is next
//! autosaved.
//!
//! Common Ground saves as people work: a workshop is written to its file within
//! [`AUTOSAVE_AT_LATEST`] of any change, and on close. A workshop that has not been given a file
//! yet lives in the data folder's `workshops/`. If its own file cannot be written (a USB stick
//! pulled out, a full disk), the work goes to the data folder's `rescued/` instead and the
//! person is told.

use crate::model::{Edit, EditError, GestureKey, History, Session};
use crate::store::{self, DataDir, LoadError, RecoveryJournal, SaveError, UnclosedSession};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use time::OffsetDateTime;

/// Autosave once editing has paused this long…
pub const AUTOSAVE_AFTER_PAUSE: Duration = Duration::from_millis(800);
/// …and never later than this after the first unsaved edit, even during a long drag.
pub const AUTOSAVE_AT_LATEST: Duration = Duration::from_secs(2);

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
    /// Which state of the session this is; see [`Document::revision`].
    revision: u64,
}

/// Revisions are drawn from one counter for the whole process, so two documents never share one
/// and a copy kept for an old workshop never passes for the new one's.
static NEXT_REVISION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn next_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
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
            revision: next_revision(),
        }
    }

    /// A new workshop that will autosave into the data folder's `workshops/`. Nothing is
    /// written until the first edit.
    pub fn new_untitled(session: Session, journal: RecoveryJournal) -> Self {
        let path = untitled_path(journal.data_dir(), OffsetDateTime::now_utc());
        Self::with_location(session, Location::Untitled(path), journal)
    }

    /// Open a workshop file.
    pub fn open(path: &Path, journal: RecoveryJournal) -> Result<Self, LoadError> {
        let session = store::load_session(path)?;
        let location = if path.starts_with(journal.data_dir().workshops_dir()) {
            Location::Untitled(path.to_owned())
        } else {
            Location::File(path.to_owned())
        };
        let mut document = Self::with_location(session, location, journal);
        document.has_file_on_disk = true;
        Ok(document)
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

    /// A number that changes whenever the session does (an edit, undo or redo), and differs
    /// between documents: whatever is derived from the session (the projector's copy, what phones
    /// see) is redone only when it changes, not every frame.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    fn mark_edited(&mut self, now: Instant) {
        self.revision = next_revision();
        self.first_unsaved_edit.get_or_insert(now);
        self.last_edit = Some(now);
    }

    /// Whether there are changes not yet written to disk.
    pub fn has_unsaved_changes(&self) -> bool {
        self.first_unsaved_edit.is_some()
    }

    /// When the next autosave is due, if there is anything to save.
    pub fn autosave_deadline(&self) -> Option<Instant> {
        let first = self.first_unsaved_edit?;
        let last = self.last_edit.unwrap_or(first);
        Some((last + AUTOSAVE_AFTER_PAUSE).min(first + AUTOSAVE_AT_LATEST))
    }

    /// Whether an autosave is due at `now`.
    pub fn autosave_due(&self, now: Instant) -> bool {
        self.autosave_deadline().is_some_and(|deadline| now >= deadline)
    }

    /// Save now to the workshop's file. If that file cannot be written, the work is written to
    /// the data folder's `rescued/` instead, and the error about the real file is returned (so
    /// it can be shown); the changes then count as safe, and the next change tries the real
    /// file again.
    pub fn save(&mut self) -> Result<(), SaveError> {
        let target = self.location.path().to_owned();
        if let Location::Untitled(path) = &self.location
            && let Some(folder) = path.parent()
        {
            std::fs::create_dir_all(folder).map_err(|source| SaveError { path: path.clone(), source })?;
        }
        match store::save_session(&self.session, &target) {
            Ok(()) => {
                self.rescue_notice = None;
                self.has_file_on_disk = true;
                self.saved(target, None);
                Ok(())
            }
            Err(error) => {
                let rescue = self.journal.data_dir().rescue_dir().join(self.file_label());
                let rescued = std::fs::create_dir_all(self.journal.data_dir().rescue_dir()).is_ok()
                    && store::save_session(&self.session, &rescue).is_ok();
                if rescued {
                    self.rescue_notice = Some(format!("{error}. Your work is safe in {}", rescue.display()));
                    self.saved(rescue, Some(target));
                }
                Err(error)
            }
        }
    }

    fn saved(&mut self, autosaved_to: PathBuf, intended_file: Option<PathBuf>) {
        self.first_unsaved_edit = None;
        self.last_edit = None;
        // The journal only affects what is offered after a crash; failing to write it must not
        // turn a good save into an error, so a failure here is deliberately ignored.
        let _ = self.journal.record_open(UnclosedSession {
            key: self.journal_key,
            process_id: std::process::id(),
            title: self.session.display_title().to_owned(),
            autosaved_to,
            intended_file,
            autosaved_at: OffsetDateTime::now_utc(),
        });
    }

    /// Save if an autosave is due; returns the result of the save if one happened.
    pub fn autosave_if_due(&mut self, now: Instant) -> Option<Result<(), SaveError>> {
        self.autosave_due(now).then(|| self.save())
    }

    /// Give the workshop a file of the person's choosing and save it there. On failure the
    /// document keeps its previous file.
    pub fn save_as(&mut self, path: &Path) -> Result<(), SaveError> {
        store::save_session(&self.session, path)?;
        self.location = Location::File(path.to_owned());
        self.has_file_on_disk = true;
        self.rescue_notice = None;
        self.saved(path.to_owned(), None);
        Ok(())
    }

    /// Save anything unsaved and mark the session closed in the journal. Fails only when the
    /// work could be written nowhere, not even the rescue folder; the caller must then keep the
    /// document open. Work that went to the rescue folder stays in the journal, so the next
    /// start offers it.
    pub fn close(&mut self) -> Result<(), SaveError> {
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
