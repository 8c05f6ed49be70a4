//! The shortcuts sheet (F1 or ?): every command's keys, grouped by where they work, made from
//! the command table so it can never disagree with what the keys do.

use crate::ui::commands::{Command, Scope, key_words};
use egui::{RichText, Ui};

/// Keys that are not commands but that every list, box and canvas answers to.
const GENERAL_KEYS: [(&str, &str); 5] = [
    ("Tab, Shift+Tab", "Move to the next or previous control, prompt or note (a note reached this way is selected)."),
    ("Enter, Space", "Press the button or choose the prompt or note that has the keyboard."),
    (
        "Left and right arrows",
        "On the needs map, slide the note that has the keyboard along its arc (Shift: small steps).",
    ),
    ("Enter", "In a note box: add the note. Shift+Enter starts a new line in the wheel's note box."),
    ("Esc", "Close the box or list that is open."),
];

/// The rows of the sheet for one scope: each command's keys, name and what it does.
pub fn sheet_rows(ctx: &egui::Context, scope: Scope) -> Vec<(String, &'static str, &'static str)> {
    Command::ALL
        .into_iter()
        .filter(|command| command.scope() == scope && !command.shortcuts().is_empty())
        .map(|command| {
            let keys: Vec<String> = command.shortcuts().iter().map(|shortcut| key_words(ctx, *shortcut)).collect();
            (keys.join(", "), command.label(), command.explanation())
        })
        .collect()
}

/// Draws the sheet while `open`; Esc or "Close" closes it.
pub fn shortcuts_sheet_ui(ctx: &egui::Context, open: &mut bool) {
    if !*open {
        return;
    }
    let response = egui::Modal::new(egui::Id::unique("shortcuts sheet")).show(ctx, |ui| {
        let screen = ui.ctx().content_rect();
        ui.set_width((screen.width() - 120.0).clamp(400.0, 1300.0));
        crate::ui::accessibility::mark_heading(&ui.heading("Keyboard shortcuts"), 2);
        ui.label("Everything can be done from the keyboard. Keys without Ctrl wait while you type in a box.");
        let close = ui.button("Close").clicked();
        egui::ScrollArea::vertical().max_height(screen.height() - 220.0).show(ui, |ui| {
            for scope in Scope::ALL {
                let rows = sheet_rows(ui.ctx(), scope);
                if rows.is_empty() {
                    continue;
                }
                section(ui, scope.title(), rows.iter().map(|(keys, name, what)| (keys.as_str(), *name, *what)));
            }
            section(
                ui,
                "In lists, boxes and on the canvases",
                GENERAL_KEYS.iter().map(|(keys, what)| (*keys, "", *what)),
            );
        });
        close
    });
    if response.inner || response.should_close() {
        *open = false;
    }
}

fn section<'a>(ui: &mut Ui, title: &str, rows: impl Iterator<Item = (&'a str, &'a str, &'a str)>) {
    ui.add_space(8.0);
    ui.label(RichText::new(title).size(22.0).strong());
    egui::Grid::new(("shortcuts", title)).num_columns(3).striped(true).spacing([18.0, 6.0]).show(ui, |ui| {
        for (keys, name, what) in rows {
            ui.label(RichText::new(keys).strong().monospace());
            ui.label(name);
            ui.label(what);
            ui.end_row();
        }
    });
}
