//! The workshop's agenda: the bar along the top that says which step the room is on, with the
//! buttons to move on, and the Agenda tab where the steps and their time boxes are set.

use super::commands::Command;
use super::intents::{Intent, Intents};
use super::widgets::{section_heading, text_field};
use crate::model::{Activity, Agenda, AgendaStep, Edit, Session};
use egui::{RichText, Ui};

/// The edit that gives a workshop without an agenda the suggested one, as one undo step.
pub fn use_suggested_agenda(session: &Session) -> Edit {
    let start = session.agenda.steps.len();
    Edit::Batch(
        Agenda::suggested()
            .steps
            .into_iter()
            .enumerate()
            .map(|(offset, step)| Edit::InsertStep { index: start + offset, step })
            .collect(),
    )
}

fn command_button(ui: &mut Ui, command: Command, label: &str, enabled: bool, intents: &mut Intents) {
    let shortcut = command.shortcut_text(ui.ctx());
    let text = if shortcut.is_empty() { label.to_owned() } else { format!("{label}  ({shortcut})") };
    let button = ui
        .add_enabled(enabled, egui::Button::new(RichText::new(text).size(18.0)))
        .on_hover_text(command.explanation())
        .accessible_name(label);
    if button.clicked() {
        intents.push(Intent::Command(command));
    }
}

/// The bar under the tabs: the step the room is on, and Previous / Next. Returns the part of
/// the screen its own fill covers (its rounded corners left out), which need not be painted
/// beneath it: nothing if the theme's fill is not opaque.
pub fn current_step_bar_ui(ui: &mut Ui, session: &Session, intents: &mut Intents) -> egui::Rect {
    let agenda = &session.agenda;
    let fill = ui.visuals().extreme_bg_color;
    let radius = 6;
    let frame = egui::Frame::new().fill(fill).inner_margin(egui::Margin::symmetric(10, 6)).corner_radius(radius);
    let shown = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            if agenda.steps.is_empty() {
                ui.label(RichText::new("This workshop has no agenda yet.").size(18.0));
                if ui.button(RichText::new("Use the suggested agenda").size(18.0)).clicked() {
                    intents.edit(use_suggested_agenda(session));
                }
                return;
            }
            let count = agenda.steps.len();
            match (agenda.current_index(), agenda.current_step()) {
                (Some(index), Some(step)) => {
                    ui.label(RichText::new(format!("Step {} of {count}", index + 1)).size(18.0).weak());
                    let mut words = step.title.clone();
                    if let Some(minutes) = step.minutes {
                        words.push_str(&format!("  ·  {minutes} min"));
                    }
                    ui.label(RichText::new(words).size(22.0).strong());
                    ui.add_space(12.0);
                    command_button(ui, Command::PreviousStep, "Previous step", index > 0, intents);
                    let next = agenda.next_step().map(|step| step.title.as_str());
                    command_button(ui, Command::NextStep, "Next step", next.is_some(), intents);
                    if let Some(next) = next {
                        ui.label(RichText::new(format!("Next: {next}")).weak());
                    } else {
                        ui.label(RichText::new("This is the last step.").weak());
                    }
                }
                _ => {
                    let total = agenda.total_minutes();
                    ui.label(
                        RichText::new(format!("Agenda: {count} steps, {total} minutes. Not started yet.")).size(18.0),
                    );
                    command_button(ui, Command::NextStep, "Start the workshop", true, intents);
                }
            }
        });
    });
    if !fill.is_opaque() {
        return egui::Rect::NOTHING;
    }
    shown.response.rect.shrink2(egui::vec2(f32::from(radius), 0.0))
}

/// The Agenda tab: every step with its activity and time box, to change, reorder and go to.
pub fn agenda_ui(ui: &mut Ui, session: &Session, intents: &mut Intents) {
    let agenda = &session.agenda;
    section_heading(ui, &format!("Agenda ({} steps, {} minutes)", agenda.steps.len(), agenda.total_minutes()));
    ui.label(
        RichText::new(
            "The room moves through these in order. Going to a step brings up what it needs: the wheel, the map, \
             the voting panel or the action plan.",
        )
        .weak(),
    );
    if agenda.steps.is_empty() {
        ui.horizontal(|ui| {
            ui.label("This workshop has no agenda yet.");
            if ui.button("Use the suggested agenda").clicked() {
                intents.edit(use_suggested_agenda(session));
            }
        });
    }
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        for (index, step) in agenda.steps.iter().enumerate() {
            step_ui(ui, session, index, step, intents);
        }
        ui.horizontal(|ui| {
            if ui.button("Add a step").clicked() {
                let step = AgendaStep::new("New step", Activity::Talk, Some(10));
                intents.edit(Edit::InsertStep { index: agenda.steps.len(), step });
            }
            if agenda.current.is_some() && ui.button("Back to not started").clicked() {
                intents.push(Intent::GoToStep(None));
            }
        });
    });
}

fn step_ui(ui: &mut Ui, session: &Session, index: usize, step: &AgendaStep, intents: &mut Intents) {
    let agenda = &session.agenda;
    let count = agenda.steps.len();
    let number = index + 1;
    let current = agenda.current == Some(step.id);
    let visuals = ui.visuals();
    let (fill, stroke) = if current {
        (visuals.selection.bg_fill.gamma_multiply(0.35), egui::Stroke::new(3.0, visuals.selection.stroke.color))
    } else {
        (visuals.panel_fill, visuals.widgets.noninteractive.bg_stroke)
    };
    egui::Frame::group(ui.style()).fill(fill).stroke(stroke).show(ui, |ui| {
        ui.set_width(ui.available_width().min(900.0));
        ui.horizontal(|ui| {
            let heading = if current { format!("Step {number} (now)") } else { format!("Step {number}") };
            ui.label(RichText::new(heading).strong().size(18.0));
            if !current && ui.button("Go to this step").accessible_name(format!("Go to step {number}")).clicked() {
                intents.push(Intent::GoToStep(Some(step.id)));
            }
            let up = ui
                .add_enabled(index > 0, egui::Button::new("Up"))
                .accessible_name(format!("Move step {number} earlier"));
            let down = ui
                .add_enabled(index + 1 < count, egui::Button::new("Down"))
                .accessible_name(format!("Move step {number} later"));
            if up.clicked() || down.clicked() {
                let to = if up.clicked() { index - 1 } else { index + 1 };
                intents.edit(Edit::MoveStep { id: step.id, to });
            }
            if ui.button("Remove").accessible_name(format!("Remove step {number}")).clicked() {
                intents.edit(Edit::RemoveStep(step.id));
            }
        });
        text_field(
            ui,
            intents,
            &format!("Step {number} title"),
            &step.title,
            format!("step.title.{}", step.id),
            false,
            |title| Edit::UpdateStep(AgendaStep { title, ..step.clone() }),
        );
        ui.horizontal_wrapped(|ui| {
            ui.label("Activity");
            let mut activity = step.activity;
            let combo = egui::ComboBox::from_id_salt(("step activity", step.id))
                .selected_text(activity.label())
                .show_ui(ui, |ui| {
                    for choice in Activity::ALL {
                        ui.selectable_value(&mut activity, choice, choice.label());
                    }
                });
            let _ = combo.response.accessible_name(format!("Activity of step {number}"));
            if activity != step.activity {
                intents.edit(Edit::UpdateStep(AgendaStep { activity, ..step.clone() }));
            }
            let mut timed = step.minutes.is_some();
            let toggle = ui.checkbox(&mut timed, "Time box").accessible_name(format!("Time box for step {number}"));
            if toggle.changed() {
                let minutes = timed.then_some(10);
                intents.edit(Edit::UpdateStep(AgendaStep { minutes, ..step.clone() }));
            }
            if let Some(minutes) = step.minutes {
                let mut value = minutes;
                let drag = ui
                    .add(egui::DragValue::new(&mut value).range(1..=480).suffix(" min"))
                    .accessible_name(format!("Minutes for step {number}"));
                if value != minutes {
                    intents.edit_in(
                        Edit::UpdateStep(AgendaStep { minutes: Some(value), ..step.clone() }),
                        format!("step.minutes.{}", step.id),
                    );
                }
                if drag.drag_stopped() || drag.lost_focus() {
                    intents.push(Intent::EndGesture);
                }
            }
        });
    });
}
