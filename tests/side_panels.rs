//! The console's side panels when they hold more than fits: their scroll bar sits beside the
//! content, never over the end of its text or fields.

mod common;

use common::harness::App;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/workshops/bristol-outreach.ron");
/// A note of the example's first prompt, long enough to fill a card's width.
const FIRST_DUTY: &str = "Our first duty is to the person on our caseload, not the wider community.";

/// Clicks the card whose accessible name starts with `kind` ("Note, " on the wheel, "Note in
/// full, " beside it) and holds `text`.
fn click_card(app: &mut App, kind: &str, text: &str) {
    let middle = format!(": {text} — ");
    app.get_by(|node| {
        node.role() == Role::Button
            && node.label().is_some_and(|label| label.starts_with(kind) && label.contains(&middle))
    })
    .click();
    app.run();
}

#[test]
fn a_scrolling_side_panel_keeps_its_scroll_bar_beside_the_fields_not_over_them() {
    // On a 1366×768 laptop the wheel's panel, with a note selected, is taller than the window and
    // scrolls. egui's default bar floats over the content's right edge: the note's text field ran
    // under it and "4 of 11 discussed" lost its last letter.
    let mut app = App::with_copy_of(EXAMPLE);
    app.set_size(egui::vec2(1366.0, 768.0));
    app.run();
    click_card(&mut app, "Note, ", FIRST_DUTY);
    app.get_by_label("Selected note");

    // The panel scrolls: its last buttons lie below the window.
    assert!(app.get_by_label("Delete note").rect().top() > 768.0, "the panel is taller than the window");
    // The panel's content ends 16 pt inside the window's edge (its margin). The field must end
    // before the strip a bar is drawn in there (6 pt wide, 4 pt from the content); a floating bar
    // was drawn over the field's last 10 pt.
    let content_right = 1366.0 - 16.0;
    let text_field = app.get_by_role_and_label(Role::MultilineTextInput, "Text").rect();
    assert!(
        text_field.right() + 10.0 <= content_right,
        "the note's text field ends at {:.0}, under the scroll bar at the panel's edge ({content_right})",
        text_field.right()
    );
}

#[test]
fn selecting_a_note_on_a_laptop_screen_keeps_the_side_panel_width_and_the_notes_beside_the_wheel() {
    // At 1366×768 the canvas has just room for the selected prompt's notes in full beside the
    // wheel. Selecting a note makes the side panel scroll; its bar must not widen the panel (the
    // row "Previous · Prompt 1 of 11 · Next · 4 of 11 discussed" did not fit beside it), or the
    // notes beside the wheel disappear from under the facilitator's pointer.
    let mut app = App::with_copy_of(EXAMPLE);
    app.set_size(egui::vec2(1366.0, 768.0));
    app.run();
    let in_full = |app: &App| {
        app.query_all_by(|node| node.label().is_some_and(|label| label.starts_with("Note in full, "))).count()
    };
    let panel_left = |app: &App| app.get_by_label("Whose welfare comes first?").rect().left();
    let shown_before = in_full(&app);
    assert!(shown_before >= 2, "the first prompt's notes are beside the wheel at 1366×768 ({shown_before})");
    let left_before = panel_left(&app);

    click_card(&mut app, "Note in full, ", FIRST_DUTY);
    app.get_by_label("Selected note");
    assert_eq!(panel_left(&app), left_before, "the side panel keeps its width");
    assert_eq!(in_full(&app), shown_before, "the notes beside the wheel stay");
}
