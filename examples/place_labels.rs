//! Writes `static/data/labels-places.tsv`, the map's town names when zoomed in: the largest towns of the built-in
//! gazetteer (GeoNames, CC BY 4.0) and every national capital, one a line as `name<TAB>lon<TAB>lat<TAB>population`,
//! largest first (the app places them in this order).
//!   cargo run --release --example place_labels
//! The country names beside them (`labels-countries.tsv`) come from the basemap's outlines
//! (`scripts/build-basemap.mjs`).
use dateline::places::Gazetteer;
use dateline::Feature;

/// Towns below this population are named only if they are capitals.
const MIN_POPULATION: f64 = 250_000.0;
/// The layer's size cap: about 40 KB gzipped, fetched only when the map is zoomed in.
const MAX_TOWNS: usize = 4_000;

fn main() -> std::io::Result<()> {
    let Some(g) = Gazetteer::builtin() else {
        eprintln!("no built-in gazetteer: build with the default features");
        std::process::exit(1);
    };
    let mut towns: Vec<(String, f64, f64, f64)> = (0..g.len() as u32)
        .filter_map(|i| g.entry(i))
        .filter(|e| e.feature == Feature::City && (e.population >= MIN_POPULATION || e.capital))
        .map(|e| (e.name.to_string(), e.lon, e.lat, e.population.round()))
        .collect();
    towns.sort_by(|a, b| b.3.total_cmp(&a.3).then_with(|| a.0.cmp(&b.0)));
    // One name per town: the gazetteer can hold a town under two entries.
    let mut seen = std::collections::HashSet::new();
    towns.retain(|t| seen.insert((t.0.clone(), (t.1 * 10.0).round() as i64, (t.2 * 10.0).round() as i64)));
    towns.truncate(MAX_TOWNS);
    let mut out = String::from(
        "# GeoNames (CC BY 4.0), through the built-in gazetteer: towns of 250,000 people or more and capitals: name, \
         lon, lat, population\n",
    );
    for (name, lon, lat, population) in &towns {
        out.push_str(&format!("{name}\t{lon}\t{lat}\t{population}\n"));
    }
    std::fs::write("static/data/labels-places.tsv", out)?;
    println!("labels-places.tsv: {} towns", towns.len());
    Ok(())
}
