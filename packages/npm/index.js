'use strict';
// The Dateline engine for Node.js. analyze(text, {dct, language, offsets, only}) returns the analysis object (the
// JSON contract of the Rust crate); spans count UTF-16 code units unless `offsets` says "char" or "byte"; `only:
// "dates"` finds the dates alone.
const native = require('./pkg/dateline_npm.js');

function analyze(text, options = {}) {
  if (typeof text !== 'string') throw new TypeError('text must be a string');
  const { dct, language, offsets, only } = options;
  return JSON.parse(
    native.analyzeJson(text, dct ?? undefined, language ?? undefined, offsets ?? undefined, only ?? undefined),
  );
}

module.exports = { analyze };
