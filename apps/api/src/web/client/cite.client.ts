/**
 * Browser code (also run in Node by the unit tests): "Cite this check" on a figure's card, its
 * markup and its suggested citation line. cite-control.client.ts fills it when it is opened.
 */
import { esc } from '../html-escape.js';
import type { Texts } from '../i18n/texts.js';
import { qualifierWords, verdictLabel } from '../i18n/words.js';
import type { FigureView, PageContext } from './factcheck.types.js';

/** The closed control on a figure's card: nothing is asked of the server until it is opened. */
export function citeHtml(ctx: PageContext, f: FigureView): string {
  const { t } = ctx;
  const id = esc(f.id);
  return `<details class="cite" data-figure="${id}">
    <summary>${esc(t.text('cite.summary'))}</summary>
    <p class="muted">${esc(t.text('cite.intro'))}</p>
    <p class="cite-status" role="status" aria-live="polite"></p>
    <div class="cite-fields" hidden>
      <label for="cite-url-${id}">${esc(t.text('cite.url'))}</label>
      <div class="cite-row"><input id="cite-url-${id}" class="cite-url" type="text" readonly translate="no">
        <button type="button" class="secondary" data-copy="cite-url-${id}">${esc(t.text('cite.copy'))}</button></div>
      <p class="cite-hash muted"></p>
      <label for="cite-line-${id}">${esc(t.text('cite.line'))}</label>
      <div class="cite-row"><textarea id="cite-line-${id}" class="cite-line" rows="4" readonly></textarea>
        <button type="button" class="secondary" data-copy="cite-line-${id}">${esc(t.text('cite.copyLine'))}</button></div>
    </div>
  </details>`;
}

/** What the server's canonical data of a check holds that a citation names. */
export interface CanonicalCheckView {
  asRecordedAt: string;
  verdict: string;
}

/** The suggested citation line: who, what, when, the address, the fingerprint and the day it was read. */
export function citationLine(
  t: Texts,
  f: FigureView,
  check: CanonicalCheckView,
  publisher: string,
  url: string,
  hash: string,
  accessed: string,
): string {
  const quoted = t.text('explain.figure', { figure: qualifierWords(t, f.qualifier, f.value) });
  const claim = f.description
    ? t.text('cite.claim.described', { claim: quoted, description: f.description })
    : quoted;
  const date = f.statedOn ? t.date(f.statedOn) : '';
  const statement =
    f.statedBy && date
      ? t.text('cite.stated.byOn', { who: f.statedBy, date })
      : f.statedBy
        ? t.text('cite.stated.by', { who: f.statedBy })
        : date
          ? t.text('cite.stated.on', { date })
          : t.text('cite.stated.none');
  return t.text('cite.text', {
    publisher,
    claim,
    statement,
    verdict: verdictLabel(t, check.verdict),
    moment: t.moment(check.asRecordedAt),
    url,
    hash,
    accessed: t.date(accessed),
  });
}
