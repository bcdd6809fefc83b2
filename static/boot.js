// Starts the app. An external file because the Content-Security-Policy allows no inline script.
import init from './dateline.js';

init({ module_or_path: new URL('./dateline_bg.wasm', import.meta.url) }).catch((error) => {
  const note = document.createElement('p');
  note.setAttribute('role', 'alert');
  note.textContent = `Dateline could not start: ${error}. It needs a browser with WebAssembly.`;
  document.body.append(note);
});

// Works offline after the first visit. The fragment (the article) is never part of a request.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('./sw.js').catch(() => undefined);
}
