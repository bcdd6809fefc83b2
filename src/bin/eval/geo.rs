//! Evaluation: toponym recognition and resolution over LGL / TR-News XML (Gritta et al. 2018 form).
//!
//! `eval geo [--errors] [--entities rules|names] [FILE...]` (default ../shared/corpora/geo/lgl.xml and
//! tr-news.xml). Offsets in these files count Unicode characters; they are turned into byte offsets here. A found
//! place counts when its span overlaps a gold toponym (so TR-News offsets that are one off still match); it is right when within
//! 161 km of the gold point (acc@161, Gritta et al.); "or same id" also counts a reading with the gold's GeoNames
//! id wherever our point for it stands (a large division placed at the middle of its towns). Articles are split by
//! position: even ones (0, 2, ...) are the development half, odd ones the held-out half; each is reported apart.

use dateline::places::distance_km;
use dateline::places::gazetteer::FLAG_ADJECTIVE;
use dateline::places::{self, name, Gazetteer};
use dateline::{Context, Doc, Language};
use dateline::{PlaceKind, Span};
use std::path::PathBuf;
use std::time::Instant;

struct Gold {
    span: Span,
    phrase: String,
    point: Option<(f64, f64, u32)>,
    /// GeoNames name, admin1 and country of the gold reading (for the errors listing).
    label: String,
}

/// One article of a corpus file.
pub(crate) struct Article {
    /// The text, as the offsets count it.
    pub(crate) text: String,
    /// The download time's date (`<dltime>`, "2009-03-20 12:24:52-05" → "2009-03-20"), when given.
    pub(crate) dltime: Option<String>,
    gold: Vec<Gold>,
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let a = s.find(open)? + open.len();
    let b = s[a..].find(close)? + a;
    Some(&s[a..b])
}

/// Reads the articles of one corpus file (a small tag scanner: the files are regular).
pub(crate) fn parse(xml: &str) -> Vec<Article> {
    let mut out = Vec::new();
    for chunk in xml.split("<article ").skip(1) {
        let Some(raw) = between(chunk, "<text>", "</text>") else {
            continue;
        };
        let text = match between(raw, "<![CDATA[", "]]>") {
            Some(t) => t.to_string(),
            None => dateline::html::decode_entities(raw),
        };
        // Character offset -> byte offset.
        let mut bytes_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes_at.push(text.len());
        let mut gold = Vec::new();
        for t in chunk.split("<toponym>").skip(1) {
            let num =
                |tag: &str| between(t, &format!("<{tag}>"), &format!("</{tag}>")).and_then(|v| v.trim().parse().ok());
            let (Some(s), Some(e)) = (num("start"), num("end")) else {
                continue;
            };
            let (s, e): (usize, usize) = (s, e);
            if e > s && e < bytes_at.len() {
                let point = match (num_f(t, "lat"), num_f(t, "lon")) {
                    (Some(lat), Some(lon)) => {
                        let gid = between(t, "geonameid=\"", "\"")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0);
                        Some((lat, lon, gid))
                    }
                    _ => None,
                };
                let tag = |name: &str| {
                    t.find(&format!("<{name} "))
                        .or_else(|| t.find(&format!("<{name}>")))
                        .and_then(|a| between(&t[a..], ">", "<"))
                        .unwrap_or("")
                        .to_string()
                };
                gold.push(Gold {
                    label: format!("{} / {} / {}", tag("name"), tag("admin1"), tag("country")),
                    span: Span::new(bytes_at[s], bytes_at[e]),
                    phrase: dateline::html::decode_entities(between(t, "<phrase>", "</phrase>").unwrap_or("").trim()),
                    point,
                });
            }
        }
        let dltime = between(chunk, "<dltime>", "</dltime>")
            .and_then(|d| d.trim().get(..10))
            .map(str::to_string);
        out.push(Article { text, dltime, gold });
    }
    out
}

fn num_f(t: &str, tag: &str) -> Option<f64> {
    between(t, &format!("<{tag}>"), &format!("</{tag}>")).and_then(|v| v.trim().parse().ok())
}

#[derive(Default)]
struct Tally {
    predicted: usize,
    gold: usize,
    matched: usize,
    gold_with_point: usize,
    errors: Vec<f64>,
    right: usize,
    /// Right by distance alone (Gritta et al.'s acc@161): `right` less the same-id matches beyond 161 km.
    near: usize,
}

impl Tally {
    fn report(&self, label: &str) {
        let p = self.matched as f64 / self.predicted.max(1) as f64;
        let r = self.matched as f64 / self.gold.max(1) as f64;
        let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        let mut e = self.errors.clone();
        e.sort_by(f64::total_cmp);
        let n = e.len().max(1) as f64;
        let mean = e.iter().sum::<f64>() / n;
        let median = e.get(e.len() / 2).copied().unwrap_or(0.0);
        // AUC of the log error curve (Gritta et al. 2018): 0 is perfect, 1 is antipodal every time.
        let auc = e.iter().map(|x| (x + 1.0).ln() / 20039f64.ln()).sum::<f64>() / n;
        println!(
            "{label:<28} P {p:.3}  R {r:.3}  F1 {f1:.3}  | acc@161 {:.3} (or same id {:.3})  mean {mean:.0} km  median {median:.0} km  AUC {auc:.3}  | end-to-end {:.3} (or same id {:.3})  (gold {}, found {}, resolved {})",
            self.near as f64 / n,
            self.right as f64 / n,
            self.near as f64 / self.gold_with_point.max(1) as f64,
            self.right as f64 / self.gold_with_point.max(1) as f64,
            self.gold,
            self.predicted,
            e.len()
        );
    }
}

/// Is the gold phrase a nationality adjective ("Turkish")? Those are demonyms, which this engine leaves
/// to the entities engine; they are reported with and without.
fn is_adjective(g: &Gazetteer, phrase: &str) -> bool {
    let p = g.lookup(&name::normalize(phrase));
    !p.is_empty() && p.iter().all(|p| p.flags & FLAG_ADJECTIVE != 0)
}

/// What runs before the places pass.
#[derive(Clone, Copy, PartialEq)]
enum EntityPass {
    /// Nothing: the places pass alone (the default, comparable with earlier figures).
    None,
    /// The entities engine's rules (`--entities rules`).
    Rules,
    /// The rules and the name tagger, as a full analysis runs them (`--entities names`).
    Names,
}

/// Scores the articles `pick` accepts; `GEO_DEBUG=1` lists misses, false places and wrong points of the
/// development half only, so the held-out half stays unread. `errors` (the `--errors` flag) lists the
/// development half's wrong points in full: gold reading, ours and our alternatives, distance, and the
/// article's other places (its context signals).
fn score(
    articles: &[Article],
    g: &Gazetteer,
    pick: impl Fn(usize) -> bool,
    skip_adjectives: bool,
    errors: bool,
    entity_pass: EntityPass,
) -> Tally {
    let dev = pick(0) && !pick(1) && !skip_adjectives;
    let debug = std::env::var_os("GEO_DEBUG").is_some() && dev;
    let errors = errors && dev;
    let mut t = Tally::default();
    for (n, a) in articles.iter().enumerate().filter(|(n, _)| pick(*n)) {
        let language = Language::english();
        let doc = Doc::new(&a.text, language);
        // With `--entities`, the people and organisations found first block the place names inside them, as in
        // a full analysis (demonym places, scored apart, are dropped below either way).
        let entities = match entity_pass {
            EntityPass::None => Vec::new(),
            EntityPass::Rules | EntityPass::Names => {
                let ctx = Context {
                    gazetteer: Some(g),
                    names: match entity_pass {
                        EntityPass::Names => dateline::entities::tagger::NameModel::builtin(),
                        _ => None,
                    },
                    ..Context::default()
                };
                dateline::entities::extract(&doc, language, &ctx)
            }
        };
        let ctx = Context {
            entities: &entities,
            ..with_gazetteer(g)
        };
        let found: Vec<_> = places::extract(&doc, language, &ctx)
            .into_iter()
            .filter(|p| p.kind != PlaceKind::Demonym)
            .collect();
        let gold: Vec<&Gold> = a
            .gold
            .iter()
            .filter(|x| !(skip_adjectives && is_adjective(g, &x.phrase)))
            .collect();
        t.predicted += found.len();
        if debug {
            for p in found.iter().filter(|p| !gold.iter().any(|x| x.span.overlaps(&p.span))) {
                println!(
                    "FP\t{}\t{} {:?}\t{}",
                    p.text,
                    p.name,
                    p.country,
                    context(&a.text, p.span, 50)
                );
            }
        }
        t.gold += gold.len();
        t.gold_with_point += gold.iter().filter(|x| x.point.is_some()).count();
        let mut used = vec![false; found.len()];
        for x in &gold {
            let Some(k) = (0..found.len()).find(|&k| !used[k] && found[k].span.overlaps(&x.span)) else {
                if debug {
                    println!("MISS\t{}\t{}", x.phrase, context(&a.text, x.span, 50));
                }
                continue;
            };
            used[k] = true;
            t.matched += 1;
            if let Some((lat, lon, gid)) = x.point {
                let p = &found[k];
                let km = distance_km(lat, lon, p.lat, p.lon);
                t.errors.push(km);
                if km > 161.0 && gid != 0 && p.geonames_id == Some(gid) && debug {
                    println!("SAMEID\t{}\t{} {km:.0} km", x.phrase, p.name);
                }
                let near = km <= 161.0;
                t.near += usize::from(near);
                if near || (gid != 0 && p.geonames_id == Some(gid)) {
                    t.right += 1;
                } else if errors {
                    let place = |name: &str, admin: &Option<String>, country: &Option<String>| {
                        format!(
                            "{name} / {} / {}",
                            admin.as_deref().unwrap_or("-"),
                            country.as_deref().unwrap_or("-")
                        )
                    };
                    let alternatives: Vec<String> = p
                        .alternatives
                        .iter()
                        .map(|c| format!("{} {:.2}", place(&c.name, &c.admin1, &c.country), c.score))
                        .collect();
                    let others: Vec<String> = found
                        .iter()
                        .filter(|o| o.text != p.text)
                        .map(|o| {
                            format!(
                                "{}={}",
                                o.text,
                                o.admin1.as_deref().or(o.country.as_deref()).unwrap_or("?")
                            )
                        })
                        .collect();
                    println!(
                        "ERROR\t{}\tgold {}\tours {} {:.2}\t{km:.0} km\talts [{}]\tarticle {n}: {}\t{}",
                        x.phrase,
                        x.label,
                        place(&p.name, &p.admin1, &p.country),
                        p.confidence,
                        alternatives.join("; "),
                        others.join(", "),
                        context(&a.text, x.span, 50)
                    );
                } else if debug {
                    println!(
                        "WRONG\t{}\t{} {:?} {:?} {km:.0} km\t{}",
                        x.phrase,
                        p.name,
                        p.country,
                        p.admin1,
                        context(&a.text, x.span, 50)
                    );
                }
            }
        }
    }
    t
}

/// The text around `span` on one line: `before` bytes before it and 50 after, widened to whole characters.
pub(crate) fn context(text: &str, span: Span, before: usize) -> String {
    let mut a = span.start.saturating_sub(before);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (span.end + 50).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    text[a..b].replace('\n', " ")
}

/// CPU time used by this thread so far, in ns (Linux only).
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Runs the evaluation; returns the exit code.
pub fn run(args: &[String]) -> i32 {
    let errors = args.iter().any(|a| a == "--errors");
    let mut entity_pass = EntityPass::None;
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--errors" => {}
            "--entities" => {
                entity_pass = match it.next().map(String::as_str) {
                    Some("rules") => EntityPass::Rules,
                    Some("names") => EntityPass::Names,
                    other => {
                        eprintln!("eval geo: --entities takes rules or names, not {other:?}");
                        return 2;
                    }
                }
            }
            _ => rest.push(a.clone()),
        }
    }
    let args = rest;
    let files: Vec<PathBuf> = if args.is_empty() {
        let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/geo");
        vec![base.join("lgl.xml"), base.join("tr-news.xml")]
    } else {
        args.iter().map(PathBuf::from).collect()
    };
    let t0 = Instant::now();
    let Some(g) = Gazetteer::builtin() else {
        eprintln!("eval geo: no embedded gazetteer");
        return 2;
    };
    println!(
        "gazetteer: {} entries, {} names, loaded in {:?}",
        g.len(),
        g.key_count(),
        t0.elapsed()
    );
    let mut all = Vec::new();
    for f in &files {
        let Ok(xml) = std::fs::read_to_string(f) else {
            eprintln!("eval geo: cannot read {} (skipped)", f.display());
            continue;
        };
        let articles = parse(&xml);
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        println!(
            "{name}: {} articles, {} toponyms",
            articles.len(),
            articles.iter().map(|a| a.gold.len()).sum::<usize>()
        );
        score(&articles, &g, |n| n % 2 == 0, false, errors, entity_pass).report(&format!("{name} dev (even)"));
        score(&articles, &g, |n| n % 2 == 1, false, false, entity_pass).report(&format!("{name} held-out (odd)"));
        score(&articles, &g, |_| true, false, false, entity_pass).report(&format!("{name} all"));
        score(&articles, &g, |_| true, true, false, entity_pass).report(&format!("{name} all, no gold demonyms"));
        all.push(articles);
    }
    // Speed: the place pass over every article, per 4 KB of text (segmentation done beforehand).
    let language = Language::english();
    let docs: Vec<Doc> = all.iter().flatten().map(|a| Doc::new(&a.text, language)).collect();
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    if bytes > 0 {
        // The fastest of five passes: the machine is shared, and the minimum is the least disturbed. CPU
        // time of this thread (Linux schedstat) is given too, as it does not count waiting for a core.
        let mut best = f64::MAX;
        let mut best_cpu = f64::MAX;
        for _ in 0..5 {
            let (t, c) = (Instant::now(), thread_cpu_ns());
            for doc in &docs {
                std::hint::black_box(places::extract(doc, language, &with_gazetteer(&g)));
            }
            best = best.min(t.elapsed().as_secs_f64());
            if let (Some(a), Some(b)) = (c, thread_cpu_ns()) {
                best_cpu = best_cpu.min((b - a) as f64 / 1e9);
            }
        }
        let per_4k = |secs: f64| secs * 1e6 / bytes as f64 * 4096.0;
        print!("place pass: {:.0} µs per 4 KB wall", per_4k(best));
        if best_cpu < f64::MAX {
            print!(", {:.0} µs CPU", per_4k(best_cpu));
        }
        println!(" ({} articles, {} KB)", docs.len(), bytes / 1024);
    }
    0
}

/// A context that knows only the gazetteer: the place pass alone, without entities (as the gold demonyms are scored
/// apart).
fn with_gazetteer(g: &Gazetteer) -> Context<'_> {
    Context {
        gazetteer: Some(g),
        ..Context::default()
    }
}
