//! Joining from phones: what the participant page asks about, and the host's requests.

use super::{CommonGroundApp, WorkspaceTab};
use crate::document::Document;
use crate::join::RoomFocus;
use crate::model::{Activity, Session};
use crate::ui::join_panel::JoinAction;

impl CommonGroundApp {
    /// What the participant page asks about: the needs map while it is showing (or the agenda
    /// is on a map step), otherwise the prompt selected on the wheel.
    pub(super) fn room_focus(&self, session: &Session) -> Option<RoomFocus> {
        let step = session.agenda.current.and_then(|id| session.agenda.step(id)).map(|step| step.activity);
        let map =
            self.tab == WorkspaceTab::NeedsMap || (self.tab != WorkspaceTab::Wheel && step == Some(Activity::Map));
        if map {
            return Some(RoomFocus::Map);
        }
        let prompt = self.wheel.selected(session).or_else(|| session.wheel.prompts.first())?;
        Some(RoomFocus::Wheel { prompt: prompt.key.clone(), question: prompt.question.clone() })
    }

    /// Takes in what phones sent (as undoable edits of the document) and publishes what they see.
    pub(super) fn serve_phones(&mut self) {
        let Some(session) = self.document.as_ref().map(Document::session) else { return };
        let focus = self.room_focus(session);
        let (Some(host), Some(document)) = (self.join.host_mut(), self.document.as_mut()) else { return };
        host.handle_requests(document);
        host.publish_if_changed(document.session(), document.revision(), focus);
    }

    /// Carry out what the facilitator chose in the joining panel: let notes in or turn them away.
    pub(super) fn run_join_actions(&mut self, actions: Vec<JoinAction>) {
        let (Some(host), Some(document)) = (self.join.host_mut(), self.document.as_mut()) else { return };
        let mut problems = Vec::new();
        for action in actions {
            match action {
                JoinAction::Approve(id) => problems.extend(host.approve(id, document).err()),
                JoinAction::Reject(id) => host.reject(id, document.session()),
                JoinAction::ApproveAll => {
                    let ids: Vec<_> = host.waiting().iter().map(|waiting| waiting.note.id).collect();
                    for id in ids {
                        problems.extend(host.approve(id, document).err());
                    }
                }
            }
        }
        if let Some(problem) = problems.into_iter().next() {
            self.warn(format!("A note from a phone could not be let in: {problem}"));
        }
    }
}
