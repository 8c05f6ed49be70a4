//! The dot voting panel: set up and open a vote, cast each voter's dots, close it and see the
//! notes ranked.

use super::{Casting, ScopeChoice, VoteConsole, dots_words, voters};
use crate::model::vote_scope_words as scope_words;
use crate::model::{Dot, DotVote, Edit, Session, VoteScope, VoterKind};
use crate::ui::commands::{Command, VoteCommand};
use crate::ui::intents::{Intent, Intents};
use crate::ui::notes_view::short;
use crate::ui::widgets::section_heading;
use egui::{RichText, Ui};
use time::OffsetDateTime;

/// Draws the panel. `selected_prompt` is the key of the prompt selected on the wheel, for a vote
/// over one prompt. Returns the scope of a vote opened this frame, so the app can show its canvas.
pub fn vote_panel_ui(
    ui: &mut Ui,
    session: &Session,
    console: &mut VoteConsole,
    selected_prompt: Option<&str>,
    now: OffsetDateTime,
    intents: &mut Intents,
) -> Option<VoteScope> {
    let mut opened = None;
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.horizontal(|ui| {
            section_heading(ui, "Dot voting");
            if ui.button("Hide").on_hover_text("Hide the voting panel; votes stay as they are.").clicked() {
                console.shown = false;
            }
        });
        match session.open_vote() {
            Some(vote) => open_vote_ui(ui, session, console, vote, now, intents),
            None => {
                if let Some(vote) = session.last_closed_vote() {
                    results_ui(ui, session, console, vote, intents);
                    ui.separator();
                }
                opened = new_vote_ui(ui, session, console, selected_prompt, now, intents);
            }
        }
    });
    opened
}

fn new_vote_ui(
    ui: &mut Ui,
    session: &Session,
    console: &mut VoteConsole,
    selected_prompt: Option<&str>,
    now: OffsetDateTime,
    intents: &mut Intents,
) -> Option<VoteScope> {
    section_heading(ui, "Open a vote");
    let form = &mut console.form;
    let label = ui.label("Question");
    ui.add(egui::TextEdit::multiline(&mut form.question).desired_rows(2).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    ui.label(RichText::new("Vote over").strong());
    let prompt = selected_prompt.and_then(|key| session.wheel.prompt(key));
    if let Some(prompt) = prompt {
        ui.radio_value(&mut form.scope, ScopeChoice::SelectedPrompt, format!("The notes of “{}”", prompt.question));
    }
    ui.radio_value(&mut form.scope, ScopeChoice::Wheel, "Every note on the prompt wheel");
    ui.radio_value(&mut form.scope, ScopeChoice::Map, "Every note on the needs map");
    ui.horizontal(|ui| {
        let label = ui.label("Dots per voter");
        ui.add(egui::DragValue::new(&mut form.dots).range(1..=20)).labelled_by(label.id);
    });
    ui.label(RichText::new("Who votes").strong());
    ui.radio_value(&mut form.voters, VoterKind::Participants, "Each participant has their own dots");
    ui.radio_value(&mut form.voters, VoterKind::Organisations, "Each organisation has one set of dots");
    let everyone = voters(session, form.voters);
    let scope = match (form.scope, prompt) {
        (ScopeChoice::SelectedPrompt, Some(prompt)) => VoteScope::Prompt(prompt.key.clone()),
        (ScopeChoice::Map, _) => VoteScope::Map,
        _ => VoteScope::Wheel,
    };
    let notes = session.notes.iter().filter(|note| scope.covers(note)).count();
    let problem = if everyone.is_empty() {
        Some(match form.voters {
            VoterKind::Participants => "Add the participants under Workshop details first.",
            VoterKind::Organisations => "Add the organisations under Workshop details first.",
        })
    } else if notes == 0 {
        Some("There are no notes there to vote on yet.")
    } else {
        None
    };
    if let Some(problem) = problem {
        ui.colored_label(ui.visuals().warn_fg_color, problem);
    } else {
        ui.label(RichText::new(format!("{} voters, {notes} notes to choose from.", everyone.len())).weak());
    }
    let open = ui.add_enabled(problem.is_none(), egui::Button::new(RichText::new("Open the vote").size(18.0)));
    if !open.clicked() {
        return None;
    }
    let question = form.question.trim();
    let question = if question.is_empty() { "Which of these matter most?" } else { question };
    let vote = DotVote::new(question, scope.clone(), form.voters, form.dots, now);
    intents.edit(Edit::InsertVote { index: session.votes.len(), vote });
    console.voter = everyone.first().copied();
    Some(scope)
}

fn open_vote_ui(
    ui: &mut Ui,
    session: &Session,
    console: &mut VoteConsole,
    vote: &DotVote,
    now: OffsetDateTime,
    intents: &mut Intents,
) {
    ui.label(RichText::new(&vote.question).size(20.0).strong());
    ui.label(format!(
        "Over {}; {} {}. Voting is open.",
        scope_words(session, &vote.scope),
        dots_words(vote.dots_per_voter),
        vote.voters.label()
    ));
    ui.label(RichText::new("The counts stay hidden until you close the vote.").weak());
    ui.add_space(4.0);
    ui.label(RichText::new("Voters: choose who is voting").strong());
    let everyone = voters(session, vote.voters);
    for voter in &everyone {
        let name = session.voter_name(*voter);
        let left = vote.dots_left(*voter);
        let text = format!("{name}: {} left", dots_words(left));
        let chosen = console.voter == Some(*voter);
        let mut words = RichText::new(text).size(17.0);
        if left == 0 {
            words = words.weak();
        }
        if ui.selectable_label(chosen, words).clicked() {
            console.voter = Some(*voter);
        }
    }
    let casting = console.casting(session);
    if let Some(casting) = casting {
        casting_ui(ui, session, console, vote, casting, intents);
    } else {
        ui.label(RichText::new("Choose a voter, then click the notes they choose.").weak());
    }
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        let used: u32 = everyone.iter().map(|voter| vote.dots_used_by(*voter)).sum();
        ui.label(format!("{} of {} cast.", dots_words(used), vote.dots_per_voter * everyone.len() as u32));
    });
    let close = egui::Button::new(RichText::new("Close the vote and show the totals").size(18.0));
    if ui.add(close).clicked() {
        intents.edit(Edit::SetVoteClosed { vote: vote.id, closed: Some(now) });
        console.voter = None;
    }
    if ui.button("Cancel this vote").on_hover_text("Remove the vote and its dots. Undo brings it back.").clicked() {
        intents.edit(Edit::RemoveVote(vote.id));
        console.voter = None;
    }
}

/// The chosen voter's dots, to take back, and how to put more down.
fn casting_ui(
    ui: &mut Ui,
    session: &Session,
    console: &mut VoteConsole,
    vote: &DotVote,
    casting: Casting,
    intents: &mut Intents,
) {
    let name = session.voter_name(casting.voter);
    egui::Frame::group(ui.style()).fill(ui.visuals().faint_bg_color).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(format!("Voting now: {name}")).size(19.0).strong());
        let put = Command::Vote(VoteCommand::PutDot).shortcut_text(ui.ctx());
        let take = Command::Vote(VoteCommand::TakeBackDot).shortcut_text(ui.ctx());
        ui.label(format!(
            "Click the notes {name} chooses on the canvas: each click puts one dot. {put} puts a dot on the \
             selected note, {take} takes one back."
        ));
        for note in session.notes.iter().filter(|note| vote.dots_by_on(casting.voter, note.id) > 0) {
            let text = short(&note.text);
            let dots = vote.dots_by_on(casting.voter, note.id);
            let note = note.id;
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("{} on “{text}”", dots_words(dots)));
                let take_back =
                    ui.small_button("Take one back").accessible_name(format!("Take back {name}'s dot from {text}"));
                if take_back.clicked() {
                    intents.edit(Edit::WithdrawDot { vote: vote.id, dot: Dot { voter: casting.voter, note } });
                }
            });
        }
        ui.horizontal(|ui| {
            if ui
                .button(format!("Next voter ({})", Command::Vote(VoteCommand::NextVoter).shortcut_text(ui.ctx())))
                .clicked()
            {
                intents.push(Intent::Command(Command::Vote(VoteCommand::NextVoter)));
            }
            if ui.button("Stop casting").on_hover_text("Clicks on notes select them again.").clicked() {
                console.voter = None;
            }
        });
        egui::CollapsingHeader::new("Put a dot from a list of the notes").id_salt("vote note list").show(ui, |ui| {
            for note in session.notes.iter().filter(|note| vote.scope.covers(note)) {
                let text = short(&note.text);
                let button = ui.button(format!("+1 {text}")).accessible_name(format!("Put {name}'s dot on {text}"));
                if button.clicked() {
                    intents.edit(casting.put_dot(note.id));
                }
            }
        });
    });
}

/// A closed vote's notes, most dots first; notes with equal dots share a rank.
fn results_ui(ui: &mut Ui, session: &Session, console: &mut VoteConsole, vote: &DotVote, intents: &mut Intents) {
    section_heading(ui, "Results");
    ui.label(RichText::new(&vote.question).size(19.0).strong());
    let tallies = vote.tallies(&session.notes);
    let voted: Vec<_> = tallies.iter().filter(|tally| tally.dots > 0).collect();
    let voter_count = voters(session, vote.voters).iter().filter(|voter| vote.dots_used_by(**voter) > 0).count();
    ui.label(format!(
        "{} from {voter_count} {} on {}.",
        dots_words(vote.dots.len() as u32),
        if vote.voters == VoterKind::Participants { "participants" } else { "organisations" },
        scope_words(session, &vote.scope),
    ));
    for tally in &voted {
        let Some(note) = session.note(tally.note) else { continue };
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("{}.", tally.rank)).size(18.0).strong());
            ui.label(RichText::new(dots_words(tally.dots)).size(17.0).strong());
            let label = format!("Rank {}: {} — {}", tally.rank, note.text, dots_words(tally.dots));
            let button = ui.add(egui::Button::new(RichText::new(short(&note.text)).size(17.0)).wrap());
            if button.on_hover_text(&note.text).accessible_name(label).clicked() {
                intents.push(Intent::ShowNote(note.id));
            }
        });
    }
    let unvoted = tallies.len() - voted.len();
    if unvoted > 0 {
        let words = if unvoted == 1 {
            "1 other note got no dots.".to_owned()
        } else {
            format!("{unvoted} other notes got no dots.")
        };
        ui.label(RichText::new(words).weak());
    }
    ui.checkbox(&mut console.show_totals, "Show the totals on the notes");
    ui.horizontal_wrapped(|ui| {
        if ui.button("Reopen the vote").clicked() {
            intents.edit(Edit::SetVoteClosed { vote: vote.id, closed: None });
        }
        if ui.button("Remove this vote").on_hover_text("Undo brings it back.").clicked() {
            intents.edit(Edit::RemoveVote(vote.id));
        }
    });
}
