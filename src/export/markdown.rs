//! The summary as Markdown (`CommonMark`), for pasting into emails, wikis and minutes. Every piece
//! of text from the workshop is escaped, so a note can never turn into a link, a heading or HTML.

use super::document::{Block, Item, Run};

/// Escapes `text` so that `CommonMark` shows it as written: characters that start emphasis, code,
/// links or HTML are escaped anywhere, and those that start a heading, quote or list are escaped
/// at the start of a line. Line breaks become hard breaks indented by `indent`.
pub fn escape_markdown(text: &str, indent: &str) -> String {
    escape_lines(text, indent, true)
}

/// Like [`escape_markdown`], for text that starts partway along a line unless `at_line_start`;
/// its later lines always start lines. Space round the text is kept, so runs stay apart.
fn escape_lines(text: &str, indent: &str, at_line_start: bool) -> String {
    let leading = &text[..text.len() - text.trim_start().len()];
    let trailing = &text[text.trim_end().len()..];
    let lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .enumerate()
        .map(|(index, line)| escape_markdown_line(line, index > 0 || at_line_start && leading.is_empty()))
        .collect();
    if lines.is_empty() {
        return leading.replace(['\n', '\r'], " ");
    }
    let end = if trailing.contains('\n') { "" } else { trailing };
    format!("{}{}{end}", leading.replace(['\n', '\r'], ""), lines.join(&format!("\\\n{indent}")))
}

/// Escapes a heading's words: only what acts inside a line, since nothing in a heading can
/// start a list or a quote.
fn escape_heading(text: &str) -> String {
    escape_markdown_line(&text.split_whitespace().collect::<Vec<_>>().join(" "), false)
}

fn escape_markdown_line(line: &str, line_start_matters: bool) -> String {
    let mut escaped = String::with_capacity(line.len() + 8);
    let characters: Vec<char> = line.chars().filter(|c| !c.is_control()).collect();
    for (index, &character) in characters.iter().enumerate() {
        let next = characters.get(index + 1).copied();
        let escape = match character {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => true,
            // "&copy;" would become ©; "Tom & Jerry" reads fine as it is.
            '&' => next.is_some_and(|next| next.is_alphanumeric() || next == '#'),
            '#' | '-' | '+' | '=' => line_start_matters && index == 0,
            // "1. " or "1) " at the start of a line would start a numbered list.
            '.' | ')' => line_start_matters && index > 0 && characters[..index].iter().all(char::is_ascii_digit),
            _ => false,
        };
        if escape {
            escaped.push('\\');
        }
        escaped.push(character);
    }
    escaped
}

fn runs_to_markdown(runs: &[Run], indent: &str) -> String {
    let mut text = String::new();
    let mut at_line_start = true;
    for (index, run) in runs.iter().enumerate() {
        match run {
            Run::Plain(words) => text.push_str(&escape_lines(words, indent, at_line_start)),
            Run::Strong(words) => {
                let trimmed = words.trim_end();
                text.push_str(&format!("**{}**", escape_lines(trimmed, indent, false)));
                text.push_str(&words[trimmed.len()..]);
            }
            Run::Quiet(words) => {
                let trimmed = words.trim();
                let leading = &words[..words.len() - words.trim_start().len()];
                text.push_str(leading);
                text.push_str(&format!("*{}*", escape_lines(trimmed, indent, false)));
            }
            Run::Badge { text: words, .. } => {
                text.push_str(&format!("\\[{}\\]", escape_lines(words, indent, false)));
                // A space between the badge and words that follow it straight away.
                if super::document::glued_to_next(runs, index) {
                    text.push(' ');
                }
            }
            Run::Break => text.push_str(&format!("\\\n{indent}")),
        }
        at_line_start = matches!(run, Run::Break);
    }
    text
}

/// Writes a list whose markers start after `outer`; each item's children are indented to line up
/// with the item's text, as `CommonMark` needs.
fn write_items(out: &mut String, items: &[Item], numbered: bool, outer: &str) {
    for (index, item) in items.iter().enumerate() {
        let marker = if numbered { format!("{}. ", index + 1) } else { "- ".to_owned() };
        let indent = format!("{outer}{}", " ".repeat(marker.len()));
        out.push_str(&format!("{outer}{marker}{}\n", runs_to_markdown(&item.runs, &indent)));
        write_items(out, &item.children, false, &indent);
    }
}

/// The document as Markdown text.
pub fn to_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Heading { level, text, .. } => {
                out.push_str(&format!("{} {}\n\n", "#".repeat(usize::from(*level)), escape_heading(text)));
            }
            Block::Paragraph(runs) => out.push_str(&format!("{}\n\n", runs_to_markdown(runs, ""))),
            Block::Note(runs) => out.push_str(&format!("*{}*\n\n", runs_to_markdown(runs, "").trim())),
            Block::Facts(facts) => {
                for (label, value) in facts {
                    out.push_str(&format!("- **{}:** {}\n", escape_markdown(label, ""), escape_markdown(value, "  ")));
                }
                out.push('\n');
            }
            Block::List { items, numbered } => {
                write_items(&mut out, items, *numbered, "");
                out.push('\n');
            }
            // Markdown is text only: the pictures are in the HTML and PDF summaries.
            Block::Figure { .. } => {}
        }
    }
    let trimmed_length = out.trim_end().len();
    out.truncate(trimmed_length);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_syntax_in_notes_is_escaped() {
        assert_eq!(escape_markdown("<script>alert(1)</script>", ""), "\\<script\\>alert(1)\\</script\\>");
        assert_eq!(escape_markdown("# not a heading", ""), "\\# not a heading");
        assert_eq!(escape_markdown("1. not a list", ""), "1\\. not a list");
        assert_eq!(escape_markdown("[link](http://x)", ""), "\\[link\\](http://x)");
        assert_eq!(escape_markdown("**bold** _it_", ""), "\\*\\*bold\\*\\* \\_it\\_");
        assert_eq!(escape_markdown("Tom & Jerry &amp;", ""), "Tom & Jerry \\&amp;");
        assert_eq!(escape_markdown("co-run 2-3 times", ""), "co-run 2-3 times");
        assert_eq!(escape_markdown("first\n- second", "  "), "first\\\n  \\- second");
        assert_eq!(escape_heading("1. Whose\nwelfare <b>"), "1. Whose welfare \\<b\\>");
        assert_eq!(escape_lines(" - a dash, mid-line", "", true), " - a dash, mid-line");
        assert_eq!(escape_lines("1. ", "", false), "1. ");
    }
}
