//! What the app remembers between runs (issue 20), driven through the real UI: the console's
//! look, the projector's theme and type size and the folder last used go into eframe's storage
//! and come back in the next run; nothing of the workshop goes there.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

use common_ground::store::DataDir;
use common_ground::ui::room::{ProjectorLook, ProjectorTheme};
use common_ground::ui::{AppConfig, CommonGroundApp, ConsoleTheme, FilePicker, PickOutcome};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// eframe's storage, in memory: what `app.ron` would hold.
#[derive(Default)]
struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}

/// Where each dialog was asked to start.
type Starts = Arc<Mutex<Vec<Option<PathBuf>>>>;

/// A file chooser that saves to one path and notes the folder each dialog would start in.
struct FolderPicker {
    save_to: Option<PathBuf>,
    start: Option<PathBuf>,
    starts: Starts,
}

impl FilePicker for FolderPicker {
    fn pick_file_to_open(&mut self) -> PickOutcome {
        self.starts.lock().unwrap().push(self.start.clone());
        PickOutcome::Cancelled
    }

    fn pick_file_to_save(&mut self, _suggested_name: &str) -> PickOutcome {
        self.starts.lock().unwrap().push(self.start.clone());
        self.save_to.take().map_or(PickOutcome::Cancelled, PickOutcome::Picked)
    }

    fn start_in(&mut self, folder: Option<&Path>) {
        self.start = folder.map(Path::to_owned);
    }
}

fn app(
    data: &Path,
    save_to: Option<PathBuf>,
    storage: Option<MemoryStorage>,
) -> (Harness<'static, CommonGroundApp>, Starts) {
    let starts = Starts::default();
    let picker = FolderPicker { save_to, start: None, starts: starts.clone() };
    let config = AppConfig { data_dir: DataDir::at(data), file_to_open: None, file_picker: Box::new(picker) };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| CommonGroundApp::new(&cc.egui_ctx, config));
    // The app starts as main.rs starts it, restoring from eframe's storage; here after the
    // harness has set its own (dark) theme, which it does once the app is made.
    if let Some(storage) = &storage {
        let ctx = harness.ctx.clone();
        harness.state_mut().restore_from_storage(&ctx, Some(storage));
    }
    harness.run();
    (harness, starts)
}

fn click(harness: &mut Harness<'_, CommonGroundApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

#[test]
fn the_looks_and_the_last_folder_come_back_in_the_next_run_and_the_workshop_does_not() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let saved_to = folder.path().join("harbour.ron");
    let (mut harness, _) = app(data.path(), Some(saved_to.clone()), None);

    // A workshop, saved into a folder of the person's choosing.
    click(&mut harness, "New workshop");
    harness.get_by_role_and_label(Role::TextInput, "Title").type_text("Harbour secret title");
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::S);
    harness.run();
    assert!(saved_to.is_file(), "saved where chosen");

    // The console goes light from the View menu (the test harness starts dark).
    click(&mut harness, "View");
    harness.get_by_role_and_label(Role::RadioButton, "Light").click();
    harness.run();
    assert_eq!(harness.ctx.options(|options| options.theme_preference), egui::ThemePreference::Light);

    // The projector: dark, type at 150%.
    click(&mut harness, "Projector theme");
    click(&mut harness, "High contrast dark");
    harness.get_by_role_and_label(Role::ComboBox, "Type size").click();
    harness.run();
    click(&mut harness, "150%");

    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    let remembered: String = storage.0.values().cloned().collect();
    assert!(!remembered.contains("Harbour"), "nothing of the workshop is remembered: {remembered}");
    drop(harness);

    let (mut next, starts) = app(data.path(), None, Some(storage));
    assert!(next.state().document().is_none(), "the next run opens on the start screen");
    let preferences = next.state().preferences();
    assert_eq!(preferences.console_theme, ConsoleTheme::Light);
    assert_eq!(next.ctx.options(|options| options.theme_preference), egui::ThemePreference::Light);
    assert_eq!(next.state().room().look, ProjectorLook { theme: ProjectorTheme::Dark, scale: 1.5 });
    assert_eq!(preferences.last_folder.as_deref(), Some(folder.path()));

    click(&mut next, "Open…");
    assert_eq!(*starts.lock().unwrap(), [Some(folder.path().to_owned())], "the file chooser starts in that folder");
}

#[test]
fn a_first_run_has_the_defaults() {
    let data = tempfile::tempdir().unwrap();
    let (harness, _) = app(data.path(), None, Some(MemoryStorage::default()));
    let preferences = harness.state().preferences();
    assert_eq!(harness.state().room().look, ProjectorLook::default());
    assert_eq!(preferences.last_folder, None);
}
