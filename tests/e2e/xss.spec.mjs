// Hostile markup through every way text enters the page: typed or pasted into the textbox, dropped as an
// .html file, and opened from a share link. Whatever arrives, no script runs (window.__xss stays unset), no
// dialog opens, no request leaves the origin or fetches a payload's URL, no payload becomes an element, and
// javascript:/data: URLs never become live links. Payloads are generated below: templates × actions.
import { test, expect } from '@playwright/test';
import { deflateRawSync } from 'node:zlib';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Chromium checks the CSP while DOMParser builds the inert document of a dropped page, and reports a violation
// for each inline handler, inline style or <base> it meets there, though nothing runs in that document. Those reports come from the
// one line of the wasm-bindgen glue that calls parseFromString; a report from anywhere else means a payload
// reached the live page.
const glue = join(process.cwd(), 'dist', 'dateline.js');
const PARSER_LINE = existsSync(glue)
  ? readFileSync(glue, 'utf8').split('\n').findIndex((l) => l.includes('.parseFromString(')) + 1
  : -1;

/** What a payload tries to do when it runs. Each leaves a trace the test looks for. */
const ACTIONS = [
  'window.__xss=1',
  'alert(1)',
  "fetch('https://evil.invalid/XSSREQ')",
  "top['__x'+'ss']=document.domain",
];

const JS_B64 = Buffer.from('<script>window.__xss=1</script>').toString('base64');

/** Templates: `A` is replaced by an action. */
const TEMPLATES = [
  // Script elements, in every spelling.
  '<script>A</script>', '<SCRIPT>A</SCRIPT>', '<ScRiPt >A</sCrIpT >', '<script type="module">A</script>',
  '<script src="data:text/javascript,A"></script>', '<script src="https://evil.invalid/XSSREQ.js"></script>',
  '<script src=XSSREQ.js></script>', '<scr<script>ipt>A</scr</script>ipt>', '<<script>A//<</script>',
  '"><script>A</script>', "'><script>A</script>", '</textarea><script>A</script>', '</title><script>A</script>',
  '</style><script>A</script>', '<!--<script>A</script>-->', '--><script>A</script>', '<script\n>A</script\n>',
  '<script>/*</script><script>*/A</script>', '<noscript><p title="</noscript><img src=XSSREQ onerror=A>">',
  // Event handlers on many elements.
  ...[
    ['img', 'src=XSSREQ.png', 'onerror'], ['image', 'src=XSSREQ.png', 'onerror'], ['svg', '', 'onload'],
    ['body', '', 'onload'], ['body', '', 'onpageshow'], ['iframe', 'src=XSSREQ.html', 'onload'],
    ['input', 'autofocus', 'onfocus'], ['textarea', 'autofocus', 'onfocus'], ['select', 'autofocus', 'onfocus'],
    ['details', 'open', 'ontoggle'], ['video', 'src=XSSREQ.mp4', 'onerror'], ['audio', 'src=XSSREQ.mp3', 'onerror'],
    ['video', '><source src=XSSREQ.webm', 'onerror'], ['marquee', '', 'onstart'], ['object', 'data=XSSREQ.swf', 'onerror'],
    ['embed', 'src=XSSREQ.swf', 'onload'], ['style', '', 'onload'], ['link', 'rel=stylesheet href=XSSREQ.css', 'onload'],
    ['a', 'href=#', 'onmouseover'], ['div', 'tabindex=0 autofocus', 'onfocusin'], ['div', '', 'onpointerenter'],
    ['form', '', 'onsubmit'], ['button', 'autofocus', 'onfocus'], ['x', 'contenteditable autofocus', 'onfocus'],
    ['table', 'background=XSSREQ.png', 'onerror'], ['picture><img', 'src=XSSREQ.png', 'onerror'],
  ].map(([el, attrs, ev]) => `<${el} ${attrs} ${ev}="A">x</${el.split('>')[0]}>`),
  '<img src=x onerror=A>', '<img/src=x/onerror=A>', '<img src=x onerror="&#65;">', '<img src=`x`onerror=A>',
  '<img src="x" onerror="javascript:A">', '<img """><script>A</script>">', '<svg/onload=A>', '<body/onload=A>',
  // javascript:, data: and vbscript: URLs.
  '<a href="javascript:A">click me</a>', '<a href="JaVaScRiPt:A">click</a>', '<a href=" javascript:A">x</a>',
  '<a href="&#106;avascript:A">x</a>', '<a href="&#x6A;&#x61;vascript:A">x</a>', '<a href="java\tscript:A">x</a>',
  '<a href="java&Tab;script:A">x</a>', '<a href="data:text/html,<script>A</script>">x</a>',
  `<a href="data:text/html;base64,${JS_B64}">x</a>`, '<a href="vbscript:msgbox(1)">x</a>', 'javascript:A',
  'data:text/html,<script>A</script>', '<iframe src="javascript:A"></iframe>', '<iframe src="data:text/html,<script>A</script>"></iframe>',
  '<iframe srcdoc="<script>A</script>"></iframe>', '<iframe srcdoc="&lt;script&gt;A&lt;/script&gt;"></iframe>',
  '<object data="javascript:A"></object>', `<object data="data:text/html;base64,${JS_B64}"></object>`,
  '<embed src="javascript:A">', '<form action="javascript:A"><button>go</button></form>',
  '<button formaction="javascript:A">go</button>', '<base href="javascript:A//">', '<base href="https://evil.invalid/XSSREQ/">',
  '<meta http-equiv="refresh" content="0;url=javascript:A">', '<meta http-equiv="refresh" content="0;url=https://evil.invalid/XSSREQ">',
  '<meta http-equiv="Content-Security-Policy" content="script-src *">', '<link rel="prefetch" href="https://evil.invalid/XSSREQ">',
  '<isindex action="javascript:A" type=image>', '<math href="javascript:A">x</math>',
  // SVG and MathML.
  '<svg><script>A</script></svg>', '<svg><script href="data:,A"/></svg>', '<svg><animate onbegin="A" attributeName=x dur=1s>',
  '<svg><a xlink:href="javascript:A"><text x=20 y=20>x</text></a></svg>', '<svg><set attributeName=onload to="A"/></svg>',
  '<svg><foreignObject><iframe srcdoc="<script>A</script>"></iframe></foreignObject></svg>',
  '<svg><use href="data:image/svg+xml,<svg id=x xmlns=%22http://www.w3.org/2000/svg%22><image href=1 onerror=A /></svg>#x"/></svg>',
  '<math><mtext><table><mglyph><style><img src=XSSREQ onerror="A">', '<math><maction actiontype=statusline xlink:href="javascript:A">x</maction></math>',
  '<svg><style><img src=XSSREQ onerror="A"></style></svg>', '<svg><title><script>A</script></title></svg>',
  // CSS.
  '<div style="background:url(javascript:A)">x</div>', '<div style="width:expression(A)">x</div>',
  '<style>@import "https://evil.invalid/XSSREQ.css";</style>', '<style>body{background:url(https://evil.invalid/XSSREQ)}</style>',
  '<link rel=stylesheet href="https://evil.invalid/XSSREQ.css">', '<div style="behavior:url(XSSREQ.htc)">x</div>',
  '<style>*{x:expression(A)}</style>', '<p style="-moz-binding:url(XSSREQ.xml#x)">x</p>',
  // Template injection: inert text unless something evaluates it.
  "{{constructor.constructor('A')()}}", '${A}', '<%= A %>', '#{A}', '{{= A }}', '[[A]]', '{A}', '{{{A}}}',
  '<div ng-app ng-csp>{{$on.constructor("A")()}}</div>', '<x v-html="\'<img src=XSSREQ onerror=A>\'"></x>',
  // Polyglots.
  'jaVasCript:/*-/*`/*\\`/*\'/*"/**/(/* */oNcliCk=A )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=A//>\\x3e',
  '"\'--></style></script><script>A</script>', '\'"><img src=XSSREQ onerror=A>', '--!><svg/onload=A>',
  '</script><svg onload=A>', '<xmp><p title="</xmp><svg/onload=A>">', '<noembed><img title="</noembed><img src=XSSREQ onerror=A>">',
  // Entity-, percent- and escape-encoded forms.
  '&lt;script&gt;A&lt;/script&gt;', '&#60;img src=XSSREQ onerror=A&#62;', '&#x3C;svg onload=A&#x3E;', '%3Cscript%3EA%3C/script%3E',
  '\\u003cscript\\u003eA\\u003c/script\\u003e', '\\x3cscript\\x3eA\\x3c/script\\x3e', '&amp;lt;script&amp;gt;A&amp;lt;/script&amp;gt;',
  '<img src=XSSREQ onerror=&#x41;&#x28;&#x29;>', '＜script＞A＜/script＞', '\u003cimg src=XSSREQ onerror=A\u003e',
  // Markdown and autolinks: must stay text.
  '[click](javascript:A)', '![x](https://evil.invalid/XSSREQ.png)', '<javascript:A>', '<https://evil.invalid/XSSREQ>',
  'https://evil.invalid/XSSREQ', 'www.evil.invalid/XSSREQ', '[a](data:text/html;base64,' + JS_B64 + ')',
];

/** Every template with every action: several hundred payloads. */
const PAYLOADS = TEMPLATES.flatMap((t) => ACTIONS.map((a) => t.replace(/(?<![A-Za-z0-9])A(?![A-Za-z0-9])/g, a)));

/** Payloads in batches, each wrapped in a sentence the engines react to, ending with a marker line. */
function batches(size) {
  const out = [];
  for (let i = 0; i < PAYLOADS.length; i += size) {
    const lines = PAYLOADS.slice(i, i + size).map((p, k) => `Rain hit Genoa on Monday ${k}. ${p} Officials met in Paris.`);
    out.push({ id: out.length, text: `START-OF-BATCH-${out.length}\n${lines.join('\n')}\nEND-OF-BATCH-${out.length}` });
  }
  return out;
}
const BATCHES = batches(60);

/** Sets up the traps: dialogs, requests, CSP reports; returns a function that asserts none sprang. */
async function trap(page, baseURL) {
  const origin = new URL(baseURL).origin;
  const dialogs = [];
  const requests = [];
  page.on('dialog', async (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  page.on('request', (req) => requests.push(req.url()));
  page.on('popup', (p) => dialogs.push(`popup: ${p.url()}`));
  // A payload that became markup is blocked by the CSP, but still reports a violation: count them.
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push({
      what: `${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
      parser: /\/dateline\.js$/.test(e.sourceFile) ? e.lineNumber : 0,
    }));
  });
  return async (what, { parsed = false } = {}) => {
    await page.waitForTimeout(150); // let error and load handlers of anything injected fire
    const state = await page.evaluate(() => ({
      xss: window.__xss, topXss: top.__xss, csp: window.__csp,
      location: location.href,
      liveLinks: [...document.querySelectorAll('a[href], area[href], [xlink\\:href], form[action], iframe, object, embed, base')]
        .map((a) => a.getAttribute('href') || a.getAttribute('xlink:href') || a.getAttribute('action') || a.outerHTML.slice(0, 80))
        .filter((h) => /^\s*(javascript|data|vbscript):|<(iframe|object|embed|base)/i.test(h)),
      // The Article region renders text in h2, div, p and mark only; inline handlers exist nowhere in the app.
      injected: [
        ...document.querySelectorAll('section[aria-labelledby="h-article"] *:not(h2):not(div):not(p):not(mark)'),
        ...document.querySelectorAll('[onerror], [onload], [onfocus], [onmouseover], [onclick], [ontoggle], [onbegin], meta[http-equiv="refresh"], script:not([src])'),
      ].map((e) => e.outerHTML.slice(0, 100)),
    }));
    const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
    const payloadRequests = requests.filter((u) => u.includes('XSSREQ'));
    expect(state.xss, `${what}: a script ran`).toBeUndefined();
    expect(state.topXss, `${what}: a script ran`).toBeUndefined();
    expect(dialogs, `${what}: a dialog opened`).toEqual([]);
    expect(foreign, `${what}: a request left the origin`).toEqual([]);
    expect(payloadRequests, `${what}: a payload URL was fetched`).toEqual([]);
    expect(state.liveLinks, `${what}: a dangerous URL became live`).toEqual([]);
    expect(state.injected, `${what}: a payload became an element`).toEqual([]);
    const blocked = state.csp.filter((v) => !(parsed && v.parser === PARSER_LINE));
    expect(blocked.map((v) => v.what), `${what}: the CSP had to block something in the live page`).toEqual([]);
    expect(state.location.startsWith(baseURL), `${what}: the page navigated to ${state.location}`).toBe(true);
  };
}

test.describe.configure({ mode: 'parallel' });

test(`${PAYLOADS.length} payloads typed into the textbox stay text`, async ({ page, baseURL }) => {
  const check = await trap(page, baseURL);
  await page.goto('./');
  const box = page.getByRole('textbox', { name: 'Article text' });
  const article = page.getByRole('region', { name: 'Article', exact: true });
  for (const batch of BATCHES) {
    await box.fill(batch.text);
    await expect(article).toContainText(`END-OF-BATCH-${batch.id}`);
    // Nothing the person typed is lost or altered: the article shows exactly the text.
    expect(await box.inputValue()).toBe(batch.text);
    const shown = await article.locator('.article-text').evaluate((el) => el.textContent);
    expect(shown, `batch ${batch.id}: the article shows the text as typed`).toBe(batch.text);
    await check(`textbox batch ${batch.id}`);
  }
});

test(`${PAYLOADS.length} payloads dropped as .html files give text only`, async ({ page, baseURL }) => {
  const check = await trap(page, baseURL);
  await page.goto('./');
  const box = page.getByRole('textbox', { name: 'Article text' });
  const input = page.getByRole('region', { name: 'Input' });
  for (const batch of BATCHES) {
    const html = `<!doctype html><html><head><title>${PAYLOADS[batch.id]}</title></head><body>${batch.text
      .split('\n').map((l) => `<p>${l}</p>`).join('')}</body></html>`;
    const dataTransfer = await page.evaluateHandle((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'payloads.html', { type: 'text/html' }));
      return dt;
    }, html);
    await input.dispatchEvent('drop', { dataTransfer });
    // An unclosed <svg>, <xmp> or comment in a payload hides the rest of the page, as in a browser: only the
    // start of the batch is sure to be text.
    // The page's title (here the payload, as text) leads the article as its headline, on a line of its own.
    await expect(box).toHaveValue(new RegExp(`^(?:[^\\n]*\\n\\n)?START-OF-BATCH-${batch.id}\\b`));
    await check(`dropped batch ${batch.id}`, { parsed: true });
  }
});

test(`${PAYLOADS.length} payloads dropped as .txt files stay text`, async ({ page, baseURL }) => {
  const check = await trap(page, baseURL);
  await page.goto('./');
  const box = page.getByRole('textbox', { name: 'Article text' });
  const input = page.getByRole('region', { name: 'Input' });
  for (const batch of BATCHES) {
    const dataTransfer = await page.evaluateHandle((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'payloads.txt', { type: 'text/plain' }));
      return dt;
    }, batch.text);
    await input.dispatchEvent('drop', { dataTransfer });
    await expect(box).toHaveValue(batch.text);
    await check(`dropped .txt batch ${batch.id}`);
  }
});

test('payloads in a share link stay text', async ({ page, baseURL }) => {
  const check = await trap(page, baseURL);
  const batch = BATCHES[0];
  const link = `v1.${deflateRawSync(Buffer.from(JSON.stringify({ text: batch.text, selection: '"><img src=x onerror=window.__xss=1>' })), { level: 9 }).toString('base64url')}`;
  await page.goto(`./#${link}`);
  const box = page.getByRole('textbox', { name: 'Article text' });
  await page.waitForTimeout(1000);
  test.skip((await box.inputValue()) !== batch.text, 'this build does not open share links yet');
  await expect(page.getByRole('region', { name: 'Article', exact: true })).toContainText('END-OF-BATCH-0');
  await check('share link');
});
