//! The summary as one self-contained, printable web page: the canvases are in it as SVG, the
//! font is in it, and nothing is fetched from anywhere. Every piece of workshop text is escaped,
//! so a note of `<script>` shows as those characters.

use super::document::{Block, Canvas, Item, Run};
use super::markup::escape;
use super::text::MAIN_FONT;
use crate::fonts::{BundledFont, font_has, font_index_for};
use crate::model::{Rgb, Session};
use base64::Engine as _;
use std::fmt::Write as _;

/// How the page looks on screen and on A4 paper.
const STYLE: &str = r#"
:root { color-scheme: light; --quiet: #555; --rule: #c9d3dd; }
body { font-family: "Common Ground Ubuntu", Ubuntu, "Segoe UI", Arial, sans-serif; font-weight: 300; font-size: 17px;
  line-height: 1.45; color: #141414; background: #fff; max-width: 62rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 2.2rem; font-weight: 400; line-height: 1.2; margin: 0 0 .8rem; }
h2 { font-size: 1.65rem; font-weight: 400; margin: 2.6rem 0 .8rem; padding-bottom: .25rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.3rem; font-weight: 400; margin: 1.8rem 0 .5rem; }
h4 { font-size: 1.05rem; font-weight: 400; margin: 1rem 0 .3rem; color: #333; text-transform: none; }
strong { font-weight: 700; }
p { margin: .4rem 0 .8rem; }
.note { color: var(--quiet); font-style: italic; }
.quiet { color: var(--quiet); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.2rem; margin: 0 0 1rem; }
dl.facts dt { font-weight: 700; }
dl.facts dd { margin: 0; }
.badge { display: inline-block; font-size: .8em; line-height: 1.4; padding: 0 .4em; margin-right: .15em; border-radius: .3em;
  vertical-align: .08em; white-space: nowrap; }
ul.items, ol.items { padding-left: 0; margin: .3rem 0 .8rem; }
ul.items { list-style: none; }
ol.items { list-style-position: inside; }
ul.items ul.items { margin: .3rem 0 0 1.2rem; }
li.item { background: #f7f7f7; border-left: 6px solid var(--colour, #bbb); border-radius: 3px; padding: .35rem .7rem;
  margin: .4rem 0; break-inside: avoid; }
li.item li.item { background: #fff; }
figure { margin: 1rem 0 1.4rem; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; border: 1px solid #ddd; }
figcaption { color: var(--quiet); font-size: .9rem; margin-top: .3rem; }
nav.contents { background: #f4f6f8; padding: .6rem 1rem; border-radius: 4px; }
nav.contents ol { margin: .2rem 0; padding-left: 1.4rem; }
nav.contents a { color: #14428c; }
@page { size: A4; margin: 14mm 14mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2, h3, h4 { break-after: avoid; }
  nav.contents { display: none; }
  li.item { background: none; }
}
"#;

/// The page's own name for the bundled font, so it never picks up a different "Ubuntu" installed
/// on the reader's computer.
const FONT_FACE: &str = "Common Ground Ubuntu";

fn colour(rgb: Rgb) -> String {
    rgb.to_string()
}

fn runs_to_html(runs: &[Run]) -> String {
    let mut html = String::new();
    for (index, run) in runs.iter().enumerate() {
        match run {
            Run::Plain(text) => html.push_str(&escape(text)),
            Run::Strong(text) => {
                let _ = write!(html, "<strong>{}</strong>", escape(text));
            }
            Run::Quiet(text) => {
                let _ = write!(html, "<span class=\"quiet\">{}</span>", escape(text));
            }
            Run::Badge { text, fill } => {
                let ink = fill.text_colour();
                let _ = write!(
                    html,
                    "<span class=\"badge\" style=\"background:{};color:#{:02x}{:02x}{:02x}\">{}</span>",
                    colour(*fill),
                    ink.r,
                    ink.g,
                    ink.b,
                    escape(text)
                );
                // A real space between the badge and words that follow it straight away, so
                // copied text and screen readers say "BM A shared goal", not "BMA shared goal".
                if super::document::glued_to_next(runs, index) {
                    html.push(' ');
                }
            }
            Run::Break => html.push_str("<br>"),
        }
    }
    html
}

fn write_items(html: &mut String, items: &[Item], numbered: bool) {
    let tag = if numbered { "ol" } else { "ul" };
    let _ = writeln!(html, "<{tag} class=\"items\">");
    for item in items {
        // Every item names its colour, so a nested item never takes its parent's.
        let style = format!(" style=\"--colour:{}\"", item.colour.map_or_else(|| "#c8c8c8".to_owned(), colour));
        let _ = write!(html, "<li class=\"item\"{style}>{}", runs_to_html(&item.runs));
        if !item.children.is_empty() {
            write_items(html, &item.children, false);
        }
        html.push_str("</li>\n");
    }
    let _ = writeln!(html, "</{tag}>");
}

/// The document as a web page, with the pictures of the session's canvases in it.
pub fn to_html(blocks: &[Block], session: &Session) -> String {
    let title = session.display_title();
    let font = base64::engine::general_purpose::STANDARD.encode(MAIN_FONT);
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Common Ground\">\n<title>{} — workshop summary</title>\n\
         <style>\n@font-face {{ font-family: \"{FONT_FACE}\"; font-weight: 300; \
         src: url(data:font/ttf;base64,{font}) format(\"truetype\"); }}{STYLE}\
         figure svg text {{ font-family: \"{FONT_FACE}\", Ubuntu, sans-serif; }}\n</style>\n</head>\n<body>\n",
        escape(title),
    );

    let contents: Vec<(&str, &str)> = blocks
        .iter()
        .filter_map(|block| match block {
            Block::Heading { level: 2, text, anchor } => Some((anchor.as_str(), text.as_str())),
            _ => None,
        })
        .collect();
    let mut in_section = false;
    for block in blocks {
        match block {
            Block::Heading { level: 1, text, .. } => {
                let _ = writeln!(html, "<header>\n<h1>{}</h1>", escape(text));
            }
            Block::Heading { level: 2, text, anchor } => {
                if in_section {
                    html.push_str("</section>\n");
                } else {
                    // The header ends where the first section starts; the contents go between.
                    html.push_str(
                        "</header>\n<nav class=\"contents\" aria-label=\"Contents\"><strong>Contents</strong>\n<ol>\n",
                    );
                    for (anchor, text) in &contents {
                        let _ = writeln!(html, "<li><a href=\"#{}\">{}</a></li>", escape(anchor), escape(text));
                    }
                    html.push_str("</ol>\n</nav>\n<main>\n");
                }
                in_section = true;
                let _ = writeln!(html, "<section id=\"{}\">\n<h2>{}</h2>", escape(anchor), escape(text));
            }
            Block::Heading { level, text, anchor } => {
                let id = if anchor.is_empty() { String::new() } else { format!(" id=\"{}\"", escape(anchor)) };
                let _ = writeln!(html, "<h{level}{id}>{}</h{level}>", escape(text));
            }
            Block::Paragraph(runs) => {
                let _ = writeln!(html, "<p>{}</p>", runs_to_html(runs));
            }
            Block::Note(runs) => {
                let _ = writeln!(html, "<p class=\"note\">{}</p>", runs_to_html(runs));
            }
            Block::Facts(facts) => {
                html.push_str("<dl class=\"facts\">\n");
                for (label, value) in facts {
                    let _ =
                        writeln!(html, "<dt>{}</dt><dd>{}</dd>", escape(label), escape(value).replace('\n', "<br>"));
                }
                html.push_str("</dl>\n");
            }
            Block::List { items, numbered } => write_items(&mut html, items, *numbered),
            Block::Figure { canvas, caption } => {
                let picture = match canvas {
                    Canvas::Wheel => super::wheel_svg(session),
                    Canvas::Map => super::map_svg(session),
                };
                let _ = write!(html, "<figure>\n{picture}<figcaption>{}</figcaption>\n</figure>\n", escape(caption));
            }
        }
    }
    if in_section {
        html.push_str("</section>\n</main>\n");
    } else {
        html.push_str("</header>\n");
    }
    html.push_str("</body>\n</html>\n");
    with_script_fonts(html)
}

/// `html` with the bundled fonts its words need beyond Ubuntu (Arabic, Bengali, Gurmukhi, emoji,
/// Chinese, Japanese and Korean) embedded and put behind Ubuntu for the text and the pictures: a
/// browser without fonts for a note's script drew it as boxes. Each is embedded whole (from 53 KB
/// for Gurmukhi to 2.4 MB for CJK), and only when the page has a character that needs it, so a
/// page in Latin letters alone is as it was.
fn with_script_fonts(html: String) -> String {
    let needed: Vec<&BundledFont> = crate::fonts::SCRIPTS
        .iter()
        .enumerate()
        .filter(|(index, _)| {
            // Font 0 of the fallback order is Ubuntu, the scripts follow it.
            html.chars().any(|character| {
                !character.is_ascii() && !font_has(0, character) && font_index_for(character) == Some(index + 1)
            })
        })
        .map(|(_, font)| font)
        .collect();
    if needed.is_empty() {
        return html;
    }
    let mut css = String::new();
    let mut families = String::new();
    for font in &needed {
        // OpenType with CFF outlines (the CJK subset) starts with "OTTO"; the others are TrueType.
        let (mime, format) = if font.data.starts_with(b"OTTO") { ("otf", "opentype") } else { ("ttf", "truetype") };
        let data = base64::engine::general_purpose::STANDARD.encode(font.data);
        let _ = writeln!(
            css,
            "@font-face {{ font-family: \"Common Ground {name}\"; font-weight: 100 900; \
             src: url(data:font/{mime};base64,{data}) format(\"{format}\"); }}",
            name = font.name,
        );
        let _ = write!(families, ", \"Common Ground {}\"", font.name);
    }
    let _ = writeln!(
        css,
        "body, figure svg text {{ font-family: \"{FONT_FACE}\"{families}, Ubuntu, \"Segoe UI\", Arial, sans-serif; }}"
    );
    html.replacen("</style>", &format!("{css}</style>"), 1)
}
