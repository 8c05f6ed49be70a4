//! "Let people join from their phones": the console that starts, pauses and stops the joining
//! server, shows the QR code, address and room code, who has joined (and takes back everything
//! one phone sent), and the approval queue.

use crate::document::Document;
use crate::join::{DeviceId, JoinConfig, JoinError, JoinHost, JoinedDevice, PREFERRED_PORT, RoomFocus};
use crate::model::{NoteId, Session};
use crate::ui::widgets::section_heading;
use egui::{Color32, RichText, Sense, Ui, vec2};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

/// A network address of this computer that phones could reach.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetworkChoice {
    /// The interface's name, e.g. `wlan0`.
    pub name: String,
    /// Its IPv4 address.
    pub ip: Ipv4Addr,
}

impl NetworkChoice {
    /// How the choice reads in the list.
    pub fn label(&self) -> String {
        if self.ip.is_loopback() {
            format!("This computer only, for trying it out ({})", self.ip)
        } else {
            format!("{} ({})", self.ip, self.name)
        }
    }
}

/// This computer's IPv4 addresses, the room's likely networks first and this-computer-only last.
pub fn network_choices() -> Vec<NetworkChoice> {
    let mut choices: Vec<NetworkChoice> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|interface| match interface.ip() {
            IpAddr::V4(ip) if !ip.is_link_local() && !ip.is_unspecified() => {
                Some(NetworkChoice { name: interface.name, ip })
            }
            _ => None,
        })
        .collect();
    if !choices.iter().any(|choice| choice.ip.is_loopback()) {
        choices.push(NetworkChoice { name: "lo".to_owned(), ip: Ipv4Addr::LOCALHOST });
    }
    // Private (home, venue, hotspot) networks first; loopback last.
    choices.sort_by_key(|choice| (choice.ip.is_loopback(), !choice.ip.is_private()));
    choices.dedup_by(|a, b| a.ip == b.ip);
    choices
}

/// What the join card shows: where to go and the code, with the QR code's modules worked out
/// once.
#[derive(Clone, Debug, PartialEq)]
pub struct JoinInfo {
    /// The short address to type, e.g. `http://192.168.1.20:8787`.
    pub address: String,
    /// The address with the code in it, which the QR code holds.
    pub link: String,
    /// The room code.
    pub code: String,
    /// The QR code's modules, row by row (`true` dark), and its width in modules.
    qr: Option<(Vec<bool>, usize)>,
}

impl JoinInfo {
    /// The card for a running room.
    pub fn new(address: String, link: String, code: String) -> Self {
        let qr = qrcode::QrCode::with_error_correction_level(link.as_bytes(), qrcode::EcLevel::M).ok().map(|qr| {
            let width = qr.width();
            let dark = qr.to_colors().into_iter().map(|colour| colour == qrcode::Color::Dark).collect();
            (dark, width)
        });
        Self { address, link, code, qr }
    }

    /// The card for a host.
    pub fn of(host: &JoinHost) -> Self {
        Self::new(host.short_address(), host.join_link(), host.room_code().to_owned())
    }
}

/// The QR code, the address and the room code, large and high-contrast, for the console or the
/// projection. `size` is the QR code's side in points.
pub fn join_card_ui(ui: &mut Ui, info: &JoinInfo, size: f32) {
    ui.vertical_centered(|ui| {
        if let Some((modules, width)) = &info.qr {
            // Dark modules on white with the four-module quiet zone the standard asks for, so
            // phone cameras read it even off a projector in a bright room.
            let (rect, response) = ui.allocate_exact_size(vec2(size, size), Sense::hover());
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Image, true, format!("QR code to join: {}", info.link))
            });
            let painter = ui.painter_at(rect);
            painter.rect_filled(rect, 0.0, Color32::WHITE);
            let module = size / (*width as f32 + 8.0);
            for (index, dark) in modules.iter().enumerate() {
                if *dark {
                    let (row, column) = (index / width, index % width);
                    let min = rect.min + vec2((column as f32 + 4.0) * module, (row as f32 + 4.0) * module);
                    // A hair of overlap so no seams show between neighbouring modules.
                    painter.rect_filled(
                        egui::Rect::from_min_size(min, vec2(module + 0.5, module + 0.5)),
                        0.0,
                        Color32::BLACK,
                    );
                }
            }
        }
        let scale = (size / 300.0).max(0.6);
        ui.label(RichText::new("Scan the code, or go to").size(20.0 * scale));
        // As large as fits on one line: an address broken over two lines gets typed wrong.
        let fits = ui.available_width() / (info.address.chars().count().max(1) as f32 * 0.62);
        ui.label(RichText::new(&info.address).size((30.0 * scale).min(fits)).strong().monospace());
        ui.label(RichText::new("Room code").size(20.0 * scale));
        ui.label(RichText::new(&info.code).size(44.0 * scale).strong().monospace());
    });
}

/// The join console's own state: the running host (if joining is open) and the choices for
/// starting it.
#[derive(Default)]
pub struct JoinConsole {
    /// Whether the panel is showing.
    pub shown: bool,
    host: Option<JoinHost>,
    card: Option<JoinInfo>,
    choices: Vec<NetworkChoice>,
    chosen: Option<Ipv4Addr>,
    approval: bool,
    problem: Option<String>,
}

/// What the facilitator did in the panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinAction {
    /// Let a waiting note in.
    Approve(NoteId),
    /// Turn a waiting note away.
    Reject(NoteId),
    /// Let every waiting note in.
    ApproveAll,
    /// Turn every waiting note away.
    RejectAll,
    /// Sign a phone out and remove everything it sent, as one undoable step.
    RemoveDevice(DeviceId),
}

/// Carries out what the facilitator did in the panel on the open workshop; returns the first
/// problem, for the app to show. Approved notes are the participants' (not undo steps); removing
/// a phone's notes is the facilitator's own change, undoable as one step.
pub fn run_join_actions(
    console: &mut JoinConsole,
    document: &mut Document,
    actions: Vec<JoinAction>,
) -> Option<String> {
    let host = console.host.as_mut()?;
    let mut problems = Vec::new();
    let let_in = |problem: String| format!("A note from a phone could not be let in: {problem}");
    for action in actions {
        match action {
            JoinAction::Approve(id) => problems.extend(host.approve(id, document).err().map(let_in)),
            JoinAction::Reject(id) => host.reject(id, document.session()),
            JoinAction::ApproveAll => {
                let ids: Vec<_> = host.waiting().iter().map(|waiting| waiting.note.id).collect();
                for id in ids {
                    problems.extend(host.approve(id, document).err().map(let_in));
                }
            }
            JoinAction::RejectAll => host.reject_all(document.session()),
            JoinAction::RemoveDevice(device) => {
                if let Some(edit) = host.remove_device(device, document.session())
                    && let Err(error) = document.apply(edit, std::time::Instant::now())
                {
                    problems.push(format!("The phone's notes could not be removed: {error}"));
                }
            }
        }
    }
    problems.into_iter().next()
}

impl JoinConsole {
    /// Whether joining is open.
    pub fn is_open(&self) -> bool {
        self.host.is_some()
    }

    /// The running host.
    pub fn host_mut(&mut self) -> Option<&mut JoinHost> {
        self.host.as_mut()
    }

    /// The card the projection shows while joining is open.
    pub fn card(&self) -> Option<&JoinInfo> {
        self.card.as_ref()
    }

    /// Open joining on `ip`: the usual port if it is free, any free port otherwise.
    pub fn start(&mut self, ip: Ipv4Addr, ctx: &egui::Context, session: &Session, focus: Option<RoomFocus>) {
        let repaint = ctx.clone();
        let wake: Arc<dyn Fn() + Send + Sync> = Arc::new(move || repaint.request_repaint());
        let started =
            JoinHost::start(JoinConfig::new(SocketAddr::from((ip, PREFERRED_PORT))), wake.clone()).or_else(|error| {
                match error {
                    JoinError::Listen { source, .. } if source.kind() == std::io::ErrorKind::AddrInUse => {
                        JoinHost::start(JoinConfig::new(SocketAddr::from((ip, 0))), wake)
                    }
                    other => Err(other),
                }
            });
        match started {
            Ok(mut host) => {
                host.approval_required = self.approval;
                host.publish(session, focus);
                self.card = Some(JoinInfo::of(&host));
                self.host = Some(host);
                self.problem = None;
            }
            Err(error) => {
                self.problem = Some(format!("{error}. Choose another network, or check the laptop's firewall."));
            }
        }
    }

    /// Close joining: the server stops listening at once.
    pub fn stop(&mut self) {
        self.host = None;
        self.card = None;
    }
}

/// Draws the panel; returns what the facilitator did to the approval queue. Starting and
/// stopping are handled here, since they only touch the console.
pub fn join_panel_ui(
    ui: &mut Ui,
    console: &mut JoinConsole,
    session: &Session,
    focus: Option<RoomFocus>,
) -> Vec<JoinAction> {
    let mut actions = Vec::new();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.horizontal(|ui| {
            section_heading(ui, "Joining from phones");
            if ui.button("Hide").on_hover_text("Hide this panel; joining stays as it is.").clicked() {
                console.shown = false;
            }
        });
        if let Some(problem) = &console.problem {
            ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
        }
        if console.host.is_none() {
            start_ui(ui, console, session, focus);
        } else {
            running_ui(ui, console, session, &mut actions);
        }
    });
    actions
}

fn start_ui(ui: &mut Ui, console: &mut JoinConsole, session: &Session, focus: Option<RoomFocus>) {
    ui.label(
        "People in the room can add notes from their own phones over this laptop's network (the venue's \
         Wi-Fi or the laptop's hotspot). No internet and no accounts are needed. Nothing listens until you \
         start, and it stops when you stop joining or close the workshop.",
    );
    if console.choices.is_empty() {
        console.choices = network_choices();
    }
    if console.chosen.is_none_or(|ip| !console.choices.iter().any(|choice| choice.ip == ip)) {
        console.chosen = console.choices.first().map(|choice| choice.ip);
    }
    ui.label(RichText::new("The network phones will use").strong());
    for choice in &console.choices {
        ui.radio_value(&mut console.chosen, Some(choice.ip), choice.label());
    }
    if ui.button("Look for networks again").clicked() {
        console.choices = network_choices();
    }
    ui.checkbox(&mut console.approval, "Approve each note before it goes into the workshop");
    let start = egui::Button::new(RichText::new("Start joining").size(20.0));
    if ui.add_enabled(console.chosen.is_some(), start).clicked()
        && let Some(ip) = console.chosen
    {
        console.start(ip, ui.ctx(), session, focus);
    }
}

fn running_ui(ui: &mut Ui, console: &mut JoinConsole, session: &Session, actions: &mut Vec<JoinAction>) {
    if let Some(card) = &console.card {
        join_card_ui(ui, card, 300.0);
    }
    let stop = egui::Button::new(RichText::new("Stop joining").size(20.0));
    let waiting = console.host.as_ref().map_or(0, |host| host.waiting().len());
    let hover = match waiting {
        0 => "Stop listening: phones can no longer add or change notes.".to_owned(),
        count => format!(
            "Stop listening: phones can no longer add or change notes. The {} waiting for approval will not go in.",
            plural(count, "note", "notes")
        ),
    };
    if ui.add(stop).on_hover_text(hover).clicked() {
        console.stop();
        return;
    }
    let Some(host) = &mut console.host else { return };
    ui.separator();
    let people = host.people();
    section_heading(ui, &format!("{} joined", plural(people.len(), "phone", "phones")));
    let mut by_organisation: Vec<(String, usize)> = Vec::new();
    for person in &people {
        match by_organisation.iter_mut().find(|(name, _)| *name == person.organisation) {
            Some((_, count)) => *count += 1,
            None => by_organisation.push((person.organisation.clone(), 1)),
        }
    }
    for (organisation, count) in by_organisation {
        ui.label(format!("{organisation}: {count}"));
    }
    if !people.is_empty() {
        egui::CollapsingHeader::new("Phones, one by one").id_salt("join phones").show(ui, |ui| {
            for person in &people {
                phone_row(ui, person, actions);
            }
        });
    }
    let mut paused = host.is_paused();
    if ui
        .checkbox(&mut paused, "Pause joining")
        .on_hover_text("No new phones can join while paused; phones already in carry on.")
        .changed()
    {
        host.set_paused(paused);
    }
    ui.separator();
    if ui.checkbox(&mut host.approval_required, "Approve each note before it goes into the workshop").changed() {
        console.approval = host.approval_required;
    }
    let waiting = host.waiting();
    if !waiting.is_empty() || host.approval_required {
        section_heading(ui, &format!("Waiting for approval: {}", waiting.len()));
        if waiting.len() > 1 {
            ui.horizontal(|ui| {
                if ui.button("Approve all").clicked() {
                    actions.push(JoinAction::ApproveAll);
                }
                if ui.button("Reject all").on_hover_text("Turn every waiting note away.").clicked() {
                    actions.push(JoinAction::RejectAll);
                }
            });
        }
        for note in waiting {
            ui.group(|ui| {
                ui.label(RichText::new(&note.note.text).strong());
                let organisation = session.organisation_name(note.note.organisation);
                ui.label(
                    RichText::new(format!("{} · {} · {}", note.place, note.note.author_label(), organisation)).weak(),
                );
                ui.horizontal(|ui| {
                    if ui.button("Approve").clicked() {
                        actions.push(JoinAction::Approve(note.note.id));
                    }
                    if ui.button("Reject").clicked() {
                        actions.push(JoinAction::Reject(note.note.id));
                    }
                });
            });
        }
    }
}

/// One joined phone: who, how many notes, and the button that takes back all it sent.
fn phone_row(ui: &mut Ui, person: &JoinedDevice, actions: &mut Vec<JoinAction>) {
    let who = person.name.clone().unwrap_or_else(|| format!("Anonymous ({person})", person = person.device));
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{who} · {} · {}", person.organisation, plural(person.notes, "note", "notes")));
        let remove = ui.button(format!("Remove everything from {who}")).on_hover_text(
            "Sign this phone out and delete every note it sent, waiting or in the workshop, as one step \
             (Ctrl+Z brings the notes back).",
        );
        if remove.clicked() {
            actions.push(JoinAction::RemoveDevice(person.device));
        }
    });
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}
