//! The map's answer, need by need: which sources of help can be put together for it, which
//! could with support, and where the gaps are. Plain data, so it is tested without a screen.

use super::{Link, LinkKind, MapArc, Note, NoteId, Session};
use std::collections::HashMap;

/// How well a need is met, judged from its links.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NeedStatus {
    /// Nothing is linked to it.
    NoSupportYet,
    /// Its only links are gaps: the room knows nobody offers this yet.
    GapsOnly,
    /// Some source could meet it with support, none does now.
    WithSupport,
    /// At least one source meets it now.
    MetNow,
}

impl NeedStatus {
    /// The status in words, as shown on the need's note and in the answer panel.
    pub fn label(self) -> &'static str {
        match self {
            NeedStatus::NoSupportYet => "No support yet",
            NeedStatus::GapsOnly => "Gap: nobody offers this yet",
            NeedStatus::WithSupport => "Could be met with support",
            NeedStatus::MetNow => "Met now",
        }
    }

    /// Whether nothing meets the need yet, now or with support.
    pub fn is_unmet(self) -> bool {
        matches!(self, NeedStatus::NoSupportYet | NeedStatus::GapsOnly)
    }
}

/// One source of help linked to a need.
#[derive(Clone, Copy, Debug)]
pub struct LinkedHelp<'a> {
    /// The link.
    pub link: &'a Link,
    /// The source of help at its other end.
    pub help: &'a Note,
}

/// What the map says about one need.
#[derive(Clone, Debug)]
pub struct NeedAnswer<'a> {
    /// The need.
    pub need: &'a Note,
    /// How well it is met.
    pub status: NeedStatus,
    /// Sources that meet it now, then sources that could with support, in the order linked.
    pub support: Vec<LinkedHelp<'a>>,
    /// Sources the room marked as gaps for it.
    pub gaps: Vec<LinkedHelp<'a>>,
}

/// How well every need is met, in one pass over the links (a need with no links is absent, and
/// has no support yet).
pub fn need_statuses(session: &Session) -> HashMap<NoteId, NeedStatus> {
    let mut statuses: HashMap<NoteId, NeedStatus> = HashMap::new();
    for link in &session.links {
        let status = status_from_kinds(std::iter::once(link.kind));
        let entry = statuses.entry(link.need).or_insert(status);
        *entry = (*entry).max(status);
    }
    statuses
}

fn status_from_kinds(kinds: impl Iterator<Item = LinkKind>) -> NeedStatus {
    kinds
        .map(|kind| match kind {
            LinkKind::MeetsNow => NeedStatus::MetNow,
            LinkKind::CouldWithSupport => NeedStatus::WithSupport,
            LinkKind::Gap => NeedStatus::GapsOnly,
        })
        .max()
        .unwrap_or(NeedStatus::NoSupportYet)
}

/// One need's answer as places in the session (indexes into its notes and links), so it can be
/// kept between frames while the session does not change.
#[derive(Clone, Debug)]
pub struct AnswerAt {
    /// The need, in the session's notes.
    pub need: usize,
    /// How well it is met.
    pub status: NeedStatus,
    /// Links and sources of help (in the session's links and notes) that meet it now, then those
    /// that could with support.
    pub support: Vec<(usize, usize)>,
    /// Links and sources of help the room marked as gaps for it.
    pub gaps: Vec<(usize, usize)>,
}

impl AnswerAt {
    /// The answer with its notes and links, from the session it was worked out for.
    pub fn resolve<'a>(&self, session: &'a Session) -> Option<NeedAnswer<'a>> {
        let linked = |places: &[(usize, usize)]| -> Option<Vec<LinkedHelp<'a>>> {
            places
                .iter()
                .map(|&(link, help)| {
                    Some(LinkedHelp { link: session.links.get(link)?, help: session.notes.get(help)? })
                })
                .collect()
        };
        Some(NeedAnswer {
            need: session.notes.get(self.need)?,
            status: self.status,
            support: linked(&self.support)?,
            gaps: linked(&self.gaps)?,
        })
    }
}

/// Every need on the map with its support and gaps: unmet needs first, then needs that could be
/// met with support, then needs met now; within each, in order along the arc.
pub fn answers(session: &Session) -> Vec<NeedAnswer<'_>> {
    answers_at(session).iter().filter_map(|answer| answer.resolve(session)).collect()
}

/// [`answers`] as places in the session.
pub fn answers_at(session: &Session) -> Vec<AnswerAt> {
    // Looked up by id once, rather than a search of every note for every link.
    let notes: HashMap<NoteId, usize> =
        session.notes.iter().enumerate().map(|(index, note)| (note.id, index)).collect();
    let mut links_of_need: HashMap<NoteId, Vec<usize>> = HashMap::new();
    for (index, link) in session.links.iter().enumerate() {
        links_of_need.entry(link.need).or_default().push(index);
    }
    let mut answers: Vec<(f32, AnswerAt)> = session
        .notes
        .iter()
        .enumerate()
        .filter(|(_, note)| note.placement.map_arc() == Some(MapArc::Need))
        .map(|(need, note)| {
            let linked: Vec<(usize, usize)> = links_of_need
                .get(&note.id)
                .into_iter()
                .flatten()
                .filter_map(|&link| Some((link, *notes.get(&session.links[link].help)?)))
                .collect();
            let kind = |&(link, _): &(usize, usize)| session.links[link].kind;
            let status = status_from_kinds(linked.iter().map(kind));
            let (mut support, gaps): (Vec<_>, Vec<_>) =
                linked.into_iter().partition(|place| kind(place) != LinkKind::Gap);
            support.sort_by_key(|place| kind(place) != LinkKind::MeetsNow);
            (along(note), AnswerAt { need, status, support, gaps })
        })
        .collect();
    answers.sort_by(|a, b| a.1.status.cmp(&b.1.status).then(a.0.total_cmp(&b.0)));
    answers.into_iter().map(|(_, answer)| answer).collect()
}

fn along(note: &Note) -> f32 {
    match note.placement {
        crate::model::Placement::Map { along, .. } => along,
        _ => 0.0,
    }
}

/// A one-line summary for the top of the answer panel, e.g. "3 of 15 needs have no support yet".
pub fn summary(answers: &[NeedAnswer<'_>]) -> String {
    let unmet = answers.iter().filter(|answer| answer.status.is_unmet()).count();
    match (answers.len(), unmet) {
        (0, _) => "No needs on the map yet.".to_owned(),
        (1, 0) => "The need on the map has some support.".to_owned(),
        (total, 0) => format!("Every one of the {total} needs has some support."),
        (1, 1) => "The need on the map has no support yet.".to_owned(),
        (total, unmet) if unmet == total => format!("None of the {total} needs has support yet."),
        (total, 1) => format!("1 of {total} needs has no support yet."),
        (total, unmet) => format!("{unmet} of {total} needs have no support yet."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, Placement};
    use time::OffsetDateTime;

    fn add_note(session: &mut Session, text: &str, arc: MapArc, along: f32) -> NoteId {
        let note = Note::new(text, Placement::Map { arc, along }, OffsetDateTime::UNIX_EPOCH);
        let id = note.id;
        Edit::InsertNote { index: session.notes.len(), note }.apply(session).unwrap();
        id
    }

    fn link(session: &mut Session, need: NoteId, help: NoteId, kind: LinkKind) {
        let link = Link::new(need, help, kind);
        Edit::InsertLink { index: session.links.len(), link }.apply(session).unwrap();
    }

    fn texts<'a>(answers: &'a [NeedAnswer<'a>]) -> Vec<&'a str> {
        answers.iter().map(|answer| answer.need.text.as_str()).collect()
    }

    #[test]
    fn unmet_needs_come_first_then_with_support_then_met_each_in_arc_order() {
        let mut session = Session::default();
        let met = add_note(&mut session, "met", MapArc::Need, 0.1);
        let later_unlinked = add_note(&mut session, "unlinked later", MapArc::Need, 0.9);
        let _unlinked = add_note(&mut session, "unlinked", MapArc::Need, 0.2);
        let gap_only = add_note(&mut session, "gap only", MapArc::Need, 0.5);
        let with_support = add_note(&mut session, "with support", MapArc::Need, 0.3);
        let _help_note_is_not_a_need = add_note(&mut session, "drop-in", MapArc::Help, 0.1);
        let help = add_note(&mut session, "college course", MapArc::Help, 0.5);
        let other_help = add_note(&mut session, "peer group", MapArc::Help, 0.6);
        link(&mut session, met, help, LinkKind::CouldWithSupport);
        link(&mut session, met, other_help, LinkKind::MeetsNow);
        link(&mut session, gap_only, help, LinkKind::Gap);
        link(&mut session, with_support, help, LinkKind::CouldWithSupport);
        link(&mut session, with_support, other_help, LinkKind::Gap);

        let answers = answers(&session);
        assert_eq!(texts(&answers), ["unlinked", "unlinked later", "gap only", "with support", "met"]);
        let statuses: Vec<NeedStatus> = answers.iter().map(|answer| answer.status).collect();
        use NeedStatus::*;
        assert_eq!(statuses, [NoSupportYet, NoSupportYet, GapsOnly, WithSupport, MetNow]);
        let statuses = need_statuses(&session);
        assert_eq!(statuses.get(&later_unlinked), None, "no links, no support yet");
        assert_eq!(statuses.get(&met), Some(&MetNow));
        for answer in &answers {
            let status = statuses.get(&answer.need.id).copied().unwrap_or(NoSupportYet);
            assert_eq!(status, answer.status, "one pass over the links agrees with the answers");
        }

        let met_answer = answers.last().unwrap();
        let support: Vec<&str> = met_answer.support.iter().map(|linked| linked.help.text.as_str()).collect();
        assert_eq!(support, ["peer group", "college course"], "what meets it now is listed first");
        assert!(met_answer.gaps.is_empty());
        let with_support_answer = &answers[3];
        assert_eq!(with_support_answer.gaps.len(), 1);
        assert_eq!(with_support_answer.gaps[0].help.text, "peer group");
        assert_eq!(summary(&answers), "3 of 5 needs have no support yet.");
    }

    #[test]
    fn summary_reads_well_for_every_count() {
        let mut session = Session::default();
        assert_eq!(summary(&answers(&session)), "No needs on the map yet.");
        let need = add_note(&mut session, "a need", MapArc::Need, 0.5);
        assert_eq!(summary(&answers(&session)), "The need on the map has no support yet.");
        add_note(&mut session, "another", MapArc::Need, 0.6);
        assert_eq!(summary(&answers(&session)), "None of the 2 needs has support yet.");
        let help = add_note(&mut session, "help", MapArc::Help, 0.5);
        link(&mut session, need, help, LinkKind::MeetsNow);
        assert_eq!(summary(&answers(&session)), "1 of 2 needs has no support yet.");
    }
}
