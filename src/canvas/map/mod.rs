//! The needs map (the guide's Figure 5): geometry, layout, palette and marks.
