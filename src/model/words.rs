//! How the workshop's things read in words, wherever they are shown: on the console, on the
//! phones, and in every export. Written once here so the screen and the exports never disagree.

use super::{MapArc, NoteGroup, Placement, Session, VoteScope, WheelBand};

/// "1 dot", "3 dots".
pub fn dots_words(dots: u32) -> String {
    if dots == 1 { "1 dot".to_owned() } else { format!("{dots} dots") }
}

/// "" for one, "s" for any other count.
fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// The words of a group's heading card under the heading: "3 notes", or "3 notes folded".
pub fn count_words(group: &NoteGroup, count: usize) -> String {
    if group.collapsed {
        format!("{count} note{} folded", plural(count))
    } else {
        format!("{count} note{}", plural(count))
    }
}

/// Where a note sits, as the facilitator's list of notes says it: "Not yet on a canvas",
/// "Prompt wheel · What about money? · opportunity", "Needs map · What is the need?".
pub fn placement_label(session: &Session, placement: &Placement) -> String {
    match placement {
        Placement::Unplaced => "Not yet on a canvas".to_owned(),
        Placement::Wheel { prompt, band } => {
            let band = match band {
                WheelBand::Assumption => "assumption",
                WheelBand::Opportunity => "opportunity",
            };
            format!(
                "Prompt wheel · {} · {band}",
                session.wheel.prompt(prompt).map_or(prompt.as_str(), |p| p.question.as_str())
            )
        }
        Placement::Map { arc, .. } => match arc {
            MapArc::Need => "Needs map · What is the need?".to_owned(),
            MapArc::Help => "Needs map · Potential sources of help".to_owned(),
        },
    }
}

/// Where a note is, in words a participant on a phone understands: "An assumption on “Who’s in
/// control?”", "A need, on the needs map".
pub fn place_in_words(session: &Session, placement: &Placement) -> String {
    match placement {
        Placement::Wheel { prompt, band } => {
            let question = session.wheel.prompt(prompt).map_or(prompt.as_str(), |prompt| prompt.question.as_str());
            match band {
                WheelBand::Assumption => format!("An assumption on “{question}”"),
                WheelBand::Opportunity => format!("An opportunity on “{question}”"),
            }
        }
        Placement::Map { arc: MapArc::Need, .. } => "A need, on the needs map".to_owned(),
        Placement::Map { arc: MapArc::Help, .. } => "A source of help, on the needs map".to_owned(),
        Placement::Unplaced => "Not yet on a canvas".to_owned(),
    }
}

/// What a vote is over, in words: "the notes of “Whose welfare comes first?”".
pub fn vote_scope_words(session: &Session, scope: &VoteScope) -> String {
    match scope {
        VoteScope::Prompt(key) => {
            let question =
                session.wheel.prompt(key).map_or("a prompt no longer on the wheel", |prompt| prompt.question.as_str());
            format!("the notes of “{question}”")
        }
        VoteScope::Wheel => "every note on the prompt wheel".to_owned(),
        VoteScope::Map => "every note on the needs map".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Session;

    #[test]
    fn places_read_alike_for_the_facilitator_and_the_phones() {
        let session = Session::default();
        let prompt = session.wheel.prompts[1].clone();
        let wheel = Placement::Wheel { prompt: prompt.key.clone(), band: WheelBand::Opportunity };
        assert_eq!(placement_label(&session, &wheel), format!("Prompt wheel · {} · opportunity", prompt.question));
        assert_eq!(place_in_words(&session, &wheel), format!("An opportunity on “{}”", prompt.question));
        let help = Placement::Map { arc: MapArc::Help, along: 0.5 };
        assert_eq!(placement_label(&session, &help), "Needs map · Potential sources of help");
        assert_eq!(place_in_words(&session, &help), "A source of help, on the needs map");
        let gone = VoteScope::Prompt("custom-gone".to_owned());
        assert_eq!(vote_scope_words(&session, &gone), "the notes of “a prompt no longer on the wheel”");
        assert_eq!(dots_words(1), "1 dot");
        assert_eq!(dots_words(4), "4 dots");
    }
}
