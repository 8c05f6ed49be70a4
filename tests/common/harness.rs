//! The real app in a kittest harness: what the UI tests share.
#![allow(dead_code, reason = "shared test helpers: each test file uses some of them")]

use common_ground::ui::{CommonGroundApp, FilePicker, PickOutcome};
use egui_kittest::Harness;
use std::ops::{Deref, DerefMut};
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
