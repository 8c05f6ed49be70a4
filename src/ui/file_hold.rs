//! The dialog shown when the workshop's file is not being written: another program changed it
//! since it was read, or another copy of Common Ground has it open.

use crate::document::FileHold;
use egui::RichText;

/// What the person chose in the dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HoldChoice {
    /// Drop this window's changes and read the file as it is now.
    ReloadTheirs,
    /// Save this window's workshop as a copy beside the file, and go on in the copy.
    KeepMineAsCopy,
    /// Write this window's workshop over the file.
    Overwrite,
    /// Go on looking without saving to the file (a read-only view); the dialog closes.
    ViewReadOnly,
}

/// Shows the dialog for `hold` on the file called `file_name`; returns the person's choice.
pub fn file_hold_ui(ctx: &egui::Context, hold: FileHold, file_name: &str) -> Option<HoldChoice> {
    let mut choice = None;
    egui::Modal::new(egui::Id::unique("file hold")).show(ctx, |ui| {
        ui.set_width(560.0);
        match hold {
            FileHold::ChangedOnDisk => {
                crate::ui::accessibility::mark_heading(
                    &ui.heading(format!("“{file_name}” was changed by another program")),
                    2,
                );
                ui.label(
                    "Something else (a sync service, another program, a colleague on a shared drive) saved this \
                     file after Common Ground read it. To keep their changes, Common Ground has stopped saving to \
                     it; your latest changes are safe in the rescue folder meanwhile.",
                );
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui
                        .button("Reload theirs")
                        .on_hover_text("Drop the changes made here and open the file as it is now")
                        .clicked()
                    {
                        choice = Some(HoldChoice::ReloadTheirs);
                    }
                    if ui
                        .button("Keep mine as a copy")
                        .on_hover_text("Save this window's workshop as a new file beside theirs")
                        .clicked()
                    {
                        choice = Some(HoldChoice::KeepMineAsCopy);
                    }
                    if ui
                        .button("Overwrite theirs")
                        .on_hover_text("Replace the file with this window's workshop")
                        .clicked()
                    {
                        choice = Some(HoldChoice::Overwrite);
                    }
                });
            }
            FileHold::OpenElsewhere => {
                crate::ui::accessibility::mark_heading(
                    &ui.heading(format!("“{file_name}” is open in another copy of Common Ground")),
                    2,
                );
                ui.label(
                    "Two windows saving one file would erase each other's notes, so this one does not save to \
                     it. View it read-only, or open a copy of your own beside it.",
                );
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("View read-only").clicked() {
                        choice = Some(HoldChoice::ViewReadOnly);
                    }
                    if ui.button("Open a copy").on_hover_text("Save a copy beside the file and work in that").clicked()
                    {
                        choice = Some(HoldChoice::KeepMineAsCopy);
                    }
                });
            }
        }
    });
    choice
}

/// The status bar's words for a held file.
pub fn hold_status(hold: FileHold) -> RichText {
    match hold {
        FileHold::ChangedOnDisk => RichText::new("Not saving: the file was changed by another program"),
        FileHold::OpenElsewhere => RichText::new("Read-only: open in another copy of Common Ground"),
    }
}
