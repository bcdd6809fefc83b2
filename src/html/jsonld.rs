//! schema.org JSON-LD (`<script type="application/ld+json">`): the article's headline, date, authors, publisher
//! and address, wherever the page put them (a lone object, an array, an `@graph`, an object nested in another,
//! a script wrapped in `<![CDATA[ ]]>` or comment markers).

use serde_json::Value;

/// What one JSON-LD object says about the page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LdItem {
    /// True when its `@type` is an article (`NewsArticle`, `BlogPosting`, `Report`, ...).
    pub is_article: bool,
    /// `headline`.
    pub headline: Option<String>,
    /// `name`, of an article only (other objects' names are sites, people, organisations).
    pub name: Option<String>,
    /// `datePublished`.
    pub published: Option<String>,
    /// `author` names.
    pub authors: Vec<String>,
    /// `publisher` name.
    pub publisher: Option<String>,
    /// `url` or `mainEntityOfPage`.
    pub url: Option<String>,
}

/// The most objects read from one script (a page listing thousands of products is no article).
const MAX_ITEMS: usize = 256;

/// The items of one JSON-LD script, articles first. Linear in the script: serde_json parses it once (its nesting
/// limit of 128 bounds the depth) and the objects are visited once, on an explicit stack.
pub(crate) fn read(script: &str) -> Vec<LdItem> {
    let body = unwrap(script);
    let Ok(value) = serde_json::from_str::<Value>(body) else {
        return fallback(body).into_iter().collect();
    };
    let mut items = Vec::new();
    let mut stack = vec![&value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(list) => stack.extend(list.iter().rev()),
            Value::Object(map) => {
                if items.len() < MAX_ITEMS {
                    if let Some(item) = item_of(map) {
                        items.push(item);
                    }
                }
                // Nested objects may be the article (`@graph`, `mainEntity`); authors and publishers are read above.
                for (k, child) in map.iter().rev() {
                    if !matches!(k.as_str(), "author" | "publisher" | "creator" | "image" | "logo") {
                        stack.push(child);
                    }
                }
            }
            _ => {}
        }
    }
    items.sort_by_key(|i| !i.is_article);
    items
}

/// The JSON between the first `{` or `[` and the last `}` or `]`: whatever wraps it (`<![CDATA[`, `//`, `<!--`)
/// is left out.
fn unwrap(script: &str) -> &str {
    // The CDATA markers first: `<![CDATA[` holds a `[` of its own.
    let script = script.split_once("<![CDATA[").map_or(script, |(_, after)| after);
    let script = script.rsplit_once("]]>").map_or(script, |(before, _)| before);
    let start = script.find(['{', '[']).unwrap_or(0);
    let end = script.rfind(['}', ']']).map_or(script.len(), |k| k + 1);
    script.get(start..end.max(start)).unwrap_or("")
}

/// For JSON-LD that does not parse (a stray comma, a raw line break in a string): the first `"datePublished"`
/// and `"headline"` string values, read as text.
fn fallback(body: &str) -> Option<LdItem> {
    let item = LdItem {
        is_article: false,
        headline: string_after(body, "\"headline\""),
        published: string_after(body, "\"datePublished\""),
        ..LdItem::default()
    };
    (item.headline.is_some() || item.published.is_some()).then_some(item)
}

/// The string value after the first `key` followed by `:` in `body`.
fn string_after(body: &str, key: &str) -> Option<String> {
    let at = body.find(key)? + key.len();
    let rest = body[at..]
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('"')?;
    let end = rest.find('"')?;
    let v = rest[..end].trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// True for the `@type`s of articles.
fn is_article_type(t: &str) -> bool {
    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
    t.ends_with("Article") || t.ends_with("Posting") || t == "Report"
}

/// A string, or the first string of an array.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Array(list) => list.iter().find_map(text),
        Value::Object(map) => map.get("@value").and_then(text),
        _ => None,
    }
}

/// The names in an `author` or `publisher` value: a string, an object with `name`, or a list of them.
fn names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() && !s.contains("://") => vec![s.trim().to_string()],
        Value::Object(map) => map.get("name").and_then(text).into_iter().collect(),
        Value::Array(list) => list.iter().flat_map(names).collect(),
        _ => Vec::new(),
    }
}

/// What object `map` says, when it says anything the page metadata uses.
fn item_of(map: &serde_json::Map<String, Value>) -> Option<LdItem> {
    let is_article = match map.get("@type") {
        Some(Value::String(t)) => is_article_type(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is_article_type),
        _ => false,
    };
    let item = LdItem {
        is_article,
        headline: map.get("headline").and_then(text),
        name: is_article.then(|| map.get("name").and_then(text)).flatten(),
        published: map.get("datePublished").and_then(text),
        authors: map.get("author").map(names).unwrap_or_default(),
        publisher: map.get("publisher").map(names).and_then(|n| n.into_iter().next()),
        url: map
            .get("url")
            .and_then(text)
            .or_else(|| match map.get("mainEntityOfPage") {
                Some(Value::Object(m)) => m.get("@id").and_then(text),
                Some(v) => text(v),
                None => None,
            })
            .filter(|u| u.starts_with("http")),
    };
    (item.is_article || item.headline.is_some() || item.published.is_some()).then_some(item)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_in_a_graph_inside_cdata() {
        let script = r#"//<![CDATA[
            {"@context": {"@vocab": "http://schema.org/"}, "@graph": [
              {"@type": "WebSite", "name": "The Site"},
              {"@type": ["NewsArticle"], "headline": "Floods", "datePublished": "2016-09-05T14:02:00Z",
               "author": [{"@type": "Person", "name": "A. Writer"}, "B. Writer"],
               "publisher": {"@type": "Organization", "name": "The Paper"},
               "mainEntityOfPage": {"@id": "https://example.org/floods"}}]}
            //]]>"#;
        let items = read(script);
        let a = &items[0];
        assert!(a.is_article);
        assert_eq!(a.headline.as_deref(), Some("Floods"));
        assert_eq!(a.published.as_deref(), Some("2016-09-05T14:02:00Z"));
        assert_eq!(a.authors, ["A. Writer", "B. Writer"]);
        assert_eq!(a.publisher.as_deref(), Some("The Paper"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/floods"));
    }

    #[test]
    fn broken_json_still_gives_its_date() {
        let items = read("{\"headline\": \"A\nB\", \"datePublished\": \"2020-01-02\",}");
        assert_eq!(items[0].published.as_deref(), Some("2020-01-02"));
        assert!(read("not json").is_empty());
        assert!(read("").is_empty());
    }

    #[test]
    fn deep_json_is_refused_without_overflow() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(read(&deep).is_empty());
    }
}
