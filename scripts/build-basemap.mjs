// Rebuilds static/data/basemap-{110m,50m}.json and labels-countries.tsv from npm world-atlas (Natural Earth,
// public domain).
//   node scripts/build-basemap.mjs        (after `npm ci`; scripts/setup installs the dev tools)
//   node scripts/build-basemap.mjs --labels-only     (only labels-countries.tsv)
// Country labels: each country's name at a point well inside its largest polygon (the grid point farthest from
// its edges), ranked by its area in square degrees, for the map's names at world zoom. The town names
// (labels-places.tsv) come from the gazetteer: `cargo run --release --example place_labels`.
// Each country becomes one SVG path in plate carrée degrees (x = longitude, y = -latitude), rounded and
// with repeated points dropped, so the app can draw it with any affine fit and no projection library.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import { presimplify, simplify } from 'topojson-simplify';

const require = createRequire(import.meta.url);
const atlasVersion = require('world-atlas/package.json').version;
const scales = [
  // Grid steps in degrees: the 50m map is for zoomed-in views; 0.04° (about 4 km) keeps its shape.
  { name: '110m', step: 0.1 },
  { name: '50m', step: 0.02, minArea: 0.02 },
];

function ringPath(ring, step) {
  const f = 1 / step;
  let d = '';
  let last = null;
  let n = 0;
  let prev = null;
  for (let [lon, lat] of ring) {
    // Unwrap across the antimeridian so a ring never jumps the whole map (Chukotka, Fiji, Antarctica).
    if (prev !== null) {
      while (lon - prev > 180) lon -= 360;
      while (lon - prev < -180) lon += 360;
    }
    prev = lon;
    const x = +(Math.round(lon * f) / f).toFixed(2);
    const y = +(Math.round(-lat * f) / f).toFixed(2);
    const key = `${x},${y}`;
    if (key === last) continue;
    d += (n === 0 ? 'M' : 'L') + key;
    last = key;
    n += 1;
  }
  return n >= 3 ? d + 'Z' : '';
}

mkdirSync('static/data', { recursive: true });
function rings(f) {
  if (!f.geometry) return [];
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  return polys.flat();
}

/** Area of a ring in square degrees (shoelace). */
function ringArea(ring) {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
  return Math.abs(a / 2);
}

/** Whether [x, y] is inside `ring` (even-odd). */
function inside([x, y], ring) {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

/** Distance from [x, y] to the nearest edge of `ring`, in degrees. */
function edgeDistance([x, y], ring) {
  let best = Infinity;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ax, ay] = ring[j], [bx, by] = ring[i];
    const dx = bx - ax, dy = by - ay;
    const t = dx || dy ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy))) : 0;
    best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
  }
  return best;
}

/** A point well inside a ring: the best of a 24 × 24 grid over its box, then of a finer grid around that. */
function labelPoint(ring) {
  const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
  let box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  let best = [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2], bestD = -1;
  for (let round = 0; round < 2; round++) {
    const [x0, y0, x1, y1] = box;
    for (let i = 0; i <= 24; i++) for (let j = 0; j <= 24; j++) {
      const p = [x0 + ((x1 - x0) * i) / 24, y0 + ((y1 - y0) * j) / 24];
      if (!inside(p, ring)) continue;
      const d = edgeDistance(p, ring);
      if (d > bestD) { bestD = d; best = p; }
    }
    const hx = (x1 - x0) / 24, hy = (y1 - y0) / 24;
    box = [best[0] - hx, best[1] - hy, best[0] + hx, best[1] + hy];
  }
  return best;
}

/** A ring with its longitudes unwrapped across the antimeridian, as ringPath draws it (Fiji, Chukotka). */
function unwrap(ring) {
  let prev = null;
  return ring.map(([lon, lat]) => {
    if (prev !== null) {
      while (lon - prev > 180) lon -= 360;
      while (lon - prev < -180) lon += 360;
    }
    prev = lon;
    return [lon, lat];
  });
}

function countryLabels() {
  const full = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
  const labels = feature(full, full.objects.countries).features.flatMap((f) => {
    const outer = f.geometry ? (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).map((p) => unwrap(p[0])) : [];
    if (!outer.length || !f.properties?.name) return [];
    const largest = outer.reduce((a, b) => (ringArea(b) > ringArea(a) ? b : a));
    let [lon, lat] = labelPoint(largest);
    lon = ((lon + 540) % 360) - 180;
    const area = outer.reduce((sum, r) => sum + ringArea(r), 0);
    return [[f.properties.name, +lon.toFixed(2), +lat.toFixed(2), +area.toFixed(1)]];
  });
  labels.sort((a, b) => b[3] - a[3]);
  // One name a line, `name<TAB>lon<TAB>lat<TAB>area`, largest first (the app places them in this order).
  const lines = labels.map((l) => l.join('\t'));
  const head = `# world-atlas ${atlasVersion}, Natural Earth 1:110 million (public domain): name, lon, lat, area (square degrees)`;
  writeFileSync('static/data/labels-countries.tsv', [head, ...lines].join('\n') + '\n');
  console.log(`labels-countries.tsv: ${labels.length} countries`);
}

countryLabels();
if (process.argv.includes('--labels-only')) process.exit(0);

for (const { name, step, minArea } of scales) {
  const full = JSON.parse(readFileSync(require.resolve(`world-atlas/countries-${name}.json`), 'utf8'));
  // Visvalingam simplification on the topology keeps shared borders shared (areas in square degrees).
  const simple = minArea ? simplify(presimplify(JSON.parse(JSON.stringify(full))), minArea) : full;
  const fullFeatures = feature(full, full.objects.countries).features;
  const countries = feature(simple, simple.objects.countries).features.map((f, k) => {
    const original = rings(fullFeatures[k]);
    // A small island that simplification collapses keeps its full outline instead of vanishing.
    const d = rings(f).map((ring, r) => ringPath(ring, step) || ringPath(original[r] || [], step)).join('');
    return { id: f.id ?? '', name: f.properties?.name ?? '', d };
  }).filter((c) => c.d);
  const out = {
    source: `world-atlas ${atlasVersion}, Natural Earth 1:${name.replace('m', '')} million (public domain)`,
    built: new Date().toISOString().slice(0, 10),
    projection: 'plate carrée degrees: x = longitude, y = -latitude',
    countries,
  };
  writeFileSync(`static/data/basemap-${name}.json`, JSON.stringify(out));
  console.log(`basemap-${name}.json: ${countries.length} countries`);
}
