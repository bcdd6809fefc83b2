//! Evaluation: event frames against annotated articles.
//!
//! `eval events [FILE.json | DIR ...]` scores every annotation (default: the project's own samples in
//! `tests/samples/`, plus the seed `../shared/gold/seed.json` when present). Each annotation names its
//! article (`article`, beside the JSON, or the seed text) and gives `events` in the seed's shape.
//!
//! A gold event is found when a system event of a compatible family has its trigger or a merged mention
//! overlapping the gold trigger (or, failing that, a mention in the gold trigger's sentence); each system
//! event matches at most one gold event. Event precision = matched system events / system events.
//! Over the matched pairs: date value (equal, or the system value refines the gold one: `2016-09-05TEV`),
//! precision, polarity and modality as accuracy; places (by name), participants (by canonical name) and
//! casualties (kind + the gold's figures) as precision and recall.

use dateline::model::{Analysis, Event, Place};
use dateline::Options;
use serde_json::Value;
use std::path::{Path, PathBuf};

#[derive(Default)]
struct Tally {
    gold: usize,
    system: usize,
    matched: usize,
    date_ok: usize,
    precision_ok: usize,
    polarity_ok: usize,
    polarity_n: usize,
    modality_ok: usize,
    modality_n: usize,
    places: Pr,
    participants: Pr,
    casualties: Pr,
}

#[derive(Default, Clone, Copy)]
struct Pr {
    right: usize,
    found: usize,
    expected: usize,
}

impl Pr {
    fn add(&mut self, o: Pr) {
        self.right += o.right;
        self.found += o.found;
        self.expected += o.expected;
    }
    fn p(&self) -> f64 {
        ratio(self.right, self.found)
    }
    fn r(&self) -> f64 {
        ratio(self.right, self.expected)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.gold += o.gold;
        self.system += o.system;
        self.matched += o.matched;
        self.date_ok += o.date_ok;
        self.precision_ok += o.precision_ok;
        self.polarity_ok += o.polarity_ok;
        self.modality_ok += o.modality_ok;
        self.polarity_n += o.polarity_n;
        self.modality_n += o.modality_n;
        self.places.add(o.places);
        self.participants.add(o.participants);
        self.casualties.add(o.casualties);
    }

    fn row(&self, name: &str) -> String {
        let m = self.matched;
        format!(
            "{name:<22} {:>3}/{:<3} P {:.2} R {:.2} | date {:.2} prec {:.2} pol {:.2} mod {:.2} | places P {:.2} R {:.2} | part P {:.2} R {:.2} | cas P {:.2} R {:.2}",
            m,
            self.gold,
            ratio(m, self.system),
            ratio(m, self.gold),
            ratio(self.date_ok, m),
            ratio(self.precision_ok, m),
            ratio(self.polarity_ok, self.polarity_n),
            ratio(self.modality_ok, self.modality_n),
            self.places.p(),
            self.places.r(),
            self.participants.p(),
            self.participants.r(),
            self.casualties.p(),
            self.casualties.r(),
        )
    }
}

/// Families a gold type may be reported under: our own type names map through `event_types.tsv`; the
/// seed's coarser types are mapped as documented in docs/events.md.
fn families(gold_type: &str) -> Vec<String> {
    let own = dateline::lang::rows(dateline::lang::EN.event_types)
        .find(|r| r.first() == Some(&gold_type))
        .and_then(|r| r.get(1).map(|f| f.to_string()));
    if let Some(f) = own {
        return if f == "casualties" {
            vec![f, "violence".into()]
        } else {
            vec![f]
        };
    }
    match gold_type {
        "military" => vec!["violence".into()],
        "diplomacy" => vec!["diplomacy".into()],
        _ => vec!["other".into()],
    }
}

fn span(v: &Value) -> (usize, usize) {
    (
        v["start"].as_u64().unwrap_or(0) as usize,
        v["end"].as_u64().unwrap_or(0) as usize,
    )
}

fn mention_spans(e: &Event) -> impl Iterator<Item = (usize, usize)> + '_ {
    std::iter::once(&e.trigger.span)
        .chain(e.mentions.iter().map(|m| &m.span))
        .map(|s| (s.start, s.end))
}

/// Matches gold events to system events: first by trigger or mention overlap (all gold events), then by
/// sentence for the rest; each system event matches at most one gold event.
fn pick_all(a: &Analysis, text: &str, gold: &[Value]) -> Vec<Option<usize>> {
    let doc = dateline::Doc::new(text, dateline::Language::english());
    let segs = doc.segments();
    let mut used = vec![false; a.events.len()];
    let mut out = vec![None; gold.len()];
    for pass in 0..2 {
        for (k, g) in gold.iter().enumerate() {
            if out[k].is_some() {
                continue;
            }
            let t = span(&g["trigger"]);
            let fams = families(g["type"].as_str().unwrap_or(""));
            let seg = segs.iter().find(|s| s.span.start <= t.0 && t.0 < s.span.end);
            let hit = (0..a.events.len()).find(|&i| {
                !used[i]
                    && fams.contains(&a.events[i].family)
                    && mention_spans(&a.events[i]).any(|s| {
                        if pass == 0 {
                            s.0 < t.1 && t.0 < s.1
                        } else {
                            seg.is_some_and(|sg| sg.span.start <= s.0 && s.1 <= sg.span.end)
                        }
                    })
            });
            if let Some(i) = hit {
                used[i] = true;
                out[k] = Some(i);
            }
        }
    }
    out
}

fn set_pr(gold: &[String], ours: &[String]) -> Pr {
    let norm = |s: &String| s.to_lowercase();
    let g: Vec<String> = gold.iter().map(norm).collect();
    let o: Vec<String> = ours.iter().map(norm).collect();
    Pr {
        right: g.iter().filter(|x| o.contains(x)).count(),
        found: o.len(),
        expected: g.len(),
    }
}

/// Same GeoNames id, or within 161 km of the annotated point.
fn near(gold: &Value, p: &Place) -> bool {
    if gold["geonames_id"]
        .as_u64()
        .is_some_and(|id| p.geonames_id.map(u64::from) == Some(id))
    {
        return true;
    }
    let (Some(lat), Some(lon)) = (gold["lat"].as_f64(), gold["lon"].as_f64()) else {
        return false;
    };
    dateline::places::distance_km(lat, lon, p.lat, p.lon) <= 161.0
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str().map(str::to_string))
        .collect()
}

fn score(text: &str, gold: &Value, known_names: &[String]) -> (Tally, Vec<String>) {
    let dct = gold["document"]["creation_time"]
        .as_str()
        .and_then(|d| dateline::calendar::Date::parse_iso(d).ok());
    let a = dateline::analyze(
        text,
        &Options {
            dct,
            ..Default::default()
        },
    );
    let mut t = Tally {
        system: a.events.len(),
        ..Default::default()
    };
    let mut notes = Vec::new();
    let gold_events = gold["events"].as_array().cloned().unwrap_or_default();
    let picks = pick_all(&a, text, &gold_events);
    let mut used = vec![false; a.events.len()];
    for (g, pick) in gold_events.iter().zip(&picks) {
        t.gold += 1;
        let id = g["id"].as_str().unwrap_or("?");
        let Some(i) = *pick else {
            notes.push(format!("  missed {id} ({})", g["trigger"]["text"]));
            continue;
        };
        used[i] = true;
        t.matched += 1;
        let e = &a.events[i];
        let gv = g["date"]["value"].as_str().unwrap_or("");
        if e.date.value.starts_with(gv) && !gv.is_empty() {
            t.date_ok += 1;
        } else {
            notes.push(format!("  {id}: date {} (gold {gv})", e.date.value));
        }
        if serde_json::to_value(e.date.precision).ok().as_ref() == Some(&g["date"]["precision"]) {
            t.precision_ok += 1;
        }
        // Polarity and modality are scored only where the annotation gives them (the seed does not).
        if let Some(pol) = g["polarity"].as_str() {
            t.polarity_n += 1;
            if serde_json::to_value(e.polarity).ok() == Some(Value::from(pol)) {
                t.polarity_ok += 1;
            } else {
                notes.push(format!("  {id}: polarity {:?} (gold {pol})", e.polarity));
            }
        }
        if let Some(modality) = g["modality"].as_str() {
            t.modality_n += 1;
            if serde_json::to_value(e.modality).ok() == Some(Value::from(modality)) {
                t.modality_ok += 1;
            } else {
                notes.push(format!("  {id}: modality {:?} (gold {modality})", e.modality));
            }
        }
        // A place is right when its name agrees, or it is the annotation's place (listed in its `places`
        // with GeoNames id and point): same id or within 161 km, the project's place convention.
        let ours: Vec<&Place> = e
            .places
            .iter()
            .filter_map(|p| a.places.iter().find(|x| &x.id == p))
            .collect();
        let gold_places = strings(&g["places"]);
        let gold_list = gold["places"].as_array().cloned().unwrap_or_default();
        let same = |gp: &String, p: &Place| {
            p.name.eq_ignore_ascii_case(gp)
                || gold_list
                    .iter()
                    .find(|x| x["name"].as_str() == Some(gp))
                    .is_some_and(|x| near(x, p))
        };
        // Precision counts distinct locations (a country named twice is one place).
        let mut distinct: Vec<&Place> = Vec::new();
        for p in ours {
            if !distinct.iter().any(|q| q.name == p.name) {
                distinct.push(p);
            }
        }
        let right = gold_places
            .iter()
            .filter(|gp| distinct.iter().any(|p| same(gp, p)))
            .count();
        t.places.add(Pr {
            right,
            found: distinct.len(),
            expected: gold_places.len(),
        });
        let parts: Vec<String> = e
            .participants
            .iter()
            .filter_map(|p| a.entities.iter().find(|x| &x.id == p))
            .map(|x| x.canonical.clone())
            .collect();
        // Country participants of the seed are places in our model; only names that are entities count.
        let gold_parts: Vec<String> = strings(&g["participants"])
            .into_iter()
            .filter(|n| known_names.contains(n))
            .collect();
        t.participants.add(set_pr(&gold_parts, &parts));
        let gc = g["casualties"].as_array().cloned().unwrap_or_default();
        let right = gc
            .iter()
            .filter(|c| {
                e.casualties.iter().any(|x| {
                    serde_json::to_value(x.kind).ok().as_ref() == Some(&c["kind"])
                        && [("low", x.low), ("best", x.best), ("high", x.high)]
                            .iter()
                            .all(|(f, v)| c[*f].as_f64().is_none_or(|g| *v == Some(g)))
                        && c["text"].as_str().is_none_or(|s| x.text.contains(s))
                })
            })
            .count();
        t.casualties.add(Pr {
            right,
            found: e.casualties.len(),
            expected: gc.len(),
        });
    }
    for (i, e) in a.events.iter().enumerate().filter(|(i, _)| !used[*i]) {
        let _ = i;
        notes.push(format!("  extra {} {} {:?}", e.id, e.kind, e.trigger.text));
    }
    (t, notes)
}

fn annotations(args: &[String]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let paths: Vec<PathBuf> = args.iter().filter(|a| !a.starts_with('-')).map(PathBuf::from).collect();
    let roots: Vec<PathBuf> = if paths.is_empty() {
        let mut v = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/samples")];
        let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/gold/seed.json");
        if seed.is_file() {
            v.push(seed);
        }
        v
    } else {
        paths
    };
    for r in roots {
        if r.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&r)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(r);
        }
    }
    out
}

/// The article of an annotation: `article` beside the JSON, or the seed text for the seed gold.
fn article_of(path: &Path, gold: &Value) -> Option<PathBuf> {
    let name = gold["article"].as_str()?;
    let beside = path.with_file_name(name);
    if beside.is_file() {
        return Some(beside);
    }
    let seed = path.parent()?.parent()?.join("seed").join(name);
    seed.is_file().then_some(seed).or_else(|| {
        let fallback = path.parent()?.parent()?.join("seed/afp-syria-2016-09-05.txt");
        fallback.is_file().then_some(fallback)
    })
}

/// Mean time of the entities and events stages on `text` over repeated runs (tables compiled beforehand).
fn timing(text: &str) -> String {
    let runs: u32 = std::env::var("DATELINE_TIME_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let language = dateline::Language::english();
    let doc = dateline::Doc::new(text, language);
    let options = Options {
        gazetteer: dateline::Gazetteers::Off,
        ..Options::default()
    };
    let a = dateline::analyze(text, &options);
    let ctx = dateline::Context::of(&a);
    let start = std::time::Instant::now();
    for _ in 0..runs {
        std::hint::black_box(dateline::entities::extract(&doc, language, &ctx));
    }
    let ent = start.elapsed() / runs.max(1);
    let start = std::time::Instant::now();
    for _ in 0..runs {
        std::hint::black_box(dateline::events::extract(&doc, language, &ctx));
    }
    let ev = start.elapsed() / runs.max(1);
    format!("  {} bytes: entities {:?}, events {:?} per run", text.len(), ent, ev)
}

/// Runs the evaluation; returns the exit code.
pub fn run(args: &[String]) -> i32 {
    let verbose = args.iter().any(|a| a == "-v" || a == "--verbose");
    let files = annotations(args);
    if files.is_empty() {
        eprintln!("eval events: no annotation files");
        return 2;
    }
    let mut total = Tally::default();
    for path in files {
        let gold: Value = match std::fs::read_to_string(&path).map(|s| serde_json::from_str(&s)) {
            Ok(Ok(v)) => v,
            _ => {
                eprintln!("eval events: cannot read {}", path.display());
                return 2;
            }
        };
        let Some(article) = article_of(&path, &gold) else {
            eprintln!("eval events: no article for {}", path.display());
            return 2;
        };
        let Ok(text) = std::fs::read_to_string(&article) else {
            eprintln!("eval events: cannot read {}", article.display());
            return 2;
        };
        let known: Vec<String> = ["people", "organizations"]
            .iter()
            .flat_map(|k| gold[*k].as_array().into_iter().flatten())
            .filter_map(|r| r["name"].as_str().map(str::to_string))
            .collect();
        let (t, notes) = score(&text, &gold, &known);
        if args.iter().any(|a| a == "--time") {
            println!("{}", timing(&text));
        }
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        println!("{}", t.row(&name));
        if verbose {
            for n in notes {
                println!("{n}");
            }
        }
        total.add(&t);
    }
    println!("{}", total.row("ALL"));
    0
}
