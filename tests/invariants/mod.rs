//! Invariants every `Analysis` must satisfy whatever the input: shared by the property tests,
//! the fuzz regressions and the hostile-input tests. Each check panics with a message naming the
//! offending item, so a failure says where to look.

#![allow(dead_code)]

use dateline::{Analysis, Span};

/// Panics unless `span` lies inside `text` on char boundaries, start before end.
pub fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {}..{} outside the text ({} bytes)",
        span.start,
        span.end,
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {}..{} cuts a character",
        span.start,
        span.end
    );
}

/// Panics unless `span` is valid and covers exactly `written`.
fn assert_covers(text: &str, span: Span, written: &str, what: &str) {
    assert_span(text, span, what);
    assert_eq!(
        span.slice(text),
        written,
        "{what}: `text` differs from the spanned text"
    );
}

fn assert_finite(value: f64, what: &str) {
    assert!(value.is_finite(), "{what} is {value}, which JSON cannot carry");
}

/// Every span in `a` is on char boundaries inside `text`, and each mention's `text` is what it spans.
pub fn assert_spans(text: &str, a: &Analysis) {
    if let Some(span) = a.document.dct.span {
        assert_span(text, span, "document.dct");
    }
    for t in &a.timexes {
        assert_covers(text, t.span, &t.text, &format!("timex {}", t.id));
    }
    for p in &a.places {
        assert_covers(text, p.span, &p.text, &format!("place {}", p.id));
    }
    for e in &a.entities {
        assert_covers(text, e.span, &e.text, &format!("entity {}", e.id));
    }
    for ev in &a.events {
        assert_covers(
            text,
            ev.trigger.span,
            &ev.trigger.text,
            &format!("event {} trigger", ev.id),
        );
        for m in &ev.mentions {
            assert_covers(text, m.span, &m.text, &format!("event {} mention", ev.id));
        }
        for c in &ev.casualties {
            assert_covers(text, c.span, &c.text, &format!("event {} casualty", ev.id));
        }
        for e in &ev.evidence {
            assert_span(text, e.span, &format!("event {} evidence '{}'", ev.id, e.field));
        }
    }
    for w in &a.warnings {
        if let Some(span) = w.span {
            assert_span(text, span, &format!("warning {}", w.code));
        }
    }
}

/// No number in `a` is NaN or infinite (JSON would turn it into `null` and lose it).
pub fn assert_numbers_finite(a: &Analysis) {
    for p in &a.places {
        assert_finite(p.lat, &format!("place {} lat", p.id));
        assert_finite(p.lon, &format!("place {} lon", p.id));
        assert_finite(f64::from(p.confidence), &format!("place {} confidence", p.id));
        for c in p.alternatives.iter() {
            assert_finite(c.lat, &format!("place {} candidate lat", p.id));
            assert_finite(c.lon, &format!("place {} candidate lon", p.id));
            assert_finite(f64::from(c.score), &format!("place {} candidate score", p.id));
        }
    }
    for e in &a.entities {
        if let Some(q) = e.quantity {
            for v in [q.low, q.best, q.high].into_iter().flatten() {
                assert_finite(v, &format!("entity {} quantity", e.id));
            }
        }
    }
    for ev in &a.events {
        for c in &ev.casualties {
            for v in [c.low, c.best, c.high].into_iter().flatten() {
                assert_finite(v, &format!("event {} casualty", ev.id));
            }
        }
    }
}

/// Analysis → JSON → Analysis gives the same value, and the JSON re-serialises identically.
pub fn assert_json_round_trip(a: &Analysis) {
    let json = serde_json::to_string(a).expect("an Analysis serialises");
    let back: Analysis = serde_json::from_str(&json).unwrap_or_else(|e| panic!("the JSON reads back: {e}\n{json}"));
    assert_eq!(&back, a, "Analysis → JSON → Analysis changed the value");
    assert_eq!(serde_json::to_string(&back).expect("serialises again"), json);
}

/// All the invariants at once.
pub fn assert_sound(text: &str, a: &Analysis) {
    assert_spans(text, a);
    assert_numbers_finite(a);
    assert_json_round_trip(a);
    assert_eq!(a.document.length_bytes, text.len().min(dateline::MAX_INPUT_BYTES));
}
