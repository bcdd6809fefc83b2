//! The articles a person had before, kept so that nothing they wrote is lost silently: opening a share link
//! replaces the article on the page, and the next edit would overwrite the autosave with the link's view. The
//! article that was there is kept in a short list, offered back at once and at every start.

use crate::share::ViewState;

/// How many earlier articles are kept (the newest first).
pub const EARLIER_MAX: usize = 5;

/// `list` with `view` put first: one entry per text (an older copy of the same text goes), at most
/// [`EARLIER_MAX`], and never an empty text. Linear in the list's texts.
pub fn keep(list: Vec<ViewState>, view: ViewState) -> Vec<ViewState> {
    if view.text.trim().is_empty() {
        return list;
    }
    let mut out = Vec::with_capacity(EARLIER_MAX);
    out.push(view);
    for old in list {
        if out.len() == EARLIER_MAX {
            break;
        }
        if !old.text.trim().is_empty() && out.iter().all(|v| v.text != old.text) {
            out.push(old);
        }
    }
    out
}

/// What to offer back at start: the autosave and then the earlier articles, leaving out the article the page
/// opened with (`current`, a link's text) and repeats. The newest first.
pub fn offers(autosave: Option<ViewState>, earlier: Vec<ViewState>, current: Option<&str>) -> Vec<ViewState> {
    let mut out: Vec<ViewState> = Vec::new();
    for view in autosave.into_iter().chain(earlier) {
        if view.text.trim().is_empty() || Some(view.text.as_str()) == current || out.iter().any(|v| v.text == view.text)
        {
            continue;
        }
        out.push(view);
    }
    out
}

/// A short name for an offered article: its first line, cut to `max` characters, and its length in words.
pub fn label(view: &ViewState, max: usize) -> String {
    let first = view.text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let mut short: String = first.chars().take(max).collect();
    if first.chars().count() > max {
        short.push('…');
    }
    format!("{short} ({} words)", view.text.split_whitespace().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(text: &str) -> ViewState {
        ViewState {
            text: text.into(),
            ..ViewState::default()
        }
    }

    #[test]
    fn the_newest_first_one_per_text_and_at_most_five() {
        let mut list = Vec::new();
        for k in 0..8 {
            list = keep(list, view(&format!("notes {k}")));
        }
        list = keep(list, view("notes 6"));
        let texts: Vec<&str> = list.iter().map(|v| v.text.as_str()).collect();
        assert_eq!(texts, ["notes 6", "notes 7", "notes 5", "notes 4", "notes 3"]);
        assert_eq!(keep(list.clone(), view("  ")), list);
    }

    #[test]
    fn offers_leave_out_the_opened_article_and_repeats() {
        let offered = offers(
            Some(view("link text")),
            vec![view("my notes"), view("link text"), view("older")],
            Some("link text"),
        );
        let texts: Vec<&str> = offered.iter().map(|v| v.text.as_str()).collect();
        assert_eq!(texts, ["my notes", "older"]);
        let offered = offers(Some(view("my notes")), vec![view("my notes")], None);
        assert_eq!(offered.len(), 1);
    }

    #[test]
    fn labels_are_short() {
        assert_eq!(
            label(&view("\n  Floods in Valencia today\nMore."), 10),
            "Floods in … (5 words)"
        );
    }
}
