//! The real app in a kittest harness: what the UI tests share.
#![allow(dead_code, reason = "shared test helpers: each test file uses some of them")]

use common_ground::model::Session;
use common_ground::store::DataDir;
use common_ground::ui::{AppConfig, CommonGroundApp, FilePicker, PickOutcome};
use egui::Theme;
use egui_kittest::Harness;
use egui_kittest::kittest::NodeT as _;
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A file picker for tests that never expect to be asked for a file: it cancels.
pub struct NoFilePicker;

impl FilePicker for NoFilePicker {
    fn pick_file_to_open(&mut self) -> PickOutcome {
        PickOutcome::Cancelled
    }

    fn pick_file_to_save(&mut self, _suggested_name: &str) -> PickOutcome {
        PickOutcome::Cancelled
    }
}

/// The real app with a data folder of its own, which lives as long as the app. Derefs to the
/// kittest harness.
pub struct App {
    /// The harness driving the app.
    pub harness: Harness<'static, CommonGroundApp>,
    /// The data folder (and any workshop copied into it), removed when the app is dropped.
    pub _folder: TempDir,
}

impl Deref for App {
    type Target = Harness<'static, CommonGroundApp>;

    fn deref(&self) -> &Self::Target {
        &self.harness
    }
}

impl DerefMut for App {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.harness
    }
}

impl App {
    /// The app on a projector's screen (1920×1080, `theme`), its data folder in a fresh
    /// temporary folder, opening the file `file` puts there (`None`: the start screen). Frames
    /// are a sixtieth of a second apart, as on a real screen, so clicks and waits can be timed as
    /// a person makes them (a double-click is two clicks within 0.3 s).
    pub fn on_projector_screen(theme: Theme, file: impl FnOnce(&Path) -> Option<PathBuf>) -> Self {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let config = AppConfig {
            data_dir: DataDir::at(folder.path().join("data")),
            file_to_open: file(folder.path()),
            file_picker: Box::new(NoFilePicker),
        };
        let harness = Harness::builder()
            .with_size(egui::vec2(1920.0, 1080.0))
            .with_theme(theme)
            .with_step_dt(1.0 / 60.0)
            // A side panel that starts to scroll takes a frame to make room for its bar and another
            // to lay its content out narrower, on top of the frames a click already takes; and the
            // wheel re-plans its rings within a time budget a frame (`SETTLING_PER_FRAME`), so on a
            // busy machine it takes more frames to settle.
            .with_max_steps(32)
            .build_eframe(move |cc| CommonGroundApp::new(&cc.egui_ctx, config));
        let mut app = Self { harness, _folder: folder };
        app.run();
        app
    }

    /// Presses `key`, with no modifier held, and lets the app settle.
    pub fn press(&mut self, key: egui::Key) {
        self.key_press(key);
        self.run();
    }

    /// A copy of the workshop file `source` (a path from the crate's root), open on a
    /// projector's screen in the dark theme.
    pub fn with_copy_of(source: &str) -> Self {
        Self::on_projector_screen(Theme::Dark, |folder| {
            let copy = folder.join("workshop.ron");
            std::fs::copy(source, &copy).expect("the workshop file to copy");
            Some(copy)
        })
    }

    /// The workshop open in the app.
    pub fn session(&self) -> &Session {
        self.state().document().expect("a workshop is open").session()
    }

    /// Types `text` as one burst of typing and lets the app settle.
    pub fn type_text(&mut self, text: &str) {
        self.event(egui::Event::Text(text.to_owned()));
        self.run();
    }

    /// The label of the widget that has the keyboard.
    pub fn focused_label(&self) -> Option<String> {
        self.root()
            .children_recursive()
            .find(|node| node.accesskit_node().is_focused())
            .and_then(|node| node.accesskit_node().label())
    }
}

/// Exports are made on a thread of their own: steps frames until the one started has finished.
pub fn wait_for_export(harness: &mut Harness<'_, CommonGroundApp>) {
    let started = std::time::Instant::now();
    while harness.state().is_exporting() {
        assert!(started.elapsed() < std::time::Duration::from_mins(1), "the export finishes");
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    harness.run();
}
