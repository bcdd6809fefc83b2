use std::time::Instant;
fn main() {
    let text = std::fs::read_to_string("../shared/seed/afp-syria-2016-09-05.txt").unwrap();
    let segs = dateline::segment::segment(&text, &dateline::lang::EN);
    let _ = dateline::dates::extract(&text, &segs, Some("2016-09-05"));
    let n = 2000;
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        for _ in 0..n {
            let d = dateline::dates::resolve_dct(&text, &segs, &Default::default());
            std::hint::black_box(dateline::dates::extract(&text, &segs, d.value.as_deref()));
        }
        best = best.min(t.elapsed().as_secs_f64() / n as f64);
    }
    println!("{} bytes: {:.1} us per article (dct + extract)", text.len(), best * 1e6);
}
