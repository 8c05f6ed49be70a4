//! Drives the real app through its accessibility tree (by role and label), as a person with a
//! screen reader or keyboard would, and checks the workshop that results.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

use common_ground::model::{Session, WorkshopDetails};
use common_ground::store::{DataDir, save_session};
use common_ground::ui::{AppConfig, CommonGroundApp, FilePicker, PickOutcome};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::collections::VecDeque;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// What the scripted picker was asked, in order.
type PickerLog = Arc<Mutex<Vec<String>>>;

/// A file picker that answers from a script instead of showing a dialog.
struct ScriptedPicker {
    open: VecDeque<PickOutcome>,
    save: VecDeque<PickOutcome>,
    log: PickerLog,
}

impl FilePicker for ScriptedPicker {
    fn pick_file_to_open(&mut self) -> PickOutcome {
        self.log.lock().unwrap().push("open".to_owned());
        self.open.pop_front().unwrap_or(PickOutcome::Cancelled)
    }

    fn pick_file_to_save(&mut self, suggested_name: &str) -> PickOutcome {
        self.log.lock().unwrap().push(format!("save {suggested_name}"));
        self.save.pop_front().unwrap_or(PickOutcome::Cancelled)
    }
}

/// The app on a 1400×900 window with its data folder in `data_dir` and a scripted picker.
fn app_harness(
    data_dir: &Path,
    open: impl IntoIterator<Item = PickOutcome>,
    save: impl IntoIterator<Item = PickOutcome>,
) -> (Harness<'static, CommonGroundApp>, PickerLog) {
    let log = PickerLog::default();
    let picker =
        ScriptedPicker { open: open.into_iter().collect(), save: save.into_iter().collect(), log: log.clone() };
    let config = AppConfig { data_dir: DataDir::at(data_dir), file_to_open: None, file_picker: Box::new(picker) };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| CommonGroundApp::new(&cc.egui_ctx, config));
    harness.run();
    (harness, log)
}

/// The session of the open workshop; panics when none is open.
fn session<'h>(harness: &'h Harness<'_, CommonGroundApp>) -> &'h Session {
    harness.state().document().expect("a workshop should be open").session()
}

fn organisation_names(harness: &Harness<'_, CommonGroundApp>) -> Vec<String> {
    session(harness).organisations.iter().map(|organisation| organisation.name.clone()).collect()
}

/// Types `text` one character per frame, as a person does, so each keystroke is its own edit.
fn type_slowly(harness: &mut Harness<'_, CommonGroundApp>, field_label: &str, text: &str) {
    for character in text.chars() {
        harness.get_by_role_and_label(Role::TextInput, field_label).type_text(&character.to_string());
        harness.run();
    }
}

fn click_button(harness: &mut Harness<'_, CommonGroundApp>, label: &str) {
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.run();
}

/// Writes a workshop file called `name` with this title into `folder`.
fn write_workshop(folder: &Path, name: &str, title: &str) -> std::path::PathBuf {
    let path = folder.join(name);
    let session = Session {
        details: WorkshopDetails { title: title.to_owned(), ..WorkshopDetails::default() },
        ..Session::default()
    };
    save_session(&session, &path).unwrap();
    path
}

/// Opens `path` through the "type a path" dialog, which must already be showing.
fn open_through_path_dialog(harness: &mut Harness<'_, CommonGroundApp>, path: &Path) {
    harness.get_by_role_and_label(Role::TextInput, "File path").focus();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "File path").type_text(&path.display().to_string());
    harness.run();
    click_button(harness, "Open");
}

#[test]
fn create_workshop_add_rename_undo_redo_organisation() {
    let data = tempfile::tempdir().unwrap();
    let (mut harness, _) = app_harness(data.path(), [], []);
    assert!(harness.state().document().is_none(), "the app starts on the start screen");

    click_button(&mut harness, "New workshop");
    assert!(harness.state().document().is_some(), "New workshop opens a workshop");
    assert!(session(&harness).organisations.is_empty());

    harness.get_by_role_and_label(Role::TextInput, "New organisation name").focus();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "New organisation name").type_text("Bristol Mind");
    harness.run();
    click_button(&mut harness, "Add organisation");
    assert_eq!(organisation_names(&harness), ["Bristol Mind"]);
    assert_eq!(
        harness.get_by_role_and_label(Role::TextInput, "New organisation name").value().as_deref(),
        Some(""),
        "the entry field empties once the organisation is added"
    );

    // Rename it by typing at the end of its name, one keystroke per frame.
    harness.get_by_role_and_label(Role::TextInput, "Organisation 1 name").focus();
    harness.run();
    assert!(harness.get_by_role_and_label(Role::TextInput, "Organisation 1 name").is_focused());
    harness.key_press(egui::Key::End);
    harness.run();
    type_slowly(&mut harness, "Organisation 1 name", " North");
    assert_eq!(organisation_names(&harness), ["Bristol Mind North"]);
    assert_eq!(
        harness.get_by_role_and_label(Role::TextInput, "Organisation 1 name").value().as_deref(),
        Some("Bristol Mind North")
    );

    // Leave the field, then undo: the six keystrokes were one gesture, so one undo step.
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(!harness.get_by_role_and_label(Role::TextInput, "Organisation 1 name").is_focused());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(organisation_names(&harness), ["Bristol Mind"], "one undo takes back the whole rename");
    assert_eq!(
        harness.get_by_role_and_label(Role::TextInput, "Organisation 1 name").value().as_deref(),
        Some("Bristol Mind"),
        "the field shows the undone name"
    );

    harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z);
    harness.run();
    assert_eq!(organisation_names(&harness), ["Bristol Mind North"], "redo brings the rename back");

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(organisation_names(&harness), ["Bristol Mind"]);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert!(organisation_names(&harness).is_empty(), "the second undo removes the organisation");
    assert!(harness.query_by_role_and_label(Role::TextInput, "Organisation 1 name").is_none());
}

#[test]
fn undo_while_still_typing_in_the_field_takes_back_the_typing() {
    let data = tempfile::tempdir().unwrap();
    let (mut harness, _) = app_harness(data.path(), [], []);
    click_button(&mut harness, "New workshop");

    harness.get_by_role_and_label(Role::TextInput, "Title").focus();
    harness.run();
    type_slowly(&mut harness, "Title", "Harbour");
    assert_eq!(session(&harness).details.title, "Harbour");

    // Ctrl+Z with the cursor still in the field undoes the document's step, not just the
    // field's own text, and the field follows.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(session(&harness).details.title, "");
    assert_eq!(harness.get_by_role_and_label(Role::TextInput, "Title").value().as_deref(), Some(""));

    // Typing again after the undo is a new step, and redo is gone.
    type_slowly(&mut harness, "Title", "Quay");
    assert_eq!(session(&harness).details.title, "Quay");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(session(&harness).details.title, "");
}

#[test]
fn typed_path_opens_a_file_when_no_dialog_exists() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let path = write_workshop(files.path(), "typed.ron", "Typed path workshop");
    let (mut harness, log) = app_harness(data.path(), [PickOutcome::Unavailable], []);

    click_button(&mut harness, "Open…");
    assert_eq!(*log.lock().unwrap(), ["open"], "the file chooser is tried first");
    assert!(harness.state().document().is_none());
    harness.get_by_label_contains("No file chooser is available");

    open_through_path_dialog(&mut harness, &path);
    assert_eq!(session(&harness).details.title, "Typed path workshop");
    assert!(harness.query_by_role_and_label(Role::TextInput, "File path").is_none(), "the dialog closes");
    assert!(harness.state().notice_text().is_some_and(|text| text.contains("Typed path workshop")));
}

#[test]
fn damaged_file_shows_message_and_is_untouched() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let path = files.path().join("cut-off.ron");
    let garbage = b"(format_version: 1, session: (details: (title: ";
    std::fs::write(&path, garbage).unwrap();
    let (mut harness, log) = app_harness(data.path(), [], []);

    click_button(&mut harness, "Open by typing a path…");
    assert!(log.lock().unwrap().is_empty(), "typing a path does not try the file chooser");
    open_through_path_dialog(&mut harness, &path);

    let notice = harness.state().notice_text().expect("a message about the file").to_owned();
    assert!(notice.contains("cut-off.ron"), "the message names the file: {notice}");
    assert!(notice.contains("ends too early"), "the message says what is wrong: {notice}");
    harness.get_by_label(&notice);
    assert_eq!(std::fs::read(&path).unwrap(), garbage, "the damaged file is left exactly as it was");
    assert!(harness.state().document().is_none(), "no workshop is open");
    harness.get_by_role_and_label(Role::Button, "New workshop");

    click_button(&mut harness, "Dismiss");
    assert!(harness.state().notice_text().is_none());
}

/// Steps one frame at a time until the app stops asking for frames and no autosave is being
/// written in the background, and returns the last window title the app sent during those frames.
fn run_watching_title(harness: &mut Harness<'_, CommonGroundApp>) -> Option<String> {
    let mut title = None;
    for _ in 0..200 {
        harness.step();
        let output = &harness.output().viewport_output[&egui::ViewportId::ROOT];
        for command in &output.commands {
            if let egui::ViewportCommand::Title(text) = command {
                title = Some(text.clone());
            }
        }
        let saving = harness.state().document().is_some_and(common_ground::document::Document::is_saving);
        if saving {
            // The autosave thread asks for a frame when it is done; give it the time to finish.
            std::thread::sleep(std::time::Duration::from_millis(10));
        } else if !output.repaint_delay.is_zero() {
            break;
        }
    }
    title
}

#[test]
fn window_title_marks_unsaved_changes() {
    let data = tempfile::tempdir().unwrap();
    let (mut harness, _) = app_harness(data.path(), [], []);

    harness.get_by_role_and_label(Role::Button, "New workshop").click();
    let title = run_watching_title(&mut harness).expect("opening a workshop changes the title");
    // An untitled workshop's generated file name means nothing to people, so it is not shown.
    assert_eq!(title, "Untitled workshop — Common Ground");

    harness.get_by_role_and_label(Role::TextInput, "Title").focus();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Title").type_text("Harbour");
    let title = run_watching_title(&mut harness).expect("an edit changes the title");
    assert!(title.starts_with("● Harbour — "), "unsaved changes are marked: {title}");

    // After the autosave, the mark goes.
    std::thread::sleep(common_ground::document::AUTOSAVE_AFTER_PAUSE + std::time::Duration::from_millis(100));
    let title = run_watching_title(&mut harness).expect("the autosave changes the title");
    assert!(title.starts_with("Harbour — "), "saved: {title}");
    let saved = harness.state().document().unwrap().location().path().to_owned();
    assert!(saved.starts_with(data.path().join("workshops")), "{}", saved.display());
    assert!(saved.is_file());

    // Closing the workshop from the File menu goes back to the plain title.
    click_button(&mut harness, "File");
    // A menu item's accessible name includes its shortcut, as egui joins the button's texts.
    harness.get_by_role_and_label(Role::Button, "Close workshop Ctrl+W").click();
    assert_eq!(run_watching_title(&mut harness).as_deref(), Some("Common Ground"));
    assert!(harness.state().document().is_none());
}

#[test]
fn start_screen_snapshot() {
    // The start screen shows the data folder, so the image needs the same one on every run.
    // Nothing is written there while only the start screen is shown.
    let (mut harness, _) = app_harness(Path::new("/nonexistent/common-ground-data"), [], []);
    harness.snapshot("start_screen");
}
