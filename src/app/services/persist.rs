//! Where the view lives outside the page: the address's fragment (the share link), the
//! browser's localStorage (the autosave), and downloaded files.

use crate::share::{self, LinkError, ViewState};
use wasm_bindgen::JsCast;

/// localStorage key of the autosave.
const AUTOSAVE_KEY: &str = "dateline.autosave.v1";
/// The articles kept from before a link replaced them (`crate::explorer::earlier`).
const EARLIER_KEY: &str = "dateline.earlier.v1";

/// localStorage key of the watchdog's test hook: milliseconds that replace every request's time budget
/// (docs/reliability.md). Read from storage, never from the address, so that a link cannot set it.
const WATCHDOG_KEY: &str = "dateline.test.watchdog-ms";

/// The current address's fragment, without the `#` (empty when there is none).
pub fn fragment() -> String {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    hash.trim_start_matches('#').to_string()
}

/// The view in the current address, if the address holds one.
pub fn read_link() -> Option<Result<ViewState, LinkError>> {
    let fragment = fragment();
    if fragment.is_empty() {
        return None;
    }
    Some(share::decode(&fragment))
}

/// The watchdog budget set for tests, if any: a whole number of milliseconds under [`WATCHDOG_KEY`].
pub fn watchdog_override_ms() -> Option<u32> {
    storage()?.get_item(WATCHDOG_KEY).ok()??.trim().parse().ok()
}

/// Writes `link` into the address without adding a history entry. Returns false if the browser refused.
pub fn write_link(link: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let Ok(history) = window.history() else { return false };
    let url = if link.is_empty() {
        " ".to_string()
    } else {
        format!("#{link}")
    };
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .is_ok()
}

/// Removes the view from the address (the page's address without a fragment).
pub fn clear_link() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let Ok(history) = window.history() else { return false };
    let location = window.location();
    if location.hash().is_ok_and(|h| h.is_empty()) {
        return true;
    }
    let url = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .is_ok()
}

/// The full address of the page with `link` as its fragment.
pub fn page_url_with(link: &str) -> String {
    let Some(window) = web_sys::window() else {
        return format!("#{link}");
    };
    let location = window.location();
    let base = format!(
        "{}{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    format!("{base}#{link}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Saves the view for a later restore; false when storage is full or disabled.
pub fn autosave(view: &ViewState) -> bool {
    let Some(storage) = storage() else { return false };
    let Ok(json) = serde_json::to_string(view) else {
        return false;
    };
    storage.set_item(AUTOSAVE_KEY, &json).is_ok()
}

/// The autosaved view, when one exists and parses.
pub fn read_autosave() -> Option<ViewState> {
    let json = storage()?.get_item(AUTOSAVE_KEY).ok()??;
    serde_json::from_str(&json).ok()
}

/// The articles kept from before (the newest first); none when there are none or they do not parse.
pub fn read_earlier() -> Vec<ViewState> {
    storage()
        .and_then(|s| s.get_item(EARLIER_KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// Keeps `view` first among the earlier articles; false when storage is full or disabled.
pub fn keep_earlier(view: &ViewState) -> bool {
    let list = crate::explorer::earlier::keep(read_earlier(), view.clone());
    let Some(storage) = storage() else { return false };
    serde_json::to_string(&list).is_ok_and(|json| storage.set_item(EARLIER_KEY, &json).is_ok())
}

/// Forgets the earlier article with this text (the person restored or discarded it).
pub fn forget_earlier(text: &str) {
    let list: Vec<ViewState> = read_earlier().into_iter().filter(|v| v.text != text).collect();
    if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(&list)) {
        let _ = storage.set_item(EARLIER_KEY, &json);
    }
}

/// Forgets the autosave.
pub fn clear_autosave() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(AUTOSAVE_KEY);
    }
}

/// Offers `content` as a file download named `name`.
pub fn download(name: &str, media_type: &str, content: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| "cannot make a file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "cannot make a file address")?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "no anchor")?
        .dyn_into()
        .map_err(|_| "no anchor")?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
