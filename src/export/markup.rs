//! Escaping text for HTML and SVG, so that whatever a note says shows as text and never as markup.

use std::fmt::Write as _;

/// `text` made safe to put between tags or inside a quoted attribute of HTML or XML (SVG).
///
/// `&`, `<`, `>`, `"` and `'` become character references, and the control characters that XML
/// forbids (which would make the whole picture unreadable) are dropped; line breaks and tabs stay.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            '\t' | '\n' | '\r' => escaped.push(character),
            _ if forbidden_in_xml(character) => {}
            _ => escaped.push(character),
        }
    }
    escaped
}

/// Characters XML 1.0 does not allow in a document at all.
fn forbidden_in_xml(character: char) -> bool {
    character.is_control() && !matches!(character, '\t' | '\n' | '\r') || matches!(character, '\u{FFFE}' | '\u{FFFF}')
}

/// A number for SVG and CSS: at most two decimals, without trailing zeros, never "-0".
pub fn number(value: f32) -> String {
    if !value.is_finite() {
        return "0".to_owned();
    }
    let rounded = (value * 100.0).round() / 100.0;
    let mut text = String::new();
    let _ = write!(text, "{rounded:.2}");
    let trimmed = text.trim_end_matches('0').trim_end_matches('.');
    if trimmed == "-0" || trimmed.is_empty() { "0".to_owned() } else { trimmed.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_user_text_becomes_text() {
        assert_eq!(escape("<script>alert('x')</script>"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assert_eq!(escape("<img src=x onerror=\"alert(1)\">"), "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
        assert_eq!(escape("Tom & Jerry"), "Tom &amp; Jerry");
        assert_eq!(escape("a\u{0}b\u{1b}c\u{FFFF}\nd"), "abc\nd");
    }

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(number(1.0), "1");
        assert_eq!(number(1.256), "1.26");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number(12.5), "12.5");
        assert_eq!(number(f32::NAN), "0");
    }
}
