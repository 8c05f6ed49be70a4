//! Text handed to the operating system (window titles), made safe for it. A workshop's title
//! comes from a file or a phone and may hold any character; X11 and Wayland take titles as C
//! strings, where a NUL would end (or, in winit, panic on) the title.

/// `text` with every control character (NUL, escape, line breaks, tabs, …) replaced by a space
/// and runs of spaces closed up, ready to be a window title.
pub fn window_title_text(text: &str) -> String {
    let cleaned: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    cleaned.split(' ').filter(|word| !word.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::window_title_text;

    #[test]
    fn control_characters_never_reach_a_window_title() {
        assert_eq!(window_title_text("Harbour\0 night"), "Harbour night");
        assert_eq!(window_title_text("a\u{1b}[31mred\r\nb\tc\u{7f}"), "a [31mred b c");
        assert_eq!(window_title_text("Plain title — Common Ground"), "Plain title — Common Ground");
        assert!(!window_title_text("\0\0\0").contains('\0'));
    }
}
