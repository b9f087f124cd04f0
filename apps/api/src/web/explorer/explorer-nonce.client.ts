/// <reference lib="dom" />
/**
 * Browser code: gives every <style> element the page's CSP nonce. GraphiQL's editor (Monaco) and
 * its dialogs add <style> elements while they run and offer no nonce option of their own; the
 * explorer's Content-Security-Policy allows only styles from our origin or with this response's
 * nonce, which the page publishes as <meta property="csp-nonce" nonce="..."> (the convention of
 * Vite and webpack). Must run before GraphiQL loads.
 */
export function nonceInjectedStyles(doc: Document = document): void {
  const nonce = doc.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce;
  if (!nonce) return;
  const create = Document.prototype.createElement;
  Document.prototype.createElement = function (
    this: Document,
    tagName: string,
    options?: ElementCreationOptions,
  ) {
    const element = create.call(this, tagName, options);
    if (element instanceof HTMLStyleElement) element.nonce = nonce;
    return element;
  } as typeof Document.prototype.createElement;
}
