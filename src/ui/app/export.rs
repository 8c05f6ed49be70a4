//! Exporting, and the "type a path" prompt for systems without a file chooser.

use super::files::file_stem_for;
use super::{CommonGroundApp, Notice};
use crate::export::{ExportOptions, Format};
use crate::model::Session;
use crate::ui::export_job::ExportJob;
use crate::ui::file_picker::{PickOutcome, with_extension, with_ron_extension};
use std::path::{Path, PathBuf};

/// What a typed path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PathPurpose {
    Open,
    SaveAs,
    Export(Format),
}

/// The "type a path" dialog, for systems without a file chooser.
#[derive(Debug)]
pub(super) struct PathPrompt {
    purpose: PathPurpose,
    text: String,
    reason: Option<String>,
    focused: bool,
}

impl CommonGroundApp {
    /// Asks where to put an export in `format`, then writes it there.
    pub(super) fn export(&mut self, format: Format) {
        let Some(document) = &self.document else { return };
        let suggested = export_name(document.session(), format);
        match self.file_picker.pick_export_destination(format, &suggested) {
            PickOutcome::Picked(path) => {
                self.remember_folder_of(&path);
                self.export_to(format, &path);
            }
            PickOutcome::Cancelled => {}
            PickOutcome::Unavailable => self.ask_for_path(
                PathPurpose::Export(format),
                Some("No file chooser is available on this computer, so type where to put the export.".into()),
            ),
        }
    }

    /// Starts exporting the workshop in `format` to `path` on a thread of its own, so the window
    /// keeps drawing; [`Self::poll_export`] says how it went. One export at a time.
    fn export_to(&mut self, format: Format, path: &Path) {
        let Some(document) = &self.document else { return };
        if self.export_job.is_some() {
            self.warn("An export is still being made; try again when it has finished.");
            return;
        }
        let session = document.session().clone();
        // The summary says when it was made on the room's clock.
        let options = ExportOptions { generated_at: crate::local_time::now_local() };
        let stem = file_stem_for(session.display_title());
        let repaint = self.repaint.clone();
        self.export_job =
            Some(ExportJob::start(session, format, path.to_owned(), options, stem, move || repaint.request_repaint()));
    }

    /// Collects a finished export and says how it went; while one is running, keeps its progress
    /// (the seconds it has taken) up to date in the status bar.
    pub(super) fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.export_job else { return };
        match job.poll() {
            Some(report) => {
                self.export_job = None;
                self.notice = Some(Notice { text: report.message, is_error: report.is_error, written: report.written });
            }
            None => ctx.request_repaint_after(std::time::Duration::from_millis(250)),
        }
    }

    /// Whether an export is being made in the background.
    pub fn is_exporting(&self) -> bool {
        self.export_job.is_some()
    }

    /// Show the "type a path" prompt for `purpose`, with a suggested path filled in.
    pub(super) fn ask_for_path(&mut self, purpose: PathPurpose, reason: Option<String>) {
        let folder = || {
            directories::UserDirs::new()
                .and_then(|dirs| dirs.document_dir().map(Path::to_owned))
                .or_else(|| directories::UserDirs::new().map(|dirs| dirs.home_dir().to_owned()))
                .unwrap_or_default()
        };
        let text = match (&self.document, purpose) {
            (Some(document), PathPurpose::SaveAs) => folder()
                .join(format!("{}.ron", file_stem_for(document.session().display_title())))
                .display()
                .to_string(),
            (Some(document), PathPurpose::Export(format)) => {
                folder().join(export_name(document.session(), format)).display().to_string()
            }
            _ => String::new(),
        };
        self.path_prompt = Some(PathPrompt { purpose, text, reason, focused: false });
    }

    /// The "type a path" prompt, while it is open; acts on the path once it is entered.
    pub(super) fn path_prompt_ui(&mut self, ctx: &egui::Context) {
        let Some(prompt) = &mut self.path_prompt else { return };
        let mut chosen = None;
        let mut cancelled = false;
        egui::Modal::new(egui::Id::unique("path prompt")).show(ctx, |ui| {
            ui.set_width(640.0);
            let heading = ui.heading(match prompt.purpose {
                PathPurpose::Open => "Open a workshop file".to_owned(),
                PathPurpose::SaveAs => "Save the workshop as".to_owned(),
                PathPurpose::Export(format) => format!("Export the {}", format.description()),
            });
            crate::ui::accessibility::mark_heading(&heading, 2);
            if let Some(reason) = &prompt.reason {
                ui.label(reason);
            }
            let label = ui.label(match prompt.purpose {
                PathPurpose::Export(format) if format.is_several_files() => "Folder path",
                _ => "File path",
            });
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut prompt.text)
                        .hint_text("/home/you/Documents/workshop.ron")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if !prompt.focused {
                field.request_focus();
                prompt.focused = true;
            }
            let entered = field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let action = match prompt.purpose {
                    PathPurpose::Open => "Open",
                    PathPurpose::SaveAs => "Save",
                    PathPurpose::Export(_) => "Export",
                };
                if (ui.button(action).clicked() || entered) && !prompt.text.trim().is_empty() {
                    chosen = Some(expand_home(prompt.text.trim()));
                }
                if ui.button("Cancel").clicked() || ui.input(|input| input.key_pressed(egui::Key::Escape)) {
                    cancelled = true;
                }
            });
        });
        let purpose = prompt.purpose;
        if cancelled {
            self.path_prompt = None;
        } else if let Some(path) = chosen {
            self.path_prompt = None;
            match purpose {
                PathPurpose::Open => self.open_path(&path),
                PathPurpose::SaveAs => self.save_to(&with_ron_extension(path)),
                PathPurpose::Export(format) => self.export_to(format, &with_extension(path, format)),
            }
        }
    }
}

/// The name an export is offered under: a file named after the workshop, or a folder for the
/// formats that are several files.
fn export_name(session: &Session, format: Format) -> String {
    let stem = file_stem_for(session.display_title());
    if format.is_several_files() {
        format!("{stem} {}", format.extension())
    } else {
        format!("{stem}.{}", format.extension())
    }
}

/// `~/x` → the home folder joined with `x`.
fn expand_home(text: &str) -> PathBuf {
    match (text.strip_prefix("~/"), directories::UserDirs::new()) {
        (Some(rest), Some(dirs)) => dirs.home_dir().join(rest),
        _ => PathBuf::from(text),
    }
}
