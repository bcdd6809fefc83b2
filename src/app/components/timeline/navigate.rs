//! Zooming and panning the timeline: wheel, keys, drag and pinch change the visible domain.

use crate::app::components::gestures::{on_nav, svg_point, Nav};
use crate::explorer::axis::{Scale, WIDTH};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use web_sys::{KeyboardEvent, PointerEvent, WheelEvent};
use yew::prelude::*;

/// The visible domain in days; `None` is "fit the story" (possibly a broken axis).
pub(super) type Domain = UseStateHandle<Option<(f64, f64)>>;

/// Pointers down, by id, at their x in SVG units (two of them pinch).
pub(super) type Pointers = Rc<RefCell<HashMap<i32, f64>>>;

/// Where a drag started: its x, and the domain then.
pub(super) type DragFrom = Rc<RefCell<Option<(f64, (f64, f64))>>>;

/// The timeline's event handlers.
pub(super) struct Handlers {
    pub onwheel: Callback<WheelEvent>,
    pub onkeydown: Callback<KeyboardEvent>,
    pub onpointerdown: Callback<PointerEvent>,
    pub onpointermove: Callback<PointerEvent>,
    pub onpointerup: Callback<PointerEvent>,
    /// The "+" button: zooms in around the selected event, else the middle.
    pub zoom_in: Callback<()>,
    /// The "−" button.
    pub zoom_out: Callback<()>,
    /// The "Fit" button: every event in view.
    pub fit: Callback<()>,
}

impl Handlers {
    /// Handlers that move `domain`, now drawn with `scale`; the keys and buttons zoom around day `focus` (the
    /// selected event's middle, [`Scale::zoom_about`]), else the middle of the view.
    pub fn new(
        domain: &Domain,
        scale: &Scale,
        focus: Option<f64>,
        pointers: &Pointers,
        drag_from: &DragFrom,
    ) -> Handlers {
        let zoom = zoom(domain.clone(), scale.clone());
        let step = {
            let (domain, scale) = (domain.clone(), scale.clone());
            move |factor: f64| domain.set(Some(scale.zoom_about(factor, focus)))
        };
        let pan = {
            let (domain, scale) = (domain.clone(), scale.clone());
            move |fraction: f64| {
                let (s, e) = (scale.start(), scale.end());
                let d = (e - s) * fraction;
                domain.set(Some((s + d, e + d)));
            }
        };
        let onwheel = {
            let zoom = zoom.clone();
            Callback::from(move |e: WheelEvent| {
                e.prevent_default();
                let x = svg_point(&e, WIDTH, 1.0).0;
                zoom(if e.delta_y() > 0.0 { 1.25 } else { 0.8 }, x);
            })
        };
        let onkeydown = {
            let (domain, step) = (domain.clone(), step.clone());
            on_nav(move |nav| {
                match nav {
                    Nav::ZoomIn => step(0.8),
                    Nav::ZoomOut => step(1.25),
                    Nav::Left => pan(-0.1),
                    Nav::Right => pan(0.1),
                    Nav::Fit => domain.set(None),
                    Nav::Up | Nav::Down => return false,
                }
                true
            })
        };
        let onpointerdown = {
            let (pointers, drag_from, scale) = (pointers.clone(), drag_from.clone(), scale.clone());
            Callback::from(move |e: PointerEvent| {
                let x = svg_point(&e, WIDTH, 1.0).0;
                pointers.borrow_mut().insert(e.pointer_id(), x);
                *drag_from.borrow_mut() = Some((x, (scale.start(), scale.end())));
            })
        };
        let onpointerup = {
            let (pointers, drag_from) = (pointers.clone(), drag_from.clone());
            Callback::from(move |e: PointerEvent| {
                pointers.borrow_mut().remove(&e.pointer_id());
                *drag_from.borrow_mut() = None;
            })
        };
        let zoom_in = {
            let step = step.clone();
            Callback::from(move |_| step(0.8))
        };
        let zoom_out = Callback::from(move |_| step(1.25));
        let fit = {
            let domain = domain.clone();
            Callback::from(move |_| domain.set(None))
        };
        Handlers {
            onwheel,
            onkeydown,
            onpointerdown,
            onpointermove: on_pointer_move(domain.clone(), pointers.clone(), drag_from.clone()),
            onpointerup,
            zoom_in,
            zoom_out,
            fit,
        }
    }
}

/// Zooms by `factor` around screen position `x`, through the scale's pieces ([`Scale::zoomed`]): the day under
/// the pointer stays there, on a broken axis too.
fn zoom(domain: Domain, scale: Scale) -> impl Fn(f64, f64) + Clone {
    move |factor: f64, x: f64| domain.set(Some(scale.zoomed(factor, x)))
}

/// Drag pans; two pointers pinch.
fn on_pointer_move(domain: Domain, pointers: Pointers, drag_from: DragFrom) -> Callback<PointerEvent> {
    Callback::from(move |e: PointerEvent| {
        let x = svg_point(&e, WIDTH, 1.0).0;
        let mut ps = pointers.borrow_mut();
        if !ps.contains_key(&e.pointer_id()) {
            return;
        }
        if ps.len() == 2 {
            // Pinch: the distance between two pointers scales the domain.
            let before: Vec<f64> = ps.values().copied().collect();
            ps.insert(e.pointer_id(), x);
            let after: Vec<f64> = ps.values().copied().collect();
            let (d0, d1) = ((before[0] - before[1]).abs(), (after[0] - after[1]).abs());
            if d0 > 4.0 && d1 > 4.0 {
                if let Some((_, (s, en))) = *drag_from.borrow() {
                    let mid = (after[0] + after[1]) / 2.0;
                    let at = s + mid / WIDTH * (en - s);
                    let width = (en - s) * d0 / d1;
                    domain.set(Some((at - width * mid / WIDTH, at - width * mid / WIDTH + width)));
                }
            }
            return;
        }
        ps.insert(e.pointer_id(), x);
        if let Some((x0, (s, en))) = *drag_from.borrow() {
            if (x - x0).abs() > 3.0 {
                let d = (x0 - x) / WIDTH * (en - s);
                domain.set(Some((s + d, en + d)));
            }
        }
    })
}
