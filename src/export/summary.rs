//! What a summary says, worked out once from the session, so the Markdown, HTML and PDF
//! summaries say the same things in the same order: the workshop's details, who took part, each
//! prompt with its notes, the map's answer need by need, the action plan, and the guide's credit.

use super::ExportOptions;
use super::marks::shown_vote;
use crate::guide::map::needs_map;
use crate::guide::prompt_wheel;
use crate::model::answer::{self, NeedAnswer};
use crate::model::{
    Action, DotVote, GroupId, Link, LinkKind, MapArc, Note, NoteGroup, Organisation, Placement, Rgb, Sector, Session,
    WheelBand,
};
use time::{Date, OffsetDateTime, UtcOffset};

/// A note as a summary shows it: its words and who it speaks for.
#[derive(Clone, Debug)]
pub struct NoteLine<'a> {
    /// The note.
    pub note: &'a Note,
    /// The organisation it speaks for, if it names one that exists.
    pub organisation: Option<&'a Organisation>,
    /// Its dots in the vote the summary shows, when it got any.
    pub dots: Option<u32>,
}

impl<'a> NoteLine<'a> {
    /// The note as the summary shows it.
    pub fn of(session: &'a Session, note: &'a Note) -> Self {
        let dots = shown_vote(session).map(|vote| vote.dots_on(note.id)).filter(|dots| *dots > 0);
        Self { note, organisation: note.organisation.and_then(|id| session.organisation(id)), dots }
    }

    /// The note's words.
    pub fn text(&self) -> &str {
        &self.note.text
    }

    /// Who it is from, e.g. "City of Bristol College, Kate", or "Anonymous".
    pub fn attribution(&self) -> String {
        let author = self.note.author.as_deref().map(str::trim).filter(|author| !author.is_empty());
        match (self.organisation, author) {
            (Some(organisation), Some(author)) => format!("{}, {author}", organisation.name),
            (Some(organisation), None) => organisation.name.clone(),
            (None, Some(author)) => author.to_owned(),
            (None, None) => "Anonymous".to_owned(),
        }
    }

    /// The organisation's initials, or a dash.
    pub fn initials(&self) -> String {
        self.organisation.map_or_else(|| "–".to_owned(), Organisation::short_label)
    }

    /// The organisation's colour, or grey.
    pub fn colour(&self) -> Rgb {
        self.organisation.map_or(Rgb::new(0x99, 0x99, 0x99), |organisation| organisation.colour)
    }

    /// The note's tags, joined for reading.
    pub fn tags(&self) -> Option<String> {
        (!self.note.tags.is_empty()).then(|| self.note.tags.join(", "))
    }
}

/// An organisation and the people who came from it.
#[derive(Clone, Debug)]
pub struct Partner<'a> {
    /// The organisation.
    pub organisation: &'a Organisation,
    /// The names of those who gave one.
    pub people: Vec<&'a str>,
    /// How many took part without a name.
    pub anonymous: usize,
}

/// The partners of one sector.
#[derive(Clone, Debug)]
pub struct SectorGroup<'a> {
    /// The sector's name.
    pub sector: &'static str,
    /// Its organisations, in the order they were added.
    pub partners: Vec<Partner<'a>>,
}

/// A note, or a group of notes under its heading, as a summary lists them.
#[derive(Clone, Debug)]
pub enum Entry<'a> {
    /// A note in no group.
    Note(NoteLine<'a>),
    /// A group's heading and its notes.
    Group(&'a NoteGroup, Vec<NoteLine<'a>>),
}

/// `notes` with each group's notes gathered under its heading, where its first note is.
pub fn entries<'a>(session: &'a Session, notes: impl IntoIterator<Item = &'a Note>) -> Vec<Entry<'a>> {
    let notes: Vec<&'a Note> = notes.into_iter().collect();
    let mut entries = Vec::new();
    let mut seen: Vec<GroupId> = Vec::new();
    for note in &notes {
        match note.group.and_then(|id| session.group(id)) {
            None => entries.push(Entry::Note(NoteLine::of(session, note))),
            Some(group) if !seen.contains(&group.id) => {
                seen.push(group.id);
                let members = notes.iter().filter(|member| member.group == Some(group.id));
                entries.push(Entry::Group(group, members.map(|member| NoteLine::of(session, member)).collect()));
            }
            Some(_) => {}
        }
    }
    entries
}

/// One prompt of the wheel with its notes.
#[derive(Clone, Debug)]
pub struct PromptNotes<'a> {
    /// The question.
    pub question: &'a str,
    /// Whether the room discussed it.
    pub discussed: bool,
    /// Its notes in the inner ring, grouped.
    pub assumptions: Vec<Entry<'a>>,
    /// Its notes in the outer ring, grouped.
    pub opportunities: Vec<Entry<'a>>,
}

/// A closed dot vote and its result.
#[derive(Clone, Debug)]
pub struct VoteResult<'a> {
    /// The vote.
    pub vote: &'a DotVote,
    /// What it was over, in words.
    pub over: String,
    /// The notes that got dots, most first, with their rank (equal dots share a rank).
    pub ranked: Vec<(u32, NoteLine<'a>, u32)>,
}

/// The map's part of the summary.
#[derive(Clone, Debug)]
pub struct MapSummary<'a> {
    /// One line on how many needs are met, e.g. "3 of 15 needs have no support yet."
    pub overview: String,
    /// Every need with its support and gaps, unmet needs first.
    pub needs: Vec<NeedAnswer<'a>>,
    /// Sources of help no need is linked to.
    pub unlinked_help: Vec<NoteLine<'a>>,
}

/// One action of the plan.
#[derive(Clone, Debug)]
pub struct ActionLine<'a> {
    /// The action.
    pub action: &'a Action,
    /// The organisation leading it.
    pub lead: Option<&'a Organisation>,
    /// The date it is due, in words.
    pub by_when: Option<String>,
    /// The organisations supporting the lead.
    pub supporting: Vec<&'a Organisation>,
    /// The notes it arose from.
    pub arose_from: Vec<NoteLine<'a>>,
    /// The links on the map it answers, in words.
    pub map_links: Vec<String>,
}

/// Everything a summary says.
#[derive(Clone, Debug)]
pub struct Summary<'a> {
    /// The session summed up.
    pub session: &'a Session,
    /// The workshop's title.
    pub title: &'a str,
    /// When the summary was made, in words.
    pub generated: String,
    /// The workshop's details that are filled in, as (label, value).
    pub details: Vec<(&'static str, String)>,
    /// The partners by sector, in the order of [`Sector::ALL`].
    pub sectors: Vec<SectorGroup<'a>>,
    /// Names of participants who came from no organisation.
    pub independent_people: Vec<&'a str>,
    /// How many of those took part without a name.
    pub independent_anonymous: usize,
    /// The wheel's figure title, from the guide.
    pub wheel_title: &'static str,
    /// The wheel's headings for its two rings.
    pub ring_headings: (&'static str, &'static str),
    /// "4 of 11 discussed".
    pub wheel_progress: String,
    /// The prompts in order round the wheel.
    pub prompts: Vec<PromptNotes<'a>>,
    /// How many notes are on the wheel.
    pub wheel_notes: usize,
    /// The map's figure title, from the guide.
    pub map_title: &'static str,
    /// The guide's question for the map.
    pub map_question: &'static str,
    /// The map, when it has any notes.
    pub map: Option<MapSummary<'a>>,
    /// The agenda's steps: title, activity, time box.
    pub agenda: Vec<(&'a str, &'static str, Option<u32>)>,
    /// Closed dot votes, in the order they were held.
    pub votes: Vec<VoteResult<'a>>,
    /// The question of a vote still open, whose dots are not shown.
    pub open_vote: Option<&'a str>,
    /// The action plan.
    pub actions: Vec<ActionLine<'a>>,
    /// How many notes written in private were not yet revealed, and so are left out.
    pub unrevealed: usize,
    /// Notes not on either canvas.
    pub unplaced: Vec<NoteLine<'a>>,
    /// The guide's credit lines, for the wheel and for the map.
    pub credits: [&'static str; 2],
}

/// A date as people write it, e.g. "12 March 2026".
pub fn long_date(date: Date) -> String {
    format!("{} {} {}", date.day(), date.month(), date.year())
}

/// A moment as people write it, e.g. "12 March 2026 at 17:00 UTC" (or "+01:00").
pub fn long_moment(moment: OffsetDateTime) -> String {
    let offset = moment.offset();
    let zone = if offset == UtcOffset::UTC {
        "UTC".to_owned()
    } else {
        let (hours, minutes, _) = offset.as_hms();
        format!("{}{:02}:{:02}", if offset.is_negative() { '-' } else { '+' }, hours.abs(), minutes.abs())
    };
    format!("{} at {:02}:{:02} {zone}", long_date(moment.date()), moment.hour(), moment.minute())
}

impl<'a> Summary<'a> {
    /// The summary of `session`.
    pub fn of(session: &'a Session, options: &ExportOptions, unrevealed: usize) -> Self {
        let details = &session.details;
        let details: Vec<(&'static str, String)> = [
            ("Date", details.date.map(long_date).unwrap_or_default()),
            ("Venue", details.venue.trim().to_owned()),
            ("Purpose", details.purpose.trim().to_owned()),
            ("Facilitator", details.facilitator.trim().to_owned()),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .collect();

        let people_of = |organisation: Option<crate::model::OrganisationId>| {
            let people: Vec<_> =
                session.participants.iter().filter(|person| person.organisation == organisation).collect();
            let named: Vec<&str> = people
                .iter()
                .filter_map(|person| person.name.as_deref().map(str::trim))
                .filter(|name| !name.is_empty())
                .collect();
            let anonymous = people.len() - named.len();
            (named, anonymous)
        };
        let sectors = Sector::ALL
            .into_iter()
            .map(|sector| SectorGroup {
                sector: sector.label(),
                partners: session
                    .organisations
                    .iter()
                    .filter(|organisation| organisation.sector == sector)
                    .map(|organisation| {
                        let (people, anonymous) = people_of(Some(organisation.id));
                        Partner { organisation, people, anonymous }
                    })
                    .collect(),
            })
            .filter(|group| !group.partners.is_empty())
            .collect();
        // People whose organisation is unset, or names one no longer in the workshop.
        let independent: Vec<_> = session
            .participants
            .iter()
            .filter(|person| person.organisation.is_none_or(|id| session.organisation(id).is_none()))
            .collect();
        let independent_people: Vec<&str> = independent
            .iter()
            .filter_map(|person| person.name.as_deref().map(str::trim))
            .filter(|name| !name.is_empty())
            .collect();
        let independent_anonymous = independent.len() - independent_people.len();

        let line = |note: &'a Note| NoteLine::of(session, note);
        let prompts = session
            .wheel
            .prompts
            .iter()
            .map(|prompt| PromptNotes {
                question: &prompt.question,
                discussed: prompt.discussed,
                assumptions: entries(session, session.notes_on_prompt(&prompt.key, WheelBand::Assumption)),
                opportunities: entries(session, session.notes_on_prompt(&prompt.key, WheelBand::Opportunity)),
            })
            .collect();
        let wheel_notes = session.notes.iter().filter(|note| note.placement.wheel_spot().is_some()).count();

        let map = session.notes.iter().any(|note| note.placement.map_arc().is_some()).then(|| {
            let answers = answer::answers(session);
            let overview = answer::summary(&answers);
            let needs = answers;
            let unlinked_help = session
                .notes_on_arc(MapArc::Help)
                .filter(|help| session.links_of(help.id).next().is_none())
                .map(line)
                .collect();
            MapSummary { overview, needs, unlinked_help }
        });

        let actions = session
            .actions
            .iter()
            .map(|action| ActionLine {
                action,
                lead: action.lead.and_then(|id| session.organisation(id)),
                by_when: action.by_when.map(long_date),
                supporting: action.supporting.iter().filter_map(|id| session.organisation(*id)).collect(),
                arose_from: action.linked_notes.iter().filter_map(|id| session.note(*id)).map(line).collect(),
                map_links: action
                    .linked_links
                    .iter()
                    .filter_map(|id| session.link(*id))
                    .map(|link| link_words(session, link))
                    .collect(),
            })
            .collect();
        let agenda = session
            .agenda
            .steps
            .iter()
            .map(|step| (step.title.as_str(), step.activity.label(), step.minutes))
            .collect();
        let votes = session
            .votes
            .iter()
            .filter(|vote| !vote.is_open())
            .map(|vote| VoteResult {
                vote,
                over: crate::model::vote_scope_words(session, &vote.scope),
                ranked: vote
                    .tallies(&session.notes)
                    .into_iter()
                    .filter(|tally| tally.dots > 0)
                    .filter_map(|tally| session.note(tally.note).map(|note| (tally.rank, line(note), tally.dots)))
                    .collect(),
            })
            .collect();
        let unplaced = session.notes.iter().filter(|note| note.placement == Placement::Unplaced).map(line).collect();

        let wheel = prompt_wheel();
        let map_content = needs_map();
        Summary {
            session,
            title: session.display_title(),
            generated: long_moment(options.generated_at),
            details,
            sectors,
            independent_people,
            independent_anonymous,
            wheel_title: &wheel.title,
            ring_headings: (&wheel.headings.0, &wheel.headings.1),
            wheel_progress: session.wheel.progress_label(),
            prompts,
            wheel_notes,
            map_title: &map_content.title,
            map_question: &map_content.focus_question,
            map,
            agenda,
            votes,
            open_vote: session.open_vote().map(|vote| vote.question.as_str()),
            actions,
            unrevealed,
            unplaced,
            credits: [&wheel.credit, &map_content.credit],
        }
    }

    /// Whether anyone took part, by organisation or on their own.
    pub fn has_participants(&self) -> bool {
        !self.sectors.is_empty() || !self.independent_people.is_empty() || self.independent_anonymous > 0
    }
}

/// "Colin, Jon and 1 more who took part without a name" for a partner's people, or None.
pub fn people_words(people: &[&str], anonymous: usize) -> Option<String> {
    let unnamed = match anonymous {
        0 => None,
        1 => Some("1 person without a name".to_owned()),
        many => Some(format!("{many} people without a name")),
    };
    match (people.is_empty(), unnamed) {
        (true, None) => None,
        (true, Some(unnamed)) => Some(unnamed),
        (false, None) => Some(people.join(", ")),
        (false, Some(unnamed)) => Some(format!("{} and {unnamed}", people.join(", "))),
    }
}

/// How a link's kind reads in a summary, before the source of help.
pub fn support_words(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::MeetsNow => "Meets it now",
        LinkKind::CouldWithSupport => "Could meet it with support",
        LinkKind::Gap => "Gap",
    }
}

/// A link in words: "“need” with “source of help” (kind)", with each note's whole text.
pub fn link_words(session: &Session, link: &Link) -> String {
    let text = |id| session.note(id).map_or("(a deleted note)", |note: &Note| note.text.trim());
    format!("“{}” with “{}” ({})", text(link.need), text(link.help), link.kind.label().to_lowercase())
}
