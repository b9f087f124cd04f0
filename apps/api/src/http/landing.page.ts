/**
 * The page at `/`: how to use the API, with example queries and a small query runner that works
 * offline (no script, font or style from the internet; everything is inline).
 */
const EXAMPLES: { title: string; query: string }[] = [
  {
    title: 'Published figures and what they are part of',
    query: `{
  reportedFigures(first: 10) {
    edges { node { value qualifier statedBy statedOn description
      scope { actionTypes reasonCodes from to }
      parent { value qualifier }
      citation { excerpt source { title publisher } } } }
  }
}`,
  },
  {
    title: 'Disciplinary actions with officer, rank, province, reasons and sources',
    query: `{
  actions(first: 20, filter: { actionTypes: [DISMISSAL] }) {
    totalCount
    edges { node { actionType occurred occurredFrom occurredTo subjectCount subjectDescription
      officer { fullName } rank { code name } rankText position
      province { code name nameKm } reasons { code label } decidedBy
      citations { excerpt source { title publisher } } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
  },
  {
    title: 'Officer name search (tolerant of spelling)',
    query: `{ officers(search: "ratana") { edges { node { id fullName } } } }`,
  },
  {
    title: 'Reference data',
    query: `{ provinces { code name nameKm } ranks { code name tier order } reasons { code label } }`,
  },
];

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

export function renderLandingPage(): string {
  const options = EXAMPLES.map(
    (e, i) => `<option value="${i}">${escapeHtml(e.title)}</option>`,
  ).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Police discipline tracker API</title>
<style>
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem;line-height:1.45;color:#1b1b1b}
textarea,pre{font-family:ui-monospace,monospace;font-size:.9rem;width:100%;box-sizing:border-box}
textarea{min-height:14rem}pre{background:#f4f4f4;padding:.75rem;overflow:auto;max-height:32rem;white-space:pre-wrap}
label{display:block;font-weight:600;margin-top:.75rem}button{font-size:1rem;padding:.4rem 1rem;margin-top:.75rem}
input,select{font-size:1rem;width:100%;box-sizing:border-box}code{background:#f4f4f4;padding:0 .2rem}
</style></head><body>
<h1>Police discipline tracker: GraphQL API</h1>
<p>Records of police disciplinary actions, and checks of published figures against them. Send GraphQL to
<code>POST /graphql</code> with <code>Content-Type: application/json</code>. Reading public data needs no key; writing needs
<code>Authorization: Bearer &lt;key&gt;</code> of an editor. The schema is at <a href="/schema.graphql">/schema.graphql</a>.</p>
<form id="runner">
<label for="example">Example</label><select id="example">${options}</select>
<label for="query">Query</label><textarea id="query" spellcheck="false"></textarea>
<label for="variables">Variables (JSON)</label><textarea id="variables" spellcheck="false" style="min-height:4rem">{}</textarea>
<label for="key">API key (optional)</label><input id="key" type="password" autocomplete="off">
<button type="submit">Run</button>
</form>
<label for="result">Result</label><pre id="result" aria-live="polite"></pre>
<script>
const examples = ${JSON.stringify(EXAMPLES).replace(/</g, '\\u003c')};
const q = document.getElementById('query'), sel = document.getElementById('example');
function show(i){ q.value = examples[i].query; }
sel.addEventListener('change', () => show(sel.value)); show(0);
document.getElementById('runner').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const out = document.getElementById('result');
  let variables = {};
  try { variables = JSON.parse(document.getElementById('variables').value || '{}'); } catch (e) { out.textContent = 'Variables are not valid JSON'; return; }
  const headers = { 'Content-Type': 'application/json' };
  const key = document.getElementById('key').value.trim();
  if (key) headers.Authorization = 'Bearer ' + key;
  const res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query: q.value, variables }) });
  out.textContent = JSON.stringify(await res.json(), null, 2);
});
</script>
</body></html>`;
}
