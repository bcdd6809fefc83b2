// Pictures people take away (issue 22, item 9): the timeline or the map as a self-contained SVG (every style the
// page gives it written inline, so it looks the same in any editor or page) or as a PNG (that SVG drawn on a canvas
// at twice its size on screen). A classic script that the app adds to the page the first time a picture is asked
// for (src/app/services/picture.rs): nothing of it is loaded on first paint. It defines self.datelinePicture.
(() => {
  // The properties that make an SVG drawing look as it does on the page.
  const PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray',
    'stroke-linejoin', 'stroke-linecap', 'paint-order', 'opacity', 'font-family', 'font-size', 'font-weight',
    'font-style', 'letter-spacing', 'text-anchor', 'dominant-baseline', 'display', 'visibility', 'vector-effect'];
  const SVG_NS = 'http://www.w3.org/2000/svg';

  /** The drawing `svg` as standalone SVG text, with inline styles and the page's background. */
  function svgText(svg, title) {
    const copy = svg.cloneNode(true);
    const from = [svg, ...svg.querySelectorAll('*')];
    const to = [copy, ...copy.querySelectorAll('*')];
    from.forEach((el, i) => {
      const cs = getComputedStyle(el);
      to[i].setAttribute('style', PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';'));
      for (const a of ['tabindex', 'aria-pressed', 'role']) to[i].removeAttribute(a);
    });
    const box = svg.getBoundingClientRect();
    copy.setAttribute('xmlns', SVG_NS);
    copy.setAttribute('width', String(Math.round(box.width)));
    copy.setAttribute('height', String(Math.round(box.height)));
    const view = svg.viewBox.baseVal;
    const bg = document.createElementNS(SVG_NS, 'rect');
    bg.setAttribute('x', String(view.x));
    bg.setAttribute('y', String(view.y));
    bg.setAttribute('width', String(view.width));
    bg.setAttribute('height', String(view.height));
    bg.setAttribute('style', `fill:${getComputedStyle(document.body).backgroundColor}`);
    copy.insertBefore(bg, copy.firstChild);
    const t = document.createElementNS(SVG_NS, 'title');
    t.textContent = title;
    copy.insertBefore(t, copy.firstChild);
    return new XMLSerializer().serializeToString(copy);
  }

  function save(blob, name) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }

  /** Downloads the drawing matching `selector` as `name`, an SVG or (`png` true) a PNG; false if there is none. */
  async function downloadPicture(selector, name, title, png) {
    const svg = document.querySelector(selector);
    if (!svg) return false;
    const text = svgText(svg, title);
    if (!png) {
      save(new Blob([text], { type: 'image/svg+xml' }), name);
      return true;
    }
    const box = svg.getBoundingClientRect();
    const img = new Image();
    // A data: address, not a blob: one: the page's Content-Security-Policy allows images from data: only.
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(box.width * 2));
    canvas.height = Math.max(1, Math.round(box.height * 2));
    canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) return false;
    save(blob, name);
    return true;
  }

  self.datelinePicture = { svgText, downloadPicture };
})();
