//! Input shared by the zoomable views (timeline, map): keyboard navigation, pointer positions in
//! SVG units, and Enter/Space activation of focusable SVG items.

use web_sys::KeyboardEvent;
use yew::prelude::*;

/// A navigation command from the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// `+` or `=`.
    ZoomIn,
    /// `-` or `_`.
    ZoomOut,
    /// `←`.
    Left,
    /// `→`.
    Right,
    /// `↑`.
    Up,
    /// `↓`.
    Down,
    /// `0`, `Home` or `f`: fit the content.
    Fit,
}

impl Nav {
    /// The command a key stands for, if any.
    pub fn from_key(key: &str) -> Option<Nav> {
        Some(match key {
            "+" | "=" => Nav::ZoomIn,
            "-" | "_" => Nav::ZoomOut,
            "ArrowLeft" => Nav::Left,
            "ArrowRight" => Nav::Right,
            "ArrowUp" => Nav::Up,
            "ArrowDown" => Nav::Down,
            "0" | "Home" | "f" | "F" => Nav::Fit,
            _ => return None,
        })
    }
}

/// A keydown handler that runs `act` for navigation keys it handles (returning true) and keeps
/// those keys from scrolling the page.
pub fn on_nav(act: impl Fn(Nav) -> bool + 'static) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        if Nav::from_key(&e.key()).is_some_and(&act) {
            e.prevent_default();
        }
    })
}

/// A keydown handler that activates an item with Enter or Space, as a button would.
pub fn on_activate(activate: Callback<()>) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            e.stop_propagation();
            activate.emit(());
        }
    })
}

/// Position of a mouse or pointer event in the units of the `width` × `height` viewBox of the `<svg>` it
/// happened in (the centre when that has no size).
///
/// The `<svg>` is found from the event's target, not its current target: Yew delegates listeners to the app's
/// root, so `currentTarget` is that root, whose box is not the drawing's (the timeline zoomed 20 px away from
/// the pointer, the map further).
pub fn svg_point(e: &web_sys::MouseEvent, width: f64, height: f64) -> (f64, f64) {
    let rect = e
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .and_then(|el| el.closest("svg").ok().flatten())
        .map(|el| el.get_bounding_client_rect());
    match rect {
        Some(r) if r.width() > 0.0 && r.height() > 0.0 => (
            (f64::from(e.client_x()) - r.left()) / r.width() * width,
            (f64::from(e.client_y()) - r.top()) / r.height() * height,
        ),
        _ => (width / 2.0, height / 2.0),
    }
}

/// The "+", "−" and "Fit" buttons of a zoomable view, in a group named `group`; `fit` names what Fit shows; then the
/// "SVG" and "PNG" downloads of the `picture`. One function for both views, kept out of line: the page's first
/// paint carries it once.
#[inline(never)]
pub fn zoom_buttons(
    group: &'static str,
    fit: &'static str,
    actions: [Callback<()>; 3],
    picture: crate::app::services::picture::View,
) -> Html {
    let [zoom_in, zoom_out, fit_all] = actions;
    let labels = [
        ("Zoom in (+)", "+", zoom_in),
        ("Zoom out (−)", "−", zoom_out),
        (fit, "Fit", fit_all),
    ];
    html! {
        <div class="zoom-bar" role="group" aria-label={group}>
            {for labels.into_iter().map(|(label, text, cb)| html! {
                <button type="button" class="zoom-btn" aria-label={label} title={label} onclick={cb.reform(|_| ())}>{text}</button>
            })}
            {for [false, true].into_iter().map(|png| {
                let label = picture.download_label(png);
                let onclick = Callback::from(move |_| crate::app::services::picture::download(picture, png));
                html! {
                    <button type="button" class="zoom-btn picture-btn" aria-label={label} title={label} {onclick}>
                        {if png { "PNG" } else { "SVG" }}
                    </button>
                }
            })}
        </div>
    }
}
