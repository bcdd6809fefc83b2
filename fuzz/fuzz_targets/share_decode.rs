//! Arbitrary link fragments through the share-link decoder: no panic, and whatever decodes
//! re-encodes to a link that decodes to the same view.
#![no_main]

use dateline::share;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|fragment: &str| {
    // Raw, and behind the version prefix so the inflate and JSON stages are reached.
    for link in [fragment.to_string(), format!("v1.{fragment}")] {
        if let Ok(state) = share::decode(&link) {
            assert_eq!(share::decode(&share::encode(&state)), Ok(state), "re-encoded link differs");
        }
    }
});
