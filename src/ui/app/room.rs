//! Running the room from the app: the scribe, the projector window and presentation mode.

use super::{CommonGroundApp, WorkspaceTab};
use crate::model::Session;
use crate::ui::commands::Command;
use crate::ui::intents::{Intent, Intents};
use crate::ui::room::{self, Projection, ScribeOutcome, ScribeTarget, projection_ui, projector_viewport_id, scribe_ui};
use egui::Ui;
use time::OffsetDateTime;

impl CommonGroundApp {
    /// Where the scribe's notes go: the selected prompt and ring, or an arc of the map.
    fn scribe_target(&self, session: &Session) -> ScribeTarget {
        match self.tab {
            WorkspaceTab::Wheel => self.wheel.target(session).map_or(ScribeTarget::Unplaced, |(prompt, band)| {
                let question = session.wheel.prompt(&prompt).map(|prompt| prompt.question.clone()).unwrap_or_default();
                ScribeTarget::Wheel { prompt, question, band }
            }),
            WorkspaceTab::NeedsMap => ScribeTarget::Map { arc: self.needs_map.target_arc(session) },
            WorkspaceTab::Notes | WorkspaceTab::ActionPlan | WorkspaceTab::Agenda => ScribeTarget::Unplaced,
        }
    }

    /// The scribe's quick-add box along the foot of the console.
    pub(super) fn scribe_panel_ui(&mut self, ui: &mut Ui, intents: &mut Intents) {
        let (Some(document), Some(_)) = (&self.document, &self.room.scribe) else { return };
        let session = document.session();
        let target = self.scribe_target(session);
        let mut outcome = ScribeOutcome::Open;
        egui::Panel::bottom("scribe box").show(ui, |ui| {
            if let Some(scribe) = &mut self.room.scribe {
                outcome = scribe_ui(ui, session, scribe, &target, OffsetDateTime::now_utc(), intents);
            }
        });
        match outcome {
            ScribeOutcome::Open => {}
            ScribeOutcome::Closed => self.room.scribe = None,
            ScribeOutcome::Added(id) => match self.tab {
                WorkspaceTab::Wheel => self.wheel.selected_note = Some(id),
                WorkspaceTab::NeedsMap => self.needs_map.select_note(id),
                WorkspaceTab::Notes | WorkspaceTab::ActionPlan | WorkspaceTab::Agenda => {}
            },
        }
    }

    /// The projector's own window, following the console; keys pressed there work as here.
    pub(super) fn projector_window(&mut self, ctx: &egui::Context, intents: &mut Intents) {
        let Some(document) = &self.document else { return };
        if !self.room.projector_open {
            return;
        }
        let available: Vec<Command> =
            Command::ALL.into_iter().filter(|command| self.command_available(*command)).collect();
        let closed = {
            let mut feed = room::lock(&self.projector_feed);
            // Copying the session is the one costly part of the feed, so only after a change.
            if feed.session_revision != Some(document.revision()) {
                feed.session.clone_from(document.session());
                feed.session_revision = Some(document.revision());
            }
            feed.canvas = self.projected_canvas;
            let voting = self.votes.on_canvas(document.session());
            feed.wheel.follow(&self.wheel);
            feed.map.follow(&self.needs_map);
            feed.voting = voting;
            feed.look = self.room.look;
            feed.timer = self.room.timer;
            feed.now = self.room.now();
            feed.available = available;
            feed.join = self.join.card().cloned();
            for command in std::mem::take(&mut feed.commands) {
                intents.push(Intent::Command(command));
            }
            std::mem::take(&mut feed.closed)
        };
        if closed {
            self.room.projector_closed();
            return;
        }
        let workshop = crate::ui::platform_text::window_title_text(document.session().display_title());
        let title = format!("{workshop} — projector — Common Ground");
        // eframe gives AccessKit only to the main window, so the projector window itself never
        // reaches a screen reader: the console's tree holds a node for it, named as it is. (Where
        // egui shows the projector inside this window instead, it is in the tree already.)
        if !ctx.embed_viewports() {
            crate::ui::accessibility::stand_in_for_window(ctx, "projector window", &title);
        }
        room::show_projector_window(ctx, &self.projector_feed, title);
        // The projector draws in its own turn: each change here is drawn there too.
        ctx.request_repaint_of(projector_viewport_id());
    }

    /// The projection in the main window, for one screen.
    pub(super) fn presentation_ui(&mut self, ui: &mut Ui) {
        let Some(document) = &self.document else { return };
        let look = self.room.look;
        // The room sees the prompt the facilitator chose, whatever the console's keyboard passed.
        let room_prompt = self.wheel.room_prompt();
        let console_prompt = std::mem::replace(&mut self.wheel.selected_prompt, room_prompt);
        egui::CentralPanel::default().frame(egui::Frame::NONE.fill(look.background())).show(ui, |ui| {
            projection_ui(
                ui,
                Projection {
                    session: document.session(),
                    revision: document.revision(),
                    canvas: self.projected_canvas,
                    wheel: &mut self.wheel,
                    map: &mut self.needs_map,
                    look,
                    timer: &self.room.timer,
                    now: self.room.now(),
                    join: self.join.card(),
                    voting: self.votes.on_canvas(document.session()),
                },
            );
        });
        self.wheel.selected_prompt = console_prompt;
        self.room.presenting_overlay_ui(ui.ctx(), document.session());
    }
}
