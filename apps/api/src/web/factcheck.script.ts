import { niceStep, renderChart, shortPeriod, verdictColour } from './factcheck-chart.client.js';
import { startFactCheckPage } from './factcheck-app.client.js';
import {
  actionTypeWords,
  esc,
  formatDay,
  formatPartialDate,
  issueKindWords,
  periodEnd,
  periodIndexOf,
  periodStart,
  periodWords,
  qualifierWords,
  rangeWords,
  scopeHtml,
  sumOfClaims,
  verdictExplanation,
  verdictWords,
} from './factcheck-format.client.js';

/**
 * The page's script, built from the typed client functions: each is emitted with
 * Function.prototype.toString as a declaration inside one closure, so the names the functions use
 * for each other resolve there. Served from our own origin; no bundler and no CDN.
 */
const CLIENT_FUNCTIONS: ((...args: any[]) => unknown)[] = [
  esc,
  formatDay,
  formatPartialDate,
  qualifierWords,
  rangeWords,
  verdictWords,
  verdictExplanation,
  issueKindWords,
  sumOfClaims,
  actionTypeWords,
  scopeHtml,
  periodEnd,
  periodStart,
  periodWords,
  periodIndexOf,
  niceStep,
  verdictColour,
  renderChart,
  shortPeriod,
  startFactCheckPage,
];

export function renderFactCheckScript(): string {
  const body = CLIENT_FUNCTIONS.map((fn) => {
    const source = fn.toString();
    if (!source.startsWith('function '))
      throw new Error(`${fn.name} must be a function declaration to be served to the browser`);
    return source;
  }).join('\n\n');
  return `'use strict';\n(function () {\n${body}\n\nif (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', startFactCheckPage);\nelse startFactCheckPage();\n})();\n`;
}
