/**
 * The IDE is served with `style-src 'self' 'nonce-…'`: Monaco and Radix add <style> elements at run
 * time and have no nonce option, so every <style> created on this page gets the page's nonce (which
 * Vite's `html.cspNonce` puts on a meta tag and the gateway fills in per response). Imported first,
 * before any library module runs.
 */
const nonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce;

if (nonce) {
  const createElement = Document.prototype.createElement;
  Document.prototype.createElement = function (this: Document, tagName: string, options?: ElementCreationOptions) {
    const element = createElement.call(this, tagName, options);
    if (element instanceof HTMLStyleElement) element.nonce = nonce;
    return element;
  } as typeof Document.prototype.createElement;
}

export {};
