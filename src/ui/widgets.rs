//! Small building blocks shared by the panels.

use super::intents::Intents;
use super::theme;
use crate::model::{Edit, OrganisationId, Rgb, Session};
use egui::{Color32, RichText, Ui};

pub use crate::canvas::colour::colour32;

/// "• name" with only the bullet in `colour`: the name keeps the theme's text colour, so it
/// reads at full contrast (an organisation's blue as text was 3.32:1 on the dark console).
pub fn swatch_text(ui: &Ui, name: &str, colour: Rgb) -> egui::text::LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let mut job = egui::text::LayoutJob::default();
    job.append("• ", 0.0, egui::TextFormat::simple(font.clone(), colour32(colour)));
    // The placeholder colour becomes the widget's own text colour, hovered and selected included.
    job.append(name, 0.0, egui::TextFormat::simple(font, Color32::PLACEHOLDER));
    job
}

/// A section heading inside a panel.
pub fn section_heading(ui: &mut Ui, text: &str) {
    ui.add_space(6.0);
    let heading = ui.label(RichText::new(text).text_style(theme::subheading()).strong());
    // A screen reader lists and jumps between headings; the panels' sections are level 2 (the
    // window's name is the first level).
    crate::ui::accessibility::mark_heading(&heading, 2);
}

/// A labelled one-line (or multi-line) text field bound to `current`. When the person types,
/// `make_edit` turns the new text into an edit that folds into the gesture `key`, so a run of
/// typing in one field is one undo step; leaving the field ends the gesture.
pub fn text_field(
    ui: &mut Ui,
    intents: &mut Intents,
    label: &str,
    current: &str,
    key: String,
    multiline: bool,
    make_edit: impl FnOnce(String) -> Edit,
) -> egui::Response {
    let label_response = ui.label(label);
    let mut text = current.to_owned();
    let editor = if multiline {
        egui::TextEdit::multiline(&mut text).desired_rows(2)
    } else {
        egui::TextEdit::singleline(&mut text)
    };
    let response = ui.add(editor.desired_width(f32::INFINITY)).labelled_by(label_response.id);
    if response.changed() && text != current {
        intents.edit_in(make_edit(text), key);
    }
    if response.lost_focus() {
        intents.push(super::Intent::EndGesture);
    }
    response
}

/// A drop-down to pick one of the session's organisations, or none. Returns the new choice
/// when the person changes it.
pub fn organisation_picker(
    ui: &mut Ui,
    session: &Session,
    id_salt: impl egui::AsIdSalt,
    accessible_label: &str,
    current: Option<OrganisationId>,
) -> Option<Option<OrganisationId>> {
    // `None`: nothing was chosen this frame; `Some(None)`: "no organisation" was chosen.
    let mut choice = current;
    let response = egui::ComboBox::from_id_salt(id_salt)
        .selected_text(session.organisation_name(current))
        .width(ui.available_width().min(260.0))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut choice, None, "No organisation");
            for organisation in &session.organisations {
                let text = swatch_text(ui, &organisation.name, organisation.colour);
                ui.selectable_value(&mut choice, Some(organisation.id), text);
            }
        });
    let _ = response.response.accessible_name(accessible_label);
    (choice != current).then_some(choice)
}

/// What Esc did to a note box this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteBoxEscape {
    /// Nothing to do: no Esc, or it closed an open list only.
    Keep,
    /// The box holds text: Esc asked for a second Esc before discarding it (put the keyboard
    /// back in the text, so the second Esc reaches the box).
    Asked,
    /// Discard the box.
    Discard,
}

/// Esc in a note box: closes an open list (`list_was_open`, read before the box was drawn) and
/// nothing else; closes an empty box; discards text only on a second Esc with the same text, so
/// what was said is never lost to one stray key.
pub fn note_box_escape(ctx: &egui::Context, box_id: egui::Id, list_was_open: bool, text: &str) -> NoteBoxEscape {
    if !ctx.input(|input| input.key_pressed(egui::Key::Escape)) || list_was_open {
        return NoteBoxEscape::Keep;
    }
    let asked_for: Option<String> = ctx.data(|data| data.get_temp(box_id));
    if text.trim().is_empty() || asked_for.as_deref() == Some(text) {
        ctx.data_mut(|data| data.remove::<String>(box_id));
        return NoteBoxEscape::Discard;
    }
    ctx.data_mut(|data| data.insert_temp(box_id, text.to_owned()));
    NoteBoxEscape::Asked
}

/// Keeps Tab and Shift+Tab among the widgets of an open note box (drawn in `layer`): egui moves
/// the keyboard only between widgets at or above the top modal layer, so the box is marked as one
/// each frame it is open. Its lists open in the pop-up layer above it and still work; the rest of
/// the console waits until the box is closed (Enter, the buttons, or Esc).
pub fn keep_tab_inside(ctx: &egui::Context, layer: egui::LayerId) {
    ctx.memory_mut(|memory| memory.set_modal_layer(layer));
}

/// The line a note box shows after one Esc, until the text changes.
pub fn note_box_discard_warning(ui: &mut Ui, box_id: egui::Id, text: &str) {
    let asked_for: Option<String> = ui.ctx().data(|data| data.get_temp(box_id));
    if asked_for.as_deref() == Some(text) && !text.trim().is_empty() {
        ui.label(RichText::new("Press Esc again to discard this note").color(ui.visuals().warn_fg_color));
    }
}

/// Parse a date typed as `2026-11-22`; an empty text means no date.
pub fn parse_date(text: &str) -> Result<Option<time::Date>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text, format).map(Some).map_err(|_| ())
}

/// A date as `2026-11-22`, empty for none.
pub fn format_date(date: Option<time::Date>) -> String {
    date.map(|date| format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())).unwrap_or_default()
}

/// A date field with a draft: while the person types, the text is kept as typed even when it is
/// not yet a date; each time it becomes a valid date (or empty), `on_date` is called.
pub fn date_field(
    ui: &mut Ui,
    label: &str,
    current: Option<time::Date>,
    draft: &mut Option<String>,
    mut on_date: impl FnMut(Option<time::Date>),
) -> egui::Response {
    let label_response = ui.label(label);
    let mut text = draft.clone().unwrap_or_else(|| format_date(current));
    let response = ui
        .add(egui::TextEdit::singleline(&mut text).hint_text("e.g. 2026-11-22").desired_width(160.0))
        .labelled_by(label_response.id);
    if response.changed() {
        if let Ok(date) = parse_date(&text)
            && date != current
        {
            on_date(date);
        }
        *draft = Some(text.clone());
    }
    if response.lost_focus() {
        *draft = None;
    }
    if response.has_focus() && parse_date(&text).is_err() {
        ui.colored_label(ui.visuals().warn_fg_color, "Write the date as year-month-day, e.g. 2026-11-22");
    }
    response
}

/// The "who said it" rows of a note being written: its organisation, and who said it (blank
/// for anonymous). Shared by every canvas's note box so they ask the same way. Returns true when
/// Enter was pressed in "Said by", which adds the note like Enter in its text.
pub fn note_source_fields(
    ui: &mut Ui,
    session: &Session,
    id_salt: impl egui::AsIdSalt,
    organisation: &mut Option<OrganisationId>,
    author: &mut String,
) -> bool {
    ui.horizontal(|ui| {
        ui.label("Organisation");
        if let Some(choice) = organisation_picker(ui, session, id_salt, "Organisation of the new note", *organisation) {
            *organisation = choice;
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Said by");
        let field = ui
            .add(egui::TextEdit::singleline(author).hint_text("Anonymous").desired_width(240.0))
            .labelled_by(label.id);
        select_all_when_entered(ui, &field, author);
        field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter))
    })
    .inner
}

/// Selects all of a text field's text when the keyboard arrives in it, so typing replaces what
/// the field kept from the last note ("Jon" becomes "Colin", never "`JonColin`").
pub fn select_all_when_entered(ui: &Ui, field: &egui::Response, text: &str) {
    if !field.gained_focus() {
        return;
    }
    let mut state = egui::TextEdit::load_state(ui.ctx(), field.id).unwrap_or_default();
    state.cursor.set_char_range(Some(egui::text::CCursorRange::select_all_str(text)));
    egui::TextEdit::store_state(ui.ctx(), field.id, state);
}

/// The fields of a selected note that every canvas edits alike: its text, organisation and who
/// said it (blank for anonymous). Returns the text field, so a canvas can put the keyboard there.
pub fn selected_note_fields(
    ui: &mut Ui,
    session: &Session,
    note: &crate::model::Note,
    now: time::OffsetDateTime,
    intents: &mut Intents,
) -> egui::Response {
    let id = note.id;
    let text = text_field(ui, intents, "Text", &note.text, format!("note-text-{id}"), true, |text| {
        Edit::EditNoteText { id, text, at: now }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Organisation");
        let accessible = "Organisation of the selected note";
        if let Some(organisation) =
            organisation_picker(ui, session, ("note organisation", id), accessible, note.organisation)
        {
            intents.edit(Edit::SetNoteOrganisation { id, organisation, at: now });
        }
    });
    let author = note.author.as_deref().unwrap_or("");
    text_field(ui, intents, "Said by (blank for anonymous)", author, format!("note-author-{id}"), false, |author| {
        let author = Some(author).filter(|author| !author.trim().is_empty());
        Edit::SetNoteAuthor { id, author, at: now }
    });
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_in_iso_form_only() {
        assert_eq!(parse_date(""), Ok(None));
        assert_eq!(format_date(parse_date(" 2026-11-22 ").unwrap()), "2026-11-22");
        assert!(parse_date("22/11/2026").is_err());
        assert!(parse_date("2026-02-30").is_err());
    }
}
