//! Choosing files: the native dialog through rfd, with a way to tell when no dialog exists.

use crate::export::Format;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What came of asking the person for a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickOutcome {
    /// They chose this file.
    Picked(PathBuf),
    /// They closed the dialog without choosing.
    Cancelled,
    /// No dialog could be shown (no desktop portal); they need to type a path instead.
    Unavailable,
}

/// Shows file dialogs. The app uses the native one; tests use a scripted one.
pub trait FilePicker {
    /// Ask for a workshop file to open.
    fn pick_file_to_open(&mut self) -> PickOutcome;
    /// Ask where to save, suggesting `suggested_name`.
    fn pick_file_to_save(&mut self, suggested_name: &str) -> PickOutcome;
    /// Ask where to put an export in `format`: a file named like `suggested_name`, or a folder
    /// for the formats that are several files. A picker that cannot ask (as in tests that only
    /// open and save workshops) says no dialog is available, and the app asks for a typed path.
    fn pick_export_destination(&mut self, format: Format, suggested_name: &str) -> PickOutcome {
        let _ = (format, suggested_name);
        PickOutcome::Unavailable
    }
    /// Where the next dialog starts: the folder last used, remembered between runs. A picker that
    /// shows no dialog has no use for it.
    fn start_in(&mut self, folder: Option<&Path>) {
        let _ = folder;
    }
}

/// The folder to remember after `picked` was chosen: the folder itself when a folder was picked
/// (the exports that are several files), else the folder the file is in.
pub fn folder_of(picked: &Path) -> Option<PathBuf> {
    if picked.is_dir() { Some(picked.to_owned()) } else { picked.parent().map(Path::to_owned) }
}

/// The system's file dialog, through rfd.
#[derive(Debug, Default)]
pub struct NativeFilePicker {
    /// Where dialogs start, when a folder was used before.
    start_folder: Option<PathBuf>,
}

impl NativeFilePicker {
    /// A dialog that starts in the folder last used.
    fn dialog(&self) -> rfd::FileDialog {
        let dialog = rfd::FileDialog::new();
        match &self.start_folder {
            Some(folder) => dialog.set_directory(folder),
            None => dialog,
        }
    }
}

/// A person takes longer than this to cancel a dialog; an answer this fast means no dialog was
/// shown at all (rfd returns `None` at once when the system has no desktop portal).
const NO_DIALOG_THRESHOLD: Duration = Duration::from_millis(250);

fn outcome(started: Instant, picked: Option<PathBuf>) -> PickOutcome {
    match picked {
        Some(path) => PickOutcome::Picked(path),
        None if started.elapsed() < NO_DIALOG_THRESHOLD => PickOutcome::Unavailable,
        None => PickOutcome::Cancelled,
    }
}

impl FilePicker for NativeFilePicker {
    fn pick_file_to_open(&mut self) -> PickOutcome {
        let started = Instant::now();
        let picked = self
            .dialog()
            .set_title("Open a workshop")
            .add_filter("Common Ground workshop", &["ron"])
            .add_filter("All files", &["*"])
            .pick_file();
        outcome(started, picked)
    }

    fn pick_file_to_save(&mut self, suggested_name: &str) -> PickOutcome {
        let started = Instant::now();
        let picked = self
            .dialog()
            .set_title("Save the workshop as")
            .add_filter("Common Ground workshop", &["ron"])
            .set_file_name(suggested_name)
            .save_file();
        outcome(started, picked.map(with_ron_extension))
    }

    fn pick_export_destination(&mut self, format: Format, suggested_name: &str) -> PickOutcome {
        let started = Instant::now();
        let dialog = self.dialog();
        let picked = if format.is_several_files() {
            dialog.set_title(format!("Choose a folder for the {}", format.description())).pick_folder()
        } else {
            dialog
                .set_title(format!("Export the {}", format.description()))
                .add_filter(format.description(), &[format.extension()])
                .set_file_name(suggested_name)
                .save_file()
                .map(|path| with_extension(path, format))
        };
        outcome(started, picked)
    }

    fn start_in(&mut self, folder: Option<&Path>) {
        self.start_folder = folder.filter(|folder| folder.is_dir()).map(Path::to_owned);
    }
}

/// Adds the format's extension to a chosen single-file export path that has none.
pub fn with_extension(path: PathBuf, format: Format) -> PathBuf {
    if format.is_several_files() || path.extension().is_some() { path } else { path.with_extension(format.extension()) }
}

/// Adds `.ron` to a chosen save path that has no extension, as people often type just a name.
pub fn with_ron_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_none() { path.with_extension("ron") } else { path }
}
