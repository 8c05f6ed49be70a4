//! Grouping notes under a short heading, shared by both canvases: the "Group with…" box, the
//! group and action controls of a selected note, the right-click items, and how a group's
//! heading is drawn.

use super::intents::Intents;
use super::notes_view::short;
use super::plan_view::{action_from_note, linked_actions_ui};
use super::widgets::text_field;
use crate::model::{Edit, GroupId, Note, NoteGroup, NoteId, Session};
// The grouping rules and words are the model's; the canvases find them here beside the drawing.
pub use crate::model::{BandItem, band_items, count_words, hidden_in, neighbours};
use egui::{Align2, Color32, CornerRadius, FontId, Painter, Rect, RichText, Stroke, StrokeKind, Ui, vec2};

/// The "Group with…" box, open for one note.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupDialog {
    /// The note it was opened from; it is always in the group.
    anchor: NoteId,
    /// The other notes ticked to join it.
    chosen: Vec<NoteId>,
    /// The heading typed so far.
    heading: String,
    /// Whether the heading field has had the keyboard yet.
    focused: bool,
}

impl GroupDialog {
    /// The box for grouping `note` with others in its band or on its arc.
    pub fn for_note(note: NoteId) -> Self {
        Self { anchor: note, chosen: Vec::new(), heading: String::new(), focused: false }
    }
}

/// The colours groups are told apart by, in the order groups are made; strong enough to read on
/// both themes' canvases behind dark text.
/// Yellow comes last: the dark theme marks the selection in yellow.
const GROUP_TINTS: [Color32; 6] = [
    Color32::from_rgb(140, 200, 255),
    Color32::from_rgb(170, 225, 150),
    Color32::from_rgb(240, 170, 210),
    Color32::from_rgb(200, 180, 255),
    Color32::from_rgb(255, 170, 140),
    Color32::from_rgb(255, 203, 92),
];

/// A group's colour.
pub fn group_tint(session: &Session, id: GroupId) -> Color32 {
    let index = session.groups.iter().position(|group| group.id == id).unwrap_or(0);
    GROUP_TINTS[index % GROUP_TINTS.len()]
}

/// The words a screen reader says for a group's heading, and that tests find it by.
pub fn heading_label(group: &NoteGroup, count: usize) -> String {
    let state = if group.collapsed { "collapsed: click to show its notes" } else { "click to fold its notes away" };
    format!("Group “{}”, {count} note{}, {state}; drag to move the group", group.display_heading(), plural(count))
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// The ink of a heading card's words.
pub const HEADING_INK: Color32 = Color32::from_gray(15);
/// The outline of a heading card.
pub const HEADING_OUTLINE: Color32 = Color32::from_gray(40);
/// The outline of the cards peeping out behind a folded group's heading.
pub const PILE_OUTLINE: Color32 = Color32::from_gray(90);

/// How a group's heading card is laid out in its rectangle, at `scale` times its normal size:
/// shared by the canvases and the exported pictures, so both draw it alike.
#[derive(Clone, Debug, PartialEq)]
pub struct HeadingCard {
    /// The corners' radius.
    pub radius: f32,
    /// The cards peeping out behind a folded group, back to front.
    pub behind: Vec<Rect>,
    /// The heading's size.
    pub heading_size: f32,
    /// How many lines the heading may take.
    pub heading_rows: usize,
    /// The size of the count under it.
    pub count_size: f32,
    /// The space inside the card's edge.
    pub margin: f32,
}

impl HeadingCard {
    /// The layout of a heading card for `group` in `rect`.
    pub fn new(rect: Rect, group: &NoteGroup, scale: f32) -> Self {
        let behind = if group.collapsed {
            // Two cards' edges peeping out behind, so a folded group looks like a pile.
            [2.0, 1.0].iter().map(|step| rect.translate(vec2(4.0, 4.0) * *step * scale.max(0.5))).collect()
        } else {
            Vec::new()
        };
        let count_size = (rect.height() * 0.2).clamp(6.0, 18.0 * scale.max(0.5));
        let heading_size = (rect.height() * 0.28).clamp(7.0, 26.0 * scale.max(0.5));
        let margin = 6.0 * scale;
        // Two lines of heading when the card is tall enough to keep the count clear of them.
        let room = rect.height() - 1.6 * margin - 1.3 * count_size;
        let heading_rows = if room >= 2.5 * heading_size { 2 } else { 1 };
        Self { radius: (6.0 * scale).clamp(1.0, 12.0), behind, heading_size, heading_rows, count_size, margin }
    }
}

/// Paints a group's heading card: the heading in bold on the group's colour, the number of
/// notes, and (folded) a stack edge so it reads as several notes in one.
pub fn paint_heading_card(
    painter: &Painter,
    rect: Rect,
    group: &NoteGroup,
    count: usize,
    tint: Color32,
    scale: f32,
    highlighted: bool,
) {
    let card = HeadingCard::new(rect, group, scale);
    let radius = CornerRadius::same(card.radius as u8);
    for behind in &card.behind {
        painter.rect(*behind, radius, tint.gamma_multiply(0.7), Stroke::new(1.0, PILE_OUTLINE), StrokeKind::Inside);
    }
    painter.rect(rect, radius, tint, Stroke::new(2.0, HEADING_OUTLINE), StrokeKind::Inside);
    if highlighted {
        painter.rect_stroke(rect.expand(2.0), radius, Stroke::new(3.0, Color32::from_gray(20)), StrokeKind::Outside);
    }
    let mut job = egui::text::LayoutJob::simple(
        group.display_heading().to_owned(),
        FontId::proportional(card.heading_size),
        HEADING_INK,
        (rect.width() - 2.0 * card.margin).max(10.0),
    );
    job.wrap.max_rows = card.heading_rows;
    job.wrap.overflow_character = Some('…');
    let galley = painter.layout_job(job);
    painter.galley(rect.min + vec2(card.margin, card.margin * 0.6), galley, HEADING_INK);
    painter.text(
        rect.left_bottom() + vec2(card.margin, -card.margin * 0.5),
        Align2::LEFT_BOTTOM,
        count_words(group, count),
        FontId::proportional(card.count_size),
        HEADING_INK,
    );
}

/// The right-click menu of a group's heading: rename, fold or unfold, ungroup.
pub fn heading_menu_ui(ui: &mut Ui, group: &NoteGroup, intents: &mut Intents) {
    ui.set_min_width(260.0);
    text_field(ui, intents, "Group heading", &group.heading, format!("group.heading.{}", group.id), false, |heading| {
        Edit::UpdateGroup(NoteGroup { heading, ..group.clone() })
    });
    let fold = if group.collapsed { "Show the group's notes" } else { "Fold the group into one card" };
    if ui.button(fold).clicked() {
        intents.edit(Edit::UpdateGroup(NoteGroup { collapsed: !group.collapsed, ..group.clone() }));
        ui.close();
    }
    if ui.button("Ungroup").on_hover_text("The notes stay where they are, without the heading.").clicked() {
        intents.edit(Edit::RemoveGroup(group.id));
        ui.close();
    }
}

/// The right-click items of a note for group work: group it, take it out of its group, make an
/// action of it.
pub fn note_menu_items(
    ui: &mut Ui,
    session: &Session,
    note: &Note,
    dialog: &mut Option<GroupDialog>,
    intents: &mut Intents,
) {
    if let Some(group) = note.group.and_then(|id| session.group(id)) {
        if ui.button(format!("Take out of the group “{}”", group.display_heading())).clicked() {
            intents.edit(Edit::SetNoteGroup { id: note.id, group: None });
            ui.close();
        }
    } else if neighbours(session, note).next().is_some() && ui.button("Group with…").clicked() {
        *dialog = Some(GroupDialog::for_note(note.id));
        ui.close();
    }
    if ui.button("Create an action from this note").clicked() {
        intents.edit(action_from_note(session, note));
        ui.close();
    }
}

/// The selected note's group and actions, in a canvas's side panel.
pub fn note_group_work_ui(
    ui: &mut Ui,
    session: &Session,
    note: &Note,
    dialog: &mut Option<GroupDialog>,
    intents: &mut Intents,
) {
    ui.add_space(4.0);
    match note.group.and_then(|id| session.group(id)) {
        Some(group) => {
            let count = session.group_members(group.id).count();
            ui.label(RichText::new(format!("In a group of {count} notes")).strong());
            text_field(
                ui,
                intents,
                "Group heading",
                &group.heading,
                format!("group.heading.{}", group.id),
                false,
                |heading| Edit::UpdateGroup(NoteGroup { heading, ..group.clone() }),
            );
            ui.horizontal_wrapped(|ui| {
                let fold = if group.collapsed { "Show the group's notes" } else { "Fold the group" };
                if ui.button(fold).clicked() {
                    intents.edit(Edit::UpdateGroup(NoteGroup { collapsed: !group.collapsed, ..group.clone() }));
                }
                if ui.button("Leave the group").on_hover_text("Take this note out of its group.").clicked() {
                    intents.edit(Edit::SetNoteGroup { id: note.id, group: None });
                }
                if ui.button("Ungroup all").on_hover_text("Remove the heading; the notes stay.").clicked() {
                    intents.edit(Edit::RemoveGroup(group.id));
                }
            });
        }
        None => {
            let can_group = neighbours(session, note).next().is_some();
            let button = ui
                .add_enabled(can_group, egui::Button::new("Group with…"))
                .on_hover_text("Gather this note with others that say much the same, under a short heading.")
                .on_disabled_hover_text("There are no other notes here to group it with.");
            if button.clicked() {
                *dialog = Some(GroupDialog::for_note(note.id));
            }
        }
    }
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        if ui.button("Create an action from this note").clicked() {
            intents.edit(action_from_note(session, note));
        }
    });
    linked_actions_ui(ui, session, |action| action.linked_notes.contains(&note.id), intents);
}

/// The "Group with…" box: tick the notes that belong with this one, give them a heading.
pub fn group_dialog_ui(
    ctx: &egui::Context,
    session: &Session,
    dialog: &mut Option<GroupDialog>,
    intents: &mut Intents,
) {
    let Some(state) = dialog else { return };
    let Some(anchor) = session.note(state.anchor) else {
        *dialog = None;
        return;
    };
    let mut done = false;
    let modal = egui::Modal::new(egui::Id::unique("group with dialog")).show(ctx, |ui| {
        ui.set_width(620.0);
        ui.heading(format!("Group “{}” with…", short(&anchor.text)));
        let label = ui.label("Heading for the group");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut state.heading)
                    .hint_text("e.g. Money and who holds it")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if !state.focused {
            field.request_focus();
            state.focused = true;
        }
        ui.label(RichText::new("Notes in the same place that belong with it:").strong());
        egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
            for other in neighbours(session, anchor) {
                let mut ticked = state.chosen.contains(&other.id);
                let mut words = other.text.clone();
                if let Some(group) = other.group.and_then(|id| session.group(id)) {
                    words.push_str(&format!(" (now in “{}”)", group.display_heading()));
                }
                if ui.checkbox(&mut ticked, words).changed() {
                    if ticked {
                        state.chosen.push(other.id);
                    } else {
                        state.chosen.retain(|id| *id != other.id);
                    }
                }
            }
        });
        ui.separator();
        ui.horizontal(|ui| {
            let ready = !state.chosen.is_empty();
            let group = ui.add_enabled(ready, egui::Button::new("Group them"));
            let group = group.on_disabled_hover_text("Tick at least one other note.");
            if group.clicked() {
                let mut members = vec![state.anchor];
                members.extend(state.chosen.iter().copied());
                let heading = state.heading.trim().to_owned();
                intents.edit(Edit::group_notes(session.groups.len(), NoteGroup::new(heading), &members));
                done = true;
            }
            if ui.button("Cancel").clicked() {
                done = true;
            }
        });
    });
    if done || modal.should_close() {
        *dialog = None;
    }
}
