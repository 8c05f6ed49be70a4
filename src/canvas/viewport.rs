//! Where the world (a canvas's own units) sits on the screen. Both the prompt wheel and the
//! needs map use it, so they pan and zoom alike; canvases draw text at the zoomed size rather
//! than scaling a layer, so words stay sharp on a projector at any zoom. The gestures that move
//! it belong to the widgets above.

use egui::{Pos2, Rect, Vec2};

/// How a canvas is shown on screen: screen = origin + world × zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// Screen points per world unit.
    pub zoom: f32,
    /// Where the world's (0, 0) is on screen.
    pub origin: Pos2,
}

impl Default for Viewport {
    fn default() -> Self {
        Self { zoom: 1.0, origin: Pos2::ZERO }
    }
}

impl Viewport {
    /// The smallest zoom: the whole of a crowded canvas on a laptop screen.
    pub const MIN_ZOOM: f32 = 0.15;
    /// The largest zoom: one note across most of a projector screen.
    pub const MAX_ZOOM: f32 = 6.0;

    /// A world point on screen.
    pub fn to_screen(self, point: Pos2) -> Pos2 {
        self.origin + point.to_vec2() * self.zoom
    }

    /// A world rectangle on screen.
    pub fn rect_to_screen(self, rect: Rect) -> Rect {
        Rect::from_min_max(self.to_screen(rect.min), self.to_screen(rect.max))
    }

    /// The world point under a screen point.
    pub fn to_world(self, point: Pos2) -> Pos2 {
        ((point - self.origin) / self.zoom).to_pos2()
    }

    /// The world rectangle under a screen rectangle.
    pub fn rect_to_world(self, rect: Rect) -> Rect {
        Rect::from_min_max(self.to_world(rect.min), self.to_world(rect.max))
    }

    /// The viewport that shows all of `content` centred in `screen`, leaving `margin` around it,
    /// never zoomed past `max_zoom`.
    pub fn fitting(content: Rect, screen: Rect, margin: f32, max_zoom: f32) -> Self {
        Self::fitting_on(content, content.center(), screen, margin, max_zoom)
    }

    /// As [`Viewport::fitting`], but content too big to show whole even at the smallest zoom is
    /// centred on `focus` rather than on its own middle, which on a large map is empty space far
    /// from where the notes meet.
    pub fn fitting_on(content: Rect, focus: Pos2, screen: Rect, margin: f32, max_zoom: f32) -> Self {
        let room = (screen.size() - Vec2::splat(2.0 * margin)).max(Vec2::splat(1.0));
        let size = content.size().max(Vec2::splat(1.0));
        let needed = (room.x / size.x).min(room.y / size.y);
        let zoom = needed.clamp(Self::MIN_ZOOM, max_zoom.max(Self::MIN_ZOOM));
        let centre = if needed < Self::MIN_ZOOM { focus } else { content.center() };
        Self { zoom, origin: screen.center() - centre.to_vec2() * zoom }
    }

    /// Zoom by `factor`, keeping the world point under `screen_point` where it is.
    pub fn zoom_about(&mut self, screen_point: Pos2, factor: f32) {
        let anchor = self.to_world(screen_point);
        self.zoom = (self.zoom * factor).clamp(Self::MIN_ZOOM, Self::MAX_ZOOM);
        self.origin = screen_point - anchor.to_vec2() * self.zoom;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{pos2, vec2};

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-3
    }

    #[test]
    fn viewport_maps_both_ways_fits_and_zooms_about_the_pointer() {
        let screen = Rect::from_min_size(pos2(100.0, 50.0), vec2(1000.0, 600.0));
        let content = Rect::from_min_size(pos2(-20.0, -300.0), vec2(1240.0, 900.0));
        let view = Viewport::fitting(content, screen, 20.0, 3.0);
        let shown = view.rect_to_screen(content);
        assert!(screen.shrink(19.9).contains_rect(shown), "the content fits: {shown:?}");
        assert!(close(shown.center().x, screen.center().x) && close(shown.center().y, screen.center().y));
        assert!(close(shown.height(), 560.0), "the tighter side touches the margin");
        let point = pos2(333.0, -42.0);
        assert!(view.to_world(view.to_screen(point)).distance(point) < 1e-3);

        let mut zoomed = view;
        let pointer = pos2(400.0, 300.0);
        let under_pointer = zoomed.to_world(pointer);
        zoomed.zoom_about(pointer, 2.0);
        assert!(close(zoomed.zoom, view.zoom * 2.0));
        assert!(zoomed.to_screen(under_pointer).distance(pointer) < 1e-3, "the point under the pointer stays put");
        zoomed.zoom_about(pointer, 1000.0);
        assert_eq!(zoomed.zoom, Viewport::MAX_ZOOM);

        let tiny = Viewport::fitting(Rect::from_min_size(Pos2::ZERO, vec2(10.0, 10.0)), screen, 20.0, 1.5);
        assert_eq!(tiny.zoom, 1.5, "a small map is not blown up past the largest comfortable zoom");
    }

    #[test]
    fn content_too_big_to_fit_is_centred_on_its_focus() {
        let screen = Rect::from_min_size(Pos2::ZERO, vec2(1000.0, 400.0));
        let focus = pos2(300.0, 200.0);
        let huge = Rect::from_min_size(Pos2::ZERO, vec2(20_000.0, 8_000.0));
        let view = Viewport::fitting_on(huge, focus, screen, 16.0, 1.6);
        assert_eq!(view.zoom, Viewport::MIN_ZOOM);
        assert!(view.to_screen(focus).distance(screen.center()) < 1e-3, "the focus is in the middle");

        let small = Rect::from_min_size(Pos2::ZERO, vec2(2_000.0, 800.0));
        let fitted = Viewport::fitting_on(small, focus, screen, 16.0, 1.6);
        assert!(fitted.to_screen(small.center()).distance(screen.center()) < 1e-3, "content that fits is centred");
    }
}
