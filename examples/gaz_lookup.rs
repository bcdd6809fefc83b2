//! Prints the gazetteer readings of the names given on the command line (a debugging aid).
use dateline::places::{name, Gazetteer};

fn main() {
    let Some(g) = Gazetteer::builtin() else { return };
    for arg in std::env::args().skip(1) {
        for p in g.lookup(&name::normalize(&arg)) {
            if let Some(e) = g.entry(p.entry) {
                let admin = e.admin1.and_then(|a| g.entry(a)).map(|a| a.name.to_string());
                println!(
                    "{arg}\t{}\t{:?}\t{:?}\t{:?}\tpop {:.0}\t{:.2},{:.2}\tflags {}",
                    e.name,
                    admin,
                    e.country,
                    e.feature,
                    g.population_of(p.entry),
                    e.lat,
                    e.lon,
                    p.flags
                );
            }
        }
    }
}
