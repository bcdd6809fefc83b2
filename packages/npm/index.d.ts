/** A stretch of the text: UTF-16 code units by default (`text.slice(start, end)`). */
export interface Span { start: number; end: number }

export interface AnalyzeOptions {
  /** The publication date, `YYYY-MM-DD`: relative dates ("Wednesday") resolve against it. */
  dct?: string;
  /** `"en"`: analyse as English even a text that looks written in another language. */
  language?: 'en';
  /** The unit of span offsets: `"utf16"` (default, JavaScript string indices), `"char"` or `"byte"`. */
  offsets?: 'utf16' | 'char' | 'byte';
  /** `"dates"`: the document date and the dates alone (no places, names or events), several times faster. */
  only?: 'dates';
}

/** The analysis: see the crate's JSON contract (docs/schema in the repository). */
export interface Analysis {
  schema_version: number;
  document: { title: string | null; dct: { value: string | null; source: string; span: Span | null }; [k: string]: unknown };
  timexes: Array<{ id: string; span: Span; text: string; type: string; value: string; [k: string]: unknown }>;
  places: Array<{ id: string; span: Span; text: string; name: string; lat: number; lon: number; [k: string]: unknown }>;
  entities: Array<{ id: string; span: Span; text: string; kind: string; [k: string]: unknown }>;
  events: Array<{ id: string; [k: string]: unknown }>;
  warnings: Array<{ code: string; message: string; span?: Span }>;
}

/** Finds the dates, places, people, organisations and events of `text`. Throws for bad options. */
export function analyze(text: string, options?: AnalyzeOptions): Analysis;
