//! The start screen: recover after a crash, new workshop, open, recent files, examples.

use super::Command;
use super::intents::{Intent, Intents};
use crate::examples::EXAMPLES;
use crate::guide::prompt_wheel;
use crate::store::{RecentFiles, UnclosedSession};
use egui::{RichText, Ui};
use std::path::Path;

/// Draw the start screen.
pub fn start_screen_ui(
    ui: &mut Ui,
    unclosed: &[UnclosedSession],
    recent: &RecentFiles,
    workshops_dir: &Path,
    intents: &mut Intents,
) {
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.set_max_width(760.0);
            ui.add_space(24.0);
            ui.heading(RichText::new("Common Ground").size(44.0).strong());
            ui.label(RichText::new("Partnership workshops with the prompt wheel and the two-arc map").size(22.0));
            ui.label(RichText::new(&prompt_wheel().credit).weak());
            ui.add_space(16.0);

            for (index, entry) in unclosed.iter().enumerate() {
                recovery_offer_ui(ui, index, entry, intents);
            }

            ui.horizontal(|ui| {
                let big = |command: Command| {
                    egui::Button::new(RichText::new(command.label()).size(24.0)).min_size(egui::vec2(220.0, 56.0))
                };
                if ui.add(big(Command::NewWorkshop)).on_hover_text(Command::NewWorkshop.explanation()).clicked() {
                    intents.push(Intent::Command(Command::NewWorkshop));
                }
                if ui.add(big(Command::Open)).on_hover_text(Command::Open.explanation()).clicked() {
                    intents.push(Intent::Command(Command::Open));
                }
                if ui
                    .button(Command::OpenTypedPath.label())
                    .on_hover_text(Command::OpenTypedPath.explanation())
                    .clicked()
                {
                    intents.push(Intent::Command(Command::OpenTypedPath));
                }
            });

            ui.add_space(20.0);
            ui.label(RichText::new("Recent workshops").size(24.0).strong());
            if recent.files.is_empty() {
                ui.label(RichText::new("Workshops you open or save will be listed here.").weak());
            }
            for file in &recent.files {
                let title = if file.title.trim().is_empty() { "Untitled workshop" } else { &file.title };
                let button = egui::Button::new(RichText::new(title).size(20.0)).min_size(egui::vec2(520.0, 36.0));
                if ui.add(button).on_hover_text(file.path.display().to_string()).clicked() {
                    intents.push(Intent::OpenRecent(file.path.clone()));
                }
                ui.label(RichText::new(file.path.display().to_string()).small().weak());
            }

            ui.add_space(20.0);
            ui.label(RichText::new("Example workshops").size(24.0).strong());
            for (index, example) in EXAMPLES.iter().enumerate() {
                let button =
                    egui::Button::new(RichText::new(example.title).size(20.0)).min_size(egui::vec2(520.0, 36.0));
                if ui.add(button).on_hover_text("Opens a copy; the example itself stays as it is.").clicked() {
                    intents.push(Intent::OpenExample(index));
                }
                ui.label(RichText::new(example.description).weak());
            }

            ui.add_space(20.0);
            ui.label(
                RichText::new(format!(
                    "Common Ground saves as you work. Workshops you have not saved elsewhere are kept in {}",
                    workshops_dir.display()
                ))
                .small()
                .weak(),
            );
        });
    });
}

fn recovery_offer_ui(ui: &mut Ui, index: usize, entry: &UnclosedSession, intents: &mut Intents) {
    let visuals = ui.visuals().clone();
    egui::Frame::group(ui.style())
        .fill(visuals.faint_bg_color)
        .stroke(egui::Stroke::new(2.0, visuals.warn_fg_color))
        .inner_margin(12.0)
        .show(ui, |ui| {
            ui.label(RichText::new("Common Ground did not close properly last time").size(22.0).strong());
            let when = entry.autosaved_at.to_offset(local_offset());
            ui.label(format!(
                "“{}” was saved automatically at {:02}:{:02} on {}-{:02}-{:02}.",
                entry.title,
                when.hour(),
                when.minute(),
                when.year(),
                u8::from(when.month()),
                when.day()
            ));
            ui.label(RichText::new(entry.autosaved_to.display().to_string()).small().weak());
            ui.horizontal(|ui| {
                let recover = egui::Button::new(RichText::new(format!("Recover “{}”", entry.title)).size(20.0));
                if ui.add(recover).clicked() {
                    intents.push(Intent::Recover(index));
                }
                if ui
                    .button("Not now")
                    .on_hover_text("The file stays where it is, listed under recent workshops.")
                    .clicked()
                {
                    intents.push(Intent::DismissRecovery(index));
                }
            });
        });
    ui.add_space(12.0);
}

/// The local time zone, or UTC where it cannot be determined safely.
fn local_offset() -> time::UtcOffset {
    time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC)
}
