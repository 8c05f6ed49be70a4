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
//!
//! A workshop is never written into a file it does not own: the document claims its file with a
//! lock (a second copy of the app opening it gets a read-only view, see [`FileHold`]), and
//! before each save it checks that nothing else changed the file since it was read or last
//! written; if something did, it stops writing that file (the work goes to the rescue folder)
//! until the person chooses to reload, keep theirs as a copy, or overwrite.

mod saving;

use crate::model::{Edit, EditError, GestureKey, History, Session};
use crate::store::{
    self, DataDir, FileStamp, LoadError, LockRefused, RecoveryJournal, SaveError, UnclosedSession, Workshop,
    WorkshopLock,
};
use saving::{BackgroundSave, record_in_journal};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
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

/// Why the document is not writing its own file (its work goes to the rescue folder meanwhile).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileHold {
    /// Another copy of Common Ground had the file open when this one opened it: this is a
    /// read-only view of it. [`Document::keep_mine_as_copy`] makes it a workshop of its own.
    OpenElsewhere,
    /// Something else changed the file since this document read or last wrote it. The person
    /// chooses: [`Document::reload_from_disk`], [`Document::keep_mine_as_copy`] or
    /// [`Document::overwrite_file`].
    ChangedOnDisk,
}

impl FileHold {
    /// Why saves do not go to the file, in the words of a save error.
    fn reason(self) -> &'static str {
        match self {
            FileHold::OpenElsewhere => "it is open in another copy of Common Ground, so this window only views it",
            FileHold::ChangedOnDisk => {
                "another program changed it since Common Ground read it, so it was not overwritten"
            }
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
    /// After a save that wrote nowhere: no autosave before this.
    retry_not_before: Option<Instant>,
    /// The autosave being written on another thread, if one is.
    background: Option<BackgroundSave>,
    /// Changes whenever the session does, and is never the same for two different states of any
    /// session, so views can keep layouts worked out for one revision until it changes.
    revision: u64,
    /// This copy of the app's claim on the workshop's file, while it has one.
    lock: Option<WorkshopLock>,
    /// Why the workshop's own file is not being written, if it is not.
    hold: Option<FileHold>,
    /// The file as this document last read or wrote it.
    disk_stamp: Option<FileStamp>,
    /// Something the person must be told on opening (the file is kept as it was, and saves go
    /// to a copy), until the app takes it with [`Self::take_opening_notice`].
    opening_notice: Option<String>,
    /// At least how large the workshop's file would be in its compact form (see
    /// [`Self::check_room_for`]); worked out at the first edit, then grown by each edit's size.
    size_estimate: Option<u64>,
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
            lock: None,
            hold: None,
            disk_stamp: None,
            opening_notice: None,
            size_estimate: None,
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
        Ok(Self::opened_workshop(path, store::read_workshop(path)?, journal))
    }

    /// A workshop already read from `path` with [`store::load_session`]; [`Self::opened_workshop`]
    /// is better, since it knows how the file looked when it was read.
    pub fn opened(path: &Path, session: Session, journal: RecoveryJournal) -> Self {
        let stamp = FileStamp::of(path);
        Self::opened_workshop(path, Workshop { session, unknown_fields: Vec::new(), stamp }, journal)
    }

    /// A workshop already read from `path` (see [`store::read_workshop`]), as [`Self::open`]
    /// gives. The file is claimed for this copy of the app; if another copy has it open, this is
    /// a read-only view ([`FileHold::OpenElsewhere`]). A file with fields this version does not
    /// know (written by a newer version) is left as it is: saves go to a copy beside it, and
    /// [`Self::take_opening_notice`] says so.
    pub fn opened_workshop(path: &Path, workshop: Workshop, journal: RecoveryJournal) -> Self {
        let path = store::absolute(path);
        let location = if path.starts_with(journal.data_dir().workshops_dir()) {
            Location::Untitled(path.clone())
        } else {
            Location::File(path.clone())
        };
        // Before the claim: leftovers of a file another copy has open are left to that copy.
        store::remove_leftovers_of(&path);
        let Workshop { session, unknown_fields, stamp } = workshop;
        let mut document = Self::with_location(session, location, journal);
        document.has_file_on_disk = true;
        document.disk_stamp = stamp;
        document.claim_file();
        if !unknown_fields.is_empty() && document.hold.is_none() {
            let copy = copy_beside(&path);
            document.opening_notice = Some(format!(
                "“{}” was written by a newer version of Common Ground and has parts this version does not know \
                 ({}). It is left as it is; your changes are saved to “{}” beside it.",
                display_name(&path),
                unknown_fields.iter().take(3).cloned().collect::<Vec<_>>().join(", "),
                display_name(&copy),
            ));
            document.location = Location::File(copy);
            document.has_file_on_disk = false;
            document.disk_stamp = None;
            document.claim_file();
        }
        document
    }

    /// Claims the document's file for this copy of the app; if another copy has it, the
    /// document becomes a read-only view of it.
    fn claim_file(&mut self) {
        self.lock = None;
        match WorkshopLock::acquire(self.location.path()) {
            Ok(lock) => self.lock = Some(lock),
            Err(LockRefused::OpenElsewhere) => self.hold = Some(FileHold::OpenElsewhere),
            // A folder no lock file can be made in (read-only, or gone): nothing else can claim
            // the file either, and saves there fail and are rescued as usual.
            Err(LockRefused::Unavailable(_)) => {}
        }
    }

    /// Reopen a session left open by a crash, from its last autosave. If that autosave had to
    /// be rescued away from the person's own file, the document points at their file again and
    /// is saved there at the next autosave (unless another copy of the app has that file open:
    /// then it stays a read-only view of its own rescued work until it is saved as a copy).
    pub fn recover(entry: &UnclosedSession, journal: RecoveryJournal) -> Result<Self, LoadError> {
        let mut document = Self::open(&entry.autosaved_to, journal)?;
        document.journal_key = entry.key;
        if let Some(intended) = &entry.intended_file {
            document.location = Location::File(store::absolute(intended));
            document.has_file_on_disk = intended.is_file();
            document.disk_stamp = FileStamp::of(intended);
            document.hold = None;
            document.claim_file();
            let now = Instant::now();
            document.first_unsaved_edit = Some(now);
            document.last_edit = Some(now);
        }
        Ok(document)
    }

    /// Why the workshop's own file is not being written, if it is not (its work is kept in the
    /// rescue folder meanwhile).
    pub fn file_hold(&self) -> Option<FileHold> {
        self.hold
    }

    /// What the person must be told now that the workshop is open, once.
    pub fn take_opening_notice(&mut self) -> Option<String> {
        self.opening_notice.take()
    }

    /// Drops the changes made here and reads the workshop's file again, as something else left
    /// it. Afterwards the file is saved to as usual.
    pub fn reload_from_disk(&mut self) -> Result<(), LoadError> {
        let _ = self.wait_for_background_save();
        let path = self.location.path().to_owned();
        let workshop = store::read_workshop(&path)?;
        self.session = workshop.session;
        self.size_estimate = None;
        self.history = History::default();
        self.revision = next_revision();
        self.disk_stamp = workshop.stamp;
        self.hold = None;
        self.has_file_on_disk = true;
        self.first_unsaved_edit = None;
        self.last_edit = None;
        self.rescue_notice = None;
        self.retry_not_before = None;
        if self.lock.is_none() {
            self.claim_file();
        }
        record_in_journal(&self.journal, self.journal_key, &self.session, &path, None);
        Ok(())
    }

    /// Saves this window's workshop as a new file beside its file (`NAME (copy).ron`), leaving
    /// the file as the other program or copy of the app has it; the document goes on in the
    /// copy. Returns the copy's path.
    pub fn keep_mine_as_copy(&mut self) -> Result<PathBuf, SaveError> {
        let copy = copy_beside(self.location.path());
        self.save_as(&copy)?;
        Ok(copy)
    }

    /// Writes this window's workshop over the file although something else changed it.
    pub fn overwrite_file(&mut self) -> Result<(), SaveError> {
        if self.hold == Some(FileHold::ChangedOnDisk) {
            self.hold = None;
        }
        self.disk_stamp = FileStamp::of(self.location.path());
        self.first_unsaved_edit.get_or_insert_with(Instant::now);
        self.save()
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
        self.check_room_for(&edit)?;
        self.history.apply_in_gesture(&mut self.session, edit, gesture)?;
        self.mark_edited(now);
        Ok(())
    }

    /// Apply a change a participant made from their phone: saved like any change, but not an
    /// undo step of the facilitator's (see [`History::apply_external`]), so it neither splits
    /// the gesture in progress nor clears redo, and undo never takes it away.
    pub fn apply_from_phone(&mut self, edit: Edit, now: Instant) -> Result<(), EditError> {
        self.check_room_for(&edit)?;
        self.history.apply_external(&mut self.session, edit)?;
        self.mark_edited(now);
        Ok(())
    }

    /// Refuses a change after which the workshop could not be kept in one file that opens again
    /// ([`store::MAX_FILE_BYTES`]), so a workshop too large is refused at the edit, never found
    /// at the next start. The estimate only grows with each edit's own size, so the exact size
    /// (a copy of the session, changed and measured) is worked out only near the limit.
    fn check_room_for(&mut self, edit: &Edit) -> Result<(), EditError> {
        let added = ron::to_string(edit).map_or(0, |text| text.len() as u64);
        let session = &self.session;
        let estimate = *self.size_estimate.get_or_insert_with(|| store::compact_file_size(session));
        if estimate.saturating_add(added) <= store::MAX_FILE_BYTES {
            self.size_estimate = Some(estimate + added);
            return Ok(());
        }
        let mut after = self.session.clone();
        edit.clone().apply(&mut after)?;
        let exact = store::compact_file_size(&after);
        if exact > store::MAX_FILE_BYTES {
            return Err(EditError::WorkshopTooLarge { limit_bytes: store::MAX_FILE_BYTES });
        }
        self.size_estimate = Some(exact);
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
}

/// A file name beside `path` that nothing uses yet: `NAME (copy).ron`, `NAME (copy 2).ron`, …
fn copy_beside(path: &Path) -> PathBuf {
    let stem = path.file_stem().map_or_else(|| "workshop".into(), |stem| stem.to_string_lossy().into_owned());
    let extension = path.extension().map_or_else(|| "ron".into(), |ext| ext.to_string_lossy().into_owned());
    #[allow(clippy::maybe_infinite_iter, reason = "some number is always free: the folder holds finitely many files")]
    (1..)
        .map(|number| {
            let suffix = if number == 1 { "copy".to_owned() } else { format!("copy {number}") };
            path.with_file_name(format!("{stem} ({suffix}).{extension}"))
        })
        .find(|candidate| std::fs::symlink_metadata(candidate).is_err() && !store::is_open_elsewhere(candidate))
        .unwrap_or_else(|| path.with_file_name(format!("{stem} ({}).{extension}", uuid::Uuid::new_v4().simple())))
}

/// A file's name, for messages.
fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned())
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
