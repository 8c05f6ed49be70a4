//! A summary as a document of headings, paragraphs, lists and pictures, so the Markdown, HTML and
//! PDF renderers each only decide how a heading or a list looks, not what the summary says.

use super::summary::VoteResult;
use super::summary::{Entry, NoteLine, Summary, people_words, support_words};
use crate::model::answer::NeedStatus;
use crate::model::{Rgb, VoterKind};

/// A run of text inside a paragraph or list item.
#[derive(Clone, Debug, PartialEq)]
pub enum Run {
    /// Ordinary words.
    Plain(String),
    /// Words that matter most in their line.
    Strong(String),
    /// Words in the background: who said something, when.
    Quiet(String),
    /// A small coloured label: an organisation's initials, a need's status.
    Badge {
        /// The words on it.
        text: String,
        /// Its colour.
        fill: Rgb,
    },
    /// A line break.
    Break,
}

/// Whether the run after `index` starts straight after it with no space: a badge needs one put
/// after it then, so copied text and screen readers say "BM A shared goal", not "BMA shared goal".
pub fn glued_to_next(runs: &[Run], index: usize) -> bool {
    match runs.get(index + 1) {
        Some(Run::Plain(next) | Run::Strong(next) | Run::Quiet(next)) => !next.starts_with(char::is_whitespace),
        Some(Run::Badge { .. }) => true,
        Some(Run::Break) | None => false,
    }
}

/// One item of a list, perhaps with a list of its own.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// What it says.
    pub runs: Vec<Run>,
    /// The colour of the organisation it speaks for, for items that are notes.
    pub colour: Option<Rgb>,
    /// Items under it.
    pub children: Vec<Item>,
}

impl Item {
    fn plain(runs: Vec<Run>) -> Self {
        Self { runs, colour: None, children: Vec::new() }
    }
}

/// Which canvas a picture shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Canvas {
    /// The prompt wheel.
    Wheel,
    /// The needs map.
    Map,
}

/// A block of the document.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A heading; level 1 is the title.
    Heading {
        /// 1 to 4.
        level: u8,
        /// Its words.
        text: String,
        /// A short name for links to it, e.g. "action-plan".
        anchor: String,
    },
    /// A paragraph.
    Paragraph(Vec<Run>),
    /// A paragraph in the background, e.g. when the summary was made.
    Note(Vec<Run>),
    /// Labelled facts, e.g. "Venue: Easton Community Centre".
    Facts(Vec<(String, String)>),
    /// A list.
    List {
        /// Its items.
        items: Vec<Item>,
        /// Whether it is numbered.
        numbered: bool,
    },
    /// A picture of a canvas.
    Figure {
        /// Which canvas.
        canvas: Canvas,
        /// What the picture shows, in words.
        caption: String,
    },
}

fn heading(level: u8, text: impl Into<String>, anchor: impl Into<String>) -> Block {
    Block::Heading { level, text: text.into(), anchor: anchor.into() }
}

/// The colour of the badge that counts a note's dots, as on the canvases.
fn dots_colour() -> Rgb {
    let fill = crate::canvas::marks::DOT_BADGE_FILL;
    Rgb::new(fill.r(), fill.g(), fill.b())
}

/// A note as a list item: its initials, its words, who said it, and its dots.
fn note_item(line: &NoteLine<'_>) -> Item {
    let mut runs = vec![Run::Badge { text: line.initials(), fill: line.colour() }, Run::Plain(line.text().to_owned())];
    runs.push(Run::Quiet(format!(" — {}", line.attribution())));
    if let Some(dots) = line.dots {
        runs.push(Run::Plain(" ".to_owned()));
        runs.push(Run::Badge { text: crate::model::dots_words(dots), fill: dots_colour() });
    }
    if let Some(tags) = line.tags() {
        runs.push(Run::Break);
        runs.push(Run::Quiet(format!("Tags: {tags}")));
    }
    Item { runs, colour: Some(line.colour()), children: Vec::new() }
}

/// A note as a list item after a label, e.g. "Meets it now: …".
fn labelled_note(label: &str, line: &NoteLine<'_>) -> Item {
    let mut item = note_item(line);
    item.runs.insert(0, Run::Strong(format!("{label}: ")));
    item
}

/// A note, or a group's heading with its notes under it.
fn entry_item(session: &crate::model::Session, entry: &Entry<'_>) -> Item {
    match entry {
        Entry::Note(line) => note_item(line),
        Entry::Group(group, notes) => {
            let tint = crate::canvas::marks::group_tint(session, group.id);
            Item {
                runs: vec![
                    Run::Strong(format!("Group: {}", group.display_heading())),
                    Run::Quiet(format!(" · {} note{}", notes.len(), if notes.len() == 1 { "" } else { "s" })),
                ],
                colour: Some(Rgb::new(tint.r(), tint.g(), tint.b())),
                children: notes.iter().map(note_item).collect(),
            }
        }
    }
}

fn entries_list(session: &crate::model::Session, entries: &[Entry<'_>], empty: &str) -> Block {
    if entries.is_empty() {
        return Block::Note(vec![Run::Plain(empty.to_owned())]);
    }
    Block::List { items: entries.iter().map(|entry| entry_item(session, entry)).collect(), numbered: false }
}

fn notes_list(lines: &[NoteLine<'_>], empty: &str) -> Block {
    if lines.is_empty() {
        return Block::Note(vec![Run::Plain(empty.to_owned())]);
    }
    Block::List { items: lines.iter().map(note_item).collect(), numbered: false }
}

/// The badge of an agreed action: the green the action plan frames agreed actions in.
const AGREED: Rgb = Rgb::new(0, 120, 80);

/// One closed vote: its question, how it ran, and its notes ranked by their dots.
fn vote_blocks(blocks: &mut Vec<Block>, result: &VoteResult<'_>) {
    let vote = result.vote;
    blocks.push(heading(3, vote.question.trim(), ""));
    let voters = match vote.voters {
        VoterKind::Participants => "each participant",
        VoterKind::Organisations => "each organisation",
    };
    let mut who_voted = Vec::new();
    for dot in &vote.dots {
        if !who_voted.contains(&dot.voter) {
            who_voted.push(dot.voter);
        }
    }
    let plural = |count: usize| if count == 1 { "" } else { "s" };
    blocks.push(Block::Note(vec![Run::Plain(format!(
        "Over {}; {voters} had {} dot{}; {} dot{} cast by {} voter{}.",
        result.over,
        vote.dots_per_voter,
        plural(vote.dots_per_voter as usize),
        vote.dots.len(),
        plural(vote.dots.len()),
        who_voted.len(),
        plural(who_voted.len()),
    ))]));
    if result.ranked.is_empty() {
        blocks.push(Block::Note(vec![Run::Plain("No dots were cast.".to_owned())]));
        return;
    }
    let items = result
        .ranked
        .iter()
        .map(|(rank, line, dots)| {
            let mut item = note_item(&NoteLine { dots: None, ..line.clone() });
            let badge = Run::Badge { text: crate::model::dots_words(*dots), fill: dots_colour() };
            item.runs.splice(0..0, [Run::Strong(format!("{rank}. ")), badge]);
            item
        })
        .collect();
    blocks.push(Block::List { items, numbered: false });
}

/// The colour of a need's status badge, as on the map.
pub fn status_colour(status: NeedStatus) -> Rgb {
    let (fill, _) = crate::canvas::map::style::MapPalette::for_theme(false).status(status);
    Rgb::new(fill.r(), fill.g(), fill.b())
}

/// The summary as blocks, in reading order.
pub fn blocks(summary: &Summary<'_>) -> Vec<Block> {
    let mut blocks = vec![heading(1, summary.title, "summary")];
    if !summary.details.is_empty() {
        blocks.push(Block::Facts(
            summary.details.iter().map(|(label, value)| ((*label).to_owned(), value.clone())).collect(),
        ));
    }
    blocks.push(Block::Note(vec![Run::Plain(format!("Summary made with Common Ground on {}.", summary.generated))]));
    if summary.unrevealed > 0 {
        let words = if summary.unrevealed == 1 {
            "1 note written in private was not revealed to the room, so it is left out of this summary.".to_owned()
        } else {
            format!(
                "{} notes written in private were not revealed to the room, so they are left out of this summary.",
                summary.unrevealed
            )
        };
        blocks.push(Block::Note(vec![Run::Plain(words)]));
    }
    if !summary.agenda.is_empty() {
        blocks.push(heading(2, "Agenda", "agenda"));
        let items = summary
            .agenda
            .iter()
            .map(|(title, activity, minutes)| {
                let mut runs = vec![Run::Plain((*title).to_owned()), Run::Quiet(format!(" · {activity}"))];
                if let Some(minutes) = minutes {
                    runs.push(Run::Quiet(format!(" · {minutes} min")));
                }
                Item::plain(runs)
            })
            .collect();
        blocks.push(Block::List { items, numbered: true });
        let total: u32 = summary.agenda.iter().filter_map(|(_, _, minutes)| *minutes).sum();
        if total > 0 {
            blocks.push(Block::Note(vec![Run::Plain(format!("{total} minutes in all."))]));
        }
    }

    blocks.push(heading(2, "Who took part", "who-took-part"));
    if !summary.has_participants() {
        blocks.push(Block::Note(vec![Run::Plain("No organisations or participants were recorded.".to_owned())]));
    }
    for group in &summary.sectors {
        blocks.push(heading(3, group.sector, ""));
        let items = group
            .partners
            .iter()
            .map(|partner| {
                let organisation = partner.organisation;
                let mut runs = vec![
                    Run::Badge { text: organisation.short_label(), fill: organisation.colour },
                    Run::Strong(organisation.name.clone()),
                ];
                if let Some(people) = people_words(&partner.people, partner.anonymous) {
                    runs.push(Run::Plain(format!(": {people}")));
                }
                Item { runs, colour: Some(organisation.colour), children: Vec::new() }
            })
            .collect();
        blocks.push(Block::List { items, numbered: false });
    }
    if let Some(people) = people_words(&summary.independent_people, summary.independent_anonymous) {
        blocks.push(heading(3, "Not from a partner organisation", ""));
        blocks.push(Block::Paragraph(vec![Run::Plain(people)]));
    }

    blocks.push(heading(2, format!("The prompt wheel: {}", summary.wheel_title), "prompt-wheel"));
    let notes = summary.wheel_notes;
    blocks.push(Block::Paragraph(vec![Run::Plain(format!(
        "{} prompts, {} · {notes} note{}. The inner ring holds what partners assume (“{}”), the outer ring the \
         opportunities they see (“{}”).",
        summary.prompts.len(),
        summary.wheel_progress,
        if notes == 1 { "" } else { "s" },
        summary.ring_headings.0,
        summary.ring_headings.1,
    ))]));
    if notes > 0 {
        blocks.push(Block::Figure {
            canvas: Canvas::Wheel,
            caption: format!(
                "The prompt wheel: {notes} note{} on {} prompts",
                if notes == 1 { "" } else { "s" },
                summary.prompts.len()
            ),
        });
    }
    if notes == 0 {
        blocks.push(Block::Note(vec![Run::Plain("Nothing was put on the prompt wheel.".to_owned())]));
    }
    let mut without_notes = Vec::new();
    for (index, prompt) in summary.prompts.iter().enumerate() {
        let discussed = if prompt.discussed { " (discussed)" } else { "" };
        let title = format!("{}. {}{discussed}", index + 1, prompt.question);
        if prompt.assumptions.is_empty() && prompt.opportunities.is_empty() {
            without_notes.push(title);
            continue;
        }
        blocks.push(heading(3, title, format!("prompt-{}", index + 1)));
        blocks.push(heading(4, summary.ring_headings.0, ""));
        blocks.push(entries_list(summary.session, &prompt.assumptions, "No assumptions noted."));
        blocks.push(heading(4, summary.ring_headings.1, ""));
        blocks.push(entries_list(summary.session, &prompt.opportunities, "No opportunities noted."));
    }
    if notes > 0 && !without_notes.is_empty() {
        blocks.push(heading(3, "Prompts with no notes", "prompts-without-notes"));
        blocks.push(Block::List {
            items: without_notes.into_iter().map(|title| Item::plain(vec![Run::Plain(title)])).collect(),
            numbered: false,
        });
    }

    blocks.push(heading(2, format!("The needs map: {}", summary.map_title), "needs-map"));
    blocks.push(Block::Paragraph(vec![Run::Quiet(summary.map_question.to_owned())]));
    match &summary.map {
        None => blocks.push(Block::Note(vec![Run::Plain("Nothing was put on the needs map.".to_owned())])),
        Some(map) => {
            blocks.push(Block::Paragraph(vec![Run::Strong(map.overview.clone())]));
            blocks.push(Block::Figure {
                canvas: Canvas::Map,
                caption: format!(
                    "The needs map: {} need{}",
                    map.needs.len(),
                    if map.needs.len() == 1 { "" } else { "s" }
                ),
            });
            if !map.needs.is_empty() {
                blocks.push(heading(3, "Each need and the support for it", "needs"));
                let line = |note| NoteLine::of(summary.session, note);
                let items = map
                    .needs
                    .iter()
                    .map(|answer| {
                        let mut item = note_item(&line(answer.need));
                        let status =
                            Run::Badge { text: answer.status.label().to_owned(), fill: status_colour(answer.status) };
                        item.runs.splice(0..0, [status, Run::Break]);
                        item.children = answer
                            .support
                            .iter()
                            .chain(&answer.gaps)
                            .map(|linked| labelled_note(support_words(linked.link.kind), &line(linked.help)))
                            .collect();
                        if item.children.is_empty() {
                            let nobody = Run::Quiet("Nobody has linked a source of help yet.".to_owned());
                            item.children.push(Item::plain(vec![nobody]));
                        }
                        item
                    })
                    .collect();
                blocks.push(Block::List { items, numbered: false });
            }
            if !map.unlinked_help.is_empty() {
                blocks.push(heading(3, "Sources of help not yet linked to a need", "unlinked-help"));
                blocks.push(notes_list(&map.unlinked_help, ""));
            }
        }
    }

    if !summary.votes.is_empty() || summary.open_vote.is_some() {
        blocks.push(heading(2, "Dot votes", "dot-votes"));
    }
    for result in &summary.votes {
        vote_blocks(&mut blocks, result);
    }
    if let Some(question) = summary.open_vote {
        blocks.push(Block::Note(vec![Run::Plain(format!(
            "The vote “{}” is still open, so its dots are not shown.",
            question.trim()
        ))]));
    }

    blocks.push(heading(2, "Action plan", "action-plan"));
    if !summary.actions.is_empty() {
        let agreed = summary.actions.iter().filter(|line| line.action.agreed).count();
        blocks.push(Block::Paragraph(vec![Run::Plain(format!(
            "{} action{}, {agreed} agreed.",
            summary.actions.len(),
            if summary.actions.len() == 1 { "" } else { "s" }
        ))]));
    }
    if summary.actions.is_empty() {
        blocks.push(Block::Note(vec![Run::Plain("No actions were recorded.".to_owned())]));
    } else {
        let items = summary
            .actions
            .iter()
            .map(|line| {
                let what = line.action.what.trim();
                let mut runs =
                    vec![Run::Strong(if what.is_empty() { "(no words yet)".to_owned() } else { what.to_owned() })];
                if line.action.agreed {
                    runs.push(Run::Plain(" ".to_owned()));
                    runs.push(Run::Badge { text: "Agreed".to_owned(), fill: AGREED });
                }
                let lead = line.lead.map_or_else(|| "not decided".to_owned(), |organisation| organisation.name.clone());
                runs.push(Run::Break);
                runs.push(Run::Plain(format!(
                    "Lead: {lead} · By: {}",
                    line.by_when.as_deref().unwrap_or("no date set")
                )));
                if !line.supporting.is_empty() {
                    let names: Vec<&str> =
                        line.supporting.iter().map(|organisation| organisation.name.as_str()).collect();
                    runs.push(Run::Break);
                    runs.push(Run::Plain(format!("Supported by: {}", names.join(", "))));
                }
                if !line.action.agreed {
                    runs.push(Run::Break);
                    runs.push(Run::Quiet("Not yet agreed".to_owned()));
                }
                let mut children: Vec<Item> =
                    line.arose_from.iter().map(|note| labelled_note("Arose from", note)).collect();
                children.extend(line.map_links.iter().map(|words| {
                    Item::plain(vec![Run::Strong("Answers the map link: ".to_owned()), Run::Plain(words.clone())])
                }));
                Item { runs, colour: line.lead.map(|organisation| organisation.colour), children }
            })
            .collect();
        blocks.push(Block::List { items, numbered: true });
    }

    if !summary.unplaced.is_empty() {
        blocks.push(heading(2, "Notes not on a canvas", "other-notes"));
        blocks.push(notes_list(&summary.unplaced, ""));
    }

    blocks.push(heading(2, "Credit", "credit"));
    blocks.push(Block::List {
        items: summary.credits.iter().map(|credit| Item::plain(vec![Run::Plain((*credit).to_owned())])).collect(),
        numbered: false,
    });
    blocks
}
