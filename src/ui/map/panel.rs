//! The panel beside the map: the selected note or link, to change it, and the answer to the
//! map's question, need by need, unmet needs first.

use super::answer::{AnswerAt, LinkedHelp, NeedAnswer, NeedStatus, answers_at, summary};
use super::style::{link_sample_ui, status_badge_ui};
use super::{NeedsMapState, Selection};
use crate::canvas::map::style::MapPalette;
use crate::guide::map::needs_map;
use crate::model::{Edit, Link, LinkKind, MapArc, Note, NoteId, Session};
use crate::ui::groups::note_group_work_ui;
use crate::ui::intents::Intents;
use crate::ui::notes_view::short;
use crate::ui::plan_view::{action_from_link, linked_actions_ui};
use crate::ui::widgets::{section_heading, selected_note_fields};
use egui::{RichText, Ui};
use std::collections::HashMap;
use time::OffsetDateTime;

/// Draw the side panel.
pub(super) fn side_panel_ui(
    ui: &mut Ui,
    session: &Session,
    revision: u64,
    state: &mut NeedsMapState,
    now: OffsetDateTime,
    intents: &mut Intents,
) {
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        match state.live_selection(session) {
            Some(Selection::Note(id)) => {
                if let Some(note) = session.note(id) {
                    selected_note_ui(ui, session, state, note, now, intents);
                    ui.separator();
                }
            }
            Some(Selection::Link(id)) => {
                if let Some(link) = session.link(id) {
                    selected_link_ui(ui, session, link, intents);
                    ui.separator();
                }
            }
            None => {}
        }
        answers_ui(ui, session, revision, state);
    });
}

fn arc_words(arc: MapArc) -> (&'static str, &'static str) {
    match arc {
        MapArc::Need => ("need", "source of help"),
        MapArc::Help => ("source of help", "need"),
    }
}

fn selected_note_ui(
    ui: &mut Ui,
    session: &Session,
    state: &mut NeedsMapState,
    note: &Note,
    now: OffsetDateTime,
    intents: &mut Intents,
) {
    let Some(arc) = note.placement.map_arc() else { return };
    let (this, other) = arc_words(arc);
    section_heading(ui, &format!("Selected {this}"));
    let id = note.id;
    let text = selected_note_fields(ui, session, note, now, intents);
    if state.focus_note_text {
        text.request_focus();
        state.focus_note_text = false;
    }
    if arc == MapArc::Need {
        tags_ui(ui, note, &mut state.tag_draft, now, intents);
    }

    ui.add_space(4.0);
    ui.label(RichText::new("Links").strong());
    let mut linked_any = false;
    for link in session.links_of(id) {
        linked_any = true;
        let other_id = if arc == MapArc::Need { link.help } else { link.need };
        let other_text = session.note(other_id).map_or_else(String::new, |other| short(&other.text));
        ui.label(format!("with “{other_text}”"));
        ui.horizontal_wrapped(|ui| {
            kind_picker_ui(ui, link, &format!("Kind of link to {other_text}"), intents);
            if ui.button("Unlink").accessible_name(format!("Remove link to {other_text}")).clicked() {
                intents.edit(Edit::RemoveLink(link.id));
            }
        });
    }
    if !linked_any {
        ui.label(RichText::new(format!("Not linked to any {other} yet.")).weak());
    }
    ui.horizontal_wrapped(|ui| {
        if ui.button(format!("Link to a {other}… (L)")).clicked() {
            state.choosing_link = true;
        }
        if ui.button(format!("Delete this {this}")).clicked() {
            intents.edit(Edit::DeleteNote(id));
        }
    });
    note_group_work_ui(ui, session, note, &mut state.group_dialog, intents);
}

/// The guide's vulnerable groups as tick boxes, and the facilitator's own tags.
fn tags_ui(ui: &mut Ui, note: &Note, tag_draft: &mut String, now: OffsetDateTime, intents: &mut Intents) {
    let content = needs_map();
    let id = note.id;
    let set_tags = |tags: Vec<String>| Edit::SetNoteTags { id, tags, at: now };
    ui.add_space(4.0);
    ui.label(RichText::new(&content.vulnerable_heading).strong());
    for group in &content.vulnerable_groups {
        let mut tagged = note.tags.contains(group);
        if ui.checkbox(&mut tagged, group).changed() {
            let mut tags = note.tags.clone();
            if tagged {
                tags.push(group.clone());
            } else {
                tags.retain(|tag| tag != group);
            }
            intents.edit(set_tags(tags));
        }
    }
    let own_tags: Vec<&String> = note.tags.iter().filter(|tag| !content.vulnerable_groups.contains(tag)).collect();
    if !own_tags.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label("Own tags:");
            for tag in own_tags {
                if ui.button(format!("{tag} ×")).accessible_name(format!("Remove tag {tag}")).clicked() {
                    intents.edit(set_tags(note.tags.iter().filter(|other| *other != tag).cloned().collect()));
                }
            }
        });
    }
    ui.horizontal(|ui| {
        let label = ui.label("Own tag");
        let field = ui
            .add(
                egui::TextEdit::singleline(tag_draft)
                    .hint_text("e.g. carers")
                    .desired_width(ui.available_width() - 100.0),
            )
            .labelled_by(label.id);
        let entered = field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
        if ui.button("Add tag").clicked() || entered {
            let tag = tag_draft.trim().to_owned();
            if !tag.is_empty() && !note.tags.contains(&tag) {
                let mut tags = note.tags.clone();
                tags.push(tag);
                intents.edit(set_tags(tags));
            }
            tag_draft.clear();
        }
    });
}

fn kind_picker_ui(ui: &mut Ui, link: &Link, accessible_label: &str, intents: &mut Intents) {
    let mut kind = link.kind;
    let response = egui::ComboBox::from_id_salt(("map link kind", link.id))
        .selected_text(kind.label())
        .width(ui.available_width().min(260.0))
        .show_ui(ui, |ui| {
            for choice in LinkKind::ALL {
                ui.selectable_value(&mut kind, choice, choice.label());
            }
        });
    let _ = response.response.accessible_name(accessible_label);
    if kind != link.kind {
        intents.edit(Edit::UpdateLink(Link { kind, ..link.clone() }));
    }
}

fn selected_link_ui(ui: &mut Ui, session: &Session, link: &Link, intents: &mut Intents) {
    section_heading(ui, "Selected link");
    let text = |id: NoteId| session.note(id).map_or_else(String::new, |note| short(&note.text));
    ui.label(format!("Need: {}", text(link.need)));
    ui.label(format!("Source of help: {}", text(link.help)));
    ui.label(RichText::new("Kind of link").strong());
    for kind in LinkKind::ALL {
        ui.horizontal(|ui| {
            link_sample_ui(ui, kind, 48.0);
            if ui.radio(link.kind == kind, kind.label()).clicked() && link.kind != kind {
                intents.edit(Edit::UpdateLink(Link { kind, ..link.clone() }));
            }
        });
    }
    ui.label(RichText::new("Relink").strong());
    for arc in [MapArc::Need, MapArc::Help] {
        let current = if arc == MapArc::Need { link.need } else { link.help };
        let (words, _) = arc_words(arc);
        let mut choice = current;
        ui.label(if arc == MapArc::Need { "Need" } else { "Source of help" });
        let response = egui::ComboBox::from_id_salt(("map relink", link.id, words))
            .selected_text(text(current))
            .width(ui.available_width())
            .truncate()
            .show_ui(ui, |ui| {
                for note in session.notes_on_arc(arc) {
                    ui.selectable_value(&mut choice, note.id, short(&note.text));
                }
            });
        let _ = response.response.accessible_name(format!("The {words} this link joins"));
        if choice != current {
            let relinked = match arc {
                MapArc::Need => Link { need: choice, ..link.clone() },
                MapArc::Help => Link { help: choice, ..link.clone() },
            };
            intents.edit(Edit::UpdateLink(relinked));
        }
    }
    ui.horizontal_wrapped(|ui| {
        if ui.button("Create an action from this link").clicked() {
            intents.edit(action_from_link(session, link));
        }
        if ui.button("Remove link").clicked() {
            intents.edit(Edit::RemoveLink(link.id));
        }
    });
    linked_actions_ui(ui, session, |action| action.linked_links.contains(&link.id), intents);
}

/// The answer, need by need. Only the needs in view are laid out; the others take the height
/// they had when last shown (or an estimate), so a map of thousands of needs costs a frame no
/// more than the few on screen.
fn answers_ui(ui: &mut Ui, session: &Session, revision: u64, state: &mut NeedsMapState) {
    if state.answers.as_ref().is_none_or(|(made_for, _, _)| *made_for != revision) {
        let answers = answers_at(session);
        let resolved: Vec<NeedAnswer<'_>> = answers.iter().filter_map(|answer| answer.resolve(session)).collect();
        state.answers = Some((revision, answers, summary(&resolved)));
    }
    let Some((_, answers, summary)) = state.answers.take() else { return };
    section_heading(ui, "What can be put together?");
    ui.label(&summary);
    let palette = MapPalette::new(ui.visuals());
    let width = ui.available_width();
    if state.answer_heights.0 != width {
        state.answer_heights = (width, HashMap::new());
    }
    // Needs a little way out of view are laid out too, so one whose remembered height is out of
    // date (it was changed) is still drawn when part of it shows.
    let visible = ui.clip_rect().expand2(egui::vec2(0.0, 200.0));
    let spacing = ui.spacing().item_spacing.y;
    // The height of the needs passed over since the last one laid out, spacing included.
    let mut passed_over = 0.0;
    for answer in &answers {
        let Some(id) = session.notes.get(answer.need).map(|need| need.id) else { continue };
        let height = state.answer_heights.1.get(&id).copied().unwrap_or_else(|| estimated_height(session, answer));
        let top = ui.cursor().top() + passed_over;
        if top > visible.bottom() || top + height < visible.top() {
            passed_over += height + spacing;
            continue;
        }
        let Some(resolved) = answer.resolve(session) else { continue };
        if passed_over > 0.0 {
            ui.allocate_space(egui::vec2(width, passed_over - spacing));
            passed_over = 0.0;
        }
        let shown = answer_ui(ui, session, state, &resolved, palette);
        state.answer_heights.1.insert(id, shown.height());
    }
    if passed_over > 0.0 {
        ui.allocate_space(egui::vec2(width, passed_over - spacing));
    }
    state.answers = Some((revision, answers, summary));
}

/// About how tall a need's answer is before it has been shown: its status, its words and a row
/// for each source of help.
fn estimated_height(session: &Session, answer: &AnswerAt) -> f32 {
    let rows = (answer.support.len() + answer.gaps.len()).max(1);
    let tagged = session.notes.get(answer.need).is_some_and(|need| !need.tags.is_empty());
    let tags = if tagged { 20.0 } else { 0.0 };
    70.0 + tags + 26.0 * rows as f32
}

/// One need's answer, in a frame; returns where it was drawn.
fn answer_ui(
    ui: &mut Ui,
    session: &Session,
    state: &mut NeedsMapState,
    answer: &NeedAnswer<'_>,
    palette: MapPalette,
) -> egui::Rect {
    let (fill, _) = palette.status(answer.status);
    let selected = state.selection == Some(Selection::Note(answer.need.id));
    let stroke_width = if answer.status.is_unmet() { 3.0 } else { 1.0 };
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(stroke_width, fill))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            status_badge_ui(ui, answer.status, palette);
            let need_button = egui::Button::selectable(selected, RichText::new(&answer.need.text).size(19.0)).wrap();
            let need_response = ui.add(need_button).on_hover_text("Show this need on the map");
            // Tab may land on a need just below the panel's foot: bring it into view.
            if need_response.gained_focus() {
                need_response.scroll_to_me(None);
            }
            if need_response.clicked() {
                state.selection = Some(Selection::Note(answer.need.id));
            }
            if !answer.need.tags.is_empty() {
                ui.label(RichText::new(answer.need.tags.join(" · ")).weak());
            }
            for linked in answer.support.iter().chain(&answer.gaps) {
                linked_row_ui(ui, session, linked);
            }
            if answer.status == NeedStatus::NoSupportYet {
                ui.label(RichText::new("Nobody has linked a source of help yet.").weak());
            }
        })
        .response
        .rect
}

/// One source of help under a need: a sample of the link's line style, then what it is and how
/// it helps.
fn linked_row_ui(ui: &mut Ui, session: &Session, linked: &LinkedHelp<'_>) {
    let kind = linked.link.kind;
    let organisation =
        linked.help.organisation.and_then(|id| session.organisation(id)).map(crate::model::Organisation::short_label);
    let who = organisation.map_or_else(String::new, |initials| format!(" ({initials})"));
    let how = match kind {
        LinkKind::MeetsNow => "meets it now",
        LinkKind::CouldWithSupport => "could, with support",
        LinkKind::Gap => "gap: nobody offers this yet",
    };
    ui.horizontal(|ui| {
        link_sample_ui(ui, kind, 36.0);
        ui.add(egui::Label::new(format!("{}{who}: {how}", short(&linked.help.text))).wrap());
    });
}
