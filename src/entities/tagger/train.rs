//! Training the tagger: an averaged perceptron, greedy left to right with the tagger's own predictions as history
//! (as it will meet them), then pruned and quantised into a [`NameModel`].

use super::features::{Lists, LowerWords, Sentence, FEATURES_PER_TOKEN};
use super::{allowed, begin, best_allowed, NameLabel, NameModel, OUTSIDE, TAGS};
use crate::doc::Doc;
use crate::lang::Language;
use crate::model::Span;
use std::collections::HashMap;

/// One labelled text: its names as byte spans.
#[derive(Debug, Clone)]
pub struct Example {
    /// The text (a paragraph).
    pub text: String,
    /// Its names, as byte spans of `text` with their labels.
    pub names: Vec<(Span, NameLabel)>,
}

/// What training did.
#[derive(Debug, Clone)]
pub struct TrainReport {
    /// Tokens seen per pass.
    pub tokens: usize,
    /// Features with a weight before pruning.
    pub features: usize,
    /// Features kept in the model.
    pub kept: usize,
    /// Share of tokens tagged right in the last pass (with the weights as they were during the pass).
    pub last_pass_accuracy: f64,
}

/// One sentence ready to train on: its token features' inputs and gold tags.
struct Prepared {
    sentence: Sentence,
    gold: Vec<usize>,
}

fn prepare(example: &Example, language: &Language) -> Vec<Prepared> {
    let doc = Doc::new(&example.text, language);
    let lists = Lists::of(language, crate::places::Gazetteer::builtin_shared());
    let lower = LowerWords::of(doc.tokens());
    doc.segments()
        .iter()
        .map(|seg| {
            let tokens = doc.tokens_in(seg.span);
            let gold = tokens
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let Some(&(span, label)) = example.names.iter().find(|(s, _)| s.overlaps(&t.span)) else {
                        return OUTSIDE;
                    };
                    // A token that starts the name, or the first of its sentence inside it, begins it.
                    if t.span.start <= span.start || i == 0 {
                        begin(label)
                    } else {
                        begin(label) + 1
                    }
                })
                .collect();
            Prepared {
                sentence: Sentence::new(tokens, &lists, &lower),
                gold,
            }
        })
        .collect()
}

/// Trains a model on `examples` in `passes` passes (in an order shuffled by `seed`, the same for the same seed),
/// keeping the features whose largest averaged weight reaches `min_weight`. Linear in the tokens per pass.
pub fn train(examples: &[Example], passes: usize, min_weight: f32, seed: u64) -> (NameModel, TrainReport) {
    let language = Language::english();
    let mut sentences: Vec<Prepared> = examples.iter().flat_map(|e| prepare(e, language)).collect();
    let tokens = sentences.iter().map(|s| s.gold.len()).sum();
    let mut index: HashMap<u32, usize> = HashMap::new();
    // Current weights and the running sum of (step × update), for the average at the end.
    let mut weights: Vec<[f32; TAGS]> = Vec::new();
    let mut sums: Vec<[f32; TAGS]> = Vec::new();
    let mut step = 1f32;
    let mut rng = seed | 1;
    let mut right = 0usize;
    let mut keys = [0u32; FEATURES_PER_TOKEN];
    for _ in 0..passes {
        // Fisher–Yates with xorshift: a fixed order for a fixed seed.
        for i in (1..sentences.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            sentences.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        right = 0;
        for s in &sentences {
            let mut predicted: Vec<usize> = Vec::with_capacity(s.gold.len());
            for (i, &gold) in s.gold.iter().enumerate() {
                let prev = if i > 0 { predicted[i - 1] } else { OUTSIDE };
                let prev2 = if i > 1 { predicted[i - 2] } else { OUTSIDE };
                let n = s.sentence.features(i, prev, prev2, &mut keys);
                let mut scores = [0f32; TAGS];
                for k in &keys[..n] {
                    if let Some(&at) = index.get(k) {
                        for (s, w) in scores.iter_mut().zip(&weights[at]) {
                            *s += w;
                        }
                    }
                }
                let (guess, _) = best_allowed(&scores, prev);
                // A gold tag the constraint forbids after this history is learnt as a begin tag.
                let gold = if allowed(prev, gold) { gold } else { gold - 1 };
                if guess == gold {
                    right += 1;
                } else {
                    for &k in &keys[..n] {
                        let at = *index.entry(k).or_insert_with(|| {
                            weights.push([0.0; TAGS]);
                            sums.push([0.0; TAGS]);
                            weights.len() - 1
                        });
                        weights[at][gold] += 1.0;
                        weights[at][guess] -= 1.0;
                        sums[at][gold] += step;
                        sums[at][guess] -= step;
                    }
                }
                predicted.push(guess);
                step += 1.0;
            }
        }
    }
    let features = index.len();
    let mut averaged: Vec<(u32, [f32; TAGS])> = index
        .into_iter()
        .map(|(k, at)| {
            let mut avg = [0f32; TAGS];
            for (t, a) in avg.iter_mut().enumerate() {
                *a = weights[at][t] - sums[at][t] / step;
            }
            (k, avg)
        })
        .filter(|(_, w)| w.iter().any(|x| x.abs() >= min_weight))
        .collect();
    averaged.sort_unstable_by_key(|(k, _)| *k);
    // One byte per weight: the scale puts the 99.9th percentile of the weights' sizes at the top of the range
    // (the few larger ones are clipped), so that small weights are not all rounded to zero.
    let mut sizes: Vec<f32> = averaged
        .iter()
        .flat_map(|(_, w)| w.iter().map(|x| x.abs()))
        .filter(|&x| x > 0.0)
        .collect();
    sizes.sort_unstable_by(f32::total_cmp);
    let top = sizes.get(sizes.len() * 999 / 1000).copied().unwrap_or(1.0);
    let scale = if top > 0.0 { top / 127.0 } else { 1.0 };
    let model = NameModel::from_entries(
        averaged.iter().map(|(k, w)| {
            let mut row = [0i8; TAGS];
            for (q, x) in row.iter_mut().zip(w) {
                *q = (x / scale).round().clamp(-127.0, 127.0) as i8;
            }
            (*k, row)
        }),
        scale,
    );
    let report = TrainReport {
        tokens,
        features,
        kept: model.len(),
        last_pass_accuracy: right as f64 / tokens.max(1) as f64,
    };
    (model, report)
}
