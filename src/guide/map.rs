//! Figure 5 of the guide: the two-arc map of needs and sources of help.
//!
//! Quoted exactly from the guide; `tests/map_content.rs` checks every text against it.

use crate::model::MapArc;
use serde::Deserialize;
use std::sync::LazyLock;

/// One stretch of an arc's continuum, e.g. "Voluntary", with the guide's examples.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ArcStage {
    /// The stage's name in the guide's words.
    pub label: String,
    /// Where the stage starts along its arc, 0.0 to 1.0.
    pub from: f32,
    /// Where the stage ends along its arc, 0.0 to 1.0.
    pub to: f32,
    /// The guide's "eg" points for this stage.
    pub examples: Vec<String>,
}

impl ArcStage {
    /// The middle of the stage along its arc.
    pub fn middle(&self) -> f32 {
        f32::midpoint(self.from, self.to)
    }
}

/// One arc of the map: its title and its continuum, in order from the arc's start.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ArcContent {
    /// The arc's title, e.g. "What is the need?".
    pub title: String,
    /// The stages of its continuum, in order.
    pub stages: Vec<ArcStage>,
}

impl ArcContent {
    /// The stage that covers the point `along` the arc (the last stage for the very end).
    pub fn stage_at(&self, along: f32) -> Option<&ArcStage> {
        self.stages.iter().find(|stage| along >= stage.from && along < stage.to).or_else(|| self.stages.last())
    }
}

/// Figure 5 of the guide.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct NeedsMapContent {
    /// The figure's title.
    pub title: String,
    /// The figure's caption.
    pub caption: String,
    /// The question the map exists to answer.
    pub focus_question: String,
    /// The guide's warning that the map is not a clinical tool.
    pub caveat: String,
    /// The guide's words on how the two arcs relate.
    pub continuum: String,
    /// The credit line shown wherever the content appears.
    pub credit: String,
    /// "What is the need?"
    pub need_arc: ArcContent,
    /// "Potential sources of help"
    pub help_arc: ArcContent,
    /// The guide's words introducing the vulnerable groups.
    pub vulnerable_heading: String,
    /// The groups the guide says may be particularly vulnerable, offered as tags on needs.
    pub vulnerable_groups: Vec<String>,
}

impl NeedsMapContent {
    /// The content of one arc.
    pub fn arc(&self, arc: MapArc) -> &ArcContent {
        match arc {
            MapArc::Need => &self.need_arc,
            MapArc::Help => &self.help_arc,
        }
    }
}

/// The RON source of the needs map content.
pub const NEEDS_MAP_SOURCE: &str = include_str!("../../assets/needs_map.ron");

static NEEDS_MAP: LazyLock<NeedsMapContent> =
    // The asset is part of the binary and a unit test parses it, so the default (empty) content
    // is never seen in a released build; it only keeps a broken asset from becoming a panic.
    LazyLock::new(|| ron::from_str(NEEDS_MAP_SOURCE).unwrap_or_default());

/// The needs map content.
pub fn needs_map() -> &'static NeedsMapContent {
    &NEEDS_MAP
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_map_asset_parses_with_stages_covering_each_arc_in_order() {
        let content: NeedsMapContent = ron::from_str(NEEDS_MAP_SOURCE).expect("asset parses");
        assert_eq!(content.need_arc.stages.len(), 2);
        assert_eq!(content.help_arc.stages.len(), 3);
        assert_eq!(content.vulnerable_groups.len(), 4);
        for arc in [&content.need_arc, &content.help_arc] {
            let stages = &arc.stages;
            assert_eq!(stages.first().map(|stage| stage.from), Some(0.0), "{} starts at its start", arc.title);
            assert_eq!(stages.last().map(|stage| stage.to), Some(1.0), "{} ends at its end", arc.title);
            for pair in stages.windows(2) {
                assert_eq!(pair[0].to, pair[1].from, "stages of {} meet without gaps", arc.title);
            }
            assert!(stages.iter().all(|stage| stage.from < stage.to && !stage.examples.is_empty()));
        }
        assert_eq!(content.help_arc.stage_at(0.5).map(|stage| stage.label.as_str()), Some("Voluntary"));
        assert_eq!(content.help_arc.stage_at(1.0).map(|stage| stage.label.as_str()), Some("Statutory health services"));
    }
}
