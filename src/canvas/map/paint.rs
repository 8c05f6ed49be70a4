//! Drawing the laid-out map: bands with the guide's stages and examples, links styled by kind,
//! leader lines and dots, note cards with their organisation and status. The screen, the
//! projection and the exported picture all paint through here; what differs between them is a
//! [`MapLook`] (palette, view, selection, what the pointer is over), not a second painter.

use super::geometry::{ArcShape, BAND_WIDTH, curve_between, curve_polyline};
use super::scene::{DOT_RADIUS, MARKER_RADIUS, PlacedLink, PlacedNote, STATUS_HEIGHT, STRIPE_WIDTH, Scene};
use super::style::{
    MapPalette, link_shapes, organisation_fill, overview_link_shape, paint_status_icon, status_of_kind,
};
use super::text::{
    CARD_TEXT_WIDTH, EXAMPLE_SIZE, SMALL_TEXT_SIZE, STAGE_SIZE, card_text, stage_examples, stage_text_width, tags_line,
    title_galley, wrapped,
};
use crate::canvas::map::scene::CARD_PADDING;
use crate::canvas::marks::{group_tint, paint_dot_badge, paint_heading_card};
use crate::canvas::viewport::Viewport;
use crate::guide::map::{ArcContent, needs_map};
use crate::model::{GroupId, LinkId, LinkKind, MapArc, NoteId, Session, VoteId};
use egui::epaint::{CornerRadius, TextShape};
use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2};

/// Below this zoom the map is drawn in less detail: cards without their words (which would be
/// under six points high), links without their markers, dots without handles. Everything keeps
/// its place, colour and status, so the shape of a large map still reads.
pub const DETAIL_ZOOM: f32 = 0.3;

/// At most this many links crossing the screen are drawn in full (dashes or dots, and a marker
/// each), at most this many leader lines crossing it are all drawn, and at most this many dots on
/// it are ringed circles. Beyond that the map is drawn as below [`DETAIL_ZOOM`]: links as thin
/// lines in their kind's colour, only the leaders of the cards on screen, and dots as two discs.
/// So many markers would cover each other in a heap nobody could
/// read or aim at, and so many lines would be a grey mass; zoomed into a 10,000-note map, where
/// thousands of both cross the screen, they handed a software rasteriser 1.7 million triangles
/// and 157 million pixels a frame and took the app's memory from 0.3 to 1.7 GB (thousands of
/// dots packed along the arcs, each a ring of a hundred triangles, were half of the triangles). A workshop's map
/// (a few hundred notes and links) is always drawn in full when zoomed in.
pub const CROWDED: usize = 400;

/// The largest a dot is drawn, ring and all, where dots crowd the screen (points).
const CROWDED_DOT_RADIUS: f32 = 6.5;

/// How much of the map is drawn: everything at or above [`DETAIL_ZOOM`] where few enough lines
/// cross the screen, less where the map crowds it (see [`CROWDED`]). The screen works it out for
/// each view with [`MapDetail::for_screen`]; a picture draws everything ([`MapDetail::FULL`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MapDetail {
    /// Whether links are drawn in full, with their markers, or as thin lines in their kind's colour.
    pub links_in_full: bool,
    /// Whether every leader line is drawn, or only those of cards on screen.
    pub every_leader: bool,
    /// Whether each note's dot is drawn as a ringed circle, or as two discs, the ring's colour
    /// under the fill's (see `dot_shapes`).
    pub ringed_dots: bool,
}

impl MapDetail {
    /// Everything drawn: a picture, the record, shows every link and leader as it is.
    pub const FULL: Self = Self { links_in_full: true, every_leader: true, ringed_dots: true };

    /// How much of `scene` is drawn on `screen` at `view`. Lines are counted by the box round
    /// each, which holds it; counting stops at the first past [`CROWDED`].
    pub fn for_screen(scene: &Scene<'_>, view: &Viewport, screen: Rect) -> Self {
        if view.zoom < DETAIL_ZOOM {
            return Self { links_in_full: false, every_leader: false, ringed_dots: false };
        }
        let in_world = view.rect_to_world(screen);
        let crossing = |points: &[Pos2]| Rect::from_points(points).intersects(in_world);
        let crowded = |count: usize| count > CROWDED;
        let links = scene.links.iter().filter(|placed| crossing(&placed.curve)).take(CROWDED + 1).count();
        let leaders = scene.notes.iter().filter(|placed| crossing(&placed.leader)).take(CROWDED + 1).count();
        let dots = scene.notes.iter().filter(|placed| in_world.contains(placed.leader[2])).take(CROWDED + 1).count();
        Self { links_in_full: !crowded(links), every_leader: !crowded(leaders), ringed_dots: !crowded(dots) }
    }
}

/// What is selected on the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapSelection {
    /// A need or a source of help.
    Note(NoteId),
    /// A link between them.
    Link(LinkId),
}

/// How the map is painted: the one place where the console, the projection and the exported
/// picture differ.
#[derive(Clone, Copy, Debug)]
pub struct MapLook {
    /// The colours.
    pub palette: MapPalette,
    /// Where the map sits on the painter, and how large.
    pub view: Viewport,
    /// What is selected: drawn outlined, its links in full and the others faded.
    pub selection: Option<MapSelection>,
    /// The vote whose totals the notes show, if any.
    pub shown_vote: Option<VoteId>,
    /// How hidden notes are drawn.
    pub hidden: HiddenNotes,
    /// Whether an empty map says how to put a note on it (the console and the projection do; a
    /// picture does not, since nobody can click it).
    pub empty_hint: bool,
    /// Below [`DETAIL_ZOOM`], the part of the screen whose cards have their leaders drawn; `None`
    /// for the painter's clip (the screen). The console's kept tiles reach beyond the screen,
    /// and give the screen here so that they show the leaders the screen would.
    pub leaders_within: Option<Rect>,
    /// How much of a crowded map is drawn.
    pub detail: MapDetail,
}

/// How a hidden note is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HiddenNotes {
    /// With its words, marked "Hidden" (the facilitator's console).
    Marked,
    /// As a blank card until revealed (the projection).
    Blank,
    /// As any other note (a picture, made from the session as revealed).
    Shown,
}

/// What the pointer and the keyboard are on, for the console's highlights; a picture and the
/// projection have none of it.
#[derive(Clone, Debug, Default)]
pub struct Highlights {
    /// The links whose marker the pointer is over, drawn emphasised.
    pub hovered_links: Vec<LinkId>,
    /// The note with keyboard focus.
    pub focused_note: Option<NoteId>,
    /// The note under the pointer.
    pub hovered_note: Option<NoteId>,
    /// The notes whose dot is under the pointer or being dragged.
    pub hovered_dots: Vec<NoteId>,
    /// The group heading under the pointer, focused or dragged.
    pub highlighted_group: Option<GroupId>,
    /// A link being drawn out of a note's dot, and where the pointer is (screen points).
    pub link_drag: Option<(NoteId, Pos2)>,
}

/// Paints everything beneath the links: the background, the bands, the groups' washes, the
/// leader lines, the stages' words and the titles.
pub fn paint_beneath_links(painter: &Painter, session: &Session, scene: &Scene<'_>, look: &MapLook) {
    let (view, palette) = (look.view, look.palette);
    painter.rect_filled(painter.clip_rect(), 0.0, palette.background);
    let content = needs_map();
    for arc in [MapArc::Need, MapArc::Help] {
        paint_band(painter, &view, scene.frame.arc(arc), content.arc(arc), palette);
    }
    for placed in &scene.groups {
        // A faint wash in the group's colour behind its heading and notes.
        let frame = view.rect_to_screen(placed.frame);
        let tint = group_tint(session, placed.group.id);
        painter.rect(
            frame,
            10.0 * view.zoom,
            tint.gamma_multiply(0.25),
            Stroke::new(3.0 * view.zoom.max(0.5), tint),
            StrokeKind::Inside,
        );
    }
    for placed in &scene.notes {
        let only_within =
            (!look.detail.every_leader).then(|| look.leaders_within.unwrap_or_else(|| painter.clip_rect()));
        paint_leader(painter, &view, placed, palette, only_within);
    }
    for arc in [MapArc::Need, MapArc::Help] {
        paint_stages(painter, &view, scene.frame.arc(arc), content.arc(arc), palette);
    }
    if scene.notes.is_empty() && look.empty_hint {
        let hint = "Double-click an arc to put a note there, or use “Add a need” (N) and “Add a source of help” (H).";
        let mut job = LayoutJob::simple(
            hint.to_owned(),
            FontId::proportional(24.0 * view.zoom),
            palette.quiet,
            1000.0 * view.zoom,
        );
        job.halign = egui::Align::Center;
        let galley = painter.layout_job(job);
        // A centred galley's rows are centred on its own x = 0.
        let middle = view.to_screen(scene.frame.centre());
        painter.galley(middle - vec2(0.0, galley.size().y / 2.0), galley, palette.quiet);
    }
    for (arc, rect) in scene.titles {
        let galley = title_galley(painter, arc, palette, view.zoom);
        // A right-aligned galley's rows end at its own x = 0, so it is placed by its right edge.
        let anchor = view.to_screen(pos2(rect.right(), rect.top()));
        painter.galley(anchor, galley, palette.text);
    }
}

/// The shapes of every link at its usual emphasis (faded when a note is selected that it does not
/// touch) and every note's dot, in the part `covers` of the painter. The screen keeps these as
/// one mesh between frames (see [`super::mesh`]); a picture paints them as they are.
pub fn link_and_dot_shapes(session: &Session, scene: &Scene<'_>, look: &MapLook, covers: Rect) -> Vec<Shape> {
    link_and_dot_shape_groups(session, scene, look, covers, DotDiscs::FromFontTexture).into_iter().flatten().collect()
}

/// How the tessellator draws small filled discs, which decides how a small dot is drawn best
/// (see `dot_shapes`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DotDiscs {
    /// From egui's font texture, a square each (egui's own tessellation).
    FromFontTexture,
    /// As polygons (the links' buffers on the graphics card, which have no font texture).
    AsPolygons,
}

/// The shapes of [`link_and_dot_shapes`], in the same order, one group for each link and one for
/// each dot, so the kept mesh can be cut into runs of neighbours that are culled together.
pub fn link_and_dot_shape_groups(
    session: &Session,
    scene: &Scene<'_>,
    look: &MapLook,
    covers: Rect,
    discs: DotDiscs,
) -> Vec<Vec<Shape>> {
    let (view, palette) = (look.view, look.palette);
    let selected_note = selected_note(look);
    let links = scene
        .links
        .iter()
        .filter(|placed| Rect::from_points(&placed.curve.map(|point| view.to_screen(point))).intersects(covers))
        .map(|placed| {
            let touches_selection = selected_note.is_none_or(|id| placed.link.need == id || placed.link.help == id);
            let emphasis = if touches_selection { LinkEmphasis::Normal } else { LinkEmphasis::Faded };
            link_shapes_of(&view, placed, emphasis, palette, look.detail.links_in_full)
        });
    let dots = scene
        .notes
        .iter()
        .filter_map(|placed| dot_shapes(&view, placed, session, palette, covers, (discs, look.detail.ringed_dots)));
    links.chain(dots).collect()
}

/// The selected note, whose links are drawn in full and the others faded.
pub fn selected_note(look: &MapLook) -> Option<NoteId> {
    match look.selection {
        Some(MapSelection::Note(id)) => Some(id),
        _ => None,
    }
}

/// Paints everything above the links: emphasised links, a link being drawn, the cards, the
/// group headings, the dots' handles and the links' markers. Only what is on the painter is
/// drawn, and markers only where the links are drawn in full.
pub fn paint_above_links(
    painter: &Painter,
    session: &Session,
    scene: &Scene<'_>,
    look: &MapLook,
    highlights: &Highlights,
) {
    let (view, palette) = (look.view, look.palette);
    let screen = painter.clip_rect();
    let on_screen =
        |points: &[Pos2; 4]| Rect::from_points(&points.map(|point| view.to_screen(point))).intersects(screen);
    for placed in &scene.links {
        let selected = look.selection == Some(MapSelection::Link(placed.link.id));
        // A Bézier curve lies within its control points, so a link whose control points are all
        // off screen on one side is not drawn.
        if (selected || highlights.hovered_links.contains(&placed.link.id)) && on_screen(&placed.curve) {
            painter.extend(link_shapes_of(&view, placed, LinkEmphasis::Strong, palette, look.detail.links_in_full));
        }
    }

    paint_link_drag(painter, scene, &view, palette, highlights);

    let shown_vote = look.shown_vote.and_then(|vote| session.vote(vote));
    for placed in &scene.notes {
        // Folded away in its group, or off screen: nothing to draw.
        if !placed.shown || !view.rect_to_screen(placed.card).intersects(screen) {
            continue;
        }
        let id = placed.note.id;
        let outline = if look.selection == Some(MapSelection::Note(id)) {
            Outline::Selected
        } else if highlights.focused_note == Some(id) {
            Outline::Focused
        } else if highlights.hovered_note == Some(id) {
            Outline::Hovered
        } else {
            Outline::None
        };
        if placed.note.hidden && look.hidden == HiddenNotes::Blank {
            paint_blank_card(painter, &view, placed, outline == Outline::Selected, palette);
            continue;
        }
        paint_card(painter, &view, session, placed, outline, palette);
        if placed.note.hidden && look.hidden == HiddenNotes::Marked {
            paint_hidden_mark(painter, &view, placed, palette);
        }
        let dots = shown_vote.map_or(0, |vote| vote.dots_on(id));
        if dots > 0 {
            paint_dot_badge(painter, view.rect_to_screen(placed.card), dots, view.zoom);
        }
    }
    for placed in &scene.groups {
        let heading = view.rect_to_screen(placed.heading);
        if !heading.intersects(screen) {
            continue;
        }
        let tint = group_tint(session, placed.group.id);
        let highlighted = highlights.highlighted_group == Some(placed.group.id);
        paint_heading_card(painter, heading, placed.group, placed.count, tint, view.zoom, highlighted);
    }
    paint_dot_handles(painter, scene, &view, palette, highlights);
    if look.detail.links_in_full {
        for placed in &scene.links {
            let marker =
                Rect::from_center_size(view.to_screen(placed.marker), Vec2::splat(2.0 * MARKER_RADIUS * view.zoom));
            if !marker.expand(2.0 * view.zoom).intersects(screen) {
                continue;
            }
            let selected = look.selection == Some(MapSelection::Link(placed.link.id));
            let strong = selected || highlights.hovered_links.contains(&placed.link.id);
            paint_marker(painter, &view, placed, strong, palette);
        }
    }
}

/// Paints only what the pointer and the keyboard add to a map already painted by
/// [`paint_above_links`] without highlights (the console keeps that picture between frames while
/// nothing in it changes): emphasised links and their markers, a link being drawn, the focus and
/// hover outlines of cards, the highlighted group heading and the dots' handles.
pub fn paint_highlights(
    painter: &Painter,
    session: &Session,
    scene: &Scene<'_>,
    look: &MapLook,
    highlights: &Highlights,
) {
    let (view, palette) = (look.view, look.palette);
    let screen = painter.clip_rect();
    let hovered_links = || scene.links.iter().filter(|placed| highlights.hovered_links.contains(&placed.link.id));
    for placed in hovered_links() {
        if Rect::from_points(&placed.curve.map(|point| view.to_screen(point))).intersects(screen) {
            painter.extend(link_shapes_of(&view, placed, LinkEmphasis::Strong, palette, look.detail.links_in_full));
        }
    }
    paint_link_drag(painter, scene, &view, palette, highlights);
    for (id, outline) in [(highlights.hovered_note, Outline::Hovered), (highlights.focused_note, Outline::Focused)] {
        let Some(placed) = id.and_then(|id| scene.note(id)) else { continue };
        if !placed.shown || look.selection == Some(MapSelection::Note(placed.note.id)) {
            continue;
        }
        let radius = (6.0 * view.zoom).clamp(2.0, 255.0) as u8;
        outline_card(painter, view.rect_to_screen(placed.card), radius, outline, palette);
    }
    let group = highlights.highlighted_group.and_then(|id| scene.groups.iter().find(|placed| placed.group.id == id));
    if let Some(placed) = group {
        let tint = group_tint(session, placed.group.id);
        let heading = view.rect_to_screen(placed.heading);
        paint_heading_card(painter, heading, placed.group, placed.count, tint, view.zoom, true);
    }
    paint_dot_handles(painter, scene, &view, palette, highlights);
    if look.detail.links_in_full {
        for placed in hovered_links() {
            paint_marker(painter, &view, placed, true, palette);
        }
    }
}

/// A link being drawn out of a note's dot, and the outline of the note it would reach.
fn paint_link_drag(
    painter: &Painter,
    scene: &Scene<'_>,
    view: &Viewport,
    palette: MapPalette,
    highlights: &Highlights,
) {
    if let Some((from, pointer)) = highlights.link_drag
        && let Some(placed) = scene.note(from)
    {
        let shape = scene.frame.arc(placed.arc);
        let start = view.to_screen(shape.link_anchor(placed.along));
        let curve = curve_between(start, -shape.outward_at(placed.along), pointer, shape.outward_at(placed.along));
        let points = curve_polyline(&curve, 32);
        painter.add(Shape::line(points, Stroke::new(4.0, palette.selection)));
        let other_arc = match placed.arc {
            MapArc::Need => MapArc::Help,
            MapArc::Help => MapArc::Need,
        };
        if let Some(target) = scene.note_at(view.to_world(pointer), other_arc) {
            let card = view.rect_to_screen(target.card).expand(4.0);
            painter.rect_stroke(card, 10.0, Stroke::new(4.0, palette.selection), StrokeKind::Outside);
        }
    }
}

/// The rings round the dots under the pointer or being dragged.
fn paint_dot_handles(
    painter: &Painter,
    scene: &Scene<'_>,
    view: &Viewport,
    palette: MapPalette,
    highlights: &Highlights,
) {
    for placed in scene.notes.iter().filter(|placed| highlights.hovered_dots.contains(&placed.note.id)) {
        let centre = view.to_screen(scene.frame.arc(placed.arc).link_anchor(placed.along));
        painter.circle_stroke(centre, (DOT_RADIUS + 5.0) * view.zoom, Stroke::new(3.0, palette.selection));
    }
}

fn paint_band(painter: &Painter, view: &Viewport, shape: &ArcShape, content: &ArcContent, palette: MapPalette) {
    let points: Vec<Pos2> = (0..=64).map(|step| view.to_screen(shape.point_at(step as f32 / 64.0))).collect();
    painter.add(Shape::line(points, Stroke::new(BAND_WIDTH * view.zoom, palette.band(shape.arc))));
    for stage in content.stages.iter().filter(|stage| stage.from > 0.0) {
        // A notch in the band where one stage of the continuum gives way to the next.
        let centre = shape.point_at(stage.from);
        let across = shape.outward_at(stage.from) * (BAND_WIDTH / 2.0 + 1.0);
        let ends = [view.to_screen(centre - across), view.to_screen(centre + across)];
        painter.line_segment(ends, Stroke::new(3.0 * view.zoom, palette.background));
    }
}

/// Each stage's name and the guide's examples for it, written inside the band along the arc.
fn paint_stages(painter: &Painter, view: &Viewport, shape: &ArcShape, content: &ArcContent, palette: MapPalette) {
    for (index, stage) in content.stages.iter().enumerate() {
        let middle = stage.middle();
        let width = stage_text_width(shape, stage) * view.zoom;
        let examples = stage_examples(shape.arc, index, stage);
        let format = |size: f32, color: Color32| TextFormat {
            font_id: FontId::proportional(size * view.zoom),
            color,
            ..TextFormat::default()
        };
        let mut job = LayoutJob::default();
        job.append(&stage.label, 0.0, format(STAGE_SIZE, palette.text));
        job.append(&format!("\n{examples}"), 0.0, format(EXAMPLE_SIZE, palette.band_text_quiet(shape.arc)));
        job.wrap = TextWrapping { max_width: width, max_rows: 5, ..TextWrapping::default() };
        job.halign = egui::Align::Center;
        let galley = painter.layout_job(job);
        let angle = shape.tangent_at(middle).angle();
        let centre = view.to_screen(shape.point_at(middle));
        // A centred galley's rows are centred on its own x = 0.
        let pos = centre - vec2(0.0, galley.size().y / 2.0);
        painter.add(TextShape::new(pos, galley, palette.text).with_angle_and_anchor(angle, Align2::CENTER_CENTER));
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LinkEmphasis {
    Faded,
    Normal,
    Strong,
}

/// The shapes a link is drawn with on screen: in full (see [`MapDetail`]) or as a thin line.
fn link_shapes_of(
    view: &Viewport,
    placed: &PlacedLink<'_>,
    emphasis: LinkEmphasis,
    palette: MapPalette,
    in_full: bool,
) -> Vec<Shape> {
    let kind = placed.link.kind;
    let mut colour = palette.link(kind);
    if emphasis == LinkEmphasis::Faded {
        colour = colour.gamma_multiply(0.25);
    }
    let curve = placed.curve.map(|point| view.to_screen(point));
    // Forty straight pieces make a smooth curve. Zoomed far out, or crowded, a link is a thin
    // line among hundreds, and a piece every twenty-four points looks as smooth (the links' gentle curves
    // sag well under a pixel over that length) while giving a software rasteriser half the
    // triangles to set up.
    let segments = if in_full {
        40
    } else {
        // Measured along the curve itself (four pieces of it): its control points stand well
        // off it, so the control polygon overstates a short link several times.
        let length: f32 = curve_polyline(&curve, 4).windows(2).map(|pair| pair[0].distance(pair[1])).sum();
        // Twenty at most: zoomed in, a crowded link can be screens long, but the links' gentle
        // curves sag under half a pixel over a twentieth of two thousand points.
        ((length / 24.0).ceil() as usize).clamp(3, 20)
    };
    let points = curve_polyline(&curve, segments);
    let mut shapes = Vec::new();
    if emphasis == LinkEmphasis::Strong {
        let halo = Stroke::new(12.0 * view.zoom.max(0.5), palette.selection.gamma_multiply(0.45));
        shapes.push(Shape::line(points.clone(), halo));
    } else if !in_full {
        shapes.push(overview_link_shape(points, kind, colour));
        return shapes;
    }
    shapes.extend(link_shapes(&points, kind, colour, view.zoom));
    shapes
}

/// The marker in a link's middle: a drawn tick or plus in a disc, or the word "gap", so the kind
/// reads without colour and the link has something to click.
fn paint_marker(painter: &Painter, view: &Viewport, placed: &PlacedLink<'_>, strong: bool, palette: MapPalette) {
    let kind = placed.link.kind;
    let colour = palette.link(kind);
    let centre = view.to_screen(placed.marker);
    let radius = MARKER_RADIUS * view.zoom;
    let stroke = Stroke::new(if strong { 4.0 } else { 2.0 } * view.zoom.max(0.5), colour);
    if kind == LinkKind::Gap {
        let galley = wrapped(painter, "gap", 15.0 * view.zoom, colour, f32::INFINITY, 1);
        let chip = Rect::from_center_size(centre, vec2(galley.size().x + 12.0 * view.zoom, 2.0 * radius));
        painter.rect(chip, radius, palette.background, stroke, StrokeKind::Inside);
        painter.galley(centre - galley.size() / 2.0, galley, colour);
    } else {
        painter.circle(centre, radius, palette.background, stroke);
        let icon = Rect::from_center_size(centre, Vec2::splat(radius * 1.1));
        paint_status_icon(painter, icon, status_of_kind(kind), colour);
    }
}

/// The line from a card to its spot on the arc, carried faintly across the band to the dot its
/// links leave from, under the band's writing; with `only_within`, only if its card's end is
/// there.
fn paint_leader(
    painter: &Painter,
    view: &Viewport,
    placed: &PlacedNote<'_>,
    palette: MapPalette,
    only_within: Option<Rect>,
) {
    let width = 2.0 * view.zoom.max(0.5);
    let [start, band_edge, anchor] = placed.leader.map(|point| view.to_screen(point));
    if !Rect::from_points(&[start, anchor]).intersects(painter.clip_rect()) {
        return;
    }
    // Zoomed far out, or where the map crowds the screen, the leaders of cards stacked off
    // screen cross the canvas by the thousand on top of each other (at 10,000 notes some 70
    // million pixels a frame for a software rasteriser, against 2.6 million for all of egui's
    // demo); their dots stay, and the leaders come with their cards into view.
    if only_within.is_some_and(|within| !within.contains(start)) {
        return;
    }
    painter.line_segment([start, band_edge], Stroke::new(width, palette.quiet));
    painter.line_segment([band_edge, anchor], Stroke::new(width, palette.quiet.gamma_multiply(0.35)));
}

/// The dot a note's links leave from, in the organisation's colour with a ring round it, if it
/// is within `region`. Unless `ringed` (below [`DETAIL_ZOOM`], where a dot is a few pixels
/// across, or where dots crowd the screen: see [`MapDetail`]), it is two discs, the ring's colour
/// under the fill's, which look the same: egui draws a small filled disc from its font texture
/// as one square, where a ring is a feathered path of fifty to a hundred triangles, and at
/// 10,000 notes the rings were over half the triangles of the layer of links and dots. Where
/// `discs` are polygons the ring is kept: two polygons are more.
fn dot_shapes(
    view: &Viewport,
    placed: &PlacedNote<'_>,
    session: &Session,
    palette: MapPalette,
    region: Rect,
    (discs, ringed): (DotDiscs, bool),
) -> Option<Vec<Shape>> {
    let centre = view.to_screen(placed.leader[2]);
    let radius = DOT_RADIUS * view.zoom;
    if !Rect::from_center_size(centre, Vec2::splat(2.0 * radius + 4.0)).intersects(region) {
        return None;
    }
    let fill =
        organisation_fill(placed.note.organisation.and_then(|id| session.organisation(id)).map(|org| org.colour));
    let ring = Stroke::new(2.0 * view.zoom.max(0.5), palette.text);
    if !ringed && discs == DotDiscs::FromFontTexture && fill.is_opaque() {
        // Where dots crowd the screen zoomed in, they are drawn no larger than the font
        // texture's largest disc (eight pixels, less egui's margin for a crisp edge): larger, a
        // disc is a polygon of a hundred triangles, and they would cover each other anyway.
        let scale = if view.zoom < DETAIL_ZOOM { 1.0 } else { (CROWDED_DOT_RADIUS / (radius + ring.width)).min(1.0) };
        // egui strokes a circle outside its radius.
        return Some(vec![
            Shape::circle_filled(centre, (radius + ring.width) * scale, ring.color),
            Shape::circle_filled(centre, radius * scale, fill),
        ]);
    }
    Some(vec![Shape::Circle(egui::epaint::CircleShape { center: centre, radius, fill, stroke: ring })])
}

fn paint_card(
    painter: &Painter,
    view: &Viewport,
    session: &Session,
    placed: &PlacedNote<'_>,
    outline: Outline,
    palette: MapPalette,
) {
    let zoom = view.zoom;
    let card = view.rect_to_screen(placed.card);
    let radius = (6.0 * zoom).clamp(2.0, 255.0) as u8;
    let note = placed.note;
    let border = match placed.status {
        Some(status) if status.is_unmet() => Stroke::new(3.0 * zoom.max(0.5), palette.status(status).0),
        _ => Stroke::new(1.0, palette.quiet.gamma_multiply(0.6)),
    };
    painter.rect_filled(card, radius, palette.paper(placed.arc));
    let organisation = note.organisation.and_then(|id| session.organisation(id));
    let stripe = Rect::from_min_size(card.min, vec2(STRIPE_WIDTH * zoom, card.height()));
    painter.rect_filled(
        stripe,
        CornerRadius { nw: radius, sw: radius, ne: 0, se: 0 },
        organisation_fill(organisation.map(|org| org.colour)),
    );

    if zoom < DETAIL_ZOOM {
        // Too small to read: the card's paper, organisation, status colour and outline only.
        if let Some(status) = placed.status {
            let strip = Rect::from_min_max(pos2(stripe.right(), card.bottom() - STATUS_HEIGHT * zoom), card.max);
            painter.rect_filled(strip, CornerRadius { nw: 0, ne: 0, sw: 0, se: radius }, palette.status(status).0);
        }
        painter.rect_stroke(card, radius, border, StrokeKind::Inside);
        outline_card(painter, card, radius, outline, palette);
        return;
    }
    let inner_left = card.left() + (STRIPE_WIDTH + CARD_PADDING) * zoom;
    // A little extra width, so rounding at this zoom never wraps into more rows than were
    // measured when the card was sized.
    let text_width = CARD_TEXT_WIDTH * zoom * 1.03;
    let text = card_text(painter, session, note, palette, zoom, text_width, placed.text_rows);
    let mut cursor = pos2(inner_left, card.top() + CARD_PADDING * zoom);
    let text_height = text.size().y;
    painter.galley(cursor, text, palette.text);
    cursor.y += text_height;
    if placed.has_tags {
        cursor.y += 4.0 * zoom;
        let tags = wrapped(painter, &tags_line(note), SMALL_TEXT_SIZE * zoom, palette.quiet, text_width, 2);
        painter.galley(cursor, tags, palette.quiet);
    }

    if let Some(status) = placed.status {
        let (fill, ink) = palette.status(status);
        let strip = Rect::from_min_max(pos2(stripe.right(), card.bottom() - STATUS_HEIGHT * zoom), card.max);
        painter.rect_filled(strip, CornerRadius { nw: 0, ne: 0, sw: 0, se: radius }, fill);
        let icon_size = STATUS_HEIGHT * 0.55 * zoom;
        let icon = Rect::from_center_size(
            pos2(strip.left() + CARD_PADDING * zoom + icon_size / 2.0, strip.center().y),
            Vec2::splat(icon_size),
        );
        paint_status_icon(painter, icon, status, ink);
        let words = wrapped(painter, status.label(), (SMALL_TEXT_SIZE + 1.0) * zoom, ink, strip.width(), 1);
        painter.galley(pos2(icon.right() + 6.0 * zoom, strip.center().y - words.size().y / 2.0), words, ink);
    }
    painter.rect_stroke(card, radius, border, StrokeKind::Inside);
    outline_card(painter, card, radius, outline, palette);
}

/// The outline round a card: the selection, else the keyboard's place, else the pointer's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outline {
    None,
    Selected,
    Focused,
    Hovered,
}

/// The selection, keyboard focus or hover outline round a card.
fn outline_card(painter: &Painter, card: Rect, radius: u8, outline: Outline, palette: MapPalette) {
    match outline {
        Outline::Selected => {
            painter.rect_stroke(card.expand(3.0), radius, Stroke::new(4.0, palette.selection), StrokeKind::Outside);
        }
        // The keyboard's place, told apart from the selection by weight and colour.
        Outline::Focused => {
            painter.rect_stroke(card.expand(3.0), radius, Stroke::new(2.0, palette.text), StrokeKind::Outside);
        }
        // Grey, not the selection's colour: with the pointer left resting on one card while the
        // keyboard selects another, two cards in that colour read as two selected.
        Outline::Hovered => {
            painter.rect_stroke(card.expand(2.0), radius, Stroke::new(2.0, palette.quiet), StrokeKind::Outside);
        }
        Outline::None => {}
    }
}

/// A hidden note on the projection: a card with nothing on it until the facilitator reveals it.
fn paint_blank_card(painter: &Painter, view: &Viewport, placed: &PlacedNote<'_>, selected: bool, palette: MapPalette) {
    let card = view.rect_to_screen(placed.card);
    let radius = (6.0 * view.zoom).clamp(2.0, 255.0) as u8;
    painter.rect(card, radius, palette.paper(placed.arc), Stroke::new(2.0, palette.quiet), StrokeKind::Inside);
    if selected {
        painter.rect_stroke(card.expand(3.0), radius, Stroke::new(4.0, palette.selection), StrokeKind::Outside);
    }
}

/// The console's mark on a hidden note: a dashed outline and "Hidden" in its corner.
fn paint_hidden_mark(painter: &Painter, view: &Viewport, placed: &PlacedNote<'_>, palette: MapPalette) {
    let card = view.rect_to_screen(placed.card).expand(1.0);
    let corners = [card.left_top(), card.right_top(), card.right_bottom(), card.left_bottom(), card.left_top()];
    painter.extend(Shape::dashed_line(&corners, Stroke::new(2.5, palette.text), 7.0, 5.0));
    let tag = wrapped(painter, "Hidden", 13.0 * view.zoom.max(0.7), Color32::WHITE, f32::INFINITY, 1);
    let tag_rect = Rect::from_min_size(
        pos2(card.right() - tag.size().x - 14.0, card.top() - tag.size().y / 2.0),
        tag.size() + vec2(8.0, 0.0),
    );
    painter.rect_filled(tag_rect, 3.0, Color32::from_gray(60));
    painter.galley(tag_rect.min + vec2(4.0, 0.0), tag, Color32::WHITE);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canvas::map::scene::SceneCache;
    use crate::model::synthetic_session;

    /// The window's canvas on a 1920×1080 screen, roughly.
    fn screen() -> Rect {
        Rect::from_min_size(pos2(0.0, 300.0), vec2(1560.0, 560.0))
    }

    /// Runs `check` with `session`'s map laid out as the console lays it out.
    fn with_scene(session: &Session, check: impl FnOnce(&Scene<'_>)) {
        let ctx = egui::Context::default();
        let mut check = Some(check);
        let _ = ctx.run_ui(egui::RawInput::default(), |ui| {
            let palette = MapPalette::for_theme(false);
            let mut cache = SceneCache::default();
            let width = cache.best_arc_width(ui.painter(), session, 0, palette, screen());
            let scene = cache.scene(ui.painter(), session, 0, palette, width);
            if let Some(check) = check.take() {
                check(&scene);
            }
        });
    }

    /// The view at `zoom` with the middle of the map in the middle of the screen.
    fn centred(scene: &Scene<'_>, zoom: f32) -> Viewport {
        Viewport { zoom, origin: screen().center() - scene.frame.centre().to_vec2() * zoom }
    }

    /// How many links cross the screen at `view` (by the box round each).
    fn links_crossing(scene: &Scene<'_>, view: Viewport) -> usize {
        let on_screen = |placed: &&PlacedLink<'_>| {
            Rect::from_points(&placed.curve.map(|point| view.to_screen(point))).intersects(screen())
        };
        scene.links.iter().filter(on_screen).count()
    }

    fn look(view: Viewport, detail: MapDetail) -> MapLook {
        MapLook {
            palette: MapPalette::for_theme(false),
            view,
            selection: None,
            shown_vote: None,
            hidden: HiddenNotes::Marked,
            empty_hint: false,
            leaders_within: None,
            detail,
        }
    }

    #[test]
    fn a_workshop_s_map_zoomed_in_is_drawn_in_full_and_a_crowded_one_as_when_zoomed_out() {
        let workshop = synthetic_session(200);
        with_scene(&workshop, |scene| {
            assert!(scene.links.len() > 50, "a map with links: {}", scene.links.len());
            for zoom in [DETAIL_ZOOM, 0.6, 1.0, 2.0] {
                assert_eq!(MapDetail::for_screen(scene, &centred(scene, zoom), screen()), MapDetail::FULL, "at {zoom}");
            }
            let far_out = MapDetail::for_screen(scene, &centred(scene, 0.2), screen());
            assert_eq!(far_out, MapDetail { links_in_full: false, every_leader: false, ringed_dots: false });
        });
        let crowded = synthetic_session(10_000);
        with_scene(&crowded, |scene| {
            let view = centred(scene, 0.6);
            let crossing = links_crossing(scene, view);
            assert!(crossing > CROWDED, "{crossing} links cross the screen");
            let detail = MapDetail::for_screen(scene, &view, screen());
            assert_eq!(detail, MapDetail { links_in_full: false, every_leader: false, ringed_dots: false });
            // Zoomed right in, few enough of each are on screen again.
            let close = MapDetail::for_screen(scene, &centred(scene, Viewport::MAX_ZOOM), screen());
            assert!(close.ringed_dots, "{close:?}");
        });
    }

    #[test]
    fn crowded_links_are_one_thin_line_each_and_crowded_dots_two_small_discs() {
        let session = synthetic_session(2000);
        with_scene(&session, |scene| {
            let view = centred(scene, 0.6);
            let groups = |detail| {
                link_and_dot_shape_groups(&session, scene, &look(view, detail), screen(), DotDiscs::FromFontTexture)
            };
            let crowded = MapDetail { links_in_full: false, every_leader: false, ringed_dots: false };
            let (full, thin) = (groups(MapDetail::FULL), groups(crowded));
            assert_eq!(full.len(), thin.len(), "every link and dot drawn either way");
            let links = links_crossing(scene, view);
            let (full_links, thin_links) = (&full[..links], &thin[..links]);
            assert!(thin_links.iter().all(|group| group.len() == 1), "one line a link");
            assert!(
                full_links.iter().any(|group| group.len() > 10),
                "in full, a gap is drawn as dots and a link that could meet a need dashed"
            );
            for group in &thin[links..] {
                let [Shape::Circle(ring), Shape::Circle(fill)] = group.as_slice() else {
                    panic!("a crowded dot is two discs: {group:?}");
                };
                assert!(ring.radius <= CROWDED_DOT_RADIUS && fill.radius < ring.radius && ring.stroke.is_empty());
            }
            for group in &full[links..] {
                assert!(matches!(group.as_slice(), [Shape::Circle(dot)] if !dot.stroke.is_empty()), "a ringed dot");
            }
        });
    }
}
