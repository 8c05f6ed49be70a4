//! An export made on a thread of its own, so the window keeps drawing (and the room keeps
//! seeing the projection) while a long summary or a large picture is made and written.

use crate::export::{ExportOptions, Format, export, undrawn_text, write_export};
use crate::model::Session;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

/// How an export went: a message for the person, whether it is an error, and what was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportReport {
    /// What the person is told.
    pub message: String,
    /// Whether the export failed.
    pub is_error: bool,
    /// What was written, which the person can then open, when the export worked.
    pub written: Option<Written>,
}

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Written {
    /// One file (a summary, a workbook).
    File(PathBuf),
    /// A folder of files (tables, pictures).
    Folder(PathBuf),
}

impl ExportReport {
    /// A failure, in words.
    fn failed(message: String) -> Self {
        Self { message, is_error: true, written: None }
    }
}

/// An export being made in the background.
#[derive(Debug)]
pub struct ExportJob {
    format: Format,
    started: Instant,
    outcome: mpsc::Receiver<ExportReport>,
}

impl ExportJob {
    /// Starts exporting `session` in `format` to `path` (a file, or a folder for the formats that
    /// are several files, named after `stem`) on its own thread; `finished` is called on that
    /// thread when it is done (the app asks for a frame then). The session is a copy, so edits
    /// made meanwhile are not in this export.
    pub fn start(
        session: Session,
        format: Format,
        path: PathBuf,
        options: ExportOptions,
        stem: String,
        finished: impl FnOnce() + Send + 'static,
    ) -> Self {
        let (sender, outcome) = mpsc::channel();
        let work = move || {
            let report = export_and_describe(&session, format, &path, &options, &stem);
            // The receiver is gone only if the app closed meanwhile; the files are written anyway.
            let _ = sender.send(report);
            finished();
        };
        let job = Self { format, started: Instant::now(), outcome };
        if let Err(error) = std::thread::Builder::new().name("export".to_owned()).spawn(work) {
            // No thread to be had: say so rather than freeze the window doing it here.
            let (sender, outcome) = mpsc::channel();
            let _ = sender.send(ExportReport::failed(format!(
                "Couldn't start the export ({error}). The workshop itself is unchanged."
            )));
            return Self { outcome, ..job };
        }
        job
    }

    /// What is being exported, for the status bar, with the seconds it has taken so far.
    pub fn progress_label(&self) -> String {
        format!("Exporting the {}… {} s", self.format.description(), self.started.elapsed().as_secs())
    }

    /// The report, once the export has finished.
    pub fn poll(&self) -> Option<ExportReport> {
        match self.outcome.try_recv() {
            Ok(report) => Some(report),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(ExportReport::failed(
                "The export stopped unexpectedly. The workshop itself is unchanged.".to_owned(),
            )),
        }
    }
}

/// Exports and writes, and says how it went, as the app tells the person.
pub fn export_and_describe(
    session: &Session,
    format: Format,
    path: &Path,
    options: &ExportOptions,
    stem: &str,
) -> ExportReport {
    let written = export(session, format, options).and_then(|files| write_export(&files, format, path, stem));
    // Characters drawn as boxes are said after the files, not left to be found by a partner.
    let undrawn = || undrawn_text(session, format).map_or_else(String::new, |sentence| format!(" {sentence}"));
    match written {
        Ok(paths) if format.is_several_files() => {
            let names: Vec<String> = paths
                .iter()
                .filter_map(|path| path.file_name().map(|name| name.to_string_lossy().into_owned()))
                .collect();
            let folder = paths.first().and_then(|file| file.parent()).map_or_else(|| path.to_owned(), Path::to_owned);
            ExportReport {
                message: format!(
                    "Exported the {} to {}: {}.{}",
                    format.description(),
                    path.display(),
                    names.join(", "),
                    undrawn()
                ),
                is_error: false,
                written: Some(Written::Folder(folder)),
            }
        }
        Ok(paths) => {
            let written = paths.first().map_or_else(|| path.to_owned(), PathBuf::clone);
            ExportReport {
                message: format!("Exported the {} to {}.{}", format.description(), written.display(), undrawn()),
                is_error: false,
                written: Some(Written::File(written)),
            }
        }
        Err(error) => ExportReport::failed(format!("{error}. The workshop itself is unchanged.")),
    }
}
