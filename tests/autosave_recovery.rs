//! Autosave timing, closing, crash recovery and rescue, through the document's public API.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

use common_ground::document::{
    AUTOSAVE_AFTER_PAUSE, AUTOSAVE_AT_LATEST, AUTOSAVE_RETRY_AFTER_FAILURE, Document, Location,
};
use common_ground::model::{Edit, Organisation, Rgb, Sector, Session, WorkshopDetails};
use common_ground::store::{DataDir, RecoveryJournal, load_session, save_session};
use std::time::{Duration, Instant};

fn titled(title: &str) -> Edit {
    Edit::SetDetails(WorkshopDetails { title: title.into(), ..Default::default() })
}

fn journal(folder: &tempfile::TempDir) -> RecoveryJournal {
    RecoveryJournal::new(DataDir::at(folder.path()))
}

#[test]
fn an_untitled_workshop_writes_nothing_until_it_is_edited() {
    let data = tempfile::tempdir().unwrap();
    let mut document = Document::new_untitled(Session::default(), journal(&data));
    assert!(!document.has_unsaved_changes());
    assert!(!document.has_file_on_disk());
    assert_eq!(document.autosave_deadline(), None);
    document.close().unwrap();
    assert!(!DataDir::at(data.path()).workshops_dir().exists());
    assert!(journal(&data).unclosed().is_empty());
}

#[test]
fn autosave_follows_a_pause_and_never_waits_more_than_two_seconds() {
    let data = tempfile::tempdir().unwrap();
    let mut document = Document::new_untitled(Session::default(), journal(&data));
    let start = Instant::now();
    document.apply(titled("A"), start).unwrap();
    assert!(!document.autosave_due(start));
    assert!(document.autosave_due(start + AUTOSAVE_AFTER_PAUSE));

    // Keep editing every 300 ms: the pause never comes, but the save still happens at 2 s.
    let mut at = start;
    for step in 0..10 {
        at = start + Duration::from_millis(300 * step);
        document.apply(titled(&format!("A{step}")), at).unwrap();
    }
    assert_eq!(document.autosave_deadline(), Some(start + AUTOSAVE_AT_LATEST));
    assert!(AUTOSAVE_AT_LATEST <= Duration::from_secs(2));
    assert!(document.autosave_if_due(at).unwrap().is_ok());
    assert!(!document.has_unsaved_changes());
    assert!(document.has_file_on_disk());
    let path = document.location().path().to_owned();
    assert!(path.starts_with(DataDir::at(data.path()).workshops_dir()), "{path:?}");
    assert_eq!(load_session(&path).unwrap().details.title, "A9");
}

#[test]
fn after_a_crash_the_autosaved_session_is_offered_and_recovered() {
    let data = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let mut document = Document::new_untitled(Session::default(), journal(&data));
    document.apply(titled("Tuesday workshop"), start).unwrap();
    let org = Organisation::new("Bristol Mind", Sector::Voluntary, Rgb::palette_colour(0));
    document.apply(Edit::InsertOrganisation { index: 0, organisation: org }, start).unwrap();
    document.autosave_if_due(start + AUTOSAVE_AT_LATEST).unwrap().unwrap();
    let expected = document.session().clone();
    // The app dies here: no close, no destructor.
    std::mem::forget(document);

    let unclosed = journal(&data).unclosed();
    assert_eq!(unclosed.len(), 1);
    assert_eq!(unclosed[0].title, "Tuesday workshop");
    let mut recovered = Document::recover(&unclosed[0], journal(&data)).unwrap();
    assert_eq!(recovered.session(), &expected);
    // Still offered until the recovered session is closed cleanly…
    assert_eq!(journal(&data).unclosed().len(), 1);
    recovered.close().unwrap();
    // …and not after.
    assert!(journal(&data).unclosed().is_empty());
}

#[test]
fn closing_saves_unsaved_changes_to_the_chosen_file() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("mine.ron");
    save_session(&Session::default(), &path).unwrap();
    let mut document = Document::open(&path, journal(&data)).unwrap();
    assert_eq!(document.location(), &Location::File(path.clone()));
    document.apply(titled("Changed just before closing"), Instant::now()).unwrap();
    document.close().unwrap();
    assert_eq!(load_session(&path).unwrap().details.title, "Changed just before closing");
    assert!(journal(&data).unclosed().is_empty());
}

#[test]
fn save_as_moves_the_workshop_to_the_chosen_file() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let mut document = Document::new_untitled(Session::default(), journal(&data));
    document.apply(titled("Moved"), Instant::now()).unwrap();
    let path = folder.path().join("moved.ron");
    document.save_as(&path).unwrap();
    assert_eq!(document.location(), &Location::File(path.clone()));
    assert!(!document.has_unsaved_changes());
    assert_eq!(load_session(&path).unwrap().details.title, "Moved");
}

/// The rescued copy of the workshop file called `name`: `rescued/<the document's key>/NAME`, so
/// that two workshops with the same file name never share one (it is the only one in these tests).
fn rescued_copy(data: &tempfile::TempDir, name: &str) -> std::path::PathBuf {
    let rescue_dir = DataDir::at(data.path()).rescue_dir();
    let copies: Vec<_> = std::fs::read_dir(&rescue_dir)
        .unwrap()
        .map(|entry| entry.unwrap().path().join(name))
        .filter(|path| path.is_file())
        .collect();
    assert_eq!(copies.len(), 1, "one rescued copy of {name} in {}", rescue_dir.display());
    copies[0].clone()
}

/// A workshop opened from `name` on a "USB stick" folder, edited to `title`, after which the
/// stick is pulled out (the folder disappears). Returns the data folder, the file's path and the
/// document with its unsaved change.
fn edited_then_stick_pulled(name: &str, title: &str) -> (tempfile::TempDir, std::path::PathBuf, Document) {
    let data = tempfile::tempdir().unwrap();
    let stick = tempfile::tempdir().unwrap();
    let path = stick.path().join(name);
    save_session(&Session::default(), &path).unwrap();
    let mut document = Document::open(&path, journal(&data)).unwrap();
    document.apply(titled(title), Instant::now()).unwrap();
    std::fs::remove_dir_all(stick.path()).unwrap();
    (data, path, document)
}

#[test]
fn when_the_file_cannot_be_written_the_work_is_rescued_and_recoverable() {
    let (data, path, mut document) = edited_then_stick_pulled("usb-stick.ron", "Do not lose me");

    // The save to the vanished folder fails…
    let error = document.save().unwrap_err();
    assert!(error.to_string().contains("usb-stick.ron"), "{error}");
    // …but the work is in the rescue folder, the person is told where, and it counts as safe.
    let notice = document.rescue_notice().expect("a rescue notice").to_owned();
    let rescued = rescued_copy(&data, "usb-stick.ron");
    assert!(notice.contains(&rescued.display().to_string()), "{notice}");
    assert_eq!(load_session(&rescued).unwrap().details.title, "Do not lose me");

    // Closing does not mark it closed, so the next start offers it, aimed at the person's file.
    document.close().unwrap();
    let unclosed = journal(&data).unclosed();
    assert_eq!(unclosed.len(), 1);
    assert_eq!(unclosed[0].intended_file.as_deref(), Some(path.as_path()));
    let recovered = Document::recover(&unclosed[0], journal(&data)).unwrap();
    assert_eq!(recovered.location(), &Location::File(path));
    assert!(recovered.has_unsaved_changes(), "it will be written to the person's file at the next autosave");
}

#[test]
fn closing_with_an_unwritable_file_rescues_the_work_and_closes() {
    let (data, _path, mut document) = edited_then_stick_pulled("gone.ron", "Unsaved when the stick was pulled");
    document.close().expect("the rescue folder took the work, so closing succeeds");
    let rescued = rescued_copy(&data, "gone.ron");
    assert_eq!(load_session(&rescued).unwrap().details.title, "Unsaved when the stick was pulled");
    assert_eq!(journal(&data).unclosed().len(), 1, "offered at the next start");
}

#[test]
fn a_damaged_file_opens_nothing_and_stays_as_it_was() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("broken.ron");
    std::fs::write(&path, "(format_version: 1, session: (").unwrap();
    let error = Document::open(&path, journal(&data)).unwrap_err();
    assert!(error.to_string().contains("broken.ron"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "(format_version: 1, session: (");
    assert!(!common_ground::store::backup_path(&path).exists());
}

/// Polls a document's background save until it has finished, as the app does each frame.
fn finish_background_save(document: &mut Document) -> Result<(), common_ground::store::SaveError> {
    let started = Instant::now();
    loop {
        if let Some(result) = document.poll_background_save() {
            return result;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "the background save finished");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_background_autosave_writes_on_its_own_thread_and_keeps_later_edits_unsaved() {
    let data = tempfile::tempdir().unwrap();
    let mut document = Document::new_untitled(Session::default(), journal(&data));
    let start = Instant::now();
    document.apply(titled("First"), start).unwrap();
    assert!(!document.start_background_autosave_if_due(start, || {}), "not due yet");

    let (told, finished) = std::sync::mpsc::channel();
    let due = start + AUTOSAVE_AT_LATEST;
    assert!(document.start_background_autosave_if_due(due, move || told.send(()).unwrap()));
    assert!(document.is_saving());
    assert!(document.has_unsaved_changes(), "not on disk until the save has finished");
    assert!(!document.start_background_autosave_if_due(due, || {}), "one background save at a time");

    // A change made while the save runs is not in it, and stays unsaved after it.
    document.apply(titled("Second"), due).unwrap();
    finished.recv_timeout(Duration::from_secs(20)).expect("the save thread says when it is done");
    finish_background_save(&mut document).unwrap();
    assert!(!document.is_saving());
    assert!(document.has_file_on_disk());
    let path = document.location().path().to_owned();
    assert_eq!(load_session(&path).unwrap().details.title, "First");
    assert!(document.has_unsaved_changes());
    let unclosed = journal(&data).unclosed();
    assert_eq!(unclosed.len(), 1, "the journal names the file, for recovery after a crash");
    assert_eq!(unclosed[0].autosaved_to, path);

    // The next autosave writes it, keeping the previous file as the backup.
    let later = due + AUTOSAVE_AT_LATEST;
    assert!(document.start_background_autosave_if_due(later, || {}));
    finish_background_save(&mut document).unwrap();
    assert!(!document.has_unsaved_changes());
    assert_eq!(load_session(&path).unwrap().details.title, "Second");
    assert_eq!(load_session(&common_ground::store::backup_path(&path)).unwrap().details.title, "First");
}

#[test]
fn a_background_autosave_is_recorded_for_recovery_after_a_crash() {
    let data = tempfile::tempdir().unwrap();
    let mut document = Document::new_untitled(Session::default(), journal(&data));
    let start = Instant::now();
    document.apply(titled("Crashed on Tuesday"), start).unwrap();
    assert!(document.start_background_autosave_if_due(start + AUTOSAVE_AT_LATEST, || {}));
    finish_background_save(&mut document).unwrap();
    let expected = document.session().clone();
    std::mem::forget(document);

    let unclosed = journal(&data).unclosed();
    assert_eq!(unclosed.len(), 1);
    assert_eq!(unclosed[0].title, "Crashed on Tuesday");
    let entry = unclosed[0].clone();
    let recovered = Document::recover(&entry, journal(&data)).unwrap();
    assert_eq!(recovered.session(), &expected);
}

#[test]
fn a_background_autosave_to_an_unwritable_file_rescues_the_work() {
    let (data, path, mut document) = edited_then_stick_pulled("stick.ron", "Saved in the background");
    let later = Instant::now() + AUTOSAVE_AT_LATEST;
    assert!(document.start_background_autosave_if_due(later, || {}));
    let error = finish_background_save(&mut document).unwrap_err();
    assert!(error.to_string().contains("stick.ron"), "{error}");
    let rescued = rescued_copy(&data, "stick.ron");
    assert!(document.rescue_notice().unwrap().contains(&rescued.display().to_string()));
    assert_eq!(load_session(&rescued).unwrap().details.title, "Saved in the background");
    assert!(!document.has_unsaved_changes(), "the work is safe in the rescue folder");

    document.close().unwrap();
    let unclosed = journal(&data).unclosed();
    assert_eq!(unclosed.len(), 1, "offered at the next start");
    assert_eq!(unclosed[0].intended_file.as_deref(), Some(path.as_path()));
}

#[test]
fn closing_or_saving_during_a_background_autosave_waits_for_it_then_saves_the_rest() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("mine.ron");
    save_session(&Session::default(), &path).unwrap();
    let mut document = Document::open(&path, journal(&data)).unwrap();
    let start = Instant::now();
    document.apply(titled("In the background"), start).unwrap();
    assert!(document.start_background_autosave_if_due(start + AUTOSAVE_AT_LATEST, || {}));
    document.apply(titled("After it started"), start + AUTOSAVE_AT_LATEST).unwrap();
    // Save waits for the running save, then writes everything.
    document.save().unwrap();
    assert!(!document.is_saving() && !document.has_unsaved_changes());
    assert_eq!(load_session(&path).unwrap().details.title, "After it started");

    document.apply(titled("Closed while saving"), start + 2 * AUTOSAVE_AT_LATEST).unwrap();
    assert!(document.start_background_autosave_if_due(start + 3 * AUTOSAVE_AT_LATEST, || {}));
    document.close().unwrap();
    assert!(!document.is_saving());
    assert_eq!(load_session(&path).unwrap().details.title, "Closed while saving");
    assert!(journal(&data).unclosed().is_empty());
}

#[test]
fn a_save_that_can_write_nowhere_is_tried_again_after_a_pause_not_every_frame() {
    let (data, _path, mut document) = edited_then_stick_pulled("nowhere.ron", "Nowhere to go yet");
    // The data folder becomes a file, so not even the rescue folder can be made.
    std::fs::remove_dir_all(data.path()).unwrap();
    std::fs::write(data.path(), "not a folder").unwrap();

    assert!(document.start_background_autosave_if_due(Instant::now() + AUTOSAVE_AT_LATEST, || {}));
    finish_background_save(&mut document).unwrap_err();
    assert!(document.has_unsaved_changes(), "nothing was written anywhere");
    let failed = Instant::now();
    assert!(!document.autosave_due(failed), "not tried again at once");
    assert!(!document.start_background_autosave_if_due(failed + Duration::from_secs(1), || {}));
    assert!(document.autosave_due(failed + AUTOSAVE_RETRY_AFTER_FAILURE + Duration::from_millis(1)));

    // Once the disk has room again, the retry writes the work.
    std::fs::remove_file(data.path()).unwrap();
    std::fs::create_dir(data.path()).unwrap();
    document.save().unwrap_err();
    assert!(document.rescue_notice().is_some(), "rescued: the stick is still gone, the data folder is back");
    assert!(!document.has_unsaved_changes());
}
