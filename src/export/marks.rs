//! What both pictures put on notes, drawn as the canvases draw it: a group's heading card and a
//! closed vote's dot badge.

use super::svg::{Anchor, Ink, Svg};
use super::text::{Span, baseline_offset, line_height, wrap_spans};
use crate::canvas::marks::{
    DOT_BADGE_FILL, HEADING_INK, HEADING_OUTLINE, HeadingCard, PILE_OUTLINE, count_words, dot_badge_disc,
};
use crate::model::{NoteGroup, Session};
use egui::{Color32, Rect};

/// The vote whose dots the pictures and summaries show: the last closed one, as on the canvases,
/// and none while a vote is open, since the room never sees running totals.
pub fn shown_vote(session: &Session) -> Option<&crate::model::DotVote> {
    if session.open_vote().is_some() { None } else { session.last_closed_vote() }
}

/// A group's heading card in `rect`, in the group's `tint`.
pub fn heading_card(svg: &mut Svg, rect: Rect, group: &NoteGroup, count: usize, tint: Color32) {
    let card = HeadingCard::new(rect, group, 1.0);
    for behind in &card.behind {
        svg.rect(behind.shrink(0.5), card.radius, Some(tint.gamma_multiply(0.7)), Some((1.0, PILE_OUTLINE)));
    }
    svg.rect(rect.shrink(1.0), card.radius, Some(tint), Some((2.0, HEADING_OUTLINE)));
    let ink = Ink { size: card.heading_size, colour: HEADING_INK };
    let width = (rect.width() - 2.0 * card.margin).max(10.0);
    let lines =
        wrap_spans(&[Span { text: group.display_heading(), size: ink.size }], width, 0.0, Some(card.heading_rows));
    svg.lines(&lines, &[ink], rect.left() + card.margin, rect.top() + card.margin * 0.6, Anchor::Start, 0.0);
    let count_ink = Ink { size: card.count_size, colour: HEADING_INK };
    let bottom = rect.bottom() - card.margin * 0.5;
    let baseline = bottom - line_height(card.count_size) + baseline_offset(card.count_size);
    svg.text(rect.left() + card.margin, baseline, Anchor::Start, &count_words(group, count), count_ink);
}

/// A note's dots in a disc over its card's top right corner.
pub fn dot_badge(svg: &mut Svg, card: Rect, dots: u32) {
    let (centre, radius) = dot_badge_disc(card, 1.0);
    svg.circle(centre, radius, Some(DOT_BADGE_FILL), Some((2.0, Color32::WHITE)));
    let size = radius * 1.15;
    let baseline = centre.y - line_height(size) / 2.0 + baseline_offset(size);
    svg.text(centre.x, baseline, Anchor::Middle, &dots.to_string(), Ink { size, colour: Color32::WHITE });
}
