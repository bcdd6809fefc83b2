//! Keyboard movement inside a region (a "roving tab index"): each region of the page (the article's
//! highlights, the timeline's events, the map's markers, the event list) is one Tab stop, and the arrow keys,
//! Home and End move between its items. The browser side (`src/app/components/roving.rs`) reads the items from
//! the page and moves the focus; what a key does and which item keeps the region's Tab stop is decided here.
//!
//! Also the size of the drawings' units on screen ([`units_per_px`]): the timeline and the map draw in fixed
//! units, and on a narrow screen their labels and markers are drawn bigger in those units so that they stay
//! readable in CSS pixels.

/// Where a key moves the focus inside a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The previous item (`←` or `↑` in a list).
    Previous,
    /// The next item (`→` or `↓` in a list).
    Next,
    /// The first item (`Home`).
    First,
    /// The last item (`End`).
    Last,
    /// The nearest item to the left (`←` on a map).
    Left,
    /// The nearest item to the right (`→` on a map).
    Right,
    /// The nearest item above (`↑` on a map).
    Up,
    /// The nearest item below (`↓` on a map).
    Down,
}

/// How a region's items are laid out, which decides what the arrow keys mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// In reading order (the text, the timeline in time order, the event list): every arrow goes back or on.
    List,
    /// Spread over a plane (the map): each arrow goes to the nearest item in its direction.
    Plane,
}

impl Layout {
    /// The layout named by a region's `data-roving` attribute (`plane`; anything else is a list).
    pub fn from_name(name: &str) -> Layout {
        if name == "plane" {
            Layout::Plane
        } else {
            Layout::List
        }
    }

    /// The step a key stands for in this layout, if any. Keys with a modifier are left to the page (the
    /// drawings pan with Shift and an arrow).
    pub fn step(self, key: &str) -> Option<Step> {
        Some(match (self, key) {
            (_, "Home") => Step::First,
            (_, "End") => Step::Last,
            (Layout::List, "ArrowLeft" | "ArrowUp") => Step::Previous,
            (Layout::List, "ArrowRight" | "ArrowDown") => Step::Next,
            (Layout::Plane, "ArrowLeft") => Step::Left,
            (Layout::Plane, "ArrowRight") => Step::Right,
            (Layout::Plane, "ArrowUp") => Step::Up,
            (Layout::Plane, "ArrowDown") => Step::Down,
            _ => return None,
        })
    }
}

/// The item `step` moves to from item `from` of `points` (each item's centre on screen, y down), or `None`
/// when there is none that way (the ends of a list do not wrap, so holding a key stops at the end). O(n).
pub fn target(step: Step, from: usize, points: &[(f64, f64)]) -> Option<usize> {
    let len = points.len();
    if len == 0 || from >= len {
        return (len > 0 && matches!(step, Step::First | Step::Last | Step::Next)).then(|| {
            if step == Step::Last {
                len - 1
            } else {
                0
            }
        });
    }
    let to = match step {
        Step::Previous => from.checked_sub(1)?,
        Step::Next => from + 1,
        Step::First => 0,
        Step::Last => len - 1,
        Step::Left => nearest(points, from, (-1.0, 0.0))?,
        Step::Right => nearest(points, from, (1.0, 0.0))?,
        Step::Up => nearest(points, from, (0.0, -1.0))?,
        Step::Down => nearest(points, from, (0.0, 1.0))?,
    };
    (to < len && to != from).then_some(to)
}

/// The item nearest to item `from` in direction `dir` (a unit vector): among the items ahead of it (within 45°
/// either side of the direction), the one with the smallest distance along the direction plus twice the
/// distance across it, so a marker straight ahead wins over a nearer one off to the side. O(n).
fn nearest(points: &[(f64, f64)], from: usize, dir: (f64, f64)) -> Option<usize> {
    let (x0, y0) = points[from];
    points
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != from)
        .filter_map(|(i, &(x, y))| {
            let (dx, dy) = (x - x0, y - y0);
            let along = dx * dir.0 + dy * dir.1;
            let across = (dx * dir.1 - dy * dir.0).abs();
            (along > 0.0 && across <= along).then_some((i, along + 2.0 * across))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// What the page says about one item of a region, to choose the region's Tab stop.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Item {
    /// It has the focus now.
    pub focused: bool,
    /// It shows the selection (the selected event, a mention of the selected place, ...).
    pub selected: bool,
    /// It is the item last focused in this region.
    pub last_focused: bool,
}

/// The item that is the region's one Tab stop: the focused one; else the first that shows the selection;
/// else the one last focused; else the first. `None` for a region without items. O(n).
pub fn tab_stop(items: &[Item]) -> Option<usize> {
    items
        .iter()
        .position(|i| i.focused)
        .or_else(|| items.iter().position(|i| i.selected))
        .or_else(|| items.iter().position(|i| i.last_focused))
        .or_else(|| (!items.is_empty()).then_some(0))
}

/// Drawing units per CSS pixel for a drawing `width` units wide shown `css_px` pixels wide, never below 1: a
/// drawing shown smaller than its units (a phone) draws its text and marks that many times bigger, so that a
/// 12-unit label stays 12 px; one shown bigger keeps its sizes. 1 when the width is unknown (not laid out yet).
pub fn units_per_px(width: f64, css_px: f64) -> f64 {
    if css_px.is_finite() && css_px > 1.0 && width.is_finite() && width > 0.0 {
        (width / css_px).max(1.0)
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(n: usize) -> Vec<(f64, f64)> {
        (0..n).map(|i| (i as f64 * 10.0, 0.0)).collect()
    }

    #[test]
    fn arrows_move_along_a_list_and_stop_at_its_ends() {
        let points = row(4);
        let key = |k: &str, from: usize| Layout::List.step(k).and_then(|s| target(s, from, &points));
        assert_eq!(key("ArrowRight", 0), Some(1));
        assert_eq!(key("ArrowDown", 2), Some(3));
        assert_eq!(key("ArrowLeft", 2), Some(1));
        assert_eq!(key("ArrowUp", 1), Some(0));
        assert_eq!(key("ArrowRight", 3), None, "no wrap past the last");
        assert_eq!(key("ArrowLeft", 0), None, "no wrap before the first");
        assert_eq!(key("Home", 2), Some(0));
        assert_eq!(key("End", 1), Some(3));
        assert_eq!(key("End", 3), None, "already there");
        assert_eq!(key("Enter", 1), None, "not a move: left to the item");
        assert_eq!(key("PageDown", 1), None);
    }

    #[test]
    fn from_outside_the_items_the_first_or_last_is_reached() {
        // The focus is on the region's drawing itself, not on an item.
        assert_eq!(target(Step::Next, 9, &row(3)), Some(0));
        assert_eq!(target(Step::Last, 9, &row(3)), Some(2));
        assert_eq!(target(Step::Previous, 9, &row(3)), None);
        assert_eq!(target(Step::Next, 0, &[]), None);
    }

    #[test]
    fn on_a_plane_arrows_go_to_the_nearest_item_that_way() {
        // A cross around the centre, and one far off to the right but level.
        let points = [
            (0.0, 0.0),
            (-10.0, 1.0),
            (10.0, -1.0),
            (1.0, -10.0),
            (-1.0, 10.0),
            (100.0, 0.0),
        ];
        let key = |k: &str| Layout::Plane.step(k).and_then(|s| target(s, 0, &points));
        assert_eq!(key("ArrowLeft"), Some(1));
        assert_eq!(key("ArrowRight"), Some(2));
        assert_eq!(key("ArrowUp"), Some(3), "y grows downwards on screen");
        assert_eq!(key("ArrowDown"), Some(4));
        // From the far one, left reaches the nearest of the cross that lies that way.
        assert_eq!(target(Step::Left, 5, &points), Some(2));
        // Nothing beyond it to the right.
        assert_eq!(target(Step::Right, 5, &points), None);
    }

    #[test]
    fn a_marker_straight_ahead_wins_over_a_nearer_one_off_to_the_side() {
        // 10.6 away, 41° off; 20 away, straight ahead.
        let points = [(0.0, 0.0), (8.0, 7.0), (20.0, 0.0)];
        assert_eq!(target(Step::Right, 0, &points), Some(2));
        // Beyond 45° off the direction it is not "that way" at all.
        assert_eq!(target(Step::Right, 0, &[(0.0, 0.0), (5.0, 9.0)]), None);
    }

    #[test]
    fn the_tab_stop_is_the_focused_else_selected_else_last_focused_else_first_item() {
        let plain = Item::default();
        let selected = Item {
            selected: true,
            ..plain
        };
        let last = Item {
            last_focused: true,
            ..plain
        };
        let focused = Item { focused: true, ..plain };
        assert_eq!(tab_stop(&[]), None);
        assert_eq!(tab_stop(&[plain, plain]), Some(0));
        assert_eq!(tab_stop(&[plain, last, plain]), Some(1));
        assert_eq!(
            tab_stop(&[plain, last, selected, selected]),
            Some(2),
            "the first that shows the selection"
        );
        assert_eq!(tab_stop(&[selected, last, focused]), Some(2));
    }

    #[test]
    fn drawings_shown_smaller_than_their_units_draw_labels_bigger() {
        assert_eq!(units_per_px(1000.0, 350.0), 1000.0 / 350.0);
        assert_eq!(units_per_px(1000.0, 1230.0), 1.0, "a wide screen keeps the sizes");
        assert_eq!(units_per_px(1000.0, 0.0), 1.0, "not laid out yet");
        assert_eq!(units_per_px(1000.0, f64::NAN), 1.0);
    }
}
