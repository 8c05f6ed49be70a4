//! Every script people in these partnerships write, in every export: a workshop with a note in
//! Polish, Urdu, Bengali, Punjabi (Gurmukhi), Somali, Arabic, Welsh, Chinese, Japanese and
//! Korean, and one with emoji (tests/fixtures/multilingual.ron). The PDF is read back with poppler's pdftotext (which puts
//! right-to-left text in reading order) and its fonts with lopdf; the pictures are drawn and
//! their notes' cards looked at; the SVG is drawn by rsvg-convert, which has none of the bundled
//! fonts, and compared with resvg's drawing.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first thing that is not as expected")]

use common_ground::export::{
    ExportOptions, Format, export, map_svg, svg_to_rgba, undrawn_text, wheel_svg, with_text_outlined,
};
use common_ground::fonts::font_index_for;
use common_ground::model::Session;
use common_ground::store::load_session;
use resvg::usvg;
use std::path::Path;
use std::process::Command;
use time::macros::datetime;

fn multilingual() -> Session {
    load_session(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/multilingual.ron")).unwrap()
}

fn exported(session: &Session, format: Format) -> Vec<common_ground::export::ExportFile> {
    let options = ExportOptions { generated_at: datetime!(2026-03-12 17:00 UTC) };
    export(session, format, &options).unwrap()
}

/// Whether a tool of poppler or librsvg is on this computer. CI installs them
/// (.ci/install-system-packages --test); elsewhere a missing tool skips that check, loudly.
fn tool(name: &str) -> bool {
    let found = Command::new(name).arg("-v").output().is_ok();
    if !found {
        assert!(std::env::var_os("CI").is_none(), "{name} is missing, and CI installs it");
        eprintln!("{name} is not installed: that check is skipped");
    }
    found
}

/// Text as a reader compares it: runs of white space as one space.
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_fixture_holds_every_script_and_each_has_a_bundled_font() {
    let session = multilingual();
    assert_eq!(session.notes.len(), 11);
    for note in &session.notes {
        for character in note.text.chars().filter(|character| !character.is_whitespace()) {
            assert!(font_index_for(character).is_some(), "{}: no font has {character:?}", note.text);
        }
    }
}

#[test]
fn the_pdf_holds_every_note_in_reading_order_in_fonts_that_have_its_letters() {
    let session = multilingual();
    let bytes = exported(&session, Format::Pdf).remove(0).bytes;
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("summary.pdf");
    std::fs::write(&path, &bytes).unwrap();

    // The fonts the pages use: the four script fonts beside Ubuntu, each embedded.
    let document = lopdf::Document::load_mem(&bytes).unwrap();
    let mut names: Vec<String> = Vec::new();
    for object in document.objects.values() {
        if let Ok(dictionary) = object.as_dict()
            && dictionary.get(b"Type").and_then(lopdf::Object::as_name).is_ok_and(|kind| kind == b"FontDescriptor")
        {
            let name = dictionary.get(b"FontName").and_then(lopdf::Object::as_name).unwrap();
            names.push(String::from_utf8_lossy(name).into_owned());
            assert!(dictionary.has(b"FontFile2") || dictionary.has(b"FontFile3"), "{names:?}: each font is embedded");
        }
    }
    for family in ["Ubuntu", "NotoSansArabic", "NotoSansBengali", "NotoSansGurmukhi", "NotoEmoji", "NotoSansCJK"] {
        assert!(names.iter().any(|name| name.contains(family)), "{family} is used: {names:?}");
    }

    if !tool("pdftotext") {
        return;
    }
    let output = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&path).arg("-").output().unwrap();
    assert!(output.status.success());
    let text = squeezed(&String::from_utf8(output.stdout).unwrap());
    for note in &session.notes {
        // Each note in the order it was typed (an Arabic word's letters first to last), not the
        // order its glyphs are drawn; and no box for a missing glyph.
        assert!(text.contains(&squeezed(&note.text)), "the PDF's text holds “{}”:\n{text}", note.text);
    }
    assert!(!text.contains('\u{fffd}'), "no character is lost");
}

/// What resvg lays out for each text of the picture, with the bundled fonts (as the PNG export
/// loads them): the text typed, and its glyphs.
fn layouts_of(svg: &str) -> Vec<(String, Vec<u16>)> {
    let mut database = usvg::fontdb::Database::new();
    for font in common_ground::fonts::fallback_order() {
        database.load_font_data(font.data.to_vec());
    }
    database.set_sans_serif_family("Ubuntu");
    let options = usvg::Options { fontdb: std::sync::Arc::new(database), ..usvg::Options::default() };
    let tree = usvg::Tree::from_str(svg, &options).unwrap();
    fn walk(group: &usvg::Group, found: &mut Vec<(String, Vec<u16>)>) {
        for node in group.children() {
            match node {
                usvg::Node::Group(group) => walk(group, found),
                usvg::Node::Text(text) => {
                    let typed = text.chunks().iter().map(usvg::TextChunk::text).collect();
                    let glyphs = text
                        .layouted()
                        .iter()
                        .flat_map(|span| &span.positioned_glyphs)
                        .map(|glyph| glyph.id.0)
                        .collect();
                    found.push((typed, glyphs));
                }
                _ => {}
            }
        }
    }
    let mut found = Vec::new();
    walk(tree.root(), &mut found);
    found
}

#[test]
fn the_pictures_draw_every_script_and_the_svg_carries_its_words_for_viewers_without_the_fonts() {
    let session = multilingual();
    for svg in [wheel_svg(&session), map_svg(&session)] {
        for (typed, glyphs) in layouts_of(&svg) {
            // Every glyph is found in a bundled font: no boxes (glyph 0 is the box for a missing one).
            assert!(glyphs.iter().all(|glyph| *glyph != 0), "{typed}: characters drawn as boxes: {glyphs:?}");
        }
        // The first word of each of the picture's notes is written as text, as it was typed.
        let notes = session.notes.iter().filter(|note| {
            let first = note.text.split_whitespace().next().unwrap();
            svg.contains(first)
        });
        assert!(notes.count() >= 4, "the picture holds its notes' words");

        let outlined = with_text_outlined(&svg).unwrap();
        for note in &session.notes {
            let first = note.text.split_whitespace().next().unwrap();
            assert_eq!(svg.contains(first), outlined.contains(first), "{first}: the text stays beside its outlines");
        }
        // resvg draws the outlined picture as the plain one (the text over its outlines is
        // invisible): the same pixels, but where anti-aliased edges meet.
        let (_, _, plain) = svg_to_rgba(&svg, 1.0).unwrap();
        let (_, _, drawn) = svg_to_rgba(&outlined, 1.0).unwrap();
        assert_eq!(plain.len(), drawn.len());
        let differing = plain
            .chunks_exact(4)
            .zip(drawn.chunks_exact(4))
            .filter(|(a, b)| a.iter().zip(b.iter()).any(|(x, y)| x.abs_diff(*y) > 96))
            .count();
        let share = differing as f32 / (plain.len() / 4) as f32;
        assert!(share < 0.002, "{share}: the outlines are where the text is");

        if !tool("rsvg-convert") {
            continue;
        }
        // rsvg-convert knows none of the bundled fonts: it draws the outlines, so its picture
        // matches resvg's within anti-aliasing, and no word runs past its card.
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("picture.svg");
        std::fs::write(&path, &outlined).unwrap();
        let output = Command::new("rsvg-convert").args(["--format", "png"]).arg(&path).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let decoder = png::Decoder::new(std::io::Cursor::new(output.stdout));
        let mut reader = decoder.read_info().unwrap();
        let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buffer).unwrap();
        // rsvg-convert writes RGB for an opaque picture; made RGBA to compare.
        let theirs: Vec<u8> = match info.color_type {
            png::ColorType::Rgba => buffer[..info.buffer_size()].to_vec(),
            png::ColorType::Rgb => {
                buffer[..info.buffer_size()].chunks_exact(3).flat_map(|rgb| [rgb[0], rgb[1], rgb[2], 255]).collect()
            }
            other => panic!("rsvg-convert wrote {other:?}"),
        };
        assert_eq!(theirs.len(), drawn.len(), "the same size");
        // Compared by 8 × 8 blocks of grey, so anti-aliasing and rounding of edges do not count,
        // but a word in another font, or outside its card, does.
        let grey = |pixels: &[u8], x: u32, y: u32| {
            let mut sum = 0u32;
            for dy in 0..8 {
                for dx in 0..8 {
                    let at = (((y + dy) * info.width + x + dx) * 4) as usize;
                    sum += u32::from(pixels[at]) + u32::from(pixels[at + 1]) + u32::from(pixels[at + 2]);
                }
            }
            sum / (8 * 8 * 3)
        };
        let (mut blocks, mut differing) = (0, 0);
        for y in (0..info.height.saturating_sub(8)).step_by(8) {
            for x in (0..info.width.saturating_sub(8)).step_by(8) {
                blocks += 1;
                if grey(&theirs, x, y).abs_diff(grey(&drawn, x, y)) > 24 {
                    differing += 1;
                }
            }
        }
        assert!(differing * 200 < blocks, "{differing} of {blocks} blocks differ between rsvg and resvg");
    }
}

/// A glyph drawn in an outlined picture: its font's number, the glyph in the font, its left
/// edge on the baseline, and its horizontal scale (font size over units, times any stretch).
struct Placed {
    font: usize,
    glyph: u16,
    x: f32,
    x_scale: f32,
}

/// The runs of an outlined picture that are not turned: each run's words and its glyphs.
fn outlined_runs(outlined: &str) -> Vec<(String, Vec<Placed>)> {
    let attribute = |tag: &str, name: &str| -> Option<String> {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[start..][..tag[start..].find('"')?].to_owned())
    };
    let pieces: Vec<&str> = outlined.split("<text ").collect();
    let mut runs = Vec::new();
    for (before, piece) in pieces.iter().zip(&pieces[1..]) {
        let (tag, rest) = piece.split_once('>').unwrap();
        if tag.contains("transform=") {
            continue;
        }
        let words = rest.split("</text>").next().unwrap().replace("&amp;", "&");
        // The run's glyphs are the `<use>` lines right before it.
        let uses: Vec<&str> = before.lines().rev().take_while(|line| line.starts_with("<use ")).collect();
        let placed = uses
            .into_iter()
            .rev()
            .map(|line| {
                let href = attribute(line, "href").unwrap();
                let (font, glyph) = href.trim_start_matches("#glyph-").split_once('-').unwrap();
                let matrix = attribute(line, "transform").unwrap();
                let values: Vec<f32> = matrix
                    .trim_start_matches("matrix(")
                    .trim_end_matches(')')
                    .split(' ')
                    .map(|value| value.parse().unwrap())
                    .collect();
                Placed { font: font.parse().unwrap(), glyph: glyph.parse().unwrap(), x: values[4], x_scale: values[0] }
            })
            .collect();
        runs.push((words, placed));
    }
    runs
}

#[test]
fn the_pictures_place_every_glyph_as_the_shaper_does_so_no_vowel_sign_is_lost() {
    // usvg gives a cluster of several glyphs the width of its widest, so a Bengali or Gurmukhi
    // vowel sign (া, ਾ) after its consonant was overdrawn by the next letter. The pictures now
    // place each glyph where rustybuzz (HarfBuzz's shaping) puts it, scaled to the run's width.
    let session = multilingual();
    let mut checked = Vec::new();
    for svg in [wheel_svg(&session), map_svg(&session)] {
        let outlined = with_text_outlined(&svg).unwrap();
        for (words, placed) in outlined_runs(&outlined) {
            // Bengali, Gurmukhi and CJK rows.
            let Some(font @ (2 | 3 | 5)) = font_index_for(words.chars().next().unwrap()) else { continue };
            if words.chars().any(|character| !character.is_whitespace() && font_index_for(character) != Some(font)) {
                continue;
            }
            let data = common_ground::fonts::fallback_order().nth(font).unwrap().data;
            let face = rustybuzz::Face::from_slice(data, 0).unwrap();
            let mut buffer = rustybuzz::UnicodeBuffer::new();
            // The CJK font has no space of its own: its words are shaped without the spaces
            // (Ubuntu's) between them, and the places checked only by their order.
            buffer.push_str(&if font == 5 { words.replace(' ', "") } else { words.clone() });
            buffer.guess_segment_properties();
            let shaped = rustybuzz::shape(&face, &[], buffer);
            let mut expected = Vec::new();
            let mut pen = 0;
            for (info, position) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
                let glyph = u16::try_from(info.glyph_id).unwrap();
                if face.glyph_bounding_box(ttf_parser::GlyphId(glyph)).is_some() {
                    expected.push((glyph, (pen + position.x_offset) as f32));
                }
                pen += position.x_advance;
            }
            let drawn: Vec<u16> = placed.iter().map(|placed| placed.glyph).collect();
            let wanted: Vec<u16> = expected.iter().map(|(glyph, _)| *glyph).collect();
            assert_eq!(drawn, wanted, "{words}: every glyph the shaper gives is drawn, in its order");
            assert!(placed.iter().all(|placed| placed.font == font), "{words}: in its font");
            if font == 5 {
                assert!(placed.windows(2).all(|pair| pair[0].x < pair[1].x), "{words}: left to right");
            } else {
                let origin = placed[0].x - expected[0].1 * placed[0].x_scale;
                for (placed, (_, at)) in placed.iter().zip(&expected) {
                    let wanted_x = origin + at * placed.x_scale;
                    assert!(
                        (placed.x - wanted_x).abs() < 0.05,
                        "{words}: glyph {} at {}, where the shaper puts it is {wanted_x}",
                        placed.glyph,
                        placed.x
                    );
                }
            }
            checked.push(words);
        }
    }
    for script in ["আমাদের", "ਸਾਨੂੰ", "我们", "自分", "우리"] {
        assert!(checked.iter().any(|words| words.contains(script)), "{script} was checked: {checked:?}");
    }
}

#[test]
fn characters_no_font_has_are_named_after_an_export_that_draws_them() {
    let mut session = multilingual();
    assert_eq!(undrawn_text(&session, Format::Pdf), None, "every script of the fixture is drawn");
    // U+0378 is not assigned to any character, so no font anywhere has it.
    session.notes[0].text = "Nowy znak \u{378} tutaj".to_owned();
    let sentence = undrawn_text(&session, Format::Png).expect("the export says what it cannot draw");
    assert!(sentence.contains("U+0378") && sentence.contains("Nowy znak"), "{sentence}");
    // The web page's pictures draw their words as outlines, from the same fonts.
    let sentence = undrawn_text(&session, Format::Html).expect("the web page's pictures cannot draw it either");
    assert!(sentence.contains("U+0378"), "{sentence}");
    assert_eq!(undrawn_text(&session, Format::Markdown), None, "Markdown has no pictures: a reader's fonts draw it");
    // Words outside the notes (the title, names, actions) are looked at too.
    session.notes[0].text = "Nowy znak".to_owned();
    session.details.title = "Warsztat \u{378}".to_owned();
    let sentence = undrawn_text(&session, Format::Pdf).expect("the title's character is named");
    assert!(sentence.contains("U+0378") && sentence.contains("elsewhere in the workshop"), "{sentence}");
}

/// A PNG file's pixels as RGBA, with its width and height.
fn rgba_of_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    let pixels = match info.color_type {
        png::ColorType::Rgba => buffer[..info.buffer_size()].to_vec(),
        png::ColorType::Rgb => {
            buffer[..info.buffer_size()].chunks_exact(3).flat_map(|rgb| [rgb[0], rgb[1], rgb[2], 255]).collect()
        }
        other => panic!("a PNG of {other:?}"),
    };
    (info.width, info.height, pixels)
}

#[test]
fn the_pdf_s_canvas_pages_draw_the_words_as_the_pictures_do() {
    // The canvas pages draw their words as real text (searchable, in embedded fonts), shaped and
    // placed by the same code as the pictures' outlines: poppler's drawing of each Bengali,
    // Gurmukhi and CJK row on the page matches resvg's drawing of the outlined picture. Drawn by
    // krilla-svg from usvg's layout, as before, 2 to 6 in 100 blocks of the Bengali and Gurmukhi
    // rows differed (the vowel signs overdrawn); now at most 1 in 200 do (anti-aliasing).
    if !tool("pdftoppm") {
        return;
    }
    let session = multilingual();
    let directory = tempfile::tempdir().unwrap();
    let pdf = directory.path().join("summary.pdf");
    std::fs::write(&pdf, &exported(&session, Format::Pdf).remove(0).bytes).unwrap();
    let output =
        Command::new("pdftoppm").args(["-r", "144", "-png"]).arg(&pdf).arg(directory.path().join("page")).output();
    assert!(output.unwrap().status.success());
    let mut pages: Vec<(u32, u32, Vec<u8>)> = std::fs::read_dir(directory.path())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "png"))
        .map(|path| rgba_of_png(&std::fs::read(path).unwrap()))
        .collect();
    assert!(pages.len() >= 3);

    let mut rows_checked = 0;
    for svg in [wheel_svg(&session), map_svg(&session)] {
        let outlined = with_text_outlined(&svg).unwrap();
        let tree = usvg::Tree::from_str(&svg, &usvg::Options::default()).unwrap();
        let (svg_width, svg_height) = (tree.size().width(), tree.size().height());
        // The picture on its page: the extent of its background (its first rectangle's colour),
        // as wide and high as the picture is.
        let background = svg.split("<rect ").nth(1).unwrap().split("fill=\"#").nth(1).unwrap();
        let background: Vec<u8> =
            (0..3).map(|at| u8::from_str_radix(&background[at * 2..at * 2 + 2], 16).unwrap()).collect();
        let placed = pages.iter_mut().find_map(|(width, height, pixels)| {
            // Rows and columns with many pixels of that colour (text's anti-aliased edges have a
            // few of them too).
            let (mut rows, mut columns) = (vec![0u32; *height as usize], vec![0u32; *width as usize]);
            for y in 0..*height {
                for x in 0..*width {
                    let at = ((y * *width + x) * 4) as usize;
                    if pixels[at..at + 3] == background[..] {
                        rows[y as usize] += 1;
                        columns[x as usize] += 1;
                    }
                }
            }
            let extent = |counts: &[u32]| {
                let first = counts.iter().position(|count| *count > 100)?;
                let last = counts.iter().rposition(|count| *count > 100)?;
                Some((first as u32, (last - first + 1) as f32))
            };
            let ((left, found_width), (top, found_height)) = (extent(&columns)?, extent(&rows)?);
            ((found_width / found_height - svg_width / svg_height).abs() < 0.01)
                .then(|| (left, top, found_width / svg_width, (*width, pixels.clone())))
        });
        let (left, top, scale, (page_width, page)) = placed.expect("the picture is on a page of its own");
        let (picture_width, _, picture) = svg_to_rgba(&outlined, scale).unwrap();
        let grey = |pixels: &[u8], width: u32, x: u32, y: u32| {
            let at = ((y * width + x) * 4) as usize;
            (u32::from(pixels[at]) + u32::from(pixels[at + 1]) + u32::from(pixels[at + 2])) / 3
        };
        for (words, glyphs) in outlined_runs(&outlined) {
            if !matches!(font_index_for(words.chars().next().unwrap()), Some(2 | 3 | 5)) || glyphs.is_empty() {
                continue;
            }
            // The row's box: from its first glyph to past its last, a line high above the baseline.
            let baseline = outlined.split(&format!(">{words}</text>")).next().unwrap();
            let tag = &baseline[baseline.rfind("<text ").unwrap()..];
            let number = |name: &str| -> f32 {
                let start = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
                tag[start..][..tag[start..].find('"').unwrap()].parse().unwrap()
            };
            let (x, y, size, length) = (number("x"), number("y"), number("font-size"), number("textLength"));
            let (from_x, to_x) = ((x * scale) as u32, ((x + length) * scale) as u32);
            let (from_y, to_y) = (((y - size) * scale) as u32, ((y + size * 0.3) * scale) as u32);
            // Compared by 3 × 3 blocks of grey: anti-aliasing does not count, a glyph out of its
            // place does.
            let (mut blocks, mut differing, mut ink) = (0, 0, 0);
            for block_y in (from_y..to_y).step_by(3) {
                for block_x in (from_x..to_x).step_by(3) {
                    let (mut theirs, mut ours) = (0, 0);
                    for dy in 0..3 {
                        for dx in 0..3 {
                            theirs += grey(&page, page_width, left + block_x + dx, top + block_y + dy);
                            ours += grey(&picture, picture_width, block_x + dx, block_y + dy);
                        }
                    }
                    blocks += 1;
                    ink += u32::from(ours < 9 * 200);
                    differing += u32::from(theirs.abs_diff(ours) > 9 * 64);
                }
            }
            assert!(ink * 10 > blocks, "{words}: the row has ink where it is looked for ({ink} of {blocks} blocks)");
            assert!(
                differing * 20 < blocks,
                "{words}: {differing} of {blocks} blocks differ between the page and the picture"
            );
            rows_checked += 1;
        }
    }
    assert!(rows_checked >= 6, "the Bengali, Gurmukhi and CJK rows were compared: {rows_checked}");
}

#[test]
fn the_web_page_carries_the_fonts_its_words_need_and_only_those() {
    // A browser without fonts for Bengali, Gurmukhi or Urdu drew those notes as boxes, in the
    // text and in the pictures; the page now carries the bundled fonts its words need.
    let families = |html: &str| -> Vec<String> {
        html.split("@font-face { font-family: \"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .map(str::to_owned)
            .collect()
    };
    let session = multilingual();
    let html = String::from_utf8(exported(&session, Format::Html).remove(0).bytes).unwrap();
    let embedded = families(&html);
    for script in ["Arabic", "Bengali", "Gurmukhi", "Emoji", "CJK"] {
        assert!(
            embedded.iter().any(|family| family.contains(script)),
            "the page carries a font for {script}: {embedded:?}"
        );
    }
    assert!(
        html.contains("figure svg text { font-family: \"Common Ground Ubuntu\", \"Common Ground Noto Sans Arabic\"")
    );
    // A page in Latin letters alone carries Ubuntu only.
    let mut latin = multilingual();
    latin.notes.retain(|note| note.text.is_ascii());
    latin.details.title = "One partnership".to_owned();
    let html = String::from_utf8(exported(&latin, Format::Html).remove(0).bytes).unwrap();
    assert_eq!(families(&html), ["Common Ground Ubuntu"], "no script font where no word needs one");
}
