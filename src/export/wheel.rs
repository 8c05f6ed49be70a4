//! The prompt wheel as an SVG picture: the canvas's own picture ([`paint_wheel_picture`]),
//! painted without a window and written out shape by shape.

use super::shapes::write_shapes;
use super::svg::Svg;
use crate::canvas::headless::paint_shapes;
use crate::canvas::wheel::picture::paint_wheel_picture;
use crate::model::{Note, Session};

/// The whole wheel with its labels, notes, key and the guide's credit, as SVG text.
pub fn wheel_svg(session: &Session) -> String {
    // A picture shows the last closed vote's totals, as the summaries do.
    let vote = session.shown_vote(true);
    let dots_on = |note: &Note| vote.map(|vote| vote.dots_on(note.id)).filter(|dots| *dots > 0);
    let (shapes, size) = paint_shapes(|painter| paint_wheel_picture(painter, session, &dots_on));
    let mut svg = Svg::new(size.x, size.y);
    write_shapes(&mut svg, &shapes);
    let notes = session.notes.iter().filter(|note| note.placement.wheel_spot().is_some()).count();
    let description = format!(
        "The prompt wheel of “{}”: {} prompts ({}), {notes} note{}. The inner ring holds assumptions, the outer \
         ring opportunities.",
        session.display_title(),
        session.wheel.prompts.len(),
        session.wheel.progress_label(),
        if notes == 1 { "" } else { "s" },
    );
    svg.finish("wheel", &format!("Prompt wheel: {}", session.display_title()), &description)
}
