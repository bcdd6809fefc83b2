'use strict';
// Tests of the npm package under node --test: UTF-16 offsets, the document date, option errors.
const test = require('node:test');
const assert = require('node:assert');
const { analyze } = require('..');

const TEXT = 'Heavy rain 🌧 flooded São Paulo on Wednesday, officials said.';

test('every span slices its own text (UTF-16 offsets)', () => {
  const a = analyze(TEXT, { dct: '2016-09-05' });
  const mentions = [...a.timexes, ...a.places, ...a.entities];
  assert.ok(a.places.some((p) => p.text === 'São Paulo'));
  for (const m of mentions) assert.strictEqual(TEXT.slice(m.span.start, m.span.end), m.text);
});

test('the document date resolves Wednesday', () => {
  const value = (text, dct) => analyze(text, { dct }).timexes.find((t) => t.text === 'Wednesday').value;
  // Past tense: the Wednesday before the publication date; future: the one after.
  assert.strictEqual(value(TEXT, '2016-09-05'), '2016-08-31');
  assert.strictEqual(value('Talks will resume in Geneva on Wednesday.', '2016-09-05'), '2016-09-07');
  assert.strictEqual(value('Talks will resume in Geneva on Wednesday.', '2020-01-02'), '2020-01-08');
});

test('char offsets differ from UTF-16 ones after the emoji', () => {
  const start = (offsets) => analyze(TEXT, { offsets }).timexes.find((t) => t.text === 'Wednesday').span.start;
  assert.strictEqual(start('utf16'), start('char') + 1);
});

test('only dates keeps the dates and drops the rest', () => {
  const full = analyze(TEXT, { dct: '2016-09-05' });
  const dates = analyze(TEXT, { dct: '2016-09-05', only: 'dates' });
  assert.ok(full.places.length > 0);
  assert.deepStrictEqual(dates.timexes, full.timexes);
  assert.deepStrictEqual([dates.places, dates.entities, dates.events], [[], [], []]);
});

test('bad options throw', () => {
  assert.throws(() => analyze(TEXT, { only: 'names' }));
  assert.throws(() => analyze(TEXT, { dct: 'soon' }));
  assert.throws(() => analyze(TEXT, { offsets: 'words' }));
  assert.throws(() => analyze(42));
});
