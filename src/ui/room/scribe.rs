//! Scribe mode: a quick-add box, keyboard first, for typing what people in the room say onto the
//! board. The note goes to the selected prompt (and ring) on the wheel or to an arc of the map;
//! the organisation is picked by typing its first letters or with Alt and its number; Enter adds
//! the note and keeps the box open for the next one.

use crate::model::{Edit, MapArc, Note, NoteId, Organisation, Participant, Placement, Session, WheelBand};
use crate::ui::intents::Intents;
use crate::ui::widgets::{colour32, select_all_when_entered};
use egui::{Key, Modifiers, RichText, Ui};
use time::OffsetDateTime;

/// Where the scribe's notes go, from what is selected in the console.
#[derive(Clone, Debug, PartialEq)]
pub enum ScribeTarget {
    /// A ring of a prompt on the wheel.
    Wheel {
        /// The prompt's key.
        prompt: String,
        /// Its question, to show where notes go.
        question: String,
        /// The ring the selection suggests.
        band: WheelBand,
    },
    /// An arc of the needs map.
    Map {
        /// The arc the selection suggests.
        arc: MapArc,
    },
    /// No canvas is showing: notes are written down unplaced.
    Unplaced,
}

/// The quick-add box's fields.
#[derive(Clone, Debug, PartialEq)]
pub struct ScribeBox {
    /// The note being typed.
    pub text: String,
    /// The first letters of an organisation's name, short name or initials.
    pub organisation: String,
    /// Who said it: a participant's name (or its first letters), blank for anonymous.
    pub said_by: String,
    /// The ring chosen in the box, overriding the selection's.
    pub band: Option<WheelBand>,
    /// The arc chosen in the box, overriding the selection's.
    pub arc: Option<MapArc>,
    /// Put the keyboard in the note's text on the next frame.
    focus_wanted: bool,
    /// How many notes the box has added since it opened.
    pub added: usize,
    /// Esc was pressed while the note held text: the next Esc discards it.
    discard_armed: bool,
}

impl Default for ScribeBox {
    fn default() -> Self {
        Self {
            text: String::new(),
            organisation: String::new(),
            said_by: String::new(),
            band: None,
            arc: None,
            focus_wanted: true,
            added: 0,
            discard_armed: false,
        }
    }
}

impl ScribeBox {
    /// Put the keyboard back in the note's text.
    pub fn focus_text(&mut self) {
        self.focus_wanted = true;
    }
}

/// What the box did this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScribeOutcome {
    /// Nothing yet.
    Open,
    /// A note was added (it is in the intents); the view should select it.
    Added(NoteId),
    /// The box was closed.
    Closed,
}

/// The organisation `typed` names: the first whose short label, name, or a word of its name starts
/// with it (ignoring case); `None` for nothing typed or no match.
pub fn match_organisation<'s>(session: &'s Session, typed: &str) -> Option<&'s Organisation> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return None;
    }
    let starts = |text: &str| text.to_lowercase().starts_with(&typed);
    session
        .organisations
        .iter()
        .find(|org| starts(&org.short_label()))
        .or_else(|| session.organisations.iter().find(|org| starts(&org.name)))
        .or_else(|| session.organisations.iter().find(|org| org.name.split_whitespace().any(starts)))
}

/// The participant whose name starts with what was typed in "Said by" (ignoring case).
fn matching_participant<'s>(session: &'s Session, typed: &str) -> Option<&'s str> {
    let lower = typed.trim().to_lowercase();
    if lower.is_empty() {
        return None;
    }
    session
        .participants
        .iter()
        .filter_map(|person| person.name.as_deref().map(str::trim))
        .find(|name| !name.is_empty() && name.to_lowercase().starts_with(&lower))
}

/// The name to record for "Said by": a participant whose name starts with what was typed, else
/// the words as typed (shown beside the field as not on the list); `None` for anonymous.
fn said_by_name(session: &Session, typed: &str) -> Option<String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    Some(matching_participant(session, typed).unwrap_or(typed).to_owned())
}

/// Draws the box (in a panel along the foot of the console) and adds a note when asked.
pub fn scribe_ui(
    ui: &mut Ui,
    session: &Session,
    scribe: &mut ScribeBox,
    target: &ScribeTarget,
    now: OffsetDateTime,
    intents: &mut Intents,
) -> ScribeOutcome {
    // Alt and a number picks the organisation with that number, from anywhere in the box.
    let numbers: Vec<String> = (1..=session.organisations.len().min(9)).map(|number| number.to_string()).collect();
    let alt = ui.input(|input| {
        input.modifiers.alt
            || input.events.iter().any(|event| matches!(event, egui::Event::Key { modifiers, .. } if modifiers.alt))
    });
    for (digit, organisation) in numbers.iter().zip(&session.organisations) {
        if let Some(key) = Key::from_name(digit)
            && ui.input_mut(|input| input.consume_key(Modifiers::ALT, key))
        {
            scribe.organisation = organisation.name.clone();
        }
    }
    // The platform also sends Alt and a number as the typed digit; left there, the text field
    // would write it into the note ("…fag packet3").
    if alt {
        ui.input_mut(|input| {
            input.events.retain(|event| !matches!(event, egui::Event::Text(text) if numbers.contains(text)));
        });
    }
    let mut add = false;
    let mut close = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Scribe").strong().size(22.0));
        match target {
            ScribeTarget::Wheel { question, band, .. } => {
                ui.label(format!("Adding to “{question}”:"));
                let chosen = scribe.band.get_or_insert(*band);
                ui.radio_value(chosen, WheelBand::Assumption, "Inner ring: assumption");
                ui.radio_value(chosen, WheelBand::Opportunity, "Outer ring: opportunity");
            }
            ScribeTarget::Map { arc } => {
                ui.label("Adding to the map:");
                let chosen = scribe.arc.get_or_insert(*arc);
                ui.radio_value(chosen, MapArc::Need, "What is the need?");
                ui.radio_value(chosen, MapArc::Help, "Potential sources of help");
            }
            ScribeTarget::Unplaced => {
                ui.label("Adding to All notes (not on a canvas yet)");
            }
        }
        if session.private_writing {
            ui.label(RichText::new("Private writing: new notes stay hidden until revealed").italics());
        }
        if ui.button("Close scribe").on_hover_text("Or press Esc in the box.").clicked() {
            close = true;
        }
    });
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Note");
        let text = ui
            .add(
                egui::TextEdit::singleline(&mut scribe.text)
                    .hint_text("Type what was said, then Enter")
                    .desired_width((ui.available_width() - 640.0).max(320.0)),
            )
            .labelled_by(label.id);
        if scribe.focus_wanted {
            text.request_focus();
            scribe.focus_wanted = false;
        }
        let label = ui.label("Organisation");
        let organisation = ui
            .add(egui::TextEdit::singleline(&mut scribe.organisation).hint_text("first letters").desired_width(130.0))
            .labelled_by(label.id);
        let matched = match_organisation(session, &scribe.organisation);
        match matched {
            Some(org) => {
                let (swatch, _) = ui.allocate_exact_size(egui::vec2(16.0, 16.0), egui::Sense::hover());
                ui.painter().rect_filled(swatch, 3.0, colour32(org.colour));
                ui.label(RichText::new(format!("{} ({})", org.name, org.short_label())).strong());
            }
            None if scribe.organisation.trim().is_empty() => {
                ui.label(RichText::new("none").weak());
            }
            None => {
                ui.label(RichText::new("no such organisation").color(ui.visuals().warn_fg_color));
            }
        }
        let label = ui.label("Said by");
        let said_by = ui
            .add(egui::TextEdit::singleline(&mut scribe.said_by).hint_text("Anonymous").desired_width(180.0))
            .labelled_by(label.id);
        select_all_when_entered(ui, &said_by, &scribe.said_by);
        let typed_name = scribe.said_by.trim().to_owned();
        match matching_participant(session, &typed_name) {
            Some(name) => {
                ui.label(RichText::new(name).strong());
            }
            None if typed_name.is_empty() => {}
            None => {
                // Kept as typed, and said so, so a stranger's name is never mistaken for a
                // participant's; one click puts them on the list.
                ui.label(RichText::new("not on the participant list").color(ui.visuals().warn_fg_color));
                if ui.button(format!("Add “{typed_name}” as a participant")).clicked() {
                    let participant = Participant::new(Some(typed_name.clone()), None);
                    intents.edit(Edit::InsertParticipant { index: session.participants.len(), participant });
                }
            }
        }
        let entered = [&text, &organisation, &said_by]
            .iter()
            .any(|field| field.lost_focus() && ui.input(|input| input.key_pressed(Key::Enter)));
        let escaped = [&text, &organisation, &said_by]
            .iter()
            .any(|field| (field.has_focus() || field.lost_focus()) && ui.input(|input| input.key_pressed(Key::Escape)));
        add = ui.add_enabled(!scribe.text.trim().is_empty(), egui::Button::new("Add note")).clicked() || entered;
        if text.changed() {
            scribe.discard_armed = false;
        }
        if escaped {
            if scribe.text.trim().is_empty() || scribe.discard_armed {
                close = true;
            } else {
                // The first Esc never throws away what was typed: it asks for a second.
                scribe.discard_armed = true;
                scribe.focus_wanted = true;
            }
        }
    });
    if scribe.discard_armed {
        ui.label(
            RichText::new("Press Esc again to discard this note, or keep typing").color(ui.visuals().warn_fg_color),
        );
    }
    let numbers: Vec<String> = session
        .organisations
        .iter()
        .take(9)
        .enumerate()
        .map(|(index, org)| format!("{} {}", index + 1, org.short_label()))
        .collect();
    let mut help = "Enter adds the note and keeps the box open · Tab moves between the boxes · Esc closes".to_owned();
    if !numbers.is_empty() {
        help.push_str(&format!(" · Alt+number picks an organisation: {}", numbers.join(", ")));
    }
    if scribe.added > 0 {
        help.push_str(&format!(" · {} added", scribe.added));
    }
    ui.label(RichText::new(help).weak());

    if close {
        return ScribeOutcome::Closed;
    }
    if !add {
        return ScribeOutcome::Open;
    }
    let words = scribe.text.trim();
    scribe.focus_wanted = true;
    if words.is_empty() {
        return ScribeOutcome::Open;
    }
    let placement = match target {
        ScribeTarget::Wheel { prompt, band, .. } => {
            Placement::Wheel { prompt: prompt.clone(), band: scribe.band.unwrap_or(*band) }
        }
        ScribeTarget::Map { arc } => {
            let arc = scribe.arc.unwrap_or(*arc);
            Placement::Map { arc, along: crate::canvas::map::free_spot_on(session, arc) }
        }
        ScribeTarget::Unplaced => Placement::Unplaced,
    };
    let mut note = Note::new(words, placement, now);
    note.organisation = match_organisation(session, &scribe.organisation).map(|org| org.id);
    note.author = said_by_name(session, &scribe.said_by);
    note.hidden = session.private_writing;
    let id = note.id;
    intents.edit(Edit::InsertNote { index: session.notes.len(), note });
    scribe.text.clear();
    scribe.discard_armed = false;
    scribe.added += 1;
    ScribeOutcome::Added(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Rgb, Sector};

    #[test]
    fn organisations_are_found_by_their_first_letters() {
        let mut session = Session::default();
        for name in ["Bristol Assertive Outreach Team", "City of Bristol College", "Bristol Mind"] {
            session.organisations.push(Organisation::new(name, Sector::Other, Rgb::new(0, 0, 0)));
        }
        let name = |typed: &str| match_organisation(&session, typed).map(|org| org.name.as_str());
        assert_eq!(name("bm"), Some("Bristol Mind"));
        assert_eq!(name("Bri"), Some("Bristol Assertive Outreach Team"));
        assert_eq!(name("city"), Some("City of Bristol College"));
        assert_eq!(name("mind"), Some("Bristol Mind"));
        assert_eq!(name(""), None);
        assert_eq!(name("zz"), None);
    }
}
