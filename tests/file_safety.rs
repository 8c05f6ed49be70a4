//! Never lose or mix up a workshop (issue 16): rescued copies kept apart, outside changes and a
//! second copy of the app noticed, special files, newer files, absolute paths, housekeeping and
//! loading that never rewrites. Through the document's and the store's public API.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

use common_ground::document::{Document, FileHold, Location};
use common_ground::model::{Activity, AgendaStep, Edit, Session, WorkshopDetails};
use common_ground::store::{
    DataDir, LoadProblem, RecentFiles, RecoveryJournal, UnclosedSession, backup_path, load_session, lock_path,
    read_workshop, save_session, session_to_ron,
};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn titled(title: &str) -> Edit {
    Edit::SetDetails(WorkshopDetails { title: title.into(), ..Default::default() })
}

fn journal(folder: &tempfile::TempDir) -> RecoveryJournal {
    RecoveryJournal::new(DataDir::at(folder.path()))
}

fn session_titled(title: &str) -> Session {
    Session { details: WorkshopDetails { title: title.into(), ..Default::default() }, ..Session::default() }
}

/// A workshop file `name` in a fresh folder, holding a session titled `title`.
fn workshop_file(name: &str, title: &str) -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join(name);
    save_session(&session_titled(title), &path).unwrap();
    (folder, path)
}

fn title_in(path: &Path) -> String {
    load_session(path).unwrap().details.title
}

// 1. Rescued copies belong to one workshop.

#[test]
fn two_workshops_with_one_file_name_are_rescued_apart_and_each_recovers_into_its_own_file() {
    let data = tempfile::tempdir().unwrap();
    let (first_stick, first_path) = workshop_file("workshop.ron", "First stick");
    let (second_stick, second_path) = workshop_file("workshop.ron", "Second stick");
    let mut first = Document::open(&first_path, journal(&data)).unwrap();
    let mut second = Document::open(&second_path, journal(&data)).unwrap();
    first.apply(titled("First stick, edited"), Instant::now()).unwrap();
    second.apply(titled("Second stick, edited"), Instant::now()).unwrap();
    // Both sticks are pulled out, so both workshops are rescued.
    std::fs::remove_dir_all(first_stick.path()).unwrap();
    std::fs::remove_dir_all(second_stick.path()).unwrap();
    first.close().unwrap();
    second.close().unwrap();

    let unclosed = journal(&data).unclosed();
    assert_eq!(unclosed.len(), 2, "one offer for each workshop");
    let entry_for = |path: &Path| unclosed.iter().find(|entry| entry.intended_file.as_deref() == Some(path)).unwrap();
    let (first_entry, second_entry) = (entry_for(&first_path), entry_for(&second_path));
    assert_ne!(first_entry.autosaved_to, second_entry.autosaved_to, "two rescued copies, not one shared");
    for entry in [first_entry, second_entry] {
        assert!(entry.autosaved_to.starts_with(DataDir::at(data.path()).rescue_dir()));
        assert_eq!(entry.autosaved_to.file_name().unwrap(), "workshop.ron", "the rescued copy keeps its name");
    }

    // Each recovery opens exactly its own work and writes it into its own file.
    std::fs::create_dir_all(first_stick.path()).unwrap();
    std::fs::create_dir_all(second_stick.path()).unwrap();
    for (entry, path, title) in
        [(first_entry, &first_path, "First stick, edited"), (second_entry, &second_path, "Second stick, edited")]
    {
        let mut recovered = Document::recover(entry, journal(&data)).unwrap();
        assert_eq!(recovered.session().details.title, title);
        assert_eq!(recovered.location(), &Location::File(path.clone()));
        recovered.close().unwrap();
        assert_eq!(title_in(path), title);
    }
}

// 2. Outside changes and a second copy of the app.

/// An open workshop with an unsaved edit, whose file another program then replaces.
fn edited_then_changed_outside() -> (tempfile::TempDir, tempfile::TempDir, PathBuf, Document) {
    let data = tempfile::tempdir().unwrap();
    let (folder, path) = workshop_file("shared.ron", "As read");
    let mut document = Document::open(&path, journal(&data)).unwrap();
    document.apply(titled("Mine"), Instant::now()).unwrap();
    // A sync client puts its own version in place, as a new file renamed over the old one.
    let theirs = folder.path().join("incoming.tmp");
    save_session(&session_titled("Theirs, from the sync client"), &theirs).unwrap();
    std::fs::rename(&theirs, &path).unwrap();
    (data, folder, path, document)
}

#[test]
fn a_file_changed_outside_is_not_overwritten_and_autosaving_it_stops() {
    let (data, _folder, path, mut document) = edited_then_changed_outside();
    let error = document.save().unwrap_err();
    assert!(error.to_string().contains("another program changed it"), "{error}");
    assert_eq!(document.file_hold(), Some(FileHold::ChangedOnDisk));
    assert_eq!(title_in(&path), "Theirs, from the sync client", "their change is still there");
    // Mine is safe in the rescue folder, and the window says so rather than "All changes saved".
    let notice = document.rescue_notice().expect("told where the work is").to_owned();
    let rescued = journal(&data).unclosed().into_iter().next().unwrap().autosaved_to;
    assert!(notice.contains(&rescued.display().to_string()), "{notice}");
    assert_eq!(title_in(&rescued), "Mine");

    // Later autosaves leave the file alone too.
    document.apply(titled("Mine, later"), Instant::now()).unwrap();
    let _ = document.autosave_if_due(Instant::now() + Duration::from_secs(10));
    assert_eq!(title_in(&path), "Theirs, from the sync client");
    assert_eq!(title_in(&rescued), "Mine, later");
}

#[test]
fn after_an_outside_change_theirs_can_be_reloaded() {
    let (_data, _folder, path, mut document) = edited_then_changed_outside();
    document.save().unwrap_err();
    document.reload_from_disk().unwrap();
    assert_eq!(document.session().details.title, "Theirs, from the sync client");
    assert_eq!(document.file_hold(), None);
    assert!(!document.has_unsaved_changes());
    // Saving to the file works again.
    document.apply(titled("Theirs, then mine"), Instant::now()).unwrap();
    document.save().unwrap();
    assert_eq!(title_in(&path), "Theirs, then mine");
}

#[test]
fn after_an_outside_change_mine_can_be_kept_as_a_copy_beside_it() {
    let (_data, folder, path, mut document) = edited_then_changed_outside();
    document.save().unwrap_err();
    let copy = document.keep_mine_as_copy().unwrap();
    assert_eq!(copy, folder.path().join("shared (copy).ron"));
    assert_eq!(document.location(), &Location::File(copy.clone()));
    assert_eq!(title_in(&copy), "Mine");
    assert_eq!(title_in(&path), "Theirs, from the sync client");
    assert_eq!(document.file_hold(), None);
}

#[test]
fn after_an_outside_change_the_file_can_be_overwritten() {
    let (_data, _folder, path, mut document) = edited_then_changed_outside();
    document.save().unwrap_err();
    document.overwrite_file().unwrap();
    assert_eq!(title_in(&path), "Mine");
    assert_eq!(document.file_hold(), None);
    assert!(document.rescue_notice().is_none());
}

#[test]
fn a_second_copy_opening_an_open_file_gets_a_read_only_view_and_can_make_a_copy() {
    let data = tempfile::tempdir().unwrap();
    let other_data = tempfile::tempdir().unwrap();
    let (folder, path) = workshop_file("team.ron", "Ours");
    let mut first = Document::open(&path, journal(&data)).unwrap();
    assert_eq!(first.file_hold(), None);
    assert!(lock_path(&path).exists());

    // The second copy (its lock is taken through a file handle of its own, as another process's
    // would be) is told the file is open elsewhere.
    let mut second = Document::open(&path, journal(&other_data)).unwrap();
    assert_eq!(second.file_hold(), Some(FileHold::OpenElsewhere));
    second.apply(titled("Second window"), Instant::now()).unwrap();
    let error = second.save().unwrap_err();
    assert!(error.to_string().contains("open in another copy"), "{error}");
    assert_eq!(title_in(&path), "Ours", "the view never writes the file");

    // Both keep their work: the first saves as usual, the second as a copy.
    first.apply(titled("First window"), Instant::now()).unwrap();
    first.save().unwrap();
    assert_eq!(title_in(&path), "First window");
    let copy = second.keep_mine_as_copy().unwrap();
    assert_eq!(copy, folder.path().join("team (copy).ron"));
    assert_eq!(title_in(&copy), "Second window");
    assert_eq!(second.file_hold(), None);

    // Once the first closes, the file is free for the next.
    first.close().unwrap();
    drop(first);
    assert!(!lock_path(&path).exists());
    let third = Document::open(&path, journal(&data)).unwrap();
    assert_eq!(third.file_hold(), None);
}

// 4. Special paths.

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_at_once_instead_of_waiting_for_ever() {
    let folder = tempfile::tempdir().unwrap();
    let fifo = folder.path().join("pipe.ron");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // On a thread, so a regression fails the test instead of hanging it.
    let (sender, receiver) = std::sync::mpsc::channel();
    let reading = fifo.clone();
    std::thread::spawn(move || sender.send(load_session(&reading).map(|_| ())));
    let error = receiver.recv_timeout(Duration::from_secs(10)).expect("refused at once, not blocked").unwrap_err();
    assert!(matches!(error.problem, LoadProblem::NotAFile(_)), "{error}");
    assert!(error.to_string().contains("pipe.ron") && error.to_string().contains("not a regular file"), "{error}");

    let folder_error = load_session(folder.path()).unwrap_err();
    assert!(matches!(folder_error.problem, LoadProblem::NotAFile("a folder")), "{folder_error}");
}

#[cfg(unix)]
#[test]
fn saving_a_symlinked_workshop_writes_its_target_and_keeps_the_link() {
    let data = tempfile::tempdir().unwrap();
    let (folder, target) = workshop_file("real.ron", "Before");
    let link = folder.path().join("link.ron");
    std::os::unix::fs::symlink("real.ron", &link).unwrap();
    let mut document = Document::open(&link, journal(&data)).unwrap();
    document.apply(titled("Through the link"), Instant::now()).unwrap();
    document.save().unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "still a link");
    assert_eq!(title_in(&target), "Through the link");
    assert_eq!(title_in(&backup_path(&target)), "Before");
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_files_permissions() {
    use std::os::unix::fs::PermissionsExt as _;
    let (_folder, path) = workshop_file("group.ron", "Shared with the team");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
    save_session(&session_titled("Saved again"), &path).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o664);
}

#[test]
fn a_read_only_file_is_never_replaced_and_the_work_is_kept() {
    let data = tempfile::tempdir().unwrap();
    let (_folder, path) = workshop_file("locked.ron", "Read-only");
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).unwrap();
    let mut document = Document::open(&path, journal(&data)).unwrap();
    document.apply(titled("Edited anyway"), Instant::now()).unwrap();
    let error = document.save().unwrap_err();
    assert!(error.to_string().contains("read-only") && error.to_string().contains("Save as"), "{error}");
    assert_eq!(title_in(&path), "Read-only");
    assert!(std::fs::metadata(&path).unwrap().permissions().readonly(), "still read-only");
    assert!(document.rescue_notice().is_some(), "the work is kept in the rescue folder");
    let rescued = journal(&data).unclosed().into_iter().next().unwrap().autosaved_to;
    assert_eq!(title_in(&rescued), "Edited anyway");
}

// 6. Files from a newer version of the same format.

#[test]
fn a_file_with_fields_this_version_does_not_know_is_kept_and_saves_go_to_a_copy() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("newer.ron");
    let text = session_to_ron(&session_titled("From a newer version"));
    let newer = text.replacen("details: (", "details: (\n            mood: \"hopeful\",", 1);
    assert_ne!(newer, text);
    std::fs::write(&path, &newer).unwrap();

    let workshop = read_workshop(&path).unwrap();
    assert_eq!(workshop.unknown_fields, ["session.details.mood"]);
    let mut document = Document::open(&path, journal(&data)).unwrap();
    let notice = document.take_opening_notice().expect("told at opening");
    assert!(notice.contains("newer version") && notice.contains("newer (copy).ron"), "{notice}");
    document.apply(titled("Edited here"), Instant::now()).unwrap();
    document.save().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), newer, "the newer file is exactly as it was");
    assert_eq!(title_in(&folder.path().join("newer (copy).ron")), "Edited here");
}

// 8. Absolute paths.

#[test]
fn the_journal_and_the_recent_list_keep_absolute_paths() {
    let data = tempfile::tempdir().unwrap();
    let relative = Path::new("some-folder/relative.ron");
    let document = Document::opened(relative, Session::default(), journal(&data));
    assert!(document.location().path().is_absolute(), "{:?}", document.location());
    assert!(document.location().path().ends_with(relative));

    journal(&data)
        .record_open(UnclosedSession {
            key: uuid::Uuid::new_v4(),
            process_id: u32::MAX,
            title: "Relative".into(),
            autosaved_to: "rescued/relative.ron".into(),
            intended_file: Some(relative.to_owned()),
            autosaved_at: time::OffsetDateTime::now_utc(),
        })
        .unwrap();
    let text = std::fs::read_to_string(DataDir::at(data.path()).journal_path()).unwrap();
    assert!(!text.contains("\"rescued/relative.ron\"") && !text.contains("\"some-folder/relative.ron\""), "{text}");

    let mut recent = RecentFiles::default();
    recent.remember(relative, "Relative");
    assert!(recent.files[0].path.is_absolute());
    assert!(DataDir::at("relative-data").root().is_absolute());
}

// 9. Housekeeping.

#[test]
fn leftovers_of_interrupted_saves_are_removed_when_the_workshop_is_opened() {
    let data = tempfile::tempdir().unwrap();
    let (folder, path) = workshop_file("crashed.ron", "Crashed while saving");
    let leftovers = [".crashed.ron.a1B2c3.tmp", ".crashed.ron.0123456789abcdef0123456789abcdef.bak.link"];
    for name in leftovers {
        std::fs::write(folder.path().join(name), "half a save").unwrap();
    }
    let unrelated = folder.path().join(".other.ron.Zz9yX8.tmp");
    std::fs::write(&unrelated, "another workshop's").unwrap();
    let _document = Document::open(&path, journal(&data)).unwrap();
    for name in leftovers {
        assert!(!folder.path().join(name).exists(), "{name} removed");
    }
    assert!(unrelated.exists(), "only the opened workshop's leftovers are removed");
}

#[test]
fn the_journal_offers_one_recovery_per_workshop_and_tidies_the_rest() {
    let data = tempfile::tempdir().unwrap();
    let (_folder, path) = workshop_file("crashed-often.ron", "Crashed often");
    let journal = journal(&data);
    let start = time::OffsetDateTime::now_utc();
    for crash in 0..5 {
        journal
            .record_open(UnclosedSession {
                key: uuid::Uuid::new_v4(),
                // No process has this id, so each entry is a crash.
                process_id: u32::MAX,
                title: format!("Crash {crash}"),
                autosaved_to: path.clone(),
                intended_file: None,
                autosaved_at: start + time::Duration::seconds(crash),
            })
            .unwrap();
    }
    // An entry whose autosave is gone offers nothing.
    journal
        .record_open(UnclosedSession {
            key: uuid::Uuid::new_v4(),
            process_id: u32::MAX,
            title: "Gone".into(),
            autosaved_to: data.path().join("gone.ron"),
            intended_file: None,
            autosaved_at: start,
        })
        .unwrap();
    let offered = journal.unclosed();
    assert_eq!(offered.len(), 1, "{offered:?}");
    assert_eq!(offered[0].title, "Crash 4", "the newest");
    assert_eq!(journal.tidy().unwrap(), 5);
    let text = std::fs::read_to_string(DataDir::at(data.path()).journal_path()).unwrap();
    assert_eq!(text.matches("key:").count(), 1, "{text}");
}

// 10. Loading never rewrites.

#[test]
fn an_out_of_range_time_box_is_refused_at_load_and_the_file_left_alone() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("agenda.ron");
    let mut session = Session::default();
    session.agenda.steps.push(AgendaStep::new("Everything", Activity::Talk, Some(u32::MAX)));
    session.agenda.steps.push(AgendaStep::new("And more", Activity::Talk, Some(u32::MAX)));
    assert_eq!(session.agenda.total_minutes(), u32::MAX, "the total saturates rather than wrapping round");
    save_session(&session, &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let error = load_session(&path).unwrap_err();
    assert!(matches!(error.problem, LoadProblem::Inconsistent(_)), "{error}");
    assert!(error.to_string().contains("4294967295 minutes") && error.to_string().contains("1 to 480"), "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn no_edit_can_store_a_time_box_the_file_could_not_be_read_back_with() {
    let data = tempfile::tempdir().unwrap();
    let mut document = Document::new_untitled(Session::default(), journal(&data));
    let now = Instant::now();
    let step = AgendaStep::new("Everything", Activity::Talk, Some(u32::MAX));
    let error = document.apply(Edit::InsertStep { index: 0, step: step.clone() }, now).unwrap_err();
    assert!(error.to_string().contains("1 to 480 minutes"), "{error}");
    let step = AgendaStep { minutes: Some(30), ..step };
    document.apply(Edit::InsertStep { index: 0, step: step.clone() }, now).unwrap();
    let error = document.apply(Edit::UpdateStep(AgendaStep { minutes: Some(0), ..step }), now).unwrap_err();
    assert!(error.to_string().contains("1 to 480 minutes"), "{error}");
    assert_eq!(document.session().agenda.steps[0].minutes, Some(30));
}

// 3. What the app writes it can read back.

#[test]
fn a_workshop_too_large_for_the_indented_file_is_written_compact_and_opens_again() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("large.ron");
    let session = common_ground::model::synthetic_session(120_000);
    save_session(&session, &path).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size <= common_ground::store::MAX_FILE_BYTES, "{size} bytes");
    assert!(!std::fs::read_to_string(&path).unwrap().contains("\n    "), "written without indentation");
    assert!(load_session(&path).unwrap() == session);
}

#[test]
fn a_change_that_would_make_the_workshop_too_large_to_reopen_is_refused_at_the_edit() {
    let data = tempfile::tempdir().unwrap();
    // About 50 MB in its compact form: just under the 52.4 MB a workshop file can be.
    let session = common_ground::model::synthetic_session(125_000);
    let mut document = Document::new_untitled(session, journal(&data));
    let now = Instant::now();
    // A small change still fits.
    document.apply(titled("Nearly full"), now).unwrap();
    // Pasting several megabytes of minutes into a note does not: refused now, with a message,
    // and the workshop stays as it was, so what is saved can always be opened again.
    let before = document.session().clone();
    let mut note = before.notes[0].clone();
    note.id = common_ground::model::NoteId::new_random();
    note.text = "Pasted minutes of the meeting. ".repeat(200_000);
    let error = document.apply(Edit::InsertNote { index: 0, note }, now).unwrap_err();
    assert!(error.to_string().contains("larger than the 52.4 MB a workshop file can be"), "{error}");
    assert!(document.session() == &before, "a refused change leaves the workshop as it was");
    assert!(common_ground::store::compact_file_size(document.session()) <= common_ground::store::MAX_FILE_BYTES);
}

proptest::proptest! {
    // Few cases: each writes and reads a file of tens of megabytes.
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 4, failure_persistence: None, ..Default::default() })]

    // The synthetic workshop of 50,000 notes is written pretty, of 120,000 compact (48 MB), and
    // of 140,000 or more is refused (its compact text alone is over the read limit).
    #[test]
    fn whatever_is_saved_opens_again_and_what_cannot_be_opened_is_never_written(
        note_count in 50_000usize..180_000,
        long_note in 0usize..4_000_000,
    ) {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("large.ron");
        let mut session = common_ground::model::synthetic_session(note_count);
        // One long pasted note moves the size about by up to several megabytes.
        session.notes[0].text = "Pasted minutes of the meeting. ".repeat(long_note / 31);
        match save_session(&session, &path) {
            Ok(()) => {
                let size = std::fs::metadata(&path).unwrap().len();
                proptest::prop_assert!(size <= common_ground::store::MAX_FILE_BYTES, "{size}");
                let back = load_session(&path).map_err(|error| proptest::test_runner::TestCaseError::fail(error.to_string()))?;
                proptest::prop_assert!(back == session, "the session read back is the one written");
            }
            Err(error) => {
                proptest::prop_assert!(error.to_string().contains("more than the 52.4 MB a workshop file can be"), "{error}");
                proptest::prop_assert!(!path.exists(), "nothing is written that could not be opened");
            }
        }
    }
}
