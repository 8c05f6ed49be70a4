//! Exporting from the app: File ▸ Export, through the accessibility tree as a person with a screen
//! reader or keyboard would, with the file chooser scripted, the typed path when there is none, and
//! what the facilitator is told when it works and when it does not.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

mod common;

use common::harness::wait_for_export;
use common_ground::export::Format;
use common_ground::store::DataDir;
use common_ground::ui::{AppConfig, CommonGroundApp, FileOpener, FilePicker, PickOutcome};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What the picker was asked: the format and the name it suggested.
type Asked = Arc<Mutex<Vec<(Format, String)>>>;

/// A file chooser that answers export questions from a script.
struct ExportPicker {
    answers: VecDeque<PickOutcome>,
    asked: Asked,
}

impl FilePicker for ExportPicker {
    fn pick_file_to_open(&mut self) -> PickOutcome {
        PickOutcome::Cancelled
    }

    fn pick_file_to_save(&mut self, _suggested_name: &str) -> PickOutcome {
        PickOutcome::Cancelled
    }

    fn pick_export_destination(&mut self, format: Format, suggested_name: &str) -> PickOutcome {
        self.asked.lock().unwrap().push((format, suggested_name.to_owned()));
        self.answers.pop_front().unwrap_or(PickOutcome::Cancelled)
    }
}

/// The app with a copy of the Bristol example open, and the picker's answers.
fn app_with_example(
    folder: &Path,
    answers: impl IntoIterator<Item = PickOutcome>,
) -> (Harness<'static, CommonGroundApp>, Asked) {
    let workshop = folder.join("bristol.ron");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("workshops/bristol-outreach.ron"), &workshop).unwrap();
    let asked = Asked::default();
    let picker = ExportPicker { answers: answers.into_iter().collect(), asked: asked.clone() };
    let config = AppConfig {
        data_dir: DataDir::at(folder.join("data")),
        file_to_open: Some(workshop),
        file_picker: Box::new(picker),
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| CommonGroundApp::new(&cc.egui_ctx, config));
    harness.run();
    assert!(harness.state().document().is_some(), "the example is open");
    (harness, asked)
}

/// File ▸ Export ▸ the item called `label`.
fn choose_export(harness: &mut Harness<'_, CommonGroundApp>, label: &str) {
    harness.get_by_role_and_label(Role::Button, "File").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Export").hover();
    harness.run();
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.run();
    wait_for_export(harness);
}

fn notice(harness: &Harness<'_, CommonGroundApp>) -> String {
    harness.state().notice_text().unwrap_or_default().to_owned()
}

#[test]
fn file_export_writes_a_pdf_where_the_chooser_says_and_says_so() {
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("reports").join("bristol summary.pdf");
    let (mut harness, asked) = app_with_example(folder.path(), [PickOutcome::Picked(target.clone())]);
    choose_export(&mut harness, "Summary as PDF (.pdf)…");

    assert_eq!(
        *asked.lock().unwrap(),
        [(Format::Pdf, "Community involvement education and work after outreach.pdf".to_owned())],
        "the chooser is asked once, with a name made from the workshop's title"
    );
    let bytes = std::fs::read(&target).expect("the PDF is written");
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(notice(&harness), format!("Exported the PDF summary to {}.", target.display()));
    assert!(!harness.state().document().unwrap().has_unsaved_changes(), "exporting changes nothing in the workshop");
}

#[test]
fn every_format_is_in_the_export_menu() {
    let folder = tempfile::tempdir().unwrap();
    let (mut harness, asked) = app_with_example(folder.path(), []);
    for (label, format) in [
        ("Summary as Markdown (.md)…", Format::Markdown),
        ("Summary as a web page (.html)…", Format::Html),
        ("Summary as PDF (.pdf)…", Format::Pdf),
        ("Tables as a spreadsheet (.xlsx)…", Format::Xlsx),
        ("Tables as CSV files, for data tools (.csv)…", Format::Csv),
        ("Pictures of the wheel and map (.svg)…", Format::Svg),
        ("Pictures of the wheel and map (.png)…", Format::Png),
    ] {
        choose_export(&mut harness, label);
        assert_eq!(asked.lock().unwrap().last().map(|(asked, _)| *asked), Some(format), "{label}");
    }
    let message = notice(&harness);
    assert!(message.starts_with("Opened"), "closing the chooser without choosing exports nothing: {message}");
}

#[test]
fn without_a_file_chooser_the_export_asks_for_a_typed_folder() {
    let folder = tempfile::tempdir().unwrap();
    let (mut harness, _) = app_with_example(folder.path(), [PickOutcome::Unavailable]);
    choose_export(&mut harness, "Tables as CSV files, for data tools (.csv)…");

    harness.get_by_label("Export the spreadsheet tables (CSV)");
    let field = harness.get_by_role_and_label(Role::TextInput, "Folder path");
    let offered = field.value().unwrap_or_default();
    assert!(offered.ends_with("Community involvement education and work after outreach csv"), "{offered}");
    let target = folder.path().join("tables");
    field.focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Folder path").type_text(&target.display().to_string());
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Export").click();
    harness.run();
    wait_for_export(&mut harness);

    for name in ["notes.csv", "links.csv", "actions.csv", "votes.csv"] {
        assert!(target.join(name).is_file(), "{name} is written");
    }
    assert_eq!(
        notice(&harness),
        format!(
            "Exported the spreadsheet tables (CSV) to {}: notes.csv, links.csv, actions.csv, votes.csv.",
            target.display()
        )
    );
    assert!(harness.query_by_label("Folder path").is_none(), "the prompt closes");
}

#[test]
fn an_export_that_cannot_be_written_says_why_and_the_workshop_stays_open() {
    let folder = tempfile::tempdir().unwrap();
    let blocker = folder.path().join("blocker");
    std::fs::write(&blocker, "a file").unwrap();
    let target: PathBuf = blocker.join("summary.html");
    let (mut harness, _) = app_with_example(folder.path(), [PickOutcome::Picked(target)]);
    choose_export(&mut harness, "Summary as a web page (.html)…");

    let message = notice(&harness);
    assert!(message.starts_with("Couldn't write “"), "{message}");
    assert!(message.contains("blocker"), "the message names the path: {message}");
    assert!(message.contains("part of the path is a file, not a folder"), "and the problem: {message}");
    assert!(message.ends_with("The workshop itself is unchanged."), "{message}");
    assert!(harness.state().document().is_some(), "the workshop stays open");
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "a file");
}

/// What the app asked the computer to do with an exported file: ("open" or "reveal", the path).
type Opened = Arc<Mutex<Vec<(&'static str, PathBuf)>>>;

/// Records what it is asked to open instead of launching a viewer.
struct RecordingOpener(Opened);

impl FileOpener for RecordingOpener {
    fn open(&mut self, path: &Path) -> Result<(), String> {
        self.0.lock().unwrap().push(("open", path.to_owned()));
        Ok(())
    }

    fn reveal(&mut self, path: &Path) -> Result<(), String> {
        self.0.lock().unwrap().push(("reveal", path.to_owned()));
        Ok(())
    }
}

#[test]
fn after_an_export_the_banner_offers_to_open_the_file_or_show_it_in_its_folder() {
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("bristol tables.xlsx");
    let tables = folder.path().join("tables");
    let answers = [PickOutcome::Picked(target.clone()), PickOutcome::Picked(tables.clone())];
    let (mut harness, asked) = app_with_example(folder.path(), answers);
    let opened = Opened::default();
    harness.state_mut().set_file_opener(Box::new(RecordingOpener(opened.clone())));
    assert!(harness.query_by_label("Open").is_none(), "no Open button before anything is exported");

    choose_export(&mut harness, "Tables as a spreadsheet (.xlsx)…");
    assert_eq!(
        asked.lock().unwrap()[0],
        (Format::Xlsx, "Community involvement education and work after outreach.xlsx".to_owned()),
        "the spreadsheet is offered under the workshop's name"
    );
    assert!(std::fs::read(&target).unwrap().starts_with(b"PK"), "the workbook (a zip) is written");
    assert_eq!(notice(&harness), format!("Exported the tables as a spreadsheet (XLSX) to {}.", target.display()));

    harness.get_by_role_and_label(Role::Button, "Open").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Show in folder").click();
    harness.run();
    assert_eq!(*opened.lock().unwrap(), [("open", target.clone()), ("reveal", target.clone())]);

    // Tables as CSV are a folder of files: the banner offers to open the folder.
    choose_export(&mut harness, "Tables as CSV files, for data tools (.csv)…");
    assert!(notice(&harness).starts_with("Exported the spreadsheet tables (CSV) to"), "{}", notice(&harness));
    assert!(harness.query_by_label("Show in folder").is_none(), "the folder itself is what is offered");
    harness.get_by_role_and_label(Role::Button, "Open the folder").click();
    harness.run();
    assert_eq!(opened.lock().unwrap().last(), Some(&("open", tables.clone())));

    // Dismissing the message takes its buttons with it.
    harness.get_by_role_and_label(Role::Button, "Dismiss").click();
    harness.run();
    assert!(harness.query_by_label("Open the folder").is_none() && harness.query_by_label("Open").is_none());
    assert_eq!(opened.lock().unwrap().len(), 3, "nothing else was opened");
}
