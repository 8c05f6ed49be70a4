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
            crate::ui::accessibility::mark_heading(&ui.heading(RichText::new("Common Ground").size(44.0).strong()), 1);
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
            ui.label(format!(
                "“{}” was saved automatically {}.",
                entry.title,
                how_long_ago(entry.autosaved_at, crate::local_time::now_local())
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

/// "3 minutes ago", "2 hours ago", or, for anything older than a day, the date it was on the
/// clocks where `now` is (give `now` in local time).
pub fn how_long_ago(then: time::OffsetDateTime, now: time::OffsetDateTime) -> String {
    let then = then.to_offset(now.offset());
    let seconds = (now - then).whole_seconds().max(0);
    let plural = |n: i64, unit: &str| if n == 1 { format!("1 {unit} ago") } else { format!("{n} {unit}s ago") };
    match seconds {
        0..60 => "less than a minute ago".to_owned(),
        60..3600 => plural(seconds / 60, "minute"),
        3600..86400 => plural(seconds / 3600, "hour"),
        _ => format!("on {}-{:02}-{:02}", then.year(), u8::from(then.month()), then.day()),
    }
}

#[cfg(test)]
mod tests {
    use super::how_long_ago;
    use time::macros::datetime;

    #[test]
    fn ages_read_naturally() {
        let now = datetime!(2026-11-22 12:00 UTC);
        assert_eq!(how_long_ago(datetime!(2026-11-22 11:59:30 UTC), now), "less than a minute ago");
        assert_eq!(how_long_ago(datetime!(2026-11-22 11:59 UTC), now), "1 minute ago");
        assert_eq!(how_long_ago(datetime!(2026-11-22 11:17 UTC), now), "43 minutes ago");
        assert_eq!(how_long_ago(datetime!(2026-11-22 09:00 UTC), now), "3 hours ago");
        assert_eq!(how_long_ago(datetime!(2026-11-19 09:00 UTC), now), "on 2026-11-19");
    }

    #[test]
    fn an_older_date_is_the_date_on_the_local_clock() {
        // Saved at 23:30 UTC on 30 June, which was 00:30 on 1 July on a clock in summer-time UK.
        let then = datetime!(2026-06-30 23:30 UTC);
        assert_eq!(how_long_ago(then, datetime!(2026-07-03 12:00 +01:00)), "on 2026-07-01");
        assert_eq!(how_long_ago(then, datetime!(2026-07-03 11:00 UTC)), "on 2026-06-30");
    }
}
