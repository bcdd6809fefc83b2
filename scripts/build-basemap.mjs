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
  for (const [lon, lat] of ring) {
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
for (const { name, step, minArea } of scales) {
  let topo = JSON.parse(readFileSync(require.resolve(`world-atlas/countries-${name}.json`), 'utf8'));
  // Visvalingam simplification on the topology keeps shared borders shared (square degrees).
  if (minArea) topo = simplify(presimplify(topo), minArea);
  const countries = feature(topo, topo.objects.countries).features.map((f) => {
    const polys = f.geometry ? (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) : [];
    const d = polys.flatMap((poly) => poly.map((ring) => ringPath(ring, step))).join('');
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
