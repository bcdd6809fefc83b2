//! The map's geometry, with no web dependency: the projection, the visible window and its zoom, the first view
//! (fitted to where the events happened, across the antimeridian when the story is there), and the basemap's
//! country and place labels placed without overlap.

use crate::model::{Analysis, PlaceKind};

/// Width of the map in SVG units.
pub const W: f64 = 1000.0;
/// Height of the map in SVG units.
pub const H: f64 = 520.0;
/// The smallest and largest view widths, in projected degrees: a town's streets, and the world with a margin.
const WIDTH_RANGE: (f64, f64) = (0.5, 420.0);

/// The visible window in projected units: centre and width; the height follows the aspect ratio. The centre's
/// x may lie past ±180° × k: a view across the antimeridian (Fiji and Samoa) is centred on 180°.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// Centre, x (longitude × k).
    pub cx: f64,
    /// Centre, y (−latitude).
    pub cy: f64,
    /// Width in projected units.
    pub w: f64,
}

impl View {
    /// Screen units per projected unit.
    pub fn scale(&self) -> f64 {
        W / self.w
    }

    /// This view zoomed by `factor` (below 1 zooms in) around screen point (`sx`, `sy`): the point under it stays
    /// under it. The width is kept within a town's streets and the whole world.
    pub fn zoomed(&self, factor: f64, sx: f64, sy: f64) -> View {
        let scale = self.scale();
        let at_x = self.cx + (sx - W / 2.0) / scale;
        let at_y = self.cy + (sy - H / 2.0) / scale;
        let w = (self.w * factor).clamp(WIDTH_RANGE.0, WIDTH_RANGE.1);
        let f = w / self.w;
        View {
            cx: at_x - (at_x - self.cx) * f,
            cy: at_y - (at_y - self.cy) * f,
            w,
        }
    }

    /// This view moved by (`dx`, `dy`) projected units.
    pub fn moved(&self, dx: f64, dy: f64) -> View {
        View {
            cx: self.cx + dx,
            cy: self.cy + dy,
            w: self.w,
        }
    }
}

/// Equirectangular projection with its standard parallel at the story's mean latitude, so the region the story is
/// about keeps its shape: x = longitude × k, y = −latitude.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    /// cos(standard parallel).
    pub k: f64,
}

impl Projection {
    /// The projection for points (`lat`, `lon`): standard parallel at their mean latitude (20° with none).
    /// O(n).
    pub fn for_points(points: &[(f64, f64)]) -> Projection {
        let lat0 = if points.is_empty() {
            20.0
        } else {
            points.iter().map(|p| p.0).sum::<f64>() / points.len() as f64
        };
        Projection {
            k: lat0.clamp(-60.0, 60.0).to_radians().cos(),
        }
    }

    /// Projected (x, y) of a point, with its longitude taken in the copy of the world nearest the view's centre, so
    /// Samoa (−172°) is drawn beside Fiji (178°) when the view is centred on the antimeridian.
    pub fn project_near(&self, lat: f64, lon: f64, view: &View) -> (f64, f64) {
        let centre = view.cx / self.k;
        let lon = lon + 360.0 * ((centre - lon) / 360.0).round();
        (lon * self.k, -lat)
    }

    /// Screen position of a point in `view`.
    pub fn screen(&self, lat: f64, lon: f64, view: &View) -> (f64, f64) {
        let (x, y) = self.project_near(lat, lon, view);
        let s = view.scale();
        ((x - view.cx) * s + W / 2.0, (y - view.cy) * s + H / 2.0)
    }

    /// The view that shows every point with a margin, at least 12 projected units wide (a town gets its region),
    /// across the antimeridian when that is the shorter way round ([`lon_span`]); the world when there is none.
    /// O(n log n).
    pub fn fit(&self, points: &[(f64, f64)]) -> View {
        let Some((west, east)) = lon_span(points.iter().map(|p| p.1)) else {
            return View {
                cx: 10.0 * self.k,
                cy: -20.0,
                w: 360.0 * self.k,
            };
        };
        let (south, north) = points
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
        let (x0, x1) = (west * self.k, east * self.k);
        let (y0, y1) = (-north, -south);
        let w = ((x1 - x0) * 1.3)
            .max((y1 - y0) * 1.3 * W / H)
            .clamp(12.0, WIDTH_RANGE.1);
        View {
            cx: (x0 + x1) / 2.0,
            cy: (y0 + y1) / 2.0,
            w,
        }
    }

    /// The offsets in degrees (−360, 0, 360) of the copies of the world that `view` shows part of: one near the
    /// middle of the map, two when it crosses the antimeridian.
    pub fn world_copies(&self, view: &View) -> Vec<f64> {
        let half = view.w / 2.0 / self.k;
        let (left, right) = (view.cx / self.k - half, view.cx / self.k + half);
        [-360.0, 0.0, 360.0]
            .into_iter()
            // Outlines reach a little past ±180° (Chukotka, Fiji are drawn unwrapped).
            .filter(|dx| left < dx + 190.0 && right > dx - 190.0)
            .collect()
    }
}

/// The shortest span of longitudes holding every one of `lons`, as (west, east) with west ≤ east ≤ west + 360:
/// east goes past 180° when the span crosses the antimeridian (Fiji 178°, Samoa −172° → (178, 188)). The cut is
/// made at the widest run of whole degrees holding none of them round the globe (a map needs no finer cut), and
/// the span's ends are the exact longitudes either side of it. `None` for no longitudes. O(n + 360), no sort (the
/// app's first paint carries no sort of its own for it).
pub fn lon_span(lons: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    let lons: Vec<f64> = lons
        .into_iter()
        .filter(|l| l.is_finite() && l.abs() < 1e6)
        .map(|mut l| {
            // Into [−180, 180) by steps, not `rem_euclid`: the page's wasm carries no fmod for it.
            while l >= 180.0 {
                l -= 360.0;
            }
            while l < -180.0 {
                l += 360.0;
            }
            l
        })
        .collect();
    let (&first, _) = (lons.first()?, ());
    let bin = |l: f64| ((l + 180.0).floor() as usize).min(359);
    let mut used = [false; 360];
    for &l in &lons {
        used[bin(l)] = true;
    }
    // The widest run of empty degrees, round the globe: it starts after a used degree.
    let (mut best_len, mut best_end) = (0, None::<usize>);
    for start in 0..360 {
        if !used[start] || used[(start + 1) % 360] {
            continue;
        }
        let len = (1..360).take_while(|k| !used[(start + k) % 360]).count();
        if len > best_len {
            best_len = len;
            best_end = Some(start);
        }
    }
    let Some(west_of_gap) = best_end else {
        // Every degree holds a longitude, or one degree holds all: the whole world, or that degree.
        let (lo, hi) = lons.iter().fold((first, first), |(a, b), &l| (a.min(l), b.max(l)));
        return Some(if hi - lo < 1.0 { (lo, hi) } else { (-180.0, 180.0) });
    };
    // The span runs from the first used degree after the gap round to the degree before it.
    let east_bin = west_of_gap;
    let west_bin = (west_of_gap + best_len + 1) % 360;
    let in_bin = |b: usize| lons.iter().copied().filter(move |&l| bin(l) == b);
    let west = in_bin(west_bin).fold(f64::MAX, f64::min);
    let mut east = in_bin(east_bin).fold(f64::MIN, f64::max);
    if east < west {
        east += 360.0;
    }
    Some((west, east))
}

/// The points (`lat`, `lon`) the map's first view fits: the literal places where the events happened; when no event
/// has one, every literal place; when there is none, every place. Metonyms ("Moscow said") and nationalities
/// ("Syrian troops") do not widen the view. O(p·m) for p places and m place mentions of events.
pub fn first_view_points(analysis: &Analysis) -> Vec<(f64, f64)> {
    let event_places: Vec<&str> = analysis
        .events
        .iter()
        .flat_map(|e| e.places.iter().map(String::as_str))
        .collect();
    let literal = |p: &&crate::model::Place| p.kind == PlaceKind::Literal;
    let pick = |keep: &dyn Fn(&&crate::model::Place) -> bool| -> Vec<(f64, f64)> {
        analysis.places.iter().filter(keep).map(|p| (p.lat, p.lon)).collect()
    };
    let mut points = pick(&|p| literal(p) && event_places.contains(&p.id.as_str()));
    if points.is_empty() {
        points = pick(&literal);
    }
    if points.is_empty() {
        points = pick(&|_| true);
    }
    points
}

/// Where to zoom the map from the keys or buttons: the middle of the selection's markers (screen units) when one of
/// them is in view, else the map's centre.
pub fn zoom_focus(selected: &[(f64, f64)]) -> (f64, f64) {
    let inside: Vec<&(f64, f64)> = selected
        .iter()
        .filter(|(x, y)| (0.0..=W).contains(x) && (0.0..=H).contains(y))
        .collect();
    if inside.is_empty() {
        return (W / 2.0, H / 2.0);
    }
    let n = inside.len() as f64;
    (
        inside.iter().map(|p| p.0).sum::<f64>() / n,
        inside.iter().map(|p| p.1).sum::<f64>() / n,
    )
}

/// A name the basemap can write on the map: a country or a town.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// What is written.
    pub name: String,
    /// Latitude of its anchor.
    pub lat: f64,
    /// Longitude of its anchor.
    pub lon: f64,
    /// How much it matters: area in square degrees for a country, population for a town; higher is placed first.
    pub rank: f64,
}

/// A label layer as built by `scripts/build-basemap.mjs` or `examples/place_labels.rs`: one label a line,
/// `name<TAB>lon<TAB>lat<TAB>rank` (rank: a country's area in square degrees, a town's population), highest rank
/// first; a line starting with `#`, and one that does not read, is skipped. O(n) in the text's length.
pub fn parse_labels(text: &str) -> Vec<Label> {
    text.lines().filter_map(parse_label).collect()
}

/// One line of a label layer.
fn parse_label(line: &str) -> Option<Label> {
    let mut fields = line.split('\t');
    let name = fields.next().filter(|n| !n.is_empty() && !n.starts_with('#'))?;
    let mut number = || fields.next().and_then(|f| f.parse::<f64>().ok());
    let (lon, lat, rank) = (number()?, number()?, number()?);
    Some(Label {
        name: name.to_string(),
        lat,
        lon,
        rank,
    })
}

/// A label placed on screen: its text, centre and box (screen units).
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// What is written.
    pub name: String,
    /// Where the text's middle is.
    pub x: f64,
    /// Where the text's baseline is.
    pub y: f64,
    /// The box it takes: left, top, right, bottom.
    pub bbox: (f64, f64, f64, f64),
}

/// A text's box, wider than any sans-serif face draws it: 0.68 em a character, and the line's height.
pub fn text_box(text: &str, cx: f64, baseline: f64, font: f64) -> (f64, f64, f64, f64) {
    let w = text.chars().count() as f64 * font * 0.68 + font * 0.4;
    (cx - w / 2.0, baseline - font * 1.0, cx + w / 2.0, baseline + font * 0.3)
}

/// True when two boxes overlap.
pub fn overlaps(a: &(f64, f64, f64, f64), b: &(f64, f64, f64, f64)) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// The labels of `candidates` (in rank order, highest first: the label layers are built so) that fit on the map,
/// each centred on its anchor at `font` screen units, kept when its box is inside the map and overlaps nothing in
/// `taken` (which it joins). `fits` may refuse a candidate (a country too small at this zoom for its name).
/// O(c·t) for c candidates and t boxes taken; at most `limit` are placed.
pub fn place_labels(
    candidates: &[Label],
    projection: &Projection,
    view: &View,
    font: f64,
    limit: usize,
    fits: &dyn Fn(&Label, f64) -> bool,
    taken: &mut Vec<(f64, f64, f64, f64)>,
) -> Vec<Placed> {
    let mut out = Vec::new();
    for label in candidates {
        if out.len() >= limit {
            break;
        }
        let (x, y) = projection.screen(label.lat, label.lon, view);
        if !(0.0..=W).contains(&x) || !(0.0..=H).contains(&y) {
            continue;
        }
        let bbox = text_box(&label.name, x, y + font * 0.35, font);
        let inside = bbox.0 >= 0.0 && bbox.2 <= W && bbox.1 >= 0.0 && bbox.3 <= H;
        if !inside || !fits(label, bbox.2 - bbox.0) || taken.iter().any(|t| overlaps(t, &bbox)) {
            continue;
        }
        taken.push(bbox);
        out.push(Placed {
            name: label.name.clone(),
            x,
            y: y + font * 0.35,
            bbox,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn the_span_of_longitudes_crosses_the_antimeridian_when_that_is_shorter() {
        // Fiji (178°E) and Samoa (172°W): ten degrees across 180°, not 350 the other way.
        let (w, e) = lon_span([178.4, -171.8]).expect("a span");
        assert!(close(w, 178.4) && close(e, 188.2), "{w} {e}");
        // Alaska (Anchorage, 150°W) and Russia's Far East (Petropavlovsk, 158°E, Anadyr 177°E).
        let (w, e) = lon_span([-149.9, 158.6, 177.5]).expect("a span");
        assert!(close(w, 158.6) && close(e, 210.1), "{w} {e}");
        // Syria's towns: the usual span, no wrap.
        let (w, e) = lon_span([35.9, 36.7, 40.7]).expect("a span");
        assert!(close(w, 35.9) && close(e, 40.7));
        assert_eq!(lon_span([]), None);
        assert_eq!(lon_span([12.0]), Some((12.0, 12.0)));
        assert_eq!(lon_span([12.0, 12.5]), Some((12.0, 12.5)));
        // Longitudes all round the globe: the whole world.
        let all: Vec<f64> = (0..360).map(|d| d as f64 - 179.5).collect();
        assert_eq!(lon_span(all), Some((-180.0, 180.0)));
        // Beside the antimeridian on one side only: no wrap.
        let (w, e) = lon_span([179.2, 170.0]).expect("a span");
        assert!(close(w, 170.0) && close(e, 179.2), "{w} {e}");
        let (w, e) = lon_span([-179.9, 179.9]).expect("a span");
        assert!(close(w, 179.9) && close(e, 180.1), "{w} {e}");
    }

    #[test]
    fn a_story_about_fiji_and_samoa_opens_on_the_pacific_not_the_world() {
        let points = [(-18.1, 178.4), (-13.8, -171.8), (-17.7, 177.4)];
        let projection = Projection::for_points(&points);
        let view = projection.fit(&points);
        assert!(view.w < 40.0, "a region, not the world: {view:?}");
        // Every point is on screen, inside the map.
        for (lat, lon) in points {
            let (x, y) = projection.screen(lat, lon, &view);
            assert!(
                (0.0..=W).contains(&x) && (0.0..=H).contains(&y),
                "{lat},{lon} at {x},{y}"
            );
        }
        // The map draws the world twice there: the copy east of 180° holds Samoa's coast.
        assert_eq!(projection.world_copies(&view), vec![0.0, 360.0]);
        // Alaska and Kamchatka likewise.
        let north = [(61.2, -149.9), (53.0, 158.6)];
        let p = Projection::for_points(&north);
        let v = p.fit(&north);
        assert!(v.w < 120.0, "{v:?}");
        for (lat, lon) in north {
            let (x, _) = p.screen(lat, lon, &v);
            assert!((0.0..=W).contains(&x), "{lon} at {x}");
        }
    }

    #[test]
    fn the_fit_of_nothing_is_the_world_and_of_one_town_its_region() {
        let p = Projection::for_points(&[]);
        assert!(p.fit(&[]).w > 300.0);
        let homs = [(34.7, 36.7)];
        let v = Projection::for_points(&homs).fit(&homs);
        assert!(close(v.w, 12.0), "{v:?}");
        assert_eq!(Projection::for_points(&homs).world_copies(&v), vec![0.0]);
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer_and_stays_within_bounds() {
        let view = View {
            cx: 30.0,
            cy: -35.0,
            w: 40.0,
        };
        let p = Projection { k: 1.0 };
        let (sx, sy) = (700.0, 100.0);
        let at = |v: &View| (v.cx + (sx - W / 2.0) / v.scale(), v.cy + (sy - H / 2.0) / v.scale());
        let mut v = view;
        for _ in 0..30 {
            let before = at(&v);
            v = v.zoomed(0.8, sx, sy);
            let after = at(&v);
            assert!(close(before.0, after.0) && close(before.1, after.1));
        }
        assert!(close(v.w, WIDTH_RANGE.0), "zoomed in to the limit: {v:?}");
        for _ in 0..60 {
            v = v.zoomed(1.25, W / 2.0, H / 2.0);
        }
        assert!(close(v.w, WIDTH_RANGE.1));
        // After any zooms, the first view is one fit away.
        let pts = [(34.7, 36.7), (35.5, 35.8)];
        assert!(p.fit(&pts).w < 20.0);
    }

    #[test]
    fn the_zoom_focus_is_the_selection_in_view_else_the_centre() {
        assert_eq!(zoom_focus(&[]), (W / 2.0, H / 2.0));
        assert_eq!(zoom_focus(&[(100.0, 100.0), (300.0, 200.0)]), (200.0, 150.0));
        assert_eq!(zoom_focus(&[(100.0, 100.0), (5000.0, 200.0)]), (100.0, 100.0));
        assert_eq!(zoom_focus(&[(-10.0, 100.0)]), (W / 2.0, H / 2.0));
    }

    #[test]
    fn labels_never_overlap_and_the_biggest_come_first() {
        let p = Projection { k: 1.0 };
        let view = View {
            cx: 0.0,
            cy: 0.0,
            w: 100.0,
        };
        let label = |name: &str, lat: f64, lon: f64, rank: f64| Label {
            name: name.into(),
            lat,
            lon,
            rank,
        };
        // In rank order: one off the map, two names at almost the same spot, one far away.
        let cands = [
            label("Offmap", 0.0, 170.0, 50.0),
            label("Bigland", 0.0, 0.0, 10.0),
            label("Farland", 20.0, 30.0, 5.0),
            label("Smallland", 0.5, 0.5, 1.0),
        ];
        let mut taken = Vec::new();
        let placed = place_labels(&cands, &p, &view, 24.0, 10, &|_, _| true, &mut taken);
        let names: Vec<&str> = placed.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["Bigland", "Farland"]);
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(!overlaps(&a.bbox, &b.bbox));
            }
        }
        // A box already taken (a marker's label) pushes a name out; the limit and the fit test hold.
        let mut taken = vec![text_box("Bigland", W / 2.0, H / 2.0, 24.0)];
        let placed = place_labels(&cands, &p, &view, 24.0, 10, &|_, _| true, &mut taken);
        assert!(placed.iter().all(|l| l.name != "Bigland"), "{placed:?}");
        let mut taken = Vec::new();
        assert_eq!(
            place_labels(&cands, &p, &view, 24.0, 1, &|_, _| true, &mut taken).len(),
            1
        );
        let mut taken = Vec::new();
        assert!(
            place_labels(&cands, &p, &view, 24.0, 9, &|l, _| l.rank < 6.0, &mut taken)
                .iter()
                .all(|l| l.name != "Bigland")
        );
    }

    #[test]
    fn label_layers_read_line_by_line_and_skip_what_does_not_read() {
        let text = "# source\nRussia\t101.91\t64.12\t2935.2\nbroken\tline\n\nFiji\t177.78\t-17.83\t1.6\n";
        let labels = parse_labels(text);
        assert_eq!(labels.len(), 2);
        assert_eq!(
            labels[1],
            Label {
                name: "Fiji".into(),
                lat: -17.83,
                lon: 177.78,
                rank: 1.6
            }
        );
        // The layers the app ships read whole, in rank order.
        for file in ["static/data/labels-countries.tsv", "static/data/labels-places.tsv"] {
            let Ok(text) = std::fs::read_to_string(file) else {
                println!("SKIP {file} not found (the crate's package does not ship the app's data)");
                continue;
            };
            let labels = parse_labels(&text);
            assert_eq!(
                labels.len(),
                text.lines().filter(|l| !l.starts_with('#')).count(),
                "{file}"
            );
            assert!(
                labels.windows(2).all(|w| w[0].rank >= w[1].rank),
                "{file} in rank order"
            );
        }
    }

    #[test]
    fn the_first_view_fits_where_events_happened_not_every_mention() {
        let text = "Blasts hit Homs and Tartus on 5 September 2016. Moscow said Washington was to blame.";
        let analysis = crate::analyze(text, &crate::Options::default());
        let points = first_view_points(&analysis);
        assert!(!points.is_empty(), "{:?}", analysis.places);
        // No point of Moscow or Washington: both speak for their governments, and neither is where a blast was.
        assert!(
            points
                .iter()
                .all(|(lat, lon)| (30.0..40.0).contains(lat) && (30.0..45.0).contains(lon)),
            "{points:?}"
        );
        let all: Vec<(f64, f64)> = analysis.places.iter().map(|p| (p.lat, p.lon)).collect();
        let p = Projection::for_points(&points);
        assert!(p.fit(&points).w < p.fit(&all).w);
    }
}
