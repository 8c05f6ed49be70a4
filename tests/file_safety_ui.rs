//! The app, driven through its accessibility tree, when a workshop's file is changed outside or
//! open in another copy, when a title holds a NUL, and while an export is being made (issue 16).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

use common_ground::document::{AUTOSAVE_AT_LATEST, Document, FileHold};
use common_ground::examples::EXAMPLES;
use common_ground::model::{Session, WorkshopDetails};
use common_ground::store::{DataDir, RecoveryJournal, load_session, read_workshop, save_session};
use common_ground::ui::{AppConfig, CommonGroundApp, FilePicker, PickOutcome};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A picker that offers one path for exports and cancels everything else.
struct ExportTo(Option<PathBuf>);

impl FilePicker for ExportTo {
    fn pick_file_to_open(&mut self) -> PickOutcome {
        PickOutcome::Cancelled
    }

    fn pick_file_to_save(&mut self, _suggested_name: &str) -> PickOutcome {
        PickOutcome::Cancelled
    }

    fn pick_export_destination(&mut self, _format: common_ground::export::Format, _name: &str) -> PickOutcome {
        self.0.take().map_or(PickOutcome::Cancelled, PickOutcome::Picked)
    }
}

/// The app on a 1400×900 window, with its data folder in `data` and `file` open.
fn app_with(data: &Path, file: &Path, export_to: Option<PathBuf>) -> Harness<'static, CommonGroundApp> {
    let config = AppConfig {
        data_dir: DataDir::at(data),
        file_to_open: Some(file.to_owned()),
        file_picker: Box::new(ExportTo(export_to)),
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| CommonGroundApp::new(&cc.egui_ctx, config));
    harness.run();
    harness
}

fn write_titled(path: &Path, title: &str) {
    let session =
        Session { details: WorkshopDetails { title: title.into(), ..Default::default() }, ..Session::default() };
    save_session(&session, path).unwrap();
}

/// Steps frames (sleeping between them, so background work can finish) until `done`.
fn step_until(harness: &mut Harness<'_, CommonGroundApp>, what: &str, done: impl Fn(&CommonGroundApp) -> bool) {
    let started = Instant::now();
    while !done(harness.state()) {
        assert!(started.elapsed() < Duration::from_secs(30), "{what} within 30 s");
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    harness.run();
}

#[test]
fn a_file_changed_outside_is_left_alone_and_the_person_chooses_to_keep_theirs_as_a_copy() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("synced.ron");
    // Without a title, so the workshop opens with its details showing, to be typed into.
    write_titled(&path, "");
    let mut harness = app_with(data.path(), &path, None);

    harness.get_by_role_and_label(Role::TextInput, "Title").focus();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Title").type_text("Mine");
    harness.run();
    // A sync client replaces the file before the autosave.
    let incoming = folder.path().join("incoming");
    write_titled(&incoming, "Theirs");
    std::fs::rename(&incoming, &path).unwrap();
    std::thread::sleep(AUTOSAVE_AT_LATEST);
    step_until(&mut harness, "the autosave", |app| {
        app.document().is_some_and(|document| document.file_hold() == Some(FileHold::ChangedOnDisk))
    });

    harness.get_by_label("“synced.ron” was changed by another program");
    assert_eq!(load_session(&path).unwrap().details.title, "Theirs", "their change is not overwritten");
    harness.get_by_role_and_label(Role::Button, "Keep mine as a copy").click();
    harness.run();

    let copy = folder.path().join("synced (copy).ron");
    assert_eq!(load_session(&copy).unwrap().details.title, "Mine");
    assert_eq!(load_session(&path).unwrap().details.title, "Theirs");
    assert!(harness.query_by_label_contains("was changed by another program").is_none(), "the dialog closes");
    assert_eq!(harness.state().document().unwrap().location().path(), copy);
}

#[test]
fn a_second_copy_is_told_the_file_is_open_and_can_view_it_read_only() {
    let data = tempfile::tempdir().unwrap();
    let other_data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("team.ron");
    write_titled(&path, "Ours");
    // The first copy of the app has the workshop open.
    let _first = Document::open(&path, RecoveryJournal::new(DataDir::at(other_data.path()))).unwrap();

    let mut harness = app_with(data.path(), &path, None);
    harness.get_by_label_contains("is open in another copy of Common Ground");
    harness.get_by_role_and_label(Role::Button, "View read-only").click();
    harness.run();
    assert!(harness.query_by_label_contains("is open in another copy of Common Ground").is_none());
    harness.get_by_label("Read-only: open in another copy of Common Ground");
    assert_eq!(harness.state().document().unwrap().file_hold(), Some(FileHold::OpenElsewhere));

    // A change (D ticks the selected prompt as discussed) is refused, and the window says why.
    let discussed = |harness: &Harness<'static, CommonGroundApp>| {
        harness.state().document().unwrap().session().wheel.prompts.iter().filter(|prompt| prompt.discussed).count()
    };
    let before = discussed(&harness);
    harness.key_press(egui::Key::D);
    harness.run();
    assert_eq!(discussed(&harness), before, "the read-only view changed nothing");
    assert!(harness.state().notice_text().is_some_and(|text| text.contains("only views the workshop")));
}

#[test]
fn a_nul_in_the_title_never_reaches_the_window_title() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("nul.ron");
    write_titled(&path, "Harbour\0 night\u{1b}");
    let config =
        AppConfig { data_dir: DataDir::at(data.path()), file_to_open: None, file_picker: Box::new(ExportTo(None)) };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| CommonGroundApp::new(&cc.egui_ctx, config));
    harness.run();
    // Opened as the command line opens a file (X11 panicked here on the NUL before).
    harness.state_mut().open_read(&path, read_workshop(&path));
    let mut titles = Vec::new();
    for _ in 0..5 {
        harness.step();
        for command in &harness.output().viewport_output[&egui::ViewportId::ROOT].commands {
            if let egui::ViewportCommand::Title(text) = command {
                titles.push(text.clone());
            }
        }
    }
    assert_eq!(harness.state().document().unwrap().session().details.title, "Harbour\0 night\u{1b}");
    assert_eq!(titles, ["Harbour night — nul.ron — Common Ground"]);
}

#[test]
fn an_export_runs_beside_the_drawing_and_shows_its_progress() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("long.ron");
    let mut session = EXAMPLES[0].session().unwrap();
    // A note of a million characters takes the PDF about a second to lay out.
    session.notes[0].text = "A very long note about the college taster sessions. ".repeat(20_000);
    save_session(&session, &path).unwrap();
    let target = folder.path().join("long.pdf");
    let mut harness = app_with(data.path(), &path, Some(target.clone()));

    harness.get_by_role_and_label(Role::Button, "File").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Export").hover();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Summary as PDF (.pdf)…").click();
    harness.step();
    harness.step();
    // Frames go on while the export is made, with its progress in the status bar.
    assert!(harness.state().is_exporting(), "the export runs in the background");
    harness.get_by_label_contains("Exporting the PDF summary…");

    step_until(&mut harness, "the export", |app| !app.is_exporting());
    assert!(std::fs::read(&target).unwrap().starts_with(b"%PDF-"));
    assert_eq!(
        harness.state().notice_text(),
        Some(format!("Exported the PDF summary to {}.", target.display()).as_str())
    );
}
