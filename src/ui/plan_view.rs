//! The action plan: what will be done, which organisation leads and which support it, by when,
//! the notes and map links it came from, and whether the partners have agreed it.

use super::intents::{Intent, Intents};
use super::notes_view::short;
use super::widgets::{date_field, organisation_picker, section_heading, swatch_text, text_field};
use crate::model::{Action, Edit, Link, Note, Session};
use egui::{RichText, Ui};
use std::collections::HashMap;

/// The edit that adds an action arising from a note, linked to it, at the end of the plan.
pub fn action_from_note(session: &Session, note: &Note) -> Edit {
    let mut action = Action::new(note.text.clone());
    action.linked_notes.push(note.id);
    Edit::InsertAction { index: session.actions.len(), action }
}

/// The edit that adds an action answering a link on the map, linked to it, at the end of the plan.
pub fn action_from_link(session: &Session, link: &Link) -> Edit {
    let text = |id| session.note(id).map_or("", |note: &Note| note.text.trim().trim_end_matches('.'));
    let mut action = Action::new(format!("{} for: {}", text(link.help), text(link.need)));
    action.linked_links.push(link.id);
    Edit::InsertAction { index: session.actions.len(), action }
}

/// A link in words: "“need” with “source of help” (kind)".
pub fn link_words(session: &Session, link: &Link) -> String {
    let text = |id| session.note(id).map_or_else(|| "(a deleted note)".to_owned(), |note: &Note| short(&note.text));
    format!("“{}” with “{}” ({})", text(link.need), text(link.help), link.kind.label().to_lowercase())
}

/// The actions that `links_to` picks, each with a button to open the plan: shown in a canvas's
/// panel under the selected note or link, so the room sees what it already led to.
pub fn linked_actions_ui(ui: &mut Ui, session: &Session, links_to: impl Fn(&Action) -> bool, intents: &mut Intents) {
    for (index, action) in session.actions.iter().enumerate().filter(|(_, action)| links_to(action)) {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("Action {}: {}", index + 1, short(&action.what)));
            let open = ui.small_button("Open the action plan");
            if open.accessible_name(format!("Open action {} in the action plan", index + 1)).clicked() {
                intents.push(Intent::ShowActionPlan);
            }
        });
    }
}

/// Draw the action plan. `date_drafts` holds half-typed dates by field.
pub fn plan_ui(ui: &mut Ui, session: &Session, date_drafts: &mut HashMap<String, String>, intents: &mut Intents) {
    let agreed = session.actions.iter().filter(|action| action.agreed).count();
    let count = session.actions.len();
    let actions = if count == 1 { "1 action".to_owned() } else { format!("{count} actions") };
    section_heading(ui, &format!("Action plan ({actions}, {agreed} agreed)"));
    if session.actions.is_empty() {
        ui.label(
            RichText::new(
                "Agree what happens next: what, which organisation leads, who supports, and by when. Actions can \
                 also be made from any note or map link (right-click it, or use its panel).",
            )
            .weak(),
        );
    }
    if ui.button(RichText::new("Add action").size(18.0)).clicked() {
        intents.edit(Edit::InsertAction { index: session.actions.len(), action: Action::new("") });
    }
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        for (index, action) in session.actions.iter().enumerate() {
            action_ui(ui, session, index, action, date_drafts, intents);
        }
    });
}

fn action_ui(
    ui: &mut Ui,
    session: &Session,
    index: usize,
    action: &Action,
    date_drafts: &mut HashMap<String, String>,
    intents: &mut Intents,
) {
    let number = index + 1;
    let update = |change: &dyn Fn(&mut Action)| {
        let mut changed = action.clone();
        change(&mut changed);
        Edit::UpdateAction(changed)
    };
    let visuals = ui.visuals();
    let stroke = if action.agreed {
        egui::Stroke::new(3.0, egui::Color32::from_rgb(0, 150, 90))
    } else {
        visuals.widgets.noninteractive.bg_stroke
    };
    egui::Frame::group(ui.style()).stroke(stroke).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("Action {number}")).strong().size(18.0));
            let mut agreed = action.agreed;
            let check = ui.checkbox(&mut agreed, RichText::new("Agreed").size(17.0));
            if check.accessible_name(format!("Action {number} agreed")).changed() {
                intents.edit(update(&|changed| changed.agreed = agreed));
            }
            if ui.button("Remove action").accessible_name(format!("Remove action {number}")).clicked() {
                intents.edit(Edit::RemoveAction(action.id));
            }
        });
        text_field(
            ui,
            intents,
            &format!("What will be done (action {number})"),
            &action.what,
            format!("action.what.{}", action.id),
            true,
            |what| Edit::UpdateAction(Action { what, ..action.clone() }),
        );
        ui.horizontal_wrapped(|ui| {
            ui.label("Lead");
            let label = format!("Lead organisation of action {number}");
            if let Some(lead) = organisation_picker(ui, session, ("lead", action.id), &label, action.lead) {
                let mut changed = action.clone();
                changed.lead = lead;
                // An organisation does not both lead and support.
                changed.supporting.retain(|supporter| Some(*supporter) != lead);
                intents.edit(Edit::UpdateAction(changed));
            }
            let key = format!("action.date.{}", action.id);
            let mut draft = date_drafts.remove(&key);
            date_field(ui, "By when", action.by_when, &mut draft, |by_when| {
                intents.edit(Edit::UpdateAction(Action { by_when, ..action.clone() }));
            });
            if let Some(draft) = draft {
                date_drafts.insert(key, draft);
            }
        });
        let others: Vec<_> = session.organisations.iter().filter(|org| Some(org.id) != action.lead).collect();
        if !others.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label("Supported by");
                for organisation in others {
                    let mut supports = action.supporting.contains(&organisation.id);
                    let words = swatch_text(ui, &organisation.name, organisation.colour);
                    let check = ui.checkbox(&mut supports, words);
                    let check = check.accessible_name(format!("{} supports action {number}", organisation.name));
                    if check.changed() {
                        let id = organisation.id;
                        intents.edit(update(&|changed| {
                            changed.supporting.retain(|supporter| *supporter != id);
                            if supports {
                                changed.supporting.push(id);
                            }
                        }));
                    }
                }
            });
        }
        let notes: Vec<_> = session.notes.iter().map(|note| (note.id, short(&note.text))).collect();
        let kind = LinkedKind {
            noun: "note",
            lead: "From note",
            hover: "Show this note on its canvas",
            show: Intent::ShowNote,
        };
        if let Some(linked_notes) = linked_ui(ui, action, number, &action.linked_notes, &notes, &kind, intents) {
            intents.edit(Edit::UpdateAction(Action { linked_notes, ..action.clone() }));
        }
        let links: Vec<_> = session.links.iter().map(|link| (link.id, link_words(session, link))).collect();
        let kind = LinkedKind {
            noun: "map link",
            lead: "Answers the map link",
            hover: "Show this link on the needs map",
            show: Intent::ShowLink,
        };
        if let Some(linked_links) = linked_ui(ui, action, number, &action.linked_links, &links, &kind, intents) {
            intents.edit(Edit::UpdateAction(Action { linked_links, ..action.clone() }));
        }
    });
}

/// One kind of thing an action can link to: notes, or links on the map.
struct LinkedKind<Id> {
    /// "note", "map link".
    noun: &'static str,
    /// The words before a linked one, e.g. "From note".
    lead: &'static str,
    /// What clicking a linked one does, on hover.
    hover: &'static str,
    /// How to show a linked one.
    show: fn(Id) -> Intent,
}

/// The things of one kind an action is linked to, each shown by its words and clickable, with
/// "Unlink"; and a drop-down to link another. Returns the new list when it changes.
fn linked_ui<Id: Copy + PartialEq>(
    ui: &mut Ui,
    action: &Action,
    number: usize,
    linked: &[Id],
    all: &[(Id, String)],
    kind: &LinkedKind<Id>,
    intents: &mut Intents,
) -> Option<Vec<Id>> {
    let words_of = |id: Id| all.iter().find(|(other, _)| *other == id).map(|(_, words)| words.clone());
    let mut changed = None;
    for &item in linked {
        ui.horizontal_wrapped(|ui| {
            let words = words_of(item).unwrap_or_else(|| format!("(a removed {})", kind.noun));
            ui.label(kind.lead);
            let show = ui.link(RichText::new(&words).italics()).on_hover_text(kind.hover);
            if show.accessible_name(format!("Show {} {words}", kind.noun)).clicked() {
                intents.push((kind.show)(item));
            }
            if ui.small_button("Unlink").accessible_name(format!("Unlink {} {words}", kind.noun)).clicked() {
                changed = Some(linked.iter().copied().filter(|other| *other != item).collect());
            }
        });
    }
    let unlinked: Vec<&(Id, String)> = all.iter().filter(|(id, _)| !linked.contains(id)).collect();
    if unlinked.is_empty() {
        return changed;
    }
    let mut chosen = None;
    let response = egui::ComboBox::from_id_salt(("link", kind.noun, action.id))
        .selected_text(format!("Link a {}…", kind.noun))
        .width(320.0)
        .show_ui(ui, |ui| {
            for (id, words) in unlinked {
                ui.selectable_value(&mut chosen, Some(*id), words);
            }
        });
    let _ = response.response.accessible_name(format!("Link a {} to action {number}", kind.noun));
    if let Some(id) = chosen {
        let mut more = linked.to_vec();
        more.push(id);
        changed = Some(more);
    }
    changed
}
