//! The needs map as an SVG picture, drawn as the screen draws it (light theme): the map is laid
//! out by the same code as the canvas ([`scene::arrange`]), measuring text with the bundled font.

use super::marks::{dot_badge, heading_card, shown_vote};
use super::markup::number;
use super::svg::{Anchor, Ink, Svg, lines_height};
use super::text::{Line, Span, baseline_offset, line_height, text_width, wrap, wrap_spans};
use crate::canvas::map::geometry::{ArcShape, BAND_WIDTH, card_inner_edge};
use crate::guide::map::needs_map;
use crate::model::{LinkKind, MapArc, Note, Session};
use crate::ui::groups::group_tint;
use crate::ui::map::answer::NeedStatus;
use crate::ui::map::scene::{
    self, CARD_PADDING, CARD_TEXT_WIDTH, CardMeasure, DOT_RADIUS, EXAMPLE_SIZE, MARKER_RADIUS, MAX_NOTE_ROWS,
    NOTE_TEXT_SIZE, PlacedLink, PlacedNote, SMALL_TEXT_SIZE, STAGE_SIZE, STATUS_HEIGHT, STRIPE_WIDTH, Scene,
    TITLE_SIZE, TITLE_WIDTH, stage_examples, stage_text_width, tags_line,
};
use crate::ui::map::style::{
    LinkStyle, MapPalette, StatusIcon, link_style, organisation_fill, status_icon, status_of_kind, text_on,
};
use egui::{Color32, Pos2, Rect, Vec2, pos2, vec2};

/// Space round the picture's edge.
const MARGIN: f32 = 40.0;
/// The workshop's title above the map.
const HEADING_SIZE: f32 = 30.0;
/// The guide's question under the title.
const QUESTION_SIZE: f32 = 22.0;
/// The key to the line styles and the guide's credit under the map.
const FOOTER_SIZE: f32 = 16.0;
/// The screen the arcs' width is chosen for: pictures go on slides.
const SLIDE: Rect = Rect::from_min_max(Pos2::ZERO, pos2(1920.0, 1080.0));

/// How a card's words are laid out: the lines, and the spans they are made of.
struct CardText {
    /// The organisation's initials, written on its colour at the start of the first line.
    initials: String,
    /// The badge's colour.
    badge: Color32,
    /// The words and the author, wrapped after the badge.
    lines: Vec<Line>,
}

fn badge_text(initials: &str) -> String {
    format!(" {initials} ")
}

/// The space before a card's words: the badge and the gap after it.
fn badge_indent(initials: &str) -> f32 {
    text_width(&badge_text(initials), SMALL_TEXT_SIZE) + 6.0
}

/// The author as written after a note's words; a no-break space keeps the dash with the name.
fn author_suffix(note: &Note) -> Option<String> {
    note.author.as_deref().map(str::trim).filter(|author| !author.is_empty()).map(|author| format!(" —\u{a0}{author}"))
}

fn card_text(session: &Session, note: &Note) -> CardText {
    let organisation = note.organisation.and_then(|id| session.organisation(id));
    let initials = organisation.map_or_else(|| "–".to_owned(), |org| org.short_label());
    let badge = organisation_fill(organisation.map(|org| org.colour));
    let author = author_suffix(note);
    let mut spans = vec![Span { text: &note.text, size: NOTE_TEXT_SIZE }];
    if let Some(author) = &author {
        spans.push(Span { text: author, size: SMALL_TEXT_SIZE });
    }
    let lines = wrap_spans(&spans, CARD_TEXT_WIDTH, badge_indent(&initials), Some(MAX_NOTE_ROWS));
    CardText { initials, badge, lines }
}

fn card_inks(palette: &MapPalette) -> [Ink; 2] {
    [Ink { size: NOTE_TEXT_SIZE, colour: palette.text }, Ink { size: SMALL_TEXT_SIZE, colour: palette.quiet }]
}

fn tags_lines(note: &Note) -> Vec<Line> {
    wrap_spans(&[Span { text: &tags_line(note), size: SMALL_TEXT_SIZE }], CARD_TEXT_WIDTH, 0.0, Some(2))
}

/// The map laid out with the bundled font, the arcs as wide as suits a slide.
fn lay_out<'a>(session: &'a Session, palette: &MapPalette) -> Scene<'a> {
    let inks = card_inks(palette);
    let measure = |note: &Note, has_tags: bool| {
        let text = card_text(session, note);
        let tags_height = if has_tags {
            lines_height(&tags_lines(note), &[Ink { size: SMALL_TEXT_SIZE, colour: palette.quiet }])
        } else {
            0.0
        };
        CardMeasure { text_height: lines_height(&text.lines, &inks), text_rows: text.lines.len(), tags_height }
    };
    let title_size = |arc: MapArc| {
        let lines = wrap(&needs_map().arc(arc).title, TITLE_SIZE, TITLE_WIDTH, None);
        let widest = lines.iter().map(|line| text_width(line, TITLE_SIZE)).fold(0.0, f32::max);
        vec2(widest, lines.len() as f32 * line_height(TITLE_SIZE))
    };
    let width = scene::best_arc_width(SLIDE, |width| scene::arrange(session, width, measure, title_size).content);
    scene::arrange(session, width, measure, title_size)
}

/// The whole map with its title, the guide's question, the key to the links and the guide's
/// credit, as SVG text.
pub fn map_svg(session: &Session) -> String {
    let palette = MapPalette::for_theme(false);
    let scene = lay_out(session, &palette);
    let guide = needs_map();
    let content = scene.content;
    let content_width = content.width().max(900.0);
    let width = content_width + 2.0 * MARGIN;

    let heading = wrap(session.display_title(), HEADING_SIZE, content_width, None);
    let question = wrap(&guide.focus_question, QUESTION_SIZE, content_width, None);
    let heading_ink = Ink { size: HEADING_SIZE, colour: palette.text };
    let question_ink = Ink { size: QUESTION_SIZE, colour: palette.text };
    let map_top = MARGIN
        + heading.len() as f32 * line_height(HEADING_SIZE)
        + 8.0
        + question.len() as f32 * line_height(QUESTION_SIZE)
        + 30.0;
    let key_top = map_top + content.height() + 30.0;
    let credit = wrap(&guide.credit, FOOTER_SIZE, content_width, None);
    let credit_top = key_top + line_height(FOOTER_SIZE) + 16.0;
    let height = credit_top + credit.len() as f32 * line_height(FOOTER_SIZE) + MARGIN;

    let mut svg = Svg::new(width, height);
    svg.rect(Rect::from_min_size(Pos2::ZERO, vec2(width, height)), 0.0, Some(palette.background), None);
    let mut top = MARGIN;
    for (lines, ink) in [(&heading, heading_ink), (&question, question_ink)] {
        for line in lines {
            svg.text(MARGIN, top + baseline_offset(ink.size), Anchor::Start, line, ink);
            top += line_height(ink.size);
        }
        top += 8.0;
    }

    let left = MARGIN + (content_width - content.width()) / 2.0 - content.left();
    svg.begin_group(&format!("translate({} {})", number(left), number(map_top - content.top())));
    draw_map(&mut svg, session, &scene, &palette);
    svg.end_group();

    draw_key(&mut svg, &palette, key_top);
    let footer_ink = Ink { size: FOOTER_SIZE, colour: palette.quiet };
    for (row, line) in credit.iter().enumerate() {
        let baseline = credit_top + row as f32 * line_height(FOOTER_SIZE) + baseline_offset(FOOTER_SIZE);
        svg.text(MARGIN, baseline, Anchor::Start, line, footer_ink);
    }

    let needs = scene.notes.iter().filter(|placed| placed.arc == MapArc::Need).count();
    let unmet = scene.notes.iter().filter(|placed| placed.status.is_some_and(NeedStatus::is_unmet)).count();
    let description = format!(
        "The needs map of “{}”: {needs} need{} ({unmet} with no support yet), {} source{} of help and {} link{}.",
        session.display_title(),
        if needs == 1 { "" } else { "s" },
        scene.notes.len() - needs,
        if scene.notes.len() - needs == 1 { "" } else { "s" },
        scene.links.len(),
        if scene.links.len() == 1 { "" } else { "s" },
    );
    svg.finish("map", &format!("Needs map: {}", session.display_title()), &description)
}

/// Everything inside the map, in map units, in the order the screen paints it.
fn draw_map(svg: &mut Svg, session: &Session, scene: &Scene<'_>, palette: &MapPalette) {
    let guide = needs_map();
    for arc in [MapArc::Need, MapArc::Help] {
        draw_band(svg, scene.frame.arc(arc), palette);
    }
    for placed in &scene.groups {
        // A faint wash in the group's colour behind its heading and notes.
        let tint = group_tint(session, placed.group.id);
        svg.rect(placed.frame.shrink(1.5), 10.0, Some(tint.gamma_multiply(0.25)), Some((3.0, tint)));
    }
    for placed in &scene.notes {
        draw_leader(svg, scene.frame.arc(placed.arc), placed, palette);
    }
    for arc in [MapArc::Need, MapArc::Help] {
        draw_stages(svg, scene.frame.arc(arc), palette);
    }
    for (arc, rect) in scene.titles {
        let ink = Ink { size: TITLE_SIZE, colour: palette.text };
        let lines = wrap_spans(&[Span { text: &guide.arc(arc).title, size: TITLE_SIZE }], TITLE_WIDTH, 0.0, None);
        svg.lines(&lines, &[ink], rect.right(), rect.top(), Anchor::End, 0.0);
    }
    for placed in &scene.links {
        draw_link(svg, placed, palette);
    }
    for placed in &scene.notes {
        let fill =
            organisation_fill(placed.note.organisation.and_then(|id| session.organisation(id)).map(|org| org.colour));
        let centre = scene.frame.arc(placed.arc).link_anchor(placed.along);
        svg.circle(centre, DOT_RADIUS, Some(fill), Some((2.0, palette.text)));
    }
    let vote = shown_vote(session);
    for placed in scene.notes.iter().filter(|placed| placed.shown) {
        draw_card(svg, session, placed, palette);
        if let Some(dots) = vote.map(|vote| vote.dots_on(placed.note.id)).filter(|dots| *dots > 0) {
            dot_badge(svg, placed.card, dots);
        }
    }
    for placed in &scene.groups {
        heading_card(svg, placed.heading, placed.group, placed.count, group_tint(session, placed.group.id));
    }
    for placed in &scene.links {
        draw_marker(svg, placed, palette);
    }
}

/// An arc's band, with a notch where one stage of its continuum gives way to the next.
fn draw_band(svg: &mut Svg, shape: &ArcShape, palette: &MapPalette) {
    let points: Vec<Pos2> = (0..=64).map(|step| shape.point_at(step as f32 / 64.0)).collect();
    let d = super::svg::path_through(&points, false);
    svg.path(&d, None, Some((BAND_WIDTH, palette.band(shape.arc))), "");
    for stage in needs_map().arc(shape.arc).stages.iter().filter(|stage| stage.from > 0.0) {
        let centre = shape.point_at(stage.from);
        let across = shape.outward_at(stage.from) * (BAND_WIDTH / 2.0 + 1.0);
        let d = super::svg::path_through(&[centre - across, centre + across], false);
        svg.path(&d, None, Some((3.0, palette.background)), "");
    }
}

/// Each stage's name and the guide's examples, written inside the band along the arc.
fn draw_stages(svg: &mut Svg, shape: &ArcShape, palette: &MapPalette) {
    for (index, stage) in needs_map().arc(shape.arc).stages.iter().enumerate() {
        // The examples start on a line of their own, as on the screen.
        let examples = format!("\n{}", stage_examples(shape.arc, index, stage));
        let spans = [Span { text: &stage.label, size: STAGE_SIZE }, Span { text: &examples, size: EXAMPLE_SIZE }];
        let inks = [
            Ink { size: STAGE_SIZE, colour: palette.text },
            Ink { size: EXAMPLE_SIZE, colour: palette.band_text_quiet(shape.arc) },
        ];
        let lines = wrap_spans(&spans, stage_text_width(shape, stage), 0.0, Some(5));
        let height = lines_height(&lines, &inks);
        let centre = shape.point_at(stage.middle());
        let angle = shape.tangent_at(stage.middle()).angle().to_degrees();
        svg.begin_group(&format!("translate({} {}) rotate({})", number(centre.x), number(centre.y), number(angle)));
        svg.lines(&lines, &inks, 0.0, -height / 2.0, Anchor::Middle, 0.0);
        svg.end_group();
    }
}

/// The line from a card to its spot on the arc, carried faintly across the band to its dot.
fn draw_leader(svg: &mut Svg, shape: &ArcShape, placed: &PlacedNote<'_>, palette: &MapPalette) {
    let start = card_inner_edge(shape, placed.leader_from, placed.along);
    let band_edge = shape.leader_end(placed.along);
    let anchor = shape.link_anchor(placed.along);
    svg.line(start, band_edge, 2.0, palette.quiet);
    svg.line(band_edge, anchor, 2.0, palette.quiet.gamma_multiply(0.35));
}

/// A link as a curve in the style of its kind.
fn draw_link(svg: &mut Svg, placed: &PlacedLink<'_>, palette: &MapPalette) {
    let colour = palette.link(placed.link.kind);
    let [from, a, b, to] = placed.curve;
    let d = format!(
        "M{} {}C{} {} {} {} {} {}",
        number(from.x),
        number(from.y),
        number(a.x),
        number(a.y),
        number(b.x),
        number(b.y),
        number(to.x),
        number(to.y)
    );
    stroke_link(svg, &d, placed.link.kind, colour);
}

/// Strokes the path `d` in the line style of a link of `kind`.
fn stroke_link(svg: &mut Svg, d: &str, kind: LinkKind, colour: Color32) {
    match link_style(kind) {
        LinkStyle::Solid { width } => svg.path(d, None, Some((width, colour)), ""),
        LinkStyle::Dashed { width, dash, gap } => {
            let dashes = format!(" stroke-dasharray=\"{} {}\"", number(dash), number(gap));
            svg.path(d, None, Some((width, colour)), &dashes);
        }
        LinkStyle::Dotted { spacing, radius } => {
            let dots = format!(" stroke-dasharray=\"0 {}\" stroke-linecap=\"round\"", number(spacing));
            svg.path(d, None, Some((2.0 * radius, colour)), &dots);
        }
    }
}

/// A status symbol (a tick, plus, cross or exclamation mark) in `rect`.
fn draw_status_icon(svg: &mut Svg, rect: Rect, status: NeedStatus, colour: Color32) {
    let icon = status_icon(status);
    let width = StatusIcon::stroke_width(rect.height());
    let at = |(x, y): (f32, f32)| rect.lerp_inside(vec2(x, y));
    for points in icon.strokes {
        let points: Vec<Pos2> = points.iter().copied().map(at).collect();
        svg.polyline(&points, width, colour, false);
    }
    if let Some(dot) = icon.dot {
        svg.circle(at(dot), width * 0.7, Some(colour), None);
    }
}

/// The marker in a link's middle: a tick or plus in a disc, or the word "gap".
fn draw_marker(svg: &mut Svg, placed: &PlacedLink<'_>, palette: &MapPalette) {
    let kind = placed.link.kind;
    let colour = palette.link(kind);
    let centre = placed.marker;
    if kind == LinkKind::Gap {
        let size = 15.0;
        let chip = Rect::from_center_size(centre, vec2(text_width("gap", size) + 12.0, 2.0 * MARKER_RADIUS));
        svg.rect(chip, MARKER_RADIUS, Some(palette.background), Some((2.0, colour)));
        let baseline = centre.y - line_height(size) / 2.0 + baseline_offset(size);
        svg.text(centre.x, baseline, Anchor::Middle, "gap", Ink { size, colour });
    } else {
        svg.circle(centre, MARKER_RADIUS - 1.0, Some(palette.background), Some((2.0, colour)));
        let icon = Rect::from_center_size(centre, Vec2::splat(MARKER_RADIUS * 1.1));
        draw_status_icon(svg, icon, status_of_kind(kind), colour);
    }
}

/// A note's card: the organisation's stripe and initials, the words and author, the tags, and
/// for a need its status along the foot.
fn draw_card(svg: &mut Svg, session: &Session, placed: &PlacedNote<'_>, palette: &MapPalette) {
    let card = placed.card;
    let note = placed.note;
    let radius = 6.0;
    svg.rect(card, radius, Some(palette.paper(placed.arc)), None);
    let organisation = note.organisation.and_then(|id| session.organisation(id));
    let stripe = Rect::from_min_size(card.min, vec2(STRIPE_WIDTH, card.height()));
    svg.rounded_rect(stripe, [radius, 0.0, 0.0, radius], organisation_fill(organisation.map(|org| org.colour)));

    let inner_left = card.left() + STRIPE_WIDTH + CARD_PADDING;
    let text = card_text(session, note);
    let inks = card_inks(palette);
    let first_row = text.lines.first().map_or(line_height(NOTE_TEXT_SIZE), |line| super::svg::row_height(line, &inks));
    let top = card.top() + CARD_PADDING;
    // The badge of initials, centred on the first line like the rest of it.
    let badge_words = badge_text(&text.initials);
    let badge_height = line_height(SMALL_TEXT_SIZE);
    let badge_top = top + (first_row - badge_height) / 2.0;
    let badge =
        Rect::from_min_size(pos2(inner_left, badge_top), vec2(text_width(&badge_words, SMALL_TEXT_SIZE), badge_height));
    svg.rect(badge, 0.0, Some(text.badge), None);
    let badge_ink = Ink { size: SMALL_TEXT_SIZE, colour: text_on(text.badge) };
    svg.text(
        badge.center().x,
        badge_top + baseline_offset(SMALL_TEXT_SIZE),
        Anchor::Middle,
        text.initials.trim(),
        badge_ink,
    );
    let mut y = top + svg.lines(&text.lines, &inks, inner_left, top, Anchor::Start, badge_indent(&text.initials));
    if placed.has_tags {
        y += 4.0;
        let ink = Ink { size: SMALL_TEXT_SIZE, colour: palette.quiet };
        svg.lines(&tags_lines(note), &[ink], inner_left, y, Anchor::Start, 0.0);
    }

    if let Some(status) = placed.status {
        let (fill, ink) = palette.status(status);
        let strip = Rect::from_min_max(pos2(stripe.right(), card.bottom() - STATUS_HEIGHT), card.max);
        svg.rounded_rect(strip, [0.0, 0.0, radius, 0.0], fill);
        let icon_size = STATUS_HEIGHT * 0.55;
        let icon = Rect::from_center_size(
            pos2(strip.left() + CARD_PADDING + icon_size / 2.0, strip.center().y),
            Vec2::splat(icon_size),
        );
        draw_status_icon(svg, icon, status, ink);
        let size = SMALL_TEXT_SIZE + 1.0;
        let words = wrap(status.label(), size, strip.right() - icon.right() - 6.0, Some(1));
        let baseline = strip.center().y - line_height(size) / 2.0 + baseline_offset(size);
        if let Some(words) = words.first() {
            svg.text(icon.right() + 6.0, baseline, Anchor::Start, words, Ink { size, colour: ink });
        }
    }
    let border = match placed.status {
        Some(status) if status.is_unmet() => (3.0, palette.status(status).0),
        _ => (1.0, palette.quiet.gamma_multiply(0.6)),
    };
    svg.rect(card.shrink(border.0 / 2.0), radius, None, Some(border));
}

/// The key to the link styles under the map.
fn draw_key(svg: &mut Svg, palette: &MapPalette, top: f32) {
    let ink = Ink { size: FOOTER_SIZE, colour: palette.text };
    let middle = top + line_height(FOOTER_SIZE) / 2.0;
    let mut left = MARGIN;
    for kind in LinkKind::ALL {
        let colour = palette.link(kind);
        let sample = [pos2(left, middle), pos2(left + 60.0, middle)];
        stroke_link(svg, &super::svg::path_through(&sample, false), kind, colour);
        let words = kind.label();
        svg.text(left + 72.0, top + baseline_offset(FOOTER_SIZE), Anchor::Start, words, ink);
        left += 72.0 + text_width(words, FOOTER_SIZE) + 40.0;
    }
}
