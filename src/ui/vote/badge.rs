//! The badge a closed vote puts on a note: its dots, in a disc at the note's top right corner.

pub use crate::canvas::marks::paint_dot_badge;

/// "1 dot", "3 dots".
pub fn dots_words(dots: u32) -> String {
    if dots == 1 { "1 dot".to_owned() } else { format!("{dots} dots") }
}
