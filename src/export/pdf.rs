//! The summary as a PDF on A4 pages, made with krilla: the text pages flow the same document as
//! the HTML and Markdown summaries, in the bundled font (so the text can be searched and copied),
//! and each canvas gets a page of its own, turned to landscape when it is wider than tall and
//! drawn from the same SVG as the pictures, as vectors.

use super::document::{Block, Canvas, Item, Run};
use super::pdf_picture::PdfPicture;
use super::pdf_structure::{Bookmark, Role, Structure, map_description, outline, wheel_description};
use super::pdf_text::PageFonts;
use super::summary::long_moment;
use super::text::{Line, Span, baseline_offset, line_height, text_width, wrap_spans};
use super::{ExportError, ExportOptions};
use crate::model::{Rgb, Session};
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect as PdfRect, Size, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Identifier, SpanTag};

/// An A4 page in PDF points (1/72 inch), upright.
const A4: (f32, f32) = (595.28, 841.89);
/// The page's margin.
const MARGIN: f32 = 54.0;
/// Room kept at the foot of each page for its number.
const FOOTER_ROOM: f32 = 24.0;
/// Body text.
const BODY: f32 = 10.5;
/// How far each level of a list is indented.
const LIST_INDENT: f32 = 16.0;
/// Extra space between lines, on top of the font's own.
const LEADING: f32 = 1.18;

const TEXT: Rgb = Rgb::new(20, 20, 20);
const QUIET: Rgb = Rgb::new(90, 90, 90);
const RULE: Rgb = Rgb::new(201, 211, 221);

/// How a span of text looks.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Style {
    size: f32,
    colour: Rgb,
    strong: bool,
    badge: Option<Rgb>,
}

impl Style {
    fn plain(size: f32) -> Self {
        Self { size, colour: TEXT, strong: false, badge: None }
    }
}

/// Something to draw on a page, in points from the page's top left.
#[derive(Clone, Debug, PartialEq)]
enum Mark {
    Text { x: f32, baseline: f32, text: String, style: Style },
    Rect { x: f32, y: f32, width: f32, height: f32, colour: Rgb },
    Picture { canvas: Canvas, x: f32, y: f32, width: f32, height: f32 },
}

/// One page: its size and what is on it.
#[derive(Clone, Debug, Default, PartialEq)]
struct Page {
    size: (f32, f32),
    marks: Vec<Mark>,
    /// Beside each mark, its slot in the document's structure, or none for decoration.
    slots: Vec<Option<usize>>,
}

impl Page {
    fn blank(size: (f32, f32)) -> Self {
        Self { size, marks: Vec::new(), slots: Vec::new() }
    }
}

/// Lays blocks out down A4 pages.
struct Flow {
    pages: Vec<Page>,
    y: f32,
    picture_sizes: [(f32, f32); 2],
    /// The words read in place of each picture (wheel, map).
    picture_descriptions: [String; 2],
    structure: Structure,
    bookmarks: Vec<Bookmark>,
    /// A picture waiting for the page to turn, so the text after it fills the page first, and
    /// how deep the structure was where it stands in the document.
    waiting_picture: Option<(Canvas, String, usize)>,
}

impl Flow {
    fn new(picture_sizes: [(f32, f32); 2], picture_descriptions: [String; 2]) -> Self {
        Self {
            pages: vec![Page::blank(A4)],
            y: MARGIN,
            picture_sizes,
            picture_descriptions,
            structure: Structure::default(),
            bookmarks: Vec::new(),
            waiting_picture: None,
        }
    }

    fn width(&self) -> f32 {
        A4.0 - 2.0 * MARGIN
    }

    fn bottom(&self) -> f32 {
        A4.1 - MARGIN - FOOTER_ROOM
    }

    fn new_page(&mut self) {
        // The page turns: a picture waiting goes here, on its own page, and the text carries on
        // after it (`picture_page` turns to a new page at its end).
        if self.place_waiting_picture() {
            return;
        }
        self.pages.push(Page::blank(A4));
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` more fits on this one.
    fn need(&mut self, height: f32) {
        if self.y + height > self.bottom() && self.y > MARGIN {
            self.new_page();
        }
    }

    /// Puts a mark on the page: text and pictures into the open element of the structure,
    /// shapes (badges, rules, bars) as decoration.
    fn mark(&mut self, mark: Mark) {
        let slot = match mark {
            Mark::Rect { .. } => None,
            Mark::Text { .. } | Mark::Picture { .. } => self.structure.content(),
        };
        if let Some(page) = self.pages.last_mut() {
            page.marks.push(mark);
            page.slots.push(slot);
        }
    }

    /// Writes wrapped lines at `left`, each piece in its span's style; returns nothing, moves down.
    fn lines(&mut self, lines: &[Line], styles: &[Style], left: f32, first_indent: f32) {
        for (index, line) in lines.iter().enumerate() {
            let height = row_height(line, styles);
            self.need(height);
            let mut x = left + if index == 0 { first_indent } else { 0.0 };
            for piece in &line.pieces {
                let Some(style) = styles.get(piece.span).copied() else { continue };
                let width = text_width(&piece.text, style.size);
                let top = self.y + (height - line_height(style.size) * LEADING) / 2.0;
                if let Some(fill) = style.badge {
                    let text = piece.text.trim_start_matches(' ');
                    let skipped = width - text_width(text, style.size);
                    let badge = line_height(style.size);
                    self.mark(Mark::Rect {
                        x: x + skipped,
                        y: top + (line_height(style.size) * LEADING - badge) / 2.0,
                        width: width - skipped,
                        height: badge,
                        colour: fill,
                    });
                }
                let baseline = top + (line_height(style.size) * (LEADING - 1.0)) / 2.0 + baseline_offset(style.size);
                self.mark(Mark::Text { x, baseline, text: piece.text.clone(), style });
                x += width;
            }
            self.y += height;
        }
    }

    /// Runs of text wrapped to `width` and written at `left`.
    fn runs(&mut self, runs: &[Run], base: Style, left: f32, width: f32) {
        let (texts, styles) = spans_of(runs, base);
        let spans: Vec<Span<'_>> =
            texts.iter().zip(&styles).map(|(text, style)| Span { text, size: style.size }).collect();
        let lines = wrap_spans(&spans, width, 0.0, None);
        self.lines(&lines, &styles, left, 0.0);
    }

    fn space(&mut self, points: f32) {
        if self.y > MARGIN {
            self.y += points;
        }
    }

    fn heading(&mut self, level: u8, text: &str) {
        let (size, before, after, colour) = match level {
            1 => (22.0, 0.0, 8.0, TEXT),
            2 => (16.0, 18.0, 6.0, TEXT),
            3 => (13.0, 12.0, 4.0, TEXT),
            _ => (11.0, 6.0, 2.0, QUIET),
        };
        self.space(before);
        // A heading never sits alone at the foot of a page: it keeps room for a smaller heading
        // and a few lines after it.
        let following = if level < 4 { 5.0 } else { 3.0 };
        self.need(line_height(size) * LEADING + following * line_height(BODY) * LEADING);
        let style = Style { size, colour, strong: level <= 2, badge: None };
        self.bookmarks.push(Bookmark {
            level,
            text: text.to_owned(),
            page: self.pages.len().saturating_sub(1),
            y: self.y,
        });
        self.structure.open(Role::Heading(level, text.to_owned()));
        self.runs(&[Run::Plain(text.to_owned())], style, MARGIN, self.width());
        self.structure.close();
        if level == 2 {
            let y = self.y + 2.0;
            self.mark(Mark::Rect { x: MARGIN, y, width: self.width(), height: 1.2, colour: RULE });
            self.y += 4.0;
        }
        self.y += after;
    }

    fn items(&mut self, items: &[Item], numbered: bool, depth: usize) {
        self.structure.open(Role::List { numbered });
        for (index, item) in items.iter().enumerate() {
            self.structure.open(Role::Item);
            let left = MARGIN + LIST_INDENT * (depth + 1) as f32;
            let width = A4.0 - MARGIN - left;
            let (texts, styles) = spans_of(&item.runs, Style::plain(BODY));
            let spans: Vec<Span<'_>> =
                texts.iter().zip(&styles).map(|(text, style)| Span { text, size: style.size }).collect();
            let lines = wrap_spans(&spans, width, 0.0, None);
            // Keep an item's first two rows together, so a badge on a row of its own ("Met now")
            // never stays at a page's foot without the note it belongs to.
            let first_rows = lines.iter().take(2).map(|line| row_height(line, &styles)).sum();
            self.need(first_rows);
            let top = self.y;
            let baseline = top + line_height(BODY) * (LEADING - 1.0) / 2.0 + baseline_offset(BODY);
            let label = match (item.colour, numbered) {
                (_, true) => {
                    let number = format!("{}.", index + 1);
                    Some(Mark::Text {
                        x: left - 4.0 - text_width(&number, BODY),
                        baseline,
                        text: number,
                        style: Style::plain(BODY),
                    })
                }
                (None, false) => {
                    Some(Mark::Text { x: left - 10.0, baseline, text: "•".to_owned(), style: Style::plain(BODY) })
                }
                // A note's item has its organisation's colour down its side instead.
                (Some(_), false) => None,
            };
            if let Some(label) = label {
                self.structure.open(Role::Label);
                self.mark(label);
                self.structure.close();
            }
            self.structure.open(Role::Body);
            self.lines(&lines, &styles, left, 0.0);
            self.structure.close();
            if let (Some(colour), false) = (item.colour, numbered) {
                // The organisation's colour down the item's side, as on the notes' cards. When the
                // item runs onto a new page, the bar starts at the top of that page.
                let bar_top = if self.y < top { MARGIN } else { top };
                self.mark(Mark::Rect {
                    x: left - 9.0,
                    y: bar_top + 1.0,
                    width: 3.5,
                    height: self.y - bar_top - 2.0,
                    colour,
                });
            }
            self.y += 3.0;
            if !item.children.is_empty() {
                self.items(&item.children, false, depth + 1);
            }
            self.structure.close();
        }
        self.structure.close();
    }

    fn facts(&mut self, facts: &[(String, String)]) {
        let label_width = facts.iter().map(|(label, _)| text_width(label, BODY)).fold(0.0, f32::max) + 12.0;
        self.structure.open(Role::Table);
        for (label, value) in facts {
            self.structure.open(Role::Row);
            let top = self.y;
            self.structure.open(Role::HeaderCell);
            self.runs(&[Run::Strong(label.clone())], Style::plain(BODY), MARGIN, label_width);
            self.structure.close();
            let below_label = self.y;
            self.y = top;
            self.structure.open(Role::Cell);
            self.runs(
                &[Run::Plain(value.clone())],
                Style::plain(BODY),
                MARGIN + label_width,
                self.width() - label_width,
            );
            self.structure.close();
            self.structure.close();
            self.y = self.y.max(below_label) + 2.0;
        }
        self.structure.close();
        self.y += 4.0;
    }

    /// A canvas on a page of its own, landscape when it is wider than tall, under its caption:
    /// at once when little of this page is left, or else when the page turns, so the text after it
    /// fills this page first instead of leaving it part empty.
    fn figure(&mut self, canvas: Canvas, caption: &str) {
        self.place_waiting_picture();
        let just_begun = self.y <= MARGIN + SECTION_START_ROOM;
        let room_left = self.bottom() - self.y;
        if !just_begun && room_left > FLOAT_ROOM * (self.bottom() - MARGIN) {
            self.waiting_picture = Some((canvas, caption.to_owned(), self.structure.depth()));
            return;
        }
        self.picture_page(canvas, caption, true);
    }

    /// Places the picture waiting for the page to turn, if there is one, where it stands in the
    /// document's structure (beside a list it interrupts, not inside it); says whether it did.
    fn place_waiting_picture(&mut self) -> bool {
        let Some((canvas, caption, depth)) = self.waiting_picture.take() else { return false };
        let set_aside = self.structure.set_aside(depth);
        self.picture_page(canvas, &caption, false);
        self.structure.take_up(set_aside);
        true
    }

    /// Places a canvas on a page of its own (see [`Flow::figure`]); with `section_start`, a
    /// section just begun on this page comes onto the picture's page above it.
    fn picture_page(&mut self, canvas: Canvas, caption: &str, section_start: bool) {
        let which = match canvas {
            Canvas::Wheel => 0,
            Canvas::Map => 1,
        };
        let (picture_width, picture_height) = self.picture_sizes[which];
        let size = if picture_width > picture_height { (A4.1, A4.0) } else { A4 };
        // A section that has only begun on this page (its heading and a line or two) moves onto
        // the picture's page, above it, rather than leaving a page nearly empty; its heading then
        // says what the picture is. Otherwise the picture gets a page of its own, under a caption.
        let just_begun = section_start && self.y <= MARGIN + SECTION_START_ROOM;
        let carried = match self.pages.pop() {
            Some(page) if just_begun => Page { size, ..page },
            Some(page) => {
                self.pages.push(page);
                self.y = MARGIN;
                Page::blank(size)
            }
            None => Page::blank(size),
        };
        let begun_with_text = !carried.marks.is_empty();
        self.pages.push(carried);
        self.structure.open(Role::Figure(self.picture_descriptions[which].clone()));
        if begun_with_text {
            self.y += 6.0;
        } else {
            self.y = MARGIN;
            let caption_style = Style { size: 13.0, colour: TEXT, strong: false, badge: None };
            let lines =
                wrap_spans(&[Span { text: caption, size: caption_style.size }], size.0 - 2.0 * MARGIN, 0.0, None);
            self.structure.open(Role::Caption);
            self.lines(&lines, &[caption_style], MARGIN, 0.0);
            self.structure.close();
            self.y += 8.0;
        }
        let room = (size.0 - 2.0 * MARGIN, size.1 - MARGIN - FOOTER_ROOM - self.y);
        let scale = (room.0 / picture_width).min(room.1 / picture_height);
        let (width, height) = (picture_width * scale, picture_height * scale);
        let x = (size.0 - width) / 2.0;
        let y = self.y;
        self.mark(Mark::Picture { canvas, x, y, width, height });
        self.structure.close();
        // The text goes on after the picture, on a new upright page.
        self.new_page();
    }
}

/// How far down a page a section can have got and still move onto its picture's page.
const SECTION_START_ROOM: f32 = 120.0;
/// The share of a page that may be left empty before a picture's page rather than float the
/// picture to the page's end.
const FLOAT_ROOM: f32 = 0.25;

/// The height of a line of mixed sizes, with leading.
fn row_height(line: &Line, styles: &[Style]) -> f32 {
    let tallest =
        line.pieces.iter().filter_map(|piece| styles.get(piece.span)).map(|style| style.size).fold(0.0, f32::max);
    line_height(if tallest > 0.0 { tallest } else { BODY }) * LEADING
}

/// Runs as texts and styles for wrapping: a badge's words are held together with no-break
/// spaces and padded, and a line break becomes a new line.
fn spans_of(runs: &[Run], base: Style) -> (Vec<String>, Vec<Style>) {
    let mut texts = Vec::new();
    let mut styles = Vec::new();
    let mut after_badge = false;
    let mut after_space = false;
    for run in runs {
        // Wrapping drops a span's trailing space, so the next span carries it ("1. " + "4 dots").
        let gap = if after_badge || after_space { " " } else { "" };
        after_badge = false;
        after_space = matches!(run, Run::Plain(text) | Run::Strong(text) | Run::Quiet(text) if text.ends_with(' '));
        let (text, style) = match run {
            Run::Plain(text) => (format!("{gap}{text}"), base),
            Run::Strong(text) => (format!("{gap}{text}"), Style { strong: true, ..base }),
            Run::Quiet(text) => (format!("{gap}{text}"), Style { colour: QUIET, ..base }),
            Run::Badge { text, fill } => {
                after_badge = true;
                let ink = fill.text_colour();
                let words = format!("{gap}\u{a0}{}\u{a0}", text.replace(' ', "\u{a0}"));
                (words, Style { size: base.size * 0.85, colour: ink, strong: false, badge: Some(*fill) })
            }
            Run::Break => ("\n".to_owned(), base),
        };
        texts.push(text);
        styles.push(style);
    }
    (texts, styles)
}

/// Lays the document out on pages, with its structure and the places of its headings.
fn lay_out(blocks: &[Block], picture_sizes: [(f32, f32); 2], picture_descriptions: [String; 2]) -> Flow {
    let mut flow = Flow::new(picture_sizes, picture_descriptions);
    for block in blocks {
        match block {
            Block::Heading { level, text, .. } => flow.heading(*level, text),
            Block::Paragraph(runs) => {
                flow.structure.open(Role::Paragraph);
                flow.runs(runs, Style::plain(BODY), MARGIN, flow.width());
                flow.structure.close();
                flow.y += 6.0;
            }
            Block::Note(runs) => {
                flow.structure.open(Role::Paragraph);
                flow.runs(runs, Style { colour: QUIET, ..Style::plain(BODY) }, MARGIN, flow.width());
                flow.structure.close();
                flow.y += 6.0;
            }
            Block::Facts(facts) => flow.facts(facts),
            Block::List { items, numbered } => {
                flow.items(items, *numbered, 0);
                flow.y += 4.0;
            }
            Block::Figure { canvas, caption } => flow.figure(*canvas, caption),
        }
    }
    // A picture still waiting for the page to turn goes after the last text.
    flow.place_waiting_picture();
    // A picture at the very end leaves an empty page behind it.
    if flow.pages.len() > 1 && flow.pages.last().is_some_and(|page| page.marks.is_empty()) {
        flow.pages.pop();
    }
    flow
}

fn colour(rgb: Rgb) -> rgb::Color {
    rgb::Color::new(rgb.r, rgb.g, rgb.b)
}

fn fill(rgb: Rgb) -> Fill {
    Fill { paint: colour(rgb).into(), opacity: NormalizedF32::ONE, ..Fill::default() }
}

/// The moment as PDF metadata.
fn pdf_date(moment: time::OffsetDateTime) -> DateTime {
    let moment = moment.to_offset(time::UtcOffset::UTC);
    let year = u16::try_from(moment.year().clamp(0, 9999)).unwrap_or(2000);
    DateTime::new(year)
        .month(u8::from(moment.month()))
        .day(moment.day())
        .hour(moment.hour())
        .minute(moment.minute())
        .second(moment.second())
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// How a mark is marked in the content: text and pictures of the document as the content of
/// their element's slot, everything else as an artifact of the layout (or the page's foot).
fn content_tag(mark: &Mark, slot: Option<usize>, artifact: ArtifactType) -> ContentTag<'static> {
    match (mark, slot) {
        (Mark::Text { .. }, Some(_)) => ContentTag::Span(SpanTag::empty()),
        (Mark::Picture { .. }, Some(_)) => ContentTag::Other,
        _ => ContentTag::Artifact(Artifact::with_kind(artifact)),
    }
}

/// Draws the marks, each marked as [`content_tag`] says; what krilla gives back for the marks
/// that have a slot goes into `filled`, for the tag tree.
fn draw_tagged_marks(
    surface: &mut Surface<'_>,
    marks: &[Mark],
    slots: &[Option<usize>],
    artifact: ArtifactType,
    fonts: &PageFonts,
    pictures: &[Option<PdfPicture>; 2],
    filled: &mut [Option<Identifier>],
) {
    for (mark, slot) in marks.iter().zip(slots.iter().copied().chain(std::iter::repeat(None))) {
        let identifier = surface.start_tagged(content_tag(mark, slot, artifact));
        draw_marks(surface, std::slice::from_ref(mark), fonts, pictures);
        surface.end_tagged();
        if let Some(place) = slot.and_then(|slot| filled.get_mut(slot)) {
            *place = Some(identifier);
        }
    }
}

fn draw_marks(surface: &mut Surface<'_>, marks: &[Mark], fonts: &PageFonts, pictures: &[Option<PdfPicture>; 2]) {
    for mark in marks {
        match mark {
            Mark::Rect { x, y, width, height, colour } => {
                let mut path = PathBuilder::new();
                if let Some(rect) = PdfRect::from_xywh(*x, *y, width.max(0.1), height.max(0.1)) {
                    path.push_rect(rect);
                }
                if let Some(path) = path.finish() {
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill(*colour)));
                    surface.draw_path(&path);
                }
            }
            Mark::Text { x, baseline, text, style } => {
                surface.set_fill(Some(fill(style.colour)));
                // The bundled font has one weight; strong words are drawn with a thin outline of
                // their own colour, which keeps them text that can be searched and copied.
                surface.set_stroke(style.strong.then(|| Stroke {
                    paint: colour(style.colour).into(),
                    width: style.size * 0.035,
                    ..Stroke::default()
                }));
                // Layout measured the words as the screen does (epaint); shaped here, words in
                // some scripts come out a little wider, and are narrowed to their place rather
                // than run into the words after them.
                let laid_out = text_width(text, style.size);
                let natural = fonts.width(text, style.size);
                if natural > laid_out * 1.002 && laid_out > 0.0 {
                    let narrowed = laid_out / natural;
                    surface.push_transform(&Transform::from_row(narrowed, 0.0, 0.0, 1.0, x * (1.0 - narrowed), 0.0));
                    fonts.draw(surface, Point::from_xy(*x, *baseline), text, style.size, false);
                    surface.pop();
                } else {
                    fonts.draw(surface, Point::from_xy(*x, *baseline), text, style.size, false);
                }
            }
            Mark::Picture { canvas, x, y, width, height } => {
                let picture = match canvas {
                    Canvas::Wheel => &pictures[0],
                    Canvas::Map => &pictures[1],
                };
                if let (Some(picture), Some(size)) = (picture, Size::from_wh(*width, *height)) {
                    surface.push_transform(&Transform::from_translate(*x, *y));
                    picture.draw(surface, fonts, size);
                    surface.pop();
                }
            }
        }
    }
    surface.set_stroke(None);
}

/// The document as a PDF, with the session's canvases drawn on their pages.
pub fn to_pdf(blocks: &[Block], session: &Session, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    let pictures_used =
        |wanted: Canvas| blocks.iter().any(|block| matches!(block, Block::Figure { canvas, .. } if *canvas == wanted));
    let picture = |canvas: Canvas| -> Result<Option<PdfPicture>, ExportError> {
        if !pictures_used(canvas) {
            return Ok(None);
        }
        let svg = match canvas {
            Canvas::Wheel => super::wheel_svg(session),
            Canvas::Map => super::map_svg(session),
        };
        PdfPicture::of(&svg).map(Some)
    };
    let pictures = [picture(Canvas::Wheel)?, picture(Canvas::Map)?];
    let size_of = |picture: &Option<PdfPicture>| picture.as_ref().map_or((1.0, 1.0), |picture| picture.size);
    let flow = lay_out(
        blocks,
        [size_of(&pictures[0]), size_of(&pictures[1])],
        [wheel_description(session), map_description(session)],
    );
    let pages = &flow.pages;

    let fonts =
        PageFonts::load().ok_or_else(|| ExportError::Drawing("the bundled fonts could not be read".to_owned()))?;
    let mut document = Document::new();
    let title = session.display_title();
    let facilitator = session.details.facilitator.trim();
    document.set_metadata(
        Metadata::new()
            .title(format!("{title} — workshop summary"))
            .authors(if facilitator.is_empty() { Vec::new() } else { vec![facilitator.to_owned()] })
            .creator("Common Ground".to_owned())
            .language("en".to_owned())
            // The subject: what the document is about, as a viewer's properties show it.
            .description(format!(
                "Summary of the partnership workshop “{title}”: the prompt wheel, the needs map and the action \
                 plan, made on {}",
                long_moment(options.generated_at)
            ))
            .creation_date(pdf_date(options.generated_at)),
    );
    let mut filled: Vec<Option<Identifier>> = vec![None; flow.structure.slot_count()];
    let total = pages.len();
    for (index, page) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(page.size.0, page.size.1)
            .ok_or_else(|| ExportError::Drawing("a page has no size".to_owned()))?;
        let mut pdf_page = document.start_page_with(settings);
        let mut surface = pdf_page.surface();
        draw_tagged_marks(&mut surface, &page.marks, &page.slots, ArtifactType::Other, &fonts, &pictures, &mut filled);
        let footer = format!("{title} · page {} of {total}", index + 1);
        let footer_size = 8.0;
        let x = (page.size.0 - text_width(&footer, footer_size)) / 2.0;
        let style = Style { size: footer_size, colour: QUIET, strong: false, badge: None };
        draw_tagged_marks(
            &mut surface,
            &[Mark::Text { x, baseline: page.size.1 - MARGIN / 2.0, text: footer, style }],
            &[],
            ArtifactType::Footer,
            &fonts,
            &pictures,
            &mut filled,
        );
        surface.finish();
        pdf_page.finish();
    }
    document.set_tag_tree(flow.structure.tag_tree(&mut filled));
    document.set_outline(outline(&flow.bookmarks, MARGIN));
    document.finish().map_err(|error| ExportError::Drawing(format!("the PDF could not be written: {error:?}")))
}
