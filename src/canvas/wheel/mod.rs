//! The prompt wheel (the guide's Figure 6): geometry, layout, palette and marks.
