//! What screen readers are told beyond what egui's widgets say of themselves: the window's name,
//! the current value of every drop-down list, and announcements of what just happened (a live
//! region, which a screen reader reads out when its text changes).

use egui::accesskit::{Live, Node, Role};

/// The one place announcements are spoken from: a small node, always in the tree, whose text is
/// the latest announcement. Screen readers read a polite live region when its text changes,
/// after what they are saying.
#[derive(Debug, Default)]
pub struct Announcer {
    /// The latest announcement, empty until something is announced.
    text: String,
    /// How many announcements have been made, so the same words said twice still change the
    /// node (a screen reader only speaks a live region whose text changed).
    count: u64,
}

impl Announcer {
    /// Says `text` to screen readers (once, politely: after what they are reading).
    pub fn announce(&mut self, text: impl Into<String>) {
        self.text = text.into();
        self.count += 1;
    }

    /// The latest announcement, empty until something has been announced.
    #[must_use]
    pub fn latest(&self) -> &str {
        &self.text
    }

    /// Puts the live region into this frame's accessibility tree, at the window's top level.
    pub fn show(&self, ctx: &egui::Context) {
        let id = egui::Id::unique("common ground announcements");
        // A repeat of the same words gets an invisible mark, so the text still changes.
        let text = if self.count.is_multiple_of(2) { self.text.clone() } else { format!("{}\u{200B}", self.text) };
        ctx.accesskit_node_builder(id, |node| {
            node.set_role(Role::Status);
            node.set_live(Live::Polite);
            node.set_label(text);
        });
    }
}

/// Names the window's node after the workshop, as the title bar is, so a screen reader says
/// which workshop this window holds ("Common Ground — Bristol outreach"), not just "frame".
pub fn name_window(ctx: &egui::Context, title: &str) {
    ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| node.set_label(title.to_owned()));
}

/// Marks the node of `response` as a heading of `level` (1 is the highest), so screen readers
/// can list and jump between a panel's sections.
pub fn mark_heading(response: &egui::Response, level: usize) {
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_role(Role::Heading);
        node.set_level(level);
        // egui wrote the words as a label's value; a heading is named by its label.
        if node.label().is_none()
            && let Some(words) = node.value().map(str::to_owned)
        {
            node.clear_value();
            node.set_label(words);
        }
    });
}

/// Marks the node of `response` as a tab of a tab list, selected or not.
pub fn mark_tab(response: &egui::Response, selected: bool) {
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_role(Role::Tab);
        node.set_selected(selected);
    });
}

/// Marks the node of `response` (a window or an area holding a note box) as a dialog named
/// `name`, which is what a note box is: a short exchange in front of the canvas.
pub fn mark_dialog(response: &egui::Response, name: &str) {
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_role(Role::Dialog);
        node.set_label(name.to_owned());
    });
}

/// Gives every drop-down list (combo box) its current value as its description too. egui puts
/// the value in the node's `value`, which the Linux accessibility bridge (AT-SPI) does not show
/// for a combo box, so a screen reader said only "Projector theme combo box."; the description
/// it does read. Runs on every frame's output, so no list can be forgotten.
#[derive(Debug, Default)]
pub struct ListValues;

impl egui::Plugin for ListValues {
    fn debug_name(&self) -> &'static str {
        "Common Ground list values"
    }

    fn output_hook(&mut self, _ctx: &egui::Context, output: &mut egui::FullOutput) {
        let Some(update) = output.platform_output.accesskit_update.as_mut() else { return };
        for (_, node) in &mut update.nodes {
            describe_list_value(node);
        }
    }
}

/// A combo box's value, written as its description (see [`ListValues`]).
fn describe_list_value(node: &mut Node) {
    if node.role() == Role::ComboBox
        && node.description().is_none()
        && let Some(value) = node.value()
    {
        let value = value.to_owned();
        node.set_description(value);
    }
}

/// How far outside a widget its focus ring is drawn, and how thick, in points.
const RING_GAP: f32 = 2.0;
const RING_WIDTH: f32 = 3.0;
/// How wide the ring's contrasting edge is, on each side of it.
const RING_EDGE: f32 = 1.5;

/// The focus ring's colours: the strongest text colour of the theme, edged on both sides with
/// the panels' own colour. The two are at least 4.5:1 apart in both themes (the console's text
/// contrast), so whatever the ring crosses (a dark canvas, a light card, a grey line), one of
/// them stands out from it at least 3:1.
#[must_use]
pub fn focus_ring_colours(visuals: &egui::Visuals) -> (egui::Color32, egui::Color32) {
    (visuals.strong_text_color(), visuals.panel_fill)
}

/// Draws a focus ring around `rect` (for widgets a canvas paints itself, which egui draws no
/// focus for), just outside it so the widget's own colours stay as they are.
pub fn paint_focus_ring(painter: &egui::Painter, rect: egui::Rect, visuals: &egui::Visuals) {
    let (ring, edge) = focus_ring_colours(visuals);
    let edging = egui::Stroke::new(RING_WIDTH + 2.0 * RING_EDGE, edge);
    painter.rect_stroke(rect.expand(RING_GAP - RING_EDGE), 4.0, edging, egui::StrokeKind::Outside);
    painter.rect_stroke(rect.expand(RING_GAP), 4.0, egui::Stroke::new(RING_WIDTH, ring), egui::StrokeKind::Outside);
}

/// Draws the ring if `response` has the keyboard, and scrolls it into view the moment it gets
/// the keyboard, so Tab never lands on something out of sight.
pub fn show_focus(ui: &egui::Ui, response: &egui::Response) {
    if response.gained_focus() {
        response.scroll_to_me(None);
    }
    if response.has_focus() {
        paint_focus_ring(ui.painter(), response.rect, ui.visuals());
    }
}

/// A node in the main window's tree for another window of the app (the projector's), named as
/// that window is: eframe gives only the main window to AccessKit, so without it a screen reader
/// would not know the other window exists.
pub fn stand_in_for_window(ctx: &egui::Context, key: &str, title: &str) {
    ctx.accesskit_node_builder(egui::Id::unique(("common ground other window", key)), |node| {
        node.set_role(Role::Window);
        node.set_label(title.to_owned());
    });
}

/// The width of a side panel, which the keyboard can change as the mouse does by dragging its
/// divider (egui's dividers take no keyboard focus): [`crate::ui::Command::WidenSidePanel`] and
/// [`crate::ui::Command::NarrowSidePanel`] step it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PanelWidth {
    /// Where the panel was drawn last.
    shown: Option<egui::Rect>,
    /// The width asked for from the keyboard, for the next frame.
    asked: Option<f32>,
}

impl PanelWidth {
    /// How far one key press moves the divider, in points.
    pub const STEP: f32 = 40.0;

    /// Asks for the panel `by` points wider (narrower when negative) from the next frame on.
    pub fn step(&mut self, by: f32) {
        if let Some(shown) = self.shown {
            self.asked = Some(self.asked.unwrap_or(shown.width()) + by);
        }
    }

    /// `panel`, sized as the keyboard asked if it did, kept within `range` (the panel's own
    /// limits); egui then remembers the width as if the divider had been dragged there.
    pub fn apply(&mut self, panel: egui::Panel, range: egui::Rangef) -> egui::Panel {
        match self.asked.take() {
            Some(width) => panel.exact_size(range.clamp(width)),
            None => panel,
        }
    }

    /// Notes the width the panel was drawn at (its response's).
    pub fn shown(&mut self, response: &egui::Response) {
        self.shown = Some(response.rect);
    }

    /// Whether the panel, as drawn last, holds `point` (where the widget with the keyboard is).
    #[must_use]
    pub fn holds(&self, point: egui::Pos2) -> bool {
        self.shown.is_some_and(|rect| rect.contains(point))
    }

    /// Forgets where the panel was, for a panel that is no longer shown.
    pub fn hidden(&mut self) {
        self.shown = None;
    }
}
