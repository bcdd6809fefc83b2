//! A statistical name tagger: people, organisations, places, nationalities and other names, found by an averaged
//! perceptron over hashed word, shape, affix, context and list features, one token at a time, left to right.
//!
//! The rules of the entities engine know titles, given names and organisation suffixes; they cannot know that
//! "Apple" or "Sony" is a company, or that the second word of "Apple Computer" is not a person. The tagger
//! generalises from labelled news: its model is distilled from spaCy's small English pipeline (MIT) run over the
//! English news text of the evaluation material that is not used to score names (`scripts/build-names-model`,
//! which rebuilds it), and trained by [`train`] with this module's own features, so that the tagger reads the
//! text exactly as it was trained to.
//!
//! Tags are BIO over five labels ([`NameLabel`]); an inside tag is allowed only after a tag of its label. The
//! model file (`static/data/names-en.bin`) holds the features whose weights matter, sorted by hash, with their
//! weights quantised to one byte per tag; [`NameModel::from_bytes`] reads it in one pass.
//!
//! Linear in the tokens: each token computes a fixed number of features and looks each up in the model's hash index
//! (O(1) expected; the table is half empty): O(n) for n tokens.

pub(crate) mod features;
mod train;

use crate::doc::Token;
use crate::model::Span;
pub use train::{train, Example, TrainReport};

use features::{LazySentence, PlaceSizes, SentenceBuffers, FEATURES_PER_TOKEN};

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameLabel {
    /// A person.
    Person,
    /// An organisation: company, agency, ministry, party, armed group, court, team, newspaper.
    Org,
    /// A place: country, city, region, natural feature, building.
    Place,
    /// A nationality, religious or political group ("Syrian", "Republicans").
    Nationality,
    /// Another name: a product, a work, an event, a law.
    Other,
}

impl NameLabel {
    /// Every label, in tag order.
    pub const ALL: [NameLabel; 5] = [
        NameLabel::Person,
        NameLabel::Org,
        NameLabel::Place,
        NameLabel::Nationality,
        NameLabel::Other,
    ];

    /// The label of a spaCy / OntoNotes entity type, for the names the tagger learns; `None` for dates, numbers
    /// and the like.
    pub fn from_ontonotes(label: &str) -> Option<NameLabel> {
        Some(match label {
            "PERSON" => NameLabel::Person,
            "ORG" => NameLabel::Org,
            "GPE" | "LOC" | "FAC" => NameLabel::Place,
            "NORP" => NameLabel::Nationality,
            "PRODUCT" | "WORK_OF_ART" | "EVENT" | "LAW" => NameLabel::Other,
            _ => return None,
        })
    }

    fn index(self) -> usize {
        NameLabel::ALL.iter().position(|&l| l == self).unwrap_or(0)
    }
}

/// Number of tags: outside, then begin and inside for each label.
pub(crate) const TAGS: usize = 1 + 2 * NameLabel::ALL.len();
const OUTSIDE: usize = 0;

fn begin(label: NameLabel) -> usize {
    1 + 2 * label.index()
}

fn label_of(tag: usize) -> Option<NameLabel> {
    (tag != OUTSIDE).then(|| NameLabel::ALL[(tag - 1) / 2])
}

fn is_inside(tag: usize) -> bool {
    tag != OUTSIDE && (tag - 1) % 2 == 1
}

/// Whether `tag` may follow `prev`: an inside tag only continues a name of its own label.
fn allowed(prev: usize, tag: usize) -> bool {
    !is_inside(tag) || (prev != OUTSIDE && label_of(prev) == label_of(tag))
}

/// A name the tagger found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaggedName {
    /// Bytes of the text.
    pub span: Span,
    /// What it names.
    pub label: NameLabel,
    /// How much the tagger preferred this reading: the smallest, over the name's tokens, of the best tag's score
    /// minus the runner-up's, in the model's weight units.
    pub margin: f32,
    /// Joined from two of the tagger's names by a rule (an organisation and a place side by side, "Air France").
    pub joined: bool,
}

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    /// The file does not start with the model's signature and version.
    NotAModel,
    /// The file ends before its declared content.
    Truncated,
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelError::NotAModel => write!(f, "not a Dateline name model (or another version)"),
            ModelError::Truncated => write!(f, "the name model is cut off"),
        }
    }
}

impl std::error::Error for ModelError {}

const MAGIC: &[u8; 5] = b"DLNM1";

/// A trained tagger: its features' keys with their quantised weights, one byte per tag, in an open-addressing
/// table whose slots hold a key and its weights together (sixteen bytes, four to a cache line), so that a look-up
/// reads one line of memory where a key index, a key list and a weight list read three.
#[derive(Debug, Clone)]
pub struct NameModel {
    /// A power of two of slots, at most about two thirds used.
    table: Vec<Slot>,
    /// Features in the table.
    len: usize,
    /// What one weight unit is worth.
    scale: f32,
}

/// One feature of a [`NameModel`]: its key and a weight per tag.
#[derive(Debug, Clone, Copy, PartialEq)]
#[repr(C, align(16))]
struct Slot {
    key: u32,
    weights: [i8; TAGS],
    used: bool,
}

const EMPTY: Slot = Slot {
    key: 0,
    weights: [0; TAGS],
    used: false,
};

/// Where a key's probe starts (the keys are hashes already; this spreads their low bits).
fn slot_of(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> 7) as usize
}

impl PartialEq for NameModel {
    fn eq(&self, other: &NameModel) -> bool {
        self.scale == other.scale && self.entries() == other.entries()
    }
}

impl NameModel {
    /// A model of the features `entries` (key and weights; a key given twice keeps its last weights) whose weight
    /// unit is worth `scale`. Linear in the entries.
    pub(crate) fn from_entries(entries: impl ExactSizeIterator<Item = (u32, [i8; TAGS])>, scale: f32) -> NameModel {
        let slots = (entries.len() * 3 / 2 + 1).next_power_of_two().max(2);
        let mut model = NameModel {
            table: vec![EMPTY; slots],
            len: 0,
            scale,
        };
        let mask = slots - 1;
        for (key, weights) in entries {
            let mut i = slot_of(key) & mask;
            while model.table[i].used && model.table[i].key != key {
                i = (i + 1) & mask;
            }
            model.len += usize::from(!model.table[i].used);
            model.table[i] = Slot {
                key,
                weights,
                used: true,
            };
        }
        model
    }

    /// The features, sorted by key.
    fn entries(&self) -> Vec<(u32, [i8; TAGS])> {
        let mut out: Vec<_> = self
            .table
            .iter()
            .filter(|s| s.used)
            .map(|s| (s.key, s.weights))
            .collect();
        out.sort_unstable_by_key(|e| e.0);
        out
    }

    /// Reads a model file. Linear in its length.
    pub fn from_bytes(bytes: &[u8]) -> Result<NameModel, ModelError> {
        let rest = bytes.strip_prefix(MAGIC.as_slice()).ok_or(ModelError::NotAModel)?;
        let (&tags, rest) = rest.split_first().ok_or(ModelError::Truncated)?;
        if usize::from(tags) != TAGS {
            return Err(ModelError::NotAModel);
        }
        let take4 = |r: &[u8]| -> Result<[u8; 4], ModelError> {
            r.get(..4).and_then(|b| b.try_into().ok()).ok_or(ModelError::Truncated)
        };
        let scale = f32::from_le_bytes(take4(rest)?);
        let count = u32::from_le_bytes(take4(&rest[4..])?) as usize;
        let mut rest = &rest[8..];
        // Keys are sorted, so each is stored as its difference from the one before, in 7-bit groups.
        let mut keys = Vec::with_capacity(count.min(rest.len()));
        let mut key = 0u32;
        for _ in 0..count {
            let mut delta = 0u32;
            let mut shift = 0;
            loop {
                let (&b, r) = rest.split_first().ok_or(ModelError::Truncated)?;
                rest = r;
                delta |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
            }
            key = key.wrapping_add(delta);
            keys.push(key);
        }
        let weights = rest.get(..count * TAGS).ok_or(ModelError::Truncated)?;
        let rows = weights.chunks_exact(TAGS).map(|row| {
            let mut w = [0i8; TAGS];
            for (q, &b) in w.iter_mut().zip(row) {
                *q = b as i8;
            }
            w
        });
        Ok(NameModel::from_entries(keys.into_iter().zip(rows), scale))
    }

    /// The model as a file ([`NameModel::from_bytes`] reads it back).
    pub fn to_bytes(&self) -> Vec<u8> {
        let entries = self.entries();
        let mut out = MAGIC.to_vec();
        out.push(TAGS as u8);
        out.extend(self.scale.to_le_bytes());
        out.extend((entries.len() as u32).to_le_bytes());
        let mut last = 0u32;
        for &(key, _) in &entries {
            let mut delta = key.wrapping_sub(last);
            last = key;
            loop {
                let b = (delta & 0x7f) as u8;
                delta >>= 7;
                if delta == 0 {
                    out.push(b);
                    break;
                }
                out.push(b | 0x80);
            }
        }
        for (_, weights) in &entries {
            out.extend(weights.iter().map(|&w| w as u8));
        }
        out
    }

    /// Number of features the model weighs.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True for a model without features (it tags nothing).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The model built into the crate (cargo feature `builtin-names`, on by default), read once; `None` without
    /// the feature or when the file is damaged.
    pub fn builtin() -> Option<&'static NameModel> {
        #[cfg(feature = "builtin-names")]
        {
            static MODEL: std::sync::OnceLock<Option<NameModel>> = std::sync::OnceLock::new();
            MODEL
                .get_or_init(|| NameModel::from_bytes(include_bytes!("../../../static/data/names-en.bin")).ok())
                .as_ref()
        }
        #[cfg(not(feature = "builtin-names"))]
        None
    }

    fn add_scores(&self, key: u32, scores: &mut [i32; TAGS]) {
        let mask = self.table.len() - 1;
        let mut i = slot_of(key) & mask;
        loop {
            let Some(slot) = self.table.get(i) else { return };
            if !slot.used {
                return;
            }
            if slot.key == key {
                // The additions written out: a loop over them costs more than they do.
                let row = &slot.weights;
                macro_rules! add {
                    ($($tag:literal)*) => { $( scores[$tag] += i32::from(row[$tag]); )* };
                }
                const _: () = assert!(TAGS == 11, "one addition per tag below");
                add!(0 1 2 3 4 5 6 7 8 9 10);
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /// The names among `tokens` (one sentence's tokens, in order), given the words the document writes in lower
    /// case somewhere ([`LowerWords`]). O(t) for t tokens (a constant number of look-ups each).
    pub fn tag(&self, tokens: &[Token], lists: &features::Lists, lower: &LowerWords) -> Vec<TaggedName> {
        let mut out = Vec::new();
        let mut buffers = TagBuffers::default();
        self.tag_sentence(
            tokens,
            lists,
            lower,
            &mut PlaceSizes::default(),
            &[],
            &mut buffers,
            &mut out,
        );
        out
    }

    /// The names of each of `sentences` (token slices of one document, in order), as [`NameModel::tag`], where no
    /// name starts inside the `settled` spans (the document's dates; sorted by start, not overlapping); the
    /// gazetteer is asked once per distinct word or word pair of the document. O(t log s) for t tokens and s spans.
    pub fn tag_document<'t>(
        &self,
        sentences: impl IntoIterator<Item = &'t [Token<'t>]>,
        lists: &features::Lists,
        lower: &LowerWords,
        settled: &[Span],
    ) -> Vec<TaggedName> {
        let sentences: Vec<&'t [Token<'t>]> = sentences.into_iter().collect();
        // Sized once for the capitalised words and pairs of a news text (about one token in eight asks), instead of
        // rehashing as the document goes.
        let tokens: usize = sentences.iter().map(|s| s.len()).sum();
        let mut sizes = PlaceSizes::with_capacity(tokens / 4);
        let mut buffers = TagBuffers::default();
        let mut out = Vec::new();
        for tokens in sentences {
            self.tag_sentence(tokens, lists, lower, &mut sizes, settled, &mut buffers, &mut out);
        }
        out
    }

    /// Tags one sentence and appends its names to `out`; `buffers` are the vectors of the sentence before, reused.
    #[allow(clippy::too_many_arguments)]
    fn tag_sentence<'t>(
        &self,
        tokens: &[Token<'t>],
        lists: &features::Lists,
        lower: &LowerWords,
        sizes: &mut PlaceSizes<'t>,
        settled: &[Span],
        buffers: &mut TagBuffers,
        out: &mut Vec<TaggedName>,
    ) {
        let mut sentence = LazySentence::new_in(
            tokens,
            lists,
            lower,
            sizes,
            settled,
            std::mem::take(&mut buffers.sentence),
        );
        let (tags, margins) = (&mut buffers.tags, &mut buffers.margins);
        tags.clear();
        margins.clear();
        let mut keys = [0u32; FEATURES_PER_TOKEN];
        for i in 0..tokens.len() {
            let prev = if i > 0 { tags[i - 1] } else { OUTSIDE };
            let prev2 = if i > 1 { tags[i - 2] } else { OUTSIDE };
            if sentence.surely_outside(i, prev) {
                tags.push(OUTSIDE);
                margins.push(f32::INFINITY);
                continue;
            }
            let n = sentence.features(i, prev, prev2, &mut keys);
            // Integer sums of the one-byte weights: exact, and cheaper than converting each weight to a float.
            let mut sums = [0i32; TAGS];
            for &k in &keys[..n] {
                self.add_scores(k, &mut sums);
            }
            let scores = sums.map(|s| s as f32);
            let (best, margin) = best_allowed(&scores, prev);
            tags.push(best);
            margins.push(margin * self.scale);
        }
        spans_into(tokens, tags, margins, out);
        buffers.sentence = sentence.into_buffers();
    }
}

/// The vectors [`NameModel::tag_sentence`] fills for a sentence, kept for the next one.
#[derive(Default)]
struct TagBuffers {
    sentence: SentenceBuffers,
    tags: Vec<usize>,
    margins: Vec<f32>,
}

/// The best tag allowed after `prev` and its lead over the runner-up.
fn best_allowed(scores: &[f32; TAGS], prev: usize) -> (usize, f32) {
    let mut best = OUTSIDE;
    let mut best_score = f32::NEG_INFINITY;
    let mut second = f32::NEG_INFINITY;
    for (tag, &s) in scores.iter().enumerate() {
        if !allowed(prev, tag) {
            continue;
        }
        if s > best_score {
            second = best_score;
            best_score = s;
            best = tag;
        } else if s > second {
            second = s;
        }
    }
    (best, best_score - second)
}

/// Joins begin and inside tags into names: appends to `out` the names of one sentence's `tags` (an inside tag extends only a name of this sentence).
fn spans_into(tokens: &[Token], tags: &[usize], margins: &[f32], out: &mut Vec<TaggedName>) {
    let first = out.len();
    for (i, (&tag, &margin)) in tags.iter().zip(margins).enumerate() {
        let Some(label) = label_of(tag) else { continue };
        if is_inside(tag) && out.len() > first {
            if let Some(last) = out.last_mut() {
                last.span.end = tokens[i].span.end;
                last.margin = last.margin.min(margin);
                continue;
            }
        }
        out.push(TaggedName {
            span: tokens[i].span,
            label,
            margin,
            joined: false,
        });
    }
}

pub use features::{Lists, LowerWords};

#[cfg(test)]
mod tests;
