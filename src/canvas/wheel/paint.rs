//! The wheel's marks, painted once for the screen and the pictures: its rings, the prompts'
//! labels, the note cards, the count of notes that do not fit, and the key to the rings.
//!
//! Everything is painted in screen points: the caller passes where the wheel's world units land
//! (`to_screen`) and the zoom, so the console (panned and zoomed), the projection (fitted) and a
//! picture (zoom 1) all go through the same code.

use super::geometry::{HUB_RADIUS, LABEL_FONT_SIZE, LABEL_LINE_HEIGHT, MIDDLE_RADIUS, OUTER_RADIUS, WheelGeometry};
use super::layout::{
    CardContent, CardMetrics, MeasureText, PlannedCard, RingPlan, RingShape, card_job, indented, laid_out_words,
    plan_ring, plan_ring_quickly,
};
use super::style::{NO_ORGANISATION, NOTE_OUTLINE, Palette, contrast_text};
use crate::canvas::marks::paint_tick;
use crate::guide::prompt_wheel;
use crate::model::{BandItem, Note, Session, WheelBand, band_items};
use egui::text::{LayoutJob, TextWrapping};
use egui::{
    Align2, Color32, CornerRadius, FontId, Galley, Mesh, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, pos2, vec2,
};
use std::cell::RefCell;
use std::sync::Arc;

/// Below this zoom, the empty rings' hints are not drawn: they would be too small to read.
pub const TEXT_ZOOM_THRESHOLD: f32 = 0.4;
/// Characters of a note's words that fill one line of a card at the zoom where words are drawn.
const CHARACTERS_PER_LINE: usize = 28;

/// Fills one band of one segment. The band is not convex, so it is drawn as a strip of small
/// convex quads.
fn band_mesh(
    geometry: &WheelGeometry,
    segment: usize,
    (inner, outer): (f32, f32),
    colour: Color32,
    to_screen: &impl Fn(Pos2) -> Pos2,
) -> Mesh {
    let (start, end) = geometry.segment_angles(segment);
    let steps = ((end - start) * 40.0).ceil().max(4.0) as u32;
    let mut mesh = Mesh::default();
    for step in 0..=steps {
        let angle = start + (end - start) * step as f32 / steps as f32;
        mesh.colored_vertex(to_screen(WheelGeometry::point(angle, inner)), colour);
        mesh.colored_vertex(to_screen(WheelGeometry::point(angle, outer)), colour);
        if step > 0 {
            let base = 2 * (step - 1);
            mesh.add_triangle(base, base + 1, base + 2);
            mesh.add_triangle(base + 1, base + 3, base + 2);
        }
    }
    mesh
}

/// The segments' two rings, the circles between them and the lines between segments; with a
/// `selected` prompt, its rings in the selection's colours and a strong outline round it, so the
/// room can see which question is live.
pub fn paint_rings(
    painter: &Painter,
    geometry: &WheelGeometry,
    palette: &Palette,
    selected: Option<usize>,
    zoom: f32,
    to_screen: impl Fn(Pos2) -> Pos2,
) {
    for segment in 0..geometry.count {
        let (assumption, opportunity) = palette.segment_fills(segment, Some(segment) == selected);
        painter.add(Shape::mesh(band_mesh(geometry, segment, (HUB_RADIUS, MIDDLE_RADIUS), assumption, &to_screen)));
        painter.add(Shape::mesh(band_mesh(geometry, segment, (MIDDLE_RADIUS, OUTER_RADIUS), opportunity, &to_screen)));
    }
    let line = Stroke::new(1.5, palette.lines);
    let centre = to_screen(Pos2::ZERO);
    for radius in [HUB_RADIUS, MIDDLE_RADIUS, OUTER_RADIUS] {
        painter.circle_stroke(centre, radius * zoom, line);
    }
    for segment in 0..geometry.count {
        let (start, _) = geometry.segment_angles(segment);
        painter.line_segment(
            [to_screen(WheelGeometry::point(start, HUB_RADIUS)), to_screen(WheelGeometry::point(start, OUTER_RADIUS))],
            line,
        );
    }
    if let Some(selected) = selected {
        let outline: Vec<Pos2> =
            geometry.band_outline(selected, HUB_RADIUS, OUTER_RADIUS).into_iter().map(to_screen).collect();
        painter.add(Shape::closed_line(outline, Stroke::new(4.0, palette.selected_outline)));
    }
}

/// The prompt labels laid out for one wheel: lines and where they sit, in world units.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabelLayout {
    /// The questions and wheel shape the layout was made for, to know when to redo it.
    pub questions: Vec<String>,
    /// The wheel's shape it was made for.
    pub geometry: Option<WheelGeometry>,
    /// Each label's lines of text.
    pub lines: Vec<Vec<String>>,
    /// Each label's rectangle.
    pub rects: Vec<Rect>,
    /// Each label's line from its segment's rim, when it sits away from its segment.
    pub leaders: Vec<Option<[Pos2; 2]>>,
    /// Each label's side of the wheel: right (its lines start at the wheel's side) or left
    /// (they end there).
    pub on_right: Vec<bool>,
}

impl LabelLayout {
    /// Each prompt's question wrapped by epaint to its label's width (narrow beside the wheel's
    /// widest part, wider towards its top and bottom) at [`LABEL_FONT_SIZE`], and placed beside
    /// the wheel (see [`WheelGeometry::place_labels`]).
    pub fn new(painter: &Painter, geometry: WheelGeometry, questions: &[String]) -> Self {
        let font = FontId::proportional(LABEL_FONT_SIZE);
        let lines: Vec<Vec<String>> = questions
            .iter()
            .enumerate()
            .map(|(segment, question)| {
                let galley =
                    painter.layout(question.clone(), font.clone(), Color32::WHITE, geometry.label_wrap_width(segment));
                galley
                    .rows
                    .iter()
                    .map(|row| row.glyphs.iter().map(|glyph| glyph.chr).collect::<String>().trim().to_owned())
                    .filter(|line| !line.is_empty())
                    .collect()
            })
            .collect();
        let sizes: Vec<egui::Vec2> = lines
            .iter()
            .map(|lines| {
                let width_of =
                    |line: &String| painter.layout_no_wrap(line.clone(), font.clone(), Color32::WHITE).size().x;
                let widest = lines.iter().map(width_of).fold(0.0, f32::max);
                vec2(widest + 12.0, lines.len() as f32 * LABEL_FONT_SIZE * LABEL_LINE_HEIGHT + 8.0)
            })
            .collect();
        let rects = geometry.place_labels(&sizes);
        let leaders = rects.iter().enumerate().map(|(segment, rect)| geometry.label_leader(segment, *rect)).collect();
        let on_right = (0..rects.len()).map(|segment| geometry.label_on_right(segment)).collect();
        Self { questions: questions.to_vec(), geometry: Some(geometry), lines, rects, leaders, on_right }
    }

    /// Whether this layout was made for `geometry` and these questions.
    pub fn is_for<'q>(&self, geometry: WheelGeometry, mut questions: impl Iterator<Item = &'q String>) -> bool {
        self.geometry == Some(geometry) && self.questions.iter().eq(&mut questions)
    }

    /// Everything the wheel shows, in world units: the wheel and its labels.
    pub fn bounds(&self) -> Rect {
        let wheel = Rect::from_center_size(Pos2::ZERO, egui::Vec2::splat(2.0 * OUTER_RADIUS));
        self.rects.iter().fold(wheel, |bounds, rect| bounds.union(*rect))
    }
}

/// How a prompt's label is shown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelLook {
    /// The selected prompt's label is filled in the selection's colour.
    pub selected: bool,
    /// Under the pointer or the keyboard's focus: outlined.
    pub highlighted: bool,
    /// Discussed: a tick at its corner.
    pub discussed: bool,
    /// Beside the wheel's right side, so its lines start at the edge facing the wheel (on the
    /// left side they end there).
    pub on_right: bool,
}

/// The thin line from a prompt's segment to its label, for a label that sits away from it.
pub fn paint_leader(painter: &Painter, ends: [Pos2; 2], palette: &Palette) {
    painter.line_segment(ends, Stroke::new(1.5, palette.quiet_text));
}

/// A prompt's question beside the wheel, at `rect` on the screen.
pub fn paint_label(painter: &Painter, rect: Rect, lines: &[String], look: LabelLook, zoom: f32, palette: &Palette) {
    if look.selected {
        painter.rect_filled(rect, CornerRadius::same(8), palette.selected_outline);
    }
    let colour = if look.selected { contrast_text(palette.selected_outline) } else { palette.text };
    if look.discussed {
        paint_tick(painter, rect.left_top() + vec2(-4.0, 2.0) * zoom, 22.0 * zoom, palette.discussed);
    }
    let font = FontId::proportional(LABEL_FONT_SIZE * zoom);
    let line_height = LABEL_FONT_SIZE * LABEL_LINE_HEIGHT * zoom;
    let first_line = rect.top() + 4.0 * zoom + line_height / 2.0;
    let (x, align) = if look.on_right {
        (rect.left() + 6.0 * zoom, Align2::LEFT_CENTER)
    } else {
        (rect.right() - 6.0 * zoom, Align2::RIGHT_CENTER)
    };
    for (row, line) in lines.iter().enumerate() {
        let at = pos2(x, first_line + row as f32 * line_height);
        painter.text(at, align, line, font.clone(), colour);
    }
    if look.highlighted && !look.selected {
        paint_label_outline(painter, rect, palette);
    }
}

/// The outline of a prompt's label under the pointer or the keyboard, painted last so that it
/// can go over a label painted earlier (the wheel kept as tiles paints it live over them).
pub fn paint_label_outline(painter: &Painter, rect: Rect, palette: &Palette) {
    painter.rect_stroke(rect, CornerRadius::same(8), Stroke::new(2.0, palette.lines), StrokeKind::Inside);
}

/// How a note card is shown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CardLook {
    /// The screen points a world unit takes.
    pub zoom: f32,
    /// Selected for editing: outlined in the selection's colour.
    pub selected: bool,
    /// On the projection, a hidden note is a blank card; on the console it is faded and marked.
    pub projected: bool,
    /// The words' type size on the screen (the ring's planned size times the zoom).
    pub size: f32,
    /// How many lines of words the card shows (the plan's; the last ends with "…" when cut).
    pub rows: usize,
    /// A vote's badge goes in the top right corner, so the words start below it.
    pub badge: bool,
    /// The organisation's chip has a row of its own above the words (as planned, see
    /// [`PlannedCard::chip_above`]), even without a badge.
    pub chip_above: bool,
    /// The plan shows the whole note ([`PlannedCard::whole`]), so the words are drawn whole.
    pub whole: bool,
}

impl CardLook {
    /// The look of `card` as planned, at `zoom`, with a vote's badge or not.
    pub fn of(card: &PlannedCard, zoom: f32, badge: bool) -> Self {
        let (size, rows, chip_above, whole) = (card.size * zoom, card.rows, card.chip_above, card.whole);
        Self { zoom, selected: false, projected: false, size, rows, badge, chip_above, whole }
    }

    /// Whether the words start below a top row: a badge's, or the chip's alone.
    pub fn top_row(&self) -> bool {
        self.badge || self.chip_above
    }
}

/// One note card at `rect` on the screen: the organisation's colour down the left edge, its
/// short name as a chip starting the first line (above the words, beside a vote's badge), and the
/// words, wrapped to the card, as many lines as the ring's plan gives it (the last cut with "…"
/// when the whole note does not fit).
pub fn paint_note(painter: &Painter, rect: Rect, session: &Session, note: &Note, look: CardLook, palette: &Palette) {
    paint_note_with(painter, rect, session, note, look, palette, None);
}

/// [`paint_note`], with the card's words already laid out by [`lay_out_card`] for a card of
/// `rect`'s size and this `look` (the canvas keeps them from frame to frame). A card drawn again
/// just as the frame before (the wheel at rest) is added as the mesh its shapes were tessellated
/// into then ([`CardText`] keeps it): tessellating the wheel's cards' words and frames afresh
/// each frame was about a third of a frame's time.
pub fn paint_note_with(
    painter: &Painter,
    rect: Rect,
    session: &Session,
    note: &Note,
    look: CardLook,
    palette: &Palette,
    laid_out: Option<&CardText>,
) {
    let Some(text) = laid_out else {
        let mut shapes = CardShapes::new(painter);
        note_shapes(&mut shapes, rect, session, note, look, palette, None);
        painter.extend(shapes.shapes);
        return;
    };
    #[expect(clippy::redundant_closure_for_method_calls, reason = "the method's lifetime is not general enough")]
    let atlas_size = painter.ctx().fonts(|fonts| fonts.font_image_size());
    let key = DrawnKey {
        rect,
        look,
        hidden: note.hidden,
        organisation: note.organisation.and_then(|id| session.organisation(id)).map(|org| org.colour),
        palette: *palette,
        pixels_per_point: painter.pixels_per_point(),
        atlas_size,
    };
    let mut drawn = text.drawn.borrow_mut();
    if let Some(kept) = drawn.as_mut().filter(|kept| kept.key == key) {
        // The second frame alike: tessellated once, kept for the frames after. (Not the first:
        // while the wheel pans, no card is drawn twice alike, and each would be tessellated twice.)
        let mesh = kept.mesh.get_or_insert_with(|| {
            let mut shapes = CardShapes::new(painter);
            note_shapes(&mut shapes, rect, session, note, look, palette, Some(text));
            Arc::new(tessellated(painter, shapes.shapes, key.atlas_size))
        });
        painter.add(Shape::Mesh(Arc::clone(mesh)));
        return;
    }
    *drawn = Some(DrawnCard { key, mesh: None });
    let mut shapes = CardShapes::new(painter);
    note_shapes(&mut shapes, rect, session, note, look, palette, Some(text));
    painter.extend(shapes.shapes);
}

/// What a card's drawing depends on besides its words (kept with them in [`CardText`]): where
/// it is, how it looks, its note's state and colours, and the screen's scale and font atlas size
/// (a mesh's texture coordinates are fractions of the atlas).
#[derive(Clone, Copy, Debug, PartialEq)]
struct DrawnKey {
    rect: Rect,
    look: CardLook,
    hidden: bool,
    organisation: Option<crate::model::Rgb>,
    palette: Palette,
    pixels_per_point: f32,
    atlas_size: [usize; 2],
}

/// The card last drawn with a [`CardText`]'s words: its key, and its shapes tessellated once it
/// was drawn alike twice.
#[derive(Clone, Debug)]
struct DrawnCard {
    key: DrawnKey,
    mesh: Option<Arc<Mesh>>,
}

/// `shapes` tessellated as the context tessellates a frame's shapes (its options, the screen's
/// scale, the font atlas of `atlas_size`), into one mesh.
fn tessellated(painter: &Painter, shapes: Vec<Shape>, atlas_size: [usize; 2]) -> Mesh {
    let options = painter.ctx().tessellation_options(|options| *options);
    // Prepared discs are only for small circles, which a card has none of.
    let mut tessellator = egui::epaint::Tessellator::new(painter.pixels_per_point(), options, atlas_size, Vec::new());
    let mut mesh = Mesh::default();
    for shape in shapes {
        tessellator.tessellate_shape(shape, &mut mesh);
    }
    mesh
}

/// A card's shapes as they are made, to add to a painter or tessellate once: the painter's
/// drawing calls that cards use, and its text layout.
struct CardShapes<'a> {
    painter: &'a Painter,
    shapes: Vec<Shape>,
}

impl<'a> CardShapes<'a> {
    fn new(painter: &'a Painter) -> Self {
        Self { painter, shapes: Vec::with_capacity(8) }
    }

    fn rect(&mut self, rect: Rect, radius: CornerRadius, fill: Color32, stroke: Stroke, kind: StrokeKind) {
        self.shapes.push(egui::epaint::RectShape::new(rect, radius, fill, stroke, kind).into());
    }

    fn rect_filled(&mut self, rect: Rect, radius: impl Into<CornerRadius>, fill: Color32) {
        self.shapes.push(egui::epaint::RectShape::filled(rect, radius, fill).into());
    }

    fn rect_stroke(&mut self, rect: Rect, radius: CornerRadius, stroke: Stroke, kind: StrokeKind) {
        self.shapes.push(egui::epaint::RectShape::stroke(rect, radius, stroke, kind).into());
    }

    fn galley(&mut self, at: Pos2, galley: Arc<Galley>, colour: Color32) {
        if !galley.is_empty() {
            self.shapes.push(Shape::galley(at, galley, colour));
        }
    }
}

/// The shapes of [`paint_note_with`]'s card, its words laid out here unless `laid_out`.
fn note_shapes(
    painter: &mut CardShapes<'_>,
    rect: Rect,
    session: &Session,
    note: &Note,
    look: CardLook,
    palette: &Palette,
    laid_out: Option<&CardText>,
) {
    let CardLook { zoom, selected, projected, size, badge, .. } = look;
    let metrics = CardMetrics::new(size);
    let radius = CornerRadius::same(rounding(0.25 * size, size, 12.0));
    if note.hidden && projected {
        painter.rect(rect, radius, palette.note_fill, Stroke::new(2.0, palette.lines), StrokeKind::Inside);
        return;
    }
    let organisation = note.organisation.and_then(|id| session.organisation(id));
    let colour =
        organisation.map_or(NO_ORGANISATION, |org| Color32::from_rgb(org.colour.r, org.colour.g, org.colour.b));
    let faded = |colour: Color32| if note.hidden { colour.gamma_multiply(0.45) } else { colour };
    let colour = faded(colour);
    painter.rect(rect, radius, faded(palette.note_fill), Stroke::new(1.0, NOTE_OUTLINE), StrokeKind::Inside);
    if note.hidden {
        hidden_mark(painter, rect, zoom, palette);
    }
    let strip = Rect::from_min_max(rect.min, pos2(rect.min.x + metrics.strip, rect.max.y));
    painter.rect_filled(strip, CornerRadius { nw: radius.nw, sw: radius.sw, ne: 0, se: 0 }, colour);
    if selected {
        painter.rect_stroke(rect.expand(2.0), radius, Stroke::new(3.0, palette.selected_outline), StrokeKind::Outside);
    }
    if size < WORDS_MIN_SIZE {
        words_stand_in(painter, rect, strip, note.text.chars().count(), faded(palette.note_text), zoom);
        return;
    }
    if look.top_row()
        && let Some(chip) = organisation.map(crate::model::Organisation::short_label)
    {
        chip_on_top_row(painter, rect, &metrics, &chip, colour, badge);
    }
    let laid_out_here;
    let text = match laid_out {
        Some(text) => text,
        None => {
            laid_out_here = lay_out_card(
                painter.painter,
                &note.text,
                card_chip(session, note, look.top_row()).as_deref(),
                rect,
                look,
                palette,
            );
            &laid_out_here
        }
    };
    if let Some((chip_rect, chip_words)) = &text.chip {
        let chip_rect = chip_rect.translate(rect.min.to_vec2());
        painter.rect_filled(chip_rect, CornerRadius::same(rounding(0.3 * size, size, 8.0)), colour);
        let at = pos2(chip_rect.left() + 0.25 * size, chip_rect.center().y - chip_words.size().y / 2.0);
        painter.galley(at, chip_words.clone(), contrast_text(colour));
    }
    painter.galley(rect.min + text.origin, text.words.clone(), palette.note_text);
}

/// A vote's badge on a wheel card at `rect` on the screen, whose words are `size` there: a disc
/// like [`paint_dot_badge`](crate::canvas::marks::paint_dot_badge)'s over the card's top right
/// corner, sized with the card's words ([`CardMetrics::badge_radius`]) so that it stays within
/// the card's top row, which the layout keeps for it. (The shared badge never goes below a
/// radius of 13 points, which on a card of small type reached into its words.)
pub fn paint_card_badge(painter: &Painter, rect: Rect, dots: u32, size: f32) {
    let radius = CardMetrics::new(size).badge_radius();
    let centre = rect.right_top() + vec2(-radius * 0.6, radius * 0.4);
    let fill = crate::canvas::marks::DOT_BADGE_FILL;
    painter.circle(centre, radius, fill, Stroke::new((radius / 9.0).max(1.0), Color32::WHITE));
    painter.text(centre, Align2::CENTER_CENTER, dots.to_string(), FontId::proportional(radius * 1.15), Color32::WHITE);
}

/// Below this type size on the screen, a card and its chip have square corners: rounded ones
/// would be a pixel or two, hardly seen, and rounded corners are most of what drawing a
/// crowded wheel's many small cards costs (a fifth less frame time at 2,000 notes).
const ROUNDED_FROM_SIZE: f32 = 10.0;

/// The corner radius `radius` (at least one point, at most `most`) of a card or chip whose words
/// are `size` on the screen; none below [`ROUNDED_FROM_SIZE`].
fn rounding(radius: f32, size: f32, most: f32) -> u8 {
    if size < ROUNDED_FROM_SIZE { 0 } else { radius.clamp(1.0, most) as u8 }
}

/// The chip a card starts its words with: the organisation's short name, unless the card has a
/// top row (`top_row`: a vote's badge, or the chip on a row of its own) that holds it.
pub fn card_chip(session: &Session, note: &Note, top_row: bool) -> Option<String> {
    let organisation = note.organisation.and_then(|id| session.organisation(id));
    organisation.filter(|_| !top_row).map(crate::model::Organisation::short_label)
}

/// A card's words as laid out in it, and its inline chip, placed from the card's top left
/// corner (so a card that moves keeps them).
#[derive(Clone, Debug)]
pub struct CardText {
    /// Where the words start.
    pub origin: egui::Vec2,
    /// The words, wrapped to the card, the first line after the chip.
    pub words: Arc<Galley>,
    /// The inline chip's box and words, if the card has one.
    pub chip: Option<(Rect, Arc<Galley>)>,
    /// The card last drawn with these words, and its mesh (see [`paint_note_with`]).
    drawn: RefCell<Option<DrawnCard>>,
}

/// Lays out a card's words at `rect` as [`paint_note`] paints them (and the layout measured
/// them): `chip`, the organisation's short name, starts the first line in a box of its own.
pub fn lay_out_card(
    painter: &Painter,
    text: &str,
    chip: Option<&str>,
    rect: Rect,
    look: CardLook,
    palette: &Palette,
) -> CardText {
    let metrics = CardMetrics::new(look.size);
    let text_rect = metrics.text_rect(rect, look.top_row());
    let width = text_rect.width();
    // A card with a top row draws its chip there ([`paint_chip`]), never inline too.
    let chip = chip.filter(|_| !look.top_row()).map(|chip| {
        let chip_width =
            painter.layout_no_wrap(chip.to_owned(), FontId::proportional(metrics.chip_size), Color32::BLACK);
        let box_width = metrics.chip_box_width(chip_width.size().x, width);
        let room = (box_width - 0.5 * look.size).max(0.0);
        let mut job =
            LayoutJob::simple(chip.to_owned(), FontId::proportional(metrics.chip_size), Color32::PLACEHOLDER, room);
        job.wrap = TextWrapping { max_width: room, max_rows: 1, break_anywhere: true, overflow_character: Some('…') };
        (box_width, metrics.chip_indent(chip_width.size().x, width), painter.layout_job(job))
    });
    let indent = chip.as_ref().map_or(0.0, |(_, indent, _)| *indent);
    let mut words = painter.layout_job(indented(card_words(text, look.size, width, look.rows, palette), indent));
    let mut chip = chip;
    if chip.is_some() && !text.trim().is_empty() && words.rows.first().is_none_or(|row| row.glyphs.len() <= 1) {
        // The first word and a "…" do not fit beside the chip on a card cut to one line (the
        // layout leaves room for them; this is for a card drawn narrower, being dragged): the
        // words alone, the organisation shown by the strip.
        chip = None;
        words = painter.layout_job(card_words(text, look.size, width, look.rows, palette));
    }
    if look.whole && words.elided {
        // Planned whole but cut on the screen: words laid out at the screen's size can come out a
        // little wider than measured at the plan's (glyphs hinted and placed on whole pixels, the
        // wrap width rounded), enough to push a word to one line more than the card has. Drawn a
        // few hundredths smaller, the promised words show; the card keeps its size.
        let indent = chip.as_ref().map_or(0.0, |(_, indent, _)| *indent);
        let smaller = WHOLE_SHRINK_STEPS.iter().find_map(|shrink| {
            let job = card_words(text, look.size * shrink, width, look.rows, palette);
            Some(painter.layout_job(indented(job, indent))).filter(|galley| !galley.elided)
        });
        if let Some(smaller) = smaller {
            words = smaller;
        }
    }
    let chip = chip.map(|(box_width, _, chip_words)| {
        let row_height = words.rows.first().map_or(look.size * 1.2, |row| row.size.y);
        let height = (chip_words.size().y + 0.15 * look.size).min(row_height);
        let top = text_rect.top() + (row_height - height) / 2.0;
        let chip_rect = Rect::from_min_size(pos2(text_rect.left(), top), vec2(box_width, height));
        (chip_rect.translate(-rect.min.to_vec2()), chip_words)
    });
    CardText { origin: text_rect.min - rect.min, words, chip, drawn: RefCell::default() }
}

/// How much smaller a card planned whole may be drawn, step by step, where its words at the
/// screen's size would not all fit ([`lay_out_card`]).
const WHOLE_SHRINK_STEPS: [f32; 4] = [0.98, 0.96, 0.94, 0.92];

/// Below this type size on the screen, words are drawn as grey lines: too small to read, and
/// skipping them keeps big workshops fast when zoomed out.
pub const WORDS_MIN_SIZE: f32 = 6.0;

/// The organisation's short name as a horizontal chip in its colour along the card's top,
/// kept inside the card (cut with "…" when the card is narrower than the name).
fn chip_on_top_row(
    painter: &mut CardShapes<'_>,
    rect: Rect,
    metrics: &CardMetrics,
    chip: &str,
    colour: Color32,
    dots: bool,
) {
    let room = metrics.chip_room(rect.width(), dots);
    let mut job =
        LayoutJob::simple(chip.to_owned(), FontId::proportional(metrics.chip_size), contrast_text(colour), room);
    job.wrap = TextWrapping { max_width: room, max_rows: 1, break_anywhere: true, overflow_character: Some('…') };
    let galley = painter.painter.layout_job(job);
    let origin = metrics.chip_origin(rect);
    let chip_rect = Rect::from_min_size(origin, galley.size() + vec2(0.6 * metrics.size, 0.2 * metrics.size));
    painter.rect_filled(chip_rect, CornerRadius::same((0.3 * metrics.size).clamp(1.0, 8.0) as u8), colour);
    painter.galley(origin + vec2(0.3 * metrics.size, 0.1 * metrics.size), galley, contrast_text(colour));
}

/// A note's words as its card lays them out: wrapped to `width` at font `size`, `rows` lines at
/// most, the rest cut with "…".
pub fn card_words(text: &str, size: f32, width: f32, rows: usize, palette: &Palette) -> LayoutJob {
    let mut job = card_job(laid_out_words(text).to_owned(), size, palette.note_text, width);
    job.wrap =
        TextWrapping {
            max_width: width, max_rows: rows.max(1), break_anywhere: false, overflow_character: Some('…')
        };
    job
}

/// What a ring's cards say, for [`plan_ring`]: each note's words, organisation and dots, and
/// each group's heading.
pub fn ring_contents<'a>(
    session: &'a Session,
    items: &[BandItem<'a>],
    dots_on: &dyn Fn(&Note) -> Option<u32>,
) -> Vec<CardContent<'a>> {
    items
        .iter()
        .map(|item| match item {
            BandItem::Heading(group, _) => {
                CardContent { words: group.display_heading(), chip: None, heading: true, dots: 0, written: 0 }
            }
            BandItem::Note(note) => CardContent {
                words: &note.text,
                chip: note
                    .organisation
                    .and_then(|id| session.organisation(id))
                    .map(crate::model::Organisation::short_label),
                heading: false,
                dots: dots_on(note).unwrap_or(0),
                written: note.created.unix_timestamp(),
            },
        })
        .collect()
}

/// Plans both rings of every prompt of `geometry` for `session` at `scale` (world units per
/// point of the type ladder), measuring with `measure`.
pub fn plan_wheel(
    session: &Session,
    geometry: &WheelGeometry,
    measure: &impl MeasureText,
    scale: f32,
    dots_on: &dyn Fn(&Note) -> Option<u32>,
) -> Vec<[RingPlan; 2]> {
    session
        .wheel
        .prompts
        .iter()
        .enumerate()
        .map(|(segment, _)| {
            [WheelBand::Assumption, WheelBand::Opportunity].map(|band| {
                plan_wheel_ring(session, &RingShape { geometry, segment, band, scale }, measure, dots_on, false)
            })
        })
        .collect()
}

/// Plans one ring of the wheel, `shape`, for `session` (as [`plan_wheel`] plans each); only
/// `quickly` ([`plan_ring_quickly`]), for a ring to show while its full plan waits.
pub fn plan_wheel_ring(
    session: &Session,
    shape: &RingShape<'_>,
    measure: &impl MeasureText,
    dots_on: &dyn Fn(&Note) -> Option<u32>,
    quickly: bool,
) -> RingPlan {
    let Some(prompt) = session.wheel.prompts.get(shape.segment) else { return RingPlan::default() };
    let notes: Vec<&Note> = session.notes_on_prompt(&prompt.key, shape.band).collect();
    let items = band_items(session, &notes);
    let contents = ring_contents(session, &items, dots_on);
    if quickly { plan_ring_quickly(shape, measure, &contents) } else { plan_ring(shape, measure, &contents) }
}

/// In place of words too small to read, a grey line or two as long as the words would be, so a
/// card with words never looks like a hidden note's blank card, and long notes look long.
fn words_stand_in(
    painter: &mut CardShapes<'_>,
    rect: Rect,
    strip: Rect,
    characters: usize,
    colour: Color32,
    zoom: f32,
) {
    let left = strip.max.x + 4.0 * zoom;
    let width = (rect.max.x - 3.0 * zoom - left).max(0.0);
    let thickness = (rect.height() * 0.14).max(1.0);
    let colour = colour.gamma_multiply(0.5);
    for (line, centre) in [0.36, 0.68].into_iter().enumerate() {
        let shown = characters.saturating_sub(line * CHARACTERS_PER_LINE).min(CHARACTERS_PER_LINE);
        if shown == 0 {
            break;
        }
        let length = width * shown as f32 / CHARACTERS_PER_LINE as f32;
        let y = rect.min.y + rect.height() * centre;
        painter.rect_filled(
            Rect::from_min_max(pos2(left, y - thickness / 2.0), pos2(left + length, y + thickness / 2.0)),
            0.0,
            colour,
        );
    }
}

/// The console's mark on a hidden note: a dashed outline and the word "Hidden" in its corner, so
/// the facilitator sees which notes the room cannot read yet.
fn hidden_mark(painter: &mut CardShapes<'_>, rect: Rect, zoom: f32, palette: &Palette) {
    let corners = [rect.left_top(), rect.right_top(), rect.right_bottom(), rect.left_bottom(), rect.left_top()];
    let stroke = Stroke::new(2.0, palette.text);
    painter.shapes.extend(Shape::dashed_line(&corners, stroke, 6.0, 4.0));
    let font = FontId::proportional((11.0 * zoom).clamp(9.0, 16.0));
    let tag = painter.painter.layout_no_wrap("Hidden".to_owned(), font, Color32::WHITE);
    let tag_rect = Rect::from_min_size(
        pos2(rect.right() - tag.size().x - 6.0, rect.top() - tag.size().y * 0.5),
        tag.size() + vec2(4.0, 0.0),
    );
    painter.rect_filled(tag_rect, CornerRadius::same(3), Color32::from_gray(60));
    painter.galley(tag_rect.min + vec2(2.0, 0.0), tag, Color32::WHITE);
}

/// The group's colour round a grouped note, tying it to its heading.
pub fn paint_group_ring(painter: &Painter, rect: Rect, tint: Color32, zoom: f32) {
    let stroke = Stroke::new((3.0 * zoom).clamp(1.5, 5.0), tint);
    painter.rect_stroke(rect.expand(1.0), CornerRadius::same(6), stroke, StrokeKind::Outside);
}

/// The chip of a ring too full to show every note: how many more, "+3 more", at the ring's type
/// size (`size`, on the screen).
pub fn paint_more(painter: &Painter, rect: Rect, label: String, size: f32, projected: bool, palette: &Palette) {
    painter.rect(rect, CornerRadius::same(6), palette.lines, Stroke::NONE, StrokeKind::Inside);
    painter.text(
        rect.center(),
        Align2::CENTER_CENTER,
        label,
        FontId::proportional(size),
        // The projector's dark theme draws the chip light, so its words turn dark.
        if projected { contrast_text(palette.lines) } else { Color32::WHITE },
    );
}

/// The key to the rings in the guide's words, swatch and words for each ring, from `left_top`
/// along a line (`scale` times the normal size), starting a new line rather than passing `right`.
/// Returns the bottom of the last line.
pub fn paint_ring_key(
    painter: &Painter,
    left_top: Pos2,
    right: f32,
    scale: f32,
    palette: &Palette,
    plate: Option<Color32>,
) -> f32 {
    ring_key(painter, left_top, right, scale, Some((palette, plate)))
}

/// Where the bottom of [`paint_ring_key`]'s key would be, without painting it: the canvas fits
/// the wheel below it.
pub fn ring_key_bottom(painter: &Painter, left_top: Pos2, right: f32, scale: f32) -> f32 {
    ring_key(painter, left_top, right, scale, None)
}

/// Lays out the key to the rings, and paints it in `palette` when given one, each entry on a
/// plate of the given colour if any (where the wheel may be panned under it).
fn ring_key(
    painter: &Painter,
    left_top: Pos2,
    right: f32,
    scale: f32,
    palette: Option<(&Palette, Option<Color32>)>,
) -> f32 {
    let font = FontId::proportional(19.0 * scale);
    let (assumptions, opportunities) = &prompt_wheel().headings;
    let (mut left, mut top) = (left_top.x, left_top.y);
    let mut bottom = top;
    let (assumption, opportunity) =
        palette.map_or((Color32::WHITE, Color32::WHITE), |(palette, _)| (palette.assumption, palette.opportunity));
    for (fill, words) in
        [(assumption, format!("Inner ring: {assumptions}")), (opportunity, format!("Outer ring: {opportunities}"))]
    {
        let text =
            painter.layout_no_wrap(words, font.clone(), palette.map_or(Color32::WHITE, |(palette, _)| palette.text));
        let width = 36.0 * scale + text.size().x;
        if left > left_top.x && left + width > right {
            left = left_top.x;
            top += 30.0 * scale;
        }
        let swatch = Rect::from_min_size(pos2(left, top), vec2(26.0, 22.0) * scale);
        let words = Rect::from_min_size(swatch.right_center() + vec2(10.0, -text.size().y / 2.0), text.size());
        if let Some((palette, plate)) = palette {
            if let Some(plate) = plate {
                painter.rect_filled(swatch.union(words).expand2(vec2(8.0, 4.0) * scale), 6, plate);
            }
            painter.rect(swatch, CornerRadius::same(4), fill, Stroke::new(1.5, palette.lines), StrokeKind::Inside);
            painter.galley(words.min, text, palette.text);
        }
        left = words.right() + 28.0;
        bottom = swatch.bottom().max(words.bottom());
    }
    bottom
}

/// Which band of the two a list of band slots is for, as an index.
pub fn band_index(band: WheelBand) -> usize {
    match band {
        WheelBand::Assumption => 0,
        WheelBand::Opportunity => 1,
    }
}
