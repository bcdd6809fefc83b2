// Rebuilds static/data/basemap-{110m,50m}.json from npm world-atlas (Natural Earth, public domain).
//   node scripts/build-basemap.mjs        (after `npm ci`; scripts/setup installs the dev tools)
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
