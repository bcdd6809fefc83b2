//! The places of the reference article against its hand annotation, and accuracy floors on LGL and
//! TR-News (all skipped, with a message, when ../shared is absent).

mod common;

use dateline::places::distance_km;
use dateline::places::Gazetteer;
use dateline::{analyze, Options, PlaceKind};

#[test]
fn seed_places_match_gold() {
    let Some((text, gold)) = common::seed() else { return };
    let g = Gazetteer::builtin().expect("embedded gazetteer");
    let a = analyze(
        &text,
        &Options {
            gazetteer: dateline::Gazetteers::Given(&g),
            ..Options::default()
        },
    );
    let mut problems = Vec::new();
    for item in gold["places"].as_array().expect("places") {
        let (start, end) = (
            item["start"].as_u64().unwrap() as usize,
            item["end"].as_u64().unwrap() as usize,
        );
        let span = dateline::Span::new(start, end);
        let want_kind = item["kind"].as_str().unwrap_or("literal");
        let (lat, lon) = (item["lat"].as_f64().unwrap(), item["lon"].as_f64().unwrap());
        match a
            .places
            .iter()
            .find(|p| p.span.overlaps(&span) && p.kind != PlaceKind::Demonym)
        {
            None => problems.push(format!("missing {:?} at {start}", item["text"])),
            Some(p) => {
                let km = distance_km(lat, lon, p.lat, p.lon);
                let kind = match p.kind {
                    PlaceKind::Literal => "literal",
                    PlaceKind::Metonym => "metonym",
                    PlaceKind::Demonym => "demonym",
                };
                if km > 161.0 {
                    problems.push(format!("{:?} at {start}: {} is {km:.0} km off", p.text, p.name));
                }
                if kind != want_kind {
                    problems.push(format!("{:?} at {start}: kind {kind}, gold {want_kind}", p.text));
                }
            }
        }
    }
    let not_places: Vec<&str> = gold["not_places"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for p in &a.places {
        if not_places.contains(&p.text.as_str()) {
            problems.push(format!(
                "{:?} at {} reported as a place ({})",
                p.text, p.span.start, p.name
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Recognition F1, acc@161 and end-to-end share over one corpus file (same rules as `eval geo`).
fn corpus_scores(xml: &str, g: &Gazetteer) -> (f64, f64, f64) {
    fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
        let a = s.find(open)? + open.len();
        let b = s[a..].find(close)? + a;
        Some(&s[a..b])
    }
    let (mut predicted, mut gold_n, mut matched, mut with_point, mut resolved, mut right) = (0, 0, 0, 0, 0, 0);
    for chunk in xml.split("<article ").skip(1) {
        let Some(text) = between(chunk, "<![CDATA[", "]]>") else {
            continue;
        };
        // Offsets in these files count characters.
        let mut at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        at.push(text.len());
        let language = dateline::Language::english();
        let ctx = dateline::Context {
            gazetteer: Some(g),
            ..dateline::Context::default()
        };
        let found: Vec<_> = dateline::places::extract(&dateline::Doc::new(text, language), language, &ctx);
        predicted += found.len();
        let mut used = vec![false; found.len()];
        for t in chunk.split("<toponym>").skip(1) {
            let num = |tag: &str| -> Option<f64> {
                between(t, &format!("<{tag}>"), &format!("</{tag}>")).and_then(|v| v.trim().parse().ok())
            };
            let (Some(s), Some(e)) = (num("start"), num("end")) else {
                continue;
            };
            let (s, e) = (s as usize, e as usize);
            if e <= s || e >= at.len() {
                continue;
            }
            gold_n += 1;
            let span = dateline::Span::new(at[s], at[e]);
            let point = num("lat").zip(num("lon"));
            with_point += point.is_some() as usize;
            let Some(k) = (0..found.len()).find(|&k| !used[k] && found[k].span.overlaps(&span)) else {
                continue;
            };
            used[k] = true;
            matched += 1;
            if let Some((lat, lon)) = point {
                resolved += 1;
                // Distance alone, as Gritta et al. score it (eval geo also prints the same-id variant).
                right += usize::from(distance_km(lat, lon, found[k].lat, found[k].lon) <= 161.0);
            }
        }
    }
    let p = matched as f64 / predicted.max(1) as f64;
    let r = matched as f64 / gold_n.max(1) as f64;
    let f1 = 2.0 * p * r / (p + r).max(1e-9);
    (
        f1,
        right as f64 / resolved.max(1) as f64,
        right as f64 / with_point.max(1) as f64,
    )
}

fn corpus_floor(file: &str, min_f1: f64, min_acc: f64, min_end_to_end: f64) {
    let Some(xml) = common::shared_file(&format!("corpora/geo/{file}")) else {
        return;
    };
    let g = Gazetteer::builtin().expect("embedded gazetteer");
    let (f1, acc, e2e) = corpus_scores(&xml, &g);
    eprintln!("{file}: F1 {f1:.3}, acc@161 {acc:.3}, end-to-end {e2e:.3}");
    assert!(f1 >= min_f1, "{file}: F1 {f1:.3} < {min_f1}");
    assert!(acc >= min_acc, "{file}: acc@161 {acc:.3} < {min_acc}");
    assert!(e2e >= min_end_to_end, "{file}: end-to-end {e2e:.3} < {min_end_to_end}");
}

#[test]
fn lgl_accuracy_floor() {
    corpus_floor("lgl.xml", 0.77, 0.82, 0.64);
}

#[test]
fn tr_news_accuracy_floor() {
    corpus_floor("tr-news.xml", 0.82, 0.86, 0.69);
}
