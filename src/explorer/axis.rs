//! The timeline's calendar axis: the events placed on it, and the scale from days to screen units (a
//! broken axis when the story's events cluster far apart in time).

use crate::export::event_headline;
use crate::model::{Analysis, Event};
use crate::timeline::interval;

/// Width of the timeline in screen (SVG) units.
pub const WIDTH: f64 = 1000.0;

/// An event placed on the calendar.
#[derive(Clone, PartialEq)]
pub struct Item {
    /// The event's id.
    pub id: String,
    /// Its first day, in days since 1970-01-01.
    pub start: f64,
    /// One past its last day.
    pub end: f64,
    /// What happened, as a headline ([`crate::export::event_headline`]), shown beside its bar.
    pub label: String,
    /// Its date and what happened, for assistive technology.
    pub aria: String,
    /// 0 for the article being read, n for the n-th added one (it picks the colour).
    pub article: usize,
    /// The key of the added article it belongs to.
    pub other: Option<u64>,
    /// Whether it happened ([`crate::export::event_status`]): "happened", "did not happen", "planned", ...
    pub status: &'static str,
    /// Its family (`business`, `violence`, ...): it picks the colour of the article being read.
    pub family: String,
}

/// A piece of the axis: `[start, end)` days drawn across `[x0, x1)` screen units.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Piece {
    /// First day.
    pub start: f64,
    /// Last day.
    pub end: f64,
    /// Where the first day is drawn.
    pub x0: f64,
    /// Where the last day is drawn.
    pub x1: f64,
}

/// A piecewise-linear scale: one piece when zoomed, several (a broken axis) when fitted to a story
/// whose events cluster far apart in time.
#[derive(Clone, PartialEq, Debug)]
pub struct Scale(pub Vec<Piece>);

impl Scale {
    /// One piece from `start` to `end` across the whole width.
    pub fn linear(start: f64, end: f64) -> Scale {
        Scale(vec![Piece {
            start,
            end: end.max(start + 1e-3),
            x0: 0.0,
            x1: WIDTH,
        }])
    }

    /// Where day `t` is drawn (clamped to the piece it falls in, or the last).
    pub fn x(&self, t: f64) -> f64 {
        let p = self.piece(|p| t < p.end);
        let t = t.clamp(p.start, p.end);
        p.x0 + (t - p.start) / (p.end - p.start) * (p.x1 - p.x0)
    }

    /// The day drawn at screen position `x`, and how many days one screen unit spans there: the inverse of
    /// [`Scale::x`], through the piece under `x` (between two pieces, the nearer one's edge).
    pub fn at(&self, x: f64) -> (f64, f64) {
        let p = self.piece(|p| x < p.x1);
        let per_unit = (p.end - p.start) / (p.x1 - p.x0).max(1e-9);
        let x = x.clamp(p.x0, p.x1);
        (p.start + (x - p.x0) * per_unit, per_unit)
    }

    /// The linear domain `[start, end)` that zooms this scale by `factor` (below 1 zooms in) around screen
    /// position `x`: the day under `x` stays under `x`, and the new scale's density is the old one's there times
    /// `factor`, so zooming into one piece of a broken axis zooms into that piece's days, not into the gap.
    /// The width is kept between a quarter hour and 3,000 years.
    pub fn zoomed(&self, factor: f64, x: f64) -> (f64, f64) {
        let (at, per_unit) = self.at(x);
        let width = (per_unit * WIDTH * factor).clamp(1.0 / 96.0, 365.25 * 3000.0);
        let start = at - (x.clamp(0.0, WIDTH) / WIDTH) * width;
        (start, start + width)
    }

    /// The domain after zooming by `factor` (the "+" and "−" buttons and keys) around day `focus` (the selected
    /// event), else around the middle of the view: a focus in view stays where it is drawn, one out of view comes to
    /// the middle. Through [`Scale::zoomed`], so on a broken axis too.
    pub fn zoom_about(&self, factor: f64, focus: Option<f64>) -> (f64, f64) {
        match focus {
            Some(day) if day >= self.start() && day <= self.end() => self.zoomed(factor, self.x(day)),
            Some(day) => {
                let (_, per_unit) = self.at(WIDTH / 2.0);
                let width = (per_unit * WIDTH * factor).clamp(1.0 / 96.0, 365.25 * 3000.0);
                (day - width / 2.0, day + width / 2.0)
            }
            None => self.zoomed(factor, WIDTH / 2.0),
        }
    }

    /// How many of `items` this scale shows (some part of them between its first and last day).
    pub fn shown(&self, items: &[Item]) -> usize {
        items
            .iter()
            .filter(|i| i.end > self.start() && i.start < self.end())
            .count()
    }

    /// The first piece that `covers` says holds the point, else the last piece (a scale with none: one day across
    /// the width).
    fn piece(&self, covers: impl Fn(&Piece) -> bool) -> Piece {
        self.0
            .iter()
            .find(|p| covers(p))
            .or(self.0.last())
            .copied()
            .unwrap_or(Piece {
                start: 0.0,
                end: 1.0,
                x0: 0.0,
                x1: WIDTH,
            })
    }

    /// The first day shown.
    pub fn start(&self) -> f64 {
        self.0.first().map_or(0.0, |p| p.start)
    }

    /// The last day shown.
    pub fn end(&self) -> f64 {
        self.0.last().map_or(1.0, |p| p.end)
    }

    /// Fits the items: clusters separated by gaps wider than their own extent get pieces of their own.
    pub fn fit(items: &[Item]) -> Scale {
        let mut spans: Vec<(f64, f64)> = items.iter().map(|i| (i.start, i.end)).collect();
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let Some(&(first, _)) = spans.first() else {
            return Scale::linear(0.0, 1.0);
        };
        let last = spans.iter().map(|s| s.1).fold(f64::MIN, f64::max);
        let total = last - first;
        let mut clusters: Vec<(f64, f64)> = Vec::new();
        for (s, e) in spans {
            match clusters.last_mut() {
                Some(c) if s - c.1 <= (total * 0.15).max(3.0) => c.1 = c.1.max(e),
                _ => clusters.push((s, e)),
            }
        }
        if clusters.len() == 1 || clusters.len() > 4 {
            let (s, e) = pad((first, last));
            return Scale::linear(s, e);
        }
        Scale::broken(&clusters)
    }

    /// One piece per cluster, each as wide as the square root of its length: long eras stay
    /// readable, and so do days.
    fn broken(clusters: &[(f64, f64)]) -> Scale {
        let gap = 24.0;
        let weights: Vec<f64> = clusters
            .iter()
            .map(|c| (pad(*c).1 - pad(*c).0).sqrt().max(1.0))
            .collect();
        let usable = WIDTH - gap * (clusters.len() - 1) as f64;
        let sum: f64 = weights.iter().sum();
        let mut x = 0.0;
        let pieces = clusters
            .iter()
            .zip(&weights)
            .map(|(c, w)| {
                let (s, e) = pad(*c);
                let width = usable * w / sum;
                let p = Piece {
                    start: s,
                    end: e,
                    x0: x,
                    x1: x + width,
                };
                x += width + gap;
                p
            })
            .collect();
        Scale(pieces)
    }
}

/// A span of days with a margin on either side.
fn pad((s, e): (f64, f64)) -> (f64, f64) {
    let p = ((e - s) * 0.08).max(0.5);
    (s - p, e + p)
}

/// The dated events of one article (`other` is the key of an added article, `None` for the one
/// being read), and its events that have no place on the calendar.
pub fn items(analysis: &Analysis, article: usize, other: Option<u64>) -> (Vec<Item>, Vec<&Event>) {
    let mut dated = Vec::new();
    let mut vague = Vec::new();
    for ev in &analysis.events {
        let status = crate::export::event_status(ev);
        // The headline says "fails", "planned"...; the accessible name says it in so many words too.
        let summary = event_headline(analysis, ev);
        let status_words = match status {
            "happened" => String::new(),
            status if summary.contains(status) => String::new(),
            status => format!(" — {status}"),
        };
        let from = if other.is_some() {
            format!(" (article {})", article + 1)
        } else {
            String::new()
        };
        match interval(&ev.date.value) {
            Some((start, end)) => dated.push(Item {
                id: ev.id.clone(),
                start,
                end,
                label: summary.clone(),
                aria: format!("{} — {summary}{status_words}{from}", ev.date.value),
                article,
                other,
                status,
                family: ev.family.clone(),
            }),
            None => vague.push(ev),
        }
    }
    (dated, vague)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zooming_keeps_the_day_under_the_pointer_even_on_a_broken_axis() {
        // Two clusters far apart: March 2011 and 4-6 September 2016.
        let d = |s: &str| crate::calendar::Date::parse_iso(s).expect("a day").to_days() as f64;
        let items = vec![
            item("a", d("2011-03-01"), d("2011-03-02")),
            item("b", d("2016-09-04"), d("2016-09-05")),
            item("c", d("2016-09-05"), d("2016-09-07")),
        ];
        let broken = Scale::fit(&items);
        assert!(broken.0.len() > 1, "a broken axis: {broken:?}");
        let x = broken.x(d("2016-09-05"));
        let mut scale = broken;
        for _ in 0..20 {
            let (s, e) = scale.zoomed(0.8, x);
            scale = Scale::linear(s, e);
            let (day, _) = scale.at(x);
            assert!(
                (day - d("2016-09-05")).abs() < 1e-6,
                "the day under the pointer stays: {day}"
            );
        }
        // Twenty notches in, the view is hours around 5 September 2016, not empty time in 2011-2016.
        assert!(
            scale.start() > d("2016-09-04") && scale.end() < d("2016-09-06"),
            "{scale:?}"
        );
        // And the pointer's screen position holds within a pixel.
        assert!((scale.x(d("2016-09-05")) - x).abs() < 1.0);
    }

    #[test]
    fn the_buttons_zoom_about_the_selection_and_fit_brings_every_event_back() {
        let d = |s: &str| crate::calendar::Date::parse_iso(s).expect("a day").to_days() as f64;
        let items = vec![
            item("a", d("2011-03-01"), d("2011-03-02")),
            item("b", d("2016-09-04"), d("2016-09-05")),
            item("c", d("2016-09-05"), d("2016-09-07")),
        ];
        let fitted = Scale::fit(&items);
        assert_eq!(fitted.shown(&items), 3);
        // The selected event's day stays where it is drawn.
        let focus = d("2016-09-05") + 0.5;
        let x = fitted.x(focus);
        let (s, e) = fitted.zoom_about(0.8, Some(focus));
        assert!((Scale::linear(s, e).x(focus) - x).abs() < 1e-6);
        // Twenty zooms in about the selection keep it in view; twenty out, then twenty in about the middle, may end
        // in empty time: the fit (what "Fit" and "0" restore) shows every event again.
        let mut scale = fitted.clone();
        for _ in 0..20 {
            let (s, e) = scale.zoom_about(0.8, Some(focus));
            scale = Scale::linear(s, e);
            assert!(scale.start() <= focus && focus <= scale.end(), "{scale:?}");
        }
        for _ in 0..20 {
            let (s, e) = scale.zoom_about(1.25, None);
            scale = Scale::linear(s, e);
        }
        for _ in 0..20 {
            let (s, e) = scale.zoom_about(0.8, None);
            scale = Scale::linear(s, e);
        }
        assert!(scale.end() - scale.start() > 0.0 && scale.end() - scale.start() < 365.25 * 3000.0);
        assert_eq!(Scale::fit(&items).shown(&items), 3);
        // A focus out of view comes to the middle.
        let narrow = Scale::linear(d("2011-03-01"), d("2011-03-03"));
        let (s, e) = narrow.zoom_about(0.5, Some(focus));
        assert!(((s + e) / 2.0 - focus).abs() < 1e-6 && (e - s - 1.0).abs() < 1e-6);
    }

    fn item(id: &str, start: f64, end: f64) -> Item {
        Item {
            id: id.into(),
            start,
            end,
            label: id.into(),
            aria: id.into(),
            article: 0,
            other: None,
            status: "happened",
            family: "other".into(),
        }
    }

    #[test]
    fn a_linear_scale_spans_the_width() {
        let scale = Scale::linear(10.0, 20.0);
        assert_eq!((scale.x(10.0), scale.x(15.0), scale.x(20.0)), (0.0, WIDTH / 2.0, WIDTH));
        assert_eq!((scale.x(0.0), scale.x(99.0)), (0.0, WIDTH), "days outside are clamped");
        assert!(Scale::linear(5.0, 5.0).end() > 5.0, "an empty domain still has a width");
    }

    #[test]
    fn one_cluster_fits_with_a_margin() {
        let scale = Scale::fit(&[item("a", 100.0, 101.0), item("b", 104.0, 105.0)]);
        assert_eq!(scale.0.len(), 1);
        assert!(scale.start() < 100.0 && scale.end() > 105.0);
        assert_eq!(Scale::fit(&[]), Scale::linear(0.0, 1.0));
    }

    #[test]
    fn far_apart_clusters_get_a_broken_axis_in_time_order() {
        // A war of decades ago and three days of this week.
        let items = [
            item("war", 0.0, 365.0 * 4.0),
            item("mon", 20_000.0, 20_001.0),
            item("tue", 20_001.0, 20_002.0),
            item("thu", 20_003.0, 20_004.0),
        ];
        let scale = Scale::fit(&items);
        assert_eq!(scale.0.len(), 2, "{scale:?}");
        let (war, week) = (scale.0[0], scale.0[1]);
        assert!(war.x1 < week.x0, "a gap between the pieces");
        assert!((week.x1 - WIDTH).abs() < 1e-9);
        // Each piece is as wide as the square root of its length: the week stays readable.
        assert!(week.x1 - week.x0 > 40.0, "{week:?}");
        let xs: Vec<f64> = items.iter().map(|i| scale.x(i.start)).collect();
        assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
        // More than four clusters are drawn on one linear axis.
        let many: Vec<Item> = (0..6)
            .map(|n| item("x", n as f64 * 1000.0, n as f64 * 1000.0 + 1.0))
            .collect();
        assert_eq!(Scale::fit(&many).0.len(), 1);
    }

    #[test]
    fn items_place_dated_events_and_keep_the_others_apart() {
        let text = "On 4 March 2024 floods hit the town. Officials have long warned of floods.";
        let analysis = crate::analyze(
            text,
            &crate::Options {
                gazetteer: crate::Gazetteers::Off,
                ..crate::Options::default()
            },
        );
        let (dated, vague) = items(&analysis, 1, Some(7));
        assert_eq!(dated.len() + vague.len(), analysis.events.len());
        let first = dated.first().expect("a dated event");
        assert_eq!((first.article, first.other), (1, Some(7)));
        assert!(
            first.aria.starts_with("2024-03-04 — ") && first.aria.ends_with(" (article 2)"),
            "{}",
            first.aria
        );
        assert_eq!(first.end - first.start, 1.0, "a day");
    }
}
