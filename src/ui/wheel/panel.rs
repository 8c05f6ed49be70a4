//! The panel beside the wheel: the selected prompt (with the guide's examples on request), the
//! selected note, and the wheel's own list of prompts.

use super::{WheelView, band_words};
use crate::guide::{prompt_examples, prompt_reflections, prompt_wheel};
use crate::model::{Edit, MAX_PROMPTS, MIN_PROMPTS, Note, Placement, Session, WheelBand, WheelPrompt};
use crate::ui::groups::note_group_work_ui;
use crate::ui::intents::{Intent, Intents};
use crate::ui::widgets::{section_heading, selected_note_fields, text_field};
use crate::ui::{Command, WheelCommand};
use egui::{RichText, Ui};
use time::OffsetDateTime;

/// Draws the side panel.
pub(super) fn side_panel_ui(
    ui: &mut Ui,
    session: &Session,
    view: &mut WheelView,
    now: OffsetDateTime,
    intents: &mut Intents,
) {
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        selected_prompt_ui(ui, session, view, intents);
        ui.separator();
        guide_ui(ui, session, view);
        if let Some(note) = view.selected_note.and_then(|id| session.note(id)) {
            ui.separator();
            note_editor_ui(ui, session, view, note, now, intents);
        }
        ui.separator();
        prompt_list_ui(ui, session, view, intents);
        ui.separator();
        ui.label(RichText::new(&prompt_wheel().credit).small().weak());
    });
}

/// A button for a command, showing its shortcut so facilitators learn it.
fn command_button(ui: &mut Ui, command: WheelCommand, label: &str) -> bool {
    let command = Command::Wheel(command);
    let shortcut = command.shortcut_text(ui.ctx());
    let text = if shortcut.is_empty() { label.to_owned() } else { format!("{label}  ({shortcut})") };
    ui.button(text).on_hover_text(command.explanation()).clicked()
}

fn selected_prompt_ui(ui: &mut Ui, session: &Session, view: &mut WheelView, intents: &mut Intents) {
    let Some(prompt) = view.selected(session).cloned() else { return };
    let index = view.selected_index(session);
    // Wrapped, so that when the panel scrolls and its bar takes 10 pt the progress moves under the
    // buttons instead of widening the panel (which would push the notes beside the wheel out).
    ui.horizontal_wrapped(|ui| {
        if ui.button("Previous").on_hover_text("Previous prompt (←)").clicked() {
            view.run(WheelCommand::PreviousPrompt, session, intents);
        }
        ui.label(RichText::new(format!("Prompt {} of {}", index + 1, session.wheel.prompts.len())).strong());
        if ui.button("Next").on_hover_text("Next prompt (→)").clicked() {
            view.run(WheelCommand::NextPrompt, session, intents);
        }
        ui.label(RichText::new(session.wheel.progress_label()).weak());
    });
    ui.label(RichText::new(&prompt.question).size(26.0).strong());
    let mut discussed = prompt.discussed;
    if ui
        .checkbox(&mut discussed, "Discussed")
        .on_hover_text(Command::Wheel(WheelCommand::MarkDiscussed).explanation())
        .changed()
    {
        intents.edit(Edit::UpdatePrompt(WheelPrompt { discussed, ..prompt.clone() }));
    }
    ui.horizontal_wrapped(|ui| {
        if command_button(ui, WheelCommand::AddAssumption, "Add an assumption") {
            view.start_note(session, WheelBand::Assumption, None);
        }
        if command_button(ui, WheelCommand::AddOpportunity, "Add an opportunity") {
            view.start_note(session, WheelBand::Opportunity, None);
        }
    });
    ui.horizontal_wrapped(|ui| {
        let focus_label = if view.focus_mode { "Back to the wheel" } else { "Focus on this prompt" };
        if command_button(ui, WheelCommand::ToggleFocusView, focus_label) {
            view.focus_mode = !view.focus_mode;
        }
        if !view.focus_mode && command_button(ui, WheelCommand::FitToScreen, "Fit to screen") {
            view.fit_to_screen();
        }
    });
}

fn guide_ui(ui: &mut Ui, session: &Session, view: &mut WheelView) {
    let Some(prompt) = view.selected(session) else { return };
    let examples = prompt_examples(&prompt.key);
    let reflections: Vec<_> = prompt_reflections(&prompt.key).collect();
    section_heading(ui, "From the guide");
    if examples.is_empty() && reflections.is_empty() {
        ui.label(RichText::new("This is your own prompt; the guide has no examples for it.").weak());
        return;
    }
    let label = if view.guide_shown { "Hide the guide's examples" } else { "Show the guide's examples" };
    if command_button(ui, WheelCommand::ToggleGuide, label) {
        view.guide_shown = !view.guide_shown;
    }
    if !view.guide_shown {
        ui.label(RichText::new("Hidden, so the room answers first.").weak());
        return;
    }
    if !examples.is_empty() {
        ui.label(RichText::new("For example").strong());
        for example in examples {
            ui.label(format!("• {example}"));
        }
    }
    if !reflections.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new("What others said").strong());
        for reflection in reflections {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(RichText::new(format!("‘{}’", reflection.heading)).italics());
                for paragraph in &reflection.paragraphs {
                    ui.label(paragraph);
                }
                ui.label(RichText::new(format!("— {}", reflection.attribution())).weak());
            });
        }
    }
}

fn note_editor_ui(
    ui: &mut Ui,
    session: &Session,
    view: &mut WheelView,
    note: &Note,
    now: OffsetDateTime,
    intents: &mut Intents,
) {
    section_heading(ui, "Selected note");
    let id = note.id;
    selected_note_fields(ui, session, note, now, intents);
    if let Placement::Wheel { prompt, band } = &note.placement {
        ui.horizontal(|ui| {
            ui.label("Ring");
            for choice in [WheelBand::Assumption, WheelBand::Opportunity] {
                let word = band_words(choice).0;
                if ui.selectable_label(*band == choice, format!("{}{}", word[..1].to_uppercase(), &word[1..])).clicked()
                    && *band != choice
                {
                    intents.edit(Edit::MoveNote {
                        id,
                        placement: Placement::Wheel { prompt: prompt.clone(), band: choice },
                    });
                }
            }
        });
        let current = session.wheel.prompt(prompt).map_or("", |p| p.question.as_str());
        ui.horizontal(|ui| {
            ui.label("Prompt");
            let combo = egui::ComboBox::from_id_salt(("wheel note prompt", id))
                .selected_text(current)
                .width(260.0)
                .show_ui(ui, |ui| {
                    for other in &session.wheel.prompts {
                        if ui.selectable_label(other.key == *prompt, &other.question).clicked() && other.key != *prompt
                        {
                            intents.edit(Edit::MoveNote {
                                id,
                                placement: Placement::Wheel { prompt: other.key.clone(), band: *band },
                            });
                        }
                    }
                });
            let _ = combo.response.accessible_name("Prompt of the selected note");
        });
    }
    note_group_work_ui(ui, session, note, &mut view.group_dialog, intents);
    ui.horizontal(|ui| {
        if ui.button("Delete note").clicked() {
            intents.edit(Edit::DeleteNote(id));
            view.selected_note = None;
        }
        if ui.button("Done").clicked() {
            view.selected_note = None;
            intents.push(Intent::EndGesture);
        }
    });
}

fn prompt_list_ui(ui: &mut Ui, session: &Session, view: &mut WheelView, intents: &mut Intents) {
    let count = session.wheel.prompts.len();
    let label = if view.editing_prompts { "Finish editing prompts" } else { "Edit this wheel's prompts…" };
    if ui.button(label).on_hover_text("Rename, reorder, add or remove prompts for this workshop only.").clicked() {
        view.editing_prompts = !view.editing_prompts;
        view.confirm_removal = None;
    }
    if !view.editing_prompts {
        return;
    }
    ui.label(
        RichText::new(format!(
            "{count} prompts ({MIN_PROMPTS} to {MAX_PROMPTS}). Changes are saved with this workshop."
        ))
        .weak(),
    );
    for (index, prompt) in session.wheel.prompts.iter().enumerate() {
        ui.horizontal(|ui| {
            // Visible words stay short; screen readers hear which prompt each button is for.
            let number = index + 1;
            let up = ui.add_enabled(index > 0, egui::Button::new("Up")).on_hover_text("Move earlier on the wheel");
            let up = up.accessible_name(format!("Move prompt {number} earlier")).clicked();
            let down =
                ui.add_enabled(index + 1 < count, egui::Button::new("Down")).on_hover_text("Move later on the wheel");
            let down = down.accessible_name(format!("Move prompt {number} later")).clicked();
            if up || down {
                let to = if up { index - 1 } else { index + 1 };
                intents.edit(Edit::MovePrompt { key: prompt.key.clone(), to });
            }
            let remove =
                ui.add_enabled(count > MIN_PROMPTS, egui::Button::new("Remove")).on_hover_text("Remove this prompt");
            if remove.accessible_name(format!("Remove prompt {number}")).clicked() {
                view.confirm_removal = Some(prompt.key.clone());
            }
        });
        let key = prompt.key.clone();
        let current = prompt.clone();
        text_field(
            ui,
            intents,
            &format!("Prompt {}", index + 1),
            &prompt.question,
            format!("prompt-question-{key}"),
            false,
            |question| Edit::UpdatePrompt(WheelPrompt { question, ..current }),
        );
        if view.confirm_removal.as_deref() == Some(prompt.key.as_str()) {
            let notes = session
                .notes
                .iter()
                .filter(|note| note.placement.wheel_spot().is_some_and(|(k, _)| k == prompt.key))
                .count();
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(format!(
                    "Remove “{}” and its {notes} note{}? Undo brings them back.",
                    prompt.question,
                    if notes == 1 { "" } else { "s" }
                ));
                ui.horizontal(|ui| {
                    if ui.button("Yes, remove it").clicked() {
                        intents.edit(Edit::RemovePrompt(prompt.key.clone()));
                        view.confirm_removal = None;
                    }
                    if ui.button("Keep it").clicked() {
                        view.confirm_removal = None;
                    }
                });
            });
        }
    }
    if ui.add_enabled(count < MAX_PROMPTS, egui::Button::new("+ Add a prompt")).clicked() {
        let index = (view.selected_index(session) + 1).min(count);
        let prompt = WheelPrompt::new_custom("New prompt");
        view.selected_prompt = Some(prompt.key.clone());
        intents.edit(Edit::InsertPrompt { index, prompt });
    }
}
