//! One Tab stop per region, arrow keys inside it (a roving tab index), in the page. A region is an element
//! with [`GROUP`] (its value names the layout, see [`Layout::from_name`]); its items carry [`ITEM`] with a key
//! that stays the same across renders. The views render no `tabindex` on their items: [`settle`] gives the one
//! Tab stop after each render of a region ([`use_roving`]) and at each focus change, as
//! [`crate::explorer::roving`] decides. Keys are read once for the whole page, in the capture phase, so an arrow
//! on an item moves the focus before the drawing around it would pan.

use crate::explorer::roving::{tab_stop, target, Item, Layout};
use gloo::events::{EventListener, EventListenerOptions, EventListenerPhase};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, KeyboardEvent};
use yew::prelude::*;

/// The attribute that makes an element a region whose items rove; its value names the layout (`list`, `plane`).
pub const GROUP: &str = "data-roving";
/// The attribute of an item of a region; its value is the item's key (an id), the same across renders.
pub const ITEM: &str = "data-rove";
/// The attribute of the element that is the region's Tab stop while it has no items (a drawing that pans and
/// zooms with the keys, which is its own stop only then).
pub const HOME: &str = "data-rove-home";
/// Where a region keeps the key of its item last focused.
const LAST: &str = "data-rove-last";

/// The items of `group`, in the page's order. O(n).
fn items(group: &Element) -> Vec<Element> {
    let Ok(list) = group.query_selector_all(&format!("[{ITEM}]")) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}

/// Whether an item shows the selection: a pressed button, or an element marked selected.
fn shows_selection(el: &Element) -> bool {
    el.get_attribute("aria-pressed").as_deref() == Some("true")
        || el
            .get_attribute("class")
            .is_some_and(|c| c.split_whitespace().any(|c| c == "selected"))
}

/// Sets `tabindex` when it differs (writing an attribute costs a style recalculation even when unchanged).
fn set_tabindex(el: &Element, value: &str) {
    if el.get_attribute("tabindex").as_deref() != Some(value) {
        let _ = el.set_attribute("tabindex", value);
    }
}

/// Gives region `group` its one Tab stop ([`tab_stop`]): `0` on that item, `-1` on the others; its [`HOME`]
/// element is the stop only when it has no items. O(n) in its items.
pub fn settle(group: &Element) {
    let items = items(group);
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let last = group.get_attribute(LAST);
    let states: Vec<Item> = items
        .iter()
        .map(|el| Item {
            focused: active.as_ref() == Some(el),
            selected: shows_selection(el),
            last_focused: last.is_some() && el.get_attribute(ITEM) == last,
        })
        .collect();
    let stop = tab_stop(&states);
    for (n, el) in items.iter().enumerate() {
        set_tabindex(el, if Some(n) == stop { "0" } else { "-1" });
    }
    if let Ok(Some(home)) = group.query_selector(&format!("[{HOME}]")) {
        set_tabindex(&home, if items.is_empty() { "0" } else { "-1" });
    }
}

/// The item an event happened on, and its region.
fn item_and_group(event: &Event) -> Option<(Element, Element)> {
    let el = event.target()?.dyn_into::<Element>().ok()?;
    if !el.has_attribute(ITEM) {
        return None;
    }
    let group = el.closest(&format!("[{GROUP}]")).ok()??;
    Some((el, group))
}

/// Focuses an HTML or SVG element (`focus` is on both, web-sys has it on `HtmlElement` only).
fn focus(el: &Element) {
    if let Ok(f) = js_sys::Reflect::get(el, &"focus".into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call0(el);
        }
    }
}

/// An arrow, Home or End on an item: the focus moves inside its region, and the key goes no further (the
/// timeline and the map pan with the arrows; Shift and an arrow still does, it is not taken here).
fn on_key(event: &Event) {
    let Some(e) = event.dyn_ref::<KeyboardEvent>() else {
        return;
    };
    if e.alt_key() || e.ctrl_key() || e.meta_key() || e.shift_key() {
        return;
    }
    let Some((el, group)) = item_and_group(event) else {
        return;
    };
    let layout = Layout::from_name(&group.get_attribute(GROUP).unwrap_or_default());
    let Some(step) = layout.step(&e.key()) else {
        return;
    };
    e.prevent_default();
    e.stop_propagation();
    let items = items(&group);
    let from = items.iter().position(|i| i == &el).unwrap_or(items.len());
    // Where the items are on screen matters on a plane only; a list moves by index.
    let points: Vec<(f64, f64)> = match layout {
        Layout::Plane => items
            .iter()
            .map(|i| {
                let r = i.get_bounding_client_rect();
                (r.left() + r.width() / 2.0, r.top() + r.height() / 2.0)
            })
            .collect(),
        Layout::List => vec![(0.0, 0.0); items.len()],
    };
    if let Some(next) = target(step, from, &points).and_then(|to| items.get(to)) {
        focus(next);
    }
}

/// An item took the focus (a key, a click, Tab): it is its region's item last focused, and its Tab stop.
fn on_focus(event: &Event) {
    if let Some((el, group)) = item_and_group(event) {
        if let Some(key) = el.get_attribute(ITEM) {
            let _ = group.set_attribute(LAST, &key);
        }
        settle(&group);
    }
}

/// Listens to the keys and focus changes of every region of the page; dropping the result stops it.
pub fn listen() -> Option<(EventListener, EventListener)> {
    let window = web_sys::window()?;
    // Capture: before the page's own handlers (Yew's, on its root), so an arrow never also pans a drawing.
    let capture = EventListenerOptions {
        phase: EventListenerPhase::Capture,
        passive: false,
    };
    let keys = EventListener::new_with_options(&window, "keydown", capture, on_key);
    let focus = EventListener::new_with_options(&window, "focusin", capture, on_focus);
    Some((keys, focus))
}

/// Settles the region at `group` after each render of the view that draws it: items drawn anew get their
/// `tabindex`, and the item showing a new selection becomes the stop.
#[hook]
pub fn use_roving(group: &NodeRef) {
    let group = group.clone();
    use_effect(move || {
        if let Some(el) = group.cast::<Element>() {
            settle(&el);
        }
    });
}

/// Drawing units per CSS pixel of the `<svg>` at `node`, `width` units wide ([`units_per_px`]): measured when
/// it first appears and again when the window is resized (a phone turned), not at every render (measuring
/// makes the browser lay the page out at once).
///
/// [`units_per_px`]: crate::explorer::roving::units_per_px
#[hook]
pub fn use_units_per_px(node: &NodeRef, width: f64) -> f64 {
    let unit = use_state_eq(|| 1.0_f64);
    // The value now (the state handle a listener holds keeps the value of its render).
    let current = use_mut_ref(|| 1.0_f64);
    let measured = use_mut_ref(|| false);
    let measure = {
        let (node, unit, current) = (node.clone(), unit.clone(), current.clone());
        move || -> bool {
            let Some(el) = node.cast::<Element>() else {
                return false;
            };
            // Less two pixels, a border's: the drawing inside a border is that much narrower, and a label must
            // never come out a fraction of a pixel under its size.
            let css_px = el.get_bounding_client_rect().width() - 2.0;
            let now = crate::explorer::roving::units_per_px(width, css_px);
            // A change below half a percent is noise of the layout, not worth a render.
            let before = *current.borrow();
            if (now - before).abs() > before * 0.005 {
                *current.borrow_mut() = now;
                unit.set(now);
            }
            true
        }
    };
    {
        let (measure, measured) = (measure.clone(), measured.clone());
        use_effect(move || {
            if !*measured.borrow() {
                *measured.borrow_mut() = measure();
            }
        });
    }
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            EventListener::new(&w, "resize", move |_| {
                measure();
            })
        });
        move || drop(listener)
    });
    *unit
}
