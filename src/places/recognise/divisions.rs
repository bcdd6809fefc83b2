//! Lists of names before a plural division word ("Harvey, Harper and Kingman counties").

use super::{joinable, Mention, Token, MAX_WORDS};
use crate::model::{Feature, Span};
use crate::places::cues::Cues;
use crate::places::gazetteer::Gazetteer;
use crate::places::name;

/// Most names read back from one plural division word.
const MAX_LIST_NAMES: usize = 12;

/// "Harvey, Harper and Kingman counties": each name of a list before a plural division word is that
/// division (Harvey County...), whether or not the name alone was taken for a town; names the
/// gazetteer holds only with the division word ("Sarpy County") become mentions here. The work is
/// bounded per division word, so the pass stays linear.
pub(super) fn division_lists(
    text: &str,
    toks: &[Token<'_>],
    gazetteer: &Gazetteer,
    cues: &Cues,
    mentions: &mut Vec<Mention>,
) {
    let mut key = String::new();
    let mut added = Vec::new();
    for (k, t) in toks.iter().enumerate().skip(1) {
        let Some(&(_, singular)) = cues
            .plural_division
            .iter()
            .find(|(w, _)| t.text.eq_ignore_ascii_case(w))
        else {
            continue;
        };
        let mut end = k - 1;
        if &text[toks[end].span.end..t.span.start] != " " {
            continue;
        }
        let first_new = added.len();
        for _ in 0..MAX_LIST_NAMES {
            // The name ends at `end`: the longest run of capitalised words before it the gazetteer holds
            // with the division word.
            let mut start = end;
            while start > 0
                && end - start + 1 < MAX_WORDS
                && toks[start - 1].cap
                && joinable(&text[toks[start - 1].span.end..toks[start].span.start])
            {
                start -= 1;
            }
            if !toks[end].cap {
                break;
            }
            let mut name = None;
            for s in start..=end {
                name::normalize_into(&text[toks[s].span.start..toks[end].span.end], &mut key);
                key.push(' ');
                key.push_str(singular);
                let postings = gazetteer.lookup(&key);
                if !postings.is_empty() {
                    name = Some((s, postings));
                    break;
                }
            }
            let Some((s, postings)) = name else { break };
            added.push(Mention {
                tokens: (s, end),
                span: Span::new(toks[s].span.start, toks[end].span.end),
                postings,
                possessive: false,
                dateline: false,
            });
            // The separator before the name: ", ", " & ", " and ", ", and ".
            if s < 2 {
                break;
            }
            let sep = &text[toks[s - 1].span.end..toks[s].span.start];
            let before = &toks[s - 1];
            end = if sep == ", " || sep == " & " {
                s - 1
            } else if cues.and.contains(before.text) && sep == " " {
                let sep2 = &text[toks[s - 2].span.end..before.span.start];
                if sep2 != " " && sep2 != ", " {
                    break;
                }
                s - 2
            } else {
                break;
            };
        }
        // "Indiana counties" are the counties of the state, not Indiana County: a lone state or country
        // name before the word is left as it is.
        if added.len() == first_new + 1 {
            let lone = &added[first_new];
            name::normalize_into(lone.span.slice(text), &mut key);
            let state = gazetteer.lookup(&key).iter().any(|p| match gazetteer.feature(p.entry) {
                Feature::Country => true,
                Feature::Admin => gazetteer.admin_of(p.entry).is_none(),
                _ => false,
            });
            if state {
                added.pop();
            }
        }
    }
    if added.is_empty() {
        return;
    }
    // The list readings replace any mention they overlap (a binary search in the sorted, disjoint list).
    added.sort_by_key(|m: &Mention| m.span.start);
    added.dedup_by_key(|m| m.span.start);
    mentions.retain(|m| {
        let after = added.partition_point(|a| a.span.start < m.span.end);
        after == 0 || !added[after - 1].span.overlaps(&m.span)
    });
    mentions.extend(added);
    mentions.sort_by_key(|m| m.span.start);
    mentions.dedup_by_key(|m| m.span.start);
}
