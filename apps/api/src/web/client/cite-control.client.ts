/// <reference lib="dom" />
/**
 * Browser code: "Cite this check" at work. Opening the control asks the server for the check's
 * canonical data at the current moment (`/checks/<id>/check.json`, which redirects to the
 * permalink of that moment; its ETag is the data's SHA-256), then fills in the permanent address,
 * the hash and a suggested citation line, each with a copy button.
 */
import { esc } from '../html-escape.js';
import type { Texts } from '../i18n/texts.js';
import { citationLine, type CanonicalCheckView } from './cite.client.js';
import type { FigureView } from './factcheck.types.js';

/** The day in the reader's calendar, YYYY-MM-DD. */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Fills a cite control when it is opened (once). */
export async function prepareCitation(
  t: Texts,
  details: HTMLDetailsElement,
  f: FigureView,
): Promise<void> {
  if (details.dataset.ready) return;
  details.dataset.ready = 'loading';
  const status = details.querySelector<HTMLElement>('.cite-status')!;
  status.textContent = t.text('cite.loading');
  try {
    const res = await fetch(`/checks/${encodeURIComponent(f.id)}/check.json`, {
      headers: { accept: 'application/json' },
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as {
        errors?: { message: string }[];
      } | null;
      throw new Error(body?.errors?.[0]?.message ?? `HTTP ${res.status}`);
    }
    const check = (await res.json()) as CanonicalCheckView;
    // The ETag is the SHA-256 of these bytes (the check's canonical JSON).
    const hash = (res.headers.get('etag') ?? '').replace(/^W\//, '').replace(/"/g, '');
    const url = `${location.origin}/checks/${encodeURIComponent(f.id)}?asRecordedAt=${check.asRecordedAt}`;
    const publisher =
      document.querySelector<HTMLMetaElement>('meta[property="og:site_name"]')?.content ?? '';
    details.querySelector<HTMLInputElement>('.cite-url')!.value = url;
    details.querySelector<HTMLElement>('.cite-hash')!.innerHTML = t.html('cite.hash', {
      hash: `<code translate="no">${esc(hash)}</code>`,
    });
    details.querySelector<HTMLTextAreaElement>('.cite-line')!.value = citationLine(
      t,
      f,
      check,
      publisher,
      url,
      hash,
      today(),
    );
    details.querySelector<HTMLElement>('.cite-fields')!.hidden = false;
    details.dataset.hash = hash;
    details.dataset.ready = 'true';
    status.textContent = '';
  } catch (err) {
    details.dataset.ready = '';
    status.textContent = t.text('cite.error', { message: (err as Error).message });
  }
}

/** Copies the text of the field a copy button names; says whether it worked. */
export async function copyField(t: Texts, button: HTMLButtonElement): Promise<void> {
  const field = document.getElementById(button.dataset.copy ?? '') as
    HTMLInputElement | HTMLTextAreaElement | null;
  const status = button.closest('details')?.querySelector<HTMLElement>('.cite-status');
  if (!field) return;
  try {
    await navigator.clipboard.writeText(field.value);
    if (status) status.textContent = t.text('cite.copied');
  } catch {
    // No clipboard (an insecure origin, a refused permission): the text is selected to copy by hand.
    field.focus();
    field.select();
    if (status) status.textContent = t.text('cite.copyFailed');
  }
}
