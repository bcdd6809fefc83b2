//! The timeline's calendar axis: the events placed on it, and the scale from days to screen units.

use crate::export::event_summary;
use crate::model::{Analysis, Event};
use crate::timeline::interval;

/// Width of the timeline in SVG units.
pub(super) const WIDTH: f64 = 1000.0;

/// An event placed on the calendar.
#[derive(Clone, PartialEq)]
pub(super) struct Item {
    pub id: String,
    pub start: f64,
    pub end: f64,
    pub label: String,
    pub aria: String,
    /// 0 for the article being read, n for the n-th added one (it picks the colour).
    pub article: usize,
    /// The key of the added article it belongs to.
    pub other: Option<u64>,
}

/// A piece of the axis: `[start, end)` days drawn across `[x0, x1)` screen units.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) struct Piece {
    pub start: f64,
    pub end: f64,
    pub x0: f64,
    pub x1: f64,
}

/// A piecewise-linear scale: one piece when zoomed, several (a broken axis) when fitted to a story
/// whose events cluster far apart in time.
#[derive(Clone, PartialEq, Debug)]
pub(super) struct Scale(pub Vec<Piece>);

impl Scale {
    pub fn linear(start: f64, end: f64) -> Scale {
        Scale(vec![Piece {
            start,
            end: end.max(start + 1e-3),
            x0: 0.0,
            x1: WIDTH,
        }])
    }

    pub fn x(&self, t: f64) -> f64 {
        let p = self
            .0
            .iter()
            .find(|p| t < p.end)
            .or(self.0.last())
            .copied()
            .unwrap_or(Piece {
                start: 0.0,
                end: 1.0,
                x0: 0.0,
                x1: WIDTH,
            });
        let t = t.clamp(p.start, p.end);
        p.x0 + (t - p.start) / (p.end - p.start) * (p.x1 - p.x0)
    }

    pub fn start(&self) -> f64 {
        self.0.first().map_or(0.0, |p| p.start)
    }

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
pub(super) fn items(analysis: &Analysis, article: usize, other: Option<u64>) -> (Vec<Item>, Vec<&Event>) {
    let mut dated = Vec::new();
    let mut vague = Vec::new();
    for ev in &analysis.events {
        let summary = event_summary(analysis, ev);
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
                aria: format!("{} — {summary}{from}", ev.date.value),
                article,
                other,
            }),
            None => vague.push(ev),
        }
    }
    (dated, vague)
}

/// Short decimal for SVG attributes.
pub(super) fn fmt(v: f64) -> String {
    format!("{v:.1}")
}
