//! The badge a closed vote puts on a note: its dots, in a disc at the note's top right corner.

pub use crate::canvas::marks::paint_dot_badge;
