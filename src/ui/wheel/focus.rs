//! The focus view: one prompt, large, with all its notes in two columns; and the same notes in
//! one column beside the wheel, where the canvas is wider than the wheel needs.

use super::{WheelView, band_words, prompt_title};
use crate::canvas::wheel::style::Palette;
use crate::model::{Note, Session, WheelBand};
use crate::ui::WheelCommand;
use crate::ui::intents::Intents;
use crate::ui::room::CanvasMode;
use crate::ui::widgets::colour32;
use egui::{Color32, CornerRadius, Frame, Margin, RichText, Role, Sense, Stroke, Ui, WidgetInfo, vec2};

/// The size of a note's words in the focus view, in points (times the projection's type size).
const FOCUS_WORDS: f32 = 24.0;
/// The size of the line saying who wrote a note, as a share of its words' size (17 to 24 points).
const WHO_SHARE: f32 = 17.0 / 24.0;
/// The size of a note's words in the column beside the wheel: smaller than the focus view's, as
/// the column shares the screen with the wheel, and still larger than the wheel's cards.
const BESIDE_WORDS: f32 = 16.0;

/// Draws the focus view of the selected prompt; projected, without its buttons and in the
/// projector's type size.
pub(super) fn focus_ui(ui: &mut Ui, session: &Session, view: &mut WheelView, mode: CanvasMode, intents: &mut Intents) {
    let Some(prompt) = view.selected(session).cloned() else { return };
    let index = view.selected_index(session);
    let count = session.wheel.prompts.len();
    if !mode.is_projected() && ui.input(|input| input.key_pressed(egui::Key::Escape)) && view.composer.is_none() {
        view.focus_mode = false;
    }
    Frame::NONE.inner_margin(Margin::same(16)).show(ui, |ui| {
        if mode.is_projected() {
            // The projection's header already shows the question.
            let columns = [WheelBand::Assumption, WheelBand::Opportunity];
            ui.columns(2, |uis| {
                for (ui, band) in uis.iter_mut().zip(columns) {
                    band_column_ui(ui, session, view, mode, &prompt.key, band, intents);
                }
            });
            return;
        }
        ui.horizontal(|ui| {
            if ui.button(RichText::new("Back to the whole wheel").size(20.0)).clicked() {
                view.focus_mode = false;
            }
            ui.add_space(16.0);
            if ui.button(RichText::new("Previous prompt").size(20.0)).clicked() {
                view.run(WheelCommand::PreviousPrompt, session, intents);
            }
            ui.label(RichText::new(format!("Prompt {} of {count}", index + 1)).size(20.0));
            if ui.button(RichText::new("Next prompt").size(20.0)).clicked() {
                view.run(WheelCommand::NextPrompt, session, intents);
            }
        });
        ui.add_space(8.0);
        ui.label(RichText::new(prompt_title(&prompt)).size(40.0).strong());
        ui.add_space(8.0);
        let columns = [WheelBand::Assumption, WheelBand::Opportunity];
        ui.columns(2, |uis| {
            for (ui, band) in uis.iter_mut().zip(columns) {
                band_column_ui(ui, session, view, mode, &prompt.key, band, intents);
            }
        });
    });
}

fn band_column_ui(
    ui: &mut Ui,
    session: &Session,
    view: &mut WheelView,
    mode: CanvasMode,
    key: &str,
    band: WheelBand,
    intents: &mut Intents,
) {
    let (word, heading) = band_words(band);
    let notes: Vec<&Note> = session.notes_on_prompt(key, band).collect();
    let heading = RichText::new(format!("{heading} ({})", notes.len())).size(mode.text_size(26.0)).strong();
    // Ragged right: a justified heading would stretch its words apart when it wraps.
    ui.with_layout(egui::Layout::top_down(egui::Align::LEFT), |ui| ui.add(egui::Label::new(heading).wrap()));
    if !mode.is_projected() && ui.button(RichText::new(format!("+ Add an {word}")).size(20.0)).clicked() {
        view.start_note(session, band, None);
    }
    let mut cards = |ui: &mut Ui, view: &mut WheelView| {
        if notes.is_empty() {
            ui.label(RichText::new(format!("No {word} notes yet.")).size(mode.text_size(20.0)).weak());
        }
        for note in &notes {
            focus_card_ui(ui, session, view, mode, note, (word, FOCUS_WORDS), intents);
        }
    };
    if mode.is_projected() {
        // Nobody scrolls the projection; notes past its foot are on the console.
        cards(ui, view);
    } else {
        egui::ScrollArea::vertical()
            .id_salt(("focus column", band == WheelBand::Assumption))
            .auto_shrink([false, false])
            .show(ui, |ui| cards(ui, view));
    }
}

fn focus_card_ui(
    ui: &mut Ui,
    session: &Session,
    view: &mut WheelView,
    mode: CanvasMode,
    note: &Note,
    (word, words_size): (&str, f32),
    intents: &mut Intents,
) {
    let blank = note.hidden && mode.is_projected();
    let organisation = note.organisation.and_then(|id| session.organisation(id)).filter(|_| !blank);
    let colour = organisation.map_or(Color32::from_gray(140), |org| colour32(org.colour));
    let selected = view.selected_note == Some(note.id);
    let stroke =
        if selected { Stroke::new(4.0, ui.visuals().selection.stroke.color) } else { Stroke::new(1.0, Color32::GRAY) };
    // A hidden note is greyed on the console, so the facilitator sees the room cannot read it yet.
    let fill = if note.hidden && !blank { Color32::from_gray(222) } else { Color32::WHITE };
    let dots = view.voting.dots_shown_on(session, note.id);
    let badge_scale = 1.4 * words_size / FOCUS_WORDS;
    // A vote badge sits over the card's top right corner: the words keep clear of it.
    let right = if dots.is_some() { clear_of_badge(badge_scale) } else { 12 };
    let frame = Frame::NONE.fill(fill).stroke(stroke).corner_radius(CornerRadius::same(8)).inner_margin(Margin {
        left: 18,
        right,
        top: 10,
        bottom: 10,
    });
    let inner = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        // Ragged right, as people write: a justified column would stretch the words apart.
        ui.with_layout(egui::Layout::top_down(egui::Align::LEFT), |ui| {
            if blank {
                // A blank card the height of a short note: the room sees that something was written.
                ui.add_space(mode.text_size(words_size) + mode.text_size(words_size * WHO_SHARE) + 8.0);
                return;
            }
            let beside = words_size == BESIDE_WORDS;
            card_words(
                ui,
                RichText::new(&note.text).size(mode.text_size(words_size)).color(Color32::from_gray(15)),
                beside,
            );
            let who = match organisation {
                Some(org) => format!("{} ({}) · {}", org.name, org.short_label(), note.author_label()),
                None => format!("No organisation · {}", note.author_label()),
            };
            let hidden = if note.hidden { "Hidden · " } else { "" };
            let who = RichText::new(format!("{hidden}{who}"))
                .size(mode.text_size(words_size * WHO_SHARE))
                .color(Color32::from_gray(60));
            card_words(ui, who, beside);
        });
    });
    let rect = inner.response.rect;
    // The organisation's colour runs down the card's left edge.
    let strip = egui::Rect::from_min_max(rect.min, egui::pos2(rect.min.x + 10.0, rect.max.y));
    ui.painter().rect_filled(strip, CornerRadius { nw: 8, sw: 8, ne: 0, se: 0 }, colour);
    let (sense, role) =
        if mode.is_projected() { (Sense::hover(), Role::Label) } else { (Sense::click(), Role::Button) };
    let response = ui.interact(rect, egui::Id::unique(("focus note", note.id, mode.is_projected())), sense);
    let label = if blank {
        format!("Hidden note, {word}")
    } else {
        // Beside the wheel the same note has a card on the wheel too: its name says which this is.
        let kind = match (note.hidden, words_size == BESIDE_WORDS) {
            (false, false) => "Note",
            (true, false) => "Hidden note",
            (false, true) => "Note in full",
            (true, true) => "Hidden note in full",
        };
        format!(
            "{kind}, {word}: {} — {}, {}",
            note.text,
            session.organisation_name(note.organisation),
            note.author_label()
        )
    };
    response.widget_info(|| WidgetInfo::labeled(role, true, &label));
    crate::ui::accessibility::show_focus(ui, &response);
    if response.clicked() {
        view.selected_note = Some(note.id);
        if let Some(casting) = view.voting.casting {
            // While a voter is chosen, a click on a note is one of their dots.
            intents.edit(casting.put_dot(note.id));
        }
    }
    if let Some(dots) = dots {
        crate::ui::vote::paint_dot_badge(ui.painter(), rect, dots, badge_scale);
    }
    ui.add_space(6.0);
}

/// The right margin that keeps a card's words clear of a vote badge drawn at `scale`: the disc
/// reaches 1.6 radii in from the card's right edge (see `dot_badge_disc`).
fn clear_of_badge(scale: f32) -> i8 {
    let (_, radius) = crate::canvas::marks::dot_badge_disc(egui::Rect::ZERO, scale);
    (1.6 * radius + 6.0).ceil().clamp(12.0, 120.0) as i8
}

/// A card's words: a label in the focus view; beside the wheel only painted, as the card's own
/// accessible name already holds them and the wheel's card and the side panel name the same
/// words (a second widget with them would make "the widget that says this" ambiguous).
fn card_words(ui: &mut Ui, words: RichText, beside: bool) {
    if !beside {
        ui.label(words);
        return;
    }
    let galley = egui::WidgetText::from(words).into_galley(
        ui,
        Some(egui::TextWrapMode::Wrap),
        ui.available_width(),
        egui::TextStyle::Body,
    );
    let (rect, _) = ui.allocate_exact_size(galley.size(), Sense::hover());
    ui.painter().galley(rect.min, galley, Color32::from_gray(15));
}

/// The most notes of a ring the column beside the wheel lists; the focus view has them all. A
/// ring of hundreds drawn as cards every frame would cost more than the whole wheel.
const BESIDE_MOST_NOTES: usize = 12;

/// The selected prompt's notes in full, in a column beside the wheel on the console: its
/// question as the heading, a line down the column's edge in the colour that outlines the
/// selected prompt on the wheel, each ring's notes under its name and colour. Each note is
/// chosen by a click, as its card on the wheel is (and casts a dot while a voter is chosen).
pub(super) fn beside_wheel_ui(ui: &mut Ui, session: &Session, view: &mut WheelView, intents: &mut Intents) {
    let Some(prompt) = view.selected(session).cloned() else { return };
    let palette = Palette::new(ui.visuals().dark_mode);
    let rect = ui.available_rect_before_wrap();
    let edge = egui::Rect::from_min_max(rect.min + vec2(4.0, 12.0), egui::pos2(rect.min.x + 8.0, rect.max.y - 12.0));
    ui.painter().rect_filled(edge, CornerRadius::same(2), palette.selected_outline);
    // The right margin leaves room for a card's vote badge, which sits over its corner.
    Frame::NONE.inner_margin(Margin { left: 20, right: 22, top: 12, bottom: 12 }).show(ui, |ui| {
        ui.with_layout(egui::Layout::top_down(egui::Align::LEFT), |ui| {
            ui.add(egui::Label::new(RichText::new(prompt_title(&prompt)).size(22.0).strong()).wrap());
        });
        ui.add_space(6.0);
        egui::ScrollArea::vertical().id_salt("notes beside the wheel").auto_shrink([false, false]).show(ui, |ui| {
            for band in [WheelBand::Assumption, WheelBand::Opportunity] {
                let (word, heading) = band_words(band);
                // As the canvas beside sorted them out this frame, rather than by another pass
                // over every note of the workshop.
                let notes = view.canvas.notes_in(session, view.selected_index(session), band);
                let fill = match band {
                    WheelBand::Assumption => palette.selected_assumption,
                    WheelBand::Opportunity => palette.selected_opportunity,
                };
                ui.horizontal(|ui| {
                    let (swatch, _) = ui.allocate_exact_size(vec2(22.0, 18.0), Sense::hover());
                    ui.painter().rect(
                        swatch,
                        CornerRadius::same(3),
                        fill,
                        Stroke::new(1.5, palette.lines),
                        egui::StrokeKind::Inside,
                    );
                    // Wrapped, so a long ring name never widens the column past its place.
                    let name = RichText::new(format!("{heading} ({})", notes.len())).size(18.0).strong();
                    ui.add(egui::Label::new(name).wrap());
                });
                ui.add_space(4.0);
                if notes.is_empty() {
                    ui.label(RichText::new(format!("No {word} notes yet.")).size(BESIDE_WORDS).weak());
                }
                // A group folded on the wheel keeps its notes folded here too.
                let folded =
                    |note: &&&Note| note.group.and_then(|id| session.group(id)).is_some_and(|group| group.collapsed);
                let folded_count = notes.iter().filter(folded).count();
                if folded_count > 0 {
                    let words = format!(
                        "{folded_count} note{} folded into a group on the wheel",
                        if folded_count == 1 { "" } else { "s" }
                    );
                    ui.label(RichText::new(words).size(BESIDE_WORDS).weak());
                }
                let notes: Vec<&Note> = notes.iter().filter(|note| !folded(note)).copied().collect();
                for note in notes.iter().take(BESIDE_MOST_NOTES) {
                    focus_card_ui(ui, session, view, CanvasMode::Console, note, (word, BESIDE_WORDS), intents);
                }
                if let Some(more) = notes.len().checked_sub(BESIDE_MOST_NOTES).filter(|&more| more > 0) {
                    let words = format!("{more} more {word} note{}: focus view  (F)", if more == 1 { "" } else { "s" });
                    if ui.button(RichText::new(words).size(BESIDE_WORDS)).clicked() {
                        view.focus_mode = true;
                    }
                }
                ui.add_space(10.0);
            }
        });
    });
}
