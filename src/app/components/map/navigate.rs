//! Zooming and panning the map: wheel, keys, drag and pinch change the view.

use crate::app::components::gestures::{on_nav, svg_point, Nav};
use crate::explorer::geo::{View, H, W};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use web_sys::{KeyboardEvent, PointerEvent, WheelEvent};
use yew::prelude::*;

/// Where a drag started (screen units) and the view then.
pub(super) type Drag = Rc<RefCell<Option<(f64, f64, View)>>>;

/// Touch points by pointer id, for pinch zoom.
pub(super) type Touches = Rc<RefCell<HashMap<i32, (f64, f64)>>>;

/// The map's event handlers.
pub(super) struct Handlers {
    pub onwheel: Callback<WheelEvent>,
    pub onkeydown: Callback<KeyboardEvent>,
    pub onpointerdown: Callback<PointerEvent>,
    pub onpointermove: Callback<PointerEvent>,
    pub onpointerup: Callback<PointerEvent>,
    /// The "+" button: zooms in around the selection, else the centre.
    pub zoom_in: Callback<()>,
    /// The "−" button.
    pub zoom_out: Callback<()>,
    /// The "Fit" button: back to the first view.
    pub fit: Callback<()>,
}

impl Handlers {
    /// Handlers that move `view`, now `current`; the keys and buttons zoom around `focus` (screen units: the
    /// selection in view, else the centre, from [`crate::explorer::geo::zoom_focus`]).
    pub fn new(
        view: &UseStateHandle<Option<View>>,
        current: View,
        focus: (f64, f64),
        drag: &Drag,
        touches: &Touches,
    ) -> Handlers {
        let zoom = zoom(view.clone(), current);
        let onwheel = {
            let zoom = zoom.clone();
            Callback::from(move |e: WheelEvent| {
                e.prevent_default();
                let (sx, sy) = svg_point(&e, W, H);
                zoom(if e.delta_y() > 0.0 { 1.25 } else { 0.8 }, sx, sy);
            })
        };
        let onkeydown = {
            let (zoom, view) = (zoom.clone(), view.clone());
            on_nav(move |nav| {
                let step = current.w * 0.1;
                let moved = |dx: f64, dy: f64| Some(current.moved(dx, dy));
                match nav {
                    Nav::ZoomIn => zoom(0.8, focus.0, focus.1),
                    Nav::ZoomOut => zoom(1.25, focus.0, focus.1),
                    Nav::Left => view.set(moved(-step, 0.0)),
                    Nav::Right => view.set(moved(step, 0.0)),
                    Nav::Up => view.set(moved(0.0, -step)),
                    Nav::Down => view.set(moved(0.0, step)),
                    Nav::Fit => view.set(None),
                }
                true
            })
        };
        let onpointerdown = {
            let (drag, touches) = (drag.clone(), touches.clone());
            Callback::from(move |e: PointerEvent| {
                let (sx, sy) = svg_point(&e, W, H);
                touches.borrow_mut().insert(e.pointer_id(), (sx, sy));
                *drag.borrow_mut() = Some((sx, sy, current));
            })
        };
        let onpointerup = {
            let (drag, touches) = (drag.clone(), touches.clone());
            Callback::from(move |e: PointerEvent| {
                touches.borrow_mut().remove(&e.pointer_id());
                *drag.borrow_mut() = None;
            })
        };
        let zoom_in = {
            let zoom = zoom.clone();
            Callback::from(move |_| zoom(0.8, focus.0, focus.1))
        };
        let zoom_out = {
            let zoom = zoom.clone();
            Callback::from(move |_| zoom(1.25, focus.0, focus.1))
        };
        let fit = {
            let view = view.clone();
            Callback::from(move |_| view.set(None))
        };
        Handlers {
            onwheel,
            onkeydown,
            onpointerdown,
            onpointermove: on_pointer_move(view.clone(), drag.clone(), touches.clone(), zoom),
            onpointerup,
            zoom_in,
            zoom_out,
            fit,
        }
    }
}

/// Zooms by `factor` around screen position (`sx`, `sy`) ([`View::zoomed`]).
fn zoom(view: UseStateHandle<Option<View>>, current: View) -> impl Fn(f64, f64, f64) + Clone {
    move |factor: f64, sx: f64, sy: f64| view.set(Some(current.zoomed(factor, sx, sy)))
}

/// Drag pans; two fingers pinch.
fn on_pointer_move(
    view: UseStateHandle<Option<View>>,
    drag: Drag,
    touches: Touches,
    zoom: impl Fn(f64, f64, f64) + 'static,
) -> Callback<PointerEvent> {
    Callback::from(move |e: PointerEvent| {
        let point = svg_point(&e, W, H);
        let mut points = touches.borrow_mut();
        if points.len() == 2 && points.contains_key(&e.pointer_id()) {
            // Pinch: the change in distance between two fingers zooms around their midpoint.
            let before: Vec<(f64, f64)> = points.values().copied().collect();
            points.insert(e.pointer_id(), point);
            let after: Vec<(f64, f64)> = points.values().copied().collect();
            let span = |p: &[(f64, f64)]| (p[0].0 - p[1].0).hypot(p[0].1 - p[1].1);
            let (d0, d1) = (span(&before), span(&after));
            if d0 > 4.0 && d1 > 4.0 {
                zoom(
                    d0 / d1,
                    (after[0].0 + after[1].0) / 2.0,
                    (after[0].1 + after[1].1) / 2.0,
                );
            }
            *drag.borrow_mut() = None;
            return;
        }
        if let Some((x0, y0, start)) = *drag.borrow() {
            let (sx, sy) = svg_point(&e, W, H);
            if (sx - x0).abs() + (sy - y0).abs() > 3.0 {
                let s = W / start.w;
                view.set(Some(start.moved(-(sx - x0) / s, -(sy - y0) / s)));
            }
        }
    })
}
